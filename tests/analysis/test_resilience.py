"""Resilience: hand-computed removals on the path graph and Krackhardt's kite."""

import networkx as nx
import pytest

from swgraph.analysis import resilience as R


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_path_centre_hand(engine):
    r = R.remove_node_impact(nx.path_graph(5), 2, engine=engine)
    # remaining 0,1,3,4: before d = 1,3,4,2,3,1 (sum 14 over 6 pairs); after (0,1),(3,4)
    assert (r.components_before, r.components_after) == (1, 2)
    assert r.connected_pairs_before == 6 and r.connected_pairs_after == 2 and r.pairs_disconnected == 4
    assert r.avg_path_before == pytest.approx(14 / 6) and r.avg_path_after == pytest.approx(1.0)
    assert r.avg_path_change == pytest.approx(1 - 14 / 6)
    assert r.largest_share_before == 1.0 and r.largest_share_after == pytest.approx(0.5)
    assert r.chosen_by == "given"


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_kite_top_broker_is_heather(engine):
    K = nx.krackhardt_kite_graph()
    r = R.remove_node_impact(K, engine=engine)
    assert r.removed == 7 and r.chosen_by == "betweenness"
    # Heather's 14 paths: 7 core nodes x {Ike, Jane} lose every path
    assert r.pairs_disconnected == 14 and r.components_after == 2
    assert r.largest_share_after == pytest.approx(7 / 9)
    core = K.subgraph(range(7))
    assert r.avg_path_after == pytest.approx((nx.average_shortest_path_length(core) * 21 + 1) / 22)


def test_weighted_distance_engines_agree():
    G = nx.gnp_random_graph(40, 0.1, seed=2)
    for i, (_, _, d) in enumerate(G.edges(data=True)):
        d["distance"] = 1 / (1 + i % 4)
    a = R.remove_node_impact(G, 0, distance="distance", engine="networkx")
    b = R.remove_node_impact(G, 0, distance="distance", engine="igraph")
    assert a.pairs_disconnected == b.pairs_disconnected
    assert a.avg_path_before == pytest.approx(b.avg_path_before, abs=1e-12)
    assert a.avg_path_after == pytest.approx(b.avg_path_after, abs=1e-12)


def test_edge_cases():
    assert R.top_broker(nx.Graph()) is None
    with pytest.raises(nx.NetworkXPointlessConcept):
        R.remove_node_impact(nx.Graph())
    r = R.remove_node_impact(nx.empty_graph(1), 0)
    assert r.components_after == 0 and r.avg_path_before is None and r.pairs_disconnected == 0
    with pytest.raises(nx.NodeNotFound):
        R.remove_node_impact(nx.path_graph(3), 9)
    # disconnected input: removing a leaf of one part changes nothing elsewhere
    G = nx.Graph([(0, 1), (1, 2), (5, 6)])
    r = R.remove_node_impact(G, 0)
    assert r.components_before == 2 and r.components_after == 2 and r.pairs_disconnected == 0
