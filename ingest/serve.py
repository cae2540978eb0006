"""Build the Datasette instance that serves the archive; used by `archive serve` and the tests."""

from __future__ import annotations

from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.database import Database

from .schema import upgrade_archive

ROOT = Path(__file__).resolve().parent.parent
METADATA_PATH = ROOT / "metadata.yml"
TEMPLATES_DIR = ROOT / "templates"
PLUGINS_DIR = ROOT / "plugins"
STATIC_DIR = ROOT / "static"
DATABASE_NAME = "archive"

SETTINGS = {
    "sql_time_limit_ms": 2000,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "suggest_facets": False,  # facet suggestions dominate page time on large tables
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "default_cache_ttl": 60,
}


def make_datasette(db_path: str | Path, metadata_path: Path = METADATA_PATH, static: bool = False,
                   base_url: str = "/") -> Datasette:
    """A Datasette serving db_path read-only under the name `archive`. With static=True the site
    pages render for a static host (see ingest.publish)."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"{db_path}: no archive database here; run `archive ingest` first")
    upgrade_archive(db_path)
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    if static:
        metadata.setdefault("plugins", {})["archive-site"] = {"static": True, "base_url": base_url}
    ds = Datasette(
        files=[],
        metadata=metadata,
        settings=SETTINGS,
        template_dir=str(TEMPLATES_DIR) if TEMPLATES_DIR.is_dir() else None,
        plugins_dir=str(PLUGINS_DIR) if PLUGINS_DIR.is_dir() else None,
        static_mounts=[("static", str(STATIC_DIR))] if STATIC_DIR.is_dir() else None,
    )
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    return ds
