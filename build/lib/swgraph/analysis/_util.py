"""Small shared helpers: a total order on node ids, English province names."""

from __future__ import annotations


def node_key(x):
    """Sort key giving numbers numeric order and strings lexical order, mixed types safely.

    >>> sorted([10, 9, "b", "a"], key=node_key)
    [9, 10, 'a', 'b']
    """
    if isinstance(x, bool):
        return (2, str(x))
    if isinstance(x, (int, float)):
        return (0, x, "")
    if isinstance(x, str):
        return (1, 0, x)
    return (2, 0, str(x))


# GB/T 2260 province-level code -> usual English name (for planner-facing text).
PROVINCE_EN = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "140000": "Shanxi",
    "150000": "Inner Mongolia", "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang",
    "310000": "Shanghai", "320000": "Jiangsu", "330000": "Zhejiang", "340000": "Anhui",
    "350000": "Fujian", "360000": "Jiangxi", "370000": "Shandong", "410000": "Henan",
    "420000": "Hubei", "430000": "Hunan", "440000": "Guangdong", "450000": "Guangxi",
    "460000": "Hainan", "500000": "Chongqing", "510000": "Sichuan", "520000": "Guizhou",
    "530000": "Yunnan", "540000": "Tibet", "610000": "Shaanxi", "620000": "Gansu",
    "630000": "Qinghai", "640000": "Ningxia", "650000": "Xinjiang", "710000": "Taiwan",
    "810000": "Hong Kong", "820000": "Macao", "100000": "national",
}


def province_names(code: str) -> tuple[str, str]:
    """(Chinese, English) names of a province code; falls back to the code itself.

    >>> province_names("440000")
    ('广东省', 'Guangdong')
    """
    from swgraph.core import regions

    zh = regions.name(code) or code
    return zh, PROVINCE_EN.get(code, zh)
