"""The web reader end to end: headless Chromium (Playwright) against a real uvicorn server on
a free loopback port. Paste, read the highlights, follow a speaker, search, and check that
an article full of markup stays text and no script of its runs. Then the Sources page over
the store whose figures are known (``support.audited``): its charts, their titles and tables,
its filters used as a user does, with and without JavaScript, on a phone and a wide screen.

Set ONRECORD_UPDATE_SCREENSHOT=1 to rewrite docs/reader.png from the laptop-width check and
docs/sources.png from a synthetic store (``support.sources_demo``; an 8-bit palette where
Pillow is installed).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from support.serve import ARTICLE_A, ARTICLE_B, IMG, SCRIPT, XSS_ARTICLE

CHROMIUM = Path(os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "marlow_falls_council.txt"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed (the serve extra)")
if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set ONRECORD_CHROMIUM)",
        allow_module_level=True,
    )


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """A real uvicorn server in a thread, on a port the OS picked (no race for it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    """The reader over an empty store, with the pipeline to extract what is pasted."""
    from onrecord.serve.app import LOOPBACK_HOSTS, create_app

    db = tmp_path_factory.mktemp("browser") / "store.db"
    with serving(create_app(str(db), nlp_factory=lambda: nlp, allowed_hosts=LOOPBACK_HOSTS)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """What a page did that it should not: dialogs (alert), page errors, CSP violations."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport=LAPTOP)
    p = context.new_page()
    p.set_default_timeout(15_000)
    watch = Watch(p)
    yield p, watch
    context.close()


def paste(p: Any, base_url: str, text: str, *, save: bool = False, title: str = "") -> None:
    p.goto(f"{base_url}/reader")
    p.fill("#title", title)
    p.fill("#text", text)
    p.click("#save-button" if save else "#extract-button")
    p.wait_for_selector("#text mark[data-attr]")


def test_paste_shows_highlights_speakers_and_details(page: Any, base_url: str) -> None:
    p, watch = page
    paste(p, base_url, ARTICLE_A, title="Fares")
    assert p.locator("h1").first.inner_text() == "Fares"
    marks = p.locator("#text mark.hl")
    assert marks.count() >= 3
    # Every mark shows the article's own characters, in order.
    shown = p.locator("#text").inner_text()
    assert "We will keep the ferry running" in shown and "cannot pay more" in shown
    cues = p.locator("#text mark.cue")
    assert {cues.nth(i).inner_text() for i in range(cues.count())} >= {"said", "warned"}
    speakers = p.locator("#speaker-list button.speaker")
    rows = {
        speakers.nth(i).locator(".name").inner_text(): speakers.nth(i)
        .locator(".count")
        .inner_text()
        for i in range(speakers.count())
    }
    assert rows["Dana Whitlock"] == "2" and rows["Omar Reyes"] == "1"
    # Hover text and click details: speaker, kind, confidence and the resolved entity.
    quote = p.locator('#text mark.hl[data-attr="A1"]').first
    assert "Dana Whitlock" in (quote.get_attribute("title") or "")
    quote.click()
    details = p.locator("#details-body")
    assert "Dana Whitlock" in details.inner_text()
    assert "direct" in details.inner_text().lower()
    assert "Confidence" in details.inner_text() and "Entity" in details.inner_text()
    assert p.locator("#text mark.selected").count() >= 1
    # Focus on one speaker: the others' highlights fade.
    p.click('button.speaker:has-text("Omar Reyes")')
    assert p.locator('#text mark[data-attr="A1"].faded').count() >= 1
    assert p.locator('#text mark[data-attr="A3"].faded').count() == 0
    watch.assert_clean()


def test_choosing_a_least_confidence_hides_the_unsure(page: Any, base_url: str) -> None:
    p, watch = page
    # The last sentence is a broad attribution the models are unsure of (about 0.6).
    text = ARTICLE_A + "\nMany riders fear the fares will keep rising. Not everyone is convinced.\n"
    paste(p, base_url, text, title="Fares")
    cards = [p.locator("#cards .card").nth(i) for i in range(p.locator("#cards .card").count())]
    confidence = {
        c.get_attribute("data-attr"): float(c.get_attribute("data-confidence")) for c in cards
    }
    unsure = {a for a, c in confidence.items() if c < 0.8}
    assert unsure and unsure != set(confidence)
    p.select_option("#min-confidence", "0.8")
    marks = p.locator("#text mark[data-attr]")
    for i in range(marks.count()):
        mark = marks.nth(i)
        faded = "unsure" in (mark.get_attribute("class") or "").split()
        assert faded == (mark.get_attribute("data-attr") in unsure)
    assert p.locator("#cards .card:visible").count() == 0  # the list is folded away
    assert p.locator("#cards .card[hidden]").count() == len(unsure)
    shown = len(confidence) - len(unsure)
    assert p.locator("#shown-count").inner_text() == f"{shown} of {len(confidence)}"
    # An unsure highlight still opens its details when clicked.
    p.locator(f'#text mark[data-attr="{sorted(unsure)[0]}"]').first.click()
    assert "Confidence" in p.locator("#details-body").inner_text()
    p.select_option("#min-confidence", "0.0")
    assert p.locator("#text mark.unsure").count() == 0
    assert p.locator("#cards .card[hidden]").count() == 0
    watch.assert_clean()


def test_saved_article_speaker_page_and_back_to_the_quote(page: Any, base_url: str) -> None:
    p, watch = page
    paste(p, base_url, ARTICLE_B, save=True, title="Ferry plan draws a crowd")
    assert "/reader/articles/" in p.url
    assert p.locator(".tag:has-text('not stored')").count() == 0
    p.click('a.speaker-page[href*="/reader/speakers/"] >> nth=0')
    p.wait_for_selector("ul.quotes")
    assert p.locator("h1").inner_text() in {"Dana Whitlock", "Omar Reyes"}
    p.click("a.context >> nth=0")
    p.wait_for_selector("#text mark.selected")
    attr = p.url.rsplit("#attr-", 1)[1]
    assert p.locator(f'#text mark.selected[data-attr="{attr}"]').count() >= 1
    assert p.locator(f"#attr-{attr}").count() == 1
    watch.assert_clean()


def test_search_from_the_header(page: Any, base_url: str) -> None:
    p, watch = page
    paste(p, base_url, ARTICLE_A, save=True, title="Harbor board approves ferry fares")
    p.fill(".nav-search input", "ferry running")
    p.press(".nav-search input", "Enter")
    p.wait_for_selector("ol.results li.result")
    result = p.locator("li.result").first
    assert [m.inner_text() for m in result.locator("mark.term").all()] == ["ferry", "running"]
    result.locator('a[href*="#attr-"]').click()
    p.wait_for_selector("#text mark.selected")
    assert "running" in p.locator("#text mark.selected").first.inner_text()
    watch.assert_clean()


def test_markup_in_an_article_stays_text(page: Any, base_url: str) -> None:
    p, watch = page
    for save in (False, True):
        paste(p, base_url, XSS_ARTICLE, save=save, title=IMG)
        text = p.locator("#text").inner_text()
        assert SCRIPT in text and IMG in text
        assert p.locator("h1").first.inner_text() == IMG
        assert p.locator("#text script, #text img, h1 img").count() == 0
        p.locator("#text mark.hl").first.click()
        assert SCRIPT in p.locator("#details-body").inner_text()
    p.goto(f"{base_url}/reader/search?q=plan+mess")
    assert SCRIPT in p.locator("ol.results").first.inner_text()  # the quotes; then articles
    assert p.locator("ol.results script, ol.results img").count() == 0
    p.goto(f"{base_url}/reader/search?q={IMG}")
    assert p.locator(".search-form input[name=q]").input_value() == IMG
    time.sleep(0.2)  # give any injected handler (onerror) the chance to fire
    watch.assert_clean()


def test_reader_fits_a_phone_and_a_laptop(browser: Any, base_url: str, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for viewport in (PHONE, LAPTOP):
        context = browser.new_context(viewport=viewport)
        p = context.new_page()
        watch = Watch(p)
        # Saved at laptop width, so the screenshot shows the links to speaker pages too.
        paste(p, base_url, text, save=viewport is LAPTOP)
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"horizontal scroll at {viewport['width']} px"
        p.locator('#text mark.hl[data-attr="A4"]').first.click()
        assert p.locator("#details").is_visible()
        if viewport is LAPTOP:
            shot = tmp_path / "reader.png"
            p.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            if os.environ.get("ONRECORD_UPDATE_SCREENSHOT"):
                shutil.copyfile(shot, REPO / "docs" / "reader.png")
        watch.assert_clean()
        context.close()


# Words with no break in them, as pasted news carries: a link, a title made of a slug.
LONG_URL = "https://example.org/" + "harbor-board/" * 6 + "fares?ref=" + "x" * 48
LONG_WORD = "ferryfaresforeveryriderintheharborandbeyond" * 2
LONG_ARTICLE = f"""Ferry fares to rise

"We will keep the ferry running for {LONG_WORD}," Mayor Dana Whitlock said on Monday. The \
plan is at {LONG_URL} for anyone to read.

Council member Omar Reyes warned that riders "cannot pay more."
"""


LONG_TITLE = "Ferry" + "fares" * 24


def reader_pages(browser: Any, base_url: str) -> list[tuple[str, str]]:
    """Every kind of reader page, with the unbroken text each shows (the speakers page has
    only names): home, articles, an article, search, speakers, a speaker, an error."""
    context = browser.new_context(viewport=LAPTOP)
    p = context.new_page()
    paste(p, base_url, LONG_ARTICLE, save=True, title=LONG_TITLE)
    article = p.url
    speaker = p.locator("a.speaker-page").first.get_attribute("href")
    context.close()
    return [
        (f"{base_url}/reader", LONG_TITLE),
        (f"{base_url}/reader/articles", LONG_TITLE),
        (article, LONG_URL),
        (f"{base_url}/reader/search?q=ferry+running", LONG_WORD),
        (f"{base_url}/reader/speakers", ""),
        (f"{base_url}{speaker}", LONG_WORD),
        (f"{base_url}/reader/articles/missing-{LONG_WORD}", LONG_WORD),
    ]


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    p = context.new_page()
    watch = Watch(p)
    requested: list[str] = []
    p.on("request", lambda r: requested.append(r.url))
    wide = {}
    for url, shown in reader_pages(browser, base_url):
        p.goto(url)
        assert shown in p.locator("body").inner_text(), url
        width = p.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url.removeprefix(base_url)] = width
    assert wide == {}, f"wider than {PHONE['width']} px"
    # Fonts, styles and scripts all come from the reader itself.
    assert requested and all(u.startswith(base_url) for u in requested), requested
    errors = [e for e in watch.errors if "404" not in e]  # the error page's own status
    assert watch.dialogs == [] and errors == []
    context.close()


def test_form_controls_line_up_and_show_keyboard_focus(page: Any, base_url: str) -> None:
    p, watch = page
    p.goto(f"{base_url}/reader/search?q=ferry")
    controls = ["#search-q", "#min-confidence", "#scope", "#kinds", ".search-form button"]
    heights = {c: p.locator(c).bounding_box()["height"] for c in controls}
    assert max(heights.values()) - min(heights.values()) <= 1, heights
    assert min(heights.values()) >= 36, heights  # a comfortable target, not the UA default
    p.click("#search-q")
    for _ in controls[1:]:
        p.keyboard.press("Tab")
        ring = p.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"
        )
        assert ring[1] != "none" and float(ring[2].removesuffix("px")) >= 2, ring
    watch.assert_clean()


def test_a_wide_table_scrolls_inside_its_wrapper(browser: Any, base_url: str) -> None:
    """Any page's table (a Sources list, say) in ``.table-wrap`` scrolls on its own."""
    context = browser.new_context(viewport=PHONE)
    p = context.new_page()
    p.goto(f"{base_url}/reader/articles")
    # Built with DOM calls, as a page's template would render it: ten wide columns.
    p.evaluate(
        """() => {
        const wrap = document.createElement("div");
        wrap.className = "table-wrap";
        const table = wrap.appendChild(document.createElement("table"));
        const row = table.createTBody().insertRow();
        for (let i = 0; i < 10; i++) row.insertCell().textContent = "outlet-name-" + i;
        document.querySelector("main .card-box").append(wrap);
        }"""
    )
    wrap = p.locator(".table-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # it does scroll, inside
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


# The Sources page, over the store whose every figure is known (support.audited), served
# for real without the pipeline: reading a store never loads it.


def _no_pipeline() -> Any:
    raise AssertionError("reading a store never loads the pipeline")


@contextmanager
def serving_store(db: Path, articles: list[Any]) -> Iterator[str]:
    from onrecord.serve.app import LOOPBACK_HOSTS, create_app
    from onrecord.store import open_store

    with open_store(str(db)) as store:
        for article in articles:
            store.add_article(article)
        store.commit()
    with serving(
        create_app(str(db), nlp_factory=_no_pipeline, allowed_hosts=LOOPBACK_HOSTS)
    ) as url:
        yield url


@pytest.fixture(scope="module")
def audited_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from support.audited import audited_articles

    with serving_store(tmp_path_factory.mktemp("audited") / "store.db", audited_articles()) as url:
        yield url


WIDE = {"width": 1280, "height": 900}


def open_page(
    browser: Any, viewport: dict[str, int], **options: Any
) -> tuple[Any, Any, Watch, list[str]]:
    """A fresh context and page, watched, with every URL it requests."""
    context = browser.new_context(viewport=viewport, **options)
    p = context.new_page()
    p.set_default_timeout(15_000)
    requested: list[str] = []
    p.on("request", lambda r: requested.append(r.url))
    return context, p, Watch(p), requested


def chart_marks(p: Any) -> dict[str, list[str]]:
    """Each chart's marks' titles (bar segments, points), by the chart's caption."""
    return p.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("figure.chart")].map(f => [
            f.querySelector("figcaption").textContent.trim(),
            [...f.querySelectorAll("svg rect > title, svg circle > title")].map(t => t.textContent),
        ]))"""
    )


def assert_charts_drawn(p: Any) -> None:
    """Three charts, each an SVG with marks that are drawn (a size, a fill) and a table of
    its figures in the same section."""
    svgs = p.locator("figure.chart svg")
    assert svgs.count() == 3
    for i in range(3):
        box = svgs.nth(i).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 10, box
        section = svgs.nth(i).locator("xpath=ancestor::section[1]")
        assert section.locator("div.table-wrap > table.figures").count() == 1
    drawn = p.evaluate(
        """() => [...document.querySelectorAll("figure.chart svg rect, figure.chart svg circle")]
            .map(e => { const b = e.getBoundingClientRect(), s = getComputedStyle(e);
                        return [e.tagName, b.width > 0 && b.height > 0, s.visibility, s.fill]; })"""
    )
    assert len(drawn) >= 5
    assert all(sized and seen == "visible" for _, sized, seen, _ in drawn), drawn
    # The stylesheet coloured the segments: none is left the default black, and they differ.
    fills = {fill for tag, _, _, fill in drawn if tag == "rect"}
    assert len(fills) >= 3 and "rgb(0, 0, 0)" not in fills, fills
    assert p.locator("polyline").count() >= 1


def test_sources_page_draws_three_charts_each_with_its_table(
    browser: Any, audited_url: str
) -> None:
    context, p, watch, requested = open_page(browser, WIDE)
    p.goto(f"{audited_url}/reader/sources")
    assert p.locator("h1").inner_text() == "Sources"
    assert_charts_drawn(p)
    marks = chart_marks(p)
    assert list(marks) == [
        "Sources by type, per outlet",
        "Person sources by gender, per outlet",
        "Shares by month",
    ]
    by_type, by_gender, over_time = marks.values()
    assert "apnews.com: person 75% (6 of 8)" in by_type
    assert "The Guardian: person 60% (3 of 5)" in by_type
    assert "The Guardian: female 33% (1 of 3)" in by_gender
    assert any(t.startswith("2024-01: women among person sources") for t in over_time)
    # The segment under the pointer is the one its title names: nothing covers the bars.
    segment = p.locator('svg rect:has(title:text-is("apnews.com: person 75% (6 of 8)"))')
    segment.hover()
    box = segment.bounding_box()
    under = p.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).querySelector('title')?.textContent",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert under == "apnews.com: person 75% (6 of 8)"
    # Its width is its share of the bar: 75% of the bar's full length.
    bar = segment.locator("xpath=..").locator("rect")
    widths = [bar.nth(i).bounding_box()["width"] for i in range(bar.count())]
    assert abs(box["width"] / sum(widths) - 0.75) < 0.01, widths
    # The table beside it says the same: apnews.com 8 attributions, persons 75%.
    row = p.locator("table.figures tr", has=p.locator('th:text-is("apnews.com")'))
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "8" and "75%" in cells
    total = p.locator("table.figures tr.total td").first.inner_text()
    assert total == "13"
    assert all(u.startswith(audited_url) for u in requested), requested
    watch.assert_clean()
    context.close()


def test_sources_page_fits_a_phone_and_a_wide_screen(browser: Any, audited_url: str) -> None:
    for viewport in (PHONE, WIDE):
        context, p, watch, requested = open_page(browser, viewport)
        for query in ("", "?outlet=The+Guardian&over=week"):
            p.goto(f"{audited_url}/reader/sources{query}")
            assert_charts_drawn(p)
            width = p.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"horizontal scroll at {viewport['width']} px"
            # Every chart's box is inside the page; on a phone a chart keeps a readable size
            # (its labels at least 10 px) and scrolls inside that box, as wide tables do.
            for chart in p.locator("figure.chart").all():
                box = chart.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
            label = p.locator("text.bar-label").first.bounding_box()
            assert label["height"] >= 10, label
        assert all(u.startswith(audited_url) for u in requested), requested
        watch.assert_clean()
        context.close()


def count(p: Any, button: str = "Count") -> None:
    """Submit the page's filter form with its button, as a user does, and wait for the page."""
    with p.expect_navigation():
        p.locator("form.sure").get_by_role("button", name=button).click()


def test_filters_narrow_the_pages_as_a_user_chooses(browser: Any, audited_url: str) -> None:
    context, p, watch, requested = open_page(browser, WIDE)
    p.goto(f"{audited_url}/reader/sources")
    assert p.locator("#scope").input_value() == "all"
    # Female persons: Ann Lee's 5 attributions (two direct and a phrase in ap1, one in ap2,
    # one in gu1), every one in scope "all".
    p.select_option("#gender", "female")
    count(p)
    assert "gender=female" in p.url
    assert p.locator("#gender").input_value() == "female"  # the form keeps the choice
    assert p.locator("table.figures tr.total td").first.inner_text() == "5"
    assert (
        "apnews.com: female 100% (4 of 4)" in chart_marks(p)["Person sources by gender, per outlet"]
    )
    # One outlet: the other's bar is gone, from the charts and the table.
    p.select_option("#outlet", "The Guardian")
    count(p)
    assert "outlet=The+Guardian" in p.url and "gender=female" in p.url
    labels = p.locator("svg text.bar-label").all_text_contents()
    assert labels == ["The Guardian", "The Guardian"]  # one bar in each outlet chart
    titles = [t for ts in chart_marks(p).values() for t in ts]
    assert titles and not any(t.startswith("apnews.com") for t in titles)
    assert p.locator('table.figures th:text-is("apnews.com")').count() == 0
    assert p.locator("table.figures tr.total td").first.inner_text() == "1"
    # The speakers page: organisations only.
    p.goto(f"{audited_url}/reader/speakers")
    assert "Ann Lee" in p.locator("ol.rows").inner_text()
    p.select_option("#type", "organization")
    count(p)
    assert "type=organization" in p.url
    assert p.locator("ol.rows li > a").all_inner_texts() == ["Acme Corp"]
    # The articles page: one outlet's, newest first.
    p.goto(f"{audited_url}/reader/articles")
    p.select_option("#outlet", "apnews.com")
    count(p, "Show")
    assert "outlet=apnews.com" in p.url
    assert p.locator("ul.rows li > a").all_inner_texts() == ["Prices to fall", "Port to shut"]
    assert all(u.startswith(audited_url) for u in requested), requested
    watch.assert_clean()
    context.close()


def test_sources_page_works_without_javascript(browser: Any, audited_url: str) -> None:
    tables = {}
    for script in (True, False):
        context, p, watch, requested = open_page(browser, PHONE, java_script_enabled=script)
        p.goto(f"{audited_url}/reader/sources")
        assert_charts_drawn(p)
        assert "apnews.com: person 75% (6 of 8)" in chart_marks(p)["Sources by type, per outlet"]
        p.select_option("#gender", "female")
        p.select_option("#over", "week")
        count(p)
        assert "gender=female" in p.url and "over=week" in p.url
        assert p.locator("table.figures tr.total td").first.inner_text() == "5"
        assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        tables[script] = [t.inner_text() for t in p.locator("table.figures").all()]
        assert all(u.startswith(audited_url) for u in requested), requested
        watch.assert_clean()
        context.close()
    assert tables[True] == tables[False]  # the same page, with or without a script


def test_sources_screenshot(browser: Any, tmp_path: Path) -> None:
    """docs/sources.png (ONRECORD_UPDATE_SCREENSHOT=1), over a store that looks real."""
    from support.sources_demo import demo_articles

    with serving_store(tmp_path / "demo.db", demo_articles()) as url:
        context, p, watch, requested = open_page(browser, {"width": 1200, "height": 900})
        p.goto(f"{url}/reader/sources")
        assert_charts_drawn(p)
        assert p.locator("svg text.bar-label").count() == 8  # four outlets, two charts
        assert p.evaluate("document.documentElement.scrollWidth") <= 1200
        shot = tmp_path / "sources.png"
        p.screenshot(path=str(shot), full_page=True)  # the charts, their tables, the form
        assert shot.stat().st_size > 10_000
        if os.environ.get("ONRECORD_UPDATE_SCREENSHOT"):
            save_small_png(shot, REPO / "docs" / "sources.png")
        assert all(u.startswith(url) for u in requested), requested
        watch.assert_clean()
        context.close()


def save_small_png(shot: Path, to: Path) -> None:
    """Copy a screenshot, in an 8-bit palette where Pillow is installed (flat chart colours
    lose nothing to it)."""
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(shot, to)
        return
    with Image.open(shot) as image:
        image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
            to, optimize=True
        )
