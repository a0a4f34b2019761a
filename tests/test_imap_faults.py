"""Faults against a real Dovecot: nothing lost, nothing counted twice, nothing hangs.

Cases 8-13 of the trust list (docs/security.md). Every faulty run is compared with an
uninterrupted scan of the same 1,000 messages: same messages, same findings, no duplicates.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_message
from faultproxy import FaultProxy
from helpers import read_jsonl, run_sheet, scan_imap

from inventory.sources.imap import CHUNK, ImapSource, parse_imap_url

PW_ENV = "MAILBOX_INVENTORY_PASSWORD"


def findings_of(tmp: Path) -> Counter:
    return Counter((f["folder"], f["message_id"], f["category"], f["detector"], f["location"], f["excerpt"])
                   for f in read_jsonl(tmp / "f.jsonl"))


def messages_of(state: Path) -> list[tuple]:
    db = sqlite3.connect(state)
    rows = db.execute("SELECT folder, message_id FROM messages ORDER BY folder, uid").fetchall()
    db.close()
    return rows


@pytest.fixture(scope="module")
def baseline(big_dovecot, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("baseline")
    r = scan_imap(big_dovecot.url(), tmp, cafile=big_dovecot.cafile, env={PW_ENV: big_dovecot.password})
    assert r.returncode == 0, r.stderr
    msgs = messages_of(tmp / "state.sqlite")
    assert len(msgs) == len(set(msgs)) == 1000
    return findings_of(tmp), msgs


def assert_same_as_baseline(tmp: Path, baseline) -> None:
    findings, msgs = baseline
    got = messages_of(tmp / "state.sqlite")
    assert len(got) == len(set(got)) == 1000, "a message is missing or counted twice"
    assert got == msgs
    assert findings_of(tmp) == findings


# -- 8 and 9: connection dropped, reset, killed or stalled mid-FETCH --------------------------------

@pytest.mark.parametrize("mode", ["drop", "reset", "kick", "kill"])
def test_connection_lost_mid_fetch_resumes(big_dovecot, baseline, tmp_path, mode):
    dv = big_dovecot
    if mode == "kick":
        proxy_mode, hook = "hook", dv.kick
    elif mode == "kill":
        proxy_mode, hook = "hook", lambda: [os.kill(pid, signal.SIGKILL) for pid in dv.imap_pids()]
    else:
        proxy_mode, hook = mode, None
    with FaultProxy(("127.0.0.1", dv.tls), mode=proxy_mode, nbytes=300_000, on_fault=hook) as proxy:
        r = scan_imap(f"imaps://alice@127.0.0.1:{proxy.port}", tmp_path, cafile=dv.cafile,
                      env={PW_ENV: dv.password})
        assert proxy.faults == 1 and proxy.connections >= 2
    assert r.returncode == 0, r.stderr
    assert "reconnecting" in r.stderr
    assert int(run_sheet(tmp_path / "inv.xlsx")["reconnections"]) >= 1
    assert_same_as_baseline(tmp_path, baseline)


def test_stalled_server_times_out_and_resumes(big_dovecot, baseline, tmp_path):
    dv = big_dovecot
    t = time.monotonic()
    with FaultProxy(("127.0.0.1", dv.tls), mode="stall", nbytes=300_000) as proxy:
        r = scan_imap(f"imaps://alice@127.0.0.1:{proxy.port}", tmp_path, "--timeout", "3", cafile=dv.cafile,
                      env={PW_ENV: dv.password}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t < 60
    assert_same_as_baseline(tmp_path, baseline)


def test_server_that_keeps_stalling_ends_with_a_clear_error(big_dovecot, tmp_path):
    dv = big_dovecot
    t = time.monotonic()
    # every connection stalls before the first batch of bodies is complete: no progress is possible
    with FaultProxy(("127.0.0.1", dv.tls), mode="stall", nbytes=20_000, faulty=100) as proxy:
        r = scan_imap(f"imaps://alice@127.0.0.1:{proxy.port}", tmp_path, "--timeout", "1", "--folder", "INBOX",
                      cafile=dv.cafile, env={PW_ENV: dv.password}, timeout=120)
    assert r.returncode == 4, r.stderr
    assert "giving up on INBOX" in r.stderr
    assert time.monotonic() - t < 90
    assert proxy.connections == 6  # the first and five capped reconnections
    assert messages_of(tmp_path / "state.sqlite") == []


# -- 10: the scanner killed with SIGKILL, then run again --------------------------------------------

def test_sigkill_then_rerun_gives_the_uninterrupted_result(big_dovecot, baseline, tmp_path):
    dv = big_dovecot
    state = tmp_path / "state.sqlite"
    env = dict(os.environ, **{PW_ENV: dv.password})
    cmd = [sys.executable, "-m", "inventory", "scan", dv.url(), "--yes", "--cafile", dv.cafile, "--state",
           str(state), "--json", str(tmp_path / "f.jsonl"), "--out", str(tmp_path / "inv.xlsx"), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    committed = 0
    end = time.monotonic() + 60
    while time.monotonic() < end and proc.poll() is None:
        if state.exists():
            try:
                db = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1)
                committed = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
                db.close()
            except sqlite3.Error:
                committed = 0
        if committed:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the scan ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the scanner and its workers, mid-folder
    proc.wait(10)
    assert 0 < committed < 1000
    db = sqlite3.connect(state)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert not (tmp_path / "inv.xlsx").exists() and not (tmp_path / "f.jsonl").exists()

    r = scan_imap(dv.url(), tmp_path, cafile=dv.cafile, env={PW_ENV: dv.password})
    assert r.returncode == 0, r.stderr
    run = run_sheet(tmp_path / "inv.xlsx")
    assert int(run["messages already in the state"]) >= committed
    assert int(run["messages scanned this run"]) + int(run["messages already in the state"]) == 1000
    assert_same_as_baseline(tmp_path, baseline)


# -- 11: UIDVALIDITY reset on the server between two runs --------------------------------------------

def test_uidvalidity_reset_rescans_the_folder_and_says_so(dovecot_factory, tmp_path):
    from mailboxes import thousand

    dv = dovecot_factory(thousand()[:400] + thousand()[400:450])  # INBOX 400, Sent 50
    first = scan_imap(dv.url(), tmp_path / "a", cafile=dv.cafile, env={PW_ENV: dv.password},
                      state=tmp_path / "state.sqlite")
    assert first.returncode == 0, first.stderr
    before = findings_of(tmp_path / "a")
    sent = dv.maildir / ".Sent"
    for p in list(sent.glob("dovecot-uidlist")) + list(sent.glob("dovecot.index*")):
        p.unlink()
    r = scan_imap(dv.url(), tmp_path / "b", cafile=dv.cafile, env={PW_ENV: dv.password},
                  state=tmp_path / "state.sqlite")
    assert r.returncode == 0, r.stderr
    run = run_sheet(tmp_path / "b" / "inv.xlsx")
    assert run["UIDVALIDITY changes (folder rescanned)"] == "Sent"
    assert run["messages scanned this run"] == "50"
    assert findings_of(tmp_path / "b") == before
    msgs = messages_of(tmp_path / "state.sqlite")
    assert len(msgs) == len(set(msgs)) == 450


# -- 12: another session expunges, flags and appends while the scan runs ------------------------------

def test_concurrent_expunge_flag_and_append(dovecot_factory, tmp_path):
    from imapclient import IMAPClient
    from mailboxes import thousand

    dv = dovecot_factory(thousand()[:300])
    other = IMAPClient("127.0.0.1", port=dv.tls, ssl_context=__import__("ssl").create_default_context(
        cafile=dv.cafile), timeout=10)
    other.login("alice", dv.password)
    other.select_folder("INBOX")
    uids = sorted(other.search("ALL"))
    victim = uids[250]  # far ahead of the first fetched batch
    victim_id = other.fetch([victim], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])[victim]
    victim_id = next(iter(v for k, v in victim_id.items() if k != b"SEQ")).decode().split(":", 1)[1].strip()

    def meanwhile():
        other.add_flags([uids[5], uids[260]], [b"\\Flagged"])
        other.delete_messages([victim])
        other.expunge()
        other.append("INBOX", make_message("Nouveau", "Arrivé pendant l'analyse.", msgid="<late@t>"))

    with FaultProxy(("127.0.0.1", dv.tls), mode="hook", nbytes=120_000, on_fault=meanwhile) as proxy:
        r = scan_imap(f"imaps://alice@127.0.0.1:{proxy.port}", tmp_path, cafile=dv.cafile,
                      env={PW_ENV: dv.password})
        assert proxy.faults == 1
    assert r.returncode == 0, r.stderr
    run = run_sheet(tmp_path / "inv.xlsx")
    assert run["messages with errors this run"] == "0"
    ids = [m for _f, m in messages_of(tmp_path / "state.sqlite")]
    assert victim_id not in ids and len(ids) == len(set(ids))
    assert len(ids) in (299, 300)  # the late message may be seen by this run's search or the next
    r2 = scan_imap(f"imaps://alice@127.0.0.1:{dv.tls}", tmp_path, cafile=dv.cafile, env={PW_ENV: dv.password})
    assert r2.returncode == 0, r2.stderr
    ids = [m for _f, m in messages_of(tmp_path / "state.sqlite")]
    assert "<late@t>" in ids and victim_id not in ids and len(ids) == len(set(ids)) == 300
    other.logout()


# -- 13: a 25 MB attachment in chunks, and a message over the size cap --------------------------------

@pytest.fixture(scope="module")
def big_attachment():
    data = os.urandom(25 * 1024 * 1024)
    return make_message("Archive", "Voici l'archive.", msgid="<big@t>",
                        attachments=[("archive.bin", "application/octet-stream", data)])


def test_large_message_fetched_in_chunks_with_bounded_memory(dovecot_factory, big_attachment):
    dv = dovecot_factory([("INBOX", big_attachment), ("INBOX", make_message("Petit", "Rien.", msgid="<s@t>"))])
    src = ImapSource(parse_imap_url(dv.url()), cafile=dv.cafile, password_provider=lambda: dv.password)
    with src:
        folder = next(f for f in src.folders() if f.name == "INBOX")
        uids = src.uids(folder)
        tracemalloc.start()
        got = list(src.fetch(folder, uids))
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert [len(m.data) for m in got] == [m.size for m in got]
    size = got[0].size
    assert size > 25 * 1024 * 1024 and got[0].data.count(b"\r\n") > 1000
    # the message itself plus a few chunks: a single BODY.PEEK[] costs about three times the message
    assert peak < size + 3 * CHUNK + 2 * 1024 * 1024, (peak, size)
    cmds = " ".join(p.read_text(errors="replace") for p in dv.rawlog.glob("*.in"))
    assert "BODY.PEEK[]<0.1048576>" in cmds


def test_message_over_the_cap_is_listed_not_dropped(dovecot_factory, tmp_path, big_attachment):
    dv = dovecot_factory([("INBOX", big_attachment), ("INBOX", make_message("Petit", "Rien.", msgid="<s@t>"))])
    for run_dir in ("a", "b"):
        r = scan_imap(dv.url(), tmp_path / run_dir, "--max-message-size", "10", cafile=dv.cafile,
                      env={PW_ENV: dv.password}, state=tmp_path / "state.sqlite")
        assert r.returncode == 0, r.stderr
    db = sqlite3.connect(tmp_path / "state.sqlite")
    rows = db.execute("SELECT folder, reason, detail FROM errors").fetchall()
    assert rows == [("INBOX", "too large, not scanned", f"{rows[0][2]}")] and int(rows[0][2].split()[0]) > 10 << 20
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1
    db.close()
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "b" / "inv.xlsx", read_only=True)
    cells = [str(c) for row in wb["Errors"].iter_rows(values_only=True) for c in row]
    assert "too large, not scanned" in cells
    cmds = " ".join(p.read_text(errors="replace") for p in dv.rawlog.glob("*.in"))
    assert "BODY.PEEK[]<" not in cmds  # never fetched

