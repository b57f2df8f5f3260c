"""Synthetic project-actor graphs -> analysis times, networkx against the igraph path.

Generates a seeded bipartite project-actor graph shaped like a project bank: about
0.8 actors per project, actors drawn with Zipf weights (a few actors in hundreds of
projects, most in one), one owner and a geometric number of partners per project,
some transnational and group roles, 1-5 covered municipalities per project and one
national project in a hundred covering all 290 (coverage must not enter the
projection), sectors, phases, periods, ESF regions and programme areas. Then it times
each stage of :func:`graphkit.analysis.analyze_network` with each backend.

``--graphs`` times pickled project-actor graphs instead (a real build's
``network``, e.g. made by ``graphkit.network.project_actor_graph``):
:func:`graphkit.analysis.analysis_files` as ``graphkit build`` calls it (garbage
collector on), then each stage, with the peak memory (one graph per run for a
clean peak).

Example (not executed)::

    python benchmarks/bench_analysis.py                      # 1k and 10k projects
    python benchmarks/bench_analysis.py --sizes 1000 --backends igraph
    python benchmarks/bench_analysis.py --large              # adds 100k (igraph only)
    python benchmarks/bench_analysis.py --graphs /tmp/shared_B/B10k.pickle
"""

from __future__ import annotations

import argparse
import bisect
import gc
import itertools
import os
import pickle
import platform
import random
import resource
import sys
import time
from pathlib import Path

import networkx as nx

from graphkit.analysis import analysis_files, analyze_network
from graphkit.analysis.brokerage import (
    TWO_MODE_LIMIT,
    brokerage_roles,
    structural_holes,
    two_mode_betweenness,
)
from graphkit.analysis.centrality import centrality
from graphkit.analysis.communities import communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.gaps import coverage_gaps, prestudies_without_follow_up
from graphkit.analysis.geography import Geography, gazetteer_geography
from graphkit.analysis.suggest import suggested_ties
from graphkit.network import actor_projection, restrict_roles
from graphkit.records import ACTIVE_ROLES, role_set

SECTORS = (
    ("social-economy", 0.45),
    ("public", 0.3),
    ("private", 0.12),
    ("research", 0.05),
    ("european-network", 0.05),
    ("unknown", 0.03),
)
REGIONS = (
    "Stockholm",
    "Östra Mellansverige",
    "Småland och öarna",
    "Sydsverige",
    "Västsverige",
    "Norra Mellansverige",
    "Mellersta Norrland",
    "Övre Norrland",
)
AREAS = (
    "Programområde 1 Kompetensförsörjning",
    "Programområde 2 Ökat arbetskraftsutbud",
    "Programområde 3 Integration",
)


def geography() -> Geography:
    """The real 290 municipalities, 21 counties and 8 ESF regions."""
    return gazetteer_geography()


def synthetic_bipartite(projects: int, seed: int = 1) -> nx.Graph:
    """A seeded project-actor graph with a heavy-tailed actor distribution."""
    rng = random.Random(seed)
    municipalities = sorted(geography().municipalities)
    actors = max(10, int(projects * 0.8))
    cumulative = list(
        itertools.accumulate(1.0 / (rank + 1) ** 1.1 for rank in range(actors))
    )
    total = cumulative[-1]
    B = nx.Graph()
    names = [sector for sector, _ in SECTORS]
    weights = [w for _, w in SECTORS]
    for a in range(actors):
        B.add_node(
            f"org/a{a:06d}",
            label=f"Aktör {a}",
            type="organisation",
            actor_type="unknown",
            sector=rng.choices(names, weights)[0],
            code="",
            bipartite=1,
        )
    for m in municipalities:
        B.add_node(
            m,
            label=m,
            type="municipality",
            actor_type="municipality",
            sector="public",
            code=m[-4:],
            bipartite=1,
        )
    for p in range(projects):
        year = rng.randint(2008, 2022)
        project = f"project/p{p:07d}"
        B.add_node(
            project,
            label=f"Projekt {p}",
            type="project",
            actor_type="",
            sector="",
            code="",
            start=f"{year}-0{rng.randint(1, 9)}-01",
            end=f"{year + 2}-12-31",
            programme_area=rng.choice(AREAS),
            phase="Förprojektering" if rng.random() < 0.2 else "Genomförande",
            fund="ESF",
            region=rng.choice(REGIONS),
            bipartite=0,
        )
        size = 1 + min(30, int(rng.expovariate(1 / 3)))
        members = {
            f"org/a{bisect.bisect(cumulative, rng.random() * total):06d}"
            for _ in range(size)
        }
        for i, actor in enumerate(sorted(members)):
            role = (
                "owner"
                if i == 0
                else rng.choices(
                    ("partner", "transnational", "group"), (0.8, 0.05, 0.15)
                )[0]
            )
            B.add_edge(project, actor, role=role, roles=role_set([role]))
        if rng.random() < 0.1:
            B.add_edge(
                project,
                rng.choice(municipalities),
                role="partner",
                roles=role_set(["partner"]),
            )
        covered = (
            municipalities
            if rng.random() < 0.01
            else rng.sample(municipalities, rng.randint(1, 5))
        )
        for m in covered:
            if not B.has_edge(project, m):
                B.add_edge(project, m, role="covers", roles=role_set(["covers"]))
    return B


def timed(label: str, results: dict[str, float], call, *args, **kwargs):
    gc.collect()
    gc.disable()  # as timeit does: a full collection of the big graphs is noise
    try:
        start = time.perf_counter()
        value = call(*args, **kwargs)
        results[label] = time.perf_counter() - start
    finally:
        gc.enable()
    return value


def stages(
    B: nx.Graph, backend: str = "auto", seed: int = 1
) -> tuple[dict[str, float], dict[str, float | str]]:
    """Time each stage of the analysis of ``B``; the times and the graph's sizes."""
    geo = geography()
    t: dict[str, float] = {}
    P = timed("projection", t, actor_projection, B)
    table = timed("centrality", t, centrality, P, backend=backend, seed=seed)
    timed("communities", t, communities, P, seed=seed, backend=table.backend)
    timed("brokerage", t, brokerage_roles, P)
    top = [n for n, _ in table.top("betweenness", 500)] if len(P) > 5000 else None
    timed("burt", t, structural_holes, P, top, backend=table.backend)
    timed("coverage", t, coverage_gaps, B, geo)
    timed("suggested", t, suggested_ties, P, B, geography=geo)
    if len(B) <= TWO_MODE_LIMIT:  # as analyze_network does
        active = timed("restrict", t, restrict_roles, B, ACTIVE_ROLES)
        timed(
            "two-mode",
            t,
            two_mode_betweenness,
            active,
            backend=table.backend,
            seed=seed,
        )
    timed("fragility", t, fragility, P)
    timed("prestudies", t, prestudies_without_follow_up, B)
    timed(
        "total (analyze_network)",
        t,
        analyze_network,
        B,
        geo,
        backend=backend,
        seed=seed,
    )
    sizes: dict[str, float | str] = {
        "projects": sum(1 for _, k in B.nodes(data="type") if k == "project"),
        "actors": len(P),
        "ties": P.number_of_edges(),
        "backend": table.backend,
        "sample": table.sample or "exact",
    }
    return t, sizes


def bench(projects: int, backend: str, seed: int) -> dict[str, float | str]:
    t, sizes = stages(synthetic_bipartite(projects, seed), backend, seed)
    return {**sizes, **t}


def bench_file(path: Path) -> dict[str, float | str]:
    """``analysis_files`` with the garbage collector on (as the build runs it), then
    each stage; with the process's peak memory and that of the graph alone."""
    with open(path, "rb") as f:
        B = pickle.load(f)  # a local file made by the user: trusted
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    analysis_files(B, geography())
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, sizes = stages(B)
    return {
        "graph": path.stem,
        **sizes,
        **t,
        "analysis_files (gc on)": total,
        "RSS MiB graph / peak": f"{loaded / 1024:.0f} / {peak / 1024:.0f}",
    }


def print_rows(rows) -> None:
    header = None
    for row in rows:
        if header is None:
            header = list(row)
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
        print(
            "| "
            + " | ".join(
                f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()
            )
            + " |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--large", action="store_true", help="also 100k (igraph only)")
    parser.add_argument("--backends", nargs="+", default=["networkx", "igraph"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--graphs", type=Path, nargs="+", help="pickled project-actor graphs to time"
    )
    args = parser.parse_args(argv)
    warm = nx.karate_club_graph()  # import igraph, numpy, scipy outside the timings
    for backend in ("networkx", "igraph"):
        centrality(warm, backend=backend)
    brokerage_roles(nx.gnm_random_graph(1200, 3000, seed=1))  # and the sparse path
    print(
        f"python {platform.python_version()}, networkx {nx.__version__},"
        f" {os.cpu_count()} cores, {platform.machine()}",
        file=sys.stderr,
    )
    if args.graphs:
        print_rows(bench_file(path) for path in args.graphs)
        return
    runs = [(n, b) for n in args.sizes for b in args.backends]
    if args.large:
        runs.append((100_000, "igraph"))
    print_rows(bench(n, backend, args.seed) for n, backend in runs)


if __name__ == "__main__":
    main()
