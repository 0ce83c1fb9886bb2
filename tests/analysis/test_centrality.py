"""Centrality: published values on reference networks and igraph/NetworkX parity."""

import math
import pickle
import random

import networkx as nx
import pytest

from swgraph.analysis import centrality as C

ENGINES = ["networkx", "igraph"]
KITE = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def kite():
    return nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE)))


@pytest.mark.parametrize("engine", ENGINES)
def test_kite_betweenness_published(engine):
    # Krackhardt (1990) kite: Heather 14, Fernando = Garth 8.33, Ike 8, Diane 3.67, Andre = Beverly 0.83
    b = C.betweenness(kite(), normalized=False, engine=engine)
    expected = {"Heather": 14, "Fernando": 25 / 3, "Garth": 25 / 3, "Ike": 8, "Diane": 11 / 3,
                "Andre": 5 / 6, "Beverly": 5 / 6, "Carol": 0, "Ed": 0, "Jane": 0}
    assert b == pytest.approx(expected, abs=1e-12)
    assert b.engine == engine and not b.approximate


@pytest.mark.parametrize("engine", ENGINES)
def test_kite_closeness_published(engine):
    # (n-1)/sum of distances: Fernando/Garth 9/14=.64, Diane/Heather .60, Andre/Beverly 9/17=.53,
    # Carol/Ed .50, Ike 9/21=.43, Jane 9/29=.31
    c = C.closeness(kite(), engine=engine)
    expected = {"Fernando": 9 / 14, "Garth": 9 / 14, "Diane": 0.6, "Heather": 0.6, "Andre": 9 / 17,
                "Beverly": 9 / 17, "Carol": 0.5, "Ed": 0.5, "Ike": 9 / 21, "Jane": 9 / 29}
    assert c == pytest.approx(expected, abs=1e-12)


def test_kite_degree():
    d = C.degree(kite())
    assert d.top(1) == [("Diane", 6)]
    assert C.degree(kite(), normalized=True)["Diane"] == pytest.approx(6 / 9)


@pytest.mark.parametrize("engine", ENGINES)
def test_florentine_medici(engine):
    # Padgett's Florentine marriages: Medici betweenness 0.522 (normalised), closeness 0.560, degree 6
    F = nx.florentine_families_graph()
    b = C.betweenness(F, engine=engine)
    assert b.top(1)[0][0] == "Medici"
    assert b["Medici"] == pytest.approx(0.521978, abs=1e-6)
    assert C.closeness(F, engine=engine)["Medici"] == pytest.approx(0.56, abs=1e-12)


@pytest.mark.parametrize("engine", ENGINES)
def test_karate_published(engine):
    Z = nx.karate_club_graph()
    b = C.betweenness(Z, engine=engine)
    # widely reported normalised betweenness: Mr Hi (0) 0.4376, officer (33) 0.3041
    assert [n for n, _ in b.top(2)] == [0, 33]
    assert b[0] == pytest.approx(0.4376, abs=1e-4) and b[33] == pytest.approx(0.3041, abs=1e-4)
    e = C.eigenvector(Z, engine=engine)  # unweighted: 33 .373, 0 .355, 2 .317, 32 .309
    assert [n for n, _ in e.top(4)] == [33, 0, 2, 32]
    assert e[33] == pytest.approx(0.3734, abs=1e-3) and e[0] == pytest.approx(0.3555, abs=1e-3)
    assert math.fsum(v * v for v in e.values()) == pytest.approx(1.0)


def test_degree_directed_and_strength():
    D = nx.DiGraph()
    D.add_edge("a", "b", weight=2.0)
    D.add_edge("c", "b", weight=3.0)
    D.add_edge("b", "a", weight=1.0)
    assert dict(C.degree(D, direction="in")) == {"a": 1, "b": 2, "c": 0}
    assert dict(C.degree(D, direction="out")) == {"a": 1, "b": 1, "c": 1}
    assert dict(C.degree(D)) == {"a": 2, "b": 3, "c": 1}
    s = C.degree(D, weight="weight", direction="in")
    assert dict(s) == {"a": 1.0, "b": 5.0, "c": 0} and s.metric == "strength"
    with pytest.raises(ValueError):
        C.degree(D, direction="up")


@pytest.mark.parametrize("engine", ENGINES)
def test_pagerank_hand_solved(engine):
    # leaves 1, 2 -> centre 0 (dangling). With a = x1 = x2, b = x0:
    # a = .15/3 + .85*b/3 ; b = .15/3 + .85*(2a + b/3) ; 2a + b = 1  =>  a = 1/4.7, b = 2.7/4.7
    p = C.pagerank(nx.DiGraph([(1, 0), (2, 0)]), engine=engine)
    assert dict(p) == pytest.approx({0: 2.7 / 4.7, 1: 1 / 4.7, 2: 1 / 4.7}, abs=1e-10)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fn", [C.betweenness, C.closeness, C.harmonic, C.eigenvector, C.pagerank, C.degree])
def test_edge_cases(engine, fn):
    kw = {} if fn is C.degree else {"engine": engine}
    assert dict(fn(nx.Graph(), **kw)) == {}
    one = dict(fn(nx.empty_graph(1), **kw))
    assert list(one) == [0]
    three = fn(nx.empty_graph(3), **kw)
    assert len(set(three.values())) == 1  # no edges: all nodes alike


def test_isolates_and_components_closeness():
    G = nx.Graph([(0, 1), (1, 2)])
    G.add_node(3)
    c = C.closeness(G, engine="igraph")
    assert c[3] == 0.0
    # WF improved: (r-1)/sum * (r-1)/(n-1): node 1 -> 2/2 * 2/3
    assert c[1] == pytest.approx(2 / 3)
    assert C.closeness(G, wf_improved=False)[1] == pytest.approx(1.0)


def test_eigenvector_disconnected_hand():
    # two components: K4 (spectral radius 3) and a 5-cycle (radius 2): only K4 keeps weight
    G = nx.disjoint_union(nx.complete_graph(4), nx.cycle_graph(5))
    e = C.eigenvector(G, engine="igraph")
    assert [e[i] for i in range(4)] == pytest.approx([0.5] * 4, abs=1e-12)
    assert max(e[i] for i in range(4, 9)) == pytest.approx(0.0, abs=1e-12)
    # two equal components K3 + K3: uniform over both (limit of NetworkX's power iteration)
    e2 = C.eigenvector(nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3)), engine="igraph")
    assert list(e2.values()) == pytest.approx([1 / math.sqrt(6)] * 6, abs=1e-12)


def _random_graph(seed, directed, weighted, integer_distance=False):
    rnd = random.Random(seed)
    G = nx.gnp_random_graph(25, 0.12, seed=seed, directed=directed)
    H = nx.gnp_random_graph(75, 0.05, seed=seed + 100, directed=directed)  # > 64: ARPACK path
    G = nx.disjoint_union(G, H)
    G.add_nodes_from(["iso-a", "iso-b"])
    for _, _, d in G.edges(data=True):
        w = rnd.randint(1, 5) if weighted else 1
        d["weight"] = float(w)
        d["distance"] = float(w) if integer_distance else 1 / w
    return G


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_engines_agree(seed, directed, weighted):
    G = _random_graph(seed, directed, weighted)
    W = "weight" if weighted else None
    D = "distance" if weighted else None
    DI = "distance" if weighted else None
    Gi = _random_graph(seed, directed, weighted, integer_distance=True)
    cases = [
        (C.closeness, G, {"distance": D}),
        (C.closeness, G, {"distance": D, "wf_improved": False}),
        (C.harmonic, G, {"distance": D}),
        (C.eigenvector, G, {"weight": W}),
        (C.pagerank, G, {"weight": W}),
        (C.betweenness, Gi, {"distance": DI}),
        (C.betweenness, Gi, {"distance": DI, "normalized": False}),
        (C.betweenness, Gi, {"distance": DI, "k": 30, "seed": seed}),
    ]
    for fn, graph, kw in cases:
        ref = fn(graph, engine="networkx", **kw)
        fast = fn(graph, engine="igraph", **kw)
        assert set(ref) == set(fast)
        err = max(abs(ref[v] - fast[v]) for v in graph)
        assert err < 1e-9, (fn.__name__, kw, err)


def test_networkx_engine_is_networkx():
    G = _random_graph(3, False, True)
    assert dict(C.betweenness(G, distance="distance", engine="networkx")) == pytest.approx(
        nx.betweenness_centrality(G, weight="distance"))
    assert dict(C.closeness(G, distance="distance", engine="igraph")) == pytest.approx(
        nx.closeness_centrality(G, distance="distance"), abs=1e-12)
    assert dict(C.pagerank(G, weight="weight")) == pytest.approx(nx.pagerank(G, weight="weight", tol=1e-12), abs=1e-9)


def test_auto_engine_avoids_float_tie_mismatch():
    # 1/3 + 1/6 and 1/2 may or may not compare equal in floating point; auto must equal NetworkX
    G = _random_graph(4, False, True)
    auto = C.betweenness(G, distance="distance")
    assert auto.engine == "networkx"
    assert dict(auto) == nx.betweenness_centrality(G, weight="distance")
    assert C.betweenness(G).engine == "igraph"


def test_sampled_betweenness_is_labelled_and_matches_networkx_sample():
    G = nx.karate_club_graph()
    b = C.betweenness(G, k=10, seed=7)
    assert b.approximate and b.sample_size == 10 and b.info()["approximate"] is True
    assert dict(b) == pytest.approx(nx.betweenness_centrality(G, k=10, seed=7), abs=1e-12)
    exact = C.betweenness(G, k=len(G))
    assert not exact.approximate
    with pytest.raises(ValueError):
        C.betweenness(G, k=0)


def test_fallbacks_and_pickle():
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    assert C.closeness(M, engine="igraph").engine == "networkx"
    G = nx.path_graph(3)
    G.add_edge(0, 0)
    assert C.pagerank(G).engine == "networkx"
    s = C.betweenness(nx.path_graph(4))
    t = pickle.loads(pickle.dumps(s))
    assert t == s and t.metric == "betweenness" and t.engine == s.engine
    with pytest.raises(ValueError):
        C.closeness(G, engine="gpu")


def test_rank_competition():
    assert C.rank({"a": 1, "b": 1, "c": 0}, "c") == 3
    assert C.rank({"a": 1, "b": 1, "c": 0}, "b") == 1


def test_sampled_closeness_and_harmonic_state_an_error_that_bounds_the_real_one():
    """Against exact values on a graph where both run: the stated relative standard errors cover the real errors."""
    import networkx as nx
    import numpy as np

    from swgraph.analysis.centrality import sampled_distances

    G = nx.connected_watts_strogatz_graph(3000, 6, 0.05, seed=7)
    G.add_edges_from([(5000, 5001), (5001, 5002)])  # a small component: computed exactly
    G.add_node(6000)
    exact_c, exact_h = nx.closeness_centrality(G), nx.harmonic_centrality(G)
    close, harm = sampled_distances(G, k=300, seed=1)
    for est, exact in ((close, exact_c), (harm, exact_h)):
        assert est.approximate and est.sample_size == 300 and est.engine == "scipy"
        for v in (5000, 5001, 5002, 6000):
            assert abs(est[v] - exact[v]) < 1e-12
        rel = np.array([abs(est[v] - exact[v]) / exact[v] for v in range(3000)])
        bound = est.params["relative_se"]
        assert 0 < bound["median"] < 0.05 and bound["median"] <= bound["p95"]
        # the measured error is of the size stated: its 95th percentile within three stated p95 standard errors
        assert np.percentile(rel, 95) < 3 * bound["p95"] and np.median(rel) < 3 * bound["median"]
        ranks_exact = np.argsort(np.argsort([-exact[v] for v in range(3000)]))
        ranks_est = np.argsort(np.argsort([-est[v] for v in range(3000)]))
        assert np.corrcoef(ranks_exact, ranks_est)[0, 1] > 0.9


def test_analysis_samples_distance_measures_above_the_exact_limit(monkeypatch):
    import networkx as nx

    from swgraph.analysis import metrics

    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 100)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 50)
    G = nx.connected_watts_strogatz_graph(400, 4, 0.1, seed=3)
    scores = metrics.compute(G, ["closeness", "harmonic", "betweenness"], seed=2)
    assert all(sc.approximate and sc.sample_size == 50 for sc in scores.values())
    assert "relative_se" in scores["closeness"].params and "relative_se" in scores["harmonic"].params
    exact = metrics.compute(G.subgraph(list(G)[:90]).copy(), ["closeness"])["closeness"]
    assert not exact.approximate


# ------------------------------------------------------------- fast paths equal to the old ones, bit for bit


def _mixed_graphs():
    """Random graphs with what the fast paths must get right: isolates, dangling nodes, several
    components of one size, a component above 64 nodes, int and float weights, unsorted insertion."""
    out = []
    for seed in range(6):
        rnd = random.Random(seed)
        directed = seed % 2 == 1
        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(rnd.sample(range(300), 300))  # node order unrelated to the ids
        for _ in range(rnd.randint(80, 400)):
            u, v = rnd.randrange(300), rnd.randrange(300)
            if u != v:
                G.add_edge(u, v, weight=rnd.choice([1, 2, 3, rnd.random() * 4 + 0.1]))
        for k in range(4):  # several components of the same small size
            G.add_edge(f"p{k}", f"q{k}", weight=2.5)
        G.add_node("alone")
        out.append(G)
    return out


@pytest.mark.parametrize("weight", [None, "weight"])
def test_pagerank_is_networkx_bit_for_bit(weight):
    for G in _mixed_graphs():
        assert dict(C.pagerank(G, weight=weight)) == nx.pagerank(G, weight=weight, max_iter=10_000, tol=1e-13)
    loops = nx.path_graph(5)
    loops.add_edge(2, 2, weight=3)
    assert dict(C.pagerank(loops, weight="weight")) == nx.pagerank(loops, weight="weight", max_iter=10_000, tol=1e-13)
    M = nx.MultiGraph([(0, 1, {"weight": 2}), (0, 1, {"weight": 1}), (1, 2, {})])
    assert dict(C.pagerank(M, weight="weight")) == nx.pagerank(M, weight="weight", max_iter=10_000, tol=1e-13)
    no_dangling = nx.cycle_graph(7, create_using=nx.DiGraph)
    assert dict(C.pagerank(no_dangling)) == nx.pagerank(no_dangling, max_iter=10_000, tol=1e-13)


def _old_eigenvector_components(G, weight, small=64):
    """The per-component implementation the vectorised one replaced (one igraph subgraph per component)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import eigsh

    from swgraph.analysis._igraph import to_igraph

    g, nodes = to_igraph(G, weight)
    w = "w" if weight is not None else None
    comps = []
    for vids in g.connected_components():
        if len(vids) == 1:
            comps.append((0.0, vids, np.ones(1)))
            continue
        sub = g.induced_subgraph(vids)
        if len(vids) <= small:
            A = np.zeros((len(vids), len(vids)))
            ws = sub.es["w"] if w else [1.0] * sub.ecount()
            for (a, b), x in zip(sub.get_edgelist(), ws):
                A[a, b] += x
                A[b, a] += x
            vals, vecs = np.linalg.eigh(A)
            rho, vec = vals[-1], vecs[:, -1]
        else:
            edges = np.asarray(sub.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            ws = np.asarray(sub.es["w"] if w else np.ones(len(edges)), dtype=float)
            n = len(vids)
            A = coo_matrix((np.concatenate([ws, ws]), (np.concatenate([edges[:, 0], edges[:, 1]]),
                                                       np.concatenate([edges[:, 1], edges[:, 0]]))), shape=(n, n)).tocsr()
            vals, vecs = eigsh(A, k=1, which="LA", v0=np.ones(n), tol=0)
            rho, vec = vals[0], vecs[:, 0]
        vec = np.abs(vec)
        vec /= np.linalg.norm(vec)
        comps.append((float(rho), vids, vec))
    rho_max = max(c[0] for c in comps)
    x = np.zeros(len(nodes))
    for rho, vids, vec in comps:
        if abs(rho - rho_max) <= 1e-9 * max(1.0, abs(rho_max)):
            x[vids] = vec * vec.sum()
    x /= np.linalg.norm(x)
    return {v: float(s) for v, s in zip(nodes, x)}


@pytest.mark.parametrize("weight", [None, "weight"])
def test_eigenvector_components_equal_the_per_component_path(weight):
    graphs = [G.to_undirected() if G.is_directed() else G for G in _mixed_graphs()]
    twins = nx.Graph([(0, 1), (2, 3)])  # two components share the largest eigenvalue
    twins.add_node(9)
    tiny = nx.Graph([(0, 1, {"weight": 1e-12})])  # rho below the tie tolerance: isolated nodes count too
    tiny.add_node(2)
    for G in [*graphs, twins, tiny, nx.empty_graph(3)]:
        new = C._eigenvector_components(G, weight)
        assert list(new) == list(G)
        assert new == _old_eigenvector_components(G, weight)


def test_conversions_equal_networkx_and_the_edge_list():
    import numpy as np

    from swgraph.analysis._igraph import csr_adjacency, to_igraph

    for G in _mixed_graphs():
        for weight, dtype in [(None, float), ("weight", float), ("weight", None)]:
            A, B = csr_adjacency(G, weight, dtype=dtype), nx.to_scipy_sparse_array(G, weight=weight, dtype=dtype)
            assert A.dtype == B.dtype and A.has_sorted_indices
            assert np.array_equal(A.indptr, B.indptr) and np.array_equal(A.indices, B.indices)
            assert np.array_equal(A.data, B.data)
        g, nodes = to_igraph(G, "weight")
        index = {v: i for i, v in enumerate(nodes)}
        assert nodes == list(G) and g.is_directed() == G.is_directed()
        assert g.get_edgelist() == [(index[u], index[v]) for u, v in G.edges()]
        assert g.es["w"] == [float(w) for _, _, w in G.edges(data="weight", default=1)]
    ints = nx.Graph([(0, 1, {"weight": 2}), (1, 2, {"weight": 3})])
    assert csr_adjacency(ints, "weight", dtype=None).dtype == nx.to_scipy_sparse_array(ints, weight="weight").dtype


def test_weight_check_keeps_its_errors_and_accepts_numpy_scalars():
    import numpy as np

    G = nx.path_graph(4)
    nx.set_edge_attributes(G, {e: np.float64(2.0) for e in G.edges()}, "weight")
    assert dict(C.pagerank(G, weight="weight")) == nx.pagerank(G, weight="weight", max_iter=10_000, tol=1e-13)
    for bad in (True, 0, -1.5, math.nan, math.inf, "2"):
        G[1][2]["weight"] = bad
        with pytest.raises(ValueError, match=r"edge \(1, 2\): weight 'weight' is"):
            C.pagerank(G, weight="weight")
        with pytest.raises(ValueError, match=r"edge \(1, 2\): weight 'weight' is"):
            C.eigenvector(G, weight="weight")


def test_to_igraph_reads_odd_weights_as_float_did():
    from swgraph.analysis._igraph import to_igraph

    with pytest.raises(TypeError):
        to_igraph(nx.Graph([(0, 1, {"d": None})]), "d")  # float(None), not a silent NaN
    g, _ = to_igraph(nx.Graph([(0, 1, {"d": math.nan}), (1, 2, {"d": "2.5"})]), "d")
    assert math.isnan(g.es["w"][0]) and g.es["w"][1] == 2.5
