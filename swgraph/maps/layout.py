"""Deterministic node positions for maps, computed in Python.

Every layout is a pure function ``f(G, *, seed=0) -> {node: (x, y)}`` in canvas
units (y grows downwards). Same graph and seed give the same positions,
whatever order the nodes were inserted in; positions are rounded to 0.1 so the
rendered HTML is byte-identical.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("fed", tier=0, kind="national_federation", name_zh="联合会")
>>> G.add_node("gd", tier=1, kind="provincial_association", name_zh="广东", province="440000")
>>> G.add_edge("fed", "gd", weight=1.0)
>>> pos = tier_layout(G)
>>> pos["fed"][1] < pos["gd"][1]           # federation above the provinces
True
>>> force_layout(G, seed=1) == force_layout(G, seed=1)
True
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping

import networkx as nx

from swgraph.core import geo, kinds, libraries, regions
from swgraph.core.errors import InputError
from swgraph.maps import style

Pos = dict[Hashable, tuple[float, float]]

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def node_key(n: Hashable) -> tuple[str, str]:
    """Sort key for nodes of any hashable type: by text, then type name."""
    return (str(n), type(n).__name__)


def ordered_nodes(G: nx.Graph) -> list[Hashable]:
    """The nodes of ``G`` in a canonical order (independent of insertion order)."""
    return sorted(G.nodes, key=node_key)


def _round(pos: Pos) -> Pos:
    return {n: (round(x, 1) + 0.0, round(y, 1) + 0.0) for n, (x, y) in pos.items()}


def _seed_int(seed: int, *parts: str) -> int:
    h = hashlib.blake2b(repr((seed, *parts)).encode("utf-8"), digest_size=8)
    return int.from_bytes(h.digest(), "big")


def spiral(cx: float, cy: float, count: int, *, spacing: float = 16.0, start: float = 0.0):
    """``count`` points in a sunflower spiral around (cx, cy): no two coincide.

    >>> spiral(0, 0, 1)
    [(0.0, 0.0)]
    >>> len(set(spiral(0, 0, 50)))
    50
    """
    pts = []
    for i in range(count):
        r = spacing * math.sqrt(i)
        a = start + i * _GOLDEN_ANGLE
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _grid(x0: float, y0: float, items: list, *, cols: int, dx: float, dy: float) -> Pos:
    return {n: (x0 + (i % cols) * dx, y0 + (i // cols) * dy) for i, n in enumerate(items)}


def force_layout(G: nx.Graph, *, seed: int = 0, niter: int | None = None) -> Pos:
    """Fruchterman–Reingold (igraph) from seeded initial positions, scaled to the node count.

    Edge ``weight`` pulls tied nodes closer. Deterministic for a given ``seed``.
    """
    igraph = libraries.igraph()  # on first use: start-up stays cheap

    nodes = ordered_nodes(G)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    best: dict[tuple[int, int], float] = {}
    for u, v, d in G.edges(data=True):
        a, b = sorted((index[u], index[v]))
        if a == b:
            continue
        w = d.get("weight", 1.0)
        w = float(w) if isinstance(w, (int, float)) and w > 0 else 1.0
        best[(a, b)] = max(w, best.get((a, b), 0.0))  # parallel/antiparallel edges: strongest
    edges = sorted(best)
    weights = [best[e] for e in edges]
    g = igraph.Graph(n=n, edges=edges)
    rng = random.Random(seed)
    init = [[rng.uniform(-1, 1) * math.sqrt(n), rng.uniform(-1, 1) * math.sqrt(n)] for _ in range(n)]
    if niter is None:
        niter = 500 if n <= 2000 else 300
    # igraph draws from a global RNG (grid placement, coincident nodes): pin it
    igraph.set_random_number_generator(random.Random(seed))
    try:
        lay = g.layout_fruchterman_reingold(
            weights=weights or None, niter=niter, seed=init, grid="auto" if n > 1000 else "nogrid"
        )
    finally:
        igraph.set_random_number_generator(random)
    coords = lay.coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    target = 200.0 * math.sqrt(n)  # ~200 canvas units per node along each side
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    k = target / span
    return _round({v: ((coords[i][0] - cx) * k, (coords[i][1] - cy) * k) for v, i in index.items()})


#: vertical order of the tier layout: tier value -> row (the kind table's tiers, top down)
TIER_ROWS = {tier: row for row, tier in enumerate(sorted(kinds.TIERS))}


#: the tier layout goes radial when its rows would draw a picture wider than this times its height
TIER_MAX_ASPECT = 2.5
#: radial tier layout: least distance of neighbours along a ring, between sub-rings, between tiers
RING_STEP, SUBRING_GAP, TIER_GAP = 60.0, 80.0, 300.0
#: a tier of at most LABEL_RING_MAX nodes gets one ring wide enough for a label per LABEL_STEP
LABEL_RING_MAX, LABEL_STEP = 120, 140.0


def _side_cols(count: int) -> int:
    """Columns of the side band of untiered nodes."""
    return max(2, int(math.ceil(math.sqrt(count) / 2)))


def _tier_aspect(counts: list[int], others: int, per_line: int, dx: float, dy: float) -> float:
    """Width / height of the tier picture for rows of ``counts`` nodes wrapped at ``per_line``."""
    height, width = 0.0, 0.0
    for c in counts:
        lines = math.ceil(c / per_line)
        height += dy * (0.5 * (lines - 1) + 1.0)
        width = max(width, (min(c, per_line) - 1) * dx + (dx / 2 if lines > 1 else 0.0))
    if others:
        cols = _side_cols(others)
        width += 3 * dx + (cols - 1) * dx
        height = max(height, math.ceil(others / cols) * dy / 2)
    return (width or dx) / (height or dy)


def _radial_tiers(G, rows, others, within, dx: float, dy: float) -> Pos:
    """Tiers as concentric rings (top tier at the centre); a crowded tier takes several sub-rings.

    Every ring runs clockwise from the top in province order, node ``i`` of ``c`` at angle
    ``2π(i + ½)/c`` whatever its sub-ring, so a province keeps roughly one sector in every tier.
    """
    pos: Pos = {}
    radius = 0.0
    for r in sorted(rows):
        members = sorted(rows[r], key=within)
        c = len(members)
        if radius == 0.0 and c == 1:
            pos[members[0]] = (0.0, 0.0)
            radius = TIER_GAP / 2
            continue
        r0 = radius + TIER_GAP
        if c <= LABEL_RING_MAX:
            r0 = max(r0, c * LABEL_STEP / (2 * math.pi))
        sub = max(1, math.ceil(c * RING_STEP / (2 * math.pi * r0)))  # sub-rings so neighbours stay RING_STEP apart
        for i, n in enumerate(members):
            a = 2 * math.pi * (i + 0.5) / c - math.pi / 2
            rr = r0 + (i % sub) * SUBRING_GAP
            pos[n] = (rr * math.cos(a), rr * math.sin(a))
        radius = r0 + (sub - 1) * SUBRING_GAP
    if others:
        others.sort(key=lambda n: (str(G.nodes[n].get("kind") or ""),) + within(n))
        pos.update(_grid(radius + 3 * dx, -radius, others, cols=_side_cols(len(others)), dx=dx, dy=dy / 2))
    return _round(pos)


def tier_layout(G: nx.Graph, *, seed: int = 0, dx: float = 180.0, dy: float = 200.0) -> Pos:
    """Rows by ``tier``: federation on top, then provincial, municipal, county, agencies.

    Nodes without a tier (government bodies, universities, people, records...)
    go to a grid in a side band on the right. Within a row nodes are ordered by
    province then Chinese name; long rows wrap. When the rows would still draw a
    flat strip (wider than :data:`TIER_MAX_ASPECT` times high, a national network)
    the tiers become concentric rings instead (:func:`_radial_tiers`). ``seed`` is accepted for a
    uniform signature and unused (the layout has no randomness).
    """
    del seed
    rows: dict[int, list] = defaultdict(list)
    others = []
    for n in ordered_nodes(G):
        t = G.nodes[n].get("tier")
        if isinstance(t, int) and not isinstance(t, bool) and t in TIER_ROWS:
            rows[TIER_ROWS[t]].append(n)
        else:
            others.append(n)

    def within(n):
        d = G.nodes[n]
        return (str(d.get("province") or "~"), str(d.get("name_zh") or ""), node_key(n))

    widest = max((len(v) for v in rows.values()), default=1)
    counts = [len(rows[r]) for r in sorted(rows)]
    per_line = max(8, min(widest, int(math.ceil(math.sqrt(G.number_of_nodes()) * 2.5))))
    if _tier_aspect(counts, len(others), per_line, dx, dy) > TIER_MAX_ASPECT:
        return _radial_tiers(G, rows, others, within, dx, dy)
    pos: Pos = {}
    y = 0.0
    right = 0.0
    for r in sorted(rows):
        members = sorted(rows[r], key=within)
        lines = [members[i : i + per_line] for i in range(0, len(members), per_line)]
        for li, line in enumerate(lines):
            width = (len(line) - 1) * dx
            # stagger wrapped lines so edges between them stay visible
            off = (dx / 2) if li % 2 else 0.0
            for i, n in enumerate(line):
                pos[n] = (-width / 2 + i * dx + off, y)
            right = max(right, width / 2 + off)
            y += dy * (0.5 if li < len(lines) - 1 else 1.0)
    if others:
        others.sort(key=lambda n: (str(G.nodes[n].get("kind") or ""),) + within(n))
        pos.update(_grid(right + 3 * dx, 0.0, others, cols=_side_cols(len(others)), dx=dx, dy=dy / 2))
    return _round(pos)


def projected_layout(G: nx.Graph, *, seed: int = 0, spacing: float = 24.0) -> Pos:
    """Nodes at their region's approximate coordinates (prefecture, else province): the overview by prefecture.

    Nodes sharing a place are spread in a sunflower spiral (ordered by node id,
    turned by ``seed``). National-scope nodes (region ``100000``) sit in a cluster
    north of the placed nodes; nodes whose region is unknown in a grid east of them.
    """
    groups: dict[tuple[float, float], list] = defaultdict(list)
    national, unknown = [], []
    for n in ordered_nodes(G):
        d = G.nodes[n]
        region = str(d.get("region") or "")
        c = geo.coords(region) or geo.coords(str(d.get("province") or ""))
        if c is not None:
            groups[c].append(n)
        elif region == "100000" or d.get("tier") == 0:
            national.append(n)
        else:
            unknown.append(n)
    pos: Pos = {}
    for (lon, lat), members in sorted(groups.items()):
        x, y = geo.project(lon, lat)
        start = (_seed_int(seed, f"{lon},{lat}") % 6283) / 1000.0
        pos.update(zip(members, spiral(x, y, len(members), spacing=spacing, start=start)))
    # bands hug the placed nodes (deterministic: they depend only on the data)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    if national:
        ring = spacing * 2 * math.sqrt(len(national))
        pos.update(zip(national, spiral((min(xs) + max(xs)) / 2, min(ys) - 2 * spacing - ring - 120.0,
                                        len(national), spacing=spacing * 2)))
    if unknown:
        cols = max(2, int(math.ceil(math.sqrt(len(unknown)) / 2)))
        pos.update(_grid(max(xs) + 250.0, min(ys), unknown, cols=cols, dx=150.0, dy=60.0))
    return _round(pos)


#: the cartogram's smallest tile (canvas units) and the least space between two nodes' discs in a tile
CARTOGRAM_MIN_CELL = 420.0
CARTOGRAM_GAP = 24.0
#: share of a tile the node disc may fill (the rest: the tile's label band and a margin)
_DISC = 0.70
#: a sparse province's nodes spread over its disc, at most this many times their packed distance
_SPREAD_MAX = 3.0


def province_code(d: Mapping) -> str:
    """The provincial-level division a node belongs to ('' when national or unknown).

    >>> province_code({"region": "440106"}), province_code({"province": "110000"}), province_code({})
    ('440000', '110000', '')
    """
    prov = str(d.get("province") or "")
    if prov:
        return prov
    region = str(d.get("region") or "")
    return (regions.province_of(region) or "") if region and region != "100000" else ""


def _cartogram_groups(G: nx.Graph):
    tiles = geo.tiles()
    groups: dict[str, list] = defaultdict(list)
    national, unknown = [], []
    for n in ordered_nodes(G):
        d = G.nodes[n]
        code = province_code(d)
        if code in tiles:
            groups[code].append(n)
        elif str(d.get("region") or "") == "100000" or d.get("tier") == 0:
            national.append(n)
        else:
            unknown.append(n)
    return groups, national, unknown


def _importance(G: nx.Graph, n) -> tuple:
    d = G.nodes[n]
    t = d.get("tier")
    tier = t if isinstance(t, int) and not isinstance(t, bool) else 99
    return (tier, -G.degree(n, weight="weight"), node_key(n))


def _node_sizes(G: nx.Graph, nodes, sizes: Mapping | None) -> dict:
    """Drawn radius of each node: ``sizes`` where given, else its kind's size (:data:`style.KIND_SIZES`)."""
    out = {}
    for n in nodes:
        v = sizes.get(n) if sizes is not None else None
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v <= 0:
            v = style.KIND_SIZES.get(str(G.nodes[n].get("kind") or ""), style.DEFAULT_SIZE)
        out[n] = float(v)
    return out


def pack_discs(radii: list[float], gap: float = CARTOGRAM_GAP) -> list[tuple[float, float]]:
    """Centres for discs of ``radii`` (in order) around (0, 0), ``gap`` apart at least: each at the
    first point of a fine sunflower where it overlaps none placed before (the first at the centre).

    >>> pts = pack_discs([30.0, 10.0, 10.0, 10.0])
    >>> pts[0], all(math.dist(pts[0], p) >= 30 + 10 + CARTOGRAM_GAP for p in pts[1:])
    ((0.0, 0.0), True)
    """
    if not radii:
        return []
    step = max((min(radii) + gap / 2) / 2, 1.0)
    size = 2 * max(radii) + gap
    grid: dict[tuple[int, int], list] = defaultdict(list)
    start: dict[float, int] = {}  # first candidate not yet found blocked for a disc of this radius
    out = []
    for r in radii:
        j = max([k for rr, k in start.items() if rr <= r] + [0])
        while True:
            rad = step * math.sqrt(j)
            x, y = rad * math.cos(j * _GOLDEN_ANGLE), rad * math.sin(j * _GOLDEN_ANGLE)
            gx, gy = math.floor(x / size), math.floor(y / size)
            if all(math.dist((x, y), (ox, oy)) >= r + orr + gap
                   for cx in (gx - 1, gx, gx + 1) for cy in (gy - 1, gy, gy + 1) for ox, oy, orr in grid[(cx, cy)]):
                break
            j += 1
        start[r] = j
        grid[(gx, gy)].append((x, y, r))
        out.append((x, y))
    return out


def _packs(G: nx.Graph, sizes: Mapping | None):
    """Per province (and the national bodies) the nodes by importance, their radii and packed centres."""
    groups, national, unknown = _cartogram_groups(G)
    radius = _node_sizes(G, [n for m in (*groups.values(), national) for n in m], sizes)
    packs = {}
    for code, members in [*sorted(groups.items()), ("national", national)]:
        if not members:
            continue
        ranked = sorted(members, key=lambda n: _importance(G, n))
        rs = [radius[n] for n in ranked]
        packs[code] = (ranked, rs, pack_discs(rs))
    return packs, unknown


def _extent(rs, pts) -> float:
    return max(math.hypot(x, y) + r for r, (x, y) in zip(rs, pts))


def cartogram_cell(G: nx.Graph, sizes: Mapping | None = None) -> float:
    """Side of a cartogram tile: big enough that the fullest province's nodes, drawn at ``sizes``
    (else their kinds' sizes) and packed :data:`CARTOGRAM_GAP` apart, fill at most its disc
    (at least :data:`CARTOGRAM_MIN_CELL`).

    >>> cartogram_cell(nx.Graph())
    420.0
    """
    return _cell(_packs(G, sizes)[0])


def _cell(packs) -> float:
    need = max([2 * _extent(rs, pts) / _DISC for _, rs, pts in packs.values()] + [0.0])
    return float(max(CARTOGRAM_MIN_CELL, math.ceil(need / 10.0) * 10.0))


def tile_centre(col: float, row: float, cell: float) -> tuple[float, float]:
    """Centre of the tile at (``col``, ``row``) in canvas units (the grid centred on the origin)."""
    return ((col - 3.0) * cell, (row - 3.5) * cell)


def disc_centre(col: float, row: float, cell: float) -> tuple[float, float]:
    """Centre of the disc a tile's nodes fill: under the tile's label band."""
    cx, cy = tile_centre(col, row, cell)
    return cx, cy + cell * (1 - _DISC) / 2 - cell * 0.04


def _fill_disc(ranked, rs, pts, cx, cy, radius, start) -> Pos:
    """The packed discs turned by ``start``, spread to fill ``radius`` (at most :data:`_SPREAD_MAX`)."""
    far = [(radius - r) / math.hypot(x, y) for r, (x, y) in zip(rs, pts) if math.hypot(x, y) > 0]
    k = max(1.0, min([_SPREAD_MAX] + far))
    c, s = math.cos(start), math.sin(start)
    return {n: (cx + k * (x * c - y * s), cy + k * (x * s + y * c)) for n, (x, y) in zip(ranked, pts)}


def geo_layout(G: nx.Graph, *, seed: int = 0, sizes: Mapping | None = None) -> Pos:
    """Nodes inside their province's square of a tile-grid cartogram (:func:`swgraph.core.geo.tiles`).

    Each province's nodes fill a disc in the lower part of its tile (the top holds its label),
    the most important first, at the centre (tier, then weighted degree, then id), each node
    where its disc, drawn at ``sizes`` (``{node: radius}``, else its kind's size), overlaps no
    other (:func:`pack_discs`); a sparse province's nodes spread over the disc. Tiles are
    :func:`cartogram_cell` wide, so the fullest province fits its tile too. National bodies
    sit in the empty north-west of the grid; nodes of unknown region in a grid east of it.
    ``seed`` turns each province's disc.

    >>> G = nx.Graph()
    >>> G.add_node("gd", province="440000", tier=1); G.add_node("gz", region="440100", tier=2)
    >>> pos = geo_layout(G)
    >>> cx, cy = tile_centre(3, 6, cartogram_cell(G))
    >>> all(abs(x - cx) < 210 and abs(y - cy) < 210 for x, y in pos.values())
    True
    """
    packs, unknown = _packs(G, sizes)
    cell = _cell(packs)
    tiles = geo.tiles()
    radius = cell * _DISC / 2
    pos: Pos = {}
    for code, (ranked, rs, pts) in packs.items():
        if code == "national":
            cx, cy = tile_centre(2.0, 0.5, cell)
            start = 0.0
        else:
            cx, cy = disc_centre(tiles[code].col, tiles[code].row, cell)
            start = (_seed_int(seed, code) % 6283) / 1000.0
        pos.update(_fill_disc(ranked, rs, pts, cx, cy, radius, start))
    if unknown:
        x0, y0 = tile_centre(7.0, -0.25, cell)
        pos.update(_grid(x0, y0, unknown, cols=_side_cols(len(unknown)), dx=150.0, dy=60.0))
    return _round(pos)


def _share(c) -> tuple[float | None, int, int]:
    """(share, covered, total) of one province's coverage (a ProvinceCoverage or a mapping)."""
    get = c.get if isinstance(c, Mapping) else (lambda k: getattr(c, k, None))
    covered, total, share = get("covered"), get("total"), get("share")
    covered = len(covered) if isinstance(covered, (list, tuple, set)) else int(covered or 0)
    return share, covered, int(total or 0)


def cartogram_tiles(G: nx.Graph, coverage: Mapping | None = None, sizes: Mapping | None = None) -> dict:
    """The cartogram the page draws under a ``geo`` map: ``{cell, tiles: [...]}``.

    One tile per provincial-level division: ``code``, ``zh`` (short name), ``en``,
    ``x``, ``y`` (centre, in node coordinates), ``coverage`` (share of its
    prefectures with an association, exactly as ``coverage`` gives it: the
    analysis' :func:`swgraph.analysis.coverage.prefecture_coverage`; None when it has
    no prefecture level or no coverage was given), ``covered``, ``prefectures``, ``color``.
    ``sizes`` as :func:`geo_layout` was given them (the tiles are as wide).

    >>> c = cartogram_tiles(nx.Graph(), {"440000": {"covered": ["440100"], "total": 21, "share": 1 / 21}})
    >>> gd = next(t for t in c["tiles"] if t["code"] == "440000")
    >>> len(c["tiles"]), gd["zh"], gd["covered"], gd["prefectures"], gd["coverage"] == 1 / 21
    (34, '广东', 1, 21, True)
    """
    cell = cartogram_cell(G, sizes)
    out = []
    for code, t in sorted(geo.tiles().items()):
        share, covered, total = _share(coverage[code]) if coverage and code in coverage else (None, 0, 0)
        x, y = tile_centre(t.col, t.row, cell)
        out.append({"code": code, "zh": t.short_zh, "en": t.name_en, "x": x, "y": y,
                    "coverage": share, "covered": covered, "prefectures": total,
                    "color": style.coverage_colour(share)})
    return {"cell": cell, "tiles": out, "scale": [style.coverage_colour(v) for v in (0, 0.25, 0.5, 0.75, 1)],
            "none": style.COVERAGE_NONE}


LAYOUTS: dict[str, Callable[..., Pos]] = {
    "force": force_layout,
    "tier": tier_layout,
    "geo": geo_layout,
}


def compute_layout(G: nx.Graph, name: str, *, seed: int = 0, sizes: Mapping | None = None) -> Pos:
    """Dispatch to a named layout; raises :class:`~swgraph.core.errors.InputError` for unknown names.

    ``sizes`` (``{node: drawn radius}``) reach the layouts that keep nodes apart by size (``geo``).
    """
    try:
        fn = LAYOUTS[name]
    except KeyError:
        raise InputError(f"unknown layout {name!r}; choose one of {', '.join(LAYOUTS)}") from None
    return fn(G, seed=seed, sizes=sizes) if fn is geo_layout else fn(G, seed=seed)
