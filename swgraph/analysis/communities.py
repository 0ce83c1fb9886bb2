"""Communities: Louvain, modularity, partition agreement (ARI, NMI) and stability.

Partitions are returned as lists of sorted node lists, largest community
first (ties by smallest member), so results are deterministic and
JSON-friendly. Functions that compare partitions accept either such a list
of communities or a ``{node: label}`` dict.

>>> import networkx as nx
>>> G = nx.barbell_graph(4, 0)
>>> louvain(G)
[[0, 1, 2, 3], [4, 5, 6, 7]]
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import asdict, dataclass, field

import networkx as nx
import numpy as np

__all__ = [
    "louvain",
    "modularity",
    "adjusted_rand_index",
    "normalized_mutual_information",
    "Stability",
    "stability",
]


from swgraph.analysis._igraph import ig as _ig
from swgraph.analysis._igraph import to_igraph
from swgraph.analysis._util import node_key as _nkey
from swgraph.analysis._util import positive_values, require_positive


def _canonical(communities) -> list[list]:
    """Members sorted by node id (:func:`node_key`), communities largest first, ties by first member."""
    comms = [list(c) for c in communities if len(c)]
    kinds = {type(v) for c in comms for v in c}
    if kinds == {str} or kinds == {int}:  # node_key orders plain str (or plain int) ids as they compare
        comms = [sorted(c) for c in comms]
    else:
        comms = [sorted(c, key=_nkey) for c in comms]
    return sorted(comms, key=lambda c: (-len(c), _nkey(c[0])))


def louvain(G, *, weight="weight", resolution=1.0, seed=0, engine="networkx") -> list[list]:
    """Louvain community detection (Blondel et al. 2008).

    Projection: collaboration graph (undirected; NetworkX's Louvain also
    accepts directed graphs with directed modularity, igraph does not).
    Weights: strength (``weight``; edges without it count 1).

    Engines: ``"networkx"`` (reference, default) runs
    ``networkx.community.louvain_communities(seed=seed)``; ``"igraph"`` runs
    igraph's ``community_multilevel`` with a private ``random.Random(seed)``
    (the global random state is left untouched). The two are both valid
    Louvain runs but visit nodes in different orders, so their partitions
    need not be identical; compare them with :func:`adjusted_rand_index`.

    The empty graph gives ``[]``; isolated nodes are singleton communities.
    Multigraphs: the weights of parallel ties are summed (as NetworkX does),
    so the result is that of the collapsed weighted graph.
    """
    values = positive_values(G, weight, "weight")
    if len(G) == 0:
        return []
    if engine == "networkx":
        comms = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        return _canonical(comms)
    if engine != "igraph":
        raise ValueError("engine must be 'networkx' or 'igraph'")
    if G.is_directed():
        raise nx.NetworkXNotImplemented("igraph multilevel needs an undirected graph")
    g, nodes = to_igraph(G, weight, values=None if G.is_multigraph() else values)
    return _multilevel(g, nodes, weight, resolution, seed)


def _multilevel(g, nodes, weight, resolution, seed) -> list[list]:
    """One igraph Louvain run on a converted graph (private ``random.Random(seed)``), canonical partition."""
    ig = _ig()
    ig.set_random_number_generator(random.Random(seed))
    try:
        cl = g.community_multilevel(weights="w" if weight is not None else None, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return _canonical([[nodes[i] for i in c] for c in cl])


#: above this many nodes the analysis runs Louvain on igraph (same quality, much faster)
IGRAPH_ABOVE = 2_000


def default_engine(G) -> str:
    """The Louvain engine the analysis uses for ``G``: ``"igraph"`` above :data:`IGRAPH_ABOVE` nodes."""
    return "igraph" if G.number_of_nodes() > IGRAPH_ABOVE else "networkx"


def community_of(G, *, weight="weight", seed=0) -> dict:
    """``{node: community index}`` as the analysis assigns it (:func:`louvain`, :func:`default_engine`).

    >>> community_of(nx.Graph([(0, 1), (2, 3)]))
    {0: 0, 1: 0, 2: 1, 3: 1}
    """
    comms = louvain(G, weight=weight, seed=seed, engine=default_engine(G))
    return {v: i for i, c in enumerate(comms) for v in c}


def modularity(G, communities, *, weight="weight", resolution=1.0) -> float:
    """Newman-Girvan modularity ``Q = sum_c [L_c/m - resolution (d_c/2m)^2]``.

    Same as ``networkx.community.modularity``; 0.0 for a graph without
    edges. Projection: collaboration graph. Weights: strength (parallel
    ties of a multigraph are summed).

    >>> import networkx as nx
    >>> G = nx.barbell_graph(3, 0)  # two triangles joined by one edge
    >>> round(modularity(G, [[0, 1, 2], [3, 4, 5]]), 6)  # 2 * (3/7 - (7/14)^2) = 5/14
    0.357143
    """
    require_positive(G, weight, "weight")
    if G.number_of_edges() == 0:
        return 0.0
    if isinstance(communities, dict):
        communities = _from_labels(communities)
    communities = [list(c) for c in communities]
    fast = _Modularity.of(G, weight)
    if fast is not None:
        value = fast.value(communities, resolution)
        if value is not None:
            return value
    return float(nx.community.modularity(G, communities, weight=weight, resolution=resolution))


class _Modularity:
    """NetworkX's modularity sum, with the per-community sums taken by numpy.

    Used only where it gives NetworkX's float bit for bit: an undirected simple graph whose weights are whole
    numbers (so every sum of weights is exact in any order) and whose degree sum stays below 2**26 (so the
    squares are exact too); the community terms are then added in NetworkX's order with its formula.
    """

    def __init__(self, nodes, u, v, w, deg):
        self.index = {x: i for i, x in enumerate(nodes)}
        self.u, self.v, self.w, self.deg = u, v, w, deg
        self.deg_sum = float(deg.sum())

    @classmethod
    def of(cls, G, weight):
        if G.is_directed() or G.is_multigraph() or len(G) == 0:
            return None
        nodes = list(G)
        index = {x: i for i, x in enumerate(nodes)}
        triples = [(index[a], index[b], x) for a, b, x in G.edges(data=weight, default=1)]
        if any(isinstance(x, bool) or not isinstance(x, (int, float)) for _, _, x in triples):
            return None
        u = np.array([t[0] for t in triples], dtype=np.int64)
        v = np.array([t[1] for t in triples], dtype=np.int64)
        w = np.array([t[2] for t in triples], dtype=np.float64)
        if not np.all(np.isfinite(w)) or not np.all(w == np.round(w)):
            return None
        deg = np.bincount(u, weights=w, minlength=len(nodes)) + np.bincount(v, weights=w, minlength=len(nodes))
        if not 0 < deg.sum() < 2**26:
            return None
        return cls(nodes, u, v, w, deg)

    def labels(self, communities):
        """Community index of every node, or None when ``communities`` is not a partition of the nodes."""
        lab = np.full(len(self.index), -1, dtype=np.int64)
        seen = 0
        for k, comm in enumerate(communities):
            for x in comm:
                i = self.index.get(x)
                if i is None or lab[i] != -1:
                    return None
                lab[i] = k
                seen += 1
        return lab if seen == len(lab) else None

    def value(self, communities, resolution):
        lab = self.labels(communities)
        if lab is None:
            return None  # NetworkX says why
        k = len(communities)
        inside = lab[self.u] == lab[self.v]
        L = np.bincount(lab[self.u][inside], weights=self.w[inside], minlength=k).tolist()
        D = np.bincount(lab, weights=self.deg, minlength=k).tolist()
        m = self.deg_sum / 2
        norm = 1 / self.deg_sum**2
        return float(sum(L_c / m - resolution * d * d * norm for L_c, d in zip(L, D)))


# --------------------------------------------------------------------------- agreement


def _from_labels(labels: dict) -> list[list]:
    groups: dict = {}
    for v, lab in labels.items():
        groups.setdefault(lab, []).append(v)
    return list(groups.values())


def _labels(partition) -> dict:
    if isinstance(partition, dict):
        return dict(partition)
    out = {}
    for i, comm in enumerate(partition):
        for v in comm:
            if v in out:
                raise ValueError(f"node {v!r} is in more than one community")
            out[v] = i
    return out


def _memberships(a, b) -> tuple[list[int], list[int]]:
    """The two partitions as igraph membership vectors over the same node order."""
    la, lb = _labels(a), _labels(b)
    if set(la) != set(lb):
        raise ValueError("the two partitions must cover the same nodes")
    nodes = list(la)
    codes_a = {lab: i for i, lab in enumerate(dict.fromkeys(la[v] for v in nodes))}
    codes_b = {lab: i for i, lab in enumerate(dict.fromkeys(lb[v] for v in nodes))}
    return [codes_a[la[v]] for v in nodes], [codes_b[lb[v]] for v in nodes]


def adjusted_rand_index(a, b) -> float:
    """Hubert & Arabie (1985) adjusted Rand index between two partitions (igraph).

    1 for identical partitions, about 0 for independent ones (can be
    negative). Where the index is undefined (both partitions trivial in the
    same way, or no nodes) the partitions are identical and 1.0 is returned.

    >>> round(adjusted_rand_index([[0, 1, 2], [3, 4, 5]], [[0, 1], [2, 3], [4, 5]]), 6)
    0.242424
    >>> adjusted_rand_index([[0, 1, 2]], [[0, 1, 2]])
    1.0
    """
    ma, mb = _memberships(a, b)
    if not ma:
        return 1.0
    value = _ig().compare_communities(ma, mb, method="adjusted_rand")
    return 1.0 if math.isnan(value) else float(value)


def normalized_mutual_information(a, b) -> float:
    """Normalised mutual information ``I(A;B) / ((H(A) + H(B)) / 2)`` (igraph, Danon et al. 2005).

    Arithmetic-mean normalisation (scikit-learn's default). 1 for identical
    partitions; 1.0 when both have zero entropy.

    >>> round(normalized_mutual_information([[0, 1, 2], [3, 4, 5]], [[0, 1], [2, 3], [4, 5]]), 6)
    0.515804
    """
    ma, mb = _memberships(a, b)
    if not ma:
        return 1.0
    return max(0.0, min(1.0, float(_ig().compare_communities(ma, mb, method="nmi"))))


def _pairwise_agreement(parts) -> tuple[list[float], list[float]]:
    """ARI and NMI of every pair of partitions (canonical, over the same nodes), as the public functions give them.

    The membership vectors are those :func:`_memberships` builds (the first partition's node order, labels
    numbered by first appearance), made once per partition with numpy instead of once per pair.
    """
    if len(parts) < 2 or not parts[0]:
        return ([adjusted_rand_index(p, q) for p, q in itertools.combinations(parts, 2)],
                [normalized_mutual_information(p, q) for p, q in itertools.combinations(parts, 2)])
    nodes = [v for c in parts[0] for v in c]
    index = {v: i for i, v in enumerate(nodes)}
    labels, orders = [], []
    for p in parts:
        _labels(p)  # refuses a node in two communities
        members = [v for c in p for v in c]
        if len(members) != len(nodes) or any(v not in index for v in members):
            raise ValueError("the two partitions must cover the same nodes")
        order = np.array([index[v] for v in members], dtype=np.int64)
        lab = np.empty(len(nodes), dtype=np.int64)
        lab[order] = np.repeat(np.arange(len(p)), [len(c) for c in p])
        labels.append(lab)
        orders.append(order)
    compare = _ig().compare_communities
    aris, nmis = [], []
    for a, b in itertools.combinations(range(len(parts)), 2):
        ma = labels[a][orders[a]]
        raw = labels[b][orders[a]]
        _, first = np.unique(raw, return_index=True)
        code = np.empty(raw.max() + 1, dtype=np.int64)
        code[raw[np.sort(first)]] = np.arange(len(first))
        ma, mb = ma.tolist(), code[raw].tolist()
        value = compare(ma, mb, method="adjusted_rand")
        aris.append(1.0 if math.isnan(value) else float(value))
        nmis.append(max(0.0, min(1.0, float(compare(ma, mb, method="nmi")))))
    return aris, nmis


@dataclass
class Stability:
    runs: int
    engine: str
    seeds: list
    n_communities: list  # per run
    modularity: list  # per run
    distinct_partitions: int
    mean_ari: float  # mean over all pairs of runs (1.0 for a single run)
    min_ari: float
    mean_nmi: float
    min_nmi: float
    best_seed: int  # seed of the highest-modularity run (ties: smallest seed)
    best: list = field(default_factory=list)  # that run's partition

    def as_dict(self) -> dict:
        return asdict(self)


def stability(G, *, runs=10, seed=0, weight="weight", resolution=1.0, engine="networkx") -> Stability:
    """How stable are Louvain communities across random seeds?

    Runs :func:`louvain` with seeds ``seed, seed+1, ..., seed+runs-1`` and
    compares every pair of partitions by ARI and NMI. High means (near 1)
    say the community structure is robust; low values say any single run
    should not be over-interpreted. Projection/weights as :func:`louvain`.

    >>> import networkx as nx
    >>> s = stability(nx.barbell_graph(5, 0), runs=3)
    >>> s.distinct_partitions, s.mean_ari
    (1, 1.0)
    """
    if runs < 1:
        raise ValueError("runs must be >= 1")
    seeds = [seed + i for i in range(runs)]
    require_positive(G, weight, "weight")
    if engine == "igraph" and len(G) and not G.is_directed():  # one conversion for every run
        g, nodes = to_igraph(G, weight)
        parts = [_multilevel(g, nodes, weight, resolution, s) for s in seeds]
    else:
        parts = [louvain(G, weight=weight, resolution=resolution, seed=s, engine=engine) for s in seeds]
    fast = _Modularity.of(G, weight) if G.number_of_edges() else None
    mods = []
    for p in parts:
        value = fast.value(p, resolution) if fast is not None else None
        mods.append(value if value is not None else modularity(G, p, weight=weight, resolution=resolution) if len(G) else 0.0)
    aris, nmis = _pairwise_agreement(parts)
    best = max(range(runs), key=lambda i: (mods[i], -i))
    distinct = len({tuple(tuple(map(str, c)) for c in p) for p in parts})
    return Stability(
        runs=runs,
        engine=engine,
        seeds=seeds,
        n_communities=[len(p) for p in parts],
        modularity=mods,
        distinct_partitions=distinct,
        mean_ari=sum(aris) / len(aris) if aris else 1.0,
        min_ari=min(aris) if aris else 1.0,
        mean_nmi=sum(nmis) / len(nmis) if nmis else 1.0,
        min_nmi=min(nmis) if nmis else 1.0,
        best_seed=seeds[best],
        best=parts[best],
    )
