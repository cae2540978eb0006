"""Crashes and concurrency, for real: a subprocess ingest killed with SIGKILL, and readers
(SQLite and Datasette) working while an ingest runs."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import write_corpus  # noqa: E402

CORPUS_SIZE = 1000  # large enough that a kill lands mid-run however fast the ingest gets
CHILDREN = ("mentions", "quotes", "events", "roles", "article_shingles")


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ingest", "ingest", str(corpus), "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def wait_for_articles(db: Path, process: subprocess.Popen, at_least: int) -> None:
    deadline = time.time() + 120
    while article_count(db) < at_least:
        assert process.poll() is None, "ingest finished before it could be interrupted"
        assert time.time() < deadline
        time.sleep(0.05)


def assert_consistent(db: Path, search: bool = True) -> int:
    """Every article whole, no orphans; with search=True the full-text index matches the articles."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        if search:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if out of sync
            assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == articles
        for table in CHILDREN:
            orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                                   "(SELECT id FROM articles)").fetchone()[0]
            assert orphans == 0, table
        assert conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)").fetchone()[0] == 0
        return articles
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, CORPUS_SIZE, seed=7)
    return folder


def kill_mid_ingest(corpus: Path, db: Path) -> None:
    """Start a real ingest and SIGKILL it once at least 40 articles are committed."""
    process = start_ingest(corpus, db)
    wait_for_articles(db, process, 40)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_kill_9_mid_ingest_leaves_a_consistent_database_and_rerun_finishes(corpus, tmp_path):
    db = tmp_path / "archive.db"
    kill_mid_ingest(corpus, db)
    # A first load is a bulk load: its full-text index is built at the end, so the killed run left
    # whole articles that search cannot find yet.
    interrupted = assert_consistent(db, search=False)
    assert 40 <= interrupted < CORPUS_SIZE
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT finished_at FROM ingest_runs").fetchall() == [(None,)]
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles_ai'").fetchone()[0] == 0
    conn.close()

    rerun = start_ingest(corpus, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert f"{CORPUS_SIZE - interrupted} added" in out.decode()
    assert assert_consistent(db) == CORPUS_SIZE


def test_opening_the_archive_completes_an_interrupted_bulk_load(corpus, tmp_path):
    from ingest.load import Archive
    from ingest.registry import load_registry

    db = tmp_path / "archive.db"
    kill_mid_ingest(corpus, db)
    Archive(db, load_registry(), "test").close()  # what the next `archive ingest` does first
    articles = assert_consistent(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'treaty'").fetchone()[0] > 0
    indexes = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    assert {"idx_mentions_person_id", "idx_articles_published", "idx_events_date"} <= indexes
    assert articles >= 40


def test_readers_never_see_half_an_article_while_an_ingest_runs(corpus, tmp_path):
    from ingest.serve import make_datasette

    db = tmp_path / "archive.db"
    process = start_ingest(corpus, db)
    wait_for_articles(db, process, 5)
    ds = make_datasette(db)
    snapshots = 0
    while process.poll() is None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        conn.execute("BEGIN")  # one snapshot for both queries
        half = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                            "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)").fetchone()[0]
        orphans = conn.execute("SELECT count(*) FROM mentions WHERE article_id NOT IN "
                               "(SELECT id FROM articles)").fetchone()[0]
        conn.close()
        assert (half, orphans) == (0, 0)
        response = asyncio.run(ds.client.get("/archive/articles.json?_size=5&_shape=array"))
        assert response.status_code == 200
        snapshots += 1
    assert process.returncode == 0
    assert snapshots >= 3
