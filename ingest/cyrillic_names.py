"""Russian personal names in Cyrillic that the registry lacks, found by evidence. Pure.

Russian copy names a person with a given name and a surname, in whatever case the sentence
needs (заместителя министра транспорта России Дмитрия Зверева, с главой района Павлом
Золотаревым). A run of two or three capitalized Cyrillic words is taken for a new person when

* it reads as a Russian personal name: the first word is a given name the dictionary knows, in
  some case, a middle patronymic may follow, and the surname fits that case and the given name's
  gender (`morph.russian_name_parse`, which also gives the nominative the person is stored as:
  Дмитрия Зверева -> Дмитрий Зверев);
* and the text gives evidence that it is someone's name: a title within the few words before it
  in the same clause (глава Глушковского района Павел Золотарев, научный сотрудник ИМЭМО РАН
  Павел Мещеряков) or right after it (Сергей Пономарев, глава района), a speech verb right
  before it or a word or two before it («...», — сказал Игорь Самойленко; — вспоминает
  пенсионерка Нина Кравцова) or right after it (Павел Золотарев заявил), or `по словам` before it;
* and no mention already covers it (a registry name, an organization).

A capitalized word alone is never a name; two words without evidence are left alone (a street,
a ship, a prize named after someone). Precision first.
"""

from __future__ import annotations

import re

from . import morph
from .lexicon import LEXICON
from .models import Mention
from .registry import slugify
from .text import opens_sentence

CYRILLIC = re.compile("[\u0400-\u04ff]")
CAPITALIZED = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![\w-])")
TITLE_REACH = 10  # words before the name read for a title, back to the clause's start
# guillemets do not break it: an organization's name in « » stands inside a title
# (генеральный директор туроператора «Полярная звезда» Дмитрий Никитин)
CLAUSE_BREAK = re.compile(r"[,.;:!?\"“”„()—–]|\s-\s")
_WORD = re.compile(r"[\w-]+")


def find_cyrillic_people(text: str, covered) -> list[tuple[Mention, str]]:
    """(mention, nominative name) for each Russian personal name `text` gives evidence for;
    `covered(start, end)` says whether a span is already a mention."""
    if not CYRILLIC.search(text):
        return []
    words = [(m.start(), m.end(), m.group()) for m in CAPITALIZED.finditer(text)]
    found = []
    i = 0
    while i < len(words) - 1:
        run = [words[i]]
        while len(run) < 3 and i + len(run) < len(words) and text[run[-1][1]:words[i + len(run)][0]] == " ":
            run.append(words[i + len(run)])
        hit = None
        if len(run) == 3 and _korean_shape([w for _, _, w in run]):
            hit = (3, (run[0][2], f"{run[1][2]} {run[2][2]}"))  # Ким Чжон Гю: not the Russian given name Ким
        for n in range(len(run), 1, -1):
            if hit:
                break
            parsed = morph.russian_name_parse([w for _, _, w in run[:n]])
            if parsed:
                hit = (n, parsed)
        if hit is None:
            i += 1
            continue
        n, (given, surname) = hit
        start, end = run[0][0], run[n - 1][1]
        if covered(start, end) or not _evidence(text, start, end):
            i += n
            continue
        name = f"{given} {surname}"
        if "ё" not in text[start:end].lower():
            name = name.replace("ё", "е")  # Золотарев as the text writes it, not the dictionary's Золотарёв
        found.append((Mention("person", f"person:{slugify(name)}", start, end, text[start:end], "unreviewed"), name))
        i += n
    return found


def _korean_shape(words: list[str]) -> bool:
    """Ким Чжон Гю, Ли Сон Гвон: an East Asian family name and two one-syllable given-name
    parts, none of them inflected (a Korean name's last part takes Russian case endings only
    where it ends in a consonant, and such a name then stands as written in the nominative)."""
    return words[0].lower() in morph.EAST_ASIAN_SURNAMES_CYR and all(len(w) <= 5 for w in words[1:]) \
        and not any("-" in w for w in words)


def _evidence(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 200):start]
    clause = CLAUSE_BREAK.split(before)[-1]
    previous = [w.lower() for w in _WORD.findall(clause)][-TITLE_REACH:]
    titles = morph.russian_title_words()
    if any(w in titles for w in previous):
        return True
    tail = before.rstrip().split()
    if tail and (tail[-1].lower() in RUSSIAN_VERBS or before.rstrip().lower().endswith(ACCORDING_TO)):
        return True
    if any(w in RUSSIAN_VERBS for w in previous[-3:]):
        return True  # '— вспоминает пенсионерка Нина Кравцова': the speech verb, then who she is
    following = text[end:end + 120]
    if following.startswith(", "):  # 'Сергей Пономарев, глава Суджанского района': a title after it
        appositive = [w.lower() for w in _WORD.findall(CLAUSE_BREAK.split(following[2:])[0])][:2]
        if any(len(w) > 2 and w in titles for w in appositive):  # the title opens it, not 'и' inside one
            return True
    after = following.split()
    return bool(after) and after[0].strip(",.").lower() in RUSSIAN_VERBS


RUSSIAN_VERBS = frozenset(w for w in LEXICON.speech_verbs | LEXICON.attribution_verbs if CYRILLIC.search(w))
ACCORDING_TO = tuple(p for p in LEXICON.according_to if CYRILLIC.search(p) and "{src}" not in p)


_IN_GUILLEMETS = re.compile(r"(?<![\w-])([А-Яа-яЁё-]+)\s+«(?P<name>[^«»\n]{2,60}?)»")


def find_cyrillic_organizations(text: str, covered) -> list[tuple[Mention, str]]:
    """(mention, name) for each organization Russian copy names in « » after a noun for its kind
    (туроператора «Полярная звезда», агентства «Транспортная аналитика»): the name as written,
    without the marks, unless a mention already covers it."""
    if "«" not in text:
        return []
    nouns = morph.russian_organization_noun_forms()
    found = []
    for match in _IN_GUILLEMETS.finditer(text):
        if match.group(1).lower() not in nouns:
            continue
        start, end = match.span("name")
        name = match.group("name").strip()
        if not re.match(r"[A-ZА-ЯЁ0-9]", name) or covered(start, end):
            continue
        found.append((Mention("organization", f"organization:{slugify(name)}", start, end, text[start:end],
                              "unreviewed"), name))
    return found


_RU_WORD = re.compile(r"[А-ЯЁа-яёA-Z]+(?:-[А-ЯЁа-яё]+)*")
MAX_COMPLEMENT = 7  # words of a complement after the head ('Института Китая и современной Азии РАН')


def find_russian_organizations_by_shape(text: str, covered, place=lambda start, end: False
                                        ) -> list[tuple[Mention, str]]:
    """(mention, nominative name) for each organization Russian copy names by the shape of its
    name: a capitalized first word, a head noun of ru.yml's inflected_organization_heads within
    its first three words (adjectives before it), then a complement the grammar holds together —
    genitive words, 'и' between them, 'по' with dative words, an acronym (РАН). Russian
    capitalizes only the first word of a name, so a capital is evidence only mid-sentence: at a
    sentence's start the complement must hold a capitalized word or an acronym ('Министерство
    природных ресурсов' opening a sentence is left alone; 'Центр города' is no name). A name
    needs a complement or an adjective before its head; `covered(start, end)` (a person, an
    organization already found) rules a span out, and so does `place(start, end)` on the
    name's first words: 'Российской Федерации' is a country; a place in the complement stays
    ('Института Китая ...')."""
    heads = morph.inflected_organization_heads()
    if not heads:
        return []
    words = [(m.start(), m.end(), m.group()) for m in _RU_WORD.finditer(text)]
    found, i = [], 0
    while i < len(words):
        start, end, word = words[i]
        if not (word[:1].isupper() and CYRILLIC.match(word) and not word.isupper()) or covered(start, end) \
                or place(start, end):
            i += 1
            continue
        span = _organization_span(text, words, i, heads, covered)
        if span is None:
            i += 1
            continue
        last, name = span
        s, e = start, words[last][1]
        found.append((Mention("organization", f"organization:{slugify(name)}", s, e, text[s:e], "unreviewed"), name))
        i = last + 1
    return found


def _organization_span(text: str, words, i: int, heads: frozenset, covered) -> tuple[int, str] | None:
    """(index of the name's last word, its nominative name) for a name starting at words[i]; a
    word `covered` ends it ('... сотрудничества Минобороны России': the ministry is the registry's)."""
    head = None
    for k in range(i, min(i + 3, len(words))):
        if k > i and text[words[k - 1][1]:words[k][0]] != " ":
            return None
        if morph.noun_lemmas(words[k][2]) & heads:
            head = k
            break
        if not morph.is_adjective(words[k][2]) or (k > i and words[k][2][:1].isupper()):
            return None
    if head is None:
        return None
    last, capital_inside, j = head, False, head + 1
    while j < len(words) and j - head <= MAX_COMPLEMENT and text[words[j - 1][1]:words[j][0]] == " ":
        word = words[j][2]
        if covered(words[j][0], words[j][1]):
            break
        if word in ("и", "по"):  # a conjunction or preposition inside the name, never its end
            if word == "и" and j + 1 < len(words) and not words[j + 1][2][:1].islower():
                break  # 'Российской Федерацией и КНДР': 'и' joins another name, the name ended
            j += 1
            continue
        if word.isupper() and len(word) >= 2 or len(word) >= 3 and morph.is_case(word, "gent" if words[j - 1][2] != "по" and
                                                             not _after_po(words, j) else "datv"):
            last, j = j, j + 1
            capital_inside = capital_inside or word[:1].isupper()
            continue
        break
    # what makes it a name: a capitalized word or acronym after the head, or two words beside
    # the head ('Центр корейских исследований'); 'Министерства обороны', 'Генерального штаба'
    # are any country's, left to the registry's generic names
    beside = (head - i) + sum(1 for w in words[head + 1:last + 1] if w[2] not in ("и", "по"))
    at_sentence_start = opens_sentence(text, words[i][0], " «\"“„(", ".!?\n:—–")
    if not (capital_inside or beside >= 2) or at_sentence_start and not capital_inside:
        return None
    return last, morph.nominative_phrase([w for _, _, w in words[i:head + 1]]) + (
        " " + text[words[head + 1][0]:words[last][1]] if last > head else "")


def _after_po(words, j: int) -> bool:
    """Whether words[j] stands in a 'по ...' phrase (по международным делам): dative, not genitive."""
    k = j - 1
    while k >= 0 and words[k][2] not in ("по", "и") and j - k <= 3:
        k -= 1
    return k >= 0 and words[k][2] == "по"

