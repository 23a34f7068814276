"""The Training page: sessions, the course catalog, compliance with the requirements and
training hours, one tab each (app/ui/pages/training_*_tab.py).

Only the tab shown is loaded; the others load when they are next shown, so a change
elsewhere costs one query, not four.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.changes import EVERYTHING, Change
from app.services.workspace import Workspace
from app.ui.list_page import heading_row
from app.ui.pages.training_compliance_tab import ComplianceTab
from app.ui.pages.training_courses_tab import CoursesTab
from app.ui.pages.training_hours_tab import HoursTab
from app.ui.pages.training_sessions_tab import SessionsTab

WATCHED = frozenset({"courses", "training_sessions", "enrollments", "requirements", "people",
                     "tags", "settings"})
CHOICES = frozenset({"courses"})  # kinds that change the course filter


class TrainingPage(QWidget):
    title = "Training"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.count = QLabel()
        self.count.setObjectName("count")
        self.sessions = SessionsTab(workspace)
        self.courses = CoursesTab(workspace)
        self.compliance = ComplianceTab(workspace)
        self.hours = HoursTab(workspace)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        self.tabs.addTab(self.sessions, "&Sessions")
        self.tabs.addTab(self.courses, "C&ourses")
        self.tabs.addTab(self.compliance, "Com&pliance")
        self.tabs.addTab(self.hours, "Ho&urs")
        for tab in self._tabs():
            tab.refreshed.connect(lambda t=tab: self._show_summary(t))
        self._stale = set(range(self.tabs.count()))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.courses.schedule_requested.connect(self.schedule_session)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.title, self.count))
        layout.addWidget(self.tabs, stretch=1)

    def _tabs(self) -> tuple[SessionsTab, CoursesTab, ComplianceTab, HoursTab]:
        return self.sessions, self.courses, self.compliance, self.hours

    def _show_summary(self, tab: QWidget) -> None:
        if tab is self.tabs.currentWidget():
            self.count.setText(tab.summary())  # type: ignore[attr-defined]

    def refresh(self) -> None:
        """Load the tab shown (the others when they are shown)."""
        self._stale = set(range(self.tabs.count()))
        self._load_current()

    def _load_current(self) -> None:
        self._stale.discard(self.tabs.currentIndex())
        self._tabs()[self.tabs.currentIndex()].refresh()

    def _tab_shown(self, index: int) -> None:
        if index in self._stale:
            self._load_current()
        else:
            self._show_summary(self.tabs.currentWidget())
        if self.isVisible() and self.tabs.currentWidget().isVisible():
            self.tabs.currentWidget().setFocus()  # its keys (Ctrl+N, Enter) work at once

    def on_change(self, change: Change) -> None:
        if change.kind == EVERYTHING or change.kind in CHOICES:
            self.sessions.forget_choices()
        if change.kind == EVERYTHING or change.kind in WATCHED:
            self.refresh()

    def schedule_session(self, course_id: int) -> None:
        """A new session of a course (from the catalog), shown in the Sessions tab."""
        self.tabs.setCurrentWidget(self.sessions)
        self.sessions.new_session(course_id)
