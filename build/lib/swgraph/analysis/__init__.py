"""Network analysis of the swgraph projections (pure functions, plain results).

Families, one module each (import the module you need; igraph is loaded
lazily inside the functions that use it):

* :mod:`~swgraph.analysis.centrality` -- degree/strength, betweenness (exact or
  sampled), closeness, harmonic, eigenvector, PageRank; ``engine`` =
  ``"auto"``/``"igraph"``/``"networkx"``, results identical within 1e-9.
* :mod:`~swgraph.analysis.brokerage` -- articulation points, bridges, Burt's
  constraint and effective size, Gould-Fernandez brokerage roles,
  :func:`~swgraph.analysis.brokerage.hub_assessment`.
* :mod:`~swgraph.analysis.collaboration` -- ties by type, block densities by
  tier, mixing/assortativity by tier or province, same- vs cross-province ties,
  visit reciprocity, organisations without horizontal ties, dormant agreements.
* :mod:`~swgraph.analysis.communities` -- Louvain, modularity, ARI/NMI,
  stability over seeds.
* :mod:`~swgraph.analysis.coverage` -- prefecture-level divisions with and
  without an association per province, compared with documented statistics.
* :mod:`~swgraph.analysis.resilience` -- removing the top broker or a node.
* :mod:`~swgraph.analysis.recommend` -- suggested partnerships with reasons in
  Chinese and English.

Conventions: strength-type metrics take ``weight=`` (contract ``weight``),
shortest-path metrics take ``distance=`` (contract ``distance`` = 1/weight);
each docstring names the projection and direction it expects.
"""

__all__ = ["brokerage", "centrality", "collaboration", "communities", "coverage", "recommend", "resilience"]
