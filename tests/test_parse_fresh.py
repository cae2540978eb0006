"""The header and furniture features found missing on the fresh held-out sets
(tests/corpus/fresh_en_de, tests/corpus/fresh_ru_ko), each tested on its own with short texts
written for these tests, in other wordings and layouts than the sets' files."""

import pytest

from ingest.parse import parse_article
from ingest.parse.stamps import read_stamps
from ingest.registry import default_registry
from stories import KO_STORY, RU_STORY, STORY

OUTLETS = default_registry().outlets


# ---------------------------------------------------------------- counters beside a date

@pytest.mark.parametrize("line,date", [
    ("March 3 2025, 09:15 AM  •  5210 views", "2025-03-03"),
    ("11 June 2025 | 14:02 | 1.2K shares", "2025-06-11"),
    ("작성 2025.05.02 18:40 수정 2025.05.02 19:10 조회수", "2025-05-02"),
    ("입력 2025.05.02 18:40 | 조회 3,118", "2025-05-02"),
    ("12.05.2025, 08:30 · Просмотров: 1 204", "2025-05-12"),
])
def test_a_counter_beside_a_date_leaves_it_a_date_line(line, date):
    stamps = read_stamps(line)
    assert stamps and stamps[0].date.isoformat() == date


def test_a_date_line_with_a_view_counter_dates_the_article():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMarch 3 2025, 09:15 AM  •  5210 views\n"
                            f"Author: Dana Whitfield\n\n{STORY}")
    assert article.published == "2025-03-03"
    assert article.byline == "Dana Whitfield"
    assert article.body.startswith("North Korea sent a delegation")


def test_a_korean_written_on_line_gives_the_publication_date():
    """작성 (written) is the publication, 수정 the update, like 입력 and 수정."""
    article = parse_article(f"북한 철도 대표단, 블라디보스토크 방문\n\n박서연 기자\n작성 2025.05.02 18:40 수정 2025.05.03 09:10 "
                            f"조회수\n\n{KO_STORY}")
    assert article.published == "2025-05-02"
    assert article.body.startswith("북한 철도 대표단이")


@pytest.mark.parametrize("line", ["Hit: 2,418", "Views 981", "342 Postings", "조회수 1,021", "17 комментариев"])
def test_a_counter_line_is_furniture(line):
    article = parse_article(f"Rail officials meet in Vladivostok\n\nBy Dana Whitfield\n{line}\n\n{STORY}")
    assert line not in article.body
    assert article.body.startswith("North Korea sent a delegation")


# ---------------------------------------------------------------- page furniture, by lexicon words

def test_a_government_sites_banner_is_no_headline():
    article = parse_article("An official website of the United States government\nHere's how you know\n\n"
                            f"Rail Officials Meet in Vladivostok\n\nMay 6, 2025\n\n{STORY}")
    assert article.title == "Rail Officials Meet in Vladivostok"
    assert "An official website of the United States government" in article.dropped


def test_a_short_header_line_with_a_chrome_phrase_is_furniture():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nBy Dana Whitfield\nThe Courier Is A Trust Project "
                            f"Member\n\nPublished May 6, 2025\n🎧 Voice is AI-generated. Mistakes may occur.\n\n{STORY}")
    assert article.body.startswith("North Korea sent a delegation")
    assert article.published == "2025-05-06"


def test_a_release_end_mark_cuts_the_page_below_it():
    text = (f"Rail Officials Meet in Vladivostok\n\nMay 6, 2025\n\n{STORY}\n\n(The briefing was concluded at 11:40 "
            "a.m.)\n\n# # #\n\nTAGS\nTransport\nRussia\n\nContact Us\nPrivacy Policy")
    article = parse_article(text)
    assert article.body.endswith("the ministry said.")
    assert "Markdown markup unwrapped" not in article.warnings  # '# # #' is no Markdown heading
    assert "(The briefing was concluded at 11:40 a.m.)" not in article.body


def test_a_board_posts_attachment_and_neighbour_links_leave_the_body():
    text = (f"Title: Rail officials meet in Vladivostok\nDate: 2025-05-06\n\n{STORY}\n\nAttached file: none\n\n"
            "Previous: Minister visits the border station\nNext: Freight schedule agreed for summer\n\n"
            "Copyright (C) Example Ministry. All rights reserved.")
    article = parse_article(text)
    assert article.body.endswith("the ministry said.")


@pytest.mark.parametrize("notice", ["For information media. Not an official record.",
                                    "Reproduction of our materials is permitted only with a hyperlink to the source."])
def test_a_notice_under_the_story_is_furniture(notice):
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMay 6, 2025\n\n{STORY}\n\n{notice}")
    assert notice not in article.body


def test_a_russian_photo_credit_is_a_credit():
    article = parse_article(f"Железнодорожники КНДР приехали во Владивосток\n\n12 мая 2025, 10:20\n"
                            f"Фото: пресс-служба Минтранса\n\n{RU_STORY}")
    assert "Фото: пресс-служба Минтранса" in article.credits
    assert article.body.startswith("Делегация железнодорожников")


def test_a_rating_prompt_and_a_latest_news_list_leave_a_russian_page():
    text = (f"Железнодорожники КНДР приехали во Владивосток\n\n12 мая 2025, 10:20\n\n{RU_STORY}\n\n"
            "Что думаешь? Оцени!\n\nПоследние новости\nВ Хабаровске открыли новый мост\n10:02\n"
            "В Приморье ожидаются дожди\n09:41")
    article = parse_article(text)
    assert article.body.endswith("добавили в ведомстве.")


def test_a_korean_rating_prompt_and_read_aloud_notice_leave_the_header():
    text = (f"북한 철도 대표단, 블라디보스토크 방문\n\n입력 2025.05.02 18:40\n\n이 기사 어때요?\n"
            f"음성으로 듣기 기능은 일부 브라우저에서만 지원됩니다.\n\n{KO_STORY}")
    article = parse_article(text)
    assert article.body.startswith("북한 철도 대표단이")


def test_a_german_donation_appeal_under_the_story_is_furniture():
    story = ("Eine nordkoreanische Bahndelegation ist am Dienstag in Wladiwostok eingetroffen, um einen neuen "
             "Fahrplan für Güterzüge zu besprechen.\n\nDie Gäste wollen auch den Grenzbahnhof Chassan besuchen.")
    text = (f"Bahndelegation aus Nordkorea in Wladiwostok\n\nVon Jana Kroll\n06.05.2025, 10:20 Uhr\nLesedauer: 2 Min."
            f"\n\n{story}\n\nGuten Journalismus stärken!\nMit einer Spende sichern Sie unsere unabhängige Arbeit.\n"
            "Jetzt unterstützen")
    article = parse_article(text)
    assert article.body.startswith("Eine nordkoreanische Bahndelegation")
    assert article.body.endswith("besuchen.")


# ---------------------------------------------------------------- captions, teasers, signatures

@pytest.mark.parametrize("caption,credit", [
    ("Officials inspect the new platform at the border station on May 2. /Chosun Ilbo DB", "/Chosun Ilbo DB"),
    ("철도 대표단이 2일 블라디보스토크역에 도착하고 있다. 블라디보스토크/AP 연합뉴스", "블라디보스토크/AP 연합뉴스"),
])
def test_a_caption_credit_after_a_slash_or_of_two_agencies(caption, credit):
    from ingest.parse.lines import caption_credit

    assert caption_credit(caption, OUTLETS) == credit


def test_the_caption_right_under_a_photo_credit_is_a_caption_though_it_ends_a_sentence():
    story = ("Eine nordkoreanische Bahndelegation ist am Dienstag in Wladiwostok eingetroffen, um einen neuen "
             "Fahrplan für Güterzüge zu besprechen.\n\nDie Gäste wollen auch den Grenzbahnhof Chassan besuchen.")
    caption = "Das Bild zeigt die Delegation bei der Ankunft am Bahnhof von Wladiwostok."
    article = parse_article(f"Bahndelegation aus Nordkorea in Wladiwostok\n\nJana Kroll\n6. Mai 2025, 10:20\n\n"
                            f"Foto: Reuters\n{caption}\n\n{story}")
    assert caption in article.captions and caption not in article.body
    assert article.title == "Bahndelegation aus Nordkorea in Wladiwostok"


def test_a_two_sentence_teaser_is_no_headline():
    text = ("Europa › Russland\n\nKrieg in der Ukraine\n\nNordkoreas Bahnleute: Delegation reist nach Wladiwostok\n\n"
            "Die Gäste sprechen über einen neuen Fahrplan. Auch die Grenzstation Chassan steht auf dem Programm\n\n"
            "Jana Kroll\n6. Mai 2025, 10:20\n\nFoto: Reuters\nDas Bild zeigt die Delegation bei der Ankunft.\n\n"
            "Eine nordkoreanische Bahndelegation ist am Dienstag in Wladiwostok eingetroffen, um einen neuen Fahrplan "
            "für Güterzüge zu besprechen. Die Gäste wollen auch die Grenzstation Chassan besuchen.")
    article = parse_article(text)
    assert article.title == "Nordkoreas Bahnleute: Delegation reist nach Wladiwostok"


@pytest.mark.parametrize("signature,byline", [("(Jana Kroll, 6.5.2025)", "Jana Kroll"),
                                              ("(red, APA, 6.5.2025)", None)])
def test_a_closing_signature_in_brackets_leaves_the_body(signature, byline):
    story = ("Eine nordkoreanische Bahndelegation ist am Dienstag in Wladiwostok eingetroffen, um einen neuen "
             "Fahrplan für Güterzüge zu besprechen.\n\nDie Gäste wollen auch den Grenzbahnhof Chassan besuchen.")
    article = parse_article(f"Bahndelegation aus Nordkorea in Wladiwostok\n\n{story} {signature}")
    assert article.body.endswith("besuchen.")
    assert article.byline == byline
    assert article.published == "2025-05-06"


def test_a_bracket_at_a_paragraphs_end_that_is_no_signature_stays():
    article = parse_article(f"Rail officials meet in Vladivostok\n\n{STORY} (Kim Jong Un, the leader, 2025)")
    assert article.body.endswith("(Kim Jong Un, the leader, 2025)")


# ---------------------------------------------------------------- bylines that are no person, speaker lines

def test_a_byline_opener_with_a_colon():
    article = parse_article(f"Железнодорожники КНДР приехали во Владивосток\n\nТекст: Марина Соколова\n12.05.2025 10:20"
                            f"\n\n{RU_STORY}")
    assert article.byline == "Марина Соколова"
    assert "Текст: Марина Соколова" not in article.body


@pytest.mark.parametrize("line", ["Writer: Press Office", "Author: Public Affairs Bureau",
                                  "Spokesperson's Office — May 6, 2025"])
def test_an_office_in_the_byline_place_is_no_person(line):
    article = parse_article(f"Rail officials meet in Vladivostok\n\n{line}\nDate: 2025-05-06\n\n{STORY}")
    assert article.byline is None


def test_a_document_title_keeps_its_date_and_a_speaker_line_is_no_byline():
    text = ("Home\nNews\nBriefings\n\nRegular Press Briefing – May 6, 2025\n\nJane Okafor, Deputy Spokesperson\n"
            "Washington, D.C.\n2:05 p.m. EDT\n\n"
            "MS OKAFOR: Good afternoon. I have two announcements before I take your questions today.\n\n"
            "QUESTION: Thank you. Can you say more about the railway delegation in Vladivostok?")
    article = parse_article(text)
    assert article.title == "Regular Press Briefing – May 6, 2025"
    assert article.published == "2025-05-06"
    assert article.byline is None
    assert article.dateline == "Washington, D.C."
    assert article.body.startswith("MS OKAFOR: Good afternoon.")
    assert "Jane Okafor, Deputy Spokesperson" in article.dropped


def test_a_page_titles_date_after_its_outlet_still_goes():
    article = parse_article(f"North Korean rail officials meet in Vladivostok – DW – 05/16/2025\n\n{STORY}")
    assert article.title == "North Korean rail officials meet in Vladivostok"
    assert article.published == "2025-05-16"


def test_a_reporter_and_post_over_a_date_line_is_no_dateline():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nAnna Berger, Tokio\n06.05.2025, 05.30 Uhr\n\n{STORY}")
    assert article.dateline is None


# ---------------------------------------------------------------- bylines under the story, sign-offs

def test_reporters_with_their_emails_under_a_korean_story_are_the_byline():
    text = (f"북한 철도 대표단, 블라디보스토크 방문\n\n입력 2025.05.02 18:40\n\n{KO_STORY}\n\n"
            "정다은 기자 daeun@example.co.kr\n오세훈 기자 sehoon@example.co.kr\n\n많이 본 뉴스\n"
            "ⓒ example.co.kr 무단 전재 및 재배포 금지")
    article = parse_article(text)
    assert article.byline == "정다은, 오세훈"
    assert "daeun@example.co.kr" not in article.body


def test_an_authors_block_after_a_russian_story_is_the_byline():
    text = (f"Железнодорожники КНДР приехали во Владивосток\n\n12 мая 2025, 10:20\n\n{RU_STORY}\n\n"
            "Авторы\nМарина Соколова, Денис Орлов\n\nТеги\nКНДР Транспорт\n\nЧитайте нас в Telegram.")
    article = parse_article(text)
    assert article.byline == "Марина Соколова, Денис Орлов"
    assert article.body.endswith("добавили в ведомстве.")


def test_a_staff_credit_alone_under_the_story_names_no_one():
    article = parse_article(f"북한 철도 대표단, 블라디보스토크 방문\n\n{KO_STORY}\n\n본사기자")
    assert article.byline is None


def test_a_joiner_before_a_second_author_is_no_part_of_the_name():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nby Dana Whitfield, with Kim Soo-ah in Seoul\n\n{STORY}")
    assert article.byline == "Dana Whitfield, Kim Soo-ah"


@pytest.mark.parametrize("sign_off,name", [("This is Dana Whitfield reporting.", "Dana Whitfield"),
                                           ("This is Kim Soo-ah, reporting from Vladivostok.", "Kim Soo-ah"),
                                           ("This is Vladivostok reporting.", None),
                                           ("KBS News, Kim Soo-ah.", "Kim Soo-ah"),
                                           ("블라디보스토크에서 KBS 뉴스 김수아입니다.", "김수아")])
def test_a_broadcast_sign_off_names_the_reporter(sign_off, name):
    article = parse_article(f"Rail officials meet in Vladivostok\n\n[Anchor]\n\n{STORY}\n\n{sign_off}")
    assert article.byline == name


def test_a_sign_off_with_an_unknown_outlet_names_no_one():
    article = parse_article(f"Rail officials meet in Vladivostok\n\n{STORY}\n\nMoscow, Vladimir Putin.")
    assert article.byline is None


# ---------------------------------------------------------------- datelines, agencies by what they are

def test_a_place_and_agency_line_over_the_story_is_the_dateline():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMay 6 2025, 10:15 AM\n\nOdesa • UNIAN\n\n{STORY}")
    assert article.dateline == "Odesa"
    assert article.source == "UNIAN"  # an acronym the registry does not know: the outlet as written
    assert article.body.startswith("North Korea sent a delegation")


@pytest.mark.parametrize("line", ["UKR | ENG", "Politics • Ukraine", "News | RSS"])
def test_a_language_switch_or_crumb_is_no_dateline(line):
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMay 6 2025, 10:15 AM\n\n{line}\n\n{STORY}")
    assert article.dateline is None


def test_an_agency_named_with_what_it_is():
    from ingest.parse.lines import known_outlet

    assert known_outlet("ИА PrimaMedia", OUTLETS) == "PrimaMedia"
    assert known_outlet("агентство «Интерфакс»", OUTLETS) == "Interfax"
    assert known_outlet("ИА Example", OUTLETS) is None
    text = (f"Железнодорожники КНДР приехали во Владивосток\n\n12 мая 2025, 10:20\n\nХАБАРОВСК, 12 мая, ИА PrimaMedia. "
            f"{RU_STORY}")
    article = parse_article(text)
    assert article.dateline == "ХАБАРОВСК"
    assert article.source == "PrimaMedia"
    assert article.body.startswith("Делегация железнодорожников")


# ---------------------------------------------------------------- headlines: kickers, site names, briefings

def test_a_kicker_glued_to_the_headline_leaves_the_title():
    story = ("Eine nordkoreanische Bahndelegation ist am Dienstag in Wladiwostok eingetroffen, um einen neuen "
             "Fahrplan für Güterzüge zu besprechen.\n\nDie Gäste wollen auch den Grenzbahnhof Chassan besuchen.")
    article = parse_article(f"Politik\nAusland\n\nBahn nach Russland:„Der Zug fährt wieder“, sagt der Minister\n\n"
                            f"6. Mai 2025, 10:20 Uhr\n\n{story}")
    assert article.title == "„Der Zug fährt wieder“, sagt der Minister"
    assert "Bahn nach Russland" in article.dropped


def test_a_colon_with_a_space_keeps_the_headline_whole():
    article = parse_article(f"Rail talks: Delegation arrives in Vladivostok\n\nMay 6, 2025\n\n{STORY}")
    assert article.title == "Rail talks: Delegation arrives in Vladivostok"


def test_a_latin_site_name_over_its_crumb_is_no_korean_headline():
    text = (f"Example Watch\n스트림 > 조선중앙통신\n\n철도대표단 블라디보스토크 방문\n\n조선중앙통신 | 2025-05-02 18:40\n\n"
            f"{KO_STORY}")
    article = parse_article(text)
    assert article.title == "철도대표단 블라디보스토크 방문"
    assert article.body.startswith("북한 철도 대표단이")


def test_a_briefings_date_and_spokesman_line_dates_it_and_credits_no_byline():
    text = (f"정책 포털\n브리핑룸 > 부처 브리핑\n\n외교부 정례브리핑\n\n2025.05.02 김하늘 대변인\n글자크기 설정\n\n"
            f"안녕하십니까? 정례브리핑을 시작하겠습니다.\n\n{KO_STORY}")
    article = parse_article(text)
    assert article.title == "외교부 정례브리핑"
    assert article.published == "2025-05-02"
    assert article.byline is None
    assert article.body.startswith("안녕하십니까?")


def test_a_date_and_a_reporter_with_a_closer_give_both():
    article = parse_article(f"북한 철도 대표단, 블라디보스토크 방문\n\n2025.05.02 정다은 기자\n\n{KO_STORY}")
    assert article.published == "2025-05-02"
    assert article.byline == "정다은"


def test_a_menu_ends_at_a_blank_line():
    text = f"Example Site\nHome\nWorld\n\nRail talks open\n\nMay 6, 2025\n\n{STORY}"
    assert parse_article(text).title == "Rail talks open"


# ---------------------------------------------------------------- lists with item counters, glued buttons

def test_a_keep_reading_list_with_screen_reader_counters_leaves_the_body():
    text = (f"Rail officials meet in Vladivostok\n\nBy Dana Whitfield\n\n{STORY.split(chr(10))[0]}\n\n"
            "Keep reading\nlist of 3 items\nlist 1 of 3\nWhy Moscow wants the Tumen bridge\nlist 2 of 3\n"
            "Is the freight line worth it?\nlist 3 of 3\nPhotos: A week on the Khasan border\nend of list\n\n"
            "The officials will also visit the Khasan border station, the ministry said.")
    article = parse_article(text)
    assert "Keep reading" not in article.body and "Is the freight line worth it?" not in article.body
    assert "end of list" not in article.body and "list 2 of 3" not in article.body
    assert article.body.endswith("the ministry said.")


def test_a_list_of_things_is_no_item_counter():
    article = parse_article(f"Rail officials meet in Vladivostok\n\n{STORY}\n\nList of stations on the new line")
    assert "List of stations on the new line" in article.body or "List of stations on the new line" in article.dropped


def test_korean_buttons_glued_together_are_furniture():
    text = (f"북한 철도 대표단, 블라디보스토크 방문\n\n정다은 기자\n입력 2025.05.02 18:40\n프린트기사본문프린트하기 글자크기설정"
            f"\n\n{KO_STORY}")
    article = parse_article(text)
    assert article.body.startswith("북한 철도 대표단이")
    assert "프린트기사본문프린트하기 글자크기설정" in article.dropped


@pytest.mark.parametrize("lead,place", [("USSURIYSK, Mar. 4 — ", "USSURIYSK"), ("WASHINGTON, Jan. 5, 2025 -- ", "WASHINGTON"),
                                        ("Tumangang (North Korea) (AFP) - ", "Tumangang (North Korea)")])
def test_more_dateline_forms(lead, place):
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMay 6, 2025\n\n{lead}{STORY}")
    assert article.dateline == place
    assert article.body.startswith("North Korea sent a delegation")


def test_a_shouted_sentence_with_a_date_is_no_dateline():
    article = parse_article(f"Rail officials meet in Vladivostok\n\nMay 6, 2025\n\nOfficials said, May 5 -- {STORY}")
    assert article.dateline is None


def test_a_headline_with_a_chrome_phrase_stays_the_headline():
    article = parse_article(f"Kim says the deal meets our standards\n\nBy Dana Whitfield\nMay 6, 2025\n\n{STORY}")
    assert article.title == "Kim says the deal meets our standards"
