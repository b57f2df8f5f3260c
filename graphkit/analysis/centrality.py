"""Actor-actor graph -> centrality per actor (networkx, or igraph on large graphs)."""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError

__all__ = [
    "MEASURES",
    "CentralityTable",
    "centrality",
    "require_undirected",
    "to_igraph",
]

#: The measures :func:`centrality` computes, in the column order of ``centrality.csv``.
MEASURES: tuple[str, ...] = (
    "projects",
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "pagerank",
)

#: Above this many nodes ``backend="auto"`` uses igraph.
IGRAPH_ABOVE = 1000
#: Above this many nodes betweenness and closeness are estimated from a sample.
EXACT_LIMIT = 5000
#: Default number of sampled source nodes for large graphs.
SAMPLE_SIZE = 500
#: Above this many nodes brokerage counts and suggested ties use sparse matrices.
SPARSE_ABOVE = 1000
#: Up to this many edges PageRank runs in pure Python (no scipy import).
PYTHON_PAGERANK_EDGES = 2000
#: Rankings treat scores equal to this many decimals as ties (then by node id),
#: so that the last bits, which differ between implementations, order nothing.
TIE_DIGITS = 12


@dataclass(frozen=True, slots=True)
class CentralityTable:
    """Centrality scores per actor, with how they were computed.

    Attributes:
        scores: node -> measure (see :data:`MEASURES`) -> value.
        backend: ``"networkx"`` or ``"igraph"``.
        sample: the number of source nodes betweenness and closeness were
            estimated from, or ``None`` when they are exact.
        seed: the seed the sample was drawn with.
    """

    scores: dict[str, dict[str, float]]
    backend: str
    sample: int | None = None
    seed: int = 0

    def top(self, measure: str, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` highest-scoring nodes by ``measure`` (ties by node id).

        Scores equal to :data:`TIE_DIGITS` decimals are ties.
        """
        ranked = heapq.nsmallest(
            n,
            self.scores.items(),
            key=lambda kv: (-round(kv[1][measure], TIE_DIGITS), kv[0]),
        )
        return [(node, values[measure]) for node, values in ranked]


def require_undirected(G: nx.Graph) -> None:
    """Raise :class:`GraphkitError` unless ``G`` is a simple undirected graph.

    Example:
        >>> require_undirected(nx.DiGraph())
        Traceback (most recent call last):
        ...
        graphkit.errors.GraphkitError: analysis needs an undirected simple graph, ...
    """
    if G.is_directed() or G.is_multigraph():
        raise GraphkitError(
            f"analysis needs an undirected simple graph, got {type(G).__name__}"
        )


def centrality(
    G: nx.Graph,
    *,
    backend: str = "auto",
    k: int | None = None,
    seed: int = 0,
) -> CentralityTable:
    """Degree, weighted degree, betweenness, closeness and PageRank per actor.

    ``projects`` is the node attribute ``project_count`` (the bipartite degree,
    set by :func:`graphkit.network.actor_projection`). ``degree`` counts
    distinct collaborators, ``weighted_degree`` shared projects. Betweenness
    (normalised, endpoints excluded) and closeness (Wasserman-Faust scaled for
    disconnected graphs, as networkx does) count hops, not weights: a heavier
    tie is a stronger tie, not a longer one. PageRank (alpha 0.85) uses the
    weights.

    Graphs above :data:`EXACT_LIMIT` nodes, or any graph when ``k`` is given,
    get betweenness and closeness from ``k`` source nodes drawn with
    ``random.Random(seed)`` (networkx's own sampling); closeness is then the
    Eppstein-Wang estimate from the distances to the sampled sources.
    ``backend="auto"`` uses igraph above :data:`IGRAPH_ABOVE` nodes; both
    backends give the same numbers.

    Args:
        G: an actor-actor graph with edge attribute ``weight``.
        backend: ``"auto"``, ``"networkx"`` or ``"igraph"``.
        k: the number of sampled sources; ``None`` for exact on small graphs.
        seed: the seed for the sample.

    Returns:
        A :class:`CentralityTable`.

    Example:
        >>> G = nx.path_graph(["Göteborgs Stad", "Coompanion", "Arbetsförmedlingen"])
        >>> table = centrality(G)
        >>> scores = table.scores["Coompanion"]
        >>> scores["betweenness"], scores["degree"]
        (1.0, 2.0)
        >>> round(table.scores["Göteborgs Stad"]["closeness"], 3)
        0.667
    """
    require_undirected(G)
    n = len(G)
    if n == 0:
        return CentralityTable({}, "networkx", None, seed)
    if backend == "auto":
        backend = "igraph" if n > IGRAPH_ABOVE else "networkx"
    if backend not in ("networkx", "igraph"):
        raise GraphkitError(f"unknown centrality backend {backend!r}")
    if k is None and n > EXACT_LIMIT:
        k = SAMPLE_SIZE
    if k is not None and k >= n:
        k = None
    sources = random.Random(seed).sample(list(G.nodes()), k) if k is not None else None
    if backend == "igraph":
        between, close, rank = _igraph_measures(G, sources)
    else:
        between, close, rank = _networkx_measures(G, k, seed, sources)
    scores = {
        node: {
            "projects": float(G.nodes[node].get("project_count", 0)),
            "degree": float(G.degree(node)),
            "weighted_degree": float(G.degree(node, weight="weight")),
            "betweenness": between[node],
            "closeness": close[node],
            "pagerank": rank[node],
        }
        for node in G
    }
    return CentralityTable(scores, backend, k, seed)


def _networkx_measures(
    G: nx.Graph, k: int | None, seed: int, sources: list[str] | None
) -> tuple[dict[Any, float], dict[Any, float], dict[Any, float]]:
    between = nx.betweenness_centrality(G, k=k, seed=seed, normalized=True)
    if sources is None:
        close = nx.closeness_centrality(G)
    else:
        sums: dict[Any, float] = dict.fromkeys(G, 0.0)
        hits: dict[Any, int] = dict.fromkeys(G, 0)
        for s in sources:
            for v, d in nx.single_source_shortest_path_length(G, s).items():
                if v != s:
                    sums[v] += d
                    hits[v] += 1
        size = {v: len(c) for c in nx.connected_components(G) for v in c}
        close = {v: _closeness(hits[v], sums[v], size[v], len(G)) for v in G}
    return between, close, _pagerank(G)


def _pagerank(G: nx.Graph) -> dict[Any, float]:
    """``nx.pagerank``; on small graphs its pure-Python twin, so scipy stays unloaded."""
    options: dict[str, Any] = {
        "alpha": 0.85,
        "weight": "weight",
        "tol": 1e-12,
        "max_iter": 10000,
    }
    if G.number_of_edges() <= PYTHON_PAGERANK_EDGES:
        try:
            from networkx.algorithms.link_analysis.pagerank_alg import (  # type: ignore[attr-defined]
                _pagerank_python,
            )
        except ImportError:  # a networkx without it: the scipy version below
            pass
        else:
            return _pagerank_python(G, **options)
    return nx.pagerank(G, **options)


def _closeness(hits: int, total: float, component: int, n: int) -> float:
    """Wasserman-Faust closeness from ``hits`` distances summing to ``total``."""
    if hits == 0 or total == 0 or n < 2:
        return 0.0
    return (hits / total) * ((component - 1) / (n - 1))


def to_igraph(G: nx.Graph) -> tuple[Any, list[Any]]:
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


def _igraph_measures(
    G: nx.Graph, sources: list[str] | None
) -> tuple[dict[Any, float], dict[Any, float], dict[Any, float]]:
    import numpy as np

    g, nodes = to_igraph(G)
    n = len(nodes)
    size = np.array([0] * n)
    for comp in g.connected_components():
        size[comp] = len(comp)
    if sources is None:
        raw = g.betweenness(directed=False)
        factor = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        between = [b * factor for b in raw]
        close = [
            0.0 if math.isnan(c) else c * (size[i] - 1) / (n - 1)
            for i, c in enumerate(g.closeness(normalized=True))
        ]
    else:
        index = {node: i for i, node in enumerate(nodes)}
        picked = [index[s] for s in sources]
        kk = len(picked)
        raw = g.betweenness(directed=False, sources=picked)
        is_source = np.zeros(n, dtype=bool)
        is_source[picked] = True
        # igraph halves undirected counts; networkx sums ordered (s, t) pairs.
        if n > 2:
            scale = np.where(
                is_source,
                1.0 / ((kk - 1) * (n - 2)) if kk > 1 else math.nan,
                1.0 / (kk * (n - 2)),
            )
            between = list(2.0 * np.array(raw) * scale)
        else:
            between = [0.0] * n
        sums = np.zeros(n)
        hits = np.zeros(n)
        for start in range(0, kk, 64):
            block = np.array(
                g.distances(source=picked[start : start + 64]), dtype=float
            )
            finite = np.isfinite(block) & (block > 0)
            sums += np.where(finite, block, 0.0).sum(axis=0)
            hits += finite.sum(axis=0)
        close = [
            _closeness(int(hits[i]), float(sums[i]), int(size[i]), n) for i in range(n)
        ]
    rank = g.pagerank(directed=False, damping=0.85, weights="weight")
    return (
        {node: float(between[i]) for i, node in enumerate(nodes)},
        {node: float(close[i]) for i, node in enumerate(nodes)},
        {node: float(rank[i]) for i, node in enumerate(nodes)},
    )
