"""Dump every reading the archive makes of a fixed corpus, and compare two dumps.

    python bench/dump_readings.py dump OUT.jsonl [--synthetic 4000] [--corpus DIR ...]
    python bench/dump_readings.py compare BEFORE.jsonl AFTER.jsonl [--show 5]

`dump` ingests the seeds, the test articles, the test corpus sets and a synthetic corpus
(generated once into bench/out/readings-synthetic-N and reused, so later registry edits cannot
change it) into a fresh archive, then writes one JSON line per article: its fields, mentions,
quotes, roles, events and shared passages, keyed by the file's path and named by slugs, never by
row ids. `compare` says how many articles differ in each part and shows some differences. Run it
before and after a change that should not change any reading.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import write_corpus  # noqa: E402
from ingest.runner import ingest_paths  # noqa: E402

ARTICLE_FIELDS = ("slug", "title", "lede", "label", "published", "date_source", "dateline", "byline", "language",
                  "body", "captions", "credits", "dropped", "warnings", "word_count")
ENTITY = """coalesce('person:' || (SELECT slug FROM people WHERE id = {t}.person_id),
                     'organization:' || (SELECT slug FROM organizations WHERE id = {t}.organization_id),
                     'place:' || (SELECT slug FROM places WHERE id = {t}.place_id))"""
PARTS = {
    "mentions": f"""SELECT {ENTITY.format(t='m')}, field, char_start, char_end, surface, resolution
                   FROM mentions m WHERE article_id = ? ORDER BY field, char_start, char_end, 1""",
    "quotes": """SELECT (SELECT slug FROM people WHERE id = q.person_id), (SELECT slug FROM organizations
                 WHERE id = q.organization_id), speaker, field, char_start, char_end, kind, attribution, text
                 FROM quotes q WHERE article_id = ? ORDER BY field, char_start""",
    "roles": """SELECT (SELECT slug FROM people WHERE id = r.person_id), title, (SELECT slug FROM organizations
                WHERE id = r.organization_id), (SELECT slug FROM places WHERE id = r.place_id), char_start,
                char_end, surface FROM roles r WHERE article_id = ? ORDER BY char_start, title""",
    "events": """SELECT date, precision, expression, relative, field, char_start, char_end, sentence
                 FROM events WHERE article_id = ? ORDER BY field, char_start""",
    "shared": """SELECT (SELECT path FROM articles WHERE id = s.other_article_id), similarity, shared_words, passages
                 FROM shared_passages s WHERE article_id = ? ORDER BY 1""",
}


def corpus_folders(synthetic: int, extra: list[Path]) -> list[Path]:
    folders = [ROOT / "seeds", ROOT / "tests" / "articles"]
    folders += sorted(p for p in (ROOT / "tests" / "corpus").glob("*") if p.is_dir())
    folders += extra
    if synthetic:
        generated = ROOT / "bench" / "out" / f"readings-synthetic-{synthetic}"
        if not generated.exists():
            write_corpus(generated, synthetic)
        folders.append(generated)
    return [f for f in folders if f.exists()]


def dump(out: Path, synthetic: int, extra: list[Path]) -> None:
    work = Path(tempfile.mkdtemp(prefix="readings-"))
    try:
        paths = []
        for folder in corpus_folders(synthetic, extra):
            target = work / ("synthetic" if folder.name.startswith("readings-synthetic") else folder.name)
            shutil.copytree(folder, target, ignore=shutil.ignore_patterns("README.md", "gold.json"))
            paths.append(target)
        db = work / "archive.db"
        import os
        cwd = os.getcwd()
        os.chdir(work)  # stored paths are relative to the working directory: stable across runs
        try:
            summary = ingest_paths([p.relative_to(work) for p in paths], db.relative_to(work), report=lambda line: None)
        finally:
            os.chdir(cwd)
        print(f"ingested: {summary.line()}", file=sys.stderr)
        conn = sqlite3.connect(db)
        with open(out, "w", encoding="utf-8") as handle:
            for row in conn.execute(f"""SELECT a.id, a.path, (SELECT name FROM sources WHERE id = a.source_id),
                                        {", ".join("a." + f for f in ARTICLE_FIELDS)} FROM articles a ORDER BY a.path"""):
                article_id, path, source, *fields = row
                record = {"path": path, "source": source, **dict(zip(ARTICLE_FIELDS, fields))}
                for part, sql in PARTS.items():
                    record[part] = [list(r) for r in conn.execute(sql, [article_id])]
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        conn.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compare(before: Path, after: Path, show: int) -> int:
    def load(path):
        return {r["path"]: r for r in map(json.loads, open(path, encoding="utf-8"))}

    a, b = load(before), load(after)
    differing: Counter = Counter()
    examples: list[str] = []
    for path in sorted(set(a) | set(b)):
        if path not in a or path not in b:
            differing["only in one dump"] += 1
            examples.append(f"{path}: only in {'after' if path in b else 'before'}")
            continue
        for key in sorted(set(a[path]) | set(b[path])):
            if a[path].get(key) != b[path].get(key):
                differing[key] += 1
                if sum(1 for e in examples if e.startswith(path)) < 2:
                    examples.append(f"{path}: {key}: {str(a[path].get(key))[:300]!r} -> {str(b[path].get(key))[:300]!r}")
    total = len(set(a) | set(b))
    changed = len({e.split(":", 1)[0] for e in examples}) if examples else 0
    print(f"{total} articles; differing parts: {dict(differing) or 'none'}")
    for line in examples[:show]:
        print("  " + line)
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--synthetic", type=int, default=4000)
    d.add_argument("--corpus", type=Path, action="append", default=[])
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=8)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.synthetic, args.corpus)
    else:
        sys.exit(compare(args.before, args.after, args.show))


if __name__ == "__main__":
    main()
