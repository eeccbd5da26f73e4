"""Corpus reports over stored analyses: who gets a voice, and the gender balance of sources.

Why per outlet and period: media watchdogs (e.g. the Gender Gap Tracker) compare outlets over
time, and the interesting contrast is between people *mentioned* and people *quoted*. These
functions return plain rows so the CLI, the web UI and exports can all present them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Select, distinct, func, literal, select

from presslens.store.repository import Store
from presslens.store.schema import ArticleRow, EntityRow, PersonLinkRow, PersonRow, QuoteRow, RoleRow, quote_listed

Period = Literal["all", "year", "month"]
GENDERS = ("female", "male", "unknown")


def _period_expr(by: Period):  # noqa: ANN202 - a SQLAlchemy column expression
    if by == "month":
        return func.substr(ArticleRow.date, 1, 7)
    if by == "year":
        return func.substr(ArticleRow.date, 1, 4)
    return literal("all")


def _filter(stmt: Select, outlet: str | None, date_from: str | None, date_to: str | None) -> Select:
    if outlet:
        stmt = stmt.where(func.lower(ArticleRow.outlet) == outlet.lower())
    if date_from:
        stmt = stmt.where(ArticleRow.date >= date_from)
    if date_to:
        stmt = stmt.where(func.substr(ArticleRow.date, 1, len(date_to)) <= date_to)
    return stmt


@dataclass
class PersonStats:
    """One person in one outlet: articles that mention them and quotes attributed to them."""

    person_id: int
    name: str
    gender: str
    outlet: str
    articles: int = 0
    quotes: int = 0
    wikidata_id: str | None = None


def people_stats(store: Store, *, outlet: str | None = None, since: str | None = None) -> list[PersonStats]:
    """Per person and outlet: articles mentioning them and quotes by them (rows for quoted or mentioned)."""
    outlet_col = func.coalesce(ArticleRow.outlet, "")
    mentioned = _filter(
        select(PersonRow.id, PersonRow.name, PersonRow.gender, outlet_col, func.count(distinct(EntityRow.article_pk)),
               PersonRow.wikidata_id)
        .select_from(PersonLinkRow)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
        .join(ArticleRow, ArticleRow.id == EntityRow.article_pk)
        .group_by(PersonRow.id, PersonRow.name, PersonRow.gender, outlet_col, PersonRow.wikidata_id),
        outlet, since, None,
    )
    quoted = _filter(
        select(PersonLinkRow.person_id, outlet_col, func.count(QuoteRow.id))
        .select_from(QuoteRow)
        .join(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
        .where(quote_listed())
        .group_by(PersonLinkRow.person_id, outlet_col),
        outlet, since, None,
    )
    stats: dict[tuple[int, str], PersonStats] = {}
    with store.engine.connect() as conn:
        for pid, name, gender, out, n, wikidata in conn.execute(mentioned):
            stats[(pid, out)] = PersonStats(pid, name, gender, out, articles=n, wikidata_id=wikidata)
        for pid, out, n in conn.execute(quoted):
            if (pid, out) in stats:
                stats[(pid, out)].quotes = n
    return sorted(stats.values(), key=lambda s: (s.outlet, -s.quotes, -s.articles, s.name))


def person_roles(store: Store, person_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every role each article claimed for these people, with article id and offsets."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    with store.engine.connect() as conn:
        for i in range(0, len(person_ids), 500):
            part = person_ids[i : i + 500]
            rows = conn.execute(
                select(PersonLinkRow.person_id, RoleRow.text, ArticleRow.article_id, ArticleRow.outlet,
                       RoleRow.start, RoleRow.end)
                .join(RoleRow, RoleRow.entity_pk == PersonLinkRow.entity_pk)
                .join(ArticleRow, ArticleRow.id == RoleRow.article_pk)
                .where(PersonLinkRow.person_id.in_(part))
                .order_by(PersonLinkRow.person_id, ArticleRow.id, RoleRow.start)
            )
            for pid, text, article_id, outlet, start, end in rows:
                out[pid].append({"role": text, "article_id": article_id, "outlet": outlet, "start": start, "end": end})
    return dict(out)


@dataclass
class DiversityRow:
    """Source diversity for one outlet and period."""

    outlet: str
    period: str
    mentioned: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    quoted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    quotes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    unnamed_quotes: int = 0

    @staticmethod
    def share(counts: dict[str, int], gender: str) -> float | None:
        """Share of ``gender`` in ``counts``, None when there is nothing to share."""
        total = sum(counts.values())
        return counts[gender] / total if total else None

    def as_dict(self) -> dict[str, Any]:
        """Flat record (counts and shares) for JSON output and exports."""
        row: dict[str, Any] = {"outlet": self.outlet, "period": self.period}
        for label, counts in (("people_mentioned", self.mentioned), ("people_quoted", self.quoted),
                              ("quotes", self.quotes)):
            row[label] = sum(counts.values())
            for g in GENDERS:
                row[f"{label}_{g}"] = counts[g]
                share = self.share(counts, g)
                row[f"{label}_{g}_share"] = round(share, 4) if share is not None else None
        total_mentioned = sum(self.mentioned.values())
        row["voice_share"] = round(sum(self.quoted.values()) / total_mentioned, 4) if total_mentioned else None
        row["quotes_unnamed"] = self.unnamed_quotes
        return row


def diversity(store: Store, *, outlet: str | None = None, date_from: str | None = None,
              date_to: str | None = None, by: Period = "all") -> list[DiversityRow]:
    """Per outlet and period: people mentioned and quoted, and quotes, split by gender."""
    period = _period_expr(by)
    outlet_col = func.coalesce(ArticleRow.outlet, "")
    gender = func.coalesce(PersonRow.gender, "unknown")
    mentioned = _filter(
        select(outlet_col, period, PersonRow.id, gender).distinct()
        .select_from(PersonLinkRow)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .join(EntityRow, EntityRow.id == PersonLinkRow.entity_pk)
        .join(ArticleRow, ArticleRow.id == EntityRow.article_pk),
        outlet, date_from, date_to,
    )
    quoted = _filter(
        select(outlet_col, period, PersonRow.id, gender, func.count(QuoteRow.id))
        .select_from(QuoteRow)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_pk)
        .outerjoin(PersonLinkRow, PersonLinkRow.entity_pk == QuoteRow.speaker_entity_pk)
        .outerjoin(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .where(quote_listed())
        .group_by(outlet_col, period, PersonRow.id, gender),
        outlet, date_from, date_to,
    )
    rows: dict[tuple[str, str], DiversityRow] = {}

    def row(o: str, p: str | None) -> DiversityRow:
        key = (o, p or "undated")
        if key not in rows:
            rows[key] = DiversityRow(*key)
        return rows[key]

    with store.engine.connect() as conn:
        for o, p, _pid, g in conn.execute(mentioned):
            row(o, p).mentioned[g if g in GENDERS else "unknown"] += 1
        for o, p, pid, g, n in conn.execute(quoted):
            r = row(o, p)
            if pid is None:
                r.unnamed_quotes += n
                continue
            g = g if g in GENDERS else "unknown"
            r.quoted[g] += 1
            r.quotes[g] += n
    return [rows[k] for k in sorted(rows)]
