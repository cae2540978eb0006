"""Server-rendered SVG charts: no JavaScript, no CDN, readable in a static site too. Pure."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from ..models import BY_NAME

PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4", "#57606a"]
TYPE_COLOURS = {"person": "#1f6feb", "organization": "#9a6700", "place": "#1a7f37"}


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def bar_chart(points: list[dict], key: str, value: str, title: str, width: int = 720, height: int = 240) -> Markup:
    """Bars per month (gaps filled with zero), with labelled axes and a <title> per bar."""
    if not points:
        return Markup('<p class="empty">No dated articles yet.</p>')
    months = _months(points[0][key], points[-1][key])
    values = {p[key]: p[value] for p in points}
    top = max(values.values()) or 1
    left, bottom, right, top_pad = 36, 28, 8, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    bar_w = plot_w / len(months)
    parts = _frame(title, width, height, top, left, right, top_pad, plot_h)
    for i, month in enumerate(months):
        count = values.get(month, 0)
        h = plot_h * count / top
        x = left + i * bar_w
        parts.append(f'<rect x="{x + 1:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                     f'height="{h:.1f}" class="bar"><title>{month}: {count}</title></rect>')
        if len(months) <= 12 or i % math.ceil(len(months) / 12) == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle">{month}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(series: list[dict], title: str, width: int = 720, height: int = 260) -> Markup:
    """One line per person: mentions per month, with a legend linking to each person."""
    all_months = sorted({p["month"] for s in series for p in s["series"]})
    if not all_months:
        return Markup('<p class="empty">No dated mentions yet.</p>')
    months = _months(all_months[0], all_months[-1])
    top = max(p["mentions"] for s in series for p in s["series"]) or 1
    left, bottom, right, top_pad = 36, 28, 30, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    step = plot_w / max(len(months) - 1, 1)
    parts = _frame(title, width, height, top, left, right, top_pad, plot_h)
    for i, month in enumerate(months):
        if len(months) <= 12 or i % math.ceil(len(months) / 12) == 0:
            parts.append(f'<text x="{left + i * step:.1f}" y="{height - 8}" text-anchor="middle">{month}</text>')
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        values = {p["month"]: p["mentions"] for p in s["series"]}
        points = " ".join(f"{left + i * step:.1f},{top_pad + plot_h - plot_h * values.get(m, 0) / top:.1f}"
                          for i, m in enumerate(months))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
                     f"<title>{escape(s['name'])}</title></polyline>")
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch" style="background:{PALETTE[n % len(PALETTE)]}"></span>'
                     f'<a href="/people/{escape(s["slug"])}">{escape(s["name"])}</a></li>' for n, s in enumerate(series))
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')


def network(nodes: list[dict], edges: list[dict], title: str, size: int = 560) -> Markup:
    """Main actors on a circle; a line's width is the number of articles naming both."""
    if not nodes:
        return Markup('<p class="empty">No co-occurrences yet.</p>')
    margin = 190  # room for names on both sides
    width = size + 2 * margin
    centre_x, centre_y, radius = width / 2, size / 2, size / 2 - 40
    positions = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        positions[(node["type"], node["id"])] = (centre_x + radius * math.cos(angle),
                                                 centre_y + radius * math.sin(angle), angle)
    heaviest = max((e["articles"] for e in edges), default=1)
    parts = [f'<svg class="chart network" viewBox="0 0 {width} {size}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for edge in edges:
        (x1, y1, _), (x2, y2, _) = positions[edge["a"]], positions[edge["b"]]
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="edge" '
                     f'stroke-width="{0.5 + 6 * edge["articles"] / heaviest:.1f}"><title>{_articles(edge["articles"])}'
                     f" naming both</title></line>")
    largest = max(n["article_count"] for n in nodes) or 1
    for node in nodes:
        x, y, angle = positions[(node["type"], node["id"])]
        r = 4 + 10 * math.sqrt(node["article_count"] / largest)
        anchor = "start" if math.cos(angle) >= 0 else "end"
        dx = (r + 4) * (1 if anchor == "start" else -1)
        table = BY_NAME[node["type"]].table
        parts.append(f'<a href="/{table}/{escape(node["slug"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                     f'fill="{TYPE_COLOURS[node["type"]]}"><title>{escape(node["name"])}: {_articles(node["article_count"])}'
                     f'</title></circle><text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                     f'{escape(node["name"])}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _articles(count: int) -> str:
    return f"{count:,} article" + ("" if count == 1 else "s")


def _frame(title: str, width: int, height: int, top: int, left: int, right: int, top_pad: int,
           plot_h: float) -> list[str]:
    """The opening of a chart: <svg>, its title, and horizontal grid lines with y-axis labels."""
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for tick in _ticks(top):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    return parts


def _ticks(top: int) -> list[int]:
    step = max(1, 10 ** int(math.log10(top)) if top >= 10 else 1)
    while top / step > 5:
        step *= 2
    return list(range(0, top + 1, step))
