"""Node measures (built in or from an analysis table) and seeded layout positions."""

from __future__ import annotations

import csv
import logging
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = [
    "BETWEENNESS_LIMIT",
    "LAYOUT_NODES",
    "degree_measures",
    "index_positions",
    "layout_positions",
    "node_measures",
    "read_measure_graphs",
    "read_measures",
    "with_extra",
]

log = logging.getLogger(__name__)

#: Above this many nodes betweenness is computed only when it sizes the nodes.
BETWEENNESS_LIMIT = 5000

#: Components up to this many nodes get 500 layout iterations; bigger ones fewer
#: (500 × (this / nodes)², at least 50), so that no layout costs much more than
#: one of this size (about 1 s): 20,000 nodes get 125, 100,000 nodes 50.
LAYOUT_NODES = 10_000


def _table(folder: str | Path) -> tuple[Path, list[dict[str, str]], str] | None:
    """The analysis table of ``folder``: its path, rows and node column (or None)."""
    found = [
        t
        for t in (
            Path(folder) / "centrality.csv",
            Path(folder) / "analysis" / "centrality.csv",
        )
        if t.is_file()
    ]
    if not found:
        return None
    with found[0].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    key = next((k for k in ("actor", "id", "node") if rows and k in rows[0]), None)
    if key is None:
        log.warning("%s has no actor/id/node column; measures ignored", found[0])
        return None
    return found[0], rows, key


def read_measures(folder: str | Path) -> dict[str, dict[str, float]]:
    """Node measures from the analysis table (``centrality.csv``) of an exports folder.

    The table is read from ``folder/centrality.csv`` or, as ``graphkit analyze``
    writes it by default, ``folder/analysis/centrality.csv``. Every numeric
    column but ``community`` becomes a measure; the node column is ``actor``,
    ``id`` or ``node``. A folder without the table gives no measures.

    Returns:
        ``{measure: {node id: value}}``.

    Example (not executed)::

        read_measures("exports/")["pagerank"]["org/coompanion-sverige"]
    """
    table = _table(folder)
    if table is None:
        return {}
    _, rows, key = table
    measures: dict[str, dict[str, float]] = {}
    for column in rows[0]:
        if column in (key, "community"):
            continue
        try:
            values = {row[key]: float(row[column]) for row in rows if row[column] != ""}
        except ValueError:
            continue
        if values:
            measures[column] = values
    return measures


def read_measure_graphs(folder: str | Path) -> dict[str, str]:
    """The graph each measure of :func:`read_measures` was computed on, as it says.

    ``graphkit analyze`` writes the graph of its actor measures in the table's
    ``graph`` column (``actor–actor, active roles``, in the words of
    :func:`graphkit.analysis.names.graph_label`); a measure of the
    project–actor graph (:data:`graphkit.analysis.names.MEASURE_GRAPH`, e.g.
    ``two_mode_betweenness``) has the same roles in that graph. A table
    without the column names no graph.

    Returns:
        ``{measure: graph}``, e.g. ``{"pagerank": "actor–actor, active roles",
        "two_mode_betweenness": "project–actor, active roles"}``.

    Example (not executed)::

        read_measure_graphs("exports/")["pagerank"]   # 'actor–actor, active roles'
    """
    from graphkit.analysis.names import MEASURE_GRAPH

    table = _table(folder)
    if table is None:
        return {}
    _, rows, _ = table
    said = sorted({row.get("graph") or "" for row in rows} - {""})
    if not said or ", " not in said[0]:
        return {}
    if len(said) > 1:
        log.warning("the analysis table names %d graphs; using %s", len(said), said[0])
    kind, roles = said[0].split(", ", 1)
    return {
        name: f"{MEASURE_GRAPH.get(name, kind)}, {roles}"
        for name in read_measures(folder)
    }


def node_measures(
    G: nx.Graph, extra: dict[str, dict[str, float]], *, size_by: str = "degree"
) -> dict[str, dict[str, float]]:
    """Degree, projects, exact betweenness (the analysis' own), and given measures.

    ``projects`` is a node's degree in the project–actor graph (its projects, or
    a project's actors). Betweenness is
    :func:`graphkit.analysis._backend.betweenness` (networkx, or igraph on large
    graphs); above :data:`BETWEENNESS_LIMIT` nodes it takes seconds, so it is
    computed only when it sizes the nodes. Given
    measures never replace the built-in ones.

    Args:
        G: the graph drawn; ``G.graph["bipartite"]`` is its project–actor graph.
        extra: ``{measure: {node: value}}``, e.g. from :func:`read_measures`.
        size_by: the measure that will size the nodes.

    Returns:
        ``{measure: {node: value}}`` for every node of ``G``.

    Example:
        >>> G = nx.path_graph(["Göteborgs Stad", "Coompanion Göteborg", "Region Skåne"])
        >>> node_measures(G, {})["betweenness"]
        {'Göteborgs Stad': 0.0, 'Coompanion Göteborg': 1.0, 'Region Skåne': 0.0}
    """
    B: nx.Graph = G.graph.get("bipartite", G)
    measures: dict[str, dict[str, float]] = {
        "degree": {n: float(d) for n, d in G.degree()}
    }
    measures["projects"] = {n: float(B.degree(n)) if n in B else 0.0 for n in G}
    if G.number_of_nodes() <= BETWEENNESS_LIMIT or size_by == "betweenness":
        from graphkit.analysis._backend import betweenness

        measures["betweenness"] = betweenness(G)
    return with_extra(measures, extra, G)


def degree_measures(
    degree: Mapping[str, int], extra: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """:func:`node_measures` of a project–actor graph too big for betweenness.

    In a project–actor graph ``projects`` is the degree, so the degrees are all
    it takes; callers that count them while streaming the edges need not build
    the graph.

    Args:
        degree: ``{node: degree}`` for every node of the graph, in its order.
        extra: ``{measure: {node: value}}``, e.g. from :func:`read_measures`.

    Example:
        >>> degree_measures({"project/a": 2, "org/coompanion": 1}, {})["projects"]
        {'project/a': 2.0, 'org/coompanion': 1.0}
    """
    values = {n: float(d) for n, d in degree.items()}
    return with_extra({"degree": values, "projects": dict(values)}, extra, degree)


def with_extra(
    measures: dict[str, dict[str, float]],
    extra: dict[str, dict[str, float]],
    nodes: Iterable[str],
) -> dict[str, dict[str, float]]:
    """``measures`` and, sorted by name, each given measure they do not have.

    Example:
        >>> with_extra({"degree": {"Region Skåne": 2.0}}, {"pagerank": {}}, ["Region Skåne"])
        {'degree': {'Region Skåne': 2.0}, 'pagerank': {'Region Skåne': 0.0}}
    """
    for name, values in sorted(extra.items()):
        if name not in measures:
            measures[name] = {n: float(values.get(n, 0.0)) for n in nodes}
    return measures


#: Graphs up to this many nodes are laid out with networkx alone: importing
#: igraph costs more than the work (it imports matplotlib). Measures are the
#: analysis' (:mod:`graphkit.analysis._backend` picks their library).
SMALL_GRAPH = 500


def layout_positions(G: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Seeded positions in vis pixels: Fruchterman–Reingold per component.

    See :func:`index_positions`.

    Example:
        >>> layout_positions(nx.Graph([("org/coompanion", "org/slup-se")]))
        {'org/coompanion': (0.0, 0.0), 'org/slup-se': (84.9, 0.0)}
    """
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    return index_positions(nodes, [(index[u], index[v]) for u, v in G.edges()], seed)


def index_positions(
    nodes: Sequence[str], edges: Sequence[tuple[int, int]], seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Seeded positions in vis pixels of a graph whose vertex ``i`` is ``nodes[i]``.

    Each connected component is laid out on its own (Fruchterman–Reingold:
    networkx's up to :data:`SMALL_GRAPH` nodes, igraph's with 500 iterations,
    fewer above :data:`LAYOUT_NODES` nodes, beyond) in a square whose side
    grows with the square root of its size, and the squares are packed in rows
    under the biggest, so small components do not fly off and shrink the main
    one. The same graph and seed give the same positions.

    Args:
        nodes: the node of each vertex.
        edges: ``(i, j)`` vertex pairs.
        seed: the seed of the random start positions.

    Returns:
        ``{node: (x, y)}``, rounded to 0.1 pixel.

    Example:
        >>> index_positions(["a", "b", "c"], [(0, 1), (1, 2)])["b"][0] > 0
        True
    """
    if len(nodes) > SMALL_GRAPH:
        import igraph

        g = igraph.Graph(n=len(nodes), edges=list(edges))
        igraph.set_random_number_generator(random.Random(seed))
        try:
            return _packed(
                nodes,
                g.connected_components(),
                lambda members: _igraph_layout(g.induced_subgraph(members)),
            )
        finally:
            igraph.set_random_number_generator(random)
    G: nx.Graph[int] = nx.Graph()
    G.add_nodes_from(range(len(nodes)))
    G.add_edges_from(edges)

    def layout(members: list[int]) -> list[tuple[float, float]]:
        found = nx.spring_layout(G.subgraph(members), seed=seed)
        return [(float(found[v][0]), float(found[v][1])) for v in members]

    return _packed(nodes, nx.connected_components(G), layout)


def _igraph_layout(sub: Any) -> list[tuple[float, float]]:
    share = min(1.0, LAYOUT_NODES / sub.vcount())
    niter = max(50, round(500 * share * share))
    coords = sub.layout_fruchterman_reingold(niter=niter, grid=sub.vcount() > 500)
    return [(x, y) for x, y in coords.coords]


def _packed(
    nodes: Sequence[str],
    components: Iterable[Iterable[int]],
    layout: Callable[[list[int]], list[tuple[float, float]]],
) -> dict[str, tuple[float, float]]:
    """Each component's layout scaled into its square, the squares packed in rows."""
    ordered = sorted((sorted(c) for c in components), key=lambda c: (-len(c), c[0]))
    spacing, gap = 60.0, 80.0
    width = max(spacing * math.sqrt(len(ordered[0])), 800.0) if ordered else 0
    positions: dict[str, tuple[float, float]] = {}
    x0 = y0 = row = 0.0
    for members in ordered:
        side = spacing * math.sqrt(len(members)) if len(members) > 1 else 0.0
        line = [(0.0, 0.0), (1.0, 0.0)][: len(members)]
        coords = layout(members) if len(members) > 2 else line
        if x0 > 0 and x0 + side > width:
            x0, y0, row = 0.0, y0 + row + gap, 0.0
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        left, top = min(xs), min(ys)
        scale = side / max(max(xs) - left, max(ys) - top, 1e-9)
        for v, x, y in zip(members, xs, ys, strict=True):
            positions[nodes[v]] = (
                round(x0 + (x - left) * scale, 1),
                round(y0 + (y - top) * scale, 1),
            )
        x0, row = x0 + side + gap, max(row, side)
    return positions
