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
