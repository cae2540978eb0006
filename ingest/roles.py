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
            roles.append(_role(text, person, start, start + len(match.group("title").rstrip(" ,")), mentions, starts, places))
        if person.resolution.startswith("surname"):
            continue
        after = text[person.char_end:person.char_end + 160].split("\n", 1)[0]
        match = TITLE_AFTER.match(after)
        if match:
            start = person.char_end + match.start("title")
            roles.append(_role(text, person, start, start + len(match.group("title").rstrip()), mentions, starts, places))
    return roles


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
