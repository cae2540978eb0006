"""bench/generate.py: the synthetic corpus is deterministic and reads like the seeds."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import write_corpus  # noqa: E402

from ingest.extract import Extractor  # noqa: E402
from ingest.pipeline import process_bytes  # noqa: E402
from ingest.registry import load_registry  # noqa: E402


def test_same_seed_same_bytes(tmp_path):
    first = [p.read_bytes() for p in write_corpus(tmp_path / "a", 30, seed=3)]
    second = [p.read_bytes() for p in write_corpus(tmp_path / "b", 30, seed=3)]
    assert first == second and len(set(first)) == 30


def test_synthetic_articles_parse_with_dates_mentions_and_quotes(tmp_path):
    extractor = Extractor(load_registry())
    processed = [process_bytes(p.read_bytes(), extractor) for p in write_corpus(tmp_path, 40, seed=5)]
    # the headline + outlet layout has no date in its header; an agency dateline without a year
    # is dated only when the article itself names the year
    dated = [bool(p.article.published) for n, p in enumerate(processed) if n % 4 != 1]
    assert sum(dated) >= 0.9 * len(dated)
    per_kb = sum(len(p.extraction.mentions) for p in processed) / sum(len(p.article.body) for p in processed) * 1000
    assert 10 < per_kb < 25  # the seeds have ~16 mentions per 1,000 characters
    assert sum(len(p.extraction.quotes) for p in processed) > 40
    assert sum(len(p.extraction.events) for p in processed) > 100
