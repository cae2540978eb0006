"""Datasette plugin: the archive's research site — home, article, entity, source, search,
timeline and chart pages, each with a JSON twin (add .json), plus an Atom feed, a sitemap and
robots.txt. Views are thin: data comes from ingest.web.queries, HTML from templates/site_*.html.

Registered through the `datasette` entry point, so `datasette archive.db` with the package
installed serves the site too: its templates and static files are this package's folders, and
the archive's metadata (descriptions, facets, canned queries) comes from the get_metadata hook
when the instance was not built by `ingest.serve.make_datasette`."""

from __future__ import annotations

import asyncio
import functools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

import yaml
from datasette import hookimpl
from markupsafe import Markup, escape
from datasette.utils.asgi import NotFound, Response

from ingest.site import limits, review
from ingest.web import charts, curation, maps, queries
from ingest.web.render import Span, render_text, snippet_html
from ingest.web.warm import IndexWarmer

DATABASE = "archive"
SITEMAP_PAGE = 50_000
TYPE_TABLES = queries.TYPE_TABLES


def _db(datasette):
    return datasette.get_database(DATABASE)


def _json(data, status: int = 200) -> Response:
    return Response(json.dumps(data, default=str, ensure_ascii=False, separators=(",", ":")), status=status,
                    content_type="application/json; charset=utf-8",
                    headers={"Access-Control-Allow-Origin": "*"})


MEMO_SIZE = 64


async def _page_data(datasette, key: tuple, compute):
    """A page's data. While `archive publish static` renders a fixed database, the JSON twin
    reuses the data its HTML page just computed instead of querying again."""
    if not (datasette.plugin_config("archive-site") or {}).get("static"):
        return await compute()
    memo = datasette.__dict__.setdefault("_archive_page_memo", {})
    if key not in memo:
        memo[key] = await compute()
        while len(memo) > MEMO_SIZE:
            memo.pop(next(iter(memo)))
    return memo[key]


async def _page(datasette, request, template: str, context: dict) -> Response:
    html = await datasette.render_template([template], context, request=request)
    return Response.html(html)


async def _respond(datasette, request, data: dict, template: str, **extra) -> Response:
    """The page's JSON twin when the URL ends in .json, else the page (data plus extra context)."""
    if request.url_vars.get("format") == "json":
        return _json(data)
    return await _page(datasette, request, template, dict(data, **extra) if extra else data)


# ---------------------------------------------------------------- pages


async def home(datasette, request):
    data = await queries.home(_db(datasette))
    return await _respond(datasette, request, data, "site_home.html")


async def article_list(datasette, request):
    data = await queries.article_index(_db(datasette))
    return await _respond(datasette, request, data, "site_articles.html")


async def month(datasette, request):
    data = await queries.month(_db(datasette), request.url_vars["month"])
    if data is None:
        raise NotFound(f"No articles in {request.url_vars['month']!r}")
    return await _respond(datasette, request, data, "site_month.html")


def _spans(article: dict, field: str) -> list[Span]:
    spans = []
    for m in article["mentions"]:
        if m["field"] == field:
            spans.append(Span(m["char_start"], m["char_end"], m["entity_type"], f"m-{m['id']}",
                              queries.entity_url(m["entity_type"], m["entity_slug"]), m["entity_name"]))
    for q in article["quotes"]:
        if q["field"] == field:
            spans.append(Span(q["char_start"], q["char_end"], "quote", f"q-{q['id']}", None,
                              f"Quote — {q['person_name'] or q['organization_name'] or q['speaker'] or 'unattributed'}"))
    for e in article["events"]:
        if e["field"] == field:
            spans.append(Span(e["char_start"], e["char_end"], "event", f"e-{e['id']}", None, f"{e['date']}"))
    return spans


# ---------------------------------------------------------------- addresses

LOCAL = "http://localhost"  # a static build's stand-in for its site URL (see ingest.publish)
LOOPBACK_HOST = re.compile(r"(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?", re.I)


def site_base(datasette, request) -> str | None:
    """Scheme and host that absolute links name: the configured site URL (`site_url` of the
    archive-site plugin, `archive serve --site-url`); else the request's own when it is this
    machine (a loopback Host header); else None. Any other Host header is never trusted: it is
    whatever the client sent, and a feed, sitemap or citation built from it could point readers
    anywhere (and be cached that way)."""
    config = datasette.plugin_config("archive-site") or {}
    if config.get("static"):
        return LOCAL  # the build writes the real site URL in (or makes the links relative)
    if config.get("site_url"):
        return str(config["site_url"]).rstrip("/")
    host = request.headers.get("host", "")
    if LOOPBACK_HOST.fullmatch(host) and not request.scope.get("archive_host_replaced"):
        return f"{'https' if request.scheme == 'https' else 'http'}://{host.lower()}"
    return None


def absolute(datasette, request, path: str) -> str:
    """An absolute URL for a feed or sitemap (which need one): with no trusted base, the
    archive's local address stands in."""
    return (site_base(datasette, request) or LOCAL) + datasette.urls.path(path)


def web_address(url: str | None) -> str | None:
    """url when it is an http(s) address that can be a link; None for anything else."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


MISSING_OUTLET = "outlet not stated"  # the one wording for an article whose outlet the text does not name


def citation(data: dict, permalink: str) -> str:
    """How to cite an article: outlet, headline, date, its original address when known, the day
    the archive retrieved it and the archive's permalink."""
    text = f"{data['source'] or MISSING_OUTLET.capitalize()}, “{data['label']}”, {data['published'] or 'date not stated'}"
    if data.get("url"):
        text += f", {data['url'].strip()}"
    retrieved = (data.get("ingested_at") or "")[:10]
    return text + f" (retrieved {retrieved}; archived at {permalink})."


async def article(datasette, request):
    slug = request.url_vars["slug"]
    data = await _page_data(datasette, ("article", slug), lambda: queries.article(_db(datasette), slug))
    if data is None:
        raise NotFound(f"No article with the slug {slug!r}")
    config = datasette.plugin_config("archive-site") or {}
    base = site_base(datasette, request)
    path = datasette.urls.path(f"/articles/{slug}")
    permalink = base + path if base else path
    # a static build with no site URL, or a server reached by a name it does not know: the
    # reader's browser completes the address (it knows where it is)
    complete_in_browser = base is None or (config.get("static") and not config.get("site_url_given"))
    data = dict(data, permalink=permalink, citation=citation(data, permalink))
    data["provenance"] = await _page_data(datasette, ("article-provenance", slug),
                                          lambda: curation.article_provenance(_db(datasette), data["id"]))
    if request.url_vars.get("format") == "json":
        return _json(data)
    context = dict(data, body_html=render_text(data["body"], _spans(data, "body")),
                   captions_html=render_text(data["captions"], _spans(data, "captions")) if data["captions"] else "",
                   complete_in_browser=complete_in_browser, original_link=web_address(data["url"]),
                   retrieved=(data["ingested_at"] or "")[:10])
    return await _page(datasette, request, "site_article.html", context)


async def article_raw(datasette, request):
    slug = request.url_vars["slug"]
    found = await queries.raw_source(_db(datasette), slug)
    if found is None:
        raise NotFound(f"No article with the slug {slug!r}")
    content, encoding = found
    # text/plain with nosniff: the untrusted source can never render as HTML
    return Response(content, content_type=f"text/plain; charset={encoding}",
                    headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"})


async def entity(datasette, request):
    table, slug = request.url_vars["table"], request.url_vars["slug"]
    entity_type = queries.ENTITY_TABLES[table]
    language = request.args.get("language") or None
    data = await _page_data(datasette, ("entity", entity_type, slug, language),
                            lambda: _entity_with_charts(_db(datasette), entity_type, slug, language))
    if data is None:
        raise NotFound(f"No {entity_type} with the slug {slug!r}")
    data = dict(data, provenance=await _page_data(
        datasette, ("entity-provenance", entity_type, slug),
        lambda: curation.entity_provenance(_db(datasette), entity_type, slug, data["id"])))
    if entity_type == "person":
        data["title_spans"] = await _page_data(datasette, ("title-spans", slug),
                                               lambda: curation.title_spans(_db(datasette), data["id"]))
    if request.url_vars.get("format") == "json":
        return _json(data)
    by_language = []
    if (datasette.plugin_config("archive-site") or {}).get("static") and len(data["languages"]) > 1:
        # a static page cannot filter when asked: it lists the latest articles in each language
        for entry in data["languages"]:
            found, _ = await queries.entity_articles(_db(datasette), entity_type, data["id"], data["article_count"],
                                                     entry["code"])
            if found:
                by_language.append(dict(entry, articles=found))
    context = dict(data, table=table, articles_by_language=by_language, **_entity_chart_context(data))
    return await _page(datasette, request, "site_entity.html", context)


async def _entity_with_charts(db, entity_type: str, slug: str, language: str | None = None) -> dict | None:
    """An entity's data (its articles in every language, or in `language`) with its mentions per
    month and, for a place, where it is."""
    data = await queries.entity(db, entity_type, slug, language)
    if data is None:
        return None
    data["mentions_by_month"] = await queries.entity_months(db, entity_type, data["id"])
    if entity_type == "place":
        point = maps.coordinates(data)
        data["coordinates"] = point.as_dict() if point else None
    return data


def _entity_chart_context(data: dict) -> dict:
    """The chart and map parts of an entity page: a spec the browser draws when there are two
    months or more (with a table for readers without scripts), a sentence for one month; for a
    place, its locator map."""
    series = data.get("mentions_by_month") or []
    context = {"chart_spec": None, "chart_sentence": charts.one_month_sentence(series),
               "chart_table": charts.year_table(series) if len(series) > 1 else None, "locator_svg": ""}
    if len(series) > 1:
        context["chart_spec"] = charts.entity_spec(data["name"], series)
    if data.get("type") == "place" and data.get("coordinates"):
        c = data["coordinates"]
        context["locator_svg"] = maps.locator_map(
            data["name"], maps.Point(c["latitude"], c["longitude"], c["shape"], c["coordinates_from"],
                                     c["country_code"] or ""))
    return context


async def entity_index(datasette, request):
    table = request.url_vars["table"]
    found = await queries.index(_db(datasette), table)
    data = {"table": table, "entities": found}
    return await _respond(datasette, request, data, "site_index.html")


async def source(datasette, request):
    slug = request.url_vars["slug"]
    data = await queries.source(_db(datasette), slug)
    if data is None:
        raise NotFound(f"No source with the slug {slug!r}")
    return await _respond(datasette, request, data, "site_source.html")


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 500))
    except ValueError:
        return 1


def _page_size(value: str | None) -> int:
    try:
        return max(1, min(int(value or 20), 100))
    except ValueError:
        return 20


async def search(datasette, request):
    db = _db(datasette)
    data = await queries.search(db, request.args.get("q"), request.args.get("source") or None,
                                request.args.get("from") or None, request.args.get("to") or None,
                                _page_number(request.args.get("page")), _page_size(request.args.get("size")),
                                request.args.get("language") or None)
    for row in data["articles"] + data["quotes"]:
        row["snippet_html"] = snippet_html(row["snippet"], row["highlights"])
    if request.url_vars.get("format") == "json":
        return _json(data)
    sources = queries.rows(await db.execute("SELECT slug, name FROM sources ORDER BY name"))
    languages = await queries.archive_languages(db)
    return await _page(datasette, request, "site_search.html", dict(data, sources=sources, languages=languages))


async def timeline(datasette, request):
    data = await queries.timeline(_db(datasette), request.args.get("from") or None, request.args.get("to") or None)
    return await _respond(datasette, request, data, "site_timeline.html")


async def chart_page(datasette, request):
    data = await queries.chart_data(_db(datasette))
    if request.url_vars.get("format") == "json":
        return _json(data)
    return await _page(datasette, request, "site_charts.html", dict(data, **_chart_context(data)))


def _chart_context(data: dict) -> dict:
    """SVG of each chart of the charts page, or the sentence and table that stand for a chart
    of fewer than two months (a single bar tells the reader nothing)."""
    context: dict = {}
    months = [p["month"] for p in data["per_month"]]
    rows, order = charts.outlet_rows(data["per_month_outlet"])
    context["outlets"] = order
    context["named_outlets"] = len([o for o in order if o not in (charts.OTHER_OUTLETS, charts.NO_OUTLET)])
    if len(months) > 1:
        context["outlets_svg"] = charts.wide_and_narrow(charts.outlet_spec(rows, order),
                                                        charts.outlet_spec(rows, order, **charts.NARROW["outlets"]),
                                                        "Articles per month, by outlet")
    else:
        context["outlets_sentence"] = charts.one_month_sentence(
            [{"month": p["month"], "articles": p["articles"]} for p in data["per_month"]], "article") \
            or "No article has a date yet."
        context["outlets_table"] = charts.table_html(["Outlet", "Articles"],
                                                     [[r["outlet"], r["articles"]] for r in rows], numeric={1})
    people = [p for p in data["people"] if p["series"]]
    people_months = sorted({m["month"] for p in people for m in p["series"]})
    if len(people_months) > 1:
        context["people_svg"] = charts.wide_and_narrow(charts.mentions_spec(people),
                                                       charts.mentions_spec(people, **charts.NARROW["mentions"]),
                                                       "Mentions per month of the most-mentioned people")
    elif people:
        context["people_table"] = charts.table_html(
            ["Person", f"Mentions in {charts.month_name(people_months[0])}"],
            [[p["name"], sum(m["mentions"] for m in p["series"])] for p in people], numeric={1})
    if len(data["nodes"]) > 1:
        context["network_svg"] = charts.wide_and_narrow(
            charts.network_spec(data["nodes"], data["edges"]),
            charts.network_spec(data["nodes"], data["edges"], **charts.NARROW["network"]), "Who appears with whom")
    return context


async def map_page(datasette, request):
    data = await _page_data(datasette, ("map",), lambda: queries.map_data(_db(datasette)))
    if request.url_vars.get("format") == "json":
        return _json(data)
    places = [dict(p, point=maps.Point(p["latitude"], p["longitude"], p["shape"], p["coordinates_from"],
                                      p["country_code"] or "")) for p in data["places"]]
    return await _page(datasette, request, "site_map.html", dict(data, map_svg=maps.world_map(places)))


# ---------------------------------------------------------------- feeds and crawlers


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Article text for an XML document: escaped, and the characters XML 1.0 cannot hold (a
    control character in a source) shown as U+FFFD, so the feed stays well-formed."""
    return xml_escape(_NOT_XML.sub("\ufffd", text))


async def feed(datasette, request):
    items = await queries.feed(_db(datasette))
    base = absolute(datasette, request, "/")
    updated = max((i["updated_at"] for i in items), default="1970-01-01T00:00:00+00:00")
    entries = []
    for item in items:
        url = absolute(datasette, request, f"/articles/{item['slug']}")
        when = f"{item['published']}T00:00:00Z" if item["published"] else item["updated_at"]
        entries.append(
            f"<entry><title>{_xml(item['label'])}</title><link href=\"{xml_escape(url)}\"/>"
            f"<id>{xml_escape(url)}</id><updated>{xml_escape(when)}</updated>"
            + (f"<author><name>{_xml(item['source'])}</name></author>" if item["source"] else "")
            + f"<summary>{_xml(item['lede'] or '')}</summary></entry>")
    body = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Russia–North Korea Treaty Archive</title><id>{xml_escape(base)}</id>"
            f'<link href="{xml_escape(base)}"/><link rel="self" href="{xml_escape(base)}feed.atom"/>'
            f"<updated>{xml_escape(updated)}</updated>{''.join(entries)}</feed>")
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def sitemap(datasette, request):
    counts = await queries.counts_for_sitemap(_db(datasette))
    parts = [f"/sitemap-{part}-{page}.xml" for part, total in counts.items()
             for page in range(max(1, -(-total // SITEMAP_PAGE)))]
    body = '<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    body += "".join(f"<sitemap><loc>{xml_escape(absolute(datasette, request, p))}</loc></sitemap>" for p in parts)
    return Response(body + "</sitemapindex>", content_type="application/xml; charset=utf-8")


async def sitemap_part(datasette, request):
    part, page = request.url_vars["part"], int(request.url_vars["page"])
    total = (await queries.counts_for_sitemap(_db(datasette)))[part]
    if page >= max(1, -(-total // SITEMAP_PAGE)):
        raise NotFound(f"The sitemap has no page {page} of {part}")
    paths = await queries.sitemap_paths(_db(datasette), part, page, SITEMAP_PAGE)
    if part == "articles" and page == 0:
        paths = [("/", None), ("/articles", None), ("/timeline", None), ("/charts", None), ("/map", None),
                 ("/people", None), ("/organizations", None), ("/places", None)] + paths
    urls = "".join(f"<url><loc>{xml_escape(absolute(datasette, request, p))}</loc>"
                   + (f"<lastmod>{day}</lastmod>" if day else "") + "</url>" for p, day in paths)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + urls + "</urlset>", content_type="application/xml; charset=utf-8")


async def robots(datasette, request):
    sitemap_url = absolute(datasette, request, "/sitemap.xml")
    return Response.text(
        "# Article, entity, timeline and chart pages are for everyone.\n"
        "# Ad-hoc SQL, CSV exports and endless search/facet combinations are not for crawlers.\n"
        "User-agent: *\nAllow: /\nDisallow: /search\nDisallow: /archive?\nDisallow: /archive.json\n"
        "Disallow: /archive/*?\nDisallow: /*.csv\nDisallow: /*.json\nDisallow: /-/\n"
        f"\nSitemap: {sitemap_url}\n")


# ---------------------------------------------------------------- hooks

ENTITY = r"(?P<table>people|organizations|places)"
JSON = r"(?:\.(?P<format>json))?"


@hookimpl
def register_routes(datasette):
    if not _serves_the_archive(datasette):  # another Datasette in the same environment: stay out of its way
        return []
    return [
        (r"^/$", home),
        (r"^/index\.json$", home_json),
        (rf"^/articles{JSON}$", article_list),
        (r"^/articles/(?P<slug>[a-z0-9-]+)/raw$", article_raw),
        (rf"^/articles/(?P<slug>[a-z0-9-]+){JSON}$", article),
        (rf"^/{ENTITY}{JSON}$", entity_index),
        (rf"^/{ENTITY}/(?P<slug>[a-z0-9-]+){JSON}$", entity),
        (rf"^/sources/(?P<slug>[a-z0-9-]+){JSON}$", source),
        (rf"^/months/(?P<month>\d{{4}}-\d{{2}}|undated){JSON}$", month),
        (rf"^/search{JSON}$", search),
        (rf"^/timeline{JSON}$", timeline),
        (rf"^/charts{JSON}$", chart_page),
        (rf"^/map{JSON}$", map_page),
        (r"^/feed\.atom$", feed),
        (r"^/sitemap\.xml$", sitemap),
        (r"^/sitemap-(?P<part>articles|people|organizations|places)-(?P<page>\d+)\.xml$", sitemap_part),
        (r"^/robots\.txt$", robots),
    ] + (review.routes() if review.config(datasette) else [])  # the review page: `archive serve` only


async def home_json(datasette, request):
    return _json(await queries.home(_db(datasette)))


def trusted_scope(datasette, scope: dict) -> dict:
    """The request as the archive answers it: a Host header that is not this machine's is
    replaced by the configured site URL's host (and scheme), or by `localhost` when there is
    none. Datasette writes the request's host into every absolute URL it makes (`next_url` in
    JSON, the Link header, alternate links), so this is where a client's Host stops."""
    config = datasette.plugin_config("archive-site") or {}
    host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
    site = urlsplit(str(config["site_url"])) if config.get("site_url") and not config.get("static") else None
    if site is not None and host.lower() != site.netloc.lower():
        wanted, scheme = site.netloc, site.scheme
    elif site is None and not LOOPBACK_HOST.fullmatch(host):
        wanted, scheme = "localhost", scope.get("scheme", "http")
    else:
        return scope
    headers = [(k, v) for k, v in scope.get("headers") or [] if k != b"host"] + [(b"host", wanted.encode())]
    return dict(scope, headers=headers, scheme=scheme, archive_host_replaced=site is None, archive_original_host=host)


@hookimpl
def asgi_wrapper(datasette):
    """Requests with SQL of their own (`?sql=`, `?_where=`) take at most all but one of
    Datasette's SQL threads at a time (see ingest.site.limits): the site's pages keep answering.
    And no request's Host header is trusted (see trusted_scope)."""
    gate = limits.SqlGate(datasette.setting("num_sql_threads") - 1)

    def wrap(app):
        async def gated_app(scope, receive, send):
            if scope.get("type") == "http":
                scope = trusted_scope(datasette, scope)
            if scope.get("type") != "http" or not limits.gated(scope):
                return await app(scope, receive, send)
            try:
                async with gate:
                    return await app(scope, receive, send)
            except asyncio.TimeoutError:
                return await limits.busy(send)

        return gated_app

    return wrap


@hookimpl
def startup(datasette):
    """A live server reads the full-text indexes in the background once it starts, so its first
    searches do not wait on the disk (a static build does not search on the server)."""
    for db in datasette.databases.values():
        limits.finish_failed_queries_in_their_thread(db)
    config = datasette.plugin_config("archive-site") or {}
    if config.get("static") or config.get("warm") is False or DATABASE not in datasette.databases:
        return
    path = _db(datasette).path
    if path:
        datasette._archive_index_warmer = warmer = IndexWarmer(path)
        warmer.start()


@hookimpl
def extra_css_urls(datasette):
    if any(name == "static" for name, _ in datasette.static_mounts):
        return ["/static/archive.css"]
    return [datasette.urls.static_plugins(PLUGIN_NAME, "archive.css")]


def _serves_the_archive(datasette) -> bool:
    """Whether this Datasette serves an archive: one built by make_datasette (its files are added
    later) or one given a file named archive.db. Routes are asked for when Datasette starts, before
    make_datasette adds the database, so the files it was given decide."""
    given = [*datasette.files, *datasette.immutables]
    return not given or any(Path(f).stem == DATABASE for f in given)


PLUGIN_NAME = "nk-russia-archive"  # the distribution's name: Datasette serves our static/ under it


@functools.lru_cache(maxsize=1)
def _packaged_metadata() -> dict:
    from ingest.resources import METADATA_PATH

    return yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8")) or {}


@hookimpl
def get_metadata(datasette, key, database, table):
    """The archive's metadata for a plain `datasette archive.db`; `make_datasette` passes it itself."""
    if getattr(datasette, "archive_metadata_given", False) or not _serves_the_archive(datasette):
        return None
    return _packaged_metadata()


IRREGULAR_PLURALS = {"person": "people", "match": "matches"}


def noun(count, word: str, many: str | None = None) -> str:
    """The noun for a count: 'article' for one, 'articles' (or `many`) for any other number."""
    if count == 1:
        return word
    if many:
        return many
    head, _, last = word.rpartition(" ")
    return f"{head} {IRREGULAR_PLURALS.get(last) or last + 's'}".lstrip()


def plural(count, word: str, many: str | None = None) -> str:
    """'1 article', '2 articles', '1,234 people': a count with its noun, singular only for one."""
    count = count or 0
    return f"{count:,} {noun(count, word, many)}"


SINGULAR = {"people": "person", "organizations": "organization", "places": "place"}


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["plural"] = plural
    env.filters["noun"] = noun
    env.filters["singular"] = lambda table: SINGULAR.get(table, table)
    env.filters["language_name"] = lambda code: queries.language_entry(code)["name"] if code else ""


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_COLUMNS = {"slug", "article_slug", "other_slug"}  # in query results: an article, or the row's `type`


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Slugs link to their pages: the slug column of the articles, entity and source tables, and
    slug columns in query results (the canned queries'), which name an article or, beside a
    `type` column, an entity."""
    if database != DATABASE or not isinstance(value, str) or not SLUG.fullmatch(value) \
            or not _serves_the_archive(datasette):
        return None
    if table is not None:
        if column != "slug" or table not in ("articles", "people", "organizations", "places", "sources"):
            return None
        path = f"/{table}/{value}"
    elif column in SLUG_COLUMNS:
        kind = row["type"] if column == "slug" and "type" in row.keys() else "article"
        if kind not in ("article", *TYPE_TABLES):
            return None
        path = f"/articles/{value}" if kind == "article" else f"/{TYPE_TABLES[kind]}/{value}"
    else:
        return None
    return Markup(f'<a href="{escape(datasette.urls.path(path))}">{escape(value)}</a>')


@hookimpl
def extra_template_vars(datasette, request):
    """static_site is set when `archive publish static` renders the pages: server-only links
    (SQL, table pages) are left out and search runs in the browser with Pagefind."""
    config = datasette.plugin_config("archive-site") or {}
    return {"static_site": bool(config.get("static")), "static_base_url": config.get("base_url", "/"),
            # links to the review page, for a reviewer on this machine only (`archive serve`)
            "review_enabled": review.enabled_for(datasette, request)}


@hookimpl
def skip_csrf(datasette, scope):
    """A static build only reads pages (no forms are posted to a static host): signing a CSRF
    token for each of its requests is wasted work."""
    return bool((datasette.plugin_config("archive-site") or {}).get("static"))


NEVER_MATCHES = '"zzzznomatchzzzz"'


@hookimpl
def prepare_connection(conn, database, datasette):
    """Limits on what one query may cost (ingest.site.limits), and archive_fts(text): a safe FTS5
    query from any user input (at most 20 terms), for canned queries and ad-hoc SQL."""
    from ingest.web.render import fts_query

    config = datasette.plugin_config("archive-site") or {}
    limits.apply_limits(conn, int(config.get("max_value_bytes") or limits.MAX_VALUE_BYTES))

    from ingest.web.queries import name_key

    conn.create_function("archive_fts", 1, lambda text: fts_query(text) or NEVER_MATCHES, deterministic=True)
    conn.create_function("archive_name_key", 1, lambda text: name_key(text) if isinstance(text, str) else None,
                         deterministic=True)
