"""Stored stories on SQLite and PostgreSQL: grouping on ingest, re-ingest, rebuild, CLI, exports, web.

The corpus is the bundled demo (examples/demo): five outlets on one port strike, one of them a
syndicated copy of Harbor Times, and two articles on a library reopening. Everything runs the
real path: readers → Analyzer → store → story grouping.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens.cli import app
from presslens.settings import Settings
from presslens.store.export import export
from presslens.store.ingest import ingest
from presslens.store.repository import MIGRATIONS, open_store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
COPY, ORIGINAL = "metro-wire_2024-03-12_port-strike-syndicated", "harbor-times_2024-03-12_port-strike"
STRIKE = {"calder-courier_2024-03-13_strike-day-two", "daily-ledger_2024-03-12_illegal-strike", ORIGINAL, COPY,
          "northern-star_2024-03-13_dockers-strike"}
LIBRARY = {"daily-ledger_2024-03-21_library-costs", "harbor-times_2024-03-20_library-reopens"}
VENEZUELA = {"daily-ledger_2019-04-30_operation-freedom", "harbor-times_2019-04-30_venezuela-uprising",
             "northern-star_2019-04-30_caracas-coup-attempt"}


def _records(store, what: str, fmt: str = "jsonl") -> list[dict]:
    buf = io.BytesIO()
    n = export(store, what, fmt, buf)
    data = buf.getvalue()
    if fmt == "jsonl":
        out = [json.loads(line) for line in data.decode().splitlines()]
    elif fmt == "csv":
        out = [{k: json.loads(v) if k in ("articles", "duplicates", "claims") else v for k, v in row.items()}
               for row in csv.DictReader(io.StringIO(data.decode()))]
    else:
        out = pq.read_table(io.BytesIO(data)).to_pylist()
    assert len(out) == n
    return out


def _cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_one_migration_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


def test_ingest_stores_the_strike_story_its_copy_and_findings(store_url: str) -> None:
    with open_store(store_url) as store:
        report = ingest(store, [str(DEMO)], techniques=False)
        assert report.stories is not None and report.stories.grouped == report.saved.stored == 10
        stories = _records(store, "stories")
        findings = _records(store, "findings")
        texts = {a["article_id"]: a["text"] for a in _records(store, "articles")}

        assert sorted(sorted(s["articles"]) for s in stories) == sorted(sorted(g) for g in (STRIKE, LIBRARY, VENEZUELA))
        strike = next(s for s in stories if set(s["articles"]) == STRIKE)
        assert list(strike) == ["story", "title", "articles", "duplicates"]
        assert strike["duplicates"] == [[COPY, ORIGINAL]]
        assert next(s for s in stories if set(s["articles"]) == LIBRARY)["duplicates"] == []

        assert all(list(f) == ["kind", "story", "subject", "confidence", "explanation", "claims"] for f in findings)
        venezuela = next(s for s in stories if set(s["articles"]) == VENEZUELA)
        assert {f["story"] for f in findings} == {strike["story"], venezuela["story"]}
        role = next(f for f in findings if f["kind"] == "role" and f["subject"] == "Elena Hart")
        said = {c["text"] for c in role["claims"]}
        assert "Transport Minister" in said and any("Deputy Transport Minister" in t for t in said)
        padrino = next(f for f in findings if f["kind"] == "role" and f["subject"] == "Vladimir Padrino")
        assert sorted(c["value"] for c in padrino["claims"]) == [
            "defence minister", "defence minister", "the maduro government's foreign minister"]
        for f in findings:
            for c in f["claims"]:
                assert list(c) == ["article", "start", "end", "text", "value"]
                if c["start"] is not None:
                    assert texts[c["article"]][c["start"]:c["end"]] == c["text"]

        again = ingest(store, [str(DEMO)], techniques=False)
        assert again.saved.stored == 0 and again.stories is not None and again.stories.grouped == 0
        assert _records(store, "stories") == stories and _records(store, "findings") == findings


def test_export_shapes_parse_back_exactly_in_every_format(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest(store, [str(DEMO)], techniques=False)
        for what in ("stories", "findings"):
            jsonl = _records(store, what, "jsonl")
            assert jsonl
            assert _records(store, what, "parquet") == jsonl
            csv_rows = _records(store, what, "csv")
            # CSV has no types: nested columns are JSON, the rest text (a missing title is empty; a
            # finding's confidence is a number written as text).
            assert [{k: (float(v) if k == "confidence" and v else v if v != "" else None) for k, v in r.items()}
                    for r in csv_rows] == jsonl


def test_articles_arriving_later_join_stories_and_rebuild_agrees(store_url: str, tmp_path: Path) -> None:
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for p in DEMO.iterdir():
        shutil.copy(p, (first if p.stem in (ORIGINAL, "harbor-times_2024-03-20_library-reopens") else rest) / p.name)
    with open_store(store_url) as store:
        assert ingest(store, [str(first)], techniques=False).stories.grouped == 2
        # The second batch is stored without grouping, as if the run had been killed before it.
        assert ingest(store, [str(rest)], techniques=False, stories=False).stories is None
    listed = _cli("stories", "--db", store_url, "--format", "jsonl")
    assert listed.exit_code == 0
    incremental = [json.loads(x) for x in listed.stdout.splitlines() if x.startswith("{")]
    assert sorted(sorted(s["articles"]) for s in incremental) == sorted(sorted(g) for g in (STRIKE, LIBRARY, VENEZUELA))
    strike = next(s for s in incremental if ORIGINAL in s["articles"])
    assert strike["duplicates"] == [[COPY, ORIGINAL]]

    rebuilt = _cli("stories", "--db", store_url, "--rebuild", "--format", "jsonl")
    assert [json.loads(x) for x in rebuilt.stdout.splitlines() if x.startswith("{")] == incremental

    shown = _cli("story", strike["story"], "--db", store_url, "--format", "json")
    detail = json.loads(shown.stdout)
    assert any(f["kind"] == "role" and f["subject"] == "Elena Hart" for f in detail["findings"])
    assert _cli("story", "s-nope", "--db", store_url).exit_code == 1

    out = tmp_path / "findings.jsonl"
    assert _cli("export", "--what", "findings", "--format", "jsonl", "--out", str(out), "--db", store_url).exit_code == 0
    exported = [json.loads(x) for x in out.read_text().splitlines()]
    # The export holds every finding, hidden ones too: what `story --all` shows.
    every = json.loads(_cli("story", strike["story"], "--all", "--db", store_url, "--format", "json").stdout)
    assert [f["kind"] for f in exported if f["story"] == strike["story"]] == [f["kind"] for f in every["findings"]]
    assert len(every["findings"]) >= len(detail["findings"])


def test_web_serves_stored_stories_and_findings(store_url: str) -> None:
    from presslens.web import stories as web_stories
    from presslens.web.app import create_app

    with open_store(store_url) as store:
        ingest(store, [str(DEMO)], techniques=False)
        exported = _records(store, "findings")
        assert web_stories.grouping(store).stored
    client = TestClient(create_app(store_url, Settings()))
    listed = client.get("/api/v1/stories").json()
    strike = listed["items"][0]
    assert strike["articles"] == 5 and strike["duplicates"] == 1
    served = client.get("/api/v1/findings", params={"limit": 200}).json()
    assert served["total"] == len(exported)
    assert [(f["kind"], f["subject"]) for f in served["items"]] == [(f["kind"], f["subject"]) for f in exported]
    roles = client.get("/api/v1/findings", params={"kind": "role"}).json()["items"]
    assert any(f["subject"] == "Elena Hart" and {c["outlet"] for c in f["claims"]} >= {"harbor-times"} for f in roles)
    detail = client.get(f"/api/v1/stories/{strike['story']}").json()
    assert [(f["kind"], f["subject"]) for f in detail["findings"]] == [
        (f["kind"], f["subject"]) for f in exported if f["story"] == strike["story"]]


AVALANCHE = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "findings" / "fresh14"


def test_a_report_that_started_its_own_story_joins_it_when_the_story_grows(store_url: str, tmp_path: Path) -> None:
    """The tabloid's report of an avalanche (dated between the wire's and the paper's) scores just
    under the threshold against the wire's report alone and starts a story of its own; once the
    paper's report has joined the wire's, it is scored again and joins (the grouper's second chance).
    Whether the paper's report arrives in the same run or a later one, the store ends with one story,
    a re-run is idempotent, and a rebuild agrees."""
    files = sorted(AVALANCHE.glob("*skellan*"))
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir()
    late.mkdir()
    for p in files:
        shutil.copy(p, (late if p.name.startswith("quillfort-ledger") else early) / p.name)
    with open_store(store_url) as store:
        ingest(store, [str(early)], techniques=False)
        assert len(_records(store, "stories")) == 2  # the tabloid alone: under the threshold
        assert ingest(store, [str(late)], techniques=False).stories.rebuilt  # a stored article moved
        [story] = _records(store, "stories")
        assert sorted(story["articles"]) == sorted(p.stem for p in files)
        again = ingest(store, [str(early), str(late)], techniques=False).stories
        assert again is None or not again.rebuilt
    rebuilt = _cli("stories", "--db", store_url, "--rebuild", "--format", "jsonl")
    assert [sorted(json.loads(x)["articles"]) for x in rebuilt.stdout.splitlines() if x.startswith("{")] == \
        [sorted(story["articles"])]
