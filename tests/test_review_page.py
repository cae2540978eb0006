"""The review page: only on `archive serve`, only for this machine, its forms protected against
cross-site requests, absent from static sites and Datasette bundles; the provenance it leaves on
article and entity pages; and a real browser accepting a name, merging another and correcting an
article's date."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys

import httpx
import pytest

from ingest.judgements import load_judgements
from ingest.judgements.review import Review
from ingest.serve import make_datasette
from review_helpers import DUMA, LAVROVS, NK_NEWS, copy_corpus, ingest


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("page")
    paths = copy_corpus(root)
    ingest(paths, root / "base.db")
    return root


@pytest.fixture
def served(built, tmp_path):
    """A review-enabled Datasette (as `archive serve` builds it) on a copy of the archive."""
    db, judgements = tmp_path / "archive.db", tmp_path / "judgements.yml"
    shutil.copy(built / "base.db", db)
    return make_datasette(db, review={"judgements": judgements}), db, judgements


def request(ds, method: str, path: str, client=("127.0.0.1", 50000), **kwargs) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=ds.app(), client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8001") as http:
            if "cookies" in kwargs:
                http.cookies.update(kwargs.pop("cookies"))
            return await http.request(method, path, **kwargs)

    return asyncio.run(go())


def token_and_cookie(ds) -> tuple[str, dict]:
    page = request(ds, "GET", "/review")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    return token, {"ds_csrftoken": page.cookies["ds_csrftoken"]}


def test_the_review_page_is_absent_unless_archive_serve_turns_it_on(built, tmp_path):
    db = tmp_path / "archive.db"
    shutil.copy(built / "base.db", db)
    plain = make_datasette(db)  # the tests', a script's: no review
    static = make_datasette(db, static=True, review={"judgements": tmp_path / "j.yml"})  # a static build never
    for ds in (plain, static):
        for path in ("/review", f"/review/articles/{DUMA}", "/review/decide"):
            assert request(ds, "GET", path).status_code == 404, path
    from datasette.app import Datasette

    bundle = Datasette([str(db)])  # what a published bundle runs: `datasette archive.db` with the plugin
    assert request(bundle, "GET", "/review").status_code == 404
    assert "review this article" not in request(plain, "GET", f"/articles/{DUMA}").text


def test_the_review_page_shows_the_queue_with_sentences_and_links_into_the_articles(served):
    ds, *_ = served
    page = request(ds, "GET", "/review")
    assert page.status_code == 200
    html = page.text
    item = html[html.index('data-name="Kim Son Gyong"'):]
    item = item[:item.index("</section>")]
    assert "<mark>Kim Son Gyong</mark>" in item and f'href="/articles/{NK_NEWS}#m-' in item
    assert f'href="/review/articles/{NK_NEWS}"' in item
    assert 'value="accept"' in item and 'value="merge"' in item and 'value="reject"' in item
    assert "only" in html and "No judgements yet." in html
    assert "review this article" in request(ds, "GET", f"/articles/{DUMA}").text  # a reviewer's link, here only
    article = request(ds, "GET", f"/review/articles/{LAVROVS}").text
    # the regional official 'Lavrov, the region's transport chief' is not the foreign minister
    assert "Quote 1 — no person\n    · as written: Lavrov · rule: ambiguous" in article
    assert 'name="field" value="published"' in article and 'type="date"' in article


@pytest.mark.parametrize("client, headers", [
    (("10.1.2.3", 40000), {}),  # another machine (archive serve --host 0.0.0.0)
    (("127.0.0.1", 40000), {"Host": "evil.example"}),  # a page elsewhere, its name rebound to 127.0.0.1
    (("127.0.0.1", 40000), {"X-Forwarded-For": "203.0.113.9"}),  # through a proxy on this machine
    (("127.0.0.1", 40000), {"Forwarded": "for=203.0.113.9"}),
])
def test_only_this_machine_may_review(served, client, headers):
    ds, *_ = served
    for method, path in (("GET", "/review"), ("GET", f"/review/articles/{DUMA}"), ("POST", "/review/decide")):
        response = request(ds, method, path, client=client, headers=headers)
        assert response.status_code == 403, (method, path)
    assert "review this article" not in request(ds, "GET", f"/articles/{DUMA}", client=client, headers=headers).text


def test_a_decision_needs_the_pages_own_form(served):
    ds, db, judgements = served
    token, cookies = token_and_cookie(ds)
    form = {"csrftoken": token, "decision": "accept", "name": "Kim Il Guk", "type": "person", "return_to": "/review"}
    refused = [
        request(ds, "POST", "/review/decide", data=form),  # no cookie: a cross-site form (SameSite keeps it back)
        request(ds, "POST", "/review/decide", data=dict(form, csrftoken="forged"), cookies=cookies),
        request(ds, "POST", "/review/decide", data=form, cookies=cookies, headers={"Origin": "http://evil.example"}),
        request(ds, "POST", "/review/decide", data=form, cookies=cookies, headers={"Sec-Fetch-Site": "cross-site"}),
        request(ds, "POST", "/review/decide", json=form, cookies=cookies, headers={"X-CSRFToken": "forged"}),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert not judgements.exists()
    assert request(ds, "GET", "/review/decide").status_code == 405
    done = request(ds, "POST", "/review/decide", data=form, cookies=cookies,
                   headers={"Origin": "http://127.0.0.1:8001", "Sec-Fetch-Site": "same-origin"})
    assert done.status_code == 303 and done.headers["location"] == "/review?done=1"
    shown = request(ds, "GET", done.headers["location"], cookies=cookies).text
    assert "judgement 1: accept “Kim Il Guk” as a person" in shown
    assert [j.name for j in load_judgements(judgements).items] == ["Kim Il Guk"]
    error = request(ds, "POST", "/review/decide", data=form, cookies=cookies)
    assert error.status_code == 303 and "error=" in error.headers["location"]
    assert "is accepted already" in request(ds, "GET", error.headers["location"], cookies=cookies).text
    escaped = request(ds, "POST", "/review/decide", data=dict(form, return_to="https://evil.example/"), cookies=cookies)
    assert escaped.headers["location"].startswith("/review?")


def test_pages_show_who_decided_when_why_and_what_the_machine_had_read(served):
    ds, db, judgements = served
    review = Review(db, judgements)
    review.accept("Kim Son Gyong", description="North Korean vice foreign minister", wikidata="Q1000001",
                  by="analyst", note="named in KCNA's 8 Dec report")
    review.speaker(NK_NEWS, 6, "kim-son-gyong", by="analyst", note="the vice minister at the embassy is Kim")
    review.correct(DUMA, "published", "2025-06-17", by="editor", note="landed the day before")
    person = request(ds, "GET", "/people/kim-son-gyong").text
    block = person[person.index('class="provenance"'):person.index("</aside>")]
    assert "<strong>Accepted</strong> as a person" in block and "by analyst" in block
    assert "named in KCNA&#39;s 8 Dec report" in block and "What the machine had read: found as an unreviewed" in block
    assert "wikidata.org/wiki/Q1000001" in block
    assert "speaker set by a reviewer" in person
    data = request(ds, "GET", "/people/kim-son-gyong.json").json()
    assert [j["decision"] for j in data["provenance"]["judgements"]] == ["accept"]
    article = request(ds, "GET", f"/articles/{DUMA}").text
    assert re.search(r"The date is <strong>corrected</strong>:\s+“2025-06-17”, originally read as “2025-06-18”\s+— "
                     r"by editor, \d{4}-\d\d-\d\d: landed the day before", article)
    assert '<time datetime="2025-06-17">' in article
    nk = request(ds, "GET", f"/articles/{NK_NEWS}").text
    assert re.search(r"Speaker set by analyst, [\d-]+: the vice minister at the embassy is Kim; the rules had read "
                     r"no person", nk)  # 'the vice minister' fits no one the article names with that title
    assert request(ds, "GET", f"/articles/{NK_NEWS}.json").json()["provenance"]["judgements"][0]["decision"] == "accept"


def test_person_pages_show_titles_as_spans_from_first_to_last_evidence(served):
    ds, *_ = served
    page = request(ds, "GET", "/people/choe-son-hui").text
    spans = page[page.index("<h2>Titles over time</h2>"):]
    spans = spans[:spans.index("</table>")]
    row = re.search(r"<tr><td>Foreign Minister.*?</td>\s*<td>([\d-]+)</td><td>([\d-]+)", spans, re.S)
    assert row and row.group(1) < row.group(2)
    data = request(ds, "GET", "/people/choe-son-hui.json").json()
    minister = next(s for s in data["title_spans"] if s["title"] == "Foreign Minister")
    assert (minister["first_seen"], minister["last_seen"]) == (row.group(1), row.group(2))
    assert minister["article_count"] == len(minister["articles"]) >= 2
    view = request(ds, "GET", "/archive.json?sql=select+first_seen,last_seen,articles+from+title_spans+where+"
                              "person_slug='choe-son-hui'+and+title='Foreign+Minister'&_shape=array").json()
    assert view == [{"first_seen": minister["first_seen"], "last_seen": minister["last_seen"],
                     "articles": minister["article_count"]}]


def test_a_static_site_has_the_provenance_but_no_review_page(served, tmp_path):
    from ingest.publish import publish_static

    ds, db, judgements = served
    Review(db, judgements).correct(DUMA, "published", "2025-06-17", by="editor")
    outdir = tmp_path / "site"
    report = publish_static(db, outdir)
    assert report.broken_links == []
    assert not (outdir / "review").exists()
    pages = list(outdir.rglob("*.html"))
    assert not [p for p in pages if "/review" in p.read_text(encoding="utf-8")]
    article = (outdir / "articles" / DUMA / "index.html").read_text(encoding="utf-8")
    assert "is <strong>corrected</strong>" in article and "originally read as “2025-06-18”" in article


# ---------------------------------------------------------------- in a real browser


@pytest.mark.browser
def test_a_reviewer_accepts_merges_and_corrects_in_the_browser(built, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by `make test`")
    from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port, watch

    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    db, judgements = tmp_path / "archive.db", tmp_path / "judgements.yml"
    shutil.copy(built / "base.db", db)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ingest", "serve", "--db", str(db), "--judgements",
                               str(judgements), "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        from test_publish import wait_for

        wait_for(url + "/robots.txt", server)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            errors = watch(page)
            page.goto(url + "/review?type=person")
            # accept a name found in articles, with a description and a reason
            item = page.locator('section.review-item[data-name="Leonid Slutsky"]')
            item.locator("form.review-accept input[name=description]").fill("State Duma deputy, LDPR leader")
            item.locator("form.review-accept input[name=note]").fill("named in full by Reuters")
            with page.expect_navigation():
                item.locator("form.review-accept button").click()
            assert "judgement 1: accept “Leonid Slutsky” as a person" in page.locator(".review-done").inner_text()
            # merge another spelling of him into the accepted entity (the form suggests it)
            item = page.locator('section.review-item[data-name="Leonid Eduardovich Slutsky"]')
            assert item.locator("datalist option[value=leonid-slutsky]").count() == 1
            item.locator("form.review-merge input[name=into]").fill("leonid-slutsky")
            with page.expect_navigation():
                item.locator("form.review-merge button").click()
            assert "merge “Leonid Eduardovich Slutsky” into person leonid-slutsky" in \
                page.locator(".review-done").inner_text()
            assert page.locator('section.review-item[data-name="Leonid Eduardovich Slutsky"]').count() == 0
            # correct an article's date, from a sentence of the queue
            page.goto(f"{url}/review/articles/{DUMA}")
            row = page.locator("#field-published")
            row.locator("input[name=value]").fill("2025-06-17")
            row.locator("input[name=note]").fill("the delegation landed a day earlier")
            with page.expect_navigation():
                row.locator("button").click()
            assert "published “2025-06-17” (read as “2025-06-18”)" in page.locator(".review-done").inner_text()
            page.screenshot(path=str(_artifacts() / "review-article.png"), full_page=True)
            # the pages afterwards
            page.goto(url + "/people/leonid-slutsky")
            provenance = page.locator("aside.provenance").inner_text()
            assert "Accepted as a person" in provenance and "named in full by Reuters" in provenance
            assert "“Leonid Eduardovich Slutsky” is one of its names" in provenance
            assert "State Duma deputy, LDPR leader" in page.locator("p.description").inner_text()
            counts = page.locator("p.meta").first.inner_text()
            assert re.search(r"2 articles, \d+ mentions", counts), counts
            page.goto(f"{url}/articles/{DUMA}")
            assert page.locator("time").first.get_attribute("datetime") == "2025-06-17"
            assert "originally read as “2025-06-18”" in page.locator("aside.provenance").inner_text()
            page.goto(url + "/review")
            log = page.locator("table.review-log").inner_text()
            assert "accept “Leonid Slutsky” as a person" in log and "correct the date (published) of" in log
            page.screenshot(path=str(_artifacts() / "review.png"), full_page=True)
            # undo from the log: the merged spelling is back in the queue
            with page.expect_navigation():
                page.locator("#judgement-2 form.review-undo button").click()
            assert "judgement 2 undone" in page.locator(".review-done").inner_text()
            assert page.locator('section.review-item[data-name="Leonid Eduardovich Slutsky"]').count() == 1
            assert errors == []
            browser.close()
        assert [j.decision for j in load_judgements(judgements).items] == ["accept", "merge", "correct"]
        assert load_judgements(judgements).items[1].undone
    finally:
        server.terminate()
        server.wait(timeout=10)


def _artifacts():
    from test_browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
