"""The shared date vocabulary."""

import itertools
import re

import pytest

from ingest import dates


def plain_alternation(words: dict[str, bool]) -> str:
    """The obvious form of the same regex: every word, longest first, a dot where allowed."""
    return "(?:%s)" % "|".join(rf"{re.escape(w)}\.?" if dot else re.escape(w)
                               for w, dot in sorted(words.items(), key=lambda item: len(item[0]), reverse=True))


@pytest.mark.parametrize("words", [
    {name: len(name) <= 4 for name in dates.MONTHS},
    {name: False for name in dates.WEEKDAYS},
    {"a": True, "ab": False, "abc": True, "b": False},
])
def test_word_alternation_matches_exactly_what_the_plain_alternation_matches(words):
    trie = re.compile(dates.word_alternation(words) + r"(?P<rest>\.?\w*)", re.I)
    plain = re.compile(plain_alternation(words) + r"(?P<rest>\.?\w*)", re.I)
    texts = [w + tail for w in words for tail in ("", ".", "..", "x", ". 5", "e", "y.")]
    texts += [w.upper() for w in words] + ["".join(p) for p in itertools.product("ajunm.e", repeat=4)]
    for text in texts:
        a, b = trie.match(text), plain.match(text)
        assert (a and (a.group(), a["rest"])) == (b and (b.group(), b["rest"])), text
