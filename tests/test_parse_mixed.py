"""Header, outlet and caption features found missing on tests/corpus/fresh_mixed, each tested on
its own with short texts written for these tests, in other wordings and layouts than the set's
files."""

import pytest

from ingest.parse import agreed_page_name, parse_article
from stories import KO_STORY, RU_STORY, STORY



# ---------------------------------------------------------------- an outlet the registry lacks

@pytest.mark.parametrize("masthead, footer, outlet", [
    ("Harbour Ledger", "© 2025 Harbour Ledger. All rights reserved.", "Harbour Ledger"),
    ("PACIFIC DESK", "Copyright 2025 Pacific Desk LLC", "PACIFIC DESK"),
    ("NPRI", "© 2025 by the Northern Policy Research Institute", "NPRI"),
    ("Центр Восточных Исследований", "© 2025 Центр восточных исследований", "Центр Восточных Исследований"),
])
def test_a_masthead_the_copyright_line_repeats_is_the_outlet(masthead, footer, outlet):
    text = f"{masthead}\nNews\nWorld\nOpinion\n\nRail officials meet in Vladivostok\n\n{STORY}\n\n{footer}"
    assert parse_article(text).source == outlet


@pytest.mark.parametrize("masthead, footer", [
    ("Harbour Ledger", "© 2025 Tidewater Media Group. All rights reserved."),  # a parent company
    ("Harbour Ledger", ""),  # the masthead alone
    ("HL", "© 2025 Harbour Ledger"),  # initials that do not spell it
])
def test_an_unknown_masthead_alone_or_contradicted_is_no_outlet(masthead, footer):
    text = f"{masthead}\nNews\nWorld\n\nRail officials meet in Vladivostok\n\n{STORY}\n\n{footer}"
    assert parse_article(text).source is None


def test_a_known_outlet_wins_over_the_pages_agreement():
    text = ("Harbour Ledger\nNews\n\nRail officials meet in Vladivostok\n\n"
            f"SEOUL, May 6 (Yonhap) -- {STORY}\n\n© 2025 Harbour Ledger")
    assert parse_article(text).source == "Yonhap"


def test_page_names_agree_only_across_masthead_and_copyright():
    assert agreed_page_name([("copyright", "Harbour Ledger"), ("copyright", "Harbour Ledger")]) is None
    assert agreed_page_name([("masthead", "Skip to main content. Read more."), ("copyright", "Skip")]) is None


# ---------------------------------------------------------------- bylines

def test_an_outlet_of_joined_words_after_the_authors_is_no_author():
    text = f"Rail officials meet in Vladivostok\n\nBy Jane Doe and Lee Min-ho, Bread and Roses • May 2, 2025\n\n{STORY}"
    assert parse_article(text).byline == "Jane Doe, Lee Min-ho"


def test_a_genre_label_before_by_opens_a_byline():
    text = f"Rail officials meet in Vladivostok\n\nAnalysis by Jane Doe and Omar Haddad\n\n{STORY}"
    assert parse_article(text).byline == "Jane Doe, Omar Haddad"


def test_live_blog_authors_with_notes_above_the_stamps():
    text = ("Rail officials meet in Vladivostok – live\n"
            "Delegations gather for the first freight talks since the bridge opened\n"
            "Jane Doe (now) and Omar Haddad (earlier)\n"
            "Tue 6 May 2025 10.02 BST\n"
            "Key events\n"
            "1h ago\n"
            "Talks begin\n\n" + STORY)
    article = parse_article(text)
    assert article.byline == "Jane Doe, Omar Haddad"
    assert "(now)" not in article.body


def test_a_russian_correspondents_sign_off_is_the_byline():
    text = f"Железнодорожники КНДР прибыли во Владивосток\n\n{RU_STORY}\n\nАнна Седова, «Вести», Приморье."
    assert parse_article(text).byline == "Анна Седова"


# ---------------------------------------------------------------- Korean captions and datelines

def test_a_bracketed_korean_dateline_glued_to_the_reporter():
    text = f"북한 철도 대표단 블라디보스토크 도착\n\n[서울=뉴시스]김수아 기자 = {KO_STORY}"
    article = parse_article(text)
    assert (article.byline, article.dateline, article.source) == ("김수아", "서울", "Newsis")
    assert article.body.startswith("북한 철도 대표단이")


def test_a_caption_with_its_credit_in_brackets_leaves_the_body():
    caption = "[서울=뉴시스] 북한 철도 대표단이 6일 블라디보스토크역에 도착하고 있다. (사진=러시아 철도공사 제공) 2025.05.06."
    article = parse_article(f"북한 철도 대표단 블라디보스토크 도착\n\n{caption}\n\n[서울=뉴시스]김수아 기자 = {KO_STORY}")
    assert article.captions == [caption]
    assert article.byline == "김수아" and "사진=" not in article.body


def test_a_korean_caption_ending_in_a_relayed_agency_credit():
    caption = "김정은 국무위원장이 6일 평양역에서 러시아 대표단을 맞이하고 있다. 평양 조선중앙통신=연합뉴스"
    article = parse_article(f"북한 철도 대표단 블라디보스토크 도착\n\n{caption}\n\n{KO_STORY}")
    assert caption in article.captions
    assert article.body.startswith("북한 철도 대표단이")


# ---------------------------------------------------------------- found missing on fresh_final

DE_STORY = ("Nordkorea hat erstmals eingeräumt, Soldaten nach Russland geschickt zu haben. Die Truppen hätten an "
            "der Rückeroberung der Region Kursk teilgenommen, meldete die staatliche Agentur am Montag.\n\n"
            "Machthaber Kim Jong-un habe den Einsatz selbst angeordnet, hieß es.")


def test_a_source_label_under_a_photo_is_its_credit_and_the_line_above_its_caption():
    text = ("Nordkorea bestätigt den Einsatz\n\nVon Lena Brandt\nKorrespondentin in Peking\n\n"
            "Soldaten bei einer Parade in Pjöngjang (Archivbild)\nQuelle: AP/KCNA via KNS\n\n" + DE_STORY)
    article = parse_article(text)
    assert article.source is None  # the photo's agencies, not the page's outlet
    assert article.byline == "Lena Brandt"
    assert "Quelle: AP/KCNA via KNS" in article.credits
    assert article.captions == ["Soldaten bei einer Parade in Pjöngjang (Archivbild)"]
    assert article.body.startswith("Nordkorea hat erstmals")


def test_a_russian_agency_dateline_with_year_and_time():
    text = f"Железнодорожники КНДР прибыли во Владивосток\n\nВладивосток, 6 мая 2025, 12:47 — ИА Регнум. {RU_STORY}"
    article = parse_article(text)
    assert (article.source, article.dateline, article.published) == ("Regnum", "Владивосток", "2025-05-06")
    assert article.body.startswith("Делегация железнодорожников")


def test_a_copyright_line_among_a_footers_links_names_the_outlet():
    text = (f"Rail officials meet in Vladivostok\n\n{STORY}\n\nMost popular\nPopular videos\nContact us\n"
            "Privacy notice\nCookie policy\nTerms of use\n© 2025 Independent Digital News & Media Ltd")
    assert parse_article(text).source == "The Independent"


def test_a_korean_reporter_line_above_related_links_is_the_byline():
    text = (f"북한 철도 대표단 블라디보스토크 도착\n\n{KO_STORY}\n\n김수아 기자 sua.kim@example.co.kr\n\n"
            "세계일보 관련 기사\n北, 노동당 창건 80주년 앞두고 조명 장식\n러 \"방북은 관계 발전의 상징\"")
    article = parse_article(text)
    assert article.byline == "김수아"
    assert "sua.kim@example.co.kr" not in article.body


def test_a_photo_credit_in_square_brackets_is_a_credit():
    text = f"북한 철도 대표단 블라디보스토크 도착\n\n[사진 = 연합뉴스]\n\n{KO_STORY}"
    article = parse_article(text)
    assert "[사진 = 연합뉴스]" in article.credits and "사진" not in article.body


def test_a_reporter_label_is_the_byline_but_a_reporters_turn_is_not():
    labelled = parse_article(f"Rail officials meet in Vladivostok\n\nReporter : Jane Doe\n\n{STORY}")
    assert labelled.byline == "Jane Doe"
    turn = parse_article("Rail officials meet in Vladivostok\n\nREPORTER: The officials arrived on a night train "
                         f"from Khabarovsk.\n\n{STORY}")
    assert turn.byline is None and turn.body.startswith("REPORTER: The officials arrived")


def test_an_official_sites_name_over_its_menu_is_no_headline():
    text = ("Официальный сайт Правительства Хабаровского края\nВерсия для слабовидящих\nГлавная\nНовости\n\n"
            f"Железнодорожники КНДР прибыли во Владивосток\n\n15 октября 2025, 17:20\n\n{RU_STORY}")
    assert parse_article(text).title == "Железнодорожники КНДР прибыли во Владивосток"


# ---------------------------------------------------------------- found missing on fresh_last

def test_a_menus_label_in_capitals_is_no_dateline_and_a_bylines_stamp_dates_it():
    text = ("Skip to content\nThe Hill\nNewsletters\n\nTRENDING:\nSupreme Court\nTariffs\n\nInternational\n\n"
            "Rail officials meet in Vladivostok\n\nby Jane Doe - 04/28/25 11:42 AM ET\n\nShare\n\n" + STORY)
    article = parse_article(text)
    assert (article.title, article.byline, article.published) == (
        "Rail officials meet in Vladivostok", "Jane Doe", "2025-04-28")


def test_a_reporters_post_before_the_name_is_no_part_of_it():
    text = f"Rail officials meet in Vladivostok\n\nBy North Asia correspondent Jane Doe and Lee Min-ho in Seoul\n\n{STORY}"
    assert parse_article(text).byline == "Jane Doe, Lee Min-ho"


def test_a_news_databases_export_fields():
    text = ("Xinhua General News Service\n\nMay 6, 2025 Tuesday 6:12 AM GMT\n\nRail officials meet in Vladivostok\n\n"
            "SECTION: WORLD NEWS; Political\nLENGTH: 545 words\nBYLINE: Jane Doe\nDATELINE: VLADIVOSTOK, May 6\n\n"
            f"BODY:\n\n{STORY}\n\nLOAD-DATE: May 7, 2025\n\nLANGUAGE: ENGLISH\n\nEnd of Document")
    article = parse_article(text)
    assert (article.byline, article.dateline, article.published) == ("Jane Doe", "VLADIVOSTOK", "2025-05-06")
    assert article.body.startswith("North Korea sent") and "LOAD-DATE" not in article.body


def test_a_row_of_header_fields_is_read_cell_by_cell():
    text = ("북한 철도 대표단 블라디보스토크 도착\n\n"
            "기자명 김수아 기자   입력 2025.05.06 11:05   수정 2025.05.06 15:20   댓글 0\n\n" + KO_STORY)
    article = parse_article(text)
    assert (article.byline, article.published) == ("김수아", "2025-05-06")


@pytest.mark.parametrize("caption", [
    "Russian and North Korean flags near the Friendship Bridge over the Tumen River (AFP via Getty Images)",
    "Officials at the border station after the talks. (Reuters: Sputnik/Pool)",
    "Arbeiten an der Straßenbrücke über den Tumen nahe Chassan im Sommer. © AFP/Handout",
])
def test_captions_ending_in_a_bracketed_or_signed_credit(caption):
    article = parse_article(f"Rail officials meet in Vladivostok\n\n{caption}\n\n{STORY}")
    assert article.captions == [caption] and article.body.startswith("North Korea sent")


def test_a_russian_pages_tags_share_bar_and_address_leave_the_body():
    text = (f"Железнодорожники КНДР прибыли во Владивосток\n\n{RU_STORY}\n\nТеги: Туризм, КНДР\n\nПоделиться:\n"
            "ВКонтакте\nОдноклассники\n\nПресс-служба министерства\n\n125993, г. Москва, ул. 1-я Тверская-Ямская, д. 1\n"
            "Все материалы сайта доступны по лицензии Creative Commons Attribution 4.0")
    article = parse_article(text)
    assert article.body.endswith("добавили в ведомстве.")


@pytest.mark.parametrize("stamp, date", [
    ("05/06/25 11:42 AM ET", "2025-05-06"),  # an American time zone: month first
    ("05/06/25 11:42", "2025-06-05"),  # no zone: day first, as most of the world writes it
    ("06.05.2025 10:00 MSK", "2025-05-06"),
])
def test_a_numeric_date_reads_month_first_beside_an_american_time_zone(stamp, date):
    from ingest.parse.stamps import choose_stamp, read_stamps
    assert choose_stamp(read_stamps(stamp)).date.isoformat() == date
