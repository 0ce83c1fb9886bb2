"""Maps of a dataset: pick the projection, compute the metrics the map shows, render.

>>> from swgraph.records.dataset import load_dataset
>>> html = dataset_map(load_dataset(), size_by="betweenness")
>>> html.startswith("<!DOCTYPE html>") and "中国社会工作联合会" in html
True
"""

from __future__ import annotations

from swgraph.analysis import metrics as metric_registry
from swgraph.analysis.communities import community_of
from swgraph.analysis.coverage import prefecture_coverage
from swgraph.application.suite import Analysis
from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.core.names import normalise, pinyin
from swgraph.graph import hierarchy_edges, project
from swgraph.maps.aggregate import ego, group_of
from swgraph.maps.render import DEFAULT_MAX_NODES, render_map
from swgraph.maps.ties import record_notes
from swgraph.records.dataset import Dataset
from swgraph.records.search import find

MAP_METRICS = tuple(metric_registry.map_metrics())
TOOLTIP_METRICS = tuple(metric_registry.tooltip_metrics())


def compute_metrics(G, names) -> dict[str, dict]:
    """``{metric: {node: value}}`` for the named measures, as the metric registry (and ``swgraph analyze``) computes them."""
    bad = [n for n in names if n not in MAP_METRICS]
    if bad:
        raise InputError(f"unknown metric {bad[0]!r}; choose one of {', '.join(MAP_METRICS)}")
    return {name: dict(scores) for name, scores in metric_registry.compute(G, names).items()}


def resolve_focus(ds: Dataset, name_or_id: str) -> str:
    """The id of the entity a user named (id, Chinese or English name, alias or pinyin); an id always means its record."""
    if ds.get(name_or_id) is not None:
        return name_or_id
    found = find(ds, name_or_id)
    if not found:
        raise InputError(f"--focus: nothing matches {name_or_id!r}")
    return found[0].id


def map_people(ds: Dataset, organisations: set | None = None) -> list[dict]:
    """The people of ``ds`` for the page's search: names, pinyin and their posts ([organisation, role]).

    ``organisations``: the organisations a map draws (a focus or province map); only posts
    there are listed, and only people holding one (search must select a drawn node).
    """
    posts: dict[str, list] = {}
    for post in ds.posts:
        if organisations is None or post.organisation in organisations:
            posts.setdefault(post.person, []).append([post.organisation, post.role_zh])
    out = []
    for person in ds.people:
        if organisations is not None and person.id not in posts:
            continue
        names = person.all_names()
        out.append({"key": person.id, "zh": person.name_zh, "en": person.name_en or "",
                    "py": person.pinyin or pinyin(person.name_zh), "al": names[1 + bool(person.name_en):],
                    "posts": posts.get(person.id, [])})
    return out


def map_dates(ds: Dataset) -> dict[str, str]:
    """``{organisation id: founding date}`` (at the record's own precision) for the time slider."""
    return {org.id: str(org.date_value().value) for org in ds.organisations if org.date_value() is not None}


def resolve_province(name_or_code: str) -> str:
    """The six-digit code of a province named by code (``440000``, ``44``) or name (广东省, 广东, guangdong)."""
    raw = name_or_code.strip()
    key = normalise(raw)
    for code in regions.provinces():
        name = regions.name(code)
        short = name.removesuffix("省").removesuffix("市").removesuffix("自治区").removesuffix("特别行政区")
        if key in {code, code[:2], normalise(name), normalise(short), normalise(pinyin(short))}:
            return code
    if key in {"100000", "national"}:
        return "100000"
    raise InputError(f"--province: no province matches {name_or_code!r} (a code like 440000 or a name like 广东省)")


def dataset_map(ds: Dataset, *, graph: str = "collaboration", color_by: str = "tier", size_by: str | None = "betweenness",
                focus: str | None = None, depth: int = 1, as_of: str | None = None, layout: str = "force",
                title: str | None = None, max_nodes: int | None = None, metrics: dict | None = None,
                province: str | None = None, new_since: str | None = None) -> str:
    """The HTML map of ``ds``: one self-contained page (see :func:`swgraph.maps.render_map`).

    ``province`` (code or name) maps only the organisations in that province; ``new_since``
    (``YYYY[-MM[-DD]]``) opens the page highlighting what is new after that date.
    ``metrics`` (``{metric: {node: value}}``, e.g. an analysis' scores) are used as
    given; a measure the map needs and ``metrics`` lacks is computed by the metric
    registry (with its own sampling rules above its size limits).
    """
    if as_of:
        ds = ds.as_of(as_of)
    return _draw(ds, project(ds, graph), graph=graph, color_by=color_by, size_by=size_by, focus=focus, depth=depth,
                 as_of=as_of, layout=layout, title=title, max_nodes=max_nodes, metrics=metrics, province=province,
                 new_since=new_since)


def _draw(ds: Dataset, G, *, graph: str, color_by: str, size_by: str | None, focus: str | None, depth: int,
          as_of: str | None, layout: str, title: str | None, max_nodes: int | None, metrics: dict | None,
          province: str | None, new_since: str | None = None) -> str:
    """:func:`dataset_map` of ``ds`` (already cut to ``as_of``) once its projection ``G`` is built; ``G`` is not changed."""
    code = resolve_province(province) if province else None
    if G.is_multigraph():
        raise InputError("the full graph cannot be mapped; choose collaboration, visits, hierarchy or posts")
    if metrics is None:
        wanted = list(dict.fromkeys([*TOOLTIP_METRICS, *([size_by] if size_by and size_by != "degree" else [])]))
        metrics = compute_metrics(G, wanted)
    elif size_by and size_by not in metrics and size_by != "degree":
        metrics = {**metrics, **compute_metrics(G, [size_by])}
    # one measure, one value: the communities are the analysis' (on the measured graph, not the drawn one)
    communities = community_of(G) if color_by == "community" and not G.is_directed() else None
    # the geo cartogram's coverage is the analysis' figure, on the measured graph
    coverage = prefecture_coverage(G) if layout == "geo" else None
    if graph == "collaboration":
        # Drawn, not measured: part-of and membership lines place schools and centres beside their parents.
        G = G.copy()
        for u, v, d in hierarchy_edges(ds):
            if not G.has_edge(u, v):
                G.add_edge(u, v, **d)
    if code:  # measures stay the national network's; the drawing keeps the province's organisations
        G = G.subgraph([n for n, d in G.nodes(data=True) if group_of(d) == code]).copy()
    focus_id = resolve_focus(ds, focus) if focus else None
    drawn = None  # None: every organisation is drawn
    if focus_id is not None and focus_id in G:
        drawn = set(ego(G, focus_id, depth=depth))
    elif code:
        drawn = set(G)
    info = ds.info
    heading = title or " · ".join(t for t in (info.title_zh, info.title_en) if t) or info.id
    date = f"as of {as_of}" if as_of else (str(info.data_date) if info.data_date else "")
    if code:
        heading = f"{heading} · {regions.name(code) or code}"
    return render_map(G, color_by=color_by, size_by=size_by, metrics=metrics, communities=communities,
                      layout=layout, title=heading,
                      data_date=date, focus=focus_id, depth=depth,
                      max_nodes=max_nodes or DEFAULT_MAX_NODES, records=record_notes(ds),
                      people=map_people(ds, drawn), dates=map_dates(ds), coverage=coverage, new_since=new_since)


def analysis_metrics(result: dict, names=TOOLTIP_METRICS) -> dict[str, dict]:
    """``{metric: {node: value}}`` of the named measures, read from an analysis result (nodes without a value left out)."""
    return {m: {v: d[m] for v, d in result["nodes"].items() if d.get(m) is not None} for m in names}


def seeds_map_html(ds: Dataset, result: dict, *, as_of: str | None = None, analysis: Analysis | None = None) -> str:
    """The report's map: collaboration graph coloured by tier, sized by betweenness, metrics from ``result``.

    ``analysis``: the :class:`~swgraph.application.suite.Analysis` behind ``result``; when it
    measured the whole collaboration graph, the map draws that graph and dataset instead of
    building them again (``ds`` and ``as_of`` are then only what the heading says).
    """
    kwargs = dict(graph="collaboration", color_by="tier", size_by="betweenness", focus=None, depth=1, layout="force",
                  title=None, max_nodes=None, metrics=analysis_metrics(result), province=None)
    G = analysis.collaboration_graph() if analysis is not None else None
    if G is None:
        return dataset_map(ds, as_of=as_of, **kwargs)
    return _draw(analysis.dataset, G, as_of=as_of, **kwargs)
