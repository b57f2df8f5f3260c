"""Tests for graphkit.bundle and the tables a build writes: descriptors, RO-Crate, CSV."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.bundle import data_package, relative_path
from graphkit.cli import cli
from graphkit.network import project_actor_graph
from graphkit.viz.exchange import vosviewer_files
from tests.conftest import ROOT, SEEDS


def _read_with_descriptor(folder: Path, name: str):  # type: ignore[no-untyped-def]
    """pandas reading one CSV as its ``datapackage.json`` resource describes it."""
    pandas = pytest.importorskip("pandas")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == name)
    types = {"string": str, "integer": "Int64", "number": float, "date": str}
    fields = resource["schema"]["fields"]
    return pandas.read_csv(
        folder / resource["path"],
        encoding=resource["encoding"],
        dtype={f["name"]: types[f["type"]] for f in fields},
        keep_default_na=False,
        na_values=resource["schema"]["missingValues"],
    )


def test_pandas_through_the_descriptor_keeps_municipality_codes(
    seeds_exports: Path,
) -> None:
    nodes = _read_with_descriptor(seeds_exports, "nodes.csv")
    row = nodes[nodes["id"] == "municipality/0114"].iloc[0]
    assert row["code"] == "0114"
    assert row["label"] == "Upplands Väsby"
    edges = _read_with_descriptor(seeds_exports, "edges.csv")
    assert str(edges["line"].dtype) == "Int64"


def test_every_csv_is_described_column_by_column(seeds_exports: Path) -> None:
    package = json.loads((seeds_exports / "datapackage.json").read_text("utf-8"))
    described = {r["path"]: r for r in package["resources"]}
    assert set(described) == {p.name for p in seeds_exports.glob("*.csv")}
    for name, resource in described.items():
        data = (seeds_exports / name).read_bytes()
        header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, name
        assert all(not f["description"].startswith("(not described") for f in fields)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"


def test_csv_files_end_lines_in_crlf(seeds_exports: Path) -> None:
    for path in seeds_exports.glob("*.csv"):
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 0, path.name
        assert not data.startswith(b"\xef\xbb\xbf")  # a BOM only with --excel


def test_an_undescribed_column_gets_a_type_from_its_values() -> None:
    package = json.loads(
        data_package({"x.csv": b"code,n,share\r\n0114,3,0.5\r\n0115,,1\r\n"})
    )
    fields = package["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [
        ("code", "string"),
        ("n", "integer"),
        ("share", "number"),
    ]


def test_the_gephi_tables_have_one_undirected_weighted_row_per_pair(
    seeds_exports: Path,
) -> None:
    with (seeds_exports / "gephi-edges.csv").open(encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    pairs = [frozenset((e["Source"], e["Target"])) for e in edges]
    assert len(pairs) == len(set(pairs))
    assert {e["Type"] for e in edges} == {"Undirected"}
    for edge in edges:
        covered = edge["roles"] == "covers"
        assert (edge["Weight"] == "0") == (edge["kind"] != "collaboration")
        assert covered <= (edge["kind"] == "coverage")
    with (seeds_exports / "gephi-nodes.csv").open(encoding="utf-8", newline="") as f:
        nodes = {n["Id"]: n for n in csv.DictReader(f)}
    assert nodes["municipality/0114"]["Label"] == "Upplands Väsby"
    assert {e["Source"] for e in edges} | {e["Target"] for e in edges} <= set(nodes)


def test_the_crate_loads_with_rocrate_and_names_inputs_and_outputs(
    seeds_exports: Path,
) -> None:
    rocrate = pytest.importorskip("rocrate.rocrate")
    crate = rocrate.ROCrate(seeds_exports)
    assert crate.version == "1.1"
    manifest = json.loads((seeds_exports / "manifest.json").read_text("utf-8"))
    action = crate.get("#build")
    inputs = {e["name"]: e["sha256"] for e in action["object"]}
    assert inputs == {d["path"]: d["sha256"] for d in manifest["documents"]}
    assert all(name.startswith("seeds/") for name in inputs)
    outputs = {e.id: e for e in action["result"]}
    on_disk = {p.name for p in seeds_exports.iterdir()} - {"ro-crate-metadata.json"}
    assert set(outputs) == on_disk
    graph = outputs["graph.ttl"]
    data = (seeds_exports / "graph.ttl").read_bytes()
    assert graph["sha256"] == hashlib.sha256(data).hexdigest()
    assert action["instrument"]["version"] == manifest["graphkit"]


def test_no_export_holds_an_absolute_path(seeds_exports: Path) -> None:
    # conftest builds from the absolute path of seeds/, in the repository folder
    for path in seeds_exports.iterdir():
        text = path.read_bytes().decode("utf-8", "replace")
        for absolute in (str(SEEDS), str(ROOT), str(seeds_exports)):
            assert absolute not in text, (path.name, absolute)
    manifest = json.loads((seeds_exports / "manifest.json").read_text("utf-8"))
    assert manifest["inputs"] == [relative_path(SEEDS)]


@pytest.mark.slow
def test_build_excel_writes_boms_and_records_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink(SEEDS, tmp_path / "seeds")
    result = CliRunner().invoke(
        cli,
        ["build", str(tmp_path / "seeds"), "-o", "out", "--excel"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    for path in out.glob("*.csv"):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    nodes = _read_with_descriptor(out, "nodes.csv")
    assert next(iter(nodes.columns)) == "id"  # the BOM is not in the first name
    assert nodes[nodes["id"] == "municipality/0114"].iloc[0]["code"] == "0114"
    crate = json.loads((out / "ro-crate-metadata.json").read_text("utf-8"))
    action = next(e for e in crate["@graph"] if e["@id"] == "#build")
    assert action["description"] == "graphkit build seeds --output out --excel"
    assert str(tmp_path) not in (out / "manifest.json").read_text("utf-8")


def test_vosviewer_map_labels_read_back_with_the_documented_quoting(
    seeds_graph: object,
) -> None:
    B = project_actor_graph(seeds_graph)  # type: ignore[arg-type]
    actor = next(n for n, t in B.nodes(data="type") if t == "organisation")
    B.nodes[actor]["label"] = 'Coompanion, "Sthlm" län'
    files = vosviewer_files(B)
    items = json.loads(files["vosviewer.json"])["network"]["items"]
    text = files["vosviewer-map.txt"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quotechar='"'))
    assert rows[0][:3] == ["id", "label", "cluster"]
    assert {int(r[0]): r[1] for r in rows[1:]} == {i["id"]: i["label"] for i in items}
    assert 'Coompanion, "Sthlm" län' in {r[1] for r in rows[1:]}
    assert all(len(r) == len(rows[0]) for r in rows)
