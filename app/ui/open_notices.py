"""Non-blocking notices about a database just opened: a crash recovered, a network share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.cli import open_notices
from app.models.database import Database


def show_open_notices(parent: QWidget, db: Database) -> QMessageBox | None:
    """Show what the user should know about ``db`` in a window that does not block work."""
    notices = open_notices(db)
    if not notices:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning if db.network_warning else QMessageBox.Icon.Information,
        "About this database",
        "\n\n".join(notices),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
