"""Pure HTML helpers. All article text is untrusted: every piece of it is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..lexicon import LEXICON

SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


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


def fts_query(user_input: str | None) -> str | None:
    """A safe FTS5 query from anything a person types: every word or hyphenated name becomes
    a quoted term (all must match), "quoted phrases" stay phrases; None when nothing is left.
    Stopwords ("of", "the") are dropped when the query has other words."""
    if not user_input:
        return None
    terms, common = [], []
    for phrase, word in re.findall(r'"([^"]+)"|([\w][\w\'’-]*)', user_input):
        words = re.findall(r"\w+", phrase or word)
        if words:
            term = '"' + " ".join(words) + '"'
            (common if not phrase and len(words) == 1 and words[0].lower() in STOPWORDS else terms).append(term)
    return " ".join(terms or common) or None


def snippet_html(snippet: str | None) -> Markup:
    """An FTS5 snippet made with SNIPPET_OPEN/CLOSE markers: escaped, markers become <mark>."""
    escaped = str(escape(snippet or ""))
    return Markup(escaped.replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>"))
