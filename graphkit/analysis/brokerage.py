"""Actor-actor graph -> brokerage by sector (Gould-Fernandez), Burt's holes."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphkit.analysis import _backend
from graphkit.analysis.centrality import require_undirected

__all__ = [
    "BRIDGED_SECTORS",
    "BROKERAGE_ROLES",
    "brokerage_roles",
    "structural_holes",
]

#: Gould-Fernandez roles for an undirected graph (see :func:`brokerage_roles`).
BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "gatekeeper_representative",
    "liaison",
)

#: Sector pairs whose open pairs a broker bridges, reported as their own columns.
BRIDGED_SECTORS: dict[str, tuple[str, str]] = {
    "social_public": ("public", "social-economy"),
    "social_european": ("european-network", "social-economy"),
}


def brokerage_roles(
    G: nx.Graph, *, attribute: str = "sector"
) -> dict[str, dict[str, int]]:
    """Gould-Fernandez brokerage counts per actor, by the groups in ``attribute``.

    A broker ``v`` sits between two of its collaborators ``a`` and ``c`` that
    are not tied to each other (an open pair ``a - v - c``). The pair is
    classified by the groups (sectors) of the three:

    - *coordinator*: all three in one sector;
    - *itinerant* (consultant): ``a`` and ``c`` in one sector, ``v`` in another;
    - *gatekeeper_representative*: ``v`` shares its sector with exactly one of
      ``a`` and ``c``. In a directed graph these are two roles (gatekeeper:
      ``v`` lets an outsider in; representative: ``v`` speaks for its group
      outwards); collaboration ties have no direction, so they are one here;
    - *liaison*: three different sectors.

    ``total`` counts every open pair;
    :data:`BRIDGED_SECTORS` columns count the open pairs that join the social
    economy with the public sector and with European networks.

    Open pairs are an actor's pairs of collaborators less the closed ones, the
    triangles through it. They are counted with sparse matrices (numpy and
    scipy): with the edges oriented by degree
    (:func:`~graphkit.analysis._matrix.forward`) each triangle is one path
    ``x -> y -> z`` plus ``x -> z``, found by two products whose cost stays near
    ``edges * sqrt(edges)`` however large the hubs are: ``L @ L`` closes it at
    ``x`` and ``L.T @ L`` at ``y`` and ``z``. Splitting the summed index by
    sector gives the sectors of each closed pair. Memory grows with actors
    times groups squared, so ``attribute`` should have a few values.

    Example:
        >>> G = nx.Graph([("Göteborgs Stad", "Coompanion"), ("Coompanion", "REVES"),
        ...               ("Coompanion", "Skoopi")])
        >>> sectors = {"Göteborgs Stad": "public", "Coompanion": "social-economy",
        ...            "REVES": "european-network", "Skoopi": "social-economy"}
        >>> nx.set_node_attributes(G, sectors, "sector")
        >>> counts = brokerage_roles(G)["Coompanion"]
        >>> counts["liaison"], counts["gatekeeper_representative"], counts["total"]
        (1, 2, 3)
        >>> counts["social_public"], counts["social_european"]
        (1, 1)
    """
    require_undirected(G)
    if len(G) == 0:
        return {}
    group = {node: str(G.nodes[node].get(attribute) or "unknown") for node in G}
    import numpy as np
    import scipy.sparse as sp  # type: ignore[import-untyped]

    from graphkit.analysis._matrix import adjacency, forward, row_blocks

    order = list(G)
    n = len(order)
    kinds = sorted(set(group.values()))
    number = {kind: i for i, kind in enumerate(kinds)}
    code = np.array([number[group[v]] for v in order], dtype=np.int64)
    K = len(kinds)
    A = adjacency(G, order)
    L = forward(A)
    U = sp.csr_array(L.T)
    U.sort_indices()
    onehot = sp.csr_array(
        (np.ones(n, dtype=np.int64), (np.arange(n), code)), shape=(n, K)
    )
    sizes = (A @ onehot).toarray()
    # X[v, s, t]: triangles at v whose other two ends are in sectors s and t
    # (each triangle counted once, s the sector of the summed end)
    X = np.zeros((n, K, K), dtype=np.int64)
    out = np.diff(L.indptr)
    for s in range(K):
        members = np.flatnonzero(code == s)
        left_L, left_U, right = L[:, members], U[:, members], L[members, :]
        for rows in row_blocks(left_L @ out[members]):
            mask = L[rows]
            X[rows, s, :] += ((left_L[rows] @ right).multiply(mask) @ onehot).toarray()
        for rows in row_blocks(left_U @ out[members]):
            product = left_U[rows] @ right
            X[rows, s, :] += (product.multiply(L[rows]) @ onehot).toarray()
            X[rows, s, :] += (product.multiply(U[rows]) @ onehot).toarray()
    columns = {
        name: np.zeros(n, dtype=np.int64) for name in (*BROKERAGE_ROLES, "total")
    }
    bridged = {name: np.zeros(n, dtype=np.int64) for name in BRIDGED_SECTORS}
    for i in range(K):
        for j in range(i, K):
            if i == j:
                pairs = sizes[:, i] * (sizes[:, i] - 1) // 2
                closed = X[:, i, i]
            else:
                pairs = sizes[:, i] * sizes[:, j]
                closed = X[:, i, j] + X[:, j, i]
            found = np.maximum(pairs - closed, 0)
            if i == j:
                same = code == i
                columns["coordinator"] += np.where(same, found, 0)
                columns["itinerant"] += np.where(same, 0, found)
            else:
                inside = (code == i) | (code == j)
                columns["gatekeeper_representative"] += np.where(inside, found, 0)
                columns["liaison"] += np.where(inside, 0, found)
            columns["total"] += found
            for name, pair in BRIDGED_SECTORS.items():
                if (kinds[i], kinds[j]) == pair:
                    bridged[name] += found
    table = {**columns, **bridged}
    names = [*BROKERAGE_ROLES, "total", *BRIDGED_SECTORS]
    values = np.stack([table[name] for name in names], axis=1).tolist()
    return {
        v: dict(zip(names, row, strict=True))
        for v, row in zip(order, values, strict=True)
    }


def structural_holes(
    G: nx.Graph, nodes: Iterable[str] | None = None, *, backend: str = "auto"
) -> dict[str, tuple[float, float]]:
    """Burt's effective size and constraint per actor.

    Effective size is the number of an actor's collaborators minus their
    redundancy: ``degree - 2 * triangles / degree`` (unweighted, as
    ``networkx.effective_size``). Constraint (weighted by shared projects) is
    ``sum_j (p_ij + sum_q p_iq * p_qj) ** 2`` with ``p_ij`` the share of
    ``i``'s tie weight that goes to ``j``: near 1 when all of an actor's ties
    lead into one closed group, low for a broker across structural holes
    (``networkx.constraint``). Both come from networkx, or from igraph on large
    graphs (:func:`graphkit.analysis._backend.structural_holes`). Self-loops
    are left out. An actor without ties has ``nan`` for both.

    Args:
        G: an actor-actor graph with edge attribute ``weight``.
        nodes: only these actors.
        backend: ``"auto"``, ``"networkx"`` or ``"igraph"``.

    Returns:
        node -> ``(effective_size, constraint)``.

    Example:
        >>> G = nx.star_graph(["Coompanion", "Mikrofonden", "Skoopi", "Region Skåne"])
        >>> holes = structural_holes(G)
        >>> holes["Coompanion"], holes["Skoopi"]
        ((3.0, 0.3333333333333333), (1.0, 1.0))
    """
    require_undirected(G)
    chosen = list(G) if nodes is None else [n for n in nodes if n in G]
    if not chosen:
        return {}
    return _backend.structural_holes(G, chosen, backend)


#: Above this many nodes the two-mode betweenness is estimated from
#: :data:`TWO_MODE_SAMPLE` sampled sources.
TWO_MODE_EXACT_LIMIT = 5000
TWO_MODE_SAMPLE = 100
#: Above this many nodes (projects and actors) the analysis does not compute
#: the two-mode betweenness by default: on a 100k-project graph it would cost
#: more than the rest of the analysis (the report says it was left out).
TWO_MODE_LIMIT = 50_000


def two_mode_betweenness(
    B: nx.Graph, *, backend: str = "auto", k: int | None = None, seed: int = 0
) -> tuple[dict[str, float], int | None]:
    """Two-mode (actor × project) betweenness of each actor, and the sample used.

    Betweenness in the project–actor graph itself, not in a projection: how
    often an actor lies on the shortest paths between other actors and projects.
    Normalised by the largest value possible in a two-mode graph of these sizes
    (Borgatti and Halgin), as ``networkx.bipartite.betweenness_centrality`` does,
    which this equals on graphs up to :data:`TWO_MODE_EXACT_LIMIT` nodes; above
    it, it is estimated from ``k`` (default :data:`TWO_MODE_SAMPLE`) sources
    drawn with ``random.Random(seed)``.

    Args:
        B: a project–actor graph (node attribute ``type``: ``project`` or not),
            already restricted to the roles analysed.
        backend: ``"auto"``, ``"networkx"`` or ``"igraph"``.
        k: sampled sources; ``None`` for exact up to the limit.
        seed: the seed of the sample.

    Example:
        >>> B = nx.Graph([("project/soul", "org/coompanion"), ("project/soul", "org/slup-se"),
        ...               ("project/kompetent", "org/slup-se"),
        ...               ("project/kompetent", "org/reves")])
        >>> nx.set_node_attributes(B, {"project/soul": "project",
        ...                            "project/kompetent": "project"}, "type")
        >>> scores, sample = two_mode_betweenness(B)
        >>> round(scores["org/slup-se"], 3), sample
        (1.0, None)
    """
    require_undirected(B)
    projects = [n for n, t in B.nodes(data="type") if t == "project"]
    actors = len(B) - len(projects)
    if not projects or not actors:
        return {}, None
    if k is None and len(B) > TWO_MODE_EXACT_LIMIT:
        k = TWO_MODE_SAMPLE
    if k is not None and k >= len(B):
        k = None
    between = _backend.betweenness(B, backend, k=k, seed=seed)
    n = len(B)
    scale = (n - 1) * (n - 2) / 2.0  # undo the one-mode normalisation
    # the largest betweenness an actor can have, given the sizes of both sets
    p, r = divmod(actors - 1, len(projects))
    most = (
        (len(projects) ** 2) * ((p + 1) ** 2)
        + len(projects) * (p + 1) * (2 * r - p - 1)
        - r * (2 * p - r + 3)
    ) / 2.0
    is_project = set(projects)
    return {
        node: value * scale / most if most else 0.0
        for node, value in between.items()
        if node not in is_project
    }, k
