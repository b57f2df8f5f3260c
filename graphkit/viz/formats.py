"""Node and edge rows → GEXF 1.2draft and GraphML bytes, written as a stream.

networkx's writers build an ElementTree of the whole graph first: for 100,000
projects (a million edges, eight attributes each) that takes minutes and
gigabytes. These write the same elements line by line, as networkx's
``write_gexf``/``write_graphml`` would (``nx.read_gexf``/``nx.read_graphml`` give
back the same nodes, edges, attributes and attribute types; ``tests/test_viz.py``
checks it), in UTF-8, and the same rows always give the same bytes.

Both validate against their schemas (GraphML 1.0; GEXF 1.2draft, see
``tests/data/schemas``): GraphML node ids are XML name tokens
(:func:`graphml_id`: ``municipality/0114`` → ``municipality:0114``), and a node
with a ``#rrggbb`` colour also gets int ``r``, ``g``, ``b`` there (what Gephi reads).

Attribute types follow each attribute's first value, as in networkx: ``str`` is
``string``, ``int`` ``long``, ``float`` ``double``, ``bool`` ``boolean``; other
values are written as text. Characters XML cannot hold (control characters,
lone surrogates) become U+FFFD.

Example (not executed)::

    gexf, graphml = gexf_graphml(list(G.nodes(data=True)), lambda: G.edges(data=True))
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["EdgeRows", "NodeRows", "gexf_graphml", "graphml_id"]

#: ``(node, attributes)`` in the order they are written.
NodeRows = Sequence[tuple[str, dict[str, Any]]]

#: A fresh iterator of ``(source, target, attributes)`` on each call (the
#: writers read the edges twice: once for their attribute types, once to write
#: them).
EdgeRows = Callable[[], Iterable[tuple[str, str, dict[str, Any]]]]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHUNK = 1000  # elements per write: small chunks reuse memory, big ones page-fault


def _escape(text: str) -> str:
    """``text`` escaped for an XML attribute value or element."""
    return (
        html.escape(_NOT_XML.sub("\ufffd", text))
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


class _Escaped(dict[str, str]):
    """:func:`_escape`, remembered (most values repeat)."""

    def __missing__(self, text: str) -> str:
        escaped = self[text] = _escape(text)
        return escaped


class _Numbers(dict[int, str]):
    """``str`` of ints, remembered (line numbers and weights repeat)."""

    def __missing__(self, number: int) -> str:
        text = self[number] = str(number)
        return text


def _float(value: float) -> str:
    if math.isfinite(value):
        return str(value)
    return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")


def _text(value: object, escaped: _Escaped) -> str:
    kind = type(value)
    if kind is str:
        return escaped[value]  # type: ignore[index]
    if kind is int:
        return str(value)
    if kind is float:
        return _float(value)  # type: ignore[arg-type]
    if kind is bool:
        return "true" if value else "false"
    return escaped[str(value)]


def _xml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _keys(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each attribute name → the type of its first value, in order of appearance."""
    keys: dict[str, str] = {}
    shapes: set[tuple[str, ...]] = set()
    for attrs in rows:
        shape = tuple(attrs)
        if shape not in shapes:  # a key's first value is in the first dict of a shape
            shapes.add(shape)
            for key, value in attrs.items():
                if key not in keys:
                    keys[key] = _xml_type(value)
    return keys


class _Out:
    """Lines gathered and written to a byte buffer as UTF-8, a chunk at a time."""

    def __init__(self, head: str) -> None:
        self.buffer = io.BytesIO()
        self.lines: list[str] = [head]

    def flush(self) -> None:
        self.buffer.write("".join(self.lines).encode("utf-8"))
        self.lines.clear()

    def bytes(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()


_GEXF_NODE = frozenset({"label", "start", "end"})
_GEXF_EDGE = frozenset({"weight", "start", "end"})
_VIZ = frozenset({"color", "size", "x", "y"})
_COLOUR = re.compile("#[0-9a-fA-F]{6}")
_RGB = ("r", "g", "b")


def _key_ids(
    node_keys: Iterable[str], edge_keys: Iterable[str]
) -> dict[tuple[str, str], str]:
    """GraphML key ids: the attribute's name, ``edge_`` + name if a node key has it."""
    ids = {("node", k): k for k in node_keys}
    used = set(ids.values())
    for key in edge_keys:
        name = key
        while name in used:
            name = f"edge_{name}"
        ids["edge", key] = name
        used.add(name)
    return ids


def _first_time(nodes: NodeRows, edges: EdgeRows) -> object:
    """The first ``start`` or ``end`` of a node, else of an edge (None: no times)."""
    for rows in ((a for _, a in nodes), (a for *_, a in edges())):
        for attrs in rows:
            for key in ("start", "end"):
                if attrs.get(key) is not None:
                    return attrs[key]
    return None


def _gexf_head(
    node_keys: dict[str, str], edge_keys: dict[str, str], first_time: object
) -> tuple[str, dict[tuple[str, str], str]]:
    """GEXF up to ``<nodes>``, and the attribute id of each (class, title)."""
    escaped = _Escaped()
    node_keys = {k: t for k, t in node_keys.items() if k not in _GEXF_NODE}
    edge_keys = {k: t for k, t in edge_keys.items() if k not in _GEXF_EDGE}
    ids = {("node", k): str(i) for i, k in enumerate(node_keys)}
    ids |= {("edge", k): str(i) for i, k in enumerate(edge_keys, len(node_keys))}
    if first_time is not None:
        kind = {float: "double", int: "long"}.get(type(first_time), "date")
        mode = f'mode="dynamic" timeformat="{kind}"'
    else:
        mode = 'mode="static"'
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gexf xmlns="http://www.gexf.net/1.2draft"'
        ' xmlns:viz="http://www.gexf.net/1.2draft/viz"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.gexf.net/1.2draft'
        ' http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        "  <meta>\n    <creator>graphkit</creator>\n  </meta>\n"
        f'  <graph defaultedgetype="undirected" {mode}>\n'
    ]
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        if keys:
            lines.append(f'    <attributes mode="static" class="{scope}">\n')
            lines += [
                f'      <attribute id="{ids[scope, k]}" title="{escaped[k]}"'
                f' type="{t}" />\n'
                for k, t in keys.items()
            ]
            lines.append("    </attributes>\n")
    lines.append("    <nodes>\n")
    return "".join(lines), ids


def _graphml_head(
    node_keys: dict[str, str], edge_keys: dict[str, str]
) -> tuple[str, dict[tuple[str, str], str]]:
    """GraphML up to the first node, and the key id of each (domain, name)."""
    escaped = _Escaped()
    if "color" in node_keys:  # Gephi reads a node's colour from int r, g, b
        node_keys = node_keys | {c: "int" for c in _RGB if c not in node_keys}
    ids = _key_ids(node_keys, edge_keys)
    lines = [
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    ]
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        lines += [
            f'  <key id="{escaped[ids[scope, k]]}" for="{scope}"'
            f' attr.name="{escaped[k]}" attr.type="{t}" />\n'
            for k, t in keys.items()
        ]
    lines.append('  <graph edgedefault="undirected">\n')
    return "".join(lines), ids


def gexf_graphml(nodes: NodeRows, edges: EdgeRows) -> tuple[bytes, bytes]:
    """An undirected graph as GEXF 1.2draft and as GraphML, written in one pass.

    GEXF: ``label``, ``start`` and ``end`` of a node, and ``weight``, ``start``
    and ``end`` of an edge, are XML attributes (a graph with a start or end is
    ``dynamic``, its times dates when they are strings); a node with ``color``
    (``#rrggbb``), ``size``, ``x`` and ``y`` gets Gephi's ``viz:`` colour, size
    and position too; every other attribute is an ``attvalue``; edges get ids
    0, 1, …. GraphML: every attribute is a typed ``<data>`` element whose key id
    is its name (an edge attribute whose name a node attribute has too gets
    ``edge_`` in front, so that ids stay unique).

    Args:
        nodes: the nodes and their attributes.
        edges: the edges and their attributes.

    Returns:
        The GEXF and the GraphML file, UTF-8.

    Example:
        >>> gexf, graphml = gexf_graphml([("org/reves", {"label": "REVES"})], list)
        >>> print(graphml.decode())  # doctest: +ELLIPSIS
        <?xml version='1.0' encoding='utf-8'?>
        <graphml ...>
          <key id="label" for="node" attr.name="label" attr.type="string" />
          <graph edgedefault="undirected">
            <node id="org:reves">
              <data key="label">REVES</data>
            </node>
          </graph>
        </graphml>
        <BLANKLINE>
    """
    escaped, numbers = _Escaped(), _Numbers()
    node_keys = _keys(a for _, a in nodes)
    edge_keys = _keys(a for *_, a in edges())
    gexf_text, gexf_ids = _gexf_head(node_keys, edge_keys, _first_time(nodes, edges))
    graphml_text, graphml_ids = _graphml_head(node_keys, edge_keys)
    gexf, graphml = _Out(gexf_text), _Out(graphml_text)
    gx, gm = gexf.lines, graphml.lines
    templates: dict[tuple[object, ...], tuple[str, str]] = {}
    rgb: dict[str, str] = {}
    rgb_data: dict[str, str] = {}
    tokens = _Tokens()
    for node, attrs in nodes:
        name = escaped[node]
        colour = str(attrs["color"]) if attrs.keys() >= _VIZ else ""
        if colour not in rgb:
            rgb[colour] = _rgb(colour)
        hex_colour = str(attrs.get("color"))
        if hex_colour not in rgb_data:
            rgb_data[hex_colour] = _rgb_data(hex_colour, graphml_ids)
        texts = [
            escaped[v]
            if type(v) is str
            else numbers[v]
            if type(v) is int
            else _text(v, escaped)
            for v in attrs.values()
        ]
        shape = (*attrs, rgb[colour] != "")
        if shape not in templates:
            templates[shape] = _node_templates(shape, gexf_ids, graphml_ids)
        gexf_template, graphml_template = templates[shape]
        gx.append(gexf_template.format(name, rgb[colour], *texts))
        gm.append(graphml_template.format(tokens[node], rgb_data[hex_colour], *texts))
        if len(gm) > _CHUNK:
            gexf.flush()
            graphml.flush()
    gx.append("    </nodes>\n    <edges>\n")
    edge_templates: dict[tuple[str, ...], tuple[str, str]] = {}
    for number, (u, v, attrs) in enumerate(edges()):
        texts = [
            escaped[x]
            if type(x) is str
            else numbers[x]
            if type(x) is int
            else _text(x, escaped)
            for x in attrs.values()
        ]
        keys = tuple(attrs)
        if keys not in edge_templates:
            edge_templates[keys] = _edge_templates(keys, gexf_ids, graphml_ids)
        gexf_template, graphml_template = edge_templates[keys]
        gx.append(gexf_template.format(escaped[u], escaped[v], number, *texts))
        gm.append(graphml_template.format(tokens[u], tokens[v], number, *texts))
        if len(gm) > _CHUNK:
            gexf.flush()
            graphml.flush()
    gx.append("    </edges>\n  </graph>\n</gexf>\n")
    gm.append("  </graph>\n</graphml>\n")
    return gexf.bytes(), graphml.bytes()


def _rgb(colour: object) -> str:
    """GEXF's ``r="…" g="…" b="…"`` of ``#rrggbb`` ("" for anything else)."""
    text = str(colour)
    if not _COLOUR.fullmatch(text):
        return ""
    r, g, b = (int(text[i : i + 2], 16) for i in (1, 3, 5))
    return f'r="{r}" g="{g}" b="{b}"'


def _rgb_data(colour: object, ids: dict[tuple[str, str], str]) -> str:
    """GraphML ``<data>`` of the ``r``, ``g``, ``b`` of ``#rrggbb`` ("" for others)."""
    text = str(colour)
    if not _COLOUR.fullmatch(text) or any(("node", c) not in ids for c in _RGB):
        return ""
    return "".join(
        f'      <data key="{_escape(ids["node", c])}">{int(text[i : i + 2], 16)}'
        "</data>\n"
        for c, i in zip(_RGB, (1, 3, 5), strict=True)
    )


_TOKEN_CHAR = re.compile(r"[A-Za-z0-9.\-]")


def graphml_id(node: str) -> str:
    """A node id as an XML ``NMTOKEN``, which GraphML 1.0 requires of ids.

    ``/`` becomes ``:``; ASCII letters, digits, ``.`` and ``-`` stay; any other
    character ``c`` becomes ``_<hex of ord(c)>_`` (``_`` too), so that two ids
    never become one.

    Example:
        >>> graphml_id("municipality/0114"), graphml_id("org/a&b_c")
        ('municipality:0114', 'org:a_26_b_5f_c')
    """
    return "".join(
        ":" if ch == "/" else ch if _TOKEN_CHAR.match(ch) else f"_{ord(ch):x}_"
        for ch in node
    )


class _Tokens(dict[str, str]):
    """:func:`graphml_id`, remembered."""

    def __missing__(self, node: str) -> str:
        token = self[node] = graphml_id(node)
        return token


def _braced(text: str) -> str:
    """``text`` as a literal in a :meth:`str.format` template."""
    return text.replace("{", "{{").replace("}", "}}")


def _node_templates(
    shape: tuple[object, ...],
    gexf_ids: dict[tuple[str, str], str],
    graphml_ids: dict[tuple[str, str], str],
) -> tuple[str, str]:
    """The GEXF and GraphML ``str.format`` templates of nodes of one ``shape``.

    The shape is the node's attribute names and whether it has Gephi's viz
    colour, size and position. The templates' arguments: the escaped node id,
    GEXF's ``r g b`` text, and the text of each attribute value, in order.
    """
    keys, viz = [str(k) for k in shape[:-1]], shape[-1]
    at = {k: f"{{{i}}}" for i, k in enumerate(keys, start=2)}
    head = f'      <node id="{{0}}" label="{at.get("label", "{0}")}"'
    head += "".join(f' {k}="{at[k]}"' for k in ("start", "end") if k in keys)
    gexf = [head + ">\n"]
    if viz:
        gexf.append(
            '        <viz:color {1} a="1.0" />\n'
            f'        <viz:size value="{at["size"]}" />\n'
            f'        <viz:position x="{at["x"]}" y="{at["y"]}" z="0.0" />\n'
        )
    return _finish(
        "node", gexf, '    <node id="{0}">\n', at, gexf_ids, graphml_ids, tail="{1}"
    )


def _edge_templates(
    keys: tuple[str, ...],
    gexf_ids: dict[tuple[str, str], str],
    graphml_ids: dict[tuple[str, str], str],
) -> tuple[str, str]:
    """The GEXF and GraphML ``str.format`` templates of edges with these ``keys``.

    Their arguments: the escaped source and target, the edge number (GraphML's
    template skips it), and the text of each attribute value, in order.
    """
    at = {k: f"{{{i}}}" for i, k in enumerate(keys, start=3)}
    head = '      <edge source="{0}" target="{1}" id="{2}"'
    head += "".join(f' {k}="{at[k]}"' for k in keys if k in _GEXF_EDGE)
    gexf = [head + ">\n"]
    graphml_head = '    <edge source="{0}" target="{1}">\n'
    return _finish("edge", gexf, graphml_head, at, gexf_ids, graphml_ids)


def _finish(
    kind: str,
    gexf: list[str],
    graphml_head: str,
    at: dict[str, str],
    gexf_ids: dict[tuple[str, str], str],
    graphml_ids: dict[tuple[str, str], str],
    tail: str = "",
) -> tuple[str, str]:
    """A node's or edge's templates: GEXF ``attvalues`` and close, GraphML ``data``.

    ``tail`` goes after the GraphML ``data`` elements (a node's ``r``, ``g``, ``b``).
    """
    inline = _GEXF_NODE if kind == "node" else _GEXF_EDGE
    values = [
        f'          <attvalue for="{_braced(gexf_ids[kind, k])}" value="{v}" />\n'
        for k, v in at.items()
        if k not in inline
    ]
    if values:
        gexf += ["        <attvalues>\n", *values, "        </attvalues>\n"]
    gexf.append(f"      </{kind}>\n")
    graphml = [
        graphml_head,
        *(
            f'      <data key="{_braced(_escape(graphml_ids[kind, k]))}">{v}</data>\n'
            for k, v in at.items()
        ),
        tail,
        f"    </{kind}>\n",
    ]
    return "".join(gexf), "".join(graphml)
