"""Read queries for the web UI and the REST API, over the store's tables.

Why a module of its own: the store answers the questions a corpus run and the CLI ask
(save, search, reports); the web needs page-shaped reads (one article with every annotation,
one person across the corpus, paginated lists with totals, counts over time) that nothing
else needs. They are plain SQLAlchemy Core selects against ``presslens.store.schema`` with
bound parameters, so they run unchanged on SQLite and PostgreSQL, and every list query takes
``limit``/``offset`` and returns the total so no page can grow without bound.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Float, Integer, Select, Subquery, Text, and_, distinct, func, literal, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from presslens.store.people import fold
from presslens.store.schema import (
    ArticleRow,
    EntityRow,
    MentionRow,
    PersonAliasRow,
    PersonLinkRow,
    PersonRow,
    QuoteRow,
    quote_listed,
    RoleRow,
    TechniqueRow,
)
from presslens.store.search import TS_CONFIG, Query


@dataclass(slots=True)
class Page:
    """One page of a list: the rows plus what a client needs to ask for the next one."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


@dataclass(slots=True)
class Filters:
    """The filters shared by the quote list, the search and the people list (all optional)."""

    speaker: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    channel: str | None = None
    person_id: int | None = None


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, with LIKE wildcards escaped."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _date_clauses(f: Filters) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.outlet:
        out.append(func.lower(ArticleRow.outlet) == f.outlet.lower())
    if f.date_from:
        out.append(ArticleRow.date >= f.date_from)
    if f.date_to:
        # Compare on the bound's own precision so date_to=2024-03 includes 2024-03-31.
        out.append(func.substr(ArticleRow.date, 1, len(f.date_to)) <= f.date_to)
    return out


def _quote_clauses(f: Filters) -> list[ColumnElement[bool]]:
    out = _date_clauses(f) + [quote_listed()]
    if f.channel:
        out.append(func.lower(QuoteRow.channel) == f.channel.lower())
    if f.person_id is not None:
        out.append(PersonLinkRow.person_id == f.person_id)
    if f.speaker:
        out.append(or_(PersonRow.key.like(_like(fold(f.speaker)), escape="\\"),
                       func.lower(QuoteRow.speaker_name).like(_like(f.speaker.lower()), escape="\\")))
    return out


def _count(conn: Connection, stmt: Select) -> int:
    return int(conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one())


def _article_summary_columns() -> tuple:
    return (ArticleRow.id, ArticleRow.article_id, ArticleRow.title, ArticleRow.outlet, ArticleRow.date,
            ArticleRow.url)


# ---------------------------------------------------------------- overview


def overview(conn: Connection, top: int = 5) -> dict[str, Any]:
    """Corpus counts, the most quoted people per outlet, and articles/quotes per date."""
    counts = {
        "articles": conn.execute(select(func.count(ArticleRow.id))).scalar_one(),
        "quotes": conn.execute(select(func.count(QuoteRow.id))).scalar_one(),
        "people": conn.execute(select(func.count(PersonRow.id))).scalar_one(),
        "outlets": conn.execute(select(func.count(distinct(ArticleRow.outlet)))).scalar_one(),
    }
    per_outlet = conn.execute(
        select(ArticleRow.outlet, PersonRow.id, PersonRow.name, func.count(QuoteRow.id).label("n"))
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
        .join(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .where(quote_listed())
        .group_by(ArticleRow.outlet, PersonRow.id, PersonRow.name)
        .order_by(ArticleRow.outlet, func.count(QuoteRow.id).desc(), PersonRow.name)
    )
    top_people: dict[str, list[dict[str, Any]]] = {}
    for outlet, pid, name, n in per_outlet:
        bucket = top_people.setdefault(outlet or "unknown outlet", [])
        if len(bucket) < top:
            bucket.append({"person_id": pid, "name": name, "quotes": n})
    return {"counts": counts, "top_quoted": top_people, "timeline": timeline(conn)}


def timeline(conn: Connection) -> list[dict[str, Any]]:
    """Articles and quotes per period, empty periods included so the x axis is real time.

    The period is a day when the corpus spans under two months, a year when it spans over ten
    years, else a month.
    """
    span = conn.execute(select(func.min(ArticleRow.date), func.max(ArticleRow.date))
                        .where(ArticleRow.date.is_not(None))).one()
    if span[0] is None:
        return []
    months = _months_between(span[0], span[1])
    width = 10 if months < 2 else (4 if months > 120 else 7)
    period = func.substr(ArticleRow.date, 1, width)
    articles = dict(conn.execute(select(period, func.count(ArticleRow.id))
                                 .where(ArticleRow.date.is_not(None)).group_by(period)).all())
    quotes = dict(conn.execute(select(period, func.count(QuoteRow.id))
                               .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
                               .where(ArticleRow.date.is_not(None)).group_by(period)).all())
    return [{"period": p, "articles": articles.get(p, 0), "quotes": quotes.get(p, 0)}
            for p in _periods(sorted(articles), width)]


def _months_between(a: str, b: str) -> int:
    try:
        return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])
    except ValueError:
        return 0


def _periods(seen: list[str], width: int) -> list[str]:
    """Every period from the first to the last seen (dates that do not parse are kept as they are)."""
    try:
        if width == 10:
            first, last = date.fromisoformat(seen[0]), date.fromisoformat(seen[-1])
            return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
        if width == 7:
            y, m = int(seen[0][:4]), int(seen[0][5:7])
            out = []
            while f"{y:04d}-{m:02d}" <= seen[-1]:
                out.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out
        return [f"{y:04d}" for y in range(int(seen[0]), int(seen[-1]) + 1)]
    except ValueError:
        return seen


def outlets(conn: Connection) -> list[str]:
    """Every outlet in the corpus, for filter drop-downs."""
    return [o for (o,) in conn.execute(select(ArticleRow.outlet).distinct().where(ArticleRow.outlet.is_not(None))
                                       .order_by(ArticleRow.outlet))]


def channels(conn: Connection) -> list[str]:
    """Every quote channel in the corpus, for filter drop-downs."""
    return [c for (c,) in conn.execute(select(QuoteRow.channel).distinct().where(QuoteRow.channel.is_not(None))
                                       .order_by(QuoteRow.channel))]


# ---------------------------------------------------------------- articles


def list_articles(conn: Connection, f: Filters, limit: int, offset: int) -> Page:
    """Articles newest first, with their quote counts."""
    n_quotes = (select(func.count(QuoteRow.id)).where(QuoteRow.article_pk == ArticleRow.id)
                .correlate(ArticleRow).scalar_subquery())
    stmt = select(*_article_summary_columns(), n_quotes.label("quotes"))
    clauses = _date_clauses(f)
    if clauses:
        stmt = stmt.where(and_(*clauses))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(ArticleRow.date.desc(), ArticleRow.id).limit(limit).offset(offset))
    return Page([_article_summary(r) for r in rows], total, limit, offset)


def _article_summary(r: Any) -> dict[str, Any]:
    m = r._mapping
    out = {"id": m["id"], "article_id": m["article_id"], "title": m["title"], "outlet": m["outlet"],
           "date": m["date"], "url": m["url"]}
    if "quotes" in m:
        out["quotes"] = m["quotes"]
    return out


def get_article(conn: Connection, pk: int) -> dict[str, Any] | None:
    """One article with every annotation: entities (mentions, roles, person links), quotes, techniques."""
    row = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == pk)).one_or_none()
    if row is None:
        return None
    entities: dict[int, dict[str, Any]] = {}
    for e in conn.execute(
        select(EntityRow.id, EntityRow.local_id, EntityRow.name, EntityRow.type, EntityRow.gender,
               PersonLinkRow.person_id)
        .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == EntityRow.id)
        .where(EntityRow.article_pk == pk).order_by(EntityRow.id)
    ):
        entities[e.id] = {"id": e.id, "local_id": e.local_id, "name": e.name, "type": e.type,
                          "person_id": e.person_id, "gender": e.gender, "mentions": [], "roles": []}
    for m in conn.execute(select(MentionRow.__table__).where(MentionRow.article_pk == pk).order_by(MentionRow.start)):
        entities[m.entity_pk]["mentions"].append([m.start, m.end])
    for r in conn.execute(select(RoleRow.__table__).where(RoleRow.article_pk == pk).order_by(RoleRow.start)):
        entities[r.entity_pk]["roles"].append({"text": r.text, "start": r.start, "end": r.end})
    quotes = []
    for q in conn.execute(select(QuoteRow.__table__).where(QuoteRow.article_pk == pk).order_by(QuoteRow.start)):
        ent = entities.get(q.speaker_entity_pk) if q.speaker_entity_pk else None
        quotes.append({
            "id": q.id, "start": q.start, "end": q.end, "text": q.text, "type": q.type, "channel": q.channel,
            "cue": None if q.cue_start is None else {"start": q.cue_start, "end": q.cue_end, "text": q.cue_text,
                                                      "lemma": q.cue_lemma},
            "speaker": None if q.speaker_start is None and q.speaker_name is None else {
                "start": q.speaker_start, "end": q.speaker_end, "text": q.speaker_text, "name": q.speaker_name,
                "entity_id": ent["id"] if ent else None, "person_id": ent["person_id"] if ent else None},
        })
    techniques = [{"start": t.start, "end": t.end, "text": t.text, "technique": t.technique, "score": t.score,
                   "in_quote": t.in_quote, "confidence": t.confidence}
                  for t in conn.execute(select(TechniqueRow.__table__).where(TechniqueRow.article_pk == pk)
                                        .order_by(TechniqueRow.start))]
    return {
        "id": row.id, "article_id": row.article_id, "hash": row.hash, "source": row.source, "title": row.title,
        "outlet": row.outlet, "date": row.date, "url": row.url, "author": row.author, "body_start": row.body_start,
        "text": row.text, "errors": list(row.errors or []), "entities": list(entities.values()), "quotes": quotes,
        "techniques": techniques,
    }


def article_pk_by_hash(conn: Connection, content_hash: str) -> int | None:
    """The stored article with this content hash (the idempotence key), if any."""
    return conn.execute(select(ArticleRow.id).where(ArticleRow.hash == content_hash)).scalar_one_or_none()


# ---------------------------------------------------------------- people


def list_people(conn: Connection, f: Filters, name: str | None, limit: int, offset: int) -> Page:
    """People with how often they are quoted and mentioned (in articles matching the filters), most quoted first."""
    quoted = (select(PersonLinkRow.person_id.label("pid"), func.count(QuoteRow.id).label("n"))
              .join(QuoteRow, QuoteRow.speaker_entity_pk == PersonLinkRow.entity_pk)
              .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
              .where(quote_listed()))
    mentioned = (select(PersonLinkRow.person_id.label("pid"), func.count(distinct(EntityRow.article_pk)).label("n"))
                 .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
                 .join(ArticleRow, ArticleRow.id == EntityRow.article_pk))
    clauses = _date_clauses(f)
    if clauses:
        quoted = quoted.where(and_(*clauses))
        mentioned = mentioned.where(and_(*clauses))
    q_sub = quoted.group_by(PersonLinkRow.person_id).subquery()
    m_sub = mentioned.group_by(PersonLinkRow.person_id).subquery()
    stmt = (select(PersonRow.id, PersonRow.name, PersonRow.gender,
                   func.coalesce(q_sub.c.n, 0).label("quotes"), m_sub.c.n.label("articles"))
            .join(m_sub, m_sub.c.pid == PersonRow.id)
            .outerjoin(q_sub, q_sub.c.pid == PersonRow.id))
    if name:
        stmt = stmt.where(PersonRow.key.like(_like(fold(name)), escape="\\"))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(func.coalesce(q_sub.c.n, 0).desc(), m_sub.c.n.desc(), PersonRow.name)
                        .limit(limit).offset(offset))
    return Page([dict(r._mapping) for r in rows], total, limit, offset)


def get_person(conn: Connection, pid: int) -> dict[str, Any] | None:
    """A person: name, gender verdict, roles claimed per outlet (with disagreements), mentions and quotes over time."""
    p = conn.execute(select(PersonRow.__table__).where(PersonRow.id == pid)).one_or_none()
    if p is None:
        return None
    roles: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for outlet, apk, role_text, start, end in conn.execute(
        select(ArticleRow.outlet, ArticleRow.id, RoleRow.text, RoleRow.start, RoleRow.end)
        .join(PersonLinkRow, PersonLinkRow.entity_pk == RoleRow.entity_pk)
        .join(ArticleRow, ArticleRow.id == RoleRow.article_pk)
        .where(PersonLinkRow.person_id == pid).order_by(ArticleRow.outlet, ArticleRow.date)
    ):
        roles[outlet or "unknown outlet"][_role_key(role_text)].append(
            {"text": role_text, "article": apk, "start": start, "end": end})
    # A role is disputed when some outlet that describes this person never uses it.
    outlets_with_roles = set(roles)
    by_role: dict[str, set[str]] = defaultdict(set)
    for outlet, keyed in roles.items():
        for key in keyed:
            by_role[key].add(outlet)
    role_rows = []
    for outlet in sorted(roles):
        for key, claims in roles[outlet].items():
            role_rows.append({"outlet": outlet, "role": claims[0]["text"], "claims": claims,
                              "disputed": len(outlets_with_roles) > 1 and by_role[key] != outlets_with_roles,
                              "outlets_using": sorted(by_role[key])})
    mentions = conn.execute(
        select(ArticleRow.outlet, ArticleRow.date, func.count(MentionRow.id))
        .join(EntityRow, EntityRow.id == MentionRow.entity_pk)
        .join(PersonLinkRow, PersonLinkRow.entity_pk == EntityRow.id)
        .join(ArticleRow, ArticleRow.id == MentionRow.article_pk)
        .where(PersonLinkRow.person_id == pid).group_by(ArticleRow.outlet, ArticleRow.date)
    ).all()
    quotes_by = conn.execute(
        select(ArticleRow.outlet, ArticleRow.date, func.count(QuoteRow.id))
        .join(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
        .where(PersonLinkRow.person_id == pid, quote_listed()).group_by(ArticleRow.outlet, ArticleRow.date)
    ).all()
    points: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, rows in (("mentions", mentions), ("quotes", quotes_by)):
        for outlet, day, n in rows:
            key = (outlet or "unknown outlet", day or "")
            points.setdefault(key, {"outlet": key[0], "date": key[1], "mentions": 0, "quotes": 0})[kind] = n
    aliases = list(conn.scalars(select(PersonAliasRow.alias).where(PersonAliasRow.person_id == pid)
                                .order_by(PersonAliasRow.id)))
    links = dict(conn.execute(select(PersonLinkRow.method, func.count()).where(PersonLinkRow.person_id == pid)
                              .group_by(PersonLinkRow.method)).all())
    # Where each attribute came from, in the words the registry uses: the user's register, what
    # articles say (a party tag; a pronoun or honorific for gender), or the first-name prior.
    said = {"article": "article evidence", "name_dictionary": "name prior"}
    attributes = [{"attribute": a, "value": getattr(p, a),
                   "source": said.get(getattr(p, f"{a}_source"), getattr(p, f"{a}_source"))}
                  for a in ("gender", "party", "side", "role") if getattr(p, a) not in (None, "unknown")]
    return {"id": p.id, "name": p.name, "wikidata_id": p.wikidata_id, "pinned": p.pinned, "aliases": aliases,
            "attributes": attributes, "links": links, "gender": p.gender, "gender_source": p.gender_source,
            "gender_evidence": p.gender_evidence, "roles": role_rows,
            "timeline": sorted(points.values(), key=lambda x: (x["date"], x["outlet"]))}


def _role_key(role: str) -> str:
    """Roles compared across outlets ignore case, articles and punctuation ("the Foreign Minister," = "foreign minister")."""
    words = [w for w in fold(role).split() if w not in {"the", "a", "an"}]
    return " ".join(words)


def entity_articles(conn: Connection, name: str, limit: int, offset: int) -> Page:
    """Articles mentioning an organisation or place (or an unlinked person) by this canonical name."""
    stmt = (select(*_article_summary_columns(), EntityRow.type, func.count(MentionRow.id).label("mentions"))
            .join(EntityRow, EntityRow.article_pk == ArticleRow.id)
            .join(MentionRow, MentionRow.entity_pk == EntityRow.id)
            .where(EntityRow.name == name)
            .group_by(*_article_summary_columns(), EntityRow.type))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(ArticleRow.date.desc(), ArticleRow.id).limit(limit).offset(offset))
    return Page([{**_article_summary(r), "type": r.type, "mentions": r.mentions} for r in rows], total, limit, offset)


# ---------------------------------------------------------------- quotes and search


def _quote_select(extra: tuple = ()) -> Select:
    speaker = func.coalesce(PersonRow.name, QuoteRow.speaker_name, QuoteRow.speaker_text).label("speaker")
    return (select(QuoteRow.id, QuoteRow.text, QuoteRow.type, QuoteRow.channel, QuoteRow.start, QuoteRow.end,
                   QuoteRow.cue_text.label("cue"), speaker, PersonRow.id.label("person_id"),
                   ArticleRow.id.label("article"), ArticleRow.title, ArticleRow.outlet, ArticleRow.date, *extra)
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
            .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
            .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id))


def list_quotes(conn: Connection, f: Filters, limit: int, offset: int) -> Page:
    """Quotes matching the filters, oldest article first then in text order (a person's record reads in time)."""
    stmt = _quote_select()
    clauses = _quote_clauses(f)
    if clauses:
        stmt = stmt.where(and_(*clauses))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(ArticleRow.date, ArticleRow.id, QuoteRow.start).limit(limit).offset(offset))
    return Page([dict(r._mapping) for r in rows], total, limit, offset)


#: The text-search configuration of the stored ``tsv`` columns (accent-folding English, migration
#: 0011) as an SQL constant: queries and snippets parse words exactly as the columns did.
_REGCONFIG = literal_column(f"'{TS_CONFIG}'::regconfig")


def _tsquery(query: Query):  # noqa: ANN202 - a SQLAlchemy expression
    """PostgreSQL tsquery meaning what the store's query language means: every phrase (words in
    order) must match; each phrase is a bound ``phraseto_tsquery``, so no user text is parsed as operators."""
    parts = [func.phraseto_tsquery(_REGCONFIG, " ".join(p)) for p in query.phrases]
    expr = parts[0]
    for part in parts[1:]:
        expr = expr.op("&&")(part)
    return expr


def search_quotes(conn: Connection, raw: str, f: Filters, limit: int, offset: int) -> Page:
    """Full-text search over quotes with the store's query language, filters, totals and offsets.

    The store's :func:`presslens.store.search.search_quotes` answers the CLI's top-N; a web page
    also needs the total and an offset, so this runs the same parsed query (``Query``) against
    the same full-text indexes, best match first. Two steps keep it fast on large corpora: rank
    and count ids inside the index (joining other tables only when a filter needs them), then
    fetch the details of one page of ids.
    """
    query = Query.parse(raw)
    if not query.phrases:
        return Page([], 0, limit, offset)
    clauses = _quote_clauses(f)
    ranked, order, with_rows = _ranked(conn, query, QuoteRow, "quotes")
    if clauses:
        ranked = _filter_joins(with_rows(ranked)).where(and_(*clauses))
    total = _count(conn, ranked)
    ids = list(conn.scalars(ranked.order_by(*order).limit(limit).offset(offset)))
    if not ids:
        return Page([], total, limit, offset)
    rows = {r.id: dict(r._mapping) for r in conn.execute(_quote_select().where(QuoteRow.id.in_(ids)))}
    return Page([rows[i] for i in ids if i in rows], total, limit, offset)


def _ranked(conn: Connection, query: Query, row: type[QuoteRow] | type[ArticleRow],
            table: str) -> tuple[Select, tuple, Callable[[Select], Select]]:
    """Ids of ``table``'s rows matching ``query``, their best-first order, and how to join the rows.

    SQLite ranks inside its FTS5 table ``<table>_fts`` (bm25), PostgreSQL with ``ts_rank`` over
    the ``<table>.tsv`` column; the third item joins ``row`` to the ranked ids where a filter needs
    its columns (on PostgreSQL the ids already come from ``row``). ``table`` is ours, never input.
    """
    if conn.dialect.name == "sqlite":
        fts = _fts5_matches(f"{table}_fts", query)
        return (select(fts.c.rid.label("id")), (fts.c.rank, fts.c.rid),
                lambda stmt: stmt.join(row, row.id == fts.c.rid))
    tsq = _tsquery(query)
    doc = literal_column(f"{table}.tsv")
    return select(row.id).where(doc.op("@@")(tsq)), (func.ts_rank(doc, tsq).desc(), row.id), lambda stmt: stmt


def _fts5_matches(table: str, query: Query) -> Subquery:
    """Matching rowids of an FTS5 table with their bm25 rank (``table`` is one of ours, never input)."""
    return (text(f"SELECT rowid AS rid, bm25({table}) AS rank FROM {table} WHERE {table} MATCH :q")
            .bindparams(q=query.fts5()).columns(rid=Integer, rank=Float).subquery("m"))


def _filter_joins(stmt: Select) -> Select:
    """The joins the quote filters refer to (article for outlet/date, person for speaker)."""
    return (stmt.join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
            .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
            .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id))


def search_articles(conn: Connection, raw: str, f: Filters, limit: int, offset: int) -> Page:
    """Full-text search over article titles and text, best first, with a plain-text snippet around the match.

    As for quotes: rank and count in the index first, then build snippets for one page only
    (a snippet costs a scan of the article text, too much to make for every match).
    """
    query = Query.parse(raw)
    if not query.phrases:
        return Page([], 0, limit, offset)
    clauses = _date_clauses(f)
    ranked, order, with_rows = _ranked(conn, query, ArticleRow, "articles")
    if clauses:
        ranked = with_rows(ranked).where(and_(*clauses))
    total = _count(conn, ranked)
    ids = list(conn.scalars(ranked.order_by(*order).limit(limit).offset(offset)))
    if not ids:
        return Page([], total, limit, offset)
    if conn.dialect.name == "sqlite":
        snips = text("SELECT rowid AS rid, snippet(articles_fts, 1, '\x02', '\x03', '…', 16) AS snippet "
                     "FROM articles_fts WHERE articles_fts MATCH :q") \
            .bindparams(q=query.fts5()).columns(rid=Integer, snippet=Text).subquery("s")
        detail = select(*_article_summary_columns(), snips.c.snippet).join(snips, snips.c.rid == ArticleRow.id)
    else:
        snippet = func.ts_headline(_REGCONFIG, ArticleRow.text, _tsquery(query),
                                   literal("StartSel=\x02,StopSel=\x03,MaxWords=30,MinWords=12"))
        detail = select(*_article_summary_columns(), snippet.label("snippet"))
    rows = {r.id: {**_article_summary(r), "snippet": r.snippet}
            for r in conn.execute(detail.where(ArticleRow.id.in_(ids)))}
    return Page([rows[i] for i in ids if i in rows], total, limit, offset)


__all__ = [
    "Filters", "Page", "article_pk_by_hash", "channels", "entity_articles", "get_article",
    "get_person", "list_articles", "list_people", "list_quotes", "outlets", "overview", "search_articles",
    "search_quotes", "timeline",
]
