"""End to end: the seeds build into the graph a reader of the documents expects."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from graphkit.build import build
from graphkit.bundle import relative_path
from graphkit.problems import kind_info
from graphkit.rdf import ID
from tests.conftest import CORPUS, SEEDS, require_tool


def edges(exports):
    with open(exports / "edges.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def project_of(rows, document_prefix):
    (project,) = {r["project"] for r in rows if document_prefix in r["document"]}
    return project


def actors(rows, project, role):
    return {r["target"] for r in rows if r["project"] == project and r["role"] == role}


def test_seed_000_partners_and_municipalities(seeds_exports):
    rows = edges(seeds_exports)
    p000 = project_of(rows, "/000_")
    partner_rows = [r for r in rows if r["project"] == p000 and r["role"] == "partner"]
    assert len(partner_rows) == 20  # 21 lines, "Samma som ovan" is noise
    partners = {r["target"] for r in partner_rows}
    assert {"municipality/0163", "municipality/0120"} <= partners
    for actor in (
        "kfo",
        "coompanion-roslagen",
        "ekobanken",
        "folkets-hus-och-parker",
        "skyddsvarnet",
        "hso-stockholm",
        "rfhl-stockholm",
        "slup-se",
        "spanga-blaband",
        "svenska-roda-korset",
        "vallentuna-foretagscentrum",
    ):
        assert f"org/{actor}" in partners
    assert len(actors(rows, p000, "covers")) == 26


@pytest.mark.parametrize(
    ("prefix", "count"), [("/001_", 290), ("/002_", 9), ("/004_", 33)]
)
def test_covered_municipalities(seeds_exports, prefix, count):
    rows = edges(seeds_exports)
    covers = [
        r["target"]
        for r in rows
        if r["project"] == project_of(rows, prefix) and r["role"] == "covers"
    ]
    assert len(covers) == len(set(covers)) == count


def test_owners_of_000_and_002_are_one_node(seeds_exports):
    rows = edges(seeds_exports)
    assert (
        actors(rows, project_of(rows, "/000_"), "owner")
        == actors(rows, project_of(rows, "/002_"), "owner")
        == {"org/coompanion-stockholms-lan"}
    )


def test_reves_and_slup_link_000_and_001(seeds_exports):
    """000 works "i samverkan med föreningen REVES"; 001 only describes the European
    networks of its transnational section, so there they are mentions (issue 14)."""
    rows = edges(seeds_exports)
    p000, p001 = project_of(rows, "/000_"), project_of(rows, "/001_")
    for project in (p000, p001):
        assert "org/slup-se" in actors(rows, project, "partner")
    assert "org/reves" in actors(rows, p000, "transnational")
    networks = {
        "org/reves",
        "org/cooperatives-europe",
        "org/social-economy-europe",
        "org/ciriec",
        "org/emes",
        "org/europafacket",
    }
    assert networks <= actors(rows, p001, "mention")
    assert not networks & actors(rows, p001, "transnational")


def test_seed_003_group_and_002_text(seeds_exports):
    rows = edges(seeds_exports)
    group = actors(rows, project_of(rows, "/003_"), "group")
    assert {"org/arbetsformedlingen", "org/tillvaxtverket", "org/skoopi"} <= group
    p002 = project_of(rows, "/002_")
    assert "org/samordningsforbundet-sodertalje" in actors(rows, p002, "partner")
    sthlm = [
        r
        for r in rows
        if r["project"] == p002 and r["name_as_written"] == "Coompanion Sthlms län"
    ]
    assert sthlm and sthlm[0]["target"] == "org/coompanion-stockholms-lan"


def test_every_edge_has_a_document_and_line(seeds_exports):
    for row in edges(seeds_exports):
        assert row["document"].startswith("seeds/") and int(row["line"]) >= 1


def test_nodes_csv_columns_and_codes(seeds_exports):
    with open(seeds_exports / "nodes.csv", encoding="utf-8") as f:
        nodes = {row["id"]: row for row in csv.DictReader(f)}
    assert nodes["municipality/0114"]["code"] == "0114"
    assert nodes["municipality/0114"]["type"] == "municipality"
    assert nodes["org/reves"]["sector"] == "european-network"
    assert {row["type"] for row in nodes.values()} == {
        "project",
        "organisation",
        "municipality",
    }


def test_report_lists_warnings_and_unresolved_names(seeds_exports):
    report = (seeds_exports / "report.md").read_text(encoding="utf-8")
    assert "Samma som ovan" in report
    assert "Personalavdelningen" in report
    assert "conforms" in report


@pytest.mark.slow
def test_second_build_is_byte_identical(seeds_exports, tmp_path):
    build([SEEDS], tmp_path)
    for path in sorted(seeds_exports.iterdir()):
        if path.is_file():
            assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt"])
def test_rapper_parses_the_rdf(seeds_exports, name):
    rapper = require_tool("rapper")
    syntax = "turtle" if name.endswith(".ttl") else "ntriples"
    done = subprocess.run(
        [rapper, "-i", syntax, "-c", str(seeds_exports / name)],
        capture_output=True,
        text=True,
        check=True,
    )
    triples = int(re.search(r"returned (\d+) triples", done.stderr).group(1))
    nt_lines = (seeds_exports / "graph.nt").read_text(encoding="utf-8").count("\n")
    assert triples == nt_lines


def test_no_personal_data_in_exports(seeds_exports):
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    emails = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", text))
    phones = {"08-4474806", "070-237 61 06", "0705745444", "0705926583", "08-4474803"}
    names = {
        "Susanne Johansson",
        "Ingrid Landin",
        "Jan Forslund",
        "Ronny Hallberg",
        "Jenny Kowalewski",
        "Christina Xenos",
    }
    assert len(emails) >= 6
    for path in seeds_exports.iterdir():
        if path.is_file():
            content = path.read_text(encoding="utf-8", errors="replace")
            for secret in emails | phones | names:
                assert secret.lower() not in content.lower(), (path.name, secret)


@pytest.mark.slow
def test_personal_data_kept_when_asked(tmp_path):
    build(
        [SEEDS / next(p.name for p in SEEDS.glob("000_*"))],
        tmp_path,
        include_personal_data=True,
    )
    assert "susanne.johansson@coompanion.se" in (tmp_path / "graph.nt").read_text()


def test_bad_files_are_reported_and_the_rest_builds(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (bad / "latin1.txt").write_bytes(
        (SEEDS / next(p.name for p in SEEDS.glob("004_*")))
        .read_text(encoding="utf-8")
        .replace("–", "-")
        .encode("cp1252")
    )
    (bad / "noise.txt").write_text("Hej\nInget här.", encoding="utf-8")
    (bad / "notes.tsv").write_text("a\tb\n", encoding="utf-8")
    result = build([bad], tmp_path / "out")
    assert set(result.failed_files) == {  # relative to the working folder
        relative_path(bad / "empty.txt"),
        relative_path(bad / "binary.txt"),
        relative_path(bad / "noise.txt"),
    }
    assert result.counts["projects"] == 1
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    for name in ("empty.txt", "binary.txt", "noise.txt", "notes.tsv", "latin1.txt"):
        assert name in report
    kinds = {p.kind for p in result.problems}
    assert {"encoding-fallback", "skipped-file", "unreadable", "unparsable"} <= kinds


@pytest.mark.slow
def test_corpus_builds_without_failures(corpus, tmp_path):
    result = build([CORPUS / "esf-pages", CORPUS / "erdf"], tmp_path)
    # truth.json is read as a list of records (graphkit's own field names): 7 of its
    # 10 rows are merged with their pages (same title, owner and period; report.md
    # lists them), the 3 that write the project number "2018/00566" where the page
    # has "ESF-2018-00566" are projects of their own
    assert result.counts["projects"] == 10 + 2 + 25 + 3
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "7 projects are described by more than one document" in report
    assert result.counts["shacl_violations"] == 0
    # index.tsv is not read (reported)
    assert {
        p.source_path.rsplit("/", 1)[-1]
        for p in result.problems
        if p.severity == "error" or p.kind == "skipped-file"
    } == {"index.tsv"}


def test_the_table_the_walk_emits_is_the_one_read_back():
    """The rows TripleStream emits with the triples are what participations() reads."""
    from rdflib import Graph

    from graphkit.build import parse_inputs
    from graphkit.network import participations, sort_participations
    from graphkit.rdf import GK, TripleStream, record_triples
    from graphkit.resolve import load_registry

    table: list = []
    stream = TripleStream(load_registry(), table=table)
    lines = stream.geography()
    for parsed in parse_inputs([SEEDS, SEEDS]):  # twice: nothing is emitted twice
        if parsed.record is not None:
            lines += stream.add(record_triples(parsed.record, parsed.links))
    graph = Graph().parse(data="".join(f"{line}\n" for line in lines), format="nt")
    assert participations(graph) == sort_participations(table)
    assert any(row.cue for row in table) == any(
        True for _ in graph.subject_objects(GK.cue)
    )


@pytest.mark.slow
def test_network_is_the_one_the_graph_gives(corpus, tmp_path):
    """The build makes the network from the table it writes; reading graph.nt agrees."""
    from rdflib import Graph

    from graphkit.exports import _edges_csv, _nodes_csv
    from graphkit.network import participations, project_actor_graph

    build([SEEDS, corpus / "esf-pages", corpus / "erdf"], tmp_path)
    graph = Graph().parse(tmp_path / "graph.nt", format="nt")
    rows = participations(graph)
    assert _edges_csv(rows) == (tmp_path / "edges.csv").read_bytes()
    network = project_actor_graph(graph, rows=rows)
    assert _nodes_csv(network) == (tmp_path / "nodes.csv").read_bytes()


def test_graph_nt_holds_each_triple_once_with_subjects_together(seeds_exports):
    lines = (seeds_exports / "graph.nt").read_text(encoding="utf-8").splitlines()
    manifest = json.loads((seeds_exports / "manifest.json").read_text(encoding="utf-8"))
    assert len(lines) == len(set(lines)) == manifest["counts"]["triples"]  # as counted
    # a subject's triples are consecutive, but for the lineage of a project: it is
    # resolved, and written, once every document has been read
    lineage = {
        line.split(" ", 1)[0] for line in lines if "prov#qualifiedCommunication" in line
    }
    assert lineage == {
        f"<{ID}project/soul-sociala-ekonomins-organisationer-i-utveckli-c334ded1>"
    }
    kept = [
        line
        for line in lines
        if "prov#wasInformedBy" not in line
        and "prov#qualifiedCommunication" not in line
    ]
    subjects = [line.split(" ", 1)[0] for line in kept]
    runs = [s for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s]
    assert len(runs) == len(set(subjects))


@pytest.mark.slow
def test_build_in_another_process_is_byte_identical(seeds_exports, tmp_path):
    """Nothing depends on Python's per-process string hashing or set order."""
    code = "import sys; from graphkit.build import build; build([sys.argv[1]], sys.argv[2])"
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-c", code, str(SEEDS), str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for path in sorted(seeds_exports.iterdir()):
            if path.is_file():
                assert (out / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.slow
def test_long_report_tables_stop_and_point_to_the_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules["graphkit.exports"], "_REPORT_ROWS", 2)
    result = build([SEEDS], tmp_path)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    warnings = report.split("## Warnings", 1)[1].split("\n## ", 1)[0]
    shown = [line for line in warnings.splitlines() if line.startswith("| ")][2:]
    listed = sum(
        1
        for p in result.problems
        if p.severity != "error" and not kind_info(p.kind).unresolved
    )
    assert len(shown) == 2
    assert f"… and {listed - 2:,} more: see `problems.csv`." in warnings
