"""Inputs → exports: runs read → parse → resolve → rdf → network and writes the files."""

from __future__ import annotations

import contextlib
import csv
import gc
import html
import io
import json
import logging
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO, TypeVar

import networkx as nx
from rdflib import Graph

from graphkit import __version__
from graphkit.errors import ExportError, GraphkitError, ReadError
from graphkit.extract import find_mentions
from graphkit.network import (
    Participation,
    actor_attributes,
    network_graph,
    project_attributes,
    record_participations,
    sort_participations,
)
from graphkit.parse import parse_document
from graphkit.rdf import (
    RecordTriples,
    TripleStream,
    Validation,
    project_key,
    record_triples,
    validate_graph,
    write_turtle,
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
from graphkit.store.files import load_store, staged_store

__all__ = [
    "BuildResult",
    "Parsed",
    "build",
    "csv_bytes",
    "markdown_text",
    "parse_file",
    "parse_inputs",
    "record_json",
    "staged_files",
    "write_atomically",
]

log = logging.getLogger(__name__)

_T = TypeVar("_T")

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


_WORKER: dict[str, Any] = {}


def _start_worker(work: Callable[..., Any], context: dict[str, Any]) -> None:
    _WORKER.update(work=work, context=context)


def _in_worker(path: Path) -> Any:
    return _WORKER["work"](path, **_WORKER["context"])


def _map_files(
    files: list[Path], work: Callable[..., _T], jobs: int, **context: Any
) -> Iterator[_T]:
    """``work(path, **context)`` for each file, in order; in ``jobs`` processes if > 1."""
    if jobs <= 1 or len(files) < 2 * jobs:
        for path in files:
            yield work(path, **context)
        return
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(work, context)
    ) as pool:
        yield from pool.map(_in_worker, files, chunksize=16)


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
    files, skipped = input_files(inputs)
    for problem in skipped:
        yield Parsed(problem.source_path, None, (), (problem,))
    for results in _map_files(
        files,
        parse_file,
        jobs,
        registry=registry or load_registry(),
        gazetteer=gazetteer or load_gazetteer(),
        overrides=overrides,
    ):
        yield from results


def _graph_file(
    path: Path, *, include_personal_data: bool, **resolvers: Any
) -> list[tuple[Parsed, RecordTriples | None]]:
    """One file's records (text dropped) with their triples, made in the worker."""
    return [
        (
            replace(p, record=replace(p.record, sections=())),
            record_triples(
                p.record, p.links, include_personal_data=include_personal_data
            ),
        )
        if p.record is not None
        else (p, None)
        for p in parse_file(path, **resolvers)
    ]


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


class _Summary:
    """What a build keeps of each file while the triples stream to disk."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.documents: dict[str, str] = {}  # path → sha256
        self.rows: list[Participation] = []
        self.projects: dict[str, dict[str, str]] = {}
        self.methods: Counter[str] = Counter()
        self.to_check: list[tuple[str, Link]] = []  # fuzzy and prefix matches

    def add(self, parsed: Parsed) -> None:
        self.problems += parsed.problems
        record = parsed.record
        if record is None:
            return
        self.documents[record.source_path] = record.sha256
        self.rows += record_participations(record, parsed.links)
        self.projects.setdefault(
            f"project/{project_key(record)}", project_attributes(record)
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
    analysis: bool = True,
    store_dir: str | Path | None = None,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write every export.

    Writes ``graph.ttl``, ``graph.nt``, ``nodes.csv``, ``edges.csv``,
    ``graph.graphml``, ``graph.gexf``, the VOSviewer files, ``network.html``,
    ``resolution.csv``, ``problems.csv``, ``report.md``, ``manifest.json`` and
    the analysis (``centrality.csv``, ``communities.csv``, ``brokerage.csv``,
    ``gaps.csv``, ``analysis.md``) into ``out_dir``.

    Documents stream through: each is read, parsed, resolved and turned into
    N-Triples (in ``jobs`` worker processes), its text is dropped, and its
    triples go straight to ``graph.nt``; the network is made from the same
    participations. Files are written to a temporary folder first and moved
    into place, so an interrupted build leaves the previous exports as they
    were. The same inputs give byte-identical files.

    Args:
        inputs: files and folders.
        out_dir: the exports folder (created if needed).
        include_personal_data: keep contact names, e-mail and phone in exports.
        overrides_path: a CSV of entity-resolution overrides (``name,actor``).
        registry_path: another actor registry than the bundled one.
        jobs: worker processes for reading, parsing and making triples.
        progress: called with each file's result as the build reads it.
        analysis: also run the analysis (centrality, communities, brokerage,
            gaps) and write its tables and ``analysis.md``.
        store_dir: also bulk-load the graph into a persistent Oxigraph store
            there (for ``graphkit query/serve --store``).

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
    summary = _Summary()
    for problem in skipped:
        summary.add(Parsed(problem.source_path, None, (), (problem,)))
    stream = TripleStream(registry, gazetteer)
    out = Path(out_dir)
    with contextlib.ExitStack() as stack:
        stage = stack.enter_context(staged_files(out))
        store = stack.enter_context(staged_store(store_dir)) if store_dir else None
        with (
            (stage / "graph.nt").open("w", encoding="utf-8", newline="\n") as nt,
            (stage / "resolution.csv").open("w", encoding="utf-8", newline="") as res,
        ):
            resolution = csv.writer(res, lineterminator="\n")
            resolution.writerow(_RESOLUTION_COLUMNS)
            triples = _write_lines(nt, stream.geography())
            for results in _map_files(
                files,
                _graph_file,
                jobs,
                registry=registry,
                gazetteer=gazetteer,
                overrides=load_overrides(overrides_path),
                include_personal_data=include_personal_data,
            ):
                for parsed, made in results:
                    summary.add(parsed)
                    resolution.writerows(_resolution_rows(parsed))
                    if made is not None:
                        triples += _write_lines(nt, stream.add(made))
                    if progress is not None:
                        progress(parsed)
            triples += _write_lines(nt, stream.actor_lines())
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
        validation = (
            validate_graph(Graph().parse(stage / "graph.nt", format="nt"), inplace=True)
            if triples <= VALIDATE_MAX_TRIPLES
            else None
        )
        problems = tuple(summary.problems)
        kinds = Counter(str(kind) for _, kind in network.nodes(data="type"))
        counts = {
            "documents": len(summary.documents),
            "projects": kinds["project"],
            "organisations": kinds["organisation"],
            "municipalities": kinds["municipality"],
            "participations": len(rows),
            "triples": triples,
            "problems": len(problems),
            "failed_files": len(failed_files(problems)),
            "shacl_violations": len(validation.violations) if validation else -1,
        }
        counts |= {
            f"role_{role}": n
            for role, n in sorted(Counter(r.role for r in rows).items())
        }
        exports = {
            "nodes.csv": _nodes_csv(network),
            "edges.csv": _edges_csv(rows),
            "problems.csv": _problems_csv(problems),
            "report.md": _report(summary, counts, validation, analysis).encode(),
            "manifest.json": _manifest(inputs, summary, counts, include_personal_data),
        }
        exports |= _network_files(network, gazetteer, analysis=analysis)
        for name, data in exports.items():
            (stage / name).write_bytes(data)
        for done in rdf_files:
            done.result()
        written = tuple(sorted(p.name for p in stage.iterdir()))
    return BuildResult(out, written, counts, problems)


def _write_lines(file: TextIO, lines: Iterable[str]) -> int:
    """Write N-Triples lines; how many."""
    block = [f"{line}\n" for line in lines]
    file.writelines(block)
    return len(block)


def _network_files(
    network: nx.Graph, gazetteer: Gazetteer, *, analysis: bool
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
        from graphkit.analysis import analysis_files, gazetteer_geography

        files |= analysis_files(network, gazetteer_geography(gazetteer))
    return files


@contextlib.contextmanager
def staged_files(out_dir: Path) -> Iterator[Path]:
    """A temporary folder in ``out_dir`` whose files replace those of ``out_dir``.

    The files are moved into place (atomic renames) only when the block ends
    without an exception; the temporary folder is removed either way.

    Raises:
        ExportError: if the folder cannot be created or written.

    Example (not executed)::

        with staged_files(Path("exports")) as stage:
            (stage / "graph.nt").write_text(text)
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".graphkit-", dir=out_dir))
    except OSError as e:
        raise ExportError(
            f"cannot write exports: {e.strerror}", path=str(out_dir)
        ) from e
    try:
        yield staging
        for file in sorted(staging.iterdir()):
            os.replace(file, out_dir / file.name)
    except OSError as e:
        raise ExportError(
            f"cannot write exports: {e.strerror}", path=str(out_dir)
        ) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write files into ``out_dir`` via a temporary folder and atomic renames.

    Raises:
        ExportError: if the folder cannot be created or written.
    """
    with staged_files(out_dir) as stage:
        for name, data in files.items():
            (stage / name).write_bytes(data)


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


_RESOLUTION_COLUMNS = [
    "name",
    "file",
    "line",
    "role",
    "actor",
    "label",
    "method",
    "score",
]


def _resolution_rows(p: Parsed) -> Iterator[list[object]]:
    for link in p.links:
        yield [
            link.name,
            p.source_path,
            link.line,
            link.role,
            link.actor,
            link.label,
            link.method,
            f"{link.score:g}",
        ]
    for problem in p.problems:
        if problem.kind == "unknown-municipality":
            yield [
                problem.value,
                p.source_path,
                problem.line,
                "covers",
                "",
                "",
                "unresolved",
                "0",
            ]


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


#: A report table shows at most this many rows; the CSV files hold them all.
REPORT_ROWS = 500


def _table(
    title: str,
    header: list[str],
    rows: Iterable[Iterable[object]],
    intro: str = "",
    empty: str = "None.",
    rest: str = "problems.csv",
) -> list[str]:
    """A report section: heading, optional intro, and a Markdown table of escaped cells.

    Beyond :data:`REPORT_ROWS` rows the table stops and says how many more
    ``rest`` holds.
    """
    lines = ["", f"## {title}", ""] + ([intro, ""] if intro else [])
    body: list[str] = []
    more = 0
    for row in rows:
        if len(body) < REPORT_ROWS:
            body.append(f"| {' | '.join(markdown_text(cell) for cell in row)} |")
        else:
            more += 1
    if not body:
        return [*lines, empty]
    align = [
        "---:" if name in ("line", "count", "score", "names") else "---"
        for name in header
    ]
    lines += [f"| {' | '.join(header)} |", f"| {' | '.join(align)} |", *body]
    if more:
        lines += ["", f"… and {more:,} more: see `{rest}`."]
    return lines


def _report(
    summary: _Summary,
    counts: dict[str, int],
    validation: Validation | None,
    analysis: bool,
) -> str:
    problems = summary.problems
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
    lines += _table(
        "How names were resolved",
        ["method", "names"],
        sorted(summary.methods.items()),
    )
    lines += _table(
        "Low-score matches to check",
        ["file", "line", "as written", "read as", "score"],
        (
            (path, link.line or "", link.name, link.label, f"{link.score:g}")
            for path, link in summary.to_check
        ),
        rest="resolution.csv",
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
    summary: _Summary,
    counts: dict[str, int],
    include_personal_data: bool,
) -> bytes:
    documents = summary.documents
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
