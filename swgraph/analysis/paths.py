"""One shortest-path pass for betweenness, closeness and harmonic centrality (hops, undirected).

Betweenness (Brandes), closeness and harmonic centrality each need a
breadth-first search from every node; :func:`path_pass` runs those searches
once and reads all three off them, together with every node's raw distance
sum and reachable count (what :func:`swgraph.analysis.resilience.remove_node_impact`
needs for its "before" figures). The searches run in a numba kernel over the
graph's CSR arrays on all cores (compiled once, cached under the user's cache
folder -- ``$NUMBA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/swgraph/numba``
or ``~/.cache/swgraph/numba``, never the installed package).

The values follow NetworkX's conventions exactly as the per-metric functions
of :mod:`swgraph.analysis.centrality` do (normalised betweenness over ordered
pairs, Wasserman-Faust closeness, unnormalised harmonic) and equal NetworkX
within 1e-9 (the tests check it on random graphs with several components,
isolates, 0, 1 and 2 nodes). Scores say ``engine="fused"``.

>>> import networkx as nx
>>> p = path_pass(nx.path_graph(3))
>>> dict(p.betweenness), dict(p.harmonic), p.dist_sum[0], p.reach[0]
({0: 0.0, 1: 1.0, 2: 0.0}, {0: 1.5, 1: 2.0, 2: 1.5}, 3, 3)
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np

from swgraph.analysis.centrality import Scores, _rescale

__all__ = ["PathPass", "available", "path_pass"]

ENGINE = "fused"
#: sources are dealt to this many blocks whatever the number of cores: the sums, and so the last bits, are the same everywhere
BLOCKS = 32

_KERNEL: list = []  # the compiled kernel module, once imported
_MEMO: dict = {}  # the last graph's pass: (id, nodes, edges) -> (weak reference to the graph, PathPass)


def _cache_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return str(Path(base) / "swgraph" / "numba")


def _kernel():
    """The numba kernel module, imported on first use (numba costs ~0.4 s to import); None without numba."""
    if not _KERNEL:
        os.environ.setdefault("NUMBA_CACHE_DIR", _cache_folder())
        try:
            from swgraph.analysis import _fused_kernel  # noqa: PLC0415 - lazy on purpose: importing numba takes ~0.4 s
        except ImportError:  # pragma: no cover - numba is a declared dependency
            _KERNEL.append(None)
        else:
            _KERNEL.append(_fused_kernel)
    return _KERNEL[0]


def available(G=None) -> bool:
    """Whether :func:`path_pass` can run (numba importable; with ``G``: a graph it handles, i.e. undirected).

    >>> import networkx as nx
    >>> available(nx.DiGraph())
    False
    """
    if G is not None and G.is_directed():
        return False
    return _kernel() is not None


@dataclass(frozen=True)
class PathPass:
    """The three path centralities of one graph and the sums they came from.

    Attributes
    ----------
    betweenness, closeness, harmonic : Scores
        NetworkX conventions (normalised betweenness, ``wf_improved`` closeness, unnormalised harmonic).
    reach : dict
        node -> number of nodes in its component, itself included.
    dist_sum : dict
        node -> sum of its hop distances to the nodes it reaches (an ``int``).
    """

    betweenness: Scores
    closeness: Scores
    harmonic: Scores
    reach: dict
    dist_sum: dict


def csr(G) -> tuple[np.ndarray, np.ndarray, list]:
    """``(indptr, indices, nodes)``: ``G``'s adjacency in CSR form, nodes in ``G``'s order (parallel ties once).

    >>> import networkx as nx
    >>> indptr, indices, nodes = csr(nx.path_graph(3))
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    adj = G.adj
    lengths = np.fromiter((len(adj[v]) for v in nodes), dtype=np.int64, count=len(nodes))
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter((index[w] for v in nodes for w in adj[v]), dtype=np.int64, count=int(indptr[-1]))
    return indptr, indices, nodes


def path_pass(G) -> PathPass:
    """Betweenness, closeness and harmonic centrality of undirected ``G`` (hops) from one search per node.

    Computed once per graph: calling it again on the same, unchanged graph
    object returns the same result. Directed graphs are refused (use the
    per-metric functions); parallel ties of a multigraph count once, as for
    the shortest-path metrics of :mod:`swgraph.analysis.centrality`.

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2)]); G.add_node(3)
    >>> p = path_pass(G)
    >>> round(p.closeness[1], 6), p.closeness[3], p.betweenness.engine
    (0.666667, 0.0, 'fused')
    """
    if G.is_directed():
        raise nx.NetworkXNotImplemented("the fused path pass reads undirected graphs (hops)")
    key = (id(G), len(G), G.number_of_edges())
    hit = _MEMO.get("key") == key and _MEMO["ref"]() is G
    if hit:
        return _MEMO["value"]
    kernel = _kernel()
    if kernel is None:  # pragma: no cover - numba is a declared dependency
        raise ImportError("the fused path pass needs numba (pip install numba)")
    indptr, indices, nodes = csr(G)
    n = len(nodes)
    sources = np.arange(n, dtype=np.int64)
    bc, reach, dsum, hsum, _ = kernel.brandes_sums(indptr, indices, sources, BLOCKS, False)
    betw = _rescale({v: float(b) for v, b in zip(nodes, bc)}, n, normalized=True, directed=False, sampled=None)
    close = {}
    for v, r, tot in zip(nodes, reach.tolist(), dsum.tolist()):
        if r <= 1:
            close[v] = 0.0
        else:
            c = (r - 1) / tot  # as the igraph engine: (r-1)/sum, then the Wasserman-Faust factor
            close[v] = c * (r - 1) / (n - 1)
    result = PathPass(
        betweenness=Scores(betw, metric="betweenness", engine=ENGINE,
                           params={"distance": None, "normalized": True, "seed": None}),
        closeness=Scores(close, metric="closeness", engine=ENGINE, params={"distance": None, "wf_improved": True}),
        harmonic=Scores({v: float(h) for v, h in zip(nodes, hsum)}, metric="harmonic", engine=ENGINE,
                        params={"distance": None}),
        reach=dict(zip(nodes, reach.tolist())),
        dist_sum=dict(zip(nodes, dsum.tolist())),
    )
    _MEMO.clear()
    _MEMO.update(key=key, ref=weakref.ref(G), value=result)
    return result


def component_path_sums(G, nodes) -> tuple[int, int]:
    """``(connected unordered pairs, sum of their hop distances)`` among ``nodes`` of undirected ``G``, exactly.

    >>> import networkx as nx
    >>> component_path_sums(nx.path_graph(4), [0, 1, 2])
    (3, 4)
    """
    sub = G.subgraph(nodes)
    if len(sub) < 2:
        return 0, 0
    indptr, indices, _ = csr(sub)
    _, reach, dsum, _, _ = _kernel().brandes_sums(indptr, indices, np.arange(len(sub), dtype=np.int64), BLOCKS, False)
    return int(reach.sum() - len(sub)) // 2, int(dsum.sum()) // 2
