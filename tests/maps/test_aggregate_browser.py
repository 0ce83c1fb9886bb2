"""The overview in headless Chromium (offline): at the start zoom the province labels the canvas
draws do not overlap each other nor another province's hexagon."""

from __future__ import annotations

import pytest

from swgraph.maps import write_map
from swgraph.maps.aggregate import overlapping

from .mapgraphs import random_graph

pytestmark = pytest.mark.browser

READY = "return !!(window.swgraphMap && window.swgraphMap.ready)"
# each closed province as vis-network drew it: its label's box and its hexagon's, on screen
BOXES = """
var net = swgraphMap.network, s = net.getScale(), out = {};
Object.keys(net.body.nodes).filter(function (id) { return id.charAt(0) === 'g'; }).forEach(function (id) {
  var n = net.body.nodes[id], lm = n.labelModule.size, code = swgraphMap.keyOf(id);
  var a = net.canvasToDOM({x: lm.left, y: lm.top}), b = net.canvasToDOM({x: lm.left + lm.width, y: lm.top + lm.height});
  var h = net.canvasToDOM({x: n.x - n.shape.width / 2, y: n.y - n.shape.height / 2});
  var k = net.canvasToDOM({x: n.x + n.shape.width / 2, y: n.y + n.shape.height / 2});
  out[code] = {label: [a.x, a.y, b.x, b.y], hex: [h.x, h.y, k.x, k.y],
               px: n.labelModule.fontOptions.size * s, text: n.options.label};
});
return out;
"""


def test_province_labels_do_not_overlap_at_the_start_zoom(browser, tmp_path):
    path = tmp_path / "overview.html"
    write_map(path, random_graph(1500, seed=4), max_nodes=200)
    page = browser.open(path)
    page.wait_for(READY, timeout=60)
    drawn = page.js(BOXES)
    assert len(drawn) >= 33
    assert all(d["px"] >= 14 and d["label"][2] - d["label"][0] > 20 for d in drawn.values())  # drawn, readable
    labels = {code: d["label"] for code, d in drawn.items()}
    assert overlapping(labels) == []
    for code, d in drawn.items():  # nor over another province's hexagon
        others = {c: e["hex"] for c, e in drawn.items() if c != code}
        assert [p for p in overlapping({**others, "~label": d["label"]}) if "~label" in p] == [], d["text"]
    w, h = page.js("var c = document.getElementById('swg-canvas'); return [c.clientWidth, c.clientHeight]")
    for d in drawn.values():  # every label inside the canvas
        x0, y0, x1, y1 = d["label"]
        assert 0 <= x0 and x1 <= w and 0 <= y0 and y1 <= h, d["text"]
    assert page.console_errors() == [] and page.external_requests() == []
