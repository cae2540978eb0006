"""What happens to bad and odd input: every case is ingested with a warning, or quarantined
with its raw bytes; nothing is lost and good files in the same run are all ingested."""

import json
import os
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from ingest.cli import cli

GOOD = "Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday.\n\nThey signed a treaty.\n"


def run_ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def query(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("name, data, warning", [
    ("bom.txt", b"\xef\xbb\xbf" + GOOD.encode(), "utf-8 byte-order mark removed"),
    ("crlf.txt", GOOD.replace("\n", "\r\n").encode(), "CRLF line endings normalized"),
    ("cr.txt", GOOD.replace("\n", "\r").encode(), "CR line endings normalized"),
    ("cp1252.txt", ("Kim Jong Un said: \u201cvictory\u201d \u2013 na\u00efve.\n" + GOOD).encode("cp1252"),
     "not valid UTF-8; decoded as windows-1252"),
    ("baddate.txt", b" date 2024-13-45 " + GOOD.encode(), "header date '2024-13-45' is not a real date"),
])
def test_recoverable_oddities_are_ingested_with_a_warning(tmp_path, name, data, warning):
    (tmp_path / name).write_bytes(data)
    db = tmp_path / "a.db"
    result = run_ingest(tmp_path / name, "--db", db)
    assert result.exit_code == 0, result.output
    [(warnings, raw, body)] = query(db, "SELECT a.warnings, r.content, a.body FROM articles a "
                                        "JOIN raw_files r ON r.sha256 = a.sha256")
    assert any(warning in w for w in json.loads(warnings))
    assert raw == data  # the bytes exactly as received
    assert "\r" not in body and body.startswith("Kim Jong Un")


def test_invalid_header_date_leaves_published_null(tmp_path):
    (tmp_path / "a.txt").write_bytes(b" date 2024-13-45 " + GOOD.encode())
    run_ingest(tmp_path / "a.txt", "--db", tmp_path / "a.db")
    assert query(tmp_path / "a.db", "SELECT published FROM articles") == [(None,)]


def test_trailing_whitespace_and_very_long_lines(tmp_path):
    long_line = "Kim Jong Un met Vladimir Putin. " * 20000  # ~640 KB on one line
    (tmp_path / "ws.txt").write_text("Headline of the story   \n\n" + GOOD.replace("\n", "   \t\n"))
    (tmp_path / "long.txt").write_text(long_line)
    result = run_ingest(tmp_path, "--db", tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    bodies = dict(query(tmp_path / "a.db", "SELECT file, body FROM articles"))
    assert bodies["ws.txt"] == "Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday.\n\nThey signed a treaty."
    assert bodies["long.txt"] == long_line.strip()
    assert query(tmp_path / "a.db", "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                                    "WHERE a.file = 'long.txt'")[0][0] == 40000


@pytest.mark.parametrize("name, data, error", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n  ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 300, "binary"),
])
def test_unusable_files_are_quarantined_with_their_bytes(tmp_path, name, data, error):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD)
    db = tmp_path / "a.db"
    result = run_ingest(folder, "--db", db)
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and name in lines[0] and f"[{error}]" in lines[0]
    assert query(db, "SELECT file, error, raw FROM ingest_errors") == [(name, error, data)]
    assert query(db, "SELECT file FROM articles") == [("good.txt",)]


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 100)
    (tmp_path / "small.txt").write_text(GOOD)
    result = run_ingest(tmp_path, "--db", tmp_path / "a.db", "--max-bytes", 1000)
    assert result.exit_code == 3
    assert query(tmp_path / "a.db", "SELECT file, error FROM ingest_errors") == [("big.txt", "too-large")]
    assert "over the 1,000-byte limit" in result.output


def test_strict_stops_at_the_first_problem_writing_nothing_for_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD)
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_good.txt").write_text(GOOD.replace("Wednesday", "Thursday"))
    result = run_ingest(folder, "--db", tmp_path / "a.db", "--strict")
    assert result.exit_code == 3
    assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("a_good.txt",)]
    assert query(tmp_path / "a.db", "SELECT count(*) FROM ingest_errors") == [(0,)]


def test_same_content_under_a_second_name_is_a_duplicate(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    shutil.copy(folder / "000_886c7dcac77de565.txt", folder / "copy_of_000.txt")
    db = tmp_path / "a.db"
    result = run_ingest(folder, "--db", db)
    assert "5 added" in result.output and "1 duplicates" in result.output
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]
    [(dup_file, article_file)] = query(db, "SELECT d.file, a.file FROM duplicate_files d "
                                           "JOIN articles a ON a.id = d.article_id")
    assert (dup_file, article_file) == ("copy_of_000.txt", "000_886c7dcac77de565.txt")


def test_a_renamed_file_keeps_its_article(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "a.db"
    run_ingest(folder, "--db", db)
    [(article_id,)] = query(db, "SELECT id FROM articles WHERE file = '001_a16dc784cdb22899.txt'")
    os.rename(folder / "001_a16dc784cdb22899.txt", folder / "renamed.txt")
    result = run_ingest(folder, "--db", db)
    assert "1 renamed" in result.output and "missing" not in result.output
    assert query(db, "SELECT id FROM articles WHERE file = 'renamed.txt'") == [(article_id,)]
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]


def test_an_edited_file_keeps_the_previous_text_as_a_version(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "a.db"
    run_ingest(folder, "--db", db)
    path = folder / "000_886c7dcac77de565.txt"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"Tuesday", b"Monday"))
    result = run_ingest(folder, "--db", db)
    assert "1 updated" in result.output
    [(version, sha)] = query(db, "SELECT version, sha256 FROM article_versions")
    assert version == 1
    assert query(db, "SELECT content FROM raw_files WHERE sha256 = ?", sha) == [(original,)]


def test_files_that_disappeared_are_reported_not_deleted(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "a.db"
    run_ingest(folder, "--db", db)
    (folder / "004_de2f06268bd83eb5.txt").unlink()
    result = run_ingest(folder, "--db", db)
    assert "missing: " in result.output and "004_de2f06268bd83eb5.txt (its article is kept)" in result.output
    assert "1 missing" in result.output
    assert query(db, "SELECT count(*) FROM articles") == [(5,)]


def test_non_text_files_are_skipped_with_a_note(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "a.txt").write_text(GOOD)
    result = run_ingest(tmp_path, "--db", tmp_path / "a.db", "-v")
    assert result.exit_code == 0
    assert "photo.jpg: skipped, not an article file (.jpg)" in result.output


def test_symlink_loops_and_unreadable_files_give_clear_errors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    os.symlink(folder, folder / "loop")
    os.symlink(tmp_path / "nowhere.txt", folder / "dangling.txt")
    (folder / "dir.txt").mkdir()
    result = run_ingest(folder, "--db", tmp_path / "a.db", "-v")
    assert "Traceback" not in result.output
    assert result.exit_code == 3
    assert "symlink loop" in result.output
    assert "dangling.txt: broken symbolic link [unreadable]" in result.output
    assert query(tmp_path / "a.db", "SELECT file FROM articles") == [("a.txt",)]
