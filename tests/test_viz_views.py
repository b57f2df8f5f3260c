"""Tests for graphkit.viz.views: the part of a graph a page draws, picked and copied."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from rdflib import Graph

from graphkit.network import project_actor_graph, restrict_roles
from graphkit.records import ACTIVE_ROLES, ROLES, Role, role_set
from graphkit.viz import exchange_files, network_data
from graphkit.viz import views as views_module
from graphkit.viz.views import page_graph, subgraph_of


@pytest.fixture(scope="module")
def seeds_B(seeds_graph: Graph) -> nx.Graph:
    """The seeds' project–actor graph of every role, as the build passes it."""
    return project_actor_graph(seeds_graph, ROLES)


def _bank(projects: int = 150, actors: int = 60, seed: int = 3) -> nx.Graph:
    """A seeded project–actor graph: popular actors, every role, some joint roles."""
    rng = random.Random(seed)
    B: nx.Graph[str] = nx.Graph()
    names = [f"org/forening-{i:03d}" for i in range(actors)]
    for i, name in enumerate(names):
        B.add_node(
            name,
            label=f"Förening {i}",
            type="organisation",
            actor_type="association",
            sector=rng.choice(["public", "social-economy", "private"]),
            code="",
            bipartite=1,
        )
    for p in range(projects):
        project = f"project/p-{p:04d}"
        B.add_node(
            project,
            label=f"Projekt {p}",
            type="project",
            start=f"{2008 + p % 12}-01-01",
            end=f"{2009 + p % 12}-06-30",
            region=rng.choice(["Stockholm", "Västsverige", ""]),
            bipartite=0,
        )
        members = rng.sample(
            names, k=rng.randint(1, 6), counts=[60 - i for i in range(actors)]
        )
        for k, actor in enumerate(dict.fromkeys(members)):
            roles = rng.choice(
                [
                    ["owner" if k == 0 else "partner"],
                    ["group"],
                    ["mention"],
                    ["covers"],
                    ["partner", "covers"],
                    ["mention", "covers"],
                ]
            )
            B.add_edge(
                project,
                actor,
                role=Role(roles[0]),
                roles=role_set(roles),
                project=project,
                line=10 + k,
                document=f"corpus/{p:04d}.txt",
            )
    return B


@pytest.mark.parametrize(
    "roles",
    [ROLES, ACTIVE_ROLES, [*ACTIVE_ROLES, "mention"], [*ACTIVE_ROLES, "covers"]],
    ids=["all", "active", "mentions", "coverage"],
)
def test_a_subgraph_of_roles_is_the_restricted_graph(
    seeds_B: nx.Graph, roles: list[str]
) -> None:
    for B in (seeds_B, _bank()):
        R = restrict_roles(B, roles)
        H = subgraph_of(B, [n for n in B if n in R], role_set(roles))
        assert list(H.nodes(data=True)) == list(R.nodes(data=True))
        assert [(u, v) for u, v in H.edges()] == [(u, v) for u, v in R.edges()]
        for u, v, edge in H.edges(data=True):
            assert {k: x for k, x in edge.items() if k != "weight"} == R.edges[u, v]


@pytest.mark.parametrize(
    "options",
    [{"max_nodes": 60}, {"top": 7}, {"top": 25, "max_nodes": 70}, {}],
    ids=["max-nodes", "top", "top-and-max-nodes", "all"],
)
def test_a_streamed_page_graph_is_the_part_of_the_whole_one(
    monkeypatch: pytest.MonkeyPatch, options: dict[str, int]
) -> None:
    """Picking from streamed degrees draws what picking from the built graph does."""
    B = _bank()
    monkeypatch.setattr(views_module, "BETWEENNESS_LIMIT", 10**9)
    whole = page_graph(B, **options)  # type: ignore[arg-type]
    monkeypatch.setattr(views_module, "BETWEENNESS_LIMIT", 10)
    streamed = page_graph(B, **options)  # type: ignore[arg-type]
    G, H = whole.graph, streamed.graph
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(data=True)) == list(G.edges(data=True))
    assert (streamed.total, streamed.notes) == (whole.total, whole.notes)
    for name in ("degree", "projects"):
        assert streamed.measures[name] == whole.measures[name]
    assert "betweenness" not in streamed.measures

    def sources(page: object, node: str) -> dict[str, tuple[object, object]]:
        around = page.context(node)  # type: ignore[attr-defined]
        return {m: (e.get("document"), e.get("line")) for m, e in around.items()}

    for node in G:  # the page reads a neighbour's edge for its document and line
        assert sources(streamed, node) == sources(whole, node)


def _tooltip_facts(data: dict, i: int) -> tuple[object, ...]:
    """What a node's tooltip is written from, as names rather than page indices."""
    nodes, projects = data["nodes"], data["projects"]
    sources = nodes["sources"][i]
    return (
        data["types"][nodes["type"][i]],
        [column[i] for column in nodes["values"]],
        sources[:1]
        + [
            data["documents"][d] if k % 2 == 0 else d for k, d in enumerate(sources[1:])
        ],
        [projects["label"][p] for p in nodes["projects"][i]],
        nodes["code"].get(str(i)),
    )


def test_a_capped_page_keeps_the_graphs_order_and_each_nodes_tooltip() -> None:
    B = _bank()
    full = network_data(B, max_nodes=None)
    capped = network_data(B, max_nodes=60)
    ids = capped["nodes"]["id"]
    assert 30 < len(ids) <= 60
    assert ids == [n for n in full["nodes"]["id"] if n in set(ids)]
    where = {n: i for i, n in enumerate(full["nodes"]["id"])}
    for i, node in enumerate(ids):  # a node's projects and sources are all there
        assert _tooltip_facts(capped, i) == _tooltip_facts(full, where[node])
    notes = capped["meta"]["notes"]
    assert notes[0].startswith(f"The graph has {len(full['nodes']['id'])} nodes")
    assert "projects that link most of them; left out:" in notes[1]


def test_views_and_exchange_files_leave_the_graph_alone(seeds_B: nx.Graph) -> None:
    def snapshot(G: nx.Graph) -> object:
        return (
            [(n, dict(d)) for n, d in G.nodes(data=True)],
            [(u, v, dict(d)) for u, v, d in G.edges(data=True)],
            dict(G.graph),
        )

    before = snapshot(seeds_B)
    for options in ({}, {"projection": "actors"}, {"top": 3}, {"ego": "org/skoopi"}):
        network_data(seeds_B, **options)  # type: ignore[arg-type]
    exchange_files(seeds_B)
    assert snapshot(seeds_B) == before
