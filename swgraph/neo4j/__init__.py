"""Neo4j for swgraph: the local development server and connecting to any Neo4j.

* :mod:`swgraph.neo4j.server` starts, stops and reports the local development
  Neo4j (Neo4j Community 5.26 from Maven Central, no Docker).
* :mod:`swgraph.neo4j.connection` resolves connection settings (arguments, then
  ``NEO4J_*`` variables, then the local dev server) and opens a verified driver.
* :mod:`swgraph.neo4j.loader` loads a dataset (idempotent, batched) and
  computes its :func:`~swgraph.neo4j.loader.checksum`; :mod:`swgraph.neo4j.lock`
  keeps loads of one dataset from running at the same time.

Nothing here imports the ``neo4j`` driver at import time (it costs ~0.5 s);
:func:`swgraph.neo4j.connection.connect` imports it when called.
"""
