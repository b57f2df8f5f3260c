"""RDF graph → GEXF, GraphML and tables (Gephi, Cytoscape) and VOSviewer files.

Coverage and mentions are kept apart from collaboration by weight: an edge's
``weight`` counts the actor's active roles in the project and is 0 for a
municipality the project covers or a name only mentioned; its ``kind`` says
which (:func:`edge_kind`, :func:`edge_weight`).

The files are made from the project–actor graph as it is read, without a copy of
it: for 100,000 projects (a million edges) they take about 12 s, most of it
writing the two XML files (:mod:`graphkit.viz.formats`), and the memory they
take is mostly their own (about 1 GB).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.exports import csv_bytes, safe_cell
from graphkit.network import actor_projection, project_actor_graph, restricted_roles
from graphkit.records import ACTIVE_ROLES, ROLES, Role, ranked, role_set
from graphkit.viz.client import COLOURS
from graphkit.viz.formats import EdgeRows, gexf_graphml
from graphkit.viz.measures import (
    BETWEENNESS_LIMIT,
    degree_measures,
    index_positions,
    node_measures,
)
from graphkit.viz.views import SECTORS, subgraph_of

__all__ = [
    "edge_kind",
    "edge_weight",
    "exchange_files",
    "export_graph",
    "gephi_tables",
    "vosviewer_files",
]


#: A day as GEXF's time format ``date`` (xs:date) has it.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: An edge kept: its ends, attributes, restricted role and roles, project period.
_Edge = tuple[str, str, dict[str, Any], tuple[Role, frozenset[Role]], dict[str, str]]


def _export_rows(
    graph: Graph | nx.Graph,
    *,
    with_coverage: bool,
    measures: dict[str, dict[str, float]] | None,
) -> tuple[list[tuple[str, dict[str, Any]]], EdgeRows]:
    """The nodes and edges of :func:`export_graph`, the edges made as they are read.

    Nothing of the input is copied but its node attributes: a 100,000-project
    graph's million edges get their attributes only while being written.
    """
    roles = role_set(r for r in ROLES if with_coverage or r != Role.COVERS)
    B = graph if isinstance(graph, nx.Graph) else project_actor_graph(graph, roles)
    info = dict(B.nodes(data=True))
    kept: list[_Edge] = []
    degree = {n: len(around) for n, around in B.adjacency()}  # less the edges left
    periods: dict[str, dict[str, str]] = {}  # a project's start and end
    starts: dict[str, str] = {}  # an actor's first start
    ends: dict[str, str] = {}  # and last end
    for u, v, edge in B.edges(data=True):
        found = restricted_roles(edge["roles"], roles)
        if found is None:
            degree[u] -= 1
            degree[v] -= 1
            continue
        project, actor = (u, v) if info[u]["type"] == "project" else (v, u)
        if project not in periods:
            periods[project] = {
                k: info[project][k]
                for k in ("start", "end")
                if _DATE.fullmatch(str(info[project].get(k) or ""))
            }
        period = periods[project]
        kept.append((u, v, edge, found, period))
        if "start" in period and (
            actor not in starts or period["start"] < starts[actor]
        ):
            starts[actor] = period["start"]
        if "end" in period and (actor not in ends or period["end"] > ends[actor]):
            ends[actor] = period["end"]
    nodes = [n for n in B if degree[n]]
    if len(nodes) <= BETWEENNESS_LIMIT:
        values = node_measures(subgraph_of(B, nodes, roles), measures or {})
    else:
        values = degree_measures({n: degree[n] for n in nodes}, measures or {})
    positions = _positions(nodes, kept)
    projects = {n for n in nodes if info[n]["type"] == "project"}
    top = max(values["degree"].values(), default=1.0) or 1.0
    rows = []
    for node in nodes:
        attrs = {k: v for k, v in info[node].items() if v != "" and v is not None}
        for key in ("start", "end"):  # GEXF times are xs:dates
            if key in attrs and not _DATE.fullmatch(str(attrs[key])):
                del attrs[key]
        if node not in projects and node in starts and node in ends:
            attrs["start"], attrs["end"] = starts[node], ends[node]
        for name, table in values.items():
            attrs[name] = round(float(table.get(node, 0.0)), 6)
        kind = "project" if node in projects else attrs.get("sector", "unknown")
        attrs["color"] = COLOURS.get(kind, COLOURS["unknown"])
        attrs["size"] = round(5 + 25 * (values["degree"][node] / top) ** 0.5, 2)
        attrs["x"], attrs["y"] = (float(c) for c in positions[node])
        rows.append((node, attrs))

    def edges() -> Iterator[tuple[str, str, dict[str, Any]]]:
        joined = {found: ";".join(ranked(found)) for found in {k[3][1] for k in kept}}
        for u, v, edge, (role, found), period in kept:
            yield (
                u,
                v,
                {
                    **edge,
                    "role": str(role),
                    "roles": joined[found],
                    "kind": edge_kind(found),
                    "weight": edge_weight(found),
                    **period,
                },
            )

    return rows, edges


#: What an edge is, by its strongest role: active roles make a collaboration.
_KINDS = {Role.MENTION: "mention", Role.COVERS: "coverage"}


def edge_kind(roles: frozenset[Role]) -> str:
    """``collaboration`` (an active role), else ``mention`` or ``coverage``.

    Example:
        >>> edge_kind(frozenset({Role.PARTNER, Role.COVERS})), edge_kind({Role.COVERS})
        ('collaboration', 'coverage')
    """
    if any(r in ACTIVE_ROLES for r in roles):
        return "collaboration"
    return _KINDS[min(roles, key=ROLES.index)]


def edge_weight(roles: frozenset[Role]) -> int:
    """How many active roles an actor holds in a project: 0 for coverage or mention.

    So that Gephi's and Cytoscape's weighted measures see collaboration only.

    Example:
        >>> edge_weight(frozenset({Role.OWNER, Role.PARTNER})), edge_weight({Role.COVERS})
        (2, 0)
    """
    return sum(1 for r in roles if r in ACTIVE_ROLES)


def _positions(nodes: list[str], edges: list[_Edge]) -> dict[str, tuple[float, float]]:
    """:func:`graphkit.viz.measures.layout_positions` of the graph of these edges."""
    index = {n: i for i, n in enumerate(nodes)}
    return index_positions(nodes, [(index[u], index[v]) for u, v, _, _, _ in edges])


def export_graph(
    graph: Graph | nx.Graph,
    *,
    with_coverage: bool = True,
    measures: dict[str, dict[str, float]] | None = None,
) -> nx.Graph:
    """The project–actor graph as exchanged with Gephi and Cytoscape.

    Nodes keep every attribute of :func:`graphkit.network.project_actor_graph`
    (empty ones dropped), plus ``degree``, ``projects``, ``betweenness`` (up to
    :data:`~graphkit.viz.measures.BETWEENNESS_LIMIT` nodes) and any given
    measures, ``color`` (hex, by sector; projects gold), ``size`` and a seeded
    layout ``x``/``y``. Time: a project has its ``start``/``end``; an actor
    spans its projects' periods; an edge has its project's period. Edges keep
    ``role``, ``roles``, ``project``, ``document``, ``line``, ``kind``
    (:func:`edge_kind`: ``collaboration``, ``coverage`` or ``mention``) and
    ``weight`` (:func:`edge_weight`: the actor's active roles in the project, 0
    for coverage and mentions, so that weighted measures in Gephi or Cytoscape
    count collaboration only).

    Args:
        graph: an RDF graph in the graphkit ontology, or its project–actor graph.
        with_coverage: keep coverage edges (``role`` says which they are).
        measures: extra node measures, e.g. from :func:`graphkit.viz.read_measures`.

    Returns:
        A :class:`networkx.Graph` with only str, int and float attributes.
    """
    nodes, edges = _export_rows(graph, with_coverage=with_coverage, measures=measures)
    G: nx.Graph[str] = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges())
    return G


_NEEDS_QUOTES = re.compile('[,\t"]')


def _quoted(text: object) -> str:
    """A map-file field as VOSviewer reads it: in double quotes (doubled inside) when
    it holds a comma, a tab or a double quote; as it is otherwise.

    Example:
        >>> print(_quoted("Coompanion, Stockholm"), _quoted('Förening "Vi" i Malmö'))
        "Coompanion, Stockholm" "Förening ""Vi"" i Malmö"
    """
    value = str(text)
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _plain(text: object) -> str:
    return " ".join(str(text).split())  # also U+2028/2029, which end lines


def _indented_links(links: list[tuple[int, int, int]]) -> str:
    """``json.dumps(links, indent=1)`` as a value two levels deep, written fast."""
    if not links:
        return "[]"
    return (
        "[\n"
        + ",\n".join(
            f'   {{\n    "source_id": {a},\n    "target_id": {b},\n'
            f'    "strength": {json.dumps(w)}\n   }}'
            for a, b, w in links
        )
        + "\n  ]"
    )


def vosviewer_files(
    graph: Graph | nx.Graph, *, projection: nx.Graph | None = None
) -> dict[str, bytes]:
    """VOSviewer's JSON, map and network files of the actor collaboration network.

    Actors are items (cluster = sector), ties from shared projects in active
    roles (:data:`~graphkit.records.ACTIVE_ROLES`) are links with the number of
    shared projects as strength. VOSviewer shows ``description`` as HTML, so it
    is escaped.

    Args:
        graph: an RDF graph in the graphkit ontology, or its project–actor graph.
        projection: ``actor_projection(graph)`` when the caller has it.

    Returns:
        ``vosviewer.json``, ``vosviewer-map.txt`` and ``vosviewer-network.txt``
        (name → bytes).
    """
    B = (
        graph
        if isinstance(graph, nx.Graph)
        else project_actor_graph(graph, ACTIVE_ROLES)
    )
    P = projection if projection is not None else actor_projection(B, ACTIVE_ROLES)
    projects = dict(P.nodes(data="project_count"))
    shared: dict[tuple[str, str], int] = dict(
        sorted(
            ((min(a, b), max(a, b)), int(e["shared"])) for a, b, e in P.edges(data=True)
        )
    )
    ids = {n: i for i, n in enumerate(projects, start=1)}
    clusters = {s: i for i, s in enumerate(SECTORS, start=1)}
    items: list[dict[str, Any]] = []
    for node in projects:
        attrs = B.nodes[node]
        kind = attrs.get("actor_type") or attrs["type"]
        items.append(
            {
                "id": ids[node],
                "label": _plain(attrs["label"]),
                "cluster": clusters.get(attrs.get("sector") or "unknown", len(SECTORS)),
                "description": html.escape(
                    f"{kind} · {attrs.get('sector') or 'unknown'} · {node}"
                ),
                "weights": {
                    "Links": P.degree(node),
                    "Total link strength": P.degree(node, weight="shared"),
                    "Projects": projects[node],
                },
            }
        )
    links = [(ids[a], ids[b], weight) for (a, b), weight in shared.items()]
    document = {
        "config": {
            "terminology": {
                "item": "actor",
                "items": "actors",
                "link": "collaboration",
                "links": "collaborations",
                "link_strength": "shared projects",
                "total_link_strength": "total shared projects",
            }
        },
        "network": {
            "items": items,
            "links": "\0links",
            "clusters": [{"cluster": i, "label": s} for s, i in clusters.items()],
        },
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    before, _, after = text.rpartition('"\\u0000links"')  # the last: labels come first
    text = before + _indented_links(links) + after
    head = "\t".join(
        [
            "id",
            "label",
            "cluster",
            "weight<Links>",
            "weight<Total link strength>",
            "weight<Projects>",
        ]
    )
    rows = [
        f"{i['id']}\t{_quoted(safe_cell(i['label']))}\t{i['cluster']}\t"
        f"{i['weights']['Links']}\t"
        f"{i['weights']['Total link strength']}\t{i['weights']['Projects']}"
        for i in items
    ]
    return {
        "vosviewer.json": (text + "\n").encode(),
        "vosviewer-map.txt": ("\n".join([head, *rows]) + "\n").encode(),
        "vosviewer-network.txt": "".join(
            f"{a}\t{b}\t{weight}\n" for a, b, weight in links
        ).encode(),
    }


def exchange_files(
    graph: Graph | nx.Graph,
    *,
    with_coverage: bool = True,
    measures: dict[str, dict[str, float]] | None = None,
    projection: nx.Graph | None = None,
) -> dict[str, bytes]:
    """Every exchange file of ``graph``, byte-identical for the same input.

    GEXF and GraphML hold :func:`export_graph`'s nodes and edges; VOSviewer's
    files :func:`vosviewer_files`' actors and ties.

    Args:
        graph: an RDF graph in the graphkit ontology, or its project–actor graph.
        with_coverage: keep coverage edges in GEXF and GraphML.
        measures: extra node measures for GEXF and GraphML.
        projection: its ``actor_projection`` when the caller has it.

    Returns:
        ``{"network.gexf", "network.graphml", "vosviewer.json",
        "vosviewer-map.txt", "vosviewer-network.txt"}`` → bytes.

    Example (not executed)::

        write_atomically(out, files | exchange_files(graph))
    """
    nodes, edges = _export_rows(graph, with_coverage=with_coverage, measures=measures)
    gexf, graphml = gexf_graphml(nodes, edges)
    return {
        "network.gexf": gexf,
        "network.graphml": graphml,
        **gephi_tables(nodes, edges),
        **vosviewer_files(graph, projection=projection),
    }


_GEPHI_NODE_COLUMNS = ("type", "actor_type", "sector", "code", "start", "end")


def gephi_tables(
    nodes: list[tuple[str, dict[str, Any]]], edges: EdgeRows
) -> dict[str, bytes]:
    """Gephi's spreadsheet import: ``gephi-nodes.csv`` and ``gephi-edges.csv``.

    Nodes have Gephi's ``Id`` and ``Label``; edges ``Source``, ``Target``,
    ``Type`` (``Undirected``) and ``Weight``, one row per project–actor pair,
    with the GraphML's weights: the actor's active roles in the project, 0
    for coverage and mentions (their ``kind`` says which).

    Example (not executed)::

        tables = gephi_tables(*_export_rows(graph, with_coverage=True, measures=None))
    """
    return {
        "gephi-nodes.csv": csv_bytes(
            ["Id", "Label", *_GEPHI_NODE_COLUMNS],
            (
                [
                    node,
                    attrs.get("label", node),
                    *(attrs.get(c) for c in _GEPHI_NODE_COLUMNS),
                ]
                for node, attrs in nodes
            ),
        ),
        "gephi-edges.csv": csv_bytes(
            ["Source", "Target", "Type", "Weight", "kind", "roles"],
            (
                [u, v, "Undirected", e["weight"], e["kind"], e["roles"]]
                for u, v, e in edges()
            ),
        ),
    }
