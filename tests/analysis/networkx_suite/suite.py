"""Which of NetworkX's shipped test modules run against swgraph, and which of their tests do not apply.

``conftest.py`` collects the modules in :data:`GROUPS` from the installed
``networkx`` package (in place, never copied) and runs them with the
NetworkX functions of :data:`~.adapters.ADAPTERS` replaced by swgraph's.

A test listed in :data:`NOT_APPLICABLE` (``fnmatch`` pattern on its id
below the group's directory -> reason) still runs; it is reported as "not
applicable" when it fails, raises :class:`~.adapters.NotOffered` or calls no
swgraph function, and *fails* when it passes through an adapter (the entry
is stale: remove it). A test not listed must pass through at least one
adapter; a pattern that matches no test fails ``not_applicable_table``.
"""

from __future__ import annotations

#: group -> NetworkX test modules, relative to the installed ``networkx`` package
GROUPS = {
    "centrality": [
        "algorithms/centrality/tests/test_betweenness_centrality.py",
        "algorithms/centrality/tests/test_closeness_centrality.py",
        "algorithms/centrality/tests/test_harmonic_centrality.py",
        "algorithms/centrality/tests/test_eigenvector_centrality.py",
        "algorithms/centrality/tests/test_degree_centrality.py",
        "algorithms/link_analysis/tests/test_pagerank.py",
    ],
    "structural holes": ["algorithms/tests/test_structuralholes.py"],
    "community": [
        "algorithms/community/tests/test_louvain.py",
        "algorithms/community/tests/test_quality.py",
    ],
    "link prediction": ["algorithms/tests/test_link_prediction.py"],
}

_BC = "algorithms/centrality/tests/test_betweenness_centrality.py::"
_CL = "algorithms/centrality/tests/test_closeness_centrality.py::"
_HC = "algorithms/centrality/tests/test_harmonic_centrality.py::"
_EV = "algorithms/centrality/tests/test_eigenvector_centrality.py::"
_PR = "algorithms/link_analysis/tests/test_pagerank.py::"
_SH = "algorithms/tests/test_structuralholes.py::"
_LV = "algorithms/community/tests/test_louvain.py::"
_QU = "algorithms/community/tests/test_quality.py::"
_LP = "algorithms/tests/test_link_prediction.py::"

_ENDPOINTS = "endpoints=True: swgraph's betweenness counts only paths between two other nodes"
_PERSONAL = "personalization=: swgraph's PageRank teleports uniformly"
_DANGLING = "dangling=: swgraph's PageRank spreads a dangling node's score uniformly"
_ORDER = ("asserts NetworkX's order of the communities; swgraph lists them largest first "
          "(the same communities are checked in tests/analysis/test_communities.py)")
_ZERO_WEIGHT = "uses weight-0 edges, which swgraph refuses with a ValueError naming the edge"
_NOT_OFFERED_LP = ("link-prediction index swgraph does not offer (it scores common neighbours, "
                   "Adamic-Adar and resource allocation)")

#: (pattern on "<module path>::<test id>", reason). A reason shared by several patterns is one line of the summary.
NOT_APPLICABLE: list[tuple[str, str]] = [
    # centrality
    (_BC + "TestBetweennessCentrality::*_endpoints", _ENDPOINTS),
    (_BC + "TestBetweennessCentrality::test_scale_with_k_on_*[[]True-True-*]", _ENDPOINTS),
    (_BC + "TestBetweennessCentrality::test_scale_with_k_on_*[[]False-True-*]", _ENDPOINTS),
    (_BC + "TestBetweennessCentrality::test_k_out_of_bounds_raises",
     "expects NetworkX's exceptions for bad k (ZeroDivisionError for k=0); swgraph refuses every k outside "
     "1..n with one ValueError"),
    (_BC + "TestEdgeBetweennessCentrality::*", "edge betweenness: swgraph offers node betweenness only"),
    (_BC + "TestWeightedEdgeBetweennessCentrality::*", "edge betweenness: swgraph offers node betweenness only"),
    (_CL + "TestIncrementalClosenessCentrality::test_[dwi]*",
     "incremental_closeness_centrality: not offered (test_incremental also wants closeness bit-for-bit equal to it)"),
    (_HC + "TestClosenessCentrality::test_cycle_c4_directed", "sources=: swgraph's harmonic centrality sums over every source"),
    (_HC + "TestClosenessCentrality::test_p?_harmonic_subset", "sources=: swgraph's harmonic centrality sums over every source"),
    (_EV + "TestEigenvectorCentrality::test_K5", "nstart=: swgraph's power iteration starts from the all-ones vector"),
    (_EV + "TestEigenvectorCentralityExceptions::test_zero_nstart",
     "nstart=: swgraph's power iteration starts from the all-ones vector"),
    (_EV + "TestEigenvectorCentrality::test_maxiter",
     "max_iter: swgraph's default engine solves the eigenproblem directly, there is no iteration limit to exceed"),
    (_EV + "TestEigenvectorCentralityExceptions::test_null*",
     "empty graph: swgraph returns an empty result (documented), NetworkX raises"),
    (_EV + "TestEigenvectorCentralityExceptions::test_disconnected_numpy[[]*[]]",
     "eigenvector_centrality_numpy refuses disconnected graphs; swgraph gives them the power-iteration limit "
     "(documented) and refuses directed acyclic graphs with its own message"),
    (_PR + "*::test_*personalization*", _PERSONAL),
    (_PR + "*::test_dangling_pagerank[[]*[]]", _DANGLING),
    (_PR + "*::test_dangling_scipy_pagerank", _DANGLING),
    (_PR + "TestPageRankScipy::test_scipy_pagerank", _PERSONAL),
    (_PR + "*::test_google_matrix", "google_matrix: not offered"),
    (_PR + "*::test_dangling_matrix", "google_matrix: not offered"),
    # structural holes
    (_SH + "test_constraint_isolated_node_with_selfloop*_using_nodes_kwarg[[]*[]]",
     "counts a self-loop as a contact (constraint 4 for a node whose only tie is to itself); swgraph ignores "
     "self-loops, as Burt and igraph do"),
    # community
    (_LV + "test_karate_club_partition", _ORDER),
    (_LV + "test_undirected_selfloops", _ORDER),
    (_LV + "test_directed_partition", _ORDER),
    (_LV + "test_directed_selfloops", _ZERO_WEIGHT),
    (_LV + "test_none_weight_param", _ZERO_WEIGHT),
    (_LV + "test_threshold", "threshold=: swgraph's Louvain keeps NetworkX's default threshold"),
    (_LV + "test_max_level", "max_level=: swgraph's Louvain always runs to the last level"),
    (_QU + "TestPerformance::*", "partition_quality / inter_community_edges: not offered (swgraph offers modularity)"),
    (_QU + "TestCoverage::*", "partition_quality / inter_community_edges: not offered (swgraph offers modularity)"),
    (_QU + "test_inter_community_edges_with_digraphs",
     "partition_quality / inter_community_edges: not offered (swgraph offers modularity)"),
    # link prediction
    (_LP + "Test*::test_notimplemented[[]DiGraph[]]",
     "directed graphs: swgraph reads them as undirected (documented), NetworkX refuses them"),
    (_LP + "TestJaccardCoefficient::*", _NOT_OFFERED_LP),
    (_LP + "TestCommonNeighborCentrality::*", _NOT_OFFERED_LP),
    (_LP + "TestPreferentialAttachment::*", _NOT_OFFERED_LP),
    (_LP + "TestCNSoundarajanHopcroft::*", _NOT_OFFERED_LP),
    (_LP + "TestRAIndexSoundarajanHopcroft::*", _NOT_OFFERED_LP),
    (_LP + "TestWithinInterCluster::*", _NOT_OFFERED_LP),
]
