"""Prose pages of other sites: the title past the site chrome, the owner where a label states it."""

from __future__ import annotations

import functools
import re

from graphkit.parse.names import (
    is_chrome,
    is_running_text,
    line_kind,
    looks_like_person,
    stands_alone,
)
from graphkit.parse.pages import _HEADING_KEYS, _label_words, _read_sections
from graphkit.parse.values import RecordBuilder
from graphkit.records import Listed
from graphkit.reference import reference_list

__all__ = ["parse_prose"]


def parse_prose(b: RecordBuilder, lines: list[str]) -> None:
    """A page of another site about one project: title, owner label, sections.

    The title is the first line that is not site chrome (:func:`_prose_title`);
    the owner is read where a label states it (``owner_labels.csv``:
    ``Projektägare:``, ``Projektet drevs av:``, ``Project owner:`` ...).
    """
    first = _prose_title(lines)
    title = _first_listed_project(lines, first)
    if title is not None:
        b.problem(
            "listing-page",
            f"{lines[first].strip()!r} heads a page of several projects; the first,"
            f" {lines[title].strip()!r}, is read",
            b.doc.source_line(title + 1),
            lines[title].strip(),
        )
    b.set(
        "title",
        lines[first if title is None else title],
        b.doc.source_line((first if title is None else title) + 1),
    )
    _prose_owner(b, lines)
    b.problem(
        "no-header",
        "no header fields (period, amounts): only the title, an owner label"
        " and the free text are read",
        None,
        None,
    )
    _read_sections(b, lines, first + 1)


def _prose_title(lines: list[str]) -> int:
    """0-based line of a prose page's title, past the site chrome at its top.

    The top of the page is read in blocks (lines between blank lines). A block
    of chrome only is skipped, and so is a cookie banner; so is a block that
    starts with a logo or other chrome and goes on with more than one line (a
    site name, an image caption). The title is the first line of the first other
    block, unless that line is running text: then it is the last line of the
    block skipped before it (a menu ending in the page's name).

    Example:
        >>> _prose_title(["Företagslogga (till startsida)", "Utveckla Västmanland",
        ...     "Två processtekniker vid skärm", "", "Ett kompetenslyft", "", "Text."])
        4
        >>> _prose_title(["Publicerad 9 april 2019", "", "Boende och studier", "Text"])
        2
        >>> _prose_title(["Hem", "Projekt", "Ung-labbet", "", "Ung-labbet ska hjälpa"
        ...     " unga i åldrarna 16-29 år att hitta jobb eller studier."])
        2
    """
    i, skipped = 0, None
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].strip():
            end += 1
        block = lines[i:end]
        rest = [i + k for k, line in enumerate(block) if not is_chrome(line)]
        cookies = any("cookie" in line.casefold() for line in block[:8])
        if rest and not cookies and (rest[0] == i or len(rest) == 1):
            if skipped is not None and is_running_text(lines[rest[0]]):
                return skipped
            return rest[0]
        skipped = rest[-1] if rest and not cookies else skipped
        i = end
    return next((k for k, line in enumerate(lines) if line.strip()), 0)


#: Headings of a site's page of projects ("Pågående EU-projekt", "Avslutade projekt").
_LISTING = re.compile(
    r"^(?:pågående|avslutade|aktuella|tidigare|våra|alla|övriga)\s+(?:\S+\s+|\w+-)?"
    r"projekt(?:en)?$",
    re.IGNORECASE,
)


def _first_listed_project(lines: list[str], first: int) -> int | None:
    """On a page of several projects, the line of the first one's heading.

    The page's title is a listing heading (``Pågående EU-projekt``); the first
    project's heading is the next short line standing alone between blank
    lines that is a name, not a sentence, chrome or a known heading.

    Example:
        >>> _first_listed_project(["Pågående EU-projekt", "", "Kommunen deltar i"
        ...     " flera projekt.", "", "BKV Blekinge Validering", "", "Text."], 0)
        4
    """
    if not _LISTING.match(" ".join(lines[first].split())):
        return None
    for j in range(first + 1, min(len(lines) - 1, first + 60)):
        text = lines[j].strip()
        alone = not lines[j - 1].strip() and not lines[j + 1].strip()
        if (
            alone
            and len(text.split()) <= 12
            and text.casefold() not in _HEADING_KEYS
            and not is_chrome(text)
            and line_kind(text, _label_words()) == "name"
        ):
            return j
    return None


@functools.cache
def _owner_label() -> re.Pattern[str]:
    """``Projektägare: X``, bulleted or padded, or a label alone on its line."""
    labels = sorted(
        (re.escape(e.value) for e in reference_list("owner_labels")),
        key=len,
        reverse=True,
    )
    return re.compile(
        rf"^\s*(?:[•·∙●▪◦*\-–]\s*)?({'|'.join(labels)})"
        r"(?:[ \t\u00a0]*:[ \t\u00a0]*|[ \t\u00a0]{2,}|\t[ \t\u00a0]*|[ \t\u00a0]*$)(.*)$",
        re.IGNORECASE,
    )


def _prose_owner(b: RecordBuilder, lines: list[str]) -> None:
    """The owner where a label states it: the first label in list order wins.

    The value is on the label's line, on the next line, or after one blank
    line. A value that is not a name (a sentence, a date), a person's name, or a
    label is not an owner (a person is reported). ``X och Y`` naming two bodies
    makes X the owner and Y a partner, and says so.
    """
    rank = {e.value.casefold(): n for n, e in enumerate(reference_list("owner_labels"))}
    found: list[tuple[int, int, str]] = []
    for i, raw in enumerate(lines):
        match = _owner_label().match(raw)
        if not match:
            continue
        value, at = match.group(2).strip(), i
        if not value:
            after = [
                j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()
            ]
            value, at = (lines[after[0]].strip(), after[0]) if after else ("", i)
        value = _owner_value(value)
        if value and line_kind(value, _label_words()) == "name":
            found.append((rank[match.group(1).casefold()], at, value.rstrip(".,")))
    for _, at, value in sorted(found)[:1]:
        line = b.doc.source_line(at + 1)
        owners = _joint_owners(value)
        if looks_like_person(owners[0]):
            b.problem(
                "person-not-owner",
                f"owner: {owners[0]!r} is a person's name, not an organisation;"
                " no owner read",
                line,
                owners[0],
            )
            return
        b.set("owner", owners[0], line)
        for other in owners[1:]:
            b.partners.append(Listed(other, line, lines[at].strip(), "owner label"))
            b.problem(
                "joint-owner",
                f"owner label names two bodies: {owners[0]!r} read as the owner,"
                f" {other!r} as a partner",
                line,
                other,
            )


#: Where an owner label's value stops: a sentence break or the words of another role.
_OWNER_END = re.compile(
    r"(?<=[\w)])\.\s+(?=[A-ZÅÄÖ])|[;]|\s+(?:i samverkan med|i samarbete med"
    r"|tillsammans med|med stöd (?:av|från)|på uppdrag av|som (?:driver|äger|leder))\s"
)


def _owner_value(value: str) -> str:
    """The name an owner label gives: up to a sentence break or another role's cue.

    A name starts with a capital or a digit ("se nedan" is no owner); in a table
    row only the first cell counts.

    Example:
        >>> _owner_value("Region Skåne i samverkan med Arbetsförmedlingen")
        'Region Skåne'
        >>> _owner_value("Region Skåne. Projektledare: Anna Svensson")
        'Region Skåne'
    """
    value = value.split("\t", 1)[0]  # a table row: the first cell
    match = _OWNER_END.search(value)
    value = (value[: match.start()] if match else value).strip()
    return value if value[:1].isupper() or value[:1].isdigit() else ""


def _joint_owners(value: str) -> tuple[str, ...]:
    """``X och Y`` when both are names on their own, else the value whole.

    A part of one word must be a definite organisation noun (``Skogsstyrelsen``),
    so ``Sveriges Kommuner och Landsting`` stays one name.

    Example:
        >>> _joint_owners("Skogsstyrelsen och Skogbrukets Kursinstitutt")
        ('Skogsstyrelsen', 'Skogbrukets Kursinstitutt')
        >>> _joint_owners("Sveriges Kommuner och Landsting")
        ('Sveriges Kommuner och Landsting',)
    """
    parts = value.split(" och ")
    if len(parts) != 2:
        return (value,)

    return (
        tuple(p.strip() for p in parts) if all(map(stands_alone, parts)) else (value,)
    )
