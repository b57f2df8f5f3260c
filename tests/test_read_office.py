"""PDF, Word, OpenDocument and spreadsheet inputs build like the text they came from.

The files under tests/data/office/ were made by LibreOffice headless and the
libraries' own writers from the seeds and the ERDF corpus
(tests/data/make_office_files.py regenerates them).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from graphkit.build import build, parse_file
from graphkit.errors import ReadError
from graphkit.gazetteer import load_gazetteer
from graphkit.read import read_path
from graphkit.resolve import load_registry

from .conftest import SEEDS

OFFICE = Path(__file__).parent / "data" / "office"
ERDF = Path(__file__).parent / "data" / "corpus" / "erdf" / "sample.json"


@pytest.fixture(scope="module")
def resolvers():
    return load_registry(), load_gazetteer()


def _projects(path: Path, resolvers) -> list[dict[str, object]]:
    """What a reader checks by hand: title, owner, partners, places, group, money."""
    found = []
    for parsed in parse_file(path, *resolvers):
        assert all(p.severity == "warning" for p in parsed.problems), parsed.problems
        if parsed.record is None:  # the document's own warnings (its encoding)
            continue
        r = parsed.record
        found.append(
            {
                "title": r.title,
                "owner": r.owner,
                "project_number": r.project_number,
                "programme_area": r.programme_area,
                "grant": r.grant_sek,
                "total": r.total_budget_sek,
                "estimate": r.estimated_cost_sek,  # an idea form's: not a budget
                "group": [g.name for g in r.group_members],
                "actors": sorted(
                    {
                        (link.role, link.actor)
                        for link in parsed.links
                        if link.role != "mention"
                    }
                ),
                "extra": sorted(r.extra),
            }
        )
    return sorted(found, key=repr)


@pytest.mark.parametrize(
    "suffix",
    ["docx", "odt", pytest.param("pdf", marks=pytest.mark.slow)],  # pdf: ~25 s
)
def test_each_seed_converted_by_libreoffice_builds_like_the_text_seed(
    suffix, resolvers
):
    for seed in sorted(SEEDS.glob("*.txt")):
        converted = OFFICE / "seeds" / f"{seed.stem}.{suffix}"
        expected = _projects(seed, resolvers)
        assert expected[0]["actors"], seed  # the comparison is not of empty records
        assert _projects(converted, resolvers) == expected, converted.name


@pytest.mark.parametrize("suffix", ["docx", "odt", "pdf"])
def test_the_idea_form_as_a_word_form_gives_the_text_forms_project(suffix, resolvers):
    (text,) = _projects(SEEDS / "003_458e9fe322c6dd33.txt", resolvers)
    (form,) = _projects(OFFICE / "forms" / f"idea-form-003.{suffix}", resolvers)
    assert form["title"] == text["title"] == "Hållbara stödstrukturer för ASF"
    assert form["group"] == text["group"] and "Mikrofonden" in form["group"]
    assert form["programme_area"] == text["programme_area"] == "PO2"
    assert form["estimate"] == text["estimate"] == 266_514
    assert form["total"] is text["total"] is None


def test_word_checkboxes_read_as_word_shows_them():
    text = read_path(OFFICE / "forms" / "idea-form-003.docx").text
    assert "☐ PO1\n☒ PO2\n☐ Både PO1 och PO2" in text
    assert "☒ Bilaga bifogad" in text  # a legacy FORMCHECKBOX field, ticked
    assert "Total kostnad\t266 514" in text  # a table row: cells on one line


def test_lines_point_back_to_page_paragraph_and_table_cell():
    pdf = read_path(OFFICE / "forms" / "idea-form-003.pdf")
    docx = read_path(OFFICE / "forms" / "idea-form-003.docx")
    for doc in (pdf, docx):
        assert len(doc.locators) == len(doc.text.split("\n"))
    line = pdf.text.split("\n").index("Mikrofonden; Janne Svensson") + 1
    assert pdf.locator(line) == "page 1, line 19"
    lines = docx.text.split("\n")
    assert (
        docx.locator(lines.index("Telefonnummer:\t0705745444") + 1) == "table 1, row 3"
    )
    assert (
        docx.locator(lines.index("Beslutsunderlag till styrgruppen") + 1)
        == "paragraph 1"
    )


@pytest.mark.parametrize(
    "name", ["erdf.xlsx", "erdf.ods", "erdf-cp1252.csv", "erdf-utf8-bom.csv"]
)
def test_the_erdf_list_as_a_workbook_or_swedish_csv_imports_like_the_json(
    name, resolvers
):
    expected = _projects(ERDF, resolvers)
    assert len(expected) == 25
    got = _projects(OFFICE / "lists" / name, resolvers)
    assert [p["owner"] for p in got] == [p["owner"] for p in expected]
    assert [p["actors"] for p in got] == [p["actors"] for p in expected]
    assert got == expected
    extra = dict(expected[0]["extra"])
    assert {"län", "tematiskt_mål", "uppdateringsdatum", "beviljat_belopp_eur"} <= set(
        extra
    )


def test_every_sheet_is_read_and_each_record_keeps_sheet_row_and_column(resolvers):
    parsed = [
        p for p in parse_file(OFFICE / "lists" / "erdf.xlsx", *resolvers) if p.record
    ]
    assert len(parsed) == 25
    first, last = parsed[0].record, parsed[-1].record
    assert (
        first.locator_of("owner")
        == "sheet Projekt 2014-2020, row 5, column C (stödmottagare)"
    )
    assert (
        last.locator_of("owner")
        == "sheet Fler projekt, row 14, column C (stödmottagare)"
    )
    assert last.locator_of("project_number").startswith(
        "sheet Fler projekt, row 14, column B"
    )


@pytest.mark.slow  # the PDF: ~20 s on a loaded machine
def test_locators_reach_the_graph_next_to_the_line(tmp_path):
    build(
        [OFFICE / "lists" / "erdf.xlsx", OFFICE / "seeds" / "000_9812636df7ab152d.pdf"],
        tmp_path,
        analysis=False,
    )
    graph = (tmp_path / "graph.nt").read_text(encoding="utf-8")
    locator = "<https://w3id.org/graphkit/ontology#sourceLocator>"
    owner = [
        line for line in graph.splitlines() if "Fler projekt, row 14, column C" in line
    ]
    assert owner and all(
        line.endswith(
            f'{locator} "sheet Fler projekt, row 14, column C (stödmottagare)" .'
        )
        for line in owner
    )
    assert f'{locator} "sheet Fler projekt, row 14, column N (kommuner)" .' in graph
    assert f'{locator} "page 1, line 5" .' in graph  # seed 000's owner line in the PDF


def test_a_csv_with_a_title_block_and_semicolons_finds_its_header(tmp_path, resolvers):
    path = tmp_path / "lista.csv"
    path.write_bytes(
        "Projekt i Norrbotten\r\nUttag 2020-11-01\r\n\r\n"
        "Ärende-ID;Stödmottagare;Kommuner;Län\r\n"
        "20200944;Gällivare kommun;Gällivare, Kiruna;Norrbotten\r\n".encode("cp1252")
    )
    (project,) = _projects(path, resolvers)
    assert (
        project["project_number"] == "20200944"
        and project["owner"] == "Gällivare kommun"
    )
    assert ("covers", "municipality/2523") in project["actors"]
    assert ("covers", "municipality/2584") in project["actors"]
    assert project["extra"] == [("län", "Norrbotten")]


def _zip_bomb(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(600):  # 600 MB of zeros: about 600 kB zipped
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_it_is_unpacked_and_the_build_goes_on(tmp_path):
    (tmp_path / "bomb.docx").write_bytes(_zip_bomb("word/document.xml"))
    (tmp_path / "bomb.xlsx").write_bytes(_zip_bomb("xl/worksheets/sheet1.xml"))
    with pytest.raises(ReadError, match=r"unpacks to 629\.1 MB .*a zip bomb"):
        read_path(tmp_path / "bomb.docx")
    (tmp_path / "seed.txt").write_bytes(
        (SEEDS / "002_dde4235cdf01179f.txt").read_bytes()
    )
    result = build([tmp_path], tmp_path / "out", analysis=False)
    assert result.counts["projects"] == 1
    assert sorted(Path(f).name for f in result.failed_files) == [
        "bomb.docx",
        "bomb.xlsx",
    ]


def test_a_file_that_is_not_what_its_name_says_is_reported(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("Titel\nProjektägare:\nGöteborgs Stad\n", encoding="utf-8")
    with pytest.raises(ReadError, match="not a DOCX file"):
        read_path(path)
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.4 nothing here")
    with pytest.raises(ReadError, match="not a readable PDF"):
        read_path(tmp_path / "fake.pdf")


def test_a_sheet_too_big_is_refused_before_its_cells_are_read(monkeypatch):
    import graphkit.read.sheets as sheets

    monkeypatch.setattr(sheets, "MAX_SHEET_CELLS", 100)
    with pytest.raises(
        ReadError,
        match=r"sheet 'Projekt 2014-2020' spans 342 cells \(19 rows × 18 columns\)",
    ):
        read_path(OFFICE / "lists" / "erdf.xlsx")


def test_a_pdf_without_its_ending_is_read_as_a_pdf(tmp_path):
    path = tmp_path / "bilaga"
    path.write_bytes((OFFICE / "forms" / "idea-form-003.pdf").read_bytes())
    doc = read_path(path)
    assert doc.media_type == "application/pdf" and "Hållbara stödstrukturer" in doc.text
