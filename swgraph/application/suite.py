"""The full analysis of a dataset, as one JSON-ready dictionary.

:func:`analyze` runs every family in :mod:`swgraph.analysis` over the
projections of a :class:`~swgraph.records.dataset.Dataset` and returns plain data:
per-node metrics keyed by id, graph-level measures, hubs and brokers,
collaboration, communities, coverage, resilience and recommendations. The
shape is documented by ``docs/analysis.schema.json``; ``swgraph analyze``
prints or writes it.

Choices (also stated in the output's ``metrics`` block):

* Projection: the organisation collaboration graph (undirected; agreements,
  visits and meetings, joint programmes, other ties, interlocking posts).
* Strength metrics (degree strength, eigenvector, PageRank, Louvain) use
  ``weight`` = number of records behind a tie.
* Path metrics (betweenness, closeness, harmonic, resilience) count hops: a
  tie is one step whatever its weight, so brokerage means sitting between
  organisations that are otherwise apart. (With 1/weight distances igraph and
  NetworkX disagree on near-equal path lengths; hops agree exactly.)
* Brokerage roles read the undirected graph in both directions, grouped by
  tier and by province.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

from swgraph.analysis import brokerage, collaboration, communities, coverage, metrics, recommend, resilience
from swgraph.core.errors import InputError
from swgraph.graph import collaboration_graph, visit_graph
from swgraph.records.dataset import Dataset

SCHEMA_ID = "swgraph.analysis/1"
# Above this many nodes the all-pairs path statistics of the resilience check are skipped.
RESILIENCE_PATH_LIMIT = 20_000

#: what the JSON's ``metrics`` block says of each measure: the registry's definitions, plus the groupings
METRIC_DEFINITIONS = {
    **{m.name: m.definition() for m in metrics.node_metrics()},
    "brokerage": {"projection": "collaboration", "direction": "both directions of each tie", "groups": ["tier_name", "province"]},
    "community": {"projection": "collaboration", "method": "Louvain", "weights": "weight as strength", "seed": 0},
}
NODE_METRICS = tuple(m.name for m in metrics.node_metrics())


SIGNIFICANT_DIGITS = 12


def _clean(value: Any) -> Any:
    """JSON-safe and repeatable: NaN/inf become None, tuples lists, numpy scalars floats.

    Floats keep 12 significant digits: iterative solvers (eigenvector, PageRank)
    differ from run to run in the last bits, and the report must not.
    """
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _clean(value.item())
    return value


def _documented_coverage(ds: Dataset) -> dict:
    out = {}
    for st in ds.statistics:
        if st.measure == "prefectures_with_industry_org" and st.region:
            quote = st.sources[0] if st.sources else None
            out[st.region] = {"covered": int(st.value), "total": int(st.out_of) if st.out_of else None,
                              "as_of": str(st.as_of), "synthetic": st.synthetic,
                              "source": f"{quote.source}: {quote.quote}" if quote else (st.generator or "")}
    return out


def last_date(ds: Dataset) -> str | None:
    """The latest date the records give, at its own precision (the latest by earliest day)."""
    dates = [w for r in ds.all_records() if (w := r.date_value()) is not None]
    return max(dates, key=lambda w: (w.earliest, w.latest)).value if dates else None


def activity_records(ds: Dataset) -> list[dict]:
    """Visits, meetings, programmes and ties as ``{id, parties, date}``: what counts as follow-up of an agreement."""
    acts = []
    for ev in ds.events:
        if ev.kind == "signing":
            continue  # the signing of an agreement is not later activity under it
        parties = list(dict.fromkeys([*([ev.host] if ev.host else []), *ev.visitors, *ev.participants]))
        acts.append({"id": ev.id, "parties": parties, "date": ev.date.value})
    for prog in ds.programmes:
        parties = [prog.owner, *(p.organisation for p in prog.participants)]
        acts.append({"id": prog.id, "parties": parties, "date": prog.launched.value if prog.launched else ""})
    for tie in ds.ties:
        acts.append({"id": tie.id, "parties": list(tie.parties), "date": tie.date.value if tie.date else ""})
    return acts


def _federation(ds: Dataset) -> str | None:
    feds = [o.id for o in ds.organisations if o.kind == "national_federation"]
    return feds[0] if feds else None


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def rank_text(best: int, worst: int) -> tuple[str, str]:
    """A rank as a reader says it, ties as ties: ``("第 1–5 名（并列）", "tied 1st–5th")``.

    >>> rank_text(1, 1), rank_text(1, 5)[1]
    (('第 1 名', '1st'), 'tied 1st–5th')
    """
    if best == worst:
        return f"第 {best} 名", _ordinal(best)
    return f"第 {best}–{worst} 名（并列）", f"tied {_ordinal(best)}–{_ordinal(worst)}"


def _hub_verdict(h: dict, name_zh: str, name_en: str, components_before: int) -> dict:
    """The hub finding: the figures first, then the verdict of the rule stated in ``criteria``."""
    dz, de = rank_text(h["degree_rank"], h["degree_rank_worst"])
    bz, be = rank_text(h["betweenness_rank"], h["betweenness_rank_worst"])
    zh = [f"{name_zh}的合作伙伴数为{dz}、中介中心度为{bz}（共 {h['n_nodes']} 个组织）",
          f"其他组织之间 {h['path_share']:.0%} 的最短路径经过它"]
    en = [f"{name_en} is {de} of {h['n_nodes']} by partners and {be} by betweenness",
          f"{h['path_share']:.0%} of shortest paths between other organisations run through it"]
    if h["is_articulation_point"]:
        after = h["components_if_removed"]
        zh.append(f"移除后网络由 {components_before} 个部分变为 {after} 个部分")
        en.append(f"removing it takes the network from {components_before} to {after} parts")
    text = {"supported": ("数据支持其“枢纽型组织”定位", "the data bear out its self-description as a hub organisation"),
            "not supported": ("数据不支持其“枢纽型组织”定位", "the data do not bear out its self-description as a hub organisation"),
            "not enough data": ("数据不足以判断：没有组织处在其他组织之间",
                                "not enough data to judge: no organisation lies between two others")}[h["verdict"]]
    zh.append(text[0])
    en.append(text[1])
    return {"zh": "；".join(zh) + "。", "en": "; ".join(en) + "."}


@dataclass(frozen=True)
class Analysis:
    """One analysis and what it was computed on, for the outputs built from it (report, map, bundle).

    ``dataset``: the records analysed (already cut to ``as_of``); ``graph``: their
    collaboration graph as measured (only the chosen ``tie_types``); ``result``: the
    JSON-ready data :func:`analyze` returns. Read-only: callers copy before changing the graph.
    """

    dataset: Dataset
    graph: nx.Graph
    result: dict
    tie_types: tuple[str, ...] | None = None

    def collaboration_graph(self) -> nx.Graph | None:
        """The whole collaboration graph of :attr:`dataset` (every tie type), if this analysis measured it; else None."""
        return self.graph if self.tie_types is None else None


def analyze(ds: Dataset, *, top: int = 10, engine: str = "auto", as_of: str | None = None,
            source: str = "files", seed: int = 0, tie_types: list[str] | None = None) -> dict:
    """Run every analysis on ``ds`` and return JSON-ready data (see ``docs/analysis.schema.json``).

    >>> from swgraph.records.dataset import load_dataset
    >>> result = analyze(load_dataset())
    >>> result["hubs"]["federation"]["node"], result["graph"]["nodes"] > 10
    ('cfsw', True)
    """
    return run_analysis(ds, top=top, engine=engine, as_of=as_of, source=source, seed=seed, tie_types=tie_types).result


def run_analysis(ds: Dataset, *, top: int = 10, engine: str = "auto", as_of: str | None = None,
                 source: str = "files", seed: int = 0, tie_types: list[str] | None = None) -> Analysis:
    """:func:`analyze`, keeping the dataset and the graph it measured (built once) for the outputs made from it.

    >>> from swgraph.records.dataset import load_dataset
    >>> a = run_analysis(load_dataset())
    >>> a.graph.number_of_nodes() == a.result["graph"]["nodes"], a.collaboration_graph() is a.graph
    (True, True)
    """
    if as_of:
        ds = ds.as_of(as_of)
    G = collaboration_graph(ds, types=tie_types)
    n = G.number_of_nodes()
    if n == 0:
        when = f" as of {as_of}" if as_of else ""
        raise InputError(f"no organisations to analyse{when}: the files of dataset {ds.info.id!r} hold none "
                         "(add an organisations: list, or check the paths given)")
    scores = metrics.compute_all(G, engine=engine, seed=seed)
    roles_tier = brokerage.brokerage_roles(G, group="tier_name")
    roles_prov = brokerage.brokerage_roles(G, group="province")
    comm_engine = communities.default_engine(G)
    comms = communities.louvain(G, weight="weight", seed=seed, engine=comm_engine)
    community_of = {v: i for i, c in enumerate(comms) for v in c}
    stab = communities.stability(G, runs=5 if n > 2_000 else 10, seed=seed, engine=comm_engine)

    nodes = {}
    for v, d in G.nodes(data=True):
        entry = {"name_zh": d["name_zh"], "name_en": d["name_en"], "kind": d["kind"], "tier_name": d["tier_name"],
                 "region": d["region"], "province": d["province"], "synthetic": d["synthetic"]}
        for metric in NODE_METRICS:
            entry[metric] = scores[metric].get(v)
        entry["community"] = community_of.get(v)
        entry["brokerage_by_tier"] = roles_tier.get(v, {})
        entry["brokerage_by_province"] = roles_prov.get(v, {})
        nodes[v] = entry

    fed = _federation(ds)
    hub = None
    if fed is not None and fed in G:
        h = brokerage.hub_assessment(G, fed, engine=engine, betweenness_scores=scores["betweenness"]).as_dict()
        h.update(_hub_verdict(h, G.nodes[fed]["name_zh"], G.nodes[fed]["name_en"] or fed,
                              nx.number_connected_components(G)))
        hub = h

    V = visit_graph(ds)
    cov = coverage.prefecture_coverage(G)
    documented = _documented_coverage(ds)
    impact = None
    if n > 1 and G.number_of_edges():
        broker = resilience.top_broker(G, engine=engine, betweenness_scores=scores["betweenness"])
        if n <= RESILIENCE_PATH_LIMIT:
            impact = resilience.remove_node_impact(G, broker, engine=engine,
                                                   path_sums=metrics.path_sums(G, engine=engine)).as_dict()
            impact["chosen_by"] = "betweenness"
        else:
            R = G.subgraph([x for x in G if x != broker])
            comps = [len(c) for c in nx.connected_components(R)]
            impact = {"removed": broker, "chosen_by": "betweenness", "n_before": n,
                      "components_before": nx.number_connected_components(G), "components_after": len(comps),
                      "largest_share_after": max(comps) / (n - 1), "note": f"path statistics skipped above {RESILIENCE_PATH_LIMIT} nodes"}
        impact["removed_name_zh"] = G.nodes[broker]["name_zh"]
    suggestions = {
        "same_tier": [s.as_dict() for s in recommend.suggest_partnerships(G, tier="same", top=top)],
        "cross_region": [s.as_dict() for s in recommend.suggest_partnerships(G, region="cross", top=top)],
        "any": [s.as_dict() for s in recommend.suggest_partnerships(G, top=top)],
    }
    agreements = [{"id": a.id, "parties": list(a.parties), "date": a.signed.value if a.signed else ""} for a in ds.agreements]
    titles = {a.id: a.title_zh for a in ds.agreements}
    components = [len(c) for c in nx.connected_components(G)] if n else []
    definitions = {k: dict(v) for k, v in METRIC_DEFINITIONS.items()}
    for metric, sc in scores.items():
        if hasattr(sc, "info"):
            info = sc.info()
            definitions[metric].update(engine=info["engine"], approximate=info["approximate"], sample_size=info["sample_size"])
            if "relative_se" in info:  # a sampled estimate states its measured error
                definitions[metric]["relative_se"] = info["relative_se"]
    result = {
        "schema": SCHEMA_ID,
        "dataset": {
            "id": ds.info.id, "title_zh": ds.info.title_zh, "title_en": ds.info.title_en,
            "data_date": str(ds.info.data_date) if ds.info.data_date else None, "as_of": as_of, "source": source,
            "records": sum(len(r) for r in ds.records.values()),
            "synthetic_records": sum(1 for r in ds.all_records() if r.synthetic),
        },
        "graph": {
            "projection": "collaboration", "tie_types": sorted(tie_types) if tie_types else "all", "nodes": n, "edges": G.number_of_edges(),
            "density": nx.density(G) if n > 1 else 0.0,
            "components": len(components), "largest_component": max(components, default=0),
            "isolates": sorted(nx.isolates(G)),
            "ties_by_type": collaboration.ties_by_type(G),
            "synthetic_nodes": sum(1 for _, d in G.nodes(data=True) if d["synthetic"]),
        },
        "metrics": definitions,
        "nodes": nodes,
        "top": {},  # filled from the rounded values below, so ties are broken the same way every run
        "hubs": {
            "articulation_points": sorted(brokerage.articulation_points(G)),
            "bridges": [sorted(e) for e in brokerage.bridges(G)],
            "federation": hub,
        },
        "collaboration": {
            "density_by_tier": collaboration.block_density(G, attr="tier_name").as_dict(),
            "mixing_by_tier": collaboration.mixing(G, attr="tier_name").as_dict(),
            "mixing_by_province": collaboration.mixing(G, attr="province").as_dict(),
            "region_ties": collaboration.region_ties(G).as_dict(),
            "visit_reciprocity": collaboration.visit_reciprocity(V).as_dict(),
            "no_horizontal_ties": sorted(collaboration.no_horizontal_ties(G)),
            "agreement_follow_up": [
                {**row, "title_zh": titles[row["id"]]}
                for row in collaboration.agreement_follow_up(agreements, activity_records(ds), data_last_date=last_date(ds))],
        },
        "communities": {
            "method": "louvain", "engine": comm_engine, "seed": seed,
            "modularity": communities.modularity(G, comms, weight="weight") if G.number_of_edges() else 0.0,
            "count": len(comms),
            "members": [sorted(c) for c in comms],
            "stability": stab.as_dict(),
        },
        "coverage": {
            "provinces": [c.as_dict() for c in cov.values()],
            "documented": coverage.compare_documented(cov, documented),
        },
        "resilience": impact,
        "recommendations": suggestions,
    }
    result = _clean(result)
    for metric in ("degree", "betweenness", "eigenvector", "pagerank"):
        result["top"][metric] = [r["id"] for r in node_rows(result, order_by=metric)[:top]]
    return Analysis(dataset=ds, graph=G, result=result, tie_types=tuple(tie_types) if tie_types is not None else None)


def node_rows(result: dict, *, order_by: str = "betweenness") -> list[dict]:
    """Per-node metrics as flat rows (id first), best first by ``order_by``."""
    rows = []
    for v, d in result["nodes"].items():
        row = {"id": v, **{k: d[k] for k in ("name_zh", "name_en", "kind", "tier_name", "province", "synthetic")}}
        row.update({k: d[k] for k in NODE_METRICS})
        row["community"] = d["community"]
        rows.append(row)

    def score(r, key):
        return r[key] if r[key] is not None else -math.inf

    rows.sort(key=lambda r: (-score(r, order_by), -score(r, "degree"), -score(r, "pagerank"), r["id"]))
    return rows

