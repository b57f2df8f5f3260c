"""Tests for graphkit.viz: network pages (offline, safe, drawn) and exchange files."""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph, Literal

from graphkit.cli import cli
from graphkit.errors import ExportError
from graphkit.rdf import ID
from graphkit.viz import (
    exchange_files,
    export_graph,
    network_data,
    network_page,
    network_view,
    read_measure_graphs,
    read_measures,
    render_page,
    script_json,
    select_graph,
)
from graphkit.viz.formats import graphml_id
from tests.conftest import require_tool

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"

#: Each payload sets a DOM marker if it ever runs.
MARK = "document.body.dataset.pwned"
PAYLOADS = {
    "org/coompanion-sverige": f"<img src=x onerror=\"{MARK}='img'\">",
    "org/arbetsformedlingen": f"<a href=\"javascript:{MARK}='href'\">AF</a>",
    "org/slup-se": f"</script><script>{MARK}='script'</script>",
    "org/skoopi": f"Skoopi\u2028<svg onload=\"{MARK}='svg'\">\u2029",
}


@pytest.fixture(scope="module")
def poisoned_graph(seeds_graph: Graph) -> Graph:
    """The seeds graph with actor names that would run script if shown as HTML."""
    graph = Graph()
    for triple in seeds_graph:
        graph.add(triple)
    for node, payload in PAYLOADS.items():
        assert (ID[node], None, None) in graph, node
        graph.set((ID[node], RDFS.label, Literal(payload)))
    return graph


# -- data and selection ------------------------------------------------------------


def test_script_json_escapes_what_ends_a_script() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029 >"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_coverage_is_off_by_default(seeds_graph: Graph) -> None:
    plain = select_graph(seeds_graph)
    covered = select_graph(seeds_graph, with_coverage=True)
    assert "covers" not in {role for *_, role in plain.edges(data="role")}
    assert "covers" in {role for *_, role in covered.edges(data="role")}
    assert covered.number_of_nodes() > plain.number_of_nodes()


def test_data_has_every_node_and_edge_of_the_graph(seeds_graph: Graph) -> None:
    G = select_graph(seeds_graph)
    data = network_data(seeds_graph)
    assert data["nodes"]["id"] == list(G)
    assert len(data["edges"]["from"]) == G.number_of_edges()
    assert data["meta"]["physics"] is True and data["nodes"]["x"] is None


def test_actor_projection_ties_actors_by_shared_projects(seeds_graph: Graph) -> None:
    P = select_graph(seeds_graph, projection="actors")
    assert {t for _, t in P.nodes(data="type")} <= {"organisation", "municipality"}
    assert all(e["weight"] >= 1 and e["role"] for *_, e in P.edges(data=True))
    assert {role for *_, role in P.edges(data="role")} <= {
        "owner",
        "partner",
        "transnational",
        "group",
    }  # mentions are not ties
    M = select_graph(seeds_graph, projection="actors", with_mentions=True)
    assert M.number_of_edges() > P.number_of_edges()
    B = select_graph(seeds_graph)
    assert "mention" in {role for *_, role in B.edges(data="role")}


def test_ego_keeps_one_actors_neighbourhood(seeds_graph: Graph) -> None:
    data = network_data(seeds_graph, ego="Coompanion Sverige", depth=1)
    ids = data["nodes"]["id"]
    assert "org/coompanion-sverige" in ids
    assert {i.split("/")[0] for i in ids} == {"org", "project"}
    assert data["meta"]["notes"][0].startswith("Network of Coompanion Sverige within 1")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ego": "Coompanion"}, "'Coompanion' is ambiguous: Coompanion Kooperativ"),
        ({"ego": "Ingen Sådan Förening"}, "no node is called 'Ingen Sådan Förening'"),
        ({"size_by": "eigenvector"}, "unknown measure 'eigenvector'"),
        ({"projection": "municipalities"}, "unknown projection 'municipalities'"),
    ],
)
def test_bad_options_raise_export_errors(
    seeds_graph: Graph, options: dict[str, str], message: str
) -> None:
    with pytest.raises(ExportError, match=re.escape(message)):
        network_data(seeds_graph, **options)  # type: ignore[arg-type]


def test_top_keeps_the_most_central_actors_and_says_what_is_left_out(
    seeds_graph: Graph,
) -> None:
    data = network_data(seeds_graph, top=5, size_by="degree")
    kinds = [data["kinds"][k] for k in data["nodes"]["kind"]]
    assert sum(k != "project" for k in kinds) == 5
    assert data["meta"]["notes"][0].startswith("Showing the 5 most central of ")
    assert "left out:" in data["meta"]["notes"][0]


def test_big_graphs_get_precomputed_positions(seeds_graph: Graph) -> None:
    data = network_data(seeds_graph, layout_threshold=10)
    assert data["meta"]["physics"] is False
    assert len(data["nodes"]["x"]) == len(data["nodes"]["id"])
    assert data == network_data(seeds_graph, layout_threshold=10)  # seeded


def test_measures_from_an_analysis_table_size_the_nodes(
    seeds_exports: Path, seeds_graph: Graph, tmp_path: Path
) -> None:
    (tmp_path / "centrality.csv").write_text(
        "id,label,eigenvector\norg/coompanion-sverige,Coompanion Sverige,0.9\n",
        encoding="utf-8",
    )
    measures = read_measures(tmp_path)
    assert measures == {"eigenvector": {"org/coompanion-sverige": 0.9}}
    data = network_data(seeds_graph, size_by="eigenvector", measures=measures)
    sizes = dict(zip(data["nodes"]["id"], data["nodes"]["size"], strict=True))
    assert sizes["org/coompanion-sverige"] == max(sizes.values())
    assert read_measures(seeds_exports) == {} or "degree" not in read_measures(tmp_path)
    assert data["meta"]["measureLabels"]["eigenvector"] == (
        "eigenvector (centrality.csv)"  # the table does not say its graph
    )


def test_measures_are_named_with_the_graph_their_table_gives(
    seeds_graph: Graph, tmp_path: Path
) -> None:
    (tmp_path / "centrality.csv").write_text(
        "actor,label,community,pagerank,betweenness,two_mode_betweenness,graph\n"
        "org/coompanion-sverige,Coompanion Sverige,1,0.2,0.5,0.1,"
        '"actor–actor, roles owner, partner"\n',
        encoding="utf-8",
    )
    measures = read_measures(tmp_path)
    assert sorted(measures) == ["betweenness", "pagerank", "two_mode_betweenness"]
    assert read_measure_graphs(tmp_path) == {
        "pagerank": "actor–actor, roles owner, partner",
        "betweenness": "actor–actor, roles owner, partner",
        "two_mode_betweenness": "project–actor, roles owner, partner",
    }
    data = network_data(
        seeds_graph, measures=measures, measure_tables=read_measure_graphs(tmp_path)
    )
    labels = data["meta"]["measureLabels"]
    assert labels["pagerank"] == "pagerank (actor–actor, roles owner, partner)"
    assert labels["two_mode_betweenness"] == (
        "two_mode_betweenness (project–actor, roles owner, partner)"
    )
    # the page computes its own betweenness, on the graph it draws
    assert (
        labels["betweenness"] == "betweenness (project–actor, active roles + mentions)"
    )


# -- the page as text --------------------------------------------------------------


def test_page_is_self_contained_and_locked_down(seeds_graph: Graph) -> None:
    page = network_page(seeds_graph)
    assert "<link" not in page and "@import" not in page
    assert not re.search(
        r"""(src|href|action|srcset|poster)\s*=\s*["']?\s*(https?:)?//""", page, re.I
    )
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", page, re.I)
    assert re.findall(r"<script[^>]*\bsrc=", page) == []
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp[1] and "connect-src 'none'" in csp[1]
    assert "unsafe-inline" not in csp[1].split("script-src", 1)[1].split(";")[0]


def test_page_is_the_same_for_the_same_graph(seeds_graph: Graph) -> None:
    assert network_page(seeds_graph) == network_page(seeds_graph)


def test_page_never_carries_a_payload_as_markup(poisoned_graph: Graph) -> None:
    page = network_page(poisoned_graph, title="<b>Titel</b> & co")
    for payload in PAYLOADS.values():
        assert payload not in page
    assert "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;b&gt;Titel&lt;/b&gt; &amp; co" in page
    assert "\u2028" not in page and "\u2029" not in page


def test_notebook_view_is_a_sandboxed_iframe(seeds_exports: Path) -> None:
    view = network_view(seeds_exports, projection="actors")
    frame = view._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in frame and "allow-same-origin" not in frame
    assert "<script" not in frame


def test_cli_writes_the_page(seeds_exports: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(
        cli,
        [
            "viz",
            str(seeds_exports),
            "-o",
            str(out),
            "--projection",
            "actors",
            "--top",
            "10",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert " nodes, " in result.stderr


def test_cli_reports_a_bad_measure(seeds_exports: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "viz",
            str(seeds_exports / "graph.nt"),
            "-o",
            str(tmp_path / "p.html"),
            "--size-by",
            "eigenvector",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: unknown measure 'eigenvector'; known: degree, projects, betweenness"
    )


# -- exchange files ----------------------------------------------------------------


def _same(a: object, b: object) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def test_gexf_and_graphml_load_back_with_every_attribute(seeds_graph: Graph) -> None:
    G = export_graph(seeds_graph)
    files = exchange_files(seeds_graph)
    for name, read in (
        ("network.gexf", nx.read_gexf),
        ("network.graphml", nx.read_graphml),
    ):
        R = read(io.BytesIO(files[name]))
        if read is nx.read_graphml:  # GraphML ids are NMTOKENs
            R = nx.relabel_nodes(R, {graphml_id(n): n for n in G})
        assert set(R) == set(G), name
        for node, attrs in G.nodes(data=True):
            for key, value in attrs.items():
                assert _same(R.nodes[node][key], value), (name, node, key)
        assert R.number_of_edges() == G.number_of_edges()
        for u, v, attrs in G.edges(data=True):
            for key, value in attrs.items():
                assert _same(R.edges[u, v][key], value), (name, u, v, key)


def test_export_without_coverage_is_the_graph_of_the_other_roles(
    seeds_graph: Graph,
) -> None:
    from graphkit.network import project_actor_graph, restrict_roles
    from graphkit.records import ROLES, ranked

    others = [r for r in ROLES if r != "covers"]
    R = restrict_roles(project_actor_graph(seeds_graph, ROLES), others)
    G = export_graph(seeds_graph, with_coverage=False)
    assert list(G) == list(R)
    joined = [(u, v, ";".join(ranked(r))) for u, v, r in R.edges(data="roles")]
    assert list(G.edges(data="roles")) == joined  # joined where GraphML is written


def test_gexf_has_time_intervals_from_project_periods(seeds_graph: Graph) -> None:
    gexf = exchange_files(seeds_graph)["network.gexf"].decode("utf-8")
    assert 'mode="dynamic"' in gexf and 'timeformat="date"' in gexf
    assert (
        re.search(
            r'<node id="project/kompetent-social-ekonomi-76db68ab"[^>]*'
            r'start="2009-05-01"',
            gexf,
        )
        or 'start="2009-05-01"' in gexf
    )
    assert "<viz:color" in gexf and "<viz:position" in gexf


def test_exchange_files_are_byte_identical_for_the_same_graph(
    seeds_graph: Graph,
) -> None:
    assert exchange_files(seeds_graph) == exchange_files(seeds_graph)


SAME_BYTES = """
import hashlib, pickle, sys
from graphkit.viz import exchange_files, network_page
B = pickle.loads(sys.stdin.buffer.read())
files = exchange_files(B) | {
    "network.html": network_page(B).encode(),
    "top.html": network_page(B, top=4).encode(),
    "ego.html": network_page(B, ego="org/coompanion-sverige", depth=1).encode(),
}
print({name: hashlib.sha256(data).hexdigest() for name, data in files.items()})
"""


@pytest.mark.slow
def test_files_and_pages_are_the_same_whatever_the_hash_seed(
    seeds_graph: Graph,
) -> None:
    """Set order follows PYTHONHASHSEED; nothing written may depend on it."""
    from graphkit.network import project_actor_graph
    from graphkit.records import ROLES

    B = pickle.dumps(project_actor_graph(seeds_graph, ROLES))
    runs = {
        subprocess.run(
            [sys.executable, "-c", SAME_BYTES],
            input=B,
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


def test_vosviewer_files_describe_the_collaboration_network(
    poisoned_graph: Graph,
) -> None:
    files = exchange_files(poisoned_graph)
    document = json.loads(files["vosviewer.json"])
    items, links = document["network"]["items"], document["network"]["links"]
    ids = {item["id"] for item in items}
    assert links and all(
        {link["source_id"], link["target_id"]} <= ids for link in links
    )
    assert all("<" not in item["description"] for item in items)
    map_lines = files["vosviewer-map.txt"].decode("utf-8").splitlines()
    assert map_lines[0].startswith("id\tlabel\tcluster\tweight<Links>")
    assert len(map_lines) == len(items) + 1
    assert all(line.count("\t") == 5 for line in map_lines)
    assert len(files["vosviewer-network.txt"].decode().splitlines()) == len(links)


# -- the page in a browser ----------------------------------------------------------

STABLE = (
    "document.body.dataset.gkStatus === 'stable'"
    " && Object.assign({}, document.body.dataset)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium with the network blocked, shared by the browser tests."""
    binary = require_tool("chromium")
    from tests.browser import Chromium

    with Chromium(binary) as chromium:
        yield chromium


def test_seeds_page_draws_offline_without_errors(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    page = tmp_path / "seeds.html"
    page.write_text(network_page(seeds_graph, title="Seeds"), encoding="utf-8")
    result = browser.open(page, wait_for=STABLE, screenshot=True)  # type: ignore[attr-defined]
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "seeds-network.png").write_bytes(result.screenshot)
    G = select_graph(seeds_graph)
    assert int(result.value["gkNodes"]) == G.number_of_nodes()
    assert int(result.value["gkEdges"]) == G.number_of_edges()
    assert "gkError" not in result.value
    assert result.errors == []
    assert result.external_requests == []
    assert all(url.startswith(("file:", "data:")) for url in result.requests)


TOOLTIP = """
(() => {
  const ids = gk.data.nodes.id;
  return {actor: gk.nodeTitle(ids.indexOf('org/coompanion-sverige')),
          project: gk.nodeTitle(ids.findIndex(i => i.startsWith('project/soul-')))};
})()
"""


def test_tooltips_are_plain_text_with_provenance(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    page = tmp_path / "tips.html"
    page.write_text(network_page(seeds_graph), encoding="utf-8")
    result = browser.open(page, wait_for=STABLE, script=TOOLTIP)  # type: ignore[attr-defined]
    tip = result.script_value["actor"]
    assert tip.startswith("Coompanion Sverige\ncooperative · social-economy\n")
    # the bare "Coompanion" of seed 000 is its owner (Coompanion Stockholms län) now
    assert "projects (1): Hållbara stödstrukturer för ASF" in tip
    assert re.search(r"source: \S*seeds/00\d_\w+\.txt:\d+", tip)
    assert "(on the project–actor, active roles + mentions graph)" in tip
    assert tip.endswith("\nid: actor:coompanion-sverige")  # pastes into a query
    project = result.script_value["project"].splitlines()
    assert project[:2] == [
        "SOUL Sociala ekonomins organisationer i Utveckling och Lärande",
        "project",
    ]
    assert "period: 2009-02-02 – 2012-01-31" in project
    assert "programme area: Programområde 1 Kompetensförsörjning" in project
    assert re.fullmatch(r"actors: \d+", project[project.index("fund: ESF") + 3])
    assert result.errors == []


def test_big_layout_page_draws_without_physics(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    page = tmp_path / "covered.html"
    page.write_text(
        network_page(seeds_graph, with_coverage=True, layout_threshold=50),
        encoding="utf-8",
    )
    result = browser.open(page, wait_for=STABLE)  # type: ignore[attr-defined]
    G = select_graph(seeds_graph, with_coverage=True)
    assert int(result.value["gkNodes"]) == G.number_of_nodes()
    assert result.errors == [] and result.external_requests == []


FILTER_SCRIPT = """
(() => {
  const shown = () => gk.edges.get({filter: e => !e.hidden}).length;
  const before = shown();
  const box = [...document.querySelectorAll('#gk-filters label')]
    .find(l => l.textContent.trim() === 'group').querySelector('input');
  box.click();
  const afterRole = shown();
  box.click();
  const search = document.getElementById('gk-search');
  search.value = 'coompanion';
  search.dispatchEvent(new Event('input'));
  const hits = document.querySelectorAll('#gk-results button').length;
  document.querySelector('#gk-results button').click();
  const info = document.querySelector('#gk-info h3').textContent;
  const dimmed = gk.nodes.get({filter: n => n.color === '#dddddd'}).length;
  return {before, afterRole, restored: shown(), hits, info, dimmed};
})()
"""


def test_filters_search_and_neighbourhood_work(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    page = tmp_path / "explore.html"
    page.write_text(network_page(seeds_graph), encoding="utf-8")
    result = browser.open(page, wait_for=STABLE, script=FILTER_SCRIPT)  # type: ignore[attr-defined]
    value = result.script_value
    assert value["afterRole"] < value["before"] == value["restored"]
    assert value["hits"] == 4
    assert value["info"].startswith("Coompanion")
    assert value["dimmed"] > 0
    assert result.errors == []


ATTACK_SCRIPT = """
new Promise(resolve => {
  const ids = gk.data.nodes.id;
  const target = ids.indexOf('org/coompanion-sverige');
  const centre = gk.network.getPosition(target);
  gk.network.moveTo({position: centre, scale: 1, animation: false});
  setTimeout(() => {
    const canvas = document.querySelector('#gk-network canvas');
    const box = canvas.getBoundingClientRect();
    const at = gk.network.canvasToDOM(gk.network.getPosition(target));
    canvas.dispatchEvent(new MouseEvent('mousemove', {bubbles: true,
      clientX: box.left + at.x, clientY: box.top + at.y}));
    setTimeout(() => {
      const tip = document.querySelector('div.vis-tooltip');
      gk.select(ids.indexOf('org/arbetsformedlingen'));
      const search = document.getElementById('gk-search');
      search.value = 'script';
      search.dispatchEvent(new Event('input'));
      setTimeout(() => resolve({
        pwned: document.body.dataset.pwned || null,
        images: document.querySelectorAll('img, svg, iframe, object').length,
        scripts: document.scripts.length,
        jsLinks: document.querySelectorAll('a[href^="javascript"]').length,
        tooltip: tip ? tip.textContent : null,
        tooltipTags: tip
          ? [...new Set([...tip.querySelectorAll('*')].map(e => e.tagName))] : null,
        info: document.querySelector('#gk-info h3').textContent,
        results: [...document.querySelectorAll('#gk-results button')]
          .map(b => b.textContent),
      }), 500);
    }, 800);
  }, 100);
})
"""


def test_injected_payloads_show_as_text_and_never_run(
    browser: object, poisoned_graph: Graph, tmp_path: Path
) -> None:
    page = tmp_path / "poisoned.html"
    page.write_text(
        network_page(poisoned_graph, title=PAYLOADS["org/skoopi"]), encoding="utf-8"
    )
    result = browser.open(page, wait_for=STABLE, script=ATTACK_SCRIPT)  # type: ignore[attr-defined]
    value = result.script_value
    assert value["pwned"] is None
    assert value["images"] == 0 and value["jsLinks"] == 0
    assert value["scripts"] == 4  # data, style, vis-network, page
    assert value["tooltip"] is not None
    assert value["tooltipTags"] in ([], ["BR"])  # vis sets innerText: lines become <br>
    assert value["tooltip"].startswith(PAYLOADS["org/coompanion-sverige"])
    assert value["info"] == PAYLOADS["org/arbetsformedlingen"]
    assert PAYLOADS["org/slup-se"] in value["results"]
    assert result.errors == [] and result.external_requests == []


def test_a_project_actor_graph_gives_the_same_page_data(seeds_graph: Graph) -> None:
    from graphkit.network import project_actor_graph
    from graphkit.records import ROLES

    B = project_actor_graph(seeds_graph, ROLES)
    assert network_data(B) == network_data(seeds_graph)
    assert network_data(B, projection="actors") == network_data(
        seeds_graph, projection="actors"
    )


def test_too_big_graphs_keep_their_most_central_actors(seeds_graph: Graph) -> None:
    total = select_graph(seeds_graph, with_coverage=True).number_of_nodes()
    data = network_data(seeds_graph, with_coverage=True, max_nodes=100)
    assert len(data["nodes"]["id"]) < 150 < total
    assert data["meta"]["notes"][0].startswith(
        f"The graph has {total} nodes, more than"
    )
    assert data["meta"]["notes"][1].startswith("Showing the ")


def test_notebook_frame_draws_and_tells_its_host(
    browser: object, seeds_exports: Path, seeds_graph: Graph, tmp_path: Path
) -> None:
    frame = network_view(seeds_exports)._repr_html_()
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><body><script>addEventListener('message', e => {"
        " document.body.dataset.frame = JSON.stringify(e.data); });</script>"
        f"{frame}</body></html>",
        encoding="utf-8",
    )
    result = browser.open(host, wait_for="document.body.dataset.frame")  # type: ignore[attr-defined]
    G = select_graph(seeds_graph)
    assert json.loads(result.value) == {
        "graphkit": "stable",
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
    }
    assert result.errors == [] and result.external_requests == []


def test_a_hundred_thousand_projects_fit_the_period_filter(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    """The years of every project of the actors drawn (a 100,000-project build's)."""
    data = network_data(seeds_graph)
    count = 100_000
    data["projects"] = {
        "region": [-1] * count,
        "area": [-1] * count,
        "start": [2000 + i % 20 for i in range(count)],
        "end": [2003 + i % 20 for i in range(count)],
        "label": [f"Projekt {i}" for i in range(count)],
        "fund": [-1] * count,
        "phase": [-1] * count,
        "period": [None] * count,
        "actors": [1] * count,
    }
    page = tmp_path / "years.html"
    page.write_text(render_page(data), encoding="utf-8")
    result = browser.open(  # type: ignore[attr-defined]
        page,
        wait_for=STABLE,
        script="[document.getElementById('gk-year').min,"
        " document.getElementById('gk-year').max]",
    )
    assert "gkError" not in result.value and result.errors == []
    assert result.script_value == ["1999", "2022"]  # 1999: all years


def test_empty_graph_gives_an_empty_page(browser: object, tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text(network_page(Graph()), encoding="utf-8")
    result = browser.open(page, wait_for=STABLE)  # type: ignore[attr-defined]
    assert result.value["gkNodes"] == "0" and result.errors == []


CSP_PROBE = """
new Promise(resolve => {
  document.body.insertAdjacentHTML('beforeend',
    '<img src="x.png" onerror="document.body.dataset.csp = 1">' +
    '<img src="data:," onerror="document.body.dataset.csp = 2">');
  const s = document.createElement('script');
  s.textContent = 'document.body.dataset.csp = 3';
  document.body.appendChild(s);
  fetch('https://example.org/').catch(() => {}).finally(() =>
    setTimeout(() => resolve(document.body.dataset.csp || null), 300));
})
"""


def test_csp_stops_markup_that_slipped_in(
    browser: object, seeds_graph: Graph, tmp_path: Path
) -> None:
    """A second line of defence: even markup injected by a bug cannot run or fetch."""
    page = tmp_path / "csp.html"
    page.write_text(network_page(seeds_graph), encoding="utf-8")
    result = browser.open(page, wait_for=STABLE, script=CSP_PROBE)  # type: ignore[attr-defined]
    assert result.script_value is None
    assert result.external_requests == []
    assert any("Content Security Policy" in e for e in result.errors)
