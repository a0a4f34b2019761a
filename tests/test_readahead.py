"""The read-ahead thread gives the source's messages in order, raises its errors in their place,
and stops when the scan stops reading."""

import threading

import pytest

from inventory.readahead import FORK_GUARD, read_ahead


class _Item:
    def __init__(self, n: int) -> None:
        self.n = n
        self.data = b"x" * n


def test_items_come_in_order_with_a_small_window():
    got = [i.n for i in read_ahead(iter([_Item(n) for n in range(50)]), limit=3, max_bytes=10)]
    assert got == list(range(50))


def test_an_error_of_the_source_is_raised_after_the_items_before_it():
    def source():
        yield _Item(1)
        yield _Item(2)
        raise ConnectionResetError("gone")

    seen = []
    with pytest.raises(ConnectionResetError):
        for item in read_ahead(source()):
            seen.append(item.n)
    assert seen == [1, 2]


def test_stopping_early_ends_the_thread_and_frees_the_fork_guard():
    before = threading.active_count()
    it = read_ahead(iter([_Item(1)] * 10_000), limit=5)
    assert next(it).n == 1
    it.close()
    assert threading.active_count() == before
    assert FORK_GUARD.acquire(timeout=1)
    FORK_GUARD.release()
