"""Centrality: degree/strength, betweenness, closeness, harmonic, eigenvector, PageRank.

Every function takes a NetworkX graph and returns :class:`Scores`, a ``dict``
mapping node -> float that also records how it was computed (``metric``,
``engine``, ``approximate``, ``sample_size``). It compares equal to a plain
dict, so results can be checked directly against NetworkX.

Weights. Strength-type metrics (degree, eigenvector, PageRank) take
``weight=`` -- an edge attribute where larger means a stronger tie (the
contract's ``weight``). Shortest-path metrics (betweenness, closeness,
harmonic) take ``distance=`` -- an edge attribute read as a length (the
contract's ``distance`` = 1/weight). ``None`` means every edge counts 1.

Multigraphs, on purpose: the shortest-path metrics read parallel ties as one
tie of the shortest ``distance`` among them; the strength-type metrics
(degree with ``weight``, PageRank) sum the weights of parallel ties, and
unweighted degree counts them; eigenvector centrality refuses multigraphs
(collapse parallel ties into one weighted edge first). Multigraphs always
use the NetworkX engine.

Engines. ``engine="networkx"`` is the reference implementation;
``engine="igraph"`` converts the graph once through an index
map and edge list and uses igraph's C core, rescaled to NetworkX's
conventions. The test-suite checks that both engines agree within 1e-9 on
random weighted/unweighted, directed/undirected graphs with disconnected
parts. The igraph engine falls back to NetworkX (and says so in
``Scores.engine``) for multigraphs, graphs with self-loops and the few cases
listed per function. ``engine="auto"`` (the default) picks igraph whenever
its result is identical to NetworkX's and NetworkX otherwise (weighted
betweenness with non-integer distances, see :func:`betweenness`).

>>> import networkx as nx
>>> kite = nx.krackhardt_kite_graph()
>>> b = betweenness(kite, normalized=False)
>>> max(b, key=b.get), round(b[7], 6)
(7, 14.0)
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import eigsh

from swgraph.analysis._igraph import csr_adjacency, edge_arrays, have_igraph, pinned_rng, to_igraph
from swgraph.analysis._util import node_key, positive_values, refuse_multigraph, require_positive

__all__ = [
    "Scores",
    "degree",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "rank",
]

ENGINES = ("auto", "igraph", "networkx")


class Scores(dict):
    """node -> score, with provenance.

    Attributes
    ----------
    metric : str
    engine : str
        Engine actually used (``"igraph"`` or ``"networkx"``).
    approximate : bool
        True when the values are a sampled estimate (betweenness with ``k``).
    sample_size : int or None
        Number of sampled source nodes when approximate.
    params : dict
        The keyword arguments that shaped the values (weight, normalisation...).
    """

    def __init__(self, values=(), *, metric="", engine="", approximate=False, sample_size=None, params=None):
        super().__init__(values)
        self.metric = metric
        self.engine = engine
        self.approximate = approximate
        self.sample_size = sample_size
        self.params = dict(params or {})

    def info(self) -> dict:
        """Provenance as a plain dict (for reports and JSON)."""
        return {
            "metric": self.metric,
            "engine": self.engine,
            "approximate": self.approximate,
            "sample_size": self.sample_size,
            **self.params,
        }

    def top(self, n=10) -> list[tuple]:
        """The ``n`` highest ``(node, score)`` pairs, ties broken by node id."""
        return sorted(self.items(), key=lambda kv: (-kv[1], node_key(kv[0])))[:n]

    def __reduce__(self):
        return (_rebuild_scores, (dict(self), self.info()))


def _rebuild_scores(values, info):
    info = dict(info)
    keys = ("metric", "engine", "approximate", "sample_size")
    kw = {k: info.pop(k) for k in keys}
    return Scores(values, params=info, **kw)


def rank(scores, node) -> int:
    """Competition rank ("1224") of ``node`` in ``scores``: 1 + number of strictly higher scores.

    >>> rank({"a": 3, "b": 5, "c": 5, "d": 1}, "a")
    3
    """
    v = scores[node]
    return 1 + sum(1 for s in scores.values() if s > v)


def rank_range(scores, node) -> tuple[int, int]:
    """The ranks ``node`` shares with its ties: ``(best, worst)``; equal when it is not tied.

    >>> rank_range({"a": 3, "b": 5, "c": 5, "d": 1}, "b"), rank_range({"a": 0, "b": 0, "c": 0}, "a")
    ((1, 2), (1, 3))
    """
    v = scores[node]
    best = rank(scores, node)
    return best, best + sum(1 for s in scores.values() if s == v) - 1


def _choose_engine(G, engine):
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if engine == "networkx":
        return "networkx"
    if not have_igraph() or G.is_multigraph() or nx.number_of_selfloops(G) > 0:
        return "networkx"
    return "igraph"


# --------------------------------------------------------------------------- degree


def degree(G, *, weight=None, direction="all", normalized=False) -> Scores:
    """Degree (number of ties) or, with ``weight``, strength (sum of tie weights).

    Projection: any (collaboration graph, directed visit graph ...).
    Direction: for directed graphs ``direction`` is ``"in"``, ``"out"`` or
    ``"all"`` (in + out); ignored for undirected graphs. Weights: strength
    (``weight``, larger = stronger).

    ``normalized=True`` divides by ``n - 1`` (NetworkX ``degree_centrality``
    convention; for ``"all"`` on a directed graph the value can reach 2).
    Graphs with fewer than 2 nodes return 1.0 for their node when normalised,
    like NetworkX.

    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("c", "b")])
    >>> dict(degree(D, direction="in"))
    {'a': 0, 'b': 2, 'c': 0}
    """
    if direction not in ("all", "in", "out"):
        raise ValueError("direction must be 'all', 'in' or 'out'")
    require_positive(G, weight, "weight")
    if G.is_directed() and direction == "in":
        view = G.in_degree(weight=weight)
    elif G.is_directed() and direction == "out":
        view = G.out_degree(weight=weight)
    else:
        view = G.degree(weight=weight)
    values = dict(view)
    n = len(G)
    if normalized:
        if n <= 1:
            values = {v: 1.0 for v in values}
        else:
            values = {v: d / (n - 1) for v, d in values.items()}
    metric = "strength" if weight is not None else "degree"
    return Scores(values, metric=metric, engine="networkx",
                  params={"weight": weight, "direction": direction, "normalized": normalized})


# --------------------------------------------------------------------------- betweenness


def betweenness(G, *, distance=None, normalized=True, k=None, seed=0, engine="auto") -> Scores:
    """Shortest-path betweenness (Freeman 1977; Brandes 2001), NetworkX conventions.

    Projection: any. Direction: directed graphs use directed paths. Weights:
    ``distance`` is a path length (use the contract's ``distance`` attribute).

    Normalisation follows ``networkx.betweenness_centrality(endpoints=False)``:
    ``normalized=True`` divides by ``(n-1)(n-2)`` ordered pairs (for
    undirected graphs that is ``2 / ((n-1)(n-2))`` per unordered pair);
    ``normalized=False`` counts unordered pairs once for undirected graphs.

    ``k`` samples ``k`` source nodes (``random.Random(seed).sample``, the same
    sample NetworkX draws for the same integer seed) and extrapolates; the
    result is then marked ``approximate=True`` with ``sample_size=k``.

    Ties between weighted paths: NetworkX counts two paths as equally short
    only when their float lengths are exactly equal, igraph when they agree
    within a relative 1e-10. With ``distance = 1/weight`` the two differ
    (e.g. 1/5+1/5+1/5 != 3/5 in floating point), so ``engine="auto"`` uses
    igraph only when all distances are integers and NetworkX otherwise;
    ``engine="igraph"`` forces igraph (whose tie rule is the mathematically
    intended one for rational distances).

    >>> import networkx as nx
    >>> b = betweenness(nx.path_graph(3), normalized=False)
    >>> dict(b), b.approximate
    ({0: 0.0, 1: 1.0, 2: 0.0}, False)
    """
    require_positive(G, distance, "distance")
    n = len(G)
    if k is not None and not 0 < k <= n:
        raise ValueError(f"k must be between 1 and the number of nodes ({n})")
    if k == n:
        k = None
    eng = _choose_engine(G, engine)
    if engine == "auto" and distance is not None and not _integer_valued(G, distance):
        eng = "networkx"
    params = {"distance": distance, "normalized": normalized, "seed": seed if k else None}
    if eng == "networkx":
        values = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=distance, seed=seed)
    else:
        g, nodes = to_igraph(G, distance)
        w = "w" if distance is not None else None
        directed = G.is_directed()
        if k is None:
            raw = g.betweenness(directed=directed, weights=w)
            sample = None
            # igraph counts unordered pairs once for undirected graphs, NetworkX
            # accumulates ordered pairs; bring igraph to NetworkX's raw scale.
            factor = 1.0 if directed else 2.0
        else:
            sample = random.Random(seed).sample(nodes, k)
            index = {v: i for i, v in enumerate(nodes)}
            raw = g.betweenness(directed=directed, weights=w, sources=[index[s] for s in sample])
            factor = 1.0 if directed else 2.0
        values = {v: b * factor for v, b in zip(nodes, raw)}
        values = _rescale(values, n, normalized=normalized, directed=directed, sampled=sample)
    return Scores(values, metric="betweenness", engine=eng, approximate=k is not None,
                  sample_size=k, params=params)


def _integer_valued(G, attr):
    return all(float(w).is_integer() for _, _, w in G.edges(data=attr, default=1))


def _rescale(values, n, *, normalized, directed, sampled):
    """NetworkX 3.6 rescaling of raw ordered-pair betweenness (endpoints=False)."""
    N = n - 1
    if N < 2:
        return values
    if sampled is None:
        if normalized:
            scale = 1 / (N * (N - 1))
        else:
            scale = 1 / (1 if directed else 2)
        return {v: b * scale for v, b in values.items()}
    K = len(sampled)
    corr = 1 if directed else 2
    if normalized:
        s_src = 1 / ((K - 1) * (N - 1)) if K > 1 else math.nan
        s_non = 1 / (K * (N - 1))
    else:
        s_src = N / ((K - 1) * corr) if K > 1 else math.nan
        s_non = N / (K * corr)
    sampled = set(sampled)
    return {v: b * (s_src if v in sampled else s_non) for v, b in values.items()}


# --------------------------------------------------------------------------- closeness / harmonic


def closeness(G, *, distance=None, wf_improved=True, engine="auto") -> Scores:
    """Closeness centrality, NetworkX conventions (Wasserman & Faust improved formula).

    ``C(u) = (r-1)/sum(d(v, u)) * (r-1)/(n-1)`` over the ``r-1`` nodes that can
    reach ``u``; with ``wf_improved=False`` the second factor is dropped.
    Nodes nobody can reach (isolates) get 0.0. Projection: any. Direction:
    for directed graphs *incoming* distances (as NetworkX). Weights:
    ``distance`` is a path length.

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2)]); G.add_node(3)
    >>> c = closeness(G)
    >>> round(c[1], 6), c[3]
    (0.666667, 0.0)
    """
    require_positive(G, distance, "distance")
    eng = _choose_engine(G, engine)
    params = {"distance": distance, "wf_improved": wf_improved}
    n = len(G)
    if eng == "networkx":
        values = nx.closeness_centrality(G, distance=distance, wf_improved=wf_improved)
    else:
        g, nodes = to_igraph(G, distance)
        w = "w" if distance is not None else None
        mode = "in" if G.is_directed() else "all"
        # igraph: (r-1)/sum over reachable nodes (NaN for isolated vertices)
        raw = g.closeness(mode=mode, weights=w, normalized=True)
        if G.is_directed():
            reach = g.neighborhood_size(order=max(n, 1), mode="in")
        else:
            membership = g.connected_components().membership
            sizes = {}
            for c in membership:
                sizes[c] = sizes.get(c, 0) + 1
            reach = [sizes[c] for c in membership]
        values = {}
        for v, c, r in zip(nodes, raw, reach):
            if r <= 1 or c != c:  # unreachable / NaN
                values[v] = 0.0
            else:
                values[v] = c * (r - 1) / (n - 1) if wf_improved and n > 1 else c
    return Scores(values, metric="closeness", engine=eng, params=params)


def harmonic(G, *, distance=None, engine="auto") -> Scores:
    """Harmonic centrality ``H(u) = sum_{v != u} 1/d(v, u)`` (Marchiori & Latora 2000).

    Not normalised (NetworkX ``harmonic_centrality`` convention); divide by
    ``n-1`` for a 0..1 scale. Unreachable pairs contribute 0, so it is well
    defined on disconnected graphs. Projection: any. Direction: incoming
    distances on directed graphs (as NetworkX). Weights: ``distance``.

    >>> import networkx as nx
    >>> dict(harmonic(nx.path_graph(3)))
    {0: 1.5, 1: 2.0, 2: 1.5}
    """
    require_positive(G, distance, "distance")
    eng = _choose_engine(G, engine)
    params = {"distance": distance}
    if eng == "networkx":
        values = _harmonic_networkx(G, distance)
    else:
        g, nodes = to_igraph(G, distance)
        w = "w" if distance is not None else None
        mode = "in" if G.is_directed() else "all"
        raw = g.harmonic_centrality(mode=mode, weights=w, normalized=False)
        values = {v: float(h) for v, h in zip(nodes, raw)}
    return Scores(values, metric="harmonic", engine=eng, params=params)


def sampled_distances(G, *, k: int, seed: int = 0, chunk: int = 64) -> tuple[Scores, Scores]:
    """Closeness and harmonic centrality estimated from ``k`` sampled sources (undirected, hops).

    Stratified as the brief for national networks asks: organisations outside
    the largest component are computed exactly (their components are small);
    in the largest component ``k`` sources are drawn (``random.Random(seed)``)
    and every node's sum of distances, and of inverse distances, to the
    others is extrapolated from its distances to the sources. The estimate
    of each node's mean comes with its standard error (from the spread over
    the sources); each result states ``approximate=True``, ``sample_size``
    and the median and 95th-percentile relative standard error of the
    estimates (``params["relative_se"]``): the measured error bound.

    >>> import networkx as nx
    >>> G = nx.path_graph(30); G.add_edge(100, 101)
    >>> c, h = sampled_distances(G, k=30)  # k = the whole component: exact
    >>> abs(c[15] - nx.closeness_centrality(G)[15]) < 1e-12, h[100], c.approximate, c.sample_size
    (True, 1.0, True, 30)
    """
    from scipy.sparse.csgraph import shortest_path  # noqa: PLC0415 - only networks above the exact limit need it

    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("sampled closeness and harmonic need a simple undirected graph")
    nodes = list(G)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rows = [index[u] for u, v in G.edges() if u != v]
    cols = [index[v] for u, v in G.edges() if u != v]
    A = coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n)).tocsr()
    A = (A + A.T).tocsr()  # symmetric: each search follows ties both ways
    comps = sorted(nx.connected_components(G), key=len, reverse=True) if n else []
    giant = [index[v] for v in comps[0]] if comps else []
    close = np.zeros(n)
    harm = np.zeros(n)
    # exact outside the largest component: every node's own breadth-first search, component by component
    for comp in comps[1:]:
        if len(comp) == 1:
            continue
        idx = [index[v] for v in comp]
        D = shortest_path(A[idx][:, idx], unweighted=True, directed=True)
        with np.errstate(divide="ignore"):
            inv = np.where(D > 0, 1.0 / D, 0.0)
        r = len(idx)
        close[idx] = (r - 1) / D.sum(axis=1) * (r - 1) / (n - 1)
        harm[idx] = inv.sum(axis=1)
    rel_se = {"closeness": [], "harmonic": []}
    K = min(k, len(giant))
    if K:
        sample = random.Random(seed).sample(giant, K)
        gi = np.array(giant)
        sums = np.zeros((5, n))  # per node: sources reached from, and the sums of d, d², 1/d, 1/d²
        for start in range(0, K, chunk):
            _bfs_sums(A, sample[start:start + chunk], sums)
        hits, tot_d, tot_d2, tot_h, tot_h2 = (row[gi] for row in sums)
        r = len(gi)
        m_d, m_h = tot_d / hits, tot_h / hits
        close[gi] = (r - 1) / ((r - 1) * m_d) * (r - 1) / (n - 1)
        harm[gi] = (r - 1) * m_h
        if K < r:  # with every node a source the values are exact: no error to state
            for name, tot, tot2, mean in (("closeness", tot_d, tot_d2, m_d), ("harmonic", tot_h, tot_h2, m_h)):
                var = np.maximum(tot2 / hits - mean * mean, 0.0) * hits / np.maximum(hits - 1, 1)
                rel_se[name] = np.sqrt(var / hits) / mean
    out = []
    for name, values in (("closeness", close), ("harmonic", harm)):
        se = np.asarray(rel_se[name])
        bound = ({"median": float(np.median(se)), "p95": float(np.percentile(se, 95))} if se.size
                 else {"median": 0.0, "p95": 0.0})
        out.append(Scores({v: float(values[i]) for i, v in enumerate(nodes)}, metric=name, engine="scipy",
                          approximate=True, sample_size=K, params={"relative_se": bound}))
    return out[0], out[1]


def _bfs_sums(A, sources, sums) -> None:
    """Breadth-first searches from ``sources`` at once, level by level (sparse matrix times frontier).

    Adds to ``sums`` (5 × n) for every node reached at distance ``d`` > 0:
    1, ``d``, ``d²``, ``1/d`` and ``1/d²``; the distance matrix is never held.
    """
    n, b = A.shape[0], len(sources)
    frontier = np.zeros((n, b), dtype=np.float32)
    frontier[sources, np.arange(b)] = 1.0
    seen = frontier > 0
    level = 0
    while True:
        level += 1
        reached = (A @ frontier) > 0
        reached &= ~seen
        count = reached.sum(axis=1)
        if not count.any():
            return
        seen |= reached
        sums += np.outer([1.0, level, level * level, 1.0 / level, 1.0 / (level * level)], count)
        frontier = reached.astype(np.float32)


def _harmonic_networkx(G, distance):
    """NetworkX's harmonic centrality summed in node order (NetworkX sums in set order, which follows the hash seed)."""
    values = dict.fromkeys(G, 0.0)
    for v in G:
        if distance is None:
            dist = nx.single_source_shortest_path_length(G, v)
        else:
            dist = nx.single_source_dijkstra_path_length(G, v, weight=distance)
        for u, d in dist.items():
            if u != v:
                values[u] += 1 / d  # d(v, u): incoming distances for u, as NetworkX
    return values


# --------------------------------------------------------------------------- eigenvector


def eigenvector(G, *, weight=None, engine="auto", max_iter=100_000, tol=1e-13) -> Scores:
    """Eigenvector centrality (Bonacich 1972), scaled to unit Euclidean norm.

    Matches ``networkx.eigenvector_centrality`` (power iteration on ``A + I``
    from the all-ones vector) including on disconnected graphs: the limit is
    the all-ones vector projected onto the eigenspace of the largest
    eigenvalue of the *whole* adjacency matrix. In practice only the
    component(s) with the largest spectral radius get non-zero scores; if
    several components share it, each gets its Perron vector weighted by
    that vector's sum.

    Projection: any. Direction: on directed graphs a node is central when
    central nodes point *to* it (left eigenvector, as NetworkX). Weights:
    strength (``weight``).

    Engines: ``"networkx"`` runs NetworkX's power iteration with a tight
    tolerance (``tol``, ``max_iter``); ``"igraph"`` computes each connected
    component's Perron vector exactly (dense ``numpy.linalg.eigh`` for small
    components, igraph/ARPACK for large ones) and combines them as above.
    Directed graphs always use the NetworkX power iteration (the limit on a
    non-strongly-connected digraph is not a per-component eigenproblem).
    The empty graph gives an empty result; multigraphs are refused (as
    NetworkX does; collapse parallel ties into weights first), whatever
    their size.

    >>> import networkx as nx
    >>> e = eigenvector(nx.complete_graph(4))
    >>> [round(x, 6) for x in e.values()]
    [0.5, 0.5, 0.5, 0.5]
    """
    values = positive_values(G, weight, "weight")
    refuse_multigraph(G, "eigenvector centrality")
    eng = _choose_engine(G, engine)
    if G.is_directed():
        eng = "networkx"
    params = {"weight": weight}
    if len(G) == 0:
        return Scores({}, metric="eigenvector", engine=eng, params=params)
    if G.is_directed() and nx.is_directed_acyclic_graph(G):
        raise nx.NetworkXError("eigenvector centrality is not defined on a directed acyclic graph "
                               "(its adjacency matrix is nilpotent: every score decays to 0)")
    if eng == "networkx":
        values = nx.eigenvector_centrality(G, weight=weight, max_iter=max_iter, tol=tol)
    else:
        values = _eigenvector_components(G, weight, values=values)
    return Scores(values, metric="eigenvector", engine=eng, params=params)


def _eigenvector_components(G, weight, small=64, *, values=None):
    """Each connected component's Perron vector, combined as :func:`eigenvector` describes.

    Components of up to ``small`` nodes: dense ``numpy.linalg.eigh``, one call per size on the
    stack of that size's adjacency matrices (the same LAPACK routine on the same matrices as one
    call each); larger ones: scipy's ARPACK at machine precision from the all-ones start vector.
    Nodes of a component are taken in graph order, as igraph's components list them; the result
    is the same floats as one igraph subgraph and one eigensolver call per component (tested).
    """
    nodes, src, dst, w = edge_arrays(G, weight, values=values)
    n = len(nodes)
    w = np.ones(len(src)) if w is None else w
    sym = coo_matrix((np.ones(2 * len(src)), (np.concatenate([src, dst]), np.concatenate([dst, src]))), shape=(n, n))
    _, labels = connected_components(sym.tocsr(), directed=False)
    order = np.argsort(labels, kind="stable")  # component by component, graph order within each
    sizes = np.bincount(labels)
    first = np.zeros(len(sizes), dtype=np.int64)
    np.cumsum(sizes[:-1], out=first[1:])
    local = np.empty(n, dtype=np.int64)
    local[order] = np.arange(n) - first[labels[order]]
    edge_comp = labels[src]
    comps = []  # (rho, component, unit Perron vector); isolated nodes: rho 0, vector [1.0]
    for size in np.unique(sizes[(sizes > 1) & (sizes <= small)]):
        cs = np.flatnonzero(sizes == size)
        slot = np.full(len(sizes), -1, dtype=np.int64)
        slot[cs] = np.arange(len(cs))
        mine = slot[edge_comp] >= 0
        k, a, b, x = slot[edge_comp[mine]], local[src[mine]], local[dst[mine]], w[mine]
        stack = np.zeros((len(cs), size, size))
        stack[k, a, b] = x
        stack[k, b, a] = x
        vals, vecs = np.linalg.eigh(stack)
        for j, c in enumerate(cs.tolist()):
            vec = np.abs(vecs[j][:, -1])
            vec /= np.linalg.norm(vec)
            comps.append((float(vals[j][-1]), c, vec))
    for c in np.flatnonzero(sizes > small).tolist():
        # scipy's ARPACK at machine precision from a fixed start vector: igraph's default
        # tolerance leaves ~1e-9 differences from NetworkX on 20,000-node graphs.
        mine = edge_comp == c
        a, b, ws = local[src[mine]], local[dst[mine]], w[mine]
        m = int(sizes[c])
        A = coo_matrix((np.concatenate([ws, ws]), (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(m, m)).tocsr()
        vals, vecs = eigsh(A, k=1, which="LA", v0=np.ones(m), tol=0)
        vec = np.abs(vecs[:, 0])
        vec /= np.linalg.norm(vec)
        comps.append((float(vals[0]), c, vec))
    isolated = sizes == 1
    rho_max = max([c[0] for c in comps] + ([0.0] if isolated.any() else []))

    def top(rho):
        return abs(rho - rho_max) <= 1e-9 * max(1.0, abs(rho_max))

    x = np.zeros(n)
    for rho, c, vec in comps:
        if top(rho):
            x[order[first[c]:first[c] + sizes[c]]] = vec * vec.sum()
    if top(0.0):
        x[isolated[labels]] = 1.0  # [1.0] * its sum
    x /= np.linalg.norm(x)
    return dict(zip(nodes, x.tolist()))


# --------------------------------------------------------------------------- PageRank


def pagerank(G, *, weight=None, alpha=0.85, engine="auto", max_iter=10_000, tol=1e-13) -> Scores:
    """PageRank (Brin & Page 1998) with damping ``alpha`` (0.85), summing to 1.

    Dangling nodes (no out-ties) spread their score uniformly, as NetworkX
    does. Projection: any; undirected ties count in both directions.
    Direction: score flows along edge direction (for the visit graph:
    visitor -> host, so hosts of many visits rank high). Weights: strength.

    Engines: ``"networkx"`` runs ``networkx.pagerank`` with a tight ``tol``
    (NetworkX's default 1e-6 is too loose to compare); ``"igraph"`` uses
    PRPACK, which solves the system directly.

    >>> import networkx as nx
    >>> p = pagerank(nx.cycle_graph(4))
    >>> [round(x, 6) for x in p.values()]
    [0.25, 0.25, 0.25, 0.25]
    """
    # "auto" means NetworkX here: its scipy power iteration is as fast as igraph's PRPACK on these
    # graphs and gives the same bits every run (PRPACK's last bits vary between identical calls).
    checked = positive_values(G, weight, "weight")
    eng = "networkx" if engine == "auto" else _choose_engine(G, engine)
    params = {"weight": weight, "alpha": alpha}
    if len(G) == 0:
        return Scores({}, metric="pagerank", engine=eng, params=params)
    if eng == "networkx":
        values = _pagerank_scipy(G, alpha=alpha, weight=weight, max_iter=max_iter, tol=tol, values=checked)
    else:
        g, nodes = to_igraph(G, weight)
        w = "w" if weight is not None else None
        with pinned_rng():
            raw = g.pagerank(directed=G.is_directed(), damping=alpha, weights=w)
        values = {v: float(p) for v, p in zip(nodes, raw)}
    return Scores(values, metric="pagerank", engine=eng, params=params)


def _pagerank_scipy(G, *, alpha, weight, max_iter, tol, values=None) -> dict:
    """``networkx.pagerank`` (NetworkX 3.x ``_pagerank_scipy``, no personalisation), the same floats, faster.

    The same operations in the same order: the transition matrix ``Q @ A`` from the same CSR
    adjacency (:func:`~swgraph.analysis._igraph.csr_adjacency`), then the power iteration
    ``x = alpha * (x @ A + sum(x[dangling]) * p) + (1 - alpha) * p`` until the l1 change is
    below ``N * tol``. Three rewrites that keep every bit: ``x @ A`` as ``A.T @ x`` with
    ``A.T`` stored once as CSR (both add each node's terms in ascending source order, from
    0.0), the dangling sum as ``numpy.cumsum`` (sequential left to right like ``sum``, unlike
    ``numpy.sum``'s pairwise sum), and ``(1 - alpha) * p`` computed once. Equality with
    ``networkx.pagerank`` is tested with ``==``.
    """
    import scipy.sparse as sp  # noqa: PLC0415

    N = len(G)
    nodelist = list(G)
    A = csr_adjacency(G, weight, dtype=float, values=values if not G.is_multigraph() else None)
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    Q = sp.dia_array((S.T, 0), shape=A.shape).tocsr()
    A = Q @ A
    AT = A.T.tocsr()
    AT.sort_indices()
    matvec = _csr_matvec(AT)
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    teleport = (1 - alpha) * p
    is_dangling = np.where(S == 0)[0]
    for _ in range(max_iter):
        xlast = x
        lost = np.cumsum(x[is_dangling])[-1] if len(is_dangling) else 0
        x = alpha * (matvec(x) + lost * p) + teleport
        err = np.absolute(x - xlast).sum()
        if err < N * tol:
            return dict(zip(nodelist, x.tolist()))
    raise nx.PowerIterationFailedConvergence(max_iter)


def _csr_matvec(M):
    """``x -> M @ x`` for a CSR matrix: scipy's own kernel called directly (no checks), ``M @ x`` without it."""
    try:
        from scipy.sparse._sparsetools import csr_matvec  # noqa: PLC0415 - private; the public product is the fallback
    except ImportError:  # pragma: no cover - a scipy without the module
        return lambda x: M @ x
    n_row, n_col = M.shape
    indptr, indices, data = M.indptr, M.indices, M.data

    def product(x):
        y = np.zeros(n_row, dtype=np.result_type(data, x))
        csr_matvec(n_row, n_col, indptr, indices, data, x, y)
        return y

    return product
