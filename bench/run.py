"""Benchmark the archive: ingest throughput against a plain baseline, memory, size, re-ingest,
and page/search latency through Datasette. Prints a table and writes bench/out/results.json.

    python bench/run.py --sizes 10000 [100000 1000000] [--publish-max 10000]
    python bench/run.py --sizes 100000 --latency-only   (or --publish-only): re-measure a built database

Absolute times drift on a shared machine; the ingest is also reported as a ratio to a plain
baseline (read every file, store it, build an FTS5 index once) measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import GENERATOR_VERSION, write_corpus  # noqa: E402

SEARCH_TERMS = ["treaty", "Kim Jong Un", "ratification", "Kursk", "military cooperation", "Pyongyang Moscow",
                "instruments of ratification", "Lavrov", "defence clause", "bridge", "Shoigu", "sanctions",
                "Choe Son-hui", "strategic partnership", "economic cooperation", "KCNA", "Vladivostok", "troops",
                "Putin visit", "alliance"]


def corpus(size: int) -> tuple[Path, int]:
    folder = OUT / f"corpus-{size}"
    marker = folder / ".complete"
    if not marker.exists() or marker.read_text() != f"v{GENERATOR_VERSION}":
        print(f"  generating {size:,} articles…", flush=True)
        if folder.exists():
            shutil.rmtree(folder)
        write_corpus(folder, size, seed=42)
        marker.write_text(f"v{GENERATOR_VERSION}")
    total = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    return folder, total


def baseline(folder: Path, db: Path) -> float:
    """Read every file, store it, build an FTS5 index once: the floor any ingest is compared with."""
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, file TEXT, body TEXT)")
    batch = []
    for path in sorted(folder.rglob("*.txt")):
        batch.append((path.name, path.read_bytes().decode("utf-8", "replace")))
        if len(batch) == 1000:
            conn.executemany("INSERT INTO articles (file, body) VALUES (?, ?)", batch)
            batch = []
    conn.executemany("INSERT INTO articles (file, body) VALUES (?, ?)", batch)
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(body, content=articles, content_rowid=id, "
                 "tokenize='porter')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.commit()
    conn.close()
    return time.perf_counter() - start


PEAK_RSS_WRAPPER = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(result.returncode)
"""


def timed_ingest(folder: Path, db: Path) -> tuple[float, float, str, str]:
    """Wall time, peak RSS (MB, largest single process of this ingest: a fresh wrapper process
    reports its descendants), the summary line of `archive ingest` and its -v timing line."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK_RSS_WRAPPER, sys.executable, "-m", "ingest", "ingest",
                             str(folder), "--db", str(db), "-v"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 3):
        raise SystemExit(f"ingest failed: {result.stderr}")
    lines = result.stderr.strip().splitlines()
    peak_mb = int(lines[-1]) / 1024
    steps = next((line.removeprefix("timing: ") for line in lines if line.startswith("timing: ")), "")
    return elapsed, peak_mb, result.stdout.strip(), steps


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


async def latencies(db: Path) -> dict[str, tuple[float, float]]:
    from ingest.serve import make_datasette

    ds = make_datasette(db)
    await ds.invoke_startup()
    client = ds.client
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rng = random.Random(1)
    max_id = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    slugs = [conn.execute("SELECT slug FROM articles WHERE id >= ? LIMIT 1", [rng.randint(1, max_id)]).fetchone()[0]
             for _ in range(60)]
    top = [f"/{t}/{s}" for t, s in conn.execute(
        "SELECT 'people', slug FROM people ORDER BY article_count DESC LIMIT 15")] + \
          [f"/{t}/{s}" for t, s in conn.execute(
              "SELECT 'organizations', slug FROM organizations ORDER BY article_count DESC LIMIT 10")] + \
          [f"/{t}/{s}" for t, s in conn.execute(
              "SELECT 'places', slug FROM places ORDER BY article_count DESC LIMIT 10")]
    conn.close()

    async def measure(paths: list[str], repeat: int = 1) -> tuple[float, ...]:
        """p50 and p95 in ms, plus the number of failed requests when there were any (a request
        that hit the SQL time limit is a failure, recorded rather than ending the run)."""
        for path in paths[:3]:
            await client.get(path)  # warm
        samples, failed = [], 0
        for _ in range(repeat):
            for path in paths:
                start = time.perf_counter()
                response = await client.get(path)
                samples.append(time.perf_counter() - start)
                if response.status_code != 200:
                    failed += 1
                    print(f"  {path}: HTTP {response.status_code}", flush=True)
        return (*percentiles(samples), failed) if failed else percentiles(samples)

    from urllib.parse import quote

    return {
        "ranked search /search.json": await measure([f"/search.json?q={quote(t)}" for t in SEARCH_TERMS], 2),
        "Datasette _search (JSON)": await measure(
            [f"/archive/articles.json?_search={quote(t)}&_size=20" for t in SEARCH_TERMS], 2),
        "article page": await measure([f"/articles/{s}" for s in slugs]),
        "entity page (most mentioned)": await measure(top, 2),
        "articles table page (JSON)": await measure(["/archive/articles.json?_size=50"] * 10),
        "facet on outlet": await measure(["/archive/articles.json?_facet=source_id&_size=0"] * 10),
    }


def publish_time(db: Path) -> float:
    """Seconds to publish the static site of db into an empty folder (the previous run's site is
    removed first, outside the timing)."""
    shutil.rmtree(OUT / "site", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ingest", "publish", "static", str(OUT / "site"), "--db", str(db)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"


def run(size: int, publish_max: int, save=lambda result: None) -> dict:
    print(f"== {size:,} articles", flush=True)
    folder, total_bytes = corpus(size)
    base_db, db = OUT / f"baseline-{size}.db", OUT / f"archive-{size}.db"
    for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)
    base = baseline(folder, base_db)
    print(f"  baseline {base:.1f} s", flush=True)
    elapsed, peak, line, steps = timed_ingest(folder, db)
    print(f"  ingest {elapsed:.1f} s, peak {peak:.0f} MB: {line}\n  ingest steps: {steps}", flush=True)
    size_mb = sum(p.stat().st_size for p in OUT.glob(f"archive-{size}.db*")) / 1e6
    result = {
        "articles": size, "corpus_mb": round(total_bytes / 1e6, 1),
        "baseline_s": round(base, 2), "baseline_articles_per_s": round(size / base),
        "ingest_s": round(elapsed, 1), "ingest_articles_per_s": round(size / elapsed),
        "ingest_mb_per_s": round(total_bytes / 1e6 / elapsed, 2), "ratio_to_baseline": round(elapsed / base, 1),
        "peak_rss_mb": round(peak), "db_mb": round(size_mb), "summary": line, "ingest_steps": steps,
    }
    save(result)  # each figure is kept as soon as it is measured, even if a later step fails
    again, _, again_line, _ = timed_ingest(folder, db)
    print(f"  re-ingest {again:.1f} s", flush=True)
    result.update(reingest_s=round(again, 2), reingest_speedup=round(elapsed / again, 1), reingest_summary=again_line)
    save(result)
    result["latency_ms"] = {k: [round(v, 1) for v in pair] for k, pair in asyncio.run(latencies(db)).items()}
    print(f"  latencies: {result['latency_ms']}", flush=True)
    save(result)
    if size <= publish_max:
        time_publish(result, db)
    return result


def time_publish(result: dict, db: Path) -> None:
    result["static_publish_s"] = round(publish_time(db), 1)
    print(f"  static publish {result['static_publish_s']} s", flush=True)


def table(results: list[dict]) -> str:
    rows = [("articles", lambda r: f"{r['articles']:,}"), ("corpus", lambda r: f"{r['corpus_mb']} MB"),
            ("baseline (read+store+FTS)", lambda r: f"{r['baseline_s']} s ({r['baseline_articles_per_s']:,}/s)"),
            ("full ingest", lambda r: f"{r['ingest_s']} s ({r['ingest_articles_per_s']:,}/s, {r['ingest_mb_per_s']} MB/s)"),
            ("ingest ÷ baseline", lambda r: f"{r['ratio_to_baseline']}×"),
            ("ingest steps", lambda r: r["ingest_steps"].replace(", ", "; ") or "—"),
            ("peak memory (largest process)", lambda r: f"{r['peak_rss_mb']} MB"),
            ("database size", lambda r: f"{r['db_mb']} MB"),
            ("re-ingest, unchanged", lambda r: f"{r['reingest_s']} s ({r['reingest_speedup']}× faster)")]
    def latency(r: dict, key: str) -> str:
        if key not in r.get("latency_ms", {}):
            return "—"
        p50, p95, *failed = r["latency_ms"][key]
        return f"{p50} / {p95} ms" + (f" ({failed[0]} failed)" if failed else "")

    for key in next((r["latency_ms"] for r in results if "latency_ms" in r), {}):
        rows.append((f"{key} p50 / p95", lambda r, k=key: latency(r, k)))
    rows.append(("static publish", lambda r: f"{r['static_publish_s']} s" if "static_publish_s" in r else "—"))
    lines = ["| measure | " + " | ".join(f"{r['articles']:,}" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    def cell(fmt, r: dict) -> str:
        try:
            return fmt(r)
        except KeyError:  # a step that was not run (or failed) for this size
            return "—"

    cells = [(name, [cell(fmt, r) for r in results]) for name, fmt in rows]
    lines += [f"| {name} | " + " | ".join(row) + " |" for name, row in cells
              if any(c != "—" for c in row)]  # a measure no run in the table has: no row
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--publish-max", type=int, default=100_000, help="largest size to time the static publish for")
    parser.add_argument("--latency-only", action="store_true",
                        help="re-measure only the page and search latencies of databases built by an earlier run")
    parser.add_argument("--publish-only", action="store_true",
                        help="re-measure only the static publish time of databases built by an earlier run")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = {}
    saved = OUT / "results.json"
    if saved.exists():  # sizes measured by earlier runs on this machine stay in the table
        earlier = json.loads(saved.read_text())
        if earlier.get("machine") == machine():
            results = {r["articles"]: r for r in earlier["results"]}

    def save(result: dict) -> None:
        results[result["articles"]] = result
        saved.write_text(json.dumps({"machine": machine(), "results": sorted(results.values(),
                                     key=lambda r: r["articles"])}, indent=1))

    for size in args.sizes:
        if args.latency_only:
            print(f"== {size:,} articles: latencies", flush=True)
            results.setdefault(size, {"articles": size})["latency_ms"] = {k: [round(v, 1) for v in pair]
                                           for k, pair in asyncio.run(latencies(OUT / f"archive-{size}.db")).items()}
            print(f"  latencies: {results[size]['latency_ms']}", flush=True)
        elif args.publish_only:
            print(f"== {size:,} articles: static publish", flush=True)
            time_publish(results.setdefault(size, {"articles": size}), OUT / f"archive-{size}.db")
        else:
            run(size, args.publish_max, save)
        save(results[size])
    results = sorted(results.values(), key=lambda r: r["articles"])
    report = f"Machine: {machine()}\n\n{table(results)}\n"
    (OUT / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
