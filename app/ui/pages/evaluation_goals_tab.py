"""The Goals tab of the Evaluation page: each goal against its target at the period's end,
with its status, the thresholds that decide it, and a progress chart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.reports.charts.goals import goal_progress_chart
from app.services.changes import EVERYTHING, Change
from app.services.evaluation_scope import EvaluationScope
from app.services.goal_progress import GoalProgress, goals_in_scope
from app.services.goal_status import GoalStatus
from app.services.initiative_goals import number_text
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view
from app.ui.workers import LatestLoader

WATCHED = frozenset({EVERYTHING, "initiatives", "goals", "measurements"})
NO_DATA = "no data"


def _columns() -> list[Column[GoalProgress]]:
    return [
        Column("Initiative", lambda g: g.initiative),
        Column("Goal", lambda g: g.name, wide=True, tooltip=lambda g: g.thresholds),
        Column("Baseline", lambda g: number_text(g.baseline, g.unit) or NO_DATA, numeric=True),
        Column("Target", lambda g: number_text(g.target, g.unit) or NO_DATA, numeric=True),
        Column("Latest", lambda g: number_text(g.latest, g.unit) or NO_DATA, numeric=True),
        Column("Measured", lambda g: g.measured_on),
        Column("Progress", lambda g: NO_DATA if g.progress is None
               else f"{100 * g.progress:.0f}%", numeric=True),
        Column("Status", lambda g: g.status.label,
               warning=lambda g: g.status is GoalStatus.NEEDS_IMPROVEMENT,
               tooltip=lambda g: g.thresholds),
    ]


class GoalsTab(QWidget):
    title = "Goals"
    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.scope: EvaluationScope | None = None
        self.summary = QLabel()
        self.summary.setObjectName("goalsSummary")
        self.summary.setWordWrap(True)
        self.chart = ChartView(height=220)
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self._show)
        self.loader.failed.connect(self._failed)
        self.model: RowTableModel[GoalProgress] = RowTableModel(_columns(), self)
        self.view = row_table_view(self.model, "goalsTable")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, stretch=1)

    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.summary.setText("Loading goals…")  # not the last scope's count and date
        ws = self.workspace
        self.loader.load(lambda: goals_in_scope(ws, scope))

    def _failed(self, error: object) -> None:
        self.model.set_rows([])  # the goals of the scope shown before are not this one's
        self.chart.clear()
        self.summary.setText(f"Not loaded: {error}")

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.show_scope(self.scope)

    def _show(self, goals: list[GoalProgress]) -> None:
        assert self.scope is not None
        whole = self.scope.whole_partnership
        self.view.setColumnHidden(0, not whole)  # one initiative: its name is the scope
        self.model.set_rows(goals)
        self.chart.show_chart(goal_progress_chart(goals, with_initiative=whole))
        self.summary.setText(_summary(goals, self.scope))
        self.loaded.emit()


def _summary(goals: list[GoalProgress], scope: EvaluationScope) -> str:
    if not goals:
        return "No goals are set" + ("" if scope.whole_partnership else " for this initiative")
    counts = {status: sum(1 for g in goals if g.status is status) for status in GoalStatus}
    parts = [f"{n} {status.label.lower()}" for status, n in counts.items() if n]
    return (f"{len(goals)} goal{'s' if len(goals) != 1 else ''} as of "
            f"{scope.period.end:%d %b %Y}: " + ", ".join(parts) +
            ". Hover a status for the thresholds that decide it.")
