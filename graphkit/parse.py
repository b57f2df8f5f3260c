"""Document → ProjectRecord: ESF project-bank layouts a/b/c, idea forms, project lists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from graphkit.errors import ParseError
from graphkit.records import Document, Listed, Problem, ProjectRecord, Section

__all__ = [
    "detect_layout",
    "parse_amount",
    "parse_document",
    "parse_period",
    "split_listed_name",
]

# --------------------------------------------------------------------------- values

#: Values that say "no value" (Tillväxtverket writes UPPGIFT SAKNAS).
_MISSING = frozenset({"uppgift saknas", "saknas", "-", "–", "n/a", "null"})
_GROUP_SEPARATORS = re.compile(r"[\s\u00a0\u202f\u2009]")


def parse_amount(text: str) -> int | None:
    """Whole kronor from an amount as written on a page.

    Digit groups may be separated by spaces or no-break spaces; a trailing
    ``kr``/``SEK`` is dropped. Anything else (decimals, words) is not an amount.

    Example:
        >>> parse_amount("8\\u00a0212\\u00a0161 kr"), parse_amount("11 802 999")
        (8212161, 11802999)
        >>> parse_amount("1.1") is None, parse_amount("ca 400 000") is None
        (True, True)
    """
    value = re.sub(r"\s*(kr|kronor|sek)\.?$", "", text.strip(), flags=re.IGNORECASE)
    value = _GROUP_SEPARATORS.sub("", value)
    if not value.isdigit() or not value.isascii():
        return None
    return int(value)


def _iso_date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:till|–|—|-)\s*(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str) -> tuple[str | None, str | None]:
    """Start and end dates from a period in any of the project-bank styles.

    Example:
        >>> parse_period("2009-05-01 till 2011-08-31")
        ('2009-05-01', '2011-08-31')
        >>> parse_period("2016-01-04-2017-10-31"), parse_period("2014-13-40 - 2015-01-01")
        (('2016-01-04', '2017-10-31'), (None, '2015-01-01'))
    """
    match = _PERIOD.match(text.strip())
    if not match:
        return None, None
    return _iso_date(match.group(1)), _iso_date(match.group(2))


# ------------------------------------------------------------------ record builder


@dataclass
class _Builder:
    """Mutable scratch space while one record is read; frozen at the end."""

    doc: Document
    layout: str
    line: int = 1
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    partners: list[Listed] = field(default_factory=list)
    municipalities: list[Listed] = field(default_factory=list)
    transnational: list[Listed] = field(default_factory=list)
    group: list[Listed] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, kind: str, message: str, line: int | None, value: str | None) -> None:
        self.problems.append(
            Problem(kind, message, self.doc.source_path, line, value)
        )

    def section(self, heading: str, first: int, body: list[str]) -> None:
        """Add a section whose text lines start at 0-based document line ``first``."""
        while body and not body[0].strip():
            body, first = body[1:], first + 1
        while body and not body[-1].strip():
            body = body[:-1]
        if body:
            lines = tuple(self.doc.source_line(first + 1 + i) for i in range(len(body)))
            self.sections.append(Section(heading, lines[0], "\n".join(body), lines))

    def set(self, name: str, raw: str | None, line: int) -> None:
        """Store header value ``name`` from its text, converting and checking it."""
        if raw is None or not raw.strip() or name in self.values:
            return
        raw = raw.strip()
        if raw.casefold() in _MISSING:
            return
        value: object = raw
        if name in ("esf_grant_sek", "total_budget_sek", "grant_sek"):
            value = parse_amount(raw)
            if value is None:
                self.problem("bad-amount", f"{name}: {raw!r} is not a whole number"
                             " of kronor; left empty", line, raw)
                return
        elif name == "planned_participants":
            value = parse_amount(raw)
            if value is None:
                self.problem("bad-number", f"{name}: {raw!r} is not a whole number;"
                             " left empty", line, raw)
                return
        elif name == "period":
            start, end = parse_period(raw)
            if start is None or end is None:
                self.problem("bad-date", f"period {raw!r} is not two valid dates"
                             " (YYYY-MM-DD); the bad part is left empty", line, raw)
            self.set("start", start, line)
            self.set("end", end, line)
            return
        elif name in ("start", "end"):
            value = _iso_date(raw)
            if value is None:
                self.problem("bad-date", f"{name}: {raw!r} is not a valid date"
                             " (YYYY-MM-DD); left empty", line, raw)
                return
        elif name == "fund":
            value = normalise_fund(raw)
        self.values[name] = value
        self.lines[name] = line

    def build(self) -> ProjectRecord:
        values = dict(self.values)
        if self.layout.startswith("esf-"):
            values.setdefault("fund", "ESF")
        if "grant_sek" not in values and values.get("esf_grant_sek") is not None:
            values["grant_sek"] = values["esf_grant_sek"]
        return ProjectRecord(
            source_path=self.doc.source_path,
            sha256=self.doc.sha256,
            layout=self.layout,
            line=self.line,
            field_lines=tuple(sorted(self.lines.items(), key=lambda kv: kv[1])),
            partners=tuple(self.partners),
            municipalities=tuple(self.municipalities),
            transnational_partners=tuple(self.transnational),
            group_members=tuple(self.group),
            sections=tuple(self.sections),
            extra=tuple(self.extra),
            problems=(*self.doc.problems, *self.problems),
            **values,  # type: ignore[arg-type]
        )


def normalise_fund(text: str) -> str:
    """The fund's short name: ``ESF``, ``ESF+`` or ``ERDF``; else as written.

    Example:
        >>> normalise_fund("Socialfonden"), normalise_fund("ESF+"), normalise_fund("eruf")
        ('ESF', 'ESF+', 'ERDF')
    """
    key = text.strip().lower()
    if "+" in key or "plus" in key:
        return "ESF+"
    if key in ("esf", "socialfonden", "europeiska socialfonden") or "social" in key:
        return "ESF"
    if key in ("erdf", "eruf", "regionalfonden") or "regional" in key:
        return "ERDF"
    return text.strip()


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
_PARTNER_HEADINGS = {"samarbetspartners", "samverkanspartners", "partners",
                     "partner organisations"}
_TRANSNATIONAL_LIST_HEADINGS = {"transnationella partners",
                                "transnationella samarbetspartners"}
_MUNICIPALITY_HEADINGS = {"kommun", "kommuner", "municipalities"}
_BULLET = re.compile(r"^\s*(?:[•·∙●▪◦*\-–]|\d+[.)])\s*")
_NOISE = re.compile(
    r"^(samma som ovan|se ovan|dito|d:o|-+|\.+|–|n/a|saknas|inga|ingen|\?)$",
    re.IGNORECASE,
)
#: Head nouns of organisation names; a name ending in a cut-off one is truncated.
_ORG_HEADS = (
    "förbundet", "förbund", "föreningen", "förening", "kommun", "stiftelsen",
    "stiftelse", "kooperativ", "kooperativet", "organisationen", "organisation",
    "nätverket", "nätverk", "bildningsförbund", "studieförbund", "landsting",
    "landstinget", "församling", "förvaltning", "förvaltningen", "centrum",
    "akademi", "akademin", "universitet", "högskola", "myndighet", "företag",
    "företagarna", "sällskap", "riksförbund", "samordningsförbund",
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


def _read_sections(b: _Builder, lines: list[str], first: int) -> None:
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
        if key in _HEADING_KEYS and prev_blank and (next_blank or _is_list_heading(key)):
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
    return key in _PARTNER_HEADINGS | _MUNICIPALITY_HEADINGS | _TRANSNATIONAL_LIST_HEADINGS


def _glued_heading(line: str) -> str | None:
    """A long heading glued to the end of a text line (a page-export artefact)."""
    for heading in SECTION_HEADINGS:
        if len(heading) >= 20 and line.endswith(heading) and len(line) > len(heading):
            return heading
    return None


def _listed_line(b: _Builder, heading: str, raw: str, line: int) -> None:
    name = split_listed_name(raw)
    section = _HEADING_KEYS[heading]
    if not name or _NOISE.match(name):
        b.problem("noise-line", f"{section}: {raw.strip()!r} is not a name; not listed",
                  line, raw.strip())
        return
    listed = Listed(name=name, line=line, text=raw.strip(), section=section)
    if heading in _MUNICIPALITY_HEADINGS:
        b.municipalities.append(listed)
        return
    if _looks_truncated(name):
        b.problem("truncated-name", f"{section}: {name!r} looks cut off; kept as"
                  " written", line, name)
    (b.transnational if heading in _TRANSNATIONAL_LIST_HEADINGS else b.partners).append(
        listed
    )


# ------------------------------------------------------------------ layouts a, b, c

#: Header labels of the project bank, longest first, and the field each fills.
_LABELS: tuple[tuple[str, str], ...] = (
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
    # English labels of the current project bank
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
_LABEL_FIELD = {label.casefold(): name for label, name in _LABELS}
_COLON_LABEL = re.compile(r"^([^\s:][^:]{0,60}):\s*$")
_LAYOUT_A = re.compile(r"^(Projektägare|Projektfas|Projektperiod)[^\s:]")
_GLUED_LABELS = [label for label, _ in _LABELS if label[0].isupper()][:20]


def detect_layout(doc: Document) -> str:
    """Which reader fits a document, judged from its text (not its name).

    Returns:
        ``project-list``, ``idea-form``, ``esf-a``, ``esf-b``, ``esf-c``, or
        ``prose`` for a text about a project with no header (only its title and
        free text are read).

    Raises:
        ParseError: when no layout fits.

    Example:
        >>> from graphkit.records import Document
        >>> detect_layout(Document("x.txt", "0", "Titel\\n\\nProjektägare:\\nRegion Skåne"))
        'esf-c'
    """
    if doc.media_type in ("application/json", "text/csv"):
        return "project-list"
    lines = [line.strip() for line in doc.text.split("\n")]
    if any(line.startswith(("Namn på utvecklingsidén", "Utvecklingsgrupp (")) for line in lines):
        return "idea-form"
    if any(_LAYOUT_A.match(line) for line in lines):
        return "esf-a"
    for i, line in enumerate(lines[:-1]):
        if line in ("Projektägare", "Projektnummer", "Projektperiod") and lines[i + 1]:
            return "esf-b"
        if line.rstrip().casefold() in ("projektägare:", "project owner:", "diarienummer:"):
            return "esf-c"
    title = next((line for line in lines if line), "")
    if 0 < len(title) <= 150 and re.search(r"projekt|förstudie", doc.text, re.IGNORECASE):
        return "prose"
    raise ParseError(
        "no known layout: no 'Projektägare' header (project-bank page), no"
        " 'Namn på utvecklingsidén' (idea form), and no text about a project",
        path=doc.source_path,
    )


def _parse_a(b: _Builder, lines: list[str]) -> None:
    first = next(i for i, line in enumerate(lines) if _glued_label(line.strip()))
    _title_before(b, lines, first)
    i = first
    while i < len(lines):
        stripped = lines[i].strip()
        label = _glued_label(stripped)
        if label is None:
            break
        _set_label(b, label, stripped[len(label):], b.doc.source_line(i + 1))
        i += 1
    body = i + 1 if i < len(lines) and lines[i].strip() == "In English" else i
    _read_sections(b, lines, body)


def _glued_label(line: str) -> str | None:
    for label in _GLUED_LABELS:
        if line.startswith(label) and len(line) > len(label):
            return label
    return None


def _set_label(b: _Builder, label: str, value: str, line: int) -> None:
    name = _LABEL_FIELD.get(label.casefold())
    if name is None:
        if value.strip():
            b.extra.append((label, value.strip()))
        return
    if value.strip():
        b.set(name, value, line)


def _title_before(b: _Builder, lines: list[str], stop: int) -> None:
    for i in range(stop - 1, -1, -1):
        if lines[i].strip():
            b.set("title", lines[i], b.doc.source_line(i + 1))
            return


def _parse_stacked(b: _Builder, lines: list[str], colon: bool) -> None:
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


def _drop_site_chrome(b: _Builder) -> None:
    """Remove the feedback widget that ends current project-bank pages."""
    cleaned = []
    for section in b.sections:
        kept = section.text.split("\n")
        if "Hjälpte informationen dig?" in kept:
            kept = kept[: kept.index("Hjälpte informationen dig?")]
        while kept and not kept[-1].strip():
            kept.pop()
        if kept:
            cleaned.append(Section(section.heading, section.line, "\n".join(kept),
                                   section.lines[: len(kept)]))
    b.sections = cleaned


# ------------------------------------------------------------------ idea form


def _parse_idea_form(b: _Builder, lines: list[str]) -> None:
    def value_after(prefix: str) -> tuple[str | None, int]:
        for i, line in enumerate(lines):
            if line.strip().startswith(prefix):
                rest = line.strip()[len(prefix):].strip(" :")
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
        value, line = value_after(prefix)
        b.set(name, value, b.doc.source_line(line))
    for i, line in enumerate(lines):
        if line.strip().startswith(("Total kostnad", "Totalt")) and "\t" in line:
            b.set("total_budget_sek", line.split("\t")[-1], b.doc.source_line(i + 1))
    _group_members(b, lines)
    _checked_programme_area(b, lines)
    start = next(
        (i for i, line in enumerate(lines) if line.strip() == "Om utvecklingsidén"), 0
    )
    _numbered_sections(b, lines, start)


def _group_members(b: _Builder, lines: list[str]) -> None:
    """Organisations of the development group: ``ORG: persons`` lines."""
    start = next(
        (i for i, line in enumerate(lines) if line.strip().startswith("Utvecklingsgrupp")),
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
            names += [pair.split(";")[0].strip() for pair in rest.split(",") if ";" in pair]
        for name in names:
            b.group.append(Listed(name, line, text, "Utvecklingsgrupp"))


def _checked_programme_area(b: _Builder, lines: list[str]) -> None:
    """The option whose checkbox is ticked in the 'Programområde' question."""
    options = [i for i, line in enumerate(lines)
               if re.fullmatch(r"(PO1|PO2|Både PO1 och PO2|Varken PO1 eller PO2|Vet ej)",
                               line.strip())]
    boxes = [(i, "checked" in line or "[x]" in line) for i, line in enumerate(lines)
             if re.search(r'type="checkbox"|^\s*\[[ x]\]', line)]
    if options and len(boxes) == len(options):
        for (box_line, checked), option in zip(boxes, options, strict=True):
            if checked:
                b.set("programme_area", lines[option].strip(),
                      b.doc.source_line(box_line + 1))
    elif options:
        b.problem("unreadable-checkbox", f"{len(options)} options but {len(boxes)}"
                  " checkboxes; programme area left empty", options[0] + 1, None)


def _numbered_sections(b: _Builder, lines: list[str], start: int) -> None:
    heading, first, body = "Om utvecklingsidén", start + 1, []
    for i in range(start + 1, len(lines)):
        match = re.match(r"^(\d+)\.\s+(.{3,200})$", lines[i].strip())
        if match and not lines[i - 1].strip():
            b.section(heading, first, body)
            heading, first, body = match.group(2), i + 1, []
        else:
            body.append("" if re.search(r'<input|^\s*\[[ x]\]', lines[i]) else lines[i])
    b.section(heading, first, body)


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
        raise ParseError("a project list must be a JSON list of objects",
                         path=doc.source_path, line=text[:pos].count("\n") + 1)
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
            yield Problem("broken-record", f"broken JSON record skipped: {e.msg}",
                          doc.source_path, text.count("\n", 0, e.pos) + 1,
                          severity="error")
            following = re.compile(r"\}\s*,\s*\{").search(text, e.pos)
            if following is None:
                return
            pos = following.end() - 1
            continue
        if isinstance(obj, dict):
            yield line, obj
        else:
            yield Problem("broken-record", "list item is not an object; skipped",
                          doc.source_path, line, severity="error")


def _parse_list(doc: Document) -> tuple[list[ProjectRecord], list[Problem]]:
    records: list[ProjectRecord] = []
    problems: list[Problem] = []
    fund_hint = None
    for item in _list_records(doc):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        line, row = item
        b = _Builder(doc, "project-list", line=line)
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
            problems.append(Problem("unknown-columns", "record has none of the known"
                                    " project-list columns; skipped", doc.source_path,
                                    line, ", ".join(sorted(row))[:200], "error"))
            continue
        if fund_hint and "fund" not in b.values:
            b.values["fund"] = fund_hint
        records.append(b.build())
    return records, problems


# ------------------------------------------------------------------ entry point

def _parse_prose(b: _Builder, lines: list[str]) -> None:
    first = next(i for i, line in enumerate(lines) if line.strip())
    b.set("title", lines[first], b.doc.source_line(first + 1))
    b.problem("no-header", "no header fields (owner, period, amounts): only the title"
              " and the free text are read", None, None)
    _read_sections(b, lines, first + 1)


_PAGE_READERS: dict[str, Callable[[_Builder, list[str]], None]] = {
    "prose": _parse_prose,
    "esf-a": _parse_a,
    "esf-b": lambda b, lines: _parse_stacked(b, lines, colon=False),
    "esf-c": lambda b, lines: _parse_stacked(b, lines, colon=True),
    "idea-form": _parse_idea_form,
}


def parse_document(doc: Document) -> tuple[tuple[ProjectRecord, ...], tuple[Problem, ...]]:
    """Read the projects a document describes.

    A page gives one record; a JSON or CSV project list gives one per row.

    Args:
        doc: a document from :func:`graphkit.read.read_path`.

    Returns:
        ``(records, problems)``: the records, and problems that belong to no
        record (a broken list item). Each record carries its own problems.

    Raises:
        ParseError: when the document has no known layout.

    Example:
        >>> from graphkit.records import Document
        >>> page = ("Titel\\n\\nProjektägare:\\nGöteborgs Stad\\n"
        ...         "Beviljat ESF-stöd:\\n1 200 000\\n\\nProjektet ...")
        >>> (record,), _ = parse_document(Document("p.txt", "0", page))
        >>> record.owner, record.esf_grant_sek, record.line_of("owner")
        ('Göteborgs Stad', 1200000, 4)
    """
    layout = detect_layout(doc)
    if layout == "project-list":
        records, problems = _parse_list(doc)
        return tuple(records), (*doc.problems, *problems)
    builder = _Builder(doc, layout)
    _PAGE_READERS[layout](builder, doc.text.split("\n"))
    record = builder.build()
    if record.owner is None and record.title is None:
        raise ParseError(f"{layout} page with neither title nor owner",
                         path=doc.source_path)
    return (record,), ()
