"""Stated quantities per article (``claims``) and a confidence and explanation per finding.

Why: number findings are built from claims read from the spaCy parse at analysis time; story
comparison runs on stored analyses without re-parsing, so the claims are stored with the article.
Findings gain ``confidence`` and ``explanation`` so the web page and ``presslens story`` can order
them and hide the doubtful ones; both are NULL for findings stored before this revision (they are
recomputed when the story is next rewritten).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 04:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=8), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=True),
        sa.Column("qualifier_start", sa.Integer(), nullable=True),
        sa.Column("measure", sa.String(length=16), nullable=True),
        sa.Column("counted", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("quote_type", sa.String(length=16), nullable=True),
        sa.Column("when", sa.Text(), nullable=True),
        sa.Column("when_start", sa.Integer(), nullable=True),
        sa.Column("when_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claims_article_pk", "claims", ["article_pk"])
    op.create_index("ix_claims_measure", "claims", ["measure"])
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("explanation", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("explanation")
        batch.drop_column("confidence")
    op.drop_index("ix_claims_measure", table_name="claims")
    op.drop_index("ix_claims_article_pk", table_name="claims")
    op.drop_table("claims")
