"""Problem kinds: every kind the package makes is declared once, with its severity."""

from __future__ import annotations

import ast
import csv
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest

from graphkit.exports import markdown_text
from graphkit.problems import KINDS, ProblemKind, kind_info, kinds_of
from tests.conftest import ROOT

PACKAGE = ROOT / "graphkit"


def problem_calls() -> list[tuple[str, int, ast.Call]]:
    """Every ``Problem(...)`` and ``….problem(...)`` call in the package."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "Problem") or (
                isinstance(func, ast.Attribute) and func.attr == "problem"
            ):
                calls.append((path.relative_to(ROOT).as_posix(), node.lineno, node))
    return calls


def kind_values(path: str, kind: ast.expr) -> set[str] | None:
    """The kinds an argument can be; None for a name passed through (``kind``)."""
    if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
        return {kind.value}
    if isinstance(kind, ast.IfExp):
        return (kind_values(path, kind.body) or set()) | (
            kind_values(path, kind.orelse) or set()
        )
    if isinstance(kind, ast.Name) and kind.id == "kind":
        return None
    raise AssertionError(
        f"{path}: a problem kind must be written out (a literal or an if-else of"
        f" literals), not computed: {ast.unparse(kind)}"
    )


def severity_of(call: ast.Call) -> str:
    """The severity a ``Problem(...)`` call gives (the sixth field), by default warning."""
    given = [k.value for k in call.keywords if k.arg == "severity"]
    if isinstance(call.func, ast.Name) and len(call.args) >= 6:
        given.append(call.args[5])
    if not given:
        return "warning"
    assert isinstance(given[0], ast.Constant), ast.unparse(given[0])
    return str(given[0].value)


def test_the_table_and_the_type_declare_the_same_kinds():
    assert list(KINDS) == list(get_args(ProblemKind))
    assert all(slug == info.slug for slug, info in KINDS.items())
    assert all(info.title and info.description.endswith(".") for info in KINDS.values())


def test_the_package_makes_problems():
    assert len(problem_calls()) >= len(KINDS)


@pytest.mark.parametrize(
    ("path", "line", "call"),
    problem_calls(),
    ids=[f"{path}:{line}" for path, line, _ in problem_calls()],
)
def test_every_problem_kind_in_the_package_is_declared_with_its_severity(
    path, line, call
):
    kinds = kind_values(path, call.args[0])
    if kinds is None:  # a helper passing its caller's kind on; its callers are checked
        return
    undeclared = kinds - KINDS.keys()
    assert not undeclared, (
        f"{path}:{line}: declare {undeclared} in graphkit/problems.py"
    )
    assert {KINDS[k].severity for k in kinds} == {severity_of(call)}, f"{path}:{line}"


def test_every_declared_kind_is_made_somewhere():
    made = set()
    for path, _, call in problem_calls():
        made |= kind_values(path, call.args[0]) or set()
    assert made == KINDS.keys()


def test_an_undeclared_kind_is_reported_as_such_not_fatal():
    info = kind_info("made-up")
    assert (info.slug, info.title, info.severity) == ("made-up", "made-up", "warning")
    assert [k.slug for k in kinds_of(["made-up", "bad-date"])] == [
        "bad-date",
        "made-up",
    ]


def test_the_report_says_what_each_kind_it_met_means(seeds_exports: Path):
    with (seeds_exports / "problems.csv").open(encoding="utf-8") as f:
        met = Counter(row["kind"] for row in csv.DictReader(f))
    report = (seeds_exports / "report.md").read_text(encoding="utf-8")
    section = report.split("## What the problem kinds mean")[1]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    assert rows == [
        f"| {k.slug} | {k.title} | {k.severity} | {met[k.slug]}"
        f" | {markdown_text(k.description)} |"
        for k in kinds_of(met)
    ]
    assert met and len(rows) == len(met)
