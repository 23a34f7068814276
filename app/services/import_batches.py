"""What every importer (contacts, crime statistics, survey responses) shares about its
batches: the history row, the listing newest first, and the checks and marks of an undo.

Each importer removes its own records on undo; this module only finds the batch, refuses
one that is gone or already undone, and marks it undone (it stays listed, so the same
file can be imported again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ImportBatch, ImportKind, utcnow
from app.services.errors import NotFoundError, ValidationError
from app.services.workspace import Workspace


@dataclass(frozen=True)
class ImportBatchRow:
    """One import in a history list."""

    id: int
    source_name: str
    layout: str
    imported_at: datetime
    imported_by: str
    rows_read: int
    rows_added: int
    rows_skipped: int
    undone_at: datetime | None
    undone_by: str

    @property
    def can_undo(self) -> bool:
        return self.undone_at is None


Row = TypeVar("Row", bound=ImportBatchRow)


def batches_of_kind(session: Session, kind: ImportKind) -> Sequence[ImportBatch]:
    """The batches of one kind of import, newest first."""
    return session.scalars(
        select(ImportBatch).where(ImportBatch.kind == kind).order_by(ImportBatch.id.desc())
    ).all()


def batch_row(batch: ImportBatch, row_type: type[Row] = ImportBatchRow,  # type: ignore[assignment]
              **more: Any) -> Row:
    """The history row of ``batch``; ``more`` fills the fields a subclass adds."""
    return row_type(
        id=batch.id, source_name=batch.source_name, layout=batch.layout,
        imported_at=batch.imported_at, imported_by=batch.imported_by,
        rows_read=batch.rows_read, rows_added=batch.rows_added,
        rows_skipped=batch.rows_skipped, undone_at=batch.undone_at,
        undone_by=batch.undone_by, **more,
    )


def batch_to_undo(session: Session, batch_id: int, kind: ImportKind,
                  missing: str) -> ImportBatch:
    """The batch, if it is one of ``kind``: NotFoundError(``missing``) when there is none
    (an importer never undoes another's batch), ValidationError when it was undone."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.kind is not kind:
        raise NotFoundError(missing)
    if batch.undone_at is not None:
        raise ValidationError.single(
            "", f"This import was already undone on {batch.undone_at:%Y-%m-%d %H:%M} UTC."
        )
    return batch


def mark_undone(session: Session, ws: Workspace, batch: ImportBatch) -> None:
    """Mark the batch undone now, by the workspace's user."""
    batch.undone_at = utcnow()
    batch.undone_by = ws.user_name
    session.flush()
