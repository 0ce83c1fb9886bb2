/* swgraph map page script. Data comes from the JSON block only (columns, see
   swgraph/maps/pack.py); every piece of data text reaches the DOM through
   textContent (never innerHTML) or the canvas. */
(function () {
  "use strict";
  var api = (window.swgraphMap = {
    ready: false, firstDrawMs: null, selected: null, highlighted: [], results: [],
    errors: [], timings: {}
  });
  /** ms since navigation start at each stage of loading (benchmarks/bench_page.py prints them) */
  function mark(name) { api.timings[name] = Math.round((performance.now()) * 10) / 10; }
  mark("script");
  window.addEventListener("error", function (ev) { api.errors.push(String(ev.message)); });

  var RAW = JSON.parse(document.getElementById("swgraph-data").textContent);
  function fail(msg) { api.errors.push(msg); document.getElementById("swg-note").textContent = msg; }
  if (RAW.z === undefined) { main(RAW); return; }
  // big maps: base64 gzip, inflated by the browser itself (no request, no library)
  if (typeof DecompressionStream === "undefined") {
    fail("This browser cannot decompress the map's data (no DecompressionStream): use a current Chrome, Edge, Firefox or Safari.");
    return;
  }
  var bytes;
  if (typeof Uint8Array.fromBase64 === "function") bytes = Uint8Array.fromBase64(RAW.z);
  else {
    var bin = atob(RAW.z);
    bytes = new Uint8Array(bin.length);
    for (var b = 0; b < bin.length; b++) bytes[b] = bin.charCodeAt(b);
  }
  mark("base64");
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    .then(function (text) { mark("inflated"); var d = JSON.parse(text); mark("parsed"); main(d); })
    .catch(function (err) { fail("The map's data could not be read: " + String(err)); });

  function main(DATA) {
  mark("main");
  var N = DATA.N, E = DATA.E, T = DATA.T, R = DATA.R, G = DATA.groups, P = DATA.P;
  var NN = N.key.length, NE = E.a.length;
  var OVERVIEW = G.length > 0;
  api.nodeCount = NN;
  api.edgeCount = NE;
  var DIM = "rgba(200,200,200,0.35)";
  var LABEL_MAX = 18;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function short(s) { var a = Array.from(s); return a.length <= LABEL_MAX ? s : a.slice(0, LABEL_MAX - 1).join("") + "\u2026"; }
  function fmtInt(v) { return String(Math.round(Number(v))).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  // ------------------------------------------------------------------ node and edge data
  var byKey = Object.create(null), adj = null, adjE = null, i, j;
  for (i = 0; i < NN; i++) byKey[N.key[i]] = i;
  /** Neighbours and incident ties of every node, built on first use (a selection), not before the first draw. */
  function neighbours() {
    if (adj) return adj;
    adj = new Array(NN); adjE = new Array(NN);
    for (var u = 0; u < NN; u++) { adj[u] = []; adjE[u] = []; }
    for (var e = 0; e < NE; e++) {
      adj[E.a[e]].push(E.b[e]); adjE[E.a[e]].push(e);
      adj[E.b[e]].push(E.a[e]); adjE[E.b[e]].push(e);
    }
    return adj;
  }
  var groupKey = Object.create(null), groupMembers = G.map(function () { return []; });
  G.forEach(function (g, k) { groupKey[g[0]] = k; });
  for (i = 0; i < NN; i++) if (N.grp[i] >= 0 && G.length) groupMembers[N.grp[i]].push(i);

  mark("adjacency");
  function rowsOf(i) {
    var out = [];
    N.rows.labels.forEach(function (lab, k) { if (N.rows.values[k][i] !== "") out.push([lab, N.rows.values[k][i]]); });
    return out;
  }
  function nd(i) {
    var k = T.kind[N.kind[i]], p = T.prov[N.prov[i]];
    return {
      key: N.key[i], zh: N.zh[i], en: N.en[i], py: N.py[i], al: N.al[i] || [], kind: k[0], kl: k[1],
      tier: T.tier[N.tier[i]], prov: p[1], provCode: p[0], syn: !!N.syn[i],
      src: (N.src[i] || []).map(function (s) { return T.src[s]; }), srcMore: N.srcMore[i],
      rows: rowsOf(i), c: T.col[N.col[i]], date: N.date[i]
    };
  }
  function baseColour(i) {
    var c = T.col[N.col[i]];
    if (!N.syn[i]) return c;
    var r = parseInt(c.slice(1, 3), 16), g = parseInt(c.slice(3, 5), 16), b = parseInt(c.slice(5, 7), 16);
    function pale(v) { return Math.round(255 - (255 - v) * 0.35); }
    var bg = "rgb(" + pale(r) + "," + pale(g) + "," + pale(b) + ")";
    return { background: bg, border: c, highlight: { background: bg, border: "#000000" },
             hover: { background: bg, border: "#000000" } };
  }
  // "new since DATE": organisations founded and ties first recorded after it, drawn in this colour
  var NEW_COL = "#e6007e", since = null, newN = new Uint8Array(NN), newE = new Uint8Array(NE);
  function nodeColour(i) {
    var c = baseColour(i);
    if (!newN[i]) return c;
    var bg = typeof c === "string" ? c : c.background;
    return { background: bg, border: NEW_COL, highlight: { background: bg, border: "#000000" },
             hover: { background: bg, border: NEW_COL } };
  }
  function borderOf(i) { return newN[i] ? 4 : N.syn[i] ? 2.5 : 1.0; }
  function visNode(i) {
    var n = { id: i, x: N.x[i], y: N.y[i], shape: T.shape[N.shape[i]], size: N.size[i],
              color: nodeColour(i), borderWidth: borderOf(i) };
    if (!bareNow(i)) n.label = short(N.zh[i]);
    if (N.syn[i]) n.shapeProperties = { borderDashes: [5, 4] };
    return n;
  }
  // in the overview a node is made without the label it could not show at this zoom (vis measures the
  // text of every label a node has when it sizes the node: most of the cost of a province opened), and is
  // given it once the zoom reaches LABEL_S, where a 14 px label reaches vis's draw threshold, and the
  // node is in or near the view (labelsInView)
  var LABEL_S = (DATA.options.nodes.scaling.label.drawThreshold - 1) / 14, bare = Object.create(null), bareN = 0;
  function bareNow(i) { return OVERVIEW && !pinnedNow(i) && network.getScale() < LABEL_S; }
  function edgeColour(j) {
    if (newE[j]) return { color: NEW_COL, opacity: 1 };
    return { color: T.etype[E.t[j]][2], opacity: E.syn[j] ? 0.4 : 0.85 };
  }
  function edgeWidth(j) { return newE[j] ? Math.max(E.wd[j], 2.5) : E.wd[j]; }
  function visEdge(j) {
    var t = T.etype[E.t[j]];
    var e = { id: j, from: E.a[j], to: E.b[j], color: edgeColour(j), width: edgeWidth(j), dashes: t[3] || false };
    if (E.arr[j]) e.arrows = "to";
    return e;
  }
  /** A tie made while a highlight is on, in its state: dimmed (and so marked) unless kept. */
  function dimmedIf(e, de) {
    if (keepEdges && !keepEdges(de)) { edim[e.id] = true; e.color = { color: DIM, opacity: 0.3 }; }
    return e;
  }
  function edgeTypes(j) { return E.tt[j] ? E.tt[j].map(function (k) { return T.etype[k][0]; }) : [T.etype[E.t[j]][0]]; }

  // ------------------------------------------------------------------ dates (time slider)
  function earliest(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d.slice(0, 10); }
  var cutoff = null;  // "YYYY-MM-DD" or null (everything)
  function after(d) { return !!(cutoff && d && earliest(d) > cutoff); }
  /** The records of edge j standing at the cutoff (indices into R), or null when the edge lists none. */
  function activeRecords(j) {
    var rs = E.rec[j];
    if (!rs) return null;
    if (!cutoff) return rs;
    return rs.filter(function (k) { return !after(R[k][2]); });
  }
  function edgeStands(j) {
    var rs = activeRecords(j);
    if (rs === null) return !after(E.date[j]);
    return rs.length > 0 || E.rec[j].length === 0;
  }

  // ------------------------------------------------------------------ visibility
  var off = { kind: Object.create(null), tier: Object.create(null), prov: Object.create(null), etype: Object.create(null) };
  var only = null;  // a set of node indices ("show only these") or null
  var openG = Object.create(null);
  function nodeShown(i) {
    if (off.kind[T.kind[N.kind[i]][0]] || off.tier[T.tier[N.tier[i]]] || off.prov[T.prov[N.prov[i]][0]]) return false;
    if (after(N.date[i])) return false;
    if (only && !only[i]) return false;
    return true;
  }
  function edgeShown(j) {
    if (edgeTypes(j).every(function (t) { return off.etype[t]; })) return false;
    return edgeStands(j);
  }
  function anyOn(o) { for (var k in o) if (o[k]) return true; return false; }
  /** Whether any filter, the slider or "show only" can hide nodes / ties (else every test is skipped). */
  function filtering() {
    return { nodes: !!(cutoff || only || anyOn(off.kind) || anyOn(off.tier) || anyOn(off.prov)),
             edges: !!(cutoff || anyOn(off.etype)) };
  }
  function isOpen(i) { return !OVERVIEW || N.grp[i] < 0 || !!openG[N.grp[i]]; }
  var GID = G.map(function (g, k) { return "g" + k; });
  function rep(i) { return isOpen(i) ? i : GID[N.grp[i]]; }

  // ------------------------------------------------------------------ network
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var container = document.getElementById("swg-canvas");
  var network = new vis.Network(container, {}, DATA.options);
  (window.swgraphPlugins || []).forEach(function (f) { f(network, DATA, api); });
  api.network = network;
  var drawnNodes = Object.create(null), drawnEdges = Object.create(null);
  var groupLabelPx = 15;
  // one drawn frame per change: with physics off vis redraws the whole canvas synchronously
  // on every DataSet add, update and remove (and a province opened is several of them); changes made
  // inside held() are drawn once, in the next animation frame
  var holding = 0;
  function held(fn) {
    var em = network.body.emitter;
    if (holding++ === 0) em.emit("_blockRedraw");
    try { return fn(); } finally {
      if (--holding === 0) { em.emit("_allowRedraw"); em.emit("_requestRedraw"); }
    }
  }

  function groupNode(k, count) {
    var g = G[k], c = g[6];
    return { id: "g" + k, label: g[1] + " (" + fmtInt(count) + ")", x: g[2], y: g[3], shape: "hexagon",
             size: groupSize(k, Math.max(network.getScale(), 1e-4)), color: { background: c, border: "#333333",
             highlight: { background: c, border: "#000000" }, hover: { background: c, border: "#000000" } },
             borderWidth: 1.5, font: { size: groupLabelPx / Math.max(network.getScale(), 1e-4), color: "#111111",
             strokeWidth: 4, strokeColor: "#ffffff" } };
  }
  /** Draw what the state asks for: open groups' members, closed groups as one hexagon, ties summed. */
  function rebuild() { return held(function () { return rebuildNow(); }); }
  function rebuildNow() {
    var i, j, k, id, fl = filtering(), NG = G.length;
    // rep[i]: i itself when drawn as a node, -1 - k when it is summed into closed province k
    var shown = new Uint8Array(NN), rep_ = new Int32Array(NN), closed = new Uint8Array(NG);
    var counts = new Int32Array(NG), groupsSeen = [], wantN = [];  // groupsSeen: closed provinces, first seen first
    for (k = 0; k < NG; k++) closed[k] = openG[k] ? 0 : 1;
    for (i = 0; i < NN; i++) {
      if (fl.nodes && !nodeShown(i)) continue;
      shown[i] = 1;
      var g = N.grp[i];
      if (g >= 0 && closed[g]) { rep_[i] = -1 - g; if (counts[g]++ === 0) groupsSeen.push(g); }
      else { rep_[i] = i; wantN.push(i); }
    }
    // ties: drawn as they are between drawn nodes, else summed per pair of ends (a province or a node)
    var wantE = [], wantEm = new Uint8Array(NE), pairs = new Map(), M = NN + NG;
    for (j = 0; j < NE; j++) {
      var ea = E.a[j], eb = E.b[j];
      if (!shown[ea] || !shown[eb] || (fl.edges && !edgeShown(j))) continue;
      var ra = rep_[ea], rb = rep_[eb];
      if (ra >= 0 && rb >= 0) { wantE.push(j); wantEm[j] = 1; continue; }
      if (ra === rb) continue;
      var ca = ra >= 0 ? NG + ra : -1 - ra, cb = rb >= 0 ? NG + rb : -1 - rb;
      var pk = ca < cb ? ca * M + cb : cb * M + ca, a = pairs.get(pk);
      if (!a) { a = { ra: ra, rb: rb, w: 0, n: 0, nw: 0, tc: Object.create(null) }; pairs.set(pk, a); }
      a.w += Number(E.w[j]) || 1; a.n += 1; a.nw += newE[j];
      var t = T.etype[E.t[j]][0];
      a.tc[t] = (a.tc[t] || 0) + 1;
    }
    // a summed tie's id: "a:" and its two ends' ids (a node's index, a province's "g" + k) in text order
    var agg = Object.create(null);
    pairs.forEach(function (p) {
      var ea = p.ra >= 0 ? p.ra : GID[-1 - p.ra], eb = p.rb >= 0 ? p.rb : GID[-1 - p.rb], x = String(ea), y = String(eb);
      agg[x < y ? "a:" + x + "|" + y : "a:" + y + "|" + x] = { from: x < y ? ea : eb, to: x < y ? eb : ea, w: p.w, n: p.n, nw: p.nw, tc: p.tc };
    });
    function wanted(id) {
      if (id.charAt(0) === "g") return counts[+id.slice(1)] > 0;
      return shown[+id] === 1 && rep_[+id] === +id;
    }
    var removeN = [], addN = [], updN = [];
    for (id in drawnNodes) if (!wanted(id)) removeN.push(drawnNodes[id].id);
    wantN.forEach(function (i) { if (!(i in drawnNodes)) addN.push(visNode(i)); });
    groupsSeen.forEach(function (k) {
      var id = GID[k];
      if (!(id in drawnNodes)) addN.push(groupNode(k, counts[k]));
      else if (drawnNodes[id].count !== counts[k]) updN.push({ id: id, label: groupNode(k, counts[k]).label });
    });
    var removeE = [], addE = [], updE = [];
    for (id in drawnEdges) if (drawnEdges[id].agg ? !(id in agg) : !wantEm[+id]) removeE.push(drawnEdges[id].id);
    wantE.forEach(function (j) { if (!(j in drawnEdges)) addE.push(dimmedIf(visEdge(j), { id: j })); });
    for (id in agg) {
      var ae = agg[id];
      var width = Math.round(Math.min(14, 1 + 1.6 * Math.log2(1 + ae.w)) * 100) / 100;
      if (!(id in drawnEdges)) addE.push(dimmedIf({ id: id, from: ae.from, to: ae.to, width: width,
                                                    color: { color: "#777777", opacity: 0.6 }, dashes: false }, { id: id, agg: ae }));
      else if (drawnEdges[id].w !== ae.w) updE.push({ id: id, width: width });
    }
    if (removeE.length) edges.remove(removeE);
    if (removeN.length) nodes.remove(removeN);
    removeN.forEach(function (x) { delete lit[x]; delete applied[x]; if (bare[x]) { delete bare[x]; bareN--; } });
    removeE.forEach(function (x) { delete edim[x]; });
    if (addN.length) {
      // made with the font (and a province its size) for the current zoom: rescaleGroups need not touch them
      var sc = Math.max(network.getScale(), 1e-4);
      addN.forEach(function (n) {
        // made in the highlight's state (restyle then changes only what was drawn before)
        if (keep && !keep[n.id]) { lit[n.id] = true; n.color = DIM; n.font = fontOf(n.id, sc); }
        if (typeof n.id === "string") applied[n.id] = n.size + "|" + n.font.size + "|" + n.font.color;
        else if (pinnedNow(n.id)) { n.font = fontOf(n.id, sc); applied[n.id] = n.font.size + "|" + n.font.color; }
        else if (n.label === undefined) { bare[n.id] = true; bareN++; }
      });
      nodes.add(addN);
      // sized (labels measured) and bounded now, as network.fit did: vis draws only nodes whose
      // bounds meet the view, and a new node has none until it is sized, so it would be missing from
      // the next frame
      network.body.emitter.emit("_resizeNodes");
    }
    if (updN.length) nodes.update(updN);
    if (addE.length) edges.add(addE);
    if (updE.length) edges.update(updE);
    drawnNodes = Object.create(null);
    wantN.forEach(function (i) { drawnNodes[i] = { id: i }; });
    groupsSeen.forEach(function (k) { drawnNodes[GID[k]] = { id: GID[k], count: counts[k] }; });
    drawnEdges = Object.create(null);
    wantE.forEach(function (j) { drawnEdges[j] = { id: j }; });
    for (id in agg) drawnEdges[id] = { id: id, w: agg[id].w, agg: agg[id] };
    var vis_ = 0;
    for (i = 0; i < NN; i++) vis_ += shown[i];
    api.visibleCount = vis_;
    api.drawnCount = nodes.length;
    if (since) countNew();
    restyle();
    crumbs();
  }
  // labels always shown: the most important nodes (tier, then size) in the whole map and in each
  // province keep a readable label at any zoom; the rest appear as one zooms in
  var PINNED = Object.create(null);
  (function pin() {
    if (NN <= 150) return;
    var rank = { national: 0, provincial: 1, municipal: 2 }, order = [];
    for (var i = 0; i < NN; i++) order.push(i);
    function r(i) { var t = T.tier[N.tier[i]]; return t in rank ? rank[t] : 3; }
    order.sort(function (a, b) { return r(a) - r(b) || N.size[b] - N.size[a] || a - b; });
    var perGroup = Object.create(null);
    order.forEach(function (i, k) {
      var g = N.grp[i];
      perGroup[g] = (perGroup[g] || 0) + 1;
      // in the overview an opened province names its prefectures (their associations sit in their middles)
      if (k < 12 || (OVERVIEW && (perGroup[g] <= 1 || r(i) <= 2))) PINNED[i] = true;
    });
  })();
  mark("pinned");
  // a closed province's hexagon: area by members, one scale for every province, set for the start
  // view by sizeHexagons (fitStart); HEX_MIN..HEX_MAX px on screen at any zoom
  var HEX_MIN = 4, HEX_MAX = 45;
  var SIZE_C = G.reduce(function (c, g) { return Math.min(c, g[4] * 0.6 / Math.sqrt(Math.max(g[5], 1))); }, Infinity);
  var HEX_C = G.map(function (g) { return SIZE_C * Math.sqrt(Math.max(g[5], 1)); });  // canvas units
  function groupSize(k, s) { return Math.max(Math.min(HEX_C[k], HEX_MAX / s), HEX_MIN / s); }
  var lit = Object.create(null), edim = Object.create(null);  // drawn node / tie ids now dimmed
  // the selected node's label is kept readable at any zoom, as a pinned one
  function pinnedNow(id) { return PINNED[id] || (selIndex !== null && +id === selIndex); }
  /** Give these nodes (the selection before and after a change) the font their pinning asks for now. */
  function refont(ids) {
    var s = Math.max(network.getScale(), 1e-4), upd = [];
    ids.forEach(function (x) {
      if (x === null || x === undefined || !(x in drawnNodes)) return;
      delete applied[x];
      var u = { id: x, font: fontOf(x, s) };
      if (bare[x]) { u.label = short(N.zh[x]); delete bare[x]; bareN--; }
      upd.push(u);
    });
    if (upd.length) nodes.update(upd);
  }
  function fontOf(id, s) {
    // the whole font object every time (a DataSet update replaces it, it does not merge)
    var on = !lit[id];
    if (String(id).charAt(0) === "g") {
      return { size: groupLabelPx / s, color: on ? "#111111" : "rgba(0,0,0,0.25)", strokeWidth: 4, strokeColor: "#ffffff" };
    }
    return { size: pinnedNow(id) ? Math.max(14, 12 / s) : 14, color: on ? "#222222" : "rgba(0,0,0,0)",
             strokeWidth: on ? 3 : 0, strokeColor: "#ffffff" };
  }
  var rescaleQueued = false, applied = Object.create(null);  // drawn id -> the font (and size) it has
  function rescaleGroups() { return held(function () { return rescaleGroupsNow(); }); }
  function rescaleGroupsNow() {
    rescaleQueued = false;
    var s = Math.max(network.getScale(), 1e-4), upd = [];
    for (var id in drawnNodes) {
      // only what changes: a pinned label keeps 14 px from scale 0.86 up, and a no-op update costs as much
      if (id.charAt(0) === "g") {
        var gs = groupSize(+id.slice(1), s), gf = fontOf(id, s), gk = gs + "|" + gf.size + "|" + gf.color;
        if (applied[id] !== gk) { applied[id] = gk; upd.push({ id: id, font: gf, size: gs }); }
      } else if (pinnedNow(id)) {
        var f = fontOf(id, s), k = f.size + "|" + f.color;
        if (applied[id] !== k) { applied[id] = k; upd.push({ id: +id, font: f }); }
      }
    }
    labelsInView(upd);
    if (upd.length) nodes.update(upd);
  }
  /** Give the nodes made without a label theirs (into ``upd``) once a 14 px label can be drawn: those in
      or near the view, the rest as they come into it (after each frame), so zooming in past LABEL_S
      with a big province open measures only the labels one can see. */
  function labelsInView(upd) {
    if (!bareN || network.getScale() < LABEL_S) return;
    var m = 200, bn = network.body.nodes;
    var tl = network.DOMtoCanvas({ x: -m, y: -m }), br = network.DOMtoCanvas({ x: container.clientWidth + m, y: container.clientHeight + m });
    for (var id in bare) {
      var n = bn[id];
      if (n && (n.x < tl.x || n.x > br.x || n.y < tl.y || n.y > br.y)) continue;
      upd.push({ id: +id, label: short(N.zh[+id]) });
      delete bare[id];
      bareN--;
    }
  }
  // not held: the update draws at once, in the same animation frame as the zoom's own redraw
  network.on("zoom", function () { if (!rescaleQueued) { rescaleQueued = true; requestAnimationFrame(rescaleGroupsNow); } });

  // ------------------------------------------------------------------ labels: no overlaps
  // After each drawn frame the labels vis-network drew (in view, above the draw threshold, not dimmed)
  // are placed greedily by importance — the selected node, closed provinces (always kept), pinned
  // labels, then tier and size — and a label that would overlap one already placed is not drawn in
  // the next frame (its node stays; zooming in brings the label back when there is room). A plugin
  // may also keep labels in a region: api.labelFits(node x, y, box x0, y0, x1, y1) (the geo
  // cartogram: a label inside its node's tile); a label that does not fit is not drawn either.
  var TIER_ORDER = { national: 0, provincial: 1, municipal: 2, county: 3, agency: 4 };
  function labelRank(id) {
    if (String(id).charAt(0) === "g") return -1e12 - G[+String(id).slice(1)][5];
    var t = T.tier[N.tier[id]], r = t in TIER_ORDER ? TIER_ORDER[t] : 5;
    return (PINNED[id] ? 0 : 1e9) + r * 1e7 - Math.min(N.size[id], 1e6);
  }
  var culled = Object.create(null), lastLabels = [], cullQueued = false;
  // a culled label is measured where vis-network would draw it (so its box stays comparable), not painted
  function NOOP(ctx, x, y, selected, hover, baseline) {
    this.calculateLabelSize(ctx, selected, hover, x, y, baseline === undefined ? "middle" : baseline);
  }
  function placeLabels() {
    var s = network.getScale(), thr = DATA.options.nodes.scaling.label.drawThreshold;
    var w = container.clientWidth, h = container.clientHeight, pad = -1 / s;  // 2 px apart
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: w, y: h });
    var cand = [], id, bn = network.body.nodes, fits = api.labelFits;
    for (id in drawnNodes) {
      var n = bn[id];
      if (!n || !n.options.label || lit[id]) continue;
      var lm = n.labelModule, sz = lm.size;
      if (lm.fontOptions.size * s < thr - 1 || !sz || !sz.width) continue;
      if (sz.left > br.x || sz.left + sz.width < tl.x || sz.top > br.y || sz.top + sz.height < tl.y) continue;
      var key = drawnNodes[id].id;
      cand.push([key === selIndex ? -2e12 : labelRank(key), key, sz.left, sz.top, sz.width, sz.height, lm]);
    }
    cand.sort(function (a, b) { return a[0] - b[0] || (String(a[1]) < String(b[1]) ? -1 : 1); });
    // a grid of cells 64 screen px wide: each placed box is listed in the cells it covers
    var cell = 64 / s, grid = Object.create(null), placed = [], next = Object.create(null), changed = false;
    cand.forEach(function (c) {
      var x0 = c[2] + pad, y0 = c[3] + pad, x1 = c[2] + c[4] - pad, y1 = c[3] + c[5] - pad;
      var cx0 = Math.floor(x0 / cell), cx1 = Math.floor(x1 / cell), cy0 = Math.floor(y0 / cell), cy1 = Math.floor(y1 / cell);
      var free = c[0] < -1e11 && String(c[1]).charAt(0) === "g";  // provinces are always labelled
      if (!free && fits && !fits(bn[c[1]].x, bn[c[1]].y, c[2], c[3], c[2] + c[4], c[3] + c[5])) { next[c[1]] = c[6]; return; }
      if (!free) {
        free = true;
        for (var gx = cx0; gx <= cx1 && free; gx++) for (var gy = cy0; gy <= cy1 && free; gy++) {
          var list = grid[gx + ":" + gy];
          if (list) for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (x0 < o[2] && o[0] < x1 && y0 < o[3] && o[1] < y1) { free = false; break; }
          }
        }
      }
      if (free) {
        var box = [x0, y0, x1, y1];
        for (gx = cx0; gx <= cx1; gx++) for (gy = cy0; gy <= cy1; gy++) (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(box);
        placed.push(c);
      } else next[c[1]] = c[6];
    });
    for (id in culled) if (!(id in next)) { if (culled[id].draw === NOOP) delete culled[id].draw; changed = true; }
    for (id in next) if (next[id].draw !== NOOP) { next[id].draw = NOOP; changed = true; }
    culled = next;
    lastLabels = placed;
    api.labelStats = { candidates: cand.length, drawn: placed.length, culled: cand.length - placed.length,
                       settled: !changed };
    return changed;
  }
  network.on("afterDrawing", function () {
    // nodes come into view (a pan, or a zoom by a script, without a "zoom" event): their labels come in the next frame
    if (bareN && network.getScale() >= LABEL_S) {
      var upd = [];
      labelsInView(upd);
      if (upd.length) held(function () { nodes.update(upd); });
    }
    if (placeLabels() && !cullQueued) {
      cullQueued = true;
      requestAnimationFrame(function () { cullQueued = false; network.redraw(); });
    }
  });

  function markReady() {
    network.once("afterDrawing", function () {
      api.firstDrawMs = performance.now();
      mark("drawn");
      setTimeout(indexIdle, 0);
      api.ready = true;
      document.body.setAttribute("data-swg-ready", "1");
    });
  }
  // the embedded subset font (data: URL) loads asynchronously: the page counts as
  // ready only after a draw that follows the load, with labels measured again in it
  api.font = DATA.font || null;
  api.fontLoaded = false;
  /** The part of the canvas a view is fitted into (CSS px from the canvas's top left): below the
      breadcrumb, above the time slider (both drawn over the canvas). */
  function viewArea() {
    var w = container.clientWidth, h = container.clientHeight, top = 0, bottom = h;
    var at = container.getBoundingClientRect().top, crumb = crumbBox, time = document.getElementById("swg-time");
    if (!crumb.hidden && crumb.firstChild) top = Math.max(0, crumb.getBoundingClientRect().bottom - at + 4);
    if (!time.hidden) bottom = Math.min(h, time.getBoundingClientRect().top - at - 4);
    if (bottom - top < h / 2) { top = 0; bottom = h; }  // (a window too small for both: the whole canvas)
    return { w: w, h: h, top: top, bottom: bottom };
  }
  /** Move the view so that what it shows on the whole canvas is shown in viewArea() instead. */
  function intoArea(a) {
    var ah = a.bottom - a.top, k = Math.min(1, ah / a.h);
    if (k === 1 && a.top === 0) return;
    network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * k,
                     offset: { x: 0, y: (a.top + a.bottom - a.h) / 2 }, animation: false });
  }
  // the overview's start view, as swgraph/maps/aggregate.py places the provinces for it (start_scale):
  // the provinces' centres fitted into the area with a 10% margin, then zoomed out to 0.9
  var FIT_MARGIN = 1.1, START_ZOOM = 0.9;
  function fitStart() {
    var a = viewArea();
    if (OVERVIEW) {
      var bn = network.body.nodes, x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (var id in drawnNodes) {
        var n = bn[id];
        if (!n) continue;
        x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
      }
      if (x0 <= x1) {
        var s = START_ZOOM * Math.min(a.w / (FIT_MARGIN * Math.max(x1 - x0, 1e-9)),
                                      (a.bottom - a.top) / (FIT_MARGIN * Math.max(y1 - y0, 1e-9)));
        network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: Math.min(s, 1),
                         offset: { x: 0, y: (a.top + a.bottom - a.h) / 2 }, animation: false });
        sizeHexagons(a);
      }
    }
    else if (DATA.fit && DATA.fit.length) {
      network.fit({ nodes: DATA.fit, animation: false });
      // a margin, so that nodes just outside the main component are not cut at the edge
      network.moveTo({ scale: network.getScale() * 0.85, animation: false });
      intoArea(a);
    }
    else { network.fit({ animation: false }); intoArea(a); }
    rescaleGroups();
  }
  // a label's width in ems, generous (as aggregate.py's label_width_px): CJK 1 em, digits 0.6, others 0.4
  function groupLabelEms(text) {
    var w = 0;
    Array.from(text).forEach(function (ch) { w += ch.charCodeAt(0) >= 0x2e80 ? 1 : /[0-9]/.test(ch) ? 0.6 : 0.4; });
    return w;
  }
  // a closed province's label as vis-network draws it under its hexagon (px): from the hexagon's
  // bottom edge to the label's top (vis: 7.5), and the label's height (one line: the font size)
  var HEX_LABEL_GAP = 8, HEX_PAD = 2, GROUP_LABEL_PX = [15, 14, 13, 12];
  /** Hexagon sizes and the province label size for the start view (area ``a``): labels 15 px, or
      down to 12 px where a small area has 15 px labels over each other; hexagons with area
      proportional to members, the biggest as big as it can be (at most HEX_MAX px) with no
      province's hexagon or label over another's, every label in the canvas and every hexagon in
      the area; none smaller than HEX_MIN px. */
  function sizeHexagons(a) {
    var s = Math.max(network.getScale(), 1e-9), items = [], mmax = 1, id, px = GROUP_LABEL_PX[0];
    for (id in drawnNodes) {
      if (id.charAt(0) !== "g") continue;
      var k = +id.slice(1), n = network.body.nodes[id];
      if (!n) continue;
      var p = network.canvasToDOM({ x: n.x, y: n.y });
      items.push({ k: k, x: p.x, y: p.y, ems: groupLabelEms(groupNode(k, drawnNodes[id].count).label), m: Math.max(G[k][5], 1) });
      mmax = Math.max(mmax, G[k][5]);
    }
    function radius(it, R) { return Math.max(HEX_MIN, R * Math.sqrt(it.m / mmax)); }
    function boxes(R) {
      return items.map(function (it) {
        var r = radius(it, R), ly = it.y + r + HEX_LABEL_GAP, hw = it.ems * px / 2 + HEX_PAD;
        return { hex: [it.x - r - HEX_PAD, it.y - r - HEX_PAD, it.x + r + HEX_PAD, it.y + r + HEX_PAD],
                 lab: [it.x - hw, ly - HEX_PAD, it.x + hw, ly + px + HEX_PAD] };
      });
    }
    function meet(p, q) { return p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]; }
    /** What is wrong with the picture at R: "i j" pairs that meet and "i" boxes out of place. */
    function faults(R) {
      var b = boxes(R), out = [];
      for (var i = 0; i < b.length; i++) {
        var bi = b[i];
        if (bi.lab[0] < 0 || bi.lab[2] > a.w || bi.lab[3] > a.bottom || bi.hex[1] < a.top) out.push(String(i));
        for (var j = i + 1; j < b.length; j++) {
          var bj = b[j];
          if (meet(bi.lab, bj.lab) || meet(bi.lab, bj.hex) || meet(bi.hex, bj.lab) || meet(bi.hex, bj.hex)) out.push(i + " " + j);
        }
      }
      return out;
    }
    // the biggest label size with the fewest faults at the smallest hexagons; faults left then are
    // not the sizes' doing (an area too small for the picture)
    var best = null;
    GROUP_LABEL_PX.forEach(function (q) {
      px = q;
      var f = faults(HEX_MIN);
      if (best === null || f.length < best.f.length) best = { px: q, f: f };
    });
    px = groupLabelPx = best.px;
    var base = Object.create(null);
    best.f.forEach(function (f) { base[f] = true; });
    var R = HEX_MIN;
    for (var t = HEX_MAX; t > HEX_MIN; t -= 0.5) {
      if (faults(t).every(function (f) { return base[f]; })) { R = t; break; }
    }
    items.forEach(function (it) { HEX_C[it.k] = radius(it, R) / s; });
    api.startView = { hexagonPx: R, labelPx: px, faults: best.f.length };
  }
  // a label's width in ems, estimated (wide CJK characters 1 em, others 0.6): for frame(), without measuring text
  var WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
  var EMS = new Float32Array(NN).fill(-1);
  function labelEms(i) {
    if (EMS[i] < 0) {
      var w = 0;
      Array.from(short(N.zh[i])).forEach(function (ch) { w += WIDE.test(ch) ? 1 : 0.6; });
      EMS[i] = w;
    }
    return EMS[i];
  }
  /** Frame the nodes ``ids`` (drawn or not) as ``network.fit`` does once their labels are drawn: shapes and
      labels (below each shape) with a 5% margin, never zoomed in past 1. Computed from the positions, with
      label widths estimated: vis's fit measures every drawn label first, and a pinned label's size
      follows the zoom, so it had to fit twice, each time costing as much as a drawn frame. */
  function frame(ids) {
    var f = framing(ids);
    if (f) network.moveTo({ position: f.position, scale: f.scale, offset: f.offset, animation: false });
  }
  /** The view frame() sets, in viewArea(): {position, scale, offset}, or null for no nodes. */
  function framing(ids) {
    if (!ids.length) return null;
    var a = viewArea(), bn = network.body.nodes, w = a.w, h = a.bottom - a.top, s = 1;
    var xs = ids.map(function (i) { return bn[i] ? bn[i].x : N.x[i]; }), ys = ids.map(function (i) { return bn[i] ? bn[i].y : N.y[i]; });
    for (var pass = 0; pass < 4; pass++) {  // a pinned label's size in the map follows the zoom being chosen
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (var n = 0; n < ids.length; n++) {
        var i = ids[n], r = N.size[i], fs = PINNED[i] ? Math.max(14, 12 / s) : 14, hw = Math.max(r, labelEms(i) * fs / 2);
        if (xs[n] - hw < x0) x0 = xs[n] - hw;
        if (xs[n] + hw > x1) x1 = xs[n] + hw;
        if (ys[n] - r < y0) y0 = ys[n] - r;
        if (ys[n] + r + fs > y1) y1 = ys[n] + r + fs;
      }
      s = Math.min(w / (1.1 * Math.max(x1 - x0, 1e-9)), h / (1.1 * Math.max(y1 - y0, 1e-9)), 1);
    }
    return { position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: s, offset: { x: 0, y: (a.top + a.bottom - a.h) / 2 } };
  }
  // ------------------------------------------------------------------ provinces: open, close, breadcrumb
  var crumbBox = document.getElementById("swg-crumbs");
  function crumbs() {
    if (!OVERVIEW) return;
    crumbBox.hidden = false;
    clear(crumbBox);
    var home = el("button", null, "\u5168\u56fd Overview");
    home.type = "button";
    home.title = "close every province 收起全部";
    home.addEventListener("click", function () { closeAll(); });
    crumbBox.appendChild(home);
    var opened = Object.keys(openG).filter(function (k) { return openG[k]; }).sort(function (a, b) { return a - b; });
    if (!opened.length) crumbBox.appendChild(el("span", "swg-here", "\u203a click a province to open it \u70b9\u51fb\u7701\u4efd\u5c55\u5f00"));
    opened.forEach(function (k) {
      crumbBox.appendChild(el("span", null, "\u203a "));
      var b = el("button", "swg-here", G[k][1] + " \u00d7");
      b.type = "button";
      b.title = "close 收起 " + G[k][1];
      b.addEventListener("click", function () { closeGroup(+k); });
      crumbBox.appendChild(b);
    });
  }
  function openGroup(k, opts) { return held(function () { return openGroupNow(k, opts); }); }
  function openGroupNow(k, opts) {
    opts = opts || {};
    if (!OVERVIEW || k < 0 || k >= G.length) return false;
    // the view is set first and what is drawn rescaled for it while little is drawn (each DataSet change
    // costs vis a pass over everything drawn); the members are then made with fonts for that view
    if (opts.fit !== false) { frame(groupMembers[k].filter(nodeShown)); rescaleGroups(); }
    if (!openG[k]) { openG[k] = true; rebuild(); }
    return true;
  }
  function closeGroup(k) { return held(function () { return closeGroupNow(k); }); }
  function closeGroupNow(k) {
    if (!openG[k]) return false;
    openG[k] = false;
    if (api.selected !== null && N.grp[byKey[api.selected]] === k) unselect();
    rebuild();
    return true;
  }
  function closeAll() { return held(function () { return closeAllNow(); }); }
  function closeAllNow() {
    openG = Object.create(null);
    unselect();
    rebuild();
    fitStart();
  }

  // ------------------------------------------------------------------ info boxes (text only)
  function table(rows) {
    var t = el("table", "swg-i-table");
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", null, r[0]));
      tr.appendChild(el("td", null, r[1]));
      t.appendChild(tr);
    });
    return t;
  }
  var PEOPLE_AT = Object.create(null);
  for (var p = 0; p < P.key.length; p++) {
    P.o[p].forEach(function (o) { (PEOPLE_AT[o[0]] = PEOPLE_AT[o[0]] || []).push([p, o[1]]); });
  }
  function nodeInfo(i) {
    var d = nd(i), box = el("div");
    box.appendChild(el("div", "swg-i-zh", d.zh));
    if (d.en) box.appendChild(el("div", "swg-i-en", d.en));
    var meta = [d.kl, d.tier, d.prov].filter(Boolean).join(" · ");
    if (meta) box.appendChild(el("div", "swg-i-meta", meta));
    if (d.syn) box.appendChild(el("div", "swg-i-syn", "synthetic 合成数据"));
    var rows = [];
    if (d.py) rows.push(["pinyin", d.py]);
    if (d.al.length) rows.push(["aliases 别名", d.al.join("; ")]);
    if (d.date) rows.push(["date 日期", d.date]);
    rows = rows.concat(d.rows);
    (PEOPLE_AT[i] || []).slice(0, 8).forEach(function (pr) { rows.push([pr[1] || "post 职务", P.zh[pr[0]]]); });
    rows.push(["id", d.key]);
    box.appendChild(table(rows));
    appendSources(box, d.src, d.srcMore);
    return box;
  }
  function groupInfo(k) {
    var g = G[k], box = el("div");
    box.appendChild(el("div", "swg-i-zh", g[1]));
    var shown = drawnNodes["g" + k] ? drawnNodes["g" + k].count : 0;
    var grows = [["members 成员", fmtInt(g[5])], ["shown 显示", fmtInt(shown)]];
    if (since) {
      var nn = 0;
      groupMembers[k].forEach(function (i) { if (newN[i] && nodeShown(i)) nn++; });
      grows.push(["new since 新增自 " + since, fmtInt(nn)]);
    }
    box.appendChild(table(grows));
    box.appendChild(el("div", "swg-i-meta", "click to open 点击展开"));
    return box;
  }
  function appendSources(box, src, more) {
    if (!src || !src.length) return;
    box.appendChild(el("div", "swg-i-meta", "sources 来源"));
    var ul = el("ul", "swg-i-src");
    src.forEach(function (s) { ul.appendChild(el("li", null, s)); });
    if (more) ul.appendChild(el("li", null, "… " + more + " more"));
    box.appendChild(ul);
  }
  function endName(x) { return typeof x === "number" ? N.zh[x] : G[+String(x).slice(1)][1]; }
  function edgeInfo(id) {
    var box = el("div"), de = drawnEdges[id];
    if (de && de.agg) {
      var a = de.agg;
      box.appendChild(el("div", "swg-i-zh", endName(a.from) + " — " + endName(a.to)));
      var rows = [["ties 联系", fmtInt(a.n)], ["weight 强度", String(Math.round(a.w * 100) / 100)]];
      if (since) rows.push(["new since 新增自 " + since, fmtInt(a.nw)]);
      Object.keys(a.tc).sort().forEach(function (t) { rows.push([t, String(a.tc[t])]); });
      box.appendChild(table(rows));
      return box;
    }
    var j = +id;
    box.appendChild(el("div", "swg-i-zh", N.zh[E.a[j]] + (E.arr[j] ? " → " : " — ") + N.zh[E.b[j]]));
    if (E.syn[j]) box.appendChild(el("div", "swg-i-syn", "synthetic 合成数据"));
    var recs = activeRecords(j);
    var rows2 = [["type 类型", edgeTypes(j).join(", ")], ["weight 强度", E.w[j]],
                 ["records 记录", String(recs === null ? E.n[j] : recs.length)]];
    if (E.date[j] && recs === null) rows2.push(["first date", E.date[j]]);
    (E.tc[j] || []).forEach(function (tc) { rows2.push([tc[0], String(tc[1])]); });
    box.appendChild(table(rows2));
    if (recs && recs.length) {
      var rl = el("ul", "swg-i-src"), src = [];
      recs.forEach(function (k, n) {
        var r = R[k];
        if (n < 8) rl.appendChild(el("li", null, r[2] ? r[1] + " · " + r[2] : r[1]));
        r[3].forEach(function (s) { if (src.indexOf(T.src[s]) < 0) src.push(T.src[s]); });
      });
      if (recs.length > 8) rl.appendChild(el("li", null, "… " + (recs.length - 8) + " more"));
      box.appendChild(el("div", "swg-i-meta", "records 记录"));
      box.appendChild(rl);
      appendSources(box, src.slice(0, 8), Math.max(0, src.length - 8));
    }
    return box;
  }

  // ------------------------------------------------------------------ tooltip
  var tip = document.getElementById("swg-tip");
  function showTip(content, pointer) {
    clear(tip);
    tip.appendChild(content);
    tip.hidden = false;
    var w = container.clientWidth, h = container.clientHeight;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tip.offsetWidth > w) x = Math.max(0, pointer.x - tip.offsetWidth - 14);
    if (y + tip.offsetHeight > h) y = Math.max(0, h - tip.offsetHeight - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; clear(tip); }
  network.on("hoverNode", function (p) {
    showTip(typeof p.node === "number" ? nodeInfo(p.node) : groupInfo(+String(p.node).slice(1)), p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) { showTip(edgeInfo(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ highlight: neighbours or an ego network
  var keep = null, keepEdges = null;  // drawn ids kept bright, or null (nothing dimmed)
  var dimmed = false;
  function restyle() { return held(function () { return restyleNow(); }); }
  function restyleNow() {
    if (!keep && !dimmed) return;
    dimmed = !!keep;
    // only what changes: a DataSet update per node is what a highlight costs
    var upd = [], eupd = [], id, s = Math.max(network.getScale(), 1e-4);
    for (id in drawnNodes) {
      var on = !keep || !!keep[id];
      if (on === !lit[id]) continue;
      if (on) delete lit[id]; else lit[id] = true;
      delete applied[id];  // its font is set here: the next rescale sets it again
      if (id.charAt(0) === "g") {
        var c = G[+id.slice(1)][6];
        upd.push({ id: id, color: on ? { background: c, border: "#333333" } : DIM, font: fontOf(id, s) });
      } else {
        upd.push({ id: +id, color: on ? nodeColour(+id) : DIM, font: fontOf(+id, s) });
      }
    }
    for (id in drawnEdges) {
      var eon = !keepEdges || !!keepEdges(drawnEdges[id]);
      if (eon === !edim[id]) continue;
      if (eon) delete edim[id]; else edim[id] = true;
      var base = drawnEdges[id].agg ? { color: "#777777", opacity: 0.6 } : edgeColour(+id);
      eupd.push({ id: drawnEdges[id].id, color: eon ? base : { color: DIM, opacity: 0.3 } });
    }
    if (upd.length) nodes.update(upd);
    if (eupd.length) edges.update(eupd);
  }
  function endsOf(de) { return de.agg ? [de.agg.from, de.agg.to] : [E.a[de.id], E.b[de.id]]; }
  /** Nodes within ``depth`` steps of i (over shown nodes and standing ties): {index: steps}. */
  function egoOf(i, depth) {
    var seen = Object.create(null), frontier = [i];
    seen[i] = 0;
    var fe = filtering().edges;
    for (var s = 1; s <= depth; s++) {
      var next = [];
      frontier.forEach(function (u) {
        neighbours()[u].forEach(function (v, n) {
          if (v in seen || !nodeShown(v) || (fe && !edgeShown(adjE[u][n]))) return;
          seen[v] = s;
          next.push(v);
        });
      });
      frontier = next;
    }
    return seen;
  }
  var egoDepth = 1, egoSet = null;
  function highlight(i, depth) { setHighlight(i, depth); restyle(); }
  /** The state highlight(i, depth) draws: what rebuild makes next is made in it, restyle redraws the rest. */
  function setHighlight(i, depth) {
    egoDepth = depth || 1;
    egoSet = egoOf(i, egoDepth);
    keep = Object.create(null);
    Object.keys(egoSet).forEach(function (m) { keep[rep(+m)] = true; });
    keepEdges = function (de) {
      var ends = endsOf(de);
      if (egoDepth === 1) return ends[0] === i || ends[1] === i;
      return !!(keep[ends[0]] && keep[ends[1]]);
    };
    api.highlighted = Object.keys(egoSet).map(function (k) { return N.key[+k]; }).sort();
  }
  function restore() { keep = null; keepEdges = null; egoSet = null; restyle(); }

  var selBox = document.getElementById("swg-selected");
  var selBody = document.getElementById("swg-selected-body");
  var selIndex = null;
  function select(i, opts) { return held(function () { return selectNow(i, opts); }); }
  function selectNow(i, opts) {
    opts = opts || {};
    if (i === null || i === undefined || i < 0 || i >= NN) { unselect(); return null; }
    // its closed province is opened by the rebuild below, after the highlight is set: the members are
    // made bright or dimmed, not made and then all dimmed again
    var remake = false;
    if (OVERVIEW && N.grp[i] >= 0 && !openG[N.grp[i]]) { openG[N.grp[i]] = true; remake = true; }
    if (!nodeShown(i)) {
      // hidden by a filter or the slider: show the whole network again so the node can be seen
      off = { kind: Object.create(null), tier: Object.create(null), prov: Object.create(null), etype: Object.create(null) };
      only = null;
      document.querySelectorAll("#swg-filters input[type=checkbox]").forEach(function (cb) { cb.checked = true; });
      if (after(N.date[i])) setDate(null);
      remake = true;
    }
    var before = selIndex;
    selIndex = i;
    setHighlight(i, opts.depth || 1);
    if (remake) rebuild(); else restyle();
    refont([before, i]);
    network.selectNodes([i]);
    api.selected = N.key[i];
    clear(selBody);
    selBody.appendChild(nodeInfo(i));
    var nb = neighbours()[i].slice().sort(function (a, b) { return N.zh[a] < N.zh[b] ? -1 : 1; });
    if (nb.length) {
      selBody.appendChild(el("div", "swg-i-meta", "neighbours 相邻 (" + nb.length + ")"));
      var ul = el("ul", "swg-i-src");
      nb.slice(0, 50).forEach(function (m) {
        var li = el("li", "swg-nb", N.zh[m]);
        li.addEventListener("click", function () { select(m, { focus: true }); });
        ul.appendChild(li);
      });
      selBody.appendChild(ul);
    }
    selBox.hidden = false;
    if (opts.focus) {
      // frame the node and its neighbours, never zooming in past 1.5x
      // in the overview: the node's province block, not neighbours across the country
      var around = [i].concat(neighbours()[i].filter(function (m) { return m in drawnNodes && (!OVERVIEW || N.grp[m] === N.grp[i]); }));
      network.moveTo({ position: network.getPositions([i])[i], scale: Math.min(framing(around).scale, 1.5), animation: false });
      rescaleGroups();
    }
    return N.key[i];
  }
  function unselect() { return held(function () { return unselectNow(); }); }
  function unselectNow() {
    network.unselectAll();
    var before = selIndex;
    selIndex = null;
    restore();
    refont([before]);
    api.selected = null;
    api.highlighted = [];
    selBox.hidden = true;
    clear(selBody);
  }
  network.on("click", function (p) {
    if (p.nodes.length) {
      var id = p.nodes[0];
      if (typeof id === "number") select(id);
      else openGroup(+String(id).slice(1));
    } else if (!p.edges.length) unselect();
  });
  document.getElementById("swg-clear").addEventListener("click", unselect);
  // ego steps and "show only these"
  var onlyBtn = document.getElementById("swg-only"), allBtn = document.getElementById("swg-all");
  function egoSteps(depth) { if (selIndex !== null) highlight(selIndex, depth); return api.highlighted; }
  function showOnly() {
    if (!egoSet) return false;
    only = Object.create(null);
    Object.keys(egoSet).forEach(function (k) { only[k] = true; });
    var i = selIndex;
    rebuild();
    if (i !== null) highlight(i, egoDepth);
    onlyBtn.hidden = true; allBtn.hidden = false;
    return true;
  }
  function showAll() {
    only = null;
    rebuild();
    if (selIndex !== null) highlight(selIndex, egoDepth);
    onlyBtn.hidden = false; allBtn.hidden = true;
  }
  document.querySelectorAll("#swg-ego button[data-depth]").forEach(function (b) {
    b.addEventListener("click", function () { egoSteps(+b.getAttribute("data-depth")); });
  });
  onlyBtn.addEventListener("click", showOnly);
  allBtn.addEventListener("click", showAll);

  // ------------------------------------------------------------------ search (the keys of swgraph.core.names)
  var DROP = /[\s\-_·•.,，。、'"“”‘’()（）《》]+/g;
  function normalise(s) {
    s = String(s === undefined || s === null ? "" : s).normalize("NFKC").toLowerCase().replace(/[üǖǘǚǜ]/g, "v");
    s = s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
    return s.replace(DROP, "");
  }
  function keysOf(key, zh, en, py, al, extra) {
    var ks = [key, zh, en].concat(al || []).map(normalise);
    if (py) { ks.push(normalise(py)); ks.push(py.split(/\s+/).filter(Boolean).map(function (w) { return w.charAt(0); }).join("")); }
    return ks.concat(extra || []).filter(function (k, n, all) { return k && all.indexOf(k) === n; });
  }
  // the normalised keys of every organisation and person, built once: in slices while the page is
  // idle after the first draw, or at once by the first search that comes before that has finished
  var INDEX = [], INDEX_N = NN + P.key.length;
  function indexTo(end) {
    for (var r = INDEX.length; r < end; r++) {
      if (r < NN) INDEX.push(keysOf(N.key[r], N.zh[r], N.en[r], N.py[r], N.al[r], N.sk[r]));
      else { var p = r - NN; INDEX.push(keysOf(P.key[p], P.zh[p], P.en[p], P.py[p], P.al[p], P.sk[p])); }
    }
  }
  function index() { indexTo(INDEX_N); return INDEX; }
  function indexIdle() {
    if (!adj) { neighbours(); setTimeout(indexIdle, 0); return; }
    if (INDEX.length >= INDEX_N) { api.indexed = true; return; }
    indexTo(Math.min(INDEX_N, INDEX.length + 4000));
    setTimeout(indexIdle, 0);
  }
  var TIER_RANK = { national: 0, provincial: 1, municipal: 2, county: 3, agency: 4 };
  function importance(r) {
    if (r >= NN) return 1.5;  // people rank beside provincial bodies
    var t = T.tier[N.tier[r]];
    return t in TIER_RANK ? TIER_RANK[t] : 5;
  }
  function nameOf(r) { return r < NN ? N.zh[r] : P.zh[r - NN]; }
  /** Results (node index, or NN + person index): exact key first, then prefix, then substring. */
  function find(query) {
    var q = normalise(query), hits = [], ix = index();
    if (!q) return hits;
    for (var r = 0; r < ix.length; r++) {
      var best = 9, ks = ix[r];
      for (var k = 0; k < ks.length; k++) {
        var at = ks[k].indexOf(q);
        if (at < 0) continue;
        var s = ks[k].length === q.length ? 0 : at === 0 ? 1 : 2;
        if (s < best) best = s;
      }
      if (best < 9) hits.push([best, r]);
    }
    hits.sort(function (a, b) {
      if (a[0] !== b[0]) return a[0] - b[0];
      var ia = importance(a[1]), ib = importance(b[1]);
      if (ia !== ib) return ia - ib;
      var za = nameOf(a[1]), zb = nameOf(b[1]);
      if (za.length !== zb.length) return za.length - zb.length;
      return za < zb ? -1 : za > zb ? 1 : a[1] - b[1];
    });
    return hits.map(function (h) { return h[1]; });
  }
  function resultKey(r) { return r < NN ? N.key[r] : P.key[r - NN]; }
  function choose(r) {
    if (r < NN) return select(r, { focus: true });
    var posts = P.o[r - NN];
    return posts.length ? select(posts[0][0], { focus: true }) : null;
  }
  var resultsList = document.getElementById("swg-results");
  function showResults(rs) {
    clear(resultsList);
    rs.slice(0, 30).forEach(function (r, k) {
      var text;
      if (r < NN) text = N.zh[r] + (N.en[r] ? " · " + N.en[r] : "") + (OVERVIEW && N.grp[r] >= 0 ? " · " + G[N.grp[r]][1] : "");
      else {
        var p = r - NN, at = P.o[p].map(function (o) { return (o[1] ? o[1] + " @ " : "") + N.zh[o[0]]; });
        text = P.zh[p] + (P.en[p] ? " · " + P.en[p] : "") + " (person 人员: " + at.join("; ") + ")";
      }
      var li = el("li", k === 0 ? "swg-active" : null, text);
      li.addEventListener("click", function () { choose(r); });
      resultsList.appendChild(li);
    });
    if (rs.length > 30) resultsList.appendChild(el("li", null, "… " + (rs.length - 30) + " more"));
  }
  /** Find organisations and people by Chinese/English name, alias, former name, pinyin (with or
      without tones and spaces), initials or id; choose the best one: its province opens, it is
      selected and centred. Returns the chosen node's id (as text) or null. */
  function search(query) {
    var t0 = performance.now();
    var rs = find(query);
    api.results = rs.map(resultKey);
    showResults(rs);
    var out = rs.length ? choose(rs[0]) : (unselect(), null);
    api.lastSearchMs = performance.now() - t0;
    return out;
  }
  var input = document.getElementById("swg-search"), timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 150);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); search(input.value); }
  });

  // ------------------------------------------------------------------ time slider
  // the first and last date (one pass; no list of every date sorted)
  var DAY = 86400000, dateList = [], lo = null, hi = null, FULL = /^\d{4}-\d{2}-\d{2}$/;
  function see(d) {
    if (!d) return;
    var e = earliest(d);
    if (!FULL.test(e)) return;
    if (lo === null || e < lo) lo = e;
    if (hi === null || e > hi) hi = e;
  }
  var q;
  for (q = 0; q < NN; q++) see(N.date[q]);
  for (q = 0; q < NE; q++) see(E.date[q]);
  for (q = 0; q < R.length; q++) see(R[q][2]);
  if (lo !== null) dateList = [lo, hi];
  var slider = document.getElementById("swg-slider"), when = document.getElementById("swg-when");
  var first = dateList.length ? Date.parse(dateList[0] + "T00:00:00Z") : null;
  var last = dateList.length ? Date.parse(dateList[dateList.length - 1] + "T00:00:00Z") : null;
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function setDate(d) { return held(function () { return setDateNow(d); }); }
  function setDateNow(d) {
    cutoff = d ? earliest(String(d)) : null;
    if (first !== null) {
      slider.value = String(cutoff ? Math.max(0, Math.round((Date.parse(cutoff + "T00:00:00Z") - first) / DAY)) : slider.max);
      when.textContent = cutoff ? "as of 截至 " + cutoff : "all dates 全部 (" + iso(first) + " – " + iso(last) + ")";
    }
    var i = selIndex;
    rebuild();
    if (i !== null && i in drawnNodes) highlight(i, egoDepth);
    return cutoff;
  }
  var playing = null, playBtn = document.getElementById("swg-play");
  function stop() { if (playing) { clearInterval(playing); playing = null; playBtn.textContent = "\u25b6"; } }
  function play() {
    if (playing) { stop(); return; }
    var max = +slider.max, step = Math.max(1, Math.round(max / 60)), v = +slider.value >= max ? 0 : +slider.value;
    playBtn.textContent = "\u275a\u275a";
    playing = setInterval(function () {
      v = Math.min(max, v + step);
      setDate(v >= max ? null : iso(first + v * DAY));
      if (v >= max) stop();
    }, 150);
  }
  if (first !== null && last > first) {
    document.getElementById("swg-time").hidden = false;
    slider.max = String(Math.round((last - first) / DAY));
    slider.value = slider.max;
    when.textContent = "all dates 全部 (" + iso(first) + " – " + iso(last) + ")";
    slider.addEventListener("input", function () {
      stop();
      var v = +slider.value;
      setDate(v >= +slider.max ? null : iso(first + v * DAY));
    });
    playBtn.addEventListener("click", play);
  }

  // ------------------------------------------------------------------ new since DATE
  var DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function realDate(v) {
    if (!DATE_RE.test(v)) return false;
    var e = earliest(v), t = Date.parse(e + "T00:00:00Z");
    return !isNaN(t) && new Date(t).toISOString().slice(0, 10) === e;
  }
  function dateKey(d) { return d && DATE_RE.test(d) ? earliest(d) : null; }
  /** The earliest dated record of edge j (or its own first date), as YYYY-MM-DD, or null. */
  function edgeFirst(j) {
    var rs = E.rec[j], best = null;
    if (rs && rs.length) {
      rs.forEach(function (k) { var d = dateKey(R[k][2]); if (d && (best === null || d < best)) best = d; });
      if (best !== null) return best;
    }
    return dateKey(E.date[j]);
  }
  var sinceInput = document.getElementById("swg-since"), newCount = document.getElementById("swg-newcount");
  var newInfo = { date: null, nodes: [], edges: 0, total: 0 };
  function countNew() {
    var keys = [], ne = 0, i, j, fl = filtering();
    var shown = new Uint8Array(NN);
    for (i = 0; i < NN; i++) {
      if (fl.nodes && !nodeShown(i)) continue;
      shown[i] = 1;
      if (newN[i]) keys.push(N.key[i]);
    }
    for (j = 0; j < NE; j++) if (newE[j] && shown[E.a[j]] && shown[E.b[j]] && (!fl.edges || edgeShown(j))) ne++;
    newInfo = { date: since, nodes: keys.sort(), edges: ne, total: keys.length + ne };
    newCount.textContent = since ? fmtInt(newInfo.total) + " new since " + since + " / 自" + since + "以来新增 " +
      fmtInt(newInfo.total) : "";
    newCount.title = since ? fmtInt(keys.length) + " organisations 机构, " + fmtInt(ne) + " ties 联系" : "";
    api.newSince = newInfo;
  }
  /** Highlight what is new after ``d`` (YYYY[-MM[-DD]]; null or "" for none). Returns the date used, or false if bad. */
  function setNewSince(d) { return held(function () { return setNewSinceNow(d); }); }
  function setNewSinceNow(d) {
    var v = d ? String(d) : "";
    if (v && !realDate(v)) return false;
    since = v ? earliest(v) : null;
    var i, j, id, upd = [], eupd = [];
    for (i = 0; i < NN; i++) newN[i] = since && dateKey(N.date[i]) > since ? 1 : 0;
    for (j = 0; j < NE; j++) { var f = since ? edgeFirst(j) : null; newE[j] = f !== null && f > since ? 1 : 0; }
    for (id in drawnNodes) {
      if (id.charAt(0) === "g") continue;
      upd.push({ id: +id, color: lit[id] ? DIM : nodeColour(+id), borderWidth: borderOf(+id) });
    }
    for (id in drawnEdges) {
      if (drawnEdges[id].agg) continue;
      eupd.push({ id: +id, width: edgeWidth(+id), color: edim[id] ? { color: DIM, opacity: 0.3 } : edgeColour(+id) });
    }
    if (upd.length) nodes.update(upd);
    if (eupd.length) edges.update(eupd);
    if (sinceInput.value !== (since || "")) sinceInput.value = since || "";
    var row = document.getElementById("swg-leg-new");
    if (row) { row.hidden = !since; row.lastChild.textContent = "new since 新增自 " + (since || "") + " (ring, line 环、线)"; }
    countNew();
    return since;
  }
  sinceInput.addEventListener("change", function () { setNewSince(sinceInput.value || null); });
  mark("slider");
  // ------------------------------------------------------------------ export the current view
  function canvas() { return container.querySelector("canvas"); }
  function exportPNG() {
    var src = canvas(), out = document.createElement("canvas");
    out.width = src.width; out.height = src.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    return out.toDataURL("image/png");
  }
  function exportSVG() {
    var SV = "http:\/\/www.w3.org/2000/svg", w = container.clientWidth, h = container.clientHeight;
    var svg = document.createElementNS(SV, "svg");
    svg.setAttribute("xmlns", SV);
    svg.setAttribute("width", String(w)); svg.setAttribute("height", String(h));
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var bg = document.createElementNS(SV, "rect");
    bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%"); bg.setAttribute("fill", "#ffffff");
    svg.appendChild(bg);
    var pos = network.getPositions(), s = network.getScale();
    function dom(id) { var p = pos[id]; return p ? network.canvasToDOM(p) : null; }
    edges.forEach(function (e) {
      var a = dom(e.from), b = dom(e.to);
      if (!a || !b || e.hidden) return;
      var ln = document.createElementNS(SV, "line");
      ln.setAttribute("x1", a.x.toFixed(1)); ln.setAttribute("y1", a.y.toFixed(1));
      ln.setAttribute("x2", b.x.toFixed(1)); ln.setAttribute("y2", b.y.toFixed(1));
      var c = e.color && e.color.color ? e.color : { color: "#999999", opacity: 0.5 };
      ln.setAttribute("stroke", c.color); ln.setAttribute("stroke-opacity", String(c.opacity === undefined ? 1 : c.opacity));
      ln.setAttribute("stroke-width", String(Math.max(0.5, (e.width || 1) * Math.min(s, 1))));
      svg.appendChild(ln);
    });
    nodes.forEach(function (n) {
      var p = dom(n.id);
      if (!p || p.x < -50 || p.y < -50 || p.x > w + 50 || p.y > h + 50) return;
      var c = document.createElementNS(SV, "circle"), r = Math.max(1.5, (n.size || 8) * s);
      c.setAttribute("cx", p.x.toFixed(1)); c.setAttribute("cy", p.y.toFixed(1)); c.setAttribute("r", r.toFixed(1));
      var col = typeof n.color === "string" ? n.color : (n.color && n.color.background) || "#999999";
      c.setAttribute("fill", col); c.setAttribute("stroke", "#333333"); c.setAttribute("stroke-width", "0.5");
      svg.appendChild(c);
      var fs = ((n.font && n.font.size) || 14) * s;
      if (fs >= 7 && n.label) {
        var t = document.createElementNS(SV, "text");
        t.setAttribute("x", p.x.toFixed(1)); t.setAttribute("y", (p.y + r + fs).toFixed(1));
        t.setAttribute("font-size", fs.toFixed(1)); t.setAttribute("text-anchor", "middle");
        t.setAttribute("font-family", "sans-serif");
        t.textContent = n.label;
        svg.appendChild(t);
      }
    });
    return new XMLSerializer().serializeToString(svg);
  }
  function download(name, url) {
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  document.getElementById("swg-png").addEventListener("click", function () { download("swgraph-map.png", exportPNG()); });
  document.getElementById("swg-svg").addEventListener("click", function () {
    download("swgraph-map.svg", "data:image/svg+xml;charset=utf-8," + encodeURIComponent(exportSVG()));
  });

  // ------------------------------------------------------------------ legend
  var SVGNS = "http:\/\/www.w3.org/2000/svg";
  function legendRow(swatch, label) {
    var row = el("div", "swg-leg-row");
    row.appendChild(swatch);
    row.appendChild(el("span", null, label));
    return row;
  }
  var GLYPH = { dot: "\u25cf", triangle: "\u25b2", square: "\u25a0", hexagon: "\u2b22", diamond: "\u25c6", star: "\u2605" };
  (function buildLegend() {
    var L = DATA.legend, box = document.getElementById("swg-legend");
    if (OVERVIEW) box.appendChild(legendRow(el("span", "swg-shape", GLYPH.hexagon), "closed province 省份 (size = members 成员数; click to open)"));
    box.appendChild(el("div", "swg-leg-sub", L.colourTitle));
    L.colours.forEach(function (c) {
      var sw = el("span", "swg-sw");
      sw.style.backgroundColor = c[1];
      box.appendChild(legendRow(sw, c[0]));
    });
    if (L.shapes.length) box.appendChild(el("div", "swg-leg-sub", "Shape: kind group 形状"));
    L.shapes.forEach(function (s) { box.appendChild(legendRow(el("span", "swg-shape", GLYPH[s[1]] || "?"), s[0])); });
    if (L.synthetic) {
      box.appendChild(legendRow(el("span", "swg-sw swg-sw-syn"), "synthetic 合成数据 (dashed border; faded tie)"));
    }
    var newRow = legendRow(el("span", "swg-sw swg-sw-new"), "new since 新增自");
    newRow.id = "swg-leg-new";
    newRow.hidden = true;
    box.appendChild(newRow);
    if (L.edges.length) box.appendChild(el("div", "swg-leg-sub", "Lines: relation type 关系"));
    L.edges.forEach(function (e) {
      var svg = document.createElementNS(SVGNS, "svg");
      svg.setAttribute("width", "34"); svg.setAttribute("height", "10");
      var line = document.createElementNS(SVGNS, "line");
      line.setAttribute("x1", "1"); line.setAttribute("y1", "5");
      line.setAttribute("x2", "33"); line.setAttribute("y2", "5");
      line.setAttribute("stroke", e[1]);
      line.setAttribute("stroke-width", String(Math.min(5, e[2])));
      if (e[3].length) line.setAttribute("stroke-dasharray", e[3].join(" "));
      svg.appendChild(line);
      box.appendChild(legendRow(svg, e[0]));
    });
    box.appendChild(el("div", "swg-leg-sub", "Size: " + L.sizeBy));
  })();

  // ------------------------------------------------------------------ filters
  function applyFilters() { var i = selIndex; rebuild(); if (i !== null && i in drawnNodes) highlight(i, egoDepth); }
  function filterGroup(title, facet, entries) {
    var det = el("details", "swg-filter");
    det.appendChild(el("summary", null, title + " (" + entries.length + ")"));
    var list = el("div", "swg-filter-list"), boxes = [];
    function setAll(v) {
      boxes.forEach(function (b) { b.cb.checked = v; off[facet][b.value] = !v; });
      applyFilters();
    }
    var all = el("button", "swg-mini", "all 全选"), none = el("button", "swg-mini", "none 全不选");
    all.type = none.type = "button";
    all.addEventListener("click", function () { setAll(true); });
    none.addEventListener("click", function () { setAll(false); });
    det.appendChild(all); det.appendChild(none);
    entries.forEach(function (en) {
      var lab = el("label"), cb = el("input");
      cb.type = "checkbox"; cb.checked = true;
      cb.setAttribute("data-facet", facet);
      cb.addEventListener("change", function () { off[facet][en.value] = !cb.checked; applyFilters(); });
      boxes.push({ cb: cb, value: en.value });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + en.label + " "));
      lab.appendChild(el("span", "swg-count", "(" + en.count + ")"));
      list.appendChild(lab);
    });
    det.appendChild(list);
    return det;
  }
  (function buildFilters() {
    var F = DATA.facets, box = document.getElementById("swg-filters");
    function entries(list) { return list.map(function (k) { return { value: k[0], label: k[1], count: k[2] }; }); }
    box.appendChild(filterGroup("kind 类型", "kind", entries(F.kind)));
    box.appendChild(filterGroup("tier 层级", "tier", entries(F.tier)));
    box.appendChild(filterGroup("province 省份", "prov", entries(F.prov)));
    if (F.etype.length) box.appendChild(filterGroup("relation 关系", "etype", entries(F.etype)));
  })();

  // ------------------------------------------------------------------ public API (tests, embedding)
  api.search = search;
  api.find = function (q) { return find(q).map(resultKey); };
  api.select = function (key) { return key in byKey ? select(byKey[key], { focus: true }) : null; };
  api.unselect = unselect;
  api.setFilter = function (facet, value, visible) {
    if (!off[facet]) return false;
    off[facet][value] = !visible;
    applyFilters();
    return true;
  };
  api.nodeData = function (key) { return key in byKey ? nd(byKey[key]) : null; };
  api.domPosition = function (key) {
    var id = key in byKey ? byKey[key] : (key in groupKey ? "g" + groupKey[key] : null);
    if (id === null || !(id in drawnNodes)) return null;
    var p = network.getPositions([id])[id];
    return p ? network.canvasToDOM(p) : null;
  };
  api.isDrawn = function (key) { return key in byKey ? byKey[key] in drawnNodes : ("g" + groupKey[key]) in drawnNodes; };
  api.overview = OVERVIEW;
  api.groups = function () { return G.map(function (g) { return [g[0], g[1], g[5], !!openG[groupKey[g[0]]]]; }); };
  api.openGroup = function (code) { return code in groupKey ? openGroup(groupKey[code]) : false; };
  api.closeGroup = function (code) { return code in groupKey ? closeGroup(groupKey[code]) : false; };
  api.groupLabels = function () {
    // what the canvas draws for each closed province: label text, font size on screen, position
    var s = network.getScale();
    return Object.keys(drawnNodes).filter(function (id) { return id.charAt(0) === "g"; }).map(function (id) {
      var n = network.body.nodes[id], p = network.canvasToDOM({ x: n.x, y: n.y });
      return { code: G[+id.slice(1)][0], label: n.options.label, px: n.labelModule.fontOptions.size * s,
               threshold: DATA.options.nodes.scaling.label.drawThreshold, x: p.x, y: p.y };
    });
  };
  api.setDate = setDate;
  api.setNewSince = setNewSince;
  api.keyOf = function (id) { return typeof id === "number" ? N.key[id] : G[+String(id).slice(1)][0]; };
  api.idOf = function (key) { return key in byKey ? byKey[key] : key in groupKey ? "g" + groupKey[key] : null; };
  api.labelBoxes = function () {
    // the labels drawn in the last frame, on screen: [node id, left, top, width, height] (placed, so not overlapping)
    var s = network.getScale();
    return lastLabels.filter(function (c) { return !(c[1] in culled); }).map(function (c) {
      var p = network.canvasToDOM({ x: c[2], y: c[3] });
      var key = typeof c[1] === "number" ? N.key[c[1]] : G[+String(c[1]).slice(1)][0];
      return [key, p.x, p.y, c[4] * s, c[5] * s];
    });
  };
  api.newSince = newInfo;
  api.dateRange = function () { return first === null ? null : [iso(first), iso(last)]; };
  api.play = play;
  api.stop = stop;
  api.visibleRecords = function () {
    var out = [];
    for (var j = 0; j < NE; j++) {
      if (!(j in drawnEdges) && !(OVERVIEW && nodeShown(E.a[j]) && nodeShown(E.b[j]) && edgeShown(j))) continue;
      (activeRecords(j) || []).forEach(function (k) { if (out.indexOf(R[k][0]) < 0) out.push(R[k][0]); });
    }
    return out.sort();
  };
  api.edgeDrawn = function (a, b) {
    var x = byKey[a], y = byKey[b];
    for (var id in drawnEdges) {
      var ends = endsOf(drawnEdges[id]);
      if ((ends[0] === x && ends[1] === y) || (ends[0] === y && ends[1] === x)) return true;
    }
    return false;
  };
  api.aggregateEdges = function () {
    // summed ties between closed provinces (and from open members to them): [end, end, weight, ties]
    function name(x) { return typeof x === "number" ? N.key[x] : G[+String(x).slice(1)][0]; }
    return Object.keys(drawnEdges).filter(function (id) { return drawnEdges[id].agg; }).map(function (id) {
      var a = drawnEdges[id].agg;
      return [name(a.from), name(a.to), a.w, a.n];
    });
  };
  api.ego = egoSteps;
  api.showOnly = showOnly;
  api.showAll = showAll;
  api.exportPNG = exportPNG;
  api.exportSVG = exportSVG;
  // ------------------------------------------------------------------ start
  mark("setup");
  network.setData({ nodes: nodes, edges: edges });
  rebuild();
  mark("rebuilt");
  fitStart();
  mark("fitted");
  if (DATA.font && document.fonts && document.fonts.load) {
    var fontDone = function () {
      api.fontLoaded = false;
      document.fonts.forEach(function (f) {
        if (f.family.replace(/["']/g, "") === DATA.font && f.status === "loaded") api.fontLoaded = true;
      });
      markReady();
      network.setOptions({ nodes: { font: { face: DATA.options.nodes.font.face } } });
      network.redraw();
    };
    document.fonts.load('14px "' + DATA.font + '"', "\u4e2d").then(fontDone, fontDone);
  } else {
    markReady();
  }

  if (DATA.newSince) setNewSince(DATA.newSince);
  if (DATA.focus !== null && DATA.focus !== undefined) select(DATA.focus, { focus: false });
  }
})();
