"""PostgreSQL: stored tsvector columns for articles and quotes.

Why: revision 0002 indexed ``to_tsvector(...)`` expressions, which makes matching fast but
ranking slow, because ``ts_rank`` has to rebuild the vector of every matching row; on 10,000
articles a common word cost ~0.7 s (p50) per article search. A generated, stored ``tsv``
column is computed once at insert and both the GIN index and the ranking read it. SQLite's
FTS5 tables already store their index, so this revision changes nothing there.

The 0002 expression indexes stay for now: code written against them (the web queries) keeps
its speed until it reads ``tsv``; a later revision can drop them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:55:00
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_DOCS = {
    "articles": "to_tsvector('english', coalesce(title, '') || ' ' || text)",
    "quotes": "to_tsvector('english', text)",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, doc in _DOCS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({doc}) STORED")
        op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _DOCS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_tsv")
        op.execute(f"ALTER TABLE {table} DROP COLUMN tsv")
