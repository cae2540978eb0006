"""`archive review` and the review page: each decision is written to the judgements file as one
entry and applied to the archive at once.

Applying one judgement does not re-read the archive: the articles it can change are found in the
archive itself (those that name the entities concerned, hold its names in their text — found
with the full-text index, captions and datelines scanned — or that it changed before) and only
those are read again, from their stored raw bytes, with the new judgements. Every other article
would read the same, so it is stamped with the new reading version; the next `archive ingest`
finds nothing to redo. The counts (mention_count, article_count, entity_months, who appears
with whom) are refreshed for the entities whose articles changed.

The writer lock of the archive is held from reading the judgements file to the end, so two
decisions made at once (the command line and the review page) are made one after the other.
"""

from __future__ import annotations

import dataclasses
import getpass
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..models import BY_NAME, ENTITY_TYPES
from ..registry import REGISTRY_PATH, Registry, load_registry, name_key, slugify
from ..text import sentence_spans
from .model import (FIELDS, ISO_DATE, Judgement, JudgementConflict, JudgementError, Judgements, appended, check,
                    dependents, describe, load_judgements, parse, quoted, with_undo_marked, write_text)

DEFAULT_JUDGEMENTS = Path("db/judgements.yml")
CONTEXTS = 3  # sentences shown for each name awaiting review
QUOTE_TEXT = 80  # characters of a quote's text kept in a speaker judgement


class ReviewError(ValueError):
    """A decision that cannot be made as asked: one line saying why."""


@dataclass
class Outcome:
    """What one decision did: the judgement written, and lines saying what changed."""

    judgement: Judgement | None
    lines: list[str] = field(default_factory=list)
    reread: int = 0


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


class Review:
    """Decisions about one archive and one judgements file."""

    def __init__(self, db_path: Path | str, judgements_path: Path | str = DEFAULT_JUDGEMENTS,
                 registry_path: Path | str = REGISTRY_PATH):
        self.db_path = Path(db_path)
        self.judgements_path = Path(judgements_path)
        self.registry_path = Path(registry_path)

    # ------------------------------------------------------------ reading

    def _reader(self) -> sqlite3.Connection:
        if not self.db_path.exists():
            raise ReviewError(f"{self.db_path}: no archive database here; run `archive ingest` first")
        from ..schema import read_only_uri

        conn = sqlite3.connect(read_only_uri(self.db_path), uri=True)
        conn.row_factory = sqlite3.Row
        return conn

    def judgements(self) -> Judgements:
        return load_judgements(self.judgements_path)

    def queue(self, entity_type: str | None = None, limit: int = 20, contexts: int = CONTEXTS) -> list[dict]:
        """Names awaiting review, most mentioned first, each with the sentences it appears in."""
        conn = self._reader()
        try:
            return review_queue(conn, entity_type, limit, contexts)
        finally:
            conn.close()

    def log(self) -> list[dict]:
        """Every judgement, numbered from 1 in the order made, with what the archive says of it."""
        found = self.judgements()
        statuses = {}
        if self.db_path.exists():
            conn = self._reader()
            try:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'judgements'").fetchone():
                    statuses = {r["number"]: dict(r) for r in conn.execute(
                        "SELECT number, status, articles FROM judgements")}
            finally:
                conn.close()
        return [{"judgement": j, "status": statuses.get(j.number, {}).get("status"),
                 "articles": statuses.get(j.number, {}).get("articles")} for j in found.items]

    def quotes(self, article_slug: str) -> tuple[dict, list[dict]]:
        """An article and its quotes, numbered as `speaker` numbers them."""
        conn = self._reader()
        try:
            article = _article(conn, article_slug)
            return article, _quotes(conn, article["id"])
        finally:
            conn.close()

    # ------------------------------------------------------------ decisions

    def accept(self, name: str, entity_type: str | None = None, canonical: str | None = None,
               description: str | None = None, wikidata: str | None = None, by: str | None = None,
               note: str | None = None) -> Outcome:
        def make(conn, registry):
            def not_known(n: str, kind: str | None) -> None:
                owner = _owner(registry, n)
                if owner is None:
                    return
                if registry.entities[owner].judgement is not None:
                    raise ReviewError(f"{quoted(n)} is accepted already: judgement "
                                      f"{registry.entities[owner].judgement} made it {owner}")
                hint = (f"; to make it an alias instead: archive review merge \"{n}\" --into {owner.split(':', 1)[1]}"
                        if kind is None or owner.split(":")[0] == kind else "")
                raise ReviewError(f"{quoted(n)} is already a name of {owner} in the registry{hint}")

            not_known(name.strip(), entity_type)
            found = _unreviewed(conn, name, entity_type)
            kind = entity_type or _one_type(found, name)
            found = [f for f in found if f["type"] == kind]
            as_found = found[0]["name"] if found else name.strip()
            for n in (as_found, canonical):
                if n:
                    not_known(n, kind)
            return Judgement("accept", by, "", note, read=_read_name(found, kind, as_found), name=as_found, type=kind,
                             canonical=canonical.strip() if canonical and canonical.strip() != as_found else None,
                             description=description or None, wikidata=wikidata or None)

        return self._decide(make, self._after_entity)

    def merge(self, name: str, into: str, by: str | None = None, note: str | None = None) -> Outcome:
        def make(conn, registry):
            found = _unreviewed(conn, name, None)
            target = _target(registry, into, [f["type"] for f in found])
            found = [f for f in found if f["type"] == target.type] or found
            as_found = found[0]["name"] if found else name.strip()
            owner = _owner(registry, as_found)
            if owner == target.key:
                raise ReviewError(f"{quoted(as_found)} is already a name of {target.key}")
            if owner:
                raise ReviewError(f"{quoted(as_found)} is a name of {owner} in the registry; it cannot also be {target.key}'s")
            return Judgement("merge", by, "", note, read=_read_name(found, target.type, as_found), name=as_found,
                             type=target.type, into=target.slug)

        return self._decide(make, self._after_entity)

    def reject(self, name: str, entity_type: str | None = None, by: str | None = None,
               note: str | None = None) -> Outcome:
        def make(conn, registry):
            found = _unreviewed(conn, name, entity_type)
            as_found = found[0]["name"] if found else name.strip()
            owner = _owner(registry, as_found)
            if owner and (entity_type is None or owner.startswith(entity_type + ":")):
                raise ReviewError(f"{quoted(as_found)} is a name of {owner} in the registry (or accepted): edit "
                                  "db/registry.yml, or undo the judgement that accepted it")
            kinds = sorted({f["type"] for f in found})
            return Judgement("reject", by, "", note, read=_read_name(found, entity_type or (kinds[0] if len(kinds) == 1
                                                                                            else None), as_found),
                             name=as_found, type=entity_type)

        return self._decide(make, self._after_reject)

    def distinct(self, first: str, second: str, by: str | None = None, note: str | None = None) -> Outcome:
        def make(conn, registry):
            a, b = _any_entity(conn, registry, first), _any_entity(conn, registry, second)
            if a["type"] != b["type"]:
                raise ReviewError(f"{first} is {_a(a['type'])} and {second} {_a(b['type'])}: "
                                  "distinct is for two entities of one type")
            if a["slug"] == b["slug"]:
                raise ReviewError("distinct needs two different entities")
            read = "; ".join(f"{e['slug']}: {e['name']} ({'reviewed' if e['reviewed'] else 'unreviewed'}, "
                             f"{_count(e['article_count'], 'article')})" for e in (a, b))
            return Judgement("distinct", by, "", note, read=read, type=a["type"], slugs=(a["slug"], b["slug"]),
                             names=(tuple(a["names"]), tuple(b["names"])))

        return self._decide(make, self._after_distinct)

    def correct(self, article_slug: str, field_name: str, value: str | None, by: str | None = None,
                note: str | None = None) -> Outcome:
        def make(conn, registry):
            if field_name not in FIELDS:
                raise ReviewError(f"--field must be one of {', '.join(FIELDS)}, not {field_name!r}")
            article = _article(conn, article_slug)
            new = _normalized_value(conn, registry, field_name, value)
            corrected = conn.execute("SELECT read_value FROM article_corrections WHERE article_id = ? AND field = ?",
                                     [article["id"], field_name]).fetchone()
            current = article["source_name"] if field_name == "source" else article[field_name]
            if current == new:
                raise ReviewError(f"the {field_name} of {article_slug} is {_shown(new)} already")
            read = corrected[0] if corrected else current
            return Judgement("correct", by, "", note, read=f"{field_name}: {_shown(read)}", article=article_slug,
                             sha256=article["sha256"], field=field_name, value=new)

        return self._decide(make, self._after_article)

    def speaker(self, article_slug: str, number: int, person: str | None, by: str | None = None,
                note: str | None = None) -> Outcome:
        def make(conn, registry):
            article = _article(conn, article_slug)
            quotes = _quotes(conn, article["id"])
            if not 1 <= number <= len(quotes):
                raise ReviewError(f"{article_slug} has {_count(len(quotes), 'quote')}; there is no quote {number} "
                                  f"(list them with: archive review quotes {article_slug})")
            quote = quotes[number - 1]
            slug = _person(registry, conn, person) if person else None
            if quote["attribution"] != "judgement" and (quote["person_slug"] or None) == slug \
                    and (slug or not quote["organization_slug"]):
                raise ReviewError(f"quote {number} of {article_slug} is credited to {slug or 'no person'} already")
            return Judgement("speaker", by, "", note, read=_read_speaker(quote), article=article_slug,
                             sha256=article["sha256"], quote=number, quote_text=quote["text"][:QUOTE_TEXT],
                             quote_offsets=(quote["field"], quote["char_start"], quote["char_end"]), person=slug)

        return self._decide(make, self._after_article)

    def undo(self, number: int, by: str | None = None, note: str | None = None) -> Outcome:
        """Take judgement `number` back: its entry is marked undone and the archive reads as it
        did before it (the articles it changed are read again)."""
        from ..load.clock import now

        base = load_registry(self.registry_path)
        archive = self._open_writer(base)
        try:
            found = self.judgements()
            target = found.number(number)
            if target.undone:
                raise ReviewError(f"judgement {number} was undone already ({target.undone_at} by {target.undone_by})")
            needing = dependents(found, number)
            if needing:
                raise ReviewError(f"judgement {needing[0].number} (line {needing[0].line}: {describe(needing[0])}) "
                                  f"needs judgement {number}: undo it first")
            by = by or current_user()
            text = with_undo_marked(found, number, by, now(), note or None)
            changed = parse(text, self.judgements_path)
            check(changed)
            after = changed.number(number)
            outcome = self._apply(archive, base, found, changed, target, text)
            outcome.judgement = after
            outcome.lines.insert(0, f"judgement {number} undone: {describe(target)}")
            return outcome
        finally:
            archive.close()

    # ------------------------------------------------------------ the one way a decision is made

    def _open_writer(self, base: Registry):
        from ..load import Archive

        if not self.db_path.exists():
            raise ReviewError(f"{self.db_path}: no archive database here; run `archive ingest` first")
        return Archive(self.db_path, base, "review")

    def _decide(self, make, effect) -> Outcome:
        from ..load.clock import now
        from .apply import overlay

        base = load_registry(self.registry_path)
        archive = self._open_writer(base)
        try:
            found = self.judgements()
            registry = overlay(base, found)
            conn = self._reader()
            try:
                made = make(conn, registry)
            finally:
                conn.close()
            made = dataclasses.replace(made, by=made.by or current_user(), at=now(),
                                       number=len(found.items) + 1)
            for j in found.effective:
                if _same(j, made):
                    raise ReviewError(f"already decided: judgement {j.number} (line {j.line}: {describe(j)})")
            text = appended(found, made)
            changed = parse(text, self.judgements_path)
            try:
                check(changed)
            except JudgementConflict as exc:
                raise refused(exc, changed.items[-1].number, changed) from None
            made = changed.items[-1]
            outcome = self._apply(archive, base, found, changed, made, text)
            outcome.judgement = made
            outcome.lines.insert(0, f"judgement {made.number}: {describe(made)}")
            conn = self._reader()
            try:
                outcome.lines[1:1] = effect(conn, made)
            finally:
                conn.close()
            return outcome
        finally:
            archive.close()

    def _apply(self, archive, base: Registry, before: Judgements, after: Judgements, changed: Judgement,
               text: str) -> Outcome:
        """Write the file, then read again the articles `changed` can concern, with `after`."""
        from ..extract import Extractor
        from ..runner import extractor_id, reread_articles
        from ..wire.link import link_shared_copy
        from .apply import overlay

        extractor = Extractor(base, after)  # raises JudgementError if the judgements contradict the registry
        old_registry = overlay(base, before)
        candidates = concerned_articles(archive.conn, changed, old_registry, extractor.registry)
        old_version = extractor_id(self.registry_path, before)
        new_version = extractor_id(self.registry_path, after)
        write_text(self.judgements_path, text)
        archive.reconfigure(extractor.registry, new_version, after)
        archive.sync_registry()
        problems: list[str] = []
        summary = reread_articles(archive, extractor, candidates, report=problems.append)
        archive.begin()
        archive.conn.execute("UPDATE articles SET extracted_with = ? WHERE extracted_with = ?", [new_version, old_version])
        archive.commit()
        link_shared_copy(archive.wire, self.db_path, None)
        archive.finish_review()
        outcome = Outcome(None, reread=summary.counts["refreshed"])
        outcome.lines.append(f"{_count(outcome.reread, 'article')} read again"
                             + (f"; {len(problems)} kept their earlier reading" if problems else ""))
        outcome.lines += problems
        return outcome

    # ------------------------------------------------------------ what each decision did

    def _after_entity(self, conn, j: Judgement) -> list[str]:
        table = BY_NAME[j.type].table
        row = conn.execute(f"SELECT name, slug, mention_count, article_count FROM {table} WHERE slug = ?",
                           [j.slug]).fetchone()
        if row is None:
            return [f"{j.type} {j.slug}: not in the archive"]
        return [f"{row['name']} ({j.type} {row['slug']}): {_count(row['mention_count'], 'mention')} in "
                f"{_count(row['article_count'], 'article')}"]

    def _after_reject(self, conn, j: Judgement) -> list[str]:
        return [f"no longer read as {_a(j.type) if j.type else 'a name'}: {quoted(j.name)} "
                f"(changed {_count(_changed(conn, j), 'article')})"]

    def _after_distinct(self, conn, j: Judgement) -> list[str]:
        return [f"{' and '.join(j.slugs)} are kept apart (changed {_count(_changed(conn, j), 'article')})"]

    def _after_article(self, conn, j: Judgement) -> list[str]:
        row = conn.execute("SELECT id FROM articles WHERE sha256 = ?", [j.sha256]).fetchone()
        if row is None:
            return ["the article is not in the archive"]
        if j.decision == "correct":
            value = conn.execute("SELECT value, read_value FROM article_corrections WHERE article_id = ? AND field = ?",
                                 [row["id"], j.field]).fetchone()
            return [f"{j.article}: {j.field} {_shown(value['value'])} (read as {_shown(value['read_value'])})"] if value \
                else [f"{j.article}: not applied"]
        quotes = _quotes(conn, row["id"])
        lines = []
        for i, quote in enumerate(quotes, start=1):
            if quote["judgement"] == j.number:
                lines.append(f"quote {i}: {quote['person_name'] or 'no person'} (the rules had read: "
                             f"{_read_speaker(quote, read=True)})")
                old = quote["read_person_slug"]
                for k, later in enumerate(quotes[i:], start=i + 1):
                    if later["attribution"] not in ("continuation", "continued-quote") or later["person_slug"] != old:
                        break
                    if old:
                        lines.append(f"note: quote {k} continues quote {i} and is still credited to {old}; judge it "
                                     f"too if it is not theirs: archive review speaker {j.article} {k} --person SLUG")
        return lines or [f"{j.article}: the quote is not in the article's current reading"]


def refused(conflict: JudgementConflict, number: int, found: Judgements) -> ReviewError:
    """A new decision (judgement `number`, not written) that conflicts with one in force: one
    line naming the line of the file it conflicts with, and how to replace that one."""
    if number not in (conflict.first.number, conflict.second.number):
        return ReviewError(str(conflict))
    new, old = (conflict.second, conflict.first) if conflict.second.number == number else \
        (conflict.first, conflict.second)
    return ReviewError(f"{describe(new)} conflicts with judgement {old.number} ({found.where(old.line)}: "
                       f"{describe(old)}){conflict.why}; nothing was written. To decide otherwise, take that one "
                       f"back first: archive review undo {old.number}")


def _same(a: Judgement, b: Judgement) -> bool:
    if a.decision != b.decision:
        return False
    if a.decision == "distinct":
        return a.type == b.type and sorted(a.slugs) == sorted(b.slugs)
    return a.decision_key() == b.decision_key()


def _changed(conn, j: Judgement) -> int:
    return conn.execute("SELECT count(*) FROM article_judgements WHERE judgement = ?", [j.number]).fetchone()[0]


# ---------------------------------------------------------------- the articles a judgement concerns


def concerned_articles(conn: sqlite3.Connection, j: Judgement, before: Registry, after: Registry) -> set[int]:
    """Every article whose reading the judgement can change (made or undone): a superset, read
    off the archive before it is applied."""
    ids = {i for (i,) in conn.execute("SELECT article_id FROM article_judgements WHERE judgement = ?", [j.number])}
    if j.decision in ("correct", "speaker"):
        ids |= {i for (i,) in conn.execute("SELECT id FROM articles WHERE sha256 = ?", [j.sha256])}
        return ids
    if j.decision in ("accept", "merge"):
        names = {j.name, j.canonical} - {None}
        entity = after.entities.get(j.entity_key) or before.entities.get(j.entity_key)
        if entity is not None and j.decision == "accept":
            names |= set(entity.names)
        ids |= text_candidates(conn, names)
        for key in {f"{t.name}:{slugify(j.name)}" for t in ENTITY_TYPES} | {j.entity_key}:
            ids |= _articles_of(conn, key)
        return ids
    if j.decision == "reject":
        kinds = [j.type] if j.type else [t.name for t in ENTITY_TYPES]
        for kind in kinds:
            ids |= _articles_of(conn, f"{kind}:{slugify(j.name)}")
        return ids
    if j.decision == "distinct":
        keys = [f"{j.type}:{s}" for s in j.slugs]
        names = [set(j.names[i]) if i < len(j.names) else set() for i in range(2)]
        for i, key in enumerate(keys):
            for registry in (before, after):
                if key in registry.entities:
                    names[i] |= set(registry.entities[key].names)
        for i in range(2):
            ids |= _articles_with_surfaces(conn, keys[i], {name_key(n) for n in names[1 - i]})
        ids |= _articles_of(conn, keys[0]) & _articles_of(conn, keys[1])
    return ids


def _entity_id(conn, key: str) -> int | None:
    type_name, slug = key.split(":", 1)
    row = conn.execute(f"SELECT id FROM {BY_NAME[type_name].table} WHERE slug = ?", [slug]).fetchone()
    return row[0] if row else None


def _articles_of(conn, key: str) -> set[int]:
    entity_id = _entity_id(conn, key)
    if entity_id is None:
        return set()
    return {i for (i,) in conn.execute("SELECT article_id FROM article_entities WHERE entity_type = ? AND entity_id = ?",
                                       [key.split(":")[0], entity_id])}


def _articles_with_surfaces(conn, key: str, keys: set[tuple]) -> set[int]:
    entity_id = _entity_id(conn, key)
    if entity_id is None or not keys:
        return set()
    column = BY_NAME[key.split(":")[0]].column
    return {a for a, surface in conn.execute(f"SELECT DISTINCT article_id, surface FROM mentions WHERE {column} = ?",
                                             [entity_id]) if name_key(surface) in keys}


_WORD = re.compile(r"[^\W_]+")


def text_candidates(conn: sqlite3.Connection, names: set[str]) -> set[int]:
    """Articles whose body, captions or dateline may hold one of the names, in any case, spacing
    or hyphenation (the full-text index for bodies: a phrase, or for non-Latin words their
    stems, so inflected Russian forms and Korean particles are found too; captions and datelines
    are scanned)."""
    from ..schema import fts_in_step

    terms = [t for t in (_fts_term(n) for n in names) if t]
    if not terms:
        return set()
    ids: set[int] = set()
    if fts_in_step(conn, "articles"):
        ids |= {i for (i,) in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                                           [" OR ".join(terms)])}
    else:  # the index is being rebuilt: every article is a candidate
        return {i for (i,) in conn.execute("SELECT id FROM articles")}
    patterns = []
    for name in names:
        words = _WORD.findall(name)
        if not words:
            continue
        word = max(words, key=len)
        patterns.append(word if word.isascii() else _stem(word))
    conditions, params = [], []
    for pattern in patterns:
        for column in ("captions", "dateline"):
            if pattern.isascii():
                conditions.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append("%" + pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
            else:
                for variant in {pattern, pattern.lower(), pattern.upper(), pattern.capitalize()}:
                    conditions.append(f"instr({column}, ?) > 0")
                    params.append(variant)
    if conditions:
        ids |= {i for (i,) in conn.execute(
            f"SELECT id FROM articles WHERE (captions IS NOT NULL OR dateline IS NOT NULL) AND ({' OR '.join(conditions)})",
            params)}
    return ids


def _stem(word: str) -> str:
    """The start of a non-Latin word that its inflected forms share (Курской -> Курск, 김정은은 -> 김정은)."""
    if re.match(r"[\u0400-\u04ff]", word):
        return word[:max(3, len(word) - 2)]
    return word


def _fts_term(name: str) -> str | None:
    words = _WORD.findall(name)
    if not words:
        return None
    if all(w.isascii() for w in words):
        phrase = '"' + " ".join(w.lower() for w in words) + '"'
        if len(words) > 1 and all(len(w) == 1 for w in words):  # U.S. is also written US
            phrase = f'({phrase} OR "{"".join(words).lower()}")'
        return phrase
    parts = [f'"{w.lower()}"' if w.isascii() else f'"{_stem(w).lower()}"*' for w in words]
    return parts[0] if len(parts) == 1 else f"NEAR({' '.join(parts)}, 2)"


# ---------------------------------------------------------------- looking things up


def review_queue(conn: sqlite3.Connection, entity_type: str | None, limit: int, contexts: int = CONTEXTS) -> list[dict]:
    kinds = [entity_type] if entity_type else [t.name for t in ENTITY_TYPES]
    found = []
    for kind in kinds:
        table = BY_NAME[kind].table
        found += [dict(r, type=kind) for r in conn.execute(
            f"SELECT id, slug, name, mention_count, article_count FROM {table} WHERE reviewed = 0 AND mention_count > 0 "
            f"ORDER BY mention_count DESC, article_count DESC, name LIMIT ?", [limit])]
    found.sort(key=lambda r: (-r["mention_count"], -r["article_count"], r["name"].casefold()))
    found = found[:limit]
    for row in found:
        row["contexts"] = mention_contexts(conn, row["type"], row["id"], contexts)
    return found


def mention_contexts(conn: sqlite3.Connection, entity_type: str, entity_id: int, limit: int) -> list[dict]:
    """The sentences an entity is named in, one per article, newest first."""
    column = BY_NAME[entity_type].column
    rows = conn.execute(f"""
        SELECT m.id, m.field, m.char_start, m.char_end, m.surface, a.slug, a.label, a.published, s.name AS source,
          CASE m.field WHEN 'captions' THEN a.captions WHEN 'dateline' THEN a.dateline ELSE a.body END AS text
        FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN sources s ON s.id = a.source_id
        WHERE m.{column} = ? AND m.id = (SELECT min(m2.id) FROM mentions m2 WHERE m2.{column} = m.{column}
                                         AND m2.article_id = m.article_id)
        ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ?""", [entity_id, limit]).fetchall()
    out = []
    for r in rows:
        text = r["text"] or ""
        start, end = next(((s, e) for s, e in sentence_spans(text) if s <= r["char_start"] < e),
                          (max(0, r["char_start"] - 100), min(len(text), r["char_end"] + 100)))
        if end - start > 400:  # a long sentence: the words around the name
            start, end = max(start, r["char_start"] - 180), min(end, r["char_end"] + 180)
        out.append({"mention_id": r["id"], "article_slug": r["slug"], "article_label": r["label"],
                    "published": r["published"], "source": r["source"], "field": r["field"],
                    "sentence": text[start:end], "name_start": r["char_start"] - start,
                    "name_end": r["char_end"] - start})
    return out


def _unreviewed(conn, name: str, entity_type: str | None) -> list[dict]:
    """Unreviewed entities a name (or slug) stands for, the most mentioned first."""
    slug = slugify(name)
    kinds = [entity_type] if entity_type else [t.name for t in ENTITY_TYPES]
    found = []
    for kind in kinds:
        table = BY_NAME[kind].table
        found += [dict(r, type=kind) for r in conn.execute(
            f"SELECT id, slug, name, mention_count, article_count FROM {table} WHERE slug = ? AND reviewed = 0", [slug])]
    return sorted(found, key=lambda r: -r["mention_count"])


def _one_type(found: list[dict], name: str) -> str:
    kinds = sorted({f["type"] for f in found})
    if len(kinds) == 1:
        return kinds[0]
    if not kinds:
        raise ReviewError(f"{quoted(name)} is not awaiting review; say what it is with --type person, organization or place")
    raise ReviewError(f"{quoted(name)} was found as {' and as '.join(kinds)}: say which with --type")


def _owner(registry: Registry, name: str) -> str | None:
    key = name_key(name)
    return next((e.key for e in registry.entities.values() if any(name_key(n) == key for n in e.names)), None)


def _target(registry: Registry, into: str, preferred: list[str]):
    """The entity `--into` names: SLUG, TYPE:SLUG or TABLE/SLUG, in the registry or accepted."""
    text = into.strip()
    kind = None
    for separator in (":", "/"):
        if separator in text:
            head, text = text.split(separator, 1)
            kind = head if head in BY_NAME else {t.table: t.name for t in ENTITY_TYPES}.get(head)
            if kind is None:
                raise ReviewError(f"--into {into!r}: {head!r} is not person, organization or place")
    slug = slugify(text)
    matches = [registry.entities[f"{t.name}:{slug}"] for t in ENTITY_TYPES
               if f"{t.name}:{slug}" in registry.entities and (kind is None or t.name == kind)]
    if len(matches) > 1:
        matches = [m for m in matches if m.type in preferred] or matches
    if not matches:
        raise ReviewError(f"--into {into!r}: no such entity in the registry or among the accepted names "
                          "(a name awaiting review must be accepted before names are merged into it)")
    if len(matches) > 1:
        raise ReviewError(f"--into {into!r} names {' and '.join(m.key for m in matches)}: say which, e.g. "
                          f"--into {matches[0].key}")
    return matches[0]


def _any_entity(conn, registry: Registry, given: str) -> dict:
    """An entity by slug (TYPE:SLUG or TABLE/SLUG too), reviewed or not, with its names."""
    text, kind = given.strip(), None
    for separator in (":", "/"):
        if separator in text:
            head, text = text.split(separator, 1)
            kind = head if head in BY_NAME else {t.table: t.name for t in ENTITY_TYPES}.get(head)
    slug = slugify(text)
    found = []
    for t in ENTITY_TYPES:
        if kind and t.name != kind:
            continue
        row = conn.execute(f"SELECT slug, name, reviewed, article_count FROM {t.table} WHERE slug = ?", [slug]).fetchone()
        entity = registry.entities.get(f"{t.name}:{slug}")
        if row is None and entity is None:
            continue
        names = list(entity.names) if entity else [row["name"]]
        found.append({"type": t.name, "slug": slug, "name": entity.name if entity else row["name"],
                      "reviewed": bool(entity) or bool(row and row["reviewed"]),
                      "article_count": row["article_count"] if row else 0, "names": names})
    if not found:
        raise ReviewError(f"{given!r}: no person, organization or place has that slug")
    if len(found) > 1:
        raise ReviewError(f"{given!r} is {' and '.join(f['type'] + ':' + slug for f in found)}: say which, e.g. "
                          f"{found[0]['type']}:{slug}")
    return found[0]


def _person(registry: Registry, conn, given: str) -> str:
    slug = slugify(given.split(":", 1)[-1].split("/", 1)[-1])
    if f"person:{slug}" in registry.entities:
        return slug
    key = name_key(given)
    for entity in registry.of_type("person"):
        if any(name_key(n) == key for n in entity.names):
            return entity.slug
    row = conn.execute("SELECT slug FROM people WHERE slug = ? AND reviewed = 0", [slug]).fetchone()
    if row:
        raise ReviewError(f"{quoted(given)} is awaiting review: accept the name first (archive review accept \"{given}\")")
    raise ReviewError(f"{given!r}: no person in the registry or among the accepted names has that slug or name")


def _article(conn, slug: str) -> dict:
    row = conn.execute("""SELECT a.id, a.slug, a.label, a.title, a.published, a.byline, a.sha256, s.name AS source_name
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.slug = ?""", [slug.strip()]).fetchone()
    if row is None:
        raise ReviewError(f"{slug!r}: no article with that slug")
    return dict(row, source=row["source_name"])


def _quotes(conn, article_id: int) -> list[dict]:
    return [dict(r) for r in conn.execute("""
        SELECT q.id, q.text, q.speaker, q.kind, q.attribution, q.field, q.char_start, q.char_end,
          p.slug AS person_slug, p.name AS person_name, o.slug AS organization_slug, o.name AS organization_name,
          qj.judgement, qj.read_speaker, qj.read_attribution, rp.slug AS read_person_slug, rp.name AS read_person_name,
          ro.name AS read_organization_name
        FROM quotes q LEFT JOIN people p ON p.id = q.person_id LEFT JOIN organizations o ON o.id = q.organization_id
        LEFT JOIN quote_judgements qj ON qj.quote_id = q.id LEFT JOIN people rp ON rp.id = qj.read_person_id
        LEFT JOIN organizations ro ON ro.id = qj.read_organization_id
        WHERE q.article_id = ? ORDER BY q.field, q.char_start, q.char_end""", [article_id])]


def _normalized_value(conn, registry: Registry, field_name: str, value: str | None) -> str | None:
    value = (value or "").strip() or None
    if value is None:
        return None
    if field_name == "published" and not ISO_DATE.match(value):
        raise ReviewError(f"--value {value!r}: a publication date is YYYY-MM-DD")
    if field_name == "published":
        import datetime as dt

        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ReviewError(f"--value {value!r} is not a date") from None
    if field_name == "source":
        row = conn.execute("SELECT name FROM sources WHERE lower(name) = lower(?) OR slug = ?",
                           [value, slugify(value)]).fetchone()
        if row:
            return row[0]
        return registry.outlets.get(value.lower(), value)
    return value


def _read_name(found: list[dict], kind: str | None, name: str) -> str:
    found = [f for f in found if kind is None or f["type"] == kind] or found
    if not found:
        return f"{quoted(name)} was not found in the archive as a name"
    f = found[0]
    return (f"found as an unreviewed {f['type']} {quoted(f['name'])}: {_count(f['mention_count'], 'mention')} in "
            f"{_count(f['article_count'], 'article')}")


def _read_speaker(quote: dict, read: bool = False) -> str:
    if read:
        person, org = quote["read_person_slug"], quote["read_organization_name"]
        speaker, how = quote["read_speaker"], quote["read_attribution"]
    else:
        person, org = quote["person_slug"], quote["organization_name"]
        speaker, how = quote["speaker"], quote["attribution"]
    who = person or (f"the organization {org}" if org else "no person")
    written = f", speaker as written {quoted(speaker)}" if speaker else ""
    return f"{who} (rule: {how}{written})"


def _shown(value) -> str:
    return "not stated" if value is None else quoted(value)


def _count(n, word: str) -> str:
    n = n or 0
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _a(entity_type: str | None) -> str:
    return {"organization": "an organization"}.get(entity_type or "", f"a {entity_type}")
