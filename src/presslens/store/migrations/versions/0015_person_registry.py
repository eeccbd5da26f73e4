"""Person registry: canonical people with pinned attributes, aliases, inferred links, unresolved surnames.

Why: a bare ``Clinton`` across articles is resolved to the person its outlet and period
overwhelmingly mean and recorded as *inferred* with a confidence (``person_links.confidence``,
``surname_key`` so the link can be re-resolved when the registry changes); a bare surname the
evidence cannot settle is kept in ``person_unresolved`` instead of being guessed. A register the
user trusts (``presslens people --register``) pins names, aliases, Wikidata ids, gender, party,
side and role; each attribute keeps where it came from (``*_source``). Models:
``presslens.store.schema``.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 05:05:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_PERSON_COLUMNS = ("wikidata_id", "party", "party_source", "side", "side_source", "role", "role_source")


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        for name in _PERSON_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch.add_column(sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_people_wikidata_id", "people", ["wikidata_id"])
    with op.batch_alter_table("person_links") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("surname_key", sa.Text(), nullable=True))
    op.create_index("ix_person_links_surname_key", "person_links", ["surname_key"])
    op.create_table(
        "person_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_person_aliases_key"),
    )
    op.create_index("ix_person_aliases_person_id", "person_aliases", ["person_id"])
    op.create_table(
        "person_unresolved",
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("surname_key", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entity_pk"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_pk"),
    )
    op.create_index("ix_person_unresolved_surname_key", "person_unresolved", ["surname_key"])


def downgrade() -> None:
    op.drop_table("person_unresolved")
    op.drop_table("person_aliases")
    op.drop_index("ix_person_links_surname_key", table_name="person_links")
    with op.batch_alter_table("person_links") as batch:
        batch.drop_column("surname_key")
        batch.drop_column("confidence")
    op.drop_index("ix_people_wikidata_id", table_name="people")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("pinned")
        for name in reversed(_PERSON_COLUMNS):
            batch.drop_column(name)
