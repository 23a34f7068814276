"""Duplicates in the directory: the warning on save, the list of pairs, and merging."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.duplicates import DuplicateMatch, DuplicatePair, find_duplicate_pairs
from app.services.workspace import Workspace
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

PAIR_COLUMNS: list[Column[DuplicatePair]] = [
    Column("First", lambda p: p.first_name, wide=True),
    Column("Second", lambda p: p.second_name, wide=True),
    Column("Why they look alike", lambda p: p.reason, wide=True),
]
Merge = Callable[[int, int], object]  # (keep id, drop id)


class SaveChoice:
    SAVE = "save"
    OPEN = "open"
    BACK = "back"


def warn_about_duplicates(
    parent: QWidget, noun: str, matches: list[DuplicateMatch]
) -> tuple[str, DuplicateMatch | None]:
    """Ask what to do when a record being saved looks like existing ones."""
    if not matches:
        return SaveChoice.SAVE, None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"Possible duplicate {noun}")
    lines = "".join(
        f"<li><b>{escape(m.name)}</b>{' (archived)' if m.archived else ''}: {escape(m.reason)}</li>"
        for m in matches[:5]
    )
    box.setText(f"This {noun} may already be in the directory:<ul>{lines}</ul>")
    save = box.addButton("Save anyway", QMessageBox.ButtonRole.AcceptRole)
    open_existing = box.addButton(
        f"Open {escape(matches[0].name)}", QMessageBox.ButtonRole.ActionRole
    )
    box.addButton("Back to editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_existing)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SaveChoice.SAVE, None
    if clicked is open_existing:
        return SaveChoice.OPEN, matches[0]
    return SaveChoice.BACK, None


def choose_record_to_keep(
    parent: QWidget, noun: str, first: tuple[int, str], second: tuple[int, str]
) -> tuple[int, int] | None:
    """(keep, drop) as the user chooses, or None."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"Merge {noun} records")
    box.setText(
        f"Merge <b>{escape(first[1])}</b> and <b>{escape(second[1])}</b> into one {noun}?<br>"
        "Every link of both (organizations, meetings, trainings, action items…) is kept. "
        "The record you keep keeps its details; empty ones are filled from the other. "
        "The merge is recorded in the audit log."
    )
    keep_first = box.addButton(f"Keep {first[1]}", QMessageBox.ButtonRole.AcceptRole)
    keep_second = box.addButton(f"Keep {second[1]}", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is keep_first:
        return first[0], second[0]
    if box.clickedButton() is keep_second:
        return second[0], first[0]
    return None


def merge_with_feedback(parent: QWidget, merge: Merge, keep: int, drop: int) -> bool:
    try:
        merge(keep, drop)
    except REFUSALS as error:
        QMessageBox.warning(parent, "Merge", str(error))
        return False
    return True


class FindDuplicatesDialog(QDialog):
    """Candidate pairs across the directory; merge them one by one."""

    def __init__(
        self,
        workspace: Workspace,
        kind: str,
        noun: str,
        merge: Merge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Find duplicate {kind}")
        self.workspace, self.kind, self.noun, self._merge = workspace, kind, noun, merge
        self.model: RowTableModel[DuplicatePair] = RowTableModel(PAIR_COLUMNS, self)
        self.view = row_table_view(self.model, "pairs")
        self.view.doubleClicked.connect(lambda _: self.merge_current())
        self.summary = QLabel()
        merge_button = QPushButton("&Merge…")
        merge_button.clicked.connect(self.merge_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(860, 520)
        self.reload()

    def reload(self) -> None:
        pairs = find_duplicate_pairs(self.workspace, self.kind)  # type: ignore[arg-type]
        self.model.set_rows(pairs)
        self.summary.setText(
            f"{len(pairs)} possible duplicate pairs, strongest first."
            if pairs
            else f"No likely duplicate {self.kind} found."
        )
        if pairs:
            self.view.selectRow(0)

    def merge_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        pair = self.model.row_at(index.row())
        choice = choose_record_to_keep(
            self, self.noun, (pair.first_id, pair.first_name), (pair.second_id, pair.second_name)
        )
        if choice is not None and merge_with_feedback(self, self._merge, *choice):
            self.reload()
