"""Saved HTML pages: main text and metadata through trafilatura, the date through htmldate.

The analysed text is what trafilatura extracts (boilerplate such as menus and footers gone),
laid out as title line, blank line, then one paragraph per line separated by blank lines —
the same shape as the plain-text form, so the same header logic and offsets apply. Offsets
therefore point into the extracted text (carried in the output as ``text``), not the HTML.
"""
from __future__ import annotations

import re
from pathlib import Path

import htmldate
import trafilatura

from presslens.model import Article
from presslens.readers.decode import InputError, check_english, decode
from presslens.readers.text import parse_header

#: Fewer words than this after boilerplate removal means there is no article on the page.
MIN_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")


def article_from_html(html: str, *, id: str, source: str, url: str | None = None) -> Article:
    """Extract an Article from one HTML document; raise InputError when it has no main text."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = (doc.text or "").strip() if doc is not None else ""
    words = len(_WORD.findall(body))
    if words < MIN_WORDS:
        raise InputError(f"no article text found in the HTML ({words} words extracted: broken or not an article page)")
    title = (doc.title or "").strip() or None
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paras and paras[0] == title:
        paras = paras[1:]
    text = ((title + "\n\n") if title else "") + "\n\n".join(paras) + "\n"
    check_english(text)
    date = doc.date or htmldate.find_date(html, extensive_search=False, outputformat="%Y-%m-%d")
    _, parsed_title, body_start, header = parse_header(text)
    return Article(id=id, text=text, source=source, title=title or parsed_title, date=date,
                   outlet=doc.sitename or doc.hostname, url=url or doc.url, author=doc.author,
                   body_start=body_start, header=header)


def read_html_file(path: Path) -> tuple[Article, str | None]:
    """Read one saved HTML page; return the Article and a decoding warning if any."""
    html, warning = decode(path.read_bytes())
    if "<" not in html:
        raise InputError("not HTML (no markup)")
    return article_from_html(html, id=path.stem, source=str(path)), warning
