"""Corpus-level framing: per-outlet technique rates by voice, loaded phrases, Fightin' Words."""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from presslens.framing import (
    count_article,
    contrast,
    fightin_words,
    loaded_phrases,
    outlet_counts,
    terms,
    word_count,
)
from presslens.framing.sources import read_jsonl

# Two invented outlets reporting the same invented morning. Both share the event vocabulary;
# the Courier plants "uprising" and "liberation", the Herald plants "coup attempt" and "putschists".
SHARED = (
    "Soldiers gathered near the air base in the capital on Tuesday morning. "
    "The defence minister spoke to reporters at noon. Crowds filled the main square. "
)
COURIER = [
    SHARED + "The uprising grew as the liberation movement marched. Organisers called the uprising peaceful.",
    SHARED + "Supporters of the uprising cheered the liberation of the square.",
    SHARED + "By evening the uprising had spread; liberation songs were heard.",
]
HERALD = [
    SHARED + "The coup attempt failed within hours. Putschists fled the air base.",
    SHARED + "Officials said the coup attempt was planned by putschists abroad.",
    SHARED + "The putschists behind the coup attempt were arrested.",
]


def _record(i: int, outlet: str, text: str, techniques: list[dict] | None = None) -> dict:
    return {"id": f"{outlet}-{i}", "outlet": outlet, "text": text, "techniques": techniques or []}


def _corpus() -> list[dict]:
    return [_record(i, "Courier", t) for i, t in enumerate(COURIER)] + [_record(i, "Herald", t) for i, t in enumerate(HERALD)]


def test_contrast_ranks_planted_words_first() -> None:
    a_terms, b_terms = contrast(_corpus(), {"Courier"}, {"Herald"}, top=4)
    assert [s.term for s in a_terms[:2]] == ["uprising", "liberation"]
    assert {s.term for s in b_terms[:4]} == {"coup attempt", "coup", "attempt", "putschists"}
    # shared event words are not distinctive for either side
    assert all(s.term not in {"soldiers", "air base", "minister"} for s in a_terms + b_terms)


def test_fightin_words_matches_the_formula_and_is_antisymmetric() -> None:
    a = Counter({"x": 10, "y": 2, "z": 5})
    b = Counter({"x": 2, "y": 10, "z": 5})
    scores = {s.term: s for s in fightin_words(a, b)}
    # hand computation, prior = pooled counts scaled to a0 = pooled total
    pooled = a + b
    n_a, n_b, a0 = sum(a.values()), sum(b.values()), sum(pooled.values())
    aw = a0 * pooled["x"] / a0
    delta = math.log((10 + aw) / (n_a + a0 - 10 - aw)) - math.log((2 + aw) / (n_b + a0 - 2 - aw))
    assert scores["x"].delta == pytest.approx(delta)
    assert scores["x"].z == pytest.approx(delta / math.sqrt(1 / (10 + aw) + 1 / (2 + aw)))
    assert scores["x"].z == pytest.approx(-scores["y"].z)
    assert scores["z"].z == pytest.approx(0.0, abs=1e-9)


def test_counts_split_own_voice_and_quotes_per_1000_words() -> None:
    text = "The reckless plan failed. " * 10  # 40 words
    rec = _record(0, "Courier", text, [
        {"start": 4, "end": 12, "text": "reckless", "technique": "Loaded_Language", "score": 0.9, "in_quote": False},
        {"start": 30, "end": 38, "text": "reckless", "technique": "Loaded_Language", "score": 0.9, "in_quote": True},
        {"start": 56, "end": 64, "text": "reckless", "technique": "Loaded_Language", "score": 0.9, "in_quote": False},
    ])
    c = count_article(rec)
    assert word_count(text) == 40 and c.words == 40
    assert c.own["Loaded_Language"] == 2 and c.quoted["Loaded_Language"] == 1
    assert c.per_1000("Loaded_Language") == pytest.approx(50.0)
    assert c.per_1000("Loaded_Language", quoted=True) == pytest.approx(25.0)
    per = outlet_counts([rec, _record(1, "Courier", "Nothing here at all.")])
    assert per["Courier"].articles == 2 and per["Courier"].words == 44


def test_loaded_phrases_fold_case_and_skip_quotes_by_default() -> None:
    recs = [
        _record(0, "Herald", "A Reckless plan.", [
            {"start": 2, "end": 10, "text": "Reckless", "technique": "Loaded_Language", "score": 1, "in_quote": False}]),
        _record(1, "Herald", "A reckless plan, said X: traitors.", [
            {"start": 2, "end": 10, "text": "reckless", "technique": "Loaded_Language", "score": 1, "in_quote": False},
            {"start": 25, "end": 33, "text": "traitors", "technique": "Name_Calling,Labeling", "score": 1, "in_quote": True}]),
    ]
    assert loaded_phrases(recs) == {"Herald": [("reckless", 2)]}
    assert dict(loaded_phrases(recs, include_quoted=True)["Herald"]) == {"reckless": 2, "traitors": 1}


def test_terms_drop_stop_words_and_form_bigrams_within_sentences() -> None:
    t = terms("The coup attempt failed. Attempt again!")
    assert t["coup attempt"] == 1 and t["attempt"] == 2 and "the" not in t
    assert "failed attempt" not in t  # no bigram across a sentence end


def test_read_jsonl_skips_rejections(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    lines = [json.dumps(r) for r in _corpus()] + [json.dumps({"input": "x.pdf", "reason": "unsupported"}), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(list(read_jsonl(path))) == 6


def test_framing_cli_on_jsonl(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import presslens.cli.framing  # noqa: F401  (registers the command even before cli/__init__ imports it)
    from presslens.cli.app import app

    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _corpus()), encoding="utf-8")
    res = CliRunner().invoke(app, ["framing", str(path), "--outlet", "Courier", "--vs", "Herald", "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["articles"] == 6
    assert report["contrast"]["a_terms"][0]["term"] in {"uprising", "liberation"}
    table = CliRunner().invoke(app, ["framing", str(path), "--outlet", "Courier", "--vs", "Herald"])
    assert table.exit_code == 0 and "uprising" in table.stdout
    bad = CliRunner().invoke(app, ["framing", str(path), "--outlet", "Courier"])
    assert bad.exit_code == 2


def test_store_source_yields_the_same_records_as_jsonl(tmp_path: Path) -> None:
    """Framing over a real SQLite store gives the same report as over the JSONL of the same analyses."""
    from presslens.cli.framing import framing_report
    from presslens.framing.sources import read_store
    from presslens.model import Analysis, Article, Technique
    from presslens.store import open_store

    analyses = []
    for rec in _corpus():
        text = rec["text"]
        m = re.search(r"uprising|putschists", text, re.IGNORECASE)
        at, word = m.start(), m.group()
        art = Article(id=rec["id"], text=text, outlet=rec["outlet"])
        tech = Technique(start=at, end=at + len(word), text=word, technique="Loaded_Language", score=0.5, in_quote=False)
        analyses.append(Analysis(article=art, techniques=[tech]))
    url = f"sqlite:///{tmp_path / 'framing.db'}"
    store = open_store(url)
    try:
        store.save(analyses)
    finally:
        store.close()

    from_store = list(read_store(url))
    from_jsonl = [a.to_dict() for a in analyses]
    assert sorted(r["id"] for r in from_store) == sorted(r["id"] for r in from_jsonl)
    assert framing_report(from_store, "Courier", "Herald") == framing_report(from_jsonl, "Courier", "Herald")
    assert framing_report(from_store)["loaded_phrases"]["Courier"][0] == ["uprising", 3]
    assert framing_report(from_store)["loaded_phrases"]["Herald"][0] == ["putschists", 3]


# A second invented event, a week later, that the same two outlets word differently.
STRIKE = (
    "Dock workers at the northern harbour stopped loading ships on Monday over pay. "
    "The port authority said cargo was waiting at the quay. "
)
STRIKE_COURIER = [STRIKE + "The walkout was orderly, and the walkout will go on.", STRIKE + "Pickets kept the walkout calm."]
STRIKE_HERALD = [STRIKE + "Critics called the stoppage sabotage of the economy.", STRIKE + "Ministers said the sabotage must end."]


def test_framing_restricted_to_one_stored_story(tmp_path: Path) -> None:
    """``framing --db --story`` counts, lists and contrasts only that story's articles."""
    from typer.testing import CliRunner

    import presslens.cli.framing  # noqa: F401  (registers the command)
    from presslens.cli.app import app
    from presslens.model import Analysis, Article, Technique
    from presslens.store import open_store
    from presslens.store.stories import stored_stories, update_stories

    events = [("2024-05-07", "Courier", t, "uprising|liberation") for t in COURIER]
    events += [("2024-05-07", "Herald", t, "putschists|coup attempt") for t in HERALD]
    events += [("2024-05-14", "Courier", t, "walkout") for t in STRIKE_COURIER]
    events += [("2024-05-14", "Herald", t, "sabotage") for t in STRIKE_HERALD]
    analyses = []
    for i, (date, outlet, text, planted) in enumerate(events):
        techs = [Technique(start=m.start(), end=m.end(), text=m.group(), technique="Loaded_Language", score=0.5,
                           in_quote=False) for m in re.finditer(planted, text, re.IGNORECASE)]
        analyses.append(Analysis(article=Article(id=f"a{i}", text=text, outlet=outlet, date=date), techniques=techs))
    url = f"sqlite:///{tmp_path / 'stories.db'}"
    store = open_store(url)
    try:
        store.save(analyses)
        update_stories(store)
        with store.engine.connect() as conn:
            stories = sorted((sorted(int(a) for a in s.articles), s.id) for s in stored_stories(conn))
    finally:
        store.close()
    assert [len(members) for members, _ in stories] == [6, 4], "the test corpus groups into its two events"
    coup, strike = (sid for _, sid in stories)

    def report(*args: str) -> dict:
        res = CliRunner().invoke(app, ["framing", "--db", url, "--json", *args])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    everything = report()
    assert everything["articles"] == 10
    assert {p for p, _ in everything["loaded_phrases"]["Courier"]} == {"uprising", "liberation", "walkout"}

    one = report("--story", coup, "--outlet", "Courier", "--vs", "Herald")
    assert one["articles"] == 6
    assert {o: c["articles"] for o, c in one["outlets"].items()} == {"Courier": 3, "Herald": 3}
    assert {p for p, _ in one["loaded_phrases"]["Courier"]} == {"uprising", "liberation"}
    assert {p for p, _ in one["loaded_phrases"]["Herald"]} == {"putschists", "coup attempt"}
    contrast_terms = {t["term"] for side in ("a_terms", "b_terms") for t in one["contrast"][side]}
    assert [t["term"] for t in one["contrast"]["a_terms"][:2]] == ["uprising", "liberation"]
    assert not contrast_terms & {"walkout", "sabotage", "dock", "harbour"}, "the other story's words are left out"

    other = report("--story", strike, "--outlet", "Courier", "--vs", "Herald")
    assert other["articles"] == 4
    assert other["loaded_phrases"]["Courier"][0] == ["walkout", 3]
    assert other["contrast"]["a_terms"][0]["term"] == "walkout" and other["contrast"]["b_terms"][0]["term"] == "sabotage"
    own = sum(t["own"] for c in other["outlets"].values() for t in c["techniques"].values())
    assert own == 5  # 3 walkouts + 2 sabotages, nothing from the coup story

    missing = CliRunner().invoke(app, ["framing", "--db", url, "--story", "no-such-story"])
    assert missing.exit_code == 2 and "no stored story 'no-such-story'" in missing.output

