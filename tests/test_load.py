"""The loader and schema, on real SQLite files."""

import asyncio
import json
import hashlib
import shutil
import sqlite3

import pytest

from conftest import SEEDS, build_archive
from ingest.runner import ingest_paths

TEXT_FOR = {"body": "body", "captions": "captions", "dateline": "dateline"}


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def snapshot(db):
    """Every row of every content table (not the run log)."""
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' AND name != 'ingest_runs'")]
    data = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
    conn.close()
    return data



def test_raw_bytes_are_stored_unchanged_with_their_sha256(archive_db):
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        [(content, sha)] = rows(archive_db, "SELECT r.content, a.sha256 FROM articles a "
                                            "JOIN raw_files r ON r.sha256 = a.sha256 WHERE a.file = ?", path.name)
        assert content == data
        assert sha == hashlib.sha256(data).hexdigest()


FIELD_TEXTS = "a.title, a.body, a.captions, a.dateline, a.byline, a.credits"


def field_text(row: tuple, field: str) -> str:
    """The text a row's offsets index: title, body, captions, dateline, byline, or the credit
    lines joined by newlines."""
    title, body, captions, dateline, byline, credits = row
    if field == "credits":
        return "\n".join(json.loads(credits or "[]"))
    return {"title": title, "body": body, "captions": captions, "dateline": dateline, "byline": byline}[field]


def test_every_mention_has_exactly_one_entity_and_exact_offsets(archive_db):
    conn = sqlite3.connect(archive_db)
    mentions = conn.execute(
        f"SELECT {FIELD_TEXTS}, m.field, m.char_start, m.char_end, m.surface, "
        "(m.person_id IS NOT NULL) + (m.organization_id IS NOT NULL) + (m.place_id IS NOT NULL) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id").fetchall()
    assert len(mentions) > 150
    assert {row[6] for row in mentions} >= {"title", "body", "byline"}
    for row in mentions:
        field, start, end, surface, entity_count = row[6:]
        assert field_text(row[:6], field)[start:end] == surface
        assert entity_count == 1


def test_sql_substr_agrees_with_python_offsets(archive_db):
    bad = rows(archive_db, "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                           "WHERE m.field = 'body' AND substr(a.body, m.char_start + 1, m.char_end - m.char_start) != m.surface")
    assert bad == [(0,)]


def test_article_entities_view_lists_people_per_article(archive_db):
    names = {r[0] for r in rows(archive_db, "SELECT name FROM article_entity_names WHERE file = '004_de2f06268bd83eb5.txt' "
                                            "AND entity_type = 'person'")}
    assert names == {"Vladimir Putin", "Kim Jong Un", "Antony Blinken"}


def test_full_text_search_uses_porter_stemming(archive_db):
    found = rows(archive_db, "SELECT a.file FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                             "WHERE articles_fts MATCH 'celebrations' ORDER BY a.file")
    assert found == [("000_886c7dcac77de565.txt",)]  # the body says "celebrate"


def test_counts_are_precomputed(archive_db):
    [(count, articles)] = rows(archive_db, "SELECT mention_count, article_count FROM people WHERE slug = 'kim-jong-un'")
    assert articles == rows(archive_db, "SELECT count(DISTINCT article_id) FROM mentions m JOIN people p "
                                        "ON p.id = m.person_id WHERE p.slug = 'kim-jong-un'")[0][0]
    assert count >= articles >= 10


def test_reingest_leaves_the_database_unchanged(tmp_path):
    db = build_archive(tmp_path, SEEDS)
    before = snapshot(db)
    summary = ingest_paths([tmp_path / "seeds"], db, report=lambda line: None)
    assert summary.counts["unchanged"] == 5 and summary.counts["added"] == 0
    assert snapshot(db) == before


def test_a_changed_file_updates_its_article_in_place(tmp_path):
    db = build_archive(tmp_path, SEEDS)
    path = tmp_path / "seeds" / "003_0cdc93a744032f18.txt"
    [(article_id, slug)] = rows(db, "SELECT id, slug FROM articles WHERE file = ?", path.name)
    old_text = path.read_text(encoding="utf-8")
    path.write_text(old_text.replace("Cheering crowds", "Cheering crowds and Sergei Lavrov"), encoding="utf-8")
    summary = ingest_paths([tmp_path / "seeds"], db, report=lambda line: None)
    assert summary.counts["updated"] == 1 and summary.counts["unchanged"] == 4
    assert rows(db, "SELECT id, slug, version FROM articles WHERE file = ?", path.name) == [(article_id, slug, 2)]
    assert rows(db, "SELECT count(*) FROM articles") == [(5,)]
    assert rows(db, "SELECT count(*) FROM mentions m JOIN people p ON p.id = m.person_id "
                    "WHERE m.article_id = ? AND p.slug = 'sergei-lavrov'", article_id) == [(1,)]
    [(old_body,)] = rows(db, "SELECT body FROM article_versions WHERE article_id = ?", article_id)
    assert "Sergei Lavrov" not in old_body
    fts = rows(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Lavrov'")
    assert fts == [(article_id,)]
    assert_derived_tables_agree(db)


def assert_derived_tables_agree(db):
    """article_entities, entity_months and the counts say what the mentions say."""
    assert rows(db, "SELECT entity_type, entity_id, month, articles FROM entity_months ORDER BY 1, 2, 3") == rows(db, """
        SELECT entity_type, entity_id, coalesce(substr(published, 1, 7), 'undated'), count(*)
        FROM article_entities GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
    assert rows(db, "SELECT article_id, entity_type, entity_id, mentions FROM article_entities ORDER BY 1, 2, 3") == \
        rows(db, """SELECT article_id, CASE WHEN person_id IS NOT NULL THEN 'person' WHEN organization_id IS NOT NULL
                    THEN 'organization' ELSE 'place' END, coalesce(person_id, organization_id, place_id), count(*)
                    FROM mentions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""")
    assert rows(db, "SELECT id, article_count FROM people WHERE article_count > 0 ORDER BY 1") == rows(db, """
        SELECT entity_id, count(*) FROM article_entities WHERE entity_type = 'person' GROUP BY 1 ORDER BY 1""")
    assert rows(db, "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
                    "WHERE q.published IS NOT a.published") == [(0,)]


def test_a_registry_change_re_extracts_unchanged_files(tmp_path):
    db = build_archive(tmp_path, SEEDS)
    registry = tmp_path / "registry.yml"
    shutil.copy(SEEDS.parent / "db" / "registry.yml", registry)
    registry.write_text(registry.read_text(encoding="utf-8") + "  - {name: Taedong Bridge, kind: landmark, "
                        "description: test}\n", encoding="utf-8")
    summary = ingest_paths([tmp_path / "seeds"], db, registry_path=registry, report=lambda line: None)
    assert summary.counts["refreshed"] == 5
    assert rows(db, "SELECT count(*) FROM places WHERE slug = 'taedong-bridge'") == [(1,)]
    assert_derived_tables_agree(db)


def test_a_re_extraction_also_rereads_the_article(tmp_path):
    """A registry change can change how a file reads (here a new outlet makes its first line a
    dateline): the article row is read again too, so offsets still index the stored body."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pact.txt").write_text("Kim and Putin sign the pact\n\nSeoul, South Korea ZNN —\n"
                                     "Kim Jong Un and Vladimir Putin signed the pact in Pyongyang.\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    ingest_paths([folder], db, report=lambda line: None)
    assert rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Seoul'") == [(1,)]
    registry = tmp_path / "registry.yml"
    text = (SEEDS.parent / "db" / "registry.yml").read_text(encoding="utf-8")
    cnn = next(line for line in text.splitlines() if line.startswith("  - {name: CNN,"))
    registry.write_text(text.replace(cnn, cnn + "\n  - {name: ZNN, aliases: [], kind: broadcaster, outlet: ZNN, "
                                                  "description: test outlet.}"), encoding="utf-8")
    summary = ingest_paths([folder], db, registry_path=registry, report=lambda line: None)
    assert summary.counts["refreshed"] == 1
    [(body, dateline, source, versions)] = rows(db, """SELECT body, dateline, s.name, (SELECT count(*) FROM article_versions)
                                                   FROM articles a LEFT JOIN sources s ON s.id = a.source_id""")
    assert (body[:11], dateline, source, versions) == ("Kim Jong Un", "Seoul, South Korea", "ZNN", 0)
    assert rows(db, "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                    "WHERE substr(CASE m.field WHEN 'body' THEN a.body WHEN 'dateline' THEN a.dateline ELSE a.captions END,"
                    " m.char_start + 1, m.char_end - m.char_start) != m.surface") == [(0,)]
    assert rows(db, "SELECT field, surface FROM mentions WHERE field = 'dateline'") == [("dateline", "Seoul"),
                                                                                      ("dateline", "South Korea")]
    assert rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Seoul'") == [(0,)]
    assert rows(db, "SELECT article_count FROM sources WHERE name = 'ZNN'") == [(1,)]
    assert_derived_tables_agree(db)


@pytest.mark.parametrize("column", ["title", "published"])
def test_seed_rows_match_gold(archive_db, column):
    from conftest import SEED_GOLD

    for gold in SEED_GOLD:
        [(value,)] = rows(archive_db, f"SELECT {column} FROM articles WHERE file = ?", gold["file"])
        assert value == gold[column]


def test_sources_link_to_registry_organizations(archive_db):
    found = dict(rows(archive_db, "SELECT s.name, o.name FROM sources s LEFT JOIN organizations o "
                                  "ON o.id = s.organization_id"))
    assert found["Yonhap"] == "Yonhap News Agency"
    assert found["CBC"] == "CBC News"


@pytest.mark.parametrize("table, surface", [("quotes", "text"), ("events", "expression"), ("roles", "surface")])
def test_quote_event_and_role_offsets_point_at_their_text(archive_db, table, surface):
    conn = sqlite3.connect(archive_db)
    found = conn.execute(f"SELECT {FIELD_TEXTS}, x.field, x.char_start, x.char_end, x.{surface} "
                         f"FROM {table} x JOIN articles a ON a.id = x.article_id").fetchall()
    assert len(found) > 20
    for row in found:
        fld, start, end, text = row[6:]
        assert field_text(row[:6], fld)[start:end] == text


def test_seed_wire_copy_is_linked_both_ways(archive_db):
    pairs = rows(archive_db, "SELECT a.file, b.file, s.shared_words FROM shared_passages s "
                             "JOIN articles a ON a.id = s.article_id JOIN articles b ON b.id = s.other_article_id "
                             "WHERE a.file LIKE '00%' AND b.file LIKE '00%'")
    files = {(a[:3], b[:3]) for a, b, _ in pairs}
    assert {("002", "003"), ("003", "002")} <= files
    assert all(words >= 15 for _, _, words in pairs)


def test_caption_event_of_the_kcna_seed(archive_db):
    assert rows(archive_db, "SELECT e.date, e.field FROM events e JOIN articles a ON a.id = e.article_id "
                            "WHERE a.file LIKE '000%' AND e.expression = 'on Tuesday'") == [("2024-12-10", "captions")]


def test_bylines_are_authors_and_unknown_names_await_review(archive_db):
    authors = {r[0] for r in rows(archive_db, "SELECT DISTINCT p.name FROM roles r JOIN people p ON p.id = r.person_id "
                                              "WHERE r.title = 'author' AND r.field IN ('byline', 'credits')")}
    assert {"Guy Faulconbridge", "Ji Da-gyum", "Andrew Osborn", "Colin Zwirko", "Justin McCurry", "Jung Min-ho"} <= authors
    # an author's mention is in the byline, never a speaker or a name in the body
    assert rows(archive_db, "SELECT count(*) FROM quotes q JOIN people p ON p.id = q.person_id "
                            "WHERE p.name IN ('Guy Faulconbridge', 'Ji Da-gyum')") == [(0,)]
    review = {r[0] for r in rows(archive_db, "SELECT name FROM names_for_review WHERE entity_type = 'person'")}
    assert {"Annalena Baerbock", "Kim Jong Gyu", "Peter Ward", "Kim Hong-kyun", "Chang Ho-jin", "Lim Eul-chul"} <= review
    assert not review - authors - {"Annalena Baerbock", "Kim Jong Gyu", "Peter Ward", "Kim Hong-kyun", "Chang Ho-jin",
                                   "Lim Eul-chul"}
    assert rows(archive_db, "SELECT byline FROM articles WHERE file = 'herald_published_byline.txt'") == [("Ji Da-gyum",)]


def test_quotes_link_speakers(archive_db):
    found = rows(archive_db, "SELECT p.name FROM quotes q JOIN people p ON p.id = q.person_id "
                             "WHERE q.text LIKE 'Russia and North Korea are the closest%'")
    assert found == [("Alexandr Matsegora",)]








def test_shared_copy_candidates_come_from_the_shingle_index_alone(tmp_path):
    """An archive with the older one-column shingle index gets the covering one when next opened
    for ingest, and the candidate search reads the index without visiting the table."""
    from ingest.load import Archive
    from ingest.registry import default_registry

    db = build_archive(tmp_path, SEEDS)
    conn = sqlite3.connect(db)
    conn.executescript("DROP INDEX idx_article_shingles_hash;"
                       "CREATE INDEX idx_article_shingles_hash ON article_shingles(hash);")
    conn.close()
    archive = Archive(db, default_registry(), "test")
    plan = " ".join(row[3] for row in archive.conn.execute(
        "EXPLAIN QUERY PLAN SELECT other.article_id FROM article_shingles other WHERE other.hash = ?", [1]))
    archive.close()
    assert "COVERING INDEX idx_article_shingles_hash" in plan


BOILERPLATE = ("Our desk sends the latest analysis of the Korean Peninsula every morning, written by a team of "
               "reporters and editors in Seoul, Tokyo, Moscow and Washington, with maps, charts and documents "
               "that explain what the news means for the region and for the rest of the world.")


def _article_with_boilerplate(number: int) -> str:
    words = " ".join(f"word{number}x{k}" for k in range(80))
    return f"Report number {number} on the treaty\n\ndate 2024-07-0{number}\n\n{words}.\n\n{BOILERPLATE}\n"


def test_boilerplate_shingles_are_retired_and_not_indexed_for_later_articles(tmp_path, monkeypatch):
    from ingest.load import wire as wire_store
    from ingest.wire import shingle_hashes

    monkeypatch.setattr(wire_store, "MAX_SHINGLE_ARTICLES", 2)
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(1, 5):
        (folder / f"a{number}.txt").write_text(_article_with_boilerplate(number))
    db = tmp_path / "archive.db"
    ingest_paths([folder], db, report=lambda line: None)
    boilerplate = set(shingle_hashes(BOILERPLATE))
    retired = {h for (h,) in rows(db, "SELECT hash FROM common_shingles")}
    assert boilerplate and boilerplate <= retired
    assert not rows(db, "SELECT * FROM shared_passages")  # boilerplate is not shared wire copy

    (folder / "a5.txt").write_text(_article_with_boilerplate(5))
    ingest_paths([folder], db, report=lambda line: None)
    indexed = {h for (h,) in rows(db, "SELECT hash FROM article_shingles s JOIN articles a ON a.id = s.article_id "
                                      "WHERE a.file = 'a5.txt'")}
    assert indexed and not indexed & retired
