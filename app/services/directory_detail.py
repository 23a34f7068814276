"""What the directory's detail panel shows about one person or one organization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    Affiliation,
    Attendance,
    AttendanceStatus,
    Course,
    Enrollment,
    EnrollmentStatus,
    Initiative,
    InitiativePartner,
    Meeting,
    Organization,
    OrganizationKind,
    Person,
    TrainingSession,
)
from app.models.directory import person_name
from app.services.action_items import OpenAction, open_actions
from app.services.dates import certificate_expiry
from app.services.records import load
from app.services.workspace import Workspace

RECENT = 10


@dataclass(frozen=True)
class Link:
    """A line in the detail panel that names another record."""

    id: int
    name: str
    role: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class MeetingAttended:
    title: str
    starts_at: datetime
    status: AttendanceStatus


@dataclass(frozen=True)
class Certification:
    course: str
    completed_on: date | None
    expires_on: date | None
    status: EnrollmentStatus


@dataclass(frozen=True)
class PersonDetail:
    id: int
    name: str
    title: str
    email: str
    phone: str
    mobile: str
    notes: str
    tags: list[str]
    archived: bool
    organizations: list[Link]
    initiatives: list[Link]
    meetings_invited: int
    meetings_present: int
    recent_meetings: list[MeetingAttended]
    trainings: list[Certification]
    open_actions: list[OpenAction]

    @property
    def attendance_rate(self) -> float | None:
        return self.meetings_present / self.meetings_invited if self.meetings_invited else None


@dataclass(frozen=True)
class OrganizationDetail:
    id: int
    name: str
    kind: OrganizationKind
    email: str
    phone: str
    website: str
    address: str
    notes: str
    archived: bool
    people: list[Link]
    initiatives: list[Link]
    meetings_attended: int
    training_completions: int
    open_actions: list[OpenAction]


def person_detail(ws: Workspace, person_id: int) -> PersonDetail:
    with ws.read() as session:
        person = load(session, Person, person_id, "person")
        affiliations = sorted(person.affiliations, key=lambda a: (not a.is_primary, a.id))
        invited, present = _attendance_counts(session, person_id)
        return PersonDetail(
            id=person.id,
            name=person.full_name,
            title=person.title,
            email=person.email,
            phone=person.phone,
            mobile=person.mobile,
            notes=person.notes,
            tags=sorted(t.name for t in person.tags),
            archived=person.is_archived,
            organizations=[
                Link(a.organization_id, a.organization.name, a.role, a.since, a.until)
                for a in affiliations
            ],
            initiatives=_person_initiatives(session, person_id),
            meetings_invited=invited,
            meetings_present=present,
            recent_meetings=_recent_meetings(session, person_id),
            trainings=_trainings(session, person_id),
            open_actions=open_actions(
                session, ActionItem.owner_id == person_id, today=date.today()
            ),
        )


def organization_detail(ws: Workspace, organization_id: int) -> OrganizationDetail:
    with ws.read() as session:
        org = load(session, Organization, organization_id, "organization")
        members = select(Affiliation.person_id).where(
            Affiliation.organization_id == organization_id
        )
        people = session.execute(
            select(Person.id, Person.first_name, Person.last_name, Affiliation.role)
            .join(Affiliation, Affiliation.person_id == Person.id)
            .where(Affiliation.organization_id == organization_id, Person.archived_at.is_(None))
            .order_by(Person.last_name, Person.first_name)
        )
        initiatives = session.execute(
            select(Initiative.id, Initiative.name, InitiativePartner.role)
            .join(InitiativePartner, InitiativePartner.initiative_id == Initiative.id)
            .where(InitiativePartner.organization_id == organization_id)
            .order_by(Initiative.name)
        )
        attended = session.scalar(
            select(func.count()).where(
                Attendance.person_id.in_(members), Attendance.status == AttendanceStatus.PRESENT
            )
        )
        completions = session.scalar(
            select(func.count()).where(
                Enrollment.person_id.in_(members),
                Enrollment.status == EnrollmentStatus.COMPLETED,
            )
        )
        address = ", ".join(p for p in (org.street, org.postal_code, org.city, org.region) if p)
        return OrganizationDetail(
            id=org.id,
            name=org.name,
            kind=org.kind,
            email=org.email,
            phone=org.phone,
            website=org.website,
            address=address,
            notes=org.notes,
            archived=org.is_archived,
            people=[Link(pid, person_name(f, last), role) for pid, f, last, role in people],
            initiatives=[Link(iid, name, role) for iid, name, role in initiatives],
            meetings_attended=attended or 0,
            training_completions=completions or 0,
            open_actions=open_actions(
                session, ActionItem.owner_id.in_(members), today=date.today()
            ),
        )


def _attendance_counts(session: Session, person_id: int) -> tuple[int, int]:
    held = (
        select(Attendance.status)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.person_id == person_id, Attendance.status != AttendanceStatus.INVITED)
    ).subquery()
    invited = session.scalar(select(func.count()).select_from(held)) or 0
    present = session.scalar(
        select(func.count()).select_from(held).where(held.c.status == AttendanceStatus.PRESENT)
    )
    return invited, present or 0


def _recent_meetings(session: Session, person_id: int) -> list[MeetingAttended]:
    rows = session.execute(
        select(Meeting.title, Meeting.starts_at, Attendance.status)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.person_id == person_id)
        .order_by(Meeting.starts_at.desc())
        .limit(RECENT)
    )
    return [MeetingAttended(*row) for row in rows]


def _person_initiatives(session: Session, person_id: int) -> list[Link]:
    rows = session.execute(
        select(Initiative.id, Initiative.name, InitiativePartner.role, Organization.name)
        .join(InitiativePartner, InitiativePartner.initiative_id == Initiative.id)
        .join(Organization, Organization.id == InitiativePartner.organization_id)
        .where(InitiativePartner.contact_person_id == person_id)
        .order_by(Initiative.name)
    )
    return [
        Link(i, name, f"contact for {org}" + (f" ({role})" if role else ""))
        for i, name, role, org in rows
    ]


def _trainings(session: Session, person_id: int) -> list[Certification]:
    rows = session.execute(
        select(Course.name, Course.validity_months, Enrollment.completed_on, Enrollment.status)
        .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Enrollment.person_id == person_id)
        .order_by(TrainingSession.starts_at.desc())
    )
    return [
        Certification(
            course=name,
            completed_on=completed,
            expires_on=certificate_expiry(completed, months) if completed else None,
            status=status,
        )
        for name, months, completed, status in rows
    ]
