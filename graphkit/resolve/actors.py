"""Organisation names → registry actors: normalisation, aliases, fuzzy matching, overrides."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Mapping
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
from graphkit.resolve.context import ambiguous_family, family_candidates
from graphkit.resolve.judgements import NOT_AN_ORGANISATION, Judgements

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
            organisation), ``prefix`` (a cut-off name), ``fuzzy``, ``new`` (no match),
            ``apart`` (a match a ``different`` judgement forbids: a new actor) or
            ``not-an-organisation`` (judged so; ``actor`` is empty).
        score: match score 0–100 (100 for exact methods).
        candidate: for ``new``, the closest registry name below the threshold; for
            ``apart``, the actor a ``different`` judgement kept it from.
        candidates: for ``ambiguous``, the actors it may mean (``org/…``).
    """

    name: str
    actor: str
    label: str
    method: str
    score: float = 100.0
    candidate: str | None = None
    candidates: tuple[str, ...] = ()


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
    overrides: Mapping[str, str] | None = None,
) -> Resolution:
    """Resolve an organisation name to a canonical actor.

    Order: the user's overrides or judgements; a bare name of a family of bodies
    ("Coompanion": ``ambiguous``, with the candidates); a municipality named as a
    body ("Sollentuna kommun"); the registry's names, former names and aliases; a
    cut-off name that begins a registry name; a fuzzy match at or above
    :data:`FUZZY_THRESHOLD` that agrees on the distinguishing words (two registry
    names equally close: ``ambiguous``); otherwise a new actor keyed by the
    normalised name. With :class:`~graphkit.resolve.judgements.Judgements`, actors
    judged the same are merged and a ``different`` decision turns an automatic match
    into a new actor (method ``apart``).

    Example:
        >>> reg = load_registry()
        >>> [resolve_name(n, reg).actor for n in ("AF", "Skoopii", "Sollentuna kommun")]
        ['org/arbetsformedlingen', 'org/skoopi', 'municipality/0163']
        >>> resolve_name("Coompanion Roslagen", reg).actor
        'org/coompanion-roslagen'
        >>> found = resolve_name("Coompanion", reg)
        >>> found.method, found.candidates[:2]
        ('ambiguous', ('org/coompanion-sverige', 'org/coompanion-stockholms-lan'))
    """
    gazetteer = gazetteer or load_gazetteer()
    key = normalise_name(name)
    target = (overrides or {}).get(key)
    if target:
        return _override(name, key, target, registry, gazetteer)
    found = _automatic(name, key, registry, gazetteer)
    if isinstance(overrides, Judgements):
        return _judged(found, overrides, registry, gazetteer)
    return found


def _automatic(
    name: str, key: str, registry: Registry, gazetteer: Gazetteer
) -> Resolution:
    """What the name resolves to with no reviewer's decision."""
    family = ambiguous_family(name)
    if family is not None:
        candidates = family_candidates(family, registry, gazetteer)
        if len(candidates) > 1:
            return _ambiguous(name, key, tuple(c[0] for c in candidates))
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
        if len(starts) == 1 and _same_distinction(key, _name_key(registry, starts[0])):
            actor = registry.get(starts[0])
            return Resolution(name, f"org/{actor.id}", actor.name, "prefix", 95.0)
    best, score, tied = _closest(key, registry)
    if best is not None and score >= FUZZY_THRESHOLD and _same_distinction(key, best):
        if tied:
            return _ambiguous(name, key, tied, round(score, 1))
        actor = registry.get(registry.index[best])
        return Resolution(name, f"org/{actor.id}", actor.name, "fuzzy", round(score, 1))
    return Resolution(
        name, new_actor_id(key, registry), name.strip(), "new", round(score, 1), best
    )


def new_actor_id(key: str, registry: Registry) -> str:
    """The id of a new actor named ``key``; never a registry actor's id.

    Example:
        >>> new_actor_id("nya vägar", load_registry())
        'org/nya-vagar'
        >>> new_actor_id("coompanion skane", load_registry())  # not Coompanion Skåne's
        'org/coompanion-skane-eb7f4788'
    """
    return f"org/{new_actor_slug(key, registry.ids)}"


def _name_key(registry: Registry, actor_id: str) -> str:
    return normalise_name(registry.get(actor_id).name)


def _ambiguous(
    name: str, key: str, candidates: tuple[str, ...], score: float = 100.0
) -> Resolution:
    """A name that fits several actors equally: given to none of them."""
    return Resolution(
        name,
        f"org/{slugify(key)}-unsettled",
        name.strip(),
        "ambiguous",
        score,
        candidates=candidates,
    )


#: Methods a ``different`` judgement overrules (a reviewer's own decisions are not).
_AUTOMATIC = frozenset(
    {"municipality", "registry", "alias", "reference", "context", "unit-of",
     "prefix", "fuzzy"}
)  # fmt: skip


def _judged(
    found: Resolution, judged: Judgements, registry: Registry, gazetteer: Gazetteer
) -> Resolution:
    """An automatic resolution, as the reviewers' decisions correct it."""
    if found.method not in _AUTOMATIC:
        return found
    name, key = found.name, normalise_name(found.name)
    # a name judged different from another keeps off the actor the other has, unless
    # it is that actor's own name (then the other one is the merge to undo)
    apart = judged.kept_apart(name, found.actor) or (
        found.method not in ("registry", "municipality")
        and any(
            _plain(other, judged, registry, gazetteer) == found.actor
            for other in judged.others_apart(name)
        )
    )
    if apart:
        return Resolution(
            name, new_actor_id(key, registry), name.strip(), "apart", found.score,
            found.label,
        )  # fmt: skip
    merged = judged.merged.get(found.actor)
    if merged:
        return _override(name, key, merged, registry, gazetteer)
    return found


def _plain(
    key: str, judged: Judgements, registry: Registry, gazetteer: Gazetteer
) -> str:
    """The actor a normalised name goes to by its own decision or automatically."""
    target = judged.names.get(key)
    if target:
        return _override(key, key, target, registry, gazetteer).actor
    return _automatic(key, key, registry, gazetteer).actor


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
        >>> _same_distinction("coompanion stockholms lan", "coompanion stockholms län")
        True
    """
    from rapidfuzz import fuzz

    words, other = _folded(key).split(), _folded(candidate).split()
    shared = 0
    while shared < min(len(words), len(other)) and words[shared] == other[shared]:
        shared += 1
    rest, other_rest = " ".join(words[shared:]), " ".join(other[shared:])
    return not rest or not other_rest or fuzz.ratio(rest, other_rest) >= 75


def _folded(key: str) -> str:
    """A key without diacritics ("län" → "lan"): a page may drop them, never the word."""
    return unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()


def _bare_place(name: str, gazetteer: Gazetteer) -> Municipality | None:
    """The municipality a name is when it is only a municipality's name ("Botkyrka")."""
    if len(name.split()) > 3 or any(ch.isdigit() for ch in name):
        return None
    return gazetteer.lookup(name)


def _closest(key: str, registry: Registry) -> tuple[str | None, float, tuple[str, ...]]:
    """The registry spelling closest to ``key``, its score, and the actors tied with it.

    ``tied`` lists the ids (``org/…``) when two different actors are equally close.
    """
    from rapidfuzz import fuzz, process

    if not registry.index:
        return None, 0.0, ()
    found = process.extract(key, list(registry.index), scorer=fuzz.ratio, limit=8)
    if not found:
        return None, 0.0, ()
    candidate, score, _ = found[0]
    tied = dict.fromkeys(
        f"org/{registry.index[other]}"
        for other, other_score, _ in found
        if other_score == score and _same_distinction(key, other)
    )
    return candidate, float(score), tuple(tied) if len(tied) > 1 else ()


def _override(
    name: str, key: str, target: str, registry: Registry, gazetteer: Gazetteer
) -> Resolution:
    if target == NOT_AN_ORGANISATION:
        return Resolution(name, "", name.strip(), "not-an-organisation")
    if target == "new" or target.startswith("new:"):
        own = target.removeprefix("new").removeprefix(":") or key
        return Resolution(name, new_actor_id(own, registry), name.strip(), "override")
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
