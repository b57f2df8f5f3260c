"""SPARQL results → text: the table, CSV, TSV and JSON that ``graphkit query`` prints.

Control characters in results are made visible, so no query result can drive the
terminal it is printed on.
"""

from __future__ import annotations

import csv
import io
import json
import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from graphkit.errors import QueryError
from graphkit.rdf import bind_prefixes
from graphkit.rdf.vocabulary import curie

__all__ = ["FORMATS", "format_result", "visible"]

#: The formats :func:`format_result` writes.
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")


def format_result(result: Result, fmt: str = "table") -> str:
    """A query result as text: an aligned ``table``, or SPARQL ``csv``/``tsv``/``json``.

    ASK results print ``true``/``false``; CONSTRUCT and DESCRIBE results print
    as Turtle (table) or N-Triples. The table writes IRIs as the prefixed names
    of :data:`~graphkit.rdf.PREFIXES` (``actor:reves``), which paste back into
    a query, and never cuts them; CSV, TSV and JSON keep full IRIs.

    Example (not executed)::

        print(format_result(run_query(g, "SELECT ..."), "csv"))
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return (
            json.dumps({"head": {}, "boolean": answer})
            if fmt == "json"
            else ("true" if answer else "false")
        )
    if result.type != "SELECT":
        assert result.graph is not None
        graph = bind_prefixes(Graph()) + result.graph
        return graph.serialize(format="turtle" if fmt == "table" else "nt")
    names = [str(v) for v in result.vars or ()]
    rows: list[list[Node | None]] = [
        [row.get(v) for v in result.vars or ()] for row in result.bindings
    ]
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](names, rows)


_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INVISIBLE_IN_TABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str, pattern: re.Pattern[str] = _INVISIBLE) -> str:
    """Text with control characters written as ``\\u001b`` escapes, for terminals.

    Example:
        >>> visible("Kris\\x1b[31m Stockholm")
        'Kris\\\\u001b[31m Stockholm'
    """
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _short(term: Node | None) -> str:
    """A table cell: an IRI as the CURIE that pastes back into a query."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return visible(curie(str(term)), _INVISIBLE_IN_TABLE)
    return visible(str(term), _INVISIBLE_IN_TABLE)


def _is_number(term: Node | None) -> bool:
    return isinstance(term, Literal) and isinstance(term.toPython(), int | float)


def _table(names: list[str], rows: list[list[Node | None]], width: int = 60) -> str:
    """An aligned table; IRIs are never cut (a copied id must run), long texts are."""
    cells = [
        [
            c if len(c) <= width or isinstance(t, URIRef) else c[: width - 1] + "…"
            for c, t in zip(map(_short, row), row, strict=True)
        ]
        for row in rows
    ]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    right = [
        bool(rows) and all(_is_number(r[i]) for r in rows if r[i] is not None)
        for i in range(len(names))
    ]

    def line(values: list[str]) -> str:
        padded = (
            v.rjust(w) if r else v.ljust(w)
            for v, w, r in zip(values, widths, right, strict=True)
        )
        return "  ".join(padded).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *map(line, cells)]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _csv(names: list[str], rows: list[list[Node | None]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows(
        ["" if v is None else visible(str(v)) for v in row] for row in rows
    )
    return buffer.getvalue()


def _plain(term: Node) -> Node:
    """A literal typed xsd:string (as Oxigraph returns them) as a plain literal."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _tsv_term(term: Node) -> str:
    if (
        isinstance(term, Literal)
        and term.datatype == XSD.integer
        and re.fullmatch(r"[+-]?\d+", str(term))
    ):
        return str(term)  # Turtle's short form, as SPARQL TSV allows
    return _plain(term).n3()


def _tsv(names: list[str], rows: list[list[Node | None]]) -> str:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += [
        "\t".join("" if v is None else visible(_tsv_term(v)) for v in row)
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _json(names: list[str], rows: list[list[Node | None]]) -> str:
    def binding(term: Node) -> dict[str, str]:
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        assert isinstance(term, Literal)
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out

    bindings = [
        {n: binding(v) for n, v in zip(names, row, strict=True) if v is not None}
        for row in rows
    ]
    return (
        json.dumps(
            {"head": {"vars": names}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
