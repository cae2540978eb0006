"""Limits on what one SQL request can cost the server (issue 16, item 12).

Datasette stops a query at its time limit with a progress handler, which SQLite calls between
the steps of its virtual machine. A single step is never interrupted: one call of a function
(`printf('%.*c', 500000000, 'x')`, `hex(randomblob(200000000))`, `instr` of two long strings)
ran for seconds to hours, holding one of Datasette's three SQL threads. So every connection
Datasette opens gets:

* SQLite's own limits (Connection.setlimit): no string or blob longer than MAX_VALUE_BYTES is
  made or read, no SQL text longer than MAX_SQL_CHARS, no LIKE/GLOB pattern longer than
  MAX_LIKE_PATTERN — so randomblob, zeroblob, hex, replace, group_concat and friends stop at
  once with "string or blob too big";
* the built-in functions whose one call can still run long within those sizes replaced by
  bounded versions with the same results: `printf`/`format` (a width or precision is checked
  before SQLite's own printf runs, which ignores the length limit while it pads), and `instr`,
  `replace`, `trim`/`ltrim`/`rtrim` with a set of characters (quadratic in SQLite: they compare
  at every position; Python's searches are linear).

With every step short, the progress handler holds the time limit for these queries too. And
at most all but one of the SQL threads run requests with SQL of the user's own (`?sql=`,
`?_where=`) at a time (see `sql_gate`): a cheap page always has a thread to run on.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
import traceback

MAX_VALUE_BYTES = 20_000_000  # above the largest body or raw file the ingest's default 5 MB limit lets in
MAX_SQL_CHARS = 100_000
MAX_LIKE_PATTERN = 500
GATE_WAIT_SECONDS = 15  # how long a request with SQL of its own waits for a free thread before a 503


class ValueTooLarge(sqlite3.DataError):
    pass


def apply_limits(conn: sqlite3.Connection, max_value_bytes: int = MAX_VALUE_BYTES) -> None:
    """Set the limits and the bounded functions on one of Datasette's connections."""
    if hasattr(conn, "setlimit"):  # Python 3.11+
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value_bytes)
        conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_CHARS)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, MAX_LIKE_PATTERN)
    builtin = _Builtins(max_value_bytes)
    for name in ("printf", "format"):
        conn.create_function(name, -1, lambda *args, name=name: builtin.printf(name, args), deterministic=True)
    conn.create_function("instr", 2, builtin.instr, deterministic=True)
    conn.create_function("replace", 3, builtin.replace, deterministic=True)
    for name, strip in (("trim", str.strip), ("ltrim", str.lstrip), ("rtrim", str.rstrip)):
        conn.create_function(name, 2, lambda x, y, name=name, strip=strip: builtin.trim(name, strip, x, y),
                             deterministic=True)


# printf: %[flags][width][.precision][length]type
_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d*))?(?:ll|l)?(.|$)", re.S)
_LEADING_INT = re.compile(rb"\s*[-+]?\d+")
WORK_PER_CALL = 200_000_000  # character comparisons a call of SQLite's own instr/replace/trim may cost


class _Builtins:
    """The bounded functions. Calls that cannot run long go to SQLite's own function, on a
    private in-memory connection per thread (the same limits), so results are SQLite's."""

    def __init__(self, max_value_bytes: int):
        self.max_value_bytes = max_value_bytes
        self.local = threading.local()

    def sqlite(self, name: str, args) -> object:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = sqlite3.connect(":memory:", check_same_thread=False)
            if hasattr(conn, "setlimit"):
                conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, self.max_value_bytes)
        return conn.execute(f"SELECT {name}({', '.join('?' * len(args))})", args).fetchone()[0]

    def too_large(self, what: str):
        return ValueTooLarge(f"{what} would be longer than the server's limit of {self.max_value_bytes:,} bytes")

    def printf(self, name: str, args: tuple):
        if not args or args[0] is None:
            return self.sqlite(name, args)
        fmt = args[0] if isinstance(args[0], str) else str(args[0])
        specs = _SPEC.findall(fmt)
        padding = sum(int(v) for spec in specs for v in spec[:2] if v and v != "*")
        stars = sum(spec[:2].count("*") for spec in specs)
        if stars:
            padding += stars * max((abs(_as_int(a)) for a in args[1:]), default=0)
        if padding > self.max_value_bytes:
            raise self.too_large(f"{name}(): the widths and precisions ask for {padding:,} characters; the output")
        return self.sqlite(name, args)

    def instr(self, haystack, needle):
        if isinstance(haystack, str) and isinstance(needle, str) or \
                isinstance(haystack, bytes) and isinstance(needle, bytes):
            return haystack.find(needle) + 1  # linear; SQLite's own compares at every position
        return self.bounded("instr", (haystack, needle))

    def replace(self, text, old, new):
        if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
            return self.bounded("replace", (text, old, new))
        if not old:
            return text
        if len(new) > len(old) and len(text) + text.count(old) * (len(new) - len(old)) > self.max_value_bytes:
            raise self.too_large("replace(): the result")
        return text.replace(old, new)

    def trim(self, name: str, strip, text, chars):
        if not (isinstance(text, str) and isinstance(chars, str)):
            return self.bounded(name, (text, chars))
        distinct = "".join(sorted(set(chars)))
        if len(distinct) <= 64:
            return strip(text, distinct)
        members = set(distinct)  # many characters: str.strip would look each one up in all of them
        start, end = 0, len(text)
        if name != "rtrim":
            while start < end and text[start] in members:
                start += 1
        if name != "ltrim":
            while end > start and text[end - 1] in members:
                end -= 1
        return text[start:end]

    def bounded(self, name: str, args: tuple):
        """SQLite's own function, when its arguments are short enough for its quadratic worst case."""
        sizes = [len(a) if isinstance(a, (str, bytes)) else 32 for a in args if a is not None]
        if len(sizes) >= 2 and sizes[0] * max(sizes[1:]) > WORK_PER_CALL:
            raise ValueTooLarge(f"{name}() of values this long is more work than one query may do here")
        return self.sqlite(name, args)


def _as_int(value) -> int:
    """An argument as SQLite's printf reads a `*` width from it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 2 ** 63 else 2 ** 63
    if isinstance(value, (str, bytes)):
        found = _LEADING_INT.match(value.encode() if isinstance(value, str) else value)
        return int(found.group()) if found else 0
    return 0


# ---------------------------------------------------------------- requests with SQL of their own

_OWN_SQL = re.compile(rb"(?:^|&)(?:sql|_where)=")


def gated(scope: dict) -> bool:
    """Whether a request runs SQL of the user's own: ?sql= on a database, or ?_where= on a table."""
    return bool(_OWN_SQL.search(scope.get("query_string", b"")))


class SqlGate:
    """At most `slots` requests with SQL of their own run at once; the others wait their turn
    (a 503 after GATE_WAIT_SECONDS), so they never hold every one of Datasette's SQL threads."""

    def __init__(self, slots: int):
        self.slots = max(1, slots)
        self.semaphore: asyncio.Semaphore | None = None

    async def __aenter__(self):
        if self.semaphore is None:
            self.semaphore = asyncio.Semaphore(self.slots)
        await asyncio.wait_for(self.semaphore.acquire(), GATE_WAIT_SECONDS)
        return self

    async def __aexit__(self, *exc):
        self.semaphore.release()
        return False


async def busy(send) -> None:
    body = (b'{"ok": false, "error": "The server is busy with other SQL queries; try again in a moment.", '
            b'"status": 503, "title": "Busy"}')
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/json; charset=utf-8"), (b"retry-after", b"5")]})
    await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------- cursors of failed queries


def finish_failed_queries_in_their_thread(db) -> None:
    """A query that fails leaves its cursor in the exception's traceback. Whichever thread frees
    that exception finalizes the cursor, which waits for the cursor's connection: when the
    event loop's thread does it (often in a garbage collection) while the SQL thread that owns
    the connection runs its next, long query, every request waits for that query to end (a
    cheap page took 1.5-2 s behind two 2-second queries). The locals of the failed query's
    frames are cleared in its own SQL thread instead, so the cursor is finalized there."""
    if getattr(db, "_archive_finishes_failed_queries", False):
        return
    execute_fn = db.execute_fn

    async def guarded_execute_fn(fn):
        def run(conn):
            try:
                return fn(conn)
            except BaseException as exc:
                seen = set()
                while exc is not None and id(exc) not in seen:
                    seen.add(id(exc))
                    traceback.clear_frames(exc.__traceback__)
                    exc = exc.__cause__ or exc.__context__
                raise

        return await execute_fn(run)

    db.execute_fn = guarded_execute_fn
    db._archive_finishes_failed_queries = True
