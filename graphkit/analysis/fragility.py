"""Actor-actor graph -> fragility: articulation points and bridges, with evidence."""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from typing import Any

import networkx as nx

from graphkit.analysis.centrality import require_undirected
from graphkit.analysis.gaps import Gap, joined, label_of, names_of

__all__ = ["fragility"]


def fragility(G: nx.Graph) -> list[Gap]:
    """Articulation points and bridges: actors and ties whose loss splits the network.

    The score of an articulation point is the number of actors its removal
    cuts off from the largest remaining piece of its component (of two
    pieces of equal size, the one holding the smallest actor id counts as the
    largest); a bridge scores the size of its smaller side. The evidence names
    the ties (and their projects) that hold the smaller pieces on.

    One pass of networkx's biconnected components gives both: a bridge is a
    block of one edge, an articulation point a node in more than one block.
    The sizes of the pieces come from the block-cut tree, so the whole is
    linear in the number of ties.

    Example:
        >>> G = nx.Graph([("Coompanion", "Mikrofonden"), ("Coompanion", "Skoopi"),
        ...               ("Mikrofonden", "Skoopi"), ("Skoopi", "Region Skåne")])
        >>> [(g.kind, g.subject, g.score) for g in fragility(G)]
        [('articulation-point', 'Skoopi', 1.0), ('bridge', 'Region Skåne|Skoopi', 1.0)]
    """
    require_undirected(G)
    H = G
    if nx.number_of_selfloops(G):
        H = nx.Graph((u, v) for u, v in G.edges() if u != v)
    blocks = [
        frozenset(itertools.chain.from_iterable(edges))
        for edges in nx.biconnected_component_edges(H)
    ]
    tree = _BlockCutTree(H, blocks)
    gaps = [_articulation_gap(G, tree, node) for node in sorted(tree.cuts)]
    gaps += [
        _bridge_gap(G, tree, i)
        for i, block in enumerate(blocks)
        if len(block) == 2  # a block of two nodes is a single tie
    ]
    return sorted(gaps, key=Gap.sort_key)


class _BlockCutTree:
    """The block-cut forest of ``H``, rooted at each component's smallest node.

    Tree nodes are ``("b", i)`` for block ``i`` (weighing its nodes that are in no
    other block) and ``("a", node)`` for a cut node (weighing 1), so the weights
    below a tree node count the actors on that side of it.
    """

    def __init__(self, H: nx.Graph, blocks: list[frozenset[str]]) -> None:
        self.blocks = blocks
        count = Counter(node for block in blocks for node in block)
        self.cuts = {node for node, n in count.items() if n > 1}
        adjacent: dict[Any, list[Any]] = {}
        home: dict[str, Any] = {}
        weight: dict[Any, int] = {}
        for i, block in enumerate(blocks):
            weight["b", i] = 0
            for node in block:
                if node in self.cuts:
                    adjacent.setdefault(("b", i), []).append(("a", node))
                    adjacent.setdefault(("a", node), []).append(("b", i))
                    home[node] = ("a", node)
                    weight["a", node] = 1
                else:
                    home[node] = ("b", i)
                    weight["b", i] += 1
        self.parent: dict[Any, Any] = {}
        self.below = dict(weight)
        self.size: dict[Any, int] = {}
        for component in nx.connected_components(H):
            if len(component) == 1:
                continue
            root = home[min(component)]
            order, seen = [root], {root}
            for t in order:  # breadth first; the list grows while it is read
                for u in adjacent.get(t, ()):
                    if u not in seen:
                        seen.add(u)
                        self.parent[u] = t
                        order.append(u)
            for t in reversed(order):
                if t in self.parent:
                    self.below[self.parent[t]] += self.below[t]
            for t in order:
                self.size[t] = len(component)
        self.adjacent = adjacent
        self.smallest = [heapq.nsmallest(2, block) for block in blocks]

    def first_other(self, i: int, node: str) -> str:
        """The smallest node of block ``i`` other than ``node``."""
        first = self.smallest[i]
        return first[0] if first[0] != node else first[1]

    def side(self, t: Any, toward: Any) -> int:
        """Actors reached from tree node ``t`` through its neighbour ``toward``."""
        if self.parent.get(toward) == t:
            return self.below[toward]
        return self.size[t] - self.below[t]


def _articulation_gap(G: nx.Graph, tree: _BlockCutTree, node: str) -> Gap:
    me = ("a", node)
    size = tree.size[me]
    pieces = {t: tree.side(me, t) for t in tree.adjacent[me]}
    largest = min(pieces, key=lambda t: (-pieces[t], tree.first_other(t[1], node)))
    cut_off = size - 1 - pieces[largest]
    held = sorted(
        w for t in pieces if t != largest for w in tree.blocks[t[1]] if w != node
    )
    ties = [
        f"{node} – {w} ({joined(G.edges[node, w].get('projects', ()))})"
        for w in held
        if G.has_edge(node, w)
    ]
    return Gap(
        "articulation-point",
        node,
        float(cut_off),
        f"without {label_of(G, node)} its component of {size} actors falls into"
        f" {len(pieces)} pieces; {cut_off} actor(s) lose every path to the"
        " largest"
        f" ({names_of(G, held)} hold on only through it)",
        "; ".join(ties[:5]) + (f"; +{len(ties) - 5} more" if len(ties) > 5 else ""),
    )


def _bridge_gap(G: nx.Graph, tree: _BlockCutTree, i: int) -> Gap:
    """The gap of block ``i``, a single tie; ``child`` is the end away from the root."""
    u, v = sorted(tree.blocks[i])
    me = ("b", i)
    size = tree.size[me]
    if me in tree.parent:  # the parent is the cut node of the end nearer the root
        child = v if tree.parent[me] == ("a", u) else u
        beyond = tree.below[me]
    else:  # the block holds the root: u, the smallest node of the component
        child = v
        beyond = tree.below["a", child] if child in tree.cuts else 1
    other = u if child == v else v
    return Gap(
        "bridge",
        f"{u}|{v}",
        float(min(beyond, size - beyond)),
        f"the tie {label_of(G, u)} - {label_of(G, v)} is the only path between"
        f" {beyond} and {size - beyond} actors",
        f"{u} – {v} ({joined(G.edges[u, v].get('projects', ()))}); {label_of(G, child)}'s"
        f" side: {beyond} actor(s); {label_of(G, other)}'s side:"
        f" {size - beyond}",
    )
