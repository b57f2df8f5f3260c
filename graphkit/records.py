"""Plain data passed between pipeline stages: Document, ProjectRecord, Link, Participation."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from graphkit.problems import ProblemKind, Severity

__all__ = [
    "ACTIVE_ROLES",
    "HEADER_FIELDS",
    "PERSONAL_FIELDS",
    "ROLES",
    "ROLE_RANK",
    "Document",
    "Lineage",
    "Link",
    "Listed",
    "Mention",
    "Participation",
    "Problem",
    "ProjectRecord",
    "Role",
    "Section",
    "ranked",
    "role_set",
    "strongest",
]

#: Header fields of a project, in the order `graphkit parse` prints them.
HEADER_FIELDS: tuple[str, ...] = (
    "title",
    "programme_area",
    "phase",
    "owner",
    "contact_person",
    "email",
    "phone",
    "esf_grant_sek",
    "total_budget_sek",
    "start",
    "end",
    "region",
    "call_id",
    "project_number",
    "planned_participants",
)

#: Header fields that name a person or reach one; left out of exports by default.
PERSONAL_FIELDS: tuple[str, ...] = ("contact_person", "email", "phone")


@dataclass(frozen=True, slots=True)
class Problem:
    """A recoverable problem found in one place of one input.

    Problems are data, not exceptions: every stage returns them next to its
    results and the build lists them in ``report.md`` and ``problems.csv``.

    Attributes:
        kind: a short slug declared in :data:`graphkit.problems.KINDS`, e.g.
            ``"noise-line"`` or ``"unknown-municipality"``.
        message: what is wrong and what was done about it, in plain words.
        source_path: the input file, as the user gave it.
        line: 1-based line in that file, when known.
        value: the offending text, when there is one.
        severity: ``"warning"`` (kept, with a note) or ``"error"`` (skipped).
    """

    kind: ProblemKind
    message: str
    source_path: str
    line: int | None = None
    value: str | None = None
    severity: Severity = "warning"

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.message}"


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one input file, with where it came from.

    Attributes:
        source_path: the path as the user gave it.
        sha256: hex digest of the file's bytes.
        text: the decoded text (visible text for HTML) with ``\\n`` line ends.
        media_type: ``text/plain``, ``text/html``, ``application/json`` or ``text/csv``.
        encoding: the encoding the bytes were decoded with.
        line_map: for text derived from markup, the source line of each text
            line (index 0 is text line 1); empty when text lines are file lines.
        problems: what the reader noticed (encoding fallback, ...).
        locators: for a PDF, Word, OpenDocument or spreadsheet file, where each
            text line is in it (``page 2, line 14``, ``paragraph 12``, ``table 1,
            row 3, cell 2``, ``sheet Projekt, row 5``); empty for text files.
        sheets: for a workbook, ``(sheet name, first text line)`` of each sheet.
    """

    source_path: str
    sha256: str
    text: str
    media_type: str = "text/plain"
    encoding: str = "utf-8"
    line_map: tuple[int, ...] = ()
    problems: tuple[Problem, ...] = ()
    locators: tuple[str, ...] = ()
    sheets: tuple[tuple[str, int], ...] = ()

    def source_line(self, text_line: int) -> int:
        """The file line of 1-based ``text_line`` of :attr:`text`."""
        if self.line_map and 0 < text_line <= len(self.line_map):
            return self.line_map[text_line - 1]
        return text_line

    def locator(self, line: int | None) -> str | None:
        """Where 1-based source ``line`` is in a PDF, Office or spreadsheet file.

        Example:
            >>> Document("a.pdf", "0", "Titel", locators=("page 1, line 1",)).locator(1)
            'page 1, line 1'
        """
        if line is not None and 0 < line <= len(self.locators):
            return self.locators[line - 1]
        return None


@dataclass(frozen=True, slots=True)
class Listed:
    """One name listed on a page (a partner line, a municipality line, ...).

    Attributes:
        name: the name as written, trimmed, bullet removed.
        line: 1-based line in the source file.
        text: the whole source line it was read from.
        section: the heading it was listed under.
        collective: the name is a group of bodies (``Blekinges kommuner``,
            ``samordningsförbunden i Värmland``), kept as written.
    """

    name: str
    line: int
    text: str = ""
    section: str = ""
    collective: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A free-text section of a page: its heading, first line and text.

    Attributes:
        heading: the section's heading as written.
        line: source line of the first text line.
        text: the text, trimmed of blank lines at both ends.
        lines: the source line of each line of ``text``; empty when all of
            them are ``line`` (a project-list cell).
    """

    heading: str
    line: int
    text: str
    lines: tuple[int, ...] = ()

    def source_line(self, index: int) -> int:
        """The source line of 0-based line ``index`` of :attr:`text`."""
        return self.lines[index] if index < len(self.lines) else self.line


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    """One project as a document describes it, before any name is resolved.

    Header values follow the conventions of the corpus truth file: amounts are
    whole SEK (``int``), dates ISO ``YYYY-MM-DD``, text as written, and a field
    the document does not have is ``None``.

    Attributes:
        source_path, sha256: the document this record was read from.
        layout: how the document was read: ``esf-a``, ``esf-b``, ``esf-c``,
            ``idea-form`` or ``project-list``.
        line: the line where the record starts (1 for pages).
        field_lines: ``(field, line)`` for each header value found.
        partners: listed partner lines (noise lines removed, see problems).
        municipalities: listed municipality names as written.
        transnational_partners: transnational partners where a page lists them.
        group_members: organisations of a development/steering group.
        sections: free-text sections by heading.
        extra: ``(label, value)`` of other labelled values the document gives
            (``Specifikt mål``, ``län``, ...), kept as written.
        problems: everything odd about this record.
        fund: the fund (``ESF``, ``ESF+``, ``ERDF``) when the document says.
        grant_sek: the grant from that fund (equals ``esf_grant_sek`` for ESF).
        locators: ``(key, locator)``: where a header field (key: its name) or a
            source line (key: the line number as text) is in a PDF, Office or
            spreadsheet file (see :attr:`Document.locators`); empty for text.
        estimated_cost_sek: the cost an idea form estimates: not a granted budget.
    """

    source_path: str
    sha256: str
    layout: str
    line: int = 1
    title: str | None = None
    programme_area: str | None = None
    phase: str | None = None
    owner: str | None = None
    contact_person: str | None = None
    email: str | None = None
    phone: str | None = None
    esf_grant_sek: int | None = None
    total_budget_sek: int | None = None
    start: str | None = None
    end: str | None = None
    region: str | None = None
    call_id: str | None = None
    project_number: str | None = None
    planned_participants: int | None = None
    fund: str | None = None
    grant_sek: int | None = None
    estimated_cost_sek: int | None = None
    field_lines: tuple[tuple[str, int], ...] = ()
    partners: tuple[Listed, ...] = ()
    municipalities: tuple[Listed, ...] = ()
    transnational_partners: tuple[Listed, ...] = ()
    group_members: tuple[Listed, ...] = ()
    sections: tuple[Section, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    locators: tuple[tuple[str, str], ...] = ()

    def locator_of(self, key: str | int | None) -> str | None:
        """The locator of a header field (by name) or a source line, or None.

        Example:
            >>> record = ProjectRecord("a.xlsx", "0", "project-list",
            ...                        locators=(("owner", "sheet Blad1, row 3, column B"),))
            >>> record.locator_of("owner"), record.locator_of(3)
            ('sheet Blad1, row 3, column B', None)
        """
        if key is None or not self.locators:
            return None
        return dict(self.locators).get(str(key))

    def line_of(self, name: str) -> int | None:
        """The source line of header field ``name``, or None."""
        for key, line in self.field_lines:
            if key == name:
                return line
        return None

    def header(self) -> dict[str, object]:
        """The header fields as a dict, in :data:`HEADER_FIELDS` order."""
        return {name: getattr(self, name) for name in HEADER_FIELDS}


class Role(StrEnum):
    """The ways an actor takes part in a project, strongest first.

    A role is what the text says: ``owner``, ``partner``, ``cofinancier``,
    ``transnational`` and ``group`` are active (they make collaborators); ``mention``
    (named in the text) and ``covers`` (a municipality the project works in) are not.

    Example:
        >>> Role("partner") in ACTIVE_ROLES, Role.MENTION in ACTIVE_ROLES
        (True, False)
    """

    OWNER = "owner"
    PARTNER = "partner"
    COFINANCIER = "cofinancier"
    TRANSNATIONAL = "transnational"
    GROUP = "group"
    MENTION = "mention"
    COVERS = "covers"


#: The roles an actor can have in a project, strongest first.
ROLES: tuple[Role, ...] = tuple(Role)

#: Roles that make actors collaborators (coverage and mentions do not).
ACTIVE_ROLES: tuple[Role, ...] = (
    Role.OWNER,
    Role.PARTNER,
    Role.COFINANCIER,
    Role.TRANSNATIONAL,
    Role.GROUP,
)


@dataclass(frozen=True, slots=True)
class Link:
    """One resolved fact "actor has role in project", with where it was read.

    Attributes:
        role: one of :data:`ROLES`.
        actor: ``org/<id>`` or ``municipality/<SCB code>``.
        label: the actor's canonical name.
        name: the name as the document writes it.
        line: source line, when known.
        section: heading it was listed or mentioned under.
        text: the source text it was read from.
        method: how the name was resolved (see :class:`graphkit.resolve.Resolution`).
        score: match score 0–100.
        span: for a mention, ``(start, end)`` character offsets in its line.
        cue: the words of the text that gave the role ("Projektägare:", "i samverkan
            med", "medfinansiär"), or ``None`` where the role comes from the layout
            (a listed partner under its heading, a covered municipality).
        org_number: the organisation number written with the name (``NNNNNN-NNNN``,
            checked), or ``None``.
    """

    role: str
    actor: str
    label: str
    name: str
    line: int | None = None
    section: str = ""
    text: str = ""
    method: str = "registry"
    score: float = 100.0
    span: tuple[int, int] | None = None
    cue: str | None = None
    org_number: str | None = None


@dataclass(frozen=True, slots=True)
class Lineage:
    """A sentence saying a project builds on, continues or follows up earlier work.

    The earlier project is found across documents at build time
    (:func:`graphkit.lineage.resolve_lineage`) from what the sentence says of it.

    Attributes:
        cue: the words that say so ("baseras på", "förprojektering som … genomfört").
        kind: ``pre-study`` (förstudie, förprojektering) or ``project``.
        line: source line of the sentence.
        section: the heading it stands under.
        sentence: the sentence (at most ~300 characters): the evidence.
        owner: who ran the earlier work, as written ("Coompanion Sjuhärad").
        owner_actor: that owner's actor id, where the text's names resolved it.
        title: the earlier project's title, where the text quotes it.
        place: the place the earlier work was done in, as written ("Skåne län").
        counties: the SCB codes of the counties that place lies in or is.
        years: the years the sentence gives the earlier work, first to last.
    """

    cue: str
    kind: str
    line: int
    section: str
    sentence: str
    owner: str | None = None
    owner_actor: str | None = None
    title: str | None = None
    place: str | None = None
    counties: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor's name found in running text.

    Attributes:
        surface: the words as written.
        line: source line.
        span: ``(start, end)`` character offsets within that line.
        section: the heading of the section it is in.
        kind: ``registry``, ``public`` (a reference list of public bodies),
            ``municipality``, ``phrase`` (organisation-shaped) or ``ambiguous``
            (a bare name such as "Coompanion" that the document must settle).
        actor: the registry id or ``municipality/<code>`` when the kind tells it.
        context: the words around it in its line (at most ~160 characters).
        role: the role its sentence gives it (``owner``, ``partner``, ``cofinancier``,
            ``transnational``, ``group``), or ``mention`` when the text gives none.
        cue: the words that gave the role ("i samverkan med"), ``None`` for a mention.
        sentence: the sentence it stands in (at most ~300 characters): the evidence.
    """

    surface: str
    line: int
    span: tuple[int, int]
    section: str
    kind: str
    actor: str | None = None
    context: str = ""
    role: str = "mention"
    cue: str | None = None
    sentence: str = ""


#: Each role's rank: 0 the strongest (owner), as :data:`ROLES` orders them.
ROLE_RANK: dict[str, int] = {role: n for n, role in enumerate(ROLES)}


def strongest(roles: Iterable[str]) -> Role:
    """The strongest of ``roles`` (owner > partner > … > covers).

    Example:
        >>> strongest({Role.COVERS, Role.PARTNER})
        <Role.PARTNER: 'partner'>
    """
    return Role(min(roles, key=ROLE_RANK.__getitem__))


def ranked(roles: Iterable[str]) -> tuple[Role, ...]:
    """``roles`` strongest first, each once.

    Example:
        >>> ranked({"covers", "owner"})
        (<Role.OWNER: 'owner'>, <Role.COVERS: 'covers'>)
    """
    return tuple(Role(r) for r in sorted(set(roles), key=ROLE_RANK.__getitem__))


@functools.cache
def _role_set(roles: tuple[Role, ...]) -> frozenset[Role]:
    return frozenset(roles)


@functools.cache
def _strongest_of(roles: frozenset[Role]) -> Role:
    return strongest(roles)


def role_set(roles: Iterable[str]) -> frozenset[Role]:
    """``roles`` as a frozenset of :class:`Role`, one shared object per set.

    A build has millions of participations and a handful of distinct role sets:
    every row holds one of the same few sets.

    Example:
        >>> role_set(["partner"]) is role_set([Role.PARTNER])
        True
    """
    return _role_set(ranked(roles))


@dataclass(frozen=True, slots=True)
class Participation:
    """One row of the participation table: an actor takes part in a project.

    The rdf stage hands these on: the walk that writes a participation's
    triples (:func:`graphkit.rdf.record_triples`) makes its row, and
    :func:`graphkit.network.participations` reads the same rows back from any
    graph or store. A row is one ``gk:Participation`` node; ``roles`` holds
    every ``prov:hadRole`` it has (one, in the graphs graphkit writes).

    Attributes:
        project: ``project/<key>``.
        actor: ``org/<id>`` or ``municipality/<SCB code>``.
        roles: the node's roles (:class:`Role`).
        document: the source document's path.
        line: source line, when known.
        cue: the words that gave the role, when the text gave it.
        section: heading it was listed or mentioned under.
        name: the name as the document writes it.
        method: how the name was resolved.
        score: match score 0–100.
    """

    project: str
    actor: str
    roles: frozenset[Role]
    document: str
    line: int | None = None
    cue: str | None = None
    section: str = ""
    name: str = ""
    method: str = "registry"
    score: float = 100.0

    @property
    def role(self) -> Role:
        """The strongest of :attr:`roles`."""
        return _strongest_of(self.roles)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # unpickled rows (from build workers) share their role sets again
        return _participation, (
            self.project,
            self.actor,
            ranked(self.roles),
            self.document,
            self.line,
            self.cue,
            self.section,
            self.name,
            self.method,
            self.score,
        )


def _participation(
    project: str,
    actor: str,
    roles: tuple[Role, ...],
    *fields: object,
) -> Participation:
    return Participation(project, actor, _role_set(roles), *fields)  # type: ignore[arg-type]
