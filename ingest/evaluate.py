"""Score the pipeline against expected readings (tests/corpus/README.md describes the format;
tests/gold/seeds.json is an older subset of it). Pure apart from reading the files the gold names.

Every score is a count of hits over a count of cases, so sets can be added up; `failures` says
what each miss was. Precision first: a quote credited to the wrong person is counted apart from a
quote left without one, and a person who is not in the gold is an extra."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extractor
from .models import ENTITY_TYPES
from .pipeline import ProcessedFile, process_file
from .registry import name_key

TYPES = {t.table: t.name for t in ENTITY_TYPES}
FIELDS = ("title", "source", "published", "byline", "dateline", "language", "url")


@dataclass
class Scores:
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def ratio(self, hit: str, total: str) -> float | None:
        return self.counts[hit] / self.counts[total] if self.counts[total] else None

    def add(self, other: "Scores") -> None:
        self.counts.update(other.counts)
        self.failures.extend(other.failures)

    def summary(self) -> dict[str, float | int | None]:
        """The scores by name: ratios (None where the gold had no case) and error counts."""
        c = self.counts
        out: dict[str, float | int | None] = {"articles": c["articles"]}
        for key in FIELDS:
            out[key] = self.ratio(f"{key}_ok", f"{key}_cases")
        out["body"] = self.ratio("body_ok", "body_cases")
        out["furniture_left_in_body"] = c["body_excluded_present"]
        p = self.ratio("person_tp_predicted", "person_predicted")
        r = self.ratio("person_tp", "person_gold")
        out["person_precision"], out["person_recall"] = p, r
        out["person_f1"] = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        out["organization_recall"] = self.ratio("organization_tp", "organization_gold")
        out["place_recall"] = self.ratio("place_tp", "place_gold")
        out["author_recall"] = self.ratio("author_tp", "author_gold")
        out["headline_mention_recall"] = self.ratio("headline_tp", "headline_gold")
        out["trap_violations"] = c["trap_violations"]
        out["not_people_violations"] = c["not_people_violations"]
        out["quote_recall"] = self.ratio("quote_found", "quote_gold")
        out["quote_speaker_accuracy"] = self.ratio("quote_speaker_ok", "quote_gold")
        out["quote_wrong_speaker"] = c["quote_wrong_speaker"]
        out["quote_unresolved"] = c["quote_unresolved"]
        out["event_recall"] = self.ratio("event_found", "event_gold")
        out["not_event_violations"] = c["not_event_violations"]
        return out


def entity_names(extractor: Extractor, key: str, unreviewed: dict[str, str]) -> set[tuple[str, ...]]:
    """Name keys an entity answers to: a registry entry's names, or a found name as written."""
    entity = extractor.registry.entities.get(key)
    names = entity.names if entity else (unreviewed.get(key, key.split(":", 1)[1]),)
    return {name_key(n) for n in names}


def _name_sets(lists) -> list[set[tuple[str, ...]]]:
    return [{name_key(n) for n in ([names] if isinstance(names, str) else names)} for names in lists]


def score_article(gold: dict, processed: ProcessedFile, extractor: Extractor, scores: Scores) -> None:
    article, extraction = processed.article, processed.extraction
    c, where = scores.counts, gold["file"] + (f" [{gold['url']}]" if gold.get("url") and "item" in gold else "")
    c["articles"] += 1
    for key in FIELDS:
        if key not in gold:
            continue
        got = getattr(article, key, None)
        # a feed's or page's UTC day is the document's; the article's is the outlet's local day
        wanted = gold.get("article_published", gold[key]) if key == "published" else gold[key]
        c[f"{key}_cases"] += 1
        if got == wanted:
            c[f"{key}_ok"] += 1
        else:
            scores.failures.append(f"{where}: {key} {got!r} != {wanted!r}")
    _score_body(gold, article.body, where, scores)
    unreviewed = extraction.unreviewed
    predicted: dict[str, list[set]] = {t: [] for t in TYPES.values()}
    surfaces: dict[str, set] = {}
    for m in extraction.mentions:  # an entity answers to its names and to the names it is mentioned by
        surfaces.setdefault(m.entity_key, set()).add(name_key(m.surface))
    for key, written in surfaces.items():
        predicted[key.split(":", 1)[0]].append(entity_names(extractor, key, unreviewed) | written)
    authors = _name_sets(gold.get("authors", []))
    for section, entity_type in TYPES.items():
        if section not in gold:
            continue
        gold_sets = _name_sets(gold[section])
        if entity_type == "person":
            gold_sets = gold_sets + [a for a in authors if not any(a & g for g in gold_sets)]
        found = [g for g in gold_sets if any(g & p for p in predicted[entity_type])]
        c[f"{entity_type}_gold"] += len(gold_sets)
        c[f"{entity_type}_tp"] += len(found)
        for g in gold_sets:
            if g not in found:
                scores.failures.append(f"{where}: missed {entity_type} {' '.join(sorted(g)[0])}")
        if entity_type == "person":
            c["person_predicted"] += len(predicted["person"])
            for p in predicted["person"]:
                if any(p & g for g in gold_sets):
                    c["person_tp_predicted"] += 1
                else:
                    scores.failures.append(f"{where}: extra person {' '.join(sorted(p)[0])}")
    for a in authors:
        c["author_gold"] += 1
        c["author_tp"] += any(a & p for p in predicted["person"])
    for section, entity_type in (("not_people", "person"), ("not_organizations", "organization"),
                                 ("not_places", "place")):
        traps = {name_key(n) for n in gold.get(section, [])}
        for p in predicted[entity_type]:
            if p & traps:
                c["trap_violations"] += 1
                c["not_people_violations"] += entity_type == "person"
                scores.failures.append(f"{where}: {' '.join(sorted(p & traps)[0])} stored as a {entity_type}")
    title_mentions = [m for m in extraction.mentions if m.field == "title"]
    for names in _name_sets(gold.get("headline_mentions", [])):
        c["headline_gold"] += 1
        hit = any(names & entity_names(extractor, m.entity_key, unreviewed) or name_key(m.surface) in names
                  for m in title_mentions)
        c["headline_tp"] += hit
        if not hit:
            scores.failures.append(f"{where}: headline mention {' '.join(sorted(names)[0])} not found")
    _score_quotes(gold, processed, extractor, scores, where)
    for event in gold.get("events", []):
        c["event_gold"] += 1
        ok = any(e.date == event["date"] and event["contains"] in e.sentence for e in extraction.events)
        c["event_found"] += ok
        if not ok:
            scores.failures.append(f"{where}: event {event['expression']!r} {event['date']} not found")
    for event in gold.get("not_events", []):
        bad = [e for e in extraction.events if e.expression == event["expression"]
               and event.get("contains", "") in e.sentence]
        c["not_event_violations"] += bool(bad)
        if bad:
            scores.failures.append(f"{where}: {event['expression']!r} became an event ({bad[0].date})")


def _score_body(gold: dict, body: str, where: str, scores: Scores) -> None:
    c = scores.counts
    checks = [("starts", gold["body_starts"])] if "body_starts" in gold else []
    checks += [("contains", text) for text in gold.get("body_contains", [])]
    for kind, text in checks:
        c["body_cases"] += 1
        ok = body.startswith(text) if kind == "starts" else text in body
        c["body_ok"] += ok
        if not ok:
            scores.failures.append(f"{where}: body does not {'start with' if kind == 'starts' else 'contain'} "
                                   f"{text[:50]!r} (starts {body[:50]!r})")
    for text in gold.get("body_excludes", []):
        if text in body:
            c["body_excluded_present"] += 1
            scores.failures.append(f"{where}: furniture {text[:50]!r} left in the body")


def _score_quotes(gold: dict, processed: ProcessedFile, extractor: Extractor, scores: Scores, where: str) -> None:
    c = scores.counts
    quotes, unreviewed = processed.extraction.quotes, processed.extraction.unreviewed
    for quote in gold.get("quotes", []):
        c["quote_gold"] += 1
        matches = [q for q in quotes if quote["contains"] in q.text]
        # the innermost: a quotation inside a quote is scored as its own, not as the outer speaker's
        matches = [q for q in matches if not any(o is not q and q.char_start <= o.char_start and o.char_end <= q.char_end
                                                 and o.field == q.field for o in matches)]
        if not matches:
            scores.failures.append(f"{where}: quote {quote['contains'][:40]!r} not found")
            continue
        c["quote_found"] += 1
        people = [q for q in matches if q.person_key]
        if quote["speaker"] is None:
            if people:
                c["quote_wrong_speaker"] += 1
                scores.failures.append(f"{where}: quote {quote['contains'][:40]!r} credited to {people[0].person_key}"
                                       " (the text names no one)")
            else:
                c["quote_speaker_ok"] += 1
            continue
        speakers = {name_key(n) for n in quote["speaker"]}
        # every spelling the gold gives the same person counts ('Andrei Nikitin' is 'Andrej Nikitin')
        speakers |= {name_key(n) for group in gold.get("people", []) + gold.get("authors", [])
                     if speakers & {name_key(g) for g in group} for n in group}
        if any(entity_names(extractor, q.person_key, unreviewed) & speakers for q in people) or \
                (not people and any(q.speaker and name_key(q.speaker) in speakers for q in matches)):
            c["quote_speaker_ok"] += 1
        elif people:
            c["quote_wrong_speaker"] += 1
            scores.failures.append(f"{where}: quote {quote['contains'][:40]!r} credited to {people[0].person_key},"
                                   f" not {quote['speaker'][0]}")
        else:
            c["quote_unresolved"] += 1
            scores.failures.append(f"{where}: quote {quote['contains'][:40]!r} has no speaker "
                                   f"({[q.speaker for q in matches]}), not {quote['speaker'][0]}")


def gold_sets(path: Path) -> list[tuple[Path, Path]]:
    """(gold file, folder of its articles) for a gold file, a set folder, or a folder of sets."""
    path = Path(path)
    if path.is_file():
        return [(path, path.parent)]
    if (path / "gold.json").exists():
        return [(path / "gold.json", path)]
    return [(g, g.parent) for g in sorted(path.glob("*/gold.json"))]


def evaluate(gold_path: Path, folder: Path | None, extractor: Extractor) -> Scores:
    """Run the pipeline on every file the gold names (looked up in `folder`) and score it. A file
    holding several articles (a feed, a crawl) has a gold object per article, told apart by url."""
    scores = Scores()
    read: dict[str, list[ProcessedFile]] = {}
    for gold in json.loads(Path(gold_path).read_text(encoding="utf-8")):
        name = gold["file"]
        if name not in read:
            path = Path(folder or Path(gold_path).parent) / name
            read[name] = process_file(path.read_bytes(), name, extractor)
        articles = read[name]
        if len(articles) > 1 or "url" in gold and articles and articles[0].item is not None:
            match = [p for p in articles if p.article.url == gold.get("url")]
            if not match:
                scores.counts["articles"] += 1
                scores.failures.append(f"{name} [{gold.get('url')}]: no article with that URL was read")
                continue
            articles = match
        score_article(gold, articles[0], extractor, scores)
    return scores
