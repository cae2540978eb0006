"""What a page says about itself in markup: JSON-LD, <meta> (og:, article:, Dublin Core, citation_),
<link rel=canonical>, <time datetime>, <html lang>. Read-only on the lxml tree.

Each field keeps its candidates in order of trust; htmlpage.py decides between them and what
trafilatura/htmldate read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .patterns import PATTERNS
from .timestamps import parse_timestamp

# format vocabulary: schema.org types
ARTICLE_TYPES = ("newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "article", "blogposting",
                 "liveblogposting", "report", "scholarlyarticle", "techarticle", "socialmediaposting")
# format vocabulary: schema.org types
PAGE_TYPES = ("webpage", "itempage", "aboutpage", "collectionpage")
# format vocabulary: schema.org types
ORG_TYPES = ("organization", "newsmediaorganization", "corporation", "governmentorganization", "ngo",
             "educationalorganization", "researchorganization", "brand")

# <meta> keys whose content is the original publication time, most trusted first
# format vocabulary: <meta> keys
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "rnews:datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
    "published-date", "published_date", "publication_date", "citation_publication_date", "citation_date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "parsely-pub-date",
    "sailthru.date", "og:pubdate", "article:published", "date", "dc.date", "dcterms.date",
)
# format vocabulary: <meta> keys
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified",
                 "dcterms.modified", "revised", "lastmod")
AUTHOR_KEYS = ("author", "article:author", "byl", "citation_author", "dc.creator", "dcterms.creator",
               "parsely-author", "sailthru.author", "twitter:creator:name")
SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher",
             "citation_publisher", "citation_journal_title")
# Markup that marks a <time> as an update or as the publication time: CMS class names, itemprop
# and id values ("updated", "dateModified", "pubdate"), in English whatever the page's language.
# format vocabulary: CMS class names and itemprop values
UPDATE_MARKUP = re.compile(r"updat|modif|edit|revis", re.I)
# format vocabulary: CMS class names and itemprop values
PUBLISH_MARKUP = re.compile(r"publish|pubdate|posted|created|issued", re.I)
# ... and the visible label before it ("Updated:", "Обновлено", "수정"): the lexicon's date labels
UPDATE_LABEL = PATTERNS.update_label


@dataclass
class PageMeta:
    titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)          # raw names, most trusted source first
    author_source: str | None = None
    strong_dates: list[tuple[str, str]] = field(default_factory=list)   # (value, where)
    weak_dates: list[tuple[str, str]] = field(default_factory=list)     # <time> elements without a label
    modified_dates: list[str] = field(default_factory=list)             # update times: never publication dates
    sites: list[str] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)           # (url, where)
    languages: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    organization_authors: list[str] = field(default_factory=list)
    h1: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_meta(tree, base_url: str | None = None) -> PageMeta:
    meta = PageMeta()
    tags = _meta_tags(tree)
    base = _base_url(tree, base_url)
    article = _jsonld_article(tree, meta)

    if article:
        _add(meta.titles, _text(article.get("headline")) or _text(article.get("name")))
        names, orgs = _person_names(article.get("author")) if article.get("author") else ([], [])
        if names:
            meta.authors.extend(names)
            meta.author_source = "JSON-LD"
        meta.organization_authors.extend(orgs)
        if _text(article.get("dateModified")):
            meta.modified_dates.append(_text(article.get("dateModified")))
        published = _text(article.get("datePublished")) or _text(article.get("dateCreated"))
        if published:
            meta.strong_dates.append((published, "JSON-LD datePublished"))
        publisher = article.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        _add(meta.sites, _text(publisher.get("name")) if isinstance(publisher, dict) else _text(publisher))
        for key in ("url", "mainEntityOfPage"):
            value = article.get(key)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str):
                meta.urls.append((value, f"JSON-LD {key}"))
        _add(meta.languages, _text(article.get("inLanguage")))
        _add(meta.descriptions, _text(article.get("description")))

    for key in ("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title"):
        for value in tags.get(key, []):
            _add(meta.titles, value)
    for key in AUTHOR_KEYS:
        for value in tags.get(key, []):
            if not re.match(r"^(?:https?:|www\.|@)", value):
                if not meta.authors or meta.author_source == key:
                    meta.authors.append(value)
                    meta.author_source = key
    for key in PUBLISHED_KEYS:
        for value in tags.get(key, []):
            meta.strong_dates.append((value, f"<meta {key}>"))
    for key in MODIFIED_KEYS:
        meta.modified_dates.extend(tags.get(key, []))
    for key in SITE_KEYS:
        for value in tags.get(key, []):
            if not re.match(r"^(?:https?:|www\.)", value):
                _add(meta.sites, value)
    for key in ("og:description", "description", "twitter:description", "dc.description"):
        for value in tags.get(key, []):
            _add(meta.descriptions, value)
    for value in tags.get("og:url", []):
        meta.urls.append((value, "og:url"))

    for link in tree.iterfind(".//link[@rel]"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels and link.get("href"):
            meta.urls.insert(0, (link.get("href").strip(), "canonical"))
            break

    _time_elements(tree, meta)
    _microdata_dates(tree, meta)

    root_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    for value in [root_lang, *tags.get("content-language", []), *tags.get("og:locale", []),
                  *tags.get("dc.language", [])]:
        _add(meta.languages, value)
    meta.languages = [code for code in (_two_letter(v) for v in meta.languages) if code]

    meta.urls = [(absolute, where) for absolute, where in
                 ((_absolute(url, base), where) for url, where in meta.urls) if absolute]
    h1 = tree.find(".//h1")
    if h1 is not None:
        meta.h1 = _squash(h1.text_content()) or None
    return meta


# ---------------------------------------------------------------- <meta>

def _meta_tags(tree) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in tree.iterfind(".//meta"):
        content = element.get("content")
        if content is None:
            continue
        content = _squash(content)
        if not content:
            continue
        # format vocabulary: HTML attributes
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attr)
            if key:
                for part in key.lower().split():
                    tags.setdefault(part, []).append(content)
    return tags


def _base_url(tree, given: str | None) -> str | None:
    base = tree.find(".//base[@href]")
    if base is not None:
        try:
            return urljoin(given or "", base.get("href").strip())
        except ValueError:
            return given
    return given


def _absolute(url: str, base: str | None) -> str | None:
    url = url.strip()
    if not url or re.search(r"\s", url):
        return None
    if url.startswith("//"):
        url = "https:" + url
    try:
        if base and not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:  # a malformed URL ("http://[bad") is no URL
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


# ---------------------------------------------------------------- JSON-LD

def _jsonld_article(tree, meta: PageMeta) -> dict | None:
    objects: list[dict] = []
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|//\s*\]\]>\s*$|\]\]>\s*$", "", raw).strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas and raw newlines in strings are the common breakages
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")))
            except ValueError:
                meta.warnings.append("a JSON-LD block is not valid JSON; ignored")
                continue
        _collect(data, objects, depth=0)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
    for obj in objects:  # Yoast-style graphs name the publisher and authors by reference
        for key in ("publisher", "author"):
            obj[key] = _resolve(obj.get(key), by_id)
    articles = [o for o in objects if _types(o) & set(ARTICLE_TYPES)]
    news = [o for o in articles if any(t.endswith("newsarticle") for t in _types(o))]
    for group in (news, articles):
        with_headline = [o for o in group if o.get("headline") or o.get("datePublished")]
        if with_headline:
            return with_headline[0]
    pages = [o for o in objects if _types(o) & set(PAGE_TYPES) and o.get("datePublished")]
    return pages[0] if pages else None


def _collect(data, objects: list[dict], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            _collect(item, objects, depth + 1)
    elif isinstance(data, dict):
        objects.append(data)
        for key in ("@graph", "mainEntity"):  # not itemListElement: lists of other stories
            if key in data:
                _collect(data[key], objects, depth + 1)


def _resolve(value, by_id: dict):
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value[:50]]
    return value


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if v}


def _person_names(value) -> tuple[list[str], list[str]]:
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            if not name:
                given, family = _text(item.get("givenName")), _text(item.get("familyName"))
                name = " ".join(p for p in (given, family) if p) or None
            if name:
                (orgs if _types(item) & set(ORG_TYPES) else people).append(name)
    return [_squash(p) for p in people if _squash(p)], orgs


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, (int, float)):
        return None
    return _squash(value) if isinstance(value, str) and value.strip() else None


# ---------------------------------------------------------------- <time> and microdata

def _time_elements(tree, meta: PageMeta) -> None:
    """A <time datetime> marked as the publication time is strong evidence; the first unmarked
    one in the article (not in a list of other stories, not labelled "updated") is weak."""
    weak_inside: list[tuple[str, str]] = []
    weak_outside: list[tuple[str, str]] = []
    for element in tree.iter("time"):
        value = element.get("datetime")
        if not value or parse_timestamp(value) is None:
            continue
        label = " ".join(filter(None, (element.get("class"), element.get("itemprop"), element.get("id"),
                                       _label_before(element), element.text_content()[:20])))
        if marks_update(label) and not re.search(r"datepublished", label, re.I):
            meta.modified_dates.append(value)
            continue
        if (element.get("itemprop") or "").lower() == "datepublished" or element.get("pubdate") is not None \
                or PUBLISH_MARKUP.search(" ".join(filter(None, (element.get("class"), element.get("itemprop"))))):
            meta.strong_dates.append((value, "<time> marked as published"))
            continue
        ancestors = [a.tag for a in element.iterancestors() if isinstance(a.tag, str)]
        # format vocabulary: HTML elements
        if set(ancestors) & {"aside", "nav", "footer", "li"}:
            continue
        # format vocabulary: HTML elements
        (weak_inside if set(ancestors) & {"article", "main", "header"} else weak_outside).append(
            (value, "<time datetime>"))
    meta.weak_dates.extend(weak_inside[:1] or weak_outside[:1])


def marks_update(label: str) -> bool:
    """Whether a <time>'s markup or visible label says it is an update time."""
    return bool(UPDATE_MARKUP.search(label) or UPDATE_LABEL.search(label))


def _label_before(element) -> str:
    """The words just before an element ("Updated: <time ...>"): its preceding text and the
    last few siblings before it, never more (a page can hold thousands of <time>s)."""
    parts = []
    for sibling in element.itersiblings(preceding=True):
        parts.append((sibling.text_content() if isinstance(sibling.tag, str) else "") + (sibling.tail or ""))
        if len(parts) >= 3:
            break
    parent = element.getparent()
    if len(parts) < 3 and parent is not None:
        parts.append(parent.text or "")
    return "".join(reversed(parts))[-40:]


def _microdata_dates(tree, meta: PageMeta) -> None:
    for element in tree.iterfind(".//*[@itemprop]"):
        if element.tag in ("meta", "time"):
            continue  # read above
        if (element.get("itemprop") or "").lower().split() and "datepublished" in element.get("itemprop").lower().split():
            value = element.get("content") or element.get("datetime")
            if value:
                meta.strong_dates.append((value, "itemprop datePublished"))


# ---------------------------------------------------------------- helpers

def _add(values: list[str], value: str | None) -> None:
    value = _squash(value) if value else None
    if value and value not in values:
        values.append(value)


def _squash(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _two_letter(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*\s*$", value)
    return match.group(1).lower() if match else None
