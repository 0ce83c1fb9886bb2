"""NetworkX -> igraph conversion through an index map and an edge list.

``igraph.Graph.from_networkx`` copies every attribute and is 3-5x slower on
large graphs; the analysis only needs the topology and, at most, one numeric
edge attribute, so this builds the igraph graph from integer pairs directly.
igraph is imported lazily so that importing :mod:`swgraph.analysis` stays cheap.
"""

from __future__ import annotations

import contextlib
import itertools
import random

import networkx as nx
import numpy as np
import scipy.sparse as sp

from swgraph.core import libraries


def ig():
    """The ``igraph`` module, imported on first use (:func:`swgraph.core.libraries.igraph`)."""
    return libraries.igraph()


def have_igraph() -> bool:
    try:
        ig()
    except ImportError:  # pragma: no cover - igraph is a declared dependency
        return False
    return True


def adjacency_arrays(G, weight=None, *, dtype=float, values=None):
    """Every adjacency entry of a simple graph as integer arrays, in NetworkX's adjacency order.

    Returns ``(nodes, src, dst, w)``: entry ``k`` is the tie ``nodes[src[k]] -> nodes[dst[k]]``
    as ``G._adj`` lists it (node order, then each node's neighbour order); an undirected tie
    appears twice (once from each end), a self-loop once. ``w`` holds the ``weight`` attribute
    (default 1 when missing) as ``dtype`` (``None``: numpy's inference from the values, as
    ``scipy.sparse.coo_array`` does for a list), or is ``None`` when ``weight`` is ``None``.
    ``values``: those weights already read in this order (``swgraph.analysis._util.positive_values``).
    Multigraphs are refused (``ValueError``): their adjacency maps hold key dicts.

    >>> import networkx as nx
    >>> nodes, src, dst, w = adjacency_arrays(nx.path_graph(["a", "b", "c"]))
    >>> nodes, src.tolist(), dst.tolist(), w
    (['a', 'b', 'c'], [0, 1, 1, 2], [1, 0, 2, 1], None)
    """
    if G.is_multigraph():
        raise ValueError("adjacency_arrays needs a simple graph (no parallel edges)")
    adj = G._adj  # NetworkX's own adjacency dict: G.edges() and to_scipy_sparse_array read it in this order
    nodes = list(adj)
    index = {v: i for i, v in enumerate(nodes)}
    deg = np.fromiter(map(len, adj.values()), dtype=np.int64, count=len(nodes))
    src = np.repeat(np.arange(len(nodes), dtype=np.int64), deg)
    # fromiter over the index's own int objects: no new Python objects (no garbage-collector passes)
    dst = np.fromiter(map(index.__getitem__, itertools.chain.from_iterable(adj.values())), dtype=np.int64,
                      count=len(src))
    w = None
    if weight is not None:
        if values is None:
            values = [d.get(weight, 1) for nbrs in adj.values() for d in nbrs.values()]
        w = np.array(values, dtype=dtype).reshape(-1)
        if w.dtype.kind == "f" and np.isnan(w).any():  # NaN, or None read as NaN: float() on each, as before
            w = np.array([float(x) for x in values], dtype=w.dtype).reshape(-1)
    return nodes, src, dst, w


def edge_arrays(G, weight=None, *, values=None):
    """``(nodes, src, dst, w)`` of each edge once, in ``G.edges()`` order (simple graphs; see :func:`adjacency_arrays`).

    An undirected edge is kept from the end that comes first in node order, which is the
    order ``G.edges()`` yields it in (a node's ties to nodes already visited were yielded then).

    >>> import networkx as nx
    >>> nodes, src, dst, _ = edge_arrays(nx.Graph([("b", "a"), ("a", "c")]))
    >>> [(nodes[i], nodes[j]) for i, j in zip(src, dst)] == list(nx.Graph([("b", "a"), ("a", "c")]).edges())
    True
    """
    nodes, src, dst, w = adjacency_arrays(G, weight, values=values)
    if not G.is_directed():
        keep = dst >= src
        src, dst = src[keep], dst[keep]
        w = None if w is None else w[keep]
    return nodes, src, dst, w


def csr_adjacency(G, weight=None, *, dtype=float, values=None):
    """The matrix ``networkx.to_scipy_sparse_array(G, weight=weight, dtype=dtype)`` builds, faster.

    The same CSR arrays (sorted indices, the same values and dtype; ``dtype=None`` infers it from
    the weights as NetworkX does), built from :func:`adjacency_arrays` instead of NetworkX's
    per-edge generator and COO symmetrisation. Multigraphs and graphs with self-loops (whose
    diagonal NetworkX assembles from duplicates) use NetworkX itself. Rows follow ``list(G)``.

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1, {"w": 2}), (1, 2, {})])
    >>> (csr_adjacency(G, "w") != nx.to_scipy_sparse_array(G, weight="w", dtype=float)).nnz
    0
    """
    n = len(G)
    if G.is_multigraph() or n == 0:
        return nx.to_scipy_sparse_array(G, weight=weight, dtype=dtype)
    nodes, src, dst, w = adjacency_arrays(G, weight, dtype=dtype, values=values)
    if len(dst) == 0 or (src == dst).any():  # no edges (NetworkX picks the dtype) or self-loops
        return nx.to_scipy_sparse_array(G, weight=weight, dtype=dtype)
    if w is None:
        w = np.ones(len(dst), dtype=dtype)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    A = sp.csr_array((w, dst, indptr), shape=(n, n))
    A.sort_indices()  # NetworkX's COO -> CSR conversion sorts each row's columns (no duplicates to sum)
    return A


def to_igraph(G, weight=None, *, values=None):
    """Convert ``G`` to ``(igraph.Graph, nodes)``.

    ``nodes[i]`` is the NetworkX node behind igraph vertex ``i``. When
    ``weight`` is given, the edge attribute (default 1 when missing) is stored
    in the igraph edge attribute ``"w"``. Edges are added in ``G.edges()``
    order (simple graphs through :func:`edge_arrays`, multigraphs edge by edge);
    ``values`` as for :func:`adjacency_arrays` (simple graphs).

    >>> import networkx as nx
    >>> g, nodes = to_igraph(nx.path_graph(["a", "b", "c"]))
    >>> g.vcount(), g.ecount(), nodes
    (3, 2, ['a', 'b', 'c'])
    """
    igraph = ig()
    if not G.is_multigraph():
        nodes, src, dst, w = edge_arrays(G, weight, values=values)
        g = igraph.Graph(n=len(nodes), edges=list(zip(src.tolist(), dst.tolist())), directed=G.is_directed())
        if w is not None:
            g.es["w"] = w.tolist()
        return g, nodes
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    if weight is None:
        edges = [(index[u], index[v]) for u, v in G.edges()]
        g = igraph.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    else:
        triples = [(index[u], index[v], w) for u, v, w in G.edges(data=weight, default=1)]
        g = igraph.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in triples], directed=G.is_directed())
        g.es["w"] = [float(w) for _, _, w in triples]
    return g, nodes


@contextlib.contextmanager
def pinned_rng(seed: int = 0):
    """Run igraph with a private ``random.Random(seed)`` (ARPACK start vectors, tie breaks), then restore.

    igraph draws from Python's global ``random`` by default, so two identical
    calls could differ in the last bits; with a pinned generator they do not.
    """
    igraph = ig()
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)
