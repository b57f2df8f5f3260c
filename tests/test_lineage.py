"""Lineage: sentences that say a project builds on earlier work, and the links they make."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV

from graphkit.analysis import prestudies_without_follow_up
from graphkit.build import build
from graphkit.extract.lineage import find_lineage
from graphkit.lineage import LineageIndex, lineage_of
from graphkit.network import project_actor_graph
from graphkit.rdf import GK, ID
from graphkit.records import Lineage, ProjectRecord, Section
from graphkit.resolve import load_gazetteer
from tests.conftest import CORPUS, DATA_DIR

SOUL = "project/soul-sociala-ekonomins-organisationer-i-utveckli-c334ded1"
SKANE = "project/social-ekonomi-som-utvecklingskraft-i-regionen-fa7d6c57"
SAMORDNING = "project/samordning-for-socialt-foretagande-1722a745"


def statements(text: str, phase: str = "Genomförande") -> list[tuple[object, ...]]:
    record = ProjectRecord(
        "p.txt", "0", "esf-a", phase=phase, sections=(Section("Bakgrund", 10, text),)
    )
    return [(s.cue, s.kind, s.owner, s.place, s.title) for s in find_lineage(record)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus page 012 (the hyphen of "ESF-förprojektering" lost on the page)
        (
            "Projektet baseras på den ESFförprojektering som Coompanion Sjuhärad drev"
            " nov 2008 -april 2009.",
            [("baseras på", "pre-study", "Coompanion Sjuhärad", None, None)],
        ),
        # seed 001: the pre-study's owner between "som" and the verb
        (
            "I den förprojektering som föreningen SLUP.SE genomfört intervjuades"
            " departementssekreterare Marie Ericsson.",
            [
                (
                    "förprojektering som … genomfört",
                    "pre-study",
                    "föreningen SLUP.SE",
                    None,
                    None,
                )
            ],
        ),
        # seed 001: one statement per place
        (
            "Två djuplodande förprojekteringar kring kompetensutvecklingsbehovet har"
            " genomförts i Stockholms län och i Skåne län.",
            [
                ("förprojekteringar … har genomförts", "pre-study", None, p, None)
                for p in ("Stockholms län", "Skåne län")
            ],
        ),
        (
            "Resultat av förprojektering i Skåne län",
            [("Resultat av", "pre-study", None, "Skåne län", None)],
        ),
        # corpus page 021
        (
            "Projektet är en fortsättning på ett liknande projekt som har genomförts"
            " under 3 år.",
            [("är en fortsättning på", "project", None, None, None)],
        ),
        (
            "Projektet bygger vidare på förstudien ”Vägar in i arbetslivet” som"
            " Region Skåne drev.",
            [
                (
                    "bygger vidare på",
                    "pre-study",
                    "Region Skåne",
                    None,
                    "Vägar in i arbetslivet",
                )
            ],
        ),
        # no earlier work: the object is no project or pre-study
        (
            "Projektet bygger på det framgångsrika arbetet som gjorts med den s.k."
            " Blekingemodellen.",
            [],
        ),
        ("Modellen bygger på att matcha SME-företags behov.", []),
        ("Verksamheterna baseras på ett partnerskap mellan det offentliga.", []),
        ("Resultat av projektet sprids till fler kommuner.", []),  # pre-study cue
        ("Förstudien ska ta fram en gemensam behovsanalys.", []),  # future tense
        ("Projektet bygger på projektets erfarenheter.", []),  # itself
    ],
)
def test_lineage_sentences(text: str, expected: list[tuple[object, ...]]) -> None:
    assert statements(text) == expected


def test_a_pre_study_speaking_of_itself_is_no_lineage() -> None:
    text = "Förstudien har genomförts i Stockholms län."
    assert statements(text, phase="Förprojektering") == []
    assert len(statements(text)) == 1


def test_places_give_their_counties() -> None:
    record = ProjectRecord(
        "p.txt",
        "0",
        "esf-a",
        sections=(
            Section("Bakgrund", 3, "Förstudien har genomförts i Västra Götaland."),
            Section("Bakgrund", 4, "En förstudie har gjorts i Småland och öarna."),
        ),
    )
    found = find_lineage(record)
    assert [(s.line, s.place, s.counties) for s in found] == [
        (3, "Västra Götaland", ("14",)),
        (4, "Småland och öarna", ("06", "07", "08", "09")),
    ]


# --------------------------------------------------------------------- resolution


def _record(**fields: object) -> ProjectRecord:
    return ProjectRecord("x.txt", "0" * 64, "esf-a", **fields)  # type: ignore[arg-type]


def test_inferred_links_need_owner_title_and_period() -> None:
    from graphkit.records import Link

    index = LineageIndex(load_gazetteer())
    owner = [Link("owner", "org/coompanion-sjuharad", "Coompanion Sjuhärad", "CS")]
    pre = dict(phase="Förprojektering", start="2008-11-01", end="2009-04-30")
    index.add(
        "project/pre", _record(title="Socialt företagande i Sjuhärad", **pre), owner
    )
    index.add(
        "project/later",
        _record(title="Socialt företagande Sjuhärad", start="2010-04-01"),
        owner,
    )
    index.add("project/other", _record(title="Kompanjonen", start="2010-04-01"), owner)
    index.add(
        "project/late",
        _record(title="Socialt företagande i Sjuhärad II", start="2013-01-01"),
        owner,
    )
    links, problems = index.resolve()
    assert [(x.later, x.earlier, x.method) for x in links] == [
        ("project/later", "project/pre", "inferred")
    ]
    assert problems == []


def test_several_fitting_projects_are_reported_not_linked() -> None:
    index = LineageIndex(load_gazetteer())
    for n in (1, 2):
        index.add(
            f"project/pre-{n}",
            _record(phase="Förstudie", start=f"200{n}-01-01", region="Sydsverige"),
            [],
        )
    said = Lineage(
        "Resultat av",
        "pre-study",
        9,
        "",
        "Resultat av förstudien i Skåne",
        place="Skåne",
        counties=("12",),
    )
    index.add("project/later", _record(start="2009-01-01"), [], [said])
    links, problems = index.resolve()
    assert links == []
    assert [(p.kind, p.line) for p in problems] == [("unresolved-lineage", 9)]
    assert "several projects fit (project/pre-1, project/pre-2)" in problems[0].message


# -------------------------------------------------------------------- the builds


def test_the_seeds_link_soul_to_the_skane_pre_study(seeds_graph: Graph) -> None:
    soul, skane = ID[SOUL], ID[SKANE]
    assert set(seeds_graph.objects(soul, PROV.wasInformedBy)) == {skane}
    (node,) = seeds_graph.objects(soul, PROV.qualifiedCommunication)
    assert (node, PROV.activity, skane) in seeds_graph
    assert (node, GK.lineageMethod, Literal("stated-place")) in seeds_graph
    assert (node, GK.sourceLine, Literal(52)) in seeds_graph
    assert "i Skåne län" in str(seeds_graph.value(node, GK.sourceText))
    assert lineage_of(seeds_graph) == {SOUL: ((SKANE, "stated-place"),)}


def test_the_pre_study_gap_uses_the_lineage(seeds_graph: Graph) -> None:
    B = project_actor_graph(seeds_graph)
    gaps = prestudies_without_follow_up(B)
    assert [g.subject for g in gaps] == [SAMORDNING]  # seed 004 is followed by SOUL
    B.graph["lineage"] = {}
    assert {g.subject for g in prestudies_without_follow_up(B)} == {SAMORDNING, SKANE}


def test_unresolved_lineage_of_the_seeds_is_reported(seeds_exports: Path) -> None:
    with (seeds_exports / "problems.csv").open(encoding="utf-8") as f:
        found = [
            (p["file"].rsplit("/", 1)[-1][:3], p["line"])
            for p in csv.DictReader(f)
            if p["kind"] == "unresolved-lineage"
        ]
    # KOMPETENT's own pre-study, SOUL's Stockholm pre-study and SLUP.SE's
    assert found == [("000", "38"), ("001", "52"), ("001", "56"), ("001", "69")]


@pytest.mark.slow
def test_page_012_links_to_its_pre_study_when_it_is_an_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(CORPUS / "esf-pages" / "012.txt", inputs / "012.txt")
    build([inputs], tmp_path / "alone", analysis=False)
    with (tmp_path / "alone" / "problems.csv").open(encoding="utf-8") as f:
        unresolved = [p for p in csv.DictReader(f) if p["kind"] == "unresolved-lineage"]
    assert [(p["line"], p["value"][:33]) for p in unresolved] == [
        ("27", "Projektet baseras på den ESFförpr")
    ]
    # a pre-study Coompanion Sjuhärad ran from November 2008 to April 2009
    shutil.copy(DATA_DIR / "lineage" / "sjuharad-forprojektering.txt", inputs)
    build([inputs], tmp_path / "both", analysis=False)
    g = Graph().parse(tmp_path / "both" / "graph.nt")
    assert lineage_of(g) == {
        "project/kompanjonen-e55c8991": (
            ("project/social-ekonomi-i-sjuharad-68e51b08", "stated"),
        )
    }
    with (tmp_path / "both" / "problems.csv").open(encoding="utf-8") as f:
        assert not [p for p in csv.DictReader(f) if p["kind"] == "unresolved-lineage"]
