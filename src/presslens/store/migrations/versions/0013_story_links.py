"""Possible-same-story links: an article that would join another story on framing words alone.

Derived like the other story tables (rewritten by every grouping pass from the replay), so a
table of its own that ``presslens stories --rebuild`` can empty. Model: ``presslens.store.stories``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 04:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("other_story_id", sa.String(length=32), nullable=False),
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("pairs", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_story_links_story_id", "story_links", ["story_id"])
    op.create_index("ix_story_links_other_story_id", "story_links", ["other_story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_links_other_story_id", table_name="story_links")
    op.drop_index("ix_story_links_story_id", table_name="story_links")
    op.drop_table("story_links")
