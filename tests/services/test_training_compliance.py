"""Compliance at scale keeps its answers: counts without listing people, the people listed
on demand, and the Dashboard's count of people missing training taken by the database."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.models import (
    CourseCategory,
    EnrollmentStatus,
    Person,
    RequirementMode,
    Tag,
)
from app.models.database import Database
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
