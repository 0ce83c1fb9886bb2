"""The metric registry keeps the measures of large graphs between commands."""

import dataclasses

import networkx as nx
import pytest

from swgraph.analysis import metrics


def _network():
    G = nx.relabel_nodes(nx.connected_watts_strogatz_graph(80, 4, 0.3, seed=5), lambda v: f"org-{v}")
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v].update(weight=1.0 + i % 3, distance=1.0 / (1.0 + i % 3))
    return G


@pytest.fixture
def scores_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(metrics, "CACHE_FROM", 50)
    metrics._DIGESTS.clear()
    yield tmp_path / "cache" / "measures" / "scores"
    metrics._DIGESTS.clear()


def _refuse(monkeypatch):
    """Every measure's own computation fails from now on: only the cache can answer."""
    monkeypatch.setattr(metrics, "METRICS", {name: dataclasses.replace(m, compute=_fail)
                                             for name, m in metrics.METRICS.items()})


def _fail(G, **kw):
    raise AssertionError("computed again although the cache holds it")


def test_the_same_network_in_a_later_command_reads_its_measures(scores_cache, monkeypatch):
    first = metrics.compute_all(_network())
    assert len(list(scores_cache.rglob("*"))) > len(metrics.METRIC_TABLE)  # one entry per measure (and folders)
    metrics._DIGESTS.clear()
    _refuse(monkeypatch)
    again = metrics.compute(_network(), list(first))
    assert again == first and all(type(again[n]) is type(first[n]) for n in first)
    assert all(again[n].info() == first[n].info() for n in first if hasattr(first[n], "info"))


def test_another_network_or_seed_or_a_damaged_entry_is_computed(scores_cache, monkeypatch):
    G = _network()
    first = metrics.compute(G, ["pagerank"])["pagerank"]
    (entry,) = [p for p in scores_cache.rglob("*") if p.is_file()]
    H = _network()
    H.edges["org-0", next(iter(H["org-0"]))]["weight"] = 9.0  # same size, another weight
    assert metrics.compute(H, ["pagerank"])["pagerank"] != first
    entry.write_bytes(entry.read_bytes()[:-20])
    metrics._DIGESTS.clear()
    assert metrics.compute(_network(), ["pagerank"])["pagerank"] == first  # computed again, stored again
    metrics._DIGESTS.clear()
    _refuse(monkeypatch)
    assert metrics.compute(_network(), ["pagerank"])["pagerank"] == first
    with pytest.raises(AssertionError, match="computed again"):
        metrics.compute(_network(), ["pagerank"], seed=1)


def test_small_graphs_and_graphs_with_other_node_types_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    metrics.compute_all(_network())  # under CACHE_FROM nodes
    monkeypatch.setattr(metrics, "CACHE_FROM", 50)
    metrics.compute_all(nx.connected_watts_strogatz_graph(80, 4, 0.3, seed=5))  # integer nodes
    assert not (tmp_path / "cache" / "measures").exists()
