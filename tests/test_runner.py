"""The ingest runner's plumbing: how files flow to the worker processes."""

import multiprocessing

from ingest import runner


def test_workers_get_at_most_two_windows_of_files_ahead_of_the_writer():
    pulled = []

    def files():
        for i in range(100):
            pulled.append(i)
            yield i

    with multiprocessing.get_context("fork").Pool(2) as pool:
        for k, result in enumerate(runner._bounded_imap(pool, abs, files(), window=10)):
            assert result == k  # results come back in file order
            assert len(pulled) <= (k // 10 + 2) * 10  # the window being read and the next one
    assert len(pulled) == 100
