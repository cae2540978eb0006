"""Publishing: the static site (complete, no broken links, with and without a base URL,
deterministic, searchable with Pagefind in a real browser) and the Datasette bundle (serves locally)."""

import filecmp
import gzip
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ARCHIVE_ARTICLES
from test_site import get
from ingest.publish import check_links, publish_datasette, publish_static

# Pagefind's filter and metadata indexes are not stable between runs (Pagefind issue #638);
# everything else, its content fragments included, must be byte-identical.
PAGEFIND_VOLATILE = re.compile(r"^pagefind/(filter/|pagefind\.[^/]+\.pf_meta$|pagefind-entry\.json$|index/)")


@pytest.fixture(scope="module")
def site(archive_db, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("site") / "site"
    report = publish_static(archive_db, outdir)
    return outdir, report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
            assert time.time() < deadline
            time.sleep(0.2)


def test_every_article_and_entity_has_a_page_and_json(site, archive_db, datasette):
    outdir, report = site
    conn = sqlite3.connect(archive_db)
    for table in ("articles", "people", "organizations", "places", "sources"):
        for (slug,) in conn.execute(f"SELECT slug FROM {table}"):
            assert (outdir / table / slug / "index.html").exists(), (table, slug)
            assert json.loads((outdir / table / f"{slug}.json").read_text())["slug"] == slug
    for (slug,) in conn.execute("SELECT slug FROM articles"):
        raw = (outdir / "articles" / slug / "raw.txt").read_bytes()
        assert raw == conn.execute("SELECT r.content FROM articles a JOIN raw_files r ON r.sha256 = a.sha256 "
                                   "WHERE a.slug = ?", [slug]).fetchone()[0]
        assert raw == get(datasette, f"/articles/{slug}/raw").content  # what the live site serves
    conn.close()
    for path in ["index.html", "articles/index.html", "people/index.html", "organizations/index.html",
                 "places/index.html", "timeline/index.html", "charts/index.html", "search/index.html", "404.html",
                 "months/2024-12/index.html", "months/undated/index.html", "sitemap.xml", "feed.atom", "robots.txt",
                 "data/index.html", "build.json", "pagefind/pagefind-ui.js"]:
        assert (outdir / path).exists(), path
    assert report.pages > 250 and report.broken_links == []


def test_pages_rendered_straight_from_their_view_are_the_bytes_the_app_serves(archive_db):
    import asyncio

    from ingest.publish import _AppClient, _is_plugin_view, _site_paths, resolve_routes
    from ingest.serve import make_datasette

    async def compare() -> int:
        datasette = make_datasette(archive_db, static=True)
        await datasette.invoke_startup()
        client = _AppClient(datasette)
        paths, slugs = _site_paths(archive_db)
        paths += [p.rstrip("/") + ".json" for p in paths if p != "/"] + ["/index.json", "/feed.atom", "/sitemap.xml",
                  "/robots.txt", f"/articles/{slugs[0]}/raw", "/articles/no-such-article", "/people/nobody.json"]
        direct = 0
        for path in paths:
            fast, through_app = await client.get(path), await client.get_through_app(path)
            assert (fast.status_code, fast.content) == (through_app.status_code, through_app.content), path
            direct += _is_plugin_view(resolve_routes(client.routes, path)[1])
        return direct

    assert asyncio.run(compare()) > 100  # the site's pages did take the direct way


def test_same_content_and_look_as_the_live_site(site):
    outdir, _ = site
    article = (outdir / "articles" / "2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed" /
               "index.html").read_text()
    assert '<a href="/people/choe-son-hui">Choe Son-hui</a>' in article
    assert 'href="/static/archive.css"' in article and "/archive/" not in article
    assert 'data-pagefind-filter="outlet[data-value]" data-value="Yonhap"' in article


def test_search_excerpts_hold_the_article_and_filters_hold_the_facets(site):
    """Pagefind's record of an article: its filters (outlet, year, people) come from attributes,
    so its indexed text and excerpts start with the headline, not with a hidden facet list."""
    outdir, _ = site
    records = []
    for fragment in (outdir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        records.append(json.loads(data[data.index(b"{"):]))
    choe = next(r for r in records if "north-korea-s-foreign-minister-choe-son-hui-has-hailed" in r["url"])
    assert choe["filters"]["outlet"] == ["Yonhap"] and "Choe Son Hui" in choe["filters"]["person"]
    assert not choe["content"].startswith("Yonhap")
    assert choe["content"].lstrip().startswith(choe["meta"]["title"][:20])


def test_exports_and_database_download(site, archive_db):
    outdir, _ = site
    data = outdir / "data"
    conn = sqlite3.connect(data / "archive.db")
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == ARCHIVE_ARTICLES
    conn.close()
    lines = (data / "mentions.ndjson").read_text().splitlines()
    assert json.loads(lines[0]).keys() >= {"article_id", "char_start", "char_end", "surface"}
    assert (data / "articles.csv").read_text().startswith("id,slug,title,")
    assert len(lines) == sqlite3.connect(archive_db).execute("SELECT count(*) FROM mentions").fetchone()[0]


def test_every_export_is_each_row_as_pythons_csv_and_json_write_it(archive_db, tmp_path):
    import base64
    import csv
    import io

    from ingest.publish import PRIVATE_COLUMNS, _export_data, _exportable_tables

    db = tmp_path / "archive.db"
    shutil.copy(archive_db, db)
    conn = sqlite3.connect(db)
    conn.execute("""UPDATE articles SET title = 'A "quoted", two-line' || char(10) || 'title' || char(13, 9)
                    || ' — Пхеньян 평양' WHERE id = 1""")
    conn.execute("UPDATE articles SET title = '' WHERE id = 2")
    conn.commit()
    (tmp_path / "site").mkdir()
    _export_data(db, tmp_path / "site")
    tables = [t["name"] for t in _exportable_tables(db)]
    assert {"articles", "mentions", "quotes", "raw_files", "shared_passages"} <= set(tables)
    copy = sqlite3.connect(tmp_path / "site" / "data" / "archive.db")  # the exports are of the published copy
    for table in tables:
        names = [r[1] for r in copy.execute(f"PRAGMA table_info([{table}])") if r[1] not in PRIVATE_COLUMNS.get(table, ())]
        cursor = copy.execute(f"SELECT {', '.join(f'[{c}]' for c in names)} FROM [{table}] ORDER BY 1, 2")
        rows = [[base64.b64encode(v).decode() if isinstance(v, bytes) else v for v in row] for row in cursor]
        expected = io.StringIO(newline="")
        csv.writer(expected).writerows([names] + rows)
        written = (tmp_path / "site" / "data" / f"{table}.csv").read_bytes().decode()
        assert written == expected.getvalue(), table
        lines = (tmp_path / "site" / "data" / f"{table}.ndjson").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == [dict(zip(names, row)) for row in rows], table
    assert '"A ""quoted"", two-line\ntitle\r\t — Пхеньян 평양"' in (tmp_path / "site" / "data" / "articles.csv").read_bytes().decode()
    public = [c for c in names_of(conn, "articles") if c != "path"]  # the copy holds the archive's rows
    assert copy.execute(f"SELECT {', '.join(public)} FROM articles ORDER BY id").fetchall() == \
        conn.execute(f"SELECT {', '.join(public)} FROM articles ORDER BY id").fetchall()
    copy.close()
    conn.close()


def names_of(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]


def test_no_broken_links_under_a_base_url(archive_db, tmp_path):
    report = publish_static(archive_db, tmp_path / "sub", base_url="/archive/", site_url="https://example.org")
    assert report.broken_links == []
    home = (tmp_path / "sub" / "index.html").read_text()
    assert 'href="/archive/people/kim-jong-un"' in home
    assert "<loc>https://example.org/archive/sitemap-articles-0.xml</loc>" in (tmp_path / "sub" / "sitemap.xml").read_text()


def test_the_link_checker_finds_broken_links(site, tmp_path):
    outdir, _ = site
    copy = tmp_path / "copy"
    shutil.copytree(outdir / "people", copy / "people")
    shutil.copy(outdir / "index.html", copy / "index.html")
    broken = check_links(copy)
    assert any("index.html: /articles" in b for b in broken)
    assert check_links(outdir) == []


def test_a_large_site_is_checked_in_parallel_with_the_same_result(site, tmp_path, monkeypatch):
    import ingest.publish

    outdir, _ = site
    copy = tmp_path / "copy"
    shutil.copytree(outdir / "people", copy / "people")
    shutil.copytree(outdir / "articles", copy / "articles")
    shutil.copy(outdir / "index.html", copy / "index.html")
    serial = check_links(copy)
    monkeypatch.setattr(ingest.publish, "PARALLEL_CHECK_PAGES", 0)
    assert check_links(copy) == serial and any("(no such anchor)" not in b for b in serial)


def test_links_checked_while_the_data_is_written_are_rechecked_and_real_breaks_stay(archive_db, tmp_path,
                                                                                     monkeypatch):
    import ingest.publish

    copy_assets = ingest.publish._copy_assets

    def without_the_stylesheet(outdir):
        copy_assets(outdir)
        (outdir / "static" / "archive.css").unlink()

    monkeypatch.setattr(ingest.publish, "_copy_assets", without_the_stylesheet)
    report = publish_static(archive_db, tmp_path / "site")
    assert report.broken_links and all(line.endswith(": /static/archive.css") for line in report.broken_links)
    assert "data/index.html: /static/archive.css" in report.broken_links  # its links to exports resolved


def test_pagefind_killed_while_indexing_is_a_one_line_error(archive_db, tmp_path, monkeypatch):
    from ingest.publish import PublishError, _Pagefind

    monkeypatch.setattr(_Pagefind, "command", [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), 9)"])
    with pytest.raises(PublishError) as failure:
        publish_static(archive_db, tmp_path / "site")
    message = str(failure.value)
    assert "\n" not in message and message.startswith(f"{tmp_path / 'site'}: pagefind could not index the site")
    assert "signal 9 (out of memory?" in message


def test_the_link_checker_checks_only_the_pages_given(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f'<a href="/{name}-missing/">x</a><a href="/a/">a</a>')
    assert check_links(tmp_path) == ["a/index.html: /a-missing/", "b/index.html: /b-missing/"]
    assert check_links(tmp_path, pages=[tmp_path / "b" / "index.html"]) == ["b/index.html: /b-missing/"]


def test_the_link_checker_reads_anchors_entities_and_skips_scripts(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p><a href="/b/?q=1&amp;r=2#there">b</a>'
                                               "<a href='#here'>self</a><a href=\"#nowhere\">bad</a>")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h1 id="there">b</h1><script src="/missing.js">'
                                               'var s = \'<a href="/not-a-link">\';</script>'
                                               '<!-- <a href="/commented-out"> -->')
    assert check_links(tmp_path) == ["a/index.html: #nowhere (no such anchor)", "b/index.html: /missing.js"]


def test_building_twice_gives_identical_files(archive_db, site, tmp_path):
    first, _ = site
    second = tmp_path / "again"
    publish_static(archive_db, second)
    files = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.is_file()) or \
        all(PAGEFIND_VOLATILE.match(f) for f in set(files) ^ {str(p.relative_to(second)) for p in second.rglob("*")
                                                              if p.is_file()})
    stable = [f for f in files if not PAGEFIND_VOLATILE.match(f)]
    assert len(stable) > 600
    _, mismatch, errors = filecmp.cmpfiles(first, second, stable, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_the_datasette_bundle_serves_locally(archive_db, tmp_path):
    bundle = tmp_path / "bundle"
    files = publish_datasette(archive_db, bundle)
    wheel = next(name for name in files if name.endswith("-py3-none-any.whl"))
    assert {"Dockerfile", "requirements.txt", "archive.db", "metadata.yml", "inspect-data.json"} <= set(files)
    assert not any(name.startswith(("ingest/", "plugins/", "templates/")) for name in files)  # no source folders
    assert re.search(r"^datasette==0\.65\.\d+$", (bundle / "requirements.txt").read_text(), re.M)
    assert f"./{wheel}" in (bundle / "Dockerfile").read_text()
    # the bundle's code is its wheel: install it apart (its requirements are this environment's)
    site_packages = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site_packages),
                    str(bundle / wheel)], check=True)
    command = re.search(r"^CMD (.+?)$", (bundle / "Dockerfile").read_text().replace("\\\n", " "), re.M).group(1)
    port = free_port()
    args = [a for a in command.split() if a] + []
    args = [sys.executable, "-m"] + [str(port) if a == "$PORT" else a for a in args]
    args[args.index("0.0.0.0")] = "127.0.0.1"
    env = dict(os.environ, PYTHONPATH=str(site_packages))
    process = subprocess.Popen(args, cwd=bundle, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/robots.txt", process)
        for path in ["/", "/articles/2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed",
                     "/people/choe-son-hui", "/search?q=invincible", "/archive/articles.json?_shape=array",
                     "/archive/quotes_by_person.json?person=choe-son-hui"]:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.browser
def test_pagefind_search_in_a_real_browser(site):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, assert_laid_out, assert_nothing_hidden_is_shown

    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    outdir, _ = site
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=outdir,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/", server)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.fill("header.site-header input[name=q]", "invincible")
            page.press("header.site-header input[name=q]", "Enter")
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            assert_laid_out(page)
            (Path(__file__).parent / "artifacts").mkdir(exist_ok=True)
            page.screenshot(path=Path(__file__).parent / "artifacts" / "static-search.png", full_page=True)
            page.locator(".pagefind-ui__result-link").first.click()
            page.wait_for_url("**/articles/**")
            assert "invincible" in page.locator(".article .body").inner_text()
            assert_nothing_hidden_is_shown(page)
            # built without --site-url: the reader's browser completes the permalink to where it is
            assert page.locator(".cite .permalink-url").inner_text().startswith(f"{base}/articles/")
            page.screenshot(path=Path(__file__).parent / "artifacts" / "static-article.png", full_page=True)
            page.locator(".article .body a[href^='/people/']").first.click()
            page.wait_for_url("**/people/**")
            assert page.locator("h1").inner_text()
            assert_nothing_hidden_is_shown(page)
            browser.close()
    finally:
        server.terminate()
