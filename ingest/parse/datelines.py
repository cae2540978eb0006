"""Datelines: the place, date and agency that open a wire story ('MOSCOW, December 4. /TASS/.',
'SEOUL, Nov 9 (Reuters) -', 'Seoul, South Korea CNN —', 'SEOUL:', 'ПХЕНЬЯН, 19 октября. /ТАСС/.',
'МОСКВА, 28 апр — РИА Новости.', 'Москва. 17 июня. INTERFAX.RU -', '(서울=연합뉴스) 김지연 기자 =',
'(평양 6월 18일발 조선중앙통신)'), and the year of a dateline that gives only day and month,
inferred from the article's own dates. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import dates
from ..lexicon import LEXICON, alternation
from .lines import closer_names, known_outlet, outlet_of_domain
from .patterns import CAPITAL

DASH = r"(?:--|—|–|-|:)"
_MONTH_DAY = rf"(?P<mon>{dates.MONTH})\s*(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})"
_PLACE = rf"(?P<place>[{CAPITAL}][\w.'’/ -]{{1,40}}?)"
_UNITS = {kind: alternation(w for w, v in LEXICON.counter_units.items() if v == kind) or "(?!)" for kind in ("month", "day")}
_FILED = alternation(LEXICON.dateline_words) if LEXICON.dateline_words else "(?!)"
DATELINES = [
    # MOSCOW, December 4. /TASS/.   ПХЕНЬЯН, 19 октября. /ТАСС/.   (TASS style)
    re.compile(rf"^{_PLACE}[,.]\s*(?:{_MONTH_DAY})\.?\s*/(?P<agency>[^\W\d_][^\W\d_ -]{{1,20}}(?: [^\W\d_]+)?)/\.?\s*",
               re.I),
    # MOSCOW, Nov 9 (Reuters) -   /   Pyongyang, December 5 (KCNA) --   /   MOSCOW. Oct 24 (Interfax) -
    re.compile(
        rf"^{_PLACE}[,.]\s*(?:{_MONTH_DAY})(?:,?\s*(?P<year>\d{{4}}))?\s*"
        rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*", re.I),
    # МОСКВА, 28 апр — РИА Новости.   Владивосток, 30 апреля 2025, 12:47 — ИА Регнум.   (RIA style:
    # the agency after a dash, a full stop after it)
    re.compile(rf"^{_PLACE},\s*(?:{_MONTH_DAY})(?:\s+(?P<year>\d{{4}}))?(?:,\s*\d{{1,2}}:\d{{2}})?\.?\s*"
               rf"(?:—|–|--|-|,)\s*(?P<bare_agency>[^\W\d_][\w.-]*(?: [^\W\d_][\w.-]*){{0,2}}?)"
               rf"\.\s+", re.I),  # ... or after a comma: 'ВЛАДИВОСТОК, 30 апреля, ИА PrimaMedia.'
    # Москва. 17 июня. INTERFAX.RU -   (Interfax style: the agency or its web address, then a dash)
    re.compile(rf"^{_PLACE}\.\s*(?:{_MONTH_DAY})\.\s*(?P<bare_agency>[^\W\d_][\w-]*(?:\.[a-z]{{2,4}})?)\s*(?:—|–|--|-)\s+",
               re.I),
    # (서울=연합뉴스) 김지연 기자 =   (서울·워싱턴=연합뉴스) 김지연 기자 김동현 특파원 =   [서울=뉴시스]이명훈 기자 =
    re.compile(r"^[(\[](?P<place>[^\W\d_][^=()\[\]\n]{0,30}?)\s*=\s*(?P<agency>[^\W\d_][^()\[\]=\n]{0,20}?)[)\]]\s*"
               r"(?P<credit>[^=\n]{0,80}?)\s*=\s*"),
    # (평양 6월 18일발 조선중앙통신)   (KCNA in Korean: place, date, "filed", agency; a paragraph of its own)
    re.compile(rf"^\((?P<place>[^\W\d_]{{1,15}})\s+(?P<cm>\d{{1,2}})\s*{_UNITS['month']}\s*(?P<cd>\d{{1,2}})\s*"
               rf"{_UNITS['day']}\s*{_FILED}\s+(?P<agency>[^\W\d_][^()\n]{{1,20}}?)\)\s*"),
    # SEOUL, South Korea (AP) —   /   WASHINGTON (Reuters) -   /   Moskau (dpa) -   /   Khasan (Russia) (AFP) -
    re.compile(rf"^{_PLACE}(?:\s+\((?P<country>[A-Z][\w. -]{{1,30}}?)\))?(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s*"
               rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*"),
    # Seoul, South Korea CNN —   (an outlet named without parentheses: taken only for a known outlet)
    re.compile(rf"^{_PLACE}(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s+"
               rf"(?P<bare_agency>[A-Z][A-Za-z]{{1,15}})\s*(?:--|—|–)\s*"),
    # KHABAROVSK, Feb. 11 —   /   WASHINGTON, Jan. 5, 2025 --   (a date and no agency)
    re.compile(rf"^(?P<place>[{CAPITAL}][{CAPITAL}.'’/ -]{{1,40}}?[{CAPITAL}]),\s*(?:{_MONTH_DAY})\.?"
               rf"(?:,?\s*(?P<year>\d{{4}}))?\s*(?:--|—|–)\s+", re.I),
    # SEOUL:   /   MOSCOW —   /   PYONGYANG, North Korea --
    re.compile(rf"^(?P<place>[{CAPITAL}][{CAPITAL}.'’/ -]{{1,40}}?[{CAPITAL}])(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s*"
               r"(?::|--|—|–|\s-)\s+"),  # 'MOSCOW - ' (Kyodo) as well
]
AGENCY_DATELINES = DATELINES[:6]  # with their agency (and date): a line opening with one starts the body
_ALONE = {DATELINES[5]}  # a dateline that stands as a paragraph of its own, the story under it


@dataclass
class Dateline:
    place: str
    agency: str | None  # the agency as written (or its registry name)
    date: dt.date | None
    month_day: tuple[int, int] | None  # day and month without a year
    end: int  # where the story's own text begins
    byline: str | None = None  # the reporters the dateline credits ('(서울=연합뉴스) 김지연 기자 =')
    agency_layout: bool = False  # one of the agencies' own layouts (AGENCY_DATELINES)


def starts_with_dateline(text: str, patterns: list[re.Pattern] = DATELINES) -> bool:
    return any(pattern.match(text) for pattern in patterns)


def starts_with_agency_dateline(text: str, outlets: dict[str, str]) -> bool:
    """Whether a line opens with a dateline that names its agency (a known one where the
    layout has no brackets or slashes around it)."""
    found = read_dateline(text, outlets, alone=True)
    return bool(found and found.agency_layout)


def read_dateline(paragraph: str, outlets: dict[str, str], alone: bool = False) -> Dateline | None:
    """The dateline opening a paragraph, or None. A dateline alone (with no story after it) is
    read only from layouts that put it on a line of its own, or when `alone` is asked for."""
    for pattern in DATELINES:
        match = pattern.match(paragraph)
        if not match or (len(paragraph) - match.end() < 20 and not alone and pattern not in _ALONE):
            continue
        groups = match.groupdict()
        if groups.get("bare_agency"):
            bare = groups["bare_agency"]
            known = known_outlet(bare, outlets) or ("." in bare and outlet_of_domain(bare, outlets))
            if not known:
                continue
            groups["agency"] = known
        if not groups.get("agency") and not _plausible_place(match["place"]):
            continue
        if match["place"].strip().lower() in _LABEL_WORDS:
            continue  # 'REPORTER:', 'ANCHOR:': a transcript's speaker; 'TRENDING:' a menu's; no place
        region = groups.get("region")
        country = groups.get("country")
        place = match["place"].strip() + (f" ({country.strip()})" if country else "") \
            + (f", {region.strip()}" if region else "")
        agency = groups["agency"].strip() if groups.get("agency") else None
        byline = None
        if groups.get("credit"):
            names = closer_names(groups["credit"])
            if names is None and groups["credit"].strip():
                continue  # '(...=...) text =' that credits no reporter is no dateline
            byline = ", ".join(names) if names else None
        month_day, date = None, None
        month = groups.get("mon") or groups.get("mon2")
        if month:
            month_day = (dates.month_number(month), int(groups.get("day") or groups.get("day2")))
        elif groups.get("cm"):
            month_day = (int(groups["cm"]), int(groups["cd"]))
            if not dates.make_date(2000, *month_day):
                continue
        if month_day and groups.get("year"):
            date = dates.make_date(int(groups["year"]), *month_day)
            month_day = None if date else month_day
        return Dateline(place, outlets.get(agency.lower(), agency) if agency else None, date, month_day, match.end(),
                        byline, pattern in AGENCY_DATELINES)
    return None


# a transcript's or a form's labels in capitals, never a dateline's place
_LABEL_WORDS = frozenset(LEXICON.field_labels) | LEXICON.journalist_roles | LEXICON.interviewer_labels \
    | frozenset(LEXICON.furniture_lines)  # ... and a menu's ('TRENDING:')


def _plausible_place(place: str) -> bool:
    """An all-capitals dateline word: a city, not the start of a shouted sentence."""
    words = place.split()
    return 1 <= len(words) <= 4 and place.upper() == place and len(place) >= 3 \
        and not re.search(r"['’]S\b", place)  # "LAVROV'S WONSAN TRIP:" is a newsletter's run-in label


_ERA = rf"(?:(?:{alternation(LEXICON.era_names) if LEXICON.era_names else '(?!)'})\s*\d{{1,3}}\s*\(\s*)?"
_EXPLICIT = re.compile(rf"\b(?P<mon>{dates.MONTH})\s+(?P<d>\d{{1,2}}),?\s+{_ERA}(?P<y>(?:19|20)\d\d)\b|"
                       rf"\b(?P<d2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})\s+{_ERA}(?P<y2>(?:19|20)\d\d)\b", re.I)
# dates written with units ('2024년 6월 19일') and years with a year word ('в 2000 году') date an article too
_COUNTED = [pattern for kind, pattern in LEXICON.patterns.timeline if kind in ("counted", "counted_y", "year_word")]
_MONTH_YEAR = re.compile(rf"\b{dates.MONTH}\s+((?:19|20)\d\d)\b", re.I)
# 'by 2030', 'the plan for 2026' name a target, not the year the story is in
_YEAR_MENTION = re.compile(r"\b(?:in|since|of|during)\s+((?:19|20)\d\d)\b(?![-–/]\d)")
_FUTURE_IN_CLAUSE = LEXICON.patterns.future_cue_in_clause
_SENTENCE_END = re.compile(r"[.!?。]\s|\n")


def _in_future_clause(body: str, start: int) -> bool:
    """Whether the sentence before `start` speaks of the future ('trains will run in 2026'): such
    a date is a plan, no evidence of the year the article was written in."""
    window = body[max(0, start - 240):start]
    ends = list(_SENTENCE_END.finditer(window))
    clause = window[ends[-1].end():] if ends else window
    return bool(_FUTURE_IN_CLAUSE.search(clause))


def infer_year(month_day: tuple[int, int], body: str) -> tuple[dt.date | None, int | None]:
    """A day and month without a year: the first year in which that day is not before the latest
    dated thing the article reports (its explicit dates). (date, year) or (None, None)."""
    month, day = month_day
    explicit = []
    for match in _EXPLICIT.finditer(body):
        if _in_future_clause(body, match.start()):
            continue
        y = int(match["y"] or match["y2"])
        m = dates.month_number(match["mon"] or match["mon2"])
        d = int(match["d"] or match["d2"])
        if m and (date := dates.make_date(y, m, d)):
            explicit.append(date)
    # a month and year ('June 2024') or a year the story is in ('so far in 2025') dates it too
    explicit += [dt.date(int(m[1]), 1, 1) for m in _MONTH_YEAR.finditer(body) if not _in_future_clause(body, m.start())]
    bare = {int(m[1]) for m in _YEAR_MENTION.finditer(body) if not _in_future_clause(body, m.start())}
    for pattern in _COUNTED if not body.isascii() else ():  # their words are not written in ASCII
        for match in pattern.finditer(body):
            if _in_future_clause(body, match.start()):
                continue
            groups = match.groupdict()
            found = dates.make_date(int(match["y"]), int(groups.get("m") or 1), int(groups.get("d") or 1))
            if found and 1900 <= found.year <= 2100:
                if groups.get("m") or groups.get("d"):
                    explicit.append(found)
                else:
                    bare.add(found.year)
    if not explicit and len(bare) > 1:
        return None, None  # only years, and several ('the 1961 and 2000 treaties'): history, not the story's year
    explicit += [dt.date(year, 1, 1) for year in bare]
    if not explicit:
        return None, None
    latest = max(explicit)
    candidates = [date for year in (latest.year, latest.year + 1)
                  if (date := dates.make_date(year, month, day)) and date >= latest]
    if not candidates:
        return None, None
    # the lede's weekday ('on Thursday') is the day itself or the day before: where it fits one
    # candidate year only (years shift the weekday), it picks that one ('a year after ...')
    lede_weekday = _lede_weekday(body)
    if lede_weekday is not None and len(candidates) > 1:
        fitting = [date for date in candidates if lede_weekday in (date.weekday(), (date.weekday() - 1) % 7)]
        if len(fitting) == 1:
            return fitting[0], fitting[0].year
    return candidates[0], candidates[0].year


_WEEKDAY_WORD = re.compile(rf"(?<![\w-])((?:{alternation(LEXICON.weekday_modifiers)})\s+)?({dates.WEEKDAY})(?![\w-])",
                           re.I)


def _lede_weekday(body: str) -> int | None:
    """The weekday the first paragraph names for a recent day ('on Thursday', not 'last Thursday'), 0 = Monday,
    if it names exactly one."""
    lede = body.split("\n", 1)[0][:600]
    named = {dates.WEEKDAYS.get(m[2].lower(), -1)
             if not m[1] or LEXICON.weekday_modifiers.get(m[1].strip().lower()) == "recent" else -1
             for m in _WEEKDAY_WORD.finditer(lede)}
    return named.pop() if len(named) == 1 and -1 not in named else None
