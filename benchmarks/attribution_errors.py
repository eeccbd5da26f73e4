"""Where presslens' attributions go wrong on PolNeAR: speaker errors by kind, false attributions by source kind.

Usage: python benchmarks/attribution_errors.py --split train [--every 2 --offset 0]

Reads the predictions benchmarks/attributions.py wrote (benchmarks/work/presslens_<tag>.jsonl)
and the gold of the same articles, matches them with the scorer's rule (one attribution per
cue, character-overlap F1 >= 0.5, greedy), and counts:

* speaker errors (content matched, source wrong) by the kind of the *gold* source mention:
  pronoun, role noun (a common noun such as "the minister", "officials"), partial name (one
  capitalised word), full name, organisation-like name, place, none;
  of these, how many are the same person under another mention (our mention resolves to a name
  sharing a capitalised word with the gold mention: ``he`` for Donald Trump where the annotator
  marked ``Trump`` a sentence earlier) rather than another source (:func:`same_person`);
* predicted attributions that match no gold content, by the kind of the predicted source.

Writes benchmarks/results/attribution_errors_<tag>.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / ".." / "shared" / "tools"))
from score_attributions import chars, group_by_cue, load_gold, overlap_f1  # noqa: E402

WORK = ROOT / "benchmarks" / "work"
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "who", "which", "that", "this",
            "these", "those", "one", "us", "me", "his", "their"}
PLACES = {"washington", "moscow", "beijing", "london", "paris", "america", "china", "russia", "iran", "israel",
          "britain", "france", "germany", "mexico", "u.s.", "us", "the u.s.", "the united states", "europe", "iowa",
          "ohio", "florida", "texas", "california", "new york", "new hampshire", "south carolina", "nevada"}
ORG_WORDS = {"campaign", "party", "committee", "department", "office", "house", "court", "agency", "administration",
             "government", "times", "post", "news", "cnn", "fox", "network", "group", "association", "council",
             "commission", "company", "inc", "corp", "university", "institute", "center", "foundation", "union",
             "pac", "board", "ministry", "congress", "senate", "gop", "dnc", "rnc", "fbi", "cia", "nbc", "abc", "cbs",
             "msnbc", "reuters", "ap", "poll", "journal", "magazine"}


def kind(text: str | None) -> str:
    """A coarse kind of a source mention from its words (good enough to sort errors, not a classifier)."""
    if not text:
        return "none"
    words = text.replace("’", "'").split()
    low = [w.lower().strip(".,'s") for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return "pronoun"
    if text.lower().strip() in PLACES or text.lower().removeprefix("the ").strip() in PLACES:
        return "place"
    if any(w in ORG_WORDS for w in low) or (words[0].isupper() and len(words[0]) > 1 and len(words) == 1):
        return "organisation"
    caps = [w for w in words if w[:1].isupper() and w.lower() not in {"the", "a", "an"}]
    if not caps:
        return "role noun"
    if len(caps) == 1 and len(words) == 1:
        return "partial name"
    if caps and words[0].lower() in {"the", "a", "an"} or any(w[:1].islower() for w in words[:-1]):
        return "role noun"
    return "name"


def _names(text: str) -> set[str]:
    return {w.strip(".,'’()").removesuffix("'s").removesuffix("’s") for w in text.split()
            if w[:1].isupper() and len(w.strip(".,'’()")) > 2}


def same_person(speaker: dict | None, gold_text: str | None) -> bool:
    """Whether our source and the gold one name the same person or body by a shared capitalised
    word (surname, organisation name): a mention-choice error, not a resolution error. A gold
    pronoun names nobody here, so such errors count as another source."""
    if not speaker or not gold_text:
        return False
    return bool(_names(speaker.get("name") or speaker["text"]) & _names(gold_text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each error kind")
    args = ap.parse_args()
    tag = args.split if args.every == 1 else f"{args.split}_{args.offset}of{args.every}"
    gold_dir = WORK / f"gold_{tag}" if args.every != 1 else ROOT / ".." / "shared" / "corpus" / "polnear" / args.split
    texts, gold = load_gold(str(gold_dir))
    pred = {}
    for line in (WORK / f"presslens_{tag}.jsonl").read_text().splitlines():
        o = json.loads(line)
        pred[o["id"]] = o["quotes"]
    wrong: Counter[str] = Counter()
    right: Counter[str] = Counter()
    same: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for name, gitems in gold.items():
        text = texts[name]
        pitems = group_by_cue([q for q in pred.get(name, []) if q["end"] > q["start"]])
        gsets = [chars(g["content"]) for g in gitems]
        pairs = sorted(((overlap_f1(q["chars"], gs), i, j) for i, q in enumerate(pitems) for j, gs in enumerate(gsets)),
                       reverse=True)
        used_p, used_g = set(), set()
        for s, i, j in pairs:
            if s < 0.5 or i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            sp, gs = pitems[i]["speaker"], gitems[j]["source"]
            gtext = " ".join(text[a:b] for a, b in gs) if gs else None
            ok = (sp is None) if gs is None else bool(sp and set(range(sp["start"], sp["end"])) & chars(gs))
            k = kind(gtext)
            (right if ok else wrong)[k] += 1
            if not ok and same_person(sp, gtext):
                same[k] += 1
            if not ok:
                examples.setdefault("wrong " + k, []).append(f"{name}: gold {gtext!r} pred {sp and sp['text']!r}")
        for i, q in enumerate(pitems):
            if i not in used_p:
                sp = q["speaker"]
                k = kind(sp and sp["text"])
                spurious[f"{q['type']} {k}"] += 1
                examples.setdefault("spurious " + k, []).append(
                    f"{name}: {sp and sp['text']!r} :: {text[min(q['chars']):max(q['chars']) + 1][:90]!r}")
    out = {"split": tag, "speaker_right_by_gold_kind": dict(right), "speaker_wrong_by_gold_kind": dict(wrong),
           "speaker_wrong_same_person_by_gold_kind": dict(same),
           "unmatched_predictions_by_type_and_source_kind": dict(spurious)}
    path = ROOT / "benchmarks" / "results" / f"attribution_errors_{tag}.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"{'gold source kind':<16} {'right':>6} {'wrong':>6} {'same person':>12}")
    for k in sorted(set(right) | set(wrong)):
        print(f"{k:<16} {right[k]:>6} {wrong[k]:>6} {same[k]:>12}")
    print("unmatched predictions:", dict(spurious.most_common()))
    if args.show:
        for k, ex in sorted(examples.items()):
            print(f"--- {k} ({len(ex)})")
            for e in ex[:args.show]:
                print("  ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
