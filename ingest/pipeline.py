"""One file's bytes -> a processed article ready to load. Pure: no database, no file system."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .decode import DEFAULT_MAX_BYTES, decode_bytes
from .extract import Extractor
from .models import Article, Extraction
from .parse import parse_article
from .wire import shingle_hashes


@dataclass
class ProcessedFile:
    sha256: str
    encoding: str
    article: Article
    extraction: Extraction
    shingles: list[int]  # sampled shingle hashes of the body, for finding shared wire copy


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_bytes(data: bytes, extractor: Extractor, max_bytes: int = DEFAULT_MAX_BYTES) -> ProcessedFile:
    """Decode, parse and extract one file. Raises decode.UnusableFile for unusable input."""
    decoded = decode_bytes(data, max_bytes=max_bytes)
    article = parse_article(decoded.text, outlets=extractor.registry.outlets)
    article.warnings[:0] = decoded.warnings
    return ProcessedFile(sha256_of(data), decoded.encoding, article, extractor.extract(article),
                         shingle_hashes(article.body))
