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
    try:
        records = ArchiveIterator(fileobj, arc2warc=True)
        for record in records:
            seen += 1
            document = _document(record, max_item_bytes, stats)
            if document is not None:
                stats.read += 1
                yield document
    except UnreadableDocument:
        raise
    except (Exception, EOFError) as error:  # warcio raises many kinds on damaged input
        where = f" after {seen} records" if seen else ""
        raise UnreadableDocument("bad-warc", f"the WARC file is damaged or truncated{where}: "
                                             f"{type(error).__name__}: {_one_line(error)}") from None
    if seen == 0:
        raise UnreadableDocument("bad-warc", "no WARC records in the file")


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
    except (OSError, EOFError, ValueError, zlib.error) as error:
        stats.skip(ident, "bad-payload")
        return None
    if len(payload) > max_item_bytes:
        stats.skip(ident, "too-large")
        return None
    if mime not in HTML_TYPES and sniff(payload, uri or "") != "html":
        stats.skip(ident, "not-html")
        return None
    try:
        document = read_html(payload, url=uri, http_charset=http_charset(content_type), kind="warc-record")
    except UnreadableDocument as error:
        stats.skip(ident, error.reason)
        return None
    document.item_id = record_id
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    if encoding and encoding != "identity":
        document.warnings.append(f"HTTP payload decoded from Content-Encoding {encoding}")
    return document


def read_warc_bytes(data: bytes, **kwargs) -> Iterator[Document]:
    return read_warc_stream(io.BytesIO(data), **kwargs)


def _one_line(error) -> str:
    return " ".join(str(error).split())[:200]
