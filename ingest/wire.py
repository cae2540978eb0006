"""Shared wire copy: passages two articles have in common (the same AFP/Reuters lead run by two
outlets). Pure: hashing and comparison only; the loader stores and looks up the hashes."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass

SHINGLE_WORDS = 8
SAMPLE = 8  # keep one shingle hash in SAMPLE (by value), so the index stays small
MIN_PASSAGE_WORDS = 8
MIN_SHARED_WORDS = 15
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


def shared_copy(body: str, other: str) -> SharedCopy | None:
    """The passages of `body` that also appear in `other`, or None if they share too little."""
    a, b = _words(body), _words(other)
    matcher = difflib.SequenceMatcher(None, [w.group().lower() for w in a], [w.group().lower() for w in b],
                                      autojunk=False)
    passages, shared = [], 0
    for block in matcher.get_matching_blocks():
        if block.size >= MIN_PASSAGE_WORDS:
            passages.append((a[block.a].start(), a[block.a + block.size - 1].end()))
            shared += block.size
    if shared < MIN_SHARED_WORDS:
        return None
    return SharedCopy(passages, shared, round(shared / max(1, min(len(a), len(b))), 3))
