"""Query text → warnings about the IRIs it names that the graph does not hold.

A query that names an id the graph lacks (a typo, a copied id cut short, W3C
``org:`` written for graphkit's ``actor:``) runs and returns nothing, in silence.
:func:`unknown_terms` reads the query as rdflib's SPARQL parser does (so IRIs in
strings and comments are not counted) and says which named IRIs are neither in
the graph nor terms of the vocabularies graphkit uses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
)

from graphkit.rdf import GK, ID
from graphkit.rdf.vocabulary import curie
from graphkit.store.query import bind_params, default_prefixes, load_query

__all__ = ["query_warnings", "unknown_terms"]

log = logging.getLogger(__name__)

#: Closed vocabularies graphkit reuses, by name: a term not defined in one is a
#: typo or a confusion.
_CLOSED: dict[type[DefinedNamespace], str] = {
    ORG: "W3C ORG",
    PROV: "PROV-O",
    SKOS: "SKOS",
    DCTERMS: "Dublin Core terms",
    FOAF: "FOAF",
    RDFS: "RDF Schema",
    RDF: "RDF",
    XSD: "XML Schema",
    SDO: "schema.org",
}
#: The most terms checked in one query (a query may list thousands in VALUES).
_MOST = 200


def query_warnings(
    graph: Graph,
    query: str,
    params: Mapping[str, str | Sequence[str]] | None = None,
) -> list[str]:
    """:func:`unknown_terms` of a library query, ``.rq`` file or text, as run.

    Example (not executed)::

        query_warnings(g, "partners-of-actor", {"actor": "actor:nobody"})
        # ['actor:nobody is not in the graph (...)']
    """
    text = bind_params(load_query(query), params or {})
    return unknown_terms(graph, text, default_prefixes(graph))


def unknown_terms(
    graph: Graph,
    text: str,
    prefixes: Mapping[str, str] | None = None,
) -> list[str]:
    """Warnings for the IRIs a query names that the graph does not hold.

    An IRI under graphkit's id namespace (``actor:…``, ``project:…``,
    ``municipality:…``) must be in the graph; a ``gk:`` term must be one of the
    ontology's or in the graph; a term of W3C ORG, PROV-O, SKOS, Dublin Core,
    FOAF, RDF(S), XSD or schema.org must be defined there. ``org:x`` where the
    graph holds ``actor:x`` gets the hint that ``org:`` is W3C ORG. A query
    rdflib cannot parse gets no warnings (the engine reports its errors).

    Args:
        graph: the graph the query runs on.
        text: the SPARQL text, parameters bound.
        prefixes: the prefixes the query may use undeclared.

    Returns:
        One message per unknown IRI, in the order the query names them.

    Example (not executed)::

        unknown_terms(g, "SELECT * { ?p gk:partner org:reves }")
        # ['org:reves is not a term of W3C ORG <http://www.w3.org/ns/org#>: did
        #   you mean actor:reves? (org: is the W3C vocabulary; ...)']
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except (ParseException, ValueError, RecursionError):
        log.debug("no term check: rdflib cannot read the query", exc_info=True)
        return []
    known = dict(prefixes or {})
    known |= {
        str(d["prefix"] or ""): str(d["iri"])
        for d in _nodes(tree[0])
        if isinstance(d, dict) and getattr(d, "name", "") == "PrefixDecl"
    }
    iris: dict[str, None] = {}
    for node in _nodes(tree[1]):
        if isinstance(node, URIRef):
            iris[str(node)] = None
        elif isinstance(node, dict) and getattr(node, "name", "") == "pname":
            namespace = known.get(str(node.get("prefix") or ""))
            if namespace is not None:
                iris[namespace + str(node.get("localname") or "")] = None
    messages = []
    for iri in list(iris)[:_MOST]:
        message = _check(graph, URIRef(iri))
        if message:
            messages.append(message)
    return messages


def _nodes(node: object, depth: int = 0) -> Iterator[object]:
    """Every node of rdflib's SPARQL parse tree (nested CompValues and lists)."""
    yield node
    if depth > 500:
        return
    if isinstance(node, dict):
        for value in node.values():
            yield from _nodes(value, depth + 1)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:  # type: ignore[attr-defined]
            yield from _nodes(value, depth + 1)


def _in_graph(graph: Graph, iri: URIRef) -> bool:
    return (
        (iri, None, None) in graph
        or (None, None, iri) in graph
        or (None, iri, None) in graph
    )


def _defined(namespace: type[DefinedNamespace], name: str) -> bool:
    try:
        namespace[name]
    except (AttributeError, KeyError):
        return False
    return True


def _check(graph: Graph, iri: URIRef) -> str | None:
    text = str(iri)
    if text.startswith(str(ID)):
        if _in_graph(graph, iri):
            return None
        return f"{curie(text)} is not in the graph"
    if text.startswith(str(GK._NS)):
        name = text[len(str(GK._NS)) :]
        if name in GK.__annotations__ or _in_graph(graph, iri):
            return None
        return f"{curie(text)} is not a graphkit term (`graphkit docs` lists them)"
    for namespace, title in _CLOSED.items():
        base = str(namespace._NS)
        if not text.startswith(base):
            continue
        name = text[len(base) :]
        if _defined(namespace, name) or _in_graph(graph, iri):
            return None
        message = f"{curie(text)} is not a term of {title} <{base}>"
        if namespace is ORG:
            if _in_graph(graph, URIRef(f"{ID}org/{name}")):
                message += f": did you mean actor:{name}?"
            message += (
                " (org: is the W3C vocabulary; graphkit's organisations are actor:)"
            )
        return message
    return None
