"""Text + known mentions -> organizations and places the registry lacks, found by the shape of
their names. Pure.

* Organizations end with a head noun (X Ministry, X Council, X Party, X Fleet, X Navy, X Agency),
  or open with one and take a complement (Ministry of Railways, Committee on International
  Affairs, State Council of the People's Republic of China). A head that needs an acronym before
  it (X News) makes a name only after one (NBC News).
* Landmarks end with a place noun (Tiananmen Square, Chitose Air Base, Kumsusan State Guest
  House, Beijing Railway Station, Great Hall of the People) or open with one (Sea of Okhotsk,
  Strait of Hormuz); a few heads count in lower case after a capitalized word (Sunan airport).
* An acronym given in brackets after a name ("the Eastern Economic Forum (EEF)") is that name
  for the rest of the text; when its letters are the initials of the capitalized words before
  it, it also makes them an organization.

A name needs a word that makes it specific: "the Foreign Ministry", "Central Station" or a
nationality alone ("Russian Navy" is specific, "the Navy" is not). A name the registry gives as
some organization's generic name ("Foreign Ministry", "Security Council") stays unlinked here:
whose it is, only its country can say (see entities._with_possessive_organizations). Names of
documents, events and operations (X Treaty, X Summit, X Day) are no organizations. A name may
contain registry places ("Korea Institute for National Unification", "Beijing Railway
Station") and, for a landmark, a person it is named after ("Kim Il Sung Square" is the
registry's; "Kim Chaek University" comes out an organization): those inner mentions give way.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from .entities import Tokens
from .lexicon import LEXICON
from .models import Mention
from .registry import Registry, name_key, slugify

ORG_HEADS = LEXICON.organization_heads
ACRONYM_HEADS = LEXICON.acronym_heads
NOT_ORG_HEADS = LEXICON.non_organization_heads
ORG_GENERIC = LEXICON.organization_generic_words
LANDMARK_HEADS = LEXICON.landmark_heads
LANDMARK_PREFIXES = LEXICON.landmark_prefixes
LOWERCASE_HEADS = LEXICON.lowercase_landmark_heads
LANDMARK_GENERIC = LEXICON.landmark_generic_words
CONNECTORS = LEXICON.name_connectors  # of, for, and, on, the
ARTICLES = LEXICON.definite_articles | LEXICON.indefinite_articles
DEMONYMS = frozenset(w for w in LEXICON.demonyms if " " not in w) | LEXICON.nationality_words
# Words that end a name's left edge: what stands before them is no part of it
STOP_LEFT = (LEXICON.sentence_openers | LEXICON.title_heads | set(LEXICON.honorifics)
             | LEXICON.title_abbreviations | set(LEXICON.months) | set(LEXICON.weekdays) | LEXICON.never_name_words
             | LEXICON.relation_heads | ARTICLES) - LEXICON.organization_opening_nationalities - LEXICON.name_opening_adjectives
# ... and words that end a complement ("Ministry of Foreign Affairs spokesperson ...")
STOP_RIGHT = LEXICON.title_heads | set(LEXICON.honorifics) | set(LEXICON.months) | set(LEXICON.weekdays)
MAX_WORDS = 14
COMPLEMENT_WITH_IN = LEXICON.organization_complement_words | {"in"}  # "Embassy in Tokyo"
# Plural nouns that stand in a name with a possessive: "People's Liberation Army", "Workers' Party"
POSSESSIVE_NAME_WORDS = LEXICON.possessive_name_words
# Heads that take "in X": "the Russian Embassy in Tokyo", "the Consulate General in Vladivostok"
HEADS_WITH_IN = LEXICON.organization_heads_with_in


def _heads_by_first(heads) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for head in heads:
        words = tuple(head.split())
        by_first.setdefault(words[-1], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    return by_first


_LANDMARK_BY_LAST = _heads_by_first(LANDMARK_HEADS)  # last word -> heads ending with it, longest first
# the words a shape is read from: a landmark's head or prefix, an organization's head
HEAD_WORDS = frozenset(LANDMARK_PREFIXES) | frozenset(_LANDMARK_BY_LAST) | ORG_HEADS
_BRACKETED_ACRONYM = re.compile(r"\([“\"]?([A-Z][A-Z0-9&]{1,7})[)”\"]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


@dataclass(frozen=True)
class Shaped:
    """A name found by its shape: its mention and what it is."""

    mention: Mention
    kind: str  # organization | landmark, airport, station, ... (the place kinds of landmark_heads)
    evidence: str  # organization | landmark | acronym | gazetteer (a region the gazetteer knows)
    place: object = None  # the gazetteer Place, for evidence 'gazetteer'


def find_shaped_names(text: str, tokens: Tokens, known: list[Mention], registry: Registry) -> list[Shaped]:
    """Organizations and landmarks the registry lacks, and later uses of acronyms defined in the
    text, in text order. Registry mentions other than places block a name, except a person
    inside a landmark's name; callers drop the inner mentions (see without_inner)."""
    spans = _Spans(tokens, known)
    generic = _registry_generic_keys(registry)
    found: list[Shaped] = []
    taken = bytearray(len(tokens) + 1)
    for i in [i for i, word in enumerate(tokens.folded) if word in HEAD_WORDS]:  # a head ends every shape
        if taken[i]:
            continue
        shaped = _landmark_at(text, tokens, i, spans) or _organization_at(text, tokens, i, spans, generic)
        if shaped:
            start, end, kind = shaped
            if any(taken[start:end + 1]) or spans.within_one(start, end):
                continue  # already read, or a registry name ("Kursk Oblast" is the registry's Kursk)
            name = _name(text, tokens, start, end)
            entity_type = "organization" if kind == "organization" else "place"
            key = f"{entity_type}:{slugify(name)}"
            if key in registry.entities:  # a shape the registry holds under another spelling
                continue
            mention = Mention(entity_type, key, tokens.starts[start], tokens.ends[end], text[tokens.starts[start]:
                              tokens.ends[end]], "shape")
            found.append(Shaped(mention, kind, "organization" if entity_type == "organization" else "landmark"))
            taken[start:end + 1] = b"\x01" * (end + 1 - start)
    found += _acronyms(text, tokens, known, found, taken)
    found.sort(key=lambda s: s.mention.char_start)
    return found


def without_inner(known: list[Mention], shaped: list[Shaped], text: str) -> list[Mention]:
    """Registry mentions that are not inside a name found by its shape; a place named in an
    organization's name after in/of/to ("Russian Embassy in Tokyo") stays, as a nested mention."""
    spans = sorted((s.mention.char_start, s.mention.char_end, s.mention.entity_type) for s in shaped)
    kept = []
    for m in known:
        outer = next((t for a, b, t in spans if a <= m.char_start and m.char_end <= b
                      and (a, b) != (m.char_start, m.char_end)), None)
        if outer is None:
            kept.append(m)
        elif outer == "organization" and m.entity_type == "place" \
                and text[max(0, m.char_start - 4):m.char_start].lower().lstrip() in PLACE_PREPOSITIONS_AFTER:
            kept.append(dataclasses.replace(m, resolution="nested"))
    return kept


PLACE_PREPOSITIONS_AFTER = frozenset(f"{w} " for w in LEXICON.place_prepositions)


def canonical_name(surface: str) -> str:
    """The name to store for a surface: one space between words, a lower-case head capitalized
    ("Sunan airport" -> "Sunan Airport"), capitals kept."""
    words = surface.split()
    return " ".join(w if w[:1].isupper() or w.lower() in CONNECTORS - {"and"} or not w[:1].isalpha()
                    else w[:1].upper() + w[1:] for w in words)


# ------------------------------------------------------------------ the shapes


class _Spans:
    """Which tokens the registry's mentions cover, and of which type."""

    def __init__(self, tokens: Tokens, known: list[Mention]):
        self.type_at: dict[int, str] = {}
        self.first_of: dict[int, int] = {}  # token -> the first token of its mention
        starts, ends = tokens.starts, tokens.ends  # ascending: a mention's tokens by bisection
        for m in known:
            a = bisect.bisect_left(starts, m.char_start)
            b = bisect.bisect_left(ends, m.char_end)
            if a >= len(starts) or starts[a] != m.char_start or b >= len(ends) or ends[b] != m.char_end:
                continue
            for k in range(a, b + 1):
                self.type_at[k] = m.entity_type
                self.first_of[k] = a

    def within_one(self, start: int, end: int) -> bool:
        """Whether tokens start..end all lie inside one known mention."""
        first = self.first_of.get(start)
        return first is not None and self.first_of.get(end) == first


def _gap(text: str, tokens: Tokens, i: int) -> str:
    """The characters between token i and token i + 1."""
    return text[tokens.ends[i]:tokens.starts[i + 1]]


def _capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _sentence_start(text: str, tokens: Tokens, i: int) -> bool:
    if i == 0:
        return True
    gap = text[tokens.ends[i - 1]:tokens.starts[i]]
    return "\n" in gap or any(ch in gap for ch in ".!?:;\"“”«»")


def _left_edge(text: str, tokens: Tokens, first: int, spans: _Spans, allow_person: bool) -> int:
    """The first token of the capitalized words that run up to token `first` (exclusive)."""
    j = first
    while j > 0 and first - j < MAX_WORDS:
        k = j - 1
        gap = _gap(text, tokens, k)
        word = tokens.texts[k]
        if word == "s" and k > 0 and _gap(text, tokens, k - 1) in ("'", "’") and gap == " " \
                and tokens.texts[k - 1][:1].isupper() and tokens.folded[k - 1] in POSSESSIVE_NAME_WORDS:
            j = k - 1  # "People's Liberation Army", "Workers' Party": the possessive is part of the name
            continue
        if gap in ("' ", "’ ") and tokens.folded[k] in POSSESSIVE_NAME_WORDS:
            j = k  # "Workers' Party"
            continue
        if gap not in (" ", "-") or not _capitalized(word) or tokens.folded[k] in STOP_LEFT:
            break
        kind = spans.type_at.get(k)
        if kind == "organization" or (kind == "person" and not allow_person):
            break
        if kind == "person":
            k = spans.first_of[k]  # the whole name the landmark is named after
        j = k
    while j < first and tokens.folded[j] in ARTICLES:
        j += 1
    return j


def _complement_end(text: str, tokens: Tokens, after: int, spans: _Spans,
                    connectors: frozenset = LEXICON.organization_complement_words) -> int | None:
    """The last token of "of/on/for [the] X Y" starting at token `after`, or None."""
    n = len(tokens)
    if after >= n or tokens.folded[after] not in connectors or _gap(text, tokens, after - 1) != " ":
        return None
    k, last = after + 1, None
    while k < n and k - after < MAX_WORDS:
        if _gap(text, tokens, k - 1) not in (" ", "’", "'", "-") and not (tokens.folded[k] == "s" and last == k - 1):
            break
        word, folded = tokens.texts[k], tokens.folded[k]
        if folded in CONNECTORS and word[:1].islower():
            if folded == "and" and not (k + 1 < n and _capitalized(tokens.texts[k + 1])
                                        and tokens.folded[k + 1] not in ARTICLES):
                break
            k += 1
            continue
        if folded == "s" and last == k - 1 and _gap(text, tokens, k - 1) in ("’", "'"):
            k += 1  # "People's"
            last = k - 1
            continue
        if not _capitalized(word) or folded in STOP_RIGHT or spans.type_at.get(k) == "person":
            break
        last = k
        k += 1
    return last


def _head_before(tokens: Tokens, i: int, by_last: dict) -> tuple[str, ...] | None:
    """The longest head (several words) that ends at token i."""
    for head in by_last.get(tokens.folded[i], ()):
        n = len(head)
        if i - n + 1 >= 0 and tuple(tokens.folded[i - n + 1:i + 1]) == head:
            return head
    return None


def _landmark_at(text: str, tokens: Tokens, i: int, spans: _Spans) -> tuple[int, int, str] | None:
    folded = tokens.folded[i]
    word = tokens.texts[i]
    # "Sea of Okhotsk", "Strait of Hormuz": a prefix head with its complement
    if folded in LANDMARK_PREFIXES and word[:1].isupper() and i + 2 < len(tokens) and tokens.folded[i + 1] == "of":
        end = _complement_end(text, tokens, i + 1, spans)
        if end is not None and tokens.texts[end][:1].isupper():
            return i, end, LANDMARK_PREFIXES[folded]
    head = _head_before(tokens, i, _LANDMARK_BY_LAST)
    if head is None or (i + 1 < len(tokens) and tokens.folded[i + 1] in _LANDMARK_BY_LAST
                        and _gap(text, tokens, i) == " " and tokens.texts[i + 1][:1].isupper()):
        return None  # (a longer head follows: "Power" in "Power Plant")
    first = i - len(head) + 1
    head_text = " ".join(tokens.texts[first:i + 1])
    lower = not head_text[:1].isupper()
    if lower and " ".join(head) not in LOWERCASE_HEADS:
        return None
    if any(_gap(text, tokens, k) not in (" ", "-") for k in range(first, i)):
        return None
    start = _left_edge(text, tokens, first, spans, allow_person=True)
    if start == first:
        return None
    if i + 1 < len(tokens) and _gap(text, tokens, i) in (" ", "-") and _capitalized(tokens.texts[i + 1]) \
            and tokens.folded[i + 1] not in CONNECTORS | ARTICLES | STOP_RIGHT:  # "Novosibirsk Region Governor"
        return None  # more of a name follows the head ("Long-Range Aviation"): not a place this reads
    # the specific words: not generic, and more than a letter ("X Airport" is a placeholder)
    specific = [k for k in range(start, first) if tokens.folded[k] not in LANDMARK_GENERIC | DEMONYMS
                and len(tokens.texts[k].strip(".")) > 1]
    complement = _complement_end(text, tokens, i + 1, spans, frozenset({"of"})) if not lower else None
    if not specific and complement is None:
        return None
    if lower and (_sentence_start(text, tokens, start) and spans.type_at.get(start) != "place"):
        return None  # "Airport officials said" is no name; "Kursk nuclear power plant" is
    if spans.type_at.get(start) == "place" and all(spans.type_at.get(k) == "place" for k in range(start, first)) \
            and not _capitalized(head_text) and LANDMARK_HEADS[" ".join(head)] == "region":
        return None  # "the Kursk region" is the registry's region, not a new place
    end = i if complement is None else complement  # "Great Hall of the People"
    return start, end, LANDMARK_HEADS[" ".join(head)]


def _organization_at(text: str, tokens: Tokens, i: int, spans: _Spans, generic: frozenset) -> tuple[int, int, str] | None:
    folded, word = tokens.folded[i], tokens.texts[i]
    if folded not in ORG_HEADS or not word[:1].isupper() or spans.type_at.get(i) is not None:
        return None
    if i + 1 < len(tokens) and tokens.folded[i + 1] in ORG_HEADS and tokens.texts[i + 1][:1].isupper() \
            and _gap(text, tokens, i) == " ":
        return None  # the head is the next word ("Agency" in "News Agency")
    start = _left_edge(text, tokens, i, spans, allow_person=False)
    end = i
    complement = _complement_end(text, tokens, i + 1, spans,
                                 COMPLEMENT_WITH_IN if folded in HEADS_WITH_IN else LEXICON.organization_complement_words)
    if complement is not None:
        end = complement
    elif i + 1 < len(tokens) and _gap(text, tokens, i) == " " and _capitalized(tokens.texts[i + 1]) \
            and tokens.folded[i + 1] not in ARTICLES and spans.type_at.get(i + 1) != "person":
        return None  # more of the name follows that is not a complement: not a name this reads
    words = tokens.folded[start:end + 1]
    if folded in ACRONYM_HEADS and not (start == i - 1 and _ACRONYM.fullmatch(tokens.texts[start])):
        return None
    if words[-1] in NOT_ORG_HEADS or any(w in NOT_ORG_HEADS for w in tokens.folded[start:i]):
        return None
    specific = [w for w in words if w not in ORG_HEADS and w not in CONNECTORS and w not in ARTICLES
                and w not in ORG_GENERIC and w != "s"]
    if not specific and len(words) < 2:
        return None
    if start == i and complement is None:
        return None  # a head alone
    if tuple(words) in generic or (not specific and complement is None and len(words) <= 2):
        return None  # "Foreign Ministry", "State Council": whose, the text must say
    return start, end, "organization"


def _name(text: str, tokens: Tokens, start: int, end: int) -> str:
    return canonical_name(text[tokens.starts[start]:tokens.ends[end]])


def _registry_generic_keys(registry: Registry) -> frozenset:
    cached = _GENERIC_CACHE.get(id(registry))
    if cached and cached[0] is registry:
        return cached[1]
    keys = frozenset(name_key(n) for e in registry.of_type("organization") for n in e.generic)
    _GENERIC_CACHE.clear()
    _GENERIC_CACHE[id(registry)] = (registry, keys)
    return keys


_GENERIC_CACHE: dict[int, tuple[Registry, frozenset]] = {}


# ------------------------------------------------------------------ acronyms


def _acronyms(text: str, tokens: Tokens, known: list[Mention], shaped: list[Shaped], taken: bytearray) -> list[Shaped]:
    """'the Korean Central News Agency (KCNA)': later 'KCNA' is that organization. The name before
    the brackets is a registry or shaped organization, or capitalized words whose initials are
    the acronym (which makes them one)."""
    found: list[Shaped] = []
    names = {m.char_end: m for m in known if m.entity_type == "organization"}
    names.update({s.mention.char_end: s.mention for s in shaped if s.mention.entity_type == "organization"})
    defined: dict[str, Mention] = {}
    n = len(tokens)
    # only tokens in brackets can be defined: found by one scan of the text, not token by token
    candidates = [bisect.bisect_left(tokens.starts, m.start(1)) for m in _BRACKETED_ACRONYM.finditer(text)]
    for i in candidates:
        if not 0 < i < n:
            continue
        acronym = tokens.texts[i]
        if not _ACRONYM.fullmatch(acronym) or _gap(text, tokens, i - 1) not in (" (", " (“", ' ("') \
                or text[tokens.ends[i]:tokens.ends[i] + 1] not in (")", "”", '"'):
            continue
        owner = names.get(tokens.ends[i - 1])
        if owner is None:
            owner = _initials_name(text, tokens, i, acronym, taken)
            if owner is None:
                continue
            found.append(Shaped(owner, "organization", "acronym"))
        defined.setdefault(acronym, owner)
    if not defined:
        return found
    covered = {m.char_start for m in known} | {s.mention.char_start for s in shaped}
    for i in range(n):
        owner = defined.get(tokens.texts[i])
        if owner is None or tokens.starts[i] in covered or taken[i] or tokens.starts[i] < owner.char_end:
            continue
        found.append(Shaped(Mention("organization", owner.entity_key, tokens.starts[i], tokens.ends[i],
                                    tokens.texts[i], "acronym"), "organization", "acronym"))
        taken[i] = 1
    return found


def _initials_name(text: str, tokens: Tokens, i: int, acronym: str, taken: bytearray) -> Mention | None:
    letters = [ch for ch in acronym if ch.isalpha()]
    k, words = i - 1, []
    while k >= 0 and len(words) < len(letters) + 4:
        word = tokens.texts[k]
        if taken[k] or (k < i - 1 and _gap(text, tokens, k) not in (" ", "-")):
            break
        if word[:1].isupper():
            words.append(k)
        elif tokens.folded[k] not in CONNECTORS:
            break
        initials = [tokens.texts[w][0] for w in reversed(words)]
        if initials == letters:
            start = words[-1]
            name = _name(text, tokens, start, i - 1)
            last = tokens.folded[i - 1]
            if last in NOT_ORG_HEADS or tokens.folded[start] in STOP_LEFT:
                return None
            return Mention("organization", f"organization:{slugify(name)}", tokens.starts[start], tokens.ends[i - 1],
                           text[tokens.starts[start]:tokens.ends[i - 1]], "acronym")
        k -= 1
    return None
