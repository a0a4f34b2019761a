"""Worker processes that analyse messages under a time budget and can be stopped.

CPython's e-mail parser has quadratic paths, PDF and image libraries can run away on hostile
input: each message is analysed in a worker process, and a worker that exceeds the per-message
budget is killed and replaced; the message becomes an error row. Detectors and models are
loaded once per worker.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait

from .analyze import MessageResult, Options, analyze
from .model import RawMessage


def _worker_main(conn: Connection, make_detectors: Callable, opts: Options) -> None:
    detectors = make_detectors()
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
        except Exception as exc:  # noqa: BLE001 - reported to the parent as an error row
            result = failed_result(raw, "analysis failed", f"{type(exc).__name__}: {str(exc)[:300]}")
        except RecursionError:
            result = failed_result(raw, "unparseable", "recursion too deep")
        try:
            conn.send((seq, result))
        except (OSError, ValueError):
            return


def failed_result(raw: RawMessage, reason: str, detail: str) -> MessageResult:
    r = MessageResult(key=raw.key, account=raw.account, folder=raw.folder, uid=raw.uid,
                      uidvalidity=raw.uidvalidity, size=raw.size or len(raw.data), parsed=False)
    r.errors.append({"location": "message", "reason": reason, "detail": detail})
    return r


class _Worker:
    def __init__(self, ctx, make_detectors, opts):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, make_detectors, opts), daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple[int, RawMessage, float] | None = None

    def kill(self):
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Pool:
    """A small pool with one task in flight per worker and a wall-clock budget per task."""

    def __init__(self, n: int, make_detectors: Callable, opts: Options, budget: float = 60.0) -> None:
        self.ctx = mp.get_context("fork")
        self.make_detectors, self.opts, self.budget = make_detectors, opts, budget
        self.workers = [_Worker(self.ctx, make_detectors, opts) for _ in range(max(1, n))]
        self.seq = 0
        self.killed = 0

    def _idle(self) -> _Worker | None:
        return next((w for w in self.workers if w.task is None), None)

    def submit(self, raw: RawMessage) -> Iterator[MessageResult]:
        """Queue one message; yields the results that became ready while waiting for a slot."""
        while self._idle() is None:
            yield from self._collect(block=True)
        w = self._idle()
        self.seq += 1
        w.task = (self.seq, raw, time.monotonic())
        try:
            w.conn.send((self.seq, raw))
        except (OSError, ValueError):
            yield from self._replace(w, "worker lost", "the worker process ended unexpectedly")

    def drain(self) -> Iterator[MessageResult]:
        while any(w.task for w in self.workers):
            yield from self._collect(block=True)

    def _collect(self, block: bool) -> Iterator[MessageResult]:
        busy = [w for w in self.workers if w.task]
        if not busy:
            return
        now = time.monotonic()
        deadline = min(w.task[2] for w in busy) + self.budget
        ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - now) if block else 0)
        for w in busy:
            if w.conn in ready:
                try:
                    _seq, result = w.conn.recv()
                except (EOFError, OSError):
                    yield from self._replace(w, "worker crashed", "the worker process died on this message")
                    continue
                w.task = None
                yield result
        now = time.monotonic()
        for w in self.workers:
            if w.task and now - w.task[2] > self.budget:
                yield from self._replace(w, "time budget exceeded",
                                         f"analysis stopped after {self.budget:.0f} s")

    def _replace(self, w: _Worker, reason: str, detail: str) -> Iterator[MessageResult]:
        task = w.task
        w.kill()
        self.killed += 1
        i = self.workers.index(w)
        self.workers[i] = _Worker(self.ctx, self.make_detectors, self.opts)
        if task:
            yield failed_result(task[1], reason, detail)

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
