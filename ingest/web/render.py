"""Pure HTML helpers. All article text is untrusted: every piece of it is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..lexicon import LEXICON


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
        return '"' + " ".join(self.words) + '"'

    @property
    def common(self) -> bool:
        return not self.quoted and len(self.words) == 1 and self.words[0].lower() in STOPWORDS


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


def fts_match(terms: list[Term], alternatives: dict[int, tuple[int, list[str]]] | None = None) -> str | None:
    """A safe FTS5 query: every term quoted (all must match); stopwords left out when there are
    other words. `alternatives` maps the index of a first term to (the number of terms it spans,
    phrases any of which may stand for them): a name's other spellings."""
    alternatives = alternatives or {}
    parts, common, i = [], [], 0
    while i < len(terms):
        if i in alternatives:
            span, phrases = alternatives[i]
            parts.append("(" + " OR ".join(phrases) + ")")
            i += span
            continue
        (common if terms[i].common else parts).append(terms[i].fts)
        i += 1
    # FTS5 takes "a" "b" as a AND b, but not next to a parenthesized group: spell AND out there
    return (" AND " if alternatives else " ").join(parts or common) or None


def fts_query(user_input: str | None) -> str | None:
    """A safe FTS5 query from anything a person types: every word or hyphenated name becomes
    a quoted term (all must match), "quoted phrases" stay phrases; None when nothing is left.
    Stopwords ("of", "the") are dropped when the query has other words. At most MAX_TERMS
    terms of the first MAX_QUERY_CHARS characters are used."""
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
