"""The published JSON Schema: shipped in the package, printed by `presslens schema`, and met by every reader's output."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import presslens
from presslens.cli import app
from presslens.cli.schema import SCHEMA_FILE
from presslens.cli.web import DEMO_DIR
from presslens.model import SCHEMA_VERSION

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "000_4c4297302ce758fe.txt"
BODY = ("Union leader Ana Ortiz said on Monday that the dockers would stay out until the ministry paid them. "
        '"We will not go back for promises," Ortiz told reporters. The minister called the strike a disgrace.')
ARTICLE = "Dock talks collapse\n\n" + BODY + "\n"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_presslens_schema_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["properties"]["schema"]["const"] == SCHEMA_VERSION == "presslens/1"


def test_every_reader_and_every_rejection_meets_the_schema(tmp_path: Path, validator: Draft202012Validator) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    shutil.copy(DEMO_DIR / "calder-courier_2024-03-13_strike-day-two.html", tmp_path / "page.html")
    html = (DEMO_DIR / "calder-courier_2024-03-13_strike-day-two.html").read_text(encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(
        json.dumps({"id": "j1", "outlet": "Wire", "date": "2024-03-12", "title": "Dock talks", "text": BODY}) + "\n"
        + json.dumps({"id": "j2", "url": "https://example.org/p", "html": html}) + "\n"
        + "{broken\n", encoding="utf-8")
    with (tmp_path / "corpus.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "outlet", "text"])
        w.writerow(["c1", "Desk", BODY])
        w.writerow(["c2", "Desk", ""])
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 20)
    result = CliRunner().invoke(app, ["analyze", "--techniques", "all", str(tmp_path)])  # every technique record validated
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 9
    assert sum(1 for r in records if r["errors"]) == 4
    assert any(r["techniques"] for r in records) and any(r["quotes"] for r in records)
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], (record["source"], errors)
        assert record["schema"] == "presslens/1"
        text = record["text"]
        spans = [*record["quotes"], *record["techniques"], *record["entities"], *record.get("claims", []),
                 *[r for e in record["entities"] for r in e["roles"]],
                 *[x for q in record["quotes"] for x in (q["cue"], q["speaker"]) if x]]
        assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    for a in presslens.analyze_many([ARTICLE, ""], techniques=False):
        assert not list(validator.iter_errors(a.to_dict()))


def test_the_schema_catches_a_broken_record(validator: Draft202012Validator) -> None:
    good = presslens.analyze(ARTICLE, techniques=False).to_dict()
    assert good["quotes"] and good["entities"]
    assert validator.is_valid(good)
    assert validator.is_valid({**good, "extra": 1})  # later fields within presslens/1
    claim = {"start": 0, "end": 4, "text": "4500", "value": 4500.0, "value_max": None, "unit": None,
             "qualifier": "about", "qualifier_start": None, "measure": "crowd", "counted": "protesters",
             "source": None, "quote_type": None, "when": "2024-03-12", "when_start": None, "when_end": None}
    assert validator.is_valid({**good, "claims": [claim]})
    assert not validator.is_valid({**good, "claims": [{**claim, "value": "many"}]})
    for broken in ({k: v for k, v in good.items() if k != "quotes"}, {**good, "schema": "presslens/2"},
                   {**good, "techniques": [{"start": 0, "end": 3, "text": "The", "technique": "Sarcasm",
                                            "score": 0.5, "in_quote": False}]},
                   {**good, "quotes": [{**good["quotes"][0], "type": "rumour"}]},
                   {**good, "entities": [{**good["entities"][0], "mentions": [[1]]}]}):
        assert not validator.is_valid(broken)
