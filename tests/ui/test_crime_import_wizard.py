"""The crime import wizard and its history, driven as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.cli import open_workspace
from app.models import Area, CrimeCount
from app.services.crime_import import DateOrder, list_crime_imports
from app.services.workspace import Workspace
from app.ui.dialogs.crime_import_history import CrimeImportHistoryDialog
from app.ui.dialogs.crime_import_wizard import (
    DONE_PAGE,
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    CrimeImportWizard,
)
from tests.real_data import REAL_DATA

AMBIGUOUS = ("When,Where,What\n01/02/2024,Eastside,Burglary\n03/04/2024,Eastside,Burglary\n"
             "03/04/2024,,Robbery\n")


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(db_path)
    yield ws
    ws.close()


def open_wizard(qtbot: QtBot, workspace: Workspace, path: Path | str) -> CrimeImportWizard:
    wizard = CrimeImportWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    return wizard


def press(wizard: CrimeImportWizard, which: QWizard.WizardButton) -> None:
    wizard.button(which).click()


def counts(workspace: Workspace) -> int:
    with workspace.read() as session:
        return session.scalar(select(func.count()).select_from(CrimeCount)) or 0


def test_a_police_uk_file_from_start_to_history(qtbot: QtBot, workspace: Workspace,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = REAL_DATA / "uk_police_2024-11-city-of-london-street.csv"
    if not path.is_file():
        pytest.skip(f"real exports not available: {path} is absent (see SOURCES.md)")
    wizard = open_wizard(qtbot, workspace, path)
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    page = wizard.mapping_page
    assert page.recognised.text().startswith("<b>data.police.uk street-level crime</b>")
    assert page.area.currentText() == "LSOA name  (e.g. Camden 027B)"
    assert page.category.currentText().startswith("Crime type")
    assert "named like “Camden 027B”" in page.example.text()
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW_PAGE
    preview = wizard.preview_page
    assert preview.counts.text() == "821 rows read: 741 to be counted, 80 left out"
    assert preview.details.text().startswith("741 incidents in 84 monthly counts, November 2024")
    assert preview.new_areas.text().startswith("New areas (24): Camden 027B, Camden 027C")
    ModelTester(None).check(preview.model)  # type: ignore[arg-type]
    assert preview.model.rowCount() == 1
    assert preview.model.row_at(0).reason == "no area"
    assert preview.model.row_at(0).rows[:3] == (743, 744, 745)
    assert counts(workspace) == 0  # nothing written before Import
    press(wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == DONE_PAGE
    assert wizard.done_page.summary.text().startswith(
        "Imported 741 incidents as 84 monthly counts (November 2024); added 24 areas and 14 "
        "offense categories. 80 rows were skipped.")
    assert wizard.state.result is not None
    assert counts(workspace) == 84
    # The same file again: the preview says so and Import stays disabled.
    again = open_wizard(qtbot, workspace, path)
    press(again, QWizard.WizardButton.NextButton)
    press(again, QWizard.WizardButton.NextButton)
    assert not again.preview_page.banner.isHidden()
    assert "already imported" in again.preview_page.banner.text()
    assert not again.button(QWizard.WizardButton.CommitButton).isEnabled()
    # Undo from the history.
    asked: list[str] = []

    def yes(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    history = CrimeImportHistoryDialog(workspace)
    qtbot.addWidget(history)
    ModelTester(None).check(history.model)  # type: ignore[arg-type]
    assert history.model.rowCount() == 1 and history.undo_button.isEnabled()
    history.undo_button.click()
    assert "removes the 84 monthly counts" in asked[0]
    assert history.status.text().startswith(
        "Undid the import of uk_police_2024-11-city-of-london-street.csv: removed 84 monthly "
        "counts, 24 areas and 14 offense categories.")
    assert not history.undo_button.isEnabled()
    assert counts(workspace) == 0
    assert [b.can_undo for b in list_crime_imports(workspace)] == [False]


def test_ambiguous_dates_are_asked_for(qtbot: QtBot, workspace: Workspace,
                                       tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    wizard = open_wizard(qtbot, workspace, path)
    press(wizard, QWizard.WizardButton.NextButton)
    page = wizard.mapping_page
    assert page.example.text() == ""  # no column is named as a date, an area or a category
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    assert page.form.error_text("date_column").startswith("Choose the column")
    page.date.setCurrentIndex(page.date.findData(0))
    page.area.setCurrentIndex(page.area.findData(1))
    page.category.setCurrentIndex(page.category.findData(2))
    page.kind.setCurrentIndex(page.kind.findData(None))
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    assert "fits both orders" in page.form.error_text("date_order")
    page.order.setCurrentIndex(page.order.findData(DateOrder.DAY_FIRST))
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW_PAGE
    preview = wizard.preview_page
    assert preview.details.text().startswith(
        "2 incidents in 2 monthly counts, February 2024 to April 2024 (2 months)")
    assert preview.model.row_at(0).rows == (4,)
    press(wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == DONE_PAGE
    with workspace.read() as session:
        assert list(session.scalars(select(Area.name))) == ["Eastside"]


def test_a_file_that_cannot_be_read_stays_on_the_first_page(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path,
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = open_wizard(qtbot, workspace, path)
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == FILE_PAGE
    assert wizard.file_page.error.text() == "The file is empty."
    wizard.file_page.path.setText(str(tmp_path / "missing.csv"))
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.file_page.error.text().endswith("missing.csv does not exist.")
    wizard.reject()
    assert wizard.state.result is None
