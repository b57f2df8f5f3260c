"""Reference words → compiled patterns: the language extract reads running text with.

Every word list is a data file of ``graphkit/data/reference/`` (see its README): organisation
words (``organisation_words``), role cues (``role_cues``), fund names, function words,
sentence abbreviations, municipality names that are also common words, ambiguous bare names
and the public bodies that can be listed exhaustively (regions, county administrative
boards, national agencies, universities, study associations). This module turns them into
precompiled regular expressions, once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graphkit.reference import reference_list, reference_values

__all__ = ["CAP", "Cue", "Lexicon", "lexicon"]

#: A capitalised word: ``Region``, ``Västra``, ``Jämtland-Härjedalen``, ``SLUP.SE``.
CAP = r"[A-ZÅÄÖÉÆØÜ](?:[\w&'’-]|\.(?=\w))*"


@dataclass(frozen=True, slots=True)
class Cue:
    """Words of a sentence that give the names next to them a role.

    Attributes:
        words: the cue as written in ``role_cues.csv`` (lower case).
        role: ``owner``, ``partner``, ``cofinancier`` or ``group``.
        direction: where the names stand: ``after`` the cue ("i samverkan med X"),
            ``before`` it ("X driver projektet"), or ``both`` ("I Norge deltar X",
            "X och Y deltar": after, or else before).
        needs_project: the sentence must speak of the project for the cue to count.
    """

    words: str
    role: str
    direction: str
    needs_project: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled patterns (see the module docstring)."""

    lead: re.Pattern[str]
    head: re.Pattern[str]
    suffix: re.Pattern[str]
    ambiguous: re.Pattern[str]
    cue: re.Pattern[str]
    cues: dict[str, Cue]
    function_words: frozenset[str]
    generic_words: frozenset[str]
    unit_words: tuple[str, ...]
    funds: frozenset[str]
    common_places: frozenset[str]
    abbreviations: frozenset[str]
    given_names: frozenset[str]
    types: dict[str, str]


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


@functools.cache
def lexicon() -> Lexicon:
    """The patterns built from the bundled lists (cached).

    Example:
        >>> bool(lexicon().lead.fullmatch("Region Jönköpings län"))
        True
    """
    words = reference_list("organisation_words")
    by_position: dict[str, list[str]] = {}
    types: dict[str, str] = {}
    for entry in words:
        position = entry.get("position") or "head"
        by_position.setdefault(position, []).append(entry.value)
        types.setdefault(entry.value.casefold(), entry.get("type") or "unknown")
    tail = (
        rf"(?:\s+(?:i\s+|för\s+)?{CAP}(?:[ ]{CAP}){{0,3}}"
        rf"(?:\s+(?:i|för)\s+{CAP}(?:[ ]{CAP}){{0,2}})?(?:s?\s+län)?)"
    )
    and_tail = rf"{tail}(?:\s+och\s+{CAP}(?:[ ]{CAP}){{0,2}})?"
    lead = (
        rf"\b(?:(?:{_alternation(by_position.get('lead-and', []))}){and_tail}"
        rf"|(?:{_alternation(by_position.get('lead', []))}){tail})"
    )
    heads = _alternation(by_position.get("head", []))
    legal = _alternation(by_position.get("legal", []))
    head = (
        rf"\b{CAP}[ ](?:(?:(?:i|för)[ ])?{CAP}[ ]){{0,3}}(?:läns[ ])?"
        rf"(?:(?:[Ee]konomisk|[Ii]deell|videregående)[ ])?"
        rf"(?:[\w-]*(?i:{heads})|{legal})\b"
    )
    suffixes = _alternation(by_position.get("suffix", []))
    units = _alternation(by_position.get("suffix-unit", []))
    directions = "Västra|Östra|Norra|Södra|Mellersta|Stora|Lilla|Övre|Nedre"
    suffix = (
        rf"\b(?:(?:{directions})[ ])?(?:"
        rf"[A-ZÅÄÖÆØ][\wåäöæø-]{{2,}}(?:{suffixes}){tail}?"
        rf"|[A-ZÅÄÖÆØ][\wåäöæø-]{{2,}}(?:{units})\s+i\s+{CAP}(?:[ ]{CAP}){{0,2}})\b"
    )
    ambiguous = (
        rf"\b(?:{_alternation([e.value for e in reference_list('ambiguous_names')])})\b"
    )
    cues = {
        e.value.casefold(): Cue(
            e.value.casefold(),
            e.get("role") or "partner",
            e.get("direction") or "after",
            e.get("needs_project") != "no",
        )
        for e in reference_list("role_cues")
    }
    cue = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(
            re.escape(c).replace(r"\ ", r"\s+")
            for c in sorted(cues, key=lambda c: -len(c))
        )
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    return Lexicon(
        lead=re.compile(lead),
        head=re.compile(head),
        suffix=re.compile(suffix),
        ambiguous=re.compile(ambiguous),
        cue=cue,
        cues=cues,
        function_words=reference_values("function_words"),
        generic_words=reference_values("generic_words"),
        unit_words=tuple(sorted(reference_values("unit_words"))),
        funds=reference_values("funds"),
        common_places=reference_values("common_word_places"),
        abbreviations=reference_values("sentence_abbreviations"),
        given_names=reference_values("given_names"),
        types=types,
    )
