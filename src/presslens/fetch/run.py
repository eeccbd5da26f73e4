"""``presslens fetch``: from feeds, sitemaps and home pages to stored, analysed articles.

The run, per URL given: download the listing (conditionally, with the ETag / Last-Modified of
the last run), read its links (following a home page's feeds, robots.txt's sitemaps and sitemap
indexes), drop the links the log says are settled (stored, a duplicate, rejected for good) and
those dated before ``--since``, then download, extract, analyse and store the rest in chunks.
Each chunk is one transaction holding the articles, their raw HTML and the log rows of its
URLs, so a killed run loses at most the chunk in flight and the next run redoes exactly that.
On Ctrl+C the pages already downloaded are analysed and stored before stopping.

Every failure becomes a rejection with its reason (``presslens rejections``) and the run goes
on; transient ones (timeouts, 5xx, a robots.txt that cannot be read) are retried by later runs
on the same site, even when the listing is unchanged, up to ``MAX_ATTEMPTS`` attempts in all,
each once its back-off has passed (``fetch_retry_after``, doubled per failure): an immediate
re-run requests nothing, and ``--watch`` does not hammer a site that is down.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from trafilatura.sitemaps import extract_robots_sitemaps

from presslens.fetch.client import FetchFailed, PoliteClient, Response, origin
from presslens.fetch.discover import Listing, read_listing
from presslens.model import Analysis, Article, Rejection
from presslens.settings import Settings, get_settings
from presslens.store import fetched
from presslens.store.repository import Store

#: Pages per committed chunk: small, so that Ctrl+C or a kill loses little work.
CHUNK = 8
#: Listings (feeds, sitemaps) read at most per URL given, against sitemap-index loops and floods.
MAX_LISTINGS = 50


@dataclass
class FetchReport:
    """What one run did; every link is counted once in exactly one of the outcome fields."""

    listings: int = 0
    listings_failed: int = 0
    not_modified: int = 0
    links: int = 0
    known: int = 0
    too_old: int = 0
    beyond_max: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    too_old_after_download: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    interrupted: bool = False

    @property
    def fetched(self) -> int:
        """Article pages requested in this run."""
        return self.stored + self.duplicates + self.rejected + self.too_old_after_download


@dataclass
class _Page:
    url: str
    response: Response | None = None
    failure: FetchFailed | None = None


class Fetcher:
    """One fetch run's state: the store, the polite client and (built on first use) the analyzer."""

    def __init__(self, store: Store, *, settings: Settings | None = None, techniques: bool = True,
                 client: PoliteClient | None = None,
                 on_page: Callable[[str, str], None] | None = None) -> None:
        self.store = store
        self.settings = settings or get_settings()
        self.techniques = techniques
        self.client = client or PoliteClient(self.settings)
        self.on_page = on_page or (lambda url, outcome: None)
        self._analyzer = None
        #: Article pages given directly as URLs: downloaded once, as a listing, and kept for the page step.
        self._prefetched: dict[str, Response] = {}

    def close(self) -> None:
        self.client.close()

    # -- listings --------------------------------------------------------------------------
    def _listing(self, url: str, report: FetchReport, done: list[fetched.LogEntry]) -> Listing | None:
        """Download and read one listing; None when it is unchanged or failed (failure recorded)."""
        with self.store.engine.connect() as conn:
            etag, modified = fetched.validators(conn, url)
        try:
            got = self.client.get(url, etag=etag, last_modified=modified)
        except FetchFailed as exc:
            self._reject_listing(url, exc, report)
            return None
        report.listings += 1
        if got.status == 304:
            report.not_modified += 1
            return None
        text = got.content.decode("utf-8", "replace")
        listing = read_listing(got.url, text)
        if listing.kind == "home" and not listing.listings:
            robots = extract_robots_sitemaps(self.client.robots_txt(url), origin(url))
            listing.listings = robots or [origin(url) + "/sitemap.xml"]
        if listing.kind == "page":
            # An article URL given directly: its response is the page itself, not requested twice.
            self._prefetched[got.url] = got
        else:
            done.append(fetched.LogEntry(url, "listing", "listed", etag=got.etag, last_modified=got.last_modified))
        return listing

    def _reject_listing(self, url: str, exc: FetchFailed, report: FetchReport) -> None:
        rej = Rejection(url, f"listing: {exc.reason}")
        report.rejections.append(rej)
        report.listings_failed += 1
        self.store.save([rej], extra=lambda conn: fetched.record(
            conn, [fetched.LogEntry(url, "listing", "rejected", reason=exc.reason, transient=exc.transient)]))

    def discover(self, url: str, report: FetchReport) -> tuple[dict[str, str | None], list[fetched.LogEntry]]:
        """Every article link reachable from one URL given, with date hints, and the listings' log entries."""
        links: dict[str, str | None] = {}
        done: list[fetched.LogEntry] = []
        with self.store.engine.connect() as conn:
            if fetched.settled(fetched.known(conn, [url]).get(url), self.settings.fetch_retry_after):
                return {url: None}, done  # an article page given directly and already done
        queue, seen = [url], set()
        while queue and len(seen) < MAX_LISTINGS:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            listing = self._listing(current, report, done)
            if listing is None:
                continue
            for link, date in listing.links.items():
                links.setdefault(link, date)
            queue.extend(x for x in listing.listings if x not in seen)
        return links, done

    # -- pages -----------------------------------------------------------------------------
    def _analyze(self, items: list[tuple[Article, str | None] | Rejection]) -> list[Analysis | Rejection]:
        from presslens.analysis.analyze import Analyzer
        from presslens.runners.local import analyze_chunk

        if not any(not isinstance(i, Rejection) for i in items):
            return list(items)
        if self._analyzer is None:
            self._analyzer = Analyzer(self.settings, techniques=self.techniques)
        return analyze_chunk(self._analyzer, items)

    def _commit(self, pages: list[_Page], since: str | None, report: FetchReport) -> None:
        """Extract, analyse and store one chunk of downloaded pages, with their log rows, in one transaction."""
        from presslens.readers.decode import InputError, decode
        from presslens.readers.html import article_from_html

        items: list[tuple[Article, str | None] | Rejection] = []
        entries: list[fetched.LogEntry] = []
        for page in pages:
            if page.failure is not None:
                items.append(Rejection(page.url, page.failure.reason))
                entries.append(fetched.LogEntry(page.url, "page", "rejected", reason=page.failure.reason,
                                                transient=page.failure.transient))
                continue
            got = page.response
            assert got is not None
            try:
                html, warning = decode(got.content)
                if "<" not in html:
                    raise InputError("not HTML (no markup)")
                article = article_from_html(html, id=page.url, source=page.url, url=page.url)
            except InputError as exc:
                items.append(Rejection(page.url, str(exc)))
                entries.append(fetched.LogEntry(page.url, "page", "rejected", reason=str(exc)))
                continue
            if since and article.date and article.date < since:
                entries.append(fetched.LogEntry(page.url, "page", "old", reason=f"dated {article.date}"))
                continue
            items.append((article, warning))
            entries.append(fetched.LogEntry(page.url, "page", "stored", content_hash=article.hash, html=got.content,
                                            content_type=got.content_type))
        # A text already stored (from another URL or an earlier ingest), or twice in this chunk,
        # is a duplicate: the store skips it, the log says so.
        already = self.store.stored_hashes([e.content_hash for e in entries if e.content_hash])
        for e in entries:
            if e.content_hash is not None:
                if e.content_hash in already:
                    e.outcome = "duplicate"
                already.add(e.content_hash)
        results = self._analyze(items)
        saved = self.store.save(results, extra=lambda conn: fetched.record(conn, entries))
        report.stored += saved.stored
        report.duplicates += saved.skipped
        report.rejected += saved.rejected
        report.rejections.extend(r for r in results if isinstance(r, Rejection))
        report.too_old_after_download += sum(1 for e in entries if e.outcome == "old")
        for e in entries:
            self.on_page(e.url, e.outcome)

    def run(self, urls: Sequence[str], *, since: str | None = None, max_new: int | None = None) -> FetchReport:
        """Fetch what is new under each URL; see the module docstring."""
        report = FetchReport()
        budget = max_new
        for url in urls:
            links, listing_entries = self.discover(url, report)
            with self.store.engine.connect() as conn:
                for retry in fetched.retries(conn, origin(url), self.settings.fetch_retry_after):
                    links.setdefault(retry, None)
            todo = self._todo(links, since, report)
            complete = True
            if budget is not None:
                if len(todo) > budget:
                    report.beyond_max += len(todo) - budget
                    todo, complete = todo[:budget], False
                budget -= len(todo)
            self._fetch_pages(todo, since, report)
            if report.interrupted:
                return report
            if complete and listing_entries:
                # Only now: a killed run must not get a 304 for a listing whose links it had not done.
                self.store.save([], extra=lambda conn, e=listing_entries: fetched.record(conn, e))
        return report

    def _todo(self, links: dict[str, str | None], since: str | None, report: FetchReport) -> list[str]:
        report.links += len(links)
        with self.store.engine.connect() as conn:
            log = fetched.known(conn, list(links))
        todo = []
        for link, date in links.items():
            if fetched.settled(log.get(link), self.settings.fetch_retry_after):
                report.known += 1
            elif since and date and date < since:
                report.too_old += 1
            else:
                todo.append(link)
        return todo

    def _fetch_pages(self, todo: list[str], since: str | None, report: FetchReport) -> None:
        pending: list[_Page] = []
        try:
            for link in todo:
                page = _Page(link)
                try:
                    page.response = self._prefetched.pop(link, None) or self.client.get(link, html_only=True)
                except FetchFailed as exc:
                    page.failure = exc
                pending.append(page)
                if len(pending) >= CHUNK:
                    chunk, pending = pending, []
                    self._commit(chunk, since, report)
        except KeyboardInterrupt:
            report.interrupted = True
        if pending:
            self._commit(pending, since, report)


def fetch(store: Store, urls: Sequence[str], *, since: str | None = None, max_new: int | None = None,
          settings: Settings | None = None, techniques: bool = True, stories: bool = True,
          on_page: Callable[[str, str], None] | None = None) -> FetchReport:
    """Fetch, analyse and store what is new under ``urls``; then group new articles into stories."""
    fetcher = Fetcher(store, settings=settings, techniques=techniques, on_page=on_page)
    try:
        report = fetcher.run(urls, since=since, max_new=max_new)
    finally:
        fetcher.close()
    if stories and report.stored and not report.interrupted:
        from presslens.store.stories import update_stories
        from presslens.stories.grouping import GroupingConfig

        update_stories(store, grouping=GroupingConfig.from_settings(settings or get_settings()))
    return report

