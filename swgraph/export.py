"""Exports of the network: GraphML, GEXF and JSON, written atomically.

GraphML and GEXF hold only scalar attributes, so list attributes (aliases,
sources, types, records) are joined with ``" | "`` and missing values become
empty strings (``tier`` becomes -1). Characters XML 1.0 cannot hold (NUL and
other control characters, which validated data never holds but a graph built
in code may) are replaced by U+FFFD, and :func:`export_graph` says how many.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from swgraph.core.encode import json_text, xml_text
from swgraph.core.errors import InputError
from swgraph.core.io import atomic_write, write_text

FORMATS = ("graphml", "gexf", "json")
LIST_SEPARATOR = " | "


def _scalar(value):
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


class _XmlSafe:
    """Replaces characters XML cannot hold in a text and counts them (other values pass unchanged)."""

    def __init__(self):
        self.replaced = 0

    def __call__(self, value):
        if not isinstance(value, str):
            return value
        text, n = xml_text(value)
        self.replaced += n
        return text


def _float_keys(items) -> set[str]:
    """Numeric attributes that need float type: some value is a float or missing (written as NaN)."""
    numeric, needs_float, texts = set(), set(), set()
    for d in items:
        for k, v in d.items():
            if isinstance(v, bool) or isinstance(v, (str, list, tuple, set)):
                texts.add(k)
            elif isinstance(v, float):
                numeric.add(k)
                needs_float.add(k)
            elif isinstance(v, int):
                numeric.add(k)
            elif v is None:
                needs_float.add(k)
    return (numeric - texts) & needs_float


def _flat(d: dict, float_keys: set[str], text) -> dict:
    out = {}
    for k, v in d.items():
        if k in float_keys:
            out[text(k)] = float("nan") if v is None else float(v)
        else:
            out[text(k)] = text(_scalar(v))
    return out


def _same(value):
    return value


def flatten_attributes(G: nx.Graph, *, text=_same) -> nx.Graph:
    """A copy of ``G`` whose attributes are all scalars of one type each (for GraphML and GEXF).

    Lists are joined with ``" | "``; a missing number becomes NaN, a missing
    text ``""``; ``tier`` of organisations outside the tiers becomes -1.
    ``text`` is applied to every text: node ids, attribute names and values.
    """
    H = G.__class__()
    H.graph.update({text(k): text(_scalar(v)) for k, v in G.graph.items()})
    node_data = []
    for n, d in G.nodes(data=True):
        d = dict(d)
        if "tier" in d and d["tier"] is None:
            d["tier"] = -1
        node_data.append((n, d))
    node_floats = _float_keys(d for _, d in node_data)
    for n, d in node_data:
        H.add_node(text(n), **_flat(d, node_floats, text))
    edge_floats = _float_keys(d for *_, d in G.edges(data=True))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(text(u), text(v), key=k, **_flat(d, edge_floats, text))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(text(u), text(v), **_flat(d, edge_floats, text))
    return H


def with_metrics(G: nx.Graph, result: dict) -> nx.Graph:
    """A copy of ``G`` whose organisation nodes carry the analysis metrics (for Gephi).

    ``result`` is the output of :func:`swgraph.application.suite.analyze`; nodes
    it has no entry for (people, records) are left as they are. The measures
    are those the analysis states in its ``metrics`` block (the metric
    registry), plus the community.
    """
    names = [k for k in result["metrics"] if k != "brokerage"]
    H = G.copy()
    for v, d in result["nodes"].items():
        if v in H:
            H.nodes[v].update({f"m_{k}": d.get(k) for k in names})
    return H


def graph_to_json(G: nx.Graph) -> dict:
    """Node-link data (``nodes``, ``edges``) with every attribute, lists kept as lists."""
    return nx.node_link_data(G, edges="edges")


def export_graph(G: nx.Graph, path: str | Path, fmt: str) -> int:
    """Write ``G`` to ``path`` as ``graphml``, ``gexf`` or ``json``.

    Returns how many characters XML 1.0 cannot hold were replaced by U+FFFD
    (always 0 for JSON, which holds every character).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        write_text(path, json_text(graph_to_json(G)))
        return 0
    safe = _XmlSafe()
    H = flatten_attributes(G, text=safe)
    if Path(path).parent and not Path(path).parent.exists():
        raise InputError(f"{Path(path).parent}: folder does not exist")
    with atomic_write(path, "wb") as fh:
        if fmt == "graphml":
            nx.write_graphml(H, fh, encoding="utf-8")
        else:
            nx.write_gexf(H, fh, encoding="utf-8")
    return safe.replaced
