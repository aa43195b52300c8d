"""The pages in a real browser: headless Debian Chromium driven by Playwright against uvicorn
on loopback, over a temporary archive filled through the library.

Skips when Playwright or /usr/bin/chromium is missing (CI installs both).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM = "/usr/bin/chromium"
if shutil.which(CHROMIUM) is None:
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from samples import CANAL_REOPENING, store_article, store_ferry  # noqa: E402

from newsbrief.web import create_app  # noqa: E402
from newsbrief.web.server import serve_in_thread  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
MARK_COLOR = """() => {
    const probe = document.createElement("div");
    probe.style.backgroundColor = "var(--mark)";
    document.body.appendChild(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
}"""  # the highlight colour brief.css defines, as the browser computes it

HOSTILE = (
    "The town of Mossford opened a new footbridge over the river on Saturday, the council said. "
    "Someone tried to post <script>window.__pwned = 'script'; alert('script')</script> on the "
    "council's website during the ceremony.\n\n"
    "Engineers said the bridge <img src=x onerror=\"window.__pwned='img'; alert('img')\"> would "
    "carry about 3,000 people a day. Residents were asked to read "
    "<a href=\"javascript:window.__pwned='link';alert('link')\">the safety notice</a> before "
    "crossing.\n\n"
    "The mayor, Helen Crowther, said the bridge had been built on time and within its budget "
    "of four million pounds, and that the old ford would stay open for horses."
)
HOSTILE_TITLE = "Mossford bridge opens <script>alert('title')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    db = tmp_path_factory.mktemp("web-browser") / "archive.db"
    ferry = store_ferry(db)
    hostile, _ = store_article(
        db,
        HOSTILE,
        HOSTILE_TITLE,
        "Mossford <b>Gazette</b>",
        datetime(2025, 3, 4, 12, 0, tzinfo=UTC),
    )
    with serve_in_thread(create_app(db)) as base_url:
        yield {"base": base_url, "ferry": ferry, "hostile": hostile}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 800}, color_scheme="light")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        yield tab
    finally:
        context.close()


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_list_story_evidence_link_highlights_the_sentence(page: Any, site: dict[str, str]) -> None:
    page.goto(site["base"] + "/")
    page.get_by_role("link", name="Ferry crews strike in Kestrel Bay").click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == "Ferry crews strike in Kestrel Bay"
    evidence = page.locator("#summary a.ev").first
    href = evidence.get_attribute("href")
    assert href is not None and href.startswith(f"/articles/{site['ferry']}?s=")
    evidence.click()
    page.wait_for_url(f"**/articles/{site['ferry']}?s=*")
    parts = urlsplit(page.url)
    index = int(parse_qs(parts.query)["s"][0])
    target = page.locator(f"#{parts.fragment}")
    assert "hl" in (target.get_attribute("class") or "").split()
    assert page.evaluate("document.querySelector(':target').id") == parts.fragment
    mark = page.evaluate(MARK_COLOR)
    assert mark not in ("", "rgba(0, 0, 0, 0)")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == mark
    assert page.locator(".sent.hl").count() == 1
    analysis = httpx.get(f"{site['base']}/api/v1/articles/{site['ferry']}/brief").json()
    summary = {
        item["evidence"]["sentence_index"]: item["text"] for item in analysis["executive_summary"]
    }
    assert one_line(target.inner_text()) == one_line(summary[index])


def test_search_finds_an_actor_and_their_statements(page: Any, site: dict[str, str]) -> None:
    page.goto(site["base"] + "/")
    page.fill("#site-q", "Olsen")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=Olsen")
    actor = page.locator("a.actor-link", has_text="Marta Olsen")
    assert actor.count() == 1
    actor.click()
    page.wait_for_url("**/actors/**")
    assert page.locator("h1").inner_text() == "Marta Olsen"
    statements = page.locator("ol.statements li")
    assert statements.count() >= 1
    assert "tired of waiting" in statements.first.inner_text()
    statements.first.locator("a.ev").click()
    page.wait_for_url(f"**/articles/{site['ferry']}?s=*")
    assert "tired of waiting" in page.locator(".sent.hl").inner_text()


def test_the_form_briefs_a_pasted_article(page: Any, site: dict[str, str]) -> None:
    page.goto(site["base"] + "/submit")
    page.fill("#text", CANAL_REOPENING)
    page.get_by_text("Headline, outlet and date (optional)").click()
    page.fill("#title", "Harrow canal reopens to barges")
    page.fill("#outlet", "Waterways Weekly")
    page.fill("#published", "2025-04-10")
    page.get_by_role("button", name="Write the brief").click()
    page.wait_for_url("**/articles/*/brief", timeout=120_000)
    assert page.locator("h1").inner_text() == "Harrow canal reopens to barges"
    assert "Waterways Weekly" in page.locator(".byline").first.inner_text()
    assert page.locator("#summary a.ev").count() >= 1
    assert page.locator("#article .sent").count() >= 4


def test_the_form_shows_why_an_article_was_refused(page: Any, site: dict[str, str]) -> None:
    page.goto(site["base"] + "/submit")
    page.fill("#text", "Far too short.")
    page.get_by_role("button", name="Write the brief").click()
    error = page.locator(".form-error")
    error.wait_for()
    assert "words" in error.inner_text()
    assert page.locator("#text").input_value() == "Far too short."


def test_hostile_article_text_renders_inert(browser: Any, site: dict[str, str]) -> None:
    # bypass_csp: prove the escaping alone keeps the payload inert, not just the CSP
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        story_id = httpx.get(f"{site['base']}/api/v1/articles/{site['hostile']}").json()["story_id"]
        for path in (
            f"/articles/{site['hostile']}",
            f"/articles/{site['hostile']}/brief",
            f"/stories/{story_id}",
            "/search?q=footbridge",
            "/",
        ):
            page.goto(site["base"] + path)
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.evaluate("document.querySelectorAll('script').length") == 0, path
            assert page.evaluate("document.querySelectorAll('[onerror]').length") == 0, path
            links = "document.querySelectorAll('a[href^=\"javascript:\"]').length"
            assert page.evaluate(links) == 0, path
            assert page.evaluate("document.querySelectorAll('b').length") == 0, path
        page.goto(f"{site['base']}/articles/{site['hostile']}")
        shown = page.locator(".article-text").inner_text()
        assert "<script>window.__pwned = 'script'" in shown
        assert 'onerror="window.__pwned' in shown
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert page.locator(".article-text a, .article-text img").count() == 0
        assert dialogs == [] and errors == []
    finally:
        context.close()


def test_pages_fit_a_phone_screen(browser: Any, site: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        story_id = httpx.get(f"{site['base']}/api/v1/articles/{site['ferry']}").json()["story_id"]
        for path in ("/", f"/stories/{story_id}", f"/articles/{site['ferry']}", "/submit"):
            page.goto(site["base"] + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} scrolls sideways ({width}px)"
    finally:
        context.close()
