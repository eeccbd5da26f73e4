"""Findings on real multi-outlet stories: PolNeAR stories of 2+ outlets.

Two sets of stories, reported apart and together:

* ``labelled``: the stories of ``benchmarks/data/polnear_stories.tsv`` taken as labelled (this
  measures findings, not grouping); the findings rules were changed looking at the first
  design's findings on these, so they are not fresh;
* ``grouped``: the PolNeAR articles (train and dev) that file does not list, never looked at for
  findings, grouped by presslens itself (``StoryBuilder``, in date order) as a user's run would
  group them; a finding on a wrongly grouped story is judged like any other.

Each story's articles are analysed (Analyzer without techniques) and compared (``compare_story``).

For a blind judgement every emitted finding — shown or hidden — is written to
``benchmarks/results/findings_polnear_to_judge.jsonl`` *without* its confidence and without
whether it is shown, in story order (not ranked): an id, the story, the kind, the subject,
presslens' one-line reason, and per claim the outlet, article, character offsets, the quoted
span, the value and about 150 characters of context either side. A reader who judges them sees
nothing of how sure presslens is; they write ``benchmarks/data/polnear_findings_judged_blind.tsv``
(columns ``id``, ``judgement`` — ``true-meaningful`` / ``true-trivial`` / ``false`` — and ``note``).
This script then reports, per kind, shown findings judged and true, and the same for the hidden
ones (the threshold's cost in recall). Which id is shown, and at what confidence, is only in
``benchmarks/results/findings-polnear.json``, which the reader must not open.

Run: ``OMP_NUM_THREADS=1 python benchmarks/findings_polnear.py``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, SHARED, write_result  # noqa: E402

STORIES = ROOT / "benchmarks" / "data" / "polnear_stories.tsv"
JUDGED = ROOT / "benchmarks" / "data" / "polnear_findings_judged_blind.tsv"
TO_JUDGE = RESULTS / "findings_polnear_to_judge.jsonl"
CORPUS = SHARED / "corpus" / "polnear"
#: Characters of article text shown on each side of a claim's span, enough to judge it without the article.
CONTEXT = 150
VERDICTS = ("true-meaningful", "true-trivial", "false")


def multi_outlet_stories() -> dict[str, list[tuple[str, str]]]:
    """Labelled stories with articles from two or more outlets: story -> [(file name, split)]."""
    stories: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in STORIES.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, split, story = line.split("\t")
        stories[story].append((name, split))
    return {s: arts for s, arts in stories.items() if len({a.split("_")[0] for a, _ in arts}) >= 2}


def unlabelled_articles() -> list[tuple[str, str]]:
    """(file name, split) of the PolNeAR train and dev articles no labelled story lists."""
    listed = {line.split("\t")[0] for line in STORIES.read_text().splitlines() if line and not line.startswith("#")}
    return [(p.stem, split) for split in ("train", "dev") for p in sorted((CORPUS / split / "text").glob("*.txt"))
            if p.stem not in listed]


def load_judgements() -> dict[str, str]:
    """id -> judgement, from the blind reader's file (absent until judged)."""
    if not JUDGED.exists():
        return {}
    rows = [line for line in JUDGED.read_text().splitlines() if line.strip() and not line.startswith("#")]
    return {r["id"]: r["judgement"].strip() for r in csv.DictReader(rows, delimiter="\t")
            if r.get("judgement", "").strip() in VERDICTS}


def finding_id(story: str, rec: dict) -> str:
    """Stable id of a finding: its story, kind, subject and claims' places (not its confidence), so
    a judgement stays attached to the same finding across runs of the same design."""
    key = json.dumps([story, rec["kind"], rec["subject"],
                      sorted((c["article"], c["start"], c["end"], c["value"]) for c in rec["claims"])], default=str)
    return hashlib.sha1(key.encode()).hexdigest()[:10]


def main() -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.readers.text import read_text_file
    from presslens.settings import get_settings
    from presslens.stories.compare import compare_story
    from presslens.stories.model import Story, shown_findings
    from presslens.stories.source import outlet_of

    from presslens.stories.build import StoryBuilder

    an = Analyzer(techniques=False)
    threshold = get_settings().finding_threshold
    judged = load_judgements()
    # (set, story id, analyses of its articles): the labelled stories, then presslens' own on the rest.
    compared: list[tuple[str, str, list]] = []
    for sid, arts in sorted(multi_outlet_stories().items()):
        articles = [read_text_file(CORPUS / split / "text" / f"{name}.txt")[0] for name, split in arts]
        articles.sort(key=lambda a: (a.date or "", a.id))
        compared.append(("labelled", sid, list(an.analyze_many(articles))))
    rest = [read_text_file(CORPUS / split / "text" / f"{name}.txt")[0] for name, split in unlabelled_articles()]
    rest.sort(key=lambda a: (a.date or "", a.id))
    builder = StoryBuilder()
    builder.add_many(an.analyze_many(rest))
    for st in builder.stories():
        if len({builder.analyses[a].article.outlet for a in st.articles}) >= 2:
            compared.append(("grouped", f"grouped-{st.id}", [builder.analyses[a] for a in st.articles]))
    to_judge, key = [], {}
    tallies = ("shown labelled", "shown grouped", "shown", "hidden labelled", "hidden grouped", "hidden")
    counts: dict[str, dict[str, Counter]] = {t: defaultdict(Counter) for t in tallies}
    for group, sid, analyses in compared:
        by_id = {a.article.id: a.article for a in analyses}
        story = Story(id=sid, title=analyses[0].article.title, articles=list(by_id))
        findings = compare_story(story, analyses).findings
        shown = {id(f) for f in shown_findings(findings, threshold)[0]}
        for f in sorted(findings, key=lambda f: (f.kind, f.subject)):
            rec = f.to_dict()
            fid = finding_id(sid, rec)
            claims = []
            for c in rec["claims"]:
                text = by_id[c["article"]].text
                ctx = "" if c["start"] is None else \
                    text[max(0, c["start"] - CONTEXT):c["start"]] + "[[" + text[c["start"]:c["end"]] + "]]" + \
                    text[c["end"]:c["end"] + CONTEXT]
                claims.append({"outlet": outlet_of(by_id[c["article"]]), **c, "context": ctx})
            to_judge.append({"id": fid, "story": sid, "stories_from": group, "kind": f.kind, "subject": f.subject,
                             "reason": f.explanation, "claims": claims})
            side = "shown" if id(f) in shown else "hidden"
            key[fid] = {"shown": side == "shown", "confidence": rec["confidence"]}
            for tally in (f"{side} {group}", side):
                counts[tally][f.kind]["emitted"] += 1
                counts[tally][f.kind][judged.get(fid, "unjudged")] += 1
    TO_JUDGE.parent.mkdir(parents=True, exist_ok=True)
    TO_JUDGE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_judge))
    res: dict = {"stories": dict(Counter(g for g, _, _ in compared)), "unlabelled_articles": len(rest),
                 "threshold": threshold, "to_judge": str(TO_JUDGE.relative_to(ROOT)), "emitted": len(to_judge)}
    for side in tallies:
        total = Counter()
        for v in counts[side].values():
            total.update(v)
        n = sum(total[v] for v in VERDICTS)
        res[side] = {"per_kind": {k: dict(v) for k, v in sorted(counts[side].items())}, "total": dict(total),
                     "judged": n, "true_share_of_judged":
                         round((total["true-meaningful"] + total["true-trivial"]) / n, 3) if n else None}
        print(f"{side}: {total['emitted']} findings, {n} judged: {total['true-meaningful']} true-meaningful, "
              f"{total['true-trivial']} true-trivial, {total['false']} false, {total['unjudged']} unjudged")
        for k, v in sorted(counts[side].items()):
            print(f"  {k:10s} {dict(v)}")
    print(f"multi-outlet PolNeAR stories: {res['stories']}; {len(to_judge)} findings written for blind judgement to "
          f"{TO_JUDGE.relative_to(ROOT)}")
    res["key"] = key
    write_result("findings-polnear", res)


if __name__ == "__main__":
    main()
