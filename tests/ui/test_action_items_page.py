"""The Action items page and dialog, driven as a user would, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.models import (
    ActionItem,
    ActionStatus,
    Initiative,
    InitiativeKind,
    Meeting,
    OrganizationKind,
    Role,
)
from app.models.database import open_database
from app.services.action_item_list import ActionQuery, list_action_items
from app.services.action_items import ActionItemInput, action_item_form, create_action_item
from app.services.changes import Change
from app.services.organizations import OrganizationInput, create_organization
from app.services.people import AffiliationInput, PersonInput, create_person
from app.services.workspace import Workspace
from app.ui.dialogs.action_item_dialog import ActionItemDialog
from app.ui.pages.action_items_page import ActionItemsPage
from app.ui.table_model import WARNING_COLOUR

TODAY = date.today()


@dataclass
class World:
    ws: Workspace
    harbor: int
    zoe: int
    ann: int
    meeting: int
    initiative: int
    items: dict[str, int]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    ws = Workspace(open_database(tmp_path / "desk.sqlite"))
    harbor = create_organization(
        ws, OrganizationInput("Harbor Youth Center", OrganizationKind.NONPROFIT)
    )
    zoe = create_person(ws, PersonInput("Zoë", "Núñez", affiliations=(
        AffiliationInput(harbor, "Director", None, None, True),)))
    ann = create_person(ws, PersonInput("Ann", "Lee"))
    with ws.write() as action:
        initiative = Initiative(name="Eastside watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        start = datetime(2026, 10, 13, 17, 0, tzinfo=UTC)
        meeting = Meeting(title="October partnership meeting", starts_at=start,
                          ends_at=start + timedelta(hours=1))
        action.session.add_all([initiative, meeting])
        action.session.flush()
        initiative_id, meeting_id = initiative.id, meeting.id
    items = {
        "Send flyers": ActionItemInput("Send flyers", zoe, TODAY - timedelta(days=16),
                                       meeting_id=meeting_id, initiative_id=initiative_id),
        "Call the school": ActionItemInput("Call the school", ann, TODAY - timedelta(days=1),
                                           meeting_id=meeting_id),
        "Book the hall": ActionItemInput("Book the hall", ann, TODAY + timedelta(days=7),
                                         notes="Ask for the big hall"),
        "Print minutes": ActionItemInput("Print minutes", ann, TODAY - timedelta(days=3),
                                         ActionStatus.DONE, TODAY - timedelta(days=2)),
        "Old idea": ActionItemInput("Old idea", status=ActionStatus.DROPPED),
    }
    ids = {name: create_action_item(ws, data) for name, data in items.items()}
    yield World(ws, harbor, zoe, ann, meeting_id, initiative_id, ids)
    ws.close()


@pytest.fixture
def page(qtbot: QtBot, world: World) -> ActionItemsPage:
    page = ActionItemsPage(world.ws)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    page.refresh()
    return page


def shown(page: ActionItemsPage, column: int = 1) -> list[str]:
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_open_items_by_due_date_with_overdue_ones_in_the_warning_colour(
    page: ActionItemsPage,
) -> None:
    assert shown(page) == ["Send flyers", "Call the school", "Book the hall"]
    assert page.count.text() == "3 open action items · 2 overdue"
    due = page.model.index(0, 0)
    assert due.data() == f"{TODAY - timedelta(days=16):%d %b %Y} (16 days late)"
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 16 days"
    assert page.model.index(1, 0).data().endswith("(1 day late)")
    tip = page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Send flyers\nOverdue by 16 days"
    for column in range(page.model.columnCount()):
        assert page.model.index(0, column).data(Qt.ItemDataRole.ForegroundRole) == WARNING_COLOUR
        assert page.model.index(2, column).data(Qt.ItemDataRole.ForegroundRole) is None
    assert shown(page, 2) == ["Zoë Núñez", "Ann Lee", "Ann Lee"]
    assert shown(page, 3)[0] == "Harbor Youth Center"
    assert shown(page, 6) == ["October partnership meeting"] * 2 + [""]
    assert shown(page, 7)[0] == "Eastside watch"


def test_list_model_passes_the_model_tester(
    page: ActionItemsPage, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.model, force_py=True)


def test_filters_change_the_rows(page: ActionItemsPage, qtbot: QtBot, world: World) -> None:
    page.status.setCurrentIndex(page.status.findText("Done"))
    assert shown(page) == ["Print minutes"]
    assert shown(page, 5) == [f"{TODAY - timedelta(days=2):%d %b %Y}"]
    assert page.count.text() == "1 done action item"
    page.status.setCurrentIndex(page.status.findText("All statuses"))
    assert len(shown(page)) == 5
    page.overdue_only.setChecked(True)
    assert shown(page) == ["Send flyers", "Call the school"]
    page.overdue_only.setChecked(False)
    page.status.setCurrentIndex(page.status.findText("Open"))
    page.organization.setCurrentIndex(page.organization.findData(world.harbor))
    assert shown(page) == ["Send flyers"]
    page.organization.setCurrentIndex(0)
    page.initiative.setCurrentIndex(page.initiative.findData(world.initiative))
    assert shown(page) == ["Send flyers"]
    page.initiative.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "big hall")  # notes are searched too
    qtbot.waitUntil(lambda: shown(page) == ["Book the hall"])
    page.search.clear()
    qtbot.keyClicks(page.owner, "lee")
    qtbot.waitUntil(lambda: page.owner.completer_.popup().isVisible())
    qtbot.keyClick(page.owner.completer_.popup(), Qt.Key.Key_Return)
    assert page.owner.person_id == world.ann
    assert shown(page) == ["Call the school", "Book the hall"]


def test_sorting_by_clicking_a_header_runs_in_sql(page: ActionItemsPage) -> None:
    page.view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # owner
    assert shown(page, 2) == ["Zoë Núñez", "Ann Lee", "Ann Lee"]
    page.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert shown(page) == ["Book the hall", "Call the school", "Send flyers"]


def test_mark_done_over_a_selection_confirms_and_reports(
    page: ActionItemsPage, qtbot: QtBot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.select_row(0)
    page.view.selectionModel().select(
        page.model.index(1, 0),
        page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows,
    )
    assert page.done_action.isEnabled()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Mark 2 action items done today?"]
    assert page.message.text() == "Marked 2 items done."
    assert shown(page) == ["Book the hall"]
    done = list_action_items(world.ws, ActionQuery(status=ActionStatus.DONE)).rows
    assert {(r.description, r.completed_on) for r in done} == {
        ("Send flyers", TODAY),
        ("Call the school", TODAY),
        ("Print minutes", TODAY - timedelta(days=2)),
    }

    page.select_row(0)  # one item: no question asked
    page.mark_selected_done()
    assert len(asked) == 1
    assert page.message.text() == "Marked 1 item done."
    assert shown(page) == []
    assert page.count.text() == "0 open action items"


def fill_dialog(fill: object) -> None:
    """Run ``fill(dialog)`` on the action-item dialog once it is open."""

    def run() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, ActionItemDialog) and w.isVisible()
        )
        fill(dialog)  # type: ignore[operator]

    QTimer.singleShot(0, run)


def test_new_item_through_the_dialog_adds_a_row(
    page: ActionItemsPage, qtbot: QtBot, world: World
) -> None:
    def fill(dialog: ActionItemDialog) -> None:
        dialog.description.setPlainText("Order reflective vests")
        qtbot.keyClicks(dialog.owner, "nunez")
        qtbot.waitUntil(lambda: dialog.owner.completer_.popup().isVisible())
        qtbot.keyClick(dialog.owner.completer_.popup(), Qt.Key.Key_Return)
        assert dialog.owner_organization.text() == "Harbor Youth Center"
        dialog.due_on.edit.setText((TODAY + timedelta(days=3)).isoformat())
        dialog.initiative.setCurrentIndex(dialog.initiative.findData(world.initiative))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    fill_dialog(fill)
    page.add_new()
    assert shown(page) == ["Send flyers", "Call the school", "Order reflective vests",
                           "Book the hall"]
    assert page.current_row().description == "Order reflective vests"  # type: ignore[union-attr]
    assert shown(page, 2)[2] == "Zoë Núñez"
    assert shown(page, 7)[2] == "Eastside watch"


def test_dialog_status_dates_and_errors(qtbot: QtBot, world: World) -> None:
    dialog = ActionItemDialog(world.ws, meeting_id=world.meeting)
    qtbot.addWidget(dialog)
    assert not dialog.completed_on.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.DONE))
    assert dialog.completed_on.isEnabled()
    assert dialog.completed_on.edit.text() == TODAY.isoformat()
    dialog.completed_on.edit.setText("12/11/2026")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert "YYYY-MM-DD" in dialog.form.error_text("completed_on")
    dialog.completed_on.edit.setText((TODAY + timedelta(days=1)).isoformat())
    save.click()  # the service's messages appear beside their fields
    assert dialog.form.error_text("description") == "Description is required."
    assert dialog.form.error_text("completed_on") == "The completion date cannot be in the future."
    dialog.description.setPlainText("Thank the volunteers")
    dialog.owner.setText("somebody")  # typed, never chosen
    dialog.owner.textEdited.emit("somebody")
    dialog.completed_on.edit.setText(TODAY.isoformat())
    save.click()
    assert "Choose the owner" in dialog.form.error_text("owner_id")
    assert dialog.saved_id is None
    dialog.owner.clear()
    save.click()
    assert dialog.saved_id is not None
    _, data = action_item_form(world.ws, dialog.saved_id)
    assert (data.status, data.completed_on, data.meeting_id) == (
        ActionStatus.DONE, TODAY, world.meeting
    )


def test_editing_reloads_the_item_and_keeps_its_meeting(qtbot: QtBot, world: World) -> None:
    item = world.items["Send flyers"]
    dialog = ActionItemDialog(world.ws, item)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit action item"
    assert dialog.description.toPlainText() == "Send flyers"
    assert (dialog.owner.text(), dialog.owner.person_id) == ("Zoë Núñez", world.zoe)
    assert dialog.owner_organization.text() == "Harbor Youth Center"
    assert dialog.initiative.currentData() == world.initiative
    dialog.due_on.edit.setText((TODAY + timedelta(days=10)).isoformat())
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved_id == item
    _, data = action_item_form(world.ws, item)
    assert (data.due_on, data.meeting_id, data.owner_id) == (
        TODAY + timedelta(days=10), world.meeting, world.zoe
    )


def test_open_meeting_emits_the_meeting_id(
    page: ActionItemsPage, qtbot: QtBot, world: World
) -> None:
    page.select_row(0)
    assert page.meeting_action.isEnabled()
    page.view.setFocus()
    with qtbot.waitSignal(page.show_meeting_requested) as requested:
        qtbot.keyClick(page.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert requested.args == [world.meeting]
    page.select_row(2)  # "Book the hall" was not born in a meeting
    assert not page.meeting_action.isEnabled()


def test_a_viewer_sees_the_editing_actions_disabled(qtbot: QtBot, world: World) -> None:
    world.ws.role = Role.VIEWER
    page = ActionItemsPage(world.ws)
    qtbot.addWidget(page)
    page.refresh()
    page.select_row(0)
    assert len(shown(page)) == 3
    assert not page.new_action.isEnabled()
    assert not page.edit_action.isEnabled()
    assert not page.done_action.isEnabled()
    assert page.meeting_action.isEnabled()  # looking is allowed


def test_refusals_are_a_message_and_changes_refresh_the_list(
    page: ActionItemsPage, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    page.select_row(2)
    with world.ws.write() as action:  # someone else deletes "Book the hall"
        action.session.delete(action.session.get(ActionItem, world.items["Book the hall"]))
    page.edit_current()
    assert warned and "action item" in warned[0]
    assert shown(page) == ["Send flyers", "Call the school"]

    created = create_action_item(world.ws, ActionItemInput("Walk the block", world.ann))
    page.on_change(Change("action_items", frozenset({created})))
    assert shown(page)[-1] == "Walk the block"
