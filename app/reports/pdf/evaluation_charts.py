"""Chart specs the evaluation report draws from its own figures: a goal's measurements
against its target, and the period's resources by category."""

from __future__ import annotations

from app.reports.charts.spec import Band, BarChart, LineChart, Series
from app.services.evaluation_report import GoalLine, Resources
from app.services.initiative_goals import number_text


def goal_chart(goal: GoalLine) -> LineChart | None:
    """The measurements up to the period's end with the target (and baseline) as lines;
    None with fewer than two measurements (a single point is no trend)."""
    if len(goal.history) < 2:
        return None
    bands = []
    if goal.target is not None:
        bands.append(Band(f"Target {number_text(goal.target, goal.unit)}", goal.target,
                          tone="good"))
    if goal.baseline is not None:
        bands.append(Band(f"Baseline {number_text(goal.baseline, goal.unit)}", goal.baseline))
    return LineChart(
        title=goal.name,
        x_label="Date measured",
        y_label=goal.unit or "Value",
        x=tuple(day for day, _value in goal.history),
        series=(Series("Measured", tuple(value for _day, value in goal.history)),),
        bands=tuple(bands),
    )


def resources_chart(resources: Resources) -> BarChart | None:
    """Cash and in-kind amounts per category in the period (None when nothing was spent)."""
    rows = [row for row in resources.by_category if row[1] or row[2]]
    if not rows:
        return None
    return BarChart(
        title="Resources by category in the period",
        value_label="Amount (currency units)",
        category_label="Category",
        categories=tuple(row[0] for row in rows),
        series=(Series("Cash", tuple(row[1] / 100 for row in rows)),
                Series("In-kind", tuple(row[2] / 100 for row in rows))),
        horizontal=True,
        stacked=True,
    )
