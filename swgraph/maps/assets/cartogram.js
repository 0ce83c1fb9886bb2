// swgraph map plugin: the tile-grid cartogram under a geo map (one square per province,
// coloured by coverage, labelled zh + en + coverage %) and its small legend.
// Data: DATA.cartogram (or DATA.legend.cartogram) = {cell, tiles: [{code, zh, en, x, y, coverage,
// covered, prefectures, color}]}; x, y are tile centres in node coordinates. Text is drawn with
// fillText only (never parsed as HTML).
(function () {
  "use strict";
  window.swgraphPlugins = window.swgraphPlugins || [];
  window.swgraphPlugins.push(function (network, DATA, api) {
    var C = DATA.cartogram || (DATA.legend && DATA.legend.cartogram);
    if (!C || !C.tiles || !C.tiles.length) return;
    var face = (DATA.options && DATA.options.nodes && DATA.options.nodes.font && DATA.options.nodes.font.face) || "sans-serif";
    var cell = C.cell, gap = cell * 0.04, side = cell - gap;
    // the label band: the top of a tile down to its node disc (layout.py: the disc's top is
    // BAND cells below the tile's top); the English line only where it fits above the disc
    var BAND = 0.24;
    if (api) api.cartogram = C;
    // where a node's label may be drawn (map.js placeLabels asks after each frame): inside the tile
    // its node sits on, below the tile's own label lines; a node on no tile (national bodies, unknown
    // region) keeps its label off every tile. Tiles in canvas units; band: the tile label lines' height.
    var band = cell * BAND;
    var rects = C.tiles.map(function (t) { return [t.x - side / 2, t.y - side / 2, t.x + side / 2, t.y + side / 2]; });
    function labelFits(x, y, x0, y0, x1, y1) {
      for (var i = 0; i < rects.length; i++) {
        var r = rects[i];
        if (x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]) return x0 >= r[0] && x1 <= r[2] && y0 >= r[1] + band && y1 <= r[3];
      }
      for (i = 0; i < rects.length; i++) {
        r = rects[i];
        if (x0 < r[2] && r[0] < x1 && y0 < r[3] && r[1] < y1) return false;
      }
      return true;
    }
    if (api) { api.labelFits = labelFits; api.cartogramBand = function () { return band; }; }
    network.on("beforeDrawing", function (ctx) {
      // labels 11-28 screen px (while they fit the tile): zh + coverage, then en + counts when
      // the tile is big enough on screen for both lines above its nodes
      var k = Math.max(network.getScale(), 1e-6);
      var big = Math.min(Math.max(Math.min(cell * 0.1, 28 / k), 11 / k), cell * 0.2), small = big * 0.78;
      // both lines when they fit above the disc; node labels are kept below them (labelFits)
      var two = cell * 0.035 + big * 1.15 + small <= BAND * cell;
      band = cell * 0.035 + big * 1.15 + (two ? small * 1.15 : 0);
      ctx.save();
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      C.tiles.forEach(function (t) {
        var x0 = t.x - side / 2, y0 = t.y - side / 2, pad = cell * 0.035;
        ctx.fillStyle = t.color;
        ctx.fillRect(x0, y0, side, side);
        var share = (t.coverage === null || t.coverage === undefined) ? "n/a" : Math.round(t.coverage * 100) + "%";
        ctx.fillStyle = "#333333";
        ctx.font = "bold " + big + "px " + face;
        ctx.fillText(t.zh + " " + share, x0 + pad, y0 + pad, side - 2 * pad);
        if (!two) return;
        ctx.fillStyle = "#555555";
        ctx.font = small + "px " + face;
        ctx.fillText(t.en + (t.prefectures ? " " + t.covered + "/" + t.prefectures : ""), x0 + pad, y0 + pad + big * 1.15,
                     side - 2 * pad);
      });
      ctx.restore();
    });
    network.on("afterDrawing", function (ctx) {
      // the legend in screen pixels, top left of the canvas (the time slider covers the bottom)
      var stops = [0, 0.25, 0.5, 0.75, 1];
      var scale = C.scale || [];
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      var ratio = window.devicePixelRatio || 1;
      ctx.scale(ratio, ratio);
      var x = 12, y = 34;
      ctx.fillStyle = "rgba(255,255,255,0.9)";
      ctx.fillRect(x - 6, y - 20, 330, 70);
      ctx.fillStyle = "#222222";
      ctx.textBaseline = "alphabetic";
      ctx.font = "12px " + face;
      ctx.fillText("coverage: share of prefectures with an association \u5730\u7ea7\u8986\u76d6\u7387", x, y - 6);
      stops.forEach(function (s, i) {
        ctx.fillStyle = scale[i] || "#cccccc";
        ctx.fillRect(x + i * 52, y + 2, 48, 16);
        ctx.fillStyle = "#222222";
        ctx.fillText(Math.round(s * 100) + "%", x + i * 52 + 10, y + 32);
      });
      ctx.fillStyle = C.none || "#e8e8e8";
      ctx.fillRect(x + 5 * 52, y + 2, 48, 16);
      ctx.fillStyle = "#222222";
      ctx.fillText("n/a", x + 5 * 52 + 12, y + 32);
      ctx.restore();
    });
  });
})();
