"""Technique spans carry their calibrated confidence (issue 19).

Why a column: the article page and exports show how far a highlight can be trusted — the
precision spans of that technique and score had on held-out PTC articles — and the default
analysis keeps only spans whose confidence reaches 0.5. Rows stored before this revision keep a
null confidence (their spans came from the recall-oriented tagger of the time).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 05:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("techniques") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("techniques") as batch:
        batch.drop_column("confidence")
