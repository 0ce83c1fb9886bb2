"""Colours, shapes and edge styles of swgraph maps (one place, shared by the legend).

>>> palette(3)
['#c83c3c', '#2d9f4e', '#a768d4']
>>> EDGE_STYLES["visit"]["dashes"]
[8, 6]
"""

from __future__ import annotations

import colorsys

from swgraph.core import registry

#: colour per tier_name
TIER_COLOURS = {
    "national": "#c0392b",
    "provincial": "#e67e22",
    "municipal": "#b7950b",
    "county": "#27ae60",
    "agency": "#2980b9",
    "other": "#7f8c8d",
}
TIER_LABELS = {
    "national": "national 全国",
    "provincial": "provincial 省级",
    "municipal": "municipal 地市级",
    "county": "county 县级",
    "agency": "service agency 服务机构",
    "other": "other 其他",
}
TIER_NAMES = registry.TIER_NAMES

#: colour per registry kind (declared once, in the registry)
KIND_COLOURS = {name: spec.color for name, spec in registry.KINDS.items()}
UNKNOWN_COLOUR = "#9e9e9e"
DIM_COLOUR = "rgba(200,200,200,0.35)"

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

#: edge style per relation type: colour, width (before the weight bonus), dash pattern
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


def edge_style(rel_type: str) -> dict:
    return EDGE_STYLES.get(rel_type, DEFAULT_EDGE)
