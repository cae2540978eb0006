"""The registry's outlets: each page names its outlet the way the outlet names itself (a masthead,
a domain in the page's address or a reporter's e-mail, a copyright line, an agency's lead or a
byline), and the parser reads it as the registry's short name. Every header here is written for
the tests, modelled on how the outlets lay out their pages; the sentences are invented."""

from __future__ import annotations

import zoneinfo

import pytest

from ingest.models import Article
from ingest.parse import parse_article
from ingest.registry import name_key

STORY_EN = """Russian President Vladimir Putin and North Korean leader Kim Jong Un signed the treaty in Pyongyang on Wednesday.

The agreement obliges each side to help the other if it is attacked, officials in both capitals said."""

STORY_RU = """Договор о всеобъемлющем стратегическом партнерстве между Россией и КНДР вступил в силу в среду.

Стороны обменялись ратификационными грамотами в Москве, сообщили в министерстве."""

STORY_KO = """북한과 러시아가 맺은 포괄적 전략적 동반자 관계 조약이 4일 발효됐다.

정부는 북러 군사협력 동향을 면밀히 주시하고 있다고 밝혔다."""

STORY_DE = """Der Vertrag über eine umfassende strategische Partnerschaft zwischen Russland und Nordkorea ist am Mittwoch in Kraft getreten.

Beide Seiten tauschten in Moskau die Ratifikationsurkunden aus, teilte das Ministerium mit."""

PAGES = {
    # a masthead over the headline
    "rg_masthead": ("Российская газета\nГлавная / Власть\n\nДоговор с КНДР вступил в силу\n\nТекст: Ольга Смирнова\n"
                    "04.12.2024 17:40\n\n" + STORY_RU, "Rossiyskaya Gazeta"),
    "lenta_masthead": ("Лента.ру\nМир\n\n14:27, 12 июля 2025\n\nЛавров прибыл в Вонсан\n\n" + STORY_RU, "Lenta.ru"),
    "sbs_masthead": ("SBS 뉴스\n정치 · 북한\n\n북러 조약 발효…\"군사협력 본격화\"\n\n이수민 기자 smlee@sbs.co.kr\n\n" + STORY_KO,
                     "SBS"),
    "derstandard_masthead": ("derStandard\nInternational\nInland\n\nNordkorea und Russland besiegeln ihr Bündnis\n\n"
                             "Jakob Lindner\n4. Dezember 2024, 18:05\n\n" + STORY_DE, "Der Standard"),
    "unn_masthead": ("UNN\nUkrainian News\nPolitics\n\nTreaty between Moscow and Pyongyang takes effect\n\n"
                     "December 4 2024, 06:12 PM\nAuthor: Olha Marchuk\n\n" + STORY_EN, "UNN"),
    # the page's address
    "vedomosti_url": ("URL: https://www.vedomosti.ru/politics/articles/2024/12/04/1078000-dogovor-kndr\n\n"
                      "Договор с КНДР вступил в силу\n\n" + STORY_RU, "Vedomosti"),
    "ukrinform_url": ("North Korea treaty with Russia enters into force\n\n"
                      "https://www.ukrinform.net/rubric-polytics/3932000-north-korea-treaty.html\n\n" + STORY_EN,
                      "Ukrinform"),
    "times_url": ("Kim and Putin's pact takes effect\n\nhttps://www.thetimes.com/world/asia/article/kim-putin-pact-2024\n\n"
                  + STORY_EN, "The Times (London)"),
    # a copyright line
    "rbc_copyright": ("Договор с КНДР вступил в силу\n\n28 апр 2025, 09:41\n\n" + STORY_RU + "\n\n© 2025 RBC", "RBC"),
    "newsis_copyright": ("북러 조약 4일 발효\n\n정다은 기자\n\n" + STORY_KO
                         + "\n\nCopyright © 뉴시스. All rights reserved. 무단전재 및 재배포 금지.", "Newsis"),
    "standard_copyright": ("Der Vertrag ist in Kraft\n\nJakob Lindner\n4. Dezember 2024, 18:05\n\n" + STORY_DE
                           + "\n\n© STANDARD Verlagsgesellschaft m.b.H. 2024", "Der Standard"),
    "nd_copyright": ("Bündnis in Kraft\n\nVon Tobias Krämer\n04.12.2024, 16:48 Uhr\n\n" + STORY_DE
                     + "\n\n© nd.Genossenschaft eG 2024", "nd"),
    # an agency's lead, a byline, a reporter's e-mail
    "news1_lead": ("북러 조약 4일 발효\n\n" + "(서울=뉴스1) 박서준 기자 = " + STORY_KO, "News1"),
    "jiji_dateline": ("Treaty enters into force\n\nTOKYO (Jiji Press) -- " + STORY_EN, "Jiji Press"),
    "rnd_dateline": ("Bündnis in Kraft\n\nBerlin (RND) - " + STORY_DE, "RND"),
    "dpa_byline": ("Bündnis in Kraft\n\nVon Lena Hoffmann, dpa\n\n" + STORY_DE, "dpa"),
    "donga_mail": ("北 러와 조약 발효\n\n입력 2024-12-05 03:00\n\n" + STORY_KO + "\n\n이민재 기자 minjae@donga.com",
                   "The Dong-A Ilbo"),
    "primamedia_masthead": ("ИА PrimaMedia\nНовости Приморья / Политика\n\nДоговор с КНДР вступил в силу\n\n"
                            "4 декабря 2024, 13:05\n\n" + STORY_RU, "PrimaMedia"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_names_its_outlet(name):
    text, source = PAGES[name]
    assert parse_article(text).source == source


NO_OUTLET = {
    # a topic or a programme over the headline is no masthead
    "topic_line": "Foreign Policy\n\nWhy Moscow needs Pyongyang\n\nJane Analyst\nJune 20, 2024\n\n" + STORY_EN,
    "kicker_line": "United Nations\n\nNorth Korea defends its deployment at the UN\n\nBy Amara Osei\nJune 5, 2025\n\n"
                   + STORY_EN,
    # another paper's own second reference is not The Times of London
    "self_reference": "Treaty takes effect\n\nBy Jane Doe\nDecember 4, 2024\n\n" + STORY_EN
                      + "\n\nThe Times could not independently verify the claim.",
}


@pytest.mark.parametrize("name", sorted(NO_OUTLET))
def test_a_topic_or_a_shared_name_names_no_outlet(name):
    assert parse_article(NO_OUTLET[name]).source is None


def test_a_topic_line_does_not_outrank_the_page_s_own_credit():
    text = ("News|United Nations\n\nUN Security Council splits over North Korean troops\n\nBy Staff Writer\n"
            "Published On 4 Nov 2024\n\n" + STORY_EN + "\n\nSource: Al Jazeera and news agencies")
    assert parse_article(text).source == "Al Jazeera"


@pytest.mark.parametrize("text, surface, key", [
    ("Kulagina told «Ведомостям» that demand was low.", "Ведомостям", "organization:vedomosti"),
    ("Собеседник РБК, близкий к МИД, считает иначе.", "РБК", "organization:rbc"),
    ("A lawmaker told Newsweek the deal was a turning point.", "Newsweek", "organization:newsweek"),
    ("동아일보 취재에 따르면 북한은 추가 파병을 검토 중이다.", "동아일보", "organization:the-dong-a-ilbo"),
])
def test_an_outlet_named_in_the_text_is_that_organization(extractor, text, surface, key):
    found = extractor.extract(Article(body=text))
    assert (surface, key) in [(m.surface, m.entity_key) for m in found.mentions]


@pytest.mark.parametrize("text", [
    "The diplomat said the treaty had changed nothing.",
    "The economist Sergei Guriev said sanctions were biting.",
    "The hill above the border post was taken in March.",
    "Time is running out for talks, the envoy said.",
    "Die Welt schaut auf Pjöngjang, sagte der Minister.",
    "Foreign policy experts in Seoul were divided.",
])
def test_an_outlet_s_name_that_is_an_ordinary_phrase_is_no_mention(extractor, text):
    found = extractor.extract(Article(body=text))
    assert [m.surface for m in found.mentions if m.entity_type == "organization"] == []


def outlets(registry):
    return [e for e in registry.of_type("organization") if e.outlet]


def test_every_outlet_has_a_country_and_a_valid_home_time_zone(registry):
    zones = zoneinfo.available_timezones()
    assert len(outlets(registry)) >= 130
    for entity in outlets(registry):
        assert entity.country or entity.kind == "international organization", entity.name
        assert entity.timezone in zones, (entity.name, entity.timezone)
        zoneinfo.ZoneInfo(entity.timezone)


def test_outlet_short_names_and_domains_belong_to_one_outlet_each(registry):
    by_outlet, by_domain = {}, {}
    for entity in outlets(registry):
        assert by_outlet.setdefault(entity.outlet, entity.name) == entity.name, entity.outlet
        for domain in entity.domains:
            assert by_domain.setdefault(domain, entity.name) == entity.name, domain
            assert "." in domain and "/" not in domain and domain == domain.strip().lower(), domain


def test_an_outlet_s_names_reach_its_short_name(registry):
    for name, outlet in [("Российская газета", "Rossiyskaya Gazeta"), ("РБК", "RBC"), ("뉴스1", "News1"),
                         ("동아일보", "The Dong-A Ilbo"), ("SBS 뉴스", "SBS"), ("derstandard.at", "Der Standard"),
                         ("nd-aktuell.de", "nd"), ("통일부", "Ministry of Unification"), ("state.gov", "U.S. State Department"),
                         ("국가정보원", "National Intelligence Service"), ("ИА PrimaMedia", "PrimaMedia")]:
        assert registry.outlets[name.lower()] == outlet
    # names that are topics are no outlet's: UN, Foreign Policy, a bare Times
    for name in ("united nations", "un", "foreign policy", "the times"):
        assert name not in registry.outlets, name
    assert name_key("The Diplomat") not in registry.by_name_key
