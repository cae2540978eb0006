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
