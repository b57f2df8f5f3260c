"""Word (DOCX) and OpenDocument text (ODT) → lines, each with where it is in the file.

A paragraph is a line (an empty paragraph an empty line, as a text file
converted by Word or LibreOffice has them); a heading stands between blank
lines; a list item starts with a bullet; a table row is one line with its cells
separated by tabs (``Total kostnad\\t266 514``), and a row of one cell gives
that cell's paragraphs as lines. A checkbox reads ``☒`` (ticked) or ``☐``, as
Word shows it, whether it is a content control, a legacy form field or a glyph.
Each line's locator is ``paragraph N`` or ``table T, row R`` (``…, cell C``).

Both formats are zip archives: the sizes their entries declare are checked
against :data:`MAX_UNZIPPED_BYTES` before any XML is parsed (a zip bomb is
refused, not unpacked); :mod:`zipfile` never inflates more than an entry declares.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from graphkit.errors import ReadError

__all__ = [
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_ENTRIES",
    "check_zip",
    "docx_lines",
    "odt_lines",
]

#: A zipped document or workbook whose entries declare more bytes than this
#: in all is refused before it is unpacked (a zip bomb, or no document).
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024

#: A zipped document with more entries than this is refused.
MAX_ZIP_ENTRIES = 10_000

CHECKED, UNCHECKED = "☒", "☐"

Lines = tuple[list[str], list[str]]


def check_zip(
    data: bytes, source: str, what: str, limit: int = MAX_UNZIPPED_BYTES
) -> None:
    """Refuse a zip archive that is not one, or unpacks to more than ``limit``.

    Example:
        >>> buffer = io.BytesIO()
        >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        ...     z.writestr("word/document.xml", "0" * 2_000_000)
        >>> check_zip(buffer.getvalue(), "bomb.docx", "DOCX", limit=1_000_000)
        Traceback (most recent call last):
        ...
        graphkit.errors.ReadError: bomb.docx: DOCX unpacks to 2.0 MB (from 2 kB); \
limit 1 MB: refused before unpacking (a zip bomb?)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as e:
        raise ReadError(
            f"not a {what} file (not a zip archive: {e})", path=source
        ) from e
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ReadError(
            f"{what} holds {len(infos):,} files (limit {MAX_ZIP_ENTRIES:,})",
            path=source,
        )
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise ReadError(
            f"{what} unpacks to {total / 1e6:.1f} MB (from {len(data) / 1e3:.0f} kB);"
            f" limit {limit / 1e6:.0f} MB: refused before unpacking (a zip bomb?)",
            path=source,
        )


class _Out:
    """Lines with their locators; headings between blank lines (never two)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locators: list[str] = []

    def add(self, text: str, where: str, heading: bool = False) -> None:
        if heading:
            self.blank(where)
        self.lines.append(" ".join(text.split("\n")).rstrip())
        self.locators.append(where)
        if heading:
            self.blank(where)

    def blank(self, where: str) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
            self.locators.append(where)

    def row(self, cells: list[list[str]], where: str) -> None:
        """One table row: its cells on one line, or a lone cell's paragraphs."""
        if len(cells) == 1:
            for n, text in enumerate(cells[0], 1):
                self.add(
                    text, f"{where}, cell 1" + (f", paragraph {n}" if n > 1 else "")
                )
            return
        self.add("\t".join(" ".join(p for p in cell if p) for cell in cells), where)

    def result(self) -> Lines:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
            self.locators.pop()
        return self.lines, self.locators


# ------------------------------------------------------------------ DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def docx_lines(data: bytes, source: str) -> Lines:
    """The lines of a Word document and the locator of each.

    Example (not executed; see tests/test_read_office.py)::

        lines, where = docx_lines(Path("idea-form.docx").read_bytes(), "idea-form.docx")
    """
    check_zip(data, source, "DOCX")
    import docx  # python-docx: only a build that meets a DOCX loads it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors
        raise ReadError(
            f"not a readable DOCX file ({type(e).__name__}: {e})", path=source
        ) from e
    out = _Out()
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for r, row in enumerate(block.rows, 1):
                out.row(_docx_cells(row), f"table {tables}, row {r}")
            continue
        paragraphs += 1
        style = (block.style.name if block.style is not None else "") or ""
        text = _docx_text(block._p)
        if block._p.pPr is not None and block._p.pPr.numPr is not None and text:
            text = "• " + text
        out.add(
            text,
            f"paragraph {paragraphs}",
            heading=style.startswith(("Heading", "Title")),
        )
    return out.result()


def _docx_cells(row: Any) -> list[list[str]]:
    """A row's distinct cells (a merged cell once), each as its paragraphs."""
    cells: list[list[str]] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append([_docx_text(p._p) for p in cell.paragraphs])
    return cells


def _docx_text(paragraph: Any) -> str:
    """A paragraph's visible text: runs, tabs, breaks and checkboxes in order."""
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}checkBox":  # a legacy form field: w:checked or w:default
            parts.append(CHECKED if _legacy_checked(element) else UNCHECKED)
        elif tag == f"{_W}sym" and element.get(f"{_W}char", "").upper() in _BOX_SYMBOLS:
            parts.append(_BOX_SYMBOLS[element.get(f"{_W}char", "").upper()])
    return "".join(parts)


#: Wingdings checkbox glyphs Word writes as w:sym (ticked, crossed, empty).
_BOX_SYMBOLS = {
    "F0FE": CHECKED,
    "F078": CHECKED,
    "F0FD": CHECKED,
    "F0A8": UNCHECKED,
    "F06F": UNCHECKED,
}


def _legacy_checked(box: Any) -> bool:
    for child in box:
        if child.tag in (f"{_W}checked", f"{_W}default"):
            value = child.get(f"{_W}val", "1")
            if child.tag == f"{_W}checked" or value not in ("0", "false"):
                return value not in ("0", "false")
    return False


# ------------------------------------------------------------------ ODT

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def odt_lines(data: bytes, source: str) -> Lines:
    """The lines of an OpenDocument text and the locator of each.

    Example (not executed; see tests/test_read_office.py)::

        lines, where = odt_lines(Path("seed-000.odt").read_bytes(), "seed-000.odt")
    """
    check_zip(data, source, "ODT")
    from odf.opendocument import load  # odfpy: only a build that meets an ODT loads it

    try:
        document = load(io.BytesIO(data))
    except Exception as e:  # odfpy raises KeyError, XML errors, zip errors
        raise ReadError(
            f"not a readable ODT file ({type(e).__name__}: {e})", path=source
        ) from e
    out = _Out()
    counts = {"paragraph": 0, "table": 0}
    _odt_blocks(document.text.childNodes, out, counts, bullet=False)
    return out.result()


def _odt_blocks(
    nodes: Iterable[Any], out: _Out, counts: dict[str, int], bullet: bool
) -> None:
    for node in nodes:
        name = getattr(node, "qname", None)
        if name == (_TEXT, "p") or name == (_TEXT, "h"):
            counts["paragraph"] += 1
            text = _odt_text(node)
            out.add(
                ("• " if bullet and text else "") + text,
                f"paragraph {counts['paragraph']}",
                heading=name[1] == "h",
            )
            bullet = False  # only the item's first paragraph has the bullet
        elif name == (_TEXT, "list-item"):
            _odt_blocks(node.childNodes, out, counts, bullet=True)
        elif name == (_TABLE, "table"):
            counts["table"] += 1
            for r, row in enumerate(_odt_rows(node), 1):
                out.row(row, f"table {counts['table']}, row {r}")
        elif name is not None and name[1] in (
            "list",
            "section",
            "index-body",
            "soft-page-break",
        ):
            _odt_blocks(node.childNodes, out, counts, bullet=False)


def _odt_rows(table: Any) -> Iterator[list[list[str]]]:
    """A table's rows, each its cells' paragraphs (header rows and row groups too)."""
    for node in table.childNodes:
        name = getattr(node, "qname", (None, None))
        if name == (_TABLE, "table-row"):
            cells = [
                [
                    _odt_text(p)
                    for p in cell.childNodes
                    if getattr(p, "qname", None) in ((_TEXT, "p"), (_TEXT, "h"))
                ]
                for cell in node.childNodes
                if getattr(cell, "qname", None) == (_TABLE, "table-cell")
            ]
            if cells:
                yield cells
        elif name[0] == _TABLE and name[1] in (
            "table-header-rows",
            "table-rows",
            "table-row-group",
        ):
            yield from _odt_rows(node)


def _odt_text(node: Any) -> str:
    """Visible text of a paragraph: spans, links, spaces, tabs; notes left out."""
    parts: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(str(child.data))
            continue
        name = getattr(child, "qname", None)
        if name == (_TEXT, "s"):
            parts.append(" " * int(child.getAttrNS(_TEXT, "c") or 1))
        elif name == (_TEXT, "tab"):
            parts.append("\t")
        elif name == (_TEXT, "line-break"):
            parts.append(" ")
        elif name not in ((_OFFICE, "annotation"), (_TEXT, "note")):
            parts.append(_odt_text(child))
    return "".join(parts)
