"""graphkit: documents about social-economy projects → a knowledge graph.

The pipeline runs one way, one module per stage::

    read → parse → extract → resolve → rdf → store → network → analysis → viz → cli

Example (not executed)::

    import graphkit
    result = graphkit.build(["seeds/"], "exports/")
    graph = graphkit.open_graph("exports/")
    graphkit.run_query(graph, "partners-of-actor", {"actor": "org/slup-se"})
"""

from __future__ import annotations

__version__ = "0.1.0"

from graphkit.analysis import analyze, run_analysis
from graphkit.build import build, parse_inputs
from graphkit.network import (
    actor_projection,
    participations,
    project_actor_graph,
)
from graphkit.parse import parse_document
from graphkit.rdf import build_graph, validate_graph
from graphkit.read import read_path
from graphkit.resolve import (
    load_gazetteer,
    load_registry,
    resolve_name,
    resolve_record,
)
from graphkit.store import open_graph, run_query
from graphkit.viz import network_page, network_view

__all__ = [
    "__version__",
    "actor_projection",
    "analyze",
    "build",
    "build_graph",
    "load_gazetteer",
    "load_registry",
    "network_page",
    "network_view",
    "open_graph",
    "parse_document",
    "parse_inputs",
    "participations",
    "project_actor_graph",
    "read_path",
    "resolve_name",
    "resolve_record",
    "run_analysis",
    "run_query",
    "validate_graph",
]
