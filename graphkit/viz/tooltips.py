"""Node and edge facts → the compact columns a page makes its tooltips of when shown.

A tooltip used to travel as text, one per node: at 50,000 nodes that was 14 of
a page's 20 MB, parsed before the first frame, for the few a reader points at.
The page now gets the facts a tooltip is made of (a node's kind word, its
measure values, its first two source places and how many there are; a tie's
shared projects and their places) as small numbers, and the controller
(``assets/controller.js``, ``nodeTitle``/``edgeTitle``) writes the text when a
tooltip or the info panel shows it, as plain text.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["place_text", "tooltip_columns"]

Neighbours = Callable[[str], Mapping[str, Mapping[str, Any]]]
Edge = tuple[str, str, dict[str, Any]]


def place_text(place: tuple[str, int]) -> str:
    """``document:line`` (or the document alone when the line is -1).

    Example:
        >>> place_text(("seeds/001_projektbank.txt", 12)), place_text(("a.pdf", -1))
        ('seeds/001_projektbank.txt:12', 'a.pdf')
    """
    return f"{place[0]}:{place[1]}" if place[1] != -1 else place[0]


def _place(edge: Mapping[str, Any]) -> tuple[str, int] | None:
    """The ``(document, line)`` an edge comes from (line -1: none), or None."""
    if not edge.get("document"):
        return None
    line = edge.get("line", -1)
    return (str(edge["document"]), -1 if line is None else int(line))


def _kind_word(d: Mapping[str, Any]) -> str:
    """What a tooltip calls a node: its type, or an organisation's actor type."""
    if d["type"] != "organisation":
        return str(d["type"])
    return str(d.get("actor_type") or "organisation")


def _value(value: float) -> float | int | None:
    """A measure as a tooltip shows it: an integer, three digits, or None (not a number)."""
    if not math.isfinite(value):
        return None
    return int(value) if value == int(value) else float(f"{value:.3g}")


def tooltip_columns(
    attrs: Mapping[str, Mapping[str, Any]],
    nodes: list[str],
    edges: list[Edge],
    projection: str,
    measures: Mapping[str, Mapping[str, float]],
    order: Iterable[str],
    context: Neighbours,
) -> dict[str, Any]:
    """The columns tooltips are made of, with the lists their indices point into.

    Args:
        attrs: node attributes of the nodes drawn.
        nodes: the nodes drawn, in page order.
        edges: the edges drawn, in page order.
        projection: ``"bipartite"`` or ``"actors"``.
        measures: ``{measure: {node: value}}``.
        order: the measures a tooltip shows, in order.
        context: a node's projects (or a project's actors), with their edges.

    Returns:
        ``documents`` and ``types`` (lookup lists); ``nodes``: ``type`` (index
        into ``types``), ``values`` (a column per measure of ``order``),
        ``sources`` (``[]`` or ``[count, doc, line, doc, line]``: the first two
        places as text sorts them) and ``code`` (``{index: SCB code}``);
        ``edges``: ``doc`` and ``line`` of a project–actor edge, or a tie's
        ``sources`` (``[count, doc, line, …]``, its first four places).

    Example:
        >>> from graphkit.viz.views import _example
        >>> G = _example()
        >>> nodes, edges = list(G), list(G.edges(data=True))
        >>> cols = tooltip_columns(G.nodes, nodes, edges, "bipartite",
        ...                        {"degree": dict(G.degree())}, ["degree"], G.adj.get)
        >>> cols["types"], cols["nodes"]["type"], cols["nodes"]["sources"][0]
        (['cooperative', 'foundation', 'municipality', 'project'], [2, 0, 1, 3], [1, 0, 14])
    """
    node_places = []
    for n in nodes:
        places = {p for e in context(n).values() if (p := _place(e)) is not None}
        node_places.append((heapq.nsmallest(2, places, key=place_text), len(places)))
    edge_places: list[tuple[list[tuple[str, int]], int]] = []
    if projection == "actors":
        for u, v, e in edges:
            shared = sorted(e.get("projects") or ())[:3]
            places = {
                p
                for s in shared
                for end in (u, v)
                if (p := _place(context(end).get(s, {})))
            }
            edge_places.append((sorted(places, key=place_text)[:4], len(places)))
    documents = sorted(
        {doc for places, _ in node_places + edge_places for doc, _ in places}
        | {str(e["document"]) for _, _, e in edges if e.get("document")}
    )
    where = {d: i for i, d in enumerate(documents)}

    def flat(places: list[tuple[str, int]], count: int) -> list[int]:
        return (
            [count, *(x for doc, line in places for x in (where[doc], line))]
            if count
            else []
        )

    words = [_kind_word(attrs[n]) for n in nodes]
    types = sorted(set(words))
    type_index = {t: i for i, t in enumerate(types)}
    edge_columns: dict[str, list[Any]] = (
        {"sources": [flat(*p) for p in edge_places]}
        if projection == "actors"
        else {
            "doc": [
                where[str(e["document"])] if e.get("document") else -1
                for *_, e in edges
            ],
            "line": [-1 if e.get("line") is None else e["line"] for *_, e in edges],
        }
    )
    return {
        "documents": documents,
        "types": types,
        "nodes": {
            "type": [type_index[w] for w in words],
            "values": [[_value(measures[m].get(n, 0.0)) for n in nodes] for m in order],
            "sources": [flat(*p) for p in node_places],
            "code": {
                str(i): str(attrs[n]["code"])
                for i, n in enumerate(nodes)
                if attrs[n].get("code")
            },
        },
        "edges": edge_columns,
    }
