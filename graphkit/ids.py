"""Parsed records and their triples → the same, no two new actors' names on one id.

New actors get their ids from their names one document at a time
(:func:`graphkit.registry.slugify`, in the worker that resolves the document),
so two names that differ only where transliteration folds them (``Förs`` and
``Fors``) would get one id and become one actor. The build passes each
document's results through :class:`IdCollisions` in input order: the first
name keeps the id, a later different name gets the id and a short hash of its
name, and the build reports it (``id-collision``).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from graphkit.rdf import RecordTriples
from graphkit.rdf.vocabulary import ID
from graphkit.records import Link, Problem
from graphkit.registry import normalise_name

__all__ = ["IdCollisions", "moved_triples"]

_ID = str(ID)


class IdCollisions:
    """Each new actor's id and name across a build; later names on a taken id move.

    Example:
        >>> ids = IdCollisions()
        >>> a = Link("owner", "org/fors-bygd", "Förs bygd", "Förs bygd", method="new")
        >>> b = Link("owner", "org/fors-bygd", "Fors bygd", "Fors bygd", method="new")
        >>> ids.settle("a.txt", (a,))[0] == (a,)
        True
        >>> links, problems, _ = ids.settle("b.txt", (b,))
        >>> links[0].actor, [p.kind for p in problems]
        ('org/fors-bygd-4d35566e', ['id-collision'])
    """

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, str]] = {}  # id → (normalised name, name)
        self.moved: dict[tuple[str, str], str] = {}  # (id, normalised name) → new id

    def settle(
        self,
        source: str,
        links: tuple[Link, ...],
        triples: RecordTriples | None = None,
    ) -> tuple[tuple[Link, ...], list[Problem], RecordTriples | None]:
        """One document's links and triples with taken new-actor ids moved.

        Returns:
            The links, a problem per id moved, and the triples
            (:func:`moved_triples`).
        """
        found, problems = self._links(source, links)
        if triples is not None:
            triples = moved_triples(triples, links, found)
        return found, problems, triples

    def _links(
        self, source: str, links: tuple[Link, ...]
    ) -> tuple[tuple[Link, ...], list[Problem]]:
        problems = []
        renamed = list(links)
        for i, link in enumerate(links):
            if link.method != "new":
                continue
            key = normalise_name(link.name)
            first_key, first_name = self.first.setdefault(link.actor, (key, link.name))
            if first_key == key:
                continue
            moved = self.moved.get((link.actor, key))
            if moved is None:
                digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
                moved = self.moved[link.actor, key] = f"{link.actor}-{digest}"
                problems.append(
                    Problem(
                        "id-collision",
                        f"{link.name!r} would have had the id of {first_name!r},"
                        f" {link.actor}; it is {moved}",
                        source,
                        link.line,
                        link.name,
                    )
                )
            renamed[i] = replace(link, actor=moved)
        return tuple(renamed), problems


def moved_triples(
    triples: RecordTriples, old: tuple[Link, ...], new: tuple[Link, ...]
) -> RecordTriples:
    """``triples`` with the actor ids :meth:`IdCollisions.settle` moved.

    Example (not executed)::

        links, problems = ids.settle(path, parsed.links)
        made = moved_triples(made, parsed.links, links)
    """
    moves = {a.actor: b.actor for a, b in zip(old, new, strict=True) if a != b}
    if not moves:
        return triples
    iris = {f"<{_ID}{a}>": f"<{_ID}{b}>" for a, b in moves.items()}

    def line(text: str) -> str:
        for a, b in iris.items():
            text = text.replace(a, b)
        return text

    return replace(
        triples,
        project_lines=tuple(map(line, triples.project_lines)),
        participations=tuple(tuple(map(line, p)) for p in triples.participations),
        actors=tuple((moves.get(a, a), label) for a, label in triples.actors),
        rows=tuple(replace(r, actor=moves.get(r.actor, r.actor)) for r in triples.rows),
    )
