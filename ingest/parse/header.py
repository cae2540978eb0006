"""The header: the lines above the story's first paragraph. Each is read by the line rules
(lines.py); the lines no rule claims are candidates for the headline, scored by features that
hold across layouts — length, closing punctuation, case, separators, codes and dates in the line,
how many of its words the story repeats, whether a byline or date line follows, how early it
stands. The best candidate is the title only when it is clearly best; otherwise the title stays
empty. Candidates after the title are the standfirst (kept as the body's first paragraphs);
candidates before it are furniture. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import find_full_date
from ..lexicon import LEXICON, alternation
from . import patterns as p
from .patterns import CAPITAL
from .datelines import read_dateline, starts_with_agency_dateline
from .draft import Draft
from .lines import LineContext, LineReading, header_date_line, known_outlet, outlet_of_domain, read_line
from .lines import CRUMB_ARROW, NAMES_LINE, PERSON_NAME_LINE, ROLE_HEAD, _navigation, _outlet_in, is_furniture, speaker_line
from .stamps import choose_stamp, read_stamps

MAX_HEADER_LINES = 40  # non-blank lines looked at for the header
TITLE_THRESHOLD = 1.5
TITLE_MARGIN = 0.6  # a later candidate must beat an earlier one by this much
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.U)
_STOP = frozenset(LEXICON.search_stopwords) | frozenset(LEXICON.detection_stopwords)
_CODE = re.compile(r"\s{3,}|\b[A-Z]{1,4}\s?\d{2,}[-/]\d{1,4}\b|#\d+|\bISSN\b")
_NAVIGATIONAL = re.compile(r"(?i)^(?:home|news|world|politics|more|menu)\b")
_PLACE_LINE = re.compile(rf"^(?:The\s+)?[{CAPITAL}][\w'’.-]*(?:\s+[{CAPITAL}][\w'’.-]*){{0,3}}(?:,\s*[{CAPITAL}][\w'’.-]*"
                         rf"(?:\s+[{CAPITAL}][\w'’.-]*){{0,3}}){{0,2}}$")
_NAME_WITH_DATE = re.compile(r"^(?P<name>[A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]+){1,3})\s+(?P<date>\S.{5,40})$")
_SENTENCE_FINAL = re.compile(rf"""(?:{alternation(LEXICON.sentence_endings) if LEXICON.sentence_endings else "(?!)"})"""
                             r"""[.!?]["'”’)]*$""")
# a full stop after a word ending in lower case, then a capital: a sentence may end inside the line
_INNER_SENTENCE_END = re.compile(r"(?<![^\W\d_])([^\W\d_]*[a-zà-ÿа-яё]{2})\.\s+[A-ZÀ-ÞА-ЯЁ]")
_ABBREVIATIONS = frozenset(LEXICON.abbreviations) | frozenset(LEXICON.title_abbreviations) \
    | frozenset(LEXICON.month_abbreviations)
DASH_END = re.compile(r"(?:--|—|–|:)\s*$")
# a kicker glued to the headline by a colon with no space after it (two elements of a page copied
# as one line): a few words ending in a letter, then the headline's capital or opening quote
_GLUED_KICKER = re.compile(rf"^(?P<kicker>[^\W\d_][^:\d]{{1,60}}?[^\W\d_]):(?=[{CAPITAL}\"„“«‘'])")
_DATE_WORD = re.compile(rf"(?i)(?:{alternation([*LEXICON.months, *LEXICON.weekdays])})(?![\w-])")  # 'November 19'
_DATE_TAIL = re.compile(r"\d\W*$")  # a line ending in a number: a date tail may follow a dash
_OUTLET_TAIL = re.compile(r"^(?P<title>.{12,}?)\s+(?:\||–|—|-|::)\s+(?P<outlet>[^|–—]{2,60})$")


@dataclass
class _Line:
    index: int  # in the text's lines
    text: str
    reading: LineReading | None = None
    prose: bool = False


def read_header(lines: list[str], draft: Draft, outlets: dict[str, str], body_hint: str = "",
                choose_title: bool = True) -> list[str]:
    """Read the header lines into the draft; return the lines that remain: the standfirst (each a
    paragraph of its own) and everything from the story's first paragraph on."""
    if lines and (date_header := header_date_line(lines[0])):
        _date_header(draft, date_header[0])
        return ([date_header[1]] if date_header[1] else []) + lines[1:]
    lines = _cells_as_lines(lines)
    header, start = _header_zone(lines, outlets)
    _mark_menus(header)
    _mark_lists(header)
    _names_by_stamps(header)
    body_words = _content_words(body_hint or _lede(lines[start:]))
    body_words |= {stem[:4] for stem in body_words}
    candidates = [line for line in header if line.reading is None]
    labelled = [line.index for line in header if line.reading and line.reading.kind == "label"
                and line.reading.value[0] == "title"]
    labelled_title = bool(labelled)
    has_text_after = any(line.strip() for line in lines[start:])
    post = any(line.reading and line.reading.kind == "furniture" and p.HANDLE.match(line.text) for line in header[:3])
    title = None if labelled_title or not choose_title or post else _choose_title(
        [c for c in candidates if has_text_after or c is not candidates[-1]], header, body_words, lines)
    standfirst: list[str] = []
    previous: _Line | None = None
    for line in header:
        if line.reading is not None:
            credits = len(draft.credits)
            _take(line.reading, line.text, draft, outlets)
            if len(draft.credits) > credits and standfirst and previous is not None and previous.reading is None \
                    and standfirst[-1] == previous.text and previous.index == line.index - 1 \
                    and len(previous.text) < 300 and title is not None and previous is not title:
                # the photo's caption on the line right above its credit (a deck stands apart)
                draft.captions.append(standfirst.pop())
            if line.reading.kind == "furniture" and title is not None and line.index < title.index \
                    and line in header[:2]:
                draft.outlet(_outlet_in(line.text, outlets), "masthead", True)  # 'NHK WORLD-JAPAN' atop a menu
                draft.page_names.append(("masthead", line.text))
        elif title is not None and line is title:
            draft.title = _title_text(line.text, draft, outlets)
        elif title is not None and line.index > title.index:
            names = _LOWERCASE_NOTE.sub("", line.text)  # 'Maya Okonjo (now) and Tobias Renwick (earlier)'
            if draft.byline is None and _names_only(names) and len(names.split()) <= 8 \
                    and (_last_before_text(header, line) or _above_date_line(header, line)):
                draft.byline = _joined_names(names)  # the author's name under the headline
            else:
                standfirst.append(line.text)
        elif labelled and line.index < labelled[0]:
            draft.dropped.append(line.text)  # above a 'Title:' line: the page's own lines ('외교부' / '보 도 자 료')
            draft.outlet(_outlet_in(line.text, outlets), "masthead", True)
        elif title is None and _label_in_capitals(line.text):
            draft.dropped.append(line.text)  # no headline, and a masthead or label in capitals ('THE MORNING BRIEF')
        elif title is None:
            standfirst.append(line.text)  # no headline: what no rule claims is kept as text
        else:
            draft.dropped.append(line.text)  # above the headline: the page's own lines
            draft.outlet(_outlet_in(line.text, outlets), "masthead", True)  # 'NK NEWS DAILY UPDATE' 
            if line in header[:3]:
                draft.page_names.append(("masthead", line.text))
        previous = line
    _date_of_stamps(draft)
    return [part for text in standfirst for part in (text, "")] + lines[start:]


def _label_in_capitals(text: str) -> bool:
    """A few words in capitals that end no sentence: a masthead, a section or a series label."""
    return text.isupper() and len(text.split()) <= 5 and not re.search(r"[.!?]$", text)


def _last_before_text(header: list[_Line], line: _Line) -> bool:
    """Whether only claimed lines (bylines, dates, furniture) stand between this line and the story."""
    return all(other.reading is not None for other in header if other.index > line.index)


# agencies joined as a photo's credit ('AP/KCNA', 'KCNA via KNS', 'dpa, AFP, Reuters'): no one outlet
_AGENCY_CREDIT = re.compile(r"\S\s*/\s*\S|\svia\s|,")


# a row of a page's fields copied as one line, its cells apart by wide gaps:
# '기자명 조정현 기자   입력 2025.10.28 11:05   수정 2025.10.28 15:20   댓글 0'
_CELL_GAP = re.compile(r" {3,}|\t+")
MIN_CELLS = 3
MAX_CELL = 60


def _cells_as_lines(lines: list[str]) -> list[str]:
    """The header's rows of fields (three or more short cells apart by wide gaps) read as one
    line per cell, so each is read by the rule for its kind; the story's lines stay as they are."""
    out, seen = [], 0
    for index, line in enumerate(lines):
        if seen >= MAX_HEADER_LINES:
            return out + lines[index:]
        if line.strip():
            seen += 1
        cells = [cell.strip() for cell in _CELL_GAP.split(line.strip())] if ("   " in line or "\t" in line) else ()
        if len(cells) >= MIN_CELLS and all(0 < len(cell) <= MAX_CELL for cell in cells):
            out.extend(cells)
        else:
            out.append(line)
    return out


def _above_date_line(header: list[_Line], line: _Line) -> bool:
    """Whether the next line is a date line: a live blog's authors above its stamps, with its key
    events listed below."""
    below = [other for other in header if other.index > line.index]
    return bool(below) and below[0].reading is not None and below[0].reading.kind == "stamp"


def _lede(lines: list[str], size: int = 1500) -> str:
    """The story's first characters: what its headline restates (a page's footer repeats the
    site's name and slogan, so the whole text would favour them)."""
    text, total = [], 0
    for line in lines:
        text.append(line)
        total += len(line)
        if total >= size:
            break
    return "\n".join(text)


def _mark_menus(header: list[_Line]) -> None:
    """A vertical menu: three or more short lines in a row, with no blank line between (a few words
    each, no sentence), among the header's furniture, one link per line. Its unclaimed lines are
    furniture too."""
    run: list[_Line] = []

    def close() -> None:
        unclaimed = [line for line in run if line.reading is None]
        if len(run) >= 3 and len(unclaimed) < len(run) or len(run) >= 4:
            for line in unclaimed:
                line.reading = LineReading("furniture", 0.6, line.text)
        run.clear()

    for line in header:
        short = len(line.text.split()) <= 4 and not re.search(r"[.!?]$", line.text)
        menu_like = line.reading is None or line.reading.kind in ("furniture", "credit", "caption", "role")
        if run and line.index > run[-1].index + 1:
            close()  # a blank line ends a menu: its items stand one under another
        if short and menu_like:
            run.append(line)
        else:
            close()
    close()


def _mark_lists(header: list[_Line]) -> None:
    """A list heading ('Summary', 'Key points', or any few words ending in a colon: 'In this
    article:') in the header and the short lines under it."""
    for position, line in enumerate(header):
        if (line.reading is None or line.reading.kind == "furniture") and (
                p.LIST_HEADING.match(line.text) or _label_heading(line.text)):
            items = []
            longest = 20 if p.LIST_HEADING.match(line.text) else 4  # under 'In this article:', names or tickers
            for item in header[position + 1:position + 8]:
                if item.reading is not None or len(item.text.split()) > longest or item.prose:
                    break
                items.append(item)
            for marked in ([line, *items] if items else []):
                marked.reading = LineReading("furniture", 0.6, marked.text)


def _label_heading(text: str) -> bool:
    """A few words ending in a colon that label what follows ('In this article:', 'Topics:'),
    not a byline's or a field's label ('By:', 'Author:')."""
    words = text[:-1].split()
    return text.endswith(":") and 1 <= len(words) <= 5 and not p.BYLINE_OPENER.match(text[:-1] + " x") \
        and not p.FIELD_LABEL.match(text + " x") and not DASH_END.search(text[:-1])


def _names_by_stamps(header: list[_Line]) -> None:
    """A reporter's name on its own line next to the date line ('Mira Halvorsen' / 'March 14, 2025'),
    or with the date on the same line, is the byline; a place under a date line is the dateline."""
    for line in header:
        if line.reading is None and (named := _name_with_date(line.text)):
            line.reading = LineReading("byline", 0.8, named)
    for position, line in enumerate(header):
        if line.reading is not None or position == 0:
            continue
        neighbours = header[max(0, position - 1):position] + header[position + 1:position + 2]
        beside = any(n.reading and n.reading.kind in ("stamp", "byline") for n in neighbours)
        previous = header[position - 1]
        following = header[position + 1] if position + 1 < len(header) else None
        if beside and _names_only(line.text):
            line.reading = LineReading("byline", 0.8, _joined_names(line.text))
        elif (previous.reading and previous.reading.kind == "stamp" and position + 1 >= len(header) - 1
              or following and following.reading and following.reading.kind == "stamp"
              and position + 2 >= len(header) - 1 and following.index == line.index + 1
              and len(line.text.split(",")[0].split()) == 1) \
                and _PLACE_LINE.match(line.text) and ("," in line.text or line.text.isupper()) \
                and not p.LIST_HEADING.match(line.text) and not _navigation(line.text):  # 'SUMMARY' is no place
            # a place under the date line, or over it when its first part is a city ('Washington, D.C.' /
            # '1:22 p.m. EDT'; 'Patrick Imhof, Tokio' is a reporter and post, 'Kuala Lumpur' is left alone)
            line.reading = LineReading("stamp", 0.8, ([], line.text))
    for position, line in enumerate(header[:-1]):
        if line.reading is None and header[position + 1].reading and header[position + 1].reading.kind == "stamp" \
                and speaker_line(line.text):
            line.reading = LineReading("role", 0.6, line.text)  # 'Matthew Miller, Department Spokesperson' over
            # a transcript's place and time: who speaks, not who wrote it



# a note in brackets after a name, in small letters: a live blog's '(now)', '(earlier)'
_LOWERCASE_NOTE = re.compile(r"\s*\((?:[a-z]+ ?){1,2}\)")


def _names_only(text: str) -> bool:
    """A line of people's names only (title case; no menu, section or outlet words)."""
    if not NAMES_LINE.match(text) or _NAVIGATIONAL.match(text):
        return False
    words = [w.lower().strip(",") for w in text.split() if w.lower() not in ("and", "&")]
    return not any(w in p.SECTION_NAME_SET or w in p.FURNITURE_WORD_SET for w in words) \
        and not p.NON_PERSON.search(text) and not any(ROLE_HEAD.search(part) for part in text.split(","))


def _joined_names(text: str) -> str:
    return ", ".join(part.strip() for part in re.split(r",|\band\b|&", text) if part.strip())


def _name_with_date(text: str) -> str | None:
    """'Daniel Sorensen November 19, 2024' -> 'Daniel Sorensen'."""
    words = text.split()
    for n in (2, 3, 4):
        name, rest = " ".join(words[:n]), " ".join(words[n:])
        if rest and (rest[0].isdigit() or _DATE_WORD.match(rest)) and PERSON_NAME_LINE.match(name) \
                and not name.isupper() and read_stamps(rest) \
                and all(s.date for s in read_stamps(rest)) and _names_only(name):
            return name
    return None


def _date_of_stamps(draft: Draft) -> None:
    """The publication date among all the header's stamps (a published one before an update)."""
    chosen = choose_stamp(draft.stamps)
    if chosen and chosen.date:
        draft.date(chosen.date.isoformat(), "header-line")
    elif chosen and chosen.month_day and not draft.year_pending:
        draft.year_pending, draft.year_pending_from = chosen.month_day, "header-inferred-year"


def _header_zone(lines: list[str], outlets: dict[str, str]) -> tuple[list[_Line], int]:
    """The header's lines (read) and the index of the story's first line."""
    header: list[_Line] = []
    nonblank = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    skip_next = False
    after_candidate = False
    for position, (index, text) in enumerate(nonblank[:MAX_HEADER_LINES]):
        if skip_next:
            header.append(_Line(index, text, LineReading("role", 0.5, text)))
            skip_next = False
            continue
        next_text = nonblank[position + 1][1] if position + 1 < len(nonblank) else ""
        if starts_with_agency_dateline(text, outlets) or (
                DASH_END.search(text) and read_dateline(f"{text} {next_text}", outlets)):  # 'Seoul, South Korea CNN —' 
            return header, index
        ctx = LineContext(outlets, next_text, after_candidate)
        reading = read_line(text, ctx)
        if reading is None and header and header[-1].reading and header[-1].reading.kind == "credit" \
                and len(text) <= 200 and (not re.search(r"""[.!?]["'”’)]*$""", text)
                                          or header[-1].index == index - 1 and p.CAPTION_WORDS.search(text)):
            reading = LineReading("caption", 0.7, text)  # the caption under a photo credit (right under
            # it, a sentence saying what the photo shows: 'Foto: APA' / 'Ein ... Video zeigt ...')
        prose = _is_prose(text)
        if reading is None and prose and not (after_candidate and _header_follows(nonblank, position, outlets)
                                              or _headline_below(nonblank, position, outlets)):
            return header, index
        if reading and reading.kind == "furniture" and prose and len(text.split()) > 30 and "cookie" not in text.lower():
            return header, index  # a long sentence that opens with a furniture phrase is text
        header.append(_Line(index, text, reading, prose))
        skip_next = bool(reading and reading.consumes_next)
        after_candidate = after_candidate or reading is None
    # No first paragraph found (a short text): the header is the lines a rule claims, the first
    # unclaimed line (a headline) and the claimed lines right under it.
    end, seen_candidate = 0, False
    for line in header:
        if line.reading is None:
            if seen_candidate:
                break
            seen_candidate = True
        end = line.index + 1
    return [line for line in header if line.index < end], end


def _is_prose(text: str) -> bool:
    """A sentence of the story: a dozen words ending with a full stop, or forty words; in a
    language that writes few, long words, a line ending like a declarative sentence ('밝혔다.')."""
    words = len(text.split())
    return words >= 12 and bool(re.search(r"""[.!?]["'”’)]*$""", text)) or words >= 40 \
        or words >= 4 and bool(_SENTENCE_FINAL.search(text))


def _header_follows(nonblank: list[tuple[int, str]], position: int, outlets: dict[str, str]) -> bool:
    """Whether a byline or date line comes within the next few short lines (so this line is a
    standfirst): share bars and photo credits may stand between."""
    for index, text in nonblank[position + 1:position + 7]:
        reading = read_line(text, LineContext(outlets, "", True))
        if reading and reading.kind in ("byline", "stamp"):
            return True
        if reading is None and _is_prose(text):
            return False
    return False


def _headline_below(nonblank: list[tuple[int, str]], position: int, outlets: dict[str, str]) -> bool:
    """Whether a sentence above any headline candidate is page text (a section's tagline, a
    genre's explanation under its label) rather than the story's first paragraph: a short line
    no rule claims (a headline) follows, then, past at most one sentence (a deck), a byline or a
    date line."""
    headline, sentences = False, 0
    for index, text in nonblank[position + 1:position + 6]:
        if not headline and _is_prose(text):
            return False  # the story goes on (the common case: no rule need read the line)
        reading = read_line(text, LineContext(outlets, "", headline))
        if reading and reading.kind in ("byline", "stamp"):
            return headline
        if reading is None and _is_prose(text):
            sentences += 1
            if sentences > 1 or not headline:
                return False
        elif reading is None:
            headline = True
    return False


def _choose_title(candidates: list[_Line], header: list[_Line], body_words: set[str],
                  lines: list[str]) -> _Line | None:
    scored = []
    body_script = _body_script(body_words)
    for rank, line in enumerate(candidates):
        if line.prose and rank:
            continue
        score = title_score(line.text, rank, body_words, _next_kind(header, line), body_script)
        if line is header[0] and len(line.text.split()) <= 3 and len(header) > 1 and header[1].reading \
                and header[1].reading.kind == "furniture":
            # a site's name over its menu or crumb ('KCNA Watch' / '뉴스스트림 > 조선중앙통신'): no headline
            score -= 1.0 if _crumb(header[1].text) else 0.0
        elif line is header[0]:
            score += 0.75  # the text's first line
        before = [other for other in header if other.index < line.index]
        under_outlet = bool(before) and before[-1].reading is not None and before[-1].reading.kind == "outlet"
        if not line.prose and _byline_or_stamp_below(header, line) and not under_outlet:
            score += 0.5  # a headline stands over its byline or date line (past a deck), unlike a
            # masthead's slogan between the outlet's name and the issue's date ('로동신문' / '조선로동당
            # 중앙위원회 기관지' / '주체114(2025)년 7월 13일')
        if before and before[-1].reading and before[-1].reading.kind == "outlet" and len(before) <= 2 \
                and _next_kind(header, line) not in ("stamp", "byline"):
            score -= 2.0  # a site's slogan under its name ('TASS' / 'Russian News Agency'), not a
            # headline over its date line ('KBS 뉴스' / headline / '입력 2025.07.12 (21:08)')
        scored.append((score, line))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    if best < TITLE_THRESHOLD:
        return None
    # Headlines come first: the earliest candidate close to the best is the title.
    title = next(line for score, line in scored if score >= best - TITLE_MARGIN)
    # ... unless it is a kicker: a few words right above the headline, with no blank line between
    # ('Putin in Nordkorea' / 'Beistandspakt zwischen Moskau und Pjöngjang').
    under = next((line for score, line in scored if line.index == title.index + 1 and score >= TITLE_THRESHOLD), None)
    if under and len(title.text.split()) <= 4 and len(under.text.split()) > len(title.text.split()) \
            and _script(title.text) == _script(under.text) \
            and not re.search(r"[.!?:]$", title.text) and not re.search(r"[.!?]$", under.text):
        return under
    return title


def _crumb(text: str) -> bool:
    """A breadcrumb: its items joined by arrows, or section names between separators."""
    items = [item for item in p.SEPARATORS.split(text) if item.strip()]
    return bool(CRUMB_ARROW.search(text)) or len(items) >= 2 and all(_navigation(item) for item in items)


def _byline_or_stamp_below(header: list[_Line], line: _Line) -> bool:
    """Whether a byline or a date line follows this line, right under it or past one or two lines
    no rule claims (a deck): every line of that block gets the same credit."""
    position = header.index(line)
    after = header[position + 1:position + 4]
    while after and after[0].reading is None and len(after) > 1:
        after = after[1:]
    return bool(after) and after[0].reading is not None and after[0].reading.kind in ("byline", "stamp")


def _next_kind(header: list[_Line], line: _Line) -> str | None:
    after = [other for other in header if other.index > line.index]
    return after[0].reading.kind if after and after[0].reading else None


def title_score(text: str, rank: int, body_words: set[str], next_kind: str | None,
                body_script: str | None = None) -> float:
    """How much a line reads as the headline (see the module docstring for the features)."""
    clean = p.HEADLINE_PREFIX.sub("", text)
    if (tail := _OUTLET_TAIL.match(clean)) and _DATE_TAIL.search(clean) and read_stamps(tail["outlet"]):
        clean = tail["title"]  # a page title's date after a dash is no date inside the headline
    words = clean.split()
    if not words or len(clean) > 250:
        return float("-inf")
    score = 0.0
    if speaker_line(clean):
        score -= 2.0  # a person and their post ('Matthew Miller, Department Spokesperson'): a speaker's line
    count = len(words)
    if count >= 2 and (syllables := len(_SCRIPT_LETTERS[0].findall(clean))) > 2 * count:
        count = syllables // 2  # Korean writes few, long words: '통일부 정례브리핑' weighs as four
    score += 1.5 if 3 <= count <= 30 else (0.3 if count == 2 else -2.0)
    if re.search(r"[,;:]$", clean):
        score -= 3.0
    elif clean.endswith("."):
        score -= 1.0
    if _two_sentences(clean):
        score -= 1.0  # two sentences: a deck or teaser ('... einen Austausch an. Einer der beiden ...')
    if re.search(rf"\s{p.SEPARATOR}\s", clean):
        score -= 2.0
    if _CODE.search(clean):
        score -= 2.0
    if find_full_date(clean):
        score -= 1.5
    if clean.isupper() and count <= 5:
        score -= 1.5
    own = _content_words(clean)
    script = _script(clean)
    if script != (body_script or _body_script(body_words)) and script != "latin":
        score += 1.8  # a headline in another script than the story (a Korean title over English text;
        # Latin letters over a Korean or Russian story are a site's or brand's name: 'KCNA Watch')
    elif len(own) >= 2:  # the story repeats a headline's words: the more of them, the surer
        shared = sum(1 for stem in own if stem in body_words or stem[:4] in body_words)
        score += 3.0 * shared / len(own) * min(1.0, shared / 4)
    if count >= 6:  # headlinese drops articles and auxiliaries
        function_words = sum(1 for w in words if w.lower() in _STOP) / count
        score -= 3.0 * max(0.0, function_words - 0.25)
    return score


def _two_sentences(text: str) -> bool:
    """Whether a sentence ends inside the line ('... bietet einen Austausch an. Einer der ...'),
    not at an abbreviation ('Gen. Kim', 'U.S. Envoy')."""
    return any(match[1].lower() not in _ABBREVIATIONS for match in _INNER_SENTENCE_END.finditer(text))


def _script(text: str) -> str:
    """The main script of a text: hangul, cyrillic, han or latin (a Hangul or Han syllable
    weighs as two letters: 'KBS 뉴스' is Hangul)."""
    hangul, cyrillic, han = (len(pattern.findall(text)) for pattern in _SCRIPT_LETTERS)
    latin = len(_LETTER.findall(text)) - hangul - cyrillic - han
    counts = {"hangul": 2 * hangul, "cyrillic": cyrillic, "han": 2 * han, "latin": latin}
    return max(counts, key=counts.get)


_SCRIPT_LETTERS = (re.compile("[\uac00-\ud7a3]"), re.compile("[\u0400-\u04ff]"), re.compile("[\u4e00-\u9fff]"))
_LETTER = re.compile(r"[^\W\d_]")


def _body_script(body_words: set[str]) -> str:
    """The script of the story's words (a sample of them, in a stable order)."""
    return _script(" ".join(sorted(body_words)[:200]))


def _content_words(text: str) -> set[str]:
    """The text's content words as stems (their first letters), so 'sign' meets 'signed' and
    'Pyongyang' meets 'Pyongyang's' in any language that inflects at the end."""
    return {_stem(w) for w in (w.lower() for w in _CONTENT_WORD.findall(text)) if w not in _STOP}


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word[:4]


def _title_text(text: str, draft: Draft, outlets: dict[str, str]) -> str:
    """The headline without wire labels ('(LEAD)') or a page title's outlet ('... | Reuters'). A
    date after the headline goes with the outlet after it ('Headline – DW – 11/30/2024'); with no
    outlet it names the document and stays ('Department Press Briefing – October 31, 2024')."""
    text = p.HEADLINE_PREFIX.sub("", text).strip()
    if (kicker := _GLUED_KICKER.match(text)):
        draft.dropped.append(kicker["kicker"])  # 'Nordkorea und Russland:Beloussow dankt ...': a kicker
        text = text[kicker.end():]  # glued to its headline when the page was copied
    dated = None  # the text with a date tail, until an outlet or furniture tail stands before it
    while tail := _OUTLET_TAIL.match(text):  # 'Headline – DW – 11/30/2024', 'Headline | Reuters'
        piece = tail["outlet"].strip()
        if (outlet := outlets.get(piece.lower())):
            draft.outlet(outlet, "header", True)
            dated = None
        elif (stamps := read_stamps(piece)) and (chosen := choose_stamp(stamps)) and chosen.date:
            draft.date(chosen.date.isoformat(), "header-line")
            dated = dated or text
        elif not (is_furniture(piece) or _navigation(piece)):
            break
        else:
            dated = None
        text = tail["title"].strip()
    return dated or text


def _take(reading: LineReading, text: str, draft: Draft, outlets: dict[str, str]) -> None:
    """Put what a claimed line gives into the draft."""
    kind = reading.kind
    if reading.outlet and kind == "dateline":  # 'Kyiv • UNN': the agency, known to the registry or not
        draft.outlet(reading.outlet, "dateline", reading.outlet in outlets.values())
    elif reading.outlet:
        draft.outlet(reading.outlet, "byline" if kind == "byline" else "role", True)
    if kind == "label":
        field_name, value = reading.value
        if field_name == "title":
            draft.title = draft.title or value
        elif field_name == "byline":
            from .lines import byline_parts
            names, outlet, date = byline_parts(value, outlets)
            draft.byline = draft.byline or names
            draft.outlet(outlet, "label", True)
            draft.date(date, "byline")
        elif field_name == "source":
            known = known_outlet(value, outlets)
            if not known and _AGENCY_CREDIT.search(value):
                draft.credits.append(text)  # 'Quelle: AP/KCNA via KNS' under a photo: its credit
            else:
                draft.outlet(known or value, "label", bool(known))
        elif field_name == "url":
            draft.url = draft.url or value
            draft.dropped.append(text)
            draft.outlet(outlet_of_domain(_host(value), outlets), "domain", True)
        elif field_name == "published":
            _take(LineReading("stamp", 0.9, (_stamps(value), None)), text, draft, outlets)
        elif field_name == "dateline":
            found = read_dateline(value + " —", outlets, alone=True) if value else None
            draft.dateline = draft.dateline or (found.place if found else value.split(",")[0].strip() or None)
            draft.dropped.append(text)
        else:
            draft.dropped.append(text)
    elif kind == "url":
        draft.url = draft.url or reading.value
        draft.dropped.append(text)
        draft.outlet(outlet_of_domain(_host(reading.value), outlets), "domain", True)
    elif kind == "stamp":
        stamps, place = reading.value
        draft.stamps.extend(stamps or [])
        if place and not draft.dateline:
            draft.dateline = place
    elif kind == "byline":
        draft.byline = draft.byline or reading.value
        draft.date(reading.date, "byline")
    elif kind == "outlet":
        draft.outlet(reading.value, "header", True)
    elif kind == "credit":
        draft.credits.append(text)
    elif kind == "caption":
        draft.captions.append(text)
    elif kind == "dateline":
        draft.dateline = draft.dateline or reading.value
    elif kind in ("furniture", "role"):
        draft.dropped.append(text)


def _stamps(value: str):
    from .stamps import read_stamps

    return read_stamps(value) or []


def _host(url: str) -> str:
    return re.sub(r"(?i)^(?:https?://)?", "", url).split("/", 1)[0]


def _date_header(draft: Draft, token: str) -> None:
    found = find_full_date(token)
    if found and found[1].group(0) == token:
        draft.date(found[0].isoformat(), "date-header")
    else:
        draft.warnings.append(f"header date {token!r} is not a real date; published left empty")
