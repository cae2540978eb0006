"""RSS 0.9x/1.0/2.0 and Atom feeds -> one Document per item that carries an article, via feedparser.

Which items are articles:

* an item with content (RSS content:encoded, Atom <content>) whose text is at least
  MIN_CONTENT_CHARS long: the content is the body, the summary (if different) the description;
* an item with only a summary/description: an article only when its text is at least
  MIN_SUMMARY_CHARS (500) long. Teasers are one or two sentences (100-300 characters in the feeds
  of news agencies); a feed that carries whole stories in <description> passes easily. A shorter
  summary is skipped and counted as "summary-only" (the page it links to is the article).

The publication date is the item's own (pubDate, dc:date, Atom <published>), read in its own
offset; an Atom <updated> alone is not a publication date (left empty, with a warning).
`raw` is the item's exact byte slice of the feed (from its start tag to its end tag); when the
slice cannot be found for sure, it is the whole feed and a warning says so.
"""

from __future__ import annotations

import re
from typing import Iterator

from .bylines import clean_byline
from .document import Document, ReadStats, UnreadableDocument
from .furniture import chrome_reason
from .htmltext import html_to_paragraphs
from .patterns import PATTERNS
from .sitenames import outlet_part
from .timestamps import parse_timestamp

MIN_CONTENT_CHARS = 80
MIN_SUMMARY_CHARS = 500

_ITEM_SCAN = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|<(/?)(?:[A-Za-z_][\w.-]*:)?(item|entry)(?=[\s>/])[^>]*?(/?)>",
                        re.S | re.I)
_FEED_FOOTER = PATTERNS.feed_footer  # "The post ... appeared first on ...", "Continue reading →", "[…]"
# XML errors that lose items; encoding overrides and undeclared types are harmless
# format vocabulary: feedparser's exception names
_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")


def read_feed(data: bytes, *, max_item_bytes: int = 5 * 1024 * 1024, stats: ReadStats | None = None,
              name: str = "") -> Iterator[Document]:
    import feedparser

    stats = stats if stats is not None else ReadStats()
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as error:  # feedparser is defensive; this is a last guard
        raise UnreadableDocument("bad-feed", f"the feed cannot be parsed: {error}") from None
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    fatal = problem is not None and type(problem).__name__ not in _HARMLESS_BOZO
    if not entries:
        if fatal and not parsed.get("feed"):
            raise UnreadableDocument("bad-feed", f"not a readable feed: {_one_line(problem)}")
        raise UnreadableDocument("empty-feed", "the feed has no items")

    feed = parsed.get("feed") or {}
    encoding = parsed.get("encoding") or "utf-8"
    slices = _item_slices(data, len(entries))
    feed_source = _feed_source(feed)
    feed_language = _two_letter(feed.get("language"))
    for index, entry in enumerate(entries):
        warnings: list[str] = []
        if fatal:
            warnings.append(f"the feed is not well-formed ({_one_line(problem)}); items read as far as possible")
        raw = _raw_for(data, slices, index, entry, encoding, warnings)
        ident = entry.get("id") or entry.get("link") or f"item {index + 1}"
        if len(raw) > max_item_bytes:
            stats.skip(ident, "too-large")
            continue
        try:
            document = _document(entry, raw, feed_source, feed_language, encoding, warnings,
                                 dc_dates=_dc_dated(raw, raw is not data, parsed.get("version") or ""))
        except Exception as error:  # a fault reading one item must not end the feed
            stats.warnings.append(f"{ident}: {type(error).__name__}: {_one_line(error)}")
            document = "reader-error"
        if isinstance(document, str):
            stats.skip(ident, document)
            continue
        stats.read += 1
        yield document
    if fatal:
        raise UnreadableDocument("bad-feed", f"the feed is not well-formed XML: {_one_line(problem)}; "
                                             f"{stats.read} items read")


def _document(entry, raw: bytes, feed_source: str | None, feed_language: str | None, encoding: str,
              warnings: list[str], dc_dates: bool = False) -> Document | str:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    content = max(contents, key=lambda c: len(c.get("value") or ""), default=None)
    summary = entry.get("summary") or ""
    if content is not None and summary and summary == content.get("value"):
        summary = ""  # feedparser copies content into summary when there is no summary
    body, dropped = _text_of(content) if content is not None else ([], [])
    summary_paragraphs, _ = _text_of({"value": summary, "type": entry.get("summary_detail", {}).get("type")})
    summary_text = "\n\n".join(summary_paragraphs)
    description = None
    if body and len("\n\n".join(body)) >= MIN_CONTENT_CHARS:
        if summary_text and not "\n\n".join(body).startswith(summary_text.rstrip(". …")):
            description = summary_text
    elif len(summary_text) >= MIN_SUMMARY_CHARS:
        body, dropped = _text_of({"value": summary, "type": entry.get("summary_detail", {}).get("type")})
        warnings.append("no content in the item; its summary is long enough to be the article")
    elif body:
        return "content-too-short"
    else:
        return "summary-only" if summary_text else "no-text"

    title = _squash(entry.get("title")) or None
    link = entry.get("link") or (entry.get("id") if re.match(r"^https?://", entry.get("id") or "") else None)
    authors = [a.get("name") or a.get("email") for a in entry.get("authors") or [] if a]
    byline = clean_byline([a for a in authors if a] or entry.get("author"), {feed_source} if feed_source else None)
    published = published_at = None
    raw_date = entry.get("published") or entry.get("created") or entry.get("issued")
    if not raw_date and dc_dates:
        raw_date = entry.get("updated")  # feedparser files dc:date under "updated"; in RSS it is the item's date
    if raw_date:
        parsed = parse_timestamp(raw_date)
        if parsed:
            published, published_at = parsed
        else:
            warnings.append(f"the item's date {raw_date!r} cannot be read")
    elif entry.get("updated"):
        warnings.append(f"the item gives only an updated time ({entry.get('updated')}), not a publication date")
    source = None
    item_source = entry.get("source") or {}
    if isinstance(item_source, dict) and item_source.get("title"):
        source = _squash(item_source.get("title"))
    language = _two_letter((content or {}).get("language")) or feed_language
    return Document(
        text="\n\n".join(body), kind="feed-item", raw=raw, title=title, byline=byline, published=published,
        published_at=published_at, source=source or feed_source, url=link, language=language,
        description=description, item_id=entry.get("id") or link, encoding=encoding, warnings=warnings,
        dropped=dropped)


def _text_of(content: dict) -> tuple[list[str], list[str]]:
    value = content.get("value") or ""
    kind = (content.get("type") or "text/html").lower()
    if kind == "text/plain":
        paragraphs = [p for p in (_squash_keep(b) for b in re.split(r"\n\s*\n", content.get("value") or "")) if p]
        captions: list[str] = []
    else:
        paragraphs, captions = html_to_paragraphs(value)
    kept, dropped = [], list(captions)
    for paragraph in paragraphs:
        if _FEED_FOOTER.match(paragraph) or chrome_reason(paragraph):
            dropped.append(paragraph)
        else:
            kept.append(paragraph)
    return kept, dropped


def _dc_dated(raw: bytes, is_slice: bool, version: str) -> bool:
    """Whether the item's "updated" time is really a Dublin Core date (RSS 1.0/2.0 <dc:date>),
    which is the item's publication date, and not an Atom <updated>."""
    if is_slice:
        return bool(re.search(rb"<dc(?:terms)?:(?:date|created|issued)[\s>]", raw)) and \
            not re.search(rb"<(?:atom:)?updated[\s>]", raw)
    return version.startswith("rss")


# ---------------------------------------------------------------- raw slices

def _item_slices(data: bytes, expected: int) -> list[tuple[int, int]] | None:
    """(start, end) of each top-level <item>/<entry> element, or None if they cannot be told apart."""
    slices: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for match in _ITEM_SCAN.finditer(data):
        if match.group(2) is None:
            continue  # CDATA or a comment
        closing, self_closing = match.group(1) == b"/", match.group(3) == b"/"
        if closing:
            depth -= 1
            if depth == 0:
                slices.append((start, match.end()))
            elif depth < 0:
                return None
        elif self_closing:
            if depth == 0:
                slices.append((match.start(), match.end()))
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    return slices if len(slices) == expected else None


def _raw_for(data: bytes, slices, index: int, entry, encoding: str, warnings: list[str]) -> bytes:
    if slices is not None:
        piece = data[slices[index][0]:slices[index][1]]
        if _mentions(piece, entry, encoding):
            return piece
    warnings.append("the item's own bytes could not be found in the feed; raw is the whole feed")
    return data


def _mentions(piece: bytes, entry, encoding: str) -> bool:
    """Whether a byte slice holds the entry (its link, id or title), as a check on the slicing."""
    # format vocabulary: feedparser's entry keys
    for key in ("link", "id", "title"):
        value = entry.get(key)
        if not value:
            continue
        for form in {value, value.replace("&", "&amp;")}:
            for codec in {encoding, "utf-8"}:
                try:
                    if form.encode(codec) in piece:
                        return True
                except (LookupError, UnicodeEncodeError):
                    continue
    # format vocabulary: feedparser's entry keys
    return not any(entry.get(k) for k in ("link", "id", "title"))


# ---------------------------------------------------------------- helpers

def _feed_source(feed) -> str | None:
    """The feed's title, cut to the outlet's name when it also names a section and the outlet's
    part can be told by the feed's host name ("NK News - North Korea News" -> "NK News")."""
    return outlet_part(_squash(feed.get("title")) or None, feed.get("link"))


def _two_letter(value) -> str | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*\s*$", value)
    return match.group(1).lower() if match else None


def _squash(value) -> str:
    return re.sub(r"\s+", " ", value or "").strip() if isinstance(value, str) else ""


def _squash_keep(block: str) -> str:
    return "\n".join(line.strip() for line in block.split("\n") if line.strip())


def _one_line(error) -> str:
    return re.sub(r"\s+", " ", str(error) or type(error).__name__).strip()[:200]
