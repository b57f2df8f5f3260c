"""Project-bank pages (layouts a, b, c): header labels, sections and the lists in them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graphkit.gazetteer import load_gazetteer
from graphkit.parse.names import (
    is_chrome,
    is_collective,
    line_kind,
    looks_like_person,
    looks_truncated,
    split_bodies,
    split_listed_name,
)
from graphkit.parse.values import RecordBuilder
from graphkit.records import Listed, Section
from graphkit.reference import reference_list

__all__ = [
    "SECTION_HEADINGS",
    "parse_a",
    "parse_b",
    "parse_c",
    "split_listed_name",
]

# ------------------------------------------------------------------ page sections

#: Kind of each list heading (``partner``, ``municipality``, ``transnational``).
_LIST_KINDS = {
    e.value.casefold(): e.get("kind") or "partner"
    for e in reference_list("list_sections")
}
#: Headings of the free-text part of pages, then the list headings (data files).
SECTION_HEADINGS = tuple(
    e.value
    for name in ("section_headings", "list_sections")
    for e in reference_list(name)
)
_HEADING_KEYS = {h.casefold(): h for h in SECTION_HEADINGS}
#: Section heading of the text that follows a list heading but is not a list.
TEXT_AFTER_LIST = "{heading} (text)"


@dataclass
class _List:
    """The list being read under a list heading: its kind and rhythm."""

    kind: str
    items: int = 0
    last: int = -1
    spaced: bool = False


def _read_sections(b: RecordBuilder, lines: list[str], first: int) -> None:
    """Split the body (from 0-based line ``first``) into sections and lists.

    Under a list heading (``list_sections.csv``), each line is read as a name
    until a line that is not one (a heading, a date, an amount, a file name, a
    URL, a sentence: :func:`~graphkit.parse.names.line_kind`) ends the list; the
    rest is running text, in a section headed ``"<heading> (text)"``.
    """
    heading, start = "Sammanfattning", first
    body: list[str] = []
    listing: _List | None = None

    def open_section(name: str, at: int) -> None:
        nonlocal heading, start, body
        b.section(heading, start, body)
        heading, start, body = name, at, []

    for i in range(first, len(lines)):
        raw, stripped = lines[i], lines[i].strip()
        key = stripped.rstrip(":").casefold()
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if key in _HEADING_KEYS and prev_blank and (next_blank or key in _LIST_KINDS):
            open_section(_HEADING_KEYS[key], i + 1)
            listing = _List(_LIST_KINDS[key]) if key in _LIST_KINDS else None
            continue
        glued = _glued_heading(stripped)
        if glued and next_blank:
            body.append(stripped[: -len(glued)])
            open_section(glued, i + 1)
            listing = None
            continue
        if listing is not None and stripped:
            kind = _list_line_kind(lines, i, listing)
            kind = "noise" if kind == "blank" else kind  # a bullet with no name
            if kind == "heading":
                open_section(_HEADING_KEYS.get(key, stripped.rstrip(":")), i + 1)
                listing = None
                continue
            if kind != "name" and kind != "noise":
                open_section(TEXT_AFTER_LIST.format(heading=heading), i)
                listing = None
            else:
                _listed_line(b, listing, heading, raw, b.doc.source_line(i + 1), kind)
                listing.spaced = listing.spaced or (listing.items > 0 and prev_blank)
                listing.items, listing.last = listing.items + 1, i
        elif stripped:
            _labelled_places(b, heading, raw, b.doc.source_line(i + 1))
        body.append(raw)
    b.section(heading, start, body)


def _list_line_kind(lines: list[str], i: int, listing: _List) -> str:
    """What line ``i`` under a list heading is (:func:`line_kind`), in its context.

    A short line after a blank line, followed by a paragraph of running text, is
    that paragraph's heading, unless the list's items are themselves spaced by
    blank lines (then it may be one more item).
    """
    kind = line_kind(lines[i], _label_words())
    if listing.kind == "municipality" and kind != "name":
        match = _PLACE_LABEL.match(lines[i])
        if match and load_gazetteer().list_places(match.group(2)):
            return "name"  # "Kommuner som deltar: Vara, Hjo"
    if kind != "name" or listing.spaced or listing.items == 0:
        return kind
    words = lines[i].split()
    if lines[i - 1].strip() or len(words) > 6 or "," in lines[i]:
        return kind
    following = [line for line in lines[i + 1 : i + 4] if line.strip()][:1]
    if following and line_kind(following[0]) == "sentence":
        return "heading"
    return kind


#: Headings long enough to be recognised glued to the end of a line.
_LONG_HEADINGS = tuple(h for h in SECTION_HEADINGS if len(h) >= 20)


def _glued_heading(line: str) -> str | None:
    """A long heading glued to the end of a text line (a page-export artefact)."""
    if not line.endswith(_LONG_HEADINGS):
        return None
    for heading in _LONG_HEADINGS:
        if line.endswith(heading) and len(line) > len(heading):
            return heading
    return None


def _listed_line(
    b: RecordBuilder, listing: _List, heading: str, raw: str, line: int, kind: str
) -> None:
    """One line of a partner, transnational or municipality list: its names."""
    name, text = split_listed_name(raw), raw.strip()
    if kind == "noise":
        b.problem(
            "noise-line", f"{heading}: {text!r} is not a name; not listed", line, text
        )
        return
    if listing.kind == "municipality":
        _listed_places(b, heading, name, text, line)
        return
    target = b.transnational if listing.kind == "transnational" else b.partners
    for part in split_bodies(name):
        if looks_like_person(part):
            b.problem(
                "person-not-actor",
                f"{heading}: {part!r} is a person's name; not listed",
                line,
                part,
            )
            continue
        if looks_truncated(part):
            b.problem(
                "truncated-name",
                f"{heading}: {part!r} looks cut off; kept as written",
                line,
                part,
            )
        # TODO(rdf): Listed.collective is not written to the graph yet; a group
        # ("Blekinges kommuner") is a new actor like any other name for now.
        target.append(Listed(part, line, text, heading, is_collective(part)))


def _listed_places(
    b: RecordBuilder, heading: str, name: str, text: str, line: int
) -> None:
    """A line of a municipality list: each municipality it names, as written.

    A line ``Kommuner som deltar: Vara, Hjo`` gives the places after its colon.
    """
    gazetteer = load_gazetteer()
    places = gazetteer.list_places(name)
    if places is None and ":" in name:
        places = gazetteer.list_places(name.rsplit(":", 1)[1])
    if places:
        b.municipalities.extend(Listed(w, line, text, heading) for w, _ in places)
    elif is_collective(name):
        b.problem(
            "collective-place",
            f"{heading}: {name!r} names a group of municipalities, not one; not listed",
            line,
            name,
        )
    else:  # as written: the resolver reports a name that is no municipality
        b.municipalities.append(Listed(name, line, text, heading))


#: ``Kommuner: Vara, Hjo och Tibro``, ``Kommuner som deltar: ...``: a line of places.
_PLACE_LABEL = re.compile(
    r"^\s*(?:[•·*\-–]\s*)?([^:]{0,40}\bkommun(?:er|erna)?\b[^:]{0,30}"
    r"|geografiskt område|municipalities)\s*:\s*(\S.*)$",
    re.IGNORECASE,
)


def _labelled_places(b: RecordBuilder, heading: str, raw: str, line: int) -> None:
    """The municipalities of a labelled line of places (``Kommuner: Vara, Hjo``)."""
    match = _PLACE_LABEL.match(raw) if ":" in raw else None
    places = load_gazetteer().list_places(match.group(2)) if match else None
    for written, _ in places or ():
        b.municipalities.append(Listed(written, line, raw.strip(), heading))


# ------------------------------------------------------------------ layouts a, b, c

#: Header labels of the project bank, longest first, and the field each fills.
_SWEDISH_LABELS: tuple[tuple[str, str], ...] = (
    ("Planerat antal deltagare", "planned_participants"),
    ("Total projektbudget", "total_budget_sek"),
    ("Beviljat ESF-stöd", "esf_grant_sek"),
    ("Beviljat ESF+-stöd", "esf_grant_sek"),
    ("Kontaktperson", "contact_person"),
    ("Telefonnummer", "phone"),
    ("Programområde", "programme_area"),
    ("Projektnummer", "project_number"),
    ("Projektperiod", "period"),
    ("Projektägare", "owner"),
    ("Berörd fond", "fund"),
    ("Projektfas", "phase"),
    ("Startdatum", "start"),
    ("Slutdatum", "end"),
    ("Utlysning", "call_id"),
    ("Telefon", "phone"),
    ("E-post", "email"),
    ("Region", "region"),
    ("Namn", "title"),
    ("Fond", "fund"),
)
#: English labels of the current project bank (layout c only).
_ENGLISH_LABELS: tuple[tuple[str, str], ...] = (
    ("Planned number of participants", "planned_participants"),
    ("Total project budget", "total_budget_sek"),
    ("Granted ESF support", "esf_grant_sek"),
    ("Contact person", "contact_person"),
    ("Project owner", "owner"),
    ("Project number", "project_number"),
    ("Project period", "period"),
    ("Programme area", "programme_area"),
    ("Start date", "start"),
    ("End date", "end"),
    ("E-mail", "email"),
    ("Phone", "phone"),
    ("Fund", "fund"),
    ("Name", "title"),
)
_LABEL_FIELD = {
    label.casefold(): name for label, name in (*_SWEDISH_LABELS, *_ENGLISH_LABELS)
}


@functools.cache
def _label_words() -> frozenset[str]:
    """The header labels, case-folded: a list ends at a line that is one."""
    return frozenset(_LABEL_FIELD)


_COLON_LABEL = re.compile(r"^([^\s:][^:]{0,60}):\s*$")
_LAYOUT_A = re.compile(r"^(Projektägare|Projektfas|Projektperiod)[^\s:]")
#: Layout a glues Swedish labels to their values.
_GLUED_LABELS = [label for label, _ in _SWEDISH_LABELS]
_GLUED_PREFIXES = tuple(_GLUED_LABELS)


def parse_a(b: RecordBuilder, lines: list[str]) -> None:
    """Layout a (2007–2013): labels glued to their values, one per line."""
    first = _header_start(lines)
    _title_before(b, lines, first)
    i = first
    while i < len(lines):
        stripped = lines[i].strip()
        label = _glued_label(stripped)
        if label is None:
            break
        _set_label(b, label, stripped[len(label) :], b.doc.source_line(i + 1))
        i += 1
    body = i + 1 if i < len(lines) and lines[i].strip() == "In English" else i
    _read_sections(b, lines, body)


def _header_start(lines: list[str]) -> int:
    """The first line of the glued-label header block.

    A title may itself begin with a label word ("Regionalt resurscentrum" starts
    with "Region"), so the header is the first run of two or more label lines,
    or failing that the first line that starts with a project label.
    """
    glued = [bool(_glued_label(line.strip())) for line in lines]
    for i in range(len(lines) - 1):
        if glued[i] and glued[i + 1]:
            return i
    return next(i for i, line in enumerate(lines) if _LAYOUT_A.match(line.strip()))


def _glued_label(line: str) -> str | None:
    if not line.startswith(_GLUED_PREFIXES):
        return None
    for label in _GLUED_LABELS:
        if line.startswith(label) and len(line) > len(label):
            return label
    return None


def _set_label(b: RecordBuilder, label: str, value: str, line: int) -> None:
    name = _LABEL_FIELD.get(label.casefold())
    if name is None:
        if value.strip():
            b.extra.append((label, value.strip()))
        return
    if name == "owner" and looks_like_person(value.strip()):
        b.problem(
            "person-not-owner",
            f"owner: {value.strip()!r} is a person's name, not an organisation;"
            " no owner read",
            line,
            value.strip(),
        )
        return
    if value.strip():
        b.set(name, value, line)


def _title_before(b: RecordBuilder, lines: list[str], stop: int) -> None:
    """The title: the last line before the header that is not a logo, date or file.

    Navigation words (``page_chrome.csv``) are not skipped here: on a project-bank
    page the line before the header is the title, and a project may be "Start".
    """
    for i in range(stop - 1, -1, -1):
        if lines[i].strip() and not is_chrome(lines[i], listed=False):
            b.set("title", lines[i], b.doc.source_line(i + 1))
            return


def _parse_stacked(b: RecordBuilder, lines: list[str], colon: bool) -> None:
    """Layouts b and c: a label line, then its value on the next line."""

    def label_of(line: str) -> str | None:
        stripped = line.strip()
        if colon:
            match = _COLON_LABEL.match(stripped)
            return match.group(1).strip() if match else None
        return stripped if stripped.casefold() in _LABEL_FIELD else None

    first = next(i for i, line in enumerate(lines) if label_of(line))
    header = re.compile(r"^(\S*\d\S*) - (.+)$")
    for i in range(first):
        match = header.match(lines[i].strip())
        if match:
            b.set("title", match.group(2), b.doc.source_line(i + 1))
    if not colon:
        _title_before(b, lines, first)
    i, last = first, first
    while i < len(lines):
        label = label_of(lines[i])
        if label is None:
            if lines[i].strip() and i > last + 1:
                break  # the free text after the header
            i += 1
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        has_value = bool(following) and label_of(lines[i + 1]) is None
        _set_label(b, label, following if has_value else "", b.doc.source_line(i + 2))
        last = i + 1 if has_value else i
        i = last + 1
    if colon and "title" not in b.values:
        _title_before(b, lines, first)
    _read_sections(b, lines, last + 1)
    _drop_site_chrome(b)


def _drop_site_chrome(b: RecordBuilder) -> None:
    """Remove the feedback widget that ends current project-bank pages."""
    cleaned = []
    for section in b.sections:
        kept = section.text.split("\n")
        if "Hjälpte informationen dig?" in kept:
            kept = kept[: kept.index("Hjälpte informationen dig?")]
        while kept and not kept[-1].strip():
            kept.pop()
        if kept:
            cleaned.append(
                Section(
                    section.heading,
                    section.line,
                    "\n".join(kept),
                    section.lines[: len(kept)],
                )
            )
    b.sections = cleaned


def parse_b(b: RecordBuilder, lines: list[str]) -> None:
    """Layout b (2014–2020): a label line, its value on the next line."""
    _parse_stacked(b, lines, colon=False)


def parse_c(b: RecordBuilder, lines: list[str]) -> None:
    """Layout c (current bank): labels ending in a colon, values on the next line."""
    _parse_stacked(b, lines, colon=True)
