"""Learn the attribution cue model from PolNeAR train: ``python -m presslens.training.cues``.

What is learned (written to ``src/presslens/data/cues.json``):

* ``weights``/``bias``: a logistic regression over the features of every candidate
  (cue → content link, see :mod:`presslens.analysis.cues`); a candidate is a positive example
  when its cue word lies in a gold Cue span *and* its content matches that attribution's gold
  Content span (character-overlap F1 >= 0.5, the scorer's rule);
* ``direct_cues``: verb lemmas that head a gold cue at least three times and in >= 30% of uses;
* ``C``, ``threshold``: chosen for the best end-to-end F1 of the *whole*
  extractor by two-fold cross-validation within train (fit on one half, score the other).

PolNeAR dev is never read here. Deterministic (liblinear, documents in sorted order). Takes a
few minutes on one core, most of it parsing; ``--cache FILE`` keeps the parse for reruns.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin

from presslens.analysis.cues import CueLexicon, candidates
from presslens.analysis.pipeline import load_nlp
from presslens.analysis.quotes import _tok_range, extract_quotes, quote_segments
from presslens.model import Article
from presslens.readers.text import parse_header

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[3] / ".." / "shared"))
#: Share of a lemma's uses that must be gold cues for it to attribute direct quotes.
DIRECT_CUE_PRECISION = 0.3
#: Features seen fewer times than this in train are left out of the model.
MIN_FEATURE_COUNT = 5
OUT = Path(__file__).resolve().parents[1] / "data" / "cues.json"


def _spans(s: str) -> list[tuple[int, int]]:
    return [tuple(map(int, part.split())) for part in s.split(";")]  # type: ignore[misc]


def load_gold(split_dir: Path) -> dict[str, tuple[str, list[dict]]]:
    """Texts and attributions (content, cue, source spans) of one PolNeAR split, first annotator per text."""
    files: dict[str, list[str]] = defaultdict(list)
    for fn in sorted(os.listdir(split_dir / "attributions")):
        if fn.endswith(".ann"):
            files[fn.rsplit("_", 1)[0]].append(fn)
    out = {}
    for name, anns in sorted(files.items()):
        path = split_dir / "text" / f"{name}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        spans, rels = {}, []
        for line in (split_dir / "attributions" / anns[0]).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                label, _, rest = parts[1].partition(" ")
                spans[parts[0]] = (label, _spans(rest))
            elif parts[0].startswith("E"):
                rels.append(dict(r.split(":", 1) for r in parts[1].split()))
        items = []
        for r in rels:
            if r.get("Content") not in spans:
                continue
            items.append({"content": spans[r["Content"]][1],
                          "cue": spans[r["Cue"]][1] if r.get("Cue") in spans else None,
                          "source": spans[r["Source"]][1] if r.get("Source") in spans else None})
        out[name] = (text, items)
    return out


def _chars(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _f1(a: set[int], b: set[int]) -> float:
    inter = len(a & b)
    if not inter:
        return 0.0
    p, r = inter / len(a), inter / len(b)
    return 2 * p * r / (p + r)


def parse_split(split_dir: Path, names: list[str], cache: Path | None) -> dict[str, Doc]:
    """Parse the texts with the presslens pipeline, reusing a DocBin cache when given."""
    nlp = load_nlp()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(names):
            return dict(zip(names, docs))
    texts = [(split_dir / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    docs = list(nlp.pipe(texts, batch_size=32))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return dict(zip(names, docs))


def _article(name: str, text: str) -> Article:
    _, title, body_start, header = parse_header(text)
    return Article(id=name, text=text, title=title, body_start=body_start, header=header)


def candidate_rows(docs: dict[str, Doc], gold: dict, names: list[str]) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every candidate: label 1 when its content matches a gold Content span."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for name in names:
        doc, (text, items) = docs[name], gold[name]
        in_quote = bytearray(len(doc))
        for seg in quote_segments(text):
            t0, t1 = _tok_range(doc, seg.start, seg.end)
            for i in range(t0, t1):
                in_quote[i] = 1
        gsets = [(_chars(g["content"]), _chars(g["cue"] or [])) for g in items]
        for cand in candidates(doc):
            cs, ce = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
            cset = set(range(cs, ce))
            cue = set(range(cand.cue.idx, cand.cue.idx + len(cand.cue)))
            rows.append(cand.features(bool(in_quote[cand.cue.i])))
            # right only with the right cue: other words near a content ("in", "of") are not its cue
            labels.append(int(any(cue & gc and _f1(cset, gs) >= 0.5 for gs, gc in gsets)))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int], c: float, min_count: int = MIN_FEATURE_COUNT) -> tuple[dict[str, float], float]:
    """L2 logistic regression (liblinear: deterministic) over features seen ``min_count`` times;
    weights below 0.01 are dropped (rare features only add size to the shipped model)."""
    counts = Counter(f for r in rows for f in r)
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in r if counts[f] >= min_count} for r in rows]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    model = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(f): round(float(w), 4) for f, w in zip(names, model.coef_[0]) if abs(w) >= 0.01}
    return weights, float(model.intercept_[0])


def direct_cue_lemmas(docs: dict[str, Doc], gold: dict, names: list[str], min_count: int = 3,
                      min_precision: float = DIRECT_CUE_PRECISION) -> list[str]:
    """Verb lemmas that head a gold cue at least ``min_count`` times and in ``min_precision`` of their uses.

    The precision bar keeps out "be" and "have", which head a few odd gold cues but would turn
    any quoted fragment near a copula into a direct quote.
    """
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for name in names:
        doc, (_, items) = docs[name], gold[name]
        cue_tokens = set()
        for g in items:
            if g["cue"] is None:
                continue
            span = doc.char_span(g["cue"][0][0], g["cue"][0][1], alignment_mode="expand")
            if span is not None and len(span):
                cue_tokens.add(span.root.i)
        for tok in doc:
            if tok.is_alpha and tok.pos_ == "VERB":
                lemma = tok.lemma_.lower()
                seen[lemma] += 1
                heads[lemma] += tok.i in cue_tokens
    return sorted(lemma for lemma, n in heads.items() if n >= min_count and n / seen[lemma] >= min_precision)


def evaluate(lex: CueLexicon, docs: dict[str, Doc], gold: dict, names: list[str]) -> float:
    """End-to-end F1 (content matched and source overlapping) with the scorer's rules."""
    sys.path.insert(0, str(SHARED / "tools"))
    from score_attributions import score  # the project's scorer, read from ../shared

    texts, g, pred = {}, {}, {}
    for name in names:
        text, items = gold[name]
        texts[name] = text
        g[name] = [{"content": it["content"], "source": it["source"],
                    "direct": text[it["content"][0][0]:it["content"][0][0] + 1] in "\"“”"} for it in items]
        quotes = extract_quotes(docs[name], _article(name, text), [], lex)
        pred[name] = [{"start": q.start, "end": q.end, "type": q.type,
                       "speaker": {"start": q.speaker.start, "end": q.speaker.end} if q.speaker else None,
                       "cue": {"start": q.cue.start, "end": q.cue.end} if q.cue else None} for q in quotes]
    return score(texts, g, pred)["e2e_f1"]


def build(model: tuple[dict[str, float], float], direct: list[str], threshold: float) -> CueLexicon:
    return CueLexicon(weights=model[0], bias=model[1], threshold=threshold, direct_cues=frozenset(direct))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=SHARED / "corpus" / "polnear" / "train")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin file to keep/reuse the parse of train")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    gold = load_gold(args.train)
    names = sorted(gold)
    docs = parse_split(args.train, names, args.cache)
    folds = [names[0::2], names[1::2]]
    fold_rows = [candidate_rows(docs, gold, f) for f in folds]
    fold_direct = [direct_cue_lemmas(docs, gold, f) for f in folds]
    best = None
    for c in (0.1, 0.3):
        fold_models = [fit(*fold_rows[k], c) for k in (0, 1)]
        for t in (0.3, 0.35, 0.4, 0.45):
            f1 = sum(evaluate(build(fold_models[k], fold_direct[k], t), docs, gold, folds[1 - k])
                     for k in (0, 1)) / 2
            print(f"C={c} threshold={t}: held-out e2e F1 {f1:.4f}", file=sys.stderr)
            if best is None or f1 > best[0]:
                best = (f1, c, t)
    assert best is not None
    _, c, t = best
    rows, labels = candidate_rows(docs, gold, names)
    weights, bias = fit(rows, labels, c)
    direct = direct_cue_lemmas(docs, gold, names)
    args.out.write_text(json.dumps({"source": "PolNeAR train (first annotator per text)", "C": c, "threshold": t,
                                    "direct_cues": direct, "bias": round(bias, 4),
                                    "weights": weights}, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, C {c}, threshold {t}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
