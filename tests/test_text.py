import pytest

from ingest.text import opens_sentence, quoted_spans


@pytest.mark.parametrize("text, quoted", [
    ('He said "a b" and “c d”.', ['"a b"', "“c d”"]),
    ("«Мы вместе», — заявил он. „Wir stehen“, sagte sie.", ["«Мы вместе»", "„Wir stehen“"]),
    ('"Left open at the end\n\nNext paragraph "closed" here.', ['"Left open at the end', '"closed"']),
    ("No quotations at all.", []),
])
def test_quotations_are_found_within_their_paragraph(text, quoted):
    assert [text[a:b] for a, b in quoted_spans(text)] == quoted


def test_a_run_of_marks_gives_one_quotation_per_pair():
    """200,000 marks of another kind inside an open quotation (a quadratic scan would not finish
    this test), then 200,000 straight marks that pair up."""
    text = "“" + "«" * 200_000 + "\n\n" + '"' * 200_000
    spans = quoted_spans(text)
    assert spans[0] == (0, 200_001) and len(spans) == 1 + 100_000


@pytest.mark.parametrize("text, position, opens", [
    ("Kim spoke. Lee answered.", 11, True),
    ("Kim spoke to Lee.", 13, False),
    ('He said: "Lee answered."', 10, True),  # past the quotation mark, a colon
    ("Lee", 0, True),
])
def test_opens_sentence(text, position, opens):
    assert opens_sentence(text, position, ' "') is opens
