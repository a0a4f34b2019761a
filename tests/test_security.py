"""No egress, no secret in clear, encrypted and disk-full outputs, interpreter self-check.

Cases 16-20 of the trust list (docs/security.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SECRETS, write_eml_tree
from helpers import outputs_text, read_jsonl, run_cli, scan_imap

from inventory.selfcheck import check_interpreter

REPO = Path(__file__).resolve().parent.parent
PW_ENV = "MAILBOX_INVENTORY_PASSWORD"


def _need(ok: bool, why: str) -> None:
    """Skip on a developer machine without the tool; in CI a missing tool is a failure."""
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {why}")
        pytest.skip(why)


# -- 16: no egress -----------------------------------------------------------------------------------

def test_suite_guard_records_and_refuses_egress(tmp_path):
    log = tmp_path / "egress.log"
    env = dict(os.environ, MI_TEST_EGRESS_LOG=str(log))
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 443), timeout=1)\n"
            "except PermissionError as e:\n    print('refused', e)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "refused" in r.stdout, r.stdout + r.stderr
    assert "192.0.2.1" in log.read_text()


def test_end_to_end_inside_a_network_namespace():
    """The IMAP end-to-end tests again, in a network namespace that has only the loopback:
    whatever the code tried beyond 127.0.0.1 would fail with ENETUNREACH."""
    _need(os.geteuid() == 0 and bool(shutil.which("unshare")) and bool(shutil.which("ip")),
          "unshare -n needs root and util-linux/iproute2")
    probe = ("import errno, socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=2)\n"
             "except OSError as e:\n    assert e.errno == errno.ENETUNREACH, e\n    print('isolated')\n")
    env = {k: v for k, v in os.environ.items() if k != "MI_TEST_EGRESS_LOG"}
    script = (f"ip link set lo up && {sys.executable} -c \"{probe}\" && "
              f"{sys.executable} -m pytest -q -p no:cacheprovider tests/test_imap.py")
    r = subprocess.run(["unshare", "-n", "--", "sh", "-c", script], cwd=REPO, capture_output=True, text=True,
                       env=env, timeout=600)
    if r.returncode != 0 and "unshare failed" in r.stderr:
        _need(False, f"unshare -n is not permitted here: {r.stderr.strip()}")
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "isolated" in r.stdout


# -- 17: the password and tokens are never in clear ----------------------------------------------------

def _grep_tree(root: Path, needle: str) -> list[str]:
    hits = []
    for p in root.rglob("*"):
        if p.is_file() and needle.encode() in p.read_bytes():
            hits.append(str(p))
    return hits


def test_keyring_secret_service_round_trip(dovecot, tmp_path):
    _need(bool(shutil.which("dbus-run-session")) and bool(shutil.which("gnome-keyring-daemon")),
          "gnome-keyring and dbus are not installed (apt-get install gnome-keyring dbus-daemon dbus-bin)")
    home, tmpdir, out = tmp_path / "home", tmp_path / "tmpdir", tmp_path / "out"
    for d in (home, tmpdir, out):
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in (PW_ENV, "PYTHON_KEYRING_BACKEND")}
    env.update(HOME=str(home), TMPDIR=str(tmpdir), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"))
    py = f"{sys.executable} -m inventory"
    url = dovecot.url()
    script = (
        "printf 'unlock-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"printf '%s\\n' \"$PW\" | {py} password set {url} && "
        f"{py} scan {url} --cafile {dovecot.cafile} --yes --state {out}/state.sqlite --out {out}/inv.xlsx "
        f"--json {out}/f.jsonl -v 2> {out}/scan.log"
    )
    r = subprocess.run(["dbus-run-session", "--", "sh", "-c", script], env=dict(env, PW=dovecot.password),
                       capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    log = (out / "scan.log").read_text() if (out / "scan.log").exists() else ""
    assert r.returncode == 0, r.stderr[-2000:] + log[-2000:]
    assert "SecretService" in r.stderr
    assert "messages scanned" in log
    # stored encrypted by the keyring daemon; in clear nowhere: home, temp folder, outputs, log
    assert (home / ".local/share/keyrings").exists()
    for root in (home, tmpdir, out):
        assert not _grep_tree(root, dovecot.password), root
    assert dovecot.password not in r.stdout + r.stderr


def test_no_keyring_backend_refuses_to_store_and_asks_each_run(dovecot, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != PW_ENV}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    r = subprocess.run([sys.executable, "-m", "inventory", "password", "set", dovecot.url()], input="s3cret-Kx9\n",
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2
    assert "no secure keyring" in r.stderr and "nothing stored" in r.stderr
    assert not _grep_tree(home, "s3cret-Kx9")
    s = subprocess.run([sys.executable, "-m", "inventory", "scan", dovecot.url(), "--cafile", dovecot.cafile, "--yes",
                        "--state", str(tmp_path / "s.sqlite")], capture_output=True, text=True, env=env, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert s.returncode == 3 and "no password" in s.stderr


def test_password_never_in_any_file_or_temp(dovecot, tmp_path):
    tmpdir, out = tmp_path / "tmpdir", tmp_path / "out"
    tmpdir.mkdir()
    out.mkdir()
    r = scan_imap(dovecot.url(), out, "-v", "--graph", str(out / "g.graphml"), "--csv", str(out / "f.csv"),
                  cafile=dovecot.cafile, env={PW_ENV: dovecot.password, "TMPDIR": str(tmpdir)})
    assert r.returncode == 0, r.stderr
    text = outputs_text(out) + r.stderr + r.stdout
    assert dovecot.password not in text
    assert not [s for s in SECRETS if s in text]
    assert not _grep_tree(tmpdir, dovecot.password)
    assert not list(tmpdir.iterdir()), list(tmpdir.iterdir())  # nothing left in the temporary folder


# -- 18: the encrypted workbook: no clear copy on disk, during or after --------------------------------

def test_encrypted_workbook_never_in_clear_on_disk(tmp_path):
    box = write_eml_tree(tmp_path / "box")
    tmpdir, out = tmp_path / "tmpdir", tmp_path / "out"
    tmpdir.mkdir()
    out.mkdir()
    env = dict(os.environ, MAILBOX_INVENTORY_WORKBOOK_PASSWORD="wb-pass-Zk4", TMPDIR=str(tmpdir))
    proc = subprocess.Popen([sys.executable, "-m", "inventory", "scan", str(box), "--out", str(out / "inv.xlsx"),
                             "--encrypt", "--state", str(tmp_path / "s.sqlite"), "-q"], env=env,
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen_zip = []
    while proc.poll() is None:  # watch the output and temporary folders while the tool runs
        for folder in (out, tmpdir):
            for p in folder.rglob("*"):
                try:
                    if p.is_file() and p.read_bytes()[:4] == b"PK\x03\x04":
                        seen_zip.append(str(p))
                except OSError:
                    pass
        time.sleep(0.005)
    assert proc.wait() == 0, proc.stderr.read()
    assert not seen_zip, seen_zip
    assert [p.name for p in out.iterdir()] == ["inv.xlsx"]
    assert (out / "inv.xlsx").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    assert not list(tmpdir.rglob("*"))
    import msoffcrypto

    f = msoffcrypto.OfficeFile(open(out / "inv.xlsx", "rb"))  # noqa: SIM115 - closed with the test
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        f.load_key(password="wrong", verify_password=True)


# -- 19: output disk full ----------------------------------------------------------------------------

def test_disk_full_clear_error_nothing_partial_state_kept(tmp_path):
    _need(os.geteuid() == 0, "mounting a small tmpfs needs root")
    box = write_eml_tree(tmp_path / "box")
    full = tmp_path / "full"
    full.mkdir()
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)], capture_output=True, text=True)
    _need(m.returncode == 0, f"cannot mount a tmpfs: {m.stderr.strip()}")
    try:
        with open(full / "filler", "wb") as fh:  # leave a few kilobytes: the workbook cannot fit
            try:
                fh.write(b"\0" * (60 * 1024))
            except OSError:
                pass
        state = tmp_path / "state.sqlite"
        r = run_cli("scan", str(box), "--state", str(state), "--out", str(full / "inv.xlsx"), "--json",
                    str(full / "f.jsonl"))
        assert r.returncode == 5, r.stderr
        assert "No space left" in r.stderr or "disk full" in r.stderr.lower()
        assert "Traceback" not in r.stderr
        left = sorted(p.name for p in full.iterdir())
        assert "inv.xlsx" not in left and not [n for n in left if n.endswith(".part") or n.startswith(".")], left
        if "f.jsonl" in left:  # written whole before the workbook ran out of space
            assert len(read_jsonl(full / "f.jsonl")) > 0
    finally:
        subprocess.run(["umount", str(full)], check=False)
    db = sqlite3.connect(state)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    db.close()
    assert n == 5
    r2 = run_cli("scan", str(box), "--state", str(state), "--out", str(tmp_path / "inv.xlsx"))
    assert r2.returncode == 0 and "0 messages scanned (5 already known)" in r2.stderr


# -- 20: interpreter self-check ----------------------------------------------------------------------

def test_interpreter_self_check_reports_this_interpreter():
    check = check_interpreter()
    assert check.version == sys.version.split()[0]
    if os.environ.get("CI"):
        assert check.ok, check.line()  # CI pins Debian's patched python3


MISSING = """
import sys
import inventory.selfcheck as sc
sc._has_strict_getaddresses = lambda: False
sc._refuses_overlapping_zip = lambda: False
from inventory.cli import main
sys.exit(main())
"""


def test_unpatched_interpreter_warns_or_refuses(tmp_path):
    box = write_eml_tree(tmp_path / "box")
    base = ["scan", str(box), "--state", str(tmp_path / "s.sqlite"), "--out", str(tmp_path / "inv.xlsx"), "--lang",
            "en"]
    r = subprocess.run([sys.executable, "-c", MISSING, *base, "--strict-interpreter"], capture_output=True,
                       text=True, timeout=120, cwd=REPO)
    assert r.returncode == 2 and "CVE-2024-0450" in r.stderr
    assert not (tmp_path / "inv.xlsx").exists()
    r = subprocess.run([sys.executable, "-c", MISSING, *base], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert "WARNING" in r.stderr and "CVE-2023-27043" in r.stderr
    from helpers import run_sheet

    assert "missing CVE-2023-27043" in run_sheet(tmp_path / "inv.xlsx")["interpreter"]
