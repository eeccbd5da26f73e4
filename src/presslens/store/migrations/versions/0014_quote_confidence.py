"""Quotes: the attribution confidence (held-out precision on PolNeAR train, analysis/confidence.py).

Why a column: person pages, search and ``presslens people`` count only attributions at or above
the ``attribution_threshold`` setting, and exports carry every quote with its confidence. Rows
stored before this revision have no confidence (NULL) and stay listed: nothing is known
against them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 05:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite supports it): no table rebuild, the full-text triggers stay
    op.add_column("quotes", sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("confidence")
