"""Import, re-import and undo as one transaction each, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import (
    ActionItem,
    Affiliation,
    Attendance,
    AuditAction,
    AuditEntry,
    ImportBatch,
    ImportKind,
    Meeting,
    Organization,
    OrganizationKind,
    Person,
    utcnow,
)
from app.services.changes import Change
from app.services.contacts import (
    ColumnMapping,
    RowStatus,
    list_import_batches,
    preview_import,
    run_import,
    save_mapping,
    saved_mapping,
    undo_import,
)
from app.services.errors import ValidationError
from app.services.workspace import Workspace
from tests.services.contacts.conftest import FIXTURES

GOOGLE = FIXTURES / "google_contacts.csv"


def add_org(ws: Workspace, name: str) -> int:
    with ws.write() as action:
        org = Organization(name=name, kind=OrganizationKind.LAW_ENFORCEMENT)
        action.session.add(org)
        action.session.flush()
        return org.id


def add_person(ws: Workspace, first: str, last: str, email: str = "") -> int:
    with ws.write() as action:
        person = Person(first_name=first, last_name=last, email=email)
        action.session.add(person)
        action.session.flush()
        return person.id


def people(ws: Workspace) -> dict[str, Person]:
    with ws.read() as session:
        return {f"{p.first_name} {p.last_name}": p for p in session.scalars(select(Person))}


def organizations(ws: Workspace) -> dict[str, Organization]:
    with ws.read() as session:
        return {o.name: o for o in session.scalars(select(Organization))}


def count(ws: Workspace, model: type) -> int:
    with ws.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["First Name", "Last Name", "E-mail", "Company", "Title"],
                                   *rows])
    return path


def test_import_adds_people_organizations_and_affiliations(ws: Workspace) -> None:
    seen: list[Change] = []
    ws.changes.subscribe(seen.append)
    preview = preview_import(ws, GOOGLE)
    assert (preview.layout, preview.encoding) == ("Google Contacts", "UTF-8 (with BOM)")
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3 + [RowStatus.ERROR]
    assert preview.new_organizations == ("Riverside Youth Center", "Riverton PD",
                                         "Harbor Food Bank")
    result = run_import(ws, preview)
    assert (result.people_added, result.organizations_added, result.errors) == (2, 3, 1)

    found = people(ws)
    maria = found["Maria Gómez"]
    assert (maria.email, maria.phone, maria.mobile, maria.title) == (
        "maria.gomez@riverside-youth.org", "(555) 201-7700", "+1 555-201-7788", "Program Director"
    )
    assert maria.import_batch_id == result.batch_id
    assert "maria gomez" in maria.search_text and "riverside youth center" in maria.search_text
    orgs = organizations(ws)
    harbor = orgs["Harbor Food Bank"]
    assert (harbor.kind, harbor.phone, harbor.email) == (
        OrganizationKind.OTHER, "555-404-1000", "info@harborfood.example"
    )
    riverside = orgs["Riverside Youth Center"]
    assert (riverside.street, riverside.city, riverside.postal_code) == (
        "12 Mill Road", "Riverton", "97001"
    )
    with ws.read() as session:
        link = session.scalars(select(Affiliation).where(Affiliation.person_id == maria.id)).one()
        assert (link.organization_id, link.role, link.is_primary) == (
            riverside.id, "Program Director", True
        )
        batch = session.get(ImportBatch, result.batch_id)
        assert (batch.kind, batch.source_name, batch.layout, batch.imported_by) == (
            ImportKind.PEOPLE, "google_contacts.csv", "Google Contacts", "importer"
        )
        assert (batch.rows_read, batch.rows_added, batch.rows_skipped) == (4, 3, 1)
        assert json.loads(batch.report)["skipped"] == [
            "row 5: error: no name, e-mail address or organization"
        ]
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)
        ).one()
        assert (entry.entity_id, entry.changes["people_added"]) == (result.batch_id, 2)
    assert {c.kind for c in seen} >= {"people", "organizations", "affiliations"}


def test_the_same_file_twice_adds_nothing(ws: Workspace) -> None:
    run_import(ws, preview_import(ws, GOOGLE))
    before = (count(ws, Person), count(ws, Organization), count(ws, ImportBatch))
    again = preview_import(ws, GOOGLE)
    assert again.already_imported
    assert {r.status for r in again.rows} == {RowStatus.DUPLICATE, RowStatus.ERROR}
    assert again.rows[0].reason.startswith("this file was already imported on ")
    result = run_import(ws, again, include_duplicates=True)
    assert (result.batch_id, result.people_added, result.already_imported) == (None, 0, True)
    assert (count(ws, Person), count(ws, Organization), count(ws, ImportBatch)) == before


def test_undo_removes_exactly_what_the_import_added(ws: Workspace) -> None:
    police = add_org(ws, "Riverton PD")
    kept = add_person(ws, "Ann", "Lee", "ann@riverton.gov")
    result = run_import(ws, preview_import(ws, GOOGLE))
    assert result.organizations_added == 2  # Riverton PD existed already
    assert people(ws)["Kwame Mensah"].id != kept
    undone = undo_import(ws, result.batch_id)
    assert (undone.people_removed, undone.organizations_removed, undone.organizations_kept) == (
        2, 2, ()
    )
    assert list(people(ws)) == ["Ann Lee"]
    assert list(organizations(ws)) == ["Riverton PD"]
    assert count(ws, Affiliation) == 0
    (row,) = list_import_batches(ws)
    assert (row.id, row.undone_by, row.can_undo) == (result.batch_id, "importer", False)
    with ws.read() as session:
        assert session.get(Organization, police) is not None
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-2:] == [AuditAction.UPDATE, AuditAction.UNDO_IMPORT]
    with pytest.raises(ValidationError, match="already undone"):
        undo_import(ws, result.batch_id)
    # Once undone, the file may be imported again.
    assert not preview_import(ws, GOOGLE).already_imported


def test_undo_keeps_organizations_others_now_use(ws: Workspace) -> None:
    result = run_import(ws, preview_import(ws, GOOGLE))
    harbor = organizations(ws)["Harbor Food Bank"].id
    volunteer = add_person(ws, "Sam", "Ortiz")
    with ws.write() as action:
        action.session.add(Affiliation(person_id=volunteer, organization_id=harbor))
    undone = undo_import(ws, result.batch_id)
    assert undone.organizations_kept == ("Harbor Food Bank",)
    assert sorted(organizations(ws)) == ["Harbor Food Bank"]
    assert list(people(ws)) == ["Sam Ortiz"]


def test_undo_is_refused_while_imported_people_are_used(ws: Workspace) -> None:
    result = run_import(ws, preview_import(ws, GOOGLE))
    maria = people(ws)["Maria Gómez"].id
    with ws.write() as action:
        start = utcnow()
        meeting = Meeting(title="Partners", starts_at=start, ends_at=start + timedelta(hours=1))
        action.session.add(meeting)
        action.session.flush()
        action.session.add(Attendance(meeting_id=meeting.id, person_id=maria))
        action.session.add(ActionItem(description="Call back", owner_id=maria))
    before = (count(ws, Person), count(ws, Organization), count(ws, AuditEntry))
    with pytest.raises(ValidationError) as caught:
        undo_import(ws, result.batch_id)
    assert str(caught.value) == (
        "This import cannot be undone: 1 of the people it added are now used elsewhere: "
        "Maria Gómez (action items, meeting attendance). Archive them instead, or remove "
        "those links first."
    )
    assert (count(ws, Person), count(ws, Organization), count(ws, AuditEntry)) == before


def test_duplicates_of_the_directory_and_within_the_file(ws: Workspace, tmp_path: Path) -> None:
    ann = add_person(ws, "Ann", "Lee", "ann@harbor.org")
    path = write_csv(tmp_path / "list.csv", [
        ["Annie", "Lee", "ANN@harbor.org", "", ""],
        ["Bob", "Roe", "bob@eastside.org", "Eastside Church", "Deacon"],
        ["Robert", "Roe", "BOB@eastside.org", "Eastside Church", ""],
        ["José", "Núñez", "", "", ""],
        ["jose", "nunez", "", "", ""],
    ])
    preview = preview_import(ws, path)
    assert [r.description for r in preview.rows] == [
        f"duplicate of Ann Lee (#{ann}): same e-mail ann@harbor.org",
        "new",
        "duplicate of row 3 (Bob Roe): same e-mail bob@eastside.org",
        "new",
        "duplicate of row 5 (José Núñez): same name",
    ]
    result = run_import(ws, preview, include_rows={4})
    assert result.people_added == 3 and result.duplicates_skipped == 2
    assert sorted(people(ws)) == ["Ann Lee", "Bob Roe", "José Núñez", "Robert Roe"]


def test_include_duplicates_imports_them_all(ws: Workspace, tmp_path: Path) -> None:
    add_person(ws, "Ann", "Lee", "ann@harbor.org")
    path = write_csv(tmp_path / "list.csv", [["Ann", "Lee", "ann@harbor.org", "", ""]])
    result = run_import(ws, preview_import(ws, path), include_duplicates=True)
    assert result.people_added == 1 and count(ws, Person) == 2


def test_organizations_are_matched_by_folded_name(ws: Workspace, tmp_path: Path) -> None:
    church = add_org(ws, "Église Saint-Pierre")
    path = write_csv(tmp_path / "list.csv", [["Marc", "Dubois", "", "EGLISE  saint pierre", ""]])
    preview = preview_import(ws, path)
    assert preview.new_organizations == ()
    run_import(ws, preview)
    with ws.read() as session:
        assert session.scalars(select(Affiliation.organization_id)).one() == church
    assert count(ws, Organization) == 1


def test_a_preview_gone_stale_is_checked_again(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [["Ann", "Lee", "ann@harbor.org", "", ""],
                                             ["Bob", "Roe", "bob@eastside.org", "", ""]])
    preview = preview_import(ws, path)
    assert preview.new_count == 2
    add_person(ws, "Ann", "Leigh", "ann@harbor.org")  # someone adds her meanwhile
    result = run_import(ws, preview)
    assert (result.people_added, result.duplicates_skipped) == (1, 1)
    assert sorted(people(ws)) == ["Ann Leigh", "Bob Roe"]


def test_mappings_are_remembered_per_header(ws: Workspace) -> None:
    book = FIXTURES / "partners.xlsx"
    first = preview_import(ws, book)
    assert not first.mapping_saved
    assert first.proposed_mapping.by_column()[6] == "notes"
    edited = ColumnMapping.from_columns({**first.proposed_mapping.by_column(), 2: "", 6: "title"})
    result = run_import(ws, preview_import(ws, book, edited))
    assert result.people_added == 3
    assert saved_mapping(ws, first.headers) == edited
    undo_import(ws, result.batch_id)
    again = preview_import(ws, book)
    assert again.mapping_saved and again.mapping == edited
    assert again.rows[0].contact.title == "Prefers text messages"
    save_mapping(ws, first.headers, first.proposed_mapping)
    assert saved_mapping(ws, [h.upper() for h in first.headers]) == first.proposed_mapping


def test_a_large_batch_keeps_ids_in_order(ws: Workspace, tmp_path: Path) -> None:
    """More rows than one multi-row INSERT holds: every person gets their own affiliation."""
    rows = [[f"First{i}", f"Last{i}", f"p{i}@example.org", f"Org {i % 7}", f"Role {i}"]
            for i in range(1500)]
    result = run_import(ws, preview_import(ws, write_csv(tmp_path / "big.csv", rows)))
    assert (result.people_added, result.organizations_added) == (1500, 7)
    with ws.read() as session:
        pairs = session.execute(
            select(Person.first_name, Affiliation.role, Organization.name)
            .join(Affiliation, Affiliation.person_id == Person.id)
            .join(Organization, Organization.id == Affiliation.organization_id)
        ).all()
    assert len(pairs) == 1500
    assert all(f"First{r[1][5:]}" == r[0] and r[2] == f"Org {int(r[1][5:]) % 7}" for r in pairs)


def test_a_file_imported_then_undone_can_be_imported_from_an_old_preview(ws: Workspace) -> None:
    first = run_import(ws, preview_import(ws, GOOGLE))
    stale = preview_import(ws, GOOGLE)
    assert stale.already_imported
    undo_import(ws, first.batch_id)
    again = run_import(ws, stale)
    assert (again.already_imported, again.people_added, again.organizations_added) == (
        False, 2, 3
    )


def test_undo_refuses_another_importers_batch(ws: Workspace) -> None:
    from app.models import ImportBatch, ImportKind
    from app.services.errors import NotFoundError

    with ws.write() as action:
        crime = ImportBatch(kind=ImportKind.CRIME, source_name="counts.csv",
                            source_sha256="0" * 64, imported_by="test")
        action.session.add(crime)
        action.session.flush()
        crime_id = crime.id
    with pytest.raises(NotFoundError):
        undo_import(ws, crime_id)
    with ws.read() as session:
        assert session.get(ImportBatch, crime_id).undone_at is None  # left alone
