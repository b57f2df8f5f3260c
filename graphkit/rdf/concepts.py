"""Concept schemes → N-Triples: roles, sectors, types, funds, ESF regions, programme areas.

Every graph graphkit builds holds the concepts its facts point to, as SKOS
(``skos:Concept`` in a ``skos:ConceptScheme``, with ``skos:notation`` and
``skos:prefLabel`` in Swedish and English), so that a query needs no ontology file
beside the data: ``?p prov:hadRole/skos:notation "partner"``. The role, sector and
actor-type concepts are copied from ``ontology/graphkit.ttl`` (their source of
truth); funds, ESF regions and programme areas come from
:func:`graphkit.concepts.all_concepts`.
"""

from __future__ import annotations

import functools

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from graphkit.bundled import ontology_path
from graphkit.concepts import Concept, all_concepts, project_concepts
from graphkit.rdf.vocabulary import GK, ID
from graphkit.records import ProjectRecord

__all__ = ["concept_scheme_lines", "project_concept_lines"]

_SCHEME = {"fund": GK.FundScheme, "esf-region": GK.ESFRegionScheme}
_PERIOD_LABEL = {
    "esf-2007-2013": ("ESF 2007–2013: programområden", "ESF 2007–2013 programme areas"),
    "esf-2014-2020": ("ESF 2014–2020: programområden", "ESF 2014–2020 programme areas"),
    "esf-plus-2021-2027": (
        "ESF+ 2021–2027: programområden",
        "ESF+ 2021–2027 programme areas",
    ),
}
#: The properties of the ontology's concepts and schemes that a graph repeats.
_COPIED = (
    RDF.type,
    SKOS.inScheme,
    SKOS.notation,
    SKOS.prefLabel,
    SKOS.broader,
    SKOS.topConceptOf,
)


def _iri(term: URIRef | str) -> str:
    return f"<{term}>"


def _literal(text: str, language: str | None = None) -> str:
    # concept labels are reference data: no control characters, so these two
    # escapes are all N-Triples needs
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"@{language}' if language else f'"{body}"'


@functools.cache
def _ontology_lines() -> tuple[str, ...]:
    """The ontology's schemes and concepts (roles, sectors, types) as N-Triples."""
    ontology = Graph().parse(ontology_path("graphkit.ttl"), format="turtle")
    subjects = {
        s
        for kind in (SKOS.Concept, SKOS.ConceptScheme)
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }
    lines = []
    for subject in sorted(subjects):
        for prop in _COPIED:
            for value in sorted(ontology.objects(subject, prop), key=str):
                term = (
                    _literal(str(value), value.language)
                    if isinstance(value, Literal)
                    else _iri(str(value))
                )
                lines.append(f"{_iri(subject)} {_iri(prop)} {term} .")
    return tuple(lines)


def _scheme_of(concept: Concept) -> str:
    if concept.scheme in _SCHEME:
        return _iri(_SCHEME[concept.scheme])
    return _iri(ID[concept.key.rsplit("/", 1)[0]])


@functools.cache
def concept_scheme_lines() -> tuple[str, ...]:
    """Every concept scheme's N-Triples lines, the same for every graph.

    Example:
        >>> lines = concept_scheme_lines()
        >>> [line for line in lines if "id/fund/esf-plus>" in line and "notation" in line]
        ['<https://w3id.org/graphkit/id/fund/esf-plus> \
<http://www.w3.org/2004/02/skos/core#notation> "ESF+" .']
    """
    lines = list(_ontology_lines())
    schemes: dict[str, tuple[str, str]] = {}
    for concept in all_concepts():
        node, scheme = _iri(ID[concept.key]), _scheme_of(concept)
        if concept.scheme == "programme-area":
            schemes[scheme] = _PERIOD_LABEL[concept.key.split("/")[1]]
        lines += [
            f"{node} {_iri(RDF.type)} {_iri(SKOS.Concept)} .",
            f"{node} {_iri(SKOS.inScheme)} {scheme} .",
            f"{node} {_iri(SKOS.notation)} {_literal(concept.notation)} .",
            f"{node} {_iri(SKOS.prefLabel)} {_literal(concept.sv, 'sv')} .",
            f"{node} {_iri(SKOS.prefLabel)} {_literal(concept.en, 'en')} .",
        ]
    for scheme, (sv, en) in schemes.items():
        lines += [
            f"{scheme} {_iri(RDF.type)} {_iri(SKOS.ConceptScheme)} .",
            f"{scheme} {_iri(RDF.type)} {_iri(GK.ProgrammeAreaScheme)} .",
            f"{scheme} {_iri(SKOS.prefLabel)} {_literal(sv, 'sv')} .",
            f"{scheme} {_iri(SKOS.prefLabel)} {_literal(en, 'en')} .",
        ]
    return tuple(lines)


def project_concept_lines(project: str, record: ProjectRecord) -> list[str]:
    """A project's links to its fund, ESF region and programme-area concepts.

    ``project`` is the project's N-Triples term (``<…/id/project/…>``).

    Example:
        >>> record = ProjectRecord("a.txt", "0", "esf-b", fund="ESF", region="Övre Norrland")
        >>> [line.split()[1].rsplit("#")[-1] for line in project_concept_lines("<p>", record)]
        ['fundConcept>', 'esfRegion>']
    """
    found = project_concepts(record)
    lines = [f"{project} {_iri(GK.fundConcept)} {_iri(ID[found.fund.key])} ."]
    if found.region is not None:
        lines.append(f"{project} {_iri(GK.esfRegion)} {_iri(ID[found.region.key])} .")
    if found.programme_area is not None:
        lines.append(
            f"{project} {_iri(GK.programmeAreaConcept)}"
            f" {_iri(ID[found.programme_area.key])} ."
        )
    return lines
