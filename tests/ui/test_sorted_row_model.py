"""Rows sorted by a header click: typed keys, "no data" last either way, order kept."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.table_model import Column, SortedRowTableModel
from app.ui.table_view import sortable_table_view


@dataclass(frozen=True)
class Row:
    name: str
    score: int | None


COLUMNS = [Column("Name", lambda r: r.name), Column("Score", lambda r: r.score, numeric=True)]
KEYS = [lambda r: r.name.casefold(), lambda r: r.score]
ROWS = [Row("b", 9), Row("A", None), Row("c", 10), Row("d", 2)]


def names(model: SortedRowTableModel) -> list[str]:  # type: ignore[type-arg]
    return [model.row_at(r).name for r in range(model.rowCount())]


def test_header_clicks_sort_by_typed_keys_with_no_data_last(qtbot: QtBot,
                                                            qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model: SortedRowTableModel[Row] = SortedRowTableModel(COLUMNS, KEYS)
    view = sortable_table_view(model, "rows")
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["c", "b", "d", "A"]  # 10 > 9 > 2 (not "9" > "2" > "10")
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["d", "b", "c", "A"]  # no data last both ways
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["A", "b", "c", "d"]
    model.set_rows([Row("z", 1), Row("e", 5)])  # new rows keep the order chosen
    assert names(model) == ["e", "z"]
    qtmodeltester.check(model)


def test_a_selected_row_stays_selected_through_a_sort(qtbot: QtBot) -> None:
    model: SortedRowTableModel[Row] = SortedRowTableModel(COLUMNS, KEYS)
    view = sortable_table_view(model, "rows")
    qtbot.addWidget(view)
    model.set_rows(ROWS)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.selectRow(names(model).index("c"))
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["d", "c", "b", "A"]
    selected = view.selectionModel().selectedRows()
    assert [model.row_at(i.row()).name for i in selected] == ["c"]
