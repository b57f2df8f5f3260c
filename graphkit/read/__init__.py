"""Files → Document: text, HTML, PDF, Word, OpenDocument, spreadsheets, project lists.

Each reader gives the same :class:`~graphkit.records.Document`: the visible text
with its line structure, and for a document that is not plain text a locator
per line (``page 2, line 14``, ``paragraph 12``, ``table 1, row 3, cell 2``,
``sheet Projekt, row 5``) so that provenance points at a place a reader can open.
Sizes are checked before any work (:data:`MAX_PAGE_BYTES`, :data:`MAX_LIST_BYTES`,
:data:`MAX_OFFICE_BYTES`, and for zipped formats :data:`~graphkit.read.office.MAX_UNZIPPED_BYTES`).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from graphkit.errors import ReadError
from graphkit.read.html import html_to_text
from graphkit.read.text import decode
from graphkit.records import Document, Problem

__all__ = [
    "MAX_LIST_BYTES",
    "MAX_OFFICE_BYTES",
    "MAX_PAGE_BYTES",
    "SUFFIXES",
    "decode",
    "html_to_text",
    "input_files",
    "read_path",
]

log = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

#: File name endings graphkit reads, and the media type each is read as.
SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".csv": "text/csv",
    ".pdf": PDF,
    ".docx": DOCX,
    ".odt": ODT,
    ".xlsx": XLSX,
    ".ods": ODS,
}

#: A page (text or HTML) larger than this is refused: no project page is that big.
MAX_PAGE_BYTES = 8 * 1024 * 1024

#: A project list (JSON, CSV, XLSX, ODS) larger than this is refused before it is read.
MAX_LIST_BYTES = 1024 * 1024 * 1024

#: A PDF, Word or OpenDocument text file larger than this is refused (a report
#: with pictures is a few MB; the text graphkit reads is far smaller).
MAX_OFFICE_BYTES = 64 * 1024 * 1024

_PAGES = ("text/plain", "text/html")
_SHEETS = (XLSX, ODS)


def input_files(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into the sorted list of files to read.

    Folders are walked recursively; files in them whose ending graphkit does not
    read are reported as problems, hidden files are ignored.

    Args:
        inputs: files and folders as the user gave them.

    Returns:
        The files, in a stable order, and a problem for each file left out.

    Raises:
        ReadError: if an input does not exist.

    Example (not executed)::

        files, skipped = input_files(["seeds/"])
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path, problems):
                if child.suffix.lower() in SUFFIXES:
                    files.append(child)
                else:
                    problems.append(
                        Problem(
                            "skipped-file",
                            f"not read: graphkit reads {', '.join(sorted(SUFFIXES))} files",
                            str(child),
                        )
                    )
        elif path.is_file():
            files.append(path)
        else:
            raise ReadError("no such file or folder", path=str(given))
    unique = list(dict.fromkeys(files))
    return unique, problems


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """The files under ``folder`` (hidden ones left out), sorted; a folder that
    cannot be listed is reported in ``problems`` instead of skipped silently."""

    def unreadable(e: OSError) -> None:
        problems.append(
            Problem(
                "unreadable",
                f"folder not read: {e.strerror}",
                str(e.filename),
                severity="error",
            )
        )

    found: list[Path] = []
    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (
            Path(top) / name
            for name in names
            if not name.startswith(".") and (Path(top) / name).is_file()
        )
    return sorted(found)


def read_path(path: str | Path, *, ocr: bool = False) -> Document:
    """Read one file into a :class:`Document`.

    Text is decoded by :func:`~graphkit.read.text.decode` (UTF-8, UTF-16 after
    its BOM, bad bytes replaced and reported, a legacy encoding guessed and
    reported). CRLF and CR line ends become LF; control characters become
    spaces, with a warning. HTML is reduced to its visible text, one line per
    block, with a map back to the source lines. PDF, DOCX and ODT give their
    text with a locator per line; XLSX and ODS give one tab-separated line per
    row, with the sheets they start on. The size is checked before the file is
    read (:data:`MAX_PAGE_BYTES`, :data:`MAX_LIST_BYTES`, :data:`MAX_OFFICE_BYTES`).

    Args:
        path: the file, as the user gave it (kept as the document's source).
        ocr: read the pages of a PDF without a text layer by OCR (Tesseract
            with Swedish data); without it such a PDF is refused with the reason.

    Returns:
        The document, with its SHA-256 and the reader's problems.

    Raises:
        ReadError: if the file is missing, empty, binary (a NUL byte), too
            large, or a PDF without text (:class:`~graphkit.read.pdf.NoTextLayer`).

    Example (not executed)::

        doc = read_path("seeds/000_9812636df7ab152d.txt")
        doc.sha256[:8], doc.text.splitlines()[0]
    """
    source = str(path)
    data, media_type = _read_bytes(Path(path), source)
    sha256 = hashlib.sha256(data).hexdigest()
    if media_type not in (*_PAGES, "application/json", "text/csv"):
        return _binary_document(data, source, media_type, sha256, ocr)
    text, encoding, problems = decode(data, source)
    line_map: tuple[int, ...] = ()
    if media_type == "text/html":
        text, line_map = html_to_text(text)
    return Document(
        source_path=source,
        sha256=sha256,
        text=text,
        media_type=media_type,
        encoding=encoding,
        line_map=line_map,
        problems=tuple(problems),
    )


def _read_bytes(path: Path, source: str) -> tuple[bytes, str]:
    """The file's bytes and media type, its size checked before it is read."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            media_type = SUFFIXES.get(path.suffix.lower()) or _sniff(file.read(512))
            what, limit = (
                ("page", MAX_PAGE_BYTES)
                if media_type in _PAGES
                else ("project list", MAX_LIST_BYTES)
                if media_type in ("application/json", "text/csv", *_SHEETS)
                else ("document", MAX_OFFICE_BYTES)
            )
            if size > limit:
                raise ReadError(
                    f"file too large for a {what}"
                    f" ({size / 1e6:.1f} MB; limit {limit / 1e6:.0f} MB)",
                    path=source,
                )
            file.seek(0)
            data = file.read(limit + 1)
    except OSError as e:
        raise ReadError(f"cannot read file: {e.strerror}", path=source) from e
    if len(data) > limit:  # it grew while being read
        raise ReadError(f"file too large (limit {limit / 1e6:.0f} MB)", path=source)
    return data, media_type


def _binary_document(
    data: bytes, source: str, media_type: str, sha256: str, ocr: bool
) -> Document:
    """A PDF, Word, OpenDocument or spreadsheet file as a :class:`Document`."""
    # imported here: a build of text pages never loads the PDF and Office libraries
    from graphkit.read import office, pdf, sheets

    if not data.strip():
        raise ReadError("empty file", path=source)
    problems: list[Problem] = []
    sheet_starts: tuple[tuple[str, int], ...] = ()
    if media_type == PDF:
        lines, locators = pdf.pdf_lines(data, source, problems, ocr=ocr)
    elif media_type == DOCX:
        lines, locators = office.docx_lines(data, source)
    elif media_type == ODT:
        lines, locators = office.odt_lines(data, source)
    else:
        lines, locators, sheet_starts = sheets.sheet_lines(data, source, media_type)
    if not any(line.strip() for line in lines):
        raise ReadError("no text in the document", path=source)
    return Document(
        source_path=source,
        sha256=sha256,
        text="\n".join(lines),
        media_type=media_type,
        encoding="binary",
        problems=tuple(problems),
        locators=tuple(locators),
        sheets=sheet_starts,
    )


def _sniff(data: bytes) -> str:
    """The media type of a file whose name does not tell it, from its first bytes."""
    if data.startswith(b"%PDF-"):
        return PDF
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"[", b"{")):
        return "application/json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    return "text/plain"
