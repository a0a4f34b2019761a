"""What a worker runs: the single-mailbox scan, for one mailbox or one group of its folders.

A task carries one mailbox (its source and the command that gives its secret, run here, on the
worker), the path of its own state and the campaign key the value hashes are made with. It returns
a small :class:`Outcome`, never message content. Every error is caught and returned typed, so the
client decides on retries; a worker that dies mid-task leaves a consistent state (one SQLite
transaction per batch) and the task, run again, resumes from it.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import socket
import time
from dataclasses import dataclass, field
from functools import partial

from ..errors import AuthenticationError, ConnectionFailed, InventoryError, OutputError, UsageError
from .config import Mailbox, Settings

log = logging.getLogger(__name__)
_DETECTORS: dict[tuple[str, ...], object] = {}


@dataclass(frozen=True)
class ScanTask:
    mailbox: Mailbox
    state_path: str
    settings: Settings
    key: bytes = field(repr=False)
    part: str = ""
    folders: tuple[str, ...] = ()  # the part's folders (exact names); empty: the whole mailbox


@dataclass(frozen=True)
class Outcome:
    mailbox_id: str
    part: str
    ok: bool
    error_kind: str = ""  # authentication, connection, usage, output, error
    error: str = ""
    scanned: int = 0
    known: int = 0
    findings: int = 0
    errors: int = 0
    seconds: float = 0.0
    worker: str = ""
    split: tuple[tuple[str, int], ...] = ()  # (folder, messages) when the mailbox is to be split
    started: str = ""
    folders: tuple[str, ...] = ()


def key_id(key: bytes) -> str:
    """A fingerprint of the campaign key (kept in each state so states of two campaigns are not mixed)."""
    return hashlib.sha256(b"mailbox-inventory campaign key id\0" + key).hexdigest()[:16]


class _Only:
    """A source restricted to some folders (a part of a split mailbox); everything else is the source's."""

    def __init__(self, source, names: tuple[str, ...]) -> None:
        self._source, self._names = source, set(names)

    def folders(self):
        return [f for f in self._source.folders() if f.name in self._names]

    def __getattr__(self, name):
        return getattr(self._source, name)

    def __enter__(self):
        self._source.__enter__()
        return self

    def __exit__(self, *exc):
        return self._source.__exit__(*exc)


def open_source(m: Mailbox, settings: Settings):
    """The source of a mailbox, never interactive: the secret comes from its command (or the keyring)."""
    if m.is_imap:
        from ..auth import password_provider, token_provider
        from ..sources.imap import ImapSource, parse_imap_url

        target = parse_imap_url(m.source, starttls=m.starttls)
        return ImapSource(
            target, cafile=m.cafile,
            password_provider=None if m.oauth2_token_command else password_provider(
                target.login, m.password_command, interactive=False),
            token_provider=token_provider(m.oauth2_token_command) if m.oauth2_token_command else None,
            oauth_mechanism=m.oauth2_mechanism, include=m.folders, exclude=m.exclude_folders, timeout=m.timeout,
            max_message_bytes=int(settings.max_message_size * 1024 * 1024))
    from ..cli import _open_source

    return _open_source(m.source, {})


def _detectors(lexicons: tuple[str, ...]):
    """Detectors are built once per worker process and kept for the next mailboxes."""
    if lexicons not in _DETECTORS:
        from ..pipeline_setup import detector_factory

        _DETECTORS[lexicons] = detector_factory(lexicons)()
    return _DETECTORS[lexicons]


def guard_worker(m: Mailbox) -> None:
    """The no-egress guard in this worker: its own cluster's scheduler, the loopback and the mailbox's
    IMAP server only (each task adds its own server; the guard cannot be removed)."""
    from urllib.parse import urlsplit

    from ..egress import allow, allow_host, install

    install()
    allow_host("127.0.0.1")
    allow_host("localhost")
    try:
        from distributed import get_worker

        allow_host(urlsplit(get_worker().scheduler.address).hostname or "127.0.0.1")
    except (ImportError, ValueError, AttributeError):
        pass
    if m.is_imap:
        from ..sources.imap import parse_imap_url

        t = parse_imap_url(m.source, starttls=m.starttls)
        allow(t.host, t.port)


def guarded_detectors(lexicons: tuple[str, ...]):
    """In the analysis process a task starts: the no-egress guard, then the detectors (those the fork
    server warmed when the campaign adds no lexicon)."""
    import sys

    from ..egress import install
    from ..pipeline_setup import detector_factory

    install()
    warm = sys.modules.get("inventory.campaign.warm")
    if not lexicons and warm is not None and warm.DETECTORS is not None:
        return warm.DETECTORS
    return detector_factory(lexicons)()


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return socket.gethostname()


def _kind(exc: BaseException) -> str:
    if isinstance(exc, AuthenticationError):
        return "authentication"
    if isinstance(exc, ConnectionFailed):
        return "connection"
    if isinstance(exc, UsageError):
        return "usage"
    if isinstance(exc, OutputError):
        return "output"
    return "error"


def scan_task(task: ScanTask) -> Outcome:
    """Scan the mailbox (or the part) into its state. Runs on a worker; returns counts only."""
    from datetime import UTC, datetime

    from ..analyze import Options
    from ..extract import Limits
    from ..scan import scan
    from ..store import Store

    m, s = task.mailbox, task.settings
    started = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.monotonic()
    worker = _worker_name()
    store = None
    try:
        guard_worker(m)
        source = open_source(m, s)
        with source:
            if not task.part and s.split_messages:
                sizes = tuple((f.name, f.count) for f in source.folders())
                if sum(n for _, n in sizes) > s.split_messages and len(sizes) > 1:
                    return Outcome(m.id, "", ok=True, split=sizes, worker=worker, started=started,
                                   seconds=time.monotonic() - t0)
            store = Store(task.state_path)
            _check_key(store, task.key)
            opts = Options(hmac_key=task.key, owner_domains=tuple(d.lower() for d in m.owner_domains),
                           min_score=s.min_score, limits=Limits(ocr=not s.no_ocr))
            src = _Only(source, task.folders) if task.folders else source
            if multiprocessing.current_process().daemon:
                # a daemonic worker process may not start one: analysis in process, without the budget
                detectors = _detectors(s.lexicons)
                stats = scan(src, store, opts, lambda: detectors, workers=0, budget=s.budget)
            else:
                # the fork server (one per worker process, kept across tasks) preloads warmed detectors
                multiprocessing.get_context("forkserver").set_forkserver_preload(["inventory.campaign.warm"])
                # one analysis process under the per-message budget: a runaway message is stopped and
                # becomes an error row, as in the single-mailbox scan
                stats = scan(src, store, opts, partial(guarded_detectors, s.lexicons), workers=1,
                             budget=s.budget, mp_context="forkserver")
        store.record_run(started, datetime.now(UTC).isoformat(timespec="seconds"),
                         {"campaign mailbox": m.id, "part": task.part, "worker": worker,
                          "messages scanned this run": stats.scanned, "already known": stats.skipped_known,
                          "folders scanned": ", ".join(f"{f['folder']} ({f['messages']})" for f in stats.folders),
                          "reconnections": stats.reconnects})
        return Outcome(m.id, task.part, ok=True, scanned=stats.scanned, known=stats.skipped_known,
                       findings=stats.findings, errors=stats.errors, seconds=time.monotonic() - t0, worker=worker,
                       started=started, folders=tuple(f["folder"] for f in stats.folders))
    except InventoryError as exc:
        return Outcome(m.id, task.part, ok=False, error_kind=_kind(exc), error=str(exc)[:500],
                       seconds=time.monotonic() - t0, worker=worker, started=started)
    except Exception as exc:  # noqa: BLE001 - one mailbox's failure is reported, the campaign goes on
        log.exception("mailbox %s failed", m.id)
        return Outcome(m.id, task.part, ok=False, error_kind="error",
                       error=f"{type(exc).__name__}: {str(exc)[:300]}", seconds=time.monotonic() - t0,
                       worker=worker, started=started)
    finally:
        if store is not None:
            store.close()


def _check_key(store, key: bytes) -> None:
    """A state made under another campaign key would mix incomparable hashes: refuse it."""
    kid = key_id(key)
    row = store.db.execute("SELECT value FROM meta WHERE key='campaign_key_id'").fetchone()
    if row is None:
        store.db.execute("INSERT OR REPLACE INTO meta VALUES ('campaign_key_id', ?)", (kid,))
    elif row[0] != kid:
        raise UsageError(f"the state {store.path} was made under another campaign key: move it away to rescan")
