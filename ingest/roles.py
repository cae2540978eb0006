"""Text + mentions -> titles as the article states them ("Foreign Minister Choe Son-hui",
"Choe Ryong-hae, chairman of the Supreme People's Assembly's standing committee"), linked to
the person and, where named, the organization or country. Pure."""

from __future__ import annotations

import bisect
import re

from .lexicon import LEXICON
from .models import Mention, Role
from .registry import Registry, default_registry, name_key

# The words live in ingest/lexicon/*.yml, the patterns built from them in lexicon.Patterns.
HEAD_WORDS = LEXICON.patterns.title_head_words  # title heads and relations ("sister of ..."), not "Mr"
TITLE_BEFORE = LEXICON.patterns.title_before  # "Foreign Minister " before the name
TITLE_AFTER = LEXICON.patterns.title_after  # ", chairman of the ..." after it
_LEADING_ARTICLE = LEXICON.patterns.leading_article
_OWNER = LEXICON.patterns.title_owner
DEMONYMS = LEXICON.demonyms  # "north korean" -> "North Korea", a registry place's name
NON_OPENERS = LEXICON.title_non_openers  # "who met ...", "and Japan's ambassador", "When ..."
MODIFIERS = LEXICON.title_modifiers  # "Former Russian Ambassador": may stand before a nationality
ABBREVIATIONS = LEXICON.abbreviations | LEXICON.title_abbreviations  # "Gen." ends no sentence
# no title has them before its head (German "an" is a preposition, English "an" an article)
PREPOSITIONS = (LEXICON.object_prepositions | LEXICON.place_prepositions) \
    - LEXICON.definite_articles - LEXICON.indefinite_articles
_WORD_SPAN = re.compile(r"\S+")


def find_roles(text: str, mentions: list[Mention], registry: Registry | None = None) -> list[Role]:
    """One Role per title stated next to a person's name (full names, not bare surnames).
    A title that opens with a nationality ("North Korean Ambassador") names that country: the
    registry place of the demonym's country name (the default registry unless one is given)."""
    places = demonym_places(registry if registry is not None else default_registry())
    roles: list[Role] = []
    mentions = sorted(mentions, key=lambda m: m.char_start)
    starts = [m.char_start for m in mentions]
    people = [m for m in mentions if m.entity_type == "person"]
    for person in people:
        line_start = max(text.rfind("\n", 0, person.char_start) + 1, person.char_start - 120)
        before = text[line_start:person.char_start]
        recent = {w.lower() for w in re.findall(r"[\w']+", before)[-8:]}
        match = TITLE_BEFORE.search(before) if recent & HEAD_WORDS else None
        if match and match.group("title").strip():
            start = line_start + match.start("title")
            span = _own_title(text, start, start + len(match.group("title").rstrip(" ,")))
            if span:
                roles.append(_role(text, person, *span, mentions, starts, places))
        if person.resolution.startswith("surname"):
            continue
        after = text[person.char_end:person.char_end + 160].split("\n", 1)[0]
        match = TITLE_AFTER.match(after)
        if match and _appositive(match.group("title")):
            start = person.char_end + match.start("title")
            roles.append(_role(text, person, start, start + len(match.group("title").rstrip()), mentions, starts, places))
    return roles


def _own_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The part of a title before a name that is the person's own: not the end of the previous
    sentence ("... on Thursday. National Security Adviser"), not a clause opener ("When North
    Korean leader"), not a place ending the previous clause ("in Pyongyang Ukrainian President").
    None when no title head is left."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_SPAN.finditer(text, start, end)]
    for k in range(len(words) - 2, -1, -1):  # the last full stop before the head ends a sentence
        word = words[k][2]
        if word[-1:] in ".!?" and word.rstrip(".!?").lower() not in ABBREVIATIONS and not _initialism(word):
            words = words[k + 1:]
            break
    while words and words[0][2].lower() in NON_OPENERS:
        words = words[1:]
    folded = [w.lower().rstrip(",") for _, _, w in words]
    for k in range(1, len(words)):
        if folded[k] in DEMONYMS or " ".join(folded[k:k + 2]) in DEMONYMS:
            if not all(w in MODIFIERS for w in folded[:k]):
                words, folded = words[k:], folded[k:]
            break
    if not words or not any(_is_head(w) for w in folded):
        return None
    return words[0][0], words[-1][1]


def _is_head(word: str) -> bool:
    """A lower-case word is a title head, with a possessive ending or a comma, or as a part of a
    hyphenated compound ("minister's", "commander-in-chief")."""
    bare = word.rstrip(",").removesuffix("'s").removesuffix("’s")
    return bare in HEAD_WORDS or "-" in bare and any(part in HEAD_WORDS for part in bare.split("-"))


def _initialism(word: str) -> bool:
    """'U.S.', 'D.P.R.K.': letters and dots, not a word ending a sentence."""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}", word))


def _appositive(title: str) -> bool:
    """', chairman of the ...', ', the powerful sister of ...' is a title; ', who met President
    ...', ', and Japan's ambassador', ', the birthday of Kim's late father' are not: a title
    opens with no clause word, and no preposition comes before its head noun."""
    words = [w.lower() for w in title.split()]
    return bool(words) and words[0] not in NON_OPENERS and head_before_preposition(words) is not False


def head_before_preposition(words, is_head=None) -> bool | None:
    """Over lower-case words: True at a title head that comes before any preposition, False at a
    preposition that comes first ('the birthday of Kim's late father': the head belongs to
    another noun phrase), None when there is neither. Also used for the appositives that give
    evidence of a new name (ingest.names)."""
    is_head = is_head or _is_head
    for word in words:
        if is_head(word):
            return True
        if word in PREPOSITIONS:
            return False
    return None


def _role(text: str, person: Mention, start: int, end: int, mentions: list[Mention], starts: list[int],
          places: dict[str, str | None]) -> Role:
    surface = text[start:end]
    title = _LEADING_ARTICLE.sub("", surface)
    window = mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    inside = [m for m in window if m.char_end <= end and m is not person]
    organization = next((m.entity_key for m in inside if m.entity_type == "organization"), None)
    place = next((m.entity_key for m in inside if m.entity_type == "place"), None)
    possessive = _OWNER.match(title)
    if possessive:  # "North Korea's Foreign Minister": the title is "Foreign Minister", the country a place
        title = possessive["rest"]
    if place is None:
        lowered = title.lower()
        for demonym, key in places.items():
            if lowered.startswith(demonym + " "):
                place = key
                break
    return Role(person_key=person.entity_key, title=title, organization_key=organization, place_key=place,
                char_start=start, char_end=end, surface=surface)


_PLACES_CACHE: dict[int, tuple[Registry, dict[str, str | None]]] = {}


def demonym_places(registry: Registry) -> dict[str, str | None]:
    """demonym -> the key of the registry place its country name (or an alias) names, worked
    out once per registry; a country the registry lacks gives None (no place, never a guess)."""
    cached = _PLACES_CACHE.get(id(registry))
    if cached and cached[0] is registry:
        return cached[1]
    by_name: dict[tuple[str, ...], str] = {}
    for entity in registry.of_type("place"):
        for name in entity.names:
            by_name.setdefault(name_key(name), entity.key)
    places = {demonym: by_name.get(name_key(country)) for demonym, country in DEMONYMS.items()}
    if len(_PLACES_CACHE) >= 8:
        _PLACES_CACHE.clear()
    _PLACES_CACHE[id(registry)] = (registry, places)
    return places
