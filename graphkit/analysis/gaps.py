"""Graphs -> collaboration gaps, each with its kind, score, reason and evidence."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import RDF, RDFS, Graph

from graphkit.analysis.centrality import require_undirected
from graphkit.network import node_id
from graphkit.rdf import GK
from graphkit.records import ACTIVE_ROLES

__all__ = [
    "GAP_KINDS",
    "Gap",
    "Geography",
    "coverage_gaps",
    "fragility",
    "prestudies_without_follow_up",
    "read_geography",
    "suggested_ties",
]

#: Gap kinds in the order reports list them.
GAP_KINDS: tuple[str, ...] = (
    "uncovered", "no-social-economy", "no-local-project", "suggested-tie",
    "articulation-point", "bridge", "pre-study-without-follow-up",
)

_REACH_ROLES = frozenset((*ACTIVE_ROLES, "covers"))


@dataclass(frozen=True, slots=True)
class Gap:
    """One finding of the gap analysis.

    Attributes:
        kind: one of :data:`GAP_KINDS`.
        subject: the node id (or ``a|b`` for a pair) the finding is about.
        score: how strong the finding is; higher first, comparable within a kind.
        reason: the finding in plain words, with names.
        evidence: the projects, places or ties it rests on (ids, ``;``-joined).
    """

    kind: str
    subject: str
    score: float
    reason: str
    evidence: str

    def sort_key(self) -> tuple[int, float, str]:
        """Kind order, then highest score, then subject."""
        return (GAP_KINDS.index(self.kind), -self.score, self.subject)


@dataclass(frozen=True, slots=True)
class Geography:
    """Municipalities, counties and ESF regions with their labels and nesting.

    Attributes:
        municipalities: ``municipality/0114`` -> ``(label, county id)``.
        counties: ``county/01`` -> ``(label, ESF region id)``.
        regions: ``esf-region/SE11`` -> label.
    """

    municipalities: dict[str, tuple[str, str]] = field(default_factory=dict)
    counties: dict[str, tuple[str, str]] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)


def read_geography(graph: Graph) -> Geography:
    """The reference geography of an RDF graph (gk:county, gk:esfRegion).

    Example (not executed)::

        geo = read_geography(Graph().parse("exports/graph.nt"))
        geo.regions["esf-region/SE33"]  # 'Övre Norrland'
    """
    def label(node: object) -> str:
        return str(graph.value(node, RDFS.label) or node_id(node))  # type: ignore[arg-type]

    municipalities = {
        node_id(m): (label(m), node_id(graph.value(m, GK.county) or ""))
        for m in graph.subjects(RDF.type, GK.Municipality)
    }
    counties = {
        node_id(c): (label(c), node_id(graph.value(c, GK.esfRegion) or ""))
        for c in graph.subjects(RDF.type, GK.County)
    }
    regions = {node_id(r): label(r) for r in graph.subjects(RDF.type, GK.ESFRegion)}
    return Geography(dict(sorted(municipalities.items())), dict(sorted(counties.items())),
                     dict(sorted(regions.items())))


def _roles(B: nx.Graph, u: str, v: str) -> set[str]:
    edge = B.edges[u, v]
    return set(str(edge.get("roles") or edge.get("role") or "").split(";"))


def _projects(B: nx.Graph) -> list[str]:
    return sorted(n for n, t in B.nodes(data="type") if t == "project")


def _label(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node].get("label") or node) if node in G else node


def _names(G: nx.Graph, nodes: Iterable[str], most: int = 3) -> str:
    nodes = sorted(nodes)
    shown = ", ".join(_label(G, n) for n in nodes[:most])
    return shown + (f" (+{len(nodes) - most} more)" if len(nodes) > most else "")


def _ids(nodes: Iterable[str], most: int = 5) -> str:
    nodes = sorted(nodes)
    return "; ".join(nodes[:most]) + (f"; +{len(nodes) - most} more"
                                      if len(nodes) > most else "")


def coverage_gaps(B: nx.Graph, geography: Geography) -> list[Gap]:
    """Places no project reaches, or no social-economy actor works in.

    A project reaches a municipality it covers or that takes part in it in an
    active role. A place is reached by the social economy when a project
    reaching it has a social-economy actor in an active role. Gaps are given at
    the highest level they hold (an ESF region none of whose municipalities
    is reached is one gap, not one per municipality): kind ``uncovered``
    (score 1.0) or ``no-social-economy`` (0.5). An ESF region that is reached
    but where no project is based (project ``region``) is ``no-local-project``
    (0.25): it is served only from elsewhere.

    Example:
        >>> B = nx.Graph()
        >>> B.add_node("project/soul", type="project", region="Stockholm")
        >>> B.add_node("org/slup-se", type="organisation", sector="social-economy")
        >>> B.add_edge("project/soul", "org/slup-se", roles="partner")
        >>> B.add_node("municipality/0114", type="municipality", sector="public")
        >>> B.add_edge("project/soul", "municipality/0114", roles="covers")
        >>> geo = Geography({"municipality/0114": ("Upplands Väsby", "county/01"),
        ...                  "municipality/2584": ("Kiruna", "county/25")},
        ...                 {"county/01": ("Stockholms län", "esf-region/SE11"),
        ...                  "county/25": ("Norrbottens län", "esf-region/SE33")},
        ...                 {"esf-region/SE11": "Stockholm",
        ...                  "esf-region/SE33": "Övre Norrland"})
        >>> [(g.kind, g.subject) for g in coverage_gaps(B, geo)]
        [('uncovered', 'esf-region/SE33')]
    """
    reach: dict[str, set[str]] = {m: set() for m in geography.municipalities}
    social: dict[str, set[str]] = {m: set() for m in geography.municipalities}
    region_by_label = {label.casefold(): r for r, label in geography.regions.items()}
    based: dict[str, set[str]] = {r: set() for r in geography.regions}
    for project in _projects(B):
        places, has_social = [], False
        for actor in B[project]:
            roles = _roles(B, project, actor)
            if actor in reach and roles & _REACH_ROLES:
                places.append(actor)
            if roles & set(ACTIVE_ROLES) and B.nodes[actor].get("sector") == "social-economy":
                has_social = True
        for place in places:
            reach[place].add(project)
            if has_social:
                social[place].add(project)
        home = region_by_label.get(str(B.nodes[project].get("region") or "").casefold())
        if home:
            based[home].add(project)
    county_of = {m: c for m, (_, c) in geography.municipalities.items()}
    region_of = {c: r for c, (_, r) in geography.counties.items()}
    reached = {m for m, found in reach.items() if found}
    gaps = _level_gaps("uncovered", 1.0, "no project reaches", set(reach) - reached,
                       set(reach), reach, geography)
    gaps += _level_gaps("no-social-economy", 0.5, "no social-economy actor works in",
                        {m for m in reached if not social[m]}, reached, reach, geography)
    for region, label in geography.regions.items():
        served = {p for m in reached if region_of.get(county_of[m]) == region
                  for p in reach[m]}
        if served and not based[region]:
            gaps.append(Gap("no-local-project", region, 0.25,
                            f"no project is based in ESF region {label}; it is reached "
                            f"only by {len(served)} project(s) based elsewhere",
                            _ids(served)))
    return sorted(gaps, key=Gap.sort_key)


def _level_gaps(
    kind: str, score: float, what: str, lacking: set[str], applicable: set[str],
    reach: dict[str, set[str]], geography: Geography,
) -> list[Gap]:
    """One gap per place at the highest level whose applicable municipalities all lack."""
    gaps = []
    by_county: dict[str, list[str]] = {}
    for m, (_, county) in geography.municipalities.items():
        if m in applicable:
            by_county.setdefault(county, []).append(m)

    def evidence(places: Iterable[str], note: str) -> str:
        found = {p for m in places for p in reach.get(m, ())}
        return f"{note}: {_ids(found)}" if found else f"{note}: none"

    for region, label in geography.regions.items():
        counties = [c for c, (_, r) in geography.counties.items()
                    if r == region and c in by_county]
        munis = [m for c in counties for m in by_county[c]]
        if not munis:
            continue
        if all(m in lacking for m in munis):
            gaps.append(Gap(kind, region, score,
                            f"{what} ESF region {label} ({len(munis)} municipalities)",
                            evidence(munis, "projects reaching it")))
            continue
        for county in counties:
            cmunis, county_label = by_county[county], geography.counties[county][0]
            if all(m in lacking for m in cmunis):
                gaps.append(Gap(kind, county, score,
                                f"{what} {county_label} ({len(cmunis)} municipalities),"
                                f" though other parts of ESF region {label} are reached",
                                evidence(set(munis) - set(cmunis),
                                         f"projects elsewhere in {label}")))
                continue
            for m in cmunis:
                if m in lacking:
                    gaps.append(Gap(kind, m, score,
                                    f"{what} {geography.municipalities[m][0]}, though"
                                    f" other municipalities of {county_label} are reached",
                                    evidence([m], "projects reaching it") + "; "
                                    + evidence(set(cmunis) - {m},
                                               f"projects elsewhere in {county_label}")))
    return gaps


def suggested_ties(
    G: nx.Graph, B: nx.Graph | None = None, *, limit: int = 50, hub_limit: int = 1000
) -> list[Gap]:
    """Pairs of actors who have never shared a project but should meet.

    Candidates are actors two steps apart. Score = Adamic-Adar index (the sum
    of ``1 / log(degree)`` over the collaborators they share, so that a shared
    small partner counts more than a shared hub) + 0.25 if they come from
    different known sectors (complementarity) + 0.25 if their projects share a
    programme area + 0.25 if their projects reach a common municipality. The
    evidence names the shared collaborators with the projects that tie each of
    the two to them, and the shared places and programme areas. Collaborators
    with more than ``hub_limit`` ties are not used as intermediaries (their
    Adamic-Adar share is small and their pairs are many).

    Args:
        G: an actor-actor graph (edge attribute ``projects``).
        B: the project-actor graph, for places and programme areas.
        limit: how many suggestions to return.
        hub_limit: the largest degree of an intermediary.

    Example:
        >>> G = nx.Graph()
        >>> G.add_edge("org/coompanion", "org/slup-se", projects="project/soul")
        >>> G.add_edge("org/slup-se", "municipality/1280", projects="project/kompetent")
        >>> [(g.subject, round(g.score, 3)) for g in suggested_ties(G)]
        [('municipality/1280|org/coompanion', 1.443)]
    """
    require_undirected(G)
    if len(G) < 3:
        return []
    areas, places = _actor_context(B) if B is not None else ({}, {})
    best: list[tuple[float, str, str]] = []
    for u in sorted(G):
        scores: dict[str, float] = {}
        for w in G[u]:
            d = G.degree(w)
            if d < 2 or d > hub_limit or w == u:
                continue
            share = 1.0 / math.log(d)
            for c in G[w]:
                if c > u and c != w:
                    scores[c] = scores.get(c, 0.0) + share
        for c, score in scores.items():
            if G.has_edge(u, c):
                continue
            score += 0.25 * _complementary(G, u, c)
            score += 0.25 * bool(areas.get(u, set()) & areas.get(c, set()))
            score += 0.25 * bool(places.get(u, set()) & places.get(c, set()))
            item = (score, _neg(u), _neg(c))
            if len(best) < limit:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    gaps = []
    for score, nu, nc in sorted(best, reverse=True):
        u, c = _neg(nu), _neg(nc)
        via = sorted(set(G[u]) & set(G[c]), key=lambda w: (-1.0 / math.log(G.degree(w))
                                                             if G.degree(w) > 1 else 0, w))
        ties = [f"{w}: {u} in {G.edges[u, w].get('projects', '')}, {c} in"
                f" {G.edges[w, c].get('projects', '')}" for w in via[:3]]
        shared_places = sorted(places.get(u, set()) & places.get(c, set()))
        shared_areas = sorted(areas.get(u, set()) & areas.get(c, set()))
        evidence = ties + ([f"shared places: {_ids(shared_places, 3)}"] if shared_places
                           else []) + [f"programme area: {a}" for a in shared_areas]
        sectors = f"{G.nodes[u].get('sector') or 'unknown'}/" \
                  f"{G.nodes[c].get('sector') or 'unknown'}"
        reason = (f"{_label(G, u)} and {_label(G, c)} ({sectors}) have no project together"
                  f" but both work with {_names(G, via)}")
        if B is not None and shared_places:
            reason += f" and in {_names(B, shared_places)}"
        gaps.append(Gap("suggested-tie", f"{u}|{c}", score, reason, "; ".join(evidence)))
    return gaps


def _neg(text: str) -> str:
    """An order-reversing key for ids, so that equal scores keep ids ascending."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def _complementary(G: nx.Graph, u: str, c: str) -> bool:
    su, sc = G.nodes[u].get("sector") or "unknown", G.nodes[c].get("sector") or "unknown"
    return "unknown" not in (su, sc) and su != sc


def _actor_context(B: nx.Graph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Programme areas and reached municipalities of each actor's active projects."""
    areas: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for project in _projects(B):
        area = B.nodes[project].get("programme_area")
        active, reached = [], set()
        for actor in B[project]:
            roles = _roles(B, project, actor)
            if roles & set(ACTIVE_ROLES):
                active.append(actor)
            if B.nodes[actor].get("type") == "municipality" and roles & _REACH_ROLES:
                reached.add(actor)
        for actor in active:
            if area:
                areas.setdefault(actor, set()).add(str(area))
            places.setdefault(actor, set()).update(reached)
    return areas, places


def fragility(G: nx.Graph) -> list[Gap]:
    """Articulation points and bridges: actors and ties whose loss splits the network.

    The score of an articulation point is the number of actors its removal
    cuts off from the largest remaining piece of its component; a bridge
    scores the size of its smaller side. The evidence names the ties (and
    their projects) that hold the smaller pieces on.

    Example:
        >>> G = nx.Graph([("Coompanion", "Mikrofonden"), ("Coompanion", "Skoopi"),
        ...               ("Mikrofonden", "Skoopi"), ("Skoopi", "Region Skåne")])
        >>> [(g.kind, g.subject, g.score) for g in fragility(G)]
        [('articulation-point', 'Skoopi', 1.0), ('bridge', 'Region Skåne|Skoopi', 1.0)]
    """
    require_undirected(G)
    H = nx.Graph(G.edges())
    H.remove_edges_from(nx.selfloop_edges(H))
    gaps = []
    for comp in nx.connected_components(H):
        if len(comp) < 3:
            if len(comp) == 2:
                gaps.extend(_bridge_gaps(G, H.subgraph(comp), len(comp)))
            continue
        sub = H.subgraph(comp)
        gaps.extend(_articulation_gaps(G, sub, len(comp)))
        gaps.extend(_bridge_gaps(G, sub, len(comp)))
    return sorted(gaps, key=Gap.sort_key)


def _articulation_gaps(G: nx.Graph, H: nx.Graph, size: int) -> list[Gap]:
    blocks = [frozenset(itertools.chain.from_iterable(edges))
              for edges in nx.biconnected_component_edges(H)]
    count = Counter(node for block in blocks for node in block)
    cuts = {node for node, n in count.items() if n > 1}
    if not cuts:
        return []
    tree = nx.Graph()
    weight: dict[object, int] = {}
    for i, block in enumerate(blocks):
        weight["b", i] = sum(1 for node in block if node not in cuts)
        tree.add_edges_from((("b", i), ("a", node)) for node in block if node in cuts)
    for node in cuts:
        weight["a", node] = 1
    root = min(tree.nodes)
    parent = dict(nx.bfs_predecessors(tree, root))
    below = dict(weight)
    for t in reversed(list(nx.bfs_tree(tree, root))):
        if t in parent:
            below[parent[t]] += below[t]
    gaps = []
    for node in sorted(cuts):
        pieces = {child: below[child] for child in tree[("a", node)]
                  if parent.get(child) == ("a", node)}
        if ("a", node) in parent:
            pieces[parent["a", node]] = size - below["a", node]
        largest = max(pieces, key=lambda t: (pieces[t], str(t)))
        cut_off = size - 1 - pieces[largest]
        held = sorted(w for t in pieces if t != largest for w in blocks[t[1]] if w != node)
        ties = [f"{node}-{w} ({G.edges[node, w].get('projects', '')})"
                for w in held if G.has_edge(node, w)]
        gaps.append(Gap(
            "articulation-point", node, float(cut_off),
            f"without {_label(G, node)} its component of {size} actors falls into"
            f" {len(pieces)} pieces; {cut_off} actor(s) lose every path to the largest"
            f" ({_names(G, held)} hold on only through it)",
            "; ".join(ties[:5]) + (f"; +{len(ties) - 5} more" if len(ties) > 5 else ""),
        ))
    return gaps


def _bridge_gaps(G: nx.Graph, H: nx.Graph, size: int) -> list[Gap]:
    bridges = list(nx.bridges(H))
    if not bridges:
        return []
    root = min(H)
    parent = dict(nx.bfs_predecessors(H, root))
    below = dict.fromkeys(H, 1)
    for node in reversed(list(nx.bfs_tree(H, root))):
        if node in parent:
            below[parent[node]] += below[node]
    gaps = []
    for u, v in bridges:
        child = v if parent.get(v) == u else u
        other = u if child == v else v
        smaller = min(below[child], size - below[child])
        a, b = sorted((u, v))
        gaps.append(Gap(
            "bridge", f"{a}|{b}", float(smaller),
            f"the tie {_label(G, a)} - {_label(G, b)} is the only path between"
            f" {below[child]} and {size - below[child]} actors",
            f"{a}-{b} ({G.edges[u, v].get('projects', '')}); {_label(G, child)}'s"
            f" side: {below[child]} actor(s); {_label(G, other)}'s side:"
            f" {size - below[child]}",
        ))
    return gaps


def prestudies_without_follow_up(B: nx.Graph) -> list[Gap]:
    """Pre-studies (Förprojektering) none of whose actors ran a later implementation.

    A pre-study counts as followed up when its owner or any active partner
    takes part in an active role in an implementation project (phase
    Genomförande) that starts after the pre-study started. The score is the
    number of the pre-study's active actors. Implementation projects before
    the pre-study, or without a start date, are named in the evidence.

    Example:
        >>> B = nx.Graph()
        >>> B.add_node("project/forstudie", type="project", phase="Förprojektering",
        ...            start="2014-02-07", label="Samordning för socialt företagande")
        >>> B.add_node("project/genomforande", type="project", phase="Genomförande",
        ...            start="2009-05-01", label="KOMPETENT SOCIAL EKONOMI")
        >>> B.add_edge("project/forstudie", "org/coompanion", roles="owner")
        >>> B.add_edge("project/genomforande", "org/coompanion", roles="owner;partner")
        >>> [(g.subject, g.score) for g in prestudies_without_follow_up(B)]
        [('project/forstudie', 1.0)]
    """
    active: dict[str, set[str]] = {}
    for project in _projects(B):
        active[project] = {a for a in B[project]
                           if _roles(B, project, a) & set(ACTIVE_ROLES)}
    gaps = []
    for project in _projects(B):
        attrs = B.nodes[project]
        if not _is_phase(attrs.get("phase"), ("förprojekt", "förstudie")):
            continue
        start = str(attrs.get("start") or "")
        later, earlier = set(), set()
        for other in _projects(B):
            o = B.nodes[other]
            if other == project or not _is_phase(o.get("phase"), ("genomför",)):
                continue
            if not active[project] & active[other]:
                continue
            (later if start and str(o.get("start") or "") > start else earlier).add(other)
        if later or not active[project]:
            continue
        gaps.append(Gap(
            "pre-study-without-follow-up", project, float(len(active[project])),
            f"pre-study {_label(B, project)} ({start or 'no start date'}): none of its"
            f" {len(active[project])} actor(s) ({_names(B, active[project])}) appears in"
            " a later implementation project",
            "; ".join([f"actors: {_ids(active[project])}"]
                      + ([f"earlier or undated implementation: {_ids(earlier)}"]
                         if earlier else [])),
        ))
    return sorted(gaps, key=Gap.sort_key)


def _is_phase(phase: object, prefixes: tuple[str, ...]) -> bool:
    return str(phase or "").strip().casefold().startswith(prefixes)
