"""Text + mentions -> direct quotations and who said them. Pure.

Quotes are found by pairing quotation marks inside each paragraph (straight, curly, German „“,
guillemets, British single quotes) plus block quotes: a paragraph introduced by one that ends in
a colon ("TASS reported:"). Each quote's speaker is then looked for, in order of trust:

1. after the quote in its sentence: `"...," Putin said` / `," said Putin` / `X was quoted as
   saying` / `Y quoted X as saying`;
2. the subject of the first speech verb before it: `Choe called the treaty "..."`;
3. `according to X`;
4. a quote with no attribution continues the previous speaker when it opens the next paragraph or
   follows in the same paragraph with no one else named between; a quote left open at its
   paragraph's end (news copy's way of running a quotation on) is the next paragraph's speaker's.

A transcript (two or more paragraphs opening with a speaker's label: `President of Russia Vladimir
Putin: Comrade Kim Jong Un, ...`, `Kim Jong Un (retranslated): ...`, `Question: ...`) is read
turn by turn: each paragraph of a turn is one quote of the labelled speaker, up to the next label.

German copy adds its own marks and orders: „...“ and ‚...‘, guillemets pointing inward (»...«) or,
in Swiss copy, outward («...»; a paragraph's first guillemet tells which); `„...“, sagte er der
ARD` (the pronoun, not the outlet he spoke to), `„...“, so Schoigu`, `„...“, wurde Kim zitiert`,
`KCNA zitierte Kim mit den Worten, ...`, `Am Freitag sagte Schoigu: „...“` (the subject after
its verb), `hatte ... als „...“ verurteilt` (the participle last), and `sagten sie` (they: no
one person). After a verb, the speaker's noun phrase ends before the words that go with the
verb ('der SPD-Politiker | den Zeitungen ...'), and a person who is a preposition's object there
('ein Sprecher von Putin') is no speaker.

A person beats an agency (`"...," the KCNA said` after Choe's words names the source, not the
speaker). A pronoun (`he`, `her`) goes to the one compatible person its sentence or the ones
before it in the paragraph name, and is left unresolved when two could be meant; `the
ambassador` goes to the person the article (or the registry) has given that title, `der Minister`
to an `Außenminister`. Unnamed speakers ("a North Korean
diplomat") and agencies are kept with no person.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from .lexicon import LEXICON, alternatives
from .models import Mention, Quote, Role
from . import morph
from .morph import korean_particle_splits, korean_title
from .registry import Registry
from .surnames import SUBJECT_WORDS, is_subject, subject_words
from .text import paragraph_spans, sentence_spans, span_containing

# The words live in ingest/lexicon/*.yml, the patterns built from them in lexicon.Patterns.
_P = LEXICON.patterns
SPEECH_VERBS = _P.speech_verbs  # "said|says|...": regex alternatives of every speech verb
VERB = _P.speech_verb
PRONOUN = _P.pronoun
PRONOUN_GENDER = LEXICON.pronouns
AFTER_QUOTED_AS = _P.quoted_as
AFTER_WAS_QUOTED = _P.was_quoted
AFTER_SPK_VERB = _P.speaker_verb
AFTER_SPK_APPOSITIVE_VERB = _P.speaker_appositive_verb
AFTER_VERB_SPK = _P.verb_speaker
INNER_ATTRIBUTION = _P.inner_attribution
SOUND_BITE = _P.sound_bite
AFTER_PARTICLE = _P.particle_speaker  # '„...“, so Schoigu.'
AFTER_PASSIVE_QUOTED = _P.passive_quoted  # '„...“, wurde Kim zitiert'
QUOTING_BEFORE = _P.quoting_before  # 'KCNA zitierte Kim mit den Worten, ... „...“'
_CONJUNCTIONS = LEXICON.list_conjunctions
PLURAL_VERBS = LEXICON.plural_speech_verbs  # 'sagten sie': no one speaker
ACCORDING_TO = _P.according_to
ACCORDING_TO_INNER = _P.according_to_inner  # 'по его словам'
CLAUSE_OPENERS = _P.clause_opener
# A speaker's label opening a transcript paragraph; the speaker is the person named at its end
TURN_LABEL = _P.turn_label
INTERVIEWER = _P.interviewer
MIN_TURNS = 2  # one "Name: text" paragraph alone is not taken for a transcript
# a label shaped like a name: initials and a surname ('G.A. Zyuganov'), or two to four capitalized words
_NAME_LABEL = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?){1,3}[A-ZА-ЯЁ][\w'’-]+"
                         r"|[A-ZА-ЯЁ][\w'’.-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){1,3}")
# (a 'Reporter:' label is a byline in a header and a speaker in a transcript)
_FIELD_LABELS = (frozenset(LEXICON.field_labels) | frozenset(LEXICON.date_labels)) - LEXICON.journalist_roles
MAX_LABEL_WORDS = 18  # "Chairman of State Affairs of the Democratic People's Republic of Korea Kim Jong Un"
# 《 》: the quotation marks of North Korean copy (KCNA, Rodong Sinmun)
OPENERS = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "《": "》"}
MAX_WORDS_SPEAKER = 9
RUSSIAN_TITLE_WINDOW = 8  # words before a name read for the title a later '— сказал министр' refers to
RUSSIAN_SPEAKER_WORDS = 12  # title words before the name after a Russian speech verb
CYRILLIC = re.compile("[\u0400-\u04ff]")
_RUSSIAN_CLAUSE_END = re.compile(r"[.;!?«»\"“”„\n]")
_RUSSIAN_CLAUSE_BREAK = re.compile(r"[,.;:!?«»\"“”„()—–\n]")
_WORDS = re.compile(r"[\w-]+")
_KOREAN_TOKEN = re.compile(r"[\uac00-\ud7a3]+")
_RUSSIAN_SPEECH_VERBS = frozenset(w for w in LEXICON.speech_verbs if CYRILLIC.search(w))
PRONOUN_REACH = 8  # sentences read back for a pronoun's antecedent (a paragraph holds fewer)
SPEAKER_REACH = 400  # characters before a quote's opening and after its close where its speaker is looked for
DOCUMENT = _P.document
# words between a subject and its verb: "She also declared", "Kim has repeatedly said"
TRAILING_FILLER = _P.trailing_filler
_CLAUSE_WORD = _P.clause_word
_COMPLEMENTIZERS = _P.complementizers
_SENDING_VERB = _P.sending_verb
_DEFINITE_ARTICLES = LEXICON.definite_articles
_ARTICLES = LEXICON.definite_articles | LEXICON.indefinite_articles
_TITLE_CONNECTORS = LEXICON.title_connectors
_NATIONALITY_WORDS = LEXICON.nationality_words | frozenset(w for w in LEXICON.demonyms if " " not in w)
# words that open an adverbial before an inverted verb and its subject: 'Am Freitag sagte Schoigu'
_ADVERBIAL_OPENERS = LEXICON.clause_openers | LEXICON.sentence_openers
_OBJECT_ONLY = LEXICON.object_prepositions - LEXICON.title_connectors  # 'von', 'mit', 'with', 'from'
TITLE_HEADS = LEXICON.title_heads
# a clause of the reported sentence between a quote and its attribution: '„...“ erfüllt, wurde Kim
# zitiert' (a few lower-case words, then a comma)
CLAUSE_TAIL = re.compile(r"^(?:\s+[^\W\d_A-ZÀ-ÞĀ-Ž][\w-]*){1,4}(?=,)")
_PASSIVE = LEXICON.passive_auxiliaries
# '„...“ verurteilt.', '„...“ genannt hatte.': a speech verb closing the sentence after the quote
# (German puts the participle last); the speaker is the sentence's subject
VERB_CLOSES = re.compile(rf"^\s*(?:{SPEECH_VERBS})(?:\s+(?:{alternatives(LEXICON.speech_verb_fillers)}))?\s*[.!?]", re.I)
# '”라고 말했다', '”며', '”고 강조했다': a quotation reported as speech, in a language that marks it so
QUOTATIVE = re.compile(rf"^(?:{'|'.join(sorted(map(re.escape, LEXICON.quotative_endings), key=len, reverse=True))})"
                       r"(?![\uac00-\ud7a3])") if LEXICON.quotative_endings else None


@dataclass
class _Span:
    open: int  # position of the opening mark (or block start)
    close: int  # position of the closing mark (or block end)
    start: int  # quoted text
    end: int
    kind: str
    intro: tuple[int, int] | None = None  # sentence introducing a block quote
    speaker: tuple | None = None  # a transcript turn's labelled speaker
    unclosed: bool = False  # the quote runs to its paragraph's end without a closing mark


def find_quotes(text: str, mentions: list[Mention], registry: Registry,
                names: dict[str, str] | None = None, ambiguous: list[tuple[int, int]] | None = None,
                roles: list[Role] | None = None) -> list[Quote]:
    """Direct quotations in `text` with their speakers. `mentions` are this text's mentions
    (registry and unreviewed); `names` gives the names of unreviewed entity keys; `ambiguous` the
    spans of bare surnames two or more people of the text could be (their quotes keep the speaker
    as written, with no person, attribution 'ambiguous'); `roles` the titles the text gives its
    people ('Kremlsprecher Dmitri Peskow'), which 'der Kremlsprecher' then stands for."""
    finder = _QuoteFinder(text, sorted(mentions, key=lambda m: m.char_start), registry, names or {}, ambiguous or [],
                          roles or [])
    return finder.run()


# a quotation inside one: the pairs a quoting text uses inside its own marks; an apostrophe
# ("Korea's") never opens or closes one (each branch opens with its mark, so the search skips
# ahead to the marks; '(?<!\w.)' after it is 'no letter before the mark')
_NESTED_PAIRS = (("'", "'"), ("‘", "’"), ("‚", "‘"), ("„", "“"), ("“", "”"), ("«", "»"), ("〈", "〉"))
_NESTED = re.compile("|".join(
    rf"{re.escape(a)}(?<!\w.)(?=\w)([^{re.escape(a + b)}\n]{{2,400}}?)(?<=[\w.,!?…]){re.escape(b)}(?!\w)"
    for a, b in _NESTED_PAIRS))
_TITLE_DOT = re.compile(rf"(?<![\w.])(?:{'|'.join(sorted(map(re.escape, LEXICON.title_abbreviations), key=len, reverse=True))})"
                        r"(\.)(?=\s+[A-ZА-ЯЁ])", re.I) if LEXICON.title_abbreviations else None


def _mask_title_dots(text: str) -> str:
    """'Col. Lee' -> 'Col\u2024 Lee' (one character for one): a title's dot ends no phrase."""
    return _TITLE_DOT.sub(lambda m: m.group()[:-1] + "\u2024", text) if _TITLE_DOT is not None and "." in text else text


# a broadcast script's sound bite: '[Name/Title : speech]' (the title may hold a date in brackets)
_BRACKETED_BITE = re.compile(r"\s*\[(?P<name>[^\[\]/:\n]{2,40})/(?P<title>[^\[\]:\n]{2,120}):\s*"
                             r"(?P<speech>[^\[\]\n]*\w[^\[\]\n]*?)\s*\]\s*")
# the same with a label and no slash: someone the script describes, or names without a title
_LABELLED_BITE = re.compile(r"\s*\[(?P<label>[^\[\]/:\n]{2,60}?)\s+:\s*(?P<speech>[^\[\]\n]*\w[^\[\]\n]*?)\s*\]\s*")
# a paragraph in brackets, or with no word at all, is no one's speech
_STAGE_DIRECTION = re.compile(r"\s*(?:[(\[][^()\[\]]*[)\]]|[^\w]*)\s*")
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s")
# Russian direct speech: the dash opening a paragraph (or a line under a speaker's label), the
# author's words after a comma, '!', '?' or '…' and another dash, the speech resuming after them
_DASH_OPENING = re.compile(r"(?:[^\n]{2,160}:\s*\n)?(?P<dash>[—–])[ \u00a0](?=[«\"„“]?[А-ЯЁ])")
MIN_INTERVIEW_TURNS = 4  # two questions and two answers at least
_TALKED_WITH = re.compile(r"(?i)(?<![\w-])(?:с|со)\s+(?:[\w-]+\s+){0,12}$")  # 'с ведущим научным сотрудником ...'

# '— Игорь Викторович, ...': a question addressing the interviewee by given name and patronymic
_VOCATIVE = re.compile(rf"[—–][ \u00a0](?P<given>[А-ЯЁ][а-яё]+) [А-ЯЁ][а-яё]+"
                       rf"(?:{'|'.join(sorted(LEXICON.patronymic_endings, key=len, reverse=True))})[,!]")
_DASH_LABEL = re.compile(r"[А-ЯЁ][^\n:—–«»]{1,158}:\s*")
_DASH_AUTHOR = re.compile(r"(?P<mark>[,!?…])[ \u00a0]+[—–][ \u00a0]+(?=\w)")
_DASH_RESUMES = re.compile(r"\s*[—–][ \u00a0]+(?=[«\"„“]?[А-ЯЁ])")
_OPENER = re.compile("[%s]" % re.escape("".join(OPENERS) + "»"))
_GUILLEMET = re.compile("[«»]")


class _QuoteFinder:
    def __init__(self, text, mentions, registry, names, ambiguous=(), roles=()):
        self.text = text
        self.role_titles: dict[str, set[str]] = {}  # person key -> the titles the text gives them
        for role in roles:
            self.role_titles.setdefault(role.person_key, set()).add(role.title.lower())
        self.ambiguous = sorted(ambiguous)
        self.ambiguous_starts = [a for a, _ in self.ambiguous]
        self.quote_ends: list[int] = []  # char_end of each quote found so far, in text order
        self.mentions = mentions
        self.starts = [m.char_start for m in mentions]
        self.registry = registry
        self.names = names
        self.sentences = sentence_spans(text)
        self.sentence_starts = [a for a, _ in self.sentences]
        self.paragraphs = paragraph_spans(text)
        self.paragraph_starts = [a for a, _ in self.paragraphs]
        self.quoted: list[tuple[int, int]] = []  # quoted text spans, set once the spans are found
        self.quoted_starts: list[int] = []
        self.quotes: list[Quote] = []

    # ---------------------------------------------------------------- spans

    def spans(self) -> list[_Span]:
        spans: list[_Span] = []
        paragraphs = paragraph_spans(self.text)
        turns = self._turns(paragraphs)
        answers = self._interview_answers(paragraphs) if not turns else {}
        block_until = -1
        speaker = None  # the current transcript turn's speaker
        for index, (p_start, p_end) in enumerate(paragraphs):
            if index in answers:  # an interview's answer: this turn only, nothing after it
                spans.append(_Span(p_start, p_end, answers[index][0], p_end, "transcript", speaker=answers[index][1]))
                continue
            if index in turns:
                speech_start, speaker = turns[index]
                if speaker is not None:
                    spans.append(_Span(p_start, p_end, speech_start, p_end, "transcript", speaker=speaker))
                    continue
            if speaker and _STAGE_DIRECTION.fullmatch(self.text, p_start, p_end):
                speaker = None  # '(The briefing was concluded at 2:07 p.m.)', '# # #': the turns are over
                continue
            if speaker:  # a turn goes on to the next label
                spans.append(_Span(p_start, p_end, p_start, p_end, "transcript", speaker=speaker))
                continue
            bite = _BRACKETED_BITE.fullmatch(self.text, p_start, p_end)
            if bite:  # a broadcast script's '[Name/Title : speech]'
                spans.append(self._bracketed_bite(bite, p_start, p_end))
                continue
            bite = _LABELLED_BITE.fullmatch(self.text, p_start, p_end)
            if bite and len(bite["speech"].split()) >= 4:  # '[쿠르스크주 주민 (러시아 SNS 영상) : ...]': no name
                start, end = bite.span("speech")
                spans.append(_Span(p_start, p_end, start, end, "transcript",
                                   speaker=self._label_speaker(*bite.span("label"))))
                continue
            paragraph = self.text[p_start:p_end]
            previous = paragraphs[index - 1] if index else None
            if previous and self.text[previous[0]:previous[1]].rstrip().endswith(":") and \
                    VERB.search(self._last_sentence(previous)):
                start, end = _trim_block(self.text, p_start, p_end)
                if end > start:
                    intro = span_containing(self.sentences, previous[1] - 1)
                    spans.append(_Span(p_start, p_end, start, end, "block", intro))
                    block_until = p_end
                    continue
            if p_start < block_until:
                continue
            label = previous if previous and _DASH_LABEL.fullmatch(self.text, *previous) else None
            dashed = self._dash_speech(p_start, p_end, label)
            spans.extend(dashed)
            spans.extend(span for span in self._marked(p_start, paragraph)
                         if not self._addressee(span) and not self._found_name(span)
                         and not any(d.start <= span.open < d.end for d in dashed))
        return sorted(spans, key=lambda span: span.open) if any(s.kind == "dash" for s in spans) else spans

    def _dash_speech(self, p_start: int, p_end: int, label: tuple[int, int] | None = None) -> list[_Span]:
        """Russian direct speech led by a dash, the author's words after another dash: '— Это
        союзнические обязательства..., — сказал Песков.' The speech is taken only where the author's
        words hold a speech verb, or a speaker's label line ('Сергей Пономарев, глава района:') stands
        right above it; a dash paragraph alone (an interview's turns, a dialogue) is left alone.
        Quotation marks inside are nested quotes of the speech."""
        opening = _DASH_OPENING.match(self.text, p_start, p_end)
        if not opening:
            return []
        label = (p_start, opening.start("dash")) if opening.start("dash") > p_start else label
        if label and not _DASH_LABEL.fullmatch(self.text, *label):
            return []
        labelled = label is not None
        found, start = [], opening.end()
        while start < p_end:
            author = _DASH_AUTHOR.search(self.text, start, p_end)
            if author is None:
                end = start + len(self.text[start:p_end].rstrip())
                if found and end > start:  # the speech goes on after the author's words
                    found.append(_Span(start - 2, p_end, start, end, "dash"))
                elif labelled and end > start:  # under its speaker's label
                    found.append(_Span(start - 2, p_end, start, end, "transcript",
                                       speaker=self._label_speaker(*label)))
                break
            words_end = _RUSSIAN_CLAUSE_END.search(self.text, author.end(), p_end)
            words = self.text[author.end():words_end.start() if words_end else p_end]
            if not any(w.lower() in _RUSSIAN_SPEECH_VERBS for w in _WORDS.findall(words)[:6]):
                if not found and not labelled:
                    return []
                break
            end = author.start("mark") + (0 if author["mark"] == "," else 1)
            found.append(_Span(start - 2, author.start("mark") if author["mark"] == "," else end, start, end, "dash"))
            after = _DASH_RESUMES.search(self.text, words_end.end() if words_end else p_end, p_end) if words_end else None
            if not after or after.start() != words_end.end():
                break
            start = after.end()
        return found

    def _label_speaker(self, start: int, end: int) -> tuple:
        """The person a speaker's label names first ('Сергей Пономарев, глава Суджанского района:'),
        else the label's words with no person."""
        first = bisect.bisect_left(self.starts, start)
        person = next((m for m in self.mentions[first:bisect.bisect_left(self.starts, end)]
                       if m.entity_type == "person"), None)
        if person and not self._ambiguous_between(start, person.char_start):
            return (person.surface, person.entity_key, None, "speaker-label")
        return (self.text[start:end].strip().rstrip(":")[:80], None, None, "speaker-label-unresolved")

    def _bracketed_bite(self, bite: re.Match, p_start: int, p_end: int) -> _Span:
        """'[세르게이 쇼이구/러시아 국가안보회의 서기 : ...]', '[Kim Min-seok/Research Fellow, KIDA: "..."]':
        the sound bite is a quote of the one the label names before its slash."""
        start, end = bite.span("speech")
        while start < end and self.text[start] in "\"“”«»'‘’ ":
            start += 1
        while end > start and self.text[end - 1] in "\"“”«»'‘’ ":
            end -= 1
        n_start, n_end = bite.span("name")
        first = bisect.bisect_left(self.starts, n_start)
        person = next((m for m in self.mentions[first:bisect.bisect_left(self.starts, n_end)]
                       if m.entity_type == "person" and m.char_end <= n_end), None)
        speaker = (person.surface, person.entity_key, None, "speaker-label") if person else \
            (bite.group("name").strip(), None, None, "speaker-label-unresolved")
        return _Span(p_start, p_end, start, end, "transcript", speaker=speaker)

    def _found_name(self, span: _Span) -> bool:
        """'туроператора «Полярная звезда»', '«Вести»': the marks hold exactly a name the text was
        found to give an organization (ingest.cyrillic_names) or an outlet's name, no quotation."""
        if self.text[span.open] == "«" and self.text[span.start:span.end].lower() in self.registry.outlets:
            return True  # 'Евгений Рудаков, «Вести», Курская область': an outlet's name in « »
        at = self.mentions[bisect.bisect_left(self.starts, span.start):bisect.bisect_right(self.starts, span.start)]
        return any(m.char_end == span.end and m.entity_type == "organization" and m.resolution == "unreviewed"
                   for m in at)

    def _addressee(self, span: _Span) -> bool:
        """'— сказал «Ъ» пресс-секретарь', '— рассказал «Известиям»': an outlet's name in « » right
        after a Russian speech verb is the one told, not a quotation."""
        if self.text[span.open] != "«" or not CYRILLIC.search(self.text[span.start:span.end]):
            return False
        words = self.text[span.start:span.end].split()
        if len(words) > 3 or re.search(r"[,.!?…:;]", self.text[span.start:span.end]):
            return False
        before = self.text[max(0, span.open - 30):span.open].split()
        return bool(before) and before[-1].lower() in _RUSSIAN_SPEECH_VERBS

    def _turns(self, paragraphs: list[tuple[int, int]]) -> dict[int, tuple[int, tuple]]:
        """Paragraph index -> (where the speech starts, speaker) for each transcript turn; none
        unless the text has MIN_TURNS of them."""
        turns, unnamed = {}, {}
        for index, (p_start, p_end) in enumerate(paragraphs):
            match = TURN_LABEL.match(self.text, p_start, p_end)
            if not match or len(match["label"].split()) > MAX_LABEL_WORDS or VERB.search(match["label"]):
                continue
            label_end = p_start + len(match["label"].rstrip())
            if INTERVIEWER.match(match["label"].strip()):
                turns[index] = (match.end(), (match["label"].strip(), None, None, "speaker-label"))
                continue
            in_label = self.mentions[bisect.bisect_left(self.starts, p_start):bisect.bisect_left(self.starts, label_end)]
            person = next((m for m in in_label if m.char_end == label_end and m.entity_type == "person"), None)
            label = match["label"].strip()
            if person:
                turns[index] = (match.end(), (person.surface, person.entity_key, None, "speaker-label"))
            elif _NAME_LABEL.fullmatch(label) and label.lower() not in _FIELD_LABELS:
                # 'G.A. Zyuganov:' with no one of that name known: a new turn, its speaker unnamed
                unnamed[index] = (match.end(), (label, None, None, "speaker-label-unresolved"))
            elif label.split()[0].lower() in _FIELD_LABELS:
                unnamed[index] = (p_start, None)  # 'Source of the excerpt: ...': the turns end here
        if sum(1 for _, speaker in turns.values() if speaker[1]) < MIN_TURNS and not self._briefing(turns, unnamed):
            return {}
        return {**turns, **unnamed}

    def _interview_answers(self, paragraphs: list[tuple[int, int]]) -> dict[int, tuple[int, tuple]]:
        """Paragraph index -> (where the answer starts, speaker) for a Russian interview written
        as dash-led turns, question and answer in turn ('— Чего ждать?' / '— Визита ...'). The
        interviewer asks first; most questions end with '?' and no answer does. The interviewee
        is the one person the first question addresses by name and patronymic ('— Игорь
        Викторович, ...') or, with no such address, the one person the paragraph before the first
        turn names ('Мы поговорили с ... Игорем Селезневым.'). Anyone else, or no one: none."""
        turns: list[int] = []
        openings: dict[int, re.Match] = {}
        for index, (a, b) in enumerate(paragraphs):
            opening = _DASH_OPENING.match(self.text, a, b)
            if opening and opening.start("dash") == a:
                turns.append(index)
                openings[index] = opening
            elif turns and not (len(self.text[a:b].split()) <= 8 and not re.search(r"[.!?…]\W*$", self.text[a:b])):
                break  # past the turns (an intertitle between them does not end them: 'Что получает Пхеньян')
        if len(turns) < MIN_INTERVIEW_TURNS:
            return {}
        asked = {i: self.text[paragraphs[i][0]:paragraphs[i][1]].rstrip().endswith("?") for i in turns}
        questions, answers = turns[::2], turns[1::2]
        if sum(asked[i] for i in questions) * 2 < len(questions) + 1 or any(asked[i] for i in answers):
            return {}
        interviewee = self._addressed(paragraphs[turns[0]]) or self._introduced(paragraphs, turns[0])
        if interviewee is None:
            return {}
        return {i: (openings[i].end(), interviewee) for i in answers}

    def _addressed(self, question: tuple[int, int]):
        """The person a question opens by addressing: given name and patronymic, a comma."""
        vocative = _VOCATIVE.match(self.text, question[0], question[1])
        if not vocative:
            return None
        given = vocative["given"]
        people = {m.entity_key: m for m in self.mentions[:bisect.bisect_left(self.starts, question[0])]
                  if m.entity_type == "person" and self._first_name(m.entity_key) == given}
        if len(people) != 1:
            return None
        person = next(iter(people.values()))
        return (person.surface, person.entity_key, None, "interview-answer")

    def _introduced(self, paragraphs, first_turn: int):
        if first_turn == 0:
            return None
        a, b = paragraphs[first_turn - 1]
        people = [m for m in self.mentions[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]
                  if m.entity_type == "person" and not self._quoted(m.char_start)]
        if len({m.entity_key for m in people}) != 1 or self._ambiguous_between(a, b):
            return None
        person = people[-1]
        # 'Мы поговорили с ... Игорем Селезневым.': the one talked with, alone ('с X и Y' is two)
        before = self.text[max(a, person.char_start - 160):person.char_start]
        if not _TALKED_WITH.search(before) or re.search(r"\sи\s+$", before) \
                or re.match(r"\s+и\s+[А-ЯЁ]", self.text[person.char_end:b]):
            return None
        return (person.surface, person.entity_key, None, "interview-answer")

    def _first_name(self, key: str) -> str | None:
        entity = self.registry.entities.get(key)
        names = [self.names[key]] if key in self.names else [n for n in (entity.names if entity else ()) if CYRILLIC.search(n)]
        return next((n.split()[0] for n in names if len(n.split()) >= 2), None)

    @staticmethod
    def _briefing(turns: dict, unnamed: dict) -> bool:
        """A briefing or interview whose answerer the text does not name in full ('QUESTION:' and
        'MR MILLER:' in turn): questions, and one name-shaped label answering them again and again."""
        asked = sum(1 for _, speaker in turns.values() if speaker[3] == "speaker-label" and not speaker[1])
        labels = [speaker[0] for _, speaker in unnamed.values() if speaker]
        answered = max((labels.count(label) for label in set(labels)), default=0)
        return asked >= MIN_TURNS and answered >= MIN_TURNS

    def _last_sentence(self, paragraph: tuple[int, int]) -> str:
        start, end = span_containing(self.sentences, paragraph[1] - 1)
        return self.text[start:end]

    def _marked(self, offset: int, paragraph: str) -> list[_Span]:
        german = "„" in paragraph
        # guillemets point inward in German copy (»Zitat«) and outward in Swiss, French and Russian
        # copy («Zitat»): the paragraph's first guillemet tells which it uses
        first = _GUILLEMET.search(paragraph)
        inward = first is not None and first.group() == "»"
        spans = []
        i = 0
        while i < len(paragraph):
            opener = _OPENER.search(paragraph, i)
            if not opener:
                break
            i = opener.start()
            ch = paragraph[i]
            if ch in "«»" and (ch == "«") == inward:
                i += 1  # a closing guillemet with no opening one before it
                continue
            if _can_open(paragraph, i, german):
                closer = "“" if (german and ch == "„") else "«" if inward and ch == "»" else OPENERS[ch]
                j = _find_close(paragraph, i + 1, ch, closer)
                close = j if j is not None else len(paragraph)
                start, end = i + 1, close
                while start < end and paragraph[start].isspace():
                    start += 1
                while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] == ","):
                    end -= 1
                if end > start and re.search(r"\w", paragraph[start:end]):
                    spans.append(_Span(offset + i, offset + close, offset + start, offset + end, "inline",
                                       unclosed=j is None))
                i = close + 1
            else:
                i += 1
        return spans

    # ---------------------------------------------------------------- attribution

    def run(self) -> list[Quote]:
        previous: Quote | None = None
        previous_paragraph_end = -1
        paragraphs = paragraph_spans(self.text)
        spans = self.spans()
        self.quoted = sorted((span.start, span.end) for span in spans if span.kind != "transcript")
        self.quoted_starts = [a for a, _ in self.quoted]
        for span in spans:
            if span.kind == "transcript":
                speaker, kind = span.speaker, "transcript"
            elif span.kind == "block":
                speaker = self._block_speaker(span)
                kind = "block"
            else:
                speaker = self._inline_speaker(span)
                kind = self._inline_kind(span)
                # the previous speaker goes on in the next paragraph, or later in the same one: '"...," Kim said. "..."'
                if speaker is None and previous and not self._verb_after(span) and not self._subheading(span, paragraphs) \
                        and (self._opens_paragraph(span, paragraphs) and span.open - previous_paragraph_end < 400
                        or self.quotes[-1] is previous
                        and self._follows_in_paragraph(previous, previous_paragraph_end, span.open, paragraphs)):
                    speaker = (previous.speaker, previous.person_key, None, "continuation")
            spk, person, org, how = speaker or (None, None, None, "none")
            quote = Quote(text=self.text[span.start:span.end], char_start=span.start, char_end=span.end,
                          speaker=spk, person_key=person, organization_key=org, attribution=how, kind=kind)
            self.quotes.append(quote)
            self.quote_ends.append(quote.char_end)
            if person or how == "ambiguous":  # an ambiguous speaker is not carried on as someone else
                previous, previous_paragraph_end = quote, span.close
            elif how != "none" and kind != "nested":
                previous = None  # someone the text does not name spoke since: no one goes on past them
        self._continue_open_quotes(spans, paragraphs)
        self.quotes += [q for outer in list(self.quotes) for q in self._nested(outer)]
        return self.quotes

    def _nested(self, outer: Quote) -> list[Quote]:
        """The quotations inside a quotation ('"... Putin himself has called it 'a document for
        generations.'"'): quotes of their own, of kind `nested`. Their speaker is the person the
        outer speaker names as the subject of a speech verb right before them in the same clause;
        anyone else ('A diplomat told me:', 'He said,') is no one the archive can name."""
        found = []
        for match in _NESTED.finditer(self.text, outer.char_start, outer.char_end):
            start = match.start(match.lastindex)
            end = start + len(match.group(match.lastindex).rstrip(" ,"))
            speaker = self._nested_speaker(outer.char_start, match.start())
            found.append(Quote(text=self.text[start:end], char_start=start, char_end=end, speaker=speaker[0],
                               person_key=speaker[1], organization_key=None, attribution=speaker[3], kind="nested"))
        return found

    def _nested_speaker(self, outer_start: int, mark: int):
        """The subject of the last speech verb before a nested quotation's mark, in the verb's own
        clause of the outer quote's sentence ('A diplomat told me:', not a name before a comma)."""
        sentence = max(outer_start, span_containing(self.sentences, mark)[0])
        verb = None
        for verb in VERB.finditer(self.text, sentence, mark):
            pass
        if verb is None:
            return (None, None, None, "nested")
        clause = max((m.end() for m in _CLAUSE_BREAK.finditer(self.text, sentence, verb.start())), default=sentence)
        subject = self.text[clause:verb.start()].strip()
        people = [m for m in self.mentions[bisect.bisect_left(self.starts, clause):bisect.bisect_left(self.starts, verb.start())]
                  if m.entity_type == "person"]
        if people and not PRONOUN.match(subject.split()[-1] if subject else ""):
            return (people[-1].surface, people[-1].entity_key, None, "nested-subject-verb")
        if subject:
            return (subject[-80:], None, None, "nested-subject-verb+unnamed")
        return (None, None, None, "nested")

    def _verb_after(self, span: _Span) -> bool:
        """Whether a speech verb follows the quote in its sentence: someone is credited with it
        there ('"...," Koo Byoung-sam, spokesperson of the ministry, told a briefing'), even when
        the rules could not say who, so it does not go on from the last speaker."""
        _, s_end = span_containing(self.sentences, max(span.close - 1, span.open))
        return any(verb.group()[:1].islower()  # 'the United States' is no 'states'
                   for verb in VERB.finditer(self.text, span.close + 1, min(s_end, span.close + SPEAKER_REACH)))

    def _follows_in_paragraph(self, previous: Quote, previous_close: int, q_open: int, paragraphs) -> bool:
        """A quote in the same paragraph as the last attributed one, with no one else named between."""
        if span_containing(paragraphs, previous_close) != span_containing(paragraphs, q_open):
            return False
        first = bisect.bisect_left(self.starts, previous_close)
        last = bisect.bisect_left(self.starts, q_open)
        if self._ambiguous_between(previous_close, q_open):
            return False  # someone the text leaves unresolved is named between ('Kim sprach von ...')
        return not any(m.entity_type == "person" and m.entity_key != previous.person_key
                       for m in self.mentions[first:last])

    def _continue_open_quotes(self, spans: list[_Span], paragraphs) -> None:
        """A quote left open at its paragraph's end goes on in the next paragraph, which opens
        with a quotation mark: it is the speaker of that paragraph's quote."""
        for i in range(len(self.quotes) - 2, -1, -1):
            quote, after = self.quotes[i], self.quotes[i + 1]
            if spans[i].unclosed and quote.attribution == "none" and after.person_key \
                    and self._opens_paragraph(spans[i + 1], paragraphs) \
                    and span_containing(paragraphs, spans[i].close - 1)[1] < spans[i + 1].open:
                self.quotes[i] = dataclasses.replace(quote, speaker=after.speaker, person_key=after.person_key,
                                                     organization_key=after.organization_key,
                                                     attribution="continued-quote")

    def _subheading(self, span: _Span, paragraphs) -> bool:
        """A paragraph that is only a short quotation with no full stop: a subheading quoting the
        story ('"Kim will Kampferfahrung für seine Armee"'), no one's next words."""
        p_start, p_end = span_containing(paragraphs, span.open)
        paragraph = self.text[p_start:p_end].strip()
        return span.open == p_start and len(paragraph.split()) <= 12 and span.close >= p_start + len(paragraph) - 1 \
            and not re.search(r"[.!?…]\W*$", paragraph)

    def _opens_paragraph(self, span: _Span, paragraphs) -> bool:
        p_start, _ = span_containing(paragraphs, span.open)
        return span.open == p_start

    def _inline_kind(self, span: _Span) -> str:
        s_start, _ = span_containing(self.sentences, span.open)
        before = self.text[s_start:span.open].strip()
        quoted = self.text[span.start:span.end]
        if before and not before.endswith((":", ",")) and not re.search(r"[.!?]$", quoted):
            return "fragment"
        return "inline"

    def _inline_speaker(self, span: _Span):
        # the speaker stands in the quote's sentence, near it: a sentence read no further than
        # SPEAKER_REACH either side keeps the search linear in a text without full stops
        s_start, _ = span_containing(self.sentences, span.open)
        _, a_end = span_containing(self.sentences, max(span.close - 1, span.open))
        s_start = max(s_start, span.open - SPEAKER_REACH)
        a_end = min(a_end, span.close + SPEAKER_REACH)
        after_start = min(span.close + 1, len(self.text))
        # the attribution patterns read the text with the dots of title abbreviations masked, so
        # '," said Col. Pavlo Yurchuk' is not cut at 'Col'; offsets stay the text's
        after = _mask_title_dots(self.text[after_start:max(a_end, after_start)])
        if SOUND_BITE is not None:
            p_start = span_containing(self.paragraphs, span.open)[0]
            label = SOUND_BITE.match(self.text, p_start, span.open)
            if label:
                start, end = label.span("name")
                person = next((m for m in self.mentions[bisect.bisect_left(self.starts, start):
                                                       bisect.bisect_left(self.starts, end)]
                               if m.entity_type == "person" and m.char_end <= end), None)
                if person:
                    return (person.surface, person.entity_key, None, "speaker-label")
                return (label.group("name"), None, None, "speaker-label+unnamed")
        if QUOTATIVE is not None and QUOTATIVE.match(after):
            return self._topic_speaker(span, s_start, a_end)
        candidates = []
        quoted = self.text[span.start:span.close]
        inner = INNER_ATTRIBUTION.search(quoted) if CYRILLIC.search(quoted) else None
        if inner:  # '«...,— считает ведущий научный сотрудник ... Виктор Сафронов. — ...»'
            start = span.start + inner.start("spk")
            end = self._russian_speaker_end(start, span.start + inner.end("spk"))
            first = bisect.bisect_left(self.starts, start)
            person = next((m for m in self.mentions[first:bisect.bisect_left(self.starts, end or start)]
                           if m.entity_type == "person" and m.char_end <= end), None)
            if person and not self._ambiguous_between(start, end):
                return (person.surface, person.entity_key, None, "inner-attribution")
            if person is None and end and (titled := self._russian_nominal(self.text[start:end], span.open)):
                return (self.text[start:end], titled, None, "inner-attribution+title")  # '— отметил губернатор. —
        eligible = span.kind == "dash" or bool(re.search(r"[,.!?…]\s*$", quoted)) or after.lstrip().startswith(",")
        if eligible:
            candidates.append(self._after_speaker(after, after_start))
        direct = bool(candidates and candidates[-1])
        quoting = self._quoting_speaker(s_start, span.open)
        if quoting and not direct:
            return quoting  # 'X quoted an official as saying: "..."': the one quoted, named or not
        if VERB_CLOSES.match(after) and not any(w.lower() in _PASSIVE for w in self.text[s_start:span.open].split()):
            # 'Scholz hatte die Entsendung als „...“ verurteilt.': the subject, before the quote
            candidates.append(self._subject(s_start, span.open, span.open, "subject-verb"))
        candidates.append(self._before_speaker(s_start, span.open))
        if not direct:  # the attribution after the rest of the reported clause, when nothing else names one
            candidates.append(self._after_clause_speaker(after, after_start))
        sentence = self.text[s_start:max(a_end, span.close)]
        according = ACCORDING_TO.search(sentence) or next(
            (found for pattern in ACCORDING_TO_INNER if (found := pattern.search(sentence))), None)
        if according:
            candidates.append(self._resolve_phrase(s_start + according.start("src"), s_start + according.end("src"),
                                                   span.open, "according-to"))
        candidates = [c for c in candidates if c]
        for c in candidates:
            if c[1] or c[3] == "ambiguous":  # a named person, or a surname the evidence cannot settle
                return c
        return candidates[0] if candidates else None

    def _topic_speaker(self, span: _Span, s_start: int, a_end: int):
        """Korean reported speech, '최선희 외무상은 ... “...”라고 말했다': the speaker is the person
        who is the sentence's topic (은/는, on the name or on the title after it), else the one
        person marked as a subject (이/가); anyone else, or nobody, leaves it unresolved."""
        topic, subject, unknown = [], [], []
        last_topic, last_topic_marked = None, False  # the last topic before the quote, or a person after it
        for start, end in ((s_start, span.open), (span.close + 1, a_end)):
            first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
            for m in self.mentions[first:last]:
                if self._quoted(m.char_start):
                    continue
                particle = _particle_after(self.text, m.char_end)
                if end == span.open and (particle in LEXICON.topic_particles or m.entity_type == "person"):
                    last_topic = m  # ... or a person named after it: 'KCNA은 김정은 동지께서 “...”'
                    # an organization's own topic particle (국정원은), not its spokesman's (외교부 대변인은)
                    last_topic_marked = particle in LEXICON.topic_particles and morph.is_hangul(self.text[m.char_end:m.char_end + 1])
                if m.entity_type != "person":
                    continue
                if particle in LEXICON.topic_particles:
                    topic.append(m)
                elif particle in LEXICON.subject_particles:
                    subject.append(m)
                elif particle is None:
                    unknown.append(m)
        if last_topic is not None and last_topic.entity_type == "organization" and last_topic_marked:
            # '국정원은 ... “...”고 보고했다고 ... 의원이 전했다': the agency said it; the one who
            # passed it on is no speaker
            return (last_topic.surface, None, last_topic.entity_key, "topic-particle")
        if not topic and subject and self._titled_topic(s_start, span.open):
            return None  # '통신은 최 외무상이 "..."고 전했다': the unnamed topic relays; the subject is not quoted
        # a lone subject is the speaker only when no one else in the sentence could be the topic
        chosen = topic[:1] or (subject if len({m.entity_key for m in subject}) == 1 and not unknown else [])
        if not chosen:
            return self._korean_pronoun_topic(s_start, span.open) if not (subject or unknown) else None
        return (chosen[0].surface, chosen[0].entity_key, None, "topic-particle")

    def _korean_antecedent(self, pronoun: str, position: int) -> str | None:
        """The person a Korean pronoun stands for: the topic (은/는/께서) of the nearest sentence
        before it that names anyone, within PRONOUN_REACH sentences; that sentence must have one
        topic person, of a compatible gender, or the pronoun is left unresolved."""
        gender = PRONOUN_GENDER.get(pronoun)
        s_index = bisect.bisect_right(self.sentence_starts, position) - 1
        for index in range(s_index - 1, max(-1, s_index - 1 - PRONOUN_REACH), -1):
            a, b = self.sentences[index]
            named = [m for m in self.mentions[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]
                     if m.entity_type == "person" and not self._quoted(m.char_start)]
            if not named and not self._ambiguous_between(a, b):
                if self._titled_topic(a, b):
                    return None  # '남궁현 북한대학원대 교수는 ...': someone the text names is the topic, not found
                continue
            topics = {m.entity_key for m in named if _particle_after(self.text, m.char_end) in LEXICON.topic_particles}
            if len(topics) == 1 and not self._ambiguous_between(a, b):
                key = next(iter(topics))
                return key if self._gender(key) in (gender, None) else None
            return None
        return None

    def _titled_topic(self, start: int, end: int) -> bool:
        """Whether a title or a noun for someone unnamed takes the topic particle in text[start:end]
        (교수는, 당국자는)."""
        for match in _KOREAN_TOKEN.finditer(self.text, start, end):
            token = match.group()
            for stem_len, particle, _ in korean_particle_splits(token):
                stem = token[:stem_len]
                if particle in LEXICON.topic_particles and (korean_title(stem) == stem
                                                            or stem in LEXICON.unnamed_person_nouns):
                    return True
        return False

    def _korean_pronoun_topic(self, start: int, end: int):
        """'그는 《...》라고 말하였다': a pronoun as the topic before the quote, resolved as '"...,"
        he said' is (the one compatible person the sentences before name as their subject)."""
        for match in _KOREAN_TOKEN.finditer(self.text, start, end):
            token = match.group()
            for stem_len, particle, _ in korean_particle_splits(token):
                pronoun = token[:stem_len]
                if pronoun in PRONOUN_GENDER and (particle in LEXICON.topic_particles
                                                  or particle in LEXICON.subject_particles):
                    key = self._korean_antecedent(pronoun, match.start())
                    return (token[:stem_len], key, None, "topic-particle+pronoun") if key else \
                        (token[:stem_len], None, None, "topic-particle+pronoun-unresolved")
        return None

    def _after_speaker(self, after: str, offset: int):
        for pattern, how in ((AFTER_QUOTED_AS, "quoted-as-saying"), (AFTER_WAS_QUOTED, "was-quoted"),
                             (AFTER_PASSIVE_QUOTED, "was-quoted"), (AFTER_PARTICLE, "speaker-particle"),
                             (AFTER_SPK_VERB, "speaker-verb"), (AFTER_VERB_SPK, "verb-speaker"),
                             (AFTER_SPK_APPOSITIVE_VERB, "speaker-appositive-verb")):
            match = pattern.match(after)
            if match and how == "speaker-appositive-verb":
                # only a person named in full before the appositive: 'the official, who ..., said' is no one's
                start = offset + match.start("spk")
                end = start + len(match.group("spk").rstrip())
                resolved = self._resolve_phrase(start, end, offset, how, allow_unnamed=False)
                if resolved and resolved[1] and self._person_opens(start, end) and not resolved[3].endswith("+pronoun"):
                    return resolved
                continue
            if match:
                phrase = match.group("spk")
                start = offset + match.start("spk")
                if not re.search(r"\w", phrase):
                    continue  # '", - сказал X': the dash before the verb is no speaker
                if CYRILLIC.search(phrase):
                    end = self._russian_speaker_end(start, start + len(phrase.rstrip()))
                    if end is None:
                        continue
                    return self._resolve_phrase(start, end, offset, how)
                if len(phrase.split()) > MAX_WORDS_SPEAKER:
                    continue
                end = start + len(phrase.rstrip())
                if PLURAL_VERBS and any(w.lower() in PLURAL_VERBS for w in match.group().split()):
                    return (self.text[start:end], None, None, how + "+plural")  # 'sagten sie': they
                if how == "speaker-verb":
                    return self._resolve_phrase(start, end, offset, how)
                # the speaker comes first after the verb, then what goes with the verb: 'sagte er
                # der ARD', 'sagte sie ZEIT ONLINE', 'sagte Schoigu vor Journalisten'
                end = self._noun_phrase_end(start, self._pronoun_end(start, end))
                resolved = self._resolve_phrase(start, end, offset, how)
                if how == "speaker-particle" and not (resolved and (resolved[1] or resolved[3] == "ambiguous")):
                    continue  # '"...", so he left': only a person makes 'so' an attribution
                if resolved and resolved[1] and not resolved[3].endswith("+pronoun") \
                        and not self._person_opens(start, end):
                    # 'sagte ein Sprecher von Putin': the person named is not who speaks
                    return (self.text[start:end], None, None, how + "+unnamed")
                return resolved
        return None

    def _russian_speaker_end(self, start: int, end: int) -> int | None:
        """Where the speaker ends in a Russian phrase after its verb ('— заявил министр
        внешнеэкономических отношений КНДР Юн Чжон Хо на заключительном заседании', '— сказал он
        журналистам'): at the end of the first person named in it, after no more than
        RUSSIAN_SPEAKER_WORDS words of title; at a pronoun that opens it; else the phrase as
        the other languages read it (None when that is too long to be a speaker)."""
        words = self.text[start:end].split()
        if words and PRONOUN.match(words[0]):
            return start + len(words[0])
        clause = _RUSSIAN_CLAUSE_END.search(self.text, start, start + SPEAKER_REACH)
        clause_end = clause.start() if clause else min(len(self.text), start + SPEAKER_REACH)
        first = bisect.bisect_left(self.starts, start)
        for m in self.mentions[first:bisect.bisect_left(self.starts, clause_end)]:
            if m.entity_type == "person" and m.char_end <= clause_end:
                if len(self.text[start:m.char_start].split()) <= RUSSIAN_SPEAKER_WORDS:
                    return m.char_end
                break
        return end if len(words) <= MAX_WORDS_SPEAKER else None

    def _after_clause_speaker(self, after: str, offset: int):
        """'Die Soldaten hätten „...“ erfüllt, wurde Kim zitiert': the attribution after the rest of
        the reported clause; only a person named there counts."""
        tail = CLAUSE_TAIL.match(after)
        if not tail:
            return None
        rest = after[tail.end():]
        for pattern, how in ((AFTER_PASSIVE_QUOTED, "was-quoted"), (AFTER_PARTICLE, "speaker-particle"),
                             (AFTER_VERB_SPK, "verb-speaker")):
            match = pattern.match(rest)
            if match and not rest[:match.start("spk")].rstrip().lower().endswith("ing"):  # ', praising Putin'
                start = offset + tail.end() + match.start("spk")
                end = start + len(match.group("spk").rstrip())
                end = self._noun_phrase_end(start, self._pronoun_end(start, end))
                resolved = self._resolve_phrase(start, end, offset, how + "-after-clause")
                if resolved and resolved[1] and (resolved[3].endswith("+pronoun") or self._person_opens(start, end)):
                    return resolved
                return None
        return None

    def _noun_phrase_end(self, start: int, end: int) -> int:
        """The end of the speaker's noun phrase after a verb, before the words that go with the verb:
        'der SPD-Politiker | den Zeitungen der Funke Mediengruppe', 'die Koreanistin Simone
        Baumgartner | von der Universität Zürich'; a title's connectors stay ('ein Sprecher des
        Ministeriums', 'the ambassador to Russia')."""
        words = list(re.finditer(r"\S+", self.text[start:end]))
        if len(words) < 3 or words[0].group().lower() not in _ARTICLES:
            return end
        for k in range(2, len(words)):
            w = words[k].group()
            if w[:1].islower() and w.lower() not in _TITLE_CONNECTORS:
                while k > 2 and words[k - 1].group().lower() in _TITLE_CONNECTORS | _ARTICLES:
                    k -= 1  # 'a foreman at | one of the sites' is 'a foreman'
                return start + words[k - 1].end()
        return end

    def _pronoun_end(self, start: int, end: int) -> int:
        """The end of a speaker phrase that opens with a pronoun: the pronoun alone ('er der ARD'
        is 'er'), unless a conjunction joins someone to it ('er und Kim')."""
        words = self.text[start:end].split()
        if len(words) < 2 or not PRONOUN.match(words[0]) or words[1].lower() in _CONJUNCTIONS:
            return end
        return start + len(words[0])

    def _person_opens(self, start: int, end: int) -> bool:
        """Whether the first person named in text[start:end] is who the phrase names, not the
        object of a preposition in it: 'die Koreanistin Simone Baumgartner', 'Russian Foreign
        Minister Sergei Lavrov', but not 'ein Sprecher von Putin' (a preposition that joins no
        title: 'a spokesman for the ministry' is a title's)."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        person = next((m for m in self.mentions[first:last] if m.entity_type == "person"
                       and not self._quoted(m.char_start)), None)
        if person is None:
            return True
        return not any(w.lower() in _OBJECT_ONLY for w in self.text[start:person.char_start].split())

    def _reported_subject(self, s_start: int, verb: re.Match, q_open: int):
        """'KCNA reported on June 25 that Kim called the zone "..."': past a complementizer after
        the first speech verb, a person who opens the reported clause and speaks again before the
        quote is its speaker (relayed words belong to the one who said them). 'Lavrov said that
        the talks with Choe were "..."' opens with no person: None."""
        lowered = self.text[s_start:q_open].lower()
        cut = max((lowered.rfind(word, verb.end()) for word in _COMPLEMENTIZERS), default=-1)
        if cut < 0:
            return None
        clause = s_start + cut + next(len(w) for w in _COMPLEMENTIZERS if lowered.startswith(w, cut))
        first = bisect.bisect_left(self.starts, clause)
        person = next((m for m in self.mentions[first:bisect.bisect_left(self.starts, q_open)]
                       if m.entity_type == "person"), None)
        if person is None or not subject_words(self.text[clause:person.char_start]):
            return None
        second = next((v for v in VERB.finditer(self.text, person.char_end, q_open) if v.group()[:1].islower()), None)
        if second is None or self.text.count(",", person.char_end, second.start()):
            return None
        return (person.surface, person.entity_key, None, "reported-subject")

    def _before_speaker(self, s_start: int, q_open: int):
        before = self.text[s_start:q_open]
        verb = VERB.search(before)
        if not verb:
            return None
        if verb.group().lower() in PLURAL_VERBS:  # 'Putin und Kim erklärten, ...': no one speaker
            return (before[:verb.start()].strip() or verb.group(), None, None, "subject-verb+plural")
        subject = self._reported_subject(s_start, verb, q_open) or \
            self._subject(s_start, s_start + verb.start(), q_open, "subject-verb")
        head = before[:verb.start()].split()
        if subject is None and verb.group()[:1].islower() and (not head or head[0].lower() in _ADVERBIAL_OPENERS):
            # the subject after its verb, as German puts it after an adverbial: 'Am Freitag sagte
            # Schoigu: „...“', 'Danach erklärte er, ...'
            v_end = s_start + verb.end()
            phrase = re.match(r"\s*([^,:;.\"“”„«»]{1,80})", self.text[v_end:q_open])
            if phrase:
                p_start, p_end = v_end + phrase.start(1), v_end + phrase.end(1)
                p_end = self._pronoun_end(p_start, p_end)
                after = self._resolve_phrase(p_start, p_end, q_open, "verb-subject", allow_unnamed=False)
                if after and after[1] and (after[3].endswith("+pronoun") or self._names_open(p_start, p_end)):
                    return after
        return subject

    def _names_open(self, start: int, end: int) -> bool:
        """Whether text[start:end] opens with the first person it names: only articles, titles and
        capitalized words before the name ('Kremlsprecher Dmitri Peskow'; not 'the committee that
        Kim ...')."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        person = next((m for m in self.mentions[first:last] if m.entity_type == "person"
                       and not self._quoted(m.char_start)), None)
        return person is not None and all(w[:1].isupper() or w.lower() in SUBJECT_WORDS
                                          for w in self.text[start:person.char_start].split())

    def _quoting_speaker(self, s_start: int, q_open: int):
        """'KCNA zitierte Kim mit den Worten, Nordkorea stehe „...“': the one quoted, a person."""
        found = None
        for found in QUOTING_BEFORE.finditer(self.text, s_start, q_open):
            pass
        if found is None:
            return None
        start, end = found.span("spk")
        end = self._pronoun_end(start, end)
        resolved = self._resolve_phrase(start, end, q_open, "quoted-with-words")
        return resolved or (self.text[start:end], None, None, "quoted-with-words+unnamed")

    def _subject(self, start: int, end: int, limit: int, how: str):
        """The grammatical subject in text[start:end]: drop clauses that open with a preposition,
        subordinator or relative pronoun, then take the first person (or agency) named."""
        chunks, position = [], start
        for part in re.split(r"(,\s*|\s+-\s+|\s+—\s+)", self.text[start:end]):
            if part and not re.fullmatch(r",\s*|\s+-\s+|\s+—\s+", part) and not CLAUSE_OPENERS.match(part):
                chunks.append((position, position + len(part)))
            position += len(part)
        if chunks:  # a surname the text cannot settle right before the verb is its subject:
            # 'Asked whether Kim would visit, Lee said' with two Lees is unresolved, never Kim
            nearest = self._resolve_phrase(*chunks[-1], limit, how, allow_unnamed=False)
            if nearest and nearest[3] == "ambiguous":
                return nearest
        for c_start, c_end in chunks:
            resolved = self._resolve_phrase(c_start, c_end, limit, how, allow_unnamed=False)
            if resolved and resolved[1]:
                if not self._person_heads(c_start, c_end):
                    return None  # 'Li Qiang conveyed the greetings of Xi Jinping and said': not Xi
                return resolved
        for c_start, c_end in chunks:
            resolved = self._resolve_phrase(c_start, c_end, limit, how, allow_unnamed=False)
            if resolved:
                return resolved
        return None

    def _person_heads(self, start: int, end: int) -> bool:
        """Whether the first person named in text[start:end] opens it as its subject: only titles,
        articles and capitalized words before the name ('Russian Foreign Minister Sergei Lavrov')."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        person = next((m for m in self.mentions[first:last] if m.entity_type == "person"
                       and not self._quoted(m.char_start)), None)
        if person is None:
            return True  # a pronoun or a title the phrase resolved
        words = self.text[start:person.char_start].split()
        i = len(words) - 1
        while i >= 0 and (words[i][:1].isupper() or words[i].lower() in SUBJECT_WORDS):
            i -= 1  # the title and the country's possessive before the name
        if i < 0:
            return True
        # 'the greetings of Xi Jinping': the object of a preposition after a common noun; not
        # 'Secretary of State Antony Blinken' (a title) nor 'after Valery Gerasimov told'
        return not (words[i].lower() in LEXICON.object_prepositions and (i == 0 or not words[i - 1][:1].isupper()))

    def _block_speaker(self, span: _Span):
        i_start, i_end = span.intro
        intro = self.text[i_start:i_end]
        verbs = list(VERB.finditer(intro))
        if not verbs:
            return None
        verb = verbs[-1]
        head = intro[:verb.start()]
        boundary, joiner = max((head.rfind(joiner), joiner) for joiner in (", ", *_COMPLEMENTIZERS))
        phrase_start = i_start + (boundary + len(joiner) if boundary >= 0 else 0)
        phrase_end = i_start + verb.start()
        if verb.group().lower().endswith("ing") or not self.text[phrase_start:phrase_end].strip():
            return self._subject(i_start, phrase_end, span.open, "block-intro")
        return self._resolve_phrase(phrase_start, phrase_end, span.open, "block-intro") or \
            self._subject(i_start, phrase_end, span.open, "block-intro")

    # ---------------------------------------------------------------- phrases -> speakers

    def _resolve_phrase(self, start: int, end: int, limit: int, how: str, allow_unnamed: bool = True):
        """(speaker as written, person key, organization key, how) for a speaker phrase."""
        while start < end and self.text[start] in " ,":
            start += 1
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        trailing = TRAILING_FILLER.search(self.text[start:end])
        if trailing and trailing.start() > 0:
            end = start + trailing.start()
        phrase = self.text[start:end]
        if not phrase:
            return None
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        # names inside a quotation are not its speakers ('«Председатель Ким Чен Ын ...», — заявил Шойгу')
        inside = [m for m in self.mentions[first:last] if m.char_end <= end and not self._quoted(m.char_start)]
        person = next((m for m in inside if m.entity_type == "person"), None)
        unsure = next(((a, b) for a, b in self._ambiguous_between(start, end) if b <= end), None)
        if unsure and (person is None or unsure[0] < person.char_start):
            return (self.text[unsure[0]:unsure[1]], None, None, "ambiguous")
        if person:
            return (person.surface, person.entity_key, None, how)
        if PRONOUN.match(phrase):
            key = self._pronoun(phrase.lower(), start)
            return (phrase, key, None, how + "+pronoun") if key else (phrase, None, None, how + "+pronoun-unresolved")
        nominal = self._nominal(phrase, limit) or (self._russian_nominal(phrase, limit) if CYRILLIC.search(phrase)
                                                   else None)
        if nominal:
            return (phrase, nominal, None, how + "+title")
        if DOCUMENT.match(phrase):
            author = self._document_author(start)
            if author:
                return (author.surface, author.entity_key, None, how + "+document")
        org = next((m for m in inside if m.entity_type == "organization"), None)
        if org and not self._named_before(start, org.char_start):
            return (phrase, None, org.entity_key, how)
        if allow_unnamed and len(phrase.split()) <= MAX_WORDS_SPEAKER and re.match(r"\w", phrase):
            if not _CLAUSE_WORD.search(phrase) or len(phrase.split()) <= 4:
                return (phrase, None, None, how + "+unnamed")
        return None

    def _named_before(self, start: int, end: int) -> bool:
        """Whether a capitalized word that is no title or article stands in text[start:end]: a
        name the text did not resolve, so an organization after it is the one told ('sagte Huber
        ZDFheute', '— сказал Иванов ТАСС'), not the speaker."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        spans = [(m.char_start, m.char_end) for m in self.mentions[max(0, first - 1):last]]
        for word in _WORDS.finditer(self.text, start, end):
            lowered = word.group().lower()
            if not word.group()[:1].isupper() or lowered in TITLE_HEADS or lowered in _ARTICLES \
                    or lowered in _TITLE_CONNECTORS or lowered in _NATIONALITY_WORDS \
                    or self.text.startswith(("'s", "’s"), word.end()) \
                    or any(a <= word.start() < b for a, b in spans):
                continue  # a title, an article, 'Russian', 'Russia's', a place or body already named
            return True
        return False

    def _document_author(self, position: int) -> Mention | None:
        """'The message reads:' -> the person the previous paragraph says sent it (its first person)."""
        paragraphs = paragraph_spans(self.text)
        index = next((i for i, (a, b) in enumerate(paragraphs) if a <= position < b), 0)
        for p_start, p_end in reversed(paragraphs[:index + 1]):
            people = [m for m in self.mentions if m.entity_type == "person" and p_start <= m.char_start < min(p_end, position)]
            if people and _SENDING_VERB.search(self.text[p_start:p_end]):
                return people[0]
        return None

    def _people_before(self, limit: int, most: int = 200) -> list[Mention]:
        """The last `most` people named before `limit` (far enough back for any antecedent)."""
        last = bisect.bisect_left(self.starts, limit)
        window = self.mentions[max(0, last - most * 3):last]
        return [m for m in window if m.entity_type == "person" and m.char_end <= limit][-most:]

    def _gender(self, key: str) -> str | None:
        entity = self.registry.entities.get(key)
        return entity.gender if entity else None

    def _pronoun(self, pronoun: str, position: int) -> str | None:
        """'he', 'she' at `position` -> the one person it can be, or None.

        Sentences are read back from the pronoun to its paragraph's start (to the previous
        paragraph's start when the pronoun opens its paragraph's first sentence). The first
        sentence naming anyone of a compatible gender decides: exactly one such person, and no
        speaker or surname the text leaves unnamed, is the antecedent; two or more leave the
        pronoun unresolved ('Kim received Lavrov ... He said' could be either). Names inside
        quotations are not antecedents; a person of unknown gender is compatible with both."""
        gender = PRONOUN_GENDER.get(pronoun)
        p_index = max(0, bisect.bisect_right(self.paragraph_starts, position) - 1)
        p_start = self.paragraphs[p_index][0] if self.paragraphs else 0
        s_index = bisect.bisect_right(self.sentence_starts, position) - 1
        opens_paragraph = s_index < 0 or self.sentences[s_index][0] <= p_start
        lower = p_start
        if opens_paragraph and p_index > 0:
            back = p_index - 1
            # paragraphs that only run a quotation on ('“Our friendship ...' with no closing mark)
            # lead back to the one that introduced it
            while back > 0 and p_index - back < 6 and self._all_quoted(back):
                back -= 1
            lower = self.paragraphs[back][0]
        end, read = position, 0
        while end > lower and read < PRONOUN_REACH:
            read += 1
            start = max(self.sentences[s_index][0], lower) if s_index >= 0 else lower
            named = [(at, k) for at, k in self._people_between(start, end)
                     if k is None or self._gender(k) in (gender, None)]
            if named:
                keys = {k for _, k in named}
                if len(keys) != 1 or None in keys:
                    return self._speaker_among(named, start, end)
                # the antecedent is its sentence's subject: 'The minister thanked Kim ... he said' is not Kim
                if any(is_subject(self.text, at, self.sentences, self.sentence_starts) for at, _ in named):
                    return named[0][1]
                return None
            end, s_index = start, s_index - 1
        return None

    def _speaker_among(self, named, start: int, end: int) -> str | None:
        """Of two or more people in a sentence, the one who is its subject and speaks a quote in
        it ('"We support Russia," Kim Jong Un told Vladimir Putin. ... he said' is Kim)."""
        if any(k is None for _, k in named):
            return None
        subjects = {k for at, k in named if is_subject(self.text, at, self.sentences, self.sentence_starts)}
        speakers = {q.person_key for q in self._quotes_between(start, end + 1) if q.person_key}
        return next(iter(subjects)) if len(subjects) == 1 and subjects <= speakers else None

    def _all_quoted(self, p_index: int) -> bool:
        a, b = self.paragraphs[p_index]
        text = self.text[a:b]
        first = a + len(text) - len(text.lstrip())
        return first < b and self._quoted(first + 1) and self._quoted(b - 1 - (len(text) - len(text.rstrip())) - 1)

    def _people_between(self, start: int, end: int) -> list[tuple[int, str | None]]:
        """(position, key) of the people named in text[start:end] outside quotations, in order;
        key None for a surname left ambiguous or a quote's speaker left unnamed there."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        found = [(m.char_start, m.entity_key) for m in self.mentions[first:last]
                 if m.entity_type == "person" and not self._quoted(m.char_start)]
        found += [(a, None) for a, b in self._ambiguous_between(start, end)]
        found += [(q.char_end, None) for q in self._quotes_between(start, end)
                  if start <= q.char_end < end and (q.attribution == "ambiguous" or q.attribution.endswith("+unnamed"))]
        return sorted(found, key=lambda f: f[0])

    def _ambiguous_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ambiguous surnames starting in [start, end)."""
        return self.ambiguous[bisect.bisect_left(self.ambiguous_starts, start):bisect.bisect_left(self.ambiguous_starts, end)]

    def _quotes_between(self, start: int, end: int) -> list[Quote]:
        """The quotes found so far that end in [start, end) (quote ends rise with the text)."""
        return self.quotes[bisect.bisect_left(self.quote_ends, start):bisect.bisect_left(self.quote_ends, end)]

    def _quoted(self, position: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, position) - 1
        return i >= 0 and position < self.quoted[i][1]

    def _russian_nominal(self, phrase: str, limit: int) -> str | None:
        """'— заявил замглавы МИД', 'сообщил глава Минприроды' -> the one person the article named
        with that title right before the name ('замглавы МИД Андрей Руденко'), the words compared
        in the nominative; two people so named, or none, leave it unresolved."""
        words = _WORDS.findall(phrase)
        titles = morph.russian_title_words()
        if not words or words[0].lower() not in titles:
            return None
        # the title words that open the phrase ('министр журналистам': the minister, told journalists)
        count = next((k for k, w in enumerate(words) if w.lower() not in titles), len(words))
        title = {morph.russian_lemma(w).lower() for w in words[:count]}
        fitting = set()
        for mention in self._people_before(limit):
            clause = _RUSSIAN_CLAUSE_BREAK.split(self.text[max(0, mention.char_start - 120):mention.char_start])[-1]
            before = {morph.russian_lemma(w).lower() for w in _WORDS.findall(clause)[-RUSSIAN_TITLE_WINDOW:]}
            if title <= before:  # 'губернатор' fits 'Губернатор Приморья Олег Кожемяко'
                fitting.add(mention.entity_key)
        return next(iter(fitting)) if len(fitting) == 1 else None

    def _nominal(self, phrase: str, limit: int) -> str | None:
        """'the ambassador' / 'the Russian leader' -> the person the article gave that title."""
        words = phrase.lower().split()
        if not words or words[0] not in _DEFINITE_ARTICLES:
            return None
        title = " ".join(words[1:])
        fitting = set()
        for mention in self._people_before(limit):
            entity = self.registry.entities.get(mention.entity_key)
            titles = (entity.titles if entity else ()), self.role_titles.get(mention.entity_key, ())
            if any(_title_fits(t, title) for group in titles for t in group):
                fitting.add(mention.entity_key)
        return next(iter(fitting)) if len(fitting) == 1 else None  # two ministers named: unresolved


def _title_fits(given: str, title: str) -> bool:
    """Whether a person given the title `given` is 'the <title>': 'the minister' fits a 'foreign
    minister', 'der Minister' an 'Außenminister' (a compound ending with a title head); 'the vice
    minister' fits no 'foreign minister'."""
    return given == title or given.endswith(" " + title) or (
        title in TITLE_HEADS and " " not in given and len(given) > len(title) and given.endswith(title))


def _particle_after(text: str, position: int) -> str | None:
    """The particle that ends a Korean name at `position`, glued to it (김정은은) or to the title
    words after it (최선희 외무상은, 라브로프 러시아 외무장관은); None when none does."""
    glued = re.match(r"[\uac00-\ud7a3]+", text[position:position + 8])
    if glued:
        rest = glued.group()
        title = korean_title(rest)  # KCNA's 최선희동지는, 김정은동지께서는: the particle is on the address
        return rest[len(title):] if title and rest.startswith(title) and rest != title else rest
    for word in text[position:position + 80].split()[:4]:
        title = korean_title(word)
        if title is not None:
            if title != word:
                return word[len(title):]
            continue
        if korean_particle_splits(word) or not re.fullmatch(r"[\uac00-\ud7a3]+", word):
            return None  # the phrase ends before any title: '러시아의', a quotation mark
        # a country or office between the name and its title: '자하로바 러시아 외무부 대변인은'
    return None


def _can_open(paragraph: str, i: int, german: bool) -> bool:
    ch = paragraph[i]
    prev = paragraph[i - 1] if i else " "
    if ch in "‘‚":
        return not prev.isalnum() and i + 1 < len(paragraph) and paragraph[i + 1].isalnum()
    if ch == "“" and german:
        return False
    if ch == '"':
        return i + 1 < len(paragraph) and not paragraph[i + 1].isspace()
    return True


def _find_close(paragraph: str, start: int, opener: str, closer: str) -> int | None:
    for j in range(start, len(paragraph)):
        ch = paragraph[j]
        if ch == closer or (opener in "“„" and ch == "”") or (opener == '"' and ch == "”"):
            if closer == "’" and j + 1 < len(paragraph) and paragraph[j + 1].isalpha():
                continue  # an apostrophe (Russia’s), not a closing quote
            return j
    return None


def _trim_block(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in "\"“„«»‘‚《 ":
        start += 1
    while end > start and text[end - 1] in "\"”“»«’‘》 ":
        end -= 1
    return start, end
