"""Header lines, classified by a table of rules. Each rule is (kind, predicate): the predicate
reads one line (with its neighbour) and says what it is — a labelled field, a URL, a date line,
a byline, an outlet, a photo credit, a reporter's role, page furniture — or nothing. A line takes
the reading of the strongest rule that matches; lines no rule claims are candidates for the
headline or the standfirst (see header.py). Each rule can be tested on its own; a new layout is a
new rule or new lexicon words, not a new branch. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..dates import find_full_date
from ..lexicon import LEXICON
from . import patterns as p
from .patterns import CAPITAL
from .stamps import choose_stamp, date_and_place, read_stamps

EMAIL = re.compile(r"\s*[\[(<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\])>]?")
BYLINE_TIME = re.compile(r"(?:updated|published|posted)?:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*"
                         r"(?:[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?)?", re.I)
NAME_WORD = rf"[{CAPITAL}][\w'’.-]+"
NAME_DASH_STAMP = re.compile(r"^(?P<name>[^—–|,]{3,60}?)\s+[—–|]\s+(?P<stamp>.{6,60})$")
PERSON_NAME_LINE = re.compile(rf"^{NAME_WORD}(?: {NAME_WORD}){{1,3}}$|^[{CAPITAL}' .-]{{5,40}}$")
# 'Min-jung Seo and Tobias Hartmann', 'Jane Doe, John Roe': names alone on a line (title case)
NAMES_LINE = re.compile(rf"^{NAME_WORD}(?: {NAME_WORD}){{1,3}}(?:(?:,| and| &) {NAME_WORD}(?: {NAME_WORD}){{1,3}}){{0,4}}$")
# "Justin McCurry in Tokyo" / "Justin McCurry and Jane Doe in Seoul" (Guardian style, no "By")
BYLINE_IN = re.compile(r"^(?P<name>[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){1,2}(?: and [A-ZÀ-Þ][\w'’-]+"
                       r"(?: [A-ZÀ-Þ][\w'’-]+){1,2})?) in (?P<place>[A-ZÀ-Þ][\w'’ -]{1,30})$")
SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
CRUMB_ARROW = re.compile(r"\s[>›]\s")  # a breadcrumb's arrow between spaces
TIME_ONLY = re.compile(r"(?i)^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5}(?:\s*[+-]\s*\d{1,2})?)?$")
NAME_AND_ROLE = re.compile(rf"^(?P<name>{NAME_WORD}(?:[ -]{NAME_WORD}){{1,3}}|[{CAPITAL}][{CAPITAL}' -]{{3,40}})\s*,\s*(?P<role>.+)$")
CREDIT_SPLIT = re.compile(r"\.\s+(?=[A-Z][a-z]+ by\b)")  # 'Story by X. Translation by Y.'
NAME_JOINER = re.compile(r"\s+(?:and|with|&|und|и)\s+")
LEADING_JOINER = re.compile(r"^(?:and|with|&|und|и)\s+")  # 'Elena Volkova, with Park Min-seo'
TRAILING_PLACE = re.compile(r"\s+(?:in|from|reporting from)\s+[A-ZÀ-Þ][\w'’ .-]{1,40}$")
TRAILING_FOR = re.compile(r"\s+for\s+(?P<outlet>[A-ZÀ-Þ][\w'’ .&-]{1,40})$")
DATE_HEADER = re.compile(r"^\s*date\s+(?P<token>\S+)[ \t]*(?P<rest>.*)$", re.I)
# "Aus Seoul berichtet Jonas Hartmann": a place, a reporting word, the reporter
REPORTED_BY = re.compile(rf"^(?:[^\W\d_]+\s+)?(?P<place>[{CAPITAL}][\w'’.-]*(?:\s+[{CAPITAL}][\w'’.-]*){{0,2}})\s+"
                         rf"(?:{p.phrases(LEXICON.reported_by) if LEXICON.reported_by else '(?!)'})\s+"
                         rf"(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,3}}(?:(?:,| und| and| и) {NAME_WORD}(?: {NAME_WORD}){{1,3}})?)$")
CREDIT_MARK = re.compile(r"^\s*[©ⓒ]")  # '© Пресс-служба МИД РФ/ТАСС': a photo's copyright under a headline
PRINT_CODE = re.compile(r"(?i)(?:№|#|\bno\.?|\bnr\.?)\s*\d{1,6}\b")
PRINT_WORDS = frozenset(LEXICON.print_words)
_CLOSERS = sorted(LEXICON.byline_closers, key=len, reverse=True)
_CLOSER_SET = frozenset(LEXICON.byline_closers)
_CLOSER_IN = re.compile(p.phrases(LEXICON.byline_closers) if LEXICON.byline_closers else "(?!)")
_AGENCY_PREFIX = re.compile(rf"(?i)^(?:{p.phrases(LEXICON.agency_prefixes) if LEXICON.agency_prefixes else '(?!)'})\s+")
_CLOSER_NAME = re.compile(rf"^(?:[\uac00-\ud7a3]{{2,5}}|[{CAPITAL}][\w'’.-]+)$")  # 김지연, a capitalized name


@dataclass(frozen=True)
class LineReading:
    """What a header line is: `kind` (one of RULES' kinds), how sure the rule is, what it gives."""

    kind: str
    strength: float
    value: object = None
    outlet: str | None = None  # an outlet the line names on the side ("By Jane Doe | Reuters")
    date: str | None = None  # a date the line gives on the side (a byline's date)
    consumes_next: bool = False  # the next line belongs to this one (a reporter's role under the name)


@dataclass
class LineContext:
    outlets: dict[str, str]
    next_line: str = ""
    after_candidate: bool = False  # an unclaimed line (a headline?) came before
    home_offset: int | None = None
    facts: dict = field(default_factory=dict)


# ---------------------------------------------------------------- the rules


def labelled(line: str, ctx: LineContext) -> LineReading | None:
    """'Title: ...', 'Author: ...', 'Source: ...', 'URL: ...', 'Tags: ...' lines of exports and scrapers."""
    match = p.FIELD_LABEL.match(line)
    if not match:
        return None
    field_name = LEXICON.field_labels[match["label"].lower()]
    value = (match["value"] or "").strip()
    if not value and field_name != "skip":
        return None  # 'Title:' alone; a bare 'BODY:' (a news database's export) is furniture
    if field_name == "published" and not read_stamps(value, ctx.home_offset):
        return None  # "Date: the day the talks began" is prose
    if field_name == "byline" and (len(value.split()) > 12 or SENTENCE_END.search(value)):
        return None  # "REPORTER: The resort opened its doors today." is a transcript's turn
    return LineReading("label", 1.0, (field_name, value))


def url_line(line: str, ctx: LineContext) -> LineReading | None:
    match = p.URL.match(line)
    return LineReading("url", 0.95, match["url"]) if match else None


# a post after a name: the last word of a title head or a journalist's role ('Deputy Spokesperson')
ROLE_HEAD = re.compile(rf"(?i)(?<![\w-])(?:{p.phrases(LEXICON.title_heads | LEXICON.journalist_roles)})(?![\w-])\W*$")
# a Korean name and the post after it ('홍길동 대변인')
HANGUL_NAME_POST = re.compile(rf"^[\uac00-\ud7a3]{{2,4}}\s+(?:{p.phrases(LEXICON.titles_after_names)})$")
LEADING_TIME = re.compile(r"^\(?\d{1,2}:\d{2}\)?\s*")


def speaker_line(text: str) -> bool:
    """A person's name and their post, no more: 'Jane Doe, Deputy Spokesperson', '홍길동 대변인'."""
    if HANGUL_NAME_POST.match(text):
        return True
    named = NAME_AND_ROLE.match(text)
    return bool(named and PERSON_NAME_LINE.match(named["name"].strip()) and ROLE_HEAD.search(named["role"])
                and len(named["role"].split()) <= 5 and not p.NON_PERSON.search(named["name"]))


def _dated_person(line: str) -> LineReading | None:
    """A date, then who wrote or speaks: '2024.12.06 홍길동 대변인' (a briefing's date and
    spokesman: the date), '2025.05.02 김지연 기자' (the date and the byline)."""
    if not line[:1].isdigit() or len(line) > 80:
        return None
    found = find_full_date(line)
    if not found or found[1].start() > 0:
        return None
    rest = LEADING_TIME.sub("", line[found[1].end():].strip(" ,.|·-–—")).strip()
    if not rest or len(rest.split()) > 6:
        return None
    from .stamps import Stamp

    date = Stamp(found[0], "")
    if (names := closer_names(rest)) and len(names) <= 3:
        return LineReading("byline", 0.86, ", ".join(names), date=found[0].isoformat())
    if speaker_line(rest):
        return LineReading("stamp", 0.86, ([date], None))
    return None


def stamp(line: str, ctx: LineContext) -> LineReading | None:
    """A date line: its stamps, and the place when it also says where ('November 4, 2024, The Kremlin, Moscow')."""
    stamps = read_stamps(line, ctx.home_offset)
    if stamps:
        return LineReading("stamp", 0.9, (stamps, None))
    if TIME_ONLY.match(line):
        return LineReading("stamp", 0.9, ([], None))  # the time of a date line above or below
    with_place = date_and_place(line)
    if with_place:
        return LineReading("stamp", 0.88, ([with_place[0]], with_place[1]))
    if (person := _dated_person(line)):
        return person
    # 'TASS, July 29, 2025, 13:05 MSK': the outlet's name, a comma, its stamp
    head, comma, tail = line.partition(", ")
    if comma and head.strip().lower() in ctx.outlets and (stamps := read_stamps(tail, ctx.home_offset)):
        return LineReading("stamp", 0.87, (stamps, None), outlet=ctx.outlets[head.strip().lower()])
    # 'KYODO NEWS - Nov 1, 2024 - 18:32 | World, All': a stamp between the outlet's name and sections
    pieces = [piece for piece in p.SEPARATORS.split(line) if piece.strip()]
    if len(pieces) >= 2:
        outlet = next((ctx.outlets[x.strip().lower()] for x in pieces if x.strip().lower() in ctx.outlets), None)
        rest = [x for x in pieces if x.strip().lower() not in ctx.outlets and not _navigation(x.replace(",", " "))]
        stamps = read_stamps(" | ".join(rest), ctx.home_offset) if rest and len(rest) < len(pieces) else None
        if stamps:
            return LineReading("stamp", 0.87, (stamps, None), outlet=outlet)
    return None


_OPENERS = frozenset(LEXICON.byline_openers)


def closer_names(text: str) -> list[str] | None:
    """The reporters of a credit whose names stand before a byline closer ('김지연 기자',
    '김지연 기자 김동현 특파원', '홍길동 박수윤 기자', '김지연기자' as a web page glues it), or None
    when the text is not only that."""
    if not _CLOSER_IN.search(text):
        return None
    names: list[str] = []
    pending: list[str] = []
    for token in re.split(r"[\s·,]+", EMAIL.sub(" ", text).strip()):
        if not token or not names and not pending and token.lower() in _OPENERS:
            continue  # '기자명 조정현 기자': the label before the names
        if token in _CLOSER_SET:
            if not pending:
                return None
            names += pending
            pending = []
            continue
        closer = next((c for c in _CLOSERS if token.endswith(c) and len(token) > len(c)), None)
        name = token[:-len(closer)] if closer else token
        if not _CLOSER_NAME.match(name):
            return None
        if closer:
            names += [*pending, name]
            pending = []
        else:
            pending.append(name)
    return names if names and not pending else None


def byline(line: str, ctx: LineContext) -> LineReading | None:
    """'By Jane Doe', 'By JANE DOE, Staff Writer | Reuters', a reporter's name over a role line,
    'Justin McCurry in Tokyo' under a headline, '김민서 기자', 'Aus Seoul berichtet Jonas Hartmann'."""
    if (closed := closer_names(line)) and len(closed) <= 6:
        return LineReading("byline", 0.85, ", ".join(closed))
    if (reported := REPORTED_BY.match(line)):
        names, outlet, date = byline_parts(reported["name"], ctx.outlets)
        return LineReading("byline", 0.85, names, outlet=outlet, date=date)
    opened = p.BYLINE_OPENER.match(line)
    if opened:
        first = CREDIT_SPLIT.split(opened["name"])[0].rstrip(". ")
        if _looks_like_byline(first):
            names, outlet, date = byline_parts(first, ctx.outlets)
            return LineReading("byline", 0.85, names, outlet=outlet, date=date)
        if (names := without_affiliations(opened["name"])):
            return LineReading("byline", 0.85, names)
    named = NAME_AND_ROLE.match(line)
    if ctx.after_candidate and named and p.JOURNALIST_ROLE.match(named["role"].strip()):
        role = p.JOURNALIST_ROLE.match(named["role"].strip())
        outlet = role["outlet"].strip().lower() if role["outlet"] else None
        return LineReading("byline", 0.85, named["name"].strip(), outlet=ctx.outlets.get(outlet) if outlet else None)
    if ctx.after_candidate and PERSON_NAME_LINE.match(line) and line.lower() not in ctx.outlets \
            and p.JOURNALIST_ROLE.match(ctx.next_line.strip("()")) and not is_furniture(line):
        role = p.JOURNALIST_ROLE.match(ctx.next_line.strip("()"))
        outlet = role["outlet"].strip() if role["outlet"] else None
        return LineReading("byline", 0.85, line, outlet=ctx.outlets.get(outlet.lower()) if outlet else None,
                           consumes_next=True)
    if ctx.after_candidate and (within := BYLINE_IN.match(line)):
        return LineReading("byline", 0.8, within["name"])
    if ctx.after_candidate and (joined := NAME_DASH_STAMP.match(line)) and PERSON_NAME_LINE.match(joined["name"]) \
            and joined["name"].lower() not in ctx.outlets and not is_furniture(joined["name"]) \
            and not p.NON_PERSON.search(joined["name"]):  # 'Department Press Briefing – October 31, 2024
        # 'Mariia Yemets — Monday, 3 March 2025, 14:20': a reporter's name and the date on one line
        stamps = read_stamps(joined["stamp"], ctx.home_offset)
        dated = [s for s in stamps or () if s.date]
        if dated:
            return LineReading("byline", 0.85, joined["name"].strip(), date=dated[0].date.isoformat())
    return None


# 'Kyiv • UNN', 'Seoul | Yonhap': the place, a separator, the agency, on a line of their own
PLACE_AGENCY = re.compile(rf"^(?P<place>[{CAPITAL}][\w'’.-]+(?:[ -][{CAPITAL}][\w'’.-]+){{0,2}})\s*[•·|]\s*"
                          rf"(?P<agency>[^\W\d_][\w.&' -]{{1,30}}?)\.?$")
_ACRONYM = re.compile(rf"^[{CAPITAL}]{{2,8}}$")
_TIME_ZONES = frozenset(LEXICON.time_zones)


def dateline_line(line: str, ctx: LineContext) -> LineReading | None:
    """'Reporting from Seoul': the place the story was reported from; 'Kyiv • UNN': the place and
    the agency (a known outlet, or an acronym: unknown to the registry)."""
    match = p.DATELINE_OPENER.match(line)
    if match:
        return LineReading("dateline", 0.8, match["place"].strip(" ."))
    if (placed := PLACE_AGENCY.match(line)) and len(ctx.next_line.split()) >= 12 \
            and place_and_agency(placed["place"], placed["agency"], ctx.outlets):  # right over the story
        return LineReading("dateline", 0.8, placed["place"], value_outlet(placed["agency"], ctx.outlets))
    return None


def place_and_agency(place: str, agency: str, outlets: dict[str, str]) -> bool:
    """Whether 'Place • Agency' is a dateline, not a crumb ('Politics • Ukraine') or a menu."""
    if len(place) < 4 or _navigation(place) or is_furniture(place) or known_outlet(place, outlets) \
            or place.lower() in _TIME_ZONES:
        return False  # 'UKR | ENG' is a language switch
    if known_outlet(agency, outlets):
        return True
    return bool(_ACRONYM.match(agency)) and not place.isupper() and not _navigation(agency) \
        and agency.lower() not in _TIME_ZONES


def value_outlet(agency: str, outlets: dict[str, str]) -> str:
    return known_outlet(agency, outlets) or agency


def outlet_line(line: str, ctx: LineContext) -> LineReading | None:
    """A line that is an outlet's name (alone or beside page furniture: 'The Guardian - Back to
    home'), or its web address."""
    name = line.strip(" |·•-–—")
    if (outlet := known_outlet(name, ctx.outlets)):
        return LineReading("outlet", 0.8, outlet)
    if name.endswith(".") and name[:-1].lower() in ctx.outlets:  # a logo's full stop: 'euronews.'
        return LineReading("outlet", 0.8, ctx.outlets[name[:-1].lower()])
    pieces = [piece.strip() for piece in p.SEPARATORS.split(name) if piece.strip()]
    if len(pieces) >= 2:
        named = [ctx.outlets[x.lower()] for x in pieces if x.lower() in ctx.outlets]
        if named and all(x.lower() in ctx.outlets or is_furniture(x) or _navigation(x) for x in pieces):
            return LineReading("outlet", 0.78, named[0])
    domain = p.DOMAIN.match(name)
    if domain and (outlet := outlet_of_domain(domain["domain"], ctx.outlets)):
        return LineReading("outlet", 0.75, outlet)
    return None


def credit(line: str, ctx: LineContext) -> LineReading | None:
    """A photo credit ('Photo: ...', 'Getty Images'), or a photo's copyright line under the
    headline ('© РИА Новости / Михаил Воронцов | Перейти в фотобанк')."""
    if p.PHOTO_CREDIT.match(line) and len(line) < 80 or CREDIT_MARK.match(line) and len(line) < 100 \
            and not re.search(r"\b(?:19|20)\d\d\b", line):
        return LineReading("credit", 0.7, line)
    return None


# A caption's closing credit, after its last sentence: 'KCNA/Reuters', 'STR/AFP via Getty Images',
# '[JOINT PRESS CORPS]', 'Yonhap Photo'.
_CAPTION_TAIL = re.compile(r"""(?<=[.!?"”’)])\s+(?P<credit>\[[^\]]{2,40}\]|[^.!?\[\]]{2,60})$""")
_BRACKETED_TAIL = re.compile(r"\s(?P<credit>\([^()\n]{2,60}\))\s*$")
_PHOTO_WORDS = re.compile(rf"(?i)(?<![\w-])(?:{p.phrases(LEXICON.photo_credit_words)})(?![\w-])")


def caption_credit(text: str, outlets: dict[str, str]) -> str | None:
    """The credit closing a photo caption ('... in Wonsan. KCNA/Reuters'), or None: a credit is
    an all-capitals bracket, or a few words that join agencies with '/' or 'via', or name a photo
    (its parts known outlets or photo words), after a sentence of a caption's length."""
    if len(text) > 400 or text.count(" ") < 4:
        return None
    bracketed = _BRACKETED_TAIL.search(text) if text.rstrip().endswith(")") else None
    cut = max(text.rfind(mark, 0, len(text) - 1) for mark in '.!?"”’)')  # the end of the last sentence
    if bracketed and (cut < 0 or cut < bracketed.start()):
        credit = bracketed["credit"]  # '... over the Tumen River (AFP via Getty Images)': no full stop before it
    else:
        if cut < len(text) - 62 or cut < 0:
            return None
        tail = _CAPTION_TAIL.search(text, cut)
        if not tail:
            return None
        credit = tail["credit"].strip()
    if credit.startswith("["):
        return credit if credit[1:-1].upper() == credit[1:-1] and re.search(rf"[{CAPITAL}]", credit) else None
    if len(credit.split()) > (10 if credit.startswith("(") else 7) or credit.split()[0][0].islower():
        return None  # (a credit in brackets may spell its agencies out: '(Korean Central News Agency/... via AP)')
    if credit.startswith("/") and _outlet_in(credit[1:].strip(), outlets):
        return credit  # '... on March 5. /Example Ilbo DB': a Korean paper's credit after a slash
    # 'KCNA/Reuters', 'Reuters via AP', '평양 조선중앙통신=연합뉴스' (a Korean agency's relay of a photo)
    bare = credit[1:-1] if credit.startswith("(") and credit.endswith(")") else credit  # '(KCNA/KNS via AP)'
    bare = bare.lstrip("©ⓒ ").strip()  # '© AFP/Handout'
    # 'Reuters: Sputnik/Pool': the agency, then whose photo it is
    parts = [part.strip() for part in re.split(r"\s*[/=]\s*|:\s+|\s+via\s+", bare) if part.strip()]
    known = [part for part in parts if part.lower() in outlets or _PHOTO_WORDS.search(part)
             or all(word.lower() in outlets for word in part.split())]  # '평양/AP 연합뉴스': two agencies
    if len(parts) >= 2 and known or _PHOTO_WORDS.search(credit):
        return credit
    return None


def caption_line(line: str, ctx: LineContext) -> LineReading | None:
    """A photo caption with its credit at the end, standing among the header's lines."""
    return LineReading("caption", 0.7, line) if caption_credit(line, ctx.outlets) else None


def print_edition(line: str, ctx: LineContext) -> LineReading | None:
    """A print edition's line: the paper, the date, the issue and page ('Газета «Коммерсантъ» №106
    от 18.06.2025, стр. 5'): the outlet and the publication date."""
    if len(line) > 150 or not PRINT_WORDS:
        return None
    found = find_full_date(line)
    if not found:
        return None
    rest = PRINT_CODE.sub(" ", line[:found[1].start()] + " " + line[found[1].end():])
    words = re.findall(r"[^\W\d_]+", rest)
    name = " ".join(w for w in words if w.lower() not in PRINT_WORDS)
    outlet = ctx.outlets.get(name.lower()) if name else None
    if not outlet or not (PRINT_CODE.search(line) or any(w.lower() in PRINT_WORDS for w in words)):
        return None
    from .stamps import Stamp

    return LineReading("stamp", 0.89, ([Stamp(found[0], "published")], None), outlet=outlet)


def role(line: str, ctx: LineContext) -> LineReading | None:
    """'Seoul correspondent', 'Staff Writer' standing alone."""
    match = p.JOURNALIST_ROLE.match(line.strip("()"))
    if not match or len(line.split()) > 8:
        return None
    outlet = match["outlet"].strip().lower() if match["outlet"] else None
    return LineReading("role", 0.5, line, outlet=ctx.outlets.get(outlet) if outlet else None)


def furniture(line: str, ctx: LineContext) -> LineReading | None:
    """Page furniture (is_furniture), or a short line after the headline's place holding a phrase
    of page chrome ('Example News Is A Trust Project Member', a read-aloud button's notice)."""
    if is_furniture(line) or ctx.after_candidate and len(line.split()) <= 15 and p.PAGE_TAIL_PHRASE.search(line):
        return LineReading("furniture", 0.6, line)
    return None


RULES: tuple[tuple[str, Callable[[str, LineContext], LineReading | None]], ...] = (
    ("label", labelled),
    ("url", url_line),
    ("stamp", stamp),
    ("print", print_edition),
    ("byline", byline),
    ("outlet", outlet_line),
    ("dateline", dateline_line),
    ("credit", credit),
    ("caption", caption_line),
    ("furniture", furniture),
    ("role", role),
)


def read_line(line: str, ctx: LineContext) -> LineReading | None:
    """The strongest reading any rule gives the line, or None."""
    best = None
    for _, rule in RULES:
        reading = rule(line, ctx)
        if reading and (best is None or reading.strength > best.strength):
            best = reading
    return best


# ---------------------------------------------------------------- furniture


def is_furniture(line: str) -> bool:
    """Page furniture in any layout: a known furniture line ('Skip to main content', 'View this
    email in your browser', a cookie banner), a menu or breadcrumb (three or more short items
    between separators), a line made only of button and section words ('Share | Save',
    'POLITICS', 'National | North Korea | Defense'), a counter or an issue code."""
    text = line.strip()
    if not text:
        return False
    words = text.split()
    if p.FURNITURE_LINE.match(text) and (len(words) <= 12 or "cookie" in text.lower()
                                         or text.startswith("(") and text.endswith(")") or len(words) <= 25):
        return True  # a known furniture line; an editor's note in brackets '(ATTN: ...)' at any length
    if p.COUNTER.match(text) or p.CODE_LINE.match(text) or p.HANDLE.match(text) or p.DOCUMENT_NUMBER.match(text) \
            or p.ITEM_COUNTER.match(text):
        return True
    items = [item for item in p.SEPARATORS.split(text) if item.strip()]
    if len(items) >= 3 and all(len(item.split()) <= 5 for item in items) and not SENTENCE_END.search(text):
        return True
    if len(items) >= 2 and CRUMB_ARROW.search(text) and all(len(item.split()) <= 4 for item in items) \
            and not SENTENCE_END.search(text):
        return True  # a breadcrumb of two items: '뉴스스트림 > 조선중앙통신 (조선어)', 'Home › Europe'
    if len(words) <= 12 and all(_navigation(item) for item in items):
        return True
    return False


def _navigation(item: str) -> bool:
    phrase = " ".join(w.lower().strip(".,:;!?()[]'’\"") for w in item.split()).strip()
    if not phrase:
        return True
    if phrase in p.SECTION_NAME_SET:
        return True
    words = [w for w in phrase.split() if not re.fullmatch(r"\d{1,2}", w)]  # a programme's number: '뉴스 9'
    return bool(words) and all(w in p.FURNITURE_WORD_SET or w in p.SECTION_NAME_SET or _glued_buttons(w)
                               for w in words)


_HANGUL_ONLY = re.compile(r"^[\uac00-\ud7a3]{4,16}$")
_BUTTON_AND_SECTION_WORDS = p.FURNITURE_WORD_SET | p.SECTION_NAME_SET


def _glued_buttons(word: str) -> bool:
    """A Korean page's button labels copied without spaces ('프린트기사본문프린트하기' = 프린트 +
    기사 + 본문 + 프린트하기, '글자크기설정'): the word splits into button and section words."""
    if not _HANGUL_ONLY.match(word):
        return False
    known = _BUTTON_AND_SECTION_WORDS
    can = [True] + [False] * len(word)
    for end in range(2, len(word) + 1):
        can[end] = any(can[start] and word[start:end] in known for start in range(max(0, end - 6), end - 1))
    return can[-1]


# ---------------------------------------------------------------- bylines


_APPOSITIVE = re.compile(rf"^(?:{p.phrases([*LEXICON.indefinite_articles, *LEXICON.definite_articles])})\s+[a-z]")


def without_affiliations(text: str) -> str | None:
    """The names of a byline that describes its authors: 'Jane Doe, a senior fellow at X, and John
    Roe, a professor at Y.' -> 'Jane Doe, John Roe'. Only when every part is a name, each followed
    by at most one description (a lower-case article opening it), and a name after a description
    is joined by 'and' or described itself ('..., Seoul National University, South Korea' is no
    second author); else None."""
    pieces = re.split(r"(,\s+and\s+|,\s+)", text.strip().rstrip("."))
    parts = pieces[0::2]
    joiners = [""] + [joiner.strip() for joiner in pieces[1::2]]
    names: list[str] = []
    kinds: list[str] = []
    for index, part in enumerate(part.strip() for part in parts):
        if _APPOSITIVE.match(part) and kinds and kinds[-1] == "name":
            kinds.append("description")
        elif PERSON_NAME_LINE.match(part) and not part.isupper() and len(part.split()) <= 4:
            if kinds and kinds[-1] == "description" and "and" not in joiners[index] \
                    and not (index + 1 < len(parts) and _APPOSITIVE.match(parts[index + 1].strip())):
                return None
            names.append(part)
            kinds.append("name")
        else:
            return None
    return ", ".join(names) if names and "description" in kinds else None


def _looks_like_byline(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 12 and not SENTENCE_END.search(name) or name.lower().rstrip(".") in {"reuters", "afp"}


def byline_parts(text: str, outlets: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(the people, the outlet, the date) of a byline: 'SARAH KIM [kim.sarah@joongang.co.kr]',
    'Jane Doe, Staff Writer | Reuters | 2 November 2024 14:35' -> names without e-mail, role,
    outlet or time; the outlet and date apart."""
    text = EMAIL.sub("", text).strip()
    date = None
    dated = find_full_date(text)
    if dated:
        date = dated[0].isoformat()
        text = (text[:dated[1].start()] + text[dated[1].end():]).strip(" |,-–—")
    elif (tail := _STAMP_TAIL.search(text)) and (stamps := read_stamps(tail["stamp"])) \
            and (chosen := choose_stamp(stamps)) and chosen.date:
        date = chosen.date.isoformat()  # 'by Ellie Marchetti - 04/28/25 11:42 AM ET'
        text = text[:tail.start()].strip(" |,-–—")
    text = TRAILING_PLACE.sub("", text)
    tail = TRAILING_FOR.search(text)
    outlet = None
    if tail:
        outlet = outlets.get(tail["outlet"].strip().lower()) or _outlet_in(tail["outlet"], outlets)
        text = text[:tail.start()]
    parts = [part.strip() for part in re.split(r"\s*(?:,|\||/| - | – | — |•|·)\s*", text) if part.strip()]
    parts = parts[:1] + [part for part in parts[1:] if not _joined_words(part)]
    parts = [name for part in parts for name in NAME_JOINER.split(LEADING_JOINER.sub("", part)) if name.strip()]
    parts = [_LEADING_ROLE.sub("", part) for part in parts]  # 'North Asia correspondent Tom Calloway'

    people = []
    if len(parts) >= 2 and len(parts[-1].split()) == 1 and parts[-1][:1].isupper() \
            and all(len(part.split()) >= 2 for part in parts[:-1]):
        parts = parts[:-1]  # 'Von Lukas Brenner, Peking': the reporter's post, no second author
    for part in parts:
        if re.fullmatch(r"(?:updated|published|posted)?:?\s*[\d:. apmAPMKSTGMTUC]*", part) or BYLINE_TIME.fullmatch(part):
            continue
        if part.lower() in outlets:
            outlet = outlet or outlets[part.lower()]
        elif (staff := _outlet_staff(part, outlets)):
            outlet = outlet or staff  # 'Al Jazeera Staff', 'Reuters staff': a credit, not a person
        elif part.lower().startswith(("the ", "staff", "reuters staff")) or p.ROLE_WORDS.match(part) \
                or p.NON_PERSON.search(part) \
                or "-" in part.split()[0] and part.split()[0].rsplit("-", 1)[-1].lower() in LEXICON.journalist_roles \
                or p.JOURNALIST_ROLE.match(part) and len(part.split()) <= 3 and not PERSON_NAME_LINE.match(part):
            continue
        else:
            people.append(part)
    return (", ".join(people) if people else None), outlet, date


# a reporter's post before the name: 'North Asia correspondent Tom Calloway', 'political editor Jane Doe'
_LEADING_ROLE = re.compile(rf"^(?:[\w'’-]+\s+){{0,3}}(?i:{p.phrases(LEXICON.journalist_roles)})\s+"
                           rf"(?=[{CAPITAL}][\w'’.-]+\s+[{CAPITAL}])")
# a date line after the names, past a dash, bar or bullet: '... - 04/28/25 11:42 AM ET'
_STAMP_TAIL = re.compile(r"\s+(?:-|–|—|\||•|·)\s+(?P<stamp>\d[\d/.:\- ]{4,}.{0,20})$")


def _joined_words(part: str) -> bool:
    """'Stars and Stripes', 'Foreign Policy & Defense': single capitalized words joined by 'and', a
    name of a thing after the byline's authors, not two people."""
    pieces = NAME_JOINER.split(part)
    return len(pieces) >= 2 and all(re.fullmatch(r"[A-ZÀ-Þ][\w'’-]*", piece) for piece in pieces)


def _outlet_staff(part: str, outlets: dict[str, str]) -> str | None:
    words = part.split()
    if len(words) >= 2 and words[-1].lower() in LEXICON.staff_words:
        return outlets.get(" ".join(words[:-1]).lower())
    return None


def known_outlet(name: str, outlets: dict[str, str]) -> str | None:
    """The registry outlet a name is, also written with what it is before it or in guillemets
    ('ИА PrimaMedia', 'агентство «Интерфакс»'), or None."""
    name = name.strip()
    if (key := name.lower()) in outlets:
        return outlets[key]
    bare = _AGENCY_PREFIX.sub("", name).strip(" «»\"“”„")
    return outlets.get(bare.lower()) if bare and bare != name else None


def _outlet_in(text: str, outlets: dict[str, str]) -> str | None:
    """The registry outlet a phrase opens with ('RFA Korean' -> Radio Free Asia, 'ИА PrimaMedia
    в Telegram' -> PrimaMedia)."""
    words = _AGENCY_PREFIX.sub("", text.strip()).split()
    for n in range(len(words), 0, -1):
        if (name := " ".join(words[:n]).lower()) in outlets:
            return outlets[name]
    return None


def outlet_of_domain(domain: str, outlets: dict[str, str]) -> str | None:
    """'www.koreaherald.com' -> The Korea Herald, by the registry's outlet domains."""
    host = domain.lower().removeprefix("www.")
    while host:
        if host in outlets:
            return outlets[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


def header_date_line(line: str) -> tuple[str, str] | None:
    """' date 2024-06-19 ...' (a header some archives put on the first line): (token, the rest)."""
    match = DATE_HEADER.match(line)
    return (match["token"], match["rest"].strip()) if match else None
