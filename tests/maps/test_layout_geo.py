"""The geo cartogram keeps every province's nodes inside its tile, legibly: each node's disc (at the
size the page draws it) inside the tile's square and under its label band, no two discs overlapping."""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict
from importlib import resources

import pytest

from swgraph.core import geo
from swgraph.maps import render_map
from swgraph.maps.layout import (
    _DISC,
    CARTOGRAM_GAP,
    cartogram_cell,
    disc_centre,
    geo_layout,
    pack_discs,
    province_code,
    tile_centre,
)
from swgraph.maps.pack import unpack
from swgraph.maps.page import read_data

from .mapgraphs import random_graph

SIDE = 0.96  # the share of a cell cartogram.js paints as the tile's square


def check_tiles(nodes, cell, gap):
    """Problems of ``nodes`` = [(province code, x, y, radius)] on tiles ``cell`` wide."""
    tiles = geo.tiles()
    problems, by = [], defaultdict(list)
    for code, x, y, r in nodes:
        t = tiles[code]
        cx, cy = tile_centre(t.col, t.row, cell)
        if abs(x - cx) + r > SIDE * cell / 2 or abs(y - cy) + r > SIDE * cell / 2:
            problems.append(("over the tile's edge", code, x, y, r))
        dx, dy = disc_centre(t.col, t.row, cell)
        if math.dist((x, y), (dx, dy)) + r > _DISC * cell / 2 + 0.2:
            problems.append(("outside the disc under the label", code, x, y, r))
        by[code].append((x, y, r))
    for code, discs in by.items():
        for i, a in enumerate(discs):
            for b in discs[i + 1:]:
                if math.dist(a[:2], b[:2]) < a[2] + b[2] + gap - 0.5:  # positions are rounded to 0.1
                    problems.append(("discs overlap", code, a, b))
    return problems


def test_nodes_fit_their_tiles_at_their_drawn_sizes():
    G = random_graph(2500, seed=6)
    rng = random.Random(1)
    sizes = {n: rng.choice([8.0, 8.0, 8.0, 12.0, 20.0, 40.0]) for n in G}
    pos = geo_layout(G, sizes=sizes)
    cell = cartogram_cell(G, sizes)
    nodes = [(province_code(G.nodes[n]), *pos[n], sizes[n]) for n in G if province_code(G.nodes[n])]
    assert len(nodes) > 2000
    assert check_tiles(nodes, cell, CARTOGRAM_GAP) == []
    # bigger nodes: bigger tiles, still fitting
    big = {n: 2 * s for n, s in sizes.items()}
    assert cartogram_cell(G, big) > cell
    pos2 = geo_layout(G, sizes=big)
    nodes2 = [(c, *pos2[n], big[n]) for (c, *_), n in zip(nodes, [n for n in G if province_code(G.nodes[n])])]
    assert check_tiles(nodes2, cartogram_cell(G, big), CARTOGRAM_GAP) == []


def test_the_check_fails_on_a_crowded_tile():
    # the same nodes on tiles half as wide spill over and overlap: the check can fail
    G = random_graph(2500, seed=6)
    pos = geo_layout(G)
    cell = cartogram_cell(G)
    tiles = geo.tiles()
    nodes = []
    for n in G:
        code = province_code(G.nodes[n])
        if code:
            t = tiles[code]
            cx, cy = tile_centre(t.col, t.row, cell)
            hx, hy = tile_centre(t.col, t.row, cell / 2)
            nodes.append((code, hx + (pos[n][0] - cx) * 0.8, hy + (pos[n][1] - cy) * 0.8, 12.0))
    kinds = {p[0] for p in check_tiles(nodes, cell / 2, CARTOGRAM_GAP)}
    assert {"discs overlap", "outside the disc under the label"} <= kinds


@pytest.fixture(scope="module")
def national_page(tmp_path_factory):
    from swgraph.graph import project
    from swgraph.records.dataset import load_dataset
    from swgraph.synthetic import write_generated

    folder = tmp_path_factory.mktemp("national-geo")
    write_generated(folder / "data", scale=1.0, seed=1)
    G = project(load_dataset([folder / "data"]), "collaboration")
    return G, render_map(G, layout="geo", size_by="degree", max_nodes=10_000)


def test_national_2015_geo_page_fits_every_province_in_its_tile(national_page):
    # as the page draws it: its own cell, its own node sizes (by degree, 8-40)
    G, page = national_page
    data = read_data(page)
    nodes, _ = unpack(data)
    cell = (data.get("cartogram") or data["legend"]["cartogram"])["cell"]
    by_key = {str(n): n for n in G}
    placed = []
    for n in nodes:
        code = province_code(G.nodes[by_key[n["d"]["key"]]])
        if code in geo.tiles():
            placed.append((code, n["x"], n["y"], n["size"]))
    assert len(placed) > 3500 and max(p[3] for p in placed) > 30
    assert check_tiles(placed, cell, CARTOGRAM_GAP) == []
    # the crowded east: every node of Beijing .. Guangdong inside its own tile
    east = {"110000", "120000", "130000", "310000", "320000", "330000", "440000"}
    assert sum(p[0] in east for p in placed) > 700


def test_pack_discs_keeps_discs_apart():
    rs = [40.0, 30.0] + [8.0] * 300 + [20.0] * 10
    pts = pack_discs(rs)
    assert pts[0] == (0.0, 0.0)
    for i in range(len(rs)):
        for j in range(i + 1, len(rs)):
            assert math.dist(pts[i], pts[j]) >= rs[i] + rs[j] + CARTOGRAM_GAP - 1e-9
    # compact: the discs fill at least half of the circle around them
    extent = max(math.hypot(*p) + r for p, r in zip(pts, rs))
    assert sum(math.pi * (r + CARTOGRAM_GAP / 2) ** 2 for r in rs) > 0.5 * math.pi * extent ** 2


def test_tile_label_band_in_cartogram_js_matches_the_layout():
    js = resources.files("swgraph.maps").joinpath("assets/cartogram.js").read_text("utf-8")
    band = float(re.search(r"var BAND = ([0-9.]+);", js).group(1))
    cell = 1000.0
    _cx, cy = tile_centre(3, 3, cell)
    _dx, dy = disc_centre(3, 3, cell)
    assert math.isclose((dy - _DISC * cell / 2) - (cy - SIDE * cell / 2), band * cell)
