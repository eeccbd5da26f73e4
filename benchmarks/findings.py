"""Findings benchmark: planted disagreements found, and shown findings right, per kind.

Data: ``benchmarks/data/findings/`` — multi-outlet stories written for presslens (invented
outlets, places and people; realistic events), each with a gold file in the format of
``../shared/tools/score_stories.py``'s docstring: ``tune/`` (the half the rules and confidences
were tuned on), ``heldout/`` (scored once per design, but looked at during development) and
``fresh/`` to ``fresh10/`` and any later ``freshN/`` (each written after a design was fixed, gold
committed before any run, scored once at that design). Planted disagreements cover every kind
(numbers in many phrasings, event and actor labels, roles, dates, blind spots, quote cuts); the
texts also hold true non-disagreements that must stay silent (the same figure in other words,
paraphrased offices, indirect speech that counts as being heard).

What runs is what a user runs: ``presslens ingest DIR --db sqlite:///...`` then ``presslens export
--what stories|findings --format jsonl``, scored by ``../shared/tools/score_stories.py``. Figures:
planted found / planted per kind (a planted finding counts as found when a *shown* finding — at
or above the ``finding_threshold`` setting — matches it), and per kind the precision of shown
findings (matching a planted or acceptable gold entry over all shown). The cost of claims is
measured alongside: CPU time inside claim extraction against the rest of the analysis of the same texts.

Run: ``python benchmarks/findings.py [--split heldout|tune|fresh|fresh2|...|freshN]`` (writes benchmarks/results/findings-SPLIT.json).
``--seen SPLIT...`` scores several splits already looked at and writes their sum, split by split and per kind, to
benchmarks/results/findings-seen.json, leaving every per-split file alone: a blind split's file keeps its one
blind scoring, while the seen figures of a later design are still reproducible by one command.
``--cost SPLIT...`` measures what claims and findings add to the analysis time (findings-cost.json).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED, WORK, claims_cpu, write_result  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "findings"
KINDS = ("number", "label", "role", "date", "blind_spot", "quote_cut")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_stories", SHARED / "tools" / "score_stories.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_presslens(split: str) -> tuple[Path, Path]:
    """Ingest the split into a fresh SQLite file and export stories and findings as JSONL."""
    work = WORK / "findings" / split
    work.mkdir(parents=True, exist_ok=True)
    db = work / "findings.db"
    db.unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    subprocess.run(["presslens", "ingest", str(DATA / split), "--db", url, "--workers", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    out = []
    for what in ("stories", "findings"):
        path = work / f"{what}.jsonl"
        with path.open("wb") as fh:
            subprocess.run(["presslens", "export", "--what", what, "--format", "jsonl", "--db", url], check=True,
                           stdout=fh, stderr=subprocess.DEVNULL)
        out.append(path)
    return out[0], out[1]


def score(split: str, threshold: float) -> dict:
    """Per-kind planted found and shown precision, plus the scorer's own summary on shown findings."""
    from presslens.stories.model import shown_findings

    scorer = _scorer()
    gold = json.loads((DATA / f"{split}.gold.json").read_text())
    stories_path, findings_path = run_presslens(split)
    findings = scorer.load_jsonl(findings_path)
    shown, _ = shown_findings(findings, threshold, confidence=lambda f: f.get("confidence"))
    shown_path = findings_path.with_name("findings.shown.jsonl")
    shown_path.write_text("".join(json.dumps(f) + "\n" for f in shown))
    summary = subprocess.run([sys.executable, str(SHARED / "tools" / "score_stories.py"), str(DATA / f"{split}.gold.json"),
                              str(stories_path), str(shown_path), "--json"], check=True, capture_output=True, text=True)
    planted, found = Counter(), Counter()
    missed = []
    for g in gold["findings"]:
        planted[g["kind"]] += 1
        if any(scorer.matches(g, f) for f in shown):
            found[g["kind"]] += 1
        else:
            missed.append(g["name"])
    emitted, right = Counter(), Counter()
    wrong = []
    for f in shown:
        emitted[f["kind"]] += 1
        if any(scorer.matches(g, f) for g in gold["findings"] + gold.get("acceptable", [])):
            right[f["kind"]] += 1
        else:
            wrong.append(f"{f['kind']}: {f['subject']} ({f.get('confidence')}) — {f.get('explanation', '')}")
    per_kind = {k: {"planted": planted[k], "found": found[k], "shown": emitted[k], "shown_right": right[k]}
                for k in KINDS}
    total = {"planted": sum(planted.values()), "found": sum(found.values()), "shown": len(shown),
             "shown_right": sum(right.values()), "emitted_all": len(findings),
             "articles": sum(len(v) for v in gold["stories"].values()), "stories": len(gold["stories"])}
    return {"split": split, "threshold": threshold, "total": total, "per_kind": per_kind, "missed": missed,
            "wrong_shown": wrong, "scorer": json.loads(summary.stdout)}


def claims_cost(split: str) -> dict:
    """CPU seconds inside claim extraction against the rest of the analysis of the split's texts
    (techniques off; process time, so other jobs on the machine inflate it less than wall time)."""
    from presslens.analysis.analyze import Analyzer
    from presslens.readers.text import read_text_file

    articles = [read_text_file(p)[0] for p in sorted((DATA / split).glob("*.txt"))] * 3
    an = Analyzer(techniques=False)
    list(an.analyze_many(articles[:5]))  # warm up
    rest, spent = claims_cpu(an, articles)
    return {"articles": len(articles), "cpu_seconds_rest": round(rest, 3),
            "cpu_seconds_claims": round(spent, 3), "added": round(spent / rest, 4)}


def findings_cost(splits: list[str]) -> dict:
    """What claims and findings add to the analysis, in CPU seconds (process time, techniques off), over the
    splits' articles each analysed once: inside claim extraction and the lead's reading (the analysis's own
    share), and computing every gold story's findings from those analyses, each story computed once (nothing
    of a story cached: each article's lead comes from its analysis, not from a parse). The first story also
    pays for what a process loads once whatever the corpus (the gazetteer): it is timed apart, and the
    findings figure is the other stories' time scaled to all of them."""
    from presslens.analysis import analyze as analyze_mod
    from presslens.analysis.analyze import Analyzer
    from presslens.readers.text import read_text_file
    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story

    spent = Counter()

    def timed(name: str, real):  # noqa: ANN001, ANN202 - wraps the analyzer's own call
        def call(*args):  # noqa: ANN002, ANN202
            t0 = time.process_time()
            try:
                return real(*args)
            finally:
                spent[name] += time.process_time() - t0
        return call

    an = Analyzer(techniques=False)
    list(an.analyze_many([read_text_file(next((DATA / splits[0]).glob("*.txt")))[0]]))  # load the pipeline
    reals = {"extract_claims": analyze_mod.extract_claims, "read_lead": analyze_mod.read_lead}
    for name, real in reals.items():
        setattr(analyze_mod, name, timed(name, real))
    try:
        analyses, stories = {}, []
        t = time.process_time()
        for split in splits:
            arts = [read_text_file(p)[0] for p in sorted((DATA / split).glob("*.txt"))]
            analyses.update({f"{split}/{a.article.id}": a for a in an.analyze_many(arts)})
            gold = json.loads((DATA / f"{split}.gold.json").read_text())
            stories += [(split, name, ids) for name, ids in gold["stories"].items()]
        analysis = time.process_time() - t
    finally:
        for name, real in reals.items():
            setattr(analyze_mod, name, real)
    # What a process loads once, whatever the corpus (the gazetteer of places), is timed apart: one story first.
    t = time.process_time()
    split, name, ids = stories[0]
    compare_story(Story(id=name, title=None, articles=ids), [analyses[f"{split}/{i}"] for i in ids])
    first = time.process_time() - t
    t = time.process_time()
    for split, name, ids in stories[1:]:
        compare_story(Story(id=name, title=None, articles=ids), [analyses[f"{split}/{i}"] for i in ids])
    findings = (time.process_time() - t) * len(stories) / (len(stories) - 1)
    base = analysis - spent["extract_claims"] - spent["read_lead"]
    added = spent["extract_claims"] + spent["read_lead"] + findings
    return {"splits": splits, "articles": len(analyses), "stories": len(stories),
            "cpu_seconds_analysis_without": round(base, 3), "cpu_seconds_claims": round(spent["extract_claims"], 3),
            "cpu_seconds_lead": round(spent["read_lead"], 3), "cpu_seconds_findings": round(findings, 3),
            "cpu_seconds_first_story": round(first, 3), "added": round(added / base, 4)}


def seen_total(splits: list[str], threshold: float) -> None:
    """Score each split, print one line per split, and write the sums overall and per kind."""
    total, per_kind, lines = Counter(), {k: Counter() for k in KINDS}, {}
    for split in splits:
        res = score(split, threshold)
        t = res["total"]
        total.update({k: t[k] for k in ("planted", "found", "shown", "shown_right")})
        for k, v in res["per_kind"].items():
            per_kind[k].update(v)
        lines[split] = {"found": t["found"], "planted": t["planted"], "shown_right": t["shown_right"],
                        "shown": t["shown"], "missed": res["missed"], "wrong_shown": res["wrong_shown"]}
        print(f"{split}: found {t['found']}/{t['planted']}, shown right {t['shown_right']}/{t['shown']}", flush=True)
    print(f"seen ({len(splits)} splits): found {total['found']}/{total['planted']}, "
          f"shown right {total['shown_right']}/{total['shown']}")
    for k, v in per_kind.items():
        print(f"  {k:10s} found {v['found']}/{v['planted']}  shown right {v['shown_right']}/{v['shown']}")
    write_result("findings-seen", {"threshold": threshold, "total": dict(total),
                                   "per_kind": {k: dict(v) for k, v in per_kind.items()}, "splits": lines})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    splits = sorted(p.name.removesuffix(".gold.json") for p in DATA.glob("*.gold.json"))
    ap.add_argument("--split", default="heldout", choices=splits, help="a labelled split: a folder of "
                    "articles under benchmarks/data/findings/ with its SPLIT.gold.json")
    ap.add_argument("--seen", nargs="+", choices=splits, metavar="SPLIT",
                    help="score these splits and write their sum to findings-seen.json (no per-split files)")
    ap.add_argument("--cost", nargs="+", choices=splits, metavar="SPLIT",
                    help="measure what claims and findings add to the analysis of these splits (findings-cost.json)")
    args = ap.parse_args()
    from presslens.settings import get_settings

    if args.cost:
        c = findings_cost(args.cost)
        print(f"{c['articles']} articles, {c['stories']} stories: analysis without claims and lead "
              f"{c['cpu_seconds_analysis_without']}s CPU; claims {c['cpu_seconds_claims']}s, lead {c['cpu_seconds_lead']}s, "
              f"findings {c['cpu_seconds_findings']}s: +{100 * c['added']:.1f}%")
        write_result("findings-cost", c)
        return
    if args.seen:
        seen_total(args.seen, get_settings().finding_threshold)
        return
    res = score(args.split, get_settings().finding_threshold)
    res["claims_cost"] = claims_cost(args.split)
    t = res["total"]
    print(f"{args.split}: {t['stories']} stories, {t['articles']} articles; planted found {t['found']}/{t['planted']}; "
          f"shown right {t['shown_right']}/{t['shown']} (all emitted {t['emitted_all']})")
    for k, v in res["per_kind"].items():
        print(f"  {k:10s} found {v['found']}/{v['planted']}  shown right {v['shown_right']}/{v['shown']}")
    for m in res["missed"]:
        print("  missed:", m)
    for w in res["wrong_shown"]:
        print("  wrong:", w)
    c = res["claims_cost"]
    print(f"claims cost: {c['cpu_seconds_claims']}s of CPU against {c['cpu_seconds_rest']}s for the rest of the "
          f"analysis of {c['articles']} analyses (+{100 * c['added']:.1f}%)")
    write_result(f"findings-{args.split}", res)


if __name__ == "__main__":
    main()
