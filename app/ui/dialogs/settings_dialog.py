"""File > Settings…: this database's agency name, screen-lock time, paper size; backups folder.

Saving goes through :func:`app.services.settings.save_preferences`, which checks the values
(errors appear beside their fields) and needs the edit permission (a viewer is told so).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from app.locations import backup_dir_for
from app.services.errors import ValidationError
from app.services.permissions import AccessDenied
from app.services.settings import (
    PAPER_SIZES,
    Preferences,
    load_preferences,
    save_preferences,
)
from app.services.workspace import Workspace
from app.ui.forms import FormDialog

SHARED_SERVER_BACKUPS = "Backups of a shared PostgreSQL server are made by its administrator."


class SettingsDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Settings", parent)
        self.workspace = workspace
        form = self.form
        self.agency_name = form.line("agency_name", "&Agency name", "Shown in report headers")
        self.lock_minutes = QSpinBox()
        # Wider than allowed on purpose: the service decides, and says why beside the field.
        self.lock_minutes.setRange(0, 999)
        self.lock_minutes.setSuffix(" minutes")
        self.lock_minutes.setToolTip("Lock the screen after this many minutes without use (1–30)")
        form.add(
            "screen_lock_minutes",
            "&Screen lock after",
            self.lock_minutes,
            self.lock_minutes.value,
            lambda v: self.lock_minutes.setValue(int(v)),
        )
        self.paper_size = form.choice(
            "paper_size", "&Paper size", [(size, size) for size in PAPER_SIZES]
        )
        self.paper_size.setToolTip("The paper printed reports such as the meeting packet use")
        self.backups_folder = self._backup_folder()
        self.backups_label = QLabel(
            str(self.backups_folder) if self.backups_folder else SHARED_SERVER_BACKUPS
        )
        self.backups_label.setObjectName("backupsFolder")
        self.backups_label.setWordWrap(True)
        self.backups_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton("&Open folder")
        self.open_folder.setObjectName("openBackupsFolder")
        self.open_folder.setEnabled(self.backups_folder is not None)
        self.open_folder.clicked.connect(self.open_backups_folder)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.backups_label, stretch=1)
        row_layout.addWidget(self.open_folder)
        form.layout_.addRow("Backups folder", row)
        self.reload_values()
        self.setMinimumWidth(480)

    def _backup_folder(self) -> Path | None:
        path = self.workspace.db.path
        return backup_dir_for(path) if path is not None else None

    def reload_values(self) -> None:
        prefs = load_preferences(self.workspace)
        self.form.set_values(
            {
                "agency_name": prefs.agency_name,
                "screen_lock_minutes": prefs.screen_lock_minutes,
                "paper_size": prefs.paper_size,
            }
        )

    def open_backups_folder(self) -> None:
        if self.backups_folder is None:
            return
        self.backups_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_folder)))

    def save(self) -> int | None:
        values = self.form.values()
        prefs = Preferences(
            agency_name=values["agency_name"],
            screen_lock_minutes=values["screen_lock_minutes"],
            paper_size=values["paper_size"],
        )
        try:
            save_preferences(self.workspace, prefs)
        except AccessDenied as denied:
            raise ValidationError.single("", denied.message) from None
        return 0  # settings have no record id; any int closes the dialog as saved

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> bool:
        """Show the dialog; True when the settings were saved."""
        return bool(cls(workspace, parent).exec())
