"""Shrinking a graph for drawing: overviews by region and ego networks.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("a", province="440000", province_name="广东省", name_zh="甲")
>>> G.add_node("b", province="440000", province_name="广东省", name_zh="乙")
>>> G.add_node("c", province="110000", province_name="北京市", name_zh="丙")
>>> G.add_edge("a", "c", weight=2.0, type="visit"); G.add_edge("b", "c", weight=1.0, type="agreement")
>>> O = overview(G)
>>> O.nodes["region:440000"]["members"], O.edges["region:440000", "region:110000"]["weight"]
(2, 3.0)
>>> sorted(ego(G, "a", depth=1))
['a', 'c']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable

import networkx as nx

from swgraph.core import regions
from swgraph.core.errors import InputError

NATIONAL = "100000"
UNKNOWN = "unknown"


def _group_of(d: dict, by: str) -> str:
    region = str(d.get("region") or "")
    prov = str(d.get("province") or "") or (regions.province_of(region) or "" if region else "")
    if by == "prefecture" and region:
        pref = regions.prefecture_of(region)
        if pref:
            return pref
    if prov:
        return prov
    if region == NATIONAL or d.get("tier") == 0:
        return NATIONAL
    return UNKNOWN


def overview(G: nx.Graph, *, by: str = "province", top: int = 5) -> nx.Graph:
    """One node per region group, sized by member count; edges sum the ties between groups.

    Parameters
    ----------
    G : graph following ``docs/graph-contract.md``
    by : ``'province'`` or ``'prefecture'`` (city; nodes outside a prefecture stay with their province)
    top : how many best-connected members each group lists (ids to drill down with ``focus``)

    Returns
    -------
    nx.Graph whose nodes are ``"region:<code>"`` (or ``"region:unknown"``) with contract
    attributes plus ``members`` (count), ``kinds`` (Counter), ``internal_ties``,
    ``top_members`` (list of (id, name)); edges carry ``weight`` (summed), ``ties`` (count),
    ``types`` (sorted list) and ``type_counts``.
    """
    if by not in ("province", "prefecture"):
        raise InputError(f"overview by {by!r}: choose 'province' or 'prefecture'")
    group: dict[Hashable, str] = {n: _group_of(d, by) for n, d in G.nodes(data=True)}
    members: dict[str, list] = {}
    for n, g in group.items():
        members.setdefault(g, []).append(n)
    deg = dict(G.degree(weight="weight"))
    O = nx.Graph()
    for g in sorted(members):
        ms = members[g]
        if g == UNKNOWN:
            name, prov = "地区不明", ""
        elif g == NATIONAL:
            name, prov = "全国性机构", ""
        else:
            name, prov = regions.name(g) or g, (regions.province_of(g) or g)
        ranked = sorted(ms, key=lambda n: (-deg.get(n, 0), str(n)))[:top]
        O.add_node(
            f"region:{g}",
            kind="aggregate",
            group="aggregate",
            tier=None,
            tier_name="other",
            name_zh=name,
            name_en=f"{len(ms)} members",
            pinyin="",
            aliases=[g],
            region=g if g != UNKNOWN else "",
            province=prov,
            province_name=regions.name(prov) if prov else "",
            synthetic=all(G.nodes[n].get("synthetic", False) for n in ms),
            sources=[],
            members=len(ms),
            kinds=Counter(str(G.nodes[n].get("kind") or "?") for n in ms),
            internal_ties=0,
            top_members=[(str(n), str(G.nodes[n].get("name_zh") or n)) for n in ranked],
        )
    for u, v, d in G.edges(data=True):
        gu, gv = f"region:{group[u]}", f"region:{group[v]}"
        if gu == gv:
            O.nodes[gu]["internal_ties"] += 1
            continue
        if not O.has_edge(gu, gv):
            O.add_edge(gu, gv, type="aggregate", weight=0.0, ties=0, type_counts=Counter(), synthetic=True)
        e = O.edges[gu, gv]
        w = d.get("weight", 1.0)
        e["weight"] += float(w) if isinstance(w, (int, float)) else 1.0
        e["ties"] += 1
        e["type_counts"][str(d.get("type") or "?")] += 1
        e["synthetic"] = e["synthetic"] and bool(d.get("synthetic", False))
    for _, _, e in O.edges(data=True):
        e["types"] = sorted(e["type_counts"])
    return O


def ego(G: nx.Graph, focus: Hashable, *, depth: int = 1) -> nx.Graph:
    """The subgraph of nodes within ``depth`` hops of ``focus`` (edge direction ignored).

    Raises :class:`~swgraph.core.errors.InputError` if ``focus`` is not a node or ``depth`` < 0.
    """
    if focus not in G:
        # ids typed on a command line arrive as text
        matches = [n for n in G.nodes if str(n) == str(focus)]
        if len(matches) != 1:
            raise InputError(f"focus node {focus!r} is not in the graph")
        focus = matches[0]
    if not isinstance(depth, int) or depth < 0:
        raise InputError(f"depth must be a non-negative integer, got {depth!r}")
    # breadth-first over successors and predecessors: no undirected copy of the whole graph
    # (nx.ego_graph(undirected=True) copies G first: 1.7 s on national-2015)
    seen, frontier = {focus}, [focus]
    nbrs = (lambda v: (*G.successors(v), *G.predecessors(v))) if G.is_directed() else G.neighbors
    for _ in range(depth):
        nxt = []
        for v in frontier:
            for w in nbrs(v):
                if w not in seen:
                    seen.add(w)
                    nxt.append(w)
        if not nxt:
            break
        frontier = nxt
    return G.subgraph(seen).copy()


def group_of(d: dict) -> str:
    """The province code a node's attributes place it in (``100000`` national, ``unknown``)."""
    return _group_of(d, "province")


def group_name(code: str) -> str:
    """Chinese name of a group: the province's, or 全国性机构 / 地区不明."""
    if code == UNKNOWN:
        return "地区不明"
    if code == NATIONAL:
        return "全国性机构"
    return regions.name(code) or code


def _block(G: nx.Graph, members: list, seed: int, spacing: float) -> dict:
    """Member positions around (0, 0): force layout for small groups, a sunflower by importance else."""
    from swgraph.maps.layout import force_layout, node_key, spiral  # noqa: PLC0415 - layout imports igraph lazily

    if 1 < len(members) <= BLOCK_FORCE_MAX:
        pos = force_layout(G.subgraph(members), seed=seed)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
        k = spacing * 0.5 * math.sqrt(len(members)) / half
        return {n: ((x - cx) * k, (y - cy) * k) for n, (x, y) in pos.items()}
    deg = G.degree(members)

    def importance(n):
        t = G.nodes[n].get("tier")
        return (t if isinstance(t, int) and not isinstance(t, bool) else 9, -deg[n], node_key(n))

    if len(members) <= BLOCK_FORCE_MAX:
        ranked = sorted(members, key=importance)
        return dict(zip(ranked, spiral(0.0, 0.0, len(ranked), spacing=spacing * 0.5)))
    # a big province: one sunflower per prefecture (most important members in its middle),
    # the prefectures at their own places, spread until none overlaps
    from swgraph.core import geo  # noqa: PLC0415

    by_pref: dict[str, list] = {}
    for n in members:
        region = str(G.nodes[n].get("region") or "")
        by_pref.setdefault((regions.prefecture_of(region) if region else None) or "", []).append(n)
    codes = sorted(by_pref)
    radius = {c: spacing * 0.5 * math.sqrt(len(by_pref[c])) + spacing for c in codes}
    where = {c: geo.project(*geo.coords(c)) for c in codes if c and geo.coords(c) is not None}
    # members without a prefecture (the provincial bodies) and unplaced prefectures: in the middle
    mid = (sum(p[0] for p in where.values()) / len(where), sum(p[1] for p in where.values()) / len(where)) \
        if where else (0.0, 0.0)
    for i, c in enumerate(codes):
        where.setdefault(c, (mid[0] + math.cos(i) * 1e-3, mid[1] + math.sin(i) * 1e-3))
    centre = _spread(codes, where, radius)
    pos = {}
    for c in codes:
        ranked = sorted(by_pref[c], key=importance)
        pos.update(zip(ranked, spiral(*centre[c], len(ranked), spacing=spacing * 0.5)))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (x - mx, y - my) for n, (x, y) in pos.items()}


def _spread(codes: list, placed: dict, radius: dict, rounds: int = 300) -> dict:
    """Block centres: the places scaled so neighbours just touch, then pushed apart until none overlap."""
    if len(codes) < 2:
        return {g: (0.0, 0.0) for g in codes}
    need = []
    for a in codes:
        near = min((b for b in codes if b != a), key=lambda b: math.dist(placed[a], placed[b]))
        need.append((radius[a] + radius[near]) / (math.dist(placed[a], placed[near]) or 1e-9))
    k = sorted(need)[len(need) // 2]
    c = {g: [placed[g][0] * k, placed[g][1] * k] for g in codes}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                dx, dy = c[b][0] - c[a][0], c[b][1] - c[a][1]
                dist = math.hypot(dx, dy)
                gap = radius[a] + radius[b] - dist
                if gap > 1e-6:
                    if dist < 1e-9:
                        dx, dy, dist = 1.0, 0.0, 1.0
                    push = gap / 2 + 0.5
                    c[a][0] -= dx / dist * push
                    c[a][1] -= dy / dist * push
                    c[b][0] += dx / dist * push
                    c[b][1] += dy / dist * push
                    moved = True
        if not moved:
            break
    return {g: (c[g][0], c[g][1]) for g in codes}


#: groups up to this size get a force layout of their own in the overview; bigger ones a sunflower
BLOCK_FORCE_MAX = 600

#: the smallest map canvas (CSS px, width x height) on which the overview's province labels are
#: kept apart at the start zoom; a bigger canvas draws the same picture with more room between them
START_VIEW = (900.0, 500.0)
#: how the page draws a closed province at the start zoom (map.js ``groupNode`` / ``groupSize`` /
#: ``fitStart``): label font px, gap between hexagon and label px, hexagon size bounds px,
#: the share of a block's radius its hexagon may take, vis-network's fit margin, the start zoom-out.
#: The page fits the centres into the canvas between its breadcrumb and time slider, then sizes the
#: hexagons itself (map.js ``sizeHexagons``: area by members, as big as keeps every hexagon and label
#: apart, 4-45 px; labels down to 12 px on an area too small for 15 px ones)
LABEL_PX, LABEL_GAP_PX, HEX_MIN_PX, HEX_MAX_PX, HEX_SHARE, FIT_MARGIN, START_ZOOM = \
    15.0, 8.0, 8.0, 45.0, 0.6, 1.1, 0.9
#: space kept between two provinces' labels (px)
LABEL_PAD_PX = 4.0


def group_label(name: str, members: int) -> str:
    """The text the page writes under a closed province: ``name (members)``."""
    return f"{name} ({members:,})"


def label_width_px(label: str, px: float = LABEL_PX) -> float:
    """A slightly generous width of ``label`` drawn at ``px``: a CJK character 1 em, a digit 0.6 em,
    other characters 0.4 em (the page's embedded font draws 北京市 (297) 84 px wide at 15 px).

    >>> label_width_px("北京市 (297)")
    90.0
    """
    return round(sum(1.0 if ord(ch) >= 0x2E80 else 0.6 if ch.isdigit() else 0.4 for ch in label) * px, 1)


def start_scale(centres, view: tuple[float, float] = START_VIEW) -> float:
    """The zoom the page opens the overview at on a ``view`` canvas: vis-network fits the
    hexagons' centres (with its margin :data:`FIT_MARGIN`), then the page zooms out to :data:`START_ZOOM`.

    >>> round(start_scale([(0, 0), (1000, 500)], (1100, 550)), 4)
    0.9
    """
    xs = [c[0] for c in centres]
    ys = [c[1] for c in centres]
    ex, ey = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return START_ZOOM * min(view[0] / (FIT_MARGIN * ex), view[1] / (FIT_MARGIN * ey))


def hexagon_unit(radius: dict, members: dict) -> float:
    """Canvas size of a closed province's hexagon per square root of members: one scale for every
    province, none wider than :data:`HEX_SHARE` of its block (the page's ``SIZE_C``)."""
    return min(radius[g] * HEX_SHARE / math.sqrt(max(members[g], 1)) for g in radius)


def label_boxes(rows, scale: float, unit: float, pad_px: float = 0.0) -> dict:
    """Canvas boxes ``(x0, y0, x1, y1)`` of each closed province at zoom ``scale``: its hexagon and,
    under it, its label (:func:`group_label`, :func:`label_width_px`), widened by ``pad_px``.

    ``rows`` are :func:`province_blocks` rows ``[code, name, x, y, radius, members]``; ``unit``
    is :func:`hexagon_unit`. With ``scale=1`` and ``unit`` in pixels the boxes are in pixels.
    """
    out = {}
    for code, name, x, y, _r, m in rows:
        hexs = min(max(unit * math.sqrt(max(m, 1)), HEX_MIN_PX / scale), HEX_MAX_PX / scale)
        half = max(label_width_px(group_label(name, m)) / scale / 2, hexs)
        p = pad_px / scale
        out[code] = (x - half - p, y - hexs - p, x + half + p, y + hexs + (LABEL_GAP_PX + LABEL_PX) / scale + p)
    return out


def overlapping(boxes: dict) -> list[tuple[str, str]]:
    """Pairs of keys whose boxes ``(x0, y0, x1, y1)`` intersect.

    >>> overlapping({"a": (0, 0, 2, 2), "b": (1, 1, 3, 3), "c": (2, 0, 4, 1.5)})
    [('a', 'b'), ('b', 'c')]
    """
    keys = sorted(boxes)
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]
            if boxes[a][0] < boxes[b][2] and boxes[b][0] < boxes[a][2]
            and boxes[a][1] < boxes[b][3] and boxes[b][1] < boxes[a][3]]


def _grid_cells(codes: list) -> dict:
    """Each group's cell in the tile grid of :func:`swgraph.core.geo.tiles` (column east, row south):
    a province its own tile; national bodies, unknown regions (and any other group) the empty
    cells of the top rows, the middle first, in that order."""
    from swgraph.core import geo  # noqa: PLC0415

    tiles = geo.tiles()
    cells = {g: (float(tiles[g].col), float(tiles[g].row)) for g in codes if g in tiles}
    used = {(t.col, t.row) for t in tiles.values()}
    cols = [t.col for t in tiles.values()]
    mid = (min(cols) + max(cols)) / 2
    free = sorted(((c, r) for r in range(2) for c in range(min(cols), max(cols) + 1) if (c, r) not in used),
                  key=lambda cr: (cr[1], abs(cr[0] - mid), cr[0]))
    others = sorted((g for g in codes if g not in tiles), key=lambda g: (g != NATIONAL, g != UNKNOWN, g))
    for i, g in enumerate(others):
        c, r = free[i] if i < len(free) else (max(cols) + 1, i - len(free))
        cells[g] = (float(c), float(r))
    return cells


def _place_blocks(codes: list, radius: dict, members: dict, view=START_VIEW, rounds: int = 500) -> dict:
    """Block centres: the tile grid drawn to fill a ``view`` canvas at the start zoom, where no two
    provinces' hexagon-and-label boxes (:func:`label_boxes`) overlap, then taken to canvas units
    at a zoom at which no two blocks overlap either.

    In pixels the cells are as wide and as high as the start zoom allows; a label wider than its
    cell pushes its neighbours along the row (each overlap undone along its shallower axis, half
    by each side), every centre staying in the part of the canvas the start zoom fills and every
    label on the canvas. Hexagons are kept low enough for a row (they grow with members).
    A picture scaled up keeps boxes apart: any canvas at least ``view`` in both directions
    draws no two labels over each other.
    """
    cells = _grid_cells(codes)
    if len(codes) < 2:
        return {g: (0.0, 0.0) for g in codes}
    fx, fy = (v * START_ZOOM / FIT_MARGIN / 2 for v in view)
    cs = [c for c, _ in cells.values()]
    rs = [r for _, r in cells.values()]
    cmid, rmid = (max(cs) + min(cs)) / 2, (max(rs) + min(rs)) / 2
    col_px = 2 * fx / max(max(cs) - min(cs), 1.0)
    row_px = 2 * fy / max(max(rs) - min(rs), 1.0)
    p = {g: [(cells[g][0] - cmid) * col_px, (cells[g][1] - rmid) * row_px] for g in codes}
    unit = hexagon_unit(radius, members)
    hex_cap = min(max(HEX_MIN_PX, (row_px - LABEL_GAP_PX - LABEL_PX - LABEL_PAD_PX) / 2 - 1), HEX_MAX_PX)
    scale = hex_cap / (unit * math.sqrt(max(members.values())))
    rows = [[g, group_name(g), 0.0, 0.0, radius[g], members[g]] for g in codes]
    rel = label_boxes(rows, 1.0, unit * scale, LABEL_PAD_PX / 2)
    half_w = view[0] / 2
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                ra, rb, pa, pb = rel[a], rel[b], p[a], p[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                ox = min(ra[2], rb[2] + dx) - max(ra[0], rb[0] + dx)
                oy = min(ra[3], rb[3] + dy) - max(ra[1], rb[1] + dy)
                if ox <= 0 or oy <= 0:
                    continue
                axis, over, d = (0, ox, dx) if ox < oy else (1, oy, dy)
                sign = 1.0 if d > 0 or (d == 0 and a < b) else -1.0
                pa[axis] -= sign * (over / 2 + 0.25)
                pb[axis] += sign * (over / 2 + 0.25)
                moved = True
        for g in codes:
            lo, hi = max(-fx, -half_w - rel[g][0]), min(fx, half_w - rel[g][2])
            p[g][0] = min(max(p[g][0], lo), hi) if lo <= hi else 0.0
            p[g][1] = min(max(p[g][1], -fy), fy)
        if not moved:
            break
    # canvas units: no two blocks overlap (hexagons only shrink below the size measured)
    for i, a in enumerate(codes):  # (a crowd squeezed into a corner: never two at one point)
        for b in codes[i + 1:]:
            if math.dist(p[a], p[b]) < 1e-6:
                p[b][0] += 1.0
    scale = min([scale] + [math.dist(p[a], p[b]) / (radius[a] + radius[b])
                           for i, a in enumerate(codes) for b in codes[i + 1:]])
    return {g: (p[g][0] / scale, p[g][1] / scale) for g in codes}


def province_blocks(G: nx.Graph, *, seed: int = 0, spacing: float = 90.0):
    """Positions for the drill-down overview: each province's members in a block at the province's place.

    Blocks are laid out on their own (see :data:`BLOCK_FORCE_MAX`), then placed on the tile grid
    of China's provinces (:func:`swgraph.core.geo.tiles`, the geo cartogram's) so that at the
    page's start zoom on a canvas of at least :data:`START_VIEW` no two provinces' labels overlap,
    and far enough apart that no two blocks overlap when opened (:func:`_place_blocks`); national
    bodies and nodes of unknown region sit in the empty north-west of the grid.

    Returns
    -------
    (pos, groups) : ``{node: (x, y)}`` and one row per group
        ``[code, name, x, y, radius, member count]`` sorted by code.
    """
    members: dict[str, list] = {}
    for n, d in G.nodes(data=True):
        members.setdefault(group_of(d), []).append(n)
    blocks, radius = {}, {}
    for g in sorted(members):
        blocks[g] = _block(G, members[g], seed, spacing)
        radius[g] = max([math.hypot(x, y) for x, y in blocks[g].values()] + [0.0]) + spacing
    codes = sorted(blocks)
    centre = _place_blocks(codes, radius, {g: len(members[g]) for g in codes})
    pos, groups = {}, []
    for g in codes:
        cx, cy = centre[g]
        for n, (x, y) in blocks[g].items():
            pos[n] = (round(cx + x, 1) + 0.0, round(cy + y, 1) + 0.0)
        groups.append([g, group_name(g), round(cx, 1), round(cy, 1), round(radius[g], 1), len(members[g])])
    return pos, groups
