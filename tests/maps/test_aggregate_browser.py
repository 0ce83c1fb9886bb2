"""The overview in headless Chromium (offline): at the start zoom the province labels the canvas
draws do not overlap each other nor another province's hexagon, everything is drawn between the
breadcrumb and the time slider, and hexagons are sized by members."""

from __future__ import annotations

import pytest

from swgraph.maps import write_map
from swgraph.maps.aggregate import overlapping

from ..browser import Browser
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


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A generated national network (dated records: the page has its time slider) on the overview."""
    from swgraph.application.maps import dataset_map
    from swgraph.records.dataset import load_dataset
    from swgraph.synthetic import write_generated

    folder = tmp_path_factory.mktemp("national")
    write_generated(folder / "data", scale=0.05, seed=1)
    path = folder / "overview.html"
    path.write_text(dataset_map(load_dataset([folder / "data"]), max_nodes=50), "utf-8")
    return path


# the canvas's free band for the start view: below the breadcrumb, above the time slider (CSS px)
BAND = """
var c = document.getElementById('swg-canvas').getBoundingClientRect();
var t = document.getElementById('swg-time'), b = document.getElementById('swg-crumbs');
return [t.hidden ? null : t.getBoundingClientRect().top - c.top, b.hidden ? null : b.getBoundingClientRect().bottom - c.top,
        c.width, c.height];
"""


def check_start_view(page):
    slider_top, crumbs_bottom, w, h = page.js(BAND)
    assert slider_top is not None and crumbs_bottom is not None  # both drawn over the canvas
    drawn = page.js(BOXES)
    members = {g[0]: g[2] for g in page.js("return swgraphMap.groups()")}
    assert len(drawn) >= 30
    for code, d in drawn.items():  # hexagon and label between the breadcrumb and the slider
        assert d["hex"][1] >= crumbs_bottom and d["hex"][3] <= slider_top, (d["text"], d["hex"], crumbs_bottom, slider_top)
        assert d["label"][3] <= slider_top and 0 <= d["label"][0] and d["label"][2] <= w, (d["text"], d["label"])
    labels = {code: d["label"] for code, d in drawn.items()}
    assert overlapping(labels) == []
    for code, d in drawn.items():
        others = {c: e["hex"] for c, e in drawn.items() if c != code}
        assert [p for p in overlapping({**others, "~label": d["label"]}) if "~label" in p] == [], d["text"]
    # hexagon sizes on screen follow members: never smaller for more members, a visible spread
    radius = {code: (d["hex"][3] - d["hex"][1]) / 2 for code, d in drawn.items()}
    order = sorted(drawn, key=lambda c: (members[c], radius[c]))
    for a, b in zip(order, order[1:]):
        assert radius[a] <= radius[b] + 0.05, (a, members[a], radius[a], b, members[b], radius[b])
    assert max(members.values()) >= 20 * min(members.values())  # (the provinces differ enough to tell)
    assert max(radius.values()) >= 2.5 * min(radius.values()), radius
    assert len({round(r) for r in radius.values()}) >= 5, radius
    assert page.console_errors() == [] and page.external_requests() == []


def test_start_view_between_breadcrumb_and_slider_sized_by_members(browser, national):
    page = browser.open(national)
    page.wait_for(READY, timeout=60)
    check_start_view(page)


def test_start_view_on_a_small_window(national):
    # 1280 x 720: the slider and breadcrumb take a sixth of the canvas's height
    with Browser(width=1280, height=720) as b:
        page = b.open(national)
        page.wait_for(READY, timeout=60)
        check_start_view(page)
