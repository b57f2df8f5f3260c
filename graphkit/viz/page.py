"""Network data → one offline, injection-safe HTML page, or a notebook view of it."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graphkit.errors import ExportError
from graphkit.store import open_graph
from graphkit.viz.client import COLOURS, PAGE_CSS, ROLE_STYLES, page_script
from graphkit.viz.data import (
    LAYOUT_THRESHOLD,
    MAX_NODES,
    network_data,
)
from graphkit.viz.measures import read_measure_graphs, read_measures

__all__ = [
    "NetworkView",
    "network_page",
    "network_view",
    "render_page",
    "script_json",
    "write_network_page",
]

log = logging.getLogger(__name__)

_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028 or U+2029.

    Example:
        >>> print(script_json({"name": "<img src=x onerror=alert(1)>"}))
        {"name":"\\u003cimg src=x onerror=alert(1)\\u003e"}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JS_ESCAPES.items():
        text = text.replace(char, escape)
    return text


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet, as bundled with pyvis."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise ExportError(
            f"pyvis's vis-network files are missing: {e}", path=str(folder)
        ) from e
    if "</script" in js.lower() or "<!--" in js:
        raise ExportError(
            "vis-network's script cannot be inlined safely", path=str(folder)
        )
    return js, css


_VENDOR = Path(__file__).parent / "vendor"


@cache
def _sigma_assets() -> tuple[str, str]:
    """sigma.js and graphology, as bundled in ``vendor/`` (see ``vendor/build.sh``)."""
    path = _VENDOR / "sigma-graphology.min.js"
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ExportError(f"the sigma.js bundle is missing: {e}", path=str(path)) from e
    if "</script" in js.lower() or "<!--" in js:
        raise ExportError(
            "the sigma.js bundle cannot be inlined safely", path=str(path)
        )
    return js, ""


def _sha256(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        + "'"
    )


def network_page(
    graph: Graph | nx.Graph,
    *,
    title: str = "graphkit network",
    projection: str = "bipartite",
    size_by: str = "degree",
    with_coverage: bool = False,
    with_mentions: bool | None = None,
    ego: str | None = None,
    depth: int | None = None,
    top: int | None = None,
    layout_threshold: int = LAYOUT_THRESHOLD,
    max_nodes: int | None = MAX_NODES,
    measures: dict[str, dict[str, float]] | None = None,
    measure_tables: dict[str, str] | None = None,
    renderer: str = "auto",
) -> str:
    """One HTML page that draws the network of ``graph``, with everything inlined.

    The page loads nothing: vis-network's script and stylesheet are inlined,
    and a Content-Security-Policy allows only the page's own two scripts (by
    hash), inline styles and ``data:`` images, so even an injected element
    could neither run nor fetch. Document strings travel as escaped JSON and
    are shown as text. The same input gives the same bytes.

    Args:
        graph: an RDF graph in the graphkit ontology, or the project–actor graph
            :func:`graphkit.network.project_actor_graph` made of it.
        title: the page title (plain text).
        projection, size_by, with_coverage, with_mentions, ego, depth, top,
            layout_threshold, max_nodes, measures, measure_tables, renderer: as for
            :func:`graphkit.viz.data.network_data`.

    Returns:
        The HTML text (encode as UTF-8 to write it).

    Raises:
        ExportError: for an unknown projection, measure or ego, or missing assets.

    Example (not executed)::

        files["network.html"] = network_page(graph).encode("utf-8")
    """
    data = network_data(
        graph,
        projection=projection,
        size_by=size_by,
        with_coverage=with_coverage,
        with_mentions=with_mentions,
        ego=ego,
        depth=depth,
        top=top,
        layout_threshold=layout_threshold,
        max_nodes=max_nodes,
        measures=measures,
        measure_tables=measure_tables,
        renderer=renderer,
    )
    return render_page(data, title=title)


def render_page(data: dict[str, Any], *, title: str = "graphkit network") -> str:
    """The HTML page for data from :func:`graphkit.viz.data.network_data`.

    The data's ``meta.renderer`` picks the library inlined: vis-network (from
    pyvis) or the sigma.js bundle; both pages share one script and one look.
    """
    renderer = data["meta"].get("renderer", "vis")
    lib_js, lib_css = _sigma_assets() if renderer == "sigma" else _vis_assets()
    page_js = page_script(renderer)
    style = {"colours": COLOURS, "roles": ROLE_STYLES}
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(lib_js)} {_sha256(page_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
        "connect-src 'none'; "
        "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )
    text = html.escape(title)
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{text}</title>\n",
            f"<style>{lib_css}</style>\n<style>{PAGE_CSS}</style>\n",
            "</head>\n<body>\n",
            f'<header><h1>{text}</h1><span id="gk-counts">loading…</span></header>\n',
            '<aside id="gk-side">\n<div id="gk-notes" class="gk-notes"></div>\n',
            '<h2>search</h2><input id="gk-search" type="search"'
            ' placeholder="actor or project"'
            ' autocomplete="off">\n<div id="gk-results"></div>\n',
            '<h2>legend</h2><div id="gk-legend"></div>\n',
            '<h2>selected</h2><div id="gk-info">'
            "<p>Click a node or search for an actor.</p></div>\n",
            '<div id="gk-filters"></div>\n',
            '<h2>export this view</h2><div id="gk-export" class="gk-row"></div>\n',
            "<noscript>This page needs JavaScript to draw the network.</noscript>\n",
            "</aside>\n",
            '<main id="gk-network"></main>\n',
            '<script type="application/json" id="gk-data">',
            script_json(data),
            '</script>\n<script type="application/json" id="gk-style">',
            script_json(style),
            f"</script>\n<script>{lib_js}</script>\n<script>{page_js}</script>\n",
            "</body>\n</html>\n",
        ]
    )


class NetworkView:
    """A network page that displays inline in Jupyter, VS Code and Colab.

    ``_repr_html_`` returns an ``<iframe srcdoc=…>`` holding the escaped page,
    sandboxed to scripts only: notebook front ends that strip or never run
    ``<script>`` tags in outputs (where pyvis shows a blank cell) still show it,
    and the page cannot touch the notebook.

    Attributes:
        html: the full page.
        height: the frame height in CSS pixels.
    """

    def __init__(self, page: str, *, height: int = 650) -> None:
        self.html = page
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd">'
            "</iframe>"
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` and return it."""
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path


def network_view(
    source: Graph | str | Path, *, height: int = 650, **options: Any
) -> NetworkView:
    """A notebook-friendly view of a graph, a graph file or an exports folder.

    Args:
        source: an RDF graph, a ``.ttl``/``.nt`` file, or an exports folder.
        height: the frame height in pixels.
        **options: as for :func:`network_page`.

    Example (not executed)::

        from graphkit.viz import network_view
        network_view("exports/", projection="actors", top=100)   # last line of a cell
    """
    if not isinstance(source, Graph):
        if "measures" not in options and Path(source).is_dir():
            options["measures"] = read_measures(source)
            options["measure_tables"] = read_measure_graphs(source)
        source = open_graph(source)
    return NetworkView(network_page(source, **options), height=height)


def write_network_page(
    source: str | Path, output: str | Path, **options: Any
) -> dict[str, int]:
    """Write the network page of a graph file or an exports folder to ``output``.

    Measures from the folder's ``centrality.csv`` are used when it has one,
    named with the graph its ``graph`` column says they were computed on.

    Returns:
        Counts for a summary line: ``nodes``, ``edges``, ``bytes``.

    Raises:
        ReadError: when the graph cannot be read.
        ExportError: for bad options or when the page cannot be written.

    Example (not executed)::

        write_network_page("exports/", "network.html", projection="actors", top=200)
    """
    title = options.pop("title", "graphkit network")
    if "measures" not in options and Path(source).is_dir():
        options["measures"] = read_measures(source)
        options["measure_tables"] = read_measure_graphs(source)
    data = network_data(open_graph(source), **options)
    page = render_page(data, title=title).encode("utf-8")
    try:
        Path(output).write_bytes(page)
    except OSError as e:
        raise ExportError(
            f"cannot write the page: {e.strerror}", path=str(output)
        ) from e
    return {
        "nodes": len(data["nodes"]["id"]),
        "edges": len(data["edges"]["from"]),
        "bytes": len(page),
    }
