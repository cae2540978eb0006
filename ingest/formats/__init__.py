"""Read HTML pages, RSS/Atom feeds, WARC crawls and PDFs into Documents. Pure: bytes in, Documents out.

    kind = sniff(data, name)                   # "text" | "html" | "feed" | "warc" | "pdf" | "binary"
    for document in read_documents(data, name):
        ...                                    # Document(text=..., title=..., published=..., raw=...)

`read_documents` reads every non-text kind; a container (feed, WARC) yields one Document per
article in it. Damaged input yields what can be read and then raises UnreadableDocument
(`.reason` a short code, `.message` one line), the only exception any reader raises.
Pass `stats=ReadStats()` to learn what a container skipped (WARC requests, redirects, 404s,
images; feed items with only a teaser) and why.

`repair_extracted_text` and `looks_extracted_from_pdf` also serve text saved from PDFs as .txt.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from .document import Document, ReadStats, UnreadableDocument
from .repair import looks_extracted_from_pdf, repair_extracted_text
from .sniff import sniff

# format vocabulary: the package's names
__all__ = ["Document", "ReadStats", "UnreadableDocument", "sniff", "read_documents", "read_warc_stream",
           "repair_extracted_text", "looks_extracted_from_pdf", "DEFAULT_MAX_ITEM_BYTES"]

DEFAULT_MAX_ITEM_BYTES = 5 * 1024 * 1024


def read_documents(data: bytes, name: str, *, max_item_bytes: int = DEFAULT_MAX_ITEM_BYTES,
                   stats: ReadStats | None = None) -> Iterator[Document]:
    """Documents in a non-text file (html, feed, warc, pdf). Pure: bytes in, Documents out;
    linear in the input; never hangs; a broken container yields what it can and then raises
    UnreadableDocument (or yields nothing and raises) with a one-line reason."""
    try:
        yield from _read(data, name, max_item_bytes, stats)
    except UnreadableDocument:
        raise
    except Exception as error:  # a fault in a reader or a library: still one error with a reason
        message = " ".join(str(error).split())[:200]
        raise UnreadableDocument("reader-error", f"the file could not be read: {type(error).__name__}: {message}") \
            from error


def _read(data: bytes, name: str, max_item_bytes: int, stats: ReadStats | None) -> Iterator[Document]:
    kind = sniff(data, name)
    if kind == "text":
        raise UnreadableDocument("text", "plain text, not a page, feed, crawl or PDF: read it as a text file")
    if kind == "binary":
        raise UnreadableDocument("binary", "not a web page, feed, WARC crawl or PDF")
    if kind == "warc":
        yield from read_warc_stream(_BytesIO(data), max_item_bytes=max_item_bytes, stats=stats, name=name)
        return
    if kind == "feed":
        from .feeds import read_feed
        yield from read_feed(data, max_item_bytes=max_item_bytes, stats=stats, name=name)
        return
    if len(data) > max_item_bytes:
        raise UnreadableDocument("too-large", f"{len(data):,} bytes, over the {max_item_bytes:,}-byte limit")
    if kind == "pdf":
        from .pdf import read_pdf
        document = read_pdf(data)
    else:
        from .htmlpage import read_html
        body, content_type = _split_http_response(data)
        document = read_html(body, http_charset=_charset_of(content_type), kind="html")
        if body is not data:
            document.raw = data
            document.warnings.insert(0, "HTTP response headers before the page left out of the text")
    if stats is not None:
        stats.read += 1
    yield document


def read_warc_stream(fileobj: BinaryIO, *, max_item_bytes: int = DEFAULT_MAX_ITEM_BYTES,
                     stats: ReadStats | None = None, name: str = "") -> Iterator[Document]:
    """Documents of the HTML pages in an open WARC (.warc or .warc.gz) file, read as a stream."""
    from .warc import read_warc_stream as read

    return read(fileobj, max_item_bytes=max_item_bytes, stats=stats, name=name)


def _BytesIO(data: bytes):
    import io
    return io.BytesIO(data)


def _split_http_response(data: bytes) -> tuple[bytes, str | None]:
    """A page saved with its HTTP response headers (curl -i): (body, Content-Type), else (data, None)."""
    import re
    if not re.match(rb"^HTTP/[012](?:\.\d)? \d{3}", data):
        return data, None
    end = re.search(rb"\r?\n\r?\n", data[:65536])
    if not end:
        return data, None
    headers = data[:end.start()].decode("latin-1")
    match = re.search(r"(?im)^content-type:\s*(.+)$", headers)
    return data[end.end():], match.group(1).strip() if match else None


def _charset_of(content_type: str | None) -> str | None:
    from .charset import http_charset
    return http_charset(content_type)
