"""Articles with their raw files and versions: insert, update in place, read again, rename,
record duplicates; slugs fixed at first ingest; outlets as sources."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass

import sqlite_utils

from ..models import Article
from ..pipeline import ProcessedFile
from ..registry import Registry, slugify
from .clock import now
from .entities import EntityStore

ARTICLE_COLUMNS = ("slug", "title", "lede", "label", "source_id", "published", "date_source", "dateline", "byline",
                   "language", "url", "format", "container", "container_sha256", "item", "body", "captions", "credits", "dropped", "warnings", "word_count", "file", "path",
                   "sha256", "encoding", "extracted_with", "ingested_at", "updated_at")
# what a new reading of an unchanged file may change (the slug and first-ingest time stay)
REREAD_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("slug", "extracted_with", "ingested_at", "updated_at")]
INSERT_ARTICLE = (f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})")


@dataclass(frozen=True)
class Stored:
    """What storing one file did to its article, and whether its extraction is to be written:
    `extraction` is "new" (a new article), "replace" (the article was read anew) or None."""

    outcome: str  # added | updated | unchanged | refreshed | duplicate | renamed
    article_id: int
    extraction: str | None = None


class ArticleStore:
    def __init__(self, db: sqlite_utils.Database, registry: Registry, entities: EntityStore, reading_version: str):
        self.db = db
        self.conn = db.conn
        self.registry = registry
        self.entities = entities
        self.reading_version = reading_version
        self._source_ids: dict[str, int] = {}
        self._container: str | None = None
        self._container_sha: str | None = None

    def store(self, file: str, path: str, data: bytes, processed: ProcessedFile, container: str | None = None,
              container_sha: str | None = None) -> Stored:
        """Insert, update, read again or skip one file's article (inside the caller's transaction).
        An article out of a container is stored under `container#item`; its raw bytes are its own,
        and a feed's own bytes are kept too (`container_sha`: read again from them)."""
        sha = processed.sha256
        self._container, self._container_sha = container, container_sha
        if container_sha is not None and processed.raw is not None and data is not processed.raw:
            self._save_raw(file, container_sha, data, processed.encoding)
        data = processed.raw if processed.raw is not None else data
        same_content = self.conn.execute(
            "SELECT id, path, extracted_with, container FROM articles WHERE sha256 = ?", [sha]).fetchone()
        if same_content:
            article_id, old_path, extracted_with, old_container = same_content
            if old_path == path:
                if extracted_with == self.reading_version:
                    return Stored("unchanged", article_id)
                self._reread(article_id, file, path, processed)
                return Stored("refreshed", article_id, "replace")
            if os.path.exists(old_container or old_path):
                if not self.db.execute("SELECT 1 FROM duplicate_files WHERE path = ?", [path]).fetchone():
                    self.db["duplicate_files"].insert({"file": file, "path": path, "sha256": sha,
                                                       "article_id": article_id, "first_seen": now()})
                return Stored("duplicate", article_id)
            self.db["articles"].update(article_id, {"file": file, "path": path, "updated_at": now()})
            return Stored("renamed", article_id)

        self._save_raw(file, sha, data, processed.encoding)
        row = self._row(file, path, processed)
        same_path = self.conn.execute(
            "SELECT id, version, file, sha256, title, published, body FROM articles WHERE path = ?", [path]).fetchone()
        if not same_path:
            row["slug"] = self._unique_slug(_as_read(processed))
            article_id = self.conn.execute(INSERT_ARTICLE, [row[c] for c in ARTICLE_COLUMNS]).lastrowid
            return Stored("added", article_id, "new")
        article_id, version, old_file, old_sha, old_title, old_published, old_body = same_path
        self.db["article_versions"].insert({
            "article_id": article_id, "version": version, "file": old_file, "sha256": old_sha,
            "title": old_title, "published": old_published, "body": old_body, "replaced_at": now()})
        row.update(version=version + 1)
        row.pop("ingested_at")
        self.db["articles"].update(article_id, row)
        return Stored("updated", article_id, "replace")

    def mark_read(self, article_id: int) -> None:
        self.conn.execute("UPDATE articles SET extracted_with = ? WHERE id = ?", [self.reading_version, article_id])

    def _reread(self, article_id: int, file: str, path: str, processed: ProcessedFile) -> None:
        """Same file, new reading: store what the new reading of it changed (the body, the outlet,
        ...) before its offsets are written. The slug and first-ingest time stay."""
        row = self._row(file, path, processed)
        stored = self.conn.execute(f"SELECT {', '.join(REREAD_COLUMNS)} FROM articles WHERE id = ?", [article_id]).fetchone()
        changed = {c: row[c] for c, old in zip(REREAD_COLUMNS, stored) if row[c] != old}
        if changed:
            self.db["articles"].update(article_id, {**changed, "updated_at": row["updated_at"]})

    def _save_raw(self, file: str, sha: str, data: bytes, encoding: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO raw_files (sha256, file, size, encoding, content) VALUES (?, ?, ?, ?, ?)",
                          [sha, file, len(data), encoding, data])

    def _row(self, file: str, path: str, processed: ProcessedFile) -> dict:
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
            "url": article.url,
            "format": processed.kind,
            "container": self._container,
            "container_sha256": self._container_sha,
            "item": processed.item,
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
            "extracted_with": self.reading_version,
            "ingested_at": stamp,
            "updated_at": stamp,
        }

    def _source_id(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._source_ids:
            row = self.db.execute("SELECT id FROM sources WHERE name = ?", [name]).fetchone()
            if row:
                self._source_ids[name] = row[0]
            else:
                org_key = next((e.key for e in self.registry.of_type("organization") if e.outlet == name), None)
                org_id = self.entities.id_of(org_key) if org_key else None
                slug = slugify(name)
                if self.db.execute("SELECT 1 FROM sources WHERE slug = ?", [slug]).fetchone():
                    slug = f"{slug}-{len(self._source_ids) + 1}"
                self._source_ids[name] = self.db["sources"].insert(
                    {"name": name, "slug": slug, "organization_id": org_id}).last_pk
        return self._source_ids[name]

    def _unique_slug(self, article: Article) -> str:
        # (a slug keeps 10 words: 400 characters of a lede hold them, and slugify is per letter)
        words = slugify(article.title or article.lede[:400]).split("-")
        stem = "-".join(words[:10])[:80].strip("-") or "article"
        base = f"{article.published or 'undated'}-{stem}"
        slug, n = base, 1
        while self.conn.execute("SELECT 1 FROM articles WHERE slug = ?", [slug]).fetchone():
            n += 1
            slug = f"{base}-{n}"
        return slug

    # ------------------------------------------------------------ what the runner asks

    def unchanged_keys(self, key) -> set[int]:
        """key(path, sha256) of every article already read with the current reading version."""
        return {key(path, sha) for path, sha in self.db.execute(
            "SELECT path, sha256 FROM articles WHERE extracted_with = ?", [self.reading_version])}

    def is_unchanged(self, path: str, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE path = ? AND sha256 = ? AND extracted_with = ?",
                               [path, sha256, self.reading_version]).fetchone() is not None

    def stale_ids(self) -> "array":
        """Ids of the articles read by another reading version (an older parser, lexicon or registry)."""
        from array import array

        return array("q", (i for (i,) in self.conn.execute(
            "SELECT id FROM articles WHERE extracted_with IS NOT ? ORDER BY id", [self.reading_version])))

    def raw_of(self, ids) -> list[tuple[int, str, str, bytes]]:
        """(id, file, path, raw bytes) of these articles."""
        marks = ", ".join("?" * len(ids))
        return self.conn.execute(
            f"SELECT a.id, a.file, a.path, r.content, a.format, a.container, a.item, a.container_sha256, c.content "
            f"FROM articles a JOIN raw_files r ON r.sha256 = a.sha256 LEFT JOIN raw_files c ON c.sha256 = a.container_sha256 "
            f"WHERE a.id IN ({marks}) ORDER BY a.id", list(ids)).fetchall()

    def stored_paths(self):
        """The stored path of every article's file (a container's for its items), streamed."""
        return (path for (path,) in self.conn.execute("SELECT DISTINCT coalesce(container, path) FROM articles"))


def _as_read(processed: ProcessedFile) -> Article:
    """The article as the machine read it, before any judgement corrected it: the slug is made
    from it, so the same file gets the same slug on every machine, corrected or not."""
    if not processed.readings:
        return processed.article
    return dataclasses.replace(processed.article, **{f: value for f, (value, _) in processed.readings.items()})


def _json_list(values: list[str]) -> str | None:
    return json.dumps(values, ensure_ascii=False) if values else None
