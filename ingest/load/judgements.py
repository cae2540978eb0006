"""Judgements in the archive: the judgements table (a mirror of db/judgements.yml, refreshed at
every ingest and every decision), the articles each judgement changed, corrected article fields
with what the machine read, and judged quote speakers with the speaker the rules had found."""

from __future__ import annotations

import sqlite_utils

from ..judgements import Judgement, Judgements, describe
from ..models import BY_NAME, Extraction
from ..registry import Registry, slugify

MIRROR_COLUMNS = ("number", "line", "decision", "summary", "name", "entity_type", "entity_slug", "other_slug",
                  "canonical", "description", "wikidata", "article_slug", "article_sha256", "field", "value", "quote_number",
                  "person_slug", "machine_read", "decided_by", "decided_at", "note", "undone_by", "undone_at",
                  "undo_note", "status", "articles")


class JudgementStore:
    def __init__(self, db: sqlite_utils.Database, registry: Registry, judgements: Judgements | None):
        self.db = db
        self.conn = db.conn
        self.registry = registry
        self.judgements = judgements or Judgements()

    # ------------------------------------------------------------ the mirror

    def sync(self, entities) -> None:
        """Replace the mirror of the judgements file; an entity an earlier judgement had accepted
        that none accepts now goes back to being an unreviewed name (or is dropped with its
        last mention: see EntityStore.refresh_counts)."""
        previous = self.conn.execute(
            "SELECT entity_type, entity_slug, name FROM judgements WHERE decision = 'accept' AND status = 'applied'"
        ).fetchall()
        with self.db.atomic():
            for entity_type, slug, name in previous:
                key = f"{entity_type}:{slug}"
                entity = self.registry.entities.get(key)
                if entity is None and entity_type in BY_NAME:
                    entities.demote(key, name)
            self.conn.execute("DELETE FROM judgements")
            self.conn.executemany(
                f"INSERT INTO judgements ({', '.join(MIRROR_COLUMNS)}) VALUES ({', '.join('?' * len(MIRROR_COLUMNS))})",
                [[row[c] for c in MIRROR_COLUMNS] for row in (self._row(j) for j in self.judgements.items)])
            self.refresh_statuses()

    def _row(self, j: Judgement) -> dict:
        row = dict.fromkeys(MIRROR_COLUMNS)
        row.update(number=j.number, line=j.line, decision=j.decision, summary=describe(j), name=j.name,
                   entity_type=j.type, canonical=j.canonical, description=j.description, wikidata=j.wikidata,
                   article_slug=j.article, article_sha256=j.sha256, field=j.field, value=j.value, quote_number=j.quote,
                   person_slug=j.person, machine_read=j.read, decided_by=j.by, decided_at=j.at, note=j.note,
                   undone_by=j.undone_by, undone_at=j.undone_at, undo_note=j.undo_note, articles=0)
        if j.decision in ("accept", "merge"):
            row["entity_slug"] = j.slug
        elif j.decision == "reject":
            row["entity_slug"] = slugify(j.name)
        elif j.decision == "distinct":
            row["entity_slug"], row["other_slug"] = j.slugs
        row["status"] = self._status(j)
        return row

    def _status(self, j: Judgement) -> str:
        if j.undone:
            return "undone"
        if j.number in self.registry.superseded:
            return "superseded: the registry has it"
        return "applied"

    def refresh_statuses(self) -> None:
        """How many articles each judgement changed; a correction or a speaker that changed none
        is not applied (its article is not in the archive, or its text has changed since)."""
        self.conn.execute("""UPDATE judgements SET articles = (SELECT count(*) FROM article_judgements aj
                             WHERE aj.judgement = judgements.number)""")
        self.conn.execute("UPDATE judgements SET status = 'applied' WHERE status LIKE 'not applied%'")
        self.conn.execute("""UPDATE judgements SET status = CASE
              WHEN NOT EXISTS (SELECT 1 FROM articles WHERE articles.sha256 = judgements.article_sha256)
                THEN 'not applied: no article with that text in the archive'
              ELSE 'not applied: the quote is not in the article''s current reading' END
            WHERE status = 'applied' AND articles = 0 AND decision IN ('correct', 'speaker')""")

    # ------------------------------------------------------------ one article

    def forget(self, article_id: int) -> None:
        """Before an article's extraction is written again (quote ids change)."""
        for table in ("quote_judgements", "article_corrections", "article_judgements"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def save(self, article_id: int, processed, entity_id) -> None:
        """What the judgements changed in this article's reading (after its rows are written)."""
        extraction: Extraction = processed.extraction
        if extraction.judged:
            self.conn.executemany("INSERT OR IGNORE INTO article_judgements (article_id, judgement) VALUES (?, ?)",
                                  [(article_id, n) for n in sorted(extraction.judged)])
        if processed.readings:
            self.conn.executemany(
                "INSERT OR REPLACE INTO article_corrections (article_id, field, value, read_value, judgement) "
                "VALUES (?, ?, ?, ?, ?)",
                [(article_id, field_name, getattr(processed.article, field_name), read_value, number)
                 for field_name, (read_value, number) in processed.readings.items()])
        judged_quotes = [q for q in extraction.quotes if q.judgement is not None]
        if judged_quotes:
            ids = {(f, s, e): i for i, f, s, e in self.conn.execute(
                "SELECT id, field, char_start, char_end FROM quotes WHERE article_id = ?", [article_id])}
            key = lambda k: entity_id(k, extraction) if k else None  # noqa: E731
            self.conn.executemany(
                "INSERT OR REPLACE INTO quote_judgements (quote_id, article_id, judgement, read_speaker, read_person_id,"
                " read_organization_id, read_attribution) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(ids[(q.field, q.char_start, q.char_end)], article_id, q.judgement, q.read[0], key(q.read[1]),
                  key(q.read[2]), q.read[3]) for q in judged_quotes if (q.field, q.char_start, q.char_end) in ids])
