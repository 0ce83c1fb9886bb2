"""Render a swgraph NetworkX projection as ONE self-contained, offline HTML map.

The pieces, each in its own module: :mod:`~swgraph.maps.visdata` (nodes,
edges, legend from the graph), :mod:`~swgraph.maps.assets` (vis-network, CSS,
JS, font), :mod:`~swgraph.maps.escape` (all encoding of user text) and
:mod:`~swgraph.maps.page` (the template filled once). This module checks the
arguments, lays big graphs out in province blocks for the in-page overview
(:mod:`~swgraph.maps.aggregate`), and writes files.

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

import os
from collections.abc import Hashable, Mapping
from pathlib import Path

import networkx as nx

from swgraph.core.errors import InputError
from swgraph.core.io import write_text
from swgraph.maps import style
from swgraph.maps.aggregate import ego, overview, province_blocks
from swgraph.maps.escape import attribute, text
from swgraph.maps.layout import LAYOUTS as layout_functions
from swgraph.maps.page import page_html
from swgraph.maps.visdata import build_network

COLOR_BY = ("tier", "province", "community", "kind")
#: layout names, as :mod:`swgraph.maps.layout` defines them
LAYOUTS = tuple(layout_functions)
#: above this many nodes ``render_map`` draws an overview by region instead
DEFAULT_MAX_NODES = 5000


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
    records: Mapping[str, Mapping] | None = None,
    people: list | None = None,
    dates: Mapping[str, str] | None = None,
    coverage: Mapping | None = None,
    new_since: str | None = None,
) -> str:
    """Render ``G`` as one self-contained offline HTML page and return it.

    Parameters
    ----------
    G : networkx graph following ``docs/graph-contract.md`` (not modified)
    color_by : ``'tier'``, ``'province'``, ``'community'`` or ``'kind'``
    size_by : None (size by tier), ``'degree'`` or the name of a metric in ``metrics``
    metrics : ``{metric name: {node: value}}``; all are listed in tooltips
    communities : ``{node: community id}`` for ``color_by='community'`` (Louvain with ``seed`` if None)
    layout : ``'force'`` (Fruchterman–Reingold), ``'tier'`` (rows by tier; rings for a national
        network) or ``'geo'`` (a tile-grid cartogram of the provinces, each province's nodes in its tile)
    title, data_date : shown in the header (escaped)
    focus, depth : draw only the ego network of ``focus`` within ``depth`` hops; it is selected on load
    max_nodes : above this many nodes the page opens on an overview: with ``overview_by='province'``
        one hexagon per province (size = members, line width = summed ties) that opens in place
        into its organisations on a click (the whole network is embedded; ``layout`` is then
        the blocks' own); ``'prefecture'`` draws a static overview by prefecture
    seed : seed of the force layout and of Louvain communities
    records : ``{record id: {title, date, sources}}`` (:func:`swgraph.maps.ties.record_notes`):
        edge tooltips then name the records behind each tie and their sources, and the
        time slider shows each record from its date
    people : ``[{"key", "zh", "en", "py", "al", "posts": [[organisation node, role], ...]}]``:
        people the page's search finds (choosing one selects their first organisation)
    dates : ``{node: date text}`` (founding dates) for the time slider
    coverage : ``{province code: ProvinceCoverage}`` (:func:`swgraph.analysis.coverage.prefecture_coverage`
        of the measured graph): with ``layout='geo'`` the cartogram's tiles are coloured and labelled by it
    new_since : ``YYYY[-MM[-DD]]``: the page opens highlighting organisations founded and ties first
        recorded after that date (changeable in the page)

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
        note = (f"Ego network of {text(G.nodes[focus_node].get('name_zh')) or text(focus_node)} "
                f"within {depth} hop(s): {H.number_of_nodes():,} of {G.number_of_nodes():,} nodes.")
    aggregated = H.number_of_nodes() > max_nodes
    groups, positions = None, None
    if aggregated and overview_by == "province":
        positions, rows = province_blocks(H, seed=seed)
        # one colour per province, the same in every view (national / unknown groups grey)
        groups = [[*row, style.province_colour(row[0])] for row in rows]
        note = (note + " " if note else "") + (
            f"{H.number_of_nodes():,} organisations (above {max_nodes:,}): the map opens on an overview by "
            f"province (size = members, line width = summed ties). Click a province to open it in place; "
            "search finds any organisation or person.")
        aggregated = False
    elif aggregated:
        n_all = H.number_of_nodes()
        H = overview(H, by=overview_by)
        note = (note + " " if note else "") + (
            f"{n_all:,} nodes exceed max_nodes={max_nodes:,}: overview of {H.number_of_nodes():,} "
            f"{overview_by} groups (node size = members, edge width = summed ties)."
        )
        focus_node = None
    net, legend = build_network(
        H, color_by=color_by, size_by=size_by, metrics=metrics, communities=communities,
        layout=layout, seed=seed, aggregated=aggregated, records=records, positions=positions,
        coverage=coverage,
    )
    focus_id = None
    if focus_node is not None:
        focus_id = next(n["id"] for n in net.nodes if n["d"]["key"] == text(focus_node))
    return page_html(net, legend, title=title, data_date=data_date, note=note, focus_id=focus_id,
                     groups=groups, records=records, dates={text(k): v for k, v in (dates or {}).items()},
                     people=people, new_since=new_since)


def write_map(path: str | os.PathLike, G: nx.Graph, **kwargs) -> Path:
    """Render ``G`` (see :func:`render_map`) and write the page to ``path`` atomically.

    The page is rendered first and written to a temporary file beside ``path``,
    then renamed over it: a failure never leaves a partial page behind.
    """
    page = render_map(G, **kwargs)
    return _write(path, page)


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
            f'srcdoc="{attribute(self.html)}"></iframe>'
        )

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page atomically (temp file + rename)."""
        return _write(path, self.html)

    def __str__(self) -> str:
        return self.html


def map_figure(G: nx.Graph, *, height: int = 640, **kwargs) -> MapFigure:
    """:func:`render_map` wrapped in a :class:`MapFigure` for notebooks."""
    return MapFigure.from_graph(G, height=height, **kwargs)


def _write(path: str | os.PathLike, page: str) -> Path:
    """Write ``page`` whole or not at all; the folder must exist (a typo is not a new folder)."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write map: directory {parent} does not exist")
    return write_text(path, page)
