"""Build the Datasette instance that serves the archive; used by `archive serve` and the tests."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from datasette.app import Datasette
from datasette.database import Database

from .resources import METADATA_PATH, STATIC_DIR
from .schema import upgrade_archive

DATABASE_NAME = "archive"

SETTINGS = {
    "sql_time_limit_ms": 2000,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "suggest_facets": False,  # facet suggestions dominate page time on large tables
    "facet_time_limit_ms": 500,
    "allow_download": True,
    "default_cache_ttl": 60,
    "truncate_cells_html": 160,  # table views: long text cut with "…" (a row page shows it whole)
}


def check_site_url(site_url: str) -> str:
    """A site URL as the archive writes it into links (scheme and host, and a path if the site
    lives under one; no trailing slash). ValueError for anything else."""
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{site_url!r} is not a site URL: give the scheme and host, e.g. https://archive.example.org")
    return site_url.strip().rstrip("/")


def make_datasette(db_path: str | Path, metadata_path: Path = METADATA_PATH, static: bool = False,
                   base_url: str = "/", site_url: str | None = None, review: dict | None = None) -> Datasette:
    """A Datasette serving db_path read-only under the name `archive`. With static=True the site
    pages render for a static host (see ingest.publish; site_url then only says whether the build
    has one). The site itself is the `ingest.site` plugin, registered through the `datasette`
    entry point with its templates and static files. site_url is the address the site is
    reached at, for the feed, the sitemap and citations; without one only a loopback Host
    header is trusted (see ingest.site.site_base). `review` ({"judgements": path, "registry":
    path}, given by `archive serve` only) turns on the review page for this machine's requests
    (ingest.site.review); a static build or a published bundle never has it."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"{db_path}: no archive database here; run `archive ingest` first")
    upgrade_archive(db_path)
    metadata = yaml.safe_load(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    plugin = metadata.setdefault("plugins", {}).setdefault("archive-site", {})
    if static:
        plugin.update({"static": True, "base_url": base_url, "site_url_given": bool(site_url)})
        plugin.pop("site_url", None)
    elif site_url:
        plugin["site_url"] = check_site_url(site_url)
    plugin.pop("review", None)  # never from a metadata file: only `archive serve` turns it on
    if review and not static:
        plugin["review"] = {"judgements": str(review["judgements"]), "registry": str(review.get("registry") or ""),
                            "database": str(db_path)}
    ds = Datasette(
        files=[],
        metadata=metadata,
        settings=SETTINGS,
        static_mounts=[("static", str(STATIC_DIR))],
    )
    ds.archive_metadata_given = True  # the site plugin (an entry point) then adds none of its own
    ds.remove_database("_memory")
    # A file in a folder that cannot be written is served immutable (SQLite cannot keep a WAL there).
    mutable = os.access(db_path.resolve().parent, os.W_OK)
    ds.add_database(Database(ds, path=str(db_path), is_mutable=mutable), name=DATABASE_NAME)
    return ds
