"""The curated entity registry (db/registry.yml): loading, validation and name keys."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .models import ENTITY_TYPES
from .resources import REGISTRY_PATH

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, 10x faster, when built with it


# A name is a sequence of tokens: dotted acronyms (U.S., D.P.R.K.) or runs of letters/digits.
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")


class RegistryError(ValueError):
    """The registry file is malformed; the message names the entry and what is wrong."""


@dataclass(frozen=True)
class Entity:
    type: str  # person | organization | place
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    kind: str | None = None
    country: str | None = None
    surname: str | None = None
    surname_alone: str = "antecedent"  # always | antecedent | never
    gender: str | None = None
    titles: tuple[str, ...] = ()
    outlet: str | None = None
    domains: tuple[str, ...] = ()  # an outlet's web addresses: a page's URL names the outlet
    outlet_names: tuple[str, ...] = ()  # names a page gives its publisher that are no names of it in text
    timezone: str | None = None  # an outlet's home time zone (IANA), for the local date of a UTC timestamp
    generic: tuple[str, ...] = ()  # names that stand for it after its country's possessive
    wikidata_id: str | None = None  # Q7747: the key to the same entity in other languages and datasets
    geonameid: int | None = None  # a place's GeoNames id, when the name alone does not pick it
    coordinates: tuple[float, float] | None = None  # a place's (latitude, longitude), given by hand
    judgement: int | None = None  # the judgement that accepted it (db/judgements.yml), None for a registry entry

    @property
    def key(self) -> str:
        return f"{self.type}:{self.slug}"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)  # key -> Entity
    outlets: dict[str, str] = field(default_factory=dict)  # lower-cased name -> outlet name
    # numbers of judgements (db/judgements.yml) the registry itself now makes (see with_judgements)
    superseded: frozenset[int] = frozenset()

    def of_type(self, entity_type: str) -> list[Entity]:
        return self._by_type.get(entity_type, [])

    # Lookups derived once from the entries (a registry is complete once loaded); the
    # extractors ask them for every article.
    @functools.cached_property
    def _by_type(self) -> dict[str, list[Entity]]:
        by_type: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            by_type.setdefault(entity.type, []).append(entity)
        return by_type

    @functools.cached_property
    def single_word_place_names(self) -> frozenset[str]:
        """Lower-cased one-word place names and aliases (Pyongyang, Kursk)."""
        return frozenset(name.lower() for entity in self.of_type("place") for name in entity.names if " " not in name)

    @functools.cached_property
    def _people_by_surname(self) -> dict[str, list[Entity]]:
        people: dict[str, list[Entity]] = {}
        for entity in self.of_type("person"):
            # a person accepted by a judgement resolves a bare surname only after their full name,
            # as an unreviewed name does: they do not make a registry surname ambiguous on its own
            if entity.surname and entity.judgement is None:
                people.setdefault(fold(entity.surname), []).append(entity)
        return people

    @functools.cached_property
    def by_name_key(self) -> dict[tuple[str, ...], Entity]:
        """name_key(name) -> the entity of that name or alias (names are unique across entries)."""
        return {name_key(name): entity for entity in self.entities.values() for name in entity.names}

    @functools.cached_property
    def outlet_entries(self) -> dict[str, Entity]:
        """An outlet's short name (articles.source) -> its entry: its country, its time zone."""
        return {e.outlet: e for e in self.entities.values() if e.outlet}

    def country_of(self, place: Entity) -> str | None:
        """The country a place stands for: itself if a country, else the country it is in."""
        return place.name if place.kind == "country" else place.country

    def people_with_surname(self, surname: str) -> list[Entity]:
        return self._people_by_surname.get(fold(surname), [])


def slugify(text: str) -> str:
    """'Choe Son Hui' -> 'choe-son-hui'; accents folded, anything else becomes a hyphen. A name
    in Cyrillic or Hangul is romanized first ('Сергей Кобылаш' -> 'sergey-kobylash', '이재웅' ->
    'ijaeung'), so such names keep distinct, readable, ASCII slugs."""
    from .translit import romanize

    decomposed = unicodedata.normalize("NFKD", romanize(unicodedata.normalize("NFC", text)))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def fold(token: str) -> str:
    """The matching key of one token: case-folded, dots of acronyms removed."""
    return token.replace(".", "").casefold()


def name_key(name: str) -> tuple[str, ...]:
    """Tokens of a name, case-folded: 'Kim Jong-un' and 'KIM JONG UN' give the same key."""
    return tuple(fold(t) for t in TOKEN.findall(name))


def load_registry(path: Path | str = REGISTRY_PATH) -> Registry:
    """Read and validate the registry file."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot read registry: {exc}") from exc
    registry = Registry()
    seen_keys: dict[tuple[str, ...], str] = {}
    for section, entity_type in ((t.table, t.name) for t in ENTITY_TYPES):
        for number, item in enumerate(data.get(section) or [], start=1):
            entity = _entity(entity_type, item, f"{path}: {section} entry {number}")
            if entity.key in registry.entities:
                raise RegistryError(f"{path}: two {section} entries are both named {entity.name!r}")
            registry.entities[entity.key] = entity
            for name in entity.names:
                key = name_key(name)
                other = seen_keys.setdefault(key, entity.key)
                if other != entity.key:
                    raise RegistryError(f"{path}: name {name!r} is given to both {other} and {entity.key}")
            if entity.outlet:
                for name in (*entity.names, entity.outlet, *entity.domains, *entity.outlet_names):
                    registry.outlets[name.lower()] = entity.outlet
    return registry


KEYS = frozenset({"name", "aliases", "description", "kind", "country", "surname", "surname_alone", "gender", "titles",
                  "outlet", "domains", "outlet_names", "timezone", "generic", "wikidata_id", "geonameid", "coordinates"})


def _entity(entity_type: str, item: object, where: str) -> Entity:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
        raise RegistryError(f"{where}: every entry needs a `name`")
    unknown = sorted(str(k) for k in item if k not in KEYS)
    if unknown:  # often a comma in an unquoted value of a {name: ..., description: ...} line
        raise RegistryError(f"{where} ({item['name']}): unknown key {unknown[0]!r} (quote a value that holds a comma)")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RegistryError(f"{where} ({item['name']}): `aliases` must be a list of names")
    name = item["name"].strip()
    unique_aliases = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name))
    return Entity(
        type=entity_type,
        slug=slugify(name),
        name=name,
        aliases=unique_aliases,
        description=item.get("description"),
        kind=item.get("kind"),
        country=item.get("country"),
        surname=str(item["surname"]) if item.get("surname") is not None else None,
        surname_alone=_surname_policy(item.get("surname_alone", "antecedent"), where),
        gender=item.get("gender"),
        titles=tuple(t.lower() for t in item.get("titles") or []),
        outlet=item.get("outlet"),
        domains=tuple(d.lower().removeprefix("www.") for d in item.get("domains") or ()),
        outlet_names=tuple(item.get("outlet_names") or ()),
        timezone=item.get("timezone"),
        generic=tuple(item.get("generic") or ()),
        wikidata_id=_wikidata_id(item.get("wikidata_id"), where),
        geonameid=_geonameid(item.get("geonameid"), where),
        coordinates=_coordinates(item.get("coordinates"), where),
    )


def _wikidata_id(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"Q[1-9][0-9]*", value):
        raise RegistryError(f"{where}: `wikidata_id` must look like Q7747, not {value!r}")
    return value


def _geonameid(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise RegistryError(f"{where}: `geonameid` must be a positive number, not {value!r}")
    return value


def _coordinates(value: object, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                               for v in value)) \
            or not (-90 <= value[0] <= 90 and -180 <= value[1] <= 180):
        raise RegistryError(f"{where}: `coordinates` must be [latitude, longitude] in degrees, not {value!r}")
    return (float(value[0]), float(value[1]))


def with_judgements(registry: Registry, judgements) -> Registry:
    """The registry as the judgements file amends it: accepted names become entries, merged names
    aliases of their entity (see ingest.judgements.overlay). `registry` itself is not changed."""
    from .judgements import overlay

    return overlay(registry, judgements)


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    return load_registry(REGISTRY_PATH)


def _surname_policy(value: object, where: str) -> str:
    if value not in ("always", "antecedent", "never"):
        raise RegistryError(f"{where}: `surname_alone` must be always, antecedent or never, not {value!r}")
    return str(value)
