"""Text + known mentions -> people the registry does not know. Pure.

Precision matters more than recall: a capitalized name becomes a person only with evidence
(a title before it, an attribution verb next to it, an appositive such as ", a senior
researcher", or the shape of a Korean or Russian name), and never when a word of it is a
month, a weekday, a place word (Square, River, Palace...), an organization word or a
registry place. (Organizations and landmarks the registry lacks are found by their shape:
ingest/shapes.py.) Later bare surnames of a new person resolve to it.
"""

from __future__ import annotations

import re

from .lexicon import LEXICON
from .models import Mention
from .registry import Registry, slugify
from .roles import head_before_preposition

# The words live in ingest/lexicon/*.yml, the patterns built from them in lexicon.Patterns.
_P = LEXICON.patterns
NAME_WORD = _P.name_word
NAME_RUN = re.compile(rf"(?<![\w-]){NAME_WORD}(?: {NAME_WORD}){{1,9}}(?![\w-])")
TITLE_MODIFIERS = LEXICON.title_modifiers  # "First Vice Foreign Minister": words of a title before its head
# Title heads and forms of address ("Mr", "Herr", "Comrade"): evidence that a name follows
TITLE_HEADS = LEXICON.title_heads | set(LEXICON.honorifics) | LEXICON.title_abbreviations
ATTRIBUTION = _P.attribution_after  # "Kim Yong Chol said"
ATTRIBUTION_BEFORE = _P.attribution_before  # "said Kim Yong Chol", "according to Kim Yong Chol"
APPOSITIVE = _P.appositive  # "Kim Yong Chol, a senior researcher"
PART_OF_LONGER_NAME = _P.part_of_longer_name  # "Institute for " before a name run
# "Vice Minister of ", "Minister for Foreign Trade ": a title whose object runs into the name
TITLE_OF = re.compile(rf"\b(?i:{'|'.join(sorted(map(re.escape, LEXICON.title_heads), key=len, reverse=True))})"
                      r"s? (?:of|for) (?:the )?$")
# 'the tour operator Vostok Intur', 'the airline Air Koryo': a name after a noun for a kind of
# organization is that organization
ORGANIZATION_NOUN_BEFORE = _P.organization_noun_before
_OF_ENDINGS = (" of ", " for ", " of the ", " for the ")  # what TITLE_OF needs: a cheap test first
# "Minister of Physical Culture and Sports Kim Il Guk": a title whose object has two parts
TITLE_OF_AND = re.compile(TITLE_OF.pattern[:-1] + rf"(?:{_P.name_word} ){{1,4}}(?:and|&) $")
_AND_ENDINGS = (" and ", " & ")
KOREAN_SURNAMES = LEXICON.korean_surnames
RUSSIAN_GIVEN = LEXICON.russian_given_names
CHINESE_SURNAMES = LEXICON.chinese_surnames
# "Sergei Viktorovich", "Irina Vladimirovna": a given name and patronymic address someone whose
# surname is elsewhere; never a new person of their own
PATRONYMIC = re.compile(rf"(?:{'|'.join(sorted(LEXICON.patronymic_endings, key=len, reverse=True))})$")
# "V.V. Volodin", "A.Yu. Rudenko", "G. A. Zyuganov": initials before a surname
# (a surname of three letters or more: in 'Ли Гван Хо. Он сообщил' a name ends and a pronoun follows)
INITIALS_NAME = re.compile(r"(?<![\w.])(?P<initials>(?:[A-ZА-ЯЁ][a-zа-яё]?\. ?){1,2})(?P<surname>[A-ZА-ЯЁ][a-zа-яё]{2,}"
                           r"(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)(?![\w-])")
# Words that are never part of a name: time, places, organizations, nationalities, function words
NON_NAME_WORDS = frozenset().union(
    LEXICON.months, LEXICON.weekdays, LEXICON.place_words, LEXICON.organization_words, LEXICON.direction_words,
    LEXICON.nationality_words, (w for w in LEXICON.demonyms if " " not in w), LEXICON.sentence_openers,
    LEXICON.definite_articles, LEXICON.indefinite_articles, LEXICON.honorifics, LEXICON.never_name_words)
_COMPOUND_TITLE = re.compile(rf"(?:{'|'.join(sorted(LEXICON.compound_title_heads, key=len, reverse=True))})$"
                             if LEXICON.compound_title_heads else r"(?!)")
# a definite article right before a name: a person's name takes none ('the Nikolai Vilkov' is a ship)
ARTICLE_BEFORE = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(LEXICON.definite_articles, key=len, reverse=True))})\s$",
                            re.I)
# ... nor is a title word part of a person's name
REJECT_WORDS = NON_NAME_WORDS | LEXICON.title_heads | LEXICON.title_modifiers


class Covered:
    """Character spans already claimed by a mention; constant-time checks on long texts."""

    def __init__(self, length: int, spans=()):
        self.flags = bytearray(length + 1)
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.flags[start:end]


def find_new_names(text: str, known: list[Mention], registry: Registry) -> tuple[list[Mention], dict[str, str]]:
    """Mentions of people not in the registry, and their names by key."""
    covered = Covered(len(text), [(m.char_start, m.char_end) for m in known])
    registry_words = registry.single_word_place_names
    found: list[Mention] = []
    names: dict[str, str] = {}
    for match in NAME_RUN.finditer(text):
        start, end, name = _trim_titles(match.start(), match.group(), covered)
        before = text[max(0, start - 60):start]
        after_title = before.endswith(_OF_ENDINGS) and TITLE_OF.search(before) \
            or before.endswith(_AND_ENDINGS) and TITLE_OF_AND.search(text[max(0, start - 120):start])
        if name and after_title:  # "Vice Minister of Railways Kang Chol Min": the title's object, then the name
            start, end, name = _name_after_title_object(start, name)
        elif not name or (PART_OF_LONGER_NAME.search(text[max(0, start - 40):start])
                          and not _after_person_and(text, start, found)):
            continue
        if not name or _overlaps(start, end, covered):
            continue
        words = name.split()
        if not 2 <= len(words) <= 4 or any(_rejected(w, i, words, registry_words) for i, w in enumerate(words)):
            continue
        if len(words) == 2 and PATRONYMIC.search(words[1].lower()) and words[0].lower() in RUSSIAN_GIVEN:
            continue
        if ORGANIZATION_NOUN_BEFORE.search(text, max(0, start - 40), start):
            # 'the tour operator Vostok Intur said': what the noun before it says it is, not a person
            key = f"organization:{slugify(name)}"
            names[key] = name
            found.append(Mention("organization", key, start, end, name, "unreviewed"))
            covered.append((start, end))
            continue
        if not after_title and ARTICLE_BEFORE.search(before):
            continue  # 'the Nikolai Vilkov', 'the Admiral Kuznetsov': a ship, a company, no person
        evidence = "title" if after_title else _person_evidence(text, start, end, words)
        if not evidence:
            continue
        key = f"person:{slugify(name)}"
        names[key] = name
        found.append(Mention("person", key, start, end, name, "unreviewed"))
        covered.append((start, end))
    for mention, name in _initials_names(text, covered, registry, found + list(known)):
        found.append(mention)
        if name:
            names[mention.entity_key] = name
        covered.append((mention.char_start, mention.char_end))
    found.sort(key=lambda m: m.char_start)
    return found, names


def _after_person_and(text: str, start: int, people: list[Mention]) -> bool:
    """'Alexander Babakov and Irina Yarovaya': the run before 'and' is a person just found."""
    before = text[max(0, start - 5):start]
    return before.endswith(" and ") and any(m.char_end == start - 5 for m in people[-2:])


def _name_after_title_object(start: int, run: str) -> tuple[int, int, str | None]:
    """In 'Railways Kang Chol Min' (after 'Vice Minister of '), the name is where a Korean,
    Russian or Chinese name's shape begins; with no such shape, nothing is taken."""
    words = run.split(" ")
    for k in range(1, len(words) - 1):
        rest, first = words[k:], words[k].lower()
        if (first in KOREAN_SURNAMES and _korean_given(rest[1:])) or (first in RUSSIAN_GIVEN and len(rest) == 2) \
                or (first in CHINESE_SURNAMES and len(rest) == 2):
            offset = len(" ".join(words[:k])) + 1
            name = " ".join(rest)
            return start + offset, start + offset + len(name), name
    return start, start, None


def _initials_names(text: str, covered: Covered, registry: Registry, named: list[Mention] = ()
                    ) -> list[tuple[Mention, str | None]]:
    """'V.V. Volodin', 'A.Yu. Rudenko': the registry person of that surname whose given name has
    that initial; else the one person the text names in full with those initials ('Andrei
    Valerievich Kartapolov' for 'A.V. Kartapolov'); else a new person named as written when a
    title or speech verb is next to it."""
    found = []
    if "." not in text:
        return found
    in_full: dict[str, set[tuple[str, str]]] = {}  # surname -> (initials, key) of people named in full
    for mention in named:
        words = mention.surface.split()
        if mention.entity_type == "person" and len(words) >= 2 and "." not in mention.surface:
            in_full.setdefault(words[-1], set()).add(("".join(w[0] for w in words[:-1]), mention.entity_key))
    for match in INITIALS_NAME.finditer(text):
        start, end = match.span()
        surname = match["surname"]
        if covered.overlaps(start, end) or surname.lower() in REJECT_WORDS:
            continue
        initial = match["initials"][0]
        people = [p for p in registry.people_with_surname(surname) if p.name[:1] == initial
                  or any(n[:1] == initial and n.split()[-1] == surname for n in p.aliases)]
        if len(people) == 1:
            found.append((Mention("person", people[0].key, start, end, match.group(), "initials"), None))
            continue
        initials = "".join(ch for ch in match["initials"] if ch.isupper())
        written = {key for letters, key in in_full.get(surname, ()) if letters.startswith(initials)}
        if not people and len(written) == 1:
            found.append((Mention("person", written.pop(), start, end, match.group(), "initials"), None))
            continue
        if people or not _person_evidence(text, start, end, match.group().split()):
            continue
        name = re.sub(r"\.\s+", ".", match["initials"]).rstrip() + " " + surname
        found.append((Mention("person", f"person:{slugify(name)}", start, end, match.group(), "unreviewed"), name))
    return found


def _rejected(word: str, position: int, words: list[str], registry_words) -> bool:
    """Whether a word cannot be part of a person's name. A Korean surname that is also a word
    ("Park", "Song") is one when a Korean given name follows it."""
    lowered = word.lower().strip("'’")
    if position == 0 and lowered in KOREAN_SURNAMES and _korean_given(words[1:]):
        return False
    # 'King's College London, said': an organization's head word is in no one's name
    return lowered in REJECT_WORDS or word.lower() in registry_words or lowered in LEXICON.organization_heads


def _korean_given(words: list[str]) -> bool:
    """'Sun-won', 'Dong-hoon', 'Chol Min': the given name of a romanized Korean name."""
    return (len(words) == 1 and "-" in words[0]) or (len(words) == 2 and all(len(w) <= 5 for w in words))


def _title_word(word: str) -> bool:
    """A title word, also in the plural ("Deputy Chairmen Alexander Babakov and Irina Yarovaya")
    or as the last part of a compound ("Korea-Experte", "Nordkorea-Forscherin", "CDU-Politiker")."""
    lowered = word.lower().rstrip(".")
    if lowered in TITLE_HEADS or lowered in TITLE_MODIFIERS:
        return True
    if "-" in lowered and lowered.rsplit("-", 1)[1] in LEXICON.title_heads:
        return True
    if word[:1].isupper() and (compound := _COMPOUND_TITLE.search(lowered)) and compound.start() >= 3:
        return True  # 'Verkehrsminister', 'Osteuropahistorikerin
    singular = lowered[:-3] + "man" if lowered.endswith("men") else lowered[:-1] if lowered.endswith("s") else None
    return singular in LEXICON.title_heads if singular else False


def _trim_titles(start: int, run: str, covered: list[tuple[int, int]]) -> tuple[int, int, str]:
    """'South Korea's First Vice Foreign Minister Kim Hong-kyun's' -> 'Kim Hong-kyun': titles, words
    of names already matched and a possessive ending are context, not part of the name."""
    words = run.split(" ")
    while words and (_title_word(words[0]) or words[0].endswith(("'s", "’s"))
                     or words[0].lower() in REJECT_WORDS and not (words[0].lower() in KOREAN_SURNAMES
                                                                  and _korean_given(words[1:]))
                     or _overlaps(start, start + len(words[0]), covered)):
        start += len(words[0]) + 1
        words = words[1:]
    for i, word in enumerate(words):
        if _overlaps(start + len(" ".join(words[:i])) + (1 if i else 0),
                     start + len(" ".join(words[:i + 1])), covered):
            words = words[:i]
            break
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    name = " ".join(words)
    return start, start + len(name), name


def _overlaps(start: int, end: int, spans) -> bool:
    if isinstance(spans, Covered):
        return spans.overlaps(start, end)
    return any(start < b and a < end for a, b in spans)


def _person_evidence(text: str, start: int, end: int, words: list[str]) -> str | None:
    before = text[max(0, start - 60):start]
    after = text[end:end + 80]
    prev_words = re.findall(r"[\w'’.-]+", before)
    if prev_words and _title_word(prev_words[-1]) and not re.search(r"[,;:]\s*$", before):
        return "title"
    if ATTRIBUTION.match(after) or ATTRIBUTION_BEFORE.search(before.rstrip(" ,")):
        return "attribution"
    appositive = APPOSITIVE.match(after)
    if appositive and _titled(re.split(r"[\s-]+", appositive.group("words"))[:6]):
        return "appositive"
    first = words[0].lower()
    if first in KOREAN_SURNAMES and 2 <= len(words) <= 3 and all(len(w) <= 10 for w in words[1:]) and \
            (len(words) == 3 or "-" in words[1]):
        return "korean-name"
    if first in RUSSIAN_GIVEN and (len(words) == 2 or len(words) == 3 and PATRONYMIC.search(words[1].lower())):
        return "russian-name"  # 'Sergei Shoigu', 'Gennady Andreyevich Zyuganov'
    return None


def _titled(words: list[str]) -> bool:
    """The words of an appositive hold a title or relation head before any preposition: ', a
    senior researcher at ...' does; ', the birthday of Kim's late father' does not."""
    return head_before_preposition([w.lower() for w in words], _appositive_head) is True


def _appositive_head(word: str) -> bool:
    return word in TITLE_HEADS or word in LEXICON.relation_heads


def merge_mentions(known: list[Mention], new: list[Mention]) -> list[Mention]:
    """Registry and new mentions in text order; a place inside a new organization's name is dropped."""
    orgs = [(m.char_start, m.char_end) for m in new if m.entity_type == "organization"]
    kept = [m for m in known if not any(a <= m.char_start and m.char_end <= b for a, b in orgs)]
    return sorted(kept + new, key=lambda m: m.char_start)
