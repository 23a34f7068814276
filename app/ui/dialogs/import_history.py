"""Import history: every contact import, newest first, and Undo import for each."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.contacts import ImportBatchRow, UndoResult, list_import_batches, undo_import
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.formatting import display
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

TITLE = "Import history"


def _undone(batch: ImportBatchRow) -> str:
    return f"{display(batch.undone_at)} by {batch.undone_by}" if batch.undone_at else ""


HISTORY_COLUMNS: list[Column[ImportBatchRow]] = [
    Column("Imported", lambda b: b.imported_at),
    Column("File", lambda b: b.source_name, wide=True, tooltip=lambda b: b.source_name),
    Column("Layout", lambda b: b.layout),
    Column("By", lambda b: b.imported_by),
    Column("Rows read", lambda b: b.rows_read, numeric=True),
    Column(
        "Rows added",
        lambda b: b.rows_added,
        numeric=True,
        tooltip=lambda b: "Rows of the file that were added (people, and organizations "
        "listed on their own)",
    ),
    Column(
        "Rows skipped",
        lambda b: b.rows_skipped,
        numeric=True,
        tooltip=lambda b: "Duplicates and rows with errors, left out",
    ),
    Column("Undone", _undone, warning=lambda b: not b.can_undo),
]


def undo_result_text(batch: ImportBatchRow, result: UndoResult) -> str:
    text = (
        f"Undid the import of {batch.source_name}: removed "
        f"{plural(result.people_removed, 'person', 'people')} and "
        f"{plural(result.organizations_removed, 'organization')}."
    )
    if result.organizations_kept:
        text += (
            f" Kept {', '.join(result.organizations_kept)}: other records use "
            f"{'it' if len(result.organizations_kept) == 1 else 'them'} now."
        )
    return text


class ImportHistoryDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undone: list[UndoResult] = []
        self.setWindowTitle(TITLE)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.model: RowTableModel[ImportBatchRow] = RowTableModel(HISTORY_COLUMNS, self)
        self.view = row_table_view(self.model, "importBatches")
        self.status = QLabel()
        self.status.setObjectName("undoStatus")
        self.status.setWordWrap(True)
        self.undo_button = QPushButton("&Undo import…")
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(lambda: self.undo_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, stretch=1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.view.doubleClicked.connect(lambda _: self.undo_current())
        self.resize(900, 420)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        batches = list_import_batches(self.workspace)
        self.model.set_rows(batches)
        self.summary.setText(
            f"{plural(len(batches), 'contact import')}, newest first. Undo removes exactly "
            "what an import added."
            if batches
            else "No contacts have been imported into this database yet."
        )
        ids = [b.id for b in batches]
        if batches:
            self.view.selectRow(ids.index(select_id) if select_id in ids else 0)
        self._enable()

    def current(self) -> ImportBatchRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        batch = self.current()
        self.undo_button.setEnabled(batch is not None and batch.can_undo)

    def undo_current(self) -> None:
        batch = self.current()
        if batch is None or not batch.can_undo:
            return
        answer = QMessageBox.question(
            self,
            "Undo import",
            f"Undo the import of {batch.source_name} from {display(batch.imported_at)}?\n\n"
            f"This removes the {plural(batch.rows_added, 'contact')} it added, with the "
            "organizations it created that nothing else uses. Records that were in the "
            "directory before are not touched.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        workspace, batch_id = self.workspace, batch.id

        def job(progress: Progress) -> UndoResult:
            return undo_import(workspace, batch_id)

        try:
            result = run_with_progress(
                self, "Undo import", f"Undoing {batch.source_name}…", job, cancellable=False
            )
        except Cancelled:
            return
        except REFUSALS as error:
            QMessageBox.warning(self, "Undo import", str(error))
            self.reload(batch_id)
            return
        self.undone.append(result)
        self.status.setText(undo_result_text(batch, result))
        self.reload(batch_id)

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> list[UndoResult]:
        """Show the history; what was undone while it was open."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.undone
