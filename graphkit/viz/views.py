"""RDF or project–actor graph → the graph a view draws: roles, projection, top actors.

A page of a 100,000-project graph draws about :data:`MAX_NODES` of its nodes;
:func:`page_graph` picks them from degrees streamed off the graph and copies
only those (the whole graph's restricted copy alone would take seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.errors import ExportError
from graphkit.network import (
    actor_projection,
    edge_in_roles,
    project_actor_graph,
    restrict_roles,
)
from graphkit.records import ACTIVE_ROLES, Role, role_set
from graphkit.viz.measures import (
    BETWEENNESS_LIMIT,
    degree_measures,
    node_measures,
    with_extra,
)

__all__ = [
    "MAX_NODES",
    "SECTORS",
    "Neighbours",
    "PageGraph",
    "bipartite_of",
    "page_graph",
    "select_graph",
    "subgraph_of",
    "view_roles",
]

#: A page shows about this many nodes at most; bigger graphs keep their most
#: central actors (as with ``top``), and the page says so. sigma.js draws this
#: many in about 1 s, on screen in under 2 s, on two cores without a GPU
#: (``benchmarks/RESULTS_viz.md``).
MAX_NODES = 50_000


def view_roles(
    projection: str, with_coverage: bool, with_mentions: bool | None
) -> frozenset[Role]:
    """The roles a view draws: active roles, mentions (bipartite), coverage (if asked).

    Example:
        >>> from graphkit.records import ranked
        >>> print(*ranked(view_roles("actors", False, None)))
        owner partner cofinancier transnational group
        >>> print(*ranked(view_roles("bipartite", True, None)))
        owner partner cofinancier transnational group mention covers
    """
    mentions = projection == "bipartite" if with_mentions is None else with_mentions
    return role_set(
        [
            *ACTIVE_ROLES,
            *([Role.MENTION] if mentions else []),
            *([Role.COVERS] if with_coverage else []),
        ]
    )


#: Sectors in legend order.
SECTORS: tuple[str, ...] = (
    "public",
    "social-economy",
    "private",
    "research",
    "european-network",
    "unknown",
)


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
        >>> [(u, v, str(role)) for u, v, role in P.edges(data="role")]
        [('municipality/1480', 'org/coompanion-goteborg', 'partner')]
    """
    if projection not in ("bipartite", "actors"):
        raise ExportError(f"unknown projection {projection!r} (bipartite or actors)")
    roles = view_roles(projection, with_coverage, with_mentions)
    B = bipartite_of(graph, roles)
    if projection == "actors":
        P = actor_projection(B, roles)
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
            role=Role(role),
            roles=role_set([role]),
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


def subgraph_of(
    G: nx.Graph, nodes: list[str], roles: frozenset[Role] | None = None
) -> nx.Graph:
    """The subgraph of ``nodes`` as a new graph, nodes and edges in ``G``'s order.

    Unlike ``G.subgraph(nodes).copy()``, whose order follows a set's (and so the
    interpreter's hash seed) when it keeps less than half the nodes, and which
    is slow to make from a big graph.

    With ``roles`` only the edges of those roles stay, restricted by
    :func:`graphkit.network.edge_in_roles`, each with a ``weight`` (1 unless it
    has one), and the graph attributes do not: given all the nodes with such an
    edge, the graph :func:`graphkit.network.restrict_roles` makes, edge weights
    aside.

    Example:
        >>> H = subgraph_of(_example(), ["project/social-ekonomi-i-vast",
        ...                 "municipality/1480"], role_set(["partner"]))
        >>> [(u, v, str(e["role"]), e["weight"]) for u, v, e in H.edges(data=True)]
        [('project/social-ekonomi-i-vast', 'municipality/1480', 'partner', 1)]
    """
    keep = set(nodes)
    adjacency = dict(G.adjacency())  # networkx's own dicts: no view per neighbour
    attributes = dict(G.nodes(data=True))
    H: nx.Graph[str] = nx.Graph()
    if roles is None:
        H.graph.update(G.graph)
    H.add_nodes_from((n, attributes[n]) for n in nodes)
    done: set[str] = set()
    for u in nodes:
        if roles is None:
            H.add_edges_from(
                (u, v, e)
                for v, e in adjacency[u].items()
                if v in keep and v not in done
            )
        else:
            for v, e in adjacency[u].items():
                if v in keep and v not in done:
                    edge = edge_in_roles(e, roles)
                    if edge is not None:
                        edge.setdefault("weight", 1)
                        H.add_edge(u, v, **edge)
        done.add(u)
    return H


def _keep_top(
    actors: list[str],
    projects_of: Callable[[str], Iterable[str]],
    measure: dict[str, float],
    top: int,
    max_nodes: int | None,
) -> tuple[list[str], list[str], int]:
    """The ``top`` most central actors, their projects, and how many projects they have.

    When the actors and all their projects would make more than ``max_nodes``
    nodes, only the projects that link most of the kept actors stay (then the
    most central projects), so a page of a 100,000-project graph stays drawable.

    Args:
        actors: the graph's actors.
        projects_of: an actor's projects.
        measure: the measure that ranks actors and projects.
        top: how many actors to keep.
        max_nodes: at most this many nodes when ``top`` leaves room (None: no cap).

    Returns:
        The kept actors (ranked), the kept projects, and the number of projects
        of the kept actors.
    """
    ranked = sorted(actors, key=lambda n: (-measure.get(n, 0.0), n))[:top]
    links: dict[str, int] = {}
    for actor in ranked:
        for p in projects_of(actor):
            links[p] = links.get(p, 0) + 1
    room = len(links) if max_nodes is None else max(max_nodes - len(ranked), 0)
    projects = list(links)
    if len(projects) > room:
        projects = sorted(projects, key=lambda p: (-links[p], -measure.get(p, 0.0), p))[
            :room
        ]
    return ranked, projects, len(links)


def _top_note(
    counts: tuple[int, int, int], kept: nx.Graph, actors: int, linked: int
) -> str:
    """What a page keeping only the top actors shows, and what it leaves out.

    Args:
        counts: the whole graph's actors, projects and ties.
        kept: the graph kept.
        actors: the actors kept.
        linked: the projects of the actors kept (more than ``kept`` has when the
            projects were cut too).
    """
    projects = kept.number_of_nodes() - actors
    cut = (
        f" and the {projects:,} of their {linked:,} projects that link most of them"
        if projects < linked
        else ""
    )
    return (
        f"Showing the {actors:,} most central of {counts[0]:,} actors{cut}; left out: "
        f"{counts[0] - actors:,} actors, {counts[1] - projects:,} projects, "
        f"{counts[2] - kept.number_of_edges():,} ties."
    )


#: A node's neighbours in the project–actor graph, with their edge attributes
#: (``document`` and ``line``; ``role`` may be the given graph's, unrestricted).
Neighbours = Callable[[str], Mapping[str, Mapping[str, Any]]]


@dataclass(frozen=True, slots=True)
class _View:
    """The graph a page would draw whole, before any top actors are picked."""

    nodes: list[str]  #: its nodes, in order
    total: int  #: its nodes before an ego network was cut out
    ties: int  #: its edges
    notes: list[str]  #: what the page says about it
    measures: dict[str, dict[str, float]]  #: of its nodes
    info: Mapping[str, Mapping[str, Any]]  #: node attributes, projects' too
    projects_of: Callable[[str], Iterable[str]]  #: an actor's projects in it
    context: Neighbours  #: a node's projects (or a project's actors)
    build: Callable[[list[str] | None], nx.Graph]  #: it, or the part of some nodes


def _bipartite_view(
    graph: Graph | nx.Graph,
    roles: frozenset[Role],
    size_by: str,
) -> _View:
    """The project–actor graph of ``roles``, built only once its nodes are known.

    A graph too big for betweenness is measured by its degrees, streamed from
    ``graph``, so that a page of a 100,000-project graph copies only the part it
    draws.
    """
    B = graph if isinstance(graph, nx.Graph) else project_actor_graph(graph, roles)
    degree = {n: len(around) for n, around in B.adjacency()}  # less the edges left
    ties = B.number_of_edges()
    for u, v, edge in B.edges(data=True):
        if roles.isdisjoint(edge["roles"]):
            degree[u] -= 1
            degree[v] -= 1
            ties -= 1
    nodes = [n for n in B if degree[n]]
    if len(nodes) <= BETWEENNESS_LIMIT or size_by == "betweenness":
        full = subgraph_of(B, nodes, roles)
        full.graph["bipartite"] = full
        return _View(
            nodes,
            len(nodes),
            ties,
            [],
            node_measures(full, {}, size_by=size_by),
            full.nodes,
            full.__getitem__,
            full.__getitem__,
            lambda kept: full if kept is None else subgraph_of(full, kept),
        )
    adjacency = dict(B.adjacency())  # networkx's own dicts: no view per neighbour
    around: dict[str, dict[str, Any]] = {}

    def context(n: str) -> Mapping[str, Mapping[str, Any]]:
        if n not in around:
            mine = adjacency[n]  # read only: networkx's own
            around[n] = (
                mine
                if degree[n] == len(mine)
                else {m: e for m, e in mine.items() if not roles.isdisjoint(e["roles"])}
            )
        return around[n]

    return _View(
        nodes,
        len(nodes),
        ties,
        [],
        degree_measures({n: degree[n] for n in nodes}, {}),
        dict(B.nodes(data=True)),
        context,
        context,
        lambda kept: subgraph_of(B, nodes if kept is None else kept, roles),
    )


def _projected_view(
    graph: Graph | nx.Graph,
    projection: str,
    roles: frozenset[Role],
    ego: str | None,
    depth: int | None,
    size_by: str,
) -> _View:
    """The actor–actor graph of ``roles``, or the ego network of one node."""
    G = select_graph(
        graph,
        projection=projection,
        with_coverage="covers" in roles,
        with_mentions="mention" in roles,
    )
    total = G.number_of_nodes()
    notes = []
    if ego is not None:
        centre = _find(G, ego)
        radius = depth if depth is not None else (2 if projection == "bipartite" else 1)
        near = nx.single_source_shortest_path_length(G, centre, cutoff=radius)
        H = subgraph_of(G, [n for n in G if n in near])
        notes.append(
            f"Network of {G.nodes[centre]['label']} within {radius} step(s): "
            f"{H.number_of_nodes():,} of {total:,} nodes."
        )
        G = H
    B: nx.Graph = G.graph["bipartite"]
    return _View(
        list(G),
        total,
        G.number_of_edges(),
        notes,
        node_measures(G, {}, size_by=size_by),
        B.nodes,
        lambda a: (p for p in G[a] if B.nodes[p].get("type") == "project"),
        lambda n: B.adj.get(n, {}),
        lambda kept: G if kept is None else subgraph_of(G, kept),
    )


@dataclass(frozen=True, slots=True)
class PageGraph:
    """The graph a page draws, with what it shows of the graph it comes from."""

    graph: nx.Graph  #: the nodes and edges drawn (edges with ``role`` and ``weight``)
    total: int  #: the nodes of the whole view
    notes: list[str]  #: what was cut, for the page to say
    measures: dict[str, dict[str, float]]  #: of every node drawn, by name
    info: Mapping[str, Mapping[str, Any]]  #: node attributes, projects' too
    context: Neighbours  #: a node's projects (or a project's actors), all of them
    computed: frozenset[str]  #: the measures computed here, not given


def page_graph(
    graph: Graph | nx.Graph,
    *,
    projection: str = "bipartite",
    size_by: str = "degree",
    with_coverage: bool = False,
    with_mentions: bool | None = None,
    ego: str | None = None,
    depth: int | None = None,
    top: int | None = None,
    max_nodes: int | None = MAX_NODES,
    measures: dict[str, dict[str, float]] | None = None,
) -> PageGraph:
    """The part of ``graph`` a page draws; options as for :func:`~graphkit.viz.data.network_data`.

    ``top`` keeps the ``top`` most central actors by ``size_by`` and their
    projects; past ``max_nodes`` nodes only the projects that link most of them
    (then the most central). Without ``top``, a graph of more than ``max_nodes``
    nodes keeps as large a share of its actors as ``max_nodes`` is of its nodes.
    Nodes and edges keep the graph's order, so the same graph gives the same
    page.

    Raises:
        ExportError: for an unknown projection or measure, or an unknown or
            ambiguous ``ego``.

    Example:
        >>> page = page_graph(_example(), top=1)
        >>> list(page.graph), page.notes
        (['municipality/1480', 'project/social-ekonomi-i-vast'], \
['Showing the 1 most central of 2 actors; left out: 1 actors, 0 projects, 1 ties.'])
    """
    if projection not in ("bipartite", "actors"):
        raise ExportError(f"unknown projection {projection!r} (bipartite or actors)")
    wanted = view_roles(projection, with_coverage, with_mentions)
    if projection == "bipartite" and ego is None:
        view = _bipartite_view(graph, wanted, size_by)
    else:
        view = _projected_view(graph, projection, wanted, ego, depth, size_by)
    computed = frozenset(view.measures)
    all_measures = with_extra(view.measures, measures or {}, view.nodes)
    info, context = view.info, view.context
    if size_by not in all_measures:
        known = ", ".join(all_measures)
        raise ExportError(f"unknown measure {size_by!r}; known: {known}")
    notes = list(view.notes)
    actors = [n for n in view.nodes if info[n].get("type") != "project"]
    if top is None and max_nodes is not None and len(view.nodes) > max_nodes:
        top = max(1, len(actors) * max_nodes // len(view.nodes))
        notes.append(
            f"The graph has {len(view.nodes):,} nodes, more than a "
            f"browser draws well ({max_nodes:,})."
        )
    G = None
    if top is not None:
        ranked, kept, linked = _keep_top(
            actors,
            view.projects_of,
            all_measures[size_by],
            top,
            max_nodes,
        )
        if len(ranked) < len(actors) or len(kept) < linked:
            keep = set(ranked).union(kept)
            G = view.build([n for n in view.nodes if n in keep])
            counts = (len(actors), len(view.nodes) - len(actors), view.ties)
            notes.append(_top_note(counts, G, len(ranked), linked))
    if G is None:
        G = view.build(None)
    return PageGraph(G, view.total, notes, all_measures, info, context, computed)
