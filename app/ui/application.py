"""Start the GUI on an opened workspace."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.changes import EVERYTHING, Change
from app.services.demo_data import is_empty, load_demo_data
from app.services.permissions import Permission
from app.services.settings import DEMO_OFFERED, get_setting, set_setting
from app.services.workspace import Workspace
from app.ui.dialogs.login_dialog import ensure_signed_in
from app.ui.main_window import MainWindow, WorkspaceOpener
from app.ui.open_notices import show_open_notices
from app.ui.style import STYLE_SHEET
from app.ui.workers import wait_for_background_work


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Partnership Desk")
    app.setOrganizationName("PartnershipDesk")
    app.setStyleSheet(STYLE_SHEET)
    return app  # type: ignore[return-value]


def offer_demo_data(window: MainWindow) -> bool:
    """On the first start with an empty database, offer demo data. True if it was loaded."""
    ws = window.workspace
    if not ws.may(Permission.EDIT):
        return False
    if not is_empty(ws.db) or get_setting(ws, DEMO_OFFERED, False):
        return False
    answer = QMessageBox.question(
        window,
        "An empty database",
        "This database is empty. Load demo data for a fictional city so there is "
        "something to explore?\n\nChoose No to start with an empty database.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    set_setting(ws, DEMO_OFFERED, True)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    load_demo_data(ws.db)
    ws.changes.emit([Change(EVERYTHING, frozenset())])
    return True


def noticing(
    open_workspace: WorkspaceOpener, window: Callable[[], MainWindow]
) -> WorkspaceOpener:
    """An opener that, once the window shows the new database, shows its open notices."""

    def opener(location: str) -> Workspace:
        workspace = open_workspace(location)

        def notices() -> None:
            if window().workspace is workspace:  # not if the sign-in was cancelled
                show_open_notices(window(), workspace.db)

        QTimer.singleShot(0, notices)
        return workspace

    return opener


def run_gui(workspace: Workspace, open_workspace: WorkspaceOpener) -> int:
    app = create_application()
    if not ensure_signed_in(None, workspace):
        workspace.close()
        return 0
    window = MainWindow(workspace, noticing(open_workspace, lambda: window), ensure_signed_in)
    window.show()
    show_open_notices(window, workspace.db)
    offer_demo_data(window)
    try:
        return app.exec()
    finally:
        wait_for_background_work()
