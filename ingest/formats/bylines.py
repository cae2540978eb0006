"""Author names from metadata -> "Name One, Name Two": no "By", no outlet, no role, no e-mail.

Only what looks like a person's name is kept; anything else (an outlet, "Staff", a URL, a desk)
is left out, so a byline is empty rather than wrong. The words (openers such as "By" and "From",
roles, desks, organization words) are the lexicon's, compiled in patterns.py.
"""

from __future__ import annotations

import re

from .patterns import PATTERNS as P

_EMAIL = re.compile(r"[\[(<]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[\])>]?")
_URL = re.compile(r"https?://\S+|www\.\S+")
_KOREAN_AGENCY = re.compile(r"^\s*\([^)]*=[^)]*\)\s*")  # "(서울=연합뉴스)"
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|[a-z]{1,3}|[А-ЯЁ][а-яё'’.-]+|[가-힣]{2,5}|[\u4e00-\u9fff]{2,4})$")


def clean_byline(raw: list[str] | str | None, outlets: set[str] | None = None) -> str | None:
    """The authors' names joined by ", ", or None when no part looks like a name."""
    if not raw:
        return None
    values = [raw] if isinstance(raw, str) else raw
    outlets_lower = {o.lower() for o in outlets or set() if o}
    names: list[str] = []
    for value in values:
        for name in _names_in(value, outlets_lower):
            if name.lower() not in {n.lower() for n in names}:
                names.append(name)
    return ", ".join(names) if names else None


def _names_in(value: str, outlets: set[str]) -> list[str]:
    value = _URL.sub(" ", _EMAIL.sub(" ", value))
    value = _KOREAN_AGENCY.sub("", value)
    value = re.sub(r"\s+", " ", value).strip(" \t-–—:|,;")
    names = []
    for part in P.author_split.split(P.author_lead.sub("", value)):
        part = P.author_role_suffix.sub("", P.author_lead.sub("", part.strip(" \t-–—:|.,()[]"))).strip(" ()[]")
        part = P.author_in_place.sub("", part)  # "Justin Doe in Seoul"
        if part.endswith(".") and not re.search(r"\b[A-Z]\.$", part):
            part = part[:-1]
        if _looks_like_name(part, outlets):
            names.append(part)
    return names


def _looks_like_name(part: str, outlets: set[str]) -> bool:
    if not part or len(part) > 60 or re.search(r"\d", part) or part.lower() in outlets:
        return False
    if P.author_non_name.search(part):
        return False
    words = part.split()
    if len(words) == 1:
        return bool(re.fullmatch(r"[가-힣]{2,5}|[\u4e00-\u9fff]{2,4}", part))
    if len(words) > 5 or not all(_NAME_WORD.match(w) for w in words):
        return False
    return sum(1 for w in words if w[0].isupper()) >= 2
