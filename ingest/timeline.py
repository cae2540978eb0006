"""Text -> dated events: absolute dates ("June 19, 2024", "in June", "July 2000", "19 июня 2024
года", "2024년 6월 19일", "Juche 113 (2024)") and relative ones ("on Tuesday", "last Wednesday",
"yesterday", "last year", "в четверг", "накануне", "в июне прошлого года", "지난 16일", "오는 20일",
"지난달 31일", "작년 6월", "18일") resolved against the article's publication date with
python-dateutil. Pure.

Korean days and months are counted numbers ("18일": the 18th; "6월": June): a bare day is a day of
the publication month, "지난" (last) the latest such day up to the publication date, "오는" (coming)
the next one after it. "이날" (that day) is the day the story reports: the first day it names in
the week up to the publication date, else the publication date.

Without a publication date only absolute dates (with a year) are kept: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
import functools
import itertools
import operator
import re

from dateutil.relativedelta import relativedelta, weekday

from . import dates
from .lexicon import LEXICON
from .models import Event
from .text import sentence_spans, span_containing

if TYPE_CHECKING:
    from .entities import Tokens

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
_RELATIVE_YEAR_MODIFIERS, _WEEKDAY_ABBREVIATIONS = LEXICON.relative_year_modifiers, LEXICON.weekday_abbreviations
_GOVERNING_DAY_WORDS = LEXICON.relative_days_governing
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
TRIGGER_ALSO = dict(LEXICON.patterns.date_triggers_also)
_FUTURE_CUE = LEXICON.patterns.future_cue_before
_FUTURE_IN_CLAUSE = LEXICON.patterns.future_cue_in_clause
CLAUSE_REACH = 240  # characters before a weekday read for its clause's tense
_SENTENCE_END = re.compile(r"[.!?][\"”’»“]?(?=\s|[A-ZА-ЯЁ])|\n")  # also run together: 'Friday.Choe'

_PAST_VERB = re.compile(r"\b[a-z]{3,}ed\b")  # 'arrived', 'signed': an English verb in the past tense
CLASS_OF_KIND = {"md": "month", "dm": "month", "my": "month", "month": "month", "mdy": "month", "dmy": "month",
                 "dm_rel": "relative_year", "month_rel": "relative_year", "weekday": "weekday", "day_word": "day_word",
                 "period": "period", "ago": "ago", "story_day": "story_day", "year_word": "year_word",
                 "era_year": "era", **{kind: "counted" for kind, _ in PATTERNS
                                       if kind.startswith("counted_") or kind == "compact_md"}}  # others: "digit"
_TRIGGER_PREFIX = LEXICON.patterns.date_trigger_prefix  # longest trigger word written in a script without spaces
# counted dates whose parts are no dates of their own when the whole is none ("지난달 31일")
_WHOLE_KINDS = frozenset(("counted_rel_month", "counted_rel_day", "counted_md", "compact_md"))
STORY_DAY_WINDOW = 7  # days before the publication date in which the story's own day is looked for
WINDOW = 40  # characters either side of a trigger: longer than any expression and its look-around
MAX_SENTENCE = 600  # characters of an event's sentence kept (a run-on 'sentence' is cut around the date)
_WORD = re.compile(r"\w+")


def trigger_windows(text: str, tokens: Tokens | None = None) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, disjoint (start, end) windows of `text` that hold every date
    expression of that class. A window ends at whitespace or the end of the text, so a
    look-ahead at its end sees what the full text would show. With the text's `tokens`
    (ingest.entities.tokenize), only its trigger words and numbers are looked at in Python."""
    if tokens is None:
        hits = ((m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text))
    else:
        folded = tokens.folded
        # C-level filters: the tokens that are trigger words, and those that are not all letters
        picked = set(itertools.compress(itertools.count(), map(_TRIGGER_WORDS.__contains__, folded)))
        picked.update(itertools.compress(itertools.count(), map(operator.not_, map(str.isalpha, folded))))
        if _WIDE.search(text):  # a script without spaces: a particle glued on a trigger (지난달에는)
            picked.update(i for i, word in enumerate(folded) if word[0] >= "\u3000")
        hits = ((tokens.starts[i], tokens.ends[i], folded[i]) for i in sorted(picked))
    windows: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for hit_start, hit_end, word in hits:
        classes = _trigger_classes(word)
        if not classes:
            continue
        start, end = max(0, hit_start - WINDOW), min(n, hit_end + WINDOW)
        while end < n and not text[end].isspace():
            end += 1
        for cls in classes:
            spans = windows.setdefault(cls, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return windows


def _trigger_classes(word: str) -> tuple[str, ...]:
    """The trigger classes a lower-case word opens windows for; () for an ordinary word."""
    if not word.isalpha():  # a number; with letters of another script than Latin on it, a counted one: 18일, 6월
        return ("digit",) if word.isascii() else ("digit", "counted")
    cls, also = TRIGGER_CLASS.get(word), TRIGGER_ALSO.get(word)
    if cls is None and word[0] >= "\u3000":  # a particle glued on: 지난달에는, 이날부터
        cls = next((TRIGGER_CLASS[word[:k]] for k in range(min(len(word) - 1, _TRIGGER_PREFIX), 0, -1)
                    if word[:k] in TRIGGER_CLASS), None)
    return tuple(c for c in (cls, *(also or ())) if c is not None)


_TRIGGER_WORDS = frozenset(TRIGGER_CLASS) | frozenset(TRIGGER_ALSO)
_WIDE = re.compile("[\u3000-\uffff]")


def find_events(text: str, published: str | None, tokens: Tokens | None = None) -> list[Event]:
    """Every date expression in `text` that resolves to a calendar date, in text order. Pass the
    text's `tokens` when they are at hand: the same events, found faster."""
    pub = dt.date.fromisoformat(published) if published else None
    windows = trigger_windows(text, tokens)
    if not windows:
        return []
    sentences = sentence_spans(text)
    taken = bytearray(len(text) + 1)  # characters already inside an expression
    events: list[Event] = []
    story_days: list[tuple[int, int]] = []  # "이날": dated once every other date is known

    def add(start: int, end: int, date: str, precision: str, relative: bool) -> None:
        taken[start:end] = b"\x01" * (end - start)
        s_start, s_end = span_containing(sentences, start)
        if s_end - s_start > MAX_SENTENCE:  # a text without full stops: keep the words around the date
            s_start, s_end = max(s_start, start - MAX_SENTENCE // 2), min(s_end, end + MAX_SENTENCE // 2)
        events.append(Event(date=date, precision=precision, expression=text[start:end], char_start=start,
                            char_end=end, sentence=text[s_start:s_end], relative=relative))

    for kind, pattern in PATTERNS:
        spans = windows.get(CLASS_OF_KIND.get(kind, "digit"))
        if not spans:
            continue
        for match in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            if kind == "year_more" and not taken[match.start() - 1]:
                continue  # the year before is no event: "between 2000 and 2019"
            start, end = match.span("y") if kind == "year_more" else match.span()  # the year, not the "and"
            if 1 in taken[start:end]:
                continue
            if kind == "story_day":
                if pub is not None:
                    story_days.append((start, end))
                    taken[start:end] = b"\x01" * (end - start)
                continue
            resolved = _resolve(kind, match, pub)
            if not resolved:
                if pub is not None and kind in _WHOLE_KINDS:  # '지난달 31일' in a month of 30 days: no date,
                    taken[start:end] = b"\x01" * (end - start)  # and neither are its parts
                continue
            add(start, end, *resolved)
    if story_days:
        day = _story_day(events, pub)
        for start, end in story_days:
            add(start, end, day.isoformat(), "day", True)
    events.sort(key=lambda e: e.char_start)
    return events


def _story_day(events: list[Event], pub: dt.date) -> dt.date:
    """The day the story reports: the first day it names (in text order) in the week up to the
    publication date ("13일 ... 이날" is the 13th), else the publication date."""
    for event in sorted(events, key=lambda e: e.char_start):
        if event.precision == "day":
            date = dt.date.fromisoformat(event.date)
            if pub - dt.timedelta(days=STORY_DAY_WINDOW) <= date <= pub:
                return date
    return pub


def _phrase(text: str) -> str:
    """A matched phrase as the lexicon writes it: lower case, single-spaced."""
    return " ".join(text.lower().split())


def _resolve(kind: str, m: re.Match, pub: dt.date | None) -> tuple[str, str, bool] | None:
    if kind in FULL_KINDS:
        date = dates.date_from_match(kind, m)
        return (date.isoformat(), "day", False) if date else None
    if kind == "my":
        month = dates.month_number(m["mon"])
        return (f"{int(m['y']):04d}-{month:02d}", "month", False) if month else None
    if kind == "counted_ym":
        month = int(m["m"])
        return (f"{int(m['y']):04d}-{month:02d}", "month", False) if 1 <= month <= 12 and 1900 <= int(m["y"]) else None
    if kind in ("year", "year_more", "year_word", "counted_y", "era_year"):
        return (m["y"], "year", False)
    if pub is None:
        return None
    if kind.startswith("counted_") or kind in ("compact_md", "dm_rel", "month_rel"):
        return _counted(kind, m, pub)
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
        elif month > pub.month and _FUTURE_CUE.search(m.string, max(0, m.start() - 60), m.start()):
            year = pub.year  # 'will open in July' in June: this year's July
        else:  # news reports the past: a month later in the year than the article is last year's
            year = pub.year if month <= pub.month else pub.year - 1
        return (f"{year:04d}-{month:02d}", "month", True)
    if kind == "weekday":
        return _weekday(m, pub, _future_clause(m))
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
        if _phrase(m["w"]) in _GOVERNING_DAY_WORDS and (after := _NEXT_WORD.match(m.string, m.end())) \
                and _genitive(after.group(1)):
            return None  # "накануне визита": on the eve of the visit, no date of its own
        offset = _RELATIVE_DAYS[_phrase(m["w"])]
        return ((pub + dt.timedelta(days=offset)).isoformat(), "day", True)
    if kind == "period":
        w = _phrase(m["w"])
        if w in _RELATIVE_YEARS:
            return (f"{pub.year + _RELATIVE_YEARS[w]:04d}", "year", True)
        month = pub + relativedelta(months=_RELATIVE_MONTHS[w])
        return (f"{month.year:04d}-{month.month:02d}", "month", True)
    return None


def _future_clause(m: re.Match) -> bool:
    """Whether the clause before a date expression speaks of the future: a future cue in its
    sentence before it ('the delegation would hold talks ... on Thursday'), with no past-tense
    verb between the cue and the date ('which will stay until Sunday, arrived on Wednesday')."""
    head = m.string[max(0, m.start() - CLAUSE_REACH):m.start()]
    boundary = None
    for boundary in _SENTENCE_END.finditer(head):
        pass
    if boundary is not None:
        head = head[boundary.end():]
    cue = _FUTURE_IN_CLAUSE.search(head)
    return bool(cue) and not _PAST_VERB.search(head, cue.end())


def _weekday(m: re.Match, pub: dt.date, future: bool = False) -> tuple[str, str, bool] | None:
    word = m["wd"]
    if word[0].islower() and not m["mod"]:
        # "sunday" alone in lower case is rarely a date where weekday names are capitalized; where
        # they are not (Russian), the preposition shows it is one: "в четверг"
        return None
    target = weekday(dates.WEEKDAYS[word.lower()])
    which = _WEEKDAY_MODIFIERS.get(_phrase(m["mod"] or ""), "recent")
    if which == "last":
        date = pub - dt.timedelta(days=1) + relativedelta(weekday=target(-1))
    elif which == "next":
        date = pub + dt.timedelta(days=1) + relativedelta(weekday=target(+1))
    elif which == "this":
        date = pub + relativedelta(weekday=target(+1))
    elif future:  # 'will meet on Friday': the next one, the publication day included
        date = pub + relativedelta(weekday=target(+1))
    else:
        # News convention: a bare weekday is the most recent one, the publication day included.
        date = pub + relativedelta(weekday=target(-1))
    return (date.isoformat(), "day", True)


@functools.lru_cache(maxsize=4096)
def _genitive(word: str) -> bool:
    """Whether a Russian word is, at its likeliest, a noun, adjective or pronoun in the genitive
    (pymorphy3's dictionary, loaded the first time a governing day word is followed by a word)."""
    if not re.search(r"[\u0400-\u04ff]", word):
        return False
    parse = _russian_analyzer().parse(word.lower())[0]
    return "gent" in parse.tag  # only nominal words (nouns, adjectives, pronouns, numerals) have a case


@functools.lru_cache(maxsize=1)
def _russian_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _recent_year(month: int, day: int | None, pub: dt.date, which: str) -> int:
    """The year of a month (and day) without one: `last` = the latest up to the publication date,
    `next` = the first after it, `recent` = this year's unless that is over half a year ahead
    (a day) or later in the year (a month alone): news reports the past."""
    this = (month, day or 0) if day else (month, 0)
    now = (pub.month, pub.day) if day else (pub.month, 0)
    if which == "last":
        return pub.year if this < now or (day and this == now) else pub.year - 1
    if which == "next":
        return pub.year if this > now else pub.year + 1
    if day:
        date = dates.make_date(pub.year, month, day)
        return pub.year - 1 if date and date > pub + dt.timedelta(days=180) else pub.year
    return pub.year if month <= pub.month else pub.year - 1


def _counted(kind: str, m: re.Match, pub: dt.date) -> tuple[str, str, bool] | None:
    """Dates of counted days and months ("지난 16일", "작년 6월", "10.21.(월)") and of months with a
    relative year ("в июне прошлого года"), against the publication date."""
    groups = m.groupdict()
    if kind in ("dm_rel", "month_rel"):
        month = dates.month_number(m["mon"])
        year = pub.year + _RELATIVE_YEAR_MODIFIERS[_phrase(m["rel"])]
        if not month:
            return None
        if kind == "month_rel":
            return (f"{year:04d}-{month:02d}", "month", True)
        date = dates.make_date(year, month, int(m["d"]))
        return (date.isoformat(), "day", True) if date else None
    month = int(groups["m"]) if groups.get("m") else None
    day = int(groups["d"]) if groups.get("d") else None
    if month is not None and not 1 <= month <= 12:
        return None
    which = _MONTH_PREFIXES.get(_phrase(groups["pre"]), "recent") if groups.get("pre") else "recent"
    if kind == "counted_rel_day":  # "지난달 31일", "이달 4일", "지난 16일", "오는 20일"
        if groups.get("relm"):
            year, month = _shift_month(pub.year, pub.month, _RELATIVE_MONTHS[_phrase(groups["relm"])])
        elif which == "last":
            year, month = (pub.year, pub.month) if day <= pub.day else _shift_month(pub.year, pub.month, -1)
        elif which == "next":
            year, month = (pub.year, pub.month) if day > pub.day else _shift_month(pub.year, pub.month, 1)
        else:
            year, month = pub.year, pub.month
        date = dates.make_date(year, month, day)
        return (date.isoformat(), "day", True) if date else None
    if kind == "counted_d":  # "18일": a day of the publication month
        date = dates.make_date(pub.year, pub.month, day)
        return (date.isoformat(), "day", True) if date else None
    if kind == "counted_rel_month" and groups.get("rel"):  # "작년 6월", "금년 6월 19일"
        year = pub.year + _RELATIVE_YEAR_MODIFIERS[_phrase(groups["rel"])]
    else:  # "지난 6월", "오는 6월 20일", "6월 17일", "6월", "10.21.(월)"
        year = _recent_year(month, day, pub, which)
    if day is None:
        return (f"{year:04d}-{month:02d}", "month", True)
    date = dates.make_date(year, month, day)
    if kind == "compact_md":  # the weekday in brackets must be that date's: it may also pick the year
        wanted = _WEEKDAY_ABBREVIATIONS[m["wd"].lower()]
        date = next((d for d in (date, dates.make_date(year - 1, month, day), dates.make_date(year + 1, month, day))
                     if d and d.weekday() == wanted and -366 <= (d - pub).days <= 180), None)
    return (date.isoformat(), "day", True) if date else None
