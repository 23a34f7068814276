"""What the Action items page lists: every item across meetings, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import ActionItem, ActionStatus, Affiliation, Initiative, Meeting, Person
from app.models.directory import person_name
from app.services.pages import Page
from app.services.search import contains_words
from app.services.workspace import Workspace


@dataclass(frozen=True)
class ActionQuery:
    search: str = ""
    status: ActionStatus | None = ActionStatus.OPEN
    owner_id: int | None = None
    organization_id: int | None = None  # owned by someone of this organization
    initiative_id: int | None = None
    overdue_only: bool = False
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class ActionRow:
    id: int
    description: str
    owner: str
    owner_organization: str
    due_on: date | None
    status: ActionStatus
    completed_on: date | None
    meeting_id: int | None
    meeting: str
    initiative: str
    days_overdue: int  # open items past their due date; 0 otherwise
    version: int

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


SORTS: dict[str, tuple[ColumnElement, ...]] = {  # type: ignore[type-arg]
    "due": (ActionItem.due_on.is_(None), ActionItem.due_on),
    "description": (ActionItem.description,),
    "owner": (Person.sort_name,),
    "organization": (Person.organization_sort, Person.sort_name),
    "status": (ActionItem.status, ActionItem.due_on),
    "completed": (ActionItem.completed_on.is_(None), ActionItem.completed_on),
    "meeting": (Meeting.starts_at,),
    "initiative": (Initiative.name,),
}


OWNER = (Person, Person.id == ActionItem.owner_id)
MEETING = (Meeting, Meeting.id == ActionItem.meeting_id)
INITIATIVE = (Initiative, Initiative.id == ActionItem.initiative_id)
SORT_JOINS = {"owner": OWNER, "organization": OWNER, "meeting": MEETING,
              "initiative": INITIATIVE}


def conditions(query: ActionQuery) -> list[ColumnElement[bool]]:
    where = contains_words(query.search, ActionItem.description, ActionItem.notes)
    if query.status is not None:
        where.append(ActionItem.status == query.status)
    if query.owner_id is not None:
        where.append(ActionItem.owner_id == query.owner_id)
    if query.organization_id is not None:
        members = select(Affiliation.person_id).where(
            Affiliation.organization_id == query.organization_id
        )
        where.append(ActionItem.owner_id.in_(members))
    if query.initiative_id is not None:
        where.append(ActionItem.initiative_id == query.initiative_id)
    if query.overdue_only:
        where.append(ActionItem.status == ActionStatus.OPEN)
        where.append(ActionItem.due_on < query.today)
    return where


def list_action_items(
    ws: Workspace,
    query: ActionQuery = ActionQuery(),
    offset: int = 0,
    limit: int = 200,
    sort: str = "due",
    descending: bool = False,
) -> Page[ActionRow]:
    """One page of the list: the page's ids are picked from ``action_items`` joined only
    to what the sort needs, then those rows alone are joined to everything shown."""
    where = conditions(query)
    keys = SORTS.get(sort, SORTS["due"])
    order = [*(c.desc() if descending else c for c in keys), ActionItem.id]
    page = select(ActionItem.id).where(*where).order_by(*order).offset(offset).limit(limit)
    if sort in SORT_JOINS:
        page = page.outerjoin(*SORT_JOINS[sort])
    statement = (
        select(
            ActionItem.id, ActionItem.description, Person.first_name, Person.last_name,
            Person.organization_name, ActionItem.due_on, ActionItem.status,
            ActionItem.completed_on, ActionItem.meeting_id, Meeting.title, Initiative.name,
            ActionItem.version,
        )
        .outerjoin(*OWNER)
        .outerjoin(*MEETING)
        .outerjoin(*INITIATIVE)
        .where(ActionItem.id.in_(page.scalar_subquery()))
        .order_by(*order)
    )
    with ws.read() as session:
        total = _count(session, where)
        rows = [_row(r, query.today) for r in session.execute(statement)]
    return Page(rows=rows, offset=offset, total=total)


def count_action_items(ws: Workspace, query: ActionQuery) -> int:
    with ws.read() as session:
        return _count(session, conditions(query))


def _count(session: Session, where: list[ColumnElement[bool]]) -> int:
    return session.scalar(select(func.count(ActionItem.id)).where(*where)) or 0


def _row(r: tuple, today: date) -> ActionRow:  # type: ignore[type-arg]
    (item_id, text, first, last, organization, due, status, completed, meeting_id,
     meeting, initiative, version) = r
    late = status is ActionStatus.OPEN and due is not None and due < today
    return ActionRow(
        id=item_id, description=text, owner=person_name(first, last),
        owner_organization=organization or "", due_on=due, status=status,
        completed_on=completed, meeting_id=meeting_id, meeting=meeting or "",
        initiative=initiative or "", days_overdue=(today - due).days if late else 0,
        version=version,
    )
