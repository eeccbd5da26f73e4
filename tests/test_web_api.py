"""REST API and server start-up, against a real SQLite corpus built from the demo articles and the seed.

The corpus goes through the same path as ``presslens demo`` (readers → Analyzer → store), so
these tests see exactly what a user sees.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.cli import app as cli_app
from presslens.cli.web import DEMO_DIR, build_demo
from presslens.readers import expand
from presslens.settings import Settings
from presslens.web.app import WebError, create_app

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
SEED = SHARED / "seed" / "000_4c4297302ce758fe.txt"
TOKEN = "test-token-7f3a"
#: Articles in the demo corpus (files the readers accept).
DEMO_ARTICLES = sum(1 for p in expand([str(DEMO_DIR)]) if isinstance(p, Path))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "demo.db"
    stored, _, rejected = build_demo(db, [DEMO_DIR, SEED])
    assert stored == DEMO_ARTICLES + 1 and rejected == 0
    return db


@pytest.fixture(scope="module")
def client(corpus_db: Path) -> TestClient:
    return TestClient(create_app(f"sqlite:///{corpus_db}", Settings(api_token=TOKEN)))


def _seed_id(client: TestClient) -> int:
    items = client.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    return next(a["id"] for a in items if a["article_id"] == SEED.stem)


def test_article_list_is_paginated_with_total(client: TestClient) -> None:
    first = client.get("/api/v1/articles", params={"limit": 3}).json()
    assert first["total"] == DEMO_ARTICLES + 1
    assert len(first["items"]) == 3 and first["limit"] == 3 and first["offset"] == 0
    rest = client.get("/api/v1/articles", params={"limit": 3, "offset": 3}).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in rest["items"]}
    assert client.get("/api/v1/articles", params={"offset": 1000}).json()["items"] == []


def test_article_detail_has_annotations_with_true_offsets(client: TestClient) -> None:
    a = client.get(f"/api/v1/articles/{_seed_id(client)}").json()
    assert a["quotes"] and a["entities"]
    for q in a["quotes"]:
        assert a["text"][q["start"]:q["end"]] == q["text"]
    speakers = {q["speaker"]["name"] for q in a["quotes"] if q["speaker"]}
    assert any("Guaido" in (s or "") for s in speakers)
    guaido = next(e for e in a["entities"] if e["name"].endswith("Guaido"))
    assert guaido["person_id"] is not None
    for s, t in guaido["mentions"]:
        assert "Guaido" in a["text"][s:t] or "Guaidó" in a["text"][s:t]


def test_unknown_ids_are_404_naming_what(client: TestClient) -> None:
    r = client.get("/api/v1/articles/987654")
    assert r.status_code == 404 and r.json()["error"]["message"] == "article 987654 not found"
    r = client.get("/api/v1/people/987654")
    assert r.status_code == 404 and "person 987654" in r.json()["error"]["message"]
    r = client.get("/api/v1/stories/s-nope")
    assert r.status_code == 404 and "story 's-nope'" in r.json()["error"]["message"]
    page = client.get("/people/987654")
    assert page.status_code == 404 and "person 987654 not found" in page.text
    assert "text/html" in page.headers["content-type"]


@pytest.mark.parametrize(("url", "field"), [
    ("/api/v1/articles?limit=0", "limit"),
    ("/api/v1/articles?limit=abc", "limit"),
    ("/api/v1/quotes?date_from=12/03/2024", "date_from"),
    ("/api/v1/quotes?offset=-1", "offset"),
    ("/api/v1/search?q=", "q"),
    ("/api/v1/search?q=strike&kind=tweets", "kind"),
    ("/api/v1/articles/abc", "article_id"),
])
def test_invalid_parameters_are_422_naming_the_field(client: TestClient, url: str, field: str) -> None:
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()["error"]
    assert body["fields"][0]["field"] == field and field in body["message"]


def test_quotes_filter_by_speaker_outlet_date_and_channel(client: TestClient) -> None:
    brandt = client.get("/api/v1/quotes", params={"speaker": "Brandt", "limit": 200}).json()
    assert brandt["total"] >= 3 and {q["speaker"] for q in brandt["items"]} == {"Tomas Brandt"}
    one_outlet = client.get("/api/v1/quotes", params={"speaker": "Brandt", "outlet": "harbor-times"}).json()
    assert 0 < one_outlet["total"] < brandt["total"]
    assert {q["outlet"] for q in one_outlet["items"]} == {"harbor-times"}
    day = client.get("/api/v1/quotes", params={"date_from": "2024-03-13", "date_to": "2024-03-13", "limit": 200}).json()
    assert day["total"] > 0 and {q["date"] for q in day["items"]} == {"2024-03-13"}
    channels = [q["channel"] for q in client.get("/api/v1/quotes", params={"limit": 200}).json()["items"] if q["channel"]]
    assert channels, "the demo corpus has quotes with a channel"
    chan = client.get("/api/v1/quotes", params={"channel": channels[0], "limit": 200}).json()
    assert chan["total"] == channels.count(channels[0]) and {q["channel"] for q in chan["items"]} == {channels[0]}


def test_search_quotes_and_articles(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": '"no choice"'}).json()
    assert r["total"] >= 1 and all("no choice" in q["text"] for q in r["items"])
    assert any(q["speaker"] == "Tomas Brandt" for q in r["items"])
    arts = client.get("/api/v1/search", params={"q": "library", "kind": "articles"}).json()
    assert arts["total"] == 2 and all("[" in a["snippet"] for a in arts["items"])
    # Query syntax characters are data, not SQL or FTS syntax.
    for nasty in ['"', "strike' OR 1=1;--", "100%", "NEAR(", "Guaidó*"]:
        assert client.get("/api/v1/search", params={"q": nasty}).status_code == 200


def test_people_and_person_roles(client: TestClient) -> None:
    people = client.get("/api/v1/people", params={"limit": 5}).json()
    assert people["total"] > 5 and len(people["items"]) == 5
    top = people["items"][0]
    assert top["quotes"] >= people["items"][-1]["quotes"]
    brandt = client.get("/api/v1/people", params={"name": "brandt"}).json()["items"][0]
    detail = client.get(f"/api/v1/people/{brandt['id']}").json()
    assert detail["name"] == "Tomas Brandt"
    assert {p["outlet"] for p in detail["timeline"]} >= {"harbor-times", "northern-star"}
    roles = {r["role"] for r in detail["roles"]}
    assert len(roles) >= 2 and any(r["disputed"] for r in detail["roles"])


def test_stories_group_the_strike_and_link_the_reprint(client: TestClient) -> None:
    stories = client.get("/api/v1/stories").json()
    strike = stories["items"][0]
    assert len(strike["outlets"]) >= 4 and strike["duplicates"] == 1
    detail = client.get(f"/api/v1/stories/{strike['story']}").json()
    by_id = {a["id"]: a for a in client.get("/api/v1/articles", params={"limit": 200}).json()["items"]}
    (copy, original), = detail["duplicates"]
    assert by_id[copy]["outlet"] == "metro-wire" and by_id[original]["outlet"] == "harbor-times"
    library = [s for s in stories["items"] if "Library" in (s["title"] or "")]
    assert library and library[0]["story"] != strike["story"]
    kinds = {f["kind"]: f for f in detail["findings"]}
    assert kinds["blind_spot"]["subject"] == "Elena Hart"  # quoted by most outlets, not by northern-star
    assert kinds["role"]["subject"] == "Elena Hart"  # "Deputy Transport Minister" vs "Transport Minister"
    for f in detail["findings"]:
        for c in f["claims"]:
            if c["start"] is not None:
                text = client.get(f"/api/v1/articles/{c['article']}").json()["text"]
                assert text[c["start"]:c["end"]] == c["text"]
    findings = client.get("/api/v1/findings", params={"kind": "role"}).json()
    assert findings["total"] >= 1 and {f["kind"] for f in findings["items"]} == {"role"}


def test_post_article_needs_the_bearer_token(client: TestClient, corpus_db: Path) -> None:
    body = {"text": "Harbour pilots join strike\n\nThe pilots' association said on Friday that its members would "
                    "stop guiding ships into the Port of Calder. \"We stand with the dockers,\" said Ines Vale, "
                    "the association's chair.\n", "outlet": "test-gazette", "date": "2024-03-15"}
    assert client.post("/api/v1/articles", json=body).status_code == 401
    wrong = client.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    ok = client.post("/api/v1/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text
    created = ok.json()
    assert created["created"] and created["quotes"] >= 1
    stored = client.get(f"/api/v1/articles/{created['id']}").json()
    assert stored["outlet"] == "test-gazette" and stored["title"] == "Harbour pilots join strike"
    assert any(q["speaker"] and q["speaker"]["name"] == "Ines Vale" for q in stored["quotes"])
    # It joined a story right after the response (the test client runs background tasks before returning).
    with sqlite3.connect(corpus_db) as db:
        assert db.execute("SELECT story_id FROM story_articles WHERE article_pk = ?", (created["id"],)).fetchone()
    again = client.post("/api/v1/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json() == {**created, "created": False}
    both = client.post("/api/v1/articles", json={"text": "x", "html": "<p>x</p>"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert both.status_code == 422 and "exactly one of text or html" in both.json()["error"]["message"]
    empty_html = client.post("/api/v1/articles", json={"html": "<html><body><nav>Home</nav></body></html>"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert empty_html.status_code == 422 and "no article text" in empty_html.json()["error"]["message"]


def test_writes_disabled_without_a_configured_token(corpus_db: Path) -> None:
    c = TestClient(create_app(f"sqlite:///{corpus_db}", Settings(api_token=None)))
    r = c.post("/api/v1/articles", json={"text": "anything"})
    assert r.status_code == 403 and "PRESSLENS_API_TOKEN" in r.json()["error"]["message"]


def test_refuses_to_start_on_missing_or_newer_database(tmp_path: Path, corpus_db: Path) -> None:
    with pytest.raises(WebError, match="does not exist"):
        create_app(f"sqlite:///{tmp_path / 'nope.db'}", Settings())
    assert not (tmp_path / "nope.db").exists(), "a missing database must not be created"
    newer = tmp_path / "newer.db"
    newer.write_bytes(corpus_db.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(WebError, match="newer presslens"):
        create_app(f"sqlite:///{newer}", Settings())
    result = CliRunner().invoke(cli_app, ["serve", "--db", f"sqlite:///{tmp_path / 'nope.db'}"])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/people", "/api/v1/people/{person_id}",
              "/api/v1/quotes", "/api/v1/search", "/api/v1/stories", "/api/v1/stories/{story_id}",
              "/api/v1/findings"):
        assert p in paths
    assert "post" in paths["/api/v1/articles"]
    assert not any(p.startswith("/articles") for p in paths), "HTML pages stay out of the API schema"


def test_same_api_on_postgresql(postgres_url: str) -> None:
    """The web reads run on PostgreSQL too (full-text search through its own indexes)."""
    from presslens.store.ingest import ingest
    from presslens.store.repository import open_store

    with open_store(postgres_url) as store:
        report = ingest(store, [str(DEMO_DIR), str(SEED)])
    assert report.saved.stored == DEMO_ARTICLES + 1
    c = TestClient(create_app(postgres_url, Settings()))
    assert c.get("/api/v1/articles", params={"limit": 2}).json()["total"] == report.saved.stored
    seed = _seed_id(c)
    assert any("Guaido" in (q["speaker"] or {}).get("name", "") for q in c.get(f"/api/v1/articles/{seed}").json()["quotes"])
    hits = c.get("/api/v1/search", params={"q": '"no choice"', "outlet": "harbor-times"}).json()
    assert hits["total"] == 1 and hits["items"][0]["speaker"] == "Tomas Brandt"
    arts = c.get("/api/v1/search", params={"q": "library", "kind": "articles"}).json()
    assert arts["total"] == 2 and all("[" in a["snippet"] for a in arts["items"])
    brandt = c.get("/api/v1/quotes", params={"speaker": "brandt", "date_to": "2024-03-12"}).json()
    assert brandt["total"] > 0 and {q["date"] for q in brandt["items"]} == {"2024-03-12"}
    for url in ("/", f"/articles/{seed}", "/people", "/stories", "/search?q=strike", "/search?q=strike&kind=articles"):
        assert c.get(url).status_code == 200, url
    person = c.get("/api/v1/people", params={"limit": 1}).json()["items"][0]["id"]
    assert c.get(f"/people/{person}").status_code == 200


def test_demo_command_builds_and_serves(tmp_path: Path) -> None:
    """The README's first command: `presslens demo` analyses the demo corpus, serves it and prints the URL."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "demo.db"
    proc = subprocess.Popen([sys.executable, "-m", "presslens", "demo", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if f"http://127.0.0.1:{port}/" in line:
                break
        assert any(f"http://127.0.0.1:{port}/" in x for x in lines), "".join(lines)
        assert any(f"{DEMO_ARTICLES} stored" in x for x in lines), "".join(lines)
        response = None
        for _ in range(100):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert response is not None and response.status_code == 200 and "Corpus overview" in response.text
    finally:
        proc.terminate()
        proc.wait(10)
