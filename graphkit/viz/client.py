"""The browser side of a network page: its stylesheet and script, as text constants.

They live in a Python module (not ``.js``/``.css`` files) so they ship with the
package without package-data rules. The script reads the JSON data written by
:func:`graphkit.viz.data.network_data` from ``<script type="application/json"
id="gk-data">``, builds vis-network ``DataSet`` s, and wires the controls. Every
string from the data reaches the page as a text node (``textContent``) or a
plain-string vis ``title`` (vis-network 9 shows those as text); nothing is ever
assigned to ``innerHTML``.

When the layout is stable the script sets ``data-gk-status="stable"`` on
``<body>``, with ``data-gk-nodes``/``data-gk-edges`` (what vis drew) and
``data-gk-stable-ms``; uncaught errors go to ``data-gk-error``. Inside a frame
(a notebook) it also posts ``{graphkit: "stable", nodes, edges}`` to the parent
(counts only). Tests and the benchmark read those.
"""

from __future__ import annotations

__all__ = ["COLOURS", "PAGE_CSS", "PAGE_JS", "ROLE_STYLES"]

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
    "transnational": ("#9c27b0", [10, 5], 2.0),
    "group": ("#2e8b57", [4, 4], 1.5),
    "mention": ("#9e9e9e", [2, 5], 1.0),
    "covers": ("#c8b27a", [1, 6], 0.8),
}

PAGE_CSS = r"""
html, body { margin: 0; height: 100%; color: #222;
             font: 13px/1.35 system-ui, sans-serif; }
body { display: grid; grid-template-columns: 290px 1fr; grid-template-rows: auto 1fr;
       grid-template-areas: "head head" "side main"; }
header { grid-area: head; padding: 6px 12px; background: #24364b; color: #fff;
         display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; }
#gk-side { grid-area: side; overflow-y: auto; padding: 8px 10px;
           border-right: 1px solid #ddd; background: #fafafa; }
#gk-network { grid-area: main; position: relative; min-height: 300px; }
#gk-side h2 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase;
              letter-spacing: .04em; color: #555; }
#gk-side label { display: block; white-space: nowrap; overflow: hidden;
                 text-overflow: ellipsis; }
#gk-side input[type=search] { width: 100%; box-sizing: border-box; padding: 4px; }
#gk-side input[type=number] { width: 70px; }
.gk-notes p { margin: 4px 0; padding: 4px 6px; background: #fff4d6;
              border-radius: 3px; }
.gk-list button { display: block; width: 100%; text-align: left; border: 0;
                  background: none; padding: 2px 4px; cursor: pointer; }
.gk-list button:hover { background: #e6eef8; }
.gk-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
             margin-right: 6px; vertical-align: -1px; border: 1px solid #0003; }
.gk-line { display: inline-block; width: 30px; margin-right: 6px;
           vertical-align: middle; }
#gk-info pre, div.vis-tooltip { white-space: pre-line;
                                font: 12px/1.35 system-ui, sans-serif; }
div.vis-tooltip { max-width: 420px; }
#gk-info h3 { margin: 4px 0; font-size: 14px; word-break: break-word; }
#gk-progress { position: absolute; top: 8px; right: 12px; color: #555; }
"""

PAGE_JS = r"""
(function () {
  "use strict";
  var status = document.body.dataset;
  window.addEventListener("error", function (e) {
    status.gkError = String(e.message);
  });
  var D = JSON.parse(document.getElementById("gk-data").textContent);
  var C = JSON.parse(document.getElementById("gk-style").textContent);
  var N = D.nodes.id.length, M = D.edges.from.length, big = !D.meta.physics;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function short(s) { return s.length > 40 ? s.slice(0, 39) + "\u2026" : s; }
  var shapes = {project: "square", organisation: "dot", municipality: "triangle"};
  var baseColour = new Array(N), nodeItems = new Array(N), edgeItems = new Array(M);
  for (var i = 0; i < N; i++) {
    var kind = D.kinds[D.nodes.kind[i]];
    var sector = D.nodes.sector[i] >= 0 ? D.sectors[D.nodes.sector[i]] : "unknown";
    var colour = kind === "project" ? C.colours.project : C.colours[sector];
    baseColour[i] = {background: colour, border: "#00000066",
                     highlight: {background: colour, border: "#000"}};
    var item = {id: i, label: short(D.nodes.label[i]), title: D.nodes.title[i],
                shape: shapes[kind], size: D.nodes.size[i], color: baseColour[i]};
    if (kind === "project") { item.size = item.size * 0.8; }
    if (D.nodes.x) { item.x = D.nodes.x[i]; item.y = D.nodes.y[i]; }
    nodeItems[i] = item;
  }
  for (var j = 0; j < M; j++) {
    var role = D.roles[D.edges.role[j]], st = C.roles[role], w = D.edges.weight[j];
    var shared = D.edges.projects[j].length;
    edgeItems[j] = {id: j, from: D.edges.from[j], to: D.edges.to[j],
                    color: {color: st[0], opacity: 0.75},
                    dashes: st[1].length ? st[1] : false,
                    width: st[2] * (1 + Math.log2(Math.max(w, 1))),
                    title: role + (shared > 1 ?
                                   " \u00b7 " + shared + " shared projects" : "")};
  }
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  var options = {
    autoResize: true,
    nodes: {font: {size: 12, face: "system-ui, sans-serif"}, borderWidth: 1},
    edges: {smooth: big ? false : {type: "continuous"}, selectionWidth: 1.5},
    interaction: {tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                  keyboard: false},
    layout: {randomSeed: 7, improvedLayout: !big && N <= 150},
    physics: big ? false : {
      solver: "forceAtlas2Based", minVelocity: 1,
      forceAtlas2Based: {gravitationalConstant: -70, springLength: 80,
                         avoidOverlap: 0.3},
      stabilization: {enabled: true, iterations: 500, updateInterval: 25, fit: true}}
  };
  var container = document.getElementById("gk-network");
  var progress = el("div", big ? "" : "Laying out\u2026", "");
  progress.id = "gk-progress";
  container.appendChild(progress);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var counts = document.getElementById("gk-counts");
  function showCounts() {
    counts.textContent =
      network.body.nodeIndices.length.toLocaleString("en") + " nodes \u00b7 " +
      network.body.edgeIndices.length.toLocaleString("en") + " edges shown (" +
      D.meta.projection + "; size by " + D.meta.sizeBy + ")";
  }
  var stable = false;
  function markStable() {
    if (stable) { return; }
    stable = true;
    progress.textContent = "";
    if (!big) { network.setOptions({physics: false}); }
    showCounts();
    status.gkNodes = String(network.body.nodeIndices.length);
    status.gkEdges = String(network.body.edgeIndices.length);
    status.gkStableMs = String(Math.round(performance.now()));
    status.gkStatus = "stable";
    if (window.parent !== window) {  // a notebook frame: tell the host it drew
      window.parent.postMessage({graphkit: "stable", nodes: Number(status.gkNodes),
                                 edges: Number(status.gkEdges)}, "*");
    }
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent =
      "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", markStable);
  network.once("afterDrawing", function () { if (big || N === 0) { markStable(); } });

  // -- notes and legend -------------------------------------------------------------
  var notes = document.getElementById("gk-notes");
  D.meta.notes.forEach(function (n) { notes.appendChild(el("p", n)); });
  var legend = document.getElementById("gk-legend");
  var symbols = {project: "\u25a0 ", organisation: "\u25cf ", municipality: "\u25b2 "};
  D.kinds.forEach(function (k) { legend.appendChild(el("div", symbols[k] + k)); });
  D.sectors.forEach(function (s) {
    var row = el("div"), sw = el("span", undefined, "gk-swatch");
    sw.style.background = C.colours[s];
    row.appendChild(sw); row.appendChild(document.createTextNode(s));
    legend.appendChild(row);
  });
  D.roles.forEach(function (r) {
    var row = el("div"), line = el("span", undefined, "gk-line"), st = C.roles[r];
    line.style.borderTop = Math.max(1, Math.round(st[2])) + "px " +
      (st[1].length ? (st[1][0] > 3 ? "dashed " : "dotted ") : "solid ") + st[0];
    row.appendChild(line); row.appendChild(document.createTextNode(r));
    legend.appendChild(row);
  });
  legend.appendChild(el("div", "size: " + D.meta.sizeBy + "; width: shared projects"));

  // -- filters ---------------------------------------------------------------------
  var filters = document.getElementById("gk-filters"), boxes = {};
  function group(name, items) {
    boxes[name] = [];
    if (items.length < 2) { return; }
    filters.appendChild(el("h2", name));
    items.forEach(function (item, k) {
      var label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.index = String(k);
      box.addEventListener("change", applyFilters);
      label.appendChild(box); label.appendChild(document.createTextNode(" " + item));
      label.title = item;
      filters.appendChild(label);
      boxes[name].push(box);
    });
  }
  group("roles", D.roles); group("sectors", D.sectors);
  group("regions", D.regions); group("programme areas", D.areas);
  var lo = Infinity, hi = -Infinity;  // no Math.min.apply: 100,000 projects overflow
  D.projects.start.concat(D.projects.end).forEach(function (y) {
    if (y) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  });
  var fromYear = el("input"), toYear = el("input");
  if (lo <= hi) {
    filters.appendChild(el("h2", "period"));
    [fromYear, toYear].forEach(function (box, k) {
      box.type = "number"; box.min = String(lo); box.max = String(hi);
      box.value = String(k ? hi : lo);
      box.addEventListener("change", applyFilters);
    });
    var row = el("div");
    row.appendChild(fromYear); row.appendChild(document.createTextNode(" \u2013 "));
    row.appendChild(toYear);
    filters.appendChild(row);
  }
  function allowed(name, count) {
    var ok = new Uint8Array(count).fill(1);
    boxes[name].forEach(function (b) {
      ok[Number(b.dataset.index)] = b.checked ? 1 : 0;
    });
    return ok;
  }
  var fullDegree = new Int32Array(N), hiddenNode = new Uint8Array(N);
  var hiddenEdge = new Uint8Array(M);
  for (var e = 0; e < M; e++) {
    fullDegree[D.edges.from[e]]++;
    fullDegree[D.edges.to[e]]++;
  }
  function anyProject(list, ok) {
    if (!list.length) { return true; }
    for (var k = 0; k < list.length; k++) { if (ok[list[k]]) { return true; } }
    return false;
  }
  function applyFilters() {
    var roleOK = allowed("roles", D.roles.length);
    var sectorOK = allowed("sectors", D.sectors.length);
    var regionOK = allowed("regions", D.regions.length);
    var areaOK = allowed("programme areas", D.areas.length);
    var lo = Number(fromYear.value) || -Infinity, hi = Number(toYear.value) || Infinity;
    var P = D.projects, count = P.start.length, projectOK = new Uint8Array(count);
    for (var p = 0; p < count; p++) {
      var s = P.start[p] || P.end[p], t = P.end[p] || P.start[p];
      projectOK[p] = (P.region[p] < 0 || regionOK[P.region[p]]) &&
        (P.area[p] < 0 || areaOK[P.area[p]]) && (!s || (s <= hi && t >= lo)) ? 1 : 0;
    }
    var nodeOK = new Uint8Array(N), degree = new Int32Array(N), nodeUpdates = [];
    var edgeUpdates = [];
    for (var i = 0; i < N; i++) {
      var sec = D.nodes.sector[i];
      nodeOK[i] = (sec < 0 || sectorOK[sec]) &&
        anyProject(D.nodes.projects[i], projectOK) ? 1 : 0;
    }
    for (var j = 0; j < M; j++) {
      var a = D.edges.from[j], b = D.edges.to[j];
      var show = roleOK[D.edges.role[j]] && nodeOK[a] && nodeOK[b] &&
        anyProject(D.edges.projects[j], projectOK);
      if (show) { degree[a]++; degree[b]++; }
      if (hiddenEdge[j] !== (show ? 0 : 1)) {
        hiddenEdge[j] = show ? 0 : 1;
        edgeUpdates.push({id: j, hidden: !show});
      }
    }
    for (var k = 0; k < N; k++) {
      var visible = nodeOK[k] && (fullDegree[k] === 0 || degree[k] > 0);
      if (hiddenNode[k] !== (visible ? 0 : 1)) {
        hiddenNode[k] = visible ? 0 : 1;
        nodeUpdates.push({id: k, hidden: !visible});
      }
    }
    nodes.update(nodeUpdates); edges.update(edgeUpdates);
    showCounts();
  }

  // -- search, selection and neighbourhood -------------------------------------------
  var info = document.getElementById("gk-info");
  var results = document.getElementById("gk-results");
  var dimmed = false;
  function button(i) {
    var b = el("button", D.nodes.label[i]);
    b.type = "button"; b.title = D.nodes.id[i];
    b.addEventListener("click", function () { select(i); });
    return b;
  }
  function highlight(i) {
    var near = {}, updates = [];
    near[i] = true;
    network.getConnectedNodes(i).forEach(function (n) { near[n] = true; });
    for (var k = 0; k < N; k++) {
      updates.push({id: k, color: near[k] ? baseColour[k] : "#dddddd",
                    font: {color: near[k] ? "#222" : "#bbbbbb"}});
    }
    nodes.update(updates); dimmed = true;
  }
  function clear() {
    if (!dimmed) { return; }
    var updates = [];
    for (var k = 0; k < N; k++) {
      updates.push({id: k, color: baseColour[k], font: {color: "#222"}});
    }
    nodes.update(updates); dimmed = false;
    info.replaceChildren(el("p", "Click a node or search for an actor."));
  }
  function showInfo(i) {
    info.replaceChildren(el("h3", D.nodes.label[i]), el("pre", D.nodes.title[i]));
    var near = network.getConnectedNodes(i);
    info.appendChild(el("h2", "neighbours (" + near.length + ")"));
    var list = el("div", undefined, "gk-list");
    near.slice(0, 50).forEach(function (n) { list.appendChild(button(n)); });
    info.appendChild(list);
  }
  function select(i) {
    network.selectNodes([i]);
    network.focus(i, {scale: 1.1, animation: big ? false : {duration: 300}});
    highlight(i); showInfo(i);
  }
  network.on("selectNode", function (p) {
    highlight(p.nodes[0]);
    showInfo(p.nodes[0]);
  });
  network.on("deselectNode", function (p) { if (!p.nodes.length) { clear(); } });
  var search = document.getElementById("gk-search");
  var lower = D.nodes.label.map(function (s) {
    return s.toLowerCase();
  });
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase(), list = el("div", undefined, "gk-list");
    if (q.length > 1) {
      for (var i = 0, found = 0; i < N && found < 20; i++) {
        if (lower[i].indexOf(q) >= 0) { list.appendChild(button(i)); found++; }
      }
    }
    results.replaceChildren(list);
  });
  window.gk = {network: network, nodes: nodes, edges: edges, select: select,
               applyFilters: applyFilters, data: D};
})();
"""
