"""Synthetic project bank → times of the researcher-question queries and of lineage.

The queries of #15 (money per region and fund, per owner and fund, pre-studies with
their follow-ups, lineage, shared partners, projects of an owner, coverage difference,
municipalities as partners, group members elsewhere, places in a county) on the
synthetic bank of ``bench_sparql.py`` (same records and links), held as `graphkit query
--graph` holds it (Oxigraph in memory, through rdflib's API). One implementation project
in ten says it builds on a pre-study of its owner ("bygger på den förstudie som X
drev"), so the lineage resolution (:class:`graphkit.lineage.LineageIndex`) is timed
too, and its links are in the graph. With ``--before DIR`` the same-named queries of
another checkout (``DIR/graphkit/ontology/queries``) are timed on the same graph,
interleaved with these, for an A/B ratio.

Example (not executed)::

    nice .venv/bin/python benchmarks/bench_questions.py --projects 10000 \\
        --before /work/wtbase
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sparql import synthetic_items

from graphkit.errors import QueryError
from graphkit.lineage import LineageIndex, lineage_lines
from graphkit.rdf import ntriples_lines, project_key
from graphkit.records import Lineage
from graphkit.resolve import load_gazetteer, load_registry
from graphkit.store import library, open_graph, run_query

QUESTIONS = (
    "money-per-region",
    "money-per-owner",
    "pre-studies-and-follow-ups",
    "lineage",
    "shared-partners",
    "projects-of-owner",
    "coverage-difference",
    "municipalities-as-partners",
    "group-members-elsewhere",
    "places-in-county",
)


def best(action: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """The least CPU time of ``runs`` calls (all threads: Oxigraph's too), and the result.

    CPU time, not wall time: the machine is shared, and wall times there measure the
    other jobs as much as the query.
    """
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
    return min(times), result


def _query(graph: Any, query: str) -> Callable[[], list[Any]]:
    return lambda: list(run_query(graph, query, timeout=30).bindings)


def _timed(graph: Any, query: str) -> tuple[float | None, list[Any]]:
    """CPU time and rows, or None when the query was stopped after 30 s (wall)."""
    try:
        return best(_query(graph, query))
    except QueryError:
        return None, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", type=Path, help="a checkout to compare with")
    args = parser.parse_args(argv)
    items = list(synthetic_items(args.projects, args.seed))
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
    resolve_time, (found, problems) = best(index.resolve, runs=1)
    methods: dict[str, int] = {}
    for link in found:
        methods[link.method] = methods.get(link.method, 0) + 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        with path.open("w", encoding="utf-8") as out:
            for line in ntriples_lines(items, load_registry()):
                out.write(line + "\n")
            for line in lineage_lines(found):
                out.write(line + "\n")
        del items, index
        graph = open_graph(path)
        gc.collect()
        gc.freeze()  # the records are gone; nothing long-lived for the collector to scan
        queries = {q.name: q for q in library()}
        lines = [
            f"Machine: {os.cpu_count()} cores (shared with other jobs), "
            f"{platform.machine()}, Python {platform.python_version()}.",
            "",
            f"{args.projects:,} projects; lineage resolution {resolve_time * 1000:.0f} ms"
            f" ({', '.join(f'{k} {v}' for k, v in sorted(methods.items()))};"
            f" {len(problems)} statements unresolved).",
            "",
            "| query | rows | CPU time (best of 3) | before | ratio |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for name in QUESTIONS:
            before = ""
            old = (
                args.before / "graphkit/ontology/queries" / f"{name}.rq"
                if args.before
                else None
            )
            old_time: float | None = None
            before = "(new) | "
            if old is not None and old.exists():
                old_time, _ = _timed(graph, old.read_text(encoding="utf-8"))
                before = "stopped (> 30 s) | " if old_time is None else ""
            seconds, rows = _timed(graph, name)
            now = "stopped (> 30 s)" if seconds is None else f"{seconds * 1000:.0f} ms"
            if old_time is not None and seconds is not None:
                before = f"{old_time * 1000:.0f} ms | {seconds / old_time:.2f}"
            lines.append(f"| `{name}` | {len(rows)} | {now} | {before} |")
            print(lines[-1], flush=True)
            assert name in queries
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
