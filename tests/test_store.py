"""graphkit.store and its commands: open, write, query, serve and push."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Variable
from rdflib.namespace import ORG, XSD

from graphkit.cli import cli
from graphkit.errors import ExportError, QueryError, ReadError
from graphkit.rdf import GK, ID, PREFIXES
from graphkit.store import (
    DEFAULT_GRAPH_IRI,
    bind_params,
    check_read_only,
    format_result,
    is_store,
    library,
    load_query,
    open_graph,
    push_graph,
    run_query,
    write_store,
)

SLUP = "https://w3id.org/graphkit/id/org/slup-se"


@pytest.fixture(scope="module")
def store_dir(seeds_exports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A persistent store of the seeds' graph."""
    return write_store(
        seeds_exports / "graph.nt", tmp_path_factory.mktemp("s") / "store"
    )


# ------------------------------------------------------------------ open and write


def test_open_graph_reads_file_folder_and_store(
    seeds_exports: Path, seeds_graph: Graph, store_dir: Path
) -> None:
    from oxrdflib import OxigraphStore

    for source in (
        seeds_exports / "graph.nt",
        seeds_exports / "graph.ttl",
        seeds_exports,
        store_dir,
    ):
        graph = open_graph(source)
        assert isinstance(graph.store, OxigraphStore)
        assert len(graph) == len(seeds_graph)
    assert _values(open_graph(store_dir)) == _values(seeds_graph)


def _values(graph: Graph) -> set[tuple[object, ...]]:
    """The triples with literals as values: Oxigraph writes "100.0" as "100", and
    "x" as "x"^^xsd:string, the same RDF 1.1 literals."""
    return {
        (
            s,
            p,
            (o.toPython(), o.datatype)
            if isinstance(o, Literal) and o.datatype and o.datatype != XSD.string
            else o
            if not isinstance(o, Literal)
            else (str(o), o.language),
        )
        for s, p, o in graph
    }


def test_open_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no graph here"):
        open_graph(tmp_path / "missing.nt")
    with pytest.raises(ReadError, match=r"exports folder without graph\.nt"):
        open_graph(tmp_path)
    (tmp_path / "g.csv").write_text("a,b\n")
    with pytest.raises(ReadError, match=r"unknown RDF file type '\.csv'"):
        open_graph(tmp_path / "g.csv")
    (tmp_path / "bad.nt").write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(ReadError, match="not valid RDF"):
        open_graph(tmp_path / "bad.nt")


def test_write_store_from_graph_replaces_old_store(tmp_path: Path) -> None:
    one = Graph()
    one.add((ID["org/a"], GK.sector, GK.PublicSector))
    two = Graph()
    two.add((ID["org/b"], GK.sector, GK.PrivateSector))
    two.add((ID["org/b"], GK.phase, Literal("Förprojektering", lang="sv")))
    target = tmp_path / "store"
    write_store(one, target)
    write_store(two, target)
    assert is_store(target)
    assert _values(open_graph(target)) == _values(two)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_write_store_leaves_other_folders_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not an Oxigraph store and not empty"):
        write_store(Graph(), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# -------------------------------------------------------------- parameters and checks


QUERY = f"SELECT ?p WHERE {{ VALUES ?actor {{ <{SLUP}> }} ?p ?r ?actor }}"


@pytest.mark.parametrize(
    ("value", "term"),
    [
        (
            "org/coompanion-sverige",
            "<https://w3id.org/graphkit/id/org/coompanion-sverige>",
        ),
        ("municipality/0163", "<https://w3id.org/graphkit/id/municipality/0163>"),
        ("municipality:0163", "<https://w3id.org/graphkit/id/municipality/0163>"),
        (
            "actor:coompanion-sverige",
            "<https://w3id.org/graphkit/id/org/coompanion-sverige>",
        ),
        ("org:Organization", "<http://www.w3.org/ns/org#Organization>"),
        ("<https://example.org/x>", "<https://example.org/x>"),
        ("https://example.org/y", "<https://example.org/y>"),
    ],
)
def test_bind_params_iri(value: str, term: str) -> None:
    assert f"VALUES ?actor {{ {term} }}" in bind_params(QUERY, {"actor": value})


def test_bind_params_several_values_and_kinds() -> None:
    text = bind_params(QUERY, {"actor": ["org/a", "org/b"]})
    assert f"VALUES ?actor {{ <{ID['org/a']}> <{ID['org/b']}> }}" in text
    dated = 'SELECT * { VALUES ?from { "2009-01-01"^^xsd:date } }'
    assert '"2010-02-03"^^<http://www.w3.org/2001/XMLSchema#date>' in bind_params(
        dated, {"from": "2010-02-03"}
    )
    assert "VALUES ?n { 7 }" in bind_params("SELECT * { VALUES ?n { 2 } }", {"n": "7"})


@pytest.mark.parametrize(
    ("text", "params", "message"),
    [
        (QUERY, {"actor": f"org/x> }} ?s ?p ?o {{ <{SLUP}"}, "is not an IRI or an id"),
        (QUERY, {"actor": "org/with space"}, "is not an IRI or an id"),
        (QUERY, {"nobody": "x"}, "the query has no parameter 'nobody'"),
        (
            'SELECT * { VALUES ?d { "2009-01-01"^^xsd:date } }',
            {"d": "2009-13-01"},
            "is not a date",
        ),
        ("SELECT * { VALUES ?n { 2 } }", {"n": "2; DROP ALL"}, "is not a whole number"),
        (
            "SELECT * { ?s ?p ?o } LIMIT 5",
            {"limit": "5 } DROP"},
            "not one whole number",
        ),
        ("SELECT * { ?s ?p ?o }", {"limit": "5"}, "it needs a LIMIT clause"),
    ],
)
def test_bind_params_refuses(text: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bind_params(text, params)


def test_bind_params_escapes_strings(seeds_exports: Path) -> None:
    graph = open_graph(seeds_exports)
    evil = 'x" } ?s ?p ?o . FILTER("1'
    text = bind_params(
        'SELECT ?s { VALUES ?name { "x" } ?s rdfs:label ?name }', {"name": evil}
    )
    check_read_only(text)
    assert run_query(graph, text).bindings == []
    rows = run_query(
        graph,
        'SELECT ?s { VALUES ?name { "x" } ?s rdfs:label ?name }',
        {"name": "Sollentuna"},
    ).bindings
    assert [r[Variable("s")] for r in rows] == [ID["municipality/0163"]]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA"),
        (
            "PREFIX gk: <https://w3id.org/graphkit/ontology#>\n"
            "DELETE WHERE { ?s gk:owner ?o }",
            "DELETE WHERE",
        ),
        ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT/DELETE"),
        ("LOAD <https://example.org/data.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <urn:g> ; CREATE GRAPH <urn:h>", "DROP, CREATE"),
    ],
)
def test_check_read_only_refuses_updates(text: str, kind: str) -> None:
    with pytest.raises(QueryError) as caught:
        check_read_only(text)
    assert str(caught.value) == (
        f"refused: SPARQL UPDATE ({kind}) is not allowed; queries are read-only"
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL {"
        " SERVICE SILENT <https://example.org/sparql> { ?s ?p ?x } } }",
        "ASK { FILTER EXISTS { SERVICE <https://example.org/sparql> { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s {"
        " SERVICE <https://example.org/sparql> { ?s ?p ?o } } } }",
    ],
)
def test_check_read_only_refuses_service(text: str) -> None:
    with pytest.raises(
        QueryError,
        match=r"^refused: SERVICE <https://example.org/sparql>"
        r" is not allowed; queries run on the local ",
    ):
        check_read_only(text)


def test_check_read_only_allows_keywords_in_strings_and_comments() -> None:
    check_read_only(
        'SELECT ?s WHERE { ?s ?p "SERVICE <urn:x> { } INSERT DATA" }\n# LOAD <urn:y>\n'
    )
    with pytest.raises(QueryError, match=r"not valid SPARQL \(line 1, column"):
        check_read_only("SELECT * WHERE { ?s")


def test_run_query_errors(seeds_exports: Path) -> None:
    graph = open_graph(seeds_exports)
    with pytest.raises(QueryError, match="unknown query 'no-such-query'"):
        run_query(graph, "no-such-query")
    with pytest.raises(
        QueryError, match="partners-of-actor has no parameter 'who'; it takes: actor"
    ):
        run_query(graph, "partners-of-actor", {"who": "org/slup-se"})
    with pytest.raises(QueryError, match="not valid SPARQL"):
        run_query(graph, "SELECT * WHERE { ?s nosuchprefix:p ?o }")


def test_library_headers() -> None:
    queries = library()
    assert len(queries) >= 15
    for q in queries:
        assert q.question.endswith("?") or "?" in q.question, q.name
        for name, default, _ in q.params:
            if name in ("limit", "offset"):  # paging: the query's LIMIT/OFFSET
                assert f"{name.upper()} {default}" in q.text, (q.name, name)
            else:
                assert f"VALUES ?{name} " in q.text, (q.name, name)
            bind_params(q.text, {name: default})
    assert load_query("where-from").startswith("# question: Where does")


# ------------------------------------------------------------------ formatting


def _tiny_result() -> object:
    graph = Graph()
    graph.add((ID["org/a"], GK.esfGrantSEK, Literal(1200)))
    graph.add((ID["org/a"], GK.region, Literal('Stockholm, "city"')))
    return run_query(
        graph,
        "SELECT ?actor ?grant ?region ?none WHERE { ?actor "
        "gk:esfGrantSEK ?grant ; gk:region ?region }",
    )


def test_format_result_formats() -> None:
    result = _tiny_result()
    assert format_result(result, "csv") == (  # type: ignore[arg-type]
        "actor,grant,region,none\r\n"
        'https://w3id.org/graphkit/id/org/a,1200,"Stockholm, ""city""",\r\n'
    )
    assert format_result(result, "tsv") == (  # type: ignore[arg-type]
        "?actor\t?grant\t?region\t?none\n"
        '<https://w3id.org/graphkit/id/org/a>\t1200\t"Stockholm, \\"city\\""\t\n'
    )
    assert json.loads(format_result(result, "json")) == {  # type: ignore[arg-type]
        "head": {"vars": ["actor", "grant", "region", "none"]},
        "results": {
            "bindings": [
                {
                    "actor": {
                        "type": "uri",
                        "value": "https://w3id.org/graphkit/id/org/a",
                    },
                    "grant": {
                        "type": "literal",
                        "value": "1200",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    },
                    "region": {"type": "literal", "value": 'Stockholm, "city"'},
                }
            ]
        },
    }
    assert format_result(result, "table").splitlines() == [  # type: ignore[arg-type]
        "actor    grant  region             none",
        "-------  -----  -----------------  ----",
        'actor:a   1200  Stockholm, "city"',
        "(1 row)",
    ]


def test_format_result_ask_and_construct(seeds_exports: Path) -> None:
    graph = open_graph(seeds_exports)
    ask = run_query(graph, "ASK { ?p gk:transnationalPartner ?n }")
    assert format_result(ask, "table") == "true"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    built = run_query(graph, "CONSTRUCT { ?p gk:owner ?o } WHERE { ?p gk:owner ?o }")
    assert len(Graph().parse(data=format_result(built, "csv"), format="nt")) == 4


# ------------------------------------------------------------------ CLI


def test_cli_query_list() -> None:
    result = CliRunner().invoke(cli, ["query", "--list"], catch_exceptions=False)
    assert result.exit_code == 0
    for q in library():
        assert f"\n{q.name}\n" in "\n" + result.output
    assert "--param actor=actor:slup-se" in result.output


def test_cli_query_named_with_param(seeds_exports: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "projects-in-municipality",
            "--graph",
            str(seeds_exports / "graph.nt"),
            "--param",
            "municipality=municipality/0120",
            "--format",
            "csv",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "project,title,role,start,end"
    assert {line.split(",")[2] for line in lines[1:]} >= {"covers", "partner"}


def test_cli_query_store_and_rq_file(store_dir: Path, tmp_path: Path) -> None:
    rq = tmp_path / "owners.rq"
    rq.write_text("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?p gk:owner ?o }\n")
    result = CliRunner().invoke(
        cli,
        ["query", str(rq), "--store", str(store_dir), "--format", "tsv"],
        catch_exceptions=False,
    )
    assert result.output == "?n\n3\n"


@pytest.mark.parametrize(
    ("query", "line"),
    [
        (
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "Error: refused: SPARQL UPDATE (INSERT DATA) is not allowed;"
            " queries are read-only",
        ),
        (
            "LOAD <https://example.org/x.ttl>",
            "Error: refused: SPARQL UPDATE (LOAD) is not allowed;"
            " queries are read-only",
        ),
        (
            "SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }",
            "Error: refused: SERVICE <https://example.org/sparql> is not allowed;"
            " queries run on the local graph only",
        ),
        (
            "who-works-with-whom",
            "Error: unknown query 'who-works-with-whom';"
            " `graphkit query --list` shows the library",
        ),
    ],
)
def test_cli_query_refuses(seeds_exports: Path, query: str, line: str) -> None:
    result = CliRunner().invoke(cli, ["query", query, "--graph", str(seeds_exports)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == line


def test_cli_query_default_graph_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["query", "money-per-owner"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: exports/graph.nt: no graph here (not found); run `graphkit build` first"
    )


@pytest.mark.slow
def test_cli_build_store(tmp_path: Path) -> None:
    from tests.conftest import SEEDS

    out, store = tmp_path / "exports", tmp_path / "store"
    CliRunner().invoke(
        cli,
        ["build", str(SEEDS), "-o", str(out), "--store", str(store)],
        catch_exceptions=False,
    )
    assert is_store(store)
    assert len(open_graph(store)) == len(open_graph(out / "graph.nt"))


# ------------------------------------------------------------------ servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    from tests.conftest import require_tool

    return require_tool("oxigraph")


def _select(endpoint: str, query: str) -> list[dict[str, str]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def test_push_to_oxigraph_twice_leaves_one_copy(
    seeds_exports: Path, seeds_graph: Graph, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            _oxigraph(),
            "serve",
            "--location",
            str(tmp_path / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(base + "/query", server)
        count = (
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH_IRI}> "
            "{ ?s ?p ?o } }"
        )
        for _ in range(2):
            result = CliRunner().invoke(
                cli,
                ["push", base + "/store", "--graph", str(seeds_exports)],
                catch_exceptions=False,
            )
            assert result.exit_code == 0
            assert _select(base + "/query", count) == [{"n": str(len(seeds_graph))}]
        graphs = _select(base + "/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        assert graphs == [{"g": DEFAULT_GRAPH_IRI}]
        owners = _select(
            base + "/query",
            f"""
            PREFIX gk: <{GK._NS}>
            SELECT ?o WHERE {{ GRAPH ?g {{ ?p gk:transnationalPartner ?o }} }}""",
        )
        assert {"o": str(ID["org/reves"])} in owners
        status = push_graph(
            base + "/store",
            seeds_exports / "graph.ttl",
            "https://example.org/graph/esf",
        )
        assert status in (200, 201, 204)
        assert (
            len(_select(base + "/query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
            == 2
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


def test_push_errors(seeds_exports: Path) -> None:
    port = _free_port()  # nothing listens there
    with pytest.raises(ExportError, match="cannot reach the store"):
        push_graph(f"http://127.0.0.1:{port}/store", seeds_exports)
    with pytest.raises(ExportError, match="not an absolute IRI"):
        push_graph(f"http://127.0.0.1:{port}/store", seeds_exports, "graph one")
    result = CliRunner().invoke(
        cli, ["push", "ftp://example.org/", "--graph", str(seeds_exports)]
    )
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1]
        == "Error: not an http(s) URL: 'ftp://example.org/'"
    )


def test_serve_is_read_only_and_stops_on_ctrl_c(seeds_exports: Path) -> None:
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/query"
    graphkit = Path(sys.executable).parent / "graphkit"
    command = [
        str(graphkit),
        "serve",
        "--port",
        str(port),
        "--graph",
        str(seeds_exports),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_for(endpoint, process)
        rows = _select(endpoint, f"SELECT ?p WHERE {{ ?p <{GK.partner}> <{SLUP}> }}")
        assert len(rows) == 2
        from SPARQLWrapper import POST, SPARQLWrapper

        for update in (
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "LOAD <https://example.org/x.ttl>",
            "CLEAR DEFAULT",
        ):
            client = SPARQLWrapper(
                endpoint, updateEndpoint=endpoint.replace("query", "update")
            )
            client.setMethod(POST)
            client.setQuery(update)
            with pytest.raises(urllib.error.HTTPError) as refused:
                client.query()
            assert refused.value.code == 403
        assert len(_select(endpoint, "SELECT * WHERE { <urn:a> ?p ?o }")) == 0
        assert (
            len(_select(endpoint, f"SELECT ?p WHERE {{ ?p <{GK.partner}> <{SLUP}> }}"))
            == 2
        )
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert b"server stopped" in err
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2)


def test_serve_refuses_non_rdf(tmp_path: Path) -> None:
    (tmp_path / "g.csv").write_text("a\n")
    result = CliRunner().invoke(cli, ["serve", "--graph", str(tmp_path / "g.csv")])
    assert result.exit_code == 1
    assert "unknown RDF file type '.csv'" in result.output


# ------------------------------------------- ids that paste back, unknown IRIs


def test_limit_and_offset_page_a_query(seeds_exports: Path) -> None:
    graph = open_graph(seeds_exports)
    text = "SELECT ?m WHERE { ?m a gk:Municipality } ORDER BY ?m LIMIT 1000 OFFSET 0"
    every = [r.m for r in run_query(graph, text)]
    pages = [
        [r.m for r in run_query(graph, text, {"limit": "100", "offset": str(n)})]
        for n in range(0, 290, 100)
    ]
    assert [len(page) for page in pages] == [100, 100, 90]
    assert [m for page in pages for m in page] == every


def test_every_id_the_table_prints_pastes_back_into_a_query(
    seeds_exports: Path,
) -> None:
    """Ids are CURIEs (actor:…, project:…, municipality:…), none cut however long."""
    runner = CliRunner()
    listed = runner.invoke(
        cli,
        [
            "query",
            "--graph",
            str(seeds_exports),
            "--format",
            "table",
            "SELECT DISTINCT ?project ?actor WHERE { ?project gk:partner ?actor }",
        ],
        catch_exceptions=False,
    )
    rows = [line.split() for line in listed.output.splitlines()[2:-1]]
    ids = {cell for row in rows for cell in row}
    # the seeds list 28 partnerships (5 projects), every id whole
    assert len(rows) == 28 and "…" not in listed.output
    assert "project:soul-sociala-ekonomins-organisationer-i-utveckli-c334ded1" in ids
    assert {"actor:slup-se", "municipality:0163"} <= ids
    for project, actor in rows[:: max(1, len(rows) // 8)]:
        pasted = runner.invoke(
            cli,
            [
                "query",
                "--graph",
                str(seeds_exports),
                "--format",
                "csv",
                f"ASK {{ {project} gk:partner {actor} }}",
            ],
            catch_exceptions=False,
        )
        assert (pasted.output, pasted.stderr) == ("true", ""), (project, actor)


def test_an_unknown_id_and_org_for_actor_warn_on_stderr(seeds_exports: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "--graph",
            str(seeds_exports),
            "--format",
            "csv",
            "SELECT ?p WHERE { { ?p gk:partner org:reves } UNION { ?p gk:partner"
            " actor:ingen-sadan } UNION { ?p gk:parnter ?x } } # actor:in-a-comment",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["p"]
    assert result.stderr.splitlines() == [
        "warning: org:reves is not a term of W3C ORG <http://www.w3.org/ns/org#>: did"
        " you mean actor:reves? (org: is the W3C vocabulary; graphkit's organisations"
        " are actor:)",
        "warning: actor:ingen-sadan is not in the graph",
        "warning: gk:parnter is not a graphkit term (`graphkit docs` lists them)",
    ]
    param = CliRunner().invoke(
        cli,
        [
            "query",
            "partners-of-actor",
            "--graph",
            str(seeds_exports),
            "--param",
            "actor=actor:slup-se",
        ],
        catch_exceptions=False,
    )
    assert param.exit_code == 0 and param.stderr == ""
    assert "actor:coompanion-stockholms-lan" not in param.stdout  # csv: full IRIs
    assert str(ID["org/coompanion-stockholms-lan"]) in param.stdout


def test_query_prefixes_prints_what_queries_may_leave_out() -> None:
    result = CliRunner().invoke(cli, ["query", "--prefixes"], catch_exceptions=False)
    lines = result.output.splitlines()
    declared = dict(
        re.match(r"PREFIX (\w+): <([^>]+)>", line).groups()  # type: ignore[union-attr]
        for line in lines
    )
    assert declared == PREFIXES
    assert declared["actor"] == str(ID["org/"]) and declared["org"] == str(ORG)


def test_graph_ttl_declares_the_prefixes(seeds_exports: Path) -> None:
    head = (seeds_exports / "graph.ttl").read_text(encoding="utf-8")[:4000]
    for prefix, namespace in PREFIXES.items():
        assert f"@prefix {prefix}: <{namespace}> ." in head
