"""The public API (``import graphkit``): what README.md and the walkthrough use."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib

import nbformat
import pytest

import graphkit
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
NOTEBOOK = nbformat.read(ROOT / "notebooks" / "walkthrough.ipynb", as_version=4)
CODE = "\n".join(cell.source for cell in NOTEBOOK.cells if cell.cell_type == "code")


def names_used(code: str) -> set[str]:
    """The names ``code`` takes from the package root (``graphkit.x``, ``from graphkit import``)."""
    used = set(re.findall(r"\bgraphkit\.(\w+)\(", code))
    for names in re.findall(r"^from graphkit import ([\w, ]+)$", code, re.M):
        used |= {name.strip() for name in names.split(",")}
    return used


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, re.M | re.S)


def test_the_public_names_are_those_the_readme_and_the_notebook_use():
    used = names_used(CODE) | names_used("\n".join(python_blocks(README)))
    assert set(graphkit.__all__) - {"__version__"} == used


def test_each_public_name_is_its_module_function_with_a_docstring():
    for name in graphkit.__all__[1:]:
        value = getattr(graphkit, name)
        assert value.__name__ == name and value.__doc__, name
        assert name in dir(graphkit)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        graphkit.nothing  # noqa: B018


def test_importing_the_module_build_leaves_graphkit_build_the_function():
    code = "import graphkit.build, graphkit; print(callable(graphkit.build))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout == "True\n", run.stderr


def test_no_module_imports_the_package_root_when_it_is_imported():
    """``graphkit/__init__.py`` imports nothing heavy; no module reaches back into it."""
    found = []
    for path in sorted((ROOT / "graphkit").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # module level
            names = (
                [node.module]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if "graphkit" in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_version_is_the_one_pyproject_gives():
    with (ROOT / "pyproject.toml").open("rb") as f:
        assert tomllib.load(f)["project"]["version"] == graphkit.__version__


@pytest.mark.slow
def test_the_readme_python_runs(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    (block,) = python_blocks(README)
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["result"].counts["documents"] == len(
        list(ROOT.glob("seeds/*.txt"))
    )
    assert namespace["analysis"].gaps and "<iframe" in namespace["view"]._repr_html_()
