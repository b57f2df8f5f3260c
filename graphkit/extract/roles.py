"""Names in a line → the roles their sentences give them: owner, partner, co-financier, group.

A role comes only from a cue of ``role_cues.csv`` ("i samverkan med", "drivs av",
"Samverkanspartners är", "medfinansierar") and reaches only the coordinated list of names
next to it in the same sentence ("tillsammans med Mölndals stad samt
civilsamhällesorganisationerna Hassela Solidaritet och Youth 2030 Movement" gives three
partners). A list ends at its first item that is not a name; a cue never crosses a
sentence end; cues that are verbs count only in a sentence about the project. Every step
looks a bounded distance around the cue, so a line is read in linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graphkit.extract.lexicon import CAP, Lexicon
from graphkit.extract.names import Name

__all__ = ["Role", "assign_roles", "sentence_ends"]

#: How far (characters) a cue's list may reach, and a sentence kept as evidence.
_REACH = 400
_SENTENCE_MAX = 300

_END = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ0-9\"”“(•–-])|[.!?]$|;")
_ABBREVIATION = re.compile(r"(?:^|\s)(\S{1,6})$")
_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:(?:och|samt|og|and)\s+)?|\s(?:och|samt|og|and|&)\s+)"
)
_ITEM_END = re.compile(r",|\s(?:och|samt|og|and)\s")
_APPOSITIVE = re.compile(
    r"(?:(?:bl\.\s?a\.|bland annat|bland andra|t\.\s?ex\.|till exempel|exempelvis|främst"
    r"|framför allt|även|också)\s+)?(?:[a-zåäö][\w-]*\s+)?"
)
_PAREN = re.compile(r"\s*\([^()\n]{0,80}\)")
_DASH_PART = re.compile(
    rf"\s+[–-]\s+{CAP}(?:[ ]{CAP})?(?=\s*(?:[,.;)]|\s(?:och|samt|og)\s|$))"
)
_CAPSEQ = re.compile(
    rf"{CAP}(?:(?:[ ](?:i|för|of|de|and|&))?[ ](?:{CAP}|\d+\b)){{0,4}}"
)
_CAPSEQ_END = re.compile(r"\s*(?:[,.;:()]|\s(?:och|samt|og|and)\s|$)")
_PREPOSITION_BEFORE = re.compile(
    r"(?:^|\s)(?:i|från|på|till|med|av|för|hos|inom|om|under|vid)\s*$", re.IGNORECASE
)
_OTHER_PROJECT = re.compile(
    r"(?:tidigare|föregående|förra|liknande|andra|annat)\s+(?:\w+\s+)?"
    r"(?:projekt|satsning|förstudie)",
    re.IGNORECASE,
)
_PROJECT = re.compile(r"projekt|förstudie|satsning|\bvi\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Role:
    """The role a cue gave a name.

    Attributes:
        role: ``owner``, ``partner``, ``cofinancier`` or ``group``.
        cue: the cue as written in the text.
        sentence: the sentence it stands in (cut to about 300 characters).
    """

    role: str
    cue: str
    sentence: str


def sentence_ends(text: str, lex: Lexicon) -> list[int]:
    """Offsets just past each sentence end in ``text`` (the last is ``len(text)``).

    A full stop after an abbreviation (``t.ex.``, ``bl.a.``, ``ca.``) ends nothing.

    Example:
        >>> from graphkit.extract.lexicon import lexicon
        >>> text = "Vi samverkar bl.a. med Region Skåne. Projektet drivs av Lunds kommun."
        >>> [text[:i] for i in sentence_ends(text, lexicon())][0]
        'Vi samverkar bl.a. med Region Skåne.'
    """
    ends = []
    for match in _END.finditer(text):
        before = _ABBREVIATION.search(text, max(0, match.start() - 7), match.start())
        if match.group(0) == "." and before:
            word = before.group(1).casefold().lstrip("(")
            if word in lex.abbreviations or len(word) == 1:
                continue
        ends.append(match.end())
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends


def assign_roles(
    text: str,
    names: list[Name],
    lex: Lexicon,
    *,
    title: str | None = None,
) -> tuple[list[Name], dict[int, Role]]:
    """The roles the cues of one line give its names.

    Args:
        text: the line.
        names: its names from :func:`graphkit.extract.names.find_names`, in text order.
        lex: the lexicon.
        title: the project's title (a sentence naming it speaks of the project).

    Returns:
        ``(names, roles)``: the names, with the names that only a cue's list shows
        (``Hassela Solidaritet``, no organisation word) added, and the role of each
        name by its index in that list.

    Example:
        >>> from graphkit.extract.lexicon import lexicon
        >>> text = "Projektet drivs av Region Skåne tillsammans med Hassela Solidaritet."
        >>> names = [Name(19, 31, "Region Skåne", "public")]
        >>> names, roles = assign_roles(text, names, lexicon())
        >>> [(names[i].surface, r.role, r.cue) for i, r in sorted(roles.items())]
        [('Region Skåne', 'owner', 'drivs av'), ('Hassela Solidaritet', 'partner', \
'tillsammans med')]
    """
    cues = list(lex.cue.finditer(text))
    if not cues:
        return names, {}
    ends = sentence_ends(text, lex)
    names = _with_list_names(text, names, cues, ends, lex)
    starts = [n.start for n in names]
    by_start = {n.start: i for i, n in enumerate(names)}
    by_end = {n.end: i for i, n in enumerate(names)}
    roles: dict[int, Role] = {}
    for match in cues:
        cue = lex.cues[" ".join(match.group(0).casefold().split())]
        low, high = _sentence(ends, match.start())
        if cue.needs_project and not _about_project(text, low, high, match, title):
            continue
        taken = []
        if cue.direction != "before":
            limit = min(high, match.end() + _REACH)
            taken = _walk(text, match.end(), limit, by_start, starts, names)
        if not taken and cue.direction != "after":
            taken = _walk_back(text, match.start(), low, by_end, starts, names)
        if not taken:
            continue
        sentence = _evidence(text, low, high, match.start())
        for index in taken:
            if _person(names[index], lex):
                continue  # "Anna Svensson": a person takes no role
            roles.setdefault(
                index, Role(cue.role, " ".join(match.group(0).split()), sentence)
            )
    return names, roles


def _sentence(ends: list[int], position: int) -> tuple[int, int]:
    i = bisect.bisect_right(ends, position)
    low = ends[i - 1] if i else 0
    return low, ends[i] if i < len(ends) else ends[-1]


def _about_project(
    text: str, low: int, high: int, match: re.Match[str], title: str | None
) -> bool:
    window = text[max(low, match.start() - 300) : min(high, match.end() + 300)]
    if _OTHER_PROJECT.search(window):
        return False  # "ett tidigare projekt drevs av ...": not this project
    if _PROJECT.search(window):
        return True
    return bool(title) and title is not None and title.casefold() in window.casefold()


def _evidence(text: str, low: int, high: int, at: int) -> str:
    if high - low <= _SENTENCE_MAX:
        return text[low:high].strip()
    start = max(low, at - _SENTENCE_MAX // 2)
    return text[start : min(high, start + _SENTENCE_MAX)].strip()


def _person(name: Name, lex: Lexicon) -> bool:
    """A capitalised two-word name with a given name first and no organisation word."""
    words = name.surface.split()
    return (
        name.kind == "phrase"
        and len(words) == 2
        and words[0].casefold() in lex.given_names
        and words[1][:1].isupper()
        and not words[1].isupper()
    )


def _with_list_names(
    text: str,
    names: list[Name],
    cues: list[re.Match[str]],
    ends: list[int],
    lex: Lexicon,
) -> list[Name]:
    """Add the capitalised names that stand as items of a cue's list (no org word)."""
    added: list[Name] = []
    starts = [n.start for n in names]
    for match in cues:
        cue = lex.cues[" ".join(match.group(0).casefold().split())]
        if cue.direction == "before":
            continue
        _, high = _sentence(ends, match.start())
        limit = min(high, match.end() + _REACH)
        p = match.end()
        for _ in range(12):
            p = _skip_space(text, p, limit)
            word = _APPOSITIVE.match(text, p, limit)
            if word and text[word.end() : word.end() + 1].isupper():
                p = word.end()
            seq = _CAPSEQ.match(text, p, limit)
            nxt = bisect.bisect_left(starts, p)
            occupied = nxt < len(starts) and starts[nxt] < (seq.end() if seq else p + 1)
            if seq and not occupied and _acceptable(text, seq, limit, lex):
                added.append(Name(seq.start(), seq.end(), seq.group(0), "phrase"))
                p = seq.end()
            elif occupied and starts[nxt] <= p + 40:
                p = names[nxt].end
            else:
                item = _ITEM_END.search(text, p, limit)
                if item is None:
                    break
                p = item.start()
            sep = _SEPARATOR.match(text, p, limit)
            if sep is None or sep.end() == p:
                break
            p = sep.end()
    if not added:
        return names
    return sorted([*names, *added], key=lambda n: n.start)


def _acceptable(text: str, seq: re.Match[str], limit: int, lex: Lexicon) -> bool:
    surface = seq.group(0)
    first = surface.split()[0].casefold()
    end = _CAPSEQ_END.match(text, seq.end(), limit)
    if end is None and seq.end() < limit:
        return False
    if _person(Name(seq.start(), seq.end(), surface, "phrase"), lex):
        return False  # "Per Olsson": a person, never an actor
    return not (
        first in lex.function_words
        or surface.casefold() in lex.funds
        or surface.casefold() in lex.generic_words
        or (" " not in surface and surface.casefold().endswith(lex.unit_words))
    )


def _skip_space(text: str, p: int, limit: int) -> int:
    while p < limit and text[p] in " \t:\u00a0":
        p += 1
    return p


def _walk(
    text: str,
    p: int,
    limit: int,
    by_start: dict[int, int],
    starts: list[int],
    names: list[Name],
) -> list[int]:
    """The names of the coordinated list that begins at ``p`` (forward)."""
    taken: list[int] = []
    skips = 0
    while p < limit:
        p = _skip_space(text, p, limit)
        index = by_start.get(p)
        if (
            index is None
            and (word := _APPOSITIVE.match(text, p, limit))
            and word.end() > p
        ):
            index = by_start.get(word.end())
        if index is None:
            item = _ITEM_END.search(text, p, limit)
            stop = item.start() if item else limit
            nxt = bisect.bisect_left(starts, p)
            has_name = nxt < len(starts) and starts[nxt] < stop
            if (
                skips >= 2
                or has_name
                or (not text[p : p + 1].islower() and not (text[p : p + 1].isdigit()))
            ):
                break
            skips += 1
            p = stop
        else:
            name = names[index]
            if name.reach or text.startswith(("s ", ":s "), name.end):
                break  # "med Region Värmlands strategi": a possessor, not an item
            if name.kind != "fund":
                taken.append(index)
            p = name.end
            for extra in (_PAREN, _DASH_PART):
                if m := extra.match(text, p, limit):
                    p = m.end()
        sep = _SEPARATOR.match(text, p, limit)
        if sep is None or sep.end() == p:
            break
        p = sep.end()
    return taken


def _walk_back(
    text: str,
    q: int,
    low: int,
    by_end: dict[int, int],
    starts: list[int],
    names: list[Name],
) -> list[int]:
    """The names of the coordinated list that ends at ``q`` (backward)."""
    taken: list[int] = []
    skips = 0
    floor = max(low, q - _REACH)
    while q > floor:
        while q > floor and text[q - 1] in " \t":
            q -= 1
        index = by_end.get(q)
        if index is None:
            cut = max(text.rfind(",", floor, q), text.rfind(" och ", floor, q))
            if cut == -1 or skips >= 1:
                break
            item = text[cut + 1 : q].strip()
            if item.startswith("och "):
                item = item[4:]
            nxt = bisect.bisect_left(starts, cut)
            if not item[:1].islower() or (nxt < len(starts) and starts[nxt] < q):
                break
            skips += 1
            q = cut + (1 if text[cut] == "," else 5)
        else:
            if names[index].kind != "fund":
                taken.append(index)
            q = names[index].start
        before = text[max(floor, q - 6) : q]
        if before.endswith(", "):
            q -= 2
        elif before.endswith(" och "):
            q -= 5
        elif before.endswith(" samt "):
            q -= 6
        elif before.endswith(","):
            q -= 1
        else:
            break
    if taken and _PREPOSITION_BEFORE.search(text, max(0, q - 12), q):
        return []  # "deltagare från Stockholm deltar": the names are no subject
    return taken
