"""Readers: turn files, folders and globs into Articles, or Rejections with a reason.

Dispatch is by file suffix: ``.txt``/``.text``/none → plain text, ``.html``/``.htm`` → HTML,
``.jsonl``/``.ndjson`` → JSON lines, ``.csv`` → CSV. Nothing here raises for a bad input:
every problem becomes a :class:`~presslens.model.Rejection` so a batch goes on.
"""
from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from presslens.model import Article, Rejection
from presslens.readers.decode import InputError
from presslens.readers.tabular import read_csv, read_jsonl
from presslens.readers.text import read_text_file

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES



def expand(paths: Iterable[str]) -> Iterator[Path | Rejection]:
    """Expand files, folders (recursively, known suffixes only, sorted) and glob patterns."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES and not f.name.startswith("."):
                    yield f
        elif p.is_file():
            yield p
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Rejection(raw, "glob pattern matched no files")
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield Rejection(raw, "no such file or folder")


def read_path(path: Path, fields: Mapping[str, str] | None = None) -> Iterator[tuple[Article, str | None] | Rejection]:
    """Read one file into zero or more Articles (with an optional warning each) or Rejections."""
    fields = fields or {}
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from ((r if isinstance(r, Rejection) else (r, None)) for r in read_jsonl(path, fields))
        elif suffix in CSV_SUFFIXES:
            yield from ((r if isinstance(r, Rejection) else (r, None)) for r in read_csv(path, fields))
        elif suffix in HTML_SUFFIXES:
            from presslens.readers.html import read_html_file  # trafilatura: imported only for HTML (start-up)

            yield read_html_file(path)
        else:
            yield read_text_file(path)
    except InputError as exc:
        yield Rejection(str(path), str(exc))
    except OSError as exc:
        yield Rejection(str(path), f"cannot read: {exc.strerror or exc}")


def read_inputs(paths: Iterable[str], fields: Mapping[str, str] | None = None) -> Iterator[tuple[Article, str | None] | Rejection]:
    """Everything the user pointed at, as (Article, warning) pairs or Rejections, in order."""
    for item in expand(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_path(item, fields)
