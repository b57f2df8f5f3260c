"""Document → ProjectRecord: ESF project-bank layouts a/b/c, idea forms, project lists.

The layout is detected from the text (:func:`detect_layout`), then one reader fills a
:class:`~graphkit.parse.values.RecordBuilder`: ``pages`` (layouts a, b, c), ``prose``
(pages of other sites), ``form`` (project-idea forms) or ``lists`` (JSON/CSV project
lists). ``names`` says what one line is (a name, a person, chrome, not a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphkit.errors import ParseError
from graphkit.parse.form import is_idea_form, parse_idea_form
from graphkit.parse.lists import SHEET_TYPES, parse_list
from graphkit.parse.names import is_running_text
from graphkit.parse.pages import (
    _LAYOUT_A,
    parse_a,
    parse_b,
    parse_c,
    split_listed_name,
)
from graphkit.parse.prose import parse_prose
from graphkit.parse.values import (
    RecordBuilder,
    normalise_fund,
    parse_amount,
    parse_period,
)
from graphkit.records import Document, Problem, ProjectRecord

__all__ = [
    "detect_layout",
    "normalise_fund",
    "parse_amount",
    "parse_document",
    "parse_period",
    "split_listed_name",
]


def detect_layout(doc: Document) -> str:
    """Which reader fits a document, judged from its text (not its name).

    A project-bank header (layouts b and c) stands at the top of the page: a
    ``Projektägare:`` label below paragraphs of running text is a prose page's
    fact box, and the page is read as prose.

    Returns:
        ``project-list``, ``idea-form``, ``esf-a``, ``esf-b``, ``esf-c``, or
        ``prose`` for a text about a project with no header (only its title, an
        owner label and the free text are read).

    Raises:
        ParseError: when no layout fits.

    Example:
        >>> from graphkit.records import Document
        >>> detect_layout(Document("x.txt", "0", "Titel\\n\\nProjektägare:\\nRegion Skåne"))
        'esf-c'
    """
    if doc.media_type in ("application/json", "text/csv", *SHEET_TYPES):
        return "project-list"
    lines = [line.strip() for line in doc.text.split("\n")]
    if is_idea_form(lines):
        return "idea-form"
    if any(_LAYOUT_A.match(line) for line in lines):
        return "esf-a"
    prose_before = 0  # sentences above (a cookie banner aside): a header has none
    for i, line in enumerate(lines[:-1]):
        if line in ("Projektägare", "Projektnummer", "Projektperiod") and lines[i + 1]:
            if not prose_before:
                return "esf-b"
        elif line.rstrip().casefold() in (
            "projektägare:",
            "project owner:",
            "diarienummer:",
        ):
            if not prose_before:
                return "esf-c"
        elif "cookie" not in line.casefold() and is_running_text(line):
            prose_before += 1
    title = next((line for line in lines if line), "")
    if 0 < len(title) <= 150 and re.search(
        r"projekt|förstudie", doc.text, re.IGNORECASE
    ):
        return "prose"
    raise ParseError(
        "no known layout: no 'Projektägare' header (project-bank page), no"
        " 'Namn på utvecklingsidén' (idea form), and no text about a project",
        path=doc.source_path,
    )


_PAGE_READERS: dict[str, Callable[[RecordBuilder, list[str]], None]] = {
    "prose": parse_prose,
    "esf-a": parse_a,
    "esf-b": parse_b,
    "esf-c": parse_c,
    "idea-form": parse_idea_form,
}


def parse_document(
    doc: Document,
) -> tuple[tuple[ProjectRecord, ...], tuple[Problem, ...]]:
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
        records, problems = parse_list(doc)
        return tuple(records), (*doc.problems, *problems)
    builder = RecordBuilder(doc, layout)
    _PAGE_READERS[layout](builder, doc.text.split("\n"))
    record = builder.build()
    if record.owner is None and record.title is None:
        raise ParseError(
            f"{layout} page with neither title nor owner", path=doc.source_path
        )
    return (record,), ()
