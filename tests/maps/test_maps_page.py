"""The map page in headless Chromium (network blocked): "new since DATE" highlighting and label placement."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.maps import write_map
from swgraph.maps.page import read_data

from .mapgraphs import FED, random_graph, small_graph

READY = "return !!(window.swgraphMap && window.swgraphMap.ready)"
NEW = "#e6007e"

def open_page(browser, path):
    page = browser.open(path)
    page.wait_for(READY, timeout=60)
    page.js("swgraphMap.network.redraw()")  # a frame drawn now, its labels placed
    page.wait_for("return swgraphMap.labelStats === undefined || swgraphMap.labelStats.settled", timeout=10)
    return page


def tie_colours(page) -> dict:
    return page.js("""
      var m = swgraphMap, d = m.network.body.data.edges, out = {};
      d.getIds().forEach(function (id) {
        var e = d.get(id);
        out[[m.keyOf(e.from), m.keyOf(e.to)].sort().join("|")] = e.color.color;
      });
      return out;""")


@pytest.mark.browser
def test_new_since_from_the_command_line_highlights_the_new_ties(browser, tmp_path):
    out = tmp_path / "new.html"
    res = CliRunner().invoke(cli, ["map", "--new-since", "2015-06-01", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert read_data(out.read_text("utf-8"))["newSince"] == "2015-06-01"
    page = open_page(browser, out)
    # seeds: the two visits of 2015-06-10 and the 2019-11-13 tie are after the date; the Beijing–Guangdong
    # tie's first record is of 2015-04 (later records do not make it new); no organisation founded after it
    info = page.js("return swgraphMap.newSince")
    assert info == {"date": "2015-06-01", "nodes": [], "edges": 3, "total": 3}
    assert page.js("return document.getElementById('swg-newcount').textContent") == \
        "3 new since 2015-06-01 / 自2015-06-01以来新增 3"
    new = {"bj-swa|cfsw", "cfsw|gd-swa", "cfsw|hk-swd"}
    colours = tie_colours(page)
    assert new <= set(colours) and "bj-swa|gd-swa" in colours
    assert {k for k, c in colours.items() if c == NEW} == new
    assert page.js("return document.getElementById('swg-leg-new').hidden") is False
    assert "2015-06-01" in page.js("return document.getElementById('swg-leg-new').textContent")
    # the date input beside the slider: the day of the visits itself is not "after" it
    page.js("var i = document.getElementById('swg-since'); i.value = '2015-06-10';"
            " i.dispatchEvent(new Event('change'))")
    assert page.js("return swgraphMap.newSince.total") == 1
    assert {k for k, c in tie_colours(page).items() if c == NEW} == {"cfsw|hk-swd"}
    # the slider hides the 2019 tie: the count is of what is shown
    page.js("swgraphMap.setDate('2016-01-01')")
    assert page.js("return swgraphMap.newSince.total") == 0
    page.js("swgraphMap.setDate(null)")
    assert page.js("return swgraphMap.setNewSince('2015-13')") is False  # not a date: nothing changes
    assert page.js("return swgraphMap.newSince.total") == 1
    page.js("swgraphMap.setNewSince(null)")
    assert NEW not in tie_colours(page).values()
    assert page.js("return document.getElementById('swg-newcount').textContent") == ""
    assert page.js("return document.getElementById('swg-leg-new').hidden") is True
    assert page.console_errors() == [] and page.external_requests() == []


def test_new_since_is_checked_and_absent_by_default(tmp_path):
    bad = CliRunner().invoke(cli, ["map", "--new-since", "2015-13-01", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2 and "--new-since" in bad.output and "YYYY-MM-DD" in bad.output
    assert list(tmp_path.iterdir()) == []  # nothing half-written
    plain = write_map(tmp_path / "plain.html", small_graph())
    assert "newSince" not in read_data(plain.read_text("utf-8"))


@pytest.mark.browser
def test_new_organisations_get_a_ring_in_the_highlight_colour(browser, tmp_path):
    G = small_graph()  # every tie's first date is 2021-05
    path = write_map(tmp_path / "m.html", G, layout="tier", dates={"org:gz": "2020-03", "org:bj": "2010"},
                     new_since="2019-12-31")
    page = open_page(browser, path)
    info = page.js("return swgraphMap.newSince")
    assert info["nodes"] == ["org:gz"] and info["edges"] == G.number_of_edges()
    ring = ("var n = swgraphMap.network.body.data.nodes.get(swgraphMap.idOf(arguments[0]));"
            " return [typeof n.color === 'string' ? n.color : n.color.border, n.borderWidth]")
    assert page.js(ring, "org:gz") == [NEW, 4]
    colour, width = page.js(ring, "org:bj")
    assert colour != NEW and width < 4
    page.js("swgraphMap.setNewSince('2021-06')")  # after everything: nothing new
    assert page.js("return swgraphMap.newSince.total") == 0
    assert page.js(ring, "org:gz")[0] != NEW
    assert page.console_errors() == []


def overlaps(boxes) -> list:
    bad = []
    for i, (ka, xa, ya, wa, ha) in enumerate(boxes):
        for kb, xb, yb, wb, hb in boxes[i + 1:]:
            if xa < xb + wb and xb < xa + wa and ya < yb + hb and yb < ya + ha:
                bad.append((ka, kb))
    return bad


@pytest.mark.browser
def test_labels_drawn_do_not_overlap_and_the_most_important_stay(browser, tmp_path):
    path = write_map(tmp_path / "crowd.html", random_graph(1500, seed=4), title="crowd")
    page = open_page(browser, path)
    stats = page.js("return swgraphMap.labelStats")
    boxes = page.js("return swgraphMap.labelBoxes()")
    assert stats["culled"] > 100  # crowded: without placement these labels would be drawn over each other
    assert len(boxes) == stats["drawn"] >= 30
    assert overlaps(boxes) == []
    assert FED in [b[0] for b in boxes]  # the federation (pinned, national) keeps its label
    w, h = page.js("var c = document.getElementById('swg-canvas'); return [c.clientWidth, c.clientHeight]")
    assert all(-200 < x < w and -50 < y < h for _k, x, y, _w, _h in boxes)
    # zoomed in, labels that had no room come back, still without overlaps
    # (redraw: vis-network draws and places labels at once, not in a later frame)
    page.js("var n = swgraphMap.network; n.moveTo({ scale: n.getScale() * 3, animation: false }); n.redraw()")
    page.wait_for("return swgraphMap.labelStats.settled", timeout=10)
    zoomed = page.js("return swgraphMap.labelBoxes()")
    assert overlaps(zoomed) == []
    assert set(b[0] for b in zoomed) - set(b[0] for b in boxes)
    assert page.console_errors() == []
