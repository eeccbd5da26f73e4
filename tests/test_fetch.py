"""``presslens fetch`` against an invented news site that the test serves on 127.0.0.1 (nothing else is contacted).

The site (examples/newssite.py) has a home page announcing an RSS feed, a sitemap, robots.txt
and article pages; tests break pages on purpose (404, 500, slow, trickled, cut short, not HTML,
too large, disallowed) and check that each becomes a rejection with its reason while the rest
is stored, that a re-run requests nothing already done, and that killed or interrupted runs
lose nothing and double nothing.
"""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from presslens.cli import app
from presslens.fetch.client import PoliteClient
from presslens.fetch.discover import read_listing
from presslens.fetch.run import fetch
from presslens.settings import Settings
from presslens.store import open_store
from presslens.store.fetched import ArticleHtmlRow, FetchLogRow, raw_html
from presslens.store.schema import ArticleRow, RejectionRow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from newssite import NewsSite, Route  # noqa: E402

FAST = Settings(fetch_delay=0.0, fetch_timeout=1.0, max_bytes=200_000)


def broken_site(articles: int = 6) -> NewsSite:
    """A site whose feed lists good articles and one page for each kind of failure."""
    site = NewsSite(articles=articles)
    bad = {
        "/news/missing.html": None,
        "/news/failing.html": Route(b"<html>oops</html>", status=503),
        "/private/secret.html": Route(b"<html><body>never fetched</body></html>"),
        "/news/report.pdf.html": Route(b"%PDF-1.4 not a page", content_type="application/pdf"),
        "/news/huge.html": Route(b"<html><body>" + b"<p>word </p>" * 30_000 + b"</body></html>"),
        "/news/slow.html": Route(b"<html><body>late</body></html>", delay=2.5),
        "/news/trickle.html": Route(b"<html><body>" + b"x" * 2000 + b"</body></html>", trickle=0.1),
        "/news/cut.html": Route(b"<html><body>" + b"half a page " * 40, broken=True),
        "/news/empty.html": Route(b"<html><body><nav>Home</nav></body></html>"),
    }
    for path, route in bad.items():
        if route is not None:
            site.routes[path] = route
        site.articles.append(path)
    site.publish()
    return site


REASONS = {
    "/news/missing.html": "HTTP 404 Not Found",
    "/news/failing.html": "HTTP 503 Service Unavailable",
    "/private/secret.html": "robots.txt disallows /private/secret.html",
    "/news/report.pdf.html": "not HTML (Content-Type application/pdf)",
    "/news/huge.html": "too large: more than 200,000 bytes",
    "/news/slow.html": "timed out",
    "/news/trickle.html": "timed out",
    "/news/cut.html": "connection failed",
    "/news/empty.html": "no article text found",
}


def test_feed_from_home_page_stores_articles_and_rejects_each_failure(store_url: str) -> None:
    with broken_site() as site, open_store(store_url) as store:
        report = fetch(store, [site.url + "/"], settings=FAST, techniques=False, stories=False)
        assert (report.stored, report.rejected) == (6, len(REASONS))
        assert {r.input.removeprefix(site.url): r.reason for r in report.rejections}.keys() == REASONS.keys()
        for rej in report.rejections:
            assert REASONS[rej.input.removeprefix(site.url)] in rej.reason
        assert site.hits["/private/secret.html"] == 0
        assert site.user_agents == {FAST.user_agent} and "presslens" in FAST.user_agent
        with store.engine.connect() as conn:
            stored = conn.execute(select(ArticleRow.id, ArticleRow.url, ArticleRow.outlet, ArticleRow.date)).all()
            assert {u.removeprefix(site.url) for _, u, _, _ in stored} == set(site.articles[:6])
            assert {o for _, _, o, _ in stored} == {"Calder Gazette"}
            for pk, url, _, _ in stored:
                assert raw_html(conn, pk) == (url, site.routes[url.removeprefix(site.url)].body)
            assert conn.execute(select(func.count()).select_from(RejectionRow)).scalar() == len(REASONS)
            log = dict(conn.execute(select(FetchLogRow.url, FetchLogRow.outcome)).all())
        assert log[site.url + "/feed.xml"] == "listed"
        assert sorted(log.values()).count("stored") == 6


def test_rerun_requests_nothing_done_and_asks_listings_conditionally(tmp_path: Path) -> None:
    with NewsSite(articles=5) as site, open_store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        first = fetch(store, [site.url + "/feed.xml", site.url + "/sitemap.xml"], settings=FAST, techniques=False,
                      stories=False)
        assert (first.stored, first.rejected, first.known) == (5, 0, 5)  # the sitemap lists the same 5
        before = site.hits.copy()
        again = fetch(store, [site.url + "/feed.xml", site.url + "/sitemap.xml"], settings=FAST, techniques=False,
                      stories=False)
        assert (again.fetched, again.not_modified) == (0, 2)
        assert site.conditional == {"/feed.xml": 1, "/sitemap.xml": 1}
        assert {p: n - before[p] for p, n in site.hits.items() if n != before[p]} == {
            "/robots.txt": 1, "/feed.xml": 1, "/sitemap.xml": 1}
        # A new article: only it is requested.
        site.articles.append("/news/0099-story.html")
        site.routes["/news/0099-story.html"] = Route(site.routes["/news/0001-story.html"].body.replace(b"Plan", b"Vote"))
        site.publish()
        third = fetch(store, [site.url + "/feed.xml"], settings=FAST, techniques=False, stories=False)
        assert (third.stored, third.known, third.fetched) == (1, 5, 1)
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(ArticleRow)).scalar() == 6
            assert conn.execute(select(func.count()).select_from(ArticleHtmlRow)).scalar() == 6


def test_transient_failures_are_retried_even_when_the_feed_is_unchanged(tmp_path: Path) -> None:
    with NewsSite(articles=3) as site, open_store(f"sqlite:///{tmp_path / 'r.db'}") as store:
        flaky, down = site.articles[1], site.articles[2]
        site.routes[flaky].status = 503
        site.routes[down].status = 502
        first = fetch(store, [site.url + "/feed.xml"], settings=FAST, techniques=False, stories=False)
        assert (first.stored, first.rejected) == (1, 2)
        site.routes[flaky].status = 200
        # An immediate re-run requests nothing: the failed pages wait out their back-off.
        again = fetch(store, [site.url + "/feed.xml"], settings=FAST, techniques=False, stories=False)
        assert (again.stored, again.rejected, site.hits[flaky], site.hits[down]) == (0, 0, 1, 1)

        def back_off_passed() -> None:  # as if the back-off (doubled per attempt) had run out
            with store.engine.begin() as conn:
                for pk, at in conn.execute(select(FetchLogRow.id, FetchLogRow.fetched_at)).all():
                    conn.execute(update(FetchLogRow).where(FetchLogRow.id == pk).values(fetched_at=at - timedelta(days=1)))

        runs = []
        for _ in range(3):
            back_off_passed()
            runs.append(fetch(store, [site.url + "/feed.xml"], settings=FAST, techniques=False, stories=False))
        assert [r.not_modified for r in runs] == [1, 1, 1]
        assert [(r.stored, r.rejected) for r in runs] == [(1, 1), (0, 1), (0, 0)]
        assert (site.hits[flaky], site.hits[down], site.hits[site.articles[0]]) == (2, 3, 1)
        with store.engine.connect() as conn:
            row = conn.execute(select(FetchLogRow.outcome, FetchLogRow.attempts, FetchLogRow.reason)
                               .where(FetchLogRow.url == site.url + down)).one()
        assert tuple(row) == ("rejected", 3, "HTTP 502 Bad Gateway")


def test_sitemap_since_and_max(tmp_path: Path) -> None:
    with NewsSite(articles=30) as site, open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = fetch(store, [site.url + "/sitemap.xml"], since="2024-03-20", max_new=4, settings=FAST,
                       techniques=False, stories=False)
        # Articles 19..27 are dated 20-28 March: 9 qualify, 4 fetched now, 5 left for later.
        assert (report.too_old, report.stored, report.beyond_max) == (21, 4, 5)
        assert all(p.startswith("/news/00") and int(p[6:10]) >= 19 for p in site.hits if p.startswith("/news/"))
        rest = fetch(store, [site.url + "/sitemap.xml"], since="2024-03-20", settings=FAST, techniques=False,
                     stories=False)
        assert (rest.stored, rest.known) == (5, 4)
        with store.engine.connect() as conn:
            dates = sorted(conn.scalars(select(ArticleRow.date)))
        assert len(dates) == 9 and dates[0] >= "2024-03-20"


def test_one_request_at_a_time_with_the_delay_per_host() -> None:
    with NewsSite(articles=3) as site, PoliteClient(Settings(fetch_delay=0.3, fetch_timeout=2.0)) as client:
        for path in site.articles:
            client.get(site.url + path, html_only=True)
        times = [t for t, _ in site.log]
        assert [p for _, p in site.log] == ["/robots.txt", *site.articles]
        assert all(b - a >= 0.29 for a, b in zip(times, times[1:]))


def test_listings_are_recognised() -> None:
    base = "http://127.0.0.1:9"
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f'<link rel="self" href="{base}/atom.xml"/><entry><title>a</title><link href="{base}/a/one"/>'
            "<updated>2024-03-02T10:00:00Z</updated></entry>"
            '<entry><title>b</title><link href="https://elsewhere.example/b"/></entry></feed>')
    assert read_listing(base + "/atom.xml", atom).links == {f"{base}/a/one": "2024-03-02"}
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{base}/sitemap-1.xml</loc></sitemap></sitemapindex>")
    assert read_listing(base + "/sitemap.xml", index).listings == [f"{base}/sitemap-1.xml"]
    json_feed = '{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "/j/1", "date_published": "2024-03-05T00:00:00Z"}]}'
    assert read_listing(base + "/feed.json", json_feed).links == {f"{base}/j/1": "2024-03-05"}
    page = "<html><body><p>An article page, not a listing.</p></body></html>"
    assert read_listing(base + "/news/story.html", page).kind == "page"


def _count(db: Path) -> tuple[int, int, int]:
    with open_store(f"sqlite:///{db}") as store, store.engine.connect() as conn:
        articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar()
        distinct = conn.execute(select(func.count(func.distinct(ArticleRow.url)))).scalar()
        logged = conn.execute(select(func.count()).select_from(FetchLogRow).where(FetchLogRow.outcome == "stored")).scalar()
    return articles, distinct, logged


def _start(site: NewsSite, db: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PRESSLENS_FETCH_DELAY": "0", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "presslens", "fetch", site.url + "/feed.xml", "--db", f"sqlite:///{db}",
                             "--no-techniques", "--no-stories", *extra],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_articles(db: Path, proc: subprocess.Popen, n: int, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        if db.exists():
            try:
                if _count(db)[0] >= n:
                    return
            except Exception:  # noqa: BLE001 - the database may still be being created
                pass
        time.sleep(0.3)
    raise AssertionError(f"fewer than {n} articles stored in {timeout} s")


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_killed_or_interrupted_run_resumes_with_nothing_lost_or_doubled(tmp_path: Path, stop: signal.Signals) -> None:
    with NewsSite(articles=40) as site:
        for path in site.articles:
            site.routes[path].delay = 0.15
        db = tmp_path / "k.db"
        proc = _start(site, db, *(["--watch", "--every", "1h"] if stop == signal.SIGINT else []))
        _wait_for_articles(db, proc, 8)
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=120)
        if stop == signal.SIGINT:
            assert proc.returncode == 130 and "every page fetched so far is stored" in err
        articles, distinct, logged = _count(db)
        assert 8 <= articles < 40 and articles == distinct == logged
        rerun = _start(site, db)
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert _count(db) == (40, 40, 40)
        assert max(site.hits[p] for p in site.articles) <= 2


def test_a_listing_that_fails_is_a_rejection_and_the_rest_goes_on(tmp_path: Path) -> None:
    with NewsSite(articles=2) as site, open_store(f"sqlite:///{tmp_path / 'l.db'}") as store:
        report = fetch(store, ["notaurl", site.url + "/missing-feed.xml", site.url + "/feed.xml"], settings=FAST,
                       techniques=False, stories=False)
        assert (report.listings_failed, report.stored) == (2, 2)
        assert [r.reason for r in report.rejections] == ["listing: not an http(s) URL: notaurl",
                                                         "listing: HTTP 404 Not Found"]


def test_cli_rejects_bad_options_before_any_work(tmp_path: Path) -> None:
    runner = CliRunner()
    for args in (["--every", "soon"], ["--since", "last week"]):
        result = runner.invoke(app, ["fetch", "http://127.0.0.1:9/feed.xml", "--db", f"sqlite:///{tmp_path}/x.db",
                                     *args])
        assert result.exit_code == 2 and not (tmp_path / "x.db").exists()


def test_article_url_given_directly_is_requested_once_and_kept_as_gzip(tmp_path: Path) -> None:
    with NewsSite(articles=1) as site, open_store(f"sqlite:///{tmp_path / 'g.db'}") as store:
        first = fetch(store, [site.url + site.articles[0]], settings=FAST, techniques=False, stories=False)
        again = fetch(store, [site.url + site.articles[0]], settings=FAST, techniques=False, stories=False)
        assert (first.stored, again.stored, again.known, site.hits[site.articles[0]]) == (1, 0, 1, 1)
        with store.engine.connect() as conn:
            blob = conn.execute(select(ArticleHtmlRow.html_gz)).scalar_one()
    assert gzip.decompress(blob) == site.routes[site.articles[0]].body and len(blob) < len(gzip.decompress(blob))
