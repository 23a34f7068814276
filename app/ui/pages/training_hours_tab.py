"""The Hours tab of the Training page: hours credited per person and organization in a
year, against the annual target of everyone carrying a tag (e.g. 40 hours for officers)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.compliance import (
    HoursReport,
    HoursTarget,
    OrganizationHours,
    PersonHours,
    hours_report,
    hours_target,
    set_hours_target,
)
from app.services.people import all_tags
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import add_hours, hours_text
from app.ui.forms import FormDialog
from app.ui.pages.training_common import narrow, room_for
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import fit_columns, row_table_view
from app.ui.workers import LatestLoader


def _shortfall(p: PersonHours) -> str:
    if p.target is None:
        return ""
    return f"{hours_text(p.target - p.hours)} hours short" if p.below_target else "Met"


PEOPLE_COLUMNS: list[Column[PersonHours]] = [
    Column("Name", lambda p: p.name, wide=True),
    Column("Organization", lambda p: p.organization, tooltip=lambda p: p.organization),
    Column("Hours", lambda p: hours_text(p.hours), numeric=True),
    Column("Target", lambda p: hours_text(p.target), numeric=True),
    Column("Below target", _shortfall, warning=lambda p: p.below_target),
]
BELOW = 4
ORGANIZATION_COLUMNS: list[Column[OrganizationHours]] = [
    Column("Organization", lambda o: o.name, wide=True, tooltip=lambda o: o.name),
    Column("People", lambda o: o.people, numeric=True,
           tooltip=lambda o: "People of it credited with hours in the year"),
    Column("Hours", lambda o: hours_text(o.hours), numeric=True),
]


def target_text(target: HoursTarget) -> str:
    return (f"Annual target: {hours_text(target.hours)} hours for everyone tagged "
            f"“{target.tag}”")


class HoursTargetDialog(FormDialog):
    """The annual training-hours target and the tag of the people it applies to."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Annual training hours target", parent)
        self.workspace = workspace
        self.hours = add_hours(self.form, "hours", "&Hours a year", 0.5, 2000)
        self.tag = self.form.line("tag", "For everyone &tagged", "officer")
        completer = QCompleter(all_tags(workspace), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag.setCompleter(completer)
        current = hours_target(workspace)
        self.form.set_values({"hours": current.hours, "tag": current.tag})
        self.resize(440, self.sizeHint().height())

    def save(self) -> int | None:
        values = self.form.values()
        set_hours_target(self.workspace, HoursTarget(values["hours"], values["tag"]))
        return 0

    @classmethod
    def ask(cls, workspace: Workspace,  # type: ignore[override]
            parent: QWidget | None = None) -> bool:
        """Show the dialog; True when the target was saved."""
        return bool(cls(workspace, parent).exec())


class HoursTab(QWidget):
    refreshed = Signal()  # loaded again: the page's heading shows the new summary

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.report: HoursReport | None = None
        self.loader = LatestLoader(self)  # a year of hours across everyone: in the background
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(lambda error: self.target.setText(
            f"The hours could not be loaded: {error}"))
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(1990, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(lambda _: self.refresh())
        self.target = QLabel()
        self.target.setObjectName("target")
        self.change_target = QPushButton("&Change target…")
        self.change_target.clicked.connect(self.edit_target)
        self.below_only = QCheckBox("&Below target only")
        self.below_only.toggled.connect(lambda _: self._show_people())
        self.people: RowTableModel[PersonHours] = RowTableModel(PEOPLE_COLUMNS, self)
        self.people_view = row_table_view(self.people, "peopleHours")
        self.organizations: RowTableModel[OrganizationHours] = RowTableModel(
            ORGANIZATION_COLUMNS, self)
        self.organization_view = row_table_view(self.organizations, "organizationHours")
        self.people_count = QLabel()
        self.setFocusProxy(self.people_view)
        self._build_layout()
        self._fitted = False

    def _build_layout(self) -> None:
        year = QLabel("&Year:")
        year.setBuddy(self.year)
        top = QHBoxLayout()
        top.addWidget(year)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.target)
        top.addWidget(self.change_target)
        top.addStretch(1)
        left = QWidget()
        people = QVBoxLayout(left)
        people.setContentsMargins(0, 0, 0, 0)
        above = QHBoxLayout()
        above.addWidget(self.people_count, stretch=1)
        above.addWidget(self.below_only)
        people.addLayout(above)
        people.addWidget(self.people_view, stretch=1)
        right = QWidget()
        organizations = QVBoxLayout(right)
        organizations.setContentsMargins(0, 0, 0, 0)
        organizations.addWidget(QLabel("Hours by organization"))
        organizations.addWidget(self.organization_view, stretch=1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, stretch=1)

    def refresh(self) -> None:
        workspace, year = self.workspace, self.year.value()
        self.loader.load(lambda: hours_report(workspace, year))

    def show_report(self, report: HoursReport) -> None:
        self.report = report
        self.target.setText(target_text(self.report.target))
        self.change_target.setEnabled(self.workspace.may(Permission.EDIT))
        self.organizations.set_rows(self.report.organizations)
        self._show_people()
        if not self._fitted and self.people.rowCount():
            fit_columns(self.people_view)
            fit_columns(self.organization_view)
            room_for(self.people_view, BELOW, "999.5 hours short")
            for view, column in ((self.people_view, 2), (self.people_view, 3),
                                 (self.organization_view, 1), (self.organization_view, 2)):
                narrow(view, column, "9,999.5")
            self._fitted = True
        self.refreshed.emit()

    def _show_people(self) -> None:
        if self.report is None:
            return
        report = self.report
        shown = report.below_target if self.below_only.isChecked() else report.people
        self.people.set_rows(shown)
        below = len(report.below_target)
        self.people_count.setText(
            f"{len(report.people):,} people with hours or a target · {below:,} below target")

    def summary(self) -> str:
        if self.report is None:
            return ""
        total = sum(p.hours for p in self.report.people)
        return f"{hours_text(round(total, 1))} hours credited in {self.report.year}"

    def edit_target(self) -> None:
        if self.workspace.may(Permission.EDIT) and HoursTargetDialog.ask(self.workspace, self):
            self.refresh()
