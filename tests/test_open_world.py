"""Names the registry lacks: places from the gazetteer, organizations and landmarks by their shape,
acronyms defined in the text, reporters from bylines and credits, and names in headlines. Each is
kept with what made it one (`found`), unreviewed, and none may be a false person."""

import pytest

from ingest.models import Article


def found_names(found, entity_type):
    """The names as written of one type's mentions, and the registry keys of the known ones."""
    return {m.surface for m in found.mentions if m.entity_type == entity_type} | \
        {m.entity_key for m in found.mentions if m.entity_type == entity_type and m.entity_key not in found.unreviewed}


def people(found):
    return {found.unreviewed.get(m.entity_key, m.entity_key) for m in found.mentions if m.entity_type == "person"}


@pytest.mark.parametrize("sentence, organization", [
    ("The Natural Resources Ministry said the survey would resume in spring.", "Natural Resources Ministry"),
    ("He chairs the Committee on International Affairs of the State Duma.", "Committee on International Affairs"),
    ("Ships of the Pacific Fleet took part in the drills near the coast.", "Pacific Fleet"),
    ("Officials of the Ministry of Agriculture of Primorye met the delegation.", "Ministry of Agriculture"),
    ("The report was first aired by TBS News on Sunday evening.", "TBS News"),
    ("A statement from the State Council of the People's Republic of China welcomed the talks.",
     "State Council of the People's Republic of China"),
])
def test_organizations_are_found_by_their_shape(extractor, sentence, organization):
    found = extractor.extract(Article(body=sentence))
    names = found_names(found, "organization")
    assert any(organization in name for name in names), names
    assert not people(found)
    for key in found.unreviewed:
        if key.startswith("organization:"):
            assert found.found[key].origin == "text" and found.found[key].evidence


def test_an_acronym_defined_in_the_text_is_the_same_organization_later(extractor):
    body = ("Delegates gathered for the Eastern Economic Forum (EEF) in Vladivostok on Wednesday. "
            "The EEF has become the main stage for deals with Asian partners.")
    found = extractor.extract(Article(body=body))
    orgs = [m for m in found.mentions if m.entity_type == "organization"]
    assert {m.surface for m in orgs} >= {"Eastern Economic Forum", "EEF"}
    assert len({m.entity_key for m in orgs if m.surface in ("Eastern Economic Forum", "EEF")}) == 1
    for m in orgs:
        assert body[m.char_start:m.char_end] == m.surface


@pytest.mark.parametrize("sentence, landmark", [
    ("The delegation landed at Sunan Airport shortly after noon.", "Sunan Airport"),
    ("Thousands gathered in Tiananmen Square for the parade.", "Tiananmen Square"),
    ("The talks were held at the Kumsusan State Guest House on Thursday.", "Kumsusan State Guest House"),
    ("The train left Tumangang Station at dawn.", "Tumangang Station"),
])
def test_landmarks_are_places_by_their_shape(extractor, sentence, landmark):
    found = extractor.extract(Article(body=sentence))
    assert landmark in found_names(found, "place")
    assert not people(found)


def test_gazetteer_places_carry_coordinates_and_country(extractor):
    found = extractor.extract(Article(body="The envoy flew from Riga to Hanoi, then on to Komsomolsk-on-Amur."))
    places = {m.surface: m.entity_key for m in found.mentions if m.entity_type == "place"}
    assert {"Riga", "Hanoi", "Komsomolsk-on-Amur"} <= set(places)
    hanoi = found.found[places["Hanoi"]]
    assert hanoi.origin == "gazetteer" and hanoi.country == "Vietnam" and hanoi.geonameid
    assert 20 < hanoi.latitude < 22 and 105 < hanoi.longitude < 106


def test_registry_places_are_linked_not_found_again(extractor):
    found = extractor.extract(Article(body="The train from Pyongyang reached Moscow on Friday."))
    keys = {m.entity_key for m in found.mentions if m.entity_type == "place"}
    assert {"place:pyongyang", "place:moscow"} <= keys
    assert not [k for k in found.unreviewed if k.startswith("place:")]


@pytest.mark.parametrize("body", [
    "Jordan said the talks had gone well and left for the airport.",
    "Georgia Meloni spoke to reporters in Rome.",
    "Chad Miller, a spokesman for the company, declined to comment.",
])
def test_ambiguous_gazetteer_names_that_are_people_are_not_places(extractor, body):
    found = extractor.extract(Article(body=body))
    assert not {m.surface for m in found.mentions if m.entity_type == "place"} & {"Jordan", "Georgia", "Chad"}


def test_an_ambiguous_name_resolves_by_what_the_article_is_about(extractor):
    caucasus = extractor.extract(Article(body="Armenia and Azerbaijan sent envoys, and Georgia hosted the meeting in Tbilisi."))
    [georgia] = [m for m in caucasus.mentions if m.surface == "Georgia"]
    place = caucasus.found[georgia.entity_key]
    assert (place.kind, place.country) == ("country", "Georgia")  # not the U.S. state


@pytest.mark.parametrize("byline, credits, authors", [
    ("By Kim Tong-hyung and Hyung-jin Kim", "", {"Kim Tong-hyung", "Hyung-jin Kim"}),
    ("By JOSH SMITH", "", {"Josh Smith"}),
    ("", "Reporting by Guy Faulconbridge; Editing by Peter Graff", {"Guy Faulconbridge"}),
    ("", "Lotte Vermeulen in Brussels contributed to this report.", {"Lotte Vermeulen"}),
    ("Anna Berger, ARD-Studio Moskau", "", {"Anna Berger"}),
    # a surname that is also a place word, and a credit line in brackets
    ("By Hyejin Park and Daniel Mercer", "", {"Hyejin Park", "Daniel Mercer"}),
    ("", "(Reporting by Ji-yoon Kang in Seoul; Editing by Martin Pell)", {"Ji-yoon Kang"}),
])
def test_bylines_and_credits_are_people_with_the_role_of_author(extractor, byline, credits, authors):
    article = Article(body="Talks went on in Moscow.", byline=byline or None,
                      credits=[credits] if credits else [])
    found = extractor.extract(article)
    got = {found.unreviewed.get(m.entity_key, m.surface) for m in found.mentions if m.field in ("byline", "credits")}
    assert got == authors
    author_roles = [r for r in found.roles if r.title == "author"]
    assert len(author_roles) == len(authors)
    for m in found.mentions:
        if m.field == "byline":
            assert article.byline[m.char_start:m.char_end] == m.surface or m.surface.lower() == \
                article.byline[m.char_start:m.char_end].lower()


def test_headline_mentions_use_the_body_and_demonyms(extractor):
    article = Article(title="North Korea will stand by Russia 'until victory', Choe says",
                      body="North Korean Foreign Minister Choe Son Hui said on Friday that the Russian army "
                           "would have Pyongyang's support.")
    found = extractor.extract(article)
    headline = {(m.surface, m.entity_key) for m in found.mentions if m.field == "title"}
    assert ("Choe", "person:choe-son-hui") in headline
    assert {"place:north-korea", "place:russia"} <= {key for _, key in headline}
    for m in found.mentions:
        if m.field == "title":
            assert article.title[m.char_start:m.char_end] == m.surface


def test_new_people_from_more_kinds_of_evidence(extractor):
    body = ("Vice Minister of Railways Kang Chol Min met his Russian counterpart. "
            "Duma deputy Alexander Babakov and V.V. Volodin also attended, as did Sergei Kobylash.")
    names = people(extractor.extract(Article(body=body)))
    assert {"Kang Chol Min", "Alexander Babakov", "Sergei Kobylash"} <= names
    assert "person:vyacheslav-volodin" in names
    assert not any(n.startswith(("Vice", "Duma", "Chairm")) for n in names)


@pytest.mark.parametrize("body, name", [
    ("이재웅 외교부 대변인은 정례브리핑에서 입장을 밝혔다.", "이재웅"),
    ("(서울=연합뉴스) 김지연 기자 = 북한이 러시아에 병력을 보냈다.", "김지연"),
    ("박선원 의원은 회의에서 질문했다.", "박선원"),
])
def test_korean_names_before_a_title_are_new_people(extractor, body, name):
    found = extractor.extract(Article(body=body))
    [mention] = [m for m in found.mentions if m.entity_type == "person"]
    assert (mention.surface, body[mention.char_start:mention.char_end]) == (name, name)
    assert found.unreviewed[mention.entity_key] == name and mention.entity_key.isascii()


@pytest.mark.parametrize("body", [
    "정부는 외교부 대변인을 통해 입장을 밝혔다.",  # 'the government' + topic, then an office and a title
    "조약은 조선민주주의인민공화국 국무위원장의 명령으로 발효되었다.",  # 'the treaty' + topic
    "국무위원장은 회의를 주재했다.",  # a title alone
])
def test_korean_words_before_a_title_are_no_people(extractor, body):
    found = extractor.extract(Article(body=body))
    assert not [m for m in found.mentions if m.entity_type == "person" and m.entity_key in found.unreviewed]


@pytest.mark.parametrize("body, name", [
    # an institution's acronym in brackets between the name's office and title
    ("류민호 한국국방연구원(KIDA) 책임연구위원은 \"의미가 있다\"고 말했다.", "류민호"),
    # a broadcast label with spaces around its slash
    ("[한도윤 / 북한대학원대학교 교수 : 감시망은 느슨해질 수밖에 없습니다.]", "한도윤"),
])
def test_korean_names_before_a_bracketed_acronym_or_a_spaced_slash(extractor, body, name):
    assert name in people(extractor.extract(Article(body=body)))


def test_an_english_name_with_a_lecturers_appositive_is_a_person(extractor):
    body = "Fenella Marwick, a lecturer in Korean security at a London university, said the pace was itself a message."
    assert "Fenella Marwick" in people(extractor.extract(Article(body=body)))


@pytest.mark.parametrize("body", [
    "Ines Varga, a lecturer at King's College London, said the speed was itself a message.",
    "A researcher at the S. Rajaratnam School, Oslo Harbour, said the talks would go on.",
])
def test_an_organizations_head_word_is_in_no_persons_name(extractor, body):
    assert not any("College" in n or "School" in n for n in people(extractor.extract(Article(body=body))))


def test_a_korean_names_last_syllable_and_a_pronoun_are_no_initials(extractor):
    body = "На встрече присутствовал заместитель министра КНДР Ли Гван Хо. Он сообщил, что работы идут по графику."
    names = people(extractor.extract(Article(body=body)))
    assert "Ли Гван Хо" in names and not any("Он" in n.split() for n in names)


def test_a_party_bodys_short_name_before_another_countrys_party_is_not_linked(extractor):
    body = ("To Lam, general secretary of the Central Committee of the Communist Party of Viet Nam, attended. "
            "Kim Jong Un addressed the WPK Central Committee the next day.")
    found = extractor.extract(Article(body=body))
    linked = {m.surface: m.entity_key for m in found.mentions if m.entity_type == "organization"}
    assert linked.get("Central Committee") is None  # not the Workers' Party's
    assert linked["WPK Central Committee"] == "organization:central-committee-of-the-workers-party-of-korea"


def test_a_region_opening_an_organizations_name_is_a_place_too(extractor):
    found = extractor.extract(Article(body="A deputy head of the Primorsky Krai government met the delegation."))
    keys = {m.entity_key for m in found.mentions}
    assert {"organization:government-of-primorsky-krai", "place:primorsky-krai"} <= keys


@pytest.mark.parametrize("body, name", [
    ("Kenji Morimoto, a former customs investigator who now advises shipping firms, was not surprised.",
     "Kenji Morimoto"),
    ("Rebecca Thornquist, a former Pentagon Korea desk officer, cautioned against reading the move.",
     "Rebecca Thornquist"),
    ("Участник первой группы, инженер из Хабаровска Игорь Сазонов, рассказал о поездке.", "Игорь Сазонов"),
])
def test_people_described_by_an_occupation(extractor, body, name):
    assert name in people(extractor.extract(Article(body=body)))
