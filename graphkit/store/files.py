"""RDF files, exports folders and store folders → rdflib graphs backed by Oxigraph."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graphkit.errors import ExportError, ReadError
from graphkit.rdf import bind_prefixes

__all__ = [
    "is_store",
    "load_store",
    "open_graph",
    "refuse_xml_entities",
    "staged_store",
    "write_store",
]

log = logging.getLogger(__name__)

#: RDF file suffix → (pyoxigraph format name, HTTP media type).
_RDF_FILES: dict[str, tuple[str, str]] = {
    ".nt": ("N_TRIPLES", "application/n-triples"),
    ".ttl": ("TURTLE", "text/turtle"),
    ".rdf": ("RDF_XML", "application/rdf+xml"),
    ".owl": ("RDF_XML", "application/rdf+xml"),
}


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
        refuse_xml_entities(file)
        store = ox.Store()
        store.bulk_load(
            path=str(file), format=getattr(ox.RdfFormat, _RDF_FILES[file.suffix][0])
        )
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
    with staged_store(store_dir) as staging:
        load_store(source, staging)
    return Path(store_dir)


@contextlib.contextmanager
def staged_store(store_dir: str | Path) -> Iterator[Path]:
    """An empty folder beside ``store_dir`` that replaces it when the block succeeds.

    Raises:
        ExportError: if ``store_dir`` is neither a store nor empty, or cannot be written.

    Example (not executed)::

        with staged_store("exports/store") as staging:
            load_store("exports/graph.nt", staging)
    """
    from graphkit.exports import hold_lock, release_lock, remove_stale_staging

    target = Path(store_dir)
    if target.exists() and not (is_store(target) or _empty_dir(target)):
        raise ExportError(
            "not an Oxigraph store and not empty; refusing to replace it",
            path=str(target),
        )
    _refuse_if_open(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(target.parent, f".{target.name}-")
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        lock_path = staging.with_name(staging.name + ".lock")
        lock = hold_lock(lock_path)
    except OSError as e:
        raise ExportError(
            f"cannot write the store: {e.strerror}", path=str(target)
        ) from e
    try:
        yield staging
        _swap_into_place(staging, target)
    except OSError as e:
        raise ExportError(f"cannot write the store: {e}", path=str(target)) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        release_lock(lock, lock_path)
    log.info("wrote the Oxigraph store %s", target)


def _refuse_if_open(store: Path) -> None:
    """Refuse to replace a store another process holds open read-write.

    RocksDB, under Oxigraph, holds a POSIX lock on the store's ``LOCK`` file
    while it is open for writing, and on closing writes into the folder by its
    path: replacing the folder under it corrupts the new store. Readers (``graphkit
    query/serve --store``) hold no lock and notice the new store.

    Raises:
        ExportError: if the store is open for writing elsewhere.
    """
    lock = store / "LOCK"
    if not lock.is_file():
        return
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_UN)
    except OSError as e:
        raise ExportError(
            "the store is open in another process (for writing); close that"
            " process or build into another --store folder",
            path=str(store),
        ) from e
    finally:
        os.close(fd)


def load_store(source: Graph | str | Path, folder: str | Path) -> None:
    """Bulk-load a graph or RDF file into a new persistent Oxigraph store in ``folder``.

    Raises:
        ReadError: if the source file is missing or not valid RDF.
        ExportError: if the store cannot be written.
    """
    import pyoxigraph as ox

    file = None if isinstance(source, Graph) else _rdf_file(Path(source))
    if file is not None:
        refuse_xml_entities(file)
    try:
        store = ox.Store(str(folder))
        if file is not None:
            store.bulk_load(
                path=str(file), format=getattr(ox.RdfFormat, _RDF_FILES[file.suffix][0])
            )
        else:
            assert isinstance(source, Graph)
            store.bulk_extend(ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in source)
        store.flush()
        store.optimize()
        del store  # closes the database
    except SyntaxError as e:
        raise ReadError(f"not valid RDF: {e}", path=str(file)) from e
    except OSError as e:
        raise ExportError(f"cannot write the store: {e}", path=str(folder)) from e


def _rdflib_graph(store: Any) -> Graph:
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(graph)


#: How far into an XML file its DTD, if any, is looked for.
_DTD_WINDOW = 1024 * 1024


def refuse_xml_entities(file: Path) -> None:
    """Refuse an RDF/XML file that declares entities (a "billion laughs" bomb).

    RDF/XML needs no entity declarations; expanding nested ones can take
    gigabytes from a file of a few hundred bytes. The DTD stands before the
    root element, so the file's start is enough to look at.

    Raises:
        ReadError: if the file declares an entity.
    """
    if file.suffix.lower() not in (".rdf", ".owl", ".xml"):
        return
    try:
        with file.open("rb") as f:
            head = f.read(_DTD_WINDOW)
    except OSError:
        return  # the parser reports it
    if b"<!ENTITY" in head.upper():
        raise ReadError(
            "RDF/XML with entity declarations (<!ENTITY) is refused: expanding"
            " them can exhaust memory",
            path=str(file),
        )


def _rdf_file(path: Path) -> Path:
    file = path / "graph.nt" if path.is_dir() else path
    if not file.is_file():
        what = "an exports folder without graph.nt" if path.is_dir() else "not found"
        raise ReadError(
            f"no graph here ({what}); run `graphkit build` first", path=str(path)
        )
    if file.suffix not in _RDF_FILES:
        raise ReadError(
            f"unknown RDF file type {file.suffix!r}; use one of "
            f"{', '.join(_RDF_FILES)}",
            path=str(file),
        )
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
    _refuse_if_open(target)  # again: it may have been opened during the build
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.replace(target, old / "store")
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
