"""Brokerage: cut points, bridges, Burt's structural holes, Gould-Fernandez roles, hub check.

* :func:`articulation_points`, :func:`bridges` -- single points of failure.
* :func:`constraint`, :func:`effective_size` -- Burt (1992) structural holes,
  same definitions and conventions as ``networkx.constraint`` /
  ``networkx.effective_size`` (isolated nodes get NaN).
* :func:`brokerage_roles` -- Gould & Fernandez (1989) roles on a directed graph.
* :func:`hub_assessment` -- is a node (e.g. the national federation) a hub?

>>> import networkx as nx
>>> articulation_points(nx.path_graph(4)), bridges(nx.path_graph(3))
([1, 2], [(0, 1), (1, 2)])
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from swgraph.analysis._igraph import csr_adjacency, to_igraph
from swgraph.analysis._util import node_key, positive_values, refuse_multigraph, require_positive
from swgraph.analysis.centrality import betweenness, rank_range

__all__ = [
    "ROLES",
    "articulation_points",
    "bridges",
    "constraint",
    "effective_size",
    "brokerage_roles",
    "HubAssessment",
    "hub_assessment",
]

ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


def _sorted_nodes(nodes):
    return sorted(nodes, key=node_key)


def articulation_points(G) -> list:
    """Nodes whose removal disconnects their component, sorted.

    Projection: any; directed graphs are read as undirected (weak ties).
    Weights: ignored.

    >>> import networkx as nx
    >>> articulation_points(nx.krackhardt_kite_graph())
    [7, 8]
    """
    if len(G) == 0:
        return []
    g, nodes = to_igraph(G)
    if g.is_directed():
        g.to_undirected(mode="each")
    return _sorted_nodes(nodes[i] for i in g.articulation_points())


def bridges(G) -> list[tuple]:
    """Edges whose removal disconnects their component, as sorted ``(u, v)`` with ``u <= v``.

    Projection: any; directed graphs are read as undirected. Weights: ignored.
    Parallel edges of a multigraph are never bridges.

    >>> import networkx as nx
    >>> bridges(nx.krackhardt_kite_graph())
    [(7, 8), (8, 9)]
    """
    if len(G) == 0:
        return []
    # a reciprocated pair is one tie (NetworkX's to_undirected; for multigraphs, as it merges keys)
    H = G.to_undirected(as_view=False) if G.is_directed() and G.is_multigraph() else G
    g, nodes = to_igraph(H)  # igraph: parallel edges and self-loops are never bridges, as in NetworkX
    if g.is_directed():
        g.to_undirected(mode="collapse")
    out = []
    for e in g.bridges():
        s, t = g.es[e].tuple
        a, b = _sorted_nodes([nodes[s], nodes[t]])
        out.append((a, b))
    return sorted(out, key=lambda e: (node_key(e[0]), node_key(e[1])))


# --------------------------------------------------------------------------- Burt


def constraint(G, *, weight=None) -> dict:
    """Burt's constraint ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` over i's contacts j.

    ``p_ij`` is the share of i's (mutual, i.e. in + out) tie strength that
    goes to j. Low constraint = many structural holes = brokerage
    opportunity. Matches ``networkx.constraint``; nodes without contacts
    get NaN. Projection: any (directed ties are combined both ways).
    Weights: strength (``weight``).

    Reference values: a star centre with n unconnected contacts has 1/n; a
    node in a triangle has 2 * (1/2 + 1/4)^2 = 1.125 (Burt 1992, ch. 2).

    >>> import networkx as nx
    >>> round(constraint(nx.star_graph(3))[0], 6), constraint(nx.complete_graph(3))[0]
    (0.333333, 1.125)

    Self-loops are ignored (a tie to oneself is no contact; NetworkX counts
    them); multigraphs are refused (collapse parallel ties into weights).
    """
    values = positive_values(G, weight, "weight")
    refuse_multigraph(G, "constraint")
    if nx.number_of_selfloops(G):  # a tie to oneself is no contact (NetworkX would count it)
        G = G.copy()
        G.remove_edges_from(list(nx.selfloop_edges(G)))
        values = None  # read again from the copy
    if len(G) == 0:
        return dict(nx.constraint(G, weight=weight))
    return _constraint_sparse(G, weight, values)


def _constraint_sparse(G, weight, values=None) -> dict:
    """``networkx.constraint(G, weight=weight)`` (NetworkX 3.6's sparse-matrix branch), the same floats.

    The same scipy operations on the same adjacency matrix, built faster
    (:func:`~swgraph.analysis._igraph.csr_adjacency`, weights' dtype inferred as NetworkX's
    ``adjacency_matrix`` does); the local constraints are squared only where the contacts are
    (below). Equality with ``networkx.constraint`` is tested with ``==``.
    """
    P = csr_adjacency(G, weight, dtype=None, values=values)
    mutual_weights = P + P.T
    sum_mutual_weights = mutual_weights.sum(axis=1)
    with np.errstate(divide="ignore"):
        mutual_weights /= sum_mutual_weights[:, np.newaxis]
    M = mutual_weights.tocsr()  # canonical: what NetworkX's products convert it to
    # NetworkX: ((M > 0) * (M + M @ M) ** 2).sum(axis=1). The mask keeps exactly M's entries (scipy's
    # element-wise products store no zeros), so the same row sums come from M's own pattern with
    # (m_ij + (M @ M)_ij) ** 2, the two-step terms looked up at M's positions instead of squaring
    # the whole two-step matrix.
    MM = M @ M
    MM.sort_indices()
    n_col = M.shape[1]
    key_mm = np.repeat(np.arange(MM.shape[0], dtype=np.int64), np.diff(MM.indptr)) * n_col + MM.indices
    key_m = np.repeat(np.arange(M.shape[0], dtype=np.int64), np.diff(M.indptr)) * n_col + M.indices
    pos = np.minimum(np.searchsorted(key_mm, key_m), max(len(key_mm) - 1, 0))
    two_step = np.where(key_mm[pos] == key_m, MM.data[pos], 0) if len(key_mm) else np.zeros(len(key_m))
    local_constraints = sp.csr_array(((M.data + two_step) ** 2, M.indices, M.indptr), shape=M.shape)
    constraints = local_constraints.sum(axis=1)
    isolated_nodes = sum_mutual_weights - 2 * mutual_weights.diagonal() == 0
    constraints[isolated_nodes] = float("nan")
    return dict(zip(G, constraints.tolist()))


def effective_size(G, *, weight=None) -> dict:
    """Burt's effective size ``sum_j (1 - sum_{q != i,j} p_iq m_jq)`` over i's contacts j.

    ``m_jq`` is j's mutual tie strength to q divided by j's strongest tie.
    For unweighted undirected graphs this is Borgatti's (1997) simplification
    ``n - 2t/n`` (n contacts, t ties among them), as in NetworkX. Nodes
    without contacts get NaN. Projection: any (directed ties combined both
    ways; nodes with only incoming ties are not NaN). Weights: strength.

    Matches ``networkx.effective_size(G, nodes=list(G))``. Note: in NetworkX
    3.6 the default call (``nodes=None`` with scipy installed) takes a
    vectorised path that divides by the row maxima along the wrong axis, so
    it differs for weighted or directed graphs (e.g. the digraph
    0->1, 0->2, 1->0, 2->1 gives 4/3 for node 0 instead of the 7/6 of the
    definition); this function follows the definition.

    >>> import networkx as nx
    >>> effective_size(nx.star_graph(3))[0], effective_size(nx.complete_graph(3))[0]
    (3.0, 1.0)

    Self-loops are ignored; multigraphs are refused (collapse parallel ties
    into weights first).
    """
    require_positive(G, weight, "weight")
    refuse_multigraph(G, "effective size")
    nodes = list(G)
    if not nodes:
        return {}
    W = _mutual_matrix(G, nodes, weight)
    B = (W > 0).astype(np.int64)
    deg = np.diff(W.indptr)
    with np.errstate(divide="ignore", invalid="ignore"):
        if not G.is_directed() and weight is None:
            # Borgatti: n - 2t/n with t the ties among i's contacts, counted exactly
            t = np.asarray((B @ B).multiply(B).sum(axis=1)).ravel() // 2
            values = [n - 2 * int(k) / n if n else math.nan for n, k in zip(deg.tolist(), t.tolist())]
            return dict(zip(nodes, values))
        total = np.asarray(W.sum(axis=1)).ravel()
        top = W.max(axis=1).toarray().ravel()
        P = sp.diags_array(1 / np.where(total > 0, total, 1)) @ W
        M = sp.diags_array(1 / np.where(top > 0, top, 1)) @ W
        redundancy = np.asarray((B @ M).multiply(P).sum(axis=1)).ravel()
    values = np.where(deg > 0, deg - redundancy, np.nan).tolist()
    # one contact: the definition's sum has no redundancy terms and gives the integer 1 (as the plain sum did)
    return {v: 1 if k == 1 else x for v, k, x in zip(nodes, deg.tolist(), values)}


def _mutual_matrix(G, nodes, weight):
    """Sparse mutual tie strengths ``a_ij + a_ji`` (directed) or ``a_ij`` (undirected) over ``nodes``, no self-loops.

    Edges without ``weight`` count 1, as in NetworkX.
    """
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rows, cols, vals = [], [], []
    for u, v, w in G.edges(data=weight, default=1):
        if u != v:
            rows.append(index[u])
            cols.append(index[v])
            vals.append(1.0 if weight is None else float(w))
    A = sp.csr_array((np.array(vals, dtype=np.float64), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                     shape=(n, n))
    W = (A + A.T).tocsr()
    W.sum_duplicates()
    W.sort_indices()
    return W


# --------------------------------------------------------------------------- Gould-Fernandez


def brokerage_roles(G, *, group="tier_name") -> dict:
    """Gould & Fernandez (1989) brokerage role counts for every node.

    For every open two-path ``a -> b -> c`` (``a != c`` and no tie
    ``a -> c``), the middle node ``b`` brokers; the role depends on the groups
    (node attribute ``group``, e.g. ``"tier_name"`` or ``"province"``):

    ==============  ===================  ==========================================
    role            groups               reading
    ==============  ===================  ==========================================
    coordinator     a = b = c            mediates inside its own group
    consultant      a = c != b           outsider mediating within another group
                                         (G&F's "itinerant broker")
    gatekeeper      b = c != a           controls what enters its group
    representative  a = b != c           speaks for its group to outsiders
    liaison         a, b, c all differ   links two groups it belongs to neither of
    ==============  ===================  ==========================================

    Projection: directed (e.g. the visit graph, visitor -> host); an
    undirected graph is read with every tie in both directions, so each open
    triad is counted twice (once per direction). Nodes lacking the attribute
    form the group ``None``. Weights: ignored.

    Returns ``{node: {role: count, ..., "total": count}}``.

    >>> import networkx as nx
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(D, {"a": "x", "b": "y", "c": "y"}, "tier_name")
    >>> brokerage_roles(D)["b"]["gatekeeper"]
    1
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    table: dict = {}
    grp = np.array([table.setdefault(d.get(group), len(table)) for _, d in G.nodes(data=True)], dtype=np.int64)
    uv = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    A = sp.csr_array((np.ones(len(uv), dtype=np.int64), (uv[:, 0], uv[:, 1])), shape=(n, n))
    if not G.is_directed():
        A = A + A.T
    A = (A > 0).astype(np.int64).tocsr()  # A[a, b] = 1: a tie a -> b
    # every two-path a -> b -> c (a, c != b), counted by the groups of its ends
    onehot = sp.csr_array((np.ones(n, dtype=np.int64), (np.arange(n), grp)), shape=(n, len(table)))
    gp, gs = (A.T @ onehot).toarray(), (A @ onehot).toarray()  # b's predecessors / successors per group
    n_pred, n_succ = gp.sum(axis=1), gs.sum(axis=1)
    p_own, s_own = gp[np.arange(n), grp], gs[np.arange(n), grp]
    both_ends = (gp * gs).sum(axis=1)  # a and c in the same group
    counts = {"coordinator": p_own * s_own, "consultant": both_ends - p_own * s_own,
              "gatekeeper": s_own * (n_pred - p_own), "representative": p_own * (n_succ - s_own)}
    counts["liaison"] = n_pred * n_succ - both_ends - counts["gatekeeper"] - counts["representative"]
    # less the closed ones: a == c (a reciprocated tie of b) ...
    coo = A.tocoo()
    same = sp.csr_array(((grp[coo.row] == grp[coo.col]).astype(np.int64), (coo.row, coo.col)), shape=(n, n))
    same.eliminate_zeros()  # S[x, y] = 1: a tie x -> y inside one group
    mutual = A.multiply(A.T)
    mutual_same = np.asarray(mutual.multiply(same).sum(axis=0)).ravel()
    counts["coordinator"] = counts["coordinator"] - mutual_same
    counts["consultant"] = counts["consultant"] - (np.asarray(mutual.sum(axis=0)).ravel() - mutual_same)
    # ... and a -> c tied (transitive triads), by which of the three pairs share a group
    via_all = (A @ A.T).multiply(A)  # [a, b]: c with a -> c and b -> c, for each tie a -> b
    via_bc = (A @ same.T).multiply(A)  # ... with c in b's group
    t_all = np.asarray(via_all.sum(axis=0)).ravel()
    t_ab = np.asarray(via_all.multiply(same).sum(axis=0)).ravel()
    t_bc = np.asarray(via_bc.sum(axis=0)).ravel()
    t_abc = np.asarray(via_bc.multiply(same).sum(axis=0)).ravel()
    t_ac = np.asarray((same @ A.T).multiply(A).sum(axis=0)).ravel()
    counts["coordinator"] = counts["coordinator"] - t_abc
    counts["consultant"] = counts["consultant"] - (t_ac - t_abc)
    counts["gatekeeper"] = counts["gatekeeper"] - (t_bc - t_abc)
    counts["representative"] = counts["representative"] - (t_ab - t_abc)
    counts["liaison"] = counts["liaison"] - (t_all - t_ab - t_bc - t_ac + 2 * t_abc)
    columns = [counts[r].tolist() for r in ROLES]
    out = {}
    for k, v in enumerate(nodes):
        roles = {r: col[k] for r, col in zip(ROLES, columns)}
        roles["total"] = sum(roles.values())
        out[v] = roles
    return out


# --------------------------------------------------------------------------- hub


@dataclass
class HubAssessment:
    """Summary of a node's hub position (plain values; ``asdict`` gives a dict)."""

    node: object
    n_nodes: int
    degree: int
    degree_rank: int
    betweenness: float  # normalised (networkx convention)
    betweenness_rank: int
    path_share: float  # share of shortest paths between other connected pairs passing through node
    neighbour_tiers: list = field(default_factory=list)
    neighbour_provinces: list = field(default_factory=list)
    degree_rank_worst: int = 0  # with ties: the node shares ranks degree_rank..degree_rank_worst
    betweenness_rank_worst: int = 0
    is_articulation_point: bool = False
    components_if_removed: int = 0
    verdict: str = "not enough data"  # supported | not supported | not enough data
    is_hub: bool = False
    criteria: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def hub_assessment(G, node, *, distance=None, top_share=0.05, engine="auto", betweenness_scores=None) -> HubAssessment:
    """Does ``node`` act as a hub? Ranks, path share, reach across tiers/provinces.

    * ``degree_rank`` / ``betweenness_rank``: competition ranks (1 = highest).
    * ``path_share``: over all pairs ``{s, t}`` of *other* nodes joined by a
      path, the average fraction of their shortest paths that run through
      ``node`` = unnormalised betweenness / number of such pairs (0 if none).
    * ``neighbour_tiers`` / ``neighbour_provinces``: distinct ``tier_name`` /
      non-empty ``province`` values among its direct partners.
    * ``is_articulation_point``, ``components_if_removed`` (components of the
      rest of the graph after removal).
    * ``degree_rank_worst`` / ``betweenness_rank_worst``: with ties the node
      shares every rank from ``*_rank`` to ``*_rank_worst`` ("tied 1st-5th").
    * ``verdict`` (the rule, stated in ``criteria``): ``"not enough data"``
      when no organisation lies on a shortest path between two others (all
      betweenness 0, or no connected pair); otherwise ``"supported"`` when
      the node has betweenness above 0 and even its worst tied rank is
      within the top ``top_share`` of nodes (at least rank 1) on both
      degree and betweenness, else ``"not supported"``. ``is_hub`` is
      ``verdict == "supported"``.

    Projection: collaboration graph; directed graphs are read as undirected.
    Weights: unweighted degree; betweenness uses ``distance`` as path length.
    ``betweenness_scores``: normalised betweenness already computed on ``G``
    (as :func:`~swgraph.analysis.centrality.betweenness` returns it), to
    avoid computing it again.

    >>> import networkx as nx
    >>> h = hub_assessment(nx.star_graph(4), 0)
    >>> h.degree_rank, h.path_share, h.is_articulation_point, h.is_hub
    (1, 1.0, True, True)
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    n = len(H)
    deg = dict(H.degree())
    if betweenness_scores is not None:
        scale = (n - 1) * (n - 2) / 2 if n > 2 else 0.0  # networkx's normalisation for undirected graphs
        bt = {v: s * scale for v, s in betweenness_scores.items()}
    else:
        bt = betweenness(H, distance=distance, normalized=False, engine=engine)
    bt_norm = bt[node] * 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    # connected pairs among the other nodes
    rest = H.subgraph([v for v in H if v != node])
    comp_sizes = [len(c) for c in nx.connected_components(H)]
    own = len(nx.node_connected_component(H, node))
    pairs = sum(s * (s - 1) // 2 for s in comp_sizes) - (own - 1)
    share = bt[node] / pairs if pairs else 0.0
    tiers = sorted({str(H.nodes[v].get("tier_name")) for v in H[node] if v != node})
    provs = sorted({H.nodes[v].get("province") for v in H[node] if v != node and H.nodes[v].get("province")})
    cutoff = max(1, math.ceil(top_share * n))
    (d_rank, d_worst), (b_rank, b_worst) = rank_range(deg, node), rank_range(bt, node)
    if pairs == 0 or max(bt.values(), default=0) <= 0:
        verdict = "not enough data"
    elif bt[node] > 0 and d_worst <= cutoff and b_worst <= cutoff:
        verdict = "supported"
    else:
        verdict = "not supported"
    return HubAssessment(
        node=node,
        n_nodes=n,
        degree=deg[node],
        degree_rank=d_rank,
        betweenness=bt_norm,
        betweenness_rank=b_rank,
        path_share=share,
        neighbour_tiers=tiers,
        neighbour_provinces=provs,
        is_articulation_point=node in set(nx.articulation_points(H)),
        components_if_removed=nx.number_connected_components(rest) if len(rest) else 0,
        degree_rank_worst=d_worst,
        betweenness_rank_worst=b_worst,
        verdict=verdict,
        is_hub=verdict == "supported",
        criteria=(f"supported when betweenness > 0 and degree rank and betweenness rank, counting ties at their "
                  f"worst, are both <= {cutoff} (top {top_share:.0%} of {n} nodes); not enough data when no "
                  "organisation lies between two others"),
    )
