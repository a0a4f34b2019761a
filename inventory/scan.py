"""The scan loop: source → analysis (in workers) → store, folder by folder, resumable.

Each analysed message is committed to the state with its findings; a second run skips what is
already there, a UIDVALIDITY change rescans its folder, a dropped connection is re-opened (a
capped number of times) and the folder resumes from what was committed.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .analyze import Options, analyze
from .errors import ConnectionFailed, OutputError
from .readahead import read_ahead
from .sources.base import Source
from .store import Store
from .workers import Pool, fork_available

log = logging.getLogger(__name__)
_NETWORK_ERRORS = (imaplib.IMAP4.abort, imaplib.IMAP4.error, OSError, socket.timeout, ssl.SSLError, EOFError,
                   ConnectionFailed)


@dataclass
class ScanStats:
    folders: list[dict] = field(default_factory=list)
    scanned: int = 0
    skipped_known: int = 0
    errors: int = 0
    findings: int = 0
    reconnects: int = 0
    uidvalidity_changes: list[str] = field(default_factory=list)
    removed: int = 0
    expunged_during_scan: int = 0
    seconds: float = 0.0


class Progress:
    """Progress callbacks; the CLI plugs a rich progress bar in, tests use this silent one."""

    def folder(self, name: str, total: int, todo: int) -> None: ...
    def advance(self, n_bytes: int) -> None: ...
    def done(self) -> None: ...


def scan(source: Source, store: Store, opts: Options, make_detectors: Callable, *, workers: int = 0,
         budget: float = 60.0, progress: Progress | None = None, max_reconnects: int = 5,
         mp_context: str = "fork") -> ScanStats:
    progress = progress or Progress()
    if workers > 0 and not fork_available():
        log.info("no fork() on this system (Windows): messages are analysed in this process")
        workers = 0
    stats = ScanStats()
    started = time.monotonic()
    pool = None
    detectors = None

    current = ""  # the folder being read: the last messages of the one before may still come back

    def handle(result):
        store.save_result(result)
        stats.scanned += 1
        stats.findings += len(result.findings)
        stats.errors += 1 if (not result.parsed or any(e["reason"] != "MIME defect" for e in result.errors)) else 0
        if result.folder == current:
            progress.advance(result.size)  # the bar of a folder read before was completed when it ended

    try:
        for folder in source.folders():
            current = folder.name
            if store.check_uidvalidity(source.account, folder.name, folder.uidvalidity):
                stats.uidvalidity_changes.append(folder.name)
            attempts = 0
            while True:
                try:
                    uids = source.uids(folder)
                    stats.removed += store.forget_missing(source.account, folder.name, folder.uidvalidity, uids)
                    known = store.scanned_uids(source.account, folder.name, folder.uidvalidity)
                    todo = [u for u in uids if u not in known]
                    if attempts == 0:
                        stats.skipped_known += len(uids) - len(todo)
                        stats.folders.append({"folder": folder.name, "messages": len(uids), "new": len(todo),
                                              "uidvalidity": folder.uidvalidity})
                        progress.folder(folder.name, len(uids), len(todo))
                    if todo and pool is None and workers > 0:
                        pool = Pool(workers, make_detectors, opts, budget, context=mp_context)
                    if todo and detectors is None and workers <= 0:
                        detectors = make_detectors()
                    # with workers, a thread reads the next messages while they analyse these ones
                    for raw in (read_ahead(source.fetch(folder, todo)) if pool else source.fetch(folder, todo)):
                        if pool:
                            for r in pool.submit(raw):
                                handle(r)
                        else:
                            handle(analyze(raw, detectors, opts))
                    # the workers go on with this folder's last messages while the next one is opened
                    store.flush()
                    break
                except _NETWORK_ERRORS as exc:
                    if pool:
                        for r in pool.drain():
                            handle(r)
                    attempts += 1
                    if not hasattr(source, "reconnect") or attempts > max_reconnects:
                        raise ConnectionFailed(f"giving up on {folder.name} after {attempts} connection "
                                               f"failures: {type(exc).__name__}: {str(exc)[:200]}") from None
                    log.warning("connection lost in %s (%s); reconnecting", folder.name, type(exc).__name__)
                    time.sleep(min(2 ** (attempts - 1) * 0.5, 8))
                    source.reconnect()
                    stats.reconnects += 1
        if pool:
            for r in pool.drain():
                handle(r)
        for folder_name, uid, location, reason, detail in getattr(source, "unreadable", []):
            store.save_error(source.account, folder_name, uid, location, reason, detail)
            stats.errors += 1
        for folder_name, uid, size in getattr(source, "too_large", []):
            store.save_error(source.account, folder_name, uid, "message", "too large, not scanned",
                             f"{size} bytes")
            stats.errors += 1
        # expunged by another session between our search and our fetch: gone, not an error
        stats.expunged_during_scan = len(getattr(source, "gone", []))
        store.flush()
    finally:
        if pool:
            pool.close()
        with contextlib.suppress(OutputError):  # keep what was analysed; the first error is the one reported
            store.flush()
        progress.done()
    stats.seconds = time.monotonic() - started
    return stats
