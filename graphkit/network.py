"""RDF graph → networkx: the project–actor graph and the participation table."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import PROV, SDO

from graphkit.rdf import GK, ID, ROLE_CONCEPT, SECTOR_CONCEPT, TYPE_CONCEPT
from graphkit.records import ACTIVE_ROLES, ROLES

__all__ = [
    "Participation",
    "actor_projection",
    "node_id",
    "participations",
    "project_actor_graph",
    "restrict_roles",
]

_ROLE_OF = {concept: role for role, concept in ROLE_CONCEPT.items()}
_RANK = {role: n for n, role in enumerate(ROLES)}


def node_id(iri: URIRef | str) -> str:
    """The short node id of an IRI: ``project/…``, ``org/…``, ``municipality/0114``.

    Example:
        >>> node_id("https://w3id.org/graphkit/id/municipality/0114")
        'municipality/0114'
    """
    return str(iri).removeprefix(str(ID))


@dataclass(frozen=True, slots=True)
class Participation:
    """One qualified participation read back from the RDF graph."""

    project: str
    actor: str
    role: str
    document: str
    line: int | None
    section: str
    name: str
    method: str
    score: float


def participations(graph: Graph) -> list[Participation]:
    """Every participation in the graph, sorted by project, role, actor, line.

    Args:
        graph: a graph built by :func:`graphkit.rdf.build_graph` (or loaded from
            its exports, or fetched from a SPARQL store).

    Returns:
        The participations with their provenance, as plain records.
    """
    column: dict[URIRef, dict[Any, Any]] = {
        p: dict(graph.subject_objects(p))
        for p in (
            GK.project,
            PROV.agent,
            PROV.hadRole,
            GK.sourceDocument,
            GK.sourceLine,
            GK.sourceSection,
            GK.nameAsWritten,
            GK.resolutionMethod,
            GK.matchScore,
        )
    }
    paths: dict[Any, Any] = dict(graph.subject_objects(GK.path))
    rows = []
    for node in graph.subjects(RDF.type, GK.Participation):
        role = _ROLE_OF.get(_iri(column[PROV.hadRole].get(node)))
        project, actor = column[GK.project].get(node), column[PROV.agent].get(node)
        if role is None or project is None or actor is None:
            continue
        line = column[GK.sourceLine].get(node)
        score = column[GK.matchScore].get(node)
        rows.append(
            Participation(
                project=node_id(project),
                actor=node_id(actor),
                role=role,
                document=str(paths.get(column[GK.sourceDocument].get(node), "")),
                line=int(line) if line is not None else None,
                section=str(column[GK.sourceSection].get(node, "")),
                name=str(column[GK.nameAsWritten].get(node, "")),
                method=str(column[GK.resolutionMethod].get(node, "")),
                score=float(score) if score is not None else 100.0,
            )
        )
    rows.sort(
        key=lambda r: (r.project, _RANK[r.role], r.actor, r.line or 0, r.document)
    )
    return rows


_TYPE_NOTATION = {concept: kind for kind, concept in TYPE_CONCEPT.items()}
_SECTOR_NOTATION = {concept: sector for sector, concept in SECTOR_CONCEPT.items()}


def _iri(node: object) -> URIRef:
    """A node as an IRI (an unknown IRI when it is missing or not one)."""
    return node if isinstance(node, URIRef) else URIRef("")


def _node_attributes(graph: Graph, iri: URIRef) -> dict[str, str]:
    """Plain node attributes: label, type, actor_type, sector, code, and project facts."""
    label = graph.value(iri, RDFS.label)
    if (iri, RDF.type, GK.Project) in graph:
        attrs = {
            "label": str(label or node_id(iri)),
            "type": "project",
            "actor_type": "",
            "sector": "",
            "code": "",
        }
        for key, prop in (
            ("start", SDO.startDate),
            ("end", SDO.endDate),
            ("programme_area", GK.programmeArea),
            ("phase", GK.phase),
            ("fund", GK.fund),
            ("region", GK.region),
        ):
            value = graph.value(iri, prop)
            attrs[key] = str(value) if value is not None else ""
        return attrs
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
    ``role`` is the actor's strongest role there (owner > partner >
    transnational > group > mention > covers), ``roles`` all of them
    (``;``-joined), ``line`` the source line of the strongest.

    Node attributes: ``label``, ``type`` (project, organisation, municipality),
    ``actor_type``, ``sector``, ``code`` (SCB code of a municipality),
    ``bipartite`` (0 projects, 1 actors); projects also ``start``, ``end``,
    ``programme_area``, ``phase``, ``fund``, ``region``.

    Args:
        graph: an RDF graph in the graphkit ontology.
        roles: the roles whose participations become edges.
        rows: :func:`participations` of ``graph`` when the caller has them.

    Returns:
        An undirected :class:`networkx.Graph`, nodes and edges in sorted order.
    """
    wanted = set(roles)
    edges: dict[tuple[str, str], list[Participation]] = {}
    for row in participations(graph) if rows is None else rows:
        if row.role not in wanted:
            continue
        edges.setdefault((row.project, row.actor), []).append(row)
    G: nx.Graph[str] = nx.Graph()
    for node in sorted({n for pair in edges for n in pair}):
        attrs = _node_attributes(graph, ID[node])
        attrs["bipartite"] = 0 if attrs["type"] == "project" else 1  # type: ignore[assignment]
        G.add_node(node, **attrs)
    for (project, actor), found in sorted(edges.items()):
        best = min(found, key=lambda r: (_RANK[r.role], r.line or 0))
        G.add_edge(
            project,
            actor,
            role=best.role,
            project=project,
            roles=";".join(sorted({r.role for r in found}, key=_RANK.__getitem__)),
            line=best.line if best.line is not None else -1,
            document=best.document,
        )
    return G


def restrict_roles(B: nx.Graph, roles: Iterable[str]) -> nx.Graph:
    """The part of a project–actor graph made of some roles only.

    An edge stays when one of its ``roles`` is wanted, its ``role`` becoming the
    strongest of those; nodes left with no edge go.

    Example:
        >>> B = nx.Graph()
        >>> B.add_edge("project/a", "municipality/1480", role="partner", roles="partner;covers")
        >>> B.add_edge("project/a", "municipality/0114", role="covers", roles="covers")
        >>> sorted(restrict_roles(B, ["owner", "partner"]).edges(data="role"))
        [('project/a', 'municipality/1480', 'partner')]
    """
    wanted = set(roles)
    kept = []
    for u, v, edge in B.edges(data=True):
        mine = [r for r in edge.get("roles", edge["role"]).split(";") if r in wanted]
        if mine:
            strongest = min(mine, key=_RANK.__getitem__)
            kept.append(
                (
                    u,
                    v,
                    {
                        **edge,
                        "role": strongest,
                        "roles": ";".join(sorted(mine, key=_RANK.__getitem__)),
                    },
                )
            )
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
    ``projects`` those projects (sorted, ``;``-joined) as evidence. Coverage
    (``covers``) and mentions stay out unless ``roles`` names them: a
    national project listing 290 municipalities must not make them 290
    collaborators. With ``role_weights`` (role -> weight, default 1.0) a shared
    project counts the weaker of the two actors' strongest roles in it, e.g.
    ``{"mention": 0.5}`` for mentions as a weaker layer; ``shared`` still
    counts projects.

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
        >>> B.add_edge("project/a", "org/coompanion", roles="owner")
        >>> B.add_edge("project/a", "org/slup-se", roles="partner")
        >>> B.add_edge("project/a", "municipality/0114", roles="covers")
        >>> B.add_edge("project/b", "org/slup-se", roles="partner")
        >>> B.add_edge("project/b", "org/coompanion", roles="group")
        >>> P = actor_projection(B)
        >>> for edge in P.edges(data=True):
        ...     print(edge)
        ('org/coompanion', 'org/slup-se', {'weight': 2, 'shared': 2, \
'projects': 'project/a;project/b'})
        >>> dict(P.nodes(data="project_count"))
        {'org/coompanion': 2, 'org/slup-se': 2}
    """
    wanted = set(roles)
    members: dict[str, dict[str, str]] = {}
    for u, v, edge in B.edges(data=True):
        project, actor = (u, v) if _is_project(B, u) else (v, u)
        given = str(edge.get("roles") or edge.get("role") or "").split(";")
        found = [r for r in given if r in wanted]
        if found:
            members.setdefault(project, {})[actor] = min(found, key=_rank_of)
    weights = role_weights or {}
    pairs: Counter[tuple[str, str]] = Counter()
    strength: dict[tuple[str, str], float] = {}
    evidence: dict[tuple[str, str], list[str]] = {}
    counts: Counter[str] = Counter()
    for project in sorted(members):
        actors = members[project]
        counts.update(actors.keys())
        for a, b in itertools.combinations(sorted(actors), 2):
            pairs[a, b] += 1
            evidence.setdefault((a, b), []).append(project)
            if weights:
                strength[a, b] = strength.get((a, b), 0.0) + min(
                    weights.get(actors[a], 1.0), weights.get(actors[b], 1.0)
                )
    P: nx.Graph[str] = nx.Graph()
    for actor in sorted(counts):
        attrs = {k: v for k, v in B.nodes[actor].items() if k != "bipartite"}
        P.add_node(actor, **attrs, project_count=counts[actor])
    for (a, b), shared in sorted(pairs.items()):
        P.add_edge(
            a,
            b,
            weight=strength[a, b] if weights else shared,
            shared=shared,
            projects=";".join(evidence[a, b]),
        )
    return P


def _rank_of(role: str) -> int:
    return _RANK.get(role, len(_RANK))


def _is_project(B: nx.Graph, node: str) -> bool:
    kind = B.nodes[node].get("type")
    return kind == "project" if kind else str(node).startswith("project/")
