"""Synthetic project–actor graphs → page size, Python time and browser layout time.

For each size (total nodes) it generates a seeded project–actor graph shaped like a
project bank (one project per six nodes, heavy-tailed participation, every role,
sectors, regions, programme areas, periods), writes the page with
:func:`graphkit.viz.network_page` (timed: that is the Python side, layout included),
then opens it in headless Chromium with the network blocked and reads
``data-gk-stable-ms`` (milliseconds from navigation until the layout is stable and
drawn: physics stabilised below the threshold, first frame with precomputed positions
above it). Then it times one role filter and one search-and-select (neighbourhood
highlight) in the page, to say whether the page is usable.

With ``--graphs`` it times instead what ``graphkit build`` does with its
project–actor graph (pickled networkx graphs, e.g. ``/tmp/shared_B/B100k.pickle``):
:func:`graphkit.viz.exchange_files` and :func:`graphkit.viz.network_page`, each
graph in a fresh process, with the peak memory they add; with Chromium at hand it
also opens the page.

Example (not executed)::

    python benchmarks/bench_viz.py                        # 100, 1k, 5k, 20k nodes
    python benchmarks/bench_viz.py --sizes 100 1000 --keep /tmp/pages
    python benchmarks/bench_viz.py --graphs /tmp/shared_B/B10k.pickle /tmp/shared_B/B100k.pickle
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphkit.viz import exchange_files, network_page
from graphkit.viz.data import LAYOUT_THRESHOLD

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository
from tests.browser import Chromium  # test infrastructure, not the package

SECTORS = (
    ("public", 0.3),
    ("social-economy", 0.45),
    ("private", 0.12),
    ("research", 0.05),
    ("european-network", 0.03),
    ("unknown", 0.05),
)
ROLES = (("partner", 0.5), ("group", 0.25), ("transnational", 0.08), ("mention", 0.17))
REGIONS = (
    "Stockholm",
    "Sydsverige",
    "Västsverige",
    "Östra Mellansverige",
    "Småland och öarna",
    "Norra Mellansverige",
    "Mellersta Norrland",
    "Övre Norrland",
)
AREAS = (
    "Programområde 1 Kompetensförsörjning",
    "Programområde 2 Ökat arbetskraftsutbud",
    "PO3 Socialt företagande",
)


def synthetic_graph(nodes: int, seed: int = 1) -> nx.Graph:
    """A seeded project–actor graph with about ``nodes`` nodes (all of them linked)."""
    rng = random.Random(f"viz/{nodes}/{seed}")
    n_projects = max(2, nodes // 6)
    n_actors = nodes - n_projects
    G = nx.Graph()
    actors = []
    for i in range(n_actors):
        sector = rng.choices([s for s, _ in SECTORS], [w for _, w in SECTORS])[0]
        municipality = sector == "public" and rng.random() < 0.4
        node = f"municipality/{i:04d}" if municipality else f"org/actor-{i:05d}"
        G.add_node(
            node,
            label=f"{'Kommun' if municipality else 'Förening'} {i}",
            type="municipality" if municipality else "organisation",
            actor_type="municipality" if municipality else "association",
            sector=sector,
            code=f"{i:04d}" if municipality else "",
            bipartite=1,
        )
        actors.append(node)
    popularity = [1 / (k + 1) ** 0.8 for k in range(n_actors)]  # heavy tail
    for p in range(n_projects):
        node = f"project/p-{p:05d}"
        start = rng.randint(2007, 2020)
        G.add_node(
            node,
            label=f"Projekt {p}: social ekonomi i samverkan",
            type="project",
            actor_type="",
            sector="",
            code="",
            bipartite=0,
            start=f"{start}-0{rng.randint(1, 9)}-01",
            end=f"{start + rng.randint(0, 3)}-12-31",
            programme_area=rng.choice(AREAS),
            phase="Genomförande",
            fund="ESF",
            region=rng.choice(REGIONS),
        )
        size = min(n_actors, 1 + int(rng.lognormvariate(1.2, 0.6)))
        members = set(rng.choices(actors, popularity, k=size))
        for k, actor in enumerate(sorted(members)):
            role = (
                "owner"
                if k == 0
                else rng.choices([r for r, _ in ROLES], [w for _, w in ROLES])[0]
            )
            G.add_edge(
                node,
                actor,
                role=role,
                roles=role,
                project=node,
                line=k + 10,
                document=f"corpus/page-{p:05d}.html",
            )
    projects = [n for n, t in G.nodes(data="type") if t == "project"]
    for actor in actors:
        if G.degree(actor) == 0:
            project = rng.choice(projects)
            G.add_edge(
                project,
                actor,
                role="partner",
                roles="partner",
                project=project,
                line=99,
                document=f"corpus/page-{project[-5:]}.html",
            )
    return G


USABLE = """
(() => {
  const t0 = performance.now();
  const box = [...document.querySelectorAll('#gk-filters label')]
    .find(l => l.textContent.trim() === 'mention').querySelector('input');
  box.click();
  const t1 = performance.now();
  const search = document.getElementById('gk-search');
  search.value = 'förening 1';
  search.dispatchEvent(new Event('input'));
  document.querySelector('#gk-results button').click();
  const t2 = performance.now();
  return {filterMs: Math.round(t1 - t0), selectMs: Math.round(t2 - t1)};
})()
"""


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_build_files(path: Path, page_path: Path) -> dict[str, float]:
    """Time ``exchange_files`` and ``network_page`` on one pickled graph (this process)."""
    with path.open("rb") as f:
        B = pickle.load(f)
    import igraph  # noqa: F401  (its import is not the build's cost)

    before = _peak_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    files = exchange_files(B)
    exchange = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    page = network_page(B).encode("utf-8")
    shown = (time.perf_counter() - wall, time.process_time() - cpu)
    page_path.write_bytes(page)
    return {
        "nodes": B.number_of_nodes(),
        "edges": B.number_of_edges(),
        "exchange_s": exchange[0],
        "exchange_cpu": exchange[1],
        "page_s": shown[0],
        "page_cpu": shown[1],
        "extra_mib": _peak_mib() - before,
        "gexf_mb": len(files["network.gexf"]) / 1e6,
        "graphml_mb": len(files["network.graphml"]) / 1e6,
        "page_mb": len(page) / 1e6,
    }


def build_files(paths: list[Path], out: Path) -> int:
    """Print a table row per pickled graph, each measured in a fresh process."""
    print(
        f"# {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; wall s (CPU s); extra = peak RSS added"
    )
    print(
        "| graph | nodes | edges | exchange_files s | network_page s | total s "
        "| extra peak MiB | GEXF MB | GraphML MB | page MB | page drawn in Chromium s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    chromium = shutil.which("chromium")
    for path in paths:
        page_path = out / f"{path.stem}.html"
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(path), str(page_path)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout.splitlines()[-1])
        drawn = "–"
        if chromium is not None:
            with Chromium(chromium) as browser:
                result = browser.open(page_path, timeout=600, wait_for=STABLE)
            if result.errors or "gkError" in result.value:
                print(f"errors: {result.errors} {result.value}", file=sys.stderr)
                return 1
            drawn = f"{int(result.value['gkStableMs']) / 1000:.1f}"
        print(
            f"| {path.stem} | {r['nodes']:,} | {r['edges']:,} "
            f"| {r['exchange_s']:.1f} ({r['exchange_cpu']:.1f}) "
            f"| {r['page_s']:.1f} ({r['page_cpu']:.1f}) "
            f"| {r['exchange_s'] + r['page_s']:.1f} | {r['extra_mib']:,.0f} "
            f"| {r['gexf_mb']:.0f} | {r['graphml_mb']:.0f} | {r['page_mb']:.1f} "
            f"| {drawn} |",
            flush=True,
        )
    return 0


STABLE = (
    "document.body.dataset.gkStatus === 'stable' && "
    "Object.assign({}, document.body.dataset)"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Keep the pages in this folder.")
    parser.add_argument(
        "--graphs",
        type=Path,
        nargs="+",
        help="Time exchange_files and network_page on these pickled graphs.",
    )
    parser.add_argument("--measure", type=Path, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_build_files(*args.measure)))
        return 0
    if args.graphs:
        out = args.keep or Path(tempfile.mkdtemp(prefix="graphkit-bench-viz-"))
        out.mkdir(parents=True, exist_ok=True)
        code = build_files(args.graphs, out)
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
        return code
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    out = args.keep or Path(tempfile.mkdtemp(prefix="graphkit-bench-viz-"))
    out.mkdir(parents=True, exist_ok=True)
    print(
        f"# {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, layout threshold {LAYOUT_THRESHOLD} nodes"
    )
    print(
        "| nodes | edges | layout | page MB | Python s | stable in Chromium s "
        "| filter ms | search+select ms |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    with Chromium(chromium) as browser:
        for size in args.sizes:
            G = synthetic_graph(size, args.seed)
            started = time.perf_counter()
            page = network_page(G, title=f"Synthetic {size}")
            python_s = time.perf_counter() - started
            path = out / f"synthetic-{size}.html"
            path.write_text(page, encoding="utf-8")
            result = browser.open(
                path,
                timeout=300,
                script=USABLE,
                wait_for=STABLE,
            )
            stable, usable = result.value, result.script_value
            if result.errors or result.external_requests:
                print(
                    f"errors: {result.errors} requests: {result.external_requests}",
                    file=sys.stderr,
                )
                return 1
            drawn = int(stable["gkNodes"])
            assert drawn == G.number_of_nodes(), (drawn, G.number_of_nodes())
            layout = "physics" if size <= LAYOUT_THRESHOLD else "precomputed"
            print(
                f"| {drawn:,} | {int(stable['gkEdges']):,} | {layout} "
                f"| {len(page.encode()) / 1e6:.1f} | {python_s:.1f} "
                f"| {int(stable['gkStableMs']) / 1000:.1f} | {usable['filterMs']} "
                f"| {usable['selectMs']} |",
                flush=True,
            )
    if args.keep is None:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
