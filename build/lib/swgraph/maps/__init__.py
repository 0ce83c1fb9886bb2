"""Offline interactive maps of swgraph graphs (one self-contained HTML file).

Public API::

    render_map(G, *, color_by, size_by, metrics, communities, layout, title,
               data_date, focus, depth, max_nodes, overview_by, seed) -> str
    write_map(path, G, **same) -> Path          # atomic: temp file + rename
    map_figure(G, **same) -> MapFigure          # _repr_html_ for notebooks (iframe srcdoc)
    force_layout / tier_layout / geo_layout(G, *, seed=0) -> {node: (x, y)}
    overview(G, by='province'|'prefecture') -> nx.Graph;  ego(G, node, depth=1) -> nx.Graph
"""

from swgraph.maps.aggregate import ego, overview
from swgraph.maps.layout import force_layout, geo_layout, tier_layout
from swgraph.maps.render import (
    DEFAULT_MAX_NODES,
    MapFigure,
    build_network,
    map_figure,
    render_map,
    write_map,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "MapFigure",
    "build_network",
    "ego",
    "force_layout",
    "geo_layout",
    "map_figure",
    "overview",
    "render_map",
    "tier_layout",
    "write_map",
]
