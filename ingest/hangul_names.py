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

from .models import Mention
from .morph import KOREAN_SURNAMES, korean_name_lengths, korean_particle_splits, korean_title, korean_title_words
from .registry import slugify

HANGUL_TOKEN = re.compile(r"[\uac00-\ud7a3]+")
NAME_LENGTH = 3
# Last syllables of the offices written between a name and its title (외교부, 국방성, 국정원,
# 대통령실, 위원회): ministry, agency, office, institute, committee, party, bureau...
OFFICE_FINALS = frozenset("부 성 청 처 원 회 당 실 국 군 관 대 단 위 소 사".split())
# Syllables that are also particles: a name candidate ending in one (조약은, 정부가) needs its
# title right after it, not an office and a title further on
PARTICLE_FINALS = frozenset("은 는 이 가 을 를 과 와 의 에 도 로 만".split())


def find_hangul_people(text: str, covered) -> list[tuple[Mention, str]]:
    """(mention, name) for each Korean personal name `text` gives a title to; `covered(start,
    end)` says whether a span is already a mention (an office or title that is one does not count)."""
    if not HANGUL_TOKEN.search(text):
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in HANGUL_TOKEN.finditer(text)]
    titles = korean_title_words()
    found = []
    for index, (start, end, token) in enumerate(tokens):
        if token[0] not in KOREAN_SURNAMES or len(token) < NAME_LENGTH or token in titles or korean_title(token):
            continue
        name = _glued_title_name(token) or _name_before_title(token, tokens, index, text)
        if not name or name in titles or covered(start, start + len(name)):
            continue
        found.append((Mention("person", f"person:{slugify(name)}", start, start + len(name), name, "unreviewed"),
                      name))
    return found


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
    if len(token) > NAME_LENGTH:  # a particle on the name ends its phrase: no title can follow it
        return None
    following = [t for t in tokens[index + 1:index + 3]]
    if not following or not _adjacent(text, tokens[index][1], following[0][0]):
        return None
    if korean_title(following[0][2]):
        return token
    office = following[1:] and following[0][2]
    if office and office[-1] in OFFICE_FINALS and token[-1] not in PARTICLE_FINALS \
            and _adjacent(text, following[0][1], following[1][0]) and korean_title(following[1][2]):
        return token  # '이재웅 외교부 대변인은': an office between the name and the title
    return None


def _adjacent(text: str, end: int, start: int) -> bool:
    return text[end:start] == " "
