"""A build's exports → the open questions of entity resolution, ranked by what they move.

The questions, read from ``resolution.csv``, ``problems.csv``, ``nodes.csv`` and
``edges.csv`` of an exports folder:

- ``new-actor``: a name kept as a new actor although a registry actor is close;
- ``low-score``: a name given to an actor by a fuzzy or prefix match;
- ``ambiguous``: a bare name that fits several actors and that the document left open;
- ``near-duplicate``: two new actors whose names differ only a little.

Each is ranked by how much its answer would change the collaboration network (active
roles only, as the analysis counts them): ``ties`` is how many actor–actor ties would
move (be gained by the actor a name joins, or lost when a match is undone) and ``moved``
how many projects' participations would change hands. Questions a judgement file
already answers (any decision, ``unsure`` included) are not asked again, as in
nomenklatura. Answers become rows of the judgement file
(:func:`graphkit.resolve.judgements.append_judgements`).
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import ResolveError
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.registry import Registry, load_registry, normalise_name
from graphkit.resolve.actors import _same_distinction, resolve_name
from graphkit.resolve.judgements import (
    DECISIONS,
    Judgement,
    Judgements,
    is_actor_id,
    node_id,
    printed_id,
)

__all__ = ["Question", "answer_questions", "format_queue", "review_queue"]

#: Roles that make collaboration ties (mentions and coverage do not).
ACTIVE_ROLES = frozenset({"owner", "partner", "transnational", "group"})
#: A new actor this close to a registry actor (rapidfuzz ratio) is asked about.
NEW_ACTOR_CLOSE = 75.0
#: Two new actors this alike (rapidfuzz ratio of their normalised names) are asked about.
NEAR_DUPLICATE = 88.0
#: A block of new actors sharing a first word larger than this is not compared pairwise.
_MAX_BLOCK = 2000


@dataclass(frozen=True, slots=True)
class Question:
    """One open question of entity resolution.

    Attributes:
        kind: ``new-actor``, ``low-score``, ``ambiguous`` or ``near-duplicate``.
        left: the name as written (or a new actor's name).
        right: the actor it may be (``org/…``), or another name.
        score: the match score between them.
        ties: actor–actor ties the answer would move.
        moved: projects whose participations the answer would change.
        evidence: where the name is written (``file:line: name (role, method score)``).
        candidates: for ``ambiguous``, every actor it may mean.
    """

    kind: str
    left: str
    right: str
    score: float
    ties: int
    moved: int
    evidence: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """A short stable id to answer it by (``q`` and 6 hex digits)."""
        text = f"{self.kind}\0{self.left}\0{self.right}"
        return "q" + hashlib.sha256(text.encode()).hexdigest()[:6]


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ResolveError(
            f"{path.name} is missing (review reads an exports folder of graphkit build)",
            path=str(path),
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class _Network:
    """Who takes part in which project in an active role (from ``edges.csv``)."""

    def __init__(self, edges: Iterable[dict[str, str]]) -> None:
        self.projects: dict[str, set[str]] = defaultdict(set)
        self.actors: dict[str, set[str]] = defaultdict(set)
        self.named: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in edges:
            if row.get("role") in ACTIVE_ROLES:
                self.projects[row["target"]].add(row["source"])
                self.actors[row["source"]].add(row["target"])
                self.named[(row["target"], row.get("name_as_written", ""))].add(
                    row["source"]
                )

    def partners(self, actor: str, projects: Iterable[str] | None = None) -> set[str]:
        chosen = self.projects.get(actor, set()) if projects is None else projects
        found = set().union(*(self.actors.get(p, set()) for p in chosen))
        return found - {actor}

    def joined(self, moving: str, onto: str) -> int:
        """Ties ``onto`` gains when ``moving`` is folded into it."""
        return len(self.partners(moving) - self.partners(onto) - {onto})


def review_queue(
    exports: str | Path,
    *,
    registry: Registry | None = None,
    gazetteer: Gazetteer | None = None,
    judgements: Judgements | None = None,
) -> list[Question]:
    """The open questions of a build, most consequential first.

    Raises:
        ResolveError: if the folder lacks a file of a build.

    Example (not executed)::

        for q in review_queue("exports/")[:5]:
            print(q.id, q.kind, q.left, "→", q.right, q.ties, q.moved)
    """
    folder = Path(exports)
    registry = registry or load_registry()
    gazetteer = gazetteer or load_gazetteer()
    network = _Network(_read(folder / "edges.csv"))
    rows = _read(folder / "resolution.csv")
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_name[(row["name"], row["actor"])].append(row)
    questions = [
        q
        for (name, actor), found in by_name.items()
        if (q := _name_question(name, actor, found, network, registry, gazetteer))
    ]
    questions += _ambiguous_mentions(_read(folder / "problems.csv"), by_name, registry,
                                     gazetteer)  # fmt: skip
    questions += _near_duplicates(_read(folder / "nodes.csv"), registry, network)
    if judgements is not None:
        questions = [q for q in questions if not _answered(q, judgements)]
    unique = {q.id: q for q in questions}
    return sorted(unique.values(), key=lambda q: (-q.ties, -q.moved, -q.score, q.id))


def _evidence(found: Sequence[dict[str, str]], limit: int = 5) -> tuple[str, ...]:
    lines = [
        f"{r['file']}:{r['line']}: {r['name']} ({r['role']}, {r['method']} {r['score']})"
        for r in found[:limit]
    ]
    if len(found) > limit:
        lines.append(f"… and {len(found) - limit} more")
    return tuple(lines)


def _name_question(
    name: str,
    actor: str,
    found: list[dict[str, str]],
    network: _Network,
    registry: Registry,
    gazetteer: Gazetteer,
) -> Question | None:
    method = found[0]["method"]
    projects = network.projects.get(actor, set())
    if method == "new":
        guess = resolve_name(name, registry, gazetteer)
        if not guess.candidate or guess.score < NEW_ACTOR_CLOSE:
            return None
        target = f"org/{registry.index[guess.candidate]}"
        return Question("new-actor", name, target, guess.score,
                        network.joined(actor, target), len(projects),
                        _evidence(found))  # fmt: skip
    if method in ("fuzzy", "prefix"):
        score = float(found[0]["score"] or 0)
        mine = network.named.get((actor, name), set())
        return Question("low-score", name, actor, score,
                        len(network.partners(actor, mine)), len(mine),
                        _evidence(found))  # fmt: skip
    if method == "ambiguous":
        guess = resolve_name(name, registry, gazetteer)
        return Question("ambiguous", name, actor, guess.score,
                        len(network.partners(actor)), len(projects),
                        _evidence(found), guess.candidates)  # fmt: skip
    return None


def _ambiguous_mentions(
    problems: list[dict[str, str]],
    by_name: dict[tuple[str, str], list[dict[str, str]]],
    registry: Registry,
    gazetteer: Gazetteer,
) -> list[Question]:
    """Ambiguous names the text mentions (not linked, so not in ``resolution.csv``)."""
    listed = {name for name, _ in by_name}
    found: dict[str, list[str]] = defaultdict(list)
    for row in problems:
        if row.get("kind") == "ambiguous-name" and row.get("value") not in listed:
            found[row["value"]].append(f"{row['file']}:{row['line']}: {row['message']}")
    questions = []
    for name, evidence in found.items():
        guess = resolve_name(name, registry, gazetteer)
        questions.append(
            Question(
                "ambiguous",
                name,
                guess.actor,
                guess.score,
                0,
                0,
                tuple(evidence[:5]),
                guess.candidates,
            )
        )
    return questions


def _near_duplicates(
    nodes: list[dict[str, str]], registry: Registry, network: _Network
) -> list[Question]:
    """Pairs of new actors whose normalised names are close (blocked by first word)."""
    from rapidfuzz import fuzz, process

    blocks: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row in nodes:
        actor = row["id"]
        if (
            row.get("type") != "organisation"
            or actor.removeprefix("org/") in registry.ids
        ):
            continue
        key = normalise_name(row["label"])
        if key:
            blocks[key.split()[0]].append((actor, row["label"], key))
    questions = []
    for block in blocks.values():
        if len(block) < 2 or len(block) > _MAX_BLOCK:
            continue
        keys = [key for _, _, key in block]
        matrix = process.cdist(
            keys, keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE
        )
        for i, j in zip(*matrix.nonzero(), strict=True):
            if i >= j or not _same_distinction(keys[i], keys[j]):
                continue
            (a, label_a, _), (b, label_b, _) = block[i], block[j]
            ties = len(network.partners(a) ^ network.partners(b) - {a, b})
            moved = min(
                len(network.projects.get(a, ())), len(network.projects.get(b, ()))
            )
            questions.append(
                Question(
                    "near-duplicate",
                    label_a,
                    label_b,
                    float(matrix[i, j]),
                    ties,
                    moved,
                    (f"{a} and {b}",),
                )
            )
    return questions


def _answered(q: Question, judgements: Judgements) -> bool:
    left = normalise_name(q.left)
    right = q.right if is_actor_id(q.right) else normalise_name(q.right)
    if judgements.names.get(left) not in (None, f"new:{left}"):
        return True  # the name is decided already
    pairs = judgements.answered()
    return frozenset({left, right}) in pairs or frozenset({left, ""}) in pairs


def format_queue(questions: Sequence[Question], limit: int = 20) -> str:
    """The queue as text: one block per question, its id, what moves, its evidence.

    Example:
        >>> q = Question("low-score", "Coompanion Skane", "org/coompanion-skane", 93.8, 4, 1,
        ...              ("a.txt:7: Coompanion Skane (owner, fuzzy 93.8)",))
        >>> print(format_queue([q]), end="")  # doctest: +NORMALIZE_WHITESPACE
        1 open question (1 shown), most consequential first
        q2fef96 low-score  'Coompanion Skane' ~ actor:coompanion-skane  score 93.8; 4 ties,
        1 projects
            a.txt:7: Coompanion Skane (owner, fuzzy 93.8)
    """
    shown = list(questions[:limit])
    lines = [
        f"{len(questions)} open question{'s' if len(questions) != 1 else ''}"
        f" ({len(shown)} shown), most consequential first"
    ]
    for q in shown:
        lines.append(
            f"{q.id} {q.kind}  {q.left!r} ~ {printed_id(q.right)}  score {q.score:g};"
            f" {q.ties} ties, {q.moved} projects"
        )
        if q.candidates:
            lines.append(f"    candidates: {', '.join(map(printed_id, q.candidates))}")
        lines += [f"    {line}" for line in q.evidence]
    return "\n".join(lines) + "\n"


def answer_questions(
    questions: Sequence[Question],
    answers: Iterable[str],
    *,
    reviewer: str,
    date: str,
    note: str = "",
) -> list[Judgement]:
    """Answers (``QID=same``, ``QID=different``, ``QID=org/<id>``...) → judgement rows.

    ``QID=org/<id>`` (or ``municipality/<code>``) says the name is that actor: the way
    to answer an ``ambiguous`` question with one of its candidates.

    Raises:
        ResolveError: for an answer to no listed question or an unknown decision.

    Example:
        >>> q = Question("ambiguous", "Coompanion", "org/coompanion-unsettled", 100, 0, 0)
        >>> [(j.left, j.decision, j.right) for j in answer_questions(
        ...     [q], [f"{q.id}=org/coompanion-skane"], reviewer="anna", date="2026-11-30")]
        [('Coompanion', 'same', 'org/coompanion-skane')]
    """
    by_id = {q.id: q for q in questions}
    made = []
    for answer in answers:
        qid, _, decision = answer.partition("=")
        q = by_id.get(qid.strip())
        if q is None:
            raise ResolveError(f"{qid.strip()[:20]!r} is not an open question's id")
        decision = node_id(decision.strip())
        right: str | None = q.right
        if is_actor_id(decision):
            decision, right = "same", decision
        elif decision not in DECISIONS:
            raise ResolveError(
                f"answer {answer[:60]!r}: use same, different, unsure,"
                " not-an-organisation or an actor id"
            )
        if q.kind == "ambiguous" and decision == "same" and right == q.right:
            raise ResolveError(f"{qid}: name the actor it is ({qid}=org/<id>)")
        if decision == "not-an-organisation":
            right = None
        made.append(Judgement(q.left, decision, right, reviewer, date, note))
    return made
