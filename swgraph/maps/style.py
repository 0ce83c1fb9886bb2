"""Colours, shapes, sizes, labels and edge styles of swgraph maps (one place, shared by the legend).

Tiers and kinds come from the kind table (:mod:`swgraph.core.kinds`); this
module adds only what is the map's own: shapes, edge styles, the palette.

>>> palette(3)
['#c83c3c', '#2d9f4e', '#a768d4']
>>> EDGE_STYLES["visit"]["dashes"]
[8, 6]
>>> TIER_LABELS["agency"], edge_label("part_of")
('service agency 服务机构', 'part of 隶属')
"""

from __future__ import annotations

import colorsys

from swgraph.core import kinds, regions

#: tier value -> tier name
TIER_NAMES = {tier: names[0] for tier, names in kinds.TIERS.items()}
OTHER_TIER = kinds.OTHER_TIER[0]
UNKNOWN_COLOUR = "#9e9e9e"
#: colour of nodes outside the administrative chain in tier colouring
OTHER_TIER_COLOUR = "#7f8c8d"


def _tier_colours() -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in kinds.tiered():  # top tier first; the first kind of a tier gives its colour
        out.setdefault(spec.tier_name, spec.color)
    for name in TIER_NAMES.values():
        out.setdefault(name, UNKNOWN_COLOUR)
    out[OTHER_TIER] = OTHER_TIER_COLOUR
    return out


#: colour per tier name (top down, then "other")
TIER_COLOURS = _tier_colours()
#: "en 中文" per tier name
TIER_LABELS = {name: f"{en} {zh}" for name, zh, en in [*kinds.TIERS.values(), kinds.OTHER_TIER]}

#: colour, "en 中文" label and size per kind
KIND_COLOURS = {name: spec.color for name, spec in kinds.KINDS.items()}
KIND_LABELS = {name: spec.bilingual for name, spec in kinds.KINDS.items()}
KIND_SIZES = {name: float(spec.size) for name, spec in kinds.KINDS.items()}
#: size of a node whose kind is not in the table
DEFAULT_SIZE = 10.0

#: vis-network shape per kind group
GROUP_SHAPES = {
    "organisation": "dot",
    "person": "triangle",
    "record": "square",
    "aggregate": "hexagon",
}
GROUP_LABELS = {
    "organisation": "organisation 机构",
    "person": "person 人员",
    "record": "record 记录",
    "aggregate": "region group 地区汇总",
}

#: edge style per relation type: colour, width (before the weight bonus), dash pattern, "en 中文" label
EDGE_STYLES = {
    "agreement": {"color": "#c0392b", "width": 4.0, "dashes": False, "label": "agreement 协议"},
    "cooperation": {"color": "#2c3e50", "width": 2.0, "dashes": False, "label": "cooperation 合作"},
    "visit": {"color": "#2980b9", "width": 2.0, "dashes": [8, 6], "label": "visit 访问"},
    "meeting": {"color": "#8e44ad", "width": 2.0, "dashes": [12, 4, 2, 4], "label": "meeting 会议"},
    "programme": {"color": "#27ae60", "width": 2.0, "dashes": [2, 4], "label": "programme 项目"},
    "member_of": {"color": "#7f8c8d", "width": 1.5, "dashes": False, "label": "member of 会员"},
    "part_of": {"color": "#95a5a6", "width": 1.0, "dashes": [4, 4], "label": "part of 隶属"},
    "post": {"color": "#34495e", "width": 1.5, "dashes": [6, 3, 2, 3], "label": "post 任职"},
    "aggregate": {"color": "#607d8b", "width": 2.0, "dashes": False, "label": "summed ties 汇总联系"},
}
DEFAULT_EDGE = {"color": "#9e9e9e", "width": 1.5, "dashes": False, "label": "other 其他"}
#: arrows for directed relations (and for any edge of a directed graph)
DIRECTED_TYPES = {"member_of", "part_of", "post"}

#: CSS / canvas font stack that renders Chinese on Linux, Windows and macOS
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'


def palette(n: int) -> list[str]:
    """``n`` distinct colours (golden-angle hues, alternating lightness), deterministic."""
    out = []
    for i in range(n):
        h = (i * 137.508) % 360 / 360.0
        light = (0.51, 0.40, 0.62)[i % 3]
        r, g, b = colorsys.hls_to_rgb(h, light, 0.56)
        out.append("#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255)))
    return out


#: 34 colours, pairwise at least 25 apart in CIELAB (ΔE76; chosen greedily farthest-first from an
#: HSL grid without very light or very dark shades): one per provincial-level division
DISTINCT_34 = (
    "#c22929", "#12d912", "#2626ed", "#26bced", "#5e6f2a", "#632a6f", "#ed26dd", "#edbc26", "#12d9a7",
    "#d5909c", "#2679ed", "#ed268a", "#2a526f", "#8ab30f", "#6f302a", "#d481e4", "#d5c490", "#358d7e",
    "#c27529", "#3722a0", "#0b8e2c", "#9096d5", "#8e0b4d", "#9e4cf0", "#90ca72", "#a022a0", "#3dd6d6",
    "#0b428e", "#f47c71", "#12d965", "#a08b22", "#8d6135", "#f4719d", "#90d5ad",
)


def province_colour(code: str) -> str:
    """The colour of a provincial-level division, the same in every view (:data:`UNKNOWN_COLOUR` if unknown).

    >>> province_colour("110000"), province_colour("440000") != province_colour("450000")
    ('#c22929', True)
    >>> province_colour("999999") == UNKNOWN_COLOUR
    True
    """
    codes = regions.provinces()
    return DISTINCT_34[codes.index(code) % len(DISTINCT_34)] if code in codes else UNKNOWN_COLOUR


#: coverage scale of the cartogram's tiles: share 0, 0.5, 1 (pale, so the network drawn over stays legible)
COVERAGE_STOPS = ("#f6ecd9", "#cfe2c3", "#79bd9a")
#: tile colour of a division without prefecture level (or without coverage figures)
COVERAGE_NONE = "#e8e8e8"


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#{:02x}{:02x}{:02x}".format(*(round(x + (y - x) * t) for x, y in zip(ca, cb)))


def coverage_colour(share: float | None) -> str:
    """Tile colour for a coverage share in [0, 1] (:data:`COVERAGE_NONE` for None).

    >>> coverage_colour(0.0), coverage_colour(1.0), coverage_colour(None)
    ('#f6ecd9', '#79bd9a', '#e8e8e8')
    """
    if share is None:
        return COVERAGE_NONE
    t = min(1.0, max(0.0, float(share)))
    lo, mid, hi = COVERAGE_STOPS
    return _mix(lo, mid, t * 2) if t <= 0.5 else _mix(mid, hi, t * 2 - 1)


def edge_style(rel_type: str) -> dict:
    """Colour, width, dashes and label of a relation type (:data:`DEFAULT_EDGE` if unknown)."""
    return EDGE_STYLES.get(rel_type, DEFAULT_EDGE)


def edge_label(rel_type: str) -> str:
    """``en 中文`` label of a relation type; an unknown type shows as itself."""
    return EDGE_STYLES[rel_type]["label"] if rel_type in EDGE_STYLES else rel_type


def kind_label(kind: str) -> str:
    """``en 中文`` label of a kind; an unknown kind shows as itself (``?`` when empty)."""
    return KIND_LABELS.get(kind) or kind.replace("_", " ") or "?"


def tier_label(tier_name: str) -> str:
    """``en 中文`` label of a tier name."""
    return TIER_LABELS.get(tier_name, tier_name)
