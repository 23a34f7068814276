"""File-menu backup entries and the automatic backup schedule of the main window.

"Back up now" and automatic backups run off the GUI thread. The schedule is fed by the
workspace's change notifications; a timer asks it every :data:`TICK_MS` whether a backup
is due, and closing the window backs up when anything changed since the last backup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from app.locations import backup_dir_for
from app.models.backups import BackupError
from app.services.audit_log import record_restore
from app.services.backups import (
    SERVER_BACKUPS,
    BackupInfo,
    BackupScheduler,
    back_up_now,
    list_backups,
    restore_backup,
    verify_backup,
)
from app.services.changes import Change
from app.services.errors import ValidationError
from app.services.workspace import Workspace
from app.ui.dialogs.restore_dialog import RestoreDialog
from app.ui.progress import run_with_progress
from app.ui.workers import run_in_background, wait_for_background_work

log = logging.getLogger(__name__)
TICK_MS = 30_000
Clock = Callable[[], datetime]


class BackupHost(Protocol):
    """What the actions need from the main window."""

    workspace: Workspace

    def switch_to(self, location: str) -> bool: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class BackupActions(QObject):
    def __init__(self, window: QMainWindow, clock: Clock = utc_now) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self.scheduler = BackupScheduler()
        self._unsubscribe: Callable[[], None] | None = None
        self.running = False  # an automatic backup is under way
        self.back_up = QAction("&Back up now", self)
        self.back_up.triggered.connect(self.back_up_now)
        self.restore = QAction("&Restore from backup…", self)
        self.restore.triggered.connect(self.restore_from_backup)
        self.show_folder = QAction("Show &backups folder", self)
        self.show_folder.triggered.connect(self.show_backups_folder)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    @property
    def actions(self) -> list[QAction]:
        return [self.back_up, self.restore, self.show_folder]

    def add_to(self, menu: QMenu) -> None:
        menu.setToolTipsVisible(True)
        menu.addActions(self.actions)

    @property
    def _host(self) -> BackupHost:
        return self._window  # type: ignore[return-value]

    @property
    def _path(self) -> Path | None:
        return self._host.workspace.db.path

    # -- following the workspace --------------------------------------------------------
    def attach(self, workspace: Workspace) -> None:
        """Follow a newly opened workspace (called by the window on every switch)."""
        self.detach()
        sqlite = workspace.db.is_sqlite and workspace.db.path is not None
        for action in self.actions:
            action.setEnabled(sqlite)
            action.setToolTip("" if sqlite else SERVER_BACKUPS)
        if not sqlite or workspace.db.path is None:
            return
        backups = list_backups(workspace.db.path)
        self.scheduler = BackupScheduler(last_backup=backups[0].created_at if backups else None)
        self._unsubscribe = workspace.changes.subscribe(self._on_change)
        self.timer.start()

    def detach(self) -> None:
        self.timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_change(self, _change: Change) -> None:  # may run on a worker thread
        self.scheduler.note_change(self._clock())

    # -- automatic backups --------------------------------------------------------------
    def tick(self) -> None:
        now = self._clock()
        if self.running or not self.scheduler.due(now):
            return
        workspace, self.running = self._host.workspace, True
        run_in_background(self, lambda: back_up_now(workspace, "auto"),
                          lambda _info: self._auto_done(now), self._auto_failed)

    def _auto_done(self, started: datetime) -> None:
        self.running = False
        self.scheduler.done(started)

    def _auto_failed(self, error: BaseException) -> None:
        self.running = False
        log.warning("automatic backup failed: %s", error)
        self._window.statusBar().showMessage(f"Automatic backup failed: {error}", 15_000)

    def back_up_on_close(self) -> BackupInfo | None:
        """Back up (in the foreground) if anything changed since the last backup."""
        self.detach()
        wait_for_background_work()
        if self._path is None or not self.scheduler.pending:
            return None
        try:
            info = back_up_now(self._host.workspace, "close")
        except (BackupError, ValidationError, OSError) as error:
            log.warning("backup on close failed: %s", error)
            return None
        self.scheduler.done(info.created_at)
        return info

    # -- menu entries -------------------------------------------------------------------
    def back_up_now(self) -> BackupInfo | None:
        workspace, started = self._host.workspace, self._clock()
        try:
            info = run_with_progress(
                self._window,
                "Back up",
                f"Backing up {workspace.db.display_name}…",
                lambda _progress: back_up_now(workspace),
                cancellable=False,
            )
        except (BackupError, ValidationError, OSError) as error:
            QMessageBox.warning(self._window, "Backup failed", str(error))
            return None
        self.scheduler.done(started)
        QMessageBox.information(
            self._window, "Backup made", f"The backup was checked and saved as\n{info.path}"
        )
        return info

    def restore_from_backup(self) -> bool:
        path = self._path
        if path is None:
            return False
        dialog = RestoreDialog(list_backups(path), self._window)
        try:
            if dialog.exec() != RestoreDialog.DialogCode.Accepted:
                return False
            chosen = dialog.chosen()
        finally:
            dialog.deleteLater()
        if chosen is None:
            return False
        return self.restore_file(chosen.path)

    def restore_file(self, backup: Path) -> bool:
        """Close the workspace, put ``backup`` in place and open the same file again.

        The backup is checked before anything is closed. Once the database is closed the
        window never goes back to that closed workspace (it would work without the file's
        lock): it reopens the file, restored or not, or closes if it cannot.
        """
        path = self._path
        if path is None:
            return False
        try:
            verify_backup(backup)
        except BackupError as error:
            QMessageBox.warning(self._window, "Restore refused", str(error))
            return False
        self.detach()
        wait_for_background_work()
        self._host.workspace.close()
        try:
            result = restore_backup(path, backup)
        except BackupError as error:
            QMessageBox.warning(self._window, "Restore failed", str(error))
            self._reopen_or_close(path)
            return False
        if not self._reopen_or_close(path):
            return False
        kept = result.replaced_dir or path.parent
        # Recorded in the restored file; what came after the backup stays in the old one.
        record_restore(self._host.workspace, result.restored_from.name, str(kept))
        QMessageBox.information(
            self._window,
            "Backup restored",
            f"The data of {result.restored_from.name} is now in use.\n\n"
            f"The file it replaced is kept in\n{kept}",
        )
        return True

    def _reopen_or_close(self, path: Path) -> bool:
        if self._host.switch_to(str(path)):
            return True
        QMessageBox.information(
            self._window,
            "Partnership Desk",
            f"{path.name} was closed for the restore and could not be opened again here; "
            "Partnership Desk closes now. Start it again to open the database.",
        )
        self._window.close()
        return False

    def show_backups_folder(self) -> None:
        path = self._path
        if path is None:
            return
        folder = backup_dir_for(path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
