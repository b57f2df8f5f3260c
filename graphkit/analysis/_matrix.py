"""Actor-actor graph -> scipy sparse matrices: how brokerage and suggested ties are counted.

Brokerage counts and suggested ties loop over pairs of collaborators; in Python that
takes tens of seconds on a 100k-project build, so they are computed with these
matrices, whatever the graph's size (their one implementation). The module imports
numpy and scipy at the top, so it is itself imported only inside the functions
that need it: ``graphkit --help`` and the other stages never load them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

__all__ = [
    "adjacency",
    "forward",
    "row_blocks",
]

#: About this many multiply-adds per block of rows, to bound the memory of a product.
BLOCK_WORK = 20_000_000


def adjacency(G: nx.Graph, order: list[Any], weight: str | None = None) -> sp.csr_array:
    """The 0/1 adjacency matrix of ``G`` in ``order``, without self-loops.

    Rows are in ``order``; each row's column indices are sorted. With ``weight``,
    entries are that edge attribute (integers, default 1) instead of 1.

    Example:
        >>> G = nx.Graph([("Coompanion", "Skoopi"), ("Skoopi", "Skoopi")])
        >>> adjacency(G, ["Coompanion", "Skoopi"]).toarray().tolist()
        [[0, 1], [1, 0]]
    """
    index = {node: i for i, node in enumerate(order)}
    adj = G._adj  # type: ignore[attr-defined]  # plain dicts: views cost a call per item
    columns = np.fromiter(
        (index[w] for v in order for w in adj[v] if w != v), dtype=np.int64
    )
    degree = [len(adj[v]) - (v in adj[v]) for v in order]
    indptr = np.concatenate([[0], np.cumsum(degree, dtype=np.int64)])
    if weight is None:
        data = np.ones(len(columns), dtype=np.int64)
    else:
        data = np.fromiter(
            (int(adj[v][w].get(weight, 1)) for v in order for w in adj[v] if w != v),
            dtype=np.int64,
        )
    A = sp.csr_array(
        (data, columns, indptr),
        shape=(len(order),) * 2,
    )
    A.sort_indices()
    return A


def forward(A: sp.csr_array) -> sp.csr_array:
    """The edges of ``A`` oriented from the lower to the higher (degree, index).

    Every triangle is then one path ``x -> y -> z`` with the edge ``x -> z``, and
    no node has more than about ``sqrt(2 * edges)`` out-edges, so products of the
    result cost at most ``edges * sqrt(edges)`` even around hubs (Chiba-Nishizeki).

    Example:
        >>> A = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]]))
        >>> forward(A).toarray().tolist()
        [[0, 0, 0], [1, 0, 0], [1, 0, 0]]
    """
    n = A.shape[0]
    degree = np.diff(A.indptr)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    rows = np.repeat(np.arange(n), degree)
    keep = rank[rows] < rank[A.indices]
    L = sp.csr_array(
        (A.data[keep], (rows[keep], A.indices[keep])), shape=A.shape, dtype=A.dtype
    )
    L.sort_indices()
    return L


def row_blocks(work: np.ndarray, budget: int = BLOCK_WORK) -> Iterator[slice]:
    """Consecutive row slices whose ``work`` adds up to about ``budget`` each.

    Example:
        >>> list(row_blocks(np.array([5, 5, 5, 20, 1]), budget=10))
        [slice(0, 2, None), slice(2, 3, None), slice(3, 4, None), slice(4, 5, None)]
    """
    n = len(work)
    total = np.cumsum(work)
    start = 0
    while start < n:
        base = total[start - 1] if start else 0
        stop = int(np.searchsorted(total, base + budget, side="right"))
        stop = max(stop, start + 1)
        yield slice(start, min(stop, n))
        start = stop
