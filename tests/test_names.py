import pytest

from ingest.entities import NameMatcher, find_mentions
from ingest.names import find_new_names, merge_mentions


@pytest.fixture(scope="module")
def new_names(registry):
    matcher = NameMatcher(registry)

    def run(text):
        known = find_mentions(text, matcher)
        mentions, names = find_new_names(text, known, registry)
        new_keys = {m.entity_key for m in mentions}
        return [(m.entity_type, m.surface, m.resolution) for m in merge_mentions(known, mentions)
                if m.entity_key in new_keys]
    return run


@pytest.mark.parametrize("text, name", [
    ("North Korean Minister of Physical Culture and Sports Kim Il Guk signed the plan.", "Kim Il Guk"),
    ("„Das ist eine Eskalation“, sagte Außenministerin Annalena Baerbock.", "Annalena Baerbock"),
    ("Vice Foreign Minister Kim Jong Gyu attended.", "Kim Jong Gyu"),
    ("Hong Min, a senior researcher at the institute, said so.", "Hong Min"),
    ("The deal was signed, Mikhail Ulyanov said on Friday.", "Mikhail Ulyanov"),
    ("Delegation head Ri Yong-sik arrived.", "Ri Yong-sik"),
])
def test_unknown_people_are_captured(new_names, text, name):
    assert ("person", name, "unreviewed") in new_names(text)


@pytest.mark.parametrize("text", [
    "Crowds gathered at Kim Il Sung Square on Wednesday.",
    "Leaders met at Kumsusan Palace and Taedong River Bridge.",
    "In June, Putin went to Pyongyang. On Friday, Kim Jong Un said so.",
    "The Korean Central News Agency said. Yonhap News reported.",
    "North Korean Leader spoke. South Korean President said.",
    "The Comprehensive Strategic Partnership was signed.",
    "Russia Today said the Vostochny Cosmodrome was ready.",
    # an appositive whose title word belongs to another noun phrase ("of Kim's late father")
    "It fell on the Day of the Shining Star, the birthday of Kim's late father, a holiday.",
    # a name after 'the' is a ship's, a plant's, a company's: a person's takes no article
    "Landing ships, including the Nikolai Vilkov, carried the troops.",
])
def test_no_places_months_or_agencies_as_people(new_names, text):
    assert [n for n in new_names(text) if n[0] == "person"] == []


def test_a_later_surname_refers_to_the_new_person(extractor):
    from ingest.models import Article

    found = extractor.extract(Article(body="Foreign Minister Annalena Baerbock arrived. Baerbock said the pact was "
                                           "dangerous. Kim Hyok Chol, a diplomat, agreed. Kim added more.")).mentions
    assert [(m.surface, m.entity_key, m.resolution) for m in found if m.entity_type == "person"] == [
        ("Annalena Baerbock", "person:annalena-baerbock", "unreviewed"),
        ("Baerbock", "person:annalena-baerbock", "surname-antecedent"),
        ("Kim Hyok Chol", "person:kim-hyok-chol", "unreviewed"),
        ("Kim", "person:kim-hyok-chol", "surname-antecedent")]  # a Korean name's surname comes first


def test_unknown_organizations_need_a_head_word_and_a_specific_word(extractor):
    from ingest.models import Article

    found = extractor.extract(Article(body="The Korea Institute for Maritime Strategy said the Ministry was silent."))
    assert [(m.surface, m.resolution) for m in found.mentions if m.entity_key in found.unreviewed] == [
        ("Korea Institute for Maritime Strategy", "shape")]


def test_a_firm_named_after_a_title_and_its_kind_is_no_person(new_names):
    # 'director of the Vladivostok tour firm Dalnyaya Volna': the firm's name, though a title's 'of' precedes
    found = new_names("Svetlana Gorbunova, director of the Vladivostok tour firm Dalnyaya Volna, told Russian media.")
    assert ("person", "Svetlana Gorbunova") in [(t, n) for t, n, *_ in found]
    assert "Dalnyaya Volna" not in [n for t, n, *_ in found if t == "person"]


@pytest.mark.parametrize("text, name", [
    ("In Vladivostok, the tour operator Vostok Intur said it had sold 1,800 packages.", "Vostok Intur"),
    ("Flights are run by the charter airline Azur Wings, which said demand was high.", "Azur Wings"),
])
def test_a_name_after_a_kind_of_organization_is_that_organization(new_names, text, name):
    found = new_names(text)
    assert ("organization", name, "unreviewed") in found
    assert not [n for n in found if n[0] == "person"]
