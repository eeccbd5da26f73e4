"""Propaganda-technique spans (the 14 PTC techniques), found by a fine-tuned small encoder.

Why an encoder, and why this one: the cheap tagger this replaced (linear scorers over spaCy
tokens) stalled at span F1 0.37 on held-out PTC; which words are loaded, name-calling or
flag-waving depends on context a bag of features does not see. all-MiniLM-L6-v2 cut to its
first 4 of 6 layers (384 wide) fits the issue's speed budget — the technique step may add at
most half of the core's per-article time; all 6 layers took 70% for the same span F1 — once
it runs as an int8-quantised ONNX graph on onnxruntime, one thread per process (workers
parallelise across processes, as the spaCy pipeline does). The tagger is fine-tuned on PTC by ``python -m presslens.training.techniques``
and shipped in ``presslens/data/techniques/`` (graph, tokenizer, thresholds); the runtime
needs only onnxruntime, tokenizers and numpy — no PyTorch, no network.

How it reads an article: the text is cut into the core pipeline's sentences, the sentences
are packed whole into windows of at most ``max_pieces`` word pieces (a sentence longer than
that is split), and each piece gets one probability of lying inside any technique span plus
one per technique. Spans are runs of words whose "any" probability clears a tuned threshold
(never crossing a sentence); each run is labelled with its best technique — and with others
that come close; a word-level technique (loaded words, name-calling) topping some of a run's
words also gets its own narrower span there, as PTC nests them inside sentence-level ones; and
a technique scoring high on words outside any run adds its own spans.
The techniques share one softmax per piece (a word is labelled with the narrowest span's
technique in training), so they compete for a word instead of each firing on its own.
Memory is bounded by the batch of windows, however long the article.

Precision first (issue 19): PTC-style recall-oriented spans are mostly wrong for a reader (on
held-out PTC about 1 in 7 carries the right technique), so by default (``mode="precise"``) an
article shows only spans whose *calibrated confidence* — the precision spans of that technique
and score had on PTC articles the scorer never saw — reaches ``MIN_PRECISION``. The default
output is a cascade's cheap first stage alone: words PTC's annotators marked as loaded language
or name-calling (:class:`Lexicon`), each scored by a small logistic model over what the spaCy
parse already knows (the word's rate, its part of speech, whether it is in a direct quote, how
loaded its sentence and article are: :func:`lexicon_features`). Why not the encoder: its scores
can be calibrated only on the 48 articles it was not fitted on, and there its confident region
held about 30 spans (held-out precision 0.498); the first stage is cross-fitted over all 297
training articles (five folds, the lexicon rebuilt without each fold), so its calibration rests
on ten times the spans, and it costs about 1% of the parse where the encoder cost as much as the
parse itself. The encoder runs only for ``mode="all"``, which keeps the recall-oriented runs
(SemEval-style scoring) plus lexicon words no run covers, each with its own calibrated
confidence; its ONNX session is opened only then.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
from spacy.tokens import Doc

from presslens.analysis.pipeline import ModelUnavailable
from presslens.model import TECHNIQUES, Article, Quote, Technique

#: One line per technique, for tables and the web UI (after the PTC annotation guidelines).
EXPLANATIONS: dict[str, str] = {
    "Loaded_Language": "Words or phrases with strong emotional connotations, used to sway the reader.",
    "Name_Calling,Labeling": "Labelling a person or group as something the audience fears, hates or admires.",
    "Repetition": "Repeating the same message over and over so the audience accepts it.",
    "Doubt": "Questioning the credibility of someone or something without evidence.",
    "Exaggeration,Minimisation": "Representing something as much larger or much smaller than it is.",
    "Appeal_to_fear-prejudice": "Building support for an idea by instilling fear or playing on prejudice.",
    "Flag-Waving": "Playing on strong national or group feeling to justify an idea or action.",
    "Causal_Oversimplification": "Assuming a single cause or reason when an issue has many.",
    "Appeal_to_Authority": "Claiming something is true because an authority says so, without other evidence.",
    "Slogans": "A brief, striking phrase that works as a label or stereotype.",
    "Black-and-White_Fallacy": "Presenting two alternatives as the only ones when more exist.",
    "Whataboutism,Straw_Men,Red_Herring": "Deflecting: charging hypocrisy, attacking a distorted claim, or changing the subject.",
    "Thought-terminating_Cliches": "A stock phrase that discourages critical thought and ends the discussion.",
    "Bandwagon,Reductio_ad_hitlerum": "Join-because-everyone-does, or reject-because-a-hated-group-likes-it.",
}

#: Where the shipped model lives inside the package.
MODEL_DIR = resources.files("presslens") / "data" / "techniques"
GRAPH_FILE = "tagger.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "metadata.json"
LEXICON_FILE = "lexicon.json"

#: ``precise``: only spans whose calibrated confidence reaches ``MIN_PRECISION`` (the default);
#: ``all``: the recall-oriented runs, as PTC's scorer wants them.
Mode = Literal["precise", "all"]
MODES: tuple[str, ...] = ("precise", "all")
#: Held-out precision a span's technique and score must reach to be shown by default.
MIN_PRECISION = 0.5
#: Techniques the lexicon knows: the word-level ones, where a word alone carries the technique.
LEXICON_TECHNIQUES: tuple[str, ...] = ("Loaded_Language", "Name_Calling,Labeling")
#: Parts of speech the first stage tells apart (others share the zero column).
FEATURE_POS: tuple[str, ...] = ("ADJ", "ADV", "VERB", "NOUN", "PROPN")
#: What the first stage knows of a lexicon hit, in the order of its weights (:func:`lexicon_features`).
LEXICON_FEATURES: tuple[str, ...] = (
    "rate", "rate_other", "in_quote", "sentence_hits", "article_density", "exclamation", "question",
    "capitalised", "entity", "words", *(f"pos_{p}" for p in FEATURE_POS))
#: Techniques whose lexicon words grow over the rest of the noun phrase they modify: a label
#: names someone or something ("right-wing coup attempt"), while a loaded word is marked alone
#: in PTC (growing loaded words cost 0.06 precision on the tuning articles).
PHRASE_TECHNIQUES: tuple[str, ...] = ("Name_Calling,Labeling",)
#: Words as the lexicon counts them: hyphenated and apostrophe compounds stay one word.
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")

#: Windows scored per onnxruntime call: bounds memory, keeps padding low (windows are sorted).
BATCH_WINDOWS = 16


@dataclass(slots=True)
class Window:
    """Word pieces of whole sentences, with each piece's character span, word and sentence."""

    ids: np.ndarray  # (pieces,) vocabulary ids, no special tokens
    starts: np.ndarray  # character offsets into the article text
    ends: np.ndarray
    words: np.ndarray  # article-wide word number of each piece
    sents: np.ndarray  # article-wide sentence number of each piece
    alnum: np.ndarray  # whether the piece has a letter or digit (punctuation never starts or ends a span)


@dataclass(frozen=True, slots=True)
class Decoding:
    """How piece probabilities become spans; tuned at training time, stored in the metadata.

    ``span``: the "any technique" probability a word needs to be in a span. ``ratio``: a run
    also carries every technique whose mean probability is at least this share of its best
    one. ``solo``: per technique, the probability at which words outside any run form a span
    of that technique on their own (above 1: never). ``max_gap``: low words a run may bridge.
    ``nested``: techniques that also get their own narrower span inside a run labelled
    otherwise, on the run's words they top — PTC marks a loaded word or a label *within* a
    sentence-long doubt or appeal, and one label per run would lose it.
    """

    span: float
    ratio: float
    solo: tuple[float, ...]
    max_gap: int = 1
    nested: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict) -> "Decoding":
        return cls(span=float(d["span"]), ratio=float(d["ratio"]), solo=tuple(float(x) for x in d["solo"]),
                   max_gap=int(d.get("max_gap", 1)), nested=tuple(d.get("nested", ())))

    def to_dict(self) -> dict:
        return {"span": self.span, "ratio": self.ratio, "solo": list(self.solo), "max_gap": self.max_gap,
                "nested": list(self.nested)}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Score -> expected precision, per candidate source and technique (``"lexicon:Loaded_Language"``).

    Each entry is the step function of an isotonic regression of a candidate span's precision
    credit (the share of its characters inside a gold span of its technique, the task metric's
    per-span precision) on its score, fitted on the tuning articles at training time
    (:mod:`presslens.training.techniques`), stored as breakpoints and read here with linear
    interpolation, so the runtime needs no scikit-learn. A source and technique with no entry
    has confidence 0: it was never seen to be right.
    """

    steps: dict[str, tuple[tuple[float, ...], tuple[float, ...]]]
    #: ``source:technique`` keys enough tuning spans of which reached ``MIN_PRECISION`` to be shown by default.
    trusted: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, d: dict) -> "Calibration":
        return cls({k: (tuple(map(float, v["x"])), tuple(map(float, v["y"]))) for k, v in d.items()},
                   frozenset(k for k, v in d.items() if v.get("trusted")))

    def shown(self, source: str, technique: str, confidence: float) -> bool:
        """Whether a precise-mode span is shown: its technique is trusted and its confidence high enough."""
        return confidence >= MIN_PRECISION and f"{source}:{technique}" in self.trusted

    def confidence(self, source: str, technique: str, score: float) -> float:
        """Expected precision of a ``source`` span of ``technique`` with this ``score``."""
        xs, ys = self.steps.get(f"{source}:{technique}", ((), ()))
        return round(float(np.interp(score, xs, ys)), 4) if xs else 0.0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Words PTC's annotators marked as loaded language or name-calling, with how often.

    ``rates[technique][word]`` is the smoothed share of the word's occurrences (lower-cased,
    :data:`WORD_RE`) that lie inside a gold span of that technique in the PTC training articles.
    Why beside the encoder: a label in a news outlet's own voice ("right-wing", "regime") is a
    word-level cue the encoder, trained on propaganda sites' sentences, often scores near zero;
    the lexicon finds the word, and its span grows over the rest of the noun phrase it modifies
    ("right-wing coup attempt"), as PTC's annotators mark a label with its noun. Whether a hit is
    shown is decided by the first stage's calibrated confidence (:class:`LexiconModel`).
    """

    rates: dict[str, dict[str, float]]

    def spans(self, doc: Doc) -> list[tuple[int, int, str, float]]:
        """(start, end, technique, rate) for every lexicon word in ``doc``; labels grow over their noun phrase."""
        return [(s, e, t, rate) for s, e, t, rate, _ in self.hits(doc)]

    def hits(self, doc: Doc, text: str | None = None) -> list[tuple[int, int, str, float, int]]:
        """As :meth:`spans`, with the index of the hit word's first token (``text``: ``doc.text``, if at hand)."""
        if not any(self.rates.values()):
            return []
        chunk_end: dict[int, int] | None = None  # token index -> end char of the noun chunk it modifies
        out = []
        for m in WORD_RE.finditer(doc.text if text is None else text):
            word = m.group().lower()
            found = [(t, rates[word]) for t, rates in self.rates.items() if word in rates]
            if not found:
                continue
            tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if tok is None or not len(tok):
                continue
            for technique, rate in found:
                end = m.end()
                if technique in PHRASE_TECHNIQUES:
                    if chunk_end is None:  # noun chunks cost a walk of the parse: only when a label needs them
                        chunk_end = {t.i: chunk.end_char for chunk in doc.noun_chunks for t in chunk[:-1]}
                    end = max(end, chunk_end.get(tok[-1].i, end))
                out.append((m.start(), end, technique, rate, tok[0].i))
        return out

    def to_dict(self) -> dict:
        return {t: dict(sorted(r.items())) for t, r in self.rates.items()}


def lexicon_features(doc: Doc, lexicon: Lexicon, hits: Sequence[tuple[int, int, str, float, int]],
                     quote_spans: Sequence[tuple[int, int]] = (), text: str | None = None) -> np.ndarray:
    """One row of :data:`LEXICON_FEATURES` per lexicon hit: what the parse says about it.

    Why these: the word's rate alone reaches a precision of about 0.49 however high it is set
    (cross-fitted over PTC's training articles); PTC's annotators mark a word more readily in a
    sentence and an article full of other loaded words, in exclamations and questions, and
    less often in a name or a proper noun; a label grown over its noun phrase is a different
    claim from a single word. ``quote_spans`` are the article's direct quotes (start, end);
    ``text`` is ``doc.text`` when the caller has it (spaCy joins every token to make it).
    """
    if not hits:
        return np.zeros((0, len(LEXICON_FEATURES)))
    text = doc.text if text is None else text
    n_words = max(1, int(doc.to_array("IS_ALPHA").sum()))
    # one walk over the sentences (Token.sent walks the document on every call)
    sents = [(sent.start, sent.end, "!" in sent.text, "?" in sent.text) for sent in doc.sents]
    bounds = np.array([start for start, *_ in sents])
    sent_of = [int(np.searchsorted(bounds, i, side="right")) - 1 for *_, i in hits]
    per_sentence = np.bincount(sent_of, minlength=len(sents))
    rows = []
    for (s, e, technique, rate, i), k in zip(hits, sent_of):
        tok = doc[i]
        start, _, exclamation, question = sents[k]
        word = WORD_RE.match(text, s)
        other = [lexicon.rates.get(t, {}).get(word.group().lower() if word else "", 0.0)
                 for t in LEXICON_TECHNIQUES if t != technique]
        rows.append([rate, max(other, default=0.0), any(qs <= s and e <= qe for qs, qe in quote_spans),
                     min(per_sentence[k] - 1, 5), 100.0 * len(hits) / n_words, exclamation, question,
                     tok.text[:1].isupper() and tok.i != start, tok.ent_type_ != "",
                     len(text[s:e].split()), *(tok.pos_ == p for p in FEATURE_POS)])
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(LEXICON_FEATURES))


@dataclass(frozen=True, slots=True)
class LexiconModel:
    """The cascade's first stage: per technique, a logistic regression over :func:`lexicon_features`.

    Fitted by the training command (scikit-learn there; here only its standardisation and
    weights, applied with numpy). Its probability is a score, turned into the confidence shown by
    the ``lexicon:<technique>`` calibration like any other candidate's.
    """

    weights: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, float]]  # mean, scale, weights, bias

    @classmethod
    def from_dict(cls, d: dict) -> "LexiconModel":
        if d and list(d.get("features", [])) != list(LEXICON_FEATURES):
            raise ValueError(f"lexicon model features {d.get('features')} differ from {list(LEXICON_FEATURES)}")
        return cls({t: (np.asarray(m["mean"]), np.asarray(m["scale"]), np.asarray(m["weights"]), float(m["bias"]))
                    for t, m in d.get("techniques", {}).items()})

    def to_dict(self) -> dict:
        return {"features": list(LEXICON_FEATURES),
                "techniques": {t: {"mean": [round(float(x), 6) for x in mu], "scale": [round(float(x), 6) for x in sd],
                                   "weights": [round(float(x), 6) for x in w], "bias": round(b, 6)}
                               for t, (mu, sd, w, b) in self.weights.items()}}

    def scores(self, technique: str, features: np.ndarray) -> np.ndarray:
        """Probability, per row of ``features``, that the hit lies in a gold span of ``technique``
        (zeros for a technique the model does not know)."""
        if technique not in self.weights or not len(features):
            return np.zeros(len(features))
        mu, sd, w, b = self.weights[technique]
        return 1.0 / (1.0 + np.exp(-np.clip(((features - mu) / sd) @ w + b, -30, 30)))


def windows(tokenizer, text: str, sentences: Iterable[tuple[int, int]], max_pieces: int) -> list[Window]:
    """Pack whole sentences (character ranges of ``text``) into windows of <= ``max_pieces``.

    ``tokenizer`` is a ``tokenizers.Tokenizer`` (no truncation, no special tokens added here:
    the caller wraps each window in [CLS] ... [SEP]).
    """
    out: list[Window] = []
    cur: list[list[int]] = [[], [], [], [], [], []]

    def flush() -> None:
        nonlocal cur
        if cur[0]:
            *numbers, alnum = cur
            out.append(Window(*(np.asarray(c, dtype=np.int64) for c in numbers), alnum=np.asarray(alnum, dtype=bool)))
        cur = [[], [], [], [], [], []]

    word_base = 0
    for sent_no, (s, e) in enumerate(sentences):
        enc = tokenizer.encode(text[s:e], add_special_tokens=False)
        if not enc.ids:
            continue
        word_ids = [w if w is not None else 0 for w in enc.word_ids]
        if len(cur[0]) + len(enc.ids) > max_pieces:
            flush()
        for piece, (a, b), w in zip(enc.ids, enc.offsets, word_ids):
            if len(cur[0]) >= max_pieces:
                flush()
            alnum = any(c.isalnum() for c in text[s + a : s + b])
            for col, value in zip(cur, (piece, s + a, s + b, word_base + w, sent_no, alnum)):
                col.append(value)
        word_base += max(word_ids) + 1
    flush()
    return out


def piece_probs(logits: np.ndarray) -> np.ndarray:
    """(pieces, techniques + 1) probabilities from the tagger's (pieces, techniques + 2) logits.

    The first techniques + 1 logits are one softmax over the techniques and "none" (a piece
    carries the technique of the narrowest gold span around it), so techniques compete for a
    word; the last is a separate sigmoid for "inside any technique span", the span task's own
    evidence. "none" is dropped: columns are the techniques, then "any".
    """
    k = len(TECHNIQUES)
    z = logits[:, : k + 1] - logits[:, : k + 1].max(axis=1, keepdims=True)
    soft = np.exp(z)
    soft /= soft.sum(axis=1, keepdims=True)
    any_ = 1.0 / (1.0 + np.exp(-np.clip(logits[:, k + 1], -30, 30)))
    return np.concatenate([soft[:, :k], any_[:, None]], axis=1).astype(np.float32)


def decode(window: Window, probs: np.ndarray, rule: Decoding) -> list[tuple[int, int, str, float]]:
    """Spans (start, end, technique, score) of one window from its piece probabilities.

    ``probs`` has one row per piece: one column per technique (in ``TECHNIQUES`` order), then
    the "any technique" column. A word scores the maximum over its pieces, so a span always
    covers whole words; a punctuation mark may sit inside a span but never starts or ends one.
    """
    k = len(TECHNIQUES)
    wprobs, wstart, wend, wsent, wordlike = _words(window, probs)
    n = len(wprobs)
    nested = np.isin(np.arange(k), [TECHNIQUES.index(t) for t in rule.nested])
    out: list[tuple[int, int, str, float]] = []
    in_run = np.zeros(n, dtype=bool)
    above = (wprobs[:, k] >= rule.span) & wordlike
    i = 0
    while i < n:
        if not above[i]:
            i += 1
            continue
        j = end = i
        gap = 0
        while j + 1 < n and wsent[j + 1] == wsent[i]:
            j += 1
            if above[j]:
                end, gap = j, 0
            else:
                gap += 1
                if gap > rule.max_gap:
                    break
        mean = wprobs[i : end + 1, :k].mean(axis=0)
        best = float(mean.max())
        labels = np.flatnonzero(mean >= rule.ratio * best)
        for t in labels:
            out.append((int(wstart[i]), int(wend[end]), TECHNIQUES[t], round(float(mean[t]), 4)))
        if nested.any():
            out.extend(_nested(wprobs[i : end + 1, :k], wordlike[i : end + 1], wstart[i : end + 1],
                               wend[i : end + 1], nested, set(labels.tolist())))
        in_run[i : end + 1] = True
        i = end + 1
    for t, level in enumerate(rule.solo):
        if level > 1:
            continue
        hit = (wprobs[:, t] >= level) & ~in_run & wordlike
        for i, j in _stretches(np.where(hit, wsent, -1)):  # hit words of one sentence
            if hit[i]:
                out.append((int(wstart[i]), int(wend[j]), TECHNIQUES[t], round(float(wprobs[i : j + 1, t].mean()), 4)))
    return out


def _words(window: Window, probs: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per word of a window: (probabilities, the maximum over its pieces; start; end; sentence;
    whether it has a letter or digit)."""
    change = np.flatnonzero(np.diff(window.words)) + 1
    first = np.r_[0, change]
    last = np.r_[change - 1, len(window.words) - 1]
    return (np.maximum.reduceat(probs, first, axis=0), window.starts[first], window.ends[last], window.sents[first],
            np.logical_or.reduceat(window.alnum, first))


def _stretches(keys: np.ndarray) -> Iterator[tuple[int, int]]:
    """(first, last) index of each maximal stretch of equal consecutive ``keys``."""
    ends = np.flatnonzero(np.diff(keys)).tolist() + [len(keys) - 1] if len(keys) else []
    first = 0
    for last in ends:
        yield first, last
        first = last + 1


def _nested(wprobs: np.ndarray, wordlike: np.ndarray, starts: np.ndarray, ends: np.ndarray,
            nested: np.ndarray, run_labels: set[int]) -> list[tuple[int, int, str, float]]:
    """Narrower spans inside one run: maximal stretches of words whose top technique is a
    ``nested`` one the run is not already labelled with. Punctuation joins a stretch only
    between two words of the same technique, so a stretch starts and ends on a word."""
    top = np.where(wordlike, wprobs.argmax(axis=1), -1)
    for j in np.flatnonzero(top < 0):
        right = top[j + 1 :][top[j + 1 :] >= 0]
        if j > 0 and top[j - 1] >= 0 and len(right) and right[0] == top[j - 1]:
            top[j] = top[j - 1]
    out = []
    for j, e in _stretches(top):
        t = int(top[j])
        if t >= 0 and nested[t] and t not in run_labels:
            out.append((int(starts[j]), int(ends[e]), TECHNIQUES[t], round(float(wprobs[j : e + 1, t].mean()), 4)))
    return out


def keep_best(spans: list[tuple[int, int, str, float, float]]) -> list[tuple[int, int, str, float, float]]:
    """Of overlapping spans of one technique, the most confident (then the earliest, shortest)."""
    out: list[tuple[int, int, str, float, float]] = []
    for span in sorted(spans, key=lambda r: (-r[4], r[0], r[1] - r[0])):
        if not any(o[2] == span[2] and o[0] < span[1] and span[0] < o[1] for o in out):
            out.append(span)
    return sorted(out, key=lambda r: (r[0], r[1], r[2]))


class TechniqueTagger:
    """The shipped technique model: the lexicon and its first-stage model (always), and the
    encoder — an ONNX graph scoring word pieces, its tokenizer and its decoding — opened only
    when the recall-oriented output needs it, so the default output never pays for loading it."""

    def __init__(self, directory: Path, metadata: dict, lexicon: Lexicon | None = None) -> None:
        labels = metadata.get("labels", [])
        if list(labels) != list(TECHNIQUES):
            raise ValueError(f"technique model labels {labels} differ from {list(TECHNIQUES)}")
        self.directory = Path(directory)
        self.metadata = metadata
        self.max_pieces = int(metadata["max_pieces"])
        self.decoding = Decoding.from_dict(metadata["decoding"])
        self.calibration = Calibration.from_dict(metadata.get("calibration", {}))
        self.lexicon = lexicon or Lexicon({})
        self.lexicon_model = LexiconModel.from_dict(metadata.get("lexicon_model", {}))

    @classmethod
    def load(cls, directory: Path) -> "TechniqueTagger":
        """Load the metadata and lexicon written by the training command (the encoder waits until used)."""
        directory = Path(directory)
        metadata = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        lex_path = directory / LEXICON_FILE
        lexicon = Lexicon(json.loads(lex_path.read_text(encoding="utf-8"))) if lex_path.exists() else None
        return cls(directory, metadata, lexicon)

    @cached_property
    def tokenizer(self):
        """The encoder's word-piece tokenizer (``tokenizers.Tokenizer``), loaded on first use."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def session(self):
        """The encoder's onnxruntime session, opened on first use."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        # One thread: parallelism comes from worker processes, which share the cores.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        return ort.InferenceSession(str(self.directory / GRAPH_FILE), options, providers=["CPUExecutionProvider"])

    def windows(self, text: str, sentences: Iterable[tuple[int, int]]) -> list[Window]:
        """The article's windows, as scored by :meth:`probs`."""
        return windows(self.tokenizer, text, sentences, self.max_pieces)

    def probs(self, wins: Sequence[Window]) -> list[np.ndarray]:
        """Per-piece probabilities for each window, as :func:`piece_probs` gives them."""
        result: list[np.ndarray | None] = [None] * len(wins)
        cls_id, sep_id = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
        for b in range(0, len(order), BATCH_WINDOWS):
            batch = order[b : b + BATCH_WINDOWS]
            width = max(len(wins[i].ids) for i in batch) + 2
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                n = len(wins[i].ids)
                ids[row, 0], ids[row, 1 : n + 1], ids[row, n + 1] = cls_id, wins[i].ids, sep_id
                mask[row, : n + 2] = 1
            (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            for row, i in enumerate(batch):
                result[i] = piece_probs(logits[row, 1 : len(wins[i].ids) + 1])
        return result  # type: ignore[return-value]

    def spans(self, text: str, sentences: Iterable[tuple[int, int]], rule: Decoding | None = None) -> list[tuple[int, int, str, float]]:
        """All recall-oriented technique spans of ``text`` as (start, end, technique, score), sorted."""
        rule = rule or self.decoding
        wins = self.windows(text, sentences)
        out = [span for win, p in zip(wins, self.probs(wins)) for span in decode(win, p, rule)]
        out.sort(key=lambda r: (r[0], r[1], r[2]))
        return out

    def candidates(self, doc: Doc, mode: Mode = "precise",
                   quote_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str, float, str]]:
        """(start, end, technique, score, source) of every candidate span of the mode, before calibration.

        ``precise``: the lexicon's hits scored by the first stage (no encoder). ``all``: the
        encoder's runs, and lexicon hits no run covers (on the tuning articles: span F1 0.383 -> 0.385).
        """
        if mode not in MODES:
            raise ValueError(f"unknown technique mode {mode!r}: use one of {', '.join(MODES)}")
        lexical = self.lexical(doc, quote_spans)
        if mode == "precise":
            return lexical
        wins = self.windows(doc.text, ((s.start_char, s.end_char) for s in doc.sents))
        runs = [(*span, "runs") for win, p in zip(wins, self.probs(wins)) for span in decode(win, p, self.decoding)]
        return runs + [span for span in lexical if not any(r[0] < span[1] and span[0] < r[1] for r in runs)]

    def lexical(self, doc: Doc, quote_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str, float, str]]:
        """(start, end, technique, first-stage score, "lexicon") of every lexicon hit in ``doc``."""
        text = doc.text
        hits = self.lexicon.hits(doc, text)
        features = lexicon_features(doc, self.lexicon, hits, quote_spans, text)
        scores = np.zeros(len(hits))
        for t in {h[2] for h in hits}:
            rows = np.array([h[2] == t for h in hits])
            scores[rows] = self.lexicon_model.scores(t, features[rows])
        return [(s, e, t, round(float(score), 4), "lexicon") for (s, e, t, _, _), score in zip(hits, scores)]

    def scored_spans(self, doc: Doc, mode: Mode = "precise",
                     quote_spans: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str, float, float]]:
        """(start, end, technique, score, confidence), sorted: in ``precise`` mode only spans whose
        confidence reaches ``MIN_PRECISION`` (the most confident of overlapping ones), in ``all``
        mode every recall-oriented span."""
        cal = self.calibration
        out = [(s, e, t, score, cal.confidence(src, t, score), src)
               for s, e, t, score, src in self.candidates(doc, mode, quote_spans)]
        if mode == "precise":
            return keep_best([x[:5] for x in out if cal.shown(x[5], x[2], x[4])])
        return sorted((x[:5] for x in out), key=lambda r: (r[0], r[1], r[2]))

    def find(self, doc: Doc, article: Article, quotes: Iterable[Quote] = (), mode: Mode = "precise") -> list[Technique]:
        """Technique spans in ``article`` (parsed as ``doc``), marking those inside a quote.

        ``in_quote`` is true when the span lies within a direct quote (a speaker's own words);
        reported speech is the outlet's wording of what was said ("the government said it is
        working to put down a right-wing coup attempt": the label is the outlet's), and a span
        straddling a quote's edge is the outlet's too.
        """
        text = article.text
        if not text.strip() or len(doc) == 0:
            return []
        qspans = sorted((q.start, q.end) for q in quotes if q.type == "direct")
        result = []
        for s, e, label, score, confidence in self.scored_spans(doc, mode, qspans):
            inq = any(qs <= s and e <= qe for qs, qe in qspans)
            result.append(Technique(start=s, end=e, text=text[s:e], technique=label, score=score, in_quote=inq,
                                    confidence=confidence))
        return result


def check_technique_model() -> None:
    """Fail fast, without loading it, when the shipped technique model is missing."""
    path = Path(str(MODEL_DIR))
    missing = [f for f in (GRAPH_FILE, TOKENIZER_FILE, META_FILE) if not (path / f).exists()]
    if missing:
        raise ModelUnavailable(
            f"technique model incomplete at {path} (missing {', '.join(missing)}); "
            "build it with `python -m presslens.training.techniques`"
        )


@lru_cache(maxsize=1)
def load_technique_model() -> TechniqueTagger:
    """The shipped technique tagger, loaded once per process."""
    check_technique_model()
    return TechniqueTagger.load(Path(str(MODEL_DIR)))


__all__ = [
    "EXPLANATIONS",
    "MIN_PRECISION",
    "MODES",
    "Calibration",
    "Decoding",
    "LEXICON_FEATURES",
    "Lexicon",
    "LexiconModel",
    "TechniqueTagger",
    "Window",
    "check_technique_model",
    "decode",
    "piece_probs",
    "load_technique_model",
    "lexicon_features",
    "windows",
]
