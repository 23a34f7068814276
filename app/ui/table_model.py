"""One table model for every list: columns declared over frozen row dataclasses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.ui.formatting import display

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
WARNING_COLOUR = QColor("#b3261e")


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    numeric: bool = False
    wide: bool = False  # takes the room left over in the view
    tooltip: Callable[[R], str] | None = None
    warning: Callable[[R], bool] | None = None  # shown in the warning colour when true


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows; replace them all with :meth:`set_rows` after a query."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    @property
    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.warning and column.warning(row):
            return WARNING_COLOUR
        if role == ROW_ROLE:
            return row
        return None

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None


class SortedRowTableModel(RowTableModel[R]):
    """Rows a view can sort by clicking a header: one typed key per column (numbers as
    numbers), "no data" (a None key) always last. Python sorts the rows once per click,
    instead of a proxy model calling back into Python for every comparison (~60,000 for
    5,000 rows); new rows keep the order chosen."""

    def __init__(self, columns: Sequence[Column[R]], keys: Sequence[Callable[[R], Any]],
                 parent: Any = None) -> None:
        super().__init__(columns, parent)
        if len(keys) != len(columns):
            raise ValueError("one sort key per column")
        self._keys = list(keys)
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        super().set_rows(self._sorted(rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._keys):
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows_before = [self._rows[i.row()] for i in before]
        self._rows = self._sorted(self._rows)
        where = {id(row): index for index, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[id(row)], i.column()) for row, i in
                     zip(rows_before, before, strict=True)])
        self.layoutChanged.emit()

    def _sorted(self, rows: Sequence[R]) -> list[R]:
        if self._order is None:
            return list(rows)
        column, order = self._order
        key = self._keys[column]
        keyed = [(key(row), row) for row in rows]
        present = [pair for pair in keyed if pair[0] is not None]
        present.sort(key=lambda pair: pair[0],
                     reverse=order == Qt.SortOrder.DescendingOrder)
        return [row for _k, row in present] + [row for k, row in keyed if k is None]
