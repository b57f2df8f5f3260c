"""One name per measure: which graph each analysis measure is computed on.

A measure's value depends on the graph it was computed on: betweenness in the
actor–actor projection and betweenness in the two-mode project–actor graph are
different numbers. Every output that shows a measure (``analysis.md``, the CSV
tables, the figures, the network page) names it with :func:`measure_label`, so
the two never share a name. The page (:mod:`graphkit.viz`) imports this table.

Example:
    >>> measure_label("betweenness")
    'betweenness (actor–actor, active roles)'
    >>> measure_label("two_mode_betweenness", ["owner", "partner", "mention"])
    'two-mode betweenness (project–actor, roles owner, partner, mention)'
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.records import ACTIVE_ROLES, ROLE_RANK, role_set

__all__ = [
    "ACTOR_GRAPH",
    "MEASURE_GRAPH",
    "MEASURE_TITLE",
    "PROJECT_ACTOR_GRAPH",
    "graph_label",
    "measure_label",
    "roles_label",
]

#: The two graphs measures are computed on, as outputs name them.
ACTOR_GRAPH = "actor–actor"
PROJECT_ACTOR_GRAPH = "project–actor"

#: Measure -> the graph it is computed on.
MEASURE_GRAPH: dict[str, str] = {
    "projects": PROJECT_ACTOR_GRAPH,
    "degree": ACTOR_GRAPH,
    "weighted_degree": ACTOR_GRAPH,
    "betweenness": ACTOR_GRAPH,
    "closeness": ACTOR_GRAPH,
    "pagerank": ACTOR_GRAPH,
    "two_mode_betweenness": PROJECT_ACTOR_GRAPH,
    "brokerage": ACTOR_GRAPH,
    "effective_size": ACTOR_GRAPH,
    "constraint": ACTOR_GRAPH,
    "community": ACTOR_GRAPH,
    "suggested_tie": ACTOR_GRAPH,
}

#: Measure -> its name in prose and table headings.
MEASURE_TITLE: dict[str, str] = {
    "projects": "projects",
    "degree": "degree",
    "weighted_degree": "weighted degree",
    "betweenness": "betweenness",
    "closeness": "closeness",
    "pagerank": "PageRank",
    "two_mode_betweenness": "two-mode betweenness",
    "brokerage": "Gould-Fernandez brokerage",
    "effective_size": "effective size",
    "constraint": "constraint",
    "community": "Louvain community",
    "suggested_tie": "suggested tie score",
}


def roles_label(roles: Iterable[str] = ACTIVE_ROLES) -> str:
    """``active roles`` for exactly the active roles, else ``roles a, b, …`` (ranked).

    Example:
        >>> roles_label(["partner", "owner"])
        'roles owner, partner'
    """
    wanted = role_set(roles)
    if wanted == frozenset(ACTIVE_ROLES):
        return "active roles"
    return "roles " + ", ".join(
        str(r) for r in sorted(wanted, key=ROLE_RANK.__getitem__)
    )


def graph_label(graph: str, roles: Iterable[str] = ACTIVE_ROLES) -> str:
    """``actor–actor, active roles``: a graph and the roles that made its edges.

    Example:
        >>> graph_label(PROJECT_ACTOR_GRAPH)
        'project–actor, active roles'
    """
    return f"{graph}, {roles_label(roles)}"


def measure_label(measure: str, roles: Iterable[str] = ACTIVE_ROLES) -> str:
    """A measure's full name: its title and the graph it was computed on."""
    return f"{MEASURE_TITLE[measure]} ({graph_label(MEASURE_GRAPH[measure], roles)})"
