"""Deterministic synthetic articles in the seed layouts, for benchmarks and crash tests.

    python bench/generate.py OUTDIR --count 10000 [--seed 42]

Articles use the registry's people, organizations and places, quotes and dates, in the
layouts the parser reads (date header, headline + outlet, agency datelines, bylines,
photo credits, trailing agency credits), ~2.5 KB each. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.registry import load_registry  # noqa: E402

VERBS = ["said", "told reporters", "stressed", "added", "noted"]
TOPICS = [
    "the Comprehensive Strategic Partnership treaty", "the mutual defence clause", "military cooperation",
    "the ratification of the treaty", "the deployment of troops to the Kursk region", "the new road bridge",
    "direct flights between the two capitals", "economic cooperation", "the exchange of instruments of ratification",
]
OUTLETS = [("Yonhap", "SEOUL"), ("Reuters", "MOSCOW"), ("KCNA", "Pyongyang"), ("AFP", "SEOUL"), ("TASS", "MOSCOW")]
HEADLINE_OUTLETS = ["CBC", "NK News", "The Korea Herald", "BBC"]


class ArticleWriter:
    def __init__(self, seed: int = 42):
        self.random = random.Random(seed)
        registry = load_registry()
        self.people = [e for e in registry.of_type("person")]
        self.orgs = [e for e in registry.of_type("organization") if not e.outlet]
        self.places = [e for e in registry.of_type("place")]

    def sentence(self, day: dt.date) -> str:
        r = self.random
        person, other = r.sample(self.people, 2)
        place, org = r.choice(self.places), r.choice(self.orgs)
        topic = r.choice(TOPICS)
        weekday = (day - dt.timedelta(days=r.randint(0, 6))).strftime("%A")
        shapes = [
            f"{person.name} met {other.name} in {place.name} on {weekday} to discuss {topic}.",
            f"The {org.name} said {topic} would be reviewed by {place.name} officials.",
            f'"{topic.capitalize()} serves the interests of both peoples," {person.name} {r.choice(VERBS)}.',
            f"According to the {org.name}, {other.name} arrived in {place.name} on {day:%B} {day.day}, {day.year}.",
            f"{person.name.split()[-1]} later visited {place.name}, where {topic} was discussed with {other.name}.",
        ]
        return r.choice(shapes)

    def body(self, day: dt.date, paragraphs: int) -> list[str]:
        return [" ".join(self.sentence(day) for _ in range(self.random.randint(3, 5))) for _ in range(paragraphs)]

    def article(self, number: int) -> str:
        r = self.random
        day = dt.date(2024, 6, 1) + dt.timedelta(days=r.randint(0, 540))
        paragraphs = self.body(day, r.randint(5, 7))
        layout = number % 4
        if layout == 0:  # date header, body on the same line, trailing agency credit
            return f" date {day.isoformat()} " + "\n\n".join(paragraphs) + " (Yonhap)\n"
        if layout == 1:  # headline, outlet line, one paragraph per line
            title = f"{self.sentence(day).rstrip('.')[:90]}"
            return f"{title}\n{r.choice(HEADLINE_OUTLETS)}\n" + "\n".join(paragraphs) + "\n"
        if layout == 2:  # agency dateline with no year
            outlet, city = r.choice(OUTLETS)
            lead = f"{city}, {day:%b} {day.day} ({outlet}) - "
            return "Treaty partners meet again\n\n" + lead + "\n\n".join(paragraphs) + "\n"
        return (f"Officials review {r.choice(TOPICS)}\nBy Staff Writer\nPublished: {day.day} {day:%B %Y}\n\n"
                "AP Images\n" + "\n\n".join(paragraphs) + "\n")


def write_corpus(outdir: Path, count: int, seed: int = 42) -> list[Path]:
    """Write `count` articles into outdir (in subfolders of 1,000) and return their paths."""
    writer = ArticleWriter(seed)
    paths = []
    for number in range(count):
        folder = outdir / f"{number // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article_{number:07d}.txt"
        path.write_text(writer.article(number), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    paths = write_corpus(args.outdir, args.count, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.outdir}")


if __name__ == "__main__":
    main()
