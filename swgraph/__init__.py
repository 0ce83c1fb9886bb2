"""swgraph: China's social-work organisational network as a graph.

The canonical record set (:class:`swgraph.records.dataset.Dataset`) is loaded and
validated from YAML seeds; NetworkX projections, Neo4j, analysis, maps and
exports are all derived from it. The notebook API (:mod:`swgraph.application.api`) is
available as attributes of this package, imported on first use::

    import swgraph
    ds = swgraph.load()
    swgraph.show_map(ds)
"""

__version__ = "0.1.0"

_API = {"Dataset", "load", "generate_network", "diff", "diff_tables", "result_map", "analyze", "node_table", "recommendations_table", "coverage_table", "statistics_table",
        "show_map", "neo4j_settings", "load_into_neo4j", "cypher", "read_from_neo4j", "collaboration_graph", "full_graph", "hierarchy_graph", "person_org_graph", "visit_graph", "project"}


def __getattr__(name):
    if name in _API:
        from swgraph.application import api  # noqa: PLC0415 - `import swgraph` stays fast; the API loads on first use

        return getattr(api, name)
    raise AttributeError(f"module 'swgraph' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_API])
