"""The event each article's lead reports (``lead_events``; issue 15).

Why a table: story grouping reads the class of the lead's event (statement, decision, happening,
plan) from the dependency parse at analysis time, and the store regroups by replaying stored
analyses without parsing, so the event is stored with the article. Articles stored before this
revision have no row: grouping treats their event as unknown (it never clashes).

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-30 07:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lead_events",
        sa.Column("article_pk", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("verb", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("object", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_pk"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_pk"),
    )


def downgrade() -> None:
    op.drop_table("lead_events")
