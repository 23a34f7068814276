"""The Compliance tab of the Training page: each requirement and who meets it.

Top: one row per requirement with its counts; below, the people of the selected one,
filtered by standing. Add requirement…, Remove requirement, and Enroll the
non-compliant… (into an upcoming session of the course, or a new one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.certificates import CertificateStatus
from app.services.compliance import (
    ComplianceReport,
    PersonStanding,
    RequirementCompliance,
    compliance_report,
    remove_requirement,
)
from app.services.permissions import Permission
from app.services.training_sessions import (
    SessionQuery,
    SessionRow,
    SessionWhen,
    booked_for,
    enroll,
    list_sessions,
)
from app.services.workspace import Workspace
from app.ui.dialogs.requirement_dialog import RequirementDialog
from app.ui.dialogs.session_dialog import SessionDialog
from app.ui.documents import preview_pdf, save_workbook
from app.ui.formatting import display
from app.ui.list_page import select_row, toolbar_action
from app.ui.pages.training_common import MessageLabel, room_for, run_or_warn, tools_row
from app.ui.pages.training_documents import DOCUMENTS, compliance_pdf, compliance_xlsx
from app.ui.table_model import AnyIndex, Column, RowTableModel
from app.ui.table_view import fit_columns, row_table_view
from app.ui.workers import LatestLoader

AMBER = QColor("#9a6700")
C, E, X, N = (CertificateStatus.CURRENT, CertificateStatus.EXPIRING,
              CertificateStatus.EXPIRED, CertificateStatus.NEVER)


REQUIREMENT_COLUMNS: list[Column[RequirementCompliance]] = [
    Column("Requirement", lambda r: r.requirement.describe, wide=True,
           tooltip=lambda r: r.requirement.describe),
    Column("People", lambda r: r.total, numeric=True),
    Column("Current", lambda r: r.count(C), numeric=True),
    Column("Expiring", lambda r: r.count(E), numeric=True,
           tooltip=lambda r: "Current, but expiring within the course's reminder time"),
    Column("Expired", lambda r: r.count(X), numeric=True, warning=lambda r: r.count(X) > 0),
    Column("Never", lambda r: r.count(N), numeric=True, warning=lambda r: r.count(N) > 0,
           tooltip=lambda r: "Never completed the course"),
    Column("% compliant", lambda r: r.percent_text, numeric=True,
           tooltip=lambda r: "Nobody carries this tag yet" if not r.total else
           f"{r.compliant} of {r.total} hold the course"),
]


def _not_compliant(p: PersonStanding) -> bool:
    return not p.standing.status.compliant


def _standing_tip(p: PersonStanding) -> str:
    s = p.standing
    if s.status is N:
        return "Never completed the course"
    if s.expires_on is None:
        return f"Completed {display(s.completed_on)}; does not expire"
    verb = "Expired" if s.status is X else "Expires"
    return f"Completed {display(s.completed_on)}; {verb.lower()} {display(s.expires_on)}"


STATUS, COMPLETED, EXPIRES = 2, 3, 4
PEOPLE_COLUMNS: list[Column[PersonStanding]] = [
    Column("Name", lambda p: p.name, wide=True),
    Column("Organization", lambda p: p.organization, tooltip=lambda p: p.organization),
    Column("Status", lambda p: p.standing.status.label, warning=_not_compliant,
           tooltip=_standing_tip),
    Column("Completed", lambda p: p.standing.completed_on),
    Column("Expires", lambda p: p.standing.expires_on, warning=_not_compliant,
           tooltip=_standing_tip),
]
FILTERS: list[tuple[str, Callable[[PersonStanding], bool]]] = [
    ("Everyone", lambda p: True),
    ("Not compliant", _not_compliant),
    ("Expiring soon", lambda p: p.standing.status is E),
    ("Expired", lambda p: p.standing.status is X),
    ("Never completed", lambda p: p.standing.status is N),
]


class StandingModel(RowTableModel[PersonStanding]):
    """People and their standing; expiring certificates in amber."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and index.column() in (STATUS, EXPIRES) and index.row() < self.rowCount()
                and self.row_at(index.row()).standing.status is E):
            return AMBER
        return super().data(index, role)


def session_label(row: SessionRow) -> str:
    where = f" — {row.location}" if row.location else ""
    return f"{display(row.starts_at)}{where} ({row.seats})"


class ComplianceTab(QWidget):
    refreshed = Signal()  # loaded again: the page's heading shows the new summary

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.report: ComplianceReport | None = None
        self._select_next: int | None = None  # a requirement to select after the next load
        # Compliance over thousands of people takes a moment: it loads in the background.
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(lambda error: self.message.setText(
            f"Compliance could not be loaded: {error}"))
        self.requirements: RowTableModel[RequirementCompliance] = RowTableModel(
            REQUIREMENT_COLUMNS, self)
        self.requirement_view = row_table_view(self.requirements, "requirements")
        self.requirement_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_people())
        self.people = StandingModel(PEOPLE_COLUMNS, self)
        self.people_view = row_table_view(self.people, "standings")
        self.filter = QComboBox()
        self.filter.setObjectName("statusFilter")
        for text, _ in FILTERS:
            self.filter.addItem(text)
        self.filter.currentIndexChanged.connect(lambda _: self._show_people())
        self.people_label = QLabel()
        self.people_label.setObjectName("peopleLabel")
        self.message = MessageLabel()
        self.setFocusProxy(self.requirement_view)
        self.toolbar = QToolBar()
        add = self.action
        self.add_action = add("&Add requirement…", self.add_requirement)
        self.remove_action = add("&Remove requirement", self.remove_current)
        self.toolbar.addSeparator()
        self.enroll_action = add("&Enroll the non-compliant…", self.enroll_non_compliant)
        self.enroll_action.setToolTip("Enroll everyone whose certificate expired or who never "
                                      "took the course in an upcoming session")
        self.toolbar.addSeparator()
        self.report_action = add("Re&port (PDF)…", lambda: preview_pdf(
            self, workspace, DOCUMENTS["compliance"], compliance_pdf(workspace)))
        self.excel_action = add("E&xcel workbook…", lambda: save_workbook(
            self, workspace, "training compliance workbook", "training compliance.xlsx",
            compliance_xlsx(workspace)))
        for action in (self.report_action, self.excel_action):
            action.setEnabled(workspace.may(Permission.EXPORT))
        self._build_layout()
        self._fitted = self._people_fitted = False

    def action(self, text: str, slot: Callable[[], object]) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot)

    def _build_layout(self) -> None:
        tools = tools_row(self.toolbar, self.message)
        lower = QWidget()
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.people_label, stretch=1)
        show = QLabel("&Show:")
        show.setBuddy(self.filter)
        heading.addWidget(show)
        heading.addWidget(self.filter)
        below.addLayout(heading)
        below.addWidget(self.people_view, stretch=1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.requirement_view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, stretch=1)

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        workspace = self.workspace
        self.loader.load(lambda: compliance_report(workspace))

    def show_report(self, report: ComplianceReport) -> None:
        keep = self.current_requirement()
        wanted = self._select_next if self._select_next is not None else (
            keep.requirement.id if keep is not None else None)
        self._select_next = None
        self.report = report
        self.requirements.set_rows(self.report.requirements)
        if not self._fitted and self.requirements.rowCount():
            fit_columns(self.requirement_view)
            self._fitted = True
        self.select_requirement(wanted)
        self._show_people()
        self.refreshed.emit()

    def select_requirement(self, requirement_id: int | None) -> None:
        ids = [item.requirement.id for item in self.requirements_shown()]
        select_row(self.requirement_view,
                   ids.index(requirement_id) if requirement_id in ids else 0)

    def requirements_shown(self) -> list[RequirementCompliance]:
        return [self.requirements.row_at(r) for r in range(self.requirements.rowCount())]

    def summary(self) -> str:
        if self.report is None:
            return ""
        count = len(self.report.requirements)
        behind = self.report.people_not_compliant
        text = f"{count} requirement{'s' * (count != 1)}"
        if not count:
            return text
        who = "person" if behind == 1 else "people"
        return f"{text} · {behind:,} {who} not compliant"

    def current_requirement(self) -> RequirementCompliance | None:
        index = self.requirement_view.currentIndex()
        return self.requirements.row_at(index.row()) if index.isValid() else None

    def _show_people(self) -> None:
        item = self.current_requirement()
        keep = self.filter.currentIndex()
        wanted = FILTERS[keep][1]
        people = [p for p in item.people if wanted(p)] if item is not None else []
        self.people.set_rows(people)
        if item is None:
            self.people_label.setText("Add a requirement: a course everyone with a tag "
                                      "must hold.")
        else:
            r = item.requirement
            shown = f"{len(people)} of {item.total}" if keep else f"{item.total}"
            self.people_label.setText(f"<b>{r.course}</b> — {shown} tagged “{r.tag}”")
        if people and not self._people_fitted:
            fit_columns(self.people_view)
            for column, sample in ((STATUS, "Never completed"), (COMPLETED, "30 Sep 2026"),
                                   (EXPIRES, "30 Sep 2026")):
                room_for(self.people_view, column, sample)
            self._people_fitted = True
        self._enable()

    def _enable(self) -> None:
        edit = self.workspace.may(Permission.EDIT)
        item = self.current_requirement()
        self.add_action.setEnabled(edit)
        self.remove_action.setEnabled(edit and item is not None)
        self.enroll_action.setEnabled(edit and item is not None
                                      and item.compliant < item.total)

    # -- actions -----------------------------------------------------------------------
    def add_requirement(self) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        saved = RequirementDialog.ask(self.workspace, self)
        if saved is not None:
            self._select_next = saved  # selected once the background load delivers it
            self.refresh()

    def remove_current(self) -> None:
        item = self.current_requirement()
        if item is None or not self.workspace.may(Permission.EDIT):
            return
        if self.confirm(f"Remove the requirement “{item.requirement.describe}”? Certificates "
                        "and training records stay; only the rule goes.") and self._run(
                lambda: remove_requirement(self.workspace, item.requirement.id)):
            self.message.setText("Requirement removed.")
            self.refresh()

    def enroll_non_compliant(self) -> None:
        item = self.current_requirement()
        if item is None or self.report is None or not self.workspace.may(Permission.EDIT):
            return
        r = item.requirement
        missing = self.report.non_compliant(r.id)
        booked = booked_for(self.workspace, r.course_id)
        ids = [pid for pid in missing if pid not in booked]
        if not ids:
            self.warn(f"Everyone tagged “{r.tag}” holds {r.course}" + (
                f" or is booked on an upcoming session ({len(missing)} booked)." if missing
                else "."))
            return
        sessions = list_sessions(self.workspace, SessionQuery(
            when=SessionWhen.UPCOMING, course_id=r.course_id), limit=50).rows
        if sessions:
            session = self.choose_session(r.course, sessions)
        elif self.offer_new_session(r.course):
            session = self._new_session(r.course_id)
        else:
            return
        if session is None:
            return
        free = "" if session.free_seats is None else (
            f" {session.free_seats} seats are free; the others join the waiting list."
            if session.free_seats < len(ids) else "")
        if not self.confirm(f"Enroll {len(ids)} {'person' if len(ids) == 1 else 'people'} in "
                            f"{r.course} on {session.starts_at.astimezone():%a %d %b %Y}?{free}"):
            return
        results = []
        if self._run(lambda: results.append(enroll(self.workspace, session.id, ids))):
            already = len(missing) - len(ids)
            note = f" {already} already booked on an upcoming session." if already else ""
            self.message.setText(f"{r.course}: {results[0].describe()}{note}")

    def _new_session(self, course_id: int) -> SessionRow | None:
        saved = self.create_session(course_id)
        if saved is None:
            return None
        rows = list_sessions(self.workspace, SessionQuery(when=SessionWhen.ALL,
                                                          course_id=course_id), limit=500).rows
        return next((s for s in rows if s.id == saved), None)

    # -- questions (tests replace these) -----------------------------------------------
    def choose_session(self, course: str, sessions: list[SessionRow]) -> SessionRow | None:
        if len(sessions) == 1:
            return sessions[0]
        labels = [session_label(s) for s in sessions]
        label, ok = QInputDialog.getItem(self, "Enroll the non-compliant",
                                         f"Upcoming sessions of {course}:", labels, 0, False)
        return sessions[labels.index(label)] if ok and label in labels else None

    def offer_new_session(self, course: str) -> bool:
        return self.confirm(f"No session of {course} is coming up. Schedule one now?")

    def create_session(self, course_id: int) -> int | None:
        return SessionDialog.ask(self.workspace, None, self, course_id=course_id)

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Training", question)
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, text: str) -> None:
        QMessageBox.information(self, "Training", text)

    def _run(self, work: Callable[[], object]) -> bool:
        return run_or_warn(self, work)
