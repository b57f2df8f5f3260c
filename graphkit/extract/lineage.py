"""Free-text sections → Lineage: sentences saying a project builds on earlier work.

Swedish project texts say where a project comes from in a few ways, each a rule here
and its words a row of ``data/reference/lineage_cues.csv``:

- a *builds-on* cue with an earlier-work noun right after it: "Projektet **baseras på**
  den ESF-förprojektering som ...", "är **en fortsättning på** ett liknande projekt",
  "**Resultat av** förprojektering i Skåne län" (some cues take pre-study nouns only);
- a pre-study noun with a past verb of doing: "den **förprojektering som** föreningen
  SLUP.SE **genomfört**" (the owner stands between), "två **förprojekteringar** ...
  **har genomförts** i Stockholms län och i Skåne län" (not in a pre-study's own text,
  which speaks of itself so).

What the sentence says of the earlier work is kept: its owner as written (and the actor
the text's names resolved it to), a quoted title, and each place named with "i"
(a county, an ESF region or a municipality, with the counties it means). Every window
is bounded, so a line is read in linear time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graphkit.concepts import region_concept
from graphkit.extract.lexicon import lexicon
from graphkit.extract.roles import sentence_ends
from graphkit.gazetteer import Gazetteer, load_gazetteer, municipality_key
from graphkit.records import Lineage, Link, ProjectRecord
from graphkit.reference import reference_list

__all__ = ["find_lineage"]

#: Words between a cue and its noun, and between a noun and its verb, at most.
_NOUN_REACH = 5
_VERB_REACH = 14
_SENTENCE_MAX = 300
_WORD = re.compile(r"[\w.+:-]+|[,;()\"“”«»]")
_TITLE = re.compile(r"[\"“”«»]([^\"“”«»\n]{3,120})[\"“”«»]")
_PLACE = re.compile(
    r"\bi\s+([A-ZÅÄÖ][\w-]{1,30}(?:\s+(?:[A-ZÅÄÖ][\w-]{1,30}))?(?:\s+län)?)"
)
_YEAR = re.compile(r"(?<![\d/-])(?:19[5-9]\d|20[0-4]\d)(?![\d/])")
_OWNER_SKIP = frozenset({"har", "hade", "tidigare", "själva", "själv", "då"})


@dataclass(frozen=True, slots=True)
class _Cues:
    builds_on: re.Pattern[str]
    pre_study_only: frozenset[str]
    pre_study: tuple[str, ...]
    project: tuple[str, ...]
    done: frozenset[str]


@functools.cache
def _cues() -> _Cues:
    rows = reference_list("lineage_cues")
    phrases = sorted(
        (e.value for e in rows if e.get("kind") == "builds-on"), key=len, reverse=True
    )
    return _Cues(
        re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])",
            re.IGNORECASE,
        ),
        frozenset(
            e.value.casefold()
            for e in rows
            if e.get("kind") == "builds-on" and e.get("objects") == "pre-study"
        ),
        tuple(e.value for e in rows if e.get("kind") == "pre-study"),
        tuple(e.value for e in rows if e.get("kind") == "project"),
        frozenset(e.value for e in rows if e.get("kind") == "done"),
    )


def _noun_kind(word: str, cues: _Cues) -> str | None:
    """``pre-study``, ``project`` or None for one word ("ESFförprojektering")."""
    folded = word.casefold()
    if any(stem in folded for stem in cues.pre_study):
        return "pre-study"
    if folded.endswith("projektets") or folded.endswith("projekts"):
        return None  # a genitive: "projektets erfarenheter"
    if any(stem in folded for stem in cues.project):
        return "project"
    return None


def find_lineage(
    record: ProjectRecord,
    links: Iterable[Link] = (),
    gazetteer: Gazetteer | None = None,
) -> tuple[Lineage, ...]:
    """The sentences of a record's sections that say it builds on earlier work.

    Args:
        record: the record, with its sections.
        links: its resolved links; a mention inside the owner's words gives
            :attr:`Lineage.owner_actor`.
        gazetteer: the places; bundled by default.

    Example:
        >>> from graphkit.records import Section
        >>> text = ("Projektet baseras på den ESF-förprojektering som Coompanion Sjuhärad"
        ...         " drev nov 2008 -april 2009.")
        >>> record = ProjectRecord("k.txt", "0", "esf-a", sections=(Section("Bakgrund", 30, text),))
        >>> [(x.cue, x.kind, x.owner) for x in find_lineage(record)]
        [('baseras på', 'pre-study', 'Coompanion Sjuhärad')]
        >>> text = "Förprojekteringar har genomförts i Stockholms län och i Skåne län."
        >>> record = ProjectRecord("s.txt", "0", "esf-a", sections=(Section("Bakgrund", 5, text),))
        >>> [(x.place, x.counties) for x in find_lineage(record)]
        [('Stockholms län', ('01',)), ('Skåne län', ('12',))]
    """
    gazetteer = gazetteer or load_gazetteer()
    own_pre_study = (
        str(record.phase or "").casefold().startswith(("förprojekt", "förstud"))
    )
    mentions = [(link.line, link.span, link.actor) for link in links if link.span]
    found: dict[tuple[object, ...], Lineage] = {}
    for section in record.sections:
        for index, text in enumerate(section.text.split("\n")):
            line = section.source_line(index)
            for item in _line_lineage(text, own_pre_study, gazetteer):
                owner_actor = next(
                    (
                        actor
                        for at, span, actor in mentions
                        if at == line
                        and item.owner_span is not None
                        and span is not None
                        and item.owner_span[0] <= span[0] < item.owner_span[1]
                    ),
                    None,
                )
                statement = Lineage(
                    item.cue,
                    item.kind,
                    line,
                    section.heading,
                    item.sentence,
                    item.owner,
                    owner_actor,
                    item.title,
                    item.place,
                    item.counties,
                    item.years,
                )
                key = (line, item.kind, item.owner, item.title, item.place)
                found.setdefault(key, statement)
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class _Found:
    cue: str
    kind: str
    sentence: str
    owner: str | None
    owner_span: tuple[int, int] | None
    title: str | None
    place: str | None
    counties: tuple[str, ...]
    years: tuple[int, ...]


def _line_lineage(
    text: str, own_pre_study: bool, gazetteer: Gazetteer
) -> Iterator[_Found]:
    cues, low = _cues(), 0
    for high in sentence_ends(text, lexicon()):
        sentence = text[low:high]
        yield from _sentence_lineage(sentence, low, own_pre_study, cues, gazetteer)
        low = high


def _sentence_lineage(
    sentence: str, offset: int, own_pre_study: bool, cues: _Cues, gazetteer: Gazetteer
) -> Iterator[_Found]:
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(sentence)]
    used: set[int] = set()  # word indexes of nouns a cue took
    statements: list[tuple[str, str, int]] = []  # (cue, kind, noun word index)
    for hit in cues.builds_on.finditer(sentence):
        first = next((i for i, w in enumerate(words) if w[1] >= hit.end()), None)
        if first is None:
            continue
        for i in range(first, min(first + _NOUN_REACH, len(words))):
            if words[i][0] in ",;()":
                break
            kind = _noun_kind(words[i][0], cues)
            if kind is None:
                continue
            if kind == "project" and hit.group().casefold() in cues.pre_study_only:
                break
            if (
                kind == "project"
                and i == first
                and not _TITLE.match(sentence, words[i][2] + 1)
            ):
                break  # a bare "bygger på projektet": the project itself
            statements.append((hit.group(), kind, i))
            used.add(i)
            break
    for i, (word, _, _) in enumerate(words):
        if i not in used and _noun_kind(word, cues) == "pre-study":
            verb = _done_verb(words, i, cues)
            if verb is not None and not (
                own_pre_study and not _has_som(words, i, verb)
            ):
                statements.append((_verb_cue(words, i, verb), "pre-study", i))
    evidence = _short(sentence.strip(), _SENTENCE_MAX)
    for cue, kind, noun in statements:
        verb = _done_verb(words, noun, cues)
        owner, owner_span = _owner(sentence, words, noun, verb)
        title_match = _TITLE.search(sentence, words[noun][2], words[noun][2] + 80)
        title = title_match.group(1).strip() if title_match else None
        places: list[tuple[str | None, tuple[str, ...]]] = list(
            _places(sentence, words[noun][2], gazetteer)
        )
        span = (owner_span[0] + offset, owner_span[1] + offset) if owner_span else None
        years = tuple(sorted({int(y) for y in _YEAR.findall(sentence, words[noun][2])}))
        for place, counties in places or [(None, ())]:
            yield _Found(
                cue, kind, evidence, owner, span, title, place, counties, years
            )


def _verb_cue(words: list[tuple[str, int, int]], noun: int, verb: int) -> str:
    """The cue of a noun and its verb: "förprojektering som … genomfört"."""
    parts = [words[noun][0]]
    if _has_som(words, noun, verb):
        parts.append("som")
    first = verb
    if verb - 1 > noun and words[verb - 1][0].casefold() in ("har", "hade"):
        first = verb - 1
    if first > noun + len(parts):
        parts.append("…")
    return " ".join(parts + [w[0].rstrip(".:") for w in words[first : verb + 1]])


def _short(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _done_verb(words: list[tuple[str, int, int]], noun: int, cues: _Cues) -> int | None:
    """The index of a past verb of doing within reach after the noun, before a comma."""
    for i in range(noun + 1, min(noun + _VERB_REACH, len(words))):
        if words[i][0] in ";()":
            return None
        if words[i][0].rstrip(".:").casefold() in cues.done:
            return i
    return None


def _has_som(words: list[tuple[str, int, int]], noun: int, verb: int) -> bool:
    return any(w[0].casefold() == "som" for w in words[noun + 1 : verb])


def _owner(
    sentence: str, words: list[tuple[str, int, int]], noun: int, verb: int | None
) -> tuple[str | None, tuple[int, int] | None]:
    """Who ran the earlier work: "som X drev" or "har genomförts av X"."""
    if verb is None:
        return None, None
    between = words[noun + 1 : verb]
    som = next((k for k, w in enumerate(between) if w[0].casefold() == "som"), None)
    if som is not None:
        part = [w for w in between[som + 1 :] if w[0].casefold() not in _OWNER_SKIP]
    elif verb + 2 < len(words) and words[verb + 1][0].casefold() == "av":
        part = []
        for w in words[verb + 2 : verb + 8]:
            if w[0] in ",;()" or w[0].casefold() in ("och", "i", "under", "med"):
                break
            part.append(w)
    else:
        return None, None
    if not part or len(part) > 8 or not any(w[0][:1].isupper() for w in part):
        return None, None
    start, end = part[0][1], part[-1][2]
    return sentence[start:end].strip(" .,"), (start, end)


def _places(
    sentence: str, start: int, gazetteer: Gazetteer
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each place named with "i" after ``start`` that is a county, ESF region or municipality."""
    taken = []
    for match in _region_names().finditer(sentence, start):  # "i Småland och öarna"
        counties = _counties_of(match.group(1), gazetteer)
        if counties:
            taken.append(match.span())
            yield match.group(1), counties
    for match in _PLACE.finditer(sentence, start):
        if any(a <= match.start() < b for a, b in taken):
            continue
        name = match.group(1)
        counties = _counties_of(name, gazetteer)
        if not counties and " " in name:  # "i Skåne län" read as far as it goes
            name = name.split(" ")[0]
            counties = _counties_of(name, gazetteer)
        if counties:
            yield name, counties


@functools.cache
def _region_names() -> re.Pattern[str]:
    """ "i <ESF region>", for the region names that are not one capitalised word."""
    names = sorted(
        (
            e.value
            for e in reference_list("concept_aliases")
            if e.get("scheme") == "esf-region"
        ),
        key=len,
        reverse=True,
    )
    return re.compile(
        r"\bi\s+(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
        re.IGNORECASE,
    )


def _counties_of(name: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    key = municipality_key(name.removesuffix(" län"))
    for code, county in gazetteer.counties:
        short = county.removesuffix(" län")
        if key in (municipality_key(short), municipality_key(short.removesuffix("s"))):
            return (code,)
    region = region_concept(name)
    if region is not None:
        return next(
            (
                counties
                for code, _, counties in gazetteer.regions
                if code == region.notation
            ),
            (),
        )
    place = gazetteer.lookup(name)
    return (place.county_code,) if place is not None else ()
