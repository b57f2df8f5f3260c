"""Records + links → N-Triples lines (made directly, no rdflib terms), Turtle, rdflib graphs."""

from __future__ import annotations

import functools
import hashlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV

from graphkit.rdf.concepts import concept_scheme_lines, project_concept_lines
from graphkit.rdf.vocabulary import (
    FIELD_PROPERTY,
    GK,
    ID,
    PERSONAL_PROPERTY,
    PREFIXES,
    ROLE_CONCEPT,
    ROLE_PROPERTY,
    SECTOR_CONCEPT,
    SWEDISH_FIELDS,
    TYPE_CONCEPT,
    bind_prefixes,
    project_key,
    redact_contacts,
)
from graphkit.records import Link, Participation, ProjectRecord, Role, role_set
from graphkit.resolve import Gazetteer, Registry, infer_kind, load_gazetteer
from graphkit.resolve.identifiers import org_id

__all__ = [
    "RecordTriples",
    "TripleStream",
    "actor_triples",
    "build_graph",
    "geography_triples",
    "ntriples_lines",
    "record_triples",
    "write_turtle",
]

# ------------------------------------------------------------------ N-Triples
#
# The build makes millions of triples: they are written as N-Triples lines
# directly (no rdflib terms), escaped exactly as Oxigraph escapes them.

_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)} | {
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    ord('"'): '\\"',
    ord("\\"): "\\\\",
}


def _n(iri: str) -> str:
    """An IRI we make ourselves (namespace + slug, code or hash) as an N-Triples term."""
    return f"<{iri}>"


@functools.lru_cache(maxsize=1 << 16)
def _checked(iri: str) -> str:
    """An IRI from outside (registry ids, web sites) as a term; Oxigraph validates it."""
    import pyoxigraph as ox

    return str(ox.NamedNode(iri))


def _text(value: object) -> str:
    """A plain literal."""
    return f'"{str(value).translate(_ESCAPES)}"'


def _swedish(value: object) -> str:
    """A literal of Swedish text (a title, a phase, a section heading, source text)."""
    return f'"{str(value).translate(_ESCAPES)}"@sv'


def _typed(value: object, datatype: str) -> str:
    return f'"{str(value).translate(_ESCAPES)}"^^{datatype}'


def _decimal(score: float) -> str:
    text = repr(float(score))
    if "e" in text or "n" in text:  # 1e-05, inf, nan are not xsd:decimal
        text = f"{float(score):.6f}" if score == score else "0.0"
    return _typed(text, _DECIMAL)


_TYPE, _LABEL, _PREF, _ALT = (
    _n(RDF.type),
    _n(RDFS.label),
    _n(SKOS.prefLabel),
    _n(SKOS.altLabel),
)
_INTEGER, _DECIMAL, _DATE = _n(XSD.integer), _n(XSD.decimal), _n(XSD.date)
_BOOLEAN = {True: f'"true"^^{_n(XSD.boolean)}', False: f'"false"^^{_n(XSD.boolean)}'}
_GK = {name: _n(str(GK._NS) + name) for name in GK.__annotations__}
_ROLE_P = {role: _n(term) for role, term in ROLE_PROPERTY.items()}
_ROLE_C = {role: _n(term) for role, term in ROLE_CONCEPT.items()}
_SECTOR_C = {sector: _n(term) for sector, term in SECTOR_CONCEPT.items()}
_TYPE_C = {kind: _n(term) for kind, term in TYPE_CONCEPT.items()}
_DATATYPE = {XSD.integer: _INTEGER, XSD.date: _DATE}
_FIELDS = {
    name: (_n(prop), _DATATYPE.get(datatype) if datatype else None)
    for name, (prop, datatype) in FIELD_PROPERTY.items()
}
_FIELDS_AND_CONTACTS = _FIELDS | {
    name: (_n(prop), None) for name, prop in PERSONAL_PROPERTY.items()
}
_QUALIFIED, _AGENT, _HAD_ROLE = (
    _n(PROV.qualifiedAssociation),
    _n(PROV.agent),
    _n(PROV.hadRole),
)
_ID = str(ID)
_ONE_ROLE: dict[str, frozenset[Role]] = {role: role_set((role,)) for role in Role}


@dataclass(frozen=True, slots=True)
class RecordTriples:
    """One record's triples as N-Triples lines, grouped by what may repeat.

    Attributes:
        document: the source document's checksum; ``document_lines`` describe
            it and come once per document.
        project: the project key; ``project_lines`` (the project's facts and
            field sources) repeat when two documents describe one project.
        participations: the lines of each participation, its node first
            (repeated only when the same document is read twice).
        actors: ``(actor, label)`` of every actor the record links to.
        rows: the participation table's row of each of ``participations``.
    """

    document: str
    project: str
    document_lines: tuple[str, ...]
    project_lines: tuple[str, ...]
    participations: tuple[tuple[str, ...], ...]
    actors: tuple[tuple[str, str], ...]
    rows: tuple[Participation, ...]


def record_triples(
    record: ProjectRecord,
    links: Iterable[Link] = (),
    *,
    include_personal_data: bool = False,
) -> RecordTriples:
    """A record and its resolved links as N-Triples lines, in the graphkit ontology.

    The project links to its source document; every header value has a
    :class:`GK.FieldSource` with its line; every link becomes a shortcut triple
    (``gk:partner``) and a qualified :class:`GK.Participation` with the source
    document, line, section and text. Contact details are left out (and
    redacted from source text) unless ``include_personal_data``.

    Example:
        >>> from graphkit.records import Link, Participation, ProjectRecord, role_set
        >>> record = ProjectRecord("a.txt", "ab" * 32, "esf-b", title="Vägen ut",
        ...                        project_number="2015/00648", fund="ESF")
        >>> link = Link("partner", "org/reves", "REVES", "REVES", line=9)
        >>> triples = record_triples(record, [link])
        >>> triples.project, len(triples.participations), len(triples.participations[0])
        ('esf-2015-00648', 1, 9)
        >>> row = triples.rows[0]
        >>> row.project, row.actor, sorted(row.roles), row.line
        ('project/esf-2015-00648', 'org/reves', [<Role.PARTNER: 'partner'>], 9)
        >>> print(triples.project_lines[3])
        <https://w3id.org/graphkit/id/project/esf-2015-00648> \
<http://www.w3.org/2000/01/rdf-schema#label> "Vägen ut"@sv .
    """
    key = project_key(record)
    project = _n(f"{_ID}project/{key}")
    document = _n(f"{_ID}document/{record.sha256[:16]}")
    document_lines = (
        f"{document} {_TYPE} {_GK['SourceDocument']} .",
        f"{document} {_GK['path']} {_text(record.source_path)} .",
        f"{document} {_GK['sha256']} {_text(record.sha256)} .",
    )
    facts = [
        f"{project} {_TYPE} {_GK['Project']} .",
        f"{project} {_GK['sourceDocument']} {document} .",
        f"{project} {_GK['layout']} {_text(record.layout)} .",
    ]
    if record.title:
        facts.append(f"{project} {_LABEL} {_swedish(record.title)} .")
    facts += project_concept_lines(project, record)
    sources: list[str] = []
    for name, (prop, datatype) in (
        _FIELDS_AND_CONTACTS if include_personal_data else _FIELDS
    ).items():
        value = getattr(record, name)
        if value is None:
            continue
        if datatype:
            literal = _typed(value, datatype)
        else:
            literal = _swedish(value) if name in SWEDISH_FIELDS else _text(value)
        facts.append(f"{project} {prop} {literal} .")
        line = record.line_of(name)
        if line is not None:
            source = _n(f"{_ID}project/{key}/field/{name}")
            facts.append(f"{project} {_GK['fieldSource']} {source} .")
            sources += [
                f"{source} {_TYPE} {_GK['FieldSource']} .",
                f"{source} {_GK['field']} {_text(name)} .",
                f"{source} {_GK['sourceDocument']} {document} .",
                f"{source} {_GK['sourceLine']} {_typed(line, _INTEGER)} .",
            ]
            where = record.locator_of(name) or record.locator_of(line)
            if where:
                sources.append(f"{source} {_GK['sourceLocator']} {_text(where)} .")
    participations: dict[str, list[str]] = {}
    rows: list[Participation] = []
    actors: dict[str, str] = {}
    for link in links:
        actors.setdefault(link.actor, link.label)
        basis = f"{project[1:-1]}|{link.role}|{link.actor}|{record.sha256}"
        digest = hashlib.sha1(f"{basis}|{link.line}|{link.span}".encode()).hexdigest()
        node = _n(f"{_ID}participation/{digest[:16]}")
        if node in participations:
            continue
        actor = _checked(_ID + link.actor)
        facts += [
            f"{project} {_ROLE_P[link.role]} {actor} .",
            f"{project} {_QUALIFIED} {node} .",
        ]
        participations[node] = _participation(
            node, project, document, actor, link, include_personal_data
        )
        # a list's cell first (the owner's, the municipalities'), else the line's
        where = record.locator_of(_CELL_OF_ROLE.get(link.role)) or record.locator_of(
            link.line
        )
        if where:
            participations[node].append(
                f"{node} {_GK['sourceLocator']} {_text(where)} ."
            )
        rows.append(
            Participation(
                f"project/{key}",
                link.actor,
                _ONE_ROLE[link.role],
                record.source_path,
                link.line,
                link.cue,
                link.section,
                link.name,
                link.method,
                float(link.score),
            )
        )
    return RecordTriples(
        record.sha256,
        key,
        document_lines,
        tuple(dict.fromkeys(facts + sources)),
        tuple(tuple(block) for block in participations.values()),
        tuple(actors.items()),
        tuple(rows),
    )


#: The list column a role is read from (see :func:`graphkit.parse.lists.parse_list`).
_CELL_OF_ROLE = {"owner": "owner", "covers": "municipalities"}


def _participation(
    node: str,
    project: str,
    document: str,
    actor: str,
    link: Link,
    include_personal_data: bool,
) -> list[str]:
    lines = [
        f"{node} {_TYPE} {_GK['Participation']} .",
        f"{node} {_GK['project']} {project} .",
        f"{node} {_AGENT} {actor} .",
        f"{node} {_HAD_ROLE} {_ROLE_C[link.role]} .",
        f"{node} {_GK['sourceDocument']} {document} .",
    ]
    if link.line is not None:
        lines.append(f"{node} {_GK['sourceLine']} {_typed(link.line, _INTEGER)} .")
    if link.section:
        lines.append(f"{node} {_GK['sourceSection']} {_swedish(link.section)} .")
    text = link.text if include_personal_data or link.role != "group" else link.name
    if text:
        text = text if include_personal_data else redact_contacts(text)
        lines.append(f"{node} {_GK['sourceText']} {_swedish(text)} .")
    lines += [
        f"{node} {_GK['nameAsWritten']} {_text(link.name)} .",
        f"{node} {_GK['resolutionMethod']} {_text(link.method)} .",
        f"{node} {_GK['matchScore']} {_decimal(link.score)} .",
    ]
    if link.cue:
        lines.append(f"{node} {_GK['cue']} {_swedish(link.cue)} .")
    if link.org_number:
        lines += _org_number_lines(actor, link.org_number)
    if link.span is not None:
        lines += [
            f"{node} {_GK['spanStart']} {_typed(link.span[0], _INTEGER)} .",
            f"{node} {_GK['spanEnd']} {_typed(link.span[1], _INTEGER)} .",
        ]
    return lines


def actor_triples(actor: str, label: str, registry: Registry) -> list[str]:
    """An organisation's description: type, labels, sector, registry relations.

    Example:
        >>> from graphkit.resolve import load_registry
        >>> lines = actor_triples("org/nya-vagar", "Föreningen Nya Vägar", load_registry())
        >>> print(lines[3].split()[-2])
        <https://w3id.org/graphkit/ontology#TypeAssociation>
    """
    node = _checked(_ID + actor)
    try:
        entry = registry.get(actor.removeprefix("org/"))
    except KeyError:
        kind, sector = infer_kind(label)
        return [
            f"{node} {_TYPE} {_n(ORG.Organization)} .",
            f"{node} {_LABEL} {_text(label)} .",
            f"{node} {_PREF} {_text(label)} .",
            f"{node} {_GK['actorType']} {_TYPE_C[kind]} .",
            f"{node} {_GK['sector']} {_SECTOR_C[sector]} .",
            f"{node} {_GK['inRegistry']} {_BOOLEAN[False]} .",
        ]
    lines = [
        f"{node} {_TYPE} {_n(ORG.Organization)} .",
        f"{node} {_LABEL} {_text(entry.name)} .",
        f"{node} {_PREF} {_text(entry.name)} .",
        *(f"{node} {_ALT} {_text(alias)} ." for alias in entry.aliases),
        f"{node} {_GK['actorType']} {_TYPE_C[entry.type]} .",
        f"{node} {_GK['sector']} {_SECTOR_C[entry.sector]} .",
        f"{node} {_GK['inRegistry']} {_BOOLEAN[True]} .",
    ]
    lines += [
        f"{node} {_n(ORG.memberOf)} {_checked(f'{_ID}org/{other}')} ."
        for other in entry.member_of
    ]
    if entry.part_of:
        parent = entry.part_of if "/" in entry.part_of else f"org/{entry.part_of}"
        lines.append(f"{node} {_n(ORG.subOrganizationOf)} {_checked(_ID + parent)} .")
    if entry.website:
        lines.append(f"{node} {_n(FOAF.homepage)} {_checked(entry.website)} .")
    if entry.org_number:
        lines += _org_number_lines(node, entry.org_number)
    if entry.wikidata:
        lines.append(
            f"{node} {_n(OWL.sameAs)} {_checked(_WIKIDATA + entry.wikidata)} ."
        )
    return lines


_WIKIDATA = "http://www.wikidata.org/entity/"


def _org_number_lines(node: str, number: str) -> list[str]:
    """An organisation number as written and as an org-id.guide style identifier."""
    return [
        f"{node} {_n(ORG.identifier)} {_text(number)} .",
        f"{node} {_n(DCTERMS.identifier)} {_text(org_id(number))} .",
    ]


def geography_triples(gazetteer: Gazetteer) -> list[str]:
    """The reference geography: 8 ESF regions, 21 counties, 290 municipalities."""
    region_of_county = {
        county: code for code, _, counties in gazetteer.regions for county in counties
    }
    lines = []
    for code, name, _ in gazetteer.regions:
        node = _n(f"{_ID}esf-region/{code}")
        lines += [
            f"{node} {_TYPE} {_GK['ESFRegion']} .",
            f"{node} {_LABEL} {_text(name)} .",
            f"{node} {_GK['nutsCode']} {_text(code)} .",
        ]
    for code, name in gazetteer.counties:
        node = _n(f"{_ID}county/{code}")
        lines += [
            f"{node} {_TYPE} {_GK['County']} .",
            f"{node} {_LABEL} {_text(name)} .",
            f"{node} {_GK['scbCode']} {_text(code)} .",
            f"{node} {_GK['esfRegion']} {_n(f'{_ID}esf-region/{region_of_county[code]}')} .",
        ]
    for m in gazetteer.municipalities:
        node = _n(f"{_ID}municipality/{m.code}")
        lines += [
            f"{node} {_TYPE} {_GK['Municipality']} .",
            f"{node} {_TYPE} {_n(ORG.Organization)} .",
            f"{node} {_LABEL} {_text(m.name)} .",
            f"{node} {_PREF} {_text(m.name)} .",
            f"{node} {_ALT} {_text(m.official_name)} .",
            f"{node} {_GK['scbCode']} {_text(m.code)} .",
            f"{node} {_GK['county']} {_n(f'{_ID}county/{m.county_code}')} .",
            f"{node} {_GK['esfRegion']} {_n(f'{_ID}esf-region/{m.region_code}')} .",
            f"{node} {_GK['actorType']} {_TYPE_C['municipality']} .",
            f"{node} {_GK['sector']} {_SECTOR_C['public']} .",
            f"{node} {_GK['inRegistry']} {_BOOLEAN[True]} .",
        ]
    return lines


class TripleStream:
    """Joins records' triples into one graph's N-Triples, each triple once.

    Geography first, then each record's lines as they come (a document's and
    a project's lines only once), then the actors' descriptions sorted by id.
    Documents are read in a fixed order, so the same inputs give the same
    lines in the same order. With a ``table`` list, the row of every
    participation written is appended to it: the participation table of the
    graph, made by the same walk.

    Example:
        >>> from graphkit.resolve import load_gazetteer, load_registry
        >>> from graphkit.records import ProjectRecord
        >>> stream = TripleStream(load_registry(), load_gazetteer())
        >>> record = record_triples(ProjectRecord("a.txt", "ab" * 32, "esf-b", title="X"))
        >>> len(stream.geography()), len(stream.add(record)), len(stream.add(record))
        (3589, 9, 0)
    """

    def __init__(
        self,
        registry: Registry,
        gazetteer: Gazetteer | None = None,
        *,
        table: list[Participation] | None = None,
    ) -> None:
        self.registry = registry
        self.gazetteer = gazetteer or load_gazetteer()
        self.table = table
        self.actors: dict[str, str] = {}
        self._documents: set[str] = set()
        self._projects: dict[str, array[int]] = {}

    def geography(self) -> list[str]:
        """The geography's lines (see :func:`geography_triples`) and the concept schemes."""
        by_subject: dict[str, list[str]] = {}  # an ESF region is both: one block
        for line in (*geography_triples(self.gazetteer), *concept_scheme_lines()):
            by_subject.setdefault(line.partition(" ")[0], []).append(line)
        return [line for block in by_subject.values() for line in block]

    def add(self, triples: RecordTriples) -> list[str]:
        """The lines of one record not written before."""
        lines: list[str] = []
        if triples.document not in self._documents:
            self._documents.add(triples.document)
            lines += triples.document_lines
        nodes = [block[0].partition(" ")[0] for block in triples.participations]
        seen = self._projects.get(triples.project)
        table = self.table
        if seen is None:
            lines += triples.project_lines
            for block in triples.participations:
                lines += block
            if table is not None:
                table += triples.rows
            self._projects[triples.project] = array(
                "q", map(hash, [*triples.project_lines, *nodes])
            )
        else:  # another document on the same project, or the same one again
            known = set(seen)
            new = [line for line in triples.project_lines if hash(line) not in known]
            lines += new
            for node, block, row in zip(
                nodes, triples.participations, triples.rows, strict=True
            ):
                if hash(node) not in known:
                    lines += block
                    new.append(node)
                    if table is not None:
                        table.append(row)
            seen.extend(map(hash, new))
        for actor, label in triples.actors:
            self.actors.setdefault(actor, label)
        return lines

    def actor_lines(self) -> Iterator[str]:
        """The descriptions of the organisations met (municipalities are geography)."""
        for actor, label in sorted(self.actors.items()):
            if not actor.startswith("municipality/"):
                yield from actor_triples(actor, label, self.registry)


def ntriples_lines(
    items: Iterable[tuple[ProjectRecord, Iterable[Link]]],
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    *,
    include_personal_data: bool = False,
) -> Iterator[str]:
    """The graph of records and their links as N-Triples lines, each triple once.

    Args:
        items: ``(record, links)`` pairs, e.g. from :func:`graphkit.resolve.resolve_record`.
        registry: describes the registry's actors (type, sector, relations).
        gazetteer: the municipalities; bundled by default.
        include_personal_data: also write contact names, e-mail and phone.

    Example (not executed)::

        Path("graph.nt").write_text("".join(l + "\\n" for l in ntriples_lines(items, reg)))
    """
    stream = TripleStream(registry, gazetteer)
    yield from stream.geography()
    for record, links in items:
        yield from stream.add(
            record_triples(record, links, include_personal_data=include_personal_data)
        )
    yield from stream.actor_lines()


#: The prefixes graphkit's files use.


def write_turtle(ntriples: str | Path, turtle: str | Path) -> None:
    """Write Turtle with graphkit's prefixes from an N-Triples file (Oxigraph, streaming).

    rdflib's Turtle writer takes minutes on a large graph; Oxigraph's streams
    it in seconds. A subject's triples stay together when they are together in
    the N-Triples, as :func:`ntriples_lines` writes them.

    Example (not executed)::

        write_turtle("exports/graph.nt", "exports/graph.ttl")
    """
    import pyoxigraph as ox

    triples = ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(
        triples, output=str(turtle), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES
    )


def build_graph(
    items: Iterable[tuple[ProjectRecord, Iterable[Link]]],
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    *,
    include_personal_data: bool = False,
) -> Graph:
    """An rdflib graph of the records and links (see :func:`ntriples_lines`).

    Example (not executed)::

        g = build_graph([(record, links)], load_registry())
        g.serialize(format="turtle")
    """
    lines = ntriples_lines(
        items, registry, gazetteer, include_personal_data=include_personal_data
    )
    data = "".join(f"{line}\n" for line in lines)
    return bind_prefixes(Graph()).parse(data=data, format="nt")
