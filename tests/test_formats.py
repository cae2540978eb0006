"""ingest.formats: HTML pages, RSS/Atom feeds, WARC crawls and PDFs read into Documents.

The fixtures and their expected reading are in tests/corpus/formats/ (gold.json); binary ones are
written by make_fixtures.py and committed, so nothing here regenerates them.
"""

from __future__ import annotations

import codecs
import functools
import gzip
import json
import random
import time
from pathlib import Path

import pytest

from ingest.parse.patterns import HEADLINE_PREFIX
import yaml

from ingest.parse import _date_in_url
from ingest.formats import (Document, ReadStats, UnreadableDocument, looks_extracted_from_pdf, read_documents,
                            read_warc_stream, repair_extracted_text, sniff)
from ingest.formats.charset import decode_html

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "corpus" / "formats"
GOLD = json.loads((FORMATS / "gold.json").read_text(encoding="utf-8"))
DOCUMENT_FIELDS = ("title", "byline", "published", "published_at", "url", "language", "description", "item_id",
                   "encoding", "kind")


@functools.lru_cache(maxsize=None)
def documents(file: str) -> tuple[tuple[Document, ...], ReadStats]:
    stats = ReadStats()
    data = (FORMATS / file).read_bytes()
    return tuple(read_documents(data, file, stats=stats)), stats


@functools.lru_cache(maxsize=None)
def outlets() -> dict[str, str]:
    """Lower-cased outlet names, aliases, page names and domains -> the registry's short name."""
    from ingest.registry import default_registry

    return default_registry().outlets


def document_for(gold: dict) -> Document:
    found, _ = documents(gold["file"])
    if len(found) == 1 and gold["kind"] in ("html", "pdf"):
        return found[0]
    matching = [d for d in found if d.url == gold["url"]]
    assert len(matching) == 1, f"{gold['file']}: no single document with url {gold['url']}: {[d.url for d in found]}"
    return matching[0]


def gold_id(gold: dict) -> str:
    return gold["file"] + ("" if gold["kind"] in ("html", "pdf") else "#" + gold["url"].rsplit("/", 2)[-2][:30])


# ---------------------------------------------------------------- the expected reading

@pytest.mark.parametrize("gold", GOLD, ids=gold_id)
def test_gold_reading(gold):
    document = document_for(gold)
    for key in DOCUMENT_FIELDS:
        if key in gold:
            value = getattr(document, key)
            if key == "published" and value is None and document.url:
                value = _date_in_url(document.url)  # the parser's weakest date evidence, the address
            if key == "title" and value:  # the archive leaves wire labels ('(LEAD)') out of a headline
                value = HEADLINE_PREFIX.sub("", value).strip()
            assert value == gold[key], f"{key}: {getattr(document, key)!r} != {gold[key]!r}"
    if "source" in gold:
        source = document.source
        assert source is not None and outlets().get(source.lower(), source) == gold["source"], source
    text = document.text
    if "body_starts" in gold:  # the gold is the archive's body: the page's text may open with the dateline
        assert gold["body_starts"] in text[:len(gold["body_starts"]) + 80], text[:200]
    for piece in gold.get("body_contains", []):
        assert piece in text, piece
    for piece in gold.get("body_excludes", []):
        assert piece not in text, piece
    for piece in gold.get("dropped_contains", []):
        assert any(piece in dropped for dropped in document.dropped), (piece, document.dropped)
    if "paragraphs" in gold:
        assert len(text.split("\n\n")) == gold["paragraphs"]


@pytest.mark.parametrize("file", sorted({g["file"] for g in GOLD}))
def test_every_document_of_a_file_has_gold(file):
    found, _ = documents(file)
    expected = [g for g in GOLD if g["file"] == file]
    assert len(found) == len(expected)


@pytest.mark.parametrize("file", sorted({g["file"] for g in GOLD}))
def test_document_shape(file):
    for document in documents(file)[0]:
        assert document.text.strip() and "\n\n\n" not in document.text
        assert all(p == p.strip() and p for p in document.text.split("\n\n"))
        assert isinstance(document.raw, bytes) and document.raw
        if document.published:
            assert len(document.published) == 10
        if document.published_at:
            assert document.published_at.startswith(document.published)


# ---------------------------------------------------------------- sniffing

SNIFFED = {
    "tass_en_duma_ratifies.html": "html", "koreaherald_kursk_nis.html": "html", "ria_cp1251_flight.html": "html",
    "dailynk_euckr_kursk.html": "html", "voa_curl_saved_page.txt": "html", "notes_plain_text.html": "text",
    "nknews_feed.rss": "feed", "moscowtimes_feed.atom": "feed", "crawl.warc.gz": "warc",
    "koreatimes_print.pdf": "pdf", "asan_issue_brief.pdf": "pdf", "README.md": "text",
}


@pytest.mark.parametrize("file,kind", sorted(SNIFFED.items()))
def test_sniff_fixtures(file, kind):
    assert sniff((FORMATS / file).read_bytes(), file) == kind


@pytest.mark.parametrize("data,name,kind", [
    (b"", "empty.txt", "text"),
    (b"Putin and Kim signed the treaty.\n\nIt entered into force in December.", "a.html", "text"),
    (b"<p>Kim met Putin.</p><p>They signed it.</p>", "fragment.txt", "html"),
    (b"  \n<!-- saved from url=(0041)https://example.com/ -->\n<html><body><p>x</p></body></html>", "x.txt", "html"),
    ("\ufeff<!DOCTYPE html><html><head><title>t</title></head></html>".encode("utf-8"), "bom.txt", "html"),
    (codecs.BOM_UTF16_LE + "<html><body>Привет</body></html>".encode("utf-16-le"), "u16.htm", "html"),
    (b'<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n<rss version="2.0"><channel/></rss>', "feed", "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "f.xml", "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "f.xml", "feed"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html xmlns="x"></html>', "p.xml", "html"),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap.xml", "binary"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.dat", "warc"),
    (gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n"), "crawl.bin", "warc"),
    (gzip.compress(b"<html><body>zipped page</body></html>"), "page.html.gz", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "scan.txt", "pdf"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.html", "binary"),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>x</body></html>", "curl.txt", "html"),
    (b"Notes on the treaty\n\nI copied this from a page that started with <html> somewhere\n" + b"x" * 2000, "n.txt", "text"),
    (bytes([0, 1, 2, 3, 250, 251]) * 200, "blob", "binary"),
])
def test_sniff_by_content(data, name, kind):
    assert sniff(data, name) == kind


# ---------------------------------------------------------------- charsets

def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Test page</title></head><body><article>{body}</article></body></html>"


RUSSIAN = "<p>" + "Министр иностранных дел России Сергей Лавров провел переговоры с коллегой из КНДР в Москве. " * 6 + "</p>"
KOREAN = "<p>" + "북한과 러시아는 지난 6월 평양에서 포괄적 전략적 동반자 관계에 관한 조약을 체결했다. " * 6 + "</p>"


def test_charset_declared_in_meta_http_equiv():
    text, encoding, warnings = decode_html(_page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; '
                                                  'charset=windows-1251">').encode("cp1251"))
    assert encoding == "windows-1251" and "Сергей Лавров" in text and not warnings


def test_charset_undeclared_is_detected():
    text, encoding, warnings = decode_html(_page(RUSSIAN).encode("cp1251"))
    assert "Сергей Лавров" in text and encoding == "windows-1251"
    assert any("detected" in w for w in warnings)


def test_euc_kr_label_means_windows_949():
    # "똠" is in Windows-949 (UHC) but not in EUC-KR proper: Korean pages labelled EUC-KR contain such syllables
    body = KOREAN + "<p>기자 이름: 박똠이</p>"
    text, encoding, _ = decode_html(_page(body, '<meta charset="euc-kr">').encode("cp949"))
    assert encoding == "windows-949" and "박똠이" in text and "\ufffd" not in text


def test_http_charset_wins_over_meta():
    data = _page(RUSSIAN, '<meta charset="iso-8859-1">').encode("cp1251")
    text, encoding, _ = decode_html(data, http_label="windows-1251")
    assert encoding == "windows-1251" and "Лавров" in text


def test_wrong_declaration_is_overruled():
    data = _page(KOREAN, '<meta charset="utf-8">').encode("cp949")   # says UTF-8, is not
    text, encoding, warnings = decode_html(data)
    assert "조약을 체결했다" in text and any("does not fit" in w for w in warnings)


def test_a_few_bad_bytes_keep_the_declared_charset():
    data = _page("<p>Kim said \x93we are allies\x94 on Friday." + " More text follows here." * 40 + "</p>",
                 '<meta charset="utf-8">').encode("latin-1")
    text, encoding, warnings = decode_html(data)
    assert encoding == "utf-8" and "we are allies" in text and any("replaced" in w for w in warnings)


def test_byte_order_mark_decides():
    text, encoding, warnings = decode_html(codecs.BOM_UTF8 + _page(KOREAN, '<meta charset="windows-1251">').encode())
    assert encoding == "utf-8" and "조약" in text and warnings


@pytest.mark.parametrize("label", ["x-unknown-charset", "utf-7", "\x00\x01", "", "windows-1251\" onload=\"x"])
def test_unknown_or_odd_labels_never_crash(label):
    data = _page(RUSSIAN, f'<meta charset="{label}">').encode("cp1251")
    text, encoding, _ = decode_html(data)
    assert isinstance(text, str) and encoding
    if label != "\x00\x01":  # NUL bytes make the detector give up: windows-1252 then, but no crash
        assert "Лавров" in text


def test_html_page_in_utf_16_with_a_byte_order_mark():
    page = _page("<h1>Переговоры в Москве</h1>" + RUSSIAN)
    (document,) = read_documents(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), "page.htm")
    assert "Сергей Лавров" in document.text and document.encoding == "utf-16-le"


def test_html_page_in_cp1251_without_declaration_reads_whole():
    data = _page("<h1>Переговоры в Москве</h1>" + RUSSIAN).encode("cp1251")
    (document,) = read_documents(data, "page.html")
    assert "Сергей Лавров" in document.text and document.encoding == "windows-1251"


# ---------------------------------------------------------------- HTML details

def test_raw_is_the_file_and_crawl_dates_are_not_used():
    data = (FORMATS / "voa_curl_saved_page.txt").read_bytes()
    (document,) = read_documents(data, "voa_curl_saved_page.txt")
    assert document.raw == data
    assert document.published == "2025-02-15"   # the HTTP Date and Last-Modified say January 2026


def test_updated_date_and_copyright_year_are_not_publication_dates():
    page = _page("<p>" + "North Korea and Russia signed new agreements on tourism and trade this week. " * 8 + "</p>"
                 '<p class="updated">Updated: <time datetime="2025-03-02T10:00:00+09:00">March 2</time></p>',
                 '<meta property="article:modified_time" content="2025-03-02T10:00:00+09:00">')
    page = page.replace("</body>", "<footer>© 2025 Example News</footer></body>")
    (document,) = read_documents(page.encode(), "page.html")
    assert document.published is None


def test_homepage_canonical_is_not_the_articles_url():
    page = _page("<p>" + "The treaty took effect on December 4, 2024, after the exchange of instruments. " * 6 + "</p>",
                 '<link rel="canonical" href="https://example.org/">'
                 '<meta property="og:url" content="https://example.org/2024/12/treaty-takes-effect">')
    (document,) = read_documents(page.encode(), "page.html")
    assert document.url == "https://example.org/2024/12/treaty-takes-effect"


def test_cut_metadata_headline_gives_way_to_the_h1():
    headline = "North Korea's Kim hosts Russia's Shoigu, pledges more help for Kursk rebuilding"
    page = (f'<html><head><meta property="og:title" content="{headline[:60]}..."></head><body><h1>{headline}</h1>'
            "<article><p>" + "Kim met Shoigu in Pyongyang and agreed to send builders and deminers to Kursk. " * 5
            + "</p></article></body></html>")
    (document,) = read_documents(page.encode(), "page.html")
    assert document.title == headline


def test_organization_author_and_outlet_are_not_a_byline():
    page = _page("<p>" + "Pyongyang and Moscow opened a new road bridge across the Tumen River on Friday. " * 6 + "</p>",
                 '<meta name="author" content="Yonhap News Agency"><meta property="og:site_name" content="Yonhap">')
    (document,) = read_documents(page.encode(), "page.html")
    assert document.byline is None


SHORT_SENTENCES = [
    "By then, the treaty had already taken effect.",
    "Updated figures show 11,000 troops were sent.",
    "Russia is not a member of the court.",
    "North Korea could become a member of BRICS, Lavrov said.",
    "Kim urged officials to keep reading the party's documents.",
    "Copyright law in North Korea is rarely enforced.",
    "Related to this, Seoul summoned the Russian ambassador.",
]


def test_short_sentences_that_look_like_furniture_are_kept():
    body = "".join(f"<p>{s}</p>" for s in SHORT_SENTENCES[:3])
    body += "<p>" + "The two countries also discussed tourism, energy and a new road bridge across the Tumen River. " * 4 + "</p>"
    body += "".join(f"<p>{s}</p>" for s in SHORT_SENTENCES[3:])
    (document,) = read_documents(_page(body).encode(), "page.html")
    for sentence in SHORT_SENTENCES:
        assert sentence in document.text, (sentence, document.dropped)
    assert document.byline is None


@pytest.mark.parametrize("raw,outlets,expected", [
    ("By Jane Doe and John Roe", None, "Jane Doe, John Roe"),
    (["Daniel Whitcombe", "Mi-rae Kwon"], None, "Daniel Whitcombe, Mi-rae Kwon"),
    ("Justin Doe in Seoul", None, "Justin Doe"),
    ("Kim Soo-yeon, Yonhap News Agency", None, "Kim Soo-yeon"),
    ("editor@example.com (Lisa Chang)", None, "Lisa Chang"),
    ("By KIM TONG-HYUNG", None, "KIM TONG-HYUNG"),
    ("Staff Reporter", None, None),
    ("Reuters", {"Reuters"}, None),
    ("Al Jazeera Staff", None, None),
    ("김민수 기자", None, "김민수"),
    ("(서울=연합뉴스) 김민수 기자", None, "김민수"),
    ("Ursula von der Leyen", None, "Ursula von der Leyen"),
    ("https://www.example.com/author/jdoe", None, None),
])
def test_clean_byline(raw, outlets, expected):
    from ingest.formats.bylines import clean_byline
    assert clean_byline(raw, outlets) == expected


def test_page_without_article_text_is_unreadable():
    page = "<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav></body></html>"
    with pytest.raises(UnreadableDocument) as error:
        list(read_documents(page.encode(), "menu.html"))
    assert error.value.reason == "no-text"


# ---------------------------------------------------------------- feeds

def test_feed_items_without_an_article_are_counted():
    _, stats = documents("nknews_feed.rss")
    assert stats.read == 4 and stats.skipped == {"summary-only": 2}
    _, stats = documents("moscowtimes_feed.atom")
    assert stats.read == 3 and stats.skipped == {"summary-only": 1}


@pytest.mark.parametrize("file,tag", [("nknews_feed.rss", b"item"), ("moscowtimes_feed.atom", b"entry")])
def test_feed_item_raw_is_its_own_byte_slice(file, tag):
    data = (FORMATS / file).read_bytes()
    for document in documents(file)[0]:
        assert document.raw.startswith(b"<" + tag) and document.raw.endswith(b"</" + tag + b">")
        assert document.raw in data and document.raw.count(b"<" + tag) == 1
        assert not any("raw is the whole feed" in w for w in document.warnings)


RDF_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://www.example.jp/rss"><title>Example Shimbun</title><link>https://www.example.jp/</link>
<description>News</description><items><rdf:Seq><rdf:li rdf:resource="https://www.example.jp/a/1"/></rdf:Seq></items></channel>
<item rdf:about="https://www.example.jp/a/1"><title>Kim and Putin exchange New Year messages</title>
<link>https://www.example.jp/a/1</link><dc:creator>Sato Yuki</dc:creator><dc:date>2025-01-01T09:30:00+09:00</dc:date>
<content:encoded><![CDATA[<p>North Korean leader Kim Jong Un and Russian President Vladimir Putin exchanged New Year
messages, state media in both countries said on Wednesday.</p><p>Kim called the alliance "invincible".</p>]]></content:encoded>
</item></rdf:RDF>"""


def test_rss_1_0_dc_date_is_the_publication_date():
    (document,) = read_documents(RDF_FEED.encode(), "feed.rdf")
    assert document.published == "2025-01-01" and document.published_at == "2025-01-01T09:30:00+09:00"
    assert document.byline == "Sato Yuki" and document.source == "Example Shimbun"


def test_feed_in_windows_1251():
    item = ("Министр иностранных дел России Сергей Лавров провел в пятницу переговоры с министром иностранных дел "
            "КНДР Чвэ Сон Хи в Москве. ") * 5
    feed = f"""<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Интерфакс - Новости</title><link>https://www.interfax.ru/</link><language>ru</language>
<item><title>Лавров встретился с Чвэ Сон Хи</title><link>https://www.interfax.ru/world/1000001</link>
<pubDate>Fri, 01 Nov 2024 15:47:00 +0300</pubDate><guid>https://www.interfax.ru/world/1000001</guid>
<description>{item}</description></item></channel></rss>"""
    data = feed.encode("cp1251")
    (document,) = read_documents(data, "interfax.rss")
    assert document.title == "Лавров встретился с Чвэ Сон Хи" and document.source == "Интерфакс"
    assert document.published_at == "2024-11-01T15:47:00+03:00" and document.language == "ru"
    assert document.raw.startswith(b"<item>") and document.raw in data and document.encoding == "windows-1251"


def test_feed_with_no_items_is_unreadable():
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>NK News</title></channel></rss>'
    with pytest.raises(UnreadableDocument) as error:
        list(read_documents(data, "empty.rss"))
    assert error.value.reason == "empty-feed"


def test_truncated_feed_yields_what_it_can_then_raises():
    data = (FORMATS / "nknews_feed.rss").read_bytes()
    data = data[: data.index(b"<title>Russian airline")]
    read = []
    with pytest.raises(UnreadableDocument) as error:
        for document in read_documents(data, "cut.rss"):
            read.append(document)
    assert error.value.reason == "bad-feed"
    assert [d.title for d in read] == ["Kim Jong Un marks treaty anniversary with letter to Putin"]


# ---------------------------------------------------------------- WARC

def test_warc_skips_and_counts_what_is_not_an_article():
    found, stats = documents("crawl.warc.gz")
    assert len(found) == 3 and stats.read == 3
    assert stats.skipped == {"warcinfo": 1, "request": 6, "status-301": 1, "status-404": 1, "not-html": 1,
                             "metadata": 1}
    assert ("https://img.yna.co.kr/photo/yna/YH/2025/07/11/PYH2025071100010.jpg", "not-html") in stats.skipped_items


def test_warc_raw_is_the_decoded_http_payload():
    for document in documents("crawl.warc.gz")[0]:
        assert document.raw.lstrip().lower().startswith(b"<!doctype html")
        assert b"HTTP/1.1" not in document.raw[:50]


def test_warc_stream_from_an_open_file_and_uncompressed(tmp_path):
    with open(FORMATS / "crawl.warc.gz", "rb") as handle:
        urls = [d.url for d in read_warc_stream(handle)]
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress((FORMATS / "crawl.warc.gz").read_bytes()))
    assert sniff(plain.read_bytes()[:4096], "crawl.warc") == "warc"
    with open(plain, "rb") as handle:
        assert [d.url for d in read_warc_stream(handle)] == urls
    assert len(urls) == 3


def test_warc_record_payload_is_bounded():
    stats = ReadStats()
    found = list(read_documents((FORMATS / "crawl.warc.gz").read_bytes(), "crawl.warc.gz", max_item_bytes=2500,
                                stats=stats))
    assert stats.skipped["too-large"] >= 1 and len(found) + stats.skipped["too-large"] == 3


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7, 0.99])  # cuts inside records (a cut between two is a whole WARC)
def test_truncated_warc_yields_what_it_can_then_raises(fraction):
    data = (FORMATS / "crawl.warc.gz").read_bytes()
    whole = [d.url for d in documents("crawl.warc.gz")[0]]
    read = []
    with pytest.raises(UnreadableDocument) as error:
        for document in read_documents(data[: int(len(data) * fraction)], "cut.warc.gz"):
            read.append(document.url)
    assert error.value.reason == "bad-warc"
    assert read == whole[: len(read)]


# ---------------------------------------------------------------- PDF text repair

def test_dehyphenation_joins_words_and_keeps_real_hyphens():
    text = ("The ratification of the treaty was completed quickly, and the instruments of ratifi-\n"
            "cation were exchanged in Moscow by the two foreign ministers. North Korean leader Kim Jong-\n"
            "un said the North Korea-\n"
            "Russia alliance would also bring long-\n"
            "range cooperation, and Foreign Minister Choe Son-\n"
            "hui agreed, while officials in Pyong-\n"
            "yang prepared the 2024-\n"
            "2025 plan for the commu-\n"
            "nication lines with the U.S.-\n"
            "led coalition watching.")
    repaired, dropped = repair_extracted_text(text)
    assert "instruments of ratification were exchanged" in repaired
    assert "Kim Jong-un said the North Korea-Russia alliance" in repaired
    assert "long-range cooperation" in repaired and "Choe Son-hui agreed" in repaired
    assert "officials in Pyongyang prepared the 2024-2025 plan for the communication lines with the U.S.-led" in repaired
    assert "\n" not in repaired and not dropped


def test_repair_drops_running_headers_footers_and_page_numbers():
    bodies = [
        ["The treaty between Russia and North Korea was signed in Pyongyang in June 2024 and took effect",
         "in December after both countries ratified it. Since then the two governments have signed new",
         "agreements on transport, tourism and labor, and officials have visited each other often.", "",
         "North Korean troops were sent to the Kursk region in the autumn of 2024, according to the",
         "intelligence services of South Korea and Ukraine, and fought there through the winter."],
        ["Russian assistance to the North has been harder to observe than the troop deployment, but",
         "satellite imagery suggests new air defense sites around Pyongyang and more fuel deliveries.", "",
         "Transport links have multiplied as well: trains, flights and a road bridge under construction",
         "across the Tumen River, which Moscow expects to open to traffic by the middle of next year."],
        ["For Seoul the first year of the treaty confirms that Moscow accepts a nuclear-armed North Korea",
         "as an ally, and leaves it with few options beyond closer coordination with its partners.", "",
         "The real test of the alliance will come when the war in Ukraine ends and Russia no longer",
         "needs North Korean soldiers and shells as much as it does today, analysts in Seoul say."],
    ]
    pages = ["\n".join(["KINU Online Series CO 25-07", *body, f"Page {number} of 3", "www.kinu.or.kr"])
             for number, body in enumerate(bodies, 1)]
    repaired, dropped = repair_extracted_text("\f".join(pages))
    assert "KINU Online Series" not in repaired and "Page 2 of 3" not in repaired and "kinu.or.kr" not in repaired
    assert dropped.count("KINU Online Series CO 25-07") == 3 and "Page 3 of 3" in dropped and len(dropped) == 9
    assert "took effect in December after both countries ratified it." in repaired
    assert len(repaired.split("\n\n")) == 6   # two paragraphs on each of three pages


def test_repair_without_form_feeds_drops_page_number_lines():
    lines = []
    for number in range(1, 4):
        lines += ["The two countries agreed to expand flights between Moscow and Pyongyang and to build a road",
                  "bridge across the Tumen River, which officials said would open to traffic by the middle of",
                  "next year, according to the Russian transport ministry and North Korean state media.",
                  str(number + 10), "38 NORTH | SPECIAL REPORT"]
    repaired, dropped = repair_extracted_text("\n".join(lines))
    assert "38 NORTH" not in repaired and "11" not in repaired.split() and "13" in dropped


def test_repair_of_text_copied_from_a_pdf_without_page_breaks():
    """The brief as a viewer's "copy all" gives it: no form feeds, furniture in the running text."""
    import pypdf
    copied = "\n".join(page.extract_text() for page in pypdf.PdfReader(FORMATS / "asan_issue_brief.pdf").pages)
    assert "\f" not in copied and looks_extracted_from_pdf(copied)
    repaired, dropped = repair_extracted_text(copied)
    paragraphs = repaired.split("\n\n")
    assert "Asan Institute for Policy Studies | Issue Brief No. 2025-31" not in repaired
    assert dropped.count("Asan Institute for Policy Studies | Issue Brief No. 2025-31") == 2
    assert dropped.count("www.asaninst.org") == 3 and "Page 3 of 3" in dropped
    assert paragraphs[:6] == ["ISSUE BRIEF", "One Year in Force: The Russia-DPRK", "Treaty and Security in Northeast Asia",
                              "Han Seung-woo, Senior Fellow", "December 4, 2025", "Summary"]
    assert "a senior official in Seoul said in an interview" in repaired
    assert "Kim Jong-un has also received" in repaired and "the fulfilment of Article 4" in repaired


def test_repair_keeps_headings_and_list_items_apart():
    text = ("Key findings\n"
            "• North Korea sent troops and munitions to Russia in 2024 and 2025.\n"
            "• Russia supplied air defense systems, fuel and technical help.\n"
            "Background\n"
            "The treaty was signed on June 19, 2024, in Pyongyang during a state visit by President Vladimir\n"
            "Putin, the first in twenty-four years.")
    repaired, _ = repair_extracted_text(text)
    assert repaired.split("\n\n") == [
        "Key findings", "• North Korea sent troops and munitions to Russia in 2024 and 2025.",
        "• Russia supplied air defense systems, fuel and technical help.", "Background",
        "The treaty was signed on June 19, 2024, in Pyongyang during a state visit by President Vladimir Putin, "
        "the first in twenty-four years."]


def test_looks_extracted_from_pdf():
    pdf_text = "\n".join([
        "Russia and North Korea signed the treaty in Pyongyang in June 2024, and it entered into",
        "force in December after both sides had completed their domestic procedures for ratifi-",
        "cation. Since then, officials from the two countries have met more often than at any",
        "time since the end of the Cold War, and their agreements now cover transport, tourism,",
        "labor and the war in Ukraine, where North Korean soldiers fought in the Kursk region",
        "during the winter. Analysts in Seoul say the alliance is likely to last beyond the war.",
        "Page 2 of 5",
        "The economic side of the relationship has developed more slowly than the military one,",
        "and most of the large projects announced since 2023 are still under construction.",
    ])
    assert looks_extracted_from_pdf(pdf_text)
    assert looks_extracted_from_pdf("page one text\f page two text\f page three")
    one_paragraph_per_line = "\n\n".join(
        ["North Korean leader Kim Jong Un met Russian Security Council Secretary Sergei Shoigu in Pyongyang on "
         "Tuesday and agreed to send thousands of military builders to Russia, state media said."] * 6)
    assert not looks_extracted_from_pdf(one_paragraph_per_line)
    email = "\n".join(["Hi Anna,", "", "Here are my notes from the briefing this morning. The ministry said",
                       "the treaty would be discussed again when the ministers meet next month in", "Moscow.",
                       "", "They also confirmed the flights start in July.", "", "Best,", "Ji-won"])
    assert not looks_extracted_from_pdf(email)


def test_pdf_dates_are_not_file_dates():
    (document,) = documents("koreatimes_print.pdf")[0]
    assert document.published == "2024-11-12"   # the PDF was made (and printed) on 8 January 2025/2026
    assert document.raw == (FORMATS / "koreatimes_print.pdf").read_bytes()


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("data,name,reason", [
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage that is not deflate", "crawl.warc.gz", "binary"),
    (bytes(range(256)) * 20, "blob.bin", "binary"),
    (b"Just a note about the treaty.\n", "note.txt", "text"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "broken.pdf", "bad-pdf"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', "e.rss", "empty-feed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><<<<', "g.rss", "bad-feed"),
    (b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\nHTTP/1.1 200 OK\r\n", "t.warc", "bad-warc"),
])
def test_bad_input_is_unreadable_with_a_reason(data, name, reason):
    with pytest.raises(UnreadableDocument) as error:
        list(read_documents(data, name))
    assert error.value.reason == reason
    assert error.value.message and "\n" not in error.value.message


def test_truncated_gzip_warc_is_unreadable():
    data = (FORMATS / "crawl.warc.gz").read_bytes()
    with pytest.raises(UnreadableDocument) as error:
        list(read_documents(data[:400], "crawl.warc.gz"))
    assert error.value.reason == "bad-warc"


def test_truncated_pdf_is_unreadable():
    data = (FORMATS / "asan_issue_brief.pdf").read_bytes()
    with pytest.raises(UnreadableDocument) as error:
        list(read_documents(data[: len(data) // 2], "brief.pdf"))
    assert error.value.reason == "bad-pdf"


FUZZ_FILES = ["tass_en_duma_ratifies.html", "dailynk_euckr_kursk.html", "nknews_feed.rss", "moscowtimes_feed.atom",
              "crawl.warc.gz", "koreatimes_print.pdf", "asan_issue_brief.pdf"]


def _mutations(data: bytes, rng: random.Random):
    for _ in range(6):
        yield data[: rng.randrange(1, len(data))]                       # truncated
    for _ in range(6):
        garbled = bytearray(data)
        for _ in range(rng.randrange(1, 40)):
            garbled[rng.randrange(len(garbled))] = rng.randrange(256)   # bytes flipped
        yield bytes(garbled)
    cut = rng.randrange(len(data))
    yield data[:cut] + bytes(rng.randrange(256) for _ in range(500)) + data[cut:]   # noise inserted


@pytest.mark.parametrize("file", FUZZ_FILES)
def test_fuzzed_input_gives_documents_or_unreadable_document(file):
    rng = random.Random(file)
    data = (FORMATS / file).read_bytes()
    for mutated in _mutations(data, rng):
        started = time.perf_counter()
        try:
            for document in read_documents(mutated, file):
                assert isinstance(document.text, str)
        except UnreadableDocument as error:
            assert error.reason and error.message
        assert time.perf_counter() - started < 10


def test_large_inputs_take_linear_time():
    """Inputs built to make a quadratic step show: many hyphenated lines, many bare numbers,
    thousands of paragraphs and <time> elements. Each must finish well inside the limit."""
    cases = [
        lambda: repair_extracted_text("\n".join("word " * 15 + "ratifi-" for _ in range(20000))),
        lambda: repair_extracted_text("\n".join(str(i % 977) for i in range(20000))),
        lambda: list(read_documents(("<html><body><article>" + "".join(
            f"<p>Paragraph {i}: Kim met Putin in Pyongyang to sign the treaty on strategic partnership.</p>"
            for i in range(5000)) + "</article></body></html>").encode(), "long.html")),
        lambda: list(read_documents(("<html><body><article><p>" + "Kim met Putin. " * 40 + "</p>"
                                     + "<time datetime='2025-01-01'>1 Jan</time>" * 5000
                                     + "</article></body></html>").encode(), "times.html")),
    ]
    for case in cases:
        started = time.perf_counter()
        case()
        assert time.perf_counter() - started < 20


# ---------------------------------------------------------------- the page readers' words are lexicon data

STORY = ("<p>" + "Russian and North Korean officials met in Vladivostok on Tuesday to discuss a second road "
         "bridge across the Tumen River and more flights between Moscow and Pyongyang. " * 3 + "</p>")


@pytest.mark.parametrize("paragraph,reason", [
    ("Already a subscriber? Sign in to keep reading", "paywall"),
    ("This analysis is available only to premium members.", "paywall"),
    ("The rest of this report is reserved for Pro subscribers", "paywall"),
    ("Start your free trial today", "paywall"),
    ("Continue reading with a subscription", "paywall"),
    ("Оформите подписку для чтения статьи", "paywall"),
    ("이 기사는 유료회원만 볼 수 있습니다", "paywall"),
    ("Sign up for our free Korea Morning newsletter", "newsletter"),
    ("Stay up to date: the day's headlines in your inbox", "newsletter"),
    ("Share | Save | Print | Copy link", "share"),
    ("Facebook · X · KakaoTalk · VK · Telegram", "share"),
    ("Reading time: 4 minutes", "share"),
    ("Teilen | Drucken | Merken", "share"),
    ("Related coverage: Lavrov lands in Wonsan", "promo"),
    ("Mehr zum Thema: Lawrow trifft Choe", "promo"),
    ("ЧИТАЙТЕ ТАКЖЕ: Поезд Москва - Пхеньян", "promo"),
    ("관련기사: 북한, 러시아에 추가 파병 가능성", "promo"),
    ("Copyright 2025 Example Wire. All rights reserved.", "copyright"),
    ("© Example Daily", "copyright"),
    ("Alle Rechte vorbehalten.", "copyright"),
    ("<저작권자 ⓒ 예시뉴스, 무단전재 및 재배포 금지>", "copyright"),
    ("Перепечатка без разрешения редакции запрещена", "copyright"),
    ("(END)", "end-mark"),
    ("(끝)", "end-mark"),
    ("To contact the reporter: desk@example.org", "notice"),
    ("Send questions or corrections about this story to the news desk.", "notice"),
])
def test_furniture_of_several_languages_is_told_by_the_lexicons_words(paragraph, reason):
    from ingest.formats.furniture import chrome_reason
    assert chrome_reason(paragraph) == reason


@pytest.mark.parametrize("paragraph", [
    "Copyright law in North Korea is rarely enforced, the researcher said.",
    "In 2024",
    "Russia already has a member of staff in Rason, the ministry said.",
    "Share prices in Vladivostok rose after the bridge was announced.",
    "Officials will get the briefing on the bridge on Friday.",
    "More than 600 workers from the North reached the site in May.",
    "Kim urged officials to keep reading the party's documents.",
])
def test_sentences_with_furniture_words_are_not_furniture(paragraph):
    from ingest.formats.furniture import chrome_reason
    assert chrome_reason(paragraph) is None


def test_a_new_languages_page_words_reach_the_page_readers(tmp_path):
    """Adding a language is adding a lexicon file: its promo openers, paywall phrases, byline
    openers and date labels reach the page readers' patterns."""
    import shutil

    from ingest.formats.patterns import FormatPatterns
    from ingest.lexicon import load_lexicon
    from ingest.resources import LEXICON_DIR

    for path in LEXICON_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "it.yml").write_text("""# Italian
language: it
# promos
promo_openers: [leggi anche]
# paywall
paywall_prompts: ["(abbonati|accedi) per (leggere|continuare)"]
# bylines
byline_openers: [di]
# date labels
page_date_labels:
  aggiornato: updated
""", encoding="utf-8")
    patterns = FormatPatterns(load_lexicon(tmp_path))
    assert patterns.promo.search("Leggi anche: Lavrov a Wonsan")
    text = "Abbonati per continuare a leggere"
    assert patterns.paywall_prompts.search(text, text.lower())
    assert patterns.byline_line.match("Di Marco Rossi")["name"] == "Marco Rossi"
    assert patterns.update_label.search("Aggiornato:")
    assert patterns.date_tokens.sub("", "Aggiornato: 4 June 2025, 10:02") == ""


@pytest.mark.parametrize("phrase,matches,misses", [
    ("subscribe (now|today)", ["Subscribe today!"], ["subscribe later"]),
    ("this [full] story is for * members", ["This full story is for paying members", "this story is for NK members"],
     ["this story is for members", "this story is for the party's members"]),
    ("not a member [yet]?", ["Not a member yet?", "not a member ?"], ["not a member"]),
    ("sign up for our … newsletter", ["Sign up for our free weekly newsletter", "sign up for our newsletter"], []),
    ("editor[s]' picks", ["Editors’ picks", "Editors' picks"], []),
])
def test_prompt_phrases_are_small_templates(phrase, matches, misses):
    import re

    from ingest.formats.patterns import template
    pattern = re.compile(template(phrase), re.I)
    assert all(pattern.search(text) for text in matches), phrase
    assert not any(pattern.fullmatch(text) for text in misses), phrase


def test_needles_are_found_in_one_scan_also_where_they_overlap():
    from ingest.formats.patterns import Needles
    needles = Needles(["read", "reading", "ading", "din", "subscribe", "무단", "재배포"])
    assert needles.found("now reading") == {"read", "reading", "ading", "din"}
    assert needles.found("a readinx") == {"read", "din"}
    assert needles.found("무단전재 및 재배포 금지") == {"무단", "재배포"}
    assert needles.found("nothing here") == set()
    assert Needles([]).found("anything") == set()


@pytest.mark.parametrize("text", ["Subscribe now to keep reading", "Already a member? Log in", "Enter your e-mail",
                                  "Our reporters read the treaty", "Questions about this story? Write to us"])
def test_prompts_read_the_same_with_the_needles_of_all_of_furniture(text):
    """chrome_reason finds the needles of every prompt in one scan and hands them on."""
    from ingest.formats.patterns import PATTERNS
    found = PATTERNS.chrome_needles.found(text.lower())
    for prompts in (PATTERNS.paywall_prompts, PATTERNS.newsletter_prompts, PATTERNS.notice_prompts):
        assert prompts.search(text, text.lower(), found) == prompts.search(text, text.lower())


@pytest.mark.parametrize("phrase", ["subscribe (now|today", "sign [in to read", "subscribe now)", "a | b"])
def test_a_malformed_template_is_a_lexicon_error_naming_the_concept(phrase):
    from ingest.formats.patterns import template
    from ingest.lexicon import LexiconError
    with pytest.raises(LexiconError, match="`paywall_prompts`"):
        template(phrase, concept="paywall_prompts")


def test_a_german_stand_label_marks_an_update_time():
    page = _page(STORY + '<p>Stand: <time datetime="2025-03-02T10:00:00+01:00">02.03.2025</time></p>')
    (document,) = read_documents(page.encode(), "page.html")
    assert document.published != "2025-03-02"


def test_author_fields_keep_people_and_leave_out_desks_and_places():
    from ingest.formats.bylines import clean_byline
    assert clean_byline("Posted by Lee Jae-won") == "Lee Jae-won"
    assert clean_byline("Par Jeanne Martin") == "Jeanne Martin"
    assert clean_byline("Han Seung-woo, Senior Fellow") == "Han Seung-woo"
    assert clean_byline("Webmaster, Example Online") is None
    assert clean_byline("Federation Council") is None
    assert clean_byline("Anna Berger and Tobias Hartmann in Moscow") == "Anna Berger, Tobias Hartmann"


# ---------------------------------------------------------------- the local day of a UTC timestamp

PAGE_WITH_UTC_TIME = """<html><head><title>Kim greets Putin at the airport | Yonhap News Agency</title>
<meta property="og:site_name" content="Yonhap News Agency">
<meta property="article:published_time" content="{stamp}">
<link rel="canonical" href="https://en.yna.co.kr/view/AEN20240620000300315"></head>
<body><article><h1>Kim greets Putin at the airport</h1>
<p>SEOUL, June 20 (Yonhap) -- North Korean leader Kim Jong Un greeted Russian President Vladimir Putin at
Pyongyang's Sunan airport early on Wednesday, state media said, in a visit watched closely in Seoul.</p>
<p>The two leaders then drove together through the capital, according to the Korean Central News Agency,
and were expected to sign a new partnership treaty later in the day.</p></article></body></html>"""


@pytest.mark.parametrize("stamp, day", [
    ("2024-06-19T22:30:00Z", "2024-06-20"),  # 07:30 in Seoul: the outlet's own day
    ("2024-06-20T07:30:00+09:00", "2024-06-20"),  # an offset of its own: its day stands
])
def test_a_utc_timestamp_is_dated_where_the_outlet_works(extractor, stamp, day):
    from ingest.pipeline import process_file

    processed, = process_file(PAGE_WITH_UTC_TIME.format(stamp=stamp).encode(), "yna.html", extractor)
    assert (processed.article.source, processed.article.published) == ("Yonhap", day)
