"""Brokerage: cut points, Burt's measures (hand-computed), Gould-Fernandez roles (hand-counted)."""

import math

import networkx as nx
import pytest

from swgraph.analysis import brokerage as B


def test_kite_cut_points_and_bridges():
    K = nx.krackhardt_kite_graph()  # Heather (7) and Ike (8) hold the tail
    assert B.articulation_points(K) == [7, 8]
    assert B.bridges(K) == [(7, 8), (8, 9)]
    assert B.articulation_points(nx.complete_graph(4)) == [] and B.bridges(nx.cycle_graph(4)) == []
    assert B.articulation_points(nx.DiGraph([(0, 1), (2, 1)])) == [1]
    assert B.articulation_points(nx.Graph()) == [] and B.bridges(nx.Graph()) == []


def test_constraint_hand_values():
    # Burt (1992): each tie to an otherwise unconnected contact contributes (1/N)^2
    assert B.constraint(nx.star_graph(4))[0] == pytest.approx(4 * (1 / 4) ** 2)
    # a leaf of the star: its only contact -> 1
    assert B.constraint(nx.star_graph(4))[1] == pytest.approx(1.0)
    # triangle: p = 1/2, indirect 1/2*1/2, c = 2 * (3/4)^2 = 1.125
    assert B.constraint(nx.complete_graph(3))[0] == pytest.approx(1.125)
    # ego 0 with contacts 1,2,3 where 1-2 tied: c = 2*(1/3 + 1/3*1/2)^2 + (1/3)^2 = 2*(1/2)^2 + 1/9
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    assert B.constraint(G)[0] == pytest.approx(0.5 + 1 / 9)
    G.add_node(9)
    assert math.isnan(B.constraint(G)[9])


def test_constraint_weighted_hand():
    # ego 0: weights 3 to a, 1 to b, no tie a-b: p = 3/4, 1/4 -> c = 9/16 + 1/16
    G = nx.Graph()
    G.add_edge(0, "a", weight=3)
    G.add_edge(0, "b", weight=1)
    assert B.constraint(G, weight="weight")[0] == pytest.approx(10 / 16)


def test_effective_size_hand_values():
    assert B.effective_size(nx.star_graph(4))[0] == 4.0
    # Borgatti n - 2t/n: 3 contacts, 1 tie among them -> 3 - 2/3
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    assert B.effective_size(G)[0] == pytest.approx(3 - 2 / 3)
    assert B.effective_size(G, weight="weight")[0] == pytest.approx(3 - 2 / 3)  # general formula agrees


def test_effective_size_directed_hand():
    # 0->1, 0->2, 1->0, 2->1. Node 0: mutual weights 2 (to 1) and 1 (to 2): p01=2/3, p02=1/3.
    # j=1: 1 - p02*m12, m12 = 1/2 (1's max mutual is 2) -> 5/6 ; j=2: 1 - p01*m21, m21 = 1 -> 1/3
    D = nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1)])
    assert B.effective_size(D)[0] == pytest.approx(7 / 6)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_against_networkx(weight):
    for G in (nx.karate_club_graph(), nx.florentine_families_graph(),
              nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1), (2, 3), (3, 2)])):
        ref_c = nx.constraint(G, weight=weight)
        # per-node path = the definition (see effective_size docstring about NetworkX's vectorised path)
        ref_e = nx.effective_size(G, nodes=list(G), weight=weight)
        got_c, got_e = B.constraint(G, weight=weight), B.effective_size(G, weight=weight)
        for v in G:
            assert got_c[v] == pytest.approx(ref_c[v], abs=1e-12)
            assert got_e[v] == pytest.approx(ref_e[v], abs=1e-12)


def _grouped(edges, groups):
    D = nx.DiGraph(edges)
    nx.set_node_attributes(D, groups, "province")
    return D


def test_gould_fernandez_each_role_hand_counted():
    g = {"a": "A", "b": "A", "c": "A", "x": "X", "y": "Y"}
    cases = {
        "coordinator": ([("a", "b"), ("b", "c")], "b"),
        "consultant": ([("a", "x"), ("x", "b")], "x"),  # A -> X -> A
        "gatekeeper": ([("x", "a"), ("a", "b")], "a"),  # X -> A -> A
        "representative": ([("a", "b"), ("b", "x")], "b"),  # A -> A -> X
        "liaison": ([("a", "x"), ("x", "y")], "x"),  # A -> X -> Y
    }
    for role, (edges, broker) in cases.items():
        r = B.brokerage_roles(_grouped(edges, g), group="province")
        assert r[broker][role] == 1 and r[broker]["total"] == 1, role


def test_gould_fernandez_closed_and_reciprocal_paths_excluded():
    g = {"a": "A", "b": "A", "c": "B"}
    # a->b->c closed by a->c: no brokerage; b->a->b is not a two-path (a == c)
    r = B.brokerage_roles(_grouped([("a", "b"), ("b", "c"), ("a", "c"), ("b", "a")], g), group="province")
    assert r["b"]["total"] == 0
    # but c->... : only a->b->c (closed) and b->a->c (closed: b->c exists); nothing open anywhere
    assert sum(v["total"] for v in r.values()) == 0


def test_gould_fernandez_small_network_hand_count():
    # groups: P = {p1, p2}, Q = {q1, q2}
    # edges: p1->p2, p2->q1, q1->q2, q2->p1, p2->q2
    g = {"p1": "P", "p2": "P", "q1": "Q", "q2": "Q"}
    D = _grouped([("p1", "p2"), ("p2", "q1"), ("q1", "q2"), ("q2", "p1"), ("p2", "q2")], g)
    r = B.brokerage_roles(D, group="province")
    # two-paths through p2: p1->p2->q1 (open, P P Q: representative), p1->p2->q2 (open: representative)
    assert r["p2"] == {"coordinator": 0, "gatekeeper": 0, "representative": 2, "consultant": 0,
                       "liaison": 0, "total": 2}
    # through q1: p2->q1->q2 closed (p2->q2). through q2: q1->q2->p1 open (Q Q P: representative),
    # p2->q2->p1 open (P Q P: consultant). through p1: q2->p1->p2 open (Q P P: gatekeeper)
    assert r["q1"]["total"] == 0
    assert r["q2"]["representative"] == 1 and r["q2"]["consultant"] == 1 and r["q2"]["total"] == 2
    assert r["p1"]["gatekeeper"] == 1 and r["p1"]["total"] == 1


def test_gould_fernandez_undirected_counts_both_directions():
    G = nx.path_graph(["a", "b", "c"])
    nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 3}, "tier_name")
    assert B.brokerage_roles(G)["b"]["liaison"] == 2


def test_hub_assessment_star_and_kite():
    K = nx.krackhardt_kite_graph()
    nx.set_node_attributes(K, {v: ("provincial" if v < 7 else "municipal") for v in K}, "tier_name")
    nx.set_node_attributes(K, {v: ("440000" if v < 8 else "430000") for v in K}, "province")
    h = B.hub_assessment(K, 7)  # Heather: top betweenness, degree 3 (rank 6: Diane 6, Andre/Fernando/Garth 5...)
    assert h.betweenness_rank == 1 and h.degree == 3
    assert h.degree_rank == 1 + sum(1 for v in K if K.degree(v) > 3)
    # other connected pairs: C(9,2) = 36; betweenness 14 -> share 14/36
    assert h.path_share == pytest.approx(14 / 36)
    assert h.betweenness == pytest.approx(14 * 2 / (9 * 8))
    assert h.is_articulation_point and h.components_if_removed == 2
    assert h.neighbour_tiers == ["municipal", "provincial"] and h.neighbour_provinces == ["430000", "440000"]
    assert not h.is_hub  # degree rank is not top
    s = B.hub_assessment(nx.star_graph(5), 0)
    assert s.is_hub and s.path_share == 1.0 and s.degree_rank == 1
    with pytest.raises(nx.NodeNotFound):
        B.hub_assessment(K, "nobody")


def test_hub_assessment_disconnected_and_single():
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    h = B.hub_assessment(G, 1)
    # other connected pairs: {0,2} and {3,4}; 1 lies on the only 0-2 path -> 1/2
    assert h.path_share == pytest.approx(0.5)
    one = B.hub_assessment(nx.empty_graph(1), 0)
    assert one.path_share == 0.0 and one.degree == 0 and one.components_if_removed == 0


def test_hub_verdict_on_tied_zero_betweenness_is_not_enough_data():
    """Finding 1: tied ranks at zero counted as rank 1 and gave a hub verdict on no paths at all."""
    import networkx as nx

    from swgraph.analysis.brokerage import hub_assessment

    h = hub_assessment(nx.complete_graph(5), 0)
    assert (h.betweenness_rank, h.betweenness_rank_worst) == (1, 5)
    assert (h.degree_rank, h.degree_rank_worst) == (1, 5)
    assert h.verdict == "not enough data" and not h.is_hub


def test_hub_verdict_needs_paths_through_the_node():
    import networkx as nx

    from swgraph.analysis.brokerage import hub_assessment

    G = nx.path_graph(5)  # 0-1-2-3-4: the middle brokers, the end does not
    G.add_edges_from((10 + i, 2) for i in range(20))  # make 2 the clear hub among many nodes
    assert hub_assessment(G, 2).verdict == "supported"
    end = hub_assessment(G, 0)
    assert end.betweenness == 0 and end.verdict == "not supported"


# ------------------------------------------------- the vectorised functions equal the old loops

from tests.analysis import loop_reference as R  # noqa: E402

GRAPHS = [*R.random_graphs(), *R.random_graphs(directed=True)]


def _same_floats(a, b, tol=1e-12):
    assert list(a) == list(b)
    for k in a:
        assert math.isnan(a[k]) == math.isnan(b[k]), k
        if not math.isnan(a[k]):
            assert abs(a[k] - b[k]) <= tol * max(1.0, abs(a[k])), (k, a[k], b[k])


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_equals_the_reference_loop(weight):
    for G in GRAPHS:
        got, ref = B.effective_size(G, weight=weight), R.effective_size(G, weight=weight)
        _same_floats(got, ref)
        assert [type(x) for x in got.values()] == [type(x) for x in ref.values()]  # int 1 for one contact, as before


def test_effective_size_unweighted_is_bit_equal_and_edge_cases():
    for G in R.random_graphs():
        got, ref = B.effective_size(G), R.effective_size(G)
        assert all(got[k] == ref[k] or (math.isnan(got[k]) and math.isnan(ref[k])) for k in G)
    assert B.effective_size(nx.Graph()) == {}
    assert math.isnan(B.effective_size(nx.empty_graph(1))[0])
    D = nx.DiGraph([(1, 0)])  # 0 has only an incoming tie: not NaN
    assert B.effective_size(D, weight="weight") == {1: 1.0, 0: 1.0}


@pytest.mark.parametrize("group", ["tier_name", "province", "tier"])
def test_brokerage_roles_equal_the_reference_loop(group):
    for G in GRAPHS:
        got = B.brokerage_roles(G, group=group)
        assert got == R.brokerage_roles(G, group=group)
        assert all(type(x) is int for roles in got.values() for x in roles.values())
    assert B.brokerage_roles(nx.Graph()) == {}
    assert B.brokerage_roles(nx.empty_graph(1)) == {0: {**dict.fromkeys(B.ROLES, 0), "total": 0}}


def test_bridges_and_cut_points_equal_networkx():
    for G in [*GRAPHS, nx.MultiGraph(GRAPHS[0]), nx.MultiDiGraph(GRAPHS[-1])]:
        assert B.bridges(G) == R.bridges(G)
        assert B.articulation_points(G) == R.articulation_points(G)
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    assert B.bridges(M) == [(1, 2)]
    assert B.bridges(nx.Graph()) == [] and B.articulation_points(nx.Graph()) == []
    assert B.bridges(nx.empty_graph(1)) == [] and B.articulation_points(nx.empty_graph(1)) == []


def _same(a, b):
    return list(a) == list(b) and all(x == y or (x != x and y != y) for x, y in zip(a.values(), b.values()))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_is_networkx_bit_for_bit(weight):
    import random

    for seed in range(6):
        rnd = random.Random(seed)
        G = nx.DiGraph() if seed % 2 else nx.Graph()
        G.add_nodes_from(rnd.sample(range(200), 200))  # isolates get NaN; node order unrelated to ids
        for _ in range(rnd.randint(50, 500)):
            u, v = rnd.randrange(200), rnd.randrange(200)
            if u != v:  # int weights on even seeds: NetworkX's matrix is then an int matrix
                G.add_edge(u, v, weight=rnd.randint(1, 5) if seed % 4 < 2 else rnd.random() + 0.1)
        assert _same(B.constraint(G, weight=weight), nx.constraint(G, weight=weight))
    loops = nx.karate_club_graph()
    loops.add_edge(0, 0, weight=4)
    plain = loops.copy()
    plain.remove_edge(0, 0)
    assert _same(B.constraint(loops, weight=weight), nx.constraint(plain, weight=weight))
    assert _same(B.constraint(nx.empty_graph(3), weight=weight), nx.constraint(nx.empty_graph(3), weight=weight))
