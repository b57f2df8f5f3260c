"""One input file → its parsed, resolved records: the per-document error boundary, workers.

Each file is read, parsed, resolved (links and mentions) and its lineage cues
found; a file that fails for any reason becomes one ``error`` problem of that
file and the build goes on (:func:`_one_document`). With ``jobs`` > 1 the files
are worked in that many processes, in input order (:func:`map_files`).

Example:
    >>> from tests.conftest import seed
    >>> [p.record.owner for p in parse_file(seed("002"), load_registry(), load_gazetteer())]
    ['Coompanion Kooperativ Utveckling Stockholms län']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from graphkit.concepts import project_concepts
from graphkit.errors import GraphkitError, ReadError
from graphkit.extract import find_mentions
from graphkit.extract.lineage import find_lineage
from graphkit.parse import parse_document
from graphkit.rdf import RecordTriples, record_triples
from graphkit.read import input_files, read_path
from graphkit.read.pdf import NoTextLayer
from graphkit.records import Lineage, Link, Problem, ProjectRecord
from graphkit.resolve import (
    Gazetteer,
    Registry,
    load_gazetteer,
    load_registry,
    resolve_mentions,
    resolve_record,
)

__all__ = [
    "Parsed",
    "graph_file",
    "map_files",
    "parse_file",
    "parse_inputs",
    "record_json",
]

log = logging.getLogger(__name__)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A record with its resolved links and problems (or a file that failed)."""

    source_path: str
    record: ProjectRecord | None
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()
    lineage: tuple[Lineage, ...] = ()


def parse_file(
    path: Path,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None = None,
    ocr: bool = False,
) -> list[Parsed]:
    """Read, parse and resolve one file; a file that fails gives one error result.

    A document that fails for any reason is reported with its file, line and
    reason (see :func:`_one_document`) and the build goes on with the rest.

    Example (not executed)::

        [p.record.title for p in parse_file(Path("seeds/000_….txt"), load_registry(),
                                            load_gazetteer())]
    """
    return _one_document(path, _parse_file, registry, gazetteer, overrides, ocr)


def _one_document(
    path: Path, work: Callable[..., list[_T]], *args: Any, **kwargs: Any
) -> list[_T] | list[Parsed]:
    """``work(path, ...)``, with the one per-document error boundary of a build.

    A :class:`GraphkitError` is a document graphkit cannot read or parse. Any
    other exception is a document that made a stage fail (a bug, or input no
    check foresaw: a ``RecursionError``, a ``UnicodeEncodeError``, a
    ``MemoryError``); it is caught here, and only here, so that one document
    cannot abort a streamed build of thousands, in this process or in a
    worker process. Both become an ``error`` problem of the file.
    """
    try:
        return work(path, *args, **kwargs)
    except GraphkitError as e:
        problem = Problem(
            # a scanned PDF is said apart, with what to do about it
            "no-text-layer"
            if isinstance(e, NoTextLayer)
            else "unreadable"
            if isinstance(e, ReadError)
            else "unparsable",
            e.message,
            str(path),
            e.line,
            severity="error",
        )
    except Exception as e:  # the documented per-document boundary, see above
        log.debug("document %s failed", path, exc_info=True)
        reason = str(e).splitlines()[0][:300] if str(e) else ""
        problem = Problem(
            "unparsable",
            f"document failed ({type(e).__name__}{': ' if reason else ''}{reason});"
            " skipped",
            str(path),
            getattr(e, "lineno", None)
            if isinstance(getattr(e, "lineno", None), int)
            else None,
            severity="error",
        )
    return [Parsed(str(path), None, (), (problem,))]


def _parse_file(
    path: Path,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None = None,
    ocr: bool = False,
) -> list[Parsed]:
    records, problems = parse_document(read_path(path, ocr=ocr))
    results = [Parsed(str(path), None, (), problems)] if problems else []
    for record in records:
        links, listed = resolve_record(record, registry, gazetteer, overrides)
        mentions = find_mentions(record, registry, gazetteer)
        mention_links, mentioned = resolve_mentions(
            record, mentions, registry, gazetteer, overrides
        )
        lineage = find_lineage(record, mention_links, gazetteer)
        results.append(
            Parsed(
                str(path),
                record,
                (*links, *mention_links),
                (
                    *record.problems,
                    *project_concepts(record).problems,
                    *listed,
                    *mentioned,
                ),
                lineage,
            )
        )
    return results


_WORKER: dict[str, Any] = {}


def _start_worker(work: Callable[..., Any], context: dict[str, Any]) -> None:
    _WORKER.update(work=work, context=context)


def _in_worker(path: Path) -> Any:
    return _WORKER["work"](path, **_WORKER["context"])


def map_files(
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
    overrides: Mapping[str, str] | None = None,
    jobs: int = 1,
    ocr: bool = False,
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
    for results in map_files(
        files,
        parse_file,
        jobs,
        registry=registry or load_registry(),
        gazetteer=gazetteer or load_gazetteer(),
        overrides=overrides,
        ocr=ocr,
    ):
        yield from results


def graph_file(
    path: Path, *, include_personal_data: bool, **resolvers: Any
) -> list[tuple[Parsed, RecordTriples | None]]:
    """One file's records (text dropped) with their triples, made in the worker."""
    results = _one_document(
        path, _file_triples, include_personal_data=include_personal_data, **resolvers
    )
    return [
        item if isinstance(item, tuple) else (item, None)  # a failed document
        for item in results
    ]


def _file_triples(
    path: Path, *, include_personal_data: bool, **resolvers: Any
) -> list[tuple[Parsed, RecordTriples | None]]:
    return [
        (
            replace(p, record=replace(p.record, sections=())),
            record_triples(
                p.record, p.links, include_personal_data=include_personal_data
            ),
        )
        if p.record is not None
        else (p, None)
        for p in _parse_file(path, **resolvers)
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
        "estimated_cost_sek": record.estimated_cost_sek,
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
