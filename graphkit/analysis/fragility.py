"""Actor-actor graph -> fragility: articulation points and bridges, with evidence."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import networkx as nx

from graphkit.analysis.centrality import require_undirected
from graphkit.analysis.gaps import Gap, label_of, names_of

__all__ = ["fragility"]


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
    H: nx.Graph[str] = nx.Graph(G.edges())
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
    blocks = [
        frozenset(itertools.chain.from_iterable(edges))
        for edges in nx.biconnected_component_edges(H)
    ]
    count = Counter(node for block in blocks for node in block)
    cuts = {node for node, n in count.items() if n > 1}
    if not cuts:
        return []
    tree: nx.Graph[Any] = nx.Graph()
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
        pieces = {
            child: below[child]
            for child in tree[("a", node)]
            if parent.get(child) == ("a", node)
        }
        if ("a", node) in parent:
            pieces[parent["a", node]] = size - below["a", node]
        largest = max(pieces, key=lambda t: (pieces[t], str(t)))
        cut_off = size - 1 - pieces[largest]
        held = sorted(
            w for t in pieces if t != largest for w in blocks[t[1]] if w != node
        )
        ties = [
            f"{node}-{w} ({G.edges[node, w].get('projects', '')})"
            for w in held
            if G.has_edge(node, w)
        ]
        gaps.append(
            Gap(
                "articulation-point",
                node,
                float(cut_off),
                f"without {label_of(G, node)} its component of {size} actors falls into"
                f" {len(pieces)} pieces; {cut_off} actor(s) lose every path to the"
                " largest"
                f" ({names_of(G, held)} hold on only through it)",
                "; ".join(ties[:5])
                + (f"; +{len(ties) - 5} more" if len(ties) > 5 else ""),
            )
        )
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
        gaps.append(
            Gap(
                "bridge",
                f"{a}|{b}",
                float(smaller),
                f"the tie {label_of(G, a)} - {label_of(G, b)} is the only path between"
                f" {below[child]} and {size - below[child]} actors",
                f"{a}-{b} ({G.edges[u, v].get('projects', '')}); {label_of(G, child)}'s"
                f" side: {below[child]} actor(s); {label_of(G, other)}'s side:"
                f" {size - below[child]}",
            )
        )
    return gaps
