"""A table model over a SQL query that loads its rows a page at a time.

The query runs in the service (search, filters and sorting in SQL); the model asks for
the first page, and for more as the view scrolls (``canFetchMore``/``fetchMore``), so a
100,000-row list shows its first rows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.services.pages import Page
from app.ui.table_model import Column, RowTableModel

R = TypeVar("R")
PAGE_SIZE = 200
Fetch = Callable[[str, bool, int, int], Page[R]]  # sort key, descending, offset, limit
AnyIndex = QModelIndex | QPersistentModelIndex


class PagedTableModel(RowTableModel[R], Generic[R]):
    """Rows from ``fetch(sort, descending, offset, limit)``; columns name their sort key."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        sort_keys: Sequence[str | None],
        fetch: Fetch[R],
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._sort_keys = list(sort_keys)
        self._fetch = fetch
        self._sort = next(k for k in self._sort_keys if k)
        self._descending = False
        self._loaded = False  # nothing is queried until the page is first shown
        self.total = 0

    def reload(self) -> None:
        self._loaded = True
        page = self._fetch(self._sort, self._descending, 0, PAGE_SIZE)
        self.total = page.total
        self.set_rows(page.rows)

    def set_fetch(self, fetch: Fetch[R]) -> None:
        self._fetch = fetch
        self.reload()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        page = self._fetch(self._sort, self._descending, len(self._rows), PAGE_SIZE)
        rows = list(page.rows)
        if not rows:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        try:
            self._rows.extend(rows)
        finally:
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.set_order(column, order) and self._loaded:
            self.reload()

    def set_order(self, column: int, order: Qt.SortOrder) -> bool:
        """Sort by ``column`` from the next load on (False: the column does not sort)."""
        if not 0 <= column < len(self._sort_keys) or not self._sort_keys[column]:
            return False
        self._sort = self._sort_keys[column] or self._sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        return True

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self._sort_keys) and bool(self._sort_keys[column])

    def row_index(self, record_id: int) -> int | None:
        """Where the row of this id is among the loaded rows."""
        for index, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return index
        return None
