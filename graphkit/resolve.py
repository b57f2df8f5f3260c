"""Names → canonical actors: municipalities by SCB code, organisations via the registry."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from graphkit.errors import ResolveError
from graphkit.records import Link, Listed, Mention, Problem, ProjectRecord

__all__ = [
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

#: Short names a document may use for a municipality that has another name now.
_OLD_NAMES = {"malung": "2023", "regiongotland": "0980", "gotlandskommun": "0980"}


@dataclass(frozen=True, slots=True)
class Municipality:
    """One of Sweden's 290 municipalities, with its county and ESF region."""

    code: str
    name: str
    official_name: str
    county_code: str
    county_name: str
    region_code: str
    region_name: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The municipalities, counties and ESF regions of the reference data."""

    municipalities: tuple[Municipality, ...]
    counties: tuple[tuple[str, str], ...]
    regions: tuple[tuple[str, str, tuple[str, ...]], ...]
    index: dict[str, str] = field(repr=False, default_factory=dict)

    def by_code(self, code: str) -> Municipality:
        """The municipality with SCB code ``code``."""
        return self._by_code()[code]

    def _by_code(self) -> dict[str, Municipality]:
        return {m.code: m for m in self.municipalities}

    def lookup(self, name: str) -> Municipality | None:
        """The municipality a name means, however it is spelled, or None.

        Example:
            >>> g = load_gazetteer()
            >>> [g.lookup(n).code for n in ("Upplands-Väsby", "UpplandsVäsby", "Bergs",
            ...                              "Malung", "STOCKHOLMS KOMMUN", "Göteborgs Stad")]
            ['0114', '0114', '2326', '2023', '0180', '1480']
            >>> g.lookup("Hässelby-Vällingby stadsdel") is None
            True
        """
        key = municipality_key(name)
        if not key:
            return None
        code = self.index.get(key)
        if code is None and key.endswith("s"):
            code = self.index.get(key[:-1])
        return self.by_code(code) if code else None

    def closest(
        self, name: str, threshold: float = 90.0
    ) -> tuple[Municipality, float] | None:
        """The municipality a misspelled name most likely means, with the score.

        Only a clear best match at or above ``threshold`` (rapidfuzz ratio) counts.

        Example:
            >>> found, score = load_gazetteer().closest("Stenungssund")
            >>> found.name, score >= 90
            ('Stenungsund', True)
            >>> load_gazetteer().closest("Atlantis") is None
            True
        """
        from rapidfuzz import fuzz, process

        key = municipality_key(name)
        if len(key) < 4:
            return None
        best = process.extract(key, list(self.index), scorer=fuzz.ratio, limit=2)
        if not best or best[0][1] < threshold:
            return None
        if (
            len(best) > 1
            and self.index[best[1][0]] != self.index[best[0][0]]
            and (best[1][1] >= best[0][1] - 3)
        ):
            return None
        return self.by_code(self.index[best[0][0]]), round(float(best[0][1]), 1)

    def in_name(self, name: str) -> Municipality | None:
        """The municipality an organisation name is, when it names one as a body.

        ``"Värmdö kommun, Central förvaltning"`` is Värmdö municipality; a name
        that only contains a place (``"Coompanion Uppsala"``) is not.

        Example:
            >>> g = load_gazetteer()
            >>> g.in_name("Värmdö kommun, Central förvaltning").code
            '0120'
            >>> g.in_name("Socialförvaltningen Sydväst, Göteborgs stad").name
            'Göteborg'
            >>> g.in_name("Coompanion Uppsala") is None, g.in_name("Region Skåne") is None
            (True, True)
        """
        for part in name.split(","):
            part = part.strip()
            if re.search(r"\s(kommun|stad)$", part, re.IGNORECASE) or re.fullmatch(
                r"region gotland", part, re.IGNORECASE
            ):
                found = self.lookup(part)
                if found:
                    return found
        return None


def municipality_key(name: str) -> str:
    """Spelling-independent key of a municipality name.

    Case, hyphens, spaces and a trailing ``kommun``/``stad`` do not count.

    Example:
        >>> municipality_key("Lilla-Edet"), municipality_key("Upplands Väsby kommun")
        ('lillaedet', 'upplandsväsby')
    """
    text = unicodedata.normalize("NFC", name).casefold().strip()
    text = re.sub(r"\s+(kommun|stad|municipality)$", "", text)
    return re.sub(r"[^\w]|_", "", text)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load the bundled reference tables (SCB codes, counties, ESF regions).

    Raises:
        ResolveError: if the bundled tables are missing or inconsistent.
    """
    data = resources.files("graphkit") / "data"
    try:
        counties = _rows(data / "counties.csv")
        regions = _rows(data / "esf_regions.csv")
        rows = _rows(data / "municipalities.csv")
    except (OSError, KeyError) as e:
        raise ResolveError(f"reference data unreadable: {e}") from e
    county_name = {r["county_code"]: r["county_name"] for r in counties}
    region_of = {
        code: (r["region_code"], r["region_name"])
        for r in regions
        for code in r["county_codes"].split(";")
    }
    municipalities = tuple(
        Municipality(
            code=r["municipality_code"],
            name=r["municipality_name_short"],
            official_name=r["municipality_name"],
            county_code=r["county_code"],
            county_name=county_name[r["county_code"]],
            region_code=region_of[r["county_code"]][0],
            region_name=region_of[r["county_code"]][1],
        )
        for r in rows
    )
    index: dict[str, str] = {}
    for m in municipalities:
        for spelling in (m.name, m.official_name):
            index[municipality_key(spelling)] = m.code
    index.update(_OLD_NAMES)
    if len({m.code for m in municipalities}) != 290:
        raise ResolveError("reference data must hold 290 municipalities")
    return Gazetteer(
        municipalities=municipalities,
        counties=tuple((r["county_code"], r["county_name"]) for r in counties),
        regions=tuple(
            (r["region_code"], r["region_name"], tuple(r["county_codes"].split(";")))
            for r in regions
        ),
        index=index,
    )


def _rows(path: object) -> list[dict[str, str]]:
    with resources.as_file(path) as real, open(real, encoding="utf-8") as f:  # type: ignore[arg-type]
        return list(csv.DictReader(f))


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

    def get(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id``."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)


def load_registry(path: str | Path | None = None) -> Registry:
    """Load the curated actor registry (YAML).

    Args:
        path: a registry file; the bundled ``ontology/actors.yaml`` by default.

    Raises:
        ResolveError: if the file is missing or malformed, naming the entry.
    """
    import yaml

    file = Path(path) if path else _ontology_dir() / "actors.yaml"
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


def _ontology_dir() -> Path:
    return Path(str(resources.files("graphkit") / "ontology"))


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


def load_overrides(path: str | Path | None) -> dict[str, str]:
    """Read a user's overrides: a CSV with columns ``name,actor``.

    ``actor`` is an id (``org/…`` or ``municipality/<code>``), or ``new`` to keep a
    name as its own actor. Names compare in normalised form.

    Raises:
        ResolveError: for a missing file or a row without both columns.
    """
    if path is None:
        return {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise ResolveError(f"overrides unreadable: {e.strerror}", path=str(path)) from e
    overrides = {}
    for n, row in enumerate(rows, 2):
        if not row.get("name") or not row.get("actor"):
            raise ResolveError(
                "override row needs 'name' and 'actor'", path=str(path), line=n
            )
        overrides[normalise_name(row["name"])] = row["actor"].strip()
    return overrides


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
    municipality = gazetteer.in_name(name) or (
        gazetteer.lookup(name) if _is_bare_place(name, gazetteer) else None
    )
    if municipality:
        return Resolution(
            name, f"municipality/{municipality.code}", municipality.name, "municipality"
        )
    actor_id = registry.index.get(key)
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
    if best is not None and score >= FUZZY_THRESHOLD:
        actor = registry.get(registry.index[best])
        return Resolution(name, f"org/{actor.id}", actor.name, "fuzzy", round(score, 1))
    return Resolution(
        name, f"org/{slugify(key)}", name.strip(), "new", round(score, 1), best
    )


def _is_bare_place(name: str, gazetteer: Gazetteer) -> bool:
    """A partner line that is only a municipality's name ("Botkyrka")."""
    return (
        gazetteer.lookup(name) is not None
        and len(name.split()) <= 3
        and not any(ch.isdigit() for ch in name)
    )


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
        >>> [(l.role, l.actor) for l in links]
        [('owner', 'municipality/1480'), ('partner', 'org/arbetsformedlingen'), ('covers', 'municipality/1462')]
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
