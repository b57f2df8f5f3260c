"""Synthetic project bank → library query times: rdflib memory store vs Oxigraph.

Writes a seeded synthetic graph with :func:`graphkit.rdf.ntriples_lines` and
:func:`graphkit.lineage.lineage_lines` from synthetic
:class:`~graphkit.records.ProjectRecord` and :class:`~graphkit.records.Link` objects
(so the triples have exactly the shape a real build writes: shortcut roles, qualified
participations with provenance, field sources, lineage, the reference geography), then
times:

- resolving the lineage statements (one implementation project in ten says it builds
  on a pre-study of its owner);
- loading the triples into rdflib's in-memory store and into Oxigraph (in memory);
- writing N-Triples (rdflib's serialiser, Oxigraph's dump) and Turtle (Oxigraph);
- parsing the N-Triples file back (:func:`graphkit.store.open_graph`; rdflib with
  ``--rdflib-parse``), writing a persistent store (:func:`graphkit.store.write_store`)
  and opening it again;
- every library query (``ontology/queries/*.rq``, default parameters; the point
  queries get ids of the bank) through
  :func:`graphkit.store.run_query` on the rdflib memory graph, the Oxigraph-backed
  rdflib graph and the on-disk store. rdflib queries are stopped after ``--timeout``
  seconds (SIGALRM), so a run stays short.

The population: about 0.8 actors per project with Zipf weights (the registry's actors
are the hubs, so ``org/slup-se`` and friends take part in many projects), one owner,
a geometric number of partners, some transnational partners (European networks) and
group members, one mention, 1-5 covered municipalities and, for one project in two
hundred, all 290; 20 % pre-studies; periods 2008-2020.

Example (not executed)::

    .venv/bin/python benchmarks/bench_sparql.py                    # 10k projects
    .venv/bin/python benchmarks/bench_sparql.py --projects 1000 --timeout 5
    .venv/bin/python benchmarks/bench_sparql.py --output benchmarks/RESULTS_sparql.md
    .venv/bin/python benchmarks/bench_sparql.py --store exports/store  # a build's store
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from rdflib import Graph, Variable

from graphkit.lineage import LineageIndex, LineageLink, lineage_lines
from graphkit.rdf import ntriples_lines, project_key
from graphkit.records import Lineage, Link, Problem, ProjectRecord
from graphkit.resolve import load_gazetteer, load_registry
from graphkit.store import library, open_graph, run_query, write_store

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
    "PO1",
    "PO2",
)
#: Name patterns of the one-off actors; graphkit infers type and sector from them.
PATTERNS = (
    "Föreningen {w} {i}",
    "{w} kooperativ ekonomisk förening {i}",
    "Stiftelsen {w} {i}",
    "{w} Consulting AB {i}",
    "Samordningsförbundet {w} {i}",
    "Region {w} {i}",
    "Högskolan i {w} {i}",
    "Arbetsintegrerande {w} {i}",
)
WORDS = ("Framtid", "Gemenskap", "Vägen", "Kraft", "Bro", "Lärande", "Nätverk", "Hopp")


def synthetic_items(
    projects: int, seed: int
) -> Iterator[tuple[ProjectRecord, list[Link]]]:
    """``(record, links)`` pairs of a seeded synthetic project bank."""
    rng = random.Random(seed)
    registry = load_registry()
    codes = [m.code for m in load_gazetteer().municipalities]
    hubs = [(f"org/{a.id}", a.name, a.sector) for a in registry.actors]
    networks = [h for h in hubs if h[2] == "european-network"]
    others = [
        (
            f"org/syn-{i}",
            PATTERNS[i % len(PATTERNS)].format(
                w=WORDS[i // len(PATTERNS) % len(WORDS)], i=i
            ),
            "",
        )
        for i in range(int(projects * 0.8))
    ]
    population = hubs + others
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(population))]
    for i in range(projects):
        start_year = rng.randint(2008, 2020)
        start = f"{start_year}-{rng.randint(1, 12):02d}-01"
        end = f"{start_year + rng.randint(0, 3)}-12-31"
        grant = rng.randint(200, 20000) * 1000
        owner = rng.choices(population, weights)[0]
        record = ProjectRecord(
            source_path=f"synthetic/{i:06d}.txt",
            sha256=hashlib.sha256(f"{seed}/{i}".encode()).hexdigest(),
            layout="esf-a",
            title=f"Projekt {WORDS[i % len(WORDS)]} {i}",
            programme_area=rng.choice(AREAS),
            phase="Förprojektering" if rng.random() < 0.2 else "Genomförande",
            owner=owner[1],
            esf_grant_sek=grant,
            total_budget_sek=grant * 2,
            start=start,
            end=end,
            region=rng.choice(REGIONS),
            fund="ESF",
            grant_sek=grant,
            field_lines=(
                ("title", 3),
                ("phase", 6),
                ("esf_grant_sek", 11),
                ("total_budget_sek", 12),
                ("start", 13),
                ("end", 13),
                ("region", 14),
            ),
        )
        links = [_link("owner", owner, 8, "header")]
        partners = {owner}
        while rng.random() < 0.7 and len(partners) < 12:
            partners.add(rng.choices(population, weights)[0])
        links += [
            _link("partner", p, 20 + n, "Samarbetspartners")
            for n, p in enumerate(sorted(partners - {owner}))
        ]
        if rng.random() < 0.1:
            links += [
                _link(
                    "partner",
                    (f"municipality/{rng.choice(codes)}", "", ""),
                    40,
                    "Samarbetspartners",
                )
            ]
        if networks and rng.random() < 0.05:
            links.append(
                _link(
                    "transnational",
                    rng.choice(networks),
                    50,
                    "Transnationellt samarbete",
                )
            )
        if rng.random() < 0.1:
            links += [
                _link(
                    "group",
                    rng.choices(population, weights)[0],
                    60 + n,
                    "Utvecklingsgrupp",
                )
                for n in range(rng.randint(2, 6))
            ]
        links.append(
            _link(
                "mention",
                rng.choices(population, weights)[0],
                30,
                "Bakgrund",
                span=(0, 10),
            )
        )
        covered = (
            codes if rng.random() < 0.005 else rng.sample(codes, rng.randint(1, 5))
        )
        links += [
            _link("covers", (f"municipality/{c}", "", ""), 100 + n, "Kommun")
            for n, c in enumerate(covered)
        ]
        yield record, links


def _link(
    role: str,
    actor: tuple[str, str, str],
    line: int,
    section: str,
    span: tuple[int, int] | None = None,
) -> Link:
    actor_id, label, _ = actor
    return Link(
        role,
        actor_id,
        label or actor_id,
        label or actor_id,
        line,
        section,
        f"• {label}",
        "registry",
        100.0,
        span,
    )


class Timeout(Exception):
    """An rdflib query ran past the time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def timed(action: Callable[[], Any], limit: float | None = None) -> tuple[float, Any]:
    """Seconds ``action`` took (``inf`` past ``limit``) and what it returned."""
    if limit:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        value = action()
    except Timeout:
        return float("inf"), None
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started, value


def _rows(result: Any) -> int:
    return len(result.bindings) if result is not None and result.type == "SELECT" else 0


def _fmt(seconds: float) -> str:
    if seconds == float("inf"):
        return "stopped"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def run(
    projects: int,
    seed: int,
    timeout: float,
    rdflib_parse: bool,
    only: list[str] | None = None,
    *,
    with_rdflib: bool = True,
) -> list[str]:
    """Run the benchmark; return the report's Markdown lines."""
    import pyoxigraph as ox

    items = list(synthetic_items(projects, seed))
    params = point_params(
        [(f"project/{project_key(record)}", record.owner or "") for record, _ in items]
    )
    seconds, (found, unresolved) = timed(lambda: synthetic_lineage(items))
    steps: list[tuple[str, float]] = [
        (f"lineage resolution ({len(found):,} links, {len(unresolved):,} unresolved)",
         seconds),
    ]  # fmt: skip
    seconds, text = timed(
        lambda: "".join(
            f"{line}\n"
            for line in chain(
                ntriples_lines(items, load_registry()), lineage_lines(found)
            )
        )
    )
    steps.append(("N-Triples lines of the records, links and lineage", seconds))
    items.clear()
    memory = Graph()
    store = ox.Store()

    def dump(path: Path, fmt: Any) -> None:
        store.dump(str(path), format=fmt, from_graph=ox.DefaultGraph())

    if with_rdflib:
        steps.append(
            (
                "load: rdflib memory store (parse)",
                timed(lambda: memory.parse(data=text, format="nt"))[0],
            )
        )
    steps.append(
        (
            "load: Oxigraph in memory (bulk_load)",
            timed(lambda: store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES))[0],
        )
    )
    text = ""  # the store holds it now
    out = [f"### {projects:,} projects (seed {seed})", ""]
    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        nt, ttl = Path(tmp) / "graph.nt", Path(tmp) / "graph.ttl"
        if with_rdflib:
            steps.append(
                (
                    "write N-Triples: rdflib serialize",
                    timed(lambda: memory.serialize(nt, format="nt", encoding="utf-8"))[
                        0
                    ],
                )
            )
        steps.append(
            (
                "write N-Triples: Oxigraph dump",
                timed(lambda: dump(nt, ox.RdfFormat.N_TRIPLES))[0],
            )
        )
        steps.append(
            (
                "write Turtle: Oxigraph dump",
                timed(lambda: dump(ttl, ox.RdfFormat.TURTLE))[0],
            )
        )
        store.clear()
        seconds, oxgraph = timed(lambda: open_graph(nt))
        steps.append(("parse N-Triples: open_graph (Oxigraph in memory)", seconds))
        if rdflib_parse:
            steps.append(
                (
                    "parse N-Triples: rdflib Graph().parse",
                    timed(lambda: Graph().parse(nt, format="nt"))[0],
                )
            )
        steps.append(
            (
                "write_store (persistent, bulk load)",
                timed(lambda: write_store(nt, Path(tmp) / "store"))[0],
            )
        )
        seconds, ondisk = timed(lambda: open_graph(Path(tmp) / "store"))
        steps.append(("open the store again (no parsing)", seconds))
        size = nt.stat().st_size / 1e6
        out += [
            f"{len(oxgraph):,} triples; N-Triples file {size:.0f} MB.",
            "",
            "| step | time |",
            "| --- | ---: |",
        ]
        out += [f"| {name} | {_fmt(s)} |" for name, s in steps]
        out += [
            "",
            "| query | rows | rdflib memory | Oxigraph (memory) "
            "| Oxigraph store (disk) | speed-up |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for query in library():
            if only and query.name not in only:
                continue
            out.append(
                _query_line(
                    query.name,
                    params.get(query.name, {}),
                    memory,
                    oxgraph,
                    ondisk,
                    timeout if with_rdflib else None,
                )
            )
            print(out[-1], file=sys.stderr, flush=True)
    return [*out, ""]


def synthetic_lineage(
    items: list[tuple[ProjectRecord, list[Link]]],
) -> tuple[list[LineageLink], list[Problem]]:
    """Lineage links of the bank: one implementation project in ten says it builds on
    a pre-study of its owner ("bygger på den förstudie som X drev"), resolved as a
    build resolves them (:class:`graphkit.lineage.LineageIndex`)."""
    index = LineageIndex(load_gazetteer())
    for n, (record, links) in enumerate(items):
        said: tuple[Lineage, ...] = ()
        if n % 10 == 0 and record.phase == "Genomförande" and record.owner:
            said = (
                Lineage(
                    "bygger på",
                    "pre-study",
                    20,
                    "Bakgrund",
                    f"Projektet bygger på den förstudie som {record.owner} drev.",
                    owner=record.owner,
                ),
            )
        index.add(f"project/{project_key(record)}", record, links, said)
    return index.resolve()


def point_params(projects: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """The point queries' parameters from a bank's ``(project id, owner)`` pairs.

    Their defaults name seed projects, which a bank lacks: ``field-sources`` gets the
    first project, ``shared-partners`` and ``coverage-difference`` two projects of the
    busiest owner, which share partners and places.
    """
    by_owner: dict[str, list[str]] = {}
    for project, owner in projects:
        by_owner.setdefault(owner, []).append(project)
    pair = max(by_owner.values(), key=len)[:2]
    return {
        "field-sources": {"project": projects[0][0]},
        "shared-partners": {"project": pair[0], "other": pair[1]},
        "coverage-difference": {"project": pair[0], "other": pair[1]},
    }


def _query_line(
    name: str,
    params: dict[str, str],
    memory: Graph,
    oxgraph: Graph,
    ondisk: Graph,
    timeout: float | None,
) -> str:
    """One table row: the query's rows and its time on each backend (best of runs).

    With no ``timeout``, rdflib's memory store is left out (``--no-rdflib``).
    """
    fast, rows = float("inf"), 0
    for _ in range(3):
        seconds, result = timed(lambda: run_query(oxgraph, name, params))
        fast, rows = min(fast, seconds), _rows(result)
    disk = min(timed(lambda: run_query(ondisk, name, params))[0] for _ in range(3))
    if timeout is None:
        return f"| {name} | {rows:,} | not run | {_fmt(fast)} | {_fmt(disk)} | |"
    slow, result = timed(lambda: run_query(memory, name, params), timeout)
    if result is not None:
        assert _rows(result) == rows, name
    ratio = (
        f"> {timeout / fast:.0f}x" if slow == float("inf") else f"{slow / fast:.0f}x"
    )
    return (
        f"| {name} | {rows:,} | {_fmt(slow)} | {_fmt(fast)} | {_fmt(disk)} | {ratio} |"
    )


def on_store(path: Path, only: list[str] | None = None) -> list[str]:
    """Every library query on a store a build wrote (best of three, through run_query)."""
    graph = open_graph(path)
    result = run_query(
        graph,
        "SELECT ?project ?owner WHERE { ?project a gk:Project ."
        " OPTIONAL { ?project gk:owner ?owner } } ORDER BY ?project",
    )
    project, owner = Variable("project"), Variable("owner")
    found = [(str(b[project]), str(b.get(owner))) for b in result.bindings]
    params = point_params(found)
    out = [
        f"### The store {path} ({len(graph):,} triples, {len(found):,} projects)",
        "",
        "| query | rows | time (best of 3) |",
        "| --- | ---: | ---: |",
    ]
    for query in library():
        if only and query.name not in only:
            continue
        best, rows = float("inf"), 0
        name, values = query.name, params.get(query.name, {})
        for _ in range(3):
            seconds, result = timed(partial(run_query, graph, name, values))
            best, rows = min(best, seconds), _rows(result)
        out.append(f"| {query.name} | {rows:,} | {_fmt(best)} |")
        print(out[-1], file=sys.stderr, flush=True)
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--timeout",
        type=float,
        default=10,
        help="stop an rdflib query after this many seconds",
    )
    parser.add_argument(
        "--rdflib-parse",
        action="store_true",
        help="also time rdflib parsing the N-Triples file (slow)",
    )
    parser.add_argument(
        "--no-rdflib",
        action="store_true",
        help="leave rdflib's memory store out (Oxigraph only; less time and memory)",
    )
    parser.add_argument("--output", type=Path, help="write the Markdown report here")
    parser.add_argument("--queries", nargs="+", help="time only these library queries")
    parser.add_argument(
        "--store",
        type=Path,
        help="time the library on this store instead (graphkit build --store); the"
        " point queries get the ids of its first project and its busiest owner's",
    )
    args = parser.parse_args(argv)
    lines = [
        "# SPARQL benchmark: rdflib memory store vs Oxigraph",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, {platform.system()}.",
        "",
        "Command: `.venv/bin/python benchmarks/bench_sparql.py "
        + " ".join(argv if argv is not None else sys.argv[1:])
        + "`",
        "",
    ]
    if args.store:
        lines += on_store(args.store, args.queries)
    else:
        lines += run(
            args.projects,
            args.seed,
            args.timeout,
            args.rdflib_parse,
            args.queries,
            with_rdflib=not args.no_rdflib,
        )
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
