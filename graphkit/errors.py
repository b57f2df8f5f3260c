"""The exceptions graphkit raises; only the CLI turns them into messages."""

from __future__ import annotations

__all__ = [
    "ExportError",
    "GraphkitError",
    "OntologyError",
    "ParseError",
    "QueryError",
    "ReadError",
    "ResolveError",
]


class GraphkitError(Exception):
    """Base class for every error graphkit raises on purpose.

    Args:
        message: what went wrong, in plain words.
        path: the file concerned, when there is one.
        line: the 1-based line in that file, when known.
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ReadError(GraphkitError):
    """Raised when a file cannot be read: missing, binary, empty or undecodable."""


class ParseError(GraphkitError):
    """Raised when a document's text has no layout graphkit knows."""


class ResolveError(GraphkitError):
    """Raised when reference data or the actor registry is missing or broken."""


class OntologyError(GraphkitError):
    """Raised when a graph does not fit the ontology or its SHACL shapes."""


class QueryError(GraphkitError):
    """Raised for a SPARQL query that is unknown, malformed or not allowed."""


class ExportError(GraphkitError):
    """Raised when an export cannot be written."""
