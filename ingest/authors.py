"""Byline and reporting credits -> the people who wrote the article, each with the role of
author. Pure.

The byline is already a list of names (ingest.parse reads "By ...", "NAME in Seoul", "Reporter
NAME" and the like down to "Name, Name"); the credits are the article's closing lines, of which
only those that credit reporting count ("Reporting by A and B in Seoul; Additional reporting by
C", "D contributed to this report"): editors and translators are no authors. A name must look
like one: two to four capitalized words (or a Hangul or CJK name of two to four syllables),
none of them an outlet's, a staff word or a job title. Names in capitals are stored in title
case ("SOO-AH LEE" -> "Soo-ah Lee").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import LEXICON
from .models import Mention, Role
from .registry import Registry, name_key, slugify

AUTHOR_CREDITS = sorted(LEXICON.author_credits, key=len, reverse=True)
AUTHOR_CREDITS_AFTER = tuple(LEXICON.author_credits_after)
NOT_AUTHORS = tuple(LEXICON.non_author_credits)
_BYLINE_OPENER = re.compile(rf"(?i:{'|'.join(map(re.escape, sorted(LEXICON.byline_openers, key=len, reverse=True)))})\s+")
_LATIN_WORD = re.compile(r"^[A-ZÀ-ÞĀ-ŽА-ЯЁ][\w'’.-]*$")
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]{2,4}$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bи\b)\s*")
_PLACE_TAIL = re.compile(r"\s+(?:in|from)\s+[A-Z][\w .,'’-]*$")
# (a place word that is also a surname written last or first is a name's: "Hyejin Park")
_REJECT = (LEXICON.staff_words | LEXICON.journalist_roles | LEXICON.organization_words | LEXICON.title_heads
           | set(LEXICON.months) | set(LEXICON.weekdays) | LEXICON.definite_articles
           | (LEXICON.place_words - LEXICON.korean_surnames - LEXICON.chinese_surnames))


@dataclass(frozen=True)
class Author:
    mention: Mention
    role: Role
    name: str


def find_authors(byline: str, credits: str, registry: Registry) -> list[Author]:
    """The authors named in the byline (offsets with field='byline') and in the reporting
    credits (field='credits': the credit lines joined by newlines)."""
    opener = _BYLINE_OPENER.match(byline)  # "By ..." when the parser has left it on
    found = [a for a in _names_in(byline, opener.end() if opener else 0, len(byline), "byline", registry)]
    position = 0
    for line in credits.split("\n"):
        found += _credit_authors(line, position, registry)
        position += len(line) + 1
    return found


def _credit_authors(line: str, offset: int, registry: Registry) -> list[Author]:
    authors = []
    for clause_start, clause in _clauses(line):
        low = clause.lower().strip().lstrip("([").lstrip()  # "(Reporting by ...; Editing by ...)"
        if any(low.startswith(n) for n in NOT_AUTHORS):
            continue
        opener = next((c for c in AUTHOR_CREDITS if low.startswith(c)), None)
        if opener:
            start = clause_start + clause.lower().index(opener) + len(opener)
            authors += _names_in(line, start, clause_start + len(clause), "credits", registry, offset)
            continue
        closer = next((c for c in AUTHOR_CREDITS_AFTER if c in low), None)
        if closer:
            end = clause_start + clause.lower().index(closer)
            names_start = clause_start
            # "The Washington Post's Lena Markova in Riga contributed ...": the name after the outlet's possessive
            possessive = max(line.rfind("’s ", clause_start, end), line.rfind("'s ", clause_start, end))
            if possessive >= 0:
                names_start = possessive + 3
            authors += _names_in(line, names_start, end, "credits", registry, offset)
    return authors


def _clauses(line: str):
    start = 0
    for part in line.split(";"):
        yield start, part
        start += len(part) + 1


def _names_in(text: str, start: int, end: int, field: str, registry: Registry, offset: int = 0) -> list[Author]:
    """Names in text[start:end], separated by commas, semicolons or 'and'."""
    authors = []
    segment = text[start:end]
    position = start
    for piece in _SPLIT.split(segment):
        at = text.find(piece, position, end) if piece else -1
        if at < 0:
            continue
        position = at + len(piece)
        name = _PLACE_TAIL.sub("", piece).strip(" .:")
        if not name:
            continue
        name_at = text.find(name, at, end)
        author = _author(name, offset + name_at, field, registry)
        if author:
            authors.append(author)
    return authors


def _author(surface: str, start: int, field: str, registry: Registry) -> Author | None:
    words = surface.split()
    if len(words) == 1 and (_HANGUL_NAME.match(words[0]) or _CJK_NAME.match(words[0])):
        name = words[0]
    elif 2 <= len(words) <= 4 and all(_LATIN_WORD.match(w) for w in words) and not _acronym_inside(words) \
            and not any(w.lower().strip(".") in _REJECT or w.lower() in registry.outlets for w in words) \
            and surface.lower() not in registry.outlets and not any(len(w.strip(".")) == 1 for w in words[-1:]):
        name = " ".join(_title_case(w) for w in words)
    else:
        return None
    key = _registry_person(name, registry) or f"person:{slugify(name)}"
    end = start + len(surface)
    mention = Mention("person", key, start, end, surface, "byline", field)
    role = Role(key, "author", None, None, start, end, surface, field)
    return Author(mention, role, name)


def _acronym_inside(words: list[str]) -> bool:
    """'ARD-Studio Moskau': capitals run together inside a word that is not all capitals."""
    return any(re.search(r"[A-ZА-ЯЁ]{2}", w) and not w.isupper() for w in words)


def _title_case(word: str) -> str:
    if not word.isupper() or len(word) < 2:
        return word
    return word[:1] + word[1:].lower()


def _registry_person(name: str, registry: Registry) -> str | None:
    entity = registry.by_name_key.get(name_key(name))
    return entity.key if entity is not None and entity.type == "person" else None
