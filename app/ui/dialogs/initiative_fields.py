"""Fields and a list editor shared by the initiative editor's tabs: money typed as
1,234.50, optional numbers, and a list of entries edited one at a time in a dialog."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.errors import ValidationError
from app.services.initiative_goals import number_text
from app.services.money import format_money, parse_money
from app.ui.forms import Form
from app.ui.list_page import select_row
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

E = TypeVar("E")


def add_money(form: Form, name: str, label: str, placeholder: str = "") -> QLineEdit:
    """An amount in cents typed as "1,234.50"; empty is no amount (None), not 0."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder or "e.g. 12,500.00")
    edit.setMaximumWidth(200)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)

    def read() -> int | None:
        try:
            return parse_money(edit.text())
        except ValueError as error:
            raise ValidationError.single(name, str(error)) from None

    form.add(name, label, edit, read, lambda cents: edit.setText(format_money(cents)))
    return edit


def parse_number(text: str) -> float | None:
    """"1,234.5" -> 1234.5; empty -> None; ValueError when it is not a finite number."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def add_number(form: Form, name: str, label: str, placeholder: str = "",
               required: bool = False) -> QLineEdit:
    """A number that may be left empty (None) unless ``required``."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(200)

    def read() -> float | None:
        try:
            value = parse_number(edit.text())
        except ValueError:
            raise ValidationError.single(name, "Enter a number, e.g. 14 or 12.5.") from None
        if value is None and required:
            raise ValidationError.single(name, "Enter a number.")
        return value

    def write(value: float | None) -> None:
        edit.setText(number_text(value).replace(",", "") if value is not None else "")

    form.add(name, label, edit, read, write)
    return edit


class EntryList(QWidget, Generic[E]):
    """Frozen entries in a table: Add (Insert), Edit (Enter, double-click), Remove (Delete).

    ``ask(entry or None)`` opens the entry's dialog and returns the new entry, or None.
    """

    changed = Signal()

    def __init__(self, columns: Sequence[Column[E]], ask: Callable[[E | None], E | None],
                 name: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ask = ask
        self._editable = True
        self.model: RowTableModel[E] = RowTableModel(columns, self)
        self.view = row_table_view(self.model, name)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, slot, key in ((f"&Add {noun}…", self.add, Qt.Key.Key_Insert),
                                ("&Edit…", self.edit_current, None),
                                ("&Remove", self.remove_current, Qt.Key.Key_Delete)):
            button = QPushButton(text)
            button.setObjectName(f"{name}{text.strip('&.…').split()[0].replace('&', '')}")
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons.append(button)
            if key is not None:
                shortcut = QShortcut(QKeySequence(key), self.view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
                button.setToolTip(QKeySequence(key).toString(
                    QKeySequence.SequenceFormat.NativeText))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_current)
        row.addStretch(1)
        self.button_row = row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, stretch=1)
        layout.addLayout(row)

    def entries(self) -> tuple[E, ...]:
        return tuple(self.model.row_at(i) for i in range(self.model.rowCount()))

    def set_entries(self, entries: Sequence[E]) -> None:
        self.model.set_rows(list(entries))
        if entries:
            select_row(self.view, 0)
        self.changed.emit()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def current(self) -> E | None:
        row = self.current_row()
        return self.model.row_at(row) if row >= 0 else None

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons:
            button.setEnabled(editable)
        self._editable = editable

    def add(self) -> None:
        if not self._editable:
            return
        entry = self._ask(None)
        if entry is not None:
            self._replace(len(self.entries()), entry, insert=True)

    def edit_current(self) -> None:
        row = self.current_row()
        if row < 0 or not self._editable:
            return
        entry = self._ask(self.model.row_at(row))
        if entry is not None:
            self._replace(row, entry)

    def remove_current(self) -> None:
        row = self.current_row()
        if row >= 0 and self._editable:
            entries = list(self.entries())
            del entries[row]
            self.set_entries(entries)
            select_row(self.view, min(row, len(entries) - 1))

    def replace_current(self, entry: E) -> None:
        row = self.current_row()
        if row >= 0:
            self._replace(row, entry)

    def _replace(self, row: int, entry: E, insert: bool = False) -> None:
        entries = list(self.entries())
        if insert:
            entries.insert(row, entry)
        else:
            entries[row] = entry
        self.set_entries(entries)
        select_row(self.view, row)


def joined(values: Sequence[Any], label: Callable[[Any], str]) -> str:
    return ", ".join(label(v) for v in values)
