"""RDF graph or gazetteer -> the reference geography gaps are found in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from graphkit.network import node_id
from graphkit.rdf import GK

if TYPE_CHECKING:
    from graphkit.resolve import Gazetteer

__all__ = ["Geography", "gazetteer_geography", "read_geography"]


@dataclass(frozen=True, slots=True)
class Geography:
    """Municipalities, counties and ESF regions with their labels and nesting.

    Attributes:
        municipalities: ``municipality/0114`` -> ``(label, county id)``.
        counties: ``county/01`` -> ``(label, ESF region id)``.
        regions: ``esf-region/SE11`` -> label.
    """

    municipalities: dict[str, tuple[str, str]] = field(default_factory=dict)
    counties: dict[str, tuple[str, str]] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)


def read_geography(graph: Graph) -> Geography:
    """The reference geography of an RDF graph (gk:county, gk:esfRegion).

    Example (not executed)::

        geo = read_geography(Graph().parse("exports/graph.nt"))
        geo.regions["esf-region/SE33"]  # 'Övre Norrland'
    """

    def label(node: Node) -> str:
        return str(graph.value(node, RDFS.label) or node_id(str(node)))

    def link(node: Node, prop: URIRef) -> str:
        return node_id(str(graph.value(node, prop) or ""))

    municipalities = {
        node_id(str(m)): (label(m), link(m, GK.county))
        for m in graph.subjects(RDF.type, GK.Municipality)
    }
    counties = {
        node_id(str(c)): (label(c), link(c, GK.esfRegion))
        for c in graph.subjects(RDF.type, GK.County)
    }
    regions = {
        node_id(str(r)): label(r) for r in graph.subjects(RDF.type, GK.ESFRegion)
    }
    return Geography(
        dict(sorted(municipalities.items())),
        dict(sorted(counties.items())),
        dict(sorted(regions.items())),
    )


def gazetteer_geography(gazetteer: Gazetteer | None = None) -> Geography:
    """The reference geography of a gazetteer, without an RDF graph.

    It equals :func:`read_geography` of any graph graphkit builds with the same
    gazetteer (the build writes the geography from it), so the analysis of a
    build needs no RDF graph.

    Args:
        gazetteer: the municipalities, counties and ESF regions; the bundled
            :func:`graphkit.resolve.load_gazetteer` when ``None``.

    Example:
        >>> geo = gazetteer_geography()
        >>> geo.municipalities["municipality/1480"]
        ('Göteborg', 'county/14')
        >>> geo.counties["county/14"], geo.regions["esf-region/SE23"]
        (('Västra Götalands län', 'esf-region/SE23'), 'Västsverige')
    """
    if gazetteer is None:
        from graphkit.resolve import load_gazetteer

        gazetteer = load_gazetteer()
    region_of = {
        county: code for code, _, counties in gazetteer.regions for county in counties
    }
    return Geography(
        dict(
            sorted(
                (f"municipality/{m.code}", (m.name, f"county/{m.county_code}"))
                for m in gazetteer.municipalities
            )
        ),
        dict(
            sorted(
                (
                    f"county/{code}",
                    (
                        name,
                        f"esf-region/{region_of[code]}" if code in region_of else "",
                    ),
                )
                for code, name in gazetteer.counties
            )
        ),
        dict(
            sorted((f"esf-region/{code}", name) for code, name, _ in gazetteer.regions)
        ),
    )
