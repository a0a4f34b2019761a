"""Worker processes that analyse messages under a time budget and can be stopped.

CPython's e-mail parser has quadratic paths, PDF and image libraries can run away on hostile
input: each message is analysed in a worker process, and a worker that exceeds the per-message
budget is killed and replaced; the message becomes an error row. Detectors and models are
loaded once per worker.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import re
import select
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait

from .analyze import MessageResult, Options, analyze
from .model import RawMessage
from .readahead import FORK_GUARD
from .redaction import redact


def _worker_main(conn: Connection, make_detectors: Callable, opts: Options) -> None:
    from .egress import blocked_attempts

    detectors = make_detectors()
    reported = len(blocked_attempts())
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        seq, raw = item
        try:
            result = analyze(raw, detectors, opts)
        except RecursionError:
            result = failed_result(raw, "unparseable", "recursion too deep")
        except Exception as exc:  # noqa: BLE001 - reported to the parent as an error row
            result = failed_result(raw, "analysis failed", f"{type(exc).__name__}: {str(exc)[:300]}")
        blocked = blocked_attempts()
        if len(blocked) > reported:
            # the egress guard is inherited by the worker; what it stopped here is reported with the
            # message that caused it, in the errors sheet
            result.errors.extend({"location": "message", "reason": "network attempt blocked", "detail": b}
                                 for b in blocked[reported:])
            reported = len(blocked)
        try:
            conn.send((seq, result))
        except (OSError, ValueError):
            return


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def _readable(conns: list[Connection], timeout: float) -> list[Connection]:
    """The pipes of ``conns`` with something to read (or closed), waiting up to ``timeout``
    seconds: :func:`multiprocessing.connection.wait` with one ``poll`` object per call, where
    ``wait`` builds a selector and its keys (it ran twice per message, about a tenth of the
    parent's time)."""
    if not hasattr(select, "poll"):
        return wait(conns, timeout)
    poller = select.poll()
    by_fd = {}
    for c in conns:
        fd = c.fileno()
        by_fd[fd] = c
        poller.register(fd, select.POLLIN)
    deadline = time.monotonic() + timeout
    while True:
        events = poller.poll(math.ceil(timeout * 1e3) if timeout > 0 else 0)
        if events:
            return [by_fd[fd] for fd, _event in events]
        timeout = deadline - time.monotonic()
        if timeout < 0:
            return []


#: messages read ahead and held until their worker has a free slot (and their bytes, whichever is reached first)
HELD_MESSAGES = 32
HELD_BYTES = 32 * 1024 * 1024


def _route(data: bytes) -> int:
    """Which worker a message goes to, from its raw body: copies of one mail (filed in two
    folders, sent and received) share it even when their headers differ."""
    m = _BLANK_LINE.search(data, 0, 65536)
    start = m.end() if m else 0
    return zlib.crc32(data[start:start + 65536])


def failed_result(raw: RawMessage, reason: str, detail: str) -> MessageResult:
    r = MessageResult(key=raw.key, account=raw.account, folder=raw.folder, uid=raw.uid,
                      uidvalidity=raw.uidvalidity, size=raw.size or len(raw.data), parsed=False)
    r.errors.append({"location": "message", "reason": reason, "detail": redact(detail, kind="error")})
    return r


class _Worker:
    def __init__(self, ctx, make_detectors, opts):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, make_detectors, opts), daemon=True)
        self.proc.start()
        child.close()
        # messages sent and not answered yet, oldest first; the oldest is being analysed since
        # ``started``, the next one waits in the pipe so the worker never idles between messages
        self.queue: deque[RawMessage] = deque()
        self.started = 0.0

    @property
    def task(self) -> RawMessage | None:
        return self.queue[0] if self.queue else None

    def kill(self):
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def fork_available() -> bool:
    """Workers are forked (they inherit the loaded detectors); Windows has no fork."""
    return "fork" in mp.get_all_start_methods()


def _prebuilt(make_detectors: Callable) -> Callable:
    """The detectors built once in this process, for forked workers to inherit: each worker was
    compiling the same patterns and lexicons (about 0.2 s of CPU) before its first message. When
    building fails here, each worker builds its own, as before (and fails the same way)."""
    try:
        built = make_detectors()
    except Exception:  # noqa: BLE001 - the workers report it, as they did
        return make_detectors

    def inherited():
        return built

    return inherited


class Pool:
    """A small pool with up to ``depth`` messages in flight per worker and a wall-clock budget per
    message (counted from the moment the worker starts it)."""

    def __init__(self, n: int, make_detectors: Callable, opts: Options, budget: float = 60.0, depth: int = 2,
                 context: str = "fork") -> None:
        # "forkserver" for a caller with threads of its own (a Dask worker): a fork there can inherit a
        # lock held by another thread; make_detectors must then be picklable
        self.ctx = mp.get_context(context)
        if context == "fork":
            make_detectors = _prebuilt(make_detectors)
        self.make_detectors, self.opts, self.budget, self.depth = make_detectors, opts, budget, depth
        self.workers = [_Worker(self.ctx, make_detectors, opts) for _ in range(max(1, n))]
        # messages read and not sent yet, each held for the worker its raw body routes it to
        self.waiting: list[deque[RawMessage]] = [deque() for _ in self.workers]
        self.held_bytes = 0
        self.seq = 0
        self.killed = 0

    def submit(self, raw: RawMessage) -> Iterator[MessageResult]:
        """Queue one message; yields the results that became ready while waiting for a slot.

        The same message filed in several folders goes to the same worker (by raw body) so its
        text-unit cache answers. A message whose worker is full waits here, up to
        ``HELD_MESSAGES`` of them, while the next ones go on to the others: sent to whichever
        worker had a free slot, copies met a cold cache about half the time. A worker that has
        a free slot and no message of its own waiting takes the oldest of the longest queue."""
        yield from self._collect(block=False)
        self.waiting[_route(raw.data) % len(self.workers)].append(raw)
        self.held_bytes += len(raw.data)
        yield from self._dispatch()
        while self._held() > HELD_MESSAGES or (self.held_bytes > HELD_BYTES and self._held() > 1):
            yield from self._collect(block=True)
            yield from self._dispatch()

    def _held(self) -> int:
        return sum(map(len, self.waiting))

    def _dispatch(self) -> Iterator[MessageResult]:
        """Send waiting messages to the workers that have a free slot."""
        for i in range(len(self.workers)):
            while len(self.workers[i].queue) < self.depth:
                own = self.waiting[i]
                source = own if own else max(self.waiting, key=len)
                if not source:
                    break
                raw = source.popleft()
                self.held_bytes -= len(raw.data)
                w = self.workers[i]
                if not self._send(w, raw):
                    yield from self._replace(w, "worker lost", "the worker process ended unexpectedly")

    def _send(self, w: _Worker, raw: RawMessage) -> bool:
        """Queue a message on a worker; False when the worker's pipe is gone (it stays queued)."""
        self.seq += 1
        if not w.queue:
            w.started = time.monotonic()
        w.queue.append(raw)
        try:
            w.conn.send((self.seq, raw))
        except (OSError, ValueError):
            return False
        return True

    def drain(self) -> Iterator[MessageResult]:
        yield from self._dispatch()
        while any(w.task for w in self.workers):
            yield from self._collect(block=True)
            yield from self._dispatch()

    def _collect(self, block: bool) -> Iterator[MessageResult]:
        busy = [w for w in self.workers if w.task]
        if not busy:
            return
        now = time.monotonic()
        deadline = min(w.started for w in busy) + self.budget
        ready = _readable([w.conn for w in busy], max(0.0, deadline - now) if block else 0)
        for w in busy:
            while w.queue and w.conn in ready:
                try:
                    _seq, result = w.conn.recv()
                except (EOFError, OSError):
                    yield from self._replace(w, "worker crashed", "the worker process died on this message")
                    break
                w.queue.popleft()
                w.started = time.monotonic()
                yield result
                if not _readable([w.conn], 0):
                    break
        now = time.monotonic()
        for w in self.workers:
            if w.task and now - w.started > self.budget:
                yield from self._replace(w, "time budget exceeded",
                                         f"analysis stopped after {self.budget:.0f} s")

    def _replace(self, w: _Worker, reason: str, detail: str) -> Iterator[MessageResult]:
        """Kill a stuck or dead worker: its current message is an error row, the ones queued
        behind it go to the new worker."""
        queue = list(w.queue)
        w.kill()
        self.killed += 1
        i = self.workers.index(w)
        with FORK_GUARD:  # not while the reading thread is inside the source (a lock it holds stays held in the child)
            fresh = _Worker(self.ctx, self.make_detectors, self.opts)
        self.workers[i] = fresh
        if queue:
            yield failed_result(queue[0], reason, detail)
        for raw in queue[1:]:
            if not self._send(fresh, raw):
                fresh.queue.pop()
                yield failed_result(raw, "worker lost", "the worker process ended unexpectedly")

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self.workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.proc.kill()
