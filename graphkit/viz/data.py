"""RDF graph → the plain JSON data a network page draws: nodes, edges, tooltips, layout.

Which part of the graph a page draws is :mod:`graphkit.viz.views`'s job; this
module turns it into columns.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.errors import ExportError
from graphkit.records import ACTIVE_ROLES, Role, ranked
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
    "CLIQUE_SIZE",
    "LAYOUT_THRESHOLD",
    "MAX_NODES",
    "RENDERERS",
    "SECTORS",
    "SIGMA_THRESHOLD",
    "network_data",
    "select_graph",
    "view_roles",
]

log = logging.getLogger(__name__)

#: Above this many nodes the page gets precomputed positions and no physics.
LAYOUT_THRESHOLD = 400

#: Above this many nodes a page is drawn by sigma.js (WebGL) instead of vis-network:
#: measured in ``benchmarks/RESULTS_viz.md``, vis-network's filters pass 100 ms
#: about here, and sigma.js draws 50,000 nodes in the time vis-network takes for 5,000.
SIGMA_THRESHOLD = 2000

#: The renderers a page can have (``auto`` picks by :data:`SIGMA_THRESHOLD`).
RENDERERS = ("auto", "vis", "sigma")

#: In the actor–actor view, ties that only one project of this many actors or more
#: makes are drawn faint (and loose in the layout): such a project's clique of
#: n(n-1)/2 ties would otherwise swamp the page.
CLIQUE_SIZE = 10


#: Node kinds in legend order.
KINDS = ("project", "organisation", "municipality")


def graph_note(projection: str, roles: frozenset[Role]) -> str:
    """The words that say which graph a page's measures were computed on.

    The same words as the analysis outputs use (``actor–actor, active roles``).

    Example:
        >>> from graphkit.viz.views import view_roles
        >>> graph_note("actors", view_roles("actors", False, None))
        'actor–actor, active roles'
        >>> graph_note("bipartite", view_roles("bipartite", True, None))
        'project–actor, active roles + mentions + coverage'
    """
    kind = "actor–actor" if projection == "actors" else "project–actor"
    extra = [
        word
        for role, word in ((Role.MENTION, "mentions"), (Role.COVERS, "coverage"))
        if role in roles
    ]
    active = "active roles" if roles.issuperset(ACTIVE_ROLES) else "some roles"
    return f"{kind}, " + " + ".join([active, *extra])


def measure_labels(
    measures: Mapping[str, object], on: str, extra: Mapping[str, object]
) -> dict[str, str]:
    """Each measure's name with the graph it was computed on, as the page shows it.

    ``projects`` counts a node's projects (or a project's actors) in the
    project–actor graph; measures from an analysis table say so.

    Example:
        >>> measure_labels({"degree": {}, "projects": {}, "pagerank": {}},
        ...                "actor–actor, active roles", {"pagerank": {}})["pagerank"]
        'pagerank (analysis table, centrality.csv)'
    """
    labels = {}
    for name in measures:
        if name == "projects":
            labels[name] = "projects (project–actor)"
        elif name in extra and name not in ("degree", "betweenness"):
            labels[name] = f"{name} (analysis table, centrality.csv)"
        else:
            labels[name] = f"{name} ({on})"
    return labels


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
    on: str,
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
    values = " · ".join(f"{m} {_fmt(measures[m].get(node, 0.0))}" for m in order)
    lines.append(f"{values} (on the {on} graph)")
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
    renderer: str = "auto",
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
        renderer: ``"vis"`` (vis-network, physics below ``layout_threshold``),
            ``"sigma"`` (sigma.js, WebGL, precomputed positions) or ``"auto"``:
            sigma above :data:`SIGMA_THRESHOLD` nodes.

    Returns:
        A JSON-ready dict (see ``graphkit/viz/client.py`` for how it is read).

    Raises:
        ExportError: for an unknown projection, measure or renderer, or an
            unknown or ambiguous ``ego``.

    Example:
        >>> from graphkit.viz.views import _example  # a three-node graph
        >>> data = network_data(_example())
        >>> data["nodes"]["label"]
        ['Göteborgs Stad', 'Coompanion Göteborg', 'Social ekonomi i Väst']
        >>> print(data["nodes"]["title"][1])
        Coompanion Göteborg
        cooperative · social-economy
        projects (1): Social ekonomi i Väst
        degree 1 · projects 1 · betweenness 0 (on the project–actor, active roles + mentions graph)
        source: seeds/001.txt:12
        id: org/coompanion-goteborg
        >>> network_data(_example(), with_coverage=True)["roles"]
        ['owner', 'partner', 'covers']
    """
    if renderer not in RENDERERS:
        raise ExportError(f"unknown renderer {renderer!r} ({', '.join(RENDERERS)})")
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
    on = graph_note(projection, view_roles(projection, with_coverage, with_mentions))
    labels = measure_labels(all_measures, on, measures or {})
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
    kinds = [k for k in KINDS if any(attrs[n]["type"] == k for n in nodes)]
    present = {attrs[n].get("sector") for n in nodes}
    sectors = [s for s in SECTORS if s in present]
    edges = list(G.edges(data=True))
    roles = [str(r) for r in ranked(e["role"] for _, _, e in edges)]
    role_index = {r: i for i, r in enumerate(roles)}
    values = all_measures[size_by]
    if renderer == "auto":
        renderer = "sigma" if len(nodes) > SIGMA_THRESHOLD else "vis"
    layout = len(nodes) > layout_threshold or renderer == "sigma"
    positions = layout_positions(G) if layout else None
    tips = [_tooltip(G, n, all_measures, order, context, info, on) for n in nodes]

    def node_projects(n: str) -> list[int]:
        if attrs[n]["type"] == "project":
            return [pindex[n]] if n in pindex else []
        return sorted(pindex[p] for p in context(n) if p in pindex)

    edge_columns: dict[str, list[Any] | None] = {
        **_edge_columns(edges, index, role_index, pindex)
    }
    edge_columns |= _edge_texts(edges, projection, info, context)
    faint = edge_columns["faint"] or []
    notes = [*drawn.notes, *_clique_note(edges, faint, info, context)]
    return {
        "meta": {
            "projection": projection,
            "sizeBy": size_by,
            "notes": notes,
            "physics": positions is None,
            "renderer": renderer,
            "withCoverage": with_coverage,
            "graphNodes": drawn.total,
            "measures": order,
            "measureLabels": labels,
            "graph": on,
        },
        "kinds": kinds,
        "sectors": sectors,
        "roles": roles,
        "regions": regions,
        "areas": areas,
        "projects": project_columns,
        "nodes": {
            **_node_columns(attrs, nodes, kinds, sectors, values, positions),
            "projects": [node_projects(n) for n in nodes],
            "title": tips,
        },
        "edges": edge_columns,
    }


def _node_columns(
    attrs: Mapping[str, Mapping[str, Any]],
    nodes: list[str],
    kinds: list[str],
    sectors: list[str],
    values: Mapping[str, float],
    positions: Mapping[str, tuple[float, float]] | None,
) -> dict[str, list[Any] | None]:
    """The page's node columns: id, label, kind and sector (indices), size, position."""
    top_value = max((values.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    return {
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
    }


_AREA = re.compile(r"(?:PO|Programområde)\s*(\d+)\b", re.IGNORECASE)


def area_names(values: Iterable[str]) -> dict[str, str]:
    """One filter name per programme area: ``PO2`` and "Programområde 2 …" are one.

    Values that number the same area get its longest spelling; others stay.

    Example:
        >>> area_names(["PO2", "Programområde 2 Ökat arbetskraftsutbud", "Övrigt"])["PO2"]
        'Programområde 2 Ökat arbetskraftsutbud'
    """
    found = {v: _AREA.match(v.strip()) for v in values if v}
    longest: dict[str, str] = {}
    for value, match in sorted(found.items()):
        if match and len(value) > len(longest.get(match[1], "")):
            longest[match[1]] = value
    return {v: longest[m[1]] if m else v for v, m in found.items()}


def _project_columns(
    projects: list[str], info: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], list[str], dict[str, list[Any]]]:
    """The page's regions, programme areas and project columns (indices into them)."""
    regions = sorted({str(info[p].get("region") or "") for p in projects} - {""})
    names = area_names({str(info[p].get("programme_area") or "") for p in projects})
    areas = sorted(set(names.values()))
    region_index = {r: i for i, r in enumerate(regions)}
    area_index = {raw: areas.index(name) for raw, name in names.items()}
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


def _place(edge: Mapping[str, Any]) -> str | None:
    if not edge.get("document"):
        return None
    line = edge.get("line", -1)
    return (
        f"{edge['document']}:{line}"
        if line not in (-1, None)
        else str(edge["document"])
    )


def _edge_texts(
    edges: list[tuple[str, str, dict[str, Any]]],
    projection: str,
    info: Mapping[str, Mapping[str, Any]],
    context: Neighbours,
) -> dict[str, list[Any] | None]:
    """Each edge's source and faintness; tooltips of actor–actor ties.

    A project–actor edge has one source, so the page makes its tooltip (role,
    ``document:line``, ends) from ``doc`` (an index into ``documents``) and
    ``line``, which keeps a 50,000-node page megabytes smaller. A tie of the
    actor–actor view gets its tooltip here (its shared projects and their
    sources), and is faint when one project of :data:`CLIQUE_SIZE` actors or
    more alone makes it.
    """
    if projection != "actors":
        documents = sorted(
            {str(e["document"]) for _, _, e in edges if e.get("document")}
        )
        where = {d: i for i, d in enumerate(documents)}
        return {
            "title": None,
            "documents": documents,
            "doc": [
                where[e["document"]] if e.get("document") else -1 for _, _, e in edges
            ],
            "line": [e.get("line", -1) for _, _, e in edges],
            "faint": [0] * len(edges),
        }
    titles, faint = [], []
    for u, v, e in edges:
        shared = sorted(e.get("projects") or ())
        names = [str(info[p]["label"]) for p in shared[:3] if p in info]
        more = f" (+{len(shared) - 3} more)" if len(shared) > 3 else ""
        lines = [
            str(e["role"]),
            f"shared projects ({len(shared)}): " + "; ".join(names) + more,
        ]
        places = sorted(
            {
                place
                for p in shared[:3]
                for end in (u, v)
                if (place := _place(context(end).get(p, {}))) is not None
            }
        )
        if places:
            more = f" (+{len(places) - 4} more)" if len(places) > 4 else ""
            lines.append("source: " + ", ".join(places[:4]) + more)
        lines.append(f"{info[u]['label']} – {info[v]['label']}")
        titles.append("\n".join(lines))
        faint.append(int(len(shared) == 1 and len(context(shared[0])) >= CLIQUE_SIZE))
    return {"title": titles, "faint": faint}


def _clique_note(
    edges: list[tuple[str, str, dict[str, Any]]],
    faint: list[int],
    info: Mapping[str, Mapping[str, Any]],
    context: Neighbours,
) -> list[str]:
    """What the page says about the ties it draws faint (none: nothing)."""
    big: dict[str, int] = {}
    for (_, _, e), f in zip(edges, faint, strict=True):
        if f:
            (p,) = e["projects"]
            big[p] = len(context(p))
    if not big:
        return []
    largest = max(big, key=lambda p: (big[p], p))
    return [
        f"{sum(faint):,} ties come only from one project of {CLIQUE_SIZE} or more "
        f"actors ({len(big):,} such projects; the largest, "
        f"{info[largest]['label']}, has {big[largest]} actors): they are drawn faint."
    ]
