"""The Sessions tab of the Training page: sessions by date, with seats and waiting lists.

Toolbar: New session (Ctrl+N), Edit, Roster… (Enter), Enroll…, Enroll a tag…, Delete.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.courses import course_choices
from app.services.pages import Page
from app.services.people import all_tags
from app.services.permissions import Permission
from app.services.training_sessions import (
    SessionQuery,
    SessionRow,
    SessionWhen,
    delete_session,
    enroll,
    list_sessions,
    tag_members,
)
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import hours_text
from app.ui.dialogs.roster_dialog import RosterDialog
from app.ui.dialogs.session_dialog import SessionDialog
from app.ui.documents import preview_pdf
from app.ui.list_page import Shortcut, reload_list, reselect, select_id, toolbar_action
from app.ui.paged_model import PagedTableModel
from app.ui.pages.training_common import MessageLabel, narrow, room_for, tools_row
from app.ui.pages.training_documents import DOCUMENTS, session_document
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view


def _full(row: SessionRow) -> bool:
    return row.free_seats == 0


def _seats_tip(row: SessionRow) -> str:
    if row.free_seats is None:
        return "No limit on seats"
    if _full(row):
        return "Full: people enrolled now join the waiting list"
    return f"{row.free_seats} seat{'s' * (row.free_seats != 1)} free"


COLUMNS: list[Column[SessionRow]] = [
    Column("When", lambda s: s.starts_at),
    Column("Course", lambda s: s.course, wide=True, tooltip=lambda s: s.course),
    Column("Days", lambda s: s.days, numeric=True),
    Column("Hours", lambda s: hours_text(s.hours), numeric=True),
    Column("Trainer", lambda s: s.trainer,
           tooltip=lambda s: "\n".join(t for t in (s.trainer, s.provider) if t)),
    Column("Location", lambda s: s.location, tooltip=lambda s: s.location),
    Column("Seats", lambda s: s.seats, warning=_full, tooltip=_seats_tip),
]
SORT_KEYS: list[str | None] = ["when", "course", None, None, None, "location", None]
WHEN, DAYS, HOURS, SEATS = 0, 2, 3, 6


class SessionsTab(QWidget):
    refreshed = Signal()  # loaded again: the page's heading shows the new summary

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.when = QComboBox()
        self.when.setObjectName("whenFilter")
        for when in SessionWhen:
            self.when.addItem(when.label, when)
        self.course = QComboBox()
        self.course.setObjectName("courseFilter")
        self.course.setMinimumContentsLength(24)
        self.course.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.open_only = QCheckBox("&Open seats only")
        self.message = MessageLabel()
        self.model: PagedTableModel[SessionRow] = PagedTableModel(
            COLUMNS, SORT_KEYS, self._fetch, self)
        self.view = row_table_view(self.model, "sessions")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.setFocusProxy(self.view)
        self.toolbar = QToolBar()
        self._build_actions()
        self._build_layout()
        self._choices_loaded = False
        self.when.currentIndexChanged.connect(lambda _: self._when_changed())
        self.course.currentIndexChanged.connect(lambda _: self.refresh())
        self.open_only.toggled.connect(lambda _: self.refresh())

    def _build_actions(self) -> None:
        add = self.action
        self.new_action = add("&New session", self.new_session, QKeySequence.StandardKey.New)
        self.edit_action = add("&Edit", self.edit_current)
        self.edit_action.setToolTip("Edit the session (double click)")
        self.roster_action = add("&Roster…", self.open_roster)
        self.roster_action.setToolTip("Mark who completed it (Enter)")
        self.toolbar.addSeparator()
        self.enroll_action = add("Enro&ll…", self.enroll_people)
        self.enroll_tag_action = add("Enroll a &tag…", self.enroll_tag)
        self.enroll_tag_action.setToolTip("Enroll everyone carrying a tag, e.g. officer")
        self.toolbar.addSeparator()
        self.sign_in_action = add("&Sign-in sheet…", lambda: self.print_document("roster"))
        self.certificates_action = add("&Certificates…",
                                       lambda: self.print_document("certificates"))
        self.toolbar.addSeparator()
        self.delete_action = add("&Delete…", self.delete_current)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_roster)

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    def _build_layout(self) -> None:
        tools = tools_row(self.toolbar, self.message)
        filters = QHBoxLayout()
        filters.addWidget(self.when)
        filters.addWidget(self.course)
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addLayout(filters)
        layout.addWidget(self.view, stretch=1)

    # -- loading -----------------------------------------------------------------------
    def query(self) -> SessionQuery:
        return SessionQuery(when=self.when.currentData(), course_id=self.course.currentData(),
                            open_seats_only=self.open_only.isChecked())

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[SessionRow]:
        return list_sessions(self.workspace, self.query(), offset, limit, sort, descending)

    def load_choices(self) -> None:
        current = self.course.currentData()
        self.course.blockSignals(True)
        self.course.clear()
        self.course.addItem("All courses", None)
        for course_id, name in course_choices(self.workspace):
            self.course.addItem(name, course_id)
        self.course.setCurrentIndex(max(self.course.findData(current), 0))
        self.course.blockSignals(False)
        self._choices_loaded = True

    def forget_choices(self) -> None:
        self._choices_loaded = False

    def _when_changed(self) -> None:
        """Upcoming sessions read forward in time, past ones backward."""
        past = self.when.currentData() is SessionWhen.PAST
        order = Qt.SortOrder.DescendingOrder if past else Qt.SortOrder.AscendingOrder
        header = self.view.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(0, order)
        header.blockSignals(False)
        self.model.set_order(0, order)
        self.refresh()

    def refresh(self) -> None:
        if not self._choices_loaded:
            self.load_choices()
        keep = self.current_row()
        reload_list(self.model, self._fit_columns)
        reselect(self.view, self.model, keep.id if keep is not None else None)
        self._enable()
        self.refreshed.emit()

    def _fit_columns(self) -> None:
        fit_columns(self.view)
        room_for(self.view, WHEN, "Wed 30 Sep 2026, 09:00")
        room_for(self.view, SEATS, "30 of 30, 12 waiting")
        narrow(self.view, DAYS, "30")
        narrow(self.view, HOURS, "240.5")

    def summary(self) -> str:
        total = self.model.total
        when = self.when.currentData()
        word = "" if when is SessionWhen.ALL else f"{when.label.lower()} "
        return f"{total:,} {word}session{'s' * (total != 1)}"

    def current_row(self) -> SessionRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        row = self.current_row()
        edit = self.workspace.may(Permission.EDIT)
        self.new_action.setEnabled(edit)
        self.roster_action.setEnabled(row is not None)
        export = self.workspace.may(Permission.EXPORT)
        self.sign_in_action.setEnabled(export and row is not None)
        self.certificates_action.setEnabled(export and row is not None and row.completed > 0)
        for action in (self.edit_action, self.enroll_action, self.enroll_tag_action,
                       self.delete_action):
            action.setEnabled(edit and row is not None)

    # -- actions -----------------------------------------------------------------------
    def print_document(self, kind: str) -> None:
        """The selected session's sign-in sheet ("roster") or completion certificates."""
        row = self.current_row()
        if row is not None:
            preview_pdf(self, self.workspace, DOCUMENTS[kind],
                        session_document(self.workspace, row.id, kind))

    def new_session(self, course_id: int | None = None) -> int | None:
        if not self.workspace.may(Permission.EDIT):
            return None
        if course_id is None:
            course_id = self.course.currentData()
        saved = SessionDialog.ask(self.workspace, None, self, course_id=course_id)
        if saved is not None:
            self.show_session(saved)
        return saved

    def show_session(self, session_id: int) -> None:
        """Bring a session into view (All dates, any course, seats or not)."""
        for widget, value in ((self.when, SessionWhen.ALL), (self.course, None)):
            widget.blockSignals(True)
            widget.setCurrentIndex(max(widget.findData(value), 0))
            widget.blockSignals(False)
        self.open_only.blockSignals(True)
        self.open_only.setChecked(False)
        self.open_only.blockSignals(False)
        self.refresh()
        while self.model.row_index(session_id) is None and self.model.canFetchMore():
            self.model.fetchMore()
        select_id(self.view, self.model, session_id)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        if self._run(lambda: SessionDialog.ask(self.workspace, row.id, self)):
            self.refresh()

    def open_roster(self) -> None:
        row = self.current_row()
        if row is not None and self._run(lambda: RosterDialog.ask(self.workspace, row.id, self)):
            self.refresh()

    def enroll_people(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        ids = self.choose_people(f"Enroll people: {row.course}")
        if ids:
            self._enroll(row, ids)

    def enroll_tag(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        tags = all_tags(self.workspace)
        if not tags:
            self.warn("Nobody in the directory carries a tag yet.")
            return
        tag = self.choose_tag(tags)
        if not tag:
            return
        ids = tag_members(self.workspace, tag)
        if not ids:
            self.warn(f"Nobody is tagged “{tag}”.")
            return
        if self.confirm(f"Enroll the {len(ids)} people tagged “{tag}” in {row.course} "
                        f"on {row.starts_at.astimezone():%a %d %b %Y}?"):
            self._enroll(row, ids)

    def _enroll(self, row: SessionRow, ids: list[int]) -> None:
        results = []
        if self._run(lambda: results.append(enroll(self.workspace, row.id, ids))):
            self.message.setText(results[0].describe())
            self.refresh()

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        if row.completed:
            who = "1 person" if row.completed == 1 else f"{row.completed} people"
            self.warn(f"{who} completed this session; the training records must stay, so "
                      "it cannot be deleted.")
            return
        people = row.taken + row.waitlisted
        roster = f", with its roster of {people}," if people else ""
        question = (f"Delete the {row.course} session of "
                    f"{row.starts_at.astimezone():%a %d %b %Y}{roster} permanently?")
        if self.confirm(question) and self._run(lambda: delete_session(self.workspace, row.id)):
            self.message.setText("Session deleted.")
            self.refresh()

    # -- questions (tests replace these) -----------------------------------------------
    def choose_people(self, title: str) -> list[int]:
        from app.ui.person_picker import PeopleChooserDialog

        return PeopleChooserDialog.ask(self.workspace, self, title)

    def choose_tag(self, tags: list[str]) -> str | None:
        tag, ok = QInputDialog.getItem(self, "Enroll a tag", "Enroll everyone tagged:",
                                       tags, 0, False)
        return tag if ok else None

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Training", question)
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, text: str) -> None:
        QMessageBox.warning(self, "Training", text)

    def _run(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except REFUSALS as error:
            self.warn(str(error))
            return False
        return True
