"""Crime chart specs: the start marked, gaps for months without counts, no-data bars."""

from __future__ import annotations

import math
from datetime import date

from app.reports.charts.crime import (
    displacement_chart,
    initiatives_change_chart,
    partnership_trend_chart,
    pre_post_trend_chart,
)
from app.reports.charts.draw import figure, image_bytes
from app.services.crime_analysis import (
    AreaChange,
    CrimeTrend,
    PrePost,
    Trend,
    TrendSeries,
    Window,
)
from app.services.evaluation_scope import Period
from app.services.rate_ratio import RateRatio, rate_ratio

MONTHS = tuple(date(2024, m, 1) for m in range(1, 7))


def change(area_id: int, name: str, before: int | None, after: int | None) -> AreaChange:
    if before is None or after is None:
        return AreaChange(area_id, name, before, after, 0, 3, None, RateRatio(None, None, None))
    return AreaChange(area_id, name, before, after, 3, 3, (after - before) / before * 100,
                      rate_ratio(after, before))


def result() -> PrePost:
    trend = Trend(MONTHS, (TrendSeries("Eastside", (30, None, 28, 20, 18, 17)),
                           TrendSeries("Westfield", (25, 26, 24, 25, 27, 24))))
    return PrePost(
        1, "Eastside project", date(2024, 4, 12), 3, ("Burglary",), "", "Eastside",
        Window(date(2024, 1, 1), date(2024, 3, 1), 3),
        Window(date(2024, 4, 1), date(2024, 6, 1), 3),
        change(1, "Eastside", 58, 55), change(2, "Westfield", 75, 76), None,
        (change(3, "Downtown", 90, 99), change(4, "Harbor", None, 12),
         change(2, "Westfield", 75, 76)),
        trend,
    )


def test_trend_marks_the_start_month_and_leaves_gaps() -> None:
    chart = pre_post_trend_chart(result())
    assert chart.marker_at == date(2024, 4, 1) and chart.marker_label == "Start Apr 2024"
    assert [s.name for s in chart.series] == ["Eastside", "Westfield (comparison)"]
    assert chart.series[0].values[1] is None and chart.series[1].dashed
    assert "Burglary" in chart.title
    axes = figure(chart).axes[0]
    assert math.isnan(axes.lines[0].get_ydata()[1])
    assert image_bytes(chart).startswith(b"\x89PNG")


def test_a_start_outside_the_period_is_not_marked() -> None:
    p = result()
    outside = PrePost(**{**p.__dict__, "starts_on": date(2025, 2, 1)})
    assert pre_post_trend_chart(outside).marker_at is None


def test_displacement_bars_show_no_data_rather_than_zero() -> None:
    chart = displacement_chart(result())
    # The comparison area is a neighbor too, but appears once.
    assert chart.categories == ("Eastside (target)", "Westfield (comparison)",
                                "Downtown (neighbor)", "Harbor (neighbor)")
    values = chart.series[0].values
    assert values[2] == 10.0 and values[3] is None
    assert chart.annotations[2] == "+10%" and chart.annotations[3] == ""
    texts = [t.get_text() for t in figure(chart).axes[0].texts]
    assert "no data" in texts


def test_partnership_trend_and_initiative_changes() -> None:
    trend = CrimeTrend(Period(date(2024, 1, 1), date(2024, 3, 31)), MONTHS[:3],
                       (None, 40, 44), (TrendSeries("Burglary", (None, 30, 31)),
                                        TrendSeries("Other categories", (None, 10, 13))), ())
    chart = partnership_trend_chart(trend)
    assert [s.name for s in chart.series] == ["All (total)", "Burglary", "Other categories"]
    assert chart.series[0].values == (None, 40.0, 44.0)
    assert "all categories" in chart.title
    bars = initiatives_change_chart([result(), PrePost(9, "No area", None, 12, (), "none")])
    assert bars.categories == ("Eastside project", "No area")
    assert bars.series[0].values[1] is None
    figure(bars)
