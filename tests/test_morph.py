"""ingest/morph.py: Russian case forms, Korean particles and compounds, native-script registry names."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from ingest import morph
from ingest.entities import tokenize
from ingest.registry import load_registry, name_key

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def registry():
    return load_registry()


# --- Russian: case forms of registry names -------------------------------------------------


@pytest.mark.parametrize("name, kind, gender, expected", [
    ("Путин", "person", "male", {"Путин", "Путина", "Путину", "Путиным", "Путине"}),
    ("Сергей Лавров", "person", "male",
     {"Сергей Лавров", "Сергея Лаврова", "Сергею Лаврову", "Сергеем Лавровым", "Сергее Лаврове"}),
    ("Владимир Владимирович Путин", "person", "male",
     {"Владимира Владимировича Путина", "Владимиром Владимировичем Путиным"}),
    # a Korean name in Russian: only the last part inflects, and only for a man
    ("Ким Чен Ын", "person", "male", {"Ким Чен Ын", "Ким Чен Ына", "Ким Чен Ыну", "Ким Чен Ыном", "Ким Чен Ыне"}),
    ("Но Гван Чхоль", "person", "male", {"Но Гван Чхоля", "Но Гван Чхолю", "Но Гван Чхолем", "Но Гван Чхоле"}),
    ("Си Цзиньпин", "person", "male", {"Си Цзиньпина", "Си Цзиньпином"}),
    ("Ри Пён Чхоль", "person", "male", {"Ри Пён Чхоля", "Ри Пен Чхоля"}),  # North Korea's spelling of Ли
    ("Мария Захарова", "person", "female", {"Марии Захаровой", "Марию Захарову", "Марией Захаровой"}),
    # an unstressed -а surname declines for a man too (Мацегоры, Мацегоре)
    ("Александр Мацегора", "person", "male", {"Александра Мацегоры", "Александру Мацегоре", "Александром Мацегорой"}),
    ("Алексей Хинштейн", "person", "male", {"Алексея Хинштейна", "Алексеем Хинштейном"}),
    ("Владимир Зеленский", "person", "male", {"Владимира Зеленского", "Владимиру Зеленскому"}),
    ("Пхеньян", "place", None, {"Пхеньян", "Пхеньяна", "Пхеньяну", "Пхеньяном", "Пхеньяне"}),
    ("Россия", "place", None, {"Россия", "России", "Россию", "Россией"}),
    ("Курская область", "place", None, {"Курской области", "Курскую область", "Курской областью"}),
    ("Северная Корея", "place", None, {"Северной Кореи", "Северную Корею", "Северной Кореей"}),
    ("Крым", "place", None, {"Крыма", "Крыму", "Крымом", "Крыме"}),
    ("Туманган", "place", None, {"Тумангана", "Тумангане"}),  # not in the dictionary: by rule
    ("Государственная дума", "organization", None, {"Государственной думы", "Государственную думу"}),
    ("Совет Федерации", "organization", None, {"Совета Федерации", "Совету Федерации", "Советом Федерации"}),
    ("Трудовая партия Кореи", "organization", None, {"Трудовой партии Кореи", "Трудовую партию Кореи"}),
    ("Кремль", "organization", None, {"Кремля", "Кремлём", "Кремлем", "Кремле"}),  # ё and е
    ("Кымсусанский дворец Солнца", "place", None, {"Кымсусанского дворца Солнца"}),  # adjective not in the dictionary
    ("Большая семёрка", "organization", None, {"Большой семёрки", "Большую семёрку"}),
])
def test_russian_forms(name, kind, gender, expected):
    forms = morph.russian_forms(name, kind, gender)
    assert name in forms
    assert expected <= forms, expected - forms


@pytest.mark.parametrize("name, kind, gender", [
    ("Чвэ Сон Хи", "person", "female"),  # a woman's Korean name
    ("Шойгу", "person", "male"),
    ("Олег Кожемяко", "person", None),  # -о: only the given name may change
    ("Кая Каллас", "person", "female"),
    ("МИД России", "organization", None),  # an acronym head and a genitive after it
    ("ТАСС", "organization", None),
    ("РИА Новости", "organization", None),
    ("КНДР", "place", None),
    ("Ёнхап", "organization", None),  # a foreign agency name quoted as is
])
def test_indeclinable(name, kind, gender):
    forms = {f.lower().replace("ё", "е") for f in morph.russian_forms(name, kind, gender)}
    surname = name.split()[-1].lower().replace("ё", "е")
    assert all(f.split()[-1] == surname for f in forms), forms


def test_soyedinyonnye_shtaty_plural_and_yo():
    forms = morph.russian_forms("Соединённые Штаты", "place", None)
    assert {"Соединённых Штатов", "Соединенных Штатов", "Соединёнными Штатами", "Соединенным Штатам"} <= forms


def test_latin_and_ukrainian_names_pass_through():
    assert morph.russian_forms("Vladimir Putin", "person", "male") == {"Vladimir Putin"}
    assert morph.russian_forms("Україна", "place", None) == {"Україна"}  # Ukrainian declines otherwise


# --- Russian: names the registry lacks, back to the nominative -----------------------------


@pytest.mark.parametrize("words, expected", [
    (["Сергей", "Кобылаш"], ("Сергей", "Кобылаш")),
    (["Сергея", "Кобылаша"], ("Сергей", "Кобылаш")),
    (["Сергею", "Кобылашу"], ("Сергей", "Кобылаш")),
    (["Сергеем", "Кобылашем"], ("Сергей", "Кобылаш")),
    (["Сергее", "Кобылаше"], ("Сергей", "Кобылаш")),
    (["Игорем", "Моргуловым"], ("Игорь", "Моргулов")),
    (["Марией", "Захаровой"], ("Мария", "Захарова")),
    (["Ольге", "Любимовой"], ("Ольга", "Любимова")),
    (["Александра", "Мацегоры"], ("Александр", "Мацегора")),
    (["Олега", "Кожемяко"], ("Олег", "Кожемяко")),
    (["Ивана", "Петровича", "Сидорова"], ("Иван", "Сидоров")),
])
def test_russian_name_parse(words, expected):
    assert morph.russian_name_parse(words) == expected


@pytest.mark.parametrize("words", [["Москва", "Россия"], ["Министерство", "обороны"], ["Сергей"], ["ТАСС", "Лавров"]])
def test_russian_name_parse_rejects(words):
    assert morph.russian_name_parse(words) is None


@pytest.mark.parametrize("word, lemma", [
    ("Путина", "Путин"), ("Лаврову", "Лавров"), ("Захаровой", "Захарова"), ("Пхеньяне", "Пхеньян"),
    ("Госдумы", "Госдума"), ("России", "Россия"), ("ТАСС", "ТАСС"), ("Seoul", "Seoul"),
])
def test_russian_lemma(word, lemma):
    assert morph.russian_lemma(word) == lemma


def test_native_surnames(registry):
    people = {e.name: e for e in registry.of_type("person")}
    assert {"Лавров", "Лаврова", "Лаврову", "Лавровым", "Лаврове", "라브로프"} <= morph.native_surnames(people["Sergei Lavrov"])
    assert {"Ким", "김"} <= morph.native_surnames(people["Kim Jong Un"])
    assert "Кима" not in morph.native_surnames(people["Kim Jong Un"])
    assert {"Мацегоры", "마체고라"} <= morph.native_surnames(people["Alexandr Matsegora"])
    assert "Козлова" in morph.native_surnames(people["Alexander Kozlov"])  # for 'Козлов' after 'Александр Козлов'
    assert morph.native_surnames(registry.entities["place:moscow"]) == set()


def test_russian_name_parse_takes_tokens():
    assert morph.russian_name_parse(list(tokenize("Сергея Кобылаша"))) == ("Сергей", "Кобылаш")


def test_russian_title_words():
    words = morph.russian_title_words()
    for word in ("министр", "министра", "иностранных", "дел", "президентом", "посла", "пресс-секретаря",
                 "глава", "главой", "генерал-полковника", "спикера"):
        assert word in words
    assert "лавров" not in words and "путин" not in words


# --- Registry: native names, no collisions -------------------------------------------------


def test_registry_loads_with_native_names(registry):
    by_alias = {name_key(n): e.name for e in registry.entities.values() for n in e.names}
    for alias, entity in [
        ("Путин", "Vladimir Putin"), ("푸틴", "Vladimir Putin"), ("Ким Чен Ын", "Kim Jong Un"),
        ("김정은", "Kim Jong Un"), ("Чвэ Сон Хи", "Choe Son Hui"), ("Чхве Сон Хи", "Choe Son Hui"),
        ("최선희", "Choe Son Hui"), ("Лавров", "Sergei Lavrov"), ("라브로프", "Sergei Lavrov"),
        ("Шойгу", "Sergei Shoigu"), ("쇼이구", "Sergei Shoigu"), ("Мацегора", "Alexandr Matsegora"),
        ("Белоусов", "Andrei Belousov"), ("Володин", "Vyacheslav Volodin"), ("ТАСС", "TASS"),
        ("РИА Новости", "RIA Novosti"), ("Интерфакс", "Interfax"), ("연합뉴스", "Yonhap News Agency"),
        ("조선중앙통신", "Korean Central News Agency"), ("노동신문", "Rodong Sinmun"),
        ("МИД России", "Russian Foreign Ministry"), ("한국 외교부", "South Korean Foreign Ministry"),
        ("통일부", "Ministry of Unification"), ("대한민국 국방부", "Ministry of National Defense"),
        ("러시아 외무부", "Russian Foreign Ministry"), ("미 국방부", "Pentagon"), ("국무부", "U.S. State Department"),
        ("국가정보원", "National Intelligence Service"), ("국정원", "National Intelligence Service"),
        ("Государственная дума", "State Duma"), ("Госдума", "State Duma"), ("Совет Федерации", "Federation Council"),
        ("최고인민회의", "Supreme People's Assembly"), ("Россия", "Russia"), ("러시아", "Russia"),
        ("로씨야", "Russia"), ("КНДР", "North Korea"), ("Северная Корея", "North Korea"), ("북한", "North Korea"),
        ("조선", "North Korea"), ("Пхеньян", "Pyongyang"), ("평양", "Pyongyang"), ("Москва", "Moscow"),
        ("모스크바", "Moscow"), ("Курская область", "Kursk"), ("쿠르스크", "Kursk"), ("Владивосток", "Vladivostok"),
        ("블라디보스토크", "Vladivostok"), ("Сеул", "Seoul"), ("서울", "Seoul"),
        ("北", "North Korea"), ("中", "China"), ("美", "United States"), ("日", "Japan"), ("露", "Russia"),
        ("러", "Russia"), ("북", "North Korea"), ("尹", "Yoon Suk Yeol"),
    ]:
        assert by_alias.get(name_key(alias)) == entity, alias


def test_ministry_words_other_countries_share_are_generic_only(registry):
    """중국 외교부, 우크라이나 국방부: a bare 외교부/국방부/대통령실 would name South Korea's body
    after another country's name, so they are `generic` (country + word), never aliases."""
    names = {n for e in registry.entities.values() for n in e.names}
    assert not names & {"외교부", "국방부", "대통령실", "외무부", "외무성", "국방성"}
    generic = {(e.name, g) for e in registry.of_type("organization") for g in e.generic}
    assert ("South Korean Foreign Ministry", "외교부") in generic
    assert ("Ministry of National Defense", "국방부") in generic


def test_no_single_syllable_word_is_an_alias(registry):
    """한 (one), 중 (during), 일 (day), 미 (un-), 남 (others) are words: never aliases."""
    names = {n for e in registry.entities.values() for n in e.names}
    assert not names & {"한", "중", "일", "미", "남", "우", "조", "로"}


def test_every_generated_form_names_one_entity(registry):
    forms = morph.registry_russian_forms(registry)
    assert len(forms) > 1000
    own = {name_key(n): e.key for e in registry.entities.values() for n in e.names}
    assert not set(forms) & set(own)  # a registry name is never re-generated for another entry
    assert morph.russian_form_collisions(registry) == {}
    # spot checks through the same token keys the matcher uses
    assert forms[name_key("Путина")] == "person:vladimir-putin"
    assert forms[name_key("Ким Чен Ына")] == "person:kim-jong-un"
    assert forms[name_key("Курской области")] == "place:kursk"
    assert forms[name_key("Государственной думы")] == "organization:state-duma"
    assert forms[name_key("Кремлем")] == "organization:kremlin"


def test_colliding_forms_are_left_out():
    """A man Иванов and a woman Иванова: his dative and her accusative are both Иванову, so that
    form names neither; her nominative stays hers; the other forms keep their one owner."""
    from ingest.registry import Entity, Registry

    registry = Registry()
    for entity in (Entity("person", "a", "A", ("Иванов",), gender="male"),
                   Entity("person", "b", "B", ("Иванова",), gender="female")):
        registry.entities[entity.key] = entity
    collisions = morph.russian_form_collisions(registry)
    assert name_key("Иванову") in collisions and name_key("Иванова") in collisions
    forms = morph.registry_russian_forms(registry)
    assert name_key("Иванову") not in forms and name_key("Иванова") not in forms
    assert forms[name_key("Ивановым")] == "person:a" and forms[name_key("Ивановой")] == "person:b"


def test_common_words_are_not_forms():
    assert morph.is_common_word("Находки")  # 'finds', though also the genitive of the city Находка
    assert not morph.is_common_word("Кремля", "Кремль")  # a form of the name itself
    assert not morph.is_common_word("Путина", "Путин")
    assert not morph.is_common_word("Ким Чен Ына")


def test_wikidata_ids_are_well_formed_and_unique():
    import yaml

    data = yaml.safe_load((HERE.parent / "db" / "registry.yml").read_text(encoding="utf-8"))
    ids = [item["wikidata_id"] for section in data.values() for item in section if item.get("wikidata_id")]
    assert ids and all(re.fullmatch(r"Q[1-9][0-9]*", i) for i in ids)
    assert len(ids) == len(set(ids))
    by_name = {item["name"]: item.get("wikidata_id") for section in data.values() for item in section}
    assert by_name["Vladimir Putin"] == "Q7747" and by_name["Russia"] == "Q159"


def test_native_forms_match_in_russian_text(registry):
    """The way the matcher will use the forms: token n-grams looked up by name key."""
    text = ("МОСКВА, 19 июня. /ТАСС/. Президент России Владимир Путин провел переговоры с Ким Чен Ыном. "
            "По словам министра иностранных дел Сергея Лаврова, договор вступил в силу после ратификации "
            "Государственной думой. Посол России в КНДР Александр Мацегора заявил Интерфаксу, что Пхеньяну "
            "важна поддержка Кремля, а Курской области — помощь КНДР.")
    found = _match_russian(text, registry)
    for surface, key in [("Путин", None), ("Владимир Путин", "person:vladimir-putin"),
                         ("Ким Чен Ыном", "person:kim-jong-un"), ("Сергея Лаврова", "person:sergei-lavrov"),
                         ("Государственной думой", "organization:state-duma"),
                         ("Александр Мацегора", "person:alexandr-matsegora"), ("Интерфаксу", "organization:interfax"),
                         ("Пхеньяну", "place:pyongyang"), ("Кремля", "organization:kremlin"),
                         ("Курской области", "place:kursk"), ("ТАСС", "organization:tass"), ("КНДР", "place:north-korea")]:
        if key:
            assert (surface, key) in found, surface
    assert ("Путин", "person:vladimir-putin") not in found  # the longer name won


def _russian_items():
    """(plain text, gold registry spans {(start, end, key)}, unknown names [(surface, (given, surname))])"""
    items = []
    for line in (HERE / "russian_names.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        plain, gold, unknown, pos = "", set(), [], 0
        for m in re.finditer(r"\[([^|\]]+)\|([^\]]+)\]|\{([^|}]+)\|([^}]+)\}", line):
            plain += line[pos:m.start()]
            surface = m.group(1) or m.group(3)
            if m.group(1):
                gold.add((len(plain), len(plain) + len(surface), m.group(2)))
            else:
                unknown.append((surface, tuple(m.group(4).split())))
            plain += surface
            pos = m.end()
        items.append((plain + line[pos:], gold, unknown))
    return items


def test_russian_sentences_every_inflected_name_and_nothing_else(registry):
    items = _russian_items()
    gold_count = sum(len(g) for _, g, _ in items)
    assert gold_count >= 70
    for text, gold, unknown in items:
        assert _match_russian_spans(text, registry) == gold, text
        for surface, nominative in unknown:
            assert morph.russian_name_parse(surface.split()) == nominative, surface


def _match_russian(text, registry):
    return {(text[a:b], key) for a, b, key in _match_russian_spans(text, registry)}


def _match_russian_spans(text, registry):
    keys = {name_key(n): e.key for e in registry.entities.values() for n in e.names}
    keys.update(morph.registry_russian_forms(registry))
    longest = max(len(k) for k in keys)
    tokens = tokenize(text)
    found, i = set(), 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(tokens.folded[i:i + n])
            if key in keys:
                found.add((tokens.starts[i], tokens.ends[i + n - 1], keys[key]))
                i += n
                break
        else:
            i += 1
    return found


# --- Korean: particles ---------------------------------------------------------------------


@pytest.mark.parametrize("token, first", [
    ("김정은은", 3), ("김정은이", 3), ("최선희", 3), ("푸틴과", 2), ("김정은", 3), ("김정은에게", 3), ("김여정의", 3),
    ("라브로프는", 4), ("블라디보스토크에서", 7), ("조선중앙통신은", 6), ("최고인민회의는", 6), ("김여정도", 3), ("연해주의", 3),
    ("러시아와의", 3), ("평양으로", 2), ("몽골로", 2), ("北은", 1), ("美의", 1), ("北", 1), ("북은", 1), ("조선의", 2),
    ("한반도", 3), ("한반도를", 3), ("러시아측은", 3),
])
def test_korean_name_lengths(token, first):
    assert morph.korean_name_lengths(token)[0] == first


def test_korean_name_lengths_keep_the_whole_token_as_a_reading():
    assert morph.korean_name_lengths("김정은은") == [3, 4]
    assert morph.korean_name_lengths("김정은") == [3, 2]
    assert morph.korean_name_lengths("최선희") == [3]
    assert morph.korean_name_lengths("최고인민회의") == [5, 6]  # ends like 위원회의: both readings
    assert morph.korean_name_lengths("푸틴으로") == [2, 4]  # never 푸틴으 + 로
    assert morph.korean_name_lengths("Putin") == []
    assert morph.korean_name_split("최선희는") == ("최선희", "는")


def test_particle_forms_agree_with_the_syllable_before():
    assert morph.korean_particle_splits("푸틴은") == [(2, "은", True)]  # 틴 ends in a consonant
    assert morph.korean_particle_splits("푸틴는") == []  # 는 needs a vowel before it
    assert (3, "가", False) in morph.korean_particle_splits("쇼이구가")
    assert morph.korean_particle_splits("쇼이구이") == []
    assert (2, "로", False) in morph.korean_particle_splits("몽골로")  # 로 after ㄹ


def test_particle_table_is_plain_data():
    for particle, (need, strong) in morph.KOREAN_PARTICLES.items():
        assert all("\uac00" <= ch <= "\ud7a3" for ch in particle)
        assert need in ("C", "V", "V|L", "any") and isinstance(strong, bool)


def test_every_hangul_registry_name_is_found_before_any_particle(registry):
    """Every one-token Hangul alias + every particle that fits it: the alias length is a reading,
    and the first one for a particle that never ends a name."""
    misses, firsts, total = [], [], 0
    for entity in registry.entities.values():
        for name in entity.names:
            if " " in name or not all("\uac00" <= ch <= "\ud7a3" for ch in name):
                continue
            for particle, (need, strong) in morph.KOREAN_PARTICLES.items():
                if not morph._particle_fits(name[-1], need):
                    continue
                total += 1
                lengths = morph.korean_name_lengths(name + particle)
                if len(name) not in lengths:
                    misses.append(name + particle)
                elif strong and lengths[0] != len(name):
                    firsts.append(name + particle)
    assert not misses
    assert len(firsts) <= 0.01 * total, firsts[:20]


def _korean_items():
    items = []
    for line in (HERE / "korean_names.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        plain, golds, pos = "", [], 0
        for m in re.finditer(r"\[([^\]]+)\]", line):
            plain += line[pos:m.start()]
            golds.append((len(plain), len(m.group(1))))
            plain += m.group(1)
            pos = m.end()
        plain += line[pos:]
        for start, length in golds:
            end = start
            while end < len(plain) and not plain[end].isspace() and plain[end] not in "\"“”,.":
                end += 1
            items.append((plain, start, plain[start:end], length))
    return items


def test_korean_rules_on_test_sentences():
    items = _korean_items()
    assert len(items) >= 140
    right = sum(morph.korean_name_lengths(tok)[0] == length for _, _, tok, length in items)
    in_readings = sum(length in morph.korean_name_lengths(tok) for _, _, tok, length in items)
    assert in_readings == len(items)
    assert right / len(items) >= 0.97, right


def test_offsets_cover_the_name_not_the_particle(registry):
    """How the matcher will use the lengths: the first reading that is a registry name."""
    by_alias = {name_key(n): e.key for e in registry.entities.values() for n in e.names}
    text = "김정은 국무위원장은 최선희 외무상과 함께 푸틴 대통령을 맞았다. 北은 조선중앙통신을 통해 라브로프의 발언을 전했다."
    found = []
    for token in tokenize(text):
        for length in morph.korean_name_lengths(token.text):
            key = by_alias.get(name_key(token.text[:length]))
            if key:
                found.append((text[token.start:token.start + length], key))
                break
    assert found == [("김정은", "person:kim-jong-un"), ("최선희", "person:choe-son-hui"),
                     ("푸틴", "person:vladimir-putin"), ("北", "place:north-korea"),
                     ("조선중앙통신", "organization:korean-central-news-agency"), ("라브로프", "person:sergei-lavrov")]


def test_korean_titles():
    assert morph.korean_title("외무상은") == "외무상"
    assert morph.korean_title("국무위원장과") == "국무위원장"
    assert morph.korean_title("대통령") == "대통령"
    assert morph.korean_title("평양에서") is None


# --- Korean: compounds of country abbreviations --------------------------------------------


@pytest.mark.parametrize("token, countries", [
    ("북러", ["North Korea", "Russia"]),
    ("북러가", ["North Korea", "Russia"]),
    ("한미일의", ["South Korea", "United States", "Japan"]),
    ("北中", ["North Korea", "China"]),
    ("조로친선", ["North Korea", "Russia"]),  # KCNA
    ("북러관계", ["North Korea", "Russia"]),
    ("북중러", ["North Korea", "China", "Russia"]),
    ("러우", ["Russia", "Ukraine"]),
    ("북·러", ["North Korea", "Russia"]),
    ("北·露", ["North Korea", "Russia"]),
])
def test_korean_compounds(token, countries, registry):
    parts = morph.korean_compound_parts(token)
    assert [country for _, _, country in parts] == countries
    assert all(token[a:b] in morph.KOREAN_COUNTRY_ABBREVIATIONS for a, b, _ in parts)
    places = {e.name for e in registry.of_type("place")}
    assert set(countries) <= places


@pytest.mark.parametrize("token", ["북미", "남미", "중남미", "북한", "남한", "한남동", "미러리스", "일일", "한국", "중국",
                                   "북러시아", "미중년", "러시아"])
def test_words_made_of_abbreviations_are_not_compounds(token):
    assert morph.korean_compound_parts(token) == []


def test_abbreviations_name_registry_places(registry):
    places = {e.name for e in registry.of_type("place")}
    assert set(morph.KOREAN_COUNTRY_ABBREVIATIONS.values()) <= places


# --- Cost ----------------------------------------------------------------------------------


def test_timing(registry):
    morph._analyzer()  # the dictionary, once per process (~0.1 s)
    morph._FORMS_CACHE.clear()
    started = time.perf_counter()
    morph.registry_russian_forms(registry)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    morph.registry_russian_forms(registry)
    warm = time.perf_counter() - started
    assert cold < 3.0 and warm < 0.05, (cold, warm)
    tokens = [tok for _, _, tok, _ in _korean_items()] * 50
    morph.korean_name_lengths.cache_clear()
    started = time.perf_counter()
    for token in tokens:
        morph.korean_name_lengths(token)
        morph.korean_compound_parts(token)
    assert time.perf_counter() - started < 1.0


def test_kiwipiepy_comparison():
    """The same test sentences through kiwipiepy's tagger (optional extra `kiwi`): it misreads
    North Korean names it does not know (박정천 -> 박정/XR + 천/NNG) and costs ~2-9 s to load and
    ~12-40 ms per 1,000 characters, against microseconds for the rules."""
    kiwipiepy = pytest.importorskip("kiwipiepy")
    kiwi = kiwipiepy.Kiwi()
    nominal = {"NNP", "NNG", "NNB", "NR", "SH", "SL", "SN", "XSN", "XPN"}
    items = _korean_items()
    analyses, kiwi_right = {}, 0
    for plain, start, token, length in items:
        if plain not in analyses:
            analyses[plain] = kiwi.tokenize(plain)
        end = start
        for m in analyses[plain]:
            if m.start < start:
                continue
            if m.start >= start + len(token) or m.tag not in nominal or m.start != end:
                break
            end = m.start + m.len
        kiwi_right += end - start == length
    rules_right = sum(morph.korean_name_lengths(tok)[0] == length for _, _, tok, length in items)
    assert rules_right >= kiwi_right
