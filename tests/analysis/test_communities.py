"""Communities: hand-computed modularity, ARI/NMI, Louvain on planted structure, stability."""

import random

import networkx as nx
import pytest

from swgraph.analysis import communities as M


def test_modularity_two_triangles_hand():
    G = nx.barbell_graph(3, 0)  # m = 7; each triangle: 3 internal edges, degree sum 7
    assert M.modularity(G, [[0, 1, 2], [3, 4, 5]]) == pytest.approx(2 * (3 / 7 - 0.25))
    assert M.modularity(G, {0: "a", 1: "a", 2: "a", 3: "b", 4: "b", 5: "b"}) == pytest.approx(5 / 14)
    assert M.modularity(G, [list(G)]) == pytest.approx(0.0)
    assert M.modularity(nx.empty_graph(3), [[0], [1], [2]]) == 0.0


def test_ari_nmi_hand():
    a = [[0, 1, 2], [3, 4, 5]]
    b = [[0, 1], [2, 3], [4, 5]]
    # ARI: index 2, expected 6*3/15 = 1.2, max 4.5 -> 0.8/3.3
    assert M.adjusted_rand_index(a, b) == pytest.approx(0.8 / 3.3)
    # NMI: MI = (2/3) ln 2, H(a) = ln 2, H(b) = ln 3
    import math

    assert M.normalized_mutual_information(a, b) == pytest.approx((2 / 3) * math.log(2) / ((math.log(2) + math.log(3)) / 2))
    assert M.adjusted_rand_index(a, a) == pytest.approx(1.0, abs=1e-12) and M.normalized_mutual_information(a, [[5, 4, 3], [2, 1, 0]]) == pytest.approx(1.0)
    # ARI symmetric and label-free (dict input)
    labels = {0: "x", 1: "x", 2: "y", 3: "y", 4: "z", 5: "z"}
    assert M.adjusted_rand_index(labels, a) == pytest.approx(M.adjusted_rand_index(a, b))
    assert M.adjusted_rand_index([[0, 1, 2]], [[0, 1, 2]]) == 1.0
    assert M.normalized_mutual_information([[0, 1, 2]], [[0, 1, 2]]) == 1.0
    with pytest.raises(ValueError):
        M.adjusted_rand_index([[0, 1]], [[0, 2]])


def test_ari_independent_near_zero():
    rnd = random.Random(0)
    n = 2000
    a = {i: rnd.randrange(4) for i in range(n)}
    b = {i: rnd.randrange(4) for i in range(n)}
    assert abs(M.adjusted_rand_index(a, b)) < 0.01
    assert M.normalized_mutual_information(a, b) < 0.01


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_louvain_recovers_planted_partition(engine):
    G = nx.planted_partition_graph(4, 10, 0.9, 0.02, seed=3)
    truth = [list(range(i * 10, i * 10 + 10)) for i in range(4)]
    found = M.louvain(G, engine=engine, seed=1)
    assert M.adjusted_rand_index(found, truth) == pytest.approx(1.0)
    assert found == M.louvain(G, engine=engine, seed=1)  # deterministic
    assert sorted(v for c in found for v in c) == sorted(G)


def test_louvain_reference_is_networkx_and_global_random_untouched():
    Z = nx.karate_club_graph()
    ref = nx.community.louvain_communities(Z, weight="weight", seed=5)
    got = M.louvain(Z, seed=5)
    assert sorted(map(sorted, ref)) == sorted(got)
    state = random.getstate()
    M.louvain(Z, engine="igraph", seed=5)
    assert random.getstate() == state


def test_louvain_edge_cases():
    assert M.louvain(nx.Graph()) == []
    assert M.louvain(nx.empty_graph(3)) == [[0], [1], [2]]
    assert M.louvain(nx.empty_graph(3), engine="igraph") == [[0], [1], [2]]


def test_stability():
    s = M.stability(nx.barbell_graph(6, 0), runs=4)
    assert s.mean_ari == 1.0 and s.distinct_partitions == 1 and s.n_communities == [2] * 4
    z = M.stability(nx.karate_club_graph(), runs=4, seed=0)
    assert 0 < z.min_ari <= z.mean_ari <= 1 and 0 < z.mean_nmi <= 1
    assert z.modularity[z.seeds.index(z.best_seed)] == max(z.modularity)
    with pytest.raises(ValueError):
        M.stability(nx.path_graph(3), runs=0)


def _as_sets(partition):
    return {frozenset(c) for c in partition}


def test_louvain_finds_the_communities_networkx_tests_expect():
    # NetworkX's test_louvain asserts these partitions as ordered lists of sets; swgraph lists
    # communities largest first, so those tests are "not applicable" in the NetworkX suite and the
    # same communities are checked here, order aside.
    karate = [
        {0, 1, 2, 3, 7, 9, 11, 12, 13, 17, 19, 21},
        {16, 4, 5, 6, 10},
        {23, 25, 27, 28, 24, 31},
        {32, 33, 8, 14, 15, 18, 20, 22, 26, 29, 30},
    ]
    assert _as_sets(M.louvain(nx.karate_club_graph(), seed=2, weight=None)) == _as_sets(karate)
    G = nx.DiGraph([(0, 2), (0, 1), (1, 0), (2, 1), (2, 0), (3, 4), (4, 3), (7, 8), (8, 7), (9, 10), (10, 9)])
    G.add_nodes_from(range(10))
    assert _as_sets(M.louvain(G, seed=123, weight=None)) == _as_sets([{0, 1, 2}, {3, 4}, {5}, {6}, {8, 7}, {9, 10}])
    H = nx.DiGraph([(1, 2), (1, 6), (1, 9), (2, 3), (2, 4), (2, 5), (3, 4), (4, 3), (4, 5), (5, 4), (6, 7), (6, 8),
                    (9, 10), (9, 11), (10, 11), (11, 10)])
    assert _as_sets(M.louvain(H, seed=123, weight=None)) == _as_sets([{2, 3, 4, 5}, {8, 1, 6, 7}, {9, 10, 11}])
    # largest first, ties by smallest member
    assert [len(c) for c in M.louvain(nx.karate_club_graph(), seed=2, weight=None)] == [12, 11, 6, 5]


# ------------------------------------------------- stability's vectorised parts equal the old loop

from tests.analysis import loop_reference as R  # noqa: E402


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_stability_equals_the_reference_loop(engine):
    for G in R.random_graphs(seeds=range(4)):
        G.remove_edges_from(list(nx.selfloop_edges(G)))  # simple graphs, as the collaboration graph is
        s = M.stability(G, runs=4, seed=3, engine=engine)
        parts = [M.louvain(G, seed=k, engine=engine) for k in s.seeds]
        mods, aris, nmis = R.stability_parts(G, parts)
        assert s.modularity == mods  # bit for bit
        assert s.mean_ari == sum(aris) / len(aris) and s.min_ari == min(aris)
        assert s.mean_nmi == sum(nmis) / len(nmis) and s.min_nmi == min(nmis)
        assert s.best == parts[max(range(4), key=lambda i: (mods[i], -i))]


def test_modularity_equals_networkx_bit_for_bit():
    for G in R.random_graphs():
        for k in range(3):
            comms = M.louvain(G, seed=k)
            assert M.modularity(G, comms) == nx.community.modularity(G, comms, weight="weight")
            assert M.modularity(G, comms, resolution=0.7) == nx.community.modularity(G, comms, weight="weight", resolution=0.7)
    with pytest.raises(nx.NetworkXError):
        M.modularity(nx.path_graph(3), [[0, 1]])  # not a partition: NetworkX's error, as before


def test_canonical_order_is_node_key_order_for_every_id_kind():
    from swgraph.analysis._util import node_key

    rnd = random.Random(3)
    for ids in (list(range(60)), [f"org-{i}" for i in range(60)], [*range(30), *(f"s{i}" for i in range(30))],
                [*range(30), *(i + 0.5 for i in range(30))]):
        rnd.shuffle(ids)
        parts = [ids[i:i + rnd.randint(1, 9)] for i in range(0, 60, 7)] + [[]]
        expect = sorted([sorted(c, key=node_key) for c in parts if c], key=lambda c: (-len(c), node_key(c[0])))
        assert M._canonical(parts) == expect


def test_louvain_igraph_unchanged_by_the_checked_weights_reuse():
    G = nx.relabel_nodes(nx.planted_partition_graph(5, 20, 0.5, 0.02, seed=4), lambda v: f"n{(v * 37) % 100}")
    for i, (_, _, d) in enumerate(G.edges(data=True)):
        d["weight"] = 1 + i % 3
    ref = M._multilevel(*_old_to_igraph(G, "weight"), "weight", 1.0, 0)
    assert M.louvain(G, weight="weight", engine="igraph") == ref


def _old_to_igraph(G, weight):
    """The edge-by-edge conversion to_igraph used before (edges in G.edges() order)."""
    from swgraph.analysis._igraph import ig

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    triples = [(index[u], index[v], w) for u, v, w in G.edges(data=weight, default=1)]
    g = ig().Graph(n=len(nodes), edges=[(u, v) for u, v, _ in triples], directed=G.is_directed())
    g.es["w"] = [float(w) for _, _, w in triples]
    return g, nodes
