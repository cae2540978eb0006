import pytest

from ingest.timeline import find_events


def events(text, published):
    return [(e.expression, e.date, e.precision) for e in find_events(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    # the seed dated Wednesday 2024-12-11
    ("The reception was hosted on Tuesday.", "2024-12-11", [("on Tuesday", "2024-12-10", "day")]),
    ("The treaty went into effect last Wednesday.", "2024-12-11", [("last Wednesday", "2024-12-04", "day")]),
    ("State media reported Wednesday.", "2024-12-11", [("Wednesday", "2024-12-11", "day")]),
    ("It happened yesterday.", "2024-12-11", [("yesterday", "2024-12-10", "day")]),
    ("They meet next Monday.", "2024-12-11", [("next Monday", "2024-12-16", "day")]),
    ("Signed in Pyongyang on June 19, 2024.", "2025-06-20", [("June 19, 2024", "2024-06-19", "day")]),
    ("Signed on 19 June 2024 in Pyongyang.", None, [("19 June 2024", "2024-06-19", "day")]),
    ("The first visit since July 2000.", None, [("July 2000", "2000-07", "month")]),
    ("Signed in Pyongyang in June.", "2024-12-11", [("in June", "2024-06", "month")]),
    ("Ratified in December.", "2025-06-20", [("in December", "2024-12", "month")]),
    ("On June 5 Putin said so.", "2024-06-19", [("June 5", "2024-06-05", "day")]),
    ("The Duma voted on Oct. 24.", "2024-11-09", [("Oct. 24", "2024-10-24", "day")]),
    ("Talks were held on Dec. 28.", "2025-01-05", [("Dec. 28", "2024-12-28", "day")]),
    ("The treaty signed last year.", "2025-04-28", [("last year", "2024", "year")]),
    ("Troops arrived last month.", "2024-11-02", [("last month", "2024-10", "month")]),
    ("Nothing since 2000 matched it.", None, [("since 2000", "2000", "year")]),
    ("Der Föderationsrat folgte am 6. November.", "2024-11-09", [("6. November", "2024-11-06", "day")]),
    ("Das teilte der Kreml am Samstag mit.", "2024-11-09", [("am Samstag", "2024-11-09", "day")]),
    ("Veröffentlicht am 09.11.2024.", None, [("09.11.2024", "2024-11-09", "day")]),
    # a range is dated by its first day
    ("Talks were held June 18-19 in Pyongyang.", "2024-06-20", [("June 18-19", "2024-06-18", "day")]),
    ("The summit of 18–19 June ended.", "2024-06-20", [("18–19 June", "2024-06-18", "day")]),
    ("The visit of June 18-19, 2024 ended.", None, [("June 18-19, 2024", "2024-06-18", "day")]),
    ("It took effect in mid-June.", "2024-11-09", [("mid-June", "2024-06", "month")]),
    ("The Duma voted two days ago.", "2024-11-09", [("two days ago", "2024-11-07", "day")]),
    ("They met six months ago.", "2024-11-09", [("six months ago", "2024-05", "month")]),
    ("Putin visited in 2000 and 2019.", None, [("in 2000", "2000", "year"), ("2019", "2019", "year")]),
    ("The treaties of 1961, 2000 and 2001 lapsed.", None,
     [("of 1961", "1961", "year"), ("2000", "2000", "year"), ("2001", "2001", "year")]),
])
def test_expressions_resolve_against_the_publication_date(text, published, expected):
    assert events(text, published) == expected


@pytest.mark.parametrize("text", [
    "On Tuesday the reception was hosted.", "Signed in June.", "It happened yesterday.", "Talks on Oct. 24.",
])
def test_articles_with_no_date_get_only_absolute_dates(text):
    assert events(text, None) == []


@pytest.mark.parametrize("text", ["Kim Jong-un may visit.", "He said it may be so.", "Kim Jong Un, 40, said.",
                                  "Section 2024-13-45 of the law.", "the sunday paper", "Held between 2000 and 2019.",
                                  "It arrived three weeks ago."])
def test_things_that_are_not_dates(text):
    assert events(text, "2024-12-11") == []


def test_sentence_and_offsets():
    text = "Putin visited on Oct. 5. The Duma voted on Oct. 24 and the U.S. objected."
    [first, second] = find_events(text, "2024-11-09")
    assert second.sentence == "The Duma voted on Oct. 24 and the U.S. objected."
    for event in (first, second):
        assert text[event.char_start:event.char_end] == event.expression


def test_a_number_after_a_year_is_not_a_year_of_a_list():
    assert events("In 2024, 2000 soldiers went; in 2023, 1900 troops and 2000 tanks.", None) == [
        ("In 2024", "2024", "year"), ("in 2023", "2023", "year")]
