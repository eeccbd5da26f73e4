"""Propaganda-technique spans: the shipped model, its spans and offsets, voice, and bad input."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from presslens.analysis.entities import extract_entities
from presslens.analysis.pipeline import load_nlp
from presslens.analysis.quotes import extract_quotes
from presslens.analysis.techniques import (
    EXPLANATIONS,
    WINDOW_SENTENCES,
    decode_spans,
    iter_windows,
    load_technique_model,
)
from presslens.model import TECHNIQUES, Article

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
PTC = SHARED / "corpus" / "ptc" / "train"

# Invented article: a loaded phrase in the outlet's own voice, a name-calling inside a
# minister's quote, and a crowd's slogan.
ARTICLE = (
    "Protests Sweep Capital\n\n"
    "The government's reckless, shameful power grab has plunged the country into chaos.\n\n"
    "\"These traitors and terrorists will be crushed,\" Interior Minister Carlos Vega told reporters on Tuesday.\n\n"
    "Thousands marched through the capital chanting \"MAKE OUR NATION GREAT AGAIN!\"\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def model():
    return load_technique_model()


def analyse(nlp, model, text: str):
    article = Article(id="t", text=text)
    doc = nlp(text)
    quotes = extract_quotes(doc, article, extract_entities(doc, article))
    return article, quotes, model.find(doc, article, quotes)


def test_model_loads_and_metadata_names_the_training_data(model) -> None:
    meta = model.metadata
    data = meta["training_data"]
    assert len(data["sha256"]) == 64 and data["articles"] > 0
    assert set(model.labels) == set(TECHNIQUES)
    assert model.vectors is not None and model.vectors.vectors.shape[0] > 20_000
    if PTC.is_dir():
        from presslens.training.techniques import data_hash, read_ptc, split

        train, held = split(read_ptc(PTC))
        assert data["sha256"] == data_hash(PTC, train)
        assert data["held_out"]["first"] == held[0].id


def test_explanations_cover_every_technique() -> None:
    assert set(EXPLANATIONS) == set(TECHNIQUES)
    assert all(v and "\n" not in v for v in EXPLANATIONS.values())


def test_invented_article_finds_loaded_phrase_name_calling_in_quote_and_slogan(nlp, model) -> None:
    article, quotes, techs = analyse(nlp, model, ARTICLE)
    minister = ARTICLE.index("These traitors")
    quote = next(q for q in quotes if q.start <= minister < q.end)

    def spans(label: str, word: str) -> list:
        at = ARTICLE.index(word)
        return [t for t in techs if t.technique == label and t.start <= at < t.end]

    loaded = spans("Loaded_Language", "reckless") + spans("Loaded_Language", "shameful")
    assert loaded and all(not t.in_quote for t in loaded)
    calling = spans("Name_Calling,Labeling", "traitors") + spans("Name_Calling,Labeling", "terrorists")
    assert calling and all(t.in_quote for t in calling)
    assert all(quote.start <= t.start and t.end <= quote.end for t in calling)
    slogan = spans("Slogans", "MAKE OUR NATION")
    assert slogan
    # in_quote is exactly "inside some quote span"
    for t in techs:
        assert t.in_quote == any(q.start <= t.start and t.end <= q.end for q in quotes)


def test_spans_are_valid_offsets_with_known_labels(nlp, model) -> None:
    texts = [ARTICLE]
    if PTC.is_dir():
        texts += [p.read_bytes().decode("utf-8") for p in sorted((PTC / "text").glob("*.txt"))[-3:]]
    for text in texts:
        _, _, techs = analyse(nlp, model, text)
        assert techs
        for t in techs:
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start : t.end] == t.text and t.text.strip() == t.text
            assert t.technique in TECHNIQUES
            assert 0.0 <= t.score <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "...", "\u00a0\t"])
def test_empty_or_sentence_free_text_gives_no_techniques(nlp, model, text: str) -> None:
    article = Article(id="e", text=text)
    assert model.find(nlp(text), article, []) == []


def test_long_article_is_windowed_not_truncated(nlp, model) -> None:
    para = "Officials met in the city on Monday to discuss the budget and the schedule for next year.\n"
    planted = "The mayor's shameful, disgraceful betrayal of voters outraged everyone.\n"
    n = 3 * WINDOW_SENTENCES
    text = para * n + planted
    doc = nlp(text)
    windows = list(iter_windows(doc, model.vectors))
    assert len(windows) >= 3
    assert all(len(set(w.sent_ids.tolist())) <= WINDOW_SENTENCES for w in windows)
    assert sum(len(w.starts) for w in windows) == sum(1 for t in doc if not t.is_space)
    techs = model.find(doc, Article(id="long", text=text), [])
    at = text.index("shameful")
    assert any(t.start <= at < t.end for t in techs), "the planted phrase at the very end was not reached"


def test_decode_spans_bridges_one_gap_and_stops_at_sentence_end() -> None:
    starts = np.array([0, 4, 8, 10, 15, 20])
    ends = np.array([3, 7, 9, 14, 19, 24])
    is_word = np.array([True, True, False, True, True, True])
    sents = np.array([0, 0, 0, 0, 0, 1])
    probs = np.array([0.9, 0.8, 0.1, 0.7, 0.9, 0.9])
    spans = decode_spans(starts, ends, is_word, sents, probs, 0.5)
    assert [(s, e) for s, e, _ in spans] == [(0, 19), (20, 24)]
    probs = np.array([0.9, 0.1, 0.1, 0.7, 0.1, 0.1])
    assert [(s, e) for s, e, _ in decode_spans(starts, ends, is_word, sents, probs, 0.5)] == [(0, 3), (10, 14)]


def test_word_vectors_fold_case_and_accents(model) -> None:
    wv = model.vectors
    assert wv.pieces("Élite") == wv.pieces("elite")
    assert len(wv.pieces("right-wing")) >= 3  # right, -, wing
    v = wv.vector("traitors")
    assert v.shape == (wv.dims,) and np.isfinite(v).all()
