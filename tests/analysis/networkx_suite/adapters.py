"""NetworkX names and argument conventions mapped onto swgraph's analysis functions.

While a shipped NetworkX test module runs (see ``conftest.py``), every
reference to a NetworkX function listed in :data:`ADAPTERS` -- ``nx.<name>``,
the same name in NetworkX's sub-packages and in the test module's own
namespace, and values of ``pytest.mark.parametrize`` -- is replaced by an
:class:`Adapted` wrapper that calls the swgraph function instead.

An adapter only translates: names (``weight`` of a shortest-path measure is
swgraph's ``distance``), defaults (NetworkX's PageRank and Louvain read the
``weight`` attribute by default) and return shapes (a value for ``u``, a
dict restricted to ``nodes``, a list of sets). Arguments swgraph does not
offer raise :class:`NotOffered`, so a test that uses them fails unless the
suite declares it not applicable. Where swgraph has several engines, the
adapter returns the ``engine="auto"`` result and also computes it with the
engine auto did not pick, failing if they differ by more than 1e-9 (the
agreement the centrality module documents).

swgraph's functions themselves call NetworkX; inside an adapter the
wrappers step aside and call the original NetworkX function.
"""

from __future__ import annotations

import functools
import math
import numbers
import threading

from swgraph.analysis import brokerage, centrality, recommend
from swgraph.analysis import communities as swcommunities

_UNSET = object()


class NotOffered(Exception):
    """The NetworkX test asks for something swgraph's function does not offer."""


class _State(threading.local):
    def __init__(self):
        self.inside = False
        self.calls: set[str] = set()


STATE = _State()


class Adapted:
    """Stands in for the NetworkX function ``name``; calls ``adapter`` (or, from inside swgraph, the original)."""

    def __init__(self, name, original, adapter):
        self.name, self.original, self.adapter = name, original, adapter
        functools.update_wrapper(self, adapter)
        self.__name__ = getattr(original, "__name__", name)

    def __call__(self, *args, **kwargs):
        if STATE.inside:  # swgraph's own use of NetworkX
            return self.original(*args, **kwargs)
        STATE.inside = True
        STATE.calls.add(self.name)
        try:
            return self.adapter(*args, **kwargs)
        finally:
            STATE.inside = False

    def __repr__(self):
        return f"<swgraph adapter for networkx {self.name}>"


def _same(a, b, tol=1e-9):
    if set(a) != set(b):
        return False
    for k in a:
        x, y = a[k], b[k]
        if not (x == y or (math.isnan(x) and math.isnan(y)) or abs(x - y) <= tol):
            return False
    return True


def _both_engines(func, G, *, cross_check=True, **kw):
    """``func(G, engine="auto")``, checked against the engine auto did not pick."""
    res = func(G, engine="auto", **kw)
    if cross_check:
        other = "igraph" if res.engine == "networkx" else "networkx"
        alt = func(G, engine=other, **kw)
        if not _same(res, alt):
            worst = max((abs(res[v] - alt[v]) for v in res if v in alt), default=math.inf)
            raise AssertionError(f"swgraph {func.__name__}: engines {res.engine} and {alt.engine} differ "
                                 f"(max difference {worst:.3g})")
    return res


def _subset(values, nodes):
    return dict(values) if nodes is None else {v: values[v] for v in nodes}


def _int_seed(seed):
    if seed is None:
        return 0
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        return int(seed)
    raise NotOffered(f"seed={seed!r}: swgraph takes an integer seed")


# --------------------------------------------------------------------------- centrality


def betweenness_centrality(G, k=None, normalized=True, weight=None, endpoints=False, seed=None):
    if endpoints:
        raise NotOffered("endpoints=True: swgraph's betweenness counts paths between other nodes only")
    integer = weight is None or all(float(w).is_integer() for *_, w in G.edges(data=weight, default=1))
    # float distances: the documented tie rule differs between the engines, so no cross-check there
    return dict(_both_engines(centrality.betweenness, G, cross_check=integer, distance=weight,
                              normalized=normalized, k=k, seed=_int_seed(seed)))


def closeness_centrality(G, u=None, distance=None, wf_improved=True):
    res = _both_engines(centrality.closeness, G, distance=distance, wf_improved=wf_improved)
    return res[u] if u is not None else dict(res)


def harmonic_centrality(G, nbunch=None, distance=None, sources=None):
    if sources is not None:
        raise NotOffered("sources=: swgraph's harmonic centrality sums over every source")
    res = _both_engines(centrality.harmonic, G, distance=distance)
    return _subset(res, None if nbunch is None else list(G.nbunch_iter(nbunch)))


def eigenvector_centrality(G, max_iter=_UNSET, tol=_UNSET, nstart=None, weight=None):
    if nstart is not None:
        raise NotOffered("nstart=: swgraph's eigenvector centrality starts from the all-ones vector")
    kw = {k: v for k, v in (("max_iter", max_iter), ("tol", tol)) if v is not _UNSET}
    return dict(_both_engines(centrality.eigenvector, G, cross_check=not kw, weight=weight, **kw))


def eigenvector_centrality_numpy(G, weight=None, max_iter=_UNSET, tol=_UNSET):
    if max_iter is not _UNSET or tol is not _UNSET:
        raise NotOffered("max_iter/tol of ARPACK: swgraph chooses its own solver settings")
    return dict(_both_engines(centrality.eigenvector, G, weight=weight))


def degree_centrality(G):
    return dict(centrality.degree(G, normalized=True))


def in_degree_centrality(G):
    return dict(centrality.degree(G, direction="in", normalized=True))


def out_degree_centrality(G):
    return dict(centrality.degree(G, direction="out", normalized=True))


def pagerank(G, alpha=0.85, personalization=None, max_iter=_UNSET, tol=_UNSET, nstart=None, weight="weight",
             dangling=None):
    if personalization is not None:
        raise NotOffered("personalization=: swgraph's PageRank teleports uniformly")
    if dangling is not None:
        raise NotOffered("dangling=: swgraph's PageRank spreads dangling nodes' score uniformly")
    # nstart only chooses where the iteration starts; swgraph iterates to its own tolerance from uniform
    kw = {k: v for k, v in (("max_iter", max_iter), ("tol", tol)) if v is not _UNSET}
    return dict(_both_engines(centrality.pagerank, G, cross_check=not kw, weight=weight, alpha=alpha, **kw))


# --------------------------------------------------------------------------- structural holes


def constraint(G, nodes=None, weight=None):
    return _subset(brokerage.constraint(G, weight=weight), nodes)


def effective_size(G, nodes=None, weight=None):
    return _subset(brokerage.effective_size(G, weight=weight), nodes)


# --------------------------------------------------------------------------- community


def louvain_communities(G, weight="weight", resolution=1, threshold=1e-07, max_level=None, seed=None):
    if threshold != 1e-07:
        raise NotOffered(f"threshold={threshold!r}: swgraph's Louvain uses NetworkX's default threshold")
    if max_level is not None:
        raise NotOffered(f"max_level={max_level!r}: swgraph's Louvain always runs to the last level")
    return [set(c) for c in swcommunities.louvain(G, weight=weight, resolution=resolution, seed=_int_seed(seed))]


def modularity(G, communities, weight="weight", resolution=1):
    return swcommunities.modularity(G, communities, weight=weight, resolution=resolution)


# --------------------------------------------------------------------------- link prediction


def resource_allocation_index(G, ebunch=None):
    return iter(recommend.link_scores(G, ebunch, method="resource_allocation"))


def adamic_adar_index(G, ebunch=None):
    return iter(recommend.link_scores(G, ebunch, method="adamic_adar"))


#: NetworkX function (as found under ``networkx``) -> adapter.
ADAPTERS = {
    "betweenness_centrality": betweenness_centrality,
    "closeness_centrality": closeness_centrality,
    "harmonic_centrality": harmonic_centrality,
    "eigenvector_centrality": eigenvector_centrality,
    "eigenvector_centrality_numpy": eigenvector_centrality_numpy,
    "degree_centrality": degree_centrality,
    "in_degree_centrality": in_degree_centrality,
    "out_degree_centrality": out_degree_centrality,
    "pagerank": pagerank,
    "algorithms.link_analysis.pagerank_alg._pagerank_python": pagerank,
    "algorithms.link_analysis.pagerank_alg._pagerank_numpy": pagerank,
    "algorithms.link_analysis.pagerank_alg._pagerank_scipy": pagerank,
    "constraint": constraint,
    "effective_size": effective_size,
    "community.louvain_communities": louvain_communities,
    "community.modularity": modularity,
    "resource_allocation_index": resource_allocation_index,
    "adamic_adar_index": adamic_adar_index,
}
