"""A graph → a read-only SPARQL endpoint (Oxigraph's server) or another triple store."""

from __future__ import annotations

import logging
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graphkit.errors import ExportError, GraphkitError
from graphkit.rdf import ID
from graphkit.store.files import _RDF_FILES, _rdf_file, is_store, write_store
from graphkit.store.query import _IRI_FORBIDDEN

__all__ = ["DEFAULT_GRAPH_IRI", "push_graph", "serve", "server_command"]

log = logging.getLogger(__name__)

#: The named graph `graphkit push` writes into unless told otherwise.
DEFAULT_GRAPH_IRI = str(ID["graph/main"])


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
        raise GraphkitError(
            "the Oxigraph server is not installed (pip install oxigraph)"
        )
    return [
        program,
        "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        f"127.0.0.1:{port}",
    ]


def serve(source: str | Path, port: int = 7878) -> int:
    """Serve a graph as a read-only SPARQL 1.1 endpoint until interrupted.

    Runs the real Oxigraph server (``oxigraph serve-read-only``), which
    refuses UPDATE and LOAD. A graph file or exports folder is first loaded
    into a temporary store, removed afterwards. Ctrl-C (SIGINT) or SIGTERM is
    passed on to the server as SIGINT, and the server is waited for. Call it
    from the main thread.

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
        previous = signal.signal(signal.SIGTERM, _interrupt)
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
            signal.signal(signal.SIGTERM, previous)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C, so that the server is stopped too."""
    raise KeyboardInterrupt


def push_graph(
    url: str,
    source: str | Path = "exports/graph.nt",
    graph_iri: str = DEFAULT_GRAPH_IRI,
    *,
    timeout: float = 300,
) -> int:
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
    absolute = re.match(r"^[A-Za-z][\w+.-]*:", graph_iri)
    if not absolute or _IRI_FORBIDDEN.search(graph_iri):
        raise ExportError(f"not an absolute IRI: {graph_iri!r}")
    if not url.startswith(("http://", "https://")):
        raise ExportError(f"not an http(s) URL: {url!r}")
    target = (
        url
        + ("&" if "?" in url else "?")
        + urllib.parse.urlencode({"graph": graph_iri})
    )
    with file.open("rb") as body:
        request = urllib.request.Request(
            target,
            data=body,
            method="PUT",
            headers={
                "Content-Type": _RDF_FILES[file.suffix][1] + "; charset=utf-8",
                "Content-Length": str(file.stat().st_size),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status: int = response.status
        except urllib.error.HTTPError as e:
            detail = e.read(300).decode("utf-8", "replace").strip()
            raise ExportError(
                f"the store refused the graph: HTTP {e.code} {e.reason}"
                + (f": {detail}" if detail else ""),
                path=url,
            ) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ExportError(f"cannot reach the store: {reason}", path=url) from e
    log.info("pushed %s to %s (HTTP %s)", file, target, status)
    return status
