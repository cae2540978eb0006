import pytest

from ingest.models import Article


@pytest.fixture(scope="module")
def quotes_in(extractor):
    """The quotes the extractor finds in a body: names, found names and surnames resolved first."""
    def run(text):
        return [(q.text, q.speaker, q.person_key, q.kind) for q in extractor.extract(Article(body=text)).quotes]
    return run


@pytest.mark.parametrize("text, quote, person", [
    ('"The treaty is defensive," Putin said.', "The treaty is defensive", "person:vladimir-putin"),
    ('“The treaty is defensive,” said Vladimir Putin.', "The treaty is defensive", "person:vladimir-putin"),
    ('Putin said, "The treaty is defensive."', "The treaty is defensive.", "person:vladimir-putin"),
    ('Lavrov said: “Contacts are very close.”', "Contacts are very close.", "person:sergei-lavrov"),
    ('"It is historic," Kim Jong Un was quoted as saying by KCNA.', "It is historic", "person:kim-jong-un"),
    ('"It is historic," state media quoted Kim Jong Un as saying.', "It is historic", "person:kim-jong-un"),
    ('Choe Son Hui hailed the treaty as an "invincible alliance."', "invincible alliance.", "person:choe-son-hui"),
    ("‘We stand with Russia,’ Choe Son Hui said.", "We stand with Russia", "person:choe-son-hui"),
    ("„Das ist gefährlich“, sagte Wladimir Putin.", "Das ist gefährlich", "person:vladimir-putin"),
])
def test_attribution_patterns(quotes_in, text, quote, person):
    assert [(q, p) for q, _, p, _ in quotes_in(text)] == [(quote, person)]


@pytest.mark.parametrize("text, speaker, person", [
    # the one quoted speaks, named or not; the one quoting never does
    ('Lawmaker Lee Dong-hwan quoted an official as telling the committee: "He wants to stay."',
     "an official", None),
    ('Yonhap cited Choe Son Hui as saying: "We stand with Russia."', "Choe Son Hui", "person:choe-son-hui"),
])
def test_a_source_quoting_someone_before_the_quote_is_not_its_speaker(quotes_in, text, speaker, person):
    assert [(s, p) for _, s, p, _ in quotes_in(text)] == [(speaker, person)]


def test_a_name_with_an_appositive_before_the_verb_speaks(quotes_in):
    text = ('"Seoul still talks about a marriage of convenience," Yoon Ji-hoon, a professor of Russian '
            'studies at Hankuk University of Foreign Studies, said in an interview.')
    assert [(s, p) for _, s, p, _ in quotes_in(text)] == [("Yoon Ji-hoon", "person:yoon-ji-hoon")]


def test_an_unnamed_one_with_an_appositive_is_no_one(quotes_in):
    text = '"The drills are a provocation," the official, who asked not to be named, said on Friday.'
    assert [p for _, _, p, _ in quotes_in(text)] == [None]


def test_a_quotation_inside_a_quote_is_a_quote_of_its_own(quotes_in):
    text = ('"The treaty has no end date, and Putin himself has called it \'a document for generations.\' '
            'A Russian diplomat told me: \'We never forget who stood with us.\' That is the point," '
            'Choe Son Hui said.')
    found = {q: (p, kind) for q, _, p, kind in quotes_in(text)}
    outer = next(q for q in found if q.startswith("The treaty"))
    assert found[outer] == ("person:choe-son-hui", "inline")  # the outer speaker keeps all of her words
    assert found["a document for generations."] == ("person:vladimir-putin", "nested")
    assert found["We never forget who stood with us."] == (None, "nested")  # an unnamed diplomat


def test_apostrophes_inside_a_quote_open_no_nested_quote(quotes_in):
    found = quotes_in('"Korea\'s friends don\'t forget the \'90s," Choe Son Hui said.')
    assert [kind for *_, kind in found] == ["inline"]


@pytest.mark.parametrize("text, person", [
    ('"They have learned," said Col. Pavlo Yurchuk, a brigade commander.', "person:pavlo-yurchuk"),
    ('"It is a supply line," Col. Lee Dong-hoon said.', "person:lee-dong-hoon"),
    ('"They will enter combat soon," Maj. Gen. Pat Ryder told reporters.', "person:pat-ryder"),
])
def test_a_title_abbreviation_with_its_dot_does_not_cut_the_speaker(quotes_in, text, person):
    assert [p for _, _, p, _ in quotes_in(text)] == [person]


def test_she_said_resolves_to_the_last_female_speaker(quotes_in):
    text = ('Foreign Minister Choe Son Hui met Sergei Lavrov. "We will win," Choe said. '
            'Lavrov nodded. "Our friendship is eternal," she said.')
    assert [p for _, _, p, _ in quotes_in(text)] == ["person:choe-son-hui", "person:choe-son-hui"]


def test_he_said_goes_to_the_last_speaker_not_the_last_name(quotes_in):
    text = ('"We support Russia," Kim Jong Un told Vladimir Putin.\n\n'
            'North Korea "expresses full support," he said.')
    assert [p for _, _, p, _ in quotes_in(text)] == ["person:kim-jong-un", "person:kim-jong-un"]


def test_an_agency_after_the_quote_does_not_steal_it_from_the_person(quotes_in):
    text = 'In a speech, Choe Son Hui hailed the treaty as a "most solid, invincible alliance," the KCNA said.'
    assert quotes_in(text)[0][2] == "person:choe-son-hui"


def test_quote_attributed_to_an_agency_or_unnamed_official_is_kept(quotes_in):
    found = quotes_in('"The drills are a provocation," KCNA said.\n\n'
                      '"We are watching closely," a senior South Korean official said.')
    assert [(s, p) for _, s, p, _ in found] == [("KCNA", None), ("a senior South Korean official", None)]


def test_block_quotes_introduced_by_a_colon(quotes_in):
    text = ("TASS reported that a North Korean diplomat stated at the embassy:\n\n"
            "Literally today there was a historic meeting.\n\n"
            "U.S. Secretary of State Antony Blinken spoke, stating in a press conference:\n\n"
            "We have very ambitious commitments.")
    assert quotes_in(text) == [
        ("Literally today there was a historic meeting.", "a North Korean diplomat", None, "block"),
        ("We have very ambitious commitments.", "Antony Blinken", "person:antony-blinken", "block")]


def test_the_title_resolves_to_the_person_given_it(quotes_in):
    text = ('Russian Ambassador Alexandr Matsegora spoke. "Russia and North Korea are close," the ambassador said.')
    assert quotes_in(text)[0][2] == "person:alexandr-matsegora"


def test_unclosed_quote_runs_to_the_end_of_the_paragraph(quotes_in):
    [(text, _, _, _)] = quotes_in("Putin said the treaty provides for “mutual assistance in the event of aggression.\n\nNext.")
    assert text == "mutual assistance in the event of aggression."


def test_apostrophes_are_not_quotes(quotes_in):
    assert quotes_in("Russia’s war and Putin’s visit went on.") == []


def test_transcript_turns_are_quotes_of_the_labelled_speaker(quotes_in):
    text = ("Vladimir Putin and Kim Jong Un spoke to the press.\n\n"
            "Chairman of State Affairs Kim Jong Un (retranslated): Dear Comrade Putin,\n\n"
            "Today we signed the treaty.\n\n"
            "President of Russia Vladimir Putin: The treaty provides for mutual assistance.\n\n"
            "Question: Will the Duma ratify it?\n\n"
            "Vladimir Putin: Yes, it will.")
    assert quotes_in(text) == [
        ("Dear Comrade Putin,", "Kim Jong Un", "person:kim-jong-un", "transcript"),
        ("Today we signed the treaty.", "Kim Jong Un", "person:kim-jong-un", "transcript"),
        ("The treaty provides for mutual assistance.", "Vladimir Putin", "person:vladimir-putin", "transcript"),
        ("Will the Duma ratify it?", "Question", None, "transcript"),
        ("Yes, it will.", "Vladimir Putin", "person:vladimir-putin", "transcript")]


def test_a_briefing_whose_spokesman_is_named_only_in_the_labels(quotes_in):
    # questions, and one name-shaped label answering them: a transcript, its answerer left unnamed
    text = ("MR MILLER: Good afternoon.\n\nQUESTION: Are the troops in Kursk?\n\n"
            "MR MILLER: We have seen them there.\n\nQUESTION: How many?\n\n"
            "MR MILLER: About 8,000.\n\n(The briefing was concluded at 2:07 p.m.)\n\nTAGS Russia")
    found = quotes_in(text)
    assert [(q, s, p) for q, s, p, _ in found] == [
        ("Good afternoon.", "MR MILLER", None), ("Are the troops in Kursk?", "QUESTION", None),
        ("We have seen them there.", "MR MILLER", None), ("How many?", "QUESTION", None),
        ("About 8,000.", "MR MILLER", None)]  # the stage direction ends the last turn


def test_one_labelled_paragraph_is_not_a_transcript(quotes_in):
    text = ('Putin: the treaty holds.\n\n"We are allies," Kim Jong Un said.\n\n'
            'Note: Lavrov was not there.')
    assert quotes_in(text) == [("We are allies", "Kim Jong Un", "person:kim-jong-un", "inline")]


def test_a_label_with_a_speech_verb_stays_a_block_intro(quotes_in):
    text = ("Vladimir Putin said: The treaty is defensive.\n\nKim Jong Un said: We are allies.")
    assert all(kind != "transcript" for _, _, _, kind in quotes_in(text))


def test_a_second_quote_in_the_paragraph_is_the_same_speaker(quotes_in):
    found = quotes_in("Kim Jong Un met Putin. “We are allies,” Kim said. “We will win.”")
    assert [(t, p, a) for t, _, p, a in found] == [
        ("We are allies", "person:kim-jong-un", "inline"), ("We will win.", "person:kim-jong-un", "inline")]


def test_someone_else_named_between_breaks_the_continuation(quotes_in):
    found = quotes_in("“We are allies,” Kim Jong Un said. Vladimir Putin nodded. “We will win.”")
    assert [p for _, _, p, _ in found] == ["person:kim-jong-un", None]


def test_a_quote_left_open_at_a_paragraph_end_goes_on_in_the_next(quotes_in):
    text = ("Kim Jong Un addressed the crowd.\n\n“Our friendship is invincible.\n\n“We will stand together.\n\n"
            "“No force can break it,” he added.")
    assert [(t, p) for t, _, p, _ in quotes_in(text)] == [
        ("Our friendship is invincible.", "person:kim-jong-un"), ("We will stand together.", "person:kim-jong-un"),
        ("No force can break it", "person:kim-jong-un")]


@pytest.mark.parametrize("text, person", [
    # the one person of the pronoun's gender named before it, as a subject
    ('Lavrov praised the soldiers who fought in Kursk. "We will never forget them," he said.', "person:sergei-lavrov"),
    ('Choe Son Hui met Sergei Lavrov on Friday. "We will win," she said.', "person:choe-son-hui"),
    # two men named: 'he' could be either
    ('Kim Jong Un received Sergei Lavrov at a guesthouse. He said the two countries were "bound by a common destiny."',
     None),
    # the only man named is the object; the subject is someone the text does not name
    ('The minister thanked Kim Jong Un for the troops. "We will always remember their courage," he said.', None),
    # someone the text names only by a surname nobody else has opens the previous paragraph
    ('"This team has no mandate," Kim told the council.\n\nHe said the treaty signed by Kim Jong Un and '
     'Vladimir Putin gave Pyongyang "every right" to help.', None),
    # a name inside the quotation is no antecedent
    ('Maria Zakharova spoke in Moscow. "We thank Sergei Lavrov for his work," she said.', "person:maria-zakharova"),
    # a paragraph that names no one does not reach back to the one before
    ('Putin arrived on Tuesday.\n\nUkraine condemned the visit. "This is a regime that supplies missiles," he said.',
     None),
])
def test_pronouns_resolve_only_to_the_one_person_they_can_be(quotes_in, text, person):
    *_, (_, _, got, _) = quotes_in(text)
    assert got == person


def test_a_bare_surname_used_before_anyone_of_that_name_is_left_unresolved_after(quotes_in):
    text = ('"This so-called team has no mandate from anyone," Kim told the council.\n\n'
            'He said the treaty signed by leader Kim Jong Un gave Pyongyang the right to help.\n\n'
            '"Those who talk about peace are the same ones who hold exercises," Kim said.')
    assert [p for _, _, p, _ in quotes_in(text)] == [None, None]


def test_a_surname_two_people_share_is_left_unresolved_when_the_other_was_named_since(quotes_in):
    text = ("Kim Yo Jong denounced the drills on Wednesday.\n\n"
            "A day later Kim Jong Un inspected a destroyer at Nampo.\n\n"
            '"This is the most urgent task," Kim said.')
    assert [p for _, _, p, _ in quotes_in(text)] == [None]


def test_an_inverted_speaker_is_the_subject_a_surname_goes_back_to(quotes_in):
    text = ('North Korean leader Kim Jong Un traveled to Russia by train in 2023.\n\n'
            '"Demand is stable but modest," said Yelena Kim, who manages the tours.\n\n'
            '"Most of our passengers are Russian Koreans," Kim said.')
    assert [p for _, _, p, _ in quotes_in(text)][-1] != "person:kim-jong-un"


@pytest.mark.parametrize("text, quote, person", [
    # Korean reported speech: the sentence's topic (은/는), on the name or on the title after it
    ("최선희 외무상은 모두발언에서 “양국 관계는 전례 없이 높은 단계에 올라섰다”고 말했다.",
     "양국 관계는 전례 없이 높은 단계에 올라섰다", "person:choe-son-hui"),
    ("푸틴 대통령은 “조약은 방어적 성격”이라고 강조했다.", "조약은 방어적 성격", "person:vladimir-putin"),
    # the topic wins over the subject of a clause inside the sentence
    ("마리야 자하로바 러시아 외무부 대변인은 최선희 외무상이 푸틴 대통령을 예방할지에 대해 “크렘린궁이 답할 문제”라고 밝혔다.",
     "크렘린궁이 답할 문제", "person:maria-zakharova"),
    # Russian: «...», — заявил X; X заявил: «...»; по словам X
    ("«Контакты продолжатся», — заявил Лавров журналистам.", "Контакты продолжатся", "person:sergei-lavrov"),
    ("Лавров заявил: «Контакты на высшем уровне продолжатся».", "Контакты на высшем уровне продолжатся",
     "person:sergei-lavrov"),
    # a name inside the quotation is not its speaker
    ("«Председатель Ким Чен Ын принял решение», — заявил Шойгу.", "Председатель Ким Чен Ын принял решение",
     "person:sergei-shoigu"),
])
def test_korean_and_russian_speakers(quotes_in, text, quote, person):
    assert [(q, p) for q, _, p, _ in quotes_in(text)] == [(quote, person)]


def test_a_korean_quote_with_no_topic_or_one_subject_is_unresolved(quotes_in):
    text = "김정은 위원장과 푸틴 대통령이 만난 자리에서 “우리는 형제”라는 말이 나왔다고 전했다."
    assert [p for _, _, p, _ in quotes_in(text)] == [None]


def test_a_surname_introduced_with_an_appositive_is_not_the_registry_namesake(quotes_in):
    text = ("Lavrov, the region's transport chief, said the first train would leave in April.\n\n"
            '"The bridge is ready," Lavrov said.')
    assert [p for _, _, p, _ in quotes_in(text)] == [None]


@pytest.mark.parametrize("text, person", [
    # the other Lee is an agent of the subject's own sentence: either could be meant
    ("Lee Jong-seok, a former unification minister, was appointed to head the spy agency by Lee Jae-myung "
     "in June.\n\nAsked whether Kim Jong Un would visit Moscow, Lee said it was \"too early to say.\"", None),
    # the other Kim is in an appositive about the subject: the subject is meant
    ("Kim Yo Jong, the powerful sister of North Korean leader Kim Jong Un, denounced the drills.\n\n"
     '"The puppets talk about peace and train for war," Kim said.', "person:kim-yo-jong"),
    # the other Kim is in what the subject said: the subject is meant
    ("North Korean Minister of Physical Culture and Sports Kim Il Guk arrived on Friday.\n\nKim Il Guk said he had "
     'brought greetings from leader Kim Jong Un. "Our leader pays great attention to sports," Kim said.',
     "person:kim-il-guk"),
    # ... or in a subordinate clause ("days after ...")
    ("North Korea's Vice Foreign Minister Kim Son Gyong arrived in Moscow days after leaders Kim Jong Un and "
     'Vladimir Putin signed the treaty.\n\n"We will implement every article," Kim told reporters.',
     "person:kim-son-gyong"),
])
def test_a_shared_surname_after_a_sentence_naming_both(quotes_in, text, person):
    assert [p for _, _, p, _ in quotes_in(text)] == [person]


def test_an_ambiguous_surname_before_the_verb_is_not_passed_over_for_another_name(quotes_in):
    text = ("Rep. Lee Seong-kweun and President Lee Jae-myung spoke on Tuesday.\n\n"
            'Asked whether Kim Jong Un would visit Moscow, Lee said it was "too early to say."')
    assert [(s, p) for _, s, p, _ in quotes_in(text)] == [("Lee", None)]


def test_a_minister_of_two_things_is_found_and_his_quote_not_given_to_his_leader(quotes_in):
    text = ("North Korean Minister of Physical Culture and Sports Kim Il Guk said he had brought greetings from "
            'leader Kim Jong Un.\n\n"Our leader pays great attention to sports," Kim said.')
    assert [p for _, _, p, _ in quotes_in(text)] != ["person:kim-jong-un"]


def test_a_name_inside_someone_elses_quotation_is_no_subject_for_a_later_surname(quotes_in):
    text = ("Kim Yo Jong, a vice department director, denounced the drills on Wednesday.\n\n"
            "Her statement came a day after Kim Jong Un inspected a destroyer at Nampo.\n\n"
            'Lim Eul-chul, a professor at Kyungnam University, said: "Kim Yo Jong speaks when her brother wants '
            'to slam a door," Lim said.\n\n'
            'In July, Kim said the North had "no interest" in any proposal from Seoul.')
    assert [p for q, _, p, _ in quotes_in(text) if q == "no interest"] == [None]


def test_a_plural_surname_names_both_bearers_and_leaves_the_next_one_open(quotes_in):
    text = ("Choe Ryong Hae and Foreign Minister Choe Son Hui attended the reception.\n\n"
            'Foreign Minister Choe Son Hui called Russia "a true comrade."\n\n'
            "The two Choes, who are not related, sat at the head table. Choe told the ambassador that Pyongyang "
            'was ready, "so that our friendship grows."')
    assert [p for q, _, p, _ in quotes_in(text) if "friendship" in q] == [None]


def test_a_transcript_label_no_one_is_known_by_starts_an_unnamed_turn(quotes_in):
    text = ("V.V. Volodin: Colleagues, the floor is given to the next speaker.\n\n"
            "A.Yu. Rudenko: The treaty is not directed against any third country.\n\n"
            "V.V. Volodin: Thank you. The Communist Party faction, please.\n\n"
            "P.Q. Zhukovsky: The faction will vote in favour. We were with Korea in 1950.\n\n"
            "Source of the excerpt: the State Duma's transcript, translated for the archive.")
    found = {q[:30]: (s, p) for q, s, p, _ in quotes_in(text)}
    assert found["The faction will vote in favou"] == ("P.Q. Zhukovsky", None)
    assert not any(q.startswith("the State Duma") for q in found)


def test_initials_name_the_person_the_text_names_in_full(extractor):
    from ingest.models import Article

    text = ("V.V. Volodin: Andrei Valerievich Kartapolov, Committee on Defence.\n\n"
            "A.V. Kartapolov: The committee supports the bill.\n\n"
            "V.V. Volodin: Thank you.")
    extraction = extractor.extract(Article(body=text))
    keys = {m.surface: m.entity_key for m in extraction.mentions if m.entity_type == "person"}
    assert keys["A.V. Kartapolov"] == keys["Andrei Valerievich Kartapolov"]
    assert [q.person_key for q in extraction.quotes if q.text.startswith("The committee")] == [keys["A.V. Kartapolov"]]


@pytest.mark.parametrize("text, expected", [
    # a dash opens the speech, a second dash the author's words
    ("— Это союзнические обязательства. Здесь нечего скрывать, — сказал Песков.",
     [("Это союзнические обязательства. Здесь нечего скрывать", "person:dmitry-peskov", "inline")]),
    ("— Мы готовы! — заявил Лавров.", [("Мы готовы!", "person:sergei-lavrov", "inline")]),
    # the speech resumes after the author's words: the same speaker goes on
    ("— Контакты продолжатся, — заявил Лавров. — Следующая встреча пройдет в Пхеньяне.",
     [("Контакты продолжатся", "person:sergei-lavrov", "inline"),
      ("Следующая встреча пройдет в Пхеньяне.", "person:sergei-lavrov", "inline")]),
    # a new person described after the verb: the name is found, and speaks
    ("— Молодые совсем, вежливые, — вспоминает пенсионерка Нина Кравцова.",
     [("Молодые совсем, вежливые", "person:nina-kravtsova", "inline")]),
    # under a speaker's label, a paragraph of its own above the speech
    ("Сергей Пономарев, глава Суджанского района:\n\n— Город надо отстраивать почти с нуля.",
     [("Город надо отстраивать почти с нуля.", "person:sergey-ponomarev", "transcript")]),
])
def test_russian_direct_speech_led_by_a_dash(quotes_in, text, expected):
    assert [(q, p, kind) for q, _, p, kind in quotes_in(text)] == expected


@pytest.mark.parametrize("text", [
    # an interview's turns, a dialogue: no author's words name anyone
    "— Чего ждать в следующем году?\n\n— Визита в Россию, я почти уверен.",
    # the words after the second dash hold no speech verb: a dash inside a sentence
    "— Москва, — и это главное, — остается партнером Пхеньяна.",
    # English copy is left alone
    "— With assistance from Jane Doe, said the editor.",
])
def test_a_dash_without_an_author_saying_it_is_no_quote(quotes_in, text):
    assert quotes_in(text) == []


def test_a_quotation_inside_dash_speech_is_nested_not_the_speakers(quotes_in):
    text = "— Один все время повторял по-русски «спасибо, бабушка», — вспоминает пенсионерка Нина Кравцова."
    found = {q: (p, kind) for q, _, p, kind in quotes_in(text)}
    assert found["спасибо, бабушка"] == (None, "nested")
    assert found["Один все время повторял по-русски «спасибо, бабушка»"] == ("person:nina-kravtsova", "inline")


def test_an_outlets_name_in_guillemets_is_no_quote(quotes_in):
    assert quotes_in("Евгений Рудаков, «Вести», Курская область.") == []


def test_the_outlet_that_asked_is_not_the_speaker(extractor):
    text = ("«Мы действуем в рамках договора», — сказал Дмитрий Песков. "
            "На вопрос РБК о численности контингента он ответил: «Это вопрос Министерства обороны».")
    quotes = extractor.extract(Article(body=text)).quotes
    assert [(q.person_key, q.organization_key) for q in quotes] == [("person:dmitry-peskov", None)] * 2


_INTERVIEW = ("— {address}изменится после вступления договора в силу?\n\n"
              "— Главное — статья о взаимной помощи. Такой нормы не было с 1961 года.\n\n"
              "Что получает Пхеньян\n\n"
              "— А что с этого имеет Северная Корея?\n\n"
              "— Прежде всего гарантию, что она больше не одна.\n\n"
              "Беседовала Марина Ковальчук")


@pytest.mark.parametrize("intro, address", [
    # the question addresses him by given name and patronymic
    ("Договор вступил в силу. Об этом говорит и Лавров.\n\n", "Игорь Викторович, что "),
    # the paragraph before the turns names him alone
    ("Мы поговорили с ведущим научным сотрудником Института Китая и современной Азии Игорем Селезневым.\n\n", "Что "),
])
def test_a_russian_interviews_answers_are_the_interviewees(extractor, intro, address):
    text = ("Востоковед Игорь Селезнев рассказал о договоре журналистам.\n\n" if "," in address else "") + intro \
        + _INTERVIEW.format(address=address)
    quotes = extractor.extract(Article(body=text)).quotes
    answers = {q.text: q.person_key for q in quotes if q.kind == "transcript"}
    assert answers == {"Главное — статья о взаимной помощи. Такой нормы не было с 1961 года.": "person:igor-seleznev",
                       "Прежде всего гарантию, что она больше не одна.": "person:igor-seleznev"}
    assert not any("Ковальчук" in q.text or q.text.endswith("?") for q in quotes)


def test_an_interview_whose_interviewee_the_text_does_not_settle_has_no_answers(extractor):
    intro = "Мы поговорили с Игорем Селезневым и Андреем Ланьковым.\n\n"
    quotes = extractor.extract(Article(body=intro + _INTERVIEW.format(address="Что "))).quotes
    assert not [q for q in quotes if q.person_key]


@pytest.mark.parametrize("text", [
    '"Bisher hat Nordkorea Munition geliefert", sagte Huber ZDFheute.',
    '"Das ist gefährlich", sagte Aschenbrenner dem ZDF.',
    "«Это важно», — сказал Иванов ТАСС.",
])
def test_an_outlet_after_an_unresolved_name_is_the_one_told_not_the_speaker(extractor, text):
    [quote] = extractor.extract(Article(body=text)).quotes
    assert (quote.person_key, quote.organization_key) == (None, None)


def test_a_surname_before_the_outlet_told_is_resolved(extractor):
    text = ('Der Korea-Experte Benedikt Aschenbrenner sieht eine neue Qualität. '
            '"Bisher hat Nordkorea Munition geliefert", sagte Aschenbrenner ZDFheute.')
    assert [q.person_key for q in extractor.extract(Article(body=text)).quotes] == ["person:benedikt-aschenbrenner"]


def test_no_one_goes_on_past_an_unnamed_speaker_or_into_a_subheading(extractor):
    text = ('"Das ist eine Falschmeldung", sagte Kremlsprecher Dmitri Peskow.\n\n'
            'Ein Sprecher des Auswärtigen Amts sagte in Berlin: "Das wäre eine gefährliche Eskalation."\n\n'
            '"Kim will Kampferfahrung für seine Armee"\n\n'
            '"Wir beobachten das sehr genau."')
    quotes = extractor.extract(Article(body=text)).quotes
    assert [q.person_key for q in quotes] == ["person:dmitry-peskov", None, None, None]


@pytest.mark.parametrize("text, person", [
    ("Руководитель департамента Денис Стрельцов уточнил, что работы идут. "
     "По его словам, «основные объемы работ придутся на лето».", "person:denis-streltsov"),
    ("Лавров и Чвэ Сон Хи провели переговоры. По ее словам, «это историческое событие».", "person:choe-son-hui"),
    # two men before 'его': no one
    ("Лавров принял Шойгу. По его словам, «контакты продолжатся».", None),
])
def test_a_russian_source_named_by_a_pronoun_inside_po_slovam(quotes_in, text, person):
    assert [p for _, _, p, _ in quotes_in(text)] == [person]


def test_a_korean_agency_named_by_its_kind_relays_the_subjects_words_as_no_ones(quotes_in):
    text = "최선희 외무상은 모스크바에 도착했다. 통신은 최 외무상이 \"앞으로의 사업과 관련한 훌륭한 담화를 진행했다\"고 전했다."
    assert [p for _, _, p, _ in quotes_in(text)] == [None]


@pytest.mark.parametrize("text, person", [
    # the agency reports what the person said: his words
    ('The Korean Central News Agency reported on June 25 that Kim Jong Un called the zone "one of the greatest '
     'successes of this year".', "person:kim-jong-un"),
    ('KCNA said that Choe Son Hui described the talks as "productive".', "person:choe-son-hui"),
    # the reported clause opens with no person: the one who said it
    ('Lavrov said that the talks with Choe Son Hui were "productive".', "person:sergei-lavrov"),
])
def test_a_person_opening_a_reported_clause_speaks_its_quote(quotes_in, text, person):
    assert [p for _, _, p, _ in quotes_in(text)] == [person]


def test_a_bracketed_sound_bite_with_a_label_and_no_slash_is_its_labels(extractor):
    text = ("현지에서는 낯선 군인들을 봤다는 증언도 나옵니다.\n\n"
            "[쿠르스크주 주민 (러시아 SNS 영상) : 지난주에 마을 가게 앞에 아시아계 군인들이 트럭에서 내렸어요.]\n\n"
            "전문가들은 북한이 실전 경험을 노린 것이라고 봅니다.")
    quotes = extractor.extract(Article(body=text)).quotes
    assert [(q.text, q.person_key, q.kind) for q in quotes] == [
        ("지난주에 마을 가게 앞에 아시아계 군인들이 트럭에서 내렸어요.", None, "transcript")]  # the next paragraph is no one's
