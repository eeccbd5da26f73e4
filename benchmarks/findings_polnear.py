"""Findings on real multi-outlet stories: PolNeAR stories of 2+ articles (benchmarks/data/polnear_stories.tsv).

The stories are taken as labelled (so this measures findings, not grouping); each story's
articles are analysed (Analyzer without techniques) and compared (``compare_story``), and the
findings (each marked shown or not: confidence at or above ``finding_threshold``) are written
without their confidence to ``benchmarks/work/polnear_findings/to_judge.jsonl`` for a reader to judge.
Judgements live in ``benchmarks/data/polnear_findings_judged.tsv`` (story, kind, subject,
judgement: ``true-meaningful`` / ``true-trivial`` / ``false``, and a note); this script reports,
per kind, how many shown findings were judged and how many of them are true. A shown finding
without a judgement is listed as unjudged.

Run: ``OMP_NUM_THREADS=1 python benchmarks/findings_polnear.py`` (writes benchmarks/results/findings-polnear.json).
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED, WORK, write_result  # noqa: E402

STORIES = ROOT / "benchmarks" / "data" / "polnear_stories.tsv"
JUDGED = ROOT / "benchmarks" / "data" / "polnear_findings_judged.tsv"
CORPUS = SHARED / "corpus" / "polnear"


def multi_outlet_stories() -> dict[str, list[tuple[str, str]]]:
    """Labelled stories with articles from two or more outlets: story -> [(file name, split)]."""
    stories: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in STORIES.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, split, story = line.split("\t")
        stories[story].append((name, split))
    return {s: arts for s, arts in stories.items() if len({a.split("_")[0] for a, _ in arts}) >= 2}


def load_judgements() -> dict[tuple[str, str, str], str]:
    if not JUDGED.exists():
        return {}
    rows = [line for line in JUDGED.read_text().splitlines() if not line.startswith("#")]
    return {(r["story"], r["kind"], r["subject"]): r["judgement"] for r in csv.DictReader(rows, delimiter="\t")}


def main() -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.readers.text import read_text_file
    from presslens.settings import get_settings
    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story

    stories = multi_outlet_stories()
    an = Analyzer(techniques=False)
    threshold = get_settings().finding_threshold
    out_dir = WORK / "polnear_findings"
    out_dir.mkdir(parents=True, exist_ok=True)
    judged = load_judgements()
    shown_all, counts, hidden = [], defaultdict(Counter), Counter()
    for sid, arts in sorted(stories.items()):
        articles = [read_text_file(CORPUS / split / "text" / f"{name}.txt")[0] for name, split in arts]
        articles.sort(key=lambda a: (a.date or "", a.id))
        analyses = list(an.analyze_many(articles))
        story = Story(id=sid, title=articles[0].title, articles=[a.id for a in articles])
        for f in compare_story(story, analyses).findings:
            shown = f.confidence is None or f.confidence >= threshold
            rec = f.to_dict()
            texts = {a.article.id: a.article.text for a in analyses}
            rec["context"] = [texts[c["article"]][max(0, (c["start"] or 0) - 120):(c["end"] or 0) + 120]
                              if c["start"] is not None else "" for c in rec["claims"]]
            verdict = judged.get((sid, f.kind, f.subject))
            if shown:
                counts[f.kind]["shown"] += 1
                counts[f.kind][verdict or "unjudged"] += 1
            else:
                hidden[verdict or "unjudged"] += 1
            blind = {k: v for k, v in rec.items() if k != "confidence"}
            shown_all.append(blind)
    (out_dir / "to_judge.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in shown_all))
    per_kind = {k: dict(v) for k, v in sorted(counts.items())}
    total = Counter()
    for v in counts.values():
        total.update(v)
    judged_n = total["true-meaningful"] + total["true-trivial"] + total["false"]
    res = {"stories": len(stories), "threshold": threshold, "per_kind": per_kind, "total": dict(total),
           "judged": judged_n,
           "true_share_of_judged": round((total["true-meaningful"] + total["true-trivial"]) / judged_n, 3)
           if judged_n else None, "hidden_below_threshold": dict(hidden)}
    print(f"{len(stories)} multi-outlet PolNeAR stories; {total['shown']} shown findings, {judged_n} judged: "
          f"{total['true-meaningful']} true-meaningful, {total['true-trivial']} true-trivial, {total['false']} false, "
          f"{total['unjudged']} unjudged")
    for k, v in per_kind.items():
        print(f"  {k:10s} {v}")
    print(f"  hidden (under the threshold): {dict(hidden)}")
    write_result("findings-polnear", res)


if __name__ == "__main__":
    main()
