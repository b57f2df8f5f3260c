"""The curated actor registry: canonical names, aliases, types and sectors, and name keys.

Reference data read below every stage: ``extract`` finds registry names in running text and
``resolve`` matches names to registry actors; both read the registry from here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.bundled import ontology_path
from graphkit.errors import ResolveError
from graphkit.reference import reference_list

__all__ = ["Actor", "Registry", "load_registry", "normalise_name", "slugify"]


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
    punctuation removed, genitive ``s`` of a leading word dropped.

    Example:
        >>> normalise_name("Samordningsförb. i Södertälje")
        'samordningsförbundet i södertälje'
        >>> normalise_name("KFO Service AB"), normalise_name("Coompanion Sthlms län")
        ('kfo service', 'coompanion stockholms län')
    """
    text = unicodedata.normalize("NFC", name).casefold().strip()
    for pattern, replacement in _abbreviations():
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=\w):s\b", "", text)  # genitive of an abbreviation: HSO:s
    text = re.sub(r"[\"'´`’”“()\[\]]", "", text)
    text = re.sub(r"[,;:/\-–—.]+", " ", text)
    text = " ".join(text.split())
    text = _legal_forms().sub("", text).strip()
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


def load_registry(path: str | Path | None = None) -> Registry:
    """Load the curated actor registry (YAML).

    Args:
        path: a registry file; the bundled ``ontology/actors.yaml`` by default.

    Raises:
        ResolveError: if the file is missing or malformed, naming the entry.
    """
    import yaml

    file = Path(path) if path else ontology_path("actors.yaml")
    try:
        entries = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ResolveError(f"actor registry unreadable: {e}", path=str(file)) from e
    actors = []
    index: dict[str, str] = {}
    for n, entry in enumerate(entries or [], 1):
        try:
            actor = Actor(
                id=entry["id"],
                name=entry["name"],
                type=entry["type"],
                sector=entry["sector"],
                aliases=tuple(entry.get("aliases", ())),
                member_of=tuple(entry.get("member_of", ())),
                part_of=entry.get("part_of"),
                website=entry.get("website"),
                org_number=entry.get("org_number"),
                mention=entry.get("mention", True),
            )
        except (KeyError, TypeError) as e:
            raise ResolveError(f"registry entry {n} lacks {e}", path=str(file)) from e
        actors.append(actor)
        for spelling in (actor.name, *actor.aliases):
            key = normalise_name(spelling)
            if index.get(key, actor.id) != actor.id:
                raise ResolveError(
                    f"{spelling!r} names both {index[key]} and {actor.id}",
                    path=str(file),
                )
            index[key] = actor.id
    return Registry(tuple(actors), index)
