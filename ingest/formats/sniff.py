"""What a file is, from its first bytes: "text", "html", "feed", "warc", "pdf" or "binary".

The content decides, not the name: a .txt that holds a web page is "html", an .html file that
holds plain prose is "text". The name only breaks a tie (an XML file with no known root element).
"""

from __future__ import annotations

import re
import zlib

HEAD_BYTES = 4096  # markers are looked for here ("within the first KB", with room for long comments)

_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04", b"RIFF", b"\x00\x00\x01\x00",
    b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"OggS", b"ID3", b"\x1a\x45\xdf\xa3", b"wOFF", b"wOF2",
    b"SQLite format 3", b"\x7fELF", b"BZh", b"\xfd7zXZ", b"(\xb5/\xfd",
)
# The start of markup, after a BOM, blanks, comments, a doctype or processing instructions
_LEADING_JUNK = re.compile(rb"^(?:\s+|<!--.*?-->|<\?(?!xml\b).*?\?>)*", re.S)
_FEED_ROOT = re.compile(rb"<(?:[a-z0-9_-]+:)?(?:rss|feed|rdf)\b", re.I)
_HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
# An HTML fragment saved on its own: it starts with one of these tags
_FRAGMENT_START = re.compile(rb"<(?:div|article|section|main|p|meta|title|script|style|table|h[1-6]|span|link|header)[\s>/]",
                             re.I)
_HTTP_STATUS = re.compile(rb"^HTTP/[012](?:\.\d)? \d{3}")
_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def sniff(data: bytes, name: str = "") -> str:
    """One of "text", "html", "feed", "warc", "pdf", "binary". Never raises."""
    if not data:
        return "text"  # the text reader says "empty" with its own reason code
    head = data[:HEAD_BYTES]
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(head).lstrip().startswith(b"WARC/") else "binary"
    if head.startswith(b"WARC/"):
        return "warc"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            head = head[2:].decode("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be", "ignore").encode("utf-8")
        except Exception:
            return "binary"
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTTP_STATUS.match(head):  # an HTTP response saved with its headers (curl -i)
        end = re.search(rb"\r?\n\r?\n", head)
        if end:
            kind = _markup_kind(head[end.end():], name)
            if kind in ("html", "feed"):
                return kind
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return "binary"
    kind = _markup_kind(head, name)
    if kind:
        return kind
    sample = head[:2048]
    if len(_CONTROLS.findall(sample)) > max(8, len(sample) // 20):
        return "binary"
    return "text"


def _markup_kind(head: bytes, name: str) -> str | None:
    start = head[_LEADING_JUNK.match(head).end():]
    lowered = start[:HEAD_BYTES].lower()
    if lowered.startswith(b"<?xml"):
        if _HTML_MARK.search(lowered):
            return "html"  # XHTML
        body = re.sub(rb"<!--.*?-->", b"", lowered, flags=re.S)
        if _FEED_ROOT.search(body):
            return "feed"
        return "feed" if name.lower().endswith((".rss", ".atom")) else "binary"
    if _FEED_ROOT.match(lowered):
        return "feed"
    if lowered.startswith(b"<"):
        if _HTML_MARK.search(lowered) or _FRAGMENT_START.match(lowered):
            return "html"
        return None
    # prose first, then markup: a page saved with a note above it, or a copy of a page's source
    mark = _HTML_MARK.search(lowered[:1024])
    if mark and re.search(rb"</(?:p|div|head|title|body)>", lowered):
        before = lowered[:mark.start()]
        if before.count(b"\n") <= 5:
            return "html"
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""
