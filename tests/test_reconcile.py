"""The reconciliation service, over real HTTP, as OpenRefine sends its requests."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse

import pytest

from graphkit.reconcile import _Server, load_reconciler
from tests.conftest import seed


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    from graphkit.build import build

    out = tmp_path_factory.mktemp("reconcile-exports")
    build([seed("000")], out, analysis=False)
    server = _Server(0, load_reconciler(out))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(port, method, path, body=None, host=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read().decode("utf-8")
    conn.close()
    return response.status, response.getheader("Content-Type"), data


def test_manifest(service):
    status, kind, data = _request(service, "GET", "/reconcile")
    manifest = json.loads(data)
    assert (status, kind) == (200, "application/json")
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == "https://w3id.org/graphkit/id/"
    assert {"id": "cooperative", "name": "cooperative"} in manifest["defaultTypes"]
    assert manifest["view"]["url"] == "https://w3id.org/graphkit/id/{{id}}"


def test_query_batch_posted_as_openrefine_does(service):
    queries = {
        "q0": {"query": "Coompanion Sthlms län", "limit": 3, "type_strict": "should"},
        "q1": {"query": "Samordningsförbundet Östra och Norra Skaraborg", "limit": 3},
        "q2": {"query": "Coompanion", "type": "cooperative", "limit": 30},
        "q3": {"query": "Sollentuna kommun", "limit": 1},
    }
    body = urllib.parse.urlencode({"queries": json.dumps(queries)})
    status, _, data = _request(service, "POST", "/reconcile", body)
    answer = json.loads(data)
    assert status == 200
    assert sorted(answer) == ["q0", "q1", "q2", "q3"]
    best = answer["q0"]["result"][0]
    assert (best["id"], best["name"], best["match"], best["score"]) == (
        "org/coompanion-stockholms-lan",
        "Coompanion Kooperativ Utveckling Stockholms län",
        True,
        100.0,
    )
    assert best["type"] == [{"id": "cooperative", "name": "cooperative"}]
    features = {f["id"]: f["value"] for f in best["features"]}
    assert features["graphkit_match"] is True
    assert features["exact_spelling"] is True
    assert features["projects"] == 1  # the owner of the one built project
    # a look-alike in another county: offered, never matched, scored under the threshold
    other = answer["q1"]["result"][0]
    assert other["id"] == "org/samordningsforbundet-ostra-sodertorn"
    assert other["match"] is False and other["score"] < 90
    assert {f["id"]: f["value"] for f in other["features"]}[
        "distinction_agrees"
    ] is False
    # a bare family name: every Coompanion, equally, none matched
    family = answer["q2"]["result"]
    members = [c for c in family if c["name"].startswith("Coompanion ")]
    assert len(members) == 9 and {c["score"] for c in members} == {89.0}
    assert family[:9] == members
    assert not any(c["match"] for c in family)
    assert answer["q3"]["result"][0]["id"] == "municipality/0163"


def test_get_with_queries_and_jsonp(service):
    queries = json.dumps({"q0": {"query": "Skoopii"}})
    path = "/reconcile?" + urllib.parse.urlencode(
        {"queries": queries, "callback": "cb"}
    )
    status, kind, data = _request(service, "GET", path)
    assert (status, kind) == (200, "application/javascript")
    assert data.startswith("cb(") and data.endswith(");")
    assert json.loads(data[3:-2])["q0"]["result"][0]["id"] == "org/skoopi"


def test_preview_and_errors(service):
    status, kind, page = _request(service, "GET", "/reconcile/preview?id=org/kfo")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert "Arbetsgivarföreningen KFO" in page
    bad = urllib.parse.urlencode({"queries": json.dumps({"q0": {"limit": 3}})})
    status, _, data = _request(service, "POST", "/reconcile", bad)
    assert (status, json.loads(data)) == (
        400,
        {"error": "a query needs a non-empty 'query' text"},
    )
    status, _, _ = _request(service, "GET", "/reconcile", host="evil.example:80")
    assert status == 403


def test_graphkit_serve_reconcile_answers(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    # run where no exports/graph.nt is: the registry and the municipalities only
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graphkit.cli",
            "serve",
            "--reconcile",
            "--port",
            str(free),
        ],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        line = process.stderr.readline()
        assert line.startswith("reconciliation service on http://127.0.0.1:"), line
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        status, _, data = _request(port, "GET", "/reconcile?query=Skoopii")
        assert status == 200
        assert json.loads(data)["result"][0]["id"] == "org/skoopi"
    finally:
        process.terminate()
        process.wait(10)
