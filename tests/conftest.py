"""Shared fixtures: the registry, an extractor, and small real archive databases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.extract import Extractor
from ingest.registry import default_registry
from ingest.runner import ingest_paths

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
ARTICLES = TESTS / "articles"
SEED_GOLD = json.loads((TESTS / "gold" / "seeds.json").read_text(encoding="utf-8"))
EXTRA_GOLD = json.loads((TESTS / "gold" / "extra.json").read_text(encoding="utf-8"))
ALL_GOLD = [(SEEDS, g) for g in SEED_GOLD] + [(ARTICLES, g) for g in EXTRA_GOLD]
# articles in the test archive: the seeds and the test articles (one article per file)
ARCHIVE_ARTICLES = len(list(SEEDS.glob("*.txt"))) + len(list(ARTICLES.glob("*.txt")))


def gold_id(item) -> str:
    return item[1]["file"] if isinstance(item, tuple) else item["file"]


@pytest.fixture(scope="session")
def registry():
    return default_registry()


@pytest.fixture(scope="session")
def extractor(registry):
    return Extractor(registry)


def build_archive(tmp_path: Path, *folders: Path) -> Path:
    """Copy article folders into tmp_path and ingest them into tmp_path/archive.db."""
    db = tmp_path / "archive.db"
    paths = []
    for folder in folders:
        target = tmp_path / folder.name
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("*.md"))
        paths.append(target)
    ingest_paths(paths, db, report=lambda line: None)
    return db


@pytest.fixture(scope="session")
def archive_db(tmp_path_factory) -> Path:
    """A real archive database built from the seeds and the extra test articles (read-only use)."""
    return build_archive(tmp_path_factory.mktemp("archive"), SEEDS, ARTICLES)


@pytest.fixture
def db_conn(archive_db):
    import sqlite3

    conn = sqlite3.connect(f"file:{archive_db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def datasette(archive_db):
    from ingest.serve import make_datasette

    return make_datasette(archive_db)


@pytest.fixture
def seed():
    """seed('000') -> the parsed seed article whose file name starts with 000."""
    from ingest.decode import decode_bytes
    from ingest.parse import parse_article

    def read(prefix: str):
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        return parse_article(decode_bytes(path.read_bytes()).text)

    return read
