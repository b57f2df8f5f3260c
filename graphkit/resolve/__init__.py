"""Names → canonical actors: municipalities by SCB code, organisations via the registry.

``graphkit.gazetteer`` holds the reference geography (:class:`Gazetteer`) and
``graphkit.registry`` the curated registry; ``actors`` matches names
(:func:`resolve_name`); this module resolves whole records (:func:`resolve_record`) and
free-text mentions (:func:`resolve_mentions`) into role links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from graphkit.extract import is_transnational_section
from graphkit.gazetteer import (
    Gazetteer,
    Municipality,
    load_gazetteer,
    municipality_key,
)
from graphkit.records import Link, Listed, Mention, Problem, ProjectRecord
from graphkit.resolve.actors import (
    FUZZY_THRESHOLD,
    Actor,
    Registry,
    Resolution,
    _judged,
    infer_kind,
    load_overrides,
    load_registry,
    normalise_name,
    resolve_name,
    slugify,
)
from graphkit.resolve.context import (
    ambiguous_family,
    family_candidates,
    settle_ambiguous,
)
from graphkit.resolve.identifiers import find_org_numbers
from graphkit.resolve.judgements import Judgements, load_judgements

__all__ = [
    "FUZZY_THRESHOLD",
    "Actor",
    "Gazetteer",
    "Judgements",
    "Municipality",
    "Registry",
    "Resolution",
    "dated",
    "infer_kind",
    "is_transnational_section",
    "load_gazetteer",
    "load_judgements",
    "load_overrides",
    "load_registry",
    "municipality_key",
    "normalise_name",
    "resolve_mentions",
    "resolve_name",
    "resolve_record",
    "slugify",
    "split_org_number",
]


def resolve_record(
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    overrides: Mapping[str, str] | None = None,
) -> tuple[tuple[Link, ...], tuple[Problem, ...]]:
    """Resolve every name a record lists into role links.

    The owner, listed partners, transnational partners and group members go
    through :func:`resolve_name`; listed municipalities through the gazetteer.
    A municipality name that matches none is reported, never dropped silently.

    Args:
        record: a parsed record.
        registry: the curated actors.
        gazetteer: the reference municipalities (bundled by default).
        overrides: the user's overrides from :func:`load_overrides`.

    Returns:
        ``(links, problems)``.

    Example:
        >>> from graphkit.records import Listed, ProjectRecord
        >>> rec = ProjectRecord("p.txt", "0", "esf-a", owner="Göteborgs Stad",
        ...     partners=(Listed("Arbetsförmedlingen", 30),),
        ...     municipalities=(Listed("Lilla-Edet", 40), Listed("Atlantis", 41)))
        >>> links, problems = resolve_record(rec, load_registry())
        >>> for link in links:
        ...     print(link.role, link.actor)
        owner municipality/1480
        partner org/arbetsformedlingen
        covers municipality/1462
        >>> problems[0].kind, problems[0].line
        ('unknown-municipality', 41)
    """
    gazetteer = gazetteer or load_gazetteer()
    links: list[Link] = []
    problems: list[Problem] = []
    named: list[tuple[str, Listed]] = []
    if record.owner:
        line = record.line_of("owner")
        named.append(
            ("owner", Listed(record.owner, line or record.line, record.owner, "header"))
        )
    named += [("partner", item) for item in record.partners]
    named += [("transnational", item) for item in record.transnational_partners]
    named += [("group", item) for item in record.group_members]
    for role, item in named:
        name, number, bad = split_org_number(item.name)
        if bad:
            problems.append(
                Problem("bad-org-number", f"{bad}; not kept", record.source_path,
                        item.line, item.name)
            )  # fmt: skip
        found = _listed(name, record, registry, gazetteer, overrides)
        problem = _resolution_problem(record.source_path, item.line, found)
        if problem:
            problems.append(problem)
        if not found.actor:
            continue  # judged not an organisation
        links.append(
            Link(
                role,
                found.actor,
                found.label,
                item.name,
                item.line,
                item.section,
                item.text,
                found.method,
                found.score,
                org_number=number,
            )
        )
    covered, unmatched = _covered(record, gazetteer)
    return (*links, *covered), (*problems, *unmatched)


def _covered(
    record: ProjectRecord, gazetteer: Gazetteer
) -> tuple[list[Link], list[Problem]]:
    """The ``covers`` links of the listed municipalities, and the names that match none."""
    links: list[Link] = []
    problems: list[Problem] = []
    for item in record.municipalities:
        municipality, method, score = gazetteer.lookup(item.name), "municipality", 100.0
        if municipality is None and (close := gazetteer.closest(item.name)):
            municipality, score = close
            method = "fuzzy"
            problems.append(
                Problem(
                    "fuzzy-match",
                    f"{item.name!r} read as municipality {municipality.name!r}"
                    f" ({municipality.code}, score {score:g})",
                    record.source_path,
                    item.line,
                    item.name,
                )
            )
        if municipality is None:
            problems.append(
                Problem(
                    "unknown-municipality",
                    f"{item.name!r} is not one of the 290 municipalities; not linked",
                    record.source_path,
                    item.line,
                    item.name,
                )
            )
            continue
        links.append(
            Link(
                "covers",
                f"municipality/{municipality.code}",
                municipality.name,
                item.name,
                item.line,
                item.section,
                item.text,
                method,
                score,
            )
        )
    return links, problems


def _listed(
    name: str,
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None,
) -> Resolution:
    """A listed name resolved, an ambiguous one by the document, labelled for its date."""
    if ambiguous_family(name) and not (overrides or {}).get(normalise_name(name)):
        found = _settled(name, record, registry, gazetteer, overrides=overrides)
    else:
        found = _resolve_cached(name, registry, gazetteer, overrides)
    return dated(found, registry, record.start or record.end)


_NUMBER_LABEL = re.compile(
    r"[\s,;:(]*(?:org(?:anisations)?\.?\s*-?\s*n(?:umme)?r\.?|orgnr)?[\s,;:.)]*$",
    re.IGNORECASE,
)


def split_org_number(name: str) -> tuple[str, str | None, str | None]:
    """A listed name, less the organisation number written with it: ``(name, number, why bad)``.

    Example:
        >>> split_org_number("Föreningen Nya Vägar (org.nr 802000-1235)")
        ('Föreningen Nya Vägar', None, "'802000-1235' fails the check digit (Luhn)")
        >>> split_org_number("Skoopi ek. för., 769600-1234")[:2]
        ('Skoopi ek. för', '769600-1234')
        >>> split_org_number("Göteborgs Stad, 212000-1355")
        ('Göteborgs Stad', '212000-1355', None)
    """
    found = (
        next(find_org_numbers(name), None) if any(c.isdigit() for c in name) else None
    )
    if found is None:
        return name, None, None
    rest = _NUMBER_LABEL.sub("", name[: found.start]) + name[found.end :].rstrip(" )")
    rest = rest.strip() or name
    return rest, None if found.problem else found.number, found.problem


def dated(found: Resolution, registry: Registry, date: str | None) -> Resolution:
    """The resolution with the label its actor had on ``date`` (a former name before a rename).

    Example:
        >>> reg = load_registry()
        >>> found = resolve_name("SKL", reg)
        >>> dated(found, reg, "2016-03-01").label, dated(found, reg, "2020-02-01").label
        ('Sveriges Kommuner och Landsting', 'Sveriges Kommuner och Regioner')
    """
    if not found.actor.startswith("org/") or date is None:
        return found
    actor = registry.ids.get(found.actor.removeprefix("org/"))
    if actor is None or not actor.former_names:
        return found
    label = actor.name_on(date)
    return found if label == found.label else replace(found, label=label)


def _candidates_text(found: Resolution, limit: int = 6) -> str:
    shown = ", ".join(found.candidates[:limit])
    more = len(found.candidates) - limit
    return f" (candidates: {shown}{f' and {more} more' if more > 0 else ''})"


def _resolution_problem(
    path: str, line: int | None, found: Resolution
) -> Problem | None:
    if found.method == "ambiguous":
        return Problem(
            "ambiguous-name",
            f"{found.name!r} may mean several bodies and the document does not say"
            f" which{_candidates_text(found) if found.candidates else ''};"
            " kept as written, not given to any of them",
            path,
            line,
            found.name,
        )
    if found.method == "apart":
        return Problem(
            "judged-apart",
            f"{found.name!r} would have been read as {found.candidate!r}"
            f" (score {found.score:g}), but a judgement says they are different;"
            " kept as a new actor",
            path,
            line,
            found.name,
        )
    if found.method == "not-an-organisation":
        return Problem(
            "not-an-organisation",
            f"{found.name!r} is judged not an organisation; not linked",
            path,
            line,
            found.name,
        )
    if found.method == "new":
        closest = (
            f" (closest: {found.candidate!r}, score {found.score:g})"
            if (found.candidate)
            else ""
        )
        return Problem(
            "new-actor",
            f"{found.name!r} matches no registry actor{closest}; kept as a new actor",
            path,
            line,
            found.name,
        )
    if found.method in ("fuzzy", "prefix"):
        return Problem(
            "fuzzy-match" if found.method == "fuzzy" else "prefix-match",
            f"{found.name!r} read as"
            f" {found.label!r} ({found.method}, score {found.score:g})",
            path,
            line,
            found.name,
        )
    return None


def resolve_mentions(
    record: ProjectRecord,
    mentions: Iterable[Mention],
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    overrides: Mapping[str, str] | None = None,
) -> tuple[tuple[Link, ...], tuple[Problem, ...]]:
    """Turn free-text mentions into links with the role their sentence gave them.

    One link per role, actor and section (no plain mention of an actor the same
    section gives an active role, and no role the header or a list already gives). A
    mention's role (``Mention.role``) and cue come from :mod:`graphkit.extract`; an
    ``owner`` read from a sentence counts only when the header names no owner (the
    header wins; a different body becomes a mention). The link's text is the
    sentence, so the participation carries its evidence. A bare ambiguous name
    ("Coompanion") is settled by the document
    (:func:`graphkit.resolve.context.settle_ambiguous`) or reported as
    ``ambiguous-name``, never given to the national body; with no role it is then not
    linked at all. Organisation-shaped phrases go through :func:`resolve_name`.

    Example:
        >>> from graphkit.records import Mention, ProjectRecord
        >>> rec = ProjectRecord("p.txt", "0", "esf-a")
        >>> found = [Mention("REVES", 113, (4, 9), "Transnationellt samarbete", "registry",
        ...                  "reves", role="transnational", cue="i samverkan med"),
        ...          Mention("Värmdö kommun", 119, (0, 13), "Transnationellt samarbete",
        ...                  "municipality", "municipality/0120")]
        >>> links, _ = resolve_mentions(rec, found, load_registry())
        >>> [(l.role, l.actor, l.line, l.cue) for l in links]
        [('transnational', 'org/reves', 113, 'i samverkan med'), \
('mention', 'municipality/0120', 119, None)]
    """
    gazetteer = gazetteer or load_gazetteer()
    mentions = list(mentions)
    places = frozenset(
        m.actor.split("/")[1] for m in mentions if m.kind == "municipality" and m.actor
    )
    stated = _stated_roles(record, registry, gazetteer, overrides)
    owner = next((actor for role, actor in stated if role == "owner"), None)
    links: dict[tuple[str, str, str], Link] = {}
    problems: dict[tuple[str, str], Problem] = {}
    resolved: dict[str, Resolution] = {}
    for m in mentions:
        found = _mention_resolution(
            m, record, registry, gazetteer, overrides, places, resolved
        )
        role = m.role
        if role == "owner" and owner is not None and found.actor != owner:
            role = "mention"
        elif role != "owner" and found.actor == owner:
            role = "mention"  # the owner named again in the text: owner already
        problem = _mention_problem(record.source_path, m, found)
        if problem is not None:
            problems.setdefault((problem.kind, found.actor), problem)
        if (
            not found.actor  # judged not an organisation
            or (found.method == "ambiguous" and role == "mention")
            or (role, found.actor) in stated
        ):
            continue  # unsettled and unneeded, or the header or a list says it already
        links.setdefault(
            (role, found.actor, m.section),
            Link(
                role,
                found.actor,
                found.label,
                m.surface,
                m.line,
                m.section,
                m.sentence or m.context or m.surface,
                found.method,
                found.score,
                m.span,
                m.cue if role != "mention" else None,
            ),
        )
    return _without_plain_repeats(links), tuple(problems.values())


def _without_plain_repeats(links: dict[tuple[str, str, str], Link]) -> tuple[Link, ...]:
    """The links, less plain mentions of actors their section gives an active role."""
    active = {(actor, section) for role, actor, section in links if role != "mention"}
    return tuple(
        link
        for (role, actor, section), link in links.items()
        if role != "mention" or (actor, section) not in active
    )


def _stated_roles(
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None,
) -> set[tuple[str, str]]:
    """``(role, actor)`` the header and the lists give (the text need not repeat them)."""
    named = [("owner", record.owner)] if record.owner else []
    named += [("partner", item.name) for item in record.partners]
    named += [("transnational", item.name) for item in record.transnational_partners]
    named += [("group", item.name) for item in record.group_members]
    return {
        (role, _listed(name, record, registry, gazetteer, overrides).actor)
        for role, name in named
    }


def _mention_resolution(
    m: Mention,
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None,
    places: frozenset[str],
    resolved: dict[str, Resolution],
) -> Resolution:
    own = (overrides or {}).get(normalise_name(m.surface))
    if m.kind in ("registry", "municipality") and m.actor and not own:
        if m.kind == "registry":
            actor = registry.get(m.actor)
            found = Resolution(m.surface, f"org/{actor.id}", actor.name, "registry")
        else:
            label = gazetteer.by_code(m.actor.split("/")[1]).name
            found = Resolution(m.surface, m.actor, label, "municipality")
        if isinstance(overrides, Judgements):
            found = _judged(found, overrides, registry, gazetteer)
        return dated(found, registry, record.start or record.end)
    if m.kind == "ambiguous" and not (overrides or {}).get(normalise_name(m.surface)):
        found = _settled(m.surface, record, registry, gazetteer, places, overrides)
        return dated(found, registry, record.start or record.end)
    key = m.surface.casefold()
    if key not in resolved:
        found = _resolve_cached(m.surface, registry, gazetteer, overrides)
        resolved[key] = dated(found, registry, record.start or record.end)
    return resolved[key]


#: Names resolved in running text, across records of a build (the same phrases recur
#: on thousands of pages); the entry keeps the registry it was resolved with.
_NAMES: dict[tuple[int, int, int, str], tuple[object, object, object, Resolution]] = {}


def _resolve_cached(
    name: str,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: Mapping[str, str] | None,
) -> Resolution:
    key = (id(registry), id(gazetteer), id(overrides), name)
    hit = _NAMES.get(key)
    if hit and hit[0] is registry and hit[1] is gazetteer and hit[2] is overrides:
        return hit[3]
    if len(_NAMES) > 50_000:
        _NAMES.clear()
    found = resolve_name(name, registry, gazetteer, overrides)
    _NAMES[key] = (registry, gazetteer, overrides, found)
    return found


def _settled(
    name: str,
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    places: frozenset[str] = frozenset(),
    overrides: Mapping[str, str] | None = None,
) -> Resolution:
    """A bare ambiguous name, settled by the document or marked ``ambiguous``."""
    settled = settle_ambiguous(name, record, registry, gazetteer, places)
    if settled is not None:
        actor, label, _ = settled
        found = Resolution(name, actor, label, "context")
        if isinstance(overrides, Judgements):
            return _judged(found, overrides, registry, gazetteer)
        return found
    family = ambiguous_family(name) or name
    candidates = tuple(c[0] for c in family_candidates(family, registry, gazetteer))
    key = normalise_name(name)
    return Resolution(
        name,
        f"org/{slugify(key)}-unsettled",
        name.strip(),
        "ambiguous",
        candidates=candidates,
    )


def _mention_problem(path: str, m: Mention, found: Resolution) -> Problem | None:
    if found.method == "ambiguous":
        return Problem(
            "ambiguous-name",
            f"{m.surface!r} (named in the text) may mean several bodies and the document"
            f" does not say which{_candidates_text(found) if found.candidates else ''};"
            " not given to any of them",
            path,
            m.line,
            m.surface,
        )
    if found.method == "new":
        return Problem(
            "new-actor",
            f"{m.surface!r} (named in the text) matches no registry actor;"
            " kept as a new actor",
            path,
            m.line,
            m.surface,
        )
    if found.method in ("fuzzy", "prefix", "apart", "not-an-organisation"):
        return _resolution_problem(path, m.line, found)
    return None
