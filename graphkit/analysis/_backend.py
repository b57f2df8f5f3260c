"""Graph → networkx or igraph: the one place that picks the library by the graph's size.

Each measure has one implementation per library, the library's own: networkx's
public functions on small graphs (they are also what the tests compare with) and
igraph's C code above :data:`IGRAPH_ABOVE` nodes, where networkx takes minutes.
igraph is imported only when it is chosen.
"""

from __future__ import annotations

import math
import random
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError

__all__ = [
    "CUBIC_WORK_ABOVE",
    "IGRAPH_ABOVE",
    "betweenness",
    "choose",
    "closeness",
    "pagerank",
    "sample",
    "structural_holes",
    "to_igraph",
]

#: Above this many nodes ``backend="auto"`` uses igraph.
IGRAPH_ABOVE = 1000
#: ... or, for a measure whose networkx function is cubic in the degree
#: (``networkx.constraint``), when the sum of the cubed degrees passes this: a few
#: hubs (a national project's 290 municipalities) make it slow long before a
#: thousand nodes.
CUBIC_WORK_ABOVE = 1_000_000

#: An ``igraph.Graph`` and its node order, as :func:`to_igraph` makes them.
Converted = tuple[Any, list[Any]]

#: PageRank's damping factor.
ALPHA = 0.85


def choose(G: nx.Graph, backend: str = "auto", *, cubic: bool = False) -> str:
    """``"networkx"`` or ``"igraph"`` for ``G``: ``backend``, or by size when "auto".

    Args:
        G: the graph to measure.
        backend: ``"auto"``, ``"networkx"`` or ``"igraph"``.
        cubic: the measure's networkx function is cubic in the degree: with
            "auto", also igraph above :data:`CUBIC_WORK_ABOVE`.

    Raises:
        GraphkitError: for another backend.

    Example:
        >>> choose(nx.path_graph(["Göteborgs Stad", "Coompanion"]))
        'networkx'
        >>> choose(nx.path_graph(1001))
        'igraph'
    """
    if backend == "auto":
        large = len(G) > IGRAPH_ABOVE or (
            cubic and sum(d**3 for _, d in G.degree()) > CUBIC_WORK_ABOVE
        )
        return "igraph" if large else "networkx"
    if backend not in ("networkx", "igraph"):
        raise GraphkitError(f"unknown backend {backend!r} (auto, networkx or igraph)")
    return backend


def to_igraph(G: nx.Graph) -> Converted:
    """``G`` as an undirected ``igraph.Graph`` with ``weight``, and the node order.

    Example:
        >>> g, nodes = to_igraph(nx.Graph([("Region Skåne", "Mikrofonden")]))
        >>> g.vcount(), g.ecount(), nodes
        (2, 1, ['Region Skåne', 'Mikrofonden'])
    """
    import igraph as ig

    nodes = list(G.nodes())
    index = {node: i for i, node in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    g.es["weight"] = [float(w) for _, _, w in G.edges(data="weight", default=1.0)]
    return g, nodes


def sample(G: nx.Graph, k: int, seed: int = 0) -> list[Any]:
    """The ``k`` source nodes networkx's ``betweenness_centrality(G, k, seed=seed)`` uses.

    Example:
        >>> sample(nx.path_graph(["Göteborgs Stad", "Coompanion", "Skoopi"]), 1)
        ['Coompanion']
    """
    return random.Random(seed).sample(list(G.nodes()), k)


def betweenness(
    G: nx.Graph,
    backend: str = "auto",
    *,
    k: int | None = None,
    seed: int = 0,
    converted: Converted | None = None,
) -> dict[Any, float]:
    """Normalised betweenness (hops, endpoints excluded), as ``nx.betweenness_centrality``.

    With ``k``, estimated from the shortest paths from :func:`sample` sources,
    scaled as networkx scales it. ``converted`` is :func:`to_igraph` of ``G``
    when the caller has it (so a graph is converted once for all measures).

    Example:
        >>> betweenness(nx.path_graph(["Göteborgs Stad", "Coompanion", "Skoopi"]))
        {'Göteborgs Stad': 0.0, 'Coompanion': 1.0, 'Skoopi': 0.0}
    """
    if choose(G, backend) == "networkx":
        return nx.betweenness_centrality(G, k=k, seed=seed, normalized=True)
    import numpy as np

    g, nodes = converted or to_igraph(G)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    if k is None:
        factor = 2.0 / ((n - 1) * (n - 2))
        raw = g.betweenness(directed=False)
        return {v: b * factor for v, b in zip(nodes, raw, strict=True)}
    index = {node: i for i, node in enumerate(nodes)}
    picked = [index[s] for s in sample(G, k, seed)]
    is_source = np.zeros(n, dtype=bool)
    is_source[picked] = True
    # igraph halves undirected counts; networkx sums ordered (s, t) pairs.
    scale = np.where(
        is_source,
        1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan,
        1.0 / (k * (n - 2)),
    )
    raw = 2.0 * np.array(g.betweenness(directed=False, sources=picked)) * scale
    return {v: float(b) for v, b in zip(nodes, raw, strict=True)}


def closeness(
    G: nx.Graph,
    backend: str = "auto",
    *,
    k: int | None = None,
    seed: int = 0,
    converted: Converted | None = None,
) -> dict[Any, float]:
    """Closeness, Wasserman-Faust scaled for disconnected graphs (``nx.closeness_centrality``).

    With ``k``, the Eppstein-Wang estimate from the distances to the
    :func:`sample` sources.

    Example:
        >>> close = closeness(nx.path_graph(["Göteborgs Stad", "Coompanion", "Skoopi"]))
        >>> round(close["Göteborgs Stad"], 3), close["Coompanion"]
        (0.667, 1.0)
    """
    n = len(G)
    sources = sample(G, k, seed) if k is not None else None
    if choose(G, backend) == "networkx":
        if sources is None:
            return nx.closeness_centrality(G)
        sums: dict[Any, float] = dict.fromkeys(G, 0.0)
        hits: dict[Any, int] = dict.fromkeys(G, 0)
        for s in sources:
            for v, d in nx.single_source_shortest_path_length(G, s).items():
                if v != s:
                    sums[v] += d
                    hits[v] += 1
        size = {v: len(c) for c in nx.connected_components(G) for v in c}
        return {v: _closeness(hits[v], sums[v], size[v], n) for v in G}
    import numpy as np

    g, nodes = converted or to_igraph(G)
    component = np.zeros(n, dtype=np.int64)
    for members in g.connected_components():
        component[members] = len(members)
    if sources is None:
        return {
            v: 0.0 if math.isnan(c) else c * (component[i] - 1) / (n - 1)
            for i, (v, c) in enumerate(
                zip(nodes, g.closeness(normalized=True), strict=True)
            )
        }
    index = {node: i for i, node in enumerate(nodes)}
    picked = [index[s] for s in sources]
    total, found = np.zeros(n), np.zeros(n)
    for start in range(0, len(picked), 64):
        block = np.array(g.distances(source=picked[start : start + 64]), dtype=float)
        finite = np.isfinite(block) & (block > 0)
        total += np.where(finite, block, 0.0).sum(axis=0)
        found += finite.sum(axis=0)
    return {
        v: _closeness(int(found[i]), float(total[i]), int(component[i]), n)
        for i, v in enumerate(nodes)
    }


def _closeness(hits: int, total: float, component: int, n: int) -> float:
    """Wasserman-Faust closeness from ``hits`` distances summing to ``total``."""
    if hits == 0 or total == 0 or n < 2:
        return 0.0
    return (hits / total) * ((component - 1) / (n - 1))


def pagerank(
    G: nx.Graph, backend: str = "auto", *, converted: Converted | None = None
) -> dict[Any, float]:
    """PageRank with the ``weight`` attribute, damping :data:`ALPHA` (``nx.pagerank``).

    Example:
        >>> rank = pagerank(nx.star_graph(["Coompanion", "Skoopi", "REVES"]))
        >>> round(rank["Coompanion"], 3)
        0.486
    """
    if choose(G, backend) == "networkx":
        return nx.pagerank(G, alpha=ALPHA, weight="weight", tol=1e-12, max_iter=10000)
    g, nodes = converted or to_igraph(G)
    rank = g.pagerank(directed=False, damping=ALPHA, weights="weight")
    return {v: float(r) for v, r in zip(nodes, rank, strict=True)}


def structural_holes(
    G: nx.Graph, nodes: list[Any], backend: str = "auto"
) -> dict[Any, tuple[float, float]]:
    """Burt's effective size (unweighted) and constraint (``weight``) of ``nodes``.

    networkx's ``constraint`` and ``triangles`` (effective size is
    ``degree - 2 * triangles / degree``, as ``networkx.effective_size`` computes
    it for an undirected unweighted graph), or igraph's constraint and local
    transitivity; an actor without ties has ``nan`` for both.

    Example:
        >>> star = nx.star_graph(["Coompanion", "Mikrofonden", "Skoopi", "Region Skåne"])
        >>> structural_holes(star, ["Coompanion", "Skoopi"])["Coompanion"]
        (3.0, 0.3333333333333333)
    """
    H = G
    if nx.number_of_selfloops(G):  # a tie with oneself is no collaborator
        H = G.copy()
        H.remove_edges_from(list(nx.selfloop_edges(G)))
    if choose(H, backend, cubic=True) == "networkx":
        # networkx's effective_size copies an ego graph per node; for an
        # undirected unweighted graph it is its documented degree - 2t/degree
        triangles: dict[Any, int] = nx.triangles(H, nodes)  # type: ignore[assignment]
        size = {
            v: H.degree(v) - 2 * triangles[v] / H.degree(v)
            for v in nodes
            if H.degree(v)
        }
        constraint = nx.constraint(H, nodes, weight="weight")
        return {
            v: (float(size[v]), float(constraint[v]))
            if H.degree(v)
            else (math.nan, math.nan)
            for v in nodes
        }
    g, order = to_igraph(H)
    index = {node: i for i, node in enumerate(order)}
    vertices = [index[v] for v in nodes]
    degree = g.degree(vertices)
    burt = g.constraint(vertices, weights="weight")
    local = g.transitivity_local_undirected(vertices, mode="zero")
    result = {}
    for v, d, c, t in zip(nodes, degree, burt, local, strict=True):
        if d == 0:
            result[v] = (math.nan, math.nan)
            continue
        closed = round(t * d * (d - 1) / 2)  # exact: t = triangles / pairs
        result[v] = (float(d - 2 * closed / d), float(c))
    return result
