"""The audit log: append-only in the database, workstation recorded, filters and paging."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from app.models import AuditAction, AuditEntry, AuditOutcome, OrganizationKind
from app.models.audit import this_workstation
from app.models.database import Database
from app.reports.audit_export import write_audit_csv, write_audit_xlsx
from app.services.audit_log import (
    AuditQuery,
    audit_entities,
    audit_rows,
    audit_users,
    list_audit,
    record_event,
    record_export,
    record_print,
    record_report,
)
from app.services.organizations import OrganizationInput, create_organization, update_organization
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db, user_name="officer.lee")


def _all(ws: Workspace) -> list[tuple[int, str, str]]:
    with ws.read() as session:
        rows = session.execute(
            select(AuditEntry.id, AuditEntry.summary, AuditEntry.user_name).order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entries SET summary = 'nothing happened', user_name = 'someone'",
        "DELETE FROM audit_entries",
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_to_change_or_remove_audit_rows(ws: Workspace, statement: str) -> None:
    create_organization(ws, OrganizationInput("Riverton High", OrganizationKind.SCHOOL))
    before = _all(ws)
    assert before

    with pytest.raises(DatabaseError, match="append-only"), ws.db.write() as session:
        session.execute(text(statement))

    assert _all(ws) == before


def test_the_orm_cannot_edit_an_entry_either(ws: Workspace) -> None:
    record_event(ws, AuditAction.LOGIN, "users", "Signed in")
    with pytest.raises(DatabaseError), ws.db.write() as session:
        session.scalars(select(AuditEntry)).one().summary = "forged"
    with ws.read() as session:
        assert session.scalars(select(AuditEntry.summary)).all() == ["Signed in"]


def test_every_entry_names_the_workstation(ws: Workspace) -> None:
    org_id = create_organization(ws, OrganizationInput("Riverton High", OrganizationKind.SCHOOL))
    record_export(ws, "people", 12, "people.csv")
    with ws.db.write() as session:  # an entry added through the ORM gets it too
        session.add(AuditEntry(user_name="x", action=AuditAction.LOGOUT, entity="users"))
    rows = audit_rows(ws)
    assert len(rows) == 3
    assert this_workstation()
    assert {r.workstation for r in rows} == {this_workstation()}
    assert org_id in {r.entity_id for r in rows}


def test_explicit_entries_say_what_was_done(ws: Workspace) -> None:
    record_export(ws, "people", 12, "people.csv", include_sensitive=True)
    record_print(ws, "meeting packet", pages=4)
    record_report(ws, "directory report", "directory.pdf")
    record_event(
        ws, AuditAction.LOGIN, "users", "Failed sign-in as admin", outcome=AuditOutcome.FAILED
    )
    rows = list_audit(ws, AuditQuery(descending=False)).rows
    assert [(r.action, r.outcome) for r in rows] == [
        (AuditAction.EXPORT, AuditOutcome.OK),
        (AuditAction.PRINT, AuditOutcome.OK),
        (AuditAction.REPORT, AuditOutcome.OK),
        (AuditAction.LOGIN, AuditOutcome.FAILED),
    ]
    assert rows[0].summary == "Exported 12 people including sensitive notes to people.csv"
    assert rows[0].changes == {"count": 12, "file": "people.csv", "include_sensitive": True}
    assert rows[1].summary == "Printed meeting packet (4 pages)"


def _seed(ws: Workspace) -> int:
    org_id = create_organization(ws, OrganizationInput("Riverton High", OrganizationKind.SCHOOL))
    with ws.read() as session:
        version = session.scalar(text("SELECT version FROM organizations"))
    update_organization(
        ws, org_id, OrganizationInput("Riverton 50% High", OrganizationKind.SCHOOL), version
    )
    other = Workspace(ws.db, user_name="admin")
    record_event(other, AuditAction.LOGIN, "users", "Failed sign-in", outcome=AuditOutcome.FAILED)
    for number in range(7):
        record_export(other, "people", number, f"people-{number}.csv")
    return org_id


def test_filters(ws: Workspace) -> None:
    org_id = _seed(ws)
    total = list_audit(ws).total
    assert total == 10

    def count(**kwargs: object) -> int:
        return list_audit(ws, AuditQuery(**kwargs)).total  # type: ignore[arg-type]

    assert count(user="officer.lee") == 2
    assert count(action=AuditAction.EXPORT) == 7
    assert count(entity="organizations", entity_id=org_id) == 2
    assert count(entity="organizations", entity_id=org_id + 1) == 0
    assert count(outcome=AuditOutcome.FAILED) == 1
    assert count(search="people-3") == 1  # in the summary
    assert count(search="50%") == 1  # in the old/new values; % is not a wildcard
    assert count(search="RIVERTON 50") == 1  # any case
    now = datetime.now(UTC)
    assert count(since=now - timedelta(minutes=5), until=now + timedelta(minutes=5)) == total
    assert count(since=now + timedelta(minutes=5)) == 0
    assert count(until=now - timedelta(minutes=5)) == 0
    assert audit_users(ws) == ["admin", "officer.lee"]
    assert audit_entities(ws) == ["organizations", "people", "users"]

    (update,) = list_audit(ws, AuditQuery(action=AuditAction.UPDATE)).rows
    assert update.changes["name"] == ["Riverton High", "Riverton 50% High"]


def test_paging_newest_first(ws: Workspace) -> None:
    _seed(ws)
    first = list_audit(ws, AuditQuery(), 0, 4)
    second = list_audit(ws, AuditQuery(), 4, 4)
    last = list_audit(ws, AuditQuery(), 8, 4)
    assert (first.total, len(first.rows), len(second.rows), len(last.rows)) == (10, 4, 4, 2)
    ids = [r.id for r in (*first.rows, *second.rows, *last.rows)]
    assert ids == sorted(ids, reverse=True)
    oldest = list_audit(ws, AuditQuery(sort="user", descending=False), 0, 1).rows[0]
    assert oldest.user_name == "admin"
    with ws.read() as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == 10


def test_export_is_formula_safe(ws: Workspace) -> None:
    record_export(Workspace(ws.db, user_name="=cmd|' /C calc'!A0"), "people", 1, "people.csv")
    rows = audit_rows(ws)
    buffer = io.BytesIO()
    write_audit_csv(rows, buffer)
    header, line = csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig")))
    assert header[:4] == ["When (UTC)", "User", "Workstation", "Action"]
    assert line[1:4] == ["'=cmd|' /C calc'!A0", this_workstation(), "export"]
    assert json.loads(line[8]) == {"count": 1, "file": "people.csv", "include_sensitive": False}

    workbook_file = io.BytesIO()
    write_audit_xlsx(rows, workbook_file)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_file.getvalue())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["When (UTC)", "User", "Workstation"]
    assert values[1][1] == "=cmd|' /C calc'!A0"  # text, not a formula
    assert sheet.cell(2, 2).data_type == "s"
    assert values[1][3] == "export"
    assert values[1][7] == "Exported 1 people to people.csv"


def test_insert_or_replace_cannot_rewrite_an_audit_entry(db_path) -> None:  # noqa: ANN001
    import sqlite3

    from app.models.database import open_database

    db = open_database(db_path)
    from app.models import OrganizationKind
    from app.services.organizations import OrganizationInput, create_organization
    from app.services.workspace import Workspace

    create_organization(Workspace(db), OrganizationInput("Harbor", OrganizationKind.NONPROFIT))
    db.close()
    con = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute(
            "INSERT OR REPLACE INTO audit_entries (id, at, user_name, action, entity, "
            "changes, outcome, summary, workstation) SELECT id, at, 'nobody', action, "
            "entity, changes, outcome, 'FORGED', workstation FROM audit_entries"
        )
    assert (
        con.execute("SELECT count(*) FROM audit_entries WHERE summary = 'FORGED'").fetchone()[0]
        == 0
    )
    con.close()


def test_a_viewer_cannot_read_the_audit_log(any_db) -> None:  # noqa: ANN001
    from app.models.users import Role
    from app.services.audit_log import AuditQuery, list_audit
    from app.services.permissions import AccessDenied
    from app.services.workspace import Workspace

    with pytest.raises(AccessDenied):
        list_audit(Workspace(any_db, role=Role.VIEWER), AuditQuery())
