"""Korean-language personal names the registry lacks, found by the title written after them. Pure.

Korean copy writes a person's title after the name: 이재웅 외교부 대변인은, 김지연 기자 =,
조태열 외교부 장관, 박선원 의원이; North Korean copy glues an address on: 조용원동지. A Hangul
token is taken for a new person's name when

* it is a family name syllable and two more (the usual length of a Korean name) — read with the
  particle rules of ingest.morph, so 이재웅은 is 이재웅 and 정부는 (the government + topic) is not
  a name: the best reading of its length must be the three syllables;
* a title follows: the next token is a title word (외무상, 대변인, 기자, 의원...; a particle may be
  glued on), or the one after it is and the token between names the office (외교부 대변인), or a
  title is glued onto the name itself (김지연기자, 조용원동지);
* it is no title word, registry name or other mention already found.

Names of two or four syllables and foreign names written in Hangul (매슈 밀러) are left alone:
too many ordinary words have those shapes. Precision first.
"""

from __future__ import annotations

import re

from .lexicon import LEXICON
from .models import Mention
from .morph import KOREAN_SURNAMES, korean_name_lengths, korean_particle_splits, korean_title, korean_title_words
from .registry import slugify

HANGUL_TOKEN = re.compile(r"[\uac00-\ud7a3]+")
NAME_LENGTH = 3
MAX_OFFICES = 2  # offices written between a name and its title
# Last syllables of the offices written between a name and its title (외교부 대변인), and the
# syllables that are also particles: ko.yml's office_finals and particle_finals.
OFFICE_FINALS = LEXICON.office_finals
PARTICLE_FINALS = LEXICON.particle_finals
INSTITUTION_FINALS = LEXICON.institution_finals
# Hangul words that open a phrase before a title but are never a name
NON_NAME_WORDS = frozenset(w for w in LEXICON.never_name_words if HANGUL_TOKEN.fullmatch(w))


def find_hangul_people(text: str, covered) -> list[tuple[Mention, str]]:
    """(mention, name) for each Korean personal name `text` gives a title to; `covered(start,
    end)` says whether a span is already a mention (an office or title that is one does not count)."""
    if not HANGUL_TOKEN.search(text):
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in HANGUL_TOKEN.finditer(text)]
    titles = korean_title_words()
    found = []
    phrase_end = -1  # the end of the last name's title phrase: an office in it is no name
    for index, (start, end, token) in enumerate(tokens):
        if start < phrase_end:
            continue
        if token[0] not in KOREAN_SURNAMES or len(token) < NAME_LENGTH or token in titles or korean_title(token):
            continue
        name = _glued_title_name(token) or _name_before_title(token, tokens, index, text)
        if not name or name in titles or covered(start, start + len(name)):
            continue
        if len(name) == len(token) and _foreign_name_before_title(tokens, index, text, covered, titles, True):
            continue  # '하야시 요시마사 관방장관은': a Korean name before an office, or a foreign name? neither
        found.append((Mention("person", f"person:{slugify(name)}", start, start + len(name), name, "unreviewed"),
                      name))
        phrase_end = _title_phrase_end(tokens, index, text)
    taken = {m.char_start for m, _ in found}
    for index in range(len(tokens) - 2):
        span = _foreign_name_before_title(tokens, index, text, covered, titles)
        if span and span[0] not in taken and not any(span[0] < a < span[1] for a in taken):
            name = text[span[0]:span[1]]
            found.append((Mention("person", f"person:{slugify(name)}", span[0], span[1], name, "unreviewed"), name))
    found.sort(key=lambda f: f[0].char_start)
    return found


def _foreign_name_before_title(tokens, index: int, text: str, covered, titles, either: bool = False
                               ) -> tuple[int, int] | None:
    """'매슈 밀러 미 국무부 대변인은', '하야시 요시마사 일본 관방장관은': a foreign name written in Hangul,
    given name and surname, with a title after it — directly, or after the country or office the
    text names (a mention already found). Both words are bare (no particle), no title word, and
    no word that is never a name (이번, 정부...)."""
    (s0, e0, first), (s1, e1, second) = tokens[index], tokens[index + 1]
    if not (2 <= len(first) <= 5 and 2 <= len(second) <= 6) or not _adjacent(text, e0, s1):
        return None
    for word in (first, second):
        if word in titles or korean_title(word) or word in NON_NAME_WORDS or korean_particle_splits(word) \
                and korean_name_lengths(word)[0] != len(word):
            return None
    if covered(s0, e1):
        return None
    if not either and len(first) == NAME_LENGTH and first[0] in KOREAN_SURNAMES and second[-1] in OFFICE_FINALS:
        return None  # '김영호 국방부 장관' reads as a Korean name and an office as well: left to neither
    if len(second) == NAME_LENGTH and second[0] in KOREAN_SURNAMES:
        return None  # '간사인 김도윤 국민의힘 의원이': the Korean name before the title, not a foreign one
    if len(second) >= 3 and second[-1] in INSTITUTION_FINALS:
        return None  # '최은정 국립외교원 연구위원': a name and its institution, not a foreign name
    end = e1
    for s, e, word in tokens[index + 2:index + 5]:
        if not _adjacent(text, end, s):
            return None
        if korean_title(word):
            return s0, e1
        if not covered(s, e):
            return None  # only a country or office already named stands between name and title
        end = e
    return None


def _glued_title_name(token: str) -> str | None:
    """'김지연기자' -> '김지연', '조용원동지께서' -> '조용원'."""
    rest = token[NAME_LENGTH:]
    if not rest:
        return None
    title = korean_title(rest)
    return token[:NAME_LENGTH] if title and rest.startswith(title) else None


def _name_before_title(token: str, tokens, index: int, text: str) -> str | None:
    lengths = korean_name_lengths(token)
    if not lengths or lengths[0] != NAME_LENGTH:
        return None
    end = tokens[index][1]
    slash = re.match(r" ?/ ?", text[end:end + 3])
    if len(token) == NAME_LENGTH and slash:
        # a broadcast label's '정성훈/통일연구원 선임연구위원 :' ('한승모 / ...'): name, slash, title before the colon
        label = text[end + slash.end():end + 60].split(":", 1)
        words = label[0].split() if len(label) == 2 and "\n" not in label[0] else []
        return token if words and korean_title(words[-1]) else None
    if len(token) > NAME_LENGTH:  # a particle on the name ends its phrase: no title can follow it
        return None
    following = tokens[index + 1:index + 2 + MAX_OFFICES]
    if not following or not _adjacent(text, end, following[0][0]):
        return None
    if korean_title(following[0][2]):
        return token
    if token[-1] in PARTICLE_FINALS:
        return None
    # one or two offices between the name and the title: '이재웅 외교부 대변인은', '양승호 경남대
    # 극동문제연구소 교수는'
    for k, (start, stop, word) in enumerate(following):
        if not _adjacent(text, end, start):
            return None
        if k and korean_title(word):
            return token
        if word[-1] not in OFFICE_FINALS or k and len(word) == NAME_LENGTH and word[0] in KOREAN_SURNAMES:
            return None  # '간사인 더불어민주당 박선원 의원이': the name is the one before the title
        end = stop
    return None


def _title_phrase_end(tokens, index: int, text: str) -> int:
    """Where the title after the name at `index` ends (its offices and the title word)."""
    end = tokens[index][1]
    for start, stop, word in tokens[index + 1:index + 2 + MAX_OFFICES]:
        if not _adjacent(text, end, start):
            break
        end = stop
        if korean_title(word):
            break
    return end


# what may stand between the words of a name's title phrase: a space, or an institution's
# acronym in brackets ('한국국방연구원(KIDA) 책임연구위원')
_BETWEEN = re.compile(r" |\([A-Z][A-Za-z&]{1,9}\) ")


def _adjacent(text: str, end: int, start: int) -> bool:
    return bool(_BETWEEN.fullmatch(text, end, start))
