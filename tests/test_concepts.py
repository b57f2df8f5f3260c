"""Funds, ESF regions and programme areas as concepts: resolution, schemes in every graph."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from graphkit.build import build
from graphkit.concepts import (
    fund_concept,
    programme_area_concept,
    programme_period,
    project_concepts,
    region_concept,
)
from graphkit.parse import parse_document
from graphkit.rdf import GK, ID
from graphkit.read import read_path
from graphkit.records import ProjectRecord
from graphkit.store import run_query
from tests.conftest import CORPUS, ROOT


@pytest.mark.parametrize(
    ("text", "nuts", "code"),
    [
        ("Småland och Öarna", None, "SE21"),  # esf.se (corpus page 013)
        ("Småland med öarna", None, "SE21"),  # Tillväxtverket (ERDF sample)
        ("Småland och öarna", None, "SE21"),  # the region table
        ("småland  och  öarna ", None, "SE21"),
        ("Skåne-Blekinge", None, "SE22"),  # the ERDF programme region is SE22
        ("Skåne–Blekinge", None, "SE22"),
        ("Sydsverige", None, "SE22"),
        ("Övre Norrland", None, "SE33"),
        ("ESF Nationellt", None, "SE"),
        (None, "SE11", "SE11"),  # a page's "NUTS-2 kod: SE11" (corpus page 005)
        ("Stockholm", "SE11", "SE11"),
        ("se23", None, "SE23"),
    ],
)
def test_region_spellings_resolve_to_one_esf_region(
    text: str | None, nuts: str | None, code: str
) -> None:
    assert region_concept(text, nuts).notation == code


def test_an_unknown_region_is_reported_and_kept_as_written() -> None:
    record = ProjectRecord(
        "a.txt",
        "0",
        "esf-b",
        fund="ESF",
        region="Norrbotten",
        field_lines=(("region", 7),),
    )
    found = project_concepts(record)
    assert found.region is None
    assert [(p.kind, p.line, p.value) for p in found.problems] == [
        ("unknown-region", 7, "Norrbotten")
    ]


@pytest.mark.parametrize(
    ("fund", "key"),
    [
        ("ESF", "fund/esf"),
        ("ESF+", "fund/esf-plus"),
        ("ERDF", "fund/erdf"),
        ("Interreg Sverige-Norge", "fund/other"),
        (None, "fund/unknown"),
    ],
)
def test_fund_concepts(fund: str | None, key: str) -> None:
    assert fund_concept(fund).key == key


@pytest.mark.parametrize(
    ("text", "layout", "fund", "extra", "start", "key"),
    [
        # the 2007-2013 project bank (layout a): its own programme area 2
        (
            "Programområde 2 Ökat arbetskraftsutbud",
            "esf-a",
            "ESF",
            (),
            "2010-04-01",
            "programme-area/esf-2007-2013/po2",
        ),
        (
            "Programområde 1 Kompetensförsörjning",
            "esf-a",
            "ESF",
            (),
            None,
            "programme-area/esf-2007-2013/po1",
        ),
        # the idea form's option (seed 003) quotes the 2014-2020 programme
        ("PO2", "idea-form", None, (), None, "programme-area/esf-2014-2020/po2"),
        # a specific objective of programme area 1 (corpus page 029, layout b)
        (
            "1.1 Kompetensförsörjning",
            "esf-b",
            "ESF",
            (),
            "2016-01-04",
            "programme-area/esf-2014-2020/po1",
        ),
        (
            "3.1 Sysselsättningsinitiativet för unga",
            "esf-b",
            "ESF",
            (),
            None,
            "programme-area/esf-2014-2020/po3",
        ),
        # layout c: "Programperiod: 2014-2020", "Programområde: 5" (corpus page 021)
        (
            "5",
            "esf-c",
            "ESF",
            (("Programperiod", "2014-2020"),),
            None,
            "programme-area/esf-2014-2020/po5",
        ),
        # ESF+ 2021-2027 has its own areas (corpus page 005)
        (
            "A",
            "esf-c",
            "ESF+",
            (("Programperiod", "2021-2027"),),
            None,
            "programme-area/esf-plus-2021-2027/a",
        ),
    ],
)
def test_programme_areas_resolve_per_period(
    text: str,
    layout: str,
    fund: str | None,
    extra: tuple[tuple[str, str], ...],
    start: str | None,
    key: str,
) -> None:
    record = ProjectRecord(
        "a.txt", "0", layout, fund=fund, programme_area=text, extra=extra, start=start
    )
    found = project_concepts(record)
    assert found.programme_area is not None, found.problems
    assert found.programme_area.key == key
    assert found.problems == ()


def test_the_same_number_is_two_areas_in_two_periods() -> None:
    old, new = (
        programme_area_concept("2", period)[0] for period in ("2007-2013", "2014-2020")
    )
    assert (old.notation, new.notation) == ("PO2", "PO2")
    assert (old.sv, new.sv) == (
        "Ökat arbetskraftsutbud",
        "Ökade övergångar till arbete",
    )


def test_a_programme_area_without_a_period_is_reported() -> None:
    record = ProjectRecord("a.txt", "0", "prose", programme_area="2")
    assert programme_period(record) is None
    found = project_concepts(record)
    assert found.programme_area is None
    (problem,) = found.problems
    assert problem.kind == "unknown-programme-area"
    assert "could mean programme-area/esf-2007-2013/po2" in problem.message


# ------------------------------------------------------------- schemes in the graph


def test_roles_are_concepts_with_notations_in_the_seeds_graph(
    seeds_graph: Graph,
) -> None:
    found = run_query(
        seeds_graph,
        'SELECT ?p WHERE { ?p prov:hadRole/skos:notation "partner" }',
    )
    partners = set(seeds_graph.subjects(PROV.hadRole, GK.PartnerRole))
    assert {b["p"] for b in found.bindings} == partners
    assert len(partners) > 20


@pytest.mark.parametrize(
    ("concept", "scheme", "notation", "sv", "en"),
    [
        (
            GK.PartnerRole,
            GK.RoleScheme,
            "partner",
            "samarbetspartner",
            "listed partner",
        ),
        (
            GK.PublicSector,
            GK.SectorScheme,
            "public",
            "offentlig sektor",
            "public sector",
        ),
        (
            GK.TypeCooperative,
            GK.SectorScheme,
            "cooperative",
            "kooperativ",
            "cooperative",
        ),
        (
            ID["fund/esf-plus"],
            GK.FundScheme,
            "ESF+",
            "Europeiska socialfonden plus",
            "European Social Fund Plus",
        ),
        (
            ID["esf-region/SE21"],
            GK.ESFRegionScheme,
            "SE21",
            "Småland och öarna",
            "Småland and the islands",
        ),
        (
            ID["programme-area/esf-2014-2020/po2"],
            ID["programme-area/esf-2014-2020"],
            "PO2",
            "Ökade övergångar till arbete",
            "Increased transitions to work",
        ),
    ],
)
def test_concepts_have_scheme_notation_and_two_labels(
    seeds_graph: Graph, concept: object, scheme: object, notation: str, sv: str, en: str
) -> None:
    g = seeds_graph
    assert (concept, RDF.type, SKOS.Concept) in g
    assert (concept, SKOS.inScheme, scheme) in g
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.objects(concept, SKOS.notation)) == {Literal(notation)}
    assert set(g.objects(concept, SKOS.prefLabel)) == {
        Literal(sv, lang="sv"),
        Literal(en, lang="en"),
    }


def test_every_concept_has_one_label_per_language(seeds_graph: Graph) -> None:
    concepts = set(seeds_graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 7 + 6 + 11 + 5 + 9 + 12
    for concept in concepts:
        labels = [
            label.language for label in seeds_graph.objects(concept, SKOS.prefLabel)
        ]
        assert sorted(labels) == ["en", "sv"], concept


def test_every_project_has_a_fund_and_the_ontology_agrees(seeds_graph: Graph) -> None:
    projects = set(seeds_graph.subjects(RDF.type, GK.Project))
    funds = {p: set(seeds_graph.objects(p, GK.fundConcept)) for p in projects}
    assert all(len(f) == 1 for f in funds.values())
    idea = ID["project/hallbara-stodstrukturer-for-asf-bfa0529b"]
    assert funds[idea] == {ID["fund/unknown"]}  # the idea form names no fund
    assert (idea, GK.estimatedCostSEK, Literal(266514)) in seeds_graph
    assert not set(seeds_graph.objects(idea, GK.totalBudgetSEK))
    ontology = Graph().parse(ROOT / "ontology" / "graphkit.ttl")
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        assert set(ontology.objects(concept, SKOS.prefLabel)) == set(
            seeds_graph.objects(concept, SKOS.prefLabel)
        ), concept


# --------------------------------------------------- the corpus and the ERDF sample


def _known_grants(path: Path) -> dict[str, list[int]]:
    """region of each record as a reader maps it → its known grants, read by hand."""
    by_region: dict[str, list[int]] = {}
    pages = sorted((path / "esf-pages").glob("*.txt"))
    for source in [*pages, path / "erdf" / "sample.json"]:
        records, _ = parse_document(read_path(source))
        for record in records:
            if record.fund not in ("ESF", "ERDF"):
                continue
            region = region_concept(record.region)
            key = f"{region.notation if region else '-'} {record.fund}"
            by_region.setdefault(key, [])
            if record.grant_sek is not None:
                by_region[key].append(record.grant_sek)
    return by_region


@pytest.mark.slow
def test_money_per_region_on_the_corpus_and_the_erdf_sample(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "esf-pages", tmp_path / "in" / "esf-pages")
    shutil.copytree(CORPUS / "erdf", tmp_path / "in" / "erdf")
    (tmp_path / "in" / "esf-pages" / "truth.json").unlink()
    (tmp_path / "in" / "esf-pages" / "index.tsv").unlink()
    build([tmp_path / "in"], tmp_path / "out", analysis=False)
    g = Graph().parse(tmp_path / "out" / "graph.nt")
    found = run_query(g, "money-per-region")
    rows = [{str(v): b.get(v) for v in found.vars} for b in found.bindings]
    keys = [(str(r["code"] or "-"), str(r["fund"])) for r in rows]
    assert len(keys) == len(set(keys))  # one row per region and fund
    by_key = {f"{c} {f}": r for (c, f), r in zip(keys, rows, strict=True)}
    # "Småland och Öarna" (page 013, ESF) and "Småland med öarna" (2 ERDF records)
    assert int(by_key["SE21 ESF"]["grantSEK"]) == 7938286
    assert int(by_key["SE21 ERDF"]["grantSEK"]) == 1550818 + 4575000
    assert "SE22 ERDF" in by_key  # Skåne-Blekinge
    with (tmp_path / "out" / "problems.csv").open(encoding="utf-8") as f:
        assert not [p for p in csv.DictReader(f) if p["kind"] == "unknown-region"]
    for key, grants in _known_grants(tmp_path / "in").items():
        row = by_key[key]
        assert int(row["withGrant"]) == len(grants), key
        if grants:
            assert int(row["grantSEK"]) == sum(grants), key
        else:
            assert row["grantSEK"] is None, key  # unknown, not 0
    # the ERDF records give no total budget: unknown, never 0
    assert all(r["totalBudgetSEK"] is None for r in rows if str(r["fund"]) == "ERDF")
