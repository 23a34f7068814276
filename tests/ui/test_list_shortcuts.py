"""Keys every list page shares: Escape in the search clears it, then goes back to the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.list_page import list_shortcuts


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
