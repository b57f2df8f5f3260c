"""RDF graph → the plain JSON data a network page draws: nodes, edges, tooltips, layout.

Which part of the graph a page draws is :mod:`graphkit.viz.views`'s job; this
module turns it into columns.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.records import ranked
from graphkit.viz.measures import layout_positions
from graphkit.viz.views import (  # and the selection's names data.py used to have
    MAX_NODES,
    SECTORS,
    Neighbours,
    page_graph,
    select_graph,
    view_roles,
)

__all__ = [
    "LAYOUT_THRESHOLD",
    "MAX_NODES",
    "SECTORS",
    "network_data",
    "select_graph",
    "view_roles",
]

log = logging.getLogger(__name__)

#: Above this many nodes the page gets precomputed positions and no physics.
LAYOUT_THRESHOLD = 400


def _sources(around: Mapping[str, Mapping[str, Any]]) -> tuple[list[str], int]:
    """The first two source places (sorted) of a node's edges, and how many there are."""
    places = {
        f"{e['document']}:{e['line']}"
        if e.get("line", -1) != -1
        else str(e["document"])
        for e in around.values()
        if e.get("document")
    }
    return heapq.nsmallest(2, places), len(places)


def _tooltip(
    G: nx.Graph,
    node: str,
    measures: dict[str, dict[str, float]],
    order: Iterable[str],
    context: Neighbours,
    info: Mapping[str, Mapping[str, Any]],
) -> str:
    """A plain-text tooltip: name, kind, sector, projects, top measures, provenance."""
    d = G.nodes[node]
    around = context(node)
    kind = (
        d["type"]
        if d["type"] != "organisation"
        else d.get("actor_type") or "organisation"
    )
    lines = [str(d["label"]), f"{kind} · {d['sector']}" if d.get("sector") else kind]
    if d["type"] == "project":
        period = " – ".join(x for x in (d.get("start"), d.get("end")) if x)
        lines += [
            f"{k}: {d[k]}"
            for k in ("programme_area", "region", "fund", "phase")
            if d.get(k)
        ]
        lines += [f"period: {period}"] if period else []
        lines.append(f"actors: {len(around)}")
    else:
        if d.get("code"):
            lines.append(f"SCB code: {d['code']}")
        titles = [str(info[p]["label"]) for p in heapq.nsmallest(3, around)]
        more = f" (+{len(around) - 3} more)" if len(around) > 3 else ""
        lines.append(f"projects ({len(around)}): " + "; ".join(titles) + more)
    lines.append(" · ".join(f"{m} {_fmt(measures[m].get(node, 0.0))}" for m in order))
    sources, count = _sources(around)
    if sources:
        more = f" (+{count - 2} more)" if count > 2 else ""
        lines.append("source: " + ", ".join(sources) + more)
    lines.append(f"id: {node}")
    return "\n".join(lines)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.3g}"


def _year(value: object) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def network_data(
    graph: Graph | nx.Graph,
    *,
    projection: str = "bipartite",
    size_by: str = "degree",
    with_coverage: bool = False,
    with_mentions: bool | None = None,
    ego: str | None = None,
    depth: int | None = None,
    top: int | None = None,
    layout_threshold: int = LAYOUT_THRESHOLD,
    max_nodes: int | None = MAX_NODES,
    measures: dict[str, dict[str, float]] | None = None,
) -> dict[str, Any]:
    """The data of a network page: nodes, edges, projects and legend, as plain JSON.

    Node and edge fields are columns (lists) with categories as indices into
    lookup lists, so 20,000 nodes stay a few megabytes. Every string is plain
    text; escaping for HTML is the page's job.

    Args:
        graph: an RDF graph in the graphkit ontology, or its project–actor graph.
        projection: ``"bipartite"`` or ``"actors"``.
        size_by: the measure that sizes nodes: ``degree``, ``projects``,
            ``betweenness`` or any measure given in ``measures``.
        with_coverage: also draw coverage (municipalities a project covers).
        with_mentions: also draw mentions (default: bipartite yes, actors no).
        ego: show only this actor's (or project's) neighbourhood; an id, a
            label, or a unique part of a label.
        depth: steps from ``ego`` (default 2 in the bipartite graph, 1 for actors).
        top: keep only the ``top`` most central actors (by ``size_by``) and their
            projects and ties; the page says what was left out.
        max_nodes: at most this many nodes (None: all). When the graph has more
            and ``top`` is not given, keep as large a share of the actors as
            this is of the nodes; when the kept actors' projects are too many,
            keep those that link most of them.
        layout_threshold: above this many nodes, positions are computed here and
            the browser runs no physics.
        measures: extra node measures, e.g. from
            :func:`graphkit.viz.measures.read_measures`.

    Returns:
        A JSON-ready dict (see ``graphkit/viz/client.py`` for how it is read).

    Raises:
        ExportError: for an unknown projection or measure, or an unknown or
            ambiguous ``ego``.

    Example:
        >>> from graphkit.viz.views import _example  # a three-node graph
        >>> data = network_data(_example())
        >>> data["nodes"]["label"]
        ['Göteborgs Stad', 'Coompanion Göteborg', 'Social ekonomi i Väst']
        >>> print(data["nodes"]["title"][1])
        Coompanion Göteborg
        cooperative · social-economy
        projects (1): Social ekonomi i Väst
        degree 1 · projects 1 · betweenness 0
        source: seeds/001.txt:12
        id: org/coompanion-goteborg
        >>> network_data(_example(), with_coverage=True)["roles"]
        ['owner', 'partner', 'covers']
    """
    drawn = page_graph(
        graph,
        projection=projection,
        size_by=size_by,
        with_coverage=with_coverage,
        with_mentions=with_mentions,
        ego=ego,
        depth=depth,
        top=top,
        max_nodes=max_nodes,
        measures=measures,
    )
    G, info, context = drawn.graph, drawn.info, drawn.context
    all_measures = drawn.measures
    order = [size_by, *(m for m in all_measures if m != size_by)][:4]
    attrs = dict(G.nodes(data=True))
    nodes = list(attrs)
    index = {n: i for i, n in enumerate(nodes)}
    around = set().union(*(context(n) for n in nodes if attrs[n]["type"] != "project"))
    projects = sorted(
        {n for n in nodes if attrs[n]["type"] == "project"}.union(
            p for p in around if info[p].get("type") == "project"
        )
    )
    pindex = {p: i for i, p in enumerate(projects)}
    regions, areas, project_columns = _project_columns(projects, info)
    kinds = ["project", "organisation", "municipality"]
    present = {attrs[n].get("sector") for n in nodes}
    sectors = [s for s in SECTORS if s in present]
    edges = list(G.edges(data=True))
    roles = [str(r) for r in ranked(e["role"] for _, _, e in edges)]
    role_index = {r: i for i, r in enumerate(roles)}
    values = all_measures[size_by]
    top_value = max((values.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    positions = layout_positions(G) if len(nodes) > layout_threshold else None

    def node_projects(n: str) -> list[int]:
        if attrs[n]["type"] == "project":
            return [pindex[n]] if n in pindex else []
        return sorted(pindex[p] for p in context(n) if p in pindex)

    return {
        "meta": {
            "projection": projection,
            "sizeBy": size_by,
            "notes": drawn.notes,
            "physics": positions is None,
            "withCoverage": with_coverage,
            "graphNodes": drawn.total,
            "measures": order,
        },
        "kinds": kinds,
        "sectors": sectors,
        "roles": roles,
        "regions": regions,
        "areas": areas,
        "projects": project_columns,
        "nodes": {
            "id": nodes,
            "label": [str(attrs[n]["label"]) for n in nodes],
            "kind": [kinds.index(attrs[n]["type"]) for n in nodes],
            "sector": [
                sectors.index(attrs[n]["sector"])
                if attrs[n].get("sector") in sectors
                else -1
                for n in nodes
            ],
            "size": [
                round(8 + 32 * math.sqrt(max(values.get(n, 0.0), 0) / top_value), 1)
                for n in nodes
            ],
            "x": [positions[n][0] for n in nodes] if positions else None,
            "y": [positions[n][1] for n in nodes] if positions else None,
            "projects": [node_projects(n) for n in nodes],
            "title": [
                _tooltip(G, n, all_measures, order, context, info) for n in nodes
            ],
        },
        "edges": _edge_columns(edges, index, role_index, pindex),
    }


def _project_columns(
    projects: list[str], info: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], list[str], dict[str, list[Any]]]:
    """The page's regions, programme areas and project columns (indices into them)."""
    regions = sorted({str(info[p].get("region") or "") for p in projects} - {""})
    areas = sorted({str(info[p].get("programme_area") or "") for p in projects} - {""})
    region_index = {r: i for i, r in enumerate(regions)}
    area_index = {a: i for i, a in enumerate(areas)}
    return (
        regions,
        areas,
        {
            "region": [
                region_index[info[p]["region"]] if info[p].get("region") else -1
                for p in projects
            ],
            "area": [
                area_index[info[p]["programme_area"]]
                if info[p].get("programme_area")
                else -1
                for p in projects
            ],
            "start": [_year(info[p].get("start")) for p in projects],
            "end": [_year(info[p].get("end")) for p in projects],
        },
    )


def _edge_columns(
    edges: list[tuple[str, str, dict[str, Any]]],
    index: dict[str, int],
    role_index: dict[str, int],
    pindex: dict[str, int],
) -> dict[str, list[Any]]:
    """The page's edge columns: ends, role, weight and projects as indices."""
    return {
        "from": [index[u] for u, _, _ in edges],
        "to": [index[v] for _, v, _ in edges],
        "role": [role_index[e["role"]] for _, _, e in edges],
        "weight": [e.get("weight", 1) for _, _, e in edges],
        "projects": [
            [pindex[p] for p in e.get("projects") or (e.get("project"),) if p in pindex]
            for _, _, e in edges
        ],
    }
