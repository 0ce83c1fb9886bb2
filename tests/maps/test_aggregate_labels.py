"""The overview's province labels have room at the start zoom: no two overlap, provinces stay in
their usual relative positions, and blocks still never overlap when opened."""

from __future__ import annotations

import math

import pytest

from swgraph.maps import render_map
from swgraph.maps.aggregate import (
    START_VIEW,
    group_label,
    hexagon_unit,
    label_boxes,
    overlapping,
    province_blocks,
    start_scale,
)
from swgraph.maps.page import read_data

from .mapgraphs import random_graph

#: canvases (CSS px) the overview must open on without two labels over each other: the smallest
#: designed for, a laptop, the browser tests' window, a wide screen
VIEWS = [START_VIEW, (1076.0, 560.0), (1110.0, 697.0), (1600.0, 900.0)]


@pytest.fixture(scope="module")
def rows():
    """Province rows of an overview page (random organisations in every province, max_nodes small)."""
    page = render_map(random_graph(1500, seed=4), max_nodes=200)
    groups = read_data(page)["groups"]
    assert len(groups) >= 33  # (nearly) every provincial division and the national bodies
    return [g[:6] for g in groups]


def boxes_at_start(rows, view, pad_px=0.0):
    s = start_scale([(g[2], g[3]) for g in rows], view)
    unit = hexagon_unit({g[0]: g[4] for g in rows}, {g[0]: g[5] for g in rows})
    return label_boxes(rows, s, unit, pad_px)


@pytest.mark.parametrize("view", VIEWS)
def test_no_two_province_labels_overlap_at_the_start_zoom(rows, view):
    assert overlapping(boxes_at_start(rows, view)) == []


def test_labels_measured_independently_do_not_overlap(rows):
    # a second, cruder measure of the same page: every character one em wide (wider than drawn)
    view = (1110.0, 697.0)
    s = start_scale([(g[2], g[3]) for g in rows], view)
    boxes = {}
    for code, name, x, y, _r, m in rows:
        half = len(group_label(name, m)) * 15.0 / s / 2 * 0.8
        boxes[code] = (x - half, y, x + half, y + 32.0 / s)
    assert overlapping(boxes) == []


def test_a_smaller_canvas_than_designed_for_is_where_labels_start_to_meet(rows):
    # the check can fail: the same picture on a quarter of the canvas has labels over each other
    assert overlapping(boxes_at_start(rows, (START_VIEW[0] / 2, START_VIEW[1] / 2)))


def test_provinces_keep_their_usual_relative_positions(rows):
    at = {g[0]: (g[2], g[3]) for g in rows}
    north_of = [("230000", "220000"), ("110000", "120000"), ("110000", "440000"), ("440000", "460000"),
                ("130000", "410000"), ("410000", "420000"), ("420000", "430000"), ("320000", "330000")]
    for a, b in north_of:
        assert at[a][1] < at[b][1], (a, b)
    west_of = [("650000", "620000"), ("510000", "500000"), ("500000", "420000"), ("420000", "340000"),
               ("340000", "320000"), ("320000", "310000"), ("450000", "440000"), ("440000", "350000")]
    for a, b in west_of:
        assert at[a][0] < at[b][0], (a, b)
    assert at["100000"][1] < min(y for c, (_x, y) in at.items() if c != "100000") + 1  # national bodies on top


def test_blocks_never_overlap_and_members_stay_in_their_block():
    G = random_graph(900, seed=8)
    pos, groups = province_blocks(G)
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            assert math.dist(a[2:4], b[2:4]) >= a[4] + b[4] - 1.0, (a[0], b[0])
    centre = {g[0]: g for g in groups}
    from swgraph.maps.aggregate import group_of

    for n, d in G.nodes(data=True):
        g = centre[group_of(d)]
        assert math.dist(pos[n], (g[2], g[3])) <= g[4]


def test_placement_is_deterministic():
    G = random_graph(600, seed=2)
    assert province_blocks(G) == province_blocks(G)


def test_a_crowd_of_groups_still_gets_apart_blocks():
    # far more groups than the canvas has room for (unknown province codes fill the top rows):
    # labels may then meet, but blocks still never overlap and nothing coincides
    import networkx as nx

    G = nx.Graph()
    for i in range(60):
        for k in range(3):
            G.add_node(f"n{i}-{k}", province=f"9{i:05d}", name_zh=f"机构{i}{k}", kind="service_agency", tier=4)
    pos, groups = province_blocks(G)
    assert len(groups) == 60 and len(set(pos.values())) == len(pos)
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            assert math.dist(a[2:4], b[2:4]) >= a[4] + b[4] - 1.0, (a[0], b[0])
