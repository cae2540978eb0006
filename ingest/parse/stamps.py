"""Date lines: the publication and update stamps pages put near a headline, in the forms found in
practice ('Published : 2024-06-20 15:08 Updated : 2024-06-20 18:30', 'Monday 28 April 2025',
'Oct. 24, 2024 at 9:40 a.m. EDT', '2025-10-27T17:25:00Z', 'NOV 6, 12:47', '2025.10.11.'),
read with python-dateutil. Pure.

A line is split at its separators and labels into stamps; a stamp is a date only when nothing but
date words, labels, times and time zones is left around it. Which calendar day a timestamp names:
the date in the timestamp's own offset, as the page wrote it ('2024-06-20T23:30:00+09:00' is
20 June); a UTC timestamp ('...Z') is moved into the outlet's home time zone when the caller gives
one, else read in UTC. A stamp without a year gives its month and day; the caller infers the year
from the article's own dates and marks it inferred.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

from dateutil import parser as dateparser
from dateutil.tz import tzoffset

from ..dates import find_full_date, make_date, month_number
from ..lexicon import LEXICON, alternation
from .patterns import CAPITAL, COUNTER
from .patterns import FURNITURE_LINE as _COUNTED_BUTTON

_SEPARATORS = re.compile(r"\s+[|•/]\s+|\s*[|·]\s*|\s{3,}|\s+[-–—]\s+(?=\D)")  # '... GMT+9·2 min read'
_LABELS = sorted(LEXICON.date_labels, key=len, reverse=True)
_LABEL = re.compile(rf"(?i)(?<![\w])({alternation(_LABELS)})(?:\s+(?:on|at|am|um))?\s*[:：]?\s*")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})[./-](\d{1,2})[./-](\d{1,2})\.?(?!\d)")
_GMT_OFFSET = re.compile(r"(?i)\b(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
_DOTTED_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")
_TIME = re.compile(r"(?i)^\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?$")
_WORD = re.compile(r"[^\W\d_]+", re.U)
_MERIDIEM = re.compile(r"(?i)(?<![^\W\d_])[ap]\.?m\.?(?![^\W\d_])")
_NOISE = (set(LEXICON.stamp_words) | set(LEXICON.time_zones) | set(LEXICON.weekdays) | set(LEXICON.months)
          | set(LEXICON.weekday_abbreviations)  # '2024. 10. 21.(월) 17:30'
          | set(LEXICON.date_labels) | set(LEXICON.ordinal_suffixes) | {"t", "z"}
          | set(LEXICON.counter_words)  # a counter's label whose number the page fills in: '... 21:04 조회수'
          | {word for name in LEXICON.section_names for word in name.split()})  # 'Politics 10:02 April 28, 2025'
# text copied from a page runs stamps together: 'June 17, 20252:41 PM GMT+9Updated June 17, 2025'
_GLUED_TIME = re.compile(r"(?<=\b\d{4})(?=\d{1,2}:\d{2})")
_GLUED_DATE = re.compile(r"(?<=\b\d{4})(?=[A-Z][a-z])")  # 'November 19, 2024Nov 19, 2024': two stamps
_GLUED_LABEL = re.compile(rf"(?<=[\w+)])(?=(?:{alternation(w.capitalize() for w in LEXICON.date_labels)})\b)")
_TZINFOS = {name.upper(): minutes * 60 for name, minutes in LEXICON.time_zones.items() if name != "z"}
_NO_YEAR, _NO_YEAR_2 = dt.datetime(1900, 1, 1), dt.datetime(1901, 2, 2)
# an issue number in brackets beside a masthead's date: '(루계 제28673호)', '(№ 106)'
_PRINT = alternation([*LEXICON.print_words, "№", "#"])
_ISSUE = re.compile(rf"(?i)\((?=[^()]*\d)(?=[^()]*(?:{_PRINT}))(?:\s*(?:{_PRINT}|\d{{1,7}})\s*)+\)")
# a day and month without a year, in words dateutil does not know: '19 ОКТ, 10:15'
_DAY_MONTH = [re.compile(rf"(?i)(?<![\w-])(?P<d>\d{{1,2}})\.?\s+(?P<mon>{LEXICON.patterns.month})(?![\w-])"),
              re.compile(rf"(?i)(?<![\w-])(?P<mon>{LEXICON.patterns.month})\s+(?P<d>\d{{1,2}})(?![\w-])")]


@dataclass(frozen=True)
class Stamp:
    """A date found in a date line: `label` is published, updated, other or '' (unlabelled);
    `date` is None when the stamp has no year (then `month_day` is set)."""

    date: dt.date | None
    label: str
    month_day: tuple[int, int] | None = None
    timestamp: str | None = None  # ISO 8601 with offset, when the stamp had a time and a zone
    start: int = 0
    end: int = 0


def read_stamps(line: str, home_offset_minutes: int | None = None) -> list[Stamp] | None:
    """The stamps of a line that is a date line, or None when the line says more than dates
    (a headline or sentence that merely contains a date)."""
    if len(line) > 160 or not re.search(r"\d", line):
        return None
    line = _GLUED_DATE.sub(" | ", _GLUED_LABEL.sub(" ", _GLUED_TIME.sub(" ", line)))
    line = _ISSUE.sub(lambda m: " " * len(m.group()), line)
    stamps: list[Stamp] = []
    label = ""
    for piece, start in _pieces(line):
        text = piece.strip(" ,;:()[]")
        if not text:
            continue
        labelled = _LABEL.match(text)
        if labelled and labelled.end() == len(text):
            label = LEXICON.date_labels[labelled.group(1).lower()]
            continue
        if labelled:
            label = LEXICON.date_labels[labelled.group(1).lower()]
            start += piece.find(text) + labelled.end()
            text = text[labelled.end():]
        stamp = _read_stamp(text, label, home_offset_minutes)
        if stamp is None:
            if _TIME.match(text) or _only_noise(text) or _COUNTED_BUTTON.match(text) and re.search(r"\d", text) \
                    or COUNTER.match(text):
                continue  # a time, date words, a reading time ('2 min read'), a counter ('14321 views') beside the stamp
            return None
        stamps.append(Stamp(stamp.date, stamp.label, stamp.month_day, stamp.timestamp, start, start + len(text)))
        label = ""
    return stamps or None


def _pieces(line: str):
    """The line cut at its separators and before each label, with each piece's offset."""
    cuts = sorted({0, len(line), *(m.start() for m in _LABEL.finditer(line)),
                   *(m.end() for m in _SEPARATORS.finditer(line)), *(m.start() for m in _SEPARATORS.finditer(line))})
    for a, b in zip(cuts, cuts[1:]):
        if _SEPARATORS.fullmatch(line[a:b]):
            continue
        yield line[a:b], a


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_MERIDIEM.sub(" ", text))]


def _only_noise(text: str) -> bool:
    return all(w in _NOISE for w in _words(text))


_AMERICAN_ZONE = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(
    sorted((re.escape(zone.upper()) for zone, offset in LEXICON.time_zones.items() if -600 <= offset <= -180),
           key=len, reverse=True) or ["(?!)"]))


def _read_stamp(text: str, label: str, home_offset_minutes: int | None) -> Stamp | None:
    full = find_full_date(text)
    if full:  # the shapes the timeline reads too: 2024년 11월 9일, 19.06.2024, June 19, 2024
        rest = text[:full[1].start()] + " " + text[full[1].end():]
        if _only_noise(re.sub(r"\d{1,2}[:.]\d{2}(?::\d{2})?", " ", rest)) and not re.search(r"\d{3,}", rest):
            return Stamp(full[0], label)
    words = _words(text)
    if len(words) > 8 or any(w not in _NOISE for w in words):
        return None
    year_first = _YEAR_FIRST.match(text)
    if year_first:  # 2025.10.11. / 2024-06-20 15:08: year, month, day (dateutil would read 10 Nov)
        found = find_full_date(year_first.group(0).rstrip("."))
        rest = text[year_first.end():].strip()
        if found and (not rest or _TIME.match(rest.split()[0]) or _only_noise(rest) or "T" in text[:11]):
            if "T" in text[:11] or re.search(r"[+-]\d{2}:?\d{2}$|Z$", text):
                return _timestamp(text, label, home_offset_minutes) or Stamp(found[0], label)
            return Stamp(found[0], label)
    normalized = _GMT_OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}{m.group(3) or '00'}", text)
    normalized = _DOTTED_TIME.sub(r"\1:\2", normalized)  # 10.00 GMT (British style) -> 10:00
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # the Americas' time zones go with month-first numbers: '05/06/25 11:42 AM ET' is May 6
            day_first = not _AMERICAN_ZONE.search(text)
            first = dateparser.parse(normalized, default=_NO_YEAR, fuzzy=True, dayfirst=day_first, tzinfos=_TZINFOS)
            second = dateparser.parse(normalized, default=_NO_YEAR_2, fuzzy=True, dayfirst=day_first,
                                      tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return _day_month(text, label)
    if first.day != second.day or first.month != second.month:  # no day or no month: not a date stamp
        return _day_month(text, label)
    if not re.search(r"\d", text) or not (words or re.search(r"\d{1,4}[./-]\d{1,2}", text)):
        return None
    if first.year != second.year:  # no year in the stamp
        return Stamp(None, label, (first.month, first.day))
    if not 1900 <= first.year <= 2100:
        return None
    if first.tzinfo is not None and (first.hour or first.minute):
        return _local(first, label, home_offset_minutes)
    return Stamp(first.date(), label)


def _day_month(text: str, label: str) -> Stamp | None:
    """A stamp with a day and a month word but no year that dateutil cannot read ('19 ОКТ,
    10:15'): the month's name from the lexicon, nothing but times and date words around it."""
    for pattern in _DAY_MONTH:
        match = pattern.search(text)
        if match:
            month = month_number(match["mon"])
            rest = text[:match.start()] + " " + text[match.end():]
            if month and make_date(2000, month, int(match["d"])) and not re.search(r"\d{3,}", rest) \
                    and _only_noise(re.sub(r"\d{1,2}[:.]\d{2}(?::\d{2})?", " ", rest)):
                return Stamp(None, label, (month, int(match["d"])))
    return None


def _timestamp(text: str, label: str, home_offset_minutes: int | None) -> Stamp | None:
    try:
        moment = dateparser.isoparse(text.strip())
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        return Stamp(moment.date(), label, timestamp=moment.isoformat())
    return _local(moment, label, home_offset_minutes)


def _local(moment: dt.datetime, label: str, home_offset_minutes: int | None) -> Stamp:
    """The calendar day of a zoned time: in its own offset, or a UTC time in the outlet's zone."""
    offset = moment.utcoffset() or dt.timedelta(0)
    if offset == dt.timedelta(0) and home_offset_minutes is not None:
        moment = moment.astimezone(tzoffset(None, home_offset_minutes * 60))
    return Stamp(moment.date(), label, timestamp=moment.isoformat())


def choose_stamp(stamps: list[Stamp]) -> Stamp | None:
    """The publication date of a page's stamps: a published one, else an unlabelled one, else an
    update (a page that shows only when it was updated); never another date (a clipping's
    'created')."""
    for wanted in ("published", "", "updated"):
        for stamp in stamps:
            if stamp.label == wanted:
                return stamp
    return None


_PLACE_PART = re.compile(rf"^(?:the\s+)?[{CAPITAL}][\w'’.-]*(?:\s+[{CAPITAL}][\w'’.-]*){{0,3}}$")


def date_and_place(line: str) -> tuple[Stamp, str] | None:
    """'November 4, 2024, The Kremlin, Moscow' / 'June 19, 2024, 15:10, Pyongyang' -> (its date,
    the place): a date line that also says where (transcript and press-release pages)."""
    parts = [part.strip() for part in line.strip().split(",")]
    if not 2 <= len(parts) <= 8 or len(line) > 120:
        return None
    for cut in range(len(parts) - 1, 0, -1):
        place = [part for part in parts[cut:] if part]
        if not place or not all(_PLACE_PART.match(part) for part in place):
            continue
        stamps = read_stamps(", ".join(parts[:cut]))
        if stamps and len(stamps) == 1 and stamps[0].date is not None:
            return stamps[0], ", ".join(place)
    return None
