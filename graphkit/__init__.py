"""graphkit: documents about social-economy projects → a knowledge graph.

The pipeline runs one way, one module per stage::

    read → parse → extract → resolve → rdf → store → network → analysis → viz → cli

Example (not executed)::

    import graphkit
    result = graphkit.build(["seeds/"], "exports/")
"""

from __future__ import annotations

__version__ = "0.1.0"

from graphkit.build import build, parse_inputs  # noqa: E402
from graphkit.network import participations, project_actor_graph  # noqa: E402
from graphkit.parse import parse_document  # noqa: E402
from graphkit.rdf import build_graph  # noqa: E402
from graphkit.read import read_path  # noqa: E402
from graphkit.resolve import load_gazetteer, load_registry, resolve_name, resolve_record  # noqa: E402

__all__ = [
    "__version__",
    "build",
    "build_graph",
    "load_gazetteer",
    "load_registry",
    "parse_document",
    "parse_inputs",
    "participations",
    "project_actor_graph",
    "read_path",
    "resolve_name",
    "resolve_record",
]
