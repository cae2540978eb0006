"""Pure HTML helpers. All article text is untrusted: every piece of it is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..lexicon import LEXICON
from .wordforms import korean_search_stem, russian_word_forms, word_script


@dataclass(frozen=True)
class Span:
    """A highlighted span of a text: rendered as <tag id=... class=...> with an optional link."""

    start: int
    end: int
    kind: str  # person | organization | place | quote | event
    anchor: str  # element id, for permalinks (m-12, q-3, e-7)
    href: str | None = None
    title: str | None = None


def render_text(text: str, spans: list[Span]) -> Markup:
    """Paragraphs of `text` as <p> elements with spans highlighted, nested where they nest.
    A span that crosses a paragraph or partly overlaps another is left out, never mangled;
    links are never nested inside links."""
    html = []
    for p_start, p_end in _paragraphs(text):
        inside = sorted((s for s in spans if p_start <= s.start < p_end and s.end > s.start),
                        key=lambda s: (s.start, -s.end))
        html.append(Markup("<p>") + _render_range(text, p_start, p_end, inside) + Markup("</p>"))
    return Markup("\n").join(html)


def _render_range(text: str, start: int, end: int, spans: list[Span]) -> Markup:
    out: list[str] = []
    stack: list[Span] = []
    position = start
    linked = 0
    for span in spans:
        while stack and stack[-1].end <= span.start:
            done = stack.pop()
            out.append(escape(text[position:done.end]))
            position = done.end
            out.append(_close(done))
            linked -= 1 if done.href else 0
        out.append(escape(text[position:span.start]))
        position = span.start
        if (stack and span.end > stack[-1].end) or span.end > end:
            # partial overlap or crossing a paragraph: no highlight, but the permalink still lands here
            out.append(f'<span class="anchor" id="{escape(span.anchor)}"></span>')
            continue
        with_link = span.href is not None and linked == 0
        out.append(_open(span, with_link))
        stack.append(span if with_link else Span(span.start, span.end, span.kind, span.anchor, None, span.title))
        linked += 1 if with_link else 0
    while stack:
        done = stack.pop()
        out.append(escape(text[position:done.end]))
        position = done.end
        out.append(_close(done))
        linked -= 1 if done.href else 0
    out.append(escape(text[position:end]))
    return Markup("".join(out))


def _open(span: Span, with_link: bool) -> str:
    title = f' title="{escape(span.title)}"' if span.title else ""
    tag = f'<span class="hl hl-{escape(span.kind)}" id="{escape(span.anchor)}"{title}>'
    if with_link:
        tag += f'<a href="{escape(span.href)}">'
    return tag


def _close(span: Span) -> str:
    return "</a></span>" if span.href else "</span>"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


# Words in nearly every article: they cannot change a bm25 ranking, only make it slow (ranking
# first counts every article that has each word), so they are left out next to other words.
STOPWORDS = LEXICON.search_stopwords  # every language's (ingest/lexicon/*.yml)


# A search is at most this long and has at most this many words or phrases: bm25's cost grows with
# the square of the number of terms (8,500 terms took 18 s on five articles), and no reader's
# question needs more. What is left out is said in the search's notes.
MAX_QUERY_CHARS = 500
MAX_TERMS = 20


@dataclass(frozen=True)
class Term:
    """A word, a hyphenated name (its parts) or a "quoted phrase" of a search."""

    words: tuple[str, ...]
    quoted: bool = False

    @property
    def fts(self) -> str:
        """The term for the word index (articles_fts): an English word as typed (porter stems
        both sides), a Russian word with its other case forms, a Korean or Chinese-character word
        less a typed particle as the start of a token (see ingest.web.wordforms)."""
        last = self.words[-1]
        script = word_script(last)
        if script == "cyrillic" and len(self.words) == 1 and not self.quoted:
            forms = russian_word_forms(last)
            if len(forms) > 1:
                return "(" + " OR ".join(_quote(form) for form in forms) + ")"
        if script == "cjk":
            return _quote(" ".join(self.words[:-1] + (korean_search_stem(last),))) + "*"
        return _quote(" ".join(self.words))

    @property
    def trigram(self) -> str | None:
        """The term for the trigram index (articles_trigram_fts): the characters as a substring,
        None when shorter than three (the index cannot look those up)."""
        words = self.words[:-1] + (korean_search_stem(self.words[-1]) if word_script(self.words[-1]) == "cjk"
                                   else self.words[-1],)
        text = " ".join(words)
        return _quote(text) if len(text) >= 3 else None

    @property
    def cjk(self) -> bool:
        return any(word_script(w) == "cjk" for w in self.words)

    @property
    def common(self) -> bool:
        return not self.quoted and len(self.words) == 1 and self.words[0].lower() in STOPWORDS


def _quote(text: str) -> str:
    """An FTS5 string: any double quote in it doubled (the words of a search have none)."""
    return '"' + text.replace('"', '""') + '"'


def alias_fts(key: str) -> str:
    """A registry spelling (a name key: lower-case words) for the word index: a Korean or
    Chinese-character name of two characters or more as the start of a token (김정은 finds
    김정은은, 최선희 외무상 finds 최선희 외무상은, 평양 finds 평양에서 and 평양시); one of one
    character (北, 中) only as a whole token, since it begins too many words."""
    words = key.split()
    if words and word_script(words[-1]) == "cjk" and len(key) >= 2:
        return _quote(key) + "*"
    return _quote(key)


def alias_trigram(key: str) -> str | None:
    return _quote(key) if len(key) >= 3 else None


def query_terms(user_input: str | None) -> tuple[list[Term], list[str]]:
    """The terms of what a person typed, at most MAX_TERMS of at most MAX_QUERY_CHARS, and
    notes saying what was left out."""
    if not user_input:
        return [], []
    notes = []
    text = user_input
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        text = cut[:cut.rfind(" ")] if " " in cut[MAX_QUERY_CHARS // 2:] else cut
        notes.append(f"The search is {len(user_input):,} characters long: only its first {len(text):,} "
                     f"were searched (at most {MAX_QUERY_CHARS:,}).")
    terms = []
    for phrase, word in re.findall(r'"([^"]+)"|([\w][\w\'’-]*)', text):
        words = tuple(re.findall(r"\w+", phrase or word))
        if words:
            terms.append(Term(words, bool(phrase)))
    if len(terms) > MAX_TERMS:
        notes.append(f"The search has {len(terms):,} words and phrases: only the first {MAX_TERMS} were "
                     "searched. Choose the words that matter most, or put a phrase in quotes.")
        terms = terms[:MAX_TERMS]
    return terms, notes


Alternatives = dict[int, tuple[int, list[str]]]


def _parts(terms: list[Term], alternatives: Alternatives | None, term_part, alias_part) -> list[str | None] | None:
    """One FTS5 expression per part of the search (a term, or a run of terms that spells a name
    and stands for all its spellings); stopwords left out when there are other words."""
    alternatives = alternatives or {}
    parts, common, i = [], [], 0
    while i < len(terms):
        if i in alternatives:
            span, keys = alternatives[i]
            found = [p for p in map(alias_part, keys) if p]
            parts.append(("(" + " OR ".join(found) + ")") if found else None)
            i += span
            continue
        (common if terms[i].common else parts).append(term_part(terms[i]))
        i += 1
    return parts or common


def _join(parts: list[str | None]) -> str | None:
    if not parts or any(p is None for p in parts):
        return None
    # FTS5 takes "a" "b" as a AND b, but not next to a parenthesized group: spell AND out there
    return (" AND " if any(p.startswith("(") for p in parts) else " ").join(parts)


def fts_match(terms: list[Term], alternatives: Alternatives | None = None) -> str | None:
    """A safe FTS5 query for the word index: every term quoted (all must match); stopwords left
    out when there are other words. `alternatives` maps the index of a first term to (the number
    of terms it spans, name keys of the spellings any of which may stand for them): a name's
    other spellings."""
    return _join(_parts(terms, alternatives, lambda t: t.fts, alias_fts))


def trigram_match(terms: list[Term], alternatives: Alternatives | None = None) -> tuple[str | None, list[str]]:
    """The same search for the trigram index of the Korean, Chinese and Japanese articles, and
    the words of one or two characters it must also contain (the index looks up three or more:
    those are checked in the text of what it finds); (None, []) when it has nothing to add: no
    Hangul or Chinese characters in the search (typed or among a name's spellings), nothing of
    three characters to look up, or a name all of whose spellings are that short."""
    has_cjk = any(t.cjk for t in terms) or any(word_script(k.split()[-1]) == "cjk"
                                               for _, keys in (alternatives or {}).values() for k in keys if k.split())
    if not has_cjk:
        return None, []
    required: list[str] = []

    def term_part(term: Term) -> str | None:
        if term.trigram is None and term.cjk and len(term.words) == 1:
            required.append(korean_search_stem(term.words[0]))
            return ""  # checked in the text, not looked up
        return term.trigram

    parts = [p for p in _parts(terms, alternatives, term_part, alias_trigram) if p != ""]
    match = _join(parts)
    return (match, required) if match else (None, [])


def fts_query(user_input: str | None) -> str | None:
    """A safe FTS5 query from anything a person types: every word or hyphenated name becomes
    a quoted term (all must match), "quoted phrases" stay phrases; None when nothing is left.
    Stopwords ("of", "the") are dropped when the query has other words. At most MAX_TERMS
    terms of the first MAX_QUERY_CHARS characters are used. A Russian word also finds its other
    forms, a Korean word the tokens it begins (see Term.fts)."""
    return fts_match(query_terms(user_input)[0])


def split_snippet(snippet: str | None, open_marker: str, close_marker: str) -> tuple[str, list[list[int]]]:
    """An FTS5 snippet made with these markers as (plain text, [[start, end], ...]): the offsets
    of each highlight in the plain text (0-based, Python slicing). The markers are chosen per
    search (see queries.snippet_markers), so no character of an article can pass for one."""
    text, highlights, position = [], [], 0
    for part in re.split(f"({re.escape(open_marker)}|{re.escape(close_marker)})", snippet or ""):
        if part == open_marker:
            highlights.append([position, position])
        elif part == close_marker:
            if highlights:
                highlights[-1][1] = position
        else:
            text.append(part)
            position += len(part)
    return "".join(text), [h for h in highlights if h[1] > h[0]]


def snippet_html(text: str | None, highlights: list[list[int]] | tuple = ()) -> Markup:
    """Plain snippet text, escaped, with each highlight (start, end) in <mark>."""
    text, out, position = text or "", [], 0
    for start, end in highlights:
        if start < position:
            continue
        out += [escape(text[position:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)
