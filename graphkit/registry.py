"""The curated actor registry: canonical names, aliases, types and sectors, and name keys.

Reference data read below every stage: ``extract`` finds registry names in running text and
``resolve`` matches names to registry actors; both read the registry from here.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.bundled import ontology_path
from graphkit.errors import ResolveError
from graphkit.reference import reference_list

__all__ = [
    "Actor",
    "Registry",
    "load_registry",
    "new_actor_slug",
    "normalise_name",
    "slugify",
]


@functools.cache
def _legal_forms() -> re.Pattern[str]:
    """Legal-form words that do not tell two organisations apart (``legal_forms.csv``)."""
    forms = "|".join(e.value for e in reference_list("legal_forms"))
    return re.compile(rf"\b({forms})$")


@functools.cache
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Abbreviations spelled out (``name_abbreviations.csv``); a symbol becomes a word."""
    found = []
    for entry in reference_list("name_abbreviations"):
        replacement = entry.get("replacement") or ""
        if not any(ch.isalpha() for ch in entry.value):
            replacement = f" {replacement} "
        found.append((re.compile(entry.value), replacement))
    return tuple(found)


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The comparable form of an organisation name.

    Lower case, abbreviations spelled out (``förb.`` → ``förbundet``, from
    ``name_abbreviations.csv``), legal-form suffixes (``legal_forms.csv``) and
    punctuation removed, genitive ``s`` of a leading word dropped, a name a page
    doubled ("Region Blekinge, Region Blekinge") written once.

    Example:
        >>> normalise_name("Samordningsförb. i Södertälje")
        'samordningsförbundet i södertälje'
        >>> normalise_name("KFO Service AB"), normalise_name("Coompanion Sthlms län")
        ('kfo service', 'coompanion stockholms län')
        >>> normalise_name("Region Blekinge, Region Blekinge")
        'region blekinge'
    """
    text = unicodedata.normalize("NFC", name).casefold().strip()
    for pattern, replacement in _abbreviations():
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=\w):s\b", "", text)  # genitive of an abbreviation: HSO:s
    text = re.sub(r"[\"'´`’”“()\[\]]", "", text)
    text = re.sub(r"[,;:/\-–—.]+", " ", text)
    text = " ".join(text.split())
    text = _legal_forms().sub("", text).strip()
    return _undoubled(text)


def _undoubled(key: str) -> str:
    """A name a page wrote twice, once: ``region blekinge region blekinge`` → ``region blekinge``.

    Example:
        >>> _undoubled("region blekinge region blekinge"), _undoubled("nacka nacka")
        ('region blekinge', 'nacka nacka')
    """
    words = key.split(" ")
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return key


@functools.lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """An ASCII slug for identifiers: transliterated, lower case, ``-`` between words.

    Letters of any script are transliterated with ``anyascii`` (Cyrillic, Greek,
    Polish ``ł`` …), not dropped; a text with nothing to transliterate (only
    punctuation or symbols) gets ``x-`` and a short hash of the text, so that
    two such texts never share a slug.

    Example:
        >>> slugify("Svenska Röda Korset"), slugify("SLUP.SE")
        ('svenska-roda-korset', 'slup-se')
        >>> slugify("Фонд Дом"), slugify("Łódź Foundation"), slugify("Ένωση Πολιτών")
        ('fond-dom', 'lodz-foundation', 'enosi-politon')
        >>> slugify("!!!") != slugify("???")
        True
    """
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFC", text)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or _hashed("x", text)


def _hashed(slug: str, text: str) -> str:
    """``slug`` and a short hash of ``text``."""
    return f"{slug}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def new_actor_slug(key: str, taken: Container[str]) -> str:
    """The slug of a new actor's normalised name, hashed when the slug is ``taken``.

    A new actor whose slug is already the id of another actor (a registry
    actor it did not match) gets a short hash of its name after the slug, so
    that the two stay two nodes.

    Example:
        >>> new_actor_slug("fond dom", {"fond-mir"}), new_actor_slug("reves", {"reves"})
        ('fond-dom', 'reves-91e3d7bd')
    """
    slug = slugify(key)
    return _hashed(slug, key) if slug in taken else slug


@dataclass(frozen=True, slots=True)
class Actor:
    """An organisation of the curated registry.

    Attributes:
        id: stable identifier (the IRI's last part).
        name: canonical name.
        type: ``cooperative``, ``association``, ``agency``, ... (see the ontology).
        sector: ``public``, ``social-economy``, ``private``, ``research``,
            ``european-network``.
        aliases: other names and abbreviations it is written as (former names too).
        member_of: ids of actors it is a member of.
        part_of: id of the organisation it is a unit of, or a municipality code.
        website, org_number: where known (``org_number`` as ``NNNNNN-NNNN``, checked
            by :func:`graphkit.resolve.identifiers.org_number_problem`).
        mention: whether running text is searched for its names.
        wikidata: its Wikidata item (``Q…``) where known.
        former_names: ``(name, last day)`` of the names it had before a rename, oldest
            first: ``("Sveriges Kommuner och Landsting", "2019-11-26")``.
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
    wikidata: str | None = None
    former_names: tuple[tuple[str, str], ...] = ()

    def name_on(self, date: str | None) -> str:
        """The name the actor had on an ISO ``date`` (its current name without one).

        Example:
            >>> skr = Actor("skr", "Sveriges Kommuner och Regioner", "network", "public",
            ...             former_names=(("Sveriges Kommuner och Landsting", "2019-11-26"),))
            >>> skr.name_on("2019-11-26"), skr.name_on("2019-11-27"), skr.name_on(None)
            ('Sveriges Kommuner och Landsting', 'Sveriges Kommuner och Regioner', \
'Sveriges Kommuner och Regioner')
        """
        if date:
            for name, last in self.former_names:
                if date[:10] <= last:
                    return name
        return self.name


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
        for spelling in (
            actor.name,
            *(n for n, _ in actor.former_names),
            *actor.aliases,
        ):
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
    for key in ("part_of", "website", "org_number", "wikidata"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise bad(f"{key!r} must be a text")
    if not isinstance(entry.get("mention", True), bool):
        raise bad("'mention' must be true or false")
    from graphkit.resolve.identifiers import org_number_problem, wikidata_problem

    for key, check in (
        ("org_number", org_number_problem),
        ("wikidata", wikidata_problem),
    ):
        problem = check(entry[key]) if entry.get(key) else None
        if problem:
            raise bad(f"{key}: {problem}")
    former = _former_names(entry.get("former_names"), bad)
    return Actor(
        id=entry["id"],
        name=entry["name"],
        type=entry["type"],
        sector=entry["sector"],
        # a former name is also an alias: documents of any date write it
        aliases=tuple(dict.fromkeys((*lists["aliases"], *(n for n, _ in former)))),
        member_of=lists["member_of"],
        part_of=entry.get("part_of"),
        website=entry.get("website"),
        org_number=entry.get("org_number"),
        mention=entry.get("mention", True),
        wikidata=entry.get("wikidata"),
        former_names=former,
    )


def _former_names(
    value: object, bad: Callable[[str], ResolveError]
) -> tuple[tuple[str, str], ...]:
    """``former_names: [{name: …, until: YYYY-MM-DD}, …]`` as ``(name, until)``, oldest first."""
    import datetime

    if value is None:
        return ()
    if not isinstance(value, list):
        raise bad("'former_names' must be a list of {name, until}")
    found = []
    for item in value:
        until = item.get("until") if isinstance(item, dict) else None
        if isinstance(until, datetime.date):
            until = until.isoformat()
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(until, str):
            raise bad("each of 'former_names' needs 'name' and 'until' (YYYY-MM-DD)")
        try:
            datetime.date.fromisoformat(until)
        except ValueError:
            raise bad(f"former name {name!r}: {until!r} is not a date") from None
        found.append((name, until))
    return tuple(sorted(found, key=lambda pair: pair[1]))
