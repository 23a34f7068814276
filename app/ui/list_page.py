"""What every list page does the same way: toolbar actions with shortcuts, Enter to open
the current row, Ctrl+F to search, and selecting a row or a record by id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QToolBar, QWidget

from app.ui.paged_model import PagedTableModel

Shortcut = QKeySequence | QKeySequence.StandardKey


def toolbar_action(page: QWidget, toolbar: QToolBar, text: str, slot: Callable[[], object],
                   shortcut: Shortcut | None = None) -> QAction:
    """An action on the page's toolbar; its shortcut works anywhere on the page and is
    named in the tooltip."""
    action = QAction(text, page)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
    action.triggered.connect(lambda _=False: slot())
    toolbar.addAction(action)
    page.addAction(action)
    return action


def list_shortcuts(page: QWidget, view: QTableView, search: QLineEdit,
                   open_current: Callable[[], object]) -> None:
    """Enter (or Return) in the list opens the current row; Ctrl+F goes to the search;
    Escape in the search clears it (or, when empty, goes back to the list)."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(open_current)
    find = QShortcut(QKeySequence.StandardKey.Find, page)
    find.activated.connect(lambda: (search.setFocus(), search.selectAll()))
    escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), search)
    escape.setContext(Qt.ShortcutContext.WidgetShortcut)
    escape.activated.connect(lambda: search.clear() if search.text() else view.setFocus())


def reload_list(model: PagedTableModel, fit: Callable[[], object]) -> None:  # type: ignore[type-arg]
    """Reload the list; after the first load that has rows, size its columns (``fit``)."""
    first_load = not model.rowCount()
    model.reload()
    if first_load and model.rowCount():
        fit()


def reselect(view: QTableView, model: PagedTableModel, record_id: int | None) -> bool:  # type: ignore[type-arg]
    """After a reload, select the row of ``record_id`` again (the first row when it is
    gone or was never chosen); a reload clears the current row. False when the list is
    empty: nothing was selected, so no selection change will show a detail."""
    if not model.rowCount():
        return False
    row = model.row_index(record_id) if record_id is not None else None
    select_row(view, row if row is not None else 0)
    return True


def select_row(view: QTableView, row: int) -> None:
    model = view.model()
    if 0 <= row < model.rowCount():
        view.selectionModel().setCurrentIndex(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )


def select_id(view: QTableView, model: PagedTableModel, record_id: int) -> None:  # type: ignore[type-arg]
    """Select the loaded row of this record, if it is loaded."""
    row = model.row_index(record_id)
    if row is not None:
        select_row(view, row)


def heading_row(title: str, count: QLabel) -> QHBoxLayout:
    """The page's heading on the left, its count ("1,234 meetings") on the right."""
    heading = QLabel(title)
    heading.setObjectName("pageHeading")
    row = QHBoxLayout()
    row.addWidget(heading)
    row.addStretch(1)
    row.addWidget(count)
    return row
