"""The Audit page: entries listed and filtered, old -> new values shown, CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.models import AuditAction, AuditOutcome, OrganizationKind
from app.models.audit import this_workstation
from app.models.database import Database, open_database
from app.models.users import Role
from app.services.audit_log import AuditQuery, list_audit, record_event
from app.services.organizations import OrganizationInput, create_organization, update_organization
from app.services.workspace import Workspace
from app.ui.navigation import AREAS
from app.ui.pages.audit_page import NOT_ADMIN, AuditPage


@pytest.fixture
def db(db_path: Path) -> Database:
    database = open_database(db_path)
    yield database  # type: ignore[misc]
    database.close()


@pytest.fixture
def ws(db: Database) -> Workspace:
    workspace = Workspace(db, user_name="officer.lee")
    org_id = create_organization(
        workspace, OrganizationInput("Riverton High", OrganizationKind.SCHOOL)
    )
    update_organization(
        workspace, org_id, OrganizationInput("Riverton High School", OrganizationKind.SCHOOL), 1
    )
    record_event(
        Workspace(db, user_name="admin"),
        AuditAction.LOGIN,
        "users",
        "Failed sign-in as admin",
        outcome=AuditOutcome.FAILED,
    )
    return workspace


@pytest.fixture
def page(qtbot: QtBot, ws: Workspace) -> AuditPage:
    widget = AuditPage(ws)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    return widget


def _column(page: AuditPage, title: str) -> list[str]:
    column = [c.title for c in page.model.columns].index(title)
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_audit_is_the_last_area() -> None:
    assert AREAS[-1].title == "Audit"


def test_the_page_lists_entries_newest_first(page: AuditPage, qtmodeltester: object) -> None:
    assert page.content.isVisible() and not page.denied.isVisible()
    assert page.count.text() == "3 entries"
    assert _column(page, "Action") == ["Login", "Update", "Create"]
    assert _column(page, "Outcome") == ["Failed", "OK", "OK"]
    assert _column(page, "Summary") == [
        "Failed sign-in as admin",
        "Changed name",
        "Created Riverton High",
    ]
    assert set(_column(page, "Workstation")) == {this_workstation()}
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_filters_narrow_the_list(page: AuditPage, qtbot: QtBot) -> None:
    page.outcome.setCurrentIndex(page.outcome.findData(AuditOutcome.FAILED))
    assert _column(page, "User") == ["admin"]
    page.clear_filters()
    page.user.setCurrentIndex(page.user.findData("officer.lee"))
    assert _column(page, "Action") == ["Update", "Create"]
    page.search.setText("High School")  # the new name
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.count.text() == "1 entry"


def test_the_detail_shows_old_and_new_values(page: AuditPage) -> None:
    page.view.selectRow(1)
    text = page.detail.toPlainText()
    assert "Old value" in text and "New value" in text
    assert "Riverton High" in text and "Riverton High School" in text
    assert "UTC" in text and "officer.lee" in text


def test_export_csv_is_read_back_and_audited(
    page: AuditPage, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    page.action.setCurrentIndex(page.action.findData(AuditAction.UPDATE))
    target = tmp_path / "audit.csv"

    assert page.export("CSV", target) == target

    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["User"], r["Action"], r["Record kind"]) for r in rows] == [
        ("officer.lee", "update", "organizations")
    ]
    assert "Riverton High School" in rows[0]["Changes"]
    assert shown and "1 entries" in shown[0]
    (export,) = list_audit(ws, AuditQuery(action=AuditAction.EXPORT)).rows
    assert export.summary == "Exported 1 audit entries to audit.csv"


def test_only_admins_see_the_log(qtbot: QtBot, ws: Workspace) -> None:
    ws.role = Role.EDITOR
    widget = AuditPage(ws)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    assert widget.denied.isVisible() and widget.denied.text() == NOT_ADMIN
    assert not widget.content.isVisible()
    assert widget.model.rowCount() == 0
