"""Search under abuse and for scripts (issue 16, items 13, 15, 16 and 20): a search of thousands
of words is cut and says so, snippets are plain text with documented highlight offsets (no
character of an article can pass for a highlight), the page counts its results, and a name
written in any registry spelling finds that entity's articles."""

import asyncio
import shutil
import sqlite3
import time
import urllib.parse

import pytest

from ingest.web.render import MAX_QUERY_CHARS, MAX_TERMS, fts_query, query_terms, snippet_html, split_snippet

CHOE_ARTICLE = "2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed"


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def search(datasette, q, **params):
    query = urllib.parse.urlencode({"q": q, **params})
    response = get(datasette, f"/search.json?{query}")
    assert response.status_code == 200, response.text[:300]
    return response.json()


# ---------------------------------------------------------------- item 13: thousands of terms


def test_a_search_of_thousands_of_words_is_cut_quickly_and_says_so(datasette):
    # words every article has (terms that match nothing cost nothing); ~50 KB, under httpx's URL limit
    words = " ".join(["treaty", "Russia", "Korea", "North"][i % 4] for i in range(8500))
    started = time.perf_counter()
    found = search(datasette, words)
    elapsed = time.perf_counter() - started
    assert elapsed < 3, f"an 8,500-word search took {elapsed:.1f} s"
    assert len(found["query"].split(" AND ")) <= MAX_TERMS and found["articles"]
    assert any(f"only the first {MAX_TERMS}" in note for note in found["notes"]), found["notes"]
    assert any("characters long" in note for note in found["notes"])
    page = get(datasette, "/search?" + urllib.parse.urlencode({"q": words}))
    assert page.status_code == 200 and f"only the first {MAX_TERMS}" in page.text


def test_the_search_articles_query_and_archive_fts_are_capped(datasette):
    words = " ".join(["treaty", "Russia", "Korea", "North"][i % 4] for i in range(4000))
    started = time.perf_counter()
    response = get(datasette, "/archive/search_articles.json?_shape=array&q=" + urllib.parse.quote(words))
    assert response.status_code == 200 and time.perf_counter() - started < 3
    assert fts_query(words).count('"') == 2 * MAX_TERMS
    huge = "treaty " * 700_000  # ~5 MB, as a literal in ad-hoc SQL
    started = time.perf_counter()
    assert fts_query(huge) == '"treaty" ' * (MAX_TERMS - 1) + '"treaty"'
    assert time.perf_counter() - started < 0.5


def test_a_long_search_is_cut_at_a_word_boundary():
    terms, notes = query_terms("Choe " * 200)
    assert len(terms) == MAX_TERMS and all(t.words == ("Choe",) for t in terms) and len(notes) == 2
    terms, notes = query_terms("x" * (MAX_QUERY_CHARS + 10))
    assert len(terms[0].words[0]) == MAX_QUERY_CHARS and notes
    assert query_terms("Kim Jong-un treaty") == (query_terms("Kim Jong-un treaty")[0], [])


# ---------------------------------------------------------------- items 15 and 16: snippets


@pytest.fixture(scope="module")
def odd_text_site(archive_db, tmp_path_factory):
    """The test archive with control characters and look-alike markers in an article's body."""
    from ingest.serve import make_datasette

    db = tmp_path_factory.mktemp("odd") / "archive.db"
    shutil.copy(archive_db, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET body = 'The \x02ratified\x03 pact \ue000x\ue001 and the <b>pact</b> '"
                 " || char(2) || 'mutual' || char(3) || ' aid. ' || body WHERE slug = ?", [CHOE_ARTICLE])
    conn.commit()
    conn.close()
    return make_datasette(db)


def test_control_characters_in_an_article_never_become_highlights(odd_text_site):
    found = search(odd_text_site, "pact")
    article = next(a for a in found["articles"] if a["slug"] == CHOE_ARTICLE)
    assert "\x02ratified\x03" in article["snippet"] and "\x02mutual\x03" in article["snippet"]
    assert [article["snippet"][s:e] for s, e in article["highlights"]] == ["pact", "pact"]
    assert article["snippet_html"].count("<mark>") == 2
    assert "<mark>ratified" not in article["snippet_html"] and "<mark>mutual" not in article["snippet_html"]
    assert "&lt;b&gt;<mark>pact</mark>&lt;/b&gt;" in article["snippet_html"]
    html = get(odd_text_site, "/search?q=pact").text
    assert "<mark>ratified" not in html and "<mark>mutual" not in html and "<mark>pact</mark>" in html


def test_search_json_snippets_are_plain_text_with_highlight_offsets(datasette):
    found = search(datasette, "invincible alliance")
    assert found["articles"] and found["quotes"]
    for row in found["articles"] + found["quotes"]:
        assert "\x02" not in row["snippet"] and "\x03" not in row["snippet"]
        assert not any("\ue000" <= c <= "\uf8ff" for c in row["snippet"])
        assert row["highlights"] and all(
            row["snippet"][s:e].lower() in ("invincible", "alliance") for s, e in row["highlights"])
        assert row["snippet_html"] == str(snippet_html(row["snippet"], row["highlights"]))
        assert "<mark>" in row["snippet_html"]


def test_split_snippet_and_snippet_html():
    text, highlights = split_snippet("a <OPEN>treaty<CLOSE> & <OPEN>pact<CLOSE>…", "<OPEN>", "<CLOSE>")
    assert (text, highlights) == ("a treaty & pact…", [[2, 8], [11, 15]])
    assert snippet_html(text, highlights) == "a <mark>treaty</mark> &amp; <mark>pact</mark>…"
    assert snippet_html("<i>\x02x\x03</i>", []) == "&lt;i&gt;\x02x\x03&lt;/i&gt;"


# ---------------------------------------------------------------- item 20: counts and spellings


def test_the_search_page_says_how_many_articles_match(datasette):
    one = get(datasette, "/search?q=invincible").text
    assert "1 article matches" in one
    found = search(datasette, "treaty", size=5)
    assert found["total"] > 5 and found["total_is_exact"]
    page = get(datasette, "/search?q=treaty&size=5").text
    assert f"{found['total']} articles match; 1–5 shown" in page
    nothing = get(datasette, "/search?q=zzzznothing").text
    assert "No article matches" in nothing


def articles_of(datasette, slug: str) -> set[str]:
    return {a["slug"] for a in get(datasette, f"/people/{slug}.json").json()["articles"]}


@pytest.mark.parametrize("spelling", ["Choi Son Hui", "choi son-hui", "Choe Sun Hui", "CHOE SON HUI", "Choe Son-hi"])
def test_a_search_by_any_registry_spelling_finds_the_entitys_articles(datasette, spelling):
    found = search(datasette, spelling)
    assert found["people"] and found["people"][0]["slug"] == "choe-son-hui"
    slugs = {a["slug"] for a in found["articles"]}
    written_as_choe = {a["slug"] for a in search(datasette, "Choe Son Hui")["articles"]}
    assert CHOE_ARTICLE in slugs and written_as_choe <= slugs
    assert any("also searched as" in note for note in found["notes"]), found["notes"]


def test_a_spelling_inside_a_longer_search_is_expanded_and_other_words_still_count(datasette):
    both = search(datasette, "Choi Son Hui Lavrov")
    assert both["articles"]
    for article in both["articles"]:
        body = get(datasette, f"/articles/{article['slug']}.json").json()["body"]
        assert "Lavrov" in body and ("Choe" in body or "Choi" in body)
    assert "invincible" in search(datasette, "invincible Choi Son Hui")["articles"][0]["snippet"].lower()


def test_an_acronym_finds_the_full_name(datasette):
    found = search(datasette, "KCNA")
    by_name = {a["slug"] for a in search(datasette, '"Korean Central News Agency"')["articles"]}
    assert by_name <= {a["slug"] for a in found["articles"]}


def test_words_that_name_nobody_are_searched_as_typed(datasette):
    found = search(datasette, "invincible alliance")
    assert found["query"] == '"invincible" "alliance"' and not any("also searched" in n for n in found["notes"])
