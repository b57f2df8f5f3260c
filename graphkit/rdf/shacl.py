"""SHACL validation of a graph against ``ontology/shapes.ttl``.

Graph files are read by :func:`graphkit.store.open_graph` alone, so a broken
file gives the same error in every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from graphkit.bundled import ontology_path
from graphkit.errors import OntologyError

__all__ = ["Validation", "Violation", "validate_graph"]


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result: the node, the property path and the message."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of checking a graph against ``ontology/shapes.ttl``."""

    conforms: bool
    violations: tuple[Violation, ...] = ()


def validate_graph(
    graph: Graph, shapes: str | Path | None = None, *, inplace: bool = False
) -> Validation:
    """Check a graph against the SHACL shapes (pyshacl), with the ontology.

    Args:
        graph: the data graph; one that rdflib does not hold in memory (from
            :func:`graphkit.store.open_graph`) is checked as an in-memory copy.
        shapes: a shapes file; the bundled ``ontology/shapes.ttl`` by default.
        inplace: let pyshacl add the ontology to ``graph`` instead of to a copy
            (faster; for a graph read only to be checked).

    Returns:
        Whether it conforms, and each violation sorted by node and path.

    Raises:
        OntologyError: if the shapes or the ontology cannot be read.

    Example (not executed)::

        result = validate_graph(open_graph("exports/graph.nt"))
        result.conforms
    """
    import pyshacl

    if not isinstance(graph.store, Memory):
        graph, inplace = _in_memory(graph), True

    try:
        shapes_graph = Graph().parse(
            shapes or ontology_path("shapes.ttl"), format="turtle"
        )
        ontology = Graph().parse(ontology_path("graphkit.ttl"), format="turtle")
    except (OSError, ValueError) as e:
        raise OntologyError(f"shapes or ontology unreadable: {e}") from e
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        ont_graph=ontology,
        inference="none",
        advanced=False,
        allow_warnings=True,
        inplace=inplace,
    )
    sh = Namespace("http://www.w3.org/ns/shacl#")
    violations = sorted(
        Violation(
            focus=str(results.value(node, sh.focusNode)),
            path=str(results.value(node, sh.resultPath) or ""),
            message=str(results.value(node, sh.resultMessage) or ""),
            severity=str(results.value(node, sh.resultSeverity)).rsplit("#", 1)[-1],
        )
        for node in results.subjects(RDF.type, sh.ValidationResult)
    )
    return Validation(bool(conforms), tuple(violations))


def _in_memory(graph: Graph) -> Graph:
    """An in-memory copy of a graph, with literals as rdflib reads them from a file.

    pyshacl over an Oxigraph-backed graph is slow and misreads it. Oxigraph
    gives a plain literal the datatype ``xsd:string``; the copy drops it again,
    so that messages and results are those of the file parsed by rdflib.
    """
    copy = Graph()
    copy.addN((s, p, _plain(o), copy) for s, p, o in graph)
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    return copy


def _plain(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term
