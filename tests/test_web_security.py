"""Security of the web UI and API: hostile article text stays text, writes need the token, fuzzing finds no 500s.

The hostile article is written here (invented) and stored through the real readers, analysis
and store; its payloads go in the body, in quotes, in a person's name and in the metadata.
Chromium then loads every page that shows it and the test asserts that no dialog opened and
no script ran (the payloads set a flag on ``window`` and call ``alert``).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from presslens.cli.web import DEMO_DIR, build_demo
from presslens.settings import Settings
from presslens.web.app import create_app
from presslens.web.render import highlight
from test_web_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LiveServer, require_chromium

TOKEN = "security-test-token"

PAYLOADS = (
    "<script>window.__pwned = 1; alert(1)</script>",
    "<img src=x onerror=\"window.__pwned = 2; alert(2)\">",
    "<a href=\"javascript:window.__pwned=3;alert(3)\">click here</a>",
)

HOSTILE = f"""Council Vote Ends in Uproar Over {PAYLOADS[1]} Harbour Plan

City councillors voted on Monday to approve the harbour plan after a heated session. {PAYLOADS[0]}

"This plan is a disgrace {PAYLOADS[0]} and we will fight it," said Mara Quist, a councillor for the Old Town ward.

Quist said the vote had been rushed {PAYLOADS[2]} and that residents were never consulted.

The mayor, Ivo Lind, told reporters that "the harbour needs investment {PAYLOADS[1]} now, not in ten years."

Residents posted links such as javascript:alert(4) and <iframe src="javascript:alert(5)"></iframe> online.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web-security")
    hostile = root / "inputs" / "civic-post_2024-03-18_council-uproar.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = root / "corpus.db"
    build_demo(db, [DEMO_DIR, hostile.parent])
    return db


@pytest.fixture(scope="module")
def app(corpus: Path):  # noqa: ANN201 - a FastAPI app
    return create_app(f"sqlite:///{corpus}", Settings(api_token=TOKEN))


@pytest.fixture(scope="module")
def client(app) -> TestClient:  # noqa: ANN001
    return TestClient(app)


def _hostile_id(client: TestClient) -> int:
    found = client.get("/api/v1/search", params={"q": "harbour plan", "kind": "articles"}).json()["items"]
    return next(a["id"] for a in found if a["outlet"] == "civic-post")


def test_article_html_contains_no_markup_from_the_text(client: TestClient) -> None:
    aid = _hostile_id(client)
    article = client.get(f"/api/v1/articles/{aid}").json()
    assert article["quotes"], "the hostile article is analysed like any other"
    html = highlight(article)
    for bad in ("<script", "<img", "<iframe", "href=\"javascript:"):
        assert bad not in html.lower()
    assert "&lt;script&gt;" in html
    page = client.get(f"/articles/{aid}").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "script-src 'self'" in client.get(f"/articles/{aid}").headers["content-security-policy"]


class _Tags(HTMLParser):
    """Checks that tags nest properly and collects the text outside the (hidden) quote cards."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        in_card = bool(self.open and self.open[-1][1]) or "card" in (a.get("class") or "").split()
        self.open.append((tag, in_card))
        if a.get("id"):
            self.ids.append(a["id"])

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop()[0] == tag, f"</{tag}> closes an element it did not open"

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1][1]):
            self.text.append(data)


def test_overlapping_technique_and_claim_spans_stay_nested_and_escaped(client: TestClient) -> None:
    """Techniques crossing quote ends and each other, and a finding whose subject is a payload:
    the HTML nests, shows exactly the article text, gives each span one id, and adds no markup."""
    aid = _hostile_id(client)
    article = client.get(f"/api/v1/articles/{aid}").json()
    text = article["text"]
    q = max(article["quotes"], key=lambda q: q["end"] - q["start"])
    spans = [(q["start"] - 10, q["start"] + 15), (q["start"] + 5, q["end"] + 12), (q["end"] - 4, q["end"] + 30)]
    article["techniques"] = [{"start": s, "end": e, "text": text[s:e], "technique": name, "score": 0.9, "in_quote": False}
                             for (s, e), name in zip(spans, ("Loaded_Language", "Name_Calling,Labeling", "Doubt"))]
    claim = {"start": q["start"] + 2, "end": q["end"] + 2, "kind": "role", "subject": PAYLOADS[1] + '" onmouseover="x'}
    html = str(highlight(article, claims=[claim]))
    for bad in ("<script", "<img", "<iframe", "href=\"javascript:", '" onmouseover="x'):
        assert bad not in html.lower()
    tags = _Tags()
    tags.feed(html)
    tags.close()
    assert not tags.open, "every element is closed"
    assert "".join(tags.text) == text, "the text is shown exactly, once"
    assert len(tags.ids) == len(set(tags.ids))
    assert {"t-1", "t-2", "t-3", f"span-{claim['start']}-{claim['end']}"} <= set(tags.ids)


def test_post_without_token_is_refused(client: TestClient) -> None:
    body = {"text": HOSTILE}
    r = client.post("/api/v1/articles", json=body)
    assert r.status_code == 401 and "bearer token" in r.json()["error"]["message"]
    r = client.post("/api/v1/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401
    r = client.post("/api/v1/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}x"})
    assert r.status_code == 401


@pytest.fixture(scope="module")
def live(app) -> Iterator[LiveServer]:  # noqa: ANN001
    require_chromium()
    with LiveServer(app) as server:
        yield server


def test_hostile_article_runs_nothing_in_the_browser(live: LiveServer, client: TestClient) -> None:
    from playwright.sync_api import sync_playwright

    aid = _hostile_id(client)
    person = client.get("/api/v1/people", params={"name": "Quist"}).json()["items"][0]["id"]
    urls = [f"/articles/{aid}", f"/people/{person}", "/search?q=disgrace", "/search?q=harbour&kind=articles",
            "/stories", "/articles", "/people", "/"]
    dialogs: list[str] = []
    errors: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for url in urls:
            page.goto(live.url + url)
            assert page.evaluate("window.__pwned === undefined"), f"injected script ran on {url}"
        page.goto(live.url + f"/articles/{aid}")
        text = page.locator("#article-text").inner_text()
        assert PAYLOADS[0] in text and "<img src=x onerror=" in text, "payloads are shown as text"
        assert page.locator("#article-text script, #article-text img, #article-text iframe").count() == 0
        hrefs = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h and re.match(r"\s*javascript:", h, re.I)]
        # Focus every quote (shows its card) and click every link inside the text: still nothing runs.
        for i in range(page.locator("mark.q").count()):
            page.locator("mark.q").nth(i).focus()
        page.screenshot(path=str(ARTIFACTS / "security-hostile-article.png"), full_page=True)
        links = page.locator("#article-text a")
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            assert href.startswith(("/people/", "/entities/"))
        assert page.evaluate("window.__pwned === undefined")
        browser.close()
    assert not dialogs, f"dialogs opened: {dialogs}"
    assert not errors, f"console errors: {errors}"


def test_api_fuzzing_finds_no_server_errors(app) -> None:  # noqa: ANN001 - a FastAPI app
    """Every operation, with generated (valid and invalid) inputs: never a 5xx.

    Driven through schemathesis' Python API (operations -> hypothesis strategies) rather than its
    pytest plugin, whose fixture integration broke on pytest 9; this way the test does not depend
    on pytest internals. Writes are fuzzed with and without the token; with it, generated bodies
    are mostly not English articles and are refused with 422, which is the point: no input may
    crash the server.
    """
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, "the API's operations are all found in its OpenAPI document"
    examples = int(os.environ.get("PRESSLENS_FUZZ_EXAMPLES", "25"))
    called: list[str] = []

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case) -> None:  # noqa: ANN001 - a schemathesis Case
            if case.method == "POST" and hash(repr(case.body)) % 2:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
            case.call_and_validate(checks=[not_a_server_error])
            called.append(operation.label)

        fuzz()
    assert {op.label for op in operations} <= set(called), "every operation was exercised"
