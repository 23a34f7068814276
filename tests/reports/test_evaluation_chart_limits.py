"""Charts of a whole partnership at scale draw a readable, bounded number of bars."""

from __future__ import annotations

from app.reports.charts.draw import image_bytes
from app.reports.charts.resources import resources_chart
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.resource_efficiency import InitiativeResources, ResourceReport

SCOPE = EvaluationScope(Period.year(2026))


def test_resources_chart_draws_the_costliest_when_many() -> None:
    rows = tuple(InitiativeResources(i, f"Initiative {i:02d}", 100 * i, 0, None, None, None,
                                     0, ()) for i in range(1, 31))
    none = InitiativeResources(99, "Nothing spent", None, None, None, None, None, 0, ())
    report = ResourceReport(SCOPE, (none, *rows), sum(100 * i for i in range(1, 31)), 0,
                            None, 0)
    chart = resources_chart(report)
    assert chart.title == "Cash, in-kind and volunteer hours (costliest 20 of 31)"
    assert chart.categories == tuple(f"Initiative {i:02d}" for i in range(30, 10, -1))
    assert chart.series[0].values[:2] == (30.0, 29.0)
    assert image_bytes(chart, dpi=50).startswith(b"\x89PNG")


def test_resources_chart_keeps_every_initiative_up_to_the_limit() -> None:
    rows = tuple(InitiativeResources(i, f"I{i}", None if i == 2 else 100, 0, None, None,
                                     None, 0, ()) for i in range(1, 21))
    chart = resources_chart(ResourceReport(SCOPE, rows, 1900, 0, None, 0))
    assert chart.title == "Cash, in-kind and volunteer hours"
    assert chart.categories == tuple(f"I{i}" for i in range(1, 21))  # the table's order
    assert chart.series[0].values[1] is None  # no expenditures: no data, not 0
