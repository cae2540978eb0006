"""Datasette plugin: full-text search input from users never causes an error page.

Datasette escapes `?_search=` terms, but an empty term or one made only of quotes still
reaches FTS5 as `""` and fails. This wrapper removes characters FTS5 cannot take in a quoted
term and drops a search that has nothing searchable left (the table is then shown unfiltered).

A common word must not time out either: see `filters_from_request` below.
"""

import re
import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import await_me_maybe

SEARCH_PARAM = re.compile(r"^_search(?:_.+)?$")


def clean_search(value: str) -> str | None:
    """The term to search for, or None when nothing searchable is left."""
    value = value.replace('"', " ").replace("\x00", " ").strip()
    return value if re.search(r"\w", value) else None


def clean_query_string(query_string: bytes) -> bytes:
    pairs = []
    changed = False
    items = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    raw = ("_searchmode", "raw") in items  # quotes are phrases there; a bad expression is caught later
    for key, value in items:
        if SEARCH_PARAM.match(key):
            cleaned = (value if value.strip() else None) if raw else clean_search(value)
            changed = changed or cleaned != value
            if cleaned is None:
                continue
            value = cleaned
        pairs.append((key, value))
    return urlencode(pairs).encode() if changed else query_string


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def safe_search_app(scope, receive, send):
            if scope.get("type") == "http" and b"_search" in scope.get("query_string", b""):
                scope = dict(scope, query_string=clean_query_string(scope["query_string"]))
            await app(scope, receive, send)

        return safe_search_app

    return wrap


# Datasette's table search is `pk in (select rowid from fts where fts match ...)`. SQLite's
# planner takes that list to be short: it looks up every match by rowid, then sorts them all —
# for a word in 850,000 of a million articles, longer than the time limit. Written `+pk in`
# (the same values), the term cannot drive a rowid lookup, so SQLite walks the index of the sort
# column in order and stops at the page's last row, probing the match set: at most one pass over
# that index however common the word. Done only when the sort column leads an index; otherwise
# Datasette's own plan (look up the matches, sort them) is the better one.
_FTS_IN = re.compile(r"^(\w+|\[[^\]]+\]) in \(select rowid from \S+ where \S+ match ")


@hookimpl(hookwrapper=True)
def filters_from_request(request, database, table, datasette):
    outcome = yield
    if not any(SEARCH_PARAM.match(key) for key in request.args):
        return
    outcome.force_result([_checked_search(found, request, database, table, datasette)
                          for found in outcome.get_result()])


def _checked_search(found, request, database: str, table: str, datasette):
    async def filter_arguments():
        arguments = await await_me_maybe(found)
        if arguments:
            _cap_terms(arguments)
            await _fall_back_from_invalid_raw_search(arguments, datasette.get_database(database))
            rewritten = ["+" + c if _FTS_IN.match(c) else c for c in arguments.where_clauses]
            if rewritten != arguments.where_clauses and await _sorted_by_an_index(request, database, table, datasette):
                arguments.where_clauses = rewritten
        return arguments

    return filter_arguments


_SEARCH_VALUE = re.compile(r" match (?:escape_fts\()?:(search(?:_\d+)?)\b")


def _cap_terms(arguments) -> None:
    """A table search takes at most MAX_TERMS words of MAX_QUERY_CHARS characters, as /search
    does (FTS5 ranks and matches in time that grows with the square of the terms); the page's
    description of its filters says when a search was cut."""
    from ingest.web.render import MAX_QUERY_CHARS, MAX_TERMS

    for clause in arguments.where_clauses:
        for name in _SEARCH_VALUE.findall(clause):
            value = arguments.params.get(name)
            if not isinstance(value, str):
                continue
            words = value.split()
            if len(words) > MAX_TERMS or len(value) > MAX_QUERY_CHARS:
                cut = " ".join(words[:MAX_TERMS])[:MAX_QUERY_CHARS]
                if cut.count('"') % 2:
                    cut = cut.replace('"', " ")
                arguments.params[name] = cut
                arguments.human_descriptions.append(
                    f"only the first {MAX_TERMS} words were searched (at most {MAX_QUERY_CHARS} characters)")


_RAW_MATCH = re.compile(r"select rowid from (\S+) where (\S+) match :(search(?:_\d+)?)\)")


async def _fall_back_from_invalid_raw_search(arguments, db) -> None:
    """`_searchmode=raw` passes the search to FTS5 as an expression; one FTS5 cannot parse
    (`NEAR(a b c, 1`, `treaty AND`, an unknown column) is searched as plain words instead of
    failing the page, and the page says so."""
    for i, clause in enumerate(arguments.where_clauses):
        found = _RAW_MATCH.search(clause)
        if not found:
            continue
        fts, column, name = found.groups()
        try:
            await db.execute(f"SELECT 1 FROM {fts} WHERE {column} MATCH :q LIMIT 1", {"q": arguments.params[name]})
            continue
        except sqlite3.OperationalError:
            pass
        arguments.where_clauses[i] = clause.replace(f" match :{name})", f" match escape_fts(:{name}))")
        arguments.human_descriptions.append(
            f"“{arguments.params[name]}” is not a valid full-text expression (see SQLite's FTS5 query syntax), "
            "so its words were searched")


# Errors Datasette raises with status 500 that a request's own parameters cause: a 400.
REQUEST_ERRORS = ("Cannot sort table by ", "Cannot use _sort and _sort_desc at the same time",
                  "Invalid _through")


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """Odd parameters are the request's fault, never a server error: a sort by a column the
    table does not have (`?_sort=id;drop`) is a 400, and so is a number too large for SQLite
    (`?_next=99999999999999999999`) or a value over the server's size limit."""
    from datasette.handle_exception import handle_exception as default
    from datasette.views.base import DatasetteError

    if isinstance(exception, DatasetteError) and exception.status == 500 \
            and str(exception.message).startswith(REQUEST_ERRORS):
        exception.status = 400
        return None
    if isinstance(exception, OverflowError):
        return default(datasette, request, DatasetteError("A number in this request is too large.", status=400,
                                                          title="Number too large"))
    if isinstance(exception, sqlite3.DataError) or "string or blob too big" in str(exception):
        return default(datasette, request, DatasetteError(
            "A value in this query is larger than the server allows (see the archive's README, "
            "“Serving under load”).", status=400, title="Value too large"))
    return None


async def _sorted_by_an_index(request, database: str, table: str, datasette) -> bool:
    """Whether the page's sort column (asked for, or the table's default) leads a full index."""
    metadata = datasette.table_metadata(database, table)
    column = (request.args.get("_sort") or request.args.get("_sort_desc")
              or metadata.get("sort") or metadata.get("sort_desc"))
    if not column:
        return False
    leading = await datasette.get_database(database).execute(
        "SELECT info.name FROM pragma_index_list(:table) AS list, pragma_index_info(list.name) AS info"
        " WHERE info.seqno = 0 AND NOT list.partial", {"table": table})
    return column in {row[0] for row in leading}
