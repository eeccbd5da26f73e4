"""JSONL and CSV corpora (exports of Media Cloud, GDELT-style pipelines, scrapers, ...).

Each record has fields ``id, url, outlet, date, title, text`` (or ``html`` for a page to
extract); other column names are mapped with ``--field text=body`` style options. A malformed
line or row becomes a Rejection naming ``file:line`` and the rest of the file goes on.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from presslens.model import Article, Rejection
from presslens.readers.decode import InputError, check_english, check_size, decode
from presslens.readers.text import parse_header
from presslens.settings import get_settings

FIELDS = ("id", "url", "outlet", "date", "title", "text", "html")


def _record_to_article(rec: Mapping[str, object], fields: Mapping[str, str], where: str, fallback_id: str) -> Article:
    def get(name: str) -> str | None:
        value = rec.get(fields.get(name, name))
        if value is None or value == "":
            return None
        return str(value)

    rid = get("id") or fallback_id
    html = get("html")
    text = get("text")
    check_size(text or html or "")
    if text is None and html is not None:
        from presslens.readers.html import article_from_html  # trafilatura: imported only for HTML (start-up)

        art = article_from_html(html, id=rid, source=where, url=get("url"))
        art.outlet = get("outlet") or art.outlet
        art.date = get("date") or art.date
        return art
    if text is None or not text.strip():
        raise InputError(f"no '{fields.get('text', 'text')}' field with text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_english(text)
    title = get("title")
    if title:
        body_start, header = 0, []
        if text.startswith(title):
            _, _, body_start, header = parse_header(text)
    else:
        _, title, body_start, header = parse_header(text)
    return Article(id=rid, text=text, source=where, title=title, date=get("date"), outlet=get("outlet"),
                   url=get("url"), author=get("author"), body_start=body_start, header=header)


def read_jsonl(path: Path, fields: Mapping[str, str]) -> Iterator[Article | Rejection]:
    """One article per JSON line, streamed; malformed lines are rejected individually.

    The file is read line by line, never whole, so a corpus export of gigabytes costs the
    memory of one record. Lines are UTF-8 as JSON requires; a line that is not is decoded by
    charset detection, like a stand-alone file.
    """
    limit = get_settings().max_table_bytes
    size = path.stat().st_size
    if size == 0 or size > limit:
        yield Rejection(str(path), "empty input" if size == 0 else
                        f"too large: {size:,} bytes (limit {limit:,}, setting PRESSLENS_MAX_TABLE_BYTES)")
        return
    with path.open("rb") as f:
        if b"\x00" in f.read(8192):
            yield Rejection(str(path), "binary data (NUL bytes), not text")
            return
        f.seek(0)
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            where = f"{path}:{n}"
            try:
                line, _ = decode(raw, table=True)
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise InputError(f"a JSON {type(rec).__name__}, not an object")
                yield _record_to_article(rec, fields, where, f"{path.stem}-{n}")
            except json.JSONDecodeError as exc:
                yield Rejection(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            except InputError as exc:
                yield Rejection(where, str(exc))


def read_csv(path: Path, fields: Mapping[str, str]) -> Iterator[Article | Rejection]:
    """One article per CSV row (header row required); bad rows are rejected individually."""
    try:
        content, _ = decode(path.read_bytes(), table=True)
    except InputError as exc:
        yield Rejection(str(path), str(exc))
        return
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(content.splitlines(keepends=True))
    try:
        for n, row in enumerate(reader, 2):
            where = f"{path}:{n}"
            if None in row:
                yield Rejection(where, "row has more cells than the header")
                continue
            try:
                yield _record_to_article(row, fields, where, f"{path.stem}-{n}")
            except InputError as exc:
                yield Rejection(where, str(exc))
    except csv.Error as exc:
        yield Rejection(f"{path}:{reader.line_num}", f"malformed CSV: {exc}")
