"""The main window as a user meets it: pages, menus, dashboard figures, switching files."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models import ActionItem, ActionStatus, Meeting, Organization, OrganizationKind, Person
from app.services.workspace import Workspace
from app.ui.application import offer_demo_data
from app.ui.main_window import MainWindow
from app.ui.navigation import AREAS
from app.ui.pages.dashboard import DashboardPage


@pytest.fixture
def workspace(db_path: Path) -> Workspace:
    return open_workspace(db_path)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    win = MainWindow(workspace, open_workspace)
    qtbot.addWidget(win)
    win.show()
    return win


def add_overdue_action_and_next_meeting(ws: Workspace) -> None:
    start = datetime.now(UTC) + timedelta(days=3)
    with ws.write() as action:
        owner = Person(first_name="Ana", last_name="Díaz")
        action.session.add_all(
            [
                owner,
                Organization(name="Riverton PD", kind=OrganizationKind.LAW_ENFORCEMENT),
                Meeting(
                    title="Safety council",
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    location="City Hall",
                ),
            ]
        )
        action.session.flush()
        action.session.add(
            ActionItem(
                description="Fix the lights on 5th St",
                owner_id=owner.id,
                due_on=date.today() - timedelta(days=4),
                status=ActionStatus.OPEN,
            )
        )


def test_title_names_the_database_and_every_area_shows_its_page(
    window: MainWindow, db_path: Path
) -> None:
    assert db_path.name in window.windowTitle()
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
        a.title for a in AREAS
    ]
    for row, area in enumerate(AREAS):
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentWidget() is window.page(area.title)
        assert window.stack.currentWidget().title == area.title


def test_ctrl_number_switches_areas(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.currentRow() == 3


def loaded(qtbot: QtBot, page: DashboardPage) -> DashboardPage:
    """Wait until the dashboard's background load has delivered its figures."""
    qtbot.waitUntil(lambda: not page.loader.busy, timeout=5000)
    return page


def test_dashboard_shows_real_figures_and_follows_changes(
    window: MainWindow, workspace: Workspace, qtbot: QtBot
) -> None:
    dashboard = loaded(qtbot, window.page("Dashboard"))
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.tiles["organizations"].number.text() == "0"

    with qtbot.waitSignal(dashboard.loader.loaded, timeout=5000):
        add_overdue_action_and_next_meeting(workspace)  # the change notification reloads it

    assert dashboard.tiles["organizations"].number.text() == "1"
    assert dashboard.tiles["overdue_action_items"].number.text() == "1"
    overdue = dashboard.findChild(QTableView, "overdueActions").model()
    assert overdue.index(0, 2).data() == "Ana Díaz"
    assert overdue.index(0, 1).data() == "4"
    meetings = dashboard.findChild(QTableView, "nextMeetings").model()
    assert meetings.index(0, 1).data() == "Safety council"


def test_dashboard_table_models_pass_the_model_tester(
    window: MainWindow, workspace: Workspace, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    add_overdue_action_and_next_meeting(workspace)
    dashboard = loaded(qtbot, window.page("Dashboard"))
    assert dashboard.meetings.rowCount() == 1 and dashboard.actions.rowCount() == 1
    for model in (dashboard.meetings, dashboard.actions, dashboard.certificates):
        qtmodeltester.check(model, force_py=True)


def test_a_built_page_is_kept_out_of_full_collections_until_the_database_changes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.unfreeze()
    window.show_area(AREAS[2].title)  # built now
    assert gc.get_freeze_count() > 0
    calls: list[str] = []
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    window._install(open_workspace(tmp_path / "other.sqlite"))  # the old pages go
    assert calls[0] == "unfreeze"  # then the page shown is built and frozen again


def test_switching_database_reopens_everything(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    assert window.switch_to(str(other))
    assert "other.sqlite" in window.windowTitle()
    assert window.workspace.db.path == other.resolve()
    recent = [a.text() for a in window.recent_menu.actions()]
    assert str(other.resolve()) in recent


def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list\n" * 200)
    before = window.workspace
    assert not window.switch_to(str(notes))
    assert window.workspace is before
    assert shown and "not a database" in shown[0]


def test_about_names_versions_and_the_database_location(window: MainWindow, db_path: Path) -> None:
    text = window.about_text()
    assert str(db_path.resolve()) in text
    assert "PySide6" in text and "SQLite" in text


def test_first_start_offers_demo_data_once(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer_yes(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    dashboard = loaded(qtbot, window.page("Dashboard"))
    with qtbot.waitSignal(dashboard.loader.loaded, timeout=10000):
        assert offer_demo_data(window)
    assert len(asked) == 1
    assert int(dashboard.tiles["people"].number.text().replace(",", "")) >= 100
    assert not offer_demo_data(window)
    assert len(asked) == 1


def test_declining_demo_data_starts_empty_and_is_not_asked_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not offer_demo_data(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked twice"))
    assert not offer_demo_data(window)
    assert loaded(qtbot, window.page("Dashboard")).tiles["people"].number.text() == "0"


def test_ctrl_n_on_a_page_adds_there_and_never_clashes_with_new_database(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.dialogs.meeting_dialog import MeetingDialog

    opened: list[object] = []
    monkeypatch.setattr(MeetingDialog, "ask", classmethod(
        lambda cls, ws, meeting_id=None, parent=None, day=None: opened.append(meeting_id)))
    monkeypatch.setattr(window, "_new_database", lambda: opened.append("new database"))
    window.show_area("Meetings")
    page = window.page("Meetings")
    window.activateWindow()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]  # a new meeting, not an ambiguous shortcut doing nothing
