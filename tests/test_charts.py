"""Charts: the data behind them is right (articles by outlet add up, mentions are mentions),
they render to SVG on the server for the charts page and as a spec plus a table on entity
pages, a single month is a sentence and never a one-bar chart, and the renderer survives a fork."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import re
import shutil
import sqlite3

import pytest

from ingest.web import charts


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


# ---------------------------------------------------------------- pure parts


def test_outlets_beyond_the_top_are_merged_and_totals_kept():
    rows = [{"month": "2024-06", "outlet": o, "articles": n}
            for o, n in [("Yonhap", 5), ("TASS", 4), ("KCNA", 3), ("Reuters", 2), ("AP", 1), ("dpa", 1)]]
    rows.append({"month": "2024-07", "outlet": "Yonhap", "articles": 2})
    merged, order = charts.outlet_rows(rows, top=3)
    assert order == ["Yonhap", "TASS", "KCNA", charts.OTHER_OUTLETS]
    assert sum(r["articles"] for r in merged) == sum(r["articles"] for r in rows)
    assert {"month": "2024-06", "outlet": charts.OTHER_OUTLETS, "articles": 4} in merged
    merged, order = charts.outlet_rows(rows[:2])
    assert charts.OTHER_OUTLETS not in order
    rows.append({"month": "2024-07", "outlet": charts.NO_OUTLET, "articles": 9})
    merged, order = charts.outlet_rows(rows, top=3)
    assert order == ["Yonhap", "TASS", charts.OTHER_OUTLETS, charts.NO_OUTLET]  # the unknown last, not first
    spec = charts.outlet_spec(merged, order)
    assert spec["encoding"]["color"]["scale"]["range"][-1] == "#d0d7de"


def test_small_multiples_fill_gaps_with_zero_and_keep_one_panel_each():
    people = [{"slug": "choe-son-hui", "name": "Choe Son Hui", "series": [{"month": "2024-11", "mentions": 4},
                                                                        {"month": "2025-02", "mentions": 1}]},
              {"slug": "kim-jong-un", "name": "Kim Jong Un", "series": [{"month": "2024-10", "mentions": 40}]}]
    spec = charts.mentions_spec(people)
    values = spec["data"]["values"]
    panels = {v["panel"] for v in values}
    assert panels == {"Choe Son Hui (5 mentions)", "Kim Jong Un (40 mentions)"}
    assert len(values) == 2 * 5  # Oct 2024 .. Feb 2025 for both
    choe = [v["mentions"] for v in values if v["panel"].startswith("Choe")]
    assert choe == [0, 4, 0, 0, 1]
    assert spec["resolve"]["scale"]["y"] == "independent"  # a few mentions are not flattened by many


def test_one_month_is_a_sentence():
    assert charts.one_month_sentence([{"month": "2025-06", "mentions": 3, "articles": 2}]) == \
        "All 3 mentions in 2 articles with a date are from Jun 2025."
    assert charts.one_month_sentence([{"month": "2025-06", "articles": 1}], "article") == \
        "The only article with a date is from Jun 2025."
    assert charts.one_month_sentence([]) is None
    assert charts.one_month_sentence([{"month": "2025-06", "mentions": 1}, {"month": "2025-07", "mentions": 1}]) is None


def test_long_names_wrap_and_network_labels_sit_beside_their_dots():
    assert charts.wrap_label("Central Committee of the Workers' Party of Korea") == \
        "Central Committee of the\nWorkers' Party of Korea"
    nodes = [{"type": "person", "id": i, "slug": f"p{i}", "name": f"Person number {i}", "article_count": 10 - i}
             for i in range(8)]
    nodes.append({"type": "organization", "id": 99, "slug": "cc", "article_count": 3,
                  "name": "Central Committee of the Workers' Party of Korea"})
    edges = [{"a": ("person", 0), "b": ("person", i), "articles": i} for i in range(1, 8)]
    spec = charts.network_spec(nodes, edges)
    assert spec["autosize"] == {"type": "pad"}  # the view grows to hold every label
    drawn = spec["layer"][1]["data"]["values"]
    for d in drawn:
        assert 0 <= d["x"] <= spec["width"]
        assert (d["label_x"] > d["x"]) == (d["side"] == "right")
    svg = str(charts.svg(spec, "test network"))
    assert "Workers&#39; Party of Korea" in svg or "Workers' Party of Korea" in svg
    assert 'href="/organizations/cc"' in svg and "vega.github.io" not in svg
    width, height = map(float, re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg).groups())
    assert width > spec["width"]  # padded out for the labels, not cut


def test_a_forked_process_still_renders(tmp_path):
    """vl-convert's engine does not survive a fork: a child of a process that used it renders in
    a fresh interpreter instead of hanging (static publishing forks its page renderers)."""
    spec = {"$schema": charts.VEGA_LITE_SCHEMA, "data": {"values": [{"a": 1}, {"a": 2}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "ordinal"}, "y": {"field": "a", "type": "quantitative"}}}
    assert "<svg" in charts.svg(spec, "in the parent")
    with multiprocessing.get_context("fork").Pool(1) as pool:
        out = pool.apply_async(_render_in_child, (json.dumps(spec),)).get(timeout=90)
    assert out.startswith("<svg")


def _render_in_child(spec_json: str) -> str:
    spec = json.loads(spec_json)
    spec["description"] = "in the child"  # not the parent's cached spec
    return str(charts.svg(spec, "in the child"))


# ---------------------------------------------------------------- the pages


def test_charts_json_counts_articles_by_outlet(datasette, db_conn):
    data = get(datasette, "/charts.json").json()
    per_month = {p["month"]: p["articles"] for p in data["per_month"]}
    by_outlet: dict[str, int] = {}
    for r in data["per_month_outlet"]:
        by_outlet[r["month"]] = by_outlet.get(r["month"], 0) + r["articles"]
    assert by_outlet == per_month
    undated = db_conn.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]
    assert data["undated_articles"] == undated
    assert sum(per_month.values()) + undated == db_conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_the_charts_page_has_three_server_rendered_charts(datasette):
    html = get(datasette, "/charts").text
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 3 and html.count('class="vl-chart"') == 3
    assert "<script" not in html.split("<h1>")[1].split("</footer>")[0].split("<footer")[0]  # no script needed
    assert "Choe Son Hui (" in html  # her own panel
    assert 'href="/people/choe-son-hui"' in html and 'href="/people/kim-jong-un"' in html
    assert html.count('href="/charts.json"') >= 4  # each chart links to its data
    assert "rral Committee" not in html.replace("Central Committee", "")
    assert "<title>" in html.split('class="vl-chart"')[1]  # hover text on the marks


def test_the_charts_page_has_a_phone_copy_of_each_chart(datasette):
    """A 700 px chart shrunk to a phone's width has 5 px text: each chart is drawn a second
    time, narrow, and the stylesheet shows one of the two."""
    html = get(datasette, "/charts").text
    assert html.count('class="chart-wide"') == 3 and html.count('class="chart-narrow"') == 3
    for part in html.split('class="chart-narrow"')[1:]:
        narrow = part[:part.index("</svg>")]
        assert 'class="vl-chart-narrow"' in narrow
        assert float(re.search(r'<svg[^>]* width="([\d.]+)"', narrow).group(1)) <= 360
    assert "Choe Son Hui (" in html.split('class="chart-narrow"')[2]
    css = get(datasette, "/static/charts.css").text
    assert ".chart-narrow { display: none; }" in css and "@media (max-width: 640px)" in css


def test_entity_pages_carry_their_chart_as_data_and_a_table(datasette, db_conn):
    html = get(datasette, "/people/kim-jong-un").text
    spec = json.loads(re.search(r'<script type="application/json" class="chart-spec">(.*?)</script>', html, re.S)
                      .group(1))
    mentions = db_conn.execute("""SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id
        JOIN people p ON p.id = m.person_id WHERE p.slug = 'kim-jong-un' AND a.published IS NOT NULL""").fetchone()[0]
    assert sum(v["mentions"] for v in spec["data"]["values"]) == mentions
    assert 'class="chart-fallback"' in html and "<th>2024</th>" in html
    assert 'src="/static/vega-embed.min.js"' in html
    data = get(datasette, "/people/kim-jong-un.json").json()
    assert sum(m["mentions"] for m in data["mentions_by_month"]) == mentions


def test_a_single_month_is_never_a_chart(archive_db, tmp_path):
    from ingest.serve import make_datasette

    copy = tmp_path / "archive.db"
    shutil.copy(archive_db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE articles SET published = '2025-06-1' || (id % 9) WHERE published IS NOT NULL")
    conn.execute("UPDATE article_entities SET published = (SELECT published FROM articles WHERE id = article_id)")
    conn.commit()
    conn.close()
    ds = make_datasette(copy)
    html = get(ds, "/charts").text
    assert 'class="vl-chart"' in html  # the network does not depend on months
    assert html.count('class="vl-chart"') == 1 and html.count('class="vl-chart-narrow"') == 1
    assert "with a date are from Jun 2025" in html and 'class="chart-table"' in html
    person = get(ds, "/people/kim-jong-un").text
    assert "chart-spec" not in person and "with a date are from Jun 2025." in person


@pytest.mark.parametrize("path", ["/people/choe-son-hui", "/organizations/korean-central-news-agency",
                                  "/places/kursk"])
def test_entity_pages_render(datasette, path):
    response = get(datasette, path)
    assert response.status_code == 200
    assert "chart-spec" in response.text or "chart-sentence" in response.text


def test_month_names_sit_under_their_own_bars():
    """A band per month, named under its middle: on a time axis June's bar ended at the tick
    named 'Jul 2024' and read as July (the treaty was signed in June)."""
    months = charts.months_between("2024-06", "2025-07")
    wide, narrow = charts.month_axis(months, 700), charts.month_axis(months, 280)
    assert wide["type"] == "ordinal" and wide["scale"]["domain"][0] == "Jun 2024" and len(wide["scale"]["domain"]) == 14
    assert wide["axis"]["values"] == ["Jul 2024", "Sep 2024", "Nov 2024", "Jan 2025", "Mar 2025", "May 2025",
                                      "Jul 2025"]
    assert narrow["axis"]["values"] == ["Sep 2024", "Jan 2025", "May 2025"]  # every 4th: Jan, May, Sep
    assert charts.month_axis(["2024-11", "2024-12"], 560)["axis"]["values"] == ["Nov 2024", "Dec 2024"]
    spec = charts.outlet_spec([{"month": "2024-06", "outlet": "KCNA", "articles": 3},
                               {"month": "2024-09", "outlet": "TASS", "articles": 1}], ["KCNA", "TASS"])
    assert spec["encoding"]["x"]["scale"]["domain"] == ["Jun 2024", "Jul 2024", "Aug 2024", "Sep 2024"]
