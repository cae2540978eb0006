"""Article -> Extraction: runs every pure extractor over the headline, the body, the captions,
the dateline, the byline and the credits.

Order matters, and each step reads what the ones before it found: registry names (in every
text at once, so that the places they name tell the gazetteer where the story is); then in
the dateline, the body and the captions, names by shape (organizations, landmarks, acronyms),
people by evidence, gazetteer places, bare surnames, titles, quotes and dates; then the
headline, where registry names, the names the article itself defined and gazetteer places the
article supports are read; then the authors of the byline and the credits.
"""

from __future__ import annotations

import dataclasses

from .authors import find_authors
from .cyrillic_names import (CYRILLIC, find_cyrillic_organizations, find_cyrillic_people,
                             find_russian_organizations_by_shape)
from .entities import NameMatcher, find_mentions, tokenize
from .hangul_names import find_hangul_people
from .judgements import NO_JUDGEMENTS, Applier, Judgements, overlay
from .models import Article, Extraction, FoundEntity, Mention
from .names import CHINESE_SURNAMES, KOREAN_SURNAMES, Covered, find_new_names, merge_mentions
from .places import demonym_words, find_places, organizations_named_by_place, place_index
from .quotes import find_quotes
from .registry import Entity, Registry
from .roles import demonym_places, find_roles
from .shapes import Shaped, canonical_name, find_shaped_names, without_inner
from .surnames import resolve_surnames
from .timeline import find_events

READ_FIELDS = ("dateline", "body", "captions")  # read in full, in this order


class Extractor:
    """Holds what the extractors precompute from the registry (and the gazetteer); `extract`
    itself is pure. With judgements (db/judgements.yml), `registry` is read as they amend it and
    their steps run at the points of the reading they concern (ingest.judgements.apply)."""

    def __init__(self, registry: Registry, judgements: Judgements | None = None):
        if judgements:
            registry = overlay(registry, judgements)
            self.judgements = Applier(judgements, registry)
        else:
            self.judgements = NO_JUDGEMENTS
        self.registry = registry
        self.matcher = NameMatcher(registry)
        self.places = place_index(registry)

    @staticmethod
    def fields(article: Article) -> list[tuple[str, str]]:
        """The texts extraction reads, by the name stored in the `field` column of its rows."""
        return [("title", article.title or ""), ("body", article.body), ("captions", article.captions_text),
                ("dateline", article.dateline or ""), ("byline", article.byline or ""),
                ("credits", article.credits_text)]

    def extract(self, article: Article) -> Extraction:
        result = Extraction()
        texts = {name: text for name, text in self.fields(article) if text}
        tokens = {name: tokenize(texts[name]) for name in ("title", *READ_FIELDS) if name in texts}
        outlet = self.registry.outlet_entries.get(article.source) if article.source else None
        home = outlet.country if outlet else None  # the country a Korean text's bare 외교부 is
        known = {name: find_mentions(texts[name], self.matcher, tokens[name], home) for name in tokens}
        judged = self.judgements
        if judged.active:
            known = {name: judged.repoint(ms, result.unreviewed, result.judged) for name, ms in known.items()}
        context = self.places.context([m for ms in known.values() for m in ms],
                                      [w for name in tokens for w in demonym_words(tokens[name])])
        for field_name in READ_FIELDS:
            if field_name not in texts:
                continue
            text, toks = texts[field_name], tokens[field_name]
            shaped = [self._as_gazetteer_region(s) for s in find_shaped_names(text, toks, known[field_name],
                                                                              self.registry)]
            mentions = without_inner(known[field_name], shaped, text) + [s.mention for s in shaped]
            for s in shaped:
                key = s.mention.entity_key
                if s.evidence == "gazetteer":
                    if key not in self.registry.entities:
                        result.unreviewed[key] = s.place.name
                        result.found[key] = self.places.found(s.place)
                    continue
                if key not in self.registry.entities and key not in result.unreviewed:
                    kind = None if s.kind == "organization" else s.kind
                    self._found(result, key, canonical_name(s.mention.surface), "text", s.evidence, kind)
            if field_name != "dateline":
                new, names = find_new_names(text, mentions, self.registry)
                mentions = merge_mentions(mentions, new)
                for key, name in names.items():
                    self._found(result, key, name, "text", "name")
                taken = Covered(len(text), [(m.char_start, m.char_end) for m in mentions])
                # people in Hangul (by a title after the name) and in Cyrillic (by a title, a speech verb), and
                # organizations Russian copy names in « » after a noun for their kind
                cyrillic = CYRILLIC.search(text)
                for finder, evidence in ((find_hangul_people, "title"),
                                         (find_cyrillic_people if cyrillic else None, "name"),
                                         (find_cyrillic_organizations if cyrillic else None, "kind-noun")):
                    named = finder(text, taken.overlaps) if finder else []
                    mentions = merge_mentions(mentions, [m for m, _ in named])
                    for mention, name in named:
                        taken.append((mention.char_start, mention.char_end))
                        self._found(result, mention.entity_key, name, "text", evidence)
                mentions = merge_mentions(mentions, self._found_again(text, toks, mentions, result))
            covered = Covered(len(text), [(m.char_start, m.char_end) for m in mentions])
            for match in find_places(text, toks, covered, self.places, context):
                mentions.append(match.mention)
                if match.mention.entity_key not in self.registry.entities:
                    result.unreviewed[match.mention.entity_key] = match.place.name
                    result.found[match.mention.entity_key] = self.places.found(match.place)
                context = context.with_places([match.place])
            if CYRILLIC.search(text):  # Russian organizations by the grammar of their names; places inside stay
                blocked = Covered(len(text), [(m.char_start, m.char_end) for m in mentions if m.entity_type != "place"])
                places = Covered(len(text), [(m.char_start, m.char_end) for m in mentions if m.entity_type == "place"])
                for mention, name in find_russian_organizations_by_shape(text, blocked.overlaps, places.overlaps):
                    mentions.append(mention)
                    self._found(result, mention.entity_key, name, "text", "shape")
            for mention, name in organizations_named_by_place(text, self.places):
                if not any(m.char_start < mention.char_end and mention.char_start < m.char_end
                           and m.entity_type != "place" for m in mentions):
                    mentions.append(mention)  # 'Universität Leipzig': a place in it stays a mention too
                    self._found(result, mention.entity_key, name, "text", "shape")
            if judged.active:  # names a judgement rejected, whatever found them
                mentions, _ = judged.drop_rejected(mentions, {}, result.judged)
            mentions.sort(key=lambda m: (m.char_start, -m.char_end))
            if field_name == "dateline":
                result.mentions.extend(_in_field(mentions, field_name))
                continue
            # bare surnames are read against everyone named in full, with the titles the text gives them
            resolution = resolve_surnames(text, toks, mentions, find_roles(text, mentions, self.registry),
                                          self.registry)
            if judged.active:
                resolution = judged.check_surnames(resolution, mentions, result.judged)
            mentions = sorted(mentions + resolution.mentions, key=lambda m: (m.char_start, -m.char_end))
            result.mentions.extend(_in_field(mentions, field_name))
            roles = find_roles(text, mentions, self.registry)
            if field_name == "body":
                result.roles.extend(roles)
            # the titles the text gives its people, which a quote's speaker may stand for ('der Kremlsprecher')
            quotes = find_quotes(text, mentions, self.registry, result.unreviewed, resolution.ambiguous, roles)
            result.quotes.extend(_in_field(quotes, field_name))
            result.events.extend(_in_field(find_events(text, article.published, toks), field_name))
        if "title" in texts:
            result.mentions.extend(self._headline(texts["title"], tokens["title"], known["title"], result, context))
        for author in find_authors(texts.get("byline", ""), texts.get("credits", ""), self.registry):
            result.mentions.append(author.mention)
            result.roles.append(author.role)
            if author.mention.entity_key not in self.registry.entities:
                self._found(result, author.mention.entity_key, author.name, "text", "byline")
        if judged.active:
            result.mentions, _ = judged.drop_rejected(result.mentions, {}, result.judged)
            kept = {m.entity_key for m in result.mentions}
            result.roles = [r for r in result.roles if r.person_key in kept or r.field == "body"]
            for key in [k for k in result.unreviewed if k not in kept]:
                del result.unreviewed[key]
                result.found.pop(key, None)
            judged.record(result)
        return result

    def _headline(self, title: str, toks, known: list[Mention], result: Extraction, context) -> list[Mention]:
        """Registry names in the headline, the names the article found elsewhere, and gazetteer
        places (a word that is also a name is not taken in a headline)."""
        # a one-word name the article gave a person is too weak in a headline
        mentions = list(known) + _written_again(title, toks, known, result.unreviewed, lambda m: not (
            m.entity_type == "person" and " " not in result.unreviewed[m.entity_key]))
        covered = Covered(len(title), [(m.char_start, m.char_end) for m in mentions])
        for m in self._headline_surnames_and_demonyms(title, toks, covered, result):
            mentions.append(m)
            covered.append((m.char_start, m.char_end))
        for match in find_places(title, toks, covered, self.places, context, headline=True):
            if match.mention.entity_key in result.unreviewed or match.mention.entity_key in self.registry.entities:
                mentions.append(match.mention)  # a place the body names, or the registry's
            elif not match.place.kind == "city" or match.place.population >= 100_000:
                mentions.append(match.mention)
                result.unreviewed[match.mention.entity_key] = match.place.name
                result.found[match.mention.entity_key] = self.places.found(match.place)
        mentions.sort(key=lambda m: (m.char_start, -m.char_end))
        return _in_field(mentions, "title")

    @staticmethod
    def _found_again(text: str, toks, mentions: list[Mention], result: Extraction) -> list[Mention]:
        """Every other place a name the article gave evidence for is written in full ('Both Kim
        Jong Un and Kim Son Gyong ...' after 'Vice Foreign Minister Kim Son Gyong arrived')."""
        people = {key: name for key, name in result.unreviewed.items() if key.startswith("person:") and " " in name}
        return _written_again(text, toks, mentions, people)

    def _as_gazetteer_region(self, shaped: Shaped) -> Shaped:
        """A region found by its shape ("Sumy Oblast", "Ishikawa Prefecture") that the gazetteer
        knows is that GeoNames region, with its coordinates."""
        if shaped.kind != "region":
            return shaped
        place = self.places.gazetteer.place(shaped.mention.surface, kind="region")
        if place is None:
            return shaped
        mention = dataclasses.replace(shaped.mention, entity_key=self.places.key_of(place), resolution="gazetteer")
        return dataclasses.replace(shaped, mention=mention, evidence="gazetteer", place=place)

    def _headline_surnames_and_demonyms(self, title: str, toks, covered: Covered, result: Extraction) -> list[Mention]:
        """'Putin', 'Choe' in a headline: the one person of that surname the article names in full
        (or the registry's, for a surname that stands alone); 'North Korean', 'Russian': the country."""
        by_surname: dict[str, set[str]] = {}
        for m in result.mentions:
            if m.entity_type == "person" and m.field == "body":
                for surname in self._surnames_of(m.entity_key, result):
                    by_surname.setdefault(surname, set()).add(m.entity_key)
        demonyms = demonym_places(self.registry)
        found = []
        folded, texts, starts, ends = toks.folded, toks.texts, toks.starts, toks.ends
        i = 0
        while i < len(folded):
            start, end = starts[i], ends[i]
            pair = f"{folded[i]} {folded[i + 1]}" if i + 1 < len(folded) else None
            if pair in demonyms and demonyms[pair] and not covered.overlaps(start, ends[i + 1]):
                found.append(Mention("place", demonyms[pair], start, ends[i + 1], title[start:ends[i + 1]], "demonym",
                                     "title"))
                i += 2
                continue
            if not texts[i][:1].isupper() or covered.overlaps(start, end):
                i += 1
                continue
            if folded[i] in demonyms and demonyms[folded[i]]:
                found.append(Mention("place", demonyms[folded[i]], start, end, texts[i], "demonym", "title"))
            else:
                people = by_surname.get(folded[i], set())
                if not people:
                    people = {p.key for p in self.registry.people_with_surname(texts[i]) if p.surname_alone == "always"}
                if len(people) == 1:
                    found.append(Mention("person", next(iter(people)), start, end, texts[i], "surname-article", "title"))
            i += 1
        return found

    def _surnames_of(self, key: str, result: Extraction) -> tuple[str, ...]:
        entity = self.registry.entities.get(key)
        if entity is not None:
            return (entity.surname.casefold(),) if entity.surname else ()
        words = result.unreviewed.get(key, "").split()
        if len(words) < 2:
            return ()
        first = words[0].casefold()
        return (first,) if first in KOREAN_SURNAMES or first in CHINESE_SURNAMES else (words[-1].casefold(),)

    @staticmethod
    def _found(result: Extraction, key: str, name: str, origin: str, evidence: str, kind: str | None = None) -> None:
        if key not in result.unreviewed:
            result.unreviewed[key] = name
            result.found[key] = FoundEntity(name=name, origin=origin, evidence=evidence, kind=kind)


def _written_again(text: str, toks, mentions: list[Mention], names: dict[str, str], keep=lambda m: True
                   ) -> list[Mention]:
    """The names of `names` (key -> name, found elsewhere in the article) where `text` writes them
    and no mention is yet, for which `keep` holds."""
    if not names:
        return []
    found = Registry()
    for key, name in names.items():
        entity_type, slug = key.split(":", 1)
        found.entities[key] = Entity(entity_type, slug, name)
    covered = Covered(len(text), [(m.char_start, m.char_end) for m in mentions])
    again = []
    for m in find_mentions(text, NameMatcher(found), toks):
        if not covered.overlaps(m.char_start, m.char_end) and keep(m):
            again.append(dataclasses.replace(m, resolution="unreviewed"))
            covered.append((m.char_start, m.char_end))
    return again


def _in_field(rows: list, field_name: str) -> list:
    """Rows found in one text, marked with the field they index (body is the default)."""
    if field_name == "body":
        return rows
    return [dataclasses.replace(row, field=field_name) for row in rows]
