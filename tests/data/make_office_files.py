"""Regenerate the office test documents under tests/data/office/ from the seeds and corpus.

Real producers make them: LibreOffice headless converts each text seed to DOCX,
ODT and PDF (as a user's "Save as" would) and the idea-form DOCX to PDF and ODT;
python-docx writes the idea form as a Word form (tables, ☒/☐ checkboxes, a
legacy checkbox field); openpyxl writes the ERDF list as a workbook with a
title block above the header on two sheets, and LibreOffice turns that into
ODS; the CSV copies are written as Swedish Excel writes them (``;``, CRLF,
Windows-1252 or UTF-8 with a BOM).

Run from the repository root (needs ``soffice``: Debian libreoffice-writer-nogui
and libreoffice-calc-nogui; and ``pip install openpyxl``)::

    .venv/bin/python tests/data/make_office_files.py
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "office"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ERDF = ROOT / "tests" / "data" / "corpus" / "erdf" / "sample.json"
FORM = ROOT / "seeds" / "003_458e9fe322c6dd33.txt"

#: The 18 columns of Tillväxtverket's ERDF list, in its order.
ERDF_COLUMNS = (
    "_source",
    "ärende-id",
    "stödmottagare",
    "beviljat_belopp_sek",
    "beviljat_belopp_eur",
    "projektnamn",
    "projektbeskrivning",
    "projekt_starttid",
    "projekt_sluttid",
    "projektledare",
    "telnr",
    "e-post",
    "län",
    "kommuner",
    "uppdateringsdatum",
    "område",
    "insatsområde",
    "tematiskt_mål",
)


def soffice(
    source: Path, target: str, outdir: Path, infilter: str | None = None
) -> Path:
    """Convert ``source`` with LibreOffice headless; the converted file's path."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        if infilter:
            command.insert(3, f"--infilter={infilter}")
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    return outdir / f"{source.stem}.{target.split(':')[0]}"


def seeds() -> None:
    """Each text seed as DOCX, ODT and PDF, converted by LibreOffice."""
    for seed in SEEDS:
        for target in ("docx", "odt", "pdf"):
            soffice(seed, target, OUT / "seeds", "Text (encoded):UTF8,LF,,,")


def idea_form() -> Path:
    """Seed 003 as the Word form it was: label/value table, ☒/☐ options, cost table."""
    import docx

    lines = FORM.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    document.add_heading("Beslutsunderlag till styrgruppen", 1)
    document.add_paragraph(next(line for line in lines if line.startswith("Fyll i")))
    document.add_heading("Uppgifter om utvecklingsidén", 2)
    header = document.add_table(rows=0, cols=2)
    for label, value in (
        ("Namn på utvecklingsidén:", "Hållbara stödstrukturer för ASF"),
        ("Kontaktperson för gruppen:", "Jenny Kowalewski/Sven Bartilsson"),
        ("Telefonnummer:", "0705745444"),
        ("E-post:", "Sven.bartilsson@coompanion.se"),
    ):
        cells = header.add_row().cells
        cells[0].text, cells[1].text = label, value
    start = lines.index(
        "Utvecklingsgrupp (namn och organisation på samtliga i gruppen):"
    )
    document.add_paragraph(lines[start])
    for line in lines[start + 1 : lines.index("Om utvecklingsidén")]:
        if line.strip():
            document.add_paragraph(line)
    document.add_heading("Om utvecklingsidén", 2)
    body = lines.index("Om utvecklingsidén") + 1
    cost = lines.index(
        "7. Tidsplan och budget (hur kommer pengarna att användas och"
        " hur mycket ni bedömer det kostar)"
    )
    _paragraphs(document, lines[body : cost + 1])
    table = document.add_table(rows=0, cols=2)
    end = next(
        i for i in range(cost, len(lines)) if lines[i].startswith("Total kostnad")
    )
    for line in lines[cost + 1 : end + 1]:
        if "\t" in line:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = (
                part.strip() for part in line.split("\t", 1)
            )
    question = next(i for i in range(end, len(lines)) if lines[i].startswith("9. "))
    _paragraphs(document, lines[end + 1 : question + 3])
    options = ["PO1", "PO2", "Både PO1 och PO2", "Varken PO1 eller PO2", "Vet ej"]
    for option in options:
        box = "☒" if option == "PO2" else "☐"
        document.add_paragraph(f"{box} {option}")
    _legacy_checkbox(document, "Bilaga bifogad", checked=True)
    path = OUT / "forms" / "idea-form-003.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.core_properties.author = "graphkit tests"
    document.save(str(path))
    return path


def _paragraphs(document: object, lines: list[str]) -> None:
    """Lines as paragraphs; a numbered question (``1. Kort bakgrund``) as a heading."""
    for line in lines:
        if re.match(r"\d+\. ", line):
            document.add_heading(line, 3)  # type: ignore[attr-defined]
        elif line.strip() and "<input" not in line:
            document.add_paragraph(line)  # type: ignore[attr-defined]


def _legacy_checkbox(document: object, label: str, checked: bool) -> None:
    """A Word 97 checkbox form field (FORMCHECKBOX) before ``label``."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph._p.append(
        parse_xml(
            f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="box"/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="{int(checked)}"/></w:checkBox>'
            "</w:ffData></w:fldChar></w:r>"
        )
    )
    paragraph._p.append(
        parse_xml(f"<w:r {w}><w:instrText> FORMCHECKBOX </w:instrText></w:r>")
    )
    paragraph._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'))
    paragraph.add_run(f" {label}")


def erdf_rows() -> list[list[object]]:
    records = json.loads(ERDF.read_text(encoding="utf-8"))
    return [[record.get(column) for column in ERDF_COLUMNS] for record in records]


def workbook() -> Path:
    """The ERDF list as XLSX: a title block above the header, the rows on two sheets."""
    import openpyxl

    rows = erdf_rows()
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Projekt 2014-2020"
    second = book.create_sheet("Fler projekt")
    for sheet, part in ((first, rows[:15]), (second, rows[15:])):
        sheet.append(["Projektbanken – Europeiska regionala utvecklingsfonden"])
        sheet.append(["Utdrag ur Tillväxtverkets projektbank"])
        sheet.append([])
        sheet.append(list(ERDF_COLUMNS))
        for row in part:
            sheet.append([_number(value) for value in row])
    path = OUT / "lists" / "erdf.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _number(value: object) -> object:
    """Amounts as numbers in the workbook, as a real export has them."""
    return (
        int(value)
        if isinstance(value, str) and value.isdigit() and len(value) < 9
        else value
    )


def csv_copies() -> None:
    """The ERDF list as Swedish Excel saves CSV: ``;``, CRLF, cp1252 or UTF-8 with BOM."""
    rows = erdf_rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Projektbanken ERUF 2014-2020"])
    writer.writerow([])
    writer.writerow(ERDF_COLUMNS)
    writer.writerows(rows)
    text = buffer.getvalue()
    (OUT / "lists" / "erdf-cp1252.csv").write_bytes(
        text.encode("cp1252", errors="replace")
    )
    (OUT / "lists" / "erdf-utf8-bom.csv").write_bytes(text.encode("utf-8-sig"))


def main(which: str = "all") -> None:
    if shutil.which("soffice") is None:
        raise SystemExit(
            "soffice not found: apt-get install libreoffice-writer-nogui"
            " libreoffice-calc-nogui"
        )
    (OUT / "seeds").mkdir(parents=True, exist_ok=True)
    if which == "all":
        seeds()
        form = idea_form()
        soffice(form, "pdf", form.parent)
        soffice(form, "odt", form.parent)
    book = workbook()
    soffice(book, "ods", book.parent)
    csv_copies()


if __name__ == "__main__":
    import sys

    main(*sys.argv[1:2])  # "lists": only the workbook and CSV copies
