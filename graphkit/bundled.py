"""Where the files shipped with graphkit live: the ontology folder and the reference data."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_path", "ontology_path"]


def ontology_path(*parts: str) -> Path:
    """A file of the bundled ``ontology/`` folder (ontology, shapes, registry, queries).

    Example:
        >>> ontology_path("shapes.ttl").name, ontology_path("queries").is_dir()
        ('shapes.ttl', True)
    """
    return Path(str(resources.files("graphkit").joinpath("ontology", *parts)))


def data_path(*parts: str) -> Path:
    """A file of the bundled reference data (municipalities, counties, ESF regions).

    Example:
        >>> data_path("municipalities.csv").is_file()
        True
    """
    return Path(str(resources.files("graphkit").joinpath("data", *parts)))
