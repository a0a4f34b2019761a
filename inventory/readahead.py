"""Messages read from the source by a thread while the workers analyse the previous ones.

Reading is the parent's work: an IMAP batch is two round trips and a parse of the response, a
local folder is one file read per message. Done in the scan's loop, that time was taken from the
workers, which had only the two messages in flight each to go on with (about a tenth of the scan
of a mailbox served by a local Dovecot). A thread reads on instead, a bounded queue ahead.

The workers are forked: a fork while the reading thread holds a lock (in the TLS library, in the
source) would leave that lock held forever in the child. :data:`FORK_GUARD` is held by the thread
whenever it is inside the source; the pool takes it before forking a worker.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

#: held while the reading thread is inside the source, and by whoever forks a process meanwhile
FORK_GUARD = threading.Lock()

#: at most this many messages read ahead, and at most about this many bytes
AHEAD_MESSAGES = 300
AHEAD_BYTES = 32 * 1024 * 1024

_DONE, _ITEM, _ERROR = range(3)


def read_ahead(items: Iterator[T], limit: int = AHEAD_MESSAGES, max_bytes: int = AHEAD_BYTES) -> Iterator[T]:
    """The items of ``items`` in order, produced by a thread up to ``limit`` items (and about
    ``max_bytes`` of their ``data``) ahead; an exception the source raises is raised here, after
    the items read before it, as iterating it directly would."""
    q: queue.Queue = queue.Queue()
    room = threading.Condition()
    state = {"items": 0, "bytes": 0, "stop": False}

    def produce() -> None:
        try:
            while True:
                with room:
                    room.wait_for(lambda: state["stop"] or (state["items"] < limit and state["bytes"] < max_bytes))
                    if state["stop"]:
                        return
                with FORK_GUARD:
                    try:
                        item = next(items)
                    except StopIteration:
                        q.put((_DONE, None))
                        return
                size = len(getattr(item, "data", b"") or b"")
                with room:
                    state["items"] += 1
                    state["bytes"] += size
                q.put((_ITEM, item))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which raises it in its place
            q.put((_ERROR, exc))

    thread = threading.Thread(target=produce, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = q.get()
            if kind == _DONE:
                return
            if kind == _ERROR:
                raise value
            with room:
                state["items"] -= 1
                state["bytes"] -= len(getattr(value, "data", b"") or b"")
                room.notify()
            yield value
    finally:
        with room:
            state["stop"] = True
            room.notify()
        # the thread ends once its current read returns: the source is not used here again before that
        with FORK_GUARD:
            pass
        thread.join()
