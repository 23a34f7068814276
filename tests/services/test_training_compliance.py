"""Compliance at scale keeps its answers: counts without listing people, the people listed
on demand, and the Dashboard's count of people missing training taken by the database."""

from __future__ import annotations

import operator
import shutil
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from app.models import (
    Course,
    CourseCategory,
    Enrollment,
    EnrollmentStatus,
    Person,
    RequirementMode,
    Tag,
    TrainingSession,
)
from app.models.database import Database, open_database
from app.models.training import LatestCompletion
from app.services.certificates import CertificateStatus, last_lapsed_completion, standing
from app.services.compliance import (
    ComplianceReport,
    RequirementCompliance,
    add_requirement,
    compliance_report,
    count_not_compliant,
)
from app.services.courses import CourseInput, create_course
from app.services.dashboard import load_dashboard
from app.services.merge import merge_people
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
S = CertificateStatus
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("months", [1, 6, 12, 13, 24, 48])
def test_the_last_lapsed_completion_splits_expired_from_current(months: int) -> None:
    """Every day of a leap year and its neighbours, month ends included."""
    today = date(2023, 12, 25)
    while today <= date(2025, 1, 5):
        last = last_lapsed_completion(months, today)
        for days in range(-3, 4):
            completed = last + timedelta(days=days)
            expired = standing(completed, months, 30, today).status is S.EXPIRED
            assert expired == (days <= 0), (today, completed)
        today += timedelta(days=1)


def _complete(ws: Workspace, course: int, day: date, people: list[int]) -> None:
    session_id = create_session(ws, SessionInput(course, day, time(9), 1, 4.0))
    enroll(ws, session_id, people)
    form = roster_form(ws, session_id)
    save_roster(ws, session_id, [RosterLine(p, EnrollmentStatus.COMPLETED, 4.0, day)
                                 for p in people], form.version, TODAY)


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    """Two tags, three requirements of three kinds, and every standing there is."""
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        officer, dispatcher = Tag(name="officer"), Tag(name="dispatcher")
        names = ["Ada", "Ben", "Cleo", "Dov", "Eli", "Fay", "Gus", "Hal", "Ivy"]
        people = [Person(first_name=n, last_name="Zed" if n < "E" else "Ash") for n in names]
        for person in people[:7]:
            person.tags.append(officer)
        for person in people[5:]:
            person.tags.append(dispatcher)
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
    yearly = create_course(ws, CourseInput("Crisis refresher", CourseCategory.OTHER, 4, 12, 30))
    once = create_course(ws, CourseInput("Ethics", CourseCategory.OTHER, 4, 24, 30))
    forever = create_course(ws, CourseInput("Analysis", CourseCategory.OTHER, 4, None, 30))
    add_requirement(ws, yearly, "officer", RequirementMode.KEEP_CURRENT)
    add_requirement(ws, once, "officer", RequirementMode.COMPLETE_ONCE)
    add_requirement(ws, forever, "dispatcher", RequirementMode.KEEP_CURRENT)
    # Ada expired on the expiry day itself, Ben is in the lead time, Cleo current, Dov
    # expired once and renewed, Eli and Fay never took it; Ethics long ago for Ada and Eli.
    _complete(ws, yearly, date(2025, 11, 28), ids[:1])
    _complete(ws, yearly, date(2025, 12, 10), ids[1:2])
    _complete(ws, yearly, date(2026, 6, 1), ids[2:3])
    _complete(ws, yearly, date(2024, 1, 5), ids[3:4])
    _complete(ws, yearly, date(2026, 2, 1), ids[3:4])
    _complete(ws, once, date(2019, 3, 1), [ids[0], ids[4]])
    _complete(ws, forever, date(2018, 5, 5), ids[7:8])
    with ws.write() as action:  # Gus leaves: archived people are left out everywhere
        gus = action.session.get(Person, ids[6])
        assert gus is not None
        gus.archived_at = gus.updated_at
    return ws


def test_counts_come_without_listing_and_match_the_people(ws: Workspace) -> None:
    report = compliance_report(ws, TODAY)
    rows = {item.requirement.course: item for item in report.requirements}
    yearly, once, forever = rows["Crisis refresher"], rows["Ethics"], rows["Analysis"]
    assert [yearly.count(s) for s in (S.CURRENT, S.EXPIRING, S.EXPIRED, S.NEVER)] == [
        2, 1, 1, 2]
    assert (yearly.total, yearly.compliant, yearly.percent_text) == (6, 3, "50%")
    assert [p.name for p in yearly.people] == [
        "Eli Ash", "Fay Ash", "Ada Zed", "Ben Zed", "Cleo Zed", "Dov Zed"]
    assert [p.standing.status for p in yearly.people] == [
        S.NEVER, S.NEVER, S.EXPIRED, S.EXPIRING, S.CURRENT, S.CURRENT]
    assert (once.compliant, once.total) == (2, 6)  # Ethics once is enough, however long ago
    assert (forever.compliant, forever.total, forever.count(S.NEVER)) == (1, 3, 2)
    for item in report.requirements:  # the same counts as from the listed people
        assert RequirementCompliance(item.requirement, item.people).counts == item.counts
        assert item.total == len(item.people)
    # Missing at least one: Ada, Eli, Fay (refresher), Ben, Cleo, Dov (Ethics), Ivy
    # (Analysis); Hal holds what dispatchers need, Gus is archived.
    assert report.people_not_compliant == 7
    built = ComplianceReport(report.today, report.requirements)  # counted from the people
    assert built.people_not_compliant == 7


@pytest.mark.parametrize("today", [TODAY, date(2026, 10, 29), date(2026, 10, 28),
                                   date(2026, 12, 10), date(2027, 6, 1), date(2025, 1, 1)])
def test_the_dashboard_count_is_the_reports_count(ws: Workspace, today: date) -> None:
    report = compliance_report(ws, today)
    behind = {p.person_id for item in report.requirements for p in item.people
              if not p.standing.status.compliant}
    with ws.read() as session:
        assert count_not_compliant(session, today) == len(behind) == report.people_not_compliant
    assert load_dashboard(ws, today).figures.expired_required == len(behind)


def test_no_requirements_nobody_is_missing_anything(any_db: Database) -> None:
    ws = Workspace(any_db)
    with ws.read() as session:
        assert count_not_compliant(session, TODAY) == 0
    assert compliance_report(ws, TODAY).people_not_compliant == 0


# -- latest completions, kept by the database -------------------------------------------

TRUTH = """SELECT e.person_id, s.course_id, max(e.completed_on)
FROM enrollments e JOIN training_sessions s ON s.id = e.session_id
WHERE e.status = 'completed' GROUP BY e.person_id, s.course_id"""


def _kept_and_truth(ws: Workspace) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    with ws.read() as session:
        kept = {tuple(row) for row in session.execute(select(
            LatestCompletion.person_id, LatestCompletion.course_id,
            LatestCompletion.completed_on))}
        truth = {(p, c, d if isinstance(d, date) else date.fromisoformat(d))
                 for p, c, d in session.execute(text(TRUTH))}
    return kept, truth


def test_latest_completions_follow_every_change(ws: Workspace) -> None:
    """Completing, un-completing, re-dating, moving to another person or course, deleting
    an enrollment or a whole session: the kept rows are what grouping all completions
    says, on SQLite and on PostgreSQL."""
    kept, truth = _kept_and_truth(ws)
    assert kept == truth and len(kept) == 7
    with ws.read() as session:
        enrollments = session.scalars(select(Enrollment).order_by(Enrollment.id)).all()
        ids = [e.id for e in enrollments]
        sessions = [e.session_id for e in enrollments]
        courses = session.scalars(select(Course.id).order_by(Course.id)).all()
        nobody = session.scalars(select(Person.id).order_by(Person.id.desc())).first()

    def change(work: Callable[[Session], object]) -> None:
        with ws.write() as action:
            work(action.session)
            action.session.flush()
        assert operator.eq(*_kept_and_truth(ws))

    def enrollment(session: Session, n: int) -> Enrollment:
        found = session.get(Enrollment, ids[n])
        assert found is not None
        return found

    def undo(session: Session) -> None:  # Dov's renewal was a mistake
        e = enrollment(session, 4)
        e.status, e.completed_on, e.hours_credited = EnrollmentStatus.NO_SHOW, None, None

    change(undo)
    change(lambda s: setattr(enrollment(s, 0), "completed_on", date(2026, 1, 2)))
    change(lambda s: setattr(enrollment(s, 1), "person_id", nobody))
    change(lambda s: setattr(s.get(TrainingSession, sessions[2]), "course_id", courses[2]))
    change(lambda s: s.delete(enrollment(s, 3)))
    change(lambda s: s.execute(delete(TrainingSession).where(  # the database cascades
        TrainingSession.id == sessions[5])))
    change(lambda s: s.add(Enrollment(session_id=sessions[0], person_id=nobody,
                                      status=EnrollmentStatus.COMPLETED, hours_credited=4.0,
                                      completed_on=date(2020, 1, 1))))
    kept, _truth = _kept_and_truth(ws)
    assert (nobody, courses[0], date(2025, 12, 10)) in kept  # Ben's, moved to Ivy, is newer
    assert not any(pid == nobody and course == courses[1] for pid, course, _d in kept)
    # Merging Ivy into Ada moves her completions; the merge reports no derived rows moved.
    ada = min(pid for pid, _course, _d in kept)
    moved = merge_people(ws, ada, nobody)
    assert not any("latest" in kind for kind in moved)
    kept, truth = _kept_and_truth(ws)
    assert kept == truth and not any(pid == nobody for pid, _course, _d in kept)


def test_an_upgraded_file_holds_its_latest_completions(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002_area_neighbors.sqlite", path)
    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        ws = Workspace(db)
        kept, truth = _kept_and_truth(ws)
        assert kept == truth and [d for _p, _c, d in kept] == [date(2024, 2, 6)]
    finally:
        db.close()


@pytest.mark.parametrize(("today", "expected"), [
    (TODAY, [("Ben Zed", "Crisis refresher", date(2026, 12, 10), 12)]),
    (date(2026, 11, 27), [("Ada Zed", "Crisis refresher", date(2026, 11, 28), 1),
                          ("Ben Zed", "Crisis refresher", date(2026, 12, 10), 13)]),
    (date(2026, 12, 3), [("Ben Zed", "Crisis refresher", date(2026, 12, 10), 7),
                         ("Dov Zed", "Crisis refresher", date(2027, 2, 1), 60)]),
    (date(2026, 12, 10), [("Dov Zed", "Crisis refresher", date(2027, 2, 1), 53)]),
])
def test_the_dashboard_lists_latest_certificates_expiring_within_60_days(
        ws: Workspace, today: date, expected: list[tuple[object, ...]]) -> None:
    """Dov's 2024 certificate was renewed: only his latest counts. Expired on the expiry
    day itself; 60 days ahead is still listed."""
    dashboard = load_dashboard(ws, today)
    assert [(c.person, c.course, c.expires_on, c.days_left)
            for c in dashboard.expiring] == expected
    assert dashboard.figures.expiring_certifications == len(expected)
