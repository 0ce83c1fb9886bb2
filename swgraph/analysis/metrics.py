"""The metric registry: every per-organisation measure swgraph reports, declared once.

Each :class:`Metric` names the measure in Chinese and English, says which
projection, weights and direction it uses, whether a higher value means more
central, and how to compute it. The analysis suite, its tables and JSON, the
maps (size-by choices, tooltips, legends), the exports (``--with-metrics``),
``--write-metrics`` and the brief's glossary all read this table, so one
measure has one definition and one value everywhere.

>>> [m.name for m in node_metrics()][:3]
['degree', 'strength', 'betweenness']
>>> METRICS["betweenness"].label
'betweenness 中介中心度'
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import weakref
from dataclasses import dataclass, field
from typing import Callable

from swgraph.analysis import brokerage, centrality, paths
from swgraph.core import usercache

log = logging.getLogger(__name__)

#: above this many nodes, betweenness, closeness and harmonic are estimated from a sample of sources
#: (labelled approximate, with the sample size; closeness and harmonic also with their measured error);
#: with engine="auto" one sample of sources gives all three (:func:`paths.sampled_pass`)
EXACT_BETWEENNESS_LIMIT = 50_000
BETWEENNESS_SAMPLE = 2_000
#: from this many nodes up, engine="auto" takes the three path measures from one shared pass; below it,
#: igraph's per-measure C code is faster than the pass's one-off start (numba compiles or loads its kernel, ~1 s)
SHARED_PASS_FROM = 10_000


@dataclass(frozen=True)
class Metric:
    """One row of the metric registry."""

    name: str
    zh: str
    en: str
    meaning_en: str  # one line for the glossary
    meaning_zh: str
    weights: str  # what edge weights mean for it
    direction: str = "undirected"
    projection: str = "collaboration"
    higher_is_central: bool = True
    on_map: bool = True  # offered as a map's --size-by
    in_tooltip: bool = False  # shown in every map tooltip
    params: dict = field(default_factory=dict)
    compute: Callable | None = None  # compute(G, *, engine, seed) -> mapping node -> value

    @property
    def label(self) -> str:
        return f"{self.en} {self.zh}"

    def definition(self) -> dict:
        """What the analysis JSON states about the measure (its ``metrics`` block)."""
        return {"projection": self.projection, "direction": self.direction, "weights": self.weights,
                "zh": self.zh, "en": self.en, **self.params}


def _shared_pass_applies(G, engine) -> bool:
    """Whether ``engine="auto"`` takes betweenness, closeness and harmonic from one shared pass (:mod:`paths`)."""
    return engine == "auto" and len(G) >= SHARED_PASS_FROM and paths.available(G)


def path_sums(G, *, engine: str = "auto") -> dict | None:
    """node -> ``(reach, sum of hop distances)`` from the registry's exact shared path pass; None when it does not apply.

    What :func:`swgraph.analysis.resilience.remove_node_impact` takes as ``path_sums`` (free once
    betweenness, closeness or harmonic has been computed on ``G``).

    >>> import networkx as nx
    >>> path_sums(nx.path_graph(3)) is None  # under SHARED_PASS_FROM nodes the per-measure engines run
    True
    """
    if not _shared_pass_applies(G, engine) or len(G) > EXACT_BETWEENNESS_LIMIT:
        return None
    p = paths.path_pass(G)
    return {v: (p.reach[v], p.dist_sum[v]) for v in p.reach}


def _shared(G, engine, seed):
    """The shared pass for G: exact up to the limit, one sample of sources for all three above it; None if it does not apply."""
    if not _shared_pass_applies(G, engine):
        return None
    if len(G) <= EXACT_BETWEENNESS_LIMIT:
        return paths.path_pass(G)
    return paths.sampled_pass(G, k=BETWEENNESS_SAMPLE, seed=seed)


def _betweenness(G, *, engine, seed):
    shared = _shared(G, engine, seed)
    if shared is not None:
        return shared.betweenness
    k = BETWEENNESS_SAMPLE if len(G) > EXACT_BETWEENNESS_LIMIT else None
    return centrality.betweenness(G, k=k, seed=seed, engine=engine)


_SAMPLED: dict = {}  # the last graph's sampled closeness and harmonic: one set of searches gives both


def _distance_metric(name: str):
    def compute(G, *, engine, seed):
        shared = _shared(G, engine, seed)
        if shared is not None:
            return getattr(shared, name)
        if len(G) <= EXACT_BETWEENNESS_LIMIT or G.is_directed():
            return (centrality.closeness if name == "closeness" else centrality.harmonic)(G, engine=engine)
        key = (id(G), len(G), G.number_of_edges(), seed)
        if _SAMPLED.get("key") != key:
            _SAMPLED.clear()
            _SAMPLED.update(key=key, values=centrality.sampled_distances(G, k=BETWEENNESS_SAMPLE, seed=seed))
        return _SAMPLED["values"][0 if name == "closeness" else 1]

    return compute


METRIC_TABLE: list[Metric] = [
    Metric("degree", "合作伙伴数", "degree", "number of partner organisations", "直接合作的组织数",
           "none (number of partners)", in_tooltip=True, compute=lambda G, engine, seed: centrality.degree(G)),
    Metric("strength", "合作强度", "strength", "records behind all of an organisation's ties", "所有合作关系背后的记录数之和",
           "weight as strength (sum of records)", compute=lambda G, engine, seed: centrality.degree(G, weight="weight")),
    Metric("betweenness", "中介中心度", "betweenness",
           "share of shortest paths between other organisations that pass through it",
           "其他组织之间最短路径经过它的比例", "none (hops)", params={"normalized": True}, in_tooltip=True, compute=_betweenness),
    Metric("closeness", "接近中心度", "closeness", "how few steps it takes to reach the others", "到达其他组织所需步数的倒数",
           "none (hops)", params={"wf_improved": True}, compute=_distance_metric("closeness")),
    Metric("harmonic", "调和中心度", "harmonic", "sum of 1/steps to every other organisation", "到其他各组织步数倒数之和",
           "none (hops)", compute=_distance_metric("harmonic")),
    Metric("eigenvector", "特征向量中心度", "eigenvector", "tied to organisations that are themselves well tied",
           "与合作广泛的组织相连的程度", "weight as strength", in_tooltip=True,
           compute=lambda G, engine, seed: centrality.eigenvector(G, weight="weight", engine=engine)),
    Metric("pagerank", "PageRank", "PageRank", "importance passed on along ties (random-walk share)",
           "沿合作关系传递的重要性", "weight as strength", params={"alpha": 0.85}, in_tooltip=True,
           compute=lambda G, engine, seed: centrality.pagerank(G, weight="weight", engine=engine)),
    Metric("constraint", "约束度", "constraint", "how much its partners are tied to each other (low = brokers across gaps)",
           "其合作伙伴彼此相连的程度（越低越处于结构洞位置）", "weight (Burt's proportional tie strength)",
           higher_is_central=False, on_map=False,
           compute=lambda G, engine, seed: brokerage.constraint(G, weight="weight")),
    Metric("effective_size", "有效规模", "effective size", "partners that are not tied to its other partners",
           "彼此不相连的合作伙伴数", "weight", on_map=False,
           compute=lambda G, engine, seed: brokerage.effective_size(G, weight="weight")),
]

METRICS: dict[str, Metric] = {m.name: m for m in METRIC_TABLE}


def node_metrics() -> list[Metric]:
    """The per-node measures, in reporting order."""
    return list(METRIC_TABLE)


def map_metrics() -> list[str]:
    """Names of the measures a map can size nodes by and show in tooltips."""
    return [m.name for m in METRIC_TABLE if m.on_map]


def tooltip_metrics() -> list[str]:
    """Names of the measures every map tooltip shows."""
    return [m.name for m in METRIC_TABLE if m.in_tooltip]


def compute(G, names, *, engine: str = "auto", seed: int = 0) -> dict:
    """``{name: scores}`` for the named measures; an unknown name is a ``KeyError`` listing the known ones.

    From :data:`CACHE_FROM` nodes up each measure is kept in the user's cache (see :func:`_kept`).
    """
    unknown = [n for n in names if n not in METRICS]
    if unknown:
        raise KeyError(f"unknown metric {unknown[0]!r}; known: {', '.join(METRICS)}")
    return {n: _kept(G, METRICS[n], engine, seed) for n in names}


def compute_all(G, *, engine: str = "auto", seed: int = 0) -> dict:
    """Every registered measure on ``G``: ``{name: scores}`` (each scores object keeps how it was made)."""
    return compute(G, [m.name for m in METRIC_TABLE], engine=engine, seed=seed)


# ----------------------------------------------------------------------------- measures kept between commands

#: graphs with at least this many nodes keep their measures in the user's cache
CACHE_FROM = 1_000
_LIBRARIES = ("numpy", "scipy", "networkx", "igraph", "numba")
_KEPT_TYPES = (centrality.Scores, dict)  # what a measure returns, and so what an entry may hold
_DIGESTS: dict = {}  # id(graph) -> (weak reference, (nodes, edges), digest): each graph is hashed once


def _graph_digest(G) -> str | None:
    """A hash of what the measures read of ``G``: kind, nodes in order, ties with ``weight`` and ``distance``.

    None when a node is not text (its key would not be stable between processes). Hashed once
    per graph object: as for :func:`swgraph.analysis.paths.path_pass`, a graph changed in place
    without changing its node and tie counts is taken as unchanged within one process.
    """
    size = (len(G), G.number_of_edges())
    hit = _DIGESTS.get(id(G))
    if hit is not None and hit[0]() is G and hit[1] == size:
        return hit[2]
    if not all(type(v) is str for v in G):
        return None
    h = hashlib.sha256(f"{G.is_directed()}|{G.is_multigraph()}|".encode())
    h.update("\0".join(G).encode())
    h.update(b"\1")
    h.update(json.dumps([(u, v, d.get("weight"), d.get("distance")) for u, v, d in G.edges(data=True)],
                        ensure_ascii=False).encode())
    digest = h.hexdigest()
    _DIGESTS.clear()
    _DIGESTS[id(G)] = (weakref.ref(G), size, digest)
    return digest


def _kept(G, metric: Metric, engine: str, seed: int):
    """``metric.compute(G)``, from the ``measures`` area of the user's cache when this graph was measured before.

    The key holds the graph (:func:`_graph_digest`), the measure, engine and seed, and
    swgraph's analysis code with its libraries' versions (:func:`swgraph.core.usercache.code_key`): a later
    command on the same network (``map`` or ``report`` after ``analyze``) reads the very
    values, with how they were made, instead of computing them again. Entries are
    pickles, read only when private to this user and their header names the key.
    """
    folder = usercache.folder("measures") if len(G) >= CACHE_FROM else None
    digest = _graph_digest(G) if folder is not None else None
    if digest is None:
        return metric.compute(G, engine=engine, seed=seed)
    code = usercache.code_key(("analysis/*.py",), _LIBRARIES)
    key = hashlib.sha256(f"{code}|{digest}|{metric.name}|{engine}|{seed}".encode()).hexdigest()
    entry = folder / "scores" / key[:2] / key
    head = json.dumps({"key": key}).encode() + b"\n"
    blob = usercache.read(entry, logger=log)
    if blob is not None and blob.startswith(head):
        try:
            scores = pickle.loads(memoryview(blob)[len(head):])
            if type(scores) in _KEPT_TYPES and len(scores) == len(G):
                return scores
        except Exception as exc:  # noqa: BLE001 - a damaged entry: compute again
            log.debug("ignoring cache entry %s: %s", entry, exc)
    scores = metric.compute(G, engine=engine, seed=seed)
    if type(scores) in _KEPT_TYPES:
        usercache.write(entry, head, pickle.dumps(scores, protocol=pickle.HIGHEST_PROTOCOL), logger=log)
    return scores
