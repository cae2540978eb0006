"""Adversarial inputs for the reading stages: 1 MB texts made to find super-linear work.

    python bench/adversarial.py [--size 1000000] [--out DIR]

Writes five files (no full stops; runs of dates; runs of quote marks; 100k names; short
paragraphs of every kind) and prints, for each, the CPU time and peak memory of reading it whole
(decode, parse, extract) in a fresh process, and the same for a quarter of it: time that grows
more than about four times for four times the text means a stage is not linear.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PIECES = {
    "no_full_stops": ["the", "treaty", "was", "signed", "by", "Kim", "Jong", "Un", "and", "Vladimir", "Putin", "in",
                      "Pyongyang", "on", "June", "19", "2024", "while", "officials", "said"],
    "runs_of_dates": ["June 19, 2024", "on Tuesday", "last week", "in 2024 and 2025", "19 June", "yesterday",
                      "2024-06-19", "mid-June"],
    "runs_of_quote_marks": ['"', "“", "”", "'", "„", "«", "»", "said Kim", "a", ","],
    "names": ["Kim Jong Un", "Kim", "Choe Son Hui", "Choe", "Vladimir Putin", "Minister Kim Son Gyong", "Putin said",
              "Foreign Minister Sergei Lavrov,"],
    "short_paragraphs": ["Kim said.\n\n", '"Yes," Kim said.\n\n', "Share\n", "By Jane Doe\n", "June 19, 2024\n"],
}


def write(out: Path, size: int, seed: int = 1) -> list[Path]:
    """The adversarial files, deterministic for a seed."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, pieces in PIECES.items():
        parts, total = [], 0
        while total < size:
            piece = rng.choice(pieces)
            piece = piece if piece.endswith("\n") else piece + " "
            parts.append(piece)
            total += len(piece)
        path = out / f"{name}.txt"
        path.write_text("".join(parts)[:size], encoding="utf-8")
        paths.append(path)
    return paths


MEASURE = """
import resource, sys, time
from ingest.extract import Extractor
from ingest.pipeline import process_bytes
from ingest.registry import default_registry
extractor = Extractor(default_registry())
data = open(sys.argv[1], "rb").read()[:int(sys.argv[2])]
started = time.process_time()
processed = process_bytes(data, extractor, max_bytes=len(data) + 1)
print(f"{time.process_time() - started:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "adversarial")
    args = parser.parse_args()
    print(f"{'file':22} {'quarter s':>10} {'whole s':>8} {'ratio':>6} {'peak MB':>8}")
    for path in write(args.out, args.size):
        results = []
        for size in (args.size // 4, args.size):
            done = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(size)], cwd=ROOT,
                                  capture_output=True, text=True, check=True)
            results.append(done.stdout.split())
        (quarter, _), (whole, peak) = results
        print(f"{path.stem:22} {quarter:>10} {whole:>8} {float(whole) / max(float(quarter), 0.01):>6.1f} {peak:>8}")


if __name__ == "__main__":
    main()
