"""Article -> Extraction: runs every pure extractor over the body, the captions and the dateline."""

from __future__ import annotations

import dataclasses

from .entities import NameMatcher, find_mentions, tokenize
from .judgements import NO_JUDGEMENTS, Applier, Judgements, overlay
from .models import Article, Extraction
from .names import find_new_names, merge_mentions
from .quotes import find_quotes
from .registry import Registry
from .roles import find_roles
from .surnames import resolve_surnames
from .timeline import find_events


class Extractor:
    """Holds what the extractors precompute from the registry; `extract` itself is pure.
    With judgements (db/judgements.yml), `registry` is read as they amend it and their steps
    run at the points of the reading they concern (ingest.judgements.apply)."""

    def __init__(self, registry: Registry, judgements: Judgements | None = None):
        if judgements:
            registry = overlay(registry, judgements)
            self.judgements = Applier(judgements, registry)
        else:
            self.judgements = NO_JUDGEMENTS
        self.registry = registry
        self.matcher = NameMatcher(registry)

    @staticmethod
    def fields(article: Article) -> list[tuple[str, str]]:
        """The texts extraction reads, by the name stored in the `field` column of its rows."""
        return [("body", article.body), ("captions", article.captions_text), ("dateline", article.dateline or "")]

    def extract(self, article: Article) -> Extraction:
        result = Extraction()
        judged = self.judgements
        for field_name, text in self.fields(article):
            if not text:
                continue
            tokens = tokenize(text)
            mentions = find_mentions(text, self.matcher, tokens)
            if judged.active:
                mentions = judged.repoint(mentions, result.unreviewed, result.judged)
            if field_name == "dateline":
                result.mentions.extend(_in_field(mentions, field_name))
                continue
            new, names = find_new_names(text, mentions, self.registry)
            if judged.active:
                new, names = judged.drop_rejected(new, names, result.judged)
            mentions = merge_mentions(mentions, new)
            result.unreviewed.update(names)
            # bare surnames are read against everyone named in full, with the titles the text gives them
            resolution = resolve_surnames(text, tokens, mentions, find_roles(text, mentions, self.registry),
                                          self.registry)
            if judged.active:
                resolution = judged.check_surnames(resolution, mentions, result.judged)
            mentions = sorted(mentions + resolution.mentions, key=lambda m: (m.char_start, -m.char_end))
            result.mentions.extend(_in_field(mentions, field_name))
            if field_name == "body":
                result.roles.extend(find_roles(text, mentions, self.registry))
            quotes = find_quotes(text, mentions, self.registry, result.unreviewed, resolution.ambiguous)
            result.quotes.extend(_in_field(quotes, field_name))
            result.events.extend(_in_field(find_events(text, article.published), field_name))
        if judged.active:
            judged.record(result)
        return result


def _in_field(rows: list, field_name: str) -> list:
    """Rows found in one text, marked with the field they index (body is the default)."""
    if field_name == "body":
        return rows
    return [dataclasses.replace(row, field=field_name) for row in rows]
