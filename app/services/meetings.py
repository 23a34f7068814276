"""Meetings: validated create/update/delete of a meeting with its agenda and attendance.

The editor saves a meeting as a whole (details, agenda, invitees with their attendance,
walk-ins, minutes) in one transaction against the version it loaded. Times are entered
as a local date and wall-clock time and stored as UTC instants.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    ActionItem,
    Affiliation,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    Person,
    utcnow,
)
from app.models.directory import person_name
from app.services.action_items import OpenAction, open_actions
from app.services.carry_over import carried_actions, previous_meeting_id
from app.services.dates import local_instant, local_parts
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.recurrence import Recurrence
from app.services.references import describe, references
from app.services.workspace import Workspace

LABEL = "meeting"
# A meeting with its agenda presenters and its invitees, loaded in three queries.
WHOLE_MEETING = (
    selectinload(Meeting.agenda_items).joinedload(AgendaItem.presenter),
    selectinload(Meeting.attendance).joinedload(Attendance.person),
)
MAX_DURATION = 24 * 60
MAX_ITEM_MINUTES = 8 * 60
MAX_WALK_INS = 10_000


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    minutes_allotted: int = 10
    presenter_id: int | None = None
    presenter_name: str = ""  # a guest's name, or the presenter's name for display
    notes: str = ""


@dataclass(frozen=True)
class MeetingInput:
    title: str
    day: date
    start: time  # local wall-clock time
    duration_minutes: int = 90
    location: str = ""
    initiative_id: int | None = None
    status: MeetingStatus = MeetingStatus.SCHEDULED
    agenda: tuple[AgendaEntry, ...] = ()
    attendance: tuple[tuple[int, AttendanceStatus], ...] = ()  # (person id, status)
    walk_in_count: int = 0
    minutes: str = ""
    decisions: str = ""

    @property
    def starts_at(self) -> datetime:
        return local_instant(self.day, self.start)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class Invitee:
    person_id: int
    name: str
    organization: str
    email: str


@dataclass(frozen=True)
class MeetingForm:
    """What the editor loads: the values, the version, and what it shows beside them."""

    id: int
    version: int
    data: MeetingInput
    invitees: dict[int, Invitee]  # by person id, for the attendance list
    series_id: int | None
    series_rule: str  # "Monthly on the second Tuesday", "" outside a series
    previous_meeting_id: int | None
    carried_actions: tuple[OpenAction, ...]
    own_actions: tuple[OpenAction, ...]


def validated(data: MeetingInput) -> MeetingInput:
    errors = FieldErrors()
    title = clean(data.title)
    errors.require("title", title, "Title")
    errors.check(
        isinstance(data.duration_minutes, int) and 5 <= data.duration_minutes <= MAX_DURATION,
        "duration_minutes",
        "A meeting lasts from 5 minutes to 24 hours.",
    )
    errors.check(
        0 <= data.walk_in_count <= MAX_WALK_INS, "walk_in_count", "Walk-ins: 0 or more."
    )
    if data.status is MeetingStatus.HELD:
        errors.check(
            data.starts_at <= datetime.now().astimezone(),
            "status",
            "A meeting that has not started yet cannot be marked held.",
        )
    agenda = []
    for number, item in enumerate(data.agenda, start=1):
        try:
            agenda.append(validated_entry(item))
        except ValidationError as error:
            errors.add("agenda", f"Agenda item {number}: {next(iter(error.errors.values()))}")
    people = [person_id for person_id, _ in data.attendance]
    errors.check(len(people) == len(set(people)), "attendance", "A person is listed twice.")
    errors.raise_if_any()
    return replace(
        data,
        title=title,
        location=clean(data.location),
        agenda=tuple(agenda),
        minutes=data.minutes.strip(),
        decisions=data.decisions.strip(),
    )


def validated_entry(item: AgendaEntry) -> AgendaEntry:
    """One agenda item checked on its own (the agenda item dialog, and each on save)."""
    errors = FieldErrors()
    title = clean(item.title)
    errors.require("title", title, "Title")
    errors.check(
        0 <= item.minutes_allotted <= MAX_ITEM_MINUTES,
        "minutes_allotted",
        f"Allot 0 to {MAX_ITEM_MINUTES} minutes.",
    )
    errors.raise_if_any()
    return replace(item, title=title, presenter_name=clean(item.presenter_name),
                   notes=item.notes.strip())


def running_starts(starts_at: datetime, minutes: Iterable[int]) -> list[datetime]:
    """When each agenda item starts (local time) if the meeting starts at ``starts_at`` and
    each item takes its ``minutes``: right across a daylight-saving change too."""
    starts, elapsed = [], 0
    for allotted in minutes:
        starts.append((starts_at + timedelta(minutes=elapsed)).astimezone())
        elapsed += allotted
    return starts


def create_meeting(ws: Workspace, data: MeetingInput) -> int:
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        meeting = Meeting(title=data.title, starts_at=data.starts_at, ends_at=data.ends_at)
        action.session.add(meeting)
        apply(action.session, meeting, data)
        action.session.flush()
        return meeting.id


def update_meeting(
    ws: Workspace, meeting_id: int, data: MeetingInput, version: int, *, following: bool = False
) -> list[int]:
    """Save the meeting; with ``following``, also the later scheduled meetings of its series.

    The later meetings take this one's title, time of day, length, location, initiative,
    agenda and invitees; their own dates, minutes and attendance marks stay. Returns the
    ids of the other meetings changed.
    """
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        session = action.session
        meeting = load(session, Meeting, meeting_id, LABEL, WHOLE_MEETING)
        expect_version(meeting, version, LABEL)
        was_at = meeting.starts_at  # "following" counts from where the meeting was
        apply(session, meeting, data)
        if not following or meeting.series is None:
            return []
        meeting.series.title = data.title
        meeting.series.initiative_id = data.initiative_id
        later = session.scalars(
            select(Meeting).options(*WHOLE_MEETING).where(
                Meeting.series_id == meeting.series_id,
                Meeting.starts_at > was_at,
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.id != meeting.id,
            )
        ).all()
        for other in later:
            apply(session, other, follow(data, other))
        return [other.id for other in later]


def follow(data: MeetingInput, other: Meeting) -> MeetingInput:
    """``data`` as it applies to a later meeting of the series (its own date and notes)."""
    day, _ = local_parts(other.starts_at)
    kept = {a.person_id: a.status for a in other.attendance}
    return replace(
        data,
        day=day,
        status=other.status,
        attendance=tuple((pid, kept.get(pid, AttendanceStatus.INVITED)) for pid, _ in
                         data.attendance),
        walk_in_count=other.walk_in_count,
        minutes=other.minutes,
        decisions=other.decisions,
    )


def apply(session: Session, meeting: Meeting, data: MeetingInput) -> None:
    """Write ``data`` (validated) onto ``meeting``: details, agenda and attendance."""
    meeting.updated_at = utcnow()  # every save bumps the version, even of the agenda only
    meeting.title = data.title
    meeting.starts_at = data.starts_at
    meeting.ends_at = data.ends_at
    meeting.location = data.location
    meeting.initiative_id = data.initiative_id
    meeting.status = data.status
    meeting.walk_in_count = data.walk_in_count
    meeting.minutes = data.minutes
    meeting.decisions = data.decisions
    _apply_agenda(meeting, data.agenda)
    _apply_attendance(session, meeting, data.attendance)


def _apply_agenda(meeting: Meeting, agenda: tuple[AgendaEntry, ...]) -> None:
    items = list(meeting.agenda_items)
    for position, entry in enumerate(agenda):
        if position < len(items):
            item = items[position]
        else:
            item = AgendaItem(position=position)
            meeting.agenda_items.append(item)
        item.position = position
        item.title = entry.title
        item.minutes_allotted = entry.minutes_allotted
        item.presenter_id = entry.presenter_id
        # A directory presenter is named from the directory (renames show); guests by text.
        item.presenter_name = "" if entry.presenter_id is not None else entry.presenter_name
        item.notes = entry.notes
    for extra in items[len(agenda):]:
        meeting.agenda_items.remove(extra)


def _apply_attendance(
    session: Session, meeting: Meeting, wanted: tuple[tuple[int, AttendanceStatus], ...]
) -> None:
    statuses = dict(wanted)
    for row in list(meeting.attendance):
        if row.person_id not in statuses:
            meeting.attendance.remove(row)
        elif row.status is not statuses[row.person_id]:
            row.status = statuses[row.person_id]
    present = {row.person_id for row in meeting.attendance}
    new = [pid for pid, _ in wanted if pid not in present]
    if new:
        found = set(session.scalars(select(Person.id).where(Person.id.in_(new))))
        if missing := [pid for pid in new if pid not in found]:
            raise ValidationError.single(
                "attendance", f"{len(missing)} invited people no longer exist; reload."
            )
    for person_id in new:
        meeting.attendance.append(Attendance(person_id=person_id, status=statuses[person_id]))


def delete_meeting(ws: Workspace, meeting_id: int) -> None:
    """Delete for good; refused while action items were born in it (cancel it instead)."""
    ws.require(Permission.DELETE_PERMANENTLY)
    with ws.write() as action:
        meeting = load(action.session, Meeting, meeting_id, LABEL)
        linked = references(
            action.session, "meetings", meeting_id, ignore=("agenda_items", "attendance")
        )
        if linked:
            raise ValidationError.single(
                "", f"{meeting.title} still has {describe(linked)}; cancel it instead."
            )
        action.session.delete(meeting)


def meeting_input(meeting: Meeting) -> MeetingInput:
    day, start = local_parts(meeting.starts_at)
    return MeetingInput(
        title=meeting.title,
        day=day,
        start=start,
        duration_minutes=int((meeting.ends_at - meeting.starts_at).total_seconds() // 60),
        location=meeting.location,
        initiative_id=meeting.initiative_id,
        status=meeting.status,
        agenda=tuple(
            AgendaEntry(
                title=item.title,
                minutes_allotted=item.minutes_allotted,
                presenter_id=item.presenter_id,
                presenter_name=item.presenter.full_name if item.presenter
                else item.presenter_name,
                notes=item.notes,
            )
            for item in meeting.agenda_items
        ),
        attendance=tuple((a.person_id, a.status) for a in _by_name(meeting.attendance)),
        walk_in_count=meeting.walk_in_count,
        minutes=meeting.minutes,
        decisions=meeting.decisions,
    )


def _by_name(rows: list[Attendance]) -> list[Attendance]:
    return sorted(rows, key=lambda a: (a.person.sort_name, a.person_id))


def meeting_form(ws: Workspace, meeting_id: int, today: date | None = None) -> MeetingForm:
    today = today or date.today()
    with ws.read() as session:
        meeting = load(session, Meeting, meeting_id, LABEL, WHOLE_MEETING)
        invitees = {a.person_id: invitee(a.person) for a in meeting.attendance}
        rule = ""
        if meeting.series is not None:
            try:
                rule = Recurrence.parse(meeting.series.rule).describe()
            except ValueError:
                rule = meeting.series.rule
        return MeetingForm(
            id=meeting.id,
            version=meeting.version,
            data=meeting_input(meeting),
            invitees=invitees,
            series_id=meeting.series_id,
            series_rule=rule,
            previous_meeting_id=previous_meeting_id(session, meeting),
            carried_actions=tuple(carried_actions(session, meeting, today)),
            own_actions=tuple(
                open_actions(session, ActionItem.meeting_id == meeting.id, today=today, limit=500)
            ),
        )


def invitee(person: Person) -> Invitee:
    return Invitee(
        person_id=person.id,
        name=person_name(person.first_name, person.last_name),
        organization=person.organization_name,
        email=person.email,
    )


def invitees_by_id(ws: Workspace, person_ids: list[int]) -> list[Invitee]:
    """The people to add to an invitation list, in the order asked."""
    with ws.read() as session:
        people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
        return [invitee(people[pid]) for pid in person_ids if pid in people]


def organization_members(ws: Workspace, organization_id: int, today: date | None = None
                         ) -> list[Invitee]:
    """The current, not archived people of an organization (to invite it as a whole)."""
    today = today or date.today()
    with ws.read() as session:
        people = session.scalars(
            select(Person)
            .join(Affiliation, Affiliation.person_id == Person.id)
            .where(
                Affiliation.organization_id == organization_id,
                Person.archived_at.is_(None),
                (Affiliation.until.is_(None)) | (Affiliation.until >= today),
            )
            .order_by(Person.sort_name, Person.id)
            .distinct()
        ).all()
        return [invitee(p) for p in people]
