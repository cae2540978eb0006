"""Datelines: the place, date and agency that open a wire story ('MOSCOW, December 4. /TASS/.',
'SEOUL, Nov 9 (Reuters) -', 'Seoul, South Korea CNN —', 'SEOUL:'), and the year of a dateline
that gives only day and month, inferred from the article's own dates. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import dates

DASH = r"(?:--|—|–|-|:)"
_MONTH_DAY = rf"(?P<mon>{dates.MONTH})\s*(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})"
DATELINES = [
    # MOSCOW, December 4. /TASS/.   (TASS style)
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)[,.]\s*(?:{_MONTH_DAY})\.?\s*/(?P<agency>[A-Za-z -]{{2,20}})/\.?\s*",
               re.I),
    # MOSCOW, Nov 9 (Reuters) -   /   Pyongyang, December 5 (KCNA) --   /   MOSCOW. Oct 24 (Interfax) -
    re.compile(
        rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)[,.]\s*(?:{_MONTH_DAY})(?:,?\s*(?P<year>\d{{4}}))?\s*"
        rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*", re.I),
    # SEOUL, South Korea (AP) —   /   WASHINGTON (Reuters) -   /   Moskau (dpa) -
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s*"
               rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*"),
    # Seoul, South Korea CNN —   (an outlet named without parentheses: taken only for a known outlet)
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s+"
               rf"(?P<bare_agency>[A-Z][A-Za-z]{{1,15}})\s*(?:--|—|–)\s*"),
    # SEOUL:   /   MOSCOW —   /   PYONGYANG, North Korea --
    re.compile(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’/ -]{1,40}?[A-ZÀ-Þ])(?:,\s*(?P<region>[A-Z][\w. ]{1,30}?))?\s*"
               r"(?::|--|—|–|\s-)\s+"),  # 'MOSCOW - ' (Kyodo) as well
]
AGENCY_DATELINES = DATELINES[:2]  # with their date: a line opening with one starts the body


@dataclass
class Dateline:
    place: str
    agency: str | None  # the agency as written (or its registry name)
    date: dt.date | None
    month_day: tuple[int, int] | None  # day and month without a year
    end: int  # where the story's own text begins


def starts_with_dateline(text: str, patterns: list[re.Pattern] = DATELINES) -> bool:
    return any(pattern.match(text) for pattern in patterns)


def read_dateline(paragraph: str, outlets: dict[str, str]) -> Dateline | None:
    """The dateline opening a paragraph, or None."""
    for pattern in DATELINES:
        match = pattern.match(paragraph)
        if not match or len(paragraph) - match.end() < 20:
            continue
        groups = match.groupdict()
        if groups.get("bare_agency"):
            if groups["bare_agency"].lower() not in outlets:
                continue
            groups["agency"] = groups["bare_agency"]
        if not groups.get("agency") and not _plausible_place(match["place"]):
            continue
        region = groups.get("region")
        place = match["place"].strip() + (f", {region.strip()}" if region else "")
        agency = groups["agency"].strip() if groups.get("agency") else None
        month_day, date = None, None
        month = groups.get("mon") or groups.get("mon2")
        if month:
            month_day = (dates.month_number(month), int(groups.get("day") or groups.get("day2")))
            if groups.get("year"):
                date = dates.make_date(int(groups["year"]), *month_day)
                month_day = None if date else month_day
        return Dateline(place, outlets.get(agency.lower(), agency) if agency else None, date, month_day, match.end())
    return None


def _plausible_place(place: str) -> bool:
    """An all-capitals dateline word: a city, not the start of a shouted sentence."""
    words = place.split()
    return 1 <= len(words) <= 4 and place.upper() == place and len(place) >= 3


_EXPLICIT = re.compile(rf"\b(?P<mon>{dates.MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b|"
                       rf"\b(?P<d2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})\s+(?P<y2>(?:19|20)\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b{dates.MONTH}\s+((?:19|20)\d\d)\b", re.I)
_YEAR_MENTION = re.compile(r"\b(?:in|since|of|by|during|for)\s+((?:19|20)\d\d)\b(?![-–/]\d)")


def infer_year(month_day: tuple[int, int], body: str) -> tuple[dt.date | None, int | None]:
    """A day and month without a year: the first year in which that day is not before the latest
    dated thing the article reports (its explicit dates). (date, year) or (None, None)."""
    month, day = month_day
    explicit = []
    for match in _EXPLICIT.finditer(body):
        y = int(match["y"] or match["y2"])
        m = dates.month_number(match["mon"] or match["mon2"])
        d = int(match["d"] or match["d2"])
        if m and (date := dates.make_date(y, m, d)):
            explicit.append(date)
    # a month and year ('June 2024') or a year the story is in ('so far in 2025') dates it too
    explicit += [dt.date(int(y), 1, 1) for y in _MONTH_YEAR.findall(body) + _YEAR_MENTION.findall(body)]
    if not explicit:
        return None, None
    latest = max(explicit)
    for year in (latest.year, latest.year + 1):
        date = dates.make_date(year, month, day)
        if date and date >= latest:
            return date, year
    return None, None
