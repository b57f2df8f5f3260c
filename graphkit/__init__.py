"""graphkit: documents about social-economy projects → a knowledge graph.

The pipeline runs one way, one module per stage::

    read → parse → extract → resolve → rdf → store → network → analysis → viz → cli

The names here are the ones README.md and ``notebooks/walkthrough.ipynb`` use;
``graphkit docs`` writes their reference (``api.html``). Each is imported from
its stage's module on first use, so that ``import graphkit.cli`` (and
``graphkit --help``) loads neither rdflib nor networkx.

Example (not executed)::

    import graphkit
    result = graphkit.build(["seeds/"], "exports/")
    graph = graphkit.open_graph("exports/")
    print(graphkit.format_result(graphkit.run_query(graph, "money-per-owner")))
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from graphkit._version import __version__

if TYPE_CHECKING:
    from graphkit.analysis import analyze
    from graphkit.build import build
    from graphkit.store import format_result, open_graph, run_query
    from graphkit.viz import network_view

__all__ = [
    "__version__",
    "analyze",
    "build",
    "format_result",
    "network_view",
    "open_graph",
    "run_query",
]

#: Each public name → the module that defines it.
_HOME = {
    "analyze": "graphkit.analysis",
    "build": "graphkit.build",
    "format_result": "graphkit.store",
    "network_view": "graphkit.viz",
    "open_graph": "graphkit.store",
    "run_query": "graphkit.store",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module the first time it is asked for."""
    if name not in _HOME:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package: importing ``graphkit.build`` leaves ``graphkit.build`` the function.

    Python binds a submodule on its package once the submodule is imported;
    for a public function named like its module that binding would hide it.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
