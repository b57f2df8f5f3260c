"""A bare municipality name in running text → whether the text means it as a place.

Decided by the words around it, a bounded look either side: "i Vara", a name among
other municipalities, a list of places. Not a place: a county ("Örebro län", "Stockholm"
among "Skåne, Västra Götaland, Stockholm"), a place only compared with the project's
area ("högre än i Stockholm"), a compound ("Örebromodellen", "Örebro-modellen"). A name
that is also a common word (``common_word_places.csv``: Vara, Mark, Hjo) needs a place
context; at the start of a sentence it is read as the word.
"""

from __future__ import annotations

import re

from graphkit.extract.lexicon import CAP, Lexicon
from graphkit.extract.names import Name
from graphkit.gazetteer import Gazetteer, municipality_key

__all__ = ["is_place"]

_COMPARED = re.compile(
    r"(?:jämfört med|jämförelse med|till skillnad från|än i|än på|än)\s+"
    r"(?:[A-ZÅÄÖ][\w-]*(?:,\s*|\s+och\s+|\s+samt\s+))*$",
    re.IGNORECASE,
)
_PLACE_WORD = re.compile(
    r"(?:^|\s)(?:i|på|från|till|inom|kring|runt|utanför|mellan|och|samt|,)\s*$",
    re.IGNORECASE,
)
_BEFORE = re.compile(rf"({CAP}(?:[ ]{CAP})?)(?:s län|s)?(?:,\s*|\s+och\s+|\s+samt\s+)$")
_AFTER = re.compile(rf"(?:,\s*|\s+och\s+|\s+samt\s+)({CAP}(?:[ ]{CAP})?)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:•]\s*|\n)\s*$")


_COUNTIES: dict[int, frozenset[str]] = {}


def _counties(gazetteer: Gazetteer) -> frozenset[str]:
    """Keys of county names that are not also a municipality (Skåne, Västra Götaland)."""
    found = _COUNTIES.get(id(gazetteer))
    if found is None:
        names = set()
        for _, county in gazetteer.counties:
            short = county.removesuffix(" län")
            for form in (county, short, short.removesuffix("s")):
                if municipality_key(form) not in gazetteer.index:
                    names.add(municipality_key(form))
        found = _COUNTIES[id(gazetteer)] = frozenset(names)
    return found


def _county_name(word: str, gazetteer: Gazetteer) -> bool:
    """Whether a municipality's name is also a county's (Stockholm, Kalmar, Gotland)."""
    key = municipality_key(word)
    return any(
        municipality_key(county.removesuffix(" län").removesuffix("s"))
        in (key, key[:-1])
        for _, county in gazetteer.counties
    )


def is_place(text: str, name: Name, lex: Lexicon, gazetteer: Gazetteer) -> bool:
    """Whether a bare municipality name found in a line means the place.

    Example:
        >>> from graphkit.extract.lexicon import lexicon
        >>> from graphkit.gazetteer import load_gazetteer
        >>> text = "Vara kommer att växa. Projektet arbetar i Vara och i Skåne, Stockholm."
        >>> at = text.index("Vara", 5), text.index("Stockholm")
        >>> vara1, vara2 = Name(0, 4, "Vara", "place"), Name(at[0], at[0] + 4, "Vara", "place")
        >>> sthlm = Name(at[1], at[1] + 9, "Stockholm", "place")
        >>> [is_place(text, n, lexicon(), load_gazetteer()) for n in (vara1, vara2, sthlm)]
        [False, True, False]
    """
    before = text[max(0, name.start - 40) : name.start]
    after = text[name.end : name.end + 40]
    if after.startswith((" län", "s län", "-", "läns", " läns")) or (
        after[:1].isalpha() and after[:1].islower()
    ):
        return False
    if _COMPARED.search(before):
        return False
    neighbours = [
        m.group(1) for m in (_BEFORE.search(before), _AFTER.match(after)) if m
    ]
    counties = _counties(gazetteer)
    if _county_name(name.surface, gazetteer) and any(
        municipality_key(n) in counties or municipality_key(n)[:-1] in counties
        for n in neighbours
    ):
        return False
    if name.surface.casefold().rstrip("s") in lex.common_places or (
        name.surface.casefold() in lex.common_places
    ):
        if _SENTENCE_START.search(before):
            return False
        return bool(_PLACE_WORD.search(before)) or any(
            municipality_key(n) in gazetteer.index for n in neighbours
        )
    return True
