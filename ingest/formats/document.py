"""The reading of one article found in a non-text file, and the one error a reader raises."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Document:
    text: str                        # readable text: paragraphs separated by blank lines; for HTML/feeds/WARC the article BODY only
    kind: str                        # "html" | "feed-item" | "warc-record" | "pdf"
    raw: bytes                       # this article's own exact bytes (the HTML file, the WARC record's HTTP payload,
                                     # the feed item's byte slice of the feed file, the PDF file)
    title: str | None = None
    byline: str | None = None        # authors joined by ", " (no "By", no outlet)
    published: str | None = None     # YYYY-MM-DD: the date in the timestamp's own offset as the page gives it
    published_at: str | None = None  # the full ISO-8601 timestamp when the page gives one (keeps its offset)
    source: str | None = None        # outlet/site name from metadata (og:site_name, JSON-LD publisher, feed title)
    url: str | None = None           # the article's own URL (canonical / og:url / feed link / WARC target URI)
    language: str | None = None      # two-letter code if the page declares it
    description: str | None = None   # standfirst/summary if the page gives one
    item_id: str | None = None       # feed guid / WARC-Record-ID
    encoding: str | None = None      # how `raw` was decoded
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)   # furniture the reader left out (PDF headers/footers...)


class UnreadableDocument(Exception):
    """The bytes cannot become (more) documents. `reason` is a short code, `message` one line."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{message} [{reason}]")
        self.reason = reason
        self.message = message


@dataclass
class ReadStats:
    """What a container reader read and what it left out, for a caller that wants to report it.

    `skipped` counts the records/items left out by reason ("request", "status-404", "not-html",
    "summary-too-short", ...); `skipped_items` lists (item id or URL, reason) for each of them.
    """

    read: int = 0
    skipped: Counter = field(default_factory=Counter)
    skipped_items: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # about the container as a whole

    def skip(self, item: str | None, reason: str) -> None:
        self.skipped[reason] += 1
        self.skipped_items.append((item or "?", reason))
