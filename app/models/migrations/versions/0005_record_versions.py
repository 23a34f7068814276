"""record versions: expenditures and survey responses get timestamps and a version

Both became editable records like the rest (optimistic locking: a save over a version
someone else changed meanwhile is refused). Existing rows start at version 1; their
``created_at`` is when the audit log saw them created (an imported response: its import),
their ``updated_at`` the latest audit entry about them, and the upgrade's time where the
log knows nothing. The columns are added nullable, filled, then made NOT NULL (on SQLite
the last step copies the table, which batch mode does with foreign keys off).

Revision ID: 0005_record_versions
Revises: 0004_evaluation_indexes
Create Date: 2026-11-28 22:00:32.534904
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005_record_versions"
down_revision = "0004_evaluation_indexes"
branch_labels = None
depends_on = None

TABLES = ("expenditures", "survey_responses")
COLUMNS = (("created_at", sa.DateTime()), ("updated_at", sa.DateTime()),
           ("version", sa.Integer()))

audit = sa.table("audit_entries", sa.column("at", sa.DateTime()),
                 sa.column("action", sa.String()), sa.column("entity", sa.String()),
                 sa.column("entity_id", sa.Integer()))
batches = sa.table("import_batches", sa.column("id", sa.Integer()),
                   sa.column("imported_at", sa.DateTime()))


def _fill(name: str, now: datetime) -> None:
    columns = [sa.column("id", sa.Integer()), *(sa.column(c, t) for c, t in COLUMNS)]
    if name == "survey_responses":
        columns.append(sa.column("import_batch_id", sa.Integer()))
    rows = sa.table(name, *columns)

    def logged(value: Any, *where: Any) -> Any:
        return (sa.select(value).where(audit.c.entity == name, audit.c.entity_id == rows.c.id,
                                       *where).scalar_subquery())

    # Created: the latest creation logged (SQLite may reuse the id of a deleted row), the
    # import that added it, or the first entry about it. Updated: the last entry about it.
    imported = ([sa.select(batches.c.imported_at)
                 .where(batches.c.id == rows.c.import_batch_id).scalar_subquery()]
                if name == "survey_responses" else [])
    stamp = sa.literal(now, sa.DateTime())
    op.execute(rows.update().values(
        version=1,
        created_at=sa.func.coalesce(logged(sa.func.max(audit.c.at), audit.c.action == "create"),
                                    *imported, logged(sa.func.min(audit.c.at)), stamp),
        updated_at=sa.func.coalesce(logged(sa.func.max(audit.c.at)), *imported, stamp),
    ))


def upgrade() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC, as UTCDateTime does
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column, type_ in COLUMNS:
                batch_op.add_column(sa.Column(column, type_, nullable=True))
        _fill(name, now)
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column, type_ in COLUMNS:
                batch_op.alter_column(column, existing_type=type_, nullable=False)


def downgrade() -> None:
    for name in reversed(TABLES):
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column, _type in reversed(COLUMNS):
                batch_op.drop_column(column)
