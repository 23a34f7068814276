"""Import history: one kind of import's batches, newest first, and Undo import for each.

One dialog serves every importer; an :class:`ImportHistory` says what differs (title,
the batches and their columns, the undo, what an undo removes and what it said). The
contact import's history is the default; crime statistics and survey responses pass
their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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
from app.services.permissions import Permission
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.formatting import display
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import fit_columns, row_table_view

UNDO_TITLE = "Undo import"
NOT_ALLOWED = "Undoing an import needs the permission to import."


def _undone(batch: ImportBatchRow) -> str:
    return f"{display(batch.undone_at)} by {batch.undone_by}" if batch.undone_at else ""


def history_columns(*counts: Column[Any], where: Sequence[Column[Any]] = ()
                    ) -> list[Column[Any]]:
    """Imported, File, Layout, ``where``, By, Rows read, ``counts``, Undone."""
    return [
        Column("Imported", lambda b: b.imported_at),
        Column("File", lambda b: b.source_name, wide=True, tooltip=lambda b: b.source_name),
        Column("Layout", lambda b: b.layout, tooltip=lambda b: b.layout),
        *where,
        Column("By", lambda b: b.imported_by),
        Column("Rows read", lambda b: b.rows_read, numeric=True),
        *counts,
        Column("Undone", _undone, warning=lambda b: not b.can_undo),
    ]


def rows_added_and_skipped(added: str, skipped: str) -> list[Column[Any]]:
    """The "Rows added" and "Rows skipped" columns, with what each counts as a tooltip."""
    return [
        Column("Rows added", lambda b: b.rows_added, numeric=True, tooltip=lambda b: added),
        Column("Rows skipped", lambda b: b.rows_skipped, numeric=True,
               tooltip=lambda b: skipped),
    ]


@dataclass(frozen=True)
class ImportHistory:
    """What one importer's history shows, and how it undoes a batch."""

    title: str
    table_name: str  # the table's object name
    columns: Sequence[Column[Any]]
    batches: Callable[[Workspace], Sequence[Any]]  # ImportBatchRow or a subclass, newest first
    undo: Callable[[Workspace, int], Any]  # raises a refusal, or returns what it removed
    summary: Callable[[Sequence[Any]], str]  # the line above the table
    removes: Callable[[Any], str]  # the batch: what Undo will remove, for the question
    undone: Callable[[Any, Any], str]  # the batch and the undo's result: what it removed
    permission: Permission = Permission.IMPORT
    size: tuple[int, int] = (900, 420)


def contact_undo_text(batch: ImportBatchRow, result: UndoResult) -> str:
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


CONTACT_HISTORY = ImportHistory(
    title="Import history",
    table_name="importBatches",
    columns=history_columns(*rows_added_and_skipped(
        "Rows of the file that were added (people, and organizations listed on their own)",
        "Duplicates and rows with errors, left out")),
    batches=list_import_batches,
    undo=undo_import,
    summary=lambda batches: (
        f"{plural(len(batches), 'contact import')}, newest first. Undo removes exactly "
        "what an import added." if batches
        else "No contacts have been imported into this database yet."),
    removes=lambda batch: (
        f"This removes the {plural(batch.rows_added, 'contact')} it added, with the "
        "organizations it created that nothing else uses. Records that were in the "
        "directory before are not touched."),
    undone=contact_undo_text,
)


class ImportHistoryDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 history: ImportHistory = CONTACT_HISTORY) -> None:
        super().__init__(parent)
        self.workspace, self.history = workspace, history
        self.undone: list[Any] = []  # the results of the undos made while open
        self.setWindowTitle(history.title)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.model: RowTableModel[Any] = RowTableModel(history.columns, self)
        self.view = row_table_view(self.model, history.table_name)
        self.status = QLabel()
        self.status.setObjectName("undoStatus")
        self.status.setWordWrap(True)
        self.undo_button = QPushButton("&Undo import…")
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(lambda: self.undo_current())
        if not workspace.may(history.permission):
            self.undo_button.setToolTip(NOT_ALLOWED)
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
        self.resize(*history.size)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        batches = self.history.batches(self.workspace)
        self.model.set_rows(batches)
        fit_columns(self.view)
        self.summary.setText(self.history.summary(batches))
        ids = [b.id for b in batches]
        if batches:
            self.view.selectRow(ids.index(select_id) if select_id in ids else 0)
        self._enable()

    def current(self) -> Any | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _may_undo(self, batch: Any | None) -> bool:
        return batch is not None and batch.can_undo and self.workspace.may(
            self.history.permission)

    def _enable(self) -> None:
        self.undo_button.setEnabled(self._may_undo(self.current()))

    def undo_current(self, confirmed: bool = False) -> Any | None:
        """Undo the selected import (asking first unless ``confirmed``); what it removed,
        or None when nothing was undone."""
        batch = self.current()
        if not self._may_undo(batch):
            return None
        if not confirmed and QMessageBox.question(
            self, UNDO_TITLE,
            f"Undo the import of {batch.source_name} from {display(batch.imported_at)}?\n\n"
            f"{self.history.removes(batch)}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        ) != QMessageBox.StandardButton.Yes:
            return None
        workspace, batch_id, undo = self.workspace, batch.id, self.history.undo

        def job(progress: Progress) -> Any:
            return undo(workspace, batch_id)

        try:
            result = run_with_progress(self, UNDO_TITLE, f"Undoing {batch.source_name}…", job,
                                       cancellable=False)
        except Cancelled:
            return None
        except REFUSALS as error:
            QMessageBox.warning(self, UNDO_TITLE, str(error))
            self.reload(batch_id)
            return None
        self.undone.append(result)
        self.status.setText(self.history.undone(batch, result))
        self.reload(batch_id)
        return result

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> list[Any]:
        """Show the history; what was undone while it was open."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.undone
