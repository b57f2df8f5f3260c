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


def _list_records(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    if doc.media_type == "text/csv":
        reader = csv.DictReader(io.StringIO(doc.text))
        for row in reader:
            yield reader.line_num, {k: v for k, v in row.items() if k}
        return
    yield from _json_objects(doc)


def _json_objects(doc: Document) -> Iterator[tuple[int, dict[str, object]] | Problem]:
    """Objects of a JSON list with their line; a broken one is skipped and reported."""
    text, decoder = doc.text, json.JSONDecoder()
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
        if isinstance(obj, dict):
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
