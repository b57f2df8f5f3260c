"""Reviewers' decisions on names and actors (a CSV judgement file) → what resolution obeys.

A judgement file is a CSV a researcher keeps under version control, one decision a row::

    left,decision,right,reviewer,date,note
    Coompanion Skånes,same,org/coompanion-skane,anna,2026-11-30,genitive
    Samordningsförbundet Västra Skaraborg,different,org/samordningsforbundet-nacka,anna,\
2026-11-30,another county
    Personalavdelningen,not-an-organisation,,anna,2026-11-30,a unit of the owner

``left`` and ``right`` are a name as written or an actor id (``org/<registry id>``,
``municipality/<SCB code>``). Decisions, as OpenSanctions' nomenklatura keeps them:

- ``same``: the two are one actor. ``same`` decisions close transitively (union-find):
  ``A same B`` and ``B same org/x`` send A to ``org/x`` too. Names judged the same with no
  actor id among them become one new actor under the first name written.
- ``different``: never merge the two automatically (by alias, prefix, fuzzy score or
  context); a name kept apart from the actor it would have matched becomes a new actor.
- ``unsure``: recorded, so the review queue does not ask again; changes nothing.
- ``not-an-organisation``: the name (``right`` empty) is not an actor; it is not linked.

A ``same`` or ``different`` that contradicts the decisions above it (a ``different``
between names already judged the same; a ``same`` that would join two registry actors
without an actor–actor line saying so) is not applied and is reported as a
``judgement-conflict`` problem with its line. A malformed row, an unknown decision or an
id the registry or gazetteer does not have is a :class:`~graphkit.errors.ResolveError`
naming the file and line: a typo never becomes a new actor.

The old overrides file (``name,actor``) reads as ``same`` decisions
(:func:`from_overrides`).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import ResolveError
from graphkit.gazetteer import Gazetteer
from graphkit.records import Problem
from graphkit.registry import (
    _ID,
    _MUNICIPALITY_ID,
    Registry,
    _reference_text,
    normalise_name,
)

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "NOT_AN_ORGANISATION",
    "Judgement",
    "Judgements",
    "append_judgements",
    "from_overrides",
    "load_judgements",
]

DECISIONS = ("same", "different", "unsure", "not-an-organisation")
COLUMNS = ("left", "decision", "right", "reviewer", "date", "note")
#: The target of a name judged not an organisation.
NOT_AN_ORGANISATION = "none"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Judgement:
    """One decision of a judgement file.

    Attributes:
        left, right: a name as written or an actor id (``right`` is ``None`` for
            ``not-an-organisation``).
        decision: one of :data:`DECISIONS`.
        reviewer, date, note: who decided, when (ISO date) and why.
        line: the line of the file it was read from.
    """

    left: str
    decision: str
    right: str | None
    reviewer: str
    date: str
    note: str = ""
    line: int | None = None


#: The prefixes of graphkit's CURIEs (:data:`graphkit.rdf.PREFIXES`) that name actors,
#: with the node-id paths they stand for: ids are printed as CURIEs and read back in
#: either form. A copy, because :mod:`graphkit.rdf` imports this stage;
#: ``tests/test_review.py`` checks it against ``PREFIXES``.
ACTOR_CURIES = {"actor": "org/", "municipality": "municipality/"}


def node_id(term: str) -> str:
    """A cell's actor id as a node id (``org/…``); a CURIE as queries print it is read too.

    Example:
        >>> node_id("actor:coompanion-skane"), node_id("municipality:0163")
        ('org/coompanion-skane', 'municipality/0163')
        >>> node_id("org/kfo"), node_id("Coompanion Skåne")
        ('org/kfo', 'Coompanion Skåne')
    """
    prefix, colon, local = term.partition(":")
    path = ACTOR_CURIES.get(prefix) if colon else None
    return path + local if path else term


def printed_id(term: str) -> str:
    """An actor id as graphkit prints ids (a CURIE that pastes into a query); names as is.

    Example:
        >>> printed_id("org/coompanion-skane"), printed_id("Coompanion Skåne")
        ('actor:coompanion-skane', 'Coompanion Skåne')
    """
    for prefix, path in ACTOR_CURIES.items():
        if term.startswith(path):
            return f"{prefix}:{term[len(path) :]}"
    return term


def is_actor_id(term: str) -> bool:
    """Whether a cell of a judgement file is an actor id rather than a name.

    Example:
        >>> is_actor_id("org/coompanion-skane"), is_actor_id("Coompanion Skåne")
        (True, False)
    """
    return term.startswith(("org/", "municipality/"))


def _term(cell: str) -> str:
    """An id as it is; a name as its comparable form (which never holds a ``/``)."""
    return cell if is_actor_id(cell) else normalise_name(cell)


@dataclass(frozen=True, eq=False)
class Judgements(Mapping[str, str]):
    """The decisions of a judgement file, closed, as resolution reads them.

    As a mapping it is what the overrides file was: a normalised name → its target
    (an actor id, ``new:<name>`` for a new actor, or :data:`NOT_AN_ORGANISATION`).

    Attributes:
        names: normalised name → target.
        merged: actor id → the actor id it was judged the same as.
        apart: the pairs of terms (normalised names or ids) judged ``different``.
        decisions: every row, in file order (the review queue skips what they answer).
        problems: the conflicts found (``judgement-conflict``).
        path: the file read, or ``None``.
    """

    names: dict[str, str] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)
    apart: frozenset[frozenset[str]] = frozenset()
    decisions: tuple[Judgement, ...] = ()
    problems: tuple[Problem, ...] = ()
    path: str | None = None

    def __getitem__(self, key: str) -> str:
        return self.names[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names) + len(self.merged) + len(self.apart)

    def kept_apart(self, name: str, actor: str) -> bool:
        """Whether a ``different`` decision forbids giving ``name`` to ``actor``.

        Example:
            >>> j = Judgements(apart=frozenset({frozenset({"sf skaraborg", "org/x"})}))
            >>> j.kept_apart("SF Skaraborg", "org/x"), j.kept_apart("SF Skaraborg", "org/y")
            (True, False)
        """
        return frozenset({normalise_name(name), actor}) in self.apart

    def others_apart(self, name: str) -> tuple[str, ...]:
        """The names (normalised) judged ``different`` from ``name``."""
        key = normalise_name(name)
        return tuple(
            sorted(
                other
                for pair in self.apart
                if key in pair
                for other in pair
                if other != key and not is_actor_id(other)
            )
        )

    def answered(self) -> frozenset[frozenset[str]]:
        """Every pair of terms some decision already settles (asked no more)."""
        pairs = {
            frozenset({_term(j.left), _term(j.right or "")}) for j in self.decisions
        }
        return frozenset(pairs)


def _cell(row: list[str], at: dict[str, int], column: str) -> str:
    i = at.get(column)
    return row[i].strip() if i is not None and i < len(row) else ""


def _rows(file: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, {column: cell})`` of each non-empty row; the header is checked."""
    text = _reference_text(file, "judgement file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        at = {cell.strip().casefold(): i for i, cell in enumerate(header)}
        missing = [c for c in ("left", "decision", "right") if c not in at]
        if missing:
            raise ResolveError(
                f"a judgement file needs a header row with the columns"
                f" {', '.join(COLUMNS)} (missing: {', '.join(missing)})",
                path=str(file),
                line=1,
            )
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield start, {c: _cell(row, at, c) for c in COLUMNS}
            start = reader.line_num + 1
    except csv.Error as e:
        raise ResolveError(
            f"judgement file is not valid CSV: {e}",
            path=str(file),
            line=reader.line_num,
        ) from e


def _checked_term(
    cell: str, registry: Registry | None, gazetteer: Gazetteer | None
) -> str | None:
    """Why an id cell is no actor id graphkit knows, or None."""
    if not is_actor_id(cell):
        return None
    if _MUNICIPALITY_ID.fullmatch(cell):
        code = cell.removeprefix("municipality/")
        if gazetteer is not None and code not in gazetteer.codes:
            return f"no municipality has the SCB code {code!r}"
        return None
    slug = cell.removeprefix("org/")
    if not _ID.fullmatch(slug):
        return (
            f"{cell[:80]!r} is not an actor id: use org/<registry id>,"
            " municipality/<4-digit SCB code> or a name as written"
        )
    if registry is not None and slug not in registry.ids:
        return (
            f"{cell} is not in the actor registry (a typo? to name a body the registry"
            " lacks, write its name, not an id)"
        )
    return None


def _judgement(
    line: int,
    cells: dict[str, str],
    file: Path,
    registry: Registry | None,
    gazetteer: Gazetteer | None,
) -> Judgement:
    def bad(message: str) -> ResolveError:
        return ResolveError(message, path=str(file), line=line)

    left, right = node_id(cells["left"]), node_id(cells["right"])
    decision = cells["decision"].casefold()
    if decision not in DECISIONS:
        raise bad(
            f"unknown decision {decision[:40]!r}; use one of {', '.join(DECISIONS)}"
        )
    if not left:
        raise bad("a judgement needs 'left' (a name as written or an actor id)")
    if decision == "not-an-organisation":
        if right or is_actor_id(left):
            raise bad("'not-an-organisation' takes one name, in 'left', and no 'right'")
    elif not right:
        raise bad(f"'{decision}' needs 'right' (a name as written or an actor id)")
    for cell in (left, right):
        problem = _checked_term(cell, registry, gazetteer)
        if problem:
            raise bad(problem)
    if not cells["reviewer"]:
        raise bad("a judgement needs a 'reviewer' (who decided)")
    date = cells["date"]
    try:
        if not _DATE.fullmatch(date):
            raise ValueError(date)
        datetime.date.fromisoformat(date)
    except ValueError:
        raise bad(f"date {date[:40]!r} is not an ISO date (YYYY-MM-DD)") from None
    return Judgement(left, decision, right or None, cells["reviewer"], date,
                     cells["note"], line)  # fmt: skip


def load_judgements(
    path: str | Path | None,
    registry: Registry | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    overrides: Mapping[str, str] | None = None,
) -> Judgements:
    """Read and close a judgement file (see the module's docstring for its columns).

    Args:
        path: the CSV file, or ``None`` for none.
        registry, gazetteer: to check every id against (ids are not checked without).
        overrides: an overrides file's decisions (:func:`load_overrides`), read first.

    Raises:
        ResolveError: for a malformed row, an unknown decision or id, a missing
            reviewer or a bad date, with the file and line.

    Example (not executed)::

        judged = load_judgements("judgements.csv", load_registry(), load_gazetteer())
        judged["coompanion skånes"]  # 'org/coompanion-skane'
    """
    decisions = list(from_overrides(overrides or {}))
    if path is not None:
        file = Path(path)
        decisions += [
            _judgement(line, cells, file, registry, gazetteer)
            for line, cells in _rows(file)
        ]
    return close_judgements(decisions, str(path) if path is not None else None)


def from_overrides(overrides: Mapping[str, str]) -> Iterator[Judgement]:
    """An overrides file's rows as ``same`` decisions (``new`` keeps the name apart).

    Example:
        >>> [j.decision for j in from_overrides({"kof": "org/kfo", "x": "new"})]
        ['same', 'same']
    """
    for key, target in overrides.items():
        right = f"new:{key}" if target == "new" else target
        yield Judgement(key, "same", right, "overrides file", "", "")


def close_judgements(decisions: list[Judgement], path: str | None = None) -> Judgements:
    """Close ``same`` transitively, check every decision against those before it.

    Example:
        >>> day = "2026-11-30"
        >>> rows = [Judgement("Coompanion Skånes", "same", "Coompanion i Skåne", "a", day),
        ...         Judgement("Coompanion i Skåne", "same", "org/coompanion-skane", "a", day),
        ...         Judgement("Coompanion Skånes", "different", "org/coompanion-skane", "b",
        ...                   day, line=4)]
        >>> judged = close_judgements(rows, "j.csv")
        >>> judged["coompanion skånes"], judged.problems[0].kind, judged.problems[0].line
        ('org/coompanion-skane', 'judgement-conflict', 4)
    """
    parent: dict[str, str] = {}

    def find(term: str) -> str:
        parent.setdefault(term, term)
        while parent[term] != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    members: dict[str, list[str]] = {}
    apart: set[frozenset[str]] = set()
    problems: list[Problem] = []
    not_org: dict[str, Judgement] = {}

    def conflict(j: Judgement, why: str) -> None:
        problems.append(
            Problem(
                "judgement-conflict",
                f"{j.left!r} {j.decision} {j.right!r}: {why}; this decision is not applied",
                path or "",
                j.line,
                j.left,
            )
        )

    def ids(root: str) -> list[str]:
        return [t for t in members.get(root, [root]) if _is_id_or_new(t)]

    for j in decisions:
        if j.decision == "not-an-organisation":
            not_org.setdefault(_term(j.left), j)
            continue
        if j.decision == "unsure":
            continue
        a, b = _term(j.left), _term(j.right or "")
        ra, rb = find(a), find(b)
        group_a, group_b = members.get(ra, [ra]), members.get(rb, [rb])
        if j.decision == "different":
            if ra == rb:
                conflict(j, "earlier decisions make them the same")
            else:
                apart.add(frozenset({a, b}))
            continue
        if ra == rb:
            continue
        clash = next(
            (p for p in apart if any(x in p for x in group_a)
             and any(y in p for y in group_b)),
            None,
        )  # fmt: skip
        both = ids(ra) and ids(rb)
        if clash is not None:
            conflict(j, f"{' and '.join(sorted(clash))} are judged different")
        elif both and not (_is_id_or_new(a) and _is_id_or_new(b)):
            conflict(
                j,
                f"it would join {ids(ra)[0]} and {ids(rb)[0]}; say so with a line"
                " between the two actor ids",
            )
        else:
            parent[ra] = rb
            members[rb] = group_b + group_a
            members.pop(ra, None)
    return _closed(members, apart, not_org, decisions, problems, path, find)


def _is_id_or_new(term: str) -> bool:
    return is_actor_id(term) or term.startswith("new:")


def _closed(
    members: dict[str, list[str]],
    apart: set[frozenset[str]],
    not_org: dict[str, Judgement],
    decisions: list[Judgement],
    problems: list[Problem],
    path: str | None,
    find: object,
) -> Judgements:
    """The mapping a closed set of decisions gives (one target per class)."""
    names: dict[str, str] = {}
    merged: dict[str, str] = {}
    for group in members.values():
        targets = [t for t in group if _is_id_or_new(t)]
        # the actor a class goes to: the id written last on a right-hand side joins
        # the class last, so it is the group's first id; else the first name written
        target = targets[0] if targets else f"new:{group[-1]}"
        for term in group:
            if _is_id_or_new(term):
                if term != target and is_actor_id(term):
                    merged[term] = target
            else:
                names[term] = target
    for key, j in not_org.items():
        if key in names:
            problems.append(
                Problem(
                    "judgement-conflict",
                    f"{j.left!r} is judged not an organisation and also the same as"
                    f" {names[key]}; the 'same' decision is kept",
                    path or "",
                    j.line,
                    j.left,
                )
            )
        else:
            names[key] = NOT_AN_ORGANISATION
    return Judgements(
        names, merged, frozenset(apart), tuple(decisions), tuple(problems), path
    )


def append_judgements(path: str | Path, judgements: list[Judgement]) -> None:
    """Add decisions to a judgement file (made with its header when it does not exist).

    The file is rewritten whole through a temporary file, so an interrupted write
    leaves it as it was.

    Example (not executed)::

        append_judgements("judgements.csv", [Judgement("Coompanion Skånes", "same",
                          "org/coompanion-skane", "anna", "2026-11-30")])
    """
    import os
    import tempfile

    file = Path(path)
    old = file.read_text(encoding="utf-8-sig") if file.exists() else ""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    if not old.strip():
        writer.writerow(COLUMNS)
    elif not old.endswith("\n"):
        out.write("\n")
    for j in judgements:
        writer.writerow([j.left, j.decision, j.right or "", j.reviewer, j.date, j.note])
    fd, tmp = tempfile.mkstemp(dir=file.parent or ".", prefix=f".{file.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(old + out.getvalue())
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
