"""Regression tests of ../shared/hardening/failures.md: each names the failure it catches.

Nothing lost (a bad file beside the seeds changes nothing and is reported), nothing
leaked (personal data, formulas, control characters), nothing run that should not be
(SERVICE, updates, deep queries, entity bombs).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build import build, parse_file
from graphkit.cli import cli
from graphkit.errors import QueryError, ReadError, ResolveError
from graphkit.exports import csv_bytes, safe_cell, staged_files
from graphkit.parse import parse_document
from graphkit.parse.values import MAX_AMOUNT_SEK, parse_amount
from graphkit.rdf import redact_contacts
from graphkit.read import input_files, read_path
from graphkit.records import Document
from graphkit.resolve import load_gazetteer, load_overrides, load_registry
from graphkit.store import check_read_only, open_graph, run_query
from graphkit.store.query import MAX_QUERY_DEPTH, query_depth
from tests.conftest import SEEDS, seed


def _csv_list(rows: list[str]) -> str:
    return "\n".join(["projektnamn,stödmottagare,kommuner", *rows]) + "\n"


def _records(path: Path) -> tuple[list, list]:
    records, problems = parse_document(read_path(path))
    return list(records), [*problems, *(p for r in records for p in r.problems)]


# ------------------------------------------------------------ nothing lost (H1, H2)


def test_h1_stray_quote_in_a_csv_list_loses_one_row_not_the_rest(tmp_path):
    rows = [f"Projekt {i},Org {i} AB,Malmö" for i in range(1000)]
    rows[10] = 'Projekt 10,"Org 10 AB,Malmö'
    path = tmp_path / "list.csv"
    path.write_text(_csv_list(rows), encoding="utf-8")
    records, problems = _records(path)
    assert len(records) == 999
    assert max(len(r.owner or "") for r in records) < 20
    errors = [(p.kind, p.line) for p in problems if p.severity == "error"]
    assert errors == [("broken-record", 12)]


def test_h1_a_field_over_the_csv_limit_is_one_problem(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        _csv_list(['Lång,Lång AB,"' + "x" * 200_000 + '"', "Kort,Kort AB,Lund"]),
        encoding="utf-8",
    )
    records, problems = _records(path)
    assert [r.owner for r in records] == ["Kort AB"]
    assert [(p.kind, p.line) for p in problems if p.severity == "error"] == [
        ("broken-record", 2)
    ]


def test_a31_a_multi_line_csv_record_is_reported_at_its_first_line(tmp_path):
    path = tmp_path / "ml.csv"
    path.write_text(
        "projektnamn,stödmottagare,projektbeskrivning\n"
        'Första,Första Org AB,"rad ett\nrad två\nrad tre"\nAndra,Andra Org AB,kort\n',
        encoding="utf-8",
    )
    records, _ = _records(path)
    assert [(r.owner, r.line) for r in records] == [
        ("Första Org AB", 2),
        ("Andra Org AB", 5),
    ]


def test_a27_extra_cells_of_a_ragged_row_are_reported(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(_csv_list(["A,A AB,Malmö,extra,extra2"]), encoding="utf-8")
    records, problems = _records(path)
    assert [r.owner for r in records] == ["A AB"]
    assert [(p.kind, p.line, p.value) for p in problems] == [
        ("extra-cells", 2, "extra, extra2")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000 + "]" * 1000,
        '[{"projektnamn": "A", "x": ' + "[" * 5000 + "]" * 5000 + "}]",
        "[" * 100_000,
    ],
    ids=["nested-list", "nested-field", "unterminated"],
)
def test_h2_deep_json_is_one_problem_not_a_recursion_error(tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    records, problems = _records(path)
    assert records == []
    assert [p.message for p in problems] == [
        "JSON record nested deeper than 32 levels; skipped"
    ]


def test_h2_a_lone_surrogate_skips_its_record_only(tmp_path):
    path = tmp_path / "sur.json"
    path.write_text(
        '[{"projektnamn": "Surrogat \\ud800 projekt", "stödmottagare": "S AB"},'
        ' {"projektnamn": "Ok \\ud83d\\ude00", "stödmottagare": "Ok AB"}]',
        encoding="utf-8",
    )
    records, problems = _records(path)
    assert [r.title for r in records] == ["Ok 😀"]
    assert [(p.kind, p.line) for p in problems] == [("broken-record", 1)]


def test_any_exception_in_one_document_is_reported_and_the_build_goes_on(
    tmp_path, monkeypatch
):
    """The per-document boundary: not only GraphkitError (H2's UnicodeEncodeError)."""
    module = sys.modules["graphkit.documents"]
    real = module.record_triples

    def fails_on_one(record, *args, **kwargs):
        if "002_" in record.source_path:
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(module, "record_triples", fails_on_one)
    result = build([SEEDS], tmp_path / "out", analysis=False)
    assert result.counts["projects"] == 4
    (problem,) = [p for p in result.problems if p.severity == "error"]
    assert problem.source_path.endswith(seed("002").name)
    assert problem.message.startswith("document failed (UnicodeEncodeError: ")


def test_parse_file_reports_a_recursion_error_with_file(tmp_path, monkeypatch):
    def deep(doc):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(sys.modules["graphkit.documents"], "parse_document", deep)
    (result,) = parse_file(seed("000"), load_registry(), load_gazetteer())
    (problem,) = result.problems
    assert (problem.kind, problem.severity, problem.source_path) == (
        "unparsable",
        "error",
        str(seed("000")),
    )
    assert "RecursionError" in problem.message


_BAD_FILES = {
    "deep.json": "[" * 1000 + "]" * 1000,
    "field.json": '[{"projektnamn": "A", "x": ' + "[" * 3000 + "]" * 3000 + "}]",
    "surrogate.json": '[{"projektnamn": "S \\ud800", "stödmottagare": "S \\udfff AB"}]',
    "binary.txt": "Titel\n\x00\x01\x02",
}


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_beside_the_seeds_leave_the_seeds_graph_unchanged(
    tmp_path, seeds_exports, jobs
):
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, text in _BAD_FILES.items():
        (bad / name).write_text(text, encoding="utf-8")
    (bad / "huge.csv").write_text(
        _csv_list(['Lång,Lång AB,"' + "x" * 200_000 + '"']), encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli,
        ["build", str(SEEDS), str(bad), "-o", str(tmp_path / "out"), "-j", str(jobs)],
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out"
    assert (out / "graph.nt").read_bytes() == (seeds_exports / "graph.nt").read_bytes()
    problems = list(csv.DictReader(io.StringIO((out / "problems.csv").read_text())))
    failed = {Path(p["file"]).name for p in problems if p["severity"] == "error"}
    assert failed == {*_BAD_FILES, "huge.csv"}


# ------------------------------------------------------------------- readers (A*, M*)


def test_a16b_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(2 * 1024**3)  # sparse: 2 GB that are never read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(ReadError, match=r"file too large for a page \(2147\.5 MB"):
        read_path(path)


def test_a10_utf16_with_a_bom_is_read(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    for codec in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        data = text.encode(codec)
        path.write_bytes(data if codec == "utf-16" else b"\xfe\xff" + data)
        assert read_path(path).text == text.replace("\r\n", "\n")


def test_m3_one_bad_byte_does_not_turn_a_utf8_page_into_mojibake(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    data = text.encode("utf-8").replace(b"Bakgrund", b"\xff\xfe\xc3Bakgrund", 1)
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.text.replace("\ufffd", "") == text
    assert [p.kind for p in doc.problems] == ["bad-bytes"]


def test_a9_control_characters_anywhere_are_replaced_and_reported(tmp_path):
    path = tmp_path / "ctl.txt"
    text = "Titel\n" + "x\n" * 5000 + "Kris\x0b\x1b[31m\x08Stockholm\x07\n"
    path.write_text(text, encoding="utf-8")
    doc = read_path(path)
    assert "Kris  [31m Stockholm " in doc.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)
    assert [(p.kind, p.line) for p in doc.problems] == [("control-characters", 5002)]
    path.write_bytes(("Titel\n" + "x\n" * 5000 + "Dander\x00yd\n").encode())
    with pytest.raises(ReadError, match="NUL"):
        read_path(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_m7_an_unreadable_folder_is_reported(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        files, problems = input_files([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [f.name for f in files] == ["a.txt"]
    assert [(p.kind, p.source_path) for p in problems] == [("unreadable", str(locked))]


def test_m7_walk_reports_errors_of_os_walk(tmp_path, monkeypatch):
    """The same, as root: the walk's onerror becomes a problem."""

    def walk(top, onerror):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield str(tmp_path), [], []

    monkeypatch.setattr(sys.modules["graphkit.read"].os, "walk", walk)
    _, problems = input_files([tmp_path])
    assert [(p.kind, p.message) for p in problems] == [
        ("unreadable", "folder not read: Permission denied")
    ]


# ------------------------------------------------------------ values (M4, A38)


def test_m4_an_amount_beyond_any_esf_budget_is_a_problem(tmp_path):
    assert parse_amount("99999999999999999999 kr") is None
    assert parse_amount(f"{MAX_AMOUNT_SEK} kr") == MAX_AMOUNT_SEK
    page = seed("002").read_text(encoding="utf-8")
    assert "Beviljat ESF-stöd450\u00a0000 kr" in page
    path = tmp_path / "big.txt"
    path.write_text(
        page.replace("ESF-stöd450\u00a0000 kr", "ESF-stöd99999999999999999999 kr"),
        encoding="utf-8",
    )
    (record,), _ = parse_document(read_path(path))
    assert record.esf_grant_sek is None
    assert any(
        p.kind == "bad-amount" and "more than any ESF budget" in p.message
        for p in record.problems
    )


def test_a38_an_end_before_the_start_is_a_problem(tmp_path):
    doc = Document(
        "p.txt",
        "0",
        "Titel\n\nProjektägare\nCoompanion\n\nProjektperiod\n"
        "2015-06-01 till 2001-01-01\n",
    )
    (record,), _ = parse_document(doc)
    assert (record.start, record.end) == ("2015-06-01", None)
    assert [(p.kind, p.line) for p in record.problems] == [("bad-date", 7)]


# --------------------------------------------------------- nothing leaked (M1, M5)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "intervjuades departementssekreterare Marie Ericsson på departementet",
            "intervjuades departementssekreterare [namn] på departementet",
        ),
        (
            "kontaktperson: Per Svensson, Coompanion",
            "kontaktperson: [namn], Coompanion",
        ),
        ("(Wijkström, F och Einarsson, T 2006)", "([namn] och [namn] 2006)"),
        ("ring +46 70 123 45 67 idag", "ring [telefon] idag"),
        ("ring (08) 555 12 34", "ring [telefon]"),
        ("ring +46 (0)8 555 12 34", "ring [telefon]"),
        ("ring 070/123 45 67", "ring [telefon]"),
        ("ring 08 - 555 12 34", "ring [telefon]"),
        ("ring 0046701234567 eller 08-5551234", "ring [telefon] eller [telefon]"),
        ("pnr 19650101-1234 och 650101-1234", "pnr [personnummer] och [personnummer]"),
        ("samordningsnummer 650161-1234", "samordningsnummer [personnummer]"),
        ("per.svensson [at] coompanion.se", "[e-post]"),
        ("per.svensson(at)coompanion(dot)se", "[e-post]"),
        # not personal data: left as written
        ("Projektperiod 2015-06-01 till 2016-01-01", None),
        ("org.nr 556677-8899, diarienr 2015/00648, 1 200 000 kr", None),
        ("i samverkan med Göteborgs Stad och Region Skåne", None),
    ],
)
def test_m1_personal_data_is_redacted(text, redacted):
    assert redact_contacts(text) == (text if redacted is None else redacted)


def test_m1_redaction_is_linear():
    text = (
        "departementssekreterare " + "Anna " * 50_000 + "0" * 50_000 + " +46" * 20_000
    )
    started = time.perf_counter()
    redact_contacts(text)
    assert time.perf_counter() - started < 2


def test_m1_the_seeds_evidence_text_holds_no_named_official(seeds_exports):
    text = (seeds_exports / "graph.nt").read_text(encoding="utf-8")
    assert "Marie Ericsson" not in text
    assert "departementssekreterare [namn] på" in text


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("+46 70", "'+46 70"),
        ("-x", "'-x"),
        ("\tx", "'\tx"),
        ("\rx", " x"),
        ("-0.5", "-0.5"),
        ("Göteborgs Stad", "Göteborgs Stad"),
        ("Kris\x1bStockholm", "Kris Stockholm"),
    ],
)
def test_m5_csv_cells_cannot_run_as_formulas(cell, written):
    assert safe_cell(cell) == written
    rows = list(csv.reader(io.StringIO(csv_bytes(["a"], [[cell]]).decode())))
    assert rows == [["a"], [written]]


def test_m5_formulas_from_documents_reach_no_csv_export(tmp_path):
    page = tmp_path / "f.csv"
    page.write_text(
        "projektnamn,stödmottagare,kommuner,insatsområde\n"
        'Projekt,=HYPERLINK("http://x"),"=HYPERLINK(""http://x"",""y"")",@SUM(1)\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([page], out)
    for name in ("nodes.csv", "edges.csv", "resolution.csv", "problems.csv"):
        for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))):
            assert not any(c.startswith(("=", "+", "@")) for c in row), (name, row)
    vos = (out / "vosviewer-map.txt").read_text(encoding="utf-8")
    assert not any(
        cell.startswith(("=", "@"))
        for line in vos.splitlines()
        for cell in line.split("\t")
    )


# ---------------------------------------------------- exports all or none (D3, M2)


def test_d3_a_failed_move_leaves_the_previous_exports(tmp_path):
    out = tmp_path / "out"
    with staged_files(out) as stage:
        (stage / "a.txt").write_text("old a")
        (stage / "b.txt").write_text("old b")
        (stage / "c.txt").write_text("old c")
    (out / "c.txt").unlink()
    (out / "c.txt").mkdir()
    with (
        pytest.raises(Exception, match=r"Is a directory \(c.txt\)"),
        staged_files(out) as stage,
    ):
        for name in ("a.txt", "b.txt", "c.txt"):
            (stage / name).write_text("new")
    assert (out / "a.txt").read_text() == "old a"
    assert (out / "b.txt").read_text() == "old b"


def test_d3_a_rename_that_fails_midway_is_rolled_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    with staged_files(out) as stage:
        for name in ("a.txt", "b.txt"):
            (stage / name).write_text(f"old {name}")
    real, failed = os.replace, []

    def replace(src, dst):
        if Path(dst) == out / "b.txt" and not failed:
            failed.append(dst)
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Exception, match="No space left"), staged_files(out) as stage:
        for name in ("a.txt", "b.txt"):
            (stage / name).write_text("new")
    monkeypatch.undo()
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    assert [(out / n).read_text() for n in ("a.txt", "b.txt")] == [
        "old a.txt",
        "old b.txt",
    ]


def test_m2_staging_folders_of_killed_builds_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    killed = out / ".graphkit-killed"
    killed.mkdir()
    (killed / "graph.nt").write_text("susanne.johansson@coompanion.se")
    (out / ".graphkit-killed.lock").write_text("")  # nobody holds it
    old = out / ".graphkit-old"  # from before staging folders had a lock
    old.mkdir()
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    running = out / ".graphkit-running"
    running.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR |"
            " os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); print(1, flush=True);"
            " time.sleep(60)",
            str(out / ".graphkit-running.lock"),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        with staged_files(out) as stage:
            (stage / "x.txt").write_text("x")
    finally:
        holder.kill()
        holder.wait()
    left = sorted(p.name for p in out.iterdir())
    assert left == [".graphkit-running", ".graphkit-running.lock", "x.txt"]


# ------------------------------------------------- the query guard (H7, C6, C7, M6)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { # hidden\r SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }\n}",
        "SELECT * WHERE { # hidden\r\n SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/x> { ?s ?p ?o } }",
        "ASK { SeRvIcE ?where { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 'x' . SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    ],
)
def test_h7_service_is_refused_as_the_engine_reads_it(text):
    with pytest.raises(QueryError, match=r"^refused: SERVICE .* is not allowed"):
        check_read_only(text)


def test_h7_the_cli_refuses_service_after_a_cr_comment(seeds_exports):
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "SELECT * WHERE { # hidden\r SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }\n}",
            "--graph",
            str(seeds_exports),
        ],
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: refused: SERVICE <http://127.0.0.1:9/x> is not allowed;"
        " queries run on the local graph only"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('SELECT * WHERE { ?s ?p "\\u00220041" }', None),
        ("SELECT * WHERE " + "(" * 2000 + "?s" + ")" * 2000, "brackets nest 2000 deep"),
        ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, "brackets nest 3000 deep"),
        ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000, "characters; the limit"),
        ("SELECT * WHERE { ?s", "not valid SPARQL (line 1, column"),
        ("", "not valid SPARQL (line 1, column 1"),  # found by the fuzz test
    ],
)
def test_c6_c7_no_query_text_raises_anything_but_a_query_error(text, message):
    if message is None:
        check_read_only(text)
        return
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        check_read_only(text)


def test_long_operator_chains_do_not_overflow_the_stack():
    check_read_only(
        "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + "+".join("1" * 20000) + ") }"
    )


def test_query_depth_counts_what_the_parser_recurses_into():
    assert query_depth('SELECT * { ?s ?p "{{{{" } # {{{{') == 1
    assert query_depth("SELECT * { ?s ?p '''{{\n{{''' }") == 1
    assert (
        query_depth("SELECT * { ?s <http://x/#> ?o " + "{" * 70 + "}" * 70 + "}") == 71
    )
    # an IRI's parentheses count; a prefixed name's escaped quote opens no string
    assert query_depth("SELECT * { ?s ex:a\\'b " + "{" * 70) == 71
    assert query_depth('SELECT * { "\\"{{' + "{" * 70) == 1  # unterminated: stops
    assert MAX_QUERY_DEPTH == 64


def test_m6_a_query_stops_at_its_timeout(seeds_exports):
    graph = open_graph(seeds_exports)
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"took longer than 0\.5 s"):
        run_query(
            graph,
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            timeout=0.5,
        )
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_m6_the_cli_query_timeout_ends_the_process(seeds_exports):
    started = time.monotonic()
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "graphkit"),
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            "--graph",
            str(seeds_exports),
            "--timeout",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "Error: the query took longer than 1 s and was stopped"
        " (--timeout sets the limit)"
    )
    assert time.monotonic() - started < 30


def test_a9_query_output_escapes_control_characters(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_text('<urn:a> <urn:b> "Kris\\u001B[31m\\u0008Stockholm\\u0007" .\n')
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "SELECT ?o WHERE { ?s ?p ?o }",
            "--graph",
            str(nt),
            "--format",
            "table",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Kris\\u001b[31m\\u0008Stockholm\\u0007" in result.output


# ----------------------------------------------- graph files (M9, D27, D28, C23)


def test_m9_an_entity_bomb_is_refused_before_parsing(tmp_path):
    entities = ['<!ENTITY a0 "aaaaaaaaaa">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10)
    ]
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [{"".join(entities)}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:x="http://x/"><rdf:Description rdf:about="http://x/a">'
        "<x:b>&a9;</x:b></rdf:Description></rdf:RDF>"
    )
    for args in (["validate", str(bomb)], ["query", "ASK {}", "--graph", str(bomb)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1
        assert result.output.splitlines()[-1] == (
            f"Error: {bomb}: RDF/XML with entity declarations (<!ENTITY) is refused:"
            " expanding them can exhaust memory"
        )


def test_d27_validate_reports_a_relative_iri_with_line_and_column(tmp_path):
    path = tmp_path / "relative.nt"
    path.write_text("<a> <b> <c> .\n")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {path}: not valid RDF: Parser error at line 1 between columns 1"
        " and 4: No scheme found in an absolute IRI (relative.nt, line 1)"
    )


def test_d28_a_deeply_nested_collection_is_read_without_a_traceback(tmp_path):
    # Valid Turtle: Oxigraph, the one reader of graph files, parses it without
    # recursion (rdflib overflowed its stack); the graph has no project, so it conforms.
    path = tmp_path / "deep.ttl"
    path.write_text(
        "@prefix x: <http://x/> . x:a x:b " + "(" * 50000 + ")" * 50000 + " ."
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_c23_push_to_a_malformed_url_is_an_error(seeds_exports):
    result = CliRunner().invoke(
        cli, ["push", "http://[::1", "--graph", str(seeds_exports)]
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: not a valid URL: 'http://[::1' (Invalid IPv6 URL)"
    )


# --------------------------------------------------- overrides and registry (D9–D25)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbfname,actor\nPersonalavdelningen,org/reves\n", None),
        (
            b"name,actor\nPersonalavdelningen,org/does-not-exist\n",
            "o.csv:2: org/does-not-exist is not in the actor registry; use new for a"
            " new actor",
        ),
        (
            b"name,actor\nX,municipality/9999\n",
            "o.csv:2: no municipality has the SCB code '9999'",
        ),
        (b"name,actor\nX,org/a b<\n", "o.csv:2: 'org/a b<' is not an actor id"),
        (
            b"name,actor\nX,org/reves\nV\xe4rmd\xf6,new\n",
            "o.csv:3: overrides file is not UTF-8",
        ),
        (bytes(range(256)) * 4, "o.csv:2: overrides file is not UTF-8"),
        (b"name,actor\nX,org/reves\nx,new\n", "o.csv:3: 'x' is given twice"),
        (b"namn,aktor\nX,org/reves\n", "o.csv:1: overrides need a header row"),
    ],
)
def test_d9_d16_overrides_are_checked_with_file_and_line(tmp_path, data, message):
    path = tmp_path / "o.csv"
    path.write_bytes(data)
    if message is None:
        assert load_overrides(path, load_registry(), load_gazetteer()) == {
            "personalavdelningen": "org/reves"
        }
        return
    with pytest.raises(ResolveError) as caught:
        load_overrides(path, load_registry(), load_gazetteer())
    assert str(caught.value).startswith(f"{tmp_path}/{message}")


def test_m8_a_bad_override_is_a_clean_cli_error(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("name,actor\nX,municipality/9999\n")
    result = CliRunner().invoke(
        cli,
        ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--overrides", str(path)],
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {path}:2: no municipality has the SCB code '9999'"
    )


_ENTRY = "- id: {id}\n  name: {name}\n  type: company\n  sector: private\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the actor registry must be a non-empty YAML list"),
        ("just a scalar\n", "the actor registry must be a non-empty YAML list"),
        ("a: &a [x, x]\nb: &b [*a, *a]\n", "the actor registry must be a non-empty"),
        (
            _ENTRY.format(id="d1", name="Same AB")
            + _ENTRY.format(id="d1", name="Other AB"),
            ":5: registry entry 2: id 'd1' is used twice",
        ),
        (
            "- id: x\n  name: X\n  aliases: &l [[a, b], [a, b]]\n  type: company\n"
            "  sector: private\n",
            ":1: registry entry 1: 'aliases' must be a list of texts",
        ),
        (
            "- id: Bad Id\n  name: X\n  type: company\n  sector: private\n",
            ":1: registry entry 1: id 'Bad Id' is not lower-case",
        ),
        (
            "- id: x\n  name: X\n  type: blah\n  sector: private\n",
            ":1: registry entry 1: unknown type 'blah'",
        ),
        (
            "- id: x\n  name: X\n  type: company\n  sector: nowhere\n",
            ":1: registry entry 1: unknown sector 'nowhere'",
        ),
        (
            "- id: x\n  name: X\n  type: company\n  sector: private\n"
            "  member_of: [nobody]\n",
            ":1: registry entry 1 (x): no entry has the id 'nobody'",
        ),
    ],
)
def test_d18_d25_a_bad_registry_is_an_error_with_its_line(tmp_path, text, message):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResolveError) as caught:
        load_registry(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_d22_a_latin1_registry_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(_ENTRY.format(id="x", name="V\xe4rmd\xf6 AB").encode("latin-1"))
    with pytest.raises(ResolveError, match=r"r.yaml:2: actor registry is not UTF-8"):
        load_registry(path)


def test_the_bundled_registry_passes_its_own_checks():
    assert len(load_registry().actors) > 50


def test_h1_two_stray_quotes_fold_rows_with_a_warning(tmp_path):
    rows = [f"P{i},O{i} AB,Malmö" for i in range(60)]
    rows[4], rows[39] = 'P4,"O4 AB,Malmö', 'P39,O39 AB",Malmö'
    path = tmp_path / "list.csv"
    path.write_text(_csv_list(rows), encoding="utf-8")
    records, problems = _records(path)
    assert len(records) == 25
    assert [(p.kind, p.line) for p in problems] == [("long-record", 6)]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-1", "0"])
def test_d35_analyze_refuses_a_resolution_that_cannot_be_true(seeds_exports, value):
    result = CliRunner().invoke(
        cli, ["analyze", str(seeds_exports), "--resolution", value, "-o", "unused"]
    )
    assert result.exit_code == 2
    assert "Invalid value for --resolution" in result.output


@pytest.mark.parametrize(
    "period", ["2015-02-30 till 2016-01-01", "2015-01-01 till 2015-13-01"]
)
def test_dates_that_do_not_exist_are_problems(period):
    doc = Document(
        "p.txt", "0", f"Titel\n\nProjektägare\nCoompanion\n\nProjektperiod\n{period}\n"
    )
    (record,), _ = parse_document(doc)
    assert None in (record.start, record.end)
    assert [(p.kind, p.line) for p in record.problems] == [("bad-date", 7)]
