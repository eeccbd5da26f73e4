"""Quote/attribution accuracy on PolNeAR dev: presslens against textacy's direct_quotations.

Usage: python benchmarks/attributions.py [--split dev] [--every N --offset K] [--cache] [--no-peer]

Design decisions are made on PolNeAR train (``--split train``, optionally every N-th article
for speed); dev is scored once to report. ``--cache`` keeps the parse of the split as a DocBin
under benchmarks/work/ so that reruns skip parsing (the spaCy pipeline is deterministic).

Both systems read the same spaCy Docs (the presslens pipeline, parsed once): presslens through
``Analyzer.from_doc``, the peer through ``textacy.extract.triples.direct_quotations`` (its
triples become quotes with content, speaker and cue spans). Predictions are written as JSONL
under benchmarks/work/ and scored with ../shared/tools/score_attributions.py; the figures are
printed side by side and written to benchmarks/results/attributions.json. ``listed`` scores only
the quotes at or above the ``attribution_threshold`` setting (what person pages and search show).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin
from textacy.extract.triples import direct_quotations

from presslens.analysis.analyze import Analyzer
from presslens.analysis.pipeline import parse
from presslens.readers.text import read_text_file
from presslens.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", ROOT / ".." / "shared"))
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results" / "attributions.json"


def _span(tokens) -> dict | None:
    """Character span of a token list (textacy gives speakers and cues as lists of tokens)."""
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return {"start": start, "end": end, "text": tokens[0].doc.text[start:end]}


def score(gold_dir: Path, pred: Path) -> dict:
    out = WORK / (pred.stem + ".score.json")
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_attributions.py"), str(gold_dir), str(pred),
                    "--json", str(out)], check=True, capture_output=True)
    return json.loads(out.read_text())


def subset_gold(gold_dir: Path, files: list[Path], out: Path) -> Path:
    """A gold directory of symlinks to the sampled articles only (the scorer reads a whole directory)."""
    for sub in ("text", "attributions"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for old in (out / sub).iterdir():
            old.unlink()
    for f in files:
        (out / "text" / f.name).symlink_to(f.resolve())
        for ann in (gold_dir / "attributions").glob(f"{f.stem}_*.ann"):
            (out / "attributions" / ann.name).symlink_to(ann.resolve())
    return out


def parsed(nlp, articles: list, cache: Path | None):
    """(article, doc) pairs, from a DocBin cache keyed by the articles' ids when one is given."""
    if cache is not None:
        key = hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()[:12]
        path = cache.with_name(f"{cache.stem}_{key}.spacy")
        if path.exists():
            return list(zip(articles, DocBin().from_disk(path).get_docs(nlp.vocab)))
        pairs = list(parse(nlp, articles))
        db = DocBin(store_user_data=False)
        for _, doc in pairs:
            db.add(doc)
        db.to_disk(path)
        return pairs
    return parse(nlp, articles)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--every", type=int, default=1, help="score every N-th article only (design runs on train)")
    ap.add_argument("--offset", type=int, default=0, help="first article of the --every sample")
    ap.add_argument("--cache", action="store_true", help="keep/reuse the parse under benchmarks/work/")
    ap.add_argument("--no-peer", action="store_true", help="skip textacy (design runs)")
    args = ap.parse_args()
    gold_dir = SHARED / "corpus" / "polnear" / args.split
    WORK.mkdir(parents=True, exist_ok=True)
    tag = args.split if args.every == 1 else f"{args.split}_{args.offset}of{args.every}"
    ours_path, peer_path = WORK / f"presslens_{tag}.jsonl", WORK / f"textacy_{tag}.jsonl"

    analyzer = Analyzer(techniques=False)
    files = sorted((gold_dir / "text").glob("*.txt"))[args.offset::args.every]
    articles = [read_text_file(p)[0] for p in files]
    extract_s = peer_s = 0.0
    peer_bailed = 0
    with ours_path.open("w", encoding="utf-8") as ours, peer_path.open("w", encoding="utf-8") as peer:
        for article, doc in parsed(analyzer.nlp, articles, WORK / f"parse_{tag}" if args.cache else None):
            t0 = time.perf_counter()
            analysis = analyzer.from_doc(article, doc)
            t1 = time.perf_counter()
            try:
                triples = [] if args.no_peer else list(direct_quotations(doc))
            except ValueError:  # textacy refuses texts with an odd number of quotation marks
                triples = []
                peer_bailed += 1
            t2 = time.perf_counter()
            extract_s += t1 - t0
            peer_s += t2 - t1
            if analysis.errors:
                print(f"{article.id}: {analysis.errors}", file=sys.stderr)
            ours.write(json.dumps({"id": article.id, "quotes": analysis.to_dict()["quotes"]}) + "\n")
            quotes = [{"start": t.content.start_char, "end": t.content.end_char, "text": t.content.text,
                       "type": "direct", "speaker": _span(t.speaker), "cue": _span(t.cue)} for t in triples]
            peer.write(json.dumps({"id": article.id, "quotes": quotes}) + "\n")

    scored = gold_dir if args.every == 1 else subset_gold(gold_dir, files, WORK / f"gold_{tag}")
    threshold = get_settings().attribution_threshold
    listed_path = WORK / f"presslens_{tag}_listed.jsonl"
    with listed_path.open("w", encoding="utf-8") as listed:
        for line in ours_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            row["quotes"] = [q for q in row["quotes"] if q["confidence"] >= threshold]
            listed.write(json.dumps(row) + "\n")
    results = {"split": args.split, "articles": len(articles), "attribution_threshold": threshold,
               "presslens": score(scored, ours_path), "presslens_listed": score(scored, listed_path),
               "textacy_direct_quotations": score(scored, peer_path),
               "textacy_bailed_articles": peer_bailed,
               "seconds": {"presslens_entities_and_quotes": round(extract_s, 2), "textacy": round(peer_s, 2)}}
    results_path = RESULTS if tag == "dev" else RESULTS.with_name(f"attributions_{tag}.json")
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    print(f"PolNeAR {args.split}: {len(articles)} articles")
    print(f"{'subset':<9} {'metric':<11} {'presslens':>9} {'listed':>9} {'textacy':>9}   "
          f"(listed: confidence >= {threshold})")
    for subset in ("all", "direct", "indirect"):
        for metric in ("content_p", "content_r", "content_f1", "e2e_p", "e2e_r", "e2e_f1"):
            a = results["presslens"][subset][metric]
            c = results["presslens_listed"][subset][metric]
            b = results["textacy_direct_quotations"][subset][metric]
            print(f"{subset:<9} {metric:<11} {a:>9.3f} {c:>9.3f} {b:>9.3f}")
    print(f"textacy gave up on {peer_bailed} articles (unbalanced quotation marks)")
    print(f"wrote {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
