"""A month of meetings as a calendar grid: each day lists its meetings' times and titles.

Page Up / Page Down (or the arrows) change the month, Home returns to this month; double
click (or Enter on) a day opens its meeting, or offers a menu when it has several.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import MeetingStatus
from app.services.dates import add_months
from app.services.meeting_list import MeetingRow

WEEKS = 6
SHOWN_PER_DAY = 4
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
OTHER_MONTH = QColor("#9aa5b1")
TODAY_FILL = QColor("#e3efff")
LoadMonth = Callable[[date, date], list[MeetingRow]]  # first and last day shown


def grid_start(month: date) -> date:
    """The Monday on or before the first of ``month``: the grid's top-left day."""
    first = month.replace(day=1)
    return first - timedelta(days=first.weekday())


class MonthCalendar(QWidget):
    open_meeting = Signal(int)
    day_selected = Signal()
    new_meeting_on = Signal(object)  # a date: the user double-clicked an empty day

    def __init__(self, load: LoadMonth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self.month = date.today().replace(day=1)
        self._by_day: dict[date, list[MeetingRow]] = {}
        self.caption = QLabel()
        self.caption.setObjectName("monthCaption")
        self.grid = QTableWidget(WEEKS, 7)
        self.grid.setObjectName("monthGrid")
        self.grid.setHorizontalHeaderLabels(list(calendar.day_abbr))
        self.grid.verticalHeader().hide()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.currentCellChanged.connect(lambda *_: self.day_selected.emit())
        self.grid.cellDoubleClicked.connect(lambda row, column: self.open_day(row, column))
        previous = QPushButton("◀")
        previous.setToolTip("Previous month (Page Up)")
        previous.clicked.connect(lambda: self.show_month(add_months(self.month, -1)))
        following = QPushButton("▶")
        following.setToolTip("Next month (Page Down)")
        following.clicked.connect(lambda: self.show_month(add_months(self.month, 1)))
        today = QPushButton("&This month")
        today.clicked.connect(lambda: self.show_month(date.today()))
        top = QHBoxLayout()
        top.addWidget(previous)
        top.addWidget(self.caption)
        top.addWidget(following)
        top.addStretch(1)
        top.addWidget(today)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.grid, stretch=1)
        for key, step in ((Qt.Key.Key_PageUp, -1), (Qt.Key.Key_PageDown, 1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.show_month(add_months(self.month, s)))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.grid)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(
                lambda: self.open_day(self.grid.currentRow(), self.grid.currentColumn())
            )

    def show_month(self, day: date) -> None:
        self.month = day.replace(day=1)
        self.refresh()

    def refresh(self) -> None:
        first = grid_start(self.month)
        last = first + timedelta(days=WEEKS * 7 - 1)
        by_day: dict[date, list[MeetingRow]] = defaultdict(list)
        for row in self._load(first, last):
            by_day[row.starts_at.astimezone().date()].append(row)
        self._by_day = dict(by_day)
        self.caption.setText(f"<b>{self.month:%B %Y}</b>")
        today = date.today()
        for index in range(WEEKS * 7):
            day = first + timedelta(days=index)
            item = QTableWidgetItem(self._cell_text(day))
            item.setData(DAY_ROLE, day)
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            item.setToolTip(self._tooltip(day))
            if day.month != self.month.month:
                item.setForeground(QBrush(OTHER_MONTH))
            if day == today:
                item.setBackground(QBrush(TODAY_FILL))
            self.grid.setItem(index // 7, index % 7, item)

    def selected_meetings(self) -> list[MeetingRow]:
        item = self.grid.currentItem()
        return self.meetings_on(item.data(DAY_ROLE)) if item is not None else []

    def meetings_on(self, day: date) -> list[MeetingRow]:
        return self._by_day.get(day, [])

    def _cell_text(self, day: date) -> str:
        meetings = self.meetings_on(day)
        lines = [str(day.day)]
        for row in meetings[:SHOWN_PER_DAY]:
            mark = "✕ " if row.status is MeetingStatus.CANCELLED else ""
            lines.append(f"{mark}{row.starts_at.astimezone():%H:%M} {row.title}")
        if len(meetings) > SHOWN_PER_DAY:
            lines.append(f"+ {len(meetings) - SHOWN_PER_DAY} more")
        return "\n".join(lines)

    def _tooltip(self, day: date) -> str:
        return "\n".join(
            f"{r.starts_at.astimezone():%H:%M}–{r.ends_at.astimezone():%H:%M} {r.title}"
            f"{' (cancelled)' if r.status is MeetingStatus.CANCELLED else ''}"
            f"{' · ' + r.location if r.location else ''}"
            for r in self.meetings_on(day)
        )

    def open_day(self, row: int, column: int) -> None:
        item = self.grid.item(row, column)
        if item is None:
            return
        day: date = item.data(DAY_ROLE)
        meetings = self.meetings_on(day)
        if not meetings:
            self.new_meeting_on.emit(day)
        elif len(meetings) == 1:
            self.open_meeting.emit(meetings[0].id)
        else:
            menu = QMenu(self)
            for meeting in meetings:
                action = menu.addAction(f"{meeting.starts_at.astimezone():%H:%M} {meeting.title}")
                action.triggered.connect(lambda _=False, m=meeting.id: self.open_meeting.emit(m))
            rect = self.grid.visualItemRect(item)
            menu.popup(self.grid.viewport().mapToGlobal(rect.bottomLeft()))
