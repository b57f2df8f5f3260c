"""Ontology + query library → ``query-guide.md``: what a query can be written from.

Every class and property a graphkit graph uses, its own and those it reuses
(``dcterms:title``, ``schema:startDate``, ``rdfs:label`` ...), by the class they
are used on, with the IRI patterns of the ids, the prefixes, first queries and
the library's questions with their SPARQL. ``graphkit docs`` writes it.
"""

from __future__ import annotations

from rdflib import RDFS, Graph, URIRef

from graphkit.bundled import ontology_path
from graphkit.rdf.vocabulary import PREFIX_NOTES, PREFIXES, curie

__all__ = ["FIRST_QUERIES", "IRI_PATTERNS", "USAGE", "query_guide"]

#: The ids of a graph: what each names, its pattern, an example (CURIE and IRI).
IRI_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("project", "project:<fund>-<project number>, else project:<title slug>-<hash>",
     "project:esf-2015-00648"),
    ("organisation", "actor:<registry id or slug of the name as written>",
     "actor:coompanion-stockholms-lan"),
    ("municipality", "municipality:<4-digit SCB code>", "municipality:0163"),
    ("county", "county:<2-digit SCB code>", "county:01"),
    ("ESF region", "esfregion:<NUTS-2 code>", "esfregion:SE11"),
    ("participation", "participation:<16 hex of a hash>",
     "participation:0a1b2c3d4e5f6a7b"),
    ("source document", "document:<first 16 hex of the file's SHA-256>",
     "document:9812636df7ab152d"),
    ("field source", "<https://w3id.org/graphkit/id/project/<key>/field/<field>>",
     "<https://w3id.org/graphkit/id/project/esf-2015-00648/field/title>"),
    ("ontology term", "gk:<Name> (classes, concepts) or gk:<name> (properties)",
     "gk:Project, gk:partner, gk:PartnerRole"),
)  # fmt: skip

#: Class → ``(property, value, what it says)`` of every triple a build writes on
#: an instance of the class (``tests/test_guide.py`` checks a built graph
#: against it, both ways).
USAGE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "gk:Project": (
        ("rdf:type", "gk:Project", "a project (a prov:Activity)"),
        ("rdfs:label", "text@sv", "the title"),
        ("dcterms:title", "text@sv", "the title"),
        ("gk:phase", "text@sv", '"Förprojektering"@sv or "Genomförande"@sv'),
        ("gk:programmeArea", "string", "the programme area as written"),
        ("gk:region", "string", "the region as written"),
        ("gk:fund", "string", "ESF, ESF+ or ERDF, as written"),
        ("gk:fundConcept", "skos:Concept", "fund:esf, fund:esf-plus, fund:erdf ..."),
        ("gk:esfRegion", "gk:ESFRegion", "the ESF region the region text resolves to"),
        ("gk:programmeAreaConcept", "skos:Concept", "the programme area of its period"),
        ("gk:estimatedCostSEK", "xsd:integer", "an idea form's estimate: not a budget"),
        ("prov:wasInformedBy", "gk:Project", "an earlier project it builds on"),
        ("prov:qualifiedCommunication", "gk:Lineage", "how that link was found"),
        ("gk:callId", "string", "the call"),
        ("gk:projectNumber", "string", "the funder's project number"),
        ("schema:startDate", "xsd:date", "first day"),
        ("schema:endDate", "xsd:date", "last day"),
        ("gk:esfGrantSEK", "xsd:integer", "ESF grant, kronor"),
        ("gk:grantSEK", "xsd:integer", "grant from the project's fund, kronor"),
        ("gk:totalBudgetSEK", "xsd:integer", "total budget, kronor"),
        ("gk:plannedParticipants", "xsd:integer", "planned participants"),
        ("gk:layout", "string", "how the document was read (esf-a, idea-form ...)"),
        ("gk:owner", "org:Organization", "shortcut: the owner"),
        ("gk:partner", "org:Organization", "shortcut: a listed partner"),
        ("gk:coFinancier", "org:Organization", "shortcut: a co-financier"),
        ("gk:transnationalPartner", "org:Organization", "shortcut"),
        ("gk:groupMember", "org:Organization", "shortcut: a group member"),
        ("gk:mentions", "org:Organization", "shortcut: named in the text"),
        ("gk:covers", "gk:Municipality", "shortcut: a covered municipality"),
        ("prov:qualifiedAssociation", "gk:Participation", "each actor's part"),
        ("gk:sourceDocument", "gk:SourceDocument", "the document read"),
        ("gk:fieldSource", "gk:FieldSource", "where a header value was read"),
    ),
    "gk:Participation": (
        ("rdf:type", "gk:Participation", "an actor's part in a project"),
        ("gk:project", "gk:Project", "the project"),
        ("prov:agent", "org:Organization", "the actor"),
        ("prov:hadRole", "skos:Concept", "the role: gk:PartnerRole ..."),
        ("gk:sourceDocument", "gk:SourceDocument", "the document"),
        ("gk:sourceLine", "xsd:integer", "the line (1-based)"),
        (
            "gk:sourceLocator",
            "string",
            'where in a PDF or Office file ("page 2, line 14")',
        ),
        ("gk:sourceSection", "text@sv", "the section heading"),
        ("gk:sourceText", "text@sv", "the text it was read from"),
        ("gk:cue", "text@sv", 'the words that gave the role ("i samverkan med")'),
        ("gk:nameAsWritten", "string", "the name as the document writes it"),
        ("gk:resolutionMethod", "string", "registry, alias, fuzzy, new ..."),
        ("gk:matchScore", "xsd:decimal", "the name match's score, 0-100"),
        ("gk:spanStart", "xsd:integer", "a mention's start in its line"),
        ("gk:spanEnd", "xsd:integer", "a mention's end in its line"),
    ),
    "gk:Lineage": (
        (
            "rdf:type",
            "gk:Lineage",
            "a project builds on an earlier one (prov:Communication)",
        ),
        ("prov:activity", "gk:Project", "the earlier project"),
        (
            "gk:lineageMethod",
            "string",
            "stated, stated-place, stated-same-owner, inferred",
        ),
        ("gk:matchScore", "xsd:decimal", "how well the earlier project fits, 0-100"),
        ("gk:cue", "text@sv", 'the words that say so ("baseras på")'),
        ("gk:sourceText", "text@sv", "the sentence"),
        ("gk:sourceDocument", "gk:SourceDocument", "the document"),
        ("gk:sourceLine", "xsd:integer", "the line"),
        ("gk:sourceSection", "text@sv", "the section heading"),
    ),
    "org:Organization": (
        ("rdf:type", "org:Organization", "an organisation (W3C ORG)"),
        ("rdfs:label", "string", "the name (plain: names are in any language)"),
        ("skos:prefLabel", "string", "the name"),
        ("skos:altLabel", "string", "another name it goes by"),
        ("gk:actorType", "skos:Concept", "gk:TypeCooperative ..."),
        ("gk:sector", "skos:Concept", "gk:PublicSector, gk:SocialEconomySector ..."),
        ("gk:inRegistry", "xsd:boolean", "false: made from an unmatched name"),
        ("org:memberOf", "org:Organization", "a network it is a member of"),
        ("org:subOrganizationOf", "org:Organization", "the body it is a unit of"),
        ("org:identifier", "string", "its organisation number"),
        ("dcterms:identifier", "string", '"SE-ON-…" (org-id.guide style)'),
        ("owl:sameAs", "IRI", "its Wikidata item, where known"),
        ("foaf:homepage", "IRI", "its web site"),
    ),
    "gk:Municipality": (
        ("rdf:type", "gk:Municipality", "also an org:Organization"),
        ("rdfs:label", "string", '"Sollentuna"'),
        ("skos:prefLabel", "string", "the name"),
        ("skos:altLabel", "string", '"Sollentuna kommun"'),
        ("gk:scbCode", "string", '"0163"'),
        ("gk:county", "gk:County", "its county"),
        ("gk:esfRegion", "gk:ESFRegion", "its ESF region"),
        ("gk:actorType", "skos:Concept", "gk:TypeMunicipality"),
        ("gk:sector", "skos:Concept", "gk:PublicSector"),
        ("gk:inRegistry", "xsd:boolean", "true"),
    ),
    "gk:County": (
        ("rdf:type", "gk:County", "a county (län)"),
        ("rdfs:label", "string", '"Stockholms län"'),
        ("gk:scbCode", "string", '"01"'),
        ("gk:esfRegion", "gk:ESFRegion", "its ESF region"),
    ),
    "gk:ESFRegion": (
        ("rdf:type", "gk:ESFRegion", "an ESF region (NUTS-2)"),
        ("rdfs:label", "string", '"Stockholm"'),
        ("gk:nutsCode", "string", '"SE11"'),
    ),
    "gk:SourceDocument": (
        ("rdf:type", "gk:SourceDocument", "an input file (a prov:Entity)"),
        ("gk:path", "string", "its path as given"),
        ("gk:sha256", "string", "the SHA-256 of its bytes"),
    ),
    "gk:FieldSource": (
        ("rdf:type", "gk:FieldSource", "where one header value was read"),
        ("gk:field", "string", '"title", "total_budget_sek" ...'),
        ("gk:sourceDocument", "gk:SourceDocument", "the document"),
        ("gk:sourceLine", "xsd:integer", "the line"),
    ),
    "skos:Concept": (
        ("rdf:type", "skos:Concept", "a role, sector or actor type"),
        ("skos:inScheme", "skos:ConceptScheme", "gk:RoleScheme, gk:SectorScheme"),
        ("skos:notation", "string", '"partner", "public" ...'),
        ("skos:prefLabel", "text@en, text@sv", '"listed partner"@en'),
        ("skos:topConceptOf", "skos:ConceptScheme", "a sector"),
        ("skos:broader", "skos:Concept", "an actor type's sector"),
        ("rdfs:comment", "text@en", "what it means"),
    ),
    "skos:ConceptScheme": (
        ("rdf:type", "skos:ConceptScheme", "roles, sectors and types"),
        ("rdfs:label", "text@en", "its name"),
        ("skos:prefLabel", "text@en, text@sv", "its name"),
        ("rdfs:comment", "text@en", "what it holds"),
    ),
}

#: First queries, each answering one question with the terms above (each is run
#: on the seeds' graph by ``tests/test_guide.py``).
FIRST_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "Which projects does an organisation own, with title and start?",
        "SELECT ?project ?title ?start WHERE {\n"
        "  ?project gk:owner actor:coompanion-stockholms-lan ;\n"
        "           dcterms:title ?title .\n"
        "  OPTIONAL { ?project schema:startDate ?start }\n"
        "} ORDER BY ?start",
    ),
    (
        "Who are the listed partners, and which line of which file says so?",
        "SELECT ?actor ?name ?path ?line WHERE {\n"
        "  ?p prov:hadRole gk:PartnerRole ; prov:agent ?actor ;\n"
        "     gk:sourceDocument/gk:path ?path ; gk:sourceLine ?line .\n"
        "  ?actor rdfs:label ?name .\n"
        "} ORDER BY ?path ?line LIMIT 10",
    ),
    (
        "Which projects cover Sollentuna (municipality:0163)?",
        "SELECT ?project ?title WHERE {\n"
        "  ?project gk:covers municipality:0163 ; rdfs:label ?title .\n"
        "}",
    ),
    (
        "Which titles contain a word (Swedish text carries @sv; STR() drops it)?",
        "SELECT ?project ?title WHERE {\n"
        "  ?project dcterms:title ?title .\n"
        '  FILTER (CONTAINS(LCASE(STR(?title)), "ekonomi"))\n'
        "}",
    ),
    (
        "How many actors are there in each sector?",
        "SELECT ?sector (COUNT(?actor) AS ?actors) WHERE {\n"
        "  ?actor a org:Organization ; gk:sector ?sector .\n"
        "} GROUP BY ?sector ORDER BY DESC(?actors)",
    ),
)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(cell(c) for c in row) + " |" for row in rows),
    ]


def _own_terms() -> dict[str, str]:
    """CURIE → English comment of each term of the ontology."""
    graph = Graph().parse(ontology_path("graphkit.ttl"), format="turtle")
    return {
        curie(str(s)): str(o)
        for s, o in graph.subject_objects(RDFS.comment)
        if isinstance(s, URIRef) and getattr(o, "language", None) in ("en", None)
    }


def query_guide() -> str:
    """``query-guide.md``: prefixes, id patterns, terms by class, worked queries.

    Example:
        >>> text = query_guide()
        >>> "| `schema:startDate` | xsd:date |" in text, "| `actor:` | `https://w3id" in text
        (True, True)
    """
    from graphkit.store.query import library

    own = _own_terms()
    lines = [
        "# Writing your own queries",
        "",
        "Every class and property a graphkit graph uses, its own (`gk:`) and the ones it",
        "reuses from W3C ORG, PROV-O, Dublin Core, SKOS, schema.org and FOAF. Paste any id",
        "`graphkit query` prints into a query: the prefixes below need no PREFIX lines there",
        "(`graphkit query --prefixes` prints them). `actor:` is graphkit's organisations;",
        "`org:` is W3C ORG, the vocabulary (`org:Organization`). Swedish text (titles,",
        'phases, sections, source text, cues) is tagged `@sv`: compare with `"…"@sv` or',
        "`STR(?x)`; names and codes are plain strings.",
        "",
        "## Prefixes",
        "",
        *_table(
            ("prefix", "namespace", "names"),
            [
                (f"`{p}:`", f"`{ns}`", PREFIX_NOTES.get(p, ""))
                for p, ns in PREFIXES.items()
            ],
        ),
        "",
        "## Ids",
        "",
        *_table(
            ("what", "pattern", "example"),
            [(w, f"`{p}`", f"`{e}`") for w, p, e in IRI_PATTERNS],
        ),
        "",
        "## Classes and their properties",
        "",
    ]
    for cls, props in USAGE.items():
        origin = "graphkit" if cls.startswith("gk:") else "reused"
        lines += [f"### `{cls}` ({origin})", ""]
        if cls in own:
            lines += [own[cls], ""]
        lines += _table(
            ("property", "value", "says", "defined by"),
            [
                (
                    f"`{p}`",
                    v,
                    what,
                    "graphkit" if p.startswith("gk:") else p.split(":")[0],
                )
                for p, v, what in props
            ],
        )
        lines.append("")
    lines += ["## First queries", ""]
    for question, text in FIRST_QUERIES:
        lines += [f"**{question}**", "", "```sparql", text, "```", ""]
    lines += [
        "## The library's questions",
        "",
        "Each runs with `graphkit query NAME`; `--param name=value` sets a parameter.",
        "",
    ]
    for q in library():
        params = "".join(
            f"\n- `--param {n}={d}`" + (f": {w}" if w else "") for n, d, w in q.params
        )
        body = "\n".join(
            line for line in q.text.splitlines() if not line.startswith("#")
        ).strip()
        lines += [
            f"### {q.name}",
            "",
            q.question + ("\n" + params if params else ""),
            "",
        ]
        lines += ["```sparql", body, "```", ""]
    return "\n".join(lines)
