"""Text extracted from a PDF (by this package, pdftotext, or copied out of a viewer) -> readable text.

`repair_extracted_text(text) -> (text, dropped)`:

1. Page furniture goes to `dropped`: page numbers ("Page 3 of 7", "- 3 -", "3", "3 | Title") and
   running headers and footers, i.e. lines at the top or bottom of pages that repeat on other
   pages (digits ignored, so "Page 2" and "Page 3" are one line). Pages are told apart by form
   feeds (\\f, as pdftotext and this package write them); text without them is taken as one run
   in which a short line repeated three times or more, or an increasing series of bare
   numbers, is furniture.
2. Lines are joined into paragraphs. Blank lines separate paragraphs; inside a block, a line
   that ends a sentence well short of the full line width ends a paragraph, and so does a short
   heading line; any other line break is a hard wrap and becomes a space. A paragraph cut by a
   page break is joined across it.
3. A word hyphenated across a line break is joined ("ratifi-" + "cation" -> "ratification") unless
   the hyphen is real: the next part starts with a capital ("North Korea-" + "Russia"), the
   hyphen follows a digit, the document writes that hyphenated form elsewhere, the first part
   is a word that makes compounds ("long-range", "self-reliance"), or the parts are syllables of
   a Korean given name ("Kim Jong-" + "un", "Choe Son-" + "hui"). The document's own words
   decide first: if it writes "ratification" elsewhere, that is the word.

`looks_extracted_from_pdf(text)` says whether a .txt looks like such text (form feeds, or
hard-wrapped lines together with page numbers, repeated furniture or hyphenated line ends).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..dates import find_full_date
from .patterns import PATTERNS

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
PAGE_NUMBER = PATTERNS.page_number  # "Page 3 of 7", "3 / 7", "- 3 -", "3", "iv", "стр. 3 из 7"
PAGE_NUMBER_STRICT = PATTERNS.page_number_strict  # only the forms no line of text takes: "Page 3 of 7", "- 3 -"
SENTENCE_END = re.compile(r"""[.!?…:;]["”’»)\]]*$|[.!?]\s*\(\d+\)$|(?<=[^\W\d_])[.!?]["”’»)]*\d{1,3}$""")  # '...cities.1'
BULLET = re.compile(r"^(?:[•●▪◦*·–-]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u2010\u00ad]$")
SERIES_CODE = re.compile(r"^[A-Z]{2,8}\s?[/ -]\s?\d{1,4}(?:[-/]\d{1,4})?$")  # 'ECFR/612', 'CO 24-41', 'PB 2025-07'
FOOTNOTE = re.compile(r"^\d{1,3}\s+[A-ZÀ-ÞА-ЯЁ]")  # '1 Ukrainian military intelligence, ...' at a page's foot
# the lexicon's words: compounds that keep their hyphen at a line break ("long-range") unless an
# ending follows ("short-" + "age"); Korean given-name syllables and surnames ("Kim Jong-" + "un")
COMPOUND_HEADS = PATTERNS.compound_heads
SUFFIXES = PATTERNS.word_endings
KOREAN_SYLLABLES = PATTERNS.korean_name_syllables
KOREAN_SURNAMES = PATTERNS.korean_surnames


def repair_extracted_text(text: str) -> tuple[str, list[str]]:
    """(readable text with paragraphs separated by blank lines, the furniture lines left out)."""
    text = _normalize(text)
    pages = [page.split("\n") for page in text.split("\f")]
    dropped: list[str] = []
    pages = _drop_furniture(pages, dropped)
    vocabulary = _vocabulary(pages)
    paragraphs = _paragraphs(pages, vocabulary)
    return "\n\n".join(paragraphs), dropped


def looks_extracted_from_pdf(text: str) -> bool:
    """Whether a text looks like it was extracted from a PDF and needs repair_extracted_text."""
    if not text:
        return False
    pages = [p for p in text.split("\f") if p.strip()]
    if "\f" in text and len(pages) >= 2:
        return True
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    nonblank = [line for line in lines if line]
    if len(nonblank) < 8:
        return False
    width = _typical_width(nonblank)
    if width > 140 or width < 25:
        return False  # one paragraph per line, or not prose
    wrapped = hyphenated = 0
    pairs = 0
    for current, following in zip(lines, lines[1:]):
        if not current or not following:
            continue
        pairs += 1
        if not SENTENCE_END.search(current) and len(current) >= 0.6 * width and following[:1].islower():
            wrapped += 1
        if HYPHEN_END.search(current) and following[:1].islower():
            hyphenated += 1
    strict_numbers = sum(1 for line in nonblank if PAGE_NUMBER_STRICT.match(line))
    counts = Counter(_furniture_key(line) for line in nonblank if len(line) <= 80)
    repeated = sum(1 for key, n in counts.items() if n >= 3 and len(key) >= 4 and not key.isdigit())
    bare_numbers = _page_number_series([line for line in nonblank])
    furniture = strict_numbers + repeated + (1 if bare_numbers >= 2 else 0)
    wrapped_share = wrapped / pairs if pairs else 0.0
    return (wrapped_share >= 0.35 and (hyphenated >= 1 or furniture >= 1)) or (furniture >= 3 and wrapped_share >= 0.2)


# ---------------------------------------------------------------- normalizing

def _normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\u00ad\n", "-\n", text)     # a soft hyphen at a line end is a break hyphen
    text = text.replace("\u00ad", "")
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------- furniture

def _furniture_key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _edge_indices(lines: list[str], count: int = 3) -> list[int]:
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(nonblank[:count] + nonblank[-count:]))


def _drop_furniture(pages: list[list[str]], dropped: list[str]) -> list[list[str]]:
    removed: set[tuple[int, int]] = set()
    if len([p for p in pages if any(line.strip() for line in p)]) >= 2:
        keys_per_page = [{_furniture_key(pages[p][i]) for i in _edge_indices(pages[p])} for p in range(len(pages))]
        counts = Counter(key for keys in keys_per_page for key in keys)
        real_pages = sum(1 for p in pages if any(line.strip() for line in p))
        needed = 2 if real_pages <= 3 else max(2, (real_pages + 1) // 2)
        for p, lines in enumerate(pages):
            for i in _edge_indices(lines):
                line = lines[i].strip()
                key = _furniture_key(line)
                if PAGE_NUMBER.match(line) or (counts[key] >= needed and len(line) <= 120 and len(key) >= 2):
                    removed.add((p, i))
    else:
        lines = pages[0]
        nonblank = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
        counts = Counter(_furniture_key(line) for _, line in nonblank if len(line) <= 80)
        numbers = [(i, int(line)) for i, line in nonblank if re.fullmatch(r"\d{1,4}", line)]
        series = _increasing(numbers)
        for i, line in nonblank:
            key = _furniture_key(line)
            if PAGE_NUMBER_STRICT.match(line) or i in series or (
                    counts[key] >= 3 and len(line) <= 80 and len(key) >= 4 and not SENTENCE_END.search(line)):
                removed.add((0, i))
        # next to a page number or a footer there is a page break: a line repeated there twice
        # is a running header too ("Issue Brief No. 2025-31" on the pages after the first)
        order = [i for i, _ in nonblank]
        edges = {order[j] for k, i in enumerate(order) if (0, i) in removed
                 for j in range(max(0, k - 2), min(len(order), k + 3))}
        for i, line in nonblank:
            key = _furniture_key(line)
            if i in edges and (0, i) not in removed and (counts[key] >= 2 and len(line) <= 80 and len(key) >= 4
                                                         and not SENTENCE_END.search(line) or SERIES_CODE.match(line)):
                removed.add((0, i))  # ... or a series code by the page number ('ECFR/612', 'CO 24-41')
    out = []
    for p, lines in enumerate(pages):
        kept = []
        for i, line in enumerate(lines):
            if (p, i) in removed:
                dropped.append(line.strip())
            else:
                kept.append(line)
        out.append(kept)
    return out


def _increasing(numbers: list[tuple[int, int]]) -> set[int]:
    """Indices of bare numbers that count up like page numbers (at least two of them).
    One pass: each number extends the chain that ended one or two below it."""
    chains: dict[int, list[int]] = {}
    best: list[int] = []
    for index, value in numbers:
        chain = chains.pop(value - 1, None) or chains.pop(value - 2, None) or []
        chain.append(index)
        chains[value] = chain
        if len(chain) > len(best):
            best = chain
    return set(best) if len(best) >= 2 else set()


def _page_number_series(lines: list[str]) -> int:
    numbers = [(i, int(line)) for i, line in enumerate(lines) if re.fullmatch(r"\d{1,4}", line)]
    return len(_increasing(numbers))


# ---------------------------------------------------------------- paragraphs

def _vocabulary(pages: list[list[str]]) -> Counter:
    words: Counter = Counter()
    for lines in pages:
        for line in lines:
            for word in re.findall(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*", line):
                words[word.lower()] += 1
    return words


def _typical_width(lines: list[str]) -> float:
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if not lengths:
        return 0.0
    return float(lengths[int(len(lengths) * 0.8) - 1 if len(lengths) > 1 else 0])


def _paragraphs(pages: list[list[str]], vocabulary: Counter) -> list[str]:
    blocks: list[list[str]] = []
    all_lines = [line.strip() for lines in pages for line in lines if line.strip()]
    width = _typical_width(all_lines)
    for p, lines in enumerate(pages):
        current: list[str] = []
        page_blocks: list[list[str]] = []
        for line in lines:
            line = line.strip()
            if not line:
                if current:
                    page_blocks.append(current)
                    current = []
                continue
            current.append(line)
        if current:
            page_blocks.append(current)
        if not page_blocks:
            continue
        # a paragraph cut by the page break: join the first block of this page to the last one
        if blocks and p > 0 and not SENTENCE_END.search(blocks[-1][-1]) and not _is_heading(blocks[-1][-1], width) \
                and not BULLET.match(page_blocks[0][0]):
            blocks[-1].extend(page_blocks.pop(0))
        blocks.extend(page_blocks)
    spaced = sum(1 for block in blocks if len(block) >= 2) >= 2  # the text marks paragraphs with blank lines
    paragraphs: list[str] = []
    for block in blocks:
        paragraphs.extend(_split_block(block, width, spaced, vocabulary))
    return [p for p in paragraphs if p]


def _split_block(lines: list[str], width: float, spaced: bool, vocabulary: Counter) -> list[str]:
    out: list[str] = []
    pieces: list[str] = []   # the paragraph being built; joined once at its end, so this stays linear
    short = 0.6 if spaced else 0.8
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if pieces:
            pieces[-1:] = _join(pieces[-1], line, vocabulary)
        else:
            pieces.append(line)
        if following is None:
            break
        ends = False
        if BULLET.match(following) or _date_line(following) and not _goes_on(line) \
                or _date_line(line) and _starts_paragraph(following):
            ends = True  # a date line ('12 June 2025') stands alone, never glued to the names above it
        elif SENTENCE_END.search(line) and FOOTNOTE.match(following):
            ends = True  # a numbered note after a sentence
        elif _is_heading(line, width) and following[:1].isupper() and not _continues_heading(line, following, width):
            ends = True
        elif SENTENCE_END.search(line) and width and len(line) < short * width and _starts_paragraph(following):
            ends = True
        elif SENTENCE_END.search(line) and _is_heading(following, width) and index + 2 < len(lines) \
                and lines[index + 2][:1].isupper():
            ends = True  # a sentence, then a heading line, then a new paragraph
        if ends:
            out.append("".join(pieces))
            pieces = []
    if pieces:
        out.append("".join(pieces))
    return out


def _goes_on(line: str) -> bool:
    """A line that stops mid-phrase: on a comma, a hyphen or a word that needs more ('of', 'on')."""
    words = line.split()
    return line.rstrip().endswith((",", "-", "–", "—", ";", ":")) or bool(words) and words[-1].lower() in _CONNECTORS


def _date_line(line: str) -> bool:
    """A short line that is a date and little else ('12 June 2025', 'June 12, 2025')."""
    if len(line) > 40 or not re.search(r"\d{4}", line):
        return False
    found = find_full_date(line)
    return bool(found) and len(found[1].group(0)) >= 0.7 * len(line.strip(" .,"))


def _is_heading(line: str, width: float) -> bool:
    return bool(width) and len(line) < 0.6 * width and not SENTENCE_END.search(line) and not line.endswith(",") \
        and line[:1].isupper() and len(line.split()) <= 12 and not HYPHEN_END.search(line)


_CONNECTORS = PATTERNS.dangling_words  # "... of", "... and": a heading line that goes on


def _continues_heading(line: str, following: str, width: float) -> bool:
    """A heading wrapped onto a second line: the first line stops on a word that needs more
    ("... of", "... and", "Russia-"), or on a colon, and the next line is short too."""
    if not _is_heading(following, width):
        return False
    last = line.rstrip().split()[-1].lower() if line.split() else ""
    return last in _CONNECTORS or line.rstrip().endswith((":", "-", "–", "—", ",")) \
        or line.isupper() and following.isupper()  # a title in capitals over several lines


def _starts_paragraph(line: str) -> bool:
    return bool(re.match(r"""^["“‘«(\[]?[A-ZÀ-ÞА-ЯЁ\d가-힣]""", line))


def _join(previous: str, line: str, vocabulary: Counter) -> list[str]:
    """The pieces that replace `previous` (the last line so far) when `line` follows it."""
    if HYPHEN_END.search(previous) and line[:1].isalpha():
        tail_text = previous[-200:]
        head = re.search(r"([^\W\d_]+(?:[-\u2010][^\W\d_]+)*)[-\u2010\u00ad]$", tail_text)
        tail = re.match(r"[^\W\d_]+", line)
        if head and tail and _keep_hyphen(tail_text, head.group(1), tail.group(0), vocabulary):
            return [previous[:-1] + "-", line]
        return [previous[:-1], line]
    if previous.endswith(("-", "\u2010")) and not previous.endswith((" -", "--")):
        return [previous, line]  # "2024-" + "2025", "U.S.-" + "led"
    return [previous, " ", line]


def _keep_hyphen(current: str, head: str, tail: str, vocabulary: Counter) -> bool:
    last_part = re.split(r"[-\u2010]", head)[-1]
    joined = (head.replace("\u2010", "-") + tail).lower()        # "jong" + "un" -> "jongun"
    hyphenated = (head.replace("\u2010", "-") + "-" + tail).lower()
    joined_word = (last_part + tail).lower()
    if tail[:1].isupper():
        return True
    seen_joined = vocabulary.get(joined, 0) + (vocabulary.get(joined_word, 0) if joined_word != joined else 0)
    seen_hyphenated = vocabulary.get(hyphenated, 0) + vocabulary.get((last_part + "-" + tail).lower(), 0)
    if seen_hyphenated > seen_joined:
        return True
    if seen_joined:
        return False
    if last_part.lower() in COMPOUND_HEADS and len(tail) >= 3 and tail.lower() not in SUFFIXES:
        return True
    if _korean_name_parts(current, last_part, tail):
        return True
    return False


def _korean_name_parts(current: str, first: str, second: str) -> bool:
    """"Kim Jong-" + "un": the word before is a Korean surname and both parts are name syllables."""
    if not first[:1].isupper() or first.lower() not in KOREAN_SYLLABLES or second.lower() not in KOREAN_SYLLABLES:
        return False
    before = re.findall(r"[^\W\d_]+", current[: -len(first) - 1])
    return bool(before) and before[-1].lower() in KOREAN_SURNAMES and before[-1][:1].isupper()
