"""FormDialog: a storage error keeps the dialog and its input; a conflict offers Reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from app.models import OrganizationKind
from app.models.database import open_database
from app.services.errors import StorageError
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    organization_form,
    update_organization,
)
from app.services.workspace import Workspace
from app.services.write_errors import DISK_FULL
from app.ui.dialogs import organization_dialog
from app.ui.dialogs.organization_dialog import OrganizationDialog

SCHOOL = OrganizationKind.SCHOOL


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    db = open_database(db_path)
    try:
        yield Workspace(db, user_name="jon")
    finally:
        db.close()


def test_storage_error_is_shown_and_the_dialog_keeps_the_input(
    qtbot: QtBot, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def full(*args: Any) -> int:
        raise StorageError(DISK_FULL)

    monkeypatch.setattr(organization_dialog, "create_organization", full)
    dialog = OrganizationDialog(ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("Unsaved Name")
    dialog.accept()
    assert shown == [DISK_FULL]
    assert dialog.result() == 0 and dialog.saved_id is None
    assert dialog.name.text() == "Unsaved Name"


def answer(label: str) -> Any:
    def ask(self: OrganizationDialog, box: QMessageBox) -> QAbstractButton | None:
        answer.details = box.detailedText()  # type: ignore[attr-defined]
        answer.text = box.text()  # type: ignore[attr-defined]
        return next(b for b in box.buttons() if b.text().replace("&", "") == label)

    return ask


def test_conflict_offers_reload_then_saves(
    qtbot: QtBot, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    org_id = create_organization(ws, OrganizationInput("Riverton High", SCHOOL))
    dialog = OrganizationDialog(ws, org_id)
    qtbot.addWidget(dialog)
    maria = Workspace(ws.db, user_name="maria")
    update_organization(maria, org_id, OrganizationInput("Riverton High School", SCHOOL), 1)

    dialog.name.setText("My Edit")
    monkeypatch.setattr(OrganizationDialog, "ask_box", answer("Cancel"))
    dialog.accept()
    assert "changed by maria at" in answer.text  # type: ignore[attr-defined]
    assert "name: My Edit" in answer.details  # type: ignore[attr-defined]
    assert dialog.name.text() == "My Edit" and dialog.saved_id is None  # kept on Cancel

    monkeypatch.setattr(OrganizationDialog, "ask_box", answer("Reload"))
    dialog.accept()
    assert dialog.name.text() == "Riverton High School" and dialog.version == 2
    dialog.name.setText("Riverton High School (RHS)")
    dialog.accept()
    assert dialog.saved_id == org_id
    assert organization_form(ws, org_id)[1].name == "Riverton High School (RHS)"
