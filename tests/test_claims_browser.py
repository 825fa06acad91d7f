"""The Claims view in a real browser (Debian's headless Chromium driven by Playwright).

Picks a speaker by typing part of the name, sees the weekly plot and the list of their
claims, opens a claim and sees its quote marked in its paragraph, downloads the list as
CSV, and follows a claimant on a chat source card to their claims. Screenshots go to
test-out/screenshots/.
"""

from __future__ import annotations

import csv
import io

import pytest
from test_web_browser import ARGS, CHROMIUM, SHOTS
from web_server import copy_engine, running_app

from assistant.claims import CSV_COLUMNS
from assistant.web.app import create_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)"
    ),
]


@pytest.fixture(scope="module")
def page(seed_engine, engine_factory, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    engine = copy_engine(seed_engine, tmp_path_factory.mktemp("claims") / "store", engine_factory)
    with running_app(create_app(engine)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 940}, accept_downloads=True)
        page.set_default_timeout(120_000)
        page.goto(base + "/")
        yield page
        browser.close()


def _caption(page) -> str:
    return page.locator("#ct-claims-list .ct-claims-caption").inner_text()


def test_pick_a_speaker_see_plot_and_list_open_a_claim_and_download(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#ct-claims-tab-button").click()
    page.locator("#ct-claims-list .ct-claim-row").first.wait_for()
    assert page.locator("#ct-claims-plot svg rect").count() >= 1
    assert _caption(page).startswith("The newest ")

    menu = page.locator("#ct-claims-speaker input")
    menu.click()
    menu.press_sequentially("Konash")
    page.locator("[role=option]").filter(has_text="Igor Konashenkov").first.click()
    page.wait_for_function(
        "() => (document.querySelector('#ct-claims-list .ct-claims-caption') || {})"
        ".textContent === '3 claims by Igor Konashenkov'"
    )
    rows = page.locator("#ct-claims-list .ct-claim-row")
    assert rows.count() == 3
    assert {rows.nth(i).locator(".ct-who").inner_text() for i in range(3)} == {"Igor Konashenkov"}
    assert "by Igor Konashenkov" in page.locator("#ct-claims-plot").inner_text()
    page.screenshot(path=SHOTS / "20-claims-speaker.png")

    quote = rows.first.locator("blockquote").inner_text().strip()
    rows.first.locator("button.ct-claim-pick").click()
    mark = page.locator("#ct-claims-opened mark.ct-quote")
    mark.wait_for()
    assert mark.inner_text().strip() == quote
    assert "Igor Konashenkov" in page.locator("#ct-claims-opened .ct-claim-src").inner_text()
    assert page.locator("#ct-claims-opened .ct-side").count() >= 2  # others beside it
    assert "ct-marked" in rows.first.get_attribute("class")
    page.screenshot(path=SHOTS / "21-claims-opened.png")

    with page.expect_download() as got:
        page.locator("#ct-claims-csv").click()
    table = list(csv.reader(io.StringIO(open(got.value.path(), encoding="utf-8").read())))
    assert table[0] == CSV_COLUMNS and len(table) == 4
    assert {r[CSV_COLUMNS.index("speaker_name")] for r in table[1:]} == {"Igor Konashenkov"}


def test_a_claimant_on_a_chat_source_card_opens_their_claims(page):
    page.locator("#ct-chat-tab-button").click()
    page.locator("#ct-question textarea").fill("Why did Russian troops leave Izium and Balakliia?")
    page.locator("#ct-ask").click()
    link = page.locator("#ct-sources a.ct-speaker-link").filter(has_text="Konashenkov").first
    link.wait_for()
    link.click()
    assert page.locator("#ct-claims-speaker").is_visible()
    page.wait_for_function(
        "() => ((document.querySelector('#ct-claims-list .ct-claims-caption') || {})"
        ".textContent || '').endsWith('by Igor Konashenkov')"
    )
    assert "Igor Konashenkov" in page.locator("#ct-claims-speaker input").input_value()
