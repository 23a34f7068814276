"""Resources per initiative: cash and in-kind as stacked bars, volunteer hours beside them
(an initiative without expenditures in the period is marked "no data", not drawn as 0).
More than ``MAX_BARS`` initiatives: the costliest are drawn, most first, and the title
says so (the table lists them all; 50 bars are unreadable and slow to lay out)."""

from __future__ import annotations

from app.reports.charts.spec import BarChart, Series
from app.services.resource_efficiency import ResourceReport

MAX_BARS = 20


def resources_chart(report: ResourceReport, limit: int = MAX_BARS) -> BarChart:
    rows = report.initiatives
    shown = ""
    if len(rows) > limit:
        rows = tuple(sorted(rows, key=lambda r: (r.total_cents is None,
                                                 -(r.total_cents or 0)))[:limit])
        shown = f" (costliest {limit} of {len(report.initiatives)})"

    def dollars(cents: int | None) -> float | None:
        return None if cents is None else cents / 100

    return BarChart(
        title="Cash, in-kind and volunteer hours" + shown,
        value_label="Amount",
        categories=tuple(r.name for r in rows),
        series=(Series("Cash", tuple(dollars(r.cash_cents) for r in rows)),
                Series("In-kind", tuple(dollars(r.in_kind_cents) for r in rows))),
        horizontal=True,
        stacked=True,
        annotations=tuple(hours_note(r.volunteer_hours) for r in rows),
    )


def hours_note(hours: float | None) -> str:
    if hours is None:
        return ""  # the bar is marked "no data" already
    text = f"{hours:,.1f}".removesuffix(".0")
    return f"{text} volunteer h"
