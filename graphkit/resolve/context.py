"""Ambiguous bare names ("Coompanion", "Landstinget") → the body the document means, if it says.

A bare name listed in ``ambiguous_names.csv`` names a family of bodies (the 25 regional
Coompanions and the national one; the region of any county). The document settles which
one when: the project's owner is one of them; exactly one of them is named in full in the
document; or the project's places (or, with none, the county its title names: "Scoop
Skåne") lie in one county and exactly one of them is that county's. A bare name as the
owner is no evidence for itself (the owner "Coompanion" does not make it Coompanion
Sverige). Otherwise the name stays unsettled and the caller reports it (``ambiguous-name``)
rather than giving it to the national body.
"""

from __future__ import annotations

import functools

from graphkit.gazetteer import Gazetteer
from graphkit.records import ProjectRecord
from graphkit.reference import public_bodies, reference_list
from graphkit.registry import Registry, normalise_name, slugify

__all__ = ["ambiguous_family", "family_candidates", "settle_ambiguous"]


@functools.cache
def _families() -> dict[str, str]:
    return {
        e.value.casefold(): e.get("family") or e.value
        for e in reference_list("ambiguous_names")
    }


def ambiguous_family(name: str) -> str | None:
    """The family a bare ambiguous name belongs to, or None.

    Example:
        >>> ambiguous_family("Coompanion"), ambiguous_family("Coompanion Skåne")
        ('Coompanion', None)
    """
    return _families().get(" ".join(name.split()).casefold())


def family_candidates(
    family: str, registry: Registry, gazetteer: Gazetteer
) -> list[tuple[str, str, str | None]]:
    """``(actor id, label, county code)`` of every body of the family.

    Example:
        >>> from graphkit.gazetteer import load_gazetteer
        >>> from graphkit.registry import load_registry
        >>> found = family_candidates("Coompanion", load_registry(), load_gazetteer())
        >>> [c for c in found if c[0] == "org/coompanion-skane"]
        [('org/coompanion-skane', 'Coompanion Skåne', '12')]
    """
    found: dict[str, tuple[str, str, str | None]] = {}
    if family in ("region", "county-board"):
        kind = "region" if family == "region" else "agency"
        for value, body_kind, county in public_bodies().values():
            if (
                body_kind == kind
                and county
                and (family == "region" or value.startswith("Länsstyrelsen"))
            ):
                actor = registry.index.get(normalise_name(value))
                key = (
                    f"org/{actor}" if actor else f"org/{slugify(normalise_name(value))}"
                )
                found.setdefault(key, (key, value, county))
        return list(found.values())
    prefix = family.casefold() + " "
    for member in registry.actors:
        if member.name.casefold().startswith(prefix):
            found[member.id] = (
                f"org/{member.id}",
                member.name,
                _county_in(member.name, gazetteer),
            )
    return list(found.values())


def _county_in(name: str, gazetteer: Gazetteer) -> str | None:
    """The county a body's name points at ("Coompanion Skåne" → 12), if any."""
    words = name.replace("-", " ").split()[1:]
    for code, county in gazetteer.counties:
        short = county.removesuffix(" län").removesuffix("s")
        if any(w.casefold().startswith(short.casefold()) for w in words):
            return code
    for word in words:
        found = gazetteer.lookup(word)
        if found:
            return found.county_code
    return None


def _counties_named(text: str, gazetteer: Gazetteer) -> set[str]:
    """The counties a short text names by their own name ("Scoop Skåne" → 12).

    Example:
        >>> from graphkit.gazetteer import load_gazetteer
        >>> _counties_named("Scoop Skåne", load_gazetteer())
        {'12'}
    """
    words = {w.casefold().removesuffix("s") for w in text.replace("-", " ").split()}
    found = set()
    for code, county in gazetteer.counties:
        short = county.removesuffix(" län").removesuffix("s").casefold()
        if " " not in short and short in words:
            found.add(code)
    return found


def settle_ambiguous(
    name: str,
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer,
    places: frozenset[str] = frozenset(),
) -> tuple[str, str, str] | None:
    """``(actor, label, reason)`` of the body a bare ambiguous name means, or None.

    Args:
        name: the name as written ("Coompanion").
        record: the project it is written in.
        registry, gazetteer: the reference data.
        places: SCB codes of the municipalities the running text names as places.

    Example:
        >>> from graphkit.gazetteer import load_gazetteer
        >>> from graphkit.records import Listed
        >>> from graphkit.registry import load_registry
        >>> rec = ProjectRecord("p.txt", "0", "esf-a", municipalities=(Listed("Lund", 9),))
        >>> settle_ambiguous("Coompanion", rec, load_registry(), load_gazetteer())[:2]
        ('org/coompanion-skane', 'Coompanion Skåne')
    """
    family = ambiguous_family(name)
    if family is None:
        return None
    candidates = family_candidates(family, registry, gazetteer)
    if not candidates:
        return None
    if record.owner and not ambiguous_family(record.owner.split(",")[0]):
        key = normalise_name(record.owner.split(",")[0])
        owner = registry.index.get(key)
        body = public_bodies().get(record.owner.split(",")[0].strip().casefold())
        for actor, label, _ in candidates:
            if (
                (owner and actor == f"org/{owner}")
                or normalise_name(label) == key
                or (body and body[0] == label)
            ):
                return actor, label, "the project's owner"
    text = _document_text(record)
    named = [c for c in candidates if c[1].casefold() in text]
    if len(named) == 1:
        return named[0][0], named[0][1], "the only one the document names in full"
    counties = {
        gazetteer.by_code(c).county_code for c in places if c in gazetteer.codes
    }
    for item in record.municipalities:
        found = gazetteer.lookup(item.name)
        if found:
            counties.add(found.county_code)
    if record.title and not counties:  # "Scoop Skåne": the county the title names
        counties |= _counties_named(record.title, gazetteer)
    if record.owner and not counties:  # else the owner's county: Lunds kommun, Skåne
        town = gazetteer.in_name(record.owner)
        body = public_bodies().get(record.owner.split(",")[0].strip().casefold())
        counties |= {c for c in (town and town.county_code, body and body[2]) if c}
    if len(counties) == 1:
        (county,) = counties
        local = [c for c in candidates if c[2] == county]
        if len(local) == 1:
            return local[0][0], local[0][1], "the body of the project's county"
    return None


def _document_text(record: ProjectRecord) -> str:
    parts = [record.owner or "", record.title or ""]
    parts += [s.text for s in record.sections]
    parts += [item.name for item in (*record.partners, *record.group_members)]
    return "\n".join(parts).casefold()
