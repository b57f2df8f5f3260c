"""Records + links → RDF in the graphkit ontology, with provenance on every fact.

:mod:`~graphkit.rdf.vocabulary` holds the terms and identifiers,
:mod:`~graphkit.rdf.ntriples` writes the graph as N-Triples lines (and Turtle),
:mod:`~graphkit.rdf.shacl` checks it against the shapes.

Example (not executed)::

    from graphkit.rdf import build_graph, validate_graph
    validate_graph(build_graph([(record, links)], load_registry())).conforms
"""

from __future__ import annotations

from graphkit.rdf.ntriples import (
    RecordTriples,
    TripleStream,
    actor_triples,
    build_graph,
    geography_triples,
    ntriples_lines,
    record_triples,
    write_turtle,
)
from graphkit.rdf.shacl import Validation, Violation, validate_graph
from graphkit.rdf.vocabulary import (
    GK,
    ID,
    PREFIX_NOTES,
    PREFIXES,
    ROLE_CONCEPT,
    ROLE_PROPERTY,
    SECTOR_CONCEPT,
    TYPE_CONCEPT,
    actor_iri,
    bind_prefixes,
    curie,
    curies_in,
    document_iri,
    expand_curie,
    project_key,
    redact_contacts,
    sparql_prefixes,
)

__all__ = [
    "GK",
    "ID",
    "PREFIXES",
    "PREFIX_NOTES",
    "ROLE_CONCEPT",
    "ROLE_PROPERTY",
    "SECTOR_CONCEPT",
    "TYPE_CONCEPT",
    "RecordTriples",
    "TripleStream",
    "Validation",
    "Violation",
    "actor_iri",
    "actor_triples",
    "bind_prefixes",
    "build_graph",
    "curie",
    "curies_in",
    "document_iri",
    "expand_curie",
    "geography_triples",
    "ntriples_lines",
    "project_key",
    "record_triples",
    "redact_contacts",
    "sparql_prefixes",
    "validate_graph",
    "write_turtle",
]
