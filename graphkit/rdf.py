"""Records + links → RDF in the graphkit ontology, with provenance on every fact."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, DefinedNamespace
from rdflib.term import Node

from graphkit.bundled import ontology_path
from graphkit.errors import OntologyError
from graphkit.records import PERSONAL_FIELDS, Link, ProjectRecord
from graphkit.resolve import Gazetteer, Registry, infer_kind, load_gazetteer, slugify

__all__ = [
    "GK",
    "ID",
    "PREFIXES",
    "ROLE_CONCEPT",
    "ROLE_PROPERTY",
    "SECTOR_CONCEPT",
    "TYPE_CONCEPT",
    "Triple",
    "Validation",
    "Violation",
    "build_graph",
    "graph_triples",
    "load_graph_file",
    "project_key",
    "redact_contacts",
    "sorted_ntriples",
    "turtle_from_ntriples",
    "validate_graph",
]

Triple: TypeAlias = tuple[Node, Node, Node]

#: Instances: projects, organisations, municipalities, documents, participations.
ID = Namespace("https://w3id.org/graphkit/id/")


class GK(DefinedNamespace):
    """graphkit's own terms; ``ontology/graphkit.ttl`` is their source of truth."""

    _NS = Namespace("https://w3id.org/graphkit/ontology#")
    _fail = True

    # classes
    Project: URIRef
    Municipality: URIRef
    County: URIRef
    ESFRegion: URIRef
    Participation: URIRef
    FieldSource: URIRef
    SourceDocument: URIRef
    # concept schemes and concepts
    RoleScheme: URIRef
    SectorScheme: URIRef
    OwnerRole: URIRef
    PartnerRole: URIRef
    TransnationalPartnerRole: URIRef
    GroupMemberRole: URIRef
    MentionedRole: URIRef
    CoveredRole: URIRef
    PublicSector: URIRef
    SocialEconomySector: URIRef
    PrivateSector: URIRef
    ResearchSector: URIRef
    EuropeanNetworkSector: URIRef
    UnknownSector: URIRef
    TypeMunicipality: URIRef
    TypeRegion: URIRef
    TypeAgency: URIRef
    TypeCooperative: URIRef
    TypeAssociation: URIRef
    TypeFoundation: URIRef
    TypeNetwork: URIRef
    TypeCompany: URIRef
    TypeResearch: URIRef
    TypeEuropeanNetwork: URIRef
    TypeUnknown: URIRef
    # role shortcuts
    owner: URIRef
    partner: URIRef
    transnationalPartner: URIRef
    groupMember: URIRef
    mentions: URIRef
    covers: URIRef
    # participation and provenance
    project: URIRef
    sourceDocument: URIRef
    sourceLine: URIRef
    sourceSection: URIRef
    sourceText: URIRef
    nameAsWritten: URIRef
    resolutionMethod: URIRef
    matchScore: URIRef
    spanStart: URIRef
    spanEnd: URIRef
    fieldSource: URIRef
    field: URIRef
    path: URIRef
    sha256: URIRef
    layout: URIRef
    # projects
    programmeArea: URIRef
    phase: URIRef
    esfGrantSEK: URIRef
    grantSEK: URIRef
    totalBudgetSEK: URIRef
    fund: URIRef
    region: URIRef
    callId: URIRef
    projectNumber: URIRef
    plannedParticipants: URIRef
    contactPerson: URIRef
    # actors and places
    actorType: URIRef
    sector: URIRef
    inRegistry: URIRef
    scbCode: URIRef
    nutsCode: URIRef
    county: URIRef
    esfRegion: URIRef


#: Role slug → (shortcut property, role concept).
ROLE_PROPERTY: dict[str, URIRef] = {
    "owner": GK.owner,
    "partner": GK.partner,
    "transnational": GK.transnationalPartner,
    "group": GK.groupMember,
    "mention": GK.mentions,
    "covers": GK.covers,
}
ROLE_CONCEPT: dict[str, URIRef] = {
    "owner": GK.OwnerRole,
    "partner": GK.PartnerRole,
    "transnational": GK.TransnationalPartnerRole,
    "group": GK.GroupMemberRole,
    "mention": GK.MentionedRole,
    "covers": GK.CoveredRole,
}
SECTOR_CONCEPT: dict[str, URIRef] = {
    "public": GK.PublicSector,
    "social-economy": GK.SocialEconomySector,
    "private": GK.PrivateSector,
    "research": GK.ResearchSector,
    "european-network": GK.EuropeanNetworkSector,
    "unknown": GK.UnknownSector,
}
TYPE_CONCEPT: dict[str, URIRef] = {
    "municipality": GK.TypeMunicipality,
    "region": GK.TypeRegion,
    "agency": GK.TypeAgency,
    "cooperative": GK.TypeCooperative,
    "association": GK.TypeAssociation,
    "foundation": GK.TypeFoundation,
    "network": GK.TypeNetwork,
    "company": GK.TypeCompany,
    "research": GK.TypeResearch,
    "european-network": GK.TypeEuropeanNetwork,
    "unknown": GK.TypeUnknown,
}

#: Header field → (property, datatype) for project literals.
_FIELD_PROPERTY: dict[str, tuple[URIRef, URIRef | None]] = {
    "title": (DCTERMS.title, None),
    "programme_area": (GK.programmeArea, None),
    "phase": (GK.phase, None),
    "esf_grant_sek": (GK.esfGrantSEK, XSD.integer),
    "grant_sek": (GK.grantSEK, XSD.integer),
    "total_budget_sek": (GK.totalBudgetSEK, XSD.integer),
    "start": (SDO.startDate, XSD.date),
    "end": (SDO.endDate, XSD.date),
    "region": (GK.region, None),
    "call_id": (GK.callId, None),
    "project_number": (GK.projectNumber, None),
    "planned_participants": (GK.plannedParticipants, XSD.integer),
    "fund": (GK.fund, None),
}
_PERSONAL_PROPERTY: dict[str, URIRef] = dict(
    zip(PERSONAL_FIELDS, (GK.contactPerson, SDO.email, SDO.telephone), strict=True)
)


def project_key(record: ProjectRecord) -> str:
    """The stable identifier of a record's project.

    The funder's project number where there is one (prefixed by the fund);
    otherwise a slug of the title with a short hash of title, owner and period,
    so that two documents describing the same project meet in one node.

    Example:
        >>> from graphkit.records import ProjectRecord
        >>> project_key(ProjectRecord("a.txt", "0", "esf-b", project_number="2015/00648",
        ...                           fund="ESF"))
        'esf-2015-00648'
        >>> project_key(ProjectRecord("a.txt", "0", "esf-a", title="Scoop Skåne",
        ...                           owner="Coompanion", start="2009-04-01"))
        'scoop-skane-ffebe31c'
    """
    if record.project_number:
        return slugify(f"{record.fund or 'project'} {record.project_number}")
    basis = "|".join(
        str(v or "") for v in (record.title, record.owner, record.start, record.end)
    )
    digest = hashlib.sha1(basis.casefold().encode("utf-8")).hexdigest()[:8]
    return f"{slugify(record.title or 'untitled')[:48].rstrip('-')}-{digest}"


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w-])(\+46|0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2,4}){1,3}(?![\w-])"
)


def redact_contacts(text: str) -> str:
    """Text with e-mail addresses and phone numbers replaced by placeholders.

    Example:
        >>> redact_contacts("skicka till sara.jongren@coompanion.se eller ring 08-4474806")
        'skicka till [e-post] eller ring [telefon]'
    """
    return _PHONE.sub("[telefon]", _EMAIL.sub("[e-post]", text))


def document_iri(sha256: str) -> URIRef:
    """The IRI of a source document, from its checksum."""
    return ID[f"document/{sha256[:16]}"]


def actor_iri(actor: str) -> URIRef:
    """The IRI of ``org/<id>`` or ``municipality/<code>``."""
    return ID[actor]


def _lit(value: object, datatype: URIRef | None = None) -> Literal:
    return Literal(str(value) if datatype in (XSD.date,) else value, datatype=datatype)


def graph_triples(
    items: Iterable[tuple[ProjectRecord, Iterable[Link]]],
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    *,
    include_personal_data: bool = False,
) -> Iterator[Triple]:
    """Triples for records and their resolved links, in the graphkit ontology.

    Every project links to its source document; every link becomes a
    shortcut triple and a qualified :class:`GK.Participation` with the source
    document, line, section and text; every header value has a
    :class:`GK.FieldSource`. The reference geography (290 municipalities, 21
    counties, 8 ESF regions) and the actors' descriptions come once.

    Args:
        items: ``(record, links)`` pairs, e.g. from :func:`graphkit.resolve.resolve_record`.
        registry: describes the registry's actors (type, sector, relations).
        gazetteer: the municipalities; bundled by default.
        include_personal_data: also write contact names, e-mail and phone.

    Yields:
        ``(subject, predicate, object)`` triples; a fact may repeat.
    """
    gazetteer = gazetteer or load_gazetteer()
    yield from _geography(gazetteer)
    actors: dict[str, str] = {}
    documents: set[str] = set()
    for record, links in items:
        yield from _record(record, documents, include_personal_data)
        project = ID[f"project/{project_key(record)}"]
        for link in links:
            actors.setdefault(link.actor, link.label)
            yield from _link(project, record, link, include_personal_data)
    for actor, label in sorted(actors.items()):
        if not actor.startswith("municipality/"):
            yield from _organisation(actor, label, registry)


def _record(
    record: ProjectRecord, documents: set[str], include_personal_data: bool
) -> Iterator[Triple]:
    project = ID[f"project/{project_key(record)}"]
    document = document_iri(record.sha256)
    if record.sha256 not in documents:
        documents.add(record.sha256)
        yield document, RDF.type, GK.SourceDocument
        yield document, GK.path, Literal(record.source_path)
        yield document, GK.sha256, Literal(record.sha256)
    yield project, RDF.type, GK.Project
    yield project, GK.sourceDocument, document
    yield project, GK.layout, Literal(record.layout)
    if record.title:
        yield project, RDFS.label, Literal(record.title)
    fields = dict(_FIELD_PROPERTY)
    if include_personal_data:
        fields |= {name: (prop, None) for name, prop in _PERSONAL_PROPERTY.items()}
    for name, (prop, datatype) in fields.items():
        value = getattr(record, name)
        if value is None:
            continue
        yield project, prop, _lit(value, datatype)
        line = record.line_of(name)
        if line is not None:
            source = ID[f"project/{project_key(record)}/field/{name}"]
            yield project, GK.fieldSource, source
            yield source, RDF.type, GK.FieldSource
            yield source, GK.field, Literal(name)
            yield source, GK.sourceDocument, document
            yield source, GK.sourceLine, Literal(line)


def _link(
    project: URIRef, record: ProjectRecord, link: Link, include_personal_data: bool
) -> Iterator[Triple]:
    actor = actor_iri(link.actor)
    basis = (
        f"{project}|{link.role}|{link.actor}|{record.sha256}|{link.line}|{link.span}"
    )
    participation = ID[f"participation/{hashlib.sha1(basis.encode()).hexdigest()[:16]}"]
    yield project, ROLE_PROPERTY[link.role], actor
    yield project, PROV.qualifiedAssociation, participation
    yield participation, RDF.type, GK.Participation
    yield participation, GK.project, project
    yield participation, PROV.agent, actor
    yield participation, PROV.hadRole, ROLE_CONCEPT[link.role]
    yield participation, GK.sourceDocument, document_iri(record.sha256)
    if link.line is not None:
        yield participation, GK.sourceLine, Literal(link.line)
    if link.section:
        yield participation, GK.sourceSection, Literal(link.section)
    text = link.text if include_personal_data or link.role != "group" else link.name
    if text:
        yield (
            participation,
            GK.sourceText,
            Literal(text if include_personal_data else redact_contacts(text)),
        )
    yield participation, GK.nameAsWritten, Literal(link.name)
    yield participation, GK.resolutionMethod, Literal(link.method)
    yield participation, GK.matchScore, Literal(link.score, datatype=XSD.decimal)
    if link.span is not None:
        yield participation, GK.spanStart, Literal(link.span[0])
        yield participation, GK.spanEnd, Literal(link.span[1])


def _organisation(actor: str, label: str, registry: Registry) -> Iterator[Triple]:
    node = actor_iri(actor)
    actor_id = actor.removeprefix("org/")
    yield node, RDF.type, ORG.Organization
    try:
        entry = registry.get(actor_id)
    except KeyError:
        kind, sector = infer_kind(label)
        yield node, RDFS.label, Literal(label)
        yield node, SKOS.prefLabel, Literal(label)
        yield node, GK.actorType, TYPE_CONCEPT[kind]
        yield node, GK.sector, SECTOR_CONCEPT[sector]
        yield node, GK.inRegistry, Literal(False)
        return
    yield node, RDFS.label, Literal(entry.name)
    yield node, SKOS.prefLabel, Literal(entry.name)
    for alias in entry.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    yield node, GK.actorType, TYPE_CONCEPT[entry.type]
    yield node, GK.sector, SECTOR_CONCEPT[entry.sector]
    yield node, GK.inRegistry, Literal(True)
    for other in entry.member_of:
        yield node, ORG.memberOf, ID[f"org/{other}"]
    if entry.part_of:
        parent = entry.part_of if "/" in entry.part_of else f"org/{entry.part_of}"
        yield node, ORG.subOrganizationOf, ID[parent]
    if entry.website:
        yield node, FOAF.homepage, URIRef(entry.website)
    if entry.org_number:
        yield node, ORG.identifier, Literal(entry.org_number)


def _geography(gazetteer: Gazetteer) -> Iterator[Triple]:
    region_of_county = {
        county: code for code, _, counties in gazetteer.regions for county in counties
    }
    for code, name, _ in gazetteer.regions:
        node = ID[f"esf-region/{code}"]
        yield node, RDF.type, GK.ESFRegion
        yield node, RDFS.label, Literal(name)
        yield node, GK.nutsCode, Literal(code)
    for code, name in gazetteer.counties:
        node = ID[f"county/{code}"]
        yield node, RDF.type, GK.County
        yield node, RDFS.label, Literal(name)
        yield node, GK.scbCode, Literal(code)
        yield node, GK.esfRegion, ID[f"esf-region/{region_of_county[code]}"]
    for m in gazetteer.municipalities:
        node = ID[f"municipality/{m.code}"]
        yield node, RDF.type, GK.Municipality
        yield node, RDF.type, ORG.Organization
        yield node, RDFS.label, Literal(m.name)
        yield node, SKOS.prefLabel, Literal(m.name)
        yield node, SKOS.altLabel, Literal(m.official_name)
        yield node, GK.scbCode, Literal(m.code)
        yield node, GK.county, ID[f"county/{m.county_code}"]
        yield node, GK.esfRegion, ID[f"esf-region/{m.region_code}"]
        yield node, GK.actorType, GK.TypeMunicipality
        yield node, GK.sector, GK.PublicSector
        yield node, GK.inRegistry, Literal(True)


#: The prefixes graphkit's files use.
PREFIXES: dict[str, str] = {
    "gk": str(GK._NS),
    "project": str(ID["project/"]),
    "actor": str(ID["org/"]),
    "municipality": str(ID["municipality/"]),
    "county": str(ID["county/"]),
    "esfregion": str(ID["esf-region/"]),
    "participation": str(ID["participation/"]),
    "document": str(ID["document/"]),
    "prov": str(PROV),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes graphkit's files use (:data:`PREFIXES`)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph


def sorted_ntriples(triples: Iterable[Triple]) -> bytes:
    """N-Triples of ``triples``: one per line, duplicates dropped, lines sorted.

    Sorted lines make the file reproducible byte for byte and group each
    subject's triples, so a Turtle writer reading them in order nests them.

    Example:
        >>> from rdflib import Literal, URIRef
        >>> reves = URIRef("https://w3id.org/graphkit/id/org/reves")
        >>> label = (reves, RDFS.label, Literal("REVES"))
        >>> for part in sorted_ntriples([label, label]).decode().split():
        ...     print(part)
        <https://w3id.org/graphkit/id/org/reves>
        <http://www.w3.org/2000/01/rdf-schema#label>
        "REVES"
        .
    """
    lines = {f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples}
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


@functools.lru_cache(maxsize=1 << 18)
def _nt(term: Node) -> str:
    """One term in N-Triples syntax, escaped by Oxigraph (terms repeat: cached)."""
    import pyoxigraph as ox

    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return str(ox.Literal(str(term), datatype=datatype))
    return str(ox.NamedNode(str(term)))


def turtle_from_ntriples(ntriples: bytes) -> bytes:
    """Turtle with graphkit's prefixes from sorted N-Triples, written by Oxigraph.

    rdflib's Turtle writer takes minutes on a large graph; Oxigraph's takes a
    second, and sorted input makes its output reproducible.

    Example:
        >>> nt = (b'<https://w3id.org/graphkit/id/org/reves>'
        ...       b' <http://www.w3.org/2000/01/rdf-schema#label> "REVES" .\\n')
        >>> print(turtle_from_ntriples(nt).decode().splitlines()[-1])
        actor:reves rdfs:label "REVES" .
    """
    import pyoxigraph as ox

    used = {
        prefix: namespace
        for prefix, namespace in PREFIXES.items()
        if namespace.encode() in ntriples
    }
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used) or b""


def build_graph(
    items: Iterable[tuple[ProjectRecord, Iterable[Link]]],
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    *,
    include_personal_data: bool = False,
    graph: Graph | None = None,
) -> Graph:
    """An rdflib graph of the records and links (see :func:`graph_triples`).

    Example (not executed)::

        g = build_graph([(record, links)], load_registry())
        g.serialize(format="turtle")
    """
    graph = bind_prefixes(graph if graph is not None else Graph())
    graph.addN(
        (s, p, o, graph)
        for s, p, o in graph_triples(
            items, registry, gazetteer, include_personal_data=include_personal_data
        )
    )
    return graph


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result: the node, the property path and the message."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of checking a graph against ``ontology/shapes.ttl``."""

    conforms: bool
    violations: tuple[Violation, ...] = ()


def validate_graph(graph: Graph, shapes: str | Path | None = None) -> Validation:
    """Check a graph against the SHACL shapes (pyshacl), with the ontology.

    Args:
        graph: the data graph.
        shapes: a shapes file; the bundled ``ontology/shapes.ttl`` by default.

    Returns:
        Whether it conforms, and each violation sorted by node and path.

    Raises:
        OntologyError: if the shapes or the ontology cannot be read.

    Example (not executed)::

        result = validate_graph(Graph().parse("exports/graph.nt"))
        result.conforms
    """
    import pyshacl

    try:
        shapes_graph = Graph().parse(
            shapes or ontology_path("shapes.ttl"), format="turtle"
        )
        ontology = Graph().parse(ontology_path("graphkit.ttl"), format="turtle")
    except (OSError, ValueError) as e:
        raise OntologyError(f"shapes or ontology unreadable: {e}") from e
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        ont_graph=ontology,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    sh = Namespace("http://www.w3.org/ns/shacl#")
    violations = sorted(
        Violation(
            focus=str(results.value(node, sh.focusNode)),
            path=str(results.value(node, sh.resultPath) or ""),
            message=str(results.value(node, sh.resultMessage) or ""),
            severity=str(results.value(node, sh.resultSeverity)).rsplit("#", 1)[-1],
        )
        for node in results.subjects(RDF.type, sh.ValidationResult)
    )
    return Validation(bool(conforms), tuple(violations))


def load_graph_file(path: str | Path) -> Graph:
    """Parse an RDF file (Turtle, N-Triples, RDF/XML, JSON-LD by its ending).

    Raises:
        OntologyError: if the file is not valid RDF.
    """
    from rdflib.util import guess_format

    try:
        return Graph().parse(str(path), format=guess_format(str(path)) or "turtle")
    except (OSError, ValueError, SyntaxError) as e:
        raise OntologyError(f"not a readable RDF file: {e}", path=str(path)) from e
