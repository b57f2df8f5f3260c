"""Free-text sections → Mention: actors named in a project's running text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from graphkit.gazetteer import Gazetteer, load_gazetteer, municipality_key
from graphkit.records import Mention, ProjectRecord, Section
from graphkit.reference import reference_values
from graphkit.registry import Actor, Registry

__all__ = ["find_mentions"]

#: Municipality names that are also common Swedish words; found only as "X kommun".
_AMBIGUOUS_PLACES = frozenset(
    {
        "ale",
        "berg",
        "bjuv",
        "eda",
        "habo",
        "heby",
        "hjo",
        "kil",
        "mark",
        "mora",
        "nora",
        "sala",
        "vara",
        "ydre",
        "åre",
        "orust",
        "tanum",
        "tibro",
        "lund",
        "borås",
        "bräcke",
        "gotland",
        "salem",
        "sunne",
        "ljusdal",
        "vansbro",
    }
)

_WORD = r"[A-ZÅÄÖÉ][\w\-–.&]*"
_CAPITALISED = re.compile(rf"\b{_WORD}\b")
_GENITIVE_END = re.compile(r"(:s|s)$")
#: Organisation-shaped phrases: capitalised words ending in an organisation noun.
_ORG_PHRASE = re.compile(
    rf"\b(?:Föreningen|Stiftelsen|Samordningsförbundet|Kooperativet)(?:\s+{_WORD}){{1,4}}"
    rf"|\b(?:{_WORD}\s+){{1,4}}(?:[Ee]konomisk\s+förening|[Ii]deell\s+förening"
    rf"|\w*förening(?:en)?|\w*förbund(?:et)?|\w*kooperativ(?:et)?|[Ss]tiftelse(?:n)?)\b"
)
_MUNICIPALITY_PHRASE = re.compile(
    rf"\b((?:{_WORD}[ -]){{0,2}}{_WORD}?s?)\s+(?:kommun|stad)\b"
)


@functools.lru_cache(maxsize=8)
def _registry_matcher(
    actors: tuple[Actor, ...],
) -> tuple[re.Pattern[str], dict[str, str]]:
    """The regex of the registry's names and aliases, and name → actor id.

    Built once per registry (keyed by its actors): the pattern is large.
    """
    names = sorted(
        {
            name
            for actor in actors
            if actor.mention
            for name in (actor.name, *actor.aliases)
            if len(name) >= 2
        },
        key=lambda n: (-len(n), n),
    )
    parts = []
    for name in names:
        escaped = re.escape(name)
        # Short all-capital abbreviations (AF, SKL, REVES) match in capitals only.
        parts.append(
            escaped if name.isupper() and len(name) <= 6 else f"(?i:{escaped})"
        )
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?:s|:s)?(?![\w])")
    by_name = {
        name.casefold(): actor.id
        for actor in actors
        for name in (actor.name, *actor.aliases)
    }
    return pattern, by_name


def find_mentions(
    record: ProjectRecord,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
) -> tuple[Mention, ...]:
    """Find the actors named in a record's free-text sections.

    Registry names and aliases (longest first; short capital abbreviations such
    as ``REVES`` or ``AF`` in capitals only), municipalities (``Värmdö kommun``,
    ``Göteborgs stad``, and bare names that are not also common words), and
    organisation-shaped phrases (``Föreningen Furuboda``, ``Hemservice
    Ekonomisk förening``). List sections (partners, municipalities) are left
    to the parser. A span covered by a longer match is not matched again.

    Example:
        >>> from graphkit.records import ProjectRecord, Section
        >>> from graphkit.registry import load_registry
        >>> text = "I samverkan med REVES och Värmdö kommun. Även Föreningen Furuboda."
        >>> rec = ProjectRecord("p.txt", "0", "esf-a", sections=(
        ...     Section("Transnationellt samarbete", 12, text),))
        >>> for m in find_mentions(rec, load_registry()):
        ...     print(m.surface, m.kind, m.line)
        REVES registry 12
        Värmdö kommun municipality 12
        Föreningen Furuboda registry 12
    """
    gazetteer = gazetteer or load_gazetteer()
    pattern, by_name = _registry_matcher(registry.actors)
    found: list[Mention] = []
    for section in record.sections:
        if section.heading.casefold() in reference_values("list_sections"):
            continue
        found.extend(_section_mentions(section, pattern, by_name, gazetteer))
    return tuple(sorted(found, key=lambda m: (m.line, m.span, m.section)))


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    """The words around ``text[start:end]``, cut at word boundaries."""
    left = text.rfind(" ", 0, max(0, start - width)) + 1 if start > width else 0
    right = text.find(" ", end + width)
    return text[left : right if right != -1 else len(text)].strip()


def _section_mentions(
    section: Section,
    pattern: re.Pattern[str],
    by_name: dict[str, str],
    gazetteer: Gazetteer,
) -> Iterator[Mention]:
    for index, text in enumerate(section.text.split("\n")):
        line = section.source_line(index)
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int, taken: list[tuple[int, int]] = taken) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        for match in pattern.finditer(text):
            surface = _GENITIVE_END.sub("", match.group(0))
            actor = by_name.get(surface.casefold()) or by_name.get(
                match.group(0).casefold()
            )
            if actor is None:
                continue
            taken.append(match.span())
            yield Mention(
                surface,
                line,
                (match.start(), match.start() + len(surface)),
                section.heading,
                "registry",
                actor,
                _context(text, match.start(), match.end()),
            )
        for match in _MUNICIPALITY_PHRASE.finditer(text):
            municipality = _place(match.group(1), gazetteer)
            if municipality and free(*match.span()):
                taken.append(match.span())
                yield Mention(
                    match.group(0),
                    line,
                    match.span(),
                    section.heading,
                    "municipality",
                    f"municipality/{municipality}",
                    _context(text, *match.span()),
                )
        for match in _CAPITALISED.finditer(text):
            word = match.group(0).rstrip(".")
            start, end = match.start(), match.start() + len(word)
            following = text[end : end + 6]
            if (
                municipality_key(word) in _AMBIGUOUS_PLACES
                or start == 0
                or following.startswith((" län", "s län", "-"))
                or not free(start, end)
            ):
                continue
            code = gazetteer.index.get(municipality_key(word))
            if code:
                taken.append((start, end))
                yield Mention(
                    word,
                    line,
                    (start, end),
                    section.heading,
                    "municipality",
                    f"municipality/{code}",
                    _context(text, start, end),
                )
        for match in _ORG_PHRASE.finditer(text):
            surface = match.group(0).strip()
            if free(*match.span()) and not _generic(surface):
                taken.append(match.span())
                yield Mention(
                    surface,
                    line,
                    (match.start(), match.start() + len(surface)),
                    section.heading,
                    "phrase",
                    None,
                    _context(text, *match.span()),
                )


def _place(name: str, gazetteer: Gazetteer) -> str | None:
    """The SCB code of the place in "<place> kommun", trying shorter tails."""
    words = name.split()
    for start in range(len(words)):
        code = gazetteer.index.get(municipality_key(" ".join(words[start:])))
        if code is None and words[start:] and " ".join(words[start:]).endswith("s"):
            code = gazetteer.index.get(municipality_key(" ".join(words[start:])[:-1]))
        if code:
            return code
    return None


def _generic(phrase: str) -> bool:
    """Phrases that name a kind of organisation, not one ("Den ideella föreningen")."""
    first = phrase.split()[0].casefold()
    return first in {
        "den",
        "det",
        "de",
        "en",
        "ett",
        "varje",
        "vår",
        "vårt",
        "denna",
        "detta",
        "dessa",
        "alla",
        "flera",
        "många",
        "andra",
        "nya",
        "olika",
        "lokala",
        "ideella",
        "sociala",
        "kooperativa",
        "samtliga",
        "i",
        "och",
        "som",
        "för",
        "med",
        "av",
        "till",
        "om",
        "hos",
        "från",
        "inom",
    }
