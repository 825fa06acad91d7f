"""The chat page in a real browser: Debian's headless Chromium driven by Playwright.

Types a question, sees a cited answer, clicks [1] and sees the quoted sentence marked with
its claimant in the sources panel, uploads an article and asks about it, and checks that
an article holding a script runs nothing. Screenshots go to test-out/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from web_server import copy_engine, running_app

from assistant.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "test-out" / "screenshots"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile_bridge.txt"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)"
    ),
]


@pytest.fixture(scope="module")
def page_url(seed_engine, engine_factory, tmp_path_factory):
    engine = copy_engine(seed_engine, tmp_path_factory.mktemp("browser") / "store", engine_factory)
    with running_app(create_app(engine)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _ask(page, question: str, answers_before: int) -> None:
    page.locator("#ct-question textarea").fill(question)
    page.locator("#ct-ask").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#ct-sources details.ct-turn').length > n",
        arg=answers_before,
        timeout=120_000,
    )


def test_a_journalist_asks_clicks_a_citation_uploads_and_nothing_runs(page_url, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1500, "height": 940})
    page.set_default_timeout(120_000)
    page.goto(page_url + "/")
    page.locator("#ct-stats .ct-stats").wait_for()
    page.screenshot(path=SHOTS / "01-empty.png")

    _ask(page, "Why did Russian troops leave Izium and Balakliia?", 0)
    assert page.locator("#ct-chat a.ct-cite").count() >= 1
    page.screenshot(path=SHOTS / "02-answer.png")
    page.locator("#ct-chat a.ct-cite").first.click()
    marked = page.locator("#ct-sources .ct-src.ct-marked")
    marked.wait_for()
    assert marked.get_attribute("id").endswith("-1")
    assert marked.locator("mark.ct-quote").inner_text().strip()
    assert "Konashenkov" in marked.locator(".ct-who").inner_text()
    assert marked.is_visible()
    page.screenshot(path=SHOTS / "03-citation-clicked.png")

    page.get_by_text("Add articles").click()
    page.locator("#ct-upload input[type=file]").set_input_files(str(HOSTILE))
    page.locator("#ct-add-btn").click()
    page.locator("#ct-added .ct-added").wait_for()
    assert "added 1," in page.locator("#ct-added").inner_text()
    page.screenshot(path=SHOTS / "04-uploaded.png")

    _ask(page, "When will the Harbour Bridge in Springfield open?", 1)
    newest = page.locator("#ct-sources details.ct-turn[open]")
    assert "Springfield bridge" in newest.inner_text()
    assert "<script>" in newest.locator("mark.ct-quote").first.inner_text()  # shown as text
    page.wait_for_timeout(500)  # let an onerror handler fire, were there an <img>
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ct-sources script, #ct-chat script, #ct-sources img").count() == 0
    page.screenshot(path=SHOTS / "05-hostile-article.png")

    page.locator("#ct-new").click()
    page.wait_for_function("!document.querySelector('#ct-sources details.ct-turn')")
    page.get_by_text("What did Ukraine's president claim about Kharkiv?").click()
    page.wait_for_function("document.querySelectorAll('#ct-sources details.ct-turn').length == 1")
    assert "Zelensky" in page.locator("#ct-sources").inner_text()
    page.close()
