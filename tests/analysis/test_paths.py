"""The fused shortest-path pass: equal to NetworkX within 1e-9; what the registry and resilience take from it."""

import networkx as nx
import pytest

from swgraph.analysis import metrics, paths
from swgraph.analysis import resilience as R


def _graphs():
    out = []
    for seed in range(4):
        G = nx.gnp_random_graph(70, 0.035, seed=seed)  # several components at this density
        G.add_nodes_from([900, 901])  # isolates
        G.add_edge(902, 903)
        out.append((f"gnp{seed}", G))
    W = nx.connected_watts_strogatz_graph(200, 4, 0.2, seed=1)
    W.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    out.append(("watts+triangle", W))
    out.append(("kite", nx.krackhardt_kite_graph()))
    out.append(("empty", nx.Graph()))
    out.append(("one", nx.empty_graph(1)))
    out.append(("two", nx.path_graph(2)))
    out.append(("two apart", nx.empty_graph(2)))
    out.append(("three", nx.path_graph(3)))
    return out


@pytest.mark.parametrize("name,G", _graphs(), ids=[n for n, _ in _graphs()])
def test_fused_pass_equals_networkx(name, G):
    p = paths.path_pass(G)
    expected = {"betweenness": nx.betweenness_centrality(G), "closeness": nx.closeness_centrality(G),
                "harmonic": nx.harmonic_centrality(G)}
    for metric, ref in expected.items():
        got = getattr(p, metric)
        assert set(got) == set(G) and got.engine == "fused" and not got.approximate
        assert got == pytest.approx(ref, abs=1e-9, rel=0), metric
    for v in G:
        dist = nx.single_source_shortest_path_length(G, v)
        assert p.reach[v] == len(dist) and p.dist_sum[v] == sum(dist.values())


def test_multigraph_parallel_ties_count_once_and_self_loops_are_ignored():
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 3), (1, 3), (3, 3)])
    S = nx.Graph([(0, 1), (1, 2), (2, 3), (1, 3)])
    p, q = paths.path_pass(M), paths.path_pass(S)
    assert p.betweenness == pytest.approx(dict(q.betweenness), abs=1e-12)
    assert p.closeness == q.closeness and p.harmonic == q.harmonic


def test_directed_graphs_are_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        paths.path_pass(nx.DiGraph([(0, 1)]))
    assert not paths.available(nx.DiGraph())


def test_one_pass_per_graph_and_a_changed_graph_is_recomputed():
    G = nx.path_graph(5)
    assert paths.path_pass(G) is paths.path_pass(G)
    before = paths.path_pass(G)
    G.add_edge(0, 4)
    after = paths.path_pass(G)
    assert after is not before and after.betweenness[2] != before.betweenness[2]


def test_registry_uses_the_fused_pass_and_other_engines_stay_theirs(monkeypatch):
    G = nx.gnp_random_graph(50, 0.08, seed=3)
    below = metrics.compute(G, ["betweenness", "closeness", "harmonic"])
    assert {sc.engine for sc in below.values()} == {"igraph"} and metrics.path_sums(G) is None
    monkeypatch.setattr(metrics, "SHARED_PASS_FROM", 50)
    auto = metrics.compute(G, ["betweenness", "closeness", "harmonic"])
    assert {sc.engine for sc in auto.values()} == {"fused"}
    for engine in ("igraph", "networkx"):
        other = metrics.compute(G, ["betweenness", "closeness", "harmonic"], engine=engine)
        for name, sc in other.items():
            assert sc.engine == engine
            assert sc == pytest.approx(dict(auto[name]), abs=1e-9)
    assert metrics.path_sums(G, engine="igraph") is None
    assert metrics.path_sums(nx.DiGraph([(0, 1)])) is None


@pytest.mark.parametrize("name,G", _graphs()[:6], ids=[n for n, _ in _graphs()[:6]])
def test_resilience_from_path_sums_equals_resilience_computed_afresh(name, G, monkeypatch):
    monkeypatch.setattr(metrics, "SHARED_PASS_FROM", 0)
    sums = metrics.path_sums(G)
    for node in [R.top_broker(G), next(iter(G)), list(G)[-1]]:
        for engine in ("igraph", "networkx"):
            a = R.remove_node_impact(G, node, engine=engine)
            b = R.remove_node_impact(G, node, path_sums=sums)
            assert a.as_dict().keys() == b.as_dict().keys()
            for k, va in a.as_dict().items():
                vb = b.as_dict()[k]
                if isinstance(va, float):
                    assert vb == pytest.approx(va, rel=1e-12, abs=0), k
                else:
                    assert vb == va, k


def test_resilience_path_sums_are_hops_only(monkeypatch):
    monkeypatch.setattr(metrics, "SHARED_PASS_FROM", 0)
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="hop"):
        R.remove_node_impact(G, 1, distance="d", path_sums=metrics.path_sums(G))


def test_component_path_sums():
    G = nx.Graph([(0, 1), (1, 2), (5, 6)])
    assert paths.component_path_sums(G, [0, 1, 2, 5, 6]) == (4, 1 + 2 + 1 + 1)
    assert paths.component_path_sums(G, [0]) == (0, 0)


def test_sampled_pass_states_an_error_that_bounds_the_real_one():
    import numpy as np

    G = nx.connected_watts_strogatz_graph(2000, 6, 0.05, seed=7)
    G.add_edges_from([(5000, 5001), (5001, 5002)])  # a small component: computed exactly
    G.add_node(6000)
    exact = paths.path_pass(G)
    est = paths.sampled_pass(G, k=250, seed=1)
    for name in ("betweenness", "closeness", "harmonic"):
        sc, ref = getattr(est, name), getattr(exact, name)
        assert sc.approximate and sc.sample_size == 250 and sc.engine == "fused"
        for v in (5000, 5001, 5002, 6000):
            assert abs(sc[v] - ref[v]) < 1e-12
        ranks = [np.argsort(np.argsort([-s[v] for v in range(2000)])) for s in (sc, ref)]
        assert np.corrcoef(*ranks)[0, 1] > 0.8, name
    for name in ("closeness", "harmonic"):
        sc, ref = getattr(est, name), getattr(exact, name)
        rel = np.array([abs(sc[v] - ref[v]) / ref[v] for v in range(2000)])
        bound = sc.params["relative_se"]
        assert 0 < bound["median"] < 0.05 and bound["median"] <= bound["p95"]
        assert np.percentile(rel, 95) < 3 * bound["p95"] and np.median(rel) < 3 * bound["median"]


def test_sampled_pass_with_the_whole_component_is_exact():
    G = nx.gnp_random_graph(80, 0.05, seed=5)
    G.add_node(999)
    exact = {"betweenness": nx.betweenness_centrality(G), "closeness": nx.closeness_centrality(G),
             "harmonic": nx.harmonic_centrality(G)}
    est = paths.sampled_pass(G, k=len(G))
    for name, ref in exact.items():
        assert getattr(est, name) == pytest.approx(ref, abs=1e-9, rel=0), name
    assert est.closeness.params["relative_se"] == {"median": 0.0, "p95": 0.0}
    assert dict(paths.sampled_pass(nx.Graph(), k=5).betweenness) == {}


def test_registry_samples_all_three_from_one_sample_above_the_limit(monkeypatch):
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 100)
    monkeypatch.setattr(metrics, "SHARED_PASS_FROM", 100)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLE", 50)
    G = nx.connected_watts_strogatz_graph(400, 4, 0.1, seed=3)
    scores = metrics.compute(G, ["closeness", "harmonic", "betweenness"], seed=2)
    assert {sc.engine for sc in scores.values()} == {"fused"}
    assert all(sc.approximate and sc.sample_size == 50 for sc in scores.values())
    assert paths.sampled_pass(G, k=50, seed=2).betweenness is scores["betweenness"]


# ----------------------------------------------------------------------------- searches kept in the user's cache

@pytest.fixture
def measures_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(paths, "CACHE_FROM", 50)
    paths._MEMO.clear()
    yield tmp_path / "cache" / "measures"
    paths._MEMO.clear()


def _no_kernel(monkeypatch):
    class Refuse:
        def brandes_sums(self, *a):
            raise AssertionError("searched again although the cache holds these searches")

    monkeypatch.setattr(paths, "_kernel", lambda: Refuse())


def _network():
    G = nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=3)
    G.add_edge(500, 501)  # a second component
    return G


def test_a_later_pass_on_the_same_graph_reads_the_searches_from_the_cache(measures_cache, monkeypatch):
    G = _network()
    first = paths.path_pass(G)
    sampled = paths.sampled_pass(G, k=30, seed=2)
    assert len(list(measures_cache.rglob("*.npz"))) == 3  # the whole pass; the sample: small components, giant sample
    paths._MEMO.clear()
    _no_kernel(monkeypatch)
    again = paths.path_pass(_network())  # the same graph built again (as the next command does): the same searches
    assert again == first
    assert paths.sampled_pass(_network(), k=30, seed=2) == sampled
    paths._MEMO.clear()
    with pytest.raises(AssertionError, match="searched again"):
        paths.sampled_pass(_network(), k=31, seed=2)  # another sample is another search


def test_a_damaged_entry_or_a_changed_graph_is_searched_again(measures_cache, monkeypatch):
    first = paths.path_pass(_network())
    (entry,) = measures_cache.rglob("*.npz")
    entry.write_bytes(entry.read_bytes()[:200])
    paths._MEMO.clear()
    assert paths.path_pass(_network()) == first  # recomputed, and stored again
    assert entry.stat().st_size > 200
    H = _network()
    H.add_edge(0, 60)
    paths._MEMO.clear()
    assert paths.path_pass(H).betweenness != first.betweenness
    assert len(list(measures_cache.rglob("*.npz"))) == 2


def test_small_graphs_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    paths._MEMO.clear()
    paths.path_pass(nx.path_graph(10))
    assert not (tmp_path / "cache" / "measures").exists()
