"""The stable Python API: ``presslens.analyze``, ``presslens.analyze_many`` and ``presslens.open``.

Why a separate, small module: notebook users need three entry points that keep their shape
while the modules behind them change, so everything here is a thin, documented layer over the
same readers, analyzer and store the CLI uses (an analysis from here equals the CLI's output for
the same input, byte for byte in ``to_dict()``). Anything not exported from ``presslens`` is
private.

Importing ``presslens`` must stay cheap (the CLI starts through it), so spaCy, the technique
model, SQLAlchemy and pandas are imported inside the functions that need them, never at module
level.
"""
from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.model import Analysis, Article, Rejection, content_hash

if TYPE_CHECKING:
    import pandas

    from presslens.analysis.analyze import Analyzer
    from presslens.fetch.run import FetchReport
    from presslens.store.repository import Store

#: A string longer than this, or with a line break, is always article text, never a path.
_MAX_PATH_CHARS = 4096

Input = str | Path | Mapping[str, Any] | Article


class RejectedInput(ValueError):
    """``presslens.analyze`` was given something it cannot analyse; the message says why."""

    def __init__(self, rejection: Rejection) -> None:
        super().__init__(str(rejection))
        self.rejection = rejection


@lru_cache(maxsize=2)
def _analyzer(techniques: bool) -> Analyzer:
    """One analyzer per process and setting: loading spaCy and the technique model takes seconds."""
    from presslens.analysis.analyze import Analyzer

    return Analyzer(techniques=techniques)


def _is_path(value: str | Path) -> bool:
    """A Path, or a one-line string naming an existing file or ending in a suffix the readers know."""
    if isinstance(value, Path):
        return True
    if len(value) > _MAX_PATH_CHARS or "\n" in value or not value.strip():
        return False
    from presslens.readers import KNOWN_SUFFIXES

    path = Path(value)
    return path.is_file() or (path.suffix != "" and path.suffix.lower() in KNOWN_SUFFIXES)


def _read(value: Input, n: int, **meta: str | None) -> Iterator[tuple[Article, str | None] | Rejection]:
    """One input as (Article, warning) pairs or Rejections, through the CLI's readers.

    Text and dicts go through the JSONL record reader (size, language and header checks);
    paths through the file readers (a JSONL or CSV path yields every record in it).
    ``meta`` (title, date, outlet, url) overrides what the reader found.
    """
    from presslens.readers import read_path
    from presslens.readers.decode import InputError
    from presslens.readers.tabular import _record_to_article

    given = {k: v for k, v in meta.items() if v is not None}
    if isinstance(value, Article):
        yield value, None
        return
    if isinstance(value, (str, Path)) and _is_path(value):
        path = Path(value)
        if not path.is_file():
            yield Rejection(str(path), "no such file")
            return
        for item in read_path(path):
            if not isinstance(item, Rejection):
                for key, v in given.items():
                    setattr(item[0], key, v)
            yield item
        return
    if isinstance(value, str) and not value.strip():
        yield Rejection("text", "empty text")
        return
    if isinstance(value, str):
        record: Mapping[str, Any] = {"text": value, "id": content_hash(value)[:16], **given}
        where = "text"
    elif isinstance(value, Mapping):
        record = {**value, **given}
        where = str(value.get("source") or value.get("url") or value.get("id") or f"record {n}")
    else:
        yield Rejection(f"input {n}", f"cannot analyse a {type(value).__name__}: give text, a path, a dict or an Article")
        return
    try:
        yield _record_to_article(record, {}, where, f"record-{n}"), None
    except InputError as exc:
        yield Rejection(where, str(exc))


def _rejected(rej: Rejection) -> Analysis:
    """A rejected input as the CLI writes it: nothing found, one error naming the input and reason."""
    name = Path(rej.input.split(":")[0]).stem or rej.input
    return Analysis(article=Article(id=name, text="", source=rej.input), errors=[str(rej)])


def analyze(text_or_path: str | Path | Mapping[str, Any] | Article, *, title: str | None = None,
            date: str | None = None, outlet: str | None = None, url: str | None = None,
            techniques: bool = True) -> Analysis:
    """Analyse one article: text, a path to a ``.txt``/``.html`` file, a JSONL-style dict or an Article.

    A one-line string is read as a path when it names an existing file or ends in a suffix the
    readers know (``.txt``, ``.html``, ``.jsonl``, ``.csv``, ...), else as the article text. ``title``, ``date``, ``outlet`` and ``url`` set the article's metadata.
    Raises :class:`RejectedInput` (a ``ValueError``) with the reason when the input cannot be
    analysed (empty, not English, too large, no article in the HTML, ...).
    """
    items = list(_read(text_or_path, 1, title=title, date=date, outlet=outlet, url=url))
    if len(items) != 1:
        raise RejectedInput(Rejection(str(text_or_path)[:80], f"holds {len(items)} articles: use analyze_many"))
    if isinstance(items[0], Rejection):
        raise RejectedInput(items[0])
    from presslens.runners.local import analyze_chunk

    return analyze_chunk(_analyzer(techniques), items)[0]


def analyze_many(inputs: Iterable[Input], *, workers: int = 1, techniques: bool = True) -> Iterator[Analysis]:
    """Analyse many articles, yielding one Analysis per article in input order.

    Inputs may be mixed: strings (text or paths), paths (a JSONL/CSV file gives one result per
    record), dicts with the JSONL fields (``id, url, outlet, date, title, text`` or ``html``) and
    Articles. An input that cannot be analysed yields an Analysis with empty ``text`` and the
    reason in ``errors`` (as the CLI's JSONL output does), so a long run never stops on one bad
    item. ``workers`` > 1 analyses in that many processes.
    """
    numbers = count(1)
    items = (item for value in inputs for item in _read(value, next(numbers)))
    if workers > 1:
        from presslens.runners.local import run

        results: Iterator[Analysis | Rejection] = run(items, workers, techniques=techniques)
    else:
        from presslens.runners.local import analyze_chunk, chunks
        from presslens.settings import get_settings

        analyzer = _analyzer(techniques)
        results = (r for chunk in chunks(items, get_settings().batch_size) for r in analyze_chunk(analyzer, chunk))
    for res in results:
        yield _rejected(res) if isinstance(res, Rejection) else res


class Rows(builtins.list):
    """Query results: a list of dicts (one per row) that turns into a pandas DataFrame."""

    def __init__(self, records: Iterable[dict[str, Any]], columns: list[str]) -> None:
        super().__init__(records)
        self.columns = columns

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a DataFrame with the columns in order (also when there are no rows)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("Rows.to_pandas() needs pandas: pip install 'presslens[pandas]'") from None
        return pandas.DataFrame.from_records(list(self), columns=self.columns)


class Corpus:
    """A stored presslens corpus (SQLite or PostgreSQL), opened with :func:`presslens.open`.

    Each query returns :class:`Rows` with the same columns as ``presslens export`` writes.
    Dates filter on the article's ISO date; ``until`` is inclusive at its own precision
    (``until="2019-04"`` includes 30 April).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def url(self) -> str:
        """The database URL (password hidden)."""
        return self._store.url

    def close(self) -> None:
        """Release the database connections."""
        self._store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({self.url!r})"

    def _select(self, what: str, stmt: Any) -> Rows:  # noqa: ANN401 - a SQLAlchemy Select
        from presslens.store.export import COLUMNS

        names = [c for c, _ in COLUMNS[what]]
        with self._store.engine.connect() as conn:
            return Rows(({c: row._mapping.get(c) for c in names} for row in conn.execute(stmt)), names)

    def _table(self, what: str) -> Rows:
        from presslens.store.export import COLUMNS, rows

        return Rows(rows(self._store, what), [c for c, _ in COLUMNS[what]])  # type: ignore[arg-type]

    def fetch(self, *urls: str, since: str | None = None, max_new: int | None = None, delay: float | None = None,
              techniques: bool = True) -> FetchReport:
        """Fetch feeds, sitemaps or home pages politely, analyse and store what is new (as ``presslens fetch``).

        ``delay`` overrides the seconds between requests to one host (setting
        ``PRESSLENS_FETCH_DELAY``). Returns the run's report: ``stored``, ``rejected`` (with
        ``rejections`` and their reasons), ``known`` (done in earlier runs), ``not_modified``
        listings, ...
        """
        from presslens.fetch.run import fetch
        from presslens.settings import get_settings

        settings = get_settings() if delay is None else get_settings().model_copy(update={"fetch_delay": delay})
        return fetch(self._store, list(urls), since=since, max_new=max_new, settings=settings, techniques=techniques)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None) -> Rows:
        """Stored articles with their text and metadata."""
        from presslens.store.export import articles_select
        from presslens.store.reports import _filter

        return self._select("articles", _filter(articles_select(), outlet, since, until))

    def quotes(self, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, channel: str | None = None) -> Rows:
        """Stored quotes with speaker, cue, channel, offsets and the corpus person they resolve to.

        ``speaker`` matches part of the person's name, accents and case folded ("guaido" finds
        "Juan Guaidó"), or of the speaker as written for unnamed sources.
        """
        from sqlalchemy import func, or_

        from presslens.store.export import quotes_select
        from presslens.store.people import fold
        from presslens.store.reports import _filter
        from presslens.store.schema import PersonRow, QuoteRow
        from presslens.store.search import _like

        stmt = _filter(quotes_select(), outlet, since, until)
        if speaker:
            stmt = stmt.where(or_(PersonRow.key.like(_like(fold(speaker) or speaker.lower()), escape="\\"),
                                  func.lower(QuoteRow.speaker_name).like(_like(speaker.lower()), escape="\\")))
        if channel:
            stmt = stmt.where(QuoteRow.channel == channel.lower())
        return self._select("quotes", stmt)

    def people(self) -> Rows:
        """People across the corpus: articles mentioning them, quotes by them, gender and roles claimed."""
        return self._table("people")

    def stories(self) -> Rows:
        """Stories grouped across outlets (articles not yet grouped are grouped first)."""
        return self._table("stories")

    def findings(self) -> Rows:
        """Findings of the cross-outlet comparison, with each outlet's claim and offsets."""
        return self._table("findings")

    def search(self, q: str, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> Rows:
        """Full-text search of quotes (words must all match, ``"quoted phrases"`` in order), best first."""
        from presslens.store.search import search_quotes

        found = search_quotes(self._store, q, speaker=speaker, outlet=outlet, date_from=since, date_to=until,
                              limit=limit)
        columns = ["quote_id", "quote", "type", "start", "end", "cue", "channel", "speaker", "person_id",
                   "article_id", "title", "outlet", "date"]
        return Rows(found, columns)


def open(db_url: str | None = None) -> Corpus:  # noqa: A001 - the documented name, presslens.open
    """Open a stored corpus (default: the ``PRESSLENS_DB`` setting, ``sqlite:///presslens.db``).

    Raises ``presslens.store.StoreError`` with one clear message when the database cannot be
    reached or was made by a newer presslens.
    """
    from presslens.store.repository import open_store

    return Corpus(open_store(db_url))
