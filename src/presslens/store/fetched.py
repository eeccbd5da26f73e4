"""What ``presslens fetch`` remembers: every URL it dealt with, and the raw HTML of stored articles.

Why a log of URLs rather than only the articles' content hashes: a re-run must not even
request a page it has already stored or rejected for good (politeness, and speed), which the
hash of the page's text cannot tell before downloading it. Each log row is written in the same
transaction as the article it produced (``Store.save(..., extra=...)``), so a run killed at
any point leaves no URL marked done without its article, and no article without its URL.

Listings (feeds, sitemaps, home pages) keep their ETag and Last-Modified for conditional
requests; they are written only after every link the listing gave was dealt with, so a killed
run never gets a "304 Not Modified" that would hide links it had not fetched yet.

The raw HTML is kept gzip-compressed, one row per stored article (the first URL that gave the
text), for provenance: what exactly was downloaded, from where and when.
"""
from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import (Boolean, Connection, DateTime, ForeignKey, Integer, LargeBinary, String, Text, func, insert,
                        select, update)
from sqlalchemy.orm import Mapped, mapped_column

from presslens.store.schema import Base, utcnow

#: Outcomes that end a URL's story: it is never requested again.
DONE = ("stored", "duplicate", "old")
#: Transient failures (timeouts, 5xx) are retried on later runs up to this many attempts in all,
#: each after a back-off (``Settings.fetch_retry_after``, doubled per failed attempt).
MAX_ATTEMPTS = 3

#: A logged URL: (outcome, transient, attempts, when it was last requested).
Logged = tuple[str, bool, int, datetime]


class FetchLogRow(Base):
    """One URL ``presslens fetch`` requested: a listing (feed, sitemap, home page) or an article page.

    ``outcome``: ``listed`` (a listing whose links were all dealt with), ``stored``,
    ``duplicate`` (its text was already stored, from another URL or input), ``old`` (dated
    before ``--since``), ``rejected`` (with ``reason``; ``transient`` ones are retried).
    """

    __tablename__ = "fetch_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    transient: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    article_pk: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class ArticleHtmlRow(Base):
    """The raw HTML (gzip) a fetched article was extracted from, with its URL and download time."""

    __tablename__ = "article_html"

    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    content_type: Mapped[str | None] = mapped_column(Text)
    html_gz: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


@dataclass(slots=True)
class LogEntry:
    """A URL's outcome to record (``html``/``content_hash`` for pages whose article was stored)."""

    url: str
    kind: str
    outcome: str
    reason: str | None = None
    transient: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    html: bytes | None = None
    content_type: str | None = None


def known(conn: Connection, urls: list[str]) -> dict[str, Logged]:
    """``url -> (outcome, transient, attempts, last requested)`` for the URLs already in the log."""
    out: dict[str, Logged] = {}
    for i in range(0, len(urls), 500):
        part = urls[i : i + 500]
        for url, outcome, transient, attempts, at in conn.execute(
                select(FetchLogRow.url, FetchLogRow.outcome, FetchLogRow.transient, FetchLogRow.attempts,
                       FetchLogRow.fetched_at).where(FetchLogRow.url.in_(part))):
            out[url] = (outcome, transient, attempts, at)
    return out


def _due(attempts: int, at: datetime, retry_after: float) -> bool:
    """A transient failure may be requested again once its back-off has passed."""
    if at.tzinfo is None:  # SQLite gives naive datetimes back; they were written in UTC
        at = at.replace(tzinfo=timezone.utc)
    return utcnow() >= at + timedelta(seconds=retry_after * 2 ** (attempts - 1))


def settled(entry: Logged | None, retry_after: float) -> bool:
    """True when a logged URL needs no request now: done, rejected for good, out of retries, or a
    transient failure whose back-off (``retry_after`` seconds, doubled per attempt) has not passed."""
    if entry is None:
        return False
    outcome, transient, attempts, at = entry
    if outcome in DONE:
        return True
    if outcome != "rejected":
        return False
    return not transient or attempts >= MAX_ATTEMPTS or not _due(attempts, at, retry_after)


def retries(conn: Connection, site: str, retry_after: float) -> list[str]:
    """Pages under ``site`` (``scheme://host``) that failed transiently, have attempts left and are due.

    They are retried even when their listing has not changed (it answers 304), so a page that
    was down once is not lost.
    """
    prefix = site.rstrip("/") + "/"
    rows = conn.execute(
        select(FetchLogRow.url, FetchLogRow.attempts, FetchLogRow.fetched_at)
        .where(FetchLogRow.kind == "page", FetchLogRow.outcome == "rejected",
               FetchLogRow.transient.is_(True), FetchLogRow.attempts < MAX_ATTEMPTS,
               func.substr(FetchLogRow.url, 1, len(prefix)) == prefix)
        .order_by(FetchLogRow.id))
    return [url for url, attempts, at in rows if _due(attempts, at, retry_after)]


def validators(conn: Connection, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified stored for a listing, for a conditional request."""
    row = conn.execute(select(FetchLogRow.etag, FetchLogRow.last_modified).where(FetchLogRow.url == url)).first()
    return (row[0], row[1]) if row else (None, None)


def record(conn: Connection, entries: Iterable[LogEntry]) -> None:
    """Write log rows (and raw HTML of newly stored articles) inside the caller's transaction."""
    from presslens.store.schema import ArticleRow

    entries = list(entries)
    hashes = [e.content_hash for e in entries if e.content_hash]
    pks = {h: pk for h, pk in conn.execute(select(ArticleRow.hash, ArticleRow.id).where(ArticleRow.hash.in_(hashes)))}
    with_html = set(conn.scalars(select(ArticleHtmlRow.article_pk).where(ArticleHtmlRow.article_pk.in_(list(pks.values())))))
    now = utcnow()
    for e in entries:
        pk = pks.get(e.content_hash) if e.content_hash else None
        if pk is not None and e.html is not None and pk not in with_html:
            conn.execute(insert(ArticleHtmlRow).values(article_pk=pk, url=e.url, content_type=e.content_type,
                                                       html_gz=gzip.compress(e.html, mtime=0), fetched_at=now))
            with_html.add(pk)
        values = {"kind": e.kind, "outcome": e.outcome, "reason": e.reason, "transient": e.transient,
                  "etag": e.etag, "last_modified": e.last_modified, "article_pk": pk, "fetched_at": now}
        existing = conn.execute(select(FetchLogRow.id).where(FetchLogRow.url == e.url)).scalar()
        if existing is None:
            conn.execute(insert(FetchLogRow).values(url=e.url, attempts=1, **values))
        else:
            conn.execute(update(FetchLogRow).where(FetchLogRow.id == existing)
                         .values(attempts=FetchLogRow.attempts + 1, **values))


def raw_html(conn: Connection, article_pk: int) -> tuple[str, bytes] | None:
    """``(url, html bytes)`` an article was fetched from, or None for articles that were not fetched."""
    row = conn.execute(select(ArticleHtmlRow.url, ArticleHtmlRow.html_gz)
                       .where(ArticleHtmlRow.article_pk == article_pk)).first()
    return (row[0], gzip.decompress(row[1])) if row else None
