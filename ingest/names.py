"""Text + registry mentions -> people and organizations the registry does not know. Pure.

Precision matters more than recall: a capitalized name becomes a person only with evidence
(a title before it, an attribution verb next to it, an appositive such as ", a senior
researcher", or the shape of a Korean or Russian name), and never when a word of it is a
month, a weekday, a place word (Square, River, Palace...), an organization word or a
registry place. Unknown organizations need an organization head word (Ministry, Institute...)
and at least one specific word. Later bare surnames of a new person resolve to it.
"""

from __future__ import annotations

import re

from .lexicon import LEXICON
from .models import Mention
from .registry import Registry, slugify

# The words live in ingest/lexicon/*.yml, the patterns built from them in lexicon.Patterns.
_P = LEXICON.patterns
NAME_WORD = _P.name_word
NAME_RUN = re.compile(rf"(?<![\w-]){NAME_WORD}(?: {NAME_WORD}){{1,9}}(?![\w-])")
TITLE_MODIFIERS = LEXICON.title_modifiers  # "First Vice Foreign Minister": words of a title before its head
# Title heads and forms of address ("Mr", "Herr", "Comrade"): evidence that a name follows
TITLE_HEADS = LEXICON.title_heads | set(LEXICON.honorifics)
ATTRIBUTION = _P.attribution_after  # "Kim Yong Chol said"
ATTRIBUTION_BEFORE = _P.attribution_before  # "said Kim Yong Chol", "according to Kim Yong Chol"
APPOSITIVE = _P.appositive  # "Kim Yong Chol, a senior researcher"
PART_OF_LONGER_NAME = _P.part_of_longer_name  # "Institute for " before a name run
KOREAN_SURNAMES = LEXICON.korean_surnames
RUSSIAN_GIVEN = LEXICON.russian_given_names
# Words that are never part of a name: time, places, organizations, nationalities, function words
NON_NAME_WORDS = frozenset().union(
    LEXICON.months, LEXICON.weekdays, LEXICON.place_words, LEXICON.organization_words, LEXICON.direction_words,
    LEXICON.nationality_words, (w for w in LEXICON.demonyms if " " not in w), LEXICON.sentence_openers,
    LEXICON.definite_articles, LEXICON.indefinite_articles, LEXICON.honorifics, LEXICON.never_name_words)
# ... nor is a title word part of a person's name
REJECT_WORDS = NON_NAME_WORDS | LEXICON.title_heads | LEXICON.title_modifiers
# A new organization's name opens with none of them nor with a person's title ("Foreign Minister
# X and the State Affairs Commission"), but may with some nationality words ("Korean Central ...")
ORG_REJECT_FIRST = (NON_NAME_WORDS | LEXICON.organization_non_openers) - LEXICON.organization_opening_nationalities
ORG_HEADS = LEXICON.organization_heads
# Words that do not make an organization's name specific: "the Foreign Ministry" alone is no new one
ORG_GENERIC = LEXICON.organization_generic_words | LEXICON.name_connectors | ORG_HEADS
ORG_RUN = _P.organization_run
_NAME_CONNECTORS = LEXICON.name_connectors
_LEADING_SMALL_WORDS = LEXICON.name_connectors | LEXICON.definite_articles


class Covered:
    """Character spans already claimed by a mention; constant-time checks on long texts."""

    def __init__(self, length: int, spans=()):
        self.flags = bytearray(length + 1)
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.flags[start:end]


def find_new_names(text: str, known: list[Mention], registry: Registry) -> tuple[list[Mention], dict[str, str]]:
    """Mentions of people and organizations not in the registry, and their names by key.
    A new organization may contain registry place mentions; callers drop those (see merge_mentions)."""
    covered = Covered(len(text), [(m.char_start, m.char_end) for m in known])
    registry_words = registry.single_word_place_names
    found: list[Mention] = []
    names: dict[str, str] = {}
    for mention in _new_organizations(text, known):
        names[mention.entity_key] = mention.surface
        found.append(mention)
        covered.append((mention.char_start, mention.char_end))
    for match in NAME_RUN.finditer(text):
        start, end, name = _trim_titles(match.start(), match.group(), covered)
        if not name or _overlaps(start, end, covered) or PART_OF_LONGER_NAME.search(text[max(0, start - 40):start]):
            continue
        words = name.split()
        if not 2 <= len(words) <= 4 or any(w.lower().strip("'’") in REJECT_WORDS or w.lower() in registry_words for w in words):
            continue
        evidence = _person_evidence(text, start, end, words)
        if not evidence:
            continue
        key = f"person:{slugify(name)}"
        names[key] = name
        found.append(Mention("person", key, start, end, name, "unreviewed"))
        covered.append((start, end))
    found.sort(key=lambda m: m.char_start)
    return found, names


def _trim_titles(start: int, run: str, covered: list[tuple[int, int]]) -> tuple[int, int, str]:
    """'South Korea's First Vice Foreign Minister Kim Hong-kyun's' -> 'Kim Hong-kyun': titles, words
    of names already matched and a possessive ending are context, not part of the name."""
    words = run.split(" ")
    while words and (words[0].lower() in TITLE_HEADS or words[0].lower() in REJECT_WORDS
                     or words[0].lower() in TITLE_MODIFIERS or words[0].endswith(("'s", "’s"))
                     or _overlaps(start, start + len(words[0]), covered)):
        start += len(words[0]) + 1
        words = words[1:]
    for i, word in enumerate(words):
        if _overlaps(start + len(" ".join(words[:i])) + (1 if i else 0),
                     start + len(" ".join(words[:i + 1])), covered):
            words = words[:i]
            break
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    name = " ".join(words)
    return start, start + len(name), name


def _overlaps(start: int, end: int, spans) -> bool:
    if isinstance(spans, Covered):
        return spans.overlaps(start, end)
    return any(start < b and a < end for a, b in spans)


def _person_evidence(text: str, start: int, end: int, words: list[str]) -> str | None:
    before = text[max(0, start - 60):start]
    after = text[end:end + 80]
    prev_words = re.findall(r"[\w'’.-]+", before)
    if prev_words and (prev_words[-1].lower().rstrip(".") in TITLE_HEADS or prev_words[-1].lower() in TITLE_MODIFIERS) \
            and not re.search(r"[,;:]\s*$", before):
        return "title"
    if ATTRIBUTION.match(after) or ATTRIBUTION_BEFORE.search(before.rstrip(" ,")):
        return "attribution"
    appositive = APPOSITIVE.match(after)
    if appositive and any(w.lower() in TITLE_HEADS for w in appositive.group("words").split()[:5]):
        return "appositive"
    first = words[0].lower()
    if first in KOREAN_SURNAMES and 2 <= len(words) <= 3 and all(len(w) <= 10 for w in words[1:]) and \
            (len(words) == 3 or "-" in words[1]):
        return "korean-name"
    if first in RUSSIAN_GIVEN and len(words) == 2:
        return "russian-name"
    return None


def _new_organizations(text: str, known: list[Mention]) -> list[Mention]:
    """Capitalized names with an organization head word and a specific word; they may contain a
    registry place ("Korea Institute for National Unification"), which they then replace."""
    found = []
    blocking = Covered(len(text), [(m.char_start, m.char_end) for m in known if m.entity_type != "place"])
    for match in ORG_RUN.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in _LEADING_SMALL_WORDS:
            words = words[1:]
        while words and words[-1].lower() in _NAME_CONNECTORS:
            words = words[:-1]
        lowered = [w.lower() for w in words]
        if len(words) < 2 or not any(w in ORG_HEADS for w in lowered) or lowered[0] in ORG_REJECT_FIRST:
            continue
        if all(w in ORG_GENERIC or w in ORG_HEADS for w in lowered):
            continue
        name = " ".join(words)
        start = match.start() + match.group().find(name)
        end = start + len(name)
        if text[start:end] != name or _overlaps(start, end, blocking):
            continue
        found.append(Mention("organization", f"organization:{slugify(name)}", start, end, name, "unreviewed"))
        blocking.append((start, end))
    return found


def merge_mentions(known: list[Mention], new: list[Mention]) -> list[Mention]:
    """Registry and new mentions in text order; a place inside a new organization's name is dropped."""
    orgs = [(m.char_start, m.char_end) for m in new if m.entity_type == "organization"]
    kept = [m for m in known if not any(a <= m.char_start and m.char_end <= b for a, b in orgs)]
    return sorted(kept + new, key=lambda m: m.char_start)
