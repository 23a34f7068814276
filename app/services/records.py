"""Loading a record for an edit: missing records and stale versions become clear errors."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.services.errors import ConflictError, NotFoundError

M = TypeVar("M")


def load(session: Session, model: type[M], record_id: int, label: str) -> M:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"This {label} no longer exists; someone may have deleted it.")
    return record


def expect_version(record: Any, version: int, label: str) -> None:
    """Refuse to save over a record that changed since the user opened it."""
    if record.version != version:
        raise ConflictError(
            f"This {label} was changed by someone else at "
            f"{record.updated_at:%Y-%m-%d %H:%M} UTC since you opened it. "
            "Reload it to see their changes, then edit again."
        )
