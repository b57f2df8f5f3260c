"""Actor-actor graph -> brokerage by sector (Gould-Fernandez), Burt's holes."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import networkx as nx

from graphkit.analysis.centrality import (
    IGRAPH_ABOVE,
    SPARSE_ABOVE,
    require_undirected,
    to_igraph,
)
from graphkit.errors import GraphkitError

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


#: The sparse path of :func:`brokerage_roles` keeps a count per actor and pair of
#: groups; with more groups than this (an attribute like ``label``) it is not used.
SPARSE_GROUPS = 32


def _role(ego: str, a: str, c: str) -> str:
    if a == c:
        return "coordinator" if a == ego else "itinerant"
    return "gatekeeper_representative" if ego in (a, c) else "liaison"


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

    ``total`` counts every open pair; :data:`BRIDGED_SECTORS` columns count the
    open pairs that join the social economy with the public sector and with
    European networks. Closed pairs are found per edge by intersecting
    neighbour sets, so the cost is that of listing triangles; above
    :data:`~graphkit.analysis.centrality.SPARSE_ABOVE` actors (and up to
    :data:`SPARSE_GROUPS` groups) the same counts come from sparse matrix
    products (numpy and scipy are imported then).

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
    group = {node: str(G.nodes[node].get(attribute) or "unknown") for node in G}
    if len(G) > SPARSE_ABOVE and len(set(group.values())) <= SPARSE_GROUPS:
        return _brokerage_sparse(G, group)
    closed: dict[str, Counter[tuple[str, str]]] = {node: Counter() for node in G}
    neighbours = {node: set(G[node]) - {node} for node in G}
    for a, c in G.edges():
        if a == c:
            continue
        pair = (group[a], group[c]) if group[a] <= group[c] else (group[c], group[a])
        for v in neighbours[a] & neighbours[c]:
            closed[v][pair] += 1
    result = {}
    for v in G:
        sizes = Counter(group[u] for u in neighbours[v])
        counts = dict.fromkeys((*BROKERAGE_ROLES, "total", *BRIDGED_SECTORS), 0)
        kinds = sorted(sizes)
        for i, s1 in enumerate(kinds):
            for s2 in kinds[i:]:
                pairs = (
                    sizes[s1] * (sizes[s1] - 1) // 2
                    if s1 == s2
                    else sizes[s1] * sizes[s2]
                )
                open_pairs = pairs - closed[v][s1, s2]
                if open_pairs <= 0:
                    continue
                counts[_role(group[v], s1, s2)] += open_pairs
                counts["total"] += open_pairs
                for column, bridged in BRIDGED_SECTORS.items():
                    if (s1, s2) == bridged:
                        counts[column] += open_pairs
        result[v] = counts
    return result


def _brokerage_sparse(G: nx.Graph, group: dict[str, str]) -> dict[str, dict[str, int]]:
    """:func:`brokerage_roles` with sparse matrices (the same counts, exactly).

    Closed pairs are the triangles through an actor. With the edges oriented by
    degree (:func:`~graphkit.analysis._matrix.forward`) each triangle is one path
    ``x -> y -> z`` plus ``x -> z``, found by two products whose cost stays near
    ``edges * sqrt(edges)`` however large the hubs are: ``L @ L`` closes it at
    ``x`` and ``L.T @ L`` at ``y`` and ``z``. Splitting the summed index by
    sector gives the sectors of each closed pair.
    """
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
    redundancy: ``degree - 2 * triangles / degree`` (unweighted; the formula
    ``networkx.effective_size`` uses for undirected graphs). Constraint
    (weighted by shared projects) is ``sum_j (p_ij + sum_q p_iq * p_qj) ** 2``
    with ``p_ij`` the share of ``i``'s tie weight that goes to ``j``: near 1
    when all of an actor's ties lead into one closed group, low for a broker
    across structural holes. It gives the same numbers as
    ``networkx.constraint``, whose per-pair normalisation is cubic in the
    degree (minutes for 600 actors); here each ``p`` is computed once and the
    indirect paths are found by intersecting neighbour sets. With igraph
    (``backend="auto"`` above :data:`~graphkit.analysis.centrality.IGRAPH_ABOVE`
    actors) both come from igraph's ``constraint`` and local transitivity,
    the same numbers in C. An actor without ties has ``nan`` for both.

    Args:
        G: an actor-actor graph with edge attribute ``weight``.
        nodes: only these actors.
        backend: ``"auto"``, ``"networkx"`` (pure Python) or ``"igraph"``.

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
    if backend == "auto":
        backend = "igraph" if len(G) > IGRAPH_ABOVE else "networkx"
    if backend == "igraph":
        return _holes_igraph(G, chosen)
    if backend != "networkx":
        raise GraphkitError(f"unknown backend {backend!r}")
    # lists fix the order of the float sums; sets are for the intersections
    ordered = {v: [w for w in G[v] if w != v] for v in G}
    neighbours = {v: set(ws) for v, ws in ordered.items()}
    share: dict[str, dict[str, float]] = {}

    def p(u: str) -> dict[str, float]:
        if u not in share:
            weights = {w: float(G.edges[u, w].get("weight", 1.0)) for w in ordered[u]}
            total = sum(weights.values())
            share[u] = {w: x / total for w, x in weights.items()} if total else {}
        return share[u]

    result = {}
    for v in chosen:
        d = len(ordered[v])
        if d == 0:
            result[v] = (math.nan, math.nan)
            continue
        pv = p(v)
        indirect = dict.fromkeys(ordered[v], 0.0)
        twice_triangles = 0
        for q in ordered[v]:
            pq = p(q)
            common = neighbours[q] & neighbours[v]
            twice_triangles += len(common)
            for j in common:
                indirect[j] += pv[q] * pq[j]
        constraint = sum((pv[j] + indirect[j]) ** 2 for j in ordered[v])
        result[v] = (float(d - twice_triangles / d), float(constraint))
    return result


def _holes_igraph(G: nx.Graph, chosen: list[str]) -> dict[str, tuple[float, float]]:
    """:func:`structural_holes` with igraph: constraint and triangles in C."""
    g, order = to_igraph(G)
    loops = [i for i, loop in enumerate(g.is_loop()) if loop]
    if loops:
        g.delete_edges(loops)
    index = {node: i for i, node in enumerate(order)}
    vertices = [index[v] for v in chosen]
    degree = g.degree(vertices)
    constraint = g.constraint(vertices, weights="weight")
    local = g.transitivity_local_undirected(vertices, mode="zero")
    result = {}
    for v, d, c, t in zip(chosen, degree, constraint, local, strict=True):
        if d == 0:
            result[v] = (math.nan, math.nan)
            continue
        triangles = round(t * d * (d - 1) / 2)  # exact: t = triangles / pairs
        result[v] = (float(d - 2 * triangles / d), float(c))
    return result
