"""Reference lists shipped as data: words and names a user may extend, each with a reason.

Every list is a CSV file in ``graphkit/data/reference/`` with at least the columns
``value`` and ``reason`` (why the entry is there, or its source); some lists have more
columns (a kind, a code). ``data/reference/README.md`` says what each list is for and where
its entries come from. This module sits below ``parse``, ``extract`` and ``resolve``, which
all read their lists through it, so none of them needs another stage for a word list.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from graphkit.bundled import data_path
from graphkit.errors import GraphkitError

__all__ = [
    "PUBLIC_BODY_LISTS",
    "ReferenceEntry",
    "public_bodies",
    "public_body_spellings",
    "reference_list",
    "reference_values",
]

#: The reference lists of public bodies that can be listed exhaustively, with the actor
#: type of their entries.
PUBLIC_BODY_LISTS: tuple[tuple[str, str], ...] = (
    ("regions", "region"),
    ("county_boards", "agency"),
    ("agencies", "agency"),
    ("universities", "research"),
    ("study_associations", "association"),
)


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One entry of a reference list.

    Attributes:
        value: the word or name, as written in the list.
        reason: why it is in the list (or the source it comes from).
        extra: the list's other columns, by name (a kind, a code, a county).
    """

    value: str
    reason: str
    extra: tuple[tuple[str, str], ...] = ()

    def get(self, column: str) -> str | None:
        """The value of one of the list's other columns, or ``None``."""
        return dict(self.extra).get(column)


@functools.cache
def reference_list(name: str) -> tuple[ReferenceEntry, ...]:
    """The entries of the bundled list ``name`` (``data/reference/<name>.csv``), in file order.

    Raises:
        GraphkitError: the list does not exist, or an entry has no value or no reason.

    Example:
        >>> [e.value.casefold() for e in reference_list("list_sections")][:2]
        ['samarbetspartners', 'samverkanspartners']
    """
    path = data_path("reference", f"{name}.csv")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as e:
        raise GraphkitError(f"no reference list {name!r}: {e}") from e
    entries = []
    for number, row in enumerate(rows, start=2):
        value, reason = (
            (row.pop("value", None) or "").strip(),
            (row.pop("reason", None) or ""),
        )
        if not value or not reason.strip():
            raise GraphkitError(
                f"{path}, line {number}: an entry needs a value and a reason"
            )
        extra = tuple((k, (v or "").strip()) for k, v in row.items() if k)
        entries.append(ReferenceEntry(value, reason.strip(), extra))
    return tuple(entries)


@functools.cache
def reference_values(name: str) -> frozenset[str]:
    """The values of list ``name``, case-folded, for membership tests.

    Example:
        >>> "Samarbetspartners".casefold() in reference_values("list_sections")
        True
    """
    return frozenset(e.value.casefold() for e in reference_list(name))


@functools.cache
def public_bodies() -> dict[str, tuple[str, str, str | None]]:
    """Every name and alias of the public-body lists → ``(canonical name, type, county)``.

    Keys are case-folded spellings; ``county`` is the county code where the list has one
    (regions, county administrative boards).

    Example:
        >>> public_bodies()["vgr"]
        ('Västra Götalandsregionen', 'region', '14')
        >>> public_bodies()["skatteverket"][:2]
        ('Skatteverket', 'agency')
    """
    found: dict[str, tuple[str, str, str | None]] = {}
    for name, kind in PUBLIC_BODY_LISTS:
        for entry in reference_list(name):
            aliases = [a.strip() for a in (entry.get("aliases") or "").split(";")]
            for spelling in (entry.value, *filter(None, aliases)):
                found.setdefault(
                    spelling.casefold(), (entry.value, kind, entry.get("county_code"))
                )
    return found


@functools.cache
def public_body_spellings() -> tuple[str, ...]:
    """Every name and alias of the public-body lists, as written."""
    names: dict[str, None] = {}
    for name, _ in PUBLIC_BODY_LISTS:
        for entry in reference_list(name):
            names[entry.value] = None
            for alias in (entry.get("aliases") or "").split(";"):
                if alias.strip():
                    names[alias.strip()] = None
    return tuple(names)
