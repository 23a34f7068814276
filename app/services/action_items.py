"""Action items: validated create/update, bulk "done", and the open-items query shared by
the dashboard, the detail panels, the meeting editor and the packet."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.models import ActionItem, ActionStatus, Person
from app.models.directory import person_name
from app.services.errors import FieldErrors
from app.services.fields import clean
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

LABEL = "action item"


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


@dataclass(frozen=True)
class ActionItemInput:
    description: str
    owner_id: int | None = None
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    completed_on: date | None = None  # today when marked done without a date
    notes: str = ""
    meeting_id: int | None = None  # the meeting it was born in
    initiative_id: int | None = None


def validated(data: ActionItemInput, today: date) -> ActionItemInput:
    errors = FieldErrors()
    description = clean(data.description)
    errors.require("description", description, "Description")
    completed = data.completed_on if data.status is ActionStatus.DONE else None
    if data.status is ActionStatus.DONE and completed is None:
        completed = today
    errors.check(
        completed is None or completed <= today,
        "completed_on",
        "The completion date cannot be in the future.",
    )
    errors.raise_if_any()
    return replace(data, description=description, completed_on=completed,
                   notes=data.notes.strip())


def create_action_item(ws: Workspace, data: ActionItemInput, today: date | None = None) -> int:
    ws.require(Permission.EDIT)
    data = validated(data, today or date.today())
    with ws.write() as action:
        item = ActionItem(**asdict(data))
        action.session.add(item)
        action.session.flush()
        return item.id


def update_action_item(
    ws: Workspace, item_id: int, data: ActionItemInput, version: int, today: date | None = None
) -> None:
    ws.require(Permission.EDIT)
    data = validated(data, today or date.today())
    with ws.write() as action:
        item = load(action.session, ActionItem, item_id, LABEL)
        expect_version(item, version, LABEL)
        for key, value in asdict(data).items():
            setattr(item, key, value)


def mark_done(ws: Workspace, item_ids: list[int], on: date | None = None) -> int:
    """Mark the open items among ``item_ids`` done on ``on`` (today); how many changed."""
    ws.require(Permission.EDIT)
    on = on or date.today()
    with ws.write() as action:
        items = action.session.scalars(
            select(ActionItem).where(
                ActionItem.id.in_(item_ids), ActionItem.status == ActionStatus.OPEN
            )
        ).all()
        for item in items:
            item.status = ActionStatus.DONE
            item.completed_on = on
        return len(items)


def action_item_form(ws: Workspace, item_id: int) -> tuple[int, ActionItemInput]:
    """The values the edit dialog starts from, and the version to save against."""
    with ws.read() as session:
        item = load(session, ActionItem, item_id, LABEL)
        data = ActionItemInput(**{f.name: getattr(item, f.name) for f in fields(ActionItemInput)})
        return item.version, data
