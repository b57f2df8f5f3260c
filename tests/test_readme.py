"""Every command the README's tour shows runs as written."""

from __future__ import annotations

import shlex
import shutil

from click.testing import CliRunner

from graphkit.cli import cli
from tests.conftest import ROOT, SEEDS

COMMANDS = [
    line.strip().removeprefix("$ ")
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("    $ graphkit ")
]


def test_the_tour_has_commands():
    assert len(COMMANDS) >= 9 and COMMANDS[0].startswith("graphkit parse")


def test_tour_runs_in_order(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        args = shlex.split(command)[1:]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "exports" / "actors.html").exists()
    assert (tmp_path / "exports" / "docs" / "ontology.html").exists()


def test_readme_opens_with_the_setup_commands_and_ci_runs_the_second():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")[:10]
    build, test = [line.strip() for line in head if line.startswith("    python3")]
    assert build.endswith(".venv/bin/graphkit build seeds/ -o exports/")
    assert test.endswith(".venv/bin/pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and ci.rstrip().endswith(
        ".venv/bin/pytest"
    )
