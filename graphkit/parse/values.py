"""Header values of project documents: amounts, periods, funds, and the record builder."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graphkit.problems import ProblemKind
from graphkit.records import Document, Listed, Problem, ProjectRecord, Section

__all__ = [
    "MAX_AMOUNT_SEK",
    "RecordBuilder",
    "normalise_fund",
    "parse_amount",
    "parse_period",
]

# --------------------------------------------------------------------------- values

#: Values that say "no value" (Tillväxtverket writes UPPGIFT SAKNAS).
_MISSING = frozenset({"uppgift saknas", "saknas", "-", "–", "n/a", "null"})
_GROUP_SEPARATORS = re.compile(r"[\s\u00a0\u202f\u2009]")

#: No ESF (or ERDF) amount is larger: a whole programme period's budget for
#: Sweden is some tens of billions of kronor. Larger values are typing errors,
#: and would overflow the 64-bit sums of SPARQL engines.
MAX_AMOUNT_SEK = 100_000_000_000


def parse_amount(text: str) -> int | None:
    """Whole kronor from an amount as written on a page.

    Digit groups may be separated by spaces or no-break spaces; a trailing
    ``kr``/``SEK`` is dropped. Anything else (decimals, words) is not an amount,
    and neither is a value over :data:`MAX_AMOUNT_SEK`.

    Example:
        >>> parse_amount("8\\u00a0212\\u00a0161 kr"), parse_amount("11 802 999")
        (8212161, 11802999)
        >>> parse_amount("1.1") is None, parse_amount("ca 400 000") is None
        (True, True)
        >>> parse_amount("99999999999999999999 kr") is None
        True
    """
    value = _digits(text)
    if value is None or len(value) > 15 or int(value) > MAX_AMOUNT_SEK:
        return None
    return int(value)


def _digits(text: str) -> str | None:
    value = re.sub(r"\s*(kr|kronor|sek)\.?$", "", text.strip(), flags=re.IGNORECASE)
    value = _GROUP_SEPARATORS.sub("", value)
    return value if value.isdigit() and value.isascii() else None


def _iso_date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:till|–|—|-)\s*(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str) -> tuple[str | None, str | None]:
    """Start and end dates from a period in any of the project-bank styles.

    Example:
        >>> parse_period("2009-05-01 till 2011-08-31")
        ('2009-05-01', '2011-08-31')
        >>> parse_period("2016-01-04-2017-10-31"), parse_period("2014-13-40 - 2015-01-01")
        (('2016-01-04', '2017-10-31'), (None, '2015-01-01'))
    """
    match = _PERIOD.match(text.strip())
    if not match:
        return None, None
    return _iso_date(match.group(1)), _iso_date(match.group(2))


# ------------------------------------------------------------------ record builder


@dataclass
class RecordBuilder:
    """Mutable scratch space while one record is read; frozen by :meth:`build`."""

    doc: Document
    layout: str
    line: int = 1
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    partners: list[Listed] = field(default_factory=list)
    municipalities: list[Listed] = field(default_factory=list)
    transnational: list[Listed] = field(default_factory=list)
    group: list[Listed] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    locators: dict[str, str] = field(default_factory=dict)

    def problem(
        self, kind: ProblemKind, message: str, line: int | None, value: str | None
    ) -> None:
        self.problems.append(Problem(kind, message, self.doc.source_path, line, value))

    def section(self, heading: str, first: int, body: list[str]) -> None:
        """Add a section whose text lines start at 0-based document line ``first``."""
        while body and not body[0].strip():
            body, first = body[1:], first + 1
        while body and not body[-1].strip():
            body = body[:-1]
        if body:
            lines = tuple(self.doc.source_line(first + 1 + i) for i in range(len(body)))
            self.sections.append(Section(heading, lines[0], "\n".join(body), lines))

    def set(self, name: str, raw: str | None, line: int) -> None:
        """Store header value ``name`` from its text, converting and checking it."""
        if raw is None or not raw.strip() or name in self.values:
            return
        raw = raw.strip()
        if raw.casefold() in _MISSING:
            return
        value: object = raw
        if name in (
            "esf_grant_sek",
            "total_budget_sek",
            "grant_sek",
            "estimated_cost_sek",
        ):
            value = parse_amount(raw)
            if value is None:
                what = (
                    f"is more than any ESF budget ({MAX_AMOUNT_SEK:,} kr)"
                    if _digits(raw) is not None
                    else "is not a whole number of kronor"
                )
                self.problem(
                    "bad-amount", f"{name}: {raw[:80]!r} {what}; left empty", line, raw
                )
                return
        elif name == "planned_participants":
            value = parse_amount(raw)
            if value is None:
                self.problem(
                    "bad-number",
                    f"{name}: {raw!r} is not a whole number; left empty",
                    line,
                    raw,
                )
                return
        elif name == "period":
            start, end = parse_period(raw)
            if start is None or end is None:
                self.problem(
                    "bad-date",
                    f"period {raw!r} is not two valid dates"
                    " (YYYY-MM-DD); the bad part is left empty",
                    line,
                    raw,
                )
            self.set("start", start, line)
            self.set("end", end, line)
            return
        elif name in ("start", "end"):
            value = _iso_date(raw)
            if value is None:
                self.problem(
                    "bad-date",
                    f"{name}: {raw!r} is not a valid date (YYYY-MM-DD); left empty",
                    line,
                    raw,
                )
                return
        elif name == "fund":
            value = normalise_fund(raw)
        self.values[name] = value
        self.lines[name] = line

    def _locators(self) -> tuple[tuple[str, str], ...]:
        """Where each field and line this record cites is in a PDF, Office or
        spreadsheet file (see :attr:`ProjectRecord.locators`)."""
        if not self.doc.locators:
            return tuple(self.locators.items())
        found = dict(self.locators)
        for name, line in self.lines.items():
            found.setdefault(name, self.doc.locator(line) or "")
        listed = (
            *self.partners,
            *self.municipalities,
            *self.transnational,
            *self.group,
        )
        lines = {item.line for item in listed}
        for section in self.sections:
            lines.update(section.lines or (section.line,))
        for line in sorted(lines):
            found.setdefault(str(line), self.doc.locator(line) or "")
        return tuple((key, where) for key, where in found.items() if where)

    def build(self) -> ProjectRecord:
        start, end = self.values.get("start"), self.values.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            self.problem(
                "bad-date",
                f"the project ends ({end}) before it starts ({start}); end left empty",
                self.lines.get("end"),
                end,
            )
            del self.values["end"]
            del self.lines["end"]
        values = dict(self.values)
        if self.layout.startswith("esf-"):
            values.setdefault("fund", "ESF")
        if "grant_sek" not in values and values.get("esf_grant_sek") is not None:
            values["grant_sek"] = values["esf_grant_sek"]
        return ProjectRecord(
            source_path=self.doc.source_path,
            sha256=self.doc.sha256,
            layout=self.layout,
            line=self.line,
            field_lines=tuple(sorted(self.lines.items(), key=lambda kv: kv[1])),
            partners=tuple(self.partners),
            municipalities=tuple(self.municipalities),
            transnational_partners=tuple(self.transnational),
            group_members=tuple(self.group),
            sections=tuple(self.sections),
            extra=tuple(self.extra),
            problems=(*self.doc.problems, *self.problems),
            locators=self._locators(),
            **values,  # type: ignore[arg-type]
        )


def normalise_fund(text: str) -> str:
    """The fund's short name: ``ESF``, ``ESF+`` or ``ERDF``; else as written.

    Example:
        >>> normalise_fund("Socialfonden"), normalise_fund("ESF+"), normalise_fund("eruf")
        ('ESF', 'ESF+', 'ERDF')
    """
    key = text.strip().lower()
    if "+" in key or "plus" in key:
        return "ESF+"
    if key in ("esf", "socialfonden", "europeiska socialfonden") or "social" in key:
        return "ESF"
    if key in ("erdf", "eruf", "regionalfonden") or "regional" in key:
        return "ERDF"
    return text.strip()
