"""Actor-actor graph -> Louvain communities, labelled by central members and sectors."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from graphkit.analysis._backend import to_igraph
from graphkit.analysis.centrality import TIE_DIGITS, require_undirected

__all__ = [
    "Community",
    "communities",
    "describe_communities",
]


@dataclass(frozen=True, slots=True)
class Community:
    """One community of actors.

    Attributes:
        number: 1 for the largest community, 2 for the next, ...
        members: the node ids, sorted.
        top: the most central members (by the score given), strongest first.
        sectors: ``(sector, count)`` pairs, most common first.
        internal_ties: ties between two members.
        external_ties: ties from a member to a non-member.
    """

    number: int
    members: tuple[str, ...]
    top: tuple[str, ...]
    sectors: tuple[tuple[str, int], ...]
    internal_ties: int
    external_ties: int

    @property
    def sector_mix(self) -> str:
        """``"social-economy 3; public 1"``."""
        return "; ".join(f"{sector} {count}" for sector, count in self.sectors)


def communities(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 0,
    backend: str = "networkx",
) -> list[frozenset[str]]:
    """Louvain communities of ``G`` (weighted), largest first.

    networkx's ``louvain_communities`` with ``seed``; ``backend="igraph"``
    uses igraph's multilevel method, seeded through a private
    ``random.Random(seed)``. Ties in size are ordered by the smallest member.

    Args:
        G: an actor-actor graph with edge attribute ``weight``.
        resolution: above 1 favours smaller communities, below 1 larger ones.
        seed: seed for the node order Louvain visits.
        backend: ``"networkx"`` or ``"igraph"``.

    Returns:
        A list of node sets covering ``G``.

    Example:
        >>> G = nx.Graph([("Coompanion", "Mikrofonden"), ("Coompanion", "Skoopi"),
        ...               ("Mikrofonden", "Skoopi"), ("Skoopi", "Region Skåne"),
        ...               ("Region Skåne", "Malmö stad"), ("Region Skåne", "Lunds kommun"),
        ...               ("Malmö stad", "Lunds kommun")])
        >>> [sorted(c) for c in communities(G)]
        [['Coompanion', 'Mikrofonden', 'Skoopi'], ['Lunds kommun', 'Malmö stad', 'Region Skåne']]
    """
    require_undirected(G)
    if len(G) == 0:
        return []
    if backend == "igraph":
        import igraph as ig

        g, nodes = to_igraph(G)
        ig.set_random_number_generator(random.Random(seed))
        try:
            clustering = g.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
        parts = [frozenset(nodes[i] for i in part) for part in clustering]
    else:
        parts = [
            frozenset(c)
            for c in nx.community.louvain_communities(
                G, weight="weight", resolution=resolution, seed=seed
            )
        ]
    return sorted(parts, key=lambda c: (-len(c), min(c)))


def describe_communities(
    G: nx.Graph,
    parts: list[frozenset[str]],
    score: dict[str, float],
    *,
    top: int = 3,
) -> list[Community]:
    """Label each community by its ``top`` members by ``score`` and its sector mix.

    Scores equal to :data:`~graphkit.analysis.centrality.TIE_DIGITS` decimals
    are ties, broken by node id.

    Example:
        >>> G = nx.Graph([("Coompanion", "Göteborgs Stad")])
        >>> G.nodes["Coompanion"]["sector"] = "social-economy"
        >>> G.nodes["Göteborgs Stad"]["sector"] = "public"
        >>> score = {"Coompanion": 2, "Göteborgs Stad": 1}
        >>> c = describe_communities(G, [frozenset(G)], score)
        >>> c[0].top, c[0].sector_mix
        (('Coompanion', 'Göteborgs Stad'), 'public 1; social-economy 1')
    """
    where = {node: number for number, part in enumerate(parts, 1) for node in part}
    internal: Counter[int] = Counter()
    external: Counter[int] = Counter()
    for u, v in G.edges():
        if where[u] == where[v]:
            internal[where[u]] += 1
        else:
            external[where[u]] += 1
            external[where[v]] += 1
    described = []
    for number, part in enumerate(parts, 1):
        members = tuple(sorted(part))
        ranked = sorted(
            members, key=lambda m: (-round(score.get(m, 0.0), TIE_DIGITS), m)
        )
        sectors = Counter(G.nodes[m].get("sector") or "unknown" for m in members)
        described.append(
            Community(
                number=number,
                members=members,
                top=tuple(ranked[:top]),
                sectors=tuple(sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0]))),
                internal_ties=internal[number],
                external_ties=external[number],
            )
        )
    return described
