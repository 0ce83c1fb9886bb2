"""Optional heavy libraries, imported on first use and once, the same way for every layer.

>>> igraph().__name__
'igraph'
"""

from __future__ import annotations

import functools
import sys


@functools.cache
def igraph():
    """The ``igraph`` module, imported on first use.

    ``import igraph`` imports matplotlib.pyplot for igraph's own plotting when matplotlib
    is installed: 0.45 of its 0.52 s CPU (measured, national-2015 dev machine). swgraph never
    plots with igraph, so while igraph is imported (and only if matplotlib is not imported
    yet) ``import matplotlib`` fails and igraph keeps its stand-in module; matplotlib itself
    imports normally afterwards (the report's charts).
    """
    blocked = "matplotlib" not in sys.modules
    if blocked:
        sys.modules["matplotlib"] = None  # an ImportError for igraph's optional import
    try:
        import igraph as module  # noqa: PLC0415 - lazy on purpose: 0.07 s to import this way (measured with -X importtime)
    finally:
        if blocked and sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]
    return module
