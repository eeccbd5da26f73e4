"""``presslens fetch`` over 200 local pages: everything stored or rejected with a reason, re-runs and kills.

The pages come from the invented news site of examples/newssite.py, served on 127.0.0.1 by
this script (nothing else is contacted): 200 URLs listed in a sitemap, of which 20 fail on
purpose (404, 503, not HTML, too large, robots.txt disallows, no article text). Three checks:

1. a first run: every URL ends stored or rejected with a reason (counted from the fetch log);
2. a second run right after the first requests no article page (the 3 that answered 503 wait out
   their retry back-off, see fetch_retry_after) — the sitemap answers 304 to the conditional request;
3. a run killed with SIGKILL after 40 articles, then resumed: all 180 articles stored once each.

Command: ``OMP_NUM_THREADS=1 python benchmarks/fetch.py`` (the delay between requests is 0 here:
the server is local; the default, 1 s, would add 200 s to each full run).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from _common import write_result  # noqa: E402
from newssite import NewsSite, Route  # noqa: E402

from presslens.fetch.run import fetch  # noqa: E402
from presslens.settings import Settings  # noqa: E402
from presslens.store import open_store  # noqa: E402
from presslens.store.fetched import FetchLogRow  # noqa: E402
from presslens.store.schema import ArticleRow  # noqa: E402

GOOD = 180
FAILURES = {  # path prefix -> (how many, route or None for a 404)
    "/news/gone-": (4, None),
    "/news/down-": (3, Route(b"<html>busy</html>", status=503)),
    "/news/file-": (4, Route(b"%PDF-1.4", content_type="application/pdf")),
    "/news/huge-": (3, Route(b"<html><body>" + b"<p>word </p>" * 60_000 + b"</body></html>")),
    "/private/p-": (3, Route(b"<html><body>not for robots</body></html>")),
    "/news/blank-": (3, Route(b"<html><body><nav>Home</nav></body></html>")),
}
SETTINGS = Settings(fetch_delay=0.0, fetch_timeout=5.0, max_bytes=500_000)


def build_site() -> NewsSite:
    site = NewsSite(articles=GOOD)
    for prefix, (n, route) in FAILURES.items():
        for i in range(n):
            path = f"{prefix}{i}.html"
            if route is not None:
                site.routes[path] = route
            site.articles.append(path)
    site.publish()
    assert len(site.articles) == 200
    return site


def outcomes(db_url: str) -> tuple[Counter, int, int, int]:
    """(outcomes of page URLs, articles, distinct article URLs, page URLs without a reason when rejected)."""
    with open_store(db_url) as store, store.engine.connect() as conn:
        rows = conn.execute(select(FetchLogRow.outcome, FetchLogRow.reason).where(FetchLogRow.kind == "page")).all()
        articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar()
        distinct = conn.execute(select(func.count(func.distinct(ArticleRow.url)))).scalar()
    return Counter(o for o, _ in rows), articles, distinct, sum(1 for o, r in rows if o == "rejected" and not r)


def page_hits(site: NewsSite) -> int:
    return sum(site.hits[p] for p in site.articles)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="presslens-fetch-bench-"))
    with build_site() as site:
        url = site.url + "/sitemap.xml"
        db = f"sqlite:///{work / 'first.db'}"
        with open_store(db) as store:
            t = time.perf_counter()
            first = fetch(store, [url], settings=SETTINGS, techniques=True)
            first_s = time.perf_counter() - t
            hits_after_first = page_hits(site)
            down_after_first = sum(site.hits[p] for p in site.articles if p.startswith("/news/down-"))
            t = time.perf_counter()
            second = fetch(store, [url], settings=SETTINGS, techniques=True)
            second_s = time.perf_counter() - t
        counts, articles, distinct, no_reason = outcomes(db)
        reasons = Counter(re.sub(r" /\S+", " PATH", r.reason.split(":")[0]) for r in first.rejections)
        result = {
            "pages": len(site.articles),
            "first_run": {"seconds": round(first_s, 1), "stored": first.stored, "rejected": first.rejected,
                          "outcomes": dict(counts), "articles": articles, "rejections_without_reason": no_reason,
                          "rejection_reasons": dict(reasons), "page_requests": hits_after_first},
            "second_run": {"seconds": round(second_s, 2), "page_requests": page_hits(site) - hits_after_first,
                           "of_which_retries_of_503_pages": sum(site.hits[p] for p in site.articles
                                                                if p.startswith("/news/down-")) - down_after_first,
                           "stored": second.stored, "listings_not_modified": second.not_modified},
        }
        print(f"first run: {len(site.articles)} pages in {first_s:.1f} s (with analysis, techniques on): "
              f"{first.stored} stored, {first.rejected} rejected {dict(reasons)}; every page accounted for: "
              f"{sum(counts.values()) == len(site.articles)}")
        print(f"second run: {result['second_run']['page_requests']} page requests (retries of pages that answered "
              f"503: {result['second_run']['of_which_retries_of_503_pages']}), {second.stored} stored, "
              f"{second_s:.2f} s ({second.not_modified} listing answered 304)")

        # A run killed with SIGKILL, then resumed.
        db_path = work / "killed.db"
        env = {**os.environ, "PRESSLENS_FETCH_DELAY": "0", "PRESSLENS_MAX_BYTES": "500000", "OMP_NUM_THREADS": "1"}
        cmd = [sys.executable, "-m", "presslens", "fetch", url, "--db", f"sqlite:///{db_path}", "--no-techniques",
               "--no-stories"]
        before = Counter({p: site.hits[p] for p in site.articles})
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stored_at_kill = 0
        while proc.poll() is None:
            time.sleep(0.2)
            if db_path.exists():
                try:
                    stored_at_kill = outcomes(f"sqlite:///{db_path}")[1]
                except Exception:  # noqa: BLE001 - the database is still being created
                    continue
                if stored_at_kill >= 40:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait()
        killed_counts, killed_articles, _, _ = outcomes(f"sqlite:///{db_path}")
        resumed = subprocess.run(cmd, env=env, capture_output=True, text=True)
        counts2, articles2, distinct2, _ = outcomes(f"sqlite:///{db_path}")
        twice = sum(1 for p in site.articles if site.hits[p] - before[p] > 1)
        result["killed_run"] = {"articles_at_kill": killed_articles, "logged_at_kill": dict(killed_counts),
                                "resume_exit_code": resumed.returncode, "articles_after_resume": articles2,
                                "distinct_urls_after_resume": distinct2, "outcomes_after_resume": dict(counts2),
                                "pages_requested_twice": twice}
        print(f"killed run: {killed_articles} articles stored at SIGKILL; after resuming {articles2} articles "
              f"({distinct2} distinct URLs), {sum(counts2.values())} of {len(site.articles)} pages accounted for; "
              f"{twice} pages requested twice (the chunk in flight at the kill)")
    path = write_result("fetch", result)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
