"""Shared fixtures: the seed documents, the shared corpus, and a built seeds graph.

Tests marked ``slow`` (over about 5 s) run only with ``--runslow``, as CI does
(``.ci/run``); a plain ``pytest`` leaves them out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
#: Real documents with hand-read truth, copied from ../shared/corpus (see its README).
CORPUS = DATA_DIR / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow", action="store_true", help="also run the tests marked slow (CI)"
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Leave out the slow tests unless ``--runslow`` is given (deselected, not skipped)."""
    if config.getoption("--runslow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def seed(number: str) -> Path:
    """The seed document whose name starts with ``number`` (``"000"`` … ``"004"``)."""
    return next(SEEDS.glob(f"{number}_*.txt"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The corpus of real documents (ESF pages in three layouts, ERDF records)."""
    return CORPUS


@pytest.fixture(scope="session")
def seeds_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exports folder of one build of the seeds (built once per session)."""
    from graphkit.build import build

    out = tmp_path_factory.mktemp("seeds-exports")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_exports: Path) -> Graph:
    """The seeds' RDF graph, parsed back from ``graph.nt``."""
    return Graph().parse(seeds_exports / "graph.nt", format="nt")


def require_tool(name: str) -> str:
    """The path of an external program, or skip the test saying it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (CI installs it with apt-get)")
    return path
