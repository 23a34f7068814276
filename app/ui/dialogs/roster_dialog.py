"""The roster of a training session: who is enrolled or waiting, and afterwards who
completed it (hours credited, completion date), did not show, or cancelled.

The marks are saved as a whole by Save, against the session's version. People added
with "Add people…" are enrolled at once (the service seats them or puts them on the
waiting list); marks not saved yet stay as they were.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.models import EnrollmentStatus
from app.services.permissions import Permission
from app.services.training_sessions import (
    SEAT_TAKERS,
    RosterEntry,
    RosterForm,
    RosterLine,
    enroll,
    max_hours,
    roster_form,
    save_roster,
)
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import hours_spin, hours_text
from app.ui.forms import FormDialog
from app.ui.refusals import REFUSALS

NAME, ORGANIZATION, STATUS, HOURS, COMPLETED_ON = range(5)
HEADERS = ("Name", "Organization", "Status", "Hours credited", "Completion date")


@dataclass
class RosterRow:
    """One person on the roster and the widgets that mark them."""

    entry: RosterEntry
    status: QComboBox
    hours: QDoubleSpinBox
    completed_on: QDateEdit

    def line(self) -> RosterLine:
        status = self.status.currentData()
        if status is not EnrollmentStatus.COMPLETED:
            return RosterLine(self.entry.person_id, status)
        return RosterLine(self.entry.person_id, status, self.hours.value(),
                          self.completed_on.date().toPython())


class RosterDialog(FormDialog):
    def __init__(self, workspace: Workspace, session_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__("Roster", parent)
        self.workspace = workspace
        self.session_id = session_id
        self.version = 0
        self.loaded: RosterForm | None = None
        self.rows: list[RosterRow] = []
        self.editable = workspace.may(Permission.EDIT)
        self.header = QLabel()
        self.header.setObjectName("rosterHeader")
        self.header.setWordWrap(True)
        self.seats = QLabel()
        self.seats.setObjectName("seats")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("roster")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        self.complete_all = QPushButton("&Mark all enrolled as completed")
        self.complete_all.clicked.connect(self.mark_all_completed)
        self.add_people = QPushButton("&Add people…")
        self.add_people.clicked.connect(self.add)
        self.remove = QPushButton("&Remove")
        self.remove.setToolTip("Take the selected people off the roster (when saved)")
        self.remove.clicked.connect(self.remove_selected)
        self.message = QLabel()
        self.message.setObjectName("message")
        for button in (self.complete_all, self.add_people, self.remove):
            button.setAutoDefault(False)
            button.setEnabled(self.editable)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.editable)
        self.form.attach("roster", self.table, self.lines, lambda _: None)
        self.form.layout_.setContentsMargins(0, 0, 0, 0)
        self._lay_out()
        self.reload()
        self.resize(860, 560)

    def _lay_out(self) -> None:
        while self.body.count() > 1:  # the form and its stretch make way for the roster
            self.body.takeAt(0)
        tools = QHBoxLayout()
        for button in (self.complete_all, self.add_people, self.remove):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.message)
        top = QHBoxLayout()
        top.addWidget(self.header, stretch=1)
        top.addWidget(self.seats)
        for index, item in enumerate((top, self.table, tools, self.form)):
            if isinstance(item, QHBoxLayout):
                self.body.insertLayout(index, item)
            else:
                self.body.insertWidget(index, item, stretch=int(item is self.table))

    # -- loading -----------------------------------------------------------------------
    def reload(self, keep: dict[int, RosterLine] | None = None,
               removed: frozenset[int] = frozenset()) -> None:
        """Show the stored roster; ``keep`` holds marks not saved yet, by person."""
        loaded = roster_form(self.workspace, self.session_id)
        self.loaded, self.version = loaded, loaded.version
        data = loaded.data
        self.setWindowTitle(f"Roster: {loaded.course}")
        days = f"{data.days} day" if data.days == 1 else f"{data.days} days"
        where = f" · {data.location}" if data.location else ""
        self.header.setText(
            f"<b>{html.escape(loaded.course)}</b><br>{data.day:%a %d %b %Y}, "
            f"{data.start:%H:%M} · {days} · {hours_text(data.hours)} hours{html.escape(where)}"
        )
        keep = keep or {}
        self.rows = []
        self.table.setRowCount(0)
        for entry in loaded.entries:
            if entry.person_id in removed:
                continue
            line = keep.get(entry.person_id, entry.line)
            self._add_row(entry, line)
        self._count_seats()

    def _add_row(self, entry: RosterEntry, line: RosterLine) -> None:
        assert self.loaded is not None
        data = self.loaded.data
        status = QComboBox()
        for value, text in ((s, s.label) for s in EnrollmentStatus):
            status.addItem(text, value)
        status.setCurrentIndex(max(status.findData(line.status), 0))
        hours = hours_spin(0.0, max_hours(data.days))
        hours.setValue(data.hours if line.hours_credited is None else line.hours_credited)
        completed_on = QDateEdit()
        completed_on.setCalendarPopup(True)
        completed_on.setDisplayFormat("ddd d MMM yyyy")
        completed_on.setDate(QDate(line.completed_on or min(data.last_day, date.today())))
        row = RosterRow(entry, status, hours, completed_on)
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, text in ((NAME, entry.name), (ORGANIZATION, entry.organization)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(index, column, item)
        self.table.setCellWidget(index, STATUS, status)
        self.table.setCellWidget(index, HOURS, hours)
        self.table.setCellWidget(index, COMPLETED_ON, completed_on)
        self.rows.append(row)
        status.currentIndexChanged.connect(lambda _, r=row: self._status_changed(r))
        status.setEnabled(self.editable)
        self._status_changed(row)

    def _status_changed(self, row: RosterRow) -> None:
        completed = row.status.currentData() is EnrollmentStatus.COMPLETED
        row.hours.setEnabled(completed and self.editable)
        row.completed_on.setEnabled(completed and self.editable)
        self._count_seats()

    def _count_seats(self) -> None:
        """"12 of 20 seats taken, 3 waiting", as marked (not yet saved)."""
        if self.loaded is None:
            return
        statuses = [r.status.currentData() for r in self.rows]
        taken = sum(s in SEAT_TAKERS for s in statuses)
        waiting = sum(s is EnrollmentStatus.WAITLISTED for s in statuses)
        capacity = self.loaded.data.capacity
        text = f"{taken} seats taken (no limit)" if capacity is None else (
            f"{taken} of {capacity} seats taken")
        self.seats.setText(text + (f", {waiting} waiting" if waiting else ""))

    # -- editing -----------------------------------------------------------------------
    def lines(self) -> list[RosterLine]:
        return [row.line() for row in self.rows]

    def mark_all_completed(self) -> None:
        for row in self.rows:
            if row.status.currentData() is EnrollmentStatus.ENROLLED:
                row.status.setCurrentIndex(row.status.findData(EnrollmentStatus.COMPLETED))

    def remove_selected(self) -> None:
        chosen = sorted({i.row() for i in self.table.selectionModel().selectedRows()},
                        reverse=True)
        for index in chosen:
            self.table.removeRow(index)
            del self.rows[index]
        self._count_seats()

    def choose_people(self) -> list[int]:
        """The people to add, chosen in the people chooser (tests replace this)."""
        from app.ui.person_picker import PeopleChooserDialog

        return PeopleChooserDialog.ask(self.workspace, self, "Enroll people")

    def add(self) -> None:
        """Enroll the people chosen at once; marks not saved yet stay."""
        ids = self.choose_people()
        if not ids:
            return
        assert self.loaded is not None
        shown = {row.entry.person_id: row.line() for row in self.rows}
        removed = frozenset(e.person_id for e in self.loaded.entries) - set(shown)
        before = self.version
        try:
            result = enroll(self.workspace, self.session_id, ids)
        except REFUSALS as error:
            self.form.show_errors({"": str(error)})
            return
        self.form.clear_errors()
        self.reload(shown, removed - set(ids))
        message = result.describe()
        if self.version != before + 1:  # someone else saved the roster meanwhile
            self.reload()
            message += " Someone else changed this roster meanwhile: it is shown as saved."
        self.message.setText(message)

    def save(self) -> int | None:
        save_roster(self.workspace, self.session_id, self.lines(), self.version)
        return self.session_id

    @classmethod
    def ask(cls, workspace: Workspace, session_id: int,  # type: ignore[override]
            parent: QWidget | None = None) -> int | None:
        """Show the roster; the session's id when saved, None if closed without saving."""
        dialog = cls(workspace, session_id, parent)
        return dialog.saved_id if dialog.exec() else None
