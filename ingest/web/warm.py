"""Read the full-text indexes once when a server starts, so the first searches after a restart
are as fast as the later ones (measured at 1M articles with the page cache dropped: first-pass
search p95 317-456 ms -> 89 ms, after an 8-second read of 1.3 GB)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

# The FTS5 shadow tables a search reads: posting lists (_data) and document sizes (_docsize, bm25).
WARM_TABLES = (("articles_fts_data", "block"), ("articles_fts_docsize", "sz"),
               ("quotes_fts_data", "block"), ("quotes_fts_docsize", "sz"))


def warm_full_text_index(db_path: str | Path) -> int:
    """Read every page of the full-text index tables into the operating system's page cache
    (read-only, on a connection of its own). Returns the bytes read."""
    conn = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return sum(conn.execute(f"SELECT coalesce(sum(length({column})), 0) FROM [{table}]").fetchone()[0]
                   for table, column in WARM_TABLES if table in present)
    finally:
        conn.close()


class IndexWarmer(threading.Thread):
    """warm_full_text_index in a background thread: the server answers at once meanwhile."""

    def __init__(self, db_path: str | Path):
        super().__init__(name="warm-full-text-index", daemon=True)
        self.db_path = db_path
        self.bytes_read: int | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.bytes_read = warm_full_text_index(self.db_path)
        except sqlite3.Error as exc:  # a warm cache is an optimization: never fail the server
            self.error = exc
