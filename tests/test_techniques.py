"""Propaganda-technique spans: the shipped tagger, its windows, decoding, offsets, voice, bad input."""
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
    MIN_PRECISION,
    Calibration,
    Decoding,
    LEXICON_FEATURES,
    MODEL_DIR,
    Lexicon,
    LexiconModel,
    TechniqueTagger,
    Window,
    decode,
    keep_best,
    lexicon_features,
    load_technique_model,
    windows,
)
from presslens.model import TECHNIQUES, Article

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
PTC = SHARED / "corpus" / "ptc" / "train"
K = len(TECHNIQUES)

# Invented article: loaded words in the outlet's own voice, name-calling inside a minister's
# quote, and a crowd's slogan.
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


def analyse(nlp, model, text: str, mode: str = "all"):
    article = Article(id="t", text=text)
    doc = nlp(text)
    quotes = extract_quotes(doc, article, extract_entities(doc, article))
    return article, quotes, model.find(doc, article, quotes, mode)


def test_model_loads_and_metadata_names_the_training_data(model) -> None:
    meta = model.metadata
    data = meta["training_data"]
    assert len(data["sha256"]) == 64 and data["articles"] > 0
    assert meta["labels"] == list(TECHNIQUES)
    assert 0 < model.decoding.span < 1 and model.max_pieces > 32
    if PTC.is_dir():
        from presslens.training.techniques import data_hash, read_ptc, split

        train, held = split(read_ptc(PTC))
        assert data["sha256"] == data_hash(PTC, train)
        assert data["held_out"]["first"] == held[0].id
        assert data["tune"]["last"] == train[-1].id


def test_explanations_cover_every_technique() -> None:
    assert set(EXPLANATIONS) == set(TECHNIQUES)
    assert all(v and "\n" not in v for v in EXPLANATIONS.values())


def test_invented_article_finds_loaded_words_name_calling_in_the_quote_and_the_slogan(nlp, model) -> None:
    """Where the spans are and whose voice they are in; labels are checked only for the loaded words
    (held-out labelled F1 is 0.19: the tagger calls most spans Loaded_Language)."""
    article, quotes, techs = analyse(nlp, model, ARTICLE)
    minister = ARTICLE.index("These traitors")
    quote = next(q for q in quotes if q.start <= minister < q.end)

    def covering(*words: str) -> list:
        ats = [ARTICLE.index(w) for w in words]
        return [t for t in techs if any(t.start <= at < t.end for at in ats)]

    own = covering("reckless", "shameful")
    assert own and all(not t.in_quote for t in own)
    assert {"Loaded_Language", "Name_Calling,Labeling"} & {t.technique for t in own}
    quoted = covering("traitors", "terrorists")
    assert quoted and all(t.in_quote for t in quoted)
    assert all(quote.start <= t.start and t.end <= quote.end for t in quoted)
    slogan = covering("MAKE OUR NATION")
    assert slogan and all(not t.in_quote for t in slogan)  # a crowd's chant, not a found quote
    # in_quote is exactly "inside some direct quote": reported speech is in the outlet's words
    for t in techs:
        assert t.in_quote == any(q.type == "direct" and q.start <= t.start and t.end <= q.end for q in quotes)


def test_spans_are_valid_word_aligned_offsets_with_known_labels(nlp, model) -> None:
    texts = [ARTICLE]
    if PTC.is_dir():
        texts += [p.read_bytes().decode("utf-8") for p in sorted((PTC / "text").glob("*.txt"))[-3:]]
    for text in texts:
        _, _, techs = analyse(nlp, model, text)
        assert techs
        for t in techs:
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start : t.end] == t.text and t.text.strip() == t.text
            assert t.start == 0 or not text[t.start - 1].isalnum(), "a span starts inside a word"
            assert t.end == len(text) or not text[t.end].isalnum(), "a span ends inside a word"
            assert t.technique in TECHNIQUES
            assert 0.0 <= t.score <= 1.0 and 0.0 <= t.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "...", "\u00a0\t"])
def test_empty_or_sentence_free_text_gives_no_techniques(nlp, model, text: str) -> None:
    article = Article(id="e", text=text)
    assert model.find(nlp(text), article, []) == []


def test_windows_pack_whole_sentences_and_split_only_overlong_ones(model) -> None:
    text = "One short sentence here. Another short one follows. " + "word " * 40 + "end."
    first = text.index("Another")
    third = text.index("word")
    sents = [(0, first - 1), (first, third - 1), (third, len(text))]
    wins = windows(model.tokenizer, text, sents, max_pieces=16)
    assert [w.sents.tolist() for w in wins[:1]] == [[0] * 5 + [1] * 5]  # two sentences packed in one window
    assert all(len(w.ids) <= 16 for w in wins)
    assert {int(s) for w in wins[1:] for s in w.sents} == {2}  # the long sentence, split over windows
    pieces = sum(len(w.ids) for w in wins)
    assert pieces == sum(len(model.tokenizer.encode(text[s:e], add_special_tokens=False).ids) for s, e in sents)
    for w in wins:  # every piece points at its own characters
        for i, s, e in zip(w.ids, w.starts, w.ends):
            assert model.tokenizer.id_to_token(int(i)).lstrip("#") == text[s:e].lower()


def test_long_article_is_windowed_not_truncated(nlp, model) -> None:
    para = "Officials met in the city on Monday to discuss the budget and the schedule for next year.\n"
    planted = "The mayor's shameful, disgraceful betrayal of voters outraged everyone.\n"
    text = para * 60 + planted
    doc = nlp(text)
    wins = model.windows(text, [(s.start_char, s.end_char) for s in doc.sents])
    assert len(wins) >= 3 and all(len(w.ids) <= model.max_pieces for w in wins)
    techs = model.find(doc, Article(id="long", text=text), [], "all")
    at = text.index("shameful")
    assert any(t.start <= at < t.end for t in techs), "the planted phrase at the very end was not reached"


def _window(words: list[tuple[int, int]], sents: list[int]) -> Window:
    """One piece per word, for decoding tests."""
    n = len(words)
    return Window(ids=np.zeros(n, dtype=np.int64), starts=np.array([s for s, _ in words]),
                  ends=np.array([e for _, e in words]), words=np.arange(n), sents=np.array(sents),
                  alnum=np.ones(n, dtype=bool))


def _probs(any_: list[float], tech: dict[int, list[float]]) -> np.ndarray:
    p = np.zeros((len(any_), K + 1), dtype=np.float32)
    p[:, K] = any_
    for k, col in tech.items():
        p[:, k] = col
    return p


def test_decode_bridges_one_gap_stops_at_sentence_end_and_labels_runs() -> None:
    win = _window([(0, 3), (4, 7), (8, 9), (10, 14), (15, 19), (20, 24)], [0, 0, 0, 0, 0, 1])
    off = tuple([2.0] * K)
    probs = _probs([0.9, 0.8, 0.1, 0.7, 0.9, 0.9], {0: [0.6] * 6, 1: [0.3] * 6})
    spans = decode(win, probs, Decoding(span=0.5, ratio=1.0, solo=off, max_gap=1))
    assert [(s, e, t) for s, e, t, _ in spans] == [(0, 19, TECHNIQUES[0]), (20, 24, TECHNIQUES[0])]
    # two low words in a row end the run when one gap is allowed
    probs = _probs([0.9, 0.1, 0.1, 0.7, 0.1, 0.1], {0: [0.6] * 6})
    assert [(s, e) for s, e, *_ in decode(win, probs, Decoding(0.5, 1.0, off, 1))] == [(0, 3), (10, 14)]
    # a close second technique is added when the ratio allows it
    probs = _probs([0.9, 0.9, 0.0, 0.0, 0.0, 0.0], {0: [0.6] * 6, 1: [0.5] * 6})
    labels = {t for *_, t, _ in decode(win, probs, Decoding(0.5, 0.8, off, 1))}
    assert labels == {TECHNIQUES[0], TECHNIQUES[1]}


def test_decode_solo_spans_only_outside_runs_and_word_pieces_join() -> None:
    # "unbelievable" as two pieces of one word, then two more words
    win = Window(ids=np.zeros(4, dtype=np.int64), starts=np.array([0, 5, 13, 17]), ends=np.array([5, 12, 16, 22]),
                 words=np.array([0, 0, 1, 2]), sents=np.zeros(4, dtype=np.int64), alnum=np.ones(4, dtype=bool))
    probs = _probs([0.9, 0.2, 0.1, 0.1], {3: [0.1, 0.1, 0.1, 0.8]})
    solo = [2.0] * K
    solo[3] = 0.7
    spans = decode(win, probs, Decoding(0.5, 1.0, tuple(solo), 1))
    assert (0, 12) in {(s, e) for s, e, *_ in spans}  # the word's pieces decode as one word
    assert (17, 22, TECHNIQUES[3]) in {(s, e, t) for s, e, t, _ in spans}


def test_decode_never_starts_or_ends_a_span_on_punctuation() -> None:
    # '"' Bad , awful '.'  — the marks score high but only the words bound the span
    win = _window([(0, 1), (1, 4), (4, 5), (6, 11), (11, 12)], [0] * 5)
    win.alnum[:] = [False, True, False, True, False]
    probs = _probs([0.9] * 5, {0: [0.9] * 5})
    spans = decode(win, probs, Decoding(0.5, 1.0, tuple([2.0] * K), 1))
    assert [(s, e) for s, e, *_ in spans] == [(1, 11)]


def test_decode_nests_a_word_level_technique_inside_a_sentence_level_run() -> None:
    # "They  doubt  the  so - called  experts ." : a Doubt run; "so-called" tops Loaded_Language
    win = _window([(0, 4), (5, 10), (11, 14), (15, 17), (17, 18), (18, 24), (25, 32), (32, 33)], [0] * 8)
    win.alnum[:] = [True, True, True, True, False, True, True, False]
    doubt, loaded = TECHNIQUES.index("Doubt"), TECHNIQUES.index("Loaded_Language")
    probs = _probs([0.9] * 8, {doubt: [0.8, 0.8, 0.8, 0.2, 0.9, 0.3, 0.8, 0.9],
                               loaded: [0.1, 0.1, 0.1, 0.7, 0.1, 0.6, 0.1, 0.1]})
    off = tuple([2.0] * K)
    plain = decode(win, probs, Decoding(0.5, 1.0, off, 1))
    assert [(s, e, t) for s, e, t, _ in plain] == [(0, 32, "Doubt")]
    nested = decode(win, probs, Decoding(0.5, 1.0, off, 1, ("Loaded_Language",)))
    # the hyphen joins the two halves of "so-called"; the run keeps its own label
    assert sorted((s, e, t) for s, e, t, _ in nested) == [(0, 32, "Doubt"), (15, 24, "Loaded_Language")]
    # a technique the run already carries is not repeated inside it
    both = decode(win, probs, Decoding(0.5, 0.1, off, 1, ("Loaded_Language",)))
    assert sorted((s, e, t) for s, e, t, _ in both) == [(0, 32, "Doubt"), (0, 32, "Loaded_Language")]


SEED = SHARED / "seed" / "000_4c4297302ce758fe.txt"


def test_precise_mode_shows_only_trusted_confident_spans_a_subset_of_all_candidates(nlp, model) -> None:
    texts = [ARTICLE] + ([p.read_bytes().decode("utf-8") for p in sorted((PTC / "text").glob("*.txt"))[-5:]]
                         if PTC.is_dir() else [])
    trusted = {k.split(":", 1)[1] for k in model.calibration.trusted}
    assert trusted, "the shipped calibration trusts no technique: the default output would always be empty"
    shown_any = False
    for text in texts:
        _, _, precise = analyse(nlp, model, text, "precise")
        for t in precise:
            assert t.confidence >= MIN_PRECISION and t.technique in trusted
            assert text[t.start : t.end] == t.text
        same = [(a.start, a.end, a.technique) for a in precise]
        assert len(same) == len(set(same))
        for a in precise:  # overlapping spans of one technique are reduced to the most confident
            assert not any(b is not a and b.technique == a.technique and b.start < a.end and a.start < b.end
                           for b in precise)
        shown_any |= bool(precise)
    assert shown_any
    with pytest.raises(ValueError, match="unknown technique mode"):
        analyse(nlp, model, ARTICLE, "everything")


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")
def test_seed_label_in_the_outlets_voice_is_found_with_its_confidence(nlp, model) -> None:
    """The seed's "right-wing coup attempt" is the outlet's wording of what the government said
    (reported speech): found as a label in the outlet's voice, grown over its noun phrase, with the
    confidence such labels earned out of fold on PTC's training articles (low: PTC's annotators
    marked "right-wing" in 2 of its 8 occurrences there, so by default, precision first, it is not
    shown)."""
    text = SEED.read_text(encoding="utf-8")
    _, quotes, techs = analyse(nlp, model, text, "all")
    at = text.index("right-wing coup attempt")
    hit = [t for t in techs if t.start <= at < t.end]
    assert any(t.technique == "Name_Calling,Labeling" and t.text == "right-wing coup attempt" and not t.in_quote
               for t in hit), [(t.text, t.technique, t.in_quote) for t in hit]
    assert all(t.confidence is not None and 0 < t.confidence < 1 for t in hit)
    _, _, precise = analyse(nlp, model, text, "precise")
    assert all(t.confidence >= MIN_PRECISION for t in precise)


def test_calibration_interpolates_clips_and_knows_nothing_of_unseen_keys() -> None:
    cal = Calibration.from_dict({"lexicon:Loaded_Language": {"x": [0.2, 0.6], "y": [0.1, 0.7], "trusted": True},
                                 "runs:Doubt": {"x": [0.3], "y": [0.9], "trusted": False}})
    assert cal.confidence("lexicon", "Loaded_Language", 0.4) == pytest.approx(0.4)
    assert cal.confidence("lexicon", "Loaded_Language", 0.0) == pytest.approx(0.1)
    assert cal.confidence("lexicon", "Loaded_Language", 1.0) == pytest.approx(0.7)
    assert cal.confidence("runs", "Loaded_Language", 0.9) == 0.0
    assert cal.shown("lexicon", "Loaded_Language", 0.7) and not cal.shown("lexicon", "Loaded_Language", 0.4)
    assert not cal.shown("runs", "Doubt", cal.confidence("runs", "Doubt", 0.5))  # confident but not trusted


def test_keep_best_drops_overlapping_spans_of_one_technique_only() -> None:
    spans = [(0, 10, "Loaded_Language", 0.5, 0.6), (5, 8, "Loaded_Language", 0.7, 0.8),
             (0, 10, "Doubt", 0.4, 0.55), (12, 15, "Loaded_Language", 0.5, 0.51)]
    assert keep_best(spans) == [(0, 10, "Doubt", 0.4, 0.55), (5, 8, "Loaded_Language", 0.7, 0.8),
                                (12, 15, "Loaded_Language", 0.5, 0.51)]


def test_lexicon_grows_labels_over_their_noun_phrase_but_not_loaded_words(nlp) -> None:
    lex = Lexicon({"Name_Calling,Labeling": {"far-left": 0.4}, "Loaded_Language": {"shameful": 0.5}})
    text = "The far-left mob staged a shameful stunt downtown."
    got = {(text[s:e], t) for s, e, t, _ in lex.spans(nlp(text))}
    assert got == {("far-left mob", "Name_Calling,Labeling"), ("shameful", "Loaded_Language")}


def test_default_output_never_opens_the_encoder(nlp) -> None:
    """The cost of the default output: the first stage alone, no ONNX session, no tokenizer."""
    tagger = TechniqueTagger.load(Path(str(MODEL_DIR)))
    article, quotes, _ = analyse(nlp, load_technique_model(), ARTICLE, "precise")
    tagger.find(nlp(ARTICLE), article, quotes, "precise")
    assert "session" not in vars(tagger) and "tokenizer" not in vars(tagger)
    tagger.find(nlp(ARTICLE), article, quotes, "all")
    assert "session" in vars(tagger)


def test_lexicon_features_see_quotes_sentence_company_and_grown_labels(nlp) -> None:
    lex = Lexicon({"Name_Calling,Labeling": {"far-left": 0.4}, "Loaded_Language": {"shameful": 0.5, "vile": 0.3}})
    text = 'The far-left mob staged a shameful stunt. "Vile," said Ana Ruiz.'
    doc = nlp(text)
    hits = lex.hits(doc)
    quote = (text.index('"') + 1, text.index(',"'))
    x = lexicon_features(doc, lex, hits, [quote])
    assert x.shape == (3, len(LEXICON_FEATURES))
    col = {name: x[:, i] for i, name in enumerate(LEXICON_FEATURES)}
    assert [text[s:e] for s, e, *_ in hits] == ["far-left mob", "shameful", "Vile"]
    assert col["rate"].tolist() == [0.4, 0.5, 0.3]
    assert col["in_quote"].tolist() == [0, 0, 1]
    assert col["sentence_hits"].tolist() == [1, 1, 0]  # other lexicon hits in the same sentence
    assert col["words"].tolist() == [2, 1, 1]
    assert col["pos_ADJ"][1] == 1


def test_lexicon_model_is_a_logistic_regression_per_technique() -> None:
    n = len(LEXICON_FEATURES)
    weights = np.zeros(n)
    weights[0] = 2.0
    model = LexiconModel.from_dict({"features": list(LEXICON_FEATURES), "techniques": {
        "Loaded_Language": {"mean": [0.5] * n, "scale": [0.25] * n, "weights": weights.tolist(), "bias": -1.0}}})
    x = np.zeros((2, n))
    x[:, 0] = [0.5, 1.0]
    got = model.scores("Loaded_Language", x)
    assert got == pytest.approx([1 / (1 + np.exp(1.0)), 1 / (1 + np.exp(-3.0))])  # (1.0 - 0.5) / 0.25 * 2 - 1
    assert model.scores("Doubt", x).tolist() == [0.0, 0.0]
    assert LexiconModel.from_dict(model.to_dict()).scores("Loaded_Language", x) == pytest.approx(got)
    with pytest.raises(ValueError, match="features"):
        LexiconModel.from_dict({"features": ["rate"], "techniques": {}})


def test_default_output_shows_loaded_words_in_the_outlets_voice(nlp, model) -> None:
    """Outlet voice first: the invented article's own "reckless, shameful power grab" is shown by
    default (a loaded word or a label, confidence >= 0.5, not in a quote)."""
    _, _, precise = analyse(nlp, model, ARTICLE, "precise")
    at = ARTICLE.index("reckless")
    own = [t for t in precise if t.start <= at < t.end]
    assert own and all(not t.in_quote and t.confidence >= MIN_PRECISION for t in own)
    assert {t.technique for t in own} <= {"Loaded_Language", "Name_Calling,Labeling"}
