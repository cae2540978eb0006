"""Datasette plugin: full-text search input from users never causes an error page.

Datasette escapes `?_search=` terms, but an empty term or one made only of quotes still
reaches FTS5 as `""` and fails. This wrapper removes characters FTS5 cannot take in a quoted
term and drops a search that has nothing searchable left (the table is then shown unfiltered).
"""

import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

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
