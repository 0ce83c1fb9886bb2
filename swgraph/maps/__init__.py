"""Offline interactive maps of swgraph graphs (one self-contained HTML file).

Public API::

    render_map(G, *, color_by, size_by, metrics, communities, layout, title,
               data_date, focus, depth, max_nodes, overview_by, seed) -> str
    write_map(path, G, **same) -> Path          # atomic: temp file + rename
    map_figure(G, **same) -> MapFigure          # _repr_html_ for notebooks (iframe srcdoc)
    force_layout / tier_layout / geo_layout(G, *, seed=0) -> {node: (x, y)}
        (geo: nodes inside their province's square of a tile-grid cartogram; the page draws the
        tiles under the network, coloured by prefecture coverage: render_map(coverage=...))
    overview(G, by='province'|'prefecture') -> nx.Graph;  ego(G, node, depth=1) -> nx.Graph
    build_network(G, ...) -> (pyvis Network, legend)
    record_notes(dataset) -> {record id: {title, date, sources}}   # records= of render_map

Modules: render (the entry points above), visdata (graph -> nodes, edges,
legend, facets), pack (those as columns: what the page embeds, and reading it back),
ties (what edge tooltips say about records), page (template filled once, CSP,
compression of big maps), assets (vis-network, CSS, JS, font), escape (all
encoding of user text), style (colours, sizes, labels from the kind table),
layout (incl. the cartogram's tiles), aggregate (overviews, ego networks, the overview's
province blocks), fonts. Page plugins (``assets/cartogram.js``) register in
``window.swgraphPlugins`` and get ``(network, DATA, api)`` once the network exists.

Above ``max_nodes`` a page holds the whole network and opens on an overview by
province that opens in place (``assets/map.js``): search, the time slider, the
ego view and PNG/SVG export work on every node.
"""

from swgraph.maps.aggregate import ego, overview
from swgraph.maps.layout import force_layout, geo_layout, tier_layout
from swgraph.maps.render import DEFAULT_MAX_NODES, MapFigure, map_figure, render_map, write_map
from swgraph.maps.ties import record_notes
from swgraph.maps.visdata import build_network

__all__ = [
    "DEFAULT_MAX_NODES",
    "MapFigure",
    "build_network",
    "ego",
    "force_layout",
    "geo_layout",
    "map_figure",
    "overview",
    "record_notes",
    "render_map",
    "tier_layout",
    "write_map",
]
