"""People: validation, affiliations and tags, search over organizations, sort, delete rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import AuditAction, AuditEntry, Meeting, OrganizationKind, Person
from app.models.database import Database
from app.models.meetings import Attendance
from app.services.directory_detail import organization_detail, person_detail
from app.services.errors import ValidationError
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    organization_form,
    update_organization,
)
from app.services.people import (
    AffiliationInput,
    PeopleQuery,
    PersonInput,
    all_tags,
    create_person,
    delete_person,
    list_people,
    person_form,
    set_person_archived,
    update_person,
)
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db, user_name="officer.lee")


def org(ws: Workspace, name: str, kind: OrganizationKind = OrganizationKind.NONPROFIT) -> int:
    return create_organization(ws, OrganizationInput(name, kind))


def names(ws: Workspace, **query: object) -> list[str]:
    return [r.name for r in list_people(ws, PeopleQuery(**query)).rows]  # type: ignore[arg-type]


def test_person_with_affiliations_and_tags_round_trips(ws: Workspace) -> None:
    harbor = org(ws, "Harbor Youth Center")
    school = org(ws, "Eastside Middle School", OrganizationKind.SCHOOL)
    person_id = create_person(
        ws,
        PersonInput(
            first_name=" José ",
            last_name="Núñez",
            email="jose@harbor.org",
            phone="5552017788",
            tags=("Volunteer", "block captain", "volunteer "),
            affiliations=(
                AffiliationInput(harbor, "Mentor", date(2022, 1, 10), None, True),
                AffiliationInput(school, "Parent volunteer"),
            ),
        ),
    )
    loaded = person_form(ws, person_id)
    assert loaded.data.first_name == "José"
    assert loaded.data.phone == "(555) 201-7788"
    assert sorted(loaded.data.tags) == ["Volunteer", "block captain"]
    assert [a.role for a in loaded.data.affiliations] == ["Mentor", "Parent volunteer"]
    assert loaded.organization_names[harbor] == "Harbor Youth Center"
    assert all_tags(ws) == ["block captain", "Volunteer"]
    (row,) = list_people(ws).rows
    assert (row.name, row.organization) == ("Núñez, José", "Harbor Youth Center")


def test_validation_names_each_field(ws: Workspace) -> None:
    harbor = org(ws, "Harbor Youth Center")
    with pytest.raises(ValidationError) as caught:
        create_person(
            ws,
            PersonInput(
                email="jose@",
                phone="call me",
                mobile="12",
                affiliations=(
                    AffiliationInput(harbor, "Mentor", date(2024, 5, 1), date(2024, 1, 1), True),
                    AffiliationInput(harbor, "Tutor", None, None, True),
                ),
            ),
        )
    errors = caught.value.errors
    assert set(errors) == {"first_name", "email", "phone", "mobile", "affiliations"}
    assert list_people(ws).total == 0


def test_search_finds_people_by_organization_name_accents_and_phone(ws: Workspace) -> None:
    harbor = org(ws, "Harbor Youth Center")
    create_person(
        ws,
        PersonInput(
            "Zoë",
            "Müller",
            phone="(555) 201-7788",
            affiliations=(AffiliationInput(harbor, "Director"),),
        ),
    )
    create_person(ws, PersonInput("Ann", "Lee", notes="Speaks Korean"))
    assert names(ws, search="harbor") == ["Müller, Zoë"]
    assert names(ws, search="zoe mull") == ["Müller, Zoë"]
    assert names(ws, search="201-7788") == ["Müller, Zoë"]
    assert names(ws, search="korean") == ["Lee, Ann"]
    assert names(ws, search="nobody") == []


def test_renaming_an_organization_updates_its_people_search_and_sort(ws: Workspace) -> None:
    harbor = org(ws, "Harbor Youth Center")
    create_person(
        ws, PersonInput("Zoë", "Müller", affiliations=(AffiliationInput(harbor, "Director"),))
    )
    version, data = organization_form(ws, harbor)
    update_organization(ws, harbor, OrganizationInput("Lighthouse Youth", data.kind), version)
    assert names(ws, search="lighthouse") == ["Müller, Zoë"]
    assert names(ws, search="harbor") == []
    assert list_people(ws).rows[0].organization == "Lighthouse Youth"


def test_sorting_by_each_column_and_direction(ws: Workspace) -> None:
    a, b = org(ws, "Alpha Org"), org(ws, "Beta Org")
    create_person(
        ws, PersonInput("Cara", "Zed", title="Officer", affiliations=(AffiliationInput(a, "x"),))
    )
    create_person(
        ws, PersonInput("Abe", "Young", title="Director", affiliations=(AffiliationInput(b, "y"),))
    )
    assert names(ws, sort="name") == ["Young, Abe", "Zed, Cara"]
    assert names(ws, sort="name", descending=True) == ["Zed, Cara", "Young, Abe"]
    assert names(ws, sort="organization") == ["Zed, Cara", "Young, Abe"]
    assert names(ws, sort="title") == ["Young, Abe", "Zed, Cara"]
    assert names(ws, search="o", sort="organization", descending=True) == [
        "Young, Abe",
        "Zed, Cara",
    ]


def test_tag_and_archive_filters(ws: Workspace) -> None:
    first = create_person(ws, PersonInput("Ann", "Lee", tags=("officer",)))
    create_person(ws, PersonInput("Bo", "Kim"))
    assert names(ws, tag="officer") == ["Lee, Ann"]
    set_person_archived(ws, first, True)
    assert names(ws) == ["Kim, Bo"]
    assert names(ws, include_archived=True) == ["Kim, Bo", "Lee, Ann"]


def test_update_replaces_affiliations_and_keeps_a_history_in_the_audit_log(ws: Workspace) -> None:
    harbor, school = org(ws, "Harbor"), org(ws, "School")
    person_id = create_person(
        ws, PersonInput("Ann", "Lee", affiliations=(AffiliationInput(harbor, "Mentor"),))
    )
    loaded = person_form(ws, person_id)
    update_person(
        ws,
        person_id,
        PersonInput(
            "Ann", "Lee", affiliations=(AffiliationInput(school, "Coach", is_primary=True),)
        ),
        loaded.version,
    )
    assert [o.name for o in person_detail(ws, person_id).organizations] == ["School"]
    with ws.read() as session:
        actions = [(e.action, e.entity) for e in session.scalars(select(AuditEntry))]
    assert (AuditAction.DELETE, "affiliations") in actions
    assert (AuditAction.CREATE, "affiliations") in actions


def test_delete_is_refused_while_meetings_point_to_the_person(ws: Workspace) -> None:
    person_id = create_person(ws, PersonInput("Ann", "Lee"))
    start = datetime(2024, 5, 14, 18, tzinfo=UTC)
    with ws.write() as action:
        meeting = Meeting(title="Council", starts_at=start, ends_at=start + timedelta(hours=1))
        action.session.add(meeting)
        action.session.flush()
        action.session.add(Attendance(meeting_id=meeting.id, person_id=person_id))
    with pytest.raises(ValidationError, match="1 meeting attendance"):
        delete_person(ws, person_id)
    other = create_person(ws, PersonInput("Bo", "Kim"))
    delete_person(ws, other)
    with ws.read() as session:
        assert session.get(Person, other) is None


def test_organization_detail_lists_its_people(ws: Workspace) -> None:
    harbor = org(ws, "Harbor")
    create_person(ws, PersonInput("Ann", "Lee", affiliations=(AffiliationInput(harbor, "Chair"),)))
    detail = organization_detail(ws, harbor)
    assert [(p.name, p.role) for p in detail.people] == [("Ann Lee", "Chair")]


def test_a_stale_form_cannot_undo_someone_elses_affiliation_change(ws: Workspace) -> None:
    from app.services.errors import ConflictError

    harbor = org(ws, "Harbor")
    person_id = create_person(ws, PersonInput("Ann", "Lee"))
    first, second = person_form(ws, person_id), person_form(ws, person_id)
    maria = Workspace(ws.db, user_name="maria")  # changes only the affiliations
    update_person(
        maria,
        person_id,
        PersonInput("Ann", "Lee", affiliations=(AffiliationInput(harbor, "Chair"),)),
        first.version,
    )
    with pytest.raises(ConflictError) as refused:
        update_person(ws, person_id, PersonInput("Ann", "Lee", tags=("officer",)), second.version)
    assert refused.value.changed_by == "maria"  # not whoever created the person
    assert "changed by maria" in str(refused.value)
    assert [a.role for a in person_form(ws, person_id).data.affiliations] == ["Chair"]


def test_search_ignores_the_comma_of_the_list_and_tags_in_any_script(ws: Workspace) -> None:
    create_person(ws, PersonInput("Ann", "Lee", tags=("Élu municipal",)))
    assert names(ws, search="Lee, Ann") == ["Lee, Ann"]
    assert names(ws, tag="Élu municipal") == ["Lee, Ann"]


def test_delete_is_refused_for_a_trainer_and_for_an_initiative_lead(ws: Workspace) -> None:
    from app.models import Course, CourseCategory, Initiative, InitiativeKind, TrainingSession
    from app.services.organizations import delete_organization

    trainer = create_person(ws, PersonInput("Tess", "Trainer"))
    lead = org(ws, "Lead Agency")
    with ws.write() as action:
        course = Course(name="CPTED basics", category=CourseCategory.CPTED)
        action.session.add(course)
        action.session.flush()
        action.session.add(
            TrainingSession(
                course_id=course.id,
                hours=2,
                trainer_id=trainer,
                starts_at=datetime(2024, 5, 1, tzinfo=UTC),
            )
        )
        action.session.add(
            Initiative(
                name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH, lead_organization_id=lead
            )
        )
    with pytest.raises(ValidationError, match="1 training sessions"):
        delete_person(ws, trainer)
    with pytest.raises(ValidationError, match="1 initiatives"):
        delete_organization(ws, lead)


def test_tag_changes_are_in_the_audit_log(ws: Workspace) -> None:
    person_id = create_person(ws, PersonInput("Ann", "Lee", tags=("volunteer",)))
    form = person_form(ws, person_id)
    update_person(ws, person_id, PersonInput("Ann", "Lee", tags=("officer",)), form.version)
    with ws.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "people").order_by(AuditEntry.id.desc())
        ).first()
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["tags"] == {"added": ["officer"], "removed": ["volunteer"]}


def test_names_sort_as_people_expect_whatever_their_case_and_accents(ws: Workspace) -> None:
    for first, last in (
        ("Zoe", "Young"),
        ("Carl", "de Souza"),
        ("Ana", "Álvarez"),
        ("Ben", "Baker"),
        ("Ola", "Østby"),
    ):
        create_person(ws, PersonInput(first, last))
    assert names(ws) == ["Álvarez, Ana", "Baker, Ben", "de Souza, Carl", "Østby, Ola", "Young, Zoe"]
    org(ws, "ábaco school")
    org(ws, "Boys & Girls Club")
    org(ws, "city of X")
    from app.services.organizations import list_organizations

    assert [r.name for r in list_organizations(ws).rows] == [
        "ábaco school",
        "Boys & Girls Club",
        "city of X",
    ]
