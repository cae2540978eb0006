"""What a person sees, in a real headless Chromium (Debian's, driven by Playwright) against
`archive serve` on 127.0.0.1: home -> search "invincible" -> the article -> a person -> their
quotes, with no console errors. Screenshots land in tests/artifacts/."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by `make test`")
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (make test installs it as root)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(archive_db):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "ingest", "serve", "--db", str(archive_db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=1)
            break
        except OSError:
            assert process.poll() is None, process.stdout.read().decode()
            assert time.time() < deadline, "archive serve did not start"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def assert_laid_out(page) -> None:
    """The page is a column: content first, footer below it, nothing wider than the window."""
    below = page.evaluate("document.querySelector('footer').getBoundingClientRect().top >= "
                          "document.querySelector('.not-footer').getBoundingClientRect().bottom - 1")
    assert below, f"footer is beside the content on {page.url}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{page.url} overflows"


def assert_nothing_hidden_is_shown(page) -> None:
    """No element marked `hidden` (the search-filter block of article and entity pages) is
    displayed: a stylesheet's `div {display: block}` must not override the attribute."""
    shown = page.evaluate("""[...document.querySelectorAll('[hidden]')]
        .filter(e => getComputedStyle(e).display !== 'none' || e.getClientRects().length > 0)
        .map(e => e.outerHTML.slice(0, 120))""")
    assert shown == [], f"hidden elements are displayed on {page.url}: {shown}"


def watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_reader_journey_home_search_article_person_quotes(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto(server + "/")
    assert "Russia–North Korea Treaty Archive" in page.title()
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / "home.png", full_page=True)

    page.fill("header.site-header input[name=q]", "invincible")
    page.press("header.site-header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=invincible")
    assert page.locator("ol.results mark").first.inner_text().lower() == "invincible"
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / "search.png", full_page=True)

    page.locator("ol.results li a").first.click()
    page.wait_for_url("**/articles/2025-06-20-*")
    assert page.locator("h1").inner_text().startswith("North Korea's Foreign Minister Choe Son-hui")
    assert page.locator(".article .body .hl-person").count() >= 5
    assert_laid_out(page)
    assert_nothing_hidden_is_shown(page)
    page.screenshot(path=ARTIFACTS / "article.png", full_page=True)

    page.locator(".article .body a[href='/people/choe-son-hui']").first.click()
    page.wait_for_url("**/people/choe-son-hui")
    assert page.locator("h1").inner_text() == "Choe Son Hui"
    quotes = page.locator("ul.quotes blockquote").all_inner_texts()
    assert any("invincible alliance" in q for q in quotes)
    assert_laid_out(page)
    assert_nothing_hidden_is_shown(page)
    page.screenshot(path=ARTIFACTS / "person.png", full_page=True)

    page.goto(server + "/charts")
    assert page.locator("svg.vl-chart").count() == 3
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / "charts.png", full_page=True)
    assert errors == []


def test_quote_permalink_scrolls_to_the_sentence(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "/people/choe-son-hui")
    link = page.locator("ul.quotes a[href*='#q-']").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_function(f"location.hash === '#{target}'")  # the click navigates to another page
    page.wait_for_load_state("load")  # the hash is set before the new page is in: wait for it
    page.wait_for_function(f"document.getElementById('{target}')?.matches(':target')", timeout=10000)
    assert page.locator(f"#{target}").is_visible()


def test_article_reads_on_a_phone(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    errors = watch(page)
    page.goto(server + "/articles/2025-06-20-north-korea-s-foreign-minister-choe-son-hui-has-hailed")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    assert_laid_out(page)
    assert_nothing_hidden_is_shown(page)
    page.screenshot(path=ARTIFACTS / "article-phone.png", full_page=True)
    assert errors == []


def test_datasette_table_pages_stay_a_readable_height(server, browser):
    """Five articles in Datasette's table view were 22,875 px tall: each cell held a whole body."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto(server + "/archive/articles?_size=5")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=ARTIFACTS / "table.png", full_page=True)
    assert height < 3000, f"five rows are {height}px tall"
    page.goto(server + "/people")
    assert_nothing_hidden_is_shown(page)
    assert page.locator("#not-in-articles summary").is_visible()
    assert not page.locator("#not-in-articles li").first.is_visible()  # folded away until asked for
    page.screenshot(path=ARTIFACTS / "people.png", full_page=True)
    assert errors == []


# ---------------------------------------------------------------- charts and maps, live and static


@pytest.fixture(scope="module")
def static_site(archive_db, tmp_path_factory):
    """The static build of the test archive, served by a plain file server on 127.0.0.1."""
    outdir = tmp_path_factory.mktemp("static") / "site"
    # (a process of its own: Playwright's sync API keeps an event loop running in this one)
    done = subprocess.run([sys.executable, "-m", "ingest", "publish", "static", str(outdir), "--db", str(archive_db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and " 0 broken links" in done.stdout, done.stdout + done.stderr
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(outdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=1)
            break
        except OSError:
            assert time.time() < deadline, "the file server did not start"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def assert_texts_inside(page, selector: str) -> None:
    """No label of a chart or map is cut off: every <text> lies inside its <svg>'s box."""
    outside = page.evaluate("""selector => [...document.querySelectorAll(selector)].flatMap(svg => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => [t, t.getBoundingClientRect()])
          .filter(([t, r]) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 ||
                                               r.top < box.top - 1 || r.bottom > box.bottom + 1))
          .map(([t, r]) => t.textContent);
    })""", selector)
    assert outside == [], f"labels cut off on {page.url}: {outside}"


@pytest.mark.parametrize("where", ["live", "static"])
def test_charts_and_maps_in_the_browser(where, request, browser):
    base = request.getfixturevalue("server" if where == "live" else "static_site")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)

    page.goto(base + "/charts")
    assert page.locator("svg.vl-chart").count() == 3
    assert page.locator("svg.vl-chart").nth(1).locator("text", has_text="Choe Son Hui").count() == 1
    assert_texts_inside(page, "svg.vl-chart")
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / f"charts-{where}.png", full_page=True)

    page.goto(base + "/map")
    main_map = page.locator("svg.map").first
    assert main_map.is_visible()
    for name in ("Pyongyang", "Moscow", "Seoul", "Vladivostok", "Kursk", "Khasan"):
        assert page.locator(f"svg.map circle title:text-matches('^{name}:')").count() >= 1, name
    assert_texts_inside(page, "svg.map")
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / f"map-{where}.png", full_page=True)
    href = page.locator("svg.map a[href$='/places/khasan']").first.get_attribute("href")
    page.goto(base + href)  # (a dot can lie under its neighbour's ring: follow the link itself)
    assert page.locator("svg.locator .dot.here").count() == 1

    page.goto(base + "/places/pyongyang")
    assert page.locator("svg.locator").is_visible()
    page.wait_for_selector(".entity-chart[data-rendered] .chart-target svg", timeout=15000)
    assert not page.locator(".entity-chart .chart-fallback").is_visible()  # the table gives way to the chart
    assert page.locator(".entity-chart .chart-target svg .mark-rect path").count() >= 2
    assert_texts_inside(page, "svg.locator")
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / f"place-{where}.png", full_page=True)

    page.goto(base + "/people/choe-son-hui")
    page.wait_for_selector(".entity-chart[data-rendered] .chart-target svg", timeout=15000)
    assert_laid_out(page)
    page.screenshot(path=ARTIFACTS / f"person-{where}.png", full_page=True)
    assert errors == []

    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone_errors = watch(phone)
    for name, path in (("charts", "/charts"), ("map", "/map"), ("place", "/places/kursk"),
                       ("person", "/people/choe-son-hui")):
        phone.goto(base + path)
        if name == "charts":  # the narrow copies, not the wide charts shrunk to 5 px text
            assert phone.locator("svg.vl-chart-narrow:visible").count() == 3
            assert phone.locator("svg.vl-chart:visible").count() == 0
            assert_texts_inside(phone, "svg.vl-chart-narrow")
        if name in ("place", "person"):
            phone.wait_for_selector(".entity-chart[data-rendered] .chart-target svg", timeout=15000)
            # drawn to the phone's width, not shrunk: its axis labels stay a readable size
            assert phone.evaluate("""() => { const svg = document.querySelector('.entity-chart .chart-target svg');
                return svg.getBoundingClientRect().width <= svg.parentElement.getBoundingClientRect().width + 1
                       && svg.getBoundingClientRect().width >= svg.width.baseVal.value - 1; }"""), path
        assert_laid_out(phone)
        phone.screenshot(path=ARTIFACTS / f"{name}-phone-{where}.png", full_page=True)
    assert phone_errors == []


def test_entity_chart_without_scripts_is_a_table(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/people/kim-jong-un")
    assert page.locator(".entity-chart .chart-fallback table").is_visible()
    page.screenshot(path=ARTIFACTS / "person-no-js.png", full_page=True)
    context.close()
