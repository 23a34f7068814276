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
    owner_organization: str  # the owner's primary organization ("" for residents)
    due_on: date | None
    days_overdue: int  # 0 when not yet due or without a due date
    meeting_id: int | None  # the meeting it was born in


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
            Person.organization_name,
            ActionItem.due_on,
            ActionItem.meeting_id,
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
            owner_organization=organization or "",
            due_on=due,
            days_overdue=max((today - due).days, 0) if due else 0,
            meeting_id=meeting_id,
        )
        for item_id, text, first, last, organization, due, meeting_id in rows
    ]
