import pytest

from ingest.registry import RegistryError, load_registry, name_key, slugify


def test_registry_covers_the_story_beyond_the_seeds(registry):
    counts = {t: len(registry.of_type(t)) for t in ("person", "organization", "place")}
    assert counts["person"] >= 50 and counts["organization"] >= 60 and counts["place"] >= 50
    for key in ["person:sergei-lavrov", "person:sergei-shoigu", "organization:state-duma",
                "organization:federation-council", "place:kursk", "place:vostochny-cosmodrome", "place:rason"]:
        assert key in registry.entities


def test_every_entry_has_a_description(registry):
    assert [e.name for e in registry.entities.values() if not e.description] == []


@pytest.mark.parametrize("a, b", [
    ("Kim Jong Un", "Kim Jong-un"), ("Kim Jong-Un", "KIM JONG UN"), ("U.S.", "US"), ("Choe Son-hui", "choe son hui"),
])
def test_name_keys_ignore_case_and_hyphens(a, b):
    assert name_key(a) == name_key(b)


def test_slugify():
    assert slugify("Supreme People's Assembly") == "supreme-people-s-assembly"
    assert slugify("Pjöngjang") == "pjongjang"


def write(tmp_path, text):
    path = tmp_path / "registry.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_name_given_to_two_entities_is_an_error_naming_both(tmp_path):
    path = write(tmp_path, "people:\n  - {name: Kim Il Sung}\nplaces:\n  - {name: Kim Il Sung Square, aliases: [Kim-Il-Sung]}\n")
    with pytest.raises(RegistryError, match="Kim-Il-Sung.*person:kim-il-sung.*place:kim-il-sung-square"):
        load_registry(path)


@pytest.mark.parametrize("text, message", [
    ("people:\n  - {aliases: [X]}\n", "needs a `name`"),
    ("people:\n  - {name: X, aliases: Y}\n", "must be a list"),
    ("people:\n  - {name: X, surname: X, surname_alone: maybe}\n", "always, antecedent or never"),
    ("people: [\n", "cannot read registry"),
])
def test_malformed_registry_errors(tmp_path, text, message):
    with pytest.raises(RegistryError, match=message):
        load_registry(write(tmp_path, text))


def test_outlets_map_aliases_to_the_short_outlet_name(registry):
    assert registry.outlets["yonhap news agency"] == "Yonhap"
    assert registry.outlets["kcna"] == "KCNA"
    assert registry.outlets["cbc"] == "CBC"
