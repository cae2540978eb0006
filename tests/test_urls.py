"""Odd URLs answer with 4xx, never 500 or an error page for a search (issue 16, item 14), and the
request's Host header is never written into the feed, the sitemap, robots.txt or a citation:
a configured site URL is (items 14 and 19)."""

import asyncio
import re
import shutil
import sqlite3
import urllib.parse
import xml.etree.ElementTree as ET

import pytest

CHOE_ARTICLE = "2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed"
SITE = "https://archive.example.org"


def get(datasette, path, **kwargs):
    return asyncio.run(datasette.client.get(path, **kwargs))


@pytest.mark.parametrize("path", ["/sitemap-articles-99999999999999999999999.xml", "/sitemap-articles-7.xml",
                                  "/sitemap-people-3.xml"])
def test_a_sitemap_page_past_the_end_is_404(datasette, path):
    assert get(datasette, path).status_code == 404


@pytest.mark.parametrize("query", ["_sort=id;drop", "_sort_desc=id;drop", "_sort=nosuch", "_search=treaty&_sort=x;y",
                                   "_sort=id&_sort_desc=id"])
@pytest.mark.parametrize("suffix", ["", ".json"])
def test_a_bad_sort_column_is_a_400_not_a_500(datasette, query, suffix):
    response = get(datasette, f"/archive/articles{suffix}?{query}")
    assert response.status_code == 400, (query, response.status_code)


def raw_search(datasette, expression, suffix=".json"):
    return get(datasette, f"/archive/articles{suffix}?_searchmode=raw&_shape=objects&_search="
               + urllib.parse.quote(expression))


@pytest.mark.parametrize("expression", ["NEAR(a b c, 1", "treaty AND", '"unbalanced', "title:", "(treaty",
                                        "nosuchcolumn:treaty", "NEAR(treaty russia, x)", "*"])
def test_a_raw_search_that_is_not_valid_fts5_is_searched_as_words(datasette, expression):
    for suffix in ("", ".json"):
        response = raw_search(datasette, expression, suffix)
        assert response.status_code == 200, (expression, response.text[:200])
    assert "not a valid full-text expression" in raw_search(datasette, expression, "").text


def test_a_valid_raw_search_stays_raw(datasette):
    near = raw_search(datasette, "NEAR(treaty Russia, 3)").json()["rows"]
    phrase = raw_search(datasette, '"strategic partnership"').json()["rows"]
    either = raw_search(datasette, "invincible OR ratification").json()["rows"]
    assert near and phrase and len(either) >= 2
    assert all("strategic partnership" in r["body"].lower().replace("\n", " ") for r in phrase)


def test_a_table_search_of_thousands_of_words_is_cut_and_says_so(datasette):
    words = " ".join(["treaty", "Russia", "Korea", "North"][i % 4] for i in range(3000))
    response = get(datasette, "/archive/articles?_search=" + urllib.parse.quote_plus(words))
    assert response.status_code == 200 and "only the first 20 words were searched" in response.text


# ---------------------------------------------------------------- the Host header


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost@evil.example"])
def test_a_strange_host_header_is_never_written_into_links(datasette, host):
    for path in ["/feed.atom", "/sitemap.xml", "/sitemap-articles-0.xml", "/robots.txt", f"/articles/{CHOE_ARTICLE}",
                 f"/articles/{CHOE_ARTICLE}.json"]:
        response = get(datasette, path, headers={"host": host})
        assert response.status_code == 200, path
        assert "evil" not in response.text, path


def test_datasettes_own_absolute_urls_never_name_a_strange_host(datasette, configured):
    response = get(datasette, "/archive/articles.json?_size=2", headers={"host": "evil.example"})
    assert "evil" not in response.text and "evil" not in response.headers.get("link", "")
    assert response.json()["next_url"].startswith("http://localhost/archive/articles.json?")
    page = get(datasette, "/archive/articles?_size=2", headers={"host": "evil.example"})
    assert "evil" not in page.text and "evil" not in page.headers.get("link", "")
    local = get(datasette, "/archive/articles.json?_size=2", headers={"host": "127.0.0.1:8001"}).json()
    assert local["next_url"].startswith("http://127.0.0.1:8001/archive/")
    site = get(configured, "/archive/articles.json?_size=2", headers={"host": "evil.example"}).json()
    assert site["next_url"].startswith(f"{SITE}/archive/articles.json?")


def test_a_local_host_is_used_as_it_is(datasette):
    feed = get(datasette, "/feed.atom", headers={"host": "127.0.0.1:8001"}).text
    assert f"http://127.0.0.1:8001/articles/{CHOE_ARTICLE}" in feed


@pytest.fixture(scope="module")
def configured(archive_db, tmp_path_factory):
    """The test archive served with a site URL, and with the original address of one article."""
    from ingest.serve import make_datasette

    db = tmp_path_factory.mktemp("configured") / "archive.db"
    shutil.copy(archive_db, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET url = 'https://en.yna.co.kr/view/AEN20250620000100315' WHERE slug = ?",
                 [CHOE_ARTICLE])
    conn.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = (SELECT min(id) FROM articles "
                 "WHERE slug != ?)", [CHOE_ARTICLE])
    conn.commit()
    conn.close()
    return make_datasette(db, site_url=SITE + "/")


def test_the_configured_site_url_is_used_whatever_the_host(configured):
    feed = ET.fromstring(get(configured, "/feed.atom", headers={"host": "evil.example"}).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(link.startswith(SITE + "/") for link in links), links
    assert feed.find("a:id", ns).text == SITE + "/"
    sitemap = get(configured, "/sitemap.xml", headers={"host": "127.0.0.1:8001"}).text
    assert f"<loc>{SITE}/sitemap-articles-0.xml</loc>" in sitemap
    assert f"Sitemap: {SITE}/sitemap.xml" in get(configured, "/robots.txt").text


def test_the_cite_line_gives_the_original_address_the_permalink_and_the_retrieval_date(configured):
    data = get(configured, f"/articles/{CHOE_ARTICLE}.json").json()
    html = get(configured, f"/articles/{CHOE_ARTICLE}", headers={"host": "evil.example"}).text
    cite = html.split('class="cite"', 1)[1].split("</p>", 1)[0]
    assert "https://en.yna.co.kr/view/AEN20250620000100315" in cite
    assert f"{SITE}/articles/{CHOE_ARTICLE}" in cite
    assert f"retrieved {data['ingested_at'][:10]}" in cite and "Yonhap" in cite and "2025-06-20" in cite
    assert '<a href="https://en.yna.co.kr/view/AEN20250620000100315"' in html  # shown on the page, as a link
    assert data["url"] == "https://en.yna.co.kr/view/AEN20250620000100315"
    assert data["permalink"] == f"{SITE}/articles/{CHOE_ARTICLE}"
    assert data["citation"].startswith("Yonhap, “North Korea's Foreign Minister")


def test_an_original_address_that_is_not_http_is_shown_but_never_a_link(configured):
    slug = get(configured, "/archive/articles.json?_shape=array&_col=slug&url__startswith=javascript").json()[0]["slug"]
    html = get(configured, f"/articles/{slug}").text
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html


def test_without_a_site_url_the_browser_completes_the_permalink(datasette):
    html = get(datasette, f"/articles/{CHOE_ARTICLE}", headers={"host": "evil.example"}).text
    cite = html.split('class="cite"', 1)[1].split("</p>", 1)[0]
    assert f">/articles/{CHOE_ARTICLE}<" in cite and "data-complete-url" in cite


def test_one_wording_for_a_missing_outlet(datasette):
    pages = ["/", "/articles", "/months/2024-11", "/search?q=treaty", "/people/kim-jong-un"]
    pages += [f"/articles/{a['slug']}" for a in get(datasette, "/articles.json").json()["latest"] if not a["source"]]
    for path in pages:
        text = get(datasette, path).text
        assert "outlet unknown" not in text and "Unknown outlet" not in text, path
    assert "outlet not stated" in get(datasette, pages[-1]).text


def test_serve_takes_a_site_url_and_prints_the_home_page(monkeypatch, archive_db):
    from click.testing import CliRunner

    import uvicorn

    from ingest.cli import cli

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.update(kwargs, app=app))
    result = CliRunner().invoke(cli, ["serve", "--db", str(archive_db), "--port", "8123", "--site-url",
                                      "https://archive.example.org/"])
    assert result.exit_code == 0, result.output
    assert re.findall(r"http://\S+", result.output)[0] == "http://127.0.0.1:8123/"  # the home page first
    bad = CliRunner().invoke(cli, ["serve", "--db", str(archive_db), "--site-url", "archive.example.org"])
    assert bad.exit_code != 0 and "http" in bad.output
    exposed = CliRunner().invoke(cli, ["serve", "--db", str(archive_db), "--host", "0.0.0.0"])
    assert "--site-url" in exposed.output  # a public server is told to name its address
    assert served["port"] == 8001 and served["host"] == "0.0.0.0"


def test_a_deployed_bundle_takes_its_site_url_from_the_environment(archive_db, monkeypatch):
    from ingest.serve import make_datasette

    monkeypatch.setenv("ARCHIVE_SITE_URL", "https://deployed.example.org")
    robots = get(make_datasette(archive_db), "/robots.txt", headers={"host": "evil.example"}).text
    assert "Sitemap: https://deployed.example.org/sitemap.xml" in robots
