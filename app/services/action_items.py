"""Queries over action items shared by the dashboard, the detail panels and later pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.models import ActionItem, ActionStatus, Person
from app.models.directory import person_name


@dataclass(frozen=True)
class OpenAction:
    id: int
    description: str
    owner: str
    due_on: date | None
    days_overdue: int  # 0 when not yet due or without a due date


def open_actions(
    session: Session, *conditions: ColumnElement[bool], today: date, limit: int = 50
) -> list[OpenAction]:
    """Open action items meeting ``conditions``, soonest due first (undated last)."""
    rows = session.execute(
        select(
            ActionItem.id,
            ActionItem.description,
            Person.first_name,
            Person.last_name,
            ActionItem.due_on,
        )
        .outerjoin(Person, Person.id == ActionItem.owner_id)
        .where(ActionItem.status == ActionStatus.OPEN, *conditions)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
        .limit(limit)
    )
    return [
        OpenAction(
            id=item_id,
            description=text,
            owner=person_name(first, last),
            due_on=due,
            days_overdue=max((today - due).days, 0) if due else 0,
        )
        for item_id, text, first, last, due in rows
    ]
