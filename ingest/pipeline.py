"""One file's bytes -> the processed articles in it, ready to load. Pure: no database, no file system.

A text file is one article. A web page or a PDF is one article too; a feed or a WARC crawl holds
several, each with its own raw bytes (the item's slice of the feed, the record's payload) and its
key in the container (the feed item's guid or link, the WARC record's id). Files are told apart
by their content, not their name (ingest.formats.sniff).
"""

from __future__ import annotations

import datetime as dt

import hashlib
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

from .decode import DEFAULT_MAX_BYTES, UnusableFile, decode_bytes
from .extract import Extractor
from .models import Article, Extraction
from .parse import Hints, parse_article
from .parse.patterns import HEADLINE_PREFIX
from .wire import shingle_hashes

CONTAINER_KINDS = ("feed", "warc")


@dataclass
class ProcessedFile:
    sha256: str
    encoding: str
    article: Article
    extraction: Extraction
    shingles: list[int]  # sampled shingle hashes of the body, for finding shared wire copy
    raw: bytes | None = None  # the article's own bytes when they are not the whole file's (a container's item)
    item: str | None = None  # its key in its container (feed guid or link, WARC record id); None for a file
    kind: str = "text"  # text | html | pdf | feed-item | warc-record
    notes: list[str] = field(default_factory=list)  # what a container reader left out, for -v
    # fields a judgement corrected: field -> (the value the machine read, the judgement's number)
    readings: dict[str, tuple[str | None, int]] = field(default_factory=dict)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_bytes(data: bytes, extractor: Extractor, max_bytes: int = DEFAULT_MAX_BYTES) -> ProcessedFile:
    """Decode, parse and extract one text file. Raises decode.UnusableFile for unusable input."""
    decoded = decode_bytes(data, max_bytes=max_bytes)
    text = decoded.text
    warnings = list(decoded.warnings)
    dropped: list[str] = []
    from .formats import looks_extracted_from_pdf, repair_extracted_text

    if looks_extracted_from_pdf(text):  # text saved from a PDF: hard breaks, hyphens, running heads
        text, dropped = repair_extracted_text(text)
        warnings.append("text extracted from a PDF: lines joined, hyphenation and page furniture removed")
    article = parse_article(text, outlets=extractor.registry.outlets)
    article.warnings[:0] = warnings
    article.dropped[:0] = dropped
    return _read(sha256_of(data), decoded.encoding, article, extractor)


def _read(sha: str, encoding: str, article: Article, extractor: Extractor, **more) -> ProcessedFile:
    """Extract what a parsed article says. A human's judgements about these bytes (db/judgements.yml)
    win over the reading: corrected fields are set before extraction (a corrected date dates the
    article's relative dates), a judged quote speaker after it; what the machine read is kept."""
    judged = extractor.judgements
    readings = judged.correct(article, sha) if judged.active else {}
    extraction = extractor.extract(article)
    if judged.active:
        extraction = judged.apply_speakers(extraction, sha, readings)
    return ProcessedFile(sha, encoding, article, extraction, shingle_hashes(article.body), readings=readings, **more)


def file_kind(data: bytes, name: str) -> str:
    """text | html | feed | warc | pdf | binary, by content (ingest.formats.sniff)."""
    from .formats import sniff

    return sniff(data[:65536], name)


def process_file(data: bytes, name: str, extractor: Extractor, max_bytes: int = DEFAULT_MAX_BYTES
                 ) -> list[ProcessedFile]:
    """Every article in one file's bytes. Raises UnusableFile when none can be read."""
    kind = file_kind(data, name)
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("xml", "rss", "atom", "feed") and kind not in CONTAINER_KINDS:
        raise UnusableFile("not-a-feed", "an XML file that is not an RSS or Atom feed")
    if suffix == "pdf" and kind != "pdf":
        raise UnusableFile("not-a-pdf", "named .pdf but not a PDF")
    if kind in ("text", "binary"):
        return [process_bytes(data, extractor, max_bytes)]  # binary: decode says why, with its reason code
    if kind not in CONTAINER_KINDS and len(data) > max_bytes:
        raise UnusableFile("too-large", f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    from .formats import read_documents

    return list(_documents(read_documents(data, name, max_item_bytes=max_bytes), extractor, kind))


def process_warc(stream: BinaryIO, name: str, extractor: Extractor, max_bytes: int = DEFAULT_MAX_BYTES
                 ) -> Iterator[ProcessedFile]:
    """The articles of a WARC crawl, read as a stream (a crawl may be far larger than memory)."""
    from .formats import read_warc_stream

    yield from _documents(read_warc_stream(stream, max_item_bytes=max_bytes, name=name), extractor, "warc")


def _documents(documents, extractor: Extractor, kind: str) -> Iterator[ProcessedFile]:
    from .formats import UnreadableDocument

    produced = 0
    try:
        for document in documents:
            processed = process_document(document, extractor)
            if processed is not None:
                produced += 1
                yield processed
    except UnreadableDocument as exc:
        if not produced:
            raise UnusableFile(exc.reason, exc.message) from exc
        # a damaged container: what came before the damage is kept; the rest cannot be read
    if not produced and kind in CONTAINER_KINDS:
        raise UnusableFile("no-articles", f"the {'feed' if kind == 'feed' else 'crawl'} holds no article to read")


def local_date(timestamp: str | None, outlet: str | None, registry) -> str | None:
    """The calendar day of a UTC timestamp ('2024-06-19T22:30:00+00:00') where its outlet works:
    in the registry's time zone for that outlet (Yonhap: Asia/Seoul -> 2024-06-20). None for a
    timestamp with an offset of its own (its own day stands), or an outlet of no known zone."""
    if not timestamp or not outlet or not timestamp.endswith("+00:00"):
        return None
    entry = registry.outlet_entries.get(outlet)
    zone = entry.timezone if entry else None
    if not zone:
        return None
    try:
        from zoneinfo import ZoneInfo
        return dt.datetime.fromisoformat(timestamp).astimezone(ZoneInfo(zone)).date().isoformat()
    except (ValueError, KeyError, OSError):
        return None


def process_document(document, extractor: Extractor) -> ProcessedFile | None:
    """One article read by ingest.formats: its metadata are strong evidence, the parser reads
    the text for the rest (a PDF's text carries its own headline and byline)."""
    if not document.text.strip():
        return None
    pdf = document.kind == "pdf"
    title = None if pdf or not document.title else HEADLINE_PREFIX.sub("", document.title).strip() or None
    hints = Hints(title=title, byline=document.byline, published=document.published,
                  source=document.source, url=document.url, language=document.language)
    article = parse_article(document.text, outlets=extractor.registry.outlets, hints=hints)
    if pdf and article.title is None:
        article.title = document.title
    if article.published == document.published:
        article.published = local_date(document.published_at, article.source, extractor.registry) or article.published
    article.warnings[:0] = list(document.warnings)
    article.dropped[:0] = list(document.dropped)
    raw = document.raw
    return _read(sha256_of(raw), document.encoding or "utf-8", article, extractor, raw=raw,
                 item=document.item_id or document.url if document.kind in ("feed-item", "warc-record") else None,
                 kind=document.kind)
