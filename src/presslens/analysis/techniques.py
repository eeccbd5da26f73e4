"""Propaganda-technique spans (the 14 PTC techniques), found by a CPU-cheap learned token tagger.

Why a linear tagger over the core pipeline's own tokens: the technique step may add at most
half of the core's per-article time, which rules out running a second neural encoder. So this
module scores spaCy's tokens with sparse lexical, syntactic, sentence and document features
plus small static word vectors distilled at training time from all-MiniLM-L6-v2 (so loaded
words never seen in training still look like loaded words); one logistic-regression row per
technique scores every token, and runs of tokens above a per-technique threshold become spans.
The weights are plain numpy arrays shipped in ``presslens/data/techniques/`` (trained by
``python -m presslens.training.techniques``), so the runtime needs only numpy — no
scikit-learn, no scipy, no network.

Accuracy (held-out 20% of PTC train, ``benchmarks/techniques.py``): span F1 0.37, labelled F1
0.20 — well above the every-sentence and lexicon baselines, below the issue's targets (0.45 /
0.30); the argument-level techniques (Causal_Oversimplification, Black-and-White_Fallacy,
Whataboutism, Thought-terminating_Cliches) are essentially not found.

Long articles are featurised and scored one sentence window at a time, so memory stays
bounded by the window size, and no part of the text is skipped.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from presslens.model import TECHNIQUES, Article, Quote, Technique
from presslens.analysis.pipeline import ModelUnavailable

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
WEIGHTS_FILE = "model.npz"
META_FILE = "metadata.json"

#: Sentences per featurisation window; bounds memory on very long articles.
WINDOW_SENTENCES = 64

_QUOTE_CHARS = frozenset('"“”«»„‟')
_WORD_RE = re.compile(r"\w")


# --------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------


def _bucket(n: int, edges: Sequence[int]) -> int:
    """Index of the first edge ``n`` does not exceed: coarse buckets for counts and lengths."""
    for i, edge in enumerate(edges):
        if n <= edge:
            return i
    return len(edges)


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UP"
    if text[:1].isupper():
        return "Ti"
    if text.isdigit():
        return "D"
    if text.isalpha():
        return "lo"
    return "o"


#: Words that introduce chants, signs and mottos: the context slogans are reported in.
_SLOGAN_CUES = frozenset({"chant", "slogan", "shout", "sign", "banner", "motto", "cry", "hashtag", "placard", "read"})


def _quoted_lengths(toks: Sequence) -> list[int]:
    """For each token, the length in tokens of the quotation-marked segment it sits in (0: none).

    Short quoted segments are how slogans, labels and scare quotes appear in news text; long
    ones are speech.
    """
    out = [0] * len(toks)
    open_at: int | None = None
    for i, t in enumerate(toks):
        if t.text in _QUOTE_CHARS:
            if open_at is None:
                open_at = i
            else:
                for j in range(open_at + 1, i):
                    out[j] = i - open_at - 1
                open_at = None
    if open_at is not None:  # a quote running past the sentence end
        for j in range(open_at + 1, len(toks)):
            out[j] = 99
    return out


def _doc_stats(doc: Doc) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Word and bigram counts over the whole document: the evidence for Repetition."""
    words = [t.lower_ for t in doc if not t.is_space and not t.is_punct]
    return Counter(words), Counter(zip(words, words[1:]))


def _sentence_token_features(
    sent: Span, sent_index: int, words: Counter[str], bigrams: Counter[tuple[str, str]]
) -> list[list[str]]:
    """String features for each token of one sentence (lexical, syntactic, sentence, document)."""
    toks = list(sent)
    n = len(toks)
    lowers = [t.lower_ for t in toks]
    text = sent.text
    sent_feats = [
        f"slen={_bucket(n, (3, 6, 10, 18, 30, 50))}",
        f"sidx={_bucket(sent_index, (0, 1, 3, 8, 20))}",
    ]
    if "!" in text:
        sent_feats.append("s!")
    if "?" in text:
        sent_feats.append("s?")
    if any(c in _QUOTE_CHARS for c in text):
        sent_feats.append("s\"")
    bag = sorted({t.lemma_.lower() for t in toks if t.is_alpha and not t.is_stop and len(t) > 2})
    sent_feats.extend(f"sb={w}" for w in bag)

    words_in = [t for t in toks if t.is_alpha]
    if len(words_in) >= 2 and sum(t.text[:1].isupper() for t in words_in) >= 0.7 * len(words_in):
        sent_feats.append("stitle")
    quoted_len = _quoted_lengths(toks)
    caps = [t.is_alpha and len(t.text) > 1 and t.text.isupper() for t in toks]

    out: list[list[str]] = []
    for i, t in enumerate(toks):
        w = lowers[i]
        prev1 = lowers[i - 1] if i > 0 else "<s>"
        prev2 = lowers[i - 2] if i > 1 else "<s>"
        next1 = lowers[i + 1] if i + 1 < n else "</s>"
        next2 = lowers[i + 2] if i + 2 < n else "</s>"
        pos_prev = toks[i - 1].pos_ if i > 0 else "<s>"
        pos_next = toks[i + 1].pos_ if i + 1 < n else "</s>"
        f = [
            "b",
            f"w={w}",
            f"l={t.lemma_.lower()}",
            f"sh={_shape(t.text)}",
            f"p={t.pos_}",
            f"t={t.tag_}",
            f"d={t.dep_}",
            f"s3={w[-3:]}",
            f"w-1={prev1}",
            f"w+1={next1}",
            f"w-2={prev2}",
            f"w+2={next2}",
            f"b-={prev1}|{w}",
            f"b+={w}|{next1}",
            f"pp={pos_prev}|{t.pos_}|{pos_next}",
            f"h={t.head.lemma_.lower()}",
            f"dh={t.dep_}|{t.head.pos_}",
            f"pos={_bucket(i, (0, 1, 3, 6, 12, 24))}",
            f"rpos={_bucket(n - 1 - i, (0, 1, 3, 6, 12, 24))}",
            f"ent={t.ent_type_ or '-'}",
        ]
        if quoted_len[i]:
            f.append("inq")
            f.append(f"qlen={_bucket(quoted_len[i], (2, 4, 8, 16))}")
        if caps[i] and ((i > 0 and caps[i - 1]) or (i + 1 < n and caps[i + 1])):
            f.append("capsrun")
        if t.text.startswith("#") or (i > 0 and toks[i - 1].text == "#"):
            f.append("hashtag")
        cue = next((c for c in (toks[j].lemma_.lower() for j in range(max(0, i - 6), i)) if c in _SLOGAN_CUES), None)
        if cue:
            f.append(f"cue={cue}")
        if t.is_alpha and not t.is_stop:
            f.append(f"rep={_bucket(words[w] - 1, (0, 1, 2, 4, 8))}")
            if i + 1 < n:
                f.append(f"rep2={_bucket(bigrams[(w, next1)] - 1, (0, 1, 3))}")
        f.extend(sent_feats)
        out.append(f)
    return out


class WordVectors:
    """Static word vectors: the mean of a word's WordPiece vectors (uncased BERT tokenisation).

    The piece table is distilled from all-MiniLM-L6-v2 by
    :mod:`presslens.training.techniques_vectors` and shipped inside the model file, so looking a
    word up is a dictionary walk and a mean, with a per-process cache of seen words.
    """

    MAX_CACHE = 200_000

    def __init__(self, pieces: Sequence[str], vectors: np.ndarray) -> None:
        self.index = {p: i for i, p in enumerate(pieces)}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.unk = self.index.get("[UNK]", 0)
        self.dims = self.vectors.shape[1]
        self._cache: dict[str, np.ndarray] = {}

    def pieces(self, word: str) -> list[int]:
        """WordPiece ids of ``word``: lower-cased, accents stripped, punctuation split off."""
        folded = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")
        runs: list[str] = []
        cur = ""
        for c in folded:
            if c.isalnum():
                cur += c
                continue
            if cur:
                runs.append(cur)
                cur = ""
            if not c.isspace():
                runs.append(c)
        if cur:
            runs.append(cur)
        ids: list[int] = []
        for run in runs:
            ids.extend(self._wordpiece(run))
        return ids

    def _wordpiece(self, run: str) -> list[int]:
        """Greedy longest-match-first segmentation, as BERT's WordPiece does."""
        if len(run) > 100:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(run):
            end = len(run)
            hit = None
            while end > start:
                sub = run[start:end] if start == 0 else "##" + run[start:end]
                hit = self.index.get(sub)
                if hit is not None:
                    break
                end -= 1
            if hit is None:
                return [self.unk]
            out.append(hit)
            start = end
        return out

    def vector(self, word: str) -> np.ndarray:
        """The word's static vector (zeros for a word with no pieces)."""
        v = self._cache.get(word)
        if v is None:
            ids = self.pieces(word)
            v = self.vectors[ids].mean(axis=0) if ids else np.zeros(self.dims, dtype=np.float32)
            if len(self._cache) >= self.MAX_CACHE:
                self._cache.clear()
            self._cache[word] = v
        return v


def static_features(vectors: WordVectors, words: list[str], sent_ids: np.ndarray) -> np.ndarray:
    """Per token: its vector, its left and right neighbours' (within the sentence), the sentence mean."""
    v = np.stack([vectors.vector(w) for w in words]) if words else np.zeros((0, vectors.dims), np.float32)
    prev = np.zeros_like(v)
    nxt = np.zeros_like(v)
    sent_mean = np.zeros_like(v)
    if len(v):
        same_prev = np.r_[False, sent_ids[1:] == sent_ids[:-1]]
        same_next = np.r_[sent_ids[:-1] == sent_ids[1:], False]
        prev[same_prev] = v[np.nonzero(same_prev)[0] - 1]
        nxt[same_next] = v[np.nonzero(same_next)[0] + 1]
        bounds = np.flatnonzero(np.r_[True, sent_ids[1:] != sent_ids[:-1], True])
        for a, b in zip(bounds[:-1], bounds[1:]):
            sent_mean[a:b] = v[a:b].mean(axis=0)
    return np.hstack([v, prev, nxt, sent_mean])


@dataclass(slots=True)
class Window:
    """Featurised tokens of a run of sentences: char offsets, sparse ids and dense vectors."""

    starts: np.ndarray
    ends: np.ndarray
    is_word: np.ndarray
    sent_ids: np.ndarray
    features: list[list[str]]
    dense: np.ndarray

    @classmethod
    def join(cls, windows: list[Window], dense_width: int) -> Window:
        """One window holding the tokens of several, in order (a whole article for training)."""
        if not windows:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool), np.zeros(0, np.int64), [],
                       np.zeros((0, dense_width), np.float32))
        return cls(np.concatenate([w.starts for w in windows]), np.concatenate([w.ends for w in windows]),
                   np.concatenate([w.is_word for w in windows]), np.concatenate([w.sent_ids for w in windows]),
                   [f for w in windows for f in w.features], np.vstack([w.dense for w in windows]))


def iter_windows(doc: Doc, vectors: WordVectors | None, window: int = WINDOW_SENTENCES) -> Iterator[Window]:
    """Featurise ``doc`` in windows of ``window`` sentences (whitespace tokens are skipped)."""
    words, bigrams = _doc_stats(doc)
    sents = list(doc.sents) if len(doc) else []
    for w0 in range(0, len(sents), window):
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        sent_ids: list[int] = []
        feats: list[list[str]] = []
        for si in range(w0, min(w0 + window, len(sents))):
            toks = [t for t in sents[si] if not t.is_space]
            if not toks:
                continue
            sub = doc[toks[0].i : toks[-1].i + 1]
            for t, f in zip(sub, _sentence_token_features(sub, si, words, bigrams)):
                if t.is_space:
                    continue
                starts.append(t.idx)
                ends.append(t.idx + len(t.text))
                texts.append(t.text)
                sent_ids.append(si)
                feats.append(f)
        if not starts:
            continue
        sid = np.asarray(sent_ids, dtype=np.int64)
        yield Window(
            starts=np.asarray(starts, dtype=np.int64),
            ends=np.asarray(ends, dtype=np.int64),
            is_word=np.asarray([bool(_WORD_RE.search(t)) for t in texts], dtype=bool),
            sent_ids=sid,
            features=feats,
            dense=static_features(vectors, texts, sid) if vectors is not None else np.zeros((len(starts), 0), np.float32),
        )


def feature_ids(features: list[list[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sparse rows as (column ids, row pointers), CSR-style; strings outside ``vocab`` are dropped."""
    indptr = [0]
    indices: list[int] = []
    for f in features:
        indices.extend(j for j in (vocab.get(s) for s in f) if j is not None)
        indptr.append(len(indices))
    return np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)


def sparse_scores(weights: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Sum of the weight rows of each token's features: a sparse-times-dense product in numpy."""
    out = np.zeros((len(indptr) - 1, weights.shape[1]), dtype=np.float32)
    nonempty = indptr[1:] > indptr[:-1]
    if indices.size:
        sums = np.add.reduceat(weights[indices], indptr[:-1][nonempty], axis=0)
        out[nonempty] = sums
    return out


# --------------------------------------------------------------------------------------------
# Decoding token scores into spans
# --------------------------------------------------------------------------------------------


def decode_spans(
    starts: np.ndarray,
    ends: np.ndarray,
    is_word: np.ndarray,
    sent_ids: np.ndarray,
    probs: np.ndarray,
    threshold: float,
    max_gap: int = 1,
) -> list[tuple[int, int, float]]:
    """Runs of tokens scoring above ``threshold`` within one sentence, as (start, end, score).

    A run may bridge up to ``max_gap`` low-scoring tokens (a comma inside a loaded phrase);
    runs never cross a sentence boundary and never start or end on punctuation, so a span's
    text is the words themselves.
    """
    out: list[tuple[int, int, float]] = []
    above = probs >= threshold
    n = len(probs)
    i = 0
    while i < n:
        if not (above[i] and is_word[i]):
            i += 1
            continue
        j = i
        last = i
        gap = 0
        while j + 1 < n and sent_ids[j + 1] == sent_ids[i]:
            j += 1
            if above[j] and is_word[j]:
                last = j
                gap = 0
            else:
                gap += 1
                if gap > max_gap:
                    break
        out.append((int(starts[i]), int(ends[last]), float(probs[i : last + 1].mean())))
        i = last + 1
    return out


# --------------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------------


class TechniqueModel:
    """A trained token tagger: one weight row per technique over sparse and dense features."""

    def __init__(
        self,
        vocab: list[str],
        sparse_weights: np.ndarray,
        dense_weights: np.ndarray,
        dense_mean: np.ndarray,
        dense_scale: np.ndarray,
        bias: np.ndarray,
        thresholds: np.ndarray,
        labels: Sequence[str],
        vectors: WordVectors | None = None,
        metadata: dict | None = None,
    ) -> None:
        unknown = [t for t in labels if t not in TECHNIQUES]
        if unknown:
            raise ValueError(f"unknown technique labels in model: {unknown}")
        self.vectors = vectors
        self.vocab = {s: i for i, s in enumerate(vocab)}
        self.sparse_weights = sparse_weights.astype(np.float32)
        self.dense_weights = dense_weights.astype(np.float32)
        self.dense_mean = dense_mean.astype(np.float32)
        self.dense_scale = dense_scale.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.thresholds = thresholds.astype(np.float32)
        self.labels = tuple(labels)
        self.metadata = metadata or {}

    # -- persistence -------------------------------------------------------------------------

    def save(self, directory: Path, metadata: dict) -> None:
        """Write the weights (``model.npz``) and ``metadata.json`` into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        inv = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            directory / WEIGHTS_FILE,
            vocab=np.asarray(inv, dtype=object).astype(str),
            sparse_weights=self.sparse_weights.astype(np.float16),
            dense_weights=self.dense_weights,
            dense_mean=self.dense_mean,
            dense_scale=self.dense_scale,
            bias=self.bias,
            thresholds=self.thresholds,
            labels=np.asarray(self.labels, dtype=str),
            pieces=np.asarray(list(self.vectors.index) if self.vectors else [], dtype=str),
            piece_vectors=(self.vectors.vectors if self.vectors else np.zeros((0, 0))).astype(np.float16),
        )
        (directory / META_FILE).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        self.metadata = metadata

    @classmethod
    def load(cls, directory: Path) -> "TechniqueModel":
        """Load a model written by :meth:`save`."""
        with np.load(Path(directory) / WEIGHTS_FILE, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta_path = Path(directory) / META_FILE
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        return cls(
            vocab=[str(s) for s in arrays["vocab"]],
            sparse_weights=arrays["sparse_weights"],
            dense_weights=arrays["dense_weights"],
            dense_mean=arrays["dense_mean"],
            dense_scale=arrays["dense_scale"],
            bias=arrays["bias"],
            thresholds=arrays["thresholds"],
            labels=[str(s) for s in arrays["labels"]],
            vectors=WordVectors([str(p) for p in arrays["pieces"]], arrays["piece_vectors"]) if arrays["pieces"].size else None,
            metadata=meta,
        )

    # -- scoring -----------------------------------------------------------------------------

    def token_probs(self, window: Window) -> np.ndarray:
        """Per-token probability of lying inside each technique: shape (tokens, techniques)."""
        z = sparse_scores(self.sparse_weights, *feature_ids(window.features, self.vocab)) + self.bias
        if self.dense_weights.size and window.dense.shape[1] == self.dense_weights.shape[0]:
            z = z + ((window.dense - self.dense_mean) / self.dense_scale) @ self.dense_weights
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def spans(self, doc: Doc, thresholds: np.ndarray | None = None) -> list[tuple[int, int, str, float]]:
        """All technique spans in ``doc`` as (start, end, technique, score), window by window."""
        thr = self.thresholds if thresholds is None else thresholds
        out: list[tuple[int, int, str, float]] = []
        for win in iter_windows(doc, self.vectors):
            probs = self.token_probs(win)
            for k, label in enumerate(self.labels):
                for s, e, score in decode_spans(win.starts, win.ends, win.is_word, win.sent_ids, probs[:, k], thr[k]):
                    out.append((s, e, label, score))
        out.sort(key=lambda r: (r[0], r[1], r[2]))
        return out

    def find(self, doc: Doc, article: Article, quotes: Iterable[Quote] = ()) -> list[Technique]:
        """Technique spans in ``article`` (parsed as ``doc``), marking those inside a quote.

        ``in_quote`` is true when the span lies within a quote's span (a speaker's words, not
        the outlet's own voice); a span straddling a quote's edge is the outlet's.
        """
        text = article.text
        if not text.strip() or len(doc) == 0:
            return []
        qspans = sorted((q.start, q.end) for q in quotes)
        result = []
        for s, e, label, score in self.spans(doc):
            inq = any(qs <= s and e <= qe for qs, qe in qspans)
            result.append(Technique(start=s, end=e, text=text[s:e], technique=label, score=round(score, 4), in_quote=inq))
        return result


def check_technique_model() -> None:
    """Fail fast, without loading it, when the shipped technique model is missing."""
    path = Path(str(MODEL_DIR))
    if not (path / WEIGHTS_FILE).exists():
        raise ModelUnavailable(
            f"technique model missing at {path}; build it with `python -m presslens.training.techniques`"
        )


@lru_cache(maxsize=1)
def load_technique_model() -> TechniqueModel:
    """The shipped technique model, loaded once per process."""
    check_technique_model()
    return TechniqueModel.load(Path(str(MODEL_DIR)))


__all__ = [
    "EXPLANATIONS",
    "TechniqueModel",
    "Window",
    "decode_spans",
    "iter_windows",
    "load_technique_model",
    "feature_ids",
    "sparse_scores",
]
