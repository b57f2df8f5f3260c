"""An rdflib graph → JSON-LD with graphkit's context, in a reproducible order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph

from graphkit.rdf.vocabulary import PREFIXES

__all__ = ["JSONLD_CONTEXT", "jsonld_bytes", "write_jsonld"]

#: The JSON-LD context of ``graph.jsonld``: graphkit's prefixes
#: (:data:`~graphkit.rdf.PREFIXES`), so ids read ``actor:reves`` as in queries.
JSONLD_CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))


def _key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _ordered(node: Any) -> Any:
    """A JSON-LD value with its many values sorted (they form a set, not a list)."""
    if isinstance(node, dict):
        return {
            k: (
                sorted(map(_ordered, v), key=_key)
                if isinstance(v, list)
                else _ordered(v)
            )
            for k, v in node.items()
        }
    return node


def jsonld_bytes(graph: Graph) -> bytes:
    """The graph as compacted JSON-LD (rdflib's converter), the same bytes every time.

    rdflib's JSON-LD serializer walks subjects in a set, so its order changes
    from one process to the next; here the nodes are sorted by ``@id`` and every
    property's values by their JSON, which JSON-LD allows (values are a set; the
    graph has no ``@list``).

    Example:
        >>> from rdflib import Literal, URIRef
        >>> from rdflib.namespace import RDFS
        >>> g = Graph()
        >>> _ = g.add((URIRef(PREFIXES["actor"] + "reves"), RDFS.label, Literal("REVES")))
        >>> json.loads(jsonld_bytes(g))["@graph"]
        [{'@id': 'actor:reves', 'rdfs:label': 'REVES'}]
    """
    from rdflib.plugins.serializers.jsonld import from_rdf

    data = from_rdf(graph, dict(JSONLD_CONTEXT), auto_compact=True)
    nodes = data.get("@graph", [])
    if isinstance(data, dict) and "@graph" not in data and "@id" in data:
        nodes = [{k: v for k, v in data.items() if k != "@context"}]
    document = {
        "@context": JSONLD_CONTEXT,
        "@graph": sorted((_ordered(n) for n in nodes), key=lambda n: str(n["@id"])),
    }
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def write_jsonld(graph: Graph, path: str | Path) -> Path:
    """Write :func:`jsonld_bytes` of the graph to ``path``.

    Example (not executed)::

        write_jsonld(Graph().parse("exports/graph.nt"), "exports/graph.jsonld")
    """
    out = Path(path)
    out.write_bytes(jsonld_bytes(graph))
    return out
