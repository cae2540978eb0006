"""An HTML fragment (a feed item's content) -> paragraphs, with the standard library's parser.

Chosen over trafilatura for feed content: a feed item is already the article body, and
trafilatura's boilerplate removal is built for whole pages (on a fragment it can drop the last
paragraphs, or the whole text of a short item). This keeps every block as a paragraph, <br> as a
line break, leaves out scripts, styles, forms, embedded media and figure captions (returned apart),
and never raises.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# format vocabulary: HTML elements
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "header",
              "footer", "figure", "table", "tr", "ul", "ol", "pre", "dl", "dt", "dd", "hr", "address", "aside",
              "main", "center", "details", "summary", "caption", "tbody", "thead"}
# format vocabulary: HTML elements
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button", "form",
             "select", "textarea", "nav", "audio", "video", "canvas", "math", "head", "title"}
CAPTION_TAGS = {"figcaption"}
# format vocabulary: HTML elements
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col", "param", "track"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self.current: list[str] = []
        self.caption: list[str] | None = None
        self.skip_depth = 0
        self.cells = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in CAPTION_TAGS:
            self._flush()
            self.caption = []
        elif tag == "br":
            self._write(_BR)
        elif tag in ("td", "th"):
            if self.cells:
                self._write(" | ")
            self.cells += 1
        elif tag in BLOCK_TAGS:
            self._flush()
            if tag == "tr":
                self.cells = 0

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip_depth:
            self._write(_BR)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in CAPTION_TAGS and self.caption is not None:
            text = _clean("".join(self.caption))
            if text:
                self.captions.append(text)
            self.caption = None
        elif tag == "tr":
            self._write(_BR)
            self.cells = 0
        elif tag == "table":
            self._flush()
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self.skip_depth:
            self._write(re.sub(r"\s+", " ", data))

    def _write(self, text: str) -> None:
        (self.caption if self.caption is not None else self.current).append(text)

    def _flush(self) -> None:
        text = _clean("".join(self.current))
        if text:
            self.paragraphs.append(text)
        self.current = []

    def close(self):
        super().close()
        self._flush()


_BR = "\u2028"  # a line break the markup asked for (<br>, a table row), as opposed to a newline in the source


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\r\n\f\v\u00a0\u2009\u200b]+", " ", line).strip(" |") for line in text.split(_BR)]
    return "\n".join(line.strip() for line in lines if line.strip())


def html_to_paragraphs(fragment: str) -> tuple[list[str], list[str]]:
    """(paragraphs, captions) of an HTML fragment. Plain text comes back split at blank lines."""
    if not fragment:
        return [], []
    if "<" not in fragment and "&" not in fragment:
        return [p for p in (_clean(block.replace("\n", _BR)) for block in re.split(r"\n\s*\n", fragment)) if p], []
    parser = _Text()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; this is a last guard
        parser._flush()
    return parser.paragraphs, parser.captions
