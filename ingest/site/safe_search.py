"""Datasette plugin: full-text search input from users never causes an error page.

Datasette escapes `?_search=` terms, but an empty term or one made only of quotes still
reaches FTS5 as `""` and fails. This wrapper removes characters FTS5 cannot take in a quoted
term and drops a search that has nothing searchable left (the table is then shown unfiltered).

A common word must not time out either: see `filters_from_request` below.
"""

import re
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
    for key, value in parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True):
        if SEARCH_PARAM.match(key):
            cleaned = clean_search(value)
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
    outcome.force_result([_in_sort_order(found, request, database, table, datasette)
                          for found in outcome.get_result()])


def _in_sort_order(found, request, database: str, table: str, datasette):
    async def filter_arguments():
        arguments = await await_me_maybe(found)
        if arguments:
            rewritten = ["+" + c if _FTS_IN.match(c) else c for c in arguments.where_clauses]
            if rewritten != arguments.where_clauses and await _sorted_by_an_index(request, database, table, datasette):
                arguments.where_clauses = rewritten
        return arguments

    return filter_arguments


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
