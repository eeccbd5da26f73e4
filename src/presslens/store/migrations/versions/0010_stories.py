"""Stories: story membership, syndicated-copy links, findings and their claims.

Why separate tables rather than columns on ``articles``: stories are corpus-level and derived
(``presslens stories --rebuild`` recomputes them), like ``people``, so they can be dropped and
rewritten without touching the per-article rows. Models: ``presslens.store.stories``.

Revision ID: 0010
Revises: 0003
Create Date: 2026-11-25 17:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "story_articles",
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_pk"),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "story_duplicates",
        sa.Column("copy_pk", sa.Integer(), nullable=False),
        sa.Column("original_pk", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["copy_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["original_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("copy_pk"),
    )
    op.create_index("ix_story_duplicates_story_id", "story_duplicates", ["story_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_findings_story_id", "findings", ["story_id"])
    op.create_index("ix_findings_kind", "findings", ["kind"])
    op.create_table(
        "finding_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_finding_claims_finding_id", "finding_claims", ["finding_id"])
    op.create_index("ix_finding_claims_article_pk", "finding_claims", ["article_pk"])


def downgrade() -> None:
    for table in ("finding_claims", "findings", "story_duplicates", "story_articles", "stories"):
        op.drop_table(table)
