"""Render a swgraph NetworkX projection as ONE self-contained, offline HTML map.

The page is built on pyvis's :class:`~pyvis.network.Network` (nodes, edges,
options) and the vis-network bundle shipped inside the pyvis package, but
rendered with swgraph's own hardened template (``assets/template.html``):

* every script and style is inline; the page references no ``http(s)://``
  resource and a Content-Security-Policy (``default-src 'none'``, scripts
  allowed only by their SHA-256 hash) keeps any request from leaving it;
* all data travels as JSON in ``<script type="application/json">`` with
  ``< > & /`` and U+2028/2029 escaped, parsed with ``JSON.parse``; the page
  builds tooltips, legend and panels with ``textContent`` only;
* positions come from :mod:`swgraph.maps.layout` (physics off), so the same
  data gives byte-identical HTML.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("fed", kind="national_federation", group="organisation", tier=0,
...            tier_name="national", name_zh="中国社会工作联合会", region="100000")
>>> page = render_map(G, layout="tier", title="<demo>")
>>> page.startswith("<!DOCTYPE html>") and "&lt;demo&gt;" in page and "<demo>" not in page
True
>>> "http://" in page or "https://" in page
False
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Hashable, Mapping
from importlib import resources
from pathlib import Path

import networkx as nx

from swgraph.core.errors import EnvironmentMissing, InputError
from swgraph.maps import fonts, style
from swgraph.maps.aggregate import ego, overview
from swgraph.maps.layout import compute_layout, geo_layout, node_key, ordered_nodes

COLOR_BY = ("tier", "province", "community", "kind")
LAYOUTS = ("force", "tier", "geo")
#: above this many nodes ``render_map`` draws an overview by region instead
DEFAULT_MAX_NODES = 5000
#: above this many nodes the page hides edges while dragging/zooming
_BIG = 1000
_VIS_VERSION = "vis-9.1.2"
_LABEL_MAX = 18
_MAX_SOURCES = 8
_TIER_SIZES = {"national": 30.0, "provincial": 20.0, "municipal": 15.0, "county": 12.0, "agency": 10.0}


# --------------------------------------------------------------------------- assets


def _neutralise_urls(js: str) -> str:
    """Make ``scheme://`` spell ``scheme:\\/\\/`` (same value in JS strings, inert in comments)."""
    return re.sub(r"\b(https?|wss?|ftp):(//)", r"\1:\\/\\/", js)


@functools.cache
def vis_js() -> str:
    """vis-network's standalone bundle from the installed pyvis package, made safe to inline."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise EnvironmentMissing("pyvis is not installed; it ships the vis-network script maps need")
    path = Path(next(iter(spec.submodule_search_locations))) / "lib" / _VIS_VERSION / "vis-network.min.js"
    try:
        js = path.read_text("utf-8")
    except OSError as exc:
        raise EnvironmentMissing(f"vis-network bundle missing from pyvis ({path}): {exc}") from exc
    return _inline_safe(_neutralise_urls(js))


def _inline_safe(js: str) -> str:
    """Refuse script text that would end or confuse an inline ``<script>`` element."""
    low = js.lower()
    if "</script" in low or "<!--" in low or "<script" in low:
        js = re.sub(r"<(/?script|!--)", r"\\x3c\1", js, flags=re.IGNORECASE)
    return js


@functools.cache
def _asset(name: str) -> str:
    return resources.files("swgraph.maps").joinpath("assets", name).read_text("utf-8")


# --------------------------------------------------------------------------- text helpers


def _text(value) -> str:
    """Any attribute as clean text (no lone surrogates, no NULs)."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    return s.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


def _texts(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [_text(value)]
    try:
        return [_text(v) for v in value]
    except TypeError:
        return [_text(value)]


def html_text(value) -> str:
    """Escape text for HTML element content or a quoted attribute (``/`` too, so no URL forms).

    >>> html_text('<a href="x">https://e.org</a>')
    '&lt;a href=&quot;x&quot;&gt;https:&#47;&#47;e.org&lt;&#47;a&gt;'
    """
    return html.escape(_text(value), quote=True).replace("/", "&#47;")


def script_json(obj) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``< > & /``, no U+2028/2029.

    >>> script_json({"n": "</script><b>&", "u": "https://x"})
    '{"n":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026","u":"https:\\\\/\\\\/x"}'
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("/", "\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return str(v)
        return f"{v:.4g}"
    return _text(v)


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
        present = Counter(_text(H.nodes[n].get("kind")) or "?" for n in nodes)
        for n in nodes:
            colours[n] = style.KIND_COLOURS.get(_text(H.nodes[n].get("kind")), style.UNKNOWN_COLOUR)
        items = [(k.replace("_", " "), c) for k, c in style.KIND_COLOURS.items() if k in present]
        items += [(k, style.UNKNOWN_COLOUR) for k in sorted(present) if k not in style.KIND_COLOURS][:1]
        return colours, items, "Colour: kind 类型"
    if color_by == "province":
        codes = sorted({_text(H.nodes[n].get("province")) for n in nodes} - {""})
        pal = dict(zip(codes, style.palette(len(codes))))
        names = {}
        for n in nodes:
            code = _text(H.nodes[n].get("province"))
            colours[n] = pal.get(code, style.UNKNOWN_COLOUR)
            if code:
                names.setdefault(code, _text(H.nodes[n].get("province_name")) or code)
        items = [(names[c], pal[c]) for c in codes]
        if any(not _text(H.nodes[n].get("province")) for n in nodes):
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


def resolve_node(G: nx.Graph, node) -> Hashable:
    """The node of ``G`` meant by ``node`` (exact, else by its text form); InputError if none."""
    if node in G:
        return node
    matches = [n for n in G.nodes if str(n) == str(node)]
    if len(matches) != 1:
        raise InputError(f"node {node!r} is not in the graph")
    return matches[0]


def _check_args(G, color_by, layout, size_by, metrics, max_nodes, depth):
    if not isinstance(G, nx.Graph):
        raise InputError(f"render_map needs a networkx graph, got {type(G).__name__}")
    if color_by not in COLOR_BY:
        raise InputError(f"color_by={color_by!r}: choose one of {', '.join(COLOR_BY)}")
    if layout not in LAYOUTS:
        raise InputError(f"layout={layout!r}: choose one of {', '.join(LAYOUTS)}")
    if size_by is not None and size_by != "degree" and size_by not in (metrics or {}):
        raise InputError(f"size_by={size_by!r} is not a metric given in metrics= (nor 'degree')")
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise InputError(f"max_nodes must be a positive integer, got {max_nodes!r}")
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 0:
        raise InputError(f"depth must be a non-negative integer, got {depth!r}")


def _sizes(H, nodes, size_by, metrics, aggregated) -> dict:
    if aggregated:
        vals = {n: float(H.nodes[n].get("members", 1)) for n in nodes}
        lo_px, hi_px = 12.0, 60.0
    elif size_by is None:
        return {n: _TIER_SIZES.get(_tier_name(H.nodes[n]), 10.0) for n in nodes}
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
        rows.append(["kinds 类型", "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in top)])
        for mid, mname in d.get("top_members", []):
            rows.append(["drill down: focus=", f"{mid} ({mname})"])
        return rows
    for name in sorted(metrics or {}):
        v = metrics[name].get(n)
        if v is not None:
            rows.append([_text(name), _fmt(v)])
    first = _text(d.get("first_date"))
    if first:
        rows.append(["first date", first])
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
):
    """A pyvis ``Network`` for ``G`` (nodes, edges, options set directly: no quadratic ``add_edge``).

    ``G`` is not modified. Node dicts carry vis-network styling plus a ``d``
    dict of display data (names, pinyin, aliases, kind, tier, province,
    synthetic flag, sources, tooltip rows) read by the page script.

    Returns
    -------
    (net, legend) : the ``pyvis.network.Network`` and the legend spec (a dict).
    """
    from pyvis.network import Network

    nodes = ordered_nodes(G)
    index = {n: i for i, n in enumerate(nodes)}
    pos = geo_layout(G, seed=seed) if aggregated else compute_layout(G, layout, seed=seed)
    if aggregated:
        color_by = "province"
    colours, colour_items, colour_title = _colouring(G, nodes, color_by, communities, seed)
    sizes = _sizes(G, nodes, size_by, metrics, aggregated)

    vis_nodes, groups_present, any_synthetic = [], set(), False
    for n in nodes:
        d = G.nodes[n]
        grp = _text(d.get("group")) or ("person" if d.get("kind") == "person" else "organisation")
        shape = style.GROUP_SHAPES.get(grp, "dot")
        groups_present.add(grp if grp in style.GROUP_SHAPES else "organisation")
        zh = _text(d.get("name_zh")) or _text(n)
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
                "key": _text(n),
                "zh": zh,
                "en": _text(d.get("name_en")),
                "py": _text(d.get("pinyin")),
                "al": _texts(d.get("aliases")),
                "kind": _text(d.get("kind")),
                "tier": _tier_name(d),
                "prov": _text(d.get("province_name")),
                "provCode": _text(d.get("province")),
                "syn": syn,
                "src": _texts(d.get("sources"))[:_MAX_SOURCES],
                "srcMore": max(0, len(_texts(d.get("sources"))) - _MAX_SOURCES),
                "rows": _node_rows(G, n, d, metrics, aggregated),
                "c": colour,
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
        rel = _text(d.get("type")) or "other"
        st = style.edge_style(rel)
        types = _texts(d.get("types")) or [rel]
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
                "date": _text(d.get("first_date")),
                "n": len(_texts(d.get("records"))) if not aggregated else int(d.get("ties", 0)),
                "syn": syn,
                "tc": [[k, c] for k, c in sorted((d.get("type_counts") or {}).items())],
            },
        }
        if directed or rel in style.DIRECTED_TYPES:
            edge["arrows"] = "to"
        vis_edges.append(edge)

    big = len(vis_nodes) > _BIG
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
        edge_items.append([st["label"] if t in style.EDGE_STYLES else t, st["color"], st["width"], st["dashes"] or []])
    legend = {
        "colourTitle": colour_title,
        "colours": [[lab, c] for lab, c in colour_items],
        "shapes": [[style.GROUP_LABELS.get(g, g), style.GROUP_SHAPES[g]]
                   for g in style.GROUP_SHAPES if g in groups_present],
        "edges": edge_items,
        "synthetic": any_synthetic,
        "sizeBy": "members 成员数" if aggregated else (size_by or "tier 层级"),
    }
    return net, legend


def _facets(net) -> dict:
    def count(key):
        c = Counter(n["d"][key] for n in net.nodes)
        return [[k, v] for k, v in sorted(c.items())]

    kinds = count("kind")
    tiers = Counter(n["d"]["tier"] for n in net.nodes)
    prov = Counter((n["d"]["provCode"], n["d"]["prov"]) for n in net.nodes)
    etypes = Counter(t for e in net.edges for t in e["d"]["types"])
    return {
        "kind": kinds,
        "tier": [[t, tiers[t]] for t in style.TIER_COLOURS if t in tiers],
        "prov": [[code, name or code or "national / unknown", c] for (code, name), c in sorted(prov.items())],
        "etype": [[t, c] for t, c in sorted(etypes.items())],
    }


# --------------------------------------------------------------------------- page


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page_html(net, legend: dict, *, title: str, data_date: str, note: str, focus_id: int | None) -> str:
    """Fill the hardened template with the network's data (all text escaped)."""
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "legend": legend,
        "facets": _facets(net),
        "focus": focus_id,
        "title": _text(title),
    }
    vis = vis_js()
    app = _inline_safe(_asset("map.js"))
    date = f"data: {data_date}" if data_date else "data date not given"
    # a subset of a CJK font found on this machine, cut to the characters the page shows
    font_css = fonts.subset_font_css(
        json.dumps(data, ensure_ascii=False), _text(title), _text(note), date,
        _asset("template.html"), _asset("map.js"),
    )
    stack = style.FONT_STACK
    if font_css is not None:
        stack = f'"{fonts.FAMILY}", {stack}'
        options = dict(net.options)
        options["nodes"] = {**options["nodes"], "font": {**options["nodes"]["font"], "face": stack}}
        data["options"] = options
    data["font"] = fonts.FAMILY if font_css is not None else None
    parts = {
        "CSP": html_text(_csp(vis, app)),
        "FONT": "embedded" if font_css is not None else "system",
        "TITLE": html_text(title),
        "DATE": html_text(date),
        "NOTE": html_text(note),
        "CSS": (font_css or "") + _asset("map.css").replace("/*FONT_STACK*/", stack),
        "DATA": script_json(data),
        "VIS": vis,
        "APP": app,
    }
    template = _asset("template.html")
    # one pass: a replacement is never scanned again, so data cannot inject a marker
    return re.sub(r"<!--SWG:([A-Z]+)-->", lambda m: parts[m.group(1)], template)


def render_map(
    G: nx.Graph,
    *,
    color_by: str = "tier",
    size_by: str | None = None,
    metrics: Mapping[str, Mapping[Hashable, float]] | None = None,
    communities: Mapping[Hashable, int] | None = None,
    layout: str = "force",
    title: str = "swgraph map",
    data_date: str = "",
    focus: Hashable | None = None,
    depth: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    overview_by: str = "province",
    seed: int = 0,
) -> str:
    """Render ``G`` as one self-contained offline HTML page and return it.

    Parameters
    ----------
    G : networkx graph following ``docs/graph-contract.md`` (not modified)
    color_by : ``'tier'``, ``'province'``, ``'community'`` or ``'kind'``
    size_by : None (size by tier), ``'degree'`` or the name of a metric in ``metrics``
    metrics : ``{metric name: {node: value}}``; all are listed in tooltips
    communities : ``{node: community id}`` for ``color_by='community'`` (Louvain with ``seed`` if None)
    layout : ``'force'`` (Fruchterman–Reingold), ``'tier'`` (rows by tier) or ``'geo'`` (by region)
    title, data_date : shown in the header (escaped)
    focus, depth : draw only the ego network of ``focus`` within ``depth`` hops; it is selected on load
    max_nodes : above this many nodes draw an overview by ``overview_by``
        (``'province'`` or ``'prefecture'``) with node size = members, edge width = summed ties
    seed : seed of the force layout and of Louvain communities

    Returns
    -------
    str : the HTML page (UTF-8 text). Same inputs give byte-identical output.

    Raises
    ------
    swgraph.core.errors.InputError : bad argument or unknown ``focus``
    swgraph.core.errors.EnvironmentMissing : pyvis's vis-network bundle is missing
    """
    _check_args(G, color_by, layout, size_by, metrics, max_nodes, depth)
    H, note, focus_node = G, "", None
    if focus is not None:
        focus_node = resolve_node(G, focus)
        H = ego(G, focus_node, depth=depth)
        note = (f"Ego network of {_text(G.nodes[focus_node].get('name_zh')) or _text(focus_node)} "
                f"within {depth} hop(s): {H.number_of_nodes():,} of {G.number_of_nodes():,} nodes.")
    aggregated = H.number_of_nodes() > max_nodes
    if aggregated:
        n_all = H.number_of_nodes()
        H = overview(H, by=overview_by)
        note = (note + " " if note else "") + (
            f"{n_all:,} nodes exceed max_nodes={max_nodes:,}: overview of {H.number_of_nodes():,} "
            f"{overview_by} groups (node size = members, edge width = summed ties). "
            "Drill down with focus=<node id> and depth (each group's tooltip lists ids), "
            "or render one province's subgraph."
        )
        focus_node = None
    net, legend = build_network(
        H, color_by=color_by, size_by=size_by, metrics=metrics, communities=communities,
        layout=layout, seed=seed, aggregated=aggregated,
    )
    focus_id = None
    if focus_node is not None:
        focus_id = next(n["id"] for n in net.nodes if n["d"]["key"] == _text(focus_node))
    return page_html(net, legend, title=title, data_date=data_date, note=note, focus_id=focus_id)


def write_map(path: str | os.PathLike, G: nx.Graph, **kwargs) -> Path:
    """Render ``G`` (see :func:`render_map`) and write the page to ``path`` atomically.

    The page is rendered first and written to a temporary file beside ``path``,
    then renamed over it: a failure never leaves a partial page behind.
    """
    path = Path(path)
    page = render_map(G, **kwargs)
    return atomic_write(path, page)


def atomic_write(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same directory + rename."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write map: directory {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


class MapFigure:
    """A rendered map that shows itself inline in Jupyter / VS Code notebooks.

    The page is embedded as ``<iframe srcdoc=...>`` (escaped, sandboxed to
    scripts only), so the notebook needs no file beside it.

    >>> import networkx as nx
    >>> fig = MapFigure(render_map(nx.Graph(), title="empty"))
    >>> fig._repr_html_().startswith('<iframe sandbox="allow-scripts"')
    True
    """

    def __init__(self, page: str, *, height: int = 640):
        self.html = page
        self.height = int(height)

    @classmethod
    def from_graph(cls, G: nx.Graph, *, height: int = 640, **kwargs) -> "MapFigure":
        return cls(render_map(G, **kwargs), height=height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe sandbox="allow-scripts" style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page atomically (temp file + rename)."""
        return atomic_write(path, self.html)

    def __str__(self) -> str:
        return self.html


def map_figure(G: nx.Graph, *, height: int = 640, **kwargs) -> MapFigure:
    """:func:`render_map` wrapped in a :class:`MapFigure` for notebooks."""
    return MapFigure.from_graph(G, height=height, **kwargs)
