"""End-to-end corpus runs with the real pipeline: ``presslens ingest`` into SQLite and PostgreSQL,
resuming after ``kill -9``, and the query commands over what was stored."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy import create_engine, text
from click.testing import Result
from typer.testing import CliRunner

from presslens.cli import app
from presslens.store.repository import normalise_url

ROOT = Path(__file__).resolve().parents[1]

COUNCIL = """Council vote delayed

John Avery, the council leader, said she had read the report on Monday. "We need more time to read the report," she said.

Casey Morgan, a shop owner, said the delay was a mistake.

Mr. Kim Lee, a retired teacher, said the council had ignored residents.
"""
HARBOUR = """Harbour plan approved

Casey Morgan said the harbour plan would bring jobs. "This is good news for the town," Morgan told reporters.

John Avery, the council leader, welcomed the vote.
"""


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "council.txt").write_text(COUNCIL, encoding="utf-8")
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def db_count(url: str, sql: str) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def cli(*args: str) -> Result:
    """Run a presslens command in-process (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_ingest_rerun_and_query_commands(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    first = cli("ingest", str(corpus), "--db", store_url, "--no-techniques")
    assert first.exit_code == 0, first.output
    assert "stored 2 article(s)" in first.output and "1 rejected" in first.output
    again = cli("ingest", str(corpus), "--db", store_url, "--no-techniques")
    assert again.exit_code == 0
    assert "nothing new: all 2 article(s) were already stored" in again.output
    assert db_count(store_url, "SELECT count(*) FROM articles") == 2
    assert db_count(store_url, "SELECT count(*) FROM rejections") == 1

    rej = cli("rejections", "--db", store_url, "--json")
    [record] = json.loads(rej.stdout)
    assert record["input"].endswith("empty.txt") and record["times_seen"] == 2

    people = json.loads(cli("people", "--db", store_url, "--json").stdout)
    quoted = {p["name"]: p for group in people for p in group["most_quoted"]}
    # "Morgan told reporters" in the second article is the same Casey Morgan.
    assert quoted["Casey Morgan"]["quotes"] == 3 and quoted["Casey Morgan"]["articles"] == 2
    assert {r["role"] for r in quoted["John Avery"]["roles"]} == {"the council leader"}

    hits = json.loads(cli("search", "more time", "--db", store_url, "--json").stdout)
    assert [(h["speaker"], h["article_id"]) for h in hits] == [("John Avery", "council")]
    assert json.loads(cli("search", "jobs", "--speaker", "avery", "--db", store_url, "--json").stdout) == []

    out = tmp_path / "quotes.parquet"
    exp = cli("export", "--what", "quotes", "--format", "parquet", "--out", str(out), "--db", store_url)
    assert exp.exit_code == 0
    assert pq.read_table(out).num_rows == db_count(store_url, "SELECT count(*) FROM quotes")


def test_bulk_ingest_without_stories_then_stories_catches_up(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    bulk = cli("ingest", str(corpus), "--db", store_url, "--no-techniques", "--no-stories")
    assert bulk.exit_code == 0 and "grouped" not in bulk.output
    assert db_count(store_url, "SELECT count(*) FROM story_articles") == 0
    listed = cli("stories", "--db", store_url, "--format", "jsonl")
    assert listed.exit_code == 0, listed.output
    assert db_count(store_url, "SELECT count(*) FROM story_articles") == 2


def test_gender_from_the_real_pipeline(store_url: str, tmp_path: Path) -> None:
    """Pronoun and honorific evidence beat the first-name dictionary; unsure stays unknown."""
    corpus = write_corpus(tmp_path / "corpus")
    assert cli("ingest", str(corpus), "--db", store_url, "--no-techniques").exit_code == 0
    engine = create_engine(normalise_url(store_url))
    with engine.connect() as conn:
        got = {n: (g, s) for n, g, s in conn.execute(text("SELECT name, gender, gender_source FROM people"))}
    engine.dispose()
    assert got["John Avery"] == ("female", "pronoun")  # the dictionary says John is male
    assert got["Kim Lee"] == ("male", "honorific")  # the dictionary says Kim is mostly female
    assert got["Casey Morgan"] == ("unknown", "none")  # androgynous name, no signal
    rows = json.loads(cli("diversity", "--db", store_url, "--json").stdout)
    assert sum(r["people_quoted"] for r in rows) == 3
    assert sum(r["people_quoted_female"] for r in rows) == 1


def test_unreachable_database_fails_before_any_work(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", "postgresql://nobody@127.0.0.1:1/x"])
    assert result.exit_code == 2
    assert "cannot reach database postgresql+psycopg://nobody@127.0.0.1:1/x" in result.output
    assert "Traceback" not in result.output


def test_killed_ingest_resumes_without_loss_or_duplicates(store_url: str, tmp_path: Path) -> None:
    n = 40
    corpus = tmp_path / "synthetic.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for rec in _generator().generate(n, seed=7):
            fh.write(json.dumps(rec) + "\n")
    cmd = [sys.executable, "-m", "presslens", "ingest", str(corpus), "--db", store_url, "--no-techniques",
           "--chunk-size", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            stored = db_count(store_url, "SELECT count(*) FROM articles")
        except Exception:  # noqa: BLE001 - the schema may not exist yet in the first instants
            stored = 0
        if stored >= 8:
            break
        time.sleep(0.05)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    killed_at = db_count(store_url, "SELECT count(*) FROM articles")
    assert 8 <= killed_at < n, stderr
    # Whole chunks only: every stored article has its entities (the synthetic ones all name people).
    assert db_count(store_url, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                               "(SELECT 1 FROM entities e WHERE e.article_pk = a.id)") == 0

    rerun = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - killed_at} new article(s) to analyse; {killed_at} already stored" in " ".join(rerun.stderr.split())
    assert db_count(store_url, "SELECT count(*) FROM articles") == n
    assert db_count(store_url, "SELECT count(DISTINCT hash) FROM articles") == n
    for table, key in (("quotes", "article_pk, start, \"end\""), ("mentions", "entity_pk, start, \"end\""),
                       ("entities", "article_pk, local_id")):
        total = db_count(store_url, f"SELECT count(*) FROM {table}")
        distinct = db_count(store_url, f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table}) d")
        assert total == distinct > 0, table
    # No person was created twice by the killed transaction.
    assert db_count(store_url, "SELECT count(*) FROM people") == db_count(
        store_url, "SELECT count(*) FROM (SELECT DISTINCT key FROM people) d")
