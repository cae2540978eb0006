"""Outlet names as sites write them in metadata -> the outlet's own name.

A site name often carries a tagline or a section ("38 North: Informed Analysis of North Korea",
"NK News - North Korea News", "Yonhap News Agency - North Korea"): when the name splits at a
separator and exactly one part matches the site's host name, that part is the outlet.
Otherwise the name is kept as written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .patterns import PATTERNS

GENERIC_SECTIONS = PATTERNS.generic_sections  # section names of the lexicon (section_names)
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+|:\s+")


def host_letters(url: str | None) -> str:
    """"https://www.nknews.org/2025/..." -> "nknews"."""
    if not url:
        return ""
    try:
        host = urlsplit(url).netloc.lower().split(":")[0]
    except ValueError:  # "http://[bad" and the like
        return ""
    # format vocabulary: DNS labels
    host = re.sub(r"^(?:www\d?|m|amp|en|ru|kr|rss|feeds?|news)\.", "", host)
    if "." not in host:
        return ""
    labels = host.split(".")[:-1]  # without the top-level domain
    # format vocabulary: DNS labels
    if len(labels) > 1 and labels[-1] in ("co", "com", "or", "ne", "go", "ac", "org", "net", "gov", "edu"):
        labels.pop()  # "koreatimes.co.kr"
    return re.sub(r"[\W_]+", "", labels[-1]) if labels else ""


def matches_host(name: str, host: str) -> bool:
    key = re.sub(r"[\W_]+", "", name.lower())
    if not key or not host or len(key) < 2:
        return False
    initials = "".join(w[0] for w in re.findall(r"[\w']+", name)).lower()
    return key in host or (host in key and len(host) >= 3) or initials == host


def outlet_part(name: str | None, url: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", " ", name).strip()
    parts = [p for p in _SEPARATORS.split(name) if p.strip()]
    if len(parts) < 2:
        return name
    host = host_letters(url)
    matching = [p.strip() for p in parts if matches_host(p, host)]
    if len(matching) == 1:
        return matching[0]
    # "Интерфакс - Новости", "Example Times | Latest News": the other parts only name a section
    named = [p.strip() for p in parts if p.strip().lower() not in GENERIC_SECTIONS]
    return named[0] if len(named) == 1 and len(named) < len(parts) else name
