"""Swedish organisation numbers and Wikidata ids: checked, found in text, written as ids.

An organisation number (*organisationsnummer*, Bolagsverket/Skatteverket) is ten digits,
``NNNNNN-NNNN``: the first digit is the group that tells the legal-form class, the third
is 2 or more (so it is never a date of birth, as in a personal identity number), and the
last is a Luhn check digit. A number in a document that fails the check is reported, not
kept; a personal identity number is personal data and is never kept at all.

Written by hand: the Luhn check is four lines, and no library on PyPI that is kept up
checks Swedish organisation numbers' group and third digit together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "LEGAL_FORM_CLASSES",
    "OrgNumber",
    "find_org_numbers",
    "luhn_valid",
    "org_id",
    "org_number_problem",
    "wikidata_problem",
]

#: The first digit of an organisation number → the class of legal forms it is given to.
LEGAL_FORM_CLASSES = {
    "1": "dödsbo (estate of a deceased person)",
    "2": "stat, region, kommun eller församling (public body)",
    "3": "utländskt företag (foreign company)",
    "5": "aktiebolag (limited company)",
    "6": "enkelt bolag (simple partnership)",
    "7": "ekonomisk förening eller bostadsrättsförening (economic association)",
    "8": "ideell förening eller stiftelse (non-profit association or foundation)",
    "9": "handelsbolag eller kommanditbolag (trading partnership)",
}

#: Ten digits, a hyphen optional, with the century ``16`` (as Skatteverket writes it) allowed.
_NUMBER = re.compile(r"(?<![\d-])(?:16)?(\d{6})[-\u2010\u2011\u2013 ]?(\d{4})(?![\d-])")
_QID = re.compile(r"Q[1-9]\d{0,11}")


def luhn_valid(digits: str) -> bool:
    """Whether a digit string passes the Luhn check (its last digit checks the rest).

    Example:
        >>> luhn_valid("5560000009"), luhn_valid("5560000001")
        (False, True)
        >>> luhn_valid("2120000142")
        True
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def org_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid organisation number, or None when it is one.

    Example:
        >>> org_number_problem("212000-0142") is None
        True
        >>> org_number_problem("650101-1234")
        "'650101-1234' has 0 as third digit: a personal identity number, not an organisation's"
        >>> org_number_problem("802000-1235")
        "'802000-1235' fails the check digit (Luhn)"
    """
    digits = re.sub(r"[-\s]", "", text)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    if not re.fullmatch(r"\d{10}", digits):
        return f"{text[:40]!r} is not ten digits (NNNNNN-NNNN)"
    if digits[2] < "2":
        return (
            f"{text!r} has {digits[2]} as third digit: a personal identity number,"
            " not an organisation's"
        )
    if digits[0] not in LEGAL_FORM_CLASSES:
        return f"{text!r} begins with {digits[0]}, which no legal-form group has"
    if not luhn_valid(digits):
        return f"{text!r} fails the check digit (Luhn)"
    return None


@dataclass(frozen=True, slots=True)
class OrgNumber:
    """An organisation number as found in a text.

    Attributes:
        number: ``NNNNNN-NNNN``.
        start, end: its characters in the text.
        problem: why it is not valid (``None`` when it is).
    """

    number: str
    start: int
    end: int
    problem: str | None = None

    @property
    def legal_form_class(self) -> str:
        """The class of legal forms its group digit stands for."""
        return LEGAL_FORM_CLASSES.get(self.number[0], "unknown")


def find_org_numbers(text: str) -> Iterator[OrgNumber]:
    """Every ten-digit organisation-number-shaped run of a text, checked (one linear scan).

    Personal identity numbers (third digit 0 or 1) are skipped: they are personal data.

    Example:
        >>> found = list(find_org_numbers("Föreningen X, org.nr 802000-1235; Y AB 5565959409"))
        >>> [(f.number, f.problem is None) for f in found]
        [('802000-1235', False), ('556595-9409', True)]
        >>> found[1].legal_form_class
        'aktiebolag (limited company)'
    """
    for match in _NUMBER.finditer(text):
        number = f"{match[1]}-{match[2]}"
        if number[2] < "2":
            continue
        yield OrgNumber(number, match.start(), match.end(), org_number_problem(number))


def org_id(number: str) -> str:
    """The org-id.guide style identifier of an organisation number.

    Example:
        >>> org_id("212000-0142")
        'SE-ON-2120000142'
    """
    return "SE-ON-" + re.sub(r"\D", "", number)[-10:]


def wikidata_problem(qid: str) -> str | None:
    """Why ``qid`` is not a Wikidata item id (``Q`` and digits), or None.

    Example:
        >>> wikidata_problem("Q1754"), wikidata_problem("wd:1754")
        (None, "'wd:1754' is not a Wikidata item id (Q followed by digits)")
    """
    if _QID.fullmatch(qid):
        return None
    return f"{qid[:40]!r} is not a Wikidata item id (Q followed by digits)"
