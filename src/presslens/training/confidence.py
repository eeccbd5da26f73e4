"""Learn the attribution confidence model from PolNeAR train: ``python -m presslens.training.confidence``.

Every attribution presslens makes on a train article (quotes sharing a cue are one
attribution, as the scorer counts them) is labelled right when it matches a gold content
(character-overlap F1 >= 0.5, greedy one-to-one) *and* its source overlaps the gold source.
A logistic regression over :func:`presslens.analysis.confidence.confidence_features` is fitted
on one half of the articles; isotonic regression on the other half maps its score to the
precision actually seen there, which is what ``confidence`` means. The report printed at the
end gives, on that held-out half, precision and recall of reported speech (indirect + mixed)
at each threshold: the default ``attribution_threshold`` setting was chosen from it.

PolNeAR dev is never read here. By default all 840 train articles are used: the regression is
fitted on every second one in sorted order (the design sample of ``benchmarks/attributions.py
--split train --every 2``) and calibrated on the others (``--offset 1``), so the precision a
confidence promises is measured on articles the regression never saw, and the threshold is
read off the same held-out half. ``--cache`` takes a DocBin of the articles in sorted order
(the two benchmark caches interleaved will do). Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

from presslens.analysis.entities import extract_entities
from presslens.analysis.quotes import attributions
from presslens.model import Quote
from presslens.training.cues import SHARED, _article, _chars, _f1, load_gold, parse_split

OUT = Path(__file__).resolve().parents[1] / "data" / "attribution_confidence.json"
#: Features seen fewer times than this are left out.
MIN_COUNT = 3
#: Regularisation of the logistic regression (liblinear, L2).
C = 0.3


def judged(docs: dict, gold: dict, names: list[str]) -> list[tuple[Quote, list[str], bool]]:
    """(quote, confidence features, right?) of every attribution presslens makes on the given articles.

    Quotes sharing a cue are one attribution (the reported clause speaks for it), matched to gold
    one-to-one as the scorer does; also read by ``benchmarks/attribution_np_audit.py``."""
    out = []
    for name in names:
        doc, (text, items) = docs[name], gold[name]
        article = _article(name, text)
        found = attributions(doc, article, extract_entities(doc, article))
        groups: dict[tuple, list] = {}
        for q, feats in found:
            key = (q.cue.start, q.cue.end) if q.cue else ("q", q.start)
            g = groups.setdefault(key, [set(), q, feats])
            g[0].update(range(q.start, q.end))
            if q.type != "direct":
                g[1], g[2] = q, feats  # the reported clause speaks for the whole attribution
        glist = list(groups.values())
        gsets = [_chars(it["content"]) for it in items]
        pairs = sorted(((_f1(g[0], gs), i, j) for i, g in enumerate(glist) for j, gs in enumerate(gsets)), reverse=True)
        right: dict[int, bool] = {}
        used_g: set[int] = set()
        for s, i, j in pairs:
            if s < 0.5 or i in right or j in used_g:
                continue
            used_g.add(j)
            sp, src = glist[i][1].speaker, items[j]["source"]
            right[i] = (sp is None) if src is None else bool(sp and set(range(sp.start, sp.end)) & _chars(src))
        out.extend((q, feats, right.get(i, False)) for i, (_, q, feats) in enumerate(glist))
    return out


def labelled(docs: dict, gold: dict, names: list[str]) -> tuple[list[list[str]], list[int], list[str]]:
    """(features, right?, type) of every attribution presslens makes on the given articles."""
    found = judged(docs, gold, names)
    return [f for _, f, _ in found], [int(r) for _, _, r in found], [q.type for q, _, _ in found]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=SHARED / "corpus" / "polnear" / "train")
    ap.add_argument("--every", type=int, default=1, help="use every N-th train article")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin with the parse of those articles")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    gold = load_gold(args.train)
    names = sorted(gold)[0::args.every]
    docs = parse_split(args.train, names, args.cache)
    fit_rows, fit_labels, _ = labelled(docs, gold, names[0::2])
    cal_rows, cal_labels, cal_types = labelled(docs, gold, names[1::2])

    counts = Counter(f for r in fit_rows for f in r)
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in r if counts[f] >= MIN_COUNT} for r in fit_rows]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    lr = LogisticRegression(C=C, solver="liblinear", max_iter=300).fit(x, fit_labels)
    weights = {str(f): round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), lr.coef_[0]) if abs(w) >= 0.005}
    bias = float(lr.intercept_[0])

    def prob(r: list[str]) -> float:
        z = bias + sum(weights.get(f, 0.0) for f in r)
        return 1.0 / (1.0 + np.exp(-z))

    scores = np.array([prob(r) for r in cal_rows])
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, cal_labels)
    xs, ys = [round(float(v), 4) for v in iso.X_thresholds_], [round(float(v), 4) for v in iso.y_thresholds_]
    conf = np.round(np.interp(scores, xs, ys), 2)
    labels = np.array(cal_labels)
    reported = np.array([t != "direct" for t in cal_types])
    print(f"fit on {len(fit_rows)} attributions, calibrated on {len(cal_rows)} "
          f"({int(reported.sum())} reported, {int(labels[reported].sum())} right)", file=sys.stderr)
    total_right = labels[reported].sum()
    for t in (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        keep = reported & (conf >= t)
        p = labels[keep].mean() if keep.any() else 0.0
        print(f"threshold {t:.2f}: reported speech kept {int(keep.sum())}, precision {p:.3f}, "
              f"right kept {labels[keep].sum() / max(1, total_right):.3f}", file=sys.stderr)
    args.out.write_text(json.dumps({"source": f"PolNeAR train (every {args.every}. article): fit on every second, calibrated on the others",
                                    "C": C, "bias": round(bias, 4), "weights": weights,
                                    "calibration": {"x": xs, "y": ys}}, indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, {len(xs)} calibration points", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
