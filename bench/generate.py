"""Deterministic synthetic articles in the seed layouts, for benchmarks and crash tests.

    python bench/generate.py OUTDIR --count 10000 [--seed 42]

Articles read like the seeds: ~2.5 KB of varied prose naming the registry's people,
organizations and places (about as densely as the seeds: ~16 mentions per 1,000 characters),
with quotes, absolute and relative dates, in the layouts the parser reads (date header,
headline + outlet, agency datelines, bylines, photo credits, trailing agency credits).
Sentences are assembled from independent phrase choices, so unrelated articles rarely share
eight words in a row, as in real news; about one article in five reruns a paragraph or two
of a recent article, as outlets rerun the same agency copy. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.registry import load_registry  # noqa: E402

GENERATOR_VERSION = 2  # bump when the output changes, so cached corpora are regenerated
WIRE_COPY_SHARE = 0.2  # articles that rerun agency paragraphs of a recent article
RECENT = 200

SAY = ["said", "told reporters", "said in a statement", "stressed", "added", "noted", "insisted", "warned",
       "wrote on Telegram", "told a briefing"]
TOPICS = [
    "the Comprehensive Strategic Partnership treaty", "the mutual defence clause", "military cooperation",
    "the ratification of the treaty", "the deployment of troops to the Kursk region", "the new road bridge",
    "direct flights between the two capitals", "economic cooperation", "the exchange of instruments of ratification",
    "artillery shell deliveries", "sanctions enforcement", "the Tumen River crossing", "tourism from Vladivostok",
    "labour exports", "satellite technology transfers", "grain shipments", "oil deliveries above the cap",
    "the joint naval drills", "student exchanges", "the rail link through Khasan", "payments in roubles",
    "the panel of experts", "ballistic missile tests", "air defence systems", "the wounded soldiers",
]
ADJECTIVES = ["unprecedented", "routine", "closely watched", "long-delayed", "symbolic", "technical", "secretive",
              "hastily arranged", "second", "formal", "brief", "lengthy", "tense", "cordial", "surprise"]
EVENTS = ["talks", "visit", "meeting", "ceremony", "summit", "briefing", "inspection", "exchange", "session",
          "round of consultations"]
ACTIONS = ["pledged to expand", "warned against", "raised concerns about", "called for progress on", "discussed",
           "praised", "criticised", "sought details of", "promised to review", "dismissed reports of",
           "signed documents on", "outlined plans for", "played down", "hailed"]
OBSERVERS = ["Analysts", "Diplomats in Seoul", "Officials in Tokyo", "Experts", "Western intelligence officials",
             "Researchers at the Sejong Institute", "Observers", "Former negotiators", "Critics", "Lawmakers"]
VIEWS = ["the move could deepen", "the agreement would complicate", "the visit was meant to signal",
         "the timing pointed to", "satellite images suggested", "the statement left open", "little was known about",
         "the decision reflected", "the announcement underlined", "the treaty formalised"]
CONSEQUENCES = ["the confrontation with Washington", "pressure on Seoul", "the debate in Tokyo",
                "a shift in Beijing's calculations", "the sanctions regime", "the war in Ukraine",
                "security on the peninsula", "the balance of power in the region", "arms control talks",
                "the future of the six-party framework"]
WHEN_RELATIVE = ["on {weekday}", "last {weekday}", "earlier this month", "last month", "this year", "yesterday",
                 "in {month}", "since {month}"]
FILLERS = [
    "The details were not made public.", "No timetable was given.", "It was not clear when the work would begin.",
    "The figures could not be independently verified.", "Neither side disclosed the cost.",
    "Officials declined to say how many people were involved.", "The talks lasted about two hours.",
    "Further meetings are expected before the end of the year.", "State media carried photographs of the event.",
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
        self.recent: deque[list[str]] = deque(maxlen=RECENT)

    def when(self, day: dt.date) -> str:
        r = self.random
        if r.random() < 0.4:
            return f"on {day:%B} {day.day}, {day.year}"
        earlier = day - dt.timedelta(days=r.randint(0, 30))
        return r.choice(WHEN_RELATIVE).format(weekday=earlier.strftime("%A"), month=earlier.strftime("%B"))

    def sentence(self, day: dt.date, cast: list) -> str:
        r = self.random
        person = r.choice(cast)
        later = person.surname or person.name.split()[-1]
        other, place, org = r.choice(self.people), r.choice(self.places), r.choice(self.orgs)
        topic, event = r.choice(TOPICS), f"{r.choice(ADJECTIVES)} {r.choice(EVENTS)}"
        shapes = [
            lambda: f"{person.name} {r.choice(ACTIONS)} {topic} during a {event} in {place.name} {self.when(day)}.",
            lambda: f"The {org.name} {r.choice(ACTIONS)} {topic}, {later} {r.choice(SAY)}.",
            lambda: f'"{r.choice(ADJECTIVES).capitalize()} steps on {topic} serve the interests of both peoples," '
                    f"{later} {r.choice(SAY)}.",
            lambda: f"{r.choice(OBSERVERS)} said {r.choice(VIEWS)} {r.choice(CONSEQUENCES)}.",
            lambda: f"{later} met {other.name} {self.when(day)}, {r.choice(['weeks', 'days', 'months'])} after "
                    f"the {event} in {place.name}.",
            lambda: f"According to the {org.name}, {r.choice(ADJECTIVES)} preparations for {topic} "
                    f"began {self.when(day)}.",
            lambda: r.choice(FILLERS),
            lambda: f"{r.choice(OBSERVERS)} in {place.name} {r.choice(ACTIONS)} {topic}.",
        ]
        return r.choice(shapes)()

    def body(self, day: dt.date, paragraphs: int) -> list[str]:
        r = self.random
        cast = r.sample(self.people, 3)
        own = [" ".join(self.sentence(day, cast) for _ in range(r.randint(3, 5))) for _ in range(paragraphs)]
        if self.recent and r.random() < WIRE_COPY_SHARE:
            source = r.choice(self.recent)
            start = r.randrange(len(source))
            own[1:1] = source[start:start + r.randint(1, 2)]  # the agency copy, word for word
        self.recent.append(own)
        return own

    def article(self, number: int) -> str:
        r = self.random
        day = dt.date(2024, 6, 1) + dt.timedelta(days=r.randint(0, 540))
        paragraphs = self.body(day, r.randint(5, 7))
        layout = number % 4
        if layout == 0:  # date header, body on the same line, trailing agency credit
            return f" date {day.isoformat()} " + "\n\n".join(paragraphs) + " (Yonhap)\n"
        if layout == 1:  # headline, outlet line, one paragraph per line
            title = f"{self.sentence(day, self.people[:5]).rstrip('.')[:90]}"
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
