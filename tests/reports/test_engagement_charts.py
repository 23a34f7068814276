"""Chart builders: what each chart shows comes from the report, "no data" stays None."""

from __future__ import annotations

from datetime import date

from app.reports.charts.draw import image_bytes
from app.reports.charts.engagement import engagement_chart
from app.reports.charts.network import ISOLATED, network_chart
from app.reports.charts.resources import resources_chart
from app.services.engagement import EngagementReport, EngagementRow
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.goal_status import GoalStatus
from app.services.partnership_network import NetworkLink, NetworkNode, PartnershipNetwork
from app.services.resource_efficiency import InitiativeResources, ResourceReport

SCOPE = EvaluationScope(Period.year(2026))


def row(org: int, name: str, score: int | None) -> EngagementRow:
    return EngagementRow(org, name, 4, 2, 0.5, 0, 0, None, 1, 0, score,
                         ("attendance",) if score is not None else ())


def test_engagement_chart_keeps_no_score_as_no_data() -> None:
    report = EngagementReport(SCOPE, (row(1, "Alpha", 80), row(2, "Beta", None)), 1)
    chart = engagement_chart(report)
    assert chart.categories == ("Alpha", "Beta")
    assert chart.series[0].values == (80.0, None)
    assert chart.value_range == (0.0, 100.0)
    assert image_bytes(chart, dpi=50).startswith(b"\x89PNG")
    many = EngagementReport(SCOPE, tuple(row(i, f"Org {i}", i) for i in range(30)), 1)
    assert engagement_chart(many).title == "Engagement score (top 20 of 30)"


def test_network_chart_groups_lead_partner_isolated() -> None:
    nodes = (NetworkNode(1, "Police", 1, 3, 1.0, 0.0, 3, 1, True),
             NetworkNode(2, "School", 1, 3, 1.0, 0.0, 3, 0, False),
             NetworkNode(3, "Alone", 0, 0, 0.0, 0.0, 1, 0, False))
    network = PartnershipNetwork(SCOPE, nodes, 1, 1 / 3, (NetworkLink(1, 2, 2, 1),),
                                 (1, 2, 3), True)
    chart = network_chart(network)
    assert [(n.key, n.group) for n in chart.nodes] == [(1, "lead"), (2, "partner"),
                                                       (3, ISOLATED)]
    assert [(e.a, e.b, e.weight) for e in chart.edges] == [(1, 2, 3.0)]
    assert image_bytes(chart, dpi=50).startswith(b"\x89PNG")


def test_resources_chart_cash_in_kind_hours() -> None:
    spent = InitiativeResources(1, "Watch", 1250, 500, 12.5, 10_000, 1250, 4, ())
    nothing = InitiativeResources(2, "Plan", None, None, None, None, None, 0, ())
    report = ResourceReport(SCOPE, (spent, nothing), 1250, 500, 12.5, 4)
    chart = resources_chart(report)
    assert chart.categories == ("Watch", "Plan")
    assert [s.values for s in chart.series] == [(12.5, None), (5.0, None)]
    assert chart.annotations == ("12.5 volunteer h", "")
    assert chart.stacked
    assert GoalStatus.PENDING.label  # the outcome status labels exist for the table
    assert date(2026, 1, 1) in SCOPE.period
