"""Campaigns over local mailboxes (fast): a split mailbox equals the whole, the second run of a
file says what is new and what was cleaned up, pseudonyms hide owners, status and report work,
and a separately started scheduler and worker on the loopback run the same campaign."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE, make_message, write_eml_tree, write_maildir
from helpers import pool_results, run_cli
from openpyxl import load_workbook


def _campaign(tmp: Path, extra: str = "") -> Path:
    write_maildir(tmp / "anne")
    write_eml_tree(tmp / "bob", SAMPLE[:3])
    p = tmp / "c.toml"
    p.write_text(f'[campaign]\nname = "local"\nlang = "en"\nretries = 0\n{extra}\n'
                 '[[mailbox]]\nowner = "Anne Leroy"\nsource = "anne"\nconsent = "form 7 signed by Anne Leroy"\n'
                 'unit = "Lab A"\n\n'
                 '[[mailbox]]\nowner = "Bob Petit"\nsource = "bob"\nconsent = "ticket 42"\nunit = "Lab B"\n\n'
                 '[[mailbox]]\nowner = "Carl Noconsent"\nsource = "bob"\nunit = "Lab B"\n')
    return p


def _rows(xlsx: Path, sheet: str) -> list[tuple]:
    wb = load_workbook(xlsx, read_only=True)
    rows = [r for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    return rows


def _findings(state: Path) -> set[tuple]:
    db = sqlite3.connect(state)
    rows = set(db.execute("SELECT m.folder, m.message_id, f.category, f.detector, f.location, f.excerpt "
                          "FROM findings f JOIN messages m ON m.key = f.message_key"))
    n = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    db.close()
    return rows | {("count", n)}


def test_split_changes_pseudonyms_status_report(tmp_path):
    from inventory.campaign.config import load
    from inventory.campaign.run import RunOptions, run_campaign, write_reports

    whole_dir, split_dir = tmp_path / "whole", tmp_path / "split"
    whole_dir.mkdir()
    split_dir.mkdir()
    c_whole = load(_campaign(whole_dir))
    c_split = load(_campaign(split_dir, "split_messages = 2"))
    s_whole, _ = run_campaign(c_whole, RunOptions(whole_dir / "out", workers=1))
    s_split, run1 = run_campaign(c_split, RunOptions(split_dir / "out", workers=2))
    assert [s.status for s in s_split] == ["done", "done"]
    for a, b in zip(s_whole, s_split, strict=True):
        assert _findings(whole_dir / "out" / "state" / f"{a.id}.sqlite") == \
            _findings(split_dir / "out" / "state" / f"{b.id}.sqlite")
        assert a.by_category == b.by_category and a.subjects != b.subjects  # other campaign, other key
    assert list((split_dir / "out" / "state").glob("*.parts/*.sqlite")), "the maildir was not split"
    write_reports(c_split, split_dir / "out", s_split, run1)

    # second run: one message with a password deleted from Anne's Maildir, one added
    anne = split_dir / "anne"
    victim = next(p for p in anne.rglob("*") if p.is_file() and b"Tr0ub4dor" in p.read_bytes())
    victim.unlink()
    (anne / "new" / "1800000000.M1P1.test").write_bytes(make_message(
        "Nouveau", "Le digicode du local serveur est 7731B.", msgid="<new@t>"))
    r = run_cli("campaign", "run", str(split_dir / "c.toml"), "--out", str(split_dir / "out"), "--workers", "1",
                "--pseudonymise")
    assert r.returncode == 0, r.stderr
    assert "1 refused" in r.stderr
    rssi = split_dir / "out" / "campaign.xlsx"
    changes = _rows(rssi, "Changes")
    anne_rows = [x for x in changes[1:] if x[1] and x[1].startswith("anne-leroy") and x[3] == "credentials"]
    assert anne_rows and anne_rows[0][4] >= 1 and anne_rows[0][5] >= 1, changes
    mailboxes = _rows(rssi, "Mailboxes")
    assert mailboxes[0][0] == "Mailbox" and all(str(x[0]).startswith("MBX-") for x in mailboxes[1:])
    text = "\n".join(str(x) for x in mailboxes + _rows(rssi, "Failures"))
    for name in ("Anne", "Leroy", "Bob Petit", "Noconsent"):
        assert name not in text
    assert "form 7 signed by" in text  # the consent reference stays, without the owner's name

    r = run_cli("campaign", "status", str(split_dir / "c.toml"), "--out", str(split_dir / "out"))
    assert r.returncode == 0 and "done" in r.stdout and "refused" in r.stdout, r.stdout + r.stderr
    (split_dir / "out" / "campaign.xlsx").unlink()
    r = run_cli("campaign", "report", str(split_dir / "c.toml"), "--out", str(split_dir / "out"))
    assert r.returncode == 0, r.stderr
    assert _rows(split_dir / "out" / "campaign.xlsx", "Mailboxes")[1][0] in ("Anne Leroy", "Bob Petit")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tls_files(d: Path) -> list[str]:
    """One self-signed certificate for 127.0.0.1, used as the CA and by every side (as in Dask's own tests)."""
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return ["--tls-ca-file", str(cert), "--tls-cert", str(cert), "--tls-key", str(key)]


@pytest.mark.slow
@pytest.mark.parametrize("protocol", ["tcp", "tls"])
def test_separate_scheduler_on_loopback(tmp_path, protocol):
    """--scheduler: a scheduler and a worker started apart, as on a real cluster, on 127.0.0.1; with TLS
    the client, the scheduler and the worker all present certificates."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if not dask:
        pytest.skip("the dask command is not installed")
    c = _campaign(tmp_path)
    tls = _tls_files(tmp_path) if protocol == "tls" else []
    port = _free_port()
    address = f"{protocol}://127.0.0.1:{port}"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--protocol", protocol,
                               "--dashboard-address", "127.0.0.1:0", *tls],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        procs.append(subprocess.Popen([dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                       "--nworkers", "1", "--dashboard-address", "127.0.0.1:0", *tls],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        r = run_cli("campaign", "run", str(c), "--out", str(tmp_path / "out"), "--scheduler", address, *tls,
                    timeout=180)
        assert r.returncode == 0, r.stderr
        assert "2 mailboxes scanned, 0 failed, 1 refused" in r.stderr
        run = dict(x[:2] for x in _rows(tmp_path / "out" / "campaign.xlsx", "Run")[1:])
        assert run["workers"] == address
        if tls:  # a client without the certificate is refused
            r = run_cli("campaign", "run", str(c), "--out", str(tmp_path / "out2"), "--scheduler", address,
                        timeout=120, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "5s"})
            assert r.returncode != 0
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_plan_parts_groups_folders_stably():
    from inventory.campaign.run import plan_parts

    sizes = (("INBOX", 90), ("Sent", 40), ("Archive", 120), ("Drafts", 5), ("Trash", 50))
    parts = plan_parts(sizes, 100)
    assert sorted(f for fs in parts.values() for f in fs) == sorted(n for n, _ in sizes)
    assert ("Archive",) in parts.values()  # larger than the limit: a part of its own
    assert plan_parts(tuple(reversed(sizes)), 100) == parts  # same folders, same parts, same state files


def test_unusable_campaign_files(tmp_path):
    from inventory.campaign.config import load
    from inventory.errors import UsageError

    cases = {
        "no mailbox": "[campaign]\nname = 'x'\n",
        "unknown campaign key": "[campaign]\nworkerz = 3\n[[mailbox]]\nowner='a'\nsource='m'\nconsent='c'\n",
        "token in the file": "[[mailbox]]\nowner='a'\nsource='imaps://a@h'\ntoken='t'\nconsent='c'\n",
        "twice the same mailbox": "[[mailbox]]\nowner='a'\nsource='m'\nconsent='c'\n"
                                  "[[mailbox]]\nowner='a'\nsource='m'\nconsent='c'\n",
        "not TOML": "[[mailbox]\n",
    }
    for what, text in cases.items():
        p = tmp_path / "c.toml"
        p.write_text(text)
        with pytest.raises(UsageError):
            load(p)
            pytest.fail(what)
    p.write_text("[[mailbox]]\nowner='a'\nsource='m'\nconsent = { by = 'A. B.', date = '2026-11-02', "
                 "reference = 'ticket 7' }\n")
    assert str(load(p).mailboxes[0].consent) == "by: A. B.; date: 2026-11-02; reference: ticket 7"


def test_local_cluster_stays_on_the_loopback():
    from inventory.campaign.run import start_client
    from inventory.errors import UsageError

    with pytest.raises(UsageError):
        start_client(None, 1, "0.0.0.0:8787")
    client, cluster = start_client(None, 1, None)
    try:
        info = client.scheduler_info()
        assert info["address"].startswith("tcp://127.0.0.1:")
        assert info["workers"] and all(a.startswith("tcp://127.0.0.1:") for a in info["workers"])
        # Dask's scheduler always serves /health and /metrics over HTTP: on the loopback here
        http = cluster.scheduler.http_server
        bound = {s.getsockname()[0] for s in http._sockets.values()}
        assert bound == {"127.0.0.1"}, bound
        assert "dashboard" not in {type(app).__name__.lower() for app in getattr(http, "applications", [])}
    finally:
        client.close()
        cluster.close()


def test_campaign_analysis_process_keeps_the_budget():
    """A campaign task analyses in a process started by a fork server (no fork beside the Dask worker's
    threads): a runaway message is still stopped by its budget and becomes an error row."""
    from test_hostile import _sleepy_detectors

    from inventory.analyze import Options
    from inventory.model import RawMessage
    from inventory.workers import Pool

    pool = Pool(1, _sleepy_detectors, Options(hmac_key=b"k" * 32), budget=1.0, context="forkserver")
    msgs = [RawMessage("t", "INBOX", i, 1, make_message(f"m{i}", "ENDLESS" if i == 2 else "ordinaire"), (), None, 0)
            for i in range(1, 5)]
    results = pool_results(pool, msgs)
    by_uid = {r.uid: r for r in results}
    assert sorted(by_uid) == [1, 2, 3, 4]
    assert by_uid[2].errors[0]["reason"] == "time budget exceeded"
    assert pool.killed == 1


def test_campaign_task_runs_its_analysis_under_the_guard(tmp_path):
    """The analysis process of a task installs the no-egress guard before building the detectors."""
    from inventory.campaign.tasks import guarded_detectors

    code = ("import socket, sys\nfrom inventory.campaign.tasks import guarded_detectors\nguarded_detectors(())\n"
            "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept PermissionError as e:\n"
            "    sys.exit(0 if 'blocked by mailbox-inventory' in str(e) else 1)\nsys.exit(2)\n")
    env = {k: v for k, v in __import__("os").environ.items() if k != "MI_TEST_EGRESS_LOG"}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert guarded_detectors
