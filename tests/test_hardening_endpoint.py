"""The endpoint and the store against a real Oxigraph server on 127.0.0.1 (H4–H6, M6,
C24, C25, D34 of ../shared/hardening/failures.md)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.store import write_store
from graphkit.store.server import _remove_stale_folders
from tests.conftest import SEEDS

GRAPHKIT = str(Path(sys.executable).parent / "graphkit")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(
    port: int,
    query: str,
    *,
    method: str = "POST",
    headers: dict[str, str] | None = None,
    path: str = "/query",
    timeout: float = 30,
) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    body = urllib.parse.urlencode({"query": query})
    sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    try:
        if method == "GET":
            connection.request("GET", f"{path}?{body}", headers=headers or {})
        else:
            connection.request("POST", path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _count(port: int) -> int:
    """The endpoint's triple count, retrying while it restarts its engine."""
    deadline = time.monotonic() + 30
    while True:
        try:
            status, text = _request(
                port, COUNT, headers={"Accept": "application/sparql-results+json"}
            )
            if status == 200:
                return int(json.loads(text)["results"]["bindings"][0]["n"]["value"])
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the endpoint does not answer")
        time.sleep(0.2)


def _start(source: list[str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [GRAPHKIT, "serve", "--port", str(port), "--timeout", "2", *source],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _count(port)
    return process


def _stop(process: subprocess.Popen[bytes]) -> bytes:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    return err


@pytest.fixture(scope="module")
def endpoint(seeds_exports: Path) -> Iterator[int]:
    port = _free_port()
    process = _start(["--graph", str(seeds_exports)], port)
    yield port
    err = _stop(process)
    assert process.returncode == 0, err
    assert b"Traceback" not in err


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request it gets (an SSRF target)."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_h6_service_is_refused_and_calls_no_one(endpoint, listener, method):
    port, seen = listener
    for query in (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/ssrf> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # c\r SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }}\n}}",
    ):
        status, text = _request(endpoint, query, method=method)
        assert status == 403
        assert text.startswith(f"refused: SERVICE <http://127.0.0.1:{port}/")
    assert seen == []
    assert _count(endpoint) > 10_000


def test_h5_a_deeply_nested_post_is_refused_and_the_server_lives(endpoint):
    deep = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
    status, text = _request(endpoint, deep)
    assert (status, text) == (
        403,
        "refused: brackets nest 5000 deep in the query; the limit is 64\n",
    )
    assert _count(endpoint) > 10_000


def test_h5_no_request_crashes_the_endpoint(endpoint):
    """Engine crashes (a 20,000-term chain) are survived: the engine restarts."""
    chain = "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + "+".join("1" * 20000) + ") }"
    for query in (chain, "x" * 200_000, "SELECT * WHERE { ?s"):
        with contextlib.suppress(OSError):
            _request(endpoint, query)
    assert _count(endpoint) > 10_000


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 403),
        ({"Host": "evil.example:7878"}, 403),
        ({"Origin": "http://evil.example"}, 403),
    ],
)
def test_h6_host_and_origin_are_checked_against_dns_rebinding(
    endpoint, headers, status
):
    got, text = _request(endpoint, "ASK {}", method="GET", headers=headers)
    assert got == status, text


def test_updates_and_other_paths_are_refused(endpoint):
    assert _request(endpoint, "CLEAR ALL", path="/update")[0] == 403
    assert _request(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 403
    assert _request(endpoint, "ASK {}", path="/store", method="GET")[0] == 403
    assert _request(endpoint, "ASK {}", path="/other", method="GET")[0] == 404


@pytest.mark.slow
def test_m6_a_query_stops_at_the_endpoint_timeout(endpoint):
    started = time.monotonic()
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    try:
        _, text = _request(endpoint, heavy, timeout=60)
    except OSError:
        text = ""
    assert time.monotonic() - started < 15
    assert '"value"' not in text  # no count: it was stopped
    assert _count(endpoint) > 10_000


def test_c24_a_taken_port_is_a_clean_error(seeds_exports):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["serve", "--port", str(port), "--graph", str(seeds_exports)]
        )
    assert result.exit_code == 1
    assert "read-only SPARQL endpoint on" not in result.output
    assert result.output.splitlines()[-1] == (
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"
        " (choose another --port)"
    )


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def test_c25_the_server_dies_with_graphkit_even_on_kill_9(seeds_exports):
    port = _free_port()
    process = _start(["--graph", str(seeds_exports)], port)
    (engine,) = _children(process.pid)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while not _gone(engine) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(engine)
    with pytest.raises(OSError):
        _request(port, "ASK {}", timeout=2)


def test_c25_temporary_stores_of_killed_serves_are_removed():
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = Path(tempfile.mkdtemp(prefix="graphkit-serve-"))
    (left / "pid").write_text(str(dead.pid))
    mine = Path(tempfile.mkdtemp(prefix="graphkit-serve-"))
    (mine / "pid").write_text(str(os.getpid()))
    try:
        _remove_stale_folders()
        assert not left.exists()
        assert mine.exists()
    finally:
        for folder in (left, mine):
            if folder.exists():
                for file in folder.iterdir():
                    file.unlink()
                folder.rmdir()


@pytest.mark.slow
def test_d34_a_running_serve_store_notices_its_store_was_replaced(
    seeds_exports, tmp_path
):
    store = tmp_path / "store"
    write_store(seeds_exports / "graph.nt", store)
    port = _free_port()
    process = _start(["--store", str(store)], port)
    try:
        before = _count(port)
        bigger = tmp_path / "bigger.nt"
        bigger.write_bytes(
            (seeds_exports / "graph.nt").read_bytes() + b"<urn:a> <urn:b> <urn:c> .\n"
        )
        write_store(bigger, store)
        assert _count(port) == before + 1
    finally:
        err = _stop(process)
    assert b"was replaced; serving the new one" in err


@pytest.mark.slow
def test_h4_a_store_open_for_writing_is_not_replaced(seeds_exports, tmp_path):
    store = tmp_path / "store"
    write_store(seeds_exports / "graph.nt", store)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]);"
            " print(1, flush=True); time.sleep(60)",
            str(store),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        result = CliRunner().invoke(
            cli,
            ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--store", str(store)],
        )
    finally:
        holder.terminate()
        holder.wait()
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {store}: the store is open in another process (for writing); close"
        " that process or build into another --store folder"
    )
    query = CliRunner().invoke(
        cli, ["query", COUNT, "--store", str(store), "--format", "csv"]
    )
    assert query.exit_code == 0, query.output
    assert query.output.splitlines()[1] == str(
        len((seeds_exports / "graph.nt").read_bytes().splitlines())
    )
