"""Articles keep the words their headline and lead name the event by (``presslens.model.Lead``).

Why a column: comparing those words across outlets (headline swaps) needs the parse, which only the analysis
has; kept with the article, the story layer no longer parses every article of a story again (a quarter of the
analysis time before). Rows stored before this revision keep a null lead, which the story layer reads from a
parse of the text's first paragraphs, as before.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("lead", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("lead")
