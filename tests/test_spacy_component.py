"""The ``presslens`` spaCy component: found through its entry point, equal to presslens.analyze."""
from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

import presslens
from presslens.cli.web import DEMO_DIR
from presslens.settings import get_settings

TEXTS = [path.read_text(encoding="utf-8") for path in sorted(DEMO_DIR.glob("*.txt"))[:4]]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.load(get_settings().model)
    pipeline.add_pipe("presslens")
    return pipeline


def test_the_factory_is_registered_through_an_entry_point() -> None:
    found = [ep for ep in entry_points(group="spacy_factories") if ep.name == "presslens"]
    assert [ep.value for ep in found] == ["presslens.spacy_component:make_presslens"]


def test_component_adds_presslens_parsing_pipes_before_parser_and_ner(nlp) -> None:  # noqa: ANN001
    names = nlp.pipe_names
    assert names[-1] == "presslens"
    assert names.index("presslens_paragraphs") < names.index("parser")
    assert names.index("presslens_platforms") < names.index("ner")


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_doc_results_equal_presslens_analyze(nlp, index: int) -> None:  # noqa: ANN001
    text = TEXTS[index]
    doc = nlp(text)
    expected = presslens.analyze(text)
    got = doc._.presslens.to_dict()
    assert {k: got[k] for k in ("entities", "quotes", "techniques", "errors")} == {
        k: expected.to_dict()[k] for k in ("entities", "quotes", "techniques", "errors")}
    assert [q.quote for q in doc._.quotes] == expected.quotes
    assert [t.record for t in doc._.techniques] == expected.techniques
    assert [r.role for r in doc._.claimed_roles] == [r for e in expected.entities for r in e.roles]


def test_spans_cover_the_quote_speaker_and_cue(nlp) -> None:  # noqa: ANN001
    doc = nlp(TEXTS[1])
    assert doc._.quotes
    for q in doc._.quotes:
        assert q.span.start_char <= q.quote.start and q.span.end_char >= q.quote.end
        assert q.type == q.quote.type and q.channel == q.quote.channel
        if q.speaker is not None:
            assert q.speaker.start_char <= q.quote.speaker.start < q.speaker.end_char
        if q.cue is not None:
            assert q.cue.text.startswith(q.quote.cue.text.split()[0])
    assert any(q.speaker is not None for q in doc._.quotes)
    for r in doc._.claimed_roles:
        assert r.span.text == r.role.text
