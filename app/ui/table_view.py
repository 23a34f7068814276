"""The read-only table view every list uses, sized from its model's column declarations."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.ui.table_model import RowTableModel


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
