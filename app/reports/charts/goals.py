"""Goals as a chart: how far each has come from its baseline toward its target."""

from __future__ import annotations

from app.reports.charts.spec import Band, BarChart, Series
from app.services.goal_progress import GoalProgress
from app.services.goal_status import CLOSE_SHARE_OF_DISTANCE

MOST_BARS = 20  # more bars than this cannot be read (and take long to draw)


def goal_progress_chart(goals: list[GoalProgress], with_initiative: bool) -> BarChart:
    """Percent of the way to target per goal (100% = reached); gaps where it cannot be said.
    Of many goals, the ``MOST_BARS`` furthest from their target are drawn (the table lists
    them all)."""
    title = "Goals: share of the way from baseline to target"
    if len(goals) > MOST_BARS:
        title += f" (the {MOST_BARS} furthest from target, of {len(goals)})"
        goals = sorted(goals, key=lambda g: (g.progress is None,
                                             g.progress if g.progress is not None else 0))
        goals = goals[:MOST_BARS]
    names = tuple(f"{g.initiative}: {g.name}" if with_initiative else g.name for g in goals)
    values = tuple(None if g.progress is None else round(100 * g.progress, 1) for g in goals)
    top = max([100.0, *(v for v in values if v is not None)]) + 10
    bottom = min([0.0, *(v for v in values if v is not None)])
    close = 100 * CLOSE_SHARE_OF_DISTANCE
    return BarChart(
        title, "% of the way to target", names,
        (Series("Progress", values),), horizontal=True, value_range=(bottom, top),
        bands=(Band("needs improvement", bottom, close, "bad"),
               Band("close", close, 100, "warn"), Band("on target", 100, top, "good")),
        annotations=tuple("" if v is None else f"{v:.0f}%" for v in values),
    )
