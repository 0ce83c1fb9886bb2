"""Maps of a dataset: pick the projection, compute the metrics the map shows, render.

>>> from swgraph.records.dataset import load_dataset
>>> html = dataset_map(load_dataset(), size_by="betweenness")
>>> html.startswith("<!DOCTYPE html>") and "中国社会工作联合会" in html
True
"""

from __future__ import annotations

from swgraph.records.dataset import Dataset
from swgraph.core.errors import InputError

MAP_METRICS = ("degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank")
TOOLTIP_METRICS = ("degree", "betweenness", "eigenvector", "pagerank")


def compute_metrics(G, names) -> dict[str, dict]:
    """``{metric: {node: value}}`` for the named centrality metrics (conventions as in ``swgraph analyze``)."""
    from swgraph.analysis import centrality

    funcs = {
        "degree": lambda: centrality.degree(G),
        "strength": lambda: centrality.degree(G, weight="weight"),
        "betweenness": lambda: centrality.betweenness(G),
        "closeness": lambda: centrality.closeness(G),
        "harmonic": lambda: centrality.harmonic(G),
        "eigenvector": lambda: centrality.eigenvector(G, weight="weight"),
        "pagerank": lambda: centrality.pagerank(G, weight="weight"),
    }
    out = {}
    for name in names:
        if name not in funcs:
            raise InputError(f"unknown metric {name!r}; choose one of {', '.join(MAP_METRICS)}")
        out[name] = dict(funcs[name]())
    return out


def resolve_focus(ds: Dataset, name_or_id: str) -> str:
    """The id of the entity a user named (id, Chinese or English name, alias or pinyin)."""
    from swgraph.records.search import find

    found = find(ds, name_or_id)
    if not found:
        raise InputError(f"--focus: nothing matches {name_or_id!r}")
    return found[0].id


def dataset_map(ds: Dataset, *, graph: str = "collaboration", color_by: str = "tier", size_by: str | None = "betweenness",
                focus: str | None = None, depth: int = 1, as_of: str | None = None, layout: str = "force",
                title: str | None = None, max_nodes: int | None = None, metrics: dict | None = None) -> str:
    """The HTML map of ``ds``: one self-contained page (see :func:`swgraph.maps.render_map`)."""
    from swgraph.graph import project
    from swgraph.maps.render import DEFAULT_MAX_NODES, render_map

    if as_of:
        ds = ds.as_of(as_of)
    G = project(ds, graph)
    if G.is_multigraph():
        raise InputError("the full graph cannot be mapped; choose collaboration, visits, hierarchy or posts")
    if metrics is None:
        metrics_graph = G
        wanted = list(dict.fromkeys([*TOOLTIP_METRICS, *([size_by] if size_by and size_by != "degree" else [])]))
        metrics = compute_metrics(metrics_graph, wanted)
    elif size_by and size_by not in metrics and size_by != "degree":
        metrics = {**metrics, **compute_metrics(G, [size_by])}
    if graph == "collaboration":
        # Drawn, not measured: part-of and membership lines place schools and centres beside their parents.
        from swgraph.graph import hierarchy_graph

        G = G.copy()
        for u, v, d in hierarchy_graph(ds).edges(data=True):
            if not G.has_edge(u, v):
                G.add_edge(u, v, **d)
    info = ds.info
    heading = title or " · ".join(t for t in (info.title_zh, info.title_en) if t) or info.id
    date = f"as of {as_of}" if as_of else (str(info.data_date) if info.data_date else "")
    return render_map(G, color_by=color_by, size_by=size_by, metrics=metrics, layout=layout, title=heading,
                      data_date=date, focus=resolve_focus(ds, focus) if focus else None, depth=depth,
                      max_nodes=max_nodes or DEFAULT_MAX_NODES)


def seeds_map_html(ds: Dataset, result: dict, *, as_of: str | None = None) -> str:
    """The report's map: collaboration graph coloured by tier, sized by betweenness, metrics from ``result``."""
    metrics = {m: {v: d[m] for v, d in result["nodes"].items() if d.get(m) is not None} for m in TOOLTIP_METRICS}
    return dataset_map(ds, color_by="tier", size_by="betweenness", metrics=metrics, as_of=as_of)
