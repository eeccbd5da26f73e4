"""Stored stories: cost of grouping a stored corpus, of an incremental run, and of a rebuild.

Why these three figures: ``presslens ingest`` groups new articles at the end of each run by
replaying the stored articles through the incremental grouper (see presslens.store.stories),
so the price of one run is one replay of the corpus plus the stories that gained articles.
The benchmark takes an already ingested database (default: the 10,000-article search
benchmark database), copies it, and measures on the copy: grouping every stored article the
first time, an incremental run in which the last ``--new`` articles are still ungrouped (the
state a run leaves behind when it stored them but was killed before grouping), and a full
``--rebuild``. Peak RSS is the process's. Results: benchmarks/results/stories_store.json.

    OMP_NUM_THREADS=1 python benchmarks/stories_store.py [--db benchmarks/work/search-10000.db] [--new 20]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import time
from pathlib import Path

from _common import WORK, write_result
from sqlalchemy import delete, func, select

from presslens.store.repository import open_store
from presslens.store.schema import ArticleRow
from presslens.store.stories import MAX_COMPARED, FindingRow, StoryArticleRow, update_stories


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=WORK / "search-10000.db", help="An ingested SQLite database.")
    ap.add_argument("--new", type=int, default=20, help="Articles left ungrouped for the incremental run.")
    args = ap.parse_args()
    copy = WORK / f"stories-store-{args.db.stem}.db"
    shutil.copy(args.db, copy)
    for suffix in ("-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    out: dict = {"database": str(args.db.name), "max_compared": MAX_COMPARED}
    runs = []
    with open_store(f"sqlite:///{copy}") as store:
        with store.engine.connect() as conn:
            out["articles"] = conn.execute(select(func.count(ArticleRow.id))).scalar_one()
        t = time.perf_counter()
        runs.append(("first", update_stories(store), time.perf_counter() - t))
        # The incremental run: the last --new articles stored but not yet grouped.
        with store.engine.begin() as conn:
            last = list(conn.scalars(select(StoryArticleRow.article_pk)
                                     .order_by(StoryArticleRow.article_pk.desc()).limit(args.new)))
            conn.execute(delete(StoryArticleRow).where(StoryArticleRow.article_pk.in_(last)))
        t = time.perf_counter()
        runs.append(("incremental", update_stories(store), time.perf_counter() - t))
        t = time.perf_counter()
        runs.append(("rebuild", update_stories(store, rebuild=True), time.perf_counter() - t))
        with store.engine.connect() as conn:
            sizes = list(conn.scalars(select(func.count()).select_from(StoryArticleRow)
                                      .group_by(StoryArticleRow.story_id)))
            findings = conn.execute(select(func.count(FindingRow.id))).scalar_one()
    for label, r, seconds in runs:
        out[label] = {"articles_grouped": r.grouped, "stories_written": r.stories_touched, "rebuilt": r.rebuilt,
                      "too_large_to_compare": r.too_large, "seconds": round(seconds, 2)}
        print(f"{label:12s} grouped {r.grouped:6d} article(s), wrote {r.stories_touched:5d} story(ies) "
              f"in {seconds:6.1f}s (rebuilt={r.rebuilt}, too large to compare={r.too_large})")
    out["stories"] = len(sizes)
    out["largest_stories"] = sorted(sizes, reverse=True)[:5]
    out["findings"] = findings
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{out['articles']} articles → {out['stories']} stories (largest {out['largest_stories']}), "
          f"{findings} findings; peak RSS {out['peak_rss_mib']} MiB")
    print(write_result("stories_store", out))
    copy.unlink()


if __name__ == "__main__":
    main()
