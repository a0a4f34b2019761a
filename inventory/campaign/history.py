"""The campaign's own record, kept in OUT/campaign.sqlite on the machine that runs the campaign.

It holds the campaign key (the keyed hashes of data subjects and values of every mailbox are made
with it, so a person found in ten mailboxes counts once), and what each run found per mailbox (as
short hashes of findings, never content) to tell next year's report what is new and what was
cleaned up. The key never leaves this file but inside a task, in memory, for the mailbox it scans.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ..errors import OutputError
from .aggregate import MailboxSummary

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT, started TEXT, finished TEXT,
    workers TEXT, info TEXT);
CREATE TABLE IF NOT EXISTS mailbox_runs (run_id INTEGER NOT NULL, mailbox_id TEXT NOT NULL, status TEXT,
    attempts INTEGER, messages INTEGER, findings INTEGER, risk REAL, error_kind TEXT, error TEXT, seconds REAL,
    PRIMARY KEY (run_id, mailbox_id));
CREATE TABLE IF NOT EXISTS signatures (run_id INTEGER NOT NULL, mailbox_id TEXT NOT NULL, sig TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS signatures_run ON signatures (run_id, mailbox_id);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class History:
    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / "campaign.sqlite"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            if new:
                os.chmod(self.path, 0o600)
            self.db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise OutputError(f"cannot open {self.path}: {exc}") from exc

    def key(self) -> bytes:
        row = self.db.execute("SELECT value FROM meta WHERE key='campaign_key'").fetchone()
        if row:
            return bytes.fromhex(row[0])
        key = secrets.token_bytes(32)
        self.db.execute("INSERT INTO meta VALUES ('campaign_key', ?)", (key.hex(),))
        return key

    def start_run(self, file: str, workers: str) -> int:
        cur = self.db.execute("INSERT INTO runs (file, started, workers) VALUES (?,?,?)", (file, _now(), workers))
        return int(cur.lastrowid)

    def previous_signatures(self, before_run: int) -> dict[str, set[str]]:
        """For each mailbox, the signatures of its last completed run before ``before_run`` of the same file."""
        out: dict[str, set[str]] = {}
        rows = self.db.execute(
            "SELECT mr.mailbox_id, MAX(mr.run_id) FROM mailbox_runs mr JOIN runs r ON r.id = mr.run_id "
            "WHERE mr.status='done' AND mr.run_id < ? AND r.file = (SELECT file FROM runs WHERE id=?) "
            "GROUP BY mr.mailbox_id", (before_run, before_run)).fetchall()
        for mid, run_id in rows:
            out[mid] = {s for (s,) in self.db.execute(
                "SELECT sig FROM signatures WHERE run_id=? AND mailbox_id=?", (run_id, mid))}
        return out

    def previous_run(self, before_run: int) -> tuple[int, str] | None:
        row = self.db.execute("SELECT id, started FROM runs WHERE id < ? AND finished IS NOT NULL AND "
                              "file = (SELECT file FROM runs WHERE id=?) ORDER BY id DESC LIMIT 1",
                              (before_run, before_run)).fetchone()
        return (int(row[0]), row[1]) if row else None

    def record(self, run_id: int, s: MailboxSummary) -> None:
        self.db.execute("BEGIN")
        self.db.execute("INSERT OR REPLACE INTO mailbox_runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (run_id, s.id, s.status, s.attempts, s.messages, s.findings, s.risk, s.error_kind,
                         s.error, s.seconds))
        self.db.execute("DELETE FROM signatures WHERE run_id=? AND mailbox_id=?", (run_id, s.id))
        self.db.executemany("INSERT INTO signatures VALUES (?,?,?)", [(run_id, s.id, x) for x in s.signatures])
        self.db.execute("COMMIT")

    def finish_run(self, run_id: int, info: dict) -> None:
        self.db.execute("UPDATE runs SET finished=?, info=? WHERE id=?", (_now(), json.dumps(info), run_id))

    def last_run(self) -> dict | None:
        row = self.db.execute("SELECT id, file, started, finished, workers, info FROM runs ORDER BY id DESC "
                              "LIMIT 1").fetchone()
        if not row:
            return None
        statuses = dict(self.db.execute("SELECT mailbox_id, status FROM mailbox_runs WHERE run_id=?", (row[0],)))
        return {"id": row[0], "file": row[1], "started": row[2], "finished": row[3], "workers": row[4],
                "info": json.loads(row[5]) if row[5] else {}, "mailboxes": statuses}

    def close(self) -> None:
        self.db.close()
