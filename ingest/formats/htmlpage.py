"""A web page's bytes -> Document: body by trafilatura, date by htmldate, metadata from markup.

How each field is chosen (the first that gives a usable value wins):

* body: trafilatura's main-text extraction (no comments, tables kept), its XML turned into
  paragraphs separated by blank lines. Before it runs, footnote marks, endnote blocks and
  tables or lists that are mostly links are taken out of (a copy of) the page; after it, the
  furniture it kept (the title repeated as the first line, byline and date lines, paywall and
  newsletter prompts, share bars, copyright lines, endnotes) is moved to `dropped`. Nothing
  else of trafilatura's text changes.
* published: a publication time the page declares (JSON-LD datePublished, article:published_time
  and kin, itemprop=datePublished, a <time> marked as published); else htmldate's original
  date (conservative search); else an unmarked <time datetime> in the article; else htmldate's
  extensive search, only when the page itself writes that day out (so a "© 2025" footer never
  becomes 1 January). Modified/updated dates are never used. The date is the one in the
  timestamp's own offset.
* title: JSON-LD headline, og:title, twitter:title, trafilatura's title, <h1>; a " | Site" suffix
  is cut, and a headline cut short in metadata gives way to the <h1> it starts.
* byline: JSON-LD author (people, not organizations), <meta name=author> and kin, trafilatura's
  author, a "By ..." line at the top or bottom of the body; cleaned by bylines.clean_byline.
* source: JSON-LD publisher.name, og:site_name, application-name and kin.
* url: <link rel=canonical> (unless it points at the home page), og:url, JSON-LD url; else the
  URL the caller knows (WARC target URI). language: <html lang>, content-language, og:locale.
"""

from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import logging
import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .bylines import clean_byline
from .charset import decode_html
from .document import Document, UnreadableDocument
from .furniture import byline_line, chrome_reason, drop_paywall_tail, is_byline_or_date_line, split_endnotes
from .htmlmeta import PageMeta, read_meta
from .patterns import PATTERNS
from .sitenames import host_letters, matches_host, outlet_part
from .timestamps import parse_timestamp

# format vocabulary: library logger names
for _name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)  # they log every odd page as a warning

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|/|:)\s+")
# Pruned before extraction: footnote reference marks in the text, and endnote blocks
_NOTE_REFS = etree.XPath("//sup[a[starts-with(@href, '#')]] | //a[starts-with(@href, '#') and "
                         "(contains(@class, 'footnote') or contains(@class, 'endnote') or contains(@class, 'fn-ref'))]")
_NOTE_BLOCKS = etree.XPath(
    "//*[self::div or self::section or self::ol or self::aside or self::footer]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' footnotes ') or contains(@class, 'endnotes') or "
    "contains(@class, 'footnote-list') or @id='footnotes' or @id='endnotes' or @role='doc-endnotes']")
_LINK_BLOCKS = etree.XPath("//table | //ul | //ol")
MIN_BASELINE_CHARS = 200  # less text than this, outside trafilatura's main text, is not an article


def read_html(data: bytes, *, url: str | None = None, http_charset: str | None = None,
              kind: str = "html") -> Document:
    """One page. Raises UnreadableDocument when the bytes hold no page or no article text."""
    text, encoding, warnings = decode_html(data, http_charset)
    tree = parse_tree(text)
    meta = read_meta(tree, url)
    warnings.extend(meta.warnings)
    dropped: list[str] = []

    page_url = _choose_url(meta, url, warnings, prefer_given=(kind == "warc-record"))
    work = _prepare_for_extraction(tree, dropped)
    extracted = _trafilatura(work, page_url)
    try:
        paragraphs = _paragraphs(extracted.body) if extracted is not None and extracted.body is not None else []
    except RecursionError:  # absurdly nested markup: trafilatura's own text, line by line
        paragraphs = [p for p in (_squash(line) for line in (extracted.text or "").split("\n")) if p]
    if not paragraphs:
        paragraphs = _baseline_paragraphs(work)
        if paragraphs:
            warnings.append("trafilatura found no main text; its baseline extraction was used")
    if not paragraphs:
        raise UnreadableDocument("no-text", "no article text found in the page")

    source = outlet_part(meta.sites[0], page_url) if meta.sites else _trafilatura_site(extracted, page_url)
    title = _choose_title(meta, extracted, source, page_url)
    paragraphs, line_bylines = _clean_paragraphs(paragraphs, title, meta, dropped)
    if not paragraphs:
        raise UnreadableDocument("no-text", "the page's text is all furniture (paywall, menus, share bars)")

    outlets = set(meta.sites) | set(meta.organization_authors) | ({source} if source else set())
    byline = clean_byline(meta.authors, outlets)
    if byline is None and extracted is not None and extracted.author:
        byline = clean_byline(extracted.author.split(";"), outlets)
    if byline is None and line_bylines:
        byline = clean_byline(line_bylines, outlets)
    if byline is None and (near := _byline_under_headline(tree)):
        byline = clean_byline([near], outlets)

    published, published_at = _choose_date(meta, extracted, tree, paragraphs, page_url, warnings)
    return Document(
        text="\n\n".join(paragraphs), kind=kind, raw=data, title=title, byline=byline,
        published=published, published_at=published_at, source=source, url=page_url,
        language=meta.languages[0] if meta.languages else None,
        description=meta.descriptions[0] if meta.descriptions else None,
        encoding=encoding, warnings=warnings, dropped=dropped)


_BLOCKS_UNDER_HEADLINE = 25  # elements looked at after the <h1> for a "By ..." line


def _byline_under_headline(tree) -> str | None:
    """A "By NAME" line among the page's own elements right under its <h1> (an author link in
    a byline box that trafilatura leaves out with the page chrome), before the story's text."""
    headline = next(iter(tree.iter("h1")), None)
    if headline is None:
        return None
    seen = 0
    for element in headline.itersiblings():
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            seen += 1
            text = _squash(node.text_content())
            if node.tag == "p" and len(text) > 150 or seen > _BLOCKS_UNDER_HEADLINE:
                return None  # the story has begun
            if text and len(text) < 100 and (names := byline_line(text)):
                return names
    return None


def parse_tree(text: str):
    text = _BAD_CHARS.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise UnreadableDocument("empty", "the page is empty")
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError, TypeError) as error:
        raise UnreadableDocument("bad-html", f"the page cannot be parsed as HTML: {error}") from None
    if tree is None or not isinstance(tree.tag, str):
        raise UnreadableDocument("bad-html", "the page cannot be parsed as HTML")
    return tree


# ---------------------------------------------------------------- extraction

def _prepare_for_extraction(tree, dropped: list[str]):
    """A copy of the tree without footnote marks, endnote blocks and tables/lists of links."""
    work = copy.deepcopy(tree)
    for element in _NOTE_REFS(work):
        _remove(element)
    for element in _NOTE_BLOCKS(work):
        text = _squash(element.text_content())
        if text:
            dropped.append(text)
        _remove(element)
    for element in _LINK_BLOCKS(work):
        if element.getparent() is None:
            continue
        links = element.findall(".//a")
        if len(links) >= 3:
            text = _letters(element.text_content())
            linked = sum(_letters(a.text_content()) for a in links)
            if text and linked / text > 0.7:
                _remove(element)
    return work


def _letters(text: str) -> int:
    """Characters of a text without its white space (cheap: no regular expression)."""
    return len("".join(text.split()))


def _remove(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:  # keep the text that follows the element
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _trafilatura(tree, url: str | None):
    import trafilatura

    max_date = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False, "max_date": max_date})
    except Exception:  # a bug in the extractor must not take an ingest down; the baseline follows
        return None


def _baseline_paragraphs(tree) -> list[str]:
    """trafilatura's baseline (all paragraph text), when it is prose and not a page of links."""
    try:
        from trafilatura import baseline
        _, text, _ = baseline(copy.deepcopy(tree))
    except Exception:
        return []
    paragraphs = [p for p in (_squash(line) for line in (text or "").split("\n")) if p]
    total = sum(len(p) for p in paragraphs)
    body = tree.find(".//body")
    linked = sum(len(_squash(a.text_content())) for a in body.iter("a")) if body is not None else 0
    if total < MIN_BASELINE_CHARS or linked > total * 0.5:
        return []
    return paragraphs


def _paragraphs(body) -> list[str]:
    out: list[str] = []
    for element in body:
        _emit(element, out)
    return [p for p in out if p]


def _emit(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "graphic" or not tag:
        return
    if tag == "list":
        for child in element:
            _emit(child, out)
        return
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [_inline(cell).replace("\n", " ").strip() for cell in row if cell.tag in ("cell", "head")]
            cells = [c for c in cells if c]
            if cells:
                rows.append(" | ".join(cells))
        if rows:
            out.append("\n".join(rows))
        return
    # format vocabulary: trafilatura's XML elements
    blocks = [child for child in element if isinstance(child.tag, str) and child.tag in ("p", "list", "quote", "table", "head")]
    if blocks:  # a quote or item holding paragraphs: each is its own paragraph
        lead = _squash_lines(element.text or "")
        if lead:
            out.append(lead)
        for child in element:
            if child in blocks:
                _emit(child, out)
            else:
                text = _squash_lines(_inline(child))
                if text:
                    out.append(text)
            tail = _squash_lines(child.tail or "")
            if tail:
                out.append(tail)
        return
    out.append(_squash_lines(_inline(element)))


def _inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _squash_lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\u2009\u200b]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# ---------------------------------------------------------------- furniture

def _clean_paragraphs(paragraphs: list[str], title: str | None, meta: PageMeta,
                      dropped: list[str]) -> tuple[list[str], list[str]]:
    """Take out what trafilatura kept but is not the story. Returns (paragraphs, byline lines)."""
    bylines: list[str] = []
    titles = {_key(t) for t in (title, meta.h1, *meta.titles) if t}
    while paragraphs and _key(paragraphs[0]) in titles:
        paragraphs = paragraphs[1:]
    # byline and date lines at the top (first 3) and the bottom (last 3)
    for positions in (range(min(3, len(paragraphs))), range(len(paragraphs) - 1, max(len(paragraphs) - 4, -1), -1)):
        for index in positions:
            if index < len(paragraphs) and paragraphs[index] is not None and is_byline_or_date_line(paragraphs[index]):
                names = byline_line(paragraphs[index])
                if names:
                    bylines.append(names)
                dropped.append(paragraphs[index])
                paragraphs[index] = None  # type: ignore[call-overload]
    paragraphs = [p for p in paragraphs if p is not None]
    paragraphs, paywall = drop_paywall_tail(paragraphs)
    dropped.extend(paywall)
    kept = []
    for paragraph in paragraphs:
        if chrome_reason(paragraph):
            dropped.append(paragraph)
        else:
            kept.append(paragraph)
    kept, notes = split_endnotes(kept)
    dropped.extend(notes)
    return kept, bylines


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# ---------------------------------------------------------------- fields

def _choose_url(meta: PageMeta, given: str | None, warnings: list[str], prefer_given: bool) -> str | None:
    candidates = [url for url, _ in meta.urls]
    deep = [u for u in candidates if _path(u).strip("/")]
    # a canonical that points at the home page while other evidence names the article: a CMS slip
    chosen = deep[0] if deep else (candidates[0] if candidates else None)
    if prefer_given and given:
        if chosen and chosen.rstrip("/") != given.rstrip("/"):
            warnings.append(f"the page names its own URL as {chosen}")
        return given
    return chosen or given


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _choose_title(meta: PageMeta, extracted, source: str | None, url: str | None) -> str | None:
    candidates = list(meta.titles)
    if extracted is not None and extracted.title:
        candidates.append(extracted.title)
    if meta.h1:
        candidates.append(meta.h1)
    sites = [s for s in (source, *meta.sites) if s]
    for candidate in candidates:
        title = _strip_site(_unescape(candidate), sites, url)
        if title and not any(_key(title) == _key(s) for s in sites):
            # metadata headlines are sometimes cut ("... Kursk reb…"): the page's own <h1> is whole
            h1 = _unescape(meta.h1) if meta.h1 else ""
            stem = re.sub(r"\s*(?:…|\.\.\.)$", "", title)
            if h1 and len(h1) > len(stem) and _key(h1).startswith(_key(stem)) and len(stem) >= 20:
                return h1
            return title
    return None


def _strip_site(title: str, sites: list[str], url: str | None) -> str:
    host = host_letters(url)
    for _ in range(2):
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) < 2:
            break
        last, first = parts[-1], parts[0]
        if _is_site(last, sites, host):
            title = title[: title.rfind(last)].rstrip(" |-–—:·•/")
        elif _is_site(first, sites, host):
            title = title[len(first):].lstrip(" |-–—:·•/")
        else:
            break
    return title.strip()


def _is_site(part: str, sites: list[str], host: str) -> bool:
    key = _key(part)
    if not key:
        return False
    if any(key == _key(s) for s in sites):
        return True
    return len(key) >= 3 and len(part.split()) <= 4 and matches_host(part, host)


def _trafilatura_site(extracted, url: str | None) -> str | None:
    """trafilatura's site name, only when it agrees with the host name (it can come from a title)."""
    name = getattr(extracted, "sitename", None) if extracted is not None else None
    if not name:
        return None
    name = outlet_part(name, url)
    return name if matches_host(name, host_letters(url)) else None


def _unescape(text: str) -> str:
    return _squash(html_lib.unescape(text)) if "&" in text else _squash(text)


def _choose_date(meta: PageMeta, extracted, tree, paragraphs: list[str], url: str | None,
                 warnings: list[str]) -> tuple[str | None, str | None]:
    htmldate_day = getattr(extracted, "date", None) if extracted is not None else None
    htmldate_day = htmldate_day if htmldate_day and re.match(r"^\d{4}-\d{2}-\d{2}$", htmldate_day) else None
    for value, where in meta.strong_dates:
        parsed = parse_timestamp(value)
        if parsed:
            if htmldate_day and htmldate_day != parsed[0]:
                warnings.append(f"htmldate read {htmldate_day}; the page's {where} says {parsed[0]}, kept")
            return parsed
    weak = next((parse_timestamp(v) for v, _ in meta.weak_dates if parse_timestamp(v)), None)
    if htmldate_day:
        if weak and weak[0] == htmldate_day:
            return weak
        modified = {p[0] for p in (parse_timestamp(v) for v in meta.modified_dates) if p}
        if htmldate_day in modified:
            warnings.append(f"htmldate read {htmldate_day}, the page's update time; no publication date")
            return None, None
        return htmldate_day, None
    if weak:
        return weak
    # Last, htmldate's extensive search, but only for a day the page writes outside the story
    # itself (a date line, a URL): a date in the text is usually the date of an event.
    page_text = _squash(tree.text_content())
    body = _squash(" ".join(paragraphs))
    if not _DATE_LIKE.search(url or "") and not _outside_body(_DATE_LIKE, page_text, body):
        return None, None  # nothing to find (and htmldate's date parser need not load)
    day = _extensive_htmldate(tree, url)
    if day and _page_writes_day(day, page_text, body, url):
        warnings.append(f"publication date {day} found by htmldate's extensive search")
        return day, None
    return None, None


def _extensive_htmldate(tree, url: str | None) -> str | None:
    try:
        from htmldate import find_date
        max_date = (dt.date.today() + dt.timedelta(days=1)).isoformat()
        day = find_date(copy.deepcopy(tree), extensive_search=True, original_date=True, url=url, max_date=max_date)
    except Exception:
        return None
    return day if day and re.match(r"^\d{4}-\d{2}-\d{2}$", day) else None


_DATE_LIKE = PATTERNS.date_like  # a day written out anywhere (a cheap test before htmldate's search)


def _outside_body(pattern: re.Pattern, page_text: str, body: str) -> bool:
    """Whether the pattern matches somewhere in the page's text that is not the story's text
    (the match with a little of its context is not a piece of the body)."""
    for count, match in enumerate(pattern.finditer(page_text)):
        if count >= 50:
            break
        context = page_text[max(0, match.start() - 25):match.end() + 25].strip()
        if context not in body:
            return True
    return False


def _page_writes_day(day: str, page_text: str, body: str, url: str | None) -> bool:
    """Whether the page, outside the story's text, or its URL writes this exact day."""
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:])
    y, m, d = str(year), f"{month:02d}", f"{dom:02d}"
    name, ordinal, genitive = PATTERNS.month_stems[month], PATTERNS.ordinal, PATTERNS.month_genitives[month]
    patterns = [
        rf"{y}[-/.]{m}[-/.]{d}", rf"{y}[-/.]{month}[-/.]{dom}(?!\d)", rf"(?<!\d){d}[./-]{m}[./-]{y}", rf"{y}{m}{d}",
        rf"\b{name}\.?\s+{dom}{ordinal}?,?\s+{y}", rf"(?<!\d){dom}{ordinal}?\s+{name}\.?,?\s+{y}",
        rf"{y}\s*년\s*{month}\s*월\s*{dom}\s*일", rf"(?<!\d){dom}\s+{genitive}\s+{y}",
    ]
    return any(re.search(p, url or "", re.I) or _outside_body(re.compile(p, re.I), page_text, body) for p in patterns)
