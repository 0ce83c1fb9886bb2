"""The ``swgraph`` command line: a thin click layer over the library API."""
