"""What the training documents will print, on SQLite and PostgreSQL: the roster, the
certificates (completers only, expiry from the course) and the compliance document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time

import pytest
from sqlalchemy import select

from app.models import (
    Affiliation,
    AuditEntry,
    AuditOutcome,
    CourseCategory,
    EnrollmentStatus,
    Organization,
    OrganizationKind,
    Person,
    RequirementMode,
    Role,
    Tag,
)
from app.models.database import Database
from app.services.certificates import CertificateStatus
from app.services.compliance import HoursTarget, add_requirement, set_hours_target
from app.services.courses import CourseInput, create_course
from app.services.errors import NotFoundError
from app.services.permissions import AccessDenied
from app.services.settings import AGENCY_NAME, set_setting
from app.services.training_documents import (
    compliance_document,
    session_certificates,
    session_roster,
)
from app.services.training_sessions import (
    RosterLine,
    SessionInput,
    create_session,
    enroll,
    roster_form,
    save_roster,
)
from app.services.workspace import Workspace

TODAY = date(2026, 11, 28)
DAY = date(2026, 3, 10)
E = EnrollmentStatus
NAMES = [("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("太郎", "山田"), ("محمد", "حداد"),
         ("Ann", "Adams"), ("Bo", "Kim")]


@dataclass(frozen=True)
class Training:
    ws: Workspace
    people: dict[str, int]  # by given name
    course: int  # valid 24 months
    one_time: int  # never expires
    session: int  # of ``course`` on DAY, capacity 4
    trainer: int


@pytest.fixture
def training(any_db: Database) -> Iterator[Training]:
    ws = Workspace(any_db)
    set_setting(ws, AGENCY_NAME, "Riverton Police Department")
    with ws.write() as action:
        s = action.session
        officer = Tag(name="officer")
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL)
        center = Organization(name="Riverton Behavioral Health", kind=OrganizationKind.HEALTH)
        people = [Person(first_name=f, last_name=last) for f, last in NAMES]
        trainer = Person(first_name="Maria", last_name="Lopez")
        for person in people[:4]:
            person.tags.append(officer)
        s.add_all([school, center, trainer, *people])
        s.flush()
        s.add(Affiliation(person_id=people[0].id, organization_id=school.id, is_primary=True))
        ids = {p.first_name: p.id for p in people}
        trainer_id, center_id = trainer.id, center.id
    course = create_course(ws, CourseInput("De-escalation <Basics> & more",
                                           CourseCategory.DE_ESCALATION, 8, 24, 30))
    one_time = create_course(ws, CourseInput("CPTED", CourseCategory.CPTED, 4, None))
    session = create_session(ws, SessionInput(
        course, DAY, time(9, 30), hours=7.5, trainer_id=trainer_id, provider_id=center_id,
        location="Training Room", capacity=4))
    yield Training(ws, ids, course, one_time, session, trainer_id)


def fill(t: Training) -> None:
    """Six people on a session of four seats, two waiting; on the roster three complete,
    one is a no-show (her seat goes to the first on the waiting list) and Bo cancels."""
    p = t.people
    order = ["Ann", "Zoë", "Дмитрий", "太郎", "محمد", "Bo"]
    enroll(t.ws, t.session, [p[name] for name in order])
    form = roster_form(t.ws, t.session)
    lines = [
        RosterLine(p["Ann"], E.COMPLETED),  # the session's hours and last day
        RosterLine(p["Zoë"], E.COMPLETED, 6.0, DAY),
        RosterLine(p["Дмитрий"], E.NO_SHOW),
        RosterLine(p["太郎"], E.COMPLETED),
        RosterLine(p["محمد"], E.WAITLISTED),
        RosterLine(p["Bo"], E.CANCELLED),
    ]
    save_roster(t.ws, t.session, lines, form.version, TODAY)


def test_the_roster_lists_the_session_the_people_and_the_waiting_list(
    training: Training,
) -> None:
    fill(training)
    doc = session_roster(training.ws, training.session)
    assert doc.agency_name == "Riverton Police Department"
    s = doc.session
    assert (s.session_id, s.course, s.hours, s.days, s.capacity) == (
        training.session, "De-escalation <Basics> & more", 7.5, 1, 4)
    assert (s.first_day, s.last_day, s.starts_at.hour, s.starts_at.minute) == (DAY, DAY, 9, 30)
    assert s.starts_at.utcoffset() is not None  # local, aware
    assert (s.trainer, s.provider, s.location) == (
        "Maria Lopez", "Riverton Behavioral Health", "Training Room")
    assert s.validity_months == 24
    # By family name; cancelled people are left off; the waiting list on its own.
    assert [(p.list_name, p.status_label) for p in doc.people] == [
        ("Adams, Ann", "Completed"), ("Núñez, Zoë", "Completed"),
        ("Иванов, Дмитрий", "No-show"), ("حداد, محمد", "Enrolled"),
        ("山田, 太郎", "Completed")]
    assert doc.people[1].organization == "Riverton High"
    assert doc.waiting == ()  # Muhammad moved up into the no-show's seat
    assert doc.seats_taken == 4


def test_the_waiting_list_keeps_first_come_order(training: Training) -> None:
    p = training.people
    enroll(training.ws, training.session, [p["Bo"], p["Ann"], p["Zoë"], p["Дмитрий"],
                                           p["محمد"], p["太郎"]])
    doc = session_roster(training.ws, training.session)
    assert [x.name for x in doc.people] == ["Ann Adams", "Bo Kim", "Zoë Núñez",
                                            "Дмитрий Иванов"]
    assert [x.name for x in doc.waiting] == ["محمد حداد", "太郎 山田"]  # not by name
    assert {x.status for x in doc.people} == {E.ENROLLED}


def test_certificates_only_for_those_who_completed(training: Training) -> None:
    fill(training)
    doc = session_certificates(training.ws, training.session)
    assert doc.agency_name == "Riverton Police Department"
    by_name = {c.name: c for c in doc.certificates}
    assert list(by_name) == ["Ann Adams", "Zoë Núñez", "太郎 山田"]
    ann, zoe = by_name["Ann Adams"], by_name["Zoë Núñez"]
    assert (ann.completed_on, ann.hours, ann.expires_on) == (DAY, 7.5, date(2028, 3, 10))
    assert (zoe.hours, zoe.organization) == (6.0, "Riverton High")
    assert ann.person_id == training.people["Ann"]


def test_a_one_time_course_does_not_expire_and_an_empty_session_has_no_certificates(
    training: Training,
) -> None:
    sid = create_session(training.ws, SessionInput(training.one_time, date(2026, 2, 27),
                                                   days=2, hours=12.0,
                                                   trainer_name="Outside Trainer"))
    assert session_certificates(training.ws, sid).certificates == ()
    enroll(training.ws, sid, [training.people["Bo"]])
    save_roster(training.ws, sid, [RosterLine(training.people["Bo"], E.COMPLETED)],
                roster_form(training.ws, sid).version, TODAY)
    doc = session_certificates(training.ws, sid)
    (bo,) = doc.certificates
    assert (bo.completed_on, bo.hours, bo.expires_on) == (date(2026, 2, 28), 12.0, None)
    assert (doc.session.trainer, doc.session.provider, doc.session.capacity) == (
        "Outside Trainer", "", None)
    roster = session_roster(training.ws, sid)
    assert roster.session.last_day == date(2026, 2, 28) and roster.waiting == ()


def test_leap_day_completion_expires_at_the_end_of_february(training: Training) -> None:
    sid = create_session(training.ws, SessionInput(training.course, date(2024, 2, 29)))
    enroll(training.ws, sid, [training.people["Ann"]])
    save_roster(training.ws, sid, [RosterLine(training.people["Ann"], E.COMPLETED)],
                roster_form(training.ws, sid).version, TODAY)
    (ann,) = session_certificates(training.ws, sid).certificates
    assert ann.expires_on == date(2026, 2, 28)


def test_the_compliance_document(training: Training) -> None:
    fill(training)
    add_requirement(training.ws, training.course, "officer", RequirementMode.KEEP_CURRENT)
    set_hours_target(training.ws, HoursTarget(10.0, "officer"))
    doc = compliance_document(training.ws, today=TODAY)
    assert (doc.today, doc.year, doc.agency_name) == (TODAY, 2026, "Riverton Police Department")
    assert doc.generated_at.utcoffset() is not None
    (item,) = doc.compliance.requirements
    standings = {p.name: p.standing.status for p in item.people}
    assert standings == {"Zoë Núñez": CertificateStatus.CURRENT,
                         "太郎 山田": CertificateStatus.CURRENT,
                         "Дмитрий Иванов": CertificateStatus.NEVER,
                         "محمد حداد": CertificateStatus.NEVER}
    assert {p.name: p.hours for p in doc.hours.below_target} == {
        "Zoë Núñez": 6.0, "Дмитрий Иванов": 0.0, "محمد حداد": 0.0, "太郎 山田": 7.5}
    earlier = compliance_document(training.ws, today=TODAY, year=2025)
    assert earlier.year == 2025 and earlier.today == TODAY
    assert {p.hours for p in earlier.hours.people} == {0.0}


def test_unknown_sessions_and_viewers_are_refused(training: Training) -> None:
    missing = training.session + 1000
    for build in (session_roster, session_certificates):
        with pytest.raises(NotFoundError, match=f"no training session with id {missing}"):
            build(training.ws, missing)
    viewer = Workspace(training.ws.db, user_name="val", role=Role.VIEWER)
    with pytest.raises(AccessDenied, match="may not export data"):
        session_roster(viewer, training.session)
    with pytest.raises(AccessDenied):
        session_certificates(viewer, training.session)
    with pytest.raises(AccessDenied):
        compliance_document(viewer)
    with training.ws.read() as session:
        denied = session.scalars(select(AuditEntry.entity).where(
            AuditEntry.outcome == AuditOutcome.DENIED)).all()
    assert denied == ["training roster", "training certificates", "training compliance report"]
