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

#: (pattern on "<module path>::<test id>", reason). Reasons are grouped: one line of the summary each.
NOT_APPLICABLE: list[tuple[str, str]] = [
]
