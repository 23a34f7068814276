"""Choose a backup to restore: date (local time), size and reason, then confirm."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.backup_policy import BackupInfo

REASONS = {
    "manual": "Back up now",
    "auto": "Automatic",
    "close": "On close",
    "before-restore": "Before a restore",
}


def describe_reason(reason: str) -> str:
    if reason in REASONS:
        return REASONS[reason]
    if reason.startswith("before-"):
        return "Before an upgrade"
    return reason


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.backups = backups
        self.table = QTableWidget(len(backups), 3)
        self.table.setHorizontalHeaderLabels(["Date", "Size", "Reason"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, info in enumerate(backups):
            when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            cells = (when, human_size(info.size_bytes), describe_reason(info.reason))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.chosen() is not None)
        )
        layout = QVBoxLayout(self)
        intro = "Newest first. Times are local." if backups else "There are no backups yet."
        layout.addWidget(QLabel(intro))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _confirm(self) -> None:
        info = self.chosen()
        if info is None:
            return
        when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Replace the current data with the backup from {when}?\n\n"
            "Changes made since then will no longer be shown. Nothing is deleted: the "
            'current file is backed up first and kept in a "replaced" folder in the '
            "backups folder.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()
