"""Parsing: every seed and every extra layout against its expected reading."""

import pytest

from conftest import ALL_GOLD, gold_id
from ingest.decode import decode_bytes
from ingest.parse import parse_article, repair_run_together


def parse_file(folder, name):
    return parse_article(decode_bytes((folder / name).read_bytes()).text)


@pytest.mark.parametrize("folder_gold", ALL_GOLD, ids=gold_id)
@pytest.mark.parametrize("field", ["title", "source", "published"])
def test_header_fields_match_gold(folder_gold, field):
    folder, gold = folder_gold
    assert getattr(parse_file(folder, gold["file"]), field) == gold[field]


@pytest.mark.parametrize("folder_gold", [g for g in ALL_GOLD if "byline" in g[1] or "dateline" in g[1]], ids=gold_id)
def test_byline_and_dateline_match_gold(folder_gold):
    folder, gold = folder_gold
    article = parse_file(folder, gold["file"])
    for field in ("byline", "dateline", "language"):
        if field in gold:
            assert getattr(article, field) == gold[field], field


def test_date_header_body_starts_on_the_same_line(seeds_dir=None):
    article = parse_article(" date 2024-06-19 SEOUL: A strategic partnership pact was signed.\n\nMore text here.")
    assert article.published == "2024-06-19"
    assert article.dateline == "SEOUL"
    assert article.body.startswith("A strategic partnership pact")


def test_invalid_header_date_is_null_with_a_warning():
    article = parse_article(" date 2024-13-45 Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday.")
    assert article.published is None
    assert any("2024-13-45" in w for w in article.warnings)
    assert article.body.startswith("Kim Jong Un met")


def test_kcna_caption_is_kept_apart_and_yonhap_names_the_source(seed):
    article = seed("000")
    assert article.captions[0].startswith("This photo shows a reception")
    assert "KCNA" in article.credits
    assert not article.body.startswith("This photo")
    assert article.source == "Yonhap"
    assert not article.body.rstrip().endswith("(Yonhap)")


def test_run_together_sentences_are_repaired_and_glued_agency_removed(seed):
    article = seed("001")
    assert "Friday. Choe made the remarks" in article.body
    assert 'region. "Russia and North Korea' in article.body
    assert article.body.endswith("various other fields.")
    assert article.source == "Yonhap"


def test_photo_credits_are_not_the_outlet_nor_body(seed):
    article = seed("002")
    assert article.source is None
    assert article.credits == ["Image Credit: AFP", "Image Credit: Reuters"]
    assert "Image Credit" not in article.body
    assert article.dateline == "SEOUL"
    assert article.body.startswith("A strategic partnership pact")


def test_outlet_line_and_promo_line(seed):
    article = seed("003")
    assert article.source == "CBC"
    assert not article.body.startswith("CBC")
    assert "WATCH" not in article.body
    assert article.dropped == ["WATCH l Putin on June 5 says Moscow would consider providing weapons to others "
                               "to strike Western targets:"]
    assert article.body.count("\n\n") == 12  # one paragraph per source line: 13 body lines


def test_ap_images_credit_and_caption_are_not_the_outlet(seed):
    article = seed("004")
    assert article.source is None
    assert article.credits == ["AP Images"]
    assert article.captions == ["Vladimir Putin and Kim Jong-Un"]
    assert article.body.startswith("Russian President Vladimir Putin visited Pyongyang")


@pytest.mark.parametrize("text, expected", [
    ("on Friday.Choe made", "on Friday. Choe made"),
    ('in the Kursk region."Russia and North Korea', 'in the Kursk region. "Russia and North Korea'),
    ('he said "it was fine."The next day', 'he said "it was fine." The next day'),
    ("the U.S. Secretary", "the U.S. Secretary"),
    ("3.5 percent", "3.5 percent"),
])
def test_repair_run_together(text, expected):
    assert repair_run_together(text) == expected


@pytest.mark.parametrize("header, published", [
    ("Published: 2 November 2024 - 14:35", "2024-11-02"),
    ("Apr. 29, 2025 9:40 AM KST", "2025-04-29"),
    ("Veröffentlicht am 09.11.2024, 14:12 Uhr", "2024-11-09"),
    ("Updated: 3 November 2024\nPublished: 2 November 2024", "2024-11-02"),
    ("November 2, 2024", "2024-11-02"),
    ("Stand: 05.12.2024 10:00 Uhr", "2024-12-05"),
    ("2024.11.09 14:30", "2024-11-09"),
    ("2024년 11월 9일", "2024-11-09"),
    ("Saturday, November 9, 2024", "2024-11-09"),
    ("Posted on November 9, 2024 at 2:30 pm", "2024-11-09"),
])
def test_header_date_lines(header, published):
    text = f"Russia and North Korea deepen ties\n{header}\n\nKim Jong Un met Vladimir Putin. They signed a treaty."
    article = parse_article(text)
    assert article.published == published
    assert article.title == "Russia and North Korea deepen ties"


@pytest.mark.parametrize("lead, place, source, published", [
    ("MOSCOW, Nov 9 (Reuters) - ", "MOSCOW", "Reuters", "2024-11-09"),
    ("Pyongyang, December 5 (KCNA) -- ", "Pyongyang", "KCNA", "2024-12-05"),
    ("SEOUL, Dec. 11 (Yonhap) -- ", "SEOUL", "Yonhap", "2024-12-11"),
    ("Moskau (dpa) - ", "Moskau", "dpa", None),
    ("WASHINGTON (AP) — ", "WASHINGTON", "AP", None),
])
def test_agency_datelines(lead, place, source, published):
    article = parse_article(f"{lead}The treaty signed on June 19, 2024 is in force, officials said.")
    assert (article.dateline, article.source, article.published) == (place, source, published)
    assert article.body.startswith("The treaty signed")
    if published:
        assert article.date_source == "dateline-inferred-year"


def test_dateline_without_any_year_in_the_text_leaves_the_date_null():
    article = parse_article("MOSCOW, Nov 9 (Reuters) - Putin signed the law on Saturday, the Kremlin said.")
    assert article.published is None
    assert any("no year" in w for w in article.warnings)


def test_dateline_year_rolls_over_when_the_day_is_before_the_reported_dates():
    article = parse_article("MOSCOW, Jan 5 (Reuters) - The treaty took effect on December 4, 2024, officials said.")
    assert article.published == "2025-01-05"


def test_byline_is_not_part_of_the_body():
    article = parse_article("Choe meets Lavrov in Moscow\nBy Ji Da-gyum, The Korea Herald\n\nChoe Son-hui held talks.")
    assert article.byline == "Ji Da-gyum"
    assert article.source == "The Korea Herald"
    assert article.body == "Choe Son-hui held talks."


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    text = "Headline of the story\n\nThe treaty was signed by the two\nleaders in Pyongyang.\n\nA second paragraph."
    article = parse_article(text)
    assert article.body == "The treaty was signed by the two leaders in Pyongyang.\n\nA second paragraph."


def test_nothing_stated_stays_null():
    article = parse_article("Kim Jong Un and Vladimir Putin signed a treaty in Pyongyang. It commits both sides.")
    assert (article.title, article.source, article.published, article.dateline, article.byline) == (None,) * 5


@pytest.mark.parametrize("text, language", [
    ("The treaty was signed in Pyongyang and the leaders said that it is defensive.", "en"),
    ("Der Vertrag wurde in Pjöngjang unterzeichnet und die Staatsduma hat ihn mit den Stimmen gebilligt.", "de"),
])
def test_language(text, language):
    assert parse_article(text).language == language


@pytest.mark.parametrize("line, source", [
    ("© 2024 Reuters", "Reuters"),
    ("Copyright (c) Yonhap News Agency. All rights reserved.", "Yonhap"),
    ("Copyright 2025 The Associated Press. All rights reserved.", "AP"),
    ("© 2024 Some Unknown Blog", None),
])
def test_copyright_line_names_the_outlet(line, source):
    article = parse_article(f"Headline about the treaty\n\nKim Jong Un met Vladimir Putin in Pyongyang.\n\n{line}")
    assert article.source == source
    assert line not in article.body


def test_share_and_save_buttons_are_page_furniture_not_body():
    article = parse_article("Putin ratifies treaty with North Korea\n\nJean Mackenzie\nSeoul correspondent\n"
                            "9 November 2024\nShare\nSave\n\nPutin signed the law on Saturday.\n\nShare this article\n")
    assert article.byline == "Jean Mackenzie"
    assert article.source is None  # a reporter's name is no outlet
    assert article.body == "Putin signed the law on Saturday."
    assert article.dropped == ["Seoul correspondent", "Share", "Save", "Share this article"]


def test_a_role_line_can_name_the_outlet():
    article = parse_article("Treaty enters into force\n\nJane Doe\nDiplomatic correspondent, Reuters\n"
                            "5 December 2024\n\nThe treaty entered into force on Wednesday.")
    assert (article.byline, article.source) == ("Jane Doe", "Reuters")


def test_a_closing_list_of_links_is_dropped_but_a_closing_sentence_is_kept():
    text = "Troops in Kursk\n\n5 November 2024\n\nKim Jong Un has not commented.\n\n{}"
    listed = parse_article(text.format("Related topics\n\nNorth Korea\nRussia\nUkraine war"))
    assert listed.body == "Kim Jong Un has not commented."
    assert listed.dropped == ["Related topics", "North Korea Russia Ukraine war"]
    sentence = parse_article(text.format("Related topics\n\nThe Kremlin said talks would go on."))
    assert sentence.body.endswith("The Kremlin said talks would go on.")


def test_an_outlet_without_parentheses_in_the_dateline_is_taken_only_when_known():
    known = parse_article("Kim and Putin sign the pact\n\nSeoul, South Korea CNN —\nKim Jong Un and Vladimir Putin signed the pact.")
    assert (known.dateline, known.source) == ("Seoul, South Korea", "CNN")
    assert known.body.startswith("Kim Jong Un and Vladimir Putin")
    unknown = parse_article("Kim and Putin sign the pact\n\nSeoul, South Korea Today —\nKim Jong Un and Vladimir Putin signed the pact.")
    assert unknown.dateline is None and unknown.source is None
    assert unknown.body.startswith("Seoul, South Korea Today —")


def test_source_trailer_and_contributor_line_are_credits():
    article = parse_article("Putin ratifies treaty\n\nPublished On 9 Nov 2024\n\nPutin signed the law.\n\n"
                            "Gawon Bae contributed to this report.\n\nSource: Al Jazeera and news agencies")
    assert article.source == "Al Jazeera"
    assert article.body == "Putin signed the law."
    assert article.credits == ["Gawon Bae contributed to this report.", "Source: Al Jazeera and news agencies"]


def test_markdown_headings_emphasis_and_links_give_way_to_their_words():
    article = parse_article("# Treaty enters into force\n\n*By Anna Petrova*\n\n**Published:** December 5, 2024\n\n"
                            "![A flag](https://x.org/f.jpg)\n\nThe treaty entered into force on **December 4**, "
                            "according to the [Russian Foreign Ministry](https://mid.ru).\n\n## Background\n\n"
                            "It was signed in *June*.")
    assert (article.title, article.byline, article.published) == ("Treaty enters into force", "Anna Petrova", "2024-12-05")
    assert article.body == ("The treaty entered into force on December 4, according to the Russian Foreign Ministry."
                            "\n\nBackground\n\nIt was signed in June.")
    assert "Markdown markup unwrapped" in article.warnings


def test_plain_text_asterisks_are_not_markdown():
    article = parse_article("Kim and Putin sign the pact\n\nThe vote was 5*3 and * marks a note.\n\n***\n\nEnd of story here.")
    assert "5*3 and * marks a note" in article.body
    assert article.warnings == []


def test_a_dateline_may_end_the_place_with_a_period_and_a_byline_sheds_its_email():
    article = parse_article("Duma ratifies treaty with DPRK\n\nBY SARAH KIM [kim.sarah@joongang.co.kr]\n\n"
                            "MOSCOW. Oct 24 (Interfax) - The State Duma ratified the treaty signed on June 19, 2024.")
    assert (article.dateline, article.source, article.published) == ("MOSCOW", "Interfax", "2024-10-24")
    assert article.byline == "SARAH KIM"
    assert article.body.startswith("The State Duma ratified")


def test_labelled_metadata_lines_fill_the_fields_and_leave_the_body():
    article = parse_article("Title: Lavrov meets Choe Son Hui\nSource: TASS\nDate: 2024-11-04\nAuthor: Anna Petrova\n"
                            "URL: https://tass.com/x\n\nLavrov held talks with Choe Son Hui on Monday.")
    assert (article.title, article.source, article.published, article.byline) == \
        ("Lavrov meets Choe Son Hui", "TASS", "2024-11-04", "Anna Petrova")
    assert article.body == "Lavrov held talks with Choe Son Hui on Monday."
    assert article.dropped == ["URL: https://tass.com/x"]


def test_a_forwarding_e_mail_header_is_left_out_but_a_date_line_alone_is_not_one():
    forwarded = parse_article("From: Desk <d@example.org>\nSent: Thu, Jun 20, 2024\nSubject: Putin leaves\n\n"
                              "Putin leaves Pyongyang for Hanoi\n\nJune 20, 2024\n\nPutin left Pyongyang early on Thursday.")
    assert forwarded.title == "Putin leaves Pyongyang for Hanoi"
    assert forwarded.dropped[0] == "From: Desk <d@example.org>"
    assert forwarded.body == "Putin left Pyongyang early on Thursday."
    dated = parse_article("Date: 2024-06-20\nSubject: treaty\n\nPutin left Pyongyang early on Thursday.")
    assert dated.published == "2024-06-20" and not dated.dropped


def test_a_time_after_the_byline_date_is_not_a_name():
    article = parse_article("Shoigu visits Pyongyang for talks\n\nBy Josh Smith | Reuters | September 13, 2024 6:02 PM GMT+9\n\n"
                            "Sergei Shoigu met Kim Jong Un in Pyongyang on Friday.")
    assert (article.byline, article.source, article.published) == ("Josh Smith", "Reuters", "2024-09-13")


def test_a_standfirst_stays_its_own_paragraph_and_the_dateline_after_it_is_read():
    article = parse_article("북러 조약 발효\nTreaty enters into force, KCNA says\n2024-12-05 09:10\n\n"
                            "SEOUL, Dec. 5 (Yonhap) -- The treaty came into effect on Wednesday, KCNA said.")
    assert (article.title, article.dateline, article.source) == ("북러 조약 발효", "SEOUL", "Yonhap")
    assert article.body == "Treaty enters into force, KCNA says\n\nThe treaty came into effect on Wednesday, KCNA said."


@pytest.mark.parametrize("text, source", [
    # a reporter's e-mail address under the headline: the outlet of its domain
    ("NIS says North sent builders to Russia\n\nBY OH SEUNG-HYUN [oh.seunghyun@joongang.co.kr]\n\n"
     "North Korea has sent about 5,000 workers to Russia, lawmakers said on Tuesday.", "Korea JoongAng Daily"),
    # an outlet speaking of itself in its own copy
    ("Workers leave Rason for the Far East\n\nNorth Korea has begun sending workers to Russia, sources said.\n\n"
     "Daily NK could not independently verify the figures.", "Daily NK"),
    # two outlets that could not verify: which one wrote it, the text does not say
    ("Workers leave Rason\n\nWorkers left, sources said. Yonhap could not verify it. AP could not verify it.", None),
])
def test_the_weakest_evidence_for_an_outlet_when_nothing_else_names_one(text, source):
    assert parse_article(text).source == source


def test_wire_copy_ends_at_its_end_mark_and_the_page_below_is_its_tail():
    text = ("Seoul condemns North Korea's admission\n\nSEOUL, April 28 (Yonhap) -- Seoul condemned the admission on "
            "Monday, the unification ministry said.\n\nThe treaty took effect on Dec. 4 of last year.\n\n"
            "kms@yna.co.kr\n(END)\n\nKeywords\n#N. Korea #Russia\nMost Liked\nN. Korea's new destroyer test-fires "
            "cruise missiles\n\nCopyright (c) Yonhap News Agency prohibits its content from being redistributed.")
    article = parse_article(text)
    assert article.body.endswith("took effect on Dec. 4 of last year.")
    assert "Keywords" not in article.body and "destroyer" not in article.body
    assert article.source == "Yonhap"


def test_page_chrome_below_the_story_is_dropped_wherever_its_phrases_stand():
    text = ("Shoigu says North Korea will send deminers\n\nBy Guy Faulconbridge\n\nMOSCOW, June 17 (Reuters) - "
            "North Korea will send 1,000 deminers to Russia, Sergei Shoigu said on Tuesday.\n\n"
            "South Korea said it was monitoring the situation closely.\n\n"
            "Our Standards: The Thomson Reuters Trust Principles., opens new tab Suggested Topics:\n\n"
            "Asia Pacific\n\nRead Next\n\n"
            "Ukraine says drone attack hits port Acquire Licensing Rights, opens new tab All quotes delayed a minimum "
            "of 15 minutes.\n\nA version of this article appears in print on June 18. Order Reprints | Today’s Paper | Subscribe")
    body = parse_article(text).body
    assert body.endswith("monitoring the situation closely.")


@pytest.mark.parametrize("url, published", [
    ("https://sputnikglobe.com/20250711/lavrov-arrives-in-wonsan-1122450123.html", "2025-07-11"),
    ("https://www.example.com/world/2024/06/19/putin-in-pyongyang/", "2024-06-19"),
    ("https://www.example.com/news/1122450123.html", None),  # an id, no date
    ("https://www.example.com/2024/13/40/x", None),  # no such day
])
def test_a_date_in_the_articles_address_when_nothing_else_dates_it(url, published):
    text = f"Lavrov arrives in Wonsan\n\n{url}\n\nRussia's foreign minister arrived in Wonsan for talks with Choe Son Hui."
    assert parse_article(text).published == published


@pytest.mark.parametrize("line, byline, published", [
    ("Mariia Yemets — Monday, 3 March 2025, 14:20", "Mariia Yemets", "2025-03-03"),
    ("Olena Kovalenko | 12 June 2025", "Olena Kovalenko", "2025-06-12"),
    ("World News — Monday, 3 March 2025", None, "2025-03-03"),  # a section name is no reporter
])
def test_a_reporters_name_and_the_date_on_one_line(line, byline, published):
    text = (f"North Korean soldiers captured in Kursk want to stay in Ukraine\n\n{line}\n\n"
            "Two North Korean soldiers captured in Kursk Oblast have asked to stay in Ukraine, intelligence said.")
    article = parse_article(text)
    assert (article.byline, article.published) == (byline, published)
