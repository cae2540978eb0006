"""The page patterns the parser uses, built once from the lexicon's page words (ingest/lexicon/
*.yml: furniture_lines, section_names, promo_openers, paywall_phrases, ...). Nothing here is a
word list: adding a language's page words to its lexicon file reaches every pattern."""

from __future__ import annotations

import re

from ..lexicon import LEXICON, alternation

CAPITAL = "A-ZÀ-ÞА-ЯЁ"  # capital letters, for a regex class: Latin and Cyrillic (Hangul has no case)
SEPARATOR = r"[|·•›»/>]"
# '>' separates a breadcrumb's items only with spaces round it ('정치 > 북한'): in '</script>' it is text
SEPARATORS = re.compile(r"\s*(?:[|·•›»/]|(?<=\s)>(?=\s))\s*|\s+[-–—]\s+|\s{2,}")
WORDS = re.compile(r"[\w'’.&+-]+")


def phrases(words) -> str:
    """The phrases as regex alternatives; an apostrophe matches a typographic one too."""
    return alternation(words).replace("'", "['’]")


def phrase_start(words) -> re.Pattern:
    """A line that opens with one of the phrases (case-insensitive, whole words)."""
    return re.compile(rf"(?i)^\W*(?:{phrases(words)})(?![\w-])")


# A button phrase of two or more words opening with a button word may follow a count: '4 minute
# read', '2 min read', '3 mins read' (a single word would not: '2 close aides' is text).
_COUNTED = [w for w in LEXICON.furniture_lines if len(w.split()) >= 2 and w.split()[0] in LEXICON.furniture_words]
FURNITURE_LINE = re.compile(rf"(?i)^\W*(?:(?:{phrases(LEXICON.furniture_lines)})|\d{{1,3}}\s*-?\s*(?:{phrases(_COUNTED)}))"
                            rf"(?![\w-])")
# a list's item counter for screen readers, a line of its own: 'list 1 of 4', 'end of list' (item_counters)
_COUNTERS = phrases(LEXICON.item_counters).replace("\\#", "#").replace("#", r"\d{1,3}") if LEXICON.item_counters \
    else "(?!)"
ITEM_COUNTER = re.compile(rf"(?i)^\W*(?:{_COUNTERS})\W*$")
PROMO_OPENER = phrase_start(LEXICON.promo_openers)
PAYWALL = re.compile(rf"(?i)(?<![\w-])(?:{phrases(LEXICON.paywall_phrases)})(?![\w-])")
DATELINE_OPENER = re.compile(rf"(?i)^(?:{phrases(LEXICON.dateline_openers)})\s+(?P<place>[A-ZÀ-Þ][\w'’ ,./-]{{1,60}})$")
CLOSING = phrase_start(LEXICON.closing_phrases)
ENDNOTE_HEADING = re.compile(rf"(?i)^\W*(?:{alternation(LEXICON.endnote_headings)})\W*$")
LIST_HEADING = re.compile(rf"(?i)^\W*(?:{phrases(LEXICON.list_headings)})\s*:?\s*$")
REPORT_CREDIT = re.compile(rf"(?i)^\W*(?:additional\s+)?(?:{alternation(LEXICON.report_credits)})\b|"
                           rf"\b(?:{alternation(LEXICON.report_credits)})(?:\s+(?:from|in)\s+[{CAPITAL}][\w'’. -]{{1,40}})?\W*$")
# 'By Jane Doe', 'Text: Игорь Дубов', 'Von: Jana Kroll' (the opener, a colon or not, the names)
BYLINE_OPENER = re.compile(rf"(?i)^(?:{alternation(LEXICON.byline_openers)})(?:\s*:\s*|\s+)(?P<name>[^\s:].{{1,150}})$")
JOURNALIST_ROLE = re.compile(rf"(?i)^(?:[\w'’-]+\s+){{0,4}}(?:{alternation(LEXICON.journalist_roles)})"
                             rf"(?:\s+in\s+(?-i:[{CAPITAL}])[\w'’.-]+(?:\s(?-i:[{CAPITAL}])[\w'’.-]+)?)?"  # 'Korrespondent in Tokio'
                             rf"(?:\s*,\s*(?P<outlet>[\w .&'’-]{{1,40}}))?$")

# a word that makes a byline's part an office, a desk or a company, not a person ('Spokesperson's
# Office', 'Department Press Briefing', 'Example Media'): organization heads and byline non-names
NON_PERSON = re.compile(rf"(?i)(?<![\w-])(?:{alternation(LEXICON.organization_heads | LEXICON.byline_non_names)})"
                        r"(?![\w-])")
ROLE_WORDS = re.compile(rf"(?i)^(?:{alternation(LEXICON.journalist_roles)})$")
HEADLINE_PREFIX = re.compile(rf"(?i)^\s*(?:\((?:\d+(?:st|nd|rd|th)\s+)?(?:{alternation(LEXICON.headline_prefixes)})"
                             rf"(?:\s*\d+)?\)|(?:{alternation(LEXICON.headline_prefixes)})\s*[:|–—-])\s*")
_PHOTO_LABEL = phrases(LEXICON.photo_labels)
PHOTO_CREDIT = re.compile(
    rf"(?i)^(?:[(\[]?(?:{_PHOTO_LABEL})\s*(?:credit|courtesy|source)?\s*[:/=]|"
    rf"(?:photo|image|picture)s?\s+by\b|"
    rf"[\w.&' -]{{1,40}}\s+(?:images|photos?)$|"
    rf"getty\b|file photo\b)")
# a photo's credit in brackets inside its caption: '(사진=러시아 국가안보회의 텔레그램 캡처)', '(Photo: Yonhap)'
INLINE_PHOTO_CREDIT = re.compile(rf"(?i)[(\[](?:{_PHOTO_LABEL})\s*[:=/-]\s*(?P<name>[^()\[\]\n]{{1,60}})[)\]]")
CAPTION_WORDS = re.compile(rf"(?i)\b(?:{alternation(LEXICON.caption_words)})\b")
COPYRIGHT = re.compile(rf"(?i)^\W*(?:[©ⓒ]|\(c\)|copyright\b|{phrases(LEXICON.copyright_words)})")
FIELD_LABEL = re.compile(rf"(?i)^(?P<label>{alternation(LEXICON.field_labels)})\s*:\s*(?P<value>\S.{{0,300}})?$")
URL = re.compile(r"(?i)^<?(?P<url>(?:https?://|www\.)[^\s<>\"]+)>?$")
DOMAIN = re.compile(r"(?i)^(?:©\s*)?(?P<domain>(?:[a-z0-9-]+\.)+(?:com|org|net|kr|ru|jp|cn|de|uk|co|info|news|io|"
                    r"tv|kp))(?:\.?\s+all rights reserved\.?)?$")
PAGE_NUMBER = re.compile(r"(?i)^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|"
                         r"\d{1,4})\s*$")
# a page's counter: '14321 views', '1.2K shares', 'Hit: 2,418', '조회수 1,234' (counter_words)
_COUNTS = phrases(LEXICON.counter_words)
COUNTER = re.compile(rf"(?i)^[\W\d.,]*\d[\d.,]*\s*[km]?\s*(?:{_COUNTS})\W*$|^\W*[\d.,]+\s*[km]\W*$|"
                     rf"^\W*(?:{_COUNTS})\s*[:：]?\s*\d[\d.,]*\s*[km]?\W*$")
HANDLE = re.compile(r"^@[\w.]{2,40}$")  # a channel's or account's handle
CODE_LINE = re.compile(r"(?i)^(?:issue|no\.|vol\.|volume|number|nr\.|№)\s*#?\s*[\w-]*\d")
DOCUMENT_NUMBER = re.compile(r"^\d{1,6}(?:[-/.]\d{1,6}){2,}$")  # a release's number: '2178-01-11-2024'
FURNITURE_WORD_SET = frozenset(LEXICON.furniture_words)
SECTION_NAME_SET = frozenset(LEXICON.section_names)
_RELEASE_END = r"^#(?:\s?#){2}$"  # a press release's end mark: '###', '# # #'
END_MARK = re.compile(rf"(?i)^\(?(?:{phrases(LEXICON.end_marks)})\)?\.?$|^-{{2,}}$|^\*{{3,}}$|^#+$|{_RELEASE_END}")
TRAILING_END_MARK = re.compile(rf"(?i)(?<=[.!?\"”’)])\s+\(?(?:{phrases(LEXICON.end_marks)})\)?\.?$")
# a mark in brackets closing a paragraph after anything, even a reporter's e-mail: 'kms@yna.co.kr (END)'
PAGE_TAIL_PHRASE = LEXICON.patterns.page_tail_phrase
END_WORD_MARK = re.compile(rf"(?i)^\(?(?:{phrases(LEXICON.end_marks)})\)?\.?$|{_RELEASE_END}")
BRACKETED_END_MARK = re.compile(rf"(?i)\s*\((?:{phrases(LEXICON.end_marks)})\)$")


# a broadcast reporter's sign-off (sign_offs): 'This is Jane Doe reporting.', 'KBS 뉴스 홍길동입니다.'
_NAME_WORD = rf"[{CAPITAL}][\w'’.-]+"
_SIGN_OFF_SLOTS = {"name": rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,3}}|[\uac00-\ud7a3]{{2,4}})",
                   "outlet": r"(?P<outlet>[^\W\d_][\w .&'’-]{0,30}?)",
                   "place": r"(?P<place>[^\W\d_][\w .'’-]{0,30}?)"}


def _sign_off(template: str) -> re.Pattern:
    pieces = re.split(r"\{(\w+)\}", template)
    regex = "".join(_SIGN_OFF_SLOTS[piece] if index % 2 else
                    f"(?i:{re.escape(piece).replace(chr(92) + ' ', chr(92) + 's+')})" if piece else ""
                    for index, piece in enumerate(pieces))
    return re.compile(rf"^\W*{regex}\W*$")


SIGN_OFFS = tuple(_sign_off(template) for template in sorted(LEXICON.sign_offs))
