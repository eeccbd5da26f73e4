"""Full-text search over article text and quote text.

SQLite: FTS5 external-content tables (``articles_fts``, ``quotes_fts``) kept in step by
triggers, with the porter stemmer over unicode61 (diacritics removed) so "attempts" finds
"attempt" and "Guaido" finds "Guaidó". PostgreSQL: GIN indexes on ``to_tsvector('english',
...)`` expressions, which the search module queries with the same expression so the planner
uses them. Existing rows are indexed by this revision, so an older database upgrades in place.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:05:00
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_FTS_TABLES = {"articles": ("title", "text"), "quotes": ("text",)}


def _sqlite_upgrade() -> None:
    for table, cols in _FTS_TABLES.items():
        collist = ", ".join(cols)
        newcols = ", ".join(f"new.{c}" for c in cols)
        oldcols = ", ".join(f"old.{c}" for c in cols)
        op.execute(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({collist}, content='{table}', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {table}_fts(rowid, {collist}) VALUES (new.id, {newcols}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {table}_fts({table}_fts, rowid, {collist}) VALUES ('delete', old.id, {oldcols}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {table}_fts({table}_fts, rowid, {collist}) VALUES ('delete', old.id, {oldcols}); "
            f"INSERT INTO {table}_fts(rowid, {collist}) VALUES (new.id, {newcols}); END"
        )
        op.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def _postgresql_upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_articles_fts ON articles USING gin "
        "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
    )
    op.execute("CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        _postgresql_upgrade()
    else:
        raise NotImplementedError(f"presslens full-text search supports sqlite and postgresql, not {dialect}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _FTS_TABLES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
        op.execute("DROP INDEX IF EXISTS ix_quotes_fts")
