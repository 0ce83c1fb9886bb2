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

Searching a national network takes seconds (10 s CPU at 20,000 nodes); from
:data:`CACHE_FROM` nodes up the kernel's sums are kept in the ``measures`` area of
the user's cache (:mod:`swgraph.core.usercache`) under a key made of the CSR arrays,
the sources, the kernel's code and numba's and numpy's versions, as ``.npz`` arrays
read back without pickles: ``swgraph map`` or ``report`` after ``analyze`` on the same
network reads the searches instead of running them again (the same numbers, bit for bit).

>>> import networkx as nx
>>> p = path_pass(nx.path_graph(3))
>>> dict(p.betweenness), dict(p.harmonic), p.dist_sum[0], p.reach[0]
({0: 0.0, 1: 1.0, 2: 0.0}, {0: 1.5, 1: 2.0, 2: 1.5}, 3, 3)
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import weakref
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from swgraph.analysis.centrality import Scores, _rescale
from swgraph.core import usercache

__all__ = ["PathPass", "available", "path_pass", "sampled_pass"]

ENGINE = "fused"
#: sources are dealt to this many blocks whatever the number of cores: the sums, and so the last bits, are the same everywhere
BLOCKS = 32

#: graphs with at least this many nodes keep their searches in the user's cache
CACHE_FROM = 5_000
_SUMS = ("bc", "reach", "dsum", "hsum", "tgt")  # what the kernel returns, in order

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


def _sums(indptr, indices, sources, per_target: bool, dependencies: bool) -> tuple:
    """The kernel's ``brandes_sums`` of these arrays (from the user's cache when searched before)."""
    n = indptr.size - 1
    entry, key = None, None
    folder = usercache.folder("measures") if n >= CACHE_FROM else None
    if folder is not None:
        code = usercache.code_key(("analysis/_fused_kernel.py", "analysis/paths.py"), ("numba", "numpy"))
        h = hashlib.sha256(f"{code}|{BLOCKS}|{per_target}|{dependencies}".encode())
        for a in (indptr, indices, sources):
            h.update(np.ascontiguousarray(a, dtype=np.int64).tobytes())
            h.update(b"|")
        key = h.hexdigest()
        entry = folder / key[:2] / f"{key}.npz"
        blob = usercache.read(entry)
        if blob is not None:
            try:
                with np.load(io.BytesIO(blob), allow_pickle=False) as z:
                    if str(z["key"]) == key:
                        return tuple(z[k] for k in _SUMS)
            except Exception:  # noqa: BLE001 - a damaged entry: search again
                pass
    kernel = _kernel()
    if kernel is None:  # pragma: no cover - numba is a declared dependency
        raise ImportError("the fused path pass needs numba (pip install numba)")
    out = kernel.brandes_sums(indptr, indices, sources, BLOCKS, per_target, dependencies)
    if entry is not None:
        buf = io.BytesIO()
        np.savez(buf, key=np.array(key), **dict(zip(_SUMS, out)))
        usercache.write(entry, buf.getvalue())
    return out


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
    return _memoised(G, (), lambda: _path_pass(G))


def _memoised(G, extra: tuple, compute):
    """The last graph's pass, if ``G`` is that same, unchanged graph object (and ``extra`` equal); else computed."""
    key = (id(G), len(G), G.number_of_edges(), *extra)
    if _MEMO.get("key") == key and _MEMO["ref"]() is G:
        return _MEMO["value"]
    value = compute()
    _MEMO.clear()
    _MEMO.update(key=key, ref=weakref.ref(G), value=value)
    return value


def _path_pass(G) -> PathPass:
    indptr, indices, nodes = csr(G)
    n = len(nodes)
    sources = np.arange(n, dtype=np.int64)
    bc, reach, dsum, hsum, _ = _sums(indptr, indices, sources, False, True)
    betw = _rescale({v: float(b) for v, b in zip(nodes, bc)}, n, normalized=True, directed=False, sampled=None)
    close = {}
    for v, r, tot in zip(nodes, reach.tolist(), dsum.tolist()):
        if r <= 1:
            close[v] = 0.0
        else:
            c = (r - 1) / tot  # as the igraph engine: (r-1)/sum, then the Wasserman-Faust factor
            close[v] = c * (r - 1) / (n - 1)
    return PathPass(
        betweenness=Scores(betw, metric="betweenness", engine=ENGINE,
                           params={"distance": None, "normalized": True, "seed": None}),
        closeness=Scores(close, metric="closeness", engine=ENGINE, params={"distance": None, "wf_improved": True}),
        harmonic=Scores({v: float(h) for v, h in zip(nodes, hsum)}, metric="harmonic", engine=ENGINE,
                        params={"distance": None}),
        reach=dict(zip(nodes, reach.tolist())),
        dist_sum=dict(zip(nodes, dsum.tolist())),
    )


def sampled_pass(G, *, k: int, seed: int = 0) -> PathPass:
    """Betweenness, closeness and harmonic of undirected ``G`` estimated from one sample of ``k`` sources.

    Stratified as :func:`swgraph.analysis.centrality.sampled_distances`:
    every node outside the largest component is searched (those components
    are small, so their values are exact); in the largest component ``k``
    sources (``random.Random(seed).sample`` of its nodes in graph order) are
    searched once, and the same searches give all three estimates --
    betweenness as the sources' dependencies scaled by component size / ``k``,
    closeness and harmonic from every node's distances to the sources, each
    with its median and 95th-percentile relative standard error
    (``params["relative_se"]``, the measured error bound). ``reach`` and
    ``dist_sum`` are empty (there are no exact sums). With ``k`` at least the
    largest component's size the values are exact.

    >>> import networkx as nx
    >>> G = nx.path_graph(30); G.add_edge(100, 101)
    >>> p = sampled_pass(G, k=30)  # the whole component: exact
    >>> abs(p.closeness[15] - nx.closeness_centrality(G)[15]) < 1e-12, p.harmonic[100], p.betweenness.sample_size
    (True, 1.0, 30)
    """
    if G.is_directed():
        raise nx.NetworkXNotImplemented("the fused path pass reads undirected graphs (hops)")
    return _memoised(G, (k, seed), lambda: _sampled_pass(G, k, seed))


def _sampled_pass(G, k: int, seed: int) -> PathPass:
    indptr, indices, nodes = csr(G)
    n = len(nodes)
    bc = np.zeros(n)
    close = np.zeros(n)
    harm = np.zeros(n)
    rel_se = {"closeness": np.zeros(0), "harmonic": np.zeros(0)}
    K = 0
    if n:
        A = csr_matrix((np.ones(indices.size), indices, indptr), shape=(n, n))
        _, labels = connected_components(A, directed=False)
        giant_label = int(np.argmax(np.bincount(labels)))
        in_giant = labels == giant_label
        others = np.flatnonzero(~in_giant)
        giant = np.flatnonzero(in_giant)
        raw, reach, dsum, hsum, _ = _sums(indptr, indices, others.astype(np.int64), False, True)
        bc += raw
        ok = reach > 1
        close[others[ok]] = (reach[ok] - 1) / dsum[ok] * (reach[ok] - 1) / (n - 1)
        harm[others] = hsum
        r = giant.size
        K = min(k, r)
        sample = np.array(sorted(random.Random(seed).sample(giant.tolist(), K)), dtype=np.int64)
        raw, _, _, _, tgt = _sums(indptr, indices, sample, True, True)
        bc += raw * (r / K)
        if r > 1:
            hits, tot_d, tot_d2, tot_h, tot_h2 = (row[giant] for row in tgt)
            hits = np.maximum(hits, 1.0)  # a one-source sample: the source itself is reached by no source
            m_d, m_h = tot_d / hits, tot_h / hits
            with np.errstate(divide="ignore", invalid="ignore"):
                close[giant] = np.where(m_d > 0, 1.0 / m_d, 0.0) * (r - 1) / (n - 1)
            harm[giant] = (r - 1) * m_h
            if K < r:  # with every node a source the values are exact: no error to state
                for name, tot2, mean in (("closeness", tot_d2, m_d), ("harmonic", tot_h2, m_h)):
                    var = np.maximum(tot2 / hits - mean * mean, 0.0) * hits / np.maximum(hits - 1, 1)
                    rel_se[name] = np.sqrt(var / hits) / mean
    betw = _rescale({v: float(b) for v, b in zip(nodes, bc)}, n, normalized=True, directed=False, sampled=None)

    def bound(name):
        se = rel_se[name]
        return {"median": float(np.median(se)), "p95": float(np.percentile(se, 95))} if se.size else {"median": 0.0, "p95": 0.0}

    return PathPass(
        betweenness=Scores(betw, metric="betweenness", engine=ENGINE, approximate=True, sample_size=K,
                           params={"distance": None, "normalized": True, "seed": seed}),
        closeness=Scores({v: float(x) for v, x in zip(nodes, close)}, metric="closeness", engine=ENGINE, approximate=True,
                         sample_size=K, params={"distance": None, "wf_improved": True, "relative_se": bound("closeness")}),
        harmonic=Scores({v: float(x) for v, x in zip(nodes, harm)}, metric="harmonic", engine=ENGINE, approximate=True,
                        sample_size=K, params={"distance": None, "relative_se": bound("harmonic")}),
        reach={},
        dist_sum={},
    )


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
    _, reach, dsum, _, _ = _sums(indptr, indices, np.arange(len(sub), dtype=np.int64), False, False)
    return int(reach.sum() - len(sub)) // 2, int(dsum.sum()) // 2
