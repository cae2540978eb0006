"""The research site through Datasette's test client: every page type, its JSON twin, 404s,
search, canned queries, feed, sitemap and robots."""

import asyncio
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import ARCHIVE_ARTICLES
from ingest.serve import METADATA_PATH

CHOE_ARTICLE = "2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed"


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_home_explains_the_archive_and_counts_it(datasette):
    html = get(datasette, "/").text
    assert "Comprehensive Strategic Partnership treaty" in html
    assert f"<strong>{ARCHIVE_ARTICLES}</strong> articles" in html and "quotes" in html and "Where to start" in html
    data = get(datasette, "/index.json").json()
    assert data["counts"]["articles"] == ARCHIVE_ARTICLES and data["counts"]["quotes"] > 30


def test_article_page_highlights_and_links_every_mention(datasette):
    response = get(datasette, f"/articles/{CHOE_ARTICLE}")
    assert response.status_code == 200
    html = response.text
    data = get(datasette, f"/articles/{CHOE_ARTICLE}.json").json()
    for mention in (m for m in data["mentions"] if m["field"] == "body"):
        assert f'id="m-{mention["id"]}"' in html
    assert '<a href="/people/choe-son-hui">Choe Son-hui</a>' in html
    assert '<a href="/places/kursk">Kursk region</a>' in html
    for quote in data["quotes"]:
        assert f'id="q-{quote["id"]}"' in html and f'href="#q-{quote["id"]}"' in html
    for event in data["events"]:
        assert f'id="e-{event["id"]}"' in html
    assert "Yonhap" in html and "2025-06-20" in html
    assert f'href="/articles/{CHOE_ARTICLE}/raw"' in html


def test_article_page_shows_dateline_credits_captions_and_shared_copy(datasette):
    articles = get(datasette, "/articles.json").json()["latest"]
    by_label = {a["label"]: a["slug"] for a in articles}
    cbc = next(s for label, s in by_label.items() if label.startswith("Russia, North Korea say"))
    afp = next(s for label, s in by_label.items() if label.startswith("A strategic partnership pact"))
    html = get(datasette, f"/articles/{afp}").text
    assert "dateline <strong>SEOUL</strong>" in html and "Image Credit: AFP" in html
    assert f'href="/articles/{cbc}"' in html  # the same wire copy also ran in the CBC article
    photo = get(datasette, "/articles/undated-russia-and-north-korea-sign-mutual-defense-agreement").text
    assert "AP Images" in photo and 'class="caption-text"' in photo
    assert 'Kim Jong-Un</a>' in photo.split('class="caption-text"')[1].split("</aside>")[0]


def test_raw_source_is_one_click_away_and_inert(datasette):
    response = get(datasette, f"/articles/{CHOE_ARTICLE}/raw")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith(" date 2025-06-20 North Korea's Foreign Minister")


@pytest.mark.parametrize("path, expected", [
    ("/people/choe-son-hui", ["Choe Son Hui", "Foreign Minister", "invincible alliance", "Titles over time",
                              "Most often named alongside", "Also written"]),
    ("/people/kim-jong-un", ["Kim Jong Un", "North Korean leader", "Vladimir Putin"]),
    ("/organizations/korean-central-news-agency", ["Korean Central News Agency", "news agency", "KCNA"]),
    ("/places/kim-il-sung-square", ["Kim Il Sung Square", "landmark"]),
    ("/sources/yonhap", ["Yonhap", "articles"]),
    ("/people", ["People A–Z", "Kim Jong Un"]),
    ("/organizations", ["State Duma"]),
    ("/places", ['id="letter-K"', "Kursk"]),
    ("/months/2024-12", ["Articles, 2024-12", "Russia-North Korea treaty enters into force"]),
    ("/articles", ["Articles", "Russia, North Korea say", 'href="/months/2024-06"', 'href="/months/undated"']),
    ("/timeline", ["2024-12-04", "last Wednesday"]),
    ("/charts", ["<svg", "Articles over time", "Who appears with whom", 'href="/people/kim-jong-un"']),
])
def test_pages_render(datasette, path, expected):
    response = get(datasette, path)
    assert response.status_code == 200, path
    for text in expected:
        assert text in response.text, (path, text)


@pytest.mark.parametrize("path", ["/articles/no-such-article", "/articles/no-such-article.json", "/people/nobody",
                                  "/organizations/nothing.json", "/places/nowhere", "/sources/none",
                                  "/articles/no-such-article/raw"])
def test_unknown_slugs_are_404(datasette, path):
    assert get(datasette, path).status_code == 404


def test_every_page_type_has_a_json_twin(datasette):
    for path in ["/index.json", "/articles.json", f"/articles/{CHOE_ARTICLE}.json", "/people/choe-son-hui.json",
                 "/organizations/state-duma.json", "/places/pyongyang.json", "/sources/yonhap.json", "/people.json",
                 "/search.json?q=treaty", "/timeline.json", "/charts.json"]:
        response = get(datasette, path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("application/json")
        assert isinstance(response.json(), (dict, list))


def test_entity_json_has_mentions_quotes_roles_and_company(datasette):
    data = get(datasette, "/people/choe-son-hui.json").json()
    assert data["name"] == "Choe Son Hui" and "Choi Son Hui" in data["aliases"]
    assert any("invincible alliance" in q["text"] for q in data["quotes"])
    assert {"Foreign Minister"} <= {r["title"] for r in data["roles"]}
    assert data["articles"] and data["cooccurring"][0]["articles"] >= 1


def test_search_is_ranked_highlighted_and_covers_everything(datasette):
    html = get(datasette, "/search?q=invincible").text
    assert "<mark>invincible</mark>" in html
    assert f'href="/articles/{CHOE_ARTICLE}"' in html
    data = get(datasette, "/search.json?q=Choe").json()
    assert data["people"][0]["slug"] in ("choe-son-hui", "choe-ryong-hae")
    assert data["articles"] and data["quotes"]
    ranked = get(datasette, "/search.json?q=treaty").json()["articles"]
    assert [r["score"] for r in ranked] == sorted(r["score"] for r in ranked)


def test_search_filters_by_outlet_and_date(datasette):
    yonhap = get(datasette, "/search.json?q=treaty&source=yonhap").json()["articles"]
    assert yonhap and all(r["source"] == "Yonhap" for r in yonhap)
    late = get(datasette, "/search.json?q=treaty&from=2025-01-01&to=2025-12-31").json()["articles"]
    assert late and all(r["published"].startswith("2025") for r in late)
    bad = get(datasette, "/search.json?q=treaty&from=yesterday").json()
    assert bad["notes"] and bad["articles"]


def test_a_query_matching_more_than_the_rank_window_is_ranked_among_the_latest(datasette, monkeypatch):
    from ingest.web import queries

    everything = get(datasette, "/search.json?q=the&size=100").json()
    assert not everything["notes"] and len(everything["articles"]) > 5
    monkeypatch.setattr(queries, "RANK_WINDOW", 5)
    windowed = get(datasette, "/search.json?q=the&size=100").json()
    assert "More than 5 articles match" in windowed["notes"][0]
    ids = {a["slug"]: i for i, a in enumerate(get(datasette, "/archive/articles.json?_shape=array&_size=100"
                                                        "&_sort=id&_col=slug").json())}
    latest = sorted(ids[a["slug"]] for a in everything["articles"])[-5:]  # the 5 newest of the matches
    assert sorted(ids[a["slug"]] for a in windowed["articles"]) == latest
    assert [a["score"] for a in windowed["articles"]] == sorted(a["score"] for a in windowed["articles"])
    assert "More than 5 articles match" in get(datasette, "/search?q=the").text


@pytest.mark.parametrize("term", ['"unbalanced', "-", "(", "*", "AND", "OR", "NEAR", "NEAR(", "Kim Jong-un", "", " ",
                                  '"', "\\", "'", "a:b", "<script>alert(1)</script>", "%00"])
def test_no_search_input_produces_an_error_page(datasette, term):
    for path in ("/search?q=", "/search.json?q=", "/archive/search_articles.json?q="):
        response = get(datasette, path + urllib.parse.quote(term))
        assert response.status_code == 200, (path, term)
    assert "<script>alert(1)" not in get(datasette, "/search?q=" + urllib.parse.quote(term)).text


def test_search_pages(datasette):
    first = get(datasette, "/search.json?q=the&size=5").json()
    second = get(datasette, "/search.json?q=the&size=5&page=2").json()
    assert len(first["articles"]) == len(second["articles"]) == 5
    assert first["has_more"] and {a["slug"] for a in first["articles"]}.isdisjoint(a["slug"] for a in second["articles"])


@pytest.mark.parametrize("name", yaml.safe_load(METADATA_PATH.read_text())["databases"]["archive"]["queries"])
def test_every_canned_query_returns_json(datasette, name):
    query = yaml.safe_load(METADATA_PATH.read_text())["databases"]["archive"]["queries"][name]
    assert query["description"] and query["title"]
    response = get(datasette, f"/archive/{name}.json?q=treaty&person=choe-son-hui&from=&to=&_shape=array")
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)


def test_atom_feed_lists_newest_articles(datasette):
    response = get(datasette, "/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == ARCHIVE_ARTICLES
    assert entries[0].find("a:link", ns).get("href").endswith(f"/articles/{CHOE_ARTICLE}")


def test_sitemap_and_robots(datasette):
    index = ET.fromstring(get(datasette, "/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert any(p.endswith("/sitemap-articles-0.xml") for p in parts)
    urls = ET.fromstring(get(datasette, "/sitemap-articles-0.xml").content).findall("s:url/s:loc", ns)
    assert len(urls) == ARCHIVE_ARTICLES + 8
    people = ET.fromstring(get(datasette, "/sitemap-people-0.xml").content).findall("s:url/s:loc", ns)
    assert any(u.text.endswith("/people/kim-jong-un") for u in people)
    robots = get(datasette, "/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in robots and "Disallow: /search" in robots


def test_datasette_pages_share_the_site_look(datasette):
    html = get(datasette, "/archive/articles").text
    assert 'class="site-header"' in html and "/static/archive.css" in html
    assert get(datasette, "/static/archive.css").status_code == 200


def test_a_search_part_that_hits_the_time_limit_is_left_out_with_a_note(datasette, monkeypatch):
    from datasette.database import QueryInterrupted

    from ingest.web import queries

    async def too_slow(*args):
        raise QueryInterrupted(None, "SELECT ...", {})

    monkeypatch.setattr(queries, "_quote_results", too_slow)
    found = get(datasette, "/search.json?q=treaty").json()
    assert found["articles"] and found["quotes"] == []
    assert "took longer than the time limit" in found["notes"][0]
    page = get(datasette, "/search?q=treaty")
    assert page.status_code == 200 and "took longer than the time limit" in page.text


def test_entity_pages_say_where_an_entity_comes_from(datasette, db_conn):
    """A registry entity links its Wikidata id; a name found in articles says it is unreviewed and
    how it was found (a GeoNames place with its id, or a name found in the text)."""
    putin = get(datasette, "/people/vladimir-putin").text
    assert 'href="https://www.wikidata.org/wiki/Q7747"' in putin and "not reviewed" not in putin
    row = db_conn.execute("SELECT slug, geonameid FROM places WHERE origin = 'gazetteer' AND article_count > 0 "
                          "LIMIT 1").fetchone()
    assert row, "the test archive names a place only GeoNames knows"
    page = get(datasette, f"/places/{row[0]}").text
    assert "not reviewed" in page and f"https://www.geonames.org/{row[1]}" in page
    [found] = db_conn.execute("SELECT slug FROM people WHERE origin = 'text' AND article_count > 0 LIMIT 1").fetchone()
    assert "found in articles by its shape or the words around it" in get(datasette, f"/people/{found}").text
