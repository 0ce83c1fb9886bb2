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
    function pct(t) {
      if (t.coverage === null || t.coverage === undefined) return "\u2014 no prefectures \u65e0\u5730\u7ea7";
      return Math.round(t.coverage * 100) + "% (" + t.covered + "/" + t.prefectures + ")";
    }
    if (api) api.cartogram = C;
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      C.tiles.forEach(function (t) {
        var x0 = t.x - side / 2, y0 = t.y - side / 2;
        ctx.fillStyle = t.color;
        ctx.fillRect(x0, y0, side, side);
        ctx.fillStyle = "#3d3d3d";
        ctx.font = "bold " + Math.round(cell * 0.085) + "px " + face;
        ctx.fillText(t.zh + " " + t.en, x0 + cell * 0.04, y0 + cell * 0.03);
        ctx.font = Math.round(cell * 0.06) + "px " + face;
        ctx.fillStyle = "#555555";
        ctx.fillText(pct(t), x0 + cell * 0.04, y0 + cell * 0.13);
      });
      ctx.restore();
    });
    network.on("afterDrawing", function (ctx) {
      // the legend in screen pixels, bottom left of the canvas
      var stops = [0, 0.25, 0.5, 0.75, 1];
      var colour = function (s) {
        for (var i = 0; i < C.tiles.length; i++) if (C.tiles[i].coverage === s) return C.tiles[i].color;
        return null;
      };
      var scale = C.scale || [];
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      var ratio = window.devicePixelRatio || 1;
      ctx.scale(ratio, ratio);
      var h = ctx.canvas.height / ratio, x = 12, y = h - 58;
      ctx.fillStyle = "rgba(255,255,255,0.9)";
      ctx.fillRect(x - 6, y - 20, 330, 70);
      ctx.fillStyle = "#222222";
      ctx.textBaseline = "alphabetic";
      ctx.font = "12px " + face;
      ctx.fillText("coverage: share of prefectures with an association \u5730\u7ea7\u8986\u76d6\u7387", x, y - 6);
      stops.forEach(function (s, i) {
        ctx.fillStyle = scale[i] || colour(s) || "#cccccc";
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
