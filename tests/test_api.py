"""The Python API (presslens.analyze / analyze_many / open) on the real pipeline and a real SQLite corpus.

The API must give exactly what the CLI gives for the same input, keep bad inputs from
stopping a batch, and keep ``import presslens`` free of the heavy libraries.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import presslens
from presslens.cli import app
from presslens.cli.web import DEMO_DIR
from presslens.model import Entity, Quote, Technique

STRIKE = DEMO_DIR / "harbor-times_2024-03-12_port-strike.txt"
PAGE = DEMO_DIR / "calder-courier_2024-03-13_strike-day-two.html"
TEXT = ("Port talks collapse\n\n"
        "Union leader Ana Ortiz said on Monday that the dockers would stay out until the ministry paid them. "
        '"We will not go back for promises," Ortiz told reporters at a press conference. '
        "Transport Minister Paul Grant said in a statement that the strike was illegal and a disaster for the city.\n")


def test_analyze_text_gives_typed_spans_that_point_into_the_text() -> None:
    a = presslens.analyze(TEXT, outlet="Harbor Times", date="2024-03-12", url="https://example.org/a")
    assert (a.article.outlet, a.article.date, a.article.url, a.article.title) == (
        "Harbor Times", "2024-03-12", "https://example.org/a", "Port talks collapse")
    assert a.quotes and all(isinstance(q, Quote) for q in a.quotes)
    assert all(isinstance(e, Entity) for e in a.entities) and all(isinstance(t, Technique) for t in a.techniques)
    assert a.entities and a.claims is not None
    for span in [*a.quotes, *a.techniques, *a.entities, *a.claims]:
        assert TEXT[span.start:span.end] == span.text
    assert all((e.start, e.end) == e.mentions[0] for e in a.entities)
    speakers = {q.speaker.name for q in a.quotes if q.speaker}
    assert "Ana Ortiz" in speakers
    assert a.to_dict()["outlet"] == "Harbor Times"


def test_analyze_path_equals_the_cli_jsonl_record() -> None:
    result = CliRunner().invoke(app, ["analyze", str(STRIKE), str(PAGE)])
    assert result.exit_code == 0, result.output
    cli = [json.loads(line) for line in result.stdout.splitlines()]
    assert presslens.analyze(STRIKE).to_dict() == cli[0]
    assert presslens.analyze(str(PAGE)).to_dict() == cli[1]


@pytest.mark.parametrize("bad, reason", [("", "empty text"), ("missing-file.txt", "no such file"),
                                         ("El gobierno dijo que la huelga es ilegal y que los trabajadores "
                                          "deben volver al puerto de inmediato segun el ministro de transporte "
                                          "del pais en una rueda de prensa", "not English")])
def test_analyze_rejects_bad_input_with_the_reason(bad: str, reason: str) -> None:
    with pytest.raises(presslens.RejectedInput, match=reason):
        presslens.analyze(bad)


def test_analyze_many_keeps_input_order_and_reports_bad_items(tmp_path: Path) -> None:
    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "outlet": "Wire", "text": TEXT}) + "\n" + "{not json\n",
                     encoding="utf-8")
    inputs = [TEXT, {"id": "d1", "title": "Port talks collapse", "text": TEXT, "outlet": "Desk"},
              presslens.Article(id="art", text=TEXT), jsonl, "missing-file.txt", STRIKE]
    out = list(presslens.analyze_many(inputs, techniques=False))
    assert [a.article.id for a in out][1:4] == ["d1", "art", "j1"]
    assert [bool(a.errors) for a in out] == [False, False, False, False, True, True, False]
    assert "malformed JSON line" in out[4].errors[0] and out[4].article.text == ""
    assert "no such file" in out[5].errors[0]
    assert out[1].article.outlet == "Desk" and out[3].article.outlet == "Wire"
    single = presslens.analyze(STRIKE, techniques=False).to_dict()
    assert out[6].to_dict() == single
    assert [a.to_dict() for a in presslens.analyze_many([STRIKE, TEXT], workers=2, techniques=False)] == [
        single, presslens.analyze(TEXT, techniques=False).to_dict()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a presslens.Corpus
    db = tmp_path_factory.mktemp("api") / "c.db"
    result = CliRunner().invoke(app, ["ingest", str(DEMO_DIR), "--db", f"sqlite:///{db}", "--no-techniques"])
    assert result.exit_code == 0, result.output
    with presslens.open(f"sqlite:///{db}") as c:
        yield c


def test_corpus_queries_filter_and_turn_into_dataframes(corpus) -> None:  # noqa: ANN001
    articles = corpus.articles()
    assert len(articles) == len(list(DEMO_DIR.iterdir()))
    assert {a["outlet"] for a in corpus.articles(outlet="harbor-times")} == {"harbor-times"}
    assert all(a["date"].startswith("2019") for a in corpus.articles(until="2019"))
    quotes = corpus.quotes()
    assert quotes and all(q["text"] for q in quotes)
    brandt = corpus.quotes(speaker="brandt")
    assert brandt and all("Brandt" in (q["person"] or q["speaker_name"]) for q in brandt)
    assert len(brandt) < len(quotes)
    twitter = corpus.quotes(channel="twitter")
    assert twitter and {q["channel"] for q in twitter} == {"twitter"}
    assert all(q["date"] >= "2024-03-13" for q in corpus.quotes(since="2024-03-13"))
    df = quotes.to_pandas()
    assert list(df.columns) == quotes.columns and len(df) == len(quotes)
    assert corpus.quotes(speaker="nobody by this name").to_pandas().columns.tolist() == quotes.columns
    people = corpus.people().to_pandas()
    assert "Tomas Brandt" in set(people["name"])
    assert len(corpus.stories()) >= 2
    assert all(f["claims"] for f in corpus.findings())
    hits = corpus.search("strike", outlet="harbor-times")
    assert hits and {h["outlet"] for h in hits} == {"harbor-times"}


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"presslens\[pandas\]"):
        presslens.Rows([{"a": 1}], ["a"]).to_pandas()


def test_import_presslens_stays_light() -> None:
    code = ("import sys, presslens; heavy = [m for m in ('spacy', 'sklearn', 'onnxruntime', 'sqlalchemy', 'pandas', "
            "'trafilatura') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
