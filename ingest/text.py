"""Sentence and paragraph spans of a text, for the extractors. Pure."""

from __future__ import annotations

import bisect
import functools
import re

from .lexicon import LEXICON

# Words whose dot does not end a sentence: abbreviations, abbreviated titles and months (lexicon)
ABBREVIATIONS = LEXICON.patterns.abbreviations
_MONTH_AFTER = LEXICON.patterns.month_after
# a sentence's end: a stop before a capital (Latin or Cyrillic), a digit or a Hangul syllable
# (Korean has no capitals: '...밝혔다. 김정은은 ...' is two sentences)
_BOUNDARY = re.compile(r"""[.!?]+["'”’»)》]*(?=\s+["“‘„«(《]?[A-ZÀ-Þ0-9А-ЯЁ\uac00-\ud7a3])|\n+""")


@functools.lru_cache(maxsize=4)  # the quote finder and the timeline read the same text's sentences
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; never splits after common abbreviations or initials."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith("."):
            token = _word_before(text, start, match.start()).lower()
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or re.fullmatch(r"(\w\.)+\w", token):
                continue
            if token.isdigit() and int(token) <= 31 and _MONTH_AFTER.match(text, match.end()):
                continue  # German ordinal date: "am 24. Oktober"
        end = match.end()
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return tuple(spans)


def opens_sentence(text: str, position: int, skip: str = " ", ends: str = ".!?\n:") -> bool:
    """Whether `position` opens a sentence: going back over the characters of `skip`, the text's
    start or one of `ends` comes first. Reads back only as far as it must."""
    i = position - 1
    while i >= 0 and text[i] in skip:
        i -= 1
    return i < 0 or text[i] in ends


def _word_before(text: str, start: int, end: int) -> str:
    """The run of word characters and dots that ends at `end` (not reaching before `start`)."""
    i = end
    while i > start and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blank-line separated)."""
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        if text[start:match.start()].strip():
            spans.append(_strip(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def span_containing(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The span (from a sorted, non-overlapping list) that contains position, else (position, position)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return (position, position)


_QUOTE_MARK = re.compile(r"[“”«»„\"]")
_CLOSING = {"“": "”", "«": "»", "„": "“"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation inside a paragraph: “…”, «…», „…“ and "…" (a straight
    mark opens and closes in turn). A quotation left open ends with its paragraph. Linear; for
    telling what a story says from what someone in it says."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    opened_at, closer, paragraph_end = -1, "", 0
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if opened_at >= 0 and at >= paragraph_end:  # the paragraph ended first
            spans.append((opened_at, paragraph_end))
            opened_at = -1
        if opened_at < 0:
            if mark in _CLOSING or mark == '"':
                opened_at, closer = at, _CLOSING.get(mark, '"')
                paragraph_end = breaks[bisect.bisect_left(breaks, at)]
        elif mark == closer:
            spans.append((opened_at, at + 1))
            opened_at = -1
    if opened_at >= 0:
        spans.append((opened_at, paragraph_end))
    return spans


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
