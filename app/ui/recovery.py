"""A damaged database at open: offer the latest good backup; the damaged file is kept."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.models.backups import BackupError
from app.models.errors import DatabaseDamagedError
from app.services.backups import latest_good_backup, restore_backup
from app.ui.formatting import display

TITLE = "The database is damaged"


def someone_can_answer() -> bool:
    """False when Qt runs without a screen (tests, scripts): never wait on a dialog then."""
    return os.environ.get("QT_QPA_PLATFORM") != "offscreen"


def offer_latest_backup(parent: QWidget | None, path: Path, error: DatabaseDamagedError) -> bool:
    """Ask to restore the newest backup that verifies; True when it was put in place."""
    latest = latest_good_backup(path)
    if latest is None:
        QMessageBox.critical(parent, TITLE, f"{error.message}\n\nThere is no backup to restore.")
        return False
    answer = QMessageBox.question(
        parent,
        TITLE,
        f"{error.message}\n\nRestore the latest good backup, made {display(latest.created_at)} "
        f"({latest.size_bytes / 1_048_576:.1f} MB)? The damaged file is not deleted: it is "
        "moved into the backups folder, where it stays for a specialist to look at.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore_backup(path, latest.path)
    except BackupError as failure:
        QMessageBox.critical(parent, TITLE, f"The backup could not be restored: {failure}")
        return False
    return True
