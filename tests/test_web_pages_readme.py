"""Article pages show the crawl header line as metadata (offsets unchanged); the README's story-page screenshot.

Runs the real app over the demo corpus and the seed article in Debian's Chromium (Playwright),
as tests/test_web_browser.py does. ``PRESSLENS_UPDATE_DOCS=1`` also rewrites
docs/story-page.png, the screenshot the README shows.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, SEED, LiveServer, require_chromium

from presslens.cli.web import DEMO_DIR, build_demo
from presslens.settings import Settings
from presslens.web.app import create_app

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    require_chromium()
    from playwright.sync_api import sync_playwright

    db = tmp_path_factory.mktemp("web-readme") / "demo.db"
    build_demo(db, [DEMO_DIR, SEED])
    with LiveServer(create_app(f"sqlite:///{db}", Settings())) as live, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        pg.base = live.url
        yield pg
        browser.close()


def test_crawl_header_line_is_metadata_not_body_text(page) -> None:  # noqa: ANN001 - a Playwright Page
    page.goto(page.base + "/articles")
    page.get_by_role("link", name=re.compile("The Moment Is Now")).click()
    page.locator("#article-text").wait_for()
    meta = page.locator(".crawl-line")
    assert meta.is_visible() and meta.inner_text() == "Crawl header: date 2019-04-30 Published on"
    body = page.locator("#article-text")
    assert body.inner_text().lstrip().startswith("'The Moment Is Now'")
    # The line stays in the DOM (hidden), so the page's text still counts from the file's first character.
    seed = SEED.read_text(encoding="utf-8")
    assert body.evaluate("el => el.textContent").startswith(seed[:100])
    assert page.locator("#article-text .crawl-header").evaluate("el => el.textContent") == seed.split("\n")[0]
    assert not page.locator("#article-text .crawl-header").is_visible()
    page.screenshot(path=str(ARTIFACTS / "article-crawl-header.png"))


def test_story_page_screenshot(page) -> None:  # noqa: ANN001 - a Playwright Page
    page.goto(page.base + "/stories")
    page.locator("table.list a").first.click()
    page.wait_for_url(re.compile(r"/stories/s"))
    assert page.locator("section.column").count() >= 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-readme.png"))
    if os.environ.get("PRESSLENS_UPDATE_DOCS") == "1":
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / "story-page.png"))
    assert (DOCS / "story-page.png").stat().st_size > 10_000
