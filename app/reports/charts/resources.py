"""Resources per initiative: cash and in-kind as stacked bars, volunteer hours beside them
(an initiative without expenditures in the period is marked "no data", not drawn as 0)."""

from __future__ import annotations

from app.reports.charts.spec import BarChart, Series
from app.services.resource_efficiency import ResourceReport


def resources_chart(report: ResourceReport) -> BarChart:
    rows = report.initiatives

    def dollars(cents: int | None) -> float | None:
        return None if cents is None else cents / 100

    return BarChart(
        title="Cash, in-kind and volunteer hours",
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
