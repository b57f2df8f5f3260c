"""Resolved links → problems for new-actor ids that two different names ended on."""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.records import Link, Problem
from graphkit.registry import normalise_name

__all__ = ["IdCollisions"]


class IdCollisions:
    """Remembers each new actor's id and name across a build, and tells collisions.

    New actors get their ids from their names (:func:`graphkit.registry.slugify`)
    one document at a time; two names that differ only where transliteration
    folds them (``Förs`` and ``Fors``) would be one actor, so the build reports them.

    Example:
        >>> ids = IdCollisions()
        >>> a = Link("owner", "org/fors-bygd", "Förs bygd", "Förs bygd", method="new")
        >>> b = Link("owner", "org/fors-bygd", "Fors bygd", "Fors bygd", method="new")
        >>> ids.check("a.txt", [a]), [p.kind for p in ids.check("b.txt", [b])]
        ([], ['id-collision'])
    """

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, str]] = {}  # id → (normalised name, name)
        self.reported: set[tuple[str, str]] = set()

    def check(self, source: str, links: Iterable[Link]) -> list[Problem]:
        """Problems for the ``new`` links whose id another name has already."""
        problems = []
        for link in links:
            if link.method != "new":
                continue
            key = normalise_name(link.name)
            first_key, first_name = self.first.setdefault(link.actor, (key, link.name))
            if first_key != key and (link.actor, key) not in self.reported:
                self.reported.add((link.actor, key))
                problems.append(
                    Problem(
                        "id-collision",
                        f"{link.name!r} and {first_name!r} both became {link.actor}",
                        source,
                        link.line,
                        link.name,
                    )
                )
        return problems
