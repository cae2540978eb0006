"""Worker processes for the per-file work of an ingest, guarded: each task has a time limit and
each worker a memory limit, so a file that a worker cannot finish (too slow, too big, or the
worker killed) comes back as a failure for that file alone — the run goes on and never hangs.

Files go out in chunks (one task per chunk keeps the writer's bookkeeping small); a chunk that
fails is run again one file per task to find the file that failed."""

from __future__ import annotations

import concurrent.futures
import itertools
import multiprocessing
import resource
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from pebble import ProcessExpired, ProcessPool

CHUNK = 8  # files per task
WINDOW = 64  # tasks in flight: enough to keep every worker busy while the writer catches up


@dataclass
class Failed:
    """An item whose task did not finish: `reason` is timeout, worker-died or out-of-memory."""

    item: object
    reason: str
    message: str


def _limit_memory(limit: int | None, initializer, initargs) -> None:
    if limit:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    if initializer:
        initializer(*initargs)


def _run_chunk(function: Callable, items: list) -> list:
    return [function(item) for item in items]


class GuardedPool:
    """A pool of `workers` forked processes running `function` on items, in order."""

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = (),
                 seconds_per_item: float = 120.0, memory_limit: int | None = 4 << 30):
        self.seconds = seconds_per_item
        self.pool = ProcessPool(max_workers=workers, initializer=_limit_memory,
                                initargs=(memory_limit, initializer, initargs),
                                context=multiprocessing.get_context("fork"))

    def map(self, function: Callable, items: Iterable, chunk: int = CHUNK) -> Iterator:
        """function(item) for each item, in order; a Failed record for an item that did not finish."""
        items = iter(items)
        in_flight: deque = deque()

        def submit() -> bool:
            batch = list(itertools.islice(items, chunk))
            if batch:
                in_flight.append((batch, self.pool.schedule(_run_chunk, (function, batch),
                                                            timeout=self.seconds * len(batch))))
            return bool(batch)

        while len(in_flight) < WINDOW and submit():
            pass
        while in_flight:
            batch, future = in_flight.popleft()
            submit()
            try:
                yield from future.result()
            except (concurrent.futures.TimeoutError, ProcessExpired, MemoryError):
                yield from self._one_by_one(function, batch)

    def _one_by_one(self, function: Callable, batch: list) -> Iterator:
        for item in batch:
            future = self.pool.schedule(function, (item,), timeout=self.seconds)
            try:
                yield future.result()
            except concurrent.futures.TimeoutError:
                yield Failed(item, "timeout", f"reading it took longer than {self.seconds:g} s; stopped")
            except MemoryError:
                yield Failed(item, "out-of-memory", "reading it needed more memory than a worker may use; stopped")
            except ProcessExpired as exc:
                yield Failed(item, "worker-died", f"the process reading it died ({exc}); stopped")

    def close(self) -> None:
        self.pool.stop()
        self.pool.join()
