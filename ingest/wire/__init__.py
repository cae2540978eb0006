"""Shared wire copy: passages two articles have in common (the same AFP/Reuters lead run by two
outlets). Pure: hashing and comparison only; the loader stores and looks up the hashes."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import zlib
from dataclasses import dataclass

SHINGLE_WORDS = 8
SAMPLE = 8  # keep about one shingle in SAMPLE (chosen by a cheap checksum), so the index stays small
MIN_PASSAGE_WORDS = 20  # a sentence or more: shorter shared runs are set phrases, not copy
MIN_SHARED_WORDS = 25
MIN_SHARED_SHINGLES = 3  # sampled shingles two articles must share to be compared
MAX_SHINGLE_ARTICLES = 50  # a shingle in more articles than this is boilerplate, not wire copy
MAX_CANDIDATES = 5  # an article is compared with at most this many earlier ones (those sharing most)
WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
_ONES = re.compile(rb"\x01+")


@dataclass(frozen=True)
class SharedCopy:
    passages: list[tuple[int, int]]  # (char_start, char_end) in the first article's body
    shared_words: int
    similarity: float  # shared words / words of the shorter article


def _lower_words(body: str) -> list[str]:
    return [w.lower() for w in WORD.findall(body)]


def shingle_hashes(body: str) -> list[int]:
    """Sampled hashes of the body's 8-word shingles (signed 64-bit, stable across runs).
    A crc32 picks the sample; only the kept shingles pay for the 64-bit hash."""
    words = _lower_words(body)
    hashes = set()
    for i in range(len(words) - SHINGLE_WORDS + 1):
        shingle = " ".join(words[i:i + SHINGLE_WORDS]).encode()
        if zlib.crc32(shingle) % SAMPLE == 0:
            hashes.add(int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big", signed=True))
    return sorted(hashes)


class Words:
    """A body's words and 8-word shingles, computed once and compared against many others;
    word offsets on demand."""

    def __init__(self, body: str):
        self.body = body
        self.lower = _lower_words(body)
        self.grams = list(zip(*(self.lower[k:] for k in range(SHINGLE_WORDS))))
        self.gram_set = set(self.grams)
        self._offsets: list[int] | None = None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """(char_start, char_end) of the words first..last (inclusive)."""
        if self._offsets is None:
            # separator, word, separator, word, ...: running lengths are the word boundaries
            self._offsets = list(itertools.accumulate(map(len, _WORD_SPLIT.split(self.body))))
        return self._offsets[2 * first], self._offsets[2 * last + 1]


# A passage of MIN_PASSAGE_WORDS words holds MIN_PASSAGE_WORDS - SHINGLE_WORDS + 1 shingles.
MIN_COMMON_GRAMS = MIN_PASSAGE_WORDS - SHINGLE_WORDS + 1


def shared_copies(a: Words, b: Words) -> tuple[SharedCopy | None, SharedCopy | None]:
    """The shared copy seen from each side: passages of `a` found in `b`, and of `b` found in `a`.
    Linear in the two lengths."""
    common = a.gram_set & b.gram_set
    if len(common) < MIN_COMMON_GRAMS:
        return None, None
    shorter = max(1, min(len(a.lower), len(b.lower)))
    return (_passages(a, _covered_runs(a, common), shorter),
            _passages(b, _covered_runs(b, common), shorter))


def _covered_runs(words: Words, common: set) -> list[tuple[int, int]]:
    """[start, end) word ranges covered by the shingles in common (touching ones merged)."""
    starts = bytes(map(common.__contains__, words.grams))  # 1 where a shared shingle starts
    runs: list[tuple[int, int]] = []
    for run in _ONES.finditer(starts):
        start, end = run.start(), run.end() + SHINGLE_WORDS - 1
        if runs and start <= runs[-1][1]:
            start = runs.pop()[0]
        runs.append((start, end))
    return runs


def _passages(words: Words, runs: list[tuple[int, int]], shorter: int) -> SharedCopy | None:
    runs = [(i, j) for i, j in runs if j - i >= MIN_PASSAGE_WORDS]
    shared = sum(j - i for i, j in runs)
    if shared < MIN_SHARED_WORDS:
        return None
    passages = [words.span(i, j - 1) for i, j in runs]
    return SharedCopy(passages, shared, round(shared / shorter, 3))


def shared_copy(body: str | Words, other: str | Words) -> SharedCopy | None:
    """The passages of `body` that also appear in `other`, or None if they share too little."""
    a = body if isinstance(body, Words) else Words(body)
    b = other if isinstance(other, Words) else Words(other)
    return shared_copies(a, b)[0]


def shared_copy_rows(a_id: int, a: Words, b_id: int, b: Words) -> list[tuple[int, int, float, int, str]]:
    """Rows for the shared_passages table, one per direction that shares copy:
    (article_id, other_article_id, similarity, shared_words, passages as JSON)."""
    rows = []
    for this_id, this, other_id, copy in zip((a_id, b_id), (a, b), (b_id, a_id), shared_copies(a, b)):
        if copy:
            passages = [{"char_start": s, "char_end": e, "text": this.body[s:e]} for s, e in copy.passages]
            rows.append((this_id, other_id, copy.similarity, copy.shared_words, json.dumps(passages, ensure_ascii=False)))
    return rows
