"""area neighbors: which areas border which, for the displacement check

Revision ID: 0002_area_neighbors
Revises: 0001_initial
Create Date: 2026-11-28 18:57:49.609756
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_area_neighbors"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area_neighbors",
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("neighbor_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("area_id < neighbor_id", name=op.f("ck_area_neighbors_stored_once")),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"],
            name=op.f("fk_area_neighbors_area_id_areas"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["neighbor_id"], ["areas.id"],
            name=op.f("fk_area_neighbors_neighbor_id_areas"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("area_id", "neighbor_id", name=op.f("pk_area_neighbors")),
    )
    with op.batch_alter_table("area_neighbors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_area_neighbors_neighbor_id"), ["neighbor_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("area_neighbors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_neighbors_neighbor_id"))
    op.drop_table("area_neighbors")
