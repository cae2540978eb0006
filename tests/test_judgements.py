"""The judgements file (db/judgements.yml) and what it does to readings: its format and checks,
conflicts as one-line errors naming both lines, each decision's effect on a reading, and the
property that matters most: a decision applied at once (`archive review`) leaves the archive
exactly as a fresh ingest with the same judgements would, survives re-reading, and undo restores
the state before."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest.extract import Extractor
from ingest.judgements import Judgement, JudgementError, check, dependents, load_judgements, parse
from ingest.judgements.model import appended, entry_text, with_undo_marked
from ingest.judgements.review import Review, ReviewError, text_candidates
from ingest.models import Article
from ingest.registry import default_registry
from review_helpers import (CHOE, DUMA, LAVROVS, NK_NEWS, copy_corpus, counts_are_consistent, differences, fresh,
                            ingest, snapshot)

AT = "2026-01-05T09:30:00+00:00"


def entry(**fields) -> Judgement:
    return Judgement(by=fields.pop("by", "analyst"), at=fields.pop("at", AT), **fields)


def file_of(tmp_path, *entries: Judgement, text: str | None = None) -> Path:
    path = tmp_path / "judgements.yml"
    path.write_text(text if text is not None else "".join(entry_text(e) for e in entries), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the file


def test_an_entry_reads_back_as_written_with_its_number_and_line(tmp_path):
    made = [entry(decision="accept", name="Kim Son Gyong", type="person", description="Vice foreign minister",
                  note="named so by KCNA on 8 Dec", read="found as an unreviewed person: 8 mentions in 2 articles"),
            entry(decision="distinct", type="person", slugs=("kim-song", "kim-song-nam"),
                  names=(("Kim Song",), ("Kim Song Nam", "Kim Song-nam"))),
            entry(decision="correct", article=DUMA, sha256="a" * 64, field="published", value="2025-06-17"),
            entry(decision="speaker", article=NK_NEWS, sha256="b" * 64, quote=6, quote_text="never again recognize",
                  quote_offsets=("body", 1200, 1221), person=None)]
    found = load_judgements(file_of(tmp_path, *made))
    assert [j.number for j in found.items] == [1, 2, 3, 4]
    starts = [1]
    for written in made[:-1]:
        starts.append(starts[-1] + len(entry_text(written).splitlines()))
    assert [j.line for j in found.items] == starts
    for read, written in zip(found.items, made):
        assert read.decision_key() == written.decision_key()
        assert (read.by, read.at, read.note, read.read) == (written.by, written.at, written.note, written.read)
    assert found.items[2].value == "2025-06-17"  # a date stays the text written, never a date object
    assert found.items[3].person is None  # `person: null`: no person said it


def test_a_missing_file_holds_no_judgements_and_an_empty_one_neither(tmp_path):
    assert not load_judgements(tmp_path / "nowhere.yml")
    assert not load_judgements(file_of(tmp_path, text="# nothing decided yet\n"))


@pytest.mark.parametrize("text, message", [
    ("- decision: acept\n  by: a\n  at: x\n", r"judgements\.yml:1: judgement 1: `decision` must be one of"),
    ("- decision: accept\n  name: Kim\n  by: a\n  at: x\n", r":1: judgement 1 \(accept\) needs `type`"),
    ("# a comment\n- decision: reject\n  name: X Y\n  colour: red\n  by: a\n  at: x\n", r":2: .*unknown key 'colour'"),
    ("- decision: correct\n  article: a\n  sha256: " + "c" * 64 + "\n  field: published\n  value: 17 June\n"
     "  by: a\n  at: x\n", r"a publication date is YYYY-MM-DD"),
    ("- decision: merge\n  name: X\n  type: person\n  into: Kim Jong Un\n  by: a\n  at: x\n", r"is not a slug"),
    ("decision: accept\n", r":1: the file must be a list"),
    ("- decision: accept\n  name: [unclosed\n", r"not valid YAML"),
])
def test_a_malformed_entry_is_one_line_naming_the_file_and_line(tmp_path, text, message):
    with pytest.raises(JudgementError, match=message) as error:
        load_judgements(file_of(tmp_path, text=text))
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("first, second, shown", [
    (dict(decision="accept", name="Kim Il Guk", type="person"),
     dict(decision="accept", name="Kim Il-guk", type="organization"), "accept “Kim Il-guk” as an organization"),
    (dict(decision="merge", name="Leonid Eduardovich Slutsky", type="person", into="leonid-slutsky"),
     dict(decision="merge", name="Leonid Eduardovich Slutsky", type="person", into="sergei-lavrov"), "merge"),
    (dict(decision="accept", name="Alexander Babakov", type="person"),
     dict(decision="reject", name="Alexander Babakov"), "reject “Alexander Babakov”"),
    (dict(decision="accept", name="Storm Corps", type="organization"),
     dict(decision="merge", name="Storm Corps", type="organization", into="korean-people-s-army"), "merge"),
    (dict(decision="correct", article=DUMA, sha256="d" * 64, field="title", value="Duma delegation lands"),
     dict(decision="correct", article=DUMA, sha256="d" * 64, field="title", value="Delegation in Pyongyang"),
     "correct the title"),
])
def test_two_judgements_that_cannot_both_hold_are_one_line_naming_both_lines(tmp_path, first, second, shown):
    path = file_of(tmp_path, entry(**first), entry(decision="reject", name="Operation Stream"), entry(**second))
    with pytest.raises(JudgementError) as error:
        load_judgements(path)
    message = str(error.value)
    assert message.startswith(f"{path}:{1 + len(entry_text(entry(**first)).splitlines()) + 4}: ")
    assert "conflicts with line 1:" in message and shown in message and "\n" not in message


def test_the_same_decision_twice_is_no_conflict_and_rejects_of_two_types_both_hold(tmp_path):
    path = file_of(tmp_path, entry(decision="accept", name="Kim Il Guk", type="person"),
                   entry(decision="accept", name="Kim Il Guk", type="person", by="second.reviewer", note="again"),
                   entry(decision="reject", name="Hwasong Gun", type="person"),
                   entry(decision="reject", name="Hwasong Gun", type="organization"))
    assert len(load_judgements(path).items) == 4


def test_distinct_holds_through_merges_a_is_not_b_and_b_is_c_so_a_is_not_c(tmp_path):
    """Kim Song (the UN ambassador) is not Kim Song Nam. Once Kim Song Nam's name is merged into
    an entity C, merging Kim Song into C too would make them one: a conflict with the distinct."""
    first = entry(decision="distinct", type="person", slugs=("kim-song", "kim-song-nam"))
    second = entry(decision="merge", name="Kim Song Nam", type="person", into="kim-yong-chol")
    third = entry(decision="merge", name="Kim Song", type="person", into="kim-yong-chol")
    path = file_of(tmp_path, first, second, third)
    line = 1 + len(entry_text(first).splitlines()) + len(entry_text(second).splitlines())
    with pytest.raises(JudgementError, match=rf"judgements\.yml:{line}: merge “Kim Song” into person kim-yong-chol "
                                             r"conflicts with line 1: distinct person kim-song and kim-song-nam"):
        load_judgements(path)
    load_judgements(file_of(tmp_path, first, second))  # B = C alone is fine


def test_undone_judgements_are_kept_but_no_longer_conflict(tmp_path):
    first = entry(decision="accept", name="Kim Il Guk", type="person", undone_by="lead", undone_at=AT)
    path = file_of(tmp_path, first, entry(decision="accept", name="Kim Il Guk", type="organization"))
    found = load_judgements(path)
    assert [j.undone for j in found.items] == [True, False] and len(found.effective) == 1


def test_appending_keeps_comments_and_undo_marks_the_entry_in_place(tmp_path):
    text = "# our team's decisions\n" + entry_text(entry(decision="reject", name="Operation Stream")) + \
           "# the vice minister, see KCNA 8 Dec\n" + entry_text(entry(decision="accept", name="Kim Son Gyong",
                                                                      type="person", note="line one\nline two"))
    found = parse(text)
    more = appended(found, entry(decision="reject", name="Lady R", type="person"))
    assert more.startswith(text) and len(parse(more).items) == 3
    undone = with_undo_marked(parse(more), 2, "lead", "2026-01-06T10:00:00+00:00", "not him after all")
    assert "# our team's decisions" in undone and "# the vice minister, see KCNA 8 Dec" in undone
    items = parse(undone).items
    assert [j.undone for j in items] == [False, True, False]
    assert (items[1].undone_by, items[1].undo_note, items[1].note) == ("lead", "not him after all", "line one\nline two")


def test_the_digest_changes_with_decisions_not_with_notes(tmp_path):
    one = load_judgements(file_of(tmp_path, entry(decision="reject", name="Operation Stream", note="a trap")))
    same = load_judgements(file_of(tmp_path, entry(decision="reject", name="Operation Stream", note="an operation",
                                                   by="someone.else", at="2027-01-01T00:00:00+00:00")))
    other = load_judgements(file_of(tmp_path, entry(decision="reject", name="Operation Stream", type="person")))
    assert one.digest() == same.digest() != other.digest()


def test_a_judgement_others_need_is_named_as_their_dependency(tmp_path):
    found = load_judgements(file_of(tmp_path, entry(decision="accept", name="Yevgeny Lavrov", type="person"),
                                    entry(decision="speaker", article=LAVROVS, sha256="e" * 64, quote=1,
                                          person="yevgeny-lavrov")))
    assert [j.number for j in dependents(found, 1)] == [2] and dependents(found, 2) == []
    check(found)


# ---------------------------------------------------------------- what a judgement does to a reading

LAVROV_TEXT = (REVIEW_FILE := Path(__file__).parent / "corpus" / "review" / "fareastcourier_rail_two_lavrovs.txt")


def extractor_with(tmp_path, *entries: Judgement, registry=None) -> Extractor:
    return Extractor(registry or default_registry(), load_judgements(file_of(tmp_path, *entries)))


def people(extraction) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entity_key, m.resolution) for m in extraction.mentions if m.entity_type == "person"]


def test_an_accepted_name_is_a_registry_name_and_its_surname_resolves_to_it(tmp_path):
    text = ("Vice Sports Minister Kim Il Guk met his Russian counterpart in Moscow.\n\n"
            "\"Our athletes will train together before the Asian Games,\" Kim said.")
    plain = Extractor(default_registry()).extract(Article(body=text))
    judged = extractor_with(tmp_path, entry(decision="accept", name="Kim Il Guk", type="person")).extract(
        Article(body=text))
    assert people(plain) == [] and plain.quotes[0].person_key is None  # no evidence: the machine misses him
    assert people(judged)[:2] == [("Kim Il Guk", "person:kim-il-guk", "alias"),
                                  ("Kim", "person:kim-il-guk", "surname-antecedent")]
    assert judged.quotes[0].person_key == "person:kim-il-guk" and judged.judged == {1}
    assert "person:kim-il-guk" not in judged.unreviewed


def test_accepting_a_namesake_does_not_take_a_surname_away_from_the_registry(tmp_path):
    """'Lavrov' alone is the foreign minister by the registry's rule; accepting a regional
    Lavrov keeps that rule for articles that do not name him."""
    extractor = extractor_with(tmp_path, entry(decision="accept", name="Yevgeny Lavrov", type="person"))
    found = extractor.extract(Article(body="Lavrov said on Friday the talks in Pyongyang had gone well."))
    assert people(found) == [("Lavrov", "person:sergei-lavrov", "surname-registry")]


def test_a_rejected_name_is_not_found_and_a_quote_is_not_credited_to_it(tmp_path):
    """A name inside a quote that the rules take for a new person (here a medieval prince a
    speaker invokes) is found as a new person; rejected, it is no name."""
    text = ('Speaking after him, Vice Foreign Minister Im Chon Il recalled the 2024 talks. "Dmitry Donskoy '
            'has stood by our country like no one else," Im said.')
    before = Extractor(default_registry()).extract(Article(body=text))
    assert ("Dmitry Donskoy", "person:dmitry-donskoy", "unreviewed") in [
        (s.rstrip("'"), k, r) for s, k, r in people(before)]
    after = extractor_with(tmp_path, entry(decision="reject", name="Dmitry Donskoy")).extract(Article(body=text))
    assert not any(k == "person:dmitry-donskoy" for _, k, _ in people(after))
    assert "person:dmitry-donskoy" not in after.unreviewed and after.judged == {1}
    assert all(q.person_key != "person:dmitry-donskoy" for q in after.quotes)


def lavrov_without_appositive() -> bytes:
    """The two-Lavrovs article with its first 'Lavrov' not introduced by an appositive: then the
    rules read the bare surname as the registry's Sergei Lavrov (the wrong reading a judgement fixes)."""
    data = LAVROV_TEXT.read_bytes()
    assert b"Lavrov, the region's transport chief, told" in data
    return data.replace(b"Lavrov, the region's transport chief, told", b"Lavrov told")


def test_distinct_leaves_a_registry_surname_unresolved_when_the_namesake_is_in_the_text(tmp_path):
    from ingest.pipeline import process_bytes

    data = lavrov_without_appositive()
    before = process_bytes(data, Extractor(default_registry()))
    first = before.extraction.quotes[0]
    assert (first.person_key, first.attribution) == ("person:sergei-lavrov", "speaker-verb")  # the wrong reading
    after = process_bytes(data, extractor_with(tmp_path, entry(decision="distinct", type="person",
                                                               slugs=("yevgeny-lavrov", "sergei-lavrov"))))
    first = after.extraction.quotes[0]
    assert (first.person_key, first.attribution) == (None, "ambiguous")
    bare = [m for m in after.extraction.mentions if m.surface == "Lavrov"]
    assert bare == [] and after.extraction.judged == {1}
    # the foreign minister named in full is still himself
    assert ("Sergei Lavrov", "person:sergei-lavrov", "alias") in people(after.extraction)


def test_distinct_keeps_a_name_from_an_entity_the_registry_wrongly_gives_it_to(tmp_path):
    """The registry later lists 'Kim Song' as an alias of Kim Song Nam (a mistake): the VOA
    article's Ambassador Kim Song stays his own unreviewed name, as judged."""
    import yaml

    from ingest.registry import load_registry

    text = (Path(__file__).parent.parent / "ingest" / "data" / "registry.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    entry_ = next(p for p in data["people"] if p["name"] == "Kim Song Nam")
    entry_["aliases"] = [*entry_.get("aliases", []), "Kim Song"]
    registry_path = tmp_path / "registry.yml"
    registry_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    wrong = load_registry(registry_path)
    body = "North Korea's U.N. Ambassador Kim Song told the Security Council the drills were self-defence."
    assert ("Kim Song", "person:kim-song-nam", "alias") in people(Extractor(wrong).extract(Article(body=body)))
    judged = extractor_with(tmp_path, entry(decision="distinct", type="person", slugs=("kim-song", "kim-song-nam"),
                                            names=(("Kim Song",), ("Kim Song Nam",))), registry=wrong)
    found = judged.extract(Article(body=body))
    assert ("Kim Song", "person:kim-song", "unreviewed") in people(found)
    assert found.unreviewed["person:kim-song"] == "Kim Song" and found.judged == {1}


def test_a_corrected_date_dates_the_articles_relative_dates(tmp_path):
    from ingest.pipeline import process_bytes

    data = b"Yonhap\nDuma delegation in Pyongyang\n2025-06-18\n\nThe delegation arrived on Wednesday, the Duma said.\n"
    sha = __import__("hashlib").sha256(data).hexdigest()
    read = process_bytes(data, Extractor(default_registry()))
    corrected = process_bytes(data, extractor_with(tmp_path, entry(decision="correct", article="x", sha256=sha,
                                                                   field="published", value="2025-06-26")))
    assert read.article.published == "2025-06-18" and corrected.article.published == "2025-06-26"
    assert [e.date for e in read.extraction.events] == ["2025-06-18"]
    assert [e.date for e in corrected.extraction.events] == ["2025-06-25"]
    assert corrected.readings == {"published": ("2025-06-18", 1)} and corrected.article.date_source == "judgement"


def test_a_judged_speaker_is_found_by_its_place_and_not_applied_when_the_text_changed(tmp_path):
    from ingest.pipeline import process_bytes

    data = lavrov_without_appositive()
    sha = __import__("hashlib").sha256(data).hexdigest()
    quote = process_bytes(data, Extractor(default_registry())).extraction.quotes[0]
    judgement = entry(decision="speaker", article=LAVROVS, sha256=sha, quote=1, quote_text=quote.text[:80],
                      quote_offsets=("body", quote.char_start, quote.char_end), person="sin-hong-chol")
    judged = process_bytes(data, extractor_with(tmp_path, judgement)).extraction.quotes[0]
    assert (judged.person_key, judged.attribution, judged.judgement) == ("person:sin-hong-chol", "judgement", 1)
    assert judged.read == ("Lavrov", "person:sergei-lavrov", None, "speaker-verb")
    edited = process_bytes(data + b"\nUpdated with the ambassador's schedule.\n", extractor_with(tmp_path, judgement))
    assert edited.extraction.quotes[0].person_key == "person:sergei-lavrov" and not edited.extraction.judged


def test_text_candidates_find_names_in_any_spelling_script_and_inflection(tmp_path):
    db = tmp_path / "fts.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, captions TEXT, dateline TEXT)")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='porter', content='articles')")
    bodies = ["KIM SON-GYONG arrived.", "Встреча с Леонидом Слуцким прошла в Госдуме.", "김선경은 말했다.",
              "Nothing here.", "Kim Song Nam spoke."]
    for i, body in enumerate(bodies, start=1):
        conn.execute("INSERT INTO articles (id, title, body) VALUES (?, '', ?)", [i, body])
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, '', ?)", [i, body])
    conn.execute("INSERT INTO articles (id, title, body, captions) VALUES (6, '', 'x', 'Kim Son Gyong, left, in Moscow')")
    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (6, '', 'x')")
    conn.commit()
    assert text_candidates(conn, {"Kim Son Gyong"}) == {1, 6}
    assert text_candidates(conn, {"Леонид Слуцкий"}) == {2}
    assert text_candidates(conn, {"김선경"}) == {3}


# ---------------------------------------------------------------- applied at once == read afresh


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    paths = copy_corpus(root)
    base = root / "base.db"
    ingest(paths, base)
    return root, paths, base


def working_copy(corpus, tmp_path) -> tuple[Path, list[Path], Review, Path]:
    root, paths, base = corpus
    db = tmp_path / "archive.db"
    shutil.copy(base, db)
    judgements = tmp_path / "judgements.yml"
    return db, paths, Review(db, judgements), judgements


DECISIONS = [
    lambda r: r.accept("Kim Son Gyong", description="North Korean vice foreign minister", note="KCNA, 8 Dec"),
    lambda r: r.speaker(NK_NEWS, 6, "kim-son-gyong", note="'the vice minister' at the embassy is Kim"),
    lambda r: r.accept("Leonid Slutsky"),
    lambda r: r.merge("Leonid Eduardovich Slutsky", "leonid-slutsky"),
    lambda r: r.merge("Леонид Слуцкий", "leonid-slutsky", note="TASS writes him in Cyrillic"),
    lambda r: r.reject("Sergei Viktorovich'", note="a patronymic address, not a full name"),
    lambda r: r.distinct("yevgeny-lavrov", "sergei-lavrov"),
    lambda r: r.accept("Yevgeny Lavrov", description="Deputy governor of Khabarovsk Krai"),
    lambda r: r.speaker(LAVROVS, 1, "yevgeny-lavrov"),
    lambda r: r.correct(LAVROVS, "source", "Far East Courier"),
    lambda r: r.correct(DUMA, "published", "2025-06-17", note="the delegation landed the day before"),
    lambda r: r.correct(CHOE, "title", "Choe hails 'invincible alliance' with Russia"),
    lambda r: r.accept("Yelena Kim'", canonical="Yelena Kim"),
]


@pytest.fixture(scope="module")
def decided(corpus, tmp_path_factory):
    """Every decision of DECISIONS made in turn on a copy of the archive; after some, the archive
    is compared with a fresh ingest of the same files with the same judgements file."""
    tmp_path = tmp_path_factory.mktemp("decided")
    db, paths, review, judgements = working_copy(corpus, tmp_path)
    compared, inconsistent, numbers = {}, {}, []
    for number, decide in enumerate(DECISIONS, start=1):
        numbers.append(decide(review).judgement.number)
        if number in (1, 5, 7, 9, 11, 13):  # a fresh ingest takes a few seconds: every other decision or so
            compared[number] = differences(snapshot(db), snapshot(fresh(paths, tmp_path / "fresh.db", judgements)))
        inconsistent[number] = counts_are_consistent(db)
    return db, paths, judgements, compared, inconsistent, numbers


def copy_of(decided, tmp_path) -> tuple[Path, Path, Review]:
    db, _, judgements = decided[:3]
    shutil.copy(db, tmp_path / "archive.db")
    shutil.copy(judgements, tmp_path / "judgements.yml")
    return tmp_path / "archive.db", tmp_path / "judgements.yml", Review(tmp_path / "archive.db",
                                                                         tmp_path / "judgements.yml")


def test_each_decision_applied_at_once_reads_as_a_fresh_ingest_and_the_next_ingest_has_nothing_to_do(
        decided, tmp_path):
    db, paths, judgements, compared, inconsistent, numbers = decided
    assert numbers == list(range(1, len(DECISIONS) + 1))
    assert compared == {n: {} for n in compared}
    assert inconsistent == {n: [] for n in inconsistent}  # mention and article counts, entity_months, sources
    db, judgements, _ = copy_of(decided, tmp_path)
    again = ingest(paths, db, judgements)
    assert again.counts["refreshed"] == 0 and again.counts["unchanged"] > 30


def test_the_decisions_fix_the_readings_they_are_about(decided, tmp_path):
    db, _, _ = copy_of(decided, tmp_path)
    conn = sqlite3.connect(db)
    speaker = lambda slug, text: conn.execute(  # noqa: E731
        "SELECT p.slug, q.attribution FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN people p ON p.id = q.person_id WHERE a.slug = ? AND q.text LIKE ?", [slug, f"%{text}%"]).fetchone()
    assert speaker(NK_NEWS, "never again recognize") == ("kim-son-gyong", "judgement")
    assert speaker(LAVROVS, "The bridge is ready") == ("yevgeny-lavrov", "judgement")
    assert conn.execute("SELECT reviewed, description FROM people WHERE slug = 'kim-son-gyong'").fetchone() == \
        (1, "North Korean vice foreign minister")
    # the Cyrillic alias and the patronymic variant both count for the accepted Slutsky
    surfaces = {s for (s,) in conn.execute("SELECT m.surface FROM mentions m JOIN people p ON p.id = m.person_id "
                                           "WHERE p.slug = 'leonid-slutsky'")}
    assert {"Leonid Slutsky", "Leonid Eduardovich Slutsky"} <= surfaces and any("Слуцк" in s for s in surfaces)
    for gone in ("leonid-eduardovich-slutsky", "sergei-viktorovich"):
        assert conn.execute("SELECT 1 FROM people WHERE slug = ?", [gone]).fetchone() is None
    assert conn.execute("""SELECT a.published, a.date_source, c.read_value FROM articles a JOIN article_corrections c
        ON c.article_id = a.id AND c.field = 'published' WHERE a.slug = ?""", [DUMA]).fetchone() == \
        ("2025-06-17", "judgement", "2025-06-18")
    assert conn.execute("SELECT s.name, s.article_count FROM articles a JOIN sources s ON s.id = a.source_id "
                        "WHERE a.slug = ?", [LAVROVS]).fetchone() == ("Far East Courier", 1)
    assert conn.execute("SELECT label FROM articles WHERE slug = ?", [CHOE]).fetchone() == \
        ("Choe hails 'invincible alliance' with Russia",)  # the slug stays: it is made from the reading
    assert conn.execute("SELECT count(*) FROM names_for_review WHERE name LIKE 'Yelena Kim%'").fetchone()[0] == 0
    conn.close()


def test_undo_restores_the_archive_as_it_was_before_each_judgement(corpus, tmp_path):
    """Each decision in turn: made, taken back (the archive is as before), made again."""
    db, paths, review, judgements = working_copy(corpus, tmp_path)
    for decide in DECISIONS:
        before = snapshot(db, mirror=False)
        made = decide(review).judgement
        assert differences(snapshot(db, mirror=False), before) != {}, made
        review.undo(made.number, note="testing undo")
        assert differences(snapshot(db, mirror=False), before) == {}, made
        decide(review)
    assert counts_are_consistent(db) == []
    assert len(load_judgements(judgements).effective) == len(DECISIONS)


def test_undo_refuses_a_judgement_others_depend_on(corpus, tmp_path):
    db, paths, review, judgements = working_copy(corpus, tmp_path)
    for decide in DECISIONS[2:4]:  # accept Slutsky, merge a variant into him
        decide(review)
    with pytest.raises(ReviewError, match=r"judgement 2 \(line \d+: merge .*\) needs judgement 1: undo it first"):
        review.undo(1)
    review.undo(2)
    review.undo(1)
    with pytest.raises(ReviewError, match="undone already"):
        review.undo(1)


def test_judgements_pulled_from_another_machine_read_the_archive_again_on_the_next_ingest(decided, corpus, tmp_path):
    """One analyst decides; another pulls the file with git and ingests: the same archive."""
    db, paths, judgements = decided[:3]
    other = tmp_path / "other.db"
    shutil.copy(corpus[2], other)  # the other machine's archive, made before any judgement
    pulled = tmp_path / "pulled.yml"
    shutil.copy(judgements, pulled)
    summary = ingest(paths, other, pulled)
    assert summary.counts["refreshed"] > 30
    assert differences(snapshot(other), snapshot(db)) == {}


def test_judgements_survive_a_re_read_after_a_registry_change(decided, tmp_path):
    """A registry edit reads every article again: the judgements are applied to the new readings."""
    import yaml

    paths = decided[1]
    db, judgements, _ = copy_of(decided, tmp_path)
    registry = tmp_path / "registry.yml"
    data = yaml.safe_load((Path(__file__).parent.parent / "db" / "registry.yml").read_text(encoding="utf-8"))
    data["organizations"].append({"name": "Khabarovsk Railway Authority", "kind": "agency", "country": "Russia"})
    registry.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    summary = ingest(paths, db, judgements, registry_path=registry)
    assert summary.counts["refreshed"] > 30
    reference = fresh(paths, tmp_path / "fresh.db", judgements, registry_path=registry)
    assert differences(snapshot(db), snapshot(reference)) == {}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT p.slug FROM quotes q JOIN people p ON p.id = q.person_id "
                        "WHERE q.text LIKE '%never again recognize%'").fetchone() == ("kim-son-gyong",)
    conn.close()


def test_a_judgement_the_registry_now_makes_is_superseded_and_one_it_contradicts_stops_the_ingest(corpus, tmp_path):
    import yaml

    db, paths, review, judgements = working_copy(corpus, tmp_path)
    review.accept("Kim Il Guk", description="North Korean vice sports minister")
    data = yaml.safe_load((Path(__file__).parent.parent / "db" / "registry.yml").read_text(encoding="utf-8"))
    data["people"].append({"name": "Kim Il Guk", "surname": "Kim", "description": "Vice sports minister"})
    registry = tmp_path / "registry.yml"
    registry.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ingest(paths, db, judgements, registry_path=registry)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM judgements WHERE number = 1").fetchone() == \
        ("superseded: the registry has it",)
    conn.close()
    data["people"][-1]["name"] = "Kim Il-guk Sr"
    data["people"][-1]["aliases"] = ["Kim Il Guk"]
    registry.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(JudgementError, match=r"judgements\.yml:7: accept “Kim Il Guk” as a person: the registry "
                                             r"gives “Kim Il Guk” to person:kim-il-guk-sr"):
        ingest(paths, db, judgements, registry_path=registry)
