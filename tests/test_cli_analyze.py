"""`presslens analyze` end to end, as a user runs it: a real subprocess over real files."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.model import TECHNIQUES

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SHARED = ROOT.parent / "shared"


def analyze(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "presslens", "analyze", *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, env=env)


def check_contract(obj: dict) -> None:
    """Every field of the JSONL contract is there and every span matches its text."""
    assert set(obj) >= {"id", "source", "title", "date", "outlet", "text", "entities", "quotes", "techniques", "errors"}
    text = obj["text"]
    for e in obj["entities"]:
        assert set(e) >= {"id", "name", "type", "mentions", "roles"}
        assert e["type"] in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
        for s, t in e["mentions"]:
            assert 0 <= s < t <= len(text)
        for r in e["roles"]:
            assert text[r["start"]:r["end"]] == r["text"]
    ids = {e["id"] for e in obj["entities"]}
    for q in obj["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"] and q["type"] in {"direct", "indirect", "mixed"}
        if q["cue"]:
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"] and q["cue"]["lemma"]
        if q["speaker"]:
            sp = q["speaker"]
            assert text[sp["start"]:sp["end"]] == sp["text"]
            assert sp["entity_id"] is None or sp["entity_id"] in ids
    for t in obj["techniques"]:
        assert text[t["start"]:t["end"]] == t["text"] and t["technique"] in TECHNIQUES
        assert isinstance(t["in_quote"], bool) and 0.0 <= t["confidence"] <= 1.0


def test_jsonl_contract_on_demo_corpus() -> None:
    proc = analyze(str(DEMO), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == len(list(DEMO.iterdir()))
    for obj in objs:
        check_contract(obj)
        assert obj["errors"] == []
    html = next(o for o in objs if o["id"] == "calder-courier_2024-03-13_strike-day-two")
    assert html["outlet"] == "Calder Courier" and html["date"] == "2024-03-13"
    assert any(q["speaker"] and q["speaker"]["name"] == "Tomas Brandt" for q in html["quotes"])


def test_json_and_table_formats() -> None:
    path = str(DEMO / "harbor-times_2024-03-12_port-strike.txt")
    proc = analyze(path, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (obj,) = json.loads(proc.stdout)
    check_contract(obj)
    proc = analyze(path, "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "Tomas Brandt" in proc.stdout and "Quotes" in proc.stdout and "Transport Minister" in proc.stdout
    assert "confidence" in proc.stdout and re.search(r"\b0\.\d\d\b", proc.stdout)  # each quote's calibrated confidence
    # In an 80-column terminal the cue, type and confidence are still whole words, not folded letter by letter.
    narrow = analyze(path, "--format", "table", env={**os.environ, "COLUMNS": "80"})
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert re.search(r"\bdirect\b", narrow.stdout) and re.search(r"conf\. 0\.\d\d", narrow.stdout)


def test_bad_inputs_reported_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Mayor opens bridge\n\n\"It is a great day,\" said Mayor Ann Cole at the opening on Monday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 closes\n\n\"We are sad,\" said Jos\u00e9 Ruiz, the owner of the caf\u00e9 on the square.\n".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"id": "j1", "text": "The council met on Monday and said it would vote on the plan next week."}\n{oops\n')
    proc = analyze(str(tmp_path), "--format", "jsonl")
    assert proc.returncode == 1
    objs = {o["id"]: o for o in map(json.loads, proc.stdout.splitlines())}
    assert set(objs) == {"good", "empty", "binary", "latin", "j1", "bad"}
    assert objs["good"]["errors"] == [] and objs["good"]["quotes"]
    assert "empty input" in objs["empty"]["errors"][0] and str(tmp_path / "empty.txt") in objs["empty"]["errors"][0]
    assert "binary" in objs["binary"]["errors"][0]
    assert "not valid UTF-8" in objs["latin"]["errors"][0] and "Jos\u00e9 Ruiz" in objs["latin"]["text"]
    assert "bad.jsonl:2" in objs["bad"]["errors"][0] and "malformed JSON" in objs["bad"]["errors"][0]
    for line in ("empty input", "binary", "bad.jsonl:2"):
        assert line in proc.stderr
    assert "3 of 6 inputs rejected" in proc.stderr.replace("\n", " ")


def test_field_mapping_errors_are_usage_errors(tmp_path: Path) -> None:
    proc = analyze(str(DEMO), "--field", "nonsense")
    assert proc.returncode == 2 and "NAME=COLUMN" in proc.stderr


@pytest.mark.parametrize("workers", [2])
def test_workers_give_the_same_output(workers: int) -> None:
    one = analyze(str(DEMO), "--no-techniques")
    two = analyze(str(DEMO), "--no-techniques", "--workers", str(workers))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_technique_modes_precise_by_default_all_and_none(tmp_path: Path) -> None:
    """Default: only spans at confidence >= 0.5; `--techniques all`: the recall-oriented spans (covering
    the shown ones, each with its confidence); `none` and `--no-techniques`: nothing; the table shows the confidence."""
    article = tmp_path / "loaded.txt"
    article.write_text("Budget Vote\n\nThis ludicrous, bogus budget is a travesty and an utter charade, a filthy "
                       "and disgraceful act of stupidity. The mayor said the plan would be published on Monday.\n",
                       encoding="utf-8")

    def techniques(*args: str) -> list[dict]:
        proc = analyze(str(article), *args)
        assert proc.returncode == 0, proc.stderr
        obj = json.loads(proc.stdout)
        check_contract(obj)
        return obj["techniques"]

    precise, every = techniques(), techniques("--techniques", "all")
    assert precise and all(t["confidence"] >= 0.5 for t in precise)
    # the recall-oriented output covers every shown span (a loaded word may lie inside a longer run)
    assert all(any(a["start"] < p["end"] and p["start"] < a["end"] for a in every) for p in precise)
    assert any(t["confidence"] < 0.5 for t in every)
    assert techniques("--techniques", "none") == [] and techniques("--no-techniques") == []
    assert techniques("--techniques", "precise") == precise
    table = analyze(str(article), "--format", "table")
    assert "confidence" in table.stdout and f"{precise[0]['confidence']:.2f}" in table.stdout
    bad = analyze(str(article), "--techniques", "some")
    assert bad.returncode == 2 and "--techniques" in bad.stderr
