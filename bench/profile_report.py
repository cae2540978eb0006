"""Summarize a py-spy raw profile of `archive ingest` (see `make profile`): for the writer
(the main process) and the workers, the functions holding the most samples, inclusive and
self, as milliseconds per article when --articles is given.

    python bench/profile_report.py bench/out/profile.raw [--articles 3000] [--top 25]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

ROLES = (("writer", "_load_results"), ("workers: extraction", "read_and_process"),
         ("workers: shared copy", "compare_pairs"), ("writer: shared copy", "link_shared_copy"))


def role_of(frames: list[str]) -> str:
    for role, marker in ROLES:
        if any(marker in frame for frame in frames):
            return role
    return "other (pool threads, start-up, indexes)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw")
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second")
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    totals, inclusive, own = Counter(), Counter(), Counter()
    for line in open(args.raw, encoding="utf-8"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        role, n = role_of(frames), int(count)
        totals[role] += n
        own[role, re.sub(r" \((.*?)\)", r" (\1)", frames[-1])] += n
        for name in {re.sub(r" \((.*?):\d+\)", r" (\1)", f) for f in frames[1:]}:
            inclusive[role, name] += n

    def fmt(samples: int) -> str:
        seconds = samples / args.rate
        per_article = f", {seconds * 1000 / args.articles:.2f} ms/article" if args.articles else ""
        return f"{seconds:7.1f} s{per_article}"

    for role, samples in totals.most_common():
        print(f"\n== {role}: {fmt(samples)} (CPU time summed over its processes)")
        print("-- inclusive")
        for (r, name), n in inclusive.most_common():
            if r == role and not name.startswith("process ") and not any(
                    noise in name for noise in ("(multiprocessing/", "(click/", "runpy", "__main__", "(threading.py")):
                print(f"  {fmt(n)}  {name}")
                if n < samples * 0.02:
                    break
        print("-- self")
        for (r, name), n in [item for item in own.most_common() if item[0][0] == role][:args.top]:
            print(f"  {fmt(n)}  {name}")


if __name__ == "__main__":
    main()
