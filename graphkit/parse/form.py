"""Project-idea forms (seed 003): the group, the ticked programme area, the total cost."""

from __future__ import annotations

import re

from graphkit.parse.values import RecordBuilder
from graphkit.records import Listed

__all__ = ["parse_idea_form"]

# ------------------------------------------------------------------ idea form


def parse_idea_form(b: RecordBuilder, lines: list[str]) -> None:
    def value_after(prefix: str) -> tuple[str | None, int]:
        for i, line in enumerate(lines):
            if line.strip().startswith(prefix):
                rest = line.strip()[len(prefix) :].strip(" :")
                if rest:
                    return rest, i + 1
                for j in range(i + 1, len(lines)):
                    if lines[j].strip():
                        return lines[j].strip(), j + 1
        return None, 0

    for prefix, name in (
        ("Namn på utvecklingsidén", "title"),
        ("Kontaktperson för gruppen", "contact_person"),
        ("Telefonnummer", "phone"),
        ("E-post", "email"),
    ):
        value, at = value_after(prefix)
        b.set(name, value, b.doc.source_line(at))
    for i, text in enumerate(lines):
        if text.strip().startswith(("Total kostnad", "Totalt")) and "\t" in text:
            b.set("total_budget_sek", text.split("\t")[-1], b.doc.source_line(i + 1))
    _group_members(b, lines)
    _checked_programme_area(b, lines)
    start = next(
        (i for i, line in enumerate(lines) if line.strip() == "Om utvecklingsidén"), 0
    )
    _numbered_sections(b, lines, start)


def _group_members(b: RecordBuilder, lines: list[str]) -> None:
    """Organisations of the development group: ``ORG: persons`` lines."""
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.strip().startswith("Utvecklingsgrupp")
        ),
        None,
    )
    if start is None:
        return
    for i in range(start + 1, len(lines)):
        text = lines[i].strip()
        if text == "Om utvecklingsidén" or text.endswith("?"):
            break
        if not text:
            continue
        match = re.match(r"^(.*?)\s*[:;]\s*(.*)$", text)
        org_part, rest = (match.group(1), match.group(2)) if match else (text, "")
        line = b.doc.source_line(i + 1)
        names = [name.strip() for name in org_part.split("/") if name.strip()]
        # "NETWORK: Org; Person, Org; Person" names member organisations too
        if ";" in rest:
            names += [
                pair.split(";")[0].strip() for pair in rest.split(",") if ";" in pair
            ]
        for name in names:
            b.group.append(Listed(name, line, text, "Utvecklingsgrupp"))


def _checked_programme_area(b: RecordBuilder, lines: list[str]) -> None:
    """The option whose checkbox is ticked in the 'Programområde' question."""
    options = [
        i
        for i, line in enumerate(lines)
        if re.fullmatch(
            r"(PO1|PO2|Både PO1 och PO2|Varken PO1 eller PO2|Vet ej)", line.strip()
        )
    ]
    boxes = [
        (i, "checked" in line or "[x]" in line)
        for i, line in enumerate(lines)
        if re.search(r'type="checkbox"|^\s*\[[ x]\]', line)
    ]
    if options and len(boxes) == len(options):
        for (box_line, checked), option in zip(boxes, options, strict=True):
            if checked:
                b.set(
                    "programme_area",
                    lines[option].strip(),
                    b.doc.source_line(box_line + 1),
                )
    elif options:
        b.problem(
            "unreadable-checkbox",
            f"{len(options)} options but {len(boxes)}"
            " checkboxes; programme area left empty",
            options[0] + 1,
            None,
        )


def _numbered_sections(b: RecordBuilder, lines: list[str], start: int) -> None:
    heading, first = "Om utvecklingsidén", start + 1
    body: list[str] = []
    for i in range(start + 1, len(lines)):
        match = re.match(r"^(\d+)\.\s+(.{3,200})$", lines[i].strip())
        if match and not lines[i - 1].strip():
            b.section(heading, first, body)
            heading, first, body = match.group(2), i + 1, []
        else:
            body.append("" if re.search(r"<input|^\s*\[[ x]\]", lines[i]) else lines[i])
    b.section(heading, first, body)
