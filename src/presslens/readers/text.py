"""Plain-text articles: the raw crawl form (seed) and PolNeAR's form.

Crawl form: an optional first line `` date YYYY-MM-DD ...``, the title line, then optional
header paragraphs (a dek/subtitle, a photo caption), then the body. PolNeAR form: title line,
blank line, body. The article text is the *whole* file so that offsets from annotations made
on the file line up; the recognised header parts are recorded as spans instead of cut away.
"""
from __future__ import annotations

import re
from pathlib import Path

from presslens.model import Article
from presslens.readers.decode import check_english, decode

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[^\n]*\n")
_CAPTION = re.compile(
    r"\((?:Photo|Image|Picture|Video|Credit)s?\b[^)]*\)\s*$|"
    r"\b(?:Photo|Photograph|Image)\s*(?:credit)?\s*:\s*[^\n]{0,80}$|"
    r"\b(?:AP|AFP|Reuters|Getty Images|EPA)(?: Photo)?(?:/[A-Z][\w. ]+)?\)?\s*$",
    re.IGNORECASE,
)
#: ``OUTLET_YYYY-MM-DD_slug.txt`` (PolNeAR's and the demo corpus's naming): outlet and date.
_NAMED = re.compile(r"^(?P<outlet>[a-z0-9][a-z0-9-]*)_(?P<date>\d{4}-\d{2}-\d{2})_")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Non-empty lines from ``start`` as (start, end) offsets, stripped of surrounding blanks."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        s, e = m.start() + start, m.end() + start
        chunk = text[s:e]
        if chunk.strip():
            s += len(chunk) - len(chunk.lstrip())
            e -= len(chunk) - len(chunk.rstrip())
            out.append((s, e))
    return out


def crawl_line(text: str) -> tuple[int, int] | None:
    """Offsets of the crawl header line (`` date 2019-04-30 Published on``) at the top, newline excluded."""
    m = _DATE_LINE.match(text)
    return (0, m.end() - 1) if m else None


def parse_header(text: str) -> tuple[str | None, str | None, int, list[tuple[str, int, int]]]:
    """Find date, title, dek and captions at the top of a plain-text article.

    Returns ``(date, title, body_start, header_spans)``. A dek is a short paragraph right after
    the title with no sentence-final punctuation (headline style); a caption is a paragraph
    that ends in a photo credit. Both are common in crawled pages and must not be read as body
    text whose quotes get attributed.
    """
    date = None
    pos = 0
    header: list[tuple[str, int, int]] = []
    m = _DATE_LINE.match(text)
    if m:
        date = m.group(1)
        header.append(("date", *crawl_line(text)))
        pos = m.end()
    paras = _paragraphs(text, pos)
    if not paras:
        return date, None, pos, header
    ts, te = paras[0]
    title = text[ts:te]
    header.append(("title", ts, te))
    body_start = te
    for s, e in paras[1:4]:
        chunk = text[s:e]
        if _CAPTION.search(chunk):
            header.append(("caption", s, e))
        elif len(chunk.split()) <= 45 and not _SENTENCE_END.search(chunk) and not header[-1][0] == "caption":
            header.append(("dek", s, e))
        else:
            break
        body_start = e
    return date, title, body_start, header


def read_text_file(path: Path) -> tuple[Article, str | None]:
    """Read one plain-text article; return it with a decoding warning if there was one.

    Outlet and date come from the header, else from a file name of the form
    ``OUTLET_YYYY-MM-DD_slug.txt``.
    """
    text, warning = decode(path.read_bytes())
    check_english(text)
    date, title, body_start, header = parse_header(text)
    named = _NAMED.match(path.stem)
    return Article(id=path.stem, text=text, source=str(path), title=title,
                   date=date or (named["date"] if named else None), outlet=named["outlet"] if named else None,
                   body_start=body_start, header=header), warning
