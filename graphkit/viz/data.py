"""RDF graph → the plain JSON data a network page draws: nodes, edges, tooltips, layout.

Which part of the graph a page draws is :mod:`graphkit.viz.views`'s job; this
module turns it into columns.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.errors import ExportError
from graphkit.rdf.vocabulary import ID_PREFIXES
from graphkit.records import ACTIVE_ROLES, Role, ranked
from graphkit.viz.measures import layout_positions
from graphkit.viz.tooltips import tooltip_columns
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
    "measure_graphs",
    "measure_labels",
    "network_data",
    "select_graph",
    "view_roles",
]

log = logging.getLogger(__name__)

#: Above this many nodes the page gets precomputed positions and no physics.
LAYOUT_THRESHOLD = 400

#: Above this many nodes a page is drawn by sigma.js (WebGL) instead of vis-network:
#: measured in ``benchmarks/RESULTS_viz.md``, vis-network's filter and search take
#: 71-73 ms at 1,000 nodes and 107 ms at 2,000 (over the 100 ms a page should answer
#: in), while sigma.js stays under 20 ms up to 20,000 nodes.
SIGMA_THRESHOLD = 1000

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


def measure_graphs(
    measures: Iterable[str],
    projection: str,
    roles: frozenset[Role],
    computed: Iterable[str],
    tables: Mapping[str, str],
) -> dict[str, str]:
    """The graph each measure was computed on, in the words the analysis outputs use.

    The measures the page computed (``computed``) are of the graph it draws (its
    ``projection`` with ``roles``), but ``projects``, which counts a node's
    projects (or a project's actors) in the project–actor graph of the same roles;
    a measure from an analysis table is of the graph that table names for it
    (``tables``, from :func:`graphkit.viz.measures.read_measure_graphs`), or said
    to be from ``centrality.csv`` when the table does not say.

    Example:
        >>> from graphkit.viz.views import view_roles
        >>> graphs = measure_graphs(["degree", "projects", "pagerank", "x"],
        ...     "actors", view_roles("actors", False, None), ["degree", "projects"],
        ...     {"pagerank": "actor–actor, roles owner, partner"})
        >>> for name, graph in graphs.items():
        ...     print(f"{name}: {graph}")
        degree: actor–actor, active roles
        projects: project–actor, active roles
        pagerank: actor–actor, roles owner, partner
        x: centrality.csv
    """
    on, projects = graph_note(projection, roles), graph_note("bipartite", roles)
    mine = set(computed)
    return {
        name: projects
        if name == "projects"
        else on
        if name in mine
        else tables.get(name, "centrality.csv")
        for name in measures
    }


def measure_labels(graphs: Mapping[str, str]) -> dict[str, str]:
    """Each measure's name with the graph it was computed on, as the page shows it.

    Example:
        >>> measure_labels({"pagerank": "actor–actor, active roles"})
        {'pagerank': 'pagerank (actor–actor, active roles)'}
    """
    return {name: f"{name} ({graph})" for name, graph in graphs.items()}


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
    measure_tables: Mapping[str, str] | None = None,
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
        measure_tables: the graph each of ``measures`` was computed on, e.g.
            from :func:`graphkit.viz.measures.read_measure_graphs`.
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
        >>> data["meta"]["measureLabels"]["degree"]
        'degree (project–actor, active roles + mentions)'
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
    roles_drawn = view_roles(projection, with_coverage, with_mentions)
    on = graph_note(projection, roles_drawn)
    graphs = measure_graphs(
        all_measures, projection, roles_drawn, drawn.computed, measure_tables or {}
    )
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
    lists, project_columns = _project_columns(projects, info, context)
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
    tips = tooltip_columns(
        attrs, nodes, edges, projection, all_measures, order, context
    )

    def node_projects(n: str) -> list[int]:
        if attrs[n]["type"] == "project":
            return [pindex[n]] if n in pindex else []
        return sorted(pindex[p] for p in context(n) if p in pindex)

    faint = _faint(edges, projection, context)
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
            "measureGraphs": graphs,
            "measureLabels": measure_labels(graphs),
            "graph": on,
            "curies": ID_PREFIXES,
        },
        "kinds": kinds,
        "sectors": sectors,
        "roles": roles,
        **lists,
        "types": tips["types"],
        "documents": tips["documents"],
        "projects": project_columns,
        "nodes": {
            **_node_columns(attrs, nodes, kinds, sectors, values, positions),
            "projects": [node_projects(n) for n in nodes],
            **tips["nodes"],
        },
        "edges": {
            **_edge_columns(edges, index, role_index, pindex),
            **tips["edges"],
            "faint": faint,
        },
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
    projects: list[str], info: Mapping[str, Mapping[str, Any]], context: Neighbours
) -> tuple[dict[str, list[str]], dict[str, list[Any]]]:
    """The page's project lookup lists (regions, areas, funds, phases) and columns.

    ``start``/``end`` are years (the period filter's), ``period`` the dates a
    tooltip shows, ``actors`` how many actors a project has.
    """

    def lookup(field: str) -> list[str]:
        return sorted({str(info[p].get(field) or "") for p in projects} - {""})

    names = area_names({str(info[p].get("programme_area") or "") for p in projects})
    lists = {
        "regions": lookup("region"),
        "areas": sorted(set(names.values())),
        "funds": lookup("fund"),
        "phases": lookup("phase"),
    }
    where = {
        field: {v: i for i, v in enumerate(lists[name])}
        for field, name in (
            ("region", "regions"),
            ("fund", "funds"),
            ("phase", "phases"),
        )
    }
    where["programme_area"] = {
        raw: lists["areas"].index(name) for raw, name in names.items()
    }

    def column(field: str) -> list[int]:
        return [
            where[field][info[p][field]] if info[p].get(field) else -1 for p in projects
        ]

    def period(p: str) -> str | None:
        dates = [str(info[p][k]) for k in ("start", "end") if info[p].get(k)]
        return " – ".join(dates) or None

    return lists, {
        "label": [str(info[p].get("label", p)) for p in projects],
        "region": column("region"),
        "area": column("programme_area"),
        "fund": column("fund"),
        "phase": column("phase"),
        "start": [_year(info[p].get("start")) for p in projects],
        "end": [_year(info[p].get("end")) for p in projects],
        "period": [period(p) for p in projects],
        "actors": [len(context(p)) for p in projects],
    }


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
            sorted(
                pindex[p]
                for p in e.get("projects") or (e.get("project"),)
                if p in pindex
            )
            for _, _, e in edges
        ],
    }


def _faint(
    edges: list[tuple[str, str, dict[str, Any]]], projection: str, context: Neighbours
) -> list[int]:
    """1 for a tie of the actor–actor view that one project of :data:`CLIQUE_SIZE`
    actors or more alone makes (drawn faint and loose in the layout), else 0."""
    if projection != "actors":
        return [0] * len(edges)
    return [
        int(len(shared) == 1 and len(context(next(iter(shared)))) >= CLIQUE_SIZE)
        for *_, e in edges
        for shared in (e.get("projects") or (),)
    ]


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
