"""Article body -> mentions of registry people, organizations and places. Pure.

Matching works on tokens, so case and hyphen/space variants of a name are one name, and the
longest name wins ("Kim Il Sung Square" is a place before "Kim Il Sung" can be a person).
A bare surname ("Kim", "Choe", "Putin") resolves to the nearest compatible person named
earlier in the same article, or is left unresolved rather than guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from . import morph
from .lexicon import LEXICON
from .models import Mention
from .registry import TOKEN, Entity, Registry, name_key
from .translit import north_korean_spelling

GAP_CHARS = re.compile(r"^[ \t\n\-‐‑–'’.,]+$")
CYRILLIC = re.compile("[\u0400-\u04ff]")
# Words that may stand right before a bare surname without making it part of a longer name:
# titles, their modifiers, forms of address and abbreviated titles ("leader Kim", "Gen. Kim")
TITLE_WORDS = LEXICON.title_heads | LEXICON.title_modifiers | set(LEXICON.honorifics) | LEXICON.title_abbreviations
# "Russian Embassy in Seoul": a place named inside an organization's name after these
PLACE_PREPOSITIONS = LEXICON.place_prepositions
# A form of address that tells the gender: "Ms Choe" is not a man named Choe
PREFIX_GENDER = {word: gender for word, gender in LEXICON.honorifics.items() if gender != "any"}


@dataclass(frozen=True)
class _Alias:
    entity: Entity
    tokens: tuple[str, ...]
    gaps: tuple[frozenset, ...]
    acronym: bool
    upper_initial: bool


class Token(NamedTuple):
    start: int
    end: int
    text: str
    folded: str  # the matching key, computed once


_new_tuple = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__: half the cost
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})", TOKEN.flags)


class Tokens(Sequence):
    """A text's tokens as parallel lists, computed by C-level calls; a Token object is built
    only for the few positions that are looked at one by one."""

    __slots__ = ("starts", "ends", "texts", "folded")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str], folded: list[str]):
        self.starts, self.ends, self.texts, self.folded = starts, ends, texts, folded

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Tokens(self.starts[index], self.ends[index], self.texts[index], self.folded[index])
        return _new_tuple(Token, (self.starts[index], self.ends[index], self.texts[index], self.folded[index]))


def tokenize(text: str) -> Tokens:
    pieces = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, ..., gap
    texts = pieces[1::2]
    offsets = list(itertools.accumulate(map(len, pieces)))  # the end of each piece
    folded = list(map(str.casefold, texts))
    if "." in "".join(texts):  # acronyms written with dots: "U.S." matches "US"
        folded = [word.replace(".", "") for word in folded]
    return Tokens(offsets[0:-1:2], offsets[1::2], texts, folded)


def _gap_class(gap: str) -> frozenset | None:
    """Hyphens and spaces are interchangeable; commas, dots and apostrophes must agree."""
    if not gap or "\n\n" in gap or not GAP_CHARS.match(gap):
        return None
    flags = set()
    if "," in gap:
        flags.add(",")
    if "." in gap:
        flags.add(".")
    if "'" in gap or "’" in gap:
        flags.add("'")
    return frozenset(flags)


class NameMatcher:
    """Finds registry names in text, longest match first."""

    def __init__(self, registry: Registry):
        self.registry = registry
        # first token -> [(token count, {all tokens: aliases})], longest first: a text position
        # is checked only against the names whose every token is there
        self._by_first: dict[str, list[tuple[int, dict[tuple[str, ...], list[_Alias]]]]] = {}
        by_length: dict[str, dict[int, dict[tuple[str, ...], list[_Alias]]]] = {}
        for entity in registry.entities.values():
            for name in (*entity.names, *_north_korean_spellings(entity, registry)):
                alias = _make_alias(entity, name)
                if alias:
                    by_length.setdefault(alias.tokens[0], {}).setdefault(len(alias.tokens), {}) \
                        .setdefault(alias.tokens, []).append(alias)
        for first, lengths in by_length.items():
            self._by_first[first] = sorted(lengths.items(), reverse=True)
        # first words of the names of regions and cities within a country: an organization whose
        # name opens with one names that place too ('Primorsky Krai government')
        self.region_firsts = frozenset(name_key(name)[0] for e in registry.entities.values()
                                       if e.type == "place" and e.kind in REGION_KINDS and e.country
                                       for name in e.names if name_key(name))
        # (country, generic name key) -> organization: "Russia's Foreign Ministry"
        self.generic: dict[tuple[str, tuple[str, ...]], Entity] = {}
        for entity in registry.of_type("organization"):
            for name in entity.generic:
                self.generic[(entity.country or "", name_key(name))] = entity
        self.generic_lengths = sorted({len(k[1]) for k in self.generic}, reverse=True)
        self.generic_firsts = frozenset(k[1][0] for k in self.generic if k[1])
        self.generic_names = frozenset(k[1] for k in self.generic)
        self.hangul_generic = frozenset(k[1][0] for k in self.generic if len(k[1]) == 1 and morph.is_hangul(k[1][0]))
        # place -> its names' last words that are a genitive in -s of another of its names
        # ("Russlands" beside "Russland"): a possessive before a generic name, as "Russia's" is
        self.genitives: dict[str, frozenset[str]] = {}
        for entity in registry.of_type("place"):
            last = {name_key(name)[-1] for name in entity.names if name_key(name)}
            genitive = frozenset(word for word in last if word.endswith("s") and word[:-1] in last)
            if genitive:
                self.genitives[entity.key] = genitive
        self.surnames: dict[str, list[Entity]] = {}
        for entity in registry.of_type("person"):
            if entity.surname and entity.surname_alone != "never":
                self.surnames.setdefault(entity.surname, []).append(entity)
        self._russian_added = False

    def _add_russian_forms(self) -> None:
        """The case forms of the registry's Cyrillic names (Путина, Ким Чен Ына, Курской области)
        as aliases of their entries: built the first time a text in Cyrillic is read, so an
        archive in other scripts never loads the Russian dictionary."""
        self._russian_added = True
        added: dict[str, dict[int, dict[tuple[str, ...], list[_Alias]]]] = {}
        for form, key in morph.registry_russian_form_names(self.registry).items():
            alias = _make_alias(self.registry.entities[key], form)
            if alias:
                added.setdefault(alias.tokens[0], {}).setdefault(len(alias.tokens), {}) \
                    .setdefault(alias.tokens, []).append(alias)
        for first, lengths in added.items():
            merged = {n: dict(by_tokens) for n, by_tokens in self._by_first.get(first, [])}
            for n, by_tokens in lengths.items():
                group = merged.setdefault(n, {})
                for tokens, aliases in by_tokens.items():
                    group.setdefault(tokens, aliases)  # a registry name as written comes first
            self._by_first[first] = sorted(merged.items(), reverse=True)

    def matches(self, text: str, tokens: Tokens | None = None) -> list[tuple[int, int, _Alias, int, int]]:
        """(first token index, token count, alias, start, end offset) for each registry name in the
        text. The span is its tokens', or less where a Korean particle or title is glued on
        (김정은동지께서: the name is 김정은) or where one token names two or three countries (북러:
        North Korea at 0-1, Russia at 1-2)."""
        tokens = tokens if tokens is not None else tokenize(text)
        if not self._russian_added and CYRILLIC.search(text):
            self._add_russian_forms()
        folded, starts, ends = tokens.folded, tokens.starts, tokens.ends
        by_first = self._by_first
        found = []
        i, count = 0, len(tokens)
        while i < count:
            first = folded[i]
            aliases = by_first.get(first)
            hit = self._match_at(text, tokens, folded, i, aliases) if aliases else None
            if hit:
                n, alias, end = hit
                found.append((i, n, alias, starts[i], end))
                i += n
            elif aliases and (alias := _with_middle_initial(text, tokens, i, aliases)):
                found.append((i, 3, alias, starts[i], ends[i + 2]))
                i += 3
            elif first >= "\u4e00" and ("\uac00" <= first < "\ud7a4" or first < "\ua000") \
                    and (glued := self._glued_at(tokens, i)):  # Hangul or Chinese characters
                found.extend((i, 1, alias, start, end) for alias, start, end in glued)
                i += 1
            else:
                i += 1
        return found

    def _glued_at(self, tokens: Tokens, i: int) -> list[tuple[_Alias, int, int]]:
        """A one-token registry name that a Hangul token begins, a particle or title glued on; or
        the countries of a compound of their one-syllable abbreviations (북러, 한미일의, 北中)."""
        token, start = tokens.folded[i], tokens.starts[i]
        for length in morph.korean_name_stems(token):
            for n, by_tokens in self._by_first.get(token[:length], ()):
                if n == 1:
                    aliases = by_tokens.get((token[:length],))
                    if aliases:
                        return [(aliases[0], start, start + length)]
        found = []
        for a, b, place in morph.korean_compound_parts(token):
            alias = self._country_alias(place)
            if alias is None:
                return []
            found.append((alias, start + a, start + b))
        return found

    def _country_alias(self, name: str) -> _Alias | None:
        """The registry place of that name, as an alias (for the parts of a Korean compound)."""
        cache = self.__dict__.setdefault("_countries", {})
        if name not in cache:
            entity = self.registry.by_name_key.get(name_key(name))
            cache[name] = _make_alias(entity, entity.name) if entity is not None and entity.type == "place" else None
        return cache[name]

    @staticmethod
    def _match_at(text: str, tokens: Tokens, folded: list[str], i: int,
                  groups: list[tuple[int, dict[tuple[str, ...], list[_Alias]]]]) -> tuple[int, _Alias, int] | None:
        """(token count, alias, end offset) of the longest registry name at token i."""
        starts, ends = tokens.starts, tokens.ends
        for n, by_tokens in groups:  # longest first
            key = tuple(folded[i:i + n])
            aliases = by_tokens.get(key)
            if aliases:
                end = ends[i + n - 1]
            elif n > 1 and "\uac00" <= key[-1] < "\ud7a4":
                # the last word of a Korean-script name with a particle glued on: 쎄르게이 쇼이구를
                last = key[-1]
                for length in morph.korean_name_stems(last):
                    aliases = by_tokens.get((*key[:-1], last[:length]))
                    if aliases:
                        end = starts[i + n - 1] + length
                        break
                if not aliases:
                    continue
            else:
                continue
            for alias in aliases:
                if any(_gap_class(text[ends[i + k]:starts[i + k + 1]]) != alias.gaps[k] for k in range(n - 1)):
                    continue
                surface = text[starts[i]:end]
                if alias.acronym and any(ch.islower() for ch in surface):
                    continue
                if alias.upper_initial and not surface[0].isupper():
                    continue
                return n, alias, end
        return None


def _north_korean_spellings(entity: Entity, registry: Registry) -> list[str]:
    """The North Korean spellings of a Russian entry's Hangul names (뿌찐 beside 푸틴, 미슈스찐
    beside 미슈스틴), where no entry has that name already."""
    if entity.country != "Russia" and entity.name != "Russia":
        return []
    spellings = []
    for name in entity.names:
        if morph.script_of(name) == "hangul" and (spelled := north_korean_spelling(name)) != name \
                and name_key(spelled) not in registry.by_name_key:
            spellings.append(spelled)
    return spellings


def _with_middle_initial(text: str, tokens: Tokens, i: int, groups) -> _Alias | None:
    """'Vladimir V. Putin', 'Sergei K Shoigu': a person's two-word name with a middle initial."""
    folded, texts, starts, ends = tokens.folded, tokens.texts, tokens.starts, tokens.ends
    if i + 2 >= len(folded) or len(texts[i + 1]) != 1 or not texts[i + 1].isupper() \
            or not texts[i][:1].isupper() or not texts[i + 2][:1].isupper():
        return None
    if text[ends[i]:starts[i + 1]] != " " or text[ends[i + 1]:starts[i + 2]] not in (" ", ". "):
        return None
    for n, by_tokens in groups:
        if n == 2:
            return next((alias for alias in by_tokens.get((folded[i], folded[i + 2]), ())
                         if alias.entity.type == "person" and alias.gaps == (frozenset(),)), None)
    return None


def _make_alias(entity: Entity, name: str) -> _Alias | None:
    tokens = tokenize(name)
    if not tokens:
        return None
    gaps = tuple(_gap_class(name[a.end:b.start]) for a, b in zip(tokens, tokens[1:]))
    if any(g is None for g in gaps):
        return None
    letters = [ch for ch in name if ch.isalpha()]
    return _Alias(
        entity=entity,
        tokens=tuple(t.folded for t in tokens),
        gaps=gaps,  # type: ignore[arg-type]
        acronym=bool(letters) and not any(ch.islower() for ch in letters),
        upper_initial=name[0].isupper(),
    )


def find_mentions(body: str, matcher: NameMatcher, tokens: Tokens | None = None,
                  home_country: str | None = None) -> list[Mention]:
    """Registry names in the body, in text order (bare surnames are resolved afterwards, against
    every person the text names: see ingest.surnames). `home_country` is the outlet's country:
    the one a Korean text means by a ministry it names without a country (외교부)."""
    tokens = tokens if tokens is not None else tokenize(body)
    mentions: list[Mention] = []
    covered: set[int] = set()
    matches = _with_possessive_organizations(body, tokens, matcher.matches(body, tokens), matcher, home_country)
    matches = [m for m in matches if not _head_of_another_organization(body, m, matches)]
    for index, count, entity, how, start, end in matches:
        mentions.append(Mention(entity.type, entity.key, start, end, body[start:end], how))
        covered.update(range(index, index + count))
    mentions.extend(_nested_places(body, tokens, matches, matcher))
    mentions.sort(key=lambda m: (m.char_start, -m.char_end))
    return mentions


# "of (the) <Capitalized words>" after an organization's name, and an organization's head among
# those words: 'the Central Committee of the Communist Party of Viet Nam'
_OF_ANOTHER = re.compile(r" of (?:the )?(?P<run>(?:[A-Z][\w'’-]*\s?){1,6})")
_ORG_HEADS = frozenset(w for w in LEXICON.organization_heads if w.isascii())


def _head_of_another_organization(body: str, match, matches) -> bool:
    """Whether a registry organization's short name is only the head of a longer one that names
    another country's body: WPK's 'Central Committee' in 'the Central Committee of the Communist
    Party of Viet Nam' (or of a party the registry lacks). The registry's longer names have been
    tried first; 'Ministry of Foreign Affairs of the DPRK' (a country after 'of') and 'the
    Political Bureau of the Central Committee' (its own country's body) keep their link."""
    _, count, entity, how, _, end = match
    if entity.type != "organization" or how != "alias" or count > 3:
        return False
    after = _OF_ANOTHER.match(body, end)
    if not after or not any(word.lower() in _ORG_HEADS for word in after["run"].split()):
        return False
    named = [m[2] for m in matches if after.start("run") <= m[4] < after.end("run") and m[2].type == "organization"]
    return not any(other.country == entity.country for other in named)


REGION_KINDS = ("city", "region")


def _nested_places(body, tokens, matches, matcher) -> list[Mention]:
    """Places named inside an organization's name after in/of/to ("Russian Embassy in Seoul"),
    or a region or city it opens with ("Primorsky Krai government"; a country that opens one,
    "Korea Institute for National Unification", is no place mention)."""
    nested = []
    for index, count, entity, _, _, _ in matches:
        if entity.type != "organization" or count < 2:
            continue
        if tokens.folded[index] in matcher.region_firsts:
            for k, n, alias, start, end in matcher.matches(body, tokens[index:index + count - 1]):
                if k == 0 and alias.entity.type == "place" and alias.entity.kind in REGION_KINDS \
                        and alias.entity.country:  # a region within a country: not "Korea" (the peninsula)
                    nested.append(Mention("place", alias.entity.key, start, end, body[start:end], "nested"))
                break
        if count < 3:
            continue
        inner = tokens[index + 1:index + count]
        for k, n, alias, start, end in matcher.matches(body, inner):
            if alias.entity.type == "place" and k > 0 and inner[k - 1].folded in PLACE_PREPOSITIONS:
                nested.append(Mention("place", alias.entity.key, start, end, body[start:end], "nested"))
    return nested


def _with_possessive_organizations(body, tokens, matches, matcher, home_country=None) -> list[tuple[int, int, Entity, str]]:
    """Registry matches, plus "<country>'s <generic name>" read as that country's organization
    ("Russia's Foreign Ministry", "Seoul's Foreign Ministry"), replacing any other reading of the
    generic words ("Security Council" alone is the UN's)."""
    result = [(i, n, alias.entity, "alias", start, end) for i, n, alias, start, end in matches]
    taken: dict[int, int] = {}
    for position, (i, n, entity, _, _, end) in enumerate(result):
        if end != tokens[i + n - 1].end:
            continue  # a Korean name with a particle on it: no possessive follows
        after = i + n
        if entity.type != "place" or after >= len(tokens):
            continue
        if after + 1 < len(tokens) and tokens[after].folded == "s" \
                and body[tokens[after - 1].end:tokens[after].start] in ("'", "’"):
            first = after + 1  # "Russia's Foreign Ministry"
        elif matches[position][2].tokens[-1] in matcher.genitives.get(entity.key, ()) \
                and body[tokens[after - 1].end:tokens[after].start] == " ":
            first = after  # German writes the genitive with no apostrophe: "Russlands Außenministerium"
        else:
            continue
        country = matcher.registry.country_of(entity) or ""
        for length in matcher.generic_lengths:
            words = tokens[first:first + length]
            if len(words) < length or any(_gap_class(body[a.end:b.start]) != frozenset() for a, b in zip(words, words[1:])):
                continue
            org = matcher.generic.get((country, tuple(t.folded for t in words)))
            if org:
                taken[first] = length
                result.append((first, length, org, "possessive", words[0].start, words[length - 1].end))
                break
    for i, length, org in _titles_of_people(body, tokens, result, matcher, taken):
        taken[i] = length
        result.append((i, length, org, "possessive", tokens.starts[i], tokens.ends[i + length - 1]))
    if matcher.hangul_generic and _HANGUL.search(body):
        result += _korean_generic_organizations(body, tokens, result, matcher, home_country)
    if taken:
        spans = [(i, i + n) for i, n in taken.items()]
        result = [r for r in result if r[3] == "possessive" or not any(r[0] < b and a < r[0] + r[1] for a, b in spans)]
    return sorted(result, key=lambda r: r[0])


_HANGUL = re.compile("[\uac00-\ud7a3]")


def _korean_generic_organizations(body, tokens, result, matcher, home_country) -> list[tuple[int, int, Entity, str, int, int]]:
    """Korean-language media write another country's ministry with that country before it (러시아
    국방부, 美 국방부) or after the official who speaks for it (쇼이구 국가안보회의 서기), and their own
    country's without (외교부는 ... 밝혔다): a one-word Hangul generic name is the organization of
    the country or registry person right before it, else of the outlet's country. Once the text has
    named another country's organization by those words, a bare one may be either: left unlinked."""
    ends_at = {r[0] + r[1]: r for r in result if r[5] == tokens.ends[r[0] + r[1] - 1]}  # next token -> name
    covered = {k for r in result for k in range(r[0], r[0] + r[1])}
    foreign_from: dict[str, int] = {}  # generic word -> first token where another country's named it
    for r in result:
        if r[2].type == "organization" and r[2].country != home_country:
            last = tokens.starts[r[0] + r[1] - 1]
            foreign_from.setdefault(body[last:r[5]], r[0])
    found = []
    for i, token in enumerate(tokens.folded):
        if i in covered or not morph.is_hangul(token) or not (
                word := next((token[:n] for n in (len(token), *morph.korean_name_stems(token))
                              if token[:n] in matcher.hangul_generic), None)):
            continue
        before = ends_at.get(i) if i and body[tokens.ends[i - 1]:tokens.starts[i]] == " " else None
        if before is not None:
            entity = before[2]
            country = entity.country if entity.type == "person" else \
                matcher.registry.country_of(entity) if entity.type == "place" else None
            if country and country != home_country:
                foreign_from.setdefault(word, i)
            org = matcher.generic.get((country, (word,))) if country else None
        else:
            org = matcher.generic.get((home_country, (word,))) \
                if home_country and foreign_from.get(word, len(tokens)) > i else None
        if org:
            found.append((i, 1, org, "possessive", tokens.starts[i], tokens.starts[i] + len(word)))
    return found


TITLE_REACH = 4  # tokens from a generic name to the person whose title it opens
HOLDER_REACH = 25  # tokens back from "secretary of the <generic name>" to the person it is said of


def _title_holder_before(body, tokens, i, people) -> Entity | None:
    """'Sergei Shoigu, who visited Pyongyang as secretary of the Security Council': after a title
    head and 'of (the)', the generic name is the organization of the sentence's person before."""
    folded = tokens.folded
    k = i - 1
    if k >= 0 and folded[k] in LEXICON.definite_articles:
        k -= 1
    if k < 1 or folded[k] != "of" or folded[k - 1] not in LEXICON.title_heads:
        return None
    for j in range(k - 2, max(-1, k - 2 - HOLDER_REACH), -1):
        if any(ch in ".!?" for ch in body[tokens.ends[j]:tokens.starts[j + 1]]):
            return None  # the sentence begins after j
        if j in people:
            return people[j]
    return None


def _titles_of_people(body, tokens, result, matcher, taken) -> list[tuple[int, int, Entity]]:
    """'Security Council Secretary Sergei Shoigu', 'Foreign Ministry spokeswoman Maria
    Zakharova': a generic name opening the title of a registry person is the organization of
    that person's country, as after a country's possessive (not the UN's Security Council)."""
    people = {r[0]: r[2] for r in result if r[2].type == "person" and r[2].country}
    if not people:
        return []
    folded, found = tokens.folded, []
    starts = itertools.compress(itertools.count(), map(matcher.generic_firsts.__contains__, folded))
    for i in starts:
        if i in taken:
            continue
        holder: list = []  # the title holder before, looked for at most once
        for length in matcher.generic_lengths:
            words = tuple(folded[i:i + length])
            if words not in matcher.generic_names:
                continue
            if any(r[0] <= i < r[0] + r[1] and (r[0] < i or r[1] > length) for r in result):
                continue  # inside a longer name ('Russian Security Council Secretary ...'): that name stands
            if any(_gap_class(body[tokens.ends[k]:tokens.starts[k + 1]]) != frozenset() for k in range(i, i + length - 1)):
                continue
            person = next((people[k] for k in range(i + length, i + length + TITLE_REACH + 1) if k in people), None)
            if person is None:
                if not holder:
                    holder.append(_title_holder_before(body, tokens, i, people))
                person = holder[0]
            org = person and matcher.generic.get((person.country, words))
            if org:
                found.append((i, length, org))
                break
    return found
