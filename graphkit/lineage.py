"""Lineage statements + every project of a build → links to earlier projects (PROV), problems.

A project's text says it builds on earlier work (:func:`graphkit.extract.find_lineage`);
the earlier project is one of the build's inputs, found by what the sentence says of it:

- ``stated``: its owner or title, named in the sentence, is the candidate's;
- ``stated-place``: the sentence names a pre-study in a place (a county, an ESF
  region) and one pre-study of that place ended before this project began;
- ``stated-same-owner``: the sentence names nothing ("Förprojekteringen har
  genomförts"), and one earlier pre-study (or project) has this project's owner;
- ``inferred``: no sentence at all: a pre-study whose owner runs a later project
  with a similar title, starting within two years of the pre-study's end.

In every case the candidate must have started before the project and, for a
pre-study cue, be a pre-study. A statement no candidate fits, or that several fit
equally, is reported (``unresolved-lineage``), never linked. The links are written as
``prov:wasInformedBy`` with a qualified ``gk:Lineage`` (see ``ontology/graphkit.ttl``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import RDF, Graph
from rdflib.namespace import PROV

from graphkit.concepts import region_concept
from graphkit.gazetteer import Gazetteer
from graphkit.rdf.vocabulary import GK, ID
from graphkit.records import Lineage, Link, Problem, ProjectRecord

__all__ = [
    "INFER_WITHIN_YEARS",
    "TITLE_SCORE",
    "LineageIndex",
    "LineageLink",
    "lineage_lines",
    "lineage_of",
    "lineage_table",
]

#: An inferred follow-up starts at most this many calendar years after the pre-study ends.
INFER_WITHIN_YEARS = 2
#: Title similarity (rapidfuzz token-set ratio, 0–100) an inferred link needs, and a
#: named title or owner needs to match.
TITLE_SCORE = 60.0
_NAME_SCORE = 90.0
_GENERIC = re.compile(r"^(?:föreningen|stiftelsen|organisationen|den|det)\s+", re.I)


@dataclass(slots=True, eq=False)
class _Project:
    project: str
    title: str | None = None
    owner: str | None = None
    owner_names: set[str] = field(default_factory=set)
    start: str | None = None
    end: str | None = None
    pre_study: bool = False
    counties: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class LineageLink:
    """One resolved link: ``later`` was informed by ``earlier``.

    Attributes:
        later, earlier: ``project/<key>``.
        method: ``stated``, ``stated-place``, ``stated-same-owner`` or ``inferred``.
        statement: the sentence's statement (None for an inferred link).
        source_path, sha256: the document the statement was read from.
        score: the title similarity of an inferred link (100 for stated ones).
    """

    later: str
    earlier: str
    method: str
    statement: Lineage | None = None
    source_path: str = ""
    sha256: str = ""
    score: float = 100.0


def _fold(text: str) -> str:
    return " ".join(_GENERIC.sub("", text.casefold().strip(" .,")).split())


def _is_pre_study(record: ProjectRecord) -> bool:
    words = f"{record.phase or ''} {record.title or ''}".casefold()
    return "förprojekt" in words or "förstudie" in words


class LineageIndex:
    """The projects of a build and their lineage statements, resolved at the end.

    Example:
        >>> from graphkit.records import Link, Lineage, ProjectRecord
        >>> from graphkit.resolve import load_gazetteer
        >>> index = LineageIndex(load_gazetteer())
        >>> skane = ProjectRecord("004.txt", "a" * 64, "esf-a", title="Social Ekonomi",
        ...                       phase="Förprojektering", start="2008-04-21",
        ...                       end="2008-10-22", region="Sydsverige")
        >>> soul = ProjectRecord("001.txt", "b" * 64, "esf-a", title="SOUL",
        ...                      phase="Genomförande", start="2009-02-02")
        >>> said = Lineage("Resultat av", "pre-study", 88, "Bakgrund",
        ...                "Resultat av förprojektering i Skåne län", place="Skåne län",
        ...                counties=("12",))
        >>> index.add("project/skane", skane, [])
        >>> index.add("project/soul", soul, [], [said])
        >>> links, problems = index.resolve()
        >>> [(x.later, x.earlier, x.method) for x in links], problems
        ([('project/soul', 'project/skane', 'stated-place')], [])
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._regions = {code: counties for code, _, counties in gazetteer.regions}
        self._projects: dict[str, _Project] = {}
        self._statements: list[tuple[str, Lineage, str, str]] = []

    def add(
        self,
        project: str,
        record: ProjectRecord,
        links: Iterable[Link],
        statements: Iterable[Lineage] = (),
    ) -> None:
        """Add one record of ``project`` (its header, owner, places, statements)."""
        facts = self._projects.setdefault(project, _Project(project))
        facts.title = facts.title or record.title
        facts.start = facts.start or record.start
        facts.end = facts.end or record.end
        facts.pre_study = facts.pre_study or _is_pre_study(record)
        region = region_concept(record.region)
        if region is not None:
            facts.counties.update(self._regions.get(region.notation, ()))
        for link in links:
            if link.role == "owner":
                facts.owner = facts.owner or link.actor
                facts.owner_names.update(_fold(n) for n in (link.label, link.name) if n)
            elif link.role == "covers" and len(facts.counties) < 21:
                code = link.actor.removeprefix("municipality/")
                if code in self._gazetteer.codes:
                    facts.counties.add(self._gazetteer.by_code(code).county_code)
        if record.owner:
            facts.owner_names.add(_fold(record.owner))
        self._statements += [
            (project, s, record.source_path, record.sha256) for s in statements
        ]

    def resolve(self) -> tuple[list[LineageLink], list[Problem]]:
        """The links the statements make (and inferred ones), and what was not found."""
        links: dict[tuple[str, str], LineageLink] = {}
        problems: list[Problem] = []
        pending = []
        index = _Index(self._projects.values()) if self._statements else None
        for project, statement, path, sha256 in self._statements:
            assert index is not None
            found, why = self._candidates(self._projects[project], statement, index)
            if len(found) == 1:
                earlier, method = found[0]
                links.setdefault(
                    (project, earlier),
                    LineageLink(project, earlier, method, statement, path, sha256),
                )
            else:
                pending.append((project, statement, path, found, why))
        for project, statement, path, found, why in pending:
            named = statement.owner or statement.title or statement.place
            if not found and not named and any(k[0] == project for k in links):
                continue  # "förprojekteringen": the project's pre-study, found above
            problems.append(_unresolved(statement, path, found, why))
        for link in self._inferred():
            links.setdefault((link.later, link.earlier), link)
        return sorted(links.values(), key=lambda x: (x.later, x.earlier)), problems

    def _candidates(
        self, later: _Project, statement: Lineage, index: _Index
    ) -> tuple[list[tuple[str, str]], str]:
        """The earlier projects the statement may mean, with the method, and what it said."""
        if statement.owner or statement.title:
            method, said = (
                "stated",
                " and ".join(
                    f"{what} {value!r}"
                    for what, value in (
                        ("owner", statement.owner),
                        ("title", statement.title),
                    )
                    if value
                ),
            )
            named = index.owned_by(statement.owner, statement.owner_actor)
            named |= index.titled(statement.title)
            pool = [p for p in named if _in_years(statement, p)]
        elif statement.place:
            method, said = "stated-place", f"place {statement.place!r}"
            pool = list(index.in_counties(statement.counties))
        else:
            method = "stated-same-owner"
            said = "no owner, title or place (looked for the project's own owner)"
            pool = list(index.owned_by(None, later.owner))
        found = sorted(
            (p.project, method)
            for p in pool
            if p.project != later.project
            and (statement.kind != "pre-study" or p.pre_study)
            and (not later.start or not p.start or p.start < later.start)
        )
        return found, said

    def _inferred(self) -> Iterator[LineageLink]:
        """Each pre-study → the later project of its owner with the most similar title.

        One link per pre-study at most: the candidate with the best title score (the
        earliest on a tie) among its owner's projects that are no pre-study and start
        after it, at most :data:`INFER_WITHIN_YEARS` calendar years after its end.
        Candidates are found by bisecting the owner's projects by start date and
        scored by rapidfuzz in one call, so an owner of thousands of projects stays fast.
        """
        from rapidfuzz import fuzz, process

        by_owner: dict[str, list[_Project]] = {}
        for p in self._projects.values():
            if p.owner:
                by_owner.setdefault(p.owner, []).append(p)
        for projects in by_owner.values():
            later = sorted(
                (p for p in projects if not p.pre_study and p.start),
                key=lambda p: (p.start or "", p.project),
            )
            starts = [p.start or "" for p in later]
            titles = [_fold(p.title or "") for p in later]
            for pre in (p for p in projects if p.pre_study and p.start and p.end):
                assert pre.start is not None and pre.end is not None
                low = bisect.bisect_right(starts, pre.start)
                high = bisect.bisect_left(
                    starts, f"{int(pre.end[:4]) + INFER_WITHIN_YEARS + 1}"
                )
                if low >= high or not pre.title:
                    continue
                best = process.extractOne(
                    _fold(pre.title),
                    titles[low:high],
                    scorer=fuzz.token_set_ratio,
                    score_cutoff=TITLE_SCORE,
                )
                if best is not None:
                    _, score, index = best
                    yield LineageLink(
                        later[low + index].project,
                        pre.project,
                        "inferred",
                        score=float(score),
                    )


class _Index:
    """The build's projects by owner actor, owner name, title and county."""

    def __init__(self, projects: Iterable[_Project]) -> None:
        self.by_actor: dict[str, list[_Project]] = {}
        self.by_name: dict[str, list[_Project]] = {}
        self.by_title: dict[str, list[_Project]] = {}
        self.by_county: dict[str, list[_Project]] = {}
        for p in projects:
            if p.owner:
                self.by_actor.setdefault(p.owner, []).append(p)
            for name in p.owner_names:
                self.by_name.setdefault(name, []).append(p)
            if p.title:
                self.by_title.setdefault(_fold(p.title), []).append(p)
            for county in p.counties:
                self.by_county.setdefault(county, []).append(p)
        self.names = list(self.by_name)
        self.titles = list(self.by_title)

    def owned_by(self, name: str | None, actor: str | None) -> set[_Project]:
        found = {id(p): p for p in self.by_actor.get(actor or "", ())}
        for key in _close(name, self.names):
            found |= {id(p): p for p in self.by_name[key]}
        return set(found.values())

    def titled(self, title: str | None) -> set[_Project]:
        found = {
            id(p): p for key in _close(title, self.titles) for p in self.by_title[key]
        }
        return set(found.values())

    def in_counties(self, counties: Iterable[str]) -> list[_Project]:
        found = {id(p): p for c in counties for p in self.by_county.get(c, ())}
        return list(found.values())


def _close(name: str | None, choices: list[str]) -> list[str]:
    """The choices that are ``name`` (see :func:`_same`), in one rapidfuzz call."""
    if not name:
        return []
    from rapidfuzz import fuzz, process

    return [
        choice
        for choice, _, _ in process.extract(
            _fold(name),
            choices,
            scorer=fuzz.ratio,
            score_cutoff=_NAME_SCORE,
            limit=None,
        )
    ]


def _same(a: str | None, b: str | None) -> bool:
    """Two names are one: equal when folded, or a whole-string ratio of 90 or more.

    A part is not the whole: "Coompanion" is not "Coompanion Sjuhärad".

    Example:
        >>> _same("föreningen SLUP.SE", "SLUP.SE"), _same("Coompanion Sjuhärad", "Coompanion")
        (True, False)
    """
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(_fold(a), _fold(b)) >= _NAME_SCORE


def _in_years(statement: Lineage, candidate: _Project) -> bool:
    """The candidate ran in the years the sentence gives ("nov 2008 - april 2009")."""
    if not statement.years or not candidate.start:
        return True
    first, last = statement.years[0], statement.years[-1]
    end = candidate.end or candidate.start
    return int(candidate.start[:4]) <= last and int(end[:4]) >= first


def _similar(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(_fold(a), _fold(b)))


def _unresolved(
    statement: Lineage, path: str, found: list[tuple[str, str]], why: str
) -> Problem:
    if found:
        what = f"several projects fit ({', '.join(p for p, _ in found[:5])})"
    else:
        kind = "pre-study" if statement.kind == "pre-study" else "project"
        what = f"no earlier {kind} among the inputs fits"
    return Problem(
        "unresolved-lineage",
        f"the text says the project builds on earlier work ({statement.cue!r}; {why})"
        f" but {what}; no link made",
        path,
        statement.line,
        statement.sentence[:200],
    )


# ------------------------------------------------------------------------- RDF


def _literal(text: str, *, swedish: bool = False) -> str:
    from graphkit.rdf.ntriples import _swedish, _text

    return _swedish(text) if swedish else _text(text)


def lineage_lines(links: Iterable[LineageLink]) -> Iterator[str]:
    """The N-Triples of the links: ``prov:wasInformedBy`` and a qualified ``gk:Lineage``.

    Example:
        >>> link = LineageLink("project/soul", "project/skane", "inferred", score=72.0)
        >>> [line.split()[1].rsplit("#", 1)[-1] for line in lineage_lines([link])][:3]
        ['wasInformedBy>', 'qualifiedCommunication>', 'type>']
    """
    for link in links:
        later, earlier = f"<{ID[link.later]}>", f"<{ID[link.earlier]}>"
        statement = link.statement
        basis = f"{link.later}|{link.earlier}|{link.sha256}|"
        basis += str(statement.line) if statement else ""
        node = f"<{ID['lineage/' + hashlib.sha1(basis.encode()).hexdigest()[:16]]}>"
        yield f"{later} <{PROV.wasInformedBy}> {earlier} ."
        yield f"{later} <{PROV.qualifiedCommunication}> {node} ."
        yield f"{node} <{RDF.type}> <{GK.Lineage}> ."
        yield f"{node} <{PROV.activity}> {earlier} ."
        yield f"{node} <{GK.lineageMethod}> {_literal(link.method)} ."
        score = f'"{link.score:.1f}"^^<http://www.w3.org/2001/XMLSchema#decimal>'
        yield f"{node} <{GK.matchScore}> {score} ."
        if statement is None:
            continue
        document = f"<{ID['document/' + link.sha256[:16]]}>"
        line = f'"{statement.line}"^^<http://www.w3.org/2001/XMLSchema#integer>'
        yield f"{node} <{GK.cue}> {_literal(statement.cue, swedish=True)} ."
        yield f"{node} <{GK.sourceText}> {_literal(statement.sentence, swedish=True)} ."
        yield f"{node} <{GK.sourceDocument}> {document} ."
        yield f"{node} <{GK.sourceLine}> {line} ."
        if statement.section:
            yield f"{node} <{GK.sourceSection}> {_literal(statement.section, swedish=True)} ."


def lineage_of(graph: Graph) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each later project's earlier projects with the method, read from a graph.

    Returns ``{"project/<later>": (("project/<earlier>", method), ...)}``.
    """
    found: dict[str, list[tuple[str, str]]] = {}
    prefix = str(ID)
    for later, node in graph.subject_objects(PROV.qualifiedCommunication):
        earlier = graph.value(node, PROV.activity)
        method = graph.value(node, GK.lineageMethod)
        if earlier is None:
            continue
        found.setdefault(str(later).removeprefix(prefix), []).append(
            (str(earlier).removeprefix(prefix), str(method or ""))
        )
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}


def lineage_table(
    links: Iterable[LineageLink],
) -> dict[str, tuple[tuple[str, str], ...]]:
    """:func:`lineage_of` from the links a build resolved (no graph needed)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for link in links:
        found.setdefault(link.later, []).append((link.earlier, link.method))
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}
