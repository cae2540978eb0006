"""Bytes of a web page -> text, in the order browsers use: byte-order mark, then the charset the
HTTP response declared, then the page's own <meta charset> / http-equiv / XML declaration, then
UTF-8, then a detector. Never raises on bad bytes: the worst case is a decode with replacement
characters and a warning that says so.

Labels are read the way the WHATWG Encoding standard reads them, which is what pages are written
for: "EUC-KR" means Windows-949 (a superset, and what Korean sites really send), "ISO-8859-1" and
"US-ASCII" mean Windows-1252, "GB2312" means GB18030, "Shift_JIS" means Windows-31J.
"""

from __future__ import annotations

import codecs
import re
import threading

# WHATWG label -> Python codec, for the labels whose plain Python meaning differs from a browser's
# format vocabulary: encoding labels (WHATWG)
_WHATWG = {
    "utf8": "utf-8", "utf-8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "cp1252": "cp1252", "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254",
    "euc-kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949", "ks_c_5601-1989": "cp949", "ksc5601": "cp949",
    "ksc_5601": "cp949", "korean": "cp949", "windows-949": "cp949", "cp949": "cp949", "uhc": "cp949",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030", "chinese": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "windows-31j": "cp932", "big5": "cp950", "big5-hkscs": "big5hkscs",
    # a page cannot declare UTF-16 in a meta tag (it would not be ASCII-readable); browsers take UTF-8
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
    "windows-1251": "cp1251", "cp1251": "cp1251", "x-cp1251": "cp1251",
    "koi8-r": "koi8_r", "koi8r": "koi8_r", "koi8-u": "koi8_u",
}
# names for Document.encoding: what the codec is called on the web
_DISPLAY = {"cp1252": "windows-1252", "cp1251": "windows-1251", "cp1254": "windows-1254", "cp949": "windows-949",
            "cp932": "windows-31j", "cp950": "big5", "koi8_r": "koi8-r", "koi8_u": "koi8-u"}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{2,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9_:.+-]{2,40})["']""", re.I)
_HTTP_CHARSET = re.compile(r"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{2,40})""", re.I)
PRESCAN_BYTES = 8192  # the HTML standard says 1024; pages with long heads put the meta tag later


def codec_for(label: str | None) -> str | None:
    """The Python codec a browser would use for a charset label, or None if it is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WHATWG:
        return _WHATWG[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def display_name(codec: str) -> str:
    return _DISPLAY.get(codec, codec)


def http_charset(content_type: str | None) -> str | None:
    """The charset label of an HTTP Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset label the page declares in its first bytes (meta charset, http-equiv, XML)."""
    head = data[:PRESCAN_BYTES]
    match = _XML_DECL.match(head) or _META_CHARSET.search(_without_comments(head))
    return match.group(1).decode("ascii", "replace") if match else None


def _without_comments(head: bytes) -> bytes:
    return re.sub(rb"<!--.*?(?:-->|$)", b"", head, flags=re.S)


def decode_html(data: bytes, http_label: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding name, warnings) for a page's bytes. Never raises."""
    warnings: list[str] = []
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text, bad = _decode(data[len(bom):], codec)
            warnings.append(f"{display_name(codec)} byte-order mark removed")
            if bad:
                warnings.append(f"{bad} bytes not valid {display_name(codec)}; replaced")
            return text, codec, warnings

    for where, label in (("HTTP Content-Type", http_label), ("the page", declared_charset(data))):
        if not label:
            continue
        codec = codec_for(label)
        if codec is None:
            warnings.append(f"unknown charset {label!r} declared by {where}; ignored")
            continue
        text, bad = _decode(data, codec)
        if not bad:
            return text, display_name(codec), warnings
        # A few stray bytes in a page that is otherwise in its declared charset: keep the
        # declaration. Many bad bytes: the declaration is wrong, look further.
        if bad <= max(8, len(data) // 1000):
            warnings.append(f"{bad} bytes not valid {display_name(codec)} as declared by {where}; replaced")
            return text, display_name(codec), warnings
        warnings.append(f"charset {label!r} declared by {where} does not fit the bytes ({bad} invalid); ignored")
        break  # a wrong HTTP header is common; a wrong meta after it too: detect instead

    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess:
        text, bad = _decode(data, guess)
        warnings.append(f"no usable charset declared; detected {display_name(guess)}")
        if bad:
            warnings.append(f"{bad} bytes not valid {display_name(guess)}; replaced")
        return text, display_name(guess), warnings
    warnings.append("no usable charset declared and none detected; decoded as windows-1252")
    return _decode(data, "cp1252")[0], "windows-1252", warnings


def _decode(data: bytes, codec: str) -> tuple[str, int]:
    """Text and the number of undecodable bytes (replaced by U+FFFD)."""
    try:
        return data.decode(codec), 0
    except UnicodeDecodeError:
        pass
    except LookupError:
        return data.decode("cp1252", "replace"), 0
    _COUNTER.bad = 0
    text = data.decode(codec, errors="ingest-formats-count")
    return text, _COUNTER.bad


_COUNTER = threading.local()


def _count_and_replace(error: UnicodeDecodeError):
    _COUNTER.bad = getattr(_COUNTER, "bad", 0) + (error.end - error.start)
    return "\ufffd", error.end


codecs.register_error("ingest-formats-count", _count_and_replace)


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector must never take the reader down
        return None
    if best is None:
        return None
    return codec_for(best.encoding) or best.encoding
