"""Where synthetic organisations go: divisions from :mod:`swgraph.core.regions`, neighbours from :mod:`swgraph.core.geo`."""

from __future__ import annotations

import math

from swgraph.core import regions
from swgraph.core.geo import coords


def mainland_provinces() -> list[str]:
    """Province-level divisions that have prefectures or counties in the division list (the 31 of the mainland)."""
    return [p for p in regions.provinces() if regions.prefectures(p) or regions.counties(p)]


def county_divisions(code: str) -> list[str]:
    """Every county-level division in a province or prefecture (sorted)."""
    out = list(regions.counties(code))
    for pref in regions.prefectures(code):
        out.extend(regions.counties(pref))
    return sorted(out)


def place_name(code: str) -> str:
    """A division's name as written in an organisation's name: districts carry their city.

    >>> place_name("440103"), place_name("440000")
    ('广州市荔湾区', '广东省')
    """
    div = regions.get(code)
    if div is None:
        return code
    if div.type == "市辖区" and div.parent:
        return regions.name(div.parent) + div.name
    return div.name


def neighbour_provinces(provinces: list[str], k: int) -> dict[str, list[str]]:
    """The ``k`` provinces whose seats are nearest each province's seat."""
    pos = {p: coords(p) for p in provinces}
    out = {}
    for p in provinces:
        if pos[p] is None:
            out[p] = []
            continue
        lon, lat = pos[p]
        k_lon = math.cos(math.radians(lat))

        def dist(q):
            qlon, qlat = pos[q]
            return math.hypot((qlon - lon) * k_lon, qlat - lat)

        others = sorted((q for q in provinces if q != p and pos[q] is not None), key=lambda q: (dist(q), q))
        out[p] = others[:k]
    return out
