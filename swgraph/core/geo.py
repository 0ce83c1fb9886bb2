"""Approximate coordinates of China's province- and prefecture-level divisions.

The table ``data/region_coords.csv`` is **layout data**, not a documented
fact: the lon/lat of each division's seat, rounded to 0.001 degree, derived
from the MIT-licensed ``cpca`` 0.5.5 package (see
``data/region_coords.LICENSE``). It only decides where a map draws a node.

>>> lon, lat = coords("440000")
>>> round(lon), round(lat)
(113, 23)
>>> coords("440103") == coords("440100")   # a county falls back to its prefecture
True
>>> coords("999999") is None
True
>>> x, y = project(116.4, 39.9)
>>> x > 0 and y < 0                          # east and north of the centre
True
>>> len(tiles()), tiles()["440000"].short_zh, tiles()["440000"].col
(34, '广东', 3)
"""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass
from importlib import resources

from swgraph.core import regions

#: map centre (lon, lat) and scale: canvas units per degree of latitude
CENTRE = (105.0, 35.0)
SCALE = 100.0


@functools.cache
def table() -> dict[str, tuple[float, float]]:
    """Six-digit code -> (lon, lat) for every division in the coordinate table."""
    text = resources.files("swgraph.core").joinpath("data/region_coords.csv").read_text("utf-8")
    rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
    next(rows)  # header
    return {code: (float(lon), float(lat)) for code, _name, lon, lat in rows}


def coords(code: str) -> tuple[float, float] | None:
    """Approximate (lon, lat) of a division, its prefecture or its province; None if unknown.

    ``100000`` (national scope) and '' have no coordinates.
    """
    if not code:
        return None
    tab = table()
    if code in tab:
        return tab[code]
    for anc in (regions.prefecture_of(code), regions.province_of(code)):
        if anc and anc in tab:
            return tab[anc]
    # unknown to ``regions`` (e.g. a newer code): try the code's own prefixes
    for guess in (code[:4] + "00", code[:2] + "0000"):
        if guess in tab:
            return tab[guess]
    return None


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection to canvas units (y grows downwards, as on screen)."""
    k = math.cos(math.radians(CENTRE[1]))
    return ((lon - CENTRE[0]) * k * SCALE, -(lat - CENTRE[1]) * SCALE)


@dataclass(frozen=True)
class Tile:
    """One square of the tile-grid cartogram: a provincial-level division at (``col``, ``row``)."""

    code: str
    short_zh: str
    name_en: str
    col: int
    row: int


@functools.cache
def tiles() -> dict[str, Tile]:
    """Province code -> :class:`Tile` for the 34 provincial-level divisions (``data/province_tiles.csv``).

    The grid is layout data: each division one square, in the usual relative
    positions of tile-grid maps of China (column grows east, row south); no
    borders are drawn, so no base map is needed.
    """
    text = resources.files("swgraph.core").joinpath("data/province_tiles.csv").read_text("utf-8")
    rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
    next(rows)  # header
    return {code: Tile(code, zh, en, int(col), int(row)) for code, zh, en, col, row in rows}
