"""The command line: every command documented, parse output, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from tests.conftest import CORPUS, ROOT, seed

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"graphkit {name}" in README


def imported_modules(*args: str) -> set[str]:
    """The modules ``python -X importtime ARGS`` imports, read from its stderr."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    lines = [
        line for line in run.stderr.splitlines() if line.startswith("import time:")
    ]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}  # [0]: the header


@pytest.mark.parametrize(
    "args",
    [
        ["-c", "import graphkit.cli"],
        ["-m", "graphkit.cli", "--help"],
        ["-m", "graphkit.cli", "--version"],
        ["-m", "graphkit.cli", "build", "--help"],
    ],
    ids=" ".join,
)
def test_the_entry_point_loads_neither_rdflib_nor_networkx(args):
    modules = imported_modules(*args)
    assert {"graphkit", "graphkit.errors", "click"} <= modules
    heavy = {m for m in modules if m.split(".")[0] in ("rdflib", "networkx")}
    assert not heavy, sorted(heavy)[:5]


def test_parse_prints_the_documented_keys():
    result = CliRunner().invoke(
        cli, ["parse", str(seed("000"))], catch_exceptions=False
    )
    assert result.exit_code == 0
    (line,) = result.output.strip().split("\n")
    obj = json.loads(line)
    assert list(obj)[:17] == [
        "source",
        "title",
        "programme_area",
        "phase",
        "owner",
        "contact_person",
        "email",
        "phone",
        "esf_grant_sek",
        "total_budget_sek",
        "start",
        "end",
        "region",
        "call_id",
        "project_number",
        "planned_participants",
        "fund",
    ]
    assert obj["source"] == str(seed("000"))
    assert {"name": "Sollentuna kommun", "line": 148} in obj["partners"]
    assert {"name": "Upplands-Väsby", "code": "0114"} in obj["municipalities"]
    assert any("Samma som ovan" in w for w in obj["warnings"])


def test_parse_a_project_list(corpus):
    sample = CORPUS / "erdf" / "sample.json"
    result = CliRunner().invoke(cli, ["parse", str(sample)], catch_exceptions=False)
    records = [json.loads(line) for line in result.output.strip().split("\n")]
    assert len(records) == len(json.loads(sample.read_text(encoding="utf-8")))  # each
    assert (
        records[0]["project_number"],
        records[0]["owner"],
        records[0]["fund"],
        records[0]["grant_sek"],
    ) == ("20200944", "Gällivare kommun", "ERDF", 2559200)


def test_parse_reports_a_bad_file_and_exits_1(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(cli, ["parse", str(bad), str(seed("002"))])
    assert result.exit_code == 1
    assert f"{bad}: empty file" in result.stderr
    assert json.loads(result.stdout)["title"] == "Samordning för socialt företagande"


def test_build_writes_exports_and_reports_failures(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(tmp_path / "empty.txt"),
            str(seed("002")),
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert "1 files failed" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_missing_input_is_a_click_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_every_reader_gives_the_same_error_for_a_broken_graph_file(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    commands = [
        ["validate", str(path)],
        ["analyze", str(path), "-o", str(tmp_path / "analysis")],
        ["viz", str(path), "-o", str(tmp_path / "page.html")],
        ["query", "--graph", str(path), "money-per-owner"],
    ]
    results = [CliRunner().invoke(cli, args) for args in commands]
    assert [r.exit_code for r in results] == [1] * len(commands)
    assert {r.output for r in results} == {
        f"Error: {path}: not valid RDF: Parser error at line 1 between columns 1"
        " and 5: this is not a valid subject or graph name (g.ttl, line 1)\n"
    }


@pytest.mark.slow
def test_validate_reports_what_shacl_finds_in_the_file(seeds_graph, tmp_path):
    from rdflib import RDF, Graph

    from graphkit.rdf import GK, validate_graph

    broken = Graph()
    broken += seeds_graph
    broken.remove(
        (next(broken.subjects(RDF.type, GK.Participation)), GK.sourceLine, None)
    )
    path = tmp_path / "broken.nt"
    broken.serialize(path, format="nt", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    expected = validate_graph(Graph().parse(path, format="nt"))
    assert result.exit_code == 1 and len(expected.violations) == 1
    assert result.stdout.splitlines() == [
        f"{v.severity}: {v.focus} {v.path}: {v.message}" for v in expected.violations
    ]


def test_the_cli_timeout_default_is_the_store_s():
    from graphkit._cli_options import QUERY_TIMEOUT as shown
    from graphkit.store.query import QUERY_TIMEOUT

    assert shown == QUERY_TIMEOUT
