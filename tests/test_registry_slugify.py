"""registry.slugify and new-actor ids: transliterated, never two actors on one id."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphkit.build import build
from graphkit.registry import new_actor_slug, normalise_name, slugify
from graphkit.resolve import load_gazetteer, load_registry
from graphkit.resolve.actors import resolve_name


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Svenska Röda Korset", "svenska-roda-korset"),
        ("Фонд Дом", "fond-dom"),
        ("Фонд Мир", "fond-mir"),
        ("Łódź Foundation", "lodz-foundation"),
        ("Odz Foundation", "odz-foundation"),
        ("Ένωση Πολιτών Αθήνας", "enosi-politon-athinas"),
        ("Ελληνικό Δίκτυο", "elliniko-diktyo"),
    ],
)
def test_names_of_any_script_are_transliterated(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_name_with_nothing_to_transliterate_gets_a_hash_not_a_shared_x() -> None:
    slugs = {slugify(text) for text in ("!!!", "???", "—", "")}
    assert len(slugs) == 4
    assert all(s.startswith("x-") and len(s) == 10 for s in slugs)


def test_a_new_actor_never_takes_a_registry_actors_id() -> None:
    registry = load_registry()
    taken = next(iter(registry.ids))
    assert new_actor_slug(taken.replace("-", " "), registry.ids) != taken
    assert new_actor_slug("fond dom", registry.ids) == "fond-dom"


@pytest.mark.parametrize(
    "names",
    [("Фонд Дом", "Фонд Мир"), ("Łódź Foundation", "Odz Foundation")],
)
def test_two_foreign_names_resolve_to_two_actors(names: tuple[str, str]) -> None:
    registry, gazetteer = load_registry(), load_gazetteer()
    ids = {resolve_name(n, registry, gazetteer).actor for n in names}
    assert len(ids) == 2


_PAGE = """\
{title}

ProgramområdeProgramområde 1 Kompetensförsörjning
ProjektfasGenomförande
Projektägare{owner}
Beviljat ESF-stöd1 000 000 kr
Projektperiod2015-01-01 till 2016-12-31
RegionStockholm

Sammanfattning

Projektet ska stärka den sociala ekonomin.
"""


def _pages(folder: Path, owners: dict[str, str]) -> Path:
    folder.mkdir()
    for n, (title, owner) in enumerate(owners.items()):
        text = _PAGE.format(title=title, owner=owner)
        (folder / f"{n:03d}_page.txt").write_text(text, encoding="utf-8")
    return folder


def _organisations(out: Path) -> dict[str, str]:
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["id"]: row["label"]
            for row in csv.DictReader(handle)
            if row["type"] == "organisation"
        }


@pytest.mark.slow
def test_two_cyrillic_owners_of_two_documents_are_two_nodes(tmp_path: Path) -> None:
    pages = _pages(
        tmp_path / "pages",
        {"PROJEKT DOM": "Фонд Дом", "PROJEKT MIR": "Фонд Мир"},
    )
    build([pages], tmp_path / "out", analysis=False)
    organisations = _organisations(tmp_path / "out")
    assert organisations == {"org/fond-dom": "Фонд Дом", "org/fond-mir": "Фонд Мир"}


@pytest.mark.slow
def test_a_later_name_on_a_taken_id_moves_and_the_report_says_so(
    tmp_path: Path,
) -> None:
    owners = {"PROJEKT ETT": "Förs Bygdeförening", "PROJEKT TVÅ": "Fors Bygdeförening"}
    assert normalise_name(owners["PROJEKT ETT"]) != normalise_name(
        owners["PROJEKT TVÅ"]
    )
    pages = _pages(tmp_path / "pages", owners)
    build([pages], tmp_path / "out", analysis=False)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    line = next(x for x in report.splitlines() if "id-collision" in x)
    assert "Förs Bygdeförening" in line and "Fors Bygdeförening" in line
    organisations = _organisations(tmp_path / "out")
    moved = next(
        i for i, label in organisations.items() if label == "Fors Bygdeförening"
    )
    assert organisations["org/fors-bygdeforening"] == "Förs Bygdeförening"
    assert moved.startswith("org/fors-bygdeforening-") and moved in line
    with (tmp_path / "out" / "resolution.csv").open(encoding="utf-8") as handle:
        resolved = {r["name"]: r["actor"] for r in csv.DictReader(handle)}
    assert resolved["Fors Bygdeförening"] == moved
    nt = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert f"/id/{moved}>" in nt
