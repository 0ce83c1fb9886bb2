"""Resilience: what happens when the top broker (or a given node) disappears.

>>> import networkx as nx
>>> r = remove_node_impact(nx.path_graph(5), 2)
>>> r.components_after, r.pairs_disconnected, r.avg_path_before, r.avg_path_after
(2, 4, 2.3333333333333335, 1.0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx

from swgraph.analysis._igraph import ig, to_igraph
from swgraph.analysis._util import node_key, require_positive
from swgraph.analysis.centrality import betweenness
from swgraph.analysis.paths import component_path_sums

__all__ = ["Impact", "top_broker", "remove_node_impact"]


@dataclass
class Impact:
    removed: object
    chosen_by: str  # "given" or "betweenness"
    n_before: int
    components_before: int
    components_after: int
    largest_share_before: float  # largest component / n (0.0 for the empty graph)
    largest_share_after: float  # largest component / (n - 1)
    connected_pairs_before: int  # unordered pairs of the *other* nodes joined by a path
    connected_pairs_after: int
    pairs_disconnected: int
    avg_path_before: float | None  # mean shortest-path length over those pairs (None if no pairs)
    avg_path_after: float | None
    avg_path_change: float | None  # after - before

    def as_dict(self) -> dict:
        return asdict(self)


def top_broker(G, *, distance=None, engine="auto", betweenness_scores=None):
    """Node with the highest betweenness (ties broken by smallest id); None for an empty graph.

    ``betweenness_scores``: betweenness already computed on ``G``, to avoid computing it again.

    >>> import networkx as nx
    >>> top_broker(nx.krackhardt_kite_graph())
    7
    """
    if len(G) == 0:
        return None
    b = betweenness_scores if betweenness_scores is not None else betweenness(G, distance=distance, engine=engine)
    return min(b, key=lambda v: (-b[v], node_key(v)))


def path_stats(H, nodes, distance=None, engine="auto"):
    """(connected unordered pairs, sum of their distances) among ``nodes`` in ``H`` (all-pairs searches in C).

    >>> import networkx as nx
    >>> path_stats(nx.path_graph(4), [0, 1, 2, 3])
    (6, 10.0)
    """
    sub = H.subgraph(nodes)
    if engine != "networkx" and len(sub) > 0:
        try:
            ig()
        except ImportError:  # pragma: no cover
            engine = "networkx"
    if engine == "networkx" or len(sub) == 0 or sub.is_multigraph():
        pairs, total = 0, 0.0
        if distance is None:
            it = nx.all_pairs_shortest_path_length(sub)
        else:
            it = nx.all_pairs_dijkstra_path_length(sub, weight=distance)
        for _, dist in it:
            pairs += len(dist) - 1
            total += sum(dist.values())
        return pairs // 2, total / 2
    g, _ = to_igraph(sub, distance)
    # unordered connected pairs from component sizes; their mean distance from igraph's C all-pairs BFS/Dijkstra
    pairs = sum(len(c) * (len(c) - 1) // 2 for c in g.connected_components())
    if pairs == 0:
        return 0, 0.0
    mean = g.average_path_length(directed=False, unconn=True, weights="w" if distance is not None else None)
    return pairs, mean * pairs


def remove_node_impact(G, node=None, *, distance=None, engine="auto", path_sums=None) -> Impact:
    """Effect of removing ``node`` (default: :func:`top_broker`).

    Reports components and the largest component's share before and after,
    the number of pairs of the remaining nodes that lose every path
    (``pairs_disconnected``), and the mean shortest-path length over the
    remaining nodes' connected pairs before and after (pairs that become
    disconnected drop out of the "after" mean, so read it together with
    ``pairs_disconnected``).

    Projection: collaboration graph; directed graphs are read as undirected.
    Weights: ``distance`` is a path length (contract ``distance``).
    ``engine`` as in :mod:`swgraph.analysis.centrality` (all-pairs distances
    by igraph or NetworkX; both give the same sums).

    ``path_sums``: hop distances already computed on ``G`` (undirected,
    ``distance=None``), as ``{node: (nodes in its component, itself included,
    sum of its distances to them)}`` -- e.g.
    :func:`swgraph.analysis.metrics.path_sums`. The "before" figures then
    follow from them and only the removed node's component is searched again
    (the figures are the same, summed exactly in integers). Default: computed here.

    >>> import networkx as nx
    >>> G = nx.path_graph(5)
    >>> sums = {v: (5, sum(abs(v - u) for u in G)) for v in G}
    >>> remove_node_impact(G, 2, path_sums=sums) == remove_node_impact(G, 2)
    True
    """
    require_positive(G, distance, "distance")
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    chosen = "given"
    if node is None:
        node = top_broker(H, distance=distance, engine=engine)
        chosen = "betweenness"
        if node is None:
            raise nx.NetworkXPointlessConcept("cannot remove a node from the empty graph")
    if node not in H:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    n = len(H)
    rest = [v for v in H if v != node]
    comps_before = [len(c) for c in nx.connected_components(H)]
    R = H.subgraph(rest)
    comps_after = [len(c) for c in nx.connected_components(R)]
    if path_sums is not None:
        if distance is not None:
            raise ValueError("path_sums are hop counts: give them only with distance=None")
        return _impact_from_sums(H, node, chosen, comps_before, comps_after, path_sums)
    pairs_b, tot_b = path_stats(H, list(H), distance, engine)
    # pairs among the other nodes, before removal: drop pairs involving the node
    own = len(nx.node_connected_component(H, node))
    if distance is None:
        d_node = nx.single_source_shortest_path_length(H, node)
    else:
        d_node = nx.single_source_dijkstra_path_length(H, node, weight=distance)
    pairs_b -= own - 1
    tot_b -= sum(d_node.values())
    pairs_a, tot_a = path_stats(H, rest, distance, engine)
    return _impact(node, chosen, n, comps_before, comps_after, pairs_b, tot_b, pairs_a, tot_a)


def _impact_from_sums(H, node, chosen, comps_before, comps_after, path_sums) -> Impact:
    """The figures from per-node (reach, distance sum) before removal plus one search of the node's component."""
    pairs_all = sum(r - 1 for r, _ in path_sums.values()) // 2
    tot_all = sum(d for _, d in path_sums.values()) // 2
    own, d_node = path_sums[node]
    comp = nx.node_connected_component(H, node)
    pairs_b = pairs_all - (own - 1)
    tot_b = tot_all - d_node
    # the component's other nodes: their pairs before (node's own distances taken out twice), then after
    comp_pairs_before = (own - 1) * (own - 2) // 2
    comp_tot_before = (sum(path_sums[v][1] for v in comp) - 2 * d_node) // 2
    pairs_c, tot_c = component_path_sums(H, [v for v in comp if v != node])
    pairs_a = pairs_b - comp_pairs_before + pairs_c
    tot_a = tot_b - comp_tot_before + tot_c
    return _impact(node, chosen, len(H), comps_before, comps_after, pairs_b, tot_b, pairs_a, tot_a)


def _impact(node, chosen, n, comps_before, comps_after, pairs_b, tot_b, pairs_a, tot_a) -> Impact:
    avg_b = tot_b / pairs_b if pairs_b else None
    avg_a = tot_a / pairs_a if pairs_a else None
    return Impact(
        removed=node,
        chosen_by=chosen,
        n_before=n,
        components_before=len(comps_before),
        components_after=len(comps_after),
        largest_share_before=max(comps_before) / n,
        largest_share_after=max(comps_after) / (n - 1) if n > 1 else 0.0,
        connected_pairs_before=pairs_b,
        connected_pairs_after=pairs_a,
        pairs_disconnected=pairs_b - pairs_a,
        avg_path_before=avg_b,
        avg_path_after=avg_a,
        avg_path_change=None if avg_b is None or avg_a is None else avg_a - avg_b,
    )
