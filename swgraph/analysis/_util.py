"""Small shared helpers: checking edge values, a total order on node ids, English province names."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from swgraph.core import regions


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


def require_positive(G, attr, role: str) -> None:
    """Refuse an edge whose ``attr`` is not a finite positive number (``role`` is "weight" or "distance").

    A negative, zero, NaN or infinite weight or distance gives a silently wrong
    centrality (and makes engines disagree), so it is an error naming the
    edge. Edges without the attribute count 1, as in NetworkX. ``attr=None``
    (unweighted) checks nothing.

    >>> import networkx as nx
    >>> require_positive(nx.Graph([(0, 1, {"w": 2.0})]), "w", "weight")
    >>> require_positive(nx.Graph([(0, 1, {"w": -1})]), "w", "weight")
    Traceback (most recent call last):
    ...
    ValueError: edge (0, 1): weight 'w' is -1; a weight must be a finite positive number
    """
    positive_values(G, attr, role)


def positive_values(G, attr, role: str) -> list | None:
    """:func:`require_positive`, returning the checked values for reuse (``None`` when ``attr`` is ``None``).

    The values are ``attr`` (1 when missing) of every adjacency entry in ``G._adj`` order (a tie
    of an undirected graph twice, once from each end; a multigraph's keys in turn), the order
    :func:`swgraph.analysis._igraph.adjacency_arrays` reads them in, so a caller can build its
    arrays without reading the edges again.
    """
    if attr is None:
        return None
    values = _adjacency_values(G, attr)
    if _all_positive(values):
        return values
    for u, v, x in G.edges(data=attr, default=1):
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x <= 0:
            raise ValueError(f"edge ({u!r}, {v!r}): {role} {attr!r} is {x!r}; a {role} must be a finite positive number")
    return values


def _adjacency_values(G, attr) -> list:
    adj = G._adj
    if G.is_multigraph():
        return [d.get(attr, 1) for nbrs in adj.values() for keys in nbrs.values() for d in keys.values()]
    return [d.get(attr, 1) for nbrs in adj.values() for d in nbrs.values()]


def _all_positive(values) -> bool:
    """Fast check: every value is a plain finite positive int or float.

    ``False`` means "not sure": :func:`positive_values` then walks the edges itself and names the
    first bad one (plain ``int``/``float`` types only here; bools, numpy scalars etc. take that walk).
    """
    if not set(map(type, values)) <= {int, float}:
        return False
    try:
        arr = np.array(values, dtype=float)
    except OverflowError:  # an int beyond float range: math.isfinite refuses it too
        return False
    return bool(np.isfinite(arr).all() and (arr > 0).all())


def refuse_multigraph(G, what: str) -> None:
    """Parallel ties would be counted as separate contacts: ask for a collapsed graph instead."""
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented(f"{what} is not defined for multigraphs here; collapse parallel ties into "
                                        "one weighted edge first (swgraph's collaboration graph already does)")


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
    zh = regions.name(code) or code
    return zh, PROVINCE_EN.get(code, zh)
