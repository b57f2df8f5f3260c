"""SHACL validation of a graph against ``ontology/shapes.ttl``, and reading RDF files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Namespace

from graphkit.bundled import ontology_path
from graphkit.errors import OntologyError

__all__ = ["Validation", "Violation", "load_graph_file", "validate_graph"]


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
        graph: the data graph.
        shapes: a shapes file; the bundled ``ontology/shapes.ttl`` by default.
        inplace: let pyshacl add the ontology to ``graph`` instead of to a copy
            (faster; for a graph read only to be checked).

    Returns:
        Whether it conforms, and each violation sorted by node and path.

    Raises:
        OntologyError: if the shapes or the ontology cannot be read.

    Example (not executed)::

        result = validate_graph(Graph().parse("exports/graph.nt"))
        result.conforms
    """
    import pyshacl

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


def load_graph_file(path: str | Path) -> Graph:
    """Parse an RDF file (Turtle, N-Triples, RDF/XML, JSON-LD by its ending).

    Raises:
        OntologyError: if the file is not valid RDF.
    """
    from xml.sax import SAXException

    from rdflib.exceptions import ParserError
    from rdflib.util import guess_format

    from graphkit.errors import ReadError
    from graphkit.store.files import refuse_xml_entities

    try:
        refuse_xml_entities(Path(path))
        return Graph().parse(str(path), format=guess_format(str(path)) or "turtle")
    except ReadError as e:
        raise OntologyError(e.message, path=str(path)) from e
    except (OSError, ValueError, SyntaxError, ParserError, SAXException) as e:
        first = str(e).strip().splitlines()[0][:300] if str(e).strip() else ""
        raise OntologyError(f"not a readable RDF file: {first}", path=str(path)) from e
    except RecursionError as e:
        raise OntologyError(
            "not a readable RDF file: nested too deeply", path=str(path)
        ) from e
