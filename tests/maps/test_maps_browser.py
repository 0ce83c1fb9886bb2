"""The rendered pages in headless Chromium, offline (see tests/browser.py)."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from swgraph.maps import fonts, overview, write_map

from ..browser import distinct_colours
from ..helpers import skip_or_fail
from .mapgraphs import FED, FED_ZH, HOSTILE, hostile_graph, random_graph, small_graph

pytestmark = pytest.mark.browser

READY = "return !!(window.swgraphMap && window.swgraphMap.ready)"
TIP = "var t = document.getElementById('swg-tip'); return t.hidden ? null : t.textContent"


def open_map(browser, tmp_path, G, name="map.html", strip_csp=False, **kwargs):
    path = write_map(tmp_path / name, G, **kwargs)
    if strip_csp:  # test the escaping alone, without the CSP safety net
        text = path.read_text("utf-8")
        text, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
        assert n == 1
        path.write_text(text, "utf-8")
    page = browser.open(path)
    page.wait_for(READY)
    return page


def hover_and_click(page, key):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page.js("swgraphMap.select(arguments[0])", key)  # focus: brings the node into view
    pos = page.js("return swgraphMap.domPosition(arguments[0])", key)
    canvas = page.driver.find_element(By.CSS_SELECTOR, "#swg-canvas canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(page.driver).move_to_element_with_offset(
        canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)
    ).perform()
    page.wait_for(TIP, timeout=10)  # hovering shows the tooltip
    ActionChains(page.driver).click().perform()
    page.wait_for("return swgraphMap.selected === arguments[0]", key, timeout=10)


def test_page_draws_offline_without_errors(browser, tmp_path):
    page = open_map(browser, tmp_path, small_graph(), layout="tier", title="社会工作组织网络",
                    data_date="2024-06")
    assert page.console_errors() == []
    assert page.external_requests() == []
    assert page.js("return swgraphMap.errors") == []
    assert page.js("return swgraphMap.nodeCount") == small_graph().number_of_nodes()
    png = page.screenshot(tmp_path / "canvas.png", element="#swg-canvas")
    assert distinct_colours(png, step=2) > 30  # nodes, edges and anti-aliased labels drawn
    assert page.js("return document.getElementById('swg-title').textContent") == "社会工作组织网络"
    legend = page.js("return document.getElementById('swg-legend').textContent")
    for word in ("national", "synthetic", "agreement", "visit", "programme"):
        assert word in legend


def test_embedded_font_is_loaded_before_ready(browser, tmp_path):
    if fonts.find_font() is None:
        skip_or_fail("no CJK font on this machine (apt install fonts-noto-cjk)")
    page = open_map(browser, tmp_path, small_graph(), layout="tier", title="社会工作组织网络")
    assert page.js("return swgraphMap.fontLoaded") is True
    assert page.js("return document.fonts.check('12px swgraph-cjk')") is True
    assert page.js("return document.fonts.check('12px swgraph-cjk', '社会工作')") is True
    assert page.js("return Array.from(document.fonts).some(function (f) {"
                   " return f.family.replace(/\"/g, '') === 'swgraph-cjk' && f.status === 'loaded'; })")
    face = page.js("return swgraphMap.network.body.nodes[0].labelModule.fontOptions.face")
    assert face.startswith('"swgraph-cjk"')  # canvas labels drawn with it
    assert page.console_errors() == []


@pytest.mark.parametrize(
    "query, key",
    [
        (FED_ZH, FED),
        ("china federation of social work", FED),
        ("GUANGZHOU", "org:gz"),            # pinyin without spaces, upper case
        ("guang zhou shi", "org:gz"),
        ("穗社协", "org:gz"),                # alias
        ("深圳", "org:sz"),                  # part of a Chinese name
    ],
)
def test_search_finds_and_highlights(browser, tmp_path, query, key):
    page = open_map(browser, tmp_path, small_graph())
    assert page.js("return swgraphMap.search(arguments[0])", query) == key
    assert page.js("return swgraphMap.selected") == key
    assert page.js("return swgraphMap.network.getSelectedNodes().length") == 1
    assert key in page.js("return swgraphMap.highlighted")


def test_search_box_typing(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = open_map(browser, tmp_path, small_graph())
    box = page.driver.find_element(By.ID, "swg-search")
    box.send_keys("中国社会工作联合会")
    page.wait_for("return swgraphMap.selected", timeout=5)
    assert page.js("return swgraphMap.selected") == FED
    first = page.js("return document.querySelector('#swg-results li').textContent")
    assert first.startswith(FED_ZH)
    assert page.js("return swgraphMap.search('no such organisation xyz')") is None
    assert page.js("return swgraphMap.selected") is None


def test_click_highlights_neighbours_and_hover_shows_text_tooltip(browser, tmp_path):
    G = small_graph()
    page = open_map(browser, tmp_path, G, layout="tier")
    page.js("swgraphMap.unselect()")
    hover_and_click(page, "org:gd")
    assert page.js("return swgraphMap.selected") == "org:gd"
    assert page.js("return swgraphMap.highlighted") == sorted(["org:gd", *map(str, G["org:gd"])])
    tip = page.js(TIP)
    assert tip is not None and "广东省社会工作联合会" in tip and "Guangdong" in tip and "seed-org:gd" in tip
    assert "provincial association 省级行业组织" in tip  # the kind, bilingual from the kind table
    panel = page.js("return document.getElementById('swg-selected-body').textContent")
    assert "neighbours" in panel and "广州市社会工作协会" in panel
    assert page.console_errors() == []


def test_filters_hide_nodes(browser, tmp_path):
    page = open_map(browser, tmp_path, small_graph())
    total = page.js("return swgraphMap.visibleCount")
    page.js("swgraphMap.setFilter('tier', 'agency', false)")
    assert page.js("return swgraphMap.visibleCount") == total - 2
    page.js("swgraphMap.setFilter('prov', '440000', false)")
    assert page.js("return swgraphMap.visibleCount") < total - 2
    page.js("swgraphMap.setFilter('tier', 'agency', true); swgraphMap.setFilter('prov', '440000', true)")
    assert page.js("return swgraphMap.visibleCount") == total


@pytest.mark.parametrize("strip_csp", [False, True], ids=["with-csp", "escaping-only"])
def test_hostile_names_execute_nothing(browser, tmp_path, strip_csp):
    G = hostile_graph()
    page = open_map(browser, tmp_path, G, strip_csp=strip_csp, layout="tier",
                    title=HOSTILE[3], data_date=HOSTILE[1])
    keys = [k for k in map(str, G) if k.startswith("evil:")]
    for key in keys:
        hover_and_click(page, key)
        tip = page.js(TIP)
        payload = G.nodes[key]["name_zh"]
        assert tip is not None and payload in tip  # shown as text, byte for byte
        # tooltip and panel hold text only: no element from data
        tags = page.js("return Array.from(document.querySelectorAll('#swg-tip *, #swg-selected-body *'))"
                       ".map(function (e) { return e.tagName; })")
        assert set(tags) <= {"DIV", "TABLE", "TBODY", "TR", "TD", "UL", "LI"}
    for payload in HOSTILE:
        page.js("swgraphMap.search(arguments[0])", payload)
    page.js("swgraphMap.unselect()")
    assert page.js("return typeof window.__pwned") == "undefined"
    assert page.dialogs() == []
    assert page.console_errors() == []
    assert page.external_requests() == []
    assert page.js("return document.title") == HOSTILE[3]
    assert page.js("return document.querySelectorAll('img, iframe, svg[onload], a').length") == 0


def test_overview_page(browser, tmp_path):
    page = open_map(browser, tmp_path, random_graph(600, seed=2), max_nodes=200, title="overview")
    assert page.js("return swgraphMap.nodeCount") == 600
    assert page.js("return swgraphMap.drawnCount") <= 36  # one hexagon per province
    assert "above 200" in page.js("return document.getElementById('swg-note').textContent")
    assert page.console_errors() == []


def test_5000_nodes_draw(browser, tmp_path):
    page = open_map(browser, tmp_path, random_graph(5000, seed=1), title="5000")
    assert page.js("return swgraphMap.nodeCount") == 5000  # time to draw: benchmarks/bench_maps.py
    assert page.console_errors() == []
    png = page.screenshot(element="#swg-canvas")
    assert distinct_colours(png, step=4) > 20


def test_helper_blocks_and_records_external_requests(browser, tmp_path):
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><title>leak</title><img src="http://example.com/x.png">'
                     '<script>fetch("https://example.org/y").catch(function () {});</script>', "utf-8")
    page = browser.open(leaky)

    def both_tried():
        ext = page.external_requests()
        return any("example.com" in u for u in ext) and any("example.org" in u for u in ext)

    assert page.wait_until(both_tried, timeout=10)
    assert page.js("return document.images[0].naturalWidth") == 0  # blocked: nothing loaded


def test_edge_tooltip_names_records_and_sources(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    G = nx.Graph()
    G.add_node("org:a", kind="national_federation", tier=0, tier_name="national", name_zh="甲会")
    G.add_node("org:b", kind="provincial_association", tier=1, tier_name="provincial", name_zh="乙会")
    G.add_edge("org:a", "org:b", type="agreement", types=["agreement"], weight=1.0, records=["agr:1"],
               first_date="2015-04-01")
    notes = {"agr:1": {"title": "战略合作协议<b>", "date": "2015-04", "sources": ["report-a: 第3页"]}}
    page = open_map(browser, tmp_path, G, layout="tier", records=notes)
    a = page.js("return swgraphMap.domPosition('org:a')")
    b = page.js("return swgraphMap.domPosition('org:b')")
    canvas = page.driver.find_element(By.CSS_SELECTOR, "#swg-canvas canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(page.driver).move_to_element_with_offset(
        canvas, int((a["x"] + b["x"]) / 2 - w / 2), int((a["y"] + b["y"]) / 2 - h / 2)).perform()
    tip = page.wait_for(TIP, timeout=10)
    assert "甲会" in tip and "乙会" in tip
    assert "战略合作协议<b> · 2015-04" in tip and "2015-04-01" not in tip
    assert "report-a: 第3页" in tip
    assert page.console_errors() == []


def test_first_view_frames_the_main_component(browser, tmp_path):
    G = nx.Graph()
    main = [f"org:{i}" for i in range(60)]
    nx.add_cycle(G, main)
    G.add_edges_from((main[i], main[(i * 7) % 60]) for i in range(60) if i != (i * 7) % 60)
    G.add_nodes_from(f"lone:{i}" for i in range(12))  # isolated: pushed to the rim by the force layout
    nx.set_node_attributes(G, "government_body", "kind")
    page = open_map(browser, tmp_path, G, layout="force")
    w, h = page.js("var c = document.getElementById('swg-canvas'); return [c.clientWidth, c.clientHeight]")
    for key in main:
        p = page.js("return swgraphMap.domPosition(arguments[0])", key)
        assert 0 <= p["x"] <= w and 0 <= p["y"] <= h, key
    framed = page.js("return swgraphMap.network.getScale()")
    everything = page.js("swgraphMap.network.fit({ animation: false }); return swgraphMap.network.getScale()")
    assert framed > everything * 1.1, (framed, everything)  # zoomed on the component, not out to the outliers


# ----------------------------------------------------------------- national scale: overview, search, time, ego, export

CENTRE = ("var c = document.getElementById('swg-canvas');"
          " return [c.clientWidth / 2, c.clientHeight / 2]")


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A generated national network (seeds + synthetic) bigger than max_nodes: the page opens on the overview."""
    from swgraph.application.maps import dataset_map
    from swgraph.records.dataset import load_dataset
    from swgraph.synthetic import write_generated

    folder = tmp_path_factory.mktemp("national")
    write_generated(folder / "data", scale=0.05, seed=1)
    ds = load_dataset([folder / "data"])
    path = folder / "overview.html"
    path.write_text(dataset_map(ds, max_nodes=50), "utf-8")
    return ds, path


def open_file(browser, path):
    page = browser.open(path)
    page.wait_for(READY, timeout=60)
    return page


def dark_pixels(png: bytes, box) -> int:
    """Pixels darker than any node colour or border (only label text is this dark) inside ``box``."""
    from ..browser import png_pixels

    w, _h, rows = png_pixels(png)
    bpp = len(rows[0]) // w
    x0, y0, x1, y1 = (int(v) for v in box)
    count = 0
    for y in range(max(0, y0), min(len(rows), y1)):
        row = rows[y]
        for x in range(max(0, x0), min(w, x1)):
            if max(row[x * bpp : x * bpp + 3]) < 40:
                count += 1
    return count


def test_overview_labels_are_visible_at_the_start_zoom(browser, national):
    ds, path = national
    page = open_file(browser, path)
    assert page.js("return swgraphMap.overview") is True
    assert page.js("return swgraphMap.nodeCount") == len(ds.organisations)  # everything embedded
    labels = page.js("return swgraphMap.groupLabels()")
    groups = page.js("return swgraphMap.groups()")
    assert len(labels) == len(groups) > 25
    w, h = page.js("var c = document.getElementById('swg-canvas'); return [c.clientWidth, c.clientHeight]")
    for lab in labels:  # drawn (font on screen above vis-network's draw threshold) and inside the view
        assert lab["px"] >= lab["threshold"] and 0 <= lab["x"] <= w and 0 <= lab["y"] <= h, lab
    png = page.screenshot(element="#swg-canvas")
    # text pixels just below the hexagon of the biggest province, where vis-network writes its label
    code = max(groups, key=lambda g: g[2])[0]
    lab = next(x for x in labels if x["code"] == code)
    size = page.js("var n = swgraphMap.network.body.nodes['g' + arguments[0]]; return n.shape.height || 0",
                   [g[0] for g in groups].index(code))
    assert dark_pixels(png, (lab["x"] - 60, lab["y"], lab["x"] + 60, lab["y"] + size + 40)) > 30
    assert page.console_errors() == [] and page.external_requests() == []


def test_clicking_a_province_opens_it_in_place_and_closes_it(browser, national):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    ds, path = national
    page = open_file(browser, path)
    groups = page.js("return swgraphMap.groups()")
    code, name, members, _open = max(groups, key=lambda g: g[2])
    before = page.js("return swgraphMap.drawnCount")
    pos = page.js("return swgraphMap.domPosition(arguments[0])", code)
    canvas = page.driver.find_element(By.CSS_SELECTOR, "#swg-canvas canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(page.driver).move_to_element_with_offset(canvas, int(pos["x"] - w / 2), int(pos["y"] - h / 2)).click().perform()
    page.wait_for("var c = arguments[0]; return swgraphMap.groups().some(function (g) { return g[0] === c && g[3]; })",
                  code, timeout=10)
    assert page.js("return swgraphMap.drawnCount") == before - 1 + members  # the hexagon became its members
    in_province = [o.id for o in ds.organisations if page.js("return swgraphMap.nodeData(arguments[0])", o.id)
                   and page.js("return swgraphMap.nodeData(arguments[0]).provCode", o.id) == code]
    assert in_province and all(page.js("return swgraphMap.isDrawn(arguments[0])", k) for k in in_province[:20])
    crumbs = page.js("return document.getElementById('swg-crumbs').textContent")
    assert "全国" in crumbs and name in crumbs
    page.driver.find_element(By.CSS_SELECTOR, "#swg-crumbs button.swg-here").click()  # the province's ×
    page.wait_for("return swgraphMap.drawnCount === arguments[0]", before, timeout=10)
    assert not page.js("return swgraphMap.isDrawn(arguments[0])", in_province[0])
    assert page.console_errors() == []


# vis-network draws only nodes whose bounds meet the view: every member, sized as it is added
_OPEN_AND_BOUND = """
var m = swgraphMap, n = m.network, c = document.getElementById('swg-canvas');
m.openGroup(arguments[0]);
var tl = n.DOMtoCanvas({ x: 0, y: 0 }), br = n.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
return arguments[1].filter(function (k) {
  var b = n.body.nodes[m.idOf(k)].shape.boundingBox;
  return !(b.right > b.left && b.left < br.x && b.right > tl.x && b.top < br.y && b.bottom > tl.y);
});
"""
_LABEL = "var m = swgraphMap; return m.network.body.nodes[m.idOf(arguments[0])].options.label"


def test_an_opened_province_is_whole_in_the_next_frame_highlighted_as_made_and_labelled_when_zoomed_in(browser, national):
    ds, path = national
    page = open_file(browser, path)
    data = {o.id: page.js("return swgraphMap.nodeData(arguments[0])", o.id) for o in ds.organisations}
    by_prov = {}
    for key, d in data.items():
        if d:
            by_prov.setdefault(d["provCode"], []).append(key)
    # a county body (no pinned label) in a province that also has a prefecture's association
    code, key = next((c, k) for c, ks in sorted(by_prov.items(), key=lambda kv: -len(kv[1]))
                     if any(data[x]["tier"] == "municipal" for x in ks)
                     for k in ks if data[k]["tier"] == "county")
    assert page.js(_OPEN_AND_BOUND, code, by_prov[code]) == []
    page.js("document.getElementById('swg-crumbs').querySelector('button').click()")  # 全国: back to the overview
    # found from the overview: its province is made at the overview's zoom, where its label is too small
    assert page.js("return swgraphMap.network.getScale()") < 6 / 14  # 14 px under the draw threshold (7 px, less 1)
    assert page.js("return swgraphMap.select(arguments[0])", key) == key  # centred, zoomed in to 1
    assert page.js("return swgraphMap.network.getScale()") >= 6 / 14
    # its province, opened by the search, is made dimmed but for the node and its neighbours
    bright = set(page.js("return swgraphMap.highlighted"))
    dim = page.js("var m = swgraphMap, d = m.network.body.data.nodes; return arguments[0].map(function (k) {"
                  " return d.get(m.idOf(k)).color === 'rgba(200,200,200,0.35)'; })", by_prov[code])
    assert key in bright and len(bright) < len(by_prov[code])
    assert dim == [k not in bright for k in by_prov[code]]
    ties = page.js("var m = swgraphMap, id = m.idOf(arguments[0]); return m.network.body.data.edges.get().map(function (e) {"
                   " return [e.from === id || e.to === id, e.color.color === 'rgba(200,200,200,0.35)']; })", key)
    assert any(t[0] for t in ties) and all(touches != dimmed for touches, dimmed in ties)  # its own ties stay bright
    assert page.js(_LABEL, key) == data[key]["zh"][:18]
    page.wait_for("return swgraphMap.labelStats.settled", timeout=10)
    assert key in [b[0] for b in page.js("return swgraphMap.labelBoxes()")]  # the selected node's label is drawn
    # made again while zoomed out (a filter), then zoomed in by a script (no "zoom" event): the label comes
    page.js("var m = swgraphMap, n = m.network; m.unselect(); n.moveTo({ scale: 0.05, animation: false });"
            "m.setFilter('tier', 'county', false); m.setFilter('tier', 'county', true)")
    assert page.js("return swgraphMap.isDrawn(arguments[0])", key) and page.js(_LABEL, key) is None
    page.js("var m = swgraphMap, n = m.network, id = m.idOf(arguments[0]);"
            "n.moveTo({ position: n.getPositions([id])[id], scale: 1, animation: false }); n.redraw()", key)
    page.wait_for(_LABEL.replace("return ", "return !!"), key, timeout=10)
    assert page.console_errors() == []


def test_overview_sums_ties_between_provinces(browser, tmp_path):
    G = random_graph(400, seed=3)
    page = open_map(browser, tmp_path, G, max_nodes=100)
    shown = {tuple(sorted(e[:2])): (e[2], e[3]) for e in page.js("return swgraphMap.aggregateEdges()")}
    O = overview(G)
    expected = {tuple(sorted((u.split(":", 1)[1], v.split(":", 1)[1]))): (d["weight"], d["ties"])
                for u, v, d in O.edges(data=True)}
    assert shown == expected


@pytest.mark.parametrize("query, key", [("中国社会工作联合会", "cfsw"), ("宫蒲光", "cfsw"), ("guangdong", "gd-swa"),
                                        ("Gōng Pǔguāng", "cfsw"), ("gdsshgzslhh", "gd-swa")])
def test_search_in_the_overview_opens_the_province_and_centres_the_node(browser, national, query, key):
    _ds, path = national
    page = open_file(browser, path)
    assert not page.js("return swgraphMap.isDrawn(arguments[0])", key)  # inside a closed province
    assert page.js("return swgraphMap.search(arguments[0])", query) == key
    assert page.js("return swgraphMap.isDrawn(arguments[0])", key)
    cx, cy = page.js(CENTRE)
    pos = page.js("return swgraphMap.domPosition(arguments[0])", key)
    assert abs(pos["x"] - cx) < 3 and abs(pos["y"] - cy) < 3, (pos, cx, cy)
    if query == "宫蒲光":  # a person: found by name, shown with the post that leads to the organisation
        first = page.js("return document.querySelector('#swg-results li').textContent")
        assert first.startswith("宫蒲光") and "会长" in first and "中国社会工作联合会" in first
    assert page.console_errors() == []


def test_time_slider_hides_records_after_the_date(browser, tmp_path):
    from swgraph.application.maps import dataset_map
    from swgraph.records.dataset import load_dataset

    path = tmp_path / "seeds.html"
    path.write_text(dataset_map(load_dataset()), "utf-8")
    page = open_file(browser, path)
    assert "agr-2015-jingyue" in page.js("return swgraphMap.visibleRecords()")
    # move the slider itself to 2015-06-10 (days since its first date)
    first, _last = page.js("return swgraphMap.dateRange()")
    import datetime as dt

    days = (dt.date(2015, 6, 10) - dt.date.fromisoformat(first)).days
    page.js("var s = document.getElementById('swg-slider'); s.value = String(arguments[0]);"
            " s.dispatchEvent(new Event('input'))", days)
    assert "2015-06-10" in page.js("return document.getElementById('swg-when').textContent")
    shown = page.js("return swgraphMap.visibleRecords()")
    assert "agr-2015-jingyue" not in shown and "ev-2015-06-11-jingyue-signing" not in shown
    assert "ev-2015-06-10-jingyue-visit-cfsw" in shown  # the day before is still there
    page.js("swgraphMap.setDate('2015-06-11')")
    assert "agr-2015-jingyue" in page.js("return swgraphMap.visibleRecords()")
    page.js("swgraphMap.setDate(null)")
    assert page.console_errors() == []


def test_ego_steps_and_show_only(browser, tmp_path):
    G = small_graph()
    page = open_map(browser, tmp_path, G, layout="tier")
    page.js("swgraphMap.select('org:gz')")
    for depth in (1, 2, 3):
        assert page.js("return swgraphMap.ego(arguments[0])", depth) == sorted(nx.ego_graph(G, "org:gz", radius=depth))
    total = page.js("return swgraphMap.visibleCount")
    page.js("swgraphMap.ego(2); swgraphMap.showOnly()")
    assert page.js("return swgraphMap.visibleCount") == len(nx.ego_graph(G, "org:gz", radius=2))
    page.js("swgraphMap.showAll()")
    assert page.js("return swgraphMap.visibleCount") == total
    assert page.console_errors() == []


def test_png_and_svg_export(browser, tmp_path):
    import base64

    page = open_map(browser, tmp_path, small_graph(), layout="tier")
    url = page.js("return swgraphMap.exportPNG()")
    assert url.startswith("data:image/png;base64,")
    assert distinct_colours(base64.b64decode(url.split(",", 1)[1]), step=2) > 30
    svg = page.js("return swgraphMap.exportSVG()")
    assert svg.startswith("<svg") and svg.count("<circle") == small_graph().number_of_nodes()
    assert "中国社会工作联合会" in svg
    page.driver.find_element("id", "swg-png").click()  # the button: a download, no navigation, no leftover link
    assert page.js("return document.querySelectorAll('a').length") == 0
    assert page.console_errors() == [] and page.external_requests() == []


_NEXT_FRAME = ("var done = arguments[arguments.length - 1], n = swgraphMap.network;"
               " n.once('afterDrawing', function () { requestAnimationFrame(function () { done(); }); }); n.redraw();")


def test_the_selected_node_keeps_a_readable_label_at_any_zoom(browser, national, tmp_path):
    """A focus map opens with its focus selected and named on the map, not only in the panel."""
    from swgraph.application.maps import dataset_map

    ds, _ = national
    path = tmp_path / "focus.html"
    path.write_text(dataset_map(ds, focus="gd-swa", depth=2), "utf-8")
    page = open_file(browser, path)
    assert page.js("return swgraphMap.selected") == "gd-swa"

    def labels_after_a_frame():
        page.driver.execute_async_script(_NEXT_FRAME)
        page.wait_until(lambda: page.js("return swgraphMap.labelStats && swgraphMap.labelStats.settled"))
        page.driver.execute_async_script(_NEXT_FRAME)
        return {b[0]: b for b in page.js("return swgraphMap.labelBoxes()")}

    drawn = labels_after_a_frame()
    assert "gd-swa" in drawn and drawn["gd-swa"][4] >= 11  # at the first view, on screen, at a readable height
    assert page.console_errors() == []
