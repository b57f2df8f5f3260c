"""Inputs → exports: runs read → parse → resolve → rdf → network and writes the files.

The per-file work (read, parse, resolve, in worker processes) is
:mod:`graphkit.documents`; its :class:`Parsed`, :func:`parse_file`,
:func:`parse_inputs` and :func:`record_json` are importable from here too.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

import networkx as nx
from rdflib import Graph

from graphkit.bundle import described, relative_path, write_crate
from graphkit.documents import (
    Parsed,
    graph_file,
    map_files,
    parse_file,
    parse_inputs,
    record_json,
)
from graphkit.exports import (
    _RESOLUTION_COLUMNS,
    _edges_csv,
    _manifest_json,
    _nodes_csv,
    _problems_csv,
    _report_md,
    _resolution_rows,
    staged_files,
)
from graphkit.ids import IdCollisions
from graphkit.lineage import LineageIndex, LineageLink, lineage_lines, lineage_table
from graphkit.merges import merge_rule, merged_markdown
from graphkit.network import (
    actor_attributes,
    actor_projection,
    network_graph,
    project_attributes,
    sort_participations,
)
from graphkit.problems import kind_info
from graphkit.rdf import (
    RecordTriples,
    TripleStream,
    Validation,
    project_key,
    validate_graph,
    write_turtle,
)
from graphkit.rdf.jsonld import jsonld_bytes
from graphkit.read import input_files
from graphkit.records import Link, Participation, Problem
from graphkit.resolve import (
    Gazetteer,
    load_gazetteer,
    load_judgements,
    load_overrides,
    load_registry,
)
from graphkit.store.files import load_store, staged_store

__all__ = [
    "BuildResult",
    "Parsed",
    "build",
    "parse_file",
    "parse_inputs",
    "record_json",
]

log = logging.getLogger(__name__)

#: Larger graphs are not SHACL-validated during a build (pyshacl is slow there).
VALIDATE_MAX_TRIPLES = 150_000


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote and found."""

    out_dir: Path
    files: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def failed_files(self) -> tuple[str, ...]:
        """Inputs that could not be read or parsed at all."""
        return failed_files(self.problems)

    @property
    def lost(self) -> int:
        """How many files or records were skipped (problems of severity error)."""
        return sum(1 for p in self.problems if p.severity == "error")


def failed_files(problems: Iterable[Problem]) -> tuple[str, ...]:
    """The files among ``problems`` that could not be read or parsed at all."""
    return tuple(
        sorted({p.source_path for p in problems if kind_info(p.kind).fails_file})
    )


class _Summary:
    """What a build keeps of each file while the triples stream to disk."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.problems: list[Problem] = []
        self.lineage = LineageIndex(gazetteer)
        self.lineage_links: list[LineageLink] = []
        self.merged: dict[str, list[tuple[str, int, str]]] = {}  # project → sources
        self.documents: dict[str, str] = {}  # path → sha256
        self.rows: list[Participation] = []  # the table, as the triples stream adds it
        self.projects: dict[str, dict[str, str]] = {}
        self.methods: Counter[str] = Counter()
        self.to_check: list[tuple[str, Link]] = []  # fuzzy and prefix matches
        self.ids = IdCollisions()  # new actors' ids that two names ended on

    def add(self, parsed: Parsed) -> None:
        self.problems += parsed.problems
        record = parsed.record
        if record is None:
            return
        self.documents[record.source_path] = record.sha256
        project = f"project/{project_key(record)}"
        self.projects.setdefault(project, project_attributes(record))
        self.lineage.add(project, record, parsed.links, parsed.lineage)
        self.merged.setdefault(project, []).append(
            (record.source_path, record.line, merge_rule(record))
        )
        self.methods.update(link.method for link in parsed.links)
        self.to_check += [
            (parsed.source_path, link)
            for link in parsed.links
            if link.method in ("fuzzy", "prefix")
        ]


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    include_personal_data: bool = False,
    overrides_path: str | Path | None = None,
    registry_path: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[Parsed], None] | None = None,
    judgements_path: str | Path | None = None,
    analysis: bool = True,
    store_dir: str | Path | None = None,
    ocr: bool = False,
    excel: bool = False,
    command: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write every export.

    Writes ``graph.ttl``, ``graph.nt``, ``graph.jsonld`` (up to
    :data:`VALIDATE_MAX_TRIPLES` triples), ``nodes.csv``, ``edges.csv``,
    ``graph.graphml``, ``graph.gexf``, the VOSviewer files, ``network.html``,
    ``resolution.csv``, ``problems.csv``, ``report.md``, ``manifest.json`` and
    the analysis (``centrality.csv``, ``communities.csv``, ``brokerage.csv``,
    ``gaps.csv``, ``analysis.md``) into ``out_dir``.

    Documents stream through: each is read, parsed, resolved and turned into
    N-Triples (in ``jobs`` worker processes), its text is dropped, and its
    triples go straight to ``graph.nt``; the network is made from the
    participation table the same walk emits (:class:`graphkit.rdf.TripleStream`).
    Files are written to a temporary folder first and moved into place, so an
    interrupted build leaves the previous exports as they were. The same inputs
    give byte-identical files.

    Args:
        inputs: files and folders.
        out_dir: the exports folder (created if needed).
        include_personal_data: keep contact names, e-mail and phone in exports.
        overrides_path: a CSV of entity-resolution overrides (``name,actor``).
        registry_path: another actor registry than the bundled one.
        judgements_path: a judgement file (``same``/``different``/``unsure``/
            ``not-an-organisation`` decisions, see :mod:`graphkit.resolve.judgements`).
        jobs: worker processes for reading, parsing and making triples.
        progress: called with each file's result as the build reads it.
        analysis: also run the analysis (centrality, communities, brokerage,
            gaps) and write its tables and ``analysis.md``.
        store_dir: also bulk-load the graph into a persistent Oxigraph store
            there (for ``graphkit query/serve --store``).
        ocr: read PDF pages without a text layer by OCR (Tesseract, Swedish).
        excel: start every CSV with a UTF-8 BOM, so that Excel reads å, ä, ö.
        command: the command for ``ro-crate-metadata.json`` (paths: relative).

    Returns:
        A :class:`BuildResult` with counts and every problem.

    Raises:
        GraphkitError: when an input is missing or the registry is broken.

    Example (not executed)::

        result = build(["seeds/"], "exports/")
        result.counts["projects"], len(result.problems)
    """
    inputs = list(inputs)
    registry = load_registry(registry_path)
    gazetteer = load_gazetteer()
    files, skipped = input_files(inputs)
    files = [Path(relative_path(f)) for f in files]
    summary = _Summary(gazetteer)
    for problem in skipped:
        problem = replace(problem, source_path=relative_path(problem.source_path))
        summary.add(Parsed(problem.source_path, None, (), (problem,)))
    stream = TripleStream(registry, gazetteer, table=summary.rows)
    overrides: Mapping[str, str] = load_overrides(overrides_path, registry, gazetteer)
    if judgements_path is not None:
        judged = load_judgements(
            judgements_path, registry, gazetteer, overrides=overrides
        )
        summary.add(Parsed(str(judgements_path), None, (), judged.problems))
        overrides = judged
    out = Path(out_dir)
    with contextlib.ExitStack() as stack:
        stage = stack.enter_context(staged_files(out))
        store = stack.enter_context(staged_store(store_dir)) if store_dir else None
        triples = _write_graph(
            stage,
            map_files(
                files,
                graph_file,
                jobs,
                registry=registry,
                gazetteer=gazetteer,
                overrides=overrides,
                include_personal_data=include_personal_data,
                ocr=ocr,
            ),
            stream,
            summary,
            progress,
            excel=excel,
        )
        # What the stream kept lives to the end: the cyclic garbage collector
        # need not scan it again each time the network adds objects.
        gc.freeze()
        stack.callback(gc.unfreeze)
        # Oxigraph writes Turtle and loads the store in threads, without the
        # GIL, while this one makes the network, the analysis and the pages.
        side = stack.enter_context(ThreadPoolExecutor(2))
        rdf_files = [side.submit(write_turtle, stage / "graph.nt", stage / "graph.ttl")]
        if store is not None:
            rdf_files.append(side.submit(load_store, stage / "graph.nt", store))
        rows = sort_participations(summary.rows)
        attributes = summary.projects | {
            actor: actor_attributes(actor, label, registry, gazetteer)
            for actor, label in stream.actors.items()
        }
        network = network_graph(rows, attributes.__getitem__)
        network.graph["lineage"] = lineage_table(summary.lineage_links)
        parsed = (
            Graph().parse(stage / "graph.nt", format="nt")
            if triples <= VALIDATE_MAX_TRIPLES
            else None
        )
        if parsed is not None:  # JSON-LD before SHACL, which may add inferences
            (stage / "graph.jsonld").write_bytes(jsonld_bytes(parsed))
        validation = (
            validate_graph(parsed, inplace=True) if parsed is not None else None
        )
        counts = _counts(summary, network, triples, validation)
        exports = _table_files(
            summary, rows, network, counts, validation, analysis=analysis
        )
        exports["manifest.json"] = _manifest_json(
            [relative_path(i) for i in inputs],
            summary.documents,
            counts,
            include_personal_data,
        )
        exports |= _network_files(network, gazetteer, analysis=analysis)
        exports = described(exports, stage / "resolution.csv", excel=excel)
        for name, data in exports.items():
            (stage / name).write_bytes(data)
        for done in rdf_files:
            done.result()
        write_crate(stage, inputs, summary.documents, command)
        written = tuple(sorted(p.name for p in stage.iterdir()))
    return BuildResult(out, written, counts, tuple(summary.problems))


def _table_files(
    summary: _Summary,
    rows: list[Participation],
    network: nx.Graph,
    counts: dict[str, int],
    validation: Validation | None,
    *,
    analysis: bool,
) -> dict[str, bytes]:
    """``nodes.csv``, ``edges.csv``, ``problems.csv`` and ``report.md``."""
    report = _report_md(
        summary.problems,
        summary.methods,
        summary.to_check,
        counts,
        validation,
        analysis=analysis,
        validate_limit=VALIDATE_MAX_TRIPLES,
    )
    return {
        "nodes.csv": _nodes_csv(network),
        "edges.csv": _edges_csv(rows),
        "problems.csv": _problems_csv(summary.problems),
        "report.md": (
            report + merged_markdown(summary.merged, summary.projects)
        ).encode(),
    }


def _write_graph(
    stage: Path,
    results: Iterable[list[tuple[Parsed, RecordTriples | None]]],
    stream: TripleStream,
    summary: _Summary,
    progress: Callable[[Parsed], None] | None,
    *,
    excel: bool = False,
) -> int:
    """Stream each file's triples to ``graph.nt`` and its names to ``resolution.csv``.

    Returns the number of triples written; ``summary`` keeps the rest
    (problems, the participation table through ``stream``).
    """
    with (
        (stage / "graph.nt").open("w", encoding="utf-8", newline="\n") as nt,
        (stage / "resolution.csv").open(
            "w", encoding="utf-8-sig" if excel else "utf-8", newline=""
        ) as res,
    ):
        resolution = csv.writer(res, lineterminator="\r\n")
        resolution.writerow(_RESOLUTION_COLUMNS)
        triples = _write_lines(nt, stream.geography())
        for file_results in results:
            for parsed, made in file_results:
                links, moved, made = summary.ids.settle(
                    parsed.source_path, parsed.links, made
                )
                parsed = replace(
                    parsed, links=links, problems=(*parsed.problems, *moved)
                )
                summary.add(parsed)
                resolution.writerows(
                    _resolution_rows(parsed.source_path, parsed.links, parsed.problems)
                )
                if made is not None:
                    triples += _write_lines(nt, stream.add(made))
                if progress is not None:
                    progress(parsed)
        summary.lineage_links, unresolved = summary.lineage.resolve()
        summary.problems += unresolved
        triples += _write_lines(nt, lineage_lines(summary.lineage_links))
        triples += _write_lines(nt, stream.actor_lines())
    return triples


def _counts(
    summary: _Summary,
    network: nx.Graph,
    triples: int,
    validation: Validation | None,
) -> dict[str, int]:
    """The build's counts, as ``manifest.json`` and ``report.md`` give them."""
    kinds = Counter(str(kind) for _, kind in network.nodes(data="type"))
    counts = {
        "documents": len(summary.documents),
        "projects": len(summary.projects),  # with or without an actor
        "organisations": kinds["organisation"],
        "municipalities": kinds["municipality"],
        "participations": len(summary.rows),
        "triples": triples,
        "problems": len(summary.problems),
        "failed_files": len(failed_files(summary.problems)),
        "shacl_violations": len(validation.violations) if validation else -1,
    }
    return counts | {
        f"role_{role}": n
        for role, n in sorted(Counter(r.role for r in summary.rows).items())
    }


def _write_lines(file: TextIO, lines: Iterable[str]) -> int:
    """Write N-Triples lines; how many."""
    block = [f"{line}\n" for line in lines]
    file.writelines(block)
    return len(block)


def _network_files(
    network: nx.Graph, gazetteer: Gazetteer, *, analysis: bool
) -> dict[str, bytes]:
    """The network page, Gephi/VOSviewer files and (unless skipped) the analysis.

    VOSviewer's files and the analysis share one actor projection.
    """
    from graphkit.viz import exchange_files, network_page

    projection = actor_projection(network)
    exchange = exchange_files(network, projection=projection)
    files = {
        "graph.graphml": exchange.pop("network.graphml"),
        "graph.gexf": exchange.pop("network.gexf"),
        **exchange,
        "network.html": network_page(network).encode("utf-8"),
    }
    if analysis:
        from graphkit.analysis import analysis_files, gazetteer_geography

        files |= analysis_files(
            network, gazetteer_geography(gazetteer), projection=projection
        )
    return files
