"""The extractor runs every pure extractor over the texts an article has (body, captions,
dateline) and marks each row with the text its offsets index."""

from ingest.models import Article


def text_of(article: Article, field: str) -> str:
    return {"body": article.body, "captions": article.captions_text, "dateline": article.dateline}[field]


def test_every_row_points_into_the_text_it_names(extractor):
    article = Article(
        body='Russian President Vladimir Putin met Kim Jong Un in Pyongyang on June 19, 2024. '
             '"We are allies," Putin said.',
        captions=["Kim Jong Un greets Vladimir Putin at Pyongyang airport on June 19, 2024."],
        dateline="PYONGYANG", published="2024-06-20")
    found = extractor.extract(article)
    for rows in (found.mentions, found.quotes, found.events):
        for row in rows:
            assert text_of(article, row.field)[row.char_start:row.char_end], row
    fields = {(m.field, m.surface) for m in found.mentions}
    assert {("body", "Vladimir Putin"), ("captions", "Kim Jong Un"), ("dateline", "PYONGYANG")} <= fields
    assert {e.field for e in found.events} == {"body", "captions"}
    assert [(q.field, q.person_key) for q in found.quotes] == [("body", "person:vladimir-putin")]


def test_a_dateline_gives_mentions_only(extractor):
    found = extractor.extract(Article(body="Talks went on.", dateline="MOSCOW, June 19, 2024"))
    assert [m.field for m in found.mentions] == ["dateline"]
    assert not found.events and not found.quotes


def test_names_the_registry_lacks_are_kept_with_their_names(extractor):
    found = extractor.extract(Article(body="Deputy Transport Minister Igor Petrenko said the bridge would open soon."))
    assert "Igor Petrenko" in found.unreviewed.values()
    [person] = [m for m in found.mentions if m.entity_key in found.unreviewed]
    assert (person.surface, person.resolution) == ("Igor Petrenko", "unreviewed")


def test_roles_come_from_the_body(extractor):
    found = extractor.extract(Article(body="Foreign Minister Choe Son Hui arrived in Moscow.",
                                      captions=["Foreign Minister Choe Son Hui arrives."]))
    assert [(r.person_key, r.title) for r in found.roles] == [("person:choe-son-hui", "Foreign Minister")]
