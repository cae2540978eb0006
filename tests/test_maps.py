"""The map: where each place is (coordinates from the places table, the gazetteer or the story's
own list), the outlines drawn as SVG, the /map page and its JSON twin, and place pages' locators."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import time

import pytest

from ingest.web import maps


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


# ---------------------------------------------------------------- where a place is


@pytest.mark.parametrize("row, near", [
    ({"name": "Pyongyang", "kind": "city", "country": "North Korea"}, (39.03, 125.75)),
    ({"name": "Vladivostok", "kind": "city", "country": "Russia"}, (43.1, 131.9)),
    ({"name": "Seoul", "kind": "city", "country": "South Korea"}, (37.57, 126.98)),
    ({"name": "Moscow", "kind": "city", "country": "Russia"}, (55.75, 37.62)),
    ({"name": "Kursk", "kind": "region", "country": "Russia"}, (51.7, 36.5)),  # the oblast, not the city
    ({"name": "Khasan", "kind": "city", "country": "Russia"}, (42.43, 130.64)),  # not in GeoNames' packages
    ({"name": "Kim Il Sung Square", "kind": "landmark", "country": "North Korea"}, (39.02, 125.75)),
    ({"name": "Komsomolsk-on-Amur", "kind": "city", "country": "Russia"}, (50.55, 137.0)),  # not in the registry
    ({"name": "Riga", "kind": "city", "country": "Latvia"}, (56.95, 24.1)),
])
def test_places_of_the_story_have_coordinates(row, near):
    point = maps.coordinates(row)
    assert point is not None, row
    assert abs(point.latitude - near[0]) < 0.3 and abs(point.longitude - near[1]) < 0.5, point


def test_the_places_columns_win_over_the_gazetteer():
    point = maps.coordinates({"name": "Pyongyang", "kind": "city", "country": "North Korea",
                              "latitude": 39.0, "longitude": 125.0})
    assert (point.latitude, point.longitude, point.source) == (39.0, 125.0, "archive")
    assert point.country_code == "KP"
    # an empty column falls back to the gazetteer
    point = maps.coordinates({"name": "Pyongyang", "kind": "city", "country": "North Korea",
                              "latitude": None, "longitude": None})
    assert point.source == "gazetteer"


@pytest.mark.parametrize("row", [
    {"name": "Europe", "kind": "region", "country": None},
    {"name": "Asia", "kind": "region", "country": None},  # not Asia, a town in the Philippines
    {"name": "Soviet Union", "kind": "country", "country": None},
    {"name": "Tiananmen Gate Tower", "kind": "landmark", "country": "China"},  # a landmark nobody located
    {"name": "Georgia", "kind": "city", "country": "Russia"},  # no city of that name in Russia
])
def test_places_with_no_one_point_stay_off_the_map(row):
    assert maps.coordinates(row) is None


def test_areas_and_countries_are_told_apart_from_points():
    assert maps.coordinates({"name": "Kursk", "kind": "region", "country": "Russia"}).shape == "area"
    assert maps.coordinates({"name": "Tumen River", "kind": "river", "country": None}).shape == "area"
    assert maps.coordinates({"name": "Russia", "kind": "country", "country": None}).shape == "country"
    assert maps.coordinates({"name": "Sudzha", "kind": "city", "country": "Russia"}).shape == "point"


# ---------------------------------------------------------------- outlines and projection


def test_outlines_are_the_worlds_countries_with_iso_codes():
    countries = maps.outlines("110m")
    codes = {c.code for c in countries}
    assert len(countries) > 170 and {"KP", "KR", "RU", "UA", "CN", "JP", "US", "LV", "BA", "CD"} <= codes
    russia = next(c for c in countries if c.code == "RU")
    for ring in russia.rings:  # rings crossing the antimeridian are continuous, not torn across the map
        assert all(abs(a[0] - b[0]) < 180 for a, b in zip(ring.points, ring.points[1:]))
    assert max(r.east for r in russia.rings) > 180  # Chukotka, east of the antimeridian


def test_a_view_takes_the_short_way_round():
    view = maps.fit([(43.1, 131.9), (61.2, -149.9)], 600, 400)  # Vladivostok and Anchorage
    assert view.degrees_wide < 140
    for lat, lon in [(43.1, 131.9), (61.2, -149.9)]:
        assert view.contains(*view.xy(lat, lon))


def _labels_inside(svg: str) -> None:
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    for x, y, anchor, size, text in re.findall(
            r'<text class="[^"]*" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)" font-size="([\d.]+)">([^<]*)</text>',
            svg):
        x, y, size = float(x), float(y), float(size)
        w = 0.58 * size * len(text)
        left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        assert 0 <= left and left + w <= width and 0 <= y - size and y <= height, text


def _place(name, kind, country, count, slug=None):
    return {"name": name, "url": f"/places/{slug or name.lower().replace(' ', '-')}", "article_count": count,
            "point": maps.coordinates({"name": name, "kind": kind, "country": country})}


STORY = [_place("Pyongyang", "city", "North Korea", 23), _place("Moscow", "city", "Russia", 15),
         _place("Seoul", "city", "South Korea", 9), _place("Kursk", "region", "Russia", 7),
         _place("Vladivostok", "city", "Russia", 4), _place("Khasan", "city", "Russia", 2),
         _place("Rason", "city", "North Korea", 2), _place("Tumangang", "city", "North Korea", 1),
         _place("Sudzha", "city", "Russia", 3), _place("Brussels", "city", "Belgium", 1),
         _place("Kim Il Sung Square", "landmark", "North Korea", 2),
         _place("Russia", "country", None, 20), _place("North Korea", "country", None, 20)]


def test_the_world_map_shows_every_place_linked_with_labels_inside():
    svg = str(maps.world_map(STORY))
    for p in STORY:
        assert f'href="{p["url"]}"' in svg, p["name"]
    assert svg.count('<circle class="dot') >= 11  # the points, in the main map and its detail panels
    assert 'class="land tint-' in svg  # Russia and North Korea shaded
    assert "map-detail" in svg and "around" in svg  # Korea and Primorye are too close together: a detail panel
    for panel in re.findall(r"<svg.*?</svg>", svg):
        _labels_inside(panel)
        assert len(panel) < 200_000


def test_detail_panels_name_their_countries_and_the_main_map_letters_them():
    svg = str(maps.world_map(STORY))
    main, *details = re.findall(r"<svg.*?</svg>", svg)
    assert details
    korea = next(d for d in details if "Pyongyang" in d)
    for country in ("NORTH KOREA", "SOUTH KOREA", "CHINA"):
        assert f">{country}</text>" in korea, country
    # each panel's letter is on the main map, drawn after the dots so no dot hides it
    assert main.rindex('class="frame-label"') > main.rindex("<circle")
    for letter in "AB"[:len(details)]:
        assert f">{letter}</text>" in main


def test_a_map_with_no_located_place_says_so():
    assert "No place with known coordinates" in maps.world_map([{"name": "Europe", "url": "/places/europe",
                                                                 "article_count": 3, "point": None}])


def test_locator_maps_are_small_cheap_and_mark_the_place():
    for p in STORY:
        svg = str(maps.locator_map(p["name"], p["point"]))
        assert svg.startswith('<svg class="map locator"') and len(svg) < 40_000
        if p["point"].shape == "country":
            assert 'class="land highlight"' in svg
        else:
            assert 'class="dot' in svg and f">{p['name']}</text>" in svg
        _labels_inside(svg)
    started = time.perf_counter()
    for _ in range(5):
        for p in STORY:
            maps.locator_map(p["name"], p["point"])
    per_map = (time.perf_counter() - started) / (5 * len(STORY))
    assert per_map < 0.02, f"{per_map * 1000:.1f} ms per locator map"


# ---------------------------------------------------------------- the pages


def test_map_json_locates_the_storys_places(datasette, db_conn):
    data = get(datasette, "/map.json").json()
    located = {p["slug"]: p for p in data["places"]}
    for slug in ("pyongyang", "moscow", "seoul", "kursk", "vladivostok", "khasan"):
        assert slug in located, slug
        assert -90 <= located[slug]["latitude"] <= 90 and -180 <= located[slug]["longitude"] <= 180
    assert located["pyongyang"]["coordinates_from"] == "gazetteer"
    assert located["khasan"]["coordinates_from"] == "registry"
    mentioned = db_conn.execute("SELECT count(*) FROM places WHERE article_count > 0").fetchone()[0]
    assert len(data["places"]) + len(data["not_on_map"]) == mentioned
    assert len(data["places"]) >= 0.9 * mentioned  # the bar: 90 % of places have coordinates
    counts = dict(db_conn.execute("SELECT slug, article_count FROM places"))
    assert all(p["article_count"] == counts[p["slug"]] for p in data["places"])


def test_map_page_draws_every_place_with_links(datasette):
    html = get(datasette, "/map").text
    assert '<svg class="map"' in html and 'places-table' in html
    data = get(datasette, "/map.json").json()
    for p in data["places"]:
        assert f'href="/places/{p["slug"]}"' in html
    assert 'href="/map.json"' in html
    assert 'href="/map"' in get(datasette, "/").text  # in the site's navigation


def test_place_pages_show_where_the_place_is(datasette):
    html = get(datasette, "/places/khasan").text
    assert '<svg class="map locator"' in html and 'class="dot here"' in html
    assert get(datasette, "/places/khasan.json").json()["coordinates"]["latitude"] == pytest.approx(42.43, abs=0.01)
    russia = get(datasette, "/places/russia").text
    assert 'class="land highlight"' in russia
    assert "locator" not in get(datasette, "/people/kim-jong-un").text


def test_the_map_reads_coordinates_columns_and_says_where_they_came_from(archive_db, tmp_path):
    from ingest.serve import make_datasette

    copy = tmp_path / "archive.db"
    shutil.copy(archive_db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE places SET latitude = 39.0194, longitude = 125.7381, geonameid = NULL WHERE slug = 'pyongyang'")
    conn.execute("UPDATE places SET latitude = NULL, longitude = NULL WHERE slug = 'moscow'")
    conn.commit()
    conn.close()
    data = get(make_datasette(copy), "/map.json").json()
    pyongyang = next(p for p in data["places"] if p["slug"] == "pyongyang")
    assert (pyongyang["latitude"], pyongyang["longitude"], pyongyang["coordinates_from"]) == \
        (39.0194, 125.7381, "registry")  # a registry place with no GeoNames id: the registry's point
    moscow = next(p for p in data["places"] if p["slug"] == "moscow")
    assert moscow["coordinates_from"] == "gazetteer"  # no value in its columns: the gazetteer still answers