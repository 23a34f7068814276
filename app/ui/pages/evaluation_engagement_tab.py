"""The Engagement tab of the Evaluation page: a 0–100 score per partner organization, the
formula it is computed by, and the components each score could use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.reports.charts.engagement import engagement_chart
from app.services.changes import EVERYTHING, Change
from app.services.engagement import EngagementReport, EngagementRow, engagement
from app.services.evaluation_scope import EvaluationScope
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.table_model import Column, SortedRowTableModel
from app.ui.table_view import fit_columns, sortable_table_view
from app.ui.workers import LatestLoader

NO_DATA = "—"
WATCHED = frozenset({EVERYTHING, "meetings", "attendance", "action_items", "affiliations",
                     "organizations", "initiatives", "initiative_partners",
                     "partner_contributions", "people"})


def percent(rate: float | None) -> str:
    return NO_DATA if rate is None else f"{100 * rate:.0f}%"


def share(part: int, whole: int, rate: float | None) -> str:
    """"21 of 32 · 66%"; a dash when there is nothing to count."""
    return NO_DATA if rate is None else f"{part} of {whole} · {percent(rate)}"


COLUMNS: list[Column[EngagementRow]] = [
    Column("Organization", lambda r: r.name, tooltip=lambda r: r.name),
    Column("Score", lambda r: NO_DATA if r.score is None else r.score, numeric=True,
           tooltip=lambda r: f"Components used: {r.components_text}"),
    Column("Attendance", lambda r: share(r.attended, r.invitations, r.attendance_rate),
           numeric=True, tooltip=lambda r: "Never invited to a held meeting in the period"
           if r.attendance_rate is None else "Present of invitations at held meetings"),
    Column("Action items on time", lambda r: share(r.actions_on_time, r.actions_due,
                                                   r.on_time_rate), numeric=True,
           tooltip=lambda r: "No action item due in the period" if r.on_time_rate is None
           else "Done by the due date of those due"),
    Column("Initiatives", lambda r: r.initiatives_joined, numeric=True),
    Column("Contribution types", lambda r: r.contribution_types if r.initiatives_joined
           else NO_DATA, numeric=True),
    Column("Components used", lambda r: r.components_text, wide=True,
           tooltip=lambda r: r.components_text),
]
SORT_KEYS: list[Callable[[EngagementRow], Any]] = [
    lambda r: r.name.casefold(),
    lambda r: r.score,
    lambda r: r.attendance_rate,
    lambda r: r.on_time_rate,
    lambda r: r.initiatives_joined,
    lambda r: r.contribution_types if r.initiatives_joined else None,
    lambda r: len(r.components),
]

class EngagementTab(QWidget):
    title = "Engagement"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.scope: EvaluationScope | None = None
        self.report: EngagementReport | None = None
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(
            lambda error: self.summary.setText(f"Engagement could not be loaded: {error}"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.formula = QLabel()
        self.formula.setObjectName("formula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet("color: palette(placeholder-text);")
        self.model: SortedRowTableModel[EngagementRow] = SortedRowTableModel(
            COLUMNS, SORT_KEYS, self)
        self.view = sortable_table_view(self.model, "engagement")
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.chart = ChartView(self, height=300)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.formula)
        self.setFocusProxy(self.view)
        self._fitted = False

    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.summary.setText("Loading engagement…")
        workspace, today = self.workspace, date.today()
        self.loader.load(lambda: engagement(workspace, scope, today))

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.show_scope(self.scope)

    def show_report(self, report: EngagementReport) -> None:
        self.report = report
        self.formula.setText(report.formula)
        self.model.set_rows(report.rows)
        if report.rows and not self._fitted:
            fit_columns(self.view)
            self._fitted = True
        scored = report.scored
        if not report.rows:
            self.summary.setText("No organization was invited, owned an action item or "
                                 "joined an initiative in this period.")
        else:
            average = sum(r.score or 0 for r in scored) / len(scored) if scored else None
            self.summary.setText(
                f"{len(report.rows):,} organizations with records in {report.scope.period.label()}"
                f" · {len(scored):,} with a score"
                + (f" · average {average:.0f}" if average is not None else "")
                + f" · {plural(report.initiatives_in_scope, 'initiative')} in scope")
        self.chart.show_chart(engagement_chart(report))
