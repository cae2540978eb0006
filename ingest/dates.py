"""Date vocabulary shared by the header parser and the timeline: month and weekday names (from
the lexicon files, every language) and a finder for explicit calendar dates in a line of text. Pure."""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import LEXICON, word_alternation  # noqa: F401  (word_alternation: part of this module's API)

# The words live in ingest/lexicon/*.yml; the patterns built from them in lexicon.Patterns.
MONTHS = LEXICON.months  # every month word, written out or abbreviated -> its number
WEEKDAYS = LEXICON.weekdays  # weekday word -> 0 (Monday) .. 6
MONTH = LEXICON.patterns.month  # regex alternation of the month words (abbreviations may take a dot)
WEEKDAY = LEXICON.patterns.weekday
DAY_RANGE_END = LEXICON.patterns.day_range_end  # the "-19" of "June 18-19"
# (kind, pattern) for explicit day-month-year dates; order matters: the most specific shapes come first.
FULL_DATE_PATTERNS: list[tuple[str, re.Pattern]] = list(LEXICON.patterns.full_dates)


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
    if kind in ("iso", "dotted", "ymd", "counted"):
        return make_date(y, int(m["m"]), int(m["d"]))
    if kind == "slashed":
        a, b = int(m["a"]), int(m["b"])
        if a > 12 or (day_first and b <= 12):
            return make_date(y, b, a)
        return make_date(y, a, b)
    month = month_number(m["mon"])
    return make_date(y, month, int(m["d"])) if month else None
