"""Russian, Korean and German layouts: the agencies' datelines, the sites' date lines and bylines,
read by the same parser from the words in ingest/lexicon/ru.yml, ko.yml and de.yml. Every article
here is written for the tests (layouts modelled on the outlets', sentences invented)."""

import json
from pathlib import Path

import pytest

from ingest.decode import decode_bytes
from ingest.parse import parse_article
from ingest.parse.datelines import read_dateline
from ingest.parse.lines import closer_names
from ingest.parse.stamps import read_stamps
from ingest.registry import default_registry

CORPUS = Path(__file__).parent / "corpus"
OUTLETS = default_registry().outlets


# ---------------------------------------------------------------- datelines

@pytest.mark.parametrize("paragraph, place, agency, month_day, byline", [
    ("ПХЕНЬЯН, 19 октября. /ТАСС/. Отношения России и КНДР выходят на новый уровень, заявил министр.",
     "ПХЕНЬЯН", "TASS", (10, 19), None),
    ("ВЛАДИВОСТОК, 3 марта. /ТАСС/. Первый грузовой поезд из Расона прибыл на станцию Хасан.",
     "ВЛАДИВОСТОК", "TASS", (3, 3), None),
    ("МОСКВА, 28 апр — РИА Новости. Президент России выразил благодарность союзникам за помощь.",
     "МОСКВА", "RIA Novosti", (4, 28), None),
    ("ПХЕНЬЯН, 5 дек — РИА Новости. Договор между двумя странами вступил в силу накануне.",
     "ПХЕНЬЯН", "RIA Novosti", (12, 5), None),
    ("Москва. 17 июня. INTERFAX.RU - Первый поезд в Пхеньян отправился во вторник с Ярославского вокзала.",
     "Москва", "Interfax", (6, 17), None),
    ("(서울=연합뉴스) 홍길동 기자 = 북한이 러시아에 병력을 추가로 보낸 정황이 포착됐다고 군 당국이 밝혔다.",
     "서울", "Yonhap", None, "홍길동"),
    ("(워싱턴=연합뉴스) 김동현 특파원 = 미국 국무부는 북러 군사협력에 깊은 우려를 나타냈다고 밝혔다.",
     "워싱턴", "Yonhap", None, "김동현"),
    ("(서울·워싱턴=연합뉴스) 김지연 기자 김동현 특파원 = 북러 조약 발효에 미국과 중국이 서로 다른 반응을 보였다.",
     "서울·워싱턴", "Yonhap", None, "김지연, 김동현"),
    ("(서울=연합뉴스) 홍길동 박수윤 기자 = 국회 정보위원회는 국정원의 비공개 보고를 받았다고 밝혔다.",
     "서울", "Yonhap", None, "홍길동, 박수윤"),
    ("(평양 10월 18일발 조선중앙통신)", "평양", "KCNA", (10, 18), None),
])
def test_agency_datelines_of_russian_and_korean_copy(paragraph, place, agency, month_day, byline):
    found = read_dateline(paragraph, OUTLETS)
    assert (found.place, found.agency, found.month_day, found.byline) == (place, agency, month_day, byline)


@pytest.mark.parametrize("paragraph", [
    "МОСКВА, 28 апр — Неизвестная газета. Президент России выразил благодарность союзникам за помощь.",
    "(참고=자료) 이 문단은 기사 첫머리가 아니다 = 설명이 이어진다고 밝혔다 그리고 더 길게 이어진다.",
    "(평양 13월 40일발 조선중앙통신)",
])
def test_things_that_are_no_agency_dateline(paragraph):
    found = read_dateline(paragraph, OUTLETS)
    assert found is None or found.agency is None


@pytest.mark.parametrize("text, names", [
    ("김민서 기자", ["김민서"]),
    ("김지연기자", ["김지연"]),
    ("김지연 기자 김동현 특파원", ["김지연", "김동현"]),
    ("이승민 특파원 (smlee@yna.co.kr)", ["이승민"]),
    ("기자 페이지", None),
    ("정민호 기자의 보도입니다.", None),
])
def test_names_before_byline_closers(text, names):
    assert closer_names(text) == names


# ---------------------------------------------------------------- date lines

@pytest.mark.parametrize("line, dates", [
    ("19 ОКТ 2023, 10:15", [("", "2023-10-19")]),
    ("Обновлено 19 ОКТ 2023, 11:40", [("updated", "2023-10-19")]),
    ("10:42 28.04.2025 (обновлено: 12:15 28.04.2025)", [("", "2025-04-28"), ("updated", "2025-04-28")]),
    ("17 июня 2025 15:28", [("", "2025-06-17")]),
    ("4 ноября 2024 года", [("", "2024-11-04")]),
    ("Дата публикации: 4 ноября 2024 года, 18:40", [("published", "2024-11-04")]),
    ("Опубликовано: 12.03.2025, 09:30", [("published", "2025-03-12")]),
    ("송고시간2024-10-18 11:02", [("published", "2024-10-18")]),
    ("입력 2024.11.13. 15:20 | 수정 2024.11.13. 18:05", [("published", "2024-11-13"), ("updated", "2024-11-13")]),
    ("입력 2025.07.12 (21:08) 수정 2025.07.12 (22:01)", [("published", "2025-07-12"), ("updated", "2025-07-12")]),
    ("배포일시: 2024. 10. 21.(월) 17:30", [("published", "2024-10-21")]),
    ("주체114(2025)년 6월 18일", [("", "2025-06-18")]),
    ("주체113(2024)년 12월 5일 목요일 (루계 제28673호)", [("", "2024-12-05")]),
    ("2024년 10월 18일 (금) 오전 10:00", [("", "2024-10-18")]),
])
def test_date_lines_in_russian_korean_and_german(line, dates):
    assert [(stamp.label, stamp.date.isoformat()) for stamp in read_stamps(line)] == dates


@pytest.mark.parametrize("line, month_day", [("19 ОКТ, 10:15", (10, 19)), ("28 апр, 14:20", (4, 28))])
def test_a_date_line_without_a_year_gives_day_and_month(line, month_day):
    (stamp,) = read_stamps(line)
    assert stamp.date is None and stamp.month_day == month_day


@pytest.mark.parametrize("line", ["Лавров прибыл в Пхеньян 19 октября", "국정원은 18일 이같이 밝혔다",
                                  "Газета вышла тиражом 2000 экземпляров"])
def test_lines_that_say_more_than_a_date_are_no_date_lines(line):
    assert read_stamps(line) is None


# ---------------------------------------------------------------- whole articles

TASS_PAGE = """Главная / Политика

Шойгу провел в Пхеньяне переговоры о восстановлении Курской области
17 ИЮН, 21:05

Секретарь Совбеза передал послание президента

Поделиться

ПХЕНЬЯН, 17 июня. /ТАСС/. Секретарь Совета безопасности РФ Сергей Шойгу во вторник провел переговоры \
с руководством КНДР. Стороны обсудили выполнение договора, подписанного 19 июня 2024 года.

Это уже второй визит Шойгу в Пхеньян за месяц, отметили в аппарате Совбеза.
"""
RIA_PAGE = """РИА Новости
Политика

Лавров назвал отношения с КНДР союзническими

14:20 01.11.2024 (обновлено: 15:05 01.11.2024)

Подписаться

МОСКВА, 1 ноя — РИА Новости. Министр иностранных дел России Сергей Лавров в пятницу провел переговоры \
со своей северокорейской коллегой в Москве.

По словам министра, стороны обсудили ход выполнения договоренностей, достигнутых в июне.
"""
INTERFAX_ITEM = """Интерфакс
В мире
6 ноября 2024 12:40

Совет Федерации одобрил ратификацию договора с КНДР

Москва. 6 ноября. INTERFAX.RU - Совет Федерации на заседании в среду одобрил закон о ратификации договора \
о всеобъемлющем стратегическом партнерстве с КНДР.

За закон проголосовали все присутствовавшие сенаторы.
"""
AUTHOR_LABELS = """Российская газета
Автор: Ольга Смирнова
Опубликовано: 12.03.2025, 09:30

Пхеньян и Москва договорились о новых рейсах

Авиакомпании двух стран откроют дополнительные рейсы между Москвой и Пхеньяном уже в апреле, сообщили в Минтрансе.

Решение принято после переговоров в прошлом месяце, уточнили в ведомстве.
"""
PRINT_EDITION = """Газета «Коммерсантъ» №205 от 07.11.2024, стр. 6

Партнерство без сроков

Сенаторы одобрили договор с Пхеньяном

Ирина Волкова

Совет Федерации в среду единогласно одобрил закон о ратификации договора о всеобъемлющем стратегическом \
партнерстве с КНДР. Теперь документ должен подписать президент.
"""
YONHAP_WIRE = """北, 러시아에 추가 병력 파견 가능성…국정원 "동향 주시"

(서울=연합뉴스) 박수윤 기자 = 국가정보원은 북한이 러시아에 추가 병력을 보낼 가능성이 있다고 보고 관련 동향을 \
주시하고 있다고 7일 밝혔다.

국정원은 지난 3일 북한 동향을 국회에 보고하면서 이같이 설명했다고 전했다.

suyun@yna.co.kr

(끝)
"""
YONHAP_PAGE = """연합뉴스
북한

北 "러시아와 조약 의무 이행"…외무성 대변인 담화

송고시간2024-11-22 09:41

박수윤기자
기자 페이지

(서울=연합뉴스) 박수윤 기자 = 북한 외무성 대변인은 22일 담화를 내고 러시아와 맺은 조약의 의무를 충실히 \
이행하겠다고 밝혔다.

대변인은 담화에서 조약이 지역 평화에 기여한다고 주장했다. (끝)
"""
KCNA_KOREAN = """조선중앙통신
주체113(2024)년 11월 12일

조선민주주의인민공화국 국무위원장 정령 발표

(평양 11월 12일발 조선중앙통신)

조선민주주의인민공화국 국무위원장은 11월 11일 로씨야련방과의 포괄적인 전략적동반자관계에 관한 조약을 비준하는 \
정령을 발표하였다.

조약은 비준서를 교환하는 날부터 효력을 가지게 된다.
"""
KOREAN_DAILY = """조선일보
국제 > 북한

"北파병군 일부 쿠르스크 전선 배치"…국정원 국회 보고

정수진 기자
입력 2024.11.20. 09:15 | 수정 2024.11.20. 11:30

국가정보원은 20일 러시아에 파병된 북한군 일부가 쿠르스크 전선에 배치됐다고 국회 정보위원회에 보고했다.

정보위원들은 이날 회의가 끝난 뒤 기자들에게 이같이 전했다.

정수진 기자 sujin@chosun.com
"""
RODONG_PAGE = """로동신문
주체113(2024)년 6월 20일 목요일 (루계 제28505호)

평양에서 조로수뇌회담 진행

조로수뇌회담이 6월 19일 평양에서 진행되였다.

회담에서는 두 나라 관계를 새로운 높은 단계로 발전시키기 위한 문제들이 토의되였다.

본사기자 김철민
"""
PRESS_RELEASE = """외교부
보 도 자 료

배포일시: 2024. 11. 6.(수) 10:00
담당부서: 유럽국 유라시아과

제목: 외교부, 북러 조약 비준 관련 입장 발표

□ 정부는 러시아 연방평의회가 11.6.(수) 북러 조약 비준안을 승인한 데 대해 깊은 유감을 표명하였습니다.

붙임: 관련 자료 1부.  끝.
"""
TAGESSCHAU = """tagesschau
Ausland

Russland und Nordkorea
Beistandsvertrag zwischen Moskau und Pjöngjang tritt in Kraft

Stand: 04.12.2024 16:12 Uhr

Moskau und Pjöngjang haben die Ratifikationsurkunden für ihren Beistandspakt ausgetauscht.

Von Lena Fischer, ARD-Studio Moskau

Der Vertrag über eine umfassende strategische Partnerschaft gilt ab sofort. Das teilte das russische \
Außenministerium am Mittwoch mit.
"""
SPIEGEL = """DER SPIEGEL
Ausland

Lawrow verspricht Pjöngjang weitere Unterstützung

12.07.2025, 16.40 Uhr

Aus Wonsan berichtet Jonas Hartmann

Der russische Außenminister ist zu Gesprächen mit Machthaber Kim Jong Un in Nordkorea eingetroffen. \
Beide Seiten lobten die Zusammenarbeit.
"""
TASS_NO_YEAR = """ПХЕНЬЯН, 19 октября. /ТАСС/. Министр иностранных дел России прибыл в Пхеньян для переговоров \
с руководством КНДР.

Визит продлится два дня, сообщили в посольстве.
"""


@pytest.mark.parametrize("text, expected, body_starts", [
    (TASS_PAGE, dict(title="Шойгу провел в Пхеньяне переговоры о восстановлении Курской области", source="TASS",
                     published="2025-06-17", dateline="ПХЕНЬЯН", byline=None, language="ru"),
     "Секретарь Совбеза передал послание президента\n\nСекретарь Совета безопасности РФ"),
    (RIA_PAGE, dict(title="Лавров назвал отношения с КНДР союзническими", source="RIA Novosti",
                    published="2024-11-01", dateline="МОСКВА", byline=None), "Министр иностранных дел России"),
    (INTERFAX_ITEM, dict(title="Совет Федерации одобрил ратификацию договора с КНДР", source="Interfax",
                         published="2024-11-06", dateline="Москва"), "Совет Федерации на заседании в среду"),
    (AUTHOR_LABELS, dict(title="Пхеньян и Москва договорились о новых рейсах", published="2025-03-12",
                         byline="Ольга Смирнова"), "Авиакомпании двух стран"),
    (PRINT_EDITION, dict(title="Партнерство без сроков", source="Kommersant", published="2024-11-07",
                         byline="Ирина Волкова"), "Сенаторы одобрили договор с Пхеньяном\n\nСовет Федерации"),
    (YONHAP_WIRE, dict(title='北, 러시아에 추가 병력 파견 가능성…국정원 "동향 주시"', source="Yonhap", published=None,
                       dateline="서울", byline="박수윤", language="ko"), "국가정보원은 북한이"),
    (YONHAP_PAGE, dict(title='北 "러시아와 조약 의무 이행"…외무성 대변인 담화', source="Yonhap", published="2024-11-22",
                       dateline="서울", byline="박수윤"), "북한 외무성 대변인은 22일"),
    (KCNA_KOREAN, dict(title="조선민주주의인민공화국 국무위원장 정령 발표", source="KCNA", published="2024-11-12",
                       dateline="평양"), "조선민주주의인민공화국 국무위원장은 11월 11일"),
    (KOREAN_DAILY, dict(title='"北파병군 일부 쿠르스크 전선 배치"…국정원 국회 보고', source="The Chosun Ilbo",
                        published="2024-11-20", byline="정수진", dateline=None), "국가정보원은 20일"),
    (RODONG_PAGE, dict(title="평양에서 조로수뇌회담 진행", source="Rodong Sinmun", published="2024-06-20",
                       byline="김철민"), "조로수뇌회담이 6월 19일"),
    (PRESS_RELEASE, dict(title="외교부, 북러 조약 비준 관련 입장 발표", published="2024-11-06"), "□ 정부는"),
    (TAGESSCHAU, dict(title="Beistandsvertrag zwischen Moskau und Pjöngjang tritt in Kraft", source="Tagesschau",
                      published="2024-12-04", byline="Lena Fischer", language="de"), "Moskau und Pjöngjang haben"),
    (SPIEGEL, dict(title="Lawrow verspricht Pjöngjang weitere Unterstützung", source="Der Spiegel",
                   published="2025-07-12", byline="Jonas Hartmann", dateline=None), "Der russische Außenminister"),
])
def test_layouts_of_russian_korean_and_german_pages(text, expected, body_starts):
    article = parse_article(text)
    assert {field: getattr(article, field) for field in expected} == expected
    assert article.body.startswith(body_starts)


@pytest.mark.parametrize("text, left_out", [
    (YONHAP_WIRE, ["(서울=연합뉴스)", "suyun@yna.co.kr", "(끝)"]),
    (YONHAP_PAGE, ["송고시간", "기자 페이지", "(끝)"]),
    (KCNA_KOREAN, ["조선중앙통신)", "주체113(2024)년 11월 12일"]),
    (KOREAN_DAILY, ["입력", "국제 > 북한", "sujin@chosun.com"]),
    (RODONG_PAGE, ["본사기자", "루계"]),
    (PRESS_RELEASE, ["보 도 자 료", "배포일시", "담당부서", "붙임", "끝."]),
    (TASS_PAGE, ["/ТАСС/", "Поделиться", "Главная", "17 ИЮН"]),
    (RIA_PAGE, ["РИА Новости.", "обновлено", "Подписаться"]),
    (INTERFAX_ITEM, ["INTERFAX.RU", "12:40"]),
    (TAGESSCHAU, ["Stand:", "ARD-Studio", "Russland und Nordkorea\n"]),
    (SPIEGEL, ["berichtet", "16.40 Uhr"]),
])
def test_page_lines_stay_out_of_the_body(text, left_out):
    body = parse_article(text).body
    assert [part for part in left_out if part in body] == []


def test_a_dateline_with_day_and_month_and_no_year_in_the_text_leaves_the_date_empty():
    article = parse_article(TASS_NO_YEAR)
    assert (article.source, article.dateline, article.published) == ("TASS", "ПХЕНЬЯН", None)
    assert any("no year" in warning for warning in article.warnings)


def test_a_year_less_date_line_takes_its_year_from_the_article():
    article = parse_article(TASS_PAGE)
    assert article.published == "2025-06-17" and article.date_source.endswith("inferred-year")
    assert any("inferred" in warning for warning in article.warnings)


# ---------------------------------------------------------------- the test corpus

def _gold(set_name: str) -> list[tuple[str, dict]]:
    return [(set_name, gold) for gold in json.loads((CORPUS / set_name / "gold.json").read_text(encoding="utf-8"))]


GOLD = [item for name in ("russian", "korean", "german") for item in _gold(name)]
# Outlets the registry does not know (yet), and two headlines the scorer does not pick: the
# Kommersant pun loses to its standfirst, the Foreign Ministry's name over its briefing's title
# (with an outlet entry for the ministry that line is a masthead and the title reads right: see
# test_a_headline_over_its_date_line_is_no_slogan_of_the_masthead_above).
KNOWN_MISSES = {("mid_zakharova_briefing.txt", "title"), ("kommersant_shoigu_builders.txt", "title"),
                ("mid_zakharova_briefing.txt", "source"), ("izvestia_feature_tumen_bridge.txt", "source"),
                ("mofa_press_release_ambassador.txt", "source"), ("kyunghyang_north_confirms_deployment.txt", "source"),
                ("kbs_news9_lavrov_wonsan.txt", "source"), ("zeit_treaty_in_force.txt", "source"),
                # the NIS release's '보도일시: 2025. 1. 13.(월) 배포 즉시' line and its outlet (the ko-ru
                # branch's test article, written to measure the parser: not read yet)
                ("nis_press_release_pows.txt", "source"), ("nis_press_release_pows.txt", "published"),
                # German layouts the parser does not read yet: FAZ's 'Von X, Seoul' keeps the city in
                # the byline, Deutschlandfunk dates an item only in its closing 'Diese Nachricht wurde
                # am ... gesendet.' line, NZZ's 'Name, Tokio' author line has no 'Von'
                ("faz_shoigu_pyongyang.txt", "byline"), ("dlf_zakharova_troops.txt", "published"),
                ("nzz_kursk_troops.txt", "byline")}


@pytest.mark.parametrize("field", ["title", "source", "published", "byline", "dateline", "language"])
@pytest.mark.parametrize("set_name, gold", GOLD, ids=lambda item: item["file"] if isinstance(item, dict) else item)
def test_the_language_corpus_header_fields(set_name, gold, field):
    if field not in gold:
        pytest.skip("not scored")
    if (gold["file"], field) in KNOWN_MISSES:
        pytest.xfail("known miss")
    text = decode_bytes((CORPUS / set_name / gold["file"]).read_bytes()).text
    assert getattr(parse_article(text), field) == gold[field]


# A masthead the registry knows over the headline and its date line: the headline is no slogan.
BROADCASTER_PAGE = """KBS 뉴스

쇼이구, 평양서 김정은 접견…"파병 감사"

입력 2025.06.04 (19:40) 수정 2025.06.04 (21:02)

러시아 국가안보회의 서기가 평양을 다시 찾아 김정은 국무위원장을 만났다고 러시아 측이 4일 밝혔습니다.

두 사람은 쿠르스크 재건 협력 방안을 논의한 것으로 알려졌습니다.
"""
MINISTRY_BRIEFING = """Министерство иностранных дел Российской Федерации

Брифинг официального представителя МИД России, Москва, 13 ноября 2024 года

13.11.2024 18:30

На брифинге в Москве официальный представитель МИД России ответила на вопросы журналистов о ратификации \
договора с КНДР.

Вопрос: Когда договор вступит в силу?
"""
SLOGAN_PAGE = """TASS
Russian News Agency
EN
RU
Search
Kim Jong Un receives Shoigu in Pyongyang for talks on Kursk
June 4, 2025

Kim Jong Un received the secretary of Russia's Security Council in Pyongyang on Wednesday.
"""


@pytest.mark.parametrize("text, title, source", [
    (BROADCASTER_PAGE, '쇼이구, 평양서 김정은 접견…"파병 감사"', "KBS"),
    (MINISTRY_BRIEFING, "Брифинг официального представителя МИД России, Москва, 13 ноября 2024 года",
     "Russian Foreign Ministry"),
    (SLOGAN_PAGE, "Kim Jong Un receives Shoigu in Pyongyang for talks on Kursk", "TASS"),
])
def test_a_headline_over_its_date_line_is_no_slogan_of_the_masthead_above(text, title, source):
    from ingest.registry import default_registry

    outlets = {**default_registry().outlets, "kbs 뉴스": "KBS", "kbs": "KBS",
               "министерство иностранных дел российской федерации": "Russian Foreign Ministry"}
    article = parse_article(text, outlets)
    assert (article.title, article.source) == (title, source)


@pytest.mark.parametrize("line, furniture", [
    ("정치 > 북한", True), ("Главная > Политика > В мире", True),
    ("Kim Jong Un <script>alert('x')</script> met Vladimir Putin", False),  # '>' without spaces is text
])
def test_an_angle_bracket_separates_a_breadcrumb_only_with_spaces(line, furniture):
    from ingest.parse.lines import is_furniture

    assert is_furniture(line) is furniture
