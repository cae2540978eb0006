"""What a newcomer stumbled on (issue 16, item 20): counts in words, people in the archive first,
query results that link, public exports without local paths, and a mentions chart that counts
mentions."""

import asyncio
import re
import sqlite3

import pytest

from ingest.publish import publish_datasette, publish_static


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def site_pages(datasette) -> list[str]:
    """A page of every kind, and every entity and article page of the test archive."""
    pages = ["/", "/articles", "/people", "/organizations", "/places", "/timeline", "/charts", "/search?q=treaty",
             "/search?q=invincible", "/months/2024-11"]
    pages += [f"/articles/{a['slug']}" for a in get(datasette, "/articles.json").json()["latest"]]
    for table in ("people", "organizations", "places"):
        pages += [f"/{table}/{e['slug']}" for e in get(datasette, f"/{table}.json").json()["entities"]
                  if e["article_count"]]
    pages += [f"/sources/{s['slug']}" for s in get(datasette, "/index.json").json()["sources"]]
    return pages


ONE_PLURAL = re.compile(r"(?<![\d,.])1 (articles|mentions|quotes|words|outlets|people|organizations|places|events|"
                        r"dated events)\b")


def test_counts_of_one_are_singular_everywhere(datasette):
    for path in site_pages(datasette):
        text = re.sub(r"<[^>]+>", " ", get(datasette, path).text.replace('title="', '> '))
        found = ONE_PLURAL.findall(re.sub(r"\s+", " ", text))
        assert not found, (path, found)


def test_plural_filter():
    from ingest.site import noun, plural

    assert [plural(n, "article") for n in (0, 1, 2, 1234)] == ["0 articles", "1 article", "2 articles", "1,234 articles"]
    assert plural(1, "person") == "1 person" and plural(3, "person") == "3 people"
    assert noun(2, "dated event") == "dated events" and noun(1, "dated event") == "dated event"


def test_people_a_to_z_shows_the_people_in_the_archive_first(datasette):
    entities = get(datasette, "/people.json").json()["entities"]
    counts = [e["article_count"] for e in entities]
    named = [e for e in entities if e["article_count"]]
    assert named and counts == sorted(counts, key=lambda c: c == 0)  # every named person before any other
    html = get(datasette, "/people").text
    in_archive, _, rest = html.partition('id="not-in-articles"')
    assert all(f'href="/people/{e["slug"]}"' in in_archive for e in named)
    zero = [e for e in entities if not e["article_count"]]
    assert zero and all(f'href="/people/{e["slug"]}"' in rest for e in zero)
    assert f"{len(zero)} more in the registry" in rest


def test_home_counts_the_entities_the_articles_name(datasette, db_conn):
    counts = get(datasette, "/index.json").json()["counts"]
    assert counts["people"] == db_conn.execute("SELECT count(*) FROM people WHERE reviewed = 1 "
                                               "AND article_count > 0").fetchone()[0]
    assert counts["places"] == db_conn.execute("SELECT count(*) FROM places WHERE article_count > 0").fetchone()[0]


@pytest.mark.parametrize("path, link", [
    ("/archive/quotes_by_person?person=choe-son-hui",
     '<a href="/articles/2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed">'),
    ("/archive/timeline_of_events?from=&to=", '<a href="/articles/'),
    ("/archive/shared_wire_copy", '<a href="/articles/'),
    ("/archive/names_awaiting_review", '<a href="/people/'),
    ("/archive/search_articles?q=invincible",
     '<a href="/articles/2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed">'),
    ("/archive/articles", '<a href="/articles/2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed">'),
    ("/archive/people", '<a href="/people/choe-son-hui">'),
])
def test_slugs_in_query_results_and_tables_link_to_their_pages(datasette, path, link):
    response = get(datasette, path)
    assert response.status_code == 200 and link in response.text, path


def test_table_views_truncate_long_text(datasette):
    settings = get(datasette, "/-/settings.json").json()
    assert 0 < settings["truncate_cells_html"] <= 300
    html = get(datasette, "/archive/articles?_size=5").text
    assert "…" in html and len(html) < 60_000  # five rows of bodies were ~100 KB


# ---------------------------------------------------------------- public exports


@pytest.fixture(scope="module")
def local_root(db_conn_module):
    """The folder the test archive's files were ingested from (it is in articles.path)."""
    path = db_conn_module.execute("SELECT path FROM articles WHERE path IS NOT NULL LIMIT 1").fetchone()[0]
    return path.rsplit("/", 2)[0]


@pytest.fixture(scope="module")
def db_conn_module(archive_db):
    conn = sqlite3.connect(f"file:{archive_db}?mode=ro", uri=True)
    yield conn
    conn.close()


def test_static_exports_leave_local_paths_out(archive_db, tmp_path, local_root):
    assert local_root.startswith("/") and len(local_root) > 5
    outdir = tmp_path / "site"
    publish_static(archive_db, outdir)
    data = outdir / "data"
    for path in data.iterdir():
        assert local_root.encode() not in path.read_bytes(), path.name
    header = (data / "articles.csv").read_text().splitlines()[0].split(",")
    assert "path" not in header and "file" in header
    assert "paths" not in (data / "ingest_runs.csv").read_text().splitlines()[0].split(",")
    copy = sqlite3.connect(data / "archive.db")
    assert copy.execute("SELECT count(*) FROM articles WHERE path IS NOT NULL").fetchone()[0] == 0
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    copy.close()
    for page in outdir.rglob("*.html"):
        assert local_root not in page.read_text(), page


def test_the_datasette_bundle_leaves_local_paths_out(archive_db, tmp_path, local_root):
    publish_datasette(archive_db, tmp_path / "bundle")
    assert local_root.encode() not in (tmp_path / "bundle" / "archive.db").read_bytes()


# ---------------------------------------------------------------- the mentions chart


def test_the_mentions_chart_counts_mentions(datasette, db_conn):
    people = get(datasette, "/charts.json").json()["people"]
    assert people
    for person in people:
        expected = {month: mentions for month, mentions in db_conn.execute(
            "SELECT substr(a.published, 1, 7), count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
            "JOIN people p ON p.id = m.person_id WHERE p.slug = ? AND a.published IS NOT NULL GROUP BY 1",
            [person["slug"]])}
        assert {p["month"]: p["mentions"] for p in person["series"]} == expected, person["name"]
    assert any(p["mentions"] > 1 for person in people for p in person["series"])
