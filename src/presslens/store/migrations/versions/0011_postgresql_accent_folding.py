"""PostgreSQL: full-text search folds accents, as SQLite's FTS5 does, so "Guaido" finds "Guaidó".

How: the ``unaccent`` extension (it ships with PostgreSQL's contrib modules, part of Debian's
``postgresql-NN`` package) and a text search configuration, ``presslens_english``: the
``english`` one with the ``unaccent`` dictionary in front of the English stemmer for word
tokens that contain non-ASCII letters (the set-up the PostgreSQL manual gives for unaccent).

Why a configuration rather than an immutable wrapper around ``unaccent(text)``: ``unaccent()``
is only STABLE (it finds its dictionary by name through ``search_path``), which is what keeps
it out of an index; a wrapper declared IMMUTABLE would get around that, but ``ts_headline``
then either sees the folded text (snippets lose their accents) or fails to mark an accented
word that matched. Inside a configuration the dictionary is bound by OID, and
``to_tsvector(regconfig, text)`` is itself immutable, so the stored ``tsv`` columns and their
GIN indexes use it directly, queries fold the same way (``phraseto_tsquery('presslens_english',
...)``) and snippets mark "Guaidó" for the query "Guaido".

The ``tsv`` columns are dropped and added again with the new configuration (PostgreSQL 15
cannot change a generated column's expression), which recomputes them for every stored row.
The expression indexes of revision 0002 are dropped: every query reads ``tsv`` now. SQLite is
not touched (its FTS5 tables already remove diacritics).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 18:40:00
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CONFIG = "presslens_english"
_DOCS = {
    "articles": "coalesce(title, '') || ' ' || text",
    "quotes": "text",
}


def _set_tsv(config: str) -> None:
    for table, doc in _DOCS.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_tsv")
        op.execute(f"ALTER TABLE {table} DROP COLUMN tsv")
        op.execute(f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
                   f"GENERATED ALWAYS AS (to_tsvector('{config}', {doc})) STORED")
        op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").first() is None:
        raise RuntimeError(
            "PostgreSQL's unaccent extension is not installed on the database server; presslens needs it to fold "
            "accents in search (install the server's contrib modules, e.g. Debian's postgresql package)")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema = bind.exec_driver_sql(
        "SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'").scalar()
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
               f"WITH {schema}.unaccent, english_stem")
    _set_tsv(CONFIG)
    op.execute("DROP INDEX IF EXISTS ix_articles_fts")
    op.execute("DROP INDEX IF EXISTS ix_quotes_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _set_tsv("english")
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIG}")
    op.execute("CREATE INDEX ix_articles_fts ON articles USING gin "
               "(to_tsvector('english', coalesce(title, '') || ' ' || text))")
    op.execute("CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))")
