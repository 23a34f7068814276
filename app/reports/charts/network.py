"""The partnership network as a picture: the most central organizations and their links,
isolated partners along the bottom."""

from __future__ import annotations

from app.reports.charts.spec import Edge, NetworkChart, Node
from app.services.partnership_network import PartnershipNetwork

LEAD, PARTNER, ISOLATED = "lead", "partner", "isolated"


def network_chart(network: PartnershipNetwork) -> NetworkChart:
    nodes = {n.organization_id: n for n in network.nodes}
    drawn = [nodes[key] for key in network.pictured]
    linked = sum(1 for n in drawn if not n.isolated)
    connected = sum(1 for n in network.nodes if not n.isolated)
    parts = []
    if connected > linked:
        parts.append(f"The {linked} most connected of {connected} linked organizations.")
    isolated = len(network.isolated)
    if isolated > len(drawn) - linked:
        parts.append(f"{len(drawn) - linked} of {isolated} isolated shown.")
    parts.append("Line width: shared meetings and initiatives.")
    return NetworkChart(
        title="Partnership network",
        nodes=tuple(Node(n.organization_id, _short(n.name), float(max(n.partners, 1)),
                         ISOLATED if n.isolated else LEAD if n.leads else PARTNER)
                    for n in drawn),
        edges=tuple(Edge(link.a, link.b, float(link.weight)) for link in network.picture),
        caption=" ".join(parts),
        groups=(LEAD, PARTNER, ISOLATED),
    )


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
