"""Actor-actor graph -> centrality per actor (networkx, or igraph on large graphs)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import networkx as nx

from graphkit.analysis._backend import (
    betweenness,
    choose,
    closeness,
    pagerank,
    to_igraph,
)
from graphkit.errors import GraphkitError

__all__ = [
    "MEASURES",
    "CentralityTable",
    "centrality",
    "require_undirected",
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

#: Above this many nodes betweenness and closeness are estimated from a sample.
EXACT_LIMIT = 5000
#: Default number of sampled source nodes for large graphs.
SAMPLE_SIZE = 500
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
    ``backend="auto"`` uses igraph above
    :data:`~graphkit.analysis._backend.IGRAPH_ABOVE` nodes
    (:func:`graphkit.analysis._backend.choose`).

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
    backend = choose(G, backend)
    if k is None and n > EXACT_LIMIT:
        k = SAMPLE_SIZE
    if k is not None and k >= n:
        k = None
    converted = to_igraph(G) if backend == "igraph" else None
    between = betweenness(G, backend, k=k, seed=seed, converted=converted)
    close = closeness(G, backend, k=k, seed=seed, converted=converted)
    rank = pagerank(G, backend, converted=converted)
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
