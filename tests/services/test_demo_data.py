"""The Riverton demo data set, and the large benchmark database builder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    Area,
    Attendance,
    AttendanceStatus,
    AuditAction,
    AuditEntry,
    Course,
    CrimeCount,
    Enrollment,
    EnrollmentStatus,
    Expenditure,
    Funding,
    Initiative,
    InitiativeKind,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Person,
    Role,
    Setting,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    TrainingSession,
    User,
)
from app.models.database import Database, open_database
from app.models.directory import organization_search_text, person_search_text
from app.services.demo.common import add_months
from app.services.demo_data import DemoDataError, DemoSummary, is_empty, load_demo_data

TODAY = date(2026, 3, 18)
# Dates that move month ends, leap days and second Tuesdays around.
OTHER_DAYS = [date(2024, 2, 29), date(2025, 12, 31), date(2026, 9, 8)]


@pytest.fixture(scope="module", params=[TODAY, *OTHER_DAYS], ids=str)
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Database, date, DemoSummary]]:
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    summary = load_demo_data(db, today=request.param)
    yield db, request.param, summary
    db.close()


def _first_people(db: Database, n: int = 10) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.execute(
            select(Person.first_name, Person.last_name).order_by(Person.id).limit(n))
        return [tuple(row) for row in rows]


def test_same_day_gives_same_data(tmp_path: Path) -> None:
    first, second = (open_database(tmp_path / name) for name in ("a.sqlite", "b.sqlite"))
    try:
        assert load_demo_data(first, today=TODAY) == load_demo_data(second, today=TODAY)
        assert _first_people(first) == _first_people(second)
        assert len(set(_first_people(first))) == 10
        with first.read() as a, second.read() as b:
            query = select(CrimeCount.area_id, CrimeCount.month, CrimeCount.count).order_by(
                CrimeCount.id)
            assert a.execute(query).all() == b.execute(query).all()
    finally:
        first.close()
        second.close()


def test_is_empty_flips_and_a_second_load_is_refused(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.sqlite")
    try:
        assert is_empty(db)
        steps: list[tuple[int, int]] = []
        load_demo_data(db, today=TODAY, progress=lambda done, total: steps.append((done, total)))
        assert not is_empty(db)
        assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
        assert [done for done, _ in steps] == sorted(done for done, _ in steps)
        with pytest.raises(DemoDataError):
            load_demo_data(db, today=TODAY)
    finally:
        db.close()


def test_directory(demo: tuple[Database, date, DemoSummary]) -> None:
    db, _today, summary = demo
    assert 38 <= summary.organizations <= 45
    assert summary.people == 150
    with db.read() as session:
        kinds = set(session.scalars(select(Organization.kind)))
        assert kinds == set(OrganizationKind)
        per_person = Counter(session.scalars(select(Affiliation.person_id)))
        assert sum(1 for n in per_person.values() if n >= 2) >= 10
        assert 150 - len(per_person) >= 20  # residents without any organization
        names = {(p.first_name, p.last_name) for p in session.scalars(select(Person))}
        for name in [("Zoë", "Müller"), ("José", "Núñez"), ("Thị Lan", "Nguyễn"),
                     ("Дмитрий", "Иванов"), ("华", "李")]:
            assert name in names
        nguyen = session.scalar(select(Person).where(Person.last_name == "Nguyễn"))
        assert nguyen is not None and "nguyen" in nguyen.search_text
        tags = {t.name for p in session.scalars(select(Person)) for t in p.tags}
        assert {"officer", "block captain", "volunteer", "school resource officer",
                "mental health clinician"} <= tags
        orgs = session.scalars(select(Organization)).all()
        assert all(o.email and o.phone and o.website and o.street for o in orgs)


def test_initiatives(demo: tuple[Database, date, DemoSummary]) -> None:
    db, _today, summary = demo
    assert summary.initiatives == 6
    with db.read() as session:
        initiatives = session.scalars(select(Initiative)).all()
        assert len({i.kind for i in initiatives}) == 6
        solving = [i for i in initiatives if i.kind is InitiativeKind.PROBLEM_SOLVING]
        assert len(solving) == 1 and solving[0].sara is not None and solving[0].sara.analysis
        for initiative in initiatives:
            assert initiative.partners and initiative.goals
            assert all(p.role and p.contributions for p in initiative.partners)
            assert all(g.baseline is not None and g.target is not None for g in initiative.goals)
        assert sum(len(g.measurements) for i in initiatives for g in i.goals) >= 30
        expenditures = session.scalars(select(Expenditure)).all()
        assert {e.funding for e in expenditures} == set(Funding)
        assert any(e.volunteer_hours > 0 for e in expenditures)


def test_meetings(demo: tuple[Database, date, DemoSummary]) -> None:
    db, today, _summary = demo
    with db.read() as session:
        series = session.scalars(select(MeetingSeries)).one()
        assert series.rule == "FREQ=MONTHLY;BYDAY=2TU"
        meetings = sorted(series.meetings, key=lambda m: m.starts_at)
        assert 27 <= len(meetings) <= 29
        for meeting in meetings:
            local = meeting.starts_at.astimezone()
            assert (local.weekday(), local.hour, 8 <= local.day <= 14) == (1, 18, True)
            assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)
            assert meeting.agenda_items and meeting.attendance
            statuses = {a.status for a in meeting.attendance}
            if local.date() < today:
                assert meeting.status is MeetingStatus.HELD and meeting.minutes
                assert AttendanceStatus.INVITED not in statuses
            else:
                assert meeting.status is MeetingStatus.SCHEDULED
                assert statuses == {AttendanceStatus.INVITED}
        held = [m for m in meetings if m.status is MeetingStatus.HELD]
        assert 24 <= len(held) <= 25
        future = [m for m in meetings if m.status is MeetingStatus.SCHEDULED]
        assert future[-1].starts_at.date() <= add_months(today, 3) + timedelta(days=14)
        assert any(m.walk_in_count > 0 for m in held)
        every = session.scalars(select(Attendance.status)).all()
        assert {AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED,
                AttendanceStatus.ABSENT} <= set(every)
        assert any(item.presenter_id is None and item.presenter_name
                   for m in held for item in m.agenda_items)


def test_action_items(demo: tuple[Database, date, DemoSummary]) -> None:
    db, today, _summary = demo
    with db.read() as session:
        items = session.scalars(select(ActionItem)).all()
        overdue = [i for i in items if i.status is ActionStatus.OPEN and i.due_on < today]
        assert overdue
        done = [i for i in items if i.status is ActionStatus.DONE]
        assert len(done) >= 10
        for item in done:
            assert item.meeting is not None
            assert item.meeting.starts_at.astimezone().date() <= item.completed_on <= today


def test_training_and_certifications(demo: tuple[Database, date, DemoSummary]) -> None:
    db, today, summary = demo
    assert summary.training_sessions == 20 and summary.requirements >= 4
    with db.read() as session:
        validity = {c.name: c.validity_months for c in session.scalars(select(Course))}
        assert {24, 36, 12, None} <= set(validity.values())
        starts = [s.starts_at.date() for s in session.scalars(select(TrainingSession))]
        assert any(d < today for d in starts) and any(d > today for d in starts)
        latest: dict[tuple[int, str], date] = {}
        rows = session.execute(
            select(Enrollment.person_id, Course.name, Enrollment.completed_on)
            .join(TrainingSession, Enrollment.session_id == TrainingSession.id)
            .join(Course, TrainingSession.course_id == Course.id)
            .where(Enrollment.status == EnrollmentStatus.COMPLETED))
        for person_id, course, completed in rows:
            key = (person_id, course)
            latest[key] = max(latest.get(key, completed), completed)
        expiries = [add_months(done, validity[course])
                    for (_p, course), done in latest.items() if validity[course]]
    expiring = [e for e in expiries if today <= e <= today + timedelta(days=60)]
    expired = [e for e in expiries if e < today]
    assert len(expiring) >= 3
    assert expired


def _monthly_average(db: Database, area_id: int, first: date, months: int) -> float:
    last = add_months(first, months)
    with db.read() as session:
        total = session.scalar(
            select(func.sum(CrimeCount.count)).where(
                CrimeCount.area_id == area_id, CrimeCount.month >= first,
                CrimeCount.month < last))
    return (total or 0) / months


def test_crime_counts_show_the_initiative_effect(
    demo: tuple[Database, date, DemoSummary],
) -> None:
    db, _today, summary = demo
    assert (summary.areas, summary.offense_categories) == (8, 10)
    assert summary.crime_counts == 8 * 10 * 60
    with db.read() as session:
        project = session.scalars(
            select(Initiative).where(Initiative.kind == InitiativeKind.PROBLEM_SOLVING)).one()
        target, comparison = project.area_id, project.comparison_area_id
        start = project.starts_on
        assert all(a.population for a in session.scalars(select(Area)))
    assert target is not None and comparison is not None and start is not None
    start = start.replace(day=1)
    ratio = (_monthly_average(db, target, start, 12)
             / _monthly_average(db, target, add_months(start, -12), 12))
    control = (_monthly_average(db, comparison, start, 12)
               / _monthly_average(db, comparison, add_months(start, -12), 12))
    assert ratio < 0.8
    assert control > 0.9


def test_surveys_users_settings_and_audit(demo: tuple[Database, date, DemoSummary]) -> None:
    db, _today, summary = demo
    with db.read() as session:
        surveys = {s.kind: s for s in session.scalars(select(Survey))}
        assert set(surveys) == {SurveyKind.COMMUNITY_SATISFACTION,
                                SurveyKind.PARTNER_COLLABORATION}
        responses = Counter(session.scalars(select(SurveyResponse.survey_id)))
        assert 70 <= responses[surveys[SurveyKind.COMMUNITY_SATISFACTION].id] <= 90
        assert 20 <= responses[surveys[SurveyKind.PARTNER_COLLABORATION].id] <= 30
        for survey in surveys.values():
            assert len(survey.factors) >= 4
            assert all(q.factor_id is not None for q in survey.questions)
        values = set(session.scalars(select(SurveyAnswer.value)))
        assert values <= {1, 2, 3, 4, 5} and len(values) == 5
        admin = session.scalars(select(User)).one()
        assert admin.role is Role.ADMIN and admin.password_hash is None
        assert session.get(Setting, "agency_name").value == "Riverton Police Department"
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.action, audit.entity) == (AuditAction.CREATE, "database")
        assert audit.changes["people"] == summary.people


def test_database_is_consistent(demo: tuple[Database, date, DemoSummary]) -> None:
    db, _today, _summary = demo
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_benchmark_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench.make_db import main

    out = tmp_path / "bench.sqlite"
    assert main([str(out), "--people", "2000", "--today", "2026-03-18"]) == 0
    assert "rows/s" in capsys.readouterr().out
    assert main([str(out), "--people", "2000"]) == 2  # exists: not overwritten
    db = open_database(out)
    try:
        with db.read() as session:
            def count(model: type) -> int:
                return session.scalar(select(func.count()).select_from(model)) or 0

            assert count(Person) == 2000
            assert count(Organization) == 100
            assert 2000 <= count(Affiliation) <= 2800
            assert 5000 <= count(Enrollment) <= 7000
            assert count(Meeting) == 40
            assert count(Attendance) == 400
            assert count(CrimeCount) == 8 * 10 * 60
            for person in session.scalars(select(Person)):
                links = sorted(person.affiliations, key=lambda a: a.id)
                names = [a.organization.name for a in links]
                assert person.search_text == person_search_text(person, names)
            for org in session.scalars(select(Organization)):
                assert org.search_text == organization_search_text(org)
            assert session.scalars(select(Person.search_text).where(
                Person.search_text.contains("zoe"))).first() is not None
            meeting = session.scalars(select(Meeting)).first()
            assert meeting is not None and meeting.starts_at.tzinfo is not None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.close()
