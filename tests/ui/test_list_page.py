"""What every list page shares: Escape in the search, and reloading without losing the
row the user was on."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.services.pages import Page
from app.ui.list_page import list_shortcuts, reload_list, reselect
from app.ui.paged_model import PagedTableModel
from app.ui.table_model import Column


def test_escape_clears_the_search_then_returns_to_the_list(qtbot: QtBot) -> None:
    page = QWidget()
    search, view = QLineEdit(), QTableView()
    layout = QVBoxLayout(page)
    layout.addWidget(search)
    layout.addWidget(view)
    opened: list[bool] = []
    list_shortcuts(page, view, search, lambda: opened.append(True))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    search.setFocus()
    search.setText("Núñez")
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert view.hasFocus()


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def test_reload_fits_once_rows_exist_and_keeps_the_row_chosen(qtbot: QtBot) -> None:
    rows: list[Row] = []
    model: PagedTableModel[Row] = PagedTableModel(
        [Column("Name", lambda r: r.name)], ["name"],
        lambda sort, descending, offset, limit: Page(rows[offset:offset + limit], offset,
                                                     len(rows)))
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    fitted: list[int] = []
    reload_list(model, lambda: fitted.append(model.rowCount()))
    assert fitted == []  # an empty first load is not measured
    rows.extend(Row(i, f"Row {i}") for i in range(1, 6))
    reload_list(model, lambda: fitted.append(model.rowCount()))
    assert fitted == [5]  # measured once, on the first rows
    reselect(view, model, 4)
    assert model.row_at(view.currentIndex().row()).id == 4
    rows.pop(3)  # row 4 is gone: the first row is chosen
    reload_list(model, lambda: fitted.append(model.rowCount()))
    reselect(view, model, 4)
    assert view.currentIndex().row() == 0 and fitted == [5]
