"""Noun-phrase contents on PolNeAR train: how often a reported attribution whose content is a bare
noun phrase (no verb, no quotation mark: "ordered [the evacuation of the zone]") is right, per cue
lemma and per content head, and how often PolNeAR's own attributions have such a content, per cue.

Usage: python benchmarks/attribution_np_audit.py [--every 2 --offset 0] [--cache PATH] [--top 40]

Issue 18: an act is not a statement ("called a halt to the game", "staged demonstrations"); these
counts decide which cue/content shapes the extractor drops or the confidence model scores low.
Read on train only (the design sample of ``benchmarks/attributions.py --split train --every 2``);
dev is never read. Writes benchmarks/results/attribution_np_audit_<tag>.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from presslens.settings import get_settings
from presslens.training.confidence import judged
from presslens.training.cues import SHARED, load_gold, parse_split

ROOT = Path(__file__).resolve().parents[1]


def is_np(doc, start: int, end: int, text: str) -> bool:
    """A content of words with no verb and no quotation mark: a bare noun phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(c in text for c in '"“”'):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in span)


def cue_lemma(doc, spans) -> str:
    """The lemma of a gold cue (its verb when it has one, else its last word)."""
    toks = [t for s, e in spans if (sp := doc.char_span(s, e, alignment_mode="expand")) for t in sp]
    verbs = [t for t in toks if t.pos_ in {"VERB", "AUX"}]
    return (verbs[0] if verbs else toks[-1]).lemma_.lower() if toks else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=2)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of exactly these articles")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    split = SHARED / "corpus" / "polnear" / "train"
    gold = load_gold(split)
    names = sorted(gold)[args.offset::args.every]
    docs = parse_split(split, names, args.cache)
    threshold = get_settings().attribution_threshold
    from presslens.analysis.confidence import load_confidence_model
    model = load_confidence_model()

    pred: dict[str, Counter] = {k: Counter() for k in ("np", "np_right", "np_listed", "np_listed_right",
                                                         "all", "all_right")}
    heads: dict[str, Counter] = {k: Counter() for k in ("np", "np_right", "np_listed", "np_listed_right")}
    for name in names:
        doc = docs[name]
        for q, feats, right in judged(docs, gold, [name]):
            if q.type != "indirect" or q.cue is None:
                continue
            lemma = q.cue.lemma
            pred["all"][lemma] += 1
            pred["all_right"][lemma] += right
            if not is_np(doc, q.start, q.end, q.text):
                continue
            listed = model.confidence(feats) >= threshold
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            head = f"{lemma}+{span.root.lemma_.lower()}"
            for c, key in ((pred, lemma), (heads, head)):
                c["np"][key] += 1
                c["np_right"][key] += right
                c["np_listed"][key] += listed
                c["np_listed_right"][key] += listed and right
    g_all, g_np = Counter(), Counter()
    for name in names:
        doc, (text, items) = docs[name], gold[name]
        for it in items:
            lemma = cue_lemma(doc, it["cue"]) if it["cue"] else "-"
            g_all[lemma] += 1
            s, e = min(a for a, _ in it["content"]), max(b for _, b in it["content"])
            g_np[lemma] += is_np(doc, s, e, text[s:e])

    print(f"PolNeAR train, {len(names)} articles (every {args.every}., offset {args.offset}); listed = confidence >= {threshold}")
    tot = {k: sum(v.values()) for k, v in pred.items()}
    print(f"reported (indirect, no quotation) emitted: {tot['all']} ({tot['all_right']} right); "
          f"bare-NP content: {tot['np']} ({tot['np_right']} right), listed {tot['np_listed']} ({tot['np_listed_right']} right)")
    print(f"gold attributions: {sum(g_all.values())}, with bare-NP content: {sum(g_np.values())}")
    print(f"\n{'cue':<14}{'NP emit':>8}{'right':>7}{'listed':>8}{'right':>7}{'gold':>7}{'goldNP':>8}")
    for lemma, n in pred["np"].most_common(args.top):
        print(f"{lemma:<14}{n:>8}{pred['np_right'][lemma]:>7}{pred['np_listed'][lemma]:>8}"
              f"{pred['np_listed_right'][lemma]:>7}{g_all[lemma]:>7}{g_np[lemma]:>8}")
    print(f"\n{'cue+content head':<28}{'NP emit':>8}{'right':>7}{'listed':>8}{'right':>7}")
    for key, n in heads["np"].most_common(args.top):
        print(f"{key:<28}{n:>8}{heads['np_right'][key]:>7}{heads['np_listed'][key]:>8}{heads['np_listed_right'][key]:>7}")
    out = ROOT / "benchmarks" / "results" / f"attribution_np_audit_{args.offset}of{args.every}.json"
    out.write_text(json.dumps({"articles": len(names), "threshold": threshold,
                               "predicted_by_cue": {k: dict(v) for k, v in pred.items()},
                               "predicted_by_cue_and_head": {k: dict(v) for k, v in heads.items()},
                               "gold_by_cue": dict(g_all), "gold_np_by_cue": dict(g_np)}, indent=0, sort_keys=True) + "\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
