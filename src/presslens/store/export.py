"""Export stored tables as JSONL, CSV or Parquet: the flat files researchers load into pandas or R.

Why fixed column lists with types: Parquet needs one schema for the whole file, and a column
that happens to be empty in the first rows must still be a string column; the same lists give
CSV a stable header. Rows are streamed from the database in batches, so exporting a large
corpus does not hold it in memory.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Select, func, select

from presslens.store import stories
from presslens.store.repository import Store
from presslens.store.schema import ArticleRow, EntityRow, MentionRow, PersonLinkRow, PersonRow, QuoteRow, RoleRow, quote_listed

What = Literal["articles", "quotes", "people", "entities", "stories", "findings"]
Format = Literal["jsonl", "csv", "parquet"]
BATCH = 2000

STR, INT = pa.string(), pa.int64()
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [("article_id", STR), ("hash", STR), ("source", STR), ("outlet", STR), ("date", STR),
                 ("title", STR), ("url", STR), ("author", STR), ("text", STR), ("errors", pa.list_(STR))],
    "quotes": [("quote_id", INT), ("article_id", STR), ("outlet", STR), ("date", STR), ("start", INT), ("end", INT),
               ("text", STR), ("type", STR), ("channel", STR), ("cue", STR), ("cue_lemma", STR),
               ("cue_start", INT), ("cue_end", INT), ("speaker_text", STR), ("speaker_name", STR),
               ("speaker_start", INT), ("speaker_end", INT), ("confidence", pa.float64()), ("person_id", INT),
               ("person", STR)],
    "people": [("person_id", INT), ("name", STR), ("wikidata_id", STR), ("gender", STR), ("gender_source", STR),
               ("gender_evidence", STR), ("party", STR), ("party_source", STR), ("side", STR), ("side_source", STR),
               ("role", STR), ("role_source", STR), ("articles", INT), ("quotes", INT), ("roles", pa.list_(STR))],
    "entities": [("article_id", STR), ("outlet", STR), ("date", STR), ("entity_id", STR), ("name", STR),
                 ("type", STR), ("mentions", INT), ("gender", STR), ("gender_source", STR), ("person_id", INT),
                 ("person_link", STR), ("person_confidence", pa.float64())],
}


def articles_select() -> Select:
    """The ``articles`` table's SELECT (the Python API adds filters to it)."""
    return select(ArticleRow.article_id, ArticleRow.hash, ArticleRow.source, ArticleRow.outlet, ArticleRow.date,
                  ArticleRow.title, ArticleRow.url, ArticleRow.author, ArticleRow.text, ArticleRow.errors
                  ).order_by(ArticleRow.id)


def _articles(store: Store) -> Iterator[dict[str, Any]]:
    yield from _stream(store, articles_select())


def quotes_select() -> Select:
    """The ``quotes`` table's SELECT, joined to articles and people (the Python API adds filters to it)."""
    return (
        select(QuoteRow.id.label("quote_id"), ArticleRow.article_id, ArticleRow.outlet, ArticleRow.date,
               QuoteRow.start, QuoteRow.end, QuoteRow.text, QuoteRow.type, QuoteRow.channel,
               QuoteRow.cue_text.label("cue"), QuoteRow.cue_lemma, QuoteRow.cue_start, QuoteRow.cue_end,
               QuoteRow.speaker_text, QuoteRow.speaker_name, QuoteRow.speaker_start, QuoteRow.speaker_end,
               QuoteRow.confidence, PersonRow.id.label("person_id"), PersonRow.name.label("person"))
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
        .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
        .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .order_by(QuoteRow.id)
    )


def _quotes(store: Store) -> Iterator[dict[str, Any]]:
    yield from _stream(store, quotes_select())


def _people(store: Store) -> Iterator[dict[str, Any]]:
    articles = (select(PersonLinkRow.person_id, func.count(func.distinct(EntityRow.article_pk)).label("n"))
                .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
                .group_by(PersonLinkRow.person_id).subquery())
    quotes = (select(PersonLinkRow.person_id, func.count(QuoteRow.id).label("n"))
              .join(QuoteRow, QuoteRow.speaker_entity_pk == PersonLinkRow.entity_pk)
              .where(quote_listed())
              .group_by(PersonLinkRow.person_id).subquery())
    stmt = (select(PersonRow.id.label("person_id"), PersonRow.name, PersonRow.wikidata_id, PersonRow.gender,
                   PersonRow.gender_source, PersonRow.gender_evidence, PersonRow.party, PersonRow.party_source,
                   PersonRow.side, PersonRow.side_source, PersonRow.role, PersonRow.role_source,
                   func.coalesce(articles.c.n, 0).label("articles"),
                   func.coalesce(quotes.c.n, 0).label("quotes"))
            .outerjoin(articles, articles.c.person_id == PersonRow.id)
            .outerjoin(quotes, quotes.c.person_id == PersonRow.id)
            .order_by(PersonRow.id))
    roles_stmt = (select(PersonLinkRow.person_id, RoleRow.text)
                  .join(RoleRow, RoleRow.entity_pk == PersonLinkRow.entity_pk)
                  .order_by(PersonLinkRow.person_id, RoleRow.id))
    with store.engine.connect() as conn:
        roles_rows = conn.execution_options(yield_per=BATCH).execute(roles_stmt)
        pending = next(roles_rows, None)
        for row in conn.execution_options(yield_per=BATCH).execute(stmt):
            rec = dict(row._mapping)
            seen: list[str] = []
            # Both result streams are ordered by person id: merge them without a per-person query.
            while pending is not None and pending[0] <= rec["person_id"]:
                if pending[0] == rec["person_id"] and pending[1] not in seen:
                    seen.append(pending[1])
                pending = next(roles_rows, None)
            rec["roles"] = seen
            yield rec


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    mentions = (select(MentionRow.entity_pk, func.count(MentionRow.id).label("n"))
                .group_by(MentionRow.entity_pk).subquery())
    stmt = (select(ArticleRow.article_id, ArticleRow.outlet, ArticleRow.date, EntityRow.local_id.label("entity_id"),
                   EntityRow.name, EntityRow.type, func.coalesce(mentions.c.n, 0).label("mentions"),
                   EntityRow.gender, EntityRow.gender_source, PersonLinkRow.person_id,
                   PersonLinkRow.method.label("person_link"), PersonLinkRow.confidence.label("person_confidence"))
            .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
            .outerjoin(mentions, mentions.c.entity_pk == EntityRow.id)
            .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == EntityRow.id)
            .order_by(EntityRow.id))
    yield from _stream(store, stmt)


def _stream(store: Store, stmt: Select) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=BATCH).execute(stmt):
            yield dict(row._mapping)


ROWS = {"articles": _articles, "quotes": _quotes, "people": _people, "entities": _entities,
        "stories": stories.story_records, "findings": stories.finding_records}
# Stories and findings keep the nested shapes of issue 6 (lists, claim records) in every format.
COLUMNS.update(stories.COLUMNS)


def rows(store: Store, what: What) -> Iterator[dict[str, Any]]:
    """The rows of one export table, with exactly the columns in ``COLUMNS[what]``."""
    if what not in ROWS:
        raise ValueError(f"unknown table {what!r}; choose one of {', '.join(ROWS)}")
    names = [c for c, _ in COLUMNS[what]]
    for rec in ROWS[what](store):
        yield {c: rec.get(c) for c in names}


def export(store: Store, what: What, fmt: Format, out: IO[bytes]) -> int:
    """Write one table to a binary stream in the given format; returns the number of rows."""
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}; choose jsonl, csv or parquet")
    n = 0
    if fmt == "jsonl":
        for rec in rows(store, what):
            out.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
            n += 1
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=[c for c, _ in COLUMNS[what]])
        writer.writeheader()
        for rec in rows(store, what):
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                             for k, v in rec.items()})
            n += 1
        text.flush()
        text.detach()
    else:
        schema = pa.schema(COLUMNS[what])
        with pq.ParquetWriter(out, schema) as writer:
            batch: list[dict[str, Any]] = []
            for rec in rows(store, what):
                batch.append(rec)
                if len(batch) >= BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    n += len(batch)
                    batch = []
            if batch or n == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
    return n
