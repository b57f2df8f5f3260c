"""networkx + analysis → interactive network pages and Gephi/Cytoscape/VOSviewer files.

Why not pyvis's ``Network`` itself? pyvis stays the public face of the design for
the browser library it bundles, and only that: its ``in_line``/``local`` modes still
link CDN scripts and styles (the page breaks offline and leaks visits); as soon as
one node title contains ``href`` its template turns *every* tooltip into
``innerHTML`` (a name like ``<img src=x onerror=…>`` from a document then runs);
its default physics never settles for thousands of nodes; and ``from_nx`` takes
seconds at 5,000 nodes. So :mod:`graphkit.viz.views` picks the part of the graph a
page draws (at most 50,000 nodes), :mod:`graphkit.viz.data` builds the page data
itself (columns, not objects; positions precomputed with igraph above a
threshold; tooltips as the facts :mod:`graphkit.viz.tooltips` gives, written
out by the page when shown), :mod:`graphkit.viz.page` inlines pyvis's bundled vis-network 9.1.2
(pages up to 1,000 nodes) or the sigma.js 3 + graphology bundle of ``vendor/``
(WebGL, bigger pages) into one page whose strings are escaped JSON shown as text
and whose Content-Security-Policy forbids every network load and every script
but its own two; :mod:`graphkit.viz.client` is the script both renderers share
(filters, period slider, labels, view in the URL, PNG/SVG export), and
:mod:`graphkit.viz.exchange` writes GEXF, GraphML (streamed by
:mod:`graphkit.viz.formats`) and VOSviewer files from the same graph.

Example (not executed)::

    from graphkit.viz import network_page, exchange_files
    files["network.html"] = network_page(graph).encode("utf-8")
    files |= exchange_files(graph)
"""

from __future__ import annotations

from graphkit.viz.data import network_data, select_graph
from graphkit.viz.exchange import exchange_files, export_graph
from graphkit.viz.measures import (
    layout_positions,
    node_measures,
    read_measure_graphs,
    read_measures,
)
from graphkit.viz.page import (
    NetworkView,
    network_page,
    network_view,
    render_page,
    script_json,
    write_network_page,
)

__all__ = [
    "NetworkView",
    "exchange_files",
    "export_graph",
    "layout_positions",
    "network_data",
    "network_page",
    "network_view",
    "node_measures",
    "read_measure_graphs",
    "read_measures",
    "render_page",
    "script_json",
    "select_graph",
    "write_network_page",
]
