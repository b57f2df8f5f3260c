"""Bulk project lists (JSON, CSV) with the columns of Tillväxtverket's project bank."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import re
from collections.abc import Iterator

from graphkit.errors import ParseError
from graphkit.parse.values import RecordBuilder
from graphkit.records import Document, Listed, Problem, ProjectRecord, Section
from graphkit.reference import reference_list

__all__ = ["SHEET_TYPES", "list_columns", "parse_list"]

# ------------------------------------------------------------------ project lists


@functools.cache
def list_columns() -> dict[str, str]:
    """Project-list column names (casefolded) → the field each gives.

    The names are data (``data/reference/list_columns.csv``), Swedish and
    English: Tillväxtverket's 18 ERDF columns and ESF lists' names.

    Example:
        >>> columns = list_columns()
        >>> columns["stödmottagare"], columns["beneficiary"], columns["län"]
        ('owner', 'owner', 'extra:län')
    """
    return {
        e.value.strip().casefold(): e.get("field") or ""
        for e in reference_list("list_columns")
    }


#: Spreadsheet and CSV lists read as rows of cells (not JSON).
SHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
)
#: The header row is looked for in a list's first rows (below a title block).
MAX_HEADER_ROW = 50


#: A CSV record spanning more lines than this is a stray quote, not a description.
MAX_RECORD_LINES = 200
#: A CSV record spanning more lines than this is kept, with a warning.
LONG_RECORD_LINES = 20
#: A JSON record nested deeper than this is refused before it is decoded.
MAX_JSON_DEPTH = 32
#: A list cell longer than this is cut there, with a warning (the :mod:`csv` limit).
MAX_FIELD_CHARS = 131_072


def _list_records(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    if doc.media_type in SHEET_TYPES:
        yield from _sheet_rows(doc)
    elif doc.media_type == "text/csv":
        yield from _csv_rows(doc)
    else:
        yield from _json_objects(doc)


def _known(row: list[str]) -> int:
    """How many cells of ``row`` are project-list column names."""
    columns = list_columns()
    return sum(cell.strip().casefold() in columns for cell in row)


def _is_header(row: list[str]) -> bool:
    """A row of column names: two known ones (one, in a list of one column)."""
    return _known(row) >= max(1, min(2, len([c for c in row if c.strip()])))


def _sheet_rows(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    """Rows of every sheet of a workbook, each below its sheet's header row.

    The header is the first row (of the first :data:`MAX_HEADER_ROW`) that
    names project-list columns, so a title block above it is passed over; a
    sheet without one is reported and left out.
    """
    lines = doc.text.split("\n")
    starts = [*doc.sheets, ("", len(lines) + 1)]
    for (name, first), (_, following) in itertools.pairwise(starts):
        header: list[str] | None = None
        for n in range(first, following):
            row = lines[n - 1].split("\t")
            if header is None:
                if n - first < MAX_HEADER_ROW and any(row) and _is_header(row):
                    header = row
                continue
            if any(cell.strip() for cell in row):
                yield (
                    n,
                    {
                        key: value
                        for key, value in zip(header, row, strict=False)
                        if key
                    },
                )
        if header is None:
            yield Problem(
                "unknown-columns",
                f"sheet {name!r}: no header row with project-list columns (ärende-id,"
                f" stödmottagare, projektnamn, ...) in its first {MAX_HEADER_ROW} rows;"
                " sheet left out",
                doc.source_path,
                first,
                severity="error",
            )


def _cells(line: str, delimiter: str) -> list[str]:
    """The cells of one line alone; none for a line csv cannot read by itself
    (a quoted field running on, a lone CR)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _delimiter(text: str) -> str:
    """``,``, ``;`` (Swedish Excel) or tab: the one that splits a header best."""
    head = text[:65536].split("\n")[:MAX_HEADER_ROW]
    best, score = ",", -1
    for delimiter in (",", ";", "\t"):
        for line in head:
            known = _known(_cells(line, delimiter))
            if known > score:
                best, score = delimiter, known
    return best


class _RunawayRecord(Exception):
    """Raised inside the CSV reader when one record swallows too many lines."""


class _Lines:
    """The lines of a text for :mod:`csv`, counting where each record starts."""

    def __init__(self, text: str) -> None:
        self.lines = io.StringIO(text).readlines()
        self.next = 0  # index of the next line to give
        self.start: int | None = None  # 1-based first line of the current record

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        line = self.lines[self.next]
        self.next += 1
        if self.start is None:
            if line.strip():
                self.start = self.next
        elif self.next - self.start >= MAX_RECORD_LINES:
            raise _RunawayRecord
        return line


def _csv_rows(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    """Rows of a CSV list with the line each starts on; a bad record is reported.

    A quote that is never closed would swallow every following line into one
    field: a record running over :data:`MAX_RECORD_LINES` lines, or a field over
    the :mod:`csv` field limit, is reported at the line it starts on and reading
    goes on with the next line.
    """
    lines = _Lines(doc.text)
    delimiter = _delimiter(doc.text)
    # a title block above the header is passed over: the header is the first
    # of the first lines that names project-list columns (else the first line)
    for n, line in enumerate(lines.lines[:MAX_HEADER_ROW]):
        if _is_header(_cells(line, delimiter) or [""]):
            lines.next = n
            break
    header: list[str] | None = None
    while True:
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            for row in reader:
                start = lines.start or lines.next
                lines.start = None
                if not row:
                    continue
                if header is None:
                    header = row
                    continue
                if len(row) > len(header):
                    yield Problem(
                        "extra-cells",
                        f"{len(row) - len(header)} cells beyond the"
                        f" {len(header)} columns of the header; dropped",
                        doc.source_path,
                        start,
                        ", ".join(row[len(header) :])[:200],
                    )
                if lines.next - start + 1 > LONG_RECORD_LINES:
                    yield Problem(
                        "long-record",
                        f"a quoted field runs over {lines.next - start + 1} lines;"
                        ' check for a stray `"`',
                        doc.source_path,
                        start,
                    )
                cells = dict(zip(header, row, strict=False))
                yield start, {key: cells.get(key) for key in header if key}
            return
        except (csv.Error, _RunawayRecord) as e:
            start = lines.start or lines.next
            reason = (
                f'a quoted field runs over {MAX_RECORD_LINES} lines (a stray `"`?)'
                if isinstance(e, _RunawayRecord)
                else f"bad CSV: {e}"
            )
            yield Problem(
                "broken-record",
                f"{reason}; record skipped, reading goes on at the next line",
                doc.source_path,
                start,
                lines.lines[start - 1][:200].rstrip("\n"),
                severity="error",
            )
            lines.next, lines.start = start, None


def _json_extent(text: str, pos: int) -> tuple[int | None, bool]:
    """Where the JSON value opening at ``pos`` ends, and whether it nests too deep.

    A linear scan over brackets and strings, made before :mod:`json` decodes
    (and recurses into) the value. The end is None for an unterminated value.
    """
    depth, deep = 0, False
    while True:
        stop = _JSON_STOP.search(text, pos)
        if stop is None:
            return None, deep
        pos = stop.end()
        char = stop.group()
        if char == '"':
            rest = _JSON_STRING_REST.match(text, pos)
            if rest is None:
                return None, deep
            pos = rest.end()
        elif char in "[{":
            depth += 1
            deep = deep or depth > MAX_JSON_DEPTH
        else:
            depth -= 1
            if depth <= 0:
                return pos, deep


_JSON_STOP = re.compile(r'[\[\]{}"]')
_JSON_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_surrogate(value: object) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_objects(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    """Objects of a JSON list with their line; a broken one is skipped and reported."""
    text, decoder = doc.text, json.JSONDecoder()
    escaped_surrogates = _SURROGATE_ESCAPE.search(text) is not None
    pos = len(text) - len(text.lstrip())
    if not text.startswith("[", pos):
        raise ParseError(
            "a project list must be a JSON list of objects",
            path=doc.source_path,
            line=text[:pos].count("\n") + 1,
        )
    pos += 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        line = text.count("\n", 0, pos) + 1
        if text[pos] in "[{":
            end, deep = _json_extent(text, pos)
            if deep:
                yield Problem(
                    "broken-record",
                    f"JSON record nested deeper than {MAX_JSON_DEPTH} levels; skipped",
                    doc.source_path,
                    line,
                    severity="error",
                )
                if end is None:
                    return
                pos = end
                continue
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield Problem(
                "broken-record",
                f"broken JSON record skipped: {e.msg}",
                doc.source_path,
                text.count("\n", 0, e.pos) + 1,
                severity="error",
            )
            following = re.compile(r"\}\s*,\s*\{").search(text, e.pos)
            if following is None:
                return
            pos = following.end() - 1
            continue
        if isinstance(obj, dict) and escaped_surrogates and _has_surrogate(obj):
            yield Problem(
                "broken-record",
                "JSON record holds a lone surrogate (\\ud800-\\udfff), which is no"
                " character; skipped",
                doc.source_path,
                line,
                severity="error",
            )
        elif isinstance(obj, dict):
            yield line, obj
        else:
            yield Problem(
                "broken-record",
                "list item is not an object; skipped",
                doc.source_path,
                line,
                severity="error",
            )


def parse_list(doc: Document) -> tuple[list[ProjectRecord], list[Problem]]:
    """The records of a project list (JSON, CSV, XLSX, ODS), one per row.

    Columns are matched by name (:func:`list_columns`); a workbook's records
    keep their sheet, row and each value's column as locators.

    Example:
        >>> text = ("Projektbanken ERUF\\n\\närende-id;stödmottagare;län\\n"
        ...         "20200944;Gällivare kommun;Norrbotten\\n")
        >>> (record,), problems = parse_list(Document("erdf.csv", "0", text, "text/csv"))
        >>> record.project_number, record.owner, record.extra, record.line
        ('20200944', 'Gällivare kommun', (('län', 'Norrbotten'),), 4)
    """
    records: list[ProjectRecord] = []
    problems: list[Problem] = []
    fund_hint: list[str] = []
    for item in _list_records(doc):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        record = _list_record(doc, *item, problems, fund_hint)
        if record is not None:
            records.append(record)
    if not records and problems and all(p.kind == "unknown-columns" for p in problems):
        raise ParseError(
            "not a project list: no record has a project-list column (ärende-id,"
            " stödmottagare, projektnamn, ...)",
            path=doc.source_path,
        )
    return records, problems


def _cell_text(raw: object) -> str:
    """A JSON value as cell text: a list of names is its names, ``", "`` between.

    Example:
        >>> _cell_text(["Karlstad", "Hammarö"]), _cell_text([]), _cell_text(None), _cell_text(12)
        ('Karlstad, Hammarö', '', '', '12')
    """
    if raw is None:
        return ""
    if isinstance(raw, list | tuple):
        return ", ".join(_cell_text(item) for item in raw if _cell_text(item))
    return str(raw).strip()


def _list_record(
    doc: Document,
    line: int,
    row: dict[str, object],
    problems: list[Problem],
    fund_hint: list[str],
) -> ProjectRecord | None:
    """One row as a record; None (reported) when it has no known column."""
    columns = list_columns()
    b = RecordBuilder(doc, "project-list", line=line)
    row_locator = doc.locator(line)
    known = False
    for index, (key, raw) in enumerate(row.items()):
        field = columns.get(key.strip().casefold(), "")
        value = _cell_text(raw)
        if len(value) > MAX_FIELD_CHARS:
            problems.append(
                Problem(
                    "long-field",
                    f"{key}: {len(value):,} characters; cut to {MAX_FIELD_CHARS:,}",
                    doc.source_path,
                    line,
                    value[:80],
                )
            )
            value = value[:MAX_FIELD_CHARS]
        if row_locator is not None and value:
            b.locators[field if field in (*HEADER_KEYS, "municipalities") else key] = (
                f"{row_locator}, column {column_letter(index)} ({key.strip()})"
            )
        if field in HEADER_KEYS:
            known = True
            b.set(field, value, line)
        elif field.startswith("section:") and value:
            b.sections.append(Section(field.split(":", 1)[1], line, value))
        elif field == "municipalities":
            for name in (n.strip() for n in value.split(",")):
                if name:
                    b.municipalities.append(Listed(name, line, value, key))
        elif field == "source" and value:
            if "eruf" in value.lower():
                fund_hint[:] = ["ERDF"]
        elif value:
            b.extra.append(
                (field.split(":", 1)[1] if field.startswith("extra:") else key, value)
            )
    if not known:
        problems.append(
            Problem(
                "unknown-columns",
                "record has none of the known project-list columns; skipped",
                doc.source_path,
                line,
                ", ".join(sorted(row))[:200],
                "error",
            )
        )
        return None
    if fund_hint and "fund" not in b.values:
        b.values["fund"] = fund_hint[0]
    return b.build()


#: The record fields a list column may give directly.
HEADER_KEYS = frozenset(
    (
        "project_number",
        "owner",
        "title",
        "grant_sek",
        "start",
        "end",
        "contact_person",
        "phone",
        "email",
        "region",
        "programme_area",
        "fund",
    )
)


def column_letter(index: int) -> str:
    """The spreadsheet name of 0-based column ``index`` (``0`` → ``A``, ``26`` → ``AA``).

    Example:
        >>> column_letter(0), column_letter(27)
        ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
