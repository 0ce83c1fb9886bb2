"""Exports of the network: GraphML, GEXF and JSON, written atomically.

GraphML and GEXF hold only scalar attributes, so list attributes (aliases,
sources, types, records) are joined with ``" | "`` and missing values become
empty strings (``tier`` becomes -1).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import networkx as nx

from swgraph.errors import InputError

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


def flatten_attributes(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all scalars (for GraphML and GEXF)."""
    H = G.__class__()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in d.items()}
        if "tier" in d and d["tier"] is None:
            attrs["tier"] = -1
        H.add_node(n, **attrs)
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in d.items()})
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **{a: _scalar(x) for a, x in d.items()})
    return H


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w"):
    """Write to a temporary file beside ``path`` and rename it into place only on success."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise InputError(f"{path.parent}: folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def graph_to_json(G: nx.Graph) -> dict:
    """Node-link data (``nodes``, ``edges``) with every attribute, lists kept as lists."""
    return nx.node_link_data(G, edges="edges")


def export_graph(G: nx.Graph, path: str | Path, fmt: str) -> None:
    """Write ``G`` to ``path`` as ``graphml``, ``gexf`` or ``json``."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        with atomic_write(path) as fh:
            json.dump(graph_to_json(G), fh, ensure_ascii=False, indent=1)
        return
    H = flatten_attributes(G)
    with atomic_write(path, "wb") as fh:
        if fmt == "graphml":
            nx.write_graphml(H, fh, encoding="utf-8")
        else:
            nx.write_gexf(H, fh, encoding="utf-8")
