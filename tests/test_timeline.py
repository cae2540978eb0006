import pytest
from pathlib import Path

from ingest.entities import tokenize
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


# ---------------------------------------------------------------- Russian, Korean, German, Juche years

@pytest.mark.parametrize("text, published, expected", [
    # Russian: months in every case, weekdays after a preposition, relative words
    ("Договор подписан 19 октября 2023 года.", None, [("19 октября 2023", "2023-10-19", "day")]),
    ("Переговоры прошли в четверг в Пхеньяне.", "2023-10-19", [("в четверг", "2023-10-19", "day")]),
    ("Шойгу во вторник прилетел в Пхеньян.", "2025-06-18", [("во вторник", "2025-06-17", "day")]),
    ("Песков в среду уточнил детали.", "2023-10-19", [("в среду", "2023-10-18", "day")]),
    ("Стороны встречались в прошлую пятницу.", "2024-11-04", [("в прошлую пятницу", "2024-11-01", "day")]),
    ("Министр прилетел накануне вечером.", "2024-10-24", [("накануне", "2024-10-23", "day")]),
    ("Накануне профильный комитет одобрил документ.", "2024-10-24", [("Накануне", "2024-10-23", "day")]),
    ("Об этом вчера сообщили в посольстве.", "2024-11-02", [("вчера", "2024-11-01", "day")]),
    ("Договор подпишут сегодня.", "2024-06-19", [("сегодня", "2024-06-19", "day")]),
    ("Визит состоялся в июне.", "2024-11-04", [("в июне", "2024-06", "month")]),
    ("Переговоры продолжатся в мае.", "2025-05-05", [("в мае", "2025-05", "month")]),
    ("Рейсы прервали в январе.", "2025-03-01", [("в январе", "2025-01", "month")]),
    ("Сообщение закрыто с сентября.", "2025-03-01", [("с сентября", "2024-09", "month")]),
    ("Встреча прошла в июне прошлого года.", "2025-06-17", [("в июне прошлого года", "2024-06", "month")]),
    ("Договор вступил в силу 4 декабря прошлого года.", "2025-06-18",
     [("4 декабря прошлого года", "2024-12-04", "day")]),
    ("Церемония прошла 30 апреля.", "2025-05-05", [("30 апреля", "2025-04-30", "day")]),
    ("Лидеры встречались в мае 2018 года.", None, [("мае 2018", "2018-05", "month")]),
    ("Сообщение было прервано в феврале 2020 года.", None, [("феврале 2020", "2020-02", "month")]),
    ("Прежний договор заключен в 2000 году.", None, [("2000 году", "2000", "year")]),
    ("Мост построят к концу 2026 г. Работы уже идут.", None, [("2026 г.", "2026", "year")]),
    ("Ратификация прошла в прошлом году.", "2025-04-28", [("в прошлом году", "2024", "year")]),
    ("Поезд пустили в прошлом месяце.", "2025-06-17", [("в прошлом месяце", "2025-05", "month")]),
    ("Это случилось три дня назад.", "2024-11-09", [("три дня назад", "2024-11-06", "day")]),
    # Korean: counted days and months, particles glued on, relative words
    ("2024년 10월 18일 국정원이 발표했다.", None, [("2024년 10월 18일", "2024-10-18", "day")]),
    ("주체113(2024)년 6월 19일 평양에서 조인되였다.", None, [("주체113(2024)년 6월 19일", "2024-06-19", "day")]),
    ("2024년 6월 체결된 조약이다.", None, [("2024년 6월", "2024-06", "month")]),
    ("국가정보원이 18일 밝혔다.", "2024-10-18", [("18일", "2024-10-18", "day")]),
    ("1일(현지시간) 회담했다.", "2024-11-02", [("1일", "2024-11-01", "day")]),
    ("지난 16일 회담이 열렸다.", "2024-10-18", [("지난 16일", "2024-10-16", "day")]),
    ("지난 25일 회담이 열렸다.", "2024-11-02", [("지난 25일", "2024-10-25", "day")]),
    ("정부는 오는 21일 대사를 부른다.", "2024-10-18", [("오는 21일", "2024-10-21", "day")]),
    ("상원은 오는 3일 심의한다.", "2024-10-28", [("오는 3일", "2024-11-03", "day")]),
    ("지난 8일부터 13일까지 수송했다.", "2024-10-18", [("지난 8일", "2024-10-08", "day"), ("13일", "2024-10-13", "day")]),
    ("외무상은 지난달 31일 도착했다.", "2024-11-02", [("지난달 31일", "2024-10-31", "day")]),
    ("쇼이구는 이달 4일에도 방문했다.", "2025-06-18", [("이달 4일", "2025-06-04", "day")]),
    ("다음 달 9일 행사가 열린다.", "2025-04-29", [("다음 달 9일", "2025-05-09", "day")]),
    ("작년 6월 조약을 체결했다.", "2025-04-29", [("작년 6월", "2024-06", "month")]),
    ("지난해 10월부터 파병했다.", "2025-04-29", [("지난해 10월", "2024-10", "month")]),
    ("금년 6월 19일 서명했다.", "2024-10-21", [("금년 6월 19일", "2024-06-19", "day")]),
    ("지난 6월 20일에도 초치했다.", "2024-10-21", [("지난 6월 20일", "2024-06-20", "day")]),
    ("지난 6월 체결한 조약이다.", "2024-11-02", [("지난 6월", "2024-06", "month")]),
    ("6월 17일 접견하시였다.", "2025-06-18", [("6월 17일", "2025-06-17", "day")]),
    ("12월 4일 모스크바에서 진행되였다.", "2024-12-05", [("12월 4일", "2024-12-04", "day")]),
    ("차관은 10.21.(월) 오후 대사를 초치했다.", "2024-10-21", [("10.21.(월)", "2024-10-21", "day")]),
    ("국정원이 10.18.(금) 발표했다.", "2024-10-21", [("10.18.(금)", "2024-10-18", "day")]),
    ("김정은이 내년 상반기 중 방문한다.", "2024-11-13", [("내년", "2025", "year")]),
    ("두 차례 방문한 것은 지난달이었다.", "2025-07-12", [("지난달", "2025-06", "month")]),
    ("어제(11일) 도착했다.", "2025-07-12", [("어제", "2025-07-11", "day"), ("11일", "2025-07-11", "day")]),
    ("대사관은 전날 성명을 냈다.", "2024-12-05", [("전날", "2024-12-04", "day")]),
    # the story's day: the first day named in the week up to the date, else the date itself
    ("국정원은 13일 밝혔다. 원장은 이날 보고했다.", "2024-11-13", [("13일", "2024-11-13", "day"),
                                                     ("이날", "2024-11-13", "day")]),
    ("통신은 28일 보도했다. 푸틴은 같은 날 성명을 냈다.", "2025-04-29", [("28일", "2025-04-28", "day"),
                                                         ("같은 날", "2025-04-28", "day")]),
    ("조약은 2024년 6월 19일 서명됐다. 비준서는 4일 교환됐고 이날부터 발효됐다.", "2024-12-05",
     [("2024년 6월 19일", "2024-06-19", "day"), ("4일", "2024-12-04", "day"), ("이날", "2024-12-04", "day")]),
    ("회의는 이날 열렸다.", "2024-11-13", [("이날", "2024-11-13", "day")]),
    # German and KCNA's Juche years
    ("Es ist sein erster Besuch seit dem Jahr 2000.", None, [("seit dem Jahr 2000", "2000", "year")]),
    ("Truppen waren im August vergangenen Jahres vorgestoßen.", "2025-04-28",
     [("im August vergangenen Jahres", "2024-08", "month")]),
    ("The parade was held on October 10, Juche 114 (2025).", None,
     [("October 10, Juche 114 (2025)", "2025-10-10", "day")]),
    ("It was founded in Juche 113 (2024).", None, [("Juche 113 (2024)", "2024", "year")]),
])
def test_russian_korean_and_german_expressions(text, published, expected):
    assert events(text, published) == expected


@pytest.mark.parametrize("text, published", [
    ("Накануне визита министр дал интервью.", "2024-12-11"),
    ("Накануне своего визита он выступил.", "2024-12-11"),
    ("Переговоры шли 3 дня.", "2024-12-11"),
    ("그는 3일 동안 머물렀다.", "2024-12-11"),
    ("오늘날 양국 관계는 깊다.", "2024-12-11"),
    ("그는 3일간 머물렀다.", "2024-12-11"),
    ("10일 만에 돌아왔다.", "2024-12-11"),
    ("지난달 31일 도착했다.", "2024-12-11"),  # November has no 31st: no date, nor its parts
    ("차관은 10.21.(화) 초치했다.", "2024-10-21"),  # 21 October 2024 was a Monday
])
def test_things_that_are_not_russian_or_korean_dates(text, published):
    assert events(text, published) == []


@pytest.mark.parametrize("text", ["국가정보원이 18일 밝혔다.", "Переговоры прошли в четверг.", "작년 6월 체결했다.",
                                  "이날 회의가 열렸다.", "в июне прошлого года"])
def test_russian_and_korean_relative_dates_need_the_publication_date(text):
    assert events(text, None) == []


# A bare month later in the year than the article is last year's (news reports the past), unless
# a future cue stands a few words before it in the same sentence.
@pytest.mark.parametrize("text, published, expected", [
    ("Рейсы планируется открыть в июле.", "2025-06-17", [("в июле", "2025-07", "month")]),
    ("Переговоры состоятся в ноябре.", "2024-10-30", [("в ноябре", "2024-11", "month")]),
    ("Рейсы открыли в июле.", "2025-06-17", [("в июле", "2024-07", "month")]),
    ("The new line is scheduled to open in August.", "2025-06-17", [("in August", "2025-08", "month")]),
    ("The minister will travel to Moscow in September.", "2025-06-17", [("in September", "2025-09", "month")]),
    ("The line opened in August. More trains will follow.", "2025-06-17", [("in August", "2024-08", "month")]),
    ("Putin, who will visit Pyongyang, met Kim in August.", "2025-06-17", [("in August", "2024-08", "month")]),
    ("The talks will resume in March.", "2025-06-17", [("in March", "2025-03", "month")]),  # only later months move
    ("Die Strecke soll im Juli eröffnet werden.", "2025-06-17", [("im Juli", "2025-07", "month")]),
    ("Die Strecke wurde im Juli eröffnet.", "2025-06-17", [("im Juli", "2024-07", "month")]),
])
def test_a_future_cue_keeps_a_later_month_in_the_articles_year(text, published, expected):
    assert events(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("Der Freundschaftsvertrag von 1961 war ausgelaufen.", [("von 1961", "1961", "year")]),
    ("Ein ähnliches Versprechen hatte der Vertrag von 1961 enthalten.", [("von 1961", "1961", "year")]),
])
def test_german_bare_years_after_von(text, expected):
    assert events(text, None) == expected


@pytest.mark.parametrize("text, expected", [
    ("Er war vorgestern in Moskau eingetroffen.", [("vorgestern", "2024-10-16", "day")]),
    ("Er reist übermorgen nach Pjöngjang.", [("übermorgen", "2024-10-20", "day")]),
])
def test_german_relative_days(text, expected):
    assert events(text, "2024-10-18") == expected


_CORPUS = sorted(p for p in (Path(__file__).parent / "corpus").rglob("*")
                 if p.suffix in (".txt", ".md") and p.name != "README.md")


@pytest.mark.parametrize("path", _CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_token_shortcut_finds_the_same_events(path):
    """find_events with the text's tokens (how the extractor calls it) looks only at trigger
    words and numbers; it must find exactly what the word-by-word scan finds."""
    text = path.read_text(encoding="utf-8")
    for published in ("2024-11-20", None):
        assert find_events(text, published, tokenize(text)) == find_events(text, published)


@pytest.mark.parametrize("text, expected", [
    ("Babakov said the delegation would hold talks with Choe, chairman of the committee, at the hall on Thursday.",
     [("on Thursday", "2025-06-19")]),
    ("The delegation is due to fly home via Vladivostok on Saturday.", [("on Saturday", "2025-06-21")]),
    # a past-tense verb after the cue: the weekday is the past one
    ("The delegation, which will stay until Sunday, arrived on Monday.", [("Sunday", "2025-06-22"), ("on Monday", "2025-06-16")]),
    # the cue after the weekday, or in the sentence before, says nothing about it
    ("Kim said on Monday that Russia would win.", [("on Monday", "2025-06-16")]),
    ("Talks will follow.Choe spoke on Monday.", [("on Monday", "2025-06-16")]),
])
def test_a_weekday_in_a_clause_about_the_future_is_the_next_one(text, expected):
    assert [(e.expression, e.date) for e in find_events(text, "2025-06-18")] == expected
