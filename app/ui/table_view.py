"""The read-only table view every list uses, sized from its model's column declarations."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.ui.table_model import RowTableModel, SortedRowTableModel


def row_table_view(model: RowTableModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for index, column in enumerate(model.columns):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column.wide
            else (QHeaderView.ResizeMode.ResizeToContents)
        )
        header.setSectionResizeMode(index, mode)
    return view


def sortable_table_view(model: SortedRowTableModel, name: str,  # type: ignore[type-arg]
                        parent: QWidget | None = None) -> QTableView:
    """The read-only view, sorted by clicking a header (the model sorts its own rows)."""
    view = row_table_view(model, name, parent)
    view.setSortingEnabled(True)
    return view


MAX_COLUMN_WIDTH = 260


FIT_SAMPLE_ROWS = 100


def fit_columns(view: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Size the columns to the rows loaded so far, once: after this the user may resize
    them, and reloading the list no longer measures every cell (wide columns keep
    stretching)."""
    header = view.horizontalHeader()
    # The rows on screen and a few more, not Qt's default 1,000 (each a call into the
    # Python model per column: 0.3 s for the Engagement tab's 5,000 organizations).
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    sized = [c for c in range(view.model().columnCount())
             if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch]
    for column in sized:  # measured once below, not again on every reload
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    for column in sized:
        view.resizeColumnToContents(column)
        view.setColumnWidth(column, max(80, min(view.columnWidth(column), max_width)))
