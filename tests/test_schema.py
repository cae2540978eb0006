"""The schema: tables, keys and indexes; upgrades of archives made by older versions, in place,
keeping every row; opening a current archive changes nothing."""

import asyncio
import shutil
import sqlite3

import pytest

from conftest import ARTICLES, SEEDS, build_archive
from ingest.runner import ingest_paths
from ingest.schema import SCHEMA_VERSION
from test_load import assert_derived_tables_agree, rows

def test_schema_tables_and_foreign_keys(archive_db):
    conn = sqlite3.connect(archive_db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"sources", "articles", "people", "organizations", "places", "aliases", "mentions", "raw_files",
            "articles_fts", "people_fts", "article_entities", "article_entity_names", "entity_months"} <= tables
    fks = {(r[2], r[3], r[4]) for r in conn.execute("SELECT * FROM pragma_foreign_key_list('mentions')")}
    assert {("articles", "article_id", "id"), ("people", "person_id", "id"),
            ("organizations", "organization_id", "id"), ("places", "place_id", "id")} <= fks
    assert ("sources", "source_id", "id") in {(r[2], r[3], r[4]) for r in
                                             conn.execute("SELECT * FROM pragma_foreign_key_list('articles')")}
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def as_schema_1(db):
    """Turn an archive back into what version 1 of the schema made (no quotes.published)."""
    conn = sqlite3.connect(db)
    conn.executescript("""
        DROP INDEX idx_quotes_person_published; DROP INDEX idx_quotes_organization_published;
        ALTER TABLE quotes DROP COLUMN published;
        CREATE INDEX idx_quotes_person_id ON quotes(person_id); PRAGMA user_version = 1;""")
    conn.commit()
    conn.close()


def test_an_archive_from_schema_1_gains_quote_dates_without_losing_rows(tmp_path):
    db = build_archive(tmp_path, SEEDS)
    as_schema_1(db)
    quotes_before = rows(db, "SELECT id, article_id, person_id, text, char_start FROM quotes ORDER BY id")
    summary = ingest_paths([tmp_path / "seeds"], db, report=lambda line: None)
    assert summary.counts["unchanged"] == 5
    assert rows(db, "SELECT id, article_id, person_id, text, char_start FROM quotes ORDER BY id") == quotes_before
    assert_derived_tables_agree(db)
    indexes = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'quotes'")}
    assert "idx_quotes_person_published" in indexes and "idx_quotes_person_id" not in indexes
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_serving_an_archive_from_schema_1_upgrades_it_first(tmp_path):
    from ingest.serve import make_datasette

    db = build_archive(tmp_path, SEEDS)
    as_schema_1(db)
    ds = make_datasette(db)
    response = asyncio.run(ds.client.get("/people/choe-son-hui.json"))
    assert response.status_code == 200 and response.json()["quotes"]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_processes_starting_at_once_upgrade_an_old_archive_once(tmp_path):
    import multiprocessing

    from ingest.schema import upgrade_archive

    db = build_archive(tmp_path, SEEDS)
    as_schema_1(db)
    with multiprocessing.get_context("fork").Pool(3) as pool:
        upgraded = pool.map(upgrade_archive, [db] * 3)
    assert sorted(upgraded) == [False, False, True]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert_derived_tables_agree(db)


def test_an_archive_from_before_article_entities_was_a_table_is_upgraded(tmp_path):
    """Early archives had article_entities as a view, a cooccurrences table and narrower
    mention indexes under today's names."""
    from ingest.serve import make_datasette

    db = build_archive(tmp_path, SEEDS)
    expected = rows(db, "SELECT * FROM article_entities ORDER BY 1, 2, 3")
    as_schema_1(db)
    conn = sqlite3.connect(db)
    conn.executescript("""
        DROP TABLE article_entities; DELETE FROM entity_months;
        CREATE VIEW article_entities AS SELECT article_id, count(*) AS mentions FROM mentions GROUP BY article_id;
        CREATE TABLE cooccurrences (entity_type TEXT, entity_id INTEGER, other_type TEXT, other_id INTEGER);
        DROP INDEX idx_mentions_person_id;
        CREATE INDEX idx_mentions_person_id ON mentions(person_id) WHERE person_id IS NOT NULL;""")
    conn.commit()
    conn.close()
    response = asyncio.run(make_datasette(db).client.get("/people/choe-son-hui.json"))
    assert response.status_code == 200 and response.json()["articles"] and response.json()["quotes"]
    assert rows(db, "SELECT * FROM article_entities ORDER BY 1, 2, 3") == expected
    assert_derived_tables_agree(db)
    assert rows(db, "SELECT sql FROM sqlite_master WHERE name = 'idx_mentions_person_id'") == [
        ("CREATE INDEX idx_mentions_person_id ON mentions(person_id, article_id) WHERE person_id IS NOT NULL",)]
    assert rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'cooccurrences'") == [(0,)]


def test_opening_a_current_archive_rebuilds_no_index(archive_db, tmp_path):
    import sqlite_utils

    from ingest.schema import ensure_schema

    copy = tmp_path / "copy.db"
    shutil.copy(archive_db, copy)
    db = sqlite_utils.Database(copy)
    statements = []
    db.conn.set_trace_callback(statements.append)
    ensure_schema(db)
    db.close()
    assert not [s for s in statements if s.lstrip().upper().startswith("DROP")]


def test_a_repair_stopped_after_its_triggers_is_finished_on_the_next_open(tmp_path):
    """What a kill -9 left when the repair of an interrupted bulk load committed the triggers
    before the rebuild: triggers in place, a third of the articles missing from the index.
    The next open must see the index is not in step with the table and rebuild it."""
    from ingest.load import Archive
    from ingest.registry import default_registry
    from ingest.schema import fts_in_step

    db = build_archive(tmp_path, SEEDS, ARTICLES)
    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    for rowid, title, body in conn.execute("SELECT id, title, body FROM articles WHERE id % 3 = 0").fetchall():
        conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                     [rowid, title, body])
    conn.commit()
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # FTS5 itself sees nothing wrong
    assert not fts_in_step(conn, "articles")
    conn.close()
    Archive(db, default_registry(), "test").close()
    conn = sqlite3.connect(db)
    assert fts_in_step(conn, "articles")
    like = conn.execute("SELECT count(*) FROM articles WHERE body LIKE '%treaty%' OR title LIKE '%treaty%'").fetchone()[0]
    found = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'treaty'").fetchone()[0]
    conn.close()
    assert found == like and total > 20


def test_an_upgrade_stopped_between_its_statements_is_done_again(tmp_path):
    """Schema 1 -> 2 added quotes.published, then filled it. A kill after the ALTER used to leave the
    column empty for good (the next open saw the column and bumped the version)."""
    db = build_archive(tmp_path, SEEDS)
    expected = rows(db, "SELECT id, published FROM quotes ORDER BY id")
    assert any(published for _, published in expected)
    as_schema_1(db)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE quotes ADD COLUMN published TEXT")  # the first statement of the step, committed
    conn.commit()
    conn.close()
    ingest_paths([tmp_path / "seeds"], db, report=lambda line: None)
    assert rows(db, "SELECT id, published FROM quotes ORDER BY id") == expected


def test_each_upgrade_step_commits_with_its_version_or_not_at_all(tmp_path, monkeypatch):
    from ingest import schema
    from ingest.load import Archive
    from ingest.registry import default_registry

    db = build_archive(tmp_path, SEEDS)
    as_schema_1(db)

    def broken(database):
        schema._to_2(database)
        raise KeyboardInterrupt  # stopped inside the step

    monkeypatch.setattr(schema, "MIGRATIONS", [(2, broken), *schema.MIGRATIONS[1:]])
    with pytest.raises(KeyboardInterrupt):
        Archive(db, default_registry(), "test")
    assert rows(db, "PRAGMA user_version") == [(1,)]
    assert "published" not in {r[1] for r in rows(db, "PRAGMA table_info(quotes)")}


def as_schema_4(db):
    """Turn an archive back into what version 4 made: no origin, Wikidata ids, coordinates or role fields."""
    conn = sqlite3.connect(db)
    views = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall()
    for name, _ in views:  # views over the tables must go while their columns are dropped
        conn.execute(f"DROP VIEW [{name}]")
    for table in ("people", "organizations", "places"):
        conn.execute(f"ALTER TABLE [{table}] DROP COLUMN wikidata_id")
        conn.execute(f"ALTER TABLE [{table}] DROP COLUMN origin")
    for column in ("geonameid", "latitude", "longitude"):
        conn.execute(f"ALTER TABLE places DROP COLUMN {column}")
    conn.execute("ALTER TABLE roles DROP COLUMN field")
    for _, sql in views:
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_an_archive_from_schema_4_gains_origins_wikidata_and_coordinates(tmp_path):
    db = build_archive(tmp_path, SEEDS)
    people_before = rows(db, "SELECT id, name, reviewed FROM people ORDER BY id")
    as_schema_4(db)
    summary = ingest_paths([tmp_path / "seeds"], db, report=lambda line: None)
    assert summary.counts["unchanged"] == 5
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(db, "SELECT id, name, reviewed FROM people ORDER BY id") == people_before
    assert rows(db, "SELECT DISTINCT origin FROM people WHERE reviewed = 1") == [("registry",)]
    [(lat, lon)] = rows(db, "SELECT latitude, longitude FROM places WHERE name = 'Pyongyang'")
    assert 38.9 < lat < 39.1 and 125.6 < lon < 125.9
    assert rows(db, "SELECT wikidata_id FROM people WHERE name = 'Vladimir Putin'") == [("Q7747",)]
    assert rows(db, "SELECT DISTINCT field FROM roles") == [("body",)]
    assert_derived_tables_agree(db)
