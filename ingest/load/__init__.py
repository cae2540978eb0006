"""The only code that writes SQLite. `Archive` opens the database and holds the transactions:
whole articles are saved in batches, each in its own savepoint. Its parts, one concern each:

- articles.ArticleStore: articles, their raw files and earlier versions, duplicates, slugs, sources;
- entities.EntityStore: registry rows, names found in articles, each article's mentions, quotes,
  roles and events, and the counts derived from them;
- runs.RunLog: the run log and the quarantine;
- wire.WireStore: shingles, the comparison queue and shared passages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; SQLite's own locking still keeps the file whole
    fcntl = None

import sqlite_utils

from ..pipeline import ProcessedFile
from ..registry import Registry
from ..schema import begin_bulk_load, check_archive_file, ensure_schema, finish_bulk_load
from .articles import ArticleStore
from .entities import EntityStore
from .judgements import JudgementStore
from .runs import RunLog
from .wire import WireStore

WRITER_CACHE_KB = 64 * 1024


@dataclass
class SaveResult:
    outcome: str  # added | updated | unchanged | refreshed | duplicate | renamed
    article_id: int
    mentions: int = 0


class Archive:
    """A handle on the archive database for writing."""

    def __init__(self, path: str | Path, registry: Registry, reading_version: str,
                 on_wait: Callable[[str], None] | None = None, judgements=None):
        self.path = Path(path)
        self._lock = None
        if str(path) != ":memory:":
            check_archive_file(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _writer_lock(self.path, on_wait)
        self.db = sqlite_utils.Database(self.path)
        self.conn = self.db.conn
        self.conn.execute("PRAGMA busy_timeout = 10000")
        ensure_schema(self.db)
        self.db.execute("PRAGMA synchronous = NORMAL")
        # Keys like sha256, slug and path arrive in random order: with SQLite's 2 MB default cache
        # their index inserts read pages from disk once an archive passes ~100k articles.
        self.db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
        # SQLite's sorter may use helper threads: index builds at the end of a bulk load run while
        # the worker processes are idle (15-25% faster at 100k articles)
        self.db.execute(f"PRAGMA threads = {min(4, os.cpu_count() or 1)}")
        self.registry = registry
        self.entities = EntityStore(self.db, registry)
        self.articles = ArticleStore(self.db, registry, self.entities, reading_version)
        self.runs = RunLog(self.db)
        self.wire = WireStore(self.db)
        self.judged = JudgementStore(self.db, registry, judgements)  # registry: as the judgements amend it
        self.bulk = False

    def reconfigure(self, registry: Registry, reading_version: str, judgements=None) -> None:
        """Read with another registry, reading version or judgements from now on (`archive review`
        holds the writer lock while it decides, then applies the decision)."""
        self.commit()
        self.registry = registry
        self.entities = EntityStore(self.db, registry)
        self.articles = ArticleStore(self.db, registry, self.entities, reading_version)
        self.judged = JudgementStore(self.db, registry, judgements)

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            os.close(self._lock)  # releases the writer lock
            self._lock = None

    # ------------------------------------------------------------ transactions

    def begin(self) -> None:
        """Start a batch: whole articles are saved inside it, each in its own savepoint."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def commit(self) -> None:
        self.entities.write_month_changes()
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def begin_bulk(self) -> None:
        """Bulk mode for large loads: full-text indexes are built once and reader-only indexes
        created at finish_bulk(). Readers see new articles at once but find them by search only
        after it. A load stopped midway is repaired the next time the archive is opened."""
        self.commit()
        with self.db.atomic():
            begin_bulk_load(self.db)
        self.bulk = True

    def finish_bulk(self) -> bool:
        """End bulk mode: build what it deferred. False if the archive was not in bulk mode."""
        if not self.bulk:
            return False
        self.commit()
        finish_bulk_load(self.db)
        self.bulk = False
        return True

    # ------------------------------------------------------------ one file

    def save(self, file: str, path: str, data: bytes, processed: ProcessedFile, container: str | None = None,
             container_sha: str | None = None) -> SaveResult:
        """Insert, update or skip one file's article and write what was extracted from it, all in
        one transaction (or a savepoint of the batch). An article out of a container (a feed item,
        a crawl's record) is stored under 'container path#item' (give `container` when `path` is
        that already)."""
        self.entities.start_article()
        if processed.item is not None and container is None:
            container, path = path, f"{path}#{processed.item}"
        with self.db.atomic():
            stored = self.articles.store(file, path, data, processed, container, container_sha)
            mentions = 0
            if stored.extraction:
                if stored.extraction == "replace":
                    self.judged.forget(stored.article_id)
                    self.entities.forget(stored.article_id)
                    self.wire.forget(stored.article_id)
                    self.articles.mark_read(stored.article_id)
                mentions = self.entities.save(stored.article_id, processed.extraction, processed.article.published)
                self.judged.save(stored.article_id, processed, self.entities.entity_id)
                self.wire.index(stored.article_id, processed.shingles)
        self.entities.article_saved()
        if not self.conn.in_transaction:
            self.entities.write_month_changes()
        return SaveResult(stored.outcome, stored.article_id, mentions)

    # ------------------------------------------------------------ the run

    def sync_registry(self) -> None:
        """The registry's entities (as the judgements amend it) and the judgements' mirror."""
        self.entities.sync_registry()
        self.judged.sync(self.entities)

    def start_run(self, paths: list[str]) -> int:
        return self.runs.start(paths)

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        """Recount what the run changed and close its log row."""
        with self.db.atomic():
            self.entities.refresh_counts()
            self.judged.refresh_statuses()
            self.runs.finish(run_id, counts)

    def finish_review(self) -> None:
        """Recount what a decision changed (`archive review`: no run is logged)."""
        self.commit()
        with self.db.atomic():
            self.entities.refresh_counts()
            self.judged.refresh_statuses()

    def record_error(self, run_id: int, file: str, path: str, sha256: str | None, data: bytes | None,
                     error: str, message: str, size: int | None = None) -> None:
        self.runs.quarantine(run_id, file, path, sha256, data, error, message, size)


def _writer_lock(path: Path, on_wait: Callable[[str], None] | None) -> int | None:
    """One writer at a time: an advisory lock on the database file, held until close. A second
    ingest of the same archive says so and waits for the first to finish (readers never wait)."""
    if fcntl is None:
        return None
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if on_wait:
            on_wait(f"{path}: another ingest is writing this archive; waiting for it to finish")
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor
