"""Library functions refuse input that would give a silently wrong number (issue: findings a planner can trust, 7)."""

import math
import os
import random
import subprocess
import sys

import networkx as nx
import pytest

from swgraph.analysis import brokerage, centrality, collaboration, communities, recommend, resilience


def _weighted(x):
    G = nx.Graph()
    G.add_edge("a", "b", w=1.0)
    G.add_edge("b", "c", w=x)
    return G


@pytest.mark.parametrize("bad", [-1.0, 0.0, math.nan, math.inf, "2"])
@pytest.mark.parametrize("call", [
    lambda G: centrality.betweenness(G, distance="w"),
    lambda G: centrality.closeness(G, distance="w"),
    lambda G: centrality.harmonic(G, distance="w"),
    lambda G: centrality.eigenvector(G, weight="w"),
    lambda G: centrality.pagerank(G, weight="w"),
    lambda G: communities.louvain(G, weight="w"),
    lambda G: brokerage.constraint(G, weight="w"),
    lambda G: brokerage.effective_size(G, weight="w"),
    lambda G: centrality.degree(G, weight="w"),
    lambda G: communities.modularity(G, [["a", "b", "c"]], weight="w"),
    lambda G: collaboration.block_density(G, weight="w"),
    lambda G: resilience.remove_node_impact(G, "a", distance="w"),
], ids=["betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "louvain", "constraint", "effective_size",
        "strength", "modularity", "block_density", "remove_node_impact"])
def test_non_positive_or_non_finite_values_are_refused_naming_the_edge(call, bad):
    with pytest.raises(ValueError, match=r"edge \('b', 'c'\).*finite positive"):
        call(_weighted(bad))


def test_constraint_ignores_self_loops_as_burt_and_igraph_do():
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (0, 0)])
    assert brokerage.constraint(G)[0] == pytest.approx(1.125)
    assert G.has_edge(0, 0), "the caller's graph is not modified"


def test_multigraphs_are_refused_where_parallel_ties_would_count_twice():
    M = nx.MultiGraph([(0, 1), (0, 2), (1, 2), (1, 2), (1, 2)])
    for call in (brokerage.effective_size, brokerage.constraint, recommend.suggest_partnerships):
        with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
            call(M)


def test_eigenvector_on_a_directed_acyclic_graph_fails_at_once():
    with pytest.raises(nx.NetworkXError, match="directed acyclic"):
        centrality.eigenvector(nx.DiGraph([(0, 1), (1, 2), (0, 2)]))


def test_harmonic_does_not_depend_on_the_hash_seed():
    code = ("import networkx as nx; from swgraph.analysis.centrality import harmonic;"
            "G = nx.relabel_nodes(nx.gnm_random_graph(60, 150, seed=3), str);"
            "import networkx as nx; nx.set_edge_attributes(G, {e: 0.1 + (i % 7) / 3 for i, e in enumerate(G.edges)}, 'd');"
            "print(repr(sorted(harmonic(G, distance='d', engine='networkx').items())))")
    outs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": s},
                           capture_output=True, text=True, check=True).stdout for s in ("1", "2", "3")}
    assert len(outs) == 1


def test_harmonic_engines_still_agree():
    G = nx.gnm_random_graph(40, 90, seed=1)
    a = centrality.harmonic(G, engine="networkx")
    b = centrality.harmonic(G, engine="igraph")
    assert all(a[v] == pytest.approx(b[v], abs=1e-9) for v in G)


@pytest.mark.parametrize("M", [nx.MultiGraph(), nx.MultiGraph([(0, 1), (0, 1), (1, 2)]), nx.MultiDiGraph([(0, 1), (1, 0)])])
def test_eigenvector_refuses_multigraphs_of_any_size(M):
    # it used to return {} for the empty multigraph and NetworkX's error for the others
    with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
        centrality.eigenvector(M)


def test_link_scores_refuse_multigraphs_and_unknown_nodes():
    with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
        recommend.link_scores(nx.MultiGraph([(0, 1), (1, 2), (1, 2)]))
    with pytest.raises(nx.NodeNotFound, match="node 9"):
        recommend.link_scores(nx.path_graph(3), [(0, 9)])


def _multigraph_and_collapsed():
    """A random multigraph and, built by hand, its collapses: shortest parallel distance, summed parallel weight."""
    rng = random.Random(1)
    M = nx.MultiGraph()
    M.add_nodes_from(range(25))
    shortest, summed = nx.Graph(), nx.Graph()
    shortest.add_nodes_from(M)
    summed.add_nodes_from(M)
    for u, v in nx.gnm_random_graph(25, 60, seed=2).edges():
        ties = [(rng.choice([0.5, 1, 2, 3]), rng.choice([1, 2, 3])) for _ in range(rng.randint(1, 3))]
        for d, w in ties:
            M.add_edge(u, v, d=d, w=w)
        shortest.add_edge(u, v, d=min(d for d, _ in ties))
        summed.add_edge(u, v, w=sum(w for _, w in ties))
    return M, shortest, summed


def test_multigraphs_on_purpose_shortest_parallel_tie_for_paths_sum_for_strength():
    M, shortest, summed = _multigraph_and_collapsed()
    for f in (centrality.betweenness, centrality.closeness, centrality.harmonic):
        for distance in ("d", None):
            a, b = f(M, distance=distance), f(shortest, distance=distance)
            assert all(a[v] == pytest.approx(b[v], abs=1e-12) for v in M), (f.__name__, distance)
    for engine in ("auto", "igraph"):
        a, b = centrality.pagerank(M, weight="w", engine=engine), centrality.pagerank(summed, weight="w")
        assert all(a[v] == pytest.approx(b[v], abs=1e-12) for v in M)
    assert dict(centrality.degree(M, weight="w")) == dict(centrality.degree(summed, weight="w"))
    assert sum(dict(centrality.degree(M)).values()) == 2 * M.number_of_edges()  # unweighted degree counts parallel ties
    part = communities.louvain(summed, weight="w", seed=3)
    assert communities.louvain(M, weight="w", seed=3) == part
    assert communities.modularity(M, part, weight="w") == pytest.approx(communities.modularity(summed, part, weight="w"))
