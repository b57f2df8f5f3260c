"""Hypothesis fuzzing of the readers, the list importers and the query guard.

Bounded (a hundred examples each, small inputs) so that it runs in CI.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import ParseError, QueryError, ReadError
from graphkit.exports import safe_cell
from graphkit.parse import parse_document
from graphkit.rdf import redact_contacts
from graphkit.read import decode
from graphkit.records import Document
from graphkit.store import check_read_only
from graphkit.store.query import query_depth

fuzz = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@fuzz
@given(
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
    st.binary(max_size=600),
)
def test_decode_reads_or_refuses_any_bytes(bom, data):
    try:
        text, _, problems = decode(bom + data, "fuzz.txt")
    except ReadError as e:
        assert str(e).startswith("fuzz.txt: ")
        return
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
    assert all(p.source_path == "fuzz.txt" for p in problems)


_CSV_TOKENS = st.sampled_from(
    ['"', ",", "\n", '""', "Göteborgs Stad", "Malmö", "=1+1", "\r", " ", "x" * 50]
)
_HEADER = "projektnamn,stödmottagare,kommuner,projektbeskrivning\n"


def _checked(doc: Document) -> None:
    try:
        records, problems = parse_document(doc)
    except ParseError as e:
        assert e.path == doc.source_path
        return
    for problem in (*problems, *(p for r in records for p in r.problems)):
        assert problem.source_path == doc.source_path
        assert problem.severity != "error" or (problem.line or 0) >= 1
    lines = doc.text.count("\n") + 1
    assert all(1 <= record.line <= lines for record in records)


@fuzz
@given(st.lists(_CSV_TOKENS, max_size=80))
def test_any_csv_list_parses_or_reports(tokens):
    _checked(Document("fuzz.csv", "0", _HEADER + "".join(tokens), "text/csv"))


_JSON_TOKENS = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        '"',
        ",",
        ":",
        '"projektnamn"',
        '"stödmottagare"',
        '"Region Skåne"',
        "\\ud800",
        "\\ud83d\\ude00",
        "\\",
        "1e999",
        "null",
        "[" * 40,
        "]" * 40,
    ]
)


@fuzz
@given(st.lists(_JSON_TOKENS, max_size=60))
def test_any_json_list_parses_or_reports(tokens):
    text = '[{"projektnamn": "A", "stödmottagare": "' + "".join(tokens)
    _checked(Document("fuzz.json", "0", text, "application/json"))
    _checked(Document("fuzz.json", "0", "[" + "".join(tokens), "application/json"))


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def _query_tokens(port: int) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            "{",
            "}",
            "(",
            ")",
            "[",
            "]",
            '"',
            "'",
            '"""',
            "#",
            "\r",
            "\n",
            "\\",
            "<",
            ">",
            " ",
            "?s ?p ?o",
            ".",
            "ex:a\\'b",
            "FILTER",
            "OPTIONAL",
            "UNION",
            "service",
            "SERVICE",
            f"<http://127.0.0.1:{port}/x>",
            f"SERVICE <http://127.0.0.1:{port}/y> {{ ?s ?p ?o }}",
            "\\u0053ERVICE",
        ]
    )


@fuzz
@given(data=st.data())
def test_no_accepted_query_calls_a_service(listener, data):
    """Whatever check_read_only accepts, the engine runs without a SERVICE call."""
    import pyoxigraph as ox

    port, seen = listener
    body = "".join(data.draw(st.lists(_query_tokens(port), max_size=30)))
    text = f"PREFIX ex: <http://x/>\nSELECT * WHERE {{ {body} }}"
    try:
        check_read_only(text, {})
    except QueryError:
        return
    try:
        for _ in ox.Store().query(text):
            pass
    except (SyntaxError, OSError, RuntimeError):
        pass
    assert seen == [], text


@fuzz
@given(st.text(max_size=300))
def test_the_query_guard_raises_only_query_errors(text):
    try:
        check_read_only(text)
    except QueryError as e:
        assert e.message


@fuzz
@given(
    st.lists(st.sampled_from(["{", "}", "(", ")", "[", "]", " ", "?s"]), max_size=200)
)
def test_query_depth_is_the_bracket_depth_without_strings(tokens):
    depth = deepest = 0
    for token in tokens:
        if token in "{([":
            depth += 1
        elif token in "})]":
            depth = max(depth - 1, 0)
        deepest = max(deepest, depth)
    assert query_depth("".join(tokens)) == deepest


@fuzz
@given(st.text(max_size=200))
def test_csv_cells_are_never_formulas(text):
    cell = safe_cell(text)
    assert isinstance(cell, str)
    assert "\r" not in cell
    if cell.startswith(("=", "+", "-", "@", "\t")):
        float(cell)  # only a number may start so


@fuzz
@given(st.text(alphabet="0123456789 -+()/@.[]atxse", max_size=300))
def test_redaction_terminates_and_leaves_no_long_phone(text):
    out = redact_contacts(text)
    assert not any(
        run.isdigit() and 10 <= len(run) <= 13 and run.startswith("07")
        for run in out.split()
    )
