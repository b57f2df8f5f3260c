"""RDF graph ↔ Oxigraph store: open, write, query (read-only), serve and push.

The stage is split in four modules: :mod:`~graphkit.store.files` (RDF files and
persistent stores → rdflib graphs backed by Oxigraph), :mod:`~graphkit.store.query`
(the query library, safe parameters, read-only checks), :mod:`~graphkit.store.results`
(result formats), :mod:`~graphkit.store.server` (a read-only SPARQL endpoint),
:mod:`~graphkit.store.push` (pushing to other stores) and
:mod:`~graphkit.store.terms` (warnings for IRIs a query names that a graph lacks).

Example (not executed)::

    from graphkit.store import open_graph, run_query, format_result
    g = open_graph("exports/")
    print(format_result(run_query(g, "partners-of-actor", {"actor": "org/slup-se"})))
"""

from __future__ import annotations

from graphkit.store.files import is_store, open_graph, write_store
from graphkit.store.push import DEFAULT_GRAPH_IRI, PushAuth, push_graph
from graphkit.store.query import (
    LibraryQuery,
    bind_params,
    check_read_only,
    describe_library,
    library,
    load_query,
    run_query,
)
from graphkit.store.results import FORMATS, format_result
from graphkit.store.server import serve, server_command

__all__ = [
    "DEFAULT_GRAPH_IRI",
    "FORMATS",
    "LibraryQuery",
    "PushAuth",
    "bind_params",
    "check_read_only",
    "describe_library",
    "format_result",
    "is_store",
    "library",
    "load_query",
    "open_graph",
    "push_graph",
    "run_query",
    "serve",
    "server_command",
    "write_store",
]
