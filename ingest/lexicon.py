"""The reading knowledge kept as data: the words the extractors look for (month names, title words,
speech verbs, ...) live in `ingest/lexicon/*.yml`, one file per language (`en.yml`, `de.yml`) plus
language-independent files (`names.yml`: romanized Korean surnames, Russian given names). Pure.

`load_lexicon()` reads every `*.yml` file of a folder once and merges them into one immutable
`Lexicon`: lists are unioned, mappings merged (two files giving one word different values is an
error). Each concept is an attribute (`LEXICON.title_heads`, a frozenset; `LEXICON.month_names`,
a read-only mapping); `LEXICON.languages["de"]` is the lexicon of the German files alone, for
what is decided per language (the stopwords that tell languages apart). Every regex built from
the words is compiled once, in `Patterns` (`LEXICON.patterns`), never per article.

Adding a language is adding a file (`ru.yml`) with the keys of CONCEPTS; a key not in CONCEPTS,
a value of the wrong type or a word given twice is a one-line LexiconError naming the file and
the key.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from .resources import LEXICON_DIR


class LexiconError(ValueError):
    """A lexicon file is malformed; the message (one line) names the file and the key."""


# ---------------------------------------------------------------- the concepts

WORDS = "words"  # a list of words or phrases -> frozenset
NUMBERS = "numbers"  # word -> integer within a range -> read-only mapping
CHOICE = "choice"  # word -> one of a few fixed values -> read-only mapping
NAMES = "names"  # word -> a name (free text) -> read-only mapping


@dataclass(frozen=True)
class Concept:
    kind: str
    doc: str
    values: tuple = ()  # NUMBERS: (lowest, highest); CHOICE: the allowed values


CONCEPTS: dict[str, Concept] = {
    # dates (ingest/dates.py, ingest/timeline.py, ingest/text.py)
    "month_names": Concept(NUMBERS, "month names written out, and their number", (1, 12)),
    "month_abbreviations": Concept(NUMBERS, "abbreviated month names, and their number", (1, 12)),
    "weekdays": Concept(NUMBERS, "weekday names, and their number (Monday is 0)", (0, 6)),
    "ordinal_suffixes": Concept(WORDS, "letters after a day number: 19th"),
    "day_month_connectors": Concept(WORDS, "words between a day number and its month: 19th of June"),
    "common_word_months": Concept(WORDS, "month words that are also everyday words: in lower case not a month"),
    "weekday_modifiers": Concept(CHOICE, "words before a weekday and which one they mean",
                                 ("last", "next", "this", "recent")),
    "month_prefixes": Concept(CHOICE, "words before a bare month name that make it a date, and which one",
                              ("last", "next", "recent")),
    "year_prefixes": Concept(WORDS, "words before a bare year that make it a date"),
    "future_cues": Concept(WORDS, "words a few words before a bare month that put it ahead of the article (will "
                                  "open in July): a later month of the year is then this year's, not last year's"),
    "list_conjunctions": Concept(WORDS, "words joining the last item of a list"),
    "relative_days": Concept(NUMBERS, "words for a day relative to the article's date, and the offset in days",
                             (-7, 7)),
    "relative_years": Concept(NUMBERS, "phrases for a year relative to the article's date, and the offset",
                              (-10, 10)),
    "relative_months": Concept(NUMBERS, "phrases for a month relative to the article's date, and the offset",
                               (-12, 12)),
    "number_words": Concept(NUMBERS, "numbers written as words", (1, 100)),
    "time_units": Concept(CHOICE, "words for a day, month or year in '<number> <unit> ago'", ("day", "month", "year")),
    "ago_words": Concept(WORDS, "words after '<number> <unit>' that put it in the past"),
    "counter_units": Concept(CHOICE, "units written right after a number in a date (2024년 6월 19일), and what they "
                                     "count", ("year", "month", "day")),
    "era_names": Concept(WORDS, "calendar eras whose year is followed by the common-era year in brackets: "
                                "Juche 113 (2024)"),
    "year_words": Concept(WORDS, "words after a year number that make it a date: в 2000 году"),
    "relative_year_modifiers": Concept(NUMBERS, "phrases before or after a month that name its year relative to the "
                                                "article's: 작년 6월, в июне прошлого года", (-10, 10)),
    "story_day_words": Concept(WORDS, "words for the day the story reports (이날): the first day it names in the week "
                                      "up to the article's date"),
    "particles": Concept(WORDS, "endings written onto a word that leave it the same word (Korean 은, 는, 에, 부터)"),
    "duration_words": Concept(WORDS, "words after a counted day or month that make it a length of time, not a "
                                     "date: 3일 동안"),
    "weekday_abbreviations": Concept(NUMBERS, "abbreviated weekday names, as in brackets after a date (10.21.(월)), "
                                              "and their number", (0, 6)),
    "relative_days_governing": Concept(WORDS, "relative day words that are also prepositions before a noun in the "
                                              "genitive: накануне визита (on the eve of the visit) is no date"),
    # titles and names of people (ingest/names.py, ingest/entities.py, ingest/roles.py)
    "title_heads": Concept(WORDS, "nouns that head a person's title"),
    "organization_heads_before_place": Concept(WORDS, "organization heads written before the place that names "
                                                      "them (Universität Leipzig)"),
    "unnamed_person_nouns": Concept(WORDS, "nouns for someone the text does not name (당국자, 관계자)"),
    "institution_finals": Concept(WORDS, "last syllables of Korean institution names that end no foreign name (대, 원)"),
    "adjective_endings": Concept(WORDS, "adjective endings before an organization head; the shortest is the nominative's"),
    "title_prefixes": Concept(WORDS, "words glued before a Korean title that keep it one (선임연구원)"),
    "compound_title_heads": Concept(WORDS, "title heads that also end a closed compound (German Verkehrsminister)"),
    "title_modifiers": Concept(WORDS, "words before a title head that belong to the title"),
    "honorifics": Concept(CHOICE, "forms of address before a name, and the gender they tell", ("male", "female", "any")),
    "title_abbreviations": Concept(WORDS, "abbreviated titles, written with a dot"),
    "relation_heads": Concept(WORDS, "nouns for a person's relation to another, read as a title after the name"),
    "title_connectors": Concept(WORDS, "words inside a title that link its head to an organization or place"),
    "title_end_words": Concept(WORDS, "words that end a title stated after a name (who, said, ...)"),
    "demonyms": Concept(NAMES, "nationality adjectives, and the registry name of their country"),
    "korean_surnames": Concept(WORDS, "romanized Korean surnames"),
    "chinese_surnames": Concept(WORDS, "romanized Chinese surnames (written before the given name)"),
    "russian_given_names": Concept(WORDS, "Russian given names, transliterated"),
    "patronymic_endings": Concept(WORDS, "endings of Russian patronymics, transliterated or not (Viktorovich, "
                                         "Ivanovna, Викторович)"),
    "attribution_verbs": Concept(WORDS, "speech verbs next to a name that show it is a person's"),
    "according_to": Concept(WORDS, "phrases naming a source: according to X; {src} marks a source written "
                                   "inside the phrase (по {src} словам: по его словам)"),
    "name_connectors": Concept(WORDS, "small words inside a capitalized name (Institute for National Unification)"),
    "place_words": Concept(WORDS, "words of place and building names: never part of a person's name"),
    "organization_words": Concept(WORDS, "words of organization, media, document and event names: never part of a "
                                         "person's name"),
    "direction_words": Concept(WORDS, "compass words: never part of a person's name"),
    "nationality_words": Concept(WORDS, "nationality words besides the demonyms: never part of a person's name"),
    "sentence_openers": Concept(WORDS, "function words that open sentences: never part of a name"),
    "never_name_words": Concept(WORDS, "other capitalized words that are never part of a person's name"),
    "organization_heads": Concept(WORDS, "head nouns of organization names"),
    "inflected_organization_heads": Concept(WORDS, "dictionary forms of the head nouns of organization names in "
                                                   "an inflecting language, matched on a word's lemma (Института -> "
                                                   "институт)"),
    "organization_generic_words": Concept(WORDS, "words that do not make an organization's name specific"),
    "organization_non_openers": Concept(WORDS, "title words that, opening a capitalized run, show it is no "
                                               "organization's name"),
    "organization_opening_nationalities": Concept(WORDS, "nationality words that may open an organization's name"),
    "place_prepositions": Concept(WORDS, "words before a place named inside an organization's name"),
    # names by their shape (ingest/shapes.py)
    "landmark_heads": Concept(CHOICE, "nouns that end a landmark's name (X Square, X Air Base), and its kind",
                              ("landmark", "facility", "airport", "station", "bridge", "island", "water", "region",
                               "mountain")),
    "landmark_prefixes": Concept(CHOICE, "nouns that open a place's name before 'of X' (Sea of Okhotsk), and its kind",
                                 ("landmark", "facility", "island", "water", "region", "mountain")),
    "lowercase_landmark_heads": Concept(WORDS, "landmark heads that make a name also in lower case after a "
                                               "capitalized word (Sunan airport)"),
    "landmark_generic_words": Concept(WORDS, "words that alone do not make a landmark's name specific (Central "
                                             "Station, Main Square)"),
    "place_nouns_after_name": Concept(WORDS, "nouns after 'the X' that show X is a place (the Glushkovo district)"),
    "possessive_name_words": Concept(WORDS, "plural nouns that stand in names with a possessive (People's, Workers')"),
    "organization_heads_with_in": Concept(WORDS, "organization heads that take 'in X' (Embassy in Tokyo)"),
    "organization_complement_words": Concept(WORDS, "words that open an organization's complement (Ministry of X, "
                                                    "Committee on X)"),
    "name_opening_adjectives": Concept(WORDS, "words that open an organization's name though they may open a "
                                              "sentence or a title too (State Council, National Assembly)"),
    "author_credits": Concept(WORDS, "phrases before the names of a report's authors in its credits"),
    "author_credits_after": Concept(WORDS, "phrases after the names of a report's authors in its credits"),
    "non_author_credits": Concept(WORDS, "credit phrases that name someone other than an author (Editing by)"),
    "acronym_heads": Concept(WORDS, "organization heads that need an acronym before them (NBC News)"),
    "non_organization_heads": Concept(WORDS, "nouns that end names of documents, events and operations, never of "
                                             "organizations (Treaty, Summit, Day)"),
    # quotes and speakers (ingest/quotes.py)
    "speech_verbs": Concept(WORDS, "verbs that introduce or attribute a quotation"),
    "speech_verb_fillers": Concept(WORDS, "words between a speaker and its speech verb, not part of the speaker"),
    "passive_auxiliaries": Concept(WORDS, "auxiliaries of 'X was quoted'"),
    "plural_speech_verbs": Concept(WORDS, "speech verbs whose subject is plural: the quote has no one speaker "
                                          "(German '„...“, sagten sie', 'Putin und Kim erklärten, ...')"),
    "speaker_particles": Concept(WORDS, "words after a quotation's comma that name its speaker with no verb: German "
                                        "'„...“, so Schoigu'"),
    "quoting_verbs": Concept(WORDS, "verbs of a source quoting someone, the one quoted between the auxiliary and the "
                                    "verb or right after it: German 'wurde Kim zitiert', 'zitierte Kim mit den Worten'"),
    "quoting_complements": Concept(WORDS, "words after the one quoted that introduce the quotation: 'zitierte Kim mit "
                                          "den Worten, ...'"),
    "pronouns": Concept(CHOICE, "personal pronouns that can be a speaker, and their gender", ("male", "female")),
    "quotative_endings": Concept(WORDS, "endings written onto a quotation's closing mark that make it reported "
                                        "speech (Korean “...”라고 말했다)"),
    "topic_particles": Concept(WORDS, "particles that mark a sentence's topic, its speaker before a quotative "
                                      "(Korean 은, 는, 께서는)"),
    "object_prepositions": Concept(WORDS, "prepositions whose object is no sentence subject (the greetings of Xi)"),
    "subject_particles": Concept(WORDS, "particles that mark a clause's subject (Korean 이, 가)"),
    "clause_openers": Concept(WORDS, "words opening a clause before a quote that holds no speaker"),
    "bio_words": Concept(WORDS, "words of an author's bio line under a story: 'Lee covers North Korea', 'X is a fellow at'"),
    "page_tail_phrases": Concept(WORDS, "phrases anywhere in a paragraph that make it page chrome below a story: 'opens new tab', 'order reprints'"),
    "self_reference_verbs": Concept(WORDS, "what an outlet says of itself in its own copy: '<Outlet> could not independently verify'"),
    "organization_nouns": Concept(WORDS, "nouns for kinds of organization: a name right after 'the tour operator' is an organization"),
    "subordinators": Concept(WORDS, "words that open a subordinate clause: a name after them is not what the sentence is about"),
    "title_non_openers": Concept(WORDS, "words a title never opens with: 'who met ...', 'and Japan's ambassador', 'When ...'"),
    "clause_words": Concept(WORDS, "words that show a longer phrase is a clause, not an unnamed speaker"),
    "complementizers": Concept(WORDS, "words joining a speech verb to what was said: said that ..."),
    "translation_notes": Concept(WORDS, "notes in brackets after a transcript speaker's label"),
    "interviewer_labels": Concept(WORDS, "transcript labels for the one asking the questions"),
    # names and titles in other scripts (ingest/morph.py, ingest/hangul_names.py)
    "family_names": Concept(WORDS, "family names written in a non-Latin script, one or two syllables (김, 남궁)"),
    "name_particles": Concept(CHOICE, "particles glued after a name (김정은은), and the syllable they need before "
                                      "them; weak ones also end names", tuple(f"{need}{weak}" for weak in ("", ", weak")
                                                                            for need in ("consonant", "vowel",
                                                                                         "vowel or l", "any"))),
    "noun_endings": Concept(WORDS, "nouns ending in a syllable that is also a particle (한반도): read whole first"),
    "given_name_finals": Concept(WORDS, "syllables that end given names and are also particles (정은)"),
    "country_abbreviations": Concept(NAMES, "one-syllable country abbreviations (북, 러, 北), and the registry place"),
    "abbreviation_compound_exclusions": Concept(WORDS, "runs of country abbreviations that are ordinary words (북미)"),
    "abbreviation_compound_heads": Concept(WORDS, "nouns that may follow a compound of country abbreviations in one "
                                                  "token (북러관계)"),
    "abbreviation_particles": Concept(WORDS, "particles after which a one-syllable abbreviation is a name (북은)"),
    "titles_after_names": Concept(WORDS, "titles written after a name, a particle glued on the last word (최선희 "
                                         "외무상은)"),
    "office_finals": Concept(WORDS, "last syllables of office names between a name and its title (외교부 대변인)"),
    "particle_finals": Concept(WORDS, "syllables that are also particles: a name ending in one needs its title next"),
    "titles_before_names": Concept(WORDS, "titles before a name in a language that inflects them (министр "
                                          "иностранных дел): every case form of each word is read"),
    "east_asian_surnames": Concept(WORDS, "East Asian family names written first and never inflected (Ким Чен Ына)"),
    "indeclinable_words": Concept(WORDS, "words of names that never inflect, though a rule would (Рейтер)"),
    "sound_bite_labels": Concept(WORDS, "a broadcast script's bracketed label before a sound bite with its "
                                        "speaker: [녹취] 이름/직함 : \"...\""),
    "document_words": Concept(WORDS, "nouns for a written message whose text is quoted"),
    "document_determiners": Concept(WORDS, "words before a document noun besides the definite articles"),
    "sending_verbs": Concept(WORDS, "verbs that tell who sent a quoted message"),
    # sentences (ingest/text.py)
    "abbreviations": Concept(WORDS, "words written with a dot that does not end the sentence"),
    # languages and search (ingest/parse.py, ingest/web/render.py)
    "detection_stopwords": Concept(WORDS, "frequent words that tell this language from others"),
    "search_stopwords": Concept(WORDS, "words in nearly every article, left out of a search next to other words"),
    # pages: header lines and the furniture of saved pages, feeds, e-mails and PDFs (ingest/parse/)
    "furniture_lines": Concept(WORDS, "lines (or line openings) that are page furniture wherever they stand"),
    "furniture_words": Concept(WORDS, "words of buttons and menus: a short line of only these is furniture"),
    "section_names": Concept(WORDS, "section and category names of news sites: a short line of only these is "
                                    "navigation"),
    "promo_openers": Concept(WORDS, "words opening an insert that points to other pages (Read also: ...)"),
    "paywall_phrases": Concept(WORDS, "phrases that start a paywall: what follows is not the article"),
    "closing_phrases": Concept(WORDS, "phrases that start a page's or newsletter's closing chrome"),
    "endnote_headings": Concept(WORDS, "headings of a block of notes at the end (Notes, References)"),
    "list_headings": Concept(WORDS, "headings of a list of other stories (Most read, Top stories)"),
    "item_counters": Concept(WORDS, "a list's or gallery's item counters for screen readers, a line of their own, "
                                    "# for a number: 'list # of #', 'list of # items', 'end of list'"),
    "date_labels": Concept(CHOICE, "words labelling a date line, and which date it is", ("published", "updated",
                                                                                           "other")),
    "field_labels": Concept(CHOICE, "labels of metadata lines (Title: ...), and the field they give",
                            ("title", "byline", "source", "url", "published", "dateline", "skip")),
    "byline_openers": Concept(WORDS, "words before a byline's names (By ...)"),
    "byline_closers": Concept(WORDS, "words after a reporter's name that credit them (김지연 기자, 이승민 특파원)"),
    "sign_offs": Concept(WORDS, "a broadcast reporter's sign-off, a paragraph of its own, with {name}, {outlet} (a "
                                "known one) and {place} slots: 'this is {name} reporting', '{outlet} {name}입니다'"),
    "reported_by": Concept(WORDS, "words between a place and the reporter's name: Aus Seoul berichtet Jonas Hartmann"),
    "agency_prefixes": Concept(WORDS, "words before an agency's or outlet's name that say what it is (ИА PrimaMedia, "
                                      "агентство «Интерфакс»): the name is looked up without them"),
    "dateline_words": Concept(WORDS, "words glued after a dateline's date saying it was filed then (평양 6월 18일발)"),
    "print_words": Concept(WORDS, "words of a print edition's line besides the outlet and date: Газета «Коммерсантъ» "
                                  "№106 от 18.06.2025, стр. 5"),
    "end_marks": Concept(WORDS, "marks that close wire copy, alone or in brackets: (END), (끝)"),
    "sentence_endings": Concept(WORDS, "endings of a declarative sentence in languages that write few, long words "
                                       "(Korean 다): a line ending with one and a full stop is text, not a heading"),
    "dateline_openers": Concept(WORDS, "words before the place a story was reported from (Reporting from ...)"),
    "staff_words": Concept(WORDS, "words after an outlet's name in a byline that credit its staff, not a person"),
    "journalist_roles": Concept(WORDS, "job titles under or after a reporter's name"),
    "report_credits": Concept(WORDS, "phrases opening a credit line at an article's end (Reporting by ...)"),
    "headline_prefixes": Concept(WORDS, "wire labels before a headline: (LEAD), (2nd LD), URGENT"),
    "time_zones": Concept(NUMBERS, "time zone abbreviations, and their offset from UTC in minutes", (-720, 840)),
    "stamp_words": Concept(WORDS, "words that may stand beside a date in a date line (at, on, a.m., Uhr)"),
    "counter_words": Concept(WORDS, "words of a page's counters beside a number (14321 views, Hit: 2,418, 287 "
                                    "Postings, 조회수 1,234): a counter is furniture, also beside a date"),
    "photo_credit_words": Concept(WORDS, "words of photo credits (Photo:, Getty Images)"),
    "photo_labels": Concept(WORDS, "words that label a photo credit before a colon, slash or '=' (Photo: ..., "
                                   "Фото: ..., 사진=...)"),
    "caption_words": Concept(WORDS, "words that show a paragraph is a photo caption"),
    "copyright_words": Concept(WORDS, "words of copyright lines"),
    # grammar words several readers share
    "definite_articles": Concept(WORDS, "definite articles"),
    "indefinite_articles": Concept(WORDS, "indefinite articles"),
    # page readers: HTML pages, feeds and PDFs before the text parser (ingest/formats/). Phrases of
    # the *_prompts, *_openers and feed_footers concepts may offer choices (a|b), optional words
    # [full] and gaps: * one word, … a few words (ingest/formats/patterns.py reads them).
    "paywall_prompts": Concept(WORDS, "phrases of a paywall or sign-in prompt, anywhere in a short paragraph"),
    "paywall_openers": Concept(WORDS, "phrases that, opening a short paragraph, make it a paywall prompt"),
    "newsletter_prompts": Concept(WORDS, "phrases of a newsletter sign-up prompt, anywhere in a short paragraph"),
    "notice_prompts": Concept(WORDS, "phrases of an outlet's notice under a story (questions about this article "
                                     "to ...), anywhere in a short paragraph"),
    "notice_openers": Concept(WORDS, "phrases that, opening a short paragraph, make it an outlet's notice"),
    "feed_footers": Concept(WORDS, "lines a feed adds after an item's text (The post ... appeared first on ...)"),
    "author_field_openers": Concept(WORDS, "words before the names in a page's author field, besides the byline "
                                           "openers (From ...)"),
    "byline_place_words": Concept(WORDS, "words between a reporter's name and the place they file from, in a "
                                         "page's author field (Justin Doe in Seoul)"),
    "byline_non_names": Concept(WORDS, "words that make a part of an author field a desk, a site or a company, "
                                       "besides journalist roles, staff words and organization words"),
    "citation_words": Concept(WORDS, "words of bibliographic citations (accessed, ibid.)"),
    "page_number_words": Concept(CHOICE, "words of page numbers and what they are (Page 3 of 7, p. 3)",
                                 ("page", "abbreviation", "of")),
    "dangling_words": Concept(WORDS, "words a line of a heading does not end on: the heading goes on in the next line"),
    "compound_heads": Concept(WORDS, "first parts of compounds that keep their hyphen at a line break (long-range)"),
    "word_endings": Concept(WORDS, "word endings: a line broken before one cuts a word (short-age), not a compound"),
    "korean_name_syllables": Concept(WORDS, "syllables of romanized Korean given names (Jong-un, Son-hui)"),
    "korean_surname_variants": Concept(WORDS, "more spellings of Korean surnames, read only before a hyphenated "
                                              "given name (some are English words: No, Go, Son)"),
    # words the page readers read before the text parser does: each belongs in the concept named in
    # its doc once the parser is scored with it (moving it there changes the evaluate numbers)
    "page_date_labels": Concept(CHOICE, "date-line labels read so far only by the page readers (for date_labels)",
                                ("published", "updated", "other")),
    "page_section_names": Concept(WORDS, "section names read so far only by the page readers (for section_names)"),
}

_KIND_NAMES = {WORDS: "a list of words", NUMBERS: "a mapping of words to numbers", CHOICE: "a mapping of words to values",
               NAMES: "a mapping of words to names"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


# ---------------------------------------------------------------- the lexicon

@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every concept of CONCEPTS as an attribute: WORDS a frozenset, the others a read-only
    mapping (an empty one when no file gives the concept)."""

    concepts: Mapping[str, frozenset | Mapping]
    files: tuple[Path, ...] = ()
    language: str | None = None  # set on a per-language view
    languages: Mapping[str, "Lexicon"] = field(default_factory=lambda: MappingProxyType({}))

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in CONCEPTS:
            raise AttributeError(name)
        return object.__getattribute__(self, "concepts")[name]

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *CONCEPTS]

    # combinations several modules read
    @functools.cached_property
    def months(self) -> Mapping[str, int]:
        """Every month word, written out or abbreviated -> its number."""
        return MappingProxyType({**self.concepts["month_names"], **self.concepts["month_abbreviations"]})

    @functools.cached_property
    def detection_stopwords_by_language(self) -> Mapping[str, frozenset[str]]:
        """language code -> its detection stopwords, for the languages whose files give some."""
        return MappingProxyType({code: view.detection_stopwords for code, view in self.languages.items()
                                 if view.detection_stopwords})

    @functools.cached_property
    def patterns(self) -> "Patterns":
        return Patterns(self)


def load_lexicon(directory: Path | str = LEXICON_DIR) -> Lexicon:
    """The lexicon of every `*.yml` file in `directory`, merged (read once per folder)."""
    return _load(str(Path(directory).resolve()))


@functools.lru_cache(maxsize=8)
def _load(directory: str) -> Lexicon:
    files = sorted(Path(directory).glob("*.yml"))
    if not files:
        raise LexiconError(f"{directory}: no lexicon files (*.yml)")
    read = [(path, *_read_file(path)) for path in files]
    by_language: dict[str, list] = {}
    for path, language, values in read:
        if language:
            by_language.setdefault(language, []).append((path, values))
    languages = {code: _merge(parts, code) for code, parts in sorted(by_language.items())}
    merged = _merge([(path, values) for path, _, values in read], None)
    return Lexicon(merged.concepts, merged.files, None, MappingProxyType(languages))


def _merge(parts: list[tuple[Path, dict]], language: str | None) -> Lexicon:
    words: dict[str, set] = {}
    mappings: dict[str, dict] = {}
    origin: dict[tuple[str, str], Path] = {}  # (concept, word) -> the file that gave its value
    for path, values in parts:
        for key, value in values.items():
            if CONCEPTS[key].kind == WORDS:
                words.setdefault(key, set()).update(value)
                continue
            merged = mappings.setdefault(key, {})
            for word, meaning in value.items():
                if word in merged and merged[word] != meaning:
                    raise LexiconError(f"{origin[key, word]} and {path}: `{key}` gives {word!r} two values "
                                       f"({merged[word]!r} and {meaning!r})")
                merged[word] = meaning
                origin[key, word] = path
    concepts = {key: (frozenset(words.get(key, ())) if concept.kind == WORDS
                      else MappingProxyType(dict(mappings.get(key, {}))))
                for key, concept in CONCEPTS.items()}
    return Lexicon(MappingProxyType(concepts), tuple(path for path, _ in parts), language)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML where `no`, `on`, `yes`, `off` are words (they are, in these lists), not booleans,
    and a key given twice in one mapping is an error instead of silently the last one."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        mapping = _Mapping(super().construct_mapping(node, deep=deep))
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen and not mapping.twice:
                mapping.twice = (key, key_node.start_mark.line + 1)
            seen.add(key)
        return mapping


class _Mapping(dict):
    """A YAML mapping that remembers the first key it was given twice, and on which line."""

    twice: tuple | None = None


def _construct_map(loader: _Loader, node):
    data = _Mapping()
    yield data
    value = loader.construct_mapping(node)
    data.update(value)
    data.twice = value.twice


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _read_file(path: Path) -> tuple[str | None, dict]:
    """(language code or None, {concept: validated value}) of one file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {' '.join(str(exc).split())}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: a lexicon file is a mapping of concept keys to words")
    if getattr(data, "twice", None):
        raise LexiconError(f"{path}: `{data.twice[0]}` is given twice (line {data.twice[1]})")
    language = data.pop("language", None)
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        raise LexiconError(f"{path}: `language` must be a language code such as en or de, not {language!r}")
    values = {}
    for key, value in data.items():
        concept = CONCEPTS.get(key) if isinstance(key, str) else None
        if concept is None:
            close = difflib.get_close_matches(str(key), [*CONCEPTS, "language"], n=1, cutoff=0.75)
            hint = f"; did you mean `{close[0]}`?" if close else " (the keys are CONCEPTS in ingest/lexicon.py)"
            raise LexiconError(f"{path}: `{key}` is not a lexicon concept{hint}")
        values[key] = _validate(path, key, concept, value)
    return language, values


def _validate(path: Path, key: str, concept: Concept, value: object):
    where = f"{path}: `{key}`"
    if value is None:
        return [] if concept.kind == WORDS else {}
    if concept.kind == WORDS:
        if not isinstance(value, list):
            raise LexiconError(f"{where} must be {_KIND_NAMES[WORDS]}, not {type(value).__name__}")
        seen = set()
        for word in value:
            _check_word(where, word)
            if word in seen:
                raise LexiconError(f"{where}: {word!r} is listed twice")
            seen.add(word)
        return value
    if not isinstance(value, dict):
        raise LexiconError(f"{where} must be {_KIND_NAMES[concept.kind]}, not {type(value).__name__}")
    if getattr(value, "twice", None):
        raise LexiconError(f"{where}: {value.twice[0]!r} is given twice (line {value.twice[1]})")
    for word, meaning in value.items():
        _check_word(where, word)
        if concept.kind == NUMBERS:
            low, high = concept.values
            if not isinstance(meaning, int) or isinstance(meaning, bool) or not low <= meaning <= high:
                raise LexiconError(f"{where}: {word!r} must map to a whole number from {low} to {high}, not {meaning!r}")
        elif concept.kind == CHOICE:
            if meaning not in concept.values:
                raise LexiconError(f"{where}: {word!r} must map to one of {', '.join(concept.values)}, not {meaning!r}")
        elif not isinstance(meaning, str) or not meaning.strip():
            raise LexiconError(f"{where}: {word!r} must map to a name, not {meaning!r}")
    return value


def _check_word(where: str, word: object) -> None:
    if not isinstance(word, str) or not word.strip():
        raise LexiconError(f"{where}: {word!r} is not a word")
    if word != word.lower() or word != word.strip() or "  " in word:
        raise LexiconError(f"{where}: {word!r} must be written in lower case, single-spaced")


# ---------------------------------------------------------------- regex building blocks

def alternatives(words: Iterable[str]) -> str:
    """The words (escaped) as regex alternatives, longest first, so that where no boundary
    follows, "has been" is tried before "has". Ties in alphabetical order."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words: (?:has been|has|...)."""
    return "(?:%s)" % alternatives(words)


def word_alternation(words: dict[str, bool]) -> str:
    """A regex matching any of the words (those mapped to True may take a dot), longest first
    ("June" before "Jun"). Written as a trie (j(?:an(?:uary)?|u...)) so the regex engine
    tries a few letters at each position instead of every word."""
    trie: dict = {}
    for word, dot in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = dot  # the word ends here

    def branch(node: dict) -> str:
        longer = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if "" not in node:
            return longer[0] if len(longer) == 1 else "(?:%s)" % "|".join(longer)
        ending = [r"\."] if node[""] else []
        return "(?:%s)?" % "|".join(longer + ending) if longer or ending else ""

    return "(?:%s)" % branch(trie)


# ---------------------------------------------------------------- the patterns

_B = r"(?<![\w-])"  # left word boundary that also refuses a hyphen ("Kim Jong-un" is no date)
_E = r"(?![\w-])"


def _any(words: Iterable[str]) -> str:
    """The words as a regex group, or a group that never matches when there are none (a lexicon
    without Korean words has no counter units: an empty group would match everywhere)."""
    words = list(words)
    return alternation(words) if words else r"(?!)"


class Patterns:
    """Every regex built from a lexicon's words, compiled once per lexicon. The modules that use
    them take them as module-level names (dates.MONTH, quotes.VERB, ...)."""

    def __init__(self, lexicon: Lexicon):
        # ---- dates (ingest/dates.py): a month word of four letters or fewer may take a dot ("Dec.", "Sept.")
        self.month = word_alternation({name: len(name) <= 4 for name in lexicon.months})
        self.weekday = word_alternation({name: False for name in lexicon.weekdays})
        ordinal = alternation(lexicon.ordinal_suffixes)  # "19th"
        of = rf"(?:{alternation(lexicon.day_month_connectors)}\s+)?"  # "19th of June"
        self.day_range_end = rf"(?:\s*[-–]\s*\d{{1,2}}{ordinal}?)?"  # the "-19" of "June 18-19"
        month, day_range_end = self.month, self.day_range_end
        # An era's year with the common-era year in brackets, before the year: "Juche 113 (2024)",
        # "주체113(2024)년". The group `era` tells the closing bracket to look for.
        era = rf"(?:(?P<era>{_any(lexicon.era_names)})\s*\d{{1,3}}\s*\(\s*)?"
        era_close = r"(?(era)\s*\))"
        # Units written after the numbers ("2024년 6월 19일"); what may follow them: a particle glued
        # on ("18일부터"), never a word that makes the number a length of time ("3일 동안").
        unit = {kind: _any(w for w, v in lexicon.counter_units.items() if v == kind) for kind in ("year", "month", "day")}
        self.glued_end = rf"(?=(?:{_any(lexicon.particles)})?(?![\w-]))"
        glued_end = self.glued_end
        counted_end = glued_end + rf"(?!\s*(?:{_any(lexicon.duration_words)})(?![\w-]))"
        # Order matters: the most specific shapes come first.
        self.full_dates: tuple[tuple[str, re.Pattern], ...] = (
            ("iso", re.compile(_B + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _E)),
            # 2024.11.09 / 2024/11/09 / 2024. 10. 21. (year first, as Korean sites write it)
            ("ymd", re.compile(_B + r"(?P<y>\d{4})(?:[./]|\.\s)(?P<m>\d{1,2})(?:[./]|\.\s)(?P<d>\d{1,2})\.?"
                                    r"(?![\w-])")),
            # 2024년 11월 9일, 주체113(2024)년 6월 19일: numbers with their units
            ("counted", re.compile(rf"{era}(?P<y>\d{{4}}){era_close}\s*{unit['year']}\s*(?P<m>\d{{1,2}})\s*"
                                   rf"{unit['month']}\s*(?P<d>\d{{1,2}})\s*{unit['day']}" + glued_end)),
            # a range is dated by its first day: "June 18-19, 2024", "18–19 June 2024"
            ("mdy", re.compile(_B + rf"(?P<mon>{month})\s+(?P<d>\d{{1,2}}){ordinal}?{day_range_end},?\s+"
                                    rf"{era}(?P<y>\d{{4}}){era_close}" + _E, re.I)),
            ("dmy", re.compile(_B + rf"(?P<d>\d{{1,2}})(?:{ordinal}|\.)?{day_range_end}\s+{of}(?P<mon>{month})"
                                    rf"\.?,?\s+{era}(?P<y>\d{{4}}){era_close}" + _E, re.I)),
            ("dotted", re.compile(_B + r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _E)),
            ("slashed", re.compile(_B + r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})" + _E)),
        )

        # ---- sentences (ingest/text.py): a dot after these does not end a sentence
        self.abbreviations = lexicon.abbreviations | lexicon.title_abbreviations | set(lexicon.month_abbreviations)
        self.month_after = re.compile(rf"\s+{month}\b", re.I)  # German ordinal date: "am 24. Oktober"

        # ---- the timeline (ingest/timeline.py): dates without a year, relative dates
        # A month name standing alone ("in June", "19 June") is written out and longer than three
        # letters ("May" alone is too often the verb; "Mai" is kept alike). A short name in another
        # script than Latin is no such everyday word ("в мае").
        self.full_month = word_alternation({name: False for name in lexicon.month_names
                                            if len(name) > 3 or not name.isascii()})
        full_month, weekday = self.full_month, self.weekday
        # the end of what stands before a month expression: a future cue and at most three words
        # ("планируется открыть |в июле", "is scheduled to begin |in July")
        self.future_cue_before = re.compile(
            rf"(?<![\w-])(?:{alternation(lexicon.future_cues)})(?:\s+[^\W\d_][\w-]*){{0,3}}\s+$"
            if lexicon.future_cues else r"(?!)", re.I)
        # a future cue anywhere in the clause before a weekday, the last one: "said the delegation
        # would hold talks with X, chairman of Y, at the hall |on Thursday"
        self.future_cue_in_clause = re.compile(
            rf"(?<![\w-])(?:{alternation(lexicon.future_cues)})(?![\w-])(?!.*(?<![\w-])(?:{alternation(lexicon.future_cues)})(?![\w-]))"
            if lexicon.future_cues else r"(?!)", re.I | re.S)
        year = r"(?:1[89]\d\d|20\d\d)"
        conjunction = alternation(lexicon.list_conjunctions)
        month_prefixes = alternation(lexicon.month_prefixes)
        relative_year = _any(lexicon.relative_year_modifiers)  # "прошлого года", "작년"
        relative_month = _any(lexicon.relative_months)
        counted_day = rf"(?P<d>\d{{1,2}})\s*{unit['day']}"
        counted_month = rf"(?P<m>\d{{1,2}})\s*{unit['month']}"
        # "2024 г." (a word of one or two letters may take a dot); an empty lexicon matches nothing
        year_word = (word_alternation({w: len(w) <= 2 for w in lexicon.year_words}) if lexicon.year_words
                     else r"(?!)")
        digit_start = r"(?<![\w.,-])"  # a number of its own: not "1,000일", "제1일", "1.5월"
        # (kind, pattern) in priority order; an expression overlapping an earlier match is skipped.
        self.timeline: tuple[tuple[str, re.Pattern], ...] = (
            *self.full_dates,  # day, month and year: the same finder the header dates use
            # counted dates without the full set of numbers: "2024년 6월", "작년 6월", "지난 6월 20일",
            # "지난달 31일", "6월 17일", "10.21.(월)", "6월", "18일", "2024년", "주체114(2025)"
            ("counted_ym", re.compile(digit_start + rf"{era}(?P<y>\d{{4}}){era_close}\s*{unit['year']}\s*"
                                      + counted_month + counted_end)),
            ("counted_rel_month", re.compile(
                rf"(?<![\w-])(?:(?P<rel>{relative_year})|(?P<pre>{month_prefixes}))\s*{counted_month}"
                rf"(?:\s*{counted_day})?" + counted_end, re.I)),
            ("counted_rel_day", re.compile(rf"(?<![\w-])(?:(?P<relm>{relative_month})|(?P<pre>{month_prefixes}))\s*"
                                           + counted_day + counted_end, re.I)),
            ("counted_md", re.compile(digit_start + counted_month + r"\s*" + counted_day + counted_end)),
            ("compact_md", re.compile(digit_start + r"(?P<m>\d{1,2})\.(?P<d>\d{1,2})\.?\s*"
                                      rf"\((?P<wd>{_any(lexicon.weekday_abbreviations)})\)", re.I)),
            ("counted_y", re.compile(digit_start + rf"{era}(?P<y>{year}){era_close}\s*{unit['year']}" + counted_end)),
            ("era_year", re.compile(rf"(?<![\w-])(?P<era>{_any(lexicon.era_names)})\s*\d{{1,3}}\s*\(\s*(?P<y>{year})"
                                    r"\s*\)", re.I)),
            ("counted_m", re.compile(digit_start + counted_month + counted_end)),
            ("counted_d", re.compile(digit_start + counted_day + counted_end)),
            # a day and month, or a month, and the year relative to the article's: "4 декабря
            # прошлого года", "в июне прошлого года", "im August vergangenen Jahres"
            ("dm_rel", re.compile(_B + rf"(?P<d>\d{{1,2}})\.?\s+(?P<mon>{full_month})\s+(?P<rel>{relative_year})" + _E,
                                  re.I)),
            ("month_rel", re.compile(rf"(?<![\w-])(?:(?P<pre>{month_prefixes})\s+)?(?P<mon>{full_month})\s+"
                                     rf"(?P<rel>{relative_year})" + _E, re.I)),
            ("md", re.compile(_B + rf"(?P<mon>{month})\s+(?P<d>\d{{1,2}}){ordinal}?{day_range_end}"
                              + r"(?![\w-]|,?\s*\d)", re.I)),
            ("dm", re.compile(_B + rf"(?P<d>\d{{1,2}})(?:{ordinal}|\.)?{day_range_end}\s+{of}"
                              rf"(?P<mon>{full_month})" + r"(?![\w-]|,?\s*\d)", re.I)),
            ("my", re.compile(_B + rf"(?P<mon>{full_month}|{month})\.?,?\s+(?P<y>{year})" + _E, re.I)),
            ("month", re.compile(
                rf"(?<![\w-])(?P<pre>{month_prefixes}(?:\s+(?:-\s*)?|-))(?P<mon>{full_month})"
                + r"(?![\w-]|\s+\d)", re.I)),
            # a year with a word that makes it one: "в 2000 году", "к концу 2026 года"
            ("year_word", re.compile(rf"(?<![\w-])(?P<y>{year})\s+{year_word}" + _E, re.I)),
            ("year", re.compile(rf"(?<![\w-])(?P<pre>{alternation(lexicon.year_prefixes)}\s+)(?P<y>{year})" + _E,
                                re.I)),
            # the later years of a list whose first year was taken: "in 2000, 2019 and 2024"
            ("year_more", re.compile(rf"(?<=\d\d\d\d)(?:,\s*(?=(?:{year},\s*)*{year},?\s+{conjunction}\s+{year}"
                                     rf"(?![\w-]))|,?\s+{conjunction}\s+)(?P<y>{year})" + _E, re.I)),
            ("ago", re.compile(rf"(?<![\w-])(?P<n>\d{{1,2}}|{alternation(lexicon.number_words)})\s+"
                               rf"(?P<unit>{alternation(lexicon.time_units)})\s+{alternation(lexicon.ago_words)}" + _E,
                               re.I)),
            ("weekday", re.compile(
                rf"(?<![\w-])(?:(?P<mod>{alternation(lexicon.weekday_modifiers)})\s+)?(?P<wd>{weekday})" + glued_end,
                re.I)),
            ("day_word", re.compile(rf"(?<![\w-])(?P<w>{alternation(lexicon.relative_days)})" + glued_end, re.I)),
            ("period", re.compile(
                rf"(?<![\w-])(?P<w>{alternation([*lexicon.relative_years, *lexicon.relative_months])})" + glued_end,
                re.I)),
            ("story_day", re.compile(rf"(?<![\w-])(?P<w>{_any(lexicon.story_day_words)})" + glued_end, re.I)),
        )

        # ---- roles (ingest/roles.py): titles stated next to a person's name
        self.title_head_words = lexicon.title_heads | lexicon.relation_heads  # forms of address ("Mr") are no titles
        heads = alternation(self.title_head_words)
        modifiers = alternation(lexicon.title_modifiers)
        connector = alternation(lexicon.title_connectors)
        articles = alternation(lexicon.definite_articles | lexicon.indefinite_articles)
        cap = r"(?:[A-ZÀ-Þ][\w.'’-]*|U\.S\.|U\.N\.)"  # a capitalized word of a title
        # A title right before the name: capitalized words and a head noun, optionally "of/to X".
        self.title_before = re.compile(
            rf"(?P<title>(?:(?:{cap}|{modifiers})\s+){{0,5}}"
            rf"(?<![\w.'’-])(?i:{heads})(?:\s+{connector}(?:\s+{connector})?(?:\s+{cap}){{1,4}})?)\s*,?\s*$")
        # A title after the name: ", chairman of the ..." / ", the powerful sister of ..." up to , . ; or a verb.
        self.title_after = re.compile(
            rf"^\s*,\s*(?P<title>(?:{articles}\s+)?(?:[\w.'’-]+\s+){{0,4}}?(?i:{heads})\b[^,.;:()\"“”]{{0,90}}?)"
            rf"\s*(?=,|\.(?:\s|$)|;|\s+{alternation(lexicon.title_end_words)}\b|$)")
        self.leading_article = re.compile(rf"^{articles}\s+", re.I)  # "the chairman of ..." -> "chairman of ..."
        # "North Korea's Foreign Minister": the title is "Foreign Minister", the owner a place
        self.title_owner = re.compile(rf"^(?:{articles}\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,3}})[’']s\s+"
                                      rf"(?P<rest>.+)$")

        # ---- names the registry does not know (ingest/names.py)
        self.name_word = r"[A-ZÀ-ÞĀ-Ž][a-zà-ÿā-ž'’]+(?:-[A-Za-zà-ÿ][a-zà-ÿ]+)?"  # "Choe", "Son-hui"
        name_word, name_connector = self.name_word, alternation(lexicon.name_connectors)
        attribution, fillers = alternation(lexicon.attribution_verbs), alternation(lexicon.speech_verb_fillers)
        self.attribution_after = re.compile(rf"^\s*,?\s*(?:{fillers}\s+)?{attribution}\b", re.I)  # "X Y also said"
        self.attribution_before = re.compile(  # ", said X Y" / "according to X Y"
            rf"{alternation(lexicon.attribution_verbs | lexicon.according_to)}\s*$", re.I)
        self.appositive = re.compile(rf"^\s*,\s*{articles}?\s*(?P<words>[^,;.]{{1,60}})", re.I)  # ", a senior researcher"
        self.part_of_longer_name = re.compile(rf"[A-ZÀ-Þ][\w'’-]*\s+{name_connector}\s+$")  # "Institute of " before it
        self.organization_run = re.compile(
            rf"(?<![\w-])(?:{name_word}|[A-Z]{{2,}})(?:\s+(?:{name_connector}|{name_word}|[A-Z]{{2,}})){{1,7}}(?![\w-])")

        # ---- quotes and speakers (ingest/quotes.py)
        self.speech_verbs = alternatives(lexicon.speech_verbs)  # said|says|... (without a group)
        verbs = alternation(lexicon.speech_verbs)
        self.speech_verb = re.compile(rf"(?<![\w-]){verbs}(?![\w-])", re.I)
        self.pronoun = re.compile(rf"^{alternation(lexicon.pronouns)}$", re.I)
        passive = alternation(lexicon.passive_auxiliaries)
        # after the quote: '"...," Kim was quoted as saying' / 'KCNA quoted Kim as saying' (English constructions)
        self.quoted_as = re.compile(r"^,?\s*(?P<by>[^\"“”„.;]{0,80}?)\bquoted\s+(?P<spk>[^\"“”„.;,]{1,60}?)\s+as\s+saying",
                                    re.I)
        self.was_quoted = re.compile(rf"^,?\s*(?P<spk>[^\"“”„.;,]{{1,80}}?)\s+{passive}\s+quoted\b", re.I)
        # '," Putin said', '», — сказал Лавров' (Russian copy sets a dash after the comma)
        self.speaker_verb = re.compile(rf"^,?\s*(?:[—–-]\s*)?(?P<spk>[^\"“”„«».;,—–]{{1,80}}?)\s+(?:{fillers}\s+)?{verbs}"
                                       r"(?![\w-])", re.I)
        # '," Yoon Ji-hoon, a professor of Russian studies at ..., said': a name, its appositive, the verb
        self.speaker_appositive_verb = re.compile(
            rf"^,?\s*(?P<spk>[^\"“”„«».;,—–()]{{1,60}}?),\s+[^\"“”„«»;—–\n]{{1,160}}?,\s+(?:{fillers}\s+)?{verbs}"
            r"(?![\w-])", re.I)
        # ... and '», — сказал «Ъ» пресс-секретарь президента Дмитрий Песков': the outlet told, in « »
        self.verb_speaker = re.compile(rf"^,?\s*(?:[—–-]\s*)?{verbs}\s+(?:«[^»\n]{{1,40}}»\s+)?"
                                       rf"(?P<spk>[^\"“”„«».;,(—–]{{1,80}})", re.I)
        # a Russian quotation split by its attribution: '«...,— считает X. — ...»'
        self.inner_attribution = re.compile(rf"[,!?…]\s*[—–]\s*{verbs}\s+(?:«[^»\n]{{1,40}}»\s+)?"
                                            rf"(?P<spk>[^—–«»\"“”]{{1,200}}?)[.,]\s*[—–]\s+", re.I)
        # German: '„...“, so Schoigu.' (no verb), '„...“, wurde Kim (von KCNA) zitiert', and before a
        # quotation 'KCNA zitierte Kim mit den Worten, ...'
        self.particle_speaker = re.compile(
            rf"^,\s*{_any(lexicon.speaker_particles)}\s+(?P<spk>[^\"“”„«».;,:()—–]{{1,60}}?)\s*(?=[.;]|$)", re.I)
        quoting = _any(lexicon.quoting_verbs)
        self.passive_quoted = re.compile(
            rf"^,?\s*{passive}\s+(?P<spk>[^\"“”„«».;,]{{1,60}}?)\s+(?:von\s+[^\"“”„«».;,]{{1,60}}?\s+)?{quoting}(?![\w-])",
            re.I)
        self.quoting_before = re.compile(
            rf"(?<![\w-]){quoting}\s+(?P<spk>[^\"“”„«».;,]{{1,60}}?)\s+{_any(lexicon.quoting_complements)}(?![\w-])", re.I)
        plain = {phrase for phrase in lexicon.according_to if "{src}" not in phrase}
        self.according_to = re.compile(rf"\b{alternation(plain)} (?P<src>[^,.;\"“”„]{{1,80}})", re.I)
        # 'по его словам': the source inside the phrase, a pronoun or a word
        self.according_to_inner = tuple(
            re.compile(r"(?i)(?<![\w-])" + re.escape(phrase).replace(re.escape("{src}"), r"(?P<src>[\w-]{1,20})")
                       + r"(?![\w-])") for phrase in sorted(lexicon.according_to) if "{src}" in phrase)
        self.bio_words = re.compile(rf"(?i)\b(?:{alternation(lexicon.bio_words)})\b" if lexicon.bio_words else r"(?!)")
        self.closing_anywhere = re.compile(rf"(?i)(?<![\w-])(?:{alternation(lexicon.closing_phrases)})(?![\w-])"
                                           if lexicon.closing_phrases else r"(?!)")
        self.page_tail_phrase = re.compile(rf"(?i)(?<![\w-])(?:{alternation(lexicon.page_tail_phrases)})(?![\w-])"
                                           if lexicon.page_tail_phrases else r"(?!)")
        # an outlet speaking of itself in its own copy: 'Daily NK could not independently verify the figures'
        self.self_reference = re.compile(
            rf"(?P<name>(?:[A-Z][\w.&'-]*\s){{0,3}}[A-Z][\w.&'-]*)\s+(?i:{alternation(lexicon.self_reference_verbs)})\b"
            if lexicon.self_reference_verbs else r"(?!)")
        self.clause_opener = re.compile(rf"^\s*{alternation(lexicon.clause_openers)}\b", re.I)
        self.clause_word = re.compile(rf"\b{alternation(lexicon.clause_words)}\b", re.I)
        # a subordinate clause's opener ('days after leaders Kim Jong Un and Putin signed'): ingest/surnames.py
        self.subordinator = re.compile(rf"\b{alternation(lexicon.subordinators)}\b" if lexicon.subordinators
                                       else r"(?!)", re.I)
        # 'the tour operator Vostok Intur': a kind of organization right before a name (ingest/names.py)
        self.organization_noun_before = re.compile(
            rf"(?i:\b{alternation(lexicon.definite_articles | lexicon.indefinite_articles)}\s+(?:[\w-]+\s+){{0,2}}"
            rf"{alternation(lexicon.organization_nouns)})\s+$" if lexicon.organization_nouns else r"(?!)")
        self.complementizers = tuple(f" {word} " for word in sorted(lexicon.complementizers))  # "said that ..."
        # A speaker's label opening a transcript paragraph; the speaker is the person named at its end
        self.turn_label = re.compile(rf"(?P<label>[^\n:\"“”„«»()]{{1,120}}?)(?:\s*\({alternation(lexicon.translation_notes)}"
                                     rf"\))?:[ \t]+(?=\S)", re.I)
        self.interviewer = re.compile(rf"(?i)^{alternation(lexicon.interviewer_labels)}$")
        # '[녹취] 세르게이 라브로프/러시아 외무장관 : "..."': the speaker is the name before the slash
        self.sound_bite = re.compile(rf"\[\s*{alternation(lexicon.sound_bite_labels)}\s*\]\s*"
                                     rf"(?P<name>[^/\n:\[\]]{{1,40}}?)\s*/[^:\n]{{1,60}}:\s*$") \
            if lexicon.sound_bite_labels else None
        self.document = re.compile(rf"(?i)^{alternation(lexicon.definite_articles | lexicon.document_determiners)}\s+"
                                   rf"(?:\w+\s+)?{alternation(lexicon.document_words)}$")
        # words between a subject and its verb: "She also declared", "Kim has repeatedly said"
        self.trailing_filler = re.compile(rf"(?:\s+{alternation(lexicon.speech_verb_fillers)})+\s*$", re.I)
        self.sending_verb = re.compile(rf"\b{alternation(lexicon.sending_verbs)}\b")

        # Every date expression holds a trigger word of its class (a month name, a weekday, ...)
        # or a token with a digit: a pattern runs only on windows around its class's triggers.
        self.date_triggers: Mapping[str, str] = MappingProxyType({
            **{word: "month" for word in lexicon.months},
            **{word: "weekday" for word in lexicon.weekdays},
            **{word: "day_word" for word in lexicon.relative_days},
            **{phrase.split()[-1]: "period" for phrase in [*lexicon.relative_years, *lexicon.relative_months]},
            **{word: "ago" for word in lexicon.ago_words},
            **{phrase.split()[-1]: "story_day" for phrase in lexicon.story_day_words},
            **{word: "counted" for word in lexicon.weekday_abbreviations},  # the "(월)" of "10.21.(월)"
            **{word: "era" for word in lexicon.era_names},
        })
        # words that also open a second class: "году" is a relative year's ("в прошлом году") and a
        # year's ("в 2000 году"). Numbers written with a unit ("18일") open the class "counted".
        also: dict[str, tuple[str, ...]] = {word: ("year_word",) for word in lexicon.year_words}
        for phrase in lexicon.relative_year_modifiers:  # "в июне прошлого года", "im August vergangenen Jahres"
            last = phrase.split()[-1]
            also[last] = (*also.get(last, ()), "relative_year")
        self.date_triggers_also: Mapping[str, tuple[str, ...]] = MappingProxyType(also)
        # Words glued to what follows (Korean: 지난달에는) are found by their opening letters.
        self.date_trigger_prefix = max((len(word) for word in self.date_triggers if not word.isascii()), default=0)


LEXICON = load_lexicon()
