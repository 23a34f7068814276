"""The Initiatives page and editor, driven as a user would: real SQLite files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.models import (
    Area,
    ContributionType,
    Direction,
    InitiativeKind,
    Organization,
    OrganizationKind,
    Person,
    Role,
)
from app.models.database import open_database
from app.services.expenditures import ExpenditureInput, create_expenditure
from app.services.goal_status import GoalStatus
from app.services.initiative_editing import initiative_form
from app.services.initiative_goals import GoalEntry, MeasurementEntry
from app.services.workspace import Workspace
from app.ui.dialogs import initiative_fields
from app.ui.dialogs.initiative_dialog import GOALS_TAB, InitiativeDialog
from app.ui.dialogs.initiative_goals_tab import GoalDialog, MeasurementDialog
from app.ui.dialogs.initiative_partners_tab import PartnerDialog
from app.ui.pages import initiatives_page
from app.ui.pages.initiatives_page import InitiativesPage


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(open_database(tmp_path / "desk.sqlite"))
    with workspace.write() as action:
        s = action.session
        s.add_all([Organization(name="Riverton PD", kind=OrganizationKind.LAW_ENFORCEMENT),
                   Organization(name="Main St Hardware", kind=OrganizationKind.BUSINESS),
                   Person(first_name="Zoë", last_name="Núñez"),
                   Area(name="Eastside"), Area(name="Westfield")])
    yield workspace
    workspace.close()


def ids(ws: Workspace, model: type) -> dict[str, int]:
    with ws.read() as session:
        return {r.name if hasattr(r, "name") else r.last_name: r.id
                for r in session.query(model)}


def test_an_initiative_is_made_edited_and_archived(
        qtbot: QtBot, ws: Workspace, qtmodeltester,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    orgs, areas = ids(ws, Organization), ids(ws, Area)
    dialog = InitiativeDialog(ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("Eastside Burglary Reduction")
    dialog.kind.setCurrentIndex(dialog.kind.findData(InitiativeKind.PROBLEM_SOLVING))
    assert dialog.sara.fields["scanning"].widget.isEnabled()
    dialog.area.setCurrentIndex(dialog.area.findData(areas["Eastside"]))
    dialog.comparison.setCurrentIndex(dialog.comparison.findData(areas["Eastside"]))
    dialog.budget.setText("45,000.50")
    dialog.lead.setCurrentIndex(dialog.lead.findData(orgs["Riverton PD"]))
    # A partner through its dialog: organization, role, contact, contributions.
    partner = PartnerDialog(ws, None, dialog.partners.organizations, dialog)
    qtbot.addWidget(partner)
    partner.organization.setCurrentIndex(partner.organization.findData(orgs["Riverton PD"]))
    partner.role.setText("Lead agency")
    partner.contact.set_person(ids(ws, Person)["Núñez"], "Zoë Núñez")
    partner.contributions.boxes[ContributionType.PAID_STAFF].setChecked(True)
    partner.contributions.boxes[ContributionType.DATA].setChecked(True)
    partner.accept()
    assert partner.entry is not None
    monkeypatch.setattr(PartnerDialog, "ask", classmethod(lambda cls, *a: partner.entry))
    dialog.partners.add()
    assert dialog.partners.model.index(0, 3).data() == "Paid staff, Data"
    # A goal through its dialog, then a measurement for it.
    goal = GoalDialog(None, dialog)
    qtbot.addWidget(goal)
    goal.name.setText("Burglaries per month")
    goal.unit.setText("incidents")
    goal.form.fields["baseline"].widget.setText("21")  # type: ignore[attr-defined]
    goal.form.fields["target"].widget.setText("14")  # type: ignore[attr-defined]
    goal.form.set_values({"direction": Direction.DECREASE})
    goal.accept()
    assert goal.entry is not None and goal.entry.status is GoalStatus.PENDING
    monkeypatch.setattr(GoalDialog, "ask", classmethod(lambda cls, *a: goal.entry))
    dialog.goals.goals.add()
    monkeypatch.setattr(MeasurementDialog, "ask", classmethod(
        lambda cls, *a: MeasurementEntry(date(2026, 6, 1), 15.5)))
    dialog.goals.add_measurement()
    model = dialog.goals.goals.model
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "Close to target"
    assert "15.75 incidents or below" in model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Close to target" in dialog.goals.status.text()
    # The comparison area equal to the area is refused beside the field.
    dialog.accept()
    assert dialog.form.error_text("comparison_area_id").startswith("The comparison area")
    dialog.comparison.setCurrentIndex(dialog.comparison.findData(areas["Westfield"]))
    dialog.sara.fields["scanning"].widget.setPlainText("Burglaries up 60%")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    initiative_id = dialog.saved_id
    assert initiative_id is not None
    saved = initiative_form(ws, initiative_id)
    assert saved.data.budget_cents == 4_500_050
    assert saved.data.partners[0].contributions == (ContributionType.PAID_STAFF,
                                                     ContributionType.DATA)
    assert saved.data.goals[0].measurements == (MeasurementEntry(date(2026, 6, 1), 15.5),)
    assert saved.data.sara is not None and saved.data.sara.scanning == "Burglaries up 60%"
    create_expenditure(ws, initiative_id, ExpenditureInput(date(2026, 3, 1), "Equipment",
                                                           5_000_000))

    # The page lists it, over budget, and shows it in the detail panel.
    page = InitiativesPage(ws)
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.model)
    assert page.count.text() == "1 initiative"
    assert page.model.index(0, 0).data() == "Eastside Burglary Reduction"
    assert page.model.index(0, 4).data() == "45,000.50"
    assert page.model.index(0, 6).data() == "111%"
    assert page.model.index(0, 6).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Over budget by 4,999.50" in page.detail.toPlainText()
    with qtbot.waitSignal(page.show_evaluation_requested) as asked:
        page.evaluate_action.trigger()
    assert asked.args == [initiative_id]

    # Editing: the Resources tab shows the burn; a rename is listed after saving.
    editor = InitiativeDialog(ws, initiative_id, page)
    qtbot.addWidget(editor)
    assert editor.resources.model.rowCount() == 1
    assert "Over budget" in editor.resources.totals.text()
    editor.budget.setText("")
    assert "no budget set" in editor.resources.totals.text()
    editor.name.setText("Eastside Burglary Project")
    editor.budget.setText("60,000")
    with qtbot.waitSignal(editor.accepted):
        editor.accept()
    page.refresh()
    assert page.model.index(0, 0).data() == "Eastside Burglary Project"
    assert page.model.index(0, 6).data() == "83%"

    # Searching and filtering.
    page.search.setText("nothing like it")
    page.refresh()
    assert page.count.text() == "0 initiatives"
    page.search.clear()
    page.kind.setCurrentIndex(page.kind.findData(InitiativeKind.CPTED))
    assert page.model.rowCount() == 0
    page.kind.setCurrentIndex(0)

    # Archiving leaves the list; Show archived brings it back to restore.
    monkeypatch.setattr(initiatives_page.QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.archive_action.trigger()
    assert page.model.rowCount() == 0
    page.show_archived.setChecked(True)
    assert page.model.index(0, 0).data() == "Eastside Burglary Project (archived)"
    assert page.restore_action.isEnabled()
    page.restore_action.trigger()
    assert not page.model.row_at(0).archived


def test_errors_show_on_their_tab_and_viewers_only_read(qtbot: QtBot, ws: Workspace) -> None:
    dialog = InitiativeDialog(ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("Watch")
    dialog.goals.set_entries((GoalEntry("Calls", target=5, measurements=(
        MeasurementEntry(date(2026, 1, 1), 1), MeasurementEntry(date(2026, 1, 1), 2))),))
    dialog.accept()
    assert dialog.tabs.currentIndex() == GOALS_TAB
    assert dialog.goals_form.error_text("goals") == (
        "Calls: Two measurements on 2026-01-01: keep one.")
    dialog.budget.setText("12.345")
    dialog.form.fields["starts_on"].widget.edit.setText("May 1st")  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.form.error_text("budget_cents") == "Use at most two decimals (cents)."
    assert dialog.form.error_text("starts_on").startswith("Write the date as YYYY-MM-DD")
    dialog.form.fields["starts_on"].widget.edit.setText("")  # type: ignore[attr-defined]
    assert not dialog.sara.fields["scanning"].widget.isEnabled()  # not problem-solving

    dialog.goals.set_entries(())
    dialog.budget.setText("")
    dialog.sensitive.setPlainText("Names of people in crisis")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    ws.role, ws.can_see_sensitive = Role.VIEWER, False
    viewer = InitiativeDialog(ws, dialog.saved_id)
    qtbot.addWidget(viewer)
    assert viewer.sensitive.toPlainText() == ""
    assert not viewer.sensitive.isEnabled()
    assert not viewer.buttons.button(viewer.buttons.StandardButton.Save).isEnabled()
    page = InitiativesPage(ws)
    qtbot.addWidget(page)
    page.refresh()
    assert "Names of people" not in page.detail.toPlainText()
    assert not page.new_action.isEnabled() and not page.archive_action.isEnabled()
    assert page.edit_action.text() == "&Open"
    assert initiative_fields.parse_number("1,234.5") == 1234.5


def test_resource_edit_and_delete_wait_for_a_chosen_row(qtbot: QtBot, ws: Workspace) -> None:
    dialog = InitiativeDialog(ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("Watch")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert dialog.saved_id is not None
    create_expenditure(ws, dialog.saved_id, ExpenditureInput(date(2026, 3, 1), "Equipment",
                                                             12_000))
    editor = InitiativeDialog(ws, dialog.saved_id)
    qtbot.addWidget(editor)
    add, edit, delete = editor.resources.buttons
    assert editor.resources.model.rowCount() == 1
    assert add.isEnabled()
    assert not edit.isEnabled() and not delete.isEnabled()  # nothing chosen yet
    editor.resources.view.selectRow(0)
    assert edit.isEnabled() and delete.isEnabled()
    editor.resources.reload()  # the list is read again: no row is chosen any more
    assert not edit.isEnabled() and not delete.isEnabled()
