"""Synthetic project–actor graphs → page size, Python time and browser layout time.

For each size (total nodes) it generates a seeded project–actor graph shaped like a
project bank (one project per six nodes, heavy-tailed participation, every role,
sectors, regions, programme areas, periods), writes the page with
:func:`graphkit.viz.network_page` (timed: that is the Python side, layout included),
then opens it in headless Chromium with the network blocked and reads
``data-gk-stable-ms`` (milliseconds from navigation until the layout is stable and
drawn: physics stabilised below the threshold, first frame with precomputed positions
above it) and ``data-gk-presented-ms`` (that frame on screen), each run in a new
Chromium (a first visit: no shaders compiled before). Then it times one role filter
and one search-and-select (neighbourhood highlight) in the page, to say whether the
page is usable.

With ``--graphs`` it times instead what ``graphkit build`` does with its
project–actor graph (pickled networkx graphs, e.g. ``/tmp/shared_B/B100k.pickle``):
:func:`graphkit.viz.exchange_files` and :func:`graphkit.viz.network_page`, each
graph in a fresh process, with the peak memory they add; with Chromium at hand it
also opens the page.

Example (not executed)::

    python benchmarks/bench_viz.py                        # 1k … 50k nodes, renderer auto
    python benchmarks/bench_viz.py --sizes 2000 5000 --renderers vis sigma --runs 3
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

from graphkit.records import Role, role_set
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
    G: nx.Graph = nx.Graph()
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
                role=Role(role),
                roles=role_set([role]),
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
                role=Role.PARTNER,
                roles=role_set(["partner"]),
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


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def page_runs(
    chromium: str, path: Path, nodes: int, runs: int
) -> dict[str, list[float]] | str:
    """Open ``path`` ``runs`` times, each in a new Chromium: what a first visit sees.

    A new browser per run: none reuses the shaders another compiled, so every
    run is a cold start, as when someone opens the page. Returns the first-frame
    and on-screen ms, filter ms, search+select ms, the page's phases and the load.
    """
    found: dict[str, list[float]] = {"stable": [], "filter": [], "select": []}
    loads = []
    for _ in range(runs):
        loads.append(os.getloadavg()[0])
        with Chromium(chromium) as browser:
            result = browser.open(path, timeout=300, script=USABLE, wait_for=PRESENTED)
        stable, usable = result.value, result.script_value
        if result.errors or result.external_requests or "gkError" in stable:
            return f"errors: {result.errors} requests: {result.external_requests}"
        drawn = int(stable["gkNodes"])
        if drawn != nodes:
            return f"drew {drawn} of {nodes} nodes"
        found["stable"].append(int(stable["gkStableMs"]))
        found.setdefault("presented", []).append(int(stable["gkPresentedMs"]))
        found["filter"].append(usable["filterMs"])
        found["select"].append(usable["selectMs"])
        found.setdefault("edges", []).append(int(stable["gkEdges"]))
        for phase, ms in json.loads(stable["gkPhases"]).items():
            found.setdefault(f"phase {phase}", []).append(ms)
    found["load"] = loads
    return found


def page_table(chromium: str, args: argparse.Namespace, out: Path) -> int:
    """Print one table row per size and renderer (1 when a page fails), then phases."""
    phases = []
    for size in args.sizes:
        G = synthetic_graph(size, args.seed)
        for renderer in args.renderers:
            started = time.perf_counter()
            page = network_page(G, title=f"Synthetic {size}", renderer=renderer)
            python_s = time.perf_counter() - started
            path = out / f"synthetic-{size}-{renderer}.html"
            path.write_text(page, encoding="utf-8")
            found = page_runs(chromium, path, G.number_of_nodes(), args.runs)
            if isinstance(found, str):
                print(found, file=sys.stderr)
                return 1
            used = "sigma" if "gkvendor" in page else "vis"
            mb = len(page.encode()) / 1e6

            def cell(key: str, scale: float, digits: int) -> str:
                v = found[key]  # noqa: B023  (used at once)
                return (
                    f"{_median(v) / scale:.{digits}f} "
                    f"({min(v) / scale:.{digits}f}–{max(v) / scale:.{digits}f})"
                )

            print(
                f"| {G.number_of_nodes():,} | {int(found['edges'][0]):,} | {used} "
                f"| {mb:.1f} | {mb * 10_000 / size:.1f} | {python_s:.1f} "
                f"| {cell('stable', 1000, 2)} | {cell('presented', 1000, 2)} "
                f"| {cell('filter', 1, 0)} "
                f"| {cell('select', 1, 0)} | {cell('load', 1, 1)} |",
                flush=True,
            )
            names = [k.removeprefix("phase ") for k in found if k.startswith("phase ")]
            row = " | ".join(f"{_median(found['phase ' + k]):.0f}" for k in names)
            phases.append((f"| {size:,} | {used} | {row} |", names))
    if phases:
        print("\nWhere the first frame's time goes (median ms from navigation):\n")
        print(
            "| nodes | renderer | "
            + " | ".join(PHASES.get(k, k) for k in phases[0][1])
            + " |"
        )
        print("|---:|---|" + "---:|" * len(phases[0][1]))
        print("\n".join(row for row, _ in phases), flush=True)
    return 0


#: What the page's ``data-gk-phases`` mean (ms from navigation when each ended).
PHASES = {
    "script": "HTML read, script starts",
    "parsed": "data parsed",
    "renderer": "renderer made (sigma: first frame drawn)",
    "controls": "controls made",
}

#: The first frame drawn and on screen (two animation frames after it was drawn).
PRESENTED = (
    "document.body.dataset.gkPresentedMs && Object.assign({}, document.body.dataset)"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 20000, 50000]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--renderers",
        nargs="+",
        default=["auto"],
        choices=["auto", "vis", "sigma"],
        help="Which renderer(s) to time at each size.",
    )
    parser.add_argument("--runs", type=int, default=5, help="Browser runs per page.")
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
        f"{platform.python_version()}, layout threshold {LAYOUT_THRESHOLD} nodes, "
        f"{args.runs} browser runs per page (median, then min–max), {_load()}"
    )
    print(
        "| nodes | edges | renderer | page MB | MB per 10k nodes | Python s "
        "| first frame drawn s | on screen s | filter ms | search+select ms "
        "| load (1 min) |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    code = page_table(chromium, args, out)
    if code:
        return code
    if args.keep is None:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
