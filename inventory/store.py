"""The inventory's state: one SQLite file per inventory.

It records which (account, folder, UIDVALIDITY, UID) were scanned, their masked findings,
correspondents, attachments and errors, so a second run scans only what is new. Each message
is committed with its findings in one transaction: a scan killed at any point leaves a
consistent file and resumes where it stopped. Raw bodies and clear values are never stored.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from detectors.finding import Finding

from .analyze import MessageResult
from .errors import OutputError

BATCH_MESSAGES = 250
BATCH_SECONDS = 2.0

SCHEMA_VERSION = 1
#: the version of the redaction rules (inventory/redaction.py) the state's text went through
REDACTION_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS folders (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL,
    previous_uidvalidity INTEGER, changed_at TEXT, PRIMARY KEY (account, folder));
CREATE TABLE IF NOT EXISTS messages (
    key TEXT PRIMARY KEY, account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL, message_id TEXT, date TEXT, subject TEXT, sender_name TEXT, sender TEXT,
    size INTEGER, parsed INTEGER, seconds REAL, scanned_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX IF NOT EXISTS messages_folder ON messages (account, folder, uidvalidity, uid);
CREATE TABLE IF NOT EXISTS findings (
    message_key TEXT NOT NULL REFERENCES messages(key) ON DELETE CASCADE,
    category TEXT NOT NULL, detector TEXT NOT NULL, location TEXT NOT NULL, excerpt TEXT,
    score REAL, severity TEXT, reason TEXT, label TEXT, value_hash TEXT, masked_value TEXT, count INTEGER);
CREATE INDEX IF NOT EXISTS findings_message ON findings (message_key);
CREATE TABLE IF NOT EXISTS recipients (
    message_key TEXT NOT NULL REFERENCES messages(key) ON DELETE CASCADE,
    role TEXT NOT NULL, name TEXT, addr TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS recipients_message ON recipients (message_key);
CREATE TABLE IF NOT EXISTS attachments (
    message_key TEXT NOT NULL REFERENCES messages(key) ON DELETE CASCADE,
    location TEXT, name TEXT, type TEXT, size INTEGER, sha256 TEXT, status TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS attachments_message ON attachments (message_key);
CREATE TABLE IF NOT EXISTS subjects (
    message_key TEXT NOT NULL REFERENCES messages(key) ON DELETE CASCADE, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS subjects_message ON subjects (message_key);
CREATE TABLE IF NOT EXISTS errors (
    message_key TEXT, account TEXT, folder TEXT, uid INTEGER, location TEXT, reason TEXT, detail TEXT,
    at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT, finished TEXT, info TEXT);
"""


class Store:
    """A thin layer over the SQLite file; all writes go through :meth:`save_result`."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            if new:
                os.chmod(self.path, 0o600)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
            self._redact_older_rows()
        except (sqlite3.Error, OSError) as exc:
            raise OutputError(f"cannot open the state file {self.path}: {exc}") from exc
        self._pending = 0
        self._batch_started = 0.0

    # -- redaction --------------------------------------------------------------------------
    def _redact_older_rows(self) -> None:
        """A state written before the redaction at the output boundary (or by an older set of its
        rules) may hold text that the workbook must not show: it is redacted once, in place."""
        row = self.db.execute("SELECT value FROM meta WHERE key='redaction'").fetchone()
        if row is not None and row[0].isdigit() and int(row[0]) >= REDACTION_VERSION:
            return
        if self.db.execute("SELECT 1 FROM messages LIMIT 1").fetchone() is not None:
            from .redaction import redact, redact_location

            def text(v):
                return redact(v) if isinstance(v, str) and v else v

            def loc(v):
                return redact_location(v) if isinstance(v, str) and v else v

            columns = {"messages": (("subject", text), ("sender_name", text)),
                       "recipients": (("name", text),),
                       "attachments": (("name", text), ("location", loc), ("reason", text)),
                       "findings": (("excerpt", text), ("location", loc), ("reason", text), ("masked_value", text)),
                       "errors": (("location", loc), ("detail", text))}
            self.db.execute("BEGIN")
            for table, cols in columns.items():
                names = ", ".join(c for c, _ in cols)
                updates = []
                for rowid, *values in self.db.execute(f"SELECT rowid, {names} FROM {table}").fetchall():
                    new = [fn(v) for (_, fn), v in zip(cols, values, strict=True)]
                    if new != values:
                        updates.append((*new, rowid))
                if updates:
                    self.db.executemany(f"UPDATE {table} SET {', '.join(c + '=?' for c, _ in cols)} WHERE rowid=?",
                                        updates)
            self.db.execute("COMMIT")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('redaction', ?)", (str(REDACTION_VERSION),))

    # -- keys -------------------------------------------------------------------------------
    def hmac_key(self) -> bytes:
        """The per-inventory key of the value hashes, made on first use and kept in the state."""
        row = self.db.execute("SELECT value FROM meta WHERE key='hmac_key'").fetchone()
        if row:
            return bytes.fromhex(row[0])
        key = secrets.token_bytes(32)
        self.db.execute("INSERT INTO meta VALUES ('hmac_key', ?)", (key.hex(),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        return key

    # -- folders ----------------------------------------------------------------------------
    def check_uidvalidity(self, account: str, folder: str, uidvalidity: int) -> bool:
        """Record the folder's UIDVALIDITY; when it changed, forget the folder (rescan) and say so."""
        self.flush()
        row = self.db.execute("SELECT uidvalidity FROM folders WHERE account=? AND folder=?",
                              (account, folder)).fetchone()
        if row is None:
            self.db.execute("INSERT INTO folders (account, folder, uidvalidity) VALUES (?,?,?)",
                            (account, folder, uidvalidity))
            return False
        if row[0] == uidvalidity:
            return False
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM messages WHERE account=? AND folder=?", (account, folder))
            self.db.execute("DELETE FROM errors WHERE account=? AND folder=?", (account, folder))
            self.db.execute(
                "UPDATE folders SET previous_uidvalidity=uidvalidity, uidvalidity=?, changed_at=CURRENT_TIMESTAMP "
                "WHERE account=? AND folder=?", (uidvalidity, account, folder))
        return True

    def scanned_uids(self, account: str, folder: str, uidvalidity: int) -> set[int]:
        rows = self.db.execute("SELECT uid FROM messages WHERE account=? AND folder=? AND uidvalidity=?",
                               (account, folder, uidvalidity))
        return {r[0] for r in rows}

    def forget_missing(self, account: str, folder: str, uidvalidity: int, present: Iterable[int]) -> int:
        """Messages expunged on the server since the last run leave the inventory."""
        self.flush()
        present = set(present)
        gone = self.scanned_uids(account, folder, uidvalidity) - present
        if gone:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM messages WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                                [(account, folder, uidvalidity, u) for u in gone])
            self.db.execute("COMMIT")
        return len(gone)

    # -- results ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Commit the results saved so far (a batch is committed every few hundred messages or
        seconds: one transaction per message cost a quarter of the main process's time)."""
        if self.db.in_transaction:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise OutputError(f"cannot write the state file {self.path}: {exc}") from exc
        self._pending = 0

    def save_result(self, r: MessageResult) -> None:
        """Store a message and everything found in it, atomically (a savepoint inside the batch:
        a message is in the state whole or not at all; a crash loses at most the open batch,
        which the next run scans again)."""
        db = self.db
        try:
            if not db.in_transaction:
                db.execute("BEGIN")
                self._batch_started = time.monotonic()
            db.execute("SAVEPOINT message")
            db.execute("DELETE FROM messages WHERE key=?", (r.key,))
            db.execute(
                "INSERT INTO messages (key, account, folder, uidvalidity, uid, message_id, date, subject, "
                "sender_name, sender, size, parsed, seconds) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (r.key, r.account, r.folder, r.uidvalidity, r.uid, r.message_id, r.date, r.subject,
                 r.sender[0] if r.sender else "", r.sender[1] if r.sender else "", r.size, int(r.parsed),
                 round(r.seconds, 4)))
            # most messages have no finding, attachment or error: an empty executemany still costs a statement
            if r.findings:
                db.executemany(
                    "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(r.key, f.category, f.detector, f.location, f.excerpt, f.score, f.severity, f.reason, f.label,
                      f.value_hash, f.masked_value, f.count) for f in r.findings])
            if r.recipients:
                db.executemany("INSERT INTO recipients VALUES (?,?,?,?)",
                               [(r.key, role, name, addr) for role, name, addr in r.recipients])
            if r.attachments:
                db.executemany(
                    "INSERT INTO attachments VALUES (?,?,?,?,?,?,?,?)",
                    [(r.key, a["location"], a["name"], a["type"], a["size"], a["sha256"], a["status"], a["reason"])
                     for a in r.attachments])
            if r.subjects:
                db.executemany("INSERT INTO subjects VALUES (?,?)", [(r.key, h) for h in r.subjects])
            if r.errors:
                db.executemany(
                    "INSERT INTO errors (message_key, account, folder, uid, location, reason, detail) "
                    "VALUES (?,?,?,?,?,?,?)",
                    [(r.key, r.account, r.folder, r.uid, e["location"], e["reason"], e.get("detail", ""))
                     for e in r.errors])
            db.execute("RELEASE message")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK TO message")
                db.execute("RELEASE message")
            raise OutputError(f"cannot write the state file {self.path}: {exc}") from exc
        self._pending += 1
        if self._pending >= BATCH_MESSAGES or time.monotonic() - self._batch_started > BATCH_SECONDS:
            self.flush()

    def save_error(self, account: str, folder: str, uid: int | None, location: str, reason: str,
                   detail: str = "") -> None:
        """An error about a message that has no row of its own (too large to fetch): one row per
        message and reason, however many runs see it."""
        self.flush()
        self.db.execute("DELETE FROM errors WHERE message_key IS NULL AND account=? AND folder=? AND uid IS ? "
                        "AND location=? AND reason=?", (account, folder, uid, location, reason))
        self.db.execute(
            "INSERT INTO errors (message_key, account, folder, uid, location, reason, detail) VALUES (?,?,?,?,?,?,?)",
            (None, account, folder, uid, location, reason, detail))

    def record_run(self, started: str, finished: str, info: dict) -> None:
        self.flush()
        self.db.execute("INSERT INTO runs (started, finished, info) VALUES (?,?,?)",
                        (started, finished, json.dumps(info, default=str)))

    def findings(self) -> list[tuple[str, Finding]]:
        rows = self.db.execute(
            "SELECT message_key, category, detector, location, excerpt, score, severity, reason, label, "
            "value_hash, masked_value, count FROM findings")
        return [(r[0], Finding(*r[1:])) for r in rows]

    def close(self) -> None:
        self.flush()
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.db.close()
