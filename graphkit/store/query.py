"""SPARQL text → read-only results: the query library, parameters, checks, formats."""

from __future__ import annotations

import re
import textwrap
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from rdflib import Graph
from rdflib.namespace import XSD
from rdflib.query import Result

from graphkit.bundled import ontology_path
from graphkit.errors import QueryError
from graphkit.rdf import ID, PREFIXES
from graphkit.rdf.vocabulary import expand_curie

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_DEPTH",
    "QUERY_TIMEOUT",
    "LibraryQuery",
    "bind_params",
    "check_read_only",
    "describe_library",
    "library",
    "load_query",
    "query_depth",
    "run_query",
]

_R = TypeVar("_R")

#: Output formats of :func:`format_result`.


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """One query of the library in ``ontology/queries/``.

    Attributes:
        name: the file name without ``.rq``, e.g. ``partners-of-actor``.
        question: the researcher's question, in plain words.
        params: ``(name, default, description)`` of each parameter.
        text: the SPARQL text.
    """

    name: str
    question: str
    params: tuple[tuple[str, str, str], ...]
    text: str


_HEADER_KEY = re.compile(r"^#\s*(question|param|returns)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM = re.compile(r"^(\w+)\s*=\s*(\S+)\s*(?:\((.*)\))?\s*$")


def library(folder: str | Path | None = None) -> tuple[LibraryQuery, ...]:
    """The query library, sorted by name.

    Each ``.rq`` file starts with comment lines ``# question: ...`` and one
    ``# param: name = default (what it is)`` per parameter.

    Example (not executed)::

        for q in library():
            print(q.name, q.question)
    """
    base = Path(folder) if folder else ontology_path("queries")
    return tuple(_library_query(path) for path in sorted(base.glob("*.rq")))


def _library_query(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"question": [], "param": [], "returns": []}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_KEY.match(line)
        if match:
            key = match.group(1).lower()
            fields[key].append(match.group(2).strip())
        elif key and line.lstrip("#").strip():
            fields[key][-1] += " " + line.lstrip("#").strip()
    params = []
    for spec in fields["param"]:
        match = _PARAM.match(spec)
        if not match:
            raise QueryError(f"bad parameter line {spec!r}", path=str(path))
        params.append((match.group(1), match.group(2), match.group(3) or ""))
    return LibraryQuery(path.stem, " ".join(fields["question"]), tuple(params), text)


def load_query(query: str, folder: str | Path | None = None) -> str:
    """The SPARQL text of a library query name, a ``.rq`` file, or inline text.

    Raises:
        QueryError: for a bare name that is neither in the library nor a file.

    Example (not executed)::

        load_query("partners-of-actor")
        load_query("my-question.rq")
        load_query("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    """
    by_name = {q.name: q for q in library(folder)}
    if query in by_name:
        return by_name[query].text
    if query.endswith(".rq") and Path(query).is_file():
        return Path(query).read_text(encoding="utf-8")
    if re.fullmatch(r"[\w./-]+", query):
        raise QueryError(
            f"unknown query {query!r}; `graphkit query --list` shows the library"
        )
    return query


# -------------------------------------------------------------- parameters and checks


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def bind_params(text: str, params: Mapping[str, str | Sequence[str]]) -> str:
    """The query with each parameter's ``VALUES ?name { ... }`` block replaced.

    A parameter is a variable the query gives a default with a one-variable
    ``VALUES`` block. A new value takes the default's kind: an IRI (a CURIE of
    :data:`~graphkit.rdf.PREFIXES` such as ``actor:slup-se`` or
    ``municipality:0163``, a node id like ``org/slup-se`` read under graphkit's
    id namespace, or a full IRI), a date, an integer or a string. Values are written as escaped
    SPARQL terms, never pasted as text. The parameters ``limit`` and
    ``offset`` set the query's ``LIMIT`` and ``OFFSET`` clauses, every one of
    them (a library query that can answer with many rows takes them, to page
    through the answer; one that picks its page in two places pages both).

    Raises:
        QueryError: for a parameter the query does not have, or a bad value.

    Example:
        >>> q = 'SELECT * { VALUES ?actor { <https://w3id.org/graphkit/id/org/a> } }'
        >>> bind_params(q, {"actor": "org/slup-se"})
        'SELECT * { VALUES ?actor { <https://w3id.org/graphkit/id/org/slup-se> } }'
        >>> bind_params(q, {"actor": "actor:slup-se"})
        'SELECT * { VALUES ?actor { <https://w3id.org/graphkit/id/org/slup-se> } }'
        >>> q = 'SELECT * { VALUES ?name { "x" } }'
        >>> bind_params(q, {"name": 'Göteborgs "Stad"'})
        'SELECT * { VALUES ?name { "Göteborgs \\\\"Stad\\\\"" } }'
    """
    for name, values in params.items():
        block = re.compile(
            r"VALUES\s+\?" + re.escape(name) + r"\s*\{([^}]*)\}", re.IGNORECASE
        )
        found = block.findall(text)
        if not found and name in _PAGING:
            text = _bind_paging(text, name, values)
            continue
        if len(found) != 1:
            raise QueryError(
                f"the query has no parameter {name!r} (it needs one "
                f"`VALUES ?{name} {{ default }}` block)"
            )
        default = found[0].strip()
        items = [values] if isinstance(values, str) else list(values)
        terms = " ".join(_term(name, default, value) for value in items)
        replacement = f"VALUES ?{name} {{ {terms} }}"
        text = block.sub(replacement.replace("\\", "\\\\"), text)
    return text


#: Parameters that set the query's ``LIMIT`` or ``OFFSET`` clauses (paging a big answer).
_PAGING = ("limit", "offset")


def _bind_paging(text: str, name: str, values: str | Sequence[str]) -> str:
    """The query with every ``LIMIT n`` (or ``OFFSET n``) clause set to the value.

    Every clause, so that a query choosing its page in two places (the rows, and a
    search that would otherwise run over every project) keeps both on one page.

    Example:
        >>> _bind_paging("SELECT * { ?s ?p ?o } LIMIT 1000 OFFSET 0", "offset", "2000")
        'SELECT * { ?s ?p ?o } LIMIT 1000 OFFSET 2000'
    """
    items = [values] if isinstance(values, str) else list(values)
    if len(items) != 1 or not re.fullmatch(r"\s*\d{1,12}\s*", items[0]):
        raise QueryError(f"parameter {name}: {items!r} is not one whole number >= 0")
    clause = re.compile(rf"{_NOT_CODE}|\b({name}\s+)\d+", re.IGNORECASE | re.DOTALL)
    found = False

    def bind(match: re.Match[str]) -> str:
        nonlocal found
        if match.group(1) is None:  # a string, comment or IRI: left as written
            return match.group()
        found = True
        return match.group(1) + str(int(items[0]))

    text = clause.sub(bind, text)
    if not found:
        raise QueryError(
            f"the query has no parameter {name!r} (it needs a {name.upper()} clause)"
        )
    return text


def _term(name: str, default: str, value: str) -> str:
    if default.startswith("<") or re.match(r"^[\w-]*:", default):
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        iri = expand_curie(iri) or iri  # actor:reves, municipality:0163
        if not re.match(r"^[A-Za-z][\w+.-]*:", iri):
            iri = str(ID[iri])
        if not iri or _IRI_FORBIDDEN.search(iri):
            raise QueryError(f"parameter {name}: {value!r} is not an IRI or an id")
        return f"<{iri}>"
    if "xsd:date" in default or str(XSD.date) in default:
        try:
            date.fromisoformat(value)
        except ValueError as e:
            raise QueryError(
                f"parameter {name}: {value!r} is not a date (YYYY-MM-DD)"
            ) from e
        return f'"{value}"^^<{XSD.date}>'
    if re.fullmatch(r"[+-]?\d+", default):
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: {value!r} is not a whole number")
        return str(int(value))
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    return f'"{escaped}"'


_UPDATE_NAMES = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


#: The longest query text accepted (``graphkit query`` and the endpoint).
MAX_QUERY_CHARS = 100_000
#: The deepest nesting of brackets accepted: the engine's parser recurses on each.
MAX_QUERY_DEPTH = 64
#: Seconds a query may run in ``graphkit query`` and the endpoint.
QUERY_TIMEOUT = 60.0
#: Stack of the threads that parse and run queries: the engine recurses on long
#: operator chains (``1+1+…``), which a default 8 MB stack cannot hold.
_QUERY_STACK = 256 * 1024 * 1024

#: Strings, comments, IRIs and escapes as the SPARQL grammar delimits them; what
#: the depth scan skips (brackets inside IRIs are still counted).
_LONG_STRING = {
    q: re.compile(f"{q * 3}(?:(?:{q}|{q * 2})?(?:[^{q}\\\\]|\\\\.))*{q * 3}", re.DOTALL)
    for q in "\"'"
}
_SHORT_STRING = {
    q: re.compile(f"{q}(?:[^{q}\\\\\\n\\r]|\\\\.)*{q}", re.DOTALL) for q in "\"'"
}
_QUERY_SPECIAL = re.compile(r"""["'#<\\()\[\]{}]""")
_IRI = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_COMMENT = re.compile(r"#[^\n\r]*")  # a comment ends at LF or CR, as in Oxigraph
#: What is not the query's own code: strings, comments and IRIs (no group of its own).
_NOT_CODE = "|".join(
    pattern.pattern
    for pattern in (*_LONG_STRING.values(), *_SHORT_STRING.values(), _IRI, _COMMENT)
)
_SERVICE = re.compile(r"servic(e)", re.IGNORECASE)
_ASK = re.compile(
    r"^(?:\s+|#[^\n\r]*|PREFIX\s*[^\s:]*:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)*"
    r"(ASK)\b",
    re.IGNORECASE,
)
_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.DOTALL)


def query_depth(text: str) -> int:
    """How deep brackets nest in a query, strings and comments left out (linear).

    Strings and comments are delimited as the SPARQL grammar does; brackets
    inside IRIs are counted, and scanning stops at a string that does not end
    (the parser stops there too), so the depth is never less than what the
    parser recurses into.

    Example:
        >>> query_depth('SELECT * { ?s ?p "{{{" FILTER(?s != <urn:x>) }  # {{')
        2
    """
    depth = deepest = pos = 0
    while (found := _QUERY_SPECIAL.search(text, pos)) is not None:
        char, pos = found.group(), found.start()
        token = None
        if char in "\"'":
            if text.startswith(char * 3, pos) and text.find(char * 3, pos + 3) >= 0:
                token = _LONG_STRING[char].match(text, pos)
            token = token or _SHORT_STRING[char].match(text, pos)
            if token is None:
                break  # a string that does not end: the parser stops here too
        elif char == "#":
            token = _COMMENT.match(text, pos)
        elif char == "<":
            token = _IRI.match(text, pos)
            if token is not None:  # an IRI may hold parentheses: count them all
                depth += token.group().count("(") + token.group().count("[")
        elif char == "\\":
            pos += 2  # an escape in a prefixed name (ex:a\'b)
            continue
        elif char in "([{":
            depth += 1
        else:
            depth = max(depth - 1, 0)
        deepest = max(deepest, depth)
        pos = token.end() if token is not None else pos + 1
    return deepest


def check_read_only(text: str, prefixes: Mapping[str, str] | None = None) -> None:
    """Refuse anything but a read-only query: no UPDATE, no LOAD, no SERVICE.

    The engine that runs the query decides: the text must parse with
    pyoxigraph's own SPARQL parser as a query (so an update is refused), and
    still parse once every ``SERVICE`` keyword is made unreadable (so no
    ``SERVICE`` can hide where another parser would see a comment or a
    string). The text is parsed, never run, and first bounded in size and
    bracket depth (:data:`MAX_QUERY_CHARS`, :data:`MAX_QUERY_DEPTH`).

    Args:
        text: the SPARQL text.
        prefixes: prefixes the query may use undeclared, as it will be run
            (default: those :func:`run_query` gives, graphkit's and rdflib's).

    Raises:
        QueryError: for an update, a SERVICE call, text that is not SPARQL, or
            a query too long or too deeply nested.

    Example:
        >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
        >>> check_read_only("LOAD <https://example.org/x.ttl>")
        Traceback (most recent call last):
        graphkit.errors.QueryError: refused: SPARQL UPDATE (LOAD) is not allowed; ...
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"refused: the query has {len(text):,} characters; the limit is"
            f" {MAX_QUERY_CHARS:,}"
        )
    depth = query_depth(text)
    if depth > MAX_QUERY_DEPTH:
        raise QueryError(
            f"refused: brackets nest {depth} deep in the query; the limit is"
            f" {MAX_QUERY_DEPTH}"
        )
    if prefixes is None:
        prefixes = default_prefixes()
    matches = list(_SERVICE.finditer(text))
    error = _parse_error(_neutral(text, matches), prefixes)
    if error is None:
        return
    for i, match in enumerate(matches[:32]):
        # Read as GRAPH, is this one SERVICE keyword what the parser stumbled on?
        service = _neutral(text, matches, graph=i)
        if _parse_error(service, prefixes) is None:
            iri = re.match(r"\s*(?:SILENT\s+)?(\S+)", text[match.end() :], re.I)
            shown = iri.group(1) if iri else "…"
            raise QueryError(
                f"refused: SERVICE {shown} is not allowed; queries run on "
                "the local graph only"
            )
    kinds = _update_kinds(text)
    if kinds:
        raise QueryError(
            f"refused: SPARQL UPDATE ({kinds}) is not allowed; queries are read-only"
        )
    raise QueryError(f"not valid SPARQL {error}")


def default_prefixes(graph: Graph | None = None) -> dict[str, str]:
    """The prefixes a query may use undeclared: rdflib's, the graph's, and graphkit's
    :data:`~graphkit.rdf.PREFIXES` (which win: ``actor:`` and ``org:`` always mean
    what ``graphkit query --prefixes`` prints)."""
    # not `graph or Graph()`: truth of a graph is its length, which an
    # Oxigraph-backed graph counts triple by triple (100 s on 1.8M triples)
    theirs = graph.namespaces() if graph is not None else ()
    pairs = [*Graph().namespaces(), *theirs]
    return {prefix: str(iri) for prefix, iri in pairs} | PREFIXES


def _neutral(text: str, matches: list[re.Match[str]], graph: int | None = None) -> str:
    """The text with each SERVICE made unreadable (one read as GRAPH), ASK as SELECT.

    The result has no SERVICE keyword and is not an ASK, so pyoxigraph parses
    it without evaluating anything.
    """
    chars = list(text)
    for i, match in enumerate(matches):
        if i == graph:
            chars[match.start() : match.end()] = list("GRAPH  ")
            silent = re.match(r"\s*SILENT\b", text[match.end() :], re.IGNORECASE)
            if silent:
                start = match.end() + silent.start()
                chars[start : match.end() + silent.end()] = " " * (
                    silent.end() - silent.start()
                )
        else:
            e = match.start(1)
            chars[e] = "x" if text[e] == "e" else "X"
    probe = "".join(chars)
    ask = _ASK.match(probe)
    if ask:
        probe = probe[: ask.start(1)] + "SELECT *" + probe[ask.end(1) :]
    return probe


def _parse_error(text: str, prefixes: Mapping[str, str] | None) -> str | None:
    """pyoxigraph's syntax error for a text it parses lazily (SELECT, CONSTRUCT)."""
    import pyoxigraph as ox

    def parse() -> str | None:
        try:
            ox.Store().query(text, prefixes=dict(prefixes or {}))
        except SyntaxError as e:
            message = str(e)
            where = _POSITION.match(message)
            if where:
                line, column, what = where.groups()
                what = what.splitlines()[0] if what else ""
                return f"(line {line}, column {column}): {what[:160]}"
            return f"({message.splitlines()[0][:200]})"
        return None

    return _in_query_thread(parse, None)


def _in_query_thread(work: Callable[[], _R], timeout: float | None) -> _R:
    """``work()`` in a thread with a stack deep enough for the engine.

    Raises:
        QueryError: when it takes longer than ``timeout`` seconds (the thread
            then runs on to its end in the background).
    """
    results: list[_R] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as e:  # handed to the calling thread below
            errors.append(e)

    thread = threading.Thread(target=run, name="graphkit-query", daemon=True)
    previous = threading.stack_size()
    try:
        threading.stack_size(_QUERY_STACK)
        thread.start()
    except (RuntimeError, ValueError, MemoryError):  # no room for a deep stack
        threading.stack_size(previous)
        thread = threading.Thread(target=run, name="graphkit-query", daemon=True)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(
            f"the query took longer than {timeout:g} s and was stopped"
            " (--timeout sets the limit)"
        )
    if errors:
        raise errors[0]
    return results[0]


def _update_kinds(text: str) -> str:
    """The update operations of a text rdflib reads as an update (for messages)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parseUpdate(text)
    except (ParseException, ValueError, RecursionError):
        return ""
    operations = getattr(update, "request", None) or []
    names = (getattr(op, "name", None) for op in operations)
    return ", ".join(dict.fromkeys(_UPDATE_NAMES.get(n, n) for n in names if n))


# ------------------------------------------------------------- running and formatting


def run_query(
    graph: Graph,
    query: str,
    params: Mapping[str, str | Sequence[str]] | None = None,
    *,
    timeout: float | None = QUERY_TIMEOUT,
) -> Result:
    """Run a read-only SPARQL query on a graph, with parameters bound safely.

    Args:
        graph: any rdflib graph; one from :func:`open_graph` runs on Oxigraph.
        query: a library query name, a ``.rq`` file or SPARQL text (see
            :func:`load_query`). graphkit's prefixes
            (:data:`~graphkit.rdf.PREFIXES`: ``gk:``, ``actor:``,
            ``municipality:``, ``project:``, ``prov:``, ``org:``, ``dcterms:``,
            ``skos:``, ``schema:`` ...) and the graph's own need no declaration.
        params: parameter values by name (see :func:`bind_params`); a library
            query takes only the parameters its header declares.
        timeout: seconds the query may run (None: no limit). A query stopped
            there raises :class:`QueryError`; its engine thread runs on in the
            background (the CLI then exits, which ends it).

    Returns:
        The rdflib :class:`~rdflib.query.Result`, its rows already read.

    Raises:
        QueryError: if the query is unknown, refused, malformed or fails.

    Example (not executed)::

        g = open_graph("exports/graph.nt")
        for row in run_query(g, "partners-of-actor", {"actor": "org/slup-se"}):
            print(row.partner)
    """
    params = params or {}
    named = {q.name: q for q in library()}.get(query)
    if named is not None:
        declared = [name for name, _, _ in named.params]
        for name in params:
            if name not in declared:
                raise QueryError(
                    f"{named.name} has no parameter {name!r}; it takes: "
                    f"{', '.join(declared) or 'none'}"
                )
    text = bind_params(load_query(query), params)
    namespaces = default_prefixes(graph)
    check_read_only(text, namespaces)

    def evaluate() -> Result:
        result = graph.query(text, initNs=namespaces)
        if result.type == "SELECT":
            result.bindings = list(result.bindings)
        return result

    try:
        return _in_query_thread(evaluate, timeout)
    except (SyntaxError, ValueError, RuntimeError, OSError) as e:
        first_line = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise QueryError(f"the query failed: {first_line}") from e


def describe_library(folder: str | Path | None = None) -> str:
    """The query library as text: each name, its question and its parameters.

    Example (not executed)::

        print(describe_library())
    """
    lines = []
    for q in library(folder):
        lines.append(q.name)
        lines += [f"    {line}" for line in textwrap.wrap(q.question, 84)]
        lines += [
            f"    --param {name}={default}" + (f"  ({what})" if what else "")
            for name, default, what in q.params
        ]
    return "\n".join(lines) + "\n"
