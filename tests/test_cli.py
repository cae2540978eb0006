"""The `archive` command line, through click's CliRunner and as a real subprocess."""

import re
import shutil
import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from conftest import SEEDS
from ingest.cli import cli


def test_ingest_prints_a_one_line_summary_and_is_idempotent(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    runner = CliRunner()
    db = tmp_path / "a.db"
    first = runner.invoke(cli, ["ingest", str(tmp_path / "seeds"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    [(mentions,)] = sqlite3.connect(db).execute("SELECT count(*) FROM mentions").fetchall()
    assert mentions > 100
    assert first.output.strip() == (f"{db}: 5 added, 0 updated, 0 unchanged, 0 re-read, 0 duplicates, 0 renamed, "
                                    f"{mentions} mentions, 0 errors")
    second = runner.invoke(cli, ["ingest", str(tmp_path / "seeds"), "--db", str(db)])
    assert "0 added, 0 updated, 5 unchanged" in second.output
    assert second.exit_code == 0


def test_ingest_defaults_to_seeds_folder(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["ingest"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "db" / "archive.db").exists()
    assert "5 added" in result.output


def test_missing_path_is_a_one_line_error_and_non_zero_exit(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path}/nope: no such file or folder\n"
    assert not (tmp_path / "a.db").exists()  # nothing is created for nothing to ingest


def test_a_missing_path_beside_real_ones_is_reported_and_the_rest_ingested(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), str(tmp_path / "nope"), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 3
    assert f"{tmp_path}/nope: no such file or folder [not-found]" in result.output
    assert "5 added" in result.output


def test_bad_registry_is_a_one_line_error(tmp_path):
    registry = tmp_path / "r.yml"
    registry.write_text("people:\n  - {aliases: [x]}\n")
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(tmp_path / "a.db"), "--registry", str(registry)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "needs a `name`" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_serve_without_a_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "run `archive ingest` first" in result.output


def test_python_dash_m_ingest_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ingest", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("ingest", "serve", "evaluate"):
        assert command in result.stdout


def test_ingest_help_documents_exit_status():
    result = CliRunner().invoke(cli, ["ingest", "--help"])
    assert "3  some files were quarantined" in result.output


def test_evaluate_prints_scores():
    from conftest import TESTS

    result = CliRunner().invoke(cli, ["evaluate", str(TESTS / "gold" / "seeds.json"), str(SEEDS)])
    assert result.exit_code == 0
    assert re.search(r"^person_precision +1\.000$", result.output, re.M)


def test_evaluate_scores_every_set_of_a_corpus_folder_and_all_together():
    from conftest import TESTS

    result = CliRunner().invoke(cli, ["evaluate", str(TESTS / "corpus")])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split()
    assert "russian" in header and header[-1] == "all"
    assert re.search(r"^quote_wrong_speaker +(\d+ +)+\d+$", result.output, re.M)


def test_verbose_ingest_says_how_long_each_step_took(tmp_path):
    db = tmp_path / "a.db"
    first = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(db), "-v"])
    second = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", str(db), "-v"])
    step = r"\d+\.\d s [a-z ,]+"
    [first_timing] = [line for line in first.output.splitlines() if line.startswith("timing: ")]
    [second_timing] = [line for line in second.output.splitlines() if line.startswith("timing: ")]
    assert re.fullmatch(rf"timing: {step}(, {step})*", first_timing)
    assert [s.split(" s ", 1)[1] for s in first_timing[8:].split(", ")] == [
        "loading files", "building indexes", "comparing wire copy", "recounting"]
    assert "building indexes" not in second_timing  # only a first (bulk) load builds them at the end
