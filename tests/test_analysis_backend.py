"""Each measure against networkx's public function, on both backends.

:mod:`graphkit.analysis._backend` picks networkx or igraph by size; here each
backend is forced on small hand-built graphs and on the seeds' actor graph, and
compared with networkx's own function (the oracle). Brokerage and suggested ties
have one implementation (sparse matrices), checked against the triangle counts
and the Adamic-Adar index networkx gives.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from dataclasses import astuple

import networkx as nx
import pytest
from rdflib import Graph

from graphkit.analysis import _backend
from graphkit.analysis.brokerage import brokerage_roles, structural_holes
from graphkit.analysis.centrality import CentralityTable, centrality
from graphkit.analysis.communities import describe_communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.suggest import suggested_ties, suggestions
from graphkit.errors import GraphkitError
from graphkit.network import actor_projection, project_actor_graph

BACKENDS = ("networkx", "igraph")
SECTORS = ("public", "social-economy", "private", "european-network", None)


def kite() -> nx.Graph:
    """Krackhardt's kite with Swedish actors: a closed core, a broker, a tail."""
    G = nx.krackhardt_kite_graph()
    names = [
        "Coompanion",
        "Skoopi",
        "Region Skåne",
        "Göteborgs Stad",
        "Arbetsförmedlingen",
        "Mikrofonden",
        "REVES",
        "SKR",
        "Sensus",
        "Malmö stad",
    ]
    G = nx.relabel_nodes(G, dict(enumerate(names)))
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v]["weight"] = 1 + i % 3
    return G


def random_actor_graph(seed: int) -> nx.Graph:
    """A weighted actor graph with sectors, an isolated actor, sometimes a hub."""
    rng = random.Random(seed)
    n = rng.randint(4, 30)
    G = nx.gnm_random_graph(n, rng.randint(n, 3 * n), seed=seed)
    if seed % 2:
        G.add_edges_from((0, j) for j in range(1, n))
    G = nx.relabel_nodes(G, {v: f"org/{v:03d}" for v in G})
    G.add_node("org/zz-alone")
    for v in G:
        G.nodes[v]["sector"] = rng.choice(SECTORS)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = rng.choice([1, 2, 3])
    return G


GRAPHS = {
    "kite": kite,
    "star": lambda: nx.star_graph(["Coompanion", "Skoopi", "REVES", "SKR"]),
    "two-parts": lambda: nx.Graph(
        [("Coompanion", "Skoopi"), ("Skoopi", "REVES"), ("SKR", "Sensus")]
    ),
    "random-1": lambda: random_actor_graph(1),
    "random-2": lambda: random_actor_graph(2),
}


@pytest.fixture(scope="module")
def seeds_P(seeds_graph: Graph) -> nx.Graph:
    return actor_projection(project_actor_graph(seeds_graph))


def _graphs(seeds_P: nx.Graph) -> dict[str, nx.Graph]:
    return {name: make() for name, make in GRAPHS.items()} | {"seeds": seeds_P}


def _close(ours: dict, oracle: dict) -> None:
    assert ours.keys() == oracle.keys()
    for node, value in oracle.items():
        assert ours[node] == pytest.approx(value, abs=1e-9, nan_ok=True), node


@pytest.mark.parametrize("backend", BACKENDS)
def test_betweenness_closeness_pagerank_are_networkx_s(seeds_P, backend):
    for name, G in _graphs(seeds_P).items():
        _close(_backend.betweenness(G, backend), nx.betweenness_centrality(G))
        _close(_backend.closeness(G, backend), nx.closeness_centrality(G))
        _close(
            _backend.pagerank(G, backend),
            nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000),
        )
        table = centrality(G, backend=backend)
        assert table.backend == backend, name


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_is_networkx_s_with_k(seeds_P, backend):
    for G in _graphs(seeds_P).values():
        k = max(2, len(G) // 3)
        oracle = nx.betweenness_centrality(G, k=k, seed=7)
        _close(_backend.betweenness(G, backend, k=k, seed=7), oracle)


def test_sampled_closeness_agrees_between_backends_and_is_exact_with_every_source():
    G = kite()
    every = _backend.closeness(G, "networkx", k=len(G))
    _close(every, nx.closeness_centrality(G))
    _close(
        _backend.closeness(G, "igraph", k=4, seed=3),
        _backend.closeness(G, "networkx", k=4, seed=3),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_burt_measures_are_networkx_s(seeds_P, backend):
    for G in _graphs(seeds_P).values():
        holes = structural_holes(G, backend=backend)
        size = nx.effective_size(G)
        constraint = nx.constraint(G, weight="weight")
        assert holes.keys() == set(G)
        for v, (s, c) in holes.items():
            assert s == pytest.approx(size[v], nan_ok=True)
            assert c == pytest.approx(constraint[v], nan_ok=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_burt_measures_leave_self_loops_out(backend):
    G = kite()
    looped = G.copy()
    looped.add_edge("Coompanion", "Coompanion", weight=5)
    with_loop, without = (structural_holes(H, backend=backend) for H in (looped, G))
    for v, values in without.items():
        assert with_loop[v] == pytest.approx(values)


def test_the_backend_is_chosen_by_size_and_an_unknown_one_refused():
    assert _backend.choose(kite()) == "networkx"
    assert _backend.choose(nx.path_graph(_backend.IGRAPH_ABOVE + 1)) == "igraph"
    hub = nx.star_graph(300)  # a national project's municipalities
    assert _backend.choose(hub) == "networkx"
    assert _backend.choose(hub, cubic=True) == "igraph"  # nx.constraint: seconds
    assert _backend.choose(kite(), cubic=True) == "networkx"
    with pytest.raises(GraphkitError, match="unknown backend"):
        structural_holes(nx.path_graph(3), backend="gephi")


@pytest.mark.parametrize("seed", range(6))
def test_brokerage_counts_every_open_pair_once(seed):
    """``total`` is each actor's pairs of collaborators less its triangles."""
    G = random_actor_graph(seed)
    triangles = nx.triangles(G)
    counts = brokerage_roles(G)
    for v in G:
        d = G.degree(v)
        assert counts[v]["total"] == d * (d - 1) // 2 - triangles[v]
        roles = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")
        assert sum(counts[v][r] for r in roles) == counts[v]["total"]


def test_brokerage_roles_of_a_hand_built_graph():
    G = nx.Graph(
        [
            ("Coompanion", "Skoopi"),
            ("Coompanion", "Göteborgs Stad"),
            ("Coompanion", "REVES"),
            ("Coompanion", "Mikrofonden"),
            ("Skoopi", "Mikrofonden"),
        ]
    )
    sectors = {
        "Coompanion": "social-economy",
        "Skoopi": "social-economy",
        "Mikrofonden": "social-economy",
        "Göteborgs Stad": "public",
        "REVES": "european-network",
    }
    nx.set_node_attributes(G, sectors, "sector")
    assert brokerage_roles(G)["Coompanion"] == {
        "coordinator": 0,  # Skoopi–Mikrofonden are tied: no open pair
        "itinerant": 0,
        "gatekeeper_representative": 4,  # Skoopi or Mikrofonden with an outsider
        "liaison": 1,  # Göteborgs Stad–REVES
        "total": 5,
        "social_public": 2,
        "social_european": 2,
    }
    assert brokerage_roles(nx.Graph()) == {}


def test_suggested_ties_score_the_adamic_adar_index_plus_project_ties():
    """Without sectors, places or years: Adamic-Adar plus 0.25·n/(n+2) project ties."""
    G = nx.relabel_nodes(nx.karate_club_graph(), lambda v: f"org/{v:02d}")
    for _, _, edge in G.edges(data=True):
        edge["projects"] = ("project/a",)
    found, _ = suggestions(G, limit=10)
    index = {(u, v) if u < v else (v, u): s for u, v, s in nx.adamic_adar_index(G)}
    common = {
        pair: len(list(nx.common_neighbors(G, *pair))) for pair in index
    }  # one project per tie: two project ties per shared partner
    expected = {
        pair: s + 0.25 * (2 * common[pair]) / (2 * common[pair] + 2)
        for pair, s in index.items()
    }
    best = sorted(expected.items(), key=lambda kv: (-round(kv[1], 12), kv[0]))[:10]
    assert [s.pair for s in found] == [pair for pair, _ in best]
    assert [s.score for s in found] == pytest.approx([v for _, v in best])
    assert [s.parts[0] for s in found] == pytest.approx([index[p] for p, _ in best])


def test_suggested_ties_do_not_depend_on_the_insertion_order():
    G = nx.karate_club_graph()
    G = nx.relabel_nodes(G, {v: f"org/{v:02d}" for v in G})
    shuffled = list(G.edges())
    random.Random(1).shuffle(shuffled)
    H = nx.Graph(shuffled)
    assert [astuple(g) for g in suggested_ties(H)] == [
        astuple(g) for g in suggested_ties(G)
    ]


def test_equal_pieces_of_an_articulation_point_break_ties_by_id():
    # Skoopi ties Coompanion and Mikrofonden, each alone: two pieces of one actor
    for order in (
        [("org/skoopi", "org/mikrofonden"), ("org/skoopi", "org/coompanion")],
        [("org/skoopi", "org/coompanion"), ("org/skoopi", "org/mikrofonden")],
    ):
        (gap,) = [g for g in fragility(nx.Graph(order)) if g.kind != "bridge"]
        assert gap.subject == "org/skoopi"
        assert "(mikrofonden hold on only through it)" in gap.reason.replace("org/", "")


def test_fragility_ignores_self_loops():
    G = nx.Graph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")])
    looped = G.copy()
    looped.add_edge("C", "C")
    assert fragility(looped) == fragility(G)


def test_rankings_treat_last_bit_differences_as_ties():
    third = 1 / 3
    noisy = 0.1 + 0.2 - 0.3 + third  # third + 5.5e-17
    table = CentralityTable(
        {"org/slup-se": {"pagerank": noisy}, "org/reves": {"pagerank": third}},
        "networkx",
    )
    assert [node for node, _ in table.top("pagerank")] == ["org/reves", "org/slup-se"]
    G = nx.Graph([("org/slup-se", "org/reves")])
    (community,) = describe_communities(
        G, [frozenset(G)], {"org/slup-se": noisy, "org/reves": third}
    )
    assert community.top == ("org/reves", "org/slup-se")
    assert not math.isnan(third)


def test_a_small_analysis_imports_neither_igraph_nor_matplotlib(tmp_path):
    script = """
import json, sys
import networkx as nx
from graphkit.analysis import analysis_files
from graphkit.records import role_set
B = nx.Graph()
for p, a in [("project/a", "org/coompanion"), ("project/a", "org/slup-se"),
             ("project/b", "org/slup-se"), ("project/b", "org/reves"),
             ("project/b", "municipality/0114")]:
    B.add_node(p, type="project")
    B.add_edge(p, a, roles=role_set(["partner"]))
analysis_files(B)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""
    found = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert not set(json.loads(found.stdout)) & {"igraph", "matplotlib"}
