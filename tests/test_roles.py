import pytest



@pytest.fixture(scope="module")
def roles_in(extractor):
    from ingest.models import Article

    def run(text):
        return [(r.person_key, r.title, r.organization_key, r.place_key) for r in
                extractor.extract(Article(body=text)).roles]
    return run


@pytest.mark.parametrize("text, expected", [
    ("Foreign Minister Choe Son-hui spoke.", ("person:choe-son-hui", "Foreign Minister", None, None)),
    ("Russian Ambassador to North Korea Alexandr Matsegora spoke.",
     ("person:alexandr-matsegora", "Russian Ambassador to North Korea", None, "place:north-korea")),
    ("Defense Minister No Kwang-chol spoke.", ("person:no-kwang-chol", "Defense Minister", None, None)),
    ("U.S. Secretary of State Antony Blinken spoke.",
     ("person:antony-blinken", "U.S. Secretary of State", None, "place:united-states")),
    ("Kremlin spokesman Dmitry Peskov spoke.", ("person:dmitry-peskov", "Kremlin spokesman", "organization:kremlin", None)),
    ("North Korea's Foreign Minister Choe Son-hui spoke.", ("person:choe-son-hui", "Foreign Minister", None, "place:north-korea")),
])
def test_title_before_the_name(roles_in, text, expected):
    assert roles_in(text)[0] == expected


def test_appositive_titles(roles_in):
    text = ("Choe Ryong-hae, chairman of the Supreme People's Assembly's standing committee, and Kim Yo-jong, "
            "the powerful sister of North Korean leader Kim Jong-un, attended.")
    found = roles_in(text)
    assert ("person:choe-ryong-hae", "chairman of the Supreme People's Assembly's standing committee",
            "organization:supreme-people-s-assembly", None) in found
    assert ("person:kim-yo-jong", "powerful sister of North Korean leader Kim Jong-un", None, None) in found
    assert ("person:kim-jong-un", "North Korean leader", None, "place:north-korea") in found


@pytest.mark.parametrize("text, person, title", [
    ("The talks ended on Thursday. National Security Adviser Jake Sullivan said more.",
     "person:jake-sullivan", "National Security Adviser"),
    ("When North Korean leader Kim Jong Un arrived, the band played.", "person:kim-jong-un", "North Korean leader"),
    ("He went to Pyongyang Ukrainian President Volodymyr Zelensky said.", "person:volodymyr-zelensky",
     "Ukrainian President"),
    ("The ministry replied in October. Its spokesman Dmitry Peskov said nothing.", "person:dmitry-peskov", "spokesman"),
    ("Former Russian Defense Minister Sergei Shoigu spoke.", "person:sergei-shoigu", "Former Russian Defense Minister"),
    ("Talks with the U.S. Secretary of State Antony Blinken followed.", "person:antony-blinken",
     "U.S. Secretary of State"),
])
def test_a_title_before_a_name_is_the_persons_own(roles_in, text, person, title):
    """The end of the previous sentence, a clause opener or a place closing the previous clause
    is no part of the title."""
    titles = [t for p, t, _, _ in roles_in(text) if p == person]
    assert titles == [title]


@pytest.mark.parametrize("text, person", [
    ("Kim Jong Un, who met President Vladimir Putin in Moscow, left.", "person:kim-jong-un"),
    ("Choe Son Hui, and Japan's ambassador met.", "person:choe-son-hui"),
    ("Kim Jong Un, the birthday of whose late father falls today, spoke.", "person:kim-jong-un"),
])
def test_a_clause_after_a_name_is_no_title(roles_in, text, person):
    assert [t for p, t, _, _ in roles_in(text) if p == person] == []


def test_an_appositive_with_an_indefinite_article_keeps_its_title(roles_in):
    text = "Artyom Lukin, an associate professor of international relations at Far Eastern Federal University, said so."
    assert ("person:artyom-lukin", "associate professor of international relations at Far Eastern Federal University",
            None, None) in [r[:2] + (None, None) for r in roles_in(text)]
