"""Files that ship inside the package: the bundled seeds and the Cypher library.

They are read with :mod:`importlib.resources`, so a wheel installed anywhere
finds them; the repository's top-level ``seeds/`` and ``cypher/`` are links to
the same folders. A bundled file that is missing is an error, never an empty
result.

>>> bundled("seeds").joinpath("dataset.yaml").is_file()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from swgraph.core.errors import SwgraphError


class BundledFileMissing(SwgraphError):
    """A file that ships with swgraph is not where the package expects it (a broken install)."""


def bundled(*parts: str) -> Path:
    """The path of a bundled file or folder under ``swgraph/data``; raises when it is absent."""
    path = Path(str(resources.files("swgraph").joinpath("data", *parts)))
    if not path.exists():
        raise BundledFileMissing(f"{path}: bundled with swgraph but missing; reinstall swgraph")
    return path
