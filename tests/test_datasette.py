"""HTTP responses through Datasette's own test client."""

import asyncio

from conftest import ARCHIVE_ARTICLES


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def test_article_list_json_newest_first(datasette):
    response = get(datasette, "/archive/articles.json?_shape=array&_col=published&_col=file")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == ARCHIVE_ARTICLES
    dates = [r["published"] for r in rows if r["published"]]
    assert dates == sorted(dates, reverse=True)


def test_search_invincible_finds_the_june_2025_article(datasette):
    rows = get(datasette, "/archive/articles.json?_search=invincible&_shape=array").json()
    assert [r["published"] for r in rows] == ["2025-06-20"]


def test_row_page_html_and_json(datasette):
    rows = get(datasette, "/archive/articles.json?_shape=array&file=003_0cdc93a744032f18.txt").json()
    article_id = rows[0]["id"]
    html = get(datasette, f"/archive/articles/{article_id}")
    assert html.status_code == 200
    assert "Russia, North Korea say they&#39;ve strengthened ties" in html.text
    data = get(datasette, f"/archive/articles/{article_id}.json?_shape=array").json()
    assert data[0]["title"].startswith("Russia, North Korea say")


def test_mentions_expand_to_labels(datasette):
    rows = get(datasette, "/archive/mentions.json?_shape=array&_labels=on&_size=5").json()
    assert rows and isinstance(rows[0]["article_id"], dict) and "label" in rows[0]["article_id"]


def test_people_are_searchable_by_name(datasette):
    rows = get(datasette, "/archive/people.json?_search=Lavrov&_shape=array").json()
    assert [r["name"] for r in rows] == ["Sergei Lavrov"]


def test_table_metadata_descriptions_are_served(datasette):
    data = get(datasette, "/-/metadata.json").json()
    tables = data["databases"]["archive"]["tables"]
    assert "columns" in tables["mentions"] and "char_start" in tables["mentions"]["columns"]


def test_every_table_view_and_column_is_described(archive_db):
    """Every column of every table and view, ids included, has a description (full-text index
    tables and hidden internal tables aside: they are not part of the public data model)."""
    import sqlite3

    import yaml

    from ingest.serve import METADATA_PATH

    tables = yaml.safe_load(METADATA_PATH.read_text())["databases"]["archive"]["tables"]
    conn = sqlite3.connect(archive_db)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                        "AND name NOT LIKE '%_fts_%'")]
    missing = []
    for name in names:
        assert name in tables, f"{name} has no metadata"
        assert tables[name].get("description") or name.endswith("_fts"), f"{name} has no description"
        if tables[name].get("hidden") or name.endswith("_fts"):
            continue
        described = tables[name].get("columns", {})
        missing += [f"{name}.{r[1]}" for r in conn.execute(f"PRAGMA table_info([{name}])") if r[1] not in described]
        assert not set(described) - {r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")}, \
            f"{name}: metadata describes columns it does not have"
    assert missing == []
    assert {"article_entity_names", "mentions_in_context", "names_for_review"} <= set(names)
