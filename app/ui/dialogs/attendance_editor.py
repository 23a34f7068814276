"""Invitees of a meeting and their attendance: one click per row.

Each row has Present / Excused / Absent buttons (a second click on the lit one goes back
to "invited"); with a row selected, the keys P, E, A and I do the same. People are added
one by one, or a whole organization at once, through the people chooser.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.models import AttendanceStatus
from app.services.meetings import Invitee

MARKS = (
    (AttendanceStatus.PRESENT, "Present", Qt.Key.Key_P, "#1e7b34"),
    (AttendanceStatus.EXCUSED, "Excused", Qt.Key.Key_E, "#8a5a00"),
    (AttendanceStatus.ABSENT, "Absent", Qt.Key.Key_A, "#b3261e"),
)
NAME, ORGANIZATION, EMAIL, MARK = range(4)
ChoosePeople = Callable[[QWidget], list[Invitee]]


class MarkButtons(QWidget):
    """Three exclusive toggles where none lit means "invited"."""

    clicked = Signal(object)  # the new AttendanceStatus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 0, 2, 0)
        row.setSpacing(2)
        self.buttons: dict[AttendanceStatus, QToolButton] = {}
        for status, text, _key, colour in MARKS:
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(
                "QToolButton { padding: 1px 6px; } QToolButton:checked { background: "
                f"{colour}; color: white; border-radius: 3px; }}"
            )
            button.clicked.connect(lambda _=False, s=status: self._clicked(s))
            row.addWidget(button)
            self.buttons[status] = button

    def set_status(self, status: AttendanceStatus) -> None:
        for value, button in self.buttons.items():
            button.setChecked(value is status)

    def _clicked(self, status: AttendanceStatus) -> None:
        lit = self.buttons[status].isChecked()
        self.clicked.emit(status if lit else AttendanceStatus.INVITED)


class AttendanceEditor(QWidget):

    def __init__(self, choose_people: ChoosePeople, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choose_people = choose_people
        self._rows: list[tuple[Invitee, AttendanceStatus]] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("attendance")
        self.table.setHorizontalHeaderLabels(["Name", "Organization", "E-mail", "Attendance"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EMAIL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MARK, QHeaderView.ResizeMode.ResizeToContents)
        self.table.installEventFilter(self)
        self.summary = QLabel()
        self.summary.setObjectName("attendanceSummary")
        invite = QPushButton("&Invite people or organizations…")
        invite.clicked.connect(self.invite)
        remove = QPushButton("&Remove from list")
        remove.clicked.connect(self.remove_selected)
        everyone = QPushButton("Mark everyone &present")
        everyone.clicked.connect(lambda: self.mark_all(AttendanceStatus.PRESENT))
        buttons = QHBoxLayout()
        for button in (invite, remove, everyone):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        hint = QLabel("Select a row and press P, E or A to mark it; I puts it back to invited.")
        hint.setObjectName("hint")
        layout.addWidget(hint)

    # -- values ----------------------------------------------------------------------
    def attendance(self) -> tuple[tuple[int, AttendanceStatus], ...]:
        return tuple((invitee.person_id, status) for invitee, status in self._rows)

    def invitees(self) -> list[tuple[int, str]]:
        return [(invitee.person_id, invitee.name) for invitee, _ in self._rows]

    def set_rows(self, rows: list[tuple[Invitee, AttendanceStatus]]) -> None:
        self._rows = list(rows)
        self._redraw()

    # -- actions ---------------------------------------------------------------------
    def invite(self) -> None:
        known = {invitee.person_id for invitee, _ in self._rows}
        added = [p for p in self._choose_people(self) if p.person_id not in known]
        if added:
            self._rows.extend((p, AttendanceStatus.INVITED) for p in added)
            self._redraw()

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if rows:
            self._rows = [r for i, r in enumerate(self._rows) if i not in rows]
            self._redraw()

    def mark(self, row: int, status: AttendanceStatus) -> None:
        if 0 <= row < len(self._rows):
            self._rows[row] = (self._rows[row][0], status)
            buttons = self.table.cellWidget(row, MARK)
            if isinstance(buttons, MarkButtons):
                buttons.set_status(status)
            self._summarize()

    def mark_all(self, status: AttendanceStatus) -> None:
        for row in range(len(self._rows)):
            self.mark(row, status)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            keys = {key: status for status, _t, key, _c in MARKS}
            keys[Qt.Key.Key_I] = AttendanceStatus.INVITED
            status = keys.get(Qt.Key(event.key()))
            if status is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                for index in self.table.selectionModel().selectedRows():
                    self.mark(index.row(), status)
                return True
        return super().eventFilter(watched, event)

    # -- drawing ---------------------------------------------------------------------
    def _redraw(self) -> None:
        self.table.setRowCount(len(self._rows))
        for row, (invitee, status) in enumerate(self._rows):
            for column, text in ((NAME, invitee.name), (ORGANIZATION, invitee.organization),
                                 (EMAIL, invitee.email)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            buttons = MarkButtons()
            buttons.set_status(status)
            buttons.clicked.connect(lambda s, r=row: self.mark(r, s))
            self.table.setCellWidget(row, MARK, buttons)
        self._summarize()

    def _summarize(self) -> None:
        counts = {status: 0 for status in AttendanceStatus}
        for _, status in self._rows:
            counts[status] += 1
        parts = [f"{len(self._rows)} invited"]
        parts += [f"{counts[s]} {text.lower()}" for s, text, _k, _c in MARKS if counts[s]]
        self.summary.setText(" · ".join(parts))
