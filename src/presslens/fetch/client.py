"""Polite HTTP for ``presslens fetch``: robots.txt, a delay per host, size and time limits.

Why by hand on top of httpx rather than trafilatura's downloader: presslens must be able to say
for every URL why it was not stored (HTTP status, not HTML, too large, timed out, robots.txt
says no) and must send conditional requests (ETag / Last-Modified) for feeds and sitemaps;
trafilatura's ``fetch_url`` returns ``None`` for all of those alike and has no conditional
requests. Redirects are followed here hop by hop so that robots.txt is asked for every host a
redirect leads to.

One request is in flight at a time (the caller is sequential); before each request to a host
the client waits until ``fetch_delay`` seconds (or the host's robots.txt ``Crawl-delay``, if
longer) have passed since the last request to that host ended.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from presslens.settings import Settings, get_settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
#: robots.txt larger than this is read only up to it (Google reads 500 KiB).
ROBOTS_MAX_BYTES = 512_000


class FetchFailed(Exception):
    """A URL that gave no usable response; ``transient`` ones (timeouts, 5xx) may work later."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(slots=True)
class Response:
    """A 200 (with its body) or a 304 Not Modified (empty body)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the unit of politeness and of robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class PoliteClient:
    """Sequential HTTP GETs that honour robots.txt and a per-host delay, with limits on size and time."""

    def __init__(self, settings: Settings | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        s = settings or get_settings()
        self.delay = s.fetch_delay
        self.timeout = s.fetch_timeout
        self.user_agent = s.user_agent
        self.max_bytes = s.max_bytes
        self._client = httpx.Client(headers={"User-Agent": self.user_agent}, timeout=httpx.Timeout(self.timeout),
                                    follow_redirects=False, transport=transport)
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._robots_text: dict[str, str] = {}
        #: Requests sent (robots.txt included): what the benchmarks count.
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait(self, host: str) -> None:
        robots = self._robots.get(host)
        crawl_delay = robots.crawl_delay(self.user_agent) if isinstance(robots, RobotFileParser) else None
        delay = max(self.delay, float(crawl_delay or 0))
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _request(self, url: str, headers: dict[str, str], *, html_only: bool, max_bytes: int) -> Response | str:
        """One GET; returns the Response, or the Location of a redirect; raises FetchFailed."""
        host = origin(url)
        self._wait(host)
        deadline = time.monotonic() + self.timeout
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code in REDIRECTS and r.headers.get("location"):
                    return urljoin(url, r.headers["location"])
                ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
                meta = (r.headers.get("etag"), r.headers.get("last-modified"))
                if r.status_code == 304:
                    return Response(url, 304, b"", ctype, *meta)
                if r.status_code != 200:
                    phrase = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                    raise FetchFailed(phrase, transient=r.status_code >= 500 or r.status_code == 429)
                if html_only and ctype and ctype not in HTML_TYPES:
                    raise FetchFailed(f"not HTML (Content-Type {ctype})", transient=False)
                declared = r.headers.get("content-length", "")
                too_large = f"too large: more than {max_bytes:,} bytes (setting PRESSLENS_MAX_BYTES)"
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchFailed(too_large, transient=False)
                body = bytearray()
                for chunk in r.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchFailed(too_large, transient=False)
                    if time.monotonic() > deadline:
                        raise FetchFailed(f"timed out: the response took over {self.timeout:g} s", transient=True)
                return Response(str(r.url), 200, bytes(body), ctype, *meta)
        except httpx.TimeoutException:
            raise FetchFailed(f"timed out after {self.timeout:g} s", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchFailed(f"connection failed: {type(exc).__name__}: {exc}", transient=True) from None
        finally:
            self._last[host] = time.monotonic()

    def _robots_for(self, host: str) -> RobotFileParser | str:
        """The host's robots.txt rules, or the reason nothing may be fetched from it.

        As RFC 9309 says: a robots.txt that does not exist (4xx) allows everything; one that
        cannot be read (5xx, timeout) forbids everything for now.
        """
        if host in self._robots:
            return self._robots[host]
        parser = RobotFileParser(host + "/robots.txt")
        result: RobotFileParser | str = parser
        try:
            got = self._request(host + "/robots.txt", {}, html_only=False, max_bytes=ROBOTS_MAX_BYTES)
            text = got.content.decode("utf-8", "replace") if isinstance(got, Response) else ""
        except FetchFailed as exc:
            if exc.transient:
                result = f"robots.txt could not be read ({exc.reason}): not fetching from {host} for now"
            text = ""
        if isinstance(result, RobotFileParser):
            parser.parse(text.splitlines())
            self._robots_text[host] = text
        self._robots[host] = result
        return result

    def robots_txt(self, url: str) -> str:
        """The text of the robots.txt of a URL's host ("" when there is none)."""
        host = origin(url)
        self._robots_for(host)
        return self._robots_text.get(host, "")

    def get(self, url: str, *, html_only: bool = False, etag: str | None = None,
            last_modified: str | None = None, max_bytes: int | None = None) -> Response:
        """GET a URL politely (conditionally when validators are given); raise FetchFailed with the reason."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.max_bytes
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchFailed(f"not an http(s) URL: {url}", transient=False)
            robots = self._robots_for(origin(url))
            if isinstance(robots, str):
                raise FetchFailed(robots, transient=True)
            if not robots.can_fetch(self.user_agent, url):
                raise FetchFailed(f"robots.txt disallows {urlsplit(url).path or '/'} for presslens", transient=False)
            got = self._request(url, headers, html_only=html_only, max_bytes=limit)
            if isinstance(got, Response):
                return got
            url = got
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects", transient=False)
