"""Directory export rows: the same records as the lists, in one query per table."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.models import OrganizationKind, fold
from app.models.database import Database
from app.services.directory_export import organizations_for_export, people_for_export
from app.services.directory_report import UNAFFILIATED_TITLE, directory_report
from app.services.organizations import list_organizations
from app.services.people import PeopleQuery, list_people
from app.services.search import DirectoryFilter
from tests.directory_data import FORMULA_TEXTS, TODAY, Directory, build_directory


@pytest.fixture
def directory(any_db: Database) -> Directory:
    return build_directory(any_db, big_org_people=30)


def test_people_rows_carry_contact_details_organizations_and_tags(directory: Directory) -> None:
    rows = {r.id: r for r in people_for_export(directory.ws, DirectoryFilter(), today=TODAY)}

    nunez = rows[directory.nunez]
    assert (nunez.first_name, nunez.last_name, nunez.title) == ("José", "Núñez", "Principal")
    assert (nunez.email, nunez.phone, nunez.mobile) == (
        "jose.nunez@rhs.example.org", "(555) 201-0001", "+1 555 0100")
    assert [(m.organization, m.role, m.is_primary) for m in nunez.memberships] == [
        ("Riverton High", "Principal", True),
        ("Safe Harbor <Shelter> & Co", "Board member", False),
    ]
    assert (nunez.organization, nunez.role) == ("Riverton High", "Principal")
    assert nunez.tags == ("Block Captain", "officer")
    assert nunez.notes.startswith("Line one\nLine two")
    assert nunez.sensitive_notes is None  # not asked for
    # a past affiliation is not shown; an archived organization is left out
    assert [m.organization for m in rows[directory.ivanov].memberships] == [
        "Safe Harbor <Shelter> & Co"]
    assert rows[directory.eleni].memberships == ()
    assert directory.archived_person not in rows


def test_sensitive_notes_only_when_asked_for(directory: Directory) -> None:
    rows = people_for_export(directory.ws, DirectoryFilter(), include_sensitive=True, today=TODAY)
    by_id = {r.id: r for r in rows}
    assert by_id[directory.nunez].sensitive_notes == "Crisis plan on file"
    assert by_id[directory.ivanov].sensitive_notes == ""


def test_people_are_sorted_by_family_name_ignoring_case_and_accents(
    directory: Directory,
) -> None:
    rows = people_for_export(directory.ws, DirectoryFilter(), today=TODAY)
    keys = [(fold(r.last_name), fold(r.first_name)) for r in rows]
    assert keys == sorted(keys)
    assert [r.last_name for r in rows].index("Núñez") < [r.last_name for r in rows].index(
        "Volunteer")  # "nunez" < "volunteer": accents do not send Núñez to the end
    volunteers = people_for_export(directory.ws, DirectoryFilter(search="corps"), today=TODAY)
    assert [r.first_name for r in volunteers] == [f"Member{n:03d}" for n in range(30)]


@pytest.mark.parametrize(
    "flt",
    [
        DirectoryFilter(),
        DirectoryFilter(search="harbor"),
        DirectoryFilter(search="núñez"),
        DirectoryFilter(search="201-0001"),
        DirectoryFilter(search="member01"),
        DirectoryFilter(tag="block captain"),
        DirectoryFilter(tag="officer", include_archived=True),
        DirectoryFilter(include_archived=True),
    ],
    ids=repr,
)
def test_people_export_holds_exactly_what_the_people_list_shows(
    directory: Directory, flt: DirectoryFilter
) -> None:
    query = PeopleQuery(search=flt.search, tag=flt.tag, include_archived=flt.include_archived)
    listed = {r.id for r in list_people(directory.ws, query, limit=10_000).rows}
    exported = {r.id for r in people_for_export(directory.ws, flt, today=TODAY)}
    assert exported == listed


@pytest.mark.parametrize(
    "flt",
    [
        DirectoryFilter(),
        DirectoryFilter(search="harbor"),
        DirectoryFilter(search="7788"),
        DirectoryFilter(organization_kind=OrganizationKind.SCHOOL),
        DirectoryFilter(include_archived=True),
    ],
    ids=repr,
)
def test_organization_export_holds_exactly_what_the_organization_list_shows(
    directory: Directory, flt: DirectoryFilter
) -> None:
    listed = list_organizations(directory.ws, flt.search, flt.organization_kind,
                                flt.include_archived, limit=10_000).rows
    exported = organizations_for_export(directory.ws, flt, today=TODAY)
    assert {o.id for o in exported} == {o.id for o in listed}


def test_organization_rows_count_current_active_members(directory: Directory) -> None:
    rows = {o.id: o for o in organizations_for_export(
        directory.ws, DirectoryFilter(include_archived=True), today=TODAY)}
    school = rows[directory.school]
    assert (school.name, school.kind_label, school.phone, school.postal_code) == (
        "Riverton High", "School", "(555) 201-7788", "45100")
    assert school.people == 1  # Núñez; not the archived teacher, not the former coach
    assert rows[directory.harbor].people == 2
    assert rows[directory.empty_org].people == 0
    assert rows[directory.archived_org].archived
    assert rows[directory.formula_org].name == FORMULA_TEXTS[0]


def test_kind_and_organization_filters_reach_people(directory: Directory) -> None:
    schools = DirectoryFilter(organization_kind=OrganizationKind.SCHOOL)
    assert {r.id for r in people_for_export(directory.ws, schools, today=TODAY)} == {
        directory.nunez, directory.ivanov}  # Ivanov through a past affiliation, as the list
    at_harbor = DirectoryFilter(organization_id=directory.harbor)
    assert {r.id for r in people_for_export(directory.ws, at_harbor, today=TODAY)} == {
        directory.nunez, directory.ivanov}


def test_export_reads_each_table_once_whatever_the_number_of_people(
    directory: Directory,
) -> None:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = directory.ws.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        rows = people_for_export(directory.ws, DirectoryFilter(), today=TODAY)
        people_queries = len(statements)
        organizations_for_export(directory.ws, DirectoryFilter(), today=TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(rows) > 30
    assert people_queries <= 3  # people, affiliations, tags
    assert len(statements) - people_queries <= 2  # organizations, member counts


def test_directory_report_groups_people_by_organization(directory: Directory) -> None:
    report = directory_report(directory.ws, DirectoryFilter(), today=TODAY)

    assert report.agency_name == "Riverton Police Department"
    assert report.generated_at.tzinfo is not None
    assert report.filter_description == ""
    names = [s.name for s in report.sections]
    assert names == sorted(names, key=str.casefold)
    assert "Old Block Club" not in names  # archived
    sections = {s.name: s for s in report.sections}
    assert [(e.name, e.role) for e in sections["Riverton High"].people] == [
        ("Núñez, José", "Principal")]
    assert sections["Riverton High"].address == "1 School Rd, Riverton, OH 45100"
    assert {e.name for e in sections["Safe Harbor <Shelter> & Co"].people} == {
        "Núñez, José", "Иванов, Дмитрий"}
    assert sections["Zeta Library"].people == ()  # an unfiltered directory lists it
    assert len(sections["Big Volunteer Corps"].people) == 30
    assert {e.name for e in report.unaffiliated} == {
        "Παπαδοπούλου, Ελένη", "حداد, ليلى", "李华"}
    assert UNAFFILIATED_TITLE == "People without an organization"
    assert report.people_count == 36


def test_directory_report_follows_the_filter(directory: Directory) -> None:
    tagged = directory_report(directory.ws, DirectoryFilter(tag="officer"), today=TODAY)
    assert [s.name for s in tagged.sections] == ["Riverton High", "Safe Harbor <Shelter> & Co"]
    assert tagged.unaffiliated == ()
    assert tagged.filter_description == "Tag: officer"

    searched = directory_report(directory.ws, DirectoryFilter(search="zeta"), today=TODAY)
    assert [s.name for s in searched.sections] == ["Zeta Library"]

    one = directory_report(directory.ws, DirectoryFilter(organization_id=directory.harbor),
                           today=TODAY)
    assert [s.name for s in one.sections] == ["Safe Harbor <Shelter> & Co"]
    assert one.unaffiliated == ()

    schools = DirectoryFilter(organization_kind=OrganizationKind.SCHOOL, search="a")
    assert schools.describe() == 'Search "a" · School'
