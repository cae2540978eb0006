"""Bare surnames -> the person they stand for, by evidence. Pure.

A story names a person in full once ("Vice Foreign Minister Kim Son Gyong"), then by surname
("Kim said"). When one person named so far has that surname, the surname is that person. When
two or more do (two Kims, two Choes, two Kozlovs), the evidence decides, in this order:

1. a title or form of address before the surname that fits one of them only ("leader Kim",
   "Vice Minister Kim", "Ms. Kim"), from the registry's titles or the titles the story itself
   gave them ("North Korean Vice Foreign Minister Kim Son Gyong");
2. the most recent sentence subject among them: news copy keeps the person a passage is about
   as its subject ("Kim Son Gyong arrived ... days after leaders Kim Jong Un and Putin signed
   ... 'We will ...,' Kim said" is Kim Son Gyong).

When the evidence does not decide, the surname is left unresolved and reported as ambiguous, so
a quote it attributes keeps its speaker as written with no person: an unresolved speaker is
better than a wrong one. Registry people whose surname stands alone (`surname_alone: always`:
Putin, Lavrov) are resolved without an antecedent when no one else in the story has the name.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from . import morph
from .entities import TITLE_WORDS, PREFIX_GENDER, Tokens
from .lexicon import LEXICON
from .models import Mention, Role
from .registry import Registry, fold
from .text import opens_sentence, quoted_spans, sentence_spans

SURNAME_FIRST = LEXICON.korean_surnames | LEXICON.chinese_surnames  # names written surname first
OPENERS = LEXICON.sentence_openers | LEXICON.clause_openers
SUBJECT_WORDS = (TITLE_WORDS | LEXICON.definite_articles | LEXICON.indefinite_articles
                 | {word for demonym in LEXICON.demonyms for word in demonym.split()})
# '"...," said Yelena Kim', '," says Dr Hannah Whitcombe': a speaker named after the quote
INVERTED_SPEAKER = re.compile(rf"[,”\"’»]\s*(?:[—–-]\s*)?(?:{LEXICON.patterns.speech_verbs})\s+(?:[\w.'’-]+\s+){{0,5}}$"
)
# '"...," Kim said', '"...," JCS spokesperson Col. Lee Sung-jun said': a name after a quote's close
AFTER_QUOTE_CLOSE = re.compile(r"[,!?…][\"”’»]\s*(?P<words>(?:\S+\s+){0,6})$")
# what may open a sentence before its subject: quotation marks, brackets, bullets, emoji
LEADING_MARKS = re.compile(r"^[\W_]+")
# 'Lavrov, the region's transport chief, told ...': a surname introduced with an appositive is
# someone the story presents, not the famous bearer the registry lets a surname stand for
APPOSITIVE_AFTER = re.compile(rf",\s+(?i:{'|'.join(sorted(LEXICON.definite_articles | LEXICON.indefinite_articles))})\s")
TITLE_WINDOW = 5  # tokens before a surname read for a title
# words that open a subordinate clause (not plain prepositions: 'in Moscow', 'by Lee')
_SUBORDINATOR = LEXICON.patterns.subordinator
_RUSSIAN_VERBS = frozenset(w for w in LEXICON.speech_verbs | LEXICON.attribution_verbs if "\u0400" <= w[:1] <= "\u04ff")


@dataclass(frozen=True)
class Resolution:
    mentions: list[Mention]  # the surnames resolved to a person
    ambiguous: list[tuple[int, int]]  # surnames two or more people of the story could be


@dataclass
class _Person:
    key: str
    surname: str  # folded
    gender: str | None
    titles: set[str]


def surname_of(mention: Mention, registry: Registry) -> str | None:
    """The folded surname a person goes by: the registry's, or for a name found in the text its
    first word when that is a surname written first (Korean, Chinese), else its last word."""
    entity = registry.entities.get(mention.entity_key)
    if entity is not None:
        if not entity.surname or entity.surname_alone == "never":
            return None
        return fold(entity.surname)
    words = mention.surface.split()
    if len(words) < 2:
        return None
    first, last = fold(words[0]), fold(words[-1].removesuffix("'s").removesuffix("’s"))
    surname = first if first in SURNAME_FIRST else last
    return surname if len(surname) >= 2 else None


def native_surname_keys(mention: Mention, registry: Registry) -> frozenset[str]:
    """The folded forms a Cyrillic or Hangul bare second reference to this person takes: every
    case of a Russian surname (Лавров, Лаврову; Зверева for a Дмитрий Зверев the text found), the
    Korean family name (김 of 김홍균, 최 of 최선희), the last word of a foreign name written in
    Hangul (밀러 of 매슈 밀러). Empty for a name in Latin script."""
    entity = registry.entities.get(mention.entity_key)
    if entity is not None:
        if entity.surname_alone == "never" or not entity.surname:
            return frozenset()
        return _registry_native_surnames(registry, entity)
    return _found_native_surnames(mention.surface)


_NATIVE_CACHE: dict[int, tuple[Registry, dict[str, frozenset[str]]]] = {}
_NATIVE_SCRIPT = re.compile("[\u0400-\u04ff\uac00-\ud7a3]")


def _registry_native_surnames(registry: Registry, entity) -> frozenset[str]:
    cached = _NATIVE_CACHE.get(id(registry))
    if cached is None or cached[0] is not registry:
        cached = _NATIVE_CACHE[id(registry)] = (registry, {})
    forms = cached[1].get(entity.key)
    if forms is None:
        forms = cached[1][entity.key] = frozenset(fold(form) for form in morph.native_surnames(entity))
    return forms


@functools.lru_cache(maxsize=4096)
def _found_native_surnames(surface: str) -> frozenset[str]:
    words = surface.split()
    script = morph.script_of(surface)
    if script == "cyrillic" and len(words) in (2, 3):
        parsed = morph.russian_name_parse(words)
        if parsed is None:
            return frozenset()
        given, surname = parsed
        gender = "female" if given[-1:] in "ая" else "male"
        return frozenset(fold(f) for f in morph.russian_forms(surname, "person", gender) if len(f) >= 3)
    if script == "hangul" and all(morph.script_of(w) == "hangul" for w in words):
        if len(words) >= 2:
            return frozenset({words[-1]}) if len(words[-1]) >= 2 else frozenset()
        if len(surface) == 3 and surface[0] in morph.KOREAN_SURNAMES:
            return frozenset({surface[0]})
    return frozenset()


def _fitting_korean_title(title_token: str, candidates: list[str], titles: dict[str, set[str]]) -> list[str]:
    """The candidates a Korean surname's title fits ('김 의원은': those the text wrote with the
    title 의원, or a longer one ending in it: 국무위원장 for 위원장). A candidate the text gave no
    Korean title stays one (the registry knows its people's titles in English)."""
    title = morph.korean_title(title_token) or title_token
    return [k for k in candidates if k not in titles or any(t.endswith(title) or title.endswith(t) for t in titles[k])]


def _korean_title_after(text: str, end: int) -> set[str]:
    """The words Korean copy writes after a name up to the one its particle ends (최선희 외무상은,
    김홍균 외교부 제1차관은: {외교부, 제1차관}), particles taken off; empty when no particle or
    title ends the phrase within three words."""
    words = text[end:end + 60].split()[:3] if not text[end:end + 1].strip() else []
    phrase = set()
    for word in words:
        word = word.strip(",.")
        title = morph.korean_title(word)
        splits = morph.korean_particle_splits(word)
        phrase.add(title if title and word.startswith(title) and len(word) - len(title) <= 2
                   else word[:splits[0][0]] if splits else word)
        if splits or (title and title != word):
            return phrase
    return set()


def _hangul_titled(tokens: Tokens, index: int) -> bool:
    """A Hangul surname stands alone only with a title after it: 김 차관은, 밀러 대변인은."""
    return index + 1 < len(tokens) and morph.korean_title(tokens.texts[index + 1]) is not None


def resolve_surnames(text: str, tokens: Tokens, people: list[Mention], roles: list[Role], registry: Registry
                     ) -> Resolution:
    """Resolve the bare surnames of `text` against the people named in full (`people`: registry and
    found names), using the titles in `roles` and the registry."""
    named = sorted((m for m in people if m.entity_type == "person"), key=lambda m: m.char_start)
    info: dict[str, _Person] = {}
    for mention in named:
        if mention.entity_key not in info and (surname := surname_of(mention, registry)):
            entity = registry.entities.get(mention.entity_key)
            info[mention.entity_key] = _Person(mention.entity_key, surname, entity.gender if entity else None,
                                               set(entity.titles) if entity else set())
    for role in roles:
        if role.person_key in info:
            info[role.person_key].titles.add(role.title.lower())
    korean_titles: dict[str, set[str]] = {}  # the titles Korean copy writes after a name (박선원 의원이)
    for mention in named:
        if morph.is_hangul(mention.surface[-1:]) and (phrase := _korean_title_after(text, mention.char_end)):
            korean_titles.setdefault(mention.entity_key, set()).update(phrase)
    # Cyrillic and Hangul forms of each person's surname: keys of their own, so a form stands
    # for everyone it is a form of (two Козловы named in full leave Козлова ambiguous)
    native: dict[str, frozenset[str]] = {}
    if _NATIVE_SCRIPT.search(text):
        for mention in named:
            if mention.entity_key not in native:
                native[mention.entity_key] = native_surname_keys(mention, registry)
                if native[mention.entity_key] and mention.entity_key not in info:
                    entity = registry.entities.get(mention.entity_key)
                    info[mention.entity_key] = _Person(mention.entity_key, "", entity.gender if entity else None,
                                                       set(entity.titles) if entity else set())
    always, titled_registry = _registry_surnames(registry)
    surnames = {p.surname for p in info.values()} | set(always) | titled_registry
    for keys in native.values():
        surnames |= keys
    covered = bytearray(len(text) + 1)
    for mention in people:
        covered[mention.char_start:mention.char_end] = b"\x01" * (mention.char_end - mention.char_start)
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    quoted = quoted_spans(text)
    quoted_starts = [a for a, _ in quoted]

    def in_quotation(position: int) -> bool:
        i = bisect.bisect_right(quoted_starts, position) - 1
        return i >= 0 and position < quoted[i][1]

    # a story's subjects are its own: a name opening what someone in it says is no antecedent
    subjects: list[tuple[int, str]] = [(m.char_start, m.entity_key) for m in named
                                       if m.entity_key in info and is_subject(text, m.char_start, sentences, starts)
                                       and not in_quotation(m.char_start)]
    resolved: list[Mention] = []
    ambiguous: list[tuple[int, int]] = []
    full_index = 0
    mentioned: dict[str, list[int]] = {}  # person -> where named so far (in full or resolved surname)
    unknown_bearers: set[str] = set()  # surnames used alone before anyone of that name was named in full
    by_surname: dict[str, dict[str, None]] = {}  # surname -> people named in full so far with it, in order
    plural_at: dict[str, int] = {}  # surname -> where the story last named its bearers together ('the two Choes')
    # 'choes' is Choe's plural before it is Cho's: the '-s' forms are written last and win
    plurals = {f"{name}{ending}": name for ending in ("es", "s") for name in surnames if len(name) >= 2}
    wanted = surnames | plurals.keys()
    all_folded = tokens.folded
    # only the tokens that are surnames or their plurals are looked at one by one (a C-level filter)
    for index in itertools.compress(itertools.count(), map(wanted.__contains__, all_folded)):
        folded = all_folded[index]
        plural = None
        if folded not in surnames:
            plural = plurals[folded]
        start, end, surface = tokens.starts[index], tokens.ends[index], tokens.texts[index]
        while full_index < len(named) and named[full_index].char_end <= start:
            key = named[full_index].entity_key
            if key in info:
                if info[key].surname:
                    by_surname.setdefault(info[key].surname, {})[key] = None
                for form in native.get(key, ()):
                    by_surname.setdefault(form, {})[key] = None
                mentioned.setdefault(key, []).append(named[full_index].char_start)
            full_index += 1
        if plural is not None:
            if len(by_surname.get(plural, ())) >= 2 and surface[:1].isupper():
                plural_at[plural] = start
            continue
        if covered[start] or not (surface[:1].isupper() or "\uac00" <= surface[:1] <= "\ud7a3"
                                  and _hangul_titled(tokens, index)) or not _stands_alone(text, tokens, index, covered):
            continue
        candidates = list(by_surname.get(folded, ()))
        if candidates and morph.is_hangul(surface):
            candidates = _fitting_korean_title(tokens.texts[index + 1], candidates, korean_titles)
            if not candidates:
                ambiguous.append((start, end))  # '김 의원은' after 김정은 and no lawmaker Kim: not him
                continue
        if not candidates:
            if (entity := _by_registry_title(tokens, index, registry)) is not None:
                resolved.append(Mention("person", entity.key, start, end, surface, "surname-title"))
            elif folded in always and folded not in unknown_bearers and not APPOSITIVE_AFTER.match(text, end):
                resolved.append(Mention("person", always[folded].key, start, end, surface, "surname-registry"))
            else:
                unknown_bearers.add(folded)
                ambiguous.append((start, end))  # someone the text names only so: no one to credit
            continue
        if folded in unknown_bearers:
            # 'Kim told the council' before anyone named Kim: someone the text does not name in full
            # has this surname, so only a title that fits one person tells them apart
            context = " ".join(tokens.folded[max(0, index - TITLE_WINDOW):index])
            titled = [k for k in candidates if any(context.endswith(t) for t in info[k].titles if t)]
            if len(titled) == 1:
                resolved.append(Mention("person", titled[0], start, end, surface, "surname-title"))
            else:
                ambiguous.append((start, end))
            continue
        key, how = _choose(text, tokens, index, candidates, info, subjects, start, sentences, starts, mentioned,
                           plural_at.get(folded, -1))
        if key is None:
            key, how = _by_next_pronoun(text, start, sentences, starts, candidates, info)
        if key is None:
            ambiguous.append((start, end))
            continue
        resolved.append(Mention("person", key, start, end, surface, how))
        mentioned.setdefault(key, []).append(start)
        if is_subject(text, start, sentences, starts) and not in_quotation(start):
            bisect.insort(subjects, (start, key))
    return Resolution(resolved, ambiguous)


_SURNAMES_CACHE: dict[int, tuple[Registry, dict, frozenset]] = {}


def _registry_surnames(registry: Registry) -> tuple[dict, frozenset]:
    """The registry's surnames that stand alone for one person (Putin), and those of people with
    titles ('leader Kim'), worked out once per registry."""
    cached = _SURNAMES_CACHE.get(id(registry))
    if cached is None or cached[0] is not registry:
        always = {fold(e.surname): e for e in registry.of_type("person")
                  if e.surname and e.surname_alone == "always" and len(registry.people_with_surname(e.surname)) == 1}
        titled = frozenset(fold(e.surname) for e in registry.of_type("person")
                           if e.surname and e.surname_alone != "never" and e.titles)
        cached = _SURNAMES_CACHE[id(registry)] = (registry, always, titled)
    return cached[1], cached[2]


def _by_registry_title(tokens, index, registry: Registry):
    """'leader Kim' with no Kim named yet: the one registry person with that surname and title."""
    context = " ".join(tokens.folded[max(0, index - TITLE_WINDOW):index])
    if not context:
        return None
    people = [e for e in registry.people_with_surname(tokens.texts[index]) if e.surname_alone != "never"]
    titled = [e for e in people if any(context.endswith(title) for title in e.titles)]
    return titled[0] if len(titled) == 1 else None


def _choose(text, tokens, index, candidates, info, subjects, position, sentences, starts, mentioned,
            plural_at: int = -1) -> tuple[str | None, str]:
    prefix = tokens.folded[index - 1] if index else ""
    gender = PREFIX_GENDER.get(prefix.rstrip("."))
    compatible = [k for k in candidates if not (gender and info[k].gender and info[k].gender != gender)]
    if len(compatible) == 1:
        return compatible[0], "surname-antecedent" if len(candidates) == 1 else "surname-title"
    if not compatible:
        return None, "ambiguous"
    context = " ".join(tokens.folded[max(0, index - TITLE_WINDOW):index])
    titled = [k for k in compatible if any(context.endswith(title) for title in info[k].titles if title)]
    if len(titled) == 1:
        return titled[0], "surname-title"
    pool = titled or compatible
    # the last sentence naming any of them names two: 'Both Kim Jong Un and Kim Son Gyong have
    # used similar language. Kim said ...' could be either
    latest = max((at for key in pool for at in mentioned.get(key, ()) if at < position), default=None)
    if latest is not None:
        s_start, s_end = sentences[bisect.bisect_right(starts, latest) - 1]
        named_there = {key for key in pool for at in mentioned.get(key, ()) if s_start <= at < s_end}
        subjects_there = {key for at, key in subjects if s_start <= at < s_end and key in pool}
        if len(named_there) > 1 and len(subjects_there) != 1:  # one subject, the other in apposition: go on
            return None, "ambiguous"
    last = None
    for at, key in reversed(subjects[:bisect.bisect_left(subjects, (position, ""))]):
        if key not in pool:
            continue
        sentence = bisect.bisect_right(starts, at)
        if last is None:
            last = (sentence, key)
        elif sentence != last[0]:
            break
        elif key != last[1]:
            return None, "ambiguous"  # two of them were subjects together ('Choe Ryong Hae and Choe Son Hui attended')
    if last is None:
        return None, "ambiguous"
    # another of them named in a sentence after that subject's may be the one meant now
    # ('... after Kim Jong-un inspected the destroyer ... Kim also said'): unresolved
    subject_at = max(at for at, key in subjects[:bisect.bisect_left(subjects, (position, ""))] if key == last[1])
    if plural_at > subject_at:  # 'The two Choes ... sat at the head table. Choe told ...': either
        return None, "ambiguous"
    subject_sentence_end = sentences[bisect.bisect_right(starts, subject_at) - 1][1]
    if any(at >= subject_sentence_end for key in pool if key != last[1] for at in mentioned.get(key, ())):
        return None, "ambiguous"
    # ... or named later in the subject's own sentence, outside a subordinate clause: '... was
    # appointed by Lee Jae-myung' leaves a later 'Lee said' open; '... days after leaders Kim Jong
    # Un and Putin signed' (a clause about something else) does not
    for key in pool:
        if key != last[1] and any(subject_at < at < subject_sentence_end and _foreground(text, subject_at, at, subject_sentence_end)
                                  for at in mentioned.get(key, ())):
            return None, "ambiguous"
    return last[1], "surname-subject"


def _foreground(text: str, subject_at: int, at: int, sentence_end: int) -> bool:
    """Whether a person named at `at`, later in the sentence whose subject starts at
    `subject_at`, is as much a participant as the subject ('... was appointed by Lee Jae-myung'):
    not in a subordinate clause ('days after leaders Kim Jong Un and Putin signed'), not in
    what the subject said ('said he brought greetings from leader Kim Jong Un'), not in an
    appositive about the subject ('Kim Yo-jong, the powerful sister of leader Kim Jong-un, ...')."""
    between = text[subject_at:at]
    if _SUBORDINATOR.search(between) or _SPEECH_VERB.search(between):
        return False
    comma = between.find(", ")
    in_appositive = comma >= 0 and "," not in between[comma + 2:] and "," in text[at:sentence_end]
    return not in_appositive


_SPEECH_VERB = LEXICON.patterns.speech_verb


def _by_next_pronoun(text, position, sentences, starts, candidates, info) -> tuple[str | None, str]:
    """'Choe called the treaty ... She also declared ...': a next sentence that goes on with a
    gendered pronoun as its subject says which of the people of that surname this one is."""
    at = bisect.bisect_right(starts, position) - 1
    if at < 0 or at + 1 >= len(sentences):
        return None, "ambiguous"
    start, end = sentences[at + 1]
    first = text[start:end].split(maxsplit=1)
    gender = LEXICON.pronouns.get(first[0].lower().strip("\"“‘'")) if first and first[0][:1].isupper() else None
    matching = [k for k in candidates if info[k].gender == gender] if gender else []
    if len(matching) == 1 and all(info[k].gender for k in candidates):
        return matching[0], "surname-pronoun"
    return None, "ambiguous"


def is_subject(text: str, position: int, sentences, starts) -> bool:
    """Whether a name opens its sentence's subject: only titles, articles, nationality words and
    capitalized words (a country's possessive) stand before it ('North Korea's Vice Foreign
    Minister Kim Son Gyong arrived', 'Ukraine's foreign minister, Andrii Sybiha, said'), not a
    clause ('days after leaders Kim Jong Un ...'). The speaker after a quote is its sentence's
    subject too ('"...," said Yelena Kim')."""
    at = bisect.bisect_right(starts, position) - 1
    if at < 0:
        return False
    head = text[max(sentences[at][0], position - 300):position]
    after_quote = AFTER_QUOTE_CLOSE.search(head)
    if INVERTED_SPEAKER.search(head) or after_quote and subject_words(after_quote.group("words")):
        return True
    if position - sentences[at][0] > 200:  # a subject opens its sentence: never far into it
        return False
    head = LEADING_MARKS.sub("", head)
    if "," in head:  # an opening phrase ('During a speech at the reception, Choe called ...')
        opening, _, head = head.rpartition(",")
        words = opening.split()
        first = words[0].lower() if words else ""
        # 'During a speech at the reception, Choe ...', 'Earlier this week, Kim ...', a title in
        # apposition; not a clause that ends in an appositive ('It was the first time since Kim's
        # grandfather, Kim Il Sung')
        if not (first in LEXICON.clause_openers or first in OPENERS and len(words) <= 3
                or first.endswith("ing") and len(words) <= 8  # 'Presenting the document to the chamber, Rudenko
                or "," not in opening and subject_words(opening)):
            return False
        head = head.strip()
    return subject_words(head)


def subject_words(head: str) -> bool:
    """Whether only titles, articles, nationality words and capitalized words stand in `head`.
    A Russian title governs the words after it in the genitive: 'Заместитель министра транспорта
    РФ Константин Логинов' is one subject, whatever those words are (no verb among them)."""
    if len(head.split()) > 8:
        return False
    words = head.split()
    if words and "\u0400" <= words[0][:1] <= "\u04ff":
        titles = morph.russian_title_words()
        if words[0].lower() in titles:
            return not any(w.lower().strip(".,") in _RUSSIAN_VERBS for w in words)
    for i, word in enumerate(words):
        clean = word.strip(".,'’").lower().removesuffix("'s").removesuffix("’s")
        if clean in ("and", "&"):  # a compound subject: 'Choe Ryong Hae and Choe Son Hui attended'
            continue
        if clean in LEXICON.relation_heads or i + 1 < len(words) and words[i + 1].strip(".,").lower() in \
                LEXICON.relation_heads:
            continue  # 'Kim Jong Un and his sister Kim Yo Jong appeared'
        if clean in OPENERS or not (word[:1].isupper() or clean in SUBJECT_WORDS
                                    or "\u0400" <= clean[:1] <= "\u04ff" and clean in morph.russian_title_words()):
            return False  # (a Russian title in any case: 'Пресс-секретарь президента Дмитрий Песков')
    return True


def _stands_alone(body: str, tokens: Tokens, index: int, covered: bytearray) -> bool:
    """A surname on its own: not glued to other capitalized name parts ("Kim Song Il"); a name
    found already may follow it ('sagte Aschenbrenner ZDFheute': the one told)."""
    starts, ends, texts, folded = tokens.starts, tokens.ends, tokens.texts, tokens.folded
    if index + 1 < len(texts):
        gap = body[ends[index]:starts[index + 1]]
        if gap in (" ", "-") and texts[index + 1][:1].isupper() and folded[index + 1] not in {"s"} \
                and not (gap == " " and covered[starts[index + 1]]):
            return False
    if index > 0:
        gap = body[ends[index - 1]:starts[index]]
        if gap in (" ", "-") and texts[index - 1][:1].isupper() and folded[index - 1] not in TITLE_WORDS \
                and not _sentence_start(body, starts[index - 1]):
            return False
    return True


def _sentence_start(body: str, pos: int) -> bool:
    return opens_sentence(body, pos, " \"“‘'")
