"""The reading version is computed: changing a reading module, a lexicon file or the registry
changes it, and the next ingest reads the archive's articles again."""

import shutil

import pytest

from conftest import SEEDS
from ingest import runner
from ingest.resources import LEXICON_DIR, PACKAGE, REGISTRY_PATH
from ingest.runner import ingest_paths
from ingest.version import reading_modules, reading_version


def test_the_reading_modules_are_the_pipelines_imports_and_nothing_served():
    names = {p.relative_to(PACKAGE).as_posix() for p in reading_modules()}
    assert {"pipeline.py", "parse/__init__.py", "parse/header.py", "entities.py", "quotes.py", "timeline.py", "registry.py", "decode.py"} <= names
    assert not names & {"load/__init__.py", "load.py", "runner.py", "cli.py", "publish.py", "serve.py", "site/__init__.py"}


@pytest.fixture
def package_copy(tmp_path):
    """A copy of the package, registry and lexicons whose files a test may edit."""
    root = tmp_path / "ingest"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "data"))
    registry = tmp_path / "registry.yml"
    shutil.copy(REGISTRY_PATH, registry)
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    for path in LEXICON_DIR.glob("*.yml"):
        shutil.copy(path, lexicon)
    (lexicon / "xx.yml").write_text("# a language file\n")
    return root, registry, lexicon


def test_same_files_same_version(package_copy):
    root, registry, lexicon = package_copy
    assert reading_version(registry, root, lexicon) == reading_version(registry, root, lexicon)


@pytest.mark.parametrize("edit", ["module", "lexicon", "registry"])
def test_any_edit_changes_the_version(package_copy, edit):
    root, registry, lexicon = package_copy
    before = reading_version(registry, root, lexicon)
    target = {"module": root / "quotes.py", "lexicon": lexicon / "xx.yml", "registry": registry}[edit]
    target.write_text(target.read_text() + "\n# edited\n")
    reading_modules.cache_clear()
    assert reading_version(registry, root, lexicon) != before


def test_a_new_reading_version_reads_every_article_again(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    db = tmp_path / "archive.db"
    first = ingest_paths([seeds], db, report=lambda line: None)
    assert first.counts["added"] == 5
    again = ingest_paths([seeds], db, report=lambda line: None)
    assert again.counts["unchanged"] == 5 and again.counts["refreshed"] == 0
    monkeypatch.setattr(runner, "reading_version", lambda registry_path: "0.1.0/edited-code")
    reread = ingest_paths([seeds], db, report=lambda line: None)
    assert reread.counts["refreshed"] == 5


def test_editing_the_registry_reads_every_article_again(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    registry = tmp_path / "registry.yml"
    shutil.copy(REGISTRY_PATH, registry)
    db = tmp_path / "archive.db"
    ingest_paths([seeds], db, registry_path=registry, report=lambda line: None)
    registry.write_text(registry.read_text() + "\n# a reviewer's note\n")
    assert ingest_paths([seeds], db, registry_path=registry, report=lambda line: None).counts["refreshed"] == 5


def test_imports_are_found_in_every_form(tmp_path):
    from ingest.version import _package_imports

    module = tmp_path / "stage.py"
    module.write_text(
        '"""A stage."""\n'
        "from __future__ import annotations\n"
        "import re, ingest.dates\n"
        "from . import text, models as m\n"
        "from .lexicon import (\n    LEXICON,\n    Patterns,  # the compiled ones\n)\n"
        "from ingest.parse.lines import read_line\n"
        "if True:\n    from .morph import lemma\n"
        "from datetime import date\n", encoding="utf-8")
    assert _package_imports(module, "stage") == {
        "dates", "text", "models", "lexicon", "lexicon.LEXICON", "lexicon.Patterns", "parse.lines",
        "parse.lines.read_line", "morph", "morph.lemma"}
