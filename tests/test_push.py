"""`graphkit push` into a real Oxigraph server, behind a front that demands a password.

Oxigraph's server has no authentication, so :class:`AuthFront` (standard library)
stands before it and demands HTTP Basic, Digest (RFC 7616, checked here with its
own arithmetic) or a bearer token, or refuses big bodies with 413 before reading
them, closing the connection as stores do. What it lets through goes to Oxigraph.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import re
import secrets
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.errors import ExportError
from graphkit.store import DEFAULT_GRAPH_IRI, PushAuth, push_graph
from tests.test_store import _oxigraph, _select, _wait_for

USER, PASSWORD, TOKEN = "forskare", "hemligt lösen", "tok-3f9a1c"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A writable Oxigraph server; its base URL."""
    port = _free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen(
        [
            _oxigraph(),
            "serve",
            "--location",
            str(folder),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/query", server)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


def _digest_params(header: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) or m.group(3)
        for m in re.finditer(r'(\w+)=(?:"([^"]*)"|([^\s,]+))', header)
    }


class AuthFront(ThreadingHTTPServer):
    """Demands ``mode`` (basic, digest, bearer, too-big) and forwards to Oxigraph."""

    daemon_threads = True

    def __init__(self, upstream: str, mode: str) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.mode = mode
        self.nonce = secrets.token_hex(16)
        self.seen: list[tuple[str, str]] = []  # (method, Authorization)
        super().__init__(("127.0.0.1", 0), _FrontHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"

    def allowed(self, method: str, header: str, uri: str) -> bool:
        if self.mode == "basic":
            expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return header == f"Basic {expected}"
        if self.mode == "bearer":
            return header == f"Bearer {TOKEN}"
        if self.mode == "digest" and header.startswith("Digest "):
            p = _digest_params(header)

            def md5(text: str) -> str:
                return hashlib.md5(text.encode()).hexdigest()

            ha1 = md5(f"{USER}:graphkit-test:{PASSWORD}")
            ha2 = md5(f"{method}:{uri}")
            expected = md5(
                f"{ha1}:{self.nonce}:{p.get('nc')}:{p.get('cnonce')}:auth:{ha2}"
            )
            return (
                p.get("username") == USER
                and p.get("nonce") == self.nonce
                and p.get("uri") == uri
                and p.get("response") == expected
            )
        return False

    def challenge(self) -> str:
        if self.mode == "digest":
            return (
                f'Digest realm="graphkit-test", qop="auth", algorithm=MD5, '
                f'nonce="{self.nonce}", opaque="o1"'
            )
        return (
            'Bearer realm="graphkit-test"'
            if self.mode == "bearer"
            else ('Basic realm="graphkit-test"')
        )


class _FrontHandler(BaseHTTPRequestHandler):
    server: AuthFront

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _refuse(self, status: int, text: str, challenge: str | None = None) -> None:
        body = text.encode()
        self.send_response(status)
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def _handle(self) -> None:
        header = self.headers.get("Authorization", "")
        self.server.seen.append((self.command, header))
        if self.server.mode == "too-big":
            # refuse before reading the body, as a store with a size limit does
            self._refuse(413, "request entity too large (limit 1 kB)")
            return
        if not self.server.allowed(self.command, header, self.path):
            self._refuse(401, "unauthorized", self.server.challenge())
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        connection = http.client.HTTPConnection(
            self.server.upstream.hostname, self.server.upstream.port, timeout=60
        )
        headers = {"Content-Type": self.headers.get("Content-Type", "")}
        connection.request(self.command, self.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


@contextlib.contextmanager
def front(upstream: str, mode: str) -> Iterator[AuthFront]:
    server = AuthFront(upstream, mode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _count(base: str, graph: str) -> int:
    rows = _select(
        base + "/query",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
    )
    return int(rows[0]["n"])


@pytest.mark.parametrize("mode", ["basic", "digest", "bearer"])
def test_push_signs_in_and_the_graph_arrives(
    mode: str, oxigraph: str, seeds_exports: Path, seeds_graph: Any
) -> None:
    graph = f"https://example.org/graph/{mode}"
    auth = (
        PushAuth(token=TOKEN)
        if mode == "bearer"
        else PushAuth(USER, PASSWORD, scheme="auto")
    )
    with front(oxigraph, mode) as server:
        status = push_graph(server.url, seeds_exports, graph, auth=auth)
    assert status in (200, 201, 204)
    assert _count(oxigraph, graph) == len(seeds_graph)
    puts = [header for method, header in server.seen if method == "PUT"]
    assert len(puts) == 1  # the graph is sent once, signed
    assert puts[0].split()[0] == {"basic": "Basic", "digest": "Digest"}.get(
        mode, "Bearer"
    )


def test_push_without_or_with_wrong_credentials_reports_401(
    oxigraph: str, seeds_exports: Path
) -> None:
    with front(oxigraph, "digest") as server:
        with pytest.raises(ExportError) as missing:
            push_graph(server.url, seeds_exports)
        with pytest.raises(ExportError) as wrong:
            push_graph(server.url, seeds_exports, auth=PushAuth(USER, "fel"))
    assert "HTTP 401 Unauthorized: the store wants you to sign in" in str(missing.value)
    assert "it asks for Digest authentication" in str(missing.value)
    assert "HTTP 401 Unauthorized: the store did not accept the credentials" in str(
        wrong.value
    )
    assert "fel" not in str(wrong.value).replace("refused", "")


def test_a_store_that_closes_early_reports_413_not_broken_pipe(
    oxigraph: str, seeds_exports: Path
) -> None:
    size = (seeds_exports / "graph.nt").stat().st_size
    assert size > 1_000_000  # more than the socket buffers hold
    with front(oxigraph, "too-big") as server, pytest.raises(ExportError) as refused:
        push_graph(server.url, seeds_exports)
    message = str(refused.value)
    assert "Broken pipe" not in message
    assert (
        f"HTTP 413 Request Entity Too Large: the graph ({size:,} bytes) is larger"
        in (message)
    )


def test_push_cli_takes_credentials_from_the_environment_and_never_shows_them(
    oxigraph: str, seeds_exports: Path
) -> None:
    with front(oxigraph, "basic") as server:
        url = server.url
        result = CliRunner().invoke(
            cli,
            ["push", url, "--graph", str(seeds_exports)],
            env={"GRAPHKIT_PUSH_USER": USER, "GRAPHKIT_PUSH_PASSWORD": PASSWORD},
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip().startswith(f"pushed into <{DEFAULT_GRAPH_IRI}>")
        wrong = CliRunner().invoke(
            cli,
            ["push", url, "--graph", str(seeds_exports), "--user", USER],
            env={"GRAPHKIT_PUSH_PASSWORD": "nej-fel"},
        )
        in_url = url.replace("//", f"//{USER}:{urllib.parse.quote(PASSWORD)}@", 1)
        signed = CliRunner().invoke(
            cli, ["push", in_url, "--graph", str(seeds_exports)], catch_exceptions=False
        )
    assert wrong.exit_code == 1
    assert wrong.output.splitlines()[-1] == (
        f"Error: {url}: the store refused the graph: HTTP 401 Unauthorized: the store"
        " did not accept the credentials; it asks for Basic authentication: unauthorized"
    )
    assert "nej-fel" not in wrong.output
    assert signed.exit_code == 0, signed.output
    assert PASSWORD not in signed.output and urllib.parse.quote(PASSWORD) not in (
        signed.output
    )
    assert _count(oxigraph, DEFAULT_GRAPH_IRI) > 10_000


def test_push_into_the_read_only_endpoint_reports_its_refusal(
    seeds_exports: Path,
) -> None:
    """graphkit serve is read-only: a push there gets its refusal, said plainly."""
    import os
    import sys

    port = _free_port()
    graphkit = Path(sys.executable).parent / "graphkit"
    process = subprocess.Popen(
        [str(graphkit), "serve", "--port", str(port), "--graph", str(seeds_exports)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/query", process)
        with pytest.raises(ExportError) as refused:
            push_graph(f"http://127.0.0.1:{port}/store", seeds_exports)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert str(refused.value).endswith(
        "the store refused the graph: HTTP 405 Method Not Allowed: the URL does not"
        " take PUT: is it the store's Graph Store endpoint?: only GET and POST; this"
        " endpoint is read-only"
    )


def test_library_queries_run_on_the_pushed_named_graph(
    oxigraph: str, seeds_exports: Path
) -> None:
    """As the README says: the library query's text, with default-graph-uri."""
    from graphkit.store import load_query

    push_graph(oxigraph + "/store", seeds_exports, "https://example.org/graph/esf")
    push_graph(oxigraph + "/store", seeds_exports, "https://example.org/graph/copy")
    form = urllib.parse.urlencode(
        {
            "query": load_query("money-per-owner"),
            "default-graph-uri": "https://example.org/graph/esf",
        }
    ).encode()
    request = urllib.request.Request(
        oxigraph + "/query",
        data=form,
        headers={
            "Accept": "text/csv",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    deadline = time.monotonic() + 30
    with urllib.request.urlopen(request, timeout=deadline - time.monotonic()) as answer:
        lines = answer.read().decode().splitlines()
    kfo = next(line for line in lines if "kfo-service" in line)
    assert ",16855776," in kfo  # one graph's money, not the sum of both copies


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Virtuoso server of its own (Debian's virtuoso-opensource); its base URL."""
    import shutil

    program = shutil.which("virtuoso-t")
    template = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
    if program is None or not template.is_file():
        pytest.skip("Virtuoso is not installed (CI installs virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, web = _free_port(), _free_port()
    ini = template.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(?m)^ServerPort(\s*)= 1111\b", rf"ServerPort\g<1>= {sql}", ini)
    ini = re.sub(r"(?m)^ServerPort(\s*)= 8890\b", rf"ServerPort\g<1>= {web}", ini)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    server = subprocess.Popen(
        [program, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=folder,
    )
    base = f"http://127.0.0.1:{web}"
    try:
        _wait_for(base + "/sparql", server, seconds=120)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.slow
def test_push_into_virtuoso_with_digest_and_query_its_named_graph(
    virtuoso: str, seeds_exports: Path, seeds_graph: Any
) -> None:
    """The issue's store: Virtuoso's /sparql-graph-crud-auth wants Digest (dba/dba
    on a fresh database); without it the answer is its 401, not a broken pipe. The
    library queries then need the named graph as default graph: with a second copy
    in the store, KFO Service AB's money would otherwise count twice."""
    url = virtuoso + "/sparql-graph-crud-auth"
    with pytest.raises(ExportError) as refused:
        push_graph(url, seeds_exports)
    assert "HTTP 401 Unauthorized" in str(refused.value)
    assert "it asks for Digest authentication" in str(refused.value)
    auth = PushAuth("dba", "dba")
    for graph in (DEFAULT_GRAPH_IRI, DEFAULT_GRAPH_IRI, "https://example.org/copy"):
        assert push_graph(url, seeds_exports, graph, auth=auth) in (200, 201, 204)
    count = _select(
        virtuoso + "/sparql",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH_IRI}> {{ ?s ?p ?o }} }}",
    )
    assert int(count[0]["n"]) == len(seeds_graph)  # pushed twice: one copy
    from graphkit.store import load_query

    form = urllib.parse.urlencode(
        {"query": load_query("money-per-owner"), "default-graph-uri": DEFAULT_GRAPH_IRI}
    ).encode()
    request = urllib.request.Request(
        virtuoso + "/sparql", data=form, headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        lines = answer.read().decode().splitlines()
    kfo = next(line for line in lines if "kfo-service" in line)
    # projects, grant, with a grant, budget, with a budget (ESF)
    assert kfo.endswith('"ESF",1,16855776,1,16855776,1'), kfo
