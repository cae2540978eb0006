"""Names in Cyrillic and Hangul -> ASCII, for slugs (URLs stay ASCII). Pure.

Cyrillic follows the BGN/PCGN-style spelling English copy uses (Сергей Кобылаш -> Sergey
Kobylash); Hangul the Revised Romanization, syllable by syllable (이재웅 -> Ijaeung), computed
from the syllable's letters. Any other letter outside Latin is written as its code point (北 ->
u5317), so two names never share a slug by losing their letters. This is for keys, not for
display: the name itself is stored as written.
"""

from __future__ import annotations

import unicodedata

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}
# Revised Romanization of the letters of a Hangul syllable: initial, medial, final
INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3


def romanize(text: str) -> str:
    """`text` with its Cyrillic and Hangul letters in Latin ones; other non-Latin letters as uXXXX."""
    if text.isascii():  # most names and headlines: nothing to do, and no per-letter loop
        return text
    out = []
    for ch in text:
        low = ch.lower()
        if low in CYRILLIC:
            latin = CYRILLIC[low]
            out.append(latin.capitalize() if ch != low else latin)
        elif HANGUL_FIRST <= ord(ch) <= HANGUL_LAST:
            index = ord(ch) - HANGUL_FIRST
            initial, medial, final = index // 588, index % 588 // 28, index % 28
            out.append(INITIALS[initial].replace("-", "") + MEDIALS[medial] + FINALS[final])
        elif ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            out.append(f" u{ord(ch):04x} ")
        else:
            out.append(ch)
    return "".join(out)


# North Korean copy writes Russian names with tense consonants where South Korean copy writes
# aspirated ones (뿌찐 for 푸틴, 꾸르스크 for 쿠르스크, 스따로보이뜨 for 스타로보이트), and ти as 찌
# (a final к or п keeps its letter: 꾸르스크).
# Initial consonants: ㅊ 14 -> ㅉ 13, ㅋ 15 -> ㄲ 1, ㅌ 16 -> ㄸ 4, ㅍ 17 -> ㅃ 8.
_DPRK_INITIALS = {14: 13, 15: 1, 16: 4, 17: 8}
_MEDIAL_I = 20  # ㅣ
_MEDIAL_EU = 18  # ㅡ


def north_korean_spelling(name: str) -> str:
    """The North Korean spelling of a Russian name written the South Korean way:
    '미하일 미슈스틴' -> '미하일 미슈스찐', '올레그 코제먀코' -> '올레그 꼬제먀꼬'. Other letters
    are kept; a name with nothing to change comes back as it is."""
    out = []
    for ch in name:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            medial = rest // 28
            if initial == 16 and medial == _MEDIAL_I:
                initial = 13  # 티 -> 찌, 틴 -> 찐
            elif initial in (15, 17) and medial == _MEDIAL_EU:
                pass  # a final к or п stays: 꾸르스크
            else:
                initial = _DPRK_INITIALS.get(initial, initial)
            ch = chr(0xAC00 + initial * 588 + rest)
        out.append(ch)
    return "".join(out)
