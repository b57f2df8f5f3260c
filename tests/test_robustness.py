"""Bad input gets a clear error and nothing is lost; outputs are atomic."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.build import build, parse_inputs
from graphkit.errors import GraphkitError, ReadError
from graphkit.parse import parse_document
from graphkit.read import MAX_PAGE_BYTES, decode, read_path
from graphkit.records import Document
from graphkit.resolve import load_gazetteer, load_registry, resolve_name
from tests.conftest import CORPUS, DATA_DIR, SEEDS, seed

fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_LABELS = [
    "Projektägare",
    "Projektägare:",
    "Projektperiod",
    "Total projektbudget:",
    "Beviljat ESF-stöd",
    "Samarbetspartners",
    "Kommun",
    "  • ",
    "Samma som ovan",
    "2014-13-40 till 2015-01-01",
    "ca 400 000 kr",
    "1.1",
    "Göteborgs Stad",
    "Namn på utvecklingsidén:",
    "Utvecklingsgrupp (namn):",
    "AF: Anna",
    "PO2",
    '<input checked="" type="checkbox"/>',
    "projekt",
    "",
]


@fuzz
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_fail_cleanly(data):
    try:
        text, _, _ = decode(data, "fuzz.txt")
    except ReadError as e:
        assert "fuzz.txt" in str(e)
    else:
        assert "\r" not in text


@pytest.mark.slow
@fuzz
@given(st.lists(st.one_of(st.sampled_from(_LABELS), st.text(max_size=40)), max_size=40))
def test_any_page_parses_or_fails_with_a_parse_error(lines):
    doc = Document("fuzz.txt", "0" * 64, "\n".join(lines))
    try:
        records, _ = parse_document(doc)
    except GraphkitError as e:
        assert e.path == "fuzz.txt"
        return
    for record in records:
        for problem in record.problems:
            assert problem.source_path == "fuzz.txt" and problem.message


@pytest.mark.slow
@fuzz
@given(st.text(max_size=80))
def test_any_name_resolves_to_some_actor(name):
    found = resolve_name(name, load_registry(), load_gazetteer())
    assert found.actor.startswith(("org/", "municipality/"))


@fuzz
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                ["ärende-id", "stödmottagare", "kommuner", "beviljat_belopp_sek", "x"]
            ),
            st.one_of(st.text(max_size=20), st.integers(), st.none()),
        ),
        max_size=5,
    )
)
def test_any_project_list_parses_or_reports(rows):
    doc = Document("list.json", "0" * 64, json.dumps(rows), "application/json")
    try:
        records, problems = parse_document(doc)
    except GraphkitError as e:  # no row has a project-list column: not a project list
        assert "not a project list" in e.message and rows
        return
    assert len(records) + len(problems) == len(rows)


def test_too_large_page_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_PAGE_BYTES + 1)
    with pytest.raises(ReadError, match="too large"):
        read_path(path)


def test_truncated_page_keeps_what_it_has(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / "cut.txt"
    path.write_text(text[: text.index("Total projektbudget")], encoding="utf-8")
    (record,), _ = parse_document(read_path(path))
    assert record.owner == "Coompanion Kooperativ Utveckling Stockholms län"
    assert record.total_budget_sek is None


def test_bad_values_are_reported_with_file_and_line(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "Titel\n\nProjektägare:\nRegion Skåne\nTotal projektbudget:\n"
        "ca 400 000\nProjektperiod:\n2014-13-40 - 2015-01-01\n",
        encoding="utf-8",
    )
    (parsed,) = parse_inputs([path])
    found = {(p.kind, p.line) for p in parsed.problems}
    assert {("bad-amount", 6), ("bad-date", 8)} <= found
    assert parsed.record.end == "2015-01-01"


def test_every_listed_name_is_accounted_for(corpus):
    """Each partner and municipality line becomes a link or a reported problem."""
    for parsed in parse_inputs([SEEDS, CORPUS / "erdf"]):
        record = parsed.record
        listed = len(record.partners) + len(record.municipalities)
        linked = sum(
            1
            for link in parsed.links
            if link.role in ("partner", "covers")
            and link.span is None  # not the text's
        )
        unknown = sum(1 for p in parsed.problems if p.kind == "unknown-municipality")
        assert listed == linked + unknown, record.source_path


def test_interrupted_build_leaves_previous_exports(tmp_path, monkeypatch):
    out = tmp_path / "exports"
    build([seed("002")], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["graphkit.build"], "_network_files", broken)
    with pytest.raises(KeyboardInterrupt):
        build([SEEDS], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_manifest_lists_inputs_with_checksums(seeds_exports):
    manifest = json.loads((seeds_exports / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 5
    assert all(len(d["sha256"]) == 64 for d in manifest["documents"])
    assert manifest["counts"]["projects"] == 5


def test_report_escapes_markup_from_documents(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "<script>alert(1)</script>\n\nProjektägare:\n<img src=x onerror=alert(1)>"
        "\n\nSamarbetspartners\n\n • <b>Evil</b> | förening\n",
        encoding="utf-8",
    )
    build([path], tmp_path / "out")
    for name in ("report.md", "analysis.md"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "<script>" not in text and "<img" not in text and "<b>" not in text, name
    assert "&lt;b&gt;Evil&lt;/b&gt;" in (tmp_path / "out" / "analysis.md").read_text()


MALFORMED = DATA_DIR / "malformed"
ODD = DATA_DIR / "odd"


@pytest.mark.slow
def test_malformed_files_change_nothing_and_each_is_reported(seeds_exports, tmp_path):
    result = build([SEEDS, MALFORMED], tmp_path)
    assert (tmp_path / "graph.nt").read_bytes() == (
        seeds_exports / "graph.nt"
    ).read_bytes()
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    reasons = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "no-layout.txt": "no known layout",
        "cut-off-list.json": "broken JSON record",
    }
    for name, reason in reasons.items():
        line = next(line for line in report.splitlines() if name in line)
        assert reason in line, line
    assert "notes.tsv" in report
    assert len(result.failed_files) == 3


def test_odd_but_readable_files_are_read_with_their_problems_reported(tmp_path):
    result = build([ODD], tmp_path)
    assert result.failed_files == ()
    found = {
        (p.source_path.rsplit("/", 1)[-1], p.kind, p.line) for p in result.problems
    }
    assert {
        ("bom-crlf-bad-values.txt", "bad-amount", 6),
        ("bom-crlf-bad-values.txt", "bad-amount", 8),
        ("bom-crlf-bad-values.txt", "bad-date", 10),
        ("windows-1252.txt", "encoding-fallback", 1),
        ("list-with-broken-record.json", "broken-record", 3),
    } <= found
    assert ("page-with-script.html", "unknown-municipality") in {
        (path, kind) for path, kind, _ in found
    }
    graph = (tmp_path / "graph.nt").read_text(encoding="utf-8")
    assert "alert('head')" not in graph and "injected" not in graph
    assert "Föreningen Furuboda" in graph and "UpplandsVäsby" in graph
