"""PySide6 6.12.0 on CPython 3.11 drops a reference to None whenever a Qt call returns an
empty value; after enough calls the interpreter aborts (none_dealloc). The pin in
pyproject.toml avoids that release; this test checks whichever PySide6 is installed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtPdf import QPdfBookmarkModel

CALLS = 10_000
UNSET_ROLE = Qt.ItemDataRole.UserRole + 7


class PlainTableModel(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
        return None


def test_empty_qt_return_values_leave_none_refcount_alone(qapp: object) -> None:
    standard = QStandardItemModel(2, 2)
    plain = PlainTableModel()
    bookmarks = QPdfBookmarkModel()  # QtPdf (the PDF preview) comes from the Addons wheel
    assert bookmarks.data(QModelIndex(), UNSET_ROLE) is None
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        QModelIndex().data()
        standard.index(0, 0).data(UNSET_ROLE)
        plain.headerData(0, Qt.Orientation.Horizontal, UNSET_ROLE)
        bookmarks.data(QModelIndex(), UNSET_ROLE)
    after = sys.getrefcount(None)
    # A corrupting build loses one reference per call (40,000); allow ordinary noise.
    assert after >= before - 100, f"None lost {before - after} references"
