"""The store of shared wire copy: each article's sampled shingles, the comparison queue, the
boilerplate shingles retired from it, and the passages two articles share (ingest.wire compares;
ingest.wire.link runs the comparison at the end of a run)."""

from __future__ import annotations

from array import array

import sqlite_utils

from ..wire import MAX_CANDIDATES, MAX_SHINGLE_ARTICLES, MIN_SHARED_SHINGLES


class WireStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn
        self._has_common_shingles: bool | None = None  # looked up once, at the first article

    def forget(self, article_id: int) -> None:
        """Drop an article's shingles, queue entry and shared passages (before it is read again)."""
        self.conn.execute("DELETE FROM article_shingles WHERE article_id = ?", [article_id])
        self.conn.execute("DELETE FROM shared_passages WHERE article_id = ? OR other_article_id = ?",
                          [article_id, article_id])
        self.conn.execute("DELETE FROM shared_copy_pending WHERE article_id = ?", [article_id])

    def index(self, article_id: int, hashes: list[int]) -> None:
        """Index the article's sampled shingles (boilerplate ones excepted) and queue it for the
        shared-copy comparison at the end of the run."""
        if not hashes:
            return
        common = set()
        if self._has_common_shingles is None:  # none are retired until a run's end (pending)
            self._has_common_shingles = self.conn.execute("SELECT 1 FROM common_shingles LIMIT 1").fetchone() is not None
        if self._has_common_shingles:
            marks = ", ".join("?" * len(hashes))
            common = {h for (h,) in self.conn.execute(f"SELECT hash FROM common_shingles WHERE hash IN ({marks})", hashes)}
        rare = [(h, article_id) for h in hashes if h not in common]
        if len(rare) >= MIN_SHARED_SHINGLES:
            self.conn.executemany("INSERT INTO article_shingles (hash, article_id) VALUES (?, ?)", rare)
            self.conn.execute("INSERT OR IGNORE INTO shared_copy_pending (article_id) VALUES (?)", [article_id])

    def pending(self) -> array:
        """Retire boilerplate shingles (those in more than MAX_SHINGLE_ARTICLES articles), then
        return the ids of the articles waiting to be compared. Retired shingles are only marked:
        the candidate query skips them, and deleting millions of index entries would cost more."""
        pending = self.conn.execute("SELECT count(*) FROM shared_copy_pending").fetchone()[0]
        if not pending:
            return array("q")
        everything = pending * 10 > self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        self._has_common_shingles = None
        with self.db.atomic():
            self.conn.execute(f"""
                INSERT OR IGNORE INTO common_shingles (hash)
                SELECT hash FROM article_shingles
                {"" if everything else
                 "WHERE hash IN (SELECT s.hash FROM shared_copy_pending p JOIN article_shingles s USING (article_id))"}
                GROUP BY hash HAVING count(*) > {MAX_SHINGLE_ARTICLES}""")
        return array("q", (i for (i,) in self.conn.execute("SELECT article_id FROM shared_copy_pending ORDER BY article_id")))

    def candidates(self, article_ids: list[int]) -> list[tuple[int, int]]:
        """(article, earlier article) pairs that share enough sampled shingles to be compared: for each
        article its best MAX_CANDIDATES among articles already linked or queued before it."""
        lo, hi = article_ids[0], article_ids[-1]
        return self.conn.execute(f"""
            SELECT a, b FROM (
              SELECT mine.article_id AS a, other.article_id AS b,
                     row_number() OVER (PARTITION BY mine.article_id ORDER BY count(*) DESC, other.article_id) AS r
              FROM shared_copy_pending p
              JOIN article_shingles mine ON mine.article_id = p.article_id
                   AND NOT EXISTS (SELECT 1 FROM common_shingles c WHERE c.hash = mine.hash)
              JOIN article_shingles other ON other.hash = mine.hash AND other.article_id != mine.article_id
              WHERE p.article_id BETWEEN ? AND ?
                AND (other.article_id < mine.article_id
                     OR other.article_id NOT IN (SELECT article_id FROM shared_copy_pending))
              GROUP BY mine.article_id, other.article_id
              HAVING count(*) >= {MIN_SHARED_SHINGLES})
            WHERE r <= {MAX_CANDIDATES}""", [lo, hi]).fetchall()

    def save(self, article_ids: list[int], rows: list[tuple]) -> None:
        """Store the passages found for a chunk of queued articles and take them off the queue."""
        with self.db.atomic():
            self.conn.executemany(
                "INSERT INTO shared_passages (article_id, other_article_id, similarity, shared_words, passages)"
                " VALUES (?, ?, ?, ?, ?)", rows)
            lo, hi = article_ids[0], article_ids[-1]
            self.conn.execute("DELETE FROM shared_copy_pending WHERE article_id BETWEEN ? AND ?", [lo, hi])
