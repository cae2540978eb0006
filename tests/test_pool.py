"""The guarded worker pool: results in order, a bounded number of items ahead of the consumer,
and an item whose worker overruns its time, dies or runs out of memory comes back as a failure
of that item alone."""

import os
import time

import pytest

from ingest import pool as pool_module
from ingest.pool import Failed, GuardedPool


def slow_on_seven(n):
    if n == 7:
        time.sleep(30)
    return n * 2


def dies_on_three(n):
    if n == 3:
        os._exit(9)
    return n


def greedy_on_five(n):
    if n == 5:
        return len(bytearray(8 << 30))  # over the worker's memory limit
    return n


@pytest.fixture
def guarded():
    made = []

    def make(**kwargs):
        made.append(GuardedPool(2, **kwargs))
        return made[-1]

    yield make
    for p in made:
        p.close()


def test_results_come_back_in_order_with_a_bounded_number_ahead(guarded, monkeypatch):
    monkeypatch.setattr(pool_module, "WINDOW", 3)
    pulled = []

    def items():
        for i in range(100):
            pulled.append(i)
            yield i

    for k, result in enumerate(guarded().map(abs, items(), chunk=4)):
        assert result == k
        assert len(pulled) <= (k // 4 + 4) * 4  # the chunk being read and WINDOW more
    assert len(pulled) == 100


def test_an_item_over_its_time_fails_alone(guarded):
    started = time.monotonic()
    results = list(guarded(seconds_per_item=1.0).map(slow_on_seven, range(10), chunk=4))
    assert [r for r in results if not isinstance(r, Failed)] == [n * 2 for n in range(10) if n != 7]
    [failed] = [r for r in results if isinstance(r, Failed)]
    assert (failed.item, failed.reason) == (7, "timeout")
    assert time.monotonic() - started < 20


def test_an_item_whose_worker_dies_fails_alone(guarded):
    results = list(guarded().map(dies_on_three, range(6), chunk=2))
    assert results[:3] == [0, 1, 2] and results[4:] == [4, 5]
    assert (results[3].item, results[3].reason) == (3, "worker-died")


def test_an_item_over_the_memory_limit_fails_alone(guarded):
    results = list(guarded(memory_limit=2 << 30).map(greedy_on_five, range(8), chunk=3))
    assert (results[5].item, results[5].reason) == (5, "out-of-memory")
    assert [r for r in results if not isinstance(r, Failed)] == [0, 1, 2, 3, 4, 6, 7]
