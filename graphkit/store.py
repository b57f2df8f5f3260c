"""RDF graph ↔ Oxigraph store: open, write, query (read-only), serve and push."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from graphkit.errors import ExportError, GraphkitError, QueryError, ReadError
from graphkit.rdf import GK, ID, bind_prefixes

__all__ = [
    "DEFAULT_GRAPH_IRI",
    "FORMATS",
    "LibraryQuery",
    "bind_params",
    "check_read_only",
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

log = logging.getLogger(__name__)

#: The named graph `graphkit push` writes into unless told otherwise.
DEFAULT_GRAPH_IRI = str(ID["graph/main"])

#: Output formats of :func:`format_result`.
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

#: RDF file suffix → (pyoxigraph format name, HTTP media type).
_RDF_FILES: dict[str, tuple[str, str]] = {
    ".nt": ("N_TRIPLES", "application/n-triples"),
    ".ttl": ("TURTLE", "text/turtle"),
    ".rdf": ("RDF_XML", "application/rdf+xml"),
    ".owl": ("RDF_XML", "application/rdf+xml"),
}


# ------------------------------------------------------------------ opening and writing


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding a persistent Oxigraph store."""
    return (Path(path) / "CURRENT").is_file()


def open_graph(source: str | Path) -> Graph:
    """An rdflib graph backed by Oxigraph, ready for fast SPARQL.

    Args:
        source: an RDF file (``.nt``, ``.ttl``, ``.rdf``), an exports folder
            (its ``graph.nt`` is read), or a store folder written by
            :func:`write_store` (opened read-only, without re-parsing).

    Returns:
        An :class:`rdflib.Graph` whose triples live in Oxigraph's default graph.

    Raises:
        ReadError: if the source is missing or is not RDF graphkit can read.

    Example (not executed)::

        g = open_graph("exports/")
        len(g)  # the triples of exports/graph.nt
    """
    import pyoxigraph as ox

    path = Path(source)
    try:
        if path.is_dir() and is_store(path):
            return _rdflib_graph(ox.Store.read_only(str(path)))
        file = _rdf_file(path)
        store = ox.Store()
        store.bulk_load(path=str(file), format=getattr(ox.RdfFormat, _RDF_FILES[
            file.suffix][0]))
    except OSError as e:
        raise ReadError(f"cannot open the graph: {e}", path=str(path)) from e
    except SyntaxError as e:
        raise ReadError(f"not valid RDF: {e}", path=str(path)) from e
    return _rdflib_graph(store)


def write_store(source: Graph | str | Path, store_dir: str | Path) -> Path:
    """Write a persistent on-disk Oxigraph store that later commands open fast.

    The store is bulk-loaded in a temporary folder beside ``store_dir`` and
    then moved into place, replacing a store already there; a folder that is
    neither empty nor a store is left alone.

    Args:
        source: an rdflib graph, or an RDF file or exports folder (bulk-loaded
            straight from the file, the fast way for big graphs).
        store_dir: the store folder to write.

    Returns:
        The store folder.

    Raises:
        ReadError: if the source file is missing or not valid RDF.
        ExportError: if the store cannot be written.

    Example (not executed)::

        write_store("exports/graph.nt", "exports/store")
        open_graph("exports/store")
    """
    import pyoxigraph as ox

    target = Path(store_dir)
    if target.exists() and not (is_store(target) or _empty_dir(target)):
        raise ExportError("not an Oxigraph store and not empty; refusing to replace it",
                          path=str(target))
    file = None if isinstance(source, Graph) else _rdf_file(Path(source))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    except OSError as e:
        raise ExportError(f"cannot write the store: {e.strerror}", path=str(target)) from e
    try:
        store = ox.Store(str(staging))
        if file is not None:
            store.bulk_load(path=str(file),
                            format=getattr(ox.RdfFormat, _RDF_FILES[file.suffix][0]))
        else:
            assert isinstance(source, Graph)
            store.bulk_extend(ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in source)
        store.flush()
        store.optimize()
        del store  # closes the database
        _swap_into_place(staging, target)
    except SyntaxError as e:
        raise ReadError(f"not valid RDF: {e}", path=str(file)) from e
    except OSError as e:
        raise ExportError(f"cannot write the store: {e}", path=str(target)) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("wrote the Oxigraph store %s", target)
    return target


def _rdflib_graph(store: Any) -> Graph:
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(graph)


def _rdf_file(path: Path) -> Path:
    file = path / "graph.nt" if path.is_dir() else path
    if not file.is_file():
        what = "an exports folder without graph.nt" if path.is_dir() else "not found"
        raise ReadError(f"no graph here ({what}); run `graphkit build` first",
                        path=str(path))
    if file.suffix not in _RDF_FILES:
        raise ReadError(f"unknown RDF file type {file.suffix!r}; use one of "
                        f"{', '.join(_RDF_FILES)}", path=str(file))
    return file


def _ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
    return ox.Literal(str(term), datatype=datatype)


def _empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def _swap_into_place(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.replace(target, old / "store")
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------------ the query library


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
    base = Path(folder) if folder else Path(str(resources.files("graphkit") / "ontology"
                                                / "queries"))
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
        raise QueryError(f"unknown query {query!r}; `graphkit query --list` shows the "
                         "library")
    return query


# ------------------------------------------------------------------ parameters and checks


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def bind_params(text: str, params: Mapping[str, str | Sequence[str]]) -> str:
    """The query with each parameter's ``VALUES ?name { ... }`` block replaced.

    A parameter is a variable the query gives a default with a one-variable
    ``VALUES`` block. A new value takes the default's kind: an IRI (an id like
    ``org/slup-se`` or ``municipality/0163`` is read under graphkit's id
    namespace), a date, an integer or a string. Values are written as escaped
    SPARQL terms, never pasted as text.

    Raises:
        QueryError: for a parameter the query does not have, or a bad value.

    Example:
        >>> q = 'SELECT ?p WHERE { VALUES ?actor { <https://w3id.org/graphkit/id/org/a> } }'
        >>> bind_params(q, {"actor": "org/slup-se"})
        'SELECT ?p WHERE { VALUES ?actor { <https://w3id.org/graphkit/id/org/slup-se> } }'
        >>> bind_params('SELECT * { VALUES ?name { "x" } }', {"name": 'Göteborgs "Stad"'})
        'SELECT * { VALUES ?name { "Göteborgs \\\\"Stad\\\\"" } }'
    """
    for name, values in params.items():
        block = re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{([^}]*)\}",
                           re.IGNORECASE)
        found = block.findall(text)
        if len(found) != 1:
            raise QueryError(f"the query has no parameter {name!r} (it needs one "
                             f"`VALUES ?{name} {{ default }}` block)")
        default = found[0].strip()
        items = [values] if isinstance(values, str) else list(values)
        terms = " ".join(_term(name, default, value) for value in items)
        text = block.sub(lambda _, n=name, t=terms: f"VALUES ?{n} {{ {t} }}", text)
    return text


def _term(name: str, default: str, value: str) -> str:
    if default.startswith("<") or re.match(r"^[\w-]*:", default):
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not re.match(r"^[A-Za-z][\w+.-]*:", iri):
            iri = str(ID[iri])
        if not iri or _IRI_FORBIDDEN.search(iri):
            raise QueryError(f"parameter {name}: {value!r} is not an IRI or an id")
        return f"<{iri}>"
    if "xsd:date" in default or str(XSD.date) in default:
        try:
            date.fromisoformat(value)
        except ValueError as e:
            raise QueryError(f"parameter {name}: {value!r} is not a date "
                             "(YYYY-MM-DD)") from e
        return f'"{value}"^^<{XSD.date}>'
    if re.fullmatch(r"[+-]?\d+", default):
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: {value!r} is not a whole number")
        return str(int(value))
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"'


_UPDATE_NAMES = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "INSERT/DELETE", "Load": "LOAD",
                 "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY"}


def check_read_only(text: str) -> None:
    """Refuse anything but a read-only query: no UPDATE, no LOAD, no SERVICE.

    The text is parsed with rdflib's SPARQL grammar (not matched with a
    regular expression), so keywords inside strings or comments do not count.

    Raises:
        QueryError: for an update, a SERVICE call, or text that is not SPARQL.

    Example:
        >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
        >>> check_read_only("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        Traceback (most recent call last):
        graphkit.errors.QueryError: refused: SPARQL UPDATE (INSERT DATA) is not allowed; queries are read-only
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(text)
    except ParseException as e:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise QueryError(f"not valid SPARQL (line {e.lineno}, column {e.col}): "
                             f"{e.msg}") from e
        kinds = ", ".join(dict.fromkeys(_UPDATE_NAMES.get(op.name, op.name)
                                        for op in update.request)) or "empty"
        raise QueryError(f"refused: SPARQL UPDATE ({kinds}) is not allowed; queries are "
                         "read-only") from e
    for node in _walk(tree):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = node.get("term")
            shown = term.n3() if hasattr(term, "n3") else str(term)
            raise QueryError(f"refused: SERVICE {shown} is not allowed; queries run on "
                             "the local graph only")


def _walk(node: Any) -> Iterator[Any]:
    from pyparsing import ParseResults

    yield node
    if isinstance(node, ParseResults | list | tuple):
        children: Iterable[Any] = node
    elif isinstance(node, Mapping):
        children = node.values()
    else:
        return
    for child in children:
        yield from _walk(child)


# ------------------------------------------------------------------ running and formatting


def run_query(graph: Graph, text: str,
              params: Mapping[str, str | Sequence[str]] | None = None) -> Result:
    """Run a read-only SPARQL query on a graph, with parameters bound safely.

    Args:
        graph: any rdflib graph; one from :func:`open_graph` runs on Oxigraph.
        text: the SPARQL text (see :func:`load_query`). The graph's prefixes
            (``gk:``, ``prov:``, ``dcterms:``, ...) need no declaration.
        params: parameter values by name (see :func:`bind_params`).

    Returns:
        The rdflib :class:`~rdflib.query.Result`, its rows already read.

    Raises:
        QueryError: if the query is refused, malformed or fails.

    Example (not executed)::

        g = open_graph("exports/graph.nt")
        for row in run_query(g, load_query("partners-of-actor"), {"actor": "org/slup-se"}):
            print(row.partner)
    """
    text = bind_params(text, params or {})
    check_read_only(text)
    try:
        result = graph.query(text)
        if result.type == "SELECT":
            result.bindings = list(result.bindings)
    except (SyntaxError, ValueError, RuntimeError, OSError) as e:
        first_line = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise QueryError(f"the query failed: {first_line}") from e
    return result


def format_result(result: Result, fmt: str = "table") -> str:
    """A query result as text: an aligned ``table``, or SPARQL ``csv``/``tsv``/``json``.

    ASK results print ``true``/``false``; CONSTRUCT and DESCRIBE results print
    as Turtle (table) or N-Triples.

    Example (not executed)::

        print(format_result(run_query(g, "SELECT ..."), "csv"))
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"head": {}, "boolean": answer}) if fmt == "json" else (
            "true" if answer else "false")
    if result.type != "SELECT":
        assert result.graph is not None
        graph = bind_prefixes(Graph()) + result.graph
        return graph.serialize(format="turtle" if fmt == "table" else "nt")
    names = [str(v) for v in result.vars or ()]
    rows = [[row.get(v) for v in result.vars or ()] for row in result.bindings]
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](names, rows)


_PREFIXES = {str(ID): "", str(GK._NS): "gk:"}


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _PREFIXES.items():
            if term.startswith(namespace):
                return prefix + term[len(namespace):]
    return str(term)


def _table(names: list[str], rows: list[list[Node | None]], width: int = 60) -> str:
    cells = [[(c if len(c) <= width else c[:width - 1] + "…") for c in map(_short, row)]
             for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    right = [bool(rows) and all(isinstance(r[i], Literal) and isinstance(
        r[i].toPython(), int | float) for r in rows if r[i] is not None)
        for i in range(len(names))]

    def line(values: list[str]) -> str:
        return "  ".join((v.rjust(w) if r else v.ljust(w))
                         for v, w, r in zip(values, widths, right, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *map(line, cells)]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _csv(names: list[str], rows: list[list[Node | None]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows(["" if v is None else str(v) for v in row] for row in rows)
    return buffer.getvalue()


def _tsv(names: list[str], rows: list[list[Node | None]]) -> str:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if v is None else v.n3() for v in row) for row in rows]
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
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out

    bindings = [{n: binding(v) for n, v in zip(names, row, strict=True) if v is not None}
                for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


# ------------------------------------------------------------------ serving and pushing


def server_command(store_dir: str | Path, port: int = 7878) -> list[str]:
    """The command line of a read-only Oxigraph SPARQL server on 127.0.0.1.

    Raises:
        GraphkitError: if the ``oxigraph`` server program is not installed.

    Example (not executed)::

        server_command("exports/store", 7878)
        # ['.../oxigraph', 'serve-read-only', '--location', 'exports/store',
        #  '--bind', '127.0.0.1:7878']
    """
    beside = Path(sys.executable).parent / "oxigraph"
    program = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if program is None:
        raise GraphkitError("the Oxigraph server is not installed (pip install oxigraph)")
    return [program, "serve-read-only", "--location", str(store_dir),
            "--bind", f"127.0.0.1:{port}"]


def serve(source: str | Path, port: int = 7878) -> int:
    """Serve a graph as a read-only SPARQL 1.1 endpoint until interrupted.

    Runs the real Oxigraph server (``oxigraph serve-read-only``), which
    refuses UPDATE and LOAD. A graph file or exports folder is first loaded
    into a temporary store, removed afterwards. Ctrl-C (SIGINT) is passed on
    to the server, which is waited for.

    Args:
        source: a store folder, an RDF file or an exports folder.
        port: the port on 127.0.0.1; queries go to ``/query``.

    Returns:
        The server's exit status (0 after Ctrl-C).

    Example (not executed)::

        serve("exports/", port=7878)  # http://127.0.0.1:7878/query
    """
    path = Path(source)
    temporary = None
    if not (path.is_dir() and is_store(path)):
        temporary = Path(tempfile.mkdtemp(prefix="graphkit-serve-"))
        path = write_store(path, temporary / "store")
    try:
        command = server_command(path, port)
        log.info("running %s", " ".join(command))
        process = subprocess.Popen(command)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            return 0
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def push_graph(url: str, source: str | Path = "exports/graph.nt",
               graph_iri: str = DEFAULT_GRAPH_IRI, *, timeout: float = 300) -> int:
    """Send a graph to a triple store with the SPARQL 1.1 Graph Store Protocol.

    An HTTP PUT to ``URL?graph=IRI`` replaces that named graph, so pushing
    twice leaves one copy. The file is streamed, not read into memory.

    Args:
        url: the store's Graph Store Protocol endpoint, e.g.
            ``http://127.0.0.1:7878/store`` (Oxigraph) or a Fuseki ``/data``.
        source: an N-Triples or Turtle file, or an exports folder.
        graph_iri: the named graph to replace.
        timeout: seconds to wait for the store.

    Returns:
        The HTTP status the store answered (200, 201 or 204).

    Raises:
        ReadError: if the graph file is missing.
        ExportError: if the store cannot be reached or refuses the graph.

    Example (not executed)::

        push_graph("http://127.0.0.1:7878/store", "exports/", "https://example.org/esf")
    """
    file = _rdf_file(Path(source))
    if not re.match(r"^[A-Za-z][\w+.-]*:", graph_iri) or _IRI_FORBIDDEN.search(graph_iri):
        raise ExportError(f"not an absolute IRI: {graph_iri!r}")
    if not url.startswith(("http://", "https://")):
        raise ExportError(f"not an http(s) URL: {url!r}")
    target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode(
        {"graph": graph_iri})
    with file.open("rb") as body:
        request = urllib.request.Request(target, data=body, method="PUT", headers={
            "Content-Type": _RDF_FILES[file.suffix][1] + "; charset=utf-8",
            "Content-Length": str(file.stat().st_size)})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status: int = response.status
        except urllib.error.HTTPError as e:
            detail = e.read(300).decode("utf-8", "replace").strip()
            raise ExportError(f"the store refused the graph: HTTP {e.code} {e.reason}"
                              + (f": {detail}" if detail else ""), path=url) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ExportError(f"cannot reach the store: {reason}", path=url) from e
    log.info("pushed %s to %s (HTTP %s)", file, target, status)
    return status
