"""Names → canonical actors: municipalities by SCB code, organisations via the registry.

``graphkit.gazetteer`` holds the reference geography (:class:`Gazetteer`) and
``graphkit.registry`` the curated registry; ``actors`` matches names
(:func:`resolve_name`); this module resolves whole records (:func:`resolve_record`) and
free-text mentions (:func:`resolve_mentions`) into role links.
"""

from __future__ import annotations

from collections.abc import Iterable

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
            f"{found.method}-match",
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
    """Turn free-text mentions into ``mention`` links (one per actor and section).

    A European network named in the transnational-cooperation section is a
    ``transnational`` partner instead. Organisation-shaped phrases go through
    :func:`resolve_name`; an unmatched one becomes a new actor and is reported.

    Example:
        >>> from graphkit.records import Mention, ProjectRecord
        >>> rec = ProjectRecord("p.txt", "0", "esf-a")
        >>> found = [Mention("REVES", 113, (4, 9), "Transnationellt samarbete", "registry",
        ...                  "reves"),
        ...          Mention("Värmdö kommun", 119, (0, 13), "Transnationellt samarbete",
        ...                  "municipality", "municipality/0120")]
        >>> links, _ = resolve_mentions(rec, found, load_registry())
        >>> [(l.role, l.actor, l.line) for l in links]
        [('transnational', 'org/reves', 113), ('mention', 'municipality/0120', 119)]
    """
    gazetteer = gazetteer or load_gazetteer()
    links: dict[tuple[str, str, str], Link] = {}
    problems: list[Problem] = []
    for m in mentions:
        if m.kind == "registry" and m.actor:
            actor = registry.get(m.actor)
            target, label, method = f"org/{actor.id}", actor.name, "registry"
            european = "european-network" in (actor.type, actor.sector)
        elif m.kind == "municipality" and m.actor:
            target, method, european = m.actor, "municipality", False
            label = gazetteer.by_code(m.actor.split("/")[1]).name
        else:
            found = resolve_name(m.surface, registry, gazetteer, overrides)
            target, label, method, european = (
                found.actor,
                found.label,
                found.method,
                False,
            )
            if found.method == "new" and (m.section, target) not in {
                (k[2], k[1]) for k in links
            }:
                problems.append(
                    Problem(
                        "new-actor",
                        f"{m.surface!r} (named in the text)"
                        " matches no registry actor; kept as a new actor",
                        record.source_path,
                        m.line,
                        m.surface,
                    )
                )
        role = (
            "transnational"
            if european and is_transnational_section(m.section)
            else ("mention")
        )
        links.setdefault(
            (role, target, m.section),
            Link(
                role,
                target,
                label,
                m.surface,
                m.line,
                m.section,
                m.context or m.surface,
                method,
                100.0,
                m.span,
            ),
        )
    return tuple(links.values()), tuple(problems)


def is_transnational_section(heading: str) -> bool:
    """True for a section about transnational cooperation.

    Example:
        >>> is_transnational_section("Transnationellt samarbete"), is_transnational_section("Syfte")
        (True, False)
    """
    return heading.casefold().startswith(("transnation", "internationellt samarbete"))
