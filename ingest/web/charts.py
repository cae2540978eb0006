"""Charts as Vega-Lite specs: rendered to SVG on the server for the charts page (vl-convert,
no JavaScript needed), drawn in the browser from the page's own data for entity pages (vendored
vega-embed, with a small table when scripts do not run). Pure, but for the renderer.

Measured on the test archive (2 shared cores): a chart of the charts page costs 40–70 ms to
render with vl-convert (its first use in a process ~0.6 s more, to start its JavaScript engine),
too slow for a static publish that renders every entity page, so entity pages only carry their
spec (~0.1 ms to build) and the browser draws it.

Rules every chart follows: no chart of one month (a sentence or a table says it instead), real
counts (mentions are mentions, articles are articles), gaps between months drawn as zero, and
each chart links to its data.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import subprocess
import sys

from markupsafe import Markup, escape

from ..models import BY_NAME

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
TYPE_COLOURS = {"person": "#1f6feb", "organization": "#9a6700", "place": "#1a7f37"}
OUTLET_COLOURS = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4", "#8c959f"]
OTHER_OUTLETS = "other outlets"
NO_OUTLET = "outlet not stated"  # the site's one wording (ingest.site.MISSING_OUTLET)
TOP_OUTLETS = 7
# Liberation Sans has Arial's metrics: the server measures text with the font most readers' browsers draw
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
CONFIG = {"font": FONT, "view": {"stroke": None}, "axis": {"labelColor": "#57606a", "titleColor": "#57606a",
          "gridColor": "#e6e9ec", "domainColor": "#8c959f", "tickColor": "#8c959f", "labelFontSize": 11},
          "legend": {"labelFontSize": 12, "titleFontSize": 12}, "header": {"labelFontSize": 12}}
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def months_between(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_name(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def month_axis(months: list[str], width: float, label_width: float = 62) -> dict:
    """The x encoding of a monthly bar chart: one band per month, its name centred under its bar
    (on a time axis a bar of June ends at the tick named July, and reads as July). Every month
    is named when there is room, else every 2nd, 3rd, 4th, 6th or 12th, on calendar months
    (Jan, Apr, Jul, Oct); the band keeps its hover text."""
    step = next((k for k in (1, 2, 3, 4, 6, 12) if len(months) / k * label_width <= width), 12)
    shown = [month_name(m) for m in months if (int(m[5:]) - 1) % step == 0] or [month_name(months[0])]
    return {"field": "label", "type": "ordinal", "title": None, "sort": None,
            "scale": {"domain": [month_name(m) for m in months], "paddingInner": 0.08, "paddingOuter": 0.04},
            "axis": {"values": shown, "labelAngle": 0, "labelOverlap": "parity", "labelPadding": 3}}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


# ---------------------------------------------------------------- rendering


_renderer_pid: int | None = None


@functools.lru_cache(maxsize=64)
def _render(spec_json: str) -> str:
    """SVG of a Vega-Lite spec. vl-convert's engine runs in threads of the process that first
    used it and does not survive a fork (a forked child's call hangs): a process forked from
    one that used it renders in a fresh interpreter instead."""
    global _renderer_pid
    if _renderer_pid is not None and _renderer_pid != os.getpid():
        done = subprocess.run([sys.executable, "-m", "ingest.web.charts"], input=spec_json, capture_output=True,
                              text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"chart rendering failed: {done.stderr.strip()[-300:]}")
        return done.stdout
    import vl_convert

    _renderer_pid = os.getpid()
    return vl_convert.vegalite_to_svg(json.loads(spec_json))


_VEGA_BASE = re.compile(r'xlink:href="https://vega\.github\.io/vega-datasets/(/[^"]*)"')
_LABELLED = re.compile(r'<(path|rect|circle|line|text)(\s[^>]*?)aria-label="([^"]*)"([^>]*?)(/?)>')


def svg(spec: dict, label: str, css_class: str = "vl-chart") -> Markup:
    """A spec rendered to SVG for a page: links are the site's own (`href="/people/..."`, which
    a static build rewrites and checks), each mark's description is its hover text."""
    out = _render(json.dumps(spec, sort_keys=True, ensure_ascii=False))
    out = _VEGA_BASE.sub(r'href="\1"', out)

    def titled(m: re.Match) -> str:
        tag, before, text, after, closed = m.groups()
        if not closed:
            return m.group(0)
        return f'<{tag}{before}aria-label="{text}"{after}><title>{text}</title></{tag}>'

    out = _LABELLED.sub(titled, out)
    out = out.replace('class="marks"', f'class="{css_class}" role="img" aria-label="{escape(label)}"', 1)
    return Markup(out)


NARROW = {"outlets": {"width": 280, "height": 200}, "mentions": {"width": 290}, "network": {"width": 330, "height": 560}}


def wide_and_narrow(wide_spec: dict, narrow_spec: dict, label: str) -> Markup:
    """A chart drawn twice, for a wide screen and for a phone (the stylesheet shows one): an
    SVG drawn 700 px wide and shrunk to a phone's width would have 5 px text."""
    return Markup(f'<div class="chart-wide">{svg(wide_spec, label)}</div>'
                  f'<div class="chart-narrow">{svg(narrow_spec, label, "vl-chart-narrow")}</div>')


# ---------------------------------------------------------------- articles over time, by outlet


def outlet_rows(rows: list[dict], top: int = TOP_OUTLETS) -> tuple[list[dict], list[str]]:
    """Articles per month and outlet (rows of month, outlet, articles) with all but the top
    outlets merged into 'other outlets'; and the outlets in legend order."""
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["outlet"]] = totals.get(r["outlet"], 0) + r["articles"]
    ranked = sorted(totals, key=lambda o: (-totals[o], o))
    kept = ranked[:top] if len(ranked) <= top + 1 else ranked[:top]
    merged: dict[tuple[str, str], int] = {}
    for r in rows:
        outlet = r["outlet"] if r["outlet"] in kept else OTHER_OUTLETS
        merged[(r["month"], outlet)] = merged.get((r["month"], outlet), 0) + r["articles"]
    order = [o for o in kept if o != NO_OUTLET] + ([OTHER_OUTLETS] if len(ranked) > len(kept) else []) + \
        ([NO_OUTLET] if NO_OUTLET in kept else [])  # the unknown last, in grey: not an outlet of its own
    out = [{"month": m, "outlet": o, "articles": n} for (m, o), n in sorted(merged.items())]
    return out, order


def outlet_spec(rows: list[dict], order: list[str], width: int = 700, height: int = 220) -> dict:
    """Stacked bars: articles per month, one colour per outlet (the legend beside the chart, or
    under it in two columns when the chart is narrow)."""
    present = sorted({r["month"] for r in rows})
    months = months_between(present[0], present[-1])
    values = [dict(r, label=month_name(r["month"])) for r in rows]
    named = iter(OUTLET_COLOURS[:-1])
    colours = [OUTLET_COLOURS[-1] if o == OTHER_OUTLETS else "#d0d7de" if o == NO_OUTLET else next(named, "#57606a")
               for o in order]
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": width, "height": height, "config": CONFIG,
        "data": {"values": values},
        "mark": {"type": "bar", "stroke": "#fff", "strokeWidth": 0.5},
        "encoding": {
            "x": month_axis(months, width),
            "y": {"field": "articles", "type": "quantitative", "aggregate": "sum", "stack": "zero",
                  "title": "articles", "axis": {"tickMinStep": 1, "format": "d"}},
            "color": {"field": "outlet", "type": "nominal", "title": "Outlet",
                      "scale": {"domain": order, "range": colours},
                      "legend": {"orient": "right"} if width >= 500 else {"orient": "bottom", "columns": 2}},
            "order": {"field": "outlet_rank", "type": "quantitative"},
            "description": {"field": "description"},
        },
        "transform": [
            {"calculate": f"indexof({json.dumps(order)}, datum.outlet)", "as": "outlet_rank"},
            {"calculate": "datum.label + ', ' + datum.outlet + ': ' + datum.articles + "
                          "(datum.articles == 1 ? ' article' : ' articles')", "as": "description"},
        ],
    }


# ---------------------------------------------------------------- mentions over time


def filled_series(series: list[dict], months: list[str], keys: tuple[str, ...] = ("mentions",)) -> list[dict]:
    """One row per month of `months`, zero where the series has none."""
    by_month = {p["month"]: p for p in series}
    return [{"month": m, **{k: (by_month.get(m) or {}).get(k, 0) for k in keys}} for m in months]


def mentions_spec(people: list[dict], width: int = 700, panel_height: int = 46) -> dict:
    """Small multiples: one panel of monthly mention bars per person, on a shared time axis;
    each panel has its own scale (its largest month is marked on its axis), so a person named a
    few times is as readable as one named in every article."""
    months = months_between(min(p["month"] for s in people for p in s["series"]),
                            max(p["month"] for s in people for p in s["series"]))
    values = []
    for rank, person in enumerate(people):
        total = sum(p["mentions"] for p in person["series"])
        panel = f"{person['name']} ({_plural(total, 'mention')})"
        for point in filled_series(person["series"], months):
            values.append({"panel": panel, "rank": rank, "url": f"/people/{person['slug']}",
                           "label": month_name(point["month"]), "mentions": point["mentions"],
                           "description": f"{person['name']}, {month_name(point['month'])}: "
                                          f"{_plural(point['mentions'], 'mention')}"})
    return {
        "$schema": VEGA_LITE_SCHEMA, "config": dict(CONFIG, facet={"spacing": 8}), "data": {"values": values},
        "transform": [{"filter": "datum.mentions > 0"}],  # an empty month is a gap, not a sliver of a bar
        "facet": {"row": {"field": "panel", "type": "nominal", "title": None,
                          "sort": {"field": "rank", "op": "min"},
                          "header": {"labelAngle": 0, "labelAlign": "left", "labelAnchor": "start",
                                     "labelOrient": "top", "labelPadding": 2, "labelFontWeight": "bold",
                                     "labelColor": "#1f2328"}}},
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": width, "height": panel_height,
            "mark": {"type": "bar", "color": "#1f6feb", "stroke": "#fff", "strokeWidth": 0.5},
            "encoding": {
                "x": month_axis(months, width),
                "y": {"field": "mentions", "type": "quantitative", "title": None,
                      "axis": {"tickCount": 2, "format": "d", "tickMinStep": 1}},
                "y2": {"datum": 0},
                "href": {"field": "url"},
                "description": {"field": "description"},
            },
        },
    }


def entity_spec(name: str, series: list[dict], width: int = 560, height: int = 140) -> dict:
    """An entity page's chart: its mentions per month (gaps as zero), articles in the hover text."""
    months = months_between(series[0]["month"], series[-1]["month"])
    values = [{"label": month_name(p["month"]), "mentions": p["mentions"], "articles": p["articles"]}
              for p in filled_series(series, months, ("mentions", "articles"))]
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": width, "height": height, "config": CONFIG,
        "description": f"Mentions of {name} per month", "data": {"values": values},
        "transform": [{"filter": "datum.mentions > 0"}],  # an empty month is a gap, not a sliver of a bar
        "mark": {"type": "bar", "color": "#1f6feb", "stroke": "#fff", "strokeWidth": 0.5},
        "encoding": {
            "x": month_axis(months, width),
            "y": {"field": "mentions", "type": "quantitative", "title": "mentions",
                  "axis": {"format": "d", "tickMinStep": 1}},
            "y2": {"datum": 0},
            "tooltip": [{"field": "label", "title": "month"}, {"field": "mentions", "title": "mentions"},
                        {"field": "articles", "title": "articles"}],
        },
    }


def year_table(series: list[dict], key: str = "mentions") -> dict:
    """A compact table of a monthly series: one row per year, one column per month."""
    years: dict[str, list] = {}
    for p in series:
        year, month = p["month"].split("-")
        years.setdefault(year, [None] * 12)[int(month) - 1] = p[key]
    return {"months": MONTH_NAMES, "years": [{"year": y, "cells": cells, "total": sum(c or 0 for c in cells)}
                                             for y, cells in sorted(years.items())]}


def one_month_sentence(series: list[dict], what: str = "mention") -> str | None:
    """The sentence that stands for a chart of a single month (None for more months or none)."""
    if len(series) != 1:
        return None
    p = series[0]
    count = p.get("mentions", p.get("articles", 0))
    if count == 1:
        return f"The only {what} with a date is from {month_name(p['month'])}."
    counts = _plural(count, what)
    if "articles" in p and "mentions" in p:
        counts += f" in {_plural(p['articles'], 'article')}"
    return f"All {counts} with a date are from {month_name(p['month'])}."


# ---------------------------------------------------------------- who appears with whom


def layout(nodes: list[dict], edges: list[dict], width: float = 880, height: float = 520,
           iterations: int = 300, margin: float = 0.15) -> dict[tuple, tuple[float, float]]:
    """Force-directed positions (Fruchterman–Reingold, deterministic: nodes start on a circle
    in the order given), in pixels within width x height, `margin` of the width left free on
    each side for the labels."""
    keys = [(n["type"], n["id"]) for n in nodes]
    count = len(keys)
    if count == 1:
        return {keys[0]: (width / 2, height / 2)}
    pos = {k: [math.cos(2 * math.pi * i / count) * width / 3, math.sin(2 * math.pi * i / count) * height / 3]
           for i, k in enumerate(keys)}
    heaviest = max((e["articles"] for e in edges), default=1)
    k_len = math.sqrt(width * height / count) * 0.6
    temperature = width / 8
    for step in range(iterations):
        move = {k: [0.0, 0.0] for k in keys}
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 0.01
                f = k_len * k_len / d
                move[a][0] += dx / d * f
                move[a][1] += dy / d * f
                move[b][0] -= dx / d * f
                move[b][1] -= dy / d * f
        for e in edges:
            a, b = tuple(e["a"]), tuple(e["b"])
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.hypot(dx, dy) or 0.01
            f = d * d / k_len * (0.3 + 0.7 * e["articles"] / heaviest)
            move[a][0] -= dx / d * f
            move[a][1] -= dy / d * f
            move[b][0] += dx / d * f
            move[b][1] += dy / d * f
        for k in keys:  # a pull to the centre keeps loose nodes from drifting off
            move[k][0] -= pos[k][0] * 0.02 * k_len / 10
            move[k][1] -= pos[k][1] * 0.02 * k_len / 10
            d = math.hypot(*move[k]) or 0.01
            limit = min(d, temperature)
            pos[k][0] += move[k][0] / d * limit
            pos[k][1] += move[k][1] / d * limit
        temperature = max(1.0, temperature * 0.985)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    sx = (width * (1 - 2 * margin)) / ((max(xs) - min(xs)) or 1)
    sy = (height * 0.9) / ((max(ys) - min(ys)) or 1)
    placed = {k: ((p[0] - min(xs)) * sx + width * margin, (p[1] - min(ys)) * sy + height * 0.05)
              for k, p in pos.items()}
    return placed


def wrap_label(text: str, width: int = 24) -> str:
    """A long name on two or three lines ("Central Committee of the\\nWorkers' Party of Korea")."""
    if len(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _label_boxes_apart(nodes: list[dict], size: float = 12.0, rounds: int = 60) -> None:
    """Moves nodes apart vertically where their label boxes (estimated) overlap."""
    def box(n):
        lines = n["label"].split("\n")
        w = 0.56 * size * max(len(line) for line in lines) + 2
        h = size * 1.2 * len(lines)
        x0 = n["x"] + n["r"] + 4 if n["side"] == "right" else n["x"] - n["r"] - 4 - w
        return [min(x0, n["x"] - n["r"]), n["y"] - h / 2, max(x0 + w, n["x"] + n["r"]), n["y"] + h / 2]

    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                ba, bb = box(a), box(b)
                if ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]:
                    overlap = min(ba[3], bb[3]) - max(ba[1], bb[1]) + 2
                    up, down = (a, b) if a["y"] <= b["y"] else (b, a)
                    up["y"] -= overlap / 2
                    down["y"] += overlap / 2
                    moved = True
        if not moved:
            return


def network_spec(nodes: list[dict], edges: list[dict], width: int = 880, height: int = 520) -> dict:
    """network_spec, remembered: the layout costs ~0.1 s, and the charts page asks for it (wide
    and narrow) on every visit while the archive's co-occurrences stay the same."""
    key = json.dumps([nodes, edges, width, height], sort_keys=True, ensure_ascii=False)
    return json.loads(_network_spec_json(key))


@functools.lru_cache(maxsize=8)
def _network_spec_json(key: str) -> str:
    nodes, edges, width, height = json.loads(key)
    return json.dumps(_network_spec(nodes, edges, width, height), ensure_ascii=False)


def _network_spec(nodes: list[dict], edges: list[dict], width: int, height: int) -> dict:
    """Who appears with whom: positions computed here (layout), drawn with Vega-Lite: a line per
    pair (wider for more articles naming both), a dot per actor (bigger for more articles),
    labels beside the dots on the side away from the centre. Vega-Lite's `pad` autosize makes
    the view as large as its marks, so no label is cut off."""
    narrow = width < 500  # a phone's: labels wrapped shorter, dots kept to the middle so labels fit beside them
    positions = layout(nodes, edges, width, height, margin=0.3 if narrow else 0.15)
    largest = max(n["article_count"] for n in nodes) or 1
    drawn = []
    for n in nodes:
        x, y = positions[(n["type"], n["id"])]
        drawn.append({"key": f"{n['type']}:{n['id']}", "name": n["name"], "label": wrap_label(n["name"], 16 if narrow else 24),
                      "type": n["type"], "x": x, "y": y, "r": 5 + 9 * math.sqrt(n["article_count"] / largest),
                      "side": "right" if x >= width / 2 else "left", "articles": n["article_count"],
                      "url": f"/{BY_NAME[n['type']].table}/{n['slug']}",
                      "description": f"{n['name']}: {_plural(n['article_count'], 'article')}"})
    _label_boxes_apart(drawn)
    at = {d["key"]: d for d in drawn}
    lines = []
    for e in edges:
        a, b = at[f"{e['a'][0]}:{e['a'][1]}"], at[f"{e['b'][0]}:{e['b'][1]}"]
        lines.append({"x": a["x"], "y": a["y"], "x2": b["x"], "y2": b["y"], "articles": e["articles"],
                      "description": f"{a['name']} and {b['name']}: {_plural(e['articles'], 'article')} naming both"})
    for d in drawn:
        d["size"] = math.pi * d["r"] ** 2
        d["label_x"] = d["x"] + (d["r"] + 4) * (1 if d["side"] == "right" else -1)
    x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"domain": [0, width], "nice": False}}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"domain": [height, 0], "nice": False}}
    types = [t for t in TYPE_COLOURS if any(d["type"] == t for d in drawn)]

    def labels(side: str) -> dict:
        return {"data": {"values": [d for d in drawn if d["side"] == side]},
                "mark": {"type": "text", "align": "left" if side == "right" else "right", "baseline": "middle",
                         "fontSize": 12, "lineBreak": "\n", "color": "#1f2328"},
                "encoding": {"x": dict(x, field="label_x"), "y": y, "text": {"field": "label"},
                             "href": {"field": "url"}, "description": {"field": "description"}}}

    return {
        "$schema": VEGA_LITE_SCHEMA, "width": width, "height": height, "autosize": {"type": "pad"},
        "config": CONFIG,
        "layer": [
            {"data": {"values": lines},
             "mark": {"type": "rule", "color": "#8c959f", "opacity": 0.55, "strokeCap": "round"},
             "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"},
                          "strokeWidth": {"field": "articles", "type": "quantitative", "legend": None,
                                          "scale": {"range": [0.6, 7], "zero": False}},
                          "description": {"field": "description"}}},
            {"data": {"values": drawn},
             "mark": {"type": "circle", "opacity": 0.9, "stroke": "#fff", "strokeWidth": 1.5},
             "encoding": {"x": x, "y": y, "size": {"field": "size", "type": "quantitative", "scale": None},
                          "color": {"field": "type", "type": "nominal", "title": None,
                                    "scale": {"domain": types, "range": [TYPE_COLOURS[t] for t in types]},
                                    "legend": {"orient": "bottom", "direction": "horizontal"}},
                          "href": {"field": "url"}, "description": {"field": "description"}}},
            labels("right"), labels("left"),
        ],
    }


# ---------------------------------------------------------------- a table instead of a chart


def table_html(headers: list[str], rows: list[list], numeric: set[int] = frozenset(), caption: str | None = None
               ) -> Markup:
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{escape("" if c is None else c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return Markup(f'<table class="chart-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


if __name__ == "__main__":  # the renderer of a forked process (see _render): a spec on stdin, SVG on stdout
    import vl_convert

    sys.stdout.write(vl_convert.vegalite_to_svg(json.loads(sys.stdin.read())))
