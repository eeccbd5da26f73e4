"""Full-text search over stored quotes and article text (SQLite FTS5, PostgreSQL tsvector).

Why a small query language instead of passing the user's string through: FTS5 has its own
syntax (``AND``, ``NEAR``, ``*``, column filters) where a stray quote or parenthesis is a
syntax error, and PostgreSQL's ``websearch_to_tsquery`` reads "or" and "-" as operators. So
both backends get the same parsed query: words (all must match) and ``"quoted phrases"``
(words in order). Each word is reduced to letters and digits and re-quoted before it reaches
FTS5, PostgreSQL gets one bound ``phraseto_tsquery`` per phrase, and every value — the query,
speaker, outlet, dates — travels as a bound parameter, never as SQL text.

On PostgreSQL both tables carry a stored ``tsv`` column (migration 0003) so ranking reads the
stored vector instead of re-parsing every matching row.

Both backends fold accents ("Guaido" finds "Guaidó" and the other way round) and stem English
words: SQLite's FTS5 tokenizer removes diacritics; on PostgreSQL the ``tsv`` columns, the
queries and the snippets use the ``presslens_english`` text search configuration (migration
0011: ``english`` with the ``unaccent`` dictionary before the stemmer).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from presslens.settings import get_settings
from presslens.store.people import fold
from presslens.store.repository import Store

#: PostgreSQL text search configuration of the ``tsv`` columns (migration 0011); queries and
#: snippets must use the same one, or accented words would not match.
TS_CONFIG = "presslens_english"

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: phrases of one or more words; every phrase must match."""

    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def parse(cls, raw: str) -> Query:
        """Quoted segments become phrases; every other word is its own one-word phrase."""
        phrases: list[tuple[str, ...]] = []
        rest = _PHRASE.sub(lambda m: (phrases.append(tuple(_WORD.findall(m.group(1)))), " ")[1], raw)
        phrases.extend((w,) for w in _WORD.findall(rest))
        return cls(tuple(p for p in phrases if p))

    def fts5(self) -> str:
        """FTS5 MATCH string: each phrase double-quoted (only word characters inside), implicitly ANDed."""
        return " ".join('"' + " ".join(p) + '"' for p in self.phrases)

    def tsquery(self, params: dict[str, Any]) -> str:
        """PostgreSQL tsquery expression with the same meaning: one bound ``phraseto_tsquery``
        per phrase, ANDed, so words such as "or" or "-x" are never read as operators."""
        parts = []
        for i, phrase in enumerate(self.phrases):
            params[f"p{i}"] = " ".join(phrase)
            parts.append(f"phraseto_tsquery('{TS_CONFIG}', :p{i})")
        return "(" + " && ".join(parts) + ")"


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with LIKE wildcards in it escaped."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clean(value: str | None) -> str | None:
    """Drop NUL characters, which PostgreSQL text cannot hold (and no name or date contains)."""
    return value.replace("\x00", "") if value else value


def _filters(params: dict[str, Any], speaker: str | None, outlet: str | None,
             date_from: str | None, date_to: str | None, *, quotes: bool) -> str:
    speaker, outlet, date_from, date_to = map(_clean, (speaker, outlet, date_from, date_to))
    clauses = []
    if speaker and quotes:
        # Folding drops punctuation; a speaker filter of only punctuation must match it literally.
        params["speaker"] = _like(fold(speaker) or speaker.lower())
        params["speaker_raw"] = _like(speaker.lower())
        clauses.append("(p.key LIKE :speaker ESCAPE '\\' OR lower(q.speaker_name) LIKE :speaker_raw ESCAPE '\\')")
    if outlet:
        params["outlet"] = outlet.lower()
        clauses.append("lower(a.outlet) = :outlet")
    if date_from:
        params["date_from"] = date_from
        clauses.append("a.date >= :date_from")
    if date_to:
        # Compare on the bound's own precision so --to 2019-04 includes 2019-04-30.
        params["date_to"] = date_to
        params["date_to_len"] = len(date_to)
        clauses.append("substr(a.date, 1, :date_to_len) <= :date_to")
    return "".join(f" AND {c}" for c in clauses)


def search_quotes(store: Store, raw: str, *, speaker: str | None = None, outlet: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes matching the query, best first, with speaker, article, outlet and date."""
    query = Query.parse(raw)
    if not query.phrases:
        return []
    params: dict[str, Any] = {"limit": limit, "threshold": get_settings().attribution_threshold}
    # only attributions at or above the threshold are listed (rows stored without one stay)
    where = _filters(params, speaker, outlet, date_from, date_to, quotes=True) \
        + " AND (q.confidence IS NULL OR q.confidence >= :threshold)"
    columns = ("q.id AS quote_id, q.text AS quote, q.type AS type, q.start AS start, q.\"end\" AS \"end\", "
               "q.cue_text AS cue, q.channel AS channel, coalesce(p.name, q.speaker_name, q.speaker_text) AS speaker, "
               "p.id AS person_id, a.article_id AS article_id, a.title AS title, a.outlet AS outlet, a.date AS date")
    joins = ("JOIN articles a ON a.id = q.article_pk "
             "LEFT JOIN person_links pl ON pl.entity_pk = q.speaker_entity_pk "
             "LEFT JOIN people p ON p.id = pl.person_id")
    if store.dialect == "sqlite":
        params["q"] = query.fts5()
        sql = (f"SELECT {columns} FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid {joins} "
               f"WHERE quotes_fts MATCH :q{where} ORDER BY bm25(quotes_fts), q.id LIMIT :limit")
    else:
        tsq = query.tsquery(params)
        sql = (f"SELECT {columns} FROM quotes q {joins} "
               f"WHERE q.tsv @@ {tsq}{where} ORDER BY ts_rank(q.tsv, {tsq}) DESC, q.id LIMIT :limit")
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def search_articles(store: Store, raw: str, *, outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Articles whose title or text match the query, best first."""
    query = Query.parse(raw)
    if not query.phrases:
        return []
    params: dict[str, Any] = {"limit": limit}
    where = _filters(params, None, outlet, date_from, date_to, quotes=False)
    columns = "a.article_id AS article_id, a.title AS title, a.outlet AS outlet, a.date AS date, a.url AS url"
    if store.dialect == "sqlite":
        params["q"] = query.fts5()
        sql = (f"SELECT {columns}, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
               f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
               f"WHERE articles_fts MATCH :q{where} ORDER BY bm25(articles_fts), a.id LIMIT :limit")
    else:
        tsq = query.tsquery(params)
        # Rank and cut first, then build snippets for the few rows shown (ts_headline re-parses text).
        sql = (f"SELECT best.article_id AS article_id, best.title AS title, best.outlet AS outlet, "
               f"best.date AS date, best.url AS url, ts_headline('{TS_CONFIG}', best.text, {tsq}, "
               f"'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet FROM ("
               f"SELECT a.*, ts_rank(a.tsv, {tsq}) AS rank FROM articles a "
               f"WHERE a.tsv @@ {tsq}{where} ORDER BY rank DESC, a.id LIMIT :limit) best "
               f"ORDER BY best.rank DESC, best.id")
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]
