/* swgraph map page script. Data comes from the JSON block only; every piece of
   data text reaches the DOM through textContent (never innerHTML) or the canvas. */
(function () {
  "use strict";
  var api = (window.swgraphMap = {
    ready: false, firstDrawMs: null, selected: null, highlighted: [], results: [],
    errors: []
  });
  window.addEventListener("error", function (ev) { api.errors.push(String(ev.message)); });

  var DATA = JSON.parse(document.getElementById("swgraph-data").textContent);
  var NODES = DATA.nodes, EDGES = DATA.edges;
  api.nodeCount = NODES.length;
  api.edgeCount = EDGES.length;
  var DIM = "rgba(200,200,200,0.35)";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function norm(s) { return String(s === undefined || s === null ? "" : s).normalize("NFKC").toLowerCase(); }
  function nospace(s) { return s.replace(/[\s'\u2019\-]+/g, ""); }

  var byKey = Object.create(null), adj = Object.create(null);
  NODES.forEach(function (n) { byKey[n.d.key] = n.id; adj[n.id] = []; });
  EDGES.forEach(function (e) { adj[e.from].push(e.to); adj[e.to].push(e.from); });

  // ------------------------------------------------------------------ network
  var nodes = new vis.DataSet(NODES);
  var edges = new vis.DataSet(EDGES);
  var container = document.getElementById("swg-canvas");
  var network = new vis.Network(container, {}, DATA.options);
  api.network = network;
  function markReady() {
    network.once("afterDrawing", function () {
      api.firstDrawMs = performance.now();
      api.ready = true;
      document.body.setAttribute("data-swg-ready", "1");
    });
  }
  // the embedded subset font (data: URL) loads asynchronously: the page counts as
  // ready only after a draw that follows the load, with labels measured again in it
  api.font = DATA.font || null;
  api.fontLoaded = false;
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
  network.setData({ nodes: nodes, edges: edges });
  // the first view frames the main component, not the outliers around it (zoom out to see them)
  if (DATA.fit && DATA.fit.length) network.fit({ nodes: DATA.fit, animation: false });
  else network.fit({ animation: false });

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
  function nodeInfo(n) {
    var d = n.d, box = el("div");
    box.appendChild(el("div", "swg-i-zh", d.zh));
    if (d.en) box.appendChild(el("div", "swg-i-en", d.en));
    var meta = [d.kl, d.tier, d.prov].filter(Boolean).join(" · ");
    if (meta) box.appendChild(el("div", "swg-i-meta", meta));
    if (d.syn) box.appendChild(el("div", "swg-i-syn", "synthetic 合成数据"));
    var rows = [];
    if (d.py) rows.push(["pinyin", d.py]);
    if (d.al && d.al.length) rows.push(["aliases 别名", d.al.join("; ")]);
    rows = rows.concat(d.rows || []);
    rows.push(["id", d.key]);
    box.appendChild(table(rows));
    appendSources(box, d);
    return box;
  }
  function appendSources(box, d) {
    if (!d.src || !d.src.length) return;
    box.appendChild(el("div", "swg-i-meta", "sources 来源"));
    var ul = el("ul", "swg-i-src");
    d.src.forEach(function (s) { ul.appendChild(el("li", null, s)); });
    if (d.srcMore) ul.appendChild(el("li", null, "… " + d.srcMore + " more"));
    box.appendChild(ul);
  }
  function edgeInfo(e) {
    var d = e.d, box = el("div");
    var a = NODES[e.from].d, b = NODES[e.to].d;
    box.appendChild(el("div", "swg-i-zh", a.zh + (e.arrows ? " → " : " — ") + b.zh));
    if (d.syn) box.appendChild(el("div", "swg-i-syn", "synthetic 合成数据"));
    var rows = [["type 类型", d.types.join(", ")], ["weight 强度", d.w], ["records 记录", String(d.n)]];
    if (d.date) rows.push(["first date", d.date]);
    (d.tc || []).forEach(function (tc) { rows.push([tc[0], String(tc[1])]); });
    box.appendChild(table(rows));
    if (d.recs && d.recs.length) {
      var rl = el("ul", "swg-i-src");
      d.recs.forEach(function (r) { rl.appendChild(el("li", null, r[1] ? r[0] + " · " + r[1] : r[0])); });
      if (d.recsMore) rl.appendChild(el("li", null, "… " + d.recsMore + " more"));
      box.appendChild(el("div", "swg-i-meta", "records 记录"));
      box.appendChild(rl);
    }
    appendSources(box, d);
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
  network.on("hoverNode", function (p) { showTip(nodeInfo(NODES[p.node]), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeInfo(EDGES[p.edge]), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------------ highlight neighbours
  var dimmed = false;
  function restore() {
    if (!dimmed) return;
    nodes.update(NODES.map(function (n) { return { id: n.id, color: n.color, font: { color: "#222222", strokeWidth: 3 } }; }));
    edges.update(EDGES.map(function (e) { return { id: e.id, color: e.color }; }));
    dimmed = false;
  }
  function highlight(id) {
    var keep = Object.create(null);
    keep[id] = true;
    adj[id].forEach(function (m) { keep[m] = true; });
    nodes.update(NODES.map(function (n) {
      return keep[n.id] ? { id: n.id, color: n.color, font: { color: "#222222", strokeWidth: 3 } }
                        : { id: n.id, color: DIM, font: { color: "rgba(0,0,0,0)", strokeWidth: 0 } };
    }));
    edges.update(EDGES.map(function (e) {
      var on = e.from === id || e.to === id;
      return { id: e.id, color: on ? e.color : { color: DIM, opacity: 0.3 } };
    }));
    dimmed = true;
    api.highlighted = Object.keys(keep).map(function (k) { return NODES[+k].d.key; }).sort();
  }
  var selBox = document.getElementById("swg-selected");
  var selBody = document.getElementById("swg-selected-body");
  function select(id, opts) {
    opts = opts || {};
    if (id === null || id === undefined || !NODES[id]) { unselect(); return null; }
    var n = NODES[id];
    if (n.hiddenNow) { n.hiddenNow = false; nodes.update({ id: id, hidden: false }); }
    network.selectNodes([id]);
    highlight(id);
    api.selected = n.d.key;
    clear(selBody);
    selBody.appendChild(nodeInfo(n));
    var nb = adj[id].slice().sort(function (a, b) { return NODES[a].d.zh < NODES[b].d.zh ? -1 : 1; });
    if (nb.length) {
      selBody.appendChild(el("div", "swg-i-meta", "neighbours 相邻 (" + nb.length + ")"));
      var ul = el("ul", "swg-i-src");
      nb.slice(0, 50).forEach(function (m) {
        var li = el("li", "swg-nb", NODES[m].d.zh);
        li.addEventListener("click", function () { select(m, { focus: true }); });
        ul.appendChild(li);
      });
      selBody.appendChild(ul);
    }
    selBox.hidden = false;
    if (opts.focus) {
      // frame the node and its neighbours, never zooming in past 1.5x
      network.fit({ nodes: [id].concat(adj[id]), animation: false });
      if (network.getScale() > 1.5) network.moveTo({ position: network.getPositions([id])[id], scale: 1.5, animation: false });
    }
    return n.d.key;
  }
  function unselect() {
    network.unselectAll();
    restore();
    api.selected = null;
    api.highlighted = [];
    selBox.hidden = true;
    clear(selBody);
  }
  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (!p.edges.length) unselect();
  });
  document.getElementById("swg-clear").addEventListener("click", unselect);

  // ------------------------------------------------------------------ search
  var INDEX = NODES.map(function (n) {
    var d = n.d;
    var hs = [d.zh, d.en, d.py, d.key].concat(d.al || []).map(norm).filter(Boolean);
    return { hs: hs, ns: hs.map(nospace) };
  });
  var resultsList = document.getElementById("swg-results");
  function rank(i, q, qn) {
    var best = 9, ix = INDEX[i];
    for (var k = 0; k < ix.hs.length; k++) {
      var h = ix.hs[k], s = 9;
      if (h === q) s = 0;
      else if (h.indexOf(q) === 0) s = 1;
      else if (h.indexOf(q) > 0) s = 2;
      else if (qn && ix.ns[k].indexOf(qn) >= 0) s = 3;
      if (s < best) best = s;
    }
    return best;
  }
  function find(query) {
    var q = norm(query).trim(), qn = nospace(q), hits = [];
    if (!q) return hits;
    for (var i = 0; i < NODES.length; i++) {
      var r = rank(i, q, qn);
      if (r < 9) hits.push([r, i]);
    }
    hits.sort(function (a, b) {
      if (a[0] !== b[0]) return a[0] - b[0];
      var za = NODES[a[1]].d.zh, zb = NODES[b[1]].d.zh;
      if (za.length !== zb.length) return za.length - zb.length;
      return za < zb ? -1 : za > zb ? 1 : a[1] - b[1];
    });
    return hits.map(function (h) { return h[1]; });
  }
  function showResults(ids) {
    clear(resultsList);
    ids.slice(0, 30).forEach(function (id, k) {
      var d = NODES[id].d;
      var li = el("li", k === 0 ? "swg-active" : null, d.zh + (d.en ? " · " + d.en : ""));
      li.addEventListener("click", function () { select(id, { focus: true }); });
      resultsList.appendChild(li);
    });
    if (ids.length > 30) resultsList.appendChild(el("li", null, "… " + (ids.length - 30) + " more"));
  }
  /** Find nodes by Chinese/English name, alias, pinyin or id; select and focus the best one.
      Returns the best node's id (as text) or null. */
  function search(query) {
    var ids = find(query);
    api.results = ids.map(function (i) { return NODES[i].d.key; });
    showResults(ids);
    if (!ids.length) { unselect(); return null; }
    return select(ids[0], { focus: true });
  }
  var input = document.getElementById("swg-search"), timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 150);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); search(input.value); }
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
  var off = { kind: Object.create(null), tier: Object.create(null), prov: Object.create(null), etype: Object.create(null) };
  function applyFilters() {
    var upd = [];
    NODES.forEach(function (n) {
      var d = n.d;
      var hide = !!(off.kind[d.kind] || off.tier[d.tier] || off.prov[d.provCode]);
      if (!!n.hiddenNow !== hide) { n.hiddenNow = hide; upd.push({ id: n.id, hidden: hide }); }
    });
    if (upd.length) nodes.update(upd);
    var eupd = [];
    EDGES.forEach(function (e) {
      var hide = e.d.types.every(function (t) { return off.etype[t]; });
      if (!!e.hiddenNow !== hide) { e.hiddenNow = hide; eupd.push({ id: e.id, hidden: hide }); }
    });
    if (eupd.length) edges.update(eupd);
    api.visibleCount = NODES.filter(function (n) { return !n.hiddenNow; }).length;
  }
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
    box.appendChild(filterGroup("kind 类型", "kind", F.kind.map(function (k) {
      return { value: k[0], label: k[1], count: k[2] }; })));
    box.appendChild(filterGroup("tier 层级", "tier", F.tier.map(function (k) {
      return { value: k[0], label: k[1], count: k[2] }; })));
    box.appendChild(filterGroup("province 省份", "prov", F.prov.map(function (k) {
      return { value: k[0], label: k[1], count: k[2] }; })));
    if (F.etype.length) box.appendChild(filterGroup("relation 关系", "etype", F.etype.map(function (k) {
      return { value: k[0], label: k[1], count: k[2] }; })));
  })();

  // ------------------------------------------------------------------ public API (tests, embedding)
  api.search = search;
  api.find = function (q) { return find(q).map(function (i) { return NODES[i].d.key; }); };
  api.select = function (key) { return key in byKey ? select(byKey[key], { focus: true }) : null; };
  api.unselect = unselect;
  api.setFilter = function (facet, value, visible) {
    if (!off[facet]) return false;
    off[facet][value] = !visible;
    applyFilters();
    return true;
  };
  api.nodeData = function (key) { return key in byKey ? NODES[byKey[key]].d : null; };
  api.domPosition = function (key) {
    var p = network.getPositions([byKey[key]])[byKey[key]];
    return p ? network.canvasToDOM(p) : null;
  };
  if (DATA.focus !== null && DATA.focus !== undefined) select(DATA.focus, { focus: false });
  applyFilters();
})();
