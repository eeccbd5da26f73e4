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
and score had on PTC articles the encoder never saw (the 48 tuning articles) — reaches
``MIN_PRECISION``. Candidates for that output are tighter than the runs: per technique, the
stretches of a sentence's words whose probability of that technique clears a low floor (a
loaded word, a label, rather than the sentence around it), plus a lexical component learned
from PTC's gold word-level spans (:class:`Lexicon`) that finds labels in the outlet's own voice
the encoder scores low. ``mode="all"`` keeps the recall-oriented runs (SemEval-style scoring),
each with its own calibrated confidence.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
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
#: Probability of its technique a word needs to join a precise-mode candidate stretch.
WORD_FLOOR = 0.2
#: Candidate sources, each calibrated on its own: the recall runs, word stretches, the lexicon.
SOURCES: tuple[str, ...] = ("runs", "words", "lexicon")
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
    """Score -> expected precision, per candidate source and technique (``"words:Loaded_Language"``).

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
    :data:`WORD_RE`) that lie inside a gold span of that technique in the articles the encoder
    was fitted on. Why beside the encoder: a label in a news outlet's own voice ("right-wing",
    "regime") is a word-level cue the encoder, trained on propaganda sites' sentences, often
    scores near zero; the lexicon finds the word, and its span grows over the rest of the noun
    phrase it modifies ("right-wing coup attempt"), as PTC's annotators mark a label with its noun.
    Whether a hit is shown is decided by the calibrated confidence, like any other candidate.
    """

    rates: dict[str, dict[str, float]]

    def spans(self, doc: Doc) -> list[tuple[int, int, str, float]]:
        """(start, end, technique, rate) for every lexicon word in ``doc``; labels grow over their noun phrase."""
        if not any(self.rates.values()):
            return []
        text = doc.text
        chunk_end: dict[int, int] = {}  # token index -> end char of the noun chunk it modifies
        for chunk in doc.noun_chunks:
            for tok in chunk[:-1]:
                chunk_end[tok.i] = chunk.end_char
        out = []
        for m in WORD_RE.finditer(text):
            word = m.group().lower()
            for technique, rates in self.rates.items():
                rate = rates.get(word)
                if rate is None:
                    continue
                end = m.end()
                if technique in PHRASE_TECHNIQUES:
                    tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                    if tok is not None and len(tok):
                        end = max(end, chunk_end.get(tok[-1].i, end))
                out.append((m.start(), end, technique, rate))
        return out

    def to_dict(self) -> dict:
        return {t: dict(sorted(r.items())) for t, r in self.rates.items()}


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


def word_stretches(window: Window, probs: np.ndarray, floor: float = WORD_FLOOR) -> list[tuple[int, int, str, float]]:
    """Precise-mode candidates: per technique, each stretch of one sentence's words whose
    probability of that technique is at least ``floor`` (a punctuation mark joins a stretch only
    between two such words), scored by the mean probability over its words."""
    wprobs, wstart, wend, wsent, wordlike = _words(window, probs[:, : len(TECHNIQUES)])
    out: list[tuple[int, int, str, float]] = []
    for t in np.flatnonzero((wprobs >= floor).any(axis=0)):
        hit = (wprobs[:, t] >= floor) & wordlike
        same = wsent[1:] == wsent[:-1]
        # punctuation between two hits of the same sentence joins them
        keep = hit | (~wordlike & np.r_[False, hit[:-1] & same] & np.r_[hit[1:] & same, False])
        for i, j in _stretches(np.where(keep, wsent, -1)):
            if not keep[i]:
                continue
            words = hit[i : j + 1]
            out.append((int(wstart[i]), int(wend[j]), TECHNIQUES[t], round(float(wprobs[i : j + 1, t][words].mean()), 4)))
    return out


def keep_best(spans: list[tuple[int, int, str, float, float]]) -> list[tuple[int, int, str, float, float]]:
    """Of overlapping spans of one technique, the most confident (then the earliest, shortest)."""
    out: list[tuple[int, int, str, float, float]] = []
    for span in sorted(spans, key=lambda r: (-r[4], r[0], r[1] - r[0])):
        if not any(o[2] == span[2] and o[0] < span[1] and span[0] < o[1] for o in out):
            out.append(span)
    return sorted(out, key=lambda r: (r[0], r[1], r[2]))


class TechniqueTagger:
    """The shipped encoder: an ONNX graph scoring word pieces, its tokenizer and its decoding."""

    def __init__(self, session, tokenizer, metadata: dict, lexicon: Lexicon | None = None) -> None:
        labels = metadata.get("labels", [])
        if list(labels) != list(TECHNIQUES):
            raise ValueError(f"technique model labels {labels} differ from {list(TECHNIQUES)}")
        self.session = session
        self.tokenizer = tokenizer
        self.metadata = metadata
        self.max_pieces = int(metadata["max_pieces"])
        self.decoding = Decoding.from_dict(metadata["decoding"])
        self.calibration = Calibration.from_dict(metadata.get("calibration", {}))
        self.lexicon = lexicon or Lexicon({})
        self._cls = tokenizer.token_to_id("[CLS]")
        self._sep = tokenizer.token_to_id("[SEP]")

    @classmethod
    def load(cls, directory: Path) -> "TechniqueTagger":
        """Load graph, tokenizer and metadata written by the training command."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        directory = Path(directory)
        options = ort.SessionOptions()
        # One thread: parallelism comes from worker processes, which share the cores.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(directory / GRAPH_FILE), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        metadata = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        lex_path = directory / LEXICON_FILE
        lexicon = Lexicon(json.loads(lex_path.read_text(encoding="utf-8"))) if lex_path.exists() else None
        return cls(session, tokenizer, metadata, lexicon)

    def windows(self, text: str, sentences: Iterable[tuple[int, int]]) -> list[Window]:
        """The article's windows, as scored by :meth:`probs`."""
        return windows(self.tokenizer, text, sentences, self.max_pieces)

    def probs(self, wins: Sequence[Window]) -> list[np.ndarray]:
        """Per-piece probabilities for each window, as :func:`piece_probs` gives them."""
        result: list[np.ndarray | None] = [None] * len(wins)
        order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
        for b in range(0, len(order), BATCH_WINDOWS):
            batch = order[b : b + BATCH_WINDOWS]
            width = max(len(wins[i].ids) for i in batch) + 2
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(batch):
                n = len(wins[i].ids)
                ids[row, 0], ids[row, 1 : n + 1], ids[row, n + 1] = self._cls, wins[i].ids, self._sep
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

    def candidates(self, doc: Doc, mode: Mode = "precise") -> list[tuple[int, int, str, float, str]]:
        """(start, end, technique, score, source) of every candidate span of the mode, before calibration."""
        wins = self.windows(doc.text, ((s.start_char, s.end_char) for s in doc.sents))
        scored = zip(wins, self.probs(wins))
        if mode not in MODES:
            raise ValueError(f"unknown technique mode {mode!r}: use one of {', '.join(MODES)}")
        lexical = self.lexicon.spans(doc)
        if mode == "all":
            # Lexicon words no run covers join the runs (on the tuning articles: span F1 0.383 -> 0.385).
            runs = [(*span, "runs") for win, p in scored for span in decode(win, p, self.decoding)]
            return runs + [(*span, "lexicon") for span in lexical
                           if not any(r[0] < span[1] and span[0] < r[1] for r in runs)]
        return [(*span, "words") for win, p in scored for span in word_stretches(win, p)] + \
            [(*span, "lexicon") for span in lexical]

    def scored_spans(self, doc: Doc, mode: Mode = "precise") -> list[tuple[int, int, str, float, float]]:
        """(start, end, technique, score, confidence), sorted: in ``precise`` mode only spans whose
        confidence reaches ``MIN_PRECISION`` (the most confident of overlapping ones), in ``all``
        mode every recall-oriented span."""
        cal = self.calibration
        out = [(s, e, t, score, cal.confidence(src, t, score), src) for s, e, t, score, src in self.candidates(doc, mode)]
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
        for s, e, label, score, confidence in self.scored_spans(doc, mode):
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
    "Lexicon",
    "TechniqueTagger",
    "Window",
    "check_technique_model",
    "decode",
    "piece_probs",
    "load_technique_model",
    "windows",
    "word_stretches",
]
