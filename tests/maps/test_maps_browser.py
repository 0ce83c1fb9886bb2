"""The rendered pages in headless Chromium, offline (see tests/browser.py)."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from swgraph.maps import fonts, write_map

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
    assert page.js("return swgraphMap.nodeCount") <= 36
    assert "max_nodes=200" in page.js("return document.getElementById('swg-note').textContent")
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
