"""Ontology and API → documentation: pyLODE HTML, an overview diagram, the API page."""

from __future__ import annotations

import html
import inspect
import io
import logging
import math
import tempfile
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from graphkit.bundled import ontology_path
from graphkit.errors import ExportError
from graphkit.exports import write_atomically

__all__ = ["api_reference", "ontology_diagram", "write_docs"]

log = logging.getLogger(__name__)


#: Where the main classes sit in the overview diagram (others go along the bottom).
_POSITIONS: dict[str, tuple[float, float]] = {
    "gk:Project": (0.0, 1.3),
    "gk:Participation": (-3.6, 1.3),
    "gk:SourceDocument": (-3.6, 3.3),
    "gk:FieldSource": (0.0, 3.3),
    "org:Organization": (-1.4, -1.5),
    "skos:Concept": (-4.3, -1.5),
    "gk:Municipality": (2.6, -1.5),
    "gk:County": (2.6, -3.4),
    "gk:ESFRegion": (5.2, -1.5),
}
#: Links the ontology reuses from W3C vocabularies, drawn with ours.
_REUSED_LINKS = (
    ("gk:Project", "prov:qualifiedAssociation", "gk:Participation"),
    ("gk:Participation", "prov:agent", "org:Organization"),
    ("gk:Participation", "prov:hadRole", "skos:Concept"),
    ("gk:Participation", "sourceDocument", "gk:SourceDocument"),
    ("gk:FieldSource", "sourceDocument", "gk:SourceDocument"),
    ("gk:Project", "sourceDocument", "gk:SourceDocument"),
    ("gk:Municipality", "esfRegion", "gk:ESFRegion"),
    ("gk:County", "esfRegion", "gk:ESFRegion"),
)


def _short(graph: Graph, iri: object) -> str:
    prefix, _, name = graph.compute_qname(str(iri))
    return f"{prefix}:{name}"


def _arrows(graph: Graph) -> dict[tuple[str, str], list[str]]:
    """(domain, range) → the object properties (and reused links) between them."""
    arrows: dict[tuple[str, str], list[str]] = {}
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty), key=str):
        domain, range_ = graph.value(prop, RDFS.domain), graph.value(prop, RDFS.range)
        if isinstance(domain, URIRef) and isinstance(range_, URIRef):
            key = (_short(graph, domain), _short(graph, range_))
            arrows.setdefault(key, []).append(_short(graph, prop).split(":")[1])
    for source, name, target in _REUSED_LINKS:
        arrows.setdefault((source, target), []).append(name)
    return arrows


def _positions(classes: list[str]) -> dict[str, tuple[float, float]]:
    """Where each class box goes: the main ones as placed, the others along the bottom."""
    spare = [c for c in classes if c not in _POSITIONS]
    positions = {c: _POSITIONS[c] for c in classes if c in _POSITIONS}
    for n, name in enumerate(spare):
        positions[name] = (-4.6 + 2.3 * n, -3.6)
    return positions


def _draw_arrow(
    ax: Any, start: tuple[float, float], end: tuple[float, float], names: list[str]
) -> None:
    """One labelled arrow between two boxes (a loop above the box when they are one)."""
    (x1, y1), (x2, y2) = start, end
    if start == end:
        ax.annotate(
            "",
            xy=(x1 + 0.3, y1 + 0.3),
            xytext=(x1 - 0.3, y1 + 0.3),
            arrowprops={
                "arrowstyle": "->",
                "connectionstyle": "arc3,rad=-1.5",
                "color": "#777",
            },
        )
        ax.text(x1, y1 + 0.75, ", ".join(names), ha="center", fontsize=7, color="#444")
        return
    across = abs(x2 - x1) / max(1e-9, math.hypot(x2 - x1, y2 - y1))
    shrink = 22 + 40 * across
    ax.annotate(
        "",
        xy=(x2, y2),
        xytext=(x1, y1),
        arrowprops={
            "arrowstyle": "-|>",
            "color": "#777",
            "shrinkA": shrink,
            "shrinkB": shrink,
        },
    )
    ax.text(
        (x1 + x2) / 2,
        (y1 + y2) / 2,
        "\n".join(names),
        ha="center",
        va="center",
        fontsize=7,
        color="#1f4e79",
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
    )


def ontology_diagram(ontology: Path | None = None) -> bytes:
    """An SVG overview: classes as boxes, object properties as labelled arrows.

    Each object property with a domain and a range draws an arrow from the
    domain to the range; role shortcuts (``gk:owner`` …) run from
    ``gk:Project`` to the actors. The drawing is deterministic.

    Example (not executed)::

        Path("overview.svg").write_bytes(ontology_diagram())
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graph = Graph().parse(ontology or ontology_path("graphkit.ttl"), format="turtle")
    arrows = _arrows(graph)
    positions = _positions(sorted({c for pair in arrows for c in pair}))
    plt.rcParams["svg.hashsalt"] = "graphkit"
    plt.rcParams["svg.fonttype"] = "none"  # keep labels as searchable text
    fig, ax = plt.subplots(figsize=(12, 9))
    ax.set_axis_off()
    for (source, target), names in sorted(arrows.items()):
        _draw_arrow(ax, positions[source], positions[target], names)
    for name, (x, y) in positions.items():
        ax.text(
            x,
            y,
            name,
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            bbox={
                "boxstyle": "round,pad=0.5",
                "fc": "#fff3d6" if name == "gk:Project" else "#e8f1fb",
                "ec": "#555",
            },
        )
    ax.set_xlim(-5.5, 5.5)
    ax.set_ylim(-4, 4)
    ax.set_title("graphkit ontology: classes and the properties that join them")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def _concept_table(graph: Graph) -> str:
    """HTML tables of the concept schemes: roles, sectors and actor types."""
    parts = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        rows = []
        for concept in sorted(graph.subjects(SKOS.inScheme, scheme), key=str):
            cells = (
                graph.value(concept, SKOS.notation),
                graph.value(concept, SKOS.prefLabel),
                graph.value(concept, SKOS.broader),
                graph.value(concept, RDFS.comment),
            )
            texts = [
                _short(graph, concept),
                *(
                    _short(graph, c) if isinstance(c, URIRef) else str(c or "")
                    for c in cells
                ),
            ]
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(t)}</td>" for t in texts) + "</tr>"
            )
        title = html.escape(str(graph.value(scheme, RDFS.label) or scheme))
        comment = html.escape(str(graph.value(scheme, RDFS.comment) or ""))
        parts.append(
            f"<section><h2>{title}</h2><p>{comment}</p><table><tr><th>concept</th>"
            "<th>notation</th><th>label</th><th>broader</th><th>meaning</th></tr>"
            + "".join(rows)
            + "</table></section>"
        )
    return "".join(parts)


def _signature(func: Any) -> str:
    """``name(param: type = default, *, ...) -> type`` as the source writes it."""
    sig = inspect.signature(func)
    parts: list[str] = []
    starred = False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not starred:
            parts.append("*")
        starred = starred or p.kind in (p.KEYWORD_ONLY, p.VAR_POSITIONAL)
        text = p.name
        if p.kind is p.VAR_POSITIONAL or p.kind is p.VAR_KEYWORD:
            text = ("*" if p.kind is p.VAR_POSITIONAL else "**") + text
        if p.annotation is not p.empty:
            text += f": {p.annotation}"
        if p.default is not p.empty:
            text += f" = {p.default!r}"
        parts.append(text)
    result = (
        f" -> {sig.return_annotation}" if sig.return_annotation is not sig.empty else ""
    )
    return f"{func.__name__}({', '.join(parts)}){result}"


def api_reference() -> str:
    """``api.html``: the signature and docstring of each name of :mod:`graphkit`.

    The names are ``graphkit.__all__``: what README.md and the walkthrough use.

    Example (not executed)::

        Path("api.html").write_text(api_reference(), encoding="utf-8")
    """
    import graphkit  # the package root, documented here: imported when called

    names = [name for name in graphkit.__all__ if not name.startswith("_")]
    sections = []
    for name in names:
        func = getattr(graphkit, name)
        sections.append(
            f'<section id="{name}"><h2><code>graphkit.{html.escape(_signature(func))}'
            f"</code></h2><p>from <code>{func.__module__}</code></p>"
            f"<pre>{html.escape(inspect.getdoc(func) or '')}</pre></section>"
        )
    index = "".join(f'<li><a href="#{n}"><code>{n}</code></a></li>' for n in names)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>graphkit {graphkit.__version__}: Python API</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}</style></head>"
        f"<body><h1>graphkit {graphkit.__version__}: Python API</h1>"
        f"<pre>{html.escape(inspect.getdoc(graphkit) or '')}</pre><ul>{index}</ul>"
        + "".join(sections)
        + '<p>The ontology: <a href="ontology.html">ontology.html</a>.</p>'
        "</body></html>\n"
    )


def write_docs(out_dir: str | Path, ontology: Path | None = None) -> list[Path]:
    """Write ``ontology.html`` (pyLODE), ``overview.svg``, ``query-guide.md`` and
    ``api.html`` into ``out_dir``.

    ``query-guide.md`` lists every class and property a graph uses, own and
    reused, the id patterns and a worked query per question
    (:func:`graphkit.guide.query_guide`); ``api.html`` is the reference of the
    Python API (:func:`api_reference`).

    Raises:
        ExportError: if pyLODE cannot document the ontology.

    Example (not executed)::

        write_docs("exports/docs")
    """
    try:
        from pylode import OntPub
    except ImportError as e:  # pyLODE 3.4.1 fails at import on Python 3.11
        raise ExportError(f"pyLODE is not usable here: {e}") from e
    source = ontology or ontology_path("graphkit.ttl")
    graph = Graph().parse(source, format="turtle")
    concepts = _concept_table(graph)
    for node in {
        *graph.subjects(RDF.type, SKOS.Concept),
        *graph.subjects(RDF.type, SKOS.ConceptScheme),
    }:
        graph.remove((node, None, None))  # pyLODE documents OWL terms only
    for node, label in list(graph.subject_objects(RDFS.label)):
        if (
            getattr(label, "language", None) != "en"
            or (node, RDF.type, OWL.Ontology) in graph
        ):
            graph.remove((node, RDFS.label, label))  # one label each: pyLODE joins them
    with tempfile.TemporaryDirectory() as tmp:
        classes_only = Path(tmp) / "graphkit.ttl"
        graph.serialize(classes_only, format="turtle")
        html = OntPub(ontology=str(classes_only)).make_html()
    diagram = ontology_diagram(source)
    html = html.replace(
        "</body>",
        '<section id="overview"><h2>Overview</h2>'
        '<img src="overview.svg" alt="classes and roles of the graphkit ontology"'
        f' style="max-width:100%"></section>{concepts}</body>',
        1,
    )
    from graphkit.guide import query_guide

    files = {
        "ontology.html": html.encode("utf-8"),
        "overview.svg": diagram,
        "api.html": api_reference().encode("utf-8"),
        "query-guide.md": query_guide().encode("utf-8"),
    }
    out = Path(out_dir)
    write_atomically(out, files)
    return [out / name for name in files]
