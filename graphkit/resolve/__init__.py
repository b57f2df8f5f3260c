"""Names → canonical actors: municipalities by SCB code, organisations via the registry.

``graphkit.gazetteer`` holds the reference geography (:class:`Gazetteer`) and
``graphkit.registry`` the curated registry; ``actors`` matches names
(:func:`resolve_name`); this module resolves whole records (:func:`resolve_record`) and
free-text mentions (:func:`resolve_mentions`) into role links.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    infer_kind,
    load_overrides,
    load_registry,
    normalise_name,
    resolve_name,
    slugify,
)
from graphkit.resolve.context import ambiguous_family, settle_ambiguous

__all__ = [
    "FUZZY_THRESHOLD",
    "Actor",
    "Gazetteer",
    "Municipality",
    "Registry",
    "Resolution",
    "infer_kind",
    "is_transnational_section",
    "load_gazetteer",
    "load_overrides",
    "load_registry",
    "municipality_key",
    "normalise_name",
    "resolve_mentions",
    "resolve_name",
    "resolve_record",
    "slugify",
]


def resolve_record(
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    overrides: dict[str, str] | None = None,
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
        if ambiguous_family(item.name) and not (overrides or {}).get(
            normalise_name(item.name)
        ):
            found = _settled(item.name, record, registry, gazetteer)
        else:
            found = resolve_name(item.name, registry, gazetteer, overrides)
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
            )
        )
        problem = _resolution_problem(record.source_path, item.line, found)
        if problem:
            problems.append(problem)
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
    return tuple(links), tuple(problems)


def _resolution_problem(
    path: str, line: int | None, found: Resolution
) -> Problem | None:
    if found.method == "ambiguous":
        return Problem(
            "ambiguous-name",
            f"{found.name!r} may mean several bodies and the document does not say"
            " which; kept as written, not given to any of them",
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
    overrides: dict[str, str] | None = None,
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
        if (found.method == "ambiguous" and role == "mention") or (
            role,
            found.actor,
        ) in stated:
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
    overrides: dict[str, str] | None,
) -> set[tuple[str, str]]:
    """``(role, actor)`` the header and the lists give (the text need not repeat them)."""
    named = [("owner", record.owner)] if record.owner else []
    named += [("partner", item.name) for item in record.partners]
    named += [("transnational", item.name) for item in record.transnational_partners]
    named += [("group", item.name) for item in record.group_members]
    return {
        (
            role,
            (
                _settled(name, record, registry, gazetteer)
                if ambiguous_family(name)
                and not (overrides or {}).get(normalise_name(name))
                else _resolve_cached(name, registry, gazetteer, overrides)
            ).actor,
        )
        for role, name in named
    }


def _mention_resolution(
    m: Mention,
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: dict[str, str] | None,
    places: frozenset[str],
    resolved: dict[str, Resolution],
) -> Resolution:
    if m.kind == "registry" and m.actor:
        actor = registry.get(m.actor)
        return Resolution(m.surface, f"org/{actor.id}", actor.name, "registry")
    if m.kind == "municipality" and m.actor:
        label = gazetteer.by_code(m.actor.split("/")[1]).name
        return Resolution(m.surface, m.actor, label, "municipality")
    if m.kind == "ambiguous":
        return _settled(m.surface, record, registry, gazetteer, places)
    key = m.surface.casefold()
    if key not in resolved:
        resolved[key] = _resolve_cached(m.surface, registry, gazetteer, overrides)
    return resolved[key]


#: Names resolved in running text, across records of a build (the same phrases recur
#: on thousands of pages); the entry keeps the registry it was resolved with.
_NAMES: dict[tuple[int, int, int, str], tuple[object, object, object, Resolution]] = {}


def _resolve_cached(
    name: str,
    registry: Registry,
    gazetteer: Gazetteer,
    overrides: dict[str, str] | None,
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
) -> Resolution:
    """A bare ambiguous name, settled by the document or marked ``ambiguous``."""
    settled = settle_ambiguous(name, record, registry, gazetteer, places)
    if settled is not None:
        actor, label, _ = settled
        return Resolution(name, actor, label, "context")
    key = normalise_name(name)
    return Resolution(name, f"org/{slugify(key)}-unsettled", name.strip(), "ambiguous")


def _mention_problem(path: str, m: Mention, found: Resolution) -> Problem | None:
    if found.method == "ambiguous":
        return Problem(
            "ambiguous-name",
            f"{m.surface!r} (named in the text) may mean several bodies and the document"
            " does not say which; not given to any of them",
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
    if found.method in ("fuzzy", "prefix"):
        return _resolution_problem(path, m.line, found)
    return None
