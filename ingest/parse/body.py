"""The body: the lines below the header become paragraphs; page furniture is set aside in
`dropped` (promos and "Read also" inserts, share bars, advertisement breaks, lists of other
stories, paywall and newsletter chrome, endnotes, page numbers, footers); photo captions and
credits, the dateline and a trailing agency credit are read off. Pure."""

from __future__ import annotations

import re

from ..dates import find_full_date
from ..lexicon import LEXICON
from . import patterns as p
from .datelines import infer_year, read_dateline, starts_with_dateline
from .draft import Draft
from .lines import EMAIL, _outlet_in, byline_parts, caption_credit, closer_names, is_furniture
from .stamps import choose_stamp, read_stamps

SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")
LINE_END = re.compile(r"""[.!?:"”’)\]]$""")
TRAILING_PAREN_CREDIT = re.compile(r"\s*\((?P<name>[A-Z][\w.&' -]{1,40})\)\s*(?:\(END\))?\s*$")
SOURCE_LABEL = re.compile(r"^(?:source|quelle)\s*:\s*(?P<name>.{2,60})$", re.I)
AGENCIES_TAIL = re.compile(r"\s+(?:and|&|with)\s+(?:news\s+|wire\s+)?(?:agencies|wires)\W*$", re.I)
NUMBERED_NOTE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+\S")
END_MARK = p.END_MARK  # '(END)', '(끝)', '---'
BRACKETED_END_MARK = p.BRACKETED_END_MARK
END_WORD_MARK = p.END_WORD_MARK  # '(END)' or 'END' alone


def split_paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; inside a block a line that ends a sentence ends a
    paragraph too, while a line that stops mid-sentence was hard-wrapped and is joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and (_stands_alone(line) or NUMBERED_NOTE.match(line)):  # furniture is never glued to text
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        if LINE_END.search(line) or p.PROMO_OPENER.match(line) or p.PHOTO_CREDIT.match(line) or _stands_alone(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [re.sub(r"[ \t]{2,}", " ", paragraph) for paragraph in paragraphs]


def _stands_alone(line: str) -> bool:
    """A page number, a counter, a heading of notes or of a list, a note, a known furniture line
    is a paragraph of its own, never glued to the text around it (section and link words are: a
    closing list of links is read as one)."""
    if p.PAGE_NUMBER.match(line) or p.COUNTER.match(line) or NUMBERED_NOTE.match(line) or p.ITEM_COUNTER.match(line):
        return True
    return len(line) < 80 and bool(p.FURNITURE_LINE.match(line) or p.ENDNOTE_HEADING.match(line)
                                   or p.LIST_HEADING.match(line)) \
        or len(line) < 120 and bool(p.COPYRIGHT.match(line))  # '© 2025 Yahoo. All rights reserved.


def read_body(paragraphs: list[str], draft: Draft, outlets: dict[str, str]) -> list[str]:
    """The article's own paragraphs; what is not is set aside in the draft."""
    paragraphs = _cut_tail(paragraphs, draft, outlets)
    kept: list[str] = []
    last = len(paragraphs) - 1
    for index, paragraph in enumerate(paragraphs):
        words = len(paragraph.split())
        if words <= 10 and not draft.byline and (signed := _sign_off(paragraph, outlets)):
            draft.byline = signed  # 'This is Jane Doe reporting.': a broadcast script's reporter
        if index and _bare_promo(paragraphs[index - 1]) and words <= 15 and not SENTENCE_END.search(paragraph):
            draft.dropped.append(paragraph)  # the linked headline under 'Related article'
        elif _is_promo(paragraph, words) or (words <= 12 and is_furniture(paragraph)) \
                or p.PAGE_NUMBER.match(paragraph) or p.COUNTER.match(paragraph) or END_MARK.match(paragraph):
            draft.dropped.append(paragraph)
        elif p.COPYRIGHT.match(paragraph) and words <= 30:
            draft.dropped.append(paragraph)
            draft.outlet(_copyright_outlet(paragraph, outlets, draft), "copyright", True)
        elif p.REPORT_CREDIT.search(paragraph) and words <= 30:
            draft.credits.append(paragraph)
        elif p.PHOTO_CREDIT.match(paragraph) and len(paragraph) < 80:
            draft.credits.append(paragraph)
        elif not kept and index < last and _is_caption_paragraph(paragraph):
            draft.captions.append(paragraph)
            draft.credits.append(TRAILING_PAREN_CREDIT.search(paragraph)["name"])
        elif index < last and len(paragraph) < 400 and ("(" in paragraph or "[" in paragraph) \
                and (credit := p.INLINE_PHOTO_CREDIT.search(paragraph)):
            draft.captions.append(paragraph)  # '... 악수하고 있다. (사진=러시아 국가안보회의 텔레그램 캡처) 2025.06.04.'
            draft.credits.append(credit["name"].strip())
        elif index < last and (photo := caption_credit(paragraph, outlets)):
            draft.captions.append(paragraph)  # '... in Wonsan. KCNA/Reuters': a photo and its credit
            draft.credits.append(photo)
        elif kept and index == last and (names := _trailing_byline(paragraph, outlets)):
            draft.byline = draft.byline or names  # Rodong Sinmun's '본사기자 리은별' under the story
            draft.dropped.append(paragraph)
        elif kept and index == last and (outlet := _outlet_only(paragraph, outlets)):
            draft.outlet(outlet, "trailer", True)
        elif kept and index == last and (label := SOURCE_LABEL.match(paragraph)):
            # "Source: Al Jazeera and news agencies"
            name = AGENCIES_TAIL.sub("", label["name"].strip())
            draft.outlet(outlets.get(name.lower().rstrip(".")), "trailer", True)
            draft.credits.append(paragraph)
        else:
            kept.append(paragraph)
    if kept:
        # the dateline opens the first paragraph, or the second after a standfirst with no full stop
        first = 1 if len(kept) > 1 and _is_short_line(kept[0]) and not starts_with_dateline(kept[0]) else 0
        if not _run_in_labels(kept):
            kept[first] = _take_dateline(kept[first], draft, outlets)
        if (mark := p.TRAILING_END_MARK.search(kept[-1])):  # '... 밝혔다. (끝)', '... 예정입니다.  끝.'
            draft.dropped.append(mark.group().strip())
            kept[-1] = kept[-1][:mark.start()]
        kept[-1] = _take_trailing_credit(kept[-1], draft, outlets)
    kept = [paragraph for paragraph in kept if paragraph.strip()]
    # the reporters with their e-mails a few paragraphs from the end, a page's related links
    # still below them: '이다솜 기자 dasom.lee@example.com'
    for index in range(len(kept) - 1, max(0, len(kept) - 4), -1):
        if "@" in kept[index] and EMAIL.search(kept[index]) and (names := _closing_reporters(kept[index])) \
                and (not draft.byline or names == draft.byline):
            draft.byline = names
            draft.dropped.append(kept.pop(index))
            break
    if not any(where == "copyright" for where, _ in draft.page_names):
        # a copyright line set aside with a list of links or a footer's menu still names the outlet
        for line in draft.dropped:
            if len(line) < 200 and _MAY_BE_COPYRIGHT.search(line) and COPYRIGHT_ANYWHERE.search(line):
                draft.outlet(_copyright_outlet(line, outlets, draft), "copyright", True)
                break
    if draft.year_pending and not draft.has_date():
        date, year = infer_year(draft.year_pending, "\n\n".join(kept))
        if date:
            draft.date(date.isoformat(), draft.year_pending_from)
            draft.warnings.append(f"publication year {year} inferred from the article's dates")
        else:
            draft.warnings.append(f"{'dateline' if draft.year_pending_from.startswith('dateline') else 'date line'}"
                                  " gives day and month but the article states no year; published left empty")
    return kept


_INITIAL_END = re.compile(r"\b\w\.$")  # 'John F.': the full stop is the initial's


def _sign_off(paragraph: str, outlets: dict[str, str]) -> str | None:
    """The reporter a broadcast sign-off names ('This is Jane Doe reporting.', 'Example News, Jane
    Doe.', 'KBS 뉴스 홍길동입니다.'), an {outlet} slot holding a known outlet; else None."""
    for pattern in p.SIGN_OFFS:
        match = pattern.match(paragraph)
        if match and ("outlet" not in match.groupdict() or match["outlet"].strip().lower() in outlets):
            name = match["name"]
            return name[:-1] if name.endswith(".") and not _INITIAL_END.search(name) else name
    return None


def _is_promo(paragraph: str, words: int) -> bool:
    """'Read also: ...', 'WATCH l ...', 'Related: ...': an insert pointing elsewhere."""
    opener = p.PROMO_OPENER.match(paragraph)
    if not opener or len(paragraph) >= 300:
        return False
    rest = paragraph[opener.end():]
    return bool(re.match(r"\s*(?:l\b|\||:|-|–|—|>>|›)", rest)) or paragraph[:opener.end()].isupper() \
        or (words <= 15 and not SENTENCE_END.search(paragraph))


RUN_IN_LABEL = re.compile(rf"^[{p.CAPITAL}][{p.CAPITAL}\d '’&/-]{{1,40}}:\s+\S")  # 'RAIL:', 'IN THE KNOW:'


def _run_in_labels(paragraphs: list[str]) -> bool:
    """Paragraphs that open with labels in capitals, two or more of them ('RAIL: ...', 'BRIDGE:
    ...'): a digest's run-in labels, so the first is no dateline ('SEOUL:' opens one story)."""
    return sum(1 for paragraph in paragraphs if RUN_IN_LABEL.match(paragraph)) >= 2


def _bare_promo(paragraph: str) -> bool:
    """A promo heading standing alone ('Related article', 'Read more:'), its link on the next line."""
    opener = p.PROMO_OPENER.match(paragraph)
    return bool(opener) and len(paragraph) < 40 and not re.search(r"[^\W_]", paragraph[opener.end():]) \
        and not p.FURNITURE_LINE.match(paragraph)  # 'ADVERTISEMENT' points nowhere: the text goes on under it


def _drop_lists(paragraphs: list[str], draft: Draft) -> list[str]:
    """A list headed by a list heading ('Summary', 'Most read', 'Read next') with short items
    under it, anywhere in the page: heading and items are dropped."""
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if p.LIST_HEADING.match(paragraph):
            items = 0
            while index + 1 + items < len(paragraphs) and items < 12 and _list_item(paragraphs, index + 1 + items):
                items += 1
            if items:
                draft.dropped.extend(paragraphs[index:index + 1 + items])
                index += 1 + items
                continue
        kept.append(paragraph)
        index += 1
    return kept


def _list_item(paragraphs: list[str], index: int) -> bool:
    """A short line that ends no sentence (or a numbered one); next to an item counter ('list 2 of
    4' / 'Analysis: What does Kim want?' / 'end of list') a short line of any ending."""
    paragraph = paragraphs[index]
    before = paragraphs[index - 1] if index else ""  # after 'list 1 of 4' an item; after 'end of list' the story
    counted = index + 1 < len(paragraphs) and bool(p.ITEM_COUNTER.match(paragraphs[index + 1])) \
        or bool(p.ITEM_COUNTER.match(before)) and any(c.isdigit() for c in before)
    if len(paragraph.split()) > (30 if counted else 20):  # (two linked headlines a copy ran together)
        return False
    return counted or not SENTENCE_END.search(paragraph) or NUMBERED_NOTE.match(paragraph) is not None


FOOTNOTE = re.compile(r"^(?P<n>\d{1,3})\s+[A-ZÀ-ÞА-ЯЁ]")  # '1 Ukrainian military intelligence, statement, ...'
NOTE_MARK = re.compile(r"""(?<=[^\W\d_][.,;:!?”"’)])(\d{1,3})(?![\d.,]?\d)""")  # '...Ukrainian cities.1'


def _drop_footnotes(paragraphs: list[str], draft: Draft) -> list[str]:
    """A page's footnotes ('1 Ukrainian military intelligence, statement, 16 December 2024.'): a
    short paragraph opening with a number that the text uses as a note mark glued to a word."""
    candidates = [index for index, paragraph in enumerate(paragraphs)
                  if FOOTNOTE.match(paragraph) and len(paragraph.split()) <= 60]
    if not candidates:
        return paragraphs
    marks = {mark for paragraph in paragraphs for mark in NOTE_MARK.findall(paragraph)}
    notes = {index for index in candidates if FOOTNOTE.match(paragraphs[index])["n"] in marks}
    draft.dropped.extend(paragraphs[index] for index in sorted(notes))
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in notes]


def _cut_tail(paragraphs: list[str], draft: Draft, outlets: dict[str, str]) -> list[str]:
    """Drop what follows the article: a paywall and what it hides, a newsletter's or page's
    closing chrome, a block of endnotes, a closing list of links or other stories."""
    paragraphs = _drop_footnotes(_drop_lists(paragraphs, draft), draft)
    paragraphs = _cut_at_end_mark(paragraphs, draft, outlets)
    for index, paragraph in enumerate(paragraphs):
        if index and (p.PAYWALL.search(paragraph) and len(paragraph.split()) <= 40
                      or p.CLOSING.match(paragraph) and len(paragraph.split()) <= 30
                      or p.ENDNOTE_HEADING.match(paragraph) and _notes_follow(paragraphs[index + 1:])):
            for rest in paragraphs[index:]:
                _from_tail(rest, draft, outlets)
            paragraphs = paragraphs[:index]  # what stands above the chrome is read as a page's tail too
            break
    paragraphs = _drop_link_list(paragraphs, draft)
    return _drop_trailing_furniture(paragraphs, draft, outlets)


def _cut_at_end_mark(paragraphs: list[str], draft: Draft, outlets: dict[str, str]) -> list[str]:
    """Wire copy ends at its end mark ('(END)', '(끝)', 'END'): what a saved page shows after it
    (keywords, other headlines, copyright) is its tail."""
    for index, paragraph in enumerate(paragraphs):
        if not index or index == len(paragraphs) - 1:
            continue
        mark = BRACKETED_END_MARK.search(paragraph)
        if not (mark or END_WORD_MARK.match(paragraph)):
            continue  # (a rule of dashes is no end: Markdown writes its sections' rules so)
        for rest in paragraphs[index + 1:]:
            _from_tail(rest, draft, outlets)
        if mark and mark.start() > 0:  # 'kms@yna.co.kr (END)': the mark goes, the line before it stays
            draft.dropped.append(mark.group().strip())
            return [*paragraphs[:index], paragraph[:mark.start()]]
        draft.dropped.append(paragraph)
        return paragraphs[:index]
    return paragraphs




def _drop_trailing_furniture(paragraphs: list[str], draft: Draft, outlets: dict[str, str]) -> list[str]:
    """What a saved page keeps below the story — lists of other headlines, the author's bio,
    contact lines, copyright, addresses, the editors' initials — is dropped back to the story's
    last paragraph of text. Credits among it are kept as credits."""
    end = len(paragraphs)
    surnames = {name.split()[-1].lower() for name in (draft.byline or "").split(", ") if name.split()}
    while end > 1 and _tail_like(paragraphs[end - 1], surnames):
        end -= 1
    if end < len(paragraphs) and not draft.byline:
        # the authors under the story: Rodong Sinmun's '본사기자 리은별', an 'Авторы NAME, NAME' block,
        # reporters with their e-mails ('이민아 기자 minah@example.com 장현우 기자 ...')
        draft.byline = next((names for paragraph in paragraphs[end:]
                             if (names := _trailing_byline(paragraph, outlets) or _closing_reporters(paragraph))), None)
    for paragraph in paragraphs[end:]:
        _from_tail(paragraph, draft, outlets)
    return paragraphs[:end]


def _from_tail(paragraph: str, draft: Draft, outlets: dict[str, str]) -> None:
    """What a dropped closing paragraph still says: the outlet of a copyright line or a source
    trailer, a reporting credit, the date of a post's closing stamp ('edited NOV 6, 12:47')."""
    stamps = read_stamps(paragraph) if len(paragraph) < 80 else None
    if stamps and (chosen := choose_stamp(stamps)):
        if chosen.date:
            draft.date(chosen.date.isoformat(), "footer")
        elif chosen.month_day and not draft.year_pending:
            draft.year_pending, draft.year_pending_from = chosen.month_day, "footer-inferred-year"
        draft.dropped.append(paragraph)
        return
    if COPYRIGHT_ANYWHERE.search(paragraph):
        draft.outlet(_copyright_outlet(paragraph, outlets, draft), "copyright", True)
    elif (label := SOURCE_LABEL.match(paragraph)):  # "Source: Al Jazeera and news agencies"
        name = AGENCIES_TAIL.sub("", label["name"].strip())
        draft.outlet(outlets.get(name.lower().rstrip(".")), "trailer", True)
        draft.credits.append(paragraph)
        return
    elif (outlet := _outlet_only(paragraph, outlets)):
        draft.outlet(outlet, "trailer", True)
    if p.REPORT_CREDIT.search(paragraph) and len(paragraph.split()) <= 30:
        draft.credits.append(paragraph)
    else:
        draft.dropped.append(paragraph)


_MAY_BE_COPYRIGHT = re.compile(r"(?i)[©ⓒ(저]|opyright")  # a cheap test before the full pattern
COPYRIGHT_ANYWHERE = re.compile(r"(?i)[©ⓒ]|\(c\)\s*\d{4}|\bcopyright\b|저작권")
EMAIL_OR_WEB = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\bhttps?://|\bwww\.|\b[\w-]+\.(?:com|org|net|co\.kr|or\.kr|ru)\b")
EDITOR_INITIALS = re.compile(r"^(?:[a-z]{2,4}(?:/[a-z]{2,4})+|={2,}\s*\w+)(?:\s*\(.*\))?$")
SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
BIO_WORDS = LEXICON.patterns.bio_words  # 'Lee covers North and South Korea', '... is a fellow at ...'
PAGE_TAIL_PHRASE = p.PAGE_TAIL_PHRASE
CLOSING_ANYWHERE = LEXICON.patterns.closing_anywhere  # two of them in one paragraph: 'Print version Send to friend'
TAIL_LABEL = re.compile(r"^[A-ZА-ЯЁ][\w ]{1,24}:(?:\s|$)")
POSTAL_ADDRESS = re.compile(r"^\d{5,6},\s")  # '125993, г. Москва, ул. ...': a site's address under the story


def _tail_like(paragraph: str, surnames: set[str]) -> bool:
    if (signed := SIGNATURE.search(paragraph)) and signed.start() and SENTENCE_END.search(paragraph[:signed.start()]):
        paragraph = paragraph[:signed.start()]  # the story's last sentence, signed: '... (Jana Kroll, 6.5.2025)'
    words = paragraph.split()
    if is_furniture(paragraph) or p.COPYRIGHT.match(paragraph) or EDITOR_INITIALS.match(paragraph) \
            or SYMBOLS_ONLY.match(paragraph) or p.LIST_HEADING.match(paragraph) or p.CLOSING.match(paragraph) \
            or p.PROMO_OPENER.match(paragraph) and len(words) <= 15:
        return True
    if len(words) <= 40 and (EMAIL_OR_WEB.search(paragraph) or p.REPORT_CREDIT.search(paragraph)):
        return True
    if len(words) <= 50 and words and (words[0].lower().strip(",") in surnames or _opens_with_author(words, surnames)) \
            and BIO_WORDS.search(paragraph):
        return True  # 'Lee covers North and South Korea for The Associated Press.', 'Jane Doe is a fellow at ...'
    if len(words) <= 12 and TAIL_LABEL.match(paragraph):
        return True  # 'Topics: Foreign policy', 'Direct link:'
    if len(words) <= 40 and POSTAL_ADDRESS.match(paragraph):
        return True
    if len(words) <= 60 and (PAGE_TAIL_PHRASE.search(paragraph) or paragraph.count(" | ") >= 2
                             or len(set(m.lower() for m in CLOSING_ANYWHERE.findall(paragraph))) >= 2):
        return True  # '... Acquire Licensing Rights, opens new tab', '... Order Reprints | Today's Paper | Subscribe'
    return len(words) <= 15 and not SENTENCE_END.search(paragraph)


def _opens_with_author(words: list[str], surnames: set[str]) -> bool:
    """'Laura Whitcombe is a senior fellow ...': a byline's full name opens the paragraph."""
    return len(words) >= 2 and words[1].lower().strip(",") in surnames and words[0][:1].isupper()


def _notes_follow(rest: list[str]) -> bool:
    """Numbered notes after an endnote heading (or nothing: a heading alone closes the text too)."""
    return not rest or sum(1 for paragraph in rest if NUMBERED_NOTE.match(paragraph)) >= max(1, len(rest) // 2)


def _drop_link_list(paragraphs: list[str], draft: Draft) -> list[str]:
    """A list of links or other stories: a heading ("Related topics", "TOP 10 STORIES") followed
    only by short lines that end no sentence, or by numbered headlines."""
    for index in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 14), -1):
        if p.LIST_HEADING.match(paragraphs[index]):
            rest = paragraphs[index + 1:]
            if index > 0 and all(len(x) <= 200 and (not SENTENCE_END.search(x) or NUMBERED_NOTE.match(x)) for x in rest):
                draft.dropped.extend(paragraphs[index:])
                return paragraphs[:index]
            break
    return paragraphs


def _copyright_outlet(paragraph: str, outlets: dict[str, str], draft: Draft) -> str | None:
    """'© 2024 Reuters' / 'Copyright (c) Yonhap News Agency. All rights reserved.' -> the outlet;
    the holder as written is kept among the page's names, known to the registry or not."""
    match = re.search(r"(?:[©ⓒ]|\(c\)|copyright)\s*(?:\(c\)|[©ⓒ])?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\.?\s*)?"
                      r"(?P<name>[^.,;|©]+)", paragraph, re.I)
    if not match:
        return None
    name = re.sub(r"\s+all rights reserved.*$", "", match["name"], flags=re.I).strip()
    # 'Copyright NHK (Japan Broadcasting Corporation)': the name before a gloss in brackets;
    # '© ECFR June 2025': the name before a date
    bare = re.sub(r"\s*\(.*$", "", name).strip()
    draft.page_names.append(("copyright", bare))
    return outlets.get(name.lower()) or outlets.get(bare.lower()) or _outlet_in(bare, outlets)


def _is_caption_paragraph(paragraph: str) -> bool:
    credit = TRAILING_PAREN_CREDIT.search(paragraph)
    return bool(credit and p.CAPTION_WORDS.search(paragraph) and len(paragraph) < 600)


def _outlet_only(paragraph: str, outlets: dict[str, str]) -> str | None:
    name = paragraph.strip().strip("()[]—–-/ ").strip()
    return outlets.get(name.lower())


def _trailing_byline(paragraph: str, outlets: dict[str, str]) -> str | None:
    """A byline standing under the story ('본사기자 리은별'): an opener and a name or two."""
    opened = p.BYLINE_OPENER.match(paragraph)
    if not opened or len(paragraph.split()) > 6 or SENTENCE_END.search(paragraph):
        return None
    names, _, _ = byline_parts(opened["name"], outlets)
    return names if names and all(_BYLINE_NAME.match(name) for name in names.split(", ")) else None


_OPENER_SET = frozenset(LEXICON.byline_openers)


def _closing_reporters(paragraph: str) -> str | None:
    """Reporters credited by a byline closer under the story, nothing else but their e-mails
    ('이민아 기자 minah@example.com 장현우 기자 hw@example.com')."""
    if len(paragraph.split()) > 12 or SENTENCE_END.search(paragraph) \
            or any(token.lower() in _OPENER_SET for token in paragraph.split()):
        return None  # '본사기자' alone: a staff credit with no name
    names = closer_names(paragraph)
    return ", ".join(names) if names and len(names) <= 4 else None


_BYLINE_NAME = re.compile(rf"^(?:[\uac00-\ud7a3]{{2,5}}|[{p.CAPITAL}][\w'’.-]+(?: [{p.CAPITAL}][\w'’.-]+){{1,3}})$")


def _is_short_line(line: str) -> bool:
    return len(line) <= 200 and not SENTENCE_END.search(line)


def _take_dateline(paragraph: str, draft: Draft, outlets: dict[str, str]) -> str:
    """Split a leading dateline off the first paragraph; note its place, agency and date."""
    found = read_dateline(paragraph, outlets)
    if not found:
        return paragraph
    draft.dateline = found.place
    if found.byline and (not draft.byline or set(draft.byline.split(", ")) <= set(found.byline.split(", "))):
        draft.byline = found.byline  # the lead credits every reporter: '(서울·워싱턴=연합뉴스) 김지연 기자 김동현 특파원 ='
    if found.agency:
        draft.outlet(found.agency, "dateline", found.agency.lower() in outlets)
    if found.date:
        draft.date(found.date.isoformat(), "dateline")
    elif found.month_day and not draft.year_pending:
        draft.year_pending, draft.year_pending_from = found.month_day, "dateline-inferred-year"
    return paragraph[found.end:]


# a closing signature in brackets: '(Markus Pirchner, 13.1.2025)', '(red, APA, 13.1.2025)'
SIGNATURE = re.compile(r"\s*\((?P<names>[^()\d]{2,80}?),\s*(?P<date>[^(),]{6,24})\)\s*$")
_DESK_INITIALS = re.compile(r"^[a-zäöü]{2,4}$")  # 'red', 'bau': an editor's or desk's initials
_AGENCY_ACRONYM = re.compile(r"^[A-Z]{2,6}$")  # 'APA', 'DPA': an agency the registry may not know


def _take_signature(paragraph: str, draft: Draft, outlets: dict[str, str]) -> str:
    """The author's closing signature after the last sentence, in brackets with the date ('...
    so Selenskyj. (Markus Pirchner, 13.1.2025)'): names, desk initials or outlets, then a full
    date and nothing else. It leaves the body; its names are the byline when there is none."""
    match = SIGNATURE.search(paragraph)
    if not match or match.start() and not SENTENCE_END.search(paragraph[:match.start()]):
        return paragraph
    found = find_full_date(match["date"])
    if not found or found[1].group(0) != match["date"].strip():
        return paragraph
    people, agencies = [], []
    for part in (part.strip() for part in match["names"].split(",")):
        if part.lower() in outlets:
            agencies.append(outlets[part.lower()])
        elif _BYLINE_NAME.match(part) and not part.isupper():
            people.append(part)
        elif not (_DESK_INITIALS.match(part) or _AGENCY_ACRONYM.match(part)):
            return paragraph
    draft.dropped.append(match.group().strip())
    if people and not draft.byline:
        draft.byline = ", ".join(people)
    for agency in agencies:
        draft.outlet(agency, "credit", True)
    draft.date(found[0].isoformat(), "footer")
    return paragraph[:match.start()].rstrip()


def _take_trailing_credit(paragraph: str, draft: Draft, outlets: dict[str, str]) -> str:
    paragraph = _take_signature(paragraph, draft, outlets)
    credit = TRAILING_PAREN_CREDIT.search(paragraph)
    if credit and (credit["name"].lower() in outlets or len(credit["name"].split()) <= 2):
        name = credit["name"].strip()
        if name.lower() in outlets or name.isupper() or name.istitle():
            draft.outlet(outlets.get(name.lower(), name), "credit", name.lower() in outlets)
            return paragraph[: credit.start()].rstrip()
    glued = re.search(r"(?<=[.!?\"”])\s*(?P<name>[A-Z][\w.&-]{1,30}(?: [A-Z][\w.&-]+){0,2})$", paragraph)
    if glued and glued["name"].lower() in outlets:
        draft.outlet(outlets[glued["name"].lower()], "credit", True)
        return paragraph[: glued.start("name")].rstrip()
    return paragraph


# ---------------------------------------------------------------- repairs inside paragraphs

RUN_TOGETHER = re.compile(r"(?<=[a-z0-9%)\]’'])([.!?])(?=[\"“‘]?[A-ZÀ-Þ][a-zà-ÿ])")


def repair_run_together(paragraph: str) -> str:
    """Insert the missing space in '...Friday.Choe made...'. A straight quote after the stop is
    kept with the sentence it belongs to: closing quotes stay left, opening quotes go right."""
    out: list[str] = []
    last = 0
    for match in RUN_TOGETHER.finditer(paragraph):
        end = match.end()
        nxt = paragraph[end] if end < len(paragraph) else ""
        if nxt in "\"“‘":
            opening = nxt in "“‘" or paragraph.count('"', 0, end) % 2 == 0
            if not opening:
                continue  # a closing quote glued to the next sentence is handled below
        out.append(paragraph[last:end])
        out.append(" ")
        last = end
    out.append(paragraph[last:])
    repaired = "".join(out)
    # ...fine."The next sentence -> ...fine." The next sentence (closing quote, then a new sentence)
    return re.sub(r'(?<=[a-z][.!?][”"])(?=[A-Z][a-z])', _space_if_closing(repaired), repaired)


def _space_if_closing(text: str):
    def replace(match: re.Match) -> str:
        quote_pos = match.start() - 1
        if text[quote_pos] == "”" or text.count('"', 0, quote_pos) % 2 == 1:
            return " "
        return ""
    return replace
