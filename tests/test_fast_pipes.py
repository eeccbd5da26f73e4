"""The faster attribute ruler and lemmatizer annotate every token as the stock spaCy components do."""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from presslens.analysis.fast_pipes import IndexedAttributeRuler, MemoLemmatizer, speed_up
from presslens.analysis.pipeline import load_nlp
from presslens.settings import get_settings

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear" / "dev" / "text"

# Written for this test: the ruler's special cases (contractions, "gonna", "y'all", "nothin'",
# "there is", pronoun case by dependency, auxiliaries, subordinators, determiners as pronouns,
# whitespace tokens) and lemmatizer cases (plurals, tenses, comparatives, proper nouns).
TEXTS = [
    "Y'all ain't gonna believe this, but I told him it wasn't nothin' special.\n\n"
    "There are two reasons, she said: the councillors had voted and the mayors were angry.",
    "Let's go, c'mon!  We've got ta hurry.\t\tThat which does not kill us makes us stronger; "
    "I'd have done it if you'd asked me, because whether it rains or not, they'll come.",
    "The Harbour Trust's spokespeople gets quoted more often than its directors got quoted. "
    "Those are the better, bigger, happiest results since 2019 -- Ms. Ana Ruiz, 54, disagreed.",
    "   \n  Headlines   \n\nDoes it matter? It does. Do they? I do, you do, and he did.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    stock = spacy.load(get_settings().model)
    return stock, speed_up(spacy.load(get_settings().model))


def token_table(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_the_fast_components_replace_the_stock_ones(pipelines) -> None:
    _, fast = pipelines
    assert isinstance(fast.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), MemoLemmatizer)
    assert fast.pipe_names == pipelines[0].pipe_names
    assert isinstance(load_nlp().get_pipe("lemmatizer"), MemoLemmatizer)


def test_same_annotations_as_the_stock_components(pipelines) -> None:
    stock, fast = pipelines
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))[:12]]
    # Twice over: the second pass is served from the memos the first one filled.
    for a, b in zip(stock.pipe(texts * 2), fast.pipe(texts * 2), strict=True):
        assert token_table(a) == token_table(b)
        attrs = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
        assert numpy.array_equal(a.to_array(attrs), b.to_array(attrs))


def test_the_ruler_matches_as_spacy_does(pipelines) -> None:
    stock, fast = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    indexed = fast.get_pipe("attribute_ruler")
    # Most patterns are served by the index; multi-token ones stay with a Matcher.
    assert len(indexed._patterns) > len(indexed._rest) > 0  # noqa: SLF001
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    for doc in docs:
        assert indexed.match(doc) == ruler.match(doc)


def test_a_line_break_starts_a_sentence() -> None:
    doc = load_nlp()("Port strike ends\nWorkers returned on Monday, the union said. Talks go on\n\n \nIn brief\n")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:2] == ["Port", "Workers"]
    assert "In" in starts
    assert not any(t.is_sent_start for t in doc if t.is_space)  # a whitespace token never opens one


def test_a_full_memo_starts_afresh_with_the_same_results(pipelines, monkeypatch) -> None:
    import presslens.analysis.fast_pipes as fast_pipes

    stock, _ = pipelines
    monkeypatch.setattr(fast_pipes, "MAX_MEMO", 5)
    small = speed_up(spacy.load(get_settings().model))
    for a, b in zip(stock.pipe(TEXTS), small.pipe(TEXTS), strict=True):
        assert token_table(a) == token_table(b)
    assert len(small.get_pipe("attribute_ruler")._by_key) <= 5  # noqa: SLF001
    assert len(small.get_pipe("lemmatizer")._memo) <= 5  # noqa: SLF001
