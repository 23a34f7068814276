"""The main window: sidebar navigation, one page per area, File and Help menus."""

from __future__ import annotations

import gc
import html
import platform
import sqlite3
from collections.abc import Callable
from pathlib import Path

import PySide6
import sqlalchemy
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.models.errors import DatabaseDamagedError, DatabaseOpenError
from app.services.accounts import has_accounts
from app.services.changes import Change
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.backup_actions import BackupActions
from app.ui.change_bridge import ChangeBridge
from app.ui.dialogs.login_dialog import ChangePasswordDialog, FirstAdminDialog
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.dialogs.users_dialog import UsersDialog
from app.ui.navigation import AREAS
from app.ui.recent import recent_databases, remember_database
from app.ui.recovery import offer_latest_backup
from app.ui.screen_lock import ScreenLock
from app.ui.workers import wait_for_background_work

APP_TITLE = "Partnership Desk"
DATABASE_FILTER = "Partnership Desk databases (*.sqlite *.db);;All files (*)"
WorkspaceOpener = Callable[[str], Workspace]
# Signs in to a newly opened workspace (login dialog); False keeps the old database.
Authenticator = Callable[[QWidget, Workspace], bool]


def area_shortcut(index: int) -> str:
    """Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth area."""
    return f"Ctrl+{(index + 1) % 10}"


# A page's "show X elsewhere" signal -> (the area that shows it, the page method called).
RECORD_REQUESTS = {
    "show_meeting_requested": ("Meetings", "show_meeting"),
    "show_evaluation_requested": ("Evaluation", "show_initiative"),
    "show_report_requested": ("Reports", "show_initiative"),
}


class MainWindow(QMainWindow):
    def __init__(
        self,
        workspace: Workspace,
        open_workspace: WorkspaceOpener,
        authenticate: Authenticator | None = None,
    ) -> None:
        super().__init__()
        self._open_workspace = open_workspace
        self._authenticate = authenticate
        self.workspace = workspace
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(180)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, stretch=1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_area)
        self._build_menus()
        self.signed_in_as = QLabel()
        self.statusBar().addPermanentWidget(self.signed_in_as)
        self.screen_lock = ScreenLock(self)
        self._bridge: ChangeBridge | None = None
        self._install(workspace)
        self.resize(1200, 760)

    # -- workspace -------------------------------------------------------------------
    def _install(self, workspace: Workspace) -> None:
        self.workspace = workspace
        if self._bridge is not None:
            self._bridge.detach()
        self._bridge = ChangeBridge(workspace.changes, self)
        self._bridge.changed.connect(self._on_change)
        self.backups.attach(workspace)
        current = max(self.sidebar.currentRow(), 0)
        gc.unfreeze()  # the old pages go: let the collector see them again (see _page_at)
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.sidebar.clear()
        self._built: set[int] = set()
        for index, area in enumerate(AREAS):
            self.stack.addWidget(QWidget())  # the page itself is built when first shown
            self.sidebar.addItem(area.title)
            self.sidebar.item(index).setToolTip(f"{area.title} ({area_shortcut(index)})")
        self._apply_identity(workspace)
        self._refresh_recent_menu(remember_database(workspace.db.location))
        self.sidebar.setCurrentRow(current)  # emits currentRowChanged: shows and loads it

    def switch_to(self, location: str) -> bool:
        """Open another database; the current one stays open if that fails."""
        try:
            workspace = self._open_workspace(location)
        except DatabaseDamagedError as error:
            if "://" in location or not offer_latest_backup(self, Path(location), error):
                return False
            return self.switch_to(location)  # the restored backup
        except DatabaseOpenError as error:
            QMessageBox.critical(self, "Cannot open the database", error.message)
            return False
        if self._authenticate is not None and not self._authenticate(self, workspace):
            workspace.close()  # not signed in: keep working in the current database
            return False
        old = self.workspace
        self._install(workspace)
        wait_for_background_work()
        old.close()
        return True

    def _apply_identity(self, workspace: Workspace) -> None:
        """Title, status bar, menus and screen lock follow who is signed in."""
        who = workspace.user_name if workspace.user_id is not None else ""
        suffix = f" — {who} ({workspace.role.value})" if who else ""
        self.setWindowTitle(f"{workspace.db.display_name}{suffix} — {APP_TITLE}")
        self.signed_in_as.setText(
            f"Signed in as {who} ({workspace.role.value})" if who else "Single-user mode"
        )
        signed_in = workspace.user_id is not None
        self.change_password_action.setEnabled(signed_in)
        self.lock_action.setEnabled(signed_in)
        self.users_action.setEnabled(workspace.may(Permission.MANAGE_USERS))
        if not workspace.may(Permission.BACKUP_RESTORE):
            self.backups.back_up.setEnabled(False)
            self.backups.restore.setEnabled(False)
        self.screen_lock.attach(workspace)

    def page(self, title: str) -> QWidget:
        return self._page_at([a.title for a in AREAS].index(title))

    def _page_at(self, index: int) -> QWidget:
        if index not in self._built:
            placeholder = self.stack.widget(index)
            # A page is built when first shown; some import much (the Evaluation page's
            # charts take seconds once): say so with the busy cursor.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                page = AREAS[index].build(self.workspace)
            finally:
                QApplication.restoreOverrideCursor()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built.add(index)
            # What is alive now (modules, pages, mappings) stays for the run: keep it out of
            # Python's full collections, which walked all ~150,000 of those objects (~0.1 s)
            # again and again while a service built its rows (a third of the network's time).
            gc.freeze()
            for signal, (area, method) in RECORD_REQUESTS.items():
                requests = getattr(page, signal, None)
                if requests is not None:  # e.g. an action item's meeting, one click away
                    requests.connect(
                        lambda record_id, a=area, m=method: self.show_record(a, m, record_id))
        return self.stack.widget(index)

    def show_record(self, area: str, method: str, record_id: int) -> None:
        """Go to ``area`` and have its page show one record (``page.method(record_id)``).

        The record first: showing the area then refreshes what the page already shows (the
        Evaluation page loaded the whole partnership first, then the initiative)."""
        getattr(self.page(area), method)(record_id)
        self.show_area(area)

    def show_area(self, title: str) -> None:
        self.sidebar.setCurrentRow([a.title for a in AREAS].index(title))

    def _show_area(self, row: int) -> None:
        if row < 0:
            return
        page = self._page_at(row)
        self.stack.setCurrentIndex(row)
        page.refresh()  # type: ignore[attr-defined]

    def _on_change(self, change: Change) -> None:
        if self.stack.currentIndex() in self._built:
            self.stack.currentWidget().on_change(change)  # type: ignore[attr-defined]

    # -- menus -----------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        # Ctrl+Shift+N: Ctrl+N belongs to the pages ("new meeting", "new person"...).
        self._action(file_menu, "&New database…", self._new_database,
                     QKeySequence("Ctrl+Shift+N"))
        self._action(
            file_menu, "&Open database…", self._open_database, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("&Recent databases")
        file_menu.addSeparator()
        self.backups = BackupActions(self)
        self.backups.add_to(file_menu)
        file_menu.addSeparator()
        self.change_password_action = self._action(
            file_menu, "&Change password…", self._change_password
        )
        self.lock_action = self._action(
            file_menu, "&Lock screen", lambda: self.screen_lock.lock(), QKeySequence("Ctrl+L")
        )
        self.users_action = self._action(file_menu, "&Users…", self._users)
        self.settings_action = self._action(file_menu, "&Settings…", self._settings)
        # The platform's Preferences key, and Ctrl+, where it has none (Windows, some Linux).
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        self.settings_action.setShortcuts(preferences + [comma] * (comma not in preferences))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        go_menu = self.menuBar().addMenu("&Go")
        for index, area in enumerate(AREAS):
            self._action(
                go_menu,
                area.title,
                lambda _=False, t=area.title: self.show_area(t),
                QKeySequence(area_shortcut(index)),
            )
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About Partnership Desk", self._about)

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _refresh_recent_menu(self, entries: list[str] | None = None) -> None:
        self.recent_menu.clear()
        for location in entries if entries is not None else recent_databases():
            action = self.recent_menu.addAction(location)
            action.triggered.connect(lambda _=False, loc=location: self.switch_to(loc))
            if location == self.workspace.db.location:
                action.setEnabled(False)
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def _new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New database", "partnership-desk.sqlite", DATABASE_FILTER
        )
        if path:
            self.switch_to(path)

    def _open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open database", "", DATABASE_FILTER)
        if path:
            self.switch_to(path)

    def about_text(self) -> str:
        return (
            f"<h3>{APP_TITLE} {__version__}</h3>"
            "<p>Case management for crime prevention partnerships.</p>"
            f"<p><b>Database:</b> {html.escape(self.workspace.db.location)}</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {PySide6.__version__} · SQLAlchemy {sqlalchemy.__version__} · "
            f"SQLite {sqlite3.sqlite_version}</p>"
        )

    def _change_password(self) -> None:
        if ChangePasswordDialog(self.workspace, self).exec():
            self.statusBar().showMessage("Password changed.", 5000)

    def _users(self) -> None:
        if has_accounts(self.workspace):
            UsersDialog.ask(self.workspace, self)
        elif FirstAdminDialog(self.workspace, self).exec():  # single-user mode ends here
            self._install(self.workspace)

    def _settings(self) -> None:
        SettingsDialog.ask(self.workspace, self)
        self.screen_lock.attach(self.workspace)  # a new lock time applies at once

    def _about(self) -> None:
        QMessageBox.about(self, f"About {APP_TITLE}", self.about_text())

    def closeEvent(self, event: object) -> None:  # noqa: N802
        if self._bridge is not None:
            self._bridge.detach()
        self.screen_lock.stop()
        self.backups.back_up_on_close()
        wait_for_background_work()
        self.workspace.close()
        super().closeEvent(event)  # type: ignore[arg-type]
