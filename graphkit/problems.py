"""The declared problem kinds: each kind's slug, title, severity and meaning.

A :class:`~graphkit.records.Problem` names its kind by slug. Every slug is
declared here once, in :data:`KINDS`; ``report.md`` prints the meaning of
each kind a build met, and the exports pick problems by what the table says
of their kind, not by literal slugs. ``tests/test_problems.py`` fails on a
``Problem`` whose kind is not declared.

To add a kind: add its slug to :data:`ProblemKind` and one row to :data:`KINDS`.

Example:
    >>> KINDS["noise-line"].title
    'Not a name'
    >>> sorted(kind for kind, info in KINDS.items() if info.fails_file)
    ['no-text-layer', 'unparsable', 'unreadable']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "KINDS",
    "KindInfo",
    "ProblemKind",
    "Severity",
    "kind_info",
    "kinds_of",
]

#: ``warning``: the input was read, with a note; ``error``: a file or record was skipped.
Severity = Literal["warning", "error"]

#: The slug of every declared problem kind (one row each in :data:`KINDS`).
ProblemKind = Literal[
    "skipped-file",
    "encoding-fallback",
    "bad-bytes",
    "no-text-layer",
    "scanned-pages",
    "ocr-text",
    "unreadable",
    "unparsable",
    "broken-record",
    "unknown-columns",
    "no-header",
    "unreadable-checkbox",
    "bad-amount",
    "bad-number",
    "bad-date",
    "noise-line",
    "truncated-name",
    "prefix-match",
    "fuzzy-match",
    "id-collision",
    "new-actor",
    "unknown-municipality",
    "control-characters",
    "extra-cells",
    "long-record",
    "long-field",
    "person-not-actor",
    "person-not-owner",
    "collective-place",
    "joint-owner",
    "listing-page",
    "ambiguous-name",
    "judgement-conflict",
    "judged-apart",
    "not-an-organisation",
    "bad-org-number",
    "unknown-region",
    "unknown-programme-area",
    "unresolved-lineage",
]


@dataclass(frozen=True, slots=True)
class KindInfo:
    """One declared problem kind.

    Attributes:
        slug: the kind as problems name it (``problems.csv``'s ``kind``).
        title: a few words for a heading.
        severity: the severity problems of this kind have.
        description: what it means and what graphkit did, for a reader of ``report.md``.
        fails_file: the whole input file was lost (counted as a failed file).
        unresolved: a name not resolved to a known actor (listed apart in
            ``report.md``).
        unlinked_role: for a name left with no actor at all, the role it was
            listed in (``resolution.csv`` gives it an ``unresolved`` row).
    """

    slug: ProblemKind
    title: str
    severity: Severity
    description: str
    fails_file: bool = False
    unresolved: bool = False
    unlinked_role: str | None = None


_ROWS = (
    KindInfo(
        "skipped-file",
        "File not read",
        "warning",
        "A file in an input folder has an ending graphkit does not read; it was left out.",
    ),
    KindInfo(
        "encoding-fallback",
        "Not UTF-8",
        "warning",
        "The file is not valid UTF-8 and was read as Windows-1252; check its å, ä and ö.",
    ),
    KindInfo(
        "bad-bytes",
        "Bad bytes replaced",
        "warning",
        "A few bytes of a UTF-8 file are not UTF-8; on each line given they were replaced"
        " by \ufffd and the rest of the file was read as it is.",
    ),
    KindInfo(
        "no-text-layer",
        "PDF without text",
        "error",
        "A PDF (or some of its pages) is images only, as a scan is: there is no text to"
        " read. Run the build with --ocr, with Tesseract and its Swedish data installed"
        " (Debian tesseract-ocr, tesseract-ocr-swe), to read it by OCR.",
        fails_file=True,
    ),
    KindInfo(
        "scanned-pages",
        "Pages without text",
        "warning",
        "Some pages of a PDF are images only (scanned); they were not read, the other"
        " pages were. Run the build with --ocr to read them by OCR.",
    ),
    KindInfo(
        "ocr-text",
        "Read by OCR",
        "warning",
        "A PDF page without text was read by OCR (Tesseract, Swedish); names and amounts"
        " may be misread.",
    ),
    KindInfo(
        "unreadable",
        "File unreadable",
        "error",
        "The file could not be read (empty, binary or undecodable); nothing of it is in"
        " the graph.",
        fails_file=True,
    ),
    KindInfo(
        "unparsable",
        "No known layout",
        "error",
        "The text has no layout graphkit knows (project-bank page, project-idea form,"
        " project list); nothing of it is in the graph.",
        fails_file=True,
    ),
    KindInfo(
        "broken-record",
        "Broken list record",
        "error",
        "An item of a JSON project list is not valid JSON or not an object; that record"
        " was skipped, the rest of the list read.",
    ),
    KindInfo(
        "unknown-columns",
        "Unknown columns",
        "error",
        "A project-list record has none of the known columns (its columns are the value);"
        " it was skipped.",
    ),
    KindInfo(
        "no-header",
        "No header fields",
        "warning",
        "A page has no header fields (owner, period, amounts); only its title and text"
        " were read.",
    ),
    KindInfo(
        "unreadable-checkbox",
        "Unreadable checkboxes",
        "warning",
        "A form's options and checkboxes do not pair up; the programme area was left empty.",
    ),
    KindInfo(
        "bad-amount",
        "Amount not read",
        "warning",
        "An amount is not a whole number of kronor; the field was left empty.",
    ),
    KindInfo(
        "bad-number",
        "Number not read",
        "warning",
        "A count is not a whole number; the field was left empty.",
    ),
    KindInfo(
        "bad-date",
        "Date not read",
        "warning",
        "A date or period is not a valid date (YYYY-MM-DD); the field was left empty.",
    ),
    KindInfo(
        "noise-line",
        "Not a name",
        "warning",
        "A line of a list of names is not a name (e.g. “Samma som ovan”, same"
        " as above); it was not listed.",
    ),
    KindInfo(
        "truncated-name",
        "Name cut off",
        "warning",
        "A name looks cut off; it was kept as written (and matched by its beginning"
        " where it could be).",
    ),
    KindInfo(
        "prefix-match",
        "Matched by its beginning",
        "warning",
        "A cut-off name was read as the registry actor whose name starts with it; check it"
        " among the low-score matches.",
    ),
    KindInfo(
        "fuzzy-match",
        "Fuzzy match",
        "warning",
        "A name was read as the actor or municipality spelt most like it (score under"
        " 100); check it among the low-score matches.",
    ),
    KindInfo(
        "id-collision",
        "Two names, one id",
        "warning",
        "A new actor's name would have had the id of another new actor's name (they"
        " differ only where transliteration folds them); it got that id and a short"
        " hash, so the two stay two actors. Merge them with `--overrides` if they are"
        " one.",
    ),
    KindInfo(
        "new-actor",
        "New actor",
        "warning",
        "A name matches no registry actor; it was kept as a new actor under the name as"
        " written.",
        unresolved=True,
    ),
    KindInfo(
        "unknown-municipality",
        "Unknown municipality",
        "warning",
        "A name in a list of municipalities is none of Sweden's 290; it was not linked.",
        unresolved=True,
        unlinked_role="covers",
    ),
    KindInfo(
        "control-characters",
        "Control characters",
        "warning",
        "The text holds control characters (not tabs or line ends); they were replaced"
        " by spaces so that no export or terminal runs them.",
    ),
    KindInfo(
        "extra-cells",
        "Cells beyond the header",
        "warning",
        "A row of a CSV project list has more cells than its header has columns; the"
        " extra cells were dropped.",
    ),
    KindInfo(
        "long-record",
        "Record over many lines",
        "warning",
        "A quoted field of a CSV project list runs over many lines; the record was read,"
        ' but check the file for a stray `"`.',
    ),
    KindInfo(
        "long-field",
        "Field cut",
        "warning",
        "A field of a project list is longer than any real value; it was cut to the"
        " limit.",
    ),
    KindInfo(
        "person-not-actor",
        "A person, not an organisation",
        "warning",
        "A line of a list of organisations is a person's name; it was not listed (people"
        " are not actors).",
    ),
    KindInfo(
        "person-not-owner",
        "A person as owner",
        "warning",
        "The owner field holds a person's name, not an organisation; no owner was read.",
    ),
    KindInfo(
        "collective-place",
        "A group of places",
        "warning",
        "A line of a municipality list names a group (\u201cBlekinges kommuner\u201d),"
        " not one municipality; it was not listed as a place.",
    ),
    KindInfo(
        "joint-owner",
        "Two owners named",
        "warning",
        "An owner label names two bodies; the first was read as the owner, the other as"
        " a partner. Check the page.",
    ),
    KindInfo(
        "listing-page",
        "A page of several projects",
        "warning",
        "The page lists several projects; only the first was read as the project.",
    ),
    KindInfo(
        "ambiguous-name",
        "Ambiguous name",
        "warning",
        "A bare name (\u201cCoompanion\u201d, \u201cLandstinget\u201d) may mean several"
        " bodies and the document does not settle which; it was given to none of them.",
        unresolved=True,
    ),
    KindInfo(
        "judgement-conflict",
        "Judgement conflict",
        "warning",
        "A decision of the judgement file contradicts the decisions above it (a"
        " \u2018different\u2019 between names already judged the same, or a"
        " \u2018same\u2019 that would join two registry actors); it was not applied.",
    ),
    KindInfo(
        "judged-apart",
        "Kept apart by a judgement",
        "warning",
        "A name would have been matched to an actor, but the judgement file says they"
        " are different; it was kept as a new actor.",
        unresolved=True,
    ),
    KindInfo(
        "not-an-organisation",
        "Not an organisation",
        "warning",
        "The judgement file says this name is not an organisation (a unit, a person's"
        " title); it was not linked.",
    ),
    KindInfo(
        "bad-org-number",
        "Invalid organisation number",
        "warning",
        "A number written as an organisation number fails its check (Luhn check digit,"
        " group digit); it was not kept.",
    ),
    KindInfo(
        "unknown-region",
        "Region not resolved",
        "warning",
        "The region a document gives is none of the ESF regions (or the national"
        " level); it is kept as written and the project has no ESF region concept, so"
        " money per region counts it under no region.",
    ),
    KindInfo(
        "unknown-programme-area",
        "Programme area not resolved",
        "warning",
        "The programme area is none of its programme period's areas, or the document"
        " does not say which period it is of; it is kept as written, with no"
        " programme-area concept.",
    ),
    KindInfo(
        "unresolved-lineage",
        "Earlier project not found",
        "warning",
        "The text says the project builds on or continues an earlier pre-study or"
        " project, but no project among the inputs fits what it says (owner, title,"
        " place, period); no link was made. Add the earlier project's document to link"
        " it.",
    ),
)

#: Every declared kind by slug, in the order above (reading, parsing, resolving).
KINDS: dict[str, KindInfo] = {row.slug: row for row in _ROWS}


def kind_info(slug: str) -> KindInfo:
    """The declared row of a kind; an undeclared kind gets a row that says so.

    A build does not stop for an undeclared kind (``tests/test_problems.py``
    does); its report shows the slug as the title.

    Example:
        >>> kind_info("bad-date").severity
        'warning'
        >>> kind_info("made-up").description
        'Not declared in graphkit/problems.py.'
    """
    return KINDS.get(slug) or KindInfo(
        slug,  # type: ignore[arg-type]
        slug,
        "warning",
        "Not declared in graphkit/problems.py.",
    )


def kinds_of(slugs: Iterable[str]) -> list[KindInfo]:
    """The rows of the kinds among ``slugs``: declared ones in table order, then the rest.

    Example:
        >>> [k.slug for k in kinds_of(["new-actor", "bad-date", "new-actor"])]
        ['bad-date', 'new-actor']
    """
    seen = set(slugs)
    return [info for slug, info in KINDS.items() if slug in seen] + [
        kind_info(slug) for slug in sorted(seen - KINDS.keys())
    ]
