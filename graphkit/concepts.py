"""ProjectRecord → its fund, ESF region and programme-area concepts (SKOS), with problems.

A project's fund, region and programme area are written many ways ("Socialfonden",
"Småland med öarna", "PO2", "Programområde 2 Ökat arbetskraftsutbud", a page's
``NUTS-2 kod: SE11``). Each is resolved here to one concept of a concept scheme, so
that money and places can be compared across documents, funds and programme periods;
the text as written stays on the project. The concepts and their spellings are data:
``data/reference/concept_labels.csv``, ``concept_aliases.csv`` and
``programme_areas.csv``. A value no entry resolves is reported, never guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graphkit.records import Problem, ProjectRecord
from graphkit.reference import reference_list

__all__ = [
    "Concept",
    "ProjectConcepts",
    "all_concepts",
    "fund_concept",
    "programme_area_concept",
    "programme_period",
    "project_concepts",
    "region_concept",
]


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept of a graphkit concept scheme.

    Attributes:
        scheme: ``fund``, ``esf-region`` or ``programme-area``.
        notation: its code: ``ESF``, ``SE21``, ``PO2``, ``A``.
        sv, en: its preferred labels in Swedish and English.
        key: the id path of its IRI: ``fund/esf-plus``, ``esf-region/SE21``,
            ``programme-area/esf-2014-2020/po2``.
        period: a programme area's programme period (``2014-2020``).
    """

    scheme: str
    notation: str
    sv: str
    en: str
    key: str
    period: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectConcepts:
    """The concepts a record resolves to, and what could not be resolved."""

    fund: Concept
    region: Concept | None = None
    programme_area: Concept | None = None
    problems: tuple[Problem, ...] = ()


def _fold(text: str) -> str:
    """Case, dashes and spaces folded: "Skåne–Blekinge " → "skåne-blekinge"."""
    text = re.sub(r"[\u2010-\u2015]", "-", text.casefold())
    return " ".join(re.sub(r"\s*-\s*", "-", text).split())


_FUND_KEYS = {"ESF": "esf", "ESF+": "esf-plus", "ERDF": "erdf"}


@functools.cache
def _labelled() -> dict[tuple[str, str], Concept]:
    out = {}
    for entry in reference_list("concept_labels"):
        scheme = entry.get("scheme") or ""
        key = (
            f"fund/{_FUND_KEYS.get(entry.value, entry.value.casefold())}"
            if scheme == "fund"
            else f"{scheme}/{entry.value}"
        )
        out[scheme, entry.value] = Concept(
            scheme, entry.value, entry.get("sv") or "", entry.get("en") or "", key
        )
    return out


@functools.cache
def _programme_areas() -> tuple[tuple[Concept, frozenset[str]], ...]:
    """Each programme-area concept with the folded spellings that name it alone."""
    out = []
    for entry in reference_list("programme_areas"):
        period, code = entry.get("period") or "", entry.get("code") or ""
        fund = entry.get("fund") or "ESF"
        scheme = f"{_FUND_KEYS.get(fund, fund.casefold())}-{period}"
        concept = Concept(
            "programme-area",
            code,
            entry.value,
            entry.get("en") or "",
            f"programme-area/{scheme}/{code.casefold()}",
            period,
        )
        number = code.removeprefix("PO")
        names = {
            _fold(entry.value),
            _fold(f"Programområde {number} {entry.value}"),
            *(_fold(a) for a in (entry.get("aliases") or "").split(";") if a.strip()),
        }
        out.append((concept, frozenset(names)))
    return tuple(out)


@functools.cache
def _aliases(scheme: str) -> dict[str, str]:
    return {
        _fold(e.value): e.get("notation") or ""
        for e in reference_list("concept_aliases")
        if e.get("scheme") == scheme
    }


def all_concepts() -> tuple[Concept, ...]:
    """Every fund, ESF region and programme-area concept, in data-file order.

    Example:
        >>> [c.key for c in all_concepts() if c.scheme == "fund"][:3]
        ['fund/esf', 'fund/esf-plus', 'fund/erdf']
    """
    return (*_labelled().values(), *(c for c, _ in _programme_areas()))


def fund_concept(fund: str | None) -> Concept:
    """The fund concept of a record's fund (as :func:`graphkit.parse.normalise_fund` gives it).

    Example:
        >>> fund_concept("ESF+").key, fund_concept("Interreg").notation, fund_concept(None).key
        ('fund/esf-plus', 'other', 'fund/unknown')
    """
    labelled = _labelled()
    if fund is None or not fund.strip():
        return labelled["fund", "unknown"]
    notation = _aliases("fund").get(_fold(fund))
    return labelled["fund", notation or "other"]


_NUTS = re.compile(r"^SE[0-9]{2}$")


def region_concept(text: str | None, nuts: str | None = None) -> Concept | None:
    """The ESF region a region value (or a NUTS-2 code) means, or None.

    Example:
        >>> [region_concept(t).notation for t in ("Småland med öarna", "Småland och Öarna",
        ...                                       "Skåne-Blekinge", "Sydsverige")]
        ['SE21', 'SE21', 'SE22', 'SE22']
        >>> region_concept(None, "SE11").sv, region_concept("ESF Nationellt").notation
        ('Stockholm', 'SE')
        >>> region_concept("Norrbotten") is None
        True
    """
    labelled = _labelled()
    if nuts and _NUTS.match(nuts.strip().upper()):
        found = labelled.get(("esf-region", nuts.strip().upper()))
        if found is not None:
            return found
    if not text:
        return None
    folded = _fold(text)
    notation = _aliases("esf-region").get(folded) or folded.upper()
    return labelled.get(("esf-region", notation))


_PERIOD = re.compile(r"^(20[0-9]{2})\s*[-–]\s*(20[0-9]{2})$")
_PERIODS = {"2007": "2007-2013", "2014": "2014-2020", "2021": "2021-2027"}


def programme_period(record: ProjectRecord) -> str | None:
    """The ESF programme period of a record, from what the document says.

    In this order: a ``Programperiod`` value; the fund (ESF+ is 2021–2027); the
    project bank the layout comes from (``esf-a`` is the 2007–2013 bank, ``esf-b``
    the 2014–2020 one); the start date (an ESF project starting before 2015 was
    granted under 2007–2013). None for ERDF and undated documents.

    Example:
        >>> programme_period(ProjectRecord("a", "0", "esf-c", fund="ESF",
        ...                                extra=(("Programperiod", "2014-2020"),)))
        '2014-2020'
        >>> programme_period(ProjectRecord("a", "0", "esf-a", fund="ESF"))
        '2007-2013'
        >>> programme_period(ProjectRecord("a", "0", "idea-form")) is None
        True
    """
    for label, value in record.extra:
        match = _PERIOD.match(value.strip())
        if label.casefold() == "programperiod" and match:
            return _PERIODS.get(match.group(1))
    if record.fund == "ESF+":
        return "2021-2027"
    if record.fund != "ESF":
        return None
    if record.layout in ("esf-a", "esf-b"):
        return "2007-2013" if record.layout == "esf-a" else "2014-2020"
    if record.start:
        return "2007-2013" if record.start < "2015-01-01" else "2014-2020"
    return None


_CODE = re.compile(
    r"^(?:programområde\s+|po\s?)?([0-9]|[a-e])(?:(?:[.][0-9]+[a-z]?)?(?:\s+(.*))?)?$"
)


def programme_area_concept(text: str | None, period: str | None) -> tuple[Concept, ...]:
    """The programme-area concepts ``text`` may mean in ``period`` (one when resolved).

    A spelling of one concept alone (its name, ``Programområde 2 <name>``, an
    alias such as the idea form's ``PO2``) settles it in any period; a number or
    letter (``2``, ``1.1`` a specific objective of programme area 1, ``A``)
    needs the period.

    Example:
        >>> [c.key for c in programme_area_concept("PO2", None)]
        ['programme-area/esf-2014-2020/po2']
        >>> [c.key for c in programme_area_concept("Programområde 2 Ökat arbetskraftsutbud",
        ...                                        "2007-2013")]
        ['programme-area/esf-2007-2013/po2']
        >>> [c.key for c in programme_area_concept("1.1", "2014-2020")]
        ['programme-area/esf-2014-2020/po1']
        >>> len(programme_area_concept("1", None))
        2
    """
    if not text or not text.strip():
        return ()
    folded = _fold(text)
    areas = [
        (c, names)
        for c, names in _programme_areas()
        if period is None or c.period == period
    ]
    named = tuple(c for c, names in areas if folded in names)
    if named:
        return named
    match = _CODE.match(folded)
    if not match:
        return ()
    code, words = match.group(1).upper(), match.group(2)
    found = tuple(c for c, _ in areas if c.notation.removeprefix("PO") == code)
    if words and len(found) > 1:  # "Programområde 2 Ökat arbetskraftsutbud": the name
        found = tuple(c for c in found if _fold(c.sv) == _fold(words)) or found
    return found


def project_concepts(record: ProjectRecord) -> ProjectConcepts:
    """A record's fund, ESF region and programme area as concepts, with problems.

    Example:
        >>> record = ProjectRecord("a.txt", "0", "esf-a", fund="ESF", region="Småland och Öarna",
        ...                        programme_area="Programområde 2 Ökat arbetskraftsutbud")
        >>> found = project_concepts(record)
        >>> found.fund.key, found.region.key, found.programme_area.key
        ('fund/esf', 'esf-region/SE21', 'programme-area/esf-2007-2013/po2')
    """
    problems = []
    nuts = next(
        (v for label, v in record.extra if label.casefold().startswith("nuts")), None
    )
    region = region_concept(record.region, nuts)
    if region is None and (record.region or nuts):
        problems.append(
            Problem(
                "unknown-region",
                f"region {record.region or nuts!r} is none of the ESF regions;"
                " kept as written, with no region concept",
                record.source_path,
                record.line_of("region"),
                record.region or nuts,
            )
        )
    area = None
    if record.programme_area and record.fund in ("ESF", "ESF+", None):
        period = programme_period(record)
        found = programme_area_concept(record.programme_area, period)
        if len(found) == 1:
            area = found[0]
        else:
            which = (
                f"could mean {', '.join(c.key for c in found)}"
                if found
                else "is none of the programme areas"
            )
            problems.append(
                Problem(
                    "unknown-programme-area",
                    f"programme area {record.programme_area!r} {which}"
                    f" ({'period ' + period if period else 'no programme period'});"
                    " kept as written, with no programme-area concept",
                    record.source_path,
                    record.line_of("programme_area"),
                    record.programme_area,
                )
            )
    return ProjectConcepts(fund_concept(record.fund), region, area, tuple(problems))
