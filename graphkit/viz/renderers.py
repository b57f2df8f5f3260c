"""The two renderers of a network page, as script text: vis-network and sigma.js.

Each defines ``makeRenderer(api)`` for the controller in
:mod:`graphkit.viz.client`, which owns the data, filters, labels and view; a
renderer only draws. Its surface: ``start()`` (call ``api.drawn()`` once the
first frame, or with physics the stable layout, is on screen),
``refresh(nodes, edges)`` (after ``api.hiddenNode``/``api.hiddenEdge`` changed at
these indices; with none, after anything changed, ``api.near`` too), ``select(i)``,
``focus(i)``, ``camera()``/``setCamera([x, y, zoom])``, ``toScreen(i)`` →
``[x, y, radius]`` in CSS pixels of the drawing, ``radius(i)`` alone, ``size()``, ``shown()`` →
``[nodes, edges]``, ``png()`` → a canvas of what is drawn, and ``extra`` (what
``window.gk`` exposes for tests). It calls ``api.onSelect(i)`` (``-1`` to clear)
and ``api.onView()`` when the user picks a node or moves the view.

vis-network (from pyvis) draws small pages: its physics lays them out in the
browser, and ``network.html`` stays a pyvis export. sigma.js 3 with graphology
(WebGL; bundled in ``vendor/``) draws big ones from precomputed positions:
measured in ``benchmarks/RESULTS_viz.md``, it draws 50,000 nodes faster than
vis-network draws 5,000. It draws with sigma's own circle and edge programs,
made to write every vertex out instead of instancing (``flat``): Chromium without
a GPU (SwiftShader) draws instanced arrays one instance at a time, which kept
50,000 nodes off the screen for seconds after sigma had drawn them; the shaders,
and so the picture, are sigma's. Tooltips are written by the controller
(``api.nodeTitle``/``api.edgeTitle``) when shown: vis-network gets them as
plain-string ``title`` (shown as text); the sigma page shows its own ``div``
filled with ``textContent``.
"""

from __future__ import annotations

__all__ = ["RENDERERS", "SIGMA_JS", "VIS_JS"]

VIS_JS = r"""
  function makeRenderer(api) {
    var D = api.D, C = api.C, N = api.N, M = api.M, big = !D.meta.physics;
    var container = api.container, scaleNow = 1;
    var shapes = {project: "square", organisation: "dot", municipality: "triangle"};
    function colourOf(i) {
      return {background: api.colour[i], border: "#00000066",
              highlight: {background: api.colour[i], border: "#000"}};
    }
    var nodeItems = new Array(N), edgeItems = new Array(M);
    for (var i = 0; i < N; i++) {
      var item = {id: i, title: api.nodeTitle(i), shape: shapes[api.kindOf[i]],
                  size: D.nodes.size[i] * (api.kindOf[i] === "project" ? 0.8 : 1),
                  color: colourOf(i)};
      if (D.nodes.x) { item.x = D.nodes.x[i]; item.y = D.nodes.y[i]; }
      nodeItems[i] = item;
    }
    for (var j = 0; j < M; j++) {
      var st = C.roles[D.roles[D.edges.role[j]]];
      edgeItems[j] = {id: j, from: D.edges.from[j], to: D.edges.to[j],
                      color: {color: st[0], opacity: api.faint[j] ? 0.12 : 0.75},
                      dashes: st[1].length ? st[1] : false,
                      width: api.edgeWidth[j], title: api.edgeTitle(j)};
      if (api.faint[j]) { edgeItems[j].length = 260; }
    }
    var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
    var options = {
      autoResize: true,
      nodes: {borderWidth: 1},
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
    var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
    network.on("afterDrawing", function (ctx) {
      scaleNow = network.getScale();
      var pr = (network.canvas && network.canvas.pixelRatio) || 1;
      ctx.save(); ctx.setTransform(pr, 0, 0, pr, 0, 0);
      api.drawLabels(ctx, container.clientWidth, container.clientHeight);
      ctx.restore();
    });
    network.on("selectNode", function (p) { api.onSelect(p.nodes[0]); });
    network.on("deselectNode", function (p) { if (!p.nodes.length) { api.onSelect(-1); } });
    network.on("zoom", function () { api.onView(); });
    network.on("dragEnd", function () { api.onView(); });
    var hidden = new Uint8Array(N), dim = new Uint8Array(N), gone = new Uint8Array(M);
    return {
      start: function () {
        var done = false;
        function stable() {
          if (done) { return; }
          done = true;
          if (!big) { network.setOptions({physics: false}); }
          api.drawn();
        }
        if (!big) { api.progress.textContent = "Laying out\u2026"; }
        network.on("stabilizationProgress", function (p) {
          api.progress.textContent =
            "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
        });
        network.once("stabilizationIterationsDone", stable);
        network.once("afterDrawing", function () { if (big || N === 0) { stable(); } });
      },
      refresh: function () {
        var nu = [], eu = [];
        for (var k = 0; k < N; k++) {
          var h = api.hiddenNode[k], d = api.near && !api.near[k] ? 1 : 0;
          if (h !== hidden[k] || d !== dim[k]) {
            var u = {id: k};
            if (h !== hidden[k]) { u.hidden = !!h; hidden[k] = h; }
            if (d !== dim[k]) { u.color = d ? "#dddddd" : colourOf(k); dim[k] = d; }
            nu.push(u);
          }
        }
        for (var e = 0; e < M; e++) {
          if (api.hiddenEdge[e] !== gone[e]) {
            gone[e] = api.hiddenEdge[e];
            eu.push({id: e, hidden: !!gone[e]});
          }
        }
        if (nu.length) { nodes.update(nu); }
        if (eu.length) { edges.update(eu); }
        if (!nu.length && !eu.length) { network.redraw(); }
      },
      select: function (i) { network.selectNodes(i >= 0 ? [i] : []); },
      focus: function (i) {
        network.focus(i, {scale: 1.1, animation: false});
      },
      camera: function () {
        var p = network.getViewPosition();
        return [p.x, p.y, network.getScale()];
      },
      setCamera: function (c) {
        network.moveTo({position: {x: c[0], y: c[1]}, scale: c[2], animation: false});
      },
      toScreen: function (i) {
        var n = network.body.nodes[i];
        if (!n) { return null; }
        var p = network.canvasToDOM({x: n.x, y: n.y});
        return [p.x, p.y, n.options.size * scaleNow];
      },
      radius: function (i) {
        return D.nodes.size[i] * (api.kindOf[i] === "project" ? 0.8 : 1) * scaleNow;
      },
      size: function () { return [container.clientWidth, container.clientHeight]; },
      shown: function () {
        return [network.body.nodeIndices.length, network.body.edgeIndices.length];
      },
      png: function () { network.redraw(); return container.querySelector("canvas"); },
      extra: {network: network, nodes: nodes, edges: edges}
    };
  }
"""

SIGMA_JS = r"""
  // sigma's circle and edge programs draw instanced arrays; Chromium without a GPU
  // (SwiftShader) draws those one instance at a time, which put 50,000 nodes on
  // screen seconds after sigma had drawn them. The same programs, the same shaders
  // and look, with each item's vertices written out instead:
  function flat(Base) {
    class Flat extends Base {
      getDefinition() {
        var d = super.getDefinition(), out = {};
        Object.keys(d).forEach(function (k) {
          if (k !== "CONSTANT_ATTRIBUTES" && k !== "CONSTANT_DATA") { out[k] = d[k]; }
        });
        out.ATTRIBUTES = d.ATTRIBUTES.concat(d.CONSTANT_ATTRIBUTES);
        this.corners = d.CONSTANT_DATA;  // one row of constants per vertex
        return out;
      }
      processVisibleItem(id, start, a, b, c) {
        super.processVisibleItem(id, start, a, b, c);  // the item's own values, once
        var array = this.array, per = this.ATTRIBUTES_ITEMS_COUNT;
        var corners = this.corners, width = corners[0].length, own = per - width;
        for (var v = corners.length - 1; v >= 0; v--) {
          var at = start + v * per;
          if (v) { array.copyWithin(at, start, start + own); }
          for (var k = 0; k < width; k++) { array[at + own + k] = corners[v][k]; }
        }
      }
    }
    return Flat;
  }
  function Unused() {}  // sigma's arrow edges, which no page draws: no shaders made
  Unused.prototype = {reallocate: function () {}, process: function () {},
                      render: function () {}, kill: function () {}};

  function makeRenderer(api) {
    var V = window.gkvendor, D = api.D, N = api.N, M = api.M;
    var container = api.container, X = D.nodes.x || [], Y = D.nodes.y || [];
    var graph = new V.Graph({type: "undirected", multi: false, allowSelfLoops: true});
    var sizes = new Float32Array(N);
    for (var i = 0; i < N; i++) {
      sizes[i] = D.nodes.size[i] / 3 * (api.kindOf[i] === "project" ? 0.8 : 1);
      graph.addNode(i, {x: X[i] || 0, y: -(Y[i] || 0), size: sizes[i],
                        color: api.colour[i], i: i});
    }
    for (var j = 0; j < M; j++) {
      graph.addEdgeWithKey(j, D.edges.from[j], D.edges.to[j],
                           {size: Math.max(api.edgeWidth[j] / 2, 0.3),
                            color: api.edgeColour[j], i: j});
    }
    // hiding is the reducers' job; the neighbourhood highlight is a veil over the
    // WebGL layers with the neighbourhood drawn again on top (its cost is the
    // neighbourhood's, not the graph's)
    function nodeReducer(key, data) {
      return api.hiddenNode[data.i] ? Object.assign({}, data, {hidden: true}) : data;
    }
    function edgeReducer(key, data) {
      return api.hiddenEdge[data.i] ? Object.assign({}, data, {hidden: true}) : data;
    }
    function veil(ctx, w, h) {
      var s = api.selected, centre = s >= 0 && !api.hiddenNode[s] ? rendererApi.toScreen(s) : null;
      ctx.fillStyle = "rgba(255,255,255,0.8)";
      ctx.fillRect(0, 0, w, h);
      if (!centre) { return; }
      ctx.lineWidth = 1.5; ctx.strokeStyle = "rgba(60,60,60,0.8)";
      var near = [];
      for (var k = 0; k < N; k++) { if (api.near[k] && !api.hiddenNode[k]) { near.push(k); } }
      near.forEach(function (k) {
        var p = rendererApi.toScreen(k);
        ctx.beginPath(); ctx.moveTo(centre[0], centre[1]); ctx.lineTo(p[0], p[1]);
        ctx.stroke();
      });
      near.forEach(function (k) {
        var p = rendererApi.toScreen(k);
        ctx.beginPath(); ctx.arc(p[0], p[1], Math.max(p[2], 2), 0, 2 * Math.PI);
        ctx.fillStyle = api.colour[k]; ctx.fill();
        ctx.lineWidth = k === s ? 2.5 : 1; ctx.strokeStyle = k === s ? "#000" : "#0006";
        ctx.stroke();
      });
    }
    var sigma = new V.Sigma(graph, container, {
      nodeProgramClasses: {circle: flat(V.NodeCircleProgram)},
      nodeHoverProgramClasses: {circle: V.NodeCircleProgram},
      edgeProgramClasses: {line: flat(V.EdgeRectangleProgram), arrow: Unused},
      renderLabels: false, renderEdgeLabels: false, defaultEdgeType: "line",
      enableEdgeEvents: M <= 20000, hideEdgesOnMove: M > 100000, zIndex: false,
      allowInvalidContainer: true, nodeReducer: nodeReducer, edgeReducer: edgeReducer
    });
    var camera = sigma.getCamera(), overlay = document.createElement("canvas");
    overlay.id = "gk-labels";
    container.appendChild(overlay);
    var tip = api.el("div", undefined, "gk-tooltip");
    tip.style.display = "none";
    container.appendChild(tip);
    function drawOverlay() {
      var w = container.clientWidth, h = container.clientHeight;
      var pr = window.devicePixelRatio || 1;
      if (overlay.width !== Math.round(w * pr) || overlay.height !== Math.round(h * pr)) {
        overlay.width = Math.round(w * pr); overlay.height = Math.round(h * pr);
        overlay.style.width = w + "px"; overlay.style.height = h + "px";
      }
      var ctx = overlay.getContext("2d");
      ctx.setTransform(pr, 0, 0, pr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (api.near) { veil(ctx, w, h); }
      api.drawLabels(ctx, w, h);
    }
    sigma.on("afterRender", drawOverlay);
    function showTip(text, event) {
      tip.textContent = text;
      tip.style.left = (event.x + 12) + "px"; tip.style.top = (event.y + 12) + "px";
      tip.style.display = "block";
    }
    sigma.on("enterNode", function (p) { showTip(api.nodeTitle(Number(p.node)), p.event); });
    sigma.on("enterEdge", function (p) { showTip(api.edgeTitle(Number(p.edge)), p.event); });
    sigma.on("leaveNode", function () { tip.style.display = "none"; });
    sigma.on("leaveEdge", function () { tip.style.display = "none"; });
    sigma.on("clickNode", function (p) { api.onSelect(Number(p.node)); });
    sigma.on("clickStage", function () { api.onSelect(-1); });
    camera.on("updated", function () { api.onView(); });
    var rendererApi = {
      start: function () {
        drawOverlay();  // the constructor drew the WebGL layers: the first frame is done
        api.drawn();
      },
      refresh: function (nodes, edges) {  // only what changed is processed again
        sigma.refresh({partialGraph: {nodes: (nodes || []).map(String),
                                      edges: (edges || []).map(String)},
                       skipIndexation: true, schedule: true});  // drawn next frame,
      },                                                         // as vis-network does
      select: function () {},
      focus: function (i) {
        var d = sigma.getNodeDisplayData(String(i));
        if (d) { camera.setState({x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.3)}); }
      },
      camera: function () { var s = camera.getState(); return [s.x, s.y, s.ratio]; },
      setCamera: function (c) { camera.setState({x: c[0], y: c[1], ratio: c[2]}); },
      toScreen: function (n) {
        var p = sigma.graphToViewport({x: X[n] || 0, y: -(Y[n] || 0)});
        return [p.x, p.y, sigma.scaleSize(sizes[n])];
      },
      radius: function (n) { return sigma.scaleSize(sizes[n]); },
      size: function () { return [container.clientWidth, container.clientHeight]; },
      shown: function () {
        var nodes = 0, edges = 0;
        for (var k = 0; k < N; k++) { nodes += api.hiddenNode[k] ? 0 : 1; }
        for (var e = 0; e < M; e++) { edges += api.hiddenEdge[e] ? 0 : 1; }
        return [nodes, edges];
      },
      png: function () {
        sigma.refresh();  // draws now, so the WebGL buffers still hold the frame
        var pr = window.devicePixelRatio || 1, out = document.createElement("canvas");
        out.width = Math.round(container.clientWidth * pr);
        out.height = Math.round(container.clientHeight * pr);
        var ctx = out.getContext("2d"), layers = sigma.getCanvases();
        Object.keys(layers).forEach(function (k) {
          ctx.drawImage(layers[k], 0, 0, out.width, out.height);
        });
        ctx.drawImage(overlay, 0, 0, out.width, out.height);
        return out;
      },
      extra: {sigma: sigma, graph: graph}
    };
    return rendererApi;
  }
"""

#: Renderer name → its adapter script.
RENDERERS: dict[str, str] = {"vis": VIS_JS, "sigma": SIGMA_JS}
