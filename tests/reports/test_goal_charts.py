"""The goals chart: progress per goal, gaps for no data, at most 20 bars."""

from __future__ import annotations

from datetime import date

from app.models import Direction
from app.reports.charts.goals import MOST_BARS, goal_progress_chart
from app.services.goal_progress import GoalProgress
from app.services.goal_status import GoalStatus


def goal(name: str, latest: float | None) -> GoalProgress:
    return GoalProgress(1, "Watch", name, "homes", Direction.INCREASE, 0.0, 100.0, latest,
                        date(2026, 1, 1) if latest is not None else None, 1,
                        GoalStatus.PENDING, "")


def test_progress_in_percent_and_no_data_as_a_gap() -> None:
    chart = goal_progress_chart([goal("Locks", 80.0), goal("Lights", None)], False)
    assert chart.categories == ("Locks", "Lights")
    assert chart.series[0].values == (80.0, None)
    assert chart.annotations == ("80%", "")


def test_many_goals_draw_the_furthest_from_target() -> None:
    goals = [goal(f"Goal {i}", float(i)) for i in range(30)] + [goal("Unmeasured", None)]
    chart = goal_progress_chart(goals, with_initiative=True)
    assert len(chart.categories) == MOST_BARS
    assert chart.categories[0] == "Watch: Goal 0"
    assert "the 20 furthest from target, of 31" in chart.title
