"""A line of running text → the organisation and municipality names in it, as spans.

Recognisers, all precompiled and each one pass over the line: names of the registry and
of the public-body lists (``Region Örebro``, ``Skatteverket``, ``Uppsala universitet``),
organisation shapes (``Region X``, ``Länsstyrelsen i X``, ``Samordningsförbundet Östra och
Norra Skaraborg``, ``X folkhögskola``, ``X AB``, ``Migrationsverket``, ``Navigatorcentrum
X``, Norwegian ``X videregående skole``), municipalities as bodies (``Vara kommun``,
``Göteborgs stad``, ``Vilhelmina, Åsele, Dorotea kommuner``) and bare municipality names.
Overlaps are settled longest first with a character mask, so the work stays linear in
the length of the line; a place inside an organisation's name is therefore never a place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graphkit.extract.lexicon import CAP, Lexicon, lexicon
from graphkit.gazetteer import Gazetteer, municipality_key
from graphkit.reference import (
    public_bodies,
    public_body_spellings,
    reference_list,
    reference_values,
)
from graphkit.registry import Actor

__all__ = ["Known", "Name", "find_names", "known_matcher"]

_CAPITALISED = re.compile(rf"\b{CAP}")
_MUNICIPALITY = re.compile(
    rf"\b((?:{CAP}[ -]){{0,2}}{CAP})\s+(?:kommun|stad|Kommun|Stad|KOMMUN|STAD)"
    r"(?:s\s+[\w-]*förvaltning(?:en)?)?(?![\w-])"
)
_SEVERAL = re.compile(
    rf"\b({CAP}(?:[ ]{CAP})?(?:(?:,\s*|\s+(?:och|samt)\s+){CAP}(?:[ ]{CAP})?){{1,9}})"
    r"\s+kommun(?:er)?(?![\w-])"
)
#: Which recogniser wins a tie (same span): the registry's and a bare ambiguous name's
#: reading before a reference list's, a municipality's, then an organisation shape's.
_RANK = {"registry": 0, "ambiguous": 0, "fund": 0, "public": 1, "municipality": 1}
_RANK |= {"phrase": 2, "place": 3}
_PART_SPLIT = re.compile(r",\s*|\s+(?:och|samt)\s+")
_ARTICLE = re.compile(
    r"(?:^|\s)(?:en|ett|varje|något|någon|ny|nytt|eget)\s+$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Name:
    """A name found in a line.

    Attributes:
        start, end: its offsets in the line.
        surface: the words as written.
        kind: ``registry``, ``public`` (a reference list), ``phrase`` (organisation
            shape), ``municipality`` (a body, "Vara kommun"), ``place`` (a bare
            municipality name), ``ambiguous`` (a bare "Coompanion") or ``fund``.
        actors: registry ids or ``municipality/<code>`` (several for "A, B kommuner").
        reach: characters after ``end`` that belong to it (a genitive ``s``/``:s``).
    """

    start: int
    end: int
    surface: str
    kind: str
    actors: tuple[str, ...] = ()
    reach: int = 0


#: A word of running text, as a key into the index of known names.
_TOKEN = re.compile(r"[\w][\w&'’.+/-]*")


@dataclass(frozen=True, slots=True)
class Known:
    """Every registry, public-body and fund name, indexed by its first word.

    Attributes:
        first: case-folded first word → ``(case-folded name, name, exact case)``,
            longest first; short all-capital abbreviations (``AF``, ``REVES``) match
            in capitals only, other names in any case.
        by_name: case-folded name → ``(kind, registry id or None)``.
    """

    first: dict[str, tuple[tuple[str, str, bool], ...]]
    by_name: dict[str, tuple[str, str | None]]


@functools.lru_cache(maxsize=8)
def known_matcher(actors: tuple[Actor, ...]) -> Known:
    """The index of known names for a registry (built once per registry)."""
    by_name: dict[str, tuple[str, str | None]] = {}
    for value in reference_values("funds"):
        by_name[value] = ("fund", None)
    for spelling in public_bodies():
        by_name.setdefault(spelling, ("public", None))
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            if actor.mention or name != actor.name:
                by_name[name.casefold()] = ("registry", actor.id)
    spellings = {
        name
        for actor in actors
        if actor.mention
        for name in (actor.name, *actor.aliases)
        if len(name) >= 2
    }
    spellings |= {n for n in public_body_spellings() if len(n) >= 2}
    spellings |= {e.value for e in reference_list("funds") if len(e.value) >= 2}
    first: dict[str, list[tuple[str, str, bool]]] = {}
    for name in sorted(spellings, key=lambda n: (-len(n), n)):
        token = _TOKEN.match(name)
        if token is None:
            continue
        exact = name.isupper() and len(name) <= 6
        first.setdefault(token.group(0).casefold(), []).append(
            (name.casefold(), name, exact)
        )
    return Known({k: tuple(v) for k, v in first.items()}, by_name)


def find_names(
    text: str,
    known: Known,
    gazetteer: Gazetteer,
) -> list[Name]:
    """The names in one line, without overlaps, in text order.

    Example:
        >>> from graphkit.gazetteer import load_gazetteer
        >>> from graphkit.registry import load_registry
        >>> known = known_matcher(load_registry().actors)
        >>> text = "Region Örebro och Uppsala universitet samverkar med Vara kommun i Hjo."
        >>> [(n.surface, n.kind) for n in find_names(text, known, load_gazetteer())]
        [('Region Örebro', 'public'), ('Uppsala universitet', 'public'), \
('Vara kommun', 'municipality'), ('Hjo', 'place')]
    """
    lex = lexicon()
    candidates = list(_known(text, known))
    candidates += _municipalities(text, gazetteer)
    candidates += _shapes(text, lex)
    candidates.sort(key=lambda n: (n.start - n.end - n.reach, n.start, _RANK[n.kind]))
    mask = bytearray(len(text))
    chosen: list[Name] = []
    for name in candidates:
        end = name.end + name.reach
        if mask.find(1, name.start, end) != -1:
            continue
        mask[name.start : end] = b"\x01" * (end - name.start)
        chosen.append(name)
    chosen += _bare_places(text, gazetteer, mask)
    return sorted(chosen, key=lambda n: n.start)


def _known(text: str, known: Known) -> list[Name]:
    folded = text.casefold()
    if len(folded) != len(text):  # a letter whose case-folding changes its length
        folded = text
    hits = {t for t in set(_TOKEN.findall(folded)) if _options(t, known) is not None}
    if not hits:
        return []
    found = []
    for match in _TOKEN.finditer(folded):
        start = match.start()
        word = match.group(0)
        if word not in hits or (
            start and (text[start - 1].isalnum() or text[start - 1] == ".")
        ):
            continue
        for key, written, exact in _options(word, known) or ():
            end = start + len(key)
            here = text[start:end] if exact else folded[start:end].casefold()
            if here != (written if exact else key):
                continue
            after = end + 2 if text.startswith(":s", end) else end
            after += (
                text.startswith("s", after)
                and not text[after + 1 : after + 2].isalnum()
            )
            if after < len(text) and (text[after].isalnum() or text[after] in "_+"):
                continue
            kind, actor = known.by_name.get(key, ("registry", None))
            if kind == "registry" and key in _ambiguous():
                kind, actor = "ambiguous", None
            surface = text[start:end]
            actors = (actor,) if actor else ()
            found.append(Name(start, end, surface, kind, actors, after - end))
            break
    return found


def _options(word: str, known: Known) -> tuple[tuple[str, str, bool], ...] | None:
    options = known.first.get(word) or known.first.get(word.rstrip(".:"))
    if options is None and word.endswith("s"):
        options = known.first.get(word.removesuffix(":s").removesuffix("s"))
    return options


@functools.cache
def _ambiguous() -> frozenset[str]:
    return reference_values("ambiguous_names")


def _municipalities(text: str, gazetteer: Gazetteer) -> list[Name]:
    found = []
    for match in _SEVERAL.finditer(text):
        found += _several(text, match, gazetteer)
    for match in _MUNICIPALITY.finditer(text):
        words = match.group(1).replace("-", " ").split()
        offset = match.start(1)
        for skip in range(len(words)):
            tail = " ".join(words[skip:])
            code = _code(tail, gazetteer)
            if code:
                start = offset + len(" ".join(words[:skip])) + (1 if skip else 0)
                found.append(
                    Name(
                        start,
                        match.end(),
                        text[start : match.end()],
                        "municipality",
                        (f"municipality/{code}",),
                    )
                )
                break
    return found


def _several(text: str, match: re.Match[str], gazetteer: Gazetteer) -> list[Name]:
    """ "Vilhelmina, Åsele, Dorotea kommuner": the longest run of municipalities before
    the plural, one name with several actors."""
    offsets = [match.start(1)]
    offsets += [
        m.end() for m in _PART_SPLIT.finditer(text, match.start(1), match.end(1))
    ]
    bounds = [
        *[m.start() for m in _PART_SPLIT.finditer(text, match.start(1), match.end(1))]
    ]
    bounds.append(match.end(1))
    parts = [text[a:b] for a, b in zip(offsets, bounds, strict=True)]
    if any(p.casefold().endswith((" stad", " kommun")) for p in parts):
        return []  # "Borås Stad och Ulricehamns kommun": two names, read one by one
    codes = [_code(part, gazetteer) for part in parts]
    first = len(codes)
    while first > 0 and codes[first - 1]:
        first -= 1
    if len(codes) - first < 2:
        return []
    start = offsets[first]
    return [
        Name(
            start,
            match.end(),
            text[start : match.end()],
            "municipality",
            tuple(f"municipality/{c}" for c in codes[first:]),
        )
    ]


def _code(name: str, gazetteer: Gazetteer) -> str | None:
    """The SCB code of a municipality name, also in the genitive ("Olofströms")."""
    key = municipality_key(name)
    code = gazetteer.index.get(key)
    if code is None and key.endswith("s"):
        code = gazetteer.index.get(key[:-1])
    return code


def _shapes(text: str, lex: Lexicon) -> list[Name]:
    found = []
    for pattern in (lex.lead, lex.head, lex.suffix):
        for match in pattern.finditer(text):
            name = _trimmed(text, match.start(), match.end(), lex)
            if name is not None:
                found.append(name)
    for match in lex.ambiguous.finditer(text):
        found.append(Name(match.start(), match.end(), match.group(0), "ambiguous"))
    return found


def _trimmed(text: str, start: int, end: int, lex: Lexicon) -> Name | None:
    """The organisation phrase without leading function words, or None if generic."""
    while True:
        space = text.find(" ", start, end)
        if space == -1 or text[start:space].casefold() not in lex.function_words:
            break
        start = space + 1
    surface = text[start:end].strip()
    if not surface or not surface[0].isupper():
        return None
    if _ARTICLE.search(text, max(0, start - 12), start):
        return None  # "ett Navigatorcentrum": a kind of body, not a name
    first = surface.split()[0].casefold()
    if surface.casefold() in lex.generic_words or first in lex.function_words:
        return None
    if " " not in surface and surface.casefold().endswith(lex.unit_words):
        return None
    words = surface.split()
    for i in range(1, len(words) - 1):  # "Region Värmlands Värmlandsstrategi"
        if words[i].endswith("s") and words[i + 1][:1].isupper():
            surface = " ".join(words[: i + 1])[:-1]
            break
    return Name(start, start + len(surface), surface, "phrase")


_FIRST_WORDS: dict[int, frozenset[str]] = {}
_TWO_WORDS = re.compile(rf"[ -]({CAP})")


def _first_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Case-folded words that begin a municipality's name (also in the genitive)."""
    found = _FIRST_WORDS.get(id(gazetteer))
    if found is None:
        words = set()
        for m in gazetteer.municipalities:
            for name in (m.name, m.official_name):
                first = name.replace("-", " ").split()[0].casefold()
                words |= {first, first + "s", name.casefold().replace(" ", "")}
        found = _FIRST_WORDS[id(gazetteer)] = frozenset(words)
    return found


def _bare_places(text: str, gazetteer: Gazetteer, mask: bytearray) -> list[Name]:
    found = []
    skip_to = 0
    firsts = _first_words(gazetteer)
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        word = match.group(0)
        if start < skip_to or word.casefold().rstrip(".") not in firsts:
            continue
        end = start + len(word)
        two = _TWO_WORDS.match(text, end, end + 40)
        if two:
            both = two.end()
            code = gazetteer.index.get(municipality_key(text[start:both]))
            if code and mask.find(1, start, both) == -1:
                code_id = f"municipality/{code}"
                found.append(Name(start, both, text[start:both], "place", (code_id,)))
                skip_to = both
                continue
        if mask.find(1, start, end) != -1:
            continue
        key = municipality_key(word)
        code = gazetteer.index.get(key)
        if code is None and key.endswith("s") and len(key) > 4:
            code = gazetteer.index.get(key[:-1])
        if code:
            found.append(Name(start, end, word, "place", (f"municipality/{code}",)))
    return found
