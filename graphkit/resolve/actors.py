"""Organisation names → registry actors: normalisation, aliases, fuzzy matching, overrides."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import ResolveError
from graphkit.gazetteer import Gazetteer, Municipality, load_gazetteer
from graphkit.reference import public_bodies, reference_list
from graphkit.registry import (
    _ID,
    _MUNICIPALITY_ID,
    Actor,
    Registry,
    _reference_text,
    load_registry,
    new_actor_slug,
    normalise_name,
    slugify,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "Actor",
    "Registry",
    "Resolution",
    "infer_kind",
    "load_overrides",
    "load_registry",
    "normalise_name",
    "resolve_name",
    "slugify",
]

# ------------------------------------------------------------------ resolution


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one name as written was resolved.

    Attributes:
        name: the name as written.
        actor: ``municipality/<code>`` or ``org/<id>``.
        label: the canonical name.
        method: ``override``, ``municipality``, ``registry``, ``alias``,
            ``reference`` (a public body of the reference lists, not in the registry),
            ``context`` (a bare ambiguous name the document settles), ``ambiguous``
            (one it does not), ``unit-of`` (``"Org, unit"`` resolved to the
            organisation), ``prefix`` (a cut-off name), ``fuzzy``, or ``new`` (no match).
        score: match score 0–100 (100 for exact methods).
        candidate: for ``new``, the closest registry name below the threshold.
    """

    name: str
    actor: str
    label: str
    method: str
    score: float = 100.0
    candidate: str | None = None


#: Fuzzy matches at or above this score (rapidfuzz ratio, 0–100) are accepted.
FUZZY_THRESHOLD = 90.0


def load_overrides(
    path: str | Path | None,
    registry: Registry | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict[str, str]:
    """Read a user's overrides: a CSV with columns ``name,actor``.

    ``actor`` is an id (``org/…`` or ``municipality/<code>``), or ``new`` to keep a
    name as its own actor. Names compare in normalised form. The file may
    start with a BOM (as Excel writes it). With ``registry`` and ``gazetteer``
    every id is checked to be one of theirs.

    Raises:
        ResolveError: for a missing or non-UTF-8 file, a row without both
            columns, a malformed or unknown id, or a name given twice, with its
            line.
    """
    if path is None:
        return {}
    file = Path(path)
    text = _reference_text(file, "overrides file")
    reader = csv.reader(text.splitlines())
    try:
        rows = list(reader)
    except csv.Error as e:
        raise ResolveError(
            f"overrides are not valid CSV: {e}", path=str(file), line=reader.line_num
        ) from e
    header = [cell.strip().casefold() for cell in rows[0]] if rows else []
    if "name" not in header or "actor" not in header:
        raise ResolveError(
            "overrides need a header row with the columns 'name' and 'actor'",
            path=str(file),
            line=1,
        )
    at_name, at_actor = header.index("name"), header.index("actor")
    overrides: dict[str, str] = {}
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        name = row[at_name].strip() if len(row) > at_name else ""
        actor = row[at_actor].strip() if len(row) > at_actor else ""
        if not name or not actor:
            raise ResolveError(
                "override row needs 'name' and 'actor'", path=str(file), line=n
            )
        problem = _override_problem(actor, registry, gazetteer)
        if problem:
            raise ResolveError(problem, path=str(file), line=n)
        key = normalise_name(name)
        if overrides.get(key, actor) != actor:
            raise ResolveError(
                f"{name!r} is given twice, as {overrides[key]} and {actor}",
                path=str(file),
                line=n,
            )
        overrides[key] = actor
    return overrides


def _override_problem(
    actor: str, registry: Registry | None, gazetteer: Gazetteer | None
) -> str | None:
    if actor == "new":
        return None
    if _MUNICIPALITY_ID.fullmatch(actor):
        code = actor.removeprefix("municipality/")
        if gazetteer is not None and code not in gazetteer.codes:
            return f"no municipality has the SCB code {code!r}"
        return None
    kind, _, slug = actor.partition("/")
    if kind != "org" or not _ID.fullmatch(slug):
        return (
            f"{actor[:80]!r} is not an actor id: use org/<id> (lower-case letters,"
            " digits, -), municipality/<4-digit code> or new"
        )
    if registry is not None and slug not in registry.ids:
        return f"{actor} is not in the actor registry; use new for a new actor"
    return None


def resolve_name(
    name: str,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    overrides: dict[str, str] | None = None,
) -> Resolution:
    """Resolve an organisation name to a canonical actor.

    Order: the user's overrides; a municipality named as a body ("Sollentuna
    kommun"); the registry's names and aliases; a cut-off name that begins a
    registry name; a fuzzy match at or above :data:`FUZZY_THRESHOLD`; otherwise a
    new actor keyed by the normalised name.

    Example:
        >>> reg = load_registry()
        >>> [resolve_name(n, reg).actor for n in ("AF", "Skoopii", "Sollentuna kommun")]
        ['org/arbetsformedlingen', 'org/skoopi', 'municipality/0163']
        >>> resolve_name("Coompanion Roslagen", reg).actor
        'org/coompanion-roslagen'
    """
    gazetteer = gazetteer or load_gazetteer()
    key = normalise_name(name)
    target = (overrides or {}).get(key)
    if target:
        return _override(name, key, target, registry, gazetteer)
    municipality = gazetteer.in_name(name) or _bare_place(name, gazetteer)
    if municipality:
        return Resolution(
            name, f"municipality/{municipality.code}", municipality.name, "municipality"
        )
    actor_id = registry.index.get(key) or registry.index.get(_without_genitive(key))
    if actor_id:
        actor = registry.get(actor_id)
        exact = normalise_name(actor.name) == key
        return Resolution(
            name, f"org/{actor_id}", actor.name, "registry" if exact else "alias"
        )
    body = _public_body(key)
    if body:
        return Resolution(
            name, f"org/{slugify(normalise_name(body))}", body, "reference"
        )
    if "," in name:
        head_key = normalise_name(name.split(",")[0])
        head = registry.index.get(head_key)
        if head:
            actor = registry.get(head)
            return Resolution(name, f"org/{head}", actor.name, "unit-of")
        body = _public_body(head_key)
        if body:
            return Resolution(
                name, f"org/{slugify(normalise_name(body))}", body, "unit-of"
            )
    if len(key) >= 12:
        starts = sorted({i for k, i in registry.index.items() if k.startswith(key)})
        if len(starts) == 1:
            actor = registry.get(starts[0])
            return Resolution(name, f"org/{actor.id}", actor.name, "prefix", 95.0)
    best, score = _closest(key, registry)
    if best is not None and score >= FUZZY_THRESHOLD and _same_distinction(key, best):
        actor = registry.get(registry.index[best])
        return Resolution(name, f"org/{actor.id}", actor.name, "fuzzy", round(score, 1))
    slug = new_actor_slug(key, registry.ids)  # never a registry actor's id
    return Resolution(name, f"org/{slug}", name.strip(), "new", round(score, 1), best)


@functools.cache
def _public_bodies_by_key() -> dict[str, str]:
    return {normalise_name(k): v[0] for k, v in public_bodies().items()}


def _public_body(key: str) -> str | None:
    """The canonical name of a region, agency, university... the key names, or None."""
    bodies = _public_bodies_by_key()
    return bodies.get(key) or bodies.get(_without_genitive(key))


def _without_genitive(key: str) -> str:
    """``stockholms stadsmissions`` → ``stockholms stadsmission`` (last word only)."""
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def _same_distinction(key: str, candidate: str) -> bool:
    """Whether two names that look alike also agree on what tells them apart.

    The words after their common leading words must be close: ``kfo servise`` and
    ``kfo service`` agree, ``samordningsförbundet båstad`` and
    ``samordningsförbundet hbs`` do not, however alike the whole strings are.

    Example:
        >>> _same_distinction("kfo servise", "kfo service")
        True
        >>> _same_distinction("samordningsförbundet båstad", "samordningsförbundet hbs")
        False
    """
    from rapidfuzz import fuzz

    words, other = key.split(), candidate.split()
    shared = 0
    while shared < min(len(words), len(other)) and words[shared] == other[shared]:
        shared += 1
    rest, other_rest = " ".join(words[shared:]), " ".join(other[shared:])
    return not rest or not other_rest or fuzz.ratio(rest, other_rest) >= 75


def _bare_place(name: str, gazetteer: Gazetteer) -> Municipality | None:
    """The municipality a name is when it is only a municipality's name ("Botkyrka")."""
    if len(name.split()) > 3 or any(ch.isdigit() for ch in name):
        return None
    return gazetteer.lookup(name)


def _closest(key: str, registry: Registry) -> tuple[str | None, float]:
    from rapidfuzz import fuzz, process

    if not registry.index:
        return None, 0.0
    found = process.extractOne(key, list(registry.index), scorer=fuzz.ratio)
    if found is None:
        return None, 0.0
    candidate, score, _ = found
    return candidate, float(score)


def _override(
    name: str, key: str, target: str, registry: Registry, gazetteer: Gazetteer
) -> Resolution:
    if target == "new":
        return Resolution(name, f"org/{slugify(key)}", name.strip(), "override")
    if target.startswith("municipality/"):
        m = gazetteer.by_code(target.split("/", 1)[1])
        return Resolution(name, target, m.name, "override")
    actor_id = target.removeprefix("org/")
    try:
        label = registry.get(actor_id).name
    except KeyError:
        label = name.strip()
    return Resolution(name, f"org/{actor_id}", label, "override")


@functools.cache
def _kind_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Name patterns that tell a new actor's type, in order (``actor_kinds.csv``)."""
    return tuple(
        (re.compile(e.value), e.get("type") or "unknown", e.get("sector") or "unknown")
        for e in reference_list("actor_kinds")
    )


def infer_kind(name: str) -> tuple[str, str]:
    """Type and sector of an actor that is not in the registry, from its name.

    A public body of the reference lists has its list's type; other names are read
    with the patterns of ``actor_kinds.csv``, first match wins.

    Example:
        >>> infer_kind("Region Skåne"), infer_kind("Hudiksvalls kooperativ ek. för.")
        (('region', 'public'), ('cooperative', 'social-economy'))
        >>> infer_kind("Personalavdelningen")
        ('unknown', 'unknown')
    """
    body = public_bodies().get(name.strip().casefold())
    if body:
        return body[1], "research" if body[1] == "research" else (
            "social-economy" if body[1] == "association" else "public"
        )
    text = name.casefold()
    for pattern, kind, sector in _kind_patterns():
        if pattern.search(text):
            return kind, sector
    return "unknown", "unknown"
