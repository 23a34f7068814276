"""Crime import history: every crime statistics import, newest first, and Undo for each."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.crime_import import (
    CrimeImportRow,
    CrimeUndoResult,
    list_crime_imports,
    undo_crime_import,
)
from app.services.workspace import Workspace
from app.ui.formatting import display
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import fit_columns, row_table_view

TITLE = "Crime import history"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _month(value: date | None) -> str:
    return f"{value:%b %Y}" if value is not None else ""


def _months(batch: CrimeImportRow) -> str:
    first, last = _month(batch.first_month), _month(batch.last_month)
    return first if first == last else f"{first} – {last}"


def _undone(batch: CrimeImportRow) -> str:
    return f"{display(batch.undone_at)} by {batch.undone_by}" if batch.undone_at else ""


HISTORY_COLUMNS: list[Column[CrimeImportRow]] = [
    Column("Imported", lambda b: b.imported_at),
    Column("File", lambda b: b.source_name, wide=True, tooltip=lambda b: b.source_name),
    Column("Layout", lambda b: b.layout, tooltip=lambda b: b.layout),
    Column("Months", lambda b: _months(b)),
    Column("By", lambda b: b.imported_by),
    Column("Rows read", lambda b: b.rows_read, numeric=True),
    Column("Counted", lambda b: b.rows_added, numeric=True,
           tooltip=lambda b: "Rows of the file that were counted"),
    Column("Skipped", lambda b: b.rows_skipped, numeric=True,
           tooltip=lambda b: "Rows without an area, a category or a readable date"),
    Column("Monthly counts", lambda b: b.counts, numeric=True),
    Column("Undone", _undone, warning=lambda b: not b.can_undo),
]


def undo_result_text(batch: CrimeImportRow, result: CrimeUndoResult) -> str:
    text = (
        f"Undid the import of {batch.source_name}: removed "
        f"{_plural(result.counts_removed, 'monthly count')}, "
        f"{_plural(result.areas_removed, 'area')} and "
        f"{_plural(result.categories_removed, 'offense category', 'offense categories')}."
    )
    if result.areas_kept:
        text += f" Kept {', '.join(result.areas_kept)}: other records use them now."
    return text


class CrimeImportHistoryDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undone: list[CrimeUndoResult] = []
        self.setWindowTitle(TITLE)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.model: RowTableModel[CrimeImportRow] = RowTableModel(HISTORY_COLUMNS, self)
        self.view = row_table_view(self.model, "crimeImports")
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
        self.resize(1100, 420)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        batches = list_crime_imports(self.workspace)
        self.model.set_rows(batches)
        fit_columns(self.view)
        self.summary.setText(
            f"{_plural(len(batches), 'crime import')}, newest first. Undo removes exactly the "
            "monthly counts an import added."
            if batches else "No crime statistics have been imported into this database yet.")
        ids = [b.id for b in batches]
        if batches:
            self.view.selectRow(ids.index(select_id) if select_id in ids else 0)
        self._enable()

    def current(self) -> CrimeImportRow | None:
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
            self, "Undo import",
            f"Undo the import of {batch.source_name} from {display(batch.imported_at)}?\n\n"
            f"This removes the {_plural(batch.counts, 'monthly count')} it added, with the "
            "areas and offense categories it created that nothing else uses.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        workspace, batch_id = self.workspace, batch.id

        def job(progress: Progress) -> CrimeUndoResult:
            return undo_crime_import(workspace, batch_id)

        try:
            result = run_with_progress(self, "Undo import", f"Undoing {batch.source_name}…",
                                       job, cancellable=False)
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
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> list[CrimeUndoResult]:
        """Show the history; what was undone while it was open."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.undone
