"""Shared wire copy: passages two articles have in common (the same AFP/Reuters lead run by two
outlets). Pure: hashing and comparison only; the loader stores and looks up the hashes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

SHINGLE_WORDS = 8
SAMPLE = 8  # keep one shingle hash in SAMPLE (by value), so the index stays small
MIN_PASSAGE_WORDS = 20  # a sentence or more: shorter shared runs are set phrases, not copy
MIN_SHARED_WORDS = 25
MIN_SHARED_SHINGLES = 3  # sampled shingles two articles must share to be compared
MAX_SHINGLE_ARTICLES = 50  # a shingle in more articles than this is boilerplate, not wire copy
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SharedCopy:
    passages: list[tuple[int, int]]  # (char_start, char_end) in the first article's body
    shared_words: int
    similarity: float  # shared words / words of the shorter article


def _words(body: str) -> list[re.Match]:
    return list(WORD.finditer(body))


def shingle_hashes(body: str) -> list[int]:
    """Sampled hashes of the body's 8-word shingles (signed 64-bit, stable across runs)."""
    words = [w.group().lower() for w in _words(body)]
    hashes = set()
    for i in range(len(words) - SHINGLE_WORDS + 1):
        digest = hashlib.blake2b(" ".join(words[i:i + SHINGLE_WORDS]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big", signed=True)
        if value % SAMPLE == 0:
            hashes.add(value)
    return sorted(hashes)


class Words:
    """A body's words with their offsets, tokenized once and compared against many others."""

    def __init__(self, body: str):
        self.matches = _words(body)
        self.lower = [w.group().lower() for w in self.matches]


def shared_copy(body: str | Words, other: str | Words) -> SharedCopy | None:
    """The passages of `body` that also appear in `other` (runs of words covered by shared
    8-word shingles), or None if they share too little. Linear in the two lengths."""
    a_tokens = body if isinstance(body, Words) else Words(body)
    b_tokens = other if isinstance(other, Words) else Words(other)
    a, b = a_tokens.matches, b_tokens.matches
    a_words, b_words = a_tokens.lower, b_tokens.lower
    n = SHINGLE_WORDS
    b_grams = {tuple(b_words[j:j + n]) for j in range(len(b_words) - n + 1)}
    covered = [False] * len(a_words)
    for i in range(len(a_words) - n + 1):
        if tuple(a_words[i:i + n]) in b_grams:
            covered[i:i + n] = [True] * n
    passages, shared, i = [], 0, 0
    while i < len(covered):
        if covered[i]:
            j = i
            while j + 1 < len(covered) and covered[j + 1]:
                j += 1
            if j - i + 1 >= MIN_PASSAGE_WORDS:
                passages.append((a[i].start(), a[j].end()))
                shared += j - i + 1
            i = j + 1
        else:
            i += 1
    if shared < MIN_SHARED_WORDS:
        return None
    return SharedCopy(passages, shared, round(shared / max(1, min(len(a), len(b))), 3))
