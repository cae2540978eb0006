"""The reading lexicon: curated words kept as data (ingest/lexicon/*.yml), loaded once into an
immutable object, with the patterns built from them compiled in one place."""

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from ingest import lexicon as lexicon_module
from ingest.lexicon import CONCEPTS, LEXICON, Lexicon, LexiconError, alternation, load_lexicon
from ingest.resources import LEXICON_DIR


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(directory: Path) -> str:
    with pytest.raises(LexiconError) as caught:
        load_lexicon(directory)
    return str(caught.value)


# ---------------------------------------------------------------- the default lexicon

def test_the_default_lexicon_is_loaded_once_from_the_package():
    assert load_lexicon() is LEXICON
    assert load_lexicon(LEXICON_DIR) is LEXICON
    assert {path.name for path in LEXICON.files} >= {"en.yml", "de.yml"}
    assert set(LEXICON.languages) >= {"en", "de"}


def test_the_default_lexicon_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LEXICON.month_names = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        LEXICON.month_names["smarch"] = 3  # type: ignore[index]
    with pytest.raises(TypeError):
        LEXICON.concepts["weekdays"] = {}  # type: ignore[index]
    with pytest.raises(AttributeError):
        LEXICON.not_a_concept  # noqa: B018
    for key, concept in CONCEPTS.items():
        value = getattr(LEXICON, key)
        assert isinstance(value, frozenset) if concept.kind == "words" else not hasattr(value, "__setitem__"), key


def test_every_concept_is_given_by_some_file():
    for key in CONCEPTS:
        assert getattr(LEXICON, key), f"no lexicon file gives `{key}`"


def test_the_patterns_are_built_once_per_lexicon():
    assert LEXICON.patterns is LEXICON.patterns


def test_per_language_views_hold_only_that_language():
    english, german = LEXICON.languages["en"], LEXICON.languages["de"]
    assert english.language == "en" and "june" in english.month_names and "juni" not in english.month_names
    assert "juni" in german.month_names and "montag" in german.weekdays
    assert LEXICON.months["dez"] == 12 and LEXICON.months["sept"] == 9


def test_every_file_explains_its_concepts():
    """A linguist reads the file, not the code: each concept key has a comment just above it."""
    for path in sorted(LEXICON_DIR.glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("#"), path.name
        for number, line in enumerate(lines):
            key = re.match(r"^([a-z_]+):", line)
            if key and key[1] != "language":
                assert key[1] in CONCEPTS, (path.name, key[1])
                assert lines[number - 1].startswith("#"), f"{path.name}: `{key[1]}` has no comment above it"


# ---------------------------------------------------------------- another language

def test_a_new_language_file_is_picked_up_and_its_words_reach_the_patterns(tmp_path):
    for path in LEXICON_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    write(tmp_path, "uk.yml", "# Ukrainian\nlanguage: uk\n# month names\nmonth_names:\n  червня: 6\n  грудня: 12\n"
                              "# weekdays\nweekdays:\n  вівторок: 1\n")
    lexicon = load_lexicon(tmp_path)
    assert lexicon is not LEXICON and "uk" in lexicon.languages
    assert lexicon.months["червня"] == 6 and lexicon.months["june"] == 6
    assert lexicon.languages["uk"].month_names == {"червня": 6, "грудня": 12}
    assert re.fullmatch(lexicon.patterns.month, "Грудня", re.I)
    assert not re.fullmatch(LEXICON.patterns.month, "Грудня", re.I)
    kind, pattern = next((k, p) for k, p in lexicon.patterns.full_dates if k == "dmy")
    assert pattern.search("підписаний 19 червня 2024 року")["mon"] == "червня"


def test_the_concepts_fit_russian_and_korean(tmp_path):
    """The keys are not English-shaped: Russian and Korean speech verbs, titles and relative
    words go in the same concepts and reach the same patterns (scripts without case included)."""
    for path in LEXICON_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    write(tmp_path, "ru.yml", """language: ru
# speech verbs
speech_verbs: [заявил, заявила, сказал]
# title heads
title_heads: [министр, посол]
# relative days
relative_days:
  вчера: -1
# relative years
relative_years:
  в прошлом году: -1
""")
    write(tmp_path, "ko.yml", """language: ko
# speech verbs
speech_verbs: [말했다, 밝혔다]
# title heads
title_heads: [외무상, 위원장]
# relative days
relative_days:
  어제: -1
""")
    patterns = load_lexicon(tmp_path).patterns
    assert patterns.speech_verb.search("Лавров заявил журналистам") and patterns.speech_verb.fullmatch("밝혔다")
    assert patterns.title_before.search("Министр ")["title"] == "Министр"
    assert patterns.title_before.search("북한 외무상 ")["title"] == "외무상"
    timeline = dict(patterns.timeline)
    assert timeline["day_word"].search("вчера в Москве")["w"] == "вчера" and timeline["day_word"].search("어제 평양에서")
    assert timeline["period"].search("В прошлом году")["w"] == "В прошлом году"
    assert patterns.date_triggers["вчера"] == "day_word" and patterns.date_triggers["году"] == "period"


def test_a_language_independent_file_has_no_language(tmp_path):
    write(tmp_path, "shared.yml", "# weekdays\nweekdays:\n  monday: 0\n")
    lexicon = load_lexicon(tmp_path)
    assert lexicon.weekdays == {"monday": 0} and dict(lexicon.languages) == {}


def test_lists_are_unioned_and_mappings_merged_across_files(tmp_path):
    write(tmp_path, "a.yml", "language: en\nmonth_names:\n  june: 6\n")
    write(tmp_path, "b.yml", "language: de\nmonth_names:\n  june: 6\n  juni: 6\n")
    assert dict(load_lexicon(tmp_path).month_names) == {"june": 6, "juni": 6}


# ---------------------------------------------------------------- malformed files

@pytest.mark.parametrize("text, expected", [
    ("monthnames:\n  june: 6\n", "`monthnames` is not a lexicon concept"),
    ("month_names: [june, july]\n", "`month_names` must be a mapping of words to numbers, not list"),
    ("month_names:\n  june: sixth\n", "`month_names`: 'june' must map to a whole number from 1 to 12, not 'sixth'"),
    ("month_names:\n  june: 13\n", "`month_names`: 'june' must map to a whole number from 1 to 12, not 13"),
    ("month_names:\n  June: 6\n", "`month_names`: 'June' must be written in lower case"),
    ("month_names:\n  june: 6\n  june: 7\n", "`month_names`: 'june' is given twice (line 3)"),
    ("weekdays:\n  monday: 0\nweekdays:\n  monday: 0\n", "`weekdays` is given twice (line 3)"),
    ("speech_verbs: [said, said]\n", "`speech_verbs`: 'said' is listed twice"),
    ("speech_verbs: [said, 3]\n", "`speech_verbs`: 3 is not a word"),
    ("speech_verbs: said\n", "`speech_verbs` must be a list of words, not str"),
    ("honorifics:\n  mr: man\n", "`honorifics`: 'mr' must map to one of male, female, any, not 'man'"),
    ("demonyms:\n  russian: 7\n", "`demonyms`: 'russian' must map to a name, not 7"),
    ("speech_verb: [said]\n", "`speech_verb` is not a lexicon concept; did you mean `speech_verbs`?"),
    ("language: english\n", "`language` must be a language code"),
    ("month_names:\n  june: 6\n   bad indent: 7\n", "cannot read lexicon"),
    ("- june\n", "a lexicon file is a mapping of concept keys to words"),
])
def test_a_malformed_file_is_a_one_line_error_naming_file_and_key(tmp_path, text, expected):
    path = write(tmp_path, "xx.yml", text)
    message = error_of(tmp_path)
    assert "\n" not in message and message.startswith(f"{path.resolve()}: "), message
    assert expected in message, message


def test_two_files_giving_a_word_two_values_is_an_error_naming_both(tmp_path):
    first = write(tmp_path, "a.yml", "month_names:\n  mai: 5\n")
    second = write(tmp_path, "b.yml", "month_names:\n  mai: 6\n")
    message = error_of(tmp_path)
    assert "\n" not in message
    assert f"{first.resolve()} and {second.resolve()}" in message and "`month_names`" in message and "'mai'" in message


def test_a_folder_without_lexicon_files_is_an_error(tmp_path):
    assert "no lexicon files" in error_of(tmp_path)


def test_yes_no_on_off_are_words_not_booleans(tmp_path):
    write(tmp_path, "a.yml", "weekdays:\n  no: 0\n  on: 1\n")
    assert dict(load_lexicon(tmp_path).weekdays) == {"no": 0, "on": 1}


# ---------------------------------------------------------------- regex building blocks

def test_alternation_tries_longer_words_first():
    assert re.match(alternation(["has", "has been", "had"]), "has been").group() == "has been"
    assert alternation(["b", "a", "ab"]) == "(?:ab|a|b)"


# ---------------------------------------------------------------- readings fixed on the way

def test_a_title_head_starts_a_word_and_an_honorific_is_no_title():
    """'air defence systems, Pak warned' stated no title 'ms' (the end of 'systems'), and
    'Mr Umerov' none: a form of address is not a role."""
    from ingest.entities import NameMatcher, find_mentions
    from ingest.registry import default_registry
    from ingest.roles import find_roles

    matcher = NameMatcher(default_registry())
    for text in ("The UN General Assembly reviewed air defence systems, Lavrov said.", "Speaking to KBS, Mr Lavrov said so.",
                 "Later Ms Choe Son Hui left."):
        assert find_roles(text, find_mentions(text, matcher)) == [], text
    text = "Foreign Minister Sergei Lavrov arrived."
    assert [r.title for r in find_roles(text, find_mentions(text, matcher))] == ["Foreign Minister"]


# ---------------------------------------------------------------- demonyms name places, not keys

def test_a_demonym_is_resolved_to_the_registry_place_of_that_name(tmp_path):
    """roles.py holds no registry keys: "North Korean" names the place the registry calls North
    Korea (by its name or an alias), whatever its key; a country the registry lacks stays unlinked."""
    from ingest.entities import NameMatcher, find_mentions
    from ingest.registry import load_registry
    from ingest.roles import find_roles

    path = write(tmp_path, "registry.yml", """
people:
  - name: Sin Hong Chol
    surname: Sin
places:
  - name: Democratic People's Republic of Korea
    aliases: [North Korea]
    kind: country
""")
    registry = load_registry(path)
    text = "North Korean Ambassador Sin Hong Chol arrived. Russian Ambassador Sin Hong Chol left."
    roles = find_roles(text, find_mentions(text, NameMatcher(registry)), registry)
    assert [(r.title, r.place_key) for r in roles] == [
        ("North Korean Ambassador", "place:democratic-people-s-republic-of-korea"), ("Russian Ambassador", None)]
    assert LEXICON.demonyms["north korean"] == "North Korea"


def test_no_registry_key_is_written_in_the_modules():
    for name in ("roles.py", "names.py", "entities.py", "quotes.py"):
        source = (Path(lexicon_module.__file__).parent / name).read_text(encoding="utf-8")
        assert not re.search(r"[\"'](?:person|place|organization):[a-z]", source), name


# ---------------------------------------------------------------- what parse.py will read

def test_languages_are_told_apart_by_each_files_detection_stopwords():
    from ingest.parse import detect_language

    assert set(LEXICON.detection_stopwords_by_language) >= {"en", "de", "fr"}
    assert detect_language("The treaty was signed in Pyongyang, and the two leaders said it was historic.") == "en"
    assert detect_language("Der Vertrag wurde in Pjöngjang unterzeichnet und ist nicht gegen Dritte gerichtet.") == "de"


def test_search_stopwords_are_every_languages_and_leave_out_words_of_two_languages():
    from ingest.web.render import STOPWORDS, fts_query

    assert STOPWORDS == LEXICON.languages["en"].search_stopwords | LEXICON.languages["de"].search_stopwords
    assert "die" not in STOPWORDS and fts_query("the treaty") == '"treaty"'


# ---------------------------------------------------------------- the modules keep no word lists

READERS = ["dates.py", "text.py", "entities.py", "names.py", "roles.py", "quotes.py", "timeline.py", "web/render.py",
           "surnames.py", "shapes.py", "places.py", "authors.py"]
_WORD = re.compile(r"^[^\W\d_]{2,}(?: [^\W\d_]+)*$")
_ALTERNATION = re.compile(r"(?<![\\\w])(?:[^\W\d_]{2,}\|){2,}[^\W\d_]{2,}(?![\w])")  # said|says|told


def _word_lists(source: str) -> list[str]:
    """Literal collections of three or more words, and regex alternations of three or more
    words, in a module's source; pattern kind names ("iso", "mdy") and __slots__ are code, and so
    is what the line above marks as format vocabulary (HTML elements, schema.org types, <meta> keys)."""
    import ast

    kinds = {kind for kind, _ in LEXICON.patterns.timeline} | {"digit", "day_word"}
    found = []
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if hasattr(node, "lineno") and node.lineno > 1 and "# format vocabulary:" in lines[node.lineno - 2]:
            continue
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and _WORD.match(e.value)]
            if len(words) >= 3 and not set(words) <= kinds and "__slots__" not in lines[node.lineno - 1]:
                found.append(f"line {node.lineno}: {words}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [f"line {node.lineno}: {m.group()}" for m in _ALTERNATION.finditer(node.value)]
    return found


@pytest.mark.parametrize("module", READERS)
def test_no_curated_word_list_is_left_in_the_readers(module):
    source = (Path(lexicon_module.__file__).parent / module).read_text(encoding="utf-8")
    assert _word_lists(source) == [], f"{module}: word lists belong in ingest/lexicon/*.yml"


PAGE_READERS = sorted(path.name for path in (Path(lexicon_module.__file__).parent / "formats").glob("*.py"))


@pytest.mark.parametrize("module", PAGE_READERS)
def test_no_curated_word_list_is_left_in_the_page_readers(module):
    """ingest/formats/ keeps format vocabulary (marked as such), never the words of a language."""
    source = (Path(lexicon_module.__file__).parent / "formats" / module).read_text(encoding="utf-8")
    assert _word_lists(source) == [], f"formats/{module}: word lists belong in ingest/lexicon/*.yml"


def test_the_word_list_scan_finds_word_lists():
    assert _word_lists('VERBS = {"said", "says", "told"}\nX = re.compile(r"(?:said|says|told)\\b")\n') == [
        "line 1: ['said', 'says', 'told']", "line 2: said|says|told"]
    assert _word_lists('KINDS = ("iso", "mdy", "dmy")\n') == []
    assert _word_lists('# format vocabulary: HTML elements\nTAGS = {"div", "span", "section"}\n') == []
    assert _word_lists('# HTML elements\nTAGS = {"div", "span", "section"}\n') != []


def test_the_readers_take_their_words_from_the_lexicon():
    from ingest import entities, names, quotes, roles, text, timeline
    from ingest.web import render

    assert names.KOREAN_SURNAMES is LEXICON.korean_surnames and "ryom" in names.KOREAN_SURNAMES
    assert names.TITLE_HEADS >= LEXICON.title_heads | {"mr", "herr"} and names.TITLE_MODIFIERS is LEXICON.title_modifiers
    assert entities.TITLE_WORDS >= names.TITLE_HEADS | {"gen", "vice"} and entities.PREFIX_GENDER["frau"] == "female"
    assert names.REJECT_WORDS >= set(LEXICON.months) | LEXICON.place_words | {"the", "kremlin", "minister"}
    assert roles.DEMONYMS is LEXICON.demonyms and roles.TITLE_BEFORE is LEXICON.patterns.title_before
    assert quotes.VERB is LEXICON.patterns.speech_verb and quotes.VERB.fullmatch("erklärte")
    assert quotes.PRONOUN_GENDER["she"] == "female" and quotes.PRONOUN.match("Er")
    assert text.ABBREVIATIONS >= {"mr", "gen", "sept", "dez", "z.b"}
    assert timeline.TRIGGER_CLASS["gestern"] == "day_word" and timeline.TRIGGER_CLASS["jahr"] == "period"
    assert timeline.NUMBER_WORDS["twelve"] == 12 and render.STOPWORDS is LEXICON.search_stopwords


def test_the_page_readers_take_their_words_from_the_lexicon():
    from ingest.formats import bylines, furniture, htmlmeta, repair, sitenames
    from ingest.formats.patterns import PATTERNS

    assert sitenames.GENERIC_SECTIONS >= LEXICON.section_names | LEXICON.page_section_names
    assert repair.KOREAN_SURNAMES >= LEXICON.korean_surnames and repair.COMPOUND_HEADS is LEXICON.compound_heads
    assert PATTERNS.button_phrases >= {("share",), ("copy", "link"), ("teilen",)}  # furniture_words and _lines
    assert furniture.chrome_reason("Mehr zum Thema: Lawrow in Wonsan") == "promo"  # de.yml promo_openers
    assert furniture.chrome_reason("Читайте также: Лавров в Пхеньяне") == "promo"  # ru.yml
    assert bylines.clean_byline("Иван Петров, корреспондент") == "Иван Петров"  # ru.yml journalist_roles
    assert htmlmeta.marks_update("Stand:") and htmlmeta.marks_update("수정")  # date_labels, page_date_labels


def test_words_the_parser_does_not_read_yet_are_kept_apart():
    """page_date_labels and page_section_names hold words only the page readers
    read so far: none of them is in the concept the text parser reads."""
    assert not set(LEXICON.page_date_labels) & set(LEXICON.date_labels)
    assert not LEXICON.page_section_names & LEXICON.section_names
