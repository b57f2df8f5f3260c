"""graphkit's vocabulary: namespaces, role, sector and type concepts, stable identifiers."""

from __future__ import annotations

import hashlib
import re

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, DefinedNamespace

from graphkit.records import PERSONAL_FIELDS, ProjectRecord
from graphkit.registry import slugify

__all__ = [
    "FIELD_PROPERTY",
    "GK",
    "ID",
    "ID_PREFIXES",
    "PERSONAL_PROPERTY",
    "PREFIXES",
    "PREFIX_NOTES",
    "ROLE_CONCEPT",
    "ROLE_PROPERTY",
    "SECTOR_CONCEPT",
    "SWEDISH_FIELDS",
    "TYPE_CONCEPT",
    "actor_iri",
    "bind_prefixes",
    "curie",
    "curies_in",
    "document_iri",
    "expand_curie",
    "project_key",
    "redact_contacts",
    "sparql_prefixes",
]

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
    FundScheme: URIRef
    ESFRegionScheme: URIRef
    ProgrammeAreaScheme: URIRef
    Lineage: URIRef
    lineageMethod: URIRef
    estimatedCostSEK: URIRef
    fundConcept: URIRef
    programmeAreaConcept: URIRef
    OwnerRole: URIRef
    PartnerRole: URIRef
    CoFinancierRole: URIRef
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
    coFinancier: URIRef
    transnationalPartner: URIRef
    groupMember: URIRef
    mentions: URIRef
    covers: URIRef
    # participation and provenance
    project: URIRef
    sourceDocument: URIRef
    sourceLine: URIRef
    sourceLocator: URIRef
    sourceSection: URIRef
    sourceText: URIRef
    nameAsWritten: URIRef
    cue: URIRef
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
    "cofinancier": GK.coFinancier,
    "transnational": GK.transnationalPartner,
    "group": GK.groupMember,
    "mention": GK.mentions,
    "covers": GK.covers,
}
ROLE_CONCEPT: dict[str, URIRef] = {
    "owner": GK.OwnerRole,
    "partner": GK.PartnerRole,
    "cofinancier": GK.CoFinancierRole,
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
FIELD_PROPERTY: dict[str, tuple[URIRef, URIRef | None]] = {
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
    "estimated_cost_sek": (GK.estimatedCostSEK, XSD.integer),
}
#: Header fields whose values are Swedish text, written with ``@sv``. Names (of
#: organisations, places, regions) and codes stay plain strings: they are names
#: in any language, and ``?a rdfs:label "Region Skåne"`` must keep matching.
SWEDISH_FIELDS: frozenset[str] = frozenset({"title", "phase"})
PERSONAL_PROPERTY: dict[str, URIRef] = dict(
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


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s{0,3}(?:@|\[at\]|\(at\)|\{at\}|\[@\]|\(@\))\s{0,3}[\w-]+"
    r"(?:\s{0,3}(?:\.|\[dot\]|\(dot\)|\[punkt\])\s{0,3}[\w-]+)+",
    re.IGNORECASE,
)
#: Swedish phone numbers: +46/0046 (with an optional "(0)"), "(08)" or a 0-prefix,
#: then two to four digit groups split by spaces, hyphens or a slash. Every
#: quantifier is bounded, so matching is linear in the text.
_PHONE = re.compile(
    r"(?<![\w+-])"
    r"(?:(?:\+|00)46[ \t-]{0,3}(?:\(0\)[ \t-]{0,3})?\d{1,3}|\(0\d{1,3}\)|0\d{1,3})"
    r"(?:[ \t/–-]{0,3}\d{2,4}){1,4}"
    r"(?![\w-])"
)
#: Personnummer and samordningsnummer (day + 60): YYMMDD-NNNN, YYYYMMDD-NNNN,
#: or twelve digits (ten digits without a hyphen are read as a phone number).
_PERSON_NUMBER = re.compile(
    r"(?<![\w-])(?:(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]|[6-8]\d|9[01])"
    r"[-+]\d{4}|(?:19|20)\d{10})(?![\w-])"
)
_TITLES = (
    "departementssekreterare|kontaktperson|projektledare|projektledaren|"
    "projektsamordnare|samordnare|koordinator|handläggare|handläggaren|"
    "utredare|sekreterare|ordförande|ordföranden|verksamhetschef|enhetschef|"
    "avdelningschef|förvaltningschef|kommundirektör|rektor|direktör|"
    "generaldirektör|statssekreterare|minister|ministern|forskare|professor|"
    "docent|lektor|vd"
)
_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüè]{1,30}(?:-[A-ZÅÄÖÉ][a-zåäöéè]{1,30})?"
#: A title or role followed by a person's name ("departementssekreterare Marie
#: Ericsson", "kontaktperson: Anna Berg"): the name is replaced, the title kept.
_TITLED_NAME = re.compile(
    rf"(?i:\b(?:{_TITLES}))(?:[ \t]{{0,3}}[:,][ \t]{{0,3}}|[ \t]{{1,3}})"
    rf"({_NAME_WORD}(?:[ \t]{{1,3}}{_NAME_WORD}){{1,2}})(?![\w-])"
)
#: A cited author, "Wijkström, F".
_AUTHOR = re.compile(
    rf"\b{_NAME_WORD}, [A-ZÅÄÖ]\.?(?=[ \t]+(?:och\b|\d{{4}})|[,;)]|[ \t]*\(|$)"
)


def _phone(match: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in match.group())
    return "[telefon]" if 7 <= digits <= 15 else match.group()


def redact_contacts(text: str) -> str:
    """Text with personal data replaced by placeholders.

    E-mail addresses (also written ``x [at] y.se``), Swedish phone numbers in
    any of their usual formats, personnummer and samordningsnummer, and the
    names of persons next to a title or role (the title is kept) and cited
    authors. Every pattern is linear in the text.

    Example:
        >>> redact_contacts("skicka till sara.jongren@coompanion.se eller ring 08-4474806")
        'skicka till [e-post] eller ring [telefon]'
        >>> redact_contacts("intervjuades departementssekreterare Marie Ericsson på")
        'intervjuades departementssekreterare [namn] på'
        >>> redact_contacts("ring +46 (0)8 555 12 34 el. per [at] coompanion.se, 650101-1234")
        'ring [telefon] el. [e-post], [personnummer]'
    """
    text = _EMAIL.sub("[e-post]", text)
    text = _PERSON_NUMBER.sub("[personnummer]", text)
    text = _PHONE.sub(_phone, text)
    text = _TITLED_NAME.sub(
        lambda m: m.group()[: m.start(1) - m.start()] + "[namn]", text
    )
    return _AUTHOR.sub("[namn]", text)


def document_iri(sha256: str) -> URIRef:
    """The IRI of a source document, from its checksum."""
    return ID[f"document/{sha256[:16]}"]


def actor_iri(actor: str) -> URIRef:
    """The IRI of ``org/<id>`` or ``municipality/<code>``."""
    return ID[actor]


#: The one prefix set of graphkit: written into ``graph.ttl``, predeclared in
#: ``graphkit query`` (a query may leave out their PREFIX lines), printed by
#: ``graphkit query --prefixes`` and used in every id graphkit prints
#: (``actor:reves``, ``municipality:0163``, ``project:esf-2015-00648``).
#: ``actor:`` is graphkit's organisations; ``org:`` is W3C ORG, the vocabulary.
PREFIXES: dict[str, str] = {
    "gk": str(GK._NS),
    "project": str(ID["project/"]),
    "actor": str(ID["org/"]),
    "municipality": str(ID["municipality/"]),
    "county": str(ID["county/"]),
    "esfregion": str(ID["esf-region/"]),
    "fund": str(ID["fund/"]),
    "programmearea": str(ID["programme-area/"]),
    "participation": str(ID["participation/"]),
    "document": str(ID["document/"]),
    "prov": str(PROV),
    "org": str(ORG),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

#: What each prefix names, for ``graphkit query --prefixes`` and the docs.
PREFIX_NOTES: dict[str, str] = {
    "gk": "graphkit's own classes and properties (ontology/graphkit.ttl)",
    "project": "projects: project:<fund>-<number>, or a title slug and hash",
    "actor": "organisations: actor:<registry id or name slug> (not org:, W3C ORG)",
    "municipality": "municipalities by SCB code: municipality:0163",
    "county": "counties by SCB code: county:01",
    "esfregion": "ESF regions by NUTS-2 code: esfregion:SE11",
    "participation": "an actor's part in a project: participation:<hash>",
    "document": "source documents: document:<first 16 hex of the SHA-256>",
    "prov": "W3C PROV-O: prov:qualifiedAssociation, prov:agent, prov:hadRole",
    "org": "W3C ORG, the vocabulary: org:Organization, org:memberOf",
    "dcterms": "Dublin Core terms: dcterms:title",
    "skos": "SKOS: skos:prefLabel, skos:notation, skos:inScheme",
    "schema": "schema.org: schema:startDate, schema:endDate",
    "foaf": "FOAF: foaf:homepage",
    "rdf": "RDF: rdf:type (also written a)",
    "rdfs": "RDF Schema: rdfs:label",
    "owl": "OWL",
    "xsd": "XML Schema datatypes: xsd:integer, xsd:date",
}

#: A local name that pastes into SPARQL and Turtle as written (a subset of
#: PN_LOCAL: no escapes needed).
_LOCAL_NAME = re.compile(r"[\w](?:[\w.-]*[\w-])?")
#: Longest namespace first, so ``actor:`` wins over a shorter namespace it extends.
_BY_NAMESPACE = sorted(
    ((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0])
)


def curie(iri: str) -> str:
    """An IRI as the prefixed name that pastes back into a query, else ``<iri>``.

    A node id (``org/reves``, ``municipality/0163``) is read under graphkit's id
    namespace first.

    Example:
        >>> curie("https://w3id.org/graphkit/id/org/coompanion-stockholms-lan")
        'actor:coompanion-stockholms-lan'
        >>> curie("municipality/0163"), curie(str(GK.PublicSector))
        ('municipality:0163', 'gk:PublicSector')
        >>> curie("https://w3id.org/graphkit/id/project/x-1/field/title")
        '<https://w3id.org/graphkit/id/project/x-1/field/title>'
    """
    if not re.match(r"^[A-Za-z][\w+.-]*:", iri):
        iri = str(ID[iri])
    for namespace, prefix in _BY_NAMESPACE:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _LOCAL_NAME.fullmatch(local):
                return f"{prefix}:{local}"
            break
    return f"<{iri}>"


#: The paths of node ids under graphkit's id namespace, longest first, each with the
#: prefix of its CURIEs: ``org/`` → ``actor``, ``municipality/`` → ``municipality``.
ID_PREFIXES: dict[str, str] = {
    ns[len(str(ID)) :]: prefix
    for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    if ns.startswith(str(ID))
}
_ID_PATH = "|".join(re.escape(path) for path in ID_PREFIXES)
#: A node id in running text: its local name stops before a hyphen that starts the
#: next id (``org/a-org/b`` is an edge of two ids).
_NODE_ID = re.compile(
    rf"(?<![\w/:.])(?:{_ID_PATH})[\w.]+(?:-(?!(?:{_ID_PATH}))[\w.]+)*"
)


def curies_in(text: str) -> str:
    """Text with every node id in it written as its CURIE, as queries take them.

    Example:
        >>> curies_in("org/slup-se-org/kfo (project/soul-c334ded1); esf-region/SE21")
        'actor:slup-se-actor:kfo (project:soul-c334ded1); esfregion:SE21'
    """
    return _NODE_ID.sub(lambda found: curie(found.group()), text)


def expand_curie(value: str) -> str | None:
    """The IRI of ``prefix:local`` for one of :data:`PREFIXES`, else None.

    Example:
        >>> expand_curie("actor:reves")
        'https://w3id.org/graphkit/id/org/reves'
        >>> expand_curie("https://example.org/x") is None
        True
    """
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local.replace("\\", "")
    return None


def sparql_prefixes() -> str:
    """:data:`PREFIXES` as SPARQL ``PREFIX`` lines, each with what it names.

    Example:
        >>> sparql_prefixes().splitlines()[2].split()[:4]
        ['PREFIX', 'actor:', '<https://w3id.org/graphkit/id/org/>', '#']
    """
    width = max(len(p) + len(ns) for p, ns in PREFIXES.items()) + 12
    return "".join(
        f"{f'PREFIX {p}: <{ns}>':<{width}}  # {PREFIX_NOTES.get(p, '')}".rstrip() + "\n"
        for p, ns in PREFIXES.items()
    )


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes graphkit's files use (:data:`PREFIXES`)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
