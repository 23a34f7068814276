"""The Resources tab of the Evaluation page: what each initiative cost (cash, in-kind,
volunteer hours), its budget burn, and the cost per participant and per outcome unit."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.reports.charts.resources import resources_chart
from app.services.changes import EVERYTHING, Change
from app.services.evaluation_scope import EvaluationScope
from app.services.resource_efficiency import (
    InitiativeResources,
    OutcomeCost,
    ResourceReport,
    resource_efficiency,
)
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.pages.evaluation_engagement_tab import NO_DATA, percent
from app.ui.table_model import Column, SortedRowTableModel
from app.ui.table_view import sortable_table_view
from app.ui.workers import LatestLoader

WATCHED = frozenset({EVERYTHING, "initiatives", "expenditures", "goals", "measurements",
                     "meetings", "attendance"})
PARTICIPANTS = ("Participants: different people marked present at the initiative's held "
                "meetings in the period (walk-ins are anonymous and trainings are not linked "
                "to initiatives, so neither is counted).")


def money(cents: int | None) -> str:
    return NO_DATA if cents is None else f"{Decimal(cents) / 100:,.2f}"


def hours(value: float | None) -> str:
    return NO_DATA if value is None else f"{value:,.1f}".removesuffix(".0")


def outcome_text(outcome: OutcomeCost) -> str:
    unit = outcome.unit or "of the goal's measure"
    if outcome.cost_per_unit_cents is None:
        return f"{outcome.goal}: n/a ({outcome.reason})"
    return f"{outcome.goal}: {money(outcome.cost_per_unit_cents)} per unit ({unit})"


def outcomes_text(row: InitiativeResources) -> str:
    if not row.outcomes:
        return "n/a (no goals)"
    costed = [o for o in row.outcomes if o.cost_per_unit_cents is not None]
    if len(row.outcomes) == 1 or not costed:
        return outcome_text(row.outcomes[0]) if len(row.outcomes) == 1 else \
            f"n/a for {len(row.outcomes)} goals (see tooltip)"
    return f"{outcome_text(costed[0])} (+{len(row.outcomes) - 1} more)"


def outcomes_tooltip(row: InitiativeResources) -> str:
    lines = [f"{outcome_text(o)} · {o.status.label}" for o in row.outcomes]
    return "\n".join(lines + ["Cost per unit = all cost up to the period's end ÷ improvement "
                              "from the baseline to the latest measurement."])


def _per_participant(row: InitiativeResources) -> str:
    cost = row.cost_per_participant_cents
    return money(cost) if cost is not None else f"n/a ({row.per_participant_reason})"


COLUMNS: list[Column[InitiativeResources]] = [
    Column("Initiative", lambda r: r.name, tooltip=lambda r: r.name),
    Column("Cash", lambda r: money(r.cash_cents), numeric=True),
    Column("In-kind", lambda r: money(r.in_kind_cents), numeric=True),
    Column("Total", lambda r: money(r.total_cents), numeric=True,
           tooltip=lambda r: "Cash + in-kind in the period" if r.total_cents is not None
           else "No expenditures recorded in the period"),
    Column("Volunteer hours", lambda r: hours(r.volunteer_hours), numeric=True),
    Column("Budget", lambda r: money(r.budget_cents), numeric=True),
    Column("Burn", lambda r: percent(r.burn), numeric=True,
           tooltip=lambda r: "Cash spent up to the period's end ÷ budget"
           if r.burn is not None else "No budget", warning=lambda r: (r.burn or 0) > 1),
    Column("Participants", lambda r: r.participants, numeric=True,
           tooltip=lambda r: PARTICIPANTS),
    Column("Per participant", _per_participant, numeric=True),
    Column("Per outcome unit", outcomes_text, wide=True, tooltip=outcomes_tooltip),
]
SORT_KEYS: list[Callable[[InitiativeResources], Any]] = [
    lambda r: r.name.casefold(), lambda r: r.cash_cents, lambda r: r.in_kind_cents,
    lambda r: r.total_cents, lambda r: r.volunteer_hours, lambda r: r.budget_cents,
    lambda r: r.burn, lambda r: r.participants, lambda r: r.cost_per_participant_cents,
    lambda r: outcomes_text(r).casefold(),
]


class ResourcesTab(QWidget):
    title = "Resources"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.scope: EvaluationScope | None = None
        self.report: ResourceReport | None = None
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self.show_report)
        self.loader.failed.connect(
            lambda error: self.summary.setText(f"Resources could not be loaded: {error}"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.model: SortedRowTableModel[InitiativeResources] = SortedRowTableModel(
            COLUMNS, SORT_KEYS, self)
        self.view = sortable_table_view(self.model, "resources")
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.chart = ChartView(self, height=260)
        note = QLabel(PARTICIPANTS + " Cost = cash + in-kind; volunteer hours are not priced.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, stretch=3)
        layout.addWidget(self.chart, stretch=2)
        layout.addWidget(note)
        self.setFocusProxy(self.view)

    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.summary.setText("Loading resources…")
        workspace = self.workspace
        self.loader.load(lambda: resource_efficiency(workspace, scope))

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.show_scope(self.scope)

    def show_report(self, report: ResourceReport) -> None:
        self.report = report
        self.model.set_rows(report.initiatives)
        if not report.initiatives:
            self.summary.setText("No initiative ran or spent anything in this period.")
        else:
            per = report.cost_per_participant_cents
            self.summary.setText(
                f"{plural(len(report.initiatives), 'initiative')} · "
                f"cash {money(report.cash_cents)} · "
                f"in-kind {money(report.in_kind_cents)} · volunteer hours "
                f"{hours(report.volunteer_hours)} · total {money(report.total_cents)} · "
                f"per initiative {money(report.cost_per_initiative_cents)} · "
                f"{report.participants:,} participants · per participant "
                + (money(per) if per is not None else "n/a"))
        self.chart.show_chart(resources_chart(report))
