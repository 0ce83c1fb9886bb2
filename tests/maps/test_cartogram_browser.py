"""The geo map draws its tile-grid cartogram under the network (headless Chromium, offline)."""

from __future__ import annotations

import pytest

from swgraph.analysis.coverage import prefecture_coverage
from swgraph.maps import write_map

from .mapgraphs import small_graph

pytestmark = pytest.mark.browser

READY = "return !!(window.swgraphMap && window.swgraphMap.ready)"

PIXEL = """
var net = swgraphMap.network, c = document.querySelector('#swg-canvas canvas');
var k = c.width / c.clientWidth, p = net.canvasToDOM({x: arguments[0], y: arguments[1]});
var d = c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k), 1, 1).data;
return [d[0], d[1], d[2]];
"""

DARK = """
var net = swgraphMap.network, c = document.querySelector('#swg-canvas canvas');
var k = c.width / c.clientWidth;
var a = net.canvasToDOM({x: arguments[0], y: arguments[1]}), b = net.canvasToDOM({x: arguments[2], y: arguments[3]});
var w = Math.max(1, Math.round((b.x - a.x) * k)), h = Math.max(1, Math.round((b.y - a.y) * k));
var d = c.getContext('2d').getImageData(Math.round(a.x * k), Math.round(a.y * k), w, h).data, n = 0;
for (var i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) < 110) n++;
return n;
"""


def rgb(hexc: str) -> list[int]:
    return [int(hexc[i:i + 2], 16) for i in (1, 3, 5)]


def test_geo_map_draws_the_cartogram(browser, tmp_path):
    G = small_graph()
    path = write_map(tmp_path / "geo.html", G, layout="geo", coverage=prefecture_coverage(G))
    page = browser.open(path)
    page.wait_for(READY)
    assert page.console_errors() == [] and page.external_requests() == []
    C = page.js("return swgraphMap.cartogram")
    assert C is not None and len(C["tiles"]) == 34
    tiles = {t["code"]: t for t in C["tiles"]}
    # tiles without nodes on them show their coverage colour at their centre
    for code in ("710000", "450000"):  # Taiwan (no prefecture level: n/a grey), Guangxi (0 %)
        t = tiles[code]
        got = page.js(PIXEL, t["x"], t["y"])
        assert all(abs(a - b) <= 2 for a, b in zip(got, rgb(t["color"]))), (code, got, t["color"])
    assert rgb(tiles["710000"]["color"]) != rgb(tiles["450000"]["color"])
    # a label (dark text) in the top band of Guangxi's tile, none in the empty middle of Taiwan's
    gx, tw, cell = tiles["450000"], tiles["710000"], C["cell"]
    assert page.js(DARK, gx["x"] - cell * 0.45, gx["y"] - cell * 0.45, gx["x"] + cell * 0.45, gx["y"] - cell * 0.2) > 20
    assert page.js(DARK, tw["x"] - cell * 0.3, tw["y"] - cell * 0.05, tw["x"] + cell * 0.3, tw["y"] + cell * 0.3) == 0


def test_force_map_draws_no_cartogram(browser, tmp_path):
    path = write_map(tmp_path / "force.html", small_graph(), layout="force")
    page = browser.open(path)
    page.wait_for(READY)
    assert page.js("return swgraphMap.cartogram === undefined")
    assert page.console_errors() == []
