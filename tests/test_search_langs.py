"""Search and pages in three scripts: Russian inflection, Korean particles and compounds, one name
found in every language from any of its spellings, the language of each article shown, kept by a
filter and given to Pagefind (issue 20). The archive: the seeds and the Russian and Korean test
corpora; a few small articles written here test one thing each."""

import asyncio
import json
import re
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
import sqlite_utils

from conftest import SEEDS, TESTS, build_archive
from ingest.runner import ingest_paths
from ingest.schema import SCHEMA_VERSION, TRIGRAM_FTS, ensure_schema, trigram_in_step
from ingest.web.render import alias_fts, fts_query, query_terms, trigram_match
from ingest.web.wordforms import korean_search_stem, russian_word_forms, word_script

RUSSIAN = TESTS / "corpus" / "russian"
KOREAN = TESTS / "corpus" / "korean"


@pytest.fixture(scope="module")
def langs_db(tmp_path_factory) -> Path:
    return build_archive(tmp_path_factory.mktemp("langs"), SEEDS, RUSSIAN, KOREAN)


@pytest.fixture(scope="module")
def langs_site(langs_db):
    from ingest.serve import make_datasette

    return make_datasette(langs_db)


def get(datasette, path):
    return asyncio.run(datasette.client.get(path))


def search(datasette, q, **params):
    query = urllib.parse.urlencode({"q": q, "size": 100, **params})
    response = get(datasette, f"/search.json?{query}")
    assert response.status_code == 200
    return response.json()


def bodies(db: Path, language: str) -> dict[str, str]:
    conn = sqlite3.connect(db)
    found = {slug: f"{title or ''}\n{body}" for slug, title, body in
             conn.execute("SELECT slug, title, body FROM articles WHERE language = ?", [language])}
    conn.close()
    return found


# ---------------------------------------------------------------- what a word also finds


def test_a_russian_word_finds_its_case_forms():
    assert {"лавров", "лаврова", "лаврову", "лавровым"} <= set(russian_word_forms("Лавров"))
    assert {"путин", "путина", "путину", "путиным"} <= set(russian_word_forms("Путину"))
    assert {"договор", "договора", "договоре"} <= set(russian_word_forms("договор"))
    assert {"курская", "курской", "курскую"} <= set(russian_word_forms("Курской"))
    assert {"мацегоры", "мацегорой"} <= set(russian_word_forms("Мацегора"))  # a name the dictionary lacks: the rules
    assert russian_word_forms("Ын") == ("ын",)  # two letters: as written
    assert russian_word_forms("КНДР") == ("кндр",) and russian_word_forms("Шойгу") == ("шойгу",)
    assert "елка" in russian_word_forms("ёлка")  # texts write ё and е
    assert "путина" not in russian_word_forms("Путин")[:1] and len(russian_word_forms("ратифицировать")) <= 24


def test_a_korean_word_loses_a_typed_particle_but_never_a_name_syllable():
    assert korean_search_stem("김정은은") == "김정은" and korean_search_stem("최선희는") == "최선희"
    assert korean_search_stem("김정은") == "김정은"  # not 김정 + 은
    assert korean_search_stem("러시아와의") == "러시아" and korean_search_stem("北은") == "北"
    assert korean_search_stem("북은") == "북은"  # one syllable left would begin too many words
    assert [word_script(w) for w in ("Лавров", "김정은", "北", "Kim", "2024")] == \
        ["cyrillic", "cjk", "cjk", "latin", "latin"]


def test_english_searches_are_unchanged():
    assert fts_query("instruments of ratification") == '"instruments" "ratification"'
    assert fts_query('Kim Jong-un "strategic partnership"') == '"Kim" "Jong un" "strategic partnership"'
    assert trigram_match(query_terms("treaty Kursk")[0]) == (None, [])


def test_russian_and_korean_terms_for_each_index():
    assert fts_query("Лаврову").startswith('("лаврову" OR "лавров" OR ')
    assert fts_query("김정은은 조약") == '"김정은"* "조약"*'
    assert fts_query('"최선희 외무상"') == '"최선희 외무상"*'
    # the trigram index looks up three characters or more; shorter words are checked in the text
    assert trigram_match(query_terms("김정은은 조약")[0]) == ('"김정은"', ["조약"])
    assert trigram_match(query_terms("조약")[0]) == (None, [])
    # a registry spelling: a Korean name begins a token, a one-character abbreviation is one
    assert alias_fts("김정은") == '"김정은"*' and alias_fts("평양") == '"평양"*' and alias_fts("北") == '"北"'
    assert alias_fts("kim jong un") == '"kim jong un"'


# ---------------------------------------------------------------- one name in three scripts


@pytest.mark.parametrize("q", ["Ким Чен Ын", "김정은", "Kim Jong Un"])
def test_a_name_in_any_script_finds_its_articles_in_every_language(langs_site, q):
    found = search(langs_site, q)
    languages = {a["language"] for a in found["articles"]}
    assert languages == {"en", "ru", "ko"}, languages
    assert all(a["language_name"] in ("English", "Russian", "Korean") for a in found["articles"])
    assert "kim-jong-un" in [p["slug"] for p in found["people"]]
    assert any("also searched as" in note for note in found["notes"])


def test_the_three_spellings_find_the_same_articles(langs_site, langs_db):
    results = [{a["slug"] for a in search(langs_site, q)["articles"]} for q in ("Ким Чен Ын", "김정은", "Kim Jong Un")]
    assert results[0] == results[1] == results[2]
    # every article that writes the name, in any script and any case, is among them
    spelled = re.compile(r"Kim Jong[ -]?[Uu]n|KIM JONG[ -]UN|Ким Чен Ын\w*|김정은|金正恩")
    for language in ("en", "ru", "ko"):
        for slug, text in bodies(langs_db, language).items():
            if spelled.search(text):
                assert slug in results[0], (language, slug)


def test_a_name_typed_inflected_or_with_a_particle_is_still_the_name(langs_site):
    lavrov = search(langs_site, "Сергея Лаврова")
    assert {"ru", "ko"} <= {a["language"] for a in lavrov["articles"]}
    assert "세르게이 라브로프" in lavrov["query"]
    choe = search(langs_site, "최선희는")
    assert {"ru", "ko", "en"} <= {a["language"] for a in choe["articles"]}


def test_russian_search_finds_every_case(langs_site, langs_db):
    for q, stem in (("Лавров", "Лавров"), ("Путин", "Путин"), ("Пхеньян", "Пхеньян")):
        found = {a["slug"] for a in search(langs_site, q)["articles"]}
        written = {slug for slug, text in bodies(langs_db, "ru").items() if re.search(rf"\b{stem}(а|у|ым|ом|е|ом)?\b", text)}
        assert written and written <= found, q


def test_korean_search_finds_names_with_particles_and_marks_only_the_name(langs_site, langs_db):
    found = search(langs_site, "최선희")
    slugs = {a["slug"] for a in found["articles"]}
    assert {slug for slug, text in bodies(langs_db, "ko").items() if "최선희" in text} <= slugs
    korean = [a for a in found["articles"] if a["language"] == "ko"]
    assert korean and all(a["snippet"][s:e] in ("최선희", "Choe Son Hui") for a in korean for s, e in a["highlights"]
                          if "최" in a["snippet"][s:e])


def test_a_name_inside_a_korean_compound_is_found(tmp_path):
    """北최선희 and 북러조약최선희 are one token to the word index: the trigram index finds them."""
    from ingest.serve import make_datasette

    folder = tmp_path / "ko"
    folder.mkdir()
    (folder / "compound.txt").write_text(
        "北최선희 모스크바行…\"협력 강화\"\n\n(서울=연합뉴스) 가상의 기자 = 北최선희 외무상이 러시아를 찾았다고 "
        "조선중앙통신이 보도했다. 통신은 양측이 새로운 협력 방안을 논의했다고 전했다. 北외무성은 이번 방문이 "
        "조약 이행을 위한 것이라고 설명했다. 모스크바에서 열린 회담은 두 시간 동안 이어졌다.\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    ingest_paths([folder], db, report=lambda line: None)
    site = make_datasette(db)
    assert search(site, "최선희")["total"] == 1
    found = search(site, "최선희 조약")  # a two-syllable word is checked in the text of what the index finds
    assert found["total"] == 1 and found["query_trigram_contains"] == ["조약"]
    assert search(site, "최선희 파병")["total"] == 0
    hit = found["articles"][0]
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]][0] == "최선희"


# ---------------------------------------------------------------- the language: shown, kept, filtered


def test_search_results_say_their_language_and_the_filter_keeps_one(langs_site):
    for language in ("ru", "ko", "en"):
        found = search(langs_site, "Kim Jong Un", language=language)
        assert found["language"] == language and found["articles"]
        assert {a["language"] for a in found["articles"]} == {language}
    ignored = search(langs_site, "Kim Jong Un", language="Russian!")
    assert ignored["language"] is None and any("ignored language" in n for n in ignored["notes"])
    html = get(langs_site, "/search?q=%EA%B9%80%EC%A0%95%EC%9D%80&language=ko").text
    assert '<option value="ko" selected>Korean · 한국어</option>' in html
    assert re.search(r'<a href="/articles/[^"]+" lang="ko">', html) and "Korean</span>" in html


def test_entity_page_lists_every_language_with_a_filter_and_native_names(langs_site, langs_db):
    data = get(langs_site, "/people/kim-jong-un.json").json()
    assert {a["language"] for a in data["articles"]} == {"en", "ru", "ko"}
    assert [l["code"] for l in data["languages"]] == ["en", "ko", "ru"]
    scripts = {g["script"]: g for g in data["names_by_script"]}
    assert "Ким Чен Ын" in scripts["cyrillic"]["names"] and scripts["hangul"]["names"] == ["김정은"]
    assert scripts["hangul"]["lang"] == "ko" and "金正恩" in scripts["han"]["names"]
    conn = sqlite3.connect(langs_db)
    korean = {r[0] for r in conn.execute("""SELECT a.slug FROM article_entities ae JOIN articles a ON a.id = ae.article_id
        JOIN people p ON p.id = ae.entity_id AND ae.entity_type = 'person' WHERE p.slug = 'kim-jong-un' AND a.language = 'ko'""")}
    conn.close()
    only_korean = get(langs_site, "/people/kim-jong-un.json?language=ko").json()
    assert only_korean["language"] == "ko" and {a["slug"] for a in only_korean["articles"]} == korean
    html = get(langs_site, "/people/kim-jong-un?language=ru").text
    assert "<strong>Russian</strong>" in html and 'href="/people/kim-jong-un?language=ko#articles"' in html
    assert '<span lang="ru">Ким Чен Ын</span>' in html and '<span lang="ko">김정은</span>' in html
    assert re.search(r'<li data-language="ru"><a href="/articles/[^"]+" lang="ru">', html)


@pytest.mark.parametrize("language", ["ru", "ko"])
def test_article_pages_are_in_the_article_language(langs_site, langs_db, language):
    slug = next(iter(bodies(langs_db, language)))
    html = get(langs_site, f"/articles/{slug}").text
    assert f'<html lang="{language}">' in html  # what Pagefind reads
    assert '<body class="site page-article" lang="en">' in html  # the site's own words stay English
    assert f'<article class="article" lang="{language}" data-pagefind-body>' in html
    assert re.search(rf'<h1 lang="{language}"', html)
    assert get(langs_site, f"/articles/{slug}.json").json()["language_name"] in ("Russian", "Korean")


# ---------------------------------------------------------------- the index


def test_the_trigram_index_holds_the_korean_articles_only(langs_db):
    conn = sqlite3.connect(langs_db)
    indexed = {r[0] for r in conn.execute(f"SELECT rowid FROM {TRIGRAM_FTS}")}
    korean = {r[0] for r in conn.execute("SELECT id FROM articles WHERE language IN ('ko', 'zh', 'ja')")}
    assert indexed == korean and korean and trigram_in_step(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_the_trigram_index_follows_inserts_updates_and_deletes(langs_db, tmp_path):
    db_path = tmp_path / "copy.db"
    source = sqlite3.connect(langs_db)
    source.backup(target := sqlite3.connect(db_path))
    source.close()
    target.close()
    db = sqlite_utils.Database(db_path)
    ensure_schema(db)
    conn = db.conn
    english = conn.execute("SELECT id FROM articles WHERE language = 'en' LIMIT 1").fetchone()[0]
    korean = conn.execute("SELECT id FROM articles WHERE language = 'ko' LIMIT 1").fetchone()[0]
    count = lambda: conn.execute(f"SELECT count(*) FROM {TRIGRAM_FTS}").fetchone()[0]  # noqa: E731
    before = count()
    conn.execute("UPDATE articles SET title = title || ' x' WHERE id = ?", [english])
    assert count() == before
    conn.execute("UPDATE articles SET language = 'ko', body = '북러조약가나다라 외무상' WHERE id = ?", [english])
    assert count() == before + 1
    assert conn.execute(f"SELECT rowid FROM {TRIGRAM_FTS} WHERE {TRIGRAM_FTS} MATCH '\"가나다라\"'").fetchall() == [(english,)]
    conn.execute("UPDATE articles SET language = 'en' WHERE id = ?", [english])
    conn.execute("DELETE FROM mentions WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM article_entities WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM quotes WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM roles WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM events WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM shared_passages WHERE article_id = ? OR other_article_id = ?", [korean, korean])
    conn.execute("DELETE FROM article_shingles WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM shared_copy_pending WHERE article_id = ?", [korean])
    conn.execute("DELETE FROM articles WHERE id = ?", [korean])
    assert count() == before - 1 and trigram_in_step(conn)
    conn.commit()


def test_an_archive_of_version_4_gets_the_trigram_index(langs_db, tmp_path):
    db_path = tmp_path / "old.db"
    source = sqlite3.connect(langs_db)
    source.backup(target := sqlite3.connect(db_path))
    source.close()
    for name in ("articles_trigram_ai", "articles_trigram_ad", "articles_trigram_au"):
        target.execute(f"DROP TRIGGER {name}")
    target.execute(f"DROP TABLE {TRIGRAM_FTS}")
    target.execute("PRAGMA user_version = 4")
    target.commit()
    target.close()
    db = sqlite_utils.Database(db_path)
    ensure_schema(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION and trigram_in_step(db)
    assert db.execute(f"SELECT count(*) FROM {TRIGRAM_FTS}").fetchone()[0] == \
        db.execute("SELECT count(*) FROM articles WHERE language = 'ko'").fetchone()[0] > 0


def test_an_english_archive_has_an_empty_trigram_index(archive_db):
    conn = sqlite3.connect(archive_db)
    assert conn.execute(f"SELECT count(*) FROM {TRIGRAM_FTS}").fetchone()[0] == 0
    conn.close()


def test_the_canned_search_query_knows_russian_forms(langs_site):
    rows = get(langs_site, "/archive/search_articles.json?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2&_shape=array").json()
    assert rows and all("Лавров" in r["snippet"] or "лавров" in r["snippet"].lower() for r in rows)


# ---------------------------------------------------------------- the static site


@pytest.fixture(scope="module")
def langs_static(langs_db, tmp_path_factory):
    from ingest.publish import publish_static

    outdir = tmp_path_factory.mktemp("langs-site") / "site"
    report = publish_static(langs_db, outdir)
    assert report.broken_links == []
    return outdir


def test_pagefind_indexes_each_language(langs_static):
    entry = json.loads((langs_static / "pagefind" / "pagefind-entry.json").read_text())
    assert {"en", "ru", "ko"} <= set(entry["languages"])
    search_page = (langs_static / "search" / "index.html").read_text(encoding="utf-8")
    assert 'href="?language=ru"' in search_page and 'href="?language=ko"' in search_page
    entity = (langs_static / "people" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert 'id="articles-ru"' in entity and 'id="articles-ko"' in entity  # a static page cannot filter: it lists each


# ---------------------------------------------------------------- in a real browser


def _serve(command, cwd=None):
    import subprocess
    import sys
    import time
    import urllib.request

    from test_browser import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, *command(port)], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=1)
            return process, url
        except OSError:
            assert process.poll() is None and time.time() < deadline, "the server did not start"
            time.sleep(0.2)


@pytest.fixture(scope="module")
def browser():
    import os

    from test_browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by `make test`")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live(langs_db):
    process, url = _serve(lambda port: ["-m", "ingest", "serve", "--db", str(langs_db), "--port", str(port)])
    yield url
    process.terminate()
    process.wait(timeout=10)


def _glyphs_drawn(page, selector: str) -> bool:
    """Whether the text of the element is drawn with real glyphs in its own font, not the empty
    boxes of a missing one: its width against that of as many characters no font has."""
    return page.evaluate("""(selector) => {
        const element = document.querySelector(selector);
        const canvas = document.createElement('canvas').getContext('2d');
        canvas.font = getComputedStyle(element).font;
        const text = element.textContent.replace(/[^\\uac00-\\ud7a3\\u0400-\\u04ff]/g, '').slice(0, 8);
        return canvas.measureText(text).width !== canvas.measureText('\\u{10FFFD}'.repeat(text.length)).width;
    }""", selector)


@pytest.mark.browser
@pytest.mark.parametrize("language, script", [("ru", r"[\u0400-\u04ff]"), ("ko", r"[\uac00-\ud7a3]")])
def test_russian_and_korean_article_pages_render_in_their_script(live, browser, langs_db, language, script):
    import subprocess

    from test_browser import ARTIFACTS, assert_laid_out, assert_nothing_hidden_is_shown, watch

    slug = next(iter(bodies(langs_db, language)))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto(f"{live}/articles/{slug}")
    assert page.evaluate("document.documentElement.lang") == language
    headline = page.locator("h1")
    assert headline.get_attribute("lang") == language and re.search(script, headline.inner_text())
    assert page.evaluate("document.querySelector('.article h1').closest('[lang]').lang") == language
    assert page.evaluate("document.querySelector('.site-nav').closest('[lang]').lang") == "en"
    has_font = language != "ko" or subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True).stdout.strip()
    if has_font:
        assert _glyphs_drawn(page, ".article h1"), "the headline is drawn as empty boxes"
    assert_laid_out(page)
    assert_nothing_hidden_is_shown(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"article-{language}.png", full_page=True)
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("q", ["Ким Чен Ын", "김정은", "Kim Jong Un"])
def test_live_search_finds_the_person_in_three_languages(live, browser, q):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live + "/")
    page.fill("header.site-header input[name=q]", q)
    page.press("header.site-header input[name=q]", "Enter")
    page.wait_for_selector("ol.results li")
    languages = set(page.locator("ol.results li").evaluate_all("items => items.map(i => i.dataset.language)"))
    assert languages == {"en", "ru", "ko"}
    assert page.locator("ol.results a[lang=ko]").count() and page.locator("ol.results a[lang=ru]").count()
    assert page.locator("ol.results mark").count() > 0
    from test_browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    script = "ru" if re.search("[\u0400-\u04ff]", q) else "ko" if re.search("[\uac00-\ud7a3]", q) else "en"
    page.screenshot(path=ARTIFACTS / f"search-name-{script}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("q, language, expected", [("Лаврову", "ru", r"Лавров"), ("김정은", "ko", r"김정은")])
def test_static_search_finds_russian_and_korean_words(langs_static, browser, q, language, expected):
    from test_browser import ARTIFACTS

    process, url = _serve(lambda port: ["-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=langs_static)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        page.fill("header.site-header input[name=q]", q)
        page.press("header.site-header input[name=q]", "Enter")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        assert page.evaluate("document.documentElement.lang") == language  # the index of the script typed
        results = page.locator(".pagefind-ui__result-link").all_inner_texts()
        assert results and all(re.search("[\u0400-\u04ff]" if language == "ru" else "[\uac00-\ud7a3]", r) for r in results)
        excerpts = " ".join(page.locator(".pagefind-ui__result-excerpt").all_inner_texts())
        assert re.search(expected, excerpts)
        page.screenshot(path=ARTIFACTS / f"static-search-{language}.png", full_page=True)
        page.locator(".pagefind-ui__result-link").first.click()
        page.wait_for_url("**/articles/**")
        assert page.evaluate("document.documentElement.lang") == language
    finally:
        process.terminate()
        process.wait(timeout=10)
