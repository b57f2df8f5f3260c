"""Parsing real project-bank pages, the seeds, the idea form and project lists."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import ParseError
from graphkit.parse import detect_layout, parse_amount, parse_document, parse_period
from graphkit.read import read_path
from graphkit.records import HEADER_FIELDS, Document
from tests.conftest import seed


def parse_one(path):
    (record,), _ = parse_document(read_path(path))
    return record


def test_corpus_pages_match_the_human_reading_field_for_field(corpus):
    truth = json.loads(
        (corpus / "esf-pages" / "truth.json").read_text(encoding="utf-8")
    )
    mismatches = []
    for expected in truth:
        record = parse_one(corpus / "esf-pages" / expected["file"])
        assert record.layout == f"esf-{expected['layout']}", expected["file"]
        for name in HEADER_FIELDS:
            if getattr(record, name) != expected[name]:
                mismatches.append(
                    (expected["file"], name, getattr(record, name), expected[name])
                )
    assert mismatches == []


def test_a_decimal_budget_is_rejected_and_reported(corpus):
    record = parse_one(corpus / "esf-pages" / "017.txt")
    assert record.total_budget_sek is None
    bad = [p for p in record.problems if p.kind == "bad-amount"]
    assert [(p.line, p.value) for p in bad] == [(28, "1.1")]


def test_seed_000_partner_lines_noise_and_truncation():
    record = parse_one(seed("000"))
    assert len(record.partners) == 20  # 21 partner lines, "Samma som ovan" is noise
    assert record.partners[0].name == "Arbetsgivarföreningen KFO"
    assert record.partners[0].line == 134
    noise = [p for p in record.problems if p.kind == "noise-line"]
    assert [(p.line, p.value) for p in noise] == [(146, "• Samma som ovan")]
    truncated = [p for p in record.problems if p.kind == "truncated-name"]
    assert [p.value for p in truncated] == ["Stockholms läns bildningsförbu"]
    assert len(record.municipalities) == 26


@pytest.mark.parametrize(
    ("number", "municipalities", "owner"),
    [
        ("001", 290, "KFO Service AB"),
        ("002", 9, "Coompanion Kooperativ Utveckling Stockholms län"),
        ("004", 33, "Folkbildningsföreningen i Malmö"),
    ],
)
def test_seed_pages(number, municipalities, owner):
    record = parse_one(seed(number))
    assert record.layout == "esf-a"
    assert record.owner == owner
    assert len(record.municipalities) == municipalities


def test_idea_form_group_programme_area_and_cost():
    record = parse_one(seed("003"))
    assert record.layout == "idea-form"
    assert record.title == "Hållbara stödstrukturer för ASF"
    assert record.programme_area == "PO2"
    assert record.total_budget_sek == 266514
    assert [m.name for m in record.group_members] == [
        "SKL Nätverket ASF",
        "Falkenbergs kommun",
        "Göteborgs Stad",
        "AF",
        "TVV",
        "Skoop",
        "Vägen ut",
        "Kooptjänst",
        "Coompanion",
        "Mikrofonden",
    ]
    assert record.group_members[3].line == 23


def test_erdf_project_list_records(corpus):
    records, problems = parse_document(read_path(corpus / "erdf" / "sample.json"))
    assert len(records) == 25 and problems == ()
    first = records[0]
    assert (first.project_number, first.owner, first.fund, first.grant_sek) == (
        "20200944",
        "Gällivare kommun",
        "ERDF",
        2559200,
    )
    assert first.esf_grant_sek is None
    assert [m.name for m in first.municipalities] == ["Gällivare"]
    assert records[1].line > first.line


def test_csv_list_with_the_same_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "ärende-id,stödmottagare,projektnamn,beviljat_belopp_sek,kommuner\n"
        '1,Region Skåne,Test,"100000","Malmö, Lund"\n',
        encoding="utf-8",
    )
    (record,), _ = parse_document(read_path(path))
    assert (record.owner, record.grant_sek, record.line) == ("Region Skåne", 100000, 2)
    assert [m.name for m in record.municipalities] == ["Malmö", "Lund"]


def test_json_list_with_a_broken_record_keeps_the_others(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(
        '[\n  {"ärende-id": "1", "stödmottagare": "Region Skåne"},\n'
        '  {"ärende-id": "2", "stödmottagare": },\n'
        '  {"ärende-id": "3", "stödmottagare": "Umeå kommun"}\n]\n',
        encoding="utf-8",
    )
    records, problems = parse_document(read_path(path))
    assert [r.project_number for r in records] == ["1", "3"]
    assert [(p.kind, p.line) for p in problems] == [("broken-record", 3)]


def test_layout_is_detected_from_text_not_name():
    text = "Ovttas\n\nProgramområde\n1.1 Kompetensförsörjning\nProjektägare\nSSR\n"
    assert detect_layout(Document("esf-a-page.txt", "0", text)) == "esf-b"


def test_unknown_layout_is_an_error():
    with pytest.raises(ParseError, match="no known layout"):
        parse_document(Document("x.txt", "0", "Hello world\nNothing here."))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8\u00a0212\u00a0161 kr", 8212161),
        ("450 000 kr", 450000),
        ("11 802 999", 11802999),
        ("1.1", None),
        ("ca 400 000", None),
        ("12,5 mkr", None),
        ("", None),
    ],
)
def test_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2009-05-01 till 2011-08-31", ("2009-05-01", "2011-08-31")),
        ("2016-01-04-2017-10-31", ("2016-01-04", "2017-10-31")),
        ("2021-01-01 - 2023-02-28", ("2021-01-01", "2023-02-28")),
        ("2014-13-40 - 2015-01-01", (None, "2015-01-01")),
        ("hösten 2009", (None, None)),
    ],
)
def test_periods(text, period):
    assert parse_period(text) == period
