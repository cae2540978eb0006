"""Text -> dated events: absolute dates ("June 19, 2024", "in June", "July 2000") and relative
ones ("on Tuesday", "last Wednesday", "yesterday", "last year") resolved against the article's
publication date with python-dateutil. Pure.

Without a publication date only absolute dates (with a year) are kept: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta, weekday

from . import dates
from .models import Event
from .text import sentence_spans, span_containing

FULL_MONTHS = [m for m in dates.MONTHS if len(m) > 3 and m not in ("sept",)]
FULL_MONTH = dates.word_alternation({name: False for name in FULL_MONTHS})
M = dates.MONTH
WD = dates.WEEKDAY
_B, _E = r"(?<![\w-])", r"(?![\w-])"
YEAR = r"(?:1[89]\d\d|20\d\d)"

RANGE = dates.DAY_RANGE_END  # "June 18-19" is dated by its first day
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# (kind, pattern) in priority order; an expression overlapping an earlier match is skipped.
FULL_KINDS = {kind for kind, _ in dates.FULL_DATE_PATTERNS}
PATTERNS: list[tuple[str, re.Pattern]] = [
    *dates.FULL_DATE_PATTERNS,  # day, month and year: the same finder the header dates use
    ("md", re.compile(_B + rf"(?P<mon>{M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{RANGE}" + r"(?![\w-]|,?\s*\d)", re.I)),
    ("dm", re.compile(_B + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?{RANGE}\s+(?:of\s+)?(?P<mon>{FULL_MONTH})"
                      + r"(?![\w-]|,?\s*\d)", re.I)),
    ("my", re.compile(_B + rf"(?P<mon>{FULL_MONTH}|{M})\.?,?\s+(?P<y>{YEAR})" + _E, re.I)),
    ("month", re.compile(
        rf"(?<![\w-])(?P<pre>(?:in|since|until|till|by|from|during|through|early|late|mid|last|this|next|im|seit|bis|"
        rf"anfang|ende|mitte)(?:\s+(?:-\s*)?|-))(?P<mon>{FULL_MONTH})" + r"(?![\w-]|\s+\d)", re.I)),
    ("year", re.compile(rf"(?<![\w-])(?P<pre>(?:in|since|until|by|from|of|during|im|seit|bis)\s+)(?P<y>{YEAR})" + _E, re.I)),
    # the later years of a list whose first year was taken: "in 2000, 2019 and 2024"
    ("year_more", re.compile(rf"(?<=\d\d\d\d)(?:,\s*(?=(?:{YEAR},\s*)*{YEAR},?\s+(?:and|or|und)\s+{YEAR}(?![\w-]))|"
                             rf",?\s+(?:and|or|und)\s+)(?P<y>{YEAR})" + _E, re.I)),
    ("ago", re.compile(rf"(?<![\w-])(?P<n>\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+(?P<unit>days?|months?|years?)\s+ago" + _E,
                       re.I)),
    ("weekday", re.compile(
        rf"(?<![\w-])(?:(?P<mod>last|this|next|on|vergangenen|letzten|kommenden|nächsten|am)\s+)?(?P<wd>{WD})" + _E,
        re.I)),
    ("day_word", re.compile(r"(?<![\w-])(?P<w>yesterday|today|tomorrow|gestern|heute)" + _E, re.I)),
    ("period", re.compile(
        r"(?<![\w-])(?P<w>last year|this year|next year|last month|this month|next month|earlier this month|"
        r"earlier this year|im vergangenen jahr|vergangenes jahr|letztes jahr|im vergangenen monat)" + _E, re.I)),
]


# Every date expression contains a trigger word of its class (a month name, a weekday, ...) or a
# token with a digit, so each pattern only runs on windows around its triggers.
TRIGGER_CLASS = {**{m: "month" for m in dates.MONTHS}, **{w: "weekday" for w in dates.WEEKDAYS},
                 **{w: "day_word" for w in ("yesterday", "today", "tomorrow", "gestern", "heute")},
                 **{w: "period" for w in ("year", "month", "jahr", "monat")}, "ago": "ago"}
CLASS_OF_KIND = {"md": "month", "dm": "month", "my": "month", "month": "month", "mdy": "month", "dmy": "month",
                 "weekday": "weekday", "day_word": "day_word", "period": "period", "ago": "ago"}  # other kinds: "digit"
WINDOW = 40  # characters either side of a trigger: longer than any expression and its look-around
_WORD = re.compile(r"\w+")


def trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, disjoint (start, end) windows of `text` that hold every date
    expression of that class. A window ends at whitespace or the end of the text, so a
    look-ahead at its end sees what the full text would show."""
    windows: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isalpha():
            cls = TRIGGER_CLASS.get(word.lower())
            if cls is None:
                continue
        else:
            cls = "digit"
        spans = windows.setdefault(cls, [])
        start, end = max(0, match.start() - WINDOW), min(n, match.end() + WINDOW)
        if spans and start <= spans[-1][1]:
            start = spans.pop()[0]
        while end < n and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return windows


def find_events(text: str, published: str | None) -> list[Event]:
    """Every date expression in `text` that resolves to a calendar date, in text order."""
    pub = dt.date.fromisoformat(published) if published else None
    windows = trigger_windows(text)
    if not windows:
        return []
    sentences = sentence_spans(text)
    taken = bytearray(len(text) + 1)  # characters already inside an expression
    events: list[Event] = []
    for kind, pattern in PATTERNS:
        spans = windows.get(CLASS_OF_KIND.get(kind, "digit"), ())
        for match in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            if kind == "year_more" and not taken[match.start() - 1]:
                continue  # the year before is no event: "between 2000 and 2019"
            start, end = match.span("y") if kind == "year_more" else match.span()  # the year, not the "and"
            if 1 in taken[start:end]:
                continue
            resolved = _resolve(kind, match, pub)
            if not resolved:
                continue
            date, precision, relative = resolved
            taken[start:end] = b"\x01" * (end - start)
            s_start, s_end = span_containing(sentences, start)
            events.append(Event(date=date, precision=precision, expression=text[start:end], char_start=start,
                                char_end=end, sentence=text[s_start:s_end], relative=relative))
    events.sort(key=lambda e: e.char_start)
    return events


def _resolve(kind: str, m: re.Match, pub: dt.date | None) -> tuple[str, str, bool] | None:
    if kind in FULL_KINDS:
        date = dates.date_from_match(kind, m)
        return (date.isoformat(), "day", False) if date else None
    if kind == "my":
        month = dates.month_number(m["mon"])
        return (f"{int(m['y']):04d}-{month:02d}", "month", False) if month else None
    if kind in ("year", "year_more"):
        return (m["y"], "year", False)
    if pub is None:
        return None
    if kind in ("md", "dm"):
        month = dates.month_number(m["mon"])
        if not month or (m["mon"].lower() == "may" and kind == "md" and not m.group(0)[0].isupper()):
            return None
        date = dates.make_date(pub.year, month, int(m["d"]))
        if date and date > pub + dt.timedelta(days=180):
            date = dates.make_date(pub.year - 1, month, int(m["d"]))
        return (date.isoformat(), "day", False) if date else None
    if kind == "month":
        month = dates.month_number(m["mon"])
        pre = m["pre"].lower().strip(" -")
        if not month or (m["mon"].lower() == "may" and pre not in ("in", "since", "until", "by", "last", "early",
                                                                     "late", "mid")):
            return None
        if pre == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif pre == "last":
            year = pub.year if month < pub.month else pub.year - 1
        else:  # news reports the past: a month later in the year than the article is last year's
            year = pub.year if month <= pub.month else pub.year - 1
        return (f"{year:04d}-{month:02d}", "month", True)
    if kind == "weekday":
        return _weekday(m, pub)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
        unit = m["unit"].lower()
        if unit.startswith("day"):
            return ((pub - dt.timedelta(days=n)).isoformat(), "day", True)
        if unit.startswith("month"):
            month = pub - relativedelta(months=n)
            return (f"{month.year:04d}-{month.month:02d}", "month", True)
        return (f"{pub.year - n:04d}", "year", True)
    if kind == "day_word":
        offset = {"yesterday": -1, "gestern": -1, "today": 0, "heute": 0, "tomorrow": 1}[m["w"].lower()]
        return ((pub + dt.timedelta(days=offset)).isoformat(), "day", True)
    if kind == "period":
        w = m["w"].lower()
        if "year" in w or "jahr" in w:
            delta = -1 if ("last" in w or "vergangen" in w or "letztes" in w) else (1 if "next" in w else 0)
            return (f"{pub.year + delta:04d}", "year", True)
        delta = -1 if ("last" in w or "vergangen" in w) else (1 if "next" in w else 0)
        month = pub + relativedelta(months=delta)
        return (f"{month.year:04d}-{month.month:02d}", "month", True)
    return None


def _weekday(m: re.Match, pub: dt.date) -> tuple[str, str, bool] | None:
    word = m["wd"]
    if not word[0].isupper():
        return None  # "sunday" in lower case is rarely a date; weekday names are capitalized
    target = weekday(dates.WEEKDAYS[word.lower()])
    mod = (m["mod"] or "").lower()
    if mod in ("last", "vergangenen", "letzten"):
        date = pub - dt.timedelta(days=1) + relativedelta(weekday=target(-1))
    elif mod in ("next", "kommenden", "nächsten"):
        date = pub + dt.timedelta(days=1) + relativedelta(weekday=target(+1))
    elif mod == "this":
        date = pub + relativedelta(weekday=target(+1))
    else:
        # News convention: a bare weekday is the most recent one, the publication day included.
        date = pub + relativedelta(weekday=target(-1))
    return (date.isoformat(), "day", True)
