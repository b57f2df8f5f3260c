"""Tests for graphkit.viz.formats: streamed GEXF and GraphML, as networkx reads them."""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from graphkit.viz import exchange_files, export_graph
from graphkit.viz.formats import gexf_graphml, graphml_id
from tests.conftest import require_tool

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


def _graphml_view(G: nx.Graph) -> nx.Graph:
    """``G`` as its GraphML holds it: NMTOKEN ids, a colour also as int r, g, b."""
    H = nx.relabel_nodes(G, graphml_id)
    for _, attrs in H.nodes(data=True):
        colour = str(attrs.get("color"))
        if len(colour) == 7 and colour.startswith("#"):
            with contextlib.suppress(ValueError):
                attrs |= {
                    c: int(colour[i : i + 2], 16)
                    for c, i in zip("rgb", (1, 3, 5), strict=True)
                }
    return H


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
    nx.write_graphml(_graphml_view(G), theirs, named_key_ids=True)
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
    else:
        _assert_same_graph(R, _graphml_view(G))


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
        ids = ["org/form\ufffdfeed", "project/p"]
        if "project/p" not in R:  # GraphML: NMTOKEN ids
            ids = [graphml_id("org/form\x0cfeed"), graphml_id("project/p")]
        assert list(R) == ids
        assert R.edges[ids[0], ids[1]]["note"] == "nul\ufffd \ufffd"


def test_the_same_rows_give_the_same_bytes_and_an_empty_graph_is_valid() -> None:
    assert gexf_graphml(*_rows(_awkward())) == gexf_graphml(*_rows(_awkward()))
    gexf, graphml = gexf_graphml([], list)
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == 0
    assert nx.read_graphml(io.BytesIO(graphml)).number_of_nodes() == 0


SCHEMAS = Path(__file__).parent / "data" / "schemas"
GRAPHML_XSD = SCHEMAS / "graphml" / "graphml.xsd"
GEXF_XSD = SCHEMAS / "gexf-1.2draft" / "gexf.xsd"


def _xmllint(schema: Path, file: Path) -> None:
    """``xmllint --schema``: the file validates, or the test fails with xmllint's errors."""
    done = subprocess.run(
        [require_tool("xmllint"), "--noout", "--schema", str(schema), str(file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_seeds_files_validate_against_the_graphml_and_gexf_schemas(
    seeds_exports: Path,
) -> None:
    _xmllint(GRAPHML_XSD, seeds_exports / "graph.graphml")
    _xmllint(GEXF_XSD, seeds_exports / "graph.gexf")


def test_awkward_ids_and_values_validate_too(tmp_path: Path) -> None:
    gexf, graphml = gexf_graphml(*_rows(_awkward()))
    (tmp_path / "a.graphml").write_bytes(graphml)
    (tmp_path / "a.gexf").write_bytes(gexf)
    _xmllint(GRAPHML_XSD, tmp_path / "a.graphml")
    _xmllint(GEXF_XSD, tmp_path / "a.gexf")


def test_graphml_ids_are_nmtokens_that_never_merge_two_nodes() -> None:
    ids = ["org/a_b", "org/a/b", "org/a:b", "org/a b", "org/å", "org/a_5f_b"]
    tokens = [graphml_id(i) for i in ids]
    assert len(set(tokens)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9.:_-]+", t) for t in tokens)


_G = "{http://graphml.graphdrawing.org/xmlns}"


def test_coverage_never_weighs_like_collaboration_in_the_seeds_graphml(
    seeds_exports: Path,
) -> None:
    root = ET.parse(seeds_exports / "graph.graphml").getroot()
    keys = {k.get("attr.name"): k.get("id") for k in root.iter(f"{_G}key")}
    weights: dict[str, set[int]] = {}
    for edge in root.iter(f"{_G}edge"):
        data = {d.get("key"): d.text for d in edge.iter(f"{_G}data")}
        kind = str(data[keys["kind"]])
        weights.setdefault(kind, set()).add(int(str(data[keys["weight"]])))
        assert (data[keys["role"]] == "covers") == (kind == "coverage")
    assert weights["coverage"] == {0}
    assert min(weights["collaboration"]) >= 1
    node = next(n for n in root.iter(f"{_G}node") if n.get("id") == "municipality:0114")
    data = {d.get("key"): d.text for d in node.iter(f"{_G}data")}
    assert data[keys["label"]] == "Upplands Väsby"  # what Cytoscape shows
    colour = str(data[keys["color"]])
    assert [int(str(data[keys[c]])) for c in "rgb"] == [
        int(colour[i : i + 2], 16) for i in (1, 3, 5)
    ]  # what Gephi reads


_JARS = (
    "jgrapht-core",
    "jgrapht-io",
    "antlr4-runtime",
    "commons-text",
    "commons-lang3",
    "jheaps",
    "fastutil",
)


def test_jgrapht_reads_both_files_with_their_weights_and_labels(
    seeds_exports: Path, tmp_path: Path
) -> None:
    javac = require_tool("javac")
    jars = [Path("/usr/share/java") / f"{name}.jar" for name in _JARS]
    if not all(j.exists() for j in jars):
        pytest.skip(
            "JGraphT is not installed (CI installs libjgrapht-java with apt-get)"
        )
    classpath = ":".join(map(str, jars))
    source = Path(__file__).parent / "data" / "jgrapht" / "ReadGraphs.java"
    subprocess.run(
        [javac, "-d", str(tmp_path), "-cp", classpath, str(source)], check=True
    )
    G = nx.read_graphml(seeds_exports / "graph.graphml")
    weight = sum(w for *_, w in G.edges(data="weight"))
    for file, node in (
        ("graph.graphml", "municipality:0114"),
        ("graph.gexf", "municipality/0114"),
    ):
        done = subprocess.run(
            [
                require_tool("java"),
                "-cp",
                f"{tmp_path}:{classpath}",
                "ReadGraphs",
                str(seeds_exports / file),
                node,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.splitlines() == [
            f"nodes {G.number_of_nodes()}",
            f"edges {G.number_of_edges()}",
            f"weight {float(weight)}",
            "label Upplands Väsby",
        ]


@pytest.mark.slow
def test_a_2000_project_bank_validates(tmp_path: Path) -> None:
    from graphkit.build import build
    from tests.test_generate import generate_module

    generate_module.generate(2000, 3, tmp_path / "bank")
    build([tmp_path / "bank"], tmp_path / "out", analysis=False, jobs=2)
    _xmllint(GRAPHML_XSD, tmp_path / "out" / "graph.graphml")
    _xmllint(GEXF_XSD, tmp_path / "out" / "graph.gexf")


_X = "{http://www.gexf.net/1.2draft}"


def test_the_seeds_gexf_keeps_project_periods_as_time_intervals(
    seeds_exports: Path,
) -> None:
    root = ET.parse(seeds_exports / "graph.gexf").getroot()
    graph = root.find(f"{_X}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    with (seeds_exports / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        periods = {
            r["id"]: (r["start"] or None, r["end"] or None)
            for r in csv.DictReader(handle)
            if r["type"] == "project"
        }
    nodes = {n.get("id"): n for n in root.iter(f"{_X}node")}
    for project, period in periods.items():
        assert (nodes[project].get("start"), nodes[project].get("end")) == period
    assert sum(None not in p for p in periods.values()) >= 3  # the seeds have periods
    for edge in root.iter(f"{_X}edge"):
        project = next(
            e for e in (edge.get("source"), edge.get("target")) if e in periods
        )
        assert (edge.get("start"), edge.get("end")) == periods[project]
        if None in periods[project]:
            continue
        actor = nodes[
            edge.get("target") if project == edge.get("source") else edge.get("source")
        ]
        assert (
            str(actor.get("start")) <= periods[project][0]
        )  # an actor spans its projects
        assert str(actor.get("end")) >= periods[project][1]


def test_a_period_that_is_not_a_date_is_left_out_so_the_gexf_stays_valid(
    seeds_graph: Graph, tmp_path: Path
) -> None:
    from graphkit.network import project_actor_graph

    B = project_actor_graph(seeds_graph)
    project = next(
        n for n, a in B.nodes(data=True) if a["type"] == "project" and a.get("end")
    )
    B.nodes[project]["start"] = "våren 2015"
    files = exchange_files(B)
    (tmp_path / "g.gexf").write_bytes(files["network.gexf"])
    _xmllint(GEXF_XSD, tmp_path / "g.gexf")
    node = next(
        n
        for n in ET.fromstring(files["network.gexf"]).iter(f"{_X}node")
        if n.get("id") == project
    )
    assert node.get("start") is None and node.get("end") is not None
