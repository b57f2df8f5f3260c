"""Bulk project lists (JSON, CSV) with the columns of Tillväxtverket's project bank."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

from graphkit.errors import ParseError
from graphkit.parse.values import RecordBuilder
from graphkit.records import Document, Listed, Problem, ProjectRecord, Section

__all__ = ["parse_list"]

# ------------------------------------------------------------------ project lists

#: Column names of bulk project lists (Tillväxtverket's project bank).
_COLUMNS: dict[str, str] = {
    "ärende-id": "project_number",
    "arende-id": "project_number",
    "projektnummer": "project_number",
    "stödmottagare": "owner",
    "projektägare": "owner",
    "projektnamn": "title",
    "beviljat_belopp_sek": "grant_sek",
    "projekt_starttid": "start",
    "projekt_sluttid": "end",
    "projektledare": "contact_person",
    "telnr": "phone",
    "e-post": "email",
    "område": "region",
    "insatsområde": "programme_area",
    "fond": "fund",
}
_LIST_TEXT = {"projektbeskrivning": "Projektbeskrivning", "description": "Description"}
_LIST_MUNICIPALITIES = ("kommuner", "kommun", "municipalities")


#: A CSV record spanning more lines than this is a stray quote, not a description.
MAX_RECORD_LINES = 200
#: A CSV record spanning more lines than this is kept, with a warning.
LONG_RECORD_LINES = 20
#: A JSON record nested deeper than this is refused before it is decoded.
MAX_JSON_DEPTH = 32
#: A list cell longer than this is cut there, with a warning (the :mod:`csv` limit).
MAX_FIELD_CHARS = 131_072


def _list_records(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    if doc.media_type == "text/csv":
        yield from _csv_rows(doc)
        return
    yield from _json_objects(doc)


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
    header: list[str] | None = None
    while True:
        reader = csv.reader(lines)
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
    records: list[ProjectRecord] = []
    problems: list[Problem] = []
    fund_hint = None
    for item in _list_records(doc):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        line, row = item
        b = RecordBuilder(doc, "project-list", line=line)
        known = False
        for key, raw in row.items():
            column = key.strip().casefold()
            value = "" if raw is None else str(raw).strip()
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
            if column in _COLUMNS:
                known = True
                b.set(_COLUMNS[column], value, line)
            elif column in _LIST_TEXT and value:
                b.sections.append(Section(_LIST_TEXT[column], line, value))
            elif column in _LIST_MUNICIPALITIES:
                for name in (n.strip() for n in value.split(",")):
                    if name:
                        b.municipalities.append(Listed(name, line, value, key))
            elif column == "_source" and value:
                fund_hint = "ERDF" if "eruf" in value.lower() else fund_hint
            elif value:
                b.extra.append((key, value))
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
            continue
        if fund_hint and "fund" not in b.values:
            b.values["fund"] = fund_hint
        records.append(b.build())
    if not records and problems and all(p.kind == "unknown-columns" for p in problems):
        raise ParseError(
            "not a project list: no record has a project-list column (ärende-id,"
            " stödmottagare, projektnamn, ...)",
            path=doc.source_path,
        )
    return records, problems
