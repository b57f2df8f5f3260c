"""The ontology is consistent with the W3C ontologies it reuses, with a built graph in it.

PROV-O, ORG, SKOS and DCMI terms are bundled in ``tests/data/ontologies`` (see its
README for their sources and licences), so no test needs the network.
"""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from tests.conftest import DATA_DIR, ROOT

W3C = DATA_DIR / "ontologies"
W3C_FILES = ("prov-o.ttl", "org.ttl", "skos.ttl", "dcterms.ttl")
ONTOLOGY = ROOT / "ontology" / "graphkit.ttl"


def with_ontologies(*graphs: Graph, ontology: str | None = None) -> Graph:
    union = Graph()
    for name in W3C_FILES:
        union.parse(W3C / name, format="turtle")
    if ontology is None:
        union.parse(ONTOLOGY, format="turtle")
    else:
        union.parse(data=ontology, format="turtle")
    for graph in graphs:
        union += graph
    return union


def owlrl_problems(graph: Graph) -> list[str]:
    """OWL-RL's inconsistency messages for the graph, and members of owl:Nothing."""
    import owlrl
    from owlrl.Namespaces import ERRNS

    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    errors = [str(m) for m in graph.objects(None, ERRNS.error)]
    return errors + [
        f"{s} is owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)
    ]


def test_the_bundled_ontologies_are_the_published_ones():
    graph = with_ontologies()
    for iri in (
        "http://www.w3.org/ns/prov#",
        "http://www.w3.org/ns/org#",
        "http://www.w3.org/2004/02/skos/core",
        "http://purl.org/dc/terms/",
        "https://w3id.org/graphkit/ontology",
    ):
        assert (URIRef(iri), RDF.type, OWL.Ontology) in graph, iri
    prov = URIRef("http://www.w3.org/ns/prov#")
    assert (prov + "Activity", OWL.disjointWith, prov + "Entity") in graph


ONE_PROJECT = """
<https://w3id.org/graphkit/id/project/p> a <https://w3id.org/graphkit/ontology#Project> ;
    <https://w3id.org/graphkit/ontology#sourceDocument>
        <https://w3id.org/graphkit/id/document/d> .
"""


@pytest.mark.slow
def test_owlrl_finds_the_old_sub_property_inconsistent():
    """The check can fail: gk:sourceDocument under prov:hadPrimarySource (as it was)
    makes a project (a prov:Activity) a prov:Entity, and PROV-O keeps them disjoint."""
    old = ONTOLOGY.read_text(encoding="utf-8").replace(
        "gk:sourceDocument a owl:ObjectProperty ; rdfs:subPropertyOf dcterms:source ;",
        "gk:sourceDocument a owl:ObjectProperty ; rdfs:subPropertyOf prov:hadPrimarySource ;",
    )
    assert old != ONTOLOGY.read_text(encoding="utf-8")
    problems = owlrl_problems(
        with_ontologies(Graph().parse(data=ONE_PROJECT), ontology=old)
    )
    assert any(
        "prov#Activity" in p and "prov#Entity" in p and "project/p" in p
        for p in problems
    ), problems
    assert owlrl_problems(with_ontologies(Graph().parse(data=ONE_PROJECT))) == []


@pytest.mark.slow
def test_owlrl_finds_no_inconsistency_in_the_seeds_graph(seeds_graph: Graph):
    graph = with_ontologies(seeds_graph)
    assert owlrl_problems(graph) == []
    # the closure did run: a project is a prov:Activity, its participation a prov:Influence
    prov = "http://www.w3.org/ns/prov#"
    project = next(
        seeds_graph.subjects(
            RDF.type, URIRef("https://w3id.org/graphkit/ontology#Project")
        )
    )
    assert (project, RDF.type, URIRef(prov + "Activity")) in graph
