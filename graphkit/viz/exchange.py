"""RDF graph → GEXF and GraphML (Gephi, Cytoscape) and VOSviewer map/network files."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.records import ACTIVE_ROLES, ROLES
from graphkit.viz.client import COLOURS
from graphkit.viz.data import SECTORS, actor_ties, bipartite_of
from graphkit.viz.measures import layout_positions, node_measures

__all__ = ["exchange_files", "export_graph", "vosviewer_files"]


def _rgb(colour: str) -> dict[str, int]:
    return {
        "r": int(colour[1:3], 16),
        "g": int(colour[3:5], 16),
        "b": int(colour[5:7], 16),
    }


def export_graph(
    graph: Graph | nx.Graph,
    *,
    with_coverage: bool = True,
    measures: dict[str, dict[str, float]] | None = None,
) -> nx.Graph:
    """The project–actor graph as exchanged with Gephi and Cytoscape.

    Nodes keep every attribute of :func:`graphkit.network.project_actor_graph`
    (empty ones dropped), plus ``degree``, ``projects``, ``betweenness`` and any
    given measures, ``color`` (hex, by sector; projects gold), ``size`` and a
    seeded layout ``x``/``y``. Time: a project has its ``start``/``end``; an
    actor spans its projects' periods; an edge has its project's period. Edges
    keep ``role``, ``roles``, ``project``, ``document``, ``line`` and ``weight``.

    Args:
        graph: an RDF graph in the graphkit ontology.
        with_coverage: keep coverage edges (``role`` says which they are).
        measures: extra node measures, e.g. from :func:`graphkit.viz.read_measures`.

    Returns:
        A :class:`networkx.Graph` with only str, int and float attributes.
    """
    G = bipartite_of(
        graph, ROLES if with_coverage else tuple(r for r in ROLES if r != "covers")
    )
    values = node_measures(G, measures or {})
    positions = layout_positions(G) if G.number_of_nodes() else {}
    top = max(values["degree"].values(), default=1.0) or 1.0
    for node, attrs in G.nodes(data=True):
        for key in [k for k, v in attrs.items() if v == "" or v is None]:
            del attrs[key]
        if attrs["type"] != "project":
            starts = sorted(
                G.nodes[p]["start"] for p in G[node] if G.nodes[p].get("start")
            )
            ends = sorted(G.nodes[p]["end"] for p in G[node] if G.nodes[p].get("end"))
            if starts and ends:
                attrs["start"], attrs["end"] = starts[0], ends[-1]
        for name, table in values.items():
            attrs[name] = round(float(table.get(node, 0.0)), 6)
        kind = (
            "project" if attrs["type"] == "project" else attrs.get("sector", "unknown")
        )
        attrs["color"] = COLOURS.get(kind, COLOURS["unknown"])
        attrs["size"] = round(5 + 25 * (values["degree"][node] / top) ** 0.5, 2)
        attrs["x"], attrs["y"] = (float(c) for c in positions[node])
    for u, v, edge in G.edges(data=True):
        project = u if G.nodes[u]["type"] == "project" else v
        edge["weight"] = 1
        for key in ("start", "end"):
            if G.nodes[project].get(key):
                edge[key] = G.nodes[project][key]
    return G


def _gexf(G: nx.Graph) -> bytes:
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        attrs["viz"] = {
            "color": {**_rgb(attrs["color"]), "a": 1.0},
            "size": attrs["size"],
            "position": {"x": attrs["x"], "y": attrs["y"], "z": 0.0},
        }
    text = "\n".join(nx.generate_gexf(H, prettyprint=True))
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)  # today's date breaks reruns
    return (text + "\n").encode("utf-8")


def _graphml(G: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def _plain(text: object) -> str:
    return " ".join(str(text).split())  # also U+2028/2029, which end lines


def vosviewer_files(graph: Graph | nx.Graph) -> dict[str, bytes]:
    """VOSviewer's JSON, map and network files of the actor collaboration network.

    Actors are items (cluster = sector), ties from shared projects in active
    roles (owner, partner, transnational, group) are links with the number of
    shared projects as strength. VOSviewer shows ``description`` as HTML, so it
    is escaped.

    Returns:
        ``vosviewer.json``, ``vosviewer-map.txt`` and ``vosviewer-network.txt``
        (name → bytes).
    """
    B = bipartite_of(graph, ACTIVE_ROLES)
    P = actor_ties(B)
    ids = {n: i for i, n in enumerate(P, start=1)}
    strength = dict(P.degree(weight="weight"))
    clusters = {s: i for i, s in enumerate(SECTORS, start=1)}
    items: list[dict[str, Any]] = []
    for node, attrs in P.nodes(data=True):
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
                    "Total link strength": strength[node],
                    "Projects": B.degree(node),
                },
            }
        )
    links = [
        {"source_id": ids[u], "target_id": ids[v], "strength": e["weight"]}
        for u, v, e in P.edges(data=True)
    ]
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
            "links": links,
            "clusters": [{"cluster": i, "label": s} for s, i in clusters.items()],
        },
    }
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
        f"{i['id']}\t{i['label']}\t{i['cluster']}\t{i['weights']['Links']}\t"
        f"{i['weights']['Total link strength']}\t{i['weights']['Projects']}"
        for i in items
    ]
    return {
        "vosviewer.json": (
            json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        ).encode(),
        "vosviewer-map.txt": ("\n".join([head, *rows]) + "\n").encode(),
        "vosviewer-network.txt": "".join(
            f"{link['source_id']}\t{link['target_id']}\t{link['strength']}\n"
            for link in links
        ).encode(),
    }


def exchange_files(
    graph: Graph | nx.Graph,
    *,
    with_coverage: bool = True,
    measures: dict[str, dict[str, float]] | None = None,
) -> dict[str, bytes]:
    """Every exchange file of ``graph``, byte-identical for the same input.

    Args:
        graph: an RDF graph in the graphkit ontology.
        with_coverage: keep coverage edges in GEXF and GraphML.
        measures: extra node measures for GEXF and GraphML.

    Returns:
        ``{"network.gexf", "network.graphml", "vosviewer.json",
        "vosviewer-map.txt", "vosviewer-network.txt"}`` → bytes.

    Example (not executed)::

        write_atomically(out, files | exchange_files(graph))
    """
    G = export_graph(graph, with_coverage=with_coverage, measures=measures)
    return {
        "network.gexf": _gexf(G),
        "network.graphml": _graphml(G),
        **vosviewer_files(graph),
    }
