"""The link step of shared wire copy, run at the end of an ingest: every queued article is
compared with its candidates (in the worker processes when there are any) and the passages are
stored, a chunk of articles per transaction. Workers read committed bodies; the writer stores."""

from __future__ import annotations

import functools
import sqlite3
from collections import OrderedDict
from pathlib import Path

from . import Words, shared_copy_rows

SHARED_COPY_CHUNK = 2000  # queued articles whose candidates are found, compared and saved together
PAIRS_PER_TASK = 100
_bodies: sqlite3.Connection | None = None
_words: OrderedDict[int, Words] = OrderedDict()


def compare_pairs(db_path: str, pairs: list[tuple[int, int]]) -> list[tuple]:
    """shared_passages rows for pairs of committed articles (run in a worker; reads only)."""
    global _bodies
    if _bodies is None:
        _bodies = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    rows = []
    for a, b in pairs:
        rows.extend(shared_copy_rows(a, _cached_words(a), b, _cached_words(b)))
    return rows


def _cached_words(article_id: int) -> Words:
    """An article's tokenized body, kept while the next pairs (sorted by article) need it."""
    words = _words.get(article_id)
    if words is None:
        [(body,)] = _bodies.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchall()
        words = _words[article_id] = Words(body)
        if len(_words) > 256:
            _words.popitem(last=False)
    else:
        _words.move_to_end(article_id)
    return words


def _close_bodies() -> None:
    global _bodies
    if _bodies is not None:
        _bodies.close()
        _bodies = None
    _words.clear()


def link_shared_copy(store, db_path: Path, pool=None) -> None:
    """Compare every queued article of `store` (a load.wire.WireStore) with its candidates and
    store the shared passages. The writer looks up the next chunk's candidates while the workers
    compare this one's (a chunk's candidates are the articles before it, whether or not their own
    comparison is stored yet)."""
    pending = store.pending()
    compare = functools.partial(compare_pairs, str(db_path))
    comparing = None  # (ids, rows coming from the workers) of the chunk before

    def save(chunk) -> None:
        ids, results = chunk
        store.save(ids, [row for rows in results for row in rows])

    try:
        for start in range(0, len(pending), SHARED_COPY_CHUNK):
            ids = pending[start:start + SHARED_COPY_CHUNK]
            pairs = store.candidates(ids)
            tasks = [pairs[i:i + PAIRS_PER_TASK] for i in range(0, len(pairs), PAIRS_PER_TASK)]
            results = pool.imap(compare, tasks) if pool else map(compare, tasks)
            if comparing:
                save(comparing)
            comparing = ids, results
        if comparing:
            save(comparing)
    finally:
        _close_bodies()
