"""Engagement scores as a horizontal bar chart (best first; no score drawn as "no data")."""

from __future__ import annotations

from app.reports.charts.spec import Band, BarChart, Series
from app.services.engagement import EngagementReport

MAX_BARS = 20


def engagement_chart(report: EngagementReport, limit: int = MAX_BARS) -> BarChart:
    """The ``limit`` best-scored organizations (then those without a score, if room)."""
    rows = report.rows[:limit]
    shown = f"top {len(rows)} of {len(report.rows)}" if len(report.rows) > len(rows) else ""
    return BarChart(
        title="Engagement score" + (f" ({shown})" if shown else ""),
        value_label="Score (0–100)",
        categories=tuple(r.name for r in rows),
        series=(Series("Score", tuple(None if r.score is None else float(r.score)
                                      for r in rows)),),
        horizontal=True,
        value_range=(0.0, 100.0),
        annotations=tuple("" if r.score is None else f"{r.score}" for r in rows),
        bands=(Band("50", 50.0),),
    )
