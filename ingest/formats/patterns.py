"""The page readers' patterns, built once from the lexicon (ingest/lexicon/*.yml) when the package
is imported. Nothing here is a word list: the readers of pages, feeds and PDFs take their words
from the lexicon's concepts, and adding a language's words to its file reaches every pattern.

What stays in code is format vocabulary, not language: the markup of pages (schema.org types,
<meta> keys, CMS class names such as "updated" or "pubdate"), file names PDF writers give as a
title, the DNS labels of host names, symbols (©, the "/ys/" initials and "[…]" cut marks of wire
copy), and the scripts of Korean and Russian names.

Phrases of the prompt concepts (paywall_prompts, newsletter_prompts, notice_prompts, the *_openers
and feed_footers) are small templates, explained at the top of en.yml's page readers section:
(a|b) a choice, [a] an optional word or part, * any one word, … a gap of a few words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..lexicon import LEXICON, Lexicon, LexiconError, alternation, alternatives, word_alternation

GAP = 40  # characters a "…" in a prompt may stand for
FEED_GAP = 300  # ... in a feed footer, where it stands for a headline
WORD = r"[\w'’.-]+"  # what a "*" stands for


# ---------------------------------------------------------------- building blocks

def phrases(words: Iterable[str]) -> str:
    """Plain phrases as regex alternatives (longest first); an apostrophe matches a typographic one."""
    return alternatives(words).replace("'", "['’]")


def template(phrase: str, gap: int = GAP, concept: str = "") -> str:
    """One template phrase as a regex (to be compiled case-insensitive): choices (a|b), optional
    parts [a], * for one word, … for a gap of up to `gap` characters; a space is any white space.
    A malformed phrase is a LexiconError naming the concept."""
    nodes, end = _parse(phrase, 0, "", concept)
    if end != len(phrase):
        raise LexiconError(f"`{concept}`: {phrase!r}: unbalanced brackets")
    return _render(nodes, gap)


def _parse(phrase: str, i: int, stop: str, concept: str) -> tuple[list, int]:
    """Nodes up to the closing bracket `stop`: ("lit", c), ("space",), ("word",), ("gap",),
    ("choice", [nodes, ...]), ("opt", nodes)."""
    nodes: list = []
    while i < len(phrase):
        ch = phrase[i]
        if ch in stop:
            return nodes, i
        if ch == "(":
            options = []
            i += 1
            while True:
                option, i = _parse(phrase, i, "|)", concept)
                options.append(option)
                if i >= len(phrase):
                    raise LexiconError(f"`{concept}`: {phrase!r}: unbalanced brackets")
                i += 1
                if phrase[i - 1] == ")":
                    break
            nodes.append(("choice", options))
            continue
        if ch == "[":
            inner, i = _parse(phrase, i + 1, "]", concept)
            if i >= len(phrase):
                raise LexiconError(f"`{concept}`: {phrase!r}: unbalanced brackets")
            nodes.append(("opt", inner))
        elif ch in ")]|":
            raise LexiconError(f"`{concept}`: {phrase!r}: {ch!r} without its opening bracket")
        else:
            nodes.append({" ": ("space",), "*": ("word",), "…": ("gap",)}.get(ch, ("lit", ch)))
        i += 1
    return nodes, i


def _render(nodes: list, gap: int) -> str:
    out: list[str] = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        following = nodes[i + 1] if i + 1 < len(nodes) else None
        kind = node[0]
        if kind == "space" and following and following[0] in ("opt", "gap") and (
                following[0] == "gap" or i + 2 == len(nodes)):
            i += 1  # " [a]" at the end, " …": the space goes with what follows
            node, following, kind = following, (nodes[i + 1] if i + 1 < len(nodes) else None), following[0]
            lead = True
        else:
            lead = False
        if kind == "lit":
            out.append("['’]" if node[1] == "'" else re.escape(node[1]))
        elif kind == "space":
            out.append(r"\s+")
        elif kind == "word":
            out.append(WORD)
        elif kind == "choice":
            out.append("(?:%s)" % "|".join(_render(option, gap) for option in node[1]))
        elif kind == "opt":
            inner = _render(node[1], gap)
            if lead:
                out.append(rf"(?:\s+{inner})?")
            elif following and following[0] == "space":  # "[a] b": the space after it is part of it
                out.append(rf"(?:{inner}\s+)?")
                i += 1
            else:
                out.append(f"(?:{inner})?")
        elif kind == "gap":
            trailing = following is not None and following[0] == "space"
            if trailing:
                i += 1
            out.append((r"\W" if lead else "") + f".{{0,{gap}}}" + (r"\W" if trailing and not lead else ""))
        i += 1
    return "".join(out)


class Needles:
    """Words or phrases (in lower case) found in a text in one scan: a trie gives the longest one
    starting at each position, and those inside it are there too."""

    def __init__(self, words: Iterable[str]):
        words = sorted({w.lower() for w in words})
        self.pattern = re.compile(word_alternation({w: False for w in words})) if words else None
        self.within = {word: frozenset(w for w in words if w in word) for word in words}

    def found(self, lowered: str) -> set[str]:
        """The words that occur in `lowered` (a text in lower case), also inside longer words."""
        found: set[str] = set()
        match = self.pattern.search(lowered) if self.pattern is not None else None
        while match:
            found |= self.within[match.group()]
            match = self.pattern.search(lowered, match.start() + 1)
        return found


class Prompts:
    """The template phrases of a concept, compiled by their needles: the words one of which every
    match holds (in lower case, maybe inside a longer word). A paragraph is searched only with the
    phrases whose needles it holds, so ordinary text costs one scan for the needles instead of
    every pattern tried at every position."""

    def __init__(self, phrases: Iterable[str], concept: str = "", gap: int = GAP, prefix: str = "", suffix: str = ""):
        always: list[str] = []  # phrases without needles: always searched
        by_needle: dict[str, list[str]] = {}
        for phrase in sorted(phrases):
            pattern = prefix + template(phrase, gap, concept) + suffix
            words = _needles(_parse(phrase, 0, "", concept)[0])
            if not words:
                always.append(pattern)
            for word in sorted(words or ()):
                by_needle.setdefault(word, []).append(pattern)
        # one pattern for the phrases of a needle, one for those without
        self.always = re.compile("|".join(f"(?:{p})" for p in always), re.I) if always else None
        self.by_needle = {needle: re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
                          for needle, patterns in by_needle.items()}
        self.needles = Needles(by_needle)

    def search(self, text: str, lowered: str, found: set[str] | None = None) -> bool:
        """Whether a phrase occurs in the text (`lowered` is the text in lower case; `found`, when
        given, the needles it holds: Needles.found of a set of needles that includes these)."""
        if self.always is not None and self.always.search(text):
            return True
        for needle in self.needles.found(lowered) if found is None else found:
            pattern = self.by_needle.get(needle)
            if pattern is not None and pattern.search(text):
                return True
        return False


def _needles(nodes: list) -> set[str] | None:
    """The best set of words one of which every match of the node sequence holds: of the
    literal words and choices it must match, the one whose shortest word is longest."""
    candidates: list[set[str]] = []
    run = ""
    for node in [*nodes, ("space",)]:
        if node[0] == "lit":
            run += node[1]
            continue
        candidates += [{word} for word in re.findall(r"\w+", run.lower())]
        run = ""
        if node[0] == "choice":
            options = [_needles(option) for option in node[1]]
            if all(options):
                candidates.append(set().union(*options))
    return max(candidates, key=lambda words: min(len(w) for w in words), default=None)


def templates(lexicon: Lexicon, concept: str, gap: int = GAP) -> str:
    """Every template phrase of a concept as one regex alternation (never empty: a concept no file
    gives matches nothing)."""
    parts = sorted({template(p, gap, concept) for p in getattr(lexicon, concept)}, key=lambda p: (-len(p), p))
    return "(?:%s)" % "|".join(parts) if parts else "(?!)"


def _ends_in_word(words: Iterable[str]) -> bool:
    return all(re.search(r"\w[\])]*$", w) for w in words)


def _trie(words: Iterable[str]) -> str:
    """The words as one regex group written as a trie (longest first), which the regex engine
    tries faster than a long alternation."""
    words = {w.lower() for w in words}
    return word_alternation({w: False for w in words}) if words else "(?!)"


def labels_of(mapping: Mapping[str, str], value: str) -> set[str]:
    return {word for word, meaning in mapping.items() if meaning == value}


# ---------------------------------------------------------------- the patterns

class FormatPatterns:
    """Every regex and word set of the page readers, built from one lexicon."""

    def __init__(self, lexicon: Lexicon):
        lx = lexicon
        # ---- furniture (furniture.py): what a short paragraph of page chrome says; each prompt
        # pattern runs only on a paragraph that holds one of its needles
        self.paywall_prompts = Prompts(lx.paywall_prompts, "paywall_prompts")
        self.newsletter_prompts = Prompts(lx.newsletter_prompts, "newsletter_prompts")
        self.notice_prompts = Prompts(lx.notice_prompts, "notice_prompts")
        self.paywall_opener = re.compile(rf"^{templates(lx, 'paywall_openers')}(?!\w)", re.I)
        self.notice_opener = re.compile(rf"^{templates(lx, 'notice_openers')}"
                                        + (r"(?!\w)" if _ends_in_word(lx.notice_openers) else ""), re.I)
        # "Read more: ...", "Related ›": an opener, then a separator or nothing
        self.promo = re.compile(rf"^(?:{phrases(lx.promo_openers)})(?!\w)\s*(?:[:|>»›-]|$)", re.I)
        # share bars: a paragraph made only of buttons (words and phrases) and counts ("5 min read")
        self.button_phrases = frozenset(tuple(phrase.split()) for phrase in lx.furniture_words | lx.furniture_lines)
        self.button_words = frozenset(word for phrase in self.button_phrases for word in phrase)
        self.longest_button = max((len(p) for p in self.button_phrases), default=1)
        # copyright: a sign or a Latin-letter word opening the line ("© ...", "Copyright 2025 ..."),
        # or any other copyright phrase anywhere ("... All rights reserved.", "무단전재")
        signs = {w for w in lx.copyright_words if " " not in w and not re.fullmatch(r"[^\W\d_]+", w)}
        opening = {w for w in lx.copyright_words if re.fullmatch(r"[a-z]+", w)}
        anywhere = lx.copyright_words - signs - opening
        by = {w for w in lx.byline_openers if " " not in w}
        self.copyright_opening = re.compile(
            rf"^(?:{alternatives(signs) or '(?!)'})|"
            rf"^(?:{alternatives(opening) or '(?!)'})\s*(?:{alternatives(signs) or '(?!)'}|\d{{4}}|(?:{alternatives(by)})\b)",
            re.I)
        self.copyright_phrases = tuple(sorted(anywhere))  # found anywhere, as written (lower case)
        # the needles of every prompt and the copyright phrases: one scan of a paragraph finds them all
        self.chrome_needles = Needles(set(self.paywall_prompts.by_needle) | set(self.newsletter_prompts.by_needle)
                                      | set(self.notice_prompts.by_needle) | set(self.copyright_phrases))
        self.end_mark = re.compile(rf"^\(?(?:{alternatives(lx.end_marks)})\)?$|^/\w+/$", re.I)
        # byline lines: "By Jane Doe (jd@example.com)", "Автор: Иван Петров"; "김민수 기자 minsu@..."
        self.byline_line = re.compile(rf"^(?:{alternatives(lx.byline_openers)}):?\s+(?P<name>[^\d\n]{{3,120}}?)\s*"
                                      r"(?:\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?)?\.?$", re.I)
        hangul_roles = {w for w in lx.journalist_roles if re.fullmatch(r"[가-힣]+", w)}
        self.hangul_roles = hangul_roles
        self.korean_byline_line = re.compile(rf"^(?P<name>[가-힣]{{2,4}})\s*(?:{alternatives(hangul_roles) or '(?!)'})"
                                             r"\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\s*$")
        # "By then, the treaty ...": a clause after the comma, not a name
        clause = lx.definite_articles | lx.indefinite_articles | set(lx.pronouns)
        self.byline_clause = re.compile(rf"[.!?;]\s+\S|,\s+(?:{alternatives(clause)})\b")  # lower case: "By then, the ..."
        # date lines: nothing but dates, times, labels, zones, months and weekdays
        date_words = (set(lx.date_labels) | set(lx.page_date_labels) | lx.stamp_words | set(lx.time_zones)
                      | set(lx.months) | set(lx.weekdays))
        self.date_tokens = re.compile(rf"\b{_trie(date_words)}\b\.?|\d+|[년월일]|[\s:.,/|·•+()-]", re.I)
        # endnote headings: the text parser's pattern when this is its lexicon (one pattern, one reading)
        self.notes_heading = _parser_endnote_heading(lx)
        abbreviations = labels_of(lx.page_number_words, "abbreviation")
        self.citation_signs = re.compile(
            rf"https?://|www\.|\b(?:{alternatives(lx.citation_words)})\b|\(\d{{4}}\)|, \d{{4}}[,.]|"
            rf"(?<![\w.])(?:{alternatives(abbreviations)}) \d|“[^”]{{5,}}”|\"[^\"]{{5,}}\"", re.I)

        # ---- author fields (bylines.py)
        leads = lx.byline_openers | lx.author_field_openers
        self.author_lead = re.compile(rf"^\s*(?:{alternatives(leads)})\s*[:\-–—]?\s+", re.I)
        joiners = alternatives(lx.list_conjunctions)
        self.author_split = re.compile(rf"\s*(?:;|\||/|,|&|\b(?:{joiners})\b|·|•|、)\s*", re.I)
        non_names = (lx.journalist_roles | lx.staff_words | lx.organization_words | lx.organization_heads
                     | lx.byline_non_names)
        self.author_non_name = re.compile(rf"\b{_trie(non_names)}\b", re.I)
        self.author_in_place = re.compile(rf"\s+(?:{alternatives(lx.byline_place_words)})\s+[A-Z][\w'’-]+"
                                          r"(?:\s+[A-Z][\w'’-]+)?\s*$")
        self.author_role_suffix = re.compile(rf"\s*(?:{alternatives(hangul_roles) or '(?!)'})\s*$")

        # ---- metadata (htmlmeta.py): a visible label that makes a <time> an update time
        updated = labels_of(lx.date_labels, "updated") | labels_of(lx.page_date_labels, "updated")
        self.update_label = re.compile(rf"(?<!\w)(?:{alternatives(updated)})(?!\w)", re.I)

        # ---- site names (sitenames.py): a part that only names a section ("Example Times | Latest News")
        self.generic_sections = frozenset(lx.section_names | lx.page_section_names)

        # ---- dates (htmlpage.py, pdf.py)
        self.months = lx.months
        month = word_alternation({name: True for name in lx.months})
        self.month_day_year = re.compile(
            rf"(?P<a>\b(?P<mon>{month})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d))|"
            rf"(?P<b>\b(?P<day2>\d{{1,2}})\s+(?P<mon2>{month})\.?,?\s+(?P<year2>(?:19|20)\d\d))|"
            r"(?P<c>\b(?P<year3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b)", re.I)
        self.date_like = re.compile(
            r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d|"
            rf"\b(?:{month})[a-z]*\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d|"
            rf"\d{{1,2}}\s+(?:{month})[a-z]*\.?,?\s+(?:19|20)\d\d|"
            r"(?:19|20)\d\d\s*년|\d{1,2}\s+[а-я]+\s+(?:19|20)\d\d|/(?:19|20)\d\d/?\d\d/", re.I)
        self.ordinal = alternation(lx.ordinal_suffixes)
        self.month_stems: dict[int, str] = {}  # month number -> "(?:jun|...)[a-z]*": the names written out
        self.month_genitives: dict[int, str] = {}  # month number -> its names in Cyrillic (октября, октябрь...)
        for number in range(1, 13):
            stems = {name[:3] for name, n in lx.month_names.items() if n == number}
            self.month_stems[number] = rf"(?:{alternatives(stems)})[a-z]*" if stems else "(?!)"
            names = {name for name, n in lx.month_names.items() if n == number and not name.isascii()
                     and name[:1].isalpha() and "\u0400" <= name[0] <= "\u04ff"}
            self.month_genitives[number] = alternation(names) if names else "(?!)"
        published = labels_of(lx.date_labels, "published") | labels_of(lx.page_date_labels, "published")
        self.pdf_date_label = re.compile(
            rf"^(?:{alternatives(published)}|(?:{alternatives(lx.byline_openers)}) .{{3,60}})\s*:?$", re.I)
        self.pdf_update_line = re.compile(rf"^\s*(?:{alternatives(updated)})(?!\w)", re.I)
        byline_labels = labels_of(lx.field_labels, "byline")
        self.pdf_byline = re.compile(rf"^(?:{alternatives(lx.byline_openers)}|(?:{alternatives(byline_labels)}):)"
                                     r"\s+(?P<names>.{3,150})$", re.I)

        # ---- feeds (feeds.py): "The post ... appeared first on ...", "Continue reading →", "[…]"
        self.feed_footer = re.compile(rf"^{templates(lx, 'feed_footers', FEED_GAP)}.{{0,120}}$|^\[(?:…|\.\.\.)\]$",
                                      re.I)

        # ---- text extracted from PDFs (repair.py)
        page_words = alternatives(labels_of(lx.page_number_words, "page") | abbreviations)
        of = alternatives(labels_of(lx.page_number_words, "of"))
        page_word = alternatives(labels_of(lx.page_number_words, "page"))
        self.page_number = re.compile(
            rf"^\s*(?:(?:{page_words})\s*\d{{1,4}}(?:\s*(?:{of}|/)\s*\d{{1,4}})?|\d{{1,4}}\s*(?:{of}|/)\s*\d{{1,4}}|"
            r"[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
        self.page_number_strict = re.compile(
            rf"^\s*(?:(?:{page_words})\s*\d{{1,4}}\s*(?:{of}|/)\s*\d{{1,4}}|(?:{page_word})\s+\d{{1,4}}|"
            r"[-–—]\s*\d{1,4}\s*[-–—])\s*$", re.I)
        self.dangling_words = lx.dangling_words
        self.compound_heads = lx.compound_heads
        self.word_endings = lx.word_endings
        self.korean_name_syllables = lx.korean_name_syllables
        self.korean_surnames = lx.korean_surnames | lx.korean_surname_variants


def _parser_endnote_heading(lexicon: Lexicon) -> re.Pattern:
    """"Notes", "Endnotes:", "— References —": a heading of endnotes, as the text parser reads one."""
    if lexicon is LEXICON:
        from ..parse.patterns import ENDNOTE_HEADING
        return ENDNOTE_HEADING
    return re.compile(rf"(?i)^\W*(?:{alternation(lexicon.endnote_headings)})\W*$")


PATTERNS = FormatPatterns(LEXICON)
