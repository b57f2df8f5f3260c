"""Export files → their descriptions: a Frictionless Data Package and an RO-Crate.

``datapackage.json`` tells dataframes and spreadsheets each CSV's dialect,
encoding and column types (so ``code`` stays text: ``0114``, not ``114``) and
what each column means (``graphkit/data/csv_columns.csv``).
``ro-crate-metadata.json`` (RO-Crate 1.1, made with the ``rocrate`` library)
makes an exports folder a citable research object: the inputs with their
SHA-256, every output, the graphkit version and the command. Paths in both are
relative (to the exports folder for outputs, to the folder the build ran in
for inputs), so that no export holds the building machine's absolute paths.

Example (not executed)::

    files["datapackage.json"] = data_package(files, excel=False)
"""

from __future__ import annotations

import csv
import datetime
import functools
import hashlib
import io
import json
import logging
import os
import re
import shlex
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graphkit._version import __version__
from graphkit.bundled import data_path

log = logging.getLogger(__name__)

__all__ = [
    "build_date",
    "command_line",
    "data_package",
    "described",
    "relative_path",
    "ro_crate",
    "write_crate",
]

#: What Excel needs to read a CSV as UTF-8.
BOM = b"\xef\xbb\xbf"
_INTEGER = re.compile(r"-?(?:0|[1-9]\d*)")  # a leading zero makes it text
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")


def relative_path(path: str | Path, base: str | Path | None = None) -> str:
    """``path`` relative to ``base`` (the working folder), with ``/`` separators.

    A relative path is kept as given.

    Example:
        >>> relative_path("/data/esf/seeds/a.txt", "/data/esf"), relative_path("seeds/a.txt")
        ('seeds/a.txt', 'seeds/a.txt')
    """
    text = str(path)
    if not os.path.isabs(text):
        return Path(text).as_posix()
    return Path(os.path.relpath(text, base or os.getcwd())).as_posix()


@functools.cache
def _columns() -> dict[tuple[str, str], tuple[str, str]]:
    """``(file, column)`` → ``(type, description)`` of ``data/csv_columns.csv``."""
    with data_path("csv_columns.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["file"], row["column"]): (row["type"], row["description"])
            for row in csv.DictReader(handle)
        }


def _inferred_type(values: Iterable[str]) -> str:
    """``integer``, ``number`` or ``string``: what every non-empty value is."""
    kinds = {"integer", "number"}
    for value in values:
        if not value:
            continue
        if not _INTEGER.fullmatch(value):
            kinds.discard("integer")
        if not _NUMBER.fullmatch(value):
            return "string"
    return "integer" if "integer" in kinds else "number"


def _fields(name: str, data: bytes) -> list[dict[str, str]]:
    """The Table Schema fields of one CSV: declared, or inferred and logged."""
    text = data.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)), [])
    declared = _columns()
    fields = []
    rows: list[list[str]] | None = None
    for i, column in enumerate(header):
        if (name, column) in declared:
            kind, description = declared[name, column]
        else:
            if rows is None:
                rows = list(csv.reader(io.StringIO(text)))[1:]
            kind = _inferred_type(row[i] for row in rows if i < len(row))
            description = "(not described: its type is inferred from its values)"
            log.warning(
                "%s: column %r is not described in csv_columns.csv", name, column
            )
        fields.append({"name": column, "type": kind, "description": description})
    return fields


def data_package(files: Mapping[str, bytes], *, excel: bool = False) -> bytes:
    """``datapackage.json``: a Frictionless tabular Data Package of every ``*.csv``.

    Each resource names its file, SHA-256, size, encoding (``utf-8-sig`` with
    ``excel``: a BOM), the RFC 4180 dialect and every column's type and
    description. Text that a spreadsheet would run as a formula starts with an
    apostrophe (:func:`graphkit.exports.safe_cell`).

    Example:
        >>> package = json.loads(data_package({"nodes.csv": b"id,code\\r\\nm,0114\\r\\n"}))
        >>> [(f["name"], f["type"]) for f in package["resources"][0]["schema"]["fields"]]
        [('id', 'string'), ('code', 'string')]
    """
    resources = []
    for name, data in sorted(files.items()):
        if not name.endswith(".csv"):
            continue
        resources.append(
            {
                "name": name.removesuffix(".csv").replace("_", "-").lower(),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig" if excel else "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                "dialect": {
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                    "header": True,
                },
                "schema": {"fields": _fields(name, data), "missingValues": [""]},
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "graphkit-exports",
        "title": "graphkit exports: projects, actors and their roles",
        "description": "The tables of one graphkit build (see report.md and"
        " manifest.json).",
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode()


def command_line(context: Any) -> str:
    """The ``graphkit`` command of a click context, paths relative, for the crate.

    Example (not executed)::

        command_line(click.get_current_context())  # 'graphkit build seeds -o exports'
    """
    words = ["graphkit", *context.command_path.split()[1:]]
    for param in context.command.params:
        value = context.params.get(param.name)
        if value in (None, False, (), param.default) and not param.required:
            continue
        values = value if isinstance(value, tuple) else (value,)
        flag = [] if param.param_type_name == "argument" else [param.opts[-1]]
        if value is True:
            words += flag
            continue
        for item in values:
            text = relative_path(item) if isinstance(item, Path) else str(item)
            words += [*flag, text]
    return " ".join(shlex.quote(w) for w in words)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_FORMATS = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown",
    ".nt": "application/n-triples",
    ".ttl": "text/turtle",
    ".html": "text/html",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".txt": "text/plain",
}


def build_date(inputs: Iterable[str | Path]) -> str:
    """When the bundle was made, reproducibly: ``SOURCE_DATE_EPOCH`` if set, else
    the newest input file's modification time (UTC, ISO 8601)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        stamp = float(epoch)
    else:
        times = [0.0]
        for item in inputs:
            path = Path(item)
            files = path.rglob("*") if path.is_dir() else [path]
            times += [f.stat().st_mtime for f in files if f.is_file()]
        stamp = max(times)
    when = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
    return when.isoformat()


def ro_crate(
    folder: Path,
    outputs: Iterable[str],
    documents: Mapping[str, str],
    *,
    command: str,
    date: str,
) -> bytes:
    """``ro-crate-metadata.json`` of an exports folder (RO-Crate 1.1).

    The root dataset has every output as a part (``File`` with size, SHA-256
    and media type); one ``CreateAction`` (the build) has graphkit and its
    version as ``instrument``, the input documents (relative paths, SHA-256)
    as ``object``, the outputs as ``result`` and the command as ``description``.

    Args:
        folder: where the outputs are (sizes and checksums are read there).
        outputs: their names, relative to ``folder``.
        documents: each input document's path (relative) → its SHA-256.
        command: the command that made them, e.g. ``graphkit build seeds``.
        date: ``datePublished`` (see :func:`build_date`).

    Example (not executed)::

        ro_crate(stage, names, summary.documents, command="graphkit build seeds",
                 date=build_date(["seeds"]))
    """
    from rocrate.model.contextentity import ContextEntity
    from rocrate.model.softwareapplication import SoftwareApplication
    from rocrate.rocrate import ROCrate

    crate = ROCrate(version="1.1")
    crate.root_dataset["datePublished"] = date
    crate.root_dataset["name"] = "graphkit exports"
    crate.root_dataset["description"] = (
        "A knowledge graph of projects and actors made by graphkit, with its"
        " tables, exchange files and report."
    )
    results = []
    for name in sorted(outputs):
        path = folder / name
        results.append(
            crate.add_file(
                path,
                dest_path=name,
                properties={
                    "name": name,
                    "contentSize": path.stat().st_size,
                    "sha256": _sha256(path),
                    "encodingFormat": _FORMATS.get(
                        path.suffix, "application/octet-stream"
                    ),
                },
            )
        )
    app = crate.add(
        SoftwareApplication(
            crate,
            "https://pypi.org/project/graphkit/",
            properties={"name": "graphkit", "version": __version__},
        )
    )
    inputs = [
        crate.add(
            ContextEntity(
                crate,
                f"#input/{path}",
                properties={
                    "@type": "File",
                    "name": path,
                    "sha256": sha,
                    "encodingFormat": _FORMATS.get(Path(path).suffix, "text/plain"),
                },
            )
        )
        for path, sha in sorted(documents.items())
    ]
    crate.add(
        ContextEntity(
            crate,
            "#build",
            properties={
                "@type": "CreateAction",
                "name": "graphkit build",
                "description": command,
                "endTime": date,
                "instrument": {"@id": app.id},
                "object": [{"@id": e.id} for e in inputs],
                "result": [{"@id": e.id} for e in results],
            },
        )
    )
    metadata = crate.metadata.generate()
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode()


def described(
    exports: dict[str, bytes], resolution: Path, *, excel: bool
) -> dict[str, bytes]:
    """The exports with a BOM on each CSV (``excel``) and ``datapackage.json``.

    ``resolution`` is the CSV a build streams to disk (described, not returned).
    """
    if excel:
        exports = {
            name: BOM + data if name.endswith(".csv") else data
            for name, data in exports.items()
        }
    tables = exports | {resolution.name: resolution.read_bytes()}
    return exports | {"datapackage.json": data_package(tables, excel=excel)}


def write_crate(
    stage: Path,
    inputs: list[str | Path],
    documents: dict[str, str],
    command: str | None,
) -> None:
    """``ro-crate-metadata.json`` of every file in ``stage``."""
    names = [p.name for p in stage.iterdir() if p.is_file()]
    (stage / "ro-crate-metadata.json").write_bytes(
        ro_crate(
            stage,
            names,
            documents,
            command=command
            or f"graphkit.build({[relative_path(i) for i in inputs]!r}, ...)",
            date=build_date(inputs),
        )
    )
