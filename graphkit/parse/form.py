"""Project-idea forms: the group, the ticked programme area, the total cost.

The form's labels, headings and programme-area options are a data file
(``data/reference/idea_form_labels.csv``, column ``field`` says what each gives),
so a form with other wording is read by adding rows, not code.
"""

from __future__ import annotations

import functools
import re

from graphkit.parse.values import RecordBuilder
from graphkit.records import Listed
from graphkit.reference import reference_list

__all__ = ["form_labels", "is_idea_form", "parse_idea_form"]

# ------------------------------------------------------------------ idea form


@functools.cache
def form_labels(field: str) -> tuple[str, ...]:
    """The labels of the idea form that give ``field``, in list order.

    Example:
        >>> form_labels("estimated_cost_sek")
        ('Total kostnad', 'Totalt')
    """
    return tuple(
        e.value for e in reference_list("idea_form_labels") if e.get("field") == field
    )


def is_idea_form(lines: list[str]) -> bool:
    """True when a line starts with the form's title label or group heading.

    Example:
        >>> is_idea_form(["Namn på utvecklingsidén:", "Hållbara stödstrukturer"])
        True
    """
    starts = (*form_labels("title"), *(f"{g} (" for g in form_labels("group")))
    return any(line.strip().startswith(starts) for line in lines)


def parse_idea_form(b: RecordBuilder, lines: list[str]) -> None:
    """An idea form: header labels, the development group, options, sections."""

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

    for name in ("title", "contact_person", "phone", "email"):
        for prefix in form_labels(name):
            value, at = value_after(prefix)
            b.set(name, value, b.doc.source_line(at))
    totals = form_labels("estimated_cost_sek")
    for i, text in enumerate(lines):
        if text.strip().startswith(totals) and "\t" in text:
            b.set("estimated_cost_sek", text.split("\t")[-1], b.doc.source_line(i + 1))
    _group_members(b, lines)
    _checked_programme_area(b, lines)
    body = form_labels("body")
    start = next((i for i, line in enumerate(lines) if line.strip() in body), 0)
    _numbered_sections(b, lines, start, next(iter(body), ""))


def _group_members(b: RecordBuilder, lines: list[str]) -> None:
    """Organisations of the development group: ``ORG: persons`` lines."""
    group, body = form_labels("group"), form_labels("body")
    start = next(
        (i for i, line in enumerate(lines) if line.strip().startswith(group)),
        None,
    )
    if start is None:
        return
    for i in range(start + 1, len(lines)):
        text = lines[i].strip()
        if text in body or text.endswith("?"):
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


#: A checkbox as a form's text shows it: ``☒``/``☐`` (Word, LibreOffice), ``[x]``/``[ ]``.
_BOX = re.compile(r"^\s*(?:\[[ xX]\]|[☐☒☑■□])\s*")
_CHECKED = frozenset("☒☑■xX")


def _checked_programme_area(b: RecordBuilder, lines: list[str]) -> None:
    """The option whose checkbox is ticked in the 'Programområde' question.

    A box stands before its option on the same line (``☒ PO2``, as a Word form
    shows it) or, as on the web form, all boxes follow all options in order.
    """
    choices = set(form_labels("programme_option"))
    inline: list[tuple[int, bool, str]] = []
    for i, line in enumerate(lines):
        box = _BOX.match(line)
        if box is not None and line[box.end() :].strip() in choices:
            inline.append((i, _box_checked(line), line[box.end() :].strip()))
    if inline:
        for i, checked, label in inline:
            if checked:
                b.set("programme_area", label, b.doc.source_line(i + 1))
        return
    options = [i for i, line in enumerate(lines) if line.strip() in choices]
    boxes = [
        (i, "checked" in line or _box_checked(line))
        for i, line in enumerate(lines)
        if re.search(r'type="checkbox"', line) or _BOX.fullmatch(line.rstrip())
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


def _box_checked(line: str) -> bool:
    """True when the box a line starts with is ticked (``☒``, ``[x]``)."""
    match = _BOX.match(line)
    return match is not None and any(c in _CHECKED for c in match.group())


def _numbered_sections(
    b: RecordBuilder, lines: list[str], start: int, heading: str
) -> None:
    """The form's numbered questions (``1. Beskriv ...``), each a section."""
    first = start + 1
    body: list[str] = []
    for i in range(start + 1, len(lines)):
        match = re.match(r"^(\d+)\.\s+(.{3,200})$", lines[i].strip())
        if match and not lines[i - 1].strip():
            b.section(heading, first, body)
            heading, first, body = match.group(2), i + 1, []
        else:
            body.append(
                ""
                if re.search(r"<input", lines[i]) or _BOX.match(lines[i])
                else lines[i]
            )
    b.section(heading, first, body)
