"""File > Settings…: this database's agency name, e-mail and logo, screen-lock time, paper
size; the backups folder.

Saving goes through :func:`app.services.settings.save_preferences`, which checks the values
(errors appear beside their fields) and needs the edit permission (a viewer is told so).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

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
LOGO_HEIGHT = 48


class LogoField(QWidget):
    """The agency logo: a preview, Choose… (a PNG or JPEG file) and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setMinimumHeight(LOGO_HEIGHT)
        choose = QPushButton("C&hoose…")
        choose.setObjectName("chooseLogo")
        choose.clicked.connect(self.choose)
        self.remove = QPushButton("&Remove")
        self.remove.setObjectName("removeLogo")
        self.remove.clicked.connect(lambda: self.set_data(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, stretch=1)
        layout.addWidget(choose)
        layout.addWidget(self.remove)
        self.set_data(None)

    def set_data(self, data: bytes | None) -> None:
        self.data = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaledToHeight(
                LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText("No logo: reports show the agency name only")
        self.remove.setEnabled(data is not None)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Agency logo", "",
                                              "Pictures (*.png *.jpg *.jpeg)")
        if not name:
            return
        try:
            self.set_data(Path(name).read_bytes())
        except OSError as error:
            QMessageBox.warning(self, "Agency logo", f"The picture could not be read: {error}")


class SettingsDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Settings", parent)
        self.workspace = workspace
        form = self.form
        self.agency_name = form.line("agency_name", "&Agency name", "Shown in report headers")
        self.agency_email = form.line("agency_email", "Agency &e-mail",
                                      "prevention@city.gov")
        self.agency_email.setToolTip("Calendar files name it as the meetings' organizer")
        self.logo = LogoField()
        form.add("logo", "&Logo", self.logo, lambda: self.logo.data, self.logo.set_data)
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
        self.setMinimumWidth(560)

    def _backup_folder(self) -> Path | None:
        path = self.workspace.db.path
        return backup_dir_for(path) if path is not None else None

    def reload_values(self) -> None:
        prefs = load_preferences(self.workspace)
        self.form.set_values(
            {
                "agency_name": prefs.agency_name,
                "agency_email": prefs.agency_email,
                "screen_lock_minutes": prefs.screen_lock_minutes,
                "paper_size": prefs.paper_size,
                "logo": prefs.logo,
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
            agency_email=values["agency_email"],
            screen_lock_minutes=values["screen_lock_minutes"],
            paper_size=values["paper_size"],
            logo=values["logo"],
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
