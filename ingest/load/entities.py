"""Entities and what articles say about them: registry rows and aliases, names found in articles,
the mentions, quotes, roles and events of each article, and the counts derived from them
(article_entities, entity_months, mention_count, article_count)."""

from __future__ import annotations

import json
from collections import Counter

import sqlite_utils

from ..models import BY_NAME, ENTITY_TYPES, Extraction
from ..places import place_index
from ..registry import Entity, Registry

EXTRACTION_TABLES = ("mentions", "quotes", "roles", "events")


class EntityStore:
    def __init__(self, db: sqlite_utils.Database, registry: Registry):
        self.db = db
        self.conn = db.conn
        self.registry = registry
        self._ids: dict[str, int] = {}
        self.touched: set[tuple[str, int]] = set()  # entities whose counts this run changed
        # entity_months changes of the current batch, written once per commit (many articles of a
        # batch count in the same entity and month); those of the article being saved, apart
        self._month_changes: Counter[tuple[str, int, str]] = Counter()
        self._article_month_changes: Counter[tuple[str, int, str]] = Counter()

    # ------------------------------------------------------------ registry

    def sync_registry(self) -> None:
        """Upsert registry entities (only rows that changed) and their aliases; registry places get
        their coordinates from the registry or the gazetteer."""
        index = place_index(self.registry)
        with self.db.atomic():
            for entity in self.registry.entities.values():
                self._save_entity(entity, index)
        self._load_ids()

    def _save_entity(self, entity: Entity, index) -> None:
        entity_type = BY_NAME[entity.type]
        row = {"slug": entity.slug, "name": entity.name, "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
               "description": entity.description, "country": entity.country, "wikidata_id": entity.wikidata_id,
               "origin": "judgement" if entity.judgement else "registry", "reviewed": 1}
        if entity.type == "person":
            row["gender"] = entity.gender
        else:
            row["kind"] = entity.kind
        if entity.type == "place":
            place = index.place_of(entity.key)
            row["geonameid"] = entity.geonameid or (place.geonameid if place else None)
            row["latitude"], row["longitude"] = index.coordinates(entity) or (None, None)
        existing = self.db.execute(f"SELECT id, {', '.join(row)} FROM {entity_type.table} WHERE slug = ?",
                                   [entity.slug]).fetchone()
        if existing and tuple(existing[1:]) == tuple(row.values()):
            return
        if existing:
            self.db[entity_type.table].update(existing[0], row)
            entity_id = existing[0]
        else:
            entity_id = self.db[entity_type.table].insert(row).last_pk
        self.db.execute(f"DELETE FROM aliases WHERE {entity_type.column} = ?", [entity_id])
        self.conn.executemany(f"INSERT INTO aliases (alias, {entity_type.column}) VALUES (?, ?)",
                              [(name, entity_id) for name in entity.names])

    def _load_ids(self) -> None:
        self._ids = {}
        for entity_type in ENTITY_TYPES:
            for entity_id, slug in self.db.execute(f"SELECT id, slug FROM {entity_type.table}").fetchall():
                self._ids[f"{entity_type.name}:{slug}"] = entity_id

    def demote(self, key: str, name: str | None) -> None:
        """An entity a judgement had accepted and none accepts now: an unreviewed name again, as
        it was found (`name`), with no description or aliases; its counts are refreshed (and a
        name no article holds any more is dropped) at the end of the run."""
        type_name, slug = key.split(":", 1)
        entity_type = BY_NAME[type_name]
        found = self.db.execute(f"SELECT id FROM {entity_type.table} WHERE slug = ? AND reviewed = 1", [slug]).fetchone()
        if not found:
            return
        row = {"name": name or slug, "aliases": "[]", "description": None, "country": None, "reviewed": 0,
               "origin": "text"}
        row["gender" if type_name == "person" else "kind"] = None
        self.db[entity_type.table].update(found[0], row)
        self.db.execute(f"DELETE FROM aliases WHERE {entity_type.column} = ?", [found[0]])
        self.touched.add((type_name, found[0]))

    def id_of(self, key: str) -> int | None:
        """The row id of a registry entity or of a name already stored, by key."""
        return self._ids.get(key)

    def entity_id(self, key: str, extraction: Extraction) -> int:
        """The row id of a registry entity or of an unreviewed name (created on first sight)."""
        if key in self._ids:
            return self._ids[key]
        type_name, slug = key.split(":", 1)
        name = extraction.unreviewed.get(key, slug)
        row = {"slug": slug, "name": name, "aliases": "[]", "reviewed": 0, "origin": "text"}
        found = extraction.found.get(key)
        if found is not None:
            row["origin"] = found.origin
            if type_name != "person":
                row["kind"], row["country"] = found.kind, found.country
            if type_name == "place":
                row.update(latitude=found.latitude, longitude=found.longitude, geonameid=found.geonameid)
        entity_id = self.db[BY_NAME[type_name].table].insert(row).last_pk
        self._ids[key] = entity_id
        return entity_id

    # ------------------------------------------------------------ one article's extraction

    def start_article(self) -> None:
        self._article_month_changes.clear()

    def article_saved(self) -> None:
        """The article's transaction or savepoint committed: its month counts join the batch's."""
        self._month_changes.update(self._article_month_changes)

    def forget(self, article_id: int) -> None:
        """Take an article's mentions, quotes, roles and events out, and it out of the counts."""
        old = self.conn.execute("SELECT entity_type, entity_id, published FROM article_entities WHERE article_id = ?",
                                [article_id]).fetchall()
        self.touched.update((t, i) for t, i, _ in old)
        self._article_month_changes.subtract((t, i, (p or "undated")[:7]) for t, i, p in old)
        self.conn.execute("DELETE FROM article_entities WHERE article_id = ?", [article_id])
        for table in EXTRACTION_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def save(self, article_id: int, extraction: Extraction, published: str | None) -> int:
        """Write an article's mentions, quotes, roles and events; returns the mention count."""
        conn = self.conn
        rows = []
        per_entity: Counter[tuple[str, int]] = Counter()
        for m in extraction.mentions:
            ids = [None, None, None]
            entity_id = self.entity_id(m.entity_key, extraction)
            ids[BY_NAME[m.entity_type].position] = entity_id
            per_entity[m.entity_type, entity_id] += 1
            rows.append((article_id, *ids, m.field, m.char_start, m.char_end, m.surface, m.resolution))
        conn.executemany(
            "INSERT INTO mentions (article_id, person_id, organization_id, place_id, field, char_start, char_end,"
            " surface, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        key_id = lambda key: self.entity_id(key, extraction) if key else None  # noqa: E731
        if extraction.quotes:
            conn.executemany(
                "INSERT INTO quotes (article_id, person_id, organization_id, speaker, text, field, char_start,"
                " char_end, kind, attribution, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, key_id(q.person_key), key_id(q.organization_key), q.speaker, q.text, q.field,
                  q.char_start, q.char_end, q.kind, q.attribution, published) for q in extraction.quotes])
        if extraction.roles:
            conn.executemany(
                "INSERT INTO roles (person_id, title, organization_id, place_id, article_id, published, field,"
                " char_start, char_end, surface) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(key_id(r.person_key), r.title, key_id(r.organization_key), key_id(r.place_key), article_id,
                  published, r.field, r.char_start, r.char_end, r.surface) for r in extraction.roles])
        if extraction.events:
            conn.executemany(
                "INSERT INTO events (article_id, date, precision, expression, relative, sentence, field, char_start,"
                " char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, e.date, e.precision, e.expression, int(e.relative), e.sentence, e.field, e.char_start,
                  e.char_end) for e in extraction.events])
        self._index(article_id, published, per_entity)
        return len(rows)

    def _index(self, article_id: int, published: str | None, per_entity: Counter) -> None:
        """Record which entities the article mentions (and how often) and count it in their months."""
        self.conn.executemany(
            "INSERT INTO article_entities (article_id, entity_type, entity_id, published, mentions) VALUES (?, ?, ?, ?, ?)",
            [(article_id, t, i, published, n) for (t, i), n in per_entity.items()])
        self.touched.update(per_entity)
        month = (published or "undated")[:7]
        self._article_month_changes.update((t, i, month) for t, i in per_entity)

    # ------------------------------------------------------------ derived counts

    def write_month_changes(self) -> None:
        changes = [(t, i, month, n) for (t, i, month), n in self._month_changes.items() if n]
        self._month_changes.clear()
        if changes:
            with self.db.atomic():
                self.conn.executemany(
                    "INSERT INTO entity_months (entity_type, entity_id, month, articles) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET articles = articles + excluded.articles", changes)

    def _drop_orphans(self, entity_type, ids: list[int]) -> None:
        """Unreviewed names that no article holds any more (the registry or a judgement now reads
        them as another entity's, or not as names): gone, as a first reading would never have
        made them. Reviewed entities stay, named or not."""
        column = entity_type.column
        referenced = [f"SELECT 1 FROM mentions WHERE {column} = t.id", f"SELECT 1 FROM aliases WHERE {column} = t.id"]
        if entity_type.name in ("person", "organization"):
            referenced += [f"SELECT 1 FROM quotes WHERE {column} = t.id",
                           f"SELECT 1 FROM quote_judgements WHERE read_{column} = t.id"]
        referenced.append(f"SELECT 1 FROM roles WHERE {column} = t.id")
        if entity_type.name == "organization":
            referenced.append("SELECT 1 FROM sources WHERE organization_id = t.id")
        gone = [i for (i,) in self.db.execute(
            f"SELECT id FROM {entity_type.table} t WHERE t.id IN ({', '.join('?' * len(ids))}) AND t.reviewed = 0 "
            f"AND t.article_count = 0 AND " + " AND ".join(f"NOT EXISTS ({q})" for q in referenced), ids)]
        if gone:
            self.db.execute(f"DELETE FROM {entity_type.table} WHERE id IN ({', '.join('?' * len(gone))})", gone)
            dropped = set(gone)
            self._ids = {k: v for k, v in self._ids.items() if not (k.startswith(entity_type.name + ":") and v in dropped)}

    def refresh_counts(self) -> None:
        """Precomputed counts so list pages and facets never count at request time; only the
        entities whose articles changed in this run are recounted."""
        touched = sorted(self.touched)
        for entity_type in ENTITY_TYPES:
            table = entity_type.table
            ids = [i for t, i in touched if t == entity_type.name]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                self.db.execute(f"""
                    UPDATE {table} SET
                      mention_count = (SELECT coalesce(sum(mentions), 0) FROM article_entities
                                       WHERE entity_type = '{entity_type.name}' AND entity_id = {table}.id),
                      article_count = (SELECT count(*) FROM article_entities
                                       WHERE entity_type = '{entity_type.name}' AND entity_id = {table}.id)
                    WHERE id IN ({", ".join("?" * len(chunk))})""", chunk)
                self._drop_orphans(entity_type, chunk)
        self.db.execute("DELETE FROM entity_months WHERE articles <= 0")
        self.touched.clear()
        self.db.execute("""
            UPDATE sources SET article_count = (SELECT count(*) FROM articles WHERE source_id = sources.id)
            WHERE article_count != (SELECT count(*) FROM articles WHERE source_id = sources.id)""")
        # an outlet no article names any more (a re-read or a correction gave its articles another)
        self.db.execute("DELETE FROM sources WHERE article_count = 0 AND NOT EXISTS "
                        "(SELECT 1 FROM articles WHERE source_id = sources.id)")
