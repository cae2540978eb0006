"""WARC crawls (.warc, .warc.gz, and old .arc) -> one Document per HTML page the crawl fetched.

Read record by record with warcio, never the whole file: a record's payload is read up to
`max_item_bytes` (a larger one is skipped). A `response` record with HTTP status 200 and an HTML
payload becomes a Document: url = WARC-Target-URI, item_id = WARC-Record-ID, raw = the HTTP
payload as the page's bytes (transfer and content encodings undone), charset from the HTTP
Content-Type when the response gave one. Everything else is skipped and counted in ReadStats by
reason: "request", "metadata", "warcinfo", "revisit", "resource", "status-301", "status-404",
"not-html", "too-large", "no-text"...

Crawl-time dates (WARC-Date, the HTTP Date and Last-Modified headers) say when the crawler saw
the page, not when it was published: they are never passed to the page reader.
"""

from __future__ import annotations

import io
import sys
import zlib
from typing import BinaryIO, Iterator

from .charset import http_charset
from .document import Document, ReadStats, UnreadableDocument
from .htmlpage import read_html
from .sniff import sniff

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
SNIFF_TYPES = ("", "application/octet-stream", "text/plain", "unknown/unknown", "application/unknown")


def read_warc_stream(fileobj: BinaryIO, *, max_item_bytes: int = 5 * 1024 * 1024, stats: ReadStats | None = None,
                     name: str = "") -> Iterator[Document]:
    """Documents of the HTML pages in an open WARC file (gzipped or not), in crawl order.

    A truncated or corrupt file yields the pages before the damage, then raises
    UnreadableDocument("bad-warc", ...)."""
    from warcio.archiveiterator import ArchiveIterator

    stats = stats if stats is not None else ReadStats()
    seen = 0
    previous = None
    counted = _Counting(fileobj)
    try:
        records = ArchiveIterator(counted, arc2warc=True)
        iterator = iter(records)
        while True:
            with _Quiet(stats):  # warcio writes its complaints to stderr; they become stats.warnings
                record = next(iterator, None)
                if record is None:
                    break
                if previous is not None and _remaining(previous) > 0:
                    raise _Truncated(seen)
                seen += 1
                if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                    raise _Truncated(seen)  # every WARC record has one; a header block cut short has not
                document = _document(record, max_item_bytes, stats)
                previous = record
            if document is not None:
                stats.read += 1
                yield document
        if previous is not None and _remaining(previous) > 0:
            raise _Truncated(seen)
        # bytes after the last whole record: a record (or a gzip member) cut short in its header
        if previous is not None and counted.position > getattr(records, "offset", counted.position):
            raise _Truncated(seen + 1)
    except UnreadableDocument:
        raise
    except _Truncated as error:
        number = seen if error.number < 0 else error.number
        raise UnreadableDocument("bad-warc", f"the WARC file is truncated: record {number} is cut short; "
                                             f"{stats.read} pages read before it") from None
    except Exception as error:  # warcio raises many kinds on damaged input
        where = f" after {seen} records" if seen else ""
        raise UnreadableDocument("bad-warc", f"the WARC file is damaged{where}: "
                                             f"{type(error).__name__}: {_one_line(error)}") from None
    if seen == 0:
        raise UnreadableDocument("bad-warc", "no WARC records in the file")


class _Quiet:
    """stderr captured while warcio runs (it writes decompression errors there)."""

    def __init__(self, stats: ReadStats):
        self.stats = stats

    def __enter__(self):
        self.saved, sys.stderr = sys.stderr, io.StringIO()
        return self

    def __exit__(self, *exc):
        captured, sys.stderr = sys.stderr.getvalue(), self.saved
        for line in captured.splitlines():
            if line.strip():
                self.stats.warnings.append(f"warcio: {line.strip()[:200]}")
        return False


class _Counting:
    """The file as warcio reads it, counting the bytes, so that what is left after the last
    whole record can be told (warcio takes a header cut short for the end of the file)."""

    def __init__(self, raw):
        self.raw = raw
        self.position = 0

    def read(self, size=-1):
        data = self.raw.read(size) if size is not None and size >= 0 else self.raw.read()
        self.position += len(data)
        return data

    def readline(self, size=-1):
        data = self.raw.readline(size)
        self.position += len(data)
        return data

    def tell(self):
        return self.position

    def close(self):
        pass  # the caller's file: the caller closes it


class _Truncated(Exception):
    def __init__(self, number: int):
        self.number = number


def _remaining(record) -> int:
    """Bytes the record's header promised that the file did not hold (0 for a whole record)."""
    stream = record.raw_stream
    for _ in range(4):
        limit = getattr(stream, "limit", None)
        if isinstance(limit, int):
            return limit
        stream = getattr(stream, "stream", None)
        if stream is None:
            break
    return 0


def _document(record, max_item_bytes: int, stats: ReadStats) -> Document | None:
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID")
    ident = uri or record_id
    if record.rec_type != "response":
        stats.skip(ident, record.rec_type or "unknown-record")
        return None
    http = record.http_headers
    if http is None:
        stats.skip(ident, "not-http")
        return None
    status = http.get_statuscode()
    if status != "200":
        stats.skip(ident, f"status-{status}")
        return None
    content_type = http.get_header("Content-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime not in HTML_TYPES and mime not in SNIFF_TYPES:
        stats.skip(ident, "not-html")
        return None
    try:
        payload = record.content_stream().read(max_item_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error):
        stats.skip(ident, "bad-payload")
        return None
    if len(payload) > max_item_bytes:
        stats.skip(ident, "too-large")
        return None
    while record.raw_stream.read(65536):  # the rest of the record (trailers), to see that it is whole
        pass
    if _remaining(record) > 0:
        raise _Truncated(-1)
    if mime not in HTML_TYPES and sniff(payload, uri or "") != "html":
        stats.skip(ident, "not-html")
        return None
    try:
        document = read_html(payload, url=uri, http_charset=http_charset(content_type), kind="warc-record")
    except UnreadableDocument as error:
        stats.skip(ident, error.reason)
        return None
    except Exception as error:  # a fault reading one page must not end the crawl
        stats.skip(ident, "reader-error")
        stats.warnings.append(f"{ident}: {type(error).__name__}: {_one_line(error)}")
        return None
    document.item_id = record_id
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding and encoding != "identity":
        document.warnings.append(f"HTTP payload decoded from Content-Encoding {encoding}")
    return document


def read_warc_bytes(data: bytes, **kwargs) -> Iterator[Document]:
    return read_warc_stream(io.BytesIO(data), **kwargs)


def _one_line(error) -> str:
    text = " ".join(str(error).split())[:200]
    return "".join(c if c.isprintable() else "?" for c in text)
