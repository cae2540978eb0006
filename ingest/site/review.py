"""The review page: the names awaiting review with the sentences they appear in, and forms for
the decisions `archive review` makes (accept, merge, reject, distinct, correct, speaker, undo),
which call the same code (ingest.judgements.review) and write the same judgements file.

It exists only on `archive serve` (ingest.serve.make_datasette(review=...)): a static build and
a published Datasette bundle have no such routes. It answers only requests made on this machine:
from 127.0.0.1 (or ::1), with a loopback Host header (a page elsewhere cannot reach it by
rebinding a name to 127.0.0.1), and not through a proxy (no forwarding headers). Its forms are
protected against cross-site request forgery: each POST must carry Datasette's CSRF token (form
field and cookie, checked by Datasette's asgi-csrf; a POST without the cookie is refused here,
since asgi-csrf lets those through), and an Origin or Sec-Fetch-Site header, when the browser
sends one, must say the page is this site's own.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from datasette.utils.asgi import NotFound, Response

DECISIONS = ("accept", "merge", "reject", "distinct", "correct", "speaker", "undo")
LOOPBACK_CLIENTS = {"127.0.0.1", "::1"}
LOOPBACK_HOST = re.compile(r"(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?", re.I)
FORWARDING = (b"forwarded", b"x-forwarded-for", b"x-forwarded-host", b"x-real-ip")
RETURN_PATH = re.compile(r"^/review(?:/articles/[a-z0-9-]+)?$")
QUEUE_LIMIT = 50
OUTCOMES_KEPT = 20


def config(datasette) -> dict | None:
    """The review settings `archive serve` gave, or None: then there is no review page."""
    if not getattr(datasette, "archive_metadata_given", False):
        return None  # a plain `datasette archive.db` (a published bundle) never reviews
    plugin = datasette.plugin_config("archive-site") or {}
    if plugin.get("static"):
        return None
    review = plugin.get("review")
    return review if isinstance(review, dict) and review.get("judgements") else None


def is_local(request) -> bool:
    """A request made on this machine, to a loopback address, not forwarded by a proxy."""
    client = (request.scope.get("client") or ("", 0))[0]
    if client not in LOOPBACK_CLIENTS:
        return False
    headers = dict(request.scope.get("headers") or [])
    if any(name in headers for name in FORWARDING):
        return False
    # the Host header the client sent (ingest.site.trusted_scope may have replaced it)
    host = request.scope.get("archive_original_host")
    if host is None:
        host = headers.get(b"host", b"").decode("latin-1")
    return bool(LOOPBACK_HOST.fullmatch(host))


def enabled_for(datasette, request) -> bool:
    return config(datasette) is not None and request is not None and is_local(request)


def routes() -> list:
    return [(r"^/review$", review_page), (r"^/review/articles/(?P<slug>[a-z0-9-]+)$", article_page),
            (r"^/review/decide$", decide)]


def _reviewer(datasette):
    from ingest.judgements.review import Review
    from ingest.registry import REGISTRY_PATH

    settings = config(datasette)
    return Review(settings["database"], settings["judgements"], settings.get("registry") or REGISTRY_PATH)


def _guard(datasette, request) -> None:
    if config(datasette) is None:
        raise NotFound("There is no review page here: it is on `archive serve` only")
    if not is_local(request):
        raise _Forbidden()


class _Forbidden(Exception):
    pass


def _forbidden() -> Response:
    return Response.text("The review page answers requests from this machine only (127.0.0.1).", status=403)


def _messages(datasette, request) -> dict:
    done = request.args.get("done")
    outcomes = datasette.__dict__.get("_archive_review_outcomes", {})
    return {"done_lines": outcomes.get(done, []) if done else [], "error": request.args.get("error"),
            "done": done}


async def review_page(datasette, request):
    try:
        _guard(datasette, request)
    except _Forbidden:
        return _forbidden()
    reviewer = _reviewer(datasette)
    entity_type = request.args.get("type") or None
    if entity_type not in (None, "person", "organization", "place"):
        entity_type = None
    from ingest.judgements import JudgementError, describe

    queue = await asyncio.to_thread(reviewer.queue, entity_type, QUEUE_LIMIT)
    try:
        log = await asyncio.to_thread(reviewer.log)
        log_error = None
    except JudgementError as exc:
        log, log_error = [], str(exc)
    for entry in log:
        entry["summary"] = describe(entry["judgement"])
    db = datasette.get_database("archive")
    for row in queue:
        row["suggestions"] = await _suggestions(db, row)
    context = {"queue": queue, "log": list(reversed(log)), "log_error": log_error, "type": entity_type,
               "judgements_path": str(reviewer.judgements_path), **_messages(datasette, request)}
    return Response.html(await datasette.render_template(["site_review.html"], context, request=request))


async def _suggestions(db, row: dict) -> list[dict]:
    """Reviewed entities of the same type that share a word with the name, for the merge form."""
    from ingest.registry import fold

    words = [fold(w) for w in re.findall(r"[^\W\d_]{3,}", row["name"])]
    if not words:
        return []
    table = {"person": "people", "organization": "organizations", "place": "places"}[row["type"]]
    found = (await db.execute(
        f"""SELECT DISTINCT t.slug, t.name FROM aliases al JOIN {table} t ON t.id = al.{row['type']}_id
            WHERE t.reviewed = 1 AND ({' OR '.join(f"' ' || lower(al.alias) || ' ' LIKE :w{i}" for i in range(len(words)))})
            ORDER BY t.article_count DESC LIMIT 8""",
        {f"w{i}": f"% {w} %" for i, w in enumerate(words)})).rows
    return [{"slug": r[0], "name": r[1]} for r in found]


async def article_page(datasette, request):
    try:
        _guard(datasette, request)
    except _Forbidden:
        return _forbidden()
    from ingest.judgements.review import ReviewError

    slug = request.url_vars["slug"]
    reviewer = _reviewer(datasette)
    try:
        article, quotes = await asyncio.to_thread(reviewer.quotes, slug)
    except ReviewError:
        raise NotFound(f"No article with the slug {slug!r}")
    db = datasette.get_database("archive")
    corrections = {r[0]: {"value": r[1], "read_value": r[2], "judgement": r[3]} for r in (await db.execute(
        "SELECT field, value, read_value, judgement FROM article_corrections WHERE article_id = :id",
        {"id": article["id"]})).rows}
    people = [{"slug": r[0], "name": r[1]} for r in (await db.execute(
        """SELECT DISTINCT p.slug, p.name FROM mentions m JOIN people p ON p.id = m.person_id
           WHERE m.article_id = :id AND p.reviewed = 1 ORDER BY p.name""", {"id": article["id"]})).rows]
    for number, q in enumerate(quotes, start=1):
        q["number"] = number
    fields = [{"field": f, "value": article["source_name"] if f == "source" else article[f],
               "correction": corrections.get(f)} for f in ("title", "source", "published", "byline")]
    context = {"article": article, "quotes": quotes, "fields": fields, "people": people, **_messages(datasette, request)}
    return Response.html(await datasette.render_template(["site_review_article.html"], context, request=request))


def _same_origin(request) -> bool:
    """The browser's own word that the form was this site's (when it sends one)."""
    headers = dict(request.scope.get("headers") or [])
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1")
    if site and site not in ("same-origin", "none"):
        return False
    origin = headers.get(b"origin", b"").decode("latin-1")
    if origin and origin != "null":
        parts = urlsplit(origin)
        host = request.scope.get("archive_original_host") or headers.get(b"host", b"").decode("latin-1")
        if parts.netloc.lower() != host.lower():
            return False
    return True


async def decide(datasette, request):
    try:
        _guard(datasette, request)
    except _Forbidden:
        return _forbidden()
    if request.method != "POST":
        return Response.text("Decisions are made with the review page's forms (POST).", status=405,
                             headers={"Allow": "POST"})
    content_type = dict(request.scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip()
    if content_type != b"application/x-www-form-urlencoded" or "ds_csrftoken" not in request.cookies \
            or not _same_origin(request):
        return Response.text("Refused: not a form of this review page (cross-site request?). Reload the page and "
                             "try again.", status=403)
    form = await request.post_vars()
    if not form.get("csrftoken"):
        return Response.text("Refused: the form has no CSRF token. Reload the page and try again.", status=403)
    back = form.get("return_to") or "/review"
    if not RETURN_PATH.match(back):
        back = "/review"
    decision = form.get("decision")
    if decision not in DECISIONS:
        return _back(back, error=f"unknown decision {decision!r}")
    reviewer = _reviewer(datasette)
    lock = datasette.__dict__.setdefault("_archive_review_lock", asyncio.Lock())
    from ingest.judgements import JudgementError
    from ingest.judgements.review import ReviewError
    from ingest.registry import RegistryError

    try:
        call = _call(reviewer, decision, form)
    except ValueError as exc:
        return _back(back, error=str(exc))
    async with lock:
        try:
            outcome = await asyncio.to_thread(call)
        except (ReviewError, JudgementError, RegistryError, OSError) as exc:
            return _back(back, error=str(exc))
    outcomes = datasette.__dict__.setdefault("_archive_review_outcomes", {})
    key = str(outcome.judgement.number) + ("-undone" if decision == "undo" else "")
    outcomes[key] = outcome.lines
    while len(outcomes) > OUTCOMES_KEPT:
        outcomes.pop(next(iter(outcomes)))
    return _back(back, done=key)


def _text(form, key: str) -> str | None:
    value = (form.get(key) or "").strip()
    return value or None


def _call(reviewer, decision: str, form):
    """The review call a form asks for (ValueError for a form that is missing what it needs)."""
    by, note = _text(form, "by"), _text(form, "note")

    def need(key: str) -> str:
        value = _text(form, key)
        if value is None:
            raise ValueError(f"{decision}: the form needs {key}")
        return value

    if decision == "accept":
        return lambda: reviewer.accept(need("name"), _text(form, "type"), _text(form, "canonical"),
                                       _text(form, "description"), _text(form, "wikidata"), by, note)
    if decision == "merge":
        return lambda: reviewer.merge(need("name"), need("into"), by, note)
    if decision == "reject":
        return lambda: reviewer.reject(need("name"), _text(form, "type"), by, note)
    if decision == "distinct":
        return lambda: reviewer.distinct(need("first"), need("second"), by, note)
    if decision == "correct":
        field_name = need("field")
        return lambda: reviewer.correct(need("article"), field_name, _text(form, "value"), by, note)
    if decision == "speaker":
        number = need("quote")
        if not number.isdigit():
            raise ValueError("speaker: the quote number is a whole number")
        person = _text(form, "person_other") or _text(form, "person")
        if person is None:
            raise ValueError("speaker: choose a person, or no person")
        return lambda: reviewer.speaker(need("article"), int(number), None if person == "none" else person, by, note)
    number = need("number")
    if not number.isdigit():
        raise ValueError("undo: the judgement number is a whole number")
    return lambda: reviewer.undo(int(number), by, note)


def _back(path: str, **args) -> Response:
    return Response.redirect(path + "?" + urlencode(args), status=303)


def judgements_file(datasette) -> Path | None:
    settings = config(datasette)
    return Path(settings["judgements"]) if settings else None


__all__ = ["config", "enabled_for", "is_local", "routes", "quote"]
