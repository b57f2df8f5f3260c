"""One line of a page → what it is: a name, a person, a collective, chrome, or not a name.

Pure functions over one line (each linear in its length) that the page readers use to
end lists where the list ends, to split a list line naming several bodies, to reject a
person as an owner and to skip site chrome before a title. Their word lists are data
files in ``graphkit/data/reference/`` (see its README).
"""

from __future__ import annotations

import functools
import re

from graphkit.gazetteer import load_gazetteer, municipality_key
from graphkit.reference import reference_list, reference_values

__all__ = [
    "is_chrome",
    "is_collective",
    "is_running_text",
    "line_kind",
    "looks_like_person",
    "looks_truncated",
    "split_bodies",
    "stands_alone",
]

_BULLET = re.compile(r"^\s*(?:[•·∙●▪◦*\-–]|\d+[.)])\s*")
_URL = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
_EMAIL = re.compile(r"\S@\S+\.\w")
_FILE = re.compile(
    r"\w\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|txt|zip)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}\b"
    r"|^(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?$",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"\b\d{1,3}(?:[ \u00a0\u202f]\d{3})+\b"
    r"|\b\d+(?:[.,]\d+)?\s*(?:kr|kronor|sek|msek|mkr|tkr|miljoner|miljarder|euro|eur)\b"
    r"|€|\$",
    re.IGNORECASE,
)
#: The shapes above in one pass, leftmost first; the group's name is the kind.
_NOT_A_NAME = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.pattern})"
        for kind, pattern in (
            ("url", _URL),
            ("email", _EMAIL),
            ("file", _FILE),
            ("date", _DATE),
            ("amount", _AMOUNT),
        )
    ),
    re.IGNORECASE,
)
#: A line without a digit, ``@``, ``.``, ``/``, ``€`` or ``$`` is none of them.
_MAYBE_NOT_A_NAME = re.compile(r"[\d@./€$]")
_PHONE = re.compile(r"^\+?\d[\d \-]{6,}\d$")
_SENTENCE_END = re.compile(r"[.!?…]$")
_LABEL = re.compile(r"^([A-ZÅÄÖ][^:\n]{0,40}?)\s*:(?:\s|$)")
_WORDS = re.compile(r"\S+")
#: Words after which a trailing period is an abbreviation, not a sentence's end.
_ABBREVIATIONS = frozenset({"m.fl.", "mfl.", "m.m.", "etc.", "inc.", "ltd.", "co."})
_PUBLISHED = re.compile(
    r"^(?:publicerad|publicerat|uppdaterad|senast uppdaterad|skapad|datum)\b",
    re.IGNORECASE,
)
_LOGO = re.compile(
    r"log(?:o|otyp|otype|ga)(?:s|n|r|rna|typen)?\b|\btill startsida", re.IGNORECASE
)
_BREADCRUMB = re.compile(r"\S\s+(?:>|›|»)\s+\S|\S\s+[/|]\s+\S+.*\s+[/|]\s+\S")
#: Chrome is short: longer lines are never read as chrome (and stay linear).
_CHROME_MAX = 200


@functools.cache
def _words(name: str) -> frozenset[str]:
    return reference_values(name)


@functools.cache
def _labels() -> frozenset[str]:
    """Words that head a labelled line (``Projektperiod:``) or a heading line."""
    return (
        _words("page_headings")
        | _words("section_headings")
        | _words("list_sections")
        | _words("owner_labels")
    )


def split_listed_name(line: str) -> str:
    """The name on a bulleted list line, bullet and spaces removed.

    Example:
        >>> split_listed_name("  • Svenska Röda Korset, Region Stockholm")
        'Svenska Röda Korset, Region Stockholm'
    """
    return " ".join(_BULLET.sub("", line, count=1).split())


def line_kind(line: str, labels: frozenset[str] = frozenset()) -> str:
    """What one line under a list heading is.

    Args:
        line: the line as written.
        labels: more heading and label words (case-folded) of the layout.

    Returns:
        ``blank``; ``noise`` (a note such as "Samma som ovan"); or a reason the
        line is not a name and ends the list: ``url``, ``email``, ``file``,
        ``date``, ``amount``, ``phone``, ``label`` (``Budget:``, ``Projektperiod:
        2019``), ``heading`` (a known page heading) or ``sentence``; else
        ``name``.

    Example:
        >>> [line_kind(t) for t in ("• Arbetsförmedlingen", "maeu2.png",
        ...     "2015-05-01–2017-12-31", "Totalbudget: 52 186 215 SEK",
        ...     "Projektet medfinansieras av Europeiska socialfonden.",
        ...     "• Samma som ovan", "Budget")]
        ['name', 'file', 'date', 'amount', 'sentence', 'noise', 'heading']
    """
    text = split_listed_name(line)
    if not text:
        return "blank"
    folded = text.casefold()
    if folded in _words("noise_lines") or re.fullmatch(r"[-–—.?]+", text):
        return "noise"
    found = _NOT_A_NAME.search(text) if _MAYBE_NOT_A_NAME.search(text) else None
    if found:
        return found.lastgroup or "amount"
    if _PHONE.match(text):
        return "phone"
    known, key = _labels(), folded.rstrip(":")
    if key in known or key in labels:
        return "heading"
    label = _LABEL.match(text)
    head = label.group(1).casefold() if label else ""
    if label and (head in known or head in labels or len(head.split()) <= 2):
        return "label"  # "Samverkanspart: Region Skåne" is a labelled line, not a name
    if text.endswith(":"):
        return "label"
    return "sentence" if _is_sentence(text) else "name"


def is_running_text(line: str) -> bool:
    """True for a line of running text: four words or more ending in a stop, or long.

    Stricter than a ``sentence`` of :func:`line_kind`: a title such as "Den sociala
    ekonomin i Älvkarleby" is not running text.

    Example:
        >>> is_running_text("Den sociala ekonomin i Älvkarleby")
        False
        >>> is_running_text("Projektet ska stärka den sociala ekonomin i Älvkarleby.")
        True
    """
    words = _WORDS.findall(line)
    if len(words) > 14:
        return True
    return len(words) >= 4 and bool(_SENTENCE_END.search(line.rstrip()))


def _is_sentence(text: str) -> bool:
    """True for running text: a long line, or a line of four words or more ending in a stop.

    Example:
        >>> _is_sentence("Projektet medfinansieras av Europeiska socialfonden.")
        True
        >>> _is_sentence("Arbetsförmedlingen, Försäkringskassan m.fl.")
        False
        >>> _is_sentence("Det är kommunerna i länet"), _is_sentence("Hela Sverige ska leva")
        (True, False)
    """
    words = _WORDS.findall(text)
    if len(words) > 14:
        return True
    first, verbs = _sentence_words()
    folded = [w.casefold().strip(",.:;") for w in words]
    if folded[0] in first and len(words) >= 3:
        return True
    if len(words) >= 5 and any(w in verbs for w in folded[1:]):
        return True
    if not _SENTENCE_END.search(text) or words[-1].casefold() in _ABBREVIATIONS:
        return False
    return len(words) >= 4


@functools.cache
def _sentence_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that start a sentence, and finite verbs (``sentence_words.csv``)."""
    entries = reference_list("sentence_words")
    return (
        frozenset(e.value.casefold() for e in entries if e.get("position") == "first"),
        frozenset(e.value.casefold() for e in entries if e.get("position") == "any"),
    )


def is_chrome(line: str, *, listed: bool = True) -> bool:
    """True for site chrome before a page's title: navigation, logos, dates, images.

    Chrome is a known navigation line (``page_chrome.csv``), a logo caption, a
    publication or update date, an image or file name, a link, or a breadcrumb
    trail (``Start > Projekt > Ung-labbet``). With ``listed=False`` the words of
    the list are not used: a project may be called "Start" or "Kontakt".

    Example:
        >>> [is_chrome(t) for t in ("Till innehållet", "Publicerad 9 april 2019",
        ...     "Företagslogga (till startsida)", "maeu2.png", "Ung-labbet",
        ...     "Start > Projekt > Ung-labbet", "Konferens 9 april 2019")]
        [True, True, True, True, False, True, False]
    """
    text = " ".join(line.split())
    if not text or len(text) > _CHROME_MAX:
        return False
    if listed and text.casefold().rstrip(":") in _words("page_chrome"):
        return True
    if _PUBLISHED.match(text) and _DATE.search(text):
        return True
    return bool(
        _LOGO.search(text)
        or _FILE.search(text)
        or _URL.search(text)
        or _BREADCRUMB.search(text)
        or (_DATE.search(text) and not re.search(r"[^\W\d_]{3}", _DATE.sub("", text)))
    )


@functools.cache
def _heads(truncation_only: bool) -> tuple[str, ...]:
    return tuple(
        entry.value.casefold()
        for entry in reference_list("organisation_heads")
        if not truncation_only or entry.get("truncation") == "yes"
    )


def looks_truncated(name: str) -> bool:
    """True when a name ends in a cut-off word such as ``bildningsförbu``.

    Example:
        >>> looks_truncated("Stockholms läns bildningsförbu"), looks_truncated("HSO i Stockholm")
        (True, False)
        >>> looks_truncated("samordningsförbunden i Värmland")
        False
    """
    last = name.split()[-1].casefold() if name.split() else ""
    if len(last) < 4 or any(last.endswith(head) for head in _heads(True)):
        return False
    if _place_word(last):
        return False  # "samordningsförbunden i Värmland": -land is no cut "landsting"
    prefixes = _cut_heads()
    return any(last[i:] in prefixes for i in range(len(last) - 3))


@functools.cache
def _cut_heads() -> frozenset[str]:
    """Every head noun cut after four letters or more (``före``, ``bildningsförbu``)."""
    return frozenset(h[:k] for h in _heads(True) for k in range(4, len(h)))


@functools.lru_cache(maxsize=1 << 14)
def _organisation_word(word: str) -> bool:
    """True for a word that marks an organisation (``Byggutbildning``, ``AB``)."""
    folded = word.casefold().strip(".,()")
    return any(folded.endswith(head) for head in _heads(False))


@functools.lru_cache(maxsize=1 << 14)
def _place_word(word: str) -> bool:
    """True for a municipality, county or country name (``Stockholm``, ``Skåne``)."""
    key = municipality_key(word)
    places = _place_keys()
    return bool(key) and (key in places or key.rstrip("s") in places)


@functools.cache
def _place_keys() -> frozenset[str]:
    gazetteer = load_gazetteer()
    counties = {municipality_key(n.replace(" län", "")) for _, n in gazetteer.counties}
    counties |= {c.removesuffix("s") for c in counties}  # "Värmlands län": Värmland
    return frozenset(gazetteer.index) | counties | _COUNTRIES


_COUNTRIES = frozenset(
    {"sverige", "norge", "danmark", "finland", "island", "europa", "norden"}
    | {"norrland", "svealand", "götaland", "skandinavien", "sápmi", "bergslagen"}
)
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜØÆ][a-zåäöéüøæ]+(?:-[A-ZÅÄÖ][a-zåäöéüøæ]+)?$")


def looks_like_person(name: str) -> bool:
    """True when a name is a person's: two or three capitalised words, no organisation.

    No word may mark an organisation (``Region``, ``-förbundet``, ``AB``,
    ``Byggutbildning``) or be a place (``Kris Stockholm``), and the name must
    read as a person's: a common given name first (``given_names.csv``) or a
    surname ending last (``surname_endings.csv``: ``-son``, ``-berg``, ...). So
    ``Spånga Blåband`` and ``Coompanion Sjuhärad`` stay organisations.

    Example:
        >>> [looks_like_person(n) for n in ("Anna Svensson", "Jennika Anderberg",
        ...     "Spånga Blåband", "Kris Stockholm", "Region Blekinge", "Byggutbildning Star")]
        [True, True, False, False, False, False]
    """
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if any(_organisation_word(w) or _place_word(w) for w in words):
        return False
    last = words[-1].casefold()
    return words[0].casefold() in _words("given_names") or any(
        last.endswith(end) and len(last) > len(end) + 2
        for end in _words("surname_endings")
    )


def is_collective(name: str) -> bool:
    """True for a name of a group of bodies (``Blekinges kommuner``).

    Example:
        >>> is_collective("Blekinges kommuner"), is_collective("samordningsförbunden i Värmland")
        (True, True)
        >>> is_collective("Karlskrona kommun"), is_collective("Föreningen Kommunerna i Norr")
        (False, False)
    """
    words = [w.casefold().strip(".,()") for w in name.split()]
    if words and words[0] in {"föreningen", "stiftelsen", "förbundet", "nätverket"}:
        return False  # an organisation named after its members
    return any(w in _words("collective_heads") for w in words)


_UNIT = re.compile(
    r"(?:förvaltning|förvaltningen|enhet|enheten|avdelning|avdelningen|sektion"
    r"|sektionen|kontor|kontoret|staben|nämnd|nämnden)$",
    re.IGNORECASE,
)
_LAST_AND = re.compile(r"\s+(?:och|samt|&)\s+")


def stands_alone(part: str) -> bool:
    """True when a part of a coordination is a name on its own.

    A one-word part must be a definite organisation noun of seven letters or more
    (``Skogsstyrelsen``, ``Kronofogden``), so the ``Landsting`` of ``Sveriges
    Kommuner och Landsting`` is not; a longer part needs two capitalised words.

    Example:
        >>> stands_alone("Skogsstyrelsen"), stands_alone("Landsting"), stands_alone("Regioner")
        (True, False, False)
        >>> stands_alone("Skogbrukets Kursinstitutt")
        True
    """
    words = part.split()
    if not words or not words[0][0].isupper():
        return False
    if len(words) == 1:
        return bool(re.search(r"(?:en|et|an|na)$", words[0])) and len(words[0]) > 6
    return sum(w[0].isupper() for w in words) >= 2


def split_bodies(text: str) -> tuple[str, ...]:
    """The bodies a list line names: one entry each when it clearly names several.

    A line is split at commas (and its last part at ``och``/``samt`` when both
    sides stand alone, :func:`stands_alone`) only when it gives three or more
    parts, each a name on its own: each has an organisation word
    (``organisation_heads.csv``: ``-kassan``, ``-verket``, ``Region``) or is a
    collective, no part is a unit of another (``Arbetsmarknadsenheten,
    Socialförvaltningen, Olofströms kommun`` is one body), none is a lower-case
    word, and no part is an abbreviation spelled out by the next (``SKL, Sveriges
    kommuner och landsting``). Otherwise the line is one name.
    A run of place names with one ``kommuner`` (``Vilhelmina, Åsele, Dorotea
    kommuner``) gives each municipality.

    Example:
        >>> split_bodies("Länets 8 kommuner, Försäkringskassan, Arbetsförmedlingen")
        ('Länets 8 kommuner', 'Försäkringskassan', 'Arbetsförmedlingen')
        >>> split_bodies("Svenska Röda Korset, Region Stockholm")
        ('Svenska Röda Korset, Region Stockholm',)
        >>> split_bodies("Lunds universitet, Socialhögskolan, Campus Helsingborg")
        ('Lunds universitet, Socialhögskolan, Campus Helsingborg',)
        >>> split_bodies("Sveriges Kommuner och Regioner, Region Stockholm")
        ('Sveriges Kommuner och Regioner, Region Stockholm',)
        >>> split_bodies("Region Skåne, Försäkringskassan, Skatteverket och Kronofogden")
        ('Region Skåne', 'Försäkringskassan', 'Skatteverket', 'Kronofogden')
        >>> split_bodies("Vilhelmina, Åsele, Dorotea kommuner")
        ('Vilhelmina', 'Åsele', 'Dorotea')
    """
    places = load_gazetteer().list_places(text)
    if places and len(places) > 1:
        return tuple(written for written, _ in places)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2:  # "A, B och C": the last part may name two
        last = _LAST_AND.split(parts[-1])
        if len(last) == 2 and all(map(stands_alone, last)):
            parts[-1:] = last
    if len(parts) < 3 or len(set(parts)) < len(parts):
        return (text,)
    if parts[0].isupper() and len(parts[0]) <= 6:
        return (text,)  # "SKL, Sveriges kommuner och landsting"
    for part in parts:
        first = part.split()[0]
        if _UNIT.search(part) or (not first[0].isupper() and not first[0].isdigit()):
            return (text,)
        if not (is_collective(part) or any(map(_organisation_word, part.split()))):
            return (text,)  # "Lunds universitet, Socialhögskolan, Campus Helsingborg"
    return tuple(parts)
