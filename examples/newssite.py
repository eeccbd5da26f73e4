"""A small invented news site served on 127.0.0.1: a feed, a sitemap, a home page and article pages.

Used by the fetch example (examples/fetch_and_analyse.py), the fetch tests and
benchmarks/fetch.py, so none of them ever contacts anything but this machine's loopback
address. Every article is written here from templates (invented outlet, people and events),
and pages can be made slow, broken, oversized, not HTML, missing or failing, to show how
``presslens fetch`` deals with each.

    with NewsSite(articles=12) as site:
        print(site.url + "/feed.xml")
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import format_datetime
from datetime import datetime, timezone
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIRST = ["Ana", "Tomas", "Leila", "Marcus", "Ines", "Victor", "Hana", "Oskar", "Priya", "Jonas", "Farah", "Emil"]
LAST = ["Ortiz", "Brandt", "Haddad", "Lindqvist", "Moreau", "Okafor", "Sato", "Novak", "Reyes", "Kowalski"]
ROLES = ["the mayor of Calder", "the head of the port authority", "a city council member", "the transport minister",
         "the leader of the dockworkers' union", "a spokesperson for the harbour police"]
TOPICS = [("ferry fares", "rise"), ("the harbour bridge", "close for repairs"), ("the fish market", "move"),
          ("night buses", "return"), ("the old lighthouse", "reopen"), ("river dredging", "start"),
          ("the tram depot", "expand"), ("school meals", "become free"), ("parking fees", "double"),
          ("the library budget", "shrink"), ("the marina", "be sold"), ("street lighting", "be replaced")]


@dataclass
class Route:
    """One response: status, body and headers, optionally slow, broken (cut short) or trickled."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    broken: bool = False
    trickle: float = 0.0


def article_date(i: int) -> str:
    """The invented publication day of article ``i`` (spread over March 2024)."""
    return f"2024-03-{1 + i % 28:02d}"


def article_html(i: int, outlet: str = "Calder Gazette") -> str:
    """Article ``i``: a headline, a dated byline and four paragraphs with a direct and a reported quote."""
    topic, change = TOPICS[i % len(TOPICS)]
    who = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}"
    other = f"{FIRST[(i + 5) % len(FIRST)]} {LAST[(i + 3) % len(LAST)]}"
    role = ROLES[i % len(ROLES)]
    n = 40 + (i * 37) % 900
    title = f"Plan for {topic} to {change} divides Calder ({n} residents object)"
    paras = [
        f"Calder officials confirmed on Monday that {topic} will {change} next month, a decision that "
        f"{n} residents have already opposed in a petition delivered to the town hall.",
        f'"We listened to every objection, and the numbers still leave us no choice," {who}, {role}, '
        f"told the {outlet} after a meeting in the council chamber on item {i}.",
        f"{other}, who organised the petition, said the council had ignored the people most affected "
        f"and that the group would take its case to the regional court.",
        f"The council will publish its full figures on {topic} before the vote on {article_date(i)}, "
        f"according to a statement from the town hall.",
    ]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta property="og:site_name" content="{escape(outlet)}">'
            f'<meta property="article:published_time" content="{article_date(i)}T08:00:00+00:00">'
            f'</head><body><nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>'
            f"<footer>© {escape(outlet)}</footer></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up on a slow page is expected here, not an error to print."""


class NewsSite:
    """The site: ``/robots.txt``, ``/`` (announcing ``/feed.xml``), ``/feed.xml``, ``/sitemap.xml``, ``/news/…``.

    ``routes`` can be changed while the site runs (add an article, break a page); ``hits``
    counts requests per path and ``user_agents`` records who asked.
    """

    def __init__(self, articles: int = 12, *, outlet: str = "Calder Gazette", first: int = 0,
                 disallow: tuple[str, ...] = ("/private/",)) -> None:
        """``articles`` pages numbered from ``first`` (two sites with different ``first`` tell different stories)."""
        self.outlet = outlet
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.conditional: Counter[str] = Counter()
        self.articles = [f"/news/{i:04d}-story.html" for i in range(first, first + articles)]
        for i, path in zip(range(first, first + articles), self.articles, strict=True):
            self.routes[path] = Route(article_html(i, outlet).encode("utf-8"))
        rules = "".join(f"Disallow: {p}\n" for p in disallow)
        self.routes["/robots.txt"] = Route(f"User-agent: *\n{rules}".encode(), content_type="text/plain")
        self.routes["/"] = Route(f'<!DOCTYPE html><html><head><title>{escape(outlet)}</title>'
                                 '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
                                 f"<body><h1>{escape(outlet)}</h1></body></html>".encode())
        #: (monotonic time, path) of every request, in arrival order.
        self.log: list[tuple[float, str]] = []
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.publish()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def publish(self, paths: list[str] | None = None) -> None:
        """(Re)write the feed and the sitemap to list ``paths`` (default: every article), with fresh ETags."""
        paths = self.articles if paths is None else paths
        items = "".join(
            f"<item><title>Story {escape(p)}</title><link>{self.url}{p}</link>"
            f"<pubDate>{format_datetime(datetime.fromisoformat(self._date(p)).replace(tzinfo=timezone.utc), usegmt=True)}"
            f"</pubDate></item>" for p in paths)
        feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(self.outlet)}</title>'
                f"<link>{self.url}/</link>{items}</channel></rss>").encode()
        urls = "".join(f"<url><loc>{self.url}{p}</loc><lastmod>{self._date(p)}</lastmod></url>" for p in paths)
        sitemap = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f"{urls}</urlset>").encode()
        for path, body, ctype in (("/feed.xml", feed, "application/rss+xml"), ("/sitemap.xml", sitemap, "application/xml")):
            self.routes[path] = Route(body, content_type=ctype, etag='"' + hashlib.sha256(body).hexdigest()[:16] + '"')

    def _date(self, path: str) -> str:
        digits = "".join(c for c in path if c.isdigit())
        return article_date(int(digits)) if digits else "2024-03-01"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.hits[self.path] += 1
                site.log.append((time.monotonic(), self.path))
                site.user_agents.add(self.headers.get("User-Agent", ""))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"<html><body>Not found</body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    site.conditional[self.path] += 1
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                declared = len(route.body) * (2 if route.broken else 1)
                self.send_header("Content-Length", str(declared))
                if route.broken:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if route.trickle:
                        for k in range(0, len(route.body), 64):
                            self.wfile.write(route.body[k:k + 64])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    return
                if route.broken:
                    self.close_connection = True

        return Handler

    def __enter__(self) -> NewsSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
