"""Inputs → exports: runs read → parse → resolve → rdf → network and writes the files."""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graphkit import __version__
from graphkit.errors import ExportError, GraphkitError, ReadError
from graphkit.extract import find_mentions
from graphkit.network import Participation, participations, project_actor_graph
from graphkit.parse import parse_document
from graphkit.rdf import (
    Validation,
    bind_prefixes,
    graph_triples,
    sorted_ntriples,
    turtle_from_ntriples,
    validate_graph,
)
from graphkit.read import input_files, read_path
from graphkit.records import Link, Problem, ProjectRecord
from graphkit.resolve import (
    Gazetteer,
    Registry,
    load_gazetteer,
    load_overrides,
    load_registry,
    resolve_mentions,
    resolve_record,
)
from graphkit.store.files import load_ntriples

__all__ = [
    "BuildResult",
    "Parsed",
    "build",
    "csv_bytes",
    "markdown_text",
    "parse_file",
    "parse_inputs",
    "record_json",
    "write_atomically",
]

log = logging.getLogger(__name__)

#: Larger graphs are not SHACL-validated during a build (pyshacl is slow there).
VALIDATE_MAX_TRIPLES = 150_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """A record with its resolved links and problems (or a file that failed)."""

    source_path: str
    record: ProjectRecord | None
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()


def parse_file(
    path: Path,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: dict[str, str] | None = None,
) -> list[Parsed]:
    """Read, parse and resolve one file; a file that fails gives one error result.

    Example (not executed)::

        [p.record.title for p in parse_file(Path("seeds/000_….txt"), load_registry(),
                                            load_gazetteer())]
    """
    try:
        records, problems = parse_document(read_path(path))
    except GraphkitError as e:
        kind = "unreadable" if isinstance(e, ReadError) else "unparsable"
        problem = Problem(kind, e.message, str(path), e.line, severity="error")
        return [Parsed(str(path), None, (), (problem,))]
    results = [Parsed(str(path), None, (), problems)] if problems else []
    for record in records:
        links, listed = resolve_record(record, registry, gazetteer, overrides)
        mentions = find_mentions(record, registry, gazetteer)
        mention_links, mentioned = resolve_mentions(
            record, mentions, registry, gazetteer, overrides
        )
        results.append(
            Parsed(
                str(path),
                record,
                (*links, *mention_links),
                (*record.problems, *listed, *mentioned),
            )
        )
    return results


_WORKER: dict[str, object] = {}


def _start_worker(
    registry: Registry, gazetteer: Gazetteer, overrides: dict[str, str]
) -> None:
    _WORKER.update(registry=registry, gazetteer=gazetteer, overrides=overrides)


def _parse_in_worker(path: Path) -> list[Parsed]:
    return parse_file(path, **_WORKER)  # type: ignore[arg-type]


def parse_inputs(
    inputs: Iterable[str | Path],
    *,
    registry: Registry | None = None,
    gazetteer: Gazetteer | None = None,
    overrides: dict[str, str] | None = None,
    jobs: int = 1,
) -> Iterator[Parsed]:
    """Read, parse and resolve every input, one file at a time, in input order.

    A file that cannot be read or parsed yields a :class:`Parsed` with no
    record and an ``error`` problem; the rest go on. With ``jobs`` > 1 files
    are parsed in that many worker processes; results keep the input order.

    Example (not executed)::

        for parsed in parse_inputs(["seeds/"]):
            print(parsed.record.title, len(parsed.links))
    """
    registry = registry or load_registry()
    gazetteer = gazetteer or load_gazetteer()
    files, skipped = input_files(inputs)
    for problem in skipped:
        yield Parsed(problem.source_path, None, (), (problem,))
    if jobs <= 1 or len(files) < 2 * jobs:
        for path in files:
            yield from parse_file(path, registry, gazetteer, overrides)
        return
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(registry, gazetteer, overrides or {})
    ) as pool:
        for results in pool.map(_parse_in_worker, files, chunksize=32):
            yield from results


def record_json(parsed: Parsed) -> dict[str, object]:
    """The `graphkit parse` JSON object of one record.

    Keys: ``source``, the header fields, ``fund``, ``grant_sek``, ``partners``,
    ``municipalities`` (``{"name", "code"}``), ``transnational_partners``,
    ``group_members``, ``warnings``.
    """
    record = parsed.record
    assert record is not None
    codes = {
        (link.line, link.name): link.actor.split("/")[1]
        for link in parsed.links
        if link.role == "covers"
    }
    obj: dict[str, object] = {"source": record.source_path}
    obj |= record.header()
    obj |= {
        "fund": record.fund,
        "grant_sek": record.grant_sek,
        "layout": record.layout,
        "partners": [{"name": p.name, "line": p.line} for p in record.partners],
        "municipalities": [
            {"name": m.name, "code": codes.get((m.line, m.name))}
            for m in record.municipalities
        ],
        "transnational_partners": [
            {"name": p.name, "line": p.line} for p in record.transnational_partners
        ],
        "group_members": [
            {"name": p.name, "line": p.line} for p in record.group_members
        ],
        "warnings": [str(p) for p in parsed.problems],
    }
    return obj


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
        sorted(
            {p.source_path for p in problems if p.kind in ("unreadable", "unparsable")}
        )
    )


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    include_personal_data: bool = False,
    overrides_path: str | Path | None = None,
    registry_path: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[Parsed], None] | None = None,
    analysis: bool = True,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write every export.

    Writes ``graph.ttl``, ``graph.nt``, ``nodes.csv``, ``edges.csv``,
    ``graph.graphml``, ``graph.gexf``, the VOSviewer files, ``network.html``,
    ``resolution.csv``, ``problems.csv``, ``report.md``, ``manifest.json`` and
    the analysis (``centrality.csv``, ``communities.csv``, ``brokerage.csv``,
    ``gaps.csv``, ``analysis.md``) into ``out_dir``. Files are written to a temporary folder
    first and moved into place, so an interrupted build leaves the previous
    exports as they were. The same inputs give byte-identical files.

    Args:
        inputs: files and folders.
        out_dir: the exports folder (created if needed).
        include_personal_data: keep contact names, e-mail and phone in exports.
        overrides_path: a CSV of entity-resolution overrides (``name,actor``).
        registry_path: another actor registry than the bundled one.
        jobs: worker processes for reading and parsing.
        progress: called with each file's result as the build reads it.
        analysis: also run the analysis (centrality, communities, brokerage,
            gaps) and write its tables and ``analysis.md``.

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
    overrides = load_overrides(overrides_path)
    parsed: list[Parsed] = []

    def items() -> Iterator[tuple[ProjectRecord, tuple[Link, ...]]]:
        """Stream records into the graph, keeping only what the reports need."""
        for p in parse_inputs(
            inputs,
            registry=registry,
            gazetteer=gazetteer,
            overrides=overrides,
            jobs=jobs,
        ):
            if p.record is not None:
                yield p.record, p.links
                p = replace(p, record=replace(p.record, sections=()))  # drop the text
            parsed.append(p)
            if progress is not None:
                progress(p)

    ntriples = sorted_ntriples(
        graph_triples(
            items(), registry, gazetteer, include_personal_data=include_personal_data
        )
    )
    graph = load_ntriples(ntriples)
    rows = participations(graph)
    network = project_actor_graph(graph, rows=rows)
    validation = (
        validate_graph(bind_prefixes(Graph()).parse(data=ntriples, format="nt"))
        if len(graph) <= VALIDATE_MAX_TRIPLES
        else None
    )
    problems = tuple(problem for p in parsed for problem in p.problems)
    kinds = Counter(str(attrs["type"]) for _, attrs in network.nodes(data=True))
    counts = {
        "documents": len({p.source_path for p in parsed if p.record is not None}),
        "projects": kinds["project"],
        "organisations": kinds["organisation"],
        "municipalities": kinds["municipality"],
        "participations": len(rows),
        "triples": len(graph),
        "problems": len(problems),
        "failed_files": len(failed_files(problems)),
        "shacl_violations": len(validation.violations) if validation else -1,
    }
    counts |= {
        f"role_{role}": n for role, n in sorted(Counter(r.role for r in rows).items())
    }
    files = {
        "graph.nt": ntriples,
        "graph.ttl": turtle_from_ntriples(ntriples),
        "nodes.csv": _nodes_csv(network),
        "edges.csv": _edges_csv(rows),
        "resolution.csv": _resolution_csv(parsed),
        "problems.csv": _problems_csv(problems),
        "report.md": _report(parsed, counts, validation, analysis).encode("utf-8"),
        "manifest.json": _manifest(inputs, parsed, counts, include_personal_data),
    }
    files |= _network_files(graph, network, analysis=analysis)
    out = Path(out_dir)
    write_atomically(out, files)
    return BuildResult(out, tuple(files), counts, problems)


def _network_files(
    graph: Graph, network: nx.Graph, *, analysis: bool
) -> dict[str, bytes]:
    """The network page, Gephi/VOSviewer files and (unless skipped) the analysis."""
    from graphkit.viz import exchange_files, network_page

    exchange = exchange_files(network)
    files = {
        "graph.graphml": exchange.pop("network.graphml"),
        "graph.gexf": exchange.pop("network.gexf"),
        **exchange,
        "network.html": network_page(network).encode("utf-8"),
    }
    if analysis:
        from graphkit.analysis import analysis_files

        files |= analysis_files(graph, bipartite=network)
    return files


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write files into ``out_dir`` via a temporary folder and atomic renames.

    Raises:
        ExportError: if the folder cannot be created or written.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".graphkit-", dir=out_dir))
    except OSError as e:
        raise ExportError(
            f"cannot write exports: {e.strerror}", path=str(out_dir)
        ) from e
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        for name in files:
            os.replace(staging / name, out_dir / name)
    except OSError as e:
        raise ExportError(
            f"cannot write exports: {e.strerror}", path=str(out_dir)
        ) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """A UTF-8 CSV file with LF line ends (``None`` is an empty cell), as bytes.

    Example:
        >>> csv_bytes(["actor", "projects"], [["org/slup-se", 2], ["org/reves", None]])
        b'actor,projects\\norg/slup-se,2\\norg/reves,\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


_NODE_COLUMNS = [
    "id",
    "label",
    "type",
    "actor_type",
    "sector",
    "code",
    "start",
    "end",
    "programme_area",
    "phase",
    "fund",
    "region",
]


def _nodes_csv(G: nx.Graph) -> bytes:
    return csv_bytes(
        _NODE_COLUMNS,
        (
            [node, *(attrs.get(c, "") for c in _NODE_COLUMNS[1:])]
            for node, attrs in G.nodes(data=True)
        ),
    )


def _edges_csv(rows: list[Participation]) -> bytes:
    return csv_bytes(
        [
            "source",
            "target",
            "role",
            "project",
            "document",
            "line",
            "section",
            "name_as_written",
            "method",
            "score",
        ],
        (
            [
                r.project,
                r.actor,
                r.role,
                r.project,
                r.document,
                r.line,
                r.section,
                r.name,
                r.method,
                f"{r.score:g}",
            ]
            for r in rows
        ),
    )


def _resolution_csv(parsed: list[Parsed]) -> bytes:
    rows = []
    for p in parsed:
        for link in p.links:
            rows.append(
                [
                    link.name,
                    p.source_path,
                    link.line,
                    link.role,
                    link.actor,
                    link.label,
                    link.method,
                    f"{link.score:g}",
                ]
            )
        for problem in p.problems:
            if problem.kind == "unknown-municipality":
                rows.append(
                    [
                        problem.value,
                        p.source_path,
                        problem.line,
                        "covers",
                        "",
                        "",
                        "unresolved",
                        "0",
                    ]
                )
    return csv_bytes(
        ["name", "file", "line", "role", "actor", "label", "method", "score"], rows
    )


def _problems_csv(problems: tuple[Problem, ...]) -> bytes:
    return csv_bytes(
        ["file", "line", "severity", "kind", "message", "value"],
        (
            [p.source_path, p.line, p.severity, p.kind, p.message, p.value]
            for p in problems
        ),
    )


def markdown_text(text: object) -> str:
    """Document text safe in Markdown: HTML entities, no markup, pipes or line breaks.

    Example:
        >>> print(markdown_text("<img src=x> | *Region* Skåne"))
        &lt;img src=x&gt; \\| \\*Region\\* Skåne
    """
    value = html.escape(" ".join(str(text).splitlines()), quote=False)
    for char in "\\`*_[]|#":
        value = value.replace(char, "\\" + char)
    return value


def _table(
    title: str,
    header: list[str],
    rows: Iterable[Iterable[object]],
    intro: str = "",
    empty: str = "None.",
) -> list[str]:
    """A report section: heading, optional intro, and a Markdown table of escaped cells."""
    lines = ["", f"## {title}", ""] + ([intro, ""] if intro else [])
    body = [f"| {' | '.join(markdown_text(cell) for cell in row)} |" for row in rows]
    if not body:
        return [*lines, empty]
    align = [
        "---:" if name in ("line", "count", "score", "names") else "---"
        for name in header
    ]
    return [*lines, f"| {' | '.join(header)} |", f"| {' | '.join(align)} |", *body]


def _report(
    parsed: list[Parsed],
    counts: dict[str, int],
    validation: Validation | None,
    analysis: bool,
) -> str:
    problems = [pr for p in parsed for pr in p.problems]
    links = [(p.source_path, link) for p in parsed for link in p.links]
    unresolved_kinds = ("unknown-municipality", "new-actor")
    lines = ["# graphkit build report", "", f"graphkit {__version__}"]
    if analysis:
        lines += [
            "",
            "Who holds the network together and where collaboration is missing:"
            " see [analysis.md](analysis.md). The network: `network.html`.",
        ]
    lines += _table(
        "Counts",
        ["what", "count"],
        ((name.replace("_", " "), n) for name, n in counts.items()),
    )
    lines += _table(
        "Files skipped or records lost",
        ["file", "line", "problem"],
        (
            (e.source_path, e.line or "", e.message)
            for e in problems
            if e.severity == "error"
        ),
    )
    lines += _table(
        "Names not resolved to a known actor",
        ["file", "line", "name", "what"],
        (
            (u.source_path, u.line or "", u.value, u.kind)
            for u in problems
            if u.kind in unresolved_kinds
        ),
        intro="New actors are kept under the name as written; unknown"
        " municipalities are not linked. Review them in `resolution.csv`; fix"
        " them with an overrides file (`--overrides`).",
    )
    lines += ["", "## SHACL validation", ""]
    if validation is None:
        lines += [
            f"Skipped: the graph has more than {VALIDATE_MAX_TRIPLES} triples; run"
            " `graphkit validate` on graph.nt."
        ]
    elif validation.conforms:
        lines += ["The graph conforms to `ontology/shapes.ttl`."]
    else:
        lines += [f"{len(validation.violations)} violations:", ""]
        lines += [
            f"- `{markdown_text(v.focus)}` {markdown_text(v.path)}: {markdown_text(v.message)}"
            for v in validation.violations
        ]
    methods = Counter(link.method for _, link in links)
    lines += _table(
        "How names were resolved", ["method", "names"], sorted(methods.items())
    )
    lines += _table(
        "Low-score matches to check",
        ["file", "line", "as written", "read as", "score"],
        (
            (path, link.line or "", link.name, link.label, f"{link.score:g}")
            for path, link in links
            if link.method in ("fuzzy", "prefix")
        ),
    )
    lines += _table(
        "Warnings",
        ["file", "line", "kind", "message"],
        (
            (w.source_path, w.line or "", w.kind, w.message)
            for w in problems
            if w.severity != "error" and w.kind not in unresolved_kinds
        ),
    )
    return "\n".join(lines) + "\n"


def _manifest(
    inputs: list[str | Path],
    parsed: list[Parsed],
    counts: dict[str, int],
    include_personal_data: bool,
) -> bytes:
    documents = {}
    for p in parsed:
        if p.record is not None:
            documents[p.record.source_path] = p.record.sha256
    manifest = {
        "graphkit": __version__,
        "inputs": [str(i) for i in inputs],
        "documents": [
            {"path": path, "sha256": sha} for path, sha in sorted(documents.items())
        ],
        "include_personal_data": include_personal_data,
        "counts": counts,
    }
    return (
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode()
