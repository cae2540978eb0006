"""The ingest runner's plumbing: how files flow to the worker processes."""

import sqlite3
import sys
from pathlib import Path

from ingest import runner
from ingest.wire import link

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import write_corpus  # noqa: E402


def _shared_passages(db):
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(
            "SELECT a.file, b.file, s.similarity, s.shared_words, s.passages FROM shared_passages s "
            "JOIN articles a ON a.id = s.article_id JOIN articles b ON b.id = s.other_article_id"))
    finally:
        conn.close()


def test_shared_copy_found_in_many_small_chunks_is_what_one_chunk_finds(tmp_path, monkeypatch):
    """The writer looks up a chunk's candidates while the workers still compare the chunk before:
    the passages found are the same as when everything is one chunk."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 150, seed=11)
    runner.ingest_paths([corpus], tmp_path / "one.db", workers=2, report=lambda line: None)
    monkeypatch.setattr(link, "SHARED_COPY_CHUNK", 7)
    monkeypatch.setattr(link, "PAIRS_PER_TASK", 3)
    runner.ingest_paths([corpus], tmp_path / "many.db", workers=2, report=lambda line: None)
    found = _shared_passages(tmp_path / "one.db")
    assert len(found) >= 10
    assert _shared_passages(tmp_path / "many.db") == found
