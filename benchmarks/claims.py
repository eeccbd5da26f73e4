"""Claim extraction benchmark: right measure + value + qualifier on hand-labelled PolNeAR quantity mentions.

Labels: ``benchmarks/data/polnear_claims.tsv`` (its header says how they were made): 211 quantity
mentions (122 in the tuning half, 89 held out) and 179 number-like spans that are not quantities (dates, years, ages, clock times,
ids, scores), in the 84 PolNeAR dev texts. Each label is matched to the presslens claim whose span
overlaps it. A quantity is right when value (and upper end of a range) are equal, the qualifier
is the same and the measure is the same (label ``other`` = presslens' ``None`` or a measure the labels
predate, :data:`UNLABELLED`); a missed
mention counts as wrong. For non-quantities the figure is how many became a claim at all and how
many became a count of people (must be none). Also the cost: CPU time inside claim extraction
against the CPU time of the rest of the analysis (techniques off) on the same texts.

Run: ``OMP_NUM_THREADS=1 python benchmarks/claims.py [--errors]`` (writes benchmarks/results/claims.json).
"""
from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED, claims_cpu, write_result  # noqa: E402

LABELS = ROOT / "benchmarks" / "data" / "polnear_claims.tsv"
DEV = SHARED / "corpus" / "polnear" / "dev" / "text"
PEOPLE = {"dead", "injured", "missing", "arrested", "evacuated", "homeless", "jobs", "crowd"}
#: Measures presslens reads that the labels were made before, so that the labeller's ``other``
#: covers them: the area an event covered ("2,300 hectares"), a speed, length or amount in its unit,
#: and the counts of the sick and of those taken to hospital.
UNLABELLED = {"area", "speed", "length", "amount", "ill", "hospitalised"}


def load_labels() -> dict[str, list[dict[str, str]]]:
    by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    with LABELS.open() as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        by_file[r["file"]].append(r)
    return by_file


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def main() -> None:
    from presslens.analysis.analyze import Analyzer
    from presslens.readers.text import read_text_file

    labels = load_labels()
    articles = [read_text_file(DEV / f"{name}.txt")[0] for name in sorted(labels)]
    an = Analyzer(techniques=False)
    analyses = {a.article.id: a for a in an.analyze_many(articles)}
    res = {half: score({k: [r for r in v if r["half"] == half] for k, v in labels.items()}, analyses)
           for half in ("tune", "heldout")}
    for half in ("tune",) if "--errors" in sys.argv else ("tune", "heldout"):
        r = res[half]
        print(f"{half}: {r['quantities']} quantity mentions: right measure+value+qualifier "
              f"{r['right_measure_value_qualifier']:.3f} (value {r['right_value']:.3f}, qualifier "
              f"{r['right_qualifier']:.3f}, measure {r['right_measure']:.3f}, missed {r['missed']}); "
              f"{r['non_quantities']} non-quantities: {r['non_quantities_claimed']} became claims, "
              f"{r['non_quantities_as_people_counts']} counts of people")
        print("  " + ", ".join(f"{k} {v['right']}/{v['n']}" for k, v in r["per_measure"].items()))
    if "--errors" in sys.argv:  # the tuning half's only: the held-out half is scored, never read
        for e in res["tune"]["errors"]:
            print("  ", e)
        return
    # Cost: CPU time spent in claim extraction against the rest of the analysis of the same texts
    # (process time, so other jobs on the machine inflate it less than wall time).
    rest, spent = claims_cpu(an, articles)
    res["cost"] = {"articles": len(articles), "cpu_seconds_analysis_without_claims": round(rest, 2),
                   "cpu_seconds_claims": round(spent, 3), "added": round(spent / rest, 4)}
    c = res["cost"]
    print(f"cost: claims take {c['cpu_seconds_claims']}s of CPU against {c['cpu_seconds_analysis_without_claims']}s "
          f"for the rest of the analysis of {c['articles']} articles (+{100 * c['added']:.1f}%)")
    for half in ("tune", "heldout"):
        res[half].pop("errors") if half == "heldout" else None
    write_result("claims", res)


def score(labels: dict[str, list[dict[str, str]]], analyses: dict) -> dict:
    """Right value / qualifier / measure on the labelled quantities, and what became of the non-quantities."""
    counts: Counter[str] = Counter()
    per_measure: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for name, rows in labels.items():
        claims = analyses[name].claims
        for r in rows:
            s, e = int(r["start"]), int(r["end"])
            hit = next((c for c in claims if c.start < e and s < c.end), None)
            if r["kind"] == "not_a_quantity":
                counts["not_quantity"] += 1
                if hit is not None:
                    counts["not_quantity_claimed"] += 1
                    if hit.measure in PEOPLE:
                        counts["not_quantity_people"] += 1
                continue
            counts["quantity"] += 1
            m = per_measure[r["measure"]]
            m["n"] += 1
            if hit is None:
                counts["missed"] += 1
                errors.append(f"{name}:{s} missed ({r['value']} {r['measure']})")
                continue
            value_ok = _same(hit.value, float(r["value"])) and _same(
                hit.value_max, float(r["value_max"]) if r["value_max"] else None)
            qual_ok = (hit.qualifier or "") == r["qualifier"]
            measure_ok = ("other" if hit.measure in UNLABELLED else hit.measure or "other") == r["measure"]
            counts["value"] += value_ok
            counts["qualifier"] += qual_ok
            counts["measure"] += measure_ok
            if value_ok and qual_ok and measure_ok:
                counts["all"] += 1
                m["right"] += 1
            else:
                errors.append(f"{name}:{s} {hit.text!r}: got {hit.value:g}/{hit.value_max}/{hit.qualifier}/{hit.measure}"
                              f" want {r['value']}/{r['value_max'] or None}/{r['qualifier'] or None}/{r['measure']}")
    n = counts["quantity"]
    return {"quantities": n, "non_quantities": counts["not_quantity"],
            "right_measure_value_qualifier": round(counts["all"] / n, 3),
            "right_value": round(counts["value"] / n, 3), "right_qualifier": round(counts["qualifier"] / n, 3),
            "right_measure": round(counts["measure"] / n, 3), "missed": counts["missed"],
            "non_quantities_claimed": counts["not_quantity_claimed"],
            "non_quantities_as_people_counts": counts["not_quantity_people"],
            "per_measure": {k: {"n": v["n"], "right": v["right"]} for k, v in sorted(per_measure.items())},
            "errors": errors}


if __name__ == "__main__":
    main()
