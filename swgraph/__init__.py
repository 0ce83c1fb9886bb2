"""swgraph: China's social-work organisational network as a graph.

The canonical record set (:class:`swgraph.model.Dataset`) is loaded and
validated from YAML seeds; NetworkX projections, Neo4j, analysis, maps and
exports are all derived from it.
"""

__version__ = "0.1.0"
