"""A graph → a read-only SPARQL endpoint (a checking front before Oxigraph's server).

Pushing into another store is :mod:`graphkit.store.push`.
"""

from __future__ import annotations

import errno
import http.client
import logging
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError, QueryError
from graphkit.store.files import is_store, write_store
from graphkit.store.query import QUERY_TIMEOUT, check_read_only

__all__ = ["serve", "server_command"]

log = logging.getLogger(__name__)


def server_command(
    store_dir: str | Path, port: int = 7878, *, timeout: float | None = None
) -> list[str]:
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
    command = [
        program,
        "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if timeout is not None:
        command += ["--timeout-s", str(max(1, math.ceil(timeout)))]
    return command


#: The largest request body the endpoint reads (a query is at most
#: :data:`~graphkit.store.query.MAX_QUERY_CHARS` characters).
MAX_REQUEST_BYTES = 1024 * 1024
#: Queries the endpoint runs at once; more are answered 503.
MAX_CONCURRENT_QUERIES = 4


def serve(
    source: str | Path,
    port: int = 7878,
    *,
    timeout: float = QUERY_TIMEOUT,
    ready: Callable[[str], None] | None = None,
) -> int:
    """Serve a graph as a read-only SPARQL 1.1 endpoint until interrupted.

    A small front (standard-library HTTP server) on ``127.0.0.1:port`` checks
    every request and passes the queries it allows to the real Oxigraph server
    (``oxigraph serve-read-only``, on a private port, with a per-query
    timeout). The front answers only ``/query`` (GET, or POST as a form or
    ``application/sparql-query``); it refuses updates (403), a ``Host`` or
    ``Origin`` other than 127.0.0.1/localhost (DNS rebinding; 403), bodies over
    :data:`MAX_REQUEST_BYTES` (413), and any query
    :func:`~graphkit.store.query.check_read_only` refuses: SERVICE, too long
    or too deeply nested (403/400). The Oxigraph server dies with graphkit (it
    is killed when graphkit ends, even by ``kill -9``); if it stops, or the
    store is replaced by a new build, it is started again. A graph file or
    exports folder is first loaded into a temporary store, removed afterwards
    (and at the next start, if graphkit was killed).

    Args:
        source: a store folder, an RDF file or an exports folder.
        port: the port on 127.0.0.1; queries go to ``/query``.
        timeout: seconds one query may run.
        ready: called with the endpoint's URL once it listens.

    Returns:
        0 after Ctrl-C (SIGINT) or SIGTERM.

    Raises:
        GraphkitError: if the port is in use or the server cannot start.

    Example (not executed)::

        serve("exports/", port=7878)  # http://127.0.0.1:7878/query
    """
    _remove_stale_folders()
    path = Path(source)
    temporary = None
    if not (path.is_dir() and is_store(path)):
        temporary = Path(tempfile.mkdtemp(prefix=_SERVE_PREFIX))
        (temporary / "pid").write_text(str(os.getpid()), encoding="utf-8")
    try:
        if temporary is not None:
            path = write_store(path, temporary / "store")
        engine = _Engine(path, timeout)
        try:
            front = _Front(port, engine)
        except OSError as e:
            raise GraphkitError(
                f"cannot listen on 127.0.0.1:{port}: {e.strerror}"
                + (" (choose another --port)" if e.errno == errno.EADDRINUSE else "")
            ) from e
        previous = signal.signal(signal.SIGTERM, _interrupt)
        listening = threading.Thread(target=front.serve_forever, daemon=True)
        try:
            engine.start()
            listening.start()
            if ready is not None:
                ready(f"http://127.0.0.1:{port}/query")
            while True:
                engine.restart.wait(0.5)
                engine.watch()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if listening.is_alive():
                front.shutdown()
            front.server_close()
            engine.stop()
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C, so that the server is stopped too."""
    raise KeyboardInterrupt


_SERVE_PREFIX = "graphkit-serve-"


def _remove_stale_folders() -> None:
    """Remove temporary stores of endpoints whose graphkit was killed."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_SERVE_PREFIX}*"):
        try:
            owner = int((folder / "pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not _alive(owner):
            log.info("removing %s, left by a killed graphkit serve", folder)
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _die_with_parent() -> Callable[[], None] | None:
    """What the server's child process runs first: be killed when graphkit ends.

    Linux only (``PR_SET_PDEATHSIG``); the C function is looked up here, in
    graphkit, so that the child runs no Python import after the fork.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def in_child() -> None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    return in_child


class _Engine:
    """The Oxigraph server behind the front: started, watched, restarted."""

    def __init__(self, store: Path, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.restart = threading.Event()
        self.identity = self._identity()

    def _identity(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.store / "CURRENT")
        except OSError:
            return None
        return info.st_ino, info.st_dev

    def replaced(self) -> bool:
        """Whether a build replaced the store since the server opened it."""
        return self._identity() != self.identity

    def start(self) -> None:
        """Start the Oxigraph server (from the main thread) and wait for it."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.identity = self._identity()
        command = server_command(self.store, self.port, timeout=self.timeout)
        log.info("running %s", " ".join(command))
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise GraphkitError(
                    f"the Oxigraph server failed to start ({self.process.returncode})",
                    path=str(self.store),
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise GraphkitError("the Oxigraph server did not start", path=str(self.store))

    def watch(self) -> None:
        """Restart the server if it stopped, was asked to, or its store changed."""
        dead = self.process is None or self.process.poll() is not None
        if not (dead or self.restart.is_set() or self.replaced()):
            return
        if self.replaced():
            log.warning("the store %s was replaced; serving the new one", self.store)
        elif dead and self.process is not None:
            log.warning(
                "the Oxigraph server stopped (%s); starting it again",
                self.process.returncode,
            )
        self.stop()
        self.start()
        self.restart.clear()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # read-only: nothing to lose
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class _Front(ThreadingHTTPServer):
    """The endpoint's HTTP front: one thread per request, none can crash it."""

    daemon_threads = True

    def __init__(self, port: int, engine: _Engine) -> None:
        self.engine = engine
        self.port = port
        self.slots = threading.BoundedSemaphore(MAX_CONCURRENT_QUERIES)
        self.hosts = {f"{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        self.hosts |= {"127.0.0.1", "localhost", "[::1]"}
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("request from %s failed", client_address, exc_info=True)


class _Refused(Exception):
    """A request the front answers itself, with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    server: _Front
    timeout = 30  # seconds a client may take to send its request
    server_version = "graphkit"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _not_allowed(self) -> None:
        self._send(405, "only GET and POST; this endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _answer(self) -> None:
        try:
            form = self._form()
            if not self.server.slots.acquire(blocking=False):
                raise _Refused(503, "busy: too many queries at once; try again")
            try:
                self._forward(form)
            finally:
                self.server.slots.release()
        except _Refused as e:
            self._send(e.status, e.message)

    def _form(self) -> list[tuple[str, str]]:
        """The request's query parameters, checked; or :class:`_Refused`."""
        host = self.headers.get("Host", "")
        if host.lower() not in self.server.hosts:
            raise _Refused(403, f"Host {host!r} is not allowed (only 127.0.0.1)")
        origin = self.headers.get("Origin")
        local = {f"http://{h}" for h in self.server.hosts}
        if origin is not None and origin.lower() not in local:
            raise _Refused(403, f"requests from {origin!r} are not allowed")
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/update", "/store"):
            raise _Refused(403, "this endpoint is read-only: updates are refused")
        if url.path != "/query":
            raise _Refused(404, "not found: queries go to /query")
        try:
            form = urllib.parse.parse_qsl(url.query, errors="strict", max_num_fields=16)
            if self.command == "POST":
                form += self._body_form()
        except (ValueError, UnicodeDecodeError) as e:
            raise _Refused(400, f"bad request: {e}") from e
        names = [name for name, _ in form]
        if "update" in names:
            raise _Refused(403, "this endpoint is read-only: updates are refused")
        if names.count("query") != 1:
            raise _Refused(400, "give one `query` parameter")
        query = next(value for name, value in form if name == "query")
        try:
            check_read_only(query, {})
        except QueryError as e:
            status = 403 if e.message.startswith("refused") else 400
            raise _Refused(status, e.message) from e
        return form

    def _body_form(self) -> list[tuple[str, str]]:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise _Refused(411, "a POST needs a Content-Length")
        if int(length) > MAX_REQUEST_BYTES:
            raise _Refused(413, f"request larger than {MAX_REQUEST_BYTES:,} bytes")
        body = self.rfile.read(int(length))
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return [("query", body.decode("utf-8"))]
        if kind == "application/sparql-update":
            raise _Refused(403, "this endpoint is read-only: updates are refused")
        if kind in ("application/x-www-form-urlencoded", ""):
            return urllib.parse.parse_qsl(
                body.decode("ascii"), errors="strict", max_num_fields=16
            )
        raise _Refused(415, f"unsupported Content-Type {kind!r}")

    def _forward(self, form: list[tuple[str, str]]) -> None:
        engine = self.server.engine
        if engine.replaced():
            engine.restart.set()
            raise _Refused(503, "the store was replaced; reopening it, try again")
        deadline = time.monotonic() + engine.timeout + 5
        connection = http.client.HTTPConnection(
            "127.0.0.1", engine.port, timeout=engine.timeout + 5
        )
        started = False
        try:
            connection.request(
                "POST",
                "/query",
                body=urllib.parse.urlencode(form),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": self.headers.get("Accept", "*/*"),
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            started = True
            self.send_response(response.status)
            value = response.getheader("Content-Type")
            if value is not None:
                self.send_header("Content-Type", value)
            self.end_headers()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return  # the engine cancelled the query; end the answer
                if connection.sock is not None:
                    connection.sock.settimeout(left)
                chunk = response.read1(65536)
                if not chunk:
                    return
                self.wfile.write(chunk)
        except TimeoutError as e:
            if started:
                return
            raise _Refused(504, "the query engine did not answer in time") from e
        except (OSError, http.client.HTTPException) as e:
            if started:
                return  # the client went away, or the answer broke off
            engine.restart.set()
            raise _Refused(503, "the query engine is restarting; try again") from e
        finally:
            connection.close()

    def _send(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client went away
