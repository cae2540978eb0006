"""Date vocabulary shared by the header parser and the timeline: month and weekday names
(English and German) and a finder for explicit calendar dates in a line of text. Pure."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1,
    "february": 2, "feb": 2, "februar": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3,
    "april": 4, "apr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juni": 6,
    "july": 7, "jul": 7, "juli": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
}



def word_alternation(words: dict[str, bool]) -> str:
    """A regex matching any of the words (those mapped to True may take a dot), longest first
    ("June" before "Jun"). Written as a trie (j(?:an(?:uary)?|u...)) so the regex engine
    tries a few letters at each position instead of every word."""
    trie: dict = {}
    for word, dot in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = dot  # the word ends here

    def branch(node: dict) -> str:
        longer = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if "" not in node:
            return longer[0] if len(longer) == 1 else "(?:%s)" % "|".join(longer)
        ending = [r"\."] if node[""] else []
        return "(?:%s)?" % "|".join(longer + ending) if longer or ending else ""

    return "(?:%s)" % branch(trie)


# An abbreviation (four letters or fewer) may take a dot.
MONTH = word_alternation({name: len(name) <= 4 for name in MONTHS})
WEEKDAY = word_alternation({name: False for name in WEEKDAYS})

_B = r"(?<![\w-])"  # left word boundary that also refuses a hyphen ("Kim Jong-un" is no date)
_E = r"(?![\w-])"
DAY_RANGE_END = r"(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"  # the "-19" of "June 18-19"
# Order matters: the most specific shapes come first.
FULL_DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(_B + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _E)),
    # 2024.11.09 / 2024/11/09 (year first, as Korean sites write it) and 2024년 11월 9일
    ("ymd", re.compile(_B + r"(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\.?" + r"(?![\w-])")),
    ("korean", re.compile(r"(?P<y>\d{4})년\s*(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일")),
    # a range is dated by its first day: "June 18-19, 2024", "18–19 June 2024"
    ("mdy", re.compile(_B + rf"(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{DAY_RANGE_END},?\s+(?P<y>\d{{4}})" + _E,
                       re.I)),
    ("dmy", re.compile(_B + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?{DAY_RANGE_END}\s+(?:of\s+)?(?P<mon>{MONTH})\.?,?\s+"
                            rf"(?P<y>\d{{4}})" + _E, re.I)),
    ("dotted", re.compile(_B + r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _E)),
    ("slashed", re.compile(_B + r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})" + _E)),
]


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date, or None (2024-13-45 is not a date)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_full_date(text: str, day_first: bool = True) -> tuple[dt.date, re.Match] | None:
    """The first explicit day-month-year date in `text`, with its match, or None.

    Numeric dates with dots are day-first (European). Slashed dates are read day-first when
    the first number cannot be a month or `day_first` is set, month-first otherwise.
    """
    best: tuple[dt.date, re.Match] | None = None
    for kind, pattern in FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = date_from_match(kind, match, day_first)
            if date and (best is None or match.start() < best[1].start()):
                best = (date, match)
                break
    return best


def date_from_match(kind: str, m: re.Match, day_first: bool = True) -> dt.date | None:
    """The calendar date a FULL_DATE_PATTERNS match of that kind names, or None if it is no real date."""
    y = int(m["y"])
    if not 1900 <= y <= 2100:
        return None
    if kind in ("iso", "dotted", "ymd", "korean"):
        return make_date(y, int(m["m"]), int(m["d"]))
    if kind == "slashed":
        a, b = int(m["a"]), int(m["b"])
        if a > 12 or (day_first and b <= 12):
            return make_date(y, b, a)
        return make_date(y, a, b)
    month = month_number(m["mon"])
    return make_date(y, month, int(m["d"])) if month else None
