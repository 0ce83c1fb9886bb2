"""NetworkX -> igraph conversion through an index map and an edge list.

``igraph.Graph.from_networkx`` copies every attribute and is 3-5x slower on
large graphs; the analysis only needs the topology and, at most, one numeric
edge attribute, so this builds the igraph graph from integer pairs directly.
igraph is imported lazily so that importing :mod:`swgraph.analysis` stays cheap.
"""

from __future__ import annotations

import contextlib
import functools
import random
import sys


@functools.cache
def ig():
    """The ``igraph`` module, imported on first use.

    ``import igraph`` imports matplotlib.pyplot for igraph's own plotting when matplotlib
    is installed: 0.45 of its 0.52 s CPU (measured, national-2015 dev machine). swgraph never
    plots with igraph, so while igraph is imported (and only if matplotlib is not imported
    yet) ``import matplotlib`` fails and igraph keeps its stand-in module; matplotlib itself
    imports normally afterwards (the report's charts).
    """
    blocked = "matplotlib" not in sys.modules
    if blocked:
        sys.modules["matplotlib"] = None  # an ImportError for igraph's optional import
    try:
        import igraph  # noqa: PLC0415 - lazy on purpose: 0.07 s to import this way (measured with -X importtime)
    finally:
        if blocked and sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]
    return igraph


def have_igraph() -> bool:
    try:
        ig()
    except ImportError:  # pragma: no cover - igraph is a declared dependency
        return False
    return True


def to_igraph(G, weight=None):
    """Convert ``G`` to ``(igraph.Graph, nodes)``.

    ``nodes[i]`` is the NetworkX node behind igraph vertex ``i``. When
    ``weight`` is given, the edge attribute (default 1 when missing) is stored
    in the igraph edge attribute ``"w"``.

    >>> import networkx as nx
    >>> g, nodes = to_igraph(nx.path_graph(["a", "b", "c"]))
    >>> g.vcount(), g.ecount(), nodes
    (3, 2, ['a', 'b', 'c'])
    """
    igraph = ig()
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
