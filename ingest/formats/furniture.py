"""Page furniture that survives main-text extraction: paywall and newsletter prompts, share bars,
"Read more" promos, copyright lines, the byline and date lines at the top or bottom, endnotes.

Each test looks at one short paragraph; a long paragraph is always kept (it is the story, even if
it mentions subscribers or newsletters). What is taken out goes to Document.dropped. The words
and phrases are the lexicon's (ingest/lexicon/*.yml), compiled in patterns.py.
"""

from __future__ import annotations

import re

from .patterns import PATTERNS as P

SHORT = 300  # furniture is short; a paragraph longer than this is never dropped by a pattern

NOTE_ENTRY = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)]|\^|↑)\s*\S")
_BUTTON_TOKEN = re.compile(r"\d+|[^\s\d|·•/,]+")  # "5min read | Share" -> 5, min, read, share
_BUTTON_PUNCTUATION = ".:"


def _share_bar(text: str, lowered: str) -> bool:
    """A paragraph made only of buttons (furniture_words, furniture_lines: "Share | Save | Print",
    "Copy link", "A+ A-"), with counts only beside a button of several words ("5 min read",
    "Reading time: 4 minutes"; never "In 2024")."""
    tokens = []
    for match in _BUTTON_TOKEN.finditer(lowered):
        token = match.group().strip(_BUTTON_PUNCTUATION)
        if len(token) > 1 and token[-1] in "+-":
            token = token[:-1]  # font size buttons "A+", "A-"
        if not token:
            continue
        if token not in P.button_words and not token.isdigit():
            return False  # a word of no button: text (most paragraphs stop at their first word)
        tokens.append(token)
    if not tokens:
        return False
    buttons, longest = P.button_phrases, P.longest_button
    # states[i]: how tokens[:i] can be read as buttons and counts: (a button, a phrase, a count) seen
    states: list[set] = [{(False, False, False)}] + [set() for _ in tokens]
    for start, token in enumerate(tokens):
        for button, phrase, count in states[start]:
            if token.isdigit():
                states[start + 1].add((button, phrase, True))
            for size in range(1, min(longest, len(tokens) - start) + 1):
                if tuple(tokens[start:start + size]) in buttons:
                    states[start + size].add((True, phrase or size > 1, count))
    return any(button and (phrase or not count) for button, phrase, count in states[-1])


# Why a paragraph is furniture, tried in this order: (reason, test of (text, text in lower case,
# the prompt needles and copyright phrases it holds: PATTERNS.chrome_needles.found))
CHROME = (
    ("paywall", lambda text, lowered, found: bool(P.paywall_opener.search(text))
                                             or P.paywall_prompts.search(text, lowered, found)),
    ("newsletter", lambda text, lowered, found: P.newsletter_prompts.search(text, lowered, found)),
    ("share", lambda text, lowered, found: _share_bar(text, lowered)),
    ("promo", lambda text, lowered, found: bool(P.promo.search(text))),
    ("copyright", lambda text, lowered, found: bool(P.copyright_opening.search(text))
                                               or not found.isdisjoint(P.copyright_phrases)),
    ("end-mark", lambda text, lowered, found: bool(P.end_mark.search(text))),
    ("notice", lambda text, lowered, found: bool(P.notice_opener.search(text))
                                            or P.notice_prompts.search(text, lowered, found)
                                            or bool(_EMAILS_ONLY.match(text))),
)
_EMAILS_ONLY = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:\s*[,;]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*\s*(?:\(END\))?$")


def drop_paywall_tail(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """After a paywall prompt, a page holds only more of the prompt (offers, buttons, log-in
    links): when everything after the first prompt is short, all of it goes."""
    for index, paragraph in enumerate(paragraphs):
        if chrome_reason(paragraph) == "paywall":
            rest = paragraphs[index:]
            if len(rest) <= 8 and all(len(p) < SHORT for p in rest):
                return paragraphs[:index], rest
            break
    return paragraphs, []


def chrome_reason(paragraph: str) -> str | None:
    """Why a paragraph is furniture ("paywall", "newsletter", ...), or None if it is text."""
    text = paragraph.strip()
    if not text or len(text) > SHORT:
        return None
    lowered = text.lower()
    found = P.chrome_needles.found(lowered)
    for reason, test in CHROME:
        if test(text, lowered, found):
            return reason
    return None


def byline_line(paragraph: str) -> str | None:
    """The names of a "By ..." line ("By Kim Hyo-jin", "By Jane Doe (jd@example.com)"), or None when
    the line is a sentence that starts with "By" ("By then, the treaty had taken effect.")."""
    text = paragraph.strip()
    match = P.byline_line.match(text) if len(text) < 160 else None
    if match and len(match["name"].split()) <= 12 and not P.byline_clause.search(match["name"]):
        from .bylines import clean_byline
        if clean_byline(match["name"]):
            return match["name"]
    match = P.korean_byline_line.match(text)
    return match["name"] if match else None


def is_byline_or_date_line(paragraph: str) -> bool:
    """A "By ..." line, or a line of nothing but dates, times and their labels."""
    text = paragraph.strip()
    if len(text) >= 160:
        return False
    if byline_line(text):
        return True
    return bool(re.search(r"\d", text)) and not P.date_tokens.sub("", text)


def split_endnotes(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(body, endnotes): a "Notes"/"Endnotes"/"References" heading in the later part of the text
    and all after it, or a trailing run of numbered citations."""
    start = max(1, len(paragraphs) // 3)
    for index in range(start, len(paragraphs)):
        if P.notes_heading.match(paragraphs[index].strip()):
            return paragraphs[:index], paragraphs[index:]
    index = len(paragraphs)
    while index > 1 and NOTE_ENTRY.match(paragraphs[index - 1].strip()):
        index -= 1
    run = paragraphs[index:]
    if len(run) >= 2 and sum(1 for p in run if P.citation_signs.search(p)) * 2 >= len(run):
        return paragraphs[:index], run
    return paragraphs, []
