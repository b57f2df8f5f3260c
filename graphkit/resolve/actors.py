"""Organisation names → registry actors: normalisation, aliases, fuzzy matching, overrides."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.bundled import ontology_path
from graphkit.errors import ResolveError
from graphkit.resolve.places import Gazetteer, Municipality, load_gazetteer

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

# ------------------------------------------------------------------ organisations

#: Legal-form words that do not tell two organisations apart.
_LEGAL_FORMS = re.compile(
    r"\b(ab|aktiebolag|ek\.? ?för\.?|ekonomisk förening|ideell förening|i\.? ?f\.?|hb|kb)$"
)
_ABBREVIATIONS = (
    (r"förb\.", "förbundet"),
    (r"\bsthlms\b", "stockholms"),
    (r"\bsthlm\b", "stockholm"),
    (r"\bkomm\.", "kommun"),
    (r"fören\.", "föreningen"),
    (r"&", " och "),
)


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The comparable form of an organisation name.

    Lower case, abbreviations spelled out (``förb.`` → ``förbundet``), legal-form
    suffixes and punctuation removed, genitive ``s`` of a leading word dropped.

    Example:
        >>> normalise_name("Samordningsförb. i Södertälje")
        'samordningsförbundet i södertälje'
        >>> normalise_name("KFO Service AB"), normalise_name("Coompanion Sthlms län")
        ('kfo service', 'coompanion stockholms län')
    """
    text = unicodedata.normalize("NFC", name).casefold().strip()
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"(?<=\w):s\b", "", text)  # genitive of an abbreviation: HSO:s
    text = re.sub(r"[\"'´`’”“()\[\]]", "", text)
    text = re.sub(r"[,;:/\-–—.]+", " ", text)
    text = " ".join(text.split())
    text = _LEGAL_FORMS.sub("", text).strip()
    return text


def slugify(text: str) -> str:
    """An ASCII slug for identifiers.

    Example:
        >>> slugify("Svenska Röda Korset"), slugify("SLUP.SE")
        ('svenska-roda-korset', 'slup-se')
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.casefold())
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


@dataclass(frozen=True, slots=True)
class Actor:
    """An organisation of the curated registry.

    Attributes:
        id: stable identifier (the IRI's last part).
        name: canonical name.
        type: ``cooperative``, ``association``, ``agency``, ... (see the ontology).
        sector: ``public``, ``social-economy``, ``private``, ``research``,
            ``european-network``.
        aliases: other names and abbreviations it is written as.
        member_of: ids of actors it is a member of.
        part_of: id of the organisation it is a unit of, or a municipality code.
        website, org_number: where known.
    """

    id: str
    name: str
    type: str
    sector: str
    aliases: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    part_of: str | None = None
    website: str | None = None
    org_number: str | None = None
    mention: bool = True


@dataclass(frozen=True, slots=True)
class Registry:
    """The curated actors and an index from normalised names to ids."""

    actors: tuple[Actor, ...]
    index: dict[str, str] = field(repr=False, default_factory=dict)
    ids: dict[str, Actor] = field(repr=False, init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", {actor.id: actor for actor in self.actors})

    def get(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id`` (``KeyError`` when there is none)."""
        return self.ids[actor_id]


#: Actor types and sectors of the ontology's schemes (``ontology/graphkit.ttl``).
_TYPES = frozenset(
    {
        "municipality",
        "region",
        "agency",
        "cooperative",
        "association",
        "foundation",
        "network",
        "company",
        "research",
        "european-network",
        "unknown",
    }
)
_SECTORS = frozenset(
    {"public", "social-economy", "private", "research", "european-network", "unknown"}
)
_ID = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,150}[a-z0-9])?")
_MUNICIPALITY_ID = re.compile(r"municipality/\d{4}")
#: A registry or overrides file larger than this is refused before it is read.
_MAX_REFERENCE_BYTES = 64 * 1024 * 1024


def _reference_text(file: Path, what: str) -> str:
    """A registry or overrides file's text (UTF-8, a BOM allowed), or a clear error."""
    try:
        if file.stat().st_size > _MAX_REFERENCE_BYTES:
            raise ResolveError(
                f"{what} larger than {_MAX_REFERENCE_BYTES // 2**20} MB", path=str(file)
            )
        data = file.read_bytes()
    except OSError as e:
        raise ResolveError(f"{what} unreadable: {e.strerror}", path=str(file)) from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ResolveError(
            f"{what} is not UTF-8 text (save it as UTF-8)",
            path=str(file),
            line=data[: e.start].count(b"\n") + 1,
        ) from e


def load_registry(path: str | Path | None = None) -> Registry:
    """Load the curated actor registry (YAML).

    Every entry is checked: an ``id`` (lower-case letters, digits, ``-``), a
    ``name``, a ``type`` and ``sector`` of the ontology, lists of strings for
    ``aliases`` and ``member_of``, ids that occur once and relations to ids
    the registry has.

    Args:
        path: a registry file; the bundled ``ontology/actors.yaml`` by default.

    Raises:
        ResolveError: if the file is missing, empty or malformed, naming the
            entry and its line.
    """
    import yaml

    file = Path(path) if path else ontology_path("actors.yaml")
    text = _reference_text(file, "actor registry")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        entries = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as e:
        mark = getattr(e, "problem_mark", None)
        raise ResolveError(
            f"actor registry unreadable: {getattr(e, 'problem', None) or e}",
            path=str(file),
            line=mark.line + 1 if mark is not None else None,
        ) from e
    if not isinstance(entries, list) or not entries:
        raise ResolveError(
            "the actor registry must be a non-empty YAML list of entries",
            path=str(file),
        )
    lines = [item.start_mark.line + 1 for item in getattr(root, "value", [])]
    actors: list[Actor] = []
    ids: set[str] = set()
    index: dict[str, str] = {}
    for n, entry in enumerate(entries, 1):
        line = lines[n - 1] if n <= len(lines) else None
        actor = _registry_entry(entry, n, str(file), line)
        if actor.id in ids:
            raise ResolveError(
                f"registry entry {n}: id {actor.id!r} is used twice",
                path=str(file),
                line=line,
            )
        actors.append(actor)
        ids.add(actor.id)
        for spelling in (actor.name, *actor.aliases):
            key = normalise_name(spelling)
            if index.get(key, actor.id) != actor.id:
                raise ResolveError(
                    f"{spelling!r} names both {index[key]} and {actor.id}",
                    path=str(file),
                    line=line,
                )
            index[key] = actor.id
    for n, actor in enumerate(actors, 1):
        parent = actor.part_of
        unknown = [other for other in actor.member_of if other not in ids]
        if parent and not _MUNICIPALITY_ID.fullmatch(parent):
            unknown += [] if parent.removeprefix("org/") in ids else [parent]
        if unknown:
            raise ResolveError(
                f"registry entry {n} ({actor.id}): no entry has the id"
                f" {', '.join(map(repr, unknown))}",
                path=str(file),
                line=lines[n - 1] if n <= len(lines) else None,
            )
    return Registry(tuple(actors), index)


def _registry_entry(entry: object, n: int, file: str, line: int | None) -> Actor:
    """One registry entry as an :class:`Actor`, or a :class:`ResolveError`."""

    def bad(message: str) -> ResolveError:
        return ResolveError(f"registry entry {n}: {message}", path=file, line=line)

    if not isinstance(entry, dict):
        raise bad("not a mapping (id, name, type, sector, ...)")
    for key in ("id", "name", "type", "sector"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise bad(f"lacks {key!r} (a text)")
    if not _ID.fullmatch(entry["id"]):
        raise bad(f"id {entry['id'][:80]!r} is not lower-case letters, digits and -")
    if entry["type"] not in _TYPES:
        raise bad(f"unknown type {entry['type'][:40]!r}; use one of {sorted(_TYPES)}")
    if entry["sector"] not in _SECTORS:
        raise bad(
            f"unknown sector {entry['sector'][:40]!r}; use one of {sorted(_SECTORS)}"
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("aliases", "member_of"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise bad(f"{key!r} must be a list of texts")
        lists[key] = tuple(value)
    for key in ("part_of", "website", "org_number"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise bad(f"{key!r} must be a text")
    if not isinstance(entry.get("mention", True), bool):
        raise bad("'mention' must be true or false")
    return Actor(
        id=entry["id"],
        name=entry["name"],
        type=entry["type"],
        sector=entry["sector"],
        aliases=lists["aliases"],
        member_of=lists["member_of"],
        part_of=entry.get("part_of"),
        website=entry.get("website"),
        org_number=entry.get("org_number"),
        mention=entry.get("mention", True),
    )


# ------------------------------------------------------------------ resolution


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one name as written was resolved.

    Attributes:
        name: the name as written.
        actor: ``municipality/<code>`` or ``org/<id>``.
        label: the canonical name.
        method: ``override``, ``municipality``, ``registry``, ``alias``,
            ``unit-of`` (``"Org, unit"`` resolved to the organisation), ``prefix``
            (a cut-off name), ``fuzzy``, or ``new`` (no match).
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
    if "," in name:
        head = registry.index.get(normalise_name(name.split(",")[0]))
        if head:
            actor = registry.get(head)
            return Resolution(name, f"org/{head}", actor.name, "unit-of")
    if len(key) >= 12:
        starts = sorted({i for k, i in registry.index.items() if k.startswith(key)})
        if len(starts) == 1:
            actor = registry.get(starts[0])
            return Resolution(name, f"org/{actor.id}", actor.name, "prefix", 95.0)
    best, score = _closest(key, registry)
    if best is not None and score >= FUZZY_THRESHOLD and _same_distinction(key, best):
        actor = registry.get(registry.index[best])
        return Resolution(name, f"org/{actor.id}", actor.name, "fuzzy", round(score, 1))
    return Resolution(
        name, f"org/{slugify(key)}", name.strip(), "new", round(score, 1), best
    )


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


#: Name patterns that tell a new actor's type, checked in order: (pattern, type, sector).
_KIND_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"\b(kommun|stad|stadsdel\w*)\b", "agency", "public"),
    (r"^region\b|\blandsting|regionförbund", "region", "public"),
    (
        r"länsstyrelse|myndighet|verket\b|förmedling|kassan\b|samordningsförbund"
        r"|departement|polis|skolverket|försäkringskassa",
        "agency",
        "public",
    ),
    (r"universitet|högskola|institut|forskning|university", "research", "research"),
    (
        r"europe|européen|european|international\b",
        "european-network",
        "european-network",
    ),
    (
        r"kooperativ|\bek\.? ?för|ekonomisk förening|coompanion|coop\b",
        "cooperative",
        "social-economy",
    ),
    (r"stiftelse", "foundation", "social-economy"),
    (
        r"nätverk|network|samverkansråd|föreningsråd|paraply",
        "network",
        "social-economy",
    ),
    (
        r"förening|förbund|\bföreningen|riksförbund|ideell|folkbildning|studieförbund"
        r"|bildningsförbund|församling|kyrka|\bhus\b",
        "association",
        "social-economy",
    ),
    (
        r"\bab\b|aktiebolag|\bhb\b|\bkb\b|företagscentrum|consulting|konsult",
        "company",
        "private",
    ),
)


def infer_kind(name: str) -> tuple[str, str]:
    """Type and sector of an actor that is not in the registry, from its name.

    Example:
        >>> infer_kind("Region Skåne"), infer_kind("Hudiksvalls kooperativ ek. för.")
        (('region', 'public'), ('cooperative', 'social-economy'))
        >>> infer_kind("Personalavdelningen")
        ('unknown', 'unknown')
    """
    text = name.casefold()
    for pattern, kind, sector in _KIND_PATTERNS:
        if re.search(pattern, text):
            return kind, sector
    return "unknown", "unknown"
