"""Propaganda-technique spans on the held-out PTC split: presslens beside two peer baselines.

Usage: python benchmarks/techniques.py

The held-out split is the last 20% of ``../shared/corpus/ptc/train`` by sorted file name (74
articles), exactly the articles ``python -m presslens.training.techniques`` never fits or tunes
on. Every system's predictions are written as JSONL and scored by the shared scorer
(``../shared/tools/score_techniques.py``), the SemEval-2020 Task 11 partial-overlap metric.

Systems:
* ``presslens``: the shipped model (``presslens/data/techniques``), through the real pipeline
  (``load_nlp`` parse, quotes, then ``TechniqueTagger.find``), in its default precise mode: lexicon
  hits scored by the first-stage logistic model, shown where their calibrated confidence reaches 0.5;
* ``presslens_all``: the same in ``--techniques all`` mode (the fine-tuned MiniLM tagger's
  recall-oriented runs, int8 ONNX, + lexicon words no run covers).
* ``every_sentence``: every sentence is a span, labelled Loaded_Language (the most frequent
  technique) — the baseline the issue quotes (span F1 0.19).
* ``lexicon``: phrases (1–4 words) that were a gold span of one technique at least twice in the
  training part and were such a span in at least 30% of their occurrences; every occurrence in a
  held-out article is predicted with that technique.

Speed: the technique step (``find``) is timed per article in CPU time (process time: less sensitive
to other jobs on the machine than wall time) against the core of the same
articles — the spaCy parse, and parse + entities + quotes — in one process, one thread.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED, WORK, write_result  # noqa: E402

from presslens.analysis.entities import extract_entities  # noqa: E402
from presslens.analysis.pipeline import load_nlp  # noqa: E402
from presslens.analysis.quotes import extract_quotes  # noqa: E402
from presslens.analysis.techniques import load_technique_model  # noqa: E402
from presslens.model import Article  # noqa: E402
from presslens.training.techniques import PtcArticle, data_hash, read_ptc, split  # noqa: E402

PTC = SHARED / "corpus" / "ptc" / "train"
SCORER = SHARED / "tools" / "score_techniques.py"
LEXICON_MIN_COUNT = 2
LEXICON_MIN_SHARE = 0.3
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")


def gold_dir(articles: list[PtcArticle], root: Path) -> Path:
    """A GOLD_DIR for the scorer: text/ and labels/ symlinks of the held-out files only."""
    for sub in ("text", "labels"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for a in articles:
        (root / "text" / f"{a.id}.txt").symlink_to(PTC / "text" / f"{a.id}.txt")
        lab = PTC / "labels" / f"{a.id}.labels"
        if lab.exists():
            (root / "labels" / f"{a.id}.labels").symlink_to(lab)
    return root


def score(gold: Path, preds: dict[str, list[dict]], name: str, out_dir: Path) -> dict:
    """Write predictions as JSONL and score them with the shared scorer."""
    pred_path = out_dir / f"{name}.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for art_id, techs in preds.items():
            fh.write(json.dumps({"id": art_id, "techniques": techs}) + "\n")
    res_path = out_dir / f"{name}.score.json"
    subprocess.run([sys.executable, str(SCORER), str(gold), str(pred_path), "--json", str(res_path)],
                   check=True, capture_output=True, text=True)
    return json.loads(res_path.read_text())


def lexicon(train: list[PtcArticle]) -> dict[str, str]:
    """Phrase -> technique, learned from exact gold spans of the training part."""
    as_span: dict[str, Counter[str]] = defaultdict(Counter)
    for a in train:
        for s, e, tech in a.spans:
            phrase = " ".join(_WORDS.findall(a.text[s:e].lower()))
            if phrase and len(phrase.split()) <= 4:
                as_span[phrase][tech] += 1
    occurrences: Counter[str] = Counter()
    for a in train:
        words = _WORDS.findall(a.text.lower())
        for n in range(1, 5):
            for i in range(len(words) - n + 1):
                p = " ".join(words[i : i + n])
                if p in as_span:
                    occurrences[p] += 1
    out = {}
    for p, techs in as_span.items():
        tech, c = techs.most_common(1)[0]
        if c >= LEXICON_MIN_COUNT and c / max(occurrences[p], 1) >= LEXICON_MIN_SHARE:
            out[p] = tech
    return out


def lexicon_predict(text: str, lex: dict[str, str]) -> list[dict]:
    """Longest lexicon matches, left to right, on word boundaries."""
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORDS.finditer(text)]
    out, i = [], 0
    while i < len(toks):
        for n in (4, 3, 2, 1):
            if i + n <= len(toks):
                p = " ".join(t[2] for t in toks[i : i + n])
                if p in lex:
                    out.append({"start": toks[i][0], "end": toks[i + n - 1][1], "technique": lex[p]})
                    i += n
                    break
        else:
            i += 1
    return out


def main() -> int:
    articles = read_ptc(PTC)
    train, held = split(articles)
    model = load_technique_model()
    meta = model.metadata
    train_hash = data_hash(PTC, train)
    trained_on = meta.get("training_data", {})
    print(f"training data sha256 (first {len(train)} PTC train articles): {train_hash}")
    print(f"shipped model trained on sha256 {trained_on.get('sha256')} ({trained_on.get('articles')} articles, "
          f"seed {meta.get('seed')}, {meta.get('date')})")
    if trained_on.get("sha256") != train_hash:
        print("WARNING: the shipped model was not trained on exactly the training part; "
              "the held-out figure below is not a clean held-out figure", file=sys.stderr)

    nlp = load_nlp()
    list(nlp.pipe([a.text for a in held[:3]]))  # warm-up
    docs, parse_s = [], 0.0
    for a in held:
        t = time.process_time()
        docs.append(nlp(a.text))
        parse_s += time.process_time() - t
    arts = [Article(id=a.id, text=a.text) for a in held]
    extract_quotes(docs[0], arts[0], extract_entities(docs[0], arts[0]))  # warm-up (loads the cue lexicon)
    quotes, extract_s = [], 0.0
    for art, doc in zip(arts, docs):
        t = time.process_time()
        quotes.append(extract_quotes(doc, art, extract_entities(doc, art)))
        extract_s += time.process_time() - t
    model.find(docs[0], arts[0], quotes[0])  # warm-up
    preds: dict[str, dict[str, list[dict]]] = {"precise": {}, "all": {}}
    find_s = {"precise": 0.0, "all": 0.0}
    for mode in preds:
        for art, doc, qs in zip(arts, docs, quotes):
            t = time.process_time()
            techs = model.find(doc, art, qs, mode)
            find_s[mode] += time.process_time() - t
            assert all(art.text[x.start : x.end] == x.text for x in techs)
            preds[mode][art.id] = [{"start": x.start, "end": x.end, "technique": x.technique,
                                    "confidence": x.confidence, "in_quote": x.in_quote} for x in techs]

    every = {a.id: [{"start": s.start_char, "end": s.end_char, "technique": "Loaded_Language"}
                    for s in d.sents if s.text.strip()] for a, d in zip(held, docs)}
    lex = lexicon(train)
    lexi = {a.id: lexicon_predict(a.text, lex) for a in held}

    out_dir = WORK / "techniques"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        gold = gold_dir(held, Path(tmp) / "gold")
        results = {name: score(gold, p, name, out_dir)
                   for name, p in (("presslens", preds["precise"]), ("presslens_all", preds["all"]),
                                   ("every_sentence", every), ("lexicon", lexi))}

    words = sum(len(a.text.split()) for a in held)
    n = len(held)
    speed = {
        "articles": n,
        "words_per_article": round(words / n, 1),
        "parse_ms_per_article": round(1000 * parse_s / n, 2),
        "entities_quotes_ms_per_article": round(1000 * extract_s / n, 2),
        "techniques_ms_per_article": round(1000 * find_s["precise"] / n, 2),
        "techniques_all_ms_per_article": round(1000 * find_s["all"] / n, 2),
        "overhead_vs_parse": round(find_s["precise"] / parse_s, 3),
        "overhead_vs_core": round(find_s["precise"] / (parse_s + extract_s), 3),
    }
    shown = [x for v in preds["precise"].values() for x in v]
    default_output = {
        "spans": len(shown),
        "articles_with_a_span": sum(1 for v in preds["precise"].values() if v),
        "own_voice": sum(1 for x in shown if not x["in_quote"]),
        "mean_confidence": round(sum(x["confidence"] for x in shown) / max(len(shown), 1), 3),
        "techniques_shown": sorted({x["technique"] for x in shown}),
    }

    print(f"\nheld-out: {n} articles ({held[0].id} .. {held[-1].id}), scored by {SCORER.name}")
    print(f"{'system':16s} {'span P':>7s} {'span R':>7s} {'span F1':>8s} {'lab P':>7s} {'lab R':>7s} {'lab F1':>7s}")
    for name, r in results.items():
        s, lab = r["spans"], r["labelled"]
        print(f"{name:16s} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:8.3f} "
              f"{lab['precision']:7.3f} {lab['recall']:7.3f} {lab['f1']:7.3f}")
    for name in ("presslens", "presslens_all"):
        print(f"\n{name} per technique (labelled):")
        for tech, m in results[name]["per_technique"].items():
            if m["n_pred"]:
                print(f"  {tech:38s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
                      f"pred={m['n_pred']} gold={m['n_gold']}")
    print(f"\ndefault (precise) output: {default_output}")
    print(f"\nspeed ({speed['words_per_article']} words/article): parse {speed['parse_ms_per_article']} ms, "
          f"entities+quotes {speed['entities_quotes_ms_per_article']} ms, techniques "
          f"{speed['techniques_ms_per_article']} ms per article = {100 * speed['overhead_vs_parse']:.0f}% of the parse, "
          f"{100 * speed['overhead_vs_core']:.0f}% of the core (parse + entities + quotes)")
    path = write_result("techniques", {
        "training_data_sha256": train_hash,
        "model": {k: meta.get(k) for k in ("training_data", "seed", "date", "tuning_metrics", "training_seconds")},
        "model_size_bytes": sum(p.stat().st_size for p in Path(str(model_dir())).iterdir()),
        "held_out": {"articles": n, "first": held[0].id, "last": held[-1].id},
        "results": results,
        "default_output": default_output,
        "lexicon_entries": len(lex),
        "speed": speed,
    })
    print(f"wrote {path}")
    return 0


def model_dir() -> Path:
    from presslens.analysis.techniques import MODEL_DIR

    return Path(str(MODEL_DIR))


if __name__ == "__main__":
    sys.exit(main())
