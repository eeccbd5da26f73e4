"""The lead an analysis keeps (``presslens.analysis.lead``): the nouns a report names its event by in its
headline and first paragraphs, so the story layer compares outlets' words without parsing again."""
from __future__ import annotations

import pytest

from presslens.model import Analysis, Article
from presslens.stories.source import analysis_from_dict


@pytest.fixture(scope="module")
def analyzer():
    from presslens.analysis.analyze import Analyzer

    return Analyzer(techniques=False)


def _lead(analyzer, text: str) -> tuple[list[str], list[str], Analysis]:
    a = analyzer.analyze(Article(id="t", text=text, title=text.split("\n", 1)[0], date="2026-03-04"))
    assert a.lead is not None
    words = [text[s:e] for s, e in a.lead.nouns]
    asides = [text[s:e] for s, e in a.lead.asides]
    return words, asides, a


def test_lead_keeps_event_nouns_of_headline_and_first_paragraphs_only(analyzer) -> None:
    text = ("Substation fire causes power outage across Dunmore\n"
            "Some 60 campaigners staged a sit-in at the depot on Tuesday night.\n"
            "Engineers restored the supply within hours.\n"
            "Later the council met to discuss the budget and the library.\n")
    words, _, _ = _lead(analyzer, text)
    assert "fire" in words and "outage" in words and "sit" not in words[:2]
    assert "campaigners" in words and "supply" in words
    # a modifier of another noun, a quantity word and a time are not the event's words
    assert "Substation" not in words and "power" not in words and "night" not in words
    # the third paragraph of the body is past the lead
    assert "budget" not in words and "library" not in words


def test_lead_marks_headline_words_of_an_adverbial_clause(analyzer) -> None:
    text = ("Bank raises rates as inflation refuses to ease\n"
            "The central bank raised its main rate to 4.75 per cent on Thursday.\n")
    _, asides, _ = _lead(analyzer, text)
    assert "inflation" in asides and "Bank" not in asides


def test_lead_survives_the_json_round_trip(analyzer) -> None:
    text = "Ferry strike strands thousands\nA strike by ferry crews stranded thousands of travellers.\n"
    words, _, a = _lead(analyzer, text)
    back = analysis_from_dict(a.to_dict())
    assert back.lead == a.lead and "strike" in words and "thousands" not in words


def test_lead_survives_the_store(analyzer, tmp_path) -> None:
    """Saved to a real SQLite file and loaded for the story layer, the lead is the analysis's own."""
    from presslens.store.repository import open_store
    from presslens.store.schema import ArticleRow
    from presslens.store.stories import load_analyses

    text = "Ferry strike strands thousands\nA strike by ferry crews stranded thousands of travellers.\n"
    a = analyzer.analyze(Article(id="t", text=text, title=text.split("\n", 1)[0], date="2026-03-04", outlet="x"))
    with open_store(f"sqlite:///{tmp_path / 'lead.db'}") as store:
        store.save([a])
        with store.engine.connect() as conn:
            pk = conn.execute(ArticleRow.__table__.select()).first().id
            stored = load_analyses(conn, [pk], full=False)[pk]
    assert stored.lead == a.lead and stored.lead.nouns
