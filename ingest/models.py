"""Typed records that flow between the pipeline stages (parse -> extract -> load)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read from its source text. Fields the text does not state are None."""

    body: str
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    date_source: str | None = None  # where `published` came from: header, dateline, ...
    dateline: str | None = None
    byline: str | None = None
    language: str | None = None
    url: str | None = None  # the article's own address, when the source gives it
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # promo/boilerplate lines left out of body
    warnings: list[str] = field(default_factory=list)

    @property
    def captions_text(self) -> str:
        """The captions as one text; offsets of rows with field='captions' index this."""
        return "\n\n".join(self.captions)

    @property
    def credits_text(self) -> str:
        """The credits as one text, a line each; offsets of rows with field='credits' index this."""
        return "\n".join(self.credits)

    @property
    def lede(self) -> str:
        """The first sentence of the body: what to show when there is no headline."""
        first = self.body.split("\n", 1)[0]
        end = _sentence_end(first)
        return first[:end].strip() if end else first.strip()


def _sentence_end(text: str) -> int:
    for i, ch in enumerate(text):
        if ch in ".!?" and i > 40 and (i + 1 == len(text) or text[i + 1] == " "):
            return i + 1
    return len(text)


@dataclass(frozen=True)
class Mention:
    """A span of the clean body that names a person, organization or place."""

    entity_type: str  # person | organization | place
    entity_key: str  # registry slug, or "new:<name>" for names the registry does not know
    char_start: int
    char_end: int
    surface: str
    resolution: str  # alias | surname-* | possessive | nested | unreviewed | gazetteer | shape | acronym | byline
    field: str = "body"  # which text the offsets index: title | body | captions | dateline | byline | credits


@dataclass(frozen=True)
class Quote:
    text: str
    char_start: int
    char_end: int
    speaker: str | None  # as written in the article
    person_key: str | None  # registry slug when the speaker is a known person
    organization_key: str | None
    attribution: str  # how the speaker was found
    kind: str  # inline | fragment | block | transcript
    field: str = "body"
    # set when a human judgement gave the speaker (db/judgements.yml): its number, and what the
    # machine had read — (speaker as written, person key, organization key, attribution)
    judgement: int | None = None
    read: tuple | None = None


@dataclass(frozen=True)
class Role:
    person_key: str
    title: str
    organization_key: str | None
    place_key: str | None
    char_start: int
    char_end: int
    surface: str
    field: str = "body"


@dataclass(frozen=True)
class Event:
    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    expression: str
    char_start: int
    char_end: int
    sentence: str
    relative: bool
    field: str = "body"


@dataclass
class Extraction:
    """Everything the pure extractors found in one article."""

    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # names the registry does not know, found in this article: key -> canonical name as written
    unreviewed: dict[str, str] = field(default_factory=dict)
    # what is known of them besides the name (gazetteer places: coordinates, country...), by key
    found: dict[str, "FoundEntity"] = field(default_factory=dict)
    # numbers of the judgements (db/judgements.yml) that changed this reading
    judged: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class FoundEntity:
    """A person, organization or place the registry lacks, as the extractors found it."""

    name: str
    origin: str  # gazetteer (a GeoNames place) | text (a name found by its shape or context)
    evidence: str  # what made it one: gazetteer, title, attribution, byline, landmark, organization, acronym...
    kind: str | None = None  # places: country | region | city | landmark...
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class EntityType:
    """A kind of entity and where the archive keeps it: the one definition of the type names,
    tables and id columns that the registry, the loader, the pages and the exports share."""

    name: str  # person | organization | place: Mention.entity_type, article_entities.entity_type
    table: str  # people | organizations | places: the table, the registry section, the URL path
    column: str  # person_id | organization_id | place_id: the id column of mentions, aliases, quotes

    @property
    def position(self) -> int:
        """Index of this type's id among (person_id, organization_id, place_id)."""
        return ENTITY_TYPES.index(self)


ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType("person", "people", "person_id"),
    EntityType("organization", "organizations", "organization_id"),
    EntityType("place", "places", "place_id"),
)
BY_NAME: dict[str, EntityType] = {t.name: t for t in ENTITY_TYPES}
BY_TABLE: dict[str, EntityType] = {t.table: t for t in ENTITY_TYPES}
