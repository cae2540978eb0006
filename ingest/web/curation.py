"""The data behind what human judgements add to the pages: provenance (who decided, when, why,
and what the machine had read) on article and entity pages, and a person's titles over time as
spans. Plain dicts, the same in the pages' JSON twins."""

from __future__ import annotations

from .queries import rows

SPAN_ARTICLES = 10  # articles listed under each title on a person's page (the rest are counted)
ROLE_ROWS = 2000  # roles read for one person's spans


async def has_judgements(db) -> bool:
    """An archive made before schema version 5 has no judgements tables (a static build of one)."""
    found = await db.execute("SELECT 1 FROM sqlite_master WHERE name = 'quote_judgements'")
    return bool(found.rows)


async def article_provenance(db, article_id: int) -> dict:
    """The judgements an article's page shows: corrected fields (with the value read), quotes
    whose speaker a reviewer set, and every judgement that changed its reading."""
    empty = {"corrections": [], "quotes": {}, "judgements": []}
    if not await has_judgements(db):
        return empty
    corrections = rows(await db.execute("""
        SELECT c.field, c.value, c.read_value, c.judgement, j.decided_by, j.decided_at, j.note
        FROM article_corrections c LEFT JOIN judgements j ON j.number = c.judgement
        WHERE c.article_id = :id ORDER BY CASE c.field WHEN 'title' THEN 1 WHEN 'source' THEN 2
          WHEN 'published' THEN 3 ELSE 4 END, c.field""", {"id": article_id}))
    quotes = rows(await db.execute("""
        SELECT qj.quote_id, qj.judgement, qj.read_speaker, qj.read_attribution, p.slug AS read_person_slug,
          p.name AS read_person_name, o.name AS read_organization_name, j.decided_by, j.decided_at, j.note
        FROM quote_judgements qj LEFT JOIN people p ON p.id = qj.read_person_id
        LEFT JOIN organizations o ON o.id = qj.read_organization_id LEFT JOIN judgements j ON j.number = qj.judgement
        WHERE qj.article_id = :id""", {"id": article_id}))
    judgements = rows(await db.execute("""
        SELECT j.number, j.decision, j.summary, j.decided_by, j.decided_at, j.note, j.machine_read
        FROM article_judgements aj JOIN judgements j ON j.number = aj.judgement
        WHERE aj.article_id = :id ORDER BY j.number""", {"id": article_id}))
    return {"corrections": corrections, "quotes": {q["quote_id"]: q for q in quotes}, "judgements": judgements}


async def entity_provenance(db, entity_type: str, slug: str, entity_id: int) -> dict:
    """The judgements an entity's page shows: that it was accepted, names merged into it, the
    entities it was judged distinct from, and its quotes whose speaker a reviewer set."""
    empty = {"judgements": [], "judged_quotes": []}
    if not await has_judgements(db):
        return empty
    found = rows(await db.execute("""
        SELECT j.number, j.decision, j.summary, j.name, j.canonical, j.wikidata, j.entity_slug, j.other_slug,
          j.decided_by, j.decided_at, j.note, j.machine_read
        FROM judgements j WHERE j.entity_type = :type AND (j.entity_slug = :slug OR j.other_slug = :slug)
          AND j.decision IN ('accept', 'merge', 'distinct') AND j.status = 'applied'
        ORDER BY j.number""", {"type": entity_type, "slug": slug}))
    for row in found:
        if row["decision"] == "distinct":
            row["other"] = row["other_slug"] if row["entity_slug"] == slug else row["entity_slug"]
            other = rows(await db.execute(f"SELECT name FROM {_table(entity_type)} WHERE slug = :slug",
                                          {"slug": row["other"]}))
            row["other_name"] = other[0]["name"] if other else row["other"]
    judged_quotes = []
    if entity_type in ("person", "organization"):
        column = "person_id" if entity_type == "person" else "organization_id"
        judged_quotes = [r["quote_id"] for r in rows(await db.execute(f"""
            SELECT qj.quote_id FROM quote_judgements qj JOIN quotes q ON q.id = qj.quote_id
            WHERE q.{column} = :id""", {"id": entity_id}))]
    return {"judgements": found, "judged_quotes": judged_quotes}


def _table(entity_type: str) -> str:
    return {"person": "people", "organization": "organizations", "place": "places"}[entity_type]


async def title_spans(db, person_id: int) -> list[dict]:
    """A person's titles as spans, as leadership trackers show careers: each title (as stated,
    case aside) with the first and last dates an article states it, those articles and how many
    there are (the view `title_spans` gives the same spans in SQL). Most recent first."""
    found = rows(await db.execute(f"""
        SELECT r.title, r.published, a.slug AS article_slug, a.label AS article_label, s.name AS source,
          o.slug AS organization_slug, o.name AS organization_name, pl.slug AS place_slug, pl.name AS place_name
        FROM roles r JOIN articles a ON a.id = r.article_id LEFT JOIN sources s ON s.id = a.source_id
        LEFT JOIN organizations o ON o.id = r.organization_id LEFT JOIN places pl ON pl.id = r.place_id
        WHERE r.person_id = :id ORDER BY r.published IS NULL, r.published, a.id LIMIT {ROLE_ROWS}""", {"id": person_id}))
    spans: dict[str, dict] = {}
    for row in found:
        span = spans.setdefault(row["title"].casefold(), {
            "title": row["title"], "first_seen": None, "last_seen": None, "articles": [], "article_count": 0,
            "undated_articles": 0, "organization_slug": None, "organization_name": None, "place_slug": None,
            "place_name": None, "_slugs": set()})
        if row["title"] < span["title"]:
            span["title"] = row["title"]  # the capitalized form, as the view's min(title)
        for key in ("organization", "place"):
            if row[f"{key}_slug"] and not span[f"{key}_slug"]:
                span[f"{key}_slug"], span[f"{key}_name"] = row[f"{key}_slug"], row[f"{key}_name"]
        if row["article_slug"] in span["_slugs"]:
            continue
        span["_slugs"].add(row["article_slug"])
        span["article_count"] += 1
        if row["published"]:
            span["first_seen"] = span["first_seen"] or row["published"]
            span["last_seen"] = row["published"]
        else:
            span["undated_articles"] += 1
        if len(span["articles"]) < SPAN_ARTICLES:
            span["articles"].append({"slug": row["article_slug"], "label": row["article_label"],
                                     "published": row["published"], "source": row["source"]})
    out = []
    for span in spans.values():
        span.pop("_slugs")
        out.append(span)
    out.sort(key=lambda s: (s["last_seen"] is None, s["last_seen"] or "", s["first_seen"] or ""), reverse=True)
    out.sort(key=lambda s: s["last_seen"] is None)
    return out
