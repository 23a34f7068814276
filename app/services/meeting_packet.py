"""The printed meeting packet's content: one meeting with everything an officer hands out.

Built in one read: the meeting with its agenda (and the running start time of each item),
its invitees, the previous meeting's minutes and the open action items it inherits (by the
rules of app/services/carry_over.py), and the status of its initiative's goals. The same
dataclass feeds the minutes document (this meeting's minutes, attendance, action items).

Times are stored in UTC and given here in the computer's local time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Direction,
    Goal,
    Measurement,
    Meeting,
    MeetingStatus,
    Person,
    utcnow,
)
from app.models.directory import person_name
from app.services.action_items import OpenAction, open_actions
from app.services.carry_over import carried_actions, previous_meeting_id
from app.services.directory_report import list_name
from app.services.errors import NotFoundError
from app.services.goal_status import GoalStatus, goal_status
from app.services.meetings import running_starts
from app.services.permissions import Permission
from app.services.settings import AGENCY_NAME, get_setting
from app.services.workspace import Workspace

ACTIONS_LIMIT = 2000  # open action items listed in one packet


@dataclass(frozen=True)
class PacketAgendaItem:
    position: int
    title: str
    presenter: str  # the presenter's name, or the free text typed instead ("" for none)
    minutes: int
    starts_at: datetime  # local: the meeting start plus the minutes of the items before
    notes: str


@dataclass(frozen=True)
class PacketInvitee:
    person_id: int
    name: str  # "Zoë Núñez"
    list_name: str  # "Núñez, Zoë", as lists sorted by family name show it
    organization: str  # primary organization ("" for residents)
    attendance: AttendanceStatus


@dataclass(frozen=True)
class PreviousMeeting:
    meeting_id: int
    title: str
    starts_at: datetime  # local
    minutes: str
    decisions: str


@dataclass(frozen=True)
class PacketAction:
    """An open action item in the packet: carried from earlier, or raised at this meeting."""

    item: OpenAction
    carried: bool
    raised_on: date | None  # local date of the meeting it was born in (None: outside one)


@dataclass(frozen=True)
class MeetingAction:
    """An action item born in this meeting, whatever its state (for the minutes)."""

    description: str
    owner: str
    owner_organization: str
    due_on: date | None
    status: ActionStatus
    completed_on: date | None
    days_overdue: int  # open and past its due date; else 0


@dataclass(frozen=True)
class PacketGoal:
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: Direction
    latest_value: float | None
    latest_on: date | None
    status: GoalStatus


@dataclass(frozen=True)
class PacketInitiative:
    name: str
    goals: tuple[PacketGoal, ...]


@dataclass(frozen=True)
class MeetingPacket:
    meeting_id: int
    agency_name: str
    generated_at: datetime  # UTC
    as_of: date  # "today" for due dates and days overdue
    title: str
    starts_at: datetime  # local
    ends_at: datetime  # local
    location: str
    status: MeetingStatus
    series_title: str  # "" outside a series
    initiative: PacketInitiative | None
    agenda: tuple[PacketAgendaItem, ...]
    invitees: tuple[PacketInvitee, ...]  # by family name
    previous: PreviousMeeting | None
    open_actions: tuple[PacketAction, ...]  # soonest due first, undated last
    minutes: str
    decisions: str
    walk_in_count: int
    actions_raised: tuple[MeetingAction, ...]  # born in this meeting, in the order entered

    @property
    def initiative_name(self) -> str:
        return self.initiative.name if self.initiative else ""

    @property
    def agenda_minutes(self) -> int:
        return sum(item.minutes for item in self.agenda)

    @property
    def agenda_ends_at(self) -> datetime:
        return (self.starts_at + timedelta(minutes=self.agenda_minutes)).astimezone()

    def attending(self, status: AttendanceStatus) -> tuple[PacketInvitee, ...]:
        return tuple(i for i in self.invitees if i.attendance is status)

    @property
    def present_count(self) -> int:
        """Everyone in the room: invitees marked present and walk-ins."""
        return len(self.attending(AttendanceStatus.PRESENT)) + self.walk_in_count


def build_meeting_packet(
    ws: Workspace, meeting_id: int, *, today: date | None = None
) -> MeetingPacket:
    """Everything the packet, the sign-in sheet and the minutes print for one meeting.

    Needs the export permission (the packet prints names and organizations); raises
    NotFoundError for an unknown meeting.
    """
    ws.require(Permission.EXPORT, "meeting packet")
    today = today or date.today()
    agency_name = str(get_setting(ws, AGENCY_NAME, "") or "")
    with ws.read() as session:
        meeting = session.get(
            Meeting,
            meeting_id,
            options=[
                selectinload(Meeting.agenda_items).selectinload(AgendaItem.presenter),
                selectinload(Meeting.initiative),
                selectinload(Meeting.series),
            ],
        )
        if meeting is None:
            raise NotFoundError(f"There is no meeting with id {meeting_id}.")
        starts_at = meeting.starts_at.astimezone()
        initiative = None
        if meeting.initiative is not None:
            goals = _goals(session, meeting.initiative_id)
            initiative = PacketInitiative(meeting.initiative.name, goals)
        return MeetingPacket(
            meeting_id=meeting.id,
            agency_name=agency_name,
            generated_at=utcnow(),
            as_of=today,
            title=meeting.title,
            starts_at=starts_at,
            ends_at=meeting.ends_at.astimezone(),
            location=meeting.location or "",
            status=meeting.status,
            series_title=meeting.series.title if meeting.series else "",
            initiative=initiative,
            agenda=_agenda(meeting, starts_at),
            invitees=_invitees(session, meeting.id),
            previous=_previous(session, meeting),
            open_actions=_open_actions(session, meeting, today),
            minutes=meeting.minutes or "",
            decisions=meeting.decisions or "",
            walk_in_count=meeting.walk_in_count or 0,
            actions_raised=_actions_raised(session, meeting.id, today),
        )


def _agenda(meeting: Meeting, starts_at: datetime) -> tuple[PacketAgendaItem, ...]:
    items = sorted(meeting.agenda_items, key=lambda a: (a.position, a.id))
    starts = running_starts(starts_at, (item.minutes_allotted for item in items))
    return tuple(
        PacketAgendaItem(
            position=item.position, title=item.title,
            presenter=(item.presenter.full_name if item.presenter else item.presenter_name) or "",
            minutes=item.minutes_allotted, starts_at=start, notes=item.notes or "",
        )
        for item, start in zip(items, starts, strict=True)
    )


def _invitees(session: Session, meeting_id: int) -> tuple[PacketInvitee, ...]:
    rows = session.execute(
        select(
            Person.id, Person.first_name, Person.last_name, Person.organization_name,
            Person.sort_name, Attendance.status,
        )
        .join(Attendance, Attendance.person_id == Person.id)
        .where(Attendance.meeting_id == meeting_id)
    )
    # Sorted here, not in SQL: the folded sort key orders the same on SQLite and PostgreSQL.
    ordered = sorted(rows, key=lambda r: (r.sort_name, r.id))
    return tuple(
        PacketInvitee(
            person_id=r.id, name=person_name(r.first_name, r.last_name),
            list_name=list_name(r.first_name, r.last_name),
            organization=r.organization_name or "", attendance=r.status,
        )
        for r in ordered
    )


def _previous(session: Session, meeting: Meeting) -> PreviousMeeting | None:
    previous_id = previous_meeting_id(session, meeting)
    previous = session.get(Meeting, previous_id) if previous_id is not None else None
    if previous is None:
        return None
    return PreviousMeeting(
        meeting_id=previous.id, title=previous.title, starts_at=previous.starts_at.astimezone(),
        minutes=previous.minutes or "", decisions=previous.decisions or "",
    )


def _open_actions(
    session: Session, meeting: Meeting, today: date
) -> tuple[PacketAction, ...]:
    carried = carried_actions(session, meeting, today, limit=ACTIONS_LIMIT)
    own = open_actions(session, ActionItem.meeting_id == meeting.id, today=today,
                       limit=ACTIONS_LIMIT)
    items = sorted(
        [*carried, *own], key=lambda a: (a.due_on is None, a.due_on or date.min, a.id)
    )
    raised = _meeting_dates(session, {a.meeting_id for a in items if a.meeting_id is not None})
    return tuple(
        PacketAction(item=a, carried=a.meeting_id != meeting.id, raised_on=raised.get(a.meeting_id))
        for a in items
    )


def _meeting_dates(session: Session, meeting_ids: set[int]) -> dict[int | None, date]:
    """The local date of each of these meetings."""
    if not meeting_ids:
        return {}
    rows = session.execute(
        select(Meeting.id, Meeting.starts_at).where(Meeting.id.in_(meeting_ids))
    )
    return {meeting_id: starts.astimezone().date() for meeting_id, starts in rows}


def _actions_raised(
    session: Session, meeting_id: int, today: date
) -> tuple[MeetingAction, ...]:
    rows = session.execute(
        select(
            ActionItem.description, Person.first_name, Person.last_name,
            Person.organization_name, ActionItem.due_on, ActionItem.status,
            ActionItem.completed_on,
        )
        .outerjoin(Person, Person.id == ActionItem.owner_id)
        .where(ActionItem.meeting_id == meeting_id)
        .order_by(ActionItem.id)
    )
    return tuple(
        MeetingAction(
            description=text, owner=person_name(first, last), owner_organization=org or "",
            due_on=due, status=status, completed_on=completed,
            days_overdue=max((today - due).days, 0) if due and status is ActionStatus.OPEN else 0,
        )
        for text, first, last, org, due, status, completed in rows
    )


def _goals(session: Session, initiative_id: int | None) -> tuple[PacketGoal, ...]:
    goals = list(
        session.scalars(
            select(Goal).where(Goal.initiative_id == initiative_id)
            .order_by(Goal.position, Goal.id)
        )
    )
    latest: dict[int, tuple[date, float]] = {}
    if goals:
        measured = session.execute(
            select(Measurement.goal_id, Measurement.measured_on, Measurement.value)
            .where(Measurement.goal_id.in_([g.id for g in goals]))
            .order_by(Measurement.goal_id, Measurement.measured_on)
        )
        for goal_id, measured_on, value in measured:
            latest[goal_id] = (measured_on, value)  # the last one per goal wins
    result = []
    for goal in goals:
        on, value = latest.get(goal.id, (None, None))
        result.append(
            PacketGoal(
                name=goal.name, unit=goal.unit or "", baseline=goal.baseline, target=goal.target,
                direction=goal.direction, latest_value=value, latest_on=on,
                status=goal_status(goal.baseline, goal.target, goal.direction, value),
            )
        )
    return tuple(result)
