"""Safe serving: untrusted article text is inert on every page, search input never errors,
nothing can be written through Datasette, and limits are set."""

import asyncio
import urllib.parse

import pytest
from datasette.utils import escape_fts

from conftest import build_archive

HOSTILE = """Kim Jong Un <script>alert('x')</script> met Vladimir Putin
<img src=x onerror="alert(1)"> in Pyongyang on Wednesday.

Read <a href="javascript:alert(2)">this</a> and {{ 7*7 }} and {% raw %}x{% endraw %} {# c #}.

"<b>Bold</b> claims," Putin said.
"""


@pytest.fixture(scope="module")
def hostile_ds(tmp_path_factory):
    from ingest.serve import make_datasette

    source = tmp_path_factory.mktemp("source") / "hostile"
    source.mkdir()
    (source / "hostile.txt").write_text("Hostile <script>alert('t')</script> headline\n\n" + HOSTILE)
    db = build_archive(tmp_path_factory.mktemp("hostile"), source)
    return make_datasette(db)


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def pages(ds):
    article_id = get(ds, "/archive/articles.json?_shape=array").json()[0]["id"]
    quote_id = get(ds, "/archive/quotes.json?_shape=array").json()[0]["id"]
    return ["/archive/articles", f"/archive/articles/{article_id}", "/archive/articles?_search=Putin",
            "/archive/quotes", f"/archive/quotes/{quote_id}", "/archive/mentions_in_context",
            "/archive/raw_files", "/archive/events", "/archive?sql=select+body+from+articles"]


def test_hostile_text_is_stored_unchanged(hostile_ds):
    body = get(hostile_ds, "/archive/articles.json?_shape=array").json()[0]["body"]
    assert "<script>alert('x')</script>" in body and "{{ 7*7 }}" in body


def test_article_text_renders_as_inert_text_on_every_page(hostile_ds):
    for path in pages(hostile_ds):
        response = get(hostile_ds, path)
        assert response.status_code == 200, path
        html = response.text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html and 'onerror="alert' not in html, path
        assert 'href="javascript:' not in html, path
        assert "<b>Bold</b>" not in html, path
        assert ">49<" not in html and " 49 " not in html, path  # {{ 7*7 }} is never evaluated
    row = get(hostile_ds, pages(hostile_ds)[1]).text
    assert "{{ 7*7 }}" in row and "{% raw %}x{% endraw %}" in row  # template syntax shows as typed


@pytest.mark.parametrize("term", ['"unbalanced', "-", "(", ")", "*", "AND", "OR", "NOT", "NEAR", "NEAR(a b)",
                                  "Kim Jong-un", "", " ", '"', '""', "^", ":", "title:x", "a OR", "'", "\\"])
@pytest.mark.parametrize("table", ["articles", "people", "organizations", "places", "quotes"])
def test_search_input_never_causes_an_error_page(datasette, table, term):
    for suffix in ("", ".json"):
        response = get(datasette, f"/archive/{table}{suffix}?_search=" + urllib.parse.quote(term))
        assert response.status_code == 200, (table, term, response.text[:200])


def test_hyphenated_names_are_searchable(datasette):
    rows = get(datasette, "/archive/articles.json?_search=" + urllib.parse.quote("Choe Son-hui") + "&_shape=array").json()
    assert rows and all("Choe" in r["body"] for r in rows)


def test_table_search_walks_the_sort_index_instead_of_sorting_every_match(datasette, db_conn):
    """A word in most articles must not time out at a million (see plugins/safe_search.py): the
    search term is written `+id in (...)`, so SQLite reads the published index in order and stops
    at the page's last row. The rows are matches of the plain search, newest first, and the count
    is the plain search's."""
    page = get(datasette, "/archive/articles.json?_search=treaty&_size=5").json()
    sql = page["query"]["sql"]
    assert "+id in (select rowid from articles_fts" in sql
    db_conn.create_function("escape_fts", 1, escape_fts)
    plan = " ".join(row[3] for row in db_conn.execute("EXPLAIN QUERY PLAN " + sql, {"search": "treaty"}))
    assert "idx_articles_published" in plan and "TEMP B-TREE" not in plan
    ids = [row["id"] for row in db_conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'treaty')")]
    assert page["filtered_table_rows_count"] == len(ids) > 5
    published = [row[6] for row in page["rows"]]
    assert published == sorted(published, reverse=True)
    assert {row[0] for row in page["rows"]} <= set(ids)


def test_table_search_sorted_by_a_column_without_index_keeps_datasettes_plan(datasette):
    sql = get(datasette, "/archive/articles.json?_search=treaty&_sort=title").json()["query"]["sql"]
    assert " id in (select rowid from articles_fts" in sql and "+id" not in sql


@pytest.mark.parametrize("sql", ["delete from articles", "update articles set title = 'x'", "drop table articles",
                                 "insert into sources (name, slug) values ('x', 'x')",
                                 "select 1; delete from articles", "attach database ':memory:' as m",
                                 "pragma writable_schema = 1"])
def test_writes_through_the_sql_page_are_impossible(datasette, sql):
    before = get(datasette, "/archive/articles.json?_shape=array&_col=id").json()
    response = get(datasette, "/archive.json?sql=" + urllib.parse.quote(sql))
    assert response.status_code in (400, 403)
    assert get(datasette, "/archive/articles.json?_shape=array&_col=id").json() == before


def test_the_database_is_served_read_only(datasette):
    db = datasette.get_database("archive")
    conn = db.connect()
    with pytest.raises(Exception, match="readonly|read-only"):
        conn.execute("DELETE FROM sources")


def test_limits_are_set(datasette):
    settings = get(datasette, "/-/settings.json").json()
    assert settings["sql_time_limit_ms"] <= 5000
    assert settings["max_returned_rows"] <= 1000
    assert settings["suggest_facets"] is False


def test_serve_binds_loopback_by_default():
    from click.testing import CliRunner

    from ingest.cli import cli

    output = " ".join(CliRunner().invoke(cli, ["serve", "--help"]).output.split())
    assert "--host TEXT Interface to bind; 0.0.0.0 exposes it. [default: 127.0.0.1]" in output
