"""Stored stories: story membership, syndicated-copy links and findings, kept in step with ingest.

Why grouping runs at the end of an ingest run, over "every stored article not yet in a story":
ingest commits articles chunk by chunk so a killed run loses nothing; grouping then runs in
its own transaction over whatever is stored but unassigned. A run killed before (or during)
grouping leaves those articles unassigned, and the next run — even one with nothing new to
analyse — picks them up. Re-running adds nothing, because nothing is left unassigned.

Why the grouper is replayed rather than saved: the incremental grouper
(:class:`~presslens.stories.build.StoryBuilder`) keeps in-memory state (IDF counts, story
centroids, the candidate index, MinHash signatures). Instead of serialising that state, it is
rebuilt by replaying the stored articles in arrival order (``articles.id``), which is the order
they were first grouped in; grouping is deterministic, so the replay reproduces the stored
assignment exactly and the new articles then join stories as if the process had never stopped.
The trade-off: each ingest run pays one pass over the stored corpus's text and entities
(linear in the corpus, once per run, not per article), and only the stories that gained
articles are rewritten and re-compared. If the replay disagrees with what is stored (the
grouping settings changed), the stored stories are rebuilt from scratch, which is also what
``presslens stories --rebuild`` does on demand.

Article ids inside the story layer are stored primary keys as strings (input ids need not be
unique across sources); exports map them back to each article's ``article_id``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from sqlalchemy import Connection, Float, ForeignKey, Integer, String, Text, delete, insert, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from presslens.model import Analysis, Article, Claim as StatedClaim, Cue, Entity, Lead, Quote, Role, Speaker
from presslens.store.repository import Store
from presslens.store.schema import ArticleClaimRow, ArticleRow, Base, EntityRow, MentionRow, QuoteRow, RoleRow
from presslens.stories.model import Claim, Finding, Story, StoryLink

if TYPE_CHECKING:  # the story layer pulls in scikit-learn: imported only when grouping
    from presslens.stories.grouping import GroupingConfig

BATCH = 500
#: Largest story whose findings are computed. The comparison matches statements and roles
#: across every pair of articles, so its cost grows with the square of the story's size; a
#: story beyond this (in practice a templated or runaway group, thousands of articles) is
#: stored with its members and copy links but without findings, and the report counts it.
MAX_COMPARED = 200
#: PostgreSQL advisory lock key: two ingest runs must not group the same articles at once.
_LOCK = 5170816


class StoryRow(Base):
    """One story: its id (derived from the article that started it) and headline."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    n_articles: Mapped[int] = mapped_column(Integer, nullable=False)


class StoryArticleRow(Base):
    """Which story an article belongs to; ``position`` is its arrival order within the story."""

    __tablename__ = "story_articles"

    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)


class DuplicateRow(Base):
    """A syndicated copy and the original it reprints (both in ``story_id``'s story)."""

    __tablename__ = "story_duplicates"

    copy_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    original_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True)


class FindingRow(Base):
    """A disagreement between the outlets of one story (role, number, date, label, blind spot, quote cut)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    subject: Mapped[str] = mapped_column(Text, nullable=False)
    confidence: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    """One article's side of a finding; ``start``/``end`` are NULL for an absence (a blind spot)."""

    __tablename__ = "finding_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class StoryLinkRow(Base):
    """A "possible same story": ``article_pk`` (in ``story_id``) would join ``other_story_id`` on framing words alone.

    ``pairs`` is a JSON list of [the article's word, the other story's word].
    """

    __tablename__ = "story_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True)
    other_story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
                                                index=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    pairs: Mapped[str] = mapped_column(Text, nullable=False)


# ------------------------------------------------------------------------------------------------
# Stored analyses back as records the story layer reads
# ------------------------------------------------------------------------------------------------


def load_analyses(conn: Connection, pks: list[int], *, full: bool = True) -> dict[int, Analysis]:
    """Stored articles as Analyses (article id = ``str(pk)``), loaded in bounded batches.

    ``full=False`` loads only what grouping needs (text, title, date, entities with their
    mentions and roles, the stated numbers, the direct quotes' text: see
    :func:`presslens.stories.grouping.features_of`), which keeps the replay of a large corpus
    light; comparison needs ``full`` (quotes with their cues and speakers).
    """
    out: dict[int, Analysis] = {}
    for i in range(0, len(pks), BATCH):
        part = pks[i:i + BATCH]
        for r in conn.execute(select(ArticleRow.id, ArticleRow.text, ArticleRow.source, ArticleRow.title,
                                     ArticleRow.date, ArticleRow.outlet, ArticleRow.url, ArticleRow.author,
                                     ArticleRow.body_start, ArticleRow.lead).where(ArticleRow.id.in_(part))):
            out[r.id] = Analysis(article=Article(id=str(r.id), text=r.text, source=r.source or "", title=r.title,
                                                 date=r.date, outlet=r.outlet, url=r.url, author=r.author,
                                                 body_start=r.body_start),
                               lead=None if r.lead is None else Lead.from_dict(r.lead))
        entities: dict[int, Entity] = {}
        local: dict[int, str] = {}
        for r in conn.execute(select(EntityRow.id, EntityRow.article_pk, EntityRow.local_id, EntityRow.name,
                                     EntityRow.type).where(EntityRow.article_pk.in_(part)).order_by(EntityRow.id)):
            e = Entity(id=r.local_id, name=r.name, type=r.type)
            entities[r.id] = e
            local[r.id] = r.local_id
            out[r.article_pk].entities.append(e)
        for epk, s, t in conn.execute(select(MentionRow.entity_pk, MentionRow.start, MentionRow.end)
                                      .where(MentionRow.article_pk.in_(part)).order_by(MentionRow.id)):
            entities[epk].mentions.append((s, t))
        for a in (out[pk] for pk in part if pk in out):
            for e in a.entities:
                if e.mentions and not e.text:
                    e.text = a.article.text[e.mentions[0][0]:e.mentions[0][1]]
        for epk, text, s, t in conn.execute(select(RoleRow.entity_pk, RoleRow.text, RoleRow.start, RoleRow.end)
                                            .where(RoleRow.article_pk.in_(part)).order_by(RoleRow.id)):
            entities[epk].roles.append(Role(text=text, start=s, end=t))
        for c in conn.execute(select(ArticleClaimRow).where(ArticleClaimRow.article_pk.in_(part))
                              .order_by(ArticleClaimRow.id)):
            out[c.article_pk].claims.append(StatedClaim(
                start=c.start, end=c.end, text=c.text, value=c.value, value_max=c.value_max, unit=c.unit,
                qualifier=c.qualifier, qualifier_start=c.qualifier_start, measure=c.measure, counted=c.counted,
                source=c.source, quote_type=c.quote_type, when=c.when, when_start=c.when_start, when_end=c.when_end))
        if not full:
            for pk, s, t, text, kind in conn.execute(
                    select(QuoteRow.article_pk, QuoteRow.start, QuoteRow.end, QuoteRow.text, QuoteRow.type)
                    .where(QuoteRow.article_pk.in_(part), QuoteRow.type == "direct").order_by(QuoteRow.id)):
                out[pk].quotes.append(Quote(start=s, end=t, text=text, type=kind))
            continue
        for q in conn.execute(select(QuoteRow).where(QuoteRow.article_pk.in_(part)).order_by(QuoteRow.id)):
            cue = Cue(q.cue_start, q.cue_end, q.cue_text, q.cue_lemma or "") if q.cue_start is not None else None
            speaker = None if q.speaker_start is None else Speaker(
                start=q.speaker_start, end=q.speaker_end, text=q.speaker_text or "", name=q.speaker_name,
                entity_id=local.get(q.speaker_entity_pk) if q.speaker_entity_pk is not None else None)
            out[q.article_pk].quotes.append(Quote(start=q.start, end=q.end, text=q.text, type=q.type, cue=cue,
                                                  speaker=speaker, channel=q.channel, confidence=q.confidence))
    return out


# ------------------------------------------------------------------------------------------------
# Grouping on ingest
# ------------------------------------------------------------------------------------------------


@dataclass
class StoriesReport:
    """What one grouping pass did."""

    grouped: int = 0
    stories_touched: int = 0
    rebuilt: bool = False
    #: Stories stored without findings because they exceed ``MAX_COMPARED`` articles.
    too_large: int = 0
    story_ids: set[str] = field(default_factory=set)


def update_stories(store: Store, *, rebuild: bool = False, grouping: GroupingConfig | None = None) -> StoriesReport:
    """Put every stored article that is not yet in a story into one, in one transaction.

    With ``rebuild`` every stored story, link and finding is recomputed from the stored
    analyses (see the module docstring for when that also happens on its own).
    """
    from presslens.stories.build import StoryBuilder
    from presslens.stories.grouping import GroupingConfig

    report = StoriesReport()
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK})")
        stored = dict(conn.execute(select(StoryArticleRow.article_pk, StoryArticleRow.story_id)).all())
        # Articles go to the grouper in date order, whatever order they were stored in (a folder is
        # read by file name): a story is founded by its first report, and a follow-up that shares
        # little with it but its facts ("a day after an earthquake killed 112 people") finds it.
        dates = dict(conn.execute(select(ArticleRow.id, ArticleRow.date)).all())
        pending = sorted((pk for pk in dates if pk not in stored), key=lambda pk: (dates[pk] or "", pk))
        if not pending and not rebuild:
            return report
        builder = StoryBuilder(grouping or GroupingConfig.from_settings())
        old = sorted(stored, key=lambda pk: (dates[pk] or "", pk))
        for i in range(0, len(old), BATCH):
            batch = load_analyses(conn, old[i:i + BATCH], full=False)
            for pk in old[i:i + BATCH]:
                builder.add(batch[pk])
        new_ids: list[str] = []
        for i in range(0, len(pending), BATCH):
            batch = load_analyses(conn, pending[i:i + BATCH], full=False)
            for pk in pending[i:i + BATCH]:
                builder.add(batch[pk])
                new_ids.append(str(pk))
        # Compared once all are placed: a story an article started may be joined to a grown story
        # later (the grouper's second chance), in the replay as when it was stored, or now by a new
        # article's arrival, which moves a stored article and so rewrites every story.
        if any(builder.grouper.assignment[str(pk)] != stored[pk] for pk in old):
            rebuild = True
        all_stories = builder.stories()
        if rebuild:
            for model in (StoryLinkRow, ClaimRow, FindingRow, DuplicateRow, StoryArticleRow, StoryRow):
                conn.execute(delete(model))
            touched = all_stories
            report.rebuilt = True
        else:
            touched_ids = set()
            for aid in new_ids:
                for member in builder.dedup.group(aid):
                    touched_ids.add(builder.grouper.assignment[member])
            touched = [s for s in all_stories if s.id in touched_ids]
        _write(conn, touched, fresh=rebuild, known=set() if rebuild else set(stored))
        # The replay recomputes every link, so they are rewritten whole (a handful per thousand articles).
        conn.execute(delete(StoryLinkRow))
        links = [{"story_id": x.story, "other_story_id": x.other, "article_pk": int(x.article), "score": x.score,
                  "pairs": json.dumps(x.pairs)} for x in builder.links()]
        if links:
            conn.execute(insert(StoryLinkRow), links)
        report.grouped = len(pending) if not rebuild else len(old) + len(pending)
        report.stories_touched = len(touched)
        report.story_ids = {s.id for s in touched}
        report.too_large = sum(1 for s in touched if len(s.articles) > MAX_COMPARED)
    return report


def _write(conn: Connection, stories: list[Story], *, fresh: bool, known: set[int]) -> None:
    """Write (or rewrite) the given stories: row, new members, duplicate links and findings."""
    from presslens.stories.compare import compare_story

    existing: set[str] = set()
    if not fresh and stories:
        existing = set(conn.scalars(select(StoryRow.id).where(StoryRow.id.in_([s.id for s in stories]))))
    for s in stories:
        if s.id in existing:
            conn.execute(update(StoryRow).where(StoryRow.id == s.id).values(title=s.title, n_articles=len(s.articles)))
            conn.execute(delete(DuplicateRow).where(DuplicateRow.story_id == s.id))
            conn.execute(delete(ClaimRow).where(ClaimRow.finding_id.in_(
                select(FindingRow.id).where(FindingRow.story_id == s.id))))
            conn.execute(delete(FindingRow).where(FindingRow.story_id == s.id))
        else:
            conn.execute(insert(StoryRow).values(id=s.id, title=s.title, n_articles=len(s.articles)))
        members = [{"article_pk": int(a), "story_id": s.id, "position": i}
                   for i, a in enumerate(s.articles) if int(a) not in known]
        if members:
            conn.execute(insert(StoryArticleRow), members)
        members_set = set(s.articles)
        dups = [{"copy_pk": int(c), "original_pk": int(o), "story_id": s.id}
                for c, o in s.duplicates if o in members_set]
        if dups:
            conn.execute(insert(DuplicateRow), dups)
        if not 2 <= len(s.articles) <= MAX_COMPARED:
            continue
        full = load_analyses(conn, [int(a) for a in s.articles], full=True)
        findings = compare_story(s, [full[int(a)] for a in s.articles]).findings
        for pos, f in enumerate(findings):
            fid = conn.execute(insert(FindingRow).returning(FindingRow.id).values(
                story_id=s.id, position=pos, kind=f.kind, subject=f.subject, confidence=f.confidence,
                explanation=f.explanation)).scalar_one()
            conn.execute(insert(ClaimRow), [
                {"finding_id": fid, "position": j, "article_pk": int(c.article), "start": c.start, "end": c.end,
                 "text": c.text, "value": c.value} for j, c in enumerate(f.claims)])


# ------------------------------------------------------------------------------------------------
# Reading stored stories
# ------------------------------------------------------------------------------------------------


def has_stories(conn: Connection) -> bool:
    """Whether the database holds any stored story (the web falls back to live grouping otherwise)."""
    return conn.execute(select(StoryRow.id).limit(1)).first() is not None


def stored_stories(conn: Connection, ids: Iterable[str] | None = None) -> list[Story]:
    """Stored stories (article ids as ``str(pk)``) in the order they were started."""
    stmt = select(StoryRow.id, StoryRow.title)
    if ids is not None:
        stmt = stmt.where(StoryRow.id.in_(list(ids)))
    rows = conn.execute(stmt).all()
    if not rows:
        return []
    wanted = [r.id for r in rows]
    members: dict[str, list[tuple[int, int]]] = defaultdict(list)
    dups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i in range(0, len(wanted), BATCH):
        part = wanted[i:i + BATCH]
        for sid, pk, pos in conn.execute(select(StoryArticleRow.story_id, StoryArticleRow.article_pk,
                                                StoryArticleRow.position).where(StoryArticleRow.story_id.in_(part))):
            members[sid].append((pos, pk))
        for sid, c, o in conn.execute(select(DuplicateRow.story_id, DuplicateRow.copy_pk, DuplicateRow.original_pk)
                                      .where(DuplicateRow.story_id.in_(part))):
            dups[sid].append((c, o))
    out = []
    for r in rows:
        order = [pk for _, pk in sorted(members[r.id])]
        rank = {pk: i for i, pk in enumerate(order)}
        out.append(Story(id=r.id, title=r.title, articles=[str(pk) for pk in order],
                         duplicates=[(str(c), str(o)) for c, o in sorted(dups[r.id], key=lambda d: rank.get(d[0], 0))]))
    out.sort(key=lambda s: min((int(a) for a in s.articles), default=0))
    return out


def stored_findings(conn: Connection, story: str | None = None, kind: str | None = None) -> Iterator[Finding]:
    """Stored findings (claims' article ids as ``str(pk)``), story by story in stored order."""
    stmt = select(FindingRow.id, FindingRow.story_id, FindingRow.kind, FindingRow.subject, FindingRow.confidence,
                  FindingRow.explanation)
    if story is not None:
        stmt = stmt.where(FindingRow.story_id == story)
    if kind is not None:
        stmt = stmt.where(FindingRow.kind == kind)
    rows = conn.execute(stmt.order_by(FindingRow.story_id, FindingRow.position)).all()
    for i in range(0, len(rows), BATCH):
        part = rows[i:i + BATCH]
        claims: dict[int, list[Claim]] = defaultdict(list)
        for c in conn.execute(select(ClaimRow).where(ClaimRow.finding_id.in_([r.id for r in part]))
                              .order_by(ClaimRow.finding_id, ClaimRow.position)):
            claims[c.finding_id].append(Claim(article=str(c.article_pk), start=c.start, end=c.end, text=c.text,
                                              value=c.value))
        for r in part:
            yield Finding(kind=r.kind, story=r.story_id, subject=r.subject, claims=claims[r.id],
                          confidence=r.confidence, explanation=r.explanation or "")


def stored_links(conn: Connection, story: str) -> list[StoryLink]:
    """The "possible same story" links touching ``story`` from either side (article ids as ``str(pk)``)."""
    rows = conn.execute(select(StoryLinkRow.story_id, StoryLinkRow.other_story_id, StoryLinkRow.article_pk,
                               StoryLinkRow.score, StoryLinkRow.pairs)
                        .where(or_(StoryLinkRow.story_id == story, StoryLinkRow.other_story_id == story))
                        .order_by(StoryLinkRow.id)).all()
    return [StoryLink(story=r.story_id, other=r.other_story_id, article=str(r.article_pk), score=r.score,
                      pairs=[tuple(p) for p in json.loads(r.pairs)]) for r in rows]


def article_info(conn: Connection, pks: set[int]) -> dict[str, tuple[str, str | None]]:
    """``str(pk)`` → (the article's own ``article_id``, its outlet), for exports and listings."""
    out: dict[str, tuple[str, str | None]] = {}
    ordered = sorted(pks)
    for i in range(0, len(ordered), BATCH):
        out.update({str(pk): (aid, outlet) for pk, aid, outlet in conn.execute(
            select(ArticleRow.id, ArticleRow.article_id, ArticleRow.outlet)
            .where(ArticleRow.id.in_(ordered[i:i + BATCH])))})
    return out


def _article_ids(conn: Connection, pks: set[int]) -> dict[str, str]:
    """``str(pk)`` → the article's own ``article_id`` (what the articles export calls it)."""
    return {k: aid for k, (aid, _) in article_info(conn, pks).items()}


# ------------------------------------------------------------------------------------------------
# Export (issue 6 shapes), plugged into presslens.store.export
# ------------------------------------------------------------------------------------------------

_CLAIM = pa.struct([("article", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                    ("value", pa.string())])
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "stories": [("story", pa.string()), ("title", pa.string()), ("articles", pa.list_(pa.string())),
                ("duplicates", pa.list_(pa.list_(pa.string())))],
    "findings": [("kind", pa.string()), ("story", pa.string()), ("subject", pa.string()),
                 ("confidence", pa.float64()), ("explanation", pa.string()), ("claims", pa.list_(_CLAIM))],
}


def story_records(store: Store) -> Iterator[dict[str, Any]]:
    """``{"story", "title", "articles": [article ids], "duplicates": [[copy id, original id]]}``.

    Stored articles not yet in a story (saved without ingest's grouping step, or an ingest
    killed before it) are grouped first, so an export always covers the whole corpus.
    """
    update_stories(store)
    with store.engine.connect() as conn:
        stories = stored_stories(conn)
        ids = _article_ids(conn, {int(a) for s in stories for a in s.articles})
    for s in stories:
        rec = s.to_dict()
        rec["articles"] = [ids[a] for a in s.articles]
        rec["duplicates"] = [[ids[c], ids[o]] for c, o in s.duplicates]
        yield rec


def finding_records(store: Store) -> Iterator[dict[str, Any]]:
    """``{"kind", "story", "subject", "confidence", "explanation", "claims": [{"article", "start", "end", "text",
    "value"}]}``.

    Ungrouped stored articles are grouped first, as for :func:`story_records`.
    """
    update_stories(store)
    with store.engine.connect() as conn:
        findings = list(stored_findings(conn))
        ids = _article_ids(conn, {int(c.article) for f in findings for c in f.claims})
    for f in findings:
        rec = f.to_dict()
        for c in rec["claims"]:
            c["article"] = ids[c["article"]]
        yield rec
