"""Crime as charts: the monthly trend with the start marked, change next door, and the
partnership's monthly totals. A month without counts is None (a gap), never 0."""

from __future__ import annotations

from app.reports.charts.spec import Band, BarChart, LineChart, Series
from app.services.crime_analysis import AreaChange, CrimeTrend, PrePost


def _what(categories: tuple[str, ...]) -> str:
    if not categories:
        return "all categories"
    if len(categories) <= 3:
        return ", ".join(categories)
    return f"{len(categories)} categories"


def pre_post_trend_chart(p: PrePost) -> LineChart:
    """Monthly counts of the target (solid) and the comparison area (dashed), start marked."""
    trend = p.trend
    months = trend.months if trend else ()
    series = tuple(
        Series(f"{s.name} (comparison)" if index else s.name,
               tuple(None if v is None else float(v) for v in s.values), dashed=index > 0)
        for index, s in enumerate(trend.series if trend else ())
    )
    start = p.starts_on.replace(day=1) if p.starts_on else None
    shown = start if start and months and months[0] <= start <= months[-1] else None
    return LineChart(
        f"Monthly crimes ({_what(p.categories)}): {p.initiative_name}", "Month", "Crimes",
        tuple(months), series, marker_at=shown,
        marker_label=f"Start {start:%b %Y}" if shown else "",
    )


def _rows(p: PrePost) -> list[tuple[str, AreaChange]]:
    rows: list[tuple[str, AreaChange]] = []
    if p.target:
        rows.append((f"{p.target.area_name} (target)", p.target))
    if p.comparison:
        rows.append((f"{p.comparison.area_name} (comparison)", p.comparison))
    rows.extend((f"{d.area_name} (neighbor)", d) for d in p.displacement
                if not p.comparison or d.area_id != p.comparison.area_id)
    return rows


def displacement_chart(p: PrePost) -> BarChart:
    """Percent change per month counted: target, comparison and each neighboring area."""
    rows = _rows(p)
    values = tuple(None if c.percent_change is None else round(c.percent_change, 1)
                   for _, c in rows)
    known = [v for v in values if v is not None]
    low, high = min([0.0, *known]), max([0.0, *known])
    pad = max(5.0, (high - low) * 0.15)
    return BarChart(
        "Change after the start: target, comparison and neighboring areas",
        "% change per month counted", tuple(label for label, _ in rows),
        (Series("Change", values),), horizontal=True,
        value_range=(low - pad, high + pad),
        bands=(Band("no change", 0.0),),
        annotations=tuple("" if v is None else f"{v:+.0f}%" for v in values),
    )


def partnership_trend_chart(t: CrimeTrend) -> LineChart:
    """Monthly totals of all areas (dashed) and the top categories."""
    def floats(values: tuple[int | None, ...]) -> tuple[float | None, ...]:
        return tuple(None if v is None else float(v) for v in values)

    series = (Series("All (total)", floats(t.total), dashed=True),
              *(Series(s.name, floats(s.values)) for s in t.by_category))
    return LineChart(
        f"Monthly crimes, all areas ({_what(t.categories)}), {t.period.label()}", "Month",
        "Crimes", t.months, series,
    )


def initiatives_change_chart(results: list[PrePost]) -> BarChart:
    """Each initiative's percent change in its area (gaps where it cannot be computed)."""
    names = tuple(p.initiative_name for p in results)
    values = tuple(
        None if p.target is None or p.target.percent_change is None
        else round(p.target.percent_change, 1)
        for p in results
    )
    known = [v for v in values if v is not None]
    low, high = min([0.0, *known]), max([0.0, *known])
    pad = max(5.0, (high - low) * 0.15)
    return BarChart(
        "Change in each initiative's area after its start", "% change per month counted",
        names, (Series("Change", values),), horizontal=True, value_range=(low - pad, high + pad),
        bands=(Band("no change", 0.0),),
        annotations=tuple("" if v is None else f"{v:+.0f}%" for v in values),
    )
