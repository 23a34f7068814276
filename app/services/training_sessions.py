"""Training sessions: validated create/update/delete, enrollment with a waiting list, rosters.

Seats are taken by people *enrolled* or *completed*; once a session is full, new people
go on its waiting list in the order they were added, and move up (in that order) as soon
as a seat frees. A roster marks each person completed (with hours credited and a
completion date), no-show or cancelled, saved as a whole against the session's version.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Course,
    Enrollment,
    EnrollmentStatus,
    Organization,
    Person,
    Tag,
    TrainingSession,
    person_tags,
    utcnow,
)
from app.models.directory import person_name
from app.services.dates import local_instant, local_parts
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

LABEL = "training session"
MAX_DAYS = 30
MAX_CAPACITY = 10_000
SEAT_TAKERS = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
MAX_CREDIT_HOURS = 200  # what one enrollment may credit (the database checks it too)


def max_hours(days: int) -> float:
    """The most hours a session of ``days`` days can have: 24 a day, 200 in all."""
    return float(min(24 * max(days, 1), MAX_CREDIT_HOURS))


@dataclass(frozen=True)
class SessionInput:
    course_id: int | None
    day: date
    start: time = time(9, 0)
    days: int = 1
    hours: float = 8.0
    trainer_id: int | None = None
    trainer_name: str = ""  # a trainer from outside the directory
    provider_id: int | None = None
    location: str = ""
    capacity: int | None = None  # None: no limit

    @property
    def starts_at(self) -> datetime:
        return local_instant(self.day, self.start)

    @property
    def last_day(self) -> date:
        return self.day + timedelta(days=self.days - 1)


def validated(data: SessionInput) -> SessionInput:
    errors = FieldErrors()
    errors.check(data.course_id is not None, "course_id", "Choose the course.")
    errors.check(1 <= data.days <= MAX_DAYS, "days", f"A session lasts 1 to {MAX_DAYS} days.")
    most = max_hours(data.days)
    errors.check(
        0 < data.hours <= most,
        "hours",
        f"Hours must be more than 0 and at most {most:g} "
        + ("(24 per day)." if most < MAX_CREDIT_HOURS else "(the most one session credits)."),
    )
    errors.check(
        data.capacity is None or 1 <= data.capacity <= MAX_CAPACITY,
        "capacity",
        "Capacity is at least 1 (or leave it empty for no limit).",
    )
    errors.raise_if_any()
    return replace(data, trainer_name=clean(data.trainer_name), location=clean(data.location))


def create_session(ws: Workspace, data: SessionInput) -> int:
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        session = TrainingSession(course_id=data.course_id)
        _apply(session, data)
        action.session.add(session)
        action.session.flush()
        return session.id


def update_session(ws: Workspace, session_id: int, data: SessionInput, version: int) -> None:
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        session = load(action.session, TrainingSession, session_id, LABEL)
        expect_version(session, version, LABEL)
        first_completion = action.session.scalar(
            select(func.min(Enrollment.completed_on)).where(Enrollment.session_id == session_id)
        )
        if first_completion is not None and first_completion < data.day:
            raise ValidationError.single(
                "day", f"Someone completed this session on {first_completion:%d %b %Y}; "
                "it cannot start later than that."
            )
        _apply(session, data)
        _fill_free_seats(action.session, session)


def _apply(session: TrainingSession, data: SessionInput) -> None:
    session.course_id = data.course_id  # type: ignore[assignment]
    session.starts_at = data.starts_at
    session.days = data.days
    session.hours = data.hours
    session.trainer_id = data.trainer_id
    session.trainer_name = data.trainer_name
    session.provider_id = data.provider_id
    session.location = data.location
    session.capacity = data.capacity
    session.updated_at = utcnow()


def delete_session(ws: Workspace, session_id: int) -> None:
    """Delete a session that nobody completed (completions are training records)."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        session = load(action.session, TrainingSession, session_id, LABEL)
        done = sum(e.status is EnrollmentStatus.COMPLETED for e in session.enrollments)
        if done:
            raise ValidationError.single(
                "", f"{done} {'person' if done == 1 else 'people'} completed this session; "
                "their records must stay."
            )
        action.session.delete(session)


def session_form(ws: Workspace, session_id: int) -> tuple[int, SessionInput]:
    with ws.read() as session:
        s = load(session, TrainingSession, session_id, LABEL)
        day, start = local_parts(s.starts_at)
        return s.version, SessionInput(
            course_id=s.course_id, day=day, start=start, days=s.days, hours=s.hours,
            trainer_id=s.trainer_id, trainer_name=s.trainer_name or (
                s.trainer.full_name if s.trainer else ""),
            provider_id=s.provider_id, location=s.location, capacity=s.capacity,
        )


# -- enrollment ------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrollResult:
    enrolled: int
    waitlisted: int
    already: int  # on the roster already (any status but cancelled)

    def describe(self) -> str:
        parts = [f"{self.enrolled} enrolled"]
        if self.waitlisted:
            parts.append(f"{self.waitlisted} on the waiting list")
        if self.already:
            parts.append(f"{self.already} already on the roster")
        return ", ".join(parts) + "."


def enroll(ws: Workspace, session_id: int, person_ids: Iterable[int]) -> EnrollResult:
    """Enroll people in order; past the capacity they join the waiting list."""
    ws.require(Permission.EDIT)
    wanted = list(dict.fromkeys(person_ids))
    with ws.write() as action:
        s = load(action.session, TrainingSession, session_id, LABEL)
        existing = {e.person_id: e for e in s.enrollments}
        found = set(action.session.scalars(select(Person.id).where(Person.id.in_(wanted))))
        if missing := [pid for pid in wanted if pid not in found]:
            raise ValidationError.single("", f"{len(missing)} of these people no longer exist.")
        taken = sum(e.status in SEAT_TAKERS for e in s.enrollments)
        enrolled = waitlisted = already = 0
        for person_id in wanted:
            enrollment = existing.get(person_id)
            if enrollment is not None and enrollment.status is not EnrollmentStatus.CANCELLED:
                already += 1
                continue
            has_seat = s.capacity is None or taken < s.capacity
            status = EnrollmentStatus.ENROLLED if has_seat else EnrollmentStatus.WAITLISTED
            if enrollment is None:
                s.enrollments.append(Enrollment(person_id=person_id, status=status))
            else:
                enrollment.status = status
            taken += has_seat
            enrolled += has_seat
            waitlisted += not has_seat
        s.updated_at = utcnow()
        return EnrollResult(enrolled, waitlisted, already)


def booked_for(ws: Workspace, course_id: int, now: datetime | None = None) -> set[int]:
    """People enrolled or waiting for an upcoming session of the course: already booked."""
    now = now or datetime.now(UTC)
    with ws.read() as session:
        return set(session.scalars(
            select(Enrollment.person_id)
            .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
            .where(TrainingSession.course_id == course_id, TrainingSession.starts_at >= now,
                   Enrollment.status.in_((EnrollmentStatus.ENROLLED,
                                          EnrollmentStatus.WAITLISTED)))
        ))


def tag_members(ws: Workspace, tag: str) -> list[int]:
    """The people (not archived) carrying ``tag``, by name: to enroll a whole group."""
    with ws.read() as session:
        return list(session.scalars(
            select(Person.id)
            .join(person_tags, person_tags.c.person_id == Person.id)
            .join(Tag, Tag.id == person_tags.c.tag_id)
            .where(func.lower(Tag.name) == tag.strip().lower(), Person.archived_at.is_(None))
            .order_by(Person.sort_name, Person.id)
        ))


def _fill_free_seats(session: Session, s: TrainingSession) -> None:
    """Move the waiting list up, first come first served, into the free seats."""
    taken = sum(e.status in SEAT_TAKERS for e in s.enrollments)
    waiting = sorted((e for e in s.enrollments if e.status is EnrollmentStatus.WAITLISTED),
                     key=lambda e: (e.id is None, e.id or 0))
    for enrollment in waiting:
        if s.capacity is not None and taken >= s.capacity:
            break
        enrollment.status = EnrollmentStatus.ENROLLED
        taken += 1


# -- rosters -------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterLine:
    person_id: int
    status: EnrollmentStatus
    hours_credited: float | None = None  # completed: the session's hours when not given
    completed_on: date | None = None  # completed: the session's last day when not given


@dataclass(frozen=True)
class RosterEntry:
    person_id: int
    name: str
    organization: str
    line: RosterLine


@dataclass(frozen=True)
class RosterForm:
    session_id: int
    version: int
    course: str
    data: SessionInput
    entries: tuple[RosterEntry, ...]  # the roster in order of enrollment


def roster_form(ws: Workspace, session_id: int) -> RosterForm:
    version, data = session_form(ws, session_id)
    with ws.read() as session:
        s = load(session, TrainingSession, session_id, LABEL, (
            selectinload(TrainingSession.enrollments).joinedload(Enrollment.person),))
        entries = tuple(
            RosterEntry(
                person_id=e.person_id,
                name=person_name(e.person.first_name, e.person.last_name),
                organization=e.person.organization_name,
                line=RosterLine(e.person_id, e.status, e.hours_credited, e.completed_on),
            )
            for e in sorted(s.enrollments, key=lambda e: e.id)
        )
        return RosterForm(session_id, version, s.course.name, data, entries)


def save_roster(
    ws: Workspace, session_id: int, lines: Iterable[RosterLine], version: int,
    today: date | None = None,
) -> None:
    """Save the marks of the roster; people left out are removed from it."""
    ws.require(Permission.EDIT)
    today = today or date.today()
    with ws.write() as action:
        s = load(action.session, TrainingSession, session_id, LABEL)
        expect_version(s, version, LABEL)
        first, _ = local_parts(s.starts_at)
        data = SessionInput(s.course_id, first, days=s.days, hours=s.hours)
        checked = _checked_lines(action.session, list(lines), data, today)
        by_person = {e.person_id: e for e in s.enrollments}
        for enrollment in list(s.enrollments):
            if enrollment.person_id not in checked:
                s.enrollments.remove(enrollment)
        for person_id, line in checked.items():
            enrollment = by_person.get(person_id)
            if enrollment is None:
                enrollment = Enrollment(person_id=person_id)
                s.enrollments.append(enrollment)
            enrollment.status = line.status
            enrollment.hours_credited = line.hours_credited
            enrollment.completed_on = line.completed_on
        action.session.flush()
        _fill_free_seats(action.session, s)
        s.updated_at = utcnow()


def _checked_lines(
    session: Session, lines: list[RosterLine], data: SessionInput, today: date
) -> dict[int, RosterLine]:
    names = dict(session.execute(
        select(Person.id, Person.first_name + " " + Person.last_name)
        .where(Person.id.in_([line.person_id for line in lines]))
    ).all())
    problems: list[str] = []
    checked: dict[int, RosterLine] = {}
    for number, line in enumerate(lines, start=1):
        who = f"Row {number} ({(names.get(line.person_id) or '').strip() or 'unknown'})"
        if line.person_id not in names:
            problems.append(f"{who}: this person no longer exists.")
            continue
        if line.status is not EnrollmentStatus.COMPLETED:
            checked[line.person_id] = RosterLine(line.person_id, line.status)
            continue
        completed_on = line.completed_on or min(data.last_day, today)
        hours = data.hours if line.hours_credited is None else line.hours_credited
        if completed_on < data.day:
            problems.append(f"{who}: completed before the session began ({data.day:%d %b %Y}).")
        elif completed_on > today:
            problems.append(f"{who}: the completion date is in the future.")
        if not 0 <= hours <= max_hours(data.days):
            problems.append(f"{who}: credit 0 to {max_hours(data.days):g} hours.")
        checked[line.person_id] = RosterLine(line.person_id, line.status, hours, completed_on)
    if problems:
        raise ValidationError.single("roster", " ".join(problems[:5]) + (
            f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    return checked


# -- the list of sessions ---------------------------------------------------------------


class SessionWhen(enum.Enum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"

    @property
    def label(self) -> str:
        return {SessionWhen.UPCOMING: "Upcoming", SessionWhen.PAST: "Past",
                SessionWhen.ALL: "All dates"}[self]


@dataclass(frozen=True)
class SessionQuery:
    when: SessionWhen = SessionWhen.UPCOMING
    course_id: int | None = None
    open_seats_only: bool = False
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class SessionRow:
    id: int
    course_id: int
    course: str
    starts_at: datetime
    days: int
    hours: float
    trainer: str
    provider: str
    location: str
    capacity: int | None
    taken: int  # enrolled or completed
    waitlisted: int
    completed: int

    @property
    def free_seats(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def seats(self) -> str:
        """"12 of 20" (with the waiting list), or "12 (no limit)"."""
        waiting = f", {self.waitlisted} waiting" if self.waitlisted else ""
        if self.capacity is None:
            return f"{self.taken} (no limit){waiting}"
        return f"{self.taken} of {self.capacity}{waiting}"


SESSION_SORTS = {
    "when": (TrainingSession.starts_at,),
    "course": (Course.name, TrainingSession.starts_at),
    "location": (TrainingSession.location, TrainingSession.starts_at),
}


def _count_of(*statuses: EnrollmentStatus):  # type: ignore[no-untyped-def]
    """How many enrollments of the session in the row have one of ``statuses``."""
    return (
        select(func.count())
        .where(Enrollment.session_id == TrainingSession.id, Enrollment.status.in_(statuses))
        .correlate(TrainingSession)
        .scalar_subquery()
    )


def list_sessions(
    ws: Workspace, query: SessionQuery = SessionQuery(), offset: int = 0, limit: int = 200,
    sort: str = "when", descending: bool = False,
) -> Page[SessionRow]:
    """One page of sessions; the seat counts are counted for the rows shown (and, with
    ``open_seats_only``, for the sessions in the period), never for every enrollment."""
    taken = _count_of(*SEAT_TAKERS)
    where = []
    if query.when is SessionWhen.UPCOMING:
        where.append(TrainingSession.starts_at >= query.now)
    elif query.when is SessionWhen.PAST:
        where.append(TrainingSession.starts_at < query.now)
    if query.course_id is not None:
        where.append(TrainingSession.course_id == query.course_id)
    if query.open_seats_only:
        where.append((TrainingSession.capacity.is_(None)) | (taken < TrainingSession.capacity))
    order = [c.desc() if descending else c for c in SESSION_SORTS.get(sort, SESSION_SORTS["when"])]
    statement = (
        select(
            TrainingSession, Course.name, Person.first_name, Person.last_name,
            Organization.name, taken, _count_of(EnrollmentStatus.WAITLISTED),
            _count_of(EnrollmentStatus.COMPLETED),
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(Person, Person.id == TrainingSession.trainer_id)
        .outerjoin(Organization, Organization.id == TrainingSession.provider_id)
        .where(*where)
    )
    with ws.read() as session:
        total = session.scalar(select(func.count(TrainingSession.id)).where(*where)) or 0
        result = session.execute(statement.order_by(*order, TrainingSession.id)
                                 .offset(offset).limit(limit))
        rows = [
            SessionRow(
                id=s.id, course_id=s.course_id, course=course,
                starts_at=s.starts_at, days=s.days, hours=s.hours,
                trainer=s.trainer_name or person_name(first, last), provider=provider or "",
                location=s.location, capacity=s.capacity, taken=n_taken, waitlisted=waiting,
                completed=done,
            )
            for s, course, first, last, provider, n_taken, waiting, done in result
        ]
    return Page(rows=rows, offset=offset, total=total)
