"""What the place gazetteer costs: load time and memory per process, names indexed, lookups.

    python bench/gazetteer_bench.py [--articles 2000] [--loads 5] [--repeat 3]

* load: `Gazetteer.load()` in fresh processes (as every ingest worker does once), its time
  and the resident memory it adds;
* table: places by kind, names and name keys indexed, flagged keys;
* matching: the synthetic articles of bench/generate.py (about 2.3 KB each), tokenized as
  ingest/entities.py does, looked up three ways: every 1-3 token window through `by_key`
  (the brute force), `Gazetteer.find` (capitalized names, longest first, as a matcher
  would), and that plus `resolve_all` on what it finds. The budget for this feature is ~10 % of ~3 ms of CPU per article.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import ArticleWriter  # noqa: E402
from ingest.entities import tokenize  # noqa: E402
from ingest.gazetteer import ArticleContext, Gazetteer, resolve_all  # noqa: E402
from ingest.registry import default_registry, name_key  # noqa: E402

BUDGET_MS = 0.3  # 10 % of ~3 ms per article

LOAD_PROBE = """
import json, time
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * 4096
before = rss()
t0 = time.perf_counter()
from ingest.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.load()
t2 = time.perf_counter()
g._multi
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_index_s": t3 - t2,
                  "rss_mb": (rss() - before) / 2**20}))
"""


def measure_loads(count: int) -> dict[str, float]:
    """The fastest and the median of `count` fresh processes (the machine is shared: the
    fastest is the cost, the median what a busy machine sees)."""
    runs = []
    for _ in range(count):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    result = {k: min(r[k] for r in runs) for k in runs[0]}
    result.update({f"median_{k}": statistics.median(r[k] for r in runs) for k in runs[0]})
    return result


def fastest(repeat: int, run, *args):
    """The run with the least CPU time of `repeat` (process time; the machine is shared)."""
    return min((run(*args) for _ in range(repeat)), key=lambda r: r[0])


def articles(count: int) -> list[str]:
    writer = ArticleWriter(42)
    return [writer.article(n) for n in range(count)]


def brute_force(g: Gazetteer, texts: list[str]) -> tuple[float, int]:
    tokenized = [tokenize(t).folded for t in texts]
    by_key = g.by_key
    hits = 0
    start = time.process_time()
    for folded in tokenized:
        n = len(folded)
        for i in range(n):
            for k in (1, 2, 3):
                if i + k <= n and by_key(tuple(folded[i:i + k])):
                    hits += 1
    return time.process_time() - start, hits


def gated(g: Gazetteer, texts: list[str], resolve: bool, skip: frozenset = frozenset()) -> tuple[float, int, int]:
    """`Gazetteer.find` over each article (longest name first, capitalized names only), and
    with resolve, `resolve_all` on what it finds (less the names in `skip`), as a matcher
    wired to the gazetteer would."""
    tokenized = [tokenize(t) for t in texts]
    hits = resolved = 0
    start = time.process_time()
    for tokens in tokenized:
        found = [c for _, _, c in g.find(tokens.folded, tokens.texts) if c.key not in skip]
        hits += len(found)
        if resolve and found:
            resolved += sum(1 for p in resolve_all(found, ArticleContext()) if p)
    return time.process_time() - start, hits, resolved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each lookup measurement (the fastest counts)")
    args = parser.parse_args()

    load = measure_loads(args.loads)
    print(f"load (fastest of {args.loads} fresh processes, median in brackets): "
          f"import {load['import_s'] * 1000:.0f} ms ({load['median_import_s'] * 1000:.0f}), "
          f"Gazetteer.load() {load['load_s'] * 1000:.0f} ms ({load['median_load_s'] * 1000:.0f}), "
          f"multi-token index {load['first_index_s'] * 1000:.0f} ms ({load['median_first_index_s'] * 1000:.0f}), "
          f"+{load['rss_mb']:.0f} MB resident")

    g = Gazetteer.load()
    kinds: dict[str, int] = {}
    names = 0
    for p in g.places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
        names += len(p.names)
    flagged = sum(1 for v in g._index.values() if v.partition("\t")[2])
    print(f"table: {len(g):,} places ({', '.join(f'{v:,} {k}' for k, v in sorted(kinds.items()))}), "
          f"{names:,} names under {len(g._index):,} keys ({flagged:,} flagged), "
          f"{len(g._multi):,} first tokens of longer names")

    texts = articles(args.articles)
    size = sum(len(t.encode()) for t in texts) / len(texts)
    cpu, hits = fastest(args.repeat, brute_force, g, texts)
    per = cpu / len(texts) * 1000
    print(f"{len(texts):,} articles of {size / 1000:.1f} KB: every 1-3 token window through by_key: "
          f"{per:.3f} ms/article ({per / BUDGET_MS:.0%} of the {BUDGET_MS} ms budget), {hits / len(texts):.1f} hits/article")
    cpu, hits, _ = fastest(args.repeat, gated, g, texts, False)
    per = cpu / len(texts) * 1000
    print(f"  Gazetteer.find (capitalized, longest first): {per:.3f} ms/article ({per / BUDGET_MS:.0%}), "
          f"{hits / len(texts):.1f} names/article")
    cpu, hits, resolved = fastest(args.repeat, gated, g, texts, True)
    per = cpu / len(texts) * 1000
    print(f"  find + resolve_all: {per:.3f} ms/article ({per / BUDGET_MS:.0%}), "
          f"{hits / len(texts):.1f} names, {resolved / len(texts):.1f} resolved per article")
    registry = frozenset(name_key(n) for e in default_registry().entities.values() for n in e.names)
    cpu, hits, resolved = fastest(args.repeat, gated, g, texts, True, registry)
    per = cpu / len(texts) * 1000
    print(f"  find + resolve_all of the names the registry lacks: {per:.3f} ms/article ({per / BUDGET_MS:.0%}), "
          f"{hits / len(texts):.1f} names, {resolved / len(texts):.1f} resolved per article")


if __name__ == "__main__":
    main()
