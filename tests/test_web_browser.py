"""The chat page in a real browser: Debian's headless Chromium driven by Playwright.

Types a question, sees a cited answer, clicks [1] and sees the quoted sentence marked with
its claimant in the sources panel, uploads an article and asks about it, and checks that
an article holding a script runs nothing. Then the page's rough edges (issue 17): an upload
shows one progress bar, in the summary box; a claimant typed replaces "any" and filters,
and a filter nothing passes is explained without CLI flags; a new answer opens in view in a
long conversation; an article removed after a confirmation is gone. Screenshots go to
test-out/screenshots/.
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


IZIUM_QUESTION = "Why did Russian troops leave Izium and Balakliia?"


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


def test_a_journalist_asks_clicks_a_citation_uploads_and_nothing_runs(
    page_url, browser, seed_engine
):
    first_claimant = seed_engine.ask(IZIUM_QUESTION).citations[0].claimant
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1500, "height": 940})
    page.set_default_timeout(120_000)
    page.goto(page_url + "/")
    page.locator("#ct-stats .ct-stats").wait_for()
    page.screenshot(path=SHOTS / "01-empty.png")

    _ask(page, IZIUM_QUESTION, 0)
    assert page.locator("#ct-chat a.ct-cite").count() >= 1
    page.screenshot(path=SHOTS / "02-answer.png")
    page.locator('#ct-chat a.ct-cite[href="#ct-src-0-1"]').first.click()  # [1], wherever it is
    marked = page.locator("#ct-sources .ct-src.ct-marked")
    marked.wait_for()
    assert marked.get_attribute("id").endswith("-1")
    assert marked.locator("mark.ct-quote").inner_text().strip()
    assert marked.locator(".ct-who").inner_text().strip() == first_claimant  # source 1's speaker
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


@pytest.fixture
def own_page(seed_engine, engine_factory, tmp_path):
    """A page over its own copy of the seed index, for tests that change the index."""
    engine = copy_engine(seed_engine, tmp_path / "store", engine_factory)
    with running_app(create_app(engine)) as base:
        yield base


def _open(browser, url: str, height: int = 940):
    page = browser.new_page(viewport={"width": 1500, "height": height})
    page.set_default_timeout(120_000)
    page.goto(url + "/")
    page.locator("#ct-stats .ct-stats").wait_for()
    return page


#: The progress elements Gradio draws over an event's outputs, visible now, and where.
_PROGRESS = """() => Array.from(
    document.querySelectorAll('.progress-level, .progress-text, .eta-bar'))
  .filter(e => e.offsetParent !== null)
  .map(e => [e.className.split(' ')[0], !!e.closest('#ct-added')])"""


def test_an_upload_shows_one_progress_bar_in_the_summary_box(own_page, browser, tmp_path):
    from conftest import ARTICLES

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(8):  # 40 articles: long enough to watch the bar
        for seed in sorted(ARTICLES.glob("*.txt")):
            text = seed.read_text(encoding="utf-8")
            (folder / f"{n}_{seed.name}").write_text(f"Copy {n}.\n\n{text}", encoding="utf-8")
    page = _open(browser, own_page)
    page.get_by_text("Add articles").click()
    page.locator("#ct-upload input[type=file]").set_input_files(sorted(folder.iterdir()))
    page.locator("#ct-add-btn").click()
    seen = []
    while not page.locator("#ct-added .ct-added").count():
        seen.append(page.evaluate(_PROGRESS))
        page.wait_for_timeout(150)
    shown = [s for s in seen if s]
    assert shown, "no progress was shown during the upload"
    assert all(len([k for k, _ in s if k == "progress-level"]) <= 1 for s in shown)
    assert all(inside for s in shown for _, inside in s)  # only in the summary box
    assert "added 40," in page.locator("#ct-added").inner_text()
    page.close()


def test_a_claimant_typed_replaces_any_and_filters_in_the_pages_own_words(page_url, browser):
    page = _open(browser, page_url)
    box = page.get_by_label("Claimant")
    box.click()
    page.keyboard.type("Konashenkov")  # Enter keeps it: not the suggestion "Igor Konashenkov (…)"
    page.keyboard.press("Enter")
    page.locator("#ct-question textarea").click()
    assert box.input_value() == "Konashenkov"
    _ask(page, "Why did Russian troops leave Izium and Balakliia?", 0)
    who = page.locator("#ct-sources details[open] .ct-who").all_inner_texts()
    assert who and all("Konashenkov" in w for w in who)
    box.click()
    page.wait_for_timeout(300)  # the menu clears the last choice as it opens: a key sooner is lost
    page.keyboard.type("Nobodyson")
    page.keyboard.press("Enter")
    page.locator("#ct-question textarea").click()
    assert box.input_value() == "Nobodyson"
    _ask(page, "What did Prigozhin accuse the Ukrainian brigade of?", 1)
    warning = page.locator("#ct-chat .ct-notice").last.inner_text()
    assert "claimant 'Nobodyson'" in warning
    assert "--" not in warning and "claimtrace" not in warning
    page.screenshot(path=SHOTS / "06-claimant-typed.png")
    page.close()


def test_a_new_answer_opens_in_view_however_long_the_conversation(page_url, browser):
    page = _open(browser, page_url, height=560)
    longest = False
    questions = [
        "Why did Russian troops leave Izium and Balakliia?",
        "What did Prigozhin accuse the Ukrainian brigade of?",
        "What did Ukraine's president claim about Kharkiv?",
    ]
    for n, question in enumerate(questions):
        _ask(page, question, n)
        where = page.evaluate(
            """() => {
              const rows = document.querySelectorAll('#ct-chat .message-row.user-row');
              const row = rows[rows.length - 1], box = row.closest('.bubble-wrap');
              const bots = document.querySelectorAll('#ct-chat .message-row.bot-row');
              const r = row.getBoundingClientRect(), b = box.getBoundingClientRect();
              const tall = bots[bots.length - 1].getBoundingClientRect().height;
              return [r.top - b.top, b.bottom - r.bottom, tall > box.clientHeight];
            }"""
        )
        top, below, longer_than_the_view = where
        assert top >= 0 and below > 60, where  # the question and the answer's opening show
        if longer_than_the_view:
            assert top < 40, where  # at the top, the rest of the answer below it
            longest = True
    assert longest  # the answers were long enough to be scrolled away from
    page.screenshot(path=SHOTS / "07-third-answer-in-view.png")
    page.close()


def test_an_article_removed_on_the_page_is_gone_after_a_confirmation(own_page, browser):
    page = _open(browser, own_page)
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    assert page.locator("#ct-stats").inner_text().startswith("5 articles")
    page.get_by_text("Remove articles").click()
    page.locator("#ct-doomed input").click()
    page.keyboard.type("Defense Ministry")
    page.keyboard.press("Enter")
    page.locator("#ct-drop").click()
    page.locator("#ct-dropped .ct-removed").wait_for()
    assert asked == ["Remove 1 article from the index?"]
    removed = page.locator("#ct-dropped").inner_text()
    assert "Removed 1 article" in removed and "Defense Ministry" in removed
    page.wait_for_function("document.querySelector('#ct-stats').innerText.startsWith('4 ')")
    page.screenshot(path=SHOTS / "08-article-removed.png")
    page.close()
