"""Workbooks (XLSX, ODS) → one tab-separated line per row, by sheet (python-calamine).

Every sheet is read, in the workbook's order; a sheet's rows start at its row
1 (empty rows are empty lines, so a line's row is its place in the sheet). A
cell's value is written as a reader sees it: a whole number without ``.0``, a
date as ``YYYY-MM-DD``; tabs and line breaks in a cell become spaces. Each
line's locator is ``sheet NAME, row R``; the project-list parser adds the column.
"""

from __future__ import annotations

import datetime as dt
import io

from graphkit.errors import ReadError
from graphkit.read.office import check_zip

__all__ = ["MAX_SHEET_CELLS", "cell_text", "column_letter", "sheet_lines"]

#: A sheet with more cells than this (rows × columns of its used area) is
#: refused before its cells are read.
MAX_SHEET_CELLS = 20_000_000


def sheet_lines(
    data: bytes, source: str, media_type: str
) -> tuple[list[str], list[str], tuple[tuple[str, int], ...]]:
    """The rows of every sheet as lines, their locators, and where each sheet starts.

    Example (not executed; see tests/test_read_sheets.py)::

        lines, where, sheets = sheet_lines(Path("erdf.xlsx").read_bytes(), "erdf.xlsx", XLSX)
    """
    what = "ODS" if "opendocument" in media_type else "XLSX"
    check_zip(data, source, what)
    from python_calamine import CalamineWorkbook  # only a build that meets a workbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises its own error types per format
        raise ReadError(
            f"not a readable {what} file ({type(e).__name__}: {e})", path=source
        ) from e
    lines: list[str] = []
    locators: list[str] = []
    starts: list[tuple[str, int]] = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            end = sheet.end
            if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_SHEET_CELLS:
                raise ReadError(
                    f"sheet {name!r} spans {(end[0] + 1) * (end[1] + 1):,} cells"
                    f" ({end[0] + 1:,} rows × {end[1] + 1:,} columns)"
                    f" (limit {MAX_SHEET_CELLS:,}); not read",
                    path=source,
                )
            rows = sheet.to_python(skip_empty_area=False)
        except ReadError:
            raise
        except Exception as e:  # a chart sheet, a broken sheet part
            raise ReadError(
                f"sheet {name!r} unreadable ({type(e).__name__}: {e})", path=source
            ) from e
        if not rows:
            continue
        starts.append((name, len(lines) + 1))
        for r, row in enumerate(rows, 1):
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            lines.append("\t".join(cells))
            locators.append(f"sheet {name}, row {r}")
    return lines, locators, tuple(starts)


def cell_text(value: object) -> str:
    """A cell's value as text, as a spreadsheet shows it.

    Example:
        >>> cell_text(2559200.0), cell_text(0.5), cell_text(dt.date(2016, 10, 1))
        ('2559200', '0.5', '2016-10-01')
        >>> cell_text(dt.datetime(2016, 10, 14, 1, 17, 38)), cell_text("Gällivare\\nkommun")
        ('2016-10-14 01:17:38', 'Gällivare kommun')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).replace("\t", " ").split("\n")).strip()


def column_letter(index: int) -> str:
    """The spreadsheet name of 0-based column ``index``.

    Example:
        >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
        ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
