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
    warnings: list[str] = []
    unicode = _decode_with_bom(data, warnings)
    if unicode is not None:
        text, encoding = unicode
    elif b"\x00" in data:
        raise UnusableFile("binary", "file contains NUL bytes; it looks binary, not text")
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
            warnings.append("utf-8 byte-order mark removed")
        text, encoding = _decode_8bit(data, warnings)
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


BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]  # UTF-32 first: its LE mark starts like UTF-16's


def _decode_with_bom(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 text announced by its byte-order mark (Windows tools write it), or None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            warnings.append(f"{encoding} text with a byte-order mark, decoded")
            bad = text.count("\ufffd")
            if bad:
                warnings.append(f"{bad} invalid {encoding} sequences replaced with U+FFFD")
            return text, encoding
    return None


def _decode_8bit(data: bytes, warnings: list[str]) -> tuple[str, str]:
    """UTF-8; UTF-8 with a few bad bytes (those are replaced and counted, the rest kept as
    written); otherwise the legacy code page the text reads in."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if non_ascii and bad <= max(3, non_ascii // 50):  # UTF-8 with a few stray bytes, not a legacy file
        warnings.append(f"{bad} byte{'s that are' if bad > 1 else ' that is'} not valid UTF-8 replaced with U+FFFD")
        return text, "utf-8"
    text, encoding = _decode_legacy(data)
    warnings.append(f"not valid UTF-8; decoded as {encoding}")
    return text, encoding


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """The legacy code page that reads best: Korean (EUC-KR/CP949) when it decodes to Hangul,
    Cyrillic (Windows-1251) when its letters are Cyrillic, else Windows-1252, else Latin-1."""
    high = sum(1 for b in data if b > 127)
    try:
        korean = data.decode("cp949")
        if sum(1 for ch in korean if "\uac00" <= ch <= "\ud7a3") * 2 >= high * 0.6:  # two bytes a syllable
            return korean, "cp949"
    except UnicodeDecodeError:
        pass
    cyrillic = data.decode("cp1251", errors="replace")
    if high >= 10 and sum(1 for ch in cyrillic if "\u0400" <= ch <= "\u04ff") >= high * 0.7:
        return cyrillic, "windows-1251"
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
