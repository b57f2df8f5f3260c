"""RDF graph → the plain JSON data a network page draws: selection, measures, layout."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.errors import ExportError
from graphkit.network import actor_projection, project_actor_graph, restrict_roles
from graphkit.records import ACTIVE_ROLES, ROLES
from graphkit.viz.measures import layout_positions, node_measures

__all__ = [
    "LAYOUT_THRESHOLD",
    "MAX_NODES",
    "SECTORS",
    "actor_ties",
    "network_data",
    "select_graph",
    "view_roles",
]

log = logging.getLogger(__name__)

#: Above this many nodes the page gets precomputed positions and no physics.
LAYOUT_THRESHOLD = 400

#: A page shows about this many nodes at most; bigger graphs keep their most
#: central actors (as with ``top``), and the page says so.
MAX_NODES = 20_000


def view_roles(
    projection: str, with_coverage: bool, with_mentions: bool | None
) -> set[str]:
    """The roles a view draws: active roles, mentions (bipartite), coverage (if asked).

    Example:
        >>> sorted(view_roles("actors", False, None))
        ['group', 'owner', 'partner', 'transnational']
        >>> sorted(view_roles("bipartite", True, None))
        ['covers', 'group', 'mention', 'owner', 'partner', 'transnational']
    """
    mentions = projection == "bipartite" if with_mentions is None else with_mentions
    return {
        *ACTIVE_ROLES,
        *(["mention"] if mentions else []),
        *(["covers"] if with_coverage else []),
    }


#: Sectors in legend order.
SECTORS: tuple[str, ...] = (
    "public",
    "social-economy",
    "private",
    "research",
    "european-network",
    "unknown",
)

_RANK = {role: n for n, role in enumerate(ROLES)}


def actor_ties(B: nx.Graph) -> nx.Graph:
    """The actor–actor graph of a project–actor graph, with a ``role`` per tie.

    Ties have ``weight`` (shared projects) and ``projects`` (``;``-joined), from
    :func:`graphkit.network.actor_projection`.

    A tie's role is the weaker of the two actors' roles in a shared project,
    the strongest over their shared projects (owner–partner ties are "partner").
    """
    members: dict[str, dict[str, str]] = {}
    for u, v, edge in B.edges(data=True):
        project, actor = (u, v) if B.nodes[u]["type"] == "project" else (v, u)
        members.setdefault(project, {})[actor] = edge["role"]
    roles = sorted(
        {r for m in members.values() for r in m.values()}, key=_RANK.__getitem__
    )
    P = actor_projection(B, roles)
    for a, b, edge in P.edges(data=True):
        ties = [
            max(members[p][a], members[p][b], key=_RANK.__getitem__)
            for p in str(edge["projects"]).split(";")
        ]
        edge["role"] = min(ties, key=_RANK.__getitem__)
        edge["roles"] = ";".join(sorted(set(ties), key=_RANK.__getitem__))
    return P


def bipartite_of(graph: Graph | nx.Graph, roles: Iterable[str]) -> nx.Graph:
    """The project–actor graph of ``roles``, from an RDF graph or one already made."""
    if isinstance(graph, nx.Graph):
        return restrict_roles(graph, roles)
    return project_actor_graph(graph, roles)


def select_graph(
    graph: Graph | nx.Graph,
    *,
    projection: str = "bipartite",
    with_coverage: bool = False,
    with_mentions: bool | None = None,
) -> nx.Graph:
    """The networkx graph a page shows: project–actor (bipartite) or actor–actor.

    Args:
        graph: an RDF graph in the graphkit ontology, or a project–actor graph
            already made from one by :func:`graphkit.network.project_actor_graph`.
        projection: ``"bipartite"`` (projects and actors) or ``"actors"``
            (actors tied by shared projects).
        with_coverage: also draw the municipalities a project covers.
        with_mentions: also draw actors mentioned in a project's text; by default
            yes in the bipartite graph, no between actors (mentions are not
            collaboration, as in ``graphkit analyze``).

    Returns:
        A graph whose edges carry ``role``, ``roles`` and ``weight``.

    Raises:
        ExportError: for an unknown projection.

    Example:
        >>> P = select_graph(_example(), projection="actors")
        >>> sorted(P.edges(data="role"))
        [('municipality/1480', 'org/coompanion-goteborg', 'partner')]
    """
    if projection not in ("bipartite", "actors"):
        raise ExportError(f"unknown projection {projection!r} (bipartite or actors)")
    roles = view_roles(projection, with_coverage, with_mentions)
    B = bipartite_of(graph, roles)
    if projection == "actors":
        P = actor_ties(B)
        P.graph["bipartite"] = B
        return P
    for _, _, edge in B.edges(data=True):
        edge.setdefault("weight", 1)
    B.graph["bipartite"] = B
    return B


def _example() -> nx.Graph:
    """A three-node project–actor graph for the examples (with a coverage edge)."""
    G: nx.Graph[str] = nx.Graph()
    G.add_node(
        "municipality/1480",
        label="Göteborgs Stad",
        type="municipality",
        actor_type="municipality",
        sector="public",
        code="1480",
        bipartite=1,
    )
    G.add_node(
        "org/coompanion-goteborg",
        label="Coompanion Göteborg",
        type="organisation",
        actor_type="cooperative",
        sector="social-economy",
        code="",
        bipartite=1,
    )
    G.add_node(
        "org/skanes-stadsmission",
        label="Skånes Stadsmission",
        type="organisation",
        actor_type="foundation",
        sector="social-economy",
        code="",
        bipartite=1,
    )
    G.add_node(
        "project/social-ekonomi-i-vast",
        label="Social ekonomi i Väst",
        type="project",
        actor_type="",
        sector="",
        code="",
        bipartite=0,
        start="2015-01-01",
        end="2017-06-30",
        programme_area="PO2",
        phase="",
        fund="ESF",
        region="Västsverige",
    )
    for actor, role, line in (
        ("municipality/1480", "partner", 14),
        ("org/coompanion-goteborg", "owner", 12),
        ("org/skanes-stadsmission", "covers", 20),
    ):
        G.add_edge(
            "project/social-ekonomi-i-vast",
            actor,
            role=role,
            roles=role,
            project="project/social-ekonomi-i-vast",
            line=line,
            document="seeds/001.txt",
        )
    return G


def _find(G: nx.Graph, name: str) -> str:
    """The node called ``name`` (an id, a label, or a unique part of a label)."""
    if name in G:
        return name
    wanted = name.casefold().strip()
    exact = [n for n, label in G.nodes(data="label") if str(label).casefold() == wanted]
    found = exact or [
        n for n, label in G.nodes(data="label") if wanted in str(label).casefold()
    ]
    if len(found) == 1:
        return str(found[0])
    if not found:
        raise ExportError(f"no node is called {name!r}")
    names = ", ".join(sorted(str(G.nodes[n]["label"]) for n in found)[:8])
    raise ExportError(f"{name!r} is ambiguous: {names}")


def _keep_top(G: nx.Graph, measure: dict[str, float], top: int) -> tuple[nx.Graph, str]:
    """The ``top`` most central actors with their ties, and a note of what is cut."""
    actors = [n for n, t in G.nodes(data="type") if t != "project"]
    if len(actors) <= top:
        return G, ""
    ranked = sorted(actors, key=lambda n: (-measure.get(n, 0.0), n))[:top]
    keep = set(ranked)
    keep |= {p for a in ranked for p in G[a] if G.nodes[p]["type"] == "project"}
    position = {n: i for i, n in enumerate(G)}
    H = G.subgraph(sorted(keep, key=position.__getitem__)).copy()
    H.graph.update(G.graph)
    left = (
        len(actors) - top,
        G.number_of_nodes() - H.number_of_nodes() - (len(actors) - top),
        G.number_of_edges() - H.number_of_edges(),
    )
    note = (
        f"Showing the {top:,} most central of {len(actors):,} actors; left out: "
        f"{left[0]:,} actors, {left[1]:,} projects, {left[2]:,} ties."
    )
    return H, note


def _sources(G: nx.Graph, node: str) -> list[str]:
    B: nx.Graph = G.graph.get("bipartite", G)
    if node not in B:
        return []
    places = sorted(
        {
            f"{e['document']}:{e['line']}"
            if e.get("line", -1) != -1
            else str(e["document"])
            for e in B[node].values()
            if e.get("document")
        }
    )
    return places


def _tooltip(
    G: nx.Graph, node: str, measures: dict[str, dict[str, float]], order: Iterable[str]
) -> str:
    """A plain-text tooltip: name, kind, sector, projects, top measures, provenance."""
    d = G.nodes[node]
    B: nx.Graph = G.graph.get("bipartite", G)
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
        lines.append(f"actors: {B.degree(node) if node in B else 0}")
    else:
        if d.get("code"):
            lines.append(f"SCB code: {d['code']}")
        projects = sorted(B[node]) if node in B else []
        titles = [str(B.nodes[p]["label"]) for p in projects[:3]]
        more = f" (+{len(projects) - 3} more)" if len(projects) > 3 else ""
        lines.append(f"projects ({len(projects)}): " + "; ".join(titles) + more)
    lines.append(" · ".join(f"{m} {_fmt(measures[m].get(node, 0.0))}" for m in order))
    sources = _sources(G, node)
    if sources:
        more = f" (+{len(sources) - 2} more)" if len(sources) > 2 else ""
        lines.append("source: " + ", ".join(sources[:2]) + more)
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
            ties; the page says what was left out.
        max_nodes: when the graph has more nodes and ``top`` is not given, keep
            the most central actors so the page has about this many (None: all).
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
    G = select_graph(
        graph,
        projection=projection,
        with_coverage=with_coverage,
        with_mentions=with_mentions,
    )
    total = G.number_of_nodes()
    notes = []
    if ego is not None:
        centre = _find(G, ego)
        radius = depth if depth is not None else (2 if projection == "bipartite" else 1)
        H = nx.ego_graph(G, centre, radius=radius)
        H.graph.update(G.graph)
        notes.append(
            f"Network of {G.nodes[centre]['label']} within {radius} step(s): "
            f"{H.number_of_nodes():,} of {total:,} nodes."
        )
        G = H
    all_measures = node_measures(G, measures or {}, size_by=size_by)
    if size_by not in all_measures:
        known = ", ".join(all_measures)
        raise ExportError(f"unknown measure {size_by!r}; known: {known}")
    if top is None and max_nodes is not None and G.number_of_nodes() > max_nodes:
        actors = sum(1 for _, t in G.nodes(data="type") if t != "project")
        top = max(1, actors * max_nodes // G.number_of_nodes())
        notes.append(
            f"The graph has {G.number_of_nodes():,} nodes, more than a "
            f"browser draws well ({max_nodes:,})."
        )
    if top is not None:
        G, note = _keep_top(G, all_measures[size_by], top)
        notes += [note] if note else []
    order = [size_by, *(m for m in all_measures if m != size_by)][:4]
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    B: nx.Graph = G.graph.get("bipartite", G)
    projects = sorted(
        p
        for p, t in B.nodes(data="type")
        if t == "project" and (p in G or any(a in G for a in B[p]))
    )
    pindex = {p: i for i, p in enumerate(projects)}
    regions = sorted({str(B.nodes[p].get("region") or "") for p in projects} - {""})
    areas = sorted(
        {str(B.nodes[p].get("programme_area") or "") for p in projects} - {""}
    )
    kinds = ["project", "organisation", "municipality"]
    sectors = [s for s in SECTORS if any(G.nodes[n].get("sector") == s for n in nodes)]
    roles = [r for r in ROLES if any(e["role"] == r for *_, e in G.edges(data=True))]
    values = all_measures[size_by]
    top_value = max((values.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    positions = layout_positions(G) if len(nodes) > layout_threshold else None

    def node_projects(n: str) -> list[int]:
        if G.nodes[n]["type"] == "project":
            return [pindex[n]] if n in pindex else []
        return sorted(pindex[p] for p in B[n] if p in pindex) if n in B else []

    edges = list(G.edges(data=True))
    return {
        "meta": {
            "projection": projection,
            "sizeBy": size_by,
            "notes": notes,
            "physics": positions is None,
            "withCoverage": with_coverage,
            "graphNodes": total,
            "measures": order,
        },
        "kinds": kinds,
        "sectors": sectors,
        "roles": roles,
        "regions": regions,
        "areas": areas,
        "projects": {
            "region": [
                regions.index(B.nodes[p]["region"]) if B.nodes[p].get("region") else -1
                for p in projects
            ],
            "area": [
                areas.index(B.nodes[p]["programme_area"])
                if B.nodes[p].get("programme_area")
                else -1
                for p in projects
            ],
            "start": [_year(B.nodes[p].get("start")) for p in projects],
            "end": [_year(B.nodes[p].get("end")) for p in projects],
        },
        "nodes": {
            "id": nodes,
            "label": [str(G.nodes[n]["label"]) for n in nodes],
            "kind": [kinds.index(G.nodes[n]["type"]) for n in nodes],
            "sector": [
                sectors.index(G.nodes[n]["sector"])
                if G.nodes[n].get("sector") in sectors
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
            "title": [_tooltip(G, n, all_measures, order) for n in nodes],
        },
        "edges": {
            "from": [index[u] for u, _, _ in edges],
            "to": [index[v] for _, v, _ in edges],
            "role": [roles.index(e["role"]) for *_, e in edges],
            "weight": [e.get("weight", 1) for *_, e in edges],
            "projects": [
                [
                    pindex[p]
                    for p in str(e.get("projects") or e.get("project")).split(";")
                    if p in pindex
                ]
                for *_, e in edges
            ],
        },
    }
