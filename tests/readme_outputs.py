"""The outputs README.md shows, made again by running the tour's commands on the seeds.

Each output README.md shows follows a ``<!-- output: NAME -->`` line; :data:`MAKERS`
says how each is made. After a change that moves the seeds' results, one command
rewrites them all::

    .venv/bin/python -m tests.readme_outputs           # rewrite README.md
    .venv/bin/python -m tests.readme_outputs --check   # exit 1 if README.md is stale

``tests/test_readme.py`` compares README.md with what the commands print.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- output: ([\w-]+) -->$")
#: The seed the tour parses.
PARSED = "seeds/002_dde4235cdf01179f.txt"


def run(*args: str) -> tuple[str, str]:
    """``graphkit ARGS`` in the current folder: its stdout and stderr."""
    from graphkit.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout, result.stderr


def parse_excerpt() -> str:
    """The first keys of ``graphkit parse`` on one seed, and the first of each list."""
    obj = json.loads(run("parse", PARSED)[0])

    def keys(*names: str) -> str:
        return ", ".join(
            f'"{n}": {json.dumps(obj[n], ensure_ascii=False)}' for n in names
        )

    def first(name: str) -> str:
        items = obj[name]
        shown = json.dumps(items[:1], ensure_ascii=False)
        return f'"{name}": {shown[:-1]}, ...]' if len(items) > 1 else keys(name)

    return "\n".join(
        [
            "{" + keys("source", "title") + ",",
            " " + keys("phase", "owner") + ",",
            " " + keys("esf_grant_sek", "start", "end") + ", ...",
            " " + first("partners") + ",",
            " " + first("municipalities") + ", " + keys("warnings") + "}",
        ]
    )


def build_line() -> str:
    """What ``graphkit build seeds/ -o exports/`` prints (to stderr)."""
    return run("build", "seeds/", "-o", "exports/")[1].rstrip("\n")


def betweenness_table() -> str:
    """The first (at most three) rows of ``analysis.md``'s betweenness table."""
    text = Path("exports/analysis.md").read_text(encoding="utf-8")
    heading = "\n### betweenness ("  # the measure, then the graph it is computed on
    section = text.split(heading, 1)[1].split("\n### ", 1)[0]
    graph = section.split(")", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = rows[0].replace("| value |", f"| betweenness ({graph}) |")
    return "\n".join([header, rows[1], *rows[2:5]])


def money_per_owner() -> str:
    """What ``graphkit query money-per-owner`` prints on a terminal (a table)."""
    return run("query", "money-per-owner", "--format", "table")[0].rstrip("\n")


#: The query of the README's "Write your own query" section.
OWN_QUERY = (
    "SELECT ?project ?title ?start WHERE { ?project gk:transnationalPartner actor:reves ;"
    " dcterms:title ?title ; schema:startDate ?start } ORDER BY ?start"
)


def own_query() -> str:
    """What the README's own query prints on a terminal (a table)."""
    return run("query", OWN_QUERY, "--format", "table")[0].rstrip("\n")


#: Each output's name → what makes it, in the tour's order (parse, build, then the rest).
MAKERS: dict[str, Callable[[], str]] = {
    "parse": parse_excerpt,
    "build": build_line,
    "betweenness": betweenness_table,
    "money-per-owner": money_per_owner,
    "own-query": own_query,
}


def make_outputs(workdir: Path) -> dict[str, str]:
    """Every output, made in ``workdir`` (a copy of the seeds is put there)."""
    shutil.copytree(ROOT / "seeds", workdir / "seeds", dirs_exist_ok=True)
    with contextlib.chdir(workdir):
        return {name: make() for name, make in MAKERS.items()}


def _block_end(lines: list[str], start: int) -> int:
    """The end of the fenced block or table that starts at ``lines[start]``."""
    if lines[start].startswith("```"):
        return lines.index("```", start + 1) + 1
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return end


def shown_outputs(text: str) -> dict[str, str]:
    """Each output README.md shows now, by name (without its code fence)."""
    lines = text.split("\n")
    shown = {}
    for n, line in enumerate(lines):
        if match := MARKER.match(line):
            start = n + 1
            end = _block_end(lines, start)
            fenced = lines[start].startswith("```")
            shown[match[1]] = "\n".join(lines[start + fenced : end - fenced])
    return shown


def rewrite(text: str, outputs: dict[str, str]) -> str:
    """README.md's text with each marked output replaced."""
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        if match := MARKER.match(lines[n]):
            start = n + 1
            end = _block_end(lines, start)
            fenced = lines[start].startswith("```")
            new = outputs[match[1]].split("\n")
            lines[start:end] = ["```", *new, "```"] if fenced else new
        n += 1
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say if stale")
    options = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        new = rewrite(text, make_outputs(Path(tmp)))
    if new == text:
        print("README.md's outputs are up to date")
        return 0
    if options.check:
        print("README.md's outputs are stale: run python -m tests.readme_outputs")
        return 1
    README.write_text(new, encoding="utf-8")
    print("rewrote README.md's outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
