"""`archive review` on the seeds and on articles with names the registry lacks: each command
writes one judgement and applies it at once, its errors are one line, and `archive ingest`
afterwards has nothing left to do."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT
from ingest.cli import cli
from ingest.judgements import load_judgements
from review_helpers import CHOE, NK_NEWS, copy_corpus, ingest

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ("list", "accept", "merge", "reject", "distinct", "correct", "speaker", "quotes", "log", "undo")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    paths = copy_corpus(root)
    ingest(paths, root / "base.db")
    return root, paths


@pytest.fixture
def archive(built, tmp_path):
    """(run, paths, db, judgements): `run(*args)` runs `archive review ARGS --db ... --judgements ...`."""
    root, paths = built
    db, judgements = tmp_path / "archive.db", tmp_path / "judgements.yml"
    shutil.copy(root / "base.db", db)

    def run(*args, expect=0):
        by = ["--by", "analyst"] if args[0] not in ("list", "quotes", "log") else []
        result = CliRunner().invoke(cli, ["review", *args, "--db", str(db), "--judgements", str(judgements), *by])
        assert result.exit_code == expect, result.output
        return result.output

    return run, paths, db, judgements


def test_every_review_command_has_help_and_is_documented():
    assert CliRunner().invoke(cli, ["review", "--help"]).exit_code == 0
    for command in COMMANDS:
        result = CliRunner().invoke(cli, ["review", command, "--help"])
        assert result.exit_code == 0 and "--db" in result.output and "--judgements" in result.output, command
        assert f"archive review {command}" in README, command
    for command in ("ingest", "serve"):
        assert "--judgements" in CliRunner().invoke(cli, [command, "--help"]).output


def test_list_shows_names_awaiting_review_most_mentioned_first_with_their_sentences(archive):
    run, *_ = archive
    output = run("list", "--limit", "5")
    entries = re.findall(r"^ +\d+\. (.+?)  · (person|organization|place) · (\d+) mentions?", output, re.M)
    assert ("Kim Son Gyong", "person") in [e[:2] for e in entries]
    assert [int(e[2]) for e in entries] == sorted((int(e[2]) for e in entries), reverse=True) and len(entries) == 5
    assert "“North Korea's Vice Foreign Minister Kim Son Gyong arrived in Moscow" in output
    assert NK_NEWS in output
    organizations = run("list", "--type", "organization")
    assert "· organization ·" in organizations and "· person ·" not in organizations


def test_accept_links_the_name_and_says_what_it_counted(archive):
    run, paths, db, judgements = archive
    output = run("accept", "Kim Son Gyong", "--description", "North Korean vice foreign minister",
                 "--note", "KCNA names him so")
    assert output.splitlines()[0] == "judgement 1: accept “Kim Son Gyong” as a person"
    assert re.search(r"Kim Son Gyong \(person kim-son-gyong\): \d+ mentions in 1 article\n", output)
    [made] = load_judgements(judgements).items
    assert (made.by, made.note, made.type) == ("analyst", "KCNA names him so", "person")
    assert re.fullmatch(r"found as an unreviewed person “Kim Son Gyong”: \d+ mentions in 1 article", made.read)
    assert "Kim Son Gyong" not in run("list")
    again = run("accept", "Kim Son Gyong", expect=1)
    assert again.startswith("Error: “Kim Son Gyong” is accepted already: judgement 1") and again.count("\n") == 1
    assert ingest(paths, db, judgements).counts["refreshed"] == 0  # nothing left for the next ingest


def test_merge_reject_distinct_and_their_one_line_errors(archive):
    run, paths, db, judgements = archive
    error = run("merge", "Leonid Eduardovich Slutsky", "--into", "leonid-slutsky", expect=1)
    assert "no such entity in the registry or among the accepted names" in error and error.count("\n") == 1
    run("accept", "Leonid Slutsky")
    output = run("merge", "Leonid Eduardovich Slutsky", "--into", "people/leonid-slutsky")
    assert output.startswith("judgement 2: merge “Leonid Eduardovich Slutsky” into person leonid-slutsky")
    assert re.search(r"Leonid Slutsky \(person leonid-slutsky\): \d+ mentions in 2 articles", output)
    assert "read as a name: “Sergei Viktorovich”" in run("reject", "Sergei Viktorovich")
    # the clipping's second Kozlov ("no relation") is not the minister
    assert "kept apart" in run("distinct", "pavel-kozlov", "alexander-kozlov", "--note", "no relation, says the text")
    conflict = run("merge", "Pavel Kozlov", "--into", "alexander-kozlov", expect=1)
    # one line naming the line it conflicts with (the refused one has no line: it was not written)
    assert re.match(r"Error: merge “Pavel Kozlov” into person alexander-kozlov conflicts with judgement 4 "
                    r"\(\S*judgements\.yml:\d+: distinct person pavel-kozlov and alexander-kozlov\) \(.*\); "
                    r"nothing was written\. .*archive review undo 4\n$", conflict)
    assert len(load_judgements(judgements).items) == 4  # the refused decision was not written


def test_correct_and_speaker_on_a_seed_and_quotes_lists_the_numbers(archive):
    run, paths, db, judgements = archive
    output = run("correct", CHOE, "--field", "title", "--value", "Choe hails an 'invincible alliance'")
    assert f"{CHOE}: title “Choe hails an 'invincible alliance'” (read as " in output
    again = run("correct", CHOE, "--field", "title", "--value", "Choe hails the alliance", expect=1)
    assert again.count("\n") == 1 and "conflicts with judgement 1 (" in again and again.endswith("undo 1\n")
    assert "a publication date is YYYY-MM-DD" in run("correct", CHOE, "--field", "published", "--value", "20 June",
                                                     expect=1)
    quotes = run("quotes", CHOE)
    first = re.search(r"^ +1\. “(.+?)”\n +— (.+?);", quotes, re.M)
    assert first and first.group(2) == "Choe Son Hui"
    output = run("speaker", CHOE, "1", "--none", "--note", "testing")
    assert "quote 1: no person (the rules had read: choe-son-hui" in output
    assert re.search(r"^ +1\. .*\n +— no person; .*; judgement$", run("quotes", CHOE), re.M)
    assert "there is no quote 99" in run("speaker", CHOE, "99", "--person", "choe-son-hui", expect=1)
    assert "give --person SLUG or --none" in run("speaker", CHOE, "1", expect=2)


def test_log_numbers_the_judgements_and_undo_takes_one_back(archive):
    run, paths, db, judgements = archive
    run("accept", "Kim Il Guk", "--note", "sports minister")
    run("reject", "Sergei Viktorovich")
    log = run("log")
    assert re.search(r"^ +1  \d{4}-\d\d-\d\d \d\d:\d\d  analyst  accept “Kim Il Guk” as a person  \[applied, \d+ articles?\]$",
                     log, re.M)
    assert "why: sports minister" in log and re.search(r"^ +2  .*reject “Sergei Viktorovich”", log, re.M)
    output = run("undo", "1", "--note", "not sure yet")
    assert output.startswith("judgement 1 undone: accept “Kim Il Guk” as a person")
    assert re.search(r"undone \d{4}-\d\d-\d\d \d\d:\d\d by analyst: not sure yet", run("log"))
    assert "Kim Il Guk" in run("list", "--type", "person", "--limit", "200")
    assert "undone already" in run("undo", "1", expect=1)
    assert "there is no judgement 7" in run("undo", "7", expect=1)


def test_ingest_applies_the_judgements_file_and_a_conflict_stops_it_with_one_line(archive, tmp_path):
    run, paths, db, judgements = archive
    run("accept", "Kim Il Guk")
    with judgements.open("a", encoding="utf-8") as out:  # a second analyst's entry, merged in by git
        out.write("- decision: accept\n  name: Kim Il Guk\n  type: organization\n  by: colleague\n"
                  "  at: '2026-01-07T08:00:00+00:00'\n")
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "--judgements", str(judgements)])
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: \S+judgements\.yml:\d+: accept “Kim Il Guk” as an organization conflicts with line "
                        r"\d+: accept “Kim Il Guk” as a person\n", result.output)


def test_review_commands_say_in_one_line_what_is_missing(tmp_path):
    result = CliRunner().invoke(cli, ["review", "accept", "Kim Son Gyong", "--db", str(tmp_path / "none.db"),
                                      "--judgements", str(tmp_path / "j.yml")])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "run `archive ingest` first" in result.output
