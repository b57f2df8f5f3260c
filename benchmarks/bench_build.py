"""Synthetic corpus → build time, triples/s, peak memory: graphkit vs rdflib+networkx.

Generates a corpus with ``benchmarks/generate.py`` (pages in layouts a, b, c), then
measures, each in a fresh Python process so that peak memory (``ru_maxrss``) belongs
to one pipeline only:

- ``graphkit``: :func:`graphkit.build.build` with ``jobs`` (read → parse → resolve →
  RDF → SHACL on small graphs → network → analysis → every export, and the
  persistent Oxigraph store in ``out/store``). A build without
  its own analysis (older ones) is followed by the step the baselines do: the actor
  projection and :func:`graphkit.analysis.centrality.centrality` on the graph read
  back from ``graph.nt`` (reading it is not timed);
- ``baseline``: the plain way: graphkit's reader and parser, one ``Graph.add`` per
  triple with names as IRIs (no registry, no gazetteer), a networkx project–actor graph
  from the triples, its actor projection, ``nx.betweenness_centrality`` (sampled with
  the same ``k`` graphkit uses above its exact limit) and Turtle + N-Triples files.

Example (not executed)::

    python benchmarks/bench_build.py                 # 1k projects
    python benchmarks/bench_build.py --big           # 1k and 10k projects
    python benchmarks/bench_build.py --projects 200 --no-baseline
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "graphkit_bench_generate", HERE / "generate.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _peak_children_mib() -> float:
    """The largest peak of this process's finished children (workers, Turtle writer)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# ------------------------------------------------------------------ workers


def run_graphkit(corpus: Path, out: Path, jobs: int = 1) -> dict[str, object]:
    """graphkit's build; then centrality, unless the build runs its own analysis."""
    import inspect

    from graphkit.analysis.centrality import centrality
    from graphkit.build import build
    from graphkit.network import actor_projection, project_actor_graph

    accepts = inspect.signature(build).parameters
    options: dict[str, object] = {}
    if "jobs" in accepts:
        options["jobs"] = jobs
    if "analysis" in accepts:
        options["analysis"] = True  # centrality, communities, brokerage, gaps
    if "store_dir" in accepts:
        options["store_dir"] = out / "store"  # the persistent Oxigraph store too
    base = _peak_mib()
    t0 = time.perf_counter()
    result = build([corpus / "pages"], out, **options)  # type: ignore[arg-type]
    t_build = time.perf_counter() - t0
    peak_build = _peak_mib()
    row: dict[str, object] = {
        "documents": result.counts["documents"],
        "triples": result.counts["triples"],
        "build_s": t_build,
        "analysis_in_build": "analysis" in accepts,
        "store": "store_dir" in accepts,
        "jobs": options.get("jobs", 1),
        "rss_after_imports_mib": base,
        "peak_build_mib": peak_build,
        "problems": result.counts["problems"],
    }
    if "analysis" in accepts:
        row["analysis_s"] = 0.0
    else:  # older builds: centrality on the actor projection, as the baselines do
        from graphkit.rdf import load_graph_file  # older builds have it

        graph = load_graph_file(out / "graph.nt")
        t1 = time.perf_counter()
        G = actor_projection(project_actor_graph(graph))
        table = centrality(G)
        row["analysis_s"] = time.perf_counter() - t1
        row |= {
            "actors": G.number_of_nodes(),
            "actor_edges": G.number_of_edges(),
            "betweenness_k": table.sample,
        }
    row["peak_mib"] = _peak_mib()
    row["peak_children_mib"] = _peak_children_mib()
    return row


def run_queries(corpus: Path, out: Path, jobs: int = 1) -> dict[str, object]:
    """Every library query (default parameters) on the graphkit build's store."""
    from graphkit.store import library, open_graph, run_query

    graph = open_graph(out / "store")
    answers: dict[str, object] = {}
    for query in library():
        t0 = time.perf_counter()
        rows = len(run_query(graph, query.name))
        answers[query.name] = {"rows": rows, "s": round(time.perf_counter() - t0, 3)}
    return answers


def run_baseline(corpus: Path, out: Path, jobs: int = 1) -> dict[str, object]:
    """The plain pipeline: graphkit's parser, Graph.add per triple, networkx."""
    import networkx as nx
    from networkx.algorithms import bipartite
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

    from graphkit.analysis.centrality import EXACT_LIMIT, SAMPLE_SIZE
    from graphkit.errors import GraphkitError
    from graphkit.parse import parse_document
    from graphkit.read import read_path
    from graphkit.resolve import slugify

    ex = Namespace("https://example.org/baseline/")
    roles = {"owner": ex.owner, "partner": ex.partner, "covers": ex.covers}
    base = _peak_mib()
    t0 = time.perf_counter()
    g = Graph()
    documents = 0
    for path in sorted((corpus / "pages").glob("*.txt")):
        try:
            records, _ = parse_document(read_path(path))
        except GraphkitError:
            continue
        documents += 1
        for record in records:
            project = ex[f"project/{record.sha256[:16]}"]
            g.add((project, RDF.type, ex.Project))
            g.add((project, ex.source, Literal(record.source_path)))
            for name in ("title", "programme_area", "phase", "region"):
                value = getattr(record, name)
                if value is not None:
                    g.add((project, ex[name], Literal(value)))
            for name in ("start", "end"):
                value = getattr(record, name)
                if value is not None:
                    g.add((project, ex[name], Literal(value, datatype=XSD.date)))
            for name in ("esf_grant_sek", "total_budget_sek"):
                value = getattr(record, name)
                if value is not None:
                    g.add((project, ex[name], Literal(value)))
            named = [("owner", record.owner)] if record.owner else []
            named += [("partner", p.name) for p in record.partners]
            for role, name in named:
                actor = ex[f"org/{slugify(name)}"]
                g.add((project, roles[role], actor))
                g.add((actor, RDF.type, ex.Organisation))
                g.add((actor, RDFS.label, Literal(name)))
            for m in record.municipalities:
                place = ex[f"municipality/{slugify(m.name)}"]
                g.add((project, roles["covers"], place))
                g.add((place, RDFS.label, Literal(m.name)))
            for section in record.sections:
                g.add((project, ex.text, Literal(section.text)))
    t_rdf = time.perf_counter() - t0
    B = nx.Graph()
    for role in ("owner", "partner", "covers"):
        for s, _, o in g.triples((None, roles[role], None)):
            B.add_node(str(s), bipartite=0)
            B.add_node(str(o), bipartite=1)
            B.add_edge(str(s), str(o))
    out.mkdir(parents=True, exist_ok=True)
    g.serialize(out / "graph.ttl", format="turtle")
    g.serialize(out / "graph.nt", format="nt")
    nx.write_graphml(B, out / "graph.graphml")
    t_build = time.perf_counter() - t0
    peak_build = _peak_mib()
    t1 = time.perf_counter()
    active = nx.Graph(B)  # collaborators: owner and partner ties, not coverage
    active.remove_nodes_from([n for n in B if "/municipality/" in n])
    actors = [n for n in active if "/org/" in n]
    G = bipartite.weighted_projected_graph(active, actors)
    k = SAMPLE_SIZE if len(G) > EXACT_LIMIT else None
    nx.betweenness_centrality(G, k=k, seed=0)
    nx.pagerank(G)
    t_analysis = time.perf_counter() - t1
    return {
        "documents": documents,
        "triples": len(g),
        "actors": G.number_of_nodes(),
        "actor_edges": G.number_of_edges(),
        "build_s": t_build,
        "rdf_s": t_rdf,
        "analysis_s": t_analysis,
        "betweenness_k": k,
        "rss_after_imports_mib": base,
        "peak_build_mib": peak_build,
        "peak_mib": _peak_mib(),
    }


def run_baseline_same(corpus: Path, out: Path, jobs: int = 1) -> dict[str, object]:
    """graphkit's triples, added one by one to a plain Graph; plain networkx after.

    Reads, parses and resolves with graphkit (:func:`graphkit.build.parse_inputs`)
    and takes the N-Triples of :func:`graphkit.rdf.ntriples_lines`, so the graph
    holds the same facts as graphkit's; then rdflib's N-Triples parser adds them
    to a plain ``Graph`` one by one (``Graph.add``), Turtle and
    N-Triples files, a networkx project–actor graph from the role triples, its actor
    projection and ``nx.betweenness_centrality``. No SHACL, CSV or GraphML exports.
    """
    import networkx as nx
    from networkx.algorithms import bipartite
    from rdflib import Graph

    from graphkit.analysis.centrality import EXACT_LIMIT, SAMPLE_SIZE
    from graphkit.build import parse_inputs
    from graphkit.rdf import ROLE_PROPERTY, ntriples_lines
    from graphkit.records import ACTIVE_ROLES
    from graphkit.resolve import load_registry

    base = _peak_mib()
    t0 = time.perf_counter()
    registry = load_registry()
    parsed = list(parse_inputs([corpus / "pages"], registry=registry))
    items = [(p.record, p.links) for p in parsed if p.record is not None]
    g = Graph()
    g.parse(
        data="".join(f"{line}\n" for line in ntriples_lines(items, registry)),
        format="nt",
    )
    t_rdf = time.perf_counter() - t0
    B = nx.Graph()
    active = {ROLE_PROPERTY[role] for role in ACTIVE_ROLES}
    for predicate in sorted(active):
        for s, _, o in g.triples((None, predicate, None)):
            B.add_edge(str(s), str(o))
    out.mkdir(parents=True, exist_ok=True)
    g.serialize(out / "graph.ttl", format="turtle")
    g.serialize(out / "graph.nt", format="nt")
    t_build = time.perf_counter() - t0
    peak_build = _peak_mib()
    t1 = time.perf_counter()
    actors = [n for n in B if "/project/" not in n]
    G = bipartite.weighted_projected_graph(B, actors)
    k = SAMPLE_SIZE if len(G) > EXACT_LIMIT else None
    nx.betweenness_centrality(G, k=k, seed=0)
    nx.pagerank(G)
    t_analysis = time.perf_counter() - t1
    return {
        "documents": len({p.source_path for p in parsed if p.record is not None}),
        "triples": len(g),
        "actors": G.number_of_nodes(),
        "actor_edges": G.number_of_edges(),
        "build_s": t_build,
        "rdf_s": t_rdf,
        "analysis_s": t_analysis,
        "betweenness_k": k,
        "rss_after_imports_mib": base,
        "peak_build_mib": peak_build,
        "peak_mib": _peak_mib(),
    }


def run_graphkit_profile(corpus: Path, out: Path, jobs: int = 1) -> dict[str, object]:
    """graphkit's build under cProfile: cumulative seconds of its biggest steps."""
    import cProfile
    import pstats

    from graphkit.build import build

    profile = cProfile.Profile()
    profile.runcall(build, [corpus / "pages"], out)
    stats = pstats.Stats(profile)
    steps = []
    for (filename, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        cumulative = row[3]
        if ("/graphkit/" in filename and not name.startswith(("<", "_"))) or (
            name == "serialize" and filename.endswith("rdflib/graph.py")
        ):
            where = (
                filename.split("/graphkit/")[-1]
                if "/graphkit/" in filename
                else ("rdflib/graph.py")
            )
            steps.append((f"{where}:{name}", round(cumulative, 2)))
    steps.sort(key=lambda s: -s[1])
    return {
        "profile_total_s": round(stats.total_tt, 2),  # type: ignore[attr-defined]
        "steps": steps[:15],
    }


WORKERS = {
    "graphkit": run_graphkit,
    "baseline": run_baseline,
    "baseline-same": run_baseline_same,
    "graphkit-profile": run_graphkit_profile,
    "queries": run_queries,
}


def _worker(name: str, corpus: Path, out: Path, jobs: int) -> dict[str, object]:
    """Run one pipeline in a fresh interpreter; its JSON result."""
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            name,
            "--corpus",
            str(corpus),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-6:])
        raise SystemExit(f"{name} pipeline failed:\n{tail}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ report


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _revision() -> str:
    """The commit of the graphkit code measured, with "+changes" for a dirty tree."""
    root = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "graphkit"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def measure(
    n: int, seed: int, work: Path, pipelines: list[str], jobs: int = 1
) -> dict[str, object]:
    """Generate ``n`` projects and time each pipeline on them."""
    corpus = work / f"corpus-{n}-{seed}"
    t0 = time.perf_counter()
    _generator().generate(n, seed, corpus, ["pages"])
    row: dict[str, object] = {"projects": n, "generate_s": time.perf_counter() - t0}
    for name in pipelines:
        out = "graphkit" if name == "queries" else name  # queries read its store
        row[name] = _worker(name, corpus, work / f"out-{out}-{n}", jobs)
    return row


def _summary(row: dict[str, object]) -> list[str]:
    gk = row["graphkit"]
    assert isinstance(gk, dict)
    total = gk["build_s"] + gk["analysis_s"]
    lines = [
        f"projects {row['projects']}: graphkit build {gk['build_s']:.1f} s"
        f" ({gk['documents'] / gk['build_s']:.0f} documents/s,"
        f" {gk['triples'] / gk['build_s']:.0f} triples/s, {gk['triples']} triples),"
        f" analysis {gk['analysis_s']:.1f} s"
        f"{' (in build)' if gk.get('analysis_in_build') else ''},"
        f" peak {gk['peak_mib']:.0f} MiB"
        f" (largest child process {gk.get('peak_children_mib', 0):.0f} MiB)",
    ]
    for name in ("baseline", "baseline-same"):
        bl = row.get(name)
        if isinstance(bl, dict):
            bl_total = bl["build_s"] + bl["analysis_s"]
            lines.append(
                f"  {name} build {bl['build_s']:.1f} s ({bl['triples']} triples),"
                f" analysis {bl['analysis_s']:.1f} s, peak {bl['peak_mib']:.0f} MiB;"
                f" end-to-end time {name}/graphkit {bl_total / total:.2f}"
            )
    profile = row.get("graphkit-profile")
    if isinstance(profile, dict):
        lines += [f"  profile {step}: {sec} s" for step, sec in profile["steps"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line; ``--worker`` is the internal per-pipeline entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--big", action="store_true", help="also 10k projects")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/graphkit-bench"),
        help="folder for corpora and exports",
    )
    parser.add_argument("--no-baseline", action="store_true", help="time graphkit only")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile graphkit's build (cProfile, slower)",
    )
    parser.add_argument(
        "--queries",
        choices=["auto", "yes", "no"],
        default="auto",
        help="run the query library on the build's store (auto: up to 10k projects)",
    )
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--jobs", type=int, default=1, help="graphkit build --jobs (default 1)"
    )
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.corpus, args.out, args.jobs)))
        return 0
    revision = _revision()
    sizes = [args.projects] + ([10_000] if args.big and args.projects != 10_000 else [])
    rows = []
    for n in sizes:
        pipelines = ["graphkit"]
        pipelines += [] if args.no_baseline else ["baseline", "baseline-same"]
        pipelines += ["graphkit-profile"] if args.profile else []
        if args.queries == "yes" or (args.queries == "auto" and n <= 10_000):
            pipelines.append("queries")
        row = measure(n, args.seed, args.work, pipelines, args.jobs)
        rows.append(row)
        print("\n".join(_summary(row)), file=sys.stderr)
    report = {
        "machine": _machine(),
        "graphkit_revision": revision,
        "command": " ".join(["python", *sys.argv]),
        "seed": args.seed,
        "rows": rows,
    }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
