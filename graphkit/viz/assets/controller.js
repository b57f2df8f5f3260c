
  var status = document.body.dataset;
  window.addEventListener("error", function (e) {
    status.gkError = String(e.message);
  });
  var phases = {script: Math.round(performance.now())};
  var D = JSON.parse(document.getElementById("gk-data").textContent);
  phases.parsed = Math.round(performance.now());
  var C = JSON.parse(document.getElementById("gk-style").textContent);
  var N = D.nodes.id.length, M = D.edges.from.length;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function short(s) { return s.length > 40 ? s.slice(0, 39) + "\u2026" : s; }
  function rgba(hex, a) {
    var v = parseInt(hex.slice(1), 16);
    return "rgba(" + (v >> 16) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," +
      a + ")";
  }
  var colour = new Array(N), kindOf = new Array(N);
  for (var i = 0; i < N; i++) {
    kindOf[i] = D.kinds[D.nodes.kind[i]];
    var sector = D.nodes.sector[i] >= 0 ? D.sectors[D.nodes.sector[i]] : "unknown";
    colour[i] = kindOf[i] === "project" ? C.colours.project : C.colours[sector];
  }
  var faint = D.edges.faint || [], edgeColour = new Array(M), edgeWidth = new Array(M);
  var roleColour = D.roles.map(function (r) {  // one string per role and faintness
    return [rgba(C.roles[r][0], 0.7), rgba(C.roles[r][0], 0.12)];
  });
  for (var j = 0; j < M; j++) {
    var role = D.edges.role[j];
    edgeColour[j] = roleColour[role][faint[j] ? 1 : 0];
    edgeWidth[j] = faint[j] ? 0.5 :
      C.roles[D.roles[role]][2] * (1 + Math.log2(Math.max(D.edges.weight[j], 1)));
  }
  // neighbours as compressed rows (no per-node arrays: 50,000 nodes stay cheap)
  var start = new Int32Array(N + 1), adj = new Int32Array(2 * M);
  for (var e = 0; e < M; e++) { start[D.edges.from[e] + 1]++; start[D.edges.to[e] + 1]++; }
  for (var k = 0; k < N; k++) { start[k + 1] += start[k]; }
  var fill = start.slice(0, N);
  for (var f = 0; f < M; f++) {
    adj[fill[D.edges.from[f]]++] = D.edges.to[f];
    adj[fill[D.edges.to[f]]++] = D.edges.from[f];
  }
  function neighbours(n) { return Array.from(adj.subarray(start[n], start[n + 1])); }
  // -- tooltips: written when shown, from the data's columns (graphkit/viz/tooltips.py)
  function fmt(v) {
    return v === null ? "n/a" : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
  }
  function more(count, shown) { return count > shown ? " (+" + (count - shown) + " more)" : ""; }
  function sourceText(list) {  // [count, doc, line, doc, line, ...] or []
    if (!list.length) { return null; }
    var out = [];
    for (var k = 1; k < list.length; k += 2) {
      out.push(D.documents[list[k]] + (list[k + 1] >= 0 ? ":" + list[k + 1] : ""));
    }
    return "source: " + out.join(", ") + more(list[0], out.length);
  }
  function projectList(list) {  // project indices, in id order
    return "(" + list.length + "): " + list.slice(0, 3).map(function (p) {
      return D.projects.label[p];
    }).join("; ") + more(list.length, 3);
  }
  function curie(id) {  // a node id as the CURIE a query takes (org/x -> actor:x)
    for (var path in D.meta.curies) {
      if (id.lastIndexOf(path, 0) === 0) { return D.meta.curies[path] + ":" + id.slice(path.length); }
    }
    return id;
  }
  function nodeTitle(i) {
    var Q = D.nodes, PR = D.projects, sec = Q.sector[i], type = D.types[Q.type[i]];
    var lines = [Q.label[i], sec >= 0 ? type + " \u00b7 " + D.sectors[sec] : type];
    var own = Q.projects[i];
    if (kindOf[i] === "project" && own.length) {
      var p = own[0];
      [["programme area", D.areas, PR.area], ["region", D.regions, PR.region],
       ["fund", D.funds, PR.fund], ["phase", D.phases, PR.phase]].forEach(function (f) {
        if (f[2][p] >= 0) { lines.push(f[0] + ": " + f[1][f[2][p]]); }
      });
      if (PR.period[p]) { lines.push("period: " + PR.period[p]); }
      lines.push("actors: " + PR.actors[p]);
    } else if (kindOf[i] !== "project") {
      if (Q.code[i]) { lines.push("SCB code: " + Q.code[i]); }
      lines.push("projects " + projectList(own));
    }
    var groups = [];  // measures, each run of one graph with its name
    D.meta.measures.forEach(function (m, k) {
      var graph = D.meta.measureGraphs[m], last = groups[groups.length - 1];
      var text = m + " " + fmt(Q.values[k][i]);
      if (last && last[0] === graph) { last[1].push(text); } else { groups.push([graph, [text]]); }
    });
    lines.push(groups.map(function (g) {
      return g[1].join(" \u00b7 ") + " (on the " + g[0] + " graph)";
    }).join(" \u00b7 "));
    var source = sourceText(Q.sources[i]);
    if (source) { lines.push(source); }
    lines.push("id: " + curie(Q.id[i]));
    return lines.join("\n");
  }
  function edgeTitle(j) {
    var E = D.edges, role = D.roles[E.role[j]];
    var ends = D.nodes.label[E.from[j]] + " \u2013 " + D.nodes.label[E.to[j]];
    if (E.sources) {  // a tie of the actor–actor view: the projects it comes from
      var lines = [role, "shared projects " + projectList(E.projects[j])];
      var source = sourceText(E.sources[j]);
      if (source) { lines.push(source); }
      lines.push(ends);
      return lines.join("\n");
    }
    var doc = E.doc[j], line = E.line[j];
    return role + (doc >= 0 ? "\nsource: " + D.documents[doc] + (line >= 0 ? ":" + line : "") : "") +
      "\n" + ends;
  }
  var hiddenNode = new Uint8Array(N), hiddenEdge = new Uint8Array(M);
  var container = document.getElementById("gk-network");
  var progress = el("div", "", "");
  progress.id = "gk-progress";
  container.appendChild(progress);
  var api = {D: D, C: C, N: N, M: M, colour: colour, kindOf: kindOf,
             edgeColour: edgeColour, edgeWidth: edgeWidth, faint: faint,
             hiddenNode: hiddenNode, hiddenEdge: hiddenEdge, near: null,
             selected: -1, container: container, progress: progress,
             nodeTitle: nodeTitle, edgeTitle: edgeTitle,
             short: short, el: el};
  var R = makeRenderer(api);
  phases.renderer = Math.round(performance.now());
  var counts = document.getElementById("gk-counts");
  function showCounts(shown) {
    shown = shown || R.shown();
    counts.textContent =
      shown[0].toLocaleString("en") + " nodes \u00b7 " +
      shown[1].toLocaleString("en") + " edges shown (" +
      D.meta.projection + "; size by " + D.meta.measureLabels[D.meta.sizeBy] + ")";
  }
  var stable = false;
  api.drawn = function () {
    if (stable) { return; }
    stable = true;
    progress.textContent = "";
    var shown = R.shown();
    showCounts(shown);
    status.gkNodes = String(shown[0]);
    status.gkEdges = String(shown[1]);
    status.gkRenderer = D.meta.renderer;
    status.gkStableMs = String(Math.round(performance.now()));
    phases.controls = controlsMs;
    status.gkPhases = JSON.stringify(phases);
    status.gkStatus = "stable";
    restoreCamera();
    // and when the browser has put a frame on screen (a software WebGL takes long)
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        status.gkPresentedMs = String(Math.round(performance.now()));
      });
    });
    if (window.parent !== window) {  // a notebook frame: tell the host it drew
      window.parent.postMessage({graphkit: "stable", nodes: shown[0],
                                 edges: shown[1]}, "*");
    }
  };

  // -- labels that never overlap: by selection, then size, then zoom ---------------
  var byImportance = Array.from({length: N}, function (_, n) { return n; })
    .sort(function (a, b) { return D.nodes.size[b] - D.nodes.size[a] || a - b; });
  var widths = new Float32Array(N).fill(-1), placed = [];
  api.drawLabels = function (ctx, w, h) {
    var cell = 80, grid = {}, out = [], font = "12px system-ui, sans-serif";
    ctx.font = font;
    function free(x0, y0, x1, y1) {
      for (var gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
        for (var gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
          var list = grid[gx + "," + gy] || [];
          for (var q = 0; q < list.length; q++) {
            var b = list[q];
            if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) { return false; }
          }
        }
      }
      return true;
    }
    function take(n, force) {
      if (hiddenNode[n] || out.length >= 400) { return; }
      var p = R.toScreen(n);
      if (!p || p[0] < -50 || p[1] < -20 || p[0] > w + 50 || p[1] > h + 20) { return; }
      if (widths[n] < 0) { widths[n] = ctx.measureText(short(D.nodes.label[n])).width; }
      var x0 = p[0] + p[2] + 3, y0 = p[1] - 8, x1 = x0 + widths[n] + 2, y1 = y0 + 16;
      if (!free(x0, y0, x1, y1)) { return; }
      for (var gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
        for (var gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push([x0, y0, x1, y1]);
        }
      }
      out.push([n, x0, p[1]]);
    }
    if (api.selected >= 0) {
      take(api.selected, true);
      neighbours(api.selected).forEach(function (n) { take(n, true); });
    }
    // nodes come biggest first: past the first one too small on screen, all are
    for (var r = 0; r < N && out.length < 400 && R.radius(byImportance[r]) >= 3; r++) {
      if (!api.near || api.near[byImportance[r]]) { take(byImportance[r], false); }
    }
    ctx.textBaseline = "middle"; ctx.lineJoin = "round";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#222";
    out.forEach(function (o) {
      var text = short(D.nodes.label[o[0]]);
      ctx.strokeText(text, o[1], o[2]); ctx.fillText(text, o[1], o[2]);
    });
    placed = out;
  };

  // -- notes and legend: only what this page has ---------------------------------
  var notes = document.getElementById("gk-notes");
  D.meta.notes.forEach(function (n) { notes.appendChild(el("p", n)); });
  var legend = document.getElementById("gk-legend");
  var symbols = D.meta.renderer === "sigma" ?  // sigma.js draws every node as a disc
    {project: "\u25cf (yellow) ", organisation: "\u25cf ", municipality: "\u25cf "} :
    {project: "\u25a0 ", organisation: "\u25cf ", municipality: "\u25b2 "};
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
      (st[1].length && D.meta.renderer === "vis" ?
       (st[1][0] > 3 ? "dashed " : "dotted ") : "solid ") + st[0];
    row.appendChild(line); row.appendChild(document.createTextNode(r));
    legend.appendChild(row);
  });
  if (faint.indexOf(1) >= 0) {
    var row = el("div"), line = el("span", undefined, "gk-line");
    line.style.borderTop = "1px solid #ccc";
    row.appendChild(line);
    row.appendChild(document.createTextNode("tie only through one large project"));
    legend.appendChild(row);
  }
  legend.appendChild(el("div", "size: " + D.meta.measureLabels[D.meta.sizeBy] +
                         (M ? "; width: shared projects" : "")));

  // -- filters ---------------------------------------------------------------------
  var filters = document.getElementById("gk-filters"), boxes = {};
  var groups = {roles: D.roles, sectors: D.sectors, regions: D.regions,
                "programme areas": D.areas};
  Object.keys(groups).forEach(function (name) {
    var items = groups[name];
    boxes[name] = [];
    if (items.length < 2) { return; }
    filters.appendChild(el("h2", name));
    items.forEach(function (item, k) {
      var label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.index = String(k);
      box.addEventListener("change", changed);
      label.appendChild(box); label.appendChild(document.createTextNode(" " + item));
      label.title = item;
      filters.appendChild(label);
      boxes[name].push(box);
    });
  });
  function allowed(name, count) {
    var ok = new Uint8Array(count).fill(1);
    boxes[name].forEach(function (b) {
      ok[Number(b.dataset.index)] = b.checked ? 1 : 0;
    });
    return ok;
  }

  // -- time: a year slider, play, and the programme periods --------------------------
  var P = D.projects, lo = Infinity, hi = -Infinity;  // no Math.min.apply: 100k projects
  for (var y = 0; y < P.start.length; y++) {
    [P.start[y], P.end[y]].forEach(function (v) {
      if (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    });
  }
  var period = null, slider = el("input"), periodText = el("div"), playing = null;
  var PERIODS = [[2000, 2006], [2007, 2013], [2014, 2020], [2021, 2027]];
  function setPeriod(p, fromSlider) {
    period = p;
    if (!fromSlider) { slider.value = String(p && p[0] === p[1] ? p[0] : lo - 1); }
    periodText.textContent = !p ? "all years" : p[0] === p[1] ?
      "projects running in " + p[0] : "projects running in " + p[0] + "\u2013" + p[1];
    changed();
  }
  if (lo <= hi) {
    filters.appendChild(el("h2", "period"));
    slider.type = "range"; slider.id = "gk-year";
    slider.min = String(lo - 1); slider.max = String(hi); slider.step = "1";
    slider.value = String(lo - 1);
    slider.addEventListener("input", function () {
      var v = Number(slider.value);
      setPeriod(v < lo ? null : [v, v], true);
    });
    filters.appendChild(slider);
    periodText.textContent = "all years";
    filters.appendChild(periodText);
    var buttons = el("div", undefined, "gk-row"), play = el("button", "\u25b6 play");
    play.type = "button"; play.id = "gk-play";
    var stop = function () {
      clearInterval(playing); playing = null; play.textContent = "\u25b6 play";
    };
    play.addEventListener("click", function () {
      if (playing) { stop(); return; }
      play.textContent = "\u25a0 stop";
      var year = period && period[0] === period[1] && period[0] < hi ? period[0] : lo - 1;
      playing = setInterval(function () {
        year += 1;
        setPeriod([year, year]);
        if (year >= hi) { stop(); }
      }, 900);
    });
    buttons.appendChild(play);
    PERIODS.filter(function (p) { return p[0] <= hi && p[1] >= lo; }).forEach(function (p) {
      var b = el("button", p[0] + "\u2013" + p[1]);
      b.type = "button"; b.title = "ESF programme period " + p[0] + "\u2013" + p[1];
      b.addEventListener("click", function () { setPeriod(p); });
      buttons.appendChild(b);
    });
    var all = el("button", "all");
    all.type = "button";
    all.addEventListener("click", function () { setPeriod(null); });
    buttons.appendChild(all);
    filters.appendChild(buttons);
  }

  var fullDegree = new Int32Array(N);
  for (var g = 0; g < M; g++) { fullDegree[D.edges.from[g]]++; fullDegree[D.edges.to[g]]++; }
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
    var count = P.start.length, projectOK = new Uint8Array(count);
    for (var p = 0; p < count; p++) {
      var s = P.start[p] || P.end[p], t = P.end[p] || P.start[p];
      projectOK[p] = (P.region[p] < 0 || regionOK[P.region[p]]) &&
        (P.area[p] < 0 || areaOK[P.area[p]]) &&
        (!period || (s && s <= period[1] && t >= period[0])) ? 1 : 0;
    }
    var nodeOK = new Uint8Array(N), degree = new Int32Array(N);
    var nodesMoved = [], edgesMoved = [];
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
        hiddenEdge[j] = show ? 0 : 1; edgesMoved.push(j);
      }
    }
    for (var k = 0; k < N; k++) {
      var hide = nodeOK[k] && (fullDegree[k] === 0 || degree[k] > 0) ? 0 : 1;
      if (hiddenNode[k] !== hide) { hiddenNode[k] = hide; nodesMoved.push(k); }
    }
    if (nodesMoved.length || edgesMoved.length) { R.refresh(nodesMoved, edgesMoved); }
    showCounts();
  }
  function changed() { applyFilters(); saveView(); }

  // -- search, selection and neighbourhood -------------------------------------------
  var info = document.getElementById("gk-info");
  var results = document.getElementById("gk-results");
  function button(i) {
    var b = el("button", D.nodes.label[i]);
    b.type = "button"; b.title = curie(D.nodes.id[i]);
    b.addEventListener("click", function () { select(i, true); });
    return b;
  }
  function showInfo(i) {
    info.replaceChildren(el("h3", D.nodes.label[i]), el("pre", nodeTitle(i)));
    var near = neighbours(i);
    info.appendChild(el("h2", "neighbours (" + near.length + ")"));
    var list = el("div", undefined, "gk-list");
    near.slice(0, 50).forEach(function (n) { list.appendChild(button(n)); });
    info.appendChild(list);
  }
  function select(i, focus) {
    if (i < 0) {
      if (api.selected < 0) { return; }
      api.selected = -1; api.near = null; R.select(-1); R.refresh();
      info.replaceChildren(el("p", "Click a node or search for an actor."));
      saveView();
      return;
    }
    api.selected = i;
    api.near = new Uint8Array(N);
    api.near[i] = 1;
    neighbours(i).forEach(function (n) { api.near[n] = 1; });
    R.select(i);
    if (focus) { R.focus(i); }
    R.refresh(); showInfo(i); saveView();
  }
  api.onSelect = function (i) { select(i, false); };
  var search = document.getElementById("gk-search");
  var lower = null;  // made at the first search, not before the first frame
  function runSearch() {
    var q = search.value.trim().toLowerCase(), list = el("div", undefined, "gk-list");
    if (!lower) { lower = D.nodes.label.map(function (s) { return s.toLowerCase(); }); }
    if (q.length > 1) {
      for (var i = 0, found = 0; i < N && found < 20; i++) {
        if (lower[i].indexOf(q) >= 0) { list.appendChild(button(i)); found++; }
      }
    }
    results.replaceChildren(list);
  }
  search.addEventListener("input", function () { runSearch(); saveView(); });

  // -- the view in the URL fragment -------------------------------------------------
  var saving = null, restoring = true;
  function viewText() {
    var v = new URLSearchParams();
    Object.keys(boxes).forEach(function (name) {
      var off = boxes[name].filter(function (b) { return !b.checked; })
        .map(function (b) { return groups[name][Number(b.dataset.index)]; });
      if (off.length) { v.set("hide-" + name.replace(" ", "-"), off.join("|")); }
    });
    if (period) { v.set("period", period[0] + "-" + period[1]); }
    if (api.selected >= 0) { v.set("select", D.nodes.id[api.selected]); }
    if (search.value) { v.set("search", search.value); }
    var cam = R.camera();
    if (cam) { v.set("view", cam.map(function (x) { return +x.toPrecision(6); }).join(",")); }
    return v.toString();
  }
  function saveView() {
    if (restoring) { return; }
    clearTimeout(saving);
    saving = setTimeout(function () {
      var text = viewText();
      if (location.hash.slice(1) === text) { return; }
      try { history.replaceState(null, "", "#" + text); }
      catch (err) { location.hash = text; }  // srcdoc frames have no history URL
    }, 120);
  }
  api.onView = saveView;
  var wanted = new URLSearchParams(location.hash.slice(1));
  function restoreView() {
    Object.keys(boxes).forEach(function (name) {
      var off = (wanted.get("hide-" + name.replace(" ", "-")) || "").split("|");
      boxes[name].forEach(function (b) {
        b.checked = off.indexOf(groups[name][Number(b.dataset.index)]) < 0;
      });
    });
    var p = /^(\d{4})-(\d{4})$/.exec(wanted.get("period") || "");
    var off = Object.keys(boxes).some(function (name) {
      return boxes[name].some(function (b) { return !b.checked; });
    });
    if (p && lo <= hi) { setPeriod([Number(p[1]), Number(p[2])]); }
    else if (off) { applyFilters(); }  // else all is shown, as drawn
    if (wanted.get("search")) { search.value = wanted.get("search"); runSearch(); }
    var chosen = D.nodes.id.indexOf(wanted.get("select"));
    if (chosen >= 0) { select(chosen, !wanted.get("view")); }
  }
  function restoreCamera() {
    var cam = (wanted.get("view") || "").split(",").map(Number);
    if (cam.length === 3 && cam.every(isFinite)) { R.setCamera(cam); }
    restoring = false;
  }

  // -- export the current view: PNG (pixels) and SVG (shapes and labels) ----------------
  function xml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function exportSVG() {
    var size = R.size(), w = size[0], h = size[1], out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h +
             '" viewBox="0 0 ' + w + " " + h + '">',
             "<title>" + xml(document.title) + "</title>",
             '<rect width="100%" height="100%" fill="#fff"/>');
    var at = new Array(N);
    for (var i = 0; i < N; i++) { if (!hiddenNode[i]) { at[i] = R.toScreen(i); } }
    function inside(p) { return p && p[0] > -50 && p[1] > -50 && p[0] < w + 50 && p[1] < h + 50; }
    for (var j = 0; j < M; j++) {
      var a = at[D.edges.from[j]], b = at[D.edges.to[j]];
      if (hiddenEdge[j] || !a || !b || !(inside(a) || inside(b))) { continue; }
      out.push('<line x1="' + a[0].toFixed(1) + '" y1="' + a[1].toFixed(1) +
               '" x2="' + b[0].toFixed(1) + '" y2="' + b[1].toFixed(1) +
               '" stroke="' + edgeColour[j] + '" stroke-width="' +
               Math.max(0.5, edgeWidth[j] / 2).toFixed(1) + '"/>');
    }
    for (var n = 0; n < N; n++) {
      var p = at[n];
      if (!inside(p)) { continue; }
      var fillColour = api.near && !api.near[n] ? "#dddddd" : colour[n], r = Math.max(p[2], 1);
      var x = p[0].toFixed(1), y = p[1].toFixed(1), shape;
      if (kindOf[n] === "project") {
        shape = '<rect x="' + (p[0] - r).toFixed(1) + '" y="' + (p[1] - r).toFixed(1) +
          '" width="' + (2 * r).toFixed(1) + '" height="' + (2 * r).toFixed(1) + '"';
      } else if (kindOf[n] === "municipality") {
        shape = '<polygon points="' + x + "," + (p[1] - r).toFixed(1) + " " +
          (p[0] - r).toFixed(1) + "," + (p[1] + r).toFixed(1) + " " +
          (p[0] + r).toFixed(1) + "," + (p[1] + r).toFixed(1) + '"';
      } else {
        shape = '<circle cx="' + x + '" cy="' + y + '" r="' + r.toFixed(1) + '"';
      }
      out.push(shape + ' fill="' + fillColour + '" stroke="#0006"><title>' +
               xml(D.nodes.label[n]) + "</title></" + shape.slice(1, shape.indexOf(" ")) + ">");
    }
    out.push('<g font-family="system-ui, sans-serif" font-size="12" fill="#222" ' +
             'stroke="#fff" stroke-width="3" paint-order="stroke" dominant-baseline="middle">');
    placed.forEach(function (o) {
      out.push('<text x="' + o[1].toFixed(1) + '" y="' + o[2].toFixed(1) + '">' +
               xml(short(D.nodes.label[o[0]])) + "</text>");
    });
    out.push("</g></svg>");
    return out.join("\n");
  }
  function exportPNG() {
    var canvas = R.png(), out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL("image/png");
  }
  function download(name, url) {
    var a = document.createElement("a");
    a.href = url; a.download = name; a.rel = "noopener";
    document.body.appendChild(a); a.click(); a.remove();
  }
  var exports = document.getElementById("gk-export");
  [["PNG", function () { download("network.png", exportPNG()); }],
   ["SVG", function () {
     var url = URL.createObjectURL(new Blob([exportSVG()], {type: "image/svg+xml"}));
     download("network.svg", url);
     setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
   }]].forEach(function (pair) {
    var b = el("button", pair[0]);
    b.type = "button"; b.addEventListener("click", pair[1]);
    exports.appendChild(b);
  });

  restoreView();
  var controlsMs = Math.round(performance.now());
  R.start();
  window.gk = {select: function (i) { select(i, true); }, applyFilters: applyFilters,
               setPeriod: setPeriod, exportSVG: exportSVG, exportPNG: exportPNG,
               viewText: viewText, data: D, renderer: R, hiddenNode: hiddenNode,
               nodeTitle: nodeTitle, edgeTitle: edgeTitle,
               hiddenEdge: hiddenEdge, labels: function () { return placed; }};
  Object.assign(window.gk, R.extra || {});
