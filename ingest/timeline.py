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
from .lexicon import LEXICON
from .models import Event
from .text import sentence_spans, span_containing

# The words live in ingest/lexicon/*.yml, the patterns built from them in lexicon.Patterns.
NUMBER_WORDS = LEXICON.number_words  # "three days ago"
# (kind, pattern) in priority order; an expression overlapping an earlier match is skipped.
PATTERNS: list[tuple[str, re.Pattern]] = list(LEXICON.patterns.timeline)
FULL_KINDS = {kind for kind, _ in dates.FULL_DATE_PATTERNS}

# Every date expression contains a trigger word of its class (a month name, a weekday, ...) or a
# token with a digit, so each pattern only runs on windows around its triggers.
TRIGGER_CLASS = dict(LEXICON.patterns.date_triggers)  # a plain dict: looked up for every word of a text
# What the relative words mean: "last" Tuesday, "next" June, "yesterday" = -1 day, ...
_WEEKDAY_MODIFIERS, _MONTH_PREFIXES = LEXICON.weekday_modifiers, LEXICON.month_prefixes
_RELATIVE_DAYS, _RELATIVE_YEARS, _RELATIVE_MONTHS = LEXICON.relative_days, LEXICON.relative_years, LEXICON.relative_months
_TIME_UNITS, _COMMON_WORD_MONTHS = LEXICON.time_units, LEXICON.common_word_months
CLASS_OF_KIND = {"md": "month", "dm": "month", "my": "month", "month": "month", "mdy": "month", "dmy": "month",
                 "weekday": "weekday", "day_word": "day_word", "period": "period", "ago": "ago"}  # other kinds: "digit"
WINDOW = 40  # characters either side of a trigger: longer than any expression and its look-around
MAX_SENTENCE = 600  # characters of an event's sentence kept (a run-on 'sentence' is cut around the date)
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
            if s_end - s_start > MAX_SENTENCE:  # a text without full stops: keep the words around the date
                s_start, s_end = max(s_start, start - MAX_SENTENCE // 2), min(s_end, end + MAX_SENTENCE // 2)
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
        if not month or (kind == "md" and m["mon"].lower() in _COMMON_WORD_MONTHS and not m.group(0)[0].isupper()):
            return None
        date = dates.make_date(pub.year, month, int(m["d"]))
        if date and date > pub + dt.timedelta(days=180):
            date = dates.make_date(pub.year - 1, month, int(m["d"]))
        return (date.isoformat(), "day", False) if date else None
    if kind == "month":
        month = dates.month_number(m["mon"])
        if not month:
            return None
        which = _MONTH_PREFIXES.get(m["pre"].lower().strip(" -"), "recent")
        if which == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif which == "last":
            year = pub.year if month < pub.month else pub.year - 1
        else:  # news reports the past: a month later in the year than the article is last year's
            year = pub.year if month <= pub.month else pub.year - 1
        return (f"{year:04d}-{month:02d}", "month", True)
    if kind == "weekday":
        return _weekday(m, pub)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
        unit = _TIME_UNITS[m["unit"].lower()]
        if unit == "day":
            return ((pub - dt.timedelta(days=n)).isoformat(), "day", True)
        if unit == "month":
            month = pub - relativedelta(months=n)
            return (f"{month.year:04d}-{month.month:02d}", "month", True)
        return (f"{pub.year - n:04d}", "year", True)
    if kind == "day_word":
        offset = _RELATIVE_DAYS[m["w"].lower()]
        return ((pub + dt.timedelta(days=offset)).isoformat(), "day", True)
    if kind == "period":
        w = m["w"].lower()
        if w in _RELATIVE_YEARS:
            return (f"{pub.year + _RELATIVE_YEARS[w]:04d}", "year", True)
        month = pub + relativedelta(months=_RELATIVE_MONTHS[w])
        return (f"{month.year:04d}-{month.month:02d}", "month", True)
    return None


def _weekday(m: re.Match, pub: dt.date) -> tuple[str, str, bool] | None:
    word = m["wd"]
    if not word[0].isupper():
        return None  # "sunday" in lower case is rarely a date; weekday names are capitalized
    target = weekday(dates.WEEKDAYS[word.lower()])
    which = _WEEKDAY_MODIFIERS.get((m["mod"] or "").lower(), "recent")
    if which == "last":
        date = pub - dt.timedelta(days=1) + relativedelta(weekday=target(-1))
    elif which == "next":
        date = pub + dt.timedelta(days=1) + relativedelta(weekday=target(+1))
    elif which == "this":
        date = pub + relativedelta(weekday=target(+1))
    else:
        # News convention: a bare weekday is the most recent one, the publication day included.
        date = pub + relativedelta(weekday=target(-1))
    return (date.isoformat(), "day", True)
