"""Judgements applied to readings. Pure: no database, no file system.

Two layers, so that every reading takes the same decisions, in the worker processes as in
`archive review`:

- the registry overlay (`overlay`): an accepted name becomes a registry entry (reviewed; its
  mentions link to it like any registry name's), a merged name an alias of its entity (its
  mentions, and the quotes and titles found through them, move there);
- `Applier`, the steps the extractor and the pipeline call: names judged rejected are not
  found again; a name judged distinct from an entity is never resolved to it, nor a bare
  surname to it by the registry's default when the other person is named in the text;
  corrected article fields win over the reading (the reading is kept); a quote's judged speaker
  wins over the attribution rules. Each step records the numbers of the judgements that changed
  the reading (`Extraction.judged`), so `archive review undo` knows which articles to read again.
"""

from __future__ import annotations

import dataclasses

from ..models import Article, Extraction, Mention, Quote
from ..registry import Entity, Registry, fold, name_key, slugify
from .model import Judgement, JudgementError, Judgements, describe, quoted


# ---------------------------------------------------------------- the registry overlay


def overlay(registry: Registry, judgements: Judgements) -> Registry:
    """The registry with accepted names as entries and merged names as aliases. JudgementError
    when a judgement contradicts the registry (a name it gives to another entity, a merge into an
    entity that does not exist). A judgement the registry has since made its own (the name is now
    that entity's there) changes nothing."""
    if not judgements:
        return registry
    entities = dict(registry.entities)
    owner = {name_key(n): e.key for e in registry.entities.values() for n in e.names}
    superseded = set()

    def fail(j: Judgement, why: str) -> JudgementError:
        return JudgementError(f"{judgements.where(j.line)}: {describe(j)}: {why}")

    accepts = [j for j in judgements.effective if j.decision == "accept"]
    for j in accepts:
        key = j.entity_key
        names = _unique_names([j.entity_name, j.name])
        owners = {owner.get(name_key(n)) for n in names} - {None}
        if owners == {key}:
            superseded.add(j.number)  # the registry has it now
            continue
        if owners:
            other = sorted(owners - {key})[0]
            raise fail(j, f"the registry gives {quoted(names[0])} to {other}; undo this judgement, or merge the name into it")
        if key in entities:
            raise fail(j, f"the registry already has {key} under another name")
        entities[key] = _accepted_entity(j, names)
        owner.update((name_key(n), key) for n in names)
    for j in (j for j in judgements.effective if j.decision == "merge"):
        key = j.entity_key
        target = entities.get(key)
        if target is None:
            raise fail(j, f"there is no {j.type} {j.into} in the registry or among the accepted names")
        found = owner.get(name_key(j.name))
        if found == key:
            if registry.entities.get(key) is not None and name_key(j.name) in {name_key(n) for n in registry.entities[key].names}:
                superseded.add(j.number)
            continue
        if found:
            raise fail(j, f"{quoted(j.name)} is already a name of {found}")
        entities[key] = dataclasses.replace(target, aliases=(*target.aliases, j.name))
        owner[name_key(j.name)] = key
    for j in (j for j in judgements.effective if j.decision == "speaker" and j.person):
        if f"person:{j.person}" not in entities:
            raise fail(j, f"there is no person {j.person} in the registry or among the accepted names")
    return Registry(entities=entities, outlets=dict(registry.outlets), superseded=frozenset(superseded))


def _unique_names(names: list[str | None]) -> list[str]:
    seen: dict[tuple, str] = {}
    for name in names:
        if name and name_key(name) not in seen:
            seen[name_key(name)] = name.strip()
    return list(seen.values())


def _accepted_entity(j: Judgement, names: list[str]) -> Entity:
    name = names[0]
    return Entity(type=j.type, slug=slugify(name), name=name, aliases=tuple(names[1:]), description=j.description,
                  surname=surname_of_name(name) if j.type == "person" else None, judgement=j.number,
                  wikidata_id=j.wikidata)


def surname_of_name(name: str) -> str | None:
    """The surname a person found in articles goes by, by the rule bare surnames of unreviewed
    names follow (ingest.surnames.surname_of): the first word of a Korean or Chinese name,
    otherwise the last; as written."""
    from ..surnames import surname_of

    folded = surname_of(Mention("person", "new:?", 0, len(name), name, "unreviewed"), Registry())
    if folded is None:
        return None
    return next((w for w in (w.removesuffix("'s").removesuffix("’s").strip(".,'’") for w in name.split())
                 if fold(w) == folded), None)


# ---------------------------------------------------------------- the steps of a reading


class Applier:
    """What the extractor and the pipeline ask of the judgements, precomputed once per run."""

    def __init__(self, judgements: Judgements | None = None, registry: Registry | None = None):
        judgements = judgements or Judgements()
        effective = judgements.effective
        self.active = bool(effective)
        registry = registry or Registry()
        self.rejected: dict[str, int] = {}
        self.accepted: dict[str, int] = {}
        self.merged: dict[str, dict[tuple, int]] = {}
        self.distinct: dict[str, list[tuple[str, frozenset, str | None, int]]] = {}
        self.corrections: dict[str, list[Judgement]] = {}
        self.speakers: dict[str, list[Judgement]] = {}
        for j in effective:
            if j.decision == "reject":
                for entity_type in ([j.type] if j.type else ("person", "organization", "place")):
                    self.rejected[f"{entity_type}:{slugify(j.name)}"] = j.number
            elif j.decision == "accept":
                entity = registry.entities.get(j.entity_key)
                if entity is not None and entity.judgement == j.number:
                    self.accepted[j.entity_key] = j.number
            elif j.decision == "merge":
                self.merged.setdefault(j.entity_key, {})[name_key(j.name)] = j.number
            elif j.decision == "distinct":
                keys = [f"{j.type}:{s}" for s in j.slugs]
                names = [set(j.names[i]) if i < len(j.names) else set() for i in range(2)]
                for i, key in enumerate(keys):  # the names as judged; the registry's only if none were recorded
                    entity = registry.entities.get(key)
                    if entity is not None and not names[i]:
                        names[i] = set(entity.names)
                for i in range(2):
                    other = 1 - i
                    own = {name_key(n) for n in names[i]}
                    theirs = frozenset(name_key(n) for n in names[other]) - own
                    self.distinct.setdefault(keys[i], []).append(
                        (keys[other], theirs, next(iter(sorted(names[other])), None), j.number))
            elif j.decision == "correct":
                self.corrections.setdefault(j.sha256, []).append(j)
            elif j.decision == "speaker":
                self.speakers.setdefault(j.sha256, []).append(j)
        self.registry = registry

    # -------------------------------------------------------- names (called by the extractor)

    def repoint(self, mentions: list[Mention], names: dict[str, str], judged: set[int]) -> list[Mention]:
        """A registry match whose words are the name of an entity judged distinct from it (and
        not its own name) goes to that entity: the matcher never resolves one to the other."""
        if not self.distinct:
            return mentions
        out = []
        for mention in mentions:
            for other, their_names, other_name, number in self.distinct.get(mention.entity_key, ()):
                if mention.resolution == "alias" and name_key(mention.surface) in their_names:
                    known = other in self.registry.entities
                    if not known:
                        names[other] = other_name or mention.surface
                    mention = dataclasses.replace(mention, entity_key=other,
                                                  resolution="alias" if known else "unreviewed")
                    judged.add(number)
                    break
            out.append(mention)
        return out

    def drop_rejected(self, found: list[Mention], names: dict[str, str], judged: set[int]
                      ) -> tuple[list[Mention], dict[str, str]]:
        """Names found in the text that a judgement rejected (not a name, or not of that type)."""
        if not self.rejected:
            return found, names
        kept = []
        for mention in found:
            number = self.rejected.get(mention.entity_key)
            if number is None:
                kept.append(mention)
            else:
                judged.add(number)
        return kept, {k: v for k, v in names.items() if k not in self.rejected}

    def check_surnames(self, resolution, people: list[Mention], judged: set[int]):
        """A bare surname the registry's default gave to a person (`surname_alone: always`, no
        antecedent) is left unresolved when the text names someone judged distinct from that
        person who has the same surname."""
        if not self.distinct:
            return resolution
        from ..surnames import Resolution, surname_of

        kept, ambiguous = [], list(resolution.ambiguous)
        for mention in resolution.mentions:
            clash = None
            if mention.resolution == "surname-registry":
                for other, _, _, number in self.distinct.get(mention.entity_key, ()):
                    if any(p.entity_key == other and p.resolution in ("alias", "unreviewed")
                           and surname_of(p, self.registry) == fold(mention.surface) for p in people):
                        clash = number
                        break
            if clash is None:
                kept.append(mention)
            else:
                ambiguous.append((mention.char_start, mention.char_end))
                judged.add(clash)
        return Resolution(kept, sorted(ambiguous))

    def record(self, extraction: Extraction) -> None:
        """The accepted names and merged aliases this reading found."""
        if not (self.accepted or self.merged):
            return
        for mention in extraction.mentions:  # a merged name of an accepted entity counts for both
            for number in (self.accepted.get(mention.entity_key),
                           self.merged.get(mention.entity_key, {}).get(name_key(mention.surface))):
                if number is not None:
                    extraction.judged.add(number)

    # -------------------------------------------------------- one file (called by the pipeline)

    def correct(self, article: Article, sha256: str) -> dict[str, tuple[str | None, int]]:
        """Set the corrected fields of the article read from these bytes; returns what the
        machine had read in each: {field: (value read, judgement number)}."""
        readings = {}
        for j in self.corrections.get(sha256, ()):
            readings[j.field] = (getattr(article, j.field), j.number)
            setattr(article, j.field, j.value)
            if j.field == "published":
                article.date_source = "judgement"
        return readings

    def apply_speakers(self, extraction: Extraction, sha256: str, readings: dict | None = None) -> Extraction:
        """Quotes whose speaker a judgement set (or cleared); a correction counts as a change too."""
        if readings:
            extraction.judged.update(number for _, number in readings.values())
        judged = self.speakers.get(sha256)
        if not judged:
            return extraction
        quotes = extraction.quotes
        for j in judged:
            index = _find_quote(quotes, j)
            if index is None:
                continue
            quote = quotes[index]
            person = f"person:{j.person}" if j.person else None
            quotes[index] = dataclasses.replace(
                quote, person_key=person, organization_key=None, attribution="judgement", judgement=j.number,
                read=(quote.speaker, quote.person_key, quote.organization_key, quote.attribution))
            extraction.judged.add(j.number)
        return extraction


def numbered(quotes: list[Quote]) -> list[Quote]:
    """Quotes in the order pages number them: body, then captions, each in text order."""
    return sorted(quotes, key=lambda q: (q.field, q.char_start, q.char_end))


def _find_quote(quotes: list[Quote], j: Judgement) -> int | None:
    """The quote a speaker judgement is about: the one at its offsets, else the one whose text
    begins as recorded in the same text, else (no location recorded) the one of its number."""
    location = j.quote_location()
    if location:
        for i, q in enumerate(quotes):
            if (q.field, q.char_start, q.char_end) == location:
                return i
        if j.quote_text:
            same = [i for i, q in enumerate(quotes) if q.field == location[0] and q.text.startswith(j.quote_text)]
            if len(same) == 1:
                return same[0]
        return None
    ordered = numbered(quotes)
    if j.quote and j.quote <= len(ordered):
        return quotes.index(ordered[j.quote - 1])
    return None


NO_JUDGEMENTS = Applier()
