"""What the printed training documents say: a session's roster and sign-in sheet, its
completion certificates, and the compliance report with the year's training hours.

Each builder reads once and returns frozen dataclasses (the renderers are in
app/reports/pdf/training*.py and app/reports/excel/compliance.py). They need the export
permission, as every document that prints names and organizations does; an unknown
session raises NotFoundError. Times are stored in UTC and given here in local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Enrollment,
    EnrollmentStatus,
    Person,
    TrainingSession,
    utcnow,
)
from app.models.directory import person_name
from app.services.compliance import ComplianceReport, HoursReport, compliance_report, hours_report
from app.services.dates import certificate_expiry
from app.services.directory_report import list_name
from app.services.errors import NotFoundError
from app.services.permissions import Permission
from app.services.settings import AGENCY_NAME, get_setting
from app.services.workspace import Workspace

ON_THE_SHEET = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED,
                EnrollmentStatus.NO_SHOW)  # cancelled people are left off


@dataclass(frozen=True)
class SessionDetails:
    """The session as a document heads it."""

    session_id: int
    course: str
    validity_months: int | None  # None: a one-time course
    starts_at: datetime  # local
    days: int
    hours: float
    trainer: str  # the trainer's name, or the name typed instead ("" for none)
    provider: str  # the providing organization ("" for none)
    location: str
    capacity: int | None  # None: no limit

    @property
    def first_day(self) -> date:
        return self.starts_at.date()

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)


@dataclass(frozen=True)
class RosterPerson:
    person_id: int
    name: str  # "Zoë Núñez"
    list_name: str  # "Núñez, Zoë"
    organization: str  # primary organization ("" for none)
    status: EnrollmentStatus

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class SessionRosterDoc:
    agency_name: str
    generated_at: datetime  # UTC
    session: SessionDetails
    people: tuple[RosterPerson, ...]  # enrolled, completed and no-shows, by family name
    waiting: tuple[RosterPerson, ...]  # the waiting list, first come first

    @property
    def seats_taken(self) -> int:
        """Seats taken: enrolled or completed (a no-show gave the seat up on the day)."""
        return sum(p.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
                   for p in self.people)


@dataclass(frozen=True)
class Certificate:
    person_id: int
    name: str  # "Zoë Núñez", as printed large
    organization: str
    completed_on: date
    hours: float  # hours credited
    expires_on: date | None  # the first day it is no longer current; None: never expires


@dataclass(frozen=True)
class CertificatesDoc:
    agency_name: str
    generated_at: datetime  # UTC
    session: SessionDetails
    certificates: tuple[Certificate, ...]  # one per person who completed, by family name


@dataclass(frozen=True)
class ComplianceDoc:
    agency_name: str
    generated_at: datetime  # UTC
    compliance: ComplianceReport
    hours: HoursReport

    @property
    def today(self) -> date:
        return self.compliance.today

    @property
    def year(self) -> int:
        return self.hours.year


def session_roster(ws: Workspace, session_id: int) -> SessionRosterDoc:
    """The sign-in sheet's content: the session, the people on it and the waiting list."""
    ws.require(Permission.EXPORT, "training roster")
    agency_name = _agency_name(ws)
    with ws.read() as session:
        s = _load(session, session_id)
        enrollments = _enrollments(session, session_id)
        people = [e for e in enrollments if e[0].status in ON_THE_SHEET]
        waiting = sorted((e for e in enrollments if e[0].status is EnrollmentStatus.WAITLISTED),
                         key=lambda e: e[0].id)
        return SessionRosterDoc(
            agency_name=agency_name,
            generated_at=utcnow(),
            session=_details(s),
            people=tuple(_roster_person(e, p) for e, p in people),
            waiting=tuple(_roster_person(e, p) for e, p in waiting),
        )


def session_certificates(ws: Workspace, session_id: int) -> CertificatesDoc:
    """A certificate for each person who completed the session (nobody else)."""
    ws.require(Permission.EXPORT, "training certificates")
    agency_name = _agency_name(ws)
    with ws.read() as session:
        s = _load(session, session_id)
        details = _details(s)
        certificates = tuple(
            Certificate(
                person_id=p.id,
                name=person_name(p.first_name, p.last_name),
                organization=p.organization_name or "",
                completed_on=e.completed_on or details.last_day,
                hours=s.hours if e.hours_credited is None else e.hours_credited,
                expires_on=certificate_expiry(e.completed_on or details.last_day,
                                              details.validity_months),
            )
            for e, p in _enrollments(session, session_id)
            if e.status is EnrollmentStatus.COMPLETED
        )
        return CertificatesDoc(agency_name, utcnow(), details, certificates)


def compliance_document(
    ws: Workspace, *, today: date | None = None, year: int | None = None
) -> ComplianceDoc:
    """Compliance with every requirement on ``today`` and the training hours of ``year``
    (by default the year of ``today``)."""
    ws.require(Permission.EXPORT, "training compliance report")
    today = today or date.today()
    return ComplianceDoc(
        agency_name=_agency_name(ws),
        generated_at=utcnow(),
        compliance=compliance_report(ws, today),
        hours=hours_report(ws, year or today.year),
    )


def _agency_name(ws: Workspace) -> str:
    return str(get_setting(ws, AGENCY_NAME, "") or "")


def _load(session: Session, session_id: int) -> TrainingSession:
    s = session.get(
        TrainingSession, session_id,
        options=[selectinload(TrainingSession.course), selectinload(TrainingSession.trainer),
                 selectinload(TrainingSession.provider)],
    )
    if s is None:
        raise NotFoundError(f"There is no training session with id {session_id}.")
    return s


def _details(s: TrainingSession) -> SessionDetails:
    trainer = s.trainer_name or (s.trainer.full_name if s.trainer else "")
    return SessionDetails(
        session_id=s.id, course=s.course.name, validity_months=s.course.validity_months,
        starts_at=s.starts_at.astimezone(), days=s.days, hours=s.hours, trainer=trainer,
        provider=s.provider.name if s.provider else "", location=s.location or "",
        capacity=s.capacity,
    )


def _enrollments(session: Session, session_id: int) -> list[tuple[Enrollment, Person]]:
    """The session's enrollments with their people, by family name."""
    rows = session.execute(
        select(Enrollment, Person)
        .join(Person, Person.id == Enrollment.person_id)
        .where(Enrollment.session_id == session_id)
    ).all()
    # Sorted here, not in SQL: the folded sort key orders the same on SQLite and PostgreSQL.
    return sorted(((e, p) for e, p in rows), key=lambda row: (row[1].sort_name, row[1].id))


def _roster_person(enrollment: Enrollment, person: Person) -> RosterPerson:
    return RosterPerson(
        person_id=person.id,
        name=person_name(person.first_name, person.last_name),
        list_name=list_name(person.first_name, person.last_name),
        organization=person.organization_name or "",
        status=enrollment.status,
    )
