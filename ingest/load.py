"""The only module that writes SQLite: registry rows, articles and everything extracted
from them, one transaction per article."""

from __future__ import annotations

import datetime as dt
import json
import os
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import __version__
from .models import Article, Extraction
from .pipeline import ProcessedFile
from .registry import Entity, Registry, slugify
from .schema import begin_bulk_load, ensure_schema, finish_bulk_load
from .wire import MAX_CANDIDATES, MAX_SHINGLE_ARTICLES, MIN_SHARED_SHINGLES

ENTITY_TABLES = {"person": "people", "organization": "organizations", "place": "places"}
ENTITY_COLUMNS = {"person": "person_id", "organization": "organization_id", "place": "place_id"}
ENTITY_POSITION = {entity_type: i for i, entity_type in enumerate(ENTITY_COLUMNS)}  # in a mentions row
CHILD_TABLES = ("mentions", "quotes", "roles", "events", "article_shingles")  # article_entities: _index_entities
ARTICLE_COLUMNS = ("slug", "title", "lede", "label", "source_id", "published", "date_source", "dateline", "byline",
                   "language", "body", "captions", "credits", "dropped", "warnings", "word_count", "file", "path",
                   "sha256", "encoding", "extracted_with", "ingested_at", "updated_at")
# what a new reading of an unchanged file may change (the slug and first-ingest time stay)
REREAD_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("slug", "extracted_with", "ingested_at", "updated_at")]
INSERT_ARTICLE = (f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class SaveResult:
    outcome: str  # added | updated | unchanged | refreshed | duplicate | renamed
    article_id: int
    mentions: int = 0


WRITER_CACHE_KB = 64 * 1024


class Archive:
    """A handle on the archive database for writing."""

    def __init__(self, path: str | Path, registry: Registry, extractor_id: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.conn.execute("PRAGMA busy_timeout = 10000")
        ensure_schema(self.db)
        self.db.execute("PRAGMA synchronous = NORMAL")
        # Keys like sha256, slug and path arrive in random order: with SQLite's 2 MB default cache
        # their index inserts read pages from disk once an archive passes ~100k articles.
        self.db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
        # SQLite's sorter may use helper threads: index builds at the end of a bulk load run while
        # the worker processes are idle (15-25% faster at 100k articles)
        self.db.execute(f"PRAGMA threads = {min(4, os.cpu_count() or 1)}")
        self.registry = registry
        self.extractor_id = extractor_id
        self._entity_ids: dict[str, int] = {}
        self._source_ids: dict[str, int] = {}
        self.touched: set[tuple[str, int]] = set()  # entities whose counts this run changed
        # entity_months changes of the current batch, written once per commit (many articles
        # of a batch count in the same entity and month)
        self._month_changes: Counter[tuple[str, int, str]] = Counter()
        self._article_month_changes: Counter[tuple[str, int, str]] = Counter()
        self.conn = self.db.conn
        self.bulk = False
        self._has_common_shingles: bool | None = None  # looked up once, at the first article

    def close(self) -> None:
        self.db.close()

    def begin(self) -> None:
        """Start a batch: whole articles are saved inside it, each in its own savepoint."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN")

    def commit(self) -> None:
        self._write_month_changes()
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def begin_bulk(self) -> None:
        """Bulk mode for large loads: full-text indexes are built once and reader-only indexes
        created at finish_bulk(). Readers see new articles at once but find them by search only
        after it. A load stopped midway is repaired the next time the archive is opened."""
        self.commit()
        with self.db.atomic():
            begin_bulk_load(self.db)
        self.bulk = True

    def finish_bulk(self) -> bool:
        """End bulk mode: build what it deferred. False if the archive was not in bulk mode."""
        if not self.bulk:
            return False
        self.commit()
        finish_bulk_load(self.db)
        self.bulk = False
        return True

    # ------------------------------------------------------------ registry

    def sync_registry(self) -> None:
        """Upsert registry entities (only rows that changed) and their aliases."""
        with self.db.atomic():
            for entity in self.registry.entities.values():
                self._save_entity(entity)
        self._load_entity_ids()

    def _save_entity(self, entity: Entity) -> None:
        table = ENTITY_TABLES[entity.type]
        row = {"slug": entity.slug, "name": entity.name, "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
               "description": entity.description, "country": entity.country, "reviewed": 1}
        if entity.type == "person":
            row["gender"] = entity.gender
        else:
            row["kind"] = entity.kind
        existing = self.db.execute(f"SELECT id, {', '.join(row)} FROM {table} WHERE slug = ?", [entity.slug]).fetchone()
        if existing and tuple(existing[1:]) == tuple(row.values()):
            return
        if existing:
            self.db[table].update(existing[0], row)
            entity_id = existing[0]
        else:
            entity_id = self.db[table].insert(row).last_pk
        column = ENTITY_COLUMNS[entity.type]
        self.db.execute(f"DELETE FROM aliases WHERE {column} = ?", [entity_id])
        self.db.conn.executemany(f"INSERT INTO aliases (alias, {column}) VALUES (?, ?)",
                                 [(name, entity_id) for name in entity.names])

    def _load_entity_ids(self) -> None:
        self._entity_ids = {}
        for entity_type, table in ENTITY_TABLES.items():
            for entity_id, slug in self.db.execute(f"SELECT id, slug FROM {table}").fetchall():
                self._entity_ids[f"{entity_type}:{slug}"] = entity_id

    def _entity_id(self, key: str, extraction: Extraction) -> int:
        """The row id of a registry entity or of an unreviewed name (created on first sight)."""
        if key in self._entity_ids:
            return self._entity_ids[key]
        entity_type, slug = key.split(":", 1)
        name = extraction.unreviewed.get(key, slug)
        table = ENTITY_TABLES[entity_type]
        row = {"slug": slug, "name": name, "aliases": "[]", "reviewed": 0}
        entity_id = self.db[table].insert(row).last_pk
        self._entity_ids[key] = entity_id
        return entity_id

    def _source_id(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._source_ids:
            row = self.db.execute("SELECT id FROM sources WHERE name = ?", [name]).fetchone()
            if row:
                self._source_ids[name] = row[0]
            else:
                org_key = next((e.key for e in self.registry.of_type("organization") if e.outlet == name), None)
                org_id = self._entity_ids.get(org_key) if org_key else None
                slug = slugify(name)
                if self.db.execute("SELECT 1 FROM sources WHERE slug = ?", [slug]).fetchone():
                    slug = f"{slug}-{len(self._source_ids) + 1}"
                self._source_ids[name] = self.db["sources"].insert(
                    {"name": name, "slug": slug, "organization_id": org_id}).last_pk
        return self._source_ids[name]

    # ------------------------------------------------------------ runs and errors

    def start_run(self, paths: list[str]) -> int:
        with self.db.atomic():
            return self.db["ingest_runs"].insert(
                {"started_at": now(), "paths": json.dumps(paths), "code_version": __version__}).last_pk

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self.db.atomic():
            self.refresh_counts()
            self.db["ingest_runs"].update(run_id, {"finished_at": now(), **counts})

    def record_error(self, run_id: int, file: str, path: str, sha256: str | None, data: bytes | None,
                     error: str, message: str) -> None:
        """Quarantine a file that could not be ingested: its name, the reason and its raw bytes."""
        with self.db.atomic():
            self.db["ingest_errors"].insert({"run_id": run_id, "file": file, "path": path, "sha256": sha256,
                                             "error": error, "message": message, "raw": data, "created_at": now()})

    def refresh_counts(self) -> None:
        """Precomputed counts so list pages and facets never count at request time; only the
        entities whose articles changed in this run are recounted."""
        touched = sorted(self.touched)
        for entity_type, table in ENTITY_TABLES.items():
            ids = [i for t, i in touched if t == entity_type]
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                self.db.execute(f"""
                    UPDATE {table} SET
                      mention_count = (SELECT coalesce(sum(mentions), 0) FROM article_entities
                                       WHERE entity_type = '{entity_type}' AND entity_id = {table}.id),
                      article_count = (SELECT count(*) FROM article_entities
                                       WHERE entity_type = '{entity_type}' AND entity_id = {table}.id)
                    WHERE id IN ({", ".join("?" * len(chunk))})""", chunk)
        self.db.execute("DELETE FROM entity_months WHERE articles <= 0")
        self.touched.clear()
        self.db.execute("""
            UPDATE sources SET article_count = (SELECT count(*) FROM articles WHERE source_id = sources.id)
            WHERE article_count != (SELECT count(*) FROM articles WHERE source_id = sources.id)""")

    def unchanged_keys(self, key) -> set[int]:
        """key(path, sha256) of every article already extracted with the current extractor."""
        return {key(path, sha) for path, sha in self.db.execute(
            "SELECT path, sha256 FROM articles WHERE extracted_with = ?", [self.extractor_id])}

    def is_unchanged(self, path: str, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE path = ? AND sha256 = ? AND extracted_with = ?",
                               [path, sha256, self.extractor_id]).fetchone() is not None

    def stored_paths(self):
        """The stored path of every article, streamed."""
        return (path for (path,) in self.conn.execute("SELECT path FROM articles"))

    # ------------------------------------------------------------ articles

    def save(self, file: str, path: str, data: bytes, processed: ProcessedFile) -> SaveResult:
        """Insert, update or skip one file's article, all in one transaction (or savepoint of a batch)."""
        self._article_month_changes.clear()
        with self.db.atomic():
            result = self._save(file, path, data, processed)
        self._month_changes.update(self._article_month_changes)  # only once the article is saved
        if not self.db.conn.in_transaction:
            self._write_month_changes()
        return result

    def _write_month_changes(self) -> None:
        changes = [(t, i, month, n) for (t, i, month), n in self._month_changes.items() if n]
        self._month_changes.clear()
        if changes:
            with self.db.atomic():
                self.conn.executemany(
                    "INSERT INTO entity_months (entity_type, entity_id, month, articles) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT DO UPDATE SET articles = articles + excluded.articles", changes)

    def _save(self, file: str, path: str, data: bytes, processed: ProcessedFile) -> SaveResult:
        sha = processed.sha256
        same_content = self.conn.execute(
            "SELECT id, path, extracted_with FROM articles WHERE sha256 = ?", [sha]).fetchone()
        if same_content:
            article_id, old_path, extracted_with = same_content
            if old_path == path:
                if extracted_with == self.extractor_id:
                    return SaveResult("unchanged", article_id)
                self._reread(article_id, file, path, processed)
                return SaveResult("refreshed", article_id, self._replace_children(article_id, processed))
            if os.path.exists(old_path):
                if not self.db.execute("SELECT 1 FROM duplicate_files WHERE path = ?", [path]).fetchone():
                    self.db["duplicate_files"].insert({"file": file, "path": path, "sha256": sha,
                                                       "article_id": article_id, "first_seen": now()})
                return SaveResult("duplicate", article_id)
            self.db["articles"].update(article_id, {"file": file, "path": path, "updated_at": now()})
            return SaveResult("renamed", article_id)

        self._save_raw(file, sha, data, processed.encoding)
        row = self._article_row(file, path, processed)
        same_path = self.conn.execute(
            "SELECT id, version, file, sha256, title, published, body FROM articles WHERE path = ?", [path]).fetchone()
        if same_path:
            article_id, version, old_file, old_sha, old_title, old_published, old_body = same_path
            self.db["article_versions"].insert({
                "article_id": article_id, "version": version, "file": old_file, "sha256": old_sha,
                "title": old_title, "published": old_published, "body": old_body, "replaced_at": now()})
            row.update(version=version + 1)
            row.pop("ingested_at")
            self.db["articles"].update(article_id, row)
            outcome = "updated"
        else:
            row["slug"] = self._unique_slug(processed.article)
            article_id = self.conn.execute(INSERT_ARTICLE, [row[c] for c in ARTICLE_COLUMNS]).lastrowid
            return SaveResult("added", article_id, self._replace_children(article_id, processed, new=True))
        return SaveResult(outcome, article_id, self._replace_children(article_id, processed))

    def _reread(self, article_id: int, file: str, path: str, processed: ProcessedFile) -> None:
        """Same file, new extractor: store what the new reading of it changed (the body, the
        outlet, ...) before its offsets are written. The slug and first-ingest time stay."""
        row = self._article_row(file, path, processed)
        stored = self.conn.execute(f"SELECT {', '.join(REREAD_COLUMNS)} FROM articles WHERE id = ?", [article_id]).fetchone()
        changed = {c: row[c] for c, old in zip(REREAD_COLUMNS, stored) if row[c] != old}
        if changed:
            self.db["articles"].update(article_id, {**changed, "updated_at": row["updated_at"]})

    def _save_raw(self, file: str, sha: str, data: bytes, encoding: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO raw_files (sha256, file, size, encoding, content) VALUES (?, ?, ?, ?, ?)",
                          [sha, file, len(data), encoding, data])

    def _article_row(self, file: str, path: str, processed: ProcessedFile) -> dict:
        article: Article = processed.article
        stamp = now()
        return {
            "title": article.title,
            "lede": article.lede,
            "label": article.title or article.lede,
            "source_id": self._source_id(article.source),
            "published": article.published,
            "date_source": article.date_source,
            "dateline": article.dateline,
            "byline": article.byline,
            "language": article.language,
            "body": article.body,
            "captions": article.captions_text or None,
            "credits": _json_list(article.credits),
            "dropped": _json_list(article.dropped),
            "warnings": _json_list(article.warnings),
            "word_count": len(article.body.split()),
            "file": file,
            "path": path,
            "sha256": processed.sha256,
            "encoding": processed.encoding,
            "extracted_with": self.extractor_id,
            "ingested_at": stamp,
            "updated_at": stamp,
        }

    def _unique_slug(self, article: Article) -> str:
        words = slugify(article.title or article.lede).split("-")
        stem = "-".join(words[:10])[:80].strip("-") or "article"
        base = f"{article.published or 'undated'}-{stem}"
        slug, n = base, 1
        while self.conn.execute("SELECT 1 FROM articles WHERE slug = ?", [slug]).fetchone():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _replace_children(self, article_id: int, processed: ProcessedFile, new: bool = False) -> int:
        """Write (for an existing article: delete and rewrite) everything extracted from one
        article; returns the mention count."""
        conn = self.conn
        extraction = processed.extraction
        if not new:
            self._unindex_entities(article_id)
            for table in CHILD_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
            conn.execute("DELETE FROM shared_passages WHERE article_id = ? OR other_article_id = ?",
                         [article_id, article_id])
            conn.execute("DELETE FROM shared_copy_pending WHERE article_id = ?", [article_id])
            conn.execute("UPDATE articles SET extracted_with = ? WHERE id = ?", [self.extractor_id, article_id])
        rows = []
        per_entity: Counter[tuple[str, int]] = Counter()
        for m in extraction.mentions:
            ids = [None, None, None]
            entity_id = self._entity_id(m.entity_key, extraction)
            ids[ENTITY_POSITION[m.entity_type]] = entity_id
            per_entity[m.entity_type, entity_id] += 1
            rows.append((article_id, *ids, m.field, m.char_start, m.char_end, m.surface, m.resolution))
        conn.executemany(
            "INSERT INTO mentions (article_id, person_id, organization_id, place_id, field, char_start, char_end,"
            " surface, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        key_id = lambda key: self._entity_id(key, extraction) if key else None  # noqa: E731
        published = processed.article.published
        if extraction.quotes:
            conn.executemany(
                "INSERT INTO quotes (article_id, person_id, organization_id, speaker, text, field, char_start,"
                " char_end, kind, attribution, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, key_id(q.person_key), key_id(q.organization_key), q.speaker, q.text, q.field,
                  q.char_start, q.char_end, q.kind, q.attribution, published) for q in extraction.quotes])
        if extraction.roles:
            conn.executemany(
                "INSERT INTO roles (person_id, title, organization_id, place_id, article_id, published, char_start,"
                " char_end, surface) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(key_id(r.person_key), r.title, key_id(r.organization_key), key_id(r.place_key), article_id,
                  published, r.char_start, r.char_end, r.surface) for r in extraction.roles])
        if extraction.events:
            conn.executemany(
                "INSERT INTO events (article_id, date, precision, expression, relative, sentence, field, char_start,"
                " char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, e.date, e.precision, e.expression, int(e.relative), e.sentence, e.field, e.char_start,
                  e.char_end) for e in extraction.events])
        self._index_shingles(article_id, processed.shingles)
        self._index_entities(article_id, published, per_entity)
        return len(rows)

    def _unindex_entities(self, article_id: int) -> None:
        """Take an article out of article_entities and the per-month counts before its mentions change."""
        old = self.conn.execute("SELECT entity_type, entity_id, published FROM article_entities WHERE article_id = ?",
                                [article_id]).fetchall()
        self.touched.update((t, i) for t, i, _ in old)
        self._article_month_changes.subtract((t, i, (p or "undated")[:7]) for t, i, p in old)
        self.conn.execute("DELETE FROM article_entities WHERE article_id = ?", [article_id])

    def _index_entities(self, article_id: int, published: str | None, per_entity: Counter) -> None:
        """Record which entities the article mentions (and how often) and count it in their months."""
        self.conn.executemany(
            "INSERT INTO article_entities (article_id, entity_type, entity_id, published, mentions) VALUES (?, ?, ?, ?, ?)",
            [(article_id, t, i, published, n) for (t, i), n in per_entity.items()])
        self.touched.update(per_entity)
        month = (published or "undated")[:7]
        self._article_month_changes.update((t, i, month) for t, i in per_entity)

    def _index_shingles(self, article_id: int, hashes: list[int]) -> None:
        """Index the article's sampled shingles (boilerplate ones excepted) and queue it for the
        shared-copy comparison at the end of the run."""
        if not hashes:
            return
        common = set()
        if self._has_common_shingles is None:  # none are retired until a run's end (pending_shared_copy)
            self._has_common_shingles = self.conn.execute("SELECT 1 FROM common_shingles LIMIT 1").fetchone() is not None
        if self._has_common_shingles:
            marks = ", ".join("?" * len(hashes))
            common = {h for (h,) in self.conn.execute(f"SELECT hash FROM common_shingles WHERE hash IN ({marks})", hashes)}
        rare = [(h, article_id) for h in hashes if h not in common]
        if len(rare) >= MIN_SHARED_SHINGLES:
            self.conn.executemany("INSERT INTO article_shingles (hash, article_id) VALUES (?, ?)", rare)
            self.conn.execute("INSERT OR IGNORE INTO shared_copy_pending (article_id) VALUES (?)", [article_id])

    # ------------------------------------------------------------ shared wire copy

    def pending_shared_copy(self) -> array:
        """Retire boilerplate shingles (those in more than MAX_SHINGLE_ARTICLES articles), then
        return the ids of the articles waiting to be compared. Retired shingles are only marked:
        the candidate query skips them, and deleting millions of index entries would cost more."""
        pending = self.conn.execute("SELECT count(*) FROM shared_copy_pending").fetchone()[0]
        if not pending:
            return array("q")
        everything = pending * 10 > self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        self._has_common_shingles = None
        with self.db.atomic():
            self.conn.execute(f"""
                INSERT OR IGNORE INTO common_shingles (hash)
                SELECT hash FROM article_shingles
                {"" if everything else
                 "WHERE hash IN (SELECT s.hash FROM shared_copy_pending p JOIN article_shingles s USING (article_id))"}
                GROUP BY hash HAVING count(*) > {MAX_SHINGLE_ARTICLES}""")
        return array("q", (i for (i,) in self.conn.execute("SELECT article_id FROM shared_copy_pending ORDER BY article_id")))

    def shared_copy_candidates(self, article_ids: list[int]) -> list[tuple[int, int]]:
        """(article, earlier article) pairs that share enough sampled shingles to be compared: for each
        article its best MAX_CANDIDATES among articles already linked or queued before it."""
        lo, hi = article_ids[0], article_ids[-1]
        return self.conn.execute(f"""
            SELECT a, b FROM (
              SELECT mine.article_id AS a, other.article_id AS b,
                     row_number() OVER (PARTITION BY mine.article_id ORDER BY count(*) DESC, other.article_id) AS r
              FROM shared_copy_pending p
              JOIN article_shingles mine ON mine.article_id = p.article_id
                   AND NOT EXISTS (SELECT 1 FROM common_shingles c WHERE c.hash = mine.hash)
              JOIN article_shingles other ON other.hash = mine.hash AND other.article_id != mine.article_id
              WHERE p.article_id BETWEEN ? AND ?
                AND (other.article_id < mine.article_id
                     OR other.article_id NOT IN (SELECT article_id FROM shared_copy_pending))
              GROUP BY mine.article_id, other.article_id
              HAVING count(*) >= {MIN_SHARED_SHINGLES})
            WHERE r <= {MAX_CANDIDATES}""", [lo, hi]).fetchall()

    def save_shared_copy(self, article_ids: list[int], rows: list[tuple]) -> None:
        """Store the passages found for a chunk of queued articles and take them off the queue."""
        with self.db.atomic():
            self.conn.executemany(
                "INSERT INTO shared_passages (article_id, other_article_id, similarity, shared_words, passages)"
                " VALUES (?, ?, ?, ?, ?)", rows)
            lo, hi = article_ids[0], article_ids[-1]
            self.conn.execute("DELETE FROM shared_copy_pending WHERE article_id BETWEEN ? AND ?", [lo, hi])


def _json_list(values: list[str]) -> str | None:
    return json.dumps(values, ensure_ascii=False) if values else None
