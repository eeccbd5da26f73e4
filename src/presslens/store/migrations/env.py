"""Alembic environment for presslens: always driven programmatically by ``open_store``.

The caller hands over a live connection in ``config.attributes["connection"]`` so migrations
run inside the same engine (and, for SQLite, the same file lock) that the store then uses.
``render_as_batch`` lets later revisions alter SQLite tables, which SQLite cannot ALTER.
"""
from __future__ import annotations

from alembic import context

from presslens.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when run as the `alembic` CLI
    raise RuntimeError("presslens migrations run through presslens.store.open_store(url), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
