"""Raw bytes -> text. Pure: never touches the file system.

Recoverable oddities (byte-order mark, CRLF/CR line endings, Windows-1252 text) are
repaired and reported as warnings; unusable input raises UnusableFile with a reason code.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class UnusableFile(Exception):
    """The bytes cannot become an article. `reason` is a short code stored in ingest_errors."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class DecodedText:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Decode article bytes to text with '\\n' line endings, or raise UnusableFile."""
    if len(data) > max_bytes:
        raise UnusableFile("too-large", f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise UnusableFile("empty", "file is empty or only whitespace")
    if b"\x00" in data:
        raise UnusableFile("binary", "file contains NUL bytes; it looks binary, not text")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append("utf-8 byte-order mark removed")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
        warnings.append(f"not valid UTF-8; decoded as {encoding}")
    if _looks_binary(text):
        raise UnusableFile("binary", "file is mostly control characters; it looks binary, not text")
    if "\r" in text:
        warnings.append("CRLF line endings normalized" if "\r\n" in text else "CR line endings normalized")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if HTML_ENTITY.search(text):  # text copied out of a web page's source: "&ldquo;We ...&rdquo;"
        text = html.unescape(text.replace("&nbsp;", " ").replace("&#160;", " "))
        warnings.append("HTML entities decoded")
    if not text.strip():
        raise UnusableFile("empty", "file is empty or only whitespace")
    return DecodedText(text=text, encoding=encoding, warnings=warnings)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # latin-1 maps every byte, so this cannot fail; the bytes are kept anyway.
        return data.decode("latin-1"), "latin-1"


# Named entities of punctuation and spacing, or any numeric one; "AT&T" and "R&D" are left alone
HTML_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|nbsp|amp|quot|apos|lt|gt|[lr][sd]quo|[sb]dquo|[mn]dash|hellip|"
                         r"laquo|raquo|middot|bull|copy|reg|trade|deg|eacute|auml|ouml|uuml|szlig);")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 20)
