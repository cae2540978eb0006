"""Where the package's own data lives: the default registry, the Datasette metadata, the site's
templates and static files and the reading lexicons. Read with importlib.resources, so an
installed wheel works from any directory; in a checkout `db/registry.yml` and `metadata.yml`
are the files humans edit (the package's copies link to them)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("ingest")))
DATA_DIR = PACKAGE / "data"
REGISTRY_PATH = DATA_DIR / "registry.yml"
METADATA_PATH = DATA_DIR / "metadata.yml"
SITE_DIR = PACKAGE / "site"
TEMPLATES_DIR = SITE_DIR / "templates"
STATIC_DIR = SITE_DIR / "static"
LEXICON_DIR = PACKAGE / "lexicon"
