"""What one word of a search also finds in Russian and Korean text. Pure, cached.

The full-text index (`articles_fts`, porter) stems English words only; every other word is
indexed as written, lower case. A search word is therefore widened here, at query time, so the
index and the data model stay as they are and English searches are unchanged:

* a Russian word finds its other case and number forms: `лавров` also finds Лаврова, Лаврову,
  Лавровым; `договор` finds договора, договоре, договоры. The forms come from the pymorphy3
  dictionary (the paradigms of the word's likely readings, one part of speech each, so a verb
  brings its tenses but not its participles) and, for a capitalized word, from the declension
  rules ingest.morph applies to registry names (Ына -> Ын, Ыну, Ыном), which also know names
  the dictionary lacks. Every form with ё also comes with е: texts write both.
* a Korean or Chinese-character word finds the tokens it begins (`김정은` finds 김정은은,
  김정은이, 김정은과: Korean glues particles onto a noun) and a particle typed with it is left
  out first (`최선희는` searches 최선희). A word inside a compound (北최선희, 북러조약) is found by
  the trigram index of the articles in those languages (ingest.schema.TRIGRAM_FTS).
"""

from __future__ import annotations

import functools
import re

from .. import morph

MAX_FORMS = 24  # forms of one Russian word searched (a noun has 12, an adjective ~28)
_KANA = re.compile(r"[\u3040-\u30ff]")


def word_script(word: str) -> str:
    """'cyrillic', 'cjk' (Hangul, Chinese characters, kana) or 'latin' (anything else) by the
    first letter of the word."""
    script = morph.script_of(word)
    if script in ("hangul", "han") or (script == "latin" and _KANA.match(next((c for c in word if c.isalpha()), ""))):
        return "cjk"
    return script or "latin"


@functools.lru_cache(maxsize=8192)
def russian_word_forms(word: str) -> tuple[str, ...]:
    """Lower-case forms of a Cyrillic word a search for it finds, the word itself first, at most
    MAX_FORMS. An acronym (КНДР, МИД) or a word of one or two letters is searched as written."""
    low = word.lower()
    forms: dict[str, None] = {low: None}
    letters = [ch for ch in word if ch.isalpha()]
    if len(low) >= 3 and not (len(letters) >= 2 and all(ch.isupper() for ch in letters)):
        parses = morph._analyzer().parse(low)
        best = parses[0].score if parses else 0
        readings: set[tuple[str, str]] = set()
        for parse in parses:
            reading = (parse.normal_form, str(parse.tag.POS))
            if parse.score < best * 0.3 or reading in readings:
                continue
            if not parse.is_known and word[:1].isupper():
                continue  # a guessed paradigm for a foreign name: the rules below know better
            readings.add(reading)
            for form in parse.lexeme:
                if form.tag.POS == parse.tag.POS:
                    forms.setdefault(form.word, None)
            if len(readings) == 3:
                break
        if word[:1].isupper():
            lemma = morph.russian_lemma(word)
            for gender in ("male", "female"):
                for form in sorted(morph.russian_forms(lemma, "person", gender)):
                    forms.setdefault(form.lower(), None)
    out: dict[str, None] = {}
    for form in forms:
        out.setdefault(form, None)
        if "ё" in form:
            out.setdefault(form.replace("ё", "е"), None)
    return tuple(out)[:MAX_FORMS]


@functools.lru_cache(maxsize=8192)
def korean_search_stem(word: str) -> str:
    """A Hangul or Chinese-character word less a particle typed on it (최선희는 -> 최선희, 北은 ->
    北, 러시아와의 -> 러시아), by the particle rules of ingest.morph; the word itself when no
    particle ends it, or when what is left would be one syllable (북은 stays: 북 alone begins too
    many words) or a three-syllable Korean name (김정은 is not 김정 + 은)."""
    lengths = morph.korean_name_lengths(word)
    if not lengths or lengths[0] >= len(word):
        return word
    stem = word[:lengths[0]]
    if len(stem) < 2 and not morph._is_han(stem[:1]):
        return word
    return stem
