"""Merging duplicates keeps every link of both records and is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import (
    ActionItem,
    Attendance,
    AttendanceStatus,
    AuditAction,
    AuditEntry,
    Course,
    CourseCategory,
    Enrollment,
    EnrollmentStatus,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    Meeting,
    OrganizationKind,
    Person,
    TrainingSession,
)
from app.models.database import Database
from app.services.errors import ValidationError
from app.services.merge import merge_organizations, merge_people
from app.services.organizations import OrganizationInput, create_organization, list_organizations
from app.services.people import AffiliationInput, PersonInput, create_person, person_form
from app.services.workspace import Workspace

START = datetime(2024, 5, 14, 18, tzinfo=UTC)


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db, user_name="officer.lee")


def meeting(ws: Workspace, title: str, *attendees: tuple[int, AttendanceStatus]) -> int:
    with ws.write() as action:
        m = Meeting(title=title, starts_at=START, ends_at=START + timedelta(hours=1))
        action.session.add(m)
        action.session.flush()
        for person_id, status in attendees:
            action.session.add(Attendance(meeting_id=m.id, person_id=person_id, status=status))
        return m.id


def test_merging_people_keeps_every_link(ws: Workspace) -> None:
    harbor = create_organization(ws, OrganizationInput("Harbor", OrganizationKind.NONPROFIT))
    school = create_organization(ws, OrganizationInput("School", OrganizationKind.SCHOOL))
    keep = create_person(
        ws,
        PersonInput(
            "José",
            "Núñez",
            email="jose@harbor.org",
            tags=("a",),
            affiliations=(AffiliationInput(harbor, "Mentor"),),
        ),
    )
    drop = create_person(
        ws,
        PersonInput(
            "Jose",
            "Nunez",
            phone="5552017788",
            tags=("b",),
            notes="Met at the fair",
            affiliations=(
                AffiliationInput(school, "Parent"),
                AffiliationInput(harbor, "Mentor", date(2020, 1, 1)),
            ),
        ),
    )
    both = meeting(
        ws, "Both came", (keep, AttendanceStatus.ABSENT), (drop, AttendanceStatus.PRESENT)
    )
    only_drop = meeting(ws, "Only the duplicate", (drop, AttendanceStatus.EXCUSED))
    with ws.write() as action:
        course = Course(name="De-escalation", category=CourseCategory.DE_ESCALATION)
        action.session.add(course)
        action.session.flush()
        session_ = TrainingSession(course_id=course.id, starts_at=START, hours=4)
        action.session.add(session_)
        action.session.flush()
        action.session.add(
            Enrollment(
                session_id=session_.id,
                person_id=drop,
                status=EnrollmentStatus.COMPLETED,
                completed_on=date(2024, 5, 14),
            )
        )
        action.session.add(ActionItem(description="Call the school", owner_id=drop))

    moved = merge_people(ws, keep, drop)

    assert moved["affiliations"] == 1 and moved["enrollments"] == 1
    assert moved["action items"] == 1 and moved["attendance"] == 1
    form = person_form(ws, keep)
    assert form.data.phone == "(555) 201-7788" and form.data.email == "jose@harbor.org"
    assert sorted(form.data.tags) == ["a", "b"]
    assert sorted((a.organization_id, a.role) for a in form.data.affiliations) == [
        (harbor, "Mentor"),
        (school, "Parent"),
    ]
    assert [a.since for a in form.data.affiliations if a.role == "Mentor"] == [date(2020, 1, 1)]
    with ws.read() as session:
        assert session.get(Person, drop) is None
        statuses = dict(
            session.execute(
                select(Attendance.meeting_id, Attendance.status).where(Attendance.person_id == keep)
            ).all()
        )
        assert statuses == {both: AttendanceStatus.PRESENT, only_drop: AttendanceStatus.EXCUSED}
        assert session.scalar(select(Enrollment.person_id)) == keep
        assert session.scalar(select(ActionItem.owner_id)) == keep
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.MERGE)
        ).one()
        assert entry.entity_id == keep and entry.changes["merged_id"] == drop
        assert "Met at the fair" in session.get(Person, keep).notes


def test_merging_organizations_moves_members_and_partnerships(ws: Workspace) -> None:
    keep = create_organization(
        ws, OrganizationInput("Harbor Youth Center", OrganizationKind.NONPROFIT)
    )
    drop = create_organization(
        ws,
        OrganizationInput(
            "Harbour Youth Centre", OrganizationKind.NONPROFIT, website="harbor.example.org"
        ),
    )
    person = create_person(
        ws, PersonInput("Ann", "Lee", affiliations=(AffiliationInput(drop, "Chair"),))
    )
    with ws.write() as action:
        initiative = Initiative(
            name="Youth mentoring", kind=InitiativeKind.YOUTH_MENTORSHIP, lead_organization_id=drop
        )
        action.session.add(initiative)
        action.session.flush()
        action.session.add(
            InitiativePartner(initiative_id=initiative.id, organization_id=drop, role="Host")
        )

    merge_organizations(ws, keep, drop)

    assert [r.name for r in list_organizations(ws).rows] == ["Harbor Youth Center"]
    assert person_form(ws, person).data.affiliations[0].organization_id == keep
    with ws.read() as session:
        assert session.scalar(select(Initiative.lead_organization_id)) == keep
        assert session.scalar(select(InitiativePartner.organization_id)) == keep
    assert list_organizations(ws).rows[0].name == "Harbor Youth Center"


def test_a_record_cannot_be_merged_with_itself(ws: Workspace) -> None:
    person = create_person(ws, PersonInput("Ann", "Lee"))
    with pytest.raises(ValidationError):
        merge_people(ws, person, person)


def test_undoing_an_import_never_deletes_a_record_merged_into_an_imported_one(
    ws: Workspace, tmp_path
) -> None:
    from app.services.contacts import preview_import, run_import, undo_import

    old = create_person(ws, PersonInput("Ann", "Old", notes="Years of notes"))
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("First Name,Last Name,E-mail Address\nZed,Imported,zed@x.org\n")
    result = run_import(ws, preview_import(ws, contacts))
    with ws.read() as session:
        imported = session.scalar(select(Person.id).where(Person.last_name == "Imported"))
    merge_people(ws, imported, old)
    undo_import(ws, result.batch_id)
    with ws.read() as session:
        survivor = session.get(Person, imported)
        assert survivor is not None and "Years of notes" in survivor.notes


def test_merging_keeps_the_kept_records_primary_organization(ws: Workspace) -> None:
    alpha, bravo, charlie = (
        create_organization(ws, OrganizationInput(n, OrganizationKind.NONPROFIT))
        for n in ("Alpha", "Bravo", "Charlie")
    )
    keep = create_person(
        ws,
        PersonInput(
            "Ann",
            "Lee",
            affiliations=(
                AffiliationInput(alpha, "x"),
                AffiliationInput(bravo, "y", is_primary=True),
            ),
        ),
    )
    drop = create_person(
        ws,
        PersonInput("Ann", "Lee", affiliations=(AffiliationInput(charlie, "z", is_primary=True),)),
    )
    merge_people(ws, keep, drop)
    primaries = [a.organization_id for a in person_form(ws, keep).data.affiliations if a.is_primary]
    assert primaries == [bravo]
