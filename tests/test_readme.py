"""Every command the README's tour shows runs as written, and prints what it shows.

The outputs README.md shows are made again by ``tests/readme_outputs.py``; after a
change that moves the seeds' results, ``.venv/bin/python -m tests.readme_outputs``
rewrites them.
"""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from tests.conftest import ROOT, SEEDS
from tests.readme_outputs import MAKERS, make_outputs, shown_outputs

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    line.strip().removeprefix("$ ")
    for line in README.splitlines()
    if line.startswith("    $ graphkit ")
]


def test_the_tour_has_commands():
    assert len(COMMANDS) >= 9 and COMMANDS[0].startswith("graphkit parse")


@pytest.mark.slow
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
        ".venv/bin/pytest --runslow"  # the slow tests too
    )


def test_every_output_the_readme_shows_is_made_by_the_script():
    assert list(shown_outputs(README)) == list(MAKERS)


def test_the_readme_shows_what_the_commands_print(tmp_path):
    shown, made = shown_outputs(README), make_outputs(tmp_path)
    for name in MAKERS:
        assert shown[name] == made[name], (
            f"README.md's {name!r} output is stale:"
            " run .venv/bin/python -m tests.readme_outputs"
        )


def test_the_readme_counts_the_query_library_and_quotes_where_from(seeds_graph):
    from graphkit.store import library, run_query

    prose = " ".join(README.split())
    assert (
        f"`graphkit query --list` shows the library ({len(library())} questions"
        in prose
    )
    rows = run_query(seeds_graph, "where-from", {"actor": "org/reves"})
    first = min(rows, key=lambda row: (str(row.path), int(row.line)))
    path = re.sub(r".*/seeds/", "seeds/", str(first.path))
    assert f"(`{path}`, line {first.line}, *{first.section}*" in prose
