"""Learn the attribution cue lexicon from PolNeAR train: ``python -m presslens.training.cues``.

What is learned (written to ``src/presslens/data/cues.json``):

* ``scores``: for every candidate shape (cue lemma | dependency path to the content | cue inside
  a quotation | kind of subject, plus two back-offs) how often its content matches a gold
  Content span (character-overlap F1 >= 0.5, the scorer's rule) out of how often it occurs;
* ``direct_cues``: lemmas that head the cue of at least three gold direct quotes;
* ``threshold``, ``min_count``, ``partial_ratio``: chosen for the best end-to-end F1 of the full
  extractor by two-fold cross-validation *within train* (the table is learned on one half and
  the knobs scored on the other), so that specific keys do not look better than they are.

PolNeAR dev is never read here. Deterministic: no sampling, documents in sorted order.
Runs in a few minutes on one core (most of it parsing; pass ``--cache DIR`` to keep the parse).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin

from presslens.analysis.cues import CueLexicon, candidates
from presslens.analysis.pipeline import load_nlp
from presslens.analysis.quotes import _tok_range, extract_quotes, quote_segments
from presslens.model import Article
from presslens.readers.text import parse_header

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[3] / ".." / "shared"))
#: Share of a lemma's uses that must be gold cues for it to attribute direct quotes.
DIRECT_CUE_PRECISION = 0.3
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


def count_shapes(docs: dict[str, Doc], gold: dict, names: list[str]) -> dict[str, list[int]]:
    """hits/seen per lexicon key over the given documents."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name in names:
        doc, (text, items) = docs[name], gold[name]
        in_quote = bytearray(len(doc))
        for seg in quote_segments(text):
            t0, t1 = _tok_range(doc, seg.start, seg.end)
            for i in range(t0, t1):
                in_quote[i] = 1
        gsets = [_chars(g["content"]) for g in items]
        for cand in candidates(doc):
            cs, ce = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
            cset = set(range(cs, ce))
            hit = any(_f1(cset, g) >= 0.5 for g in gsets)
            for key in cand.key(bool(in_quote[cand.cue.i])):
                scores[key][0] += hit
                scores[key][1] += 1
    return scores


def direct_cue_lemmas(docs: dict[str, Doc], gold: dict, names: list[str], min_count: int = 3,
                      min_precision: float = DIRECT_CUE_PRECISION) -> list[str]:
    """Verb lemmas that head a gold cue at least ``min_count`` times and in ``min_precision`` of their uses.

    The precision bar keeps out "be" and "have", which head a few odd gold cues but would turn
    any quoted fragment near a copula into a direct quote.
    """
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for name in names:
        doc, (text, items) = docs[name], gold[name]
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


def build(scores: dict[str, list[int]], direct: list[str], threshold: float, min_count: int, ratio: float) -> CueLexicon:
    return CueLexicon(scores={k: (v[0], v[1]) for k, v in scores.items()}, threshold=threshold,
                      min_count=min_count, direct_cues=frozenset(direct), partial_ratio=ratio)


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
    fold_scores = [count_shapes(docs, gold, f) for f in folds]
    fold_direct = [direct_cue_lemmas(docs, gold, f) for f in folds]
    grid = [(t, m, 0.7) for t in (0.4, 0.45, 0.5, 0.55, 0.6) for m in (3, 5, 8)]
    best = None
    for t, m, r in grid:
        f1 = sum(evaluate(build(fold_scores[k], fold_direct[k], t, m, r), docs, gold, folds[1 - k]) for k in (0, 1)) / 2
        print(f"threshold={t} min_count={m} partial_ratio={r}: held-out e2e F1 {f1:.3f}", file=sys.stderr)
        if best is None or f1 > best[0]:
            best = (f1, t, m, r)
    assert best is not None
    _, t, m, r = best
    ratios = {}
    full = count_shapes(docs, gold, names)
    direct = direct_cue_lemmas(docs, gold, names)
    for r in (0.5, 0.6, 0.7, 0.8):
        ratios[r] = sum(evaluate(build(fold_scores[k], fold_direct[k], t, m, r), docs, gold, folds[1 - k]) for k in (0, 1)) / 2
        print(f"partial_ratio={r}: held-out e2e F1 {ratios[r]:.3f}", file=sys.stderr)
    r = max(ratios, key=lambda k: (ratios[k], -k))
    kept = {k: v for k, v in sorted(full.items()) if v[1] >= m}
    args.out.write_text(json.dumps({"source": "PolNeAR train (first annotator per text)", "threshold": t,
                                    "min_count": m, "partial_ratio": r, "direct_cues": direct,
                                    "scores": kept}, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(kept)} keys, threshold {t}, min_count {m}, partial_ratio {r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
