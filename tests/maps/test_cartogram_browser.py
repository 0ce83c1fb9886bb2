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


# the node labels drawn in the last frame, in canvas units: [key, x0, y0, x1, y1, node x, node y]
DRAWN_LABELS = """
var net = swgraphMap.network, s = net.getScale();
return swgraphMap.labelBoxes().map(function (b) {
  var a = net.DOMtoCanvas({x: b[1], y: b[2]}), id = swgraphMap.idOf(b[0]), n = net.body.nodes[id];
  return [b[0], a.x, a.y, a.x + b[3] / s, a.y + b[4] / s, n.x, n.y];
});
"""
ZOOM_ON = """
var net = swgraphMap.network;
net.moveTo({position: {x: arguments[0], y: arguments[1]}, scale: net.getScale() * arguments[2], animation: false});
net.body.emitter.emit("zoom", {});
"""


@pytest.fixture(scope="module")
def geo_national(tmp_path_factory):
    """A generated national network drawn on the cartogram, with more than 150 organisations (so
    the most important ones have labels always shown, wider than a tile at the start zoom)."""
    from swgraph.application.maps import dataset_map
    from swgraph.records.dataset import load_dataset
    from swgraph.synthetic import write_generated

    folder = tmp_path_factory.mktemp("geo")
    write_generated(folder / "data", scale=0.05, seed=1)
    ds = load_dataset([folder / "data"])
    path = folder / "geo.html"
    path.write_text(dataset_map(ds, layout="geo"), "utf-8")
    return path


def label_faults(page):
    """Drawn node labels that cross out of their node's tile (or into its label lines), or that sit on
    a tile they do not belong to; and how many labels were drawn."""
    C = page.js("return swgraphMap.cartogram")
    band = page.js("return swgraphMap.cartogramBand()")
    side = C["cell"] * 0.96
    rects = [(t["x"] - side / 2, t["y"] - side / 2, t["x"] + side / 2, t["y"] + side / 2) for t in C["tiles"]]
    bad, drawn = [], page.js(DRAWN_LABELS)
    for key, x0, y0, x1, y1, nx_, ny_ in drawn:
        home = [r for r in rects if r[0] <= nx_ <= r[2] and r[1] <= ny_ <= r[3]]
        if home:
            r = home[0]
            if not (x0 >= r[0] - 1e-6 and x1 <= r[2] + 1e-6 and y0 >= r[1] + band - 1e-6 and y1 <= r[3] + 1e-6):
                bad.append(key)
        elif any(x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y1 for r in rects):
            bad.append(key)
    return bad, drawn


def test_geo_node_labels_stay_inside_their_tiles(browser, geo_national):
    page = browser.open(geo_national)
    page.wait_for(READY, timeout=60)
    page.wait_for("return swgraphMap.labelStats && swgraphMap.labelStats.settled")
    stats = page.js("return swgraphMap.labelStats")
    # the always-shown labels are there to place, most too wide for a tile at the start zoom: not drawn
    assert stats["candidates"] >= 10 and stats["culled"] >= 5, stats
    bad, drawn = label_faults(page)
    assert bad == [], bad
    # zoomed in on the tile of a province with an always-shown label, it gets room and is drawn, inside
    C = page.js("return swgraphMap.cartogram")
    pinned = page.js("""
      var net = swgraphMap.network, out = [];
      for (var id in net.body.nodes) { var n = net.body.nodes[id];
        if (typeof n.id === 'number' && n.options.label && n.options.font.size > 14) out.push([n.x, n.y]); }
      return out;""")
    side = C["cell"] * 0.96
    tile = next(t for t in C["tiles"] for x, y in pinned if abs(x - t["x"]) <= side / 2 and abs(y - t["y"]) <= side / 2)
    page.js(ZOOM_ON, tile["x"], tile["y"], 5.0)
    page.wait_for("return swgraphMap.labelStats.settled")
    bad, drawn = label_faults(page)
    assert bad == [], bad
    inside = [d for d in drawn if abs(d[5] - tile["x"]) <= side / 2 and abs(d[6] - tile["y"]) <= side / 2]
    assert inside, "no label drawn in the zoomed tile"
    assert page.console_errors() == [] and page.external_requests() == []
