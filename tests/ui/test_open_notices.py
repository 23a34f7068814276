"""Notices after opening a database: non-blocking, once per open (crash recovered, network)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models import storage
from app.models.instance_lock import LockInfo, lock_path_for
from app.ui.application import noticing
from app.ui.main_window import MainWindow
from app.ui.open_notices import show_open_notices


def test_nothing_to_say_shows_nothing(qtbot: QtBot, db_path: Path) -> None:
    ws = open_workspace(db_path)
    win = MainWindow(ws, open_workspace)
    qtbot.addWidget(win)
    assert show_open_notices(win, ws.db) is None
    ws.close()


def test_network_share_warning_does_not_block(qtbot: QtBot, db_path: Path) -> None:
    ws = open_workspace(db_path)
    win = MainWindow(ws, open_workspace)
    qtbot.addWidget(win)
    warning = "desk.sqlite is on a share. Use PostgreSQL mode"
    db = dataclasses.replace(ws.db, network_warning=warning)
    box = show_open_notices(win, db)
    assert box is not None and box.isVisible()
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert box.icon() == QMessageBox.Icon.Warning
    assert "PostgreSQL mode" in box.text()
    box.close()
    ws.close()


def test_switching_to_a_file_on_a_share_warns_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_workspace(tmp_path / "here.sqlite")
    win = MainWindow(ws, noticing(open_workspace, lambda: win))
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr(storage, "is_network_path", lambda path: "a network share (cifs)")
    # A crashed session left its lock too: both are said, in one window.
    other = tmp_path / "there.sqlite"
    open_workspace(other).close()
    stale = LockInfo(host="elsewhere", user="maria", pid=1, since="2026-11-25T09:14:00+00:00")
    lock_path_for(other).write_bytes(stale.to_json())
    assert win.switch_to(str(other))
    qtbot.waitUntil(lambda: bool(notice_boxes(win)))
    [box] = notice_boxes(win)
    assert "PostgreSQL mode" in box.text() and "ended unexpectedly" in box.text()
    assert "maria on elsewhere" in box.text()
    box.close()
    win.workspace.close()


def notice_boxes(win: MainWindow) -> list[QMessageBox]:
    return [b for b in win.findChildren(QMessageBox) if b.isVisible()]
