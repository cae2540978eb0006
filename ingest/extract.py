"""Article -> Extraction: runs every pure extractor over the body and the captions."""

from __future__ import annotations

import dataclasses

from .entities import NameMatcher, find_mentions
from .models import Article, Extraction
from .registry import Registry


class Extractor:
    """Holds what the extractors precompute from the registry; `extract` itself is pure."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.matcher = NameMatcher(registry)

    @staticmethod
    def fields(article: Article) -> list[tuple[str, str]]:
        """The texts extraction reads, by the name stored in the `field` column of its rows."""
        return [("body", article.body), ("captions", article.captions_text), ("dateline", article.dateline or "")]

    def extract(self, article: Article) -> Extraction:
        result = Extraction()
        for field_name, text in self.fields(article):
            if not text:
                continue
            mentions = find_mentions(text, self.matcher)
            result.mentions.extend(dataclasses.replace(m, field=field_name) for m in mentions)
        return result
