"""Campaigns end to end: one Dovecot with 20 accounts, a LocalCluster of 2 workers, one worker
killed in the middle of a mailbox. The campaign's inventories must equal single-mailbox scans,
the failures and refusals must be reported, the workbooks must agree, and the DPO's distinct
data subjects must equal a count made by hand over the fixture."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from campaign_fixture import (
    BIG,
    BIG_MESSAGES,
    N_ACCOUNTS,
    NO_CONSENT,
    WRONG_PASSWORD,
    expected_subjects,
    mailbox,
    password,
    user,
)
from conftest import _start
from openpyxl import load_workbook

from inventory.campaign.config import load as load_campaign
from inventory.errors import UsageError

pytestmark = pytest.mark.imap


def _campaign_file(tmp: Path, dv, retries: int = 1) -> Path:
    lines = [f'[campaign]\nname = "test campaign"\nretries = {retries}\nretry_delay = 0.2\nlang = "en"\n'
             f'cafile = "{dv.cafile}"\n']
    for i in range(N_ACCOUNTS):
        pw = "not-the-password" if i == WRONG_PASSWORD else password(i)
        lines.append("[[mailbox]]")
        lines.append(f'owner = "Owner {i:02d}"')
        lines.append(f'source = "{dv.url(user(i))}"')
        lines.append(f"password_command = \"{sys.executable} -c 'print(\\\"{pw}\\\")'\"")
        if i != NO_CONSENT:
            lines.append(f'consent = "signed form 2026-{i:03d}, 2026-11-02"')
        lines.append(f'unit = "{"LISTE lab" if i < 10 else "CHIMIE lab"}"')
        lines.append(f'site = "{"Nord" if i % 2 else "Sud"}"\n')
    p = tmp / "campaign.toml"
    p.write_text("\n".join(lines))
    return p


@pytest.fixture(scope="module")
def twenty():
    dv = _start([])
    for i in range(N_ACCOUNTS):
        dv.add_account(user(i), password(i), mailbox(i))
    dv.stop(remove=False)  # the users file changed after configure: restart to be sure it is read
    dv.start()
    yield dv
    dv.stop()


def _sigs(db_path: Path) -> set[tuple]:
    db = sqlite3.connect(db_path)
    rows = db.execute("SELECT m.message_id, f.category, f.detector, f.location, f.excerpt FROM findings f "
                      "JOIN messages m ON m.key = f.message_key").fetchall()
    db.close()
    return set(rows)


def _single_scan(dv, i: int, state: Path) -> None:
    """The single-mailbox pipeline, in process: ImapSource + scan into a fresh state of its own key."""
    from detectors.registry import build_detectors
    from inventory.analyze import Options
    from inventory.auth import password_provider
    from inventory.extract import Limits
    from inventory.scan import scan
    from inventory.sources.imap import ImapSource, parse_imap_url
    from inventory.store import Store

    target = parse_imap_url(dv.url(user(i)))
    source = ImapSource(target, cafile=dv.cafile, password_provider=lambda: password(i))
    store = Store(state)
    detectors = build_detectors()
    with source:
        scan(source, store, Options(hmac_key=store.hmac_key(), limits=Limits(ocr=True)), lambda: detectors)
    store.close()
    assert password_provider  # the same provider module the campaign uses


def test_campaign_on_local_cluster(twenty, tmp_path):
    from inventory.campaign.run import RunOptions, run_campaign, write_reports

    camp = load_campaign(_campaign_file(tmp_path, twenty))
    assert len(camp.mailboxes) == 19 and len(camp.refused) == 1
    out = tmp_path / "out"
    big_id = next(m.id for m in camp.mailboxes if m.owner == f"Owner {BIG:02d}")
    killed: dict = {}

    def kill_mid_mailbox(client) -> None:
        """Kill the worker scanning the big mailbox once part of it is committed to its state."""
        if killed:
            return
        state = out / "state" / f"{big_id}.sqlite"
        if not state.exists():
            return
        try:
            db = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1)
            n = db.execute("SELECT count(*) FROM messages").fetchone()[0]
            db.close()
        except sqlite3.Error:
            return
        if not 0 < n < BIG_MESSAGES:
            return
        pids = client.run(os.getpid)
        for addr, keys in client.processing().items():
            if any(str(k).startswith(f"scan-{big_id}") for k in keys):
                os.kill(pids[addr], signal.SIGKILL)
                killed.update(addr=addr, committed=n)

    summaries, run_id = run_campaign(camp, RunOptions(out, workers=2, watch=kill_mid_mailbox, poll=0.2))
    rssi, dpo = write_reports(camp, out, summaries, run_id)
    assert killed, "the big mailbox was never seen mid-scan"

    by_owner = {s.owner: s for s in summaries}
    failed = [s for s in summaries if s.status == "failed"]
    assert [s.owner for s in failed] == [f"Owner {WRONG_PASSWORD:02d}"]
    assert failed[0].error_kind == "authentication" and failed[0].attempts == 2
    done = [s for s in summaries if s.status == "done"]
    assert len(done) == 18

    # the killed mailbox resumed from its state: every message once, the rerun found the first ones known
    big_state = out / "state" / f"{big_id}.sqlite"
    db = sqlite3.connect(big_state)
    assert db.execute("SELECT count(*), count(DISTINCT key) FROM messages").fetchone() == (BIG_MESSAGES,
                                                                                          BIG_MESSAGES)
    runs = [json.loads(r[0]) for r in db.execute("SELECT info FROM runs")]
    db.close()
    assert runs and int(runs[-1]["already known"]) >= killed["committed"]

    # 18 inventories identical to single-mailbox scans
    for i in range(N_ACCOUNTS):
        if i in (WRONG_PASSWORD, NO_CONSENT):
            continue
        s = by_owner[f"Owner {i:02d}"]
        single = tmp_path / "single" / f"{i}.sqlite"
        _single_scan(twenty, i, single)
        assert _sigs(out / "state" / f"{s.id}.sqlite") == _sigs(single), f"Owner {i:02d}"
        assert s.messages == (BIG_MESSAGES if i == BIG else 24)

    # per-mailbox counts in the campaign workbook equal the owners' workbooks
    wb = load_workbook(rssi, read_only=True)
    rows = list(wb["Mailbox categories"].iter_rows(values_only=True))
    head = rows[0]
    camp_counts = {(r[head.index("Id")], r[head.index("Category")]): (r[head.index("Messages")],
                                                                      r[head.index("Findings")]) for r in rows[1:]}
    mailboxes = {r[1]: r for r in wb["Mailboxes"].iter_rows(values_only=True)}
    failures = list(wb["Failures"].iter_rows(values_only=True))
    wb.close()
    for s in done:
        owb = load_workbook(out / "owners" / f"{s.id}.xlsx", read_only=True)
        owner_rows = list(owb[owb.sheetnames[0]].iter_rows(values_only=True))
        owb.close()
        for r in owner_rows:
            if r and len(r) > 4 and (s.id, r[1]) in camp_counts:
                assert camp_counts[(s.id, r[1])] == (r[3], r[4]), (s.id, r[1])
        assert mailboxes[s.id][mailboxes["Id"].index("Status")] == "done"
    kinds = {r[1]: r[failures[0].index("Kind")] for r in failures[1:]}
    assert kinds[failed[0].id] == "authentication"
    refused_id = camp.refused[0] and next(r[1] for r in failures[1:] if r[0] == f"Owner {NO_CONSENT:02d}")
    assert kinds[refused_id] == "consent"
    assert any(by_owner[f"Owner {i:02d}"].category("credentials")[1] for i in range(0, 18, 3))

    # the DPO's distinct data subjects equal the hand computation
    reg = load_workbook(dpo, read_only=True)
    subjects = {r[0]: r[1] for r in reg["Data subjects"].iter_rows(values_only=True) if r and r[0]}
    reg.close()
    assert subjects["Organisation"] == expected_subjects()

    # nothing of the messages' content in the RSSI workbook or the register
    import zipfile

    for path in (rssi, dpo):
        with zipfile.ZipFile(path) as z:
            text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        for needle in ("Réunion", "Durand", "Renard", "FR76", "univ-exemple.fr", "Zt00-rQ8", "not-the-password",
                       password(3)):
            assert needle not in text, (path.name, needle)


def test_secret_in_campaign_file_is_refused(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[[mailbox]]\nowner = "A"\nsource = "imaps://a@h"\npassword = "x"\nconsent = "form 1"\n')
    with pytest.raises(UsageError, match="Secrets never go in the file"):
        load_campaign(p)


def test_minimal_form_and_refusal(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[[mailbox]]\nowner = "the owner"\nsource = "imaps://owner@imap.example.org"\n'
                 'password_command = "pass show imap/owner"\nconsent = "signed form 2026-031, 2026-11-02"\n'
                 'unit = "LISTE lab"\n\n[[mailbox]]\nowner = "no consent"\nsource = "mail/"\nunit = "X"\n')
    c = load_campaign(p)
    assert [m.owner for m in c.mailboxes] == ["the owner"] and c.mailboxes[0].group("unit") == "LISTE lab"
    assert c.mailboxes[0].password_command == "pass show imap/owner"
    assert [r.owner for r in c.refused] == ["no consent"] and c.group_names == ("unit",)
