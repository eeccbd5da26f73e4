"""Audit of attributions on texts written for presslens in four styles: news, blog, how-to, encyclopedia.

Usage:
    python benchmarks/attribution_audit.py dump     # write benchmarks/data/audit_attributions.tsv to judge
    python benchmarks/attribution_audit.py score    # precision of the judged attributions

``dump`` analyses every ``benchmarks/data/audit/*.txt`` and writes one row per attribution
(quotes sharing a cue are one), keeping the judgement column of rows already judged. A person
fills ``judgement`` with ``yes`` (somebody says or holds this, and the speaker is who the text
says) or ``no`` and a short note. ``score`` prints the share of ``yes`` over all attributions and
over those at or above the ``attribution_threshold`` setting, with the count each rests on, and
the listed sources that are pronouns of things, relative pronouns or places (the issue's target:
none). Writes benchmarks/results/attribution_audit.json.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from presslens.analysis.analyze import Analyzer
from presslens.readers.text import read_text_file
from presslens.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "benchmarks" / "data" / "audit"
TSV = ROOT / "benchmarks" / "data" / "audit_attributions.tsv"
RESULT = ROOT / "benchmarks" / "results" / "attribution_audit.json"
FIELDS = ["file", "start", "end", "type", "confidence", "speaker", "speaker_name", "speaker_kind", "cue", "content",
          "judgement", "note"]
BAD_SOURCES = {"it", "which", "that", "this", "you", "its"}


def dump() -> int:
    old = {}
    if TSV.exists():
        with TSV.open(encoding="utf-8") as f:
            old = {(r["file"], r["start"], r["end"]): r for r in csv.DictReader(f, delimiter="\t")}
    analyzer = Analyzer(techniques=False)
    rows = []
    for path in sorted(TEXTS.glob("*.txt")):
        article = read_text_file(path)[0]
        groups: dict[tuple, dict] = {}
        for q in analyzer.analyze(article).quotes:
            key = (q.cue.start, q.cue.end) if q.cue else ("q", q.start)
            g = groups.get(key)
            if g is None or q.type != "direct":
                sp = q.speaker
                groups[key] = {"file": path.name, "start": str(q.start), "end": str(q.end), "type": q.type,
                               "confidence": f"{q.confidence:.2f}", "speaker": sp.text if sp else "",
                               "speaker_name": sp.name if sp else "", "speaker_kind": (sp.kind or "") if sp else "",
                               "cue": q.cue.text if q.cue else "", "content": " ".join(q.text.split()),
                               "judgement": "", "note": ""}
        for row in groups.values():
            prev = old.get((row["file"], row["start"], row["end"]))
            if prev:
                row["judgement"], row["note"] = prev["judgement"], prev["note"]
            rows.append(row)
    with TSV.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} attributions to {TSV}")
    return 0


def score() -> int:
    threshold = get_settings().attribution_threshold
    with TSV.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["judgement"] in {"yes", "no"}]
    listed = [r for r in rows if float(r["confidence"]) >= threshold]
    # a pronoun of a thing is bad unless it was resolved to an agent ("it" -> StepForward)
    bad = [r for r in listed if (r["speaker"].lower() in BAD_SOURCES and r["speaker_name"] == r["speaker"])
           or r["speaker_kind"] in {"place", "thing"}]

    def share(rs: list[dict]) -> float:
        return round(sum(r["judgement"] == "yes" for r in rs) / len(rs), 3) if rs else 0.0

    styles = sorted({r["file"].split("_")[0] for r in rows})
    out = {"threshold": threshold, "judged": len(rows), "yes_share_all": share(rows), "listed": len(listed),
           "yes_share_listed": share(listed), "listed_bad_sources": [r["speaker"] for r in bad],
           "by_style_listed": {s: {"n": len([r for r in listed if r["file"].startswith(s)]),
                                   "yes_share": share([r for r in listed if r["file"].startswith(s)])} for s in styles}}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit({"dump": dump, "score": score}[sys.argv[1] if len(sys.argv) > 1 else "score"]())
