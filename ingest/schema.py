"""The archive's tables, indexes, full-text indexes and views: the public data model.

`ensure_schema(db)` is idempotent; every table is created with types and foreign keys
before any insert, so Datasette shows labels and links from the start.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3

import sqlite_utils

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; an upgrade there should not race a second server
    fcntl = None

SCHEMA_VERSION = 7  # 2: quotes.published; 3: articles.url, ingest_errors.size; 4: articles.format, container, item;
# 5: the judgements tables (judgements, article_judgements, article_corrections, quote_judgements);
# 6: articles_trigram_fts (for Korean, Chinese, Japanese); 7: origin and wikidata_id of entities,
# places' coordinates, roles.field

# Human judgements (db/judgements.yml) and what they changed: written by the loader and by
# `archive review`; the judgements table mirrors the file at each ingest and each decision.
# Judgement numbers are not foreign keys: the mirror is replaced as a whole.
JUDGEMENT_TABLES = """
CREATE TABLE IF NOT EXISTS judgements (
    number INTEGER PRIMARY KEY,
    line INTEGER NOT NULL,
    decision TEXT NOT NULL,
    summary TEXT NOT NULL,
    name TEXT,
    entity_type TEXT,
    entity_slug TEXT,
    other_slug TEXT,
    canonical TEXT,
    description TEXT,
    wikidata TEXT,
    article_slug TEXT,
    article_sha256 TEXT,
    field TEXT,
    value TEXT,
    quote_number INTEGER,
    person_slug TEXT,
    machine_read TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    note TEXT,
    undone_by TEXT,
    undone_at TEXT,
    undo_note TEXT,
    status TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS article_judgements (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    judgement INTEGER NOT NULL,
    PRIMARY KEY (article_id, judgement)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_corrections (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    field TEXT NOT NULL,
    value TEXT,
    read_value TEXT,
    judgement INTEGER NOT NULL,
    PRIMARY KEY (article_id, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quote_judgements (
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    judgement INTEGER NOT NULL,
    read_speaker TEXT,
    read_person_id INTEGER REFERENCES people(id),
    read_organization_id INTEGER REFERENCES organizations(id),
    read_attribution TEXT
);
"""

TABLES = """
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    organization_id INTEGER REFERENCES organizations(id),
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS raw_files (
    sha256 TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    encoding TEXT,
    content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT,
    lede TEXT,
    label TEXT NOT NULL,
    source_id INTEGER REFERENCES sources(id),
    published TEXT,
    date_source TEXT,
    dateline TEXT,
    byline TEXT,
    language TEXT,
    url TEXT,
    format TEXT,
    container TEXT,
    container_sha256 TEXT REFERENCES raw_files(sha256),
    item TEXT,
    body TEXT NOT NULL,
    captions TEXT,
    credits TEXT,
    dropped TEXT,
    warnings TEXT,
    word_count INTEGER NOT NULL,
    file TEXT NOT NULL,
    path TEXT,
    sha256 TEXT NOT NULL UNIQUE REFERENCES raw_files(sha256),
    encoding TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    extracted_with TEXT,
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES raw_files(sha256),
    title TEXT,
    published TEXT,
    body TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS duplicate_files (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    aliases TEXT,
    description TEXT,
    gender TEXT,
    country TEXT,
    wikidata_id TEXT,
    origin TEXT NOT NULL DEFAULT 'registry',
    reviewed INTEGER NOT NULL DEFAULT 1,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS organizations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    aliases TEXT,
    kind TEXT,
    country TEXT,
    description TEXT,
    wikidata_id TEXT,
    origin TEXT NOT NULL DEFAULT 'registry',
    reviewed INTEGER NOT NULL DEFAULT 1,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    aliases TEXT,
    kind TEXT,
    country TEXT,
    description TEXT,
    wikidata_id TEXT,
    origin TEXT NOT NULL DEFAULT 'registry',
    geonameid INTEGER,
    latitude REAL,
    longitude REAL,
    reviewed INTEGER NOT NULL DEFAULT 1,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS aliases (
    id INTEGER PRIMARY KEY,
    alias TEXT NOT NULL,
    person_id INTEGER REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    place_id INTEGER REFERENCES places(id),
    CHECK ((person_id IS NOT NULL) + (organization_id IS NOT NULL) + (place_id IS NOT NULL) = 1)
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    person_id INTEGER REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    place_id INTEGER REFERENCES places(id),
    field TEXT NOT NULL DEFAULT 'body',
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    surface TEXT NOT NULL,
    resolution TEXT NOT NULL,
    CHECK ((person_id IS NOT NULL) + (organization_id IS NOT NULL) + (place_id IS NOT NULL) = 1),
    CHECK (char_start >= 0 AND char_end > char_start)
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    person_id INTEGER REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    speaker TEXT,
    text TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT 'body',
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    attribution TEXT NOT NULL,
    published TEXT
);
CREATE TABLE IF NOT EXISTS roles (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    title TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations(id),
    place_id INTEGER REFERENCES places(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    published TEXT,
    field TEXT NOT NULL DEFAULT 'body',
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    surface TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    date TEXT NOT NULL,
    precision TEXT NOT NULL,
    expression TEXT NOT NULL,
    relative INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT 'body',
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS shared_passages (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    other_article_id INTEGER NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL,
    shared_words INTEGER NOT NULL,
    passages TEXT NOT NULL,
    UNIQUE (article_id, other_article_id)
);
CREATE TABLE IF NOT EXISTS article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity_type TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    published TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_type, entity_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_months (
    entity_type TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (entity_type, entity_id, month)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS common_shingles (
    hash INTEGER PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS article_shingles (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE TABLE IF NOT EXISTS shared_copy_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id)
);
CREATE TABLE IF NOT EXISTS ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    paths TEXT NOT NULL,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    reread INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    renamed INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0,
    code_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES ingest_runs(id),
    file TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT,
    size INTEGER,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    raw BLOB,
    created_at TEXT NOT NULL
);
""" + JUDGEMENT_TABLES

INDEXES = """
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS idx_articles_source_id ON articles(source_id);
CREATE INDEX IF NOT EXISTS idx_articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS idx_articles_file ON articles(file);
CREATE INDEX IF NOT EXISTS idx_articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS idx_articles_container ON articles(container) WHERE container IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_article_versions_article_id ON article_versions(article_id);
CREATE INDEX IF NOT EXISTS idx_duplicate_files_article_id ON duplicate_files(article_id);
CREATE INDEX IF NOT EXISTS idx_sources_organization_id ON sources(organization_id);
CREATE INDEX IF NOT EXISTS idx_aliases_person_id ON aliases(person_id);
CREATE INDEX IF NOT EXISTS idx_aliases_organization_id ON aliases(organization_id);
CREATE INDEX IF NOT EXISTS idx_aliases_place_id ON aliases(place_id);
CREATE INDEX IF NOT EXISTS idx_mentions_article_id ON mentions(article_id);
CREATE INDEX IF NOT EXISTS idx_mentions_person_id ON mentions(person_id, article_id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_mentions_organization_id ON mentions(organization_id, article_id)
    WHERE organization_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_mentions_place_id ON mentions(place_id, article_id) WHERE place_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_article_entities_entity ON article_entities(entity_type, entity_id, published);
CREATE INDEX IF NOT EXISTS idx_quotes_article_id ON quotes(article_id);
CREATE INDEX IF NOT EXISTS idx_quotes_person_published ON quotes(person_id, published) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_quotes_organization_published ON quotes(organization_id, published)
    WHERE organization_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_roles_person_id ON roles(person_id);
CREATE INDEX IF NOT EXISTS idx_roles_article_id ON roles(article_id);
CREATE INDEX IF NOT EXISTS idx_roles_organization_id ON roles(organization_id);
CREATE INDEX IF NOT EXISTS idx_roles_place_id ON roles(place_id);
CREATE INDEX IF NOT EXISTS idx_events_article_id ON events(article_id);
CREATE INDEX IF NOT EXISTS idx_events_date ON events(date);
CREATE INDEX IF NOT EXISTS idx_shared_passages_article_id ON shared_passages(article_id);
CREATE INDEX IF NOT EXISTS idx_shared_passages_other_article_id ON shared_passages(other_article_id);
-- covering: the shared-copy candidate search reads other articles' ids from the index alone
CREATE INDEX IF NOT EXISTS idx_article_shingles_hash ON article_shingles(hash, article_id);
CREATE INDEX IF NOT EXISTS idx_article_shingles_article_id ON article_shingles(article_id);
CREATE INDEX IF NOT EXISTS idx_ingest_errors_run_id ON ingest_errors(run_id);
CREATE INDEX IF NOT EXISTS idx_judgements_entity ON judgements(entity_type, entity_slug);
CREATE INDEX IF NOT EXISTS idx_judgements_other ON judgements(entity_type, other_slug);
CREATE INDEX IF NOT EXISTS idx_judgements_article_slug ON judgements(article_slug);
CREATE INDEX IF NOT EXISTS idx_article_judgements_judgement ON article_judgements(judgement);
CREATE INDEX IF NOT EXISTS idx_quote_judgements_article_id ON quote_judgements(article_id);
"""

VIEWS = {
    # article_entities with names: what a reader or a scorer means by "who is in this article".
    "article_entity_names": """
        SELECT ae.article_id, a.file, a.slug AS article_slug, ae.entity_type, ae.entity_id,
               COALESCE(p.name, o.name, pl.name) AS name,
               COALESCE(p.reviewed, o.reviewed, pl.reviewed) AS reviewed, ae.mentions
        FROM article_entities ae
        JOIN articles a ON a.id = ae.article_id
        LEFT JOIN people p ON ae.entity_type = 'person' AND p.id = ae.entity_id
        LEFT JOIN organizations o ON ae.entity_type = 'organization' AND o.id = ae.entity_id
        LEFT JOIN places pl ON ae.entity_type = 'place' AND pl.id = ae.entity_id""",
    # Mentions with the words around them, read from the text the offsets index.
    "mentions_in_context": """
        SELECT m.id, m.article_id, m.person_id, m.organization_id, m.place_id, m.surface, m.field,
               m.char_start, m.char_end, m.resolution,
               substr(CASE m.field WHEN 'captions' THEN a.captions WHEN 'dateline' THEN a.dateline ELSE a.body END,
                      max(1, m.char_start + 1 - 80), min(m.char_start, 80) + (m.char_end - m.char_start) + 80) AS context
        FROM mentions m JOIN articles a ON a.id = m.article_id""",
    # A person's titles over time: each title as stated (case aside), with the first and last
    # dates it is stated on and the articles stating it (ingest.web.curation reads it for the page).
    "title_spans": """
        SELECT r.person_id, p.slug AS person_slug, p.name AS person_name, min(r.title) AS title,
               min(r.published) AS first_seen, max(r.published) AS last_seen,
               count(DISTINCT r.article_id) AS articles,
               count(DISTINCT CASE WHEN r.published IS NULL THEN r.article_id END) AS undated_articles,
               (SELECT f.article_id FROM roles f WHERE f.person_id = r.person_id AND lower(f.title) = lower(r.title)
                  AND f.published IS NOT NULL ORDER BY f.published, f.article_id LIMIT 1) AS first_article_id,
               (SELECT l.article_id FROM roles l WHERE l.person_id = r.person_id AND lower(l.title) = lower(r.title)
                  AND l.published IS NOT NULL ORDER BY l.published DESC, l.article_id DESC LIMIT 1) AS last_article_id,
               max(r.organization_id) AS organization_id, max(r.place_id) AS place_id
        FROM roles r JOIN people p ON p.id = r.person_id
        GROUP BY r.person_id, lower(r.title)""",
    # People, organizations and places the registry does not know yet, for review.
    "names_for_review": """
        SELECT 'person' AS entity_type, id, name, mention_count, article_count FROM people WHERE reviewed = 0
        UNION ALL
        SELECT 'organization', id, name, mention_count, article_count FROM organizations WHERE reviewed = 0
        ORDER BY article_count DESC, mention_count DESC""",
}

FTS = {
    "articles": ["title", "body"],
    "people": ["name", "aliases"],
    "organizations": ["name", "aliases"],
    "places": ["name", "aliases"],
    "quotes": ["text", "speaker"],
}


# Korean, Chinese and Japanese write no space inside a compound or before a particle (北최선희,
# 북러조약, 김정은은), so a word index cannot find a name inside them. The articles in those languages
# also have a trigram index (its own copy of their title and body: English articles cost it nothing),
# which finds any three or more characters wherever they stand; the search queries it when a query
# has Hangul or Chinese characters (ingest.web.queries).
TRIGRAM_FTS = "articles_trigram_fts"
TRIGRAM_COLUMNS = ["title", "body"]
TRIGRAM_LANGUAGES = ("ko", "zh", "ja")
_IN_TRIGRAM_LANGUAGES = "IN (" + ", ".join(f"'{code}'" for code in TRIGRAM_LANGUAGES) + ")"

# Full-text indexes that a bulk load builds once at the end instead of row by row.
BULK_FTS = ("articles", "quotes")
# Indexes only readers need (entity pages, facets, date filters); a bulk load creates them after
# the rows are in. Lookups the loader itself makes (by sha256, path, slug, article_id, shingle hash) stay.
BULK_DEFERRED_INDEXES = (
    "idx_articles_published", "idx_articles_source_id", "idx_articles_language", "idx_articles_file",
    "idx_mentions_person_id", "idx_mentions_organization_id", "idx_mentions_place_id",
    "idx_article_entities_entity", "idx_quotes_person_published", "idx_quotes_organization_published",
    "idx_roles_person_id", "idx_roles_organization_id", "idx_roles_place_id", "idx_events_date",
    "idx_article_shingles_hash",
)


def fts_triggers(table: str, columns: list[str]) -> dict[str, str]:
    """The triggers that keep `{table}_fts` in step with `table`. An update re-indexes a row only
    when an indexed column changes, so bookkeeping updates cost nothing."""
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"[{table}_fts]"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    return {
        f"{table}_ai": f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN\n  {insert}\nEND",
        f"{table}_ad": f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN\n  {delete}\nEND",
        f"{table}_au": f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] BEGIN\n"
                       f"  {delete}\n  {insert}\nEND",
    }


def trigram_triggers() -> dict[str, str]:
    """The triggers that keep the trigram index in step with the articles in its languages: an
    article in any other language never reaches it (the WHEN clause is all it costs)."""
    cols = ", ".join(f"[{c}]" for c in TRIGRAM_COLUMNS)
    new = ", ".join(f"new.[{c}]" for c in TRIGRAM_COLUMNS)
    fts, lang = f"[{TRIGRAM_FTS}]", _IN_TRIGRAM_LANGUAGES
    insert = f"INSERT INTO {fts} (rowid, {cols}) SELECT new.id, {new} WHERE new.language {lang};"
    delete = f"DELETE FROM {fts} WHERE rowid = old.id;"
    return {
        "articles_trigram_ai": f"CREATE TRIGGER [articles_trigram_ai] AFTER INSERT ON [articles] "
                               f"WHEN new.language {lang} BEGIN\n  {insert}\nEND",
        "articles_trigram_ad": f"CREATE TRIGGER [articles_trigram_ad] AFTER DELETE ON [articles] "
                               f"WHEN old.language {lang} BEGIN\n  {delete}\nEND",
        "articles_trigram_au": f"CREATE TRIGGER [articles_trigram_au] AFTER UPDATE OF {cols}, [language] ON [articles] "
                               f"WHEN old.language {lang} OR new.language {lang} BEGIN\n  {delete}\n  {insert}\nEND",
    }


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database):
    """One explicit write transaction: everything inside commits together or not at all (DDL
    included), so a process killed midway leaves the archive as it was before."""
    conn = db.conn
    if conn.in_transaction:
        conn.execute("COMMIT")
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, view, full-text index and trigger that does not exist yet and
    bring an older archive up to this schema. Each step is one transaction with what records it
    done (its version bump), so a kill at any moment leaves either the step done or not begun.
    A full-text index that does not hold exactly its table's rows (a bulk load or a repair that
    was stopped, a disk that filled) is rebuilt."""
    db.execute("PRAGMA foreign_keys = ON")
    if db.journal_mode != "wal":
        db.enable_wal()
    fresh = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone() is None
    with transaction(db):
        legacy_entities = _drop_legacy_objects(db)
        for statement in _statements(TABLES):
            db.conn.execute(statement)
        if fresh:
            db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif legacy_entities:
            _fill_article_entities(db)
    for version, step in MIGRATIONS:
        if db.execute("PRAGMA user_version").fetchone()[0] < version:
            with transaction(db):
                step(db)
                db.conn.execute(f"PRAGMA user_version = {version}")
    with transaction(db):
        for statement in _statements(INDEXES):
            db.conn.execute(statement)
        for name, sql in VIEWS.items():
            create = f"CREATE VIEW {name} AS {sql}"
            existing = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", [name]).fetchone()
            if not existing or existing[0] != create:
                db.conn.execute(f"DROP VIEW IF EXISTS {name}")
                db.conn.execute(create)
    for table, columns in FTS.items():
        if _ensure_triggers_sql(db, table, columns) or not fts_in_step(db, table):
            with transaction(db):
                _create_fts(db, table, columns)
                _ensure_triggers(db, table, columns)
                db.conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES ('rebuild')")
    if _triggers_out_of_date(db, trigram_triggers()) or not trigram_in_step(db):
        with transaction(db):
            _rebuild_trigram(db)


def trigram_in_step(db: sqlite_utils.Database | sqlite3.Connection) -> bool:
    """Whether the trigram index holds exactly the articles in its languages (count and largest id)."""
    return _docsize_matches(db, f"{TRIGRAM_FTS}_docsize",
                            f"SELECT count(*), max(id) FROM articles WHERE language {_IN_TRIGRAM_LANGUAGES}")


def _rebuild_trigram(db: sqlite_utils.Database) -> None:
    """The trigram index made anew from the articles in its languages, and its triggers (inside the
    caller's transaction). The index keeps its own copy of their text, so a rebuild is a new table."""
    db.conn.execute(f"DROP TABLE IF EXISTS [{TRIGRAM_FTS}]")
    cols = ", ".join(f'"{c}"' for c in TRIGRAM_COLUMNS)
    db.conn.execute(f"""CREATE VIRTUAL TABLE "{TRIGRAM_FTS}" USING FTS5 (\n    {cols},\n    tokenize='trigram'\n)""")
    db.conn.execute(f"INSERT INTO [{TRIGRAM_FTS}]([{TRIGRAM_FTS}], rank) VALUES ('rank', 'bm25(10.0, 1.0)')")
    db.conn.execute(f"INSERT INTO [{TRIGRAM_FTS}] (rowid, {cols}) SELECT id, {cols} FROM articles "
                    f"WHERE language {_IN_TRIGRAM_LANGUAGES} ORDER BY id")
    _replace_triggers(db, trigram_triggers())


def fts_in_step(db: sqlite_utils.Database | sqlite3.Connection, table: str) -> bool:
    """Whether `{table}_fts` indexes exactly the rows of `table` (its document sizes against the
    table: one per row, same largest rowid). FTS5's own integrity-check cannot tell: an index that
    never saw some rows is consistent with itself."""
    return _docsize_matches(db, f"{table}_fts_docsize", f"SELECT count(*), max(rowid) FROM [{table}]")


def _docsize_matches(db: sqlite_utils.Database | sqlite3.Connection, docsize: str, rows_query: str) -> bool:
    """Whether an FTS5 index's document sizes (`docsize`) count the rows `rows_query` counts, with
    the same largest id; False when the index does not exist."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [docsize]).fetchone():
        return False
    indexed = conn.execute(f"SELECT count(*), max(id) FROM [{docsize}]").fetchone()
    return tuple(indexed) == tuple(conn.execute(rows_query).fetchone())


def _create_fts(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [f"{table}_fts"]).fetchone():
        return
    cols = ", ".join(f'"{c}"' for c in columns)
    db.conn.execute(f"""CREATE VIRTUAL TABLE "{table}_fts" USING FTS5 (\n    {cols},\n    tokenize='porter',\n"""
                    f"""    content="{table}"\n)""")
    if table == "articles":  # ORDER BY rank weighs a match in the headline ten times a body match
        db.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")


class OutdatedArchive(Exception):
    """An archive made by an older version that cannot be upgraded where it is."""


class NotAnArchive(Exception):
    """The database file is not an SQLite database, or not a whole one; it is left untouched."""


SQLITE_HEADER = b"SQLite format 3\x00"


def check_archive_file(path) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database (a README, random
    bytes) or that is shorter than its header says (a truncated copy). A missing or empty file
    is fine: it becomes a new archive."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise NotAnArchive(f"{path}: is a folder, not a database file") from None
    except OSError as exc:
        raise NotAnArchive(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not header:
        return
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotAnArchive(f"{path}: not an SQLite database (it starts {header[:16]!r}); left untouched")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = f"{path}-wal"
    pending = os.path.exists(wal) and os.path.getsize(wal) > 0  # pages still in the log count too
    if header[24:28] == header[92:96] and pages and size < pages * page_size and not pending:
        raise NotAnArchive(f"{path}: truncated: {size:,} bytes of the {pages * page_size:,} its header gives; "
                           "left untouched")


def upgrade_archive(db_path) -> bool:
    """Bring an archive file made by an older version up to this schema, in place (once; rows
    are kept). True if it was upgraded. Serving and publishing call it, so upgrading the code
    never leaves pages that query a column the file lacks."""
    check_archive_file(db_path)
    if _schema_version(db_path) >= SCHEMA_VERSION:
        return False
    with open(db_path, "rb") as lock:  # one process upgrades; the others wait, then find it done
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)  # flock and SQLite's own fcntl locks do not interact
        if _schema_version(db_path) >= SCHEMA_VERSION:
            return False
        try:
            db = sqlite_utils.Database(db_path)
            ensure_schema(db)  # commits as it goes (executescript)
            db.close()
        except sqlite3.OperationalError as exc:
            raise OutdatedArchive(f"{db_path}: made by an older version of the archive and cannot be upgraded "
                                  f"here ({exc}); run `archive ingest` on a writable copy") from exc
    return True


def read_only_uri(db_path) -> str:
    """A URI to read the archive: read-only, or immutable where its folder cannot be written (a
    WAL database cannot be opened read-only without writing its shared-memory file)."""
    immutable = not os.access(os.path.dirname(os.path.abspath(db_path)), os.W_OK)
    return f"file:{db_path}?{'immutable=1' if immutable else 'mode=ro'}"


def _schema_version(db_path) -> int:
    """The file's schema version; an empty file counts as current (nothing to upgrade)."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return SCHEMA_VERSION
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _index_target(sql: str) -> str:
    """What an index covers ("mentions(person_id, article_id) WHERE ..."), whitespace normalized."""
    return " ".join(sql.split()).partition(" ON ")[2]


# Each index's definition by name: an older file's index of the same name but another shape is rebuilt.
_INDEX_TARGETS = {name: _index_target(sql) for sql, name in
                  re.findall(r"(CREATE INDEX IF NOT EXISTS (\w+) ON [^;]+);", INDEXES)}


def _drop_legacy_objects(db: sqlite_utils.Database) -> bool:
    """Drop what early archives had in place of today's tables (article_entities was a view,
    cooccurrences a table); True if article_entities must be filled from the mentions."""
    legacy_view = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'article_entities'").fetchone()
    if legacy_view:
        db.execute("DROP VIEW article_entities")
        db.execute("DROP TABLE IF EXISTS cooccurrences")
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall():
        if name in _INDEX_TARGETS and _index_target(sql) != _INDEX_TARGETS[name]:
            db.execute(f"DROP INDEX [{name}]")
    return bool(legacy_view)


def _fill_article_entities(db: sqlite_utils.Database) -> None:
    """article_entities and entity_months derived from the mentions, as the loader keeps them
    (early archives had article_entities as a view)."""
    db.conn.execute("""
        INSERT OR IGNORE INTO article_entities (article_id, entity_type, entity_id, published, mentions)
        SELECT m.article_id, CASE WHEN m.person_id IS NOT NULL THEN 'person'
                 WHEN m.organization_id IS NOT NULL THEN 'organization' ELSE 'place' END,
               coalesce(m.person_id, m.organization_id, m.place_id), a.published, count(*)
        FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY 1, 2, 3""")
    db.conn.execute("DELETE FROM entity_months")
    db.conn.execute("""
        INSERT INTO entity_months (entity_type, entity_id, month, articles)
        SELECT entity_type, entity_id, coalesce(substr(published, 1, 7), 'undated'), count(*)
        FROM article_entities GROUP BY 1, 2, 3""")


def _columns(db: sqlite_utils.Database, table: str) -> set[str]:
    return {row[1] for row in db.conn.execute(f"PRAGMA table_info([{table}])")}


def _add_column(db: sqlite_utils.Database, table: str, column: str, kind: str) -> None:
    if column not in _columns(db, table):
        db.conn.execute(f"ALTER TABLE [{table}] ADD COLUMN [{column}] {kind}")


def _to_2(db: sqlite_utils.Database) -> None:
    """quotes.published, so a speaker's latest quotes come off an index."""
    _add_column(db, "quotes", "published", "TEXT")
    db.conn.execute("UPDATE quotes SET published = (SELECT published FROM articles WHERE articles.id = quotes.article_id)")
    for old in ("idx_quotes_person_id", "idx_quotes_organization_id"):  # replaced by the *_published ones
        db.conn.execute(f"DROP INDEX IF EXISTS [{old}]")


def _to_3(db: sqlite_utils.Database) -> None:
    """articles.url (the article's own address), ingest_errors.size (kept for any file) and
    ingest_runs.reread (stored articles read again)."""
    _add_column(db, "articles", "url", "TEXT")
    _add_column(db, "ingest_errors", "size", "INTEGER")
    _add_column(db, "ingest_runs", "reread", "INTEGER NOT NULL DEFAULT 0")


def _to_4(db: sqlite_utils.Database) -> None:
    """articles.format (text, html, pdf, feed-item, warc-record), and for an article read out of a
    feed or a crawl, the container file and the item's key in it."""
    _add_column(db, "articles", "format", "TEXT")
    _add_column(db, "articles", "container", "TEXT")
    _add_column(db, "articles", "container_sha256", "TEXT REFERENCES raw_files(sha256)")
    _add_column(db, "articles", "item", "TEXT")
    db.conn.execute("UPDATE articles SET format = 'text' WHERE format IS NULL")


def _to_5(db: sqlite_utils.Database) -> None:
    """The judgements tables: the judgements file's mirror, the articles each judgement changed,
    corrected article fields with what the machine read, and judged quote speakers."""
    for statement in _statements(JUDGEMENT_TABLES):
        db.conn.execute(statement)


def _to_6(db: sqlite_utils.Database) -> None:
    """articles_trigram_fts: the trigram index of the articles in Korean, Chinese or Japanese, so a
    search finds a name inside a compound or with a particle on it (北최선희, 김정은은)."""
    _rebuild_trigram(db)


def _to_7(db: sqlite_utils.Database) -> None:
    """Where each entity comes from (registry, gazetteer or text) and its Wikidata id; places'
    GeoNames id and coordinates; which text a role's offsets index (body or byline)."""
    for table in ("people", "organizations", "places"):
        _add_column(db, table, "wikidata_id", "TEXT")
        _add_column(db, table, "origin", "TEXT NOT NULL DEFAULT 'registry'")
        db.conn.execute(f"UPDATE [{table}] SET origin = 'text' WHERE reviewed = 0")
    for column, kind in (("geonameid", "INTEGER"), ("latitude", "REAL"), ("longitude", "REAL")):
        _add_column(db, "places", column, kind)
    _add_column(db, "roles", "field", "TEXT NOT NULL DEFAULT 'body'")


# (version, step): each step runs in one transaction with its version bump
MIGRATIONS = [(2, _to_2), (3, _to_3), (4, _to_4), (5, _to_5), (6, _to_6), (7, _to_7)]


def _ensure_triggers_sql(db: sqlite_utils.Database, table: str, columns: list[str]) -> bool:
    """Whether any of the FTS triggers of `table` is missing or out of date."""
    return _triggers_out_of_date(db, fts_triggers(table, columns))


def _triggers_out_of_date(db: sqlite_utils.Database, triggers: dict[str, str]) -> bool:
    for name, sql in triggers.items():
        existing = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
        if not existing or existing[0] != sql:
            return True
    return False


def _ensure_triggers(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """Create or update the FTS triggers of `table` (inside the caller's transaction)."""
    _replace_triggers(db, fts_triggers(table, columns))


def _replace_triggers(db: sqlite_utils.Database, triggers: dict[str, str]) -> None:
    for name, sql in triggers.items():
        existing = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
        if existing and existing[0] == sql:
            continue
        if existing:
            db.conn.execute(f"DROP TRIGGER [{name}]")
        db.conn.execute(sql)


def begin_bulk_load(db: sqlite_utils.Database) -> None:
    """Stop row-by-row full-text indexing and drop reader-only indexes until finish_bulk_load."""
    for table in BULK_FTS:
        for name in fts_triggers(table, FTS[table]):
            db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    for name in trigram_triggers():
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    for name in BULK_DEFERRED_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS [{name}]")


def finish_bulk_load(db: sqlite_utils.Database) -> None:
    """Create the deferred indexes and build each full-text index once, then resume the triggers,
    in one transaction: a reader (Datasette serving during the load) sees the schema change once."""
    with db.conn:
        db.conn.execute("BEGIN")
        for statement in INDEXES.split(";"):
            if statement.strip():
                db.conn.execute(statement)
        for table in BULK_FTS:
            db.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES ('rebuild')")
            _ensure_triggers(db, table, FTS[table])
        _rebuild_trigram(db)
