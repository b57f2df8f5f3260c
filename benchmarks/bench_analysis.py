"""Synthetic project-actor graphs -> analysis times, networkx against the igraph path.

Generates a seeded bipartite project-actor graph shaped like a project bank: about
0.8 actors per project, actors drawn with Zipf weights (a few actors in hundreds of
projects, most in one), one owner and a geometric number of partners per project,
some transnational and group roles, 1-5 covered municipalities per project and one
national project in a hundred covering all 290 (coverage must not enter the
projection), sectors, phases, periods, ESF regions and programme areas. Then it times
each stage of :func:`graphkit.analysis.analyze_network` with each backend.

Example (not executed)::

    python benchmarks/bench_analysis.py                      # 1k and 10k projects
    python benchmarks/bench_analysis.py --sizes 1000 --backends igraph
    python benchmarks/bench_analysis.py --large              # adds 100k (igraph only)
"""

from __future__ import annotations

import argparse
import bisect
import gc
import itertools
import os
import platform
import random
import sys
import time

import networkx as nx

from graphkit.analysis import analyze_network
from graphkit.analysis.brokerage import brokerage_roles, structural_holes
from graphkit.analysis.centrality import centrality
from graphkit.analysis.communities import communities
from graphkit.analysis.fragility import fragility
from graphkit.analysis.gaps import (
    Geography,
    coverage_gaps,
    prestudies_without_follow_up,
    suggested_ties,
)
from graphkit.network import actor_projection
from graphkit.resolve import load_gazetteer

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
    gaz = load_gazetteer()
    return Geography(
        {
            f"municipality/{m.code}": (m.name, f"county/{m.county_code}")
            for m in gaz.municipalities
        },
        {
            f"county/{m.county_code}": (m.county_name, f"esf-region/{m.region_code}")
            for m in gaz.municipalities
        },
        {f"esf-region/{m.region_code}": m.region_name for m in gaz.municipalities},
    )


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
            B.add_edge(project, actor, role=role, roles=role)
        if rng.random() < 0.1:
            B.add_edge(
                project, rng.choice(municipalities), role="partner", roles="partner"
            )
        covered = (
            municipalities
            if rng.random() < 0.01
            else rng.sample(municipalities, rng.randint(1, 5))
        )
        for m in covered:
            if not B.has_edge(project, m):
                B.add_edge(project, m, role="covers", roles="covers")
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


def bench(projects: int, backend: str, seed: int) -> dict[str, float | str]:
    B = synthetic_bipartite(projects, seed)
    geo = geography()
    t: dict[str, float] = {}
    P = timed("projection", t, actor_projection, B)
    table = timed("centrality", t, centrality, P, backend=backend, seed=seed)
    timed("communities", t, communities, P, seed=seed, backend=backend)
    timed("brokerage", t, brokerage_roles, P)
    top = [n for n, _ in table.top("betweenness", 500)] if len(P) > 5000 else None
    timed("burt", t, structural_holes, P, top)
    timed("coverage", t, coverage_gaps, B, geo)
    timed("suggested", t, suggested_ties, P, B)
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
    return {
        "projects": projects,
        "actors": len(P),
        "ties": P.number_of_edges(),
        "backend": table.backend,
        "sample": table.sample or "exact",
        **t,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--large", action="store_true", help="also 100k (igraph only)")
    parser.add_argument("--backends", nargs="+", default=["networkx", "igraph"])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    runs = [(n, b) for n in args.sizes for b in args.backends]
    warm = nx.karate_club_graph()  # import igraph, numpy, scipy outside the timings
    for backend in ("networkx", "igraph"):
        centrality(warm, backend=backend)

    if args.large:
        runs.append((100_000, "igraph"))
    print(
        f"python {platform.python_version()}, networkx {nx.__version__},"
        f" {os.cpu_count()} cores, {platform.machine()}",
        file=sys.stderr,
    )
    header = None
    for n, backend in runs:
        row = bench(n, backend, args.seed)
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


if __name__ == "__main__":
    main()
