"""The vocabulary is closed and matches the ontology; provenance and SHACL hold."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.namespace import PROV, SKOS

from graphkit.rdf import (
    GK,
    TripleStream,
    record_triples,
    redact_contacts,
    validate_graph,
)
from graphkit.rdf.vocabulary import ROLE_CONCEPT
from graphkit.records import ROLES
from tests.conftest import ROOT


def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "graphkit.ttl", format="turtle")


def test_every_declared_term_is_in_the_ontology_and_back():
    declared = {str(GK[name]) for name in GK.__annotations__}
    defined = {str(s) for s in ontology().subjects() if str(s).startswith(str(GK._NS))}
    assert declared == defined


def test_every_term_of_ours_has_label_and_comment():
    g = ontology()
    for term in {s for s in g.subjects() if str(s).startswith(str(GK._NS))}:
        assert g.value(term, RDFS.label) or g.value(term, SKOS.prefLabel), term
        assert g.value(term, RDFS.comment) is not None, term


def test_roles_are_distinct_concepts():
    g = ontology()
    roles = set(g.subjects(SKOS.inScheme, GK.RoleScheme))
    assert roles == set(ROLE_CONCEPT.values())
    assert {str(g.value(r, SKOS.notation)) for r in roles} == set(ROLES)
    assert g.value(GK.CoveredRole, SKOS.notation) == Literal("covers")
    assert (None, RDF.type, OWL.Ontology) in g


def test_every_participation_has_provenance(seeds_graph):
    participations = set(seeds_graph.subjects(RDF.type, GK.Participation))
    assert len(participations) > 400
    for node in participations:
        document = seeds_graph.value(node, GK.sourceDocument)
        assert seeds_graph.value(document, GK.sha256) is not None
        assert seeds_graph.value(node, GK.sourceLine) is not None
        assert seeds_graph.value(node, PROV.hadRole) is not None


def test_provenance_query_finds_the_line(seeds_graph):
    rows = list(
        seeds_graph.query("""
        PREFIX gk: <https://w3id.org/graphkit/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?path ?line ?text WHERE {
          ?p a gk:Participation ; prov:agent <https://w3id.org/graphkit/id/org/slup-se> ;
             prov:hadRole gk:PartnerRole ; gk:sourceDocument/gk:path ?path ;
             gk:sourceLine ?line ; gk:sourceText ?text .
        } ORDER BY ?path""")
    )
    assert [
        (str(r.path).rsplit("/", 1)[-1][:3], int(r.line), str(r.text)) for r in rows
    ] == [("000", 147, "• SLUP.SE"), ("001", 239, "• SLUP.SE")]


@pytest.mark.slow
def test_seeds_graph_conforms_to_the_shapes(seeds_graph):
    assert validate_graph(seeds_graph).conforms


@pytest.mark.slow
def test_shapes_catch_a_participation_without_a_line(seeds_graph):
    broken = Graph()
    for triple in seeds_graph:
        broken.add(triple)
    node = next(broken.subjects(RDF.type, GK.Participation))
    broken.remove((node, GK.sourceLine, None))
    result = validate_graph(broken)
    assert not result.conforms
    assert [v.message for v in result.violations] == [
        "every participation must say which line it came from"
    ]


def test_contact_redaction():
    assert redact_contacts(
        "E-post: Sven.bartilsson@coompanion.se, tel 070-237 61 06"
    ) == ("E-post: [e-post], tel [telefon]")


def test_literals_survive_the_writer():
    """Quotes, backslashes, line breaks and control characters come back as written."""
    import pyoxigraph as ox

    from graphkit.rdf import build_graph
    from graphkit.records import ProjectRecord
    from graphkit.resolve import load_registry

    title = 'Ett "citat" \\ ny\nrad\ttab\r\x00\x07\x7f\u2028 – Skåne 🌱'
    record = ProjectRecord("a.txt", "ab" * 32, "esf-b", title=title)
    graph = build_graph([(record, [])], load_registry())
    assert {str(o) for o in graph.objects(None, RDFS.label)} >= {title}
    lines = "".join(
        f"{line}\n" for line in record_triples(record).project_lines
    ).encode()
    labels = [
        t.object.value
        for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
        if t.predicate.value == str(RDFS.label)
    ]
    assert labels == [title]


def test_a_second_document_on_one_project_adds_only_what_is_new():
    from graphkit.records import Link, ProjectRecord
    from graphkit.resolve import load_registry

    stream = TripleStream(load_registry())
    first = ProjectRecord("a.txt", "a" * 64, "esf-b", title="X", project_number="1")
    second = ProjectRecord("b.txt", "b" * 64, "esf-c", title="X", project_number="1")
    link = Link("partner", "org/reves", "REVES", "REVES", line=3)
    one = stream.add(record_triples(first, [link]))
    two = stream.add(record_triples(second, [link]))
    assert len(one) == len(set(one))
    assert not set(one) & set(two)
    # the second document: its description, its layout and source, its own participation
    assert sum("ontology#layout" in line for line in two) == 1
    assert sum("ontology#Participation>" in line for line in two) == 1
    assert stream.add(record_triples(second, [link])) == []


def test_swedish_text_is_tagged_sv_and_names_stay_plain(seeds_graph):
    from rdflib.namespace import DCTERMS, ORG

    titles = list(seeds_graph.objects(None, DCTERMS.title))
    assert titles and {t.language for t in titles} == {"sv"}
    assert Literal("KOMPETENT SOCIAL EKONOMI", lang="sv") in titles
    texts = list(seeds_graph.objects(None, GK.sourceText))
    assert {t.language for t in texts} == {"sv"}
    assert any("i samverkan med föreningen REVES" in t for t in texts)
    sections = {str(s) for s in seeds_graph.objects(None, GK.sourceSection)}
    assert "Transnationellt samarbete" in sections
    assert {s.language for s in seeds_graph.objects(None, GK.sourceSection)} == {"sv"}
    for actor in seeds_graph.subjects(RDF.type, ORG.Organization):
        label = seeds_graph.value(actor, RDFS.label)
        assert label.language is None, (actor, label)  # names: "Region Skåne" matches
    assert Literal("Sollentuna") in set(seeds_graph.objects(None, RDFS.label))


def test_graph_jsonld_is_graph_nt_with_a_context(seeds_exports):
    import json

    from rdflib.compare import isomorphic

    from graphkit.rdf import PREFIXES

    nt = Graph().parse(seeds_exports / "graph.nt", format="nt")
    data = (seeds_exports / "graph.jsonld").read_bytes()
    assert json.loads(data)["@context"] == dict(sorted(PREFIXES.items()))
    assert b'"@id": "actor:reves"' in data
    jsonld = Graph().parse(data=data, format="json-ld")
    assert len(jsonld) == len(nt) and isomorphic(jsonld, nt)


@pytest.mark.slow
def test_graph_jsonld_bytes_do_not_depend_on_hash_seeds(seeds_exports, tmp_path):
    """rdflib's serializer walks a set; the file must not change with PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from rdflib import Graph; from graphkit.rdf.jsonld import jsonld_bytes;"
        "sys.stdout.buffer.write(jsonld_bytes(Graph().parse(sys.argv[1], format='nt')))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(seeds_exports / "graph.nt")],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {(seeds_exports / "graph.jsonld").read_bytes()}
