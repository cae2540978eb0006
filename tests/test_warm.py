"""Warming the full-text indexes when a server starts: what is read, and that the live server
(not a static build) starts it without waiting for it."""

import asyncio
import sqlite3

from ingest.serve import METADATA_PATH, make_datasette
from ingest.web.warm import WARM_TABLES, IndexWarmer, warm_full_text_index


def test_reads_every_full_text_index_page(archive_db):
    conn = sqlite3.connect(archive_db)
    expected = sum(conn.execute(f"SELECT sum(length({column})) FROM {table}").fetchone()[0]
                   for table, column in WARM_TABLES)
    conn.close()
    assert expected > 0 and warm_full_text_index(archive_db) == expected


def test_an_archive_without_an_index_table_is_warmed_without_error(tmp_path):
    db = tmp_path / "other.db"
    sqlite3.connect(db).execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)").connection.close()
    assert warm_full_text_index(db) == 0
    warmer = IndexWarmer(tmp_path / "missing-folder" / "none.db")
    warmer.run()
    assert warmer.bytes_read is None and warmer.error is not None


def test_the_live_server_warms_in_the_background_and_a_static_build_does_not(archive_db, tmp_path):
    async def started(static: bool, metadata_path=METADATA_PATH):
        datasette = make_datasette(archive_db, metadata_path, static=static)
        await datasette.invoke_startup()
        response = await datasette.client.get("/search.json?q=treaty")  # answers while it warms
        assert response.status_code == 200
        return getattr(datasette, "_archive_index_warmer", None)

    warmer = asyncio.run(started(static=False))
    warmer.join(timeout=30)
    assert warmer.error is None and warmer.bytes_read == warm_full_text_index(archive_db)
    assert asyncio.run(started(static=True)) is None
    turned_off = tmp_path / "metadata.yml"
    turned_off.write_text(METADATA_PATH.read_text() + "\nplugins:\n  archive-site:\n    warm: false\n")
    assert asyncio.run(started(static=False, metadata_path=turned_off)) is None
