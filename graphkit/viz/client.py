"""The browser side of a network page: its stylesheet and the shared script, as text.

They are package files (``assets/page.css``, ``assets/controller.js``), read
once at import, so that editors and linters see them as CSS and JavaScript.
The page script is :func:`page_script`: one renderer adapter from
:mod:`graphkit.viz.renderers` (vis-network for small pages, sigma.js for big
ones) and the controller, which both share: it reads the
JSON data written by :func:`graphkit.viz.data.network_data` from ``<script
type="application/json" id="gk-data">``, and owns the filters, the period slider,
search, selection, the legend, the labels, the view in the URL fragment and the
PNG/SVG export, and writes each tooltip (and the info panel's text) when it is
shown, from the columns of :mod:`graphkit.viz.tooltips`, so that no page carries
one text per node. Every string from the data reaches the page as a text node
(``textContent``), a plain-string vis ``title`` (vis-network 9 shows those as
text), text drawn on a canvas, or XML-escaped text in an exported SVG file; nothing
is ever assigned to ``innerHTML``.

Labels are drawn by the controller, not the renderer, so that both look alike and
none overlaps: nodes are taken by size (the page's measure), the selection and its
neighbours first, and a label is drawn only where it overlaps no label drawn
before it and its node is big enough on screen (so zooming in shows more).

When the first frame (or, with physics, the stable layout) is drawn the script
sets ``data-gk-status="stable"`` on ``<body>``, with ``data-gk-nodes``/
``data-gk-edges`` (what the renderer drew), ``data-gk-renderer``,
``data-gk-stable-ms`` (when the renderer finished drawing it) and
``data-gk-phases`` (when the script started, parsed the data, built the renderer
and the controls); two animation frames later ``data-gk-presented-ms`` (when the
browser had composited it). Uncaught
errors go to ``data-gk-error``. Inside a frame
(a notebook) it also posts ``{graphkit: "stable", nodes, edges}`` to the parent
(counts only). Tests and the benchmark read those.
"""

from __future__ import annotations

from importlib import resources

from graphkit.viz.renderers import RENDERERS

__all__ = ["COLOURS", "PAGE_CSS", "PAGE_JS", "ROLE_STYLES", "page_script"]

#: Node colours by sector; projects have their own.
COLOURS: dict[str, str] = {
    "public": "#3b7dd8",
    "social-economy": "#2ca25f",
    "private": "#f28e2b",
    "research": "#9467bd",
    "european-network": "#d62728",
    "unknown": "#8c8c8c",
    "project": "#f2c744",
}

#: Edge colour, dash pattern (``[]`` is solid) and base width by role.
ROLE_STYLES: dict[str, tuple[str, list[int], float]] = {
    "owner": ("#333333", [], 3.0),
    "partner": ("#4f6d8f", [], 2.0),
    "cofinancier": ("#8d6e63", [6, 3], 2.0),
    "transnational": ("#9c27b0", [10, 5], 2.0),
    "group": ("#2e8b57", [4, 4], 1.5),
    "mention": ("#9e9e9e", [2, 5], 1.0),
    "covers": ("#c8b27a", [1, 6], 0.8),
}

_ASSETS = resources.files("graphkit.viz") / "assets"

#: The page's stylesheet (``assets/page.css``).
PAGE_CSS = (_ASSETS / "page.css").read_text(encoding="utf-8")

#: The controller both renderers share (``assets/controller.js``).
COMMON_JS = (_ASSETS / "controller.js").read_text(encoding="utf-8")


def page_script(renderer: str) -> str:
    """The page's one script: the ``renderer``'s adapter and the shared controller.

    Example:
        >>> page_script("sigma").startswith("(function () {")
        True
    """
    return (
        '(function () {\n  "use strict";\n'
        + RENDERERS[renderer]
        + COMMON_JS
        + "})();\n"
    )


#: The script of a vis-network page (kept for callers of the old constant).
PAGE_JS = page_script("vis")
