"""Unit tests of the map engine (no browser)."""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re

import networkx as nx
import pytest

from swgraph.core import geo
from swgraph.core.errors import InputError
from swgraph.core.names import search_keys
from swgraph.maps import (
    MapFigure,
    ego,
    fonts,
    force_layout,
    geo_layout,
    map_figure,
    overview,
    render_map,
    tier_layout,
    write_map,
)
from swgraph.maps.layout import projected_layout
from swgraph.maps.pack import page_keys, unpack
from swgraph.maps.page import read_data

from .mapgraphs import FED, FED_ZH, HOSTILE, hostile_graph, random_graph, small_graph

DATA_RE = re.compile(r'<script type="application/json" id="swgraph-data">(.*?)</script>', re.S)


def payload(page: str) -> dict:
    """The page's data, with node and edge dicts read back from its columns."""
    data = read_data(page)
    nodes, edges = unpack(data)
    return {**data, "nodes": nodes, "edges": edges}


def snapshot(G):
    return (sorted((str(n), repr(sorted(d.items()))) for n, d in G.nodes(data=True)),
            sorted((str(u), str(v), repr(sorted(d.items()))) for u, v, d in G.edges(data=True)))


# ----------------------------------------------------------------- self-contained


@pytest.mark.parametrize("layout", ["force", "tier", "geo"])
def test_page_is_self_contained(layout):
    page = render_map(small_graph(), layout=layout, title="t", data_date="2024-06")
    low = page.lower()
    assert "http://" not in low and "https://" not in low and "//cdn" not in low
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S)).lower()
    assert "@import" not in css
    # the only url() is the embedded subset font, as a data: URL
    assert re.sub(r"url\(data:font/(?:otf|ttf);base64,[a-z0-9+/=]+\)", "", css).count("url(") == 0
    # every src/href attribute (there is only the favicon) is a data: URL
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    for attr in re.findall(r'\b(?:src|href|action|poster|srcset)\s*=\s*["\']?([^"\'\s>]*)', markup):
        assert attr.startswith("data:"), attr
    assert low.count("<link") == 1 and 'href="data:,"' in page
    # three scripts: data (JSON, not executed), vis-network, our page script
    assert low.count("<script") == 3 and low.count("</script") == 3
    assert "vis.Network" in page and "JSON.parse" in page


def test_csp_blocks_network_and_pins_scripts():
    page = render_map(small_graph())
    (csp,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    csp = html.unescape(csp)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for s in scripts:
        digest = base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_deterministic_and_insertion_order_independent():
    G = small_graph()
    a = render_map(G, layout="force", title="x", data_date="2024")
    b = render_map(G, layout="force", title="x", data_date="2024")
    assert a == b
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed([(v, u, d) for u, v, d in G.edges(data=True)]))
    for layout in ("force", "tier", "geo"):
        assert render_map(G, layout=layout) == render_map(H, layout=layout)


def test_caller_graph_not_mutated():
    G = hostile_graph()
    before = snapshot(G)
    render_map(G, color_by="community", layout="force")
    render_map(G, focus="org:gz", depth=2)
    render_map(G, max_nodes=5)
    assert snapshot(G) == before


# ----------------------------------------------------------------- escaping


def test_hostile_text_is_escaped_everywhere():
    G = hostile_graph()
    page = render_map(G, title=HOSTILE[0], data_date=HOSTILE[1], layout="tier")
    body_wo_scripts = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    for payload_text in HOSTILE:
        if "<" in payload_text or '"' in payload_text:
            assert payload_text not in page
    # no markup from data: only our own tags exist outside the scripts
    tags = set(re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)", body_wo_scripts))
    assert tags <= {"html", "head", "meta", "link", "title", "style", "body", "header", "h1", "span",
                    "p", "main", "aside", "section", "label", "input", "ol", "div", "button",
                    "noscript", "script", "nav"}, tags
    assert "<img" not in page and "<svg onload" not in page and "<iframe" not in page
    assert "<a href" not in page
    # the title is escaped text in <title> and <h1>
    assert page.count(html.escape(HOSTILE[0], quote=True).replace("/", "&#47;")) == 2
    # the JSON block round-trips every payload exactly
    data = payload(page)
    names = {n["d"]["zh"] for n in data["nodes"]}
    assert set(HOSTILE) <= names
    assert data["title"] == HOSTILE[0]
    (blob,) = DATA_RE.findall(page)
    for ch in "<>&\u2028\u2029":
        assert ch not in blob
    assert "</" not in blob and "://" not in blob


def test_template_markers_in_data_are_not_expanded():
    G = nx.Graph()
    G.add_node("x", name_zh="<!--SWG:VIS--> <!--SWG:CSS--> {{ title }}", tier=1)
    page = render_map(G, title="<!--SWG:DATA-->", layout="tier")
    assert page.count("vis-network") < 10  # the bundle was inlined once, not again via the marker
    assert len(page) < 1_000_000
    assert payload(page)["nodes"][0]["d"]["zh"].startswith("<!--SWG:VIS-->")


# ----------------------------------------------------------------- content


def test_nodes_carry_search_and_tooltip_data():
    G = small_graph()
    data = payload(render_map(G, metrics={"pagerank": nx.pagerank(G)}, size_by="pagerank"))
    fed = next(n for n in data["nodes"] if n["d"]["key"] == FED)
    assert fed["d"]["zh"] == FED_ZH and fed["d"]["en"] == "China Federation of Social Work"
    assert fed["d"]["py"] and fed["d"]["al"] == ["中社联"]
    assert fed["d"]["src"] == [f"seed-{FED}: test record"]
    assert any(r[0] == "pagerank" for r in fed["d"]["rows"])
    sizes = {n["d"]["key"]: n["size"] for n in data["nodes"]}
    assert sizes[FED] == max(sizes.values())
    syn = next(n for n in data["nodes"] if n["d"]["key"] == "org:ag1")
    assert syn["d"]["syn"] and syn["shapeProperties"]["borderDashes"]
    assert data["legend"]["synthetic"] is True
    assert data["options"]["physics"]["enabled"] is False
    types = {e["d"]["type"] for e in data["edges"]}
    assert types == {"agreement", "visit", "meeting", "programme", "cooperation"}
    assert {e[0].split()[0] for e in data["legend"]["edges"]} == types
    dashes = {e["d"]["type"]: e["dashes"] for e in data["edges"]}
    assert dashes["agreement"] is False and dashes["visit"] and dashes["programme"]


@pytest.mark.parametrize("color_by", ["tier", "province", "community", "kind"])
def test_colour_modes_have_legends(color_by):
    data = payload(render_map(small_graph(), color_by=color_by))
    colours = {n["d"]["c"] for n in data["nodes"]}
    legend = {c for _, c in data["legend"]["colours"]}
    assert colours <= legend and len(colours) >= 2


def test_given_communities_are_used():
    G = small_graph()
    comm = {n: (0 if str(n) < "org:h" else 1) for n in G}
    data = payload(render_map(G, color_by="community", communities=comm))
    assert len({n["d"]["c"] for n in data["nodes"]}) == 2


@pytest.mark.parametrize(
    "kwargs",
    [{"color_by": "colour"}, {"layout": "spring"}, {"size_by": "nope"}, {"max_nodes": 0},
     {"depth": -1}, {"focus": "no-such-node"}, {"overview_by": "street", "max_nodes": 2}],
)
def test_bad_arguments_raise_input_error(kwargs):
    with pytest.raises(InputError):
        render_map(small_graph(), **kwargs)


def test_not_a_graph():
    with pytest.raises(InputError):
        render_map({"a": 1})


# ----------------------------------------------------------------- scale: overview, focus


def test_overview_above_max_nodes_embeds_every_node_in_province_blocks():
    G = random_graph(400, seed=3)
    page = render_map(G, max_nodes=100, title="big")
    data = payload(page)
    assert len(data["nodes"]) == 400  # the whole network travels in the page
    (note,) = re.findall(r'<p id="swg-note">(.*?)</p>', page)
    assert "above 100" in note and "Click a province" in note and "focus=" not in note
    groups = data["groups"]
    # member counts as the (independent) static overview counts them
    O = overview(G)
    assert {g[0]: g[5] for g in groups} == {n.split(":", 1)[1]: d["members"] for n, d in O.nodes(data=True)}
    for n in data["nodes"]:  # every node inside its own province's block
        g = groups[n["d"]["grp"]]
        assert math.dist((n["x"], n["y"]), (g[2], g[3])) <= g[4], n["d"]["key"]
    for i, a in enumerate(groups):  # blocks never overlap
        for b in groups[i + 1:]:
            assert math.dist(a[2:4], b[2:4]) >= a[4] + b[4] - 1.0, (a[0], b[0])
    assert len({g[6] for g in groups}) == len(groups)  # distinct province colours


def test_data_is_columns_and_grows_slowly():
    small, big = (render_map(random_graph(n, seed=5), max_nodes=10_000) for n in (500, 2000))
    assert '{"z":"' not in small and '{"z":"' in big  # big maps embed their data compressed
    keys = read_data(big)["N"]["key"]
    assert len(keys) == 2000 and FED in keys and "org:01999" in keys
    assert (len(big.encode("utf-8")) - len(small.encode("utf-8"))) / 1500 < 250  # bytes per added node
    # (one JSON object per node took ~1.4 kB)


def test_pack_round_trip_and_search_keys():
    G = small_graph()
    G.nodes["org:gz"]["aliases"] = ["穗社协", "广州社协"]
    data = payload(render_map(G, layout="tier"))
    gz = next(n for n in data["nodes"] if n["d"]["key"] == "org:gz")
    # the page derives names, pinyin and initials itself; only the alias' pinyin and initials travel
    assert set(gz["d"]["sk"]) == {"suishexie", "ssx", "guangzhoushexie", "gzsx"}
    assert page_keys(gz["d"]) | set(gz["d"]["sk"]) == search_keys(["org:gz", *[
        G.nodes["org:gz"][k] for k in ("name_zh", "name_en")], *G.nodes["org:gz"]["aliases"]])


def test_overview_by_prefecture():
    G = random_graph(300, seed=4)
    O = overview(G, by="prefecture")
    assert O.number_of_nodes() > overview(G).number_of_nodes()
    assert sum(d["members"] for _, d in O.nodes(data=True)) == 300


def test_focus_gives_ego_network():
    G = small_graph()
    data = payload(render_map(G, focus="org:gz", depth=1))
    keys = {n["d"]["key"] for n in data["nodes"]}
    assert keys == {"org:gz", "org:gd", "org:th"}
    assert data["nodes"][data["focus"]]["d"]["key"] == "org:gz"
    assert set(ego(G, "org:gz", depth=2)) == keys | {FED, "org:sz", "org:ag1"}


# ----------------------------------------------------------------- layouts


def test_tier_layout_rows():
    G = small_graph()
    pos = tier_layout(G)
    y = {n: pos[n][1] for n in G}
    assert y[FED] < y["org:gd"] < y["org:gz"] < y["org:th"] < y["org:ag1"]
    xs_tiered = [pos[n][0] for n in G if G.nodes[n]["tier"] is not None]
    assert min(pos[n][0] for n in ("org:mca", "org:pku", "org:xx")) > max(xs_tiered)


def test_projected_layout_places_by_region():
    G = small_graph()
    pos = projected_layout(G)
    gz = geo.project(*geo.coords("440100"))
    assert abs(pos["org:gz"][0] - gz[0]) < 100 and abs(pos["org:gz"][1] - gz[1]) < 100
    assert pos["org:bj"][1] < pos["org:gz"][1]  # Beijing north of Guangzhou
    assert pos[FED][1] < min(pos[n][1] for n in G if n != FED and G.nodes[n]["region"] not in ("100000", ""))
    assert len(set(pos.values())) == len(pos)  # co-located nodes are spread


def test_geo_layout_places_in_province_tiles():
    G = small_graph()
    pos = geo_layout(G)
    assert pos["org:bj"][1] < pos["org:gz"][1]  # Beijing's tile north of Guangdong's
    assert len(set(pos.values())) == len(pos)  # co-located nodes are spread


def test_layouts_deterministic_and_seeded():
    G = random_graph(200, seed=5)
    assert force_layout(G, seed=7) == force_layout(G, seed=7)
    assert force_layout(G, seed=7) != force_layout(G, seed=8)
    assert geo_layout(G) == geo_layout(G)
    assert len(set(force_layout(G).values())) == 200


def test_every_province_has_coordinates():
    from swgraph.core import regions

    for p in regions.provinces():
        lon, lat = geo.coords(p)
        assert 73 < lon < 136 and 17 < lat < 54, p


# ----------------------------------------------------------------- output


def test_write_map_atomic(tmp_path):
    out = tmp_path / "map.html"
    write_map(out, small_graph(), title="ok")
    good = out.read_text("utf-8")
    assert good.startswith("<!DOCTYPE html>")
    with pytest.raises(InputError):
        write_map(out, small_graph(), layout="nope")
    assert out.read_text("utf-8") == good
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    with pytest.raises(InputError):
        write_map(tmp_path / "missing" / "m.html", small_graph())


def test_map_figure_iframe_srcdoc():
    fig = map_figure(small_graph(), title="<b>x</b>")
    rep = fig._repr_html_()
    assert rep.startswith('<iframe sandbox="allow-scripts"') and rep.endswith("</iframe>")
    inner = rep.split('srcdoc="', 1)[1].rsplit('"></iframe>', 1)[0]
    assert "<" not in inner and '"' not in inner
    assert html.unescape(inner) == fig.html
    assert isinstance(MapFigure(fig.html), MapFigure)


def test_directed_and_multi_graphs():
    G = small_graph()
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    D.add_edge("org:gd", FED, type="visit", weight=1.0)
    D.add_edge(FED, "org:gd", type="visit", weight=2.0)
    data = payload(render_map(D, color_by="community"))
    assert len(data["edges"]) == 2 and all(e["arrows"] == "to" for e in data["edges"])
    M = nx.MultiGraph()
    M.add_nodes_from(G.nodes(data=True))
    M.add_edge("org:gd", FED, type="agreement")
    M.add_edge("org:gd", FED, type="visit")
    data = payload(render_map(M, layout="force"))
    assert sorted(e["d"]["type"] for e in data["edges"]) == ["agreement", "visit"]
    assert render_map(M) == render_map(M)


def test_minimal_attributes_are_enough():
    G = nx.path_graph(4)  # integer ids, no contract attributes at all
    data = payload(render_map(G, layout="geo", color_by="kind"))
    assert [n["d"]["key"] for n in data["nodes"]] == ["0", "1", "2", "3"]
    assert render_map(nx.Graph()).startswith("<!DOCTYPE html>")


# ----------------------------------------------------------------- embedded font

FONT_RE = re.compile(r'src: url\(data:font/(otf|ttf);base64,([A-Za-z0-9+/=]+)\)')


def _no_font(monkeypatch):
    monkeypatch.setenv("SWGRAPH_MAP_FONT", "system")
    fonts.find_font.cache_clear()
    fonts.subset_font.cache_clear()


@pytest.fixture
def clean_font_cache():
    yield
    fonts.find_font.cache_clear()
    fonts.subset_font.cache_clear()


def test_chinese_page_embeds_subset_font():
    import io

    from ..helpers import skip_or_fail

    if fonts.find_font() is None:
        skip_or_fail("no CJK font on this machine (apt install fonts-noto-cjk)")

    from fontTools.ttLib import TTFont

    G = small_graph()
    G.add_node("org:odd", name_zh="鼋鼍龘齉", kind="service_agency", tier=4)
    page = render_map(G, title="社会工作组织网络", data_date="2024-06")
    assert '<meta name="swgraph-font" content="embedded">' in page
    ((_kind, b64),) = FONT_RE.findall(page)
    assert f'font-family: "{fonts.FAMILY}"' in page
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert f'font-family: "{fonts.FAMILY}", "Noto Sans CJK SC"' in css  # first in the stack
    data = payload(page)
    assert data["font"] == fonts.FAMILY
    assert data["options"]["nodes"]["font"]["face"].startswith(f'"{fonts.FAMILY}", ')
    font = TTFont(io.BytesIO(base64.b64decode(b64)))
    cmap = font.getBestCmap()
    shown = set("鼋鼍龘齉社会工作组织网络搜索图例") | set(FED_ZH) | {chr(i) for i in range(0x20, 0x7F)}
    assert all(ord(c) in cmap for c in shown - {" "} if c.isprintable())
    assert ord("犇") not in cmap  # a subset: not on the page, not in the font
    assert len(b64) < 600_000
    low = page.lower()
    assert "http://" not in low and "https://" not in low
    assert render_map(G, title="社会工作组织网络", data_date="2024-06") == page
    fonts.subset_font.cache_clear()  # byte-identical when subset again, not only from the cache
    assert render_map(G, title="社会工作组织网络", data_date="2024-06") == page
    assert "font-src data:" in html.unescape(page)


def test_the_cut_font_is_kept_in_the_user_cache_and_a_damaged_entry_is_cut_again(tmp_path, monkeypatch,
                                                                                  clean_font_cache):
    from ..helpers import skip_or_fail

    if fonts.find_font() is None:
        skip_or_fail("no CJK font on this machine (apt install fonts-noto-cjk)")
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    fonts.find_font.cache_clear()
    fonts.subset_font.cache_clear()
    chars = fonts.page_chars("社会工作联合会")
    fresh = fonts.subset_font(chars)
    entries = sorted((tmp_path / "cache" / "fonts").rglob("*"))
    cuts = [e for e in entries if e.is_file() and e.read_bytes().startswith(b"swgraph-font-subset")]
    assert len(cuts) == 1 and cuts[0].read_bytes().endswith(fresh)
    fonts.subset_font.cache_clear()
    calls = []
    real_cut = fonts._cut
    monkeypatch.setattr(fonts, "_cut", lambda *a: calls.append(a) or real_cut(*a))
    assert fonts.subset_font(chars) == fresh and calls == []  # from the cache, byte-identical
    cuts[0].write_bytes(cuts[0].read_bytes()[:-100])  # cut short: its checksum no longer matches
    fonts.subset_font.cache_clear()
    assert fonts.subset_font(chars) == fresh and len(calls) == 1
    fonts.subset_font.cache_clear()
    assert fonts.subset_font(fonts.page_chars("另外的字")) != fresh and len(calls) == 2  # other characters: a new cut


def test_no_font_falls_back_to_system_stack(monkeypatch, clean_font_cache):
    _no_font(monkeypatch)
    page = render_map(small_graph(), title="社会工作")
    assert '<meta name="swgraph-font" content="system">' in page
    assert "@font-face" not in page and FONT_RE.search(page) is None
    assert payload(page)["font"] is None
    assert payload(page)["options"]["nodes"]["font"]["face"].startswith('"Noto Sans CJK SC"')
    assert render_map(small_graph(), title="社会工作") == page


# ----------------------------------------------------------------- labels from the kind table


def test_filters_and_legends_are_bilingual_from_the_kind_table():
    from swgraph.core import kinds
    from swgraph.maps import style

    G = small_graph()
    G.add_edge("org:gd", "org:gz", type="part_of", types=["part_of"], weight=1.0)
    data = payload(render_map(G, color_by="kind"))
    facets = data["facets"]
    assert {k: lab for k, lab, _n in facets["kind"]} == {
        k: kinds.KINDS[k].bilingual for k, _lab, _n in facets["kind"]}
    tiers = {t: lab for t, lab, _n in facets["tier"]}
    assert tiers["agency"] == "service agency 服务机构" and tiers["national"] == "national 全国"
    etypes = {t: lab for t, lab, _n in facets["etype"]}
    assert etypes["part_of"] == "part of 隶属" and etypes["agreement"] == "agreement 协议"
    assert {lab for lab, _c in data["legend"]["colours"]} <= set(style.KIND_LABELS.values())
    assert "part of 隶属" in [e[0] for e in data["legend"]["edges"]]


def test_node_sizes_come_from_the_kind_table():
    from swgraph.core import kinds

    data = payload(render_map(small_graph()))
    for n in data["nodes"]:
        assert n["size"] == kinds.KINDS[n["d"]["kind"]].size, n["d"]["key"]


def test_edge_tooltips_name_the_records_behind_a_tie():
    G = small_graph()
    u, v, d = next((u, v, d) for u, v, d in sorted(G.edges(data=True)) if d["type"] == "agreement")
    rid = d["records"][0]
    notes = {rid: {"title": "战略合作协议 <b>", "date": "2015-04", "sources": ["report-a: p. 3"]}}
    plain = payload(render_map(G))
    data = payload(render_map(G, records=notes))
    edge = next(e for e in data["edges"] if e["d"]["type"] == "agreement")
    assert edge["d"]["recs"] == [["战略合作协议 <b>", "2015-04"]]
    assert edge["d"]["src"] == ["report-a: p. 3"]
    assert edge["d"]["date"] == "2015-04"  # the record's own precision, not 2015-04-01
    other = next(e for e in data["edges"] if e["d"]["type"] == "visit")
    assert other["d"]["recs"] == [[other_id, ""] for other_id in G.edges[
        plain["nodes"][other["from"]]["d"]["key"], plain["nodes"][other["to"]]["d"]["key"]]["records"]]
    assert "recs" not in next(e for e in plain["edges"] if e["d"]["type"] == "agreement")["d"]


def test_dataset_map_edges_carry_record_titles_dates_and_sources():
    from swgraph.application.maps import dataset_map
    from swgraph.records.dataset import load_dataset

    ds = load_dataset()
    data = payload(dataset_map(ds, size_by=None))
    with_recs = [e for e in data["edges"] if e["d"].get("recs")]
    assert with_recs and any(e["d"]["src"] for e in with_recs)
    dated = {r.id: r.date_value().value for r in ds.all_records() if r.date_value() is not None}
    titles = [t for e in with_recs for t, _date in e["d"]["recs"]]
    assert any(not t.startswith(("agr", "evt", "prog")) for t in titles)
    for e in with_recs:
        shown = [date for _t, date in e["d"]["recs"] if date]
        if shown:
            assert e["d"]["date"] in shown and e["d"]["date"] in dated.values()


def test_first_view_frames_the_main_component():
    G = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(G, "government_body", "kind")
    G.add_node("far")
    G.add_edge("x", "y")
    data = payload(render_map(G, layout="force"))
    keys = {n["id"]: n["d"]["key"] for n in data["nodes"]}
    assert sorted(keys[i] for i in data["fit"]) == ["a", "b", "c", "d"]
    assert payload(render_map(nx.path_graph(3)))["fit"] == []  # connected: frame everything
    assert payload(render_map(nx.empty_graph(3)))["fit"] == []  # no ties: frame everything
