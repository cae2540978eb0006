"""Shared by the review tests: the archive they review (the seeds, names the registry lacks,
Russian-language articles and the review set), and a snapshot of an archive's readings that two
archives built in different ways (a decision applied at once, a fresh ingest) can be compared by."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from conftest import SEEDS, TESTS
from ingest.runner import ingest_paths

NAMES = TESTS / "corpus" / "names"
RUSSIAN = TESTS / "corpus" / "russian"
REVIEW = TESTS / "corpus" / "review"
FOLDERS = (SEEDS, NAMES, RUSSIAN, REVIEW)

NK_NEWS = "2025-12-09-north-korean-vice-foreign-minister-in-moscow-for-un-talks"  # names/nknews_kim_son_gyong_moscow
DUMA = "2025-06-18-russian-duma-delegation-arrives-in-pyongyang-ahead-of-treaty-anniversary"  # names/reuters_duma
LAVROVS = "2026-02-11-first-freight-train-to-rason-set-for-april-as-khabarovsk"  # review/fareastcourier_...
CHOE = "2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed"  # a seed


def copy_corpus(root: Path) -> list[Path]:
    """The review corpus copied under root (Markdown READMEs left out), as ingest paths."""
    paths = []
    for folder in FOLDERS:
        target = root / "corpus" / folder.name
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("*.md", "*.json"))
        paths.append(target)
    return paths


def ingest(paths: list[Path], db: Path, judgements: Path | None = None, **options):
    return ingest_paths(paths, db, report=lambda line: None, workers=0, judgements_path=judgements, **options)


def fresh(paths: list[Path], db: Path, judgements: Path | None, **options) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    ingest(paths, db, judgements, **options)
    return db


def snapshot(db: Path, mirror: bool = True) -> dict:
    """Everything a reading produced, with ids replaced by slugs (ids differ between archives
    built in different orders): articles, entities and their counts, mentions, quotes, roles,
    events, the derived tables, shared copy and what the judgements changed."""
    conn = sqlite3.connect(db)
    try:
        key = {}
        for kind, table in (("person", "people"), ("organization", "organizations"), ("place", "places")):
            for i, slug in conn.execute(f"SELECT id, slug FROM {table}"):
                key[(kind, i)] = f"{kind}:{slug}"

        def entity(p, o, pl):
            return next((key[(k, v)] for k, v in (("person", p), ("organization", o), ("place", pl)) if v), None)

        slug = dict(conn.execute("SELECT id, slug FROM articles"))
        out = {
            "articles": conn.execute("""SELECT a.slug, a.title, a.label, s.name, a.published, a.byline, a.date_source,
                a.extracted_with FROM articles a LEFT JOIN sources s ON s.id = a.source_id""").fetchall(),
            "entities": [r for t in ("people", "organizations", "places") for r in conn.execute(
                f"SELECT '{t}', slug, name, reviewed, aliases, description, mention_count, article_count FROM {t}")],
            "aliases": [(a, entity(p, o, pl)) for a, p, o, pl in conn.execute(
                "SELECT alias, person_id, organization_id, place_id FROM aliases")],
            "mentions": [(slug[a], f, s, e, surface, how, entity(p, o, pl)) for a, p, o, pl, f, s, e, surface, how in
                         conn.execute("SELECT article_id, person_id, organization_id, place_id, field, char_start,"
                                      " char_end, surface, resolution FROM mentions")],
            "quotes": [(slug[a], f, s, e, spk, how, kind, entity(p, o, None)) for a, p, o, f, s, e, spk, how, kind in
                       conn.execute("SELECT article_id, person_id, organization_id, field, char_start, char_end,"
                                    " speaker, attribution, kind FROM quotes")],
            "roles": [(key[("person", p)], t, slug[a], s, e) for p, t, a, s, e in conn.execute(
                "SELECT person_id, title, article_id, char_start, char_end FROM roles")],
            "events": [(slug[a], *rest) for a, *rest in conn.execute(
                "SELECT article_id, date, expression, field, char_start FROM events")],
            "article_entities": [(slug[a], key[(t, i)], n, p) for a, t, i, n, p in conn.execute(
                "SELECT article_id, entity_type, entity_id, mentions, published FROM article_entities")],
            "entity_months": [(key[(t, i)], m, n) for t, i, m, n in conn.execute(
                "SELECT entity_type, entity_id, month, articles FROM entity_months")],
            "sources": conn.execute("SELECT name, slug, article_count FROM sources").fetchall(),
            "shared": [(slug[a], slug[b], n) for a, b, n in conn.execute(
                "SELECT article_id, other_article_id, shared_words FROM shared_passages")],
            "article_judgements": [(slug[a], n) for a, n in conn.execute(
                "SELECT article_id, judgement FROM article_judgements")],
            "article_corrections": [(slug[a], *rest) for a, *rest in conn.execute(
                "SELECT article_id, field, value, read_value, judgement FROM article_corrections")],
            "quote_judgements": [(slug[a], s, n, key.get(("person", p)), how) for a, s, n, p, how in conn.execute(
                "SELECT qj.article_id, q.char_start, qj.judgement, qj.read_person_id, qj.read_attribution "
                "FROM quote_judgements qj JOIN quotes q ON q.id = qj.quote_id")],
        }
        if mirror:
            out["judgements"] = conn.execute("SELECT number, status, articles FROM judgements").fetchall()
        return {name: sorted(rows, key=repr) for name, rows in out.items()}
    finally:
        conn.close()


def differences(a: dict, b: dict) -> dict:
    """What two snapshots disagree on: {part: (only in a, only in b)}, a few rows each."""
    found = {}
    for part in a:
        left, right = set(map(repr, a[part])), set(map(repr, b[part]))
        if left != right:
            found[part] = (sorted(left - right)[:4], sorted(right - left)[:4])
    return found


def counts_are_consistent(db: Path) -> list[str]:
    """The derived counts agree with the rows they are counted from."""
    conn = sqlite3.connect(db)
    problems = []
    try:
        for kind, table, column in (("person", "people", "person_id"), ("organization", "organizations",
                                                                          "organization_id"), ("place", "places", "place_id")):
            problems += [f"{table} {r}" for r in conn.execute(f"""
                SELECT t.slug, t.mention_count, t.article_count,
                  (SELECT count(*) FROM mentions m WHERE m.{column} = t.id),
                  (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.{column} = t.id)
                FROM {table} t WHERE t.mention_count != (SELECT count(*) FROM mentions m WHERE m.{column} = t.id)
                  OR t.article_count != (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.{column} = t.id)""")]
        months = sorted(conn.execute("SELECT entity_type, entity_id, month, articles FROM entity_months"))
        expected = sorted(conn.execute("""SELECT entity_type, entity_id, coalesce(substr(published, 1, 7), 'undated'),
            count(*) FROM article_entities GROUP BY 1, 2, 3"""))
        if months != expected:
            problems.append("entity_months differ from article_entities")
        problems += [f"source {r}" for r in conn.execute("""SELECT name FROM sources s WHERE article_count !=
            (SELECT count(*) FROM articles a WHERE a.source_id = s.id)""")]
        return problems
    finally:
        conn.close()
