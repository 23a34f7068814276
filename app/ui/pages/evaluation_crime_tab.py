"""The Crime tab of the Evaluation page: before and after an initiative's start, against its
comparison area and next door; for the whole partnership, the monthly trend of all areas
and every initiative's before/after in one table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.charts.crime import partnership_trend_chart, pre_post_trend_chart
from app.services.changes import EVERYTHING, Change
from app.services.crime_analysis import (
    DEFAULT_MONTHS,
    MAX_MONTHS,
    AreaChange,
    CrimeTrend,
    PrePost,
    category_choices,
    change_text,
    crime_trend,
    displacement_sentence,
    initiatives_pre_post,
    pre_post,
    ratio_text,
)
from app.services.evaluation_scope import EvaluationScope
from app.services.rate_ratio import RateRatio
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view
from app.ui.workers import LatestLoader

WATCHED = frozenset({EVERYTHING, "crime_counts", "areas", "area_neighbors", "initiatives",
                     "offense_categories", "import_batches"})
NO_DATA = "no data"
ALL = "All categories"


@dataclass(frozen=True)
class FigureRow:
    role: str  # "Target", "Comparison", "Neighbor"
    change: AreaChange
    months: int
    did: RateRatio | None = None


def count_text(count: int | None, covered: int, months: int) -> str:
    """"1,718", "1,603 (11 of 12 months)" or "no data" — never 0 for missing months."""
    if count is None:
        return NO_DATA
    return f"{count:,}" if covered == months else f"{count:,} ({covered} of {months} months)"


def _tip(r: RateRatio | None) -> str:
    if r is None:
        return ""
    return r.note or ("Exact conditional (binomial) 95% interval" if r.method == "exact"
                      else "95% interval on the log scale")


def _figure_columns() -> list[Column[FigureRow]]:
    return [
        Column("Area", lambda r: r.change.area_name, wide=True),
        Column("Role", lambda r: r.role + (f" ({r.change.note})" if r.change.note else "")),
        Column("Before", lambda r: count_text(r.change.before, r.change.before_covered,
                                              r.months), numeric=True),
        Column("After", lambda r: count_text(r.change.after, r.change.after_covered, r.months),
               numeric=True),
        Column("Change", lambda r: change_text(r.change.percent_change), numeric=True,
               tooltip=lambda r: "Change in crimes per month counted"),
        Column("Rate ratio [95% CI]", lambda r: ratio_text(r.change.rate_ratio), numeric=True,
               tooltip=lambda r: _tip(r.change.rate_ratio)),
        Column("DiD ratio [95% CI]", lambda r: ratio_text(r.did) if r.did else "",
               numeric=True, tooltip=lambda r: _tip(r.did) or (
                   "Target's rate ratio over the comparison area's" if r.did else "")),
    ]


def _initiative_columns() -> list[Column[PrePost]]:
    def counted(p: PrePost, side: str) -> str:
        if p.target is None:
            return ""
        t = p.target
        if side == "before":
            return count_text(t.before, t.before_covered, p.months_used)
        return count_text(t.after, t.after_covered, p.months_used)

    return [
        Column("Initiative", lambda p: p.initiative_name, tooltip=lambda p: p.sentence),
        Column("Area", lambda p: p.area_name),
        Column("Start", lambda p: f"{p.starts_on:%b %Y}" if p.starts_on else ""),
        Column("Months", lambda p: p.months_used or "", numeric=True),
        Column("Before", lambda p: counted(p, "before"), numeric=True),
        Column("After", lambda p: counted(p, "after"), numeric=True),
        Column("Change", lambda p: change_text(p.target.percent_change) if p.target else "",
               numeric=True),
        Column("Rate ratio [95% CI]", lambda p: ratio_text(p.target.rate_ratio)
               if p.target else "", numeric=True),
        Column("DiD ratio [95% CI]", lambda p: ratio_text(p.did) if p.did else "",
               numeric=True),
        Column("Note", lambda p: p.problem or ("shortened" if p.shortened else ""), wide=True,
               tooltip=lambda p: p.problem or " ".join(p.notes[:1])),
    ]


class CrimeTab(QWidget):
    title = "Crime"
    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.scope: EvaluationScope | None = None
        self.chosen: set[int] | None = None  # None: all categories
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self._show)
        self.loader.failed.connect(lambda error: self.sentence.setText(f"Not loaded: {error}"))

        self.months = QSpinBox()
        self.months.setObjectName("crimeMonths")
        self.months.setRange(1, MAX_MONTHS)
        self.months.setValue(DEFAULT_MONTHS)
        self.months.setSuffix(" months")
        self.months.setToolTip("Length of the windows before and after the start")
        self.months.valueChanged.connect(lambda _v: self.reload())
        self.categories = QToolButton()
        self.categories.setObjectName("crimeCategories")
        self.categories.setText(ALL)
        self.categories.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.category_menu = QMenu(self)
        self.categories.setMenu(self.category_menu)
        self._category_names: list[tuple[int, str]] = []

        self.sentence = QLabel()
        self.sentence.setObjectName("crimeSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("crimeNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(placeholder-text);")

        self.figures: RowTableModel[FigureRow] = RowTableModel(_figure_columns(), self)
        self.figures_view = row_table_view(self.figures, "crimeFigures")
        self.initiatives: RowTableModel[PrePost] = RowTableModel(_initiative_columns(), self)
        self.initiatives_view = row_table_view(self.initiatives, "crimeInitiatives")
        self.displacement: RowTableModel[FigureRow] = RowTableModel(
            _figure_columns()[:-1], self)
        self.displacement_view = row_table_view(self.displacement, "crimeDisplacement")
        self.displacement_label = QLabel()
        self.displacement_label.setObjectName("crimeDisplacementSentence")
        self.displacement_label.setWordWrap(True)
        self.chart = ChartView(height=240)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Windows before and after the start:"))
        controls.addWidget(self.months)
        controls.addSpacing(16)
        controls.addWidget(QLabel("Offenses:"))
        controls.addWidget(self.categories)
        controls.addStretch(1)
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.figures_view)
        tables_layout.addWidget(self.initiatives_view)
        self.neighbors = QWidget()
        neighbors_layout = QVBoxLayout(self.neighbors)
        neighbors_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Displacement check</b>: change in the neighboring areas")
        neighbors_layout.addWidget(heading)
        neighbors_layout.addWidget(self.displacement_label)
        neighbors_layout.addWidget(self.displacement_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(tables)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.neighbors)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.sentence)
        layout.addWidget(self.splitter, stretch=1)
        layout.addWidget(self.notes)
        self.initiatives_view.hide()

    # -- loading ------------------------------------------------------------------------

    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.reload()

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.reload()

    def reload(self) -> None:
        scope = self.scope
        if scope is None:
            return
        ws, months, today = self.workspace, self.months.value(), self.today
        categories = None if self.chosen is None else sorted(self.chosen)
        if scope.initiative_id is None:
            def work() -> object:
                return (category_choices(ws), crime_trend(ws, scope, categories=categories),
                        initiatives_pre_post(ws, months, categories, today=today))
        else:
            initiative_id = scope.initiative_id

            def work() -> object:
                return (category_choices(ws), pre_post(
                    ws, initiative_id, months, categories, period=scope.period, today=today))
        self.sentence.setText("Loading…")
        self.loader.load(work)

    def _show(self, result: tuple) -> None:  # type: ignore[type-arg]
        self._fill_categories(result[0])
        if len(result) == 3:
            self._show_partnership(result[1], result[2])
        else:
            self._show_initiative(result[1])
        self.loaded.emit()

    def _show_initiative(self, p: PrePost) -> None:
        self.figures_view.show()
        self.initiatives_view.hide()
        self.neighbors.setVisible(not p.problem)
        rows: list[FigureRow] = []
        if p.target is not None:
            rows.append(FigureRow("Target", p.target, p.months_used, p.did))
        if p.comparison is not None:
            rows.append(FigureRow("Comparison", p.comparison, p.months_used))
        self.figures.set_rows(rows)
        self.figures_view.setVisible(bool(rows))
        self.displacement.set_rows([FigureRow("Neighbor", d, p.months_used)
                                    for d in p.displacement])
        self.displacement_view.setVisible(bool(p.displacement))
        self.displacement_label.setText(displacement_sentence(p))
        windows = ""
        if p.before and p.after:
            windows = (f"Before: {p.before.label()}. After: {p.after.label()}. ")
        if p.comparison is None and not p.problem:
            windows += "No comparison area is set, so there is no difference-in-differences. "
        self.sentence.setText(p.sentence)
        self.notes.setText(windows + " ".join(p.notes))
        if p.trend is not None:
            self.chart.show_chart(pre_post_trend_chart(p))
        self.chart.setVisible(p.trend is not None)

    def _show_partnership(self, trend: CrimeTrend, results: list[PrePost]) -> None:
        self.figures_view.hide()
        self.initiatives_view.show()
        self.neighbors.hide()
        self.chart.show()
        self.initiatives.set_rows(results)
        self.chart.show_chart(partnership_trend_chart(trend))
        covered = sum(1 for v in trend.total if v is not None)
        known = [v for v in trend.total if v is not None]
        total = f"{sum(known):,} crimes counted" if known else "No crime counts"
        self.sentence.setText(
            f"All areas, {trend.period.label()}: {total} in {covered} of {len(trend.months)} "
            f"months with counts. Each initiative with an area and a start date is compared "
            f"below over {self.months.value()}-month windows; hover a row for its summary.")
        self.notes.setText(
            "Months without any crime counts are gaps in the chart, not zeros. "
            "The month an initiative starts is its first month after.")

    # -- categories ---------------------------------------------------------------------

    def _fill_categories(self, choices: Sequence[tuple[int, str]]) -> None:
        if list(choices) == self._category_names:
            return
        self._category_names = list(choices)
        known = {i for i, _ in choices}
        if self.chosen is not None:
            self.chosen &= known
        self.category_menu.clear()
        everything = self.category_menu.addAction(ALL)
        everything.setCheckable(True)
        everything.setChecked(self.chosen is None)
        everything.triggered.connect(lambda: self.choose_categories(None))
        self.category_menu.addSeparator()
        for category_id, name in choices:
            action = QAction(name, self.category_menu)
            action.setCheckable(True)
            action.setChecked(self.chosen is not None and category_id in self.chosen)
            action.setData(category_id)
            action.toggled.connect(lambda _on: self._menu_changed())
            self.category_menu.addAction(action)
        self._label_categories()

    def _menu_changed(self) -> None:
        chosen = {a.data() for a in self.category_menu.actions()
                  if a.isCheckable() and a.data() is not None and a.isChecked()}
        self.choose_categories(chosen or None)

    def choose_categories(self, category_ids: set[int] | None) -> None:
        """Count only these categories (None: all), as the Offenses menu does."""
        self.chosen = set(category_ids) if category_ids else None
        for action in self.category_menu.actions():
            if not action.isCheckable():
                continue
            action.blockSignals(True)
            action.setChecked(action.data() in (self.chosen or set()) if action.data()
                              is not None else self.chosen is None)
            action.blockSignals(False)
        self._label_categories()
        self.reload()

    def _label_categories(self) -> None:
        if self.chosen is None:
            self.categories.setText(ALL)
            return
        names = [n for i, n in self._category_names if i in self.chosen]
        self.categories.setText(", ".join(names) if len(names) <= 2 else
                                f"{len(names)} categories")
