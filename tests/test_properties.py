"""Property-based tests (hypothesis): arbitrary input never raises an unexpected exception, the
parser reads every field from the input, and every offset reported lies inside its text and
points at the reported words."""

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.decode import UnusableFile, decode_bytes
from ingest.parse import parse_article
from ingest.pipeline import process_bytes

NEWSY = st.sampled_from([
    "Kim Jong Un", "Kim Jong-un", "Putin", "Choe", "she said", '"', "“", "”", "„", "‘", "’", " date 2024-06-19 ",
    "SEOUL:", "MOSCOW, Nov 9 (Reuters) - ", "(Yonhap)", "\n", "\n\n", "\r\n", "WATCH l ", "Image Credit: AFP",
    "By ", "Published: 2 November 2024", "on Tuesday", "last Wednesday", "June 19, 2024", "in June", ".", ",",
    ":", "Kim Il Sung Square", "KCNA", "U.S.", "Russia's", "Foreign Minister ", "said", "Friday.Choe", "\t", " ",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=60).map("".join))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


WORD = re.compile(r"\w+")


@SETTINGS
@given(TEXTS)
def test_the_parser_invents_nothing(text):
    """Whatever the input, every field is read from it: the title, byline and dateline occur in
    it, every word of the body is one of its words, and a date is a real calendar date."""
    article = parse_article(text)
    words = set(WORD.findall(text))
    assert set(WORD.findall(article.body)) <= words
    for value in (article.title, article.dateline):
        if value is not None:
            assert set(WORD.findall(value)) <= words and value.strip() == value and value
    if article.byline is not None:
        assert set(WORD.findall(article.byline)) <= words
    if article.published:
        dt.date.fromisoformat(article.published)
    assert all(set(WORD.findall(line)) <= words for line in article.dropped)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), TEXTS.map(lambda t: t.encode("utf-8"))))
def test_any_bytes_give_an_article_or_a_defined_error(extractor, data):
    try:
        decode_bytes(data)
    except UnusableFile as exc:
        assert exc.reason in {"empty", "binary", "too-large"}
        return
    processed = process_bytes(data, extractor)
    texts = dict(extractor.fields(processed.article))
    extraction = processed.extraction
    for m in extraction.mentions:
        assert 0 <= m.char_start < m.char_end <= len(texts[m.field])
        assert texts[m.field][m.char_start:m.char_end] == m.surface
    for q in extraction.quotes:
        assert 0 <= q.char_start < q.char_end <= len(texts[q.field])
        assert texts[q.field][q.char_start:q.char_end] == q.text
    for e in extraction.events:
        assert texts[e.field][e.char_start:e.char_end] == e.expression
        assert e.sentence in texts[e.field]
    for r in extraction.roles:  # a byline's author has a role in the byline, at its offsets there
        assert texts[r.field][r.char_start:r.char_end] == r.surface
    for e in extraction.events:  # a date of the precision it claims
        {"day": dt.date.fromisoformat, "month": lambda d: dt.date.fromisoformat(d + "-01"),
         "year": lambda d: dt.date(int(d), 1, 1)}[e.precision](e.date)
    for q in extraction.quotes:  # a speaker as written in the article, or none
        assert q.speaker is None or q.speaker in texts[q.field] or q.attribution.startswith("continu")
