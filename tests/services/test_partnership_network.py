"""The partnership network equals a recomputation from raw rows with networkx itself."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations

import networkx as nx
import pytest

from app.models.database import Database
from app.services.evaluation_scope import EvaluationScope
from app.services.partnership_network import partnership_network
from tests.services.test_engagement import (
    PERIOD,
    World,
    build_world,
    day_of,
    initiatives_in,
    joined_by,
    local_date,
    memberships,
    orgs_on,
    rows,
)


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    yield build_world(any_db, seed=5)


def expected_graph(world: World, scope: EvaluationScope) -> tuple[nx.Graph, Counter]:  # type: ignore[type-arg]
    ws, period = world.ws, scope.period
    member = memberships(ws)
    live = {i for (i,) in rows(ws, "select id from organizations where archived_at is null")}
    held = {m: local_date(at) for m, at, status, i in rows(
        ws, "select id, starts_at, status, initiative_id from meetings")
        if status == "held" and local_date(at) in period and scope.initiative_id in (None, i)}
    at_meeting: dict[int, set[int]] = defaultdict(set)
    for meeting, person, status in rows(ws, "select meeting_id, person_id, status from attendance"):
        if meeting in held and status == "present":
            at_meeting[meeting] |= orgs_on(member, person, held[meeting]) & live
    in_initiative: dict[int, set[int]] = defaultdict(set)
    for i, org in joined_by(ws, period, initiatives_in(ws, period, scope.initiative_id)):
        if org in live:
            in_initiative[i].add(org)
    graph = nx.Graph()
    weights: Counter = Counter()  # type: ignore[type-arg]
    for group in [*at_meeting.values(), *in_initiative.values()]:
        graph.add_nodes_from(group)
        for a, b in combinations(sorted(group), 2):
            graph.add_edge(a, b)
            weights[a, b] += 1
    return graph, weights


@pytest.mark.parametrize("which", [None, 0, 2])
def test_network_matches_networkx_on_the_raw_rows(world: World, which: int | None) -> None:
    scope = EvaluationScope(PERIOD, None if which is None else world.initiatives[which])
    network = partnership_network(world.ws, scope)
    graph, weights = expected_graph(world, scope)
    assert {n.organization_id for n in network.nodes} == set(graph.nodes)
    assert network.links == graph.number_of_edges()
    if graph.number_of_nodes() > 1:
        assert network.density == pytest.approx(nx.density(graph))
    centrality = nx.degree_centrality(graph) if len(graph) > 1 else {}
    betweenness = nx.betweenness_centrality(graph)
    for node in network.nodes:
        key = node.organization_id
        assert node.partners == graph.degree(key)
        assert node.shared == sum(w for pair, w in weights.items() if key in pair)
        if len(graph) > 1:
            assert node.degree_centrality == pytest.approx(centrality[key])
        assert node.betweenness == pytest.approx(betweenness[key])
    assert {n.organization_id for n in network.isolated} == set(nx.isolates(graph))
    assert [n.partners for n in network.nodes] == sorted(
        (n.partners for n in network.nodes), reverse=True)
    for link in network.picture:
        assert link.weight == weights[link.a, link.b]
    shown = set(network.pictured)
    assert {(link.a, link.b) for link in network.picture} == {
        pair for pair in weights if set(pair) <= shown}


def test_a_partnership_with_no_records_has_no_density(any_db: Database) -> None:
    from app.services.workspace import Workspace

    network = partnership_network(Workspace(any_db), EvaluationScope(PERIOD))
    assert network.nodes == () and network.links == 0 and network.density is None
    assert day_of(None) is None


def test_the_seeded_world_has_links_and_isolated_partners(world: World) -> None:
    network = partnership_network(world.ws, EvaluationScope(PERIOD, world.initiatives[2]))
    whole = partnership_network(world.ws, EvaluationScope(PERIOD))
    assert whole.links > 0 and whole.picture and whole.betweenness_computed
    assert network.nodes
