"""Graphs -> collaboration gaps, each with its kind, score, reason and evidence."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from graphkit.analysis.geography import Geography
from graphkit.records import ACTIVE_ROLES, Role

__all__ = [
    "GAP_KINDS",
    "Gap",
    "coverage_gaps",
    "joined",
    "label_of",
    "names_of",
    "prestudies_without_follow_up",
]

#: Gap kinds in the order reports list them.
GAP_KINDS: tuple[str, ...] = (
    "uncovered",
    "no-social-economy",
    "no-local-project",
    "suggested-tie",
    "articulation-point",
    "bridge",
    "pre-study-without-follow-up",
)

_REACH_ROLES = frozenset((*ACTIVE_ROLES, "covers"))
_ACTIVE = frozenset(ACTIVE_ROLES)


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


def _projects(B: nx.Graph) -> list[str]:
    return sorted(n for n, t in B.nodes(data="type") if t == "project")


def _members(B: nx.Graph) -> Iterator[tuple[str, list[tuple[str, frozenset[Role]]]]]:
    """Each project (sorted) with its actors and their roles, one project at a time.

    A generator, so that the rows die young: on a 100k-project graph, keeping
    them all alive makes the garbage collector walk them again and again.
    """
    for project in _projects(B):
        yield project, [(actor, edge["roles"]) for actor, edge in B[project].items()]


def joined(ids: Iterable[str]) -> str:
    """Ids as a gap's evidence writes them, ``;``-joined (a tie's projects).

    Example:
        >>> joined(("project/soul", "project/kompetent"))
        'project/soul;project/kompetent'
    """
    return ";".join(ids)


def label_of(G: nx.Graph, node: str) -> str:
    """The node's ``label`` attribute, or its id."""
    return str(G.nodes[node].get("label") or node) if node in G else node


def names_of(G: nx.Graph, nodes: Iterable[str], most: int = 3) -> str:
    """The labels of the first ``most`` nodes (sorted by id), then ``(+N more)``."""
    nodes = list(nodes)
    shown = ", ".join(label_of(G, n) for n in heapq.nsmallest(most, nodes))
    return shown + (f" (+{len(nodes) - most} more)" if len(nodes) > most else "")


def _ids(nodes: Iterable[str], most: int = 5) -> str:
    nodes = list(nodes)
    return "; ".join(heapq.nsmallest(most, nodes)) + (
        f"; +{len(nodes) - most} more" if len(nodes) > most else ""
    )


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
        >>> from graphkit.records import role_set
        >>> B = nx.Graph()
        >>> B.add_node("project/soul", type="project", region="Stockholm")
        >>> B.add_node("org/slup-se", type="organisation", sector="social-economy")
        >>> B.add_edge("project/soul", "org/slup-se", roles=role_set(["partner"]))
        >>> B.add_node("municipality/0114", type="municipality", sector="public")
        >>> B.add_edge("project/soul", "municipality/0114", roles=role_set(["covers"]))
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
    social_economy = {n for n, s in B.nodes(data="sector") if s == "social-economy"}
    for project, row in _members(B):
        places, has_social = [], False
        for actor, roles in row:
            if actor in reach and not roles.isdisjoint(_REACH_ROLES):
                places.append(actor)
            if actor in social_economy and not roles.isdisjoint(_ACTIVE):
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
    gaps = _level_gaps(
        "uncovered",
        1.0,
        "no project reaches",
        set(reach) - reached,
        set(reach),
        reach,
        geography,
    )
    gaps += _level_gaps(
        "no-social-economy",
        0.5,
        "no social-economy actor works in",
        {m for m in reached if not social[m]},
        reached,
        reach,
        geography,
    )
    for region, label in geography.regions.items():
        served = {
            p
            for m in reached
            if region_of.get(county_of[m]) == region
            for p in reach[m]
        }
        if served and not based[region]:
            gaps.append(
                Gap(
                    "no-local-project",
                    region,
                    0.25,
                    f"no project is based in ESF region {label}; it is reached "
                    f"only by {len(served)} project(s) based elsewhere",
                    _ids(served),
                )
            )
    return sorted(gaps, key=Gap.sort_key)


def _level_gaps(
    kind: str,
    score: float,
    what: str,
    lacking: set[str],
    applicable: set[str],
    reach: dict[str, set[str]],
    geography: Geography,
) -> list[Gap]:
    """One gap per place, at the highest level where every municipality lacks."""
    gaps = []
    unit = "municipalities" if kind == "uncovered" else "reached municipalities"
    by_county: dict[str, list[str]] = {}
    for m, (_, county) in geography.municipalities.items():
        if m in applicable:
            by_county.setdefault(county, []).append(m)

    def evidence(places: Iterable[str], note: str) -> str:
        found = {p for m in places for p in reach.get(m, ())}
        return f"{note}: {_ids(found)}" if found else f"{note}: none"

    for region, label in geography.regions.items():
        counties = [
            c
            for c, (_, r) in geography.counties.items()
            if r == region and c in by_county
        ]
        munis = [m for c in counties for m in by_county[c]]
        if not munis:
            continue
        if all(m in lacking for m in munis):
            gaps.append(
                Gap(
                    kind,
                    region,
                    score,
                    f"{what} ESF region {label} ({len(munis)} {unit})",
                    evidence(munis, "projects reaching it"),
                )
            )
            continue
        for county in counties:
            cmunis, county_label = by_county[county], geography.counties[county][0]
            if all(m in lacking for m in cmunis):
                gaps.append(
                    Gap(
                        kind,
                        county,
                        score,
                        f"{what} {county_label} ({len(cmunis)} {unit}),"
                        f" though other parts of ESF region {label} are reached",
                        evidence(
                            set(munis) - set(cmunis), f"projects elsewhere in {label}"
                        ),
                    )
                )
                continue
            for m in cmunis:
                if m in lacking:
                    gaps.append(
                        Gap(
                            kind,
                            m,
                            score,
                            f"{what} {geography.municipalities[m][0]}, though"
                            f" other municipalities of {county_label} are reached",
                            evidence([m], "projects reaching it")
                            + "; "
                            + evidence(
                                set(cmunis) - {m},
                                f"projects elsewhere in {county_label}",
                            ),
                        )
                    )
    return gaps


def prestudies_without_follow_up(B: nx.Graph) -> list[Gap]:
    """Pre-studies (Förprojektering) that no later project builds on or follows up.

    A pre-study counts as followed up when a later project builds on it
    (lineage: ``B.graph["lineage"]``, ``{later: ((earlier, method), ...)}``, as
    :func:`graphkit.lineage.lineage_of` reads it from ``prov:wasInformedBy``;
    stated and inferred links alike), or when its owner or any active partner
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
        >>> from graphkit.records import role_set
        >>> B.add_edge("project/forstudie", "org/coompanion", roles=role_set(["owner"]))
        >>> B.add_edge("project/genomforande", "org/coompanion",
        ...            roles=role_set(["owner", "partner"]))
        >>> [(g.subject, g.score) for g in prestudies_without_follow_up(B)]
        [('project/forstudie', 1.0)]
        >>> B.graph["lineage"] = {"project/genomforande": (("project/forstudie", "stated"),)}
        >>> prestudies_without_follow_up(B)
        []
    """
    built_on = {
        earlier for found in B.graph.get("lineage", {}).values() for earlier, _ in found
    }
    active = {
        project: {a for a, roles in row if not roles.isdisjoint(_ACTIVE)}
        for project, row in _members(B)
    }
    # the latest start of an implementation project of each actor
    implementations = {
        p for p in active if _is_phase(B.nodes[p].get("phase"), ("genomför",))
    }
    latest: dict[str, str] = {}
    done_by: dict[str, list[str]] = {}  # the implementations of each actor
    for p in implementations:
        begun = str(B.nodes[p].get("start") or "")
        for actor in active[p]:
            latest[actor] = max(latest.get(actor, ""), begun)
            done_by.setdefault(actor, []).append(p)
    gaps = []
    for project in active:
        attrs = B.nodes[project]
        if project in built_on or not _is_phase(
            attrs.get("phase"), ("förprojekt", "förstudie")
        ):
            continue
        start = str(attrs.get("start") or "")
        actors = active[project]
        if not actors or (start and any(latest.get(a, "") > start for a in actors)):
            continue
        earlier = set().union(*(done_by.get(a, ()) for a in actors))
        gaps.append(
            Gap(
                "pre-study-without-follow-up",
                project,
                float(len(active[project])),
                f"pre-study {label_of(B, project)} ({start or 'no start date'}):"
                f" none of its {len(active[project])} actor(s)"
                f" ({names_of(B, active[project])}) appears in"
                " a later implementation project, and no project says it builds on it",
                "; ".join(
                    [f"actors: {_ids(active[project])}"]
                    + (
                        [f"earlier or undated implementation: {_ids(earlier)}"]
                        if earlier
                        else []
                    )
                ),
            )
        )
    return sorted(gaps, key=Gap.sort_key)


def _is_phase(phase: object, prefixes: tuple[str, ...]) -> bool:
    return str(phase or "").strip().casefold().startswith(prefixes)
