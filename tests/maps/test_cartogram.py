"""The geo layout's tile-grid cartogram: 34 provincial tiles, coverage as the analysis reports it,
nodes inside their province's tile; province colours distinct; the tier layout readable at national scale."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from swgraph.analysis.coverage import prefecture_coverage
from swgraph.core import geo, regions
from swgraph.maps import render_map, style, tier_layout
from swgraph.maps.layout import cartogram_cell, cartogram_tiles, geo_layout, province_code, tile_centre
from swgraph.maps.page import read_data

from .mapgraphs import FED, random_graph, small_graph


def cartogram_of(page: str) -> dict:
    data = read_data(page)
    return data.get("cartogram") or data["legend"]["cartogram"]


def test_one_tile_per_provincial_division_at_unique_places():
    tiles = geo.tiles()
    assert sorted(tiles) == sorted(regions.provinces()) and len(tiles) == 34
    assert len({(t.col, t.row) for t in tiles.values()}) == 34
    c = cartogram_tiles(nx.Graph())
    assert len(c["tiles"]) == 34
    assert len({(t["x"], t["y"]) for t in c["tiles"]}) == 34
    # neighbouring tiles do not overlap: centres at least one cell apart
    pts = [(t["x"], t["y"]) for t in c["tiles"]]
    assert min(math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:]) >= c["cell"]


def test_usual_relative_positions():
    t = geo.tiles()
    assert t["230000"].row < t["110000"].row < t["440000"].row < t["460000"].row  # Heilongjiang > Beijing > Guangdong > Hainan
    assert t["650000"].col < t["510000"].col < t["420000"].col < t["310000"].col  # Xinjiang west ... Shanghai east
    assert t["710000"].col > t["350000"].col  # Taiwan east of Fujian
    assert {t["810000"].row, t["820000"].row} == {t["440000"].row + 1}  # Hong Kong, Macao under Guangdong


def test_tiles_carry_the_analysis_coverage_figure():
    G = small_graph()
    cov = prefecture_coverage(G)
    page = render_map(G, layout="geo", coverage=cov)
    tiles = {t["code"]: t for t in cartogram_of(page)["tiles"]}
    assert len(tiles) == 34
    gd = tiles["440000"]
    assert gd["coverage"] == cov["440000"].share == 2 / 21  # Guangzhou and Shenzhen of 21 prefectures
    assert (gd["covered"], gd["prefectures"]) == (2, 21)
    assert gd["zh"] == "广东" and gd["en"] == "Guangdong"
    for code, t in tiles.items():  # one measure, one value, for every province
        assert t["coverage"] == cov[code].share
        assert t["color"] == style.coverage_colour(cov[code].share)
    assert tiles["110000"]["coverage"] is None  # a municipality has no prefecture level
    assert tiles["440000"]["color"] != tiles["450000"]["color"]  # covered vs uncovered


def test_cartogram_only_under_geo_maps():
    G = small_graph()
    assert "cartogram" not in read_data(render_map(G, layout="force"))["legend"]
    assert cartogram_of(render_map(G, layout="geo"))["tiles"][0]["coverage"] is None  # no coverage given


def test_nodes_sit_inside_their_province_tile():
    G = random_graph(600, seed=3)
    pos = geo_layout(G, seed=2)
    cell = cartogram_cell(G)
    tiles = geo.tiles()
    inside = 0
    for n, (x, y) in pos.items():
        code = province_code(G.nodes[n])
        if code in tiles:
            cx, cy = tile_centre(tiles[code].col, tiles[code].row, cell)
            assert abs(x - cx) < cell / 2 and abs(y - cy) < cell / 2, n
            inside += 1
    assert inside > 500
    assert len(set(pos.values())) == len(pos)
    assert geo_layout(G, seed=2) == geo_layout(G, seed=2)
    # the page's tile centres are the layout's
    page = render_map(G, layout="geo", max_nodes=10_000)
    c = cartogram_of(page)
    assert c["cell"] == cell
    gd = next(t for t in c["tiles"] if t["code"] == "440000")
    assert (gd["x"], gd["y"]) == tile_centre(tiles["440000"].col, tiles["440000"].row, cell)


def test_most_important_node_of_a_province_at_its_disc_centre():
    G = small_graph()
    pos = geo_layout(G)
    cell = cartogram_cell(G)
    t = geo.tiles()["440000"]
    cx, _cy = tile_centre(t.col, t.row, cell)
    gd = [n for n in G if province_code(G.nodes[n]) == "440000"]
    # the provincial federation (tier 1) opens Guangdong's spiral: on the tile's centre line,
    # every other Guangdong node further from the disc centre
    assert pos["org:gd"][0] == cx
    assert all(math.dist(pos["org:gd"], pos[n]) > 0 for n in gd if n != "org:gd")
    disc = pos["org:gd"]
    ranked = sorted(gd, key=lambda n: math.dist(disc, pos[n]))
    assert ranked[0] == "org:gd"


def test_province_colours_are_distinct():
    colours = [style.province_colour(c) for c in regions.provinces()]
    assert len(set(colours)) == 34

    def lab(hexc):
        def f(c):
            c /= 255
            return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92
        r, g, b = (f(int(hexc[i:i + 2], 16)) for i in (1, 3, 5))
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        h = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
        return 116 * h(y) - 16, 500 * (h(x) - h(y)), 200 * (h(y) - h(z))

    labs = [lab(c) for c in colours]
    assert min(math.dist(a, b) for i, a in enumerate(labs) for b in labs[i + 1:]) >= 20


def test_province_colouring_uses_the_distinct_colours():
    G = random_graph(300, seed=4)
    data = read_data(render_map(G, color_by="province", layout="geo"))
    colours = [c for _label, c in data["legend"]["colours"]]
    assert len(colours) == len(set(colours))
    assert set(colours) - {style.UNKNOWN_COLOUR} <= set(style.DISTINCT_34)


@pytest.fixture(scope="module")
def national_graph(tmp_path_factory):
    from swgraph.graph import project
    from swgraph.records.dataset import load_dataset
    from swgraph.synthetic import write_generated

    folder = tmp_path_factory.mktemp("national-2015")
    write_generated(folder / "data", scale=1.0, seed=1)
    return project(load_dataset([folder / "data"]), "collaboration")


def _aspect(pos):
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return (max(xs) - min(xs)) / (max(ys) - min(ys))


def test_tier_layout_of_a_national_network_is_not_a_strip(national_graph):
    G = national_graph
    assert G.number_of_nodes() > 3000
    pos = tier_layout(G)
    assert 0.5 <= _aspect(pos) <= 2.0
    assert len(set(pos.values())) == len(pos)
    # rings: the federation at the centre, each lower tier further out
    radius = {}
    for n, (x, y) in pos.items():
        t = G.nodes[n].get("tier")
        if isinstance(t, int):
            radius.setdefault(t, []).append(math.hypot(x, y))
    tiers = sorted(radius)
    for a, b in zip(tiers, tiers[1:]):
        assert max(radius[a]) < min(radius[b]), (a, b)


def test_geo_cartogram_of_a_national_network(national_graph):
    G = national_graph
    pos = geo_layout(G)
    cell = cartogram_cell(G)
    tiles = geo.tiles()
    for n, (x, y) in pos.items():
        code = province_code(G.nodes[n])
        if code in tiles:
            cx, cy = tile_centre(tiles[code].col, tiles[code].row, cell)
            assert abs(x - cx) < cell / 2 and abs(y - cy) < cell / 2, n
    cov = prefecture_coverage(G)
    c = cartogram_tiles(G, cov)
    gd = next(t for t in c["tiles"] if t["code"] == "440000")
    assert gd["covered"] == 14 and gd["prefectures"] == 21  # the 2015 report: 14 of 21 in Guangdong


def test_small_tier_layout_keeps_rows():
    G = small_graph()
    pos = tier_layout(G)
    assert pos[FED][1] < pos["org:gd"][1] < pos["org:gz"][1]
