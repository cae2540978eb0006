"""The loader's parts on an in-memory database: one file in, the rows it makes; read again,
renamed, duplicated, quarantined — each asserted row by row."""

import sqlite3

import pytest

from ingest.extract import Extractor
from ingest.load import Archive
from ingest.pipeline import process_bytes

TEXT = (b"North Korea hails treaty with Russia\n\nSEOUL, June 20 (Yonhap) -- Foreign Minister Choe Son-hui "
        b"said on Thursday that the treaty with Russia was \"an invincible alliance\", Choe told Vladimir Putin "
        b"in Pyongyang on June 19, 2024.\n")


@pytest.fixture
def archive(registry):
    archive = Archive(":memory:", registry, "test-version")
    archive.sync_registry()
    yield archive
    archive.close()


@pytest.fixture
def processed(extractor):
    return process_bytes(TEXT, extractor)


def rows(archive, sql, *params):
    return archive.conn.execute(sql, params).fetchall()


def test_a_new_file_makes_its_article_raw_file_mentions_and_counts(archive, processed):
    saved = archive.save("a.txt", "in/a.txt", TEXT, processed)
    assert (saved.outcome, saved.mentions) == ("added", len(processed.extraction.mentions))
    [(slug, title, source, published)] = rows(archive, "SELECT a.slug, a.title, s.name, a.published FROM articles a "
                                                       "JOIN sources s ON s.id = a.source_id")
    assert (title, source, published) == ("North Korea hails treaty with Russia", "Yonhap", "2024-06-20")
    assert slug == "2024-06-20-north-korea-hails-treaty-with-russia"
    assert rows(archive, "SELECT content FROM raw_files") == [(TEXT,)]
    people = {name for (name,) in rows(archive, "SELECT p.name FROM article_entities ae JOIN people p "
                                                "ON ae.entity_type = 'person' AND p.id = ae.entity_id")}
    assert {"Choe Son Hui", "Vladimir Putin"} <= people
    [(speaker, person)] = rows(archive, "SELECT q.speaker, p.slug FROM quotes q JOIN people p ON p.id = q.person_id")
    assert person == "choe-son-hui"
    archive.finish_run(archive.start_run(["in"]), {"added": 1})
    assert rows(archive, "SELECT article_count FROM people WHERE slug = 'choe-son-hui'") == [(1,)]
    assert rows(archive, "SELECT month, articles FROM entity_months m JOIN people p ON p.id = m.entity_id "
                         "AND m.entity_type = 'person' WHERE p.slug = 'choe-son-hui'") == [("2024-06", 1)]


def test_the_same_file_again_is_unchanged_and_writes_nothing(archive, processed):
    archive.save("a.txt", "in/a.txt", TEXT, processed)
    before = rows(archive, "SELECT count(*) FROM mentions")
    assert archive.save("a.txt", "in/a.txt", TEXT, processed).outcome == "unchanged"
    assert rows(archive, "SELECT count(*) FROM mentions") == before


def test_a_new_reading_replaces_the_extraction_and_keeps_the_slug(registry, processed):
    archive = Archive(":memory:", registry, "v1")
    archive.sync_registry()
    first = archive.save("a.txt", "in/a.txt", TEXT, processed)
    archive.articles.reading_version = "v2"
    again = archive.save("a.txt", "in/a.txt", TEXT, processed)
    assert (again.outcome, again.article_id) == ("refreshed", first.article_id)
    assert rows(archive, "SELECT count(*) FROM mentions") == [(len(processed.extraction.mentions),)]
    assert rows(archive, "SELECT extracted_with, version FROM articles") == [("v2", 1)]
    archive.close()


def test_renamed_and_duplicated_files(archive, processed, tmp_path):
    kept = tmp_path / "a.txt"
    kept.write_bytes(TEXT)
    archive.save("a.txt", str(kept), TEXT, processed)
    assert archive.save("b.txt", "elsewhere/b.txt", TEXT, processed).outcome == "duplicate"
    assert rows(archive, "SELECT file, path FROM duplicate_files") == [("b.txt", "elsewhere/b.txt")]
    kept.unlink()
    assert archive.save("c.txt", "moved/c.txt", TEXT, processed).outcome == "renamed"
    assert rows(archive, "SELECT file, path FROM articles") == [("c.txt", "moved/c.txt")]


def test_an_edited_file_keeps_its_id_and_its_previous_text(archive, processed, extractor):
    first = archive.save("a.txt", "in/a.txt", TEXT, processed)
    edited = TEXT.replace(b"Thursday", b"Friday")
    second = archive.save("a.txt", "in/a.txt", edited, process_bytes(edited, extractor))
    assert (second.outcome, second.article_id) == ("updated", first.article_id)
    [(version, body)] = rows(archive, "SELECT version, body FROM article_versions")
    assert version == 1 and "Thursday" in body
    assert rows(archive, "SELECT count(*) FROM raw_files") == [(2,)]


def test_quarantine_keeps_the_bytes_and_the_reason(archive):
    run = archive.start_run(["in"])
    archive.record_error(run, "bad.txt", "in/bad.txt", "ab" * 32, b"\x00\x01", "binary", "file looks binary")
    assert rows(archive, "SELECT file, error, raw FROM ingest_errors") == [("bad.txt", "binary", b"\x00\x01")]


def test_shingles_queue_an_article_for_comparison_until_it_is_read_again(archive, extractor):
    long_text = TEXT + b"\n".join(b"Sentence number %d of a long report on the rail link and the bridge." % i
                                   for i in range(60))
    processed = process_bytes(long_text, extractor)
    saved = archive.save("a.txt", "in/a.txt", long_text, processed)
    assert rows(archive, "SELECT article_id FROM shared_copy_pending") == [(saved.article_id,)]
    assert rows(archive, "SELECT count(*) FROM article_shingles") == [(len(processed.shingles),)]
    archive.wire.forget(saved.article_id)
    assert rows(archive, "SELECT count(*) FROM article_shingles") == [(0,)]
