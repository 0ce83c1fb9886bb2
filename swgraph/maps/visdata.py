"""The vis-network data of a map: nodes, edges, legend and filter facets from a graph.

:func:`build_network` turns a NetworkX projection (``docs/graph-contract.md``)
into pyvis's :class:`~pyvis.network.Network` fields plus a legend; every
colour, size and label comes from :mod:`swgraph.maps.style` (itself derived
from the kind table). Display text is cleaned here (:func:`~swgraph.maps.escape.text`)
and encoded for the page once, in :mod:`swgraph.maps.page`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping

import networkx as nx

from swgraph.maps import style
from swgraph.maps.aggregate import group_of
from swgraph.maps.escape import text, texts
from swgraph.maps.layout import cartogram_tiles, compute_layout, node_key, ordered_nodes, projected_layout
from swgraph.maps.ties import edge_records

#: above this many nodes the page hides edges while dragging/zooming
BIG = 1000
_LABEL_MAX = 18
_MAX_SOURCES = 8


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return str(v)
        return f"{v:.4g}"
    return text(v)


def _pale(colour: str, keep: float = 0.35) -> str:
    """``colour`` (``#rrggbb``) mixed with white.

    >>> _pale("#000000")
    '#a6a6a6'
    """
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(255 - (255 - c) * keep) for c in (r, g, b)))


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_MAX else label[: _LABEL_MAX - 1] + "…"


# --------------------------------------------------------------------------- colouring


def _tier_name(d: Mapping) -> str:
    tn = d.get("tier_name")
    if tn in style.TIER_COLOURS:
        return tn
    return style.TIER_NAMES.get(d.get("tier"), "other")


def _colouring(H: nx.Graph, nodes: list, color_by: str, communities: Mapping | None, seed: int):
    """Return ({node: colour}, legend items [(label, colour)], legend title)."""
    colours: dict[Hashable, str] = {}
    if color_by == "tier":
        present = {_tier_name(H.nodes[n]) for n in nodes}
        for n in nodes:
            colours[n] = style.TIER_COLOURS[_tier_name(H.nodes[n])]
        items = [(style.TIER_LABELS[t], c) for t, c in style.TIER_COLOURS.items() if t in present]
        return colours, items, "Colour: tier 层级"
    if color_by == "kind":
        present = Counter(text(H.nodes[n].get("kind")) or "?" for n in nodes)
        for n in nodes:
            colours[n] = style.KIND_COLOURS.get(text(H.nodes[n].get("kind")), style.UNKNOWN_COLOUR)
        items = [(style.kind_label(k), c) for k, c in style.KIND_COLOURS.items() if k in present]
        items += [(k, style.UNKNOWN_COLOUR) for k in sorted(present) if k not in style.KIND_COLOURS][:1]
        return colours, items, "Colour: kind 类型"
    if color_by == "province":
        codes = sorted({text(H.nodes[n].get("province")) for n in nodes} - {""})
        pal = {c: style.province_colour(c) for c in codes}
        names = {}
        for n in nodes:
            code = text(H.nodes[n].get("province"))
            colours[n] = pal.get(code, style.UNKNOWN_COLOUR)
            if code:
                names.setdefault(code, text(H.nodes[n].get("province_name")) or code)
        items = [(names[c], pal[c]) for c in codes]
        if any(not text(H.nodes[n].get("province")) for n in nodes):
            items.append(("national / unknown 全国或不明", style.UNKNOWN_COLOUR))
        return colours, items, "Colour: province 省份"
    # community
    if communities is None:
        parts = nx.community.louvain_communities(
            H.to_undirected() if H.is_directed() else H, weight="weight", seed=seed
        )
        parts = sorted((sorted(p, key=node_key) for p in parts), key=lambda p: (-len(p), node_key(p[0])))
        communities = {n: i for i, p in enumerate(parts) for n in p}
    sizes = Counter(communities.get(n) for n in nodes if communities.get(n) is not None)
    ranked = sorted(sizes, key=lambda c: (-sizes[c], str(c)))
    top = ranked[:24]
    pal = dict(zip(top, style.palette(len(top))))
    for n in nodes:
        colours[n] = pal.get(communities.get(n), style.UNKNOWN_COLOUR)
    items = [(f"community {c} ({sizes[c]})", pal[c]) for c in top]
    if len(ranked) > len(top) or any(communities.get(n) is None for n in nodes):
        items.append(("other / none 其他", style.UNKNOWN_COLOUR))
    return colours, items, "Colour: community 社群"


# --------------------------------------------------------------------------- building


def _kind_size(d: Mapping) -> float:
    """The node size of the node's kind in the kind table (``KindSpec.size``)."""
    return style.KIND_SIZES.get(text(d.get("kind")), style.DEFAULT_SIZE)


def _sizes(H, nodes, size_by, metrics, aggregated) -> dict:
    if aggregated:
        vals = {n: float(H.nodes[n].get("members", 1)) for n in nodes}
        lo_px, hi_px = 12.0, 60.0
    elif size_by is None:
        return {n: _kind_size(H.nodes[n]) for n in nodes}
    else:
        if size_by == "degree" and "degree" not in (metrics or {}):
            src = dict(H.degree())
        else:
            src = metrics[size_by]
        vals = {}
        for n in nodes:
            v = src.get(n)
            vals[n] = float(v) if isinstance(v, (int, float)) and math.isfinite(v) else 0.0
        lo_px, hi_px = 8.0, 40.0
    lo, hi = min(vals.values(), default=0.0), max(vals.values(), default=0.0)
    span = math.sqrt(max(hi - lo, 0.0))
    return {
        n: round(lo_px + (hi_px - lo_px) * (math.sqrt(max(v - lo, 0.0)) / span if span else 0.5), 1)
        for n, v in vals.items()
    }


def _edge_width(rel: str, weight: float, aggregated: bool) -> float:
    base = style.edge_style(rel)["width"]
    if aggregated:
        return round(min(14.0, 1.0 + 1.6 * math.log2(1.0 + weight)), 2)
    return round(base + min(4.0, max(0.0, math.log2(weight))) if weight > 0 else base, 2)


def _node_rows(H, n, d, metrics, aggregated) -> list[list[str]]:
    rows = []
    if aggregated:
        rows.append(["members 成员", _fmt(d.get("members", 0))])
        rows.append(["internal ties 内部联系", _fmt(d.get("internal_ties", 0))])
        kinds = d.get("kinds") or {}
        top = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        rows.append(["kinds 类型", "; ".join(f"{style.kind_label(k)} {v}" for k, v in top)])
        for mid, mname in d.get("top_members", []):
            rows.append(["drill down: focus=", f"{mid} ({mname})"])
        return rows
    for name in sorted(metrics or {}):
        v = metrics[name].get(n)
        if v is not None:
            rows.append([text(name), _fmt(v)])
    first = text(d.get("first_date"))
    if first:
        rows.append(["first date", first])
    if "degree" not in (metrics or {}):  # one measure, one value: the analysis' degree wins over the drawn lines
        rows.append(["degree 度", _fmt(H.degree(n))])
    return rows


def build_network(
    G: nx.Graph,
    *,
    color_by: str = "tier",
    size_by: str | None = None,
    metrics: Mapping[str, Mapping[Hashable, float]] | None = None,
    communities: Mapping[Hashable, int] | None = None,
    layout: str = "force",
    seed: int = 0,
    aggregated: bool = False,
    records: Mapping[str, Mapping] | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    coverage: Mapping | None = None,
):
    """A pyvis ``Network`` for ``G`` (nodes, edges, options set directly: no quadratic ``add_edge``).

    ``G`` is not modified. Node dicts carry vis-network styling plus a ``d``
    dict of display data (names, pinyin, aliases, kind, tier, province,
    synthetic flag, sources, tooltip rows) read by the page script. With
    ``records`` (:func:`swgraph.maps.ties.record_notes`) edge dicts also list
    the records behind each tie (title, date at its own precision) and their sources.
    ``positions`` (``{node: (x, y)}``) replace the named ``layout`` (the overview's province blocks).
    With ``layout='geo'`` the legend carries the tile-grid cartogram drawn under the network
    (:func:`~swgraph.maps.layout.cartogram_tiles`, coloured by ``coverage``:
    ``{province code: ProvinceCoverage or {covered, total, share}}``).

    Returns
    -------
    (net, legend) : the ``pyvis.network.Network`` and the legend spec (a dict).
    """
    # imported here for start-up cost: pyvis (jinja2, ipython probes) takes ~1 s to import
    # (python -X importtime), which every `swgraph` command would pay otherwise
    from pyvis.network import Network  # noqa: PLC0415

    nodes = ordered_nodes(G)
    index = {n: i for i, n in enumerate(nodes)}
    sizes = _sizes(G, nodes, size_by, metrics, aggregated)
    if positions is not None:
        pos = positions
    else:
        pos = projected_layout(G, seed=seed) if aggregated else compute_layout(G, layout, seed=seed, sizes=sizes)
    if aggregated:
        color_by = "province"
    colours, colour_items, colour_title = _colouring(G, nodes, color_by, communities, seed)

    vis_nodes, groups_present, any_synthetic = [], set(), False
    for n in nodes:
        d = G.nodes[n]
        grp = text(d.get("group")) or ("person" if d.get("kind") == "person" else "organisation")
        shape = style.GROUP_SHAPES.get(grp, "dot")
        groups_present.add(grp if grp in style.GROUP_SHAPES else "organisation")
        zh = text(d.get("name_zh")) or text(n)
        label = f"{zh} ({d.get('members', 0):,})" if aggregated else zh
        syn = bool(d.get("synthetic", False))
        any_synthetic |= syn
        x, y = pos[n]
        colour = colours[n]
        node = {
            "id": index[n],
            "label": _short(label),
            "x": x,
            "y": y,
            "shape": shape,
            "size": sizes[n],
            # synthetic: pale fill, dashed border in the node's colour (see legend)
            "color": {"background": _pale(colour), "border": colour,
                      "highlight": {"background": _pale(colour), "border": "#000000"},
                      "hover": {"background": _pale(colour), "border": "#000000"}} if syn else colour,
            "borderWidth": 2.5 if syn else 1.0,
            "d": {
                "key": text(n),
                "zh": zh,
                "en": text(d.get("name_en")),
                "py": text(d.get("pinyin")),
                "al": texts(d.get("aliases")),
                "kind": text(d.get("kind")),
                "kl": style.kind_label(text(d.get("kind"))) if d.get("kind") else "",
                "tier": _tier_name(d),
                "prov": text(d.get("province_name")),
                "provCode": text(d.get("province")),
                "syn": syn,
                "src": texts(d.get("sources"))[:_MAX_SOURCES],
                "srcMore": max(0, len(texts(d.get("sources"))) - _MAX_SOURCES),
                "rows": _node_rows(G, n, d, metrics, aggregated),
                "c": colour,
                "grp": group_of(d),
            },
        }
        if syn:
            node["shapeProperties"] = {"borderDashes": [5, 4]}
        vis_nodes.append(node)

    if G.is_multigraph():
        raw = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        raw = [(u, v, 0, d) for u, v, d in G.edges(data=True)]
    directed = G.is_directed()

    def ekey(e):
        u, v = e[0], e[1]
        if not directed and node_key(v) < node_key(u):
            u, v = v, u
        return (node_key(u), node_key(v), str(e[2]))

    vis_edges, types_present = [], Counter()
    for j, (u, v, _k, d) in enumerate(sorted(raw, key=ekey)):
        if not directed and node_key(v) < node_key(u):
            u, v = v, u
        rel = text(d.get("type")) or "other"
        st = style.edge_style(rel)
        types = texts(d.get("types")) or [rel]
        for t in types:
            types_present[t] += 1
        w = d.get("weight", 1.0)
        w = float(w) if isinstance(w, (int, float)) and math.isfinite(w) else 1.0
        syn = bool(d.get("synthetic", False))
        edge = {
            "id": j,
            "from": index[u],
            "to": index[v],
            "color": {"color": st["color"], "opacity": 0.4 if syn else (0.6 if aggregated else 0.85)},
            "width": _edge_width(rel, w, aggregated),
            "dashes": st["dashes"],
            "d": {
                "type": rel,
                "types": types,
                "w": _fmt(w),
                "date": text(d.get("first_date")),
                "n": len(texts(d.get("records"))) if not aggregated else int(d.get("ties", 0)),
                "syn": syn,
                "tc": [[k, c] for k, c in sorted((d.get("type_counts") or {}).items())],
            },
        }
        if records is not None and not aggregated:
            notes = edge_records(texts(d.get("records")), records)
            edge["d"].update({k: v for k, v in notes.items() if k != "date" or v})
            edge["d"]["ids"] = texts(d.get("records"))
        if directed or rel in style.DIRECTED_TYPES:
            edge["arrows"] = "to"
        vis_edges.append(edge)

    big = len(vis_nodes) > BIG
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "interaction": {
            "hover": True,
            "tooltipDelay": 100,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "font": {"face": style.FONT_STACK, "size": 14, "color": "#222222",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": False, "drawThreshold": 7}},
        },
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5,
                  "color": {"highlight": "#000000", "inherit": False},
                  "arrows": {"to": {"scaleFactor": 0.6}}},
    }

    net = Network(directed=directed, cdn_resources="in_line")
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.node_map = {n["id"]: n for n in vis_nodes}
    net.options = options  # what pyvis's set_options() stores: a plain dict

    edge_items = []
    for t in sorted(types_present, key=lambda t: (t not in style.EDGE_STYLES,
                                                 list(style.EDGE_STYLES).index(t) if t in style.EDGE_STYLES else 0, t)):
        st = style.edge_style(t)
        edge_items.append([style.edge_label(t), st["color"], st["width"], st["dashes"] or []])
    legend = {
        "colourTitle": colour_title,
        "colours": [[lab, c] for lab, c in colour_items],
        "shapes": [[style.GROUP_LABELS.get(g, g), style.GROUP_SHAPES[g]]
                   for g in style.GROUP_SHAPES if g in groups_present],
        "edges": edge_items,
        "synthetic": any_synthetic,
        "sizeBy": "members 成员数" if aggregated else (size_by or "kind 类型"),
    }
    if layout == "geo" and positions is None and not aggregated:
        legend["cartogram"] = cartogram_tiles(G, coverage, sizes)
    return net, legend


def facets(net) -> dict:
    """The filter lists of the page: ``{facet: [[value, "en 中文" label, count], ...]}``."""
    kinds = Counter(n["d"]["kind"] for n in net.nodes)
    tiers = Counter(n["d"]["tier"] for n in net.nodes)
    prov = Counter((n["d"]["provCode"], n["d"]["prov"]) for n in net.nodes)
    etypes = Counter(t for e in net.edges for t in e["d"]["types"])
    return {
        "kind": [[k, style.kind_label(k), c] for k, c in sorted(kinds.items())],
        "tier": [[t, style.tier_label(t), tiers[t]] for t in style.TIER_COLOURS if t in tiers],
        "prov": [[code, name or code or "national / unknown", c] for (code, name), c in sorted(prov.items())],
        "etype": [[t, style.edge_label(t), c] for t, c in sorted(etypes.items())],
    }


def main_component(net) -> list[int]:
    """Ids of the nodes the first view frames: the largest connected component.

    Empty (frame everything) when the graph is connected or has no tie at all,
    so a few isolated or far-off nodes do not shrink the main picture to a dot.
    Ties of equal size break by the lowest node id.
    """
    parent = {n["id"]: n["id"] for n in net.nodes}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in net.edges:
        a, b = root(e["from"]), root(e["to"])
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in sorted(parent):
        members.setdefault(root(i), []).append(i)
    if len(members) < 2:
        return []
    best = max(members.values(), key=lambda m: (len(m), -m[0]))
    return best if len(best) > 1 else []
