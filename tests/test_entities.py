"""Entity matching: gold precision/recall, name variants, landmarks, surnames, offsets."""

import pytest

from conftest import ARTICLES, SEEDS, TESTS
from ingest.entities import NameMatcher, find_mentions
from ingest.evaluate import evaluate


@pytest.fixture(scope="module")
def matcher(registry):
    return NameMatcher(registry)


def people(text, matcher):
    """Registry people the extractor links in a body (full names and resolved surnames)."""
    from ingest.extract import Extractor
    from ingest.models import Article

    found = Extractor(matcher.registry).extract(Article(body=text)).mentions
    return [(m.surface, m.entity_key) for m in found if m.entity_type == "person" and m.resolution != "unreviewed"]


@pytest.fixture(scope="module")
def seed_scores(extractor):
    return evaluate(TESTS / "gold" / "seeds.json", SEEDS, extractor)


@pytest.fixture(scope="module")
def extra_scores(extractor):
    return evaluate(TESTS / "gold" / "extra.json", ARTICLES, extractor)


def test_seed_gold_entities(seed_scores):
    s = seed_scores.summary()
    assert s["person_precision"] >= 0.95, seed_scores.failures
    assert s["person_recall"] >= 0.95, seed_scores.failures
    assert s["organization_recall"] >= 0.9, seed_scores.failures
    assert s["place_recall"] >= 0.9, seed_scores.failures
    assert s["not_people_violations"] == 0


def test_extra_layouts_entities(extra_scores):
    s = extra_scores.summary()
    assert s["person_f1"] >= 0.9, extra_scores.failures
    assert s["organization_recall"] >= 0.9 and s["place_recall"] >= 0.9, extra_scores.failures
    assert s["not_people_violations"] == 0


@pytest.mark.parametrize("spelling", ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "KIM JONG UN", "Kim Jong\nUn"])
def test_spelling_variants_are_one_person(spelling, matcher):
    assert people(f"Leader {spelling} spoke.", matcher) == [(spelling, "person:kim-jong-un")]


@pytest.mark.parametrize("text, key", [
    ("gathered at Kim Il Sung Square by the river", "place:kim-il-sung-square"),
    ("a ceremony in Kim Il Sung square", "place:kim-il-sung-square"),
    ("students of Kim Il Sung University", "place:kim-il-sung-university"),
    ("talks at the Kumsusan Palace of the Sun", "place:kumsusan-palace-of-the-sun"),
])
def test_landmarks_named_after_people_are_places(text, key, matcher):
    mentions = find_mentions(text, matcher)
    assert [m.entity_key for m in mentions] == [key]


def test_acronyms_match_only_in_capitals(matcher):
    keys = [m.entity_key for m in find_mentions("Let us see. The US and the UN, said KCNA, not kcna.", matcher)]
    assert keys == ["place:united-states", "organization:united-nations", "organization:korean-central-news-agency"]


def test_dotted_acronyms_and_possessives(matcher):
    found = [(m.surface, m.entity_key) for m in find_mentions("U.S. officials. Russia's war. Russia’s Foreign Ministry said.", matcher)]
    assert found == [("U.S.", "place:united-states"), ("Russia", "place:russia"), ("Russia", "place:russia"),
                     ("Foreign Ministry", "organization:russian-foreign-ministry")]


@pytest.mark.parametrize("text, org", [
    ("Russia's Security Council met.", "organization:security-council-of-russia"),
    ("The UN Security Council and the Security Council met.", "organization:un-security-council"),
    ("Seoul's Defense Ministry said.", "organization:ministry-of-national-defense"),
    ("South Korea's unification ministry said.", "organization:ministry-of-unification"),
    ("North Korea's Foreign Ministry said.", "organization:ministry-of-foreign-affairs-of-north-korea"),
])
def test_a_country_possessive_picks_that_country_s_organization(text, org, matcher):
    orgs = {m.entity_key for m in find_mentions(text, matcher) if m.entity_type == "organization"}
    assert orgs == {org}


@pytest.mark.parametrize("text, org", [
    ("Security Council Secretary Sergei Shoigu arrived in Pyongyang.", "organization:security-council-of-russia"),
    ("Foreign Ministry spokeswoman Maria Zakharova said so.", "organization:russian-foreign-ministry"),
    ("Sergei Shoigu, who visited Pyongyang as secretary of the Security Council, spoke.",
     "organization:security-council-of-russia"),
    # another sentence's person says nothing about whose council it is
    ("Sergei Shoigu met Kim. The secretary of the Security Council was absent.", "organization:un-security-council"),
])
def test_a_generic_name_in_a_persons_title_is_their_countrys_organization(text, org, matcher):
    orgs = {m.entity_key for m in find_mentions(text, matcher) if m.entity_type == "organization"}
    assert orgs == {org}


def test_a_place_inside_an_organization_name_is_also_a_mention(matcher):
    found = [(m.surface, m.entity_key, m.resolution) for m in find_mentions("at the Russian Embassy in Seoul", matcher)]
    assert found == [("Russian Embassy in Seoul", "organization:russian-embassy-in-south-korea", "alias"),
                     ("Seoul", "place:seoul", "nested")]


def test_a_shared_surname_resolves_by_title_and_is_left_alone_without_evidence(matcher):
    text = ("Choe Ryong-hae and Foreign Minister Choe Son-hui attended with Kim Yo-jong, sister of leader "
            "Kim Jong-un. The treaty signed by North Korean leader Kim was praised. Choe called it historic.")
    # 'leader Kim' is the one Kim with that title; 'Choe' could be either Choe, both subjects of the first sentence
    assert people(text, matcher)[-1:] == [("Kim", "person:kim-jong-un")]


@pytest.mark.parametrize("text, expected", [
    # the most recent subject: Kim Son Gyong, not the Kim of a clause
    ("North Korea's Vice Foreign Minister Kim Son Gyong arrived in Moscow days after leaders Kim Jong Un and "
     "Vladimir Putin signed the treaty. \"We will implement it,\" Kim told reporters.", "Kim Son Gyong"),
    # a title before the surname decides
    ("Kim Yo Jong, sister of leader Kim Jong Un, issued a statement. Leader Kim said nothing.", "Kim Jong Un"),
    # a gendered pronoun opening the next sentence decides
    ("Choe Ryong-hae and Choe Son-hui attended. During the reception Choe spoke. She praised the treaty.",
     "Choe Son Hui"),
])
def test_a_shared_surname_resolves_by_evidence(text, expected, extractor):
    from ingest.models import Article

    found = extractor.extract(Article(body=text))
    last = [m for m in found.mentions if m.entity_type == "person"][-1]
    names = extractor.registry.entities[last.entity_key].names if last.entity_key in extractor.registry.entities \
        else (found.unreviewed[last.entity_key],)
    assert expected in names, last


def test_a_surname_with_no_antecedent_is_left_unresolved_unless_unmistakable(matcher):
    assert people("Kim said the treaty was historic.", matcher) == []
    assert people("Putin said the treaty was historic.", matcher) == [("Putin", "person:vladimir-putin")]
    assert people("North Korean leader Kim said so.", matcher) == [("Kim", "person:kim-jong-un")]


def test_a_surname_inside_an_unknown_full_name_is_not_resolved(matcher):
    assert people("Kim Jong Un met Kim Song Il, a diplomat.", matcher) == [("Kim Jong Un", "person:kim-jong-un")]


def test_common_word_surnames_never_stand_alone(matcher):
    assert people("Defense Minister No Kwang-chol attended. No decision was made.", matcher) == \
        [("No Kwang-chol", "person:no-kwang-chol")]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_every_offset_points_at_its_surface(path, extractor):
    from ingest.pipeline import process_bytes

    processed = process_bytes(path.read_bytes(), extractor)
    texts = dict(extractor.fields(processed.article))
    assert processed.extraction.mentions
    for m in processed.extraction.mentions:
        assert texts[m.field][m.char_start:m.char_end] == m.surface


def test_seed_gold_quotes_and_events_pass_completely(seed_scores):
    s = seed_scores.summary()
    assert (s["quote_recall"], s["quote_speaker_accuracy"], s["event_recall"]) == (1.0, 1.0, 1.0), \
        seed_scores.failures


def test_extra_layouts_quotes_and_events(extra_scores):
    s = extra_scores.summary()
    assert s["quote_recall"] >= 0.8 and s["quote_speaker_accuracy"] >= 0.8, extra_scores.failures
    assert s["event_recall"] >= 0.8, extra_scores.failures
    assert s["published"] == 1.0 and s["title"] >= 0.9 and s["source"] >= 0.9, extra_scores.failures


@pytest.mark.parametrize("text", ["", "  ", "Kim Jong-un met U.S. envoy Ri Son-gwon in Pyongyang.",
                                  "Straße — Ärzte ﬁnden «Москва» 2024年 U.N.-backed", "x"])
def test_tokens_point_at_their_text(text):
    from ingest.entities import tokenize
    from ingest.registry import TOKEN, fold

    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == TOKEN.findall(text) == tokens.texts
    assert [t.folded for t in tokens] == [fold(w) for w in TOKEN.findall(text)]
    assert [tuple(t) for t in tokens[1:3]] == [tuple(tokens[i]) for i in range(1, min(3, len(tokens)))]


@pytest.mark.parametrize("text, surface, key", [
    ("President Vladimir V. Putin of Russia spoke.", "Vladimir V. Putin", "person:vladimir-putin"),
    ("Defense Minister Sergei K Shoigu arrived.", "Sergei K Shoigu", "person:sergei-shoigu"),
    ("Leader Kim Jung-un spoke.", "Kim Jung-un", "person:kim-jong-un"),
    ("Dmitriy Peskov spoke.", "Dmitriy Peskov", "person:dmitry-peskov"),
])
def test_middle_initials_and_transliteration_variants(text, surface, key, matcher):
    assert people(text, matcher) == [(surface, key)]


def test_a_middle_initial_needs_a_capital_and_a_known_two_word_name(matcher):
    assert people("Vladimir v. Putin spoke.", matcher) == [("Putin", "person:vladimir-putin")]
    assert people("Kim J. Un spoke.", matcher) == []


# ---------------------------------------------------------------- Korean ministries named without a country

def orgs(text, matcher, home):
    return [(m.surface, m.entity_key) for m in find_mentions(text, matcher, home_country=home)
            if m.entity_type == "organization"]


@pytest.mark.parametrize("text, home, expected", [
    # Korean media name their own country's ministry bare: the outlet's country's
    ("외교부는 21일 러시아 대사를 초치했다.", "South Korea", [("외교부", "organization:south-korean-foreign-ministry")]),
    ("전하규 국방부 대변인은 정례 브리핑에서 말했다.", "South Korea",
     [("국방부", "organization:ministry-of-national-defense")]),
    # ... another country's with the country before it ...
    ("린젠 중국 외교부 대변인은 말했다.", "South Korea", [("중국 외교부", "organization:chinese-foreign-ministry")]),
    ("美 국방부는 밝혔다.", "South Korea", [("국방부", "organization:pentagon")]),
    # ... or after the official who speaks for it
    ("세르게이 쇼이구 국가안보회의 서기가 방북했다.", "South Korea",
     [("국가안보회의", "organization:security-council-of-russia")]),
    # no outlet, or an outlet whose country has no such ministry: unlinked
    ("외교부는 21일 러시아 대사를 초치했다.", None, []),
    ("외교부는 21일 성명을 발표했다.", "North Korea", []),
])
def test_a_korean_ministry_without_a_country_is_the_outlets_own(text, home, expected, matcher):
    assert orgs(text, matcher, home) == expected


def test_after_another_countrys_ministry_a_bare_one_is_left_unlinked(matcher):
    text = "러시아 국방부는 훈련을 발표했다. 국방부는 또 병력 규모를 공개하지 않았다."
    assert orgs(text, matcher, "South Korea") == [("러시아 국방부", "organization:russian-defence-ministry")]
