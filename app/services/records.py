"""Loading a record for an edit: missing records and stale versions become clear errors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.services.errors import ConflictError, NotFoundError

M = TypeVar("M")


def load(
    session: Session, model: type[M], record_id: int, label: str, options: Sequence[Any] = ()
) -> M:
    """The record, with ``options`` (e.g. selectinload) applied; NotFoundError if gone."""
    record = session.get(model, record_id, options=options)
    if record is None:
        raise NotFoundError(f"This {label} no longer exists; someone may have deleted it.")
    return record


def expect_version(record: Any, version: int, label: str) -> None:
    """Refuse to save over a record that changed since the user opened it.

    The message names who changed it and when, from the record's latest audit entry
    (falling back to the record's own ``updated_at`` when the log has nothing).
    """
    if record.version == version:
        return
    session = inspect(record).session
    entity = inspect(record).mapper.local_table.name
    latest = None
    if session is not None:
        latest = session.execute(
            select(AuditEntry.user_name, AuditEntry.at)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == record.id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(1)
        ).first()
    changed_by = latest.user_name if latest is not None else None
    changed_at: datetime | None = latest.at if latest is not None else record.updated_at
    raise ConflictError(
        conflict_message(label, changed_by, changed_at),
        changed_by=changed_by,
        changed_at=changed_at,
    )


def conflict_message(label: str, changed_by: str | None, changed_at: datetime | None) -> str:
    who = changed_by or "someone else"
    when = f" at {changed_at:%Y-%m-%d %H:%M} (UTC)" if changed_at is not None else ""
    return (
        f"This {label} was changed by {who}{when} since you opened it. "
        "Reload it to see their changes, then edit again."
    )
