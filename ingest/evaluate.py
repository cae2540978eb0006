"""Score the pipeline against a gold file (the format of tests/gold/seeds.json). Pure apart
from reading the article files the gold names."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extractor
from .models import ENTITY_TYPES
from .pipeline import ProcessedFile, process_bytes
from .registry import name_key

TYPES = {t.table: t.name for t in ENTITY_TYPES}


@dataclass
class Scores:
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def ratio(self, hit: str, total: str) -> float:
        return self.counts[hit] / self.counts[total] if self.counts[total] else 1.0

    def summary(self) -> dict[str, float]:
        p = self.ratio("person_tp", "person_predicted")
        r = self.ratio("person_tp", "person_gold")
        return {
            "title": self.ratio("title_ok", "articles"),
            "source": self.ratio("source_ok", "articles"),
            "published": self.ratio("published_ok", "articles"),
            "person_precision": p,
            "person_recall": r,
            "person_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "organization_recall": self.ratio("organization_tp", "organization_gold"),
            "place_recall": self.ratio("place_tp", "place_gold"),
            "not_people_violations": self.counts["not_people_violations"],
            "quote_recall": self.ratio("quote_found", "quote_gold"),
            "quote_speaker_accuracy": self.ratio("quote_speaker_ok", "quote_gold"),
            "event_recall": self.ratio("event_found", "event_gold"),
        }


def entity_names(extractor: Extractor, key: str, processed: ProcessedFile) -> set[tuple[str, ...]]:
    entity = extractor.registry.entities.get(key)
    names = entity.names if entity else (processed.extraction.unreviewed.get(key, key.split(":", 1)[1]),)
    return {name_key(n) for n in names}


def score_article(gold: dict, processed: ProcessedFile, extractor: Extractor, scores: Scores) -> None:
    article, extraction = processed.article, processed.extraction
    c = scores.counts
    c["articles"] += 1
    for key in ("title", "source", "published"):
        ok = getattr(article, key) == gold.get(key)
        c[f"{key}_ok"] += ok
        if not ok:
            scores.failures.append(f"{gold['file']}: {key} {getattr(article, key)!r} != {gold.get(key)!r}")

    predicted: dict[str, list[set]] = {t: [] for t in TYPES.values()}
    for key in dict.fromkeys(m.entity_key for m in extraction.mentions):
        predicted[key.split(":", 1)[0]].append(entity_names(extractor, key, processed))
    for section, entity_type in TYPES.items():
        gold_sets = [{name_key(n) for n in names} for names in gold.get(section, [])]
        found = [g for g in gold_sets if any(g & p for p in predicted[entity_type])]
        c[f"{entity_type}_gold"] += len(gold_sets)
        c[f"{entity_type}_tp"] += len(found)
        for g in gold_sets:
            if g not in found:
                scores.failures.append(f"{gold['file']}: missed {entity_type} {sorted(g)[0]}")
        if entity_type == "person":
            c["person_predicted"] += len(predicted["person"])
            for p in predicted["person"]:
                if not any(p & g for g in gold_sets):
                    scores.failures.append(f"{gold['file']}: extra person {sorted(p)[0]}")
    not_people = {name_key(n) for n in gold.get("not_people", [])}
    for p in predicted["person"]:
        if p & not_people:
            c["not_people_violations"] += 1
            scores.failures.append(f"{gold['file']}: {sorted(p & not_people)[0]} stored as a person")

    for quote in gold.get("quotes", []):
        c["quote_gold"] += 1
        speakers = {name_key(n) for n in quote["speaker"]}
        matches = [q for q in extraction.quotes if quote["contains"] in q.text]
        if matches:
            c["quote_found"] += 1
        ok = any(_speaker_names(q, extractor, processed) & speakers for q in matches)
        c["quote_speaker_ok"] += ok
        if not ok:
            got = [(q.speaker, q.person_key) for q in matches]
            scores.failures.append(f"{gold['file']}: quote {quote['contains'][:40]!r} speaker {got or 'not found'}")
    for event in gold.get("events", []):
        c["event_gold"] += 1
        ok = any(e.date == event["date"] and event["contains"] in e.sentence for e in extraction.events)
        c["event_found"] += ok
        if not ok:
            scores.failures.append(f"{gold['file']}: event {event['expression']!r} {event['date']} not found")


def _speaker_names(quote, extractor, processed) -> set[tuple[str, ...]]:
    names = set()
    if quote.person_key:
        names |= entity_names(extractor, quote.person_key, processed)
    if quote.speaker:
        names.add(name_key(quote.speaker))
    return names


def evaluate(gold_path: Path, folder: Path, extractor: Extractor) -> Scores:
    """Run the pipeline on every file the gold names (looked up in `folder`) and score it."""
    scores = Scores()
    for gold in json.loads(Path(gold_path).read_text(encoding="utf-8")):
        processed = process_bytes((Path(folder) / gold["file"]).read_bytes(), extractor)
        score_article(gold, processed, extractor, scores)
    return scores
