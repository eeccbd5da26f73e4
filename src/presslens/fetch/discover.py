"""What a listing URL holds: a feed's or sitemap's article links (with their dates), or a home page's feeds.

trafilatura does the feed work: ``is_potential_feed`` tells a feed from a page,
``find_links`` reads the links of RSS, Atom and JSON feeds, ``determine_feed`` finds the feeds
a home page announces, ``extract_robots_sitemaps`` the sitemaps robots.txt names. Two things
are done here instead: (1) link checking — trafilatura's checks (courlan) drop every URL whose
host is an IP address, and news sites on an intranet or a test server on 127.0.0.1 have those;
here a link is kept when it is http(s) on the listing's own host and not the home page (a
feed's channel link), with the fragment removed;
(2) dates and sitemap locations — trafilatura returns links without the ``pubDate`` /
``updated`` / ``lastmod`` that ``--since`` needs, so feeds and sitemaps are also read with
lxml (entities off, no network) for each link's date.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed, find_links, is_potential_feed

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SITEMAP = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(urlset|sitemapindex)\b", re.DOTALL)
_DATE_TAGS = ("pubDate", "published", "updated", "lastmod", "date", "publication_date", "date_published")
_LINK_TAGS = ("link", "loc")
#: Cap on links read from one listing (a sitemap may hold 50,000).
MAX_LINKS = 50_000


@dataclass
class Listing:
    """What one listing gave: article links in listing order (with a date when it says one) and more listings."""

    kind: str
    links: dict[str, str | None] = field(default_factory=dict)
    listings: list[str] = field(default_factory=list)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def same_site_link(base: str, link: str) -> str | None:
    """An absolute http(s) URL on the listing's host without its fragment, else None."""
    link = link.strip()
    if not link:
        return None
    url = urldefrag(urljoin(base, link)).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _host(url) != _host(base):
        return None
    return url


def article_link(base: str, link: str) -> str | None:
    """A same-site link that can be an article: not the site's home page (a feed's channel link)."""
    url = same_site_link(base, link)
    return url if url is not None and urlsplit(url).path not in ("", "/") else None


def _iso_date(value: str | None) -> str | None:
    """A feed or sitemap date (ISO 8601 or RFC 822) as ``YYYY-MM-DD``, None when unreadable."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_DATE.match(value)
    if m:
        return m.group(0)
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _xml_entries(content: str) -> list[tuple[str, str, str | None]]:
    """``(element, link, date)`` for each RSS item, Atom entry, sitemap url and sitemap-index entry."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(content.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    out = []
    for el in root.iter():
        name = _local(el.tag)
        if name not in ("item", "entry", "url", "sitemap"):
            continue
        link = date = None
        for child in el.iter():
            cname = _local(child.tag)
            if link is None and cname in _LINK_TAGS and child is not el:
                rel = child.get("rel")
                if child.get("href") and rel in (None, "alternate"):
                    link = child.get("href")
                elif child.text and child.text.strip():
                    link = child.text.strip()
            elif date is None and cname in _DATE_TAGS and child.text:
                date = _iso_date(child.text)
        if link:
            out.append((name, link, date))
        if len(out) >= MAX_LINKS:
            break
    return out


def _json_feed_dates(content: str) -> dict[str, str | None]:
    try:
        items = json.loads(content).get("items", [])
    except (ValueError, AttributeError, RecursionError):
        return {}
    return {str(i.get("url") or i.get("id")): _iso_date(i.get("date_published") or i.get("date_modified"))
            for i in items if isinstance(i, dict) and (i.get("url") or i.get("id"))} if isinstance(items, list) else {}


def read_listing(url: str, content: str) -> Listing:
    """Classify a downloaded listing and read its links.

    A sitemap (``urlset``) gives article links with ``lastmod``; a sitemap index gives more
    sitemaps; a feed gives article links with their dates; an HTML page at a path ending in
    ``/`` (a home or section page) gives the feeds it announces. Any other HTML page is taken
    to be an article itself (kind ``page``), so ``presslens fetch URL`` also works for one
    article.
    """
    text = content.lstrip("\ufeff")
    if _SITEMAP.match(text):
        listing = Listing("sitemap")
        for name, link, date in _xml_entries(text):
            absolute = same_site_link(url, link) if name == "sitemap" else article_link(url, link)
            if absolute is None:
                continue
            if name == "sitemap":
                listing.listings.append(absolute)
            else:
                listing.links.setdefault(absolute, date)
        return listing
    if is_potential_feed(text) or text.startswith("{"):
        dates = {same_site_link(url, link): date for _, link, date in _xml_entries(text)} if text.startswith("<") \
            else {same_site_link(url, k): v for k, v in _json_feed_dates(text).items()}
        params = FeedParameters(url, _host(url), url)
        listing = Listing("feed")
        for link in find_links(text, params)[:MAX_LINKS]:
            absolute = article_link(url, link)
            if absolute is not None and absolute != url:
                listing.links.setdefault(absolute, dates.get(absolute))
        return listing
    if urlsplit(url).path in ("", "/") or urlsplit(url).path.endswith("/"):
        params = FeedParameters(url, _host(url), url)
        feeds = [f for f in (same_site_link(url, f) for f in determine_feed(text, params)) if f and f != url]
        return Listing("home", listings=feeds)
    return Listing("page", links={url: None})
