"""Relational schema for stored corpora: one SQLAlchemy model set for SQLite and PostgreSQL.

Why these tables: researchers query corpora by article, by quote and by person, and export
each as a flat table. Every span keeps the article's character offsets, so a stored quote can
always be checked against ``articles.text[start:end]``. Article-level rows (entities, mentions,
roles, quotes, techniques, claims) are written once per article and never rewritten; corpus-level rows
(``people`` and ``person_links``) are derived from them and can be rebuilt, which is why the
link from an article's entity to a person lives in its own table rather than on ``entities``.

Full-text indexes are dialect specific (SQLite FTS5 virtual tables, PostgreSQL GIN indexes on
``to_tsvector``) and are created by the migrations, not by these models.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from presslens.settings import get_settings


def utcnow() -> datetime:
    """Timezone-aware now, so SQLite and PostgreSQL rows carry the same kind of timestamp."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base shared by all presslens tables (alembic compares against its metadata)."""


class ArticleRow(Base):
    """One analysed article, keyed for idempotence by the SHA-256 of its decoded text."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    article_id: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    outlet: Mapped[str | None] = mapped_column(Text, index=True)
    date: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    body_start: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    errors: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    #: :class:`presslens.model.Lead` as ``{"nouns": [[start, end]...], "asides": [...]}``; null for rows stored
    #: before revision 0018 (the story layer then parses the lead itself).
    lead: Mapped[dict[str, list[list[int]]] | None] = mapped_column(JSON, nullable=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class EntityRow(Base):
    """A person, organisation or place as canonicalised within one article."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    local_id: Mapped[str] = mapped_column(Text, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    type: Mapped[str] = mapped_column(String(16), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(16))
    gender_source: Mapped[str | None] = mapped_column(String(32))
    gender_evidence: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("article_pk", "local_id", name="uq_entities_article_local"),)


class MentionRow(Base):
    """One place in the article text where an entity is mentioned."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)


class RoleRow(Base):
    """A role or title the article claims for an entity ("the opposition leader"), with offsets."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)


class QuoteRow(Base):
    """A statement attributed to a speaker, with its cue, speaker mention and channel."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    type: Mapped[str] = mapped_column(String(16), nullable=False)
    channel: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    cue_text: Mapped[str | None] = mapped_column(Text)
    cue_lemma: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_entity_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    #: held-out precision of the attribution (analysis/confidence.py); NULL for rows stored before it
    confidence: Mapped[float | None] = mapped_column(Float)


def quote_listed(threshold: float | None = None) -> ColumnElement[bool]:
    """Quotes counted and shown as attributions: confidence at or above the threshold (the
    ``attribution_threshold`` setting by default); rows with no confidence stay listed."""
    if threshold is None:
        threshold = get_settings().attribution_threshold
    return or_(QuoteRow.confidence.is_(None), QuoteRow.confidence >= threshold)


class TechniqueRow(Base):
    """A span using one of the PTC propaganda techniques."""

    __tablename__ = "techniques"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    technique: Mapped[str] = mapped_column(String(64), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    in_quote: Mapped[bool] = mapped_column(Boolean, nullable=False)
    #: Calibrated held-out precision (null for rows stored before revision 0016).
    confidence: Mapped[float | None] = mapped_column(Float)


class ArticleClaimRow(Base):
    """A stated quantity (``presslens.model.Claim``): value, qualifier, measure, source and time."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(8))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    qualifier_start: Mapped[int | None] = mapped_column(Integer)
    measure: Mapped[str | None] = mapped_column(String(16), index=True)
    counted: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    quote_type: Mapped[str | None] = mapped_column(String(16))
    when: Mapped[str | None] = mapped_column(Text)
    when_start: Mapped[int | None] = mapped_column(Integer)
    when_end: Mapped[int | None] = mapped_column(Integer)


class PersonRow(Base):
    """A person across the corpus: every article entity that names the same human links here.

    ``key`` is the accent-folded, lower-cased name used for matching; ``gender`` is the
    corpus-level verdict with the ``gender_source`` that decided it (``pronoun``,
    ``honorific``, ``name_dictionary`` or ``none``) and the evidence behind it.
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    key: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    surname_key: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    gender: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    gender_source: Mapped[str] = mapped_column(String(32), nullable=False, default="none")
    gender_evidence: Mapped[str | None] = mapped_column(Text)
    #: Registry attributes (revision 0015); each ``*_source`` says where the value came from
    #: (``register`` for the user's trusted list, ``article`` for what articles claim).
    wikidata_id: Mapped[str | None] = mapped_column(Text, index=True)
    party: Mapped[str | None] = mapped_column(Text)
    party_source: Mapped[str | None] = mapped_column(Text)
    side: Mapped[str | None] = mapped_column(Text)
    side_source: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    role_source: Mapped[str | None] = mapped_column(Text)
    #: Loaded from a register: its identity and attributes are fixed by the user.
    pinned: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())


class PersonLinkRow(Base):
    """Which person an article's PERSON entity was merged into, and how (for audit).

    A bare surname resolved across articles is ``method="inferred"`` with a ``confidence`` in
    [0, 1] and its ``surname_key``, so it is re-resolved when the registry changes.
    """

    __tablename__ = "person_links"

    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(32), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    confidence: Mapped[float | None] = mapped_column(Float)
    surname_key: Mapped[str | None] = mapped_column(Text, index=True)


class PersonAliasRow(Base):
    """A name (folded ``key``) that always means this person; from a register or from article evidence."""

    __tablename__ = "person_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    alias: Mapped[str] = mapped_column(Text, nullable=False)
    key: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str] = mapped_column(String(32), nullable=False)

    __table_args__ = (UniqueConstraint("key", name="uq_person_aliases_key"),)


class PersonUnresolvedRow(Base):
    """A bare-surname PERSON entity the evidence could not settle (kept, not guessed), with why."""

    __tablename__ = "person_unresolved"

    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    surname_key: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)


class RejectionRow(Base):
    """An input that could not be analysed, with the reason; re-seen rejections update ``last_seen``."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    input: Mapped[str] = mapped_column(Text, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    times_seen: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


Index("ix_rejections_input", RejectionRow.input)
