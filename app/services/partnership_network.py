"""The partnership network: which organizations work together, from the agency's records.

- **Nodes**: organizations (not archived) that had someone present at a meeting in scope,
  or lead or joined an initiative in scope (the same meetings, affiliation dates and
  initiatives as the engagement score: see ``app.services.engagement``).
- **Edges**: two organizations are linked by every meeting in scope at which both had
  someone present, and by every initiative in scope both lead or joined; the **weight**
  is shared meetings + shared initiatives.
- **Density**: links ÷ possible links, n·(n−1)/2 (None below two organizations).
- **Degree centrality**: partners an organization is linked with ÷ (n − 1).
- **Betweenness** (networkx, unweighted shortest paths): how often an organization lies
  on the shortest path between two others; computed up to ``BETWEENNESS_LIMIT``
  organizations, otherwise None ("not computed": it would take too long).
- **Isolated**: organizations in the network linked with no other.

Degrees are counted with one bit set per meeting and initiative (an organization's
partners = the union of the sets it is in), so even a million links are counted in
milliseconds; networkx works on the small picture and on betweenness.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from sqlalchemy import select

from app.models import Affiliation, Attendance, AttendanceStatus, Initiative, Organization
from app.services.engagement import (
    affiliated_at,
    initiative_members,
    scope_initiative_ids,
    scope_meeting_ids,
)
from app.services.evaluation_scope import EvaluationScope
from app.services.workspace import Workspace

BETWEENNESS_LIMIT = 400  # organizations; above this betweenness is not computed
PICTURE_SIZE = 25  # most central organizations drawn
PICTURE_ISOLATED = 12  # isolated organizations drawn along the bottom


@dataclass(frozen=True)
class NetworkNode:
    organization_id: int
    name: str
    partners: int  # organizations linked with (degree)
    shared: int  # sum of the weights of its links
    degree_centrality: float | None  # None in a network of one
    betweenness: float | None  # None: not computed (large network)
    meetings: int  # meetings in scope with someone of it present
    initiatives: int  # initiatives in scope it leads or joined
    leads: bool  # leads an initiative in scope

    @property
    def isolated(self) -> bool:
        return self.partners == 0


@dataclass(frozen=True)
class NetworkLink:
    a: int
    b: int
    meetings: int
    initiatives: int

    @property
    def weight(self) -> int:
        return self.meetings + self.initiatives


@dataclass(frozen=True)
class PartnershipNetwork:
    scope: EvaluationScope
    nodes: tuple[NetworkNode, ...]  # most central first (partners, shared, name)
    links: int  # number of linked pairs
    density: float | None
    picture: tuple[NetworkLink, ...]  # links among ``pictured`` organizations
    pictured: tuple[int, ...]  # organization ids drawn: most central, then isolated
    betweenness_computed: bool

    @property
    def isolated(self) -> tuple[NetworkNode, ...]:
        return tuple(sorted((n for n in self.nodes if n.isolated),
                            key=lambda n: (n.name.casefold(), n.organization_id)))

    def top_central(self, count: int = 10) -> tuple[NetworkNode, ...]:
        return tuple(n for n in self.nodes if not n.isolated)[:count]


def partnership_network(ws: Workspace, scope: EvaluationScope) -> PartnershipNetwork:
    with ws.read() as session:
        # Core rows (no ORM result processing): ~100,000 pairs at benchmark scale.
        present = session.connection().execute(
            select(Attendance.meeting_id, Affiliation.organization_id)
            .join(Affiliation, Affiliation.person_id == Attendance.person_id)
            .join(Attendance.meeting)
            .where(Attendance.meeting_id.in_(scope_meeting_ids(scope)),
                   Attendance.status == AttendanceStatus.PRESENT,
                   affiliated_at(session, scope.period))
            .distinct()
        ).all()
        initiative_ids = scope_initiative_ids(session, scope)
        members = initiative_members(session, scope.period, initiative_ids)
        leads = set(session.scalars(select(Initiative.lead_organization_id).where(
            Initiative.id.in_(initiative_ids)))) if initiative_ids else set()
        ids = {org for _m, org in present} | {org for _i, org in members}
        names = dict(session.execute(select(Organization.id, Organization.name).where(
            Organization.id.in_(ids), Organization.archived_at.is_(None))).all()) if ids else {}
    by_meeting: dict[int, list[int]] = defaultdict(list)
    by_initiative: dict[int, list[int]] = defaultdict(list)
    for rows, by_key in ((present, by_meeting), (members, by_initiative)):
        for key, org in rows:
            if org in names:
                by_key[key].append(org)
    # The organizations of each meeting, then of each initiative.
    groups = [*by_meeting.values(), *by_initiative.values()]
    meeting_groups = len(by_meeting)
    return _network(scope, names, groups, meeting_groups, leads)


def _network(scope: EvaluationScope, names: dict[int, str], groups: list[list[int]],
             meeting_groups: int, leads: set[int | None]) -> PartnershipNetwork:
    order = sorted(names)
    bit = {org: 1 << index for index, org in enumerate(order)}
    reach = dict.fromkeys(order, 0)
    shared = dict.fromkeys(order, 0)
    meetings = dict.fromkeys(order, 0)
    initiatives = dict.fromkeys(order, 0)
    for number, group in enumerate(groups):
        mask = 0
        for org in group:
            mask |= bit[org]
        tally = meetings if number < meeting_groups else initiatives
        for org in group:
            reach[org] |= mask
            shared[org] += len(group) - 1
            tally[org] += 1
    degree = {org: reach[org].bit_count() - (1 if reach[org] else 0) for org in order}
    n = len(order)
    links = sum(degree.values()) // 2
    density = links / (n * (n - 1) / 2) if n > 1 else None
    betweenness = _betweenness(order, groups) if n <= BETWEENNESS_LIMIT else {}
    nodes = sorted(
        (NetworkNode(org, names[org], degree[org], shared[org],
                     degree[org] / (n - 1) if n > 1 else None, betweenness.get(org),
                     meetings[org], initiatives[org], org in leads) for org in order),
        key=lambda x: (-x.partners, -x.shared, x.name.casefold(), x.organization_id))
    central = [x.organization_id for x in nodes if not x.isolated][:PICTURE_SIZE]
    alone = [x.organization_id for x in nodes if x.isolated][:PICTURE_ISOLATED]
    picture = _links(set(central), groups, meeting_groups)
    return PartnershipNetwork(scope, tuple(nodes), links, density, picture,
                              tuple(central + alone), n <= BETWEENNESS_LIMIT)


def _links(shown: set[int], groups: list[list[int]], meeting_groups: int
           ) -> tuple[NetworkLink, ...]:
    """The links among ``shown`` with their shared meetings and initiatives."""
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for number, group in enumerate(groups):
        inside = sorted(org for org in group if org in shown)
        for pair in combinations(inside, 2):
            counts[pair][0 if number < meeting_groups else 1] += 1
    return tuple(NetworkLink(a, b, m, i) for (a, b), (m, i) in sorted(counts.items()))


def _betweenness(order: list[int], groups: list[list[int]]) -> dict[int, float]:
    graph = nx.Graph()
    graph.add_nodes_from(order)
    for group in groups:
        graph.add_edges_from(combinations(sorted(set(group)), 2))
    return {org: float(value) for org, value in nx.betweenness_centrality(graph).items()}
