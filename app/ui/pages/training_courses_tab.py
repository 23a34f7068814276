"""The Courses tab of the Training page: the catalog, with archived courses on request.

Toolbar: New course (Ctrl+N), Edit (Enter), Schedule a session…, Archive/Restore.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.courses import CourseRow, list_courses, set_course_archived
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import CourseDialog, hours_text
from app.ui.list_page import Shortcut, select_row, toolbar_action
from app.ui.pages.training_common import MessageLabel, run_or_warn, tools_row
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import fit_columns, row_table_view


def _name(row: CourseRow) -> str:
    return f"{row.name} (archived)" if row.archived else row.name


COLUMNS: list[Column[CourseRow]] = [
    Column("Name", _name, wide=True, tooltip=_name),
    Column("Category", lambda c: c.category),
    Column("Hours", lambda c: hours_text(c.default_hours), numeric=True),
    Column("Certificate valid", lambda c: c.validity),
    Column("Remind (days)", lambda c: "—" if c.validity_months is None else c.reminder_days,
           numeric=True, tooltip=lambda c: "" if c.validity_months is None else
           f"Shown as expiring soon {c.reminder_days} days before it expires"),
    Column("Sessions", lambda c: c.sessions, numeric=True),
    Column("Requirements", lambda c: c.requirements, numeric=True),
]


class CoursesTab(QWidget):
    refreshed = Signal()  # loaded again: the page's heading shows the new summary

    schedule_requested = Signal(int)  # a course to schedule a session of

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.toggled.connect(lambda _: self.refresh())
        self.message = MessageLabel()
        self.model: RowTableModel[CourseRow] = RowTableModel(COLUMNS, self)
        self.view = row_table_view(self.model, "courses")
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.setFocusProxy(self.view)
        self.toolbar = QToolBar()
        add = self.action
        self.new_action = add("&New course", self.new_course, QKeySequence.StandardKey.New)
        self.edit_action = add("&Edit", self.edit_current)
        self.edit_action.setToolTip("Edit the course (Enter)")
        self.schedule_action = add("&Schedule a session…", self.schedule)
        self.archive_action = add("&Archive", self.toggle_archived)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_current)
        tools = tools_row(self.toolbar, self.message, self.show_archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.view, stretch=1)
        self._fitted = False

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    def refresh(self) -> None:
        keep = self.current_row()
        self.model.set_rows(list_courses(self.workspace, self.show_archived.isChecked()))
        if not self._fitted and self.model.rowCount():
            fit_columns(self.view)
            self._fitted = True
        self.select_id(keep.id if keep is not None else None)
        self._enable()
        self.refreshed.emit()

    def summary(self) -> str:
        total = self.model.rowCount()
        return f"{total:,} course{'s' * (total != 1)}"

    def select_id(self, course_id: int | None) -> None:
        rows = [self.model.row_at(r).id for r in range(self.model.rowCount())]
        select_row(self.view, rows.index(course_id) if course_id in rows else 0)

    def current_row(self) -> CourseRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        row = self.current_row()
        edit = self.workspace.may(Permission.EDIT)
        self.new_action.setEnabled(edit)
        self.edit_action.setEnabled(edit and row is not None)
        self.schedule_action.setEnabled(edit and row is not None and not row.archived)
        self.archive_action.setEnabled(edit and row is not None)
        self.archive_action.setText("&Restore" if row is not None and row.archived
                                    else "&Archive")

    # -- actions -----------------------------------------------------------------------
    def new_course(self) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        saved = CourseDialog.ask(self.workspace, None, self)
        if saved is not None:
            self.refresh()
            self.select_id(saved)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None and self.workspace.may(Permission.EDIT):
            self._run(lambda: CourseDialog.ask(self.workspace, row.id, self))
            self.refresh()

    def schedule(self) -> None:
        row = self.current_row()
        if row is not None and not row.archived:
            self.schedule_requested.emit(row.id)

    def toggle_archived(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        if self._run(lambda: set_course_archived(self.workspace, row.id, not row.archived)):
            self.message.setText(
                f"“{row.name}” restored." if row.archived else
                f"“{row.name}” archived: its records stay; no new sessions.")
            self.refresh()

    def _run(self, work: Callable[[], object]) -> bool:
        return run_or_warn(self, work)
