"""Training rules: certificate standing at its edges, waiting lists, rosters, compliance, hours."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pytest

from app.models import (
    Affiliation,
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
from app.services.certificates import CertificateStatus, standing
from app.services.compliance import (
    HoursTarget,
    add_requirement,
    compliance_report,
    hours_report,
    set_hours_target,
)
from app.services.courses import CourseInput, create_course, list_courses, update_course
from app.services.errors import ValidationError
from app.services.permissions import AccessDenied
from app.services.training_sessions import (
    RosterLine,
    SessionInput,
    SessionQuery,
    SessionWhen,
    create_session,
    delete_session,
    enroll,
    list_sessions,
    roster_form,
    save_roster,
    tag_members,
)
from app.services.workspace import Workspace

TODAY = date(2026, 11, 28)
S = CertificateStatus


# -- the standing of a certificate -------------------------------------------------------

@pytest.mark.parametrize(
    ("completed", "months", "today", "expected", "expires"),
    [
        (None, 12, TODAY, S.NEVER, None),
        (date(2025, 11, 28), 12, TODAY, S.EXPIRED, date(2026, 11, 28)),  # expires today
        (date(2025, 11, 29), 12, TODAY, S.EXPIRING, date(2026, 11, 29)),  # last current day
        (date(2025, 1, 1), 24, TODAY, S.CURRENT, date(2027, 1, 1)),
        (date(2024, 2, 29), 12, date(2025, 2, 27), S.EXPIRING, date(2025, 2, 28)),  # leap day
        (date(2024, 2, 29), 12, date(2025, 2, 28), S.EXPIRED, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 28), S.EXPIRING, date(2028, 2, 29)),
        (date(2010, 5, 5), None, TODAY, S.CURRENT, None),  # one-time course
    ],
)
def test_standing_at_the_edges(completed: date | None, months: int | None, today: date,
                               expected: CertificateStatus, expires: date | None) -> None:
    result = standing(completed, months, 30, today)
    assert (result.status, result.expires_on) == (expected, expires)


def test_complete_once_ignores_expiry_and_the_lead_time_is_inclusive() -> None:
    assert standing(date(2015, 1, 1), 12, 30, TODAY, once=True).status is S.CURRENT
    expires = date(2026, 12, 28)
    assert standing(date(2025, 12, 28), 12, 30, date(2026, 11, 28)).status is S.EXPIRING
    assert standing(date(2025, 12, 28), 12, 30, date(2026, 11, 27)).status is S.CURRENT
    assert standing(date(2025, 12, 28), 12, 0, expires).status is S.EXPIRED


# -- sessions, waiting lists and rosters --------------------------------------------------

@dataclass
class World:
    ws: Workspace
    people: list[int]
    course: int
    police: int


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        officer = Tag(name="officer")
        police = Organization(name="Riverton PD", kind=OrganizationKind.LAW_ENFORCEMENT)
        names = [("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("Ann", "Lee"), ("Bo", "Kim"),
                 ("Cy", "Ode")]
        people = [Person(first_name=f, last_name=last) for f, last in names]
        for person in people[:3]:
            person.tags.append(officer)
        s.add_all([police, *people])
        s.flush()
        for person in people[:2]:
            s.add(Affiliation(person_id=person.id, organization_id=police.id, role="Officer"))
            s.add(Affiliation(person_id=person.id, organization_id=police.id, role="Trainer"))
        ids = [p.id for p in people]
    course = create_course(ws, CourseInput("De-escalation", CourseCategory.DE_ESCALATION, 8,
                                           24, 30))
    yield World(ws, ids, course, police.id)


def session(world: World, day: date, capacity: int | None = None, **changes: object) -> int:
    values: dict[str, object] = {"days": 1, "hours": 8.0, "capacity": capacity, **changes}
    data = SessionInput(world.course, day, time(9), **values)  # type: ignore[arg-type]
    return create_session(world.ws, data)


def test_capacity_fills_then_the_waiting_list_moves_up_in_order(world: World) -> None:
    sid = session(world, date(2026, 12, 10), capacity=2)
    result = enroll(world.ws, sid, world.people[:4])
    assert (result.enrolled, result.waitlisted, result.already) == (2, 2, 0)
    assert result.describe() == "2 enrolled, 2 on the waiting list."
    assert enroll(world.ws, sid, world.people[:1]).already == 1
    form = roster_form(world.ws, sid)
    assert [e.line.status for e in form.entries] == [
        EnrollmentStatus.ENROLLED, EnrollmentStatus.ENROLLED,
        EnrollmentStatus.WAITLISTED, EnrollmentStatus.WAITLISTED]
    # The second person cancels: the first on the waiting list takes the seat.
    lines = [e.line for e in form.entries]
    lines[1] = RosterLine(world.people[1], EnrollmentStatus.CANCELLED)
    save_roster(world.ws, sid, lines, form.version, TODAY)
    statuses = [e.line.status for e in roster_form(world.ws, sid).entries]
    assert statuses == [EnrollmentStatus.ENROLLED, EnrollmentStatus.CANCELLED,
                        EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED]
    row = next(r for r in list_sessions(world.ws, SessionQuery(SessionWhen.ALL)).rows)
    assert (row.seats, row.free_seats) == ("2 of 2, 1 waiting", 0)
    other = session(world, date(2026, 12, 11), capacity=3)
    now = datetime(2026, 11, 28, tzinfo=UTC)
    upcoming = list_sessions(world.ws, SessionQuery(SessionWhen.UPCOMING, now=now))
    assert [r.id for r in upcoming.rows] == [sid, other]
    with_seats = list_sessions(world.ws, SessionQuery(SessionWhen.UPCOMING, open_seats_only=True,
                                                      now=now))
    assert [(r.id, r.free_seats) for r in with_seats.rows] == [(other, 3)]
    assert list_sessions(world.ws, SessionQuery(SessionWhen.PAST, now=now)).total == 0


def test_roster_completion_rules(world: World) -> None:
    sid = session(world, date(2026, 11, 2), days=2, hours=16.0)  # type: ignore[arg-type]
    enroll(world.ws, sid, world.people[:3])
    form = roster_form(world.ws, sid)
    done = EnrollmentStatus.COMPLETED
    bad = [RosterLine(world.people[0], done, completed_on=date(2026, 11, 1)),
           RosterLine(world.people[1], done, hours_credited=49.0),
           RosterLine(world.people[2], done, completed_on=date(2026, 11, 29))]
    with pytest.raises(ValidationError) as refused:
        save_roster(world.ws, sid, bad, form.version, TODAY)
    message = refused.value.errors["roster"]
    assert "Row 1 (Zoë Núñez): completed before the session began" in message
    assert "Row 2 (Дмитрий Иванов): credit 0 to 48 hours" in message
    assert "Row 3 (Ann Lee): the completion date is in the future" in message
    # Defaults: the session's hours and its last day.
    good = [RosterLine(world.people[0], done), RosterLine(world.people[1],
            EnrollmentStatus.NO_SHOW), RosterLine(world.people[2], done, 6.5, date(2026, 11, 2))]
    save_roster(world.ws, sid, good, form.version, TODAY)
    lines = {e.person_id: e.line for e in roster_form(world.ws, sid).entries}
    assert (lines[world.people[0]].hours_credited, lines[world.people[0]].completed_on) == (
        16.0, date(2026, 11, 3))
    assert lines[world.people[1]].hours_credited is None
    assert lines[world.people[2]].hours_credited == 6.5
    with pytest.raises(ValidationError, match="completed this session"):
        delete_session(world.ws, sid)


def test_bad_sessions_and_courses_are_refused_at_their_fields(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        create_session(world.ws, SessionInput(None, TODAY, time(9), 0, 0.0, capacity=0))
    assert set(refused.value.errors) == {"course_id", "days", "hours", "capacity"}
    with pytest.raises(ValidationError) as refused:
        create_session(world.ws, SessionInput(world.course, TODAY, time(9), 1, 24.5))
    assert "24 per day" in refused.value.errors["hours"]
    with pytest.raises(ValidationError) as refused:  # 10 days, but one roster line holds 200
        create_session(world.ws, SessionInput(world.course, TODAY, time(9), 10, 240.0))
    assert "at most 200" in refused.value.errors["hours"]
    with pytest.raises(ValidationError) as refused:
        create_course(world.ws, CourseInput(" de-escalation ", CourseCategory.OTHER, 0, 0, -1))
    assert set(refused.value.errors) == {"name", "default_hours", "validity_months",
                                         "reminder_days"}
    row = list_courses(world.ws)[0]
    update_course(world.ws, row.id, CourseInput("De-escalation II", CourseCategory.OTHER, 4),
                  row.version)
    assert list_courses(world.ws)[0].validity == "One-time"
    assert list_sessions(world.ws, SessionQuery(SessionWhen.ALL)).total == 0


def test_compliance_follows_tags_completions_and_time(world: World) -> None:
    ws = world.ws
    requirement = add_requirement(ws, world.course, "Officer", RequirementMode.KEEP_CURRENT)
    with pytest.raises(ValidationError):
        add_requirement(ws, world.course, "officer", RequirementMode.KEEP_CURRENT)
    with pytest.raises(ValidationError):
        add_requirement(ws, world.course, "astronaut", RequirementMode.KEEP_CURRENT)
    old = session(world, date(2024, 11, 20))
    recent = session(world, date(2026, 3, 1))
    enroll(ws, old, world.people[:2])
    save_roster(ws, old, [RosterLine(p, EnrollmentStatus.COMPLETED) for p in world.people[:2]],
                roster_form(ws, old).version, TODAY)
    enroll(ws, recent, world.people[1:2])
    save_roster(ws, recent, [RosterLine(world.people[1], EnrollmentStatus.COMPLETED)],
                roster_form(ws, recent).version, TODAY)
    report = compliance_report(ws, TODAY)
    (item,) = report.requirements
    by_name = {p.name: p.standing for p in item.people}
    assert by_name["Zoë Núñez"].status is S.EXPIRED  # 20 Nov 2024 + 24 months
    assert by_name["Дмитрий Иванов"].status is S.CURRENT  # renewed in March
    assert by_name["Ann Lee"].status is S.NEVER
    assert [item.count(s) for s in S] == [1, 0, 1, 1]
    assert item.share_compliant == pytest.approx(1 / 3)
    assert [p.name for p in item.people][0] == "Ann Lee"  # never first
    assert set(report.non_compliant(requirement)) == {world.people[0], world.people[2]}
    # A day before the expiry Zoë was still current (expiring within the 30-day lead time).
    earlier = compliance_report(ws, date(2026, 11, 19)).requirements[0]
    assert {p.name: p.standing.status for p in earlier.people}["Zoë Núñez"] is S.EXPIRING
    # Someone who gains the tag later is counted from then on; archived people are not.
    with ws.write() as action:
        kim = action.session.get(Person, world.people[3])
        kim.tags.append(action.session.query(Tag).filter_by(name="officer").one())
        action.session.get(Person, world.people[2]).archived_at = kim.created_at
    again = compliance_report(ws, TODAY).requirements[0]
    assert {p.name for p in again.people} == {"Zoë Núñez", "Дмитрий Иванов", "Bo Kim"}
    assert tag_members(ws, "OFFICER") == [world.people[3], world.people[0], world.people[1]]


def test_a_requirement_nobody_carries_has_no_percentage(world: World) -> None:
    with world.ws.write() as action:
        action.session.add(Tag(name="astronaut"))
    add_requirement(world.ws, world.course, "astronaut", RequirementMode.COMPLETE_ONCE)
    (item,) = compliance_report(world.ws, TODAY).requirements
    assert item.people == () and item.share_compliant is None


def test_hours_per_year_person_and_organization(world: World) -> None:
    ws = world.ws
    set_hours_target(ws, HoursTarget(10.0, "officer"))
    with pytest.raises(ValidationError):
        set_hours_target(ws, HoursTarget(0, "officer"))
    december = session(world, date(2025, 12, 31))
    january = session(world, date(2026, 1, 2))
    for sid, people in ((december, world.people[:1]), (january, world.people[:2])):
        enroll(ws, sid, people)
        save_roster(ws, sid, [RosterLine(p, EnrollmentStatus.COMPLETED) for p in people],
                    roster_form(ws, sid).version, TODAY)
    report = hours_report(ws, 2026)
    hours = {p.name: (p.hours, p.below_target) for p in report.people}
    assert hours == {"Zoë Núñez": (8.0, True), "Дмитрий Иванов": (8.0, True),
                     "Ann Lee": (0.0, True)}  # Ann carries the tag and has no hours
    (police,) = report.organizations
    assert (police.name, police.people, police.hours) == ("Riverton PD", 2, 16.0)  # two roles
    assert {p.name: p.hours for p in hours_report(ws, 2025).people}["Zoë Núñez"] == 8.0


def test_a_viewer_may_not_change_training(world: World) -> None:
    world.ws.role = Role.VIEWER
    with pytest.raises(AccessDenied):
        create_course(world.ws, CourseInput("X", CourseCategory.OTHER))
    with pytest.raises(AccessDenied):
        enroll(world.ws, 1, world.people)


def test_the_dashboard_counts_missing_training_and_open_seats(world: World) -> None:
    from app.services.dashboard import load_dashboard

    add_requirement(world.ws, world.course, "officer", RequirementMode.KEEP_CURRENT)
    full = session(world, date(2027, 1, 5), capacity=1)
    free = session(world, date(2027, 1, 6), capacity=5)
    enroll(world.ws, full, world.people[:1])
    dashboard = load_dashboard(world.ws, TODAY)
    assert dashboard.figures.expired_required == 3  # three officers, nobody trained
    assert dashboard.figures.sessions_with_seats == 1
    assert [(s.id, s.free_seats) for s in dashboard.open_sessions] == [(free, 5)]
