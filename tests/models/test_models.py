"""Models and the constraints the database itself enforces, on SQLite and on PostgreSQL.

Services validate input first; these constraints are the last line of defence, so each test
makes the database refuse a bad row (or keep a good one) whatever the backend.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    AgendaItem,
    Area,
    Attendance,
    AttendanceStatus,
    Base,
    Course,
    CourseCategory,
    CrimeCount,
    Enrollment,
    EnrollmentStatus,
    ImportBatch,
    ImportKind,
    Initiative,
    InitiativeKind,
    Meeting,
    OffenseCategory,
    Organization,
    OrganizationKind,
    Person,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
    Tag,
    TrainingSession,
)
from app.models.base import fold
from app.models.database import Database

START = datetime(2024, 5, 14, 18, 0, tzinfo=UTC)


def _make(db: Database, *objects: Any) -> list[int | None]:
    """Store ``objects`` in one write transaction and return their ids (if they have one)."""
    with db.write() as session:
        session.add_all(objects)
        session.flush()
        return [getattr(o, "id", None) for o in objects]


def _refused(db: Database, build: Callable[[Session], Any]) -> IntegrityError:
    """The database refuses what ``build`` writes, and nothing of it is kept."""
    with pytest.raises(IntegrityError) as info, db.write() as session:
        result = build(session)
        if result is not None:
            session.add_all(result if isinstance(result, list) else [result])
        session.flush()
    return info.value


def _org(name: str = "Harbor Youth Center") -> Organization:
    return Organization(name=name, kind=OrganizationKind.NONPROFIT)


def _meeting(**changes: Any) -> Meeting:
    values: dict[str, Any] = {
        "title": "Partnership meeting", "starts_at": START,
        "ends_at": START + timedelta(hours=1),
    }
    return Meeting(**{**values, **changes})


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.query(model).count()


# --- NOT NULL and CHECK ---------------------------------------------------------------------


def test_organization_needs_a_name(any_db: Database) -> None:
    _refused(any_db, lambda s: _org("   "))
    _refused(any_db, lambda s: Organization(kind=OrganizationKind.SCHOOL))  # NULL name
    assert _count(any_db, Organization) == 0


def test_organization_needs_a_kind(any_db: Database) -> None:
    _refused(any_db, lambda s: Organization(name="No kind"))


def test_person_needs_a_first_or_last_name(any_db: Database) -> None:
    _refused(any_db, lambda s: Person(first_name=" ", last_name="", email="x@example.org"))
    _make(any_db, Person(first_name="Cher"), Person(last_name="Okafor"))
    assert _count(any_db, Person) == 2


def test_enum_values_outside_the_list_are_refused(any_db: Database) -> None:
    (org_id,) = _make(any_db, _org())
    _refused(
        any_db,
        lambda s: s.execute(
            text("UPDATE organizations SET kind = 'gang' WHERE id = :id"), {"id": org_id}
        ),
    )
    (meeting_id,) = _make(any_db, _meeting())
    _refused(
        any_db,
        lambda s: s.execute(
            text("UPDATE meetings SET status = 'maybe' WHERE id = :id"), {"id": meeting_id}
        ),
    )
    with any_db.read() as session:
        assert session.get(Organization, org_id).kind is OrganizationKind.NONPROFIT


def test_crime_count_cannot_be_negative(any_db: Database) -> None:
    area, category = Area(name="Beat 1"), OffenseCategory(name="Burglary")
    _make(any_db, area, category)

    def negative(session: Session) -> CrimeCount:
        return CrimeCount(area_id=area.id, category_id=category.id, month=date(2024, 1, 1),
                          count=-1)

    _refused(any_db, negative)


@pytest.mark.parametrize("value", [0, 6])
def test_survey_answers_stay_on_the_scale(any_db: Database, value: int) -> None:
    survey = Survey(name="Safety", kind=SurveyKind.COMMUNITY_SATISFACTION)
    question = SurveyQuestion(text="I feel safe.")
    survey.questions.append(question)
    response = SurveyResponse()
    _make(any_db, survey)
    response.survey_id = survey.id
    _make(any_db, response)

    _refused(any_db, lambda s: SurveyAnswer(response_id=response.id, question_id=question.id,
                                            value=value))
    _make(any_db, SurveyAnswer(response_id=response.id, question_id=question.id, value=5))


def _course() -> Course:
    return Course(name="Crisis intervention", category=CourseCategory.CRISIS_INTERVENTION)


def test_training_session_hours_fit_the_days(any_db: Database) -> None:
    course = _course()
    _make(any_db, course)
    _refused(any_db, lambda s: TrainingSession(course_id=course.id, starts_at=START, hours=25))
    _refused(any_db, lambda s: TrainingSession(course_id=course.id, starts_at=START, hours=0))
    _make(any_db, TrainingSession(course_id=course.id, starts_at=START, days=2, hours=25))


def test_training_session_capacity_is_at_least_one(any_db: Database) -> None:
    course = _course()
    _make(any_db, course)
    _refused(any_db, lambda s: TrainingSession(course_id=course.id, starts_at=START, hours=8,
                                               capacity=0))
    _make(any_db, TrainingSession(course_id=course.id, starts_at=START, hours=8, capacity=None))


def test_completed_enrollment_needs_a_date(any_db: Database) -> None:
    course, person = _course(), Person(first_name="Ana")
    session_ = TrainingSession(course=course, starts_at=START, hours=8)
    _make(any_db, session_, person)
    _refused(any_db, lambda s: Enrollment(session_id=session_.id, person_id=person.id,
                                          status=EnrollmentStatus.COMPLETED))
    _make(any_db, Enrollment(session_id=session_.id, person_id=person.id,
                             status=EnrollmentStatus.COMPLETED, completed_on=date(2024, 5, 14)))


def test_done_action_item_needs_a_completion_date(any_db: Database) -> None:
    _refused(any_db, lambda s: ActionItem(description="Call the school",
                                          status=ActionStatus.DONE))
    _refused(any_db, lambda s: ActionItem(description="  "))
    _make(any_db, ActionItem(description="Call the school", status=ActionStatus.DONE,
                             completed_on=date(2024, 5, 20)))


def test_meeting_cannot_end_before_it_starts(any_db: Database) -> None:
    _refused(any_db, lambda s: _meeting(ends_at=START - timedelta(minutes=1)))
    _make(any_db, _meeting(ends_at=START))  # a zero-length entry is allowed


def test_initiative_comparison_area_differs_from_its_area(any_db: Database) -> None:
    north, south = Area(name="North"), Area(name="South")
    _make(any_db, north, south)

    def same(session: Session) -> Initiative:
        return Initiative(name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH,
                          area_id=north.id, comparison_area_id=north.id)

    _refused(any_db, same)
    _make(any_db, Initiative(name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH,
                             area_id=north.id, comparison_area_id=south.id))


# --- UNIQUE ----------------------------------------------------------------------------------


def test_tag_names_are_unique(any_db: Database) -> None:
    _make(any_db, Tag(name="officer"))
    _refused(any_db, lambda s: Tag(name="officer"))


def test_area_names_are_unique(any_db: Database) -> None:
    _make(any_db, Area(name="Downtown"))
    _refused(any_db, lambda s: Area(name="Downtown"))


def test_one_crime_count_per_cell_and_batch(any_db: Database) -> None:
    area, category = Area(name="Beat 7"), OffenseCategory(name="Robbery")
    batch = ImportBatch(kind=ImportKind.CRIME, source_name="may.csv", source_sha256="0" * 64,
                        imported_by="tester")
    other = ImportBatch(kind=ImportKind.CRIME, source_name="june.csv", source_sha256="1" * 64,
                        imported_by="tester")
    _make(any_db, area, category, batch, other)

    def cell(batch_id: int) -> CrimeCount:
        return CrimeCount(area_id=area.id, category_id=category.id, month=date(2024, 5, 1),
                          count=3, import_batch_id=batch_id)

    _make(any_db, cell(batch.id))
    _refused(any_db, lambda s: cell(batch.id))
    _make(any_db, cell(other.id))  # the same cell from another import is a separate row
    assert _count(any_db, CrimeCount) == 2


def test_one_hand_entered_crime_count_per_cell(any_db: Database) -> None:
    area, category = Area(name="Beat 9"), OffenseCategory(name="Burglary")
    _make(any_db, area, category)

    def cell() -> CrimeCount:
        return CrimeCount(area_id=area.id, category_id=category.id, month=date(2024, 6, 1),
                          count=5, import_batch_id=None)

    _make(any_db, cell())
    _refused(any_db, lambda s: cell())
    assert _count(any_db, CrimeCount) == 1


# --- FOREIGN KEYS ------------------------------------------------------------------------------


def test_affiliation_to_a_missing_organization_is_refused(any_db: Database) -> None:
    person = Person(first_name="Lee")
    _make(any_db, person)
    _refused(any_db, lambda s: Affiliation(person_id=person.id, organization_id=424242))


def test_organization_with_affiliations_cannot_be_deleted(any_db: Database) -> None:
    org, person = _org(), Person(first_name="Lee")
    person.affiliations.append(Affiliation(organization=org, role="Volunteer"))
    _make(any_db, org, person)

    # RESTRICT in the database itself, whatever the caller does...
    _refused(any_db, lambda s: s.execute(text("DELETE FROM organizations WHERE id = :id"),
                                         {"id": org.id}))
    # ...and through the ORM, which cannot orphan the affiliation either.
    _refused(any_db, lambda s: s.delete(s.get(Organization, org.id)))
    assert _count(any_db, Organization) == 1
    assert _count(any_db, Affiliation) == 1


def test_deleting_a_person_removes_their_affiliations(any_db: Database) -> None:
    org, person = _org(), Person(first_name="Lee")
    person.affiliations.append(Affiliation(organization=org))
    _make(any_db, org, person)
    with any_db.write() as session:
        session.execute(text("DELETE FROM people WHERE id = :id"), {"id": person.id})
    assert _count(any_db, Affiliation) == 0
    assert _count(any_db, Organization) == 1


def _meeting_with_children(db: Database) -> int:
    person = Person(first_name="Sam")
    meeting = _meeting()
    meeting.agenda_items.extend([AgendaItem(position=1, title="Welcome"),
                                 AgendaItem(position=2, title="Trends")])
    meeting.attendance.append(Attendance(person=person, status=AttendanceStatus.PRESENT))
    _make(db, meeting)
    return meeting.id


@pytest.mark.parametrize("how", ["orm", "sql"])
def test_deleting_a_meeting_removes_its_agenda_and_attendance(any_db: Database, how: str) -> None:
    meeting_id = _meeting_with_children(any_db)
    with any_db.write() as session:
        if how == "orm":
            session.delete(session.get(Meeting, meeting_id))
        else:
            session.execute(text("DELETE FROM meetings WHERE id = :id"), {"id": meeting_id})
    assert _count(any_db, AgendaItem) == 0
    assert _count(any_db, Attendance) == 0
    assert _count(any_db, Person) == 1  # attendees themselves stay


# --- UTC datetimes ---------------------------------------------------------------------------


def test_naive_datetimes_are_refused(any_db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"), any_db.write() as session:
        session.add(_meeting(starts_at=datetime(2024, 5, 14, 18, 0),
                             ends_at=datetime(2024, 5, 14, 19, 0)))
    assert _count(any_db, Meeting) == 0


def test_aware_datetimes_come_back_in_utc(any_db: Database) -> None:
    chicago_summer = timezone(timedelta(hours=-5))
    starts = datetime(2024, 7, 1, 19, 30, tzinfo=chicago_summer)
    (meeting_id,) = _make(any_db, _meeting(starts_at=starts, ends_at=starts + timedelta(hours=2)))
    with any_db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting.starts_at == starts
        assert meeting.starts_at.tzinfo is UTC
        assert meeting.starts_at.hour == 0 and meeting.starts_at.day == 2
        assert meeting.created_at.tzinfo is UTC
        # Comparisons in SQL work on the stored UTC values.
        found = session.scalars(
            select(Meeting.id).where(Meeting.starts_at >= datetime(2024, 7, 2, tzinfo=UTC))
        ).all()
        assert found == [meeting_id]


# --- optimistic locking ------------------------------------------------------------------------


def test_version_increments_on_update(any_db: Database) -> None:
    (org_id,) = _make(any_db, _org())
    with any_db.read() as session:
        assert session.get(Organization, org_id).version == 1
    for expected in (2, 3):
        with any_db.write() as session:
            session.get(Organization, org_id).notes = f"edit {expected}"
        with any_db.read() as session:
            assert session.get(Organization, org_id).version == expected


def test_stale_update_is_refused(any_db: Database) -> None:
    (org_id,) = _make(any_db, _org())
    first, second = any_db.writer(), any_db.writer()
    try:
        # Two users open the same record (each load ends its transaction, as in the app)...
        mine = first.get(Organization, org_id)
        first.commit()
        theirs = second.get(Organization, org_id)
        second.commit()
        # ...both edit it; the first save wins, the second finds the record changed.
        mine.phone = "555-0100"
        theirs.phone = "555-0199"
        first.commit()
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with any_db.read() as session:
        saved = session.get(Organization, org_id)
        assert (saved.phone, saved.version) == ("555-0100", 2)


# --- search text ---------------------------------------------------------------------------


def test_search_text_is_folded_and_has_phone_digits(any_db: Database) -> None:
    person = Person(first_name="José", last_name="Núñez-Ölçer", title="Block Captain",
                    phone="(555) 010-2030", mobile="+1 555 010 4040")
    org = Organization(name="Café  Ümit Association", kind=OrganizationKind.RESIDENT_GROUP,
                       phone="555.010.5050", city="São Paulo")
    _make(any_db, person, org)
    with any_db.read() as session:
        text_of_person = session.get(Person, person.id).search_text
        text_of_org = session.get(Organization, org.id).search_text
    assert "jose nunez-olcer block captain" in text_of_person
    assert "5550102030" in text_of_person and "15550104040" in text_of_person
    assert "cafe umit association" in text_of_org and "sao paulo" in text_of_org
    assert "5550105050" in text_of_org

    with any_db.write() as session:
        session.get(Person, person.id).last_name = "Ångström"
    with any_db.read() as session:
        found = session.scalars(
            select(Person.id).where(Person.search_text.contains("angstrom"))
        ).all()
    assert found == [person.id]


# --- the fixture itself ----------------------------------------------------------------------


def test_each_test_starts_with_an_empty_database(any_db: Database) -> None:
    """Earlier tests wrote rows; this one still sees empty tables and ids from 1."""
    with any_db.read() as session:
        for table in Base.metadata.sorted_tables:
            assert session.execute(select(table).limit(1)).first() is None, table.name
    assert _make(any_db, _org(), Tag(name="first")) == [1, 1]


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Łukasz Øster", "lukasz oster"),
        ("Đorđe Ærøskøbing", "dorde aeroskobing"),
        ("  STRASSE  Straße ", "strasse strasse"),
        ("Zoë\tMüller", "zoe muller"),
        ("李华", "李华"),
        ("", ""),
    ],
)
def test_fold_finds_names_typed_without_their_accents(written: str, folded: str) -> None:
    assert fold(written) == folded
