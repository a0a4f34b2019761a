"""The pool holds back a message whose worker is busy while the next ones go on: every message
still comes back once, and the workers share the load."""

import os

from conftest import make_message
from helpers import pool_results

from detectors.finding import Match
from inventory.analyze import Options
from inventory.model import RawMessage
from inventory.workers import HELD_MESSAGES, Pool


class _Pid:
    name = "test.pid"
    categories = ("personal_data",)

    def run(self, unit):
        if unit.kind == "body":
            yield Match("personal_data", 0, 1, 0.9, f"pid {os.getpid()}")


def _pid_detectors():
    return [_Pid()]


def test_every_message_comes_back_once_from_both_workers():
    pool = Pool(2, _pid_detectors, Options(hmac_key=b"k" * 32))
    n = 3 * HELD_MESSAGES
    msgs = [RawMessage("t", "INBOX", i, 1, make_message(f"m{i}", f"texte {i % 7}", msgid=f"<{i}@t.invalid>"), (),
                       None, 0) for i in range(n)]
    results = pool_results(pool, msgs)
    assert sorted(r.uid for r in results) == list(range(n))
    assert pool.held_bytes == 0 and not any(pool.waiting)
    pids = {f.reason for r in results for f in r.findings}
    assert len(pids) == 2
