"""Build results → export files: CSV tables, report.md, manifest.json, atomic writes.

The public names are the writers other stages use too (atomic writes, CSV and
Markdown cells); the ``_`` functions make the files of :func:`graphkit.build.build`.

Example (not executed)::

    with staged_files(Path("exports")) as stage:
        (stage / "nodes.csv").write_bytes(csv_bytes(["id"], [["org/slup-se"]]))
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import html
import io
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import networkx as nx

from graphkit._version import __version__
from graphkit.errors import ExportError
from graphkit.network import Participation
from graphkit.problems import kind_info, kinds_of
from graphkit.rdf import Validation
from graphkit.records import Link, Problem

log = logging.getLogger(__name__)

__all__ = [
    "csv_bytes",
    "hold_lock",
    "markdown_text",
    "release_lock",
    "remove_stale_staging",
    "safe_cell",
    "staged_files",
    "write_atomically",
]


#: Staging folders of builds start with this; those of killed builds are removed.
STAGING_PREFIX = ".graphkit-"
#: A staging folder without a lock older than this (seconds) is a killed build's.
_STALE_AFTER = 600


@contextlib.contextmanager
def staged_files(out_dir: Path) -> Iterator[Path]:
    """A temporary folder in ``out_dir`` whose files replace those of ``out_dir``.

    The files are moved into place only when the block ends without an
    exception, all or none: a rename that fails puts back the files already
    moved. The temporary folder is removed either way; those that builds
    killed before they could remove them (they hold no lock) are removed
    first.

    Raises:
        ExportError: if the folder cannot be created or written.

    Example (not executed)::

        with staged_files(Path("exports")) as stage:
            (stage / "graph.nt").write_text(text)
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out_dir, STAGING_PREFIX)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
        lock_path = staging.with_name(staging.name + ".lock")
        lock = hold_lock(lock_path)
    except OSError as e:
        raise ExportError(
            f"cannot write exports: {e.strerror}", path=str(out_dir)
        ) from e
    try:
        yield staging
        _move_into_place(staging, out_dir)
    except OSError as e:
        name = f" ({Path(e.filename).name})" if e.filename else ""
        raise ExportError(
            f"cannot write exports: {e.strerror}{name}; the previous exports are"
            " left as they were",
            path=str(out_dir),
        ) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        release_lock(lock, lock_path)


def _move_into_place(staging: Path, out_dir: Path) -> None:
    """Rename every file of ``staging`` into ``out_dir``, all or none."""
    names = sorted(p.name for p in staging.iterdir())
    for name in names:
        target = out_dir / name
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    previous = Path(tempfile.mkdtemp(prefix=".previous-", dir=staging))
    done: list[tuple[str, bool]] = []  # (name, whether an old file was kept)
    try:
        for name in names:
            target = out_dir / name
            kept = target.exists() or target.is_symlink()
            if kept:
                os.replace(target, previous / name)
            done.append((name, kept))
            os.replace(staging / name, target)
    except OSError:
        for name, kept in reversed(done):
            with contextlib.suppress(OSError):
                if (out_dir / name).exists() and not (staging / name).exists():
                    os.replace(out_dir / name, staging / name)
                if kept:
                    os.replace(previous / name, out_dir / name)
        raise


def hold_lock(path: Path) -> int:
    """Create ``path`` and hold an exclusive lock on it while this process lives.

    Returns:
        The open file descriptor (for :func:`release_lock`).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def release_lock(fd: int, path: Path) -> None:
    """Release a lock taken by :func:`hold_lock` and remove its file."""
    with contextlib.suppress(OSError):
        path.unlink()
    os.close(fd)


def remove_stale_staging(folder: Path, prefix: str) -> None:
    """Remove staging folders ``prefix*`` in ``folder`` that no running build holds.

    A build holds ``<staging>.lock`` while it runs; a staging folder whose lock
    nobody holds, or that has no lock and is older than ten minutes, was left
    by a build that was killed (it may hold personal data).
    """
    for stale in folder.glob(f"{prefix}*"):
        if stale.name.endswith(".lock") or not stale.is_dir():
            continue
        lock = stale.with_name(stale.name + ".lock")
        try:
            if lock.exists():
                fd = os.open(lock, os.O_RDWR)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a running build holds it
                finally:
                    os.close(fd)
            elif time.time() - stale.stat().st_mtime < _STALE_AFTER:
                continue
        except OSError:
            continue
        log.info("removing %s, left by a build that was killed", stale)
        shutil.rmtree(stale, ignore_errors=True)
        with contextlib.suppress(OSError):
            lock.unlink()


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write files into ``out_dir`` via a temporary folder and atomic renames.

    Raises:
        ExportError: if the folder cannot be created or written.
    """
    with staged_files(out_dir) as stage:
        for name, data in files.items():
            (stage / name).write_bytes(data)


_FORMULA_START = ("=", "+", "-", "@", "\t")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_CELL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: no formula, no control characters.

    A text starting with ``= + - @`` or a tab (which a spreadsheet would run
    as a formula) gets a leading apostrophe, as OWASP advises; numbers are
    left alone. Control characters, a carriage return among them, become
    spaces.

    Example:
        >>> print(safe_cell('=HYPERLINK("http://x","y")'), safe_cell("-0.5"), safe_cell(3))
        '=HYPERLINK("http://x","y") -0.5 3
    """
    if not isinstance(value, str):
        return value
    value = _CELL_CONTROLS.sub(" ", value)
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """A UTF-8 CSV file as RFC 4180 has it: CRLF line ends (``None``: an empty cell).

    Every cell goes through :func:`safe_cell`. ``datapackage.json``
    (:func:`graphkit.bundle.data_package`) describes each file's columns.

    Example:
        >>> csv_bytes(["actor", "projects"], [["org/slup-se", 2], ["org/reves", None]])
        b'actor,projects\\r\\norg/slup-se,2\\r\\norg/reves,\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
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
    """``nodes.csv``: one row per node of the project–actor graph."""
    return csv_bytes(
        _NODE_COLUMNS,
        (
            [node, *(attrs.get(c, "") for c in _NODE_COLUMNS[1:])]
            for node, attrs in G.nodes(data=True)
        ),
    )


def _edges_csv(rows: Iterable[Participation]) -> bytes:
    """``edges.csv``: one row per participation, with its document and line."""
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


def _resolution_rows(
    source_path: str, links: Iterable[Link], problems: Iterable[Problem]
) -> Iterator[list[object]]:
    """The ``resolution.csv`` rows of one file: each name and what it resolved to.

    Names left with no actor (municipality names that matched nothing: the
    kinds with an ``unlinked_role`` in :data:`graphkit.problems.KINDS`) come as
    ``unresolved`` rows.
    """
    for row in _raw_resolution_rows(source_path, links, problems):
        yield [safe_cell(cell) for cell in row]


def _raw_resolution_rows(
    source_path: str, links: Iterable[Link], problems: Iterable[Problem]
) -> Iterator[list[object]]:
    for link in links:
        yield [
            link.name,
            source_path,
            link.line,
            link.role,
            link.actor,
            link.label,
            link.method,
            f"{link.score:g}",
        ]
    for problem in problems:
        role = kind_info(problem.kind).unlinked_role
        if role is not None:
            yield [
                problem.value,
                source_path,
                problem.line,
                role,
                "",
                "",
                "unresolved",
                "0",
            ]


def _problems_csv(problems: Iterable[Problem]) -> bytes:
    """``problems.csv``: every problem with its file, line and severity."""
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
_REPORT_ROWS = 500


def _markdown_table(
    title: str,
    header: list[str],
    rows: Iterable[Iterable[object]],
    intro: str = "",
    empty: str = "None.",
    rest: str = "problems.csv",
) -> list[str]:
    """A report section: heading, optional intro, and a Markdown table of escaped cells.

    Beyond :data:`_REPORT_ROWS` rows the table stops and says how many more
    ``rest`` holds.
    """
    lines = ["", f"## {title}", ""] + ([intro, ""] if intro else [])
    body: list[str] = []
    more = 0
    for row in rows:
        if len(body) < _REPORT_ROWS:
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


def _report_md(
    problems: Sequence[Problem],
    methods: Mapping[str, int],
    to_check: Iterable[tuple[str, Link]],
    counts: dict[str, int],
    validation: Validation | None,
    *,
    analysis: bool,
    validate_limit: int,
) -> str:
    """The build report: counts, lost files, unresolved names, SHACL, warnings.

    Args:
        problems: every problem of the build.
        methods: how many names each resolution method resolved.
        to_check: ``(file, link)`` of the fuzzy and prefix matches.
        counts: the build's counts.
        validation: the SHACL result, or None when the graph was too large.
        analysis: whether the build wrote ``analysis.md``.
        validate_limit: the most triples the build validates.
    """
    lines = ["# graphkit build report", "", f"graphkit {__version__}"]
    if analysis:
        lines += [
            "",
            "Who holds the network together and where collaboration is missing:"
            " see [analysis.md](analysis.md). The network: `network.html`.",
        ]
    lines += _markdown_table(
        "Counts",
        ["what", "count"],
        ((name.replace("_", " "), n) for name, n in counts.items()),
    )
    lines += _markdown_table(
        "Files skipped or records lost",
        ["file", "line", "problem"],
        (
            (e.source_path, e.line or "", e.message)
            for e in problems
            if e.severity == "error"
        ),
    )
    lines += _markdown_table(
        "Names not resolved to a known actor",
        ["file", "line", "name", "what"],
        (
            (u.source_path, u.line or "", u.value, u.kind)
            for u in problems
            if kind_info(u.kind).unresolved
        ),
        intro="New actors are kept under the name as written; unknown"
        " municipalities are not linked. Review them in `resolution.csv`; fix"
        " them with an overrides file (`--overrides`).",
    )
    lines += _shacl_section(validation, validate_limit)
    lines += _markdown_table(
        "How names were resolved",
        ["method", "names"],
        sorted(methods.items()),
    )
    lines += _markdown_table(
        "Low-score matches to check",
        ["file", "line", "as written", "read as", "score"],
        (
            (path, link.line or "", link.name, link.label, f"{link.score:g}")
            for path, link in to_check
        ),
        rest="resolution.csv",
    )
    lines += _markdown_table(
        "Warnings",
        ["file", "line", "kind", "message"],
        (
            (w.source_path, w.line or "", w.kind, w.message)
            for w in problems
            if w.severity != "error" and not kind_info(w.kind).unresolved
        ),
    )
    per_kind = Counter(p.kind for p in problems)
    lines += _markdown_table(
        "What the problem kinds mean",
        ["kind", "title", "severity", "count", "meaning"],
        (
            (k.slug, k.title, k.severity, per_kind[k.slug], k.description)
            for k in kinds_of(per_kind)
        ),
    )
    return "\n".join(lines) + "\n"


def _shacl_section(validation: Validation | None, validate_limit: int) -> list[str]:
    """The report's SHACL section: skipped, conforms, or each violation."""
    lines = ["", "## SHACL validation", ""]
    if validation is None:
        return [
            *lines,
            f"Skipped: the graph has more than {validate_limit} triples; run"
            " `graphkit validate` on graph.nt.",
        ]
    if validation.conforms:
        return [*lines, "The graph conforms to `ontology/shapes.ttl`."]
    return [
        *lines,
        f"{len(validation.violations)} violations:",
        "",
        *(
            f"- `{markdown_text(v.focus)}` {markdown_text(v.path)}: {markdown_text(v.message)}"
            for v in validation.violations
        ),
    ]


def _manifest_json(
    inputs: Iterable[str | Path],
    documents: Mapping[str, str],
    counts: dict[str, int],
    include_personal_data: bool,
) -> bytes:
    """``manifest.json``: graphkit's version, the inputs, each document's SHA-256, counts."""
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
