"""Backups from the main window: File menu entries, Back up now, restore, schedule, close."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.cli import open_workspace
from app.locations import backup_dir_for
from app.models import Person
from app.services.backups import list_backups
from app.services.workspace import Workspace
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    win = MainWindow(open_workspace(db_path), open_workspace)
    qtbot.addWidget(win)
    win.show()
    return win


def add_people(ws: Workspace, count: int) -> None:
    with ws.write() as action:
        action.session.add_all(Person(first_name=f"P{i}", last_name="X") for i in range(count))


def people(ws: Workspace) -> int:
    with ws.read() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_file_menu_has_the_backup_entries(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    for text in ("&Back up now", "&Restore from backup…", "Show &backups folder"):
        assert text in texts
    assert all(a.isEnabled() for a in window.backups.actions)


def test_back_up_now_writes_a_checked_file(window: MainWindow, db_path: Path) -> None:
    add_people(window.workspace, 2)
    window.backups.back_up.trigger()
    made = list_backups(db_path)
    assert len(made) == 1 and made[0].reason == "manual"
    assert made[0].path.parent == backup_dir_for(db_path)


def test_restore_through_the_dialog(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(window.workspace, 3)
    window.backups.back_up_now()
    add_people(window.workspace, 5)
    asked: list[str] = []

    def answer_yes(_parent: object, _title: str, text: str, *a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def pick_newest(dialog: RestoreDialog) -> int:
        assert dialog.table.rowCount() == 1
        dialog.table.selectRow(0)
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    monkeypatch.setattr(RestoreDialog, "exec", pick_newest)
    old = window.workspace
    assert window.backups.restore_from_backup()
    assert "replaced" in asked[0]
    assert window.workspace is not old
    assert people(window.workspace) == 3
    replaced = [p for p in backup_dir_for(db_path).iterdir() if p.name.startswith("replaced-")]
    assert len(replaced) == 1 and (replaced[0] / db_path.name).exists()


def test_cancelled_restore_changes_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(window.workspace, 1)
    window.backups.back_up_now()
    add_people(window.workspace, 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)

    def try_restore(dialog: RestoreDialog) -> int:
        dialog.table.selectRow(0)
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", try_restore)
    old = window.workspace
    assert not window.backups.restore_from_backup()
    assert window.workspace is old and people(old) == 2


def test_schedule_backs_up_after_a_change_when_idle(
    window: MainWindow, db_path: Path, qtbot: QtBot
) -> None:
    now = [datetime(2030, 1, 1, tzinfo=UTC)]
    window.backups._clock = lambda: now[0]
    window.backups.attach(window.workspace)
    window.backups.tick()
    assert list_backups(db_path) == []
    add_people(window.workspace, 1)
    window.backups.tick()
    assert list_backups(db_path) == []  # not idle long enough yet
    now[0] += timedelta(minutes=3)
    window.backups.tick()
    qtbot.waitUntil(lambda: len(list_backups(db_path)) == 1 and not window.backups.running)
    assert list_backups(db_path)[0].reason == "auto"
    assert not window.backups.scheduler.pending


def test_closing_backs_up_pending_changes(window: MainWindow, db_path: Path) -> None:
    add_people(window.workspace, 1)
    window.close()
    made = list_backups(db_path)
    assert [b.reason for b in made] == ["close"]


def test_closing_without_changes_makes_no_backup(window: MainWindow, db_path: Path) -> None:
    window.close()
    assert list_backups(db_path) == []


def test_entries_are_disabled_for_a_postgresql_workspace(window: MainWindow) -> None:
    class ServerDb:
        is_sqlite = False
        path = None

    real = window.workspace
    window.backups.attach(Workspace(ServerDb()))  # type: ignore[arg-type]
    assert not any(a.isEnabled() for a in window.backups.actions)
    assert "pg_dump" in window.backups.back_up.toolTip()
    window.backups.attach(real)
    assert all(a.isEnabled() for a in window.backups.actions)
