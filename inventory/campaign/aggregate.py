"""From each mailbox's state to the campaign's tables: counts, risk, data subjects, changes.

A mailbox's numbers come from the same loader and summary the owner's workbook uses
(:func:`inventory.aggregate.load`, :func:`category_summary`), so the RSSI and the owner read the
same counts. Nothing here keeps message content: counts, labels, years, keyed hashes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from detectors.categories import MESSAGE_CATEGORIES, SEVERITIES

from ..aggregate import category_summary, load
from ..analyze import SUBJECT_CATEGORIES

_TABLES_BY_MESSAGE = ("findings", "recipients", "attachments", "subjects")


@dataclass(frozen=True)
class MailboxSummary:
    """One mailbox in the campaign report. ``status``: done, failed, refused."""

    id: str
    owner: str
    groups: tuple[tuple[str, str], ...]
    consent: str
    status: str
    source_kind: str = ""
    error_kind: str = ""
    error: str = ""
    attempts: int = 0
    messages: int = 0
    findings: int = 0
    by_category: tuple[tuple[str, int, int], ...] = ()  # (category, messages, findings)
    by_severity: tuple[tuple[str, int], ...] = ()
    risk: float = 0.0
    top_kinds: tuple[tuple[str, int], ...] = ()
    subjects: frozenset[str] = frozenset()
    # (category, label, year) -> findings, for the DPO register
    personal: tuple[tuple[str, str, str, int], ...] = ()
    oldest: tuple[tuple[str, str, str], ...] = ()  # (category, label, oldest date)
    signatures: frozenset[str] = field(default=frozenset(), repr=False)
    seconds: float = 0.0

    def group(self, name: str) -> str:
        return dict(self.groups).get(name, "")

    def category(self, cat: str) -> tuple[int, int]:
        for c, m, f in self.by_category:
            if c == cat:
                return m, f
        return 0, 0


def signature(message_key: str, category: str, detector: str, location: str, value_hash: str) -> str:
    """A finding's identity across runs (what changed since the previous run), as a short hash."""
    raw = "\0".join((message_key, category, detector, location, value_hash or ""))
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def summarise(state_path: str | Path, *, mailbox_id: str, owner: str, groups, consent: str, source_kind: str,
              owner_address: str | None = None, owner_domains: tuple[str, ...] = (), attempts: int = 1,
              seconds: float = 0.0) -> MailboxSummary:
    db = sqlite3.connect(f"file:{state_path}?mode=ro", uri=True)
    try:
        inv = load(db, owner=owner_address, owner_domains=owner_domains)
    finally:
        db.close()
    summ = category_summary(inv)
    f = inv.findings
    by_cat = tuple((r.category, int(r.messages), int(r.findings)) for r in summ.itertuples(index=False))
    sev = Counter(f["severity"]) if not f.empty else Counter()
    kinds: Counter[str] = Counter()
    personal: Counter[tuple[str, str, str]] = Counter()
    oldest: dict[tuple[str, str], str] = {}
    subjects = set(inv.subject_names)
    sigs: set[str] = set()
    if not f.empty:
        for cat, label, det, sv in zip(f["category"], f["label"].fillna(""), f["detector"], f["severity"],
                                       strict=False):
            if sv in SEVERITIES and SEVERITIES.index(sv) >= SEVERITIES.index("high"):
                kinds[f"{cat}: {label or det}"] += 1
        for cat, label, date, vh in zip(f["category"], f["label"].fillna(""), f["date"].fillna("").astype(str),
                                        f["value_hash"].fillna(""), strict=False):
            if cat in SUBJECT_CATEGORIES:
                label = label or "other"
                personal[(cat, label, date[:4] or "?")] += 1
                d = date[:10]
                if d and (not oldest.get((cat, label)) or d < oldest[(cat, label)]):
                    oldest[(cat, label)] = d
                if vh:
                    subjects.add(vh)
        sigs = {f"{row[1]}:{signature(*row)}" for row in zip(f["message_key"], f["category"], f["detector"], f["location"],
                                               f["value_hash"].fillna(""), strict=False)}
    return MailboxSummary(
        id=mailbox_id, owner=owner, groups=tuple(groups), consent=consent, status="done", source_kind=source_kind,
        attempts=attempts, messages=len(inv.messages), findings=len(f), by_category=by_cat,
        by_severity=tuple((s, sev.get(s, 0)) for s in reversed(SEVERITIES) if sev.get(s, 0)),
        risk=round(float(summ["risk"].sum()), 1) if len(summ) else 0.0,
        top_kinds=tuple(kinds.most_common(3)), subjects=frozenset(subjects),
        personal=tuple((c, lab, y, n) for (c, lab, y), n in sorted(personal.items())),
        oldest=tuple((c, lab, d) for (c, lab), d in sorted(oldest.items())), signatures=frozenset(sigs),
        seconds=seconds)


def merge_parts(parts: list[tuple[str, tuple[str, ...]]], target: str | Path) -> None:
    """Build a split mailbox's state from its parts' states: each part gives only its current folders,
    so a folder that moved between parts since an earlier run is never counted twice."""
    from ..store import Store

    target = Path(target)
    tmp = target.with_name(target.name + ".merging")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    store = Store(tmp)
    db = store.db
    for i, (path, folders) in enumerate(parts):
        if not Path(path).exists():
            continue
        alias = f"p{i}"
        db.execute(f"ATTACH DATABASE ? AS {alias}", (f"file:{path}?mode=ro",))
        marks = ",".join("?" * len(folders))
        db.execute("BEGIN")
        db.execute(f"INSERT OR REPLACE INTO main.messages SELECT * FROM {alias}.messages WHERE folder IN ({marks})",
                   folders)
        for t in _TABLES_BY_MESSAGE:
            db.execute(f"INSERT INTO main.{t} SELECT x.* FROM {alias}.{t} x JOIN {alias}.messages m "
                       f"ON m.key = x.message_key WHERE m.folder IN ({marks})", folders)
        db.execute(f"INSERT INTO main.errors SELECT * FROM {alias}.errors WHERE folder IN ({marks})", folders)
        db.execute(f"INSERT OR REPLACE INTO main.folders SELECT * FROM {alias}.folders WHERE folder IN ({marks})",
                   folders)
        db.execute(f"INSERT OR REPLACE INTO main.meta SELECT * FROM {alias}.meta")
        db.execute("COMMIT")
        db.execute(f"DETACH DATABASE {alias}")
    store.close()
    import os

    os.replace(tmp, target)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
        Path(str(target) + suffix).unlink(missing_ok=True)


@dataclass(frozen=True)
class Change:
    """Since the previous run of the same campaign file, per mailbox and category."""

    mailbox_id: str
    category: str
    new: int
    cleaned: int


def changes(previous: dict[str, set[str]], current: list[MailboxSummary]) -> list[Change]:
    """``previous``: mailbox id -> the "category:hash" signatures of its findings at the previous run."""
    out = []
    for s in current:
        if s.status != "done" or s.id not in previous:
            continue
        before, now = previous[s.id], s.signatures
        for cat in MESSAGE_CATEGORIES:
            b = {x for x in before if x.startswith(cat + ":")}
            n = {x for x in now if x.startswith(cat + ":")}
            if b != n:
                out.append(Change(s.id, cat, len(n - b), len(b - n)))
    return out
