"""Project-bank pages (layouts a, b, c) and prose pages: header labels, sections, lists."""

from __future__ import annotations

import re

from graphkit.parse.values import RecordBuilder
from graphkit.records import Listed, Section

__all__ = [
    "SECTION_HEADINGS",
    "parse_a",
    "parse_b",
    "parse_c",
    "parse_prose",
    "split_listed_name",
]

# ------------------------------------------------------------------ page sections

#: Headings of the free-text part of project-bank pages.
SECTION_HEADINGS = (
    "Sammanfattning",
    "Bakgrund",
    "Syfte",
    "Målsättning",
    "Mål",
    "Målgrupp",
    "Resultat",
    "Erfarenheter och resultat",
    "Tillgänglighet för personer med funktionsnedsättning",
    "Tillgänglighet",
    "Jämställdhetsintegrering",
    "Jämställdhet",
    "Transnationellt samarbete",
    "Transnationella partners",
    "Transnationella samarbetspartners",
    "Samarbetspartners",
    "Samverkanspartners",
    "Partners",
    "Kommun",
    "Kommuner",
    "Summary",
    "Background",
    "Partner organisations",
    "Municipalities",
)
_HEADING_KEYS = {h.casefold(): h for h in SECTION_HEADINGS}
_PARTNER_HEADINGS = {
    "samarbetspartners",
    "samverkanspartners",
    "partners",
    "partner organisations",
}
_TRANSNATIONAL_LIST_HEADINGS = {
    "transnationella partners",
    "transnationella samarbetspartners",
}
_MUNICIPALITY_HEADINGS = {"kommun", "kommuner", "municipalities"}
_BULLET = re.compile(r"^\s*(?:[•·∙●▪◦*\-–]|\d+[.)])\s*")
_NOISE = re.compile(
    r"^(samma som ovan|se ovan|dito|d:o|-+|\.+|–|n/a|saknas|inga|ingen|\?)$",
    re.IGNORECASE,
)
#: Head nouns of organisation names; a name ending in a cut-off one is truncated.
_ORG_HEADS = (
    "förbundet",
    "förbund",
    "föreningen",
    "förening",
    "kommun",
    "stiftelsen",
    "stiftelse",
    "kooperativ",
    "kooperativet",
    "organisationen",
    "organisation",
    "nätverket",
    "nätverk",
    "bildningsförbund",
    "studieförbund",
    "landsting",
    "landstinget",
    "församling",
    "förvaltning",
    "förvaltningen",
    "centrum",
    "akademi",
    "akademin",
    "universitet",
    "högskola",
    "myndighet",
    "företag",
    "företagarna",
    "sällskap",
    "riksförbund",
    "samordningsförbund",
)


def split_listed_name(line: str) -> str:
    """The name on a bulleted list line, bullet and spaces removed.

    Example:
        >>> split_listed_name("  • Svenska Röda Korset, Region Stockholm")
        'Svenska Röda Korset, Region Stockholm'
    """
    return " ".join(_BULLET.sub("", line, count=1).split())


def _looks_truncated(name: str) -> bool:
    """True when a name ends in a cut-off word such as ``bildningsförbu``.

    Example:
        >>> _looks_truncated("Stockholms läns bildningsförbu"), _looks_truncated("HSO i Stockholm")
        (True, False)
    """
    last = name.split()[-1].casefold() if name.split() else ""
    if len(last) < 4 or any(last.endswith(head) for head in _ORG_HEADS):
        return False
    return any(
        head.startswith(last[i:]) and len(last) - i >= 4 and last[i:] != head
        for head in _ORG_HEADS
        for i in range(len(last) - 3)
    )


def _read_sections(b: RecordBuilder, lines: list[str], first: int) -> None:
    """Split the body (from 0-based line ``first``) into sections and lists."""
    doc = b.doc
    heading = "Sammanfattning"
    start = first
    body: list[str] = []

    def close() -> None:
        b.section(heading, start, body)

    for i in range(first, len(lines)):
        raw = lines[i]
        stripped = raw.strip()
        key = stripped.rstrip(":").casefold()
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if (
            key in _HEADING_KEYS
            and prev_blank
            and (next_blank or _is_list_heading(key))
        ):
            close()
            heading, start, body = _HEADING_KEYS[key], i + 1, []
            continue
        glued = _glued_heading(stripped)
        if glued and next_blank:
            body.append(stripped[: -len(glued)])
            close()
            heading, start, body = glued, i + 1, []
            continue
        body.append(raw)
        hkey = heading.casefold()
        if stripped and hkey in _PARTNER_HEADINGS | _MUNICIPALITY_HEADINGS | (
            _TRANSNATIONAL_LIST_HEADINGS
        ):
            _listed_line(b, hkey, raw, doc.source_line(i + 1))
    close()


def _is_list_heading(key: str) -> bool:
    return (
        key in _PARTNER_HEADINGS | _MUNICIPALITY_HEADINGS | _TRANSNATIONAL_LIST_HEADINGS
    )


def _glued_heading(line: str) -> str | None:
    """A long heading glued to the end of a text line (a page-export artefact)."""
    for heading in SECTION_HEADINGS:
        if len(heading) >= 20 and line.endswith(heading) and len(line) > len(heading):
            return heading
    return None


def _listed_line(b: RecordBuilder, heading: str, raw: str, line: int) -> None:
    name = split_listed_name(raw)
    section = _HEADING_KEYS[heading]
    if not name or _NOISE.match(name):
        b.problem(
            "noise-line",
            f"{section}: {raw.strip()!r} is not a name; not listed",
            line,
            raw.strip(),
        )
        return
    listed = Listed(name=name, line=line, text=raw.strip(), section=section)
    if heading in _MUNICIPALITY_HEADINGS:
        b.municipalities.append(listed)
        return
    if _looks_truncated(name):
        b.problem(
            "truncated-name",
            f"{section}: {name!r} looks cut off; kept as written",
            line,
            name,
        )
    (b.transnational if heading in _TRANSNATIONAL_LIST_HEADINGS else b.partners).append(
        listed
    )


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
_COLON_LABEL = re.compile(r"^([^\s:][^:]{0,60}):\s*$")
_LAYOUT_A = re.compile(r"^(Projektägare|Projektfas|Projektperiod)[^\s:]")
#: Layout a glues Swedish labels to their values.
_GLUED_LABELS = [label for label, _ in _SWEDISH_LABELS]


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
    if value.strip():
        b.set(name, value, line)


def _title_before(b: RecordBuilder, lines: list[str], stop: int) -> None:
    for i in range(stop - 1, -1, -1):
        if lines[i].strip():
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


def parse_prose(b: RecordBuilder, lines: list[str]) -> None:
    first = next(i for i, line in enumerate(lines) if line.strip())
    b.set("title", lines[first], b.doc.source_line(first + 1))
    b.problem(
        "no-header",
        "no header fields (owner, period, amounts): only the title"
        " and the free text are read",
        None,
        None,
    )
    _read_sections(b, lines, first + 1)
