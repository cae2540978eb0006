"""German reading: quotation marks, speakers, names and shapes (issue 20).

The whole-article measure is tests/corpus/german (archive evaluate); these pin the single rules,
and the traps where a German construction must leave a quote's speaker open."""

import pytest

from ingest.models import Article


@pytest.fixture(scope="module")
def read(extractor):
    return lambda text: extractor.extract(Article(body=text))


@pytest.fixture(scope="module")
def quotes_in(read):
    """(quote text, speaker key) of the quotes in a body."""
    return lambda text: [(q.text, q.person_key) for q in read(text).quotes]


PESKOV, PUTIN, SHOIGU = "person:dmitry-peskov", "person:vladimir-putin", "person:sergei-shoigu"


@pytest.mark.parametrize("text, quote, person", [
    # the marks: „…“ and ‚…‘, guillemets pointing inward (»…«, Spiegel, Deutschlandfunk) and outward («…», NZZ, dpa's feed)
    ("„Das ist gefährlich“, sagte Wladimir Putin.", "Das ist gefährlich", PUTIN),
    ("»Das ist gefährlich«, sagte Wladimir Putin.", "Das ist gefährlich", PUTIN),
    ("«Das ist gefährlich», sagte Wladimir Putin.", "Das ist gefährlich", PUTIN),
    ("‚Das ist gefährlich‘, sagte Wladimir Putin.", "Das ist gefährlich", PUTIN),
    # inverted order, its adverbials and objects after the speaker
    ("„Wir vergessen das nicht“, sagte Schoigu vor russischen Journalisten.", "Wir vergessen das nicht", SHOIGU),
    ("„Wir vergessen das nicht“, so Schoigu.", "Wir vergessen das nicht", SHOIGU),
    ("„Die Lage ist ernst“, erklärte Kremlsprecher Dmitri Peskow am Mittwoch.", "Die Lage ist ernst", PESKOV),
    ("„Die Lage ist ernst“, teilte Peskow mit.", "Die Lage ist ernst", PESKOV),
    ("„Die Lage ist ernst“, betont Peskow.", "Die Lage ist ernst", PESKOV),
    # the speaker before the verb, and after it when an adverbial opens the sentence
    ("Peskow sagte: „Die Lage ist ernst.“", "Die Lage ist ernst.", PESKOV),
    ("Am Mittwoch warnte Peskow: „Die Lage ist ernst.“", "Die Lage ist ernst.", PESKOV),
    ("Laut Peskow ist die Lage „sehr ernst“.", "sehr ernst", PESKOV),
    # a source quoting someone
    ("„Wir stehen an der Seite Russlands“, wurde Kim Jong Un von KCNA zitiert.", "Wir stehen an der Seite Russlands",
     "person:kim-jong-un"),
    ("Die Agentur KCNA zitierte Kim Jong Un mit den Worten, man stehe „bedingungslos“ zu Moskau.", "bedingungslos",
     "person:kim-jong-un"),
    ("Die Soldaten hätten „eine heilige Pflicht“ erfüllt, wurde Kim Jong Un zitiert.", "eine heilige Pflicht",
     "person:kim-jong-un"),
    # the participle last: 'hatte ... als „...“ verurteilt'
    ("Sergej Lawrow hatte den Schritt als „Provokation“ verurteilt.", "Provokation", "person:sergei-lavrov"),
])
def test_german_attribution(quotes_in, text, quote, person):
    assert quotes_in(text) == [(quote, person)]


def test_the_pronoun_is_the_speaker_and_the_outlet_is_not(quotes_in):
    # 'sagte er der ARD': 'der ARD' is who he spoke to; 'sagte sie ZEIT ONLINE' likewise
    text = ("Der Korea-Experte Lukas Winter sieht darin ein Signal. „Putin zeigt, dass er Partner hat“, sagte er "
            "der ARD.\n\nDie Nordkorea-Forscherin Miriam Schenk ist skeptisch. „Das ist ein Tauschgeschäft“, sagte "
            "sie ZEIT ONLINE.")
    assert [(q[:12], p) for q, p in quotes_in(text)] == [("Putin zeigt,", "person:lukas-winter"),
                                                         ("Das ist ein ", "person:miriam-schenk")]


def test_a_title_stands_for_the_person_the_text_gave_it(quotes_in):
    text = ("Kremlsprecher Dmitri Peskow äußerte sich am Abend. „Wir sehen keinen Anlass zur Sorge“, sagte der "
            "Kremlsprecher.")
    assert quotes_in(text) == [("Wir sehen keinen Anlass zur Sorge", PESKOV)]


@pytest.mark.parametrize("text", [
    # a person named as the object of a preposition is not who speaks
    "„Die Lage ist ernst“, sagte ein Sprecher von Wladimir Putin.",
    # unnamed sources
    "„Die Lage ist angespannt“, hieß es aus Diplomatenkreisen in Moskau, wo Wladimir Putin regiert.",
    "Wladimir Putin reiste ab. „Wir schließen nichts aus“, erklärte ein hoher Beamter des Präsidialamts.",
    # 'der Präsident' with two presidents named: either could be meant
    "Wladimir Putin und Präsident Wolodymyr Selenskyj äußerten sich. „Der Krieg geht weiter“, sagte der Präsident.",
    # a title for no one named before
    "Wladimir Putin war abgereist. „Wir sind besorgt“, sagte der SPD-Politiker den Zeitungen der Funke Mediengruppe.",
])
def test_german_speakers_left_open(quotes_in, text):
    assert [p for _, p in quotes_in(text)] == [None]


def test_english_so_after_a_quote_is_no_attribution(quotes_in):
    # 'so' names a speaker only when a person follows it; English copy keeps its reading
    assert quotes_in('"We were tired," so the crew went home.') == [("We were tired", None)]


def test_an_outward_guillemet_pair_inside_inward_copy_is_not_mixed_up(quotes_in):
    text = "»Wir stehen fest zusammen«, sagte Sergej Lawrow. Danach reiste er ab."
    assert quotes_in(text) == [("Wir stehen fest zusammen", "person:sergei-lavrov")]


def test_german_names_and_their_genitives_link_to_the_registry(read):
    text = ("Russlands Außenminister Sergej Lawrow traf Nordkoreas Außenministerin. Südkoreas Generalstab "
            "widersprach. Der Kremlsprecher Dmitri Peskow sprach vom Fernen Osten und vom Flughafen Sunan.")
    keys = {m.surface: m.entity_key for m in read(text).mentions}
    assert keys["Russlands"] == "place:russia"
    assert keys["Nordkoreas"] == "place:north-korea"
    assert keys["Generalstab"] == "organization:joint-chiefs-of-staff" and keys["Südkoreas"] == "place:south-korea"
    assert keys["Dmitri Peskow"] == PESKOV
    assert keys["Fernen Osten"] == "place:russian-far-east"
    assert keys["Flughafen Sunan"] == "place:sunan-international-airport"
    assert "Kremlsprecher Dmitri Peskow" not in keys  # the title is no part of the name


def test_people_after_german_titles_and_compounds(read):
    text = ("Der Politikwissenschaftler Tobias Kranich warnte. Die Koreanistin Simone Baumgartner widersprach. "
            "Der Russland-Experte Jonas Oberholzer blieb skeptisch. Das Auswärtige Amt erklärte, man prüfe das.")
    people = {m.surface for m in read(text).mentions if m.entity_type == "person"}
    assert {"Tobias Kranich", "Simone Baumgartner", "Jonas Oberholzer"} <= people
    assert not any("Amt" in name for name in people)


@pytest.mark.parametrize("text, name", [
    ("„Ein historischer Tag“, sagte der russische Verkehrsminister Andrej Nikitin am Flughafen.", "Andrej Nikitin"),
    ("Der Osteuropa-Historiker Friedemann Brandl hält das für Symbolik.", "Friedemann Brandl"),
    ("Die Oppositionspolitikerin Ruth Lindemann widersprach.", "Ruth Lindemann"),
])
def test_a_title_that_ends_a_closed_compound_introduces_a_person(read, text, name):
    assert name in {m.surface for m in read(text).mentions if m.entity_type == "person"}


@pytest.mark.parametrize("text, name", [
    ("Der Historiker Friedemann Brandl von der Universität Leipzig hält das für Symbolik.", "Universität Leipzig"),
    ("Sie lehrt an der Freien Universität Berlin.", "Freie Universität Berlin"),  # the name in the nominative
])
def test_a_university_named_by_its_place(read, text, name):
    assert name in read(text).unreviewed.values()


def test_a_head_before_a_word_that_is_no_place_names_nothing(read):
    assert not [m for m in read("Die Universität Experten sagen das.").mentions if m.entity_type == "organization"]


def test_german_organizations_by_shape(read):
    text = ("Das Institut für Friedensforschung und Sicherheitspolitik legte eine Studie vor. Die Tumen-Brücke "
            "soll Ende des Jahres fertig sein.")
    found = {(m.surface, m.entity_type) for m in read(text).mentions}
    assert ("Institut für Friedensforschung und Sicherheitspolitik", "organization") in found
    assert ("Tumen-Brücke", "place") in found


@pytest.mark.parametrize("text", [
    "Wladimir Putin und Kim Jong Un trafen sich. „Wir sind Verbündete“, sagten sie.",
    "Wladimir Putin und Kim Jong Un erklärten, man sei „unzertrennlich“.",
])
def test_a_plural_speaker_is_no_one_person(quotes_in, text):
    assert [p for _, p in quotes_in(text)] == [None]


def test_a_counterpart_is_a_title(read):
    text = "Vizeaußenminister Andrej Rudenko und sein nordkoreanischer Kollege Kim Jong Gyu unterzeichneten."
    people = {m.surface: m.entity_key for m in read(text).mentions if m.entity_type == "person"}
    assert people == {"Andrej Rudenko": "person:andrei-rudenko", "Kim Jong Gyu": "person:kim-jong-gyu"}


@pytest.mark.parametrize("text, surface, key", [
    ("Südkoreas Generalstab widersprach.", "Generalstab", "organization:joint-chiefs-of-staff"),
    ("Russlands Generalstab widersprach.", "Generalstab", "organization:general-staff-of-the-russian-armed-forces"),
    ("Russlands Außenministerium widersprach.", "Außenministerium", "organization:russian-foreign-ministry"),
    ("Nordkoreas Verteidigungsministerium widersprach.", "Verteidigungsministerium",
     "organization:ministry-of-national-defence-of-north-korea"),
])
def test_a_country_genitive_names_its_body(read, text, surface, key):
    # German writes "Russia's Foreign Ministry" as "Russlands Außenministerium": the country stays a place
    mentions = {m.surface: m.entity_key for m in read(text).mentions}
    assert mentions[surface] == key
    assert mentions[text.split()[0]].startswith("place:")
