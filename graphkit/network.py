"""RDF graph → networkx: the project–actor graph and the participation table."""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import PROV

from graphkit.rdf import GK, ID, ROLE_CONCEPT, SECTOR_CONCEPT, TYPE_CONCEPT, project_key
from graphkit.rdf.vocabulary import FIELD_PROPERTY
from graphkit.records import (
    ACTIVE_ROLES,
    ROLE_RANK,
    ROLES,
    Participation,
    ProjectRecord,
    Role,
    role_set,
    strongest,
)
from graphkit.resolve import Gazetteer, Registry, infer_kind

__all__ = [
    "Participation",
    "actor_attributes",
    "actor_projection",
    "edge_in_roles",
    "network_graph",
    "node_id",
    "participations",
    "project_actor_graph",
    "project_attributes",
    "restrict_roles",
    "restricted_roles",
    "sort_participations",
]

_ROLE_OF = {concept: role for role, concept in ROLE_CONCEPT.items()}
_RANK = ROLE_RANK
_Roles = frozenset[Role]


def node_id(iri: URIRef | str) -> str:
    """The short node id of an IRI: ``project/…``, ``org/…``, ``municipality/0114``.

    Example:
        >>> node_id("https://w3id.org/graphkit/id/municipality/0114")
        'municipality/0114'
    """
    return str(iri).removeprefix(str(ID))


def participations(graph: Graph) -> list[Participation]:
    """The participation table of a graph, sorted by project, role, actor, line.

    The one reader of the table: a build's rows are the same rows, made by the
    walk that wrote the triples (:func:`graphkit.rdf.record_triples`).

    Args:
        graph: a graph built by :func:`graphkit.rdf.build_graph` (or loaded from
            its exports, or fetched from a SPARQL store).

    Returns:
        One :class:`~graphkit.records.Participation` per ``gk:Participation``
        node with a project, an actor and a known role.
    """
    column: dict[URIRef, dict[Any, Any]] = {
        p: dict(graph.subject_objects(p))
        for p in (
            GK.project,
            PROV.agent,
            GK.sourceDocument,
            GK.sourceLine,
            GK.cue,
            GK.sourceSection,
            GK.nameAsWritten,
            GK.resolutionMethod,
            GK.matchScore,
        )
    }
    roles: dict[Any, list[str]] = {}
    for node, concept in graph.subject_objects(PROV.hadRole):
        role = _ROLE_OF.get(_iri(concept))
        if role is not None:
            roles.setdefault(node, []).append(role)
    paths: dict[Any, Any] = dict(graph.subject_objects(GK.path))
    rows = []
    for node in graph.subjects(RDF.type, GK.Participation):
        project, actor = column[GK.project].get(node), column[PROV.agent].get(node)
        if node not in roles or project is None or actor is None:
            continue
        line = column[GK.sourceLine].get(node)
        score = column[GK.matchScore].get(node)
        cue = column[GK.cue].get(node)
        rows.append(
            Participation(
                project=node_id(project),
                actor=node_id(actor),
                roles=role_set(roles[node]),
                document=str(paths.get(column[GK.sourceDocument].get(node), "")),
                line=int(line) if line is not None else None,
                cue=str(cue) if cue is not None else None,
                section=str(column[GK.sourceSection].get(node, "")),
                name=str(column[GK.nameAsWritten].get(node, "")),
                method=str(column[GK.resolutionMethod].get(node, "")),
                score=float(score) if score is not None else 100.0,
            )
        )
    return sort_participations(rows)


def sort_participations(rows: list[Participation]) -> list[Participation]:
    """``rows`` sorted by project, role (strongest first), actor, line, document."""
    return sorted(
        rows,
        key=lambda r: (r.project, _RANK[r.role], r.actor, r.line or 0, r.document),
    )


#: The header fields a project node carries (as :data:`FIELD_PROPERTY` writes them).
_PROJECT_FIELDS = ("start", "end", "programme_area", "phase", "fund", "region")


def project_attributes(record: ProjectRecord) -> dict[str, str]:
    """The node attributes of a record's project (see :func:`project_actor_graph`)."""
    return _project_node(
        record.title or f"project/{project_key(record)}",
        lambda key: getattr(record, key),
    )


def _project_node(label: str, value: Callable[[str], object]) -> dict[str, str]:
    """A project node's attributes from its label and each field's value (or None)."""
    attrs = {
        "label": label,
        "type": "project",
        "actor_type": "",
        "sector": "",
        "code": "",
    }
    for key in _PROJECT_FIELDS:
        found = value(key)
        attrs[key] = str(found) if found is not None else ""
    return attrs


def actor_attributes(
    actor: str, label: str, registry: Registry, gazetteer: Gazetteer
) -> dict[str, str]:
    """The node attributes of an actor, as its description in the graph gives them.

    Example:
        >>> from graphkit.resolve import load_gazetteer, load_registry
        >>> actor_attributes("municipality/0114", "", load_registry(), load_gazetteer())
        {'label': 'Upplands Väsby', 'type': 'municipality', 'actor_type': 'municipality', \
'sector': 'public', 'code': '0114'}
    """
    if actor.startswith("municipality/"):
        code = actor.removeprefix("municipality/")
        return {
            "label": gazetteer.by_code(code).name,
            "type": "municipality",
            "actor_type": "municipality",
            "sector": "public",
            "code": code,
        }
    try:
        entry = registry.get(actor.removeprefix("org/"))
        label, (kind, sector) = entry.name, (entry.type, entry.sector)
    except KeyError:
        kind, sector = infer_kind(label)
    return {
        "label": label,
        "type": "organisation",
        "actor_type": kind,
        "sector": sector,
        "code": "",
    }


_TYPE_NOTATION = {concept: kind for kind, concept in TYPE_CONCEPT.items()}
_SECTOR_NOTATION = {concept: sector for sector, concept in SECTOR_CONCEPT.items()}


def _iri(node: object) -> URIRef:
    """A node as an IRI (an unknown IRI when it is missing or not one)."""
    return node if isinstance(node, URIRef) else URIRef("")


def _node_attributes(graph: Graph, iri: URIRef) -> dict[str, str]:
    """Plain node attributes: label, type, actor_type, sector, code, and project facts."""
    label = graph.value(iri, RDFS.label)
    if (iri, RDF.type, GK.Project) in graph:
        return _project_node(
            str(label or node_id(iri)),
            lambda key: graph.value(iri, FIELD_PROPERTY[key][0]),
        )
    municipality = (iri, RDF.type, GK.Municipality) in graph
    code = graph.value(iri, GK.scbCode)
    return {
        "label": str(label or graph.value(iri, SKOS.prefLabel) or node_id(iri)),
        "type": "municipality" if municipality else "organisation",
        "actor_type": _TYPE_NOTATION.get(
            _iri(graph.value(iri, GK.actorType)), "unknown"
        ),
        "sector": _SECTOR_NOTATION.get(_iri(graph.value(iri, GK.sector)), "unknown"),
        "code": str(code) if municipality and code is not None else "",
    }


def project_actor_graph(
    graph: Graph,
    roles: Iterable[str] = ROLES,
    *,
    rows: Iterable[Participation] | None = None,
) -> nx.Graph:
    """The bipartite graph of projects and the actors taking part in them.

    One node per project, organisation and municipality that takes part in a
    project in one of ``roles``; node ids are short ids (``project/…``,
    ``org/…``, ``municipality/0114``). An edge joins a project and an actor;
    ``roles`` is the frozenset of the actor's roles there (:class:`Role`),
    ``role`` the strongest (owner > partner > cofinancier > transnational >
    group > mention > covers), ``line`` and ``document`` where the strongest
    was read.

    Node attributes: ``label``, ``type`` (project, organisation, municipality),
    ``actor_type``, ``sector``, ``code`` (SCB code of a municipality),
    ``bipartite`` (0 projects, 1 actors); projects also ``start``, ``end``,
    ``programme_area``, ``phase``, ``fund``, ``region``. ``G.graph["lineage"]``
    maps each project that builds on earlier ones to them
    (:func:`graphkit.lineage.lineage_of`).

    Args:
        graph: an RDF graph in the graphkit ontology.
        roles: the roles whose participations become edges.
        rows: :func:`participations` of ``graph`` when the caller has them.

    Returns:
        An undirected :class:`networkx.Graph`, nodes and edges in sorted order.
    """
    from graphkit.lineage import lineage_of

    G = network_graph(
        participations(graph) if rows is None else rows,
        lambda node: _node_attributes(graph, ID[node]),
        roles,
    )
    G.graph["lineage"] = lineage_of(graph)  # later project → earlier ones (lineage)
    return G


def network_graph(
    rows: Iterable[Participation],
    attributes: Callable[[str], dict[str, str]],
    roles: Iterable[str] = ROLES,
) -> nx.Graph:
    """The project–actor graph of participation rows (see :func:`project_actor_graph`).

    Args:
        rows: the participation table (:func:`participations`, or a build's).
        attributes: a node id's attributes (:func:`project_attributes`,
            :func:`actor_attributes`).
        roles: the roles whose participations become edges.

    Example:
        >>> from graphkit.records import Participation, role_set
        >>> row = Participation("project/p", "org/reves", role_set(["partner"]), "a.txt", 9)
        >>> B = network_graph([row], lambda node: {"label": node, "type": node[:3]})
        >>> sorted(B.edges(data="role"))
        [('org/reves', 'project/p', <Role.PARTNER: 'partner'>)]
    """
    wanted = role_set(roles)
    edges: dict[tuple[str, str], list[tuple[int, int, Participation, _Roles]]] = {}
    for row in rows:
        found = restricted_roles(row.roles, wanted)
        if found is not None:
            edges.setdefault((row.project, row.actor), []).append(
                (_RANK[found[0]], row.line or 0, row, found[1])
            )
    G: nx.Graph[str] = nx.Graph()
    G.add_nodes_from(
        (node, {**attrs, "bipartite": 0 if attrs["type"] == "project" else 1})
        for node in sorted({n for pair in edges for n in pair})
        for attrs in (attributes(node),)
    )
    G.add_edges_from(
        (
            project,
            actor,
            {
                "role": ROLES[rank],
                "project": project,
                "roles": found[0][3]
                if len(found) == 1
                else role_set(r for *_, mine in found for r in mine),
                "line": best.line if best.line is not None else -1,
                "document": best.document,
            },
        )
        for (project, actor), found in sorted(edges.items())
        for rank, _, best, _ in (min(found, key=lambda x: x[:2]),)
    )
    return G


@functools.cache
def restricted_roles(
    roles: frozenset[Role], wanted: frozenset[Role]
) -> tuple[Role, frozenset[Role]] | None:
    """The strongest of ``roles`` that are ``wanted``, and those roles; or None.

    Example:
        >>> restricted_roles(role_set(["owner", "covers"]), role_set(["covers"]))
        (<Role.COVERS: 'covers'>, frozenset({<Role.COVERS: 'covers'>}))
    """
    mine = roles & wanted
    return (strongest(mine), role_set(mine)) if mine else None


def edge_in_roles(
    edge: Mapping[str, Any], wanted: frozenset[Role]
) -> dict[str, Any] | None:
    """A project–actor edge's attributes restricted to ``wanted`` roles, or None.

    ``roles`` keeps the wanted ones, ``role`` becomes the strongest of them;
    an edge with none of them goes (None). The one role filter: graphs
    (:func:`restrict_roles`) and pages (:mod:`graphkit.viz`) both use it.

    Example:
        >>> edge = {"role": Role.PARTNER, "roles": role_set(["partner", "covers"])}
        >>> edge_in_roles(edge, role_set(["covers"]))["role"]
        <Role.COVERS: 'covers'>
        >>> edge_in_roles(edge, role_set(["owner"])) is None
        True
    """
    found = restricted_roles(edge["roles"], wanted)
    if found is None:
        return None
    return {**edge, "role": found[0], "roles": found[1]}


def restrict_roles(B: nx.Graph, roles: Iterable[str]) -> nx.Graph:
    """The part of a project–actor graph made of some roles only.

    An edge stays when one of its ``roles`` is wanted, its ``role`` becoming the
    strongest of those (:func:`edge_in_roles`); nodes left with no edge go.

    Example:
        >>> B = nx.Graph()
        >>> B.add_edge("project/a", "municipality/1480", role="partner",
        ...            roles=role_set(["partner", "covers"]))
        >>> B.add_edge("project/a", "municipality/0114", role="covers",
        ...            roles=role_set(["covers"]))
        >>> sorted(restrict_roles(B, ["owner", "partner"]).edges(data="role"))
        [('project/a', 'municipality/1480', <Role.PARTNER: 'partner'>)]
    """
    wanted = role_set(roles)
    kept = [
        (u, v, found)
        for u, v, edge in B.edges(data=True)
        for found in (edge_in_roles(edge, wanted),)
        if found is not None
    ]
    ends = {n for u, v, _ in kept for n in (u, v)}
    R: nx.Graph[str] = nx.Graph()
    R.add_nodes_from((n, dict(d)) for n, d in B.nodes(data=True) if n in ends)
    R.add_edges_from(kept)
    return R


def actor_projection(
    B: nx.Graph,
    roles: Iterable[str] = ACTIVE_ROLES,
    *,
    role_weights: dict[str, float] | None = None,
) -> nx.Graph:
    """The weighted actor-actor collaboration graph of a project-actor graph.

    Two actors are tied when they take part in the same project in one of
    ``roles``; ``weight`` is the number of projects they share and
    ``projects`` those projects (a sorted tuple) as evidence. Coverage
    (``covers``) and mentions stay out unless ``roles`` names them: a
    national project listing 290 municipalities must not make them 290
    collaborators. With ``role_weights`` (role -> weight, default 1.0) a shared
    project counts the weaker of the two actors' strongest roles in it, e.g.
    ``{"mention": 0.5}`` for mentions as a weaker layer; ``shared`` still
    counts projects. A tie's ``roles`` are, for each shared project, the weaker
    of the two actors' strongest roles in it (an owner–partner tie is a
    partner tie); its ``role`` the strongest of those.

    Every actor with a wanted role is a node, even one without partners, with
    the actor's node attributes from ``B`` and ``project_count`` (its number of
    projects in ``roles``, the bipartite degree). Pairs are counted per project
    (``itertools.combinations`` over each project's actors), which is linear
    in the number of pairs.

    Args:
        B: a graph from :func:`project_actor_graph` (edge attribute ``roles``).
        roles: the roles that make actors collaborators.
        role_weights: optional weight per role.

    Returns:
        An undirected :class:`networkx.Graph`, nodes and edges in sorted order.

    Example:
        >>> B = nx.Graph()
        >>> B.add_edge("project/a", "org/coompanion", roles=role_set(["owner"]))
        >>> B.add_edge("project/a", "org/slup-se", roles=role_set(["partner"]))
        >>> B.add_edge("project/a", "municipality/0114", roles=role_set(["covers"]))
        >>> B.add_edge("project/b", "org/slup-se", roles=role_set(["partner"]))
        >>> B.add_edge("project/b", "org/coompanion", roles=role_set(["group"]))
        >>> P = actor_projection(B)
        >>> from graphkit.records import ranked
        >>> for *ends, edge in P.edges(data=True):
        ...     print(*ends, edge["weight"], edge["projects"], *ranked(edge["roles"]))
        org/coompanion org/slup-se 2 ('project/a', 'project/b') partner group
        >>> dict(P.nodes(data="project_count"))
        {'org/coompanion': 2, 'org/slup-se': 2}
    """
    wanted = role_set(roles)
    members: dict[str, dict[str, int]] = {}
    for u, v, edge in B.edges(data=True):
        project, actor = (u, v) if _is_project(B, u) else (v, u)
        found = restricted_roles(edge["roles"], wanted)
        if found is not None:
            members.setdefault(project, {})[actor] = _RANK[found[0]]
    weights = [(role_weights or {}).get(role, 1.0) for role in ROLES]
    strength: dict[tuple[str, str], float] = {}
    evidence: dict[tuple[str, str], list[str]] = {}
    ties: dict[tuple[str, str], int] = {}  # a bit per tie role (its rank)
    counts: Counter[str] = Counter()
    for project in sorted(members):
        actors = members[project]
        counts.update(actors.keys())
        for a, b in itertools.combinations(sorted(actors), 2):
            evidence.setdefault((a, b), []).append(project)
            weaker = max(actors[a], actors[b])
            ties[a, b] = ties.get((a, b), 0) | 1 << weaker
            if role_weights:
                strength[a, b] = strength.get((a, b), 0.0) + weights[weaker]
    P: nx.Graph[str] = nx.Graph()
    for actor in sorted(counts):
        attrs = {k: v for k, v in B.nodes[actor].items() if k != "bipartite"}
        P.add_node(actor, **attrs, project_count=counts[actor])
    for (a, b), projects in sorted(evidence.items()):
        tie = _tie_roles(ties[a, b])
        P.add_edge(
            a,
            b,
            weight=strength[a, b] if role_weights else len(projects),
            shared=len(projects),
            projects=tuple(projects),
            role=tie[0],
            roles=tie[1],
        )
    return P


@functools.cache
def _tie_roles(bits: int) -> tuple[Role, frozenset[Role]]:
    """A bit set of role ranks → its strongest role and its role set."""
    found = role_set(role for n, role in enumerate(ROLES) if bits >> n & 1)
    return strongest(found), found


def _is_project(B: nx.Graph, node: str) -> bool:
    kind = B.nodes[node].get("type")
    return kind == "project" if kind else str(node).startswith("project/")
