"""The data behind each page, as plain dicts: the same dicts are the pages' JSON.

Every function takes a Datasette `Database` and runs a few indexed queries; lists are capped
so a page stays fast however large the archive grows (the full lists are Datasette tables).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets

from datasette.database import QueryInterrupted

from ..models import ENTITY_TYPES
from .. import morph
from ..schema import TRIGRAM_FTS
from .render import Term, fts_match, query_terms, split_snippet, trigram_match
from .wordforms import korean_search_stem, word_script

ENTITY_TABLES = {t.table: t.name for t in ENTITY_TYPES}  # people -> person
TYPE_TABLES = {t.name: t.table for t in ENTITY_TYPES}  # person -> people
COLUMNS = {t.name: t.column for t in ENTITY_TYPES}
LIST_LIMIT = 50
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def rows(results) -> list[dict]:
    return [dict(r) for r in results.rows]


async def one(db, sql: str, params=None) -> dict | None:
    found = rows(await db.execute(sql, params or {}))
    return found[0] if found else None


def entity_url(entity_type: str, slug: str) -> str:
    return f"/{TYPE_TABLES[entity_type]}/{slug}"


# ---------------------------------------------------------------- home


async def home(db) -> dict:
    counts = await one(db, """SELECT
        (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM sources) AS sources,
        (SELECT count(*) FROM people WHERE reviewed = 1 AND article_count > 0) AS people,
        (SELECT count(*) FROM organizations WHERE reviewed = 1 AND article_count > 0) AS organizations,
        (SELECT count(*) FROM places WHERE article_count > 0) AS places, (SELECT count(*) FROM quotes) AS quotes,
        (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM mentions) AS mentions,
        (SELECT min(published) FROM articles) AS first, (SELECT max(published) FROM articles) AS last""")
    latest = rows(await db.execute("""
        SELECT a.slug, a.label, a.published, s.name AS source FROM articles a
        LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.published IS NULL, a.published DESC, a.id DESC
        LIMIT 10"""))
    top_people = rows(await db.execute("""SELECT slug, name, article_count FROM people
        WHERE article_count > 0 ORDER BY article_count DESC LIMIT 12"""))
    top_orgs = rows(await db.execute("""SELECT slug, name, article_count FROM organizations
        WHERE article_count > 0 ORDER BY article_count DESC LIMIT 8"""))
    top_places = rows(await db.execute("""SELECT slug, name, article_count FROM places
        WHERE article_count > 0 ORDER BY article_count DESC LIMIT 8"""))
    sources = rows(await db.execute("SELECT slug, name, article_count FROM sources ORDER BY article_count DESC"))
    return {"counts": counts, "latest": latest, "people": top_people, "organizations": top_orgs,
            "places": top_places, "sources": sources}


# ---------------------------------------------------------------- article


async def article(db, slug: str) -> dict | None:
    found = await one(db, """SELECT a.id, a.slug, a.title, a.lede, a.label, a.published, a.date_source, a.dateline,
        a.byline, a.language, a.url, a.body, a.captions, a.credits, a.dropped, a.warnings, a.word_count, a.file, a.sha256,
        a.encoding, a.version, a.ingested_at, s.name AS source, s.slug AS source_slug
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.slug = :slug""", {"slug": slug})
    if not found:
        return None
    article_id = found["id"]
    found["language_name"] = language_entry(found["language"])["name"] if found["language"] else None
    for key in ("credits", "dropped", "warnings"):
        found[key] = json.loads(found[key]) if found[key] else []
    found["mentions"] = rows(await db.execute("""
        SELECT m.id, m.field, m.char_start, m.char_end, m.surface, m.resolution,
          CASE WHEN m.person_id IS NOT NULL THEN 'person' WHEN m.organization_id IS NOT NULL THEN 'organization'
               ELSE 'place' END AS entity_type,
          coalesce(p.slug, o.slug, pl.slug) AS entity_slug, coalesce(p.name, o.name, pl.name) AS entity_name
        FROM mentions m LEFT JOIN people p ON p.id = m.person_id
        LEFT JOIN organizations o ON o.id = m.organization_id LEFT JOIN places pl ON pl.id = m.place_id
        WHERE m.article_id = :id ORDER BY m.field, m.char_start""", {"id": article_id}))
    found["quotes"] = rows(await db.execute("""
        SELECT q.id, q.text, q.speaker, q.kind, q.attribution, q.field, q.char_start, q.char_end,
          p.slug AS person_slug, p.name AS person_name, o.slug AS organization_slug, o.name AS organization_name
        FROM quotes q LEFT JOIN people p ON p.id = q.person_id LEFT JOIN organizations o ON o.id = q.organization_id
        WHERE q.article_id = :id ORDER BY q.field, q.char_start""", {"id": article_id}))
    found["events"] = rows(await db.execute("""
        SELECT id, date, precision, expression, relative, sentence, field, char_start, char_end
        FROM events WHERE article_id = :id ORDER BY date""", {"id": article_id}))
    found["roles"] = rows(await db.execute("""
        SELECT r.title, r.surface, p.slug AS person_slug, p.name AS person_name FROM roles r
        JOIN people p ON p.id = r.person_id WHERE r.article_id = :id ORDER BY r.char_start""", {"id": article_id}))
    found["entities"] = rows(await db.execute("""
        SELECT entity_type, name, count(*) AS mentions, min(slug) AS slug FROM (
          SELECT 'person' AS entity_type, p.name, p.slug FROM mentions m JOIN people p ON p.id = m.person_id
            WHERE m.article_id = :id
          UNION ALL SELECT 'organization', o.name, o.slug FROM mentions m JOIN organizations o
            ON o.id = m.organization_id WHERE m.article_id = :id
          UNION ALL SELECT 'place', pl.name, pl.slug FROM mentions m JOIN places pl ON pl.id = m.place_id
            WHERE m.article_id = :id)
        GROUP BY entity_type, slug ORDER BY mentions DESC, name""", {"id": article_id}))
    found["shared"] = rows(await db.execute("""
        SELECT b.slug, b.label, b.published, s.name AS source, sp.shared_words, sp.similarity, sp.passages
        FROM shared_passages sp JOIN articles b ON b.id = sp.other_article_id
        LEFT JOIN sources s ON s.id = b.source_id WHERE sp.article_id = :id ORDER BY sp.shared_words DESC""",
                                             {"id": article_id}))
    for pair in found["shared"]:
        pair["passages"] = json.loads(pair["passages"])
    found["versions"] = rows(await db.execute(
        "SELECT version, sha256, replaced_at FROM article_versions WHERE article_id = :id ORDER BY version",
        {"id": article_id}))
    return found


async def raw_source(db, slug: str) -> tuple[bytes, str] | None:
    found = await one(db, """SELECT r.content, r.encoding FROM articles a JOIN raw_files r ON r.sha256 = a.sha256
        WHERE a.slug = :slug""", {"slug": slug})
    return (found["content"], found["encoding"] or "utf-8") if found else None


# ---------------------------------------------------------------- entities


async def entity(db, entity_type: str, slug: str, language: str | None = None) -> dict | None:
    """An entity with its latest articles (in every language, or in `language`), months,
    company, quotes, titles and its names in each script; the lists are read at once (each query
    on its own connection), so the page costs its slowest list."""
    table = TYPE_TABLES[entity_type]
    found = await one(db, f"SELECT * FROM {table} WHERE slug = :slug", {"slug": slug})
    if not found:
        return None
    entity_id = found["id"]
    found["type"] = entity_type
    found["aliases"] = json.loads(found["aliases"]) if found.get("aliases") else []
    found["names_by_script"] = names_by_script(found["aliases"])
    language = language if language and LANGUAGE_CODE.match(language) else None
    found["language"] = language
    key = {"type": entity_type, "id": entity_id}
    lists = {
        "articles": entity_articles(db, entity_type, entity_id, found["article_count"], language),
        "timeline": db.execute("""
            SELECT month, articles FROM entity_months WHERE entity_type = :type AND entity_id = :id
              AND month != 'undated' ORDER BY month""", key),
        "cooccurring": cooccurring(db, entity_type, entity_id),
        "languages": archive_languages(db),
    }
    if entity_type in ("person", "organization"):
        lists["quotes"] = db.execute(f"""
            SELECT q.id, q.text, q.speaker, q.kind, a.slug AS article_slug, a.label AS article_label, q.published,
              a.language, s.name AS source
            FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id
            WHERE q.{COLUMNS[entity_type]} = :id ORDER BY q.published DESC, q.id LIMIT {LIST_LIMIT}""",
                                     {"id": entity_id})
    if entity_type == "person":
        lists["roles"] = db.execute(f"""
            SELECT r.title, r.published, a.slug AS article_slug, a.label AS article_label, a.language,
              o.slug AS organization_slug, o.name AS organization_name, pl.slug AS place_slug, pl.name AS place_name
            FROM roles r JOIN articles a ON a.id = r.article_id LEFT JOIN organizations o ON o.id = r.organization_id
            LEFT JOIN places pl ON pl.id = r.place_id WHERE r.person_id = :id
            GROUP BY r.title, a.id ORDER BY r.published IS NULL, r.published, r.title LIMIT {LIST_LIMIT}""",
                                    {"id": entity_id})
    found["quotes"], found["roles"] = [], []
    for name, value in zip(lists, await asyncio.gather(*lists.values())):
        found[name] = value if name in ("cooccurring", "languages", "articles") else rows(value)
    found["articles"], found["articles_note"] = found["articles"]
    found["cooccurrence_window"] = COOCCURRENCE_WINDOW
    return found


# ---------------------------------------------------------------- languages

# Languages by code: (English name, the name in the language itself).
LANGUAGE_NAMES = {
    "en": ("English", "English"), "ru": ("Russian", "Русский"), "ko": ("Korean", "한국어"),
    "de": ("German", "Deutsch"), "fr": ("French", "Français"), "es": ("Spanish", "Español"),
    "uk": ("Ukrainian", "Українська"), "zh": ("Chinese", "中文"), "ja": ("Japanese", "日本語"),
    "it": ("Italian", "Italiano"), "pl": ("Polish", "Polski"), "nl": ("Dutch", "Nederlands"),
}
# Scripts of registry names: (key, heading, lang attribute for the names).
SCRIPTS = {"cyrillic": ("Russian", "ru"), "hangul": ("Korean", "ko"), "han": ("Chinese characters", "und-Hani")}


def language_entry(code: str) -> dict:
    english, own = LANGUAGE_NAMES.get(code, (code, code))
    return {"code": code, "name": english, "native": own}


async def archive_languages(db) -> list[dict]:
    """The languages the archive's articles are in, each by code and name: read off the
    language index one step per language (not one per article), so it costs the same at any size."""
    found = rows(await db.execute("""
        WITH RECURSIVE langs(code) AS (
          SELECT (SELECT min(language) FROM articles)
          UNION ALL SELECT (SELECT min(language) FROM articles WHERE language > langs.code) FROM langs
          WHERE langs.code IS NOT NULL)
        SELECT code FROM langs WHERE code IS NOT NULL"""))
    return [language_entry(row["code"]) for row in found]


def names_by_script(aliases: list[str]) -> list[dict]:
    """An entity's registry spellings in Cyrillic, Hangul and Chinese characters, by script, each
    with the lang attribute to show them in: [{"script", "label", "lang", "names"}]. The Latin
    spellings stay in `aliases` with the others."""
    groups: dict[str, list[str]] = {}
    for alias in aliases:
        script = morph.script_of(alias)
        if script in SCRIPTS:
            groups.setdefault(script, []).append(alias)
    return [{"script": script, "label": SCRIPTS[script][0], "lang": SCRIPTS[script][1], "names": groups[script]}
            for script in SCRIPTS if script in groups]


LANGUAGE_WINDOW = 20_000  # articles of one entity (or of one language) an entity page's language filter reads


async def entity_articles(db, entity_type: str, entity_id: int, article_count: int, language: str | None
                          ) -> tuple[list[dict], str | None]:
    """The entity's latest LIST_LIMIT articles, or its latest in `language`, and a note when the
    list is not certain to be complete. Whichever is shorter is read: the language's articles
    off its index, each checked for the entity, when there are fewer of them than the entity's
    (and at most LANGUAGE_WINDOW); else the entity's articles newest first, each checked for the
    language, up to LANGUAGE_WINDOW of them (exact for all but the entities named in more
    articles than that, which the note then says)."""
    key = {"type": entity_type, "id": entity_id}
    columns = "a.slug, a.label, a.published, a.language, s.name AS source, ae.mentions"
    if not language:
        return rows(await db.execute(f"""
            SELECT {columns}
            FROM article_entities ae JOIN articles a ON a.id = ae.article_id LEFT JOIN sources s ON s.id = a.source_id
            WHERE ae.entity_type = :type AND ae.entity_id = :id
            ORDER BY ae.published DESC LIMIT {LIST_LIMIT}""", key)), None  # NULLs sort last; the index gives the order
    key["language"] = language
    bound = min(article_count, LANGUAGE_WINDOW)
    in_language = (await db.execute(f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE language = :language "
                                    f"LIMIT {bound + 1})", {"language": language})).rows[0][0]
    if in_language <= bound:
        return rows(await db.execute(f"""
            SELECT {columns}
            FROM articles a CROSS JOIN article_entities ae LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.language = :language AND ae.article_id = a.id AND ae.entity_type = :type AND ae.entity_id = :id
            ORDER BY ae.published IS NULL, ae.published DESC LIMIT {LIST_LIMIT}""", key)), None
    found = rows(await db.execute(f"""
        SELECT {columns}
        FROM (SELECT article_id, published, mentions FROM article_entities WHERE entity_type = :type AND entity_id = :id
              ORDER BY published DESC LIMIT {LANGUAGE_WINDOW}) ae
        JOIN articles a ON a.id = ae.article_id LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.language = :language ORDER BY ae.published IS NULL, ae.published DESC LIMIT {LIST_LIMIT}""", key))
    if article_count > LANGUAGE_WINDOW and len(found) < LIST_LIMIT:
        return found, f"Among the latest {LANGUAGE_WINDOW:,} articles naming it."
    return found, None


COOCCURRENCE_WINDOW = 500


async def cooccurring(db, entity_type: str, entity_id: int, limit: int = 20) -> list[dict]:
    """Entities named in the same articles, counted over the entity's latest 500 articles (all of
    them for all but the most-mentioned entities), so the page costs the same at any archive size."""
    return rows(await db.execute(f"""
        WITH recent AS (SELECT article_id FROM article_entities WHERE entity_type = :type AND entity_id = :id
                        ORDER BY published DESC LIMIT {COOCCURRENCE_WINDOW}),
        company AS (SELECT ae.entity_type, ae.entity_id, count(*) AS articles FROM article_entities ae
                    JOIN recent r ON r.article_id = ae.article_id
                    WHERE NOT (ae.entity_type = :type AND ae.entity_id = :id)
                    GROUP BY ae.entity_type, ae.entity_id ORDER BY articles DESC LIMIT :limit)
        SELECT c.entity_type, c.articles, coalesce(p.slug, o.slug, pl.slug) AS slug,
          coalesce(p.name, o.name, pl.name) AS name
        FROM company c
        LEFT JOIN people p ON c.entity_type = 'person' AND p.id = c.entity_id
        LEFT JOIN organizations o ON c.entity_type = 'organization' AND o.id = c.entity_id
        LEFT JOIN places pl ON c.entity_type = 'place' AND pl.id = c.entity_id
        ORDER BY c.articles DESC, name""", {"type": entity_type, "id": entity_id, "limit": limit}))


async def source(db, slug: str) -> dict | None:
    found = await one(db, "SELECT * FROM sources WHERE slug = :slug", {"slug": slug})
    if not found:
        return None
    found["articles"] = rows(await db.execute("""
        SELECT slug, label, published FROM articles WHERE source_id = :id
        ORDER BY published IS NULL, published DESC, id DESC""", {"id": found["id"]}))
    return found


async def index(db, table: str) -> list[dict]:
    """Entities A–Z with their article counts and initial letter: those the articles name first,
    then the registry's others."""
    return rows(await db.execute(f"SELECT slug, name, article_count, reviewed, upper(substr(name, 1, 1)) AS letter "
                                 f"FROM {table} ORDER BY article_count = 0, name COLLATE NOCASE"))


async def article_index(db) -> dict:
    """Articles by month (with counts), the latest 100, and the outlets."""
    months = rows(await db.execute("""SELECT coalesce(substr(published, 1, 7), 'undated') AS month, count(*) AS articles
        FROM articles GROUP BY month ORDER BY month = 'undated', month DESC"""))
    latest = rows(await db.execute("""SELECT a.slug, a.label, a.published, s.name AS source, s.slug AS source_slug
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT 100"""))
    sources = rows(await db.execute("SELECT slug, name, article_count FROM sources ORDER BY name"))
    return {"months": months, "latest": latest, "sources": sources, "total": sum(m["articles"] for m in months)}


async def month(db, month: str) -> dict | None:
    where = "a.published IS NULL" if month == "undated" else "a.published >= :start AND a.published < :end"
    start = f"{month}-00"
    end = f"{month}-99"
    found = rows(await db.execute(f"""SELECT a.slug, a.label, a.published, s.name AS source, s.slug AS source_slug
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE {where} ORDER BY a.published DESC, a.id DESC""",
                                  {"start": start, "end": end}))
    return {"month": month, "articles": found} if found else None


# ---------------------------------------------------------------- search


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def search_filters(source: str | None, date_from: str | None, date_to: str | None,
                   language: str | None = None) -> tuple[str, dict, list[str]]:
    """SQL conditions on articles `a` for the outlet, language and date filters; invalid dates
    and language codes are ignored with a note."""
    conditions, params, notes = [], {}, []
    if source:
        conditions.append("a.source_id = (SELECT id FROM sources WHERE slug = :source)")
        params["source"] = source
    if language:
        if LANGUAGE_CODE.match(language):
            conditions.append("a.language = :language")
            params["language"] = language
        else:
            notes.append(f"ignored language {language!r}: use a two-letter code such as en, ru or ko")
    for name, value, op in (("date_from", date_from, ">="), ("date_to", date_to, "<=")):
        if value:
            if ISO_DATE.match(value):
                conditions.append(f"a.published {op} :{name}")
                params[name] = value if op == ">=" else value + "\uffff"
            else:
                notes.append(f"ignored {name.replace('_', ' ')} {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return "".join(f" AND {c}" for c in conditions), params, notes


RANK_WINDOW = 5_000  # a query matching more rows is ranked among the most recently added this many


async def _best_matches(db, fts: str, filtered_ids: str, where: str, params: dict, limit: int, offset: int = 0,
                        also: tuple[str, str, str] | None = None) -> tuple[list[tuple[int, float, int]], int | None]:
    """(rowid, bm25 score, index) of the best matches, best first, ranked among the RANK_WINDOW
    most recently added matches, and how many match (RANK_WINDOW meaning "at least that many";
    None when the page is past the last match). Walking the newest matches and ranking only
    those keeps a search on a word in every article as fast as a rare one.
    With filters (`where`, on articles `a`), `filtered_ids` selects the rows they allow: that set
    is built once from the filter's index and each match is checked against it (the unary +
    keeps SQLite from looking up every allowed row in the full-text index instead).
    `also` is a second index searched the same way, (table, name of its query parameter, an extra
    SQL condition on it): the matches of both count, each with its better score; index is 1 for
    a row the second one found."""
    def newest(table: str, param: str, extra: str = "") -> str:
        restrict = f"AND +{table}.rowid IN ({filtered_ids} WHERE 1 = 1 {where})" if where else ""
        return (f"SELECT rowid AS id, rank AS score FROM {table} WHERE {table} MATCH :{param} {extra} {restrict} "
                f"ORDER BY rowid DESC LIMIT {RANK_WINDOW}")
    if also is None:
        sql = f"""SELECT id, score, 0, count(*) OVER () FROM ({newest(fts, "match")})
            ORDER BY score, id DESC LIMIT {int(limit)} OFFSET {int(offset)}"""
    else:
        sql = f"""SELECT id, min(score) AS best, max(part), count(*) OVER () FROM (
              SELECT id, score, 0 AS part FROM ({newest(fts, "match")})
              UNION ALL SELECT id, score, 1 FROM ({newest(*also)}))
            GROUP BY id ORDER BY best, id DESC LIMIT {int(limit)} OFFSET {int(offset)}"""
    found = (await db.execute(sql, params)).rows
    return [(row[0], row[1], row[2]) for row in found], (found[0][3] if found else (0 if not offset else None))


def snippet_markers() -> tuple[str, str]:
    """Highlight markers for one search's snippets: private-use characters around a random
    token, so no text in an article (a stray \\x02 or a crafted marker) can pass for one."""
    token = secrets.token_hex(8)
    return f"\ue000{token}\ue001", f"\ue002{token}\ue003"


def _with_highlights(row: dict, markers: tuple[str, str]) -> dict:
    row["snippet"], row["highlights"] = split_snippet(row["snippet"], *markers)
    return row


def _in_order(found: list[dict], scores: list[tuple[int, float, int]]) -> list[dict]:
    by_id = {row.pop("rowid"): row for row in found}
    return [dict(by_id[i], score=score) for i, score, _ in scores if i in by_id]


async def _article_results(db, params: dict, where: str, per_page: int, page: int
                           ) -> tuple[list[dict], int | None]:
    also = None
    if params.get("trigram"):
        required = "".join(f" AND instr(coalesce({TRIGRAM_FTS}.title, '') || char(10) || {TRIGRAM_FTS}.body, "
                           f":required_{i}) > 0" for i in range(len(params["trigram_required"])))
        also = (TRIGRAM_FTS, "trigram", required)
    query = {k: v for k, v in params.items() if k != "trigram_required"}
    query.update({f"required_{i}": text for i, text in enumerate(params.get("trigram_required", []))})
    scores, total = await _best_matches(db, "articles_fts", "SELECT a.id FROM articles a",
                                        where, query, per_page + 1, (page - 1) * per_page, also)
    if not scores:
        return [], total
    markers = snippet_markers()
    found: list[dict] = []
    # the snippet of a row the trigram index found is its own: it marks the name inside a
    # compound or before a particle (北[최선희], [김정은]은), and its tokens are characters
    for table, match, size, part in (("articles_fts", "match", 24, 0), (TRIGRAM_FTS, "trigram", 64, 1)):
        ids = [i for i, _, from_part in scores if from_part == part]
        if not ids:
            continue
        found += rows(await db.execute(f"""
            SELECT {table}.rowid, a.slug, a.label, a.published, a.language, s.name AS source, s.slug AS source_slug,
              snippet({table}, 1, :open, :close, '…', {size}) AS snippet
            FROM {table} JOIN articles a ON a.id = {table}.rowid LEFT JOIN sources s ON s.id = a.source_id
            WHERE {table} MATCH :match AND {_among(table, ids)}""",
                                       {"match": params[match], "open": markers[0], "close": markers[1]}))
    return [_with_language_name(_with_highlights(row, markers)) for row in _in_order(found, scores)], total


def _among(table: str, ids: list[int]) -> str:
    """SQL keeping the rows `ids` of a full-text match: the index walks the matches between the
    smallest and the largest id once, each checked against the list (the unary + keeps SQLite
    from running the whole match again for every id, which costs a search for a name with many
    spellings ~6x: 35 ms instead of 6 ms for Kim Jong Un's 22 at 11k articles)."""
    listed = ", ".join(str(int(i)) for i in ids)
    return f"{table}.rowid BETWEEN {min(ids)} AND {max(ids)} AND +{table}.rowid IN ({listed})"


def _with_language_name(row: dict) -> dict:
    row["language_name"] = language_entry(row["language"])["name"] if row.get("language") else None
    return row


async def _quote_results(db, params: dict, where: str) -> tuple[list[dict], int | None]:
    scores, total = await _best_matches(db, "quotes_fts",
                                        "SELECT q.id FROM articles a JOIN quotes q ON q.article_id = a.id",
                                        where, params, 10)
    if not scores:
        return [], total
    markers = snippet_markers()
    found = rows(await db.execute(f"""
        SELECT quotes_fts.rowid, q.id, q.speaker, p.slug AS person_slug, p.name AS person_name,
          a.slug AS article_slug, a.label AS article_label, a.published, a.language,
          snippet(quotes_fts, 0, :open, :close, '…', 20) AS snippet
        FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id
        LEFT JOIN people p ON p.id = q.person_id
        WHERE quotes_fts MATCH :match AND {_among("quotes_fts", [i for i, _, _ in scores])}""",
                                 {"match": params["match"], "open": markers[0], "close": markers[1]}))
    return [_with_language_name(_with_highlights({k: v for k, v in row.items() if k != "score"}, markers))
            for row in _in_order(found, scores)], total


async def _entity_results(db, table: str, match: str) -> list[dict]:
    return rows(await db.execute(f"""
        SELECT t.slug, t.name, t.article_count, t.description FROM {table}_fts
        JOIN {table} t ON t.id = {table}_fts.rowid WHERE {table}_fts MATCH :match
        ORDER BY t.article_count DESC LIMIT 10""", {"match": match}))


async def _within_time_limit(part, empty, timed_out: list):
    """A search part's result, or `empty` (noted in timed_out) when its query hit Datasette's
    SQL time limit: a search page never fails, it says what it left out."""
    try:
        return await part
    except QueryInterrupted:
        timed_out.append(True)
        return empty


# ---------------------------------------------------------------- names in a search

NAME_WORDS = 8  # the longest registry name a search looks for, in words
MAX_SPELLINGS = 12  # registry spellings searched for one name
MAX_FORMS = 32  # spellings and their Russian case forms searched for one name
MAX_NAMES = 4  # names of one search given their other spellings (each adds up to MAX_FORMS terms)
MAX_READINGS = 8  # ways of reading one run of typed words as a registry name (Сергея Лаврова -> Сергей Лавров)


def name_key(text: str) -> str:
    """A name as a search compares it: its words, lower case ("Choe Son-hui" -> "choe son hui")."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _readings(words: list[str]) -> list[str]:
    """Name keys a run of typed words may stand for: as typed, and with a Russian word in the
    nominative (Лаврова -> лавров) or a particle off a Korean one (최선희는 -> 최선희)."""
    options = []
    for word in words:
        script = word_script(word)
        variants = [word]
        if script == "cyrillic":
            variants.append(morph.russian_lemma(word))
        elif script == "cjk":
            variants.append(korean_search_stem(word))
        options.append(list(dict.fromkeys(v.casefold() for v in variants)))
    keys = [""]
    for variants in options:
        keys = [f"{k} {v}".strip() for k in keys for v in variants][:MAX_READINGS]
    return keys


# The scripts each language's articles are written in: a spelling in a script no article of the
# archive is written in cannot match, so it is not searched (an English archive's name searches
# stay as they were).
LANGUAGE_SCRIPTS = {"ru": {"cyrillic"}, "uk": {"cyrillic"}, "be": {"cyrillic"}, "bg": {"cyrillic"},
                    "sr": {"cyrillic"}, "kk": {"cyrillic"}, "mn": {"cyrillic"}, "ko": {"hangul", "han"},
                    "zh": {"han"}, "ja": {"han"}}


async def archive_scripts(db) -> set[str]:
    """The scripts other than Latin the archive's articles are written in."""
    return {script for entry in await archive_languages(db) for script in LANGUAGE_SCRIPTS.get(entry["code"], ())}


def _spelling_order(spellings: dict[str, str], typed: str, name: str) -> list[str]:
    """The name keys of an entity's spellings in the order they are searched: the one typed, the
    entry's name, then the others taking turns by script (Latin, Cyrillic, Hangul...), so a name
    with many Latin spellings still searches its Russian and Korean ones."""
    by_script: dict[str, list[str]] = {}
    for key in sorted(spellings):
        if key not in (typed, name):
            by_script.setdefault(morph.script_of(key) or "latin", []).append(key)
    order = [k for k in dict.fromkeys((typed, name)) if k in spellings or k == typed]
    queues = [by_script[s] for s in sorted(by_script)]
    while any(queues):
        for queue in queues:
            if queue:
                order.append(queue.pop(0))
    return order


def _with_case_forms(keys: list[str], spellings: dict[str, str], entity_type: str, gender: str | None) -> list[str]:
    """The keys with the Russian case forms of each Cyrillic spelling after it (Ким Чен Ын ->
    Ким Чен Ына, Ким Чен Ыну...; Курская область -> Курской области...), at most MAX_FORMS."""
    out: dict[str, None] = {}
    for key in keys:
        out.setdefault(key, None)
        if morph.has_cyrillic(spellings.get(key, key)):
            for form in sorted(morph.russian_forms(spellings.get(key, key), entity_type, gender)):
                out.setdefault(name_key(form), None)
    return list(out)[:MAX_FORMS]


async def name_alternatives(db, terms: list[Term]) -> tuple[dict[int, tuple[int, list[str]]], list[str]]:
    """Runs of a search's terms that spell a registry name, each with the name keys of all that
    entity's spellings, in every script, and the Russian case forms of the Cyrillic ones ("Choi
    Son Hui" also finds articles that write Choe Son-hui, Чвэ Сон Хи, Чвэ Сон Хи's other cases
    and 최선희): {index of the run's first term: (terms in the run, keys)}, and a note for each.
    A run is read as typed, and with a Russian word in the nominative or a Korean particle left
    out (Сергея Лаврова, 최선희는). The longest run wins; a run that names two entities searches
    the spellings of both."""
    candidates: dict[str, tuple[int, int]] = {}
    for i in range(len(terms)):
        words: list[str] = []
        for j in range(i, len(terms)):
            words += terms[j].words
            if len(words) > NAME_WORDS:
                break
            for key in _readings(words):
                candidates.setdefault(key, (i, j + 1))
    if not candidates:
        return {}, []
    scripts = await archive_scripts(db)
    found = rows(await db.execute("""
        SELECT DISTINCT archive_name_key(alias) AS key, person_id, organization_id, place_id FROM aliases
        WHERE archive_name_key(alias) IN (SELECT value FROM json_each(:keys))""",
                                  {"keys": json.dumps(list(candidates))}))
    entities: dict[str, set[tuple[str, int]]] = {}
    for row in found:
        entity = next((kind, row[column]) for kind, column in (("person", "person_id"),
                      ("organization", "organization_id"), ("place", "place_id")) if row[column] is not None)
        entities.setdefault(row["key"], set()).add(entity)
    alternatives: dict[int, tuple[int, list[str]]] = {}
    notes = []
    covered: set[int] = set()
    for key in sorted(entities, key=lambda k: (-(candidates[k][1] - candidates[k][0]), candidates[k][0])):
        start, end = candidates[key]
        if covered & set(range(start, end)) or all(t.common for t in terms[start:end]):
            continue
        if len(alternatives) == MAX_NAMES:
            notes.append(f"Only {MAX_NAMES} names of this search were also searched in their other "
                         "spellings.")
            break
        spellings: dict[str, str] = {}
        keys: list[str] = []
        registry_spellings = 0
        for kind, entity_id in sorted(entities[key]):
            table = TYPE_TABLES[kind]
            gender = "gender" if kind == "person" else "NULL"
            named = rows(await db.execute(f"""
                SELECT name AS alias, 1 AS canonical, {gender} AS gender FROM {table} WHERE id = :id
                UNION ALL SELECT alias, 0, NULL FROM aliases WHERE {COLUMNS[kind]} = :id""", {"id": entity_id}))
            own: dict[str, str] = {}
            for row in named:
                script = morph.script_of(row["alias"])
                if script in (None, "latin") or script in scripts or name_key(row["alias"]) == key:
                    own.setdefault(name_key(row["alias"]), row["alias"])
            own.pop("", None)
            gender_of = next((row["gender"] for row in named if row["canonical"]), None)
            ordered = _spelling_order(own, key, name_key(named[0]["alias"]) if named else key)[:MAX_SPELLINGS]
            registry_spellings = max(registry_spellings, len(own))
            spellings.update(own)
            keys += _with_case_forms(ordered, own, kind, gender_of)
        keys = list(dict.fromkeys([key] + keys))[:MAX_FORMS]
        if len(keys) < 2:
            continue
        typed = " ".join(" ".join(t.words) for t in terms[start:end])
        alternatives[start] = (end - start, keys)
        covered |= set(range(start, end))
        others = [spellings[k] for k in keys[1:] if k in spellings]
        forms = len([k for k in keys if k not in spellings])
        notes.append(f"“{typed}” also searched as {', '.join(others)}" +
                     (f" (the first {MAX_SPELLINGS} spellings)" if registry_spellings > MAX_SPELLINGS else "") +
                     (f", and {forms} Russian case forms of them" if forms else "") + ".")
    return alternatives, notes


async def search(db, q: str | None, source: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, page: int = 1, per_page: int = 20, language: str | None = None) -> dict:
    """Ranked (bm25) search over articles, quotes, people, organizations and places. The parts
    run at once (each query on its own connection), so the page costs its slowest part.
    A name in the search also finds its other registry spellings, in every script; a Russian
    word its other forms, a Korean word the tokens it begins, and, when the search has Hangul or
    Chinese characters, the trigram index of the Korean, Chinese and Japanese articles finds it
    inside a compound too. Each article says its language; `language` keeps one. Snippets are
    plain text with highlight offsets (and `snippet_html` with <mark>, made by the site)."""
    terms, notes = query_terms(q)
    where, params, filter_notes = search_filters(source, date_from, date_to, language)
    notes += filter_notes
    alternatives, name_notes = await name_alternatives(db, terms) if terms else ({}, [])
    match = fts_match(terms, alternatives)
    trigram, required = trigram_match(terms, alternatives) if match else (None, [])
    result = {"q": q or "", "query": match, "source": source, "language": language if "language" in params else None,
              "date_from": date_from, "date_to": date_to,
              "page": page, "size": per_page, "notes": notes, "total": None, "total_is_exact": True,
              "articles": [], "quotes": [], "quotes_total": None, "people": [], "organizations": [],
              "places": [], "has_more": False}
    if trigram:
        result["query_trigram"] = trigram
        if required:
            result["query_trigram_contains"] = required
    if not match:
        return result
    notes += name_notes
    params["match"] = match
    article_params = dict(params, trigram=trigram, trigram_required=required) if trigram else params
    timed_out: list = []
    parts = [_within_time_limit(_article_results(db, article_params, where, per_page, page), ([], None), timed_out)]
    if page == 1:
        parts += [_within_time_limit(_quote_results(db, params, where), ([], None), timed_out)] + \
                 [_within_time_limit(_entity_results(db, table, match), [], timed_out) for table in ENTITY_TABLES]
    (found, total), *others = await asyncio.gather(*parts)
    if timed_out:
        notes.append("Part of this search took longer than the time limit and is left out: add words, or "
                     "choose an outlet or dates together with a less common word.")
    if total is not None and total >= RANK_WINDOW:
        notes.append(f"More than {RANK_WINDOW:,} articles match: these are the best of the {RANK_WINDOW:,} added "
                     "most recently. Add words, an outlet or dates to rank across all of them.")
        result["total_is_exact"] = False
    result["total"] = total
    result["has_more"] = len(found) > per_page
    result["articles"] = found[:per_page]
    if others:
        result["quotes"], result["quotes_total"] = others[0]
        for table, entities in zip(ENTITY_TABLES, others[1:]):
            result[table] = entities
    return result


# ---------------------------------------------------------------- timeline, feeds, sitemap


async def timeline(db, date_from: str | None = None, date_to: str | None = None, limit: int = 500) -> dict:
    conditions, params = [], {"limit": limit}
    for name, value, op in (("date_from", date_from, ">="), ("date_to", date_to, "<=")):
        if value and ISO_DATE.match(value):
            conditions.append(f"e.date {op} :{name}")
            params[name] = value if op == ">=" else value + "\uffff"
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    events = rows(await db.execute(f"""
        SELECT e.id, e.date, e.precision, e.expression, e.sentence, a.slug AS article_slug, a.label AS article_label,
          s.name AS source
        FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id
        {where} ORDER BY e.date DESC, e.id LIMIT :limit""", params))
    return {"date_from": date_from, "date_to": date_to, "events": events}


async def feed(db, limit: int = 50) -> list[dict]:
    return rows(await db.execute(f"""
        SELECT a.slug, a.label, a.lede, a.published, a.updated_at, s.name AS source FROM articles a
        LEFT JOIN sources s ON s.id = a.source_id
        ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT {int(limit)}"""))


async def sitemap_paths(db, part: str, page: int, per_page: int) -> list[tuple[str, str | None]]:
    if part == "articles":
        found = rows(await db.execute("SELECT slug, coalesce(published, substr(updated_at, 1, 10)) AS day "
                                      "FROM articles ORDER BY id LIMIT :limit OFFSET :offset",
                                      {"limit": per_page, "offset": page * per_page}))
        return [(f"/articles/{r['slug']}", r["day"]) for r in found]
    table = part
    found = rows(await db.execute(f"SELECT slug FROM {table} WHERE article_count > 0 ORDER BY id "
                                  "LIMIT :limit OFFSET :offset", {"limit": per_page, "offset": page * per_page}))
    return [(f"/{table}/{r['slug']}", None) for r in found]


async def counts_for_sitemap(db) -> dict[str, int]:
    return await one(db, """SELECT (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FROM people WHERE article_count > 0) AS people,
        (SELECT count(*) FROM organizations WHERE article_count > 0) AS organizations,
        (SELECT count(*) FROM places WHERE article_count > 0) AS places""")


# ---------------------------------------------------------------- charts data


async def chart_data(db) -> dict:
    """The charts page's data: articles per month and per outlet, mentions per month of the
    most-mentioned people, and who appears with whom."""
    per_month = rows(await db.execute("""SELECT substr(published, 1, 7) AS month, count(*) AS articles
        FROM articles WHERE published IS NOT NULL GROUP BY month ORDER BY month"""))
    per_outlet = rows(await db.execute("""SELECT substr(a.published, 1, 7) AS month,
          coalesce(s.name, 'outlet not stated') AS outlet, count(*) AS articles
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.published IS NOT NULL
        GROUP BY month, outlet ORDER BY month, outlet"""))
    undated = (await one(db, "SELECT count(*) AS n FROM articles WHERE published IS NULL"))["n"]
    top = rows(await db.execute("""SELECT id, slug, name, mention_count FROM people WHERE article_count > 0
        ORDER BY mention_count DESC, article_count DESC, name LIMIT 8"""))
    people_months = []
    for person in top:  # mentions per month: the article_entities index has the date; its rows the counts
        series = rows(await db.execute("""SELECT substr(published, 1, 7) AS month, sum(mentions) AS mentions
            FROM article_entities WHERE entity_type = 'person' AND entity_id = :id AND published IS NOT NULL
            GROUP BY month ORDER BY month""", {"id": person["id"]}))
        people_months.append({"slug": person["slug"], "name": person["name"], "series": series})
    nodes = rows(await db.execute("""SELECT 'person' AS type, id, slug, name, article_count FROM people
          WHERE article_count > 0 AND reviewed = 1
        UNION ALL SELECT 'organization', id, slug, name, article_count FROM organizations
          WHERE article_count > 0 AND reviewed = 1 AND kind NOT IN ('news agency', 'newspaper', 'broadcaster', 'news site')
        ORDER BY article_count DESC LIMIT 14"""))
    by_slug = {(n["type"], n["slug"]): (n["type"], n["id"]) for n in nodes}
    edges = []
    for node in nodes:
        here = (node["type"], node["id"])
        for row in await cooccurring(db, node["type"], node["id"], limit=200):
            other = by_slug.get((row["entity_type"], row["slug"]))
            if other and here < other:
                edges.append({"a": here, "b": other, "articles": row["articles"]})
    return {"per_month": per_month, "per_month_outlet": per_outlet, "undated_articles": undated,
            "people": people_months, "nodes": nodes, "edges": edges}


async def entity_months(db, entity_type: str, entity_id: int) -> list[dict]:
    """An entity's mentions and articles per month (dated articles only), from the
    article_entities index (entity, published) and its rows' mention counts."""
    return rows(await db.execute("""SELECT substr(published, 1, 7) AS month, sum(mentions) AS mentions,
          count(*) AS articles
        FROM article_entities WHERE entity_type = :type AND entity_id = :id AND published IS NOT NULL
        GROUP BY month ORDER BY month""", {"type": entity_type, "id": entity_id}))


async def place_columns(db) -> set[str]:
    """The places table's columns (latitude/longitude arrive with the gazetteer's schema)."""
    return {r["name"] for r in rows(await db.execute("SELECT name FROM pragma_table_info('places')"))}


async def map_data(db) -> dict:
    """Every place the articles name, with its coordinates where known (see ingest.web.maps)."""
    from .maps import coordinates

    columns = await place_columns(db)
    extra = "".join(f", {c}" for c in ("latitude", "longitude", "geonameid", "origin", "country_code") if c in columns)
    found = rows(await db.execute(f"""SELECT id, slug, name, kind, country, reviewed, article_count, mention_count
        {extra} FROM places WHERE article_count > 0 ORDER BY article_count DESC, name"""))
    places, missing = [], []
    for row in found:
        point = coordinates(row)
        entry = {k: row[k] for k in ("slug", "name", "kind", "country", "reviewed", "article_count", "mention_count")}
        entry["url"] = f"/places/{row['slug']}"
        if point is None:
            missing.append(entry)
        else:
            places.append(dict(entry, **point.as_dict()))
    return {"places": places, "not_on_map": missing,
            "outlines": "Natural Earth (public domain), as TopoJSON from world-atlas 2.0.2",
            "coordinates": "the archive's places table where it has them; else GeoNames via the archive's "
                           "gazetteer; else the archive's own list of the story's places GeoNames lacks"}
