"""The Meetings page: upcoming and past meetings as a list or a month calendar.

Toolbar: New (Ctrl+N), Open (Enter), Repeat…, Add next in series, the printed documents
(packet Ctrl+P, sign-in sheet, minutes), calendar files, e-mail to the invitees, Delete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.models import MeetingStatus
from app.services.changes import EVERYTHING, Change
from app.services.initiatives import initiative_choices
from app.services.meeting_list import (
    MeetingQuery,
    MeetingRow,
    When,
    list_meetings,
    meetings_between,
)
from app.services.meetings import delete_meeting
from app.services.organizations import organization_choices
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.meeting_dialog import MeetingDialog
from app.ui.formatting import enum_label
from app.ui.list_page import (
    Shortcut,
    heading_row,
    list_shortcuts,
    reload_list,
    reselect,
    select_id,
    select_row,
    toolbar_action,
)
from app.ui.paged_model import PagedTableModel
from app.ui.pages import meeting_documents as documents
from app.ui.pages.month_calendar import MonthCalendar
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view

COLUMNS: list[Column[MeetingRow]] = [
    Column("When", lambda m: m.starts_at),
    Column("Title", lambda m: m.title, wide=True),
    Column("Location", lambda m: m.location),
    Column("Initiative", lambda m: m.initiative),
    Column("Status", lambda m: m.status, warning=lambda m: m.status is MeetingStatus.CANCELLED),
    Column("Attendance", lambda m: m.attendance, numeric=True,
           tooltip=lambda m: f"{m.attendance_rate:.0%} of the invited came"
           if m.attendance_rate is not None else ""),
]
SORT_KEYS: list[str | None] = ["when", "title", "location", "initiative", "status", None]
WATCHED = frozenset({"meetings", "attendance", "agenda_items", "meeting_series", "people",
                     "initiatives"})


class MeetingsPage(QWidget):
    title = "Meetings"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search titles and locations…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.when = self._combo("whenFilter", [(w.label, w) for w in When])
        self.status = self._combo("statusFilter", [("Any status", None)]
                                  + [(enum_label(s), s) for s in MeetingStatus])
        self.initiative = self._combo("initiativeFilter", [("All initiatives", None)])
        self.organization = self._combo("organizationFilter", [("All organizations", None)])
        self.count = QLabel()
        self.count.setObjectName("count")
        self.model: PagedTableModel[MeetingRow] = PagedTableModel(
            COLUMNS, SORT_KEYS, self._fetch, self
        )
        self.view = row_table_view(self.model, "list")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _: self.open_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.calendar = MonthCalendar(self._month_rows)
        self.calendar.open_meeting.connect(self.open_meeting)
        self.calendar.new_meeting_on.connect(self.new_meeting)
        self.calendar.day_selected.connect(self._enable)
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.addTab(self.view, "&List")
        self.views.addTab(self.calendar, "Mont&h")
        self.views.currentChanged.connect(lambda _: self.refresh())
        self.toolbar = QToolBar()
        self._reload = QTimer(self, singleShot=True, interval=150)
        self._reload.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._reload.start())
        self._build_actions()
        self._build_layout()
        self._choices_loaded = False

    def _combo(self, name: str, options: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, value in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _: self._filter_changed(combo))
        return combo

    def _build_layout(self) -> None:
        top = heading_row(self.title, self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=1)
        for combo in (self.when, self.status, self.initiative, self.organization):
            filters.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.views, stretch=1)

    def _build_actions(self) -> None:
        add = self.action
        self.new_action = add("&New meeting", lambda: self.new_meeting(None),
                              QKeySequence.StandardKey.New)
        self.open_action = add("&Open", self.open_current)
        self.repeat_action = add("&Repeat…", self.repeat_current)
        self.next_action = add("Add ne&xt in series", self.add_next)
        self.toolbar.addSeparator()
        self.packet_action = add("&Packet…", lambda: self._document(documents.PACKET),
                                 QKeySequence.StandardKey.Print)
        self.sign_in_action = add("&Sign-in sheet…", lambda: self._document(documents.SIGN_IN))
        self.minutes_action = add("&Minutes…", lambda: self._document(documents.MINUTES))
        self.toolbar.addSeparator()
        self.calendar_action = add("Add to &calendar (.ics)…", self.export_calendar)
        self.upcoming_action = add("All &upcoming (.ics)…", self.export_upcoming)
        self.mail_action = add("&E-mail invitees", self.email_invitees, QKeySequence("Ctrl+E"))
        self.toolbar.addSeparator()
        self.delete_action = add("&Delete…", self.delete_current)
        list_shortcuts(self, self.view, self.search, self.open_current)

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    # -- loading -----------------------------------------------------------------------
    def query(self) -> MeetingQuery:
        return MeetingQuery(
            search=self.search.text(),
            when=self.when.currentData(),
            status=self.status.currentData(),
            initiative_id=self.initiative.currentData(),
            organization_id=self.organization.currentData(),
        )

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[MeetingRow]:
        return list_meetings(self.workspace, self.query(), offset, limit, sort, descending)

    def _month_rows(self, first: date, last: date) -> list[MeetingRow]:
        return meetings_between(self.workspace, first, last, replace(self.query(), when=When.ALL))

    def _load_choices(self) -> None:
        self._choices_loaded = True
        for combo, choices in ((self.initiative, initiative_choices(self.workspace)),
                               (self.organization, organization_choices(self.workspace))):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in choices:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _filter_changed(self, combo: QComboBox) -> None:
        if combo is self.when:  # upcoming reads forward in time, the past backward
            descending = self.when.currentData() is When.PAST
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header = self.view.horizontalHeader()
            header.blockSignals(True)  # one load below, not one more for the indicator
            header.setSortIndicator(0, order)
            header.blockSignals(False)
            self.model.set_order(0, order)
        self.refresh()

    def refresh(self) -> None:
        if not self._choices_loaded:
            self._load_choices()
        in_month = self.views.currentWidget() is self.calendar
        self.when.setVisible(not in_month)  # the month shows its own dates
        if in_month:
            self.calendar.refresh()
            self.count.setText(f"{self.calendar.month:%B %Y}")
            self._enable()
            return
        keep = self.current_id()
        reload_list(self.model, lambda: fit_columns(self.view))
        self.count.setText(plural(self.model.total, "meeting"))
        reselect(self.view, self.model, keep)
        self._enable()

    def on_change(self, change: Change) -> None:
        if change.kind in ("initiatives", "organizations", EVERYTHING):
            self._choices_loaded = False
        if change.kind == EVERYTHING or change.kind in WATCHED:
            self.refresh()

    # -- selection ---------------------------------------------------------------------
    def current_row(self) -> MeetingRow | None:
        """The selected meeting: the list's current row, or the one meeting of the day
        selected in the month."""
        if self.views.currentWidget() is self.calendar:
            meetings = self.calendar.selected_meetings()
            return meetings[0] if len(meetings) == 1 else None
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def select_row(self, row: int) -> None:
        select_row(self.view, row)

    def select_id(self, meeting_id: int) -> None:
        select_id(self.view, self.model, meeting_id)

    def _enable(self) -> None:
        row = self.current_row()
        edit = self.workspace.may(Permission.EDIT)
        export = self.workspace.may(Permission.EXPORT)
        self.new_action.setEnabled(edit)
        self.open_action.setEnabled(row is not None)
        self.repeat_action.setEnabled(edit and row is not None and not row.in_series)
        self.next_action.setEnabled(edit and row is not None and row.in_series)
        for action in (self.packet_action, self.sign_in_action, self.minutes_action,
                       self.calendar_action):
            action.setEnabled(export and row is not None)
        self.upcoming_action.setEnabled(export)
        self.mail_action.setEnabled(row is not None)
        self.delete_action.setEnabled(
            row is not None and self.workspace.may(Permission.DELETE_PERMANENTLY)
        )

    # -- actions -----------------------------------------------------------------------
    def new_meeting(self, day: date | None) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        saved = MeetingDialog.ask(self.workspace, None, self, day)
        if saved is not None:
            self.show_meeting(saved)

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_meeting(row.id)

    def open_meeting(self, meeting_id: int) -> None:
        MeetingDialog.ask(self.workspace, meeting_id, self)
        self.refresh()

    def show_meeting(self, meeting_id: int) -> None:
        """Bring a meeting into view in the list (e.g. from an action item)."""
        self.views.setCurrentWidget(self.view)
        self.search.clear()
        for combo in (self.when, self.status, self.initiative, self.organization):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(When.ALL) if combo is self.when else 0)
            combo.blockSignals(False)
        self.refresh()
        while self.model.row_index(meeting_id) is None and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_id(meeting_id)

    def repeat_current(self) -> None:
        row = self.current_row()
        if row is not None and documents.repeat(self, self.workspace, row.id):
            self.refresh()

    def add_next(self) -> None:
        row = self.current_row()
        if row is not None:
            added = documents.add_next(self, self.workspace, row.id)
            if added is not None:
                self.show_meeting(added)

    def _document(self, kind: str) -> None:
        row = self.current_row()
        if row is not None:
            documents.show_document(self, self.workspace, row.id, kind)

    def export_calendar(self) -> None:
        row = self.current_row()
        if row is not None:
            documents.export_calendar(self, self.workspace, [row.id], "meeting.ics")

    def export_upcoming(self) -> None:
        documents.export_upcoming(self, self.workspace)

    def email_invitees(self) -> None:
        row = self.current_row()
        if row is not None:
            documents.email_invitees(self, self.workspace, row.id)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        answer = QMessageBox.warning(
            self, "Delete meeting",
            f"Delete “{row.title}” permanently, with its agenda and attendance? This cannot "
            "be undone and is recorded in the audit log. Cancelling the meeting keeps it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                delete_meeting(self.workspace, row.id)
            except REFUSALS as error:
                QMessageBox.warning(self, self.title, str(error))
