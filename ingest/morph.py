"""One name across three scripts: Russian case forms, Korean particles, title words. Pure, cached.

Registry names are written once, in the nominative (Путин, Курская область) or bare (김정은);
articles write them inflected (Путина, Курской области) or with a particle glued on (김정은은,
최선희 외무상은). This module turns the first into the second and back, so the name matcher can
keep matching whole tokens:

* `russian_forms(name, entity_type, gender)` — the six case forms (and the second locative:
  в Крыму) of a Cyrillic registry name, from the pymorphy3 dictionary where it knows the word and
  from Russian declension rules where it does not (Мацегора, Хинштейн, Ким Чен Ын).
  Korean, Chinese and Vietnamese names written in Cyrillic ("Ким Чен Ын", "Си Цзиньпин") inflect
  only their last part, and only for a man; women's names ending in a consonant, names ending in
  -о/-у/-е/-и/-э/-ю (Шойгу, Кожемяко, Матвиенко) and acronyms (МИД, ТАСС, КНДР) never inflect.
  A place or organization inflects its head noun and the adjectives before it; the words after
  the head are a genitive or an apposition and stay as written (Совет Федерации -> Совета
  Федерации, МИД России -> МИД России). Every form with ё also comes with е (Кремлём, Кремлем).
* `registry_russian_forms(registry)` — every generated form of every Cyrillic name in the
  registry, mapped to its one entity; a form two entities would share, and a one-word form that
  is above all a common word (Находки), are left out. Built once per registry and kept
  (~0.15 s, plus ~0.1 s for the dictionary, once per process).
* `russian_lemma(word)`, `russian_name_parse(words)` — the nominative of a word, and of a
  Russian personal name the registry lacks (Сергея Кобылаша -> ("Сергей", "Кобылаш")), the case
  being read off the given name, which the dictionary knows.
* `native_surnames(person)` — the Cyrillic surname in every case and the Hangul surname, for
  bare second references (Лаврову, 라브로프, 김 위원장).
* `korean_name_lengths(token)` — the possible lengths of the name in a Hangul token that may
  carry a particle, best first (김정은은 -> [3, 4], 푸틴과 -> [2, 3], 최선희 -> [3]), from the
  particle table `KOREAN_PARTICLES` and the rule that a particle's form agrees with the syllable
  before it (은/이/을/과/으로 after a final consonant, 는/가/를/와/로 after a vowel). The matcher
  takes the first reading that is a registry name; the whole token is always the last reading.
  Rules, not a tagger: see the note on kiwipiepy below.
* `korean_compound_parts(token)` — a run of one-syllable country abbreviations (북러, 한미일,
  北中, 조로) split into one mention per country, each with its own offsets.
* Title words: `RUSSIAN_TITLES` (before a name, inflected: министра иностранных дел Сергея
  Лаврова) and `KOREAN_TITLES` (after a name, particle on the title: 최선희 외무상은).

Why rules and not kiwipiepy for Korean: on the 147 names of tests/korean_names.txt the rules'
first reading is right for 146 (all 147 are among the readings); kiwipiepy's tagging gives 143
(it splits North Korean names it does not know: 박정천 -> 박정/XR + 천/NNG). kiwipiepy loads a
105 MB model in 2.4-9 s per process and costs 12-40 ms per 1,000 characters (~35-120 ms for a
3,000-character article, ten times today's whole extraction of one), the rules ~4 us per token
uncached (~1-2 ms per such article, less with the cache). They only decide where a name ends;
the registry decides what it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from .lexicon import LEXICON

# ---------------------------------------------------------------------------------------------
# Scripts


def script_of(text: str) -> str | None:
    """'cyrillic', 'hangul', 'han' or 'latin': the script of the first letter of the text."""
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0400" <= ch <= "\u04ff":
            return "cyrillic"
        if "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
            return "hangul"
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff":
            return "han"
        return "latin"
    return None


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_hangul(ch: str) -> bool:
    """Whether a character (or the first of a text) is a Hangul syllable."""
    return "\uac00" <= ch[:1] <= "\ud7a3" and ch != ""



def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


# ---------------------------------------------------------------------------------------------
# Russian

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_ALL_CASES = (*CASES, "loc2")  # в Крыму, на Донбассе: the second locative where a word has one
_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}
_VOWELS = set("аеёиоуыэюя")
_UKRAINIAN_LETTERS = set("іїєґ")
_HUSHING = set("жшчщц")

# The words live in ingest/lexicon/ru.yml (east_asian_surnames, indeclinable_words): East Asian
# family names written first in Cyrillic that never inflect (Ким Чен Ына), and words of agency
# and newspaper names that stay as written (агентство Рейтер).
EAST_ASIAN_SURNAMES_CYR = LEXICON.east_asian_surnames
INDECLINABLE_RU = LEXICON.indeclinable_words


@functools.lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3  # imported here: the dictionary (~16 MB) loads only when a Cyrillic name needs it

    return pymorphy3.MorphAnalyzer()


def _match_case(form: str, model: str) -> str:
    """Give a lower-case form the capitalization of the word it was made from (hyphen parts too)."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    model_parts, form_parts = model.split("-"), form.split("-")
    if len(model_parts) == len(form_parts):
        return "-".join(p.capitalize() if m[:1].isupper() else p for m, p in zip(model_parts, form_parts))
    return form.capitalize() if model[:1].isupper() else form


def _with_yo_variants(forms: Iterable[str]) -> set[str]:
    out = set()
    for form in forms:
        out.add(form)
        if "ё" in form or "Ё" in form:
            out.add(form.replace("ё", "е").replace("Ё", "Е"))
    return out


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@functools.lru_cache(maxsize=65536)
def _known_parses(word: str) -> tuple:
    """The dictionary's readings of a word (the guesses pymorphy3 makes for unknown words are
    left out: a declension rule is more reliable for a foreign name than a guessed paradigm)."""
    return tuple(p for p in _analyzer().parse(word) if p.is_known)


def _gender_tag(gender: str | None) -> str | None:
    return {"male": "masc", "female": "femn"}.get(gender or "")


def _inflect_parse(parse, number: str | None = None) -> dict[str, str] | None:
    """case -> lower-case form, from a dictionary parse; None when the word does not inflect."""
    if "Fixd" in parse.tag:
        return None
    result = {}
    for case in _ALL_CASES:
        grammemes = {case} if number is None else {case, number}
        inflected = parse.inflect(grammemes)
        if inflected is not None:
            result[case] = inflected.word
    return result or None


def _rule_forms(word: str, gender: str | None, plain: bool = False) -> dict[str, str] | None:
    """Declension of a word the dictionary lacks (a surname, a foreign given name, a Korean
    given-name syllable), by its ending. None: indeclinable. plain: a plain noun, never a
    Russian possessive surname (Ын -> Ыном, not Ыным; Цзиньпин -> Цзиньпином)."""
    low = word.lower()
    if low in INDECLINABLE_RU or len(low) < 2 or not low[-1].isalpha():
        return None
    last, before = low[-1], low[-2]
    female = gender == "female"
    if female:
        if re.search(r"(?:ов|ев|ёв|ин|ын)а$", low):
            stem = low[:-1]
            return {"nomn": low, "gent": stem + "ой", "datv": stem + "ой", "accs": stem + "у", "ablt": stem + "ой",
                    "loct": stem + "ой"}
        if re.search(r"[сц]кая$", low):
            stem = low[:-2]
            return {"nomn": low, "gent": stem + "ой", "datv": stem + "ой", "accs": stem + "ую", "ablt": stem + "ой",
                    "loct": stem + "ой"}
        if last not in "ая":
            return None  # Каллас, Томас-Гринфилд: a woman's name ending in a consonant does not inflect
    if last == "а" and before not in _VOWELS:
        stem = low[:-1]
        gent = stem + ("и" if before in "гкхжшчщ" else "ы")
        ablt = stem + ("ей" if before in _HUSHING else "ой")
        return {"nomn": low, "gent": gent, "datv": stem + "е", "accs": stem + "у", "ablt": ablt, "loct": stem + "е"}
    if last == "я" and before not in _VOWELS - {"и"}:
        stem = low[:-1]
        tail = "и" if before == "и" else "е"
        return {"nomn": low, "gent": stem + "и", "datv": stem + tail, "accs": stem + "ю", "ablt": stem + "ей",
                "loct": stem + tail}
    if last in _VOWELS:  # -о, -е, -и, -у, -ю, -э, -ы, and -а/-я after a vowel: Шойгу, Кожемяко, Хэ
        return None
    if female:
        return None
    if not plain and re.search(r"(?:[оеё]в|[иы]н)$", low):
        return {"nomn": low, "gent": low + "а", "datv": low + "у", "accs": low + "а", "ablt": low + "ым", "loct": low + "е"}
    if not plain and re.search(r"(?:ий|ый|ой)$", low) and len(low) > 4:
        stem = low[:-2]
        adj_i = stem[-1:] in "гкхжшчщ" or low.endswith("ий")
        return {"nomn": low, "gent": stem + "ого", "datv": stem + "ому", "accs": stem + "ого",
                "ablt": stem + ("им" if adj_i else "ым"), "loct": stem + "ом"}
    if re.search(r"(?:ых|их)$", low):
        return None  # Черных, Седых
    if last in "ьй":
        stem = low[:-1]
        return {"nomn": low, "gent": stem + "я", "datv": stem + "ю", "accs": stem + "я",
                "ablt": stem + "ем", "loct": stem + "е"}
    if last == "ъ":
        low = low[:-1]
    ablt = low + ("ем" if low[-1] in _HUSHING else "ом")
    return {"nomn": word.lower(), "gent": low + "а", "datv": low + "у", "accs": low + "а", "ablt": ablt, "loct": low + "е"}


def _person_word_forms(word: str, role: str, gender: str | None) -> dict[str, str] | None:
    """Case forms of one word of a personal name. role: Name (given), Patr or Surn."""
    if _is_acronym(word) or not word.isalpha() and "-" not in word:
        return None
    if "-" in word:  # a double surname inflects both halves when each would (Римский-Корсаков)
        halves = [_person_word_forms(part, role, gender) for part in word.split("-")]
        if not all(halves):
            return None
        return {case: "-".join(h[case] for h in halves) for case in CASES if all(case in h for h in halves)}
    gtag = _gender_tag(gender)
    for parse in _known_parses(word):
        tag = parse.tag
        if role in tag and "nomn" in tag and "sing" in tag and (gtag is None or gtag in tag or "ms-f" in tag):
            return _inflect_parse(parse, "sing")
    if role == "Surn":
        # a surname the dictionary knows only as a common word, or does not know: by its ending
        return _rule_forms(word, gender)
    if role == "Name" and any("Name" in p.tag for p in _known_parses(word)):
        return None  # a given name the dictionary knows, but not in this gender: leave it alone
    return _rule_forms(word, gender)


def _is_east_asian(words: Sequence[str]) -> bool:
    return 2 <= len(words) <= 4 and words[0].lower() in EAST_ASIAN_SURNAMES_CYR \
        and all(len(w) <= 9 for w in words)


def _combine(words: Sequence[str], per_word: Sequence[dict[str, str] | None]) -> set[str]:
    forms = set()
    for case in _ALL_CASES:
        if case == "loc2" and not any(w and "loc2" in w for w in per_word):
            continue
        parts = []
        for word, table in zip(words, per_word):
            if table is None:
                parts.append(word)
            else:
                form = table.get(case) or table.get("loct" if case == "loc2" else case)
                parts.append(_match_case(form, word) if form else word)
        forms.add(" ".join(parts))
    return forms


@functools.lru_cache(maxsize=4096)
def _russian_forms(name: str, entity_type: str, gender: str | None) -> frozenset[str]:
    words = name.split()
    if not words or not has_cyrillic(name) or _UKRAINIAN_LETTERS & set(name.lower()):
        return frozenset({name})  # Latin, or Ukrainian (Зеленський, Київ): Russian rules do not apply
    if entity_type == "person":
        per_word: list[dict[str, str] | None]
        if _is_east_asian(words):
            # only the last syllable of a man's name inflects: Ким Чен Ын -> Ким Чен Ына
            per_word = [None] * (len(words) - 1)
            per_word.append(None if gender == "female" else _rule_forms(words[-1], gender, plain=True))
        else:
            roles = ["Name"] * (len(words) - 1) + ["Surn"]
            if len(words) == 3 and re.search(r"(?:вич|вна|чна|ична)$", words[1].lower()):
                roles[1] = "Patr"
            if len(words) == 1:
                roles = ["Surn"]
            per_word = [_person_word_forms(w, r, gender) for w, r in zip(words, roles)]
        return frozenset(_with_yo_variants(_combine(words, per_word)))
    forms: set[str] = set()
    for tables in _noun_phrase_tables(words, entity_type):
        forms |= _combine(words, tables)
    return frozenset(_with_yo_variants(forms))


def _noun_phrase_tables(words: Sequence[str], entity_type: str) -> list[list[dict[str, str] | None]]:
    """Per word, its case forms, or None for a word that stays as written: the head noun and the
    adjectives before it inflect; the words after the head (a genitive, an apposition) do not.
    One list per reading of the adjectives (Большая is a form of большой and of больший)."""
    tables: list[dict[str, str] | None] = [None] * len(words)
    modifiers: list[tuple[int, list]] = []
    for index, word in enumerate(words):
        if _is_acronym(word) or word.lower() in INDECLINABLE_RU or not re.search(r"[а-яё]", word.lower()):
            break  # МИД России, РИА Новости, ТАСС: an acronym head does not inflect
        parses = [p for p in _known_parses(word) if "nomn" in p.tag]
        if not parses and index + 1 < len(words) and _ADJECTIVE_ENDING.search(word.lower()):
            # an adjective the dictionary lacks (Кымсусанский дворец): the analyzer's guess
            parses = [p for p in _analyzer().parse(word) if "ADJF" in p.tag and "nomn" in p.tag][:1]
        adjectives = [p for p in parses if "ADJF" in p.tag or "PRTF" in p.tag]
        noun = next((p for p in parses if "NOUN" in p.tag), None)
        if adjectives and (noun is None or index + 1 < len(words) and _next_is_noun(words, index)):
            modifiers.append((index, list({p.normal_form: p for p in adjectives}.values())))
            continue
        if noun is not None:
            number = "plur" if "plur" in noun.tag else "sing"
            tables[index] = _inflect_parse(noun, number)
            gender = next((g for g in ("masc", "femn", "neut") if g in noun.tag), None)
        elif entity_type == "place" and not parses:
            # a place name the dictionary lacks (Туманган, Расон): a noun by its ending
            feminine = word[-1].lower() in "ая"
            tables[index] = _rule_forms(word, None if feminine else "male", plain=True)
            number, gender = "sing", "femn" if feminine else "masc"
        else:
            break  # an organization word the dictionary lacks (Ёнхап): left as written
        variants = [tables]
        for m_index, m_parses in modifiers:
            variants = [[*v[:m_index], _adjective_forms(p, number, gender), *v[m_index + 1:]]
                        for v in variants for p in m_parses]
        return variants
    return [[None] * len(words)]


_ADJECTIVE_ENDING = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$")


def _next_is_noun(words: Sequence[str], index: int) -> bool:
    return any("NOUN" in p.tag and "nomn" in p.tag for p in _known_parses(words[index + 1]))


def _adjective_forms(parse, number: str, gender: str | None) -> dict[str, str] | None:
    result = {}
    for case in CASES:
        grammemes = {case, number} | ({gender} if gender and number == "sing" else set())
        if case == "accs":
            grammemes.add("inan")
        inflected = parse.inflect(grammemes) or parse.inflect({case, number})
        if inflected is not None:
            result[case] = inflected.word
    return result or None


def russian_forms(name: str, entity_type: str, gender: str | None = None) -> set[str]:
    """Every case form of a Cyrillic registry name (the name itself included).

    >>> sorted(russian_forms("Путин", "person", "male"))
    ['Путин', 'Путина', 'Путине', 'Путиным', 'Путину']
    """
    return set(_russian_forms(name, entity_type, gender))


def is_common_word(form: str, lemma: str | None = None) -> bool:
    """A one-word form whose main dictionary reading is an ordinary word, not a name and not a
    form of `lemma` (the name it was made from): Находки ('finds') is one, Кремля (a form of
    кремль) and Трампу (a form of the surname Трамп) are not. Such a form would match the start
    of a sentence that has no name in it."""
    if " " in form:
        return False
    parses = _known_parses(form)
    if lemma is not None:
        word = lemma.split()[-1]
        own = {word.lower()} | {p.normal_form for p in _known_parses(word)}
        own = {w.replace("ё", "е") for w in own}
        if any(p.normal_form.replace("ё", "е") in own for p in parses):
            return False  # a form of the name's own word (Ивановой of Иванова, whose lemma is иванов)
    common = sum(p.score for p in parses if not (_PROPER & p.tag.grammemes))
    return common >= 0.5


def registry_russian_forms(registry) -> dict[tuple[str, ...], str]:
    """Name key of every generated Russian form -> the entity key it names, for every Cyrillic
    name in the registry. Forms that are the registry's own names are not repeated here; a form
    two entities would share and a one-word form that is mostly a common word are left out."""
    return dict(_registry_forms(registry)[0])


def registry_russian_form_names(registry) -> dict[str, str]:
    """The same forms as written (Владимира Путина, Курской области) -> the entity key: what the
    name matcher turns into aliases. One spelling per name key (case and ё/е aside, they match
    alike)."""
    return dict(_registry_forms(registry)[1])


_FORMS_CACHE: dict[int, tuple[object, tuple[dict, dict]]] = {}


def _registry_forms(registry) -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    cached = _FORMS_CACHE.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    from .registry import name_key

    own: dict[tuple[str, ...], str] = {}
    for entity in registry.entities.values():
        for name in entity.names:
            own[name_key(name)] = entity.key
    generated: dict[tuple[str, ...], set[str]] = {}
    spelled: dict[tuple[str, ...], str] = {}
    for entity in registry.entities.values():
        for name in entity.names:
            if not has_cyrillic(name):
                continue
            for form in sorted(_russian_forms(name, entity.type, entity.gender)):
                key = name_key(form)
                if key in own or (" " not in form and is_common_word(form, name)):
                    continue
                generated.setdefault(key, set()).add(entity.key)
                spelled.setdefault(key, form)
    result = {key: next(iter(keys)) for key, keys in generated.items() if len(keys) == 1}
    names = {spelled[key]: entity_key for key, entity_key in result.items()}
    if len(_FORMS_CACHE) >= 8:  # the registry, and the few names an article found (kept small)
        _FORMS_CACHE.clear()
    _FORMS_CACHE[id(registry)] = (registry, (result, names))
    return result, names


def russian_form_collisions(registry) -> dict[tuple[str, ...], set[str]]:
    """Generated forms that two entities would share (left out by `registry_russian_forms`)."""
    from .registry import name_key

    generated: dict[tuple[str, ...], set[str]] = {}
    own = {name_key(n): e.key for e in registry.entities.values() for n in e.names}
    for entity in registry.entities.values():
        for name in entity.names:
            if has_cyrillic(name):
                for form in _russian_forms(name, entity.type, entity.gender):
                    key = name_key(form)
                    generated.setdefault(key, set()).add(entity.key)
                    if key in own:
                        generated[key].add(own[key])
    return {key: keys for key, keys in generated.items() if len(keys) > 1}


@functools.lru_cache(maxsize=65536)
def russian_lemma(word: str) -> str:
    """The nominative singular (the dictionary form) of a Russian word, in the word's own
    capitalization; a capitalized word is read as a name where the dictionary allows it."""
    if not has_cyrillic(word) or _is_acronym(word):
        return word
    parses = _known_parses(word)
    if word[:1].isupper():
        proper = [p for p in parses if _PROPER & p.tag.grammemes]
        parses = proper or parses
    if not parses:
        return _rule_lemma(word, None, None) or word
    return _match_case(_nominative(parses[0]), word)


def _nominative(parse) -> str:
    """The nominative singular of a parse in its own gender (Захаровой -> захарова, not захаров)."""
    grammemes = {"nomn", "sing"}
    for gender in ("masc", "femn"):
        if gender in parse.tag and ("Surn" in parse.tag or "Name" in parse.tag or "Patr" in parse.tag):
            grammemes.add(gender)
    inflected = parse.inflect(grammemes)
    return inflected.word if inflected is not None else parse.normal_form


# case ending -> nominative ending, by gender, for surnames the dictionary lacks
_SURNAME_ENDINGS = {
    "male": {
        "gent": [("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("ского", "ский"),
                 ("цкого", "цкий"), ("ого", "ой"), ("ия", "ий"), ("ея", "ей"), ("ая", "ай"), ("оя", "ой"), ("я", "ь"),
                 ("ы", "а"), ("и", "а"), ("а", "")],
        "datv": [("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ыну", "ын"), ("скому", "ский"), ("цкому", "цкий"),
                 ("ию", "ий"), ("ею", "ей"), ("аю", "ай"), ("ю", "ь"), ("е", "а"), ("у", "")],
        "ablt": [("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ским", "ский"), ("цким", "цкий"), ("ием", "ий"),
                 ("еем", "ей"), ("аем", "ай"), ("ой", "а"), ("ей", "а"), ("ем", "ь"), ("ом", ""), ("ем", "")],
        "loct": [("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ском", "ский"), ("ии", "ий"), ("ее", "ей"),
                 ("е", "")],
    },
    "female": {
        "gent": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("цкой", "цкая"),
                 ("ии", "ия"), ("и", "а"), ("ы", "а")],
        "datv": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("ии", "ия"), ("е", "а")],
        "accs": [("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("скую", "ская"), ("ию", "ия"), ("у", "а")],
        "ablt": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("ией", "ия"), ("ой", "а"),
                 ("ей", "а")],
        "loct": [("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("ии", "ия"), ("е", "а")],
    },
}


def _rule_lemma(word: str, case: str | None, gender: str | None) -> str | None:
    """The nominative of a surname the dictionary lacks, given the case and gender the given name
    before it shows; None when the ending does not fit that case."""
    if case in (None, "nomn"):
        return word if case == "nomn" else None
    low = word.lower()
    table = _SURNAME_ENDINGS.get(gender or "male", {})
    if case == "accs" and gender != "female":
        case = "gent"
    for ending, nominative in table.get(case, []):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            stem = low[: len(low) - len(ending)]
            if nominative == "ь" and ending in ("ем", "я", "ю", "е") and stem[-1] in _HUSHING:
                continue  # Кобылашем is Кобылаш, not Кобылашь
            if nominative == "" and ending == "ем" and stem[-1] not in _HUSHING:
                continue
            if nominative == "" and stem[-1] in _VOWELS:
                return None
            return _match_case(stem + nominative, word)
    return None


GIVEN_NAME_RE = re.compile(r"^[А-ЯЁ][а-яё]+$")


def russian_name_parse(words: Sequence[str]) -> tuple[str, str] | None:
    """(given name, surname) in the nominative for a Russian personal name written in any case:
    ["Сергея", "Кобылаша"] -> ("Сергей", "Кобылаш"); ["Марией", "Захаровой"] -> ("Мария",
    "Захарова"). The first word must be a given name the dictionary knows; a middle patronymic is
    allowed and dropped. None when the words are not such a name or their cases disagree."""
    words = [getattr(w, "text", w) for w in words]  # strings or the matcher's Token objects
    words = [w for w in words if w]
    if len(words) not in (2, 3) or not all(GIVEN_NAME_RE.match(w) or re.match(r"^[А-ЯЁ][а-яё]+-[А-ЯЁ][а-яё]+$", w)
                                           for w in words):
        return None
    given_parses = [p for p in _known_parses(words[0]) if "Name" in p.tag and "sing" in p.tag]
    if not given_parses:
        return None
    surname = words[-1]
    best: tuple[int, float, tuple[str, str]] | None = None
    for given in given_parses:
        case = next((c for c in _ALL_CASES if c in given.tag), None)
        gender = "female" if "femn" in given.tag else "male"
        if case == "loc2":
            case = "loct"
        if case is None or len(words) == 3 and not any("Patr" in p.tag and case in p.tag for p in _known_parses(words[1])):
            continue
        reading = _surname_lemma(surname, case, gender)
        if reading is None:
            continue
        lemma, strength = reading
        candidate = (strength, given.score, (_match_case(_nominative(given), words[0]), lemma))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


_OBLIQUE_ENDINGS = ("ы", "и", "у", "ю", "ой", "ей", "ом", "ем", "ым", "им", "ого", "ому", "ою")


def _surname_lemma(word: str, case: str, gender: str) -> tuple[str, int] | None:
    """(nominative, strength) of a surname read in the given case and gender: 3 the dictionary
    has the surname in that case, 2 a declension rule gives the word back from the nominative,
    1 an indeclinable or nominative reading, 0 a nominative that looks like an oblique form
    (Мацегоры). None when the word cannot be that case."""
    gtag = _gender_tag(gender)
    for parse in _known_parses(word):
        tag = parse.tag
        if "Surn" in tag and "sing" in tag and (gtag in tag or "ms-f" in tag) and (case in tag or "Fixd" in tag):
            return _match_case(_nominative(parse), word), 3
    low = word.lower()
    if case == "nomn":
        return word, 0 if low.endswith(_OBLIQUE_ENDINGS) else 1
    lemma = _rule_lemma(word, case, gender)
    if lemma is not None:
        table = _rule_forms(lemma, gender) or {}
        forms = {table.get(case, ""), table.get("accs", "") if case == "gent" else ""}
        if low in forms:  # the nominative must give the word back: Кобылаша -> Кобылаш -> Кобылаша
            return lemma, 2
    if _rule_forms(word, gender) is None and (gender == "female" or low[-1] in "оуеиэю"):
        return word, 1  # an indeclinable surname: Шойгу, Кожемяко, Каллас
    return None


def native_surnames(entity) -> set[str]:
    """The surname of a registry person in Cyrillic and Hangul, as a bare second reference writes
    it: every case form of the Russian surname (Лаврова, Лаврову; Мацегоры) and the Korean one
    (라브로프; 김 of 김정은, used with a title: 김 위원장). Read off the person's native-script
    full names: the last word of a Western name, the first of an East Asian one."""
    if entity.type != "person":
        return set()
    surnames: set[str] = set()
    for name in entity.names:
        words = name.split()
        script = script_of(name)
        if script == "cyrillic" and len(words) >= 2:
            if _is_east_asian(words):
                surnames.add(words[0])  # Ким: never inflected
            elif not _UKRAINIAN_LETTERS & set(name.lower()):
                surnames |= russian_forms(words[-1], "person", entity.gender)
        elif script == "hangul":
            if len(words) >= 2:
                surnames.add(words[-1])  # 세르게이 라브로프 -> 라브로프
            elif 2 <= len(name) <= 4 and name[0] in KOREAN_SURNAMES and entity.country in _HANGUL_NAME_COUNTRIES:
                surnames.add(name[:2] if name[:2] in _TWO_SYLLABLE_SURNAMES else name[0])  # 김정은 -> 김
    return surnames


_HANGUL_NAME_COUNTRIES = {"North Korea", "South Korea"}


# Titles that stand before a Russian name (министр иностранных дел Сергей Лавров): ru.yml's
# titles_before_names, in the nominative; `russian_title_words()` gives every case form of each word.
RUSSIAN_TITLES = tuple(sorted(LEXICON.titles_before_names))


@functools.lru_cache(maxsize=1)
def russian_title_words() -> frozenset[str]:
    """Every case form (singular and plural) of every word of `RUSSIAN_TITLES`, lower-cased:
    a word that may stand right before a name without being part of it."""
    words: set[str] = set()
    for title in RUSSIAN_TITLES:
        for word in title.split():
            low = word.lower()
            words.add(low)
            if _is_acronym(word) or any("Abbr" in p.tag for p in _known_parses(low)):
                continue  # МИД, КНДР: an acronym has no other forms
            for parse in _known_parses(low):
                if "nomn" in parse.tag:
                    for form in parse.lexeme:
                        words.add(form.word)
    return frozenset(_with_yo_variants(words))


@functools.lru_cache(maxsize=None)
def russian_organization_noun_forms() -> frozenset[str]:
    """Every case form of the Russian nouns for a kind of organization (ru.yml organization_nouns:
    туроператор -> туроператора, туроператором...), lower-cased: a name in « » right after one
    is that organization's (туроператора «Полярная звезда»)."""
    words: set[str] = set()
    for noun in LEXICON.organization_nouns:
        low = noun.lower()
        if not re.search("[а-яё]", low):
            continue
        words.add(low)
        for parse in _known_parses(low):
            if "nomn" in parse.tag and "NOUN" in parse.tag:
                words.update(form.word for form in parse.lexeme)
    return frozenset(_with_yo_variants(words))


# ---------------------------------------------------------------------------------------------
# Korean

# The Korean words live in ingest/lexicon/ko.yml; what each list is for is said there.
_NEED = {"consonant": "C", "vowel": "V", "vowel or l": "V|L", "any": "any"}
# particle -> (the syllable it needs before it: "C" after a final consonant, "V" after a vowel,
# "V|L" after a vowel or a final ㄹ, "any"; strong: the particle never ends a name in practice)
KOREAN_PARTICLES: dict[str, tuple[str, bool]] = {
    particle: (_NEED[need.removesuffix(", weak")], not need.endswith(", weak"))
    for particle, need in LEXICON.name_particles.items()}
_LONGEST_PARTICLE = max(map(len, KOREAN_PARTICLES))
KOREAN_SURNAMES = frozenset(name for name in LEXICON.family_names if len(name) == 1)
_TWO_SYLLABLE_SURNAMES = frozenset(name for name in LEXICON.family_names if len(name) == 2)
KOREAN_NOUN_ENDINGS = tuple(sorted(LEXICON.noun_endings))
GIVEN_NAME_FINALS = LEXICON.given_name_finals
KOREAN_COUNTRY_ABBREVIATIONS: dict[str, str] = dict(LEXICON.country_abbreviations)
KOREAN_COMPOUND_EXCLUDED = LEXICON.abbreviation_compound_exclusions
KOREAN_COMPOUND_HEADS = tuple(sorted(LEXICON.abbreviation_compound_heads))
KOREAN_TITLES = tuple(sorted(LEXICON.titles_after_names))
_ABBREVIATION_PARTICLES = LEXICON.abbreviation_particles


def _final_consonant(syllable: str) -> int | None:
    """Index of the final consonant (batchim) of a Hangul syllable: 0 none, 8 ㄹ; None if not Hangul."""
    if not is_hangul(syllable):
        return None
    return (ord(syllable) - 0xAC00) % 28


def _particle_fits(stem_last: str, need: str) -> bool:
    if need == "any":
        return True
    final = _final_consonant(stem_last)
    if final is None:  # a Latin or Han stem (AP와, 北은): either form is written
        return True
    if need == "C":
        return final != 0
    if need == "V":
        return final == 0
    return final in (0, 8)  # V|L: 로 after a vowel or ㄹ


def korean_particle_splits(token: str) -> list[tuple[int, str, bool]]:
    """(length of the part before the particle, particle, strong) for every way the token can
    end in a particle (one particle or two: 에게 + 는 are listed whole) whose form agrees with the
    syllable before it; longest particle first."""
    splits = []
    for size in range(min(_LONGEST_PARTICLE, len(token) - 1), 0, -1):
        particle = token[-size:]
        entry = KOREAN_PARTICLES.get(particle)
        if entry is not None and _particle_fits(token[-size - 1], entry[0]):
            splits.append((len(token) - size, particle, entry[1]))
    return splits


@functools.lru_cache(maxsize=65536)
def korean_name_lengths(token: str) -> list[int]:
    """Plausible lengths of the name at the start of a Hangul token, best first: the token less
    a particle whose form agrees with the syllable before it, then the whole token (always a
    reading, so a registry name that ends in a particle-like syllable still matches).
    김정은은 -> [3, 4]; 김정은이 -> [3, 4]; 푸틴과 -> [2, 3]; 최선희 -> [3]; 김정은 -> [3, 2] (three
    syllables after a family name read whole first); 한반도 -> [3, 2] (반도 is a noun);
    오르테가 -> [3, 4] (가 also ends names: the registry decides). A run of Han characters before
    a particle (北은, 美의) is an abbreviation: [its length]. Empty when the token does not start
    with a Hangul or Han letter."""
    if not token or not (is_hangul(token[0]) or _is_han(token[0])):
        return []
    whole = len(token)
    if _is_han(token[0]):
        han = next((i for i, ch in enumerate(token) if not _is_han(ch)), whole)
        rest = token[han:]
        if not rest or rest in KOREAN_PARTICLES:
            return [han]
        return []
    stems: list[int] = []
    for stem_len, _particle, _strong in korean_particle_splits(token):
        # a Hangul name is two syllables or more, but for the one-syllable abbreviations (북은, 러와)
        if token[stem_len - 1] == "으":
            continue  # 푸틴으 + 로: 으 is the vowel of 으로, never the end of a name
        if (stem_len >= 2 or token[:stem_len] in KOREAN_COUNTRY_ABBREVIATIONS) and stem_len not in stems:
            stems.append(stem_len)
    if not stems:
        return [whole]
    # the longest particle first: 러시아와의 is 러시아 + 와의, 평양에서는 is 평양 + 에서는 (a name
    # that ends where a longer particle begins, 마체고라 + 는 read as 마체고 + 라는, or a name that
    # ends in a particle-like syllable, 최고인민회의, is found at a later reading)
    korean_shaped = token[0] in KOREAN_SURNAMES and all(is_hangul(ch) for ch in token)
    if korean_shaped and whole == 3 and token[2] in GIVEN_NAME_FINALS:
        # 김정은, 박지인: three syllables after a family name are a name, though the last could
        # be a particle (김정 + 은); 조선의, 정부는, 서울도 stay a word and a particle
        return [whole] + stems
    if token.endswith(KOREAN_NOUN_ENDINGS):
        return [whole] + stems  # 최고인민회의, 한반도: the last syllable belongs to a noun
    return stems + [whole]


def korean_name_split(token: str) -> tuple[str, str]:
    """(name, particle) by the first reading of `korean_name_lengths`: 김정은은 -> (김정은, 은)."""
    lengths = korean_name_lengths(token)
    if not lengths:
        return token, ""
    return token[: lengths[0]], token[lengths[0]:]


def korean_compound_parts(token: str) -> list[tuple[int, int, str]]:
    """(start, end, registry place name) for each country of a compound of one-syllable country
    abbreviations: 북러 -> [(0, 1, North Korea), (1, 2, Russia)]; 한미일의 -> three parts; 北中 -> two;
    북러관계 -> two (a relation noun may follow); 북·러 (one string across the middle dot, which the
    tokenizer splits) -> two, each offset on its own letter. Empty for anything else — a lone abbreviation (북,
    러, 北) is a registry alias and matched as a token; an ordinary word made of those syllables
    (북미, 남미, 한남) is never split."""
    if not token or token[0] not in KOREAN_COUNTRY_ABBREVIATIONS:
        return []
    dotted = _DOTS.split(token)
    if len(dotted) > 1:  # 북·러, 北·中·露, 한·미·일의: each part one abbreviation, a particle on the last
        parts, offset = [], 0
        for index, part in enumerate(dotted):
            head = part[:1]
            rest = part[1:]
            last = index == len(dotted) - 1
            if head not in KOREAN_COUNTRY_ABBREVIATIONS or rest and not (last and _compound_tail_ok(head, rest)):
                return []
            parts.append((offset, offset + 1, KOREAN_COUNTRY_ABBREVIATIONS[head]))
            offset += len(part) + 1
        countries = [c for _, _, c in parts]
        return parts if len(set(countries)) == len(countries) else []
    best: list[tuple[int, int, str]] = []
    for length in range(min(len(token), 4), 1, -1):
        head, rest = token[:length], token[length:]
        if not all(ch in KOREAN_COUNTRY_ABBREVIATIONS for ch in head) or head in KOREAN_COMPOUND_EXCLUDED:
            continue
        countries = [KOREAN_COUNTRY_ABBREVIATIONS[ch] for ch in head]
        if len(set(countries)) != len(countries):
            continue
        if rest and not _compound_tail_ok(head, rest):
            continue
        best = [(i, i + 1, country) for i, country in enumerate(countries)]
        break
    return best


_DOTS = re.compile("[·・ㆍ‧]")


def _compound_tail_ok(head: str, rest: str) -> bool:
    if rest in KOREAN_PARTICLES and _particle_fits(head[-1], KOREAN_PARTICLES[rest][0]):
        return True
    for noun in KOREAN_COMPOUND_HEADS:
        if rest.startswith(noun):
            tail = rest[len(noun):]
            if not tail or tail in KOREAN_PARTICLES and _particle_fits(noun[-1], KOREAN_PARTICLES[tail][0]):
                return True
    return False


@functools.lru_cache(maxsize=1)
def korean_title_words() -> frozenset[str]:
    """Every word of `KOREAN_TITLES`: a token that is one of them, less a particle, is a title."""
    return frozenset(word for title in KOREAN_TITLES for word in title.split())


def korean_title(token: str) -> str | None:
    """The title word in a token, with any particle removed: 외무상은 -> 외무상; None if not a title."""
    words = korean_title_words()
    if token in words:
        return token
    for stem_len, _particle, _strong in korean_particle_splits(token):
        if token[:stem_len] in words:
            return token[:stem_len]
    for prefix in LEXICON.title_prefixes:  # 선임연구원(은): a title with a rank glued before it
        if token.startswith(prefix) and len(token) > len(prefix) + 1:
            rest = korean_title(token[len(prefix):])
            if rest and token[len(prefix):].startswith(rest):
                return token[:len(prefix) + len(rest)]
    return None


@functools.lru_cache(maxsize=65536)
def korean_name_stems(token: str) -> tuple[int, ...]:
    """Lengths shorter than the token at which a name may end inside a Hangul token, best first:
    the token less a particle (`korean_name_lengths`: 쇼이구를 -> 3), then less a title or form of
    address glued on, with or without a particle (KCNA's 김정은동지께서 -> 3, 뿌찐대통령이 -> 2,
    최선희동지와 -> 3). The name matcher takes the first that is a registry name; a name of one
    syllable (북, 러) only before a case particle (북은, 러와), never before a title."""
    if not token or not is_hangul(token[0]) or len(token) < 2:
        return ()
    whole = len(token)
    stems = [n for n in korean_name_lengths(token) if n < whole]
    if stems and stems[0] == 1 and token[1:] not in _ABBREVIATION_PARTICLES:
        stems = stems[1:]
    stems = [n for n in stems if n > 1 or token[1:] in _ABBREVIATION_PARTICLES]
    glued = _glued_titles()
    for k in range(whole - 1, 1, -1):
        rest = token[k:]
        if k not in stems and (rest in glued or any(rest[:n] in glued for n, _, _ in korean_particle_splits(rest))):
            stems.append(k)
    return tuple(stems)


@functools.lru_cache(maxsize=1)
def _glued_titles() -> frozenset[str]:
    """The one-word titles (동지, 대통령, 외무상): those a text may glue onto a name."""
    return frozenset(title for title in KOREAN_TITLES if " " not in title)


def inflected_organization_heads() -> frozenset[str]:
    """The Cyrillic organization head nouns of the lexicon, in their dictionary form."""
    return frozenset(w for w in LEXICON.inflected_organization_heads if has_cyrillic(w))


def noun_lemmas(word: str) -> frozenset[str]:
    """The dictionary forms a Russian word has as a noun ('Института' -> институт)."""
    return frozenset(p.normal_form for p in _known_parses(word.lower()) if "NOUN" in p.tag)


def is_adjective(word: str) -> bool:
    """Whether a Russian word can be a full adjective ('Главного', 'Дальневосточная')."""
    return any("ADJF" in p.tag for p in _known_parses(word.lower()))


def is_case(word: str, case: str) -> bool:
    """Whether some dictionary reading of a Russian noun or adjective is in `case` (gent, datv)."""
    return any(case in parse.tag and ("NOUN" in parse.tag or "ADJF" in parse.tag)
               for parse in _known_parses(word.lower()))


def nominative_phrase(words) -> str:
    """'Главного управления' -> 'Главное управление': adjectives and their head noun in the
    nominative, the adjectives agreeing with the head; each word keeps its capitalization."""
    parses = []
    for word in words:
        known = [p for p in _known_parses(word.lower()) if "NOUN" in p.tag or "ADJF" in p.tag]
        parses.append(known[0] if known else None)
    head = parses[-1]
    gender = head.tag.gender if head is not None else None
    number = head.tag.number if head is not None else None
    out = []
    for word, parse in zip(words, parses):
        form = None
        if parse is not None:
            wanted = {"nomn", number or "sing"} | ({gender} if "ADJF" in parse.tag and gender and number != "plur" else set())
            inflected = parse.inflect(wanted)
            form = inflected.word if inflected else None
        out.append(_match_case(form, word) if form else word)
    return " ".join(out)
