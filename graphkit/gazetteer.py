"""Municipalities, counties and ESF regions: the bundled reference data and name lookup."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.bundled import data_path
from graphkit.errors import GraphkitError, ResolveError
from graphkit.reference import reference_list

__all__ = ["Gazetteer", "Municipality", "load_gazetteer", "municipality_key"]

#: Reference list of former and other names of municipalities (``value,reason,code``).
FORMER_NAMES_LIST = "former_municipality_names"
_PLACE_SPLIT = re.compile(r"\s*(?:[,;&]|\s+och\s+|\s+samt\s+)\s*")


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
    codes: dict[str, Municipality] = field(repr=False, init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", {m.code: m for m in self.municipalities})

    def by_code(self, code: str) -> Municipality:
        """The municipality with SCB code ``code``."""
        return self.codes[code]

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

    def list_places(self, text: str) -> tuple[tuple[str, Municipality], ...] | None:
        """The municipalities of a text that is a list of places, or None if it is not.

        The text is split at commas, semicolons, ``och``, ``samt`` and ``&``; a
        trailing ``kommun``/``kommuner``/``stad`` may follow each part or the last
        one (``Vilhelmina, Åsele, Dorotea kommuner``). Every part must be a
        capitalised municipality name, so a common word such as Vara or Hjo counts
        here, in a list of places, and nowhere else. Linear in the text's length.

        Returns:
            ``(name as written, municipality)`` per part (``Hjo kommun`` keeps its
            ``kommun``; a ``kommuner`` shared by the list is left out), or None.

        Example:
            >>> g = load_gazetteer()
            >>> [m.code for _, m in g.list_places("Vara, Hjo och Tibro kommuner")]
            ['1470', '1497', '1472']
            >>> [w for w, _ in g.list_places("Östra Göinge, Hjo kommun")]
            ['Östra Göinge', 'Hjo kommun']
            >>> g.list_places("Vara med i projektet") is None
            True
        """
        text = re.sub(r"\s+(?:kommuner(?:na)?|municipalities)\.?$", "", text)
        parts = [p.strip() for p in _PLACE_SPLIT.split(text.strip())]
        if not parts or len(text) > 1000:
            return None
        found = []
        for part in parts:
            municipality = self.lookup(part) if part[:1].isupper() else None
            if municipality is None:
                return None
            found.append((part, municipality))
        return tuple(found)

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


@functools.lru_cache(maxsize=1 << 16)
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
    try:
        counties = _rows(data_path("counties.csv"))
        regions = _rows(data_path("esf_regions.csv"))
        rows = _rows(data_path("municipalities.csv"))
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
    index.update(_former_names(index))
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


def _former_names(index: dict[str, str]) -> dict[str, str]:
    """Spelling key → SCB code of the names in ``former_municipality_names.csv``.

    A name that is already a current name, or whose code is not a municipality's,
    is an error in the list (it would silently move a place).

    Raises:
        ResolveError: for such an entry.
    """
    codes = set(index.values())
    found: dict[str, str] = {}
    try:
        entries = reference_list(FORMER_NAMES_LIST)
    except GraphkitError as e:
        raise ResolveError(f"reference data unreadable: {e}") from e
    for entry in entries:
        key, code = municipality_key(entry.value), entry.get("code") or ""
        if code not in codes or index.get(key, code) != code:
            raise ResolveError(
                f"{FORMER_NAMES_LIST}.csv: {entry.value!r} → {code!r} is not a"
                " municipality code, or the name already means another municipality"
            )
        found[key] = code
    return found


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
