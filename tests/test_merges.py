"""Documents merged into one project are told in report.md, with the rule that merged them."""

from __future__ import annotations

import shutil
from pathlib import Path

from graphkit.build import build
from graphkit.bundle import relative_path
from tests.conftest import CORPUS, seed


def test_two_documents_of_one_project_are_listed_with_their_rule(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    # the Skåne pre-study as two files: same title, owner and period
    shutil.copy(seed("004"), inputs / "a.txt")
    shutil.copy(seed("004"), inputs / "b.txt")
    shutil.copy(seed("002"), inputs / "c.txt")
    result = build([inputs], tmp_path / "out", analysis=False)
    assert result.counts["projects"] == 2
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    section = report.split("## Documents merged into one project", 1)[1]
    assert "1 project is described by more than one document" in section
    row = (
        "| `project:social-ekonomi-som-utvecklingskraft-i-regionen-fa7d6c57`"
        " | Social Ekonomi som utvecklingskraft i regionen"
        f" | same title, owner and period | {relative_path(inputs)}/a.txt;"
        f" {relative_path(inputs)}/b.txt |"
    )
    assert row in section.splitlines()
    assert "c.txt" not in section


def test_rows_of_a_project_list_with_one_project_number(tmp_path: Path) -> None:
    sample = (CORPUS / "erdf" / "sample.json").read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "erdf.json").write_text(sample, encoding="utf-8")
    (inputs / "again.json").write_text(sample, encoding="utf-8")
    build([inputs], tmp_path / "out", analysis=False)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    section = report.split("## Documents merged into one project", 1)[1]
    assert "25 projects are described by more than one document" in section
    assert "| same project number (20200944) |" in section


def test_no_section_when_nothing_was_merged(seeds_exports: Path) -> None:
    report = (seeds_exports / "report.md").read_text(encoding="utf-8")
    assert "merged into one project" not in report
