"""The judgements file (db/judgements.yml): human decisions about the archive's readings.

One YAML list, one entry per decision, in the order the decisions were made; `archive review log`
numbers them from 1 in that order. Each entry says what was decided (`decision`), about what
(`name`, `into`, `slugs`, `article` ...), by whom (`by`), when (`at`) and why (`note`), and what the
machine had read when the decision was made (`read`). An entry taken back is not deleted: it gets
`undone_by` and `undone_at` (and `undo_note`), so the numbers of the others never change and the
file keeps the whole history. Humans may edit the file; git diffs and merges it like any text.

Decisions hold as a set: their effect does not depend on their order. Two that cannot both hold
(the same name accepted as a person and as an organization, merged into two entities, a name
merged into an entity it was judged distinct from...) are a conflict: a one-line error naming
both lines. The same decision twice is no conflict (a merge of two branches may do that).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..registry import name_key, slugify

DECISIONS = ("accept", "merge", "reject", "distinct", "correct", "speaker")
FIELDS = ("title", "source", "published", "byline")  # the article fields `correct` may set
FIELD_WORDS = {"source": "outlet (source)", "published": "date (published)"}  # how messages name them
ENTITY_TYPES = ("person", "organization", "place")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QID = re.compile(r"^Q[1-9]\d*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

HEADER = """\
# Human judgements on the archive's readings: one entry per decision, in the order they were made.
# `archive review ...` and the review page (`archive serve`, then /review) write this file;
# every `archive ingest` applies it to every reading, so a decision survives re-reads. Share it
# with git like the registry. `archive review log` numbers the entries from 1; `archive review
# undo N` marks entry N undone (undone_by, undone_at) instead of deleting it. See README.md,
# "Reviewing names and readings", for what each decision does.
"""

# keys an entry may have, per decision (besides the common ones)
COMMON_KEYS = ("decision", "read", "by", "at", "note", "undone_by", "undone_at", "undo_note")
DECISION_KEYS = {
    "accept": ("name", "type", "canonical", "description", "wikidata"),
    "merge": ("name", "type", "into"),
    "reject": ("name", "type"),
    "distinct": ("type", "slugs", "names"),
    "correct": ("article", "sha256", "field", "value"),
    "speaker": ("article", "sha256", "quote", "quote_text", "quote_offsets", "person"),
}
REQUIRED_KEYS = {
    "accept": ("name", "type"),
    "merge": ("name", "type", "into"),
    "reject": ("name",),
    "distinct": ("type", "slugs"),
    "correct": ("article", "sha256", "field", "value"),
    "speaker": ("article", "sha256", "quote", "person"),
}


class JudgementError(ValueError):
    """A judgements file that cannot be applied: one line naming the file, the line and why."""


class JudgementConflict(JudgementError):
    """Two judgements in force that cannot both hold: `first` (the earlier) and `second`."""

    def __init__(self, message: str, first: "Judgement", second: "Judgement", why: str = ""):
        super().__init__(message)
        self.first, self.second, self.why = first, second, why


@dataclass(frozen=True)
class Judgement:
    decision: str
    by: str
    at: str
    note: str | None = None
    read: str | None = None  # what the machine had read when the decision was made
    name: str | None = None  # accept, merge, reject: the name as found
    type: str | None = None  # entity type (for merge: the target's; for reject: None = any type)
    canonical: str | None = None  # accept: the entity's name when it differs from the name found
    description: str | None = None
    wikidata: str | None = None
    into: str | None = None  # merge: slug of the entity the name becomes an alias of
    slugs: tuple[str, ...] = ()  # distinct: the two entities
    names: tuple[tuple[str, ...], ...] = ()  # distinct: the names of each, as the archive knew them
    article: str | None = None  # correct, speaker: the article's slug
    sha256: str | None = None  # ... and the SHA-256 of its raw text, which is what the decision is about
    field: str | None = None  # correct: title, source, published or byline
    value: str | None = None  # correct: the value; None = not stated
    quote: int | None = None  # speaker: the quote's number in the article (1 = first)
    quote_text: str | None = None  # ... the start of its text
    quote_offsets: tuple | None = None  # ... and where it is: (field, char_start, char_end)
    person: str | None = None  # speaker: the person's slug; None = no person
    undone_by: str | None = None
    undone_at: str | None = None
    undo_note: str | None = None
    number: int = dataclasses.field(default=0, compare=False)  # position in the file, from 1
    line: int = dataclasses.field(default=0, compare=False)  # the line its entry starts on

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    @property
    def entity_name(self) -> str | None:
        """accept: the name of the entity it makes."""
        return (self.canonical or self.name) if self.decision == "accept" else None

    @property
    def slug(self) -> str | None:
        """accept: the slug of the entity it makes; merge: the target's."""
        if self.decision == "accept":
            return slugify(self.entity_name)
        return self.into if self.decision == "merge" else None

    @property
    def entity_key(self) -> str | None:
        return f"{self.type}:{self.slug}" if self.slug and self.type else None

    def quote_location(self) -> tuple | None:
        return tuple(self.quote_offsets) if self.quote_offsets else None

    def decision_key(self) -> tuple:
        """What the decision is, without who, when, why or what was read: two entries with the
        same key are the same decision."""
        skip = {"by", "at", "note", "read", "undone_by", "undone_at", "undo_note", "number", "line",
                "quote_text", "article"}
        if self.quote_offsets:
            skip.add("quote")  # the quote is where it is; its number is how a reader found it
        return tuple((f.name, _hashable(getattr(self, f.name))) for f in dataclasses.fields(self) if f.name not in skip)

    def entry(self) -> dict:
        """The entry as written in the file (keys in a fixed order, empty ones left out)."""
        out: dict = {"decision": self.decision}
        for key in DECISION_KEYS[self.decision]:
            value = getattr(self, key)
            if key == "person" and self.decision == "speaker":
                out[key] = value  # null is meaningful: no person
                continue
            if key == "value" and self.decision == "correct":
                out[key] = value  # null: the field is not stated
                continue
            if value in (None, (), ""):
                continue
            out[key] = [list(v) for v in value] if key == "names" else (list(value) if isinstance(value, tuple) else value)
        for key in COMMON_KEYS[1:]:
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        return out


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def describe(j: Judgement) -> str:
    """The decision in a few words, for messages and the log."""
    if j.decision == "accept":
        text = f"accept {quoted(j.name)} as {_a(j.type)}"
        return text + (f" named {quoted(j.canonical)}" if j.canonical and j.canonical != j.name else "")
    if j.decision == "merge":
        return f"merge {quoted(j.name)} into {j.type} {j.into}"
    if j.decision == "reject":
        return f"reject {quoted(j.name)}" + (f" as {_a(j.type)}" if j.type else "")
    if j.decision == "distinct":
        return f"distinct {j.type} {' and '.join(j.slugs)}"
    if j.decision == "correct":
        value = "not stated" if j.value is None else quoted(j.value)
        return f"correct the {FIELD_WORDS.get(j.field, j.field)} of {j.article} to {value}"
    if j.decision == "speaker":
        return f"speaker of quote {j.quote} in {j.article}: " + (j.person or "no person")
    return j.decision


def quoted(text: str | None) -> str:
    return f"“{text}”"


def _a(entity_type: str | None) -> str:
    return {"organization": "an organization"}.get(entity_type or "", f"a {entity_type}")


# ---------------------------------------------------------------- the file


@dataclass
class Judgements:
    """Every entry of a judgements file, in order (undone ones included), and the file's text."""

    items: list[Judgement] = field(default_factory=list)
    path: Path | None = None
    text: str = ""

    @property
    def effective(self) -> list[Judgement]:
        return [j for j in self.items if not j.undone]

    def __bool__(self) -> bool:
        return bool(self.effective)

    def number(self, n: int) -> Judgement:
        if not 1 <= n <= len(self.items):
            raise JudgementError(f"{self.where()}: there is no judgement {n} (the file has {len(self.items)})")
        return self.items[n - 1]

    def where(self, line: int | None = None) -> str:
        name = str(self.path) if self.path else "judgements"
        return f"{name}:{line}" if line else name

    def digest(self) -> str:
        """A hash of the decisions in force (with their numbers): the reading version includes
        it, so an archive is read again when they change. Notes, names and times are left out:
        editing a note does not re-read the archive (the judgements table is refreshed anyway)."""
        data = [(j.number, j.decision_key()) for j in self.effective]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()[:16]


def load_judgements(path: Path | str | None) -> Judgements:
    """Read and check a judgements file. A missing file holds no judgements. JudgementError,
    one line naming the file and line, for anything malformed or in conflict."""
    if path is None:
        return Judgements()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Judgements(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise JudgementError(f"{path}: cannot read the judgements file: {exc}") from exc
    found = parse(text, path)
    check(found)
    return found


def parse(text: str, path: Path | None = None) -> Judgements:
    """The entries of a judgements file's text, numbered, each with its line (not yet checked
    for conflicts)."""
    where = str(path) if path else "judgements"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise JudgementError(f"{where}{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    if data is None:
        return Judgements(path=path, text=text)
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise JudgementError(f"{where}:1: the file must be a list of judgements (each entry starting with '- ')")
    items = []
    for number, (entry, node) in enumerate(zip(data, root.value), start=1):
        items.append(_judgement(entry, number, node.start_mark.line + 1, where))
    return Judgements(items=items, path=path, text=text)


class _Loader(yaml.SafeLoader):
    """Safe YAML with dates and times read as the text written (`at: 2025-07-01T10:00:00+00:00`,
    `value: 2025-06-17`), never as date objects."""


_Loader.yaml_implicit_resolvers = {k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _judgement(entry, number: int, line: int, where: str) -> Judgement:
    here = f"{where}:{line}"
    if not isinstance(entry, dict):
        raise JudgementError(f"{here}: judgement {number} is not a mapping of keys to values")
    decision = entry.get("decision")
    if decision not in DECISIONS:
        raise JudgementError(f"{here}: judgement {number}: `decision` must be one of {', '.join(DECISIONS)}, "
                             f"not {decision!r}")
    allowed = set(COMMON_KEYS) | set(DECISION_KEYS[decision])
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise JudgementError(f"{here}: judgement {number} ({decision}): unknown key {unknown[0]!r}")
    for key in ("by", "at", *REQUIRED_KEYS[decision]):
        if key not in entry or (entry[key] is None and key not in ("person", "value")):
            raise JudgementError(f"{here}: judgement {number} ({decision}) needs `{key}`")
    try:
        values = {k: _text(v) if k not in ("slugs", "names", "quote", "quote_offsets") else v for k, v in entry.items()}
    except JudgementError as exc:
        raise JudgementError(f"{here}: judgement {number} ({decision}): {exc}") from None
    j = dict(values)
    j.pop("decision")
    try:
        if "slugs" in j:
            j["slugs"] = tuple(str(s) for s in j["slugs"])
        if "names" in j:
            j["names"] = tuple(tuple(str(n) for n in names) for names in j["names"] or ())
        if "quote_offsets" in j and j["quote_offsets"] is not None:
            field_name, start, end = j["quote_offsets"]
            j["quote_offsets"] = (str(field_name), int(start), int(end))
        if "quote" in j:
            j["quote"] = int(j["quote"])
    except (TypeError, ValueError) as exc:
        raise JudgementError(f"{here}: judgement {number} ({decision}): malformed value ({exc})") from exc
    judgement = Judgement(decision=decision, number=number, line=line, **j)
    _check_values(judgement, here)
    return judgement


def _text(value):
    if value is None or isinstance(value, str):
        return value.strip() if isinstance(value, str) else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (bool, int, float)):
        return str(value)
    raise JudgementError(f"expected a text, found {type(value).__name__}")


def _check_values(j: Judgement, here: str) -> None:
    def fail(message: str):
        raise JudgementError(f"{here}: judgement {j.number} ({j.decision}): {message}")

    if j.type is not None and j.type not in ENTITY_TYPES:
        fail(f"`type` must be person, organization or place, not {j.type!r}")
    for key in ("name", "canonical"):
        value = getattr(j, key)
        if value is not None and not name_key(value):
            fail(f"`{key}` {value!r} has no letters or digits")
    if j.wikidata and not QID.match(j.wikidata):
        fail(f"`wikidata` must be an id such as Q7747, not {j.wikidata!r}")
    for slug in ([j.into] if j.into else []) + list(j.slugs) + ([j.person] if j.person else []):
        if not SLUG.match(slug):
            fail(f"{slug!r} is not a slug (lower-case words joined by hyphens)")
    if j.decision == "distinct" and (len(j.slugs) != 2 or j.slugs[0] == j.slugs[1]):
        fail("`slugs` must name two different entities")
    if j.decision == "distinct" and j.names and len(j.names) != 2:
        fail("`names` must hold one list of names for each slug")
    if j.sha256 is not None and not SHA256.match(j.sha256):
        fail("`sha256` must be the 64 hex digits of the article's raw bytes")
    if j.decision == "correct":
        if j.field not in FIELDS:
            fail(f"`field` must be one of {', '.join(FIELDS)}, not {j.field!r}")
        if j.field == "published" and j.value is not None and not ISO_DATE.match(j.value):
            fail(f"a publication date is YYYY-MM-DD, not {j.value!r}")
        if j.value is not None and not j.value.strip():
            fail("`value` is empty: write `value: null` for a field the article does not state")
    if j.decision == "speaker" and (j.quote or 0) < 1:
        fail("`quote` is the quote's number in the article, from 1")
    if j.undone_by is not None and j.undone_at is None:
        fail("`undone_by` without `undone_at`")


# ---------------------------------------------------------------- conflicts


def check(found: Judgements) -> None:
    """Raise JudgementError for the first pair of judgements in force that cannot both hold."""
    where = found.where
    items = found.effective

    def conflict(later: Judgement, earlier: Judgement, why: str = "") -> JudgementError:
        first, second = sorted((earlier, later), key=lambda j: j.number)
        return JudgementConflict(f"{where(second.line)}: {describe(second)} conflicts with line {first.line}: "
                                 f"{describe(first)}{why}", first, second, why)

    by_name: dict[tuple, list[Judgement]] = {}
    for j in items:
        if j.decision in ("accept", "merge", "reject"):
            for key in {name_key(n) for n in (j.name, j.canonical) if n}:
                by_name.setdefault(key, []).append(j)
    for group in by_name.values():
        for i, b in enumerate(group):
            for a in group[:i]:
                if _clash(a, b):
                    raise conflict(b, a)
    by_slug: dict[str, Judgement] = {}
    for j in items:
        if j.decision == "accept":
            other = by_slug.setdefault(j.entity_key, j)
            if other is not j and other.decision_key() != j.decision_key() and \
                    name_key(other.entity_name) != name_key(j.entity_name):
                raise conflict(j, other, f" (both would be {j.entity_key})")
    for decision, key in (("correct", lambda j: (j.sha256, j.field)),
                          ("speaker", lambda j: (j.sha256, j.quote_location() or j.quote))):
        seen: dict[tuple, Judgement] = {}
        for j in items:
            if j.decision == decision:
                other = seen.setdefault(key(j), j)
                if other is not j and other.decision_key() != j.decision_key():
                    raise conflict(j, other)
    _check_distinct(items, conflict)


def _clash(a: Judgement, b: Judgement) -> bool:
    """Whether two accept/merge/reject judgements about the same name cannot both hold."""
    if a.decision_key() == b.decision_key():
        return False
    kinds = {a.decision, b.decision}
    if kinds == {"reject"}:
        return False  # not a person, and not an organization: both may hold
    if "reject" in kinds:
        rejection, other = (a, b) if a.decision == "reject" else (b, a)
        return rejection.type is None or rejection.type == other.type
    return True  # accepted twice differently, accepted and merged, merged into two entities


def entity_of_name(j: Judgement) -> str:
    """The entity a name stood for before a merge or accept: the name found in articles, by slug."""
    return f"{j.type}:{slugify(j.name)}"


def _check_distinct(items: list[Judgement], conflict) -> None:
    """Merges and accepts join entities; a distinct pair must stay apart, directly or through
    others (A is not B, B is C: then A is not C)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    distinct = [j for j in items if j.decision == "distinct"]
    apart = [(f"{j.type}:{j.slugs[0]}", f"{j.type}:{j.slugs[1]}", j) for j in distinct]
    for j in sorted((j for j in items if j.decision in ("merge", "accept")), key=lambda j: j.number):
        joined = (entity_of_name(j), j.entity_key)
        if joined[0] == joined[1]:
            continue
        parent[find(joined[0])] = find(joined[1])
        for a, b, d in apart:
            if find(a) == find(b):
                raise conflict(j, d, f" ({a.split(':')[1]} and {b.split(':')[1]} were judged distinct)")


def dependents(found: Judgements, number: int) -> list[Judgement]:
    """Judgements in force that need judgement `number` (merges into the entity it accepted,
    quote speakers given as that entity)."""
    target = found.number(number)
    if target.decision != "accept":
        return []
    key = target.entity_key
    return [j for j in found.effective if j.number != number and (
        (j.decision == "merge" and j.entity_key == key) or
        (j.decision == "speaker" and target.type == "person" and j.person == target.slug))]


# ---------------------------------------------------------------- writing


def entry_text(j: Judgement) -> str:
    """One entry as YAML lines ('- decision: ...', then '  key: value')."""
    lines = []
    for key, value in j.entry().items():
        lines.append(("- " if not lines else "  ") + _key_value(key, value, "  "))
    return "\n".join(lines) + "\n"


def _key_value(key: str, value, indent: str) -> str:
    """'key: value' in YAML: lists in flow style on the line ([kim-song, kim-song-nam]), texts
    quoted only where YAML needs it, a text of several lines as a block."""
    if isinstance(value, list):
        flow = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10 ** 6).strip()
        return f"{key}: {flow}"
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False, width=10 ** 6,
                            sort_keys=False).rstrip("\n")
    return dumped.replace("\n", "\n" + indent)


def appended(found: Judgements, j: Judgement) -> str:
    """The file's text with one more entry at the end (the rest kept as written, comments too)."""
    text = found.text
    if not text.strip():
        return HEADER + entry_text(j)
    if not text.endswith("\n"):
        text += "\n"
    candidate = text + entry_text(j)
    if len(parse(candidate, found.path).items) == len(found.items) + 1:
        return candidate
    return rewritten(found.items + [j])  # a flow-style list or another unusual layout: write it afresh


def with_undo_marked(found: Judgements, number: int, by: str, at: str, note: str | None) -> str:
    """The file's text with `undone_by`, `undone_at` (and `undo_note`) added to entry `number`."""
    root = yaml.compose(found.text, Loader=yaml.SafeLoader)
    node = root.value[number - 1]
    last_value = node.value[-1][1]
    end = last_value.end_mark
    insert_at = end.line + (1 if end.column > 0 else 0)
    indent = " " * node.value[0][0].start_mark.column
    marks = {"undone_by": by, "undone_at": at}
    if note:
        marks["undo_note"] = note
    added = "".join(indent + _key_value(k, v, indent) + "\n" for k, v in marks.items())
    lines = found.text.splitlines(keepends=True)
    if insert_at > len(lines):
        insert_at = len(lines)
    if insert_at and not lines[insert_at - 1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    text = "".join(lines[:insert_at]) + added + "".join(lines[insert_at:])
    again = parse(text, found.path)
    if len(again.items) == len(found.items) and again.items[number - 1].undone_at == at:
        return text
    items = list(found.items)
    items[number - 1] = dataclasses.replace(items[number - 1], undone_by=by, undone_at=at, undo_note=note)
    return rewritten(items)


def rewritten(items: list[Judgement]) -> str:
    return HEADER + "".join(entry_text(j) for j in items)


def write_text(path: Path, text: str) -> None:
    """Replace the file at once (a reader never sees half of it), keeping its permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
