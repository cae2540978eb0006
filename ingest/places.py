"""Places on the map: the registry's places tied to the GeoNames gazetteer, and the gazetteer's
places found in text where the registry names none. Pure.

The registry is matched first and always wins; the gazetteer reads what it leaves: capitalized
names that are no part of a longer capitalized name ("Lotte Vermeulen", "Moscow Times"), that
are not a ship or a paper after "the" ("the Moskva"), and that are not a word at a sentence's
start or a name followed by a speech verb ("Jordan said"). Which of several places a name
stands for is decided by what the article names (gazetteer.resolve): the registry's places,
the countries of its nationality words ("Latvian officials"), and the places already read.
What the article does not decide stays unlinked.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass

from .entities import Tokens
from .gazetteer import KINDS, ArticleContext, Gazetteer, Place, _dominates, resolve_all
from .lexicon import LEXICON
from .models import FoundEntity, Mention
from .registry import Entity, Registry, name_key, slugify

GAZETTEER_KINDS = frozenset(KINDS)  # registry places of these kinds may be gazetteer places too
FUNCTION_WORDS = LEXICON.sentence_openers | LEXICON.definite_articles | LEXICON.indefinite_articles \
    | LEXICON.name_connectors | LEXICON.place_prepositions
ARTICLES = LEXICON.definite_articles | LEXICON.indefinite_articles
SPEECH_AFTER = LEXICON.attribution_verbs
TITLES_BEFORE = LEXICON.title_heads | set(LEXICON.honorifics) | LEXICON.title_abbreviations
DEMONYMS = LEXICON.demonyms  # "latvian" -> "Latvia"
WORD_FLAGS = frozenset({"word", "word-common"})
PERSON_FLAGS = frozenset({"person", "person-weak"})
# Nouns after "the X" that show X is a place: "the Glushkovo district", "the Pokrovsk direction"
PLACE_NOUNS = LEXICON.place_words | frozenset(h for h in LEXICON.landmark_heads if " " not in h) \
    | LEXICON.place_nouns_after_name
SENTENCE_GAP = frozenset(".!?:;\"“”«»\n")


@dataclass(frozen=True)
class PlaceMatch:
    """A gazetteer place named in a text."""

    mention: Mention
    place: Place


class PlaceIndex:
    """The registry's places on the gazetteer (GeoNames id, country code, coordinates), and
    the keys gazetteer places are stored under."""

    def __init__(self, registry: Registry, gazetteer: Gazetteer | None = None):
        self.registry = registry
        self.gazetteer = gazetteer or Gazetteer.load()
        self.country_codes: dict[str, str] = {}  # lower-cased country name -> ISO code
        for place in self.gazetteer.countries:
            self.country_codes[place.name.lower()] = place.country_code
        self.registry_places: dict[str, Place | None] = {}
        self.by_geonameid: dict[int, str] = {}  # a gazetteer place the registry holds -> its key
        for entity in registry.of_type("place"):
            place = self._lookup(entity)
            self.registry_places[entity.key] = place
            if place is not None and place.geonameid:
                self.by_geonameid.setdefault(place.geonameid, entity.key)
        for entity in registry.of_type("place"):
            code = self.code_of(entity)
            if code and entity.kind == "country":
                for name in entity.names:
                    self.country_codes.setdefault(name.lower(), code)

    def _lookup(self, entity: Entity) -> Place | None:
        """The gazetteer place of a registry place: by its `geonameid`, else by a name of it of its kind
        (and in its country) that picks one place."""
        if entity.geonameid:
            return self.gazetteer.place(entity.geonameid)
        if entity.kind not in GAZETTEER_KINDS:
            return None
        country = None
        if entity.country:
            home = self.gazetteer.place(entity.country, kind="country")
            country = home.country_code if home else None
        for name in entity.names:
            if not name.isascii():
                continue
            place = self.gazetteer.place(name, kind=entity.kind, country_code=country)
            if place is not None:
                return place
        return None

    def place_of(self, key: str) -> Place | None:
        return self.registry_places.get(key)

    def code_of(self, entity: Entity) -> str | None:
        """The ISO code of the country a registry place is in (or is)."""
        place = self.registry_places.get(entity.key)
        if place is not None:
            return place.country_code
        country = self.registry.country_of(entity)
        return self.country_codes.get(country.lower()) if country else None

    def coordinates(self, entity: Entity) -> tuple[float, float] | None:
        """(latitude, longitude) of a registry place: given in the registry, else the gazetteer's."""
        if entity.coordinates:
            return entity.coordinates
        place = self.registry_places.get(entity.key)
        return (place.latitude, place.longitude) if place else None

    @functools.lru_cache(maxsize=4096)
    def key_of(self, place: Place) -> str:
        """The entity key a gazetteer place is stored under: the registry's entry for it, else
        'place:<name>', with its country (and region, or GeoNames id) added when another place
        shares the name and this one does not clearly dominate it ("place:georgia-us")."""
        if place.geonameid and place.geonameid in self.by_geonameid:
            return self.by_geonameid[place.geonameid]
        slug = slugify(place.name)
        others = [p for p in self.gazetteer.by_key(name_key(place.name)) if p is not place]
        if f"place:{slug}" in self.registry.entities or any(not _dominates(place, p) for p in others):
            slug = slugify(f"{place.name} {place.country_code}")
            if any(p.country_code == place.country_code and not _dominates(place, p) for p in others):
                slug = slugify(f"{place.name} {place.admin1 or place.country_code} {place.geonameid or ''}")
        return f"place:{slug}"

    def found(self, place: Place) -> FoundEntity:
        return FoundEntity(name=place.name, origin="gazetteer", evidence="gazetteer", kind=place.kind,
                           country=place.country or None, latitude=place.latitude, longitude=place.longitude,
                           geonameid=place.geonameid)

    def context(self, mentions: list[Mention], words: list[str] = ()) -> ArticleContext:
        """What an article's registry places and nationality words say about where it is."""
        places, codes = [], set()
        for m in mentions:
            if m.entity_type != "place":
                continue
            place = self.registry_places.get(m.entity_key)
            if place is not None:
                places.append(place)
            else:
                entity = self.registry.entities.get(m.entity_key)
                code = self.code_of(entity) if entity else None
                if code:
                    codes.add(code)
        for word in words:
            country = DEMONYMS.get(word)
            code = self.country_codes.get(country.lower()) if country else None
            if code:
                codes.add(code)
        return ArticleContext.of(places, codes)


_INDEXES: dict[int, tuple[Registry, PlaceIndex]] = {}


def place_index(registry: Registry) -> PlaceIndex:
    """The PlaceIndex of a registry, built once per process and registry."""
    cached = _INDEXES.get(id(registry))
    if cached is None or cached[0] is not registry:
        if len(_INDEXES) >= 4:
            _INDEXES.clear()
        cached = _INDEXES[id(registry)] = (registry, PlaceIndex(registry))
    return cached[1]


_FIRST_LETTER = operator.itemgetter(0)


def demonym_words(tokens: Tokens) -> list[str]:
    """The nationality words among a text's tokens ('latvian', 'north korean')."""
    folded = tokens.folded
    found = [w for w in folded if w in DEMONYMS]
    found += [f"{a} {b}" for a, b in zip(folded, folded[1:]) if f"{a} {b}" in DEMONYMS]
    return found


def find_places(text: str, tokens: Tokens, covered, index: PlaceIndex, context: ArticleContext,
                headline: bool = False) -> list[PlaceMatch]:
    """Gazetteer places named where no mention is (`covered.overlaps(start, end)`), resolved
    against the article's context. In a headline (title case), a name that is also a word is
    never taken, and neighbouring capitalized words do not block a name."""
    gazetteer = index.gazetteer
    texts, folded, starts, ends = tokens.texts, tokens.folded, tokens.starts, tokens.ends
    n = len(texts)
    kept: list[tuple[int, int, list[Place]]] = []
    # names start at capitalized tokens no mention holds (most capitals are registry names)
    capitals = itertools.compress(itertools.count(), map(str.isupper, map(_FIRST_LETTER, texts)))  # C-level loops
    free = [i for i in capitals if not covered.overlaps(starts[i], ends[i])]
    for i, count, candidates in gazetteer.find(folded, texts, positions=free):
        last = i + count - 1
        start, end = starts[i], ends[last]
        if covered.overlaps(start, end) or not candidates:
            continue
        before = text[ends[i - 1]:start] if i else "\n"
        after = text[end:starts[last + 1]] if last + 1 < n else "\n"
        sentence_start = i == 0 or any(ch in SENTENCE_GAP for ch in before) or folded[i - 1] in LEXICON.sentence_openers \
            and (i < 2 or any(ch in SENTENCE_GAP for ch in text[ends[i - 2]:starts[i - 1]]))
        flags = candidates.flags
        if flags & WORD_FLAGS and (headline or sentence_start or texts[i].isupper() and len(texts[i]) > 1):
            continue
        if not headline:
            # part of a longer capitalized name: "Lotte Vermeulen", "Jordan Peterson", "Moscow Times"
            if i and before == " " and texts[i - 1][:1].isupper() and folded[i - 1] not in FUNCTION_WORDS \
                    and not covered.overlaps(starts[i - 1], ends[i - 1]):
                continue
            if last + 1 < n and after == " " and texts[last + 1][:1].isupper() \
                    and folded[last + 1] not in FUNCTION_WORDS:
                continue
        if i and before == " " and folded[i - 1] in ARTICLES and count == 1 and after == " " \
                and all(p.kind != "country" for p in candidates) \
                and (last + 1 >= n or folded[last + 1] not in PLACE_NOUNS):
            continue  # "the Moskva sank", "the Kursk went down": a ship, a paper; not "the Glushkovo district"
        if flags & PERSON_FLAGS:
            if last + 1 < n and folded[last + 1] in SPEECH_AFTER and after.strip(" ,") == "":
                continue  # "Jordan said"
            if i and folded[i - 1].rstrip(".") in TITLES_BEFORE:
                continue  # "Mr. Lincoln", "President Jordan"
        if last + 1 < n and after in ("’", "'") and folded[last + 1] == "s" and flags & PERSON_FLAGS:
            continue  # "Victoria's ...": a person's more often than a place's
        kept.append((i, count, candidates))
    resolved = resolve_all([c for _, _, c in kept], context, gazetteer)
    found = []
    for (i, count, _), place in zip(kept, resolved):
        if place is None:
            continue
        start, end = starts[i], ends[i + count - 1]
        key = index.key_of(place)
        how = "alias" if key in index.registry.entities else "gazetteer"
        found.append(PlaceMatch(Mention("place", key, start, end, text[start:end], how), place))
    return found


_HEAD_THEN_PLACE = re.compile(
    rf"(?:(?<![\w-])(?P<adjective>[A-ZÄÖÜ][a-zäöüß]+(?:{'|'.join(sorted(LEXICON.adjective_endings, key=len, reverse=True))}))\s+)?"
    rf"(?<![\w-])(?P<head>(?i:{'|'.join(sorted(LEXICON.organization_heads_before_place, key=len, reverse=True))}))"
    r"\s+(?P<place>[A-ZÄÖÜ][\w-]+)(?![\w-])"
) if LEXICON.organization_heads_before_place else None
_HEAD_TAILS = tuple(head[1:] for head in LEXICON.organization_heads_before_place)  # case-free: 'niversität'
_NOMINATIVE = min(LEXICON.adjective_endings, key=len, default="")  # 'e': the shortest ending is the nominative's
_NOMINATIVE_ENDING = re.compile(rf"(?:{'|'.join(sorted(LEXICON.adjective_endings - {_NOMINATIVE}, key=len, reverse=True))})$"
                                if len(LEXICON.adjective_endings) > 1 else r"(?!)")
_NOT_ADJECTIVES = LEXICON.definite_articles | LEXICON.indefinite_articles | LEXICON.sentence_openers


def organizations_named_by_place(text: str, index: "PlaceIndex") -> list[tuple[Mention, str]]:
    """'Universität Leipzig', 'an der Freien Universität Berlin': a head German writes before the
    place that names the organization, and a place the registry or the gazetteer knows by that
    name. (mention, name in the nominative)."""
    if _HEAD_THEN_PLACE is None or not any(tail in text for tail in _HEAD_TAILS):
        return []  # a substring test first: the pattern is read only where a head may stand
    found = []
    for match in _HEAD_THEN_PLACE.finditer(text):
        key = name_key(match.group("place"))
        entry = index.registry.by_name_key.get(key)
        if not match.group("head")[:1].isupper() or not (entry and entry.type == "place" or index.gazetteer.by_key(key)):
            continue
        start, words = match.start("head"), [match.group("head"), match.group("place")]
        adjective = match.group("adjective")
        if adjective and adjective.lower() not in _NOT_ADJECTIVES:
            # the organization's own name in the nominative: 'Freien Universität' -> 'Freie Universität'
            start, words = match.start(), [_NOMINATIVE_ENDING.sub(_NOMINATIVE, adjective), *words]
        name = " ".join(words)
        found.append((Mention("organization", f"organization:{slugify(name)}", start, match.end(),
                              text[start:match.end()], "shape"), name))
    return found
