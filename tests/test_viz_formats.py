"""Tests for graphkit.viz.formats: streamed GEXF and GraphML, as networkx reads them."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from graphkit.viz import export_graph
from graphkit.viz.formats import gexf_graphml

Edges = Callable[[], Iterable[tuple[str, str, dict[str, Any]]]]


def _rows(G: nx.Graph) -> tuple[list[tuple[str, dict[str, Any]]], Edges]:
    return list(G.nodes(data=True)), lambda: G.edges(data=True)


def _same(a: object, b: object) -> bool:
    """Equal values of the same type (GEXF's weight is read back as a float)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return type(a) is type(b) and a == b


def _assert_same_graph(R: nx.Graph, G: nx.Graph) -> None:
    assert list(R) == list(G)
    for node, attrs in G.nodes(data=True):
        assert R.nodes[node].keys() == attrs.keys(), node
        for key, value in attrs.items():
            assert _same(R.nodes[node][key], value), (node, key)
    assert [(u, v) for u, v in R.edges()] == [(u, v) for u, v in G.edges()]
    for u, v, attrs in G.edges(data=True):
        assert R.edges[u, v].keys() == attrs.keys(), (u, v)
        for key, value in attrs.items():
            assert _same(R.edges[u, v][key], value), (u, v, key)


def _networkx_gexf(G: nx.Graph) -> bytes:
    """networkx's GEXF of an exported graph, with the viz data exchange files carry."""
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        colour = attrs["color"]
        attrs["viz"] = {
            "color": {
                "r": int(colour[1:3], 16),
                "g": int(colour[3:5], 16),
                "b": int(colour[5:7], 16),
                "a": 1.0,
            },
            "size": attrs["size"],
            "position": {"x": attrs["x"], "y": attrs["y"], "z": 0.0},
        }
    return "\n".join(nx.generate_gexf(H)).encode("utf-8")


def test_an_export_reads_back_as_networkx_writes_it(seeds_graph: Graph) -> None:
    G = export_graph(seeds_graph)
    gexf, graphml = gexf_graphml(*_rows(G))
    theirs = io.BytesIO()
    nx.write_graphml(G, theirs, named_key_ids=True)
    _assert_same_graph(
        nx.read_graphml(io.BytesIO(graphml)),
        nx.read_graphml(io.BytesIO(theirs.getvalue())),
    )
    _assert_same_graph(
        nx.read_gexf(io.BytesIO(gexf)), nx.read_gexf(io.BytesIO(_networkx_gexf(G)))
    )  # viz colour, size and position included


def _awkward() -> nx.Graph:
    """Names and values that XML, str.format and typed attributes trip over."""
    G: nx.Graph[str] = nx.Graph()
    G.add_node(
        "org/a&b",
        label='Förening "A & B" <i>ny</i>\n\tå {0} }{',
        type="organisation",
        count=3,
        share=0.25,
        listed=True,
        reach=float("inf"),
        color="#3b7dd8",
        size=7.5,
        x=1.0,
        y=-2.5,
    )
    G.add_node("org/tom", label="Tom", type="organisation", listed=False)
    G.add_node(
        "project/p{1}",
        label="Projekt 𝄞 'ett'",
        type="project",
        start="2015-01-01",
        end="2016-12-31",
        color="not a colour",
    )
    G.add_edge(
        "project/p{1}",
        "org/a&b",
        role="partner",
        count=1.5,
        weight=2,
        start="2015-01-01",
        end="2016-12-31",
    )
    G.add_edge("project/p{1}", "org/tom", role="owner", document="a&b.txt", line=-1)
    return G


@pytest.mark.parametrize(
    "read", [nx.read_gexf, nx.read_graphml], ids=["gexf", "graphml"]
)
def test_awkward_values_read_back_the_same(read: Callable[..., nx.Graph]) -> None:
    G = _awkward()
    gexf, graphml = gexf_graphml(*_rows(G))
    R = read(io.BytesIO(gexf if read is nx.read_gexf else graphml))
    if read is nx.read_gexf:  # GEXF adds viz and edge ids, and weights are floats
        for node in R:
            R.nodes[node].pop("viz", None)
        for *_, attrs in R.edges(data=True):
            del attrs["id"]
        R.edges["project/p{1}", "org/a&b"]["weight"] = 2
    _assert_same_graph(R, G)


def test_graphml_key_ids_are_unique_and_gexf_has_viz_only_for_colours() -> None:
    gexf, graphml = gexf_graphml(*_rows(_awkward()))
    keys = ET.fromstring(graphml).findall("{http://graphml.graphdrawing.org/xmlns}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    renamed = {k.get("id") for k in keys if k.get("id") != k.get("attr.name")}
    assert renamed == {"edge_count", "edge_start", "edge_end"}  # node keys have these
    nodes = ET.fromstring(gexf).iter("{http://www.gexf.net/1.2draft}node")
    viz = "{http://www.gexf.net/1.2draft/viz}color"
    assert {n.get("id"): n.find(viz) is not None for n in nodes} == {
        "org/a&b": True,
        "org/tom": False,
        "project/p{1}": False,
    }


def test_characters_xml_cannot_hold_become_replacement_characters() -> None:
    G: nx.Graph[str] = nx.Graph()
    G.add_edge("org/form\x0cfeed", "project/p", role="partner", note="nul\x00 \ud800")
    gexf, graphml = gexf_graphml(*_rows(G))
    for R in (nx.read_gexf(io.BytesIO(gexf)), nx.read_graphml(io.BytesIO(graphml))):
        assert list(R) == ["org/form\ufffdfeed", "project/p"]
        assert R.edges["org/form\ufffdfeed", "project/p"]["note"] == "nul\ufffd \ufffd"


def test_the_same_rows_give_the_same_bytes_and_an_empty_graph_is_valid() -> None:
    assert gexf_graphml(*_rows(_awkward())) == gexf_graphml(*_rows(_awkward()))
    gexf, graphml = gexf_graphml([], list)
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == 0
    assert nx.read_graphml(io.BytesIO(graphml)).number_of_nodes() == 0
