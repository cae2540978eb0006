import pytest

from ingest.decode import UnusableFile, decode_bytes


def test_plain_utf8_has_no_warnings():
    decoded = decode_bytes("Kim Jong Un met Putin.\n".encode())
    assert decoded.text == "Kim Jong Un met Putin.\n"
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == []


@pytest.mark.parametrize("data, text, warning", [
    (b"\xef\xbb\xbfPutin said.", "Putin said.", "utf-8 byte-order mark removed"),
    (b"one\r\ntwo\r\n", "one\ntwo\n", "CRLF line endings normalized"),
    (b"one\rtwo\r", "one\ntwo\n", "CR line endings normalized"),
    (b"&ldquo;Full support,&rdquo; Kim said.&nbsp;AT&T &amp; R&D", "\u201cFull support,\u201d Kim said. AT&T & R&D",
     "HTML entities decoded"),
])
def test_recoverable_oddities_are_repaired_with_a_warning(data, text, warning):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert warning in decoded.warnings


def test_windows_1252_falls_back_and_records_the_encoding():
    decoded = decode_bytes("Choe said: \u201cvictory\u201d \u2013 caf\u00e9".encode("cp1252"))
    assert decoded.text == "Choe said: \u201cvictory\u201d \u2013 caf\u00e9"
    assert decoded.encoding == "windows-1252"
    assert any("windows-1252" in w for w in decoded.warnings)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t\r\n ", "empty"),
    (b"\xef\xbb\xbf \r\n", "empty"),
    (b"PK\x03\x04\x00\x00binary", "binary"),
    (bytes(range(1, 32)) * 50, "binary"),
])
def test_unusable_bytes_raise_a_reason(data, reason):
    with pytest.raises(UnusableFile) as info:
        decode_bytes(data)
    assert info.value.reason == reason


def test_size_limit_is_configurable():
    with pytest.raises(UnusableFile) as info:
        decode_bytes(b"x" * 101, max_bytes=100)
    assert info.value.reason == "too-large"
    assert decode_bytes(b"x" * 100, max_bytes=100).text == "x" * 100


def test_an_ampersand_alone_is_not_an_entity():
    decoded = decode_bytes(b"AT&T and R&D; Kim & Putin")
    assert decoded.text == "AT&T and R&D; Kim & Putin"
    assert decoded.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(encoding):
    text = "Ким Чен Ын и Путин — “союзники” 김정은\n"
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        data = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}[encoding] + data
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding.startswith(encoding.split("-")[0] + "-" + encoding.split("-")[1][:2])


def test_utf8_with_one_bad_byte_keeps_its_punctuation_and_marks_the_byte():
    good = "Choe said: “victory” – café. " * 20
    data = good.encode("utf-8") + b"\x92" + good.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == good + "\ufffd" + good
    assert "1 byte that is not valid UTF-8 replaced with U+FFFD" in decoded.warnings


@pytest.mark.parametrize("text, encoding", [
    ("ПХЕНЬЯН, 19 октября. /ТАСС/. Министр иностранных дел России Сергей Лавров прибыл в КНДР.", "windows-1251"),
    ("(서울=연합뉴스) 북한 김정은 국무위원장이 러시아와의 조약을 비준했다고 조선중앙통신이 보도했다.", "cp949"),
    ("Choe said: “victory” – a café in Pyongyang’s centre.", "windows-1252"),
])
def test_legacy_code_pages_are_told_apart(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)
