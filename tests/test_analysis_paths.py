"""Analysis fast paths: the same answers as the pure-Python ones, and no heavy imports.

Above a thousand actors brokerage counts and suggested ties are computed with sparse
matrices and Burt's measures with igraph. These tests force each path on small
random graphs (hubs, isolated actors, self-loops, unknown sectors) and compare.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import astuple

import networkx as nx
import pytest

from graphkit.analysis import brokerage, gaps
from graphkit.analysis.brokerage import brokerage_roles, structural_holes
from graphkit.analysis.centrality import CentralityTable
from graphkit.analysis.communities import describe_communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.gaps import suggested_ties
from graphkit.errors import GraphkitError
from graphkit.network import actor_projection

SECTORS = ("public", "social-economy", "private", "european-network", "unknown", None)


def random_actor_graph(seed: int) -> nx.Graph:
    """A weighted actor graph with sectors; every third one has a hub."""
    rng = random.Random(seed)
    n = rng.randint(3, 40)
    G = nx.gnm_random_graph(n, rng.randint(n, 4 * n), seed=seed)
    if seed % 3 == 0:
        G.add_edges_from((0, j) for j in range(1, n))
    G = nx.relabel_nodes(G, {v: f"org/{v:03d}" for v in G})
    G.add_node("org/zz-alone")
    if seed % 4 == 0:
        G.add_edge("org/000", "org/000")
    for v in G:
        G.nodes[v]["sector"] = rng.choice(SECTORS)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = rng.choice([1, 1, 2, 3, 0.5])
    return G


def random_bipartite(seed: int) -> nx.Graph:
    """Projects with owners, partners, covered municipalities and programme areas."""
    rng = random.Random(seed)
    B = nx.Graph()
    actors = [f"org/a{i:02d}" for i in range(rng.randint(4, 30))]
    places = [f"municipality/{code}" for code in ("0114", "0180", "1280", "2584")]
    for a in actors:
        B.add_node(a, type="organisation", sector=rng.choice(SECTORS))
    for m in places:
        B.add_node(m, type="municipality", sector="public")
    for p in range(rng.randint(2, 25)):
        project = f"project/p{p:02d}"
        B.add_node(project, type="project", programme_area=rng.choice("ABC"))
        for i, a in enumerate(rng.sample(actors, rng.randint(1, min(6, len(actors))))):
            B.add_edge(project, a, roles="owner" if i == 0 else "partner")
        for m in rng.sample(places, rng.randint(0, 2)):
            B.add_edge(project, m, roles=rng.choice(["covers", "partner"]))
    return B


@pytest.mark.parametrize("seed", range(40))
def test_sparse_brokerage_counts_equal_the_python_ones(seed, monkeypatch):
    G = random_actor_graph(seed)
    python = brokerage_roles(G)
    monkeypatch.setattr(brokerage, "SPARSE_ABOVE", 0)
    assert brokerage_roles(G) == python


@pytest.mark.parametrize("seed", range(40))
def test_sparse_suggested_ties_equal_the_python_ones(seed, monkeypatch):
    B = random_bipartite(seed)
    P = actor_projection(B)
    G = random_actor_graph(seed)
    python = [astuple(g) for g in suggested_ties(P, B, limit=8)]
    python_small = [astuple(g) for g in suggested_ties(G, limit=3, hub_limit=4)]
    monkeypatch.setattr(gaps, "SPARSE_ABOVE", 0)
    assert [astuple(g) for g in suggested_ties(P, B, limit=8)] == python
    assert [astuple(g) for g in suggested_ties(G, limit=3, hub_limit=4)] == python_small


def test_suggested_ties_do_not_depend_on_the_insertion_order():
    G = nx.karate_club_graph()
    G = nx.relabel_nodes(G, {v: f"org/{v:02d}" for v in G})
    shuffled = list(G.edges())
    random.Random(1).shuffle(shuffled)
    H = nx.Graph(shuffled)
    assert [astuple(g) for g in suggested_ties(H)] == [
        astuple(g) for g in suggested_ties(G)
    ]


@pytest.mark.parametrize("seed", range(20))
def test_igraph_burt_measures_equal_the_python_ones(seed):
    G = random_actor_graph(seed)
    python = structural_holes(G, backend="networkx")
    fast = structural_holes(G, backend="igraph")
    assert fast.keys() == python.keys()
    for node, values in python.items():
        assert fast[node] == pytest.approx(values, abs=1e-12, nan_ok=True)
    chosen = sorted(G)[:3]
    assert structural_holes(G, chosen, backend="igraph").keys() == set(chosen)


def test_burt_refuses_an_unknown_backend():
    with pytest.raises(GraphkitError, match="unknown backend"):
        structural_holes(nx.path_graph(3), backend="gephi")


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


def test_a_small_analysis_imports_no_heavy_module(tmp_path):
    script = """
import json, sys
import networkx as nx
from graphkit.analysis import analysis_files
B = nx.Graph()
for p, a in [("project/a", "org/coompanion"), ("project/a", "org/slup-se"),
             ("project/b", "org/slup-se"), ("project/b", "org/reves"),
             ("project/b", "municipality/0114")]:
    B.add_node(p, type="project")
    B.add_edge(p, a, roles="partner")
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
    loaded = set(json.loads(found.stdout))
    assert not loaded & {"igraph", "scipy", "matplotlib", "numpy"}
