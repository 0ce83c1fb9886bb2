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
    return nx.ego_graph(G, focus, radius=depth, undirected=True).copy()
