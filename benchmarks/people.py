"""Person identity across a corpus: are mentions grouped into the right real people?

Gold: ``benchmarks/data/people_identity.tsv``, hand labels for the 4,154 mentions behind the 300
most frequent person names (by mention count, as presslens main found them) in PolNeAR dev (84
articles) and a slice of PolNeAR train (every tenth file by name, 84 articles): for each mention
(article, start, end) the real person it refers to, or ``NOT_PERSON`` (a city, a network, a
family, a building, a poll). See ``benchmarks/data/people_identity_notes.md``.

The articles are analysed and stored in a fresh SQLite database exactly as ``presslens ingest``
does (chunks of 32 in file-name order), then each gold mention is mapped to the stored person its
entity links to (an unlinked mention is a group of its own). Half of the articles (by a hash of
their name) are held back; figures are printed for both halves and the held-back half is the one
reported. Metrics:

* B-cubed precision / recall / F1 of the grouping of real-person mentions into stored people;
* the share of listed people (stored people with at least one labelled mention) whose labelled
  mentions are mostly ``NOT_PERSON``;
* same-surname merges: stored people holding labelled mentions of two real people who share a
  surname (``Bill`` and ``Hillary Clinton`` as one person).

And the cost: resolving one article's people against a registry of 100,000 synthetic people
(``--registry-size``), timed per article over the same articles.

Run: ``OMP_NUM_THREADS=1 python benchmarks/people.py`` (``--label before`` with
``PYTHONPATH`` pointing at an older checkout measures that code on the same labels).
"""
from __future__ import annotations

import argparse
import csv
import gc
import hashlib
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED, write_result  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "people_identity.tsv"
NOT_PERSON = "NOT_PERSON"


def article_paths() -> list[Path]:
    dev = sorted((SHARED / "corpus" / "polnear" / "dev" / "text").glob("*.txt"))
    train = sorted((SHARED / "corpus" / "polnear" / "train" / "text").glob("*.txt"))[9::10]
    return dev + train


def held_back(article_id: str) -> bool:
    """Half of the articles, fixed by a hash of the name (never used to choose a rule)."""
    return hashlib.sha256(article_id.encode()).hexdigest()[0] in "01234567"


def load_gold() -> list[tuple[str, int, int, str]]:
    with GOLD.open(newline="") as fh:
        return [(r["article"], int(r["start"]), int(r["end"]), r["person"]) for r in csv.DictReader(fh, delimiter="\t")]


def analyse_and_store(paths: list[Path], db: str):  # noqa: ANN201 - returns (analyses, store)
    from presslens.analysis.analyze import Analyzer
    from presslens.readers import read_path
    from presslens.store import open_store

    articles = []
    for p in paths:
        for item in read_path(p):
            if isinstance(item, tuple):
                articles.append(item[0])
    analyzer = Analyzer(techniques=False)
    t0 = time.perf_counter()
    analyses = list(analyzer.analyze_many(articles))
    analysis_s = time.perf_counter() - t0
    store = open_store(db)
    t0 = time.perf_counter()
    for i in range(0, len(analyses), 32):
        store.save(analyses[i:i + 32])
    return analyses, store, analysis_s, time.perf_counter() - t0


def system_groups(store) -> dict[str, dict]:  # noqa: ANN001
    """Each labelled mention's system group: ("P", person id) when the stored entity holding the
    mention links to a stored person, else a group of its own. Stored mentions, not the analyses'
    entities, because the store may take an entity's bare-surname mentions apart."""
    from sqlalchemy import select

    from presslens.store.schema import ArticleRow, EntityRow, MentionRow, PersonLinkRow

    with store.engine.connect() as conn:
        link = {(aid, local): pid for aid, local, pid in conn.execute(
            select(ArticleRow.article_id, EntityRow.local_id, PersonLinkRow.person_id)
            .join(EntityRow, EntityRow.article_pk == ArticleRow.id)
            .join(PersonLinkRow, PersonLinkRow.entity_pk == EntityRow.id))}
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for aid, s, t, local in conn.execute(
                select(ArticleRow.article_id, MentionRow.start, MentionRow.end, EntityRow.local_id)
                .join(EntityRow, EntityRow.id == MentionRow.entity_pk)
                .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)):
            spans[aid].append((s, t, local))
    return {"link": link, "spans": spans}


def group_of(sys_: dict, article: str, start: int, end: int) -> object:
    best, overlap = None, 0
    for s, t, eid in sys_["spans"].get(article, []):
        o = min(end, t) - max(start, s)
        if o > overlap:
            best, overlap = eid, o
    if best is not None and (article, best) in sys_["link"]:
        return ("P", sys_["link"][(article, best)])
    return ("U", article, start)


def surname_of(person: str) -> str:
    return person.split("@")[0].rsplit("_", 1)[-1]


def score(gold: list[tuple[str, int, int, str]], sys_: dict) -> dict:
    items = [(g, group_of(sys_, g[0], g[1], g[2])) for g in gold]
    real = [(g[3], s) for g, s in items if g[3] != NOT_PERSON]
    by_gold: dict[str, Counter] = defaultdict(Counter)
    by_sys: dict[object, Counter] = defaultdict(Counter)
    for gl, s in real:
        by_gold[gl][s] += 1
        by_sys[s][gl] += 1
    p = sum(by_sys[s][gl] / sum(by_sys[s].values()) for gl, s in real) / len(real)
    r = sum(by_gold[gl][s] / sum(by_gold[gl].values()) for gl, s in real) / len(real)
    f = 2 * p * r / (p + r) if p + r else 0.0
    listed: dict[object, Counter] = defaultdict(Counter)
    for g, s in items:
        if s[0] == "P":
            listed[s][g[3]] += 1
    not_people = [s for s, c in listed.items() if c[NOT_PERSON] * 2 > sum(c.values())]
    merged = []
    for s, c in listed.items():
        names = [n for n in c if n != NOT_PERSON]
        sur = Counter(surname_of(n) for n in names)
        clash = [n for n in names if sur[surname_of(n)] > 1]
        if clash:
            merged.append(sorted(clash))
    return {"mentions": len(items), "real_person_mentions": len(real), "gold_people": len(by_gold),
            "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4),
            "listed_people": len(listed), "listed_not_people": len(not_people),
            "listed_not_people_share": round(len(not_people) / len(listed), 4) if listed else 0.0,
            "same_surname_merged": len(merged), "same_surname_examples": merged[:5]}


def registry_timing(analyses, size: int) -> dict:  # noqa: ANN001
    """Mean and 95th-percentile time to resolve one article's people against ``size`` synthetic people."""
    from presslens.store.people import PersonIndex, first_name, fold, month_of, surname

    try:
        import gender_guesser.detector as gd

        firsts = sorted({n.split()[0].lower() for n in gd.Detector().names if n.isascii() and n.isalpha()})[:4000]
    except Exception:  # noqa: BLE001 - the dictionary's internals are not an API
        firsts = [f"f{i}" for i in range(4000)]
    rng = random.Random(17)
    sur = [f"{rng.choice('bcdfghjklmnprstvwz')}{rng.choice('aeiou')}{rng.choice('lmnrst')}"
           f"{rng.choice('aeiou')}{rng.choice(['son', 'ez', 'ski', 'berg', 'ton', 'ner', 'ley', ''])}{i % 97}"
           for i in range(30000)]
    index = PersonIndex()
    outlets = ["a", "b", "c", "d", "e", "f"]
    for pid in range(1, size + 1):
        key = f"{rng.choice(firsts)} {rng.choice(sur)}"
        index.add(pid, key)
        index.display[pid] = (key.title(), key)
        index.note_article(pid, rng.choice(outlets), f"2016-{rng.randint(1, 12):02d}")
    # The index is long-lived: move it out of the garbage collector's young generations, as a
    # server would after loading it, so a collection of 100,000 fresh objects is not timed as resolution.
    gc.collect()
    gc.freeze()
    wall, cpu = [], []
    for a in analyses:
        keys = [fold(e.name) for e in a.entities if e.type == "PERSON"]
        t0, c0 = time.perf_counter(), time.process_time()
        for k in keys:
            if not k:
                continue
            if first_name(k) is None:
                index.infer(surname(k), a.article.outlet, month_of(a.article.date))
            else:
                index.resolve(k)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    gc.unfreeze()

    def stats(xs: list[float]) -> dict:
        xs = sorted(xs)
        return {"mean_ms": round(sum(xs) / len(xs), 3), "median_ms": round(xs[len(xs) // 2], 3),
                "p95_ms": round(xs[int(0.95 * (len(xs) - 1))], 3), "max_ms": round(xs[-1], 3)}

    # Wall time includes the scheduler's time slices on a loaded machine (a resolution of a few
    # microseconds shows up as 4-8 ms when another process holds the core); CPU time does not.
    return {"registry_people": size, "articles": len(wall), "wall": stats(wall), "cpu": stats(cpu)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--label", default="after", help="Name of this run in the results file (before/after).")
    ap.add_argument("--registry-size", type=int, default=100_000)
    ap.add_argument("--report", action="store_true", help="Also score the held-back half (do this once, to report).")
    args = ap.parse_args()
    gold = load_gold()
    with tempfile.TemporaryDirectory() as tmp:
        analyses, store, analysis_s, store_s = analyse_and_store(article_paths(), f"sqlite:///{tmp}/people.db")
        sys_ = system_groups(store)
        store.close()
    result = {"label": args.label, "articles": len(analyses), "store_seconds": round(store_s, 2),
              "tune": score([g for g in gold if not held_back(g[0])], sys_),
              **({"held_back": score([g for g in gold if held_back(g[0])], sys_)} if args.report else {}),
              "held_back_articles": sum(held_back(a.article.id) for a in analyses)}
    try:
        result["registry"] = registry_timing(analyses, args.registry_size)
    except (ImportError, AttributeError, TypeError) as exc:  # an older PersonIndex without infer()
        result["registry"] = {"skipped": f"{type(exc).__name__}: {exc}"}
    for half in ("tune", "held_back") if args.report else ("tune",):
        r = result[half]
        print(f"{args.label} {half:9} mentions={r['mentions']} people={r['gold_people']} "
              f"B3 P/R/F1={r['bcubed_p']:.3f}/{r['bcubed_r']:.3f}/{r['bcubed_f1']:.3f} "
              f"listed={r['listed_people']} not-people={r['listed_not_people']} ({r['listed_not_people_share']:.1%}) "
              f"same-surname merged={r['same_surname_merged']} {r['same_surname_examples'][:3]}")
    print(f"{args.label} registry: {result['registry']}")
    print(f"wrote {write_result('people' if args.label == 'after' else f'people_{args.label}', result)}")


if __name__ == "__main__":
    main()
